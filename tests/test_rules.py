"""Every rule against its fixture cases: the complete list of expected diagnostics, and fixes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.harness import Case, actual, expected, fixed_text, load_cases, run_rule

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case: Case) -> None:
    doc, diagnostics = run_rule(case.code, case.text, case.path, case.options, case.others)
    if case.name.startswith("pass"):
        assert actual(doc, diagnostics) == []
        return
    assert case.expect, f"{case.id}: a fail case must list its diagnostics"
    assert actual(doc, diagnostics) == expected(case, doc)
    if case.fixed is not None:
        result = fixed_text(case.text, diagnostics)
        assert result == case.fixed
        # fixes converge: re-checking the fixed text reports nothing fixable any more
        _, again = run_rule(case.code, result, case.path, case.options)
        assert [d for d in again if d.fix is not None] == []


def test_the_harness_compares_severity_and_fix() -> None:
    """Each expected diagnostic states its severity and its fix (null, or safe/unsafe with the
    replacement); a case that differs in either, or leaves either out, fails."""
    case = next(c for c in CASES if c.id == "T101-fail_after_arabic_number")
    doc, diagnostics = run_rule(case.code, case.text, case.path, case.options)
    assert actual(doc, diagnostics) == expected(case, doc)
    item = case.expect[0]
    assert (item["severity"], item["fix"]) == ("error", {"safe": "百分点"})
    for key, wrong in (("severity", "warning"), ("fix", None), ("fix", {"unsafe": "百分点"})):
        altered = replace(case, expect=[{**item, key: wrong}])
        assert actual(doc, diagnostics) != expected(altered, doc), (key, wrong)
    for key in ("severity", "fix"):
        missing = replace(case, expect=[{k: v for k, v in item.items() if k != key}])
        with pytest.raises(AssertionError, match=f"no {key}"):
            expected(missing, doc)

"""Every rule against its fixture cases: the complete list of expected diagnostics, and fixes."""

from __future__ import annotations

import pytest

from tests.harness import Case, actual, expected, fixed_text, load_cases, run_rule

CASES = load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case: Case) -> None:
    doc, diagnostics = run_rule(case.code, case.text, case.path, case.options)
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

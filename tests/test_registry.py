"""The rule registry: every module listed once, codes and names well formed, every rule documented
and covered by passing and failing fixture cases."""

from __future__ import annotations

import pkgutil
from pathlib import Path

import factlint.rules
import pytest
import regex
from factlint.model import Message
from factlint.rule import DOC_SECTIONS, REQUIRED_DOC_SECTIONS, doc_in, doc_sections
from factlint.rules import REGISTRY

from tests.harness import Example, docstring_examples, load_cases, run_example, run_rule

CASES = load_cases()
EXAMPLES = [example for rule in REGISTRY for example in docstring_examples(rule)]


def test_every_rule_module_is_registered() -> None:
    modules = {
        m.name
        for m in pkgutil.iter_modules(factlint.rules.__path__)
        if not m.ispkg and not m.name.startswith("_")  # _manifest: the listing of the others
    }
    registered = {r.check.__module__.rsplit(".", 1)[1] for r in REGISTRY}
    assert modules == registered
    assert {r.module for r in REGISTRY} == {f"factlint.rules.{m}" for m in modules}


def test_the_manifest_lists_what_the_modules_say() -> None:
    """The registry is read from rules/_manifest.py (no rule module imported to list, select or
    configure rules): it must be what importing the modules gives, rule by rule."""
    import importlib

    from factlint.rule import REGENERATE, Rule, RuleListing
    from factlint.rules import _manifest

    stale = "rules/_manifest.py is stale: run " + REGENERATE
    assert _manifest.generate() == Path(_manifest.__file__).read_text(encoding="utf-8"), stale
    modules = sorted(
        (m.name for m in pkgutil.iter_modules(factlint.rules.__path__)),
        key=lambda name: name.startswith("_"),
    )
    loaded = [
        Rule.from_module(importlib.import_module(f"factlint.rules.{name}"))
        for name in modules
        if not name.startswith("_")
    ]
    assert [(r.module, r.listing) for r in REGISTRY] == sorted(
        ((r.module, RuleListing.of(r.meta, r.default_options())) for r in loaded),
        key=lambda pair: pair[1].code,
    ), stale
    for listed, module in zip(REGISTRY, sorted(loaded, key=lambda r: r.code), strict=True):
        assert listed == module  # loads the listed rule: the same metadata, doc, options, check
        assert listed.meta is module.meta and listed.check is module.check


def test_a_rule_whose_metadata_changed_without_the_manifest_fails_to_load() -> None:
    from dataclasses import replace

    from factlint.rule import Rule, RuleListing, StaleManifest

    rule = REGISTRY[0]
    listing = RuleListing.of(
        replace(rule.meta, summary=Message("旧的摘要", "an old summary")), rule.default_options()
    )
    stale = Rule.listed(rule.module, listing)
    assert not stale.loaded and stale.code == rule.code
    with pytest.raises(StaleManifest, match=r"factlint\.rules --write"):
        stale.check  # noqa: B018
    assert not stale.loaded


def test_a_listed_rule_is_loaded_only_when_used(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from factlint.rules import BY_CODE, REGISTRY\n"
        "from factlint.project.config import check_selector\n"
        "assert check_selector('D1', REGISTRY) == 'D1'\n"
        "rule = BY_CODE['D101']\n"
        "listed = (rule.code, rule.name, rule.scope, rule.listing.severity.value)\n"
        "before = sorted(m for m in sys.modules if m.startswith('factlint.rules.'))\n"
        "rule.check\n"
        "after = sorted(m for m in sys.modules if m.startswith('factlint.rules.'))\n"
        "print(listed, before, after, [r.code for r in REGISTRY if r.loaded])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert done.stdout.strip() == (
        "('D101', 'duplicate-paragraph', 'document', 'error') ['factlint.rules._manifest'] "
        "['factlint.rules._manifest', 'factlint.rules.duplicate_paragraph'] ['D101']"
    )


def test_codes_and_names_are_unique_and_well_formed() -> None:
    codes = [r.code for r in REGISTRY]
    names = [r.name for r in REGISTRY]
    assert codes == sorted(set(codes))
    assert len(set(names)) == len(names)
    assert all(regex.fullmatch(r"[DTNUCSPX]\d{3}", c) for c in codes)
    assert all(regex.fullmatch(r"[a-z]+(?:-[a-z]+)*", n) for n in names)


def test_every_rule_is_documented() -> None:
    for rule in REGISTRY:
        assert rule.doc.startswith(f"{rule.code} {rule.name} — "), rule.code
        sections = doc_sections(rule.doc)
        for lang in ("zh", "en"):
            for section in REQUIRED_DOC_SECTIONS[lang]:
                assert sections.get(section), (rule.code, section)
        assert set(sections) <= {*DOC_SECTIONS["zh"], *DOC_SECTIONS["en"]}, rule.code
        names = list(sections)
        assert names == sorted(names, key=[*DOC_SECTIONS["zh"], *DOC_SECTIONS["en"]].index)
        assert rule.meta.summary.zh and rule.meta.summary.en
        english = doc_in(rule.doc, "en")
        assert "## Example\n```" in english and "## Use instead\n" in english, rule.code


def test_chinese_documentation_is_for_an_editor() -> None:
    """The Chinese sections speak to an editor: no library names, no numeric thresholds of the
    implementation (those go to the English “How it works”)."""
    jargon = regex.compile(
        r"jieba|pypinyin|four-corner|四角号码|rapidfuzz|cn2an|阈值|自然对数|\bTF|regex"
    )
    for rule in REGISTRY:
        zh = doc_in(rule.doc, "zh")
        assert not jargon.search(zh), (rule.code, jargon.search(zh))


def test_every_option_is_documented_in_both_languages() -> None:
    for rule in REGISTRY:
        sections = doc_sections(rule.doc)
        for f in rule.option_fields():
            name = f.name.replace("_", "-")
            assert f"`{name}`（默认 {f.default!r}）" in sections.get("选项", ""), (rule.code, name)
            assert f"`{name}` (default {f.default!r})" in sections.get("Options", ""), rule.code


def test_every_rule_has_pass_and_fail_cases() -> None:
    for rule in REGISTRY:
        names = [c.name for c in CASES if c.code == rule.code]
        assert any(n.startswith("pass_") for n in names), rule.code
        assert any(n.startswith("fail_") for n in names), rule.code
        if rule.meta.fixable:
            assert any(c.fixed is not None for c in CASES if c.code == rule.code), rule.code


def test_fixture_case_names_are_pass_or_fail() -> None:
    assert all(c.name.startswith(("pass_", "fail_")) for c in CASES)


def test_fix_safety_matches_the_fixes_the_fixtures_produce() -> None:
    """``fix_safety`` says how a fixable rule marks its fixes: every fix a fixture case yields is
    safe for "safe", unsafe for "unsafe"; a "mixed" rule decides per finding (its fixtures need not
    show both: T103's unsafe fixes come from a project's fact sheet)."""
    for rule in REGISTRY:
        if not rule.meta.fixable:
            assert rule.meta.fix_safety == "safe", rule.code  # the default, meaning nothing
            continue
        marks = set()
        for case in CASES:
            if case.code == rule.code and case.name.startswith("fail_"):
                _, diagnostics = run_rule(case.code, case.text, case.path, case.options)
                marks |= {d.fix.safe for d in diagnostics if d.fix is not None}
        assert marks, rule.code
        expected = {"safe": {True}, "unsafe": {False}, "mixed": marks}[rule.meta.fix_safety]
        assert marks == expected, rule.code


def test_every_rule_has_docstring_examples() -> None:
    """Every rule shows at least one example it reports (and so tests it, below)."""
    for rule in REGISTRY:
        assert any(e.kind == "fail" for e in EXAMPLES if e.code == rule.code), rule.code


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_docstring_example(example: Example) -> None:
    """The examples of a rule's docstring, pasted as they are: each under ``## Example`` is
    reported by the rule, none under ``## Use instead``."""
    found = [
        f"{d.path}:{d.location.line}:{d.location.column} {d.message.zh}"
        for d in run_example(example)
    ]
    if example.kind == "fail":
        assert found, f"{example.id}: the docstring's example reports nothing: {example.documents}"
    else:
        assert found == [], f"{example.id}: the docstring's correct form is reported"

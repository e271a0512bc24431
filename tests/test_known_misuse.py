"""T103: every entry of the shipped misuse list passes its own examples; the list is well formed;
fact-sheet spellings become entries; the list ships with the package."""

from __future__ import annotations

import pytest
from factlint.engine.core import Engine
from factlint.facts.sheet import FactSheet
from factlint.inputs.reading import document_for
from factlint.language.misuses import (
    Misuse,
    MisuseError,
    builtin_misuses,
    parse_entry,
    spelling_misuses,
)
from factlint.project.config import Config
from factlint.rules import BY_CODE
from factlint.text.fixes import apply_fixes

ENTRIES = builtin_misuses()


def test_the_list_is_loaded_and_has_no_duplicate_patterns() -> None:
    assert len(ENTRIES) >= 30
    patterns = [m.pattern.pattern for m in ENTRIES]
    assert len(patterns) == len(set(patterns))
    assert all(m.note and m.source for m in ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=[m.origin for m in ENTRIES])
def test_entry_examples(entry: Misuse) -> None:
    for text in entry.fails:
        hits = list(entry.matches(text))
        assert len(hits) == 1, f"{entry.origin}: {text!r} should hold one misuse, found {hits}"
        (span, replacement) = hits[0]
        fixed = text[: span.start] + replacement + text[span.end :]
        assert not list(entry.matches(fixed)), f"{entry.origin}: {fixed!r} still matches"
    for text in entry.passes:
        assert not list(entry.matches(text)), f"{entry.origin}: {text!r} should pass"


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        ({"pattern": "甲", "expected": "乙"}, "fail example"),
        ({"pattern": "甲", "expected": "乙", "fail": ["甲"], "fixes": "safe"}, "unknown key"),
        ({"pattern": "(甲", "expected": "乙", "fail": ["甲"]}, "bad pattern"),
        ({"pattern": r"(甲)\1", "expected": "乙", "fail": ["甲甲"]}, "backreference"),
        ({"pattern": "甲", "expected": "乙", "fail": ["甲"], "fix": "maybe"}, "fix must be"),
    ],
)
def test_bad_entries_are_refused(entry: dict[str, object], error: str) -> None:
    with pytest.raises(MisuseError, match=error):
        parse_entry(entry, "test")


def test_fact_sheet_spellings_are_reported_with_an_unsafe_fix_outside_words() -> None:
    facts = FactSheet.from_table({"spellings": {"援青": ["接青"]}})
    (entry,) = spelling_misuses(facts.spellings)
    assert entry.fix == "unsafe"
    text = "组织“足球接青”活动，热情迎接青年志愿者。"
    config = Config()
    config.facts = facts
    diagnostics = Engine([BY_CODE["T103"]], config).check([document_for("a.txt", text)])
    assert [(d.excerpt, d.message.zh) for d in diagnostics] == [
        ("接青", "“接青”是用语规范表中的禁用写法，应为“援青”")
    ]
    fix = diagnostics[0].fix
    assert fix is not None and not fix.safe
    assert apply_fixes(text, [(diagnostics[0].span, fix)], unsafe=True).startswith("组织“足球援青”")


def test_the_list_ships_as_package_data() -> None:
    from importlib.resources import files

    assert files("factlint.rules").joinpath("misuses.toml").is_file()

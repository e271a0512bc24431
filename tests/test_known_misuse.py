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
    misuse_index,
    parse_entry,
    spelling_misuses,
)
from factlint.project.config import Config
from factlint.rules import BY_CODE
from factlint.text.fixes import apply_fixes

from tests.conftest import Memo

ENTRIES = builtin_misuses()


def test_the_list_is_loaded_and_has_no_duplicate_patterns() -> None:
    assert len(ENTRIES) >= 300
    patterns = [m.pattern.pattern for m in ENTRIES]
    assert len(patterns) == len(set(patterns))
    assert all(m.note and m.source for m in ENTRIES)


_T103 = Engine([BY_CODE["T103"]], Config())


def _t103(text: str) -> list[tuple[str, str | None]]:
    """T103's findings on ``text`` alone, with the whole shipped list: (excerpt, replacement)."""
    return [
        (d.excerpt, d.fix.replacement if d.fix else None)
        for d in _T103.check([document_for("a.txt", text)])
    ]


@pytest.mark.parametrize("entry", ENTRIES, ids=[m.origin for m in ENTRIES])
def test_entry_examples(entry: Misuse) -> None:
    """Through the rule, with every other entry present: each fail example gives exactly one
    finding, this entry's, with its replacement, and reads clean once fixed; each pass example
    (the contexts the entry excepts) gives none."""
    for text in entry.fails:
        m = entry.pattern.search(text)
        assert m is not None, f"{entry.origin}: the pattern does not match {text!r}"
        expected = m.expand(entry.expected)
        assert _t103(text) == [(m.group(), expected)], f"{entry.origin}: {text!r}"
        fixed = text[: m.start()] + expected + text[m.end() :]
        assert _t103(fixed) == [], f"{entry.origin}: {fixed!r} still reported"
    for text in entry.passes:
        assert _t103(text) == [], f"{entry.origin}: {text!r} should pass"


def test_no_plain_entry_lies_inside_another() -> None:
    """Overlapping entries would hide one another (the longer one wins where both match)."""
    from factlint.language.misuses import literal_of

    literals = [w for w in map(literal_of, ENTRIES) if w]
    clashes = [(a, b) for a in literals for b in literals if a != b and a in b]
    assert clashes == []


def test_the_list_is_searched_in_one_pass_for_plain_entries() -> None:
    from factlint.language.misuses import literal_of, misuse_index

    assert sum(literal_of(m) is not None for m in ENTRIES) > 0.9 * len(ENTRIES)
    index = misuse_index(ENTRIES)
    text = "截止目前，各项工作再接再励，如火如茶，迫不急待。" * 3
    found = [(text[s.start : s.end], r) for _, s, r in index.matches(text)]
    assert (
        found
        == [
            ("截止", "截至"),
            ("再接再励", "再接再厉"),
            ("如火如茶", "如火如荼"),
            ("迫不急待", "迫不及待"),
        ]
        * 3
    )


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


def test_no_plain_entry_is_inside_a_correct_dictionary_word() -> None:
    """A wrong form found inside a jieba word is allowed only where that word is itself a slip of
    the same kind (九宵云外: 九霄云外 is the word) or the entry has exceptions or the word test."""
    from factlint.language.lexicon import lexicon
    from factlint.language.misuses import literal_of

    words = lexicon()
    plain = [(m, w) for m in ENTRIES if (w := literal_of(m)) and not m.unless and not m.words]
    index: dict[str, list[str]] = {}
    for word in words.frequency:
        for i in range(len(word) - 1):
            index.setdefault(word[i : i + 2], []).append(word)
    hits = [
        (wrong, word)
        for misuse, wrong in plain
        for word in index.get(wrong[:2], ())
        if wrong in word and word != wrong and words.get(word.replace(wrong, misuse.expected)) == 0
    ]
    # jieba's own slips, whose right form jieba happens to lack
    assert set(hits) <= {("震憾", "震憾全球"), ("沉缅", "沉缅于")}


@pytest.mark.parametrize(
    "spellings",
    [
        {"接青": "援青", "a-b": "ab", "x]^y": "xy"},  # no word of one character: pairs are tested
        {"接青": "援青", "卷": "券", "-": "—"},  # a word of one character: every first character
    ],
)
def test_plain_entries_are_found_wherever_they_start(spellings: dict[str, str]) -> None:
    """The one pass over the text finds every plain entry that matches, as trying each entry at
    every position does (with class characters and words of one character among them)."""
    entries = spelling_misuses(spellings)
    text = "迎接青海的接青工作，a-b与x]^y；消费卷-接青接青。" * 3
    expected = sorted(
        (hit[0].start, i, hit)
        for i, entry in enumerate(entries)
        for start in range(len(text))
        if (hit := entry.match_at(text, start)) is not None
    )
    found = [
        (span.start, entries.index(misuse), (span, replacement))
        for misuse, span, replacement in misuse_index(entries).matches(text)
    ]
    kept, end = [], 0
    for start, i, hit in expected:  # overlapping: the first start, then the earlier entry
        if start >= end:
            kept.append((start, i, hit))
            end = hit[0].end
    assert found == kept
    assert len(found) >= 9


# ---- from one run to the next (Corpus.memo) -------------------------------------------------------


def _run_t103(docs: list[tuple[str, str]], memo: Memo | None, searched: list[str]) -> list[object]:
    from factlint.facts.corpus import Corpus
    from factlint.rule import NoOptions
    from factlint.rules import known_misuse
    from factlint.text.document import Document
    from factlint.text.formats import MARKDOWN, PLAIN

    real = known_misuse._search

    def counted(doc: Document, index: object) -> object:
        searched.append(doc.path)
        return real(doc, index)  # type: ignore[arg-type]

    known_misuse._search = counted  # type: ignore[assignment]
    try:
        corpus = Corpus([Document(p, t, MARKDOWN if p.endswith(".md") else PLAIN) for p, t in docs])
        corpus.memo = memo
        return list(known_misuse.check(corpus, NoOptions()))
    finally:
        known_misuse._search = real  # type: ignore[assignment]


def test_t103_searches_again_only_the_documents_whose_text_changed() -> None:
    docs = [
        ("a.txt", "截止目前，已完成投资3亿元。\n"),
        ("b.md", "再接再励推进项目建设，见 `截止目前` 的写法。\n"),
        ("c.txt", "全年地区生产总值稳步增长。\n"),
    ]
    memo = Memo()
    searched: list[str] = []
    cold = _run_t103(docs, None, searched)
    assert [f.path for f in cold] == ["a.txt", "b.md"]  # 截止目前 in code: protected
    first = _run_t103(docs, memo, searched := [])
    assert first == cold and searched == ["a.txt", "b.md", "c.txt"]
    again = _run_t103(docs, memo, searched := [])
    assert again == cold and searched == []  # nothing changed: nothing searched
    # one edit: that document searched again, the others' findings kept (and their paths)
    edited = [docs[0], docs[1], ("c.txt", "如火如茶地开展活动。\n")]
    warm = _run_t103(edited, memo, searched := [])
    assert searched == ["c.txt"]
    assert warm == _run_t103(edited, None, [])
    # the same text under another name, or as Markdown instead of text: its own findings
    renamed = [("z.txt", docs[0][1]), ("b.txt", docs[1][1])]  # b.md's text, as plain text
    searched = []
    found = _run_t103(renamed, memo, searched)
    assert found == _run_t103(renamed, None, []) and searched == ["b.txt"]
    assert [f.path for f in found] == ["z.txt", "b.txt", "b.txt"]


@pytest.mark.parametrize(
    ("texts", "loaded"),
    [
        (["", " \n\u3000\n"], False),  # white space only: the list is not loaded
        (["", "\n\n{}\n\n"], True),  # white space at the ends: searched all the same
    ],
)
def test_the_list_is_loaded_only_for_a_text_that_is_not_all_white_space(
    monkeypatch: pytest.MonkeyPatch, texts: list[str], loaded: bool
) -> None:
    import factlint.rules.known_misuse as rule

    calls: list[int] = []

    def counted() -> list[Misuse]:
        calls.append(1)
        return ENTRIES

    monkeypatch.setattr(rule, "builtin_misuses", counted)
    example = ENTRIES[0].fails[0]
    docs = [document_for(f"{i}.txt", t.format(example)) for i, t in enumerate(texts)]
    found = Engine([BY_CODE["T103"]], Config()).check(docs)
    assert bool(calls) is loaded
    assert bool(found) is loaded

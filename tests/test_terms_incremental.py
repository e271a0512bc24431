"""The run's bigram counts and established pairs from one run to the next (issue 15): with a memo,
``term_index`` counts only the texts that changed and ``established_neighbours`` files again only
the pairs whose count changed; both views are always those of a run without a memo."""

from __future__ import annotations

import pickle
import random
from collections import Counter
from typing import Any

import pytest
from factlint.facts.corpus import Corpus
from factlint.language import terms
from factlint.language.terms import TermIndex, established_neighbours, term_index
from factlint.text.document import Document

from tests.conftest import Memo, shared
from tests.harness import edit_run


class Pickled(dict[str, bytes]):
    """A memo that keeps what it is given pickled, as the runner's cache does."""

    def get(self, name: str) -> Any:  # type: ignore[override]
        body = super().get(name)
        return None if body is None else pickle.loads(body)

    def put(self, name: str, value: Any) -> None:
        self[name] = pickle.dumps(value)


def _views(docs: list[Document], memo: Any = None) -> tuple[TermIndex, dict[Any, list[str]]]:
    corpus = Corpus([Document(d.path, d.text) for d in docs])
    corpus.memo = memo
    return corpus.view(term_index), corpus.view(established_neighbours)


def _same_as_without_memo(docs: list[Document], memo: Any) -> TermIndex:
    index, neighbours = _views(docs, memo)
    plain, plain_neighbours = _views(docs)
    assert dict(index.bigrams) == dict(plain.bigrams)  # (no pair counted 0: dict equality)
    assert index.han_chars == plain.han_chars
    assert {k: sorted(v) for k, v in neighbours.items()} == {
        k: sorted(v) for k, v in plain_neighbours.items()
    }
    assert all(len(v) == len(set(v)) for v in neighbours.values())
    return index


def _lines() -> list[str]:
    return [
        line
        for path in sorted(shared("corpus").glob("*.txt"))[:3]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


class Looked:
    """The dictionary, counting the pairs looked up in it."""

    def __init__(self, lex: Any) -> None:
        self.lex = lex
        self.lookups = 0

    def __contains__(self, word: str) -> bool:
        self.lookups += 1
        return word in self.lex


@pytest.mark.parametrize("memo_kind", [Memo, Pickled])
def test_edits_in_sequence_match_a_run_without_memo(
    memo_kind: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edits of every kind one after the other (a line added or removed, a document deleted or
    added, two texts swapped, a text copied into another document, several at once, the run back
    to what it was): each run's views with the memo of the last are those of a run without one,
    and counted from the last run's when little changed, the established pairs filed again only
    for the pairs whose count changed (few look-ups in the dictionary)."""
    from factlint.language import lexicon

    looked = Looked(lexicon.lexicon())
    monkeypatch.setattr(lexicon, "lexicon", lambda: looked)
    rng = random.Random(16)
    lines = _lines()
    docs = [Document(f"r{i:02d}.txt", "\n".join(lines[i::30]) + "\n") for i in range(30)]
    memo = memo_kind()
    first = _same_as_without_memo(docs, memo)
    assert first.since is None
    original = list(docs)
    incremental = 0
    for step in range(24):
        kind, i = step % 8, rng.randrange(len(docs))
        if kind in (0, 1, 2, 4):
            edit = ("append", "drop-line", "drop", "", "swap")[kind]
            edit_run(docs, edit, i, rng, rng.choice(lines) if kind == 0 else "")
        elif kind == 3:
            docs.append(Document(f"n{step:02d}.txt", rng.choice(lines) + "\n"))
        elif kind == 5:  # the same text twice in the run
            docs.append(Document(f"c{step:02d}.txt", docs[rng.randrange(len(docs))].text))
        elif kind == 6:
            for _ in range(3):
                k = rng.randrange(len(docs))
                docs[k] = Document(docs[k].path, docs[k].text[: rng.randrange(len(docs[k].text))])
        else:
            docs = list(original) if step == 15 else docs
        looked.lookups = 0
        index, _ = _views(docs, memo)
        if index.since is not None:
            incremental += 1
            assert looked.lookups < len(index.bigrams) // 3
        _same_as_without_memo(docs, memo)
    assert incremental >= 20


def test_a_pair_becoming_established_or_not() -> None:
    """A pair used once is filed only if it is a word of the dictionary; used twice, whatever it
    is; used no more, nowhere — through the memo as without it."""
    memo = Memo()
    base = Document("a.txt", "全年地区生产总值稳步增长。\n")
    runs = [
        # 援青 once: not a word, not filed; 足球 once, a word: filed
        [base, Document("b.txt", "足球援青。\n")],
        [base, Document("b.txt", "足球援青，援青工作。\n")],  # twice: filed
        [base, Document("b.txt", "足球工作。\n")],  # gone; 足球 (a word) once: filed
        [base, Document("b.txt", "。\n")],  # 足球 gone: no longer filed
        [base, Document("b.txt", "足球援青，援青工作。\n")],
    ]
    filed = []
    for docs in runs:
        _same_as_without_memo(docs, memo)
        neighbours = _views(docs, memo)[1]
        filed.append(
            ("援青" in neighbours.get((0, "青"), ()), "足球" in neighbours.get((0, "球"), ()))
        )
    assert filed == [(False, True), (True, True), (False, True), (False, False), (True, True)]


def test_the_memo_holds_the_texts_and_their_counts() -> None:
    """What is kept: the texts of the run and their counts; an unchanged run writes nothing, and
    a memo of another kind (or version) is not used."""
    docs = [Document("a.txt", "足球援青，援青工作。\n"), Document("b.txt", "援青。\n")]
    memo = Memo()
    _views(docs, memo)
    state = memo[terms._TERMS]
    assert isinstance(state, terms._Terms)
    assert sorted(state.texts) == sorted(d.text for d in docs)
    assert state.bigrams == {"足球": 1, "球援": 1, "援青": 3, "青工": 1, "工作": 1}
    memo.clear()
    memo[terms._TERMS] = state
    index, _ = _views(list(reversed(docs)), memo)  # another order: the same texts
    assert index.since == (state.token, {})
    assert terms._TERMS not in memo or memo[terms._TERMS] is state
    memo[terms._TERMS] = {"bigrams": Counter({"援青": 99})}
    memo[terms._NEIGHBOURS] = "not an index"
    assert _same_as_without_memo(docs, memo).since is None


def test_one_document_keeps_no_memo() -> None:
    """One text is counted again whatever changed in it: nothing is kept (a 10 MB document would
    be written to the memo on every run for nothing)."""
    memo = Memo()
    index, neighbours = _views([Document("a.txt", "足球援青，援青工作。\n")], memo)
    assert index.bigrams["援青"] == 2 and "援青" in neighbours[(0, "青")]
    assert memo == {}

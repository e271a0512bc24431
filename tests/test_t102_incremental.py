"""T102 from one run to the next (issue 15): with a memo (the runner's cache), each document keeps
its findings while every read of the run they made gives what it gave; the output is always that
of a run without one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from factlint.engine import runner
from factlint.engine.cache import Cache
from factlint.engine.core import Engine
from factlint.facts.corpus import Corpus
from factlint.inputs.reading import document_for
from factlint.language.terms import term_index
from factlint.model import Finding
from factlint.rules import BY_CODE, REGISTRY
from factlint.rules import confusable_variant as cv
from factlint.text.document import Document

from tests.conftest import SEEDS, Memo, packed_entries
from tests.harness import edit_run


@pytest.fixture(scope="module")
def seeds() -> list[Document]:
    paths = sorted(p for p in SEEDS.glob("*.txt") if p.name[:3] in ("000", "001"))
    return [document_for(p.name, p.read_text(encoding="utf-8")) for p in paths]


NEUTRAL = "全年地区生产总值稳步增长，城乡居民收入持续提高。\n"
#: a sentence more for NEUTRAL's document, of no consequence to the others' findings
MORE = "经济社会发展稳步推进。\n"


def _plain(docs: list[Document]) -> list[Finding]:
    return list(cv.check(Corpus([Document(d.path, d.text) for d in docs]), cv.Options()))


class Counted:
    """``_evaluate`` counting the documents it evaluates."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.documents: list[str] = []
        real = cv._evaluate

        def counted(corpus: Corpus, opts: Any, documents: Any = None, counts_of: Any = None) -> Any:
            self.documents.extend(d.path for d in (documents or corpus))
            return real(corpus, opts, documents, counts_of)

        monkeypatch.setattr(cv, "_evaluate", counted)

    def run(
        self, docs: list[Document], memo: Memo, opts: cv.Options | None = None
    ) -> list[Finding]:
        """The findings with ``memo``, which must be those of a run without it."""
        opts = opts or cv.Options()
        expected = list(cv.check(Corpus([Document(d.path, d.text) for d in docs]), opts))
        self.documents.clear()
        corpus = Corpus([Document(d.path, d.text) for d in docs])
        corpus.memo = memo
        found = list(cv.check(corpus, opts))
        assert found == expected
        return found


def _edited(docs: list[Document], path: str, text: str) -> list[Document]:
    return [Document(d.path, text) if d.path == path else d for d in docs]


def _slips(found: list[Finding], docs: list[Document]) -> set[tuple[str, str]]:
    by_path = {d.path: d for d in docs}
    return {(str(f.path), by_path[str(f.path)].slice(f.span)) for f in found}


def test_no_edit_reevaluates_nothing_and_one_edit_that_document(
    seeds: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = Counted(monkeypatch)
    docs = [*seeds, Document("x.txt", NEUTRAL)]
    memo = Memo()
    first = counted.run(docs, memo)
    assert sorted(counted.documents) == sorted(d.path for d in docs)
    assert {"接青", "洲级", "介人", "探密"} <= {s for _, s in _slips(first, docs)}
    assert counted.run(docs, memo) == first
    assert counted.documents == []
    # a sentence of no consequence to the others: only that document is evaluated again
    counted.run(_edited(docs, "x.txt", NEUTRAL + MORE), memo)
    assert counted.documents == ["x.txt"]
    # (one that uses a word of the dictionary the run did not, 新行 of 城市更新行动: a form now
    # for 新签 in 001, which is evaluated again)
    counted.run(_edited(docs, "x.txt", NEUTRAL + "城市更新行动扎实推进。\n"), memo)
    assert counted.documents == ["001_005d632f3578d643.txt", "x.txt"]


@pytest.mark.parametrize("lost", ["term_index", "other run"])
def test_pair_counts_of_another_run_evaluate_every_document(
    seeds: list[Document], monkeypatch: pytest.MonkeyPatch, lost: str
) -> None:
    """The records hold the token of their run's pair counts (``_State.token``): when term_index
    did not count this run from those (its memo lost, or left by a run T102 did not see), the
    pairs whose count changed are not known, and every document is evaluated again."""
    counted = Counted(monkeypatch)
    docs = [*seeds, Document("x.txt", NEUTRAL), Document("y.txt", "探秘神韵黄南。\n")]
    memo = Memo()
    counted.run(docs, memo)
    edited = _edited(docs, "y.txt", "探密神韵黄南。\n")
    if lost == "term_index":
        del memo["term_index"]
    else:  # term_index of another run since (T102's records are of the one before)
        other = Corpus([Document(d.path, d.text) for d in _edited(docs, "x.txt", "")])
        other.memo = memo
        other.view(term_index)
    counted.run(edited, memo)
    assert sorted(counted.documents) == sorted(d.path for d in docs)
    # (and with term_index's memo and T102's of one run again: the document edited, and those
    # whose reads of the run it changed (探秘 in 001), not x.txt)
    counted.run(docs, memo)
    assert "y.txt" in counted.documents and "x.txt" not in counted.documents


@pytest.mark.parametrize("times", [1, 2])
def test_a_count_another_document_reads_crossing_its_threshold(
    seeds: list[Document], monkeypatch: pytest.MonkeyPatch, times: int
) -> None:
    """探密 is used once in seed 001 (探秘 once in 000): a slip. Written again in another
    document, the pair is no longer used once (twice: a slip made twice needs the other form three
    times as often; three times: not rare at all): the finding in 001 goes, though 001 did not
    change. A memo that did not record the pair's count would keep it."""
    counted = Counted(monkeypatch)
    docs = [*seeds, Document("x.txt", NEUTRAL)]
    memo = Memo()
    counted.run(docs, memo)
    # (as many Han characters as before: the word model's frequencies are the same, so that the
    # suspects are not decided again for that reason)
    edited = _edited(docs, "x.txt", NEUTRAL.replace("地区生产"[: 2 * times], "探密" * times))
    found = counted.run(edited, memo)
    assert ("001_005d632f3578d643.txt", "探密") not in _slips(found, edited)
    assert seeds[1].path in counted.documents
    # and back: the finding returns
    found = counted.run(docs, memo)
    assert ("001_005d632f3578d643.txt", "探密") in _slips(found, docs)


def test_a_form_becoming_established_in_another_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """援青 written once in another document is no form of the run (nor a word of the dictionary):
    足球接青 has no twin. Written twice there, it is established: 接青 is a slip for it. The
    document with 接青 did not change; what changed is what it looked up of the run's
    established pairs (a memo that did not record it would keep no finding)."""
    counted = Counted(monkeypatch)
    slip = Document("a.txt", "今年组织开展“足球接青”活动，成效明显。\n" + NEUTRAL)
    once = Document("b.txt", "我们组织开展“足球援青”活动。\n" + NEUTRAL)
    memo = Memo()
    before = counted.run([slip, once], memo)
    assert ("a.txt", "接青") not in _slips(before, [slip, once])
    twice = Document("b.txt", once.text + "援青工作取得新进展。\n")
    after = counted.run([slip, twice], memo)
    assert ("a.txt", "接青") in _slips(after, [slip, twice])
    assert "a.txt" in counted.documents


def test_a_dictionary_word_used_once_in_another_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """探秘, a word of the dictionary (though a rare one), is a form of the run once it is used
    there at all (``established_neighbours``: a word used once is established, another pair
    twice): written once in another document, 探密 beside it is a slip. The document with 探密
    did not change, and no count it read did: what changed is a form it looked up (a memo that
    took a count of 1 for no form, as for a pair that is not a word, would keep no finding)."""
    counted = Counted(monkeypatch)
    slip = Document("a.txt", "今年开展“探密神韵黄南”活动。\n" + NEUTRAL * 5)
    other = Document("b.txt", "他们开展“寻访神韵黄南”活动。\n")
    memo = Memo()
    assert counted.run([slip, other], memo) == []
    edited = Document("b.txt", other.text.replace("寻访", "探秘"))
    after = counted.run([slip, edited], memo)
    assert [(f.path, slip.slice(f.span)) for f in after] == [("a.txt", "探密")]
    assert "a.txt" in counted.documents
    # and back: the finding goes
    assert counted.run([slip, other], memo) == []


def test_a_document_deleted_or_added(
    seeds: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The twin of 足球接青 is in seed 000: without 000, the finding goes (or changes); a new
    document sorted first that writes the same phrase holds the first twin found."""
    counted = Counted(monkeypatch)
    docs = [*seeds, Document("x.txt", NEUTRAL)]
    memo = Memo()
    first = counted.run(docs, memo)
    twins = {f.related[0].path for f in first if f.related}
    assert seeds[0].path in twins
    without = [d for d in docs if d.path != seeds[0].path]
    counted.run(without, memo)
    assert seeds[1].path in counted.documents
    counted.run(docs, memo)
    new = Document("0.txt", "全市开展“足球援青”活动，援青工作扎实推进。\n")
    added = counted.run([new, *docs], memo)
    assert {f.related[0].path for f in added if f.related} != twins  # a twin moved to 0.txt
    assert "0.txt" in {f.related[0].path for f in added if f.related}
    # documents in another order: evaluated again (the first twin found is another)
    counted.run([*docs[::-1]], memo)
    assert len(counted.documents) == len(docs)


def test_other_options_or_a_memo_of_another_kind_are_not_reused(
    seeds: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    counted = Counted(monkeypatch)
    docs = [*seeds, Document("x.txt", NEUTRAL)]
    memo = Memo()
    counted.run(docs, memo)
    corpus = Corpus(docs)
    corpus.memo = memo
    counted.documents.clear()
    found = list(cv.check(corpus, cv.Options(max_rare=2)))
    assert len(counted.documents) == len(docs)
    assert found == list(cv.check(Corpus(docs), cv.Options(max_rare=2)))
    memo.put("T102", "not a state")
    counted.run(docs, memo)
    assert len(counted.documents) == len(docs)
    # most of the run new (more text than the documents kept): every document evaluated again
    counted.run(docs, memo)
    more = [*docs, *(Document(f"y{i}.txt", seeds[i % 2].text[::-1]) for i in range(3))]
    counted.run(more, memo)
    assert len(counted.documents) == len(more)


def test_edits_in_sequence_match_a_run_without_memo(
    seeds: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paragraphs moved between documents, one at a time: after each move, the findings are those
    of a run without memo (``Counted.run`` checks it), and some documents are not evaluated again."""
    counted = Counted(monkeypatch)
    paragraphs = [p for d in seeds for p in d.text.split("\n") if p.strip()]
    docs = [Document(f"d{i}.txt", "\n".join(paragraphs[i::5]) + "\n") for i in range(5)]
    memo = Memo()
    counted.run(docs, memo)
    kept = 0
    for step in range(6):
        source, target = docs[step % 5], docs[(step + 2) % 5]
        lines = source.text.split("\n")
        moved, rest = lines[step % max(1, len(lines) - 1)], lines
        docs = _edited(docs, target.path, target.text + moved + "\n")
        if step % 3 == 2:
            docs = _edited(docs, source.path, "\n".join(rest[1:]))
        counted.run(docs, memo)
        kept += len(docs) - len(counted.documents)
    assert kept > 0


def test_through_the_runner_and_its_cache(
    seeds: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a cache, T102's memo is an entry of it: after one edit, the run is the engine's, at
    ``--jobs 1`` and with T102 offloaded to a forked worker (which writes the memo)."""
    docs = [*seeds, Document("x.txt", NEUTRAL)]
    edited = _edited(docs, "x.txt", NEUTRAL + "开展探密活动。\n")
    for jobs in (1, 2):
        if jobs == 2:
            monkeypatch.setattr(runner, "PARALLEL_MIN_CHARS", 0)
            monkeypatch.setattr(runner, "CHARS_PER_PROCESS", 1)
            monkeypatch.setattr(runner, "default_jobs", lambda: 2)
        cache = Cache(tmp_path / f"c{jobs}")
        for step, run_docs in enumerate((docs, edited, docs)):
            run = runner.Runner(Engine(list(REGISTRY)), jobs=jobs, cache=cache)
            fresh = [Document(d.path, d.text) for d in run_docs]
            assert run.check(fresh) == Engine(list(REGISTRY)).check(
                [Document(d.path, d.text) for d in run_docs]
            )
            if jobs == 2 and step == 0:
                assert "T102" in run.stats.corpus_rules_early
        # one entry a rule or view that keeps a memo: T102's, T103's, and the run's bigram counts
        # and established pairs (``factlint.language.terms``)
        assert len(list((tmp_path / f"c{jobs}").rglob("*.memo"))) == 4
    # the other entries are as they were: one of views for each document
    assert len(packed_entries(tmp_path / "c1", ".bin")) == len(docs) + 1  # and the edited one
    assert BY_CODE["T102"].meta.scope == "corpus"


# Edits of the same length in Han characters below: the word model's frequencies (which read the
# run's count of Han characters) do not change, so only the reads each test is about decide.

SLIP = Document("a.txt", "今年组织开展“足球接青”活动，成效明显。\n" + NEUTRAL)


def test_the_document_of_a_twin_edited(monkeypatch: pytest.MonkeyPatch) -> None:
    """The twin of 足球接青 (足球援青 in b.txt) becomes 篮球援青: no twin is left, and the finding
    in a.txt goes, though a.txt and every count it read are the same (a memo that did not record
    the document of the twin would keep it)."""
    counted = Counted(monkeypatch)
    twin = Document("b.txt", "我们组织开展“足球援青”活动。援青工作取得新进展。\n" + NEUTRAL)
    memo = Memo()
    before = counted.run([SLIP, twin], memo)
    assert [f.related[0].path for f in before] == ["b.txt"]
    edited = Document("b.txt", twin.text.replace("足球援青", "篮球援青"))
    assert counted.run([SLIP, edited], memo) == []
    assert "a.txt" in counted.documents


def test_a_twin_found_first_in_another_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """b.txt, before the twin's document c.txt, comes to write 足球援青 (篮球援青 before: the
    count of 援青 is the same): the first twin found is there now (a memo that did not record
    the contexts the twins were looked for in would keep the one in c.txt)."""
    counted = Counted(monkeypatch)
    other = Document("b.txt", "他们组织开展“篮球援青”活动。\n" + NEUTRAL)
    twin = Document("c.txt", "我们组织开展“足球援青”活动。援青工作取得新进展。\n" + NEUTRAL)
    memo = Memo()
    before = counted.run([SLIP, other, twin], memo)
    assert {f.related[0].path for f in before if f.path == "a.txt"} == {"c.txt"}
    edited = Document("b.txt", other.text.replace("篮球援青", "足球援青"))
    after = counted.run([SLIP, edited, twin], memo)
    assert {f.related[0].path for f in after if f.path == "a.txt"} == {"b.txt"}


def test_a_pair_becoming_rare_through_another_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """接青 is used three times (twice in b.txt): not rare, no suspect in a.txt. b.txt's two uses
    replaced, the one in a.txt is a slip (a memo that did not look for the pairs that became rare
    in the unchanged documents would miss it)."""
    counted = Counted(monkeypatch)
    other = Document("b.txt", "我们组织开展“足球援青”活动。援青工作接青任务接青。\n" + NEUTRAL)
    memo = Memo()
    assert counted.run([SLIP, other], memo) == []
    edited = Document("b.txt", other.text.replace("接青", "迎新"))
    after = counted.run([SLIP, edited], memo)
    assert [f.path for f in after] == ["a.txt"]
    # the same, where nothing else a.txt read of the run changed: 接青 alone between quotes (no
    # neighbour read, no twin without context): a.txt has a suspect more, evaluated again
    alone = Document("a.txt", "“接青”\n" + NEUTRAL)
    memo = Memo()
    counted.run([alone, other], memo)
    counted.run([alone, edited], memo)
    assert "a.txt" in counted.documents


def test_frequencies_of_the_word_model_are_checked(seeds: list[Document]) -> None:
    """A record whose word model's frequencies changed with the run's count of Han characters is
    kept; its suspects are decided again (``fresh`` False) unless no gain it compared with a bound
    can have crossed it (``_Record.margin``: a few characters more move a frequency's logarithm by
    a few millionths); with the same count, it is fresh."""
    docs = [*seeds, Document("x.txt", NEUTRAL)]
    memo = Memo()
    corpus = Corpus(docs)
    corpus.memo = memo
    list(cv.check(corpus, cv.Options()))
    state = memo["T102"]
    assert any(record.rates for record in state.records.values())

    def valid(texts: list[Document]) -> dict[str, tuple[Any, bool]]:
        import hashlib

        run = Corpus(texts)
        run.memo = Memo(memo)  # (term_index tells the pairs whose count changed since)
        digests = [hashlib.blake2b(d.text.encode(), digest_size=16).digest() for d in texts]
        return cv._still_valid(run, cv.Options(), digests, state)

    same = valid(docs)
    assert set(same) == {d.path for d in docs} and all(fresh for _, fresh in same.values())
    longer = valid(_edited(docs, "x.txt", NEUTRAL + MORE))
    rated = [path for path, record in state.records.items() if record.rates and path != "x.txt"]
    assert rated and all(path in longer and longer[path][1] for path in rated)
    # the same records, had a gain stood right at its bound: decided again
    records = state.records
    state = replace(state, records={p: replace(r, margin=1e-9) for p, r in records.items()})
    longer = valid(_edited(docs, "x.txt", NEUTRAL + MORE))
    assert all(path in longer and not longer[path][1] for path in rated)
    # and a third more Han characters: some gain may have crossed its bound
    state = replace(state, records=records)
    added = "嗯" * (sum(len(d.text) for d in docs) // 3)  # (one pair, which no record reads)
    longer = valid(_edited(docs, "x.txt", NEUTRAL + added))
    assert any(path in longer and not longer[path][1] for path in rated)


def test_few_forms_are_found_as_one_scan_finds_them(seeds: list[Document]) -> None:
    """``_occurrences`` looks for a few forms one by one (``str.find``), for many in one scan of
    the Han runs (``find_bigrams``): the same uses of each form, in the same order."""
    from factlint.language.terms import find_bigrams

    text = "".join(d.text for d in seeds) + "援援援青，A援青援青 援青"
    words = {"援青", "援援", "州级", "A援", "青，"}
    by_scan = list(find_bigrams(text, words))
    one_by_one = list(cv._occurrences(text, words))
    assert sorted(one_by_one) == by_scan
    for word in words:
        assert [s for s, w in one_by_one if w == word] == [s for s, w in by_scan if w == word]
    assert by_scan and {w for _, w in by_scan} <= {"援青", "援援", "州级"}


@pytest.mark.parametrize("batch", [1 << 18, 300, 1])
def test_few_forms_are_found_in_the_run_as_a_scan_of_each_document_finds_them(
    seeds: list[Document], monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    """``_run_occurrences`` looks for a few forms one by one in the run's texts joined (in batches
    of ``_BATCH`` characters, a longer document alone), for many in one scan of each document: the
    same uses of each form, in the order of the run and of each text, in the right document."""
    from factlint.language.terms import find_bigrams

    monkeypatch.setattr(cv, "_BATCH", batch)
    docs = [
        Document("a.txt", "援青"),
        *seeds,
        Document("b.txt", "青援青，援"),  # (援 ending a, 青 beginning b: no bigram across them)
        Document("c.txt", ""),
        Document("d.txt", "A援青援青 援青" * 20),
    ]
    run = Corpus(docs)
    words = {"援青", "援援", "州级", "A援", "青，", "青援"}
    by_scan = [(doc, start, w) for doc in docs for start, w in find_bigrams(doc.text, words)]
    batches: list[list[str]] = []
    searched = cv._batch_occurrences

    def spy(batch_: Sequence[Document], words_: set[str]) -> Any:
        batches.append([doc.path for doc in batch_])
        return searched(batch_, words_)

    monkeypatch.setattr(cv, "_batch_occurrences", spy)
    joined = list(cv._run_occurrences(run, words))
    assert sorted(joined, key=lambda o: (docs.index(o[0]), o[1])) == by_scan
    # every document searched once; one of ``_BATCH`` characters or more alone, never copied
    assert sorted(p for group in batches for p in group) == sorted(d.path for d in docs)
    length = {d.path: len(d.text) for d in docs}
    assert all(len(group) == 1 for group in batches if any(length[p] >= batch for p in group))
    for word in words:
        assert [(d.path, s) for d, s, w in joined if w == word] == [
            (d.path, s) for d, s, w in by_scan if w == word
        ]
    assert {(d.path, w) for d, _, w in by_scan} >= {("a.txt", "援青"), ("b.txt", "青援")}
    monkeypatch.setattr(cv, "_FEW_FORMS", 2)  # many forms: each document scanned
    assert list(cv._run_occurrences(run, words)) == by_scan


def test_mixed_edits_of_real_reports_match_a_run_without_memo(
    seeds: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two reports of the proofread corpus dealt into 24 documents with the seeds, slips made in
    them (a character replaced by a look-alike or sound-alike), then edits of every kind one after
    the other — a line added, a line removed, a document deleted, a new document, a slip made, two
    documents' texts swapped, several documents edited at once — each run with the memo of the
    last gives the findings of a run without one (``Counted.run``)."""
    import random

    from tests.conftest import shared

    counted = Counted(monkeypatch)
    rng = random.Random(15)
    lines = [
        line
        for path in sorted(shared("corpus").glob("*.txt"))[:2]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    docs = [*seeds] + [Document(f"r{i:02d}.txt", "\n".join(lines[i::24]) + "\n") for i in range(24)]

    def slip(text: str) -> str:
        for _ in range(100):
            at = rng.randrange(len(text) - 2)
            if cv._han(text[at]) and cv._han(text[at + 1]) and cv._similar(text[at]):
                return text[:at] + rng.choice(sorted(cv._similar(text[at]))) + text[at + 1 :]
        return text

    for _ in range(12):
        i = rng.randrange(len(docs))
        docs[i] = Document(docs[i].path, slip(docs[i].text))
    memo = Memo()
    found = counted.run(docs, memo)
    assert len(found) >= 5
    kept = 0
    for step in range(7):
        kind, i = step % 7, rng.randrange(len(docs))
        line = rng.choice(lines)
        if kind in (0, 1, 2, 5):
            edit_run(docs, ("append", "drop-line", "drop", "", "", "swap")[kind], i, rng, line)
        elif kind == 3:
            docs.append(Document(f"n{step:02d}.txt", line + "\n" + rng.choice(lines) + "\n"))
            docs.sort(key=lambda d: d.path)
        elif kind == 4:
            docs[i] = Document(docs[i].path, slip(docs[i].text))
        else:
            for _ in range(3):
                k = rng.randrange(len(docs))
                docs[k] = Document(docs[k].path, docs[k].text + rng.choice(lines) + "\n")
        counted.run(docs, memo)
        kept += len(docs) - len(counted.documents)
    assert kept > len(docs)  # most documents are not evaluated again


def test_a_gain_moves_at_most_word_uses_times_its_frequency(seeds: list[Document]) -> None:
    """What ``_Record.margin`` rests on: with the word model's frequency of the form multiplied by
    e^d, the gain of a suspect moves by at most ``_WORD_USES`` * |d| (the form used up to four
    times in its window: 援青援青援青援青)."""
    import math

    class Scaled(cv._Counts):
        def __init__(self, index: Any, factor: float) -> None:
            super().__init__(index)
            self.factor = factor

        def frequency(self, word: str, listed: int, total: int) -> float:
            return super().frequency(word, listed, total) * self.factor

    docs = [*seeds, Document("x.txt", "援青援青援青援青，援青" * 3)]
    corpus = Corpus(docs)
    index = corpus.view(term_index)
    suspects = list(cv._suspects(corpus, cv.Options()))[::3]
    suspects.append(cv._Suspect(docs[-1], cv.Span(2, 4), 0, "援青"))
    moved = 0.0
    for suspect in suspects:
        plain = cv._gain(suspect.doc, suspect.span, suspect.word, cv._Counts(index))
        for d in (-2.0, -0.01, 1e-5, 0.3, 3.0):
            other = cv._gain(suspect.doc, suspect.span, suspect.word, Scaled(index, math.exp(d)))
            assert abs(other - plain) <= cv._WORD_USES * abs(d) + cv._SLACK
            moved = max(moved, abs(other - plain) / abs(d))
    assert moved > 1.5  # (the form used more than once in a window: the bound is not slack)


def test_large_changes_of_the_han_count_match_a_run_without_memo(
    seeds: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document of one repeated character grown and shrunk (the run's count of Han characters
    moving by up to a half, no pair another document reads changing): each run with the memo
    gives the findings of a run without it, some records kept as they were, some decided again."""
    counted = Counted(monkeypatch)
    docs = [*seeds, Document("x.txt", NEUTRAL)]
    memo = Memo()
    counted.run(docs, memo)
    size = sum(len(d.text) for d in docs)
    kept = 0
    for share in (0.0001, 0.001, 0.5, 0.01, 0.3, 0.0, 0.05):
        counted.run(_edited(docs, "x.txt", NEUTRAL + "嗯" * int(size * share) + "\n"), memo)
        kept += "000_8afbd95b8d5e6e23.txt" not in counted.documents
    assert kept


@pytest.mark.parametrize("bound", ["min_gain", "twin", "evidence"])
def test_gains_at_their_bounds_match_a_run_without_memo(
    seeds: list[Document], monkeypatch: pytest.MonkeyPatch, bound: str
) -> None:
    """A bound a gain is compared with (``min-gain``; the gain enough beside a twin,
    ``_TWIN_GAIN``; the evidence without one, ``_EVIDENCE``) set a hair above or below the value
    of a suspect whose form's frequency is the run's (its rate in the run, not the dictionary's:
    探秘, 州级, 介入 …), then the run's count of Han characters moved a little at a time, a
    document added before the others and removed, the documents in another order (as another
    ``--jobs`` might hand them): each run with the memo gives the findings of a run without it,
    the suspect's finding comes and goes, and records are kept (``_Record.margin``: only a move
    that may cross its bound decides a document again)."""
    from factlint.language.lexicon import lexicon

    # (介入 used once: its frequency is the run's; 介人 in 001 has no twin: min-gain decides it)
    neutral = NEUTRAL + "积极介入，提高认识，加快发展经济。\n"
    size = sum(len(d.text) for d in seeds)
    # (with some Han characters of no consequence, to take away: the gains move both ways)
    docs = [*seeds, Document("x.txt", neutral + "嗯" * (size // 50) + "\n")]
    corpus = Corpus([Document(d.path, d.text) for d in docs])
    index, lex = corpus.view(term_index), lexicon()
    values: list[float] = []
    gain_of, evidence_of = cv._gain, cv._evidence

    def run_rate(word: str) -> bool:
        return bool(index.rate(word) * lex.total > lex.get(word))

    suspects = list(cv._suspects(corpus, cv.Options()))
    cv._find_twins(corpus, suspects)
    twinned = {(s.doc.path, s.span, s.word) for s in suspects if s.twin and s.twin[0] >= 2}

    def gain(doc: Document, span: Any, word: str, counts: Any, *, reports: bool = True) -> float:
        found = gain_of(doc, span, word, counts, reports=reports)
        if (
            bound != "evidence"
            and run_rate(word)
            and found > 1.5
            and ((doc.path, span, word) in twinned) == (bound == "twin")
        ):
            values.append(found)
        return found

    def evidence(suspect: cv._Suspect, gain: float, uses: int) -> float:
        found = evidence_of(suspect, gain, uses)
        if run_rate(suspect.word):
            values.append(found)
        return found

    monkeypatch.setattr(cv, "_gain", gain)
    monkeypatch.setattr(cv, "_evidence", evidence)
    list(cv.check(corpus, cv.Options()))
    monkeypatch.setattr(cv, "_gain", gain_of)
    monkeypatch.setattr(cv, "_evidence", evidence_of)
    assert values
    counted = Counted(monkeypatch)
    flipped = kept = 0
    for value in sorted(set(values))[:2]:
        for delta in (-0.002, 0.003):
            opts = cv.Options()
            if bound == "min_gain":
                opts = cv.Options(min_gain=value + delta)
            elif bound == "twin":
                opts = cv.Options(min_gain=cv.MAX_GAIN)  # (the bound beside a twin alone)
                monkeypatch.setattr(cv, "_TWIN_GAIN", value + delta)
            else:
                monkeypatch.setattr(cv, "_EVIDENCE", value + delta)
            memo = Memo()
            run = docs
            counted.run(run, memo, opts)
            # (the findings after the runs that only moved the count of Han characters)
            outcomes: set[tuple[tuple[str | None, Any, str], ...]] = set()
            # (thousandths of the seeds' size in Han characters, from 20; then a document sorted
            # before the others, edited, gone; the documents in another order)
            for grown, other in ((0, ""), (40, ""), (19, ""), (21, ""), (40, "added"),
                                 (0, "edited"), (120, ""), (13, "reversed"), (17, "")):  # fmt: skip
                run = _edited(docs, "x.txt", neutral + "嗯" * (size * grown // 1000) + "\n")
                if other in ("added", "edited"):
                    line = "全市开展“探秘神韵黄南”活动。\n"
                    run = [Document("0.txt", line * (1 + (other == "edited"))), *run]
                if other == "reversed":
                    run = run[::-1]
                found = counted.run(run, memo, opts)
                if not other:
                    outcomes.add(tuple((f.path, f.span, f.message.en) for f in found))
                kept += len(run) - len(counted.documents)
            flipped += len(outcomes) > 1
    assert flipped >= 1  # findings came and went with their bounds crossed
    assert kept > 0

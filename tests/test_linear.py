"""The views and rules that used to take time quadratic in unusual input (issue 11) stay linear.

No wall-clock figure is asserted (bench/run.py --quadratic times these cases at full size): each
test counts the Python lines the code of interest executes on a generated input of size n and of
size 2n, a deterministic measure of its work, and bounds their ratio. Quadratic work gives 4.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from factlint import api
from factlint.facts import duplicates, enumerations, numerals, quantities
from factlint.language import consistency
from factlint.rules import confusable_variant, half_width_punctuation, list_member_conflict
from factlint.text.document import PROTECTED, Document

#: linear work measured at 2n is at most this many times that at n (log factors of bisection)
RATIO = 2.3


def _bench_inputs() -> Any:
    """bench/inputs.py: the generators the benchmark times at full size."""
    path = Path(__file__).resolve().parent.parent / "bench" / "inputs.py"
    spec = importlib.util.spec_from_file_location("bench_inputs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_INPUTS = _bench_inputs()
copies_of_one_paragraph = _INPUTS.copies_of_one_paragraph
one_url_per_paragraph = _INPUTS.one_url_per_paragraph
quoted_name_triples = _INPUTS.quoted_name_pairs
versions_of_one_list = _INPUTS.versions_of_one_list
one_offs_among_frequent_forms = _INPUTS.one_offs_among_frequent_forms


def lines_run(call: Callable[[], Any], modules: tuple[Any, ...]) -> int:
    """How many lines of ``modules`` run during ``call()`` (a deterministic count of work)."""
    files = {m.__file__ for m in modules}
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def outer(frame: FrameType, event: str, arg: object) -> Any:
        return local if frame.f_code.co_filename in files else None

    sys.settrace(outer)
    try:
        call()
    finally:
        sys.settrace(None)
    return count


def _work(make: Callable[[int], str], n: int, codes: str, modules: tuple[Any, ...]) -> int:
    document = Document("generated.txt", make(n))
    engine = api.make_engine(select=codes.split(","))
    api.run_checks(engine, [document])  # views, lexicons: built before counting
    fresh = Document("generated.txt", make(n))
    fresh.blocks, fresh.sentences  # noqa: B018 - segmentation is not what is measured
    return lines_run(lambda: api.run_checks(engine, [fresh]), modules)


CASES = [
    pytest.param(copies_of_one_paragraph, 150, "D101,D102,D103", (duplicates,), id="copies"),
    pytest.param(one_url_per_paragraph, 150, "P101", (half_width_punctuation,), id="urls"),
    pytest.param(quoted_name_triples, 150, "C102", (consistency,), id="quoted-names"),
    pytest.param(versions_of_one_list, 150, "C101", (list_member_conflict,), id="list-versions"),
    pytest.param(
        one_offs_among_frequent_forms, 150, "T102", (confusable_variant,), id="one-off-variants"
    ),
]


@pytest.mark.parametrize(("make", "n", "codes", "modules"), CASES)
def test_work_grows_linearly(
    make: Callable[[int], str], n: int, codes: str, modules: tuple[Any, ...]
) -> None:
    small = _work(make, n, codes, modules)
    large = _work(make, 2 * n, codes, modules)
    assert large <= RATIO * small, (small, large)


def test_the_generated_inputs_are_found() -> None:
    """The cases exercise what they mean to: each generated input has the findings it is about."""
    for make, codes, expected in (
        (copies_of_one_paragraph, "D101", 9),
        (quoted_name_triples, "C102", 3),
        (versions_of_one_list, "C101", 4),
        (one_offs_among_frequent_forms, "T102", 2),
    ):
        diagnostics = api.run_checks(api.make_engine(select=[codes]), [Document("g.txt", make(10))])
        assert len(diagnostics) == expected, (codes, diagnostics)


def test_copies_are_related_through_their_group_not_pair_by_pair() -> None:
    """k copies of a paragraph: one group, no sentence reported, and no k² structure built (the
    sentence pass looks each pair up through the copies' group)."""
    doc = Document("copies.txt", copies_of_one_paragraph(300))
    analysis = duplicates.analyse_duplicates(doc)
    assert [len(g) for g in analysis.exact_groups] == [300]
    assert analysis.sentence_copies == ()


class _CountingEnds(frozenset[str]):
    """The sentence-end characters, counting the characters tested against them."""

    tested = 0

    def __contains__(self, char: object) -> bool:
        _CountingEnds.tested += 1
        return super().__contains__(char)

    def isdisjoint(self, other: Any) -> bool:
        _CountingEnds.tested += len(other)
        return super().isdisjoint(other)


def test_t102_tests_each_character_for_a_sentence_end_a_bounded_number_of_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whether a twin stands in the suspect's sentence is looked up by bisection, not by
    rescanning the text between them for every use of the frequent form."""
    monkeypatch.setattr(
        confusable_variant, "_SENTENCE_END", _CountingEnds(confusable_variant._SENTENCE_END)
    )
    engine = api.make_engine(select=["T102"])
    tested = []
    for n in (150, 300):
        _CountingEnds.tested = 0
        api.run_checks(engine, [Document("g.txt", one_offs_among_frequent_forms(n))])
        tested.append(_CountingEnds.tested)
    assert tested[1] <= RATIO * tested[0], tested


def bare_numbers(n: int) -> str:
    """``1、2、3、`` repeated on one line: one quantity per number, one block of lists (issue 11)."""
    return "1、2、3、" * n + "\n"


def named_items(n: int) -> str:
    """``甲乙、丙丁、戊己、`` repeated on one line: one block of lists of names (bare numbers are
    no list: the enumeration view skips them)."""
    return "甲乙、丙丁、戊己、" * n + "\n"


@pytest.mark.parametrize(
    ("view", "modules", "make"),
    [
        pytest.param(quantities.QUANTITIES, (quantities, numerals), bare_numbers, id="quantities"),
        pytest.param(enumerations.ENUMERATIONS, (enumerations,), named_items, id="enumerations"),
    ],
)
def test_views_grow_linearly_in_the_length_of_one_block(
    view: Any, modules: tuple[Any, ...], make: Any
) -> None:
    """A block of nothing but numbers or of names: the views read it in work proportional to its
    length (no scan from each match back or forward over the whole block)."""
    counts = []
    for n in (300, 600):
        document = Document("bare.txt", make(n))
        document.view(PROTECTED)  # the segmentation and protected spans are not measured
        counts.append(lines_run(partial(document.view, view), modules))
        assert document.view(view), "the generated input is read as intended"
    assert counts[1] <= RATIO * counts[0], counts


def test_a_bare_number_shares_one_span_with_its_quantity() -> None:
    """A number without prefix, approximation or unit is its quantity's span: one object, not two,
    when the quantity is made (the view keeps columns, see test_quantities_compact)."""
    found = Document("bare.txt", bare_numbers(300)).view(quantities.QUANTITIES)
    assert len(found) == 900
    assert all(q.number is q.span for q in found)


def test_t102_counts_a_documents_words_once_however_many_it_weighs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The document's own uses of each suspect's word come from one count of its bigrams, made
    once per document (not one scan of the text per word: quadratic in a long document full of
    one-off pairs)."""
    calls: list[int] = []
    real = confusable_variant.bigram_counts

    def counting(text: str) -> Any:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(confusable_variant, "bigram_counts", counting)
    slips = ["加快发展径济，扩大有效投资。", "完善市场监测预敬机制。", "推进综合概革试点。"]
    docs = [
        Document(f"{i}.txt", slip + "保持经济稳定，推动经济发展。") for i, slip in enumerate(slips)
    ]
    engine = api.make_engine(select=["T102"])
    found = api.run_checks(engine, docs)
    assert len({d.path for d in found}) == 3  # every document weighed its words
    assert 1 <= len(calls) <= 3  # from one count of each document, not a scan per word

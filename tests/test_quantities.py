"""The quantity view: values, approximations, units and subjects, and spans that map back."""

from __future__ import annotations

import pytest
from factlint.facts.quantities import QUANTITIES
from factlint.inputs.reading import document_for
from hypothesis import given, settings
from hypothesis import strategies as st


def quantities(text: str) -> list[tuple[str, float, str, str, str]]:
    doc = document_for("q.txt", text)
    return [(doc.slice(q.span), q.value, q.approx, q.unit, q.subject) for q in doc.view(QUANTITIES)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("累计诊疗1.2万余人次。", [("1.2万余人次", 12000.0, "余", "人次", "诊疗")]),
        ("完成手术800余例。", [("800余例", 800.0, "余", "例", "手术")]),
        ("累计投入18.51亿元。", [("18.51亿元", 1851000000.0, "", "元", "")]),
        ("总投资1,000万元。", [("1,000万元", 10000000.0, "", "元", "总投资")]),
        ("增长0.8个百分点。", [("0.8个百分点", 0.8, "", "个百分点", "")]),
        ("帮扶四所市县级人民医院。", [("四所", 4.0, "", "所", "")]),
        ("选派三十余名教师。", [("三十余名", 30.0, "余", "名", "")]),
        ("接待游客近500人次左右。", [("近500人次左右", 500.0, "近左右", "人次", "接待游客")]),
        ("组织两三个小组。", [("两三个", 2.0, "两三", "个", "")]),
        ("二〇一二年以来。", [("二〇一二年", 2012.0, "", "年", "")]),
    ],
)
def test_values_units_and_subjects(
    text: str, expected: list[tuple[str, float, str, str, str]]
) -> None:
    assert quantities(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "坚持统一领导，推进一带一路建设。",
        "“十四五”时期，落实三农政策，开展两学一做学习教育。",
        "纪念五四运动，推动三交深入开展。",
        "建立政府、企业、社会组织、个人“四位一体”的社会帮扶机制。",
    ],
)
def test_numeral_words_are_not_quantities(text: str) -> None:
    assert quantities(text) == []


def test_quantities_of_headings_and_code_are_skipped() -> None:
    doc = document_for("a.md", "# 2024年工作\n\n```\n共100人\n```\n\n完成投资5亿元。\n")
    assert [doc.slice(q.span) for q in doc.view(QUANTITIES)] == ["5亿元"]


_PIECES = st.sampled_from(
    [
        *"一二两三十百千万亿零〇点余多近约超逾个所名台例人次元%，。、“”（）第",
        *["1", "0", "5", ".", ",", "万元", "个百分点", "左右", "\n", "\n\n", " "],
    ]
)


def test_extraction_never_crashes_and_spans_map_back() -> None:
    found: list[int] = []

    @settings(max_examples=300, deadline=None)
    @given(st.lists(_PIECES, max_size=60).map("".join))
    def maps_back(text: str) -> None:
        doc = document_for("h.txt", text)
        for q in doc.view(QUANTITIES):
            assert 0 <= q.span.start <= q.number.start < q.number.end <= q.span.end <= len(text)
            assert doc.slice(q.span).find(doc.slice(q.number)) >= 0
            assert q.unit == "" or doc.slice(q.span).find(q.unit) >= 0
        found.append(len(doc.view(QUANTITIES)))

    maps_back()
    # the pieces are digits, numerals and classifiers: some examples must hold a quantity (seen:
    # one in ten; most examples are short)
    assert sum(1 for n in found if n) * 30 >= len(found), f"quantities per example: {found}"


def test_per_sentence_walks_a_stream_of_figures_as_bisection_would() -> None:
    """``per_sentence`` takes the figures as a stream (a rule never makes a list of a long
    document's quarter million) and pairs each sentence with the figures wholly inside it, exactly
    as a bisection over the whole list does."""
    from bisect import bisect_left
    from pathlib import Path

    from factlint.facts.quantities import per_sentence

    seeds = Path(__file__).resolve().parent.parent / "fixtures" / "documents"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("00*.txt")))
    doc = document_for("seeds.txt", text)
    figures = list(doc.view(QUANTITIES))
    starts = [q.span.start for q in figures]
    for minimum in (0, 2, 3):
        expected = []
        for sentence in doc.sentences:
            lo = bisect_left(starts, sentence.span.start)
            hi = bisect_left(starts, sentence.span.end, lo)
            if hi - lo >= minimum:
                inside = [q for q in figures[lo:hi] if q.span.end <= sentence.span.end]
                expected.append((sentence.span, [q.span for q in inside]))
        # the document's Sentences (bisection of their columns, minimum >= 1) and a plain
        # sequence of them (the walk of every sentence)
        for sentences in (doc.sentences, list(doc.sentences)):
            walked = [
                (sentence.span, [q.span for q in inside])
                for sentence, inside in per_sentence(sentences, iter(figures), minimum)
            ]
            assert walked == expected
            assert sum(len(inside) for _, inside in walked) > 50

"""The quantities view in columns: the same quantities as one object per number gave, in a tenth of
the memory, and a pickle that round-trips (workers send the view back to the parent)."""

from __future__ import annotations

import pickle
import tracemalloc
from typing import Any

import pytest
import regex
from factlint.facts.numerals import is_numeral_word, number_value, pair_value
from factlint.facts.quantities import (
    _FUNCTION_TAIL,
    _UNITS,
    _VERBS,
    QUANTITIES,
    QUANTITY,
    Quantities,
    Quantity,
)
from factlint.inputs.reading import document_for
from factlint.model import Span
from factlint.text.document import PROTECTED, Document
from factlint.text.formats import PLAIN

from tests.conftest import SEEDS, shared
from tests.harness import load_cases

_HAN_RUN_BEFORE = regex.compile(r"\p{Han}{1,12}$")
_HAN_RUN_AFTER = regex.compile(r"^\p{Han}{1,8}")


def _reference_subject(text: str, start: int) -> str:
    before = _HAN_RUN_BEFORE.search(text, max(0, start - 12), start)
    if before is None:
        return ""
    run = before.group()
    cut = max((m.end() for m in _VERBS.finditer(run)), default=0)
    run = run[cut:]
    return run.rstrip(_FUNCTION_TAIL).lstrip("和及与并")[-6:]


def reference(doc: Document) -> list[tuple[Any, ...]]:
    """The quantities as the view found them before it kept columns (one object per number): the
    extraction of release 0.x, kept here as the reference the columns must reproduce."""
    out: list[tuple[Any, ...]] = []
    text = doc.text
    for m in doc.prose_matches(QUANTITY, "number"):
        prefix, number, chinese, suffix, unit, post = m.group(
            "prefix", "number", "chinese", "approx", "unit", "post"
        )
        unit = unit or ""
        end = m.end()
        if chinese is not None:
            if not unit or is_numeral_word(chinese):
                continue
            if text.startswith("一体", end):
                continue
        approx = "".join(a for a in (prefix, suffix, post) if a)
        pair = pair_value(chinese) if chinese is not None else None
        if pair is not None:
            value: float | None = float(pair)
            approx = approx or chinese
        else:
            value = number_value(number)
        if value is None:
            continue
        if unit and unit[0] in "万亿" and number[-1] in "万亿" and unit[1:] in _UNITS:
            value *= 1e4 if unit[0] == "万" else 1e8  # 126万亿元 (fixed since: was 126万 元)
            unit = unit[1:]
        start = m.start()
        after = _HAN_RUN_AFTER.match(text[end : end + 8]) if unit else None
        out.append(
            (
                Span(start, end),
                Span(*m.span("number")),
                value,
                chinese is None,
                approx,
                unit,
                _UNITS.get(unit, "plain"),
                _reference_subject(text, start),
                after.group() if after and not _VERBS.match(after.group()) else "",
            )
        )
    return out


def _fields(q: Quantity) -> tuple[Any, ...]:
    return (q.span, q.number, q.value, q.arabic, q.approx, q.unit, q.kind, q.subject, q.noun)


def _texts() -> list[tuple[str, str]]:
    texts = [
        (p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*")) if p.is_file()
    ]
    texts = [(name, text) for name, text in texts if name.endswith((".txt", ".md"))]
    texts += [(case.path, case.text) for case in load_cases()]
    return texts


def _check(path: str, text: str) -> None:
    doc = document_for(path, text)
    found = doc.view(QUANTITIES)
    expected = reference(doc)
    assert [_fields(q) for q in found] == expected
    assert [_fields(q) for q in found[:]] == expected  # a slice, and indexing, make the same
    assert [_fields(found[i]) for i in range(-len(found), 0)] == expected
    assert list(found.starts) == [q[0].start for q in expected]
    assert bool(found) == bool(expected)
    assert all(q.approximate == bool(q.approx) for q in found)
    assert pickle.loads(pickle.dumps(found)) == found


def test_the_columns_hold_the_quantities_of_the_fixtures() -> None:
    texts = _texts()
    assert sum(len(reference(document_for(p, t))) for p, t in texts) > 500
    for path, text in texts:
        _check(path, text)


def test_the_columns_hold_the_quantities_of_the_corpus() -> None:
    paths = sorted(shared("corpus").glob("*.txt"))
    assert paths
    for path in paths:
        _check(path.name, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "手术\n800例。共计\n约3,000余名\n学生。",  # a subject before a line break ($ before \n)
        "１２３个，1.2万余人次左右，10亿零817万元，七八天，两三个，三十余名教师，四位一体，统一。",
        "报告称共有5个单位，见http://a.cn/5个与`7所`、[8家](http://b/9项)。\n\n```\n10台\n```\n",
    ],
)
def test_the_columns_hold_the_quantities_of_edge_cases(text: str) -> None:
    for path in ("e.txt", "e.md"):
        doc = document_for(path, text)
        assert reference(doc), "the example holds quantities"
        _check(path, text)


def test_filtered_iteration_makes_the_quantities_of_some_units_or_kinds() -> None:
    doc = document_for("f.txt", "共5所学校、3家医院、2个百分点、7名教师、8人、9所。\n")
    found = doc.view(QUANTITIES)
    assert [q.unit for q in found.with_units(["所", "家"])] == ["所", "家", "所"]
    assert [q.unit for q in found.with_kinds(["points", "money"])] == ["个百分点"]
    assert [q.unit for q in found.with_kinds(["count"])] == ["所", "家", "名", "人", "所"]


def test_starts_of_kinds_are_the_starts_of_the_quantities_of_those_kinds() -> None:
    doc = document_for("f.txt", "共5所学校、比例为1∶2∶3、增长2个百分点、7名教师、约8%、2023年。\n")
    found = doc.view(QUANTITIES)
    kinds = {q.kind for q in found}
    assert len(kinds) >= 4
    for wanted in [*({k} for k in kinds), {"count", "plain"}, set()]:
        expected = [q.span.start for q in found if q.kind in wanted]
        assert found.starts_of_kinds(wanted) == expected
    assert found.starts_of_kinds(["plain"]) == [q.span.start for q in found if q.kind == "plain"]
    assert len(found.starts_of_kinds(["plain"])) >= 3


def _dense(text: str) -> tuple[int, int]:
    doc = Document("a.txt", text, PLAIN)
    doc.view(PROTECTED)
    tracemalloc.start()
    try:
        found = doc.view(QUANTITIES)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return len(found), held


@pytest.mark.parametrize("line", ["1、2、3、", "1、2、3、\n", "约1个、2个、3个，"])
def test_a_number_dense_text_costs_few_bytes_a_number(line: str) -> None:
    """Hostile input (issue 11): a text of bare numbers has one quantity per two characters; a
    Quantity object with its spans took about 250 bytes, the columns take about 25."""
    count, held = _dense(line * 20000)
    assert count == 60000
    assert held < 80 * count, f"{held / count:.0f} bytes a number"


def test_the_pickle_is_compact() -> None:
    doc = document_for("p.txt", "完成手术800余例，帮扶四所医院，近500人次左右。" * 2000)
    found = doc.view(QUANTITIES)
    data = pickle.dumps(found)
    assert len(data) < 40 * len(found), f"{len(data) / len(found):.0f} bytes a number"
    again = pickle.loads(data)
    assert isinstance(again, Quantities) and again == found and len(again) == 6000


def test_quantities_is_a_read_only_sequence() -> None:
    found = document_for("s.txt", "共5所学校、3家医院。\n").view(QUANTITIES)
    assert len(found) == 2 and found[-1] == found[1] and found[1:][0] == found[1]
    assert found.index(found[1]) == 1 and found[1] in found
    with pytest.raises(IndexError):
        found[2]
    with pytest.raises(TypeError):
        found.starts[0] = 1  # type: ignore[index]


def test_more_strings_than_two_bytes_count_widen_the_indexes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A document with more than 65,536 subjects and nouns: the indexes into its strings take four
    bytes (seen here with the limit lowered to 3)."""
    from factlint.facts import quantities

    monkeypatch.setattr(quantities, "_TWO_BYTE_INDEXES", 3)
    text = "手术5例，学校6所中学，医院约7家医疗机构，教师8名，农户9户家庭，病床10张。\n"
    doc = document_for("w.txt", text)
    found = doc.view(QUANTITIES)
    assert len(found._strings) > 3 and found._subject.typecode == "I"
    assert [_fields(q) for q in found] == reference(doc)
    assert pickle.loads(pickle.dumps(found)) == found


def test_wan_yi_is_one_multiplier() -> None:
    doc = Document("a.txt", "国内生产总值达到126万亿元，投资3.6亿元，新增5万人。\n")
    assert [(q.value, q.unit) for q in doc.view(QUANTITIES)] == [
        (1.26e14, "元"),
        (3.6e8, "元"),
        (5e4, "人"),
    ]

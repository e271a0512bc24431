"""What the findings of a document with many copies share instead of repeating: D101's and D103's
messages and related places, the engine's related locations, one int for a line that is both
first and last (issue 15: memory per character on the 10 MB document)."""

from __future__ import annotations

from array import array

from factlint.engine.core import Engine, location
from factlint.facts.duplicates import comparison_form
from factlint.model import Span
from factlint.rules import BY_CODE
from factlint.text.blocks import Line, split_lines
from factlint.text.document import Document

PARAGRAPH = (
    "深化互动融合，凝聚文化认同合力。天津援青前方指挥部持续深化津青文化交流，推动两地文化交往。"
)
OTHER = "坚持以人民为中心的发展思想，着力保障和改善民生，城乡居民人均可支配收入稳步增长，生活水平明显提高。"


def _copies() -> Document:
    # each paragraph four times, the last copy of the first with a space (same comparison form,
    # one character longer): D101 reports 6 copies, in two groups
    text = "\n\n".join([PARAGRAPH, OTHER] * 3 + [PARAGRAPH.replace("。", "。 ", 1), OTHER])
    return Document("a.txt", text)


def test_d101_copies_of_a_group_share_the_related_place_and_a_message_per_length() -> None:
    doc = _copies()
    rule = BY_CODE["D101"]
    found = list(rule.check(doc, rule.default_options()))
    assert len(found) == 6
    by_first = {}
    for f in found:
        by_first.setdefault(f.related[0].span, []).append(f)
    assert len(by_first) == 2
    for group in by_first.values():
        assert all(f.related is group[0].related for f in group)
        for f in group:
            same_length = [g for g in group if len(g.span) == len(f.span)]
            assert all(g.message is f.message for g in same_length)
    first = by_first[found[0].related[0].span]
    longer = [f for f in first if len(f.span) != len(first[0].span)]
    assert len(longer) == 1 and longer[0].message != first[0].message  # its own length


def test_d103_copies_of_a_sentence_share_the_message_and_the_related_place() -> None:
    sentence = "城乡居民人均可支配收入稳步增长，生活水平明显提高。"
    starts = [
        "今年全市粮食总产量达到新的水平。",
        "交通运输网络进一步完善优化。",
        "教育事业取得长足的进步与发展。",
    ]
    ends = [
        "全年接待游客人数创历史新高。",
        "医疗卫生服务能力持续提升增强。",
        "生态环境质量总体保持稳定向好。",
    ]
    text = "\n\n".join(a + sentence + b for a, b in zip(starts, ends, strict=True))
    rule = BY_CODE["D103"]
    found = list(rule.check(Document("a.txt", text), rule.default_options()))
    assert len(found) == 2
    assert found[0].message is found[1].message
    assert found[0].related is found[1].related


def test_the_diagnostics_of_equal_related_places_share_one_tuple_of_locations() -> None:
    doc = _copies()
    found = Engine([BY_CODE["D101"]]).check([doc])
    assert len(found) == 6
    by_first = {d.related[0].line: d for d in found}
    assert len(by_first) == 2
    for d in found:
        assert d.related is by_first[d.related[0].line].related
        assert d.related[0].path == "a.txt" and d.related[0].message.en == "first occurrence"


def test_a_location_on_one_line_holds_one_int_for_its_first_and_last_line() -> None:
    doc = Document("a.txt", "\n" * 1000 + "一二三四五\n六七")
    one = location(doc, Span(1000, 1005))
    assert one.line == 1001 and one.end_line is one.line
    two = location(doc, Span(1000, 1008))
    assert (two.line, two.end_line) == (1001, 1002)


def test_comparison_form_keeps_its_offsets_as_machine_integers() -> None:
    form, offsets = comparison_form("ＡＢ　（甲）", 10)
    assert form == "AB(甲)"
    assert isinstance(offsets, array) and offsets.typecode == "q"
    assert list(offsets) == [10, 11, 13, 14, 15]


def test_split_lines_makes_the_lines_one_at_a_time() -> None:
    lines = split_lines("一\r\n二\r三\n")
    assert iter(lines) is lines  # a generator: segment never holds every line (a text's copy)
    assert next(lines) == Line(Span(0, 1), "一")
    assert list(lines) == [Line(Span(3, 4), "二"), Line(Span(5, 6), "三")]
    assert list(split_lines("")) == [Line(Span(0, 0), "")]
    assert list(split_lines("\n")) == [Line(Span(0, 0), "")]
    assert list(split_lines("a\nb")) == [Line(Span(0, 1), "a"), Line(Span(2, 3), "b")]

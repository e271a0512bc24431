"""The shortcuts of the figure, quantity and list readers find what the plain searches they
replace found: each is compared with that search on texts made of the characters that matter."""

from __future__ import annotations

import re

import regex
from factlint.facts import enumerations, figures, quantities
from factlint.facts.numerals import number_value
from factlint.inputs.reading import document_for
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.test_quantities_compact import _reference_subject

#: The patterns as they were, searched from each position.
_CUMULATIVE = regex.compile(
    r"累计|共计|总计|合计|以来|期间|时期|[近过去前后](?:[二三四五六七八九十两]|[一二三四五六七八九十]{2}|\d{1,2})年|"
    r"[一二三四五六七八九十两\d]{1,2}年[来间内中]|“?十[一二三四五六七八九]五”?"
)
_TARGET = re.compile(
    r"目标|预计|预期|力争|计划|争取|确保|拟|规划|左右|以上|不低于|不少于|控制在|保持在|力求"
    r"|(?<!即)将(?=[实达完力突增提使超新建])|(?<![主重需必纲摘])要(?=[实达完力突增提使确新建])"
    r"|(?<!公共)预算(?![收支])"
)


def _texts(alphabet: str, max_size: int = 40) -> st.SearchStrategy[str]:
    return st.text(alphabet=st.sampled_from(alphabet), max_size=max_size)


_CUMULATIVE_CHARS = "累计共总合以来期间时近过去前后一二三四五六七八九十两年内中“”0１9甲，\n"
_TARGET_CHARS = "目标预计期力争划确保拟规左右以上不低于少控制在持求即将要主重需必纲摘实达完突增提使超新建公共算收支甲，"
_METRIC_CHARS = "年均平每实际名义分别同比累计增长加提高上升下降减少回落翻了幅度为率达到是有超过突破完成约近稳定在甲乙，\n"


@settings(max_examples=3000)
@given(_texts(_CUMULATIVE_CHARS))
def test_cumulative_is_found_where_the_plain_pattern_is(text: str) -> None:
    assert (figures._CUMULATIVE.search(text) is not None) == (_CUMULATIVE.search(text) is not None)


@settings(max_examples=3000)
@given(_texts(_TARGET_CHARS))
def test_target_words_are_the_plain_pattern_s(text: str) -> None:
    old, new = _TARGET.search(text), figures._TARGET.search(text)
    assert (old and old.span()) == (new and new.span())


@settings(max_examples=3000)
@given(_texts(_METRIC_CHARS))
@example("甲平均每年实际增长幅度为\n")  # the longest change, before the newline $ matches before
@example("甲稳定在\n")
def test_tail_and_change_searched_near_the_end_match_as_from_the_start(text: str) -> None:
    for pattern, reach in (
        (figures._TAIL, figures._TAIL_REACH),
        (figures._CHANGE, figures._CHANGE_REACH),
    ):
        whole, near = pattern.search(text), pattern.search(text, max(0, len(text) - reach))
        if pattern is figures._CHANGE and text[-1:] not in figures._CHANGE_ENDS:
            near = None  # not searched: no change ends so
        assert (whole and (whole.span(), whole.groupdict())) == (
            near and (near.span(), near.groupdict())
        )


def test_a_metric_with_a_long_change_before_its_figure() -> None:
    assert figures._metric("全市地区生产总值平均每年实际增长幅度为")[2] == "avg+"
    assert figures._metric("粮食产量稳定在") == ("粮食产量", "", "", "")


@settings(max_examples=3000)
@given(
    _texts("累计完成了达到新增加实施现为有是和及与并等的约近超逾手术人才甲\n a1，", 30), st.data()
)
def test_the_subject_is_the_plain_search_s(text: str, data: st.DataObject) -> None:
    starts = [
        i for i in range(1, len(text) + 1) if quantities._HAN_OR_NEWLINE.fullmatch(text[i - 1])
    ]
    if not starts:
        return
    start = data.draw(st.sampled_from(starts))
    assert quantities._subject(text, start) == _reference_subject(text, start)


@settings(max_examples=2000)
@given(_texts("、，,。；;\n甲乙", 60), st.integers(0, 60), st.integers(0, 60))
def test_the_barrier_before_a_list_is_the_last_mark(text: str, lo: int, q: int) -> None:
    lo, q = min(lo, len(text)), min(q, len(text))
    found = enumerations._BARRIER_BACK.search(text, lo, q)
    last = max(text.rfind(mark, lo, q) for mark in enumerations._BARRIER_MARKS)
    assert (found.start() if found is not None else -1) == last


@given(st.from_regex(r"\A[0-9]{1,15}(?:\.[0-9]{1,8})?[万亿]?\Z"))
@example("18.51亿")
@example("0.72万")
def test_plain_decimals_read_as_number_value_reads_them(number: str) -> None:
    doc = document_for("a.txt", f"共{number}元。")
    (q,) = doc.view(quantities.QUANTITIES)
    assert q.value == number_value(number)


def test_a_figure_after_a_newline_takes_its_subject_from_the_line_before() -> None:
    text = "累计完成手术\n800余例"
    assert quantities._subject(text, text.index("8")) == _reference_subject(text, text.index("8"))
    assert quantities._subject(text, text.index("8")) == "手术"


def test_every_change_is_searched_for() -> None:
    """Each word sequence _CHANGE reads (average, qualifier, verb, tail), at the end of a clause
    or before a newline there, is found where the clause is searched near its end."""
    verbs = f"{figures._CHANGE_UP}|{figures._CHANGE_DOWN}|翻".split("|")
    for avg in ("", "年均", "平均每年", "年平均"):
        for qualifier in ("", "实际", "名义", "分别", "同比", "累计"):
            for verb in verbs:
                for tail in ("", *figures._CHANGE_TAIL.split("|")):
                    for end in ("", "\n"):
                        text = f"地区生产总值{avg}{qualifier}{verb}{tail}{end}"
                        assert text[-1:] in figures._CHANGE_ENDS
                        whole = figures._CHANGE.search(text)
                        near = figures._CHANGE.search(
                            text, max(0, len(text) - figures._CHANGE_REACH)
                        )
                        assert whole is not None and near is not None
                        assert (whole.span(), whole.groupdict()) == (near.span(), near.groupdict())


@settings(max_examples=3000)
@given(_texts("甲乙丙丁自治区州县旗特别行政省市盟场长民委，1", 20))
@example("甲乙丙丁戊己庚特别行政区")  # the longest place: seven characters and 特别行政区
@example("甲乙丙丁戊己庚辛特别行政区")
def test_a_place_is_matched_where_the_plain_match_finds_it(text: str) -> None:
    old, new = figures._PLACE.match(text), figures._place(text)
    assert (old and old.span()) == (new and new.span())


def test_the_longest_place_is_read() -> None:
    match = figures._place("甲乙丙丁戊己庚特别行政区人民")
    assert match is not None and match.group("place") == "甲乙丙丁戊己庚特别行政区"


@settings(max_examples=3000)
@given(_texts("由从到至年末底的2019 甲，", 40))
@example("增加到2019年末的")
@example("由2010年的")
@example("从甲")
def test_a_from_to_clause_holds_its_words(text: str) -> None:
    if figures._FROM_TO.search(text) is not None:
        assert "由" in text or "从" in text or ("年" in text and "的" in text)

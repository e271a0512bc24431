"""Quantities: every number of a document with its value, approximation, unit and context.

The numbers themselves — Arabic (1,000 / 18.51 / 1.2万 / 10亿零817万) and Chinese (三 / 三十余 / 两 /
一百六十), and the approximations 两三个, 七八天 — are read by :mod:`factlint.facts.numerals`. A Chinese numeral counts as a quantity only when a unit or classifier follows it
(六名, 四所, 三十余个): that is what separates numbers from the words and fixed expressions built from
numerals (统一, 一带一路, 十四五, 三农, 两学一做, 五四运动).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import regex
from factlint.facts.numerals import (
    APPROX_POST,
    APPROX_PREFIX,
    APPROX_SUFFIX,
    ARABIC_AFTER,
    ARABIC_BEFORE,
    ARABIC_MIXED,
    CHINESE,
    CHINESE_NUMERALS,
    SMALL_UNITS,
    is_numeral_word,
    number_value,
    pair_value,
)
from factlint.model import Span
from factlint.text.document import BLOCKS, PROTECTED
from factlint.text.views import View

if TYPE_CHECKING:
    from factlint.text.document import Document

Kind = Literal["percent", "points", "permille", "money", "count", "measure", "time", "plain"]

#: Units and classifiers, longest first so that 个百分点 wins over 个 and 万人次 over 万.
_UNITS: dict[str, Kind] = {}
for _kind, _words in {
    "points": "个百分点 百分点",
    "percent": "% ％ 个百分比",
    "permille": "‰",
    "money": "亿美元 万美元 美元 亿元 万元 千元 元",
    "measure": (
        "平方公里 平方千米 平方米 立方米 万千瓦时 千瓦时 万千瓦 千瓦 公里 千米 厘米 毫米 米 万亩 亩 千公顷 公顷 "
        "万吨 吨 公斤 千克 克 升 标准煤 兆瓦 千伏"
    ),
    "time": "小时 分钟 个月 年 月 天 日 周",
    "count": (
        "人次 万人次 万人 人 名 位 户 家 所 个 项 台 例 次 场 期 批 件 套 座 栋 条 辆 架 艘 间 张 本 册 篇 部 "
        "届 倍 对 支 组 队 株 头 只 匹 床 层 处 片 块 种 类 门 款 枚 颗 棵 份 宗 起 笔 单 节 课时"
    ),
}.items():
    for _w in _words.split():
        _UNITS.setdefault(_w, _kind)  # type: ignore[arg-type]
_UNIT_ALT = "|".join(regex.escape(u) for u in sorted(_UNITS, key=len, reverse=True))

QUANTITY = regex.compile(
    rf"""
    (?P<prefix>(?:{APPROX_PREFIX}))?
    (?P<number>
        {ARABIC_BEFORE}(?P<arabic>{ARABIC_MIXED}){ARABIC_AFTER}
      | (?<![第{CHINESE_NUMERALS}])(?P<chinese>{CHINESE})
    )
    (?P<approx>{APPROX_SUFFIX})?
    (?P<unit>{_UNIT_ALT})?
    (?P<post>{APPROX_POST})?
    """,
    regex.VERBOSE,
)

#: Verbs and adverbs that stand between a subject and its figure: 完成手术800余例 → 手术.
_VERBS = regex.compile(
    r"累计|共计|合计|总计|完成|开展|实施|实现|达到|突破|超过|新增|增加|减少|增长|下降|提高|提升|帮扶|"
    r"培训|选派|接诊|救治|引进|组织|举办|建成|投入|落实|覆盖|带动|吸引|惠及|输送|达|共|计|了|为|有|是"
)
_FUNCTION_TAIL = "和及与等的约近超逾"
_HAN_RUN_BEFORE = regex.compile(r"\p{Han}{1,12}$")
_HAN_RUN_AFTER = regex.compile(r"^\p{Han}{1,8}")

# ---- shared with the rules that read numbers straight from the text (N101–N105) ----------------
#: Every unit and classifier, longest first, as one regex alternation.
UNIT_ALTERNATION = _UNIT_ALT
#: Chinese names of the units GB 3100 writes with the prefix 千 (kilo): 千牛, 千安, 千乏, 千立方米.
_KILO_NAMES = "米 克 瓦 伏 安 欧 牛 帕 焦 赫 乏 升 卡 比特 立方米"
#: Units that begin with a numeral character: after a digit they are units, not a mixed numeral
#: (5千米 is 5 km, 5个百分点 5 points). 千元 is left out: 5千元 reads as the mixed form of 5000元.
NUMERAL_LED_UNITS: tuple[str, ...] = tuple(
    sorted(
        {u for u in _UNITS if u[0] in SMALL_UNITS and u != "千元"}
        | {"千" + name for name in _KILO_NAMES.split()}
        | {"千兆", "千字", "百帕", "百分比", "百分之"},
        key=len,
        reverse=True,
    )
)
#: Verbs and adverbs that stand between a subject and its figure (吸引, 达到, 覆盖, 有, 达 …).
FIGURE_VERBS = _VERBS


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number in the text. Every span is an exact range of the original text."""

    span: Span  # prefix approximation + number + suffix approximation + unit + post approximation
    number: Span  # the numeral alone
    value: float  # in the base unit: 18.51亿元 is 1851000000 with unit 元
    arabic: bool  # written with digits (1.2万 included), not Chinese numerals
    approx: str  # 余 多 近 约 超 逾 上下 左右 以上 …, or ""
    unit: str  # 亿元 人次 所 % 个百分点 …, or ""
    kind: Kind
    subject: str  # the noun the figure measures, read from before it: 完成手术800余例 → 手术
    noun: str  # the counted noun after a classifier: 6所中学 → 中学 (not a verb: 2家完成升级)

    @property
    def approximate(self) -> bool:
        return bool(self.approx)


def _subject(text: str, start: int) -> str:
    """The noun right before a figure, after the last verb: 累计完成手术800余例 → 手术."""
    before = _HAN_RUN_BEFORE.search(text, max(0, start - 12), start)
    if before is None:
        return ""
    run = before.group()
    cut = max((m.end() for m in _VERBS.finditer(run)), default=0)
    run = run[cut:]
    return run.rstrip(_FUNCTION_TAIL).lstrip("和及与并")[-6:]


def extract_quantities(doc: Document) -> tuple[Quantity, ...]:
    out: list[Quantity] = []
    text = doc.text
    for m in doc.prose_matches(QUANTITY, "number"):
        # one call for the groups, and one Span (and one int per offset) shared by the number and
        # the whole quantity when they coincide: a text of bare numbers (1、2、3、…) makes one
        # Quantity per character or two, so its size is the size of the view
        prefix, number, chinese, suffix, unit, post = m.group(
            "prefix", "number", "chinese", "approx", "unit", "post"
        )
        unit = unit or ""
        end = m.end()
        if chinese is not None:
            if not unit or is_numeral_word(chinese):
                continue  # a numeral word, not a number: 统一, 十四五, 一带一路
            if text.startswith("一体", end):
                continue  # 四位一体, 五位一体: a set phrase
        approx = "".join(a for a in (prefix, suffix, post) if a)
        pair = pair_value(chinese) if chinese is not None else None
        if pair is not None:
            value: float | None = float(pair)
            approx = approx or chinese  # 两三个, 七八天: an approximation, not 23 or 78
        else:
            value = number_value(number)
        if value is None:
            continue
        start = m.start()
        number_start, number_end = m.span("number")
        if number_start == start:
            number_start = start
        if number_end == end:
            number_end = end
        span = Span(start, end)
        after = _HAN_RUN_AFTER.match(text[end : end + 8]) if unit else None
        out.append(
            Quantity(
                span=span,
                number=span
                if span.start == number_start and end == number_end
                else Span(number_start, number_end),
                value=value,
                arabic=chinese is None,
                approx=approx,
                unit=unit,
                kind=_UNITS.get(unit, "plain"),
                subject=_subject(text, start),
                noun=after.group() if after and not _VERBS.match(after.group()) else "",
            )
        )
    return tuple(out)


#: Every number of the body text with its value, approximation, unit and subject.
QUANTITIES: View[Document, tuple[Quantity, ...]] = View(
    "quantities", extract_quantities, reads=(BLOCKS, PROTECTED)
)

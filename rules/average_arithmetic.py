"""N136 average-arithmetic — an average that contradicts the total and the count in the same sentence.

## 检查什么
同一句中给出了总数、个数（户数、人数或天数）和平均数，而平均数与“总数÷个数”不符（允许四舍五入的误
差，另留2%的余地）：
- “带动1200户增收360万元，户均增收3000元”：360万元÷1200户；
- “共培训5000人次，发放补贴100万元，人均200元”：100万元÷5000人次；
- “全年接待游客1200万人次，平均每天3.3万人次”：1200万人次÷365天（日均也可能按工作日、交易日计算，
  只在连240天到366天都对不上时才报告）；“全年……月均”按12个月计算。

不报告：人均地区生产总值、人均可支配收入等统计指标（按年平均人口等口径计算，不是句中两个数相除）；
总数、个数是约数（1200余户、约360万元）的；句中有两个可能的总数或个数的；年均增长。

## 为什么重要
平均数是读者可以自己算的。算不对，说明总数、个数、平均数中有一个改了而另外两个没改。

## 示例
```
带动1200户脱贫户增收360万元，户均增收2000元。
全年接待游客1200万人次，平均每天接待游客33万人次。
```

## 改为
```
带动1200户脱贫户增收360万元，户均增收3000元。
全年接待游客1200万人次，平均每天接待游客3.3万人次。
```

## 如何修改
核对总数、个数和平均数，改正错误的那个。

## What it does
Finds an average (户均, 人均, 家均, 所均, 平均每户/每人, 平均每天/日均, 月均/平均每月) written in
the same sentence as the total it divides, in the same unit, and the count it divides by (a count
of 户, of people in 人/名/人次/位, of 家 or 所; for days, a total stated for 全年), and reports the
average when it lies outside what total ÷ count can be, given the rounding of the three figures
and 2% more.

Left alone: statistical indicators after 人均 (人均地区生产总值, 人均可支配收入 are computed from the
mean population, not from the figures beside them); approximate totals or counts; a sentence with
two candidate totals or counts; a daily average anywhere from the total ÷ 366 to the total ÷ 240
(working days and trading days).

## Why it matters
An average is arithmetic a reader can redo; when it does not add up, one of the three figures was
edited without the others.

## How it works
Figures come from the QUANTITIES view. The average is the figure right after its marker, with at
most a verb between them (户均增收, 平均每天接待游客) that names no indicator. The total is the one
figure of the sentence before the average in the average's unit (not a change: 比上年增加…), the
count the one figure of the sentence in the matching classifier. An approximate average (约3.3万人次)
gets 10% more room.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.numerals import LARGE_UNITS, UNIT_VALUES, decimal_places
from factlint.facts.quantities import QUANTITIES, Quantity, per_sentence
from factlint.model import Finding, Message, Related, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import SENTENCES, Document

META = RuleMeta(
    code="N136",
    name="average-arithmetic",
    severity=Severity.ERROR,
    summary=Message("平均数与总数÷个数不符", "an average that contradicts total ÷ count"),
    reads=(SENTENCES, QUANTITIES),
)

#: The marker of an average right before its figure, with the words between (户均增收, 平均每天接待游客).
_AVERAGE = regex.compile(
    r"(?:(?:平均每|每)(?P<per>户|人|天|日|月|家|所)(?:平均)?|(?P<per2>户|人|日|月|家|所)均)"
    r"(?P<words>\p{Han}{0,8}?)$"
)
#: What may stand between the marker and the figure: a verb, and the noun of the total.
_VERBS = regex.compile(
    r"增收|分红|补助|补贴|发放|获得|领取|减负|节约|享受|接待|培训|投入|资助|奖励|救助|帮扶|受益|"
    r"新增|完成|服务|诊疗|接诊|达|为|约"
)
#: Statistical indicators computed on another base (mean population, a survey): 人均可支配收入.
_INDICATOR = regex.compile(
    r"生产总值|收入|消费|支出|存款|储蓄|面积|住房|拥有|占有|寿命|产值|增加值|GDP"
)
_COUNTS = {"户": ("户",), "人": ("人", "名", "人次", "位"), "家": ("家",), "所": ("所",)}
_YEAR_TOTAL = regex.compile(r"(?:全年|一年|年内)[^，,；;。]{0,14}$")
_CHANGE = regex.compile(r"(?:比|较|增加|增长|减少|下降|提高|降低|其中)[^，,；;。]{0,10}$")


def _slack(doc: Document, q: Quantity, counted: bool = True) -> float:
    """Half a unit in the last digit written; nothing for a count of whole things (1200户) when
    ``counted`` (an average is a quotient: always rounded)."""
    written = doc.slice(q.number)
    last = written[-1:]
    scale = float(UNIT_VALUES[last]) if last in LARGE_UNITS else 1.0
    if counted and q.kind == "count" and scale == 1.0 and decimal_places(written) == 0:
        return 0.0
    return 0.5 * 10.0 ** -decimal_places(written) * scale


def _same_measure(a: Quantity, b: Quantity) -> bool:
    return a.kind == b.kind and a.unit.lstrip(LARGE_UNITS) == b.unit.lstrip(LARGE_UNITS)


def _format(value: float, like: str, unit: str) -> str:
    """``value`` written with the multiplier and decimals of the figure ``like`` (3.3万 → 万, 1)."""
    last = like[-1:]
    scale = float(UNIT_VALUES[last]) if last in LARGE_UNITS else 1.0
    scaled = value / scale
    places = decimal_places(like)
    while places < 4 and (
        f"{scaled:.{places}f}" == like.rstrip(LARGE_UNITS)
        or (abs(scaled) < 10 ** (2 - places) and round(scaled, places) != scaled)
    ):
        places += 1  # three significant digits at least, and never the figure it corrects
    shown = f"{scaled:.{places}f}"
    return f"{shown}{last if scale > 1 else ''}{unit}"


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    text = doc.text
    figures = (
        q
        for q in doc.view(QUANTITIES).with_kinds(("money", "count", "measure"))
        if q.unit[:1] not in LARGE_UNITS
    )  # 212万亿元 is read today as 212万 and 亿元: such a figure is left out
    for sentence, inside in per_sentence(doc.sentences, figures, minimum=2):
        if len(inside) < 2:
            continue
        for i, average in enumerate(inside):
            if i == 0:
                continue
            m = _AVERAGE.search(
                text, max(sentence.span.start, average.span.start - 14), average.span.start
            )
            if m is None or _INDICATOR.search(m.group("words")):
                continue
            found = _check_average(doc, sentence.span.start, inside[max(0, i - 40) : i], average, m)
            if found is not None:
                yield found


def _check_average(
    doc: Document,
    sentence_start: int,
    before: list[Quantity],
    average: Quantity,
    m: regex.Match[str],
) -> Finding | None:
    text = doc.text
    per = m.group("per") or m.group("per2")
    marker = m.start()
    totals = [
        q
        for q in before
        if _same_measure(q, average)
        and not _CHANGE.search(text, max(sentence_start, q.span.start - 12), q.span.start)
    ]
    if len(totals) != 1 or totals[0].approximate:
        return None
    total = totals[0]
    lead = text[max(sentence_start, total.span.start - 16) : total.span.start]
    residual = _VERBS.sub("", m.group("words"))
    if residual and residual not in lead:
        return None  # the words after the marker name something else than the total
    count: Quantity | None = None
    if per in ("天", "日", "月"):
        if not _YEAR_TOTAL.search(lead):
            return None
        divisors = (240.0, 366.0) if per in ("天", "日") else (12.0, 12.0)
        divisor_text = "365天" if per in ("天", "日") else "12个月"
    else:
        counts = [q for q in before if q.unit in _COUNTS[per] and q is not total]
        if len(counts) != 1 or counts[0].approximate or counts[0].value <= 0:
            return None
        count = counts[0]
        slack = _slack(doc, count)
        if count.value - slack <= 0:
            return None
        divisors = (count.value - slack, count.value + slack)
        divisor_text = doc.slice(count.span)
    t_slack = _slack(doc, total)
    a_slack = _slack(doc, average, counted=False)
    low = (total.value - t_slack) / divisors[1]
    high = (total.value + t_slack) / divisors[0]
    margin = 0.12 if average.approximate else 0.02
    if low * (1 - margin) <= average.value + a_slack and average.value - a_slack <= high * (
        1 + margin
    ):
        return None
    if count is not None:
        exact = total.value / count.value
    else:
        exact = total.value / (12.0 if per == "月" else 365.0)
    shown = text[marker : average.span.end]
    written_total = doc.slice(total.span)
    correct = _format(exact, doc.slice(average.number), average.unit)
    related = [Related(total.span, Message("总数", "the total"))]
    if count is not None:
        related.append(Related(count.span, Message("个数", "the count")))
    return Finding(
        span=Span(marker, average.span.end),
        message=Message(
            f"“{shown}”与总数÷个数不符：{written_total}÷{divisor_text}＝{correct}",
            f"“{shown}” does not match total ÷ count: {written_total} ÷ {divisor_text} = {correct}",
        ),
        related=tuple(related),
    )

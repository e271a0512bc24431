"""N130 percentage-point-arithmetic — “由X%提高到Y%，提高Z个百分点” where Z is not Y−X.

## 检查什么
同一句中给出前后两个比率和百分点变化，变化不等于两个比率之差（允许四舍五入的误差）：
- “由X%提高到Y%，提高Z个百分点”“从X%降至Y%，下降Z个百分点”“从X%回落到Y%，回落Z个百分点”；
- “Y%，比上年（X%）提高Z个百分点”“Y%，较上年的X%下降Z个百分点”；
- “由X%提高Z个百分点，达到Y%”；
- “2023年为X%，2024年为Y%，提高Z个百分点”（两个比率在相邻分句，由年份或上年/今年标明）。
方向也检查：Y比X大却写“下降”，同样是错的。

不报告：后一分句说的是另一个比率（城镇化率由60.1%提高到62.3%，户籍人口城镇化率提高1.5个百分点；
2023年城镇化率为60.1%，2024年户籍人口城镇化率为62.3%）；年均变化（由5%提高到8%，年均提高1个百分点）；
只给出一个比率的变化（城镇化率为66.16%，比上年末提高0.94个百分点）。

## 为什么重要
百分点的变化是读者可以自己算的。算不对，说明三个数字中有一个改了而另外两个没改，谁也不知道哪个是对
的。

## 示例
```
城镇化率由52.6%提高到54.8%，提高2.8个百分点
常住人口城镇化率为62.3%，比上年（60.1%）提高1.5个百分点
```

## 改为
```
城镇化率由52.6%提高到54.8%，提高2.2个百分点
常住人口城镇化率为62.3%，比上年（60.1%）提高2.2个百分点
```

## 如何修改
核对三个数字，改正错误的那个（通常是变化值：Y−X）。

## What it does
Finds a rate stated before and after with the change in percentage points in the same sentence —
由/从 X% …到/至 Y%，提高/下降/回落 Z个百分点; Y%，比上年（X%）提高 Z个百分点 or 较上年的 X%;
由 X% 提高 Z个百分点，达到 Y%; 2023年为 X%，2024年为 Y%，提高 Z个百分点 — and
reports the change when it differs from Y−X by more than rounding allows (half a unit in the last decimal place of the figures, or more when one is approximate). The
direction counts too: 下降 with Y > X is as wrong as a wrong difference.

Left alone: a change in a later clause that names another rate (城镇化率由60.1%提高到62.3%，户籍人口
城镇化率提高1.5个百分点), a second period clause naming another rate (2023年城镇化率为60.1%，
2024年户籍人口城镇化率为62.3%), an average per period (由5%提高到8%，年均提高1个百分点), and a change
given with one rate only (为66.16%，比上年末提高0.94个百分点).

## Why it matters
A percentage-point change is arithmetic a reader can redo; when it does not add up, one of the three
figures was edited without the others, and nobody can tell which one is right.

## How it works
A rate before and after (由/从 X% …到/至 Y%; Y%，比上年（X%）; 由 X% … 达到 Y%; two periods in
neighbouring clauses, the second in order and measuring what the first does) and the change in
percentage points in the same sentence; reported when it differs from Y−X by more than half a unit in the last decimal place of
the figures (more when one is approximate), or when the verb's direction contradicts the sign.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.numerals import (
    APPROX_SUFFIX,
    PERCENT,
    POINTS,
    arabic_value,
    decimal,
    decimal_places,
)
from factlint.model import Finding, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="N130",
    name="percentage-point-arithmetic",
    severity=Severity.ERROR,
    summary=Message("百分点变化与前后比率不符", "a percentage-point change that does not add up"),
    reads=(BLOCKS, PROTECTED),
)

_UP = "提高|提升|上升|增加|增长|扩大|上涨"
_DOWN = "下降|降低|减少|回落|下滑|缩小"
_NUMBER = decimal(1, 3, 4)
#: The change in percentage points: 提高2.2个百分点, 下降约0.3个百分点, 回落10余个百分点.
_POINTS_CHANGE = rf"""
    (?P<change>(?P<verb>{_UP}|{_DOWN})了?(?P<approx>约|近|超过|超)?
    (?P<points>{_NUMBER})(?P<more>{APPROX_SUFFIX})?{POINTS})
"""
_CHANGE = regex.compile(
    rf"""
    (?:由|从)(?P<before>{_NUMBER})[{PERCENT}]
    [^。；;！？{PERCENT}]{{0,12}}?(?:到|至)(?P<after>{_NUMBER})[{PERCENT}]
    [^。；;！？{PERCENT}]{{0,16}}?{_POINTS_CHANGE}
    """,
    regex.VERBOSE,
)
#: A base year or period a rate is compared with: 上年, 去年, 上年末, 2023年.
_BASE = r"(?:上年|去年|上年同期|上年末|同期|\d{4}年(?:末|底)?)"
#: The rate before in brackets or after 的, right after the rate now:
#: 城镇化率为62.3%，比上年（60.1%）提高2.2个百分点; 较上年的60.1%提高2.2个百分点.
_AGAINST_BASE = regex.compile(
    rf"""
    (?P<after>{_NUMBER})[{PERCENT}][，,]?(?:比|较){_BASE}(?:（|\(|的)
    (?P<before>{_NUMBER})[{PERCENT}][）)]?{_POINTS_CHANGE}
    """,
    regex.VERBOSE,
)
#: The change between the two rates: 由52.6%提高2.2个百分点，达到54.8%.
_CHANGE_THEN_RATE = regex.compile(
    rf"""
    (?:由|从)(?P<before>{_NUMBER})[{PERCENT}]{_POINTS_CHANGE}
    [，,]?(?:达到|达|至|到)(?P<after>{_NUMBER})[{PERCENT}]
    """,
    regex.VERBOSE,
)
#: Two periods side by side: 2023年城镇化率为60.1%，2024年为62.3%，提高2.2个百分点. The second clause
#: holds nothing but its period and words of the first (the same rate).
_PERIOD = r"(?:上年|去年|今年|本年|\d{4}年)(?:末|底|同期)?"
_TWO_PERIODS = regex.compile(
    rf"""
    (?:^|(?<=[，,；;。：:\n]))(?P<p1>{_PERIOD})(?P<w1>[^，,；;。：:\d{PERCENT}]{{0,12}})
    (?P<before>{_NUMBER})[{PERCENT}][，,]
    (?P<p2>{_PERIOD})(?P<w2>\p{{Han}}{{0,8}}?)(?P<after>{_NUMBER})[{PERCENT}]
    [，,](?:同比|比上年|较上年)?{_POINTS_CHANGE}
    """,
    regex.VERBOSE,
)
_YEAR_NUMBER = regex.compile(r"\d{4}")


def _periods_in_order(m: regex.Match[str]) -> bool:
    """上年 … 今年, 2023年 … 2024年: the first period comes before the second; the second clause
    measures what the first does (2024年为, not 2024年户籍人口城镇化率)."""
    if m.group("w2") not in m.group("w1") + "为是达":
        return False
    y1, y2 = _YEAR_NUMBER.match(m.group("p1")), _YEAR_NUMBER.match(m.group("p2"))
    if y1 and y2:
        return int(y2.group()) > int(y1.group())
    return m.group("p1").startswith(("上年", "去年")) and m.group("p2").startswith(("今年", "本年"))


#: In a new clause before the change, what makes it the change of something else: another rate
#: (户籍人口城镇化率提高1.5个百分点) or an average per period (年均提高1个百分点).
_OTHER_CHANGE = regex.compile(r"率|比重|占比|比例|份额|强度|年均|平均|每年")


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    found: list[Finding] = []
    for m in doc.prose_matches(_CHANGE):
        lead = regex.split(r"[，,、：:]", doc.text[m.end("after") + 1 : m.start("verb")])
        if len(lead) > 1 and _OTHER_CHANGE.search(lead[-1]):
            continue  # a new clause about another rate or a yearly average
        found.extend(_judge(doc, m))
    for pattern in (_AGAINST_BASE, _CHANGE_THEN_RATE, _TWO_PERIODS):
        for m in doc.prose_matches(pattern):
            if pattern is _TWO_PERIODS and not _periods_in_order(m):
                continue
            found.extend(_judge(doc, m))
    seen: set[Span] = set()
    for finding in sorted(found, key=lambda f: (f.span.start, f.span.end)):
        if finding.span not in seen:
            seen.add(finding.span)
            yield finding


def _judge(doc: Document, m: regex.Match[str]) -> Iterator[Finding]:
    """The finding for a change ``m`` (groups before, after, verb, points, approx, more, change)
    when it does not add up."""
    before, after, points = (arabic_value(m.group(g)) or 0.0 for g in ("before", "after", "points"))
    sign = -1 if regex.fullmatch(_DOWN, m.group("verb")) else 1
    difference = round(after - before, 6)
    slack = sum(0.5 * 10 ** -decimal_places(m.group(g)) for g in ("before", "after", "points"))
    if m.group("approx") or m.group("more"):
        slack += 1.0
    stated = sign * points
    if abs(stated - difference) <= slack + 1e-9:
        return
    direction_wrong = difference != 0 and (stated > 0) != (difference > 0)
    exact = f"{abs(difference):.{max(decimal_places(m.group('before')), decimal_places(m.group('after')))}f}"
    start, end = m.span("change")
    shown = doc.text[start:end]
    if direction_wrong:
        zh = f"“{shown}”方向不对：由{m.group('before')}%到{m.group('after')}%是{'上升' if difference > 0 else '下降'}{exact}个百分点"
        en = (
            f"“{shown}” goes the wrong way: from {m.group('before')}% to {m.group('after')}% is "
            f"{'a rise' if difference > 0 else 'a fall'} of {exact} percentage points"
        )
    else:
        high, low = (m.group("after"), m.group("before"))[:: 1 if difference >= 0 else -1]
        zh = f"“{shown}”与前后比率不符：{high}%−{low}%＝{exact}个百分点"
        en = f"“{shown}” does not add up: {high}% − {low}% = {exact} percentage points"
    yield Finding(span=Span(start, end), message=Message(zh, en))

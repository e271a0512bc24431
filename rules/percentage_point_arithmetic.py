"""N130 percentage-point-arithmetic — “由X%提高到Y%，提高Z个百分点” where Z is not Y−X.

## 检查什么
“由X%提高到Y%，提高Z个百分点”中，Z不等于Y减X（允许四舍五入的误差）。方向也检查：Y比X大却写“下降”，
同样是错的。

不报告：后一分句说的是另一个比率（城镇化率由60.1%提高到62.3%，户籍人口城镇化率提高1.5个百分点）；
年均变化（由5%提高到8%，年均提高1个百分点）。

## 为什么重要
百分点的变化是读者可以自己算的。算不对，说明三个数字中有一个改了而另外两个没改，谁也不知道哪个是对
的。

## 示例
```
城镇化率由52.6%提高到54.8%，提高2.8个百分点
```

## 改为
```
城镇化率由52.6%提高到54.8%，提高2.2个百分点
```

## 如何修改
核对三个数字，改正错误的那个（通常是变化值：Y−X）。

## What it does
Finds a rate stated before and after (由/从 X% …到/至 Y%) followed in the same sentence by the change
in percentage points, and reports the change when it differs from Y−X by more than rounding allows
(half a unit in the last decimal place of the figures, or more when one is approximate). The
direction counts too: 下降 with Y > X is as wrong as a wrong difference.

Left alone: a change in a later clause that names another rate (城镇化率由60.1%提高到62.3%，户籍人口
城镇化率提高1.5个百分点) or an average per period (由5%提高到8%，年均提高1个百分点).

## Why it matters
A percentage-point change is arithmetic a reader can redo; when it does not add up, one of the three
figures was edited without the others, and nobody can tell which one is right.

## How it works
A rate before and after (由/从 X% …到/至 Y%) and the change in percentage points in the same
sentence; reported when it differs from Y−X by more than half a unit in the last decimal place of
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
_CHANGE = regex.compile(
    rf"""
    (?:由|从)(?P<before>{_NUMBER})[{PERCENT}]
    [^。；;！？{PERCENT}]{{0,12}}?(?:到|至)(?P<after>{_NUMBER})[{PERCENT}]
    [^。；;！？{PERCENT}]{{0,16}}?(?P<verb>{_UP}|{_DOWN})了?(?P<approx>约|近|超过|超)?
    (?P<points>{_NUMBER})(?P<more>{APPROX_SUFFIX})?{POINTS}
    """,
    regex.VERBOSE,
)

#: In a new clause before the change, what makes it the change of something else: another rate
#: (户籍人口城镇化率提高1.5个百分点) or an average per period (年均提高1个百分点).
_OTHER_CHANGE = regex.compile(r"率|比重|占比|比例|份额|强度|年均|平均|每年")


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    for m in doc.prose_matches(_CHANGE):
        lead = regex.split(r"[，,、：:]", doc.text[m.end("after") + 1 : m.start("verb")])
        if len(lead) > 1 and _OTHER_CHANGE.search(lead[-1]):
            continue  # a new clause about another rate or a yearly average
        before, after, points = (
            arabic_value(m.group(g)) or 0.0 for g in ("before", "after", "points")
        )
        sign = -1 if regex.fullmatch(_DOWN, m.group("verb")) else 1
        difference = round(after - before, 6)
        slack = sum(0.5 * 10 ** -decimal_places(m.group(g)) for g in ("before", "after", "points"))
        if m.group("approx") or m.group("more"):
            slack += 1.0
        stated = sign * points
        if abs(stated - difference) <= slack + 1e-9:
            continue
        direction_wrong = difference != 0 and (stated > 0) != (difference > 0)
        exact = f"{abs(difference):.{max(decimal_places(m.group('before')), decimal_places(m.group('after')))}f}"
        start, end = m.span("verb")[0], m.end()
        shown = doc.text[start:end]
        if direction_wrong:
            zh = f"“{shown}”方向不对：由{m.group('before')}%到{m.group('after')}%是{'上升' if difference > 0 else '下降'}{exact}个百分点"
            en = (
                f"“{shown}” goes the wrong way: from {m.group('before')}% to {m.group('after')}% is "
                f"{'a rise' if difference > 0 else 'a fall'} of {exact} percentage points"
            )
        else:
            zh = f"“{shown}”与前后比率不符：{m.group('after')}%−{m.group('before')}%＝{exact}个百分点"
            en = (
                f"“{shown}” does not add up: {m.group('after')}% − {m.group('before')}% = {exact} "
                "percentage points"
            )
        yield Finding(span=Span(start, end), message=Message(zh, en))

"""N131 share-over-hundred — a share of a whole (占……%, 比重, 占比) above 100%.

## 检查什么
表示“占整体多少”的百分比超过了100%：占……的X%、比重（为/达到）X%、占比X%。

不报告：完成率、增长率等本来就可能超过100%的数，即基数是计划、目标、任务、预算（占计划的105%、完成
目标的120%），或者是上年同期（占上年同期的115%）、平均水平（占全国平均水平的120%）的。

## 为什么重要
部分不可能大于整体。比重超过100%，要么是打错了数字（95.1%写成105.1%），要么是把增长率放到了比重的
位置上。

## 示例
```
服务业增加值占地区生产总值的比重为105.3%。
```

## 改为
```
服务业增加值占地区生产总值的比重为50.3%。
```

## 如何修改
核对数字，改正比重；如果说的其实是增长或完成情况，换成相应的说法。

## What it does
Reports a percentage introduced as a share of a whole — 占……的X%, 比重（为/达到）X%, 占比X% — when X
is above 100. Growth rates, completion rates (占计划的105%, 完成目标的120%) and gross ratios may exceed
100% and are not shares: a share whose base is a plan, target, task or budget, an earlier period
(占上年同期的115%) or an average level (人均地区生产总值占全国平均水平的120%) is left alone.

## Why it matters
No part is bigger than its whole: a share above 100% is a typo (95.1% → 105.1%) or a growth rate
pasted under the wrong label.

## How it works
A percentage introduced as a share (占……的X%, 比重（为/达到）X%, 占比X%) above 100; a base that is
a plan, target, task, budget, earlier period or average level exempts it.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.numerals import PERCENT, arabic_value, decimal
from factlint.model import Finding, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="N131",
    name="share-over-hundred",
    severity=Severity.ERROR,
    summary=Message("占比超过100%", "a share of a whole above 100%"),
    reads=(BLOCKS, PROTECTED),
)

_SHARE = regex.compile(
    rf"(?P<lead>占比|比重|份额|占)(?P<base>[^。，,；;！？{PERCENT}\d]{{0,20}}?)"
    rf"(?:为|达到|达|约|近|超过|提高到|上升到|升至)?(?P<value>{decimal(3, 5, 4)})[{PERCENT}]"
)
_NOT_A_WHOLE = regex.compile(r"计划|目标|任务|预算|上年|去年|同期|基期|平均|水平")


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    for m in doc.prose_matches(_SHARE):
        value = arabic_value(m.group("value"))
        if value is None or value <= 100 or _NOT_A_WHOLE.search(m.group("base")):
            continue
        start, end = m.start("value"), m.end()
        figure = doc.text[start:end]
        yield Finding(
            span=Span(start, end),
            message=Message(
                f"“{m.group('lead')}{m.group('base')}”是部分占整体的比例，不应超过100%，此处为{figure}",
                f"a share of a whole cannot exceed 100%, but “{m.group('lead')}{m.group('base')}” is "
                f"{figure}",
            ),
        )

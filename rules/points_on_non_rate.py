"""N133 points-on-non-rate — 个百分点 for the change of an amount (收入增长3个百分点).

## What it does
Finds a figure in 个百分点 (or 百分点) attached by a verb of change (增长, 提高, 下降 …) directly to
an absolute quantity — 收入, 产值, 利润, 人数, 总量, 增加值, 销售额, 投资 … — as in
“全年财政收入增长3个百分点”. A percentage point is the difference of two rates; an amount grows by a
percentage (3%) or its growth *rate* rises by points.

Left alone, because there a rate is what changes: anything with a rate word before the figure in
its clause (率, 比重, 占比, 比例, 增速, 增幅, 速度, 指数, 份额, 强度, 占 …) or a % figure; a comparison
of growth rates (增长7.6%、高于全国1.7个百分点; 增速比上年提高2个百分点); contributions to growth
(拉动经济增长1.2个百分点, 对增长的贡献); the unit of growth (每增长1个百分点); two growths compared
(收入增长快于GDP增长1个百分点); and any clause where the verb does not follow the amount directly
(财政收入100亿元，增长3个百分点 may be elliptical for a rate and is not judged).

## Why it matters
“收入增长3个百分点” does not say what grew: the amount, by 3%, or the growth rate, by three points
(from 5% to 8%). The two readings differ by an order of magnitude, and statistical editors treat it
as an error.

## Example
```
全县农民人均可支配收入比上年增长2.5个百分点。
```

## Use instead
```
全县农民人均可支配收入比上年增长2.5%（或：收入增速比上年提高2.5个百分点）。
```
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.facts.amounts import amount_change_before
from factlint.facts.quantities import QUANTITIES
from factlint.model import Finding, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import Document

META = RuleMeta(
    code="N133",
    name="points-on-non-rate",
    severity=Severity.WARNING,
    summary=Message(
        "绝对量的变化用了“个百分点”",
        "the change of an amount given in percentage points",
    ),
    reads=(QUANTITIES,),
)


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    text = doc.text
    for q in doc.view(QUANTITIES):
        if q.kind != "points":
            continue
        change = amount_change_before(text, q.span.start)
        if change is None:
            continue
        amount = change.amount
        shown = doc.slice(change.span) + doc.slice(q.span)
        number = doc.slice(q.number)
        yield Finding(
            span=Span(q.span.start, q.span.end),
            message=Message(
                f"“{shown}”：“{amount}”是绝对量，其变化不能用“百分点”表示，应为“{number}%”，"
                f"或写明增速、比重等比率",
                f"“{shown}”: {amount} is an amount, and its change is not measured in percentage "
                f"points; write {number}% or name the rate (增速, 比重) that changed",
            ),
        )

"""N133 points-on-non-rate — 个百分点 for the change of an amount (收入增长3个百分点).

## 检查什么
用“个百分点”来说一个数量的增减，如“全年财政收入增长3个百分点”。“百分点”是两个比率之差；收入、产
值、利润、人数、总量、增加值、销售额、投资等数量的增长应当用百分比（增长3%），或者说它的增速提高了
几个百分点。

不报告：句中有“率、比重、占比、比例、增速、增幅、指数、份额”等比率词或百分数的；增速之间的比较（增
长7.6%，高于全国1.7个百分点）；对增长的拉动、贡献（拉动经济增长1.2个百分点）；“每增长1个百分点”；
两个增长相比（收入增长快于GDP增长1个百分点）；变化词不紧跟数量的（财政收入100亿元，增长3个百分点，
可能是省略了“增速”，不判断）。

## 为什么重要
“收入增长3个百分点”没有说清是什么增长了：是收入增长了3%，还是增速提高了3个百分点（比如从5%到8%）。
两种理解相差一个数量级，统计编辑视之为错误。

## 示例
```
全县农民人均可支配收入比上年增长2.5个百分点。
```

## 改为
```
全县农民人均可支配收入比上年增长2.5%（或：收入增速比上年提高2.5个百分点）。
```

## 如何修改
说数量的增长，改为百分比（增长2.5%）；说增速的变化，写明“增速”（收入增速比上年提高2.5个百分点）。

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

## How it works
A figure in (个)百分点 attached by a verb of change directly to a word of a list of absolute
quantities (收入, 产值, 利润 …). Any rate word or % figure earlier in the clause, comparisons,
contributions (拉动, 贡献), 每增长 and two growths compared exempt it.
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
    for q in doc.view(QUANTITIES).with_kinds(("points",)):
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

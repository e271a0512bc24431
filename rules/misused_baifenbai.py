"""T101 misused-baifenbai — “百分百” written where “百分点” is meant.

## 检查什么
在“数字+个”之后误写的“百分百”，这里只能是“百分点”：如“超出30余个百分百”。

用阿拉伯数字时可以确定是笔误，并给出修改；用汉字数字时（“三个百分百”也可能是口号：实现“三个百分
百”），只在“提高、高出、下降”等表示变化或比较的词之后才报告。

“百分点”只用于比率、比重之间的比较（上线率超出30余个百分点）。如果前面说的是某个数量的增减（收入增
长30个百分百），作者多半想写的是百分比（增长30%），这时提示会说明，但不自动修改。

## 为什么重要
每个字都是常用字，拼写检查查不出来，可它把一个统计数字变成了无意义的说法。

## 示例
```
本科上线率超出自州30余个百分百。
```

## 改为
```
本科上线率超出自州30余个百分点。
```

## 如何修改
改为“百分点”；如果说的是数量的增减，改为百分比（增长30%）。

## What it does
Reports “百分百” (one hundred per cent) after a number and the classifier 个, where only
“百分点” (percentage point) makes sense: “超出30余个百分百”. With Arabic digits the case is
certain and a fix is offered; with Chinese numerals (“三个百分百” is also a slogan: 实现“三个百分百”)
it is reported only after a verb of change or comparison (提高、高出、下降 …).

百分点 is right only where rates or shares are compared (上线率超出30余个百分百). After the change
of an amount (收入增长30个百分百, see N133) the writer most likely meant a percentage (增长30%),
so there the finding says so and offers no fix.

## Why it matters
Each character is a real word, so no spell checker finds it, and it changes a statistic into nonsense.

## How it works
A pattern: a numeral, 个, then 百分百. With Arabic digits a safe fix to 百分点 is offered; with
Chinese numerals only after a verb of change or comparison. After the change of an amount (the
N133 reading) the message suggests a percentage and no fix is offered.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.amounts import amount_change_before
from factlint.facts.numerals import APPROX_SUFFIX, CHINESE_DIGITS, POINT, decimal
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="T101",
    name="misused-baifenbai",
    severity=Severity.ERROR,
    summary=Message("“个百分百”应为“个百分点”", "“百分百” used for “百分点” (percentage point)"),
    fixable=True,
    reads=(BLOCKS, PROTECTED),
)

_CHANGE = r"(?:提高|提升|增长|增加|上升|上涨|高出|超出|超过|高于|低于|下降|降低|减少|回落|下滑|扩大|缩小|相差|差距)"
_ARABIC = regex.compile(
    rf"(?<![\d.])(?P<num>{decimal(1, 6, 4)}(?:{APPROX_SUFFIX})?个)(?P<word>百分百)"
)
_CHINESE = regex.compile(
    _CHANGE
    + rf"[了约近超逾]{{0,2}}(?P<num>[{CHINESE_DIGITS}十百{POINT}]{{1,8}}(?:{APPROX_SUFFIX})?个)"
    + r"(?P<word>百分百)"
)


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    seen: set[int] = set()
    for pattern in (_ARABIC, _CHINESE):
        for m in doc.prose_matches(pattern, "word"):
            start, end = m.span("word")
            if start in seen:
                continue
            seen.add(start)
            number = m.group("num")
            change = amount_change_before(doc.text, m.start("num"))
            if change is not None:
                yield Finding(
                    span=Span(start, end),
                    message=Message(
                        f"“{number}百分百”不成立；“{change.amount}”是绝对量，其变化应以百分比（%）计，"
                        f"不宜改为“百分点”，请按原意改写",
                        f"“{number}百分百” makes no sense; {change.amount} is an amount, whose "
                        f"change is a percentage (%), not percentage points: rewrite it as meant",
                    ),
                )
                continue
            yield Finding(
                span=Span(start, end),
                message=Message(
                    f"“{number}百分百”不成立：差值应以“百分点”计，应为“{number}百分点”",
                    f"“{number}百分百” makes no sense: a difference of rates is counted in "
                    f"percentage points, “{number}百分点”",
                ),
                fix=Fix("百分点", Message("改为“百分点”", "replace with “百分点”")),
            )

"""T101 misused-baifenbai — “百分百” written where “百分点” is meant.

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

## Example
```
本科上线率超出自州30余个百分百。
```

## Use instead
```
本科上线率超出自州30余个百分点。
```
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

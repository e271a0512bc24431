"""N103 range-missing-unit — a range whose first number drops 万, 亿 or the % sign.

## 检查什么
用阿拉伯数字写的范围中，后一个数带“万”“亿”或百分号“%”（‰），前一个数却省掉了：9～16亿、3～5万
元、15～30%。范围号可以是～、~、—、-、至、到。

只省略普通单位是正确的，不报告（150～200千克、3～5年、0—6岁）；日期、年份和不带量级的数字也不报告
（2020～2025年、1-12月、0971-8123456）。

## 为什么重要
国家标准只允许在不会误解时省略范围前一个数的单位。“9～16亿”可能被读成从“9”到“16亿”，所以“万”“亿”“%”必须
重复；标准本身的例子就是“9亿～16亿（不写为9～16亿）”“13万元～17万元”“15%～30%”。

## 示例
```
每年新增9～16亿元投资，带动3～5万人就业，占比15～30%
```

## 改为
```
每年新增9亿～16亿元投资，带动3万～5万人就业，占比15%～30%
```

## 如何修改
在前一个数后补上“万”“亿”或“%”：9～16亿 → 9亿～16亿，15～30% → 15%～30%。`--fix` 可以自动修改。

## What it does
Reports ranges of Arabic numbers, written with ～, ~, —, -, 至 or 到, where the second number carries
the magnitude 万 or 亿 or the sign % (‰) and the first does not: 9～16亿, 3～5万元, 15～30%. Ranges
that only leave out an ordinary unit are correct and left alone (150～200千克, 3～5年, 0—6岁), as are
dates, years and numbers without a magnitude (2020～2025年, 1-12月, 0971-8123456).

## Why it matters
GB/T 15835—2011 lets the first number of a range drop a unit only where that cannot be
misread. “9～16亿” also reads as “from 9 to 1.6 billion”, so 万, 亿 and % must be repeated:
the standard’s own examples are “9亿～16亿（不写为9～16亿）”, “13万元～17万元”, “15%～30%”.

## How it works
A pattern over ranges of Arabic numbers joined by ～, ~, —, -, 至 or 到, where the second number
carries 万, 亿, % or ‰ and the first does not; the fix copies the magnitude or sign to the first.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.numerals import MAGNITUDE, PERCENT, PERMILLE, RANGE_DASH, decimal
from factlint.facts.quantities import UNIT_ALTERNATION
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="N103",
    name="range-missing-unit",
    severity=Severity.WARNING,
    summary=Message(
        "数值范围的前一个数省略了“万”“亿”或“%”",
        "a range whose first number drops 万, 亿 or the % sign",
    ),
    fixable=True,
    reads=(BLOCKS, PROTECTED),
)

RANGE_MISSING_MARK = regex.compile(
    rf"""
    (?<![\dA-Za-z.,．\-－—～~/:：])
    (?P<first>{decimal(1, 12, 6)})
    (?P<dash>{RANGE_DASH})
    (?P<second>{decimal(1, 12, 6)})
    (?P<mark>{MAGNITUDE}|[{PERCENT}{PERMILLE}])
    (?![\d.．\-－])
    (?P<unit>{UNIT_ALTERNATION})?
    """,
    regex.VERBOSE,
)


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    for m in doc.prose_matches(RANGE_MISSING_MARK):
        first, dash, second, mark = m.group("first", "dash", "second", "mark")
        unit = m.group("unit") or ""
        replacement = f"{first}{mark}{dash}{second}{mark}"
        shown = m.group()
        suggested = replacement + unit
        what = "百分号" if mark in PERCENT + PERMILLE else f"“{mark}”"
        what_en = "the sign" if mark in PERCENT + PERMILLE else "the magnitude"
        yield Finding(
            span=Span(m.start(), m.end("mark")),
            message=Message(
                f"“{shown}”中前一个数值省略了{what}，易生歧义，应为“{suggested}”",
                f"“{shown}” drops {what_en} “{mark}” from the first number, which can be "
                f"misread; write “{suggested}”",
            ),
            fix=Fix(replacement, Message(f"改为“{suggested}”", f"write “{suggested}”")),
        )

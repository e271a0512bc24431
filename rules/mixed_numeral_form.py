"""N102 mixed-numeral-form — an Arabic number joined to the Chinese numeral 十, 百 or 千.

## 检查什么
阿拉伯数字后面接了汉字数字“十、百、千”：4千、1百、3十、5百万。按国家标准，只有“万”“亿”可以接在阿拉
伯数字后面（1.2万、10亿）。

以“千”“百”等字开头的单位不算混写，不报告：3千米、5千克、2千瓦、10千伏、120万千瓦时、11.2千公顷、5个百分
点、1000百帕。

## 为什么重要
“4千”既不是阿拉伯数字写法，也不是汉字数字写法。国家标准《出版物上数字用法》只允许“万”“亿”与阿拉伯
数字连用，以便大数易读。

## 示例
```
日均新设企业5千多户，建成3百余个服务站
```

## 改为
```
日均新设企业5000多户，建成300余个服务站
```

## 如何修改
把数字写全：4千 → 4000，1.5千 → 1500，5千多户 → 5000多户。`--fix` 可以自动修改。如果它是更长数字的
一部分（2万5千、1亿3千多万），自动修改保持数值不变，但整体改写（2.5万）可能更好读，所以这种修改需
要确认（`--fix --unsafe-fixes`）。

## What it does
Reports numbers that mix Arabic digits with the Chinese numerals 十, 百 and 千 (4千, 1百, 3十,
5百万), which GB/T 15835 does not allow; 万 and 亿 are the only Chinese numerals that may follow
digits (1.2万, 10亿). Units that begin with a numeral character are units, not a mixed form, and are
left alone: 3千米, 5千克, 2千瓦, 10千伏, 50千牛, 3000千乏, 120万千瓦时, 11.2千公顷, 5个百分点,
1000百帕.

The fix writes the digits out (4千 → 4000, 1.5千 → 1500, 5千多户 → 5000多户). Where the number is
part of a longer compound (2万5千, 1亿3千多万) the fix keeps the value but the compound may read
better rewritten whole (2.5万), so it is offered as unsafe.

## Why it matters
“4千” is neither the Arabic nor the Chinese form of the number; GB/T 15835—2011 keeps 万 and 亿 as
the only Chinese numerals that may be joined to Arabic digits, to make large figures readable.

## How it works
Arabic digits directly followed by 十, 百 or 千 that is not the start of a unit (千米, 千克, 千瓦,
千伏, 千公顷, 百分点, 百帕 …). The fix writes the value in digits; inside a longer compound (2万5千)
it is marked unsafe.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import regex
from factlint.facts.numerals import LARGE_UNITS, SMALL_UNITS, UNIT_VALUES, decimal
from factlint.facts.quantities import NUMERAL_LED_UNITS
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="N102",
    name="mixed-numeral-form",
    severity=Severity.WARNING,
    summary=Message(
        "阿拉伯数字与汉字数字“十”“百”“千”混用",
        "an Arabic number joined to the Chinese numeral 十, 百 or 千",
    ),
    fixable=True,
    fix_safety="mixed",
    reads=(BLOCKS, PROTECTED),
)

_UNIT_AHEAD = "|".join(regex.escape(u) for u in NUMERAL_LED_UNITS)

MIXED_NUMERAL = regex.compile(
    rf"""
    (?<![\dA-Za-z.,．])
    (?P<digits>{decimal(1, 8, 4)})
    (?!{_UNIT_AHEAD})      # 千米, 千瓦, 百分点: a unit, not a numeral
    (?P<numeral>[{SMALL_UNITS}])
    (?![\d{SMALL_UNITS}几])        # 3十5, 3十几: not a number this rule can rewrite digit for digit
    (?![大强佳优])          # 2024十大新闻, 2023百强县: a year and a ranking, not a number
    """,
    regex.VERBOSE,
)
#: A number the match continues: 2万5千, 1亿3千多万.
_COMPOUND_BEFORE = regex.compile(rf"\d[{LARGE_UNITS}]$")
#: Whole ten-thousands right before the match: the 1万 of 1万6千.
_WAN_BEFORE = regex.compile(rf"(?<![\d.,])({decimal(1, 4, 0)})万$")


def _written_out(digits: str, numeral: str) -> str:
    value = Decimal(digits) * UNIT_VALUES[numeral]
    return format(value.normalize(), "f")


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    text = doc.text
    for m in doc.prose_matches(MIXED_NUMERAL):
        start, shown = m.start(), m.group()
        replacement = _written_out(m.group("digits"), m.group("numeral"))
        compound = _COMPOUND_BEFORE.search(text, max(0, m.start() - 2), m.start()) is not None
        tens_of_thousands = _WAN_BEFORE.search(text, max(0, m.start() - 6), m.start())
        if (
            tens_of_thousands is not None
            and m.group("numeral") == "千"
            and len(m.group("digits")) == 1
            and not text.startswith(("万", "亿"), m.end())
        ):
            # 1万6千多户 reads as 1.6万多户: name and rewrite the whole number
            start = tens_of_thousands.start()
            shown = text[start : m.end()]
            replacement = f"{tens_of_thousands.group(1)}.{m.group('digits')}万"
        yield Finding(
            span=Span(start, m.end()),
            message=Message(
                f"“{shown}”混用阿拉伯数字和汉字数字“{m.group('numeral')}”，应写作“{replacement}”",
                f"“{shown}” mixes Arabic digits with the Chinese numeral "
                f"“{m.group('numeral')}”; write “{replacement}”",
            ),
            fix=Fix(
                replacement,
                Message(f"改为“{replacement}”", f"write “{replacement}”"),
                safe=not compound,
            ),
        )

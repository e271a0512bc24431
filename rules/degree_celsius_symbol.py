"""U106 degree-celsius-symbol — °C, ºC or oC written for ℃ after a number.

## 检查什么
数字后面的摄氏度写成了两个字符：度的符号加字母C（25°C、25° C），或者外形相似的符号（25ºC、25˚C），
或者字母o（25oC）。

不报告：已经写作℃的；不带C的度数符号（角度30°）；前面是字母或代号的C（Type-C）；不跟在数字后面的。

## 为什么重要
中文出版物里摄氏度写作一个字符“℃”。写成两个字符可能在行末被拆开，与汉字排在一起时字体也不协
调；“oC”“ºC”则是把符号错打成了字母。

## 示例
```
全年平均气温16.8°C，极端最低气温-5oC
```

## 改为
```
全年平均气温16.8℃，极端最低气温-5℃
```

## 如何修改
改为“℃”。`--fix` 可以自动修改。

## What it does
Finds, directly after a number, the degree Celsius spelled with two characters: the degree sign and
a C (25°C, 25° C), the masculine ordinal indicator or ring above that looks like it (25ºC, 25˚C), or
a letter o (25oC), with either case of C. The safe fix writes the one character ℃ (U+2103) that
Chinese publishing uses.

Left alone: ℃ itself, a degree sign without C (angles: 30°), a C that follows a letter or a code
(Type-C), and anything not after a number.

## Why it matters
In Chinese text the degree Celsius is set as ℃; a two-character °C breaks across lines, renders in
the wrong font next to Chinese characters, and oC or ºC is a typing error that reads as a letter
o. Copy editors normalise all of them to ℃.

## How it works
A pattern directly after a number: the degree sign (U+00B0), the masculine ordinal indicator
(U+00BA), the ring above (U+02DA) or a letter o, an optional space, and C or c. The safe fix writes
℃ (U+2103).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.units import ARABIC_NUMBER, GAP, SYMBOL_END
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="U106",
    name="degree-celsius-symbol",
    severity=Severity.WARNING,
    summary=Message(
        "摄氏度写作°C、oC等，应为“℃”",
        "the degree Celsius written °C, oC or similar instead of ℃",
    ),
    fixable=True,
    reads=(BLOCKS, PROTECTED),
)

#: What every match holds: blocks without it are not searched.
_SIGN = regex.compile(r"[°º˚]|o[Cc]")
_CELSIUS_AFTER_NUMBER = regex.compile(
    rf"""
    {ARABIC_NUMBER}{GAP}
    (?P<sign> [°º˚][ \u00a0\u2009]?[Cc] | o[Cc] )
    {SYMBOL_END}
    """,
    regex.VERBOSE,
)


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    text = doc.text
    for m in doc.prose_matches(_CELSIUS_AFTER_NUMBER, "sign", needs=_SIGN):
        sign = m.group("sign")
        shown = text[m.start("number") : m.end("sign")]
        yield Finding(
            span=Span(m.start("sign"), m.end("sign")),
            message=Message(
                f"“{shown}”中的摄氏度写作“{sign}”，应为“℃”",
                f"the degree Celsius in “{shown}” is written {sign}; write ℃",
            ),
            fix=Fix("℃", Message("改为“℃”", "replace with ℃")),
        )

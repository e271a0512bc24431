"""U106 degree-celsius-symbol — °C, ºC or oC written for ℃ after a number.

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

## Example
```
全年平均气温16.8°C，极端最低气温-5oC
```

## Use instead
```
全年平均气温16.8℃，极端最低气温-5℃
```
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
    for m in doc.prose_matches(_CELSIUS_AFTER_NUMBER, "sign"):
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

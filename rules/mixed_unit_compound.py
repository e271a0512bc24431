"""U105 mixed-unit-compound — a compound unit written half in symbols, half in Chinese (km/时).

## 检查什么
数字后面的组合单位（用“/”或“·”连接）一半用国际符号、一半用中文名称：80km/时、80千
米/h、3米/s、5万m³/日、20吨/h。提示会给出两种统一的写法（km/h 或 千米/时），不自动修改：用哪一种是
出版物自己的体例。

不报告：其中一部分本来就没有国际符号的（元/kg、人/km²，以及亩、市斤：kg/亩、元/亩）；全部用一种写
法的（km/h、千米/时、千瓦时）。

## 为什么重要
国家标准《有关量、单位和符号的一般原则》规定，组合单位不得把符号和中文名称混用。读者读“80km/时”要
在脑中换算一半，编辑每次都要改。

## 示例
```
设计时速80km/时，日供水能力5万m³/日
```

## 改为
```
设计时速80km/h，日供水能力5万m³/d
```

## 如何修改
统一成全符号（km/h）或全中文（千米/时），按本出版物的体例选择。

## What it does
Finds, directly after a number, a compound unit (a quotient ``/`` or a product ``·``) whose one part
is an international symbol and whose other part is a Chinese unit name: 80km/时, 80千米/h, 3米/s,
5万m³/日, 20吨/h. It names both consistent spellings (km/h or 千米/时) and offers no fix: which of
the two a publication uses is its house style.

Left alone: compounds with a part that has no international symbol — money and counts (元/kg,
人/km²) and the Chinese units 亩 and 市斤 (kg/亩, 元/亩) — because GB 3101 gives them no symbol to
be consistent with; and compounds entirely in one style (km/h, 千米/时, 千瓦时).

## Why it matters
GB 3101-1993 (3.2) forbids mixing unit symbols and Chinese unit names in one compound unit. A
reader of 80km/时 has to translate half of it; editors rewrite it every time.

## How it works
A pattern directly after a number: a quotient (/) or product (·) of a unit symbol and a Chinese unit
name. Parts without an international symbol (money, counts, 亩, 市斤) exempt the compound. No fix:
the two consistent spellings are named in the message.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.units import GAP, NAME_SYMBOLS, NUMBER, SYMBOL_END, SYMBOL_NAMES, alternation
from factlint.model import Finding, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="U105",
    name="mixed-unit-compound",
    severity=Severity.WARNING,
    summary=Message(
        "组合单位混用单位符号与中文名称（km/时）",
        "a compound unit mixing symbols and Chinese unit names (km/时)",
    ),
    reads=(BLOCKS, PROTECTED),
)

_SYMBOL = rf"(?<![A-Za-z])(?:{alternation(SYMBOL_NAMES)}){SYMBOL_END}"
_NAME = rf"(?:{alternation(NAME_SYMBOLS)})"

#: What every compound holds (between its two parts): blocks without it are not searched.
_SEPARATOR = regex.compile(r"[/·]")
_MIXED_COMPOUND = regex.compile(
    rf"""
    {NUMBER}{GAP}
    (?P<compound>
        (?P<symbol_first>{_SYMBOL}) (?P<sep1>[/·]) (?P<name_second>{_NAME})
      | (?P<name_first>{_NAME}) (?P<sep2>[/·]) (?P<symbol_second>{_SYMBOL})
    )
    """,
    regex.VERBOSE,
)


def _spellings(m: regex.Match[str]) -> tuple[str, str]:
    """The compound all in symbols and all in Chinese names."""
    if m.group("symbol_first") is not None:
        symbol, sep, name = m.group("symbol_first"), m.group("sep1"), m.group("name_second")
        return f"{symbol}{sep}{NAME_SYMBOLS[name]}", f"{SYMBOL_NAMES[symbol]}{sep}{name}"
    name, sep, symbol = m.group("name_first"), m.group("sep2"), m.group("symbol_second")
    return f"{NAME_SYMBOLS[name]}{sep}{symbol}", f"{name}{sep}{SYMBOL_NAMES[symbol]}"


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    for m in doc.prose_matches(_MIXED_COMPOUND, "compound", needs=_SEPARATOR):
        compound = m.group("compound")
        in_symbols, in_names = _spellings(m)
        yield Finding(
            span=Span(m.start("compound"), m.end("compound")),
            message=Message(
                f"组合单位“{compound}”混用了单位符号与中文名称，应统一为“{in_symbols}”或“{in_names}”",
                f"the compound unit {compound} mixes a symbol with a Chinese unit name; write "
                f"{in_symbols} or {in_names}",
            ),
        )

"""U103 non-legal-unit — a unit that is not a legal unit of measurement in China (GB 3100).

## 检查什么
数字后面用了已废除的计量单位名称：公尺、公寸、公厘、公升、公吨、公分、公亩，以及马力。

公尺 → 米、公寸 → 分米、公厘 → 毫米、公升 → 升、公吨 → 吨只是改名，可以自动修改。“公分”不自动改：
口语里指厘米，旧药方里却指克；公亩、马力需要换算，不只是改名。

不报告：公里、公斤、公顷、亩、市斤（法定或统计中认可的单位）；表示规格而非计量的英制单位（12英寸晶
圆、字号12磅）；只是碰巧含有这些字的词（办公升级、工分）。

## 为什么重要
出版物必须使用法定计量单位（《中华人民共和国计量法》及国家标准）。编辑见到“公尺”“公升”就会改，保留
它们的报告看起来像没有编辑过。

## 示例
```
新建防洪堤3.5公尺，日供水能力提高到500公升
```

## 改为
```
新建防洪堤3.5米，日供水能力提高到500升
```

## 如何修改
改用法定单位：公尺 → 米，公升 → 升，公吨 → 吨；公分按原意改为“厘米”或“克”；公亩、马力换算成平方
米、千瓦。

## What it does
Finds, directly after a number, the old metric names that GB 3100 and the 1984 order on legal units
of measurement abolished: 公尺, 公寸, 公厘, 公升, 公吨, 公分, 公亩, and the horsepower 马力. Where the
legal name is an exact rename (公尺 → 米, 公寸 → 分米, 公厘 → 毫米, 公升 → 升, 公吨 → 吨) a safe fix is
offered. 公分 gets no fix: it meant the centimetre in speech but the gram in older pharmacy texts;
公亩 and 马力 need a conversion, not a rename.

Left alone, because they are legal or accepted in Chinese official statistics: 公里, 公斤, 公顷, 亩,
市斤; and the imperial units that name a size rather than measure one (12英寸晶圆, 字号12磅).
A word that merely contains the characters (办公升级, 工分) is never read as a unit: only a unit
right after a number counts.

## Why it matters
Publications must use the legal units of measurement (《中华人民共和国计量法》, GB 3100-1993);
copy editors replace 公尺 and 公升 on sight, and a report that keeps them looks unedited.

## How it works
A list of abolished unit names matched directly after a number only. A safe fix for the exact
renames (公尺, 公寸, 公厘, 公升, 公吨); 公分, 公亩 and 马力 are reported without a fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex
from factlint.facts.units import GAP, NUMBER, alternation
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="U103",
    name="non-legal-unit",
    severity=Severity.WARNING,
    summary=Message(
        "使用了非法定计量单位（公尺、公升等）",
        "a unit that is not a legal unit of measurement in China (公尺, 公升 …)",
    ),
    fixable=True,
    reads=(BLOCKS, PROTECTED),
)


@dataclass(frozen=True, slots=True)
class _Advice:
    """The legal unit to write instead of a non-legal one, and whether replacing it is safe."""

    legal: str  # the legal unit to write instead
    exact: bool  # a plain rename: safe to fix
    note_zh: str = ""
    note_en: str = ""


_NON_LEGAL: dict[str, _Advice] = {
    "公尺": _Advice("米", exact=True),
    "公寸": _Advice("分米", exact=True),
    "公厘": _Advice("毫米", exact=True),
    "公升": _Advice("升", exact=True),
    "公吨": _Advice("吨", exact=True),
    "公分": _Advice("厘米", False, "；若指质量则为“克”", "; or 克 if a mass is meant"),
    "公亩": _Advice("平方米", False, "（1公亩＝100平方米）", " (1 公亩 = 100 平方米)"),
    "马力": _Advice("千瓦", False, "（1马力≈0.735千瓦）", " (1 马力 ≈ 0.735 千瓦)"),
}

#: What every match holds: blocks without it are not searched.
_ANY_NON_LEGAL = regex.compile(alternation(_NON_LEGAL))
_UNIT_AFTER_NUMBER = regex.compile(
    rf"{NUMBER}{GAP}(?P<unit>{alternation(_NON_LEGAL)})",
    regex.VERBOSE,
)


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    text = doc.text
    for m in doc.prose_matches(_UNIT_AFTER_NUMBER, "unit", needs=_ANY_NON_LEGAL):
        unit = m.group("unit")
        advice = _NON_LEGAL[unit]
        shown = text[m.start("number") : m.end("unit")]
        fix = None
        if advice.exact:
            fix = Fix(
                advice.legal,
                Message(f"改为“{advice.legal}”", f"replace with {advice.legal}"),
            )
        yield Finding(
            span=Span(m.start("unit"), m.end("unit")),
            message=Message(
                f"“{shown}”中的“{unit}”不是法定计量单位，应改用“{advice.legal}”{advice.note_zh}",
                f"{unit} in “{shown}” is not a legal unit of measurement (GB 3100); use "
                f"{advice.legal}{advice.note_en}",
            ),
            fix=fix,
        )

"""U104 unit-symbol-case — an SI unit symbol after a number written in the wrong case (5KG, 10KV).

## 检查什么
数字后面的国际单位符号大小写写错了（中间可以有一个空格）：千的词头是小
写 k（KG、Kg → kg，KM → km）；瓦、伏、赫是大写 W、V、Hz（KW、kw → kW，KV → kV，Mhz → MHz）；组合单
位用中圆点（KWH、kwh → kW·h，KVA → kV·A）。能确定时给出修改；mw、mhz 无法判断是“兆”（M）还
是“毫”（m），只报告不修改。

不报告：正确的符号（kg、kW、MW、mW、kWh）；不是这些单位的写法（5G、4K、3D、5A级景区、8GB）；型号或
代码的一部分（A320KG、EV-5KW）；另有含义的 Mw（矩震级）和 kG（千高斯）。

## 为什么重要
国家标准对每个符号的大小写都有规定：K 是开尔文，M 是兆，m 是毫，大小写一错单位就变了
（5MW 与 5mW 相差十亿倍）。编辑在每份稿子里都要改 10KV、5KG。

## 示例
```
新建10KV线路32公里，装机容量500KW，年发电量60万KWH
```

## 改为
```
新建10kV线路32公里，装机容量500kW，年发电量60万kW·h
```

## 如何修改
按提示改为正确的大小写。`--fix` 可以自动修改能确定的写法；mw、mhz 请按原意改为 MW/mW、MHz/mHz。

## What it does
Finds, directly after a number (an optional space between), a unit symbol whose letters have the
wrong case: the kilo prefix is a lower-case ``k`` (KG, Kg → kg; KM → km), watt, volt and hertz are
upper-case ``W``, ``V``, ``Hz`` (KW, kw → kW; KV → kV; Mhz → MHz; GW), and GB 3100 writes the
products with a dot (KWH, kwh → kW·h; KVA → kV·A). A fix is offered where the reading is certain.
``mw`` and ``mhz`` are reported without a fix: mega (M) or milli (m) cannot be told apart.

Left alone: symbols that are right (kg, kW, MW, mW, kWh), and everything that is not one of these
symbols — 5G, 4K, 3D, 5A级景区, 8GB — as well as the tail of a model number or code (A320KG,
EV-5KW), where the number itself is glued to letters. ``Mw`` (moment magnitude) and ``kG``
(kilogauss) are other quantities and are not touched.

## Why it matters
GB 3100/3101 fix the case of every symbol: ``K`` is the kelvin, ``M`` mega and ``m`` milli, so a
case error can change the unit (5MW and 5mW differ by a factor of 10⁹). Editors correct 10KV and
5KG in every draft that reaches them.

## How it works
A table of wrongly cased symbols matched directly after a number (an optional space between)
that is not glued to letters; a fix where the reading is certain (not for mw, mhz).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

import regex
from factlint.facts.units import ARABIC_NUMBER, GAP, SYMBOL_END, alternation
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="U104",
    name="unit-symbol-case",
    severity=Severity.WARNING,
    summary=Message(
        "数字后的单位符号大小写有误（KG、KW、KV等）",
        "a unit symbol after a number in the wrong case (KG, KW, KV …)",
    ),
    fixable=True,
    reads=(BLOCKS, PROTECTED),
)


def _case_variants(symbol: str) -> set[str]:
    """Every spelling of ``symbol`` that differs from it only in the case of its letters."""
    options = [(c.lower(), c.upper()) if c.isalpha() else (c,) for c in symbol]
    return {"".join(p) for p in product(*options)} - {symbol}


#: The symbols a case error is recognised in: right spelling, spelling to fix to.
_CORRECT = {
    "kg": "kg",
    "km": "km",
    "kW": "kW",
    "kV": "kV",
    "kWh": "kW·h",
    "kVA": "kV·A",
    "Hz": "Hz",
    "kHz": "kHz",
    "MHz": "MHz",
    "GHz": "GHz",
    "GW": "GW",
    "MW": "MW",
}
#: Spellings that are another unit or quantity, not a case error: kilogauss, moment magnitude,
#: milliwatt, millihertz, megametre.
_OTHER_MEANING = {"kG", "Mw", "mW", "mHz", "kM"}


def _wrong_spellings() -> dict[str, tuple[str, str | None]]:
    """Each wrong spelling with the right symbol and the fix (None: mega or milli cannot be told)."""
    wrong: dict[str, tuple[str, str | None]] = {}
    for symbol, replacement in _CORRECT.items():
        for variant in _case_variants(symbol) - _OTHER_MEANING:
            ambiguous = variant[0] == "m" and symbol[0] == "M"  # mw, mhz: mega or milli?
            wrong[variant] = (symbol, None if ambiguous else replacement)
    return wrong


_WRONG = _wrong_spellings()

#: What every match holds: blocks without it are not searched.
_ANY_WRONG = regex.compile(alternation(_WRONG))
_SYMBOL_AFTER_NUMBER = regex.compile(
    rf"{ARABIC_NUMBER}{GAP}(?P<symbol>{alternation(_WRONG)}){SYMBOL_END}",
    regex.VERBOSE,
)


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    text = doc.text
    for m in doc.prose_matches(_SYMBOL_AFTER_NUMBER, "symbol", needs=_ANY_WRONG):
        symbol = m.group("symbol")
        correct, right = _WRONG[symbol]
        shown = text[m.start("number") : m.end("symbol")]
        if right is None:
            milli = "m" + correct[1:]
            yield Finding(
                span=Span(m.start("symbol"), m.end("symbol")),
                message=Message(
                    f"“{shown}”中的单位符号“{symbol}”大小写有误：兆写作“{correct}”，"
                    f"毫写作“{milli}”",
                    f"the unit symbol {symbol} in “{shown}” is in the wrong case: {correct} "
                    f"for mega, {milli} for milli",
                ),
            )
            continue
        yield Finding(
            span=Span(m.start("symbol"), m.end("symbol")),
            message=Message(
                f"“{shown}”中的单位符号“{symbol}”大小写有误，应为“{right}”",
                f"the unit symbol {symbol} in “{shown}” is in the wrong case; write {right}",
            ),
            fix=Fix(right, Message(f"改为“{right}”", f"replace with {right}")),
        )

"""N105 approximate-numerals-with-dunhao — two neighbouring numerals of an approximation split by 、.

## 检查什么
两个相邻的汉字数字用顿号隔开、实际表示约数的写法：三、五天，七、八个，两、三万元。

为了不误伤真正的并列，只在两个数字相差一或二、后面紧跟量词或单位（天、个、人、万元等）时报告。

不报告：并列的序数或等级（一、二、三级，第三、五条，二、三产业，一、二年级，三、四月，一、二期）；
从“一”开始的两个数（分获一、二名：约数应写“一两”，所以“一、二”是两项）；位于行首的序号（三、五年
来……）。

## 为什么重要
国家标准《标点符号用法》规定，相邻两个数字连用表示概数时，中间不用顿号（八九公里、三五成群）。加了
顿号，约数就成了两个确切数字的并列。

## 示例
```
用三、五天时间走访七、八个村。
```

## 改为
```
用三五天时间走访七八个村。
```

## 如何修改
去掉顿号（`--fix` 可以自动修改）：三、五天 → 三五天，七、八个 → 七八个。如果确实是两个并列的数，保
留顿号即可（可用注释关闭本条提示）。

## What it does
Reports two single Chinese digits joined by a 顿号 that form an approximation: 三、五天 (三五天),
七、八个 (七八个), 两、三万元 (两三万元). To stay clear of real enumerations it is conservative: the
digits must rise by one or two and be followed directly by a unit or classifier that counts (天,
个, 人, 万元 …). Left alone: lists (一、二、三级), abbreviations of ordinals (第三、五条, 二、三产业,
一、二年级, 三、四月, 一、二期, 三、四层), pairs from 一 (分获一、二名: an approximation from one is
written 一两, so 一、二 lists two items), and enumerators at the start of a line (三、五年来……).

## Why it matters
GB/T 15834—2011 writes neighbouring numerals that together give an estimate without a 顿号
(“八九公里”, “三五成群”); the 顿号 turns the estimate into a list of two exact numbers.

## How it works
Two single Chinese digits joined by 、 that rise by one or two, followed directly by a counting
unit or classifier. Ordinals (第, 年级, 月, 期, 层, 产业 …), pairs starting from 一 and enumerators at
the start of a line are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.numerals import CHINESE_DIGITS, DIGIT_VALUES, ONE_TO_NINE, SMALL_UNITS, TWO
from factlint.facts.quantities import UNIT_ALTERNATION
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="N105",
    name="approximate-numerals-with-dunhao",
    severity=Severity.WARNING,
    summary=Message(
        "相邻数字连用表示概数时用了顿号", "neighbouring numerals of an approximation split by 、"
    ),
    fixable=True,
    reads=(BLOCKS, PROTECTED),
)

NUMERALS_WITH_DUNHAO = regex.compile(
    rf"""
    (?<![第{CHINESE_DIGITS}{SMALL_UNITS}、])
    (?P<low>[{ONE_TO_NINE}{TWO}])、(?P<high>[{ONE_TO_NINE}])
    (?P<unit>{UNIT_ALTERNATION})
    """,
    regex.VERBOSE,
)
#: Classifiers that usually count ordinals, so “一、二期” lists two items: 期, 批, 届, 层 …
_ORDINAL_UNITS = frozenset("次 期 批 届 层 节 队 组 栋 类 月 日 部 周".split())
#: What after a unit makes it part of a name: 一、二年级.
_NAME_AFTER_UNIT = frozenset("级等")


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    text = doc.text
    for m in doc.prose_matches(NUMERALS_WITH_DUNHAO):
        low, high, unit = m.group("low", "high", "unit")
        if DIGIT_VALUES[high] - DIGIT_VALUES[low] not in (1, 2) or low == "一":
            continue  # from one an approximation is 一两: 一、二名 lists two ranks
        if unit in _ORDINAL_UNITS or text[m.end() : m.end() + 1] in _NAME_AFTER_UNIT:
            continue
        line_start = max(text.rfind("\n", 0, m.start()) + 1, m.pos)  # m.pos: its block's start
        if not text[line_start : m.start()].strip():
            continue  # an enumerator opening a heading or list item: 三、五年来……
        joined = low + high
        shown = f"{low}、{high}{unit}"
        yield Finding(
            span=Span(m.start(), m.end("high")),
            message=Message(
                f"“{shown}”是相邻数字连用表示的概数，中间不用顿号，应为“{joined}{unit}”",
                f"“{shown}” is an approximation of neighbouring numerals, written without a "
                f"顿号: “{joined}{unit}”",
            ),
            fix=Fix(joined, Message(f"改为“{joined}{unit}”", f"write “{joined}{unit}”")),
        )

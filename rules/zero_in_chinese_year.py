"""N104 zero-in-chinese-year — 零 in a number written digit by digit, where 〇 belongs.

## 检查什么
逐位书写的汉字数字中用了“零”，而这里应写“〇”：年份（二零一二年）、用作名称或编号的数字（一零一中
学）。三位以上的逐位数字和两位的年份（零八年）都检查。

表示数量的“零”是对的，不报告：一千零五、两万零三百、九十五点零六；含“零”的词语也不报告（零售、零增
长）。

## 为什么重要
国家标准区分两种写法：计数时0写作“零”（三千零五十二）；逐位书写的年份、编号中写作“〇”——“二〇一二年
（不写为二零一二年）”。

## 示例
```
二零一二年建成，二零二四年扩建
```

## 改为
```
二〇一二年建成，二〇二四年扩建
```

## 如何修改
把“零”改为“〇”：二零一二年 → 二〇一二年。`--fix` 可以自动修改。

## What it does
Reports 零 inside a sequence of Chinese digits written one digit at a time — a year (二零一二年), a
number used as a name or code (一零一中学) — where GB/T 15835 writes the digit 0 as 〇. Sequences of
three digits or more are read this way, and two-digit years (零八年). A real 零 in a positional
numeral is left alone: 一千零五, 两万零三百, 九十五点零六, as are words with 零 (零售, 零增长).

## Why it matters
GB/T 15835—2011 distinguishes the two: in a number used to count, 0 is 零 (三千零五十二);
in a number used as a name or a year, written digit by digit, it is 〇 — “二〇一二年（不写为二零一二年）”.

## How it works
A run of 2 to 12 Chinese digits in prose with no positional numeral (十百千万亿) or decimal point
next to it. A run of two counts only before 年 and not ending in 零 (零零星星, 八零后 and 二零年, which
may be a clipped 二十年, are left alone). Each 零 of the run becomes 〇 (a safe fix).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.numerals import CHINESE_NUMERALS, ONE_TO_NINE, POINT, ZERO
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="N104",
    name="zero-in-chinese-year",
    severity=Severity.WARNING,
    summary=Message(
        "逐位书写的汉字数字（年份、编号）中“0”写成了“零”",
        "零 in a number written digit by digit (a year, a code), where 〇 belongs",
    ),
    fixable=True,
    reads=(BLOCKS, PROTECTED),
)

#: A run of Chinese digits with no positional numeral (十百千万亿) or decimal point next to it.
DIGIT_BY_DIGIT = regex.compile(
    rf"""
    (?<![{CHINESE_NUMERALS}{POINT}])
    (?P<run>[{ZERO}{ONE_TO_NINE}]{{2,12}})
    (?![{CHINESE_NUMERALS}{POINT}])
    """,
    regex.VERBOSE,
)


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    text = doc.text
    for m in doc.prose_matches(DIGIT_BY_DIGIT):
        run = m.group("run")
        if "零" not in run:
            continue
        if len(run) == 2 and not text.startswith("年", m.end()):
            continue  # 零零星星, 八零后: too short to be sure it is a number
        if len(run) == 2 and run[1] == "零":
            continue  # 二零年 could be a clipped 二十年; only 零八年-style years are certain
        replacement = run.replace("零", "〇")
        yield Finding(
            span=Span(m.start(), m.end()),
            message=Message(
                f"“{run}”是逐位书写的数字，其中的“0”应写作“〇”：“{replacement}”",
                f"“{run}” is written digit by digit, so its 0 is “〇”, not “零”: “{replacement}”",
            ),
            fix=Fix(replacement, Message(f"改为“{replacement}”", f"write “{replacement}”")),
        )

"""N101 approximate-number-in-digits — an approximation with 数 or 几 written in Arabic digits.

## 检查什么
把“数十万”“几十个”“十几家”这类约数里的数字写成了阿拉伯数字：数10万、数100家、几10个、10几个、20几
岁。

只看代表整十、整百、整千、整万的数字。“数”字只在标点或动词之后才当作约数（吸引数10万人次）；跟在名
词后面的“数”是“……的数目”，不报告（参保人数10万人、床位数100张）。

## 为什么重要
国家标准《出版物上数字用法》规定，带“几”的约数用汉字书写，“数十、数百”同理。“数10万”把两种写法混在
一起，读者容易误读成“10万”。

## 示例
```
吸引数10万人次参观，几10个团队参与，10几家企业签约
```

## 改为
```
吸引数十万人次参观，几十个团队参与，十几家企业签约
```

## 如何修改
把约数整体改用汉字：数10万 → 数十万，几10个 → 几十个，10几家 → 十几家。`--fix` 可以自动修改。

## What it does
Reports approximate numbers built with 数 or 几 whose numeral is written in Arabic digits:
数10万 (数十万), 数100 (数百), 几10个 (几十个), 10几个 (十几个), 20几岁 (二十几岁). Only the round
numbers that stand for a Chinese magnitude (10, 100, 1000, 10000; 10 … 90 before 几) are read this
way, and 数 only where it follows punctuation or a verb (吸引数10万人次, 达数100家): after a noun it
is part of a count (参保人数10万人, 床位数100张, 企业数10家), which is not an approximation.

## Why it matters
GB/T 15835—2011 writes approximate numbers with 几 in Chinese numerals, and 数十、数百
belong to the same family; “数10万” mixes the two systems and invites the misreading “10万”.

## How it works
A pattern over the text: 数 or 几 before, or 几 after, one of the round numbers that stand for a
Chinese magnitude (10, 100, 1000, 10000; 10 … 90 before 几). 数 counts only after punctuation or a
verb; after a noun it is read as part of a count (人数, 床位数).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.numerals import MAGNITUDE, ONE_TO_NINE, SMALL_UNITS, UNIT_VALUES
from factlint.facts.quantities import FIGURE_VERBS
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="N101",
    name="approximate-number-in-digits",
    severity=Severity.WARNING,
    summary=Message(
        "含“数”“几”的概数用了阿拉伯数字", "an approximation with 数 or 几 written in Arabic digits"
    ),
    fixable=True,
    reads=(BLOCKS, PROTECTED),
)

#: The round numbers written after 数 or 几, with their Chinese numeral: 10 → 十 … 10000 → 万.
_ROUND = {str(UNIT_VALUES[c]): c for c in SMALL_UNITS + "万"}

#: 数10万 / 几100 (a round number after 数 or 几), or 10几 / 20几 (tens before 几).
#: What every match holds (数10, 几10, 20几): blocks without it are not searched.
_ROUNDED = regex.compile(r"[数几]10|0几")
_APPROX_DIGITS = regex.compile(
    rf"""
    (?P<lead>[数几])(?P<round>10{{1,4}})(?P<magnitude>{MAGNITUDE})?(?![\d.,])
  | (?<![\d.,])(?P<tens>[1-9]0)几
    """,
    regex.VERBOSE,
)
#: Characters that make “X数” a noun (计数, 总数, 多数 …) rather than an approximation.
_NOUN_BEFORE_SHU = set("计总指系倍基位分多少半无整约变参函级")
_VERB_AT_END = regex.compile(rf"(?:{FIGURE_VERBS.pattern})$")
#: Function words after which 数 starts an approximation: 的数十万, 和数百名, 近数十年.
_FUNCTION_BEFORE = set("的了和及与或至到近逾超上以成好")


_HAN = regex.compile(r"\p{Han}")


def _approximate_shu(text: str, start: int) -> bool:
    """Whether the 数 at ``start`` begins an approximation (吸引数10万), not a count (人数10万)."""
    if start == 0 or not _HAN.match(text[start - 1]):
        return True
    before = text[start - 1]
    if before in _NOUN_BEFORE_SHU:
        return False
    if before in _FUNCTION_BEFORE:
        return True
    return _VERB_AT_END.search(text, max(0, start - 4), start) is not None


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    text = doc.text
    for m in doc.prose_matches(_APPROX_DIGITS, needs=_ROUNDED):
        magnitude = m.group("magnitude") or ""
        if m.group("lead") is not None:
            lead = m.group("lead")
            if lead == "数" and not _approximate_shu(text, m.start()):
                continue
            if lead == "几" and m.start() > 0 and text[m.start() - 1] == "茶":
                continue  # 茶几10张: a coffee table, not 几
            shown = m.group()
            replacement = lead + _ROUND[m.group("round")]
            span = Span(m.start(), m.end("round"))
            suggested = replacement + magnitude
        else:
            tens = int(m.group("tens")[0])
            shown = m.group()
            replacement = ("" if tens == 1 else ONE_TO_NINE[tens - 1]) + "十几"
            span = Span(m.start(), m.end())
            suggested = replacement
        yield Finding(
            span=span,
            message=Message(
                f"“{shown}”是概数，应使用汉字数字：“{suggested}”",
                f"“{shown}” is an approximate number; write it in Chinese numerals: “{suggested}”",
            ),
            fix=Fix(replacement, Message(f"改为“{suggested}”", f"write “{suggested}”")),
        )

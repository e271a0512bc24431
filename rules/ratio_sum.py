"""N135 ratio-sum — an industry structure ratio (8.5∶40.2∶52.3) that does not add up to 100.

## 检查什么
三次产业结构（比例、比重、占比）写成“甲∶乙∶丙”时，三项是各产业所占的百分比，加起来应当是100（允许
四舍五入的误差）：三次产业结构比为8.5∶40.2∶52.3，加起来是101.0，必有一项错了。

同一句里还列出了各产业的数值（第一产业增加值400亿元……）时，比例也要与这些数值相符：按数值算出的
比重与比例中的对应项相差超过四舍五入的误差，就报告。

不报告：不是按百分比写的比例（1∶4.5∶5.2，各项之和远离100）；与产业无关的比（男女性别比、时间
10:30）；数值与比例不在同一句里的情形。

## 为什么重要
产业结构比是读者一眼就能加起来核对的数字；加起来不是100，或者与前面给出的增加值对不上，说明比例或
数值中有一处没有跟着修改。

## 示例
```
全年三次产业结构比为8.5∶40.2∶52.3。
第一产业增加值400亿元，第二产业增加值2000亿元，第三产业增加值2600亿元，三次产业结构为8.0∶42.0∶50.0。
```

## 改为
```
全年三次产业结构比为8.5∶40.2∶51.3。
第一产业增加值400亿元，第二产业增加值2000亿元，第三产业增加值2600亿元，三次产业结构为8.0∶40.0∶52.0。
```

## 如何修改
核对各项数字，改正写错的一项；比例由数值算出时，按数值重新计算。

## What it does
Finds a ratio of the three industries written with ∶ or : (三次产业结构比为8.5∶40.2∶52.3, 三次产业
投资占比为4.0：23.1：72.9) and reports it when its terms, which are percentages, do not add up to
100 within rounding. When the same sentence also gives the value of each industry (第一产业增加值400亿元
…), the ratio must agree with the shares those values make: a term further from its share than
rounding allows is reported, with the values.

Left alone: ratios that are not written in percent (1∶4.5∶5.2, whose terms add up far from 100:
nothing between 80 and 120 is taken for percentages); ratios of anything but industries (性别比,
times such as 10:30); values in another sentence than the ratio.

## Why it matters
An industry structure is a sum a reader checks at a glance; a ratio that does not add up to 100, or
does not match the values just given, means one of the figures was edited without the others.

## How it works
Over the QUANTITIES view, sentence by sentence: a run of two or three plain numbers joined by ∶, :
or ：, with 产业 and one of 结构/比例/比重/占比/比 in the 20 characters before it. Terms that add up
to between 80 and 120 are percentages and must add up to 100 within half a unit in the last digit
of each term. Values of the same sentence whose clause begins with 第一产业/第二产业/第三产业 (one each,
same unit, the same words after the industry) give shares value ÷ sum; a term further from its
share than its own rounding, the values' rounding and 0.05 is reported.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

import regex
from factlint.facts.numerals import LARGE_UNITS, UNIT_VALUES, arabic_value, decimal_places
from factlint.facts.quantities import QUANTITIES, Quantity
from factlint.model import Finding, Message, Related, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import SENTENCES, Document

META = RuleMeta(
    code="N135",
    name="ratio-sum",
    severity=Severity.ERROR,
    summary=Message(
        "产业结构比例之和不是100，或与所列数值不符",
        "an industry structure ratio that does not add up to 100 or to its values",
    ),
    reads=(SENTENCES, QUANTITIES),
)

_COLON = regex.compile(r"[ \u3000]?[∶:：][ \u3000]?")
#: What announces a structure ratio of industries: 三次产业结构比为, 三次产业投资占比为, 一二三产比例.
_CONTEXT = regex.compile(r"产业?[^，,；;。]{0,10}?(?:结构|比例|比重|占比|比)[^，,；;。]{0,6}$")
_INDUSTRY = regex.compile(r"(?:其中)?(?:全年)?(第一产业|第二产业|第三产业)")
_INDUSTRIES = ("第一产业", "第二产业", "第三产业")
_CLAUSE = regex.compile(r"[，,；;：:]")
#: How far back the clause of a value is read: 第一产业增加值 stands right before its figure.
_WINDOW = 40


def _slack(doc: Document, q: Quantity) -> float:
    """Half a unit in the last digit written, in the quantity's base unit: 400亿元 → 0.5亿元."""
    written = doc.slice(q.number)
    shown = arabic_value(written)
    if not shown:
        return 0.0
    last = written[-1:]
    multiplier = float(UNIT_VALUES[last]) if last and last in LARGE_UNITS else 1.0
    return 0.5 * 10.0 ** -decimal_places(written) * multiplier * q.value / shown


def _ratios(doc: Document, inside: list[Quantity], start: int) -> Iterator[list[Quantity]]:
    """Runs of plain numbers joined by ∶ announced as a structure of industries."""
    i = 0
    while i < len(inside):
        run = [inside[i]]
        while i + len(run) < len(inside):
            nxt = inside[i + len(run)]
            if nxt.kind != "plain" or not _COLON.fullmatch(
                doc.text[run[-1].span.end : nxt.span.start]
            ):
                break
            run.append(nxt)
        i += len(run)
        if len(run) < 2 or len(run) > 3 or any(q.kind != "plain" for q in run):
            continue
        if _CONTEXT.search(doc.text[max(start, run[0].span.start - 20) : run[0].span.start]):
            yield run


def _values(doc: Document, inside: list[Quantity], start: int) -> list[Quantity] | None:
    """The value of each industry in the sentence: 第一产业增加值400亿元，第二产业增加值2000亿元……"""
    found: dict[str, Quantity] = {}
    tails: set[str] = set()
    units: set[str] = set()
    for q in inside:
        if q.kind not in ("money", "count", "measure"):
            continue
        lead = _CLAUSE.split(doc.text[max(start, q.span.start - _WINDOW) : q.span.start])[-1]
        m = _INDUSTRY.match(lead)
        if m is None:
            continue
        if m.group(1) in found:
            return None  # two values of one industry (two years, two measures): not one structure
        found[m.group(1)] = q
        tails.add(regex.sub(r"(?:为|达到|达|实现|完成)+$", "", lead[m.end() :]))
        units.add(q.unit)
    if len(found) < 2 or len(tails) > 1 or len(units) > 1:
        return None
    return [found[name] for name in _INDUSTRIES if name in found]


def _shown(doc: Document, run: list[Quantity]) -> str:
    return doc.text[run[0].span.start : run[-1].span.end]


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    quantities = doc.view(QUANTITIES)
    starts = quantities.starts  # without making the quantities
    plain = quantities.starts_of_kinds(("plain",))
    for sentence in doc.sentences:
        lo = bisect_left(starts, sentence.span.start)
        hi = bisect_left(starts, sentence.span.end, lo)
        if hi - lo < 2:
            continue  # fewer than two figures in the sentence (those inside are fewer still)
        if bisect_left(plain, sentence.span.end) - bisect_left(plain, sentence.span.start) < 2:
            continue  # a ratio is a run of two or three plain numbers: fewer start in the sentence
        inside = [q for q in quantities[lo:hi] if q.span.end <= sentence.span.end]
        if len(inside) < 2:
            continue
        values: list[Quantity] | None = None
        read = False  # the values of the sentence are read at its first ratio
        for run in _ratios(doc, inside, sentence.span.start):
            terms = [q.value for q in run]
            added = sum(terms)
            if not 80 <= added <= 120:
                continue  # not written in percent: 1∶4.5∶5.2
            span = Span(run[0].span.start, run[-1].span.end)
            ratio = _shown(doc, run)
            slacks = [_slack(doc, q) for q in run]
            if len(run) == 3 and abs(added - 100) > sum(slacks) + 1e-9:
                places = max(decimal_places(doc.slice(q.number)) for q in run)
                total = f"{added:.{places}f}"
                yield Finding(
                    span=span,
                    message=Message(
                        f"三次产业比例{ratio}各项之和为{total}，应为100",
                        f"the industry ratio {ratio} adds up to {total}, not 100",
                    ),
                )
                continue
            if not read:
                values, read = _values(doc, inside, sentence.span.start), True
            if values is None or len(values) != len(run):
                continue
            whole = sum(q.value for q in values)
            if whole <= 0:
                continue
            room = sum(_slack(doc, q) for q in values) / whole * 100
            shares = [q.value / whole * 100 for q in values]
            normal = [t / added * 100 for t in terms]
            if all(
                abs(share - term) <= s + room + 0.05
                for share, term, s in zip(shares, normal, slacks, strict=True)
            ):
                continue
            places = max(1, max(decimal_places(doc.slice(q.number)) for q in run))
            expected = "∶".join(f"{share:.{places}f}" for share in shares)
            listed = "、".join(doc.slice(q.span) for q in values)
            yield Finding(
                span=span,
                message=Message(
                    f"比例{ratio}与同句所列数值{listed}不符，按数值应为{expected}",
                    f"the ratio {ratio} does not match the values {listed} of the same sentence, "
                    f"which make {expected}",
                ),
                related=tuple(Related(q.span, Message("数值", "a value")) for q in values),
            )

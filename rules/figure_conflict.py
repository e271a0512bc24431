"""C103 figure-conflict — one fact stated with two different figures.

## 检查什么
同一事实（同一地方、同一指标、同一时期）在本篇文稿中或本次检查的几篇文稿中出现两次，数字却不一致：
摘要写“累计选派医疗人才162名”，正文写“累计……其中医疗人才126名”；一处写“总投资3.6亿元”，另一处写
“总投资3600万元”。在后出现的位置报告，指出先出现的位置和两个数字，并说明像哪一种笔误：数字颠倒
（162/126）、万/亿混淆（3.6亿元/3600万元）、一位数字不同。

按数字本身的精度比较：“1000余人”与“1023人”、“18.51亿元”与“18.5亿元”、“2.5万人”与“25000人”一致；
“约”“近”“余”“多”放宽容差。不同年份、不同地方、目标与完成情况、累计数与当年数、总数与其中一部分
（“其中”“新增”“城镇/农村”）、指标含糊（只写“资金”“项目”“数量”）的数字都不比较。

## 为什么重要
同一个数字前后不一，读者无从判断哪个正确，文稿的可信度随之受损；这类错误常在报告印发后才被发现，
需要更正甚至收回。

## 示例
```
三年来，累计选派医疗人才162名，培训当地医务人员3000余人次。
三年来，累计选派各类人才300名，其中医疗人才126名。
```

```
（报告一）黄南州2023年经济运行情况

2023年，全州地区生产总值增长8.6%，增速居全省前列。
（报告二）黄南州对口支援工作总结

2023年，全州地区生产总值增长6.8%。
```

## 改为
```
三年来，累计选派医疗人才162名，培训当地医务人员3000余人次。
三年来，累计选派各类人才300名，其中医疗人才162名。
```

```
（报告一）黄南州2023年经济运行情况

2023年，全州地区生产总值增长8.6%，增速居全省前列。
（报告二）黄南州对口支援工作总结

2024年，全州地区生产总值增长6.8%。
```

## 如何修改
核对原始材料，确定正确的数字，全文（和各篇文稿）统一。如果两处其实说的是不同的事（不同口径、不同
范围），在指标名称中写明区别（“新增”“其中”“城镇”）。同一个地方或指标有几种叫法（河南县与河南蒙古族
自治县），在用语规范表中登记为别名，各处的数字就会放在一起核对。

## What it does
Reads every figure of the run with what it measures (the fact model of
:mod:`factlint.facts.figures`: entity, metric, period, target, level or change) and reports a
figure that states the same fact as an earlier one — in the same document or another document of
the run — with a value that disagrees beyond the precision both are written with: 1000余人 and
1023人, 18.51亿元 and 18.5亿元, 2.5万人 and 25000人 agree; 约, 近, 余, 多 widen the tolerance. The
message names both values and places and the kind of slip when it looks like one: digits transposed
(162/126), 万/亿 confused (3.6亿元/3600万元), one digit off.

## Why it matters
A figure stated twice in two ways leaves the reader unable to tell which is right, and is the kind
of error that gets a report corrected or recalled after publication.

## How it works
Figures are grouped by (entity, metric, period, unit, level or kind of change, cumulative or not) in
one index over the run; targets are left out. A place or a metric the fact sheet declares as an
alias (`[facts.names]`) is grouped under its canonical name. Within a group, figures are compared in document order
with the distinct values seen before (a group with more than two distinct values is not one fact
and stays silent, as do figures whose action verbs differ: 选派 and 引进). Figures of different years,
places, of a target beside its result, of a total beside one of its parts, or with a generic metric
(资金, 项目, 数量) are different facts. Figures of a 政府工作报告 without a year of their own are compared
only within their document; a 统计公报's are of the year of its title.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from factlint.facts.corpus import Corpus
from factlint.facts.figures import FIGURE_INDEX, FIGURES, Figure
from factlint.model import Finding, Message, Related, Severity
from factlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    code="C103",
    name="figure-conflict",
    severity=Severity.WARNING,
    summary=Message("同一事实前后数字不一致", "one fact stated with two different figures"),
    scope="corpus",
    reads=(FIGURE_INDEX, FIGURES),
)

#: a group with more distinct values than this is not one fact (a metric read too broadly)
_MAX_VALUES = 2
_ONE_DIGIT = Message("一位数字不同", "one digit differs")


def _tolerance(a: Figure, b: Figure) -> float:
    tolerance = max(a.precision, b.precision)
    if a.approx or b.approx:
        tolerance = max(2 * tolerance, 0.1 * max(abs(a.value), abs(b.value)))
    return tolerance


def agree(a: Figure, b: Figure) -> bool:
    """Whether two figures of one fact agree at the coarser of their precisions."""
    return abs(a.value - b.value) < _tolerance(a, b) * (1 - 1e-9) or a.value == b.value


def _digits(numeral: str) -> str:
    return "".join(c for c in numeral if c.isdigit()).lstrip("0")


def slip(here: Figure, there: Figure) -> Message | None:
    """The kind of slip that turns one figure into the other, if it is one."""
    a, b = _digits(here.numeral), _digits(there.numeral)
    if here.value and there.value:
        ratio = max(here.value, there.value) / min(here.value, there.value)
        power = round(ratio)
        if power in (10, 100, 1000, 10000) and abs(ratio - power) < 1e-6 * power:
            texts = here.text + there.text
            if "万" in texts and "亿" in texts:
                return Message("疑为万/亿混淆", "万 and 亿 confused?")
            return Message(
                f"相差{power}倍，疑为单位或小数点错误",
                f"{power} times apart: unit or decimal point?",
            )
    if a and len(a) == len(b) and a != b and here.numeral.count(".") == there.numeral.count("."):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        ):
            return Message("疑为数字颠倒", "digits transposed?")
        if len(diff) == 1:
            return _ONE_DIGIT
    return None


def check(corpus: Corpus, opts: NoOptions) -> Iterator[Finding]:
    index = corpus.view(FIGURE_INDEX)
    found: list[tuple[int, int, Finding]] = []
    for group in index.values():
        if len(group) < 2:
            continue
        distinct: list[tuple[int, Figure]] = []
        conflicts: list[tuple[int, Figure, int, Figure]] = []
        for i, f in group:
            if any(agree(f, g) for _, g in distinct):
                continue
            earlier = next(
                ((j, g) for j, g in distinct if not (f.verb and g.verb and f.verb != g.verb)), None
            )
            distinct.append((i, f))
            if len(distinct) > _MAX_VALUES:
                break
            if earlier is not None:
                conflicts.append((i, f, *earlier))
        if len(distinct) > _MAX_VALUES:
            continue
        for i, f, j, g in conflicts:
            doc, other = corpus[i], corpus[j]
            kind = slip(f, g)
            if kind is None and (f.weak or g.weak):
                continue  # 总投资, 新增就业: of the year or of one project? Only a slip tells
            if i == j and f.block == g.block and (kind is None or kind.zh == _ONE_DIGIT.zh):
                continue  # one paragraph naming a metric twice: parallel items (城镇…，农村…)
            if i == j:
                where_zh, where_en = f"第{g.line}行", f"line {g.line}"
            else:
                name = PurePath(other.path).name
                where_zh, where_en = f"{name}第{g.line}行", f"{name}, line {g.line}"
            zh = f"“{f.text}”与{where_zh}“{g.text}”不一致" + (f"（{kind.zh}）" if kind else "")
            en = f"“{f.text}” disagrees with “{g.text}” ({where_en})" + (
                f": {kind.en}" if kind else ""
            )
            found.append(
                (
                    i,
                    f.span.start,
                    Finding(
                        span=f.span,
                        path=doc.path,
                        message=Message(zh, en),
                        related=(
                            Related(
                                g.span,
                                Message(
                                    f"“{f.metric}”在此为“{g.text}”",
                                    f"“{f.metric}” is “{g.text}” here",
                                ),
                                path=other.path,
                            ),
                        ),
                    ),
                )
            )
    for _, _, finding in sorted(found, key=lambda t: (t[0], t[1])):
        yield finding

"""U102 classifier-noun-mismatch — a classifier that does not fit the noun it counts.

## 检查什么
量词与所计数的对象不相配：用“户”数人（学生、儿童、教师、患者等），或用“名”“位”数家庭、农户、企业
等。

例如“帮扶困难学生、困难家庭1000余户”：“户”同时管到了“学生”。

只在对象的类别明确无误时才报告；“人”也可以用来数家庭成员，所以不判断“人”。

## 为什么重要
“户”数家庭，“名”数人。“困难学生、困难家庭1000余户”让读者无法知道帮扶了多少名学生，这个数字也无法与
按“名”统计的数字比较。

## 示例
```
累计帮扶困难学生、困难家庭1000余户。
```

## 改为
```
累计帮扶困难学生500余名、困难家庭1000余户。
```

## 如何修改
给不同对象分别写出数字和相应的量词：困难学生500余名、困难家庭1000余户；或者把对象改成与量词相配的
说法。

## What it does
Reads the nouns a count refers to — the list right before the figure, in the same clause
(帮扶困难学生、困难家庭1000余户), or the noun right after the classifier (1000户学生) — and reports
a household classifier (户) counting people (学生, 儿童, 教师, 患者 …) or a person classifier (名,
位) counting households or organisations (家庭, 农户, 企业 …). Conservative on purpose: only nouns
whose kind is unmistakable are judged, and 人 (which also counts members of households) is left alone.

## Why it matters
户 counts households, 名 counts people; “困难学生、困难家庭1000余户” leaves the reader unable to tell
how many students were helped, and the figure cannot be compared with one counted in 名.

## How it works
Reads the nouns a count refers to: the list right before the figure in the same clause, or the
noun right after the classifier (1000户学生). A household classifier (户) counting a word of a small
list of person nouns, or a person classifier (名, 位) counting a household or organisation noun, is
reported. 人 is never judged.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.quantities import QUANTITIES
from factlint.model import Finding, Message, Severity
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import Document

META = RuleMeta(
    code="U102",
    name="classifier-noun-mismatch",
    severity=Severity.WARNING,
    summary=Message("量词与所计对象不符", "a classifier that does not fit its noun"),
    reads=(QUANTITIES,),
)

_PEOPLE = regex.compile(r"(?:学生|儿童|老人|教师|干部|患者|职工|农民工|孤儿|幼儿|毕业生|留守儿童)$")
_HOUSEHOLDS = regex.compile(r"(?:家庭|农户|住户|企业|单位|商户|农牧户)$")
_FITS = {"户": ("people", "名或人"), "名": ("households", "户或家"), "位": ("households", "户或家")}
_CLAUSE_START = regex.compile(r"[^，,；;。：:！？]{1,40}$")
_ITEM_SEP = regex.compile(r"[、和及与]")


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    for q in doc.view(QUANTITIES).with_units(_FITS):
        wrong_kind, better = _FITS[q.unit]
        pattern = _PEOPLE if wrong_kind == "people" else _HOUSEHOLDS
        clause = _CLAUSE_START.search(doc.text, max(0, q.span.start - 40), q.span.start)
        items = [i for i in _ITEM_SEP.split(clause.group()) if i] if clause else []
        nouns = items if len(items) > 1 else []
        if q.noun:
            nouns.append(q.noun)
        wrong = next((n for n in nouns if pattern.search(n)), None)
        if wrong is None:
            continue
        noun = pattern.search(wrong).group()  # type: ignore[union-attr]
        figure = doc.slice(q.span)
        yield Finding(
            span=q.span,
            message=Message(
                f"“{figure}”以“{q.unit}”计，但所计对象含“{noun}”，“{noun}”应以{better}计",
                f"“{figure}” counts in “{q.unit}”, but it counts “{noun}”, which is counted "
                f"with {' or '.join(better.split('或'))}",
            ),
        )

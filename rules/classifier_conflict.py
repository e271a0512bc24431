"""U101 classifier-conflict — the same measure counted with different classifiers.

## 检查什么
同一事物在本次检查的各篇文稿（或同一篇文稿）中用了不同的量词来计数：一处写“手术300余台”，另一处
写“手术800余例”；一处写“3所医院”，另一处写“3家医院”。

只比较容易互相替换的量词：手术的“台/例”，机构的“所/家”，建筑设施（水库、桥梁、场馆）的“座/个”（同一事物
在别处用“座”计时，“个”才算另一种写法）。“批”、统计中企业的“户/家”、“人/人次”（人数和人次本来就是两回
事）常常并用，不报告。

报告用得少的那种写法（一样多时报告后出现的），并指出另一种写法所在的位置。

## 为什么重要
汇编材料来自不同单位，一个部门按“台”统计、另一个按“例”统计，数字就无法相加或比较，读者也会发现两篇
文稿说法不一。

## 示例
```
（报告一）州人民医院实施手术300余台。
（报告二）州人民医院完成手术800余例。
```

## 如何修改
对同一类事物约定一个量词（手术统一用“台”或“例”），全文统一。

## What it does
Groups the counts of all documents of a run by the noun they measure (the subject read before the
figure: 完成**手术**800余例) and reports a count whose classifier differs from the one used for the
same noun elsewhere — in the same report or in a sibling report of the same run (手术300余台 in one,
手术800余例 in another; 3所医院 here, 3家医院 there). What a count counts is the noun after its
classifier (6所**中学**), else the noun before the figure. Only rival classifiers of one kind are
compared — procedures (台/例), institutions (所/家) and structures (座/个: the general 个 counts
only against a 座 for the same noun somewhere in the run); 批, the 户/家 of enterprises in
statistics and 人/人次 (persons against visits, which count different things) are used side by side
on purpose. The count in the minority classifier is reported (the
later one on a tie), with the other place as related location.

## Why it matters
Reports are compiled from many contributions; a figure counted in 台 by one office and in 例 by
another cannot be added up or compared, and readers notice that the two documents disagree.

## Use instead
Agree on one classifier for the measure (手术……台 or 手术……例) and use it everywhere.

## How it works
Counts of all documents are grouped by the noun they measure: the noun after the classifier
(6所中学), else the subject read before the figure (完成手术800余例). Only rival classifiers of one
kind are compared (台/例, 所/家); the count in the minority classifier is reported, the later one on
a tie.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

import regex
from factlint.facts.corpus import Corpus
from factlint.facts.quantities import QUANTITIES, Quantity
from factlint.model import Finding, Message, Related, Severity
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import Document

META = RuleMeta(
    code="U101",
    name="classifier-conflict",
    severity=Severity.WARNING,
    summary=Message("同一计量对象使用了不同量词", "one measure counted with different classifiers"),
    scope="corpus",
    reads=(QUANTITIES,),
)

#: Classifiers that count the same kind of thing in rival ways: procedures (台/例) and institutions
#: (所/家). Others are used side by side on purpose: 个, 批, the 户/家 of enterprises in statistics,
#: and 人/人次, which count different things (persons, visits).
_RIVALS = {
    "台": "procedures",
    "例": "procedures",
    "所": "institutions",
    "家": "institutions",
    # structures (水库, 桥梁, 场馆): 座, or the general 个 where another place of the run says 座
    "座": "structures",
    "个": "structures",
}
_NOUN_END = regex.compile(r"[和及与的等、]")


def _measured(q: Quantity) -> str:
    """What a count counts: the noun after its classifier (6所中学), else the noun before it."""
    if q.noun:
        return _NOUN_END.split(q.noun, maxsplit=1)[0]
    return q.subject


def _counts(doc: Document) -> Iterator[tuple[tuple[str, str], str, Quantity]]:
    for q in doc.view(QUANTITIES).with_units(_RIVALS):
        measured = _measured(q)
        if q.unit in _RIVALS and len(measured) >= 2 and q.value > 1:
            yield (measured, _RIVALS[q.unit]), q.unit, q


def check(documents: Corpus, opts: NoOptions) -> Iterator[Finding]:
    by_subject: dict[tuple[str, str], list[tuple[Document, str, Quantity]]] = defaultdict(list)
    for doc in documents:
        for key, unit, q in _counts(doc):
            by_subject[key].append((doc, unit, q))
    for (subject, _kind), uses in by_subject.items():
        tally = Counter(unit for _, unit, _ in uses)
        if len(tally) < 2:
            continue
        # the classifier used most (first used, on a tie) is the reference
        first_use = {unit: i for i, (_, unit, _) in reversed(list(enumerate(uses)))}
        reference = max(tally, key=lambda u: (tally[u], -first_use[u]))
        ref_doc, _, ref_q = uses[first_use[reference]]
        for doc, unit, q in uses:
            if unit == reference:
                continue
            here, there = doc.slice(q.span), ref_doc.slice(ref_q.span)
            yield Finding(
                span=q.span,
                path=doc.path,
                message=Message(
                    f"“{subject}”在此以“{q.unit}”计（{here}），在别处以“{ref_q.unit}”计（{there}）",
                    f"“{subject}” is counted in “{q.unit}” here ({here}) but in “{ref_q.unit}” "
                    f"elsewhere ({there})",
                ),
                related=(
                    Related(
                        ref_q.span,
                        Message(f"以“{ref_q.unit}”计", f"counted in “{ref_q.unit}”"),
                        path=ref_doc.path,
                    ),
                ),
            )

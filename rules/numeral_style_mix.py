"""N120 numeral-style-mix — like counts in one sentence or one list written in digits and in Chinese.

## 检查什么
同一句中，量词相同的几个数字，有的用阿拉伯数字，有的用汉字（“覆盖6所中学……以及四所市县级人民医
院”）。报告写法占少数的那个（一样多时报告后出现的），并指出另一处。

同一个列举里，各项开头的计数有的用阿拉伯数字，有的用汉字（“2个国家级开发区、二个综合保税区”），不论
量词是否相同，也包括量词“个”：并列的各项是同一类计数。

句内比较时不报告：“一”和约数（三五天、两三个）；引号里的说法（“十个全覆盖”“四个不摘”）；量词“个”
（常用来给一组事物命名：五个新城）；放在名词前、表示固定提法的“项、件、条、类、种”（三项制度改革、
十件民生实事），即使同句还有同一量词的统计数（完成改革事项12项）；名次（前两名）。

## 为什么重要
国家标准要求同类数字写法一致。同一句里两种写法混用，像是两份稿子拼在一起，读者比较数字时也会卡住。

## 示例
```
覆盖6所中学和州职校，以及州人民医院和四所市县级人民医院。
拥有2个国家级开发区、二个综合保税区。
```

## 改为
```
覆盖6所中学和州职校，以及州人民医院和4所市县级人民医院。
拥有2个国家级开发区、2个综合保税区。
```

## 如何修改
统一写法：计数一般用阿拉伯数字（4所）。`--fix --unsafe-fixes` 可以改写，请逐处确认。

## What it does
Within one sentence, finds counts with the same classifier (所, 名, 个, 项 …) where one is written
in Arabic digits and another in Chinese numerals (“覆盖6所中学……以及四所市县级人民医院”), and reports
the one in the minority style (the later one on a tie), with the other as related location.

Within one list (the ENUMERATIONS view), the counts that lead its items (after at most a verb of
two characters: 拥有2个国家级开发区、二个综合保税区) are compared whatever their classifiers, 个
included: the items of a list are parallel, so their counts are of one kind. Arabic 1 takes part
there; Chinese 一 does not. A list whose counts were already compared in their sentence is not
compared again.

Left alone, because they are names or words as much as numbers: 一 and approximations (三五天,
两三个); counts inside quotation marks (“十个全覆盖”, “四个不摘”); the classifier 个, with which
reports name groups (五个新城, 六个横向输水大动脉); a Chinese count of measures, tasks or policies
(项, 件, 条, 类, 种) placed before its noun, which names a fixed set (三项制度改革, 十件民生实事,
残疾人两项补贴) beside the tally of the same classifier (完成改革事项12项); ranks (前两名).

## Why it matters
GB/T 15835 asks for one consistent form where numbers of the same kind stand together; a mixed
sentence reads as two drafts pasted into one, and a reader comparing the counts stumbles.

## How it works
Counts of one sentence are grouped by classifier; where one is in Arabic digits and another in
Chinese numerals, the minority style is reported (the later one on a tie), the other as related
location. Exempt: 一, approximations, counts inside quotation marks, the classifier 个, a Chinese
count of 项/件/条/类/种 before its noun, ranks. Then, list by list, the counts leading the items
(any classifier, 个 included, Arabic 1 too) are compared the same way, unless the sentence pass
compared them already. The fix (unsafe) writes the count in the majority style.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence

import regex
from factlint.facts.enumerations import ENUMERATIONS
from factlint.facts.numerals import chinese_numeral
from factlint.facts.quantities import QUANTITIES, Quantity
from factlint.model import Finding, Fix, Message, Related, Severity
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import SENTENCES, Document

META = RuleMeta(
    code="N120",
    name="numeral-style-mix",
    severity=Severity.WARNING,
    summary=Message(
        "同一句或同一列举中同类计数数字形式不统一",
        "like counts in one sentence or one list in mixed numeral styles",
    ),
    fixable=True,
    fix_safety="unsafe",
    reads=(SENTENCES, QUANTITIES, ENUMERATIONS),
)


#: Classifiers of abstract things (measures, tasks, policies), which reports name as fixed sets in
#: Chinese numerals before the noun: 三项制度改革, 八项规定, 十件民生实事, 四类人员, 六条措施.
_SET_CLASSIFIERS = frozenset("项件条类种")


#: What may stand before the count that leads a list item: a verb of two characters at most.
_LEAD = regex.compile(r"\p{Han}{0,2}")


def _countable(doc: Document, q: Quantity, sentence_start: int, *, listed: bool = False) -> bool:
    """Whether a count takes part in the comparison; ``listed`` counts lead items of one list, where
    个 counts as any classifier (2个国家级开发区、二个综合保税区) and Arabic 1 stands beside 两."""
    if q.kind != "count" or q.value != int(q.value):
        return False
    if not listed and (q.unit == "个" or q.value < 2):
        return False
    if q.value < 2 and not q.arabic:
        return False  # 一个: a word as much as a number
    if not q.arabic and len(q.approx) >= 2:
        return False  # a Chinese digit pair (七八个) is an approximation
    before = doc.text[sentence_start : q.span.start]
    if before.count("“") > before.count("”"):
        return False  # inside a quoted name
    if not q.arabic and q.unit in _SET_CLASSIFIERS and q.noun:
        return False  # 三项制度改革, 十件民生实事: a Chinese count naming a set of measures
    return not before.endswith(("前", "后", "第"))


def _finding(doc: Document, q: Quantity, other: Quantity, unit: str, *, listed: bool) -> Finding:
    shown, other_shown = doc.slice(q.number), doc.slice(other.number)
    if q.arabic:
        # a count of two is 两, not 二: 两所中学
        replacement = "两" if q.value == 2 else chinese_numeral(int(q.value))
    else:
        replacement = str(int(q.value))
    where = "同一列举" if listed else "同一句"
    where_en = "one list" if listed else "one sentence"
    other_unit = other.unit if listed else unit
    return Finding(
        span=q.number,
        message=Message(
            f"{where}中“{other_shown}{other_unit}”用{'汉字' if q.arabic else '阿拉伯数字'}，"
            f"“{shown}{unit}”用{'阿拉伯数字' if q.arabic else '汉字'}，同类计数应统一",
            f"“{other_shown}{other_unit}” and “{shown}{unit}” in {where_en} use different "
            "numeral styles; write like counts alike",
        ),
        related=(Related(other.number, Message("另一种写法", "the other style")),),
        fix=Fix(
            replacement,
            Message(f"改为“{replacement}”", f"write “{replacement}”"),
            safe=False,
        ),
    )


def _mixed(qs: list[Quantity]) -> Iterator[tuple[Quantity, Quantity]]:
    """The counts in the minority style (the later ones on a tie), each with the first count of the
    majority style."""
    arabic = [q for q in qs if q.arabic]
    chinese = [q for q in qs if not q.arabic]
    if not arabic or not chinese:
        return
    minority = chinese if len(chinese) <= len(arabic) else arabic
    majority = arabic if minority is chinese else chinese
    for q in minority:
        yield q, majority[0]


def _listed(doc: Document, starts: Sequence[int], compared: set[int]) -> Iterator[Finding]:
    """Items of one list led by counts in both styles: 2个国家级开发区、二个综合保税区. A list whose
    counts were ``compared`` in their sentence already (same classifier) is not compared again."""
    enums = doc.view(ENUMERATIONS)
    if not enums:
        return
    quantities = doc.view(QUANTITIES)
    q_starts = quantities.starts  # without making the quantities
    n = len(quantities)
    for i, enum_start in enumerate(enums.starts()):  # without making the lists
        k = bisect_right(starts, enum_start) - 1
        if k < 0:
            continue
        bounds = list(enums.item_bounds(i))
        item_starts, item_ends = zip(*bounds, strict=True)
        first, last = min(item_starts), max(item_ends)
        if bisect_left(q_starts, last) == bisect_left(q_starts, first):
            continue  # no figure starts in the items: none leads one
        leading: list[Quantity | None] = []
        for start, end in bounds:
            # the count that leads the item, after at most a verb: 拥有2个国家级开发区
            j = bisect_left(q_starts, start)
            if j >= n or q_starts[j] >= end:
                leading.append(None)  # no figure starts in the item (none is made to see it)
                continue
            q = quantities[j]
            lead = doc.text[start : q.span.start]
            fits = q.span.end <= end and _LEAD.fullmatch(lead)
            leading.append(q if fits else None)
        qs = [q for q in leading if q is not None and _countable(doc, q, starts[k], listed=True)]
        if len(qs) < 2 or any(q.number.start in compared for q in qs):
            continue
        for q, other in _mixed(qs):
            yield _finding(doc, q, other, q.unit, listed=True)


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    counts = doc.view(QUANTITIES)
    if not counts:
        return
    sentences = doc.sentences
    starts = sentences.starts()  # without making the sentences
    ends = sentences.ends()
    reported: set[int] = set()
    by_sentence: dict[int, list[Quantity]] = defaultdict(list)
    for q in counts.with_kinds(("count",)):  # _countable reads counts only
        k = bisect_right(starts, q.span.start) - 1
        if k < 0 or q.span.end > ends[k]:
            continue
        if _countable(doc, q, starts[k]):
            by_sentence[k].append(q)
    for group in by_sentence.values():
        by_unit: dict[str, list[Quantity]] = defaultdict(list)
        for q in group:
            by_unit[q.unit].append(q)
        for unit, qs in by_unit.items():
            for q, other in _mixed(qs):
                reported.update(c.number.start for c in qs)
                yield _finding(doc, q, other, unit, listed=False)
    yield from _listed(doc, starts, reported)

"""N131 share-over-hundred — a share of a whole above 100%, or shares of one whole adding up to more.

## 检查什么
表示“占整体多少”的百分比超过了100%：占……的X%、比重（为/达到）X%、占比X%。

同一整体的几个部分所占比重加起来超过100%（超出四舍五入的误差）：
- 三次产业各占多少（第一产业占8%，第二产业占45%，第三产业占50%），各产业说的是同一个量（都是增加
  值）、同一个整体；
- “分别占”“比重分别为”前面列出的几项（第一、二、三产业……分别为8.5%、40.2%、53.3%；国有企业、民营
  企业、外资企业分别占……），各项有相同的中心词（企业）。

不相加：占不同整体的比重（地区生产总值、财政收入、进出口分别占全省的30%、40%、50%；第一产业就业人员
占全部就业人员、第二产业增加值占地区生产总值；全市第一产业占全省的12%、第二产业占全省的25%，各占全省
的同一产业）；各组内部的比例（城镇、农村居民家庭中……分别占）；不同
年份的比重；贡献率（可以为负，不是比重）。

不报告：完成率、增长率等本来就可能超过100%的数，即基数是计划、目标、任务、预算（占计划的105%、完成
目标的120%），或者是上年同期（占上年同期的115%）、平均水平（占全国平均水平的120%）的。

## 为什么重要
部分不可能大于整体。比重超过100%，要么是打错了数字（95.1%写成105.1%），要么是把增长率放到了比重的
位置上。

## 示例
```
服务业增加值占地区生产总值的比重为105.3%。
第一产业占8%，第二产业占45%，第三产业占50%。
```

## 改为
```
服务业增加值占地区生产总值的比重为50.3%。
第一产业占8%，第二产业占42%，第三产业占50%。
```

## 如何修改
核对数字，改正比重；如果说的其实是增长或完成情况，换成相应的说法。各部分之和超过100%时，核对哪一
项错了。

## What it does
Reports a percentage introduced as a share of a whole — 占……的X%, 比重（为/达到）X%, 占比X% — when X
is above 100. Growth rates, completion rates (占计划的105%, 完成目标的120%) and gross ratios may exceed
100% and are not shares: a share whose base is a plan, target, task or budget, an earlier period
(占上年同期的115%) or an average level (人均地区生产总值占全国平均水平的120%) is left alone.

Also reports shares of one whole that add up to more than 100% beyond rounding (half a unit in the
last digit of each): the three industries, one share each, of the same thing and the same whole
(第一产业占8%，第二产业占45%，第三产业占50%), and shares given 分别 after a list of parts of one
whole (第一、二、三产业 …分别为8.5%、40.2%、53.3%; 国有企业、民营企业、外资企业分别占……: items with a
common head noun). Not summed: shares of different wholes (地区生产总值、财政收入、进出口分别占全省的
…; 第一产业就业人员占全部就业人员 beside 第二产业增加值占地区生产总值; shares of counterparts at a
higher level, 第一产业占全省的12%，第二产业占全省的25%, unless the base is one total such as 全省
生产总值), rates within groups (城镇、农村
居民家庭中……分别占), shares of different years, contribution rates (贡献率, which may be negative).

## Why it matters
No part is bigger than its whole: a share above 100% is a typo (95.1% → 105.1%) or a growth rate
pasted under the wrong label.

## How it works
A percentage introduced as a share (占……的X%, 比重（为/达到）X%, 占比X%) above 100; a base that is
a plan, target, task, budget, earlier period or average level exempts it. Sums, sentence by
sentence over the QUANTITIES view: after 分别, the run of percentages (8.5%、40.2%和53.3%) when the
clause has 占/比重/占比 and the items before it are 第一、二、三产业 or share a head noun of two or more
characters (no 城镇/农村/居民/家庭, years or digits); otherwise one percentage per industry, each at
the head of its clause (or piece after 、) with 占/比重, the same words between the industry and 占
(增加值) and the same stated whole. A base at a higher level (全省, 全国 …) without a total word
(生产总值, 总量 …) is each part's own counterpart, and the shares are not summed. A sum above 100 plus the rounding of its terms is reported.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

import regex
from factlint.facts.numerals import PERCENT, arabic_value, decimal, decimal_places
from factlint.facts.quantities import QUANTITIES, Quantity, per_sentence
from factlint.model import Finding, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, PROTECTED, SENTENCES, Document

META = RuleMeta(
    code="N131",
    name="share-over-hundred",
    severity=Severity.ERROR,
    summary=Message("占比超过100%", "a share of a whole above 100%"),
    reads=(BLOCKS, PROTECTED, SENTENCES, QUANTITIES),
)

_SHARE = regex.compile(
    rf"(?P<lead>占比|比重|份额|占)(?P<base>[^。，,；;！？{PERCENT}\d]{{0,20}}?)"
    rf"(?:为|达到|达|约|近|超过|提高到|上升到|升至)?(?P<value>{decimal(3, 5, 4)})[{PERCENT}]"
)
_NOT_A_WHOLE = regex.compile(r"计划|目标|任务|预算|上年|去年|同期|基期|平均|水平")


#: The three industries, which share out one whole (地区生产总值, 就业, 投资) among them.
_INDUSTRY = regex.compile(
    r"(?:其中)?(?:全年|全市|全省|全区|全县|全州)?(第一产业|第二产业|第三产业|一产|二产|三产)"
)
#: 第一、二、三产业, 一二三产业, 第一产业、第二产业和第三产业: a list of the three industries.
_INDUSTRIES = regex.compile(
    r"第?一(?:产业|产)?[、和及与]?第?二(?:产业|产)?[、和及与]第?三(?:次)?(?:产业|产)|三次产业"
)
_SHARE_WORD = regex.compile(r"占比|比重|占")
_RESPECTIVELY = regex.compile(r"分别")
_CLAUSE = regex.compile(r"[，,；;：:]")
#: What separates one industry's share from the next: ……比重为22.1%、第三产业增加值比重为57.0%.
_PIECE = regex.compile(r"[，,；;：:、]")
_ITEM_SEPARATOR = regex.compile(r"、|以及|和|及|与")
#: Items whose shares are of different wholes: a rate within each group (城镇、农村居民家庭中……分别占).
_GROUP_RELATIVE = regex.compile(r"城镇|农村|城市|乡村|居民|家庭|\d|年")
#: How far back the clause of a share is read (its parts and what they are shares of).
_WINDOW = 60
#: How many shares after 分别 are read: a list of parts is short.
_READ_AHEAD = 12
#: What may stand between two shares given 分别: 8.5%、40.2%和51.3%.
_BETWEEN = regex.compile(r"[、，,]?(?:和|及|与)?")


#: A whole at a higher level, of which each part has its own counterpart: 第一产业占全省的12%
#: (of the province's 第一产业), 第二产业占全省的25% — unless it is one total (全省地区生产总值).
_HIGHER_LEVEL = regex.compile(r"全(?:国|省|市|区|州|县|盟)|同行业|同类")
_ONE_TOTAL = regex.compile(r"生产总值|GDP|总量|总额|总数|总计|合计")


def _another_whole(base: str) -> bool:
    """Whether each share is of its own counterpart at a higher level (占全省的……)."""
    return bool(_HIGHER_LEVEL.search(base)) and not _ONE_TOTAL.search(base)


def _slack(doc: Document, q: Quantity) -> float:
    """Half a unit in the last digit written: 40.2% may be anything from 40.15% to 40.25%."""
    return 0.5 * 10.0 ** -decimal_places(doc.slice(q.number))


def _common_suffix(words: list[str]) -> str:
    suffix = words[0]
    for w in words[1:]:
        while suffix and not w.endswith(suffix):
            suffix = suffix[1:]
    return suffix


def _over(doc: Document, shares: list[Quantity]) -> Finding | None:
    """Shares of one whole whose sum is above 100% beyond rounding."""
    added = sum(q.value for q in shares)
    if added - 100 <= sum(_slack(doc, q) for q in shares) + 1e-9:
        return None
    places = max(decimal_places(doc.slice(q.number)) for q in shares)
    shown = "＋".join(doc.slice(q.span) for q in shares)
    total = f"{added:.{places}f}%"
    return Finding(
        span=Span(shares[0].span.start, shares[-1].span.end),
        message=Message(
            f"同一整体的各部分所占比重之和{shown}＝{total}，超过100%",
            f"the shares of one whole add up to {total} ({shown}), more than 100%",
        ),
    )


def _respectively(
    doc: Document, text: str, start: int, percents: list[Quantity]
) -> Iterator[Finding]:
    """A分别占X%、Y%: the listed items before 分别 are parts of one whole."""
    for m in _RESPECTIVELY.finditer(text):
        at = start + m.end()
        shares: list[Quantity] = []
        first = bisect_left([q.span.start for q in percents], at)
        for q in percents[first : first + _READ_AHEAD]:
            gap = doc.text[shares[-1].span.end if shares else at : q.span.start]
            if shares and _BETWEEN.fullmatch(gap) is None:
                break
            if not shares and (len(gap) > 16 or _CLAUSE.search(gap)):
                break
            shares.append(q)
        clause = _CLAUSE.split(text[max(0, m.start() - _WINDOW) : m.start()])[-1]
        lead = clause + doc.text[at : shares[0].span.start] if shares else ""
        if len(shares) < 2 or not _SHARE_WORD.search(lead) or _another_whole(lead):
            continue
        named = _SHARE_WORD.split(clause, maxsplit=1)[0]
        if _INDUSTRIES.search(named):
            disjoint = len(shares) <= 3
        else:
            items = [i for i in _ITEM_SEPARATOR.split(named) if i]
            suffix = _common_suffix(items) if len(items) >= 2 else ""
            disjoint = (
                len(items) == len(shares)
                and len(suffix) >= 2
                and all(len(i) > len(suffix) for i in items)
                and not _GROUP_RELATIVE.search(named)
            )
        if disjoint:
            finding = _over(doc, shares)
            if finding is not None:
                yield finding


def _industries(doc: Document, text: str, start: int, percents: list[Quantity]) -> Finding | None:
    """第一产业占8%，第二产业占45%，第三产业占50%: one share per industry, each in its clause."""
    shares: list[Quantity] = []
    seen: set[str] = set()
    heads: set[tuple[str, str]] = set()
    for q in percents:
        lead = _PIECE.split(text[max(0, q.span.start - start - _WINDOW) : q.span.start - start])[-1]
        m = _INDUSTRY.match(lead)
        share = _SHARE_WORD.search(lead)
        if m is None or share is None or m.group(1) in seen:
            continue
        seen.add(m.group(1))
        # what is shared (增加值) and of what (地区生产总值): the same for every industry
        heads.add((lead[m.end() : share.start()], lead[share.end() :].removeprefix("的")))
        shares.append(q)
    if len(shares) < 2:
        return None
    if any(_another_whole(b) for _, b in heads):
        return None
    kinds = {h for h, _ in heads}
    bases = {b for _, b in heads if b and not regex.fullmatch(r"(?:比重|比)?(?:为|达到|达)?", b)}
    if len(kinds) > 1 or len(bases) > 1:
        return None  # shares of different wholes: 增加值占GDP, 投资占全部投资
    return _over(doc, shares)


def _sums(doc: Document) -> Iterator[Finding]:
    percents = [q for q in doc.view(QUANTITIES).with_kinds(("percent",)) if not q.approximate]
    if len(percents) < 2:
        return
    # the sentences in which two shares or more start (only those are made), with the shares
    # that lie inside them
    for sentence, inside in per_sentence(doc.sentences, percents, minimum=2):
        if len(inside) < 2:
            continue
        text = doc.text[sentence.span.start : sentence.span.end]
        found = list(_respectively(doc, text, sentence.span.start, inside))
        yield from found
        if not found:
            finding = _industries(doc, text, sentence.span.start, inside)
            if finding is not None:
                yield finding


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    yield from _sums(doc)
    for m in doc.prose_matches(_SHARE):
        value = arabic_value(m.group("value"))
        if value is None or value <= 100 or _NOT_A_WHOLE.search(m.group("base")):
            continue
        start, end = m.start("value"), m.end()
        figure = doc.text[start:end]
        yield Finding(
            span=Span(start, end),
            message=Message(
                f"“{m.group('lead')}{m.group('base')}”是部分占整体的比例，不应超过100%，此处为{figure}",
                f"a share of a whole cannot exceed 100%, but “{m.group('lead')}{m.group('base')}” is "
                f"{figure}",
            ),
        )

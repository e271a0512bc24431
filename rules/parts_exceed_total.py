"""N132 parts-exceed-total — parts under 其中 that exceed their total, or that make it up and miss it.

## 检查什么
“其中”后面列出的分项超过了总数：
- 某一个分项就比总数大（累计培训2000人次，其中……3000人次）：部分不可能大于整体，金额、人数、数量都
  检查；
- 金额的各分项加起来超过总额（共投入5000万元，其中3000万元、2500万元）；
- 人数、户数、面积等的分项加起来超过总数，但只在分项显然互不包含时才相加：各分项是同一整体的不同
  部分（城镇、乡村；男性、女性；第一产业、第二产业……），或者各自开头、后面的说法相同（城镇人口、乡村
  人口），或者在“分别为”前面列出（其中城镇、乡村人口分别为……）。人数、机构数常常层层包含（研究生，其
  中博士），或者换了对象（城镇新增就业、农村劳动力转移就业），或者可能交叉（其中女党员、少数民族党员分
  别为……），这些不相加；
- 分项把整体分全了（城镇和乡村，男和女，三次产业都列出），它们的和就应当等于总数：明显多于或少于总数
  （超出四舍五入和千分之一）都报告。统计公报中“；”后面接着列的产业也算在内；同一串分句里后面还有别
  的分项（其中城镇低保对象3万人，农村低保对象6万人，特困人员1万人）时，只检查是否超过。

总数是“共、累计、合计、总计、总投资”等说出的数，或直接跟着“，其中”（或“，增长6.0%，其中”）的数（但
不是“比上年增加……，其中”这样的增量）。允许四舍五入的误差。

不报告：本身是约数的总数（5000余万元、约5000万元、超过5000万元）；平均数（人均可支配收入）；倍数；单位不同的数字；分项所在分
句里的增量（比上年增加2500万元）、撬动的资金；第二个“其中”后面对上一分项的再细分。

## 为什么重要
分项超过总数，说明其中必有一个数字错了；读者一加就会发现，其他数字也就不可信了。

## 示例
```
共投入帮扶资金5000万元，其中产业项目3000万元、教育医疗2500万元
累计培训2000人次，其中致富带头人3000人次
年末常住人口1282.5万人，其中城镇人口930.2万人、乡村人口382.3万人
```

## 改为
```
共投入帮扶资金5500万元，其中产业项目3000万元、教育医疗2500万元
累计培训5000人次，其中致富带头人3000人次
年末常住人口1282.5万人，其中城镇人口900.2万人、乡村人口382.3万人
```

## 如何修改
核对原始数据，改正总数或分项；如果分项本来就有交叉，不宜写成“其中”。

## What it does
Finds a figure stated as a total (共/累计/合计/总计/总投资 … 5000万元, 2000人次), or any figure
directly followed by “，其中” or by its growth rate and “，其中” (完成投资5亿元，其中 …; 地区生产总值
5000亿元，增长6.0%，其中 …) unless it is a change (比上年增加1500亿元，其中 …
breaks down an earlier figure), followed in the same sentence by 其中 and the figures it breaks down
into, in the same unit and in the same clause, and reports
- a single part larger than the total, for money, counts and measures alike
  (累计培训2000人次，其中……3000人次): a part of a whole cannot exceed the whole;
- money whose parts add up to more than the total;
- other quantities (persons, households, hectares) whose parts add up to more than the total, when
  the parts are different members of one whole (城镇/乡村, 男性/女性, 第一/二/三产业): each named at
  the head of its clause by its member followed by the same words (城镇人口 …, 乡村人口 …), or named
  before 分别 (其中城镇、乡村人口分别为……). Other counts under 其中 often nest (研究生, 其中博士),
  wander to another subject (城镇新增就业, 农村劳动力转移就业) or overlap (其中女党员、少数民族党员
  分别为……);
- parts that make up the whole (城镇 and 乡村, 男 and 女, all three 产业) whose sum is clearly not
  the total, above or below: beyond rounding and beyond a thousandth of the total (when another
  part follows in the same run of clauses, 特困人员1万人, only an excess is reported). Named parts are
  read to the end of the sentence, past ； (统计公报: ……增长3.1%；第二产业增加值……).

Rounding is allowed for (half a unit in the last digit of each figure; figures of one breakdown
with the same multiplier are read to the finest precision among them, since 5.0亿元 is written
5亿元), unless the parts add up to the total rounded to its own last digit (合计3.5亿元，其中
1.26亿元、1.25亿元、1.03亿元: 3.54 is written 3.5); a total that is itself approximate (5000余万元, 约5000万元, 超过5000万元) is a lower bound
and is not checked, nor are averages (人均, 平均), multiples (倍) and figures in another unit than the total's. Not parts:
a change in the part's own clause (其中今年完成3000万元，比上年增加2500万元), an amount the parts bring
in (其中财政资金1.2亿元，撬动社会资本5亿元), and, in the sum, the figures after a second 其中, which
break down the part before it (其中政府投资6亿元，其中中央预算内投资3亿元).

## Why it matters
A breakdown that exceeds its total means one of the figures is wrong, and a reader who adds them up
will not trust the others.

## How it works
A total (共/累计/合计/总计/总投资 … or a figure directly followed by ，其中, unless it is a change)
and the figures after 其中 in the same sentence, same unit and same clause. A single part larger
than the total is reported for any unit; money is summed, other units only when the parts are
members of one whole (城镇/乡村, 男/女, 三次产业), each at the head of its clause with the same
words after the member, or listed before 分别. Parts naming every member of a whole must add up to the total, within
rounding and a thousandth. Rounding: half a unit in the last
digit of each figure, figures of one breakdown with the same multiplier read to the finest
precision among them, unless the parts add up to the total rounded to its own last digit.
Approximate totals are lower bounds and are skipped; figures after a second 其中 are not summed.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.numerals import LARGE_UNITS, UNIT_VALUES, decimal_places
from factlint.facts.quantities import QUANTITIES, Kind, Quantity, per_sentence
from factlint.facts.units import longest_first
from factlint.model import Finding, Message, Related, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import SENTENCES, Document

META = RuleMeta(
    code="N132",
    name="parts-exceed-total",
    severity=Severity.ERROR,
    summary=Message(
        "“其中”所列分项或其和超过总数",
        "a part under 其中, or the sum of the parts, exceeds the total",
    ),
    reads=(SENTENCES, QUANTITIES),
)

_TOTAL = regex.compile(r"(?:共|累计|合计|总计|总额|总投资|共计|总共)[^，,；;。]{0,12}$")
#: 其中 after a figure stated as a total (共投入资金5000万元，其中 …).
_BREAKDOWN = regex.compile(r"[^。；;]{0,6}?其中")
#: 其中 right after any figure, or after its rate of growth: the figure is the total it breaks down
#: (完成投资5亿元，其中 …; 地区生产总值5000亿元，增长6.0%，其中 …).
_DIRECT_BREAKDOWN = regex.compile(
    r"(?:[，,](?:比上年|同比|较上年)?(?:增长|下降)[^，,；;。其]{1,8}?[%％])?[，,]?其中"
)
#: Averages are not totals of their parts: 人均可支配收入32000元，其中城镇居民人均……42000元.
_AVERAGE = regex.compile(r"人均|平均|均价|单价|每")
#: Parts that together make up a whole, each named by one word of a group: 城镇人口/乡村人口,
#: 男性/女性, 第一产业/第二产业/第三产业 (增加值). The first word of each alternation is its name.
_WHOLES: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("城镇",), ("乡村", "农村")),
    (("男性", "男"), ("女性", "女")),
    (("第一产业", "一产"), ("第二产业", "二产"), ("第三产业", "三产")),
)
_MEMBER = regex.compile(
    "|".join(
        sorted({w for whole in _WHOLES for member in whole for w in member}, key=longest_first)
    )
)
#: Parts named in order before 分别 and given after it: 其中城镇、乡村人口分别为900万人、382万人.
_RESPECTIVELY = regex.compile(r"分别(?:为|是|达到|达|有|占)?")
_CLAUSE_STOP = regex.compile(r"[，,、；;：:]")
#: How many figures after a total are read for its named parts (others, such as growth rates, lie
#: between them).
_READ_AHEAD = 24
#: A figure of change in its clause: 比上年增加3.88万人 is not the total that 其中 breaks down.
_CHANGE = regex.compile(
    r"(?:比|较|增加(?!值)|增长|减少|下降|提高|降低|上升|下滑|回落|扩大|缩小|净增)[^，,；;。：:]{0,12}$"
)
#: Verbs that bring in an amount from outside the total: 财政资金1.2亿元，撬动社会资本5亿元.
_LEVERAGE = regex.compile(r"撬动|带动|拉动|吸引")


def _precision(doc: Document, q: Quantity) -> tuple[float, str]:
    """Half a unit in the last digit written, and the multiplier: 5000万元 → (0.5万, 万)."""
    written = doc.slice(q.number)
    last = written[-1:]
    multiplier = last if last and last in LARGE_UNITS else ""
    scale = float(UNIT_VALUES[multiplier]) if multiplier else 1.0
    return 0.5 * 10.0 ** -decimal_places(written) * scale, multiplier


def _slacks(doc: Document, figures: list[Quantity]) -> list[float]:
    """How far each figure may be from its true value: half a unit in the last digit written.

    Reports drop trailing zeros (5.0亿元 is written 5亿元), so the figures of one breakdown that share
    a multiplier are read to the finest precision among them: in 共5亿元，其中3亿元、2.5亿元 the total
    is 5.0亿元, not anything from 4.5亿 to 5.5亿.
    """
    own = [_precision(doc, q) for q in figures]
    finest: dict[str, float] = {}
    for slack, multiplier in own:
        finest[multiplier] = min(slack, finest.get(multiplier, slack))
    return [finest[multiplier] for _, multiplier in own]


def _outside(doc: Document, q: Quantity, start: int) -> bool:
    """Whether a figure after 其中 is no part of the total: a change (比上年增加2500万元) or an
    amount brought in by the parts (撬动社会资本5亿元, 带动投资), read in the figure's own clause."""
    lead = doc.text[max(start, q.span.start - 16) : q.span.start]
    lead = regex.split(r"[，,、；;：:]", lead)[-1]
    return bool(_CHANGE.search(lead) or _LEVERAGE.search(lead))


def _exceeds(low: float, high: float) -> bool:
    """Whether a figure at least ``low`` must exceed one below ``high`` (rounding half up)."""
    return low >= high - 1e-9 * max(1.0, abs(high))


def _format(value: float, unit: str) -> str:
    for multiplier, size in (("亿", 1e8), ("万", 1e4)):
        if value >= size:
            return f"{value / size:.6g}{multiplier}{unit}"
    return f"{value:.6g}{unit}"


_TOTALLED_KINDS: tuple[Kind, ...] = ("money", "count", "measure")


def _totalled(q: Quantity) -> bool:
    """Figures a total can be stated in: money, counts and measures, not multiples."""
    return q.kind in _TOTALLED_KINDS and q.unit != "倍"


def _member(word: str) -> tuple[int, int] | None:
    """The whole and the member a word names: 乡村 → (0, 1), 第三产业 → (2, 2)."""
    for w, whole in enumerate(_WHOLES):
        for m, member in enumerate(whole):
            if word in member:
                return w, m
    return None


def _partition(
    doc: Document, total: Quantity, candidates: list[Quantity], after: int, clause_end: int
) -> tuple[bool, list[Quantity]] | None:
    """The parts of ``total`` that are disjoint by the way they are written, and whether they make
    up the whole: (True, parts) for 城镇人口A万人、乡村人口B万人 (every member of a whole named), (False,
    parts) for two of three 产业. Figures given 分别 (respectively) after their names count when the
    names are members of one whole (其中城镇、乡村人口分别为……); other groups may overlap (其中女党员、
    少数民族党员分别为……).

    Named parts are read to the end of the sentence (统计公报 go on after ；: ……增长4.1%；第二产业增加值
    ……), each named at the head of its own clause, all by different members of one whole and by the
    same words after the member (城镇人口, 乡村人口 — not 城镇新增就业, 农村劳动力转移就业).
    """
    if not candidates:
        return None
    lead = doc.text[after : candidates[0].span.start]
    respectively = _RESPECTIVELY.search(lead)
    if respectively is not None:
        parts = [q for q in candidates if q.span.end <= clause_end]
        names = regex.split(
            r"、|和|及|与", regex.split(r"[，,；;：:]", lead[: respectively.start()])[-1]
        )
        found = [_MEMBER.match(n.removeprefix("其中")) for n in names]
        named = [_member(m.group()) if m is not None else None for m in found]
        wholes = {n[0] for n in named if n is not None}
        members = {n[1] for n in named if n is not None}
        if len(wholes) != 1 or None in named or not len(members) == len(named) == len(parts):
            return None  # 其中女党员、少数民族党员分别为……: groups that may overlap
        return len(members) == len(_WHOLES[next(iter(wholes))]), parts
    parts = []
    seen: set[int] = set()
    group: int | None = None
    tail: str | None = None
    previous = after
    others = False  # another part follows in the same run of clauses: 特困人员1万人
    for q in candidates:
        between = doc.text[previous : q.span.start]
        lead = _CLAUSE_STOP.split(between)[-1]
        if parts and lead.startswith("其中"):
            break  # a second 其中 breaks down the part before it
        previous = q.span.end
        m = _MEMBER.match(lead.removeprefix("其中"))
        member = _member(m.group()) if m is not None else None
        if m is None or member is None:
            others = bool(parts) and not regex.search(r"[；;。]", between)
            break
        rest = lead.removeprefix("其中")[m.end() :]
        rest = regex.sub(r"(?:为|达到|达|有|是|共|计|完成|实现)+$", "", rest)
        if (group is not None and member[0] != group) or member[1] in seen:
            return None
        if tail is not None and rest != tail:
            return None
        group, tail = member[0], rest
        seen.add(member[1])
        parts.append(q)
    if group is None or len(parts) < 2:
        return None
    return len(seen) == len(_WHOLES[group]) and not others, parts


def _unequal(doc: Document, total: Quantity, parts: list[Quantity]) -> Finding | None:
    """A whole named part by part (城镇、乡村) whose parts do not add up to it beyond rounding."""
    added = sum(q.value for q in parts)
    room = sum(_precision(doc, q)[0] for q in (total, *parts))
    room = max(room, 0.001 * total.value)  # statistical revisions: “clearly” different
    if abs(added - total.value) <= room + 1e-9 * max(1.0, total.value):
        return None
    shown = "＋".join(doc.slice(q.span) for q in parts)
    return Finding(
        span=Span(parts[0].span.start, parts[-1].span.end),
        message=Message(
            f"“其中”各部分之和{shown}＝{_format(added, total.unit)}，与总数{doc.slice(total.span)}不符",
            f"the parts under 其中 make up the whole but add up to {_format(added, total.unit)} "
            f"({shown}), not the total {doc.slice(total.span)}",
        ),
        related=(Related(total.span, Message("总数", "the total")),),
    )


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    figures = (  # in document order
        q for q in doc.view(QUANTITIES).with_kinds(_TOTALLED_KINDS) if _totalled(q)
    )
    for sentence, inside in per_sentence(doc.sentences, figures, minimum=2):
        if len(inside) < 2:
            continue
        for i, total in enumerate(inside):
            if total.approximate:
                continue
            lead = doc.text[max(sentence.span.start, total.span.start - 16) : total.span.start]
            rest = doc.text[total.span.end : sentence.span.end]
            if _TOTAL.search(lead):
                marker = _BREAKDOWN.match(rest)
            elif _CHANGE.search(lead):
                continue  # 比上年增加1500亿元，其中……: 其中 breaks down an earlier figure
            else:
                marker = _DIRECT_BREAKDOWN.match(rest)
            if marker is None or _AVERAGE.search(lead[-8:] + rest[: marker.end() + 16]):
                continue  # 人均可支配收入……，其中城镇居民人均……: averages do not add up
            clause_end = total.span.end + len(regex.match(r"[^；;。]*", rest).group())  # type: ignore[union-attr]
            parts = [
                q
                for q in inside[i + 1 :]
                if q.span.end <= clause_end
                and q.unit == total.unit
                and not _outside(doc, q, total.span.end)
            ]
            if not parts:
                continue
            # a second 其中 breaks down the part before it: the figures after it are not summed
            nested = doc.text.find("其中", total.span.end + marker.end(), clause_end)
            summed = [q for q in parts if nested < 0 or q.span.start < nested]
            slack, *part_slacks = _slacks(doc, [total, *parts])
            limit = total.value + slack  # the true total is below it
            larger = next(
                (
                    q
                    for q, s in zip(parts, part_slacks, strict=True)
                    if _exceeds(q.value - s, limit)
                ),
                None,
            )
            if larger is not None:
                yield Finding(
                    span=larger.span,
                    message=Message(
                        f"“其中”所列分项{doc.slice(larger.span)}大于总数{doc.slice(total.span)}",
                        f"the part {doc.slice(larger.span)} under 其中 is larger than the total "
                        f"{doc.slice(total.span)}",
                    ),
                    related=(Related(total.span, Message("总数", "the total")),),
                )
                continue
            candidates = [  # a whole has three members at most: a few figures are enough
                q
                for q in inside[i + 1 : i + 1 + _READ_AHEAD]
                if q.unit == total.unit and not _outside(doc, q, total.span.end)
            ]
            partition = _partition(
                doc, total, candidates, total.span.end + marker.end(), clause_end
            )
            if partition is not None and partition[0]:
                finding = _unequal(doc, total, partition[1])
                if finding is not None:
                    yield finding
                continue
            if partition is not None:
                summed = partition[1]
                part_slacks = _slacks(doc, [total, *summed])[1:]
            elif total.kind != "money":
                continue  # counts nest (研究生，其中博士): only parts disjoint by their names
            if len(summed) < 2:
                continue
            added = sum(q.value for q in summed)
            if not _exceeds(added - sum(part_slacks[: len(summed)]), limit):
                continue
            own = _precision(doc, total)[0]
            if added - total.value < own - 1e-9 * max(1.0, total.value):
                continue  # the total is the sum rounded to its own last digit: 1.26+1.25+1.03 → 3.5
            shown = "＋".join(doc.slice(q.span) for q in summed)
            yield Finding(
                span=Span(summed[0].span.start, summed[-1].span.end),
                message=Message(
                    f"“其中”各项之和{shown}＝{_format(added, total.unit)}，超过总数"
                    f"{doc.slice(total.span)}",
                    f"the parts under 其中 add up to {_format(added, total.unit)} ({shown}), more "
                    f"than the total {doc.slice(total.span)}",
                ),
                related=(Related(total.span, Message("总数", "the total")),),
            )

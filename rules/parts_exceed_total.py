"""N132 parts-exceed-total — parts listed under 其中 that add up to, or alone exceed, their total.

## 检查什么
“其中”后面列出的分项超过了总数：
- 某一个分项就比总数大（累计培训2000人次，其中……3000人次）：部分不可能大于整体，金额、人数、数量都
  检查；
- 金额的各分项加起来超过总额（共投入5000万元，其中3000万元、2500万元）。只对金额求和：人数、机构数
  等常常层层包含（研究生，其中博士），或者在同一分句里换了对象，不相加。

总数是“共、累计、合计、总计、总投资”等说出的数，或直接跟着“，其中”的数（但不是“比上年增加……，其
中”这样的增量）。允许四舍五入的误差。

不报告：本身是约数的总数（5000余万元、约5000万元、超过5000万元）；倍数；单位不同的数字；分项所在分
句里的增量（比上年增加2500万元）、撬动的资金；第二个“其中”后面对上一分项的再细分。

## 为什么重要
分项超过总数，说明其中必有一个数字错了；读者一加就会发现，其他数字也就不可信了。

## 示例
```
共投入帮扶资金5000万元，其中产业项目3000万元、教育医疗2500万元
累计培训2000人次，其中致富带头人3000人次
```

## 改为
```
共投入帮扶资金5500万元，其中产业项目3000万元、教育医疗2500万元
累计培训5000人次，其中致富带头人3000人次
```

## 如何修改
核对原始数据，改正总数或分项；如果分项本来就有交叉，不宜写成“其中”。

## What it does
Finds a figure stated as a total (共/累计/合计/总计/总投资 … 5000万元, 2000人次), or any figure
directly followed by “，其中” (完成投资5亿元，其中 …) unless it is a change (比上年增加1500亿元，其中 …
breaks down an earlier figure), followed in the same sentence by 其中 and the figures it breaks down
into, in the same unit and in the same clause, and reports
- a single part larger than the total, for money, counts and measures alike
  (累计培训2000人次，其中……3000人次): a part of a whole cannot exceed the whole;
- money whose parts add up to more than the total. Only money is summed: counts of people or
  institutions under 其中 often nest (研究生, 其中博士) or wander to another subject before the
  clause ends (其中A股上市公司101家，新增上市企业21家).

Rounding is allowed for (half a unit in the last digit of each figure; figures of one breakdown
with the same multiplier are read to the finest precision among them, since 5.0亿元 is written
5亿元), unless the parts add up to the total rounded to its own last digit (合计3.5亿元，其中
1.26亿元、1.25亿元、1.03亿元: 3.54 is written 3.5); a total that is itself approximate (5000余万元, 约5000万元, 超过5000万元) is a lower bound
and is not checked, nor are multiples (倍) and figures in another unit than the total's. Not parts:
a change in the part's own clause (其中今年完成3000万元，比上年增加2500万元), an amount the parts bring
in (其中财政资金1.2亿元，撬动社会资本5亿元), and, in the sum, the figures after a second 其中, which
break down the part before it (其中政府投资6亿元，其中中央预算内投资3亿元).

## Why it matters
A breakdown that exceeds its total means one of the figures is wrong, and a reader who adds them up
will not trust the others.

## How it works
A total (共/累计/合计/总计/总投资 … or a figure directly followed by ，其中, unless it is a change)
and the figures after 其中 in the same sentence, same unit and same clause. A single part larger
than the total is reported for any unit; only money is summed. Rounding: half a unit in the last
digit of each figure, figures of one breakdown with the same multiplier read to the finest
precision among them, unless the parts add up to the total rounded to its own last digit.
Approximate totals are lower bounds and are skipped; figures after a second 其中 are not summed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

import regex
from factlint.facts.numerals import LARGE_UNITS, UNIT_VALUES, decimal_places
from factlint.facts.quantities import QUANTITIES, Kind, Quantity
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
#: 其中 right after any figure: the figure is the total it breaks down (完成投资5亿元，其中 …).
_DIRECT_BREAKDOWN = regex.compile(r"[，,]?其中")
#: A figure of change in its clause: 比上年增加3.88万人 is not the total that 其中 breaks down.
_CHANGE = regex.compile(
    r"(?:比|较|增加|增长|减少|下降|提高|降低|上升|下滑|回落|扩大|缩小|净增)[^，,；;。：:]{0,12}$"
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


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    figures = [  # in document order
        q for q in doc.view(QUANTITIES).with_kinds(_TOTALLED_KINDS) if _totalled(q)
    ]
    starts = [q.span.start for q in figures]
    for sentence in doc.sentences:
        lo = bisect_left(starts, sentence.span.start)
        hi = bisect_left(starts, sentence.span.end, lo)
        inside = [q for q in figures[lo:hi] if q.span.end <= sentence.span.end]
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
            if marker is None:
                continue
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
            if total.kind != "money" or len(summed) < 2:
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

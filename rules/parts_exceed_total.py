"""N132 parts-exceed-total — parts listed under 其中 that add up to, or alone exceed, their total.

## What it does
Finds a figure stated as a total (共/累计/合计/总计/总投资 … 5000万元, 2000人次) followed in the same
sentence by 其中 and the figures it breaks down into, in the same unit and in the same clause, and
reports
- a single part larger than the total, for money, counts and measures alike
  (累计培训2000人次，其中……3000人次): a part of a whole cannot exceed the whole;
- money whose parts add up to more than the total. Only money is summed: counts of people or
  institutions under 其中 often nest (研究生, 其中博士) or wander to another subject before the
  clause ends (其中A股上市公司101家，新增上市企业21家).

Rounding is allowed for (half a unit in the last digit of the total); a total that is itself
approximate (5000余万元, 约5000万元, 超过5000万元) is a lower bound and is not checked, nor are
multiples (倍) and figures in another unit than the total's.

## Why it matters
A breakdown that exceeds its total means one of the figures is wrong, and a reader who adds them up
will not trust the others.

## Example
```
共投入帮扶资金5000万元，其中产业项目3000万元、教育医疗2500万元
累计培训2000人次，其中致富带头人3000人次
```

## Use instead
```
共投入帮扶资金5500万元，其中产业项目3000万元、教育医疗2500万元
累计培训5000人次，其中致富带头人3000人次
```
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

import regex
from factlint.document import Document
from factlint.model import Finding, Message, Related, Severity, Span
from factlint.quantities import Quantity
from factlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    code="N132",
    name="parts-exceed-total",
    severity=Severity.ERROR,
    summary=Message(
        "“其中”所列分项或其和超过总数",
        "a part under 其中, or the sum of the parts, exceeds the total",
    ),
)

_TOTAL = regex.compile(r"(?:共|累计|合计|总计|总额|总投资|共计|总共)[^，,；;。]{0,12}$")
_MULTIPLIER = {"万": 1e4, "亿": 1e8}


def _slack(doc: Document, q: Quantity) -> float:
    """Half a unit in the last digit written: 5000万元 → 5000 ± 0.5 万."""
    written = doc.slice(q.number).replace(",", "")
    digits = regex.match(r"\d+(?:\.(\d+))?", written)
    decimals = len(digits.group(1) or "") if digits else 0
    multiplier = _MULTIPLIER.get(written[-1:], 1.0)
    return 0.5 * 10.0**-decimals * multiplier


def _format(value: float, unit: str) -> str:
    for multiplier, size in (("亿", 1e8), ("万", 1e4)):
        if value >= size:
            return f"{value / size:.6g}{multiplier}{unit}"
    return f"{value:.6g}{unit}"


def _totalled(q: Quantity) -> bool:
    """Figures a total can be stated in: money, counts and measures, not multiples."""
    return q.kind in ("money", "count", "measure") and q.unit != "倍"


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    figures = [q for q in doc.quantities if _totalled(q)]  # in document order
    starts = [q.span.start for q in figures]
    for sentence in doc.sentences:
        lo = bisect_left(starts, sentence.span.start)
        hi = bisect_left(starts, sentence.span.end, lo)
        inside = [q for q in figures[lo:hi] if q.span.end <= sentence.span.end]
        if len(inside) < 2:
            continue
        for i, total in enumerate(inside):
            lead = doc.text[max(sentence.span.start, total.span.start - 16) : total.span.start]
            if total.approximate or not _TOTAL.search(lead):
                continue
            rest = doc.text[total.span.end : sentence.span.end]
            marker = regex.match(r"[^。；;]{0,6}?其中", rest)
            if marker is None:
                continue
            clause_end = total.span.end + len(regex.match(r"[^；;。]*", rest).group())  # type: ignore[union-attr]
            parts = [
                q for q in inside[i + 1 :] if q.span.end <= clause_end and q.unit == total.unit
            ]
            limit = total.value + _slack(doc, total)
            larger = next((q for q in parts if q.value > limit), None)
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
            if total.kind != "money" or len(parts) < 2:
                continue
            added = sum(q.value for q in parts)
            if added <= limit:
                continue
            shown = "＋".join(doc.slice(q.span) for q in parts)
            yield Finding(
                span=Span(parts[0].span.start, parts[-1].span.end),
                message=Message(
                    f"“其中”各项之和{shown}＝{_format(added, total.unit)}，超过总数"
                    f"{doc.slice(total.span)}",
                    f"the parts under 其中 add up to {_format(added, total.unit)} ({shown}), more "
                    f"than the total {doc.slice(total.span)}",
                ),
                related=(Related(total.span, Message("总数", "the total")),),
            )

"""N132 parts-exceed-total — amounts listed under 其中 that add up to more than their total.

## What it does
Finds a sum of money stated as a total (共/累计/合计/总计/总投资 … 5000万元) followed in the same
sentence by 其中 and the amounts it breaks down into, and reports when those amounts add up to more
than the total. Rounding is allowed for (half a unit in the last digit of the total); a total that
is itself approximate (5000余万元, 约5000万元, 超过5000万元) is a lower bound and is not checked.
Only money is compared: counts of people or institutions under 其中 often nest (研究生, 其中博士) or
wander to another subject before the clause ends.

## Why it matters
A breakdown that exceeds its total means one of the figures is wrong, and a reader who adds them up
will not trust the others.

## Example
```
共投入帮扶资金5000万元，其中产业项目3000万元、教育医疗2500万元
```

## Use instead
```
共投入帮扶资金5500万元，其中产业项目3000万元、教育医疗2500万元
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
    summary=Message("“其中”各项之和超过总数", "the parts under 其中 add up to more than the total"),
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


def _format(value: float) -> str:
    for unit, size in (("亿", 1e8), ("万", 1e4)):
        if value >= size:
            return f"{value / size:.6g}{unit}元"
    return f"{value:.6g}元"


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    money = [q for q in doc.quantities if q.kind == "money"]  # in document order
    starts = [q.span.start for q in money]
    for sentence in doc.sentences:
        lo = bisect_left(starts, sentence.span.start)
        hi = bisect_left(starts, sentence.span.end, lo)
        inside = [q for q in money[lo:hi] if q.span.end <= sentence.span.end]
        if len(inside) < 3:
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
            parts = [q for q in inside[i + 1 :] if q.span.end <= clause_end]
            if len(parts) < 2:
                continue
            added = sum(q.value for q in parts)
            if added <= total.value + _slack(doc, total):
                continue
            shown = "＋".join(doc.slice(q.span) for q in parts)
            yield Finding(
                span=Span(parts[0].span.start, parts[-1].span.end),
                message=Message(
                    f"“其中”各项之和{shown}＝{_format(added)}，超过总数{doc.slice(total.span)}",
                    f"the parts under 其中 add up to {_format(added)} ({shown}), more than the "
                    f"total {doc.slice(total.span)}",
                ),
                related=(Related(total.span, Message("总数", "the total")),),
            )

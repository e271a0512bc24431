"""D102 near-duplicate-paragraph — a paragraph repeats an earlier one with small edits.

## 检查什么
同一篇文稿中，某一段与前面某一段的文字大部分相同，只是略有改动（完全相同的由 D101 报告）。例如一段
里改了几个字、换了一个数字。

如果两段对同一单位或量词给出了不同的数字（一处156名，一处186名），提示会列出这些数字，并指出前一段
中的对应位置。

## 为什么重要
改过的副本比原样照抄更难发现：可能是两位供稿人写了同一项工作，也可能是编辑改了一段却忘了删旧的。数
字不一致时，至多只有一个是对的，读者无从判断。

## 示例
```
天津援青前方指挥部坚持在“援派教师—教研投入—资源共享”方面统筹发力，5年来累计选派160余名教师，开展教研活动300余场。

天津援青干部坚持在“援派教师—教研投入—资源共享”方面统筹发力，5年来累计选派186名教师，开展教研活动300余场。
```

## 如何修改
比较两段，保留正确、完整的一段，删去另一段；数字不一致的，核实后统一。

## 选项
- `threshold`（默认 0.85）：两段文字相同部分所占的比例达到多少才报告，可设为 0.7 到 1.0 之间。调高
  只报告几乎相同的段落，调低会报告改动较多的段落。

## What it does
Reports a paragraph that shares most of its wording with an earlier paragraph of the same document,
but is not identical to it (identical copies are D101). When the copies state different figures
for the same unit or classifier (156名 in one, 186名 in the other), the message names them and each
figure of the earlier copy is a related location.

## Why it matters
An edited copy is harder to spot than a verbatim one: two contributors described the same work, or
an editor revised a paragraph and forgot to delete the old version. When the figures differ, at
most one of them is right, and the reader cannot tell which.

## Use instead
Keep one version, merge what differs, and check which figure is right.

## How it works
The similarity is the share of characters the two paragraphs have in common, white space aside
(2 × longest common subsequence / total length): 5 characters changed in a 156-character paragraph
is 97 %. Candidates are found by a MinHash-style sketch index, so long documents are not compared
pair by pair. Figures that differ for the same unit or classifier are named in the message, and
each figure of the earlier copy is a related location.

## Options
- `threshold` (default 0.85): the character similarity, between 0.7 and 1.0, from which a
  paragraph is reported.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from factlint.facts.duplicates import DUPLICATES, NEAR_THRESHOLD, NearPair
from factlint.facts.quantities import QUANTITIES, Quantity
from factlint.model import Finding, Message, Related, Severity, Span
from factlint.rule import OptionError, RuleMeta
from factlint.text.document import BLOCKS, Document

META = RuleMeta(
    code="D102",
    name="near-duplicate-paragraph",
    severity=Severity.WARNING,
    summary=Message("段落与前文高度相似", "paragraph nearly repeats an earlier one"),
    reads=(BLOCKS, QUANTITIES, DUPLICATES),
)


@dataclass(frozen=True)
class Options:
    """D102's options: how similar two paragraphs must be to be reported."""

    threshold: float = 0.85

    def __post_init__(self) -> None:
        if not NEAR_THRESHOLD <= self.threshold <= 1.0:
            raise OptionError(
                f"threshold 应在 {NEAR_THRESHOLD} 与 1.0 之间",
                f"threshold must be between {NEAR_THRESHOLD} and 1.0",
            )


def _touching(quantities: Sequence[Quantity], starts: Sequence[int], span: Span) -> list[Quantity]:
    """The figures a changed stretch falls in or on; an insertion touches the figure it adjoins."""
    lo = bisect_left(starts, span.start - 64)  # no figure is longer than this
    hi = bisect_right(starts, span.end)
    if span.start == span.end:
        return [q for q in quantities[lo:hi] if q.span.start <= span.start <= q.span.end]
    return [q for q in quantities[lo:hi] if q.span.start < span.end and span.start < q.span.end]


def differing_figures(
    doc: Document, pair: NearPair, starts: Sequence[int]
) -> list[tuple[Quantity, Quantity]]:
    """(later, earlier) figures that an edit turned into another value of the same unit."""
    quantities = doc.view(QUANTITIES)
    out: list[tuple[Quantity, Quantity]] = []
    seen: set[Span] = set()
    for change in pair.changes:
        earlier = [
            q
            for q in _touching(quantities, starts, change.earlier)
            if q.kind != "plain" and q.span not in seen
        ]
        for q in _touching(quantities, starts, change.later):
            if q.kind == "plain" or q.span in seen:
                continue
            match = next((e for e in earlier if e.unit == q.unit), None)
            if match is None:
                continue
            earlier.remove(match)
            seen.update((q.span, match.span))
            if match.value != q.value:
                out.append((q, match))
    return out


def check(doc: Document, opts: Options) -> Iterator[Finding]:
    starts: Sequence[int] | None = None
    for pair in doc.view(DUPLICATES).near_pairs:
        if pair.similarity < opts.threshold:
            continue
        earlier = doc.blocks[pair.earlier]
        later = doc.blocks[pair.later]
        line, _ = doc.position(earlier.span.start)
        percent = round(pair.similarity * 100)
        if starts is None:
            starts = doc.view(QUANTITIES).starts
        figures = differing_figures(doc, pair, starts)
        related = [Related(earlier.span, Message("相似段落", "similar paragraph"))]
        if not figures:
            message = Message(
                f"本段与第{line}行的段落高度相似（相似度{percent}%），疑为重复稿",
                f"this paragraph is {percent}% similar to the one on line {line}; "
                "probably a repeated draft",
            )
        else:
            pairs = [(doc.slice(b.span), doc.slice(a.span)) for b, a in figures]
            zh = "、".join(f"“{b}”/“{a}”" for b, a in pairs)
            en = ", ".join(f"“{b}” vs “{a}”" for b, a in pairs)
            message = Message(
                f"本段与第{line}行的段落高度相似（相似度{percent}%），其中数字不一致：{zh}",
                f"this paragraph is {percent}% similar to the one on line {line}, "
                f"but their figures differ: {en}",
            )
            for b, a in figures:
                text = doc.slice(b.span)
                related.append(
                    Related(
                        a.span,
                        Message(f"相似段落中对应“{text}”的数字", f"the figure matching “{text}”"),
                    )
                )
        yield Finding(span=later.span, message=message, related=tuple(related))

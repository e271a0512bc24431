"""D102 near-duplicate-paragraph — a paragraph repeats an earlier one with small edits.

## What it does
Reports a paragraph that shares most of its wording with an earlier paragraph of the same document
(Jaccard similarity of character 5-grams at or above 60 %), but is not identical to it. Candidates are
found by a MinHash-style sketch index, so long documents are not compared pair by pair.

## Why it matters
An edited copy is harder to spot than a verbatim one: two contributors described the same work, or
an editor revised a paragraph and forgot to delete the old version.

## Example
```
天津援青前方指挥部坚持“援派教师—教研投入—资源共享”方面统筹发力，5年来累计选派160余名教师……
……
扩大资源引入，拓展优质共享通道。天津援青干部坚持在“援派教师—教研投入—资源共享”方面统筹发力……
```

## Use instead
Keep one version and merge what differs.

## Options
- ``threshold`` (default 0.6): the similarity, between 0.5 and 1.0, from which a paragraph is
  reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from factlint.document import Document
from factlint.duplicates import NEAR_THRESHOLD
from factlint.model import Finding, Message, Related, Severity
from factlint.rule import OptionError, RuleMeta

META = RuleMeta(
    code="D102",
    name="near-duplicate-paragraph",
    severity=Severity.WARNING,
    summary=Message("段落与前文高度相似", "paragraph nearly repeats an earlier one"),
)


@dataclass(frozen=True)
class Options:
    threshold: float = 0.6

    def __post_init__(self) -> None:
        if not NEAR_THRESHOLD <= self.threshold <= 1.0:
            raise OptionError(
                f"threshold 应在 {NEAR_THRESHOLD} 与 1.0 之间",
                f"threshold must be between {NEAR_THRESHOLD} and 1.0",
            )


def check(doc: Document, opts: Options) -> Iterator[Finding]:
    for pair in doc.duplicates.near_pairs:
        if pair.similarity < opts.threshold:
            continue
        earlier = doc.blocks[pair.earlier]
        later = doc.blocks[pair.later]
        line, _ = doc.position(earlier.span.start)
        percent = round(pair.similarity * 100)
        yield Finding(
            span=later.span,
            message=Message(
                f"本段与第{line}行的段落高度相似（相似度{percent}%），疑为重复稿",
                f"this paragraph is {percent}% similar to the one on line {line}; "
                "probably a repeated draft",
            ),
            related=(Related(earlier.span, Message("相似段落", "similar paragraph")),),
        )

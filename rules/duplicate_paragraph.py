"""D101 duplicate-paragraph — the same paragraph appears twice.

## What it does
Reports a paragraph whose text (ignoring white space and line wraps) is identical to an earlier
paragraph of the same document. The later copy is flagged; the earlier one is the related location.
Headings, dates and paragraphs shorter than 30 characters are never duplicates.

## Why it matters
Reports are assembled from many contributions; a paragraph pasted twice is the commonest error
that reaches print and the most embarrassing one.

## Example
```
深化互动融合，凝聚文化认同合力。天津援青前方指挥部持续深化津青文化交流……
……
深化互动融合，凝聚文化认同合力。天津援青前方指挥部持续深化津青文化交流……
```

## Use instead
Delete one copy, or merge what each copy was meant to say.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.facts.duplicates import DUPLICATES
from factlint.model import Finding, Message, Related, Severity
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS, Document

META = RuleMeta(
    code="D101",
    name="duplicate-paragraph",
    severity=Severity.ERROR,
    summary=Message("段落重复出现", "paragraph appears twice"),
    reads=(BLOCKS, DUPLICATES),
)


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    for group in doc.view(DUPLICATES).exact_groups:
        first = doc.blocks[group[0]]
        line, _ = doc.position(first.span.start)
        for index in group[1:]:
            block = doc.blocks[index]
            yield Finding(
                span=block.span,
                message=Message(
                    f"本段与第{line}行的段落完全相同（{len(block.text)}字）",
                    f"this paragraph repeats the one on line {line} word for word "
                    f"({len(block.text)} characters)",
                ),
                related=(Related(first.span, Message("第一次出现", "first occurrence")),),
            )

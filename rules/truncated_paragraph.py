"""S101 truncated-paragraph — a paragraph stops mid-sentence.

## What it does
Reports a body paragraph that ends without a closing mark (。！？…；：or a closing quote or
bracket) and is not continued by the next block. The unfinished final clause is flagged.
Headings, titles, bylines, dates, list items and hard-wrapped lines are not paragraphs that need
closing marks and are never reported.

## Why it matters
A sentence cut off while editing (“……创新开展”) leaves a claim without its object; in print it looks
like a page lost in layout.

## Example
```
多元引入新兴产业，着眼助力黄南州因地制宜发展新质生产力，创新开展

天津援青前方指挥部坚持……
```

## Use instead
Finish the sentence, or delete the fragment.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.model import Finding, Message, Severity
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import Document
from factlint.text.structure import OPEN_ENDINGS

META = RuleMeta(
    code="S101",
    name="truncated-paragraph",
    severity=Severity.WARNING,
    summary=Message("段落在句中中断", "paragraph stops mid-sentence"),
    reads=(OPEN_ENDINGS,),
)


QUOTED = 30  # characters of the paragraph's end quoted in the message, at most


def _quoted(tail: str) -> str:
    """The end of the paragraph as the message quotes it: on one line, at most QUOTED characters
    (a long tail — a list of names, a table — is shown by its end, after “…”)."""
    tail = " ".join(tail.split()) if "\n" in tail or "\r" in tail else tail
    return tail if len(tail) <= QUOTED else "…" + tail[-(QUOTED - 1) :]


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    for ending in doc.view(OPEN_ENDINGS):
        if ending.continued_by is not None:
            continue
        tail = _quoted(doc.slice(ending.tail))
        yield Finding(
            span=ending.tail,
            message=Message(
                f"段落在“{tail}”处中断，没有句末标点，疑为残句",
                f"the paragraph stops at “{tail}” without closing punctuation; "
                "the sentence looks cut off",
            ),
        )

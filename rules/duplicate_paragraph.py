"""D101 duplicate-paragraph — the same paragraph appears twice.

## 检查什么
同一篇文稿中有两个内容完全相同的段落（不计空格和换行）。报告后出现的那一段，并指出先出现的那一段。
标题、日期和很短的段落不算重复。

## 为什么重要
报告由多人供稿拼合而成，同一段文字粘贴两次是最常见、也最难堪的见报错误。

## 示例
```
深化互动融合，凝聚文化认同合力。天津援青前方指挥部持续深化津青文化交流……
……
深化互动融合，凝聚文化认同合力。天津援青前方指挥部持续深化津青文化交流……
```

## 如何修改
删去其中一段；如果两处原本要说不同的内容，就把它们合并或改写。

## What it does
Reports a paragraph whose text (ignoring white space and line wraps) is identical to an earlier
paragraph of the same document. The later copy is flagged; the earlier one is the related location.
Headings, dates and paragraphs shorter than 30 characters are never duplicates.

## Why it matters
Reports are assembled from many contributions; a paragraph pasted twice is the commonest error
that reaches print and the most embarrassing one.

## Use instead
Delete one copy, or merge what each copy was meant to say.

## How it works
Paragraphs are compared by their text with white space and line wraps removed, through the
DUPLICATES view (grouped by content, not compared pair by pair). Headings, dates and paragraphs
shorter than 30 characters are never duplicates.
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


#: what the first copy is called (one object for every finding)
FIRST = Message("第一次出现", "first occurrence")


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    for group in doc.view(DUPLICATES).exact_groups:
        first = doc.blocks[group[0]]
        line, _ = doc.position(first.span.start)
        # the copies of a group share what they say (a document of 10 copies of a report has
        # thousands of them): one related place, one message for each length
        related = (Related(first.span, FIRST),)
        messages: dict[int, Message] = {}
        for index in group[1:]:
            block = doc.blocks[index]
            length = len(block.text)
            message = messages.get(length)
            if message is None:
                message = messages[length] = Message(
                    f"本段与第{line}行的段落完全相同（{length}字）",
                    f"this paragraph repeats the one on line {line} word for word "
                    f"({length} characters)",
                )
            yield Finding(span=block.span, message=message, related=related)

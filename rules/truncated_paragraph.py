"""S101 truncated-paragraph — a paragraph stops mid-sentence.

## 检查什么
正文段落在句子中间结束：段末没有句号、问号、叹号、省略号、分号、冒号或后引号、后括号，下一段也没有
接着写。标出没写完的最后一个分句。

标题、题目、署名、日期、列表项以及硬换行的行都不需要句末标点，不报告。

## 为什么重要
编辑时截断的句子（“……创新开展”）让一句话没有了宾语，印出来像排版时丢了一页。

## 示例
```
多元引入新兴产业，着眼助力黄南州因地制宜发展新质生产力，创新开展

天津援青前方指挥部坚持……
```

## 如何修改
把句子写完整，或者删去这个片段。

## What it does
Reports a body paragraph that ends without a closing mark (。！？…；：or a closing quote or
bracket) and is not continued by the next block. The unfinished final clause is flagged.
Headings, titles, bylines, dates, list items and hard-wrapped lines are not paragraphs that need
closing marks and are never reported.

## Why it matters
A sentence cut off while editing (“……创新开展”) leaves a claim without its object; in print it looks
like a page lost in layout.

## Use instead
Finish the sentence, or delete the fragment.

## How it works
A body paragraph whose last character is not a closing mark (。！？…；： or a closing quote or
bracket) and that the next block does not continue, read from the OPEN_ENDINGS view of
`factlint.text.structure`; headings, titles, bylines, dates, list items and hard-wrapped lines are
not judged. The span is the final clause.
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

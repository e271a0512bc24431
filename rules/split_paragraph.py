"""S102 split-paragraph — one paragraph broken in two by blank lines.

## 检查什么
空行把一句话断成了两段：前一段在句子中间停住（停在逗号、顿号或“与、和、的”等字后面），或者后一段以
不能开头的字开始（和、及、的等）。从 PDF 复制的文字常这样断开。

标出的是断开处本身。在 Word 文件中，断开处也可能只是一个多余的段落标记（误按了回车）。

## 为什么重要
读者看到的是两段，而作者本意是一段，第二段还从半句话开始。

## 示例
```
天津援青前方指挥部成立绿色算力招商专班，与

海东市建立数据企业落地联动机制……
```

## 改为
```
天津援青前方指挥部成立绿色算力招商专班，与海东市建立数据企业落地联动机制……
```

## 如何修改
删去断开处，把两段接成一段。纯文本和 Markdown 文件可用 `--fix --unsafe-fixes` 自动接上，请确认接得
对；Word 文件请在 Word 中合并段落。

## What it does
Reports blank lines that cut a sentence in two: the paragraph before them stops mid-sentence (after
a comma, a 顿号 or a word such as 与、和、的) or the paragraph after them starts with a word that cannot
open a sentence (和、及、的 …). Text extracted from PDF often breaks this way. The flagged span is the
break itself; the fix (unsafe: check the join) removes it. In a Word file, where every paragraph is
explicit, the break may also be a bare paragraph mark (an accidental Enter); there the finding has no
fix, since joining paragraphs is an edit to make in Word.

## Why it matters
Readers see two paragraphs where one was meant, and the second starts mid-sentence.

## How it works
The paragraph before the blank lines ends with a comma, 顿号 or a word such as 与、和、的 (the
open endings of `factlint.text.structure`), or the paragraph after starts with a word that cannot
open a sentence. The fix (unsafe) removes the break; in a Word file the finding has no fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import Document
from factlint.text.structure import OPEN_ENDINGS

META = RuleMeta(
    code="S102",
    name="split-paragraph",
    severity=Severity.WARNING,
    summary=Message("段落被空行断开", "paragraph broken in two by blank lines"),
    fixable=True,
    fix_safety="unsafe",
    reads=(OPEN_ENDINGS,),
)


def _excerpt(text: str, tail: bool) -> str:
    text = text.replace("\n", "").replace("\r", "")
    return (
        ("…" + text[-8:] if len(text) > 8 else text)
        if tail
        else (text[:8] + "…" if len(text) > 8 else text)
    )


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    for ending in doc.view(OPEN_ENDINGS):
        nxt = ending.continued_by
        if nxt is None:
            continue
        before = _excerpt(ending.block.text, tail=True)
        after = _excerpt(nxt.text, tail=False)
        lines = nxt.blank_lines_before
        if lines:
            message = Message(
                f"段落在“{before}”与“{after}”之间被{lines}个空行断开，前后应为同一段",
                f"{lines} blank line(s) split one paragraph between “{before}” and “{after}”",
            )
        else:
            message = Message(
                f"段落在“{before}”与“{after}”之间被分段符断开，前后应为同一段",
                f"a paragraph break split one paragraph between “{before}” and “{after}”",
            )
        yield Finding(
            span=Span(ending.block.span.end, nxt.span.start),
            message=message,
            fix=None
            if doc.paragraph_per_line
            else Fix("", Message("合并为一段", "join the two parts"), safe=False),
        )

"""P102 stray-space — a space between Chinese characters or after Chinese punctuation.

## 检查什么
正文中夹在两个汉字或全角标点之间的空格（半角空格、制表符、不间断空格），如“对口支援 工作”“所
需、 天津”，以及全角标点后面的空格。同一段有多处时只报告一次（从第一处到最后一处），一次全部删除。

不报告：标题和署名中用来隔开或对齐的空格（国务院总理　李　强）、字间加空格的标题（
政 府 工 作 报 告）、新闻署名中的姓名（记者 王晓明）、职务与姓名之间（广东省省长 孟凡利）、全角空
格，以及汉字与字母、数字之间的空格（这是体例选择，不算错误）。

## 为什么重要
中文不用空格分词。多余的空格是从 PDF 复制或删字时留下的，印出来像一行字中间的窟窿。

## 示例
```
我市认真贯彻落实中央关于对口支援 工作的一系列部署要求，立足“黄南所需、 天津所能”
```

## 改为
```
我市认真贯彻落实中央关于对口支援工作的一系列部署要求，立足“黄南所需、天津所能”
```

## 如何修改
删去空格。`--fix` 可以自动修改。

## What it does
Reports spaces (ASCII space, tab, no-break space) inside body text where both neighbours are Chinese
characters or full-width punctuation (“对口支援 工作”, “所需、 天津”), or where a full-width mark is
followed by a space. The fix deletes them. Several in one paragraph are reported once, from the
first to the last, with one fix that deletes them all.

Never reported: headings, titles and bylines (where a space separates two phrases or pads a name:
国务院总理　李　强), letter-spaced titles (政 府 工 作 报 告), names in a news byline
（记者 王晓明）, an office and its holder (广东省省长 孟凡利), the ideographic space U+3000, and
spaces between Chinese and Latin letters or digits (a style choice, not an error), and layout: a
row of a plain-text table (cells aligned by two or more spaces), a line of space-separated names
(天津市第一中心医院 张三 李四 王五) or verse.

## Why it matters
Chinese text has no word spaces. A stray space is left by PDF extraction or by deleting a word, and
in print it looks like a hole in the line.

## How it works
Spaces (U+0020, tab, U+00A0) inside body text whose neighbours are both Han characters or
full-width marks, or that follow a full-width mark. Headings, titles, bylines and office-holder
lines are recognised as layout and skipped. All spaces of one paragraph form one finding with one
fix.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.blocks import Block, BlockKind, columned, spaced_list
from factlint.text.document import BLOCKS, PROTECTED, Document
from factlint.text.fixes import merge_findings
from factlint.text.patterns import BRACKETED_BYLINE, CJK_PUNCT, TITLE_AND_NAME, is_cjk

META = RuleMeta(
    code="P102",
    name="stray-space",
    severity=Severity.WARNING,
    summary=Message("中文之间多余空格", "stray space in Chinese text"),
    fixable=True,
    reads=(BLOCKS, PROTECTED),
)

_SPACES = regex.compile(r"[ \t\u00a0]{1,200}")
_LETTER_SPACED = regex.compile(r"\p{Han}(?:[ \u3000]{1,4}\p{Han}){2,}")


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    for block in doc.blocks:
        if not block.is_prose:
            continue
        # a Markdown table's cells, as the table was: no punctuation rule
        if block.kind is BlockKind.CELL and doc.markdown:
            continue
        findings = list(_stray_spaces(doc, block))
        merged = None
        if len(findings) > 1:
            merged = merge_findings(
                doc.text,
                findings,
                Message(
                    f"本段有{len(findings)}处多余空格：{_places(doc, findings, '、')}",
                    f"{len(findings)} stray spaces in this paragraph: {_places(doc, findings, ', ')}",
                ),
                Message("全部删除", "delete them all"),
            )
        yield from [merged] if merged else findings


def _places(doc: Document, findings: list[Finding], sep: str) -> str:
    """“援 工”、“、 天” … — the first three spaces with their neighbours."""
    shown = [
        f"“{doc.text[f.span.start - 1]}{doc.slice(f.span)}{doc.text[f.span.end]}”"
        for f in findings[:3]
    ]
    return sep.join(shown) + ("…" if len(findings) > 3 else "")


_SPACES = regex.compile(r"[ \u3000]+")


def _layout(block: Block) -> list[tuple[int, int]]:
    """The stretches of a block whose spaces are layout: letter-spaced words, bylines, table rows,
    lists of names, verse."""
    text = block.text
    spaced = [
        m.span()
        for m in _LETTER_SPACED.finditer(text)
        if len(m.group()) >= 5 and all(len(part) == 1 for part in _SPACES.split(m.group()))
    ]
    spaced += [m.span() for m in BRACKETED_BYLINE.finditer(text)]
    spaced += [m.span() for m in TITLE_AND_NAME.finditer(text)]
    for line in block.lines:  # a table row, a list of names, verse: spaces there are layout
        lo, hi = max(line.start - block.span.start, 0), min(line.end - block.span.start, len(text))
        if lo < hi and (columned(text[lo:hi].strip()) or spaced_list(text[lo:hi].strip())):
            spaced.append((lo, hi))
    return spaced


def _stray_spaces(doc: Document, block: Block) -> Iterator[Finding]:
    text = block.text
    spaced: list[tuple[int, int]] | None = None  # read at the first space between CJK characters
    for m in _SPACES.finditer(text):
        i, j = m.span()
        if i == 0 or j >= len(text):
            continue
        left, right = text[i - 1], text[j]
        if not (is_cjk(left) and is_cjk(right)) and not (left in CJK_PUNCT and right.isalnum()):
            continue
        if left in "”’）》」』】〕" and not is_cjk(right):
            continue
        if spaced is None:
            spaced = _layout(block)
        if any(a <= i and j <= b for a, b in spaced):
            continue
        if doc.is_protected(block.span.start + i):
            continue
        yield Finding(
            span=Span(block.span.start + i, block.span.start + j),
            message=Message(
                f"“{left}”与“{right}”之间有多余空格",
                f"stray space between “{left}” and “{right}”",
            ),
            fix=Fix("", Message("删除空格", "delete the space")),
        )

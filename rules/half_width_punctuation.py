"""P101 half-width-punctuation — ASCII punctuation inside Chinese text.

## 检查什么
中文文字中用了英文（半角）标点：逗号 , 分号 ; 冒号 : 问号 ? 叹号 ! 圆括号 ( ) 和直引号 "。句
号 . 只在确定是句末时才报告。直引号按顺序配成“ ”。

同一段中有多处时只报告一次（从第一处到最后一处），一次全部改好：整段粘贴来的文字对编辑来说是一处问
题，而不是二十处。

不报告：数字之间的标点（1,000、10:30）、网址、电子邮件地址、Markdown 代码、英文句子；句号还不报告
小数（3.5）、序号（1. 一.）、文件名（附件.docx）、省略号（...），以及两个汉字之间的点（可能是人名
中的间隔号：艾力.买买提）。

## 为什么重要
半角标点比全角窄，位置也低，印出来像错字，也最能说明文字是从别处粘贴过来而没有编辑过。

## 示例
```
自2010年对口支援青海省黄南州以来, 我市……立足"黄南所需、天津所能"
```

## 改为
```
自2010年对口支援青海省黄南州以来，我市……立足“黄南所需、天津所能”
```

## 如何修改
改为相应的全角标点（，；：？！（）“”）。`--fix` 可以自动修改。

## What it does
Reports the half-width marks ``,`` ``;`` ``:`` ``?`` ``!`` ``(`` ``)`` and ``"`` where they stand in
Chinese text (a Chinese character or full-width mark next to them, or Chinese inside the brackets or
quotes), with a fix to the full-width form (GB/T 15834); straight quotes are paired into “ ” in
order within the paragraph. A ``.`` is reported only where it certainly ends a sentence: right
after a Han character (or a closing bracket or quote that follows one), at the end of the paragraph
or before Chinese text after a space (州长作报告(详见附件).). Spaces that follow the mark before
Chinese text are removed with it.
A paragraph with several such marks is reported once, from its first mark to its last, with one fix
that converts them all: a pasted paragraph is one defect to an editor, not twenty.

Never reported: digits on both sides (1,000, 2.9:30.7:66.4, 10:30), URLs, e-mail addresses, Markdown
code, and English text (no Chinese next to the mark, or mostly Latin letters around it — not
counting those of code, URLs and e-mail addresses); for ``.`` also numbers (3.5), enumerators
(一. 1. 第一章.), file names (附件.docx), ellipses (...) and a dot between two Han characters, which
may be the interpunct of a name (艾力.买买提).

## Why it matters
Half-width marks are narrower and sit on the baseline: in print they look like typos, and they are
the clearest sign of text pasted from another source without an edit.

## How it works
A mark stands in Chinese text when a Han character or full-width mark is next to it, or Chinese
stands inside the brackets or quotes, and the text around it is not mostly Latin letters (not
counting code, URLs and e-mail addresses). A ``.`` is reported only where it certainly ends a
sentence: right after a Han character (or a closing bracket or quote that follows one), at the end
of the paragraph, or before Chinese text after a space. Spaces after the mark before Chinese text
are removed with it. Straight quotes are paired in order within the paragraph.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator

import regex
from factlint.facts.numerals import ONE_TO_NINE, ZERO
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.blocks import Block, BlockKind
from factlint.text.document import BLOCKS, PROTECTED, Document
from factlint.text.fixes import merge_findings
from factlint.text.patterns import is_cjk, is_han

META = RuleMeta(
    code="P101",
    name="half-width-punctuation",
    severity=Severity.WARNING,
    summary=Message("中文中使用了半角标点", "half-width punctuation in Chinese text"),
    fixable=True,
    reads=(BLOCKS, PROTECTED),
)

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_NAMES = {
    ",": "逗号",
    ";": "分号",
    ":": "冒号",
    "?": "问号",
    "!": "叹号",
    "(": "括号",
    ")": "括号",
    '"': "引号",
    ".": "句号",
}
_SPACE = " \t\u00a0"
_CLOSING = "”’）》」』】〕"


def _left(text: str, i: int) -> str:
    while i > 0 and text[i - 1] in _SPACE:
        i -= 1
    return text[i - 1] if i > 0 else ""


def _right(text: str, i: int) -> tuple[str, int]:
    j = i + 1
    while j < len(text) and text[j] in _SPACE:
        j += 1
    return (text[j] if j < len(text) else ""), j


def _finding(block: Block, i: int, end: int, mark: str, full: str) -> Finding:
    start = block.span.start + i
    return Finding(
        span=Span(start, block.span.start + end),
        message=Message(
            f"中文中使用了半角{_NAMES[mark]}“{mark}”，应为全角“{full}”",
            f"half-width “{mark}” in Chinese text; use the full-width “{full}”",
        ),
        fix=Fix(full, Message(f"改为“{full}”", f"replace with “{full}”")),
    )


#: The characters the block pass looks at (a full stop, the marks of ``_FULL``), its brackets, and
#: its straight quotes: found by regex, not by a Python step per character.
_CANDIDATE = regex.compile(r"[.,;:?!()]")
_BRACKET = regex.compile(r"[()]")
_STRAIGHT_QUOTE = regex.compile(r'"')
#: Any of them: a block without one has nothing to find.
_ANY_MARK = regex.compile(r'[.,;:?!()"]')


def _parens(text: str) -> dict[int, int]:
    """Matching half-width brackets of one block, both directions."""
    partner: dict[int, int] = {}
    stack: list[int] = []
    for m in _BRACKET.finditer(text):
        i = m.start()
        if m.group() == "(":
            stack.append(i)
        elif stack:
            j = stack.pop()
            partner[i], partner[j] = j, i
    return partner


_LATIN = regex.compile(r"[A-Za-z]")
_HAN = regex.compile(r"\p{Han}")


def _english_context(text: str, i: int) -> bool:
    """Whether the mark at ``i`` belongs to English prose quoting a few Chinese words.

    ``text`` is the block with its protected spans blanked (`_unprotected`): the Latin letters of
    code, URLs and e-mail addresses are not English prose (运行 `factlint check --format json` 可得到结果,).
    """
    window = text[max(0, i - 30) : i + 30]
    return len(_LATIN.findall(window)) > 2 * len(_HAN.findall(window))


def _unprotected(doc: Document, block: Block) -> str:
    """The text of a block with every protected character (code, URL, e-mail) made a space."""
    base, text = block.span.start, block.text
    chars: list[str] | None = None
    protected = doc.view(PROTECTED)  # disjoint runs in text order: bisect to the block's first
    starts, ends = protected.starts, protected.ends
    k = max(bisect_right(starts, base) - 1, 0)
    while k < len(starts) and starts[k] < block.span.end:
        lo, hi = max(starts[k], base) - base, min(ends[k], block.span.end) - base
        if lo < hi:
            chars = chars if chars is not None else list(text)
            chars[lo:hi] = " " * (hi - lo)
        k += 1
    return text if chars is None else "".join(chars)


#: Closing marks after which a full stop ends a sentence when Chinese text precedes them.
_STOP_CLOSERS = _CLOSING + ')"'
#: A heading or list enumerator right before the mark: 一. 二. 第一章. (never a sentence end).
_ENUMERATOR_BEFORE = regex.compile(
    rf"(?:(?<!\p{{Han}})[{ONE_TO_NINE}十百{ZERO}]{{1,4}}|第[{ONE_TO_NINE}十百\d]{{1,4}}[章节部分篇条款])$"
)


def _full_stop(text: str, i: int) -> bool:
    """Whether the ``.`` at ``i`` certainly ends a sentence of Chinese text.

    It must follow a Han character, or a closing bracket or quote right after one (……(详见附件).),
    and stand at the end of the paragraph, or before Chinese text after a space or a closer. A dot
    between two Han characters is left alone: it is also the interpunct of names (艾力.买买提).
    Never numbers (3.5), enumerators (一. 1.), file names (附件.docx), abbreviations or ellipses.
    """
    left = text[i - 1] if i > 0 else ""
    closer = left in _STOP_CLOSERS
    if closer:
        if not (i > 1 and is_han(text[i - 2])):
            return False
    elif not is_han(left) or _ENUMERATOR_BEFORE.search(text, max(0, i - 8), i):
        return False
    j = i + 1
    while j < len(text) and text[j].isspace():
        j += 1
    if j == len(text):
        return True  # the end of the paragraph
    return is_han(text[j]) and (j > i + 1 or closer)


def _left_at(text: str, i: int) -> int:
    """The index of the first non-space character left of ``i`` (-1 at the start)."""
    while i > 0 and text[i - 1] in _SPACE:
        i -= 1
    return i - 1


def _quote_marks(text: str, prose: str, quotes: list[int]) -> dict[int, str]:
    """The full-width mark for each straight quote that is converted, decided per pair.

    Straight quotes pair in order (0-1, 2-3, ...). A pair is converted when it stands in Chinese
    text (Chinese inside, or next to either quote) and neither quote is in English prose; otherwise
    neither quote is: converting one half (实施“3+N"，) would leave an unbalanced pair.
    """
    marks: dict[int, str] = {}
    if len(quotes) % 2:
        return marks
    for a, b in zip(quotes[::2], quotes[1::2], strict=True):
        neighbours = (_left(text, a), _right(text, a)[0], _left(text, b), _right(text, b)[0])
        chinese = any(is_han(c) for c in text[a + 1 : b]) or any(is_han(c) for c in neighbours)
        if chinese and not (_english_context(prose, a) or _english_context(prose, b)):
            marks[a], marks[b] = "“", "”"
    return marks


def _check_block(doc: Document, block: Block) -> Iterator[Finding]:
    text = block.text
    base = block.span.start
    partner = _parens(text)
    prose = _unprotected(doc, block)
    quotes = [m.start() for m in _STRAIGHT_QUOTE.finditer(text) if prose[m.start()] == '"']
    quote_marks = _quote_marks(text, prose, quotes)
    # the marks this pass converts: a mark after one is judged as after its full-width form
    converted = set(quote_marks)
    taken = 0  # the end of the spaces the last mark took with it
    for m in _CANDIDATE.finditer(text):  # the other characters take neither branch below
        i, ch = m.start(), m.group()
        if ch == "." and prose[i] == "." and _full_stop(text, i):
            if not _english_context(prose, i):
                right, after = _right(text, i)
                converted.add(i)
                yield _finding(block, i, after if is_cjk(right) else i + 1, ch, "。")
            continue
        if ch not in _FULL or prose[i] != ch or _english_context(prose, i):
            continue
        left = _left(text, i)
        right, after = _right(text, i)
        if ch in "()":
            j = partner.get(i)
            inside = text[min(i, j) + 1 : max(i, j)] if j is not None else ""
            chinese = (
                (ch == "(" and is_han(left))
                or (ch == ")" and is_han(right))
                or any(is_han(c) for c in inside)
            )
            if chinese and not (j is not None and _english_context(prose, j)):
                converted.add(i)
                yield _finding(block, i, i + 1, ch, _FULL[ch])
            continue
        if left.isdigit() and right.isdigit() and ch in ",:" and after == i + 1:
            continue  # 1,000 and 2.9:30.7
        chinese_left = is_cjk(left) or (left != "" and left in _CLOSING)
        if chinese_left or _left_at(text, i) in converted or (is_han(right) and after == i + 1):
            converted.add(i)
            # full-width marks carry their own spacing: spaces around them go with the fix
            end = after
            start = i
            while start > taken and text[start - 1] in _SPACE:
                start -= 1
            taken = end
            yield _finding(block, start, end, ch, _FULL[ch])
    for i in quotes:
        if i in quote_marks:
            yield _finding(block, i, i + 1, '"', quote_marks[i])
            continue
        if not len(quotes) % 2 or _english_context(prose, i):
            continue  # a pair in English text, or not in Chinese text
        left = _left(text, i)
        right, _ = _right(text, i)
        if is_han(left) or is_han(right):
            yield Finding(
                span=Span(base + i, base + i + 1),
                message=Message(
                    '中文中使用了半角引号“"”，且本段半角引号个数为奇数，无法自动配对',
                    'half-width “"” in Chinese text; the paragraph has an odd number of them, '
                    "so they cannot be paired automatically",
                ),
            )


def _merged(doc: Document, findings: list[Finding]) -> Finding | None:
    """One finding for all the fixable marks of a paragraph, with one fix that converts them all."""
    counts = Counter(doc.slice(f.span).strip(_SPACE) for f in findings)
    zh = "、".join(f"{_NAMES[mark]}“{mark}”{n}处" for mark, n in counts.items())
    en = ", ".join(f"“{mark}” ×{n}" for mark, n in counts.items())
    return merge_findings(
        doc.text,
        findings,
        Message(
            f"本段中文里有{len(findings)}处半角标点（{zh}），应为全角",
            f"{len(findings)} half-width marks in Chinese text in this paragraph ({en}); "
            "use the full-width forms",
        ),
        Message("全部改为全角", "replace them all with full-width marks"),
    )


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    for block in doc.blocks:
        if block.kind in (BlockKind.CODE, BlockKind.TABLE):
            continue
        # a Markdown table's cells, as the table was: no punctuation rule
        if block.kind is BlockKind.CELL and doc.markdown:
            continue
        if _ANY_MARK.search(doc.text, block.span.start, block.span.end) is None:
            continue  # none of the marks this rule converts or pairs
        findings = sorted(_check_block(doc, block), key=lambda f: f.span.start)
        fixable = [f for f in findings if f.fix is not None]
        merged = _merged(doc, fixable) if len(fixable) > 1 else None
        if merged is None:
            yield from findings
            continue
        yield merged
        yield from (f for f in findings if f.fix is None)

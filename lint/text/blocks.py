"""Paragraph segmentation: turn the text of a document into blocks with exact spans.

Two conventions occur in the wild and both must work:

* paragraphs separated by blank lines, where a run of lines may be one hard-wrapped paragraph
  (``渤海潮涌，呼⏎应三江之源``);
* one paragraph per line, with no blank lines at all (most proofread reports).

A blank line always ends a paragraph. A line break inside a run of lines is a layout wrap only when
the line stops mid-sentence and the run as a whole looks like one wrapped block. With
``paragraph_per_line`` (a Word file, whose paragraphs are explicit) no line break is a wrap: a line
that stops mid-sentence is a paragraph that does.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from enum import Enum

import regex
from factlint.model import Span
from factlint.text.patterns import (
    BYLINE,
    CLAUSE_MARKS,
    CLOSERS,
    DATE_LINE,
    ENUMERATOR,
    FIELD_LINE,
    LINE_BREAK,
    PARAGRAPH_END,
)


class BlockKind(str, Enum):
    TITLE = "title"
    HEADING = "heading"
    BYLINE = "byline"
    LIST_ITEM = "list_item"
    BODY = "body"
    CODE = "code"
    TABLE = "table"
    #: a paragraph outside the running text — a Word table's cell, a header, a footnote, a text
    #: box: read as prose by the sentence rules, never joined to or continued by its neighbours
    CELL = "cell"


@dataclass(frozen=True, slots=True)
class Line:
    """A line of a document: its span (without the line break) and its text."""

    span: Span  # without the line break
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, heading or other unit of the text, with its exact span (whitespace trimmed)."""

    index: int
    span: Span
    kind: BlockKind
    lines: tuple[Span, ...]
    blank_lines_before: int
    #: the document's text, shared, not a copy: :attr:`text` is cut from it when read
    source: str = field(repr=False)

    @property
    def text(self) -> str:
        """The block's text (white space at its ends left out)."""
        return self.source[self.span.start : self.span.end]

    @property
    def is_prose(self) -> bool:
        """Body text or a list item: the blocks whose sentences the rules read."""
        return self.kind in (BlockKind.BODY, BlockKind.LIST_ITEM, BlockKind.CELL)

    @property
    def wrapped(self) -> bool:
        return len(self.lines) > 1


_MD_HEADING = regex.compile(r"^\s{0,3}#{1,6}\s")
_WORD = regex.compile(r"\w")
_MD_LIST = regex.compile(r"^\s{0,8}(?:[-*+]|\d{1,3}[.)])\s")
_MD_FENCE = regex.compile(r"^\s{0,3}(```|~~~)")
_MD_TABLE = regex.compile(r"^\s{0,3}\|")
_MD_DELIMITER_ROW = regex.compile(r"^\s*\|?(?:\s*:?-+:?\s*\|)+\s*(?::?-+:?\s*)?$")
#: a cell's text, trimmed: between pipes (an escaped pipe \| stays inside), not blank
_MD_CELL = regex.compile(r"(?<=\|\s*+)(?:[^|\s\\]|\\.)(?:[^|\\]|\\.)*?(?=\s*+(?:\||$))")
_MD_RULE = regex.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_MD_COMMENT_LINE = regex.compile(r"^[ \t]{0,3}<!--[^\n]{0,5000}?-->[ \t]*$")  # markup, not text
_SPACED_TITLE = regex.compile(r"^\p{Han}(?:[ \u3000]{1,4}\p{Han}){2,}$")


_COLUMN_GAP = regex.compile(r"\S(?:[ \u3000]{2,}|\t)(?=\S)")
_SENTENCE_MARKS = "。！？!?"


def columned(text: str) -> bool:
    """A row of a plain-text table: cells parted by runs of two or more spaces (or a tab) used to
    align columns, and no sentence in it (地区生产总值    亿元      135.2)."""
    if "\t" not in text and "  " not in text and "\u3000" not in text:
        return False  # no gap of two spaces or a tab (found by C scans, not the regex)
    return _COLUMN_GAP.search(text) is not None and not any(c in _SENTENCE_MARKS for c in text)


def _listed(items: list[str], text: str) -> bool:
    return len(items) >= 3 and not has_clause_marks(text) and not ends_paragraph(text)


def spaced_list(text: str) -> bool:
    """A line of space-separated items, not a sentence: names (天津市第一中心医院 张三 李四 王五) or
    verse (春眠不觉晓 处处闻啼鸟 夜来风雨声): three or more items and no clause mark, or two or more
    of one length (4-12 characters) each."""
    items = text.split()
    if not all(_WORD.search(item) for item in items):
        return False  # markup (| a | b |) or punctuation, not items
    if _listed(items, text):
        return True
    lengths = {len(item.rstrip(CLAUSE_MARKS + "、：:")) for item in items}
    return len(items) >= 2 and len(lengths) == 1 and 4 <= lengths.pop() <= 12


def split_lines(text: str) -> Iterator[Line]:
    """Physical lines with exact spans; line breaks may be LF, CRLF or CR. One at a time: the
    lines of a document held at once are a copy of its text (and a Line and a Span a line)."""
    pos = 0
    for m in LINE_BREAK.finditer(text):
        yield Line(Span(pos, m.start()), text[pos : m.start()])
        pos = m.end()
    if pos < len(text) or not pos:
        yield Line(Span(pos, len(text)), text[pos:])


def ends_paragraph(text: str) -> bool:
    """Whether a line or paragraph ends where a paragraph may end."""
    stripped = text.rstrip()
    while stripped and stripped[-1] in CLOSERS:
        stripped = stripped[:-1].rstrip()
        if stripped and stripped[-1] in PARAGRAPH_END:
            return True
        if not stripped:
            return False
        # a closing quote or bracket after a word: a quoted title or a bracketed note; not mid-clause
        return True
    return bool(stripped) and stripped[-1] in PARAGRAPH_END


_CLAUSE_MARK = regex.compile("[" + regex.escape(CLAUSE_MARKS) + "]")


def has_clause_marks(text: str) -> bool:
    return _CLAUSE_MARK.search(text) is not None


def _is_markup_start(text: str, markdown: bool) -> bool:
    """A line that starts a block of its own: never half of a wrapped paragraph."""
    if ENUMERATOR.match(text.lstrip()) or FIELD_LINE.match(text.strip()):
        return True
    if columned(text.strip()) or spaced_list(text.strip()):
        return True  # a table row or a list of names: layout, never wrapped into a paragraph
    return markdown and bool(_MD_HEADING.match(text) or _MD_LIST.match(text))


def _wrapped_run(run: list[Line], markdown: bool) -> list[bool]:
    """For each break between the lines of a run: is it a layout wrap (True) or a paragraph end?"""
    breaks = [False] * (len(run) - 1)
    if len(run) < 2:
        return breaks
    mid = [not ends_paragraph(line.text) for line in run[:-1]]
    if sum(mid) * 2 <= len(mid):
        return breaks
    if len(run) == 2 and not has_clause_marks(run[0].text):
        return breaks  # a title over one line of text, not a wrapped paragraph
    for i, is_mid in enumerate(mid):
        nxt = run[i + 1].text
        if (
            is_mid
            and not _is_markup_start(nxt, markdown)
            and not _is_markup_start(run[i].text, markdown)
        ):
            breaks[i] = True
    return breaks


def classify(text: str, *, first: bool, markdown: bool) -> BlockKind:
    """What kind of block a stretch of text is, by its own shape."""
    flat = text.replace("\n", "").replace("\r", "")
    stripped = flat.strip()
    if markdown:
        if _MD_HEADING.match(text):
            return BlockKind.HEADING
        if _MD_LIST.match(text):
            return BlockKind.LIST_ITEM
        if _MD_TABLE.match(text):
            return BlockKind.TABLE
    if _SPACED_TITLE.match(stripped):
        return BlockKind.TITLE if first else BlockKind.HEADING
    if (
        stripped.startswith(("——", "--", "—"))
        and len(stripped) <= 80
        and not ends_paragraph(stripped)
    ):
        return BlockKind.BYLINE
    if DATE_LINE.match(stripped) or (len(stripped) <= 120 and FIELD_LINE.match(stripped)):
        return BlockKind.BYLINE
    if not has_clause_marks(stripped) and len(stripped) <= 60:
        if BYLINE.search(stripped) or "\u3000" in stripped or "  " in stripped:
            return BlockKind.BYLINE
    items = stripped.split()
    if columned(stripped) or (all(_WORD.search(i) for i in items) and _listed(items, stripped)):
        return BlockKind.BYLINE  # names or a table row on a line of their own, however long
    terminal = stripped.rstrip(CLOSERS)[-1:] in tuple(PARAGRAPH_END)
    if not terminal:
        short_plain = len(stripped) <= 60 and not has_clause_marks(stripped)
        numbered = (
            ENUMERATOR.match(stripped) is not None and len(stripped) <= 80 and "。" not in stripped
        )
        if short_plain or numbered:
            return BlockKind.TITLE if first else BlockKind.HEADING
    elif ENUMERATOR.match(stripped) and stripped[-1] in "：:" and len(stripped) <= 80:
        return BlockKind.HEADING
    return BlockKind.BODY


def segment(
    text: str,
    *,
    markdown: bool = False,
    paragraph_per_line: bool = False,
    standalone: Container[int] | None = None,
) -> tuple[Block, ...]:
    """Split ``text`` into blocks. Offsets are exact; blank lines and layout wraps are recorded.
    With ``paragraph_per_line`` every non-blank line is a block of its own. The lines whose
    0-based index is in ``standalone`` (a Word table's cells, headers, footnotes) are each a
    :attr:`BlockKind.CELL` block, whatever their shape."""
    lines = split_lines(text)
    blocks: list[Block] = []
    blank_run = 0
    pending: list[Line] = []
    in_fence = False
    fence_lines: list[Line] = []

    def emit(group: list[Line], kind: BlockKind | None = None) -> None:
        nonlocal blank_run
        first_line, last_line = group[0], group[-1]
        start = first_line.span.start + (len(first_line.text) - len(first_line.text.lstrip()))
        end = last_line.span.end - (len(last_line.text) - len(last_line.text.rstrip()))
        if end <= start:
            return
        if kind is None:
            kind = classify(text[start:end], first=not blocks, markdown=markdown)
        if (
            markdown
            and kind is BlockKind.TABLE
            and all(_MD_TABLE.match(line.text) for line in group)
        ):
            cells(group)
            return
        span = Span(start, end)
        # a block of one line without white space at its ends: one Span for both
        one = len(group) == 1 and group[0].span == span
        lines = (span,) if one else tuple(line.span for line in group)
        blocks.append(
            Block(
                index=len(blocks),
                span=span,
                kind=kind,
                lines=lines,
                blank_lines_before=blank_run,
                source=text,
            )
        )
        blank_run = 0

    def cells(group: list[Line]) -> None:
        """A Markdown pipe table, each cell a :attr:`BlockKind.CELL` block (its delimiter row
        left out): the numbers and words of a table are checked, a row is not a sentence."""
        nonlocal blank_run
        for line in group:
            if _MD_DELIMITER_ROW.match(line.text):
                continue
            for m in _MD_CELL.finditer(line.text):
                start = line.span.start + m.start()
                end = line.span.start + m.end()
                blocks.append(
                    Block(
                        index=len(blocks),
                        span=Span(start, end),
                        kind=BlockKind.CELL,
                        lines=(Span(start, end),),
                        blank_lines_before=blank_run,
                        source=text,
                    )
                )
                blank_run = 0

    def flush() -> None:
        if not pending:
            return
        rows = 0  # a run of two or more table rows is a table
        for i, line in enumerate([*pending, None]):
            if line is not None and columned(line.text.strip()):
                rows += 1
                continue
            if rows >= 2:
                before, table, after = pending[: i - rows], pending[i - rows : i], pending[i:]
                pending[:] = before
                flush()
                emit(table, BlockKind.TABLE)
                pending[:] = after
                flush()
                return
            rows = 0
        if paragraph_per_line:
            wraps = [False] * (len(pending) - 1)
        else:
            wraps = _wrapped_run(pending, markdown)
        group = [pending[0]]
        for i, wrap in enumerate(wraps):
            if wrap:
                group.append(pending[i + 1])
            else:
                emit(group)
                group = [pending[i + 1]]
        emit(group)
        pending.clear()

    for number, line in enumerate(lines):
        if standalone is not None and number in standalone:
            flush()
            if line.blank:
                blank_run += 1
            else:
                emit([line], BlockKind.CELL)
            continue
        if markdown and _MD_FENCE.match(line.text):
            if in_fence:
                fence_lines.append(line)
                emit(fence_lines, BlockKind.CODE)
                fence_lines = []
                in_fence = False
            else:
                flush()
                in_fence = True
                fence_lines = [line]
            continue
        if in_fence:
            fence_lines.append(line)
            continue
        if line.blank:
            flush()
            blank_run += 1
            continue
        if markdown and (_MD_RULE.match(line.text) or _MD_COMMENT_LINE.match(line.text)):
            flush()
            continue
        if markdown and pending and (_MD_HEADING.match(line.text) or _MD_LIST.match(line.text)):
            flush()
        pending.append(line)
        if markdown and _MD_HEADING.match(line.text):
            flush()
    flush()
    if fence_lines:
        emit(fence_lines, BlockKind.CODE)
    return tuple(blocks)

"""An OpenDocument text's (``.odt``) text, read as the Word reader reads a ``.docx``
(:mod:`factlint.inputs.wordml`): every paragraph an editor reads, one per line, in reading order,
with where each is (:class:`~factlint.text.places.Place`), streamed with ``lxml.etree.iterparse``
(no entity resolved, no DTD loaded, no network, libxml2's size and depth limits kept).

``content.xml`` is read block by block, each dropped once read: paragraphs (``text:p``) and
headings (``text:h``, which name the place of the paragraphs under them), lists, sections, tables
cell by cell (``table:table-cell`` and the covered cells of a merge count a column each, repeated
rows and columns count as many, a repeated cell's text is read once), then the headers and
footers of ``styles.xml``'s master pages (each distinct text once, as for a ``.docx``), the
footnotes and endnotes (``text:note-body``: 脚注1, 尾注1, numbered in order of appearance; the
citation mark is not part of the sentence), and the text boxes and shapes' text (``draw:``).

Inside a paragraph: spans, links, fields (their displayed text), ``text:s`` (``text:c`` spaces),
``text:tab`` (a tab) and ``text:line-break`` (a soft break: U+2028 in the text, as for a ``.docx``);
white space in the XML collapses as OpenDocument says (§6.1.2: tab, CR and LF are spaces, a space
after a space or at the paragraph's start is dropped). Comments (``office:annotation``), ruby text,
cached list numbers and generated indexes (a table of contents repeats the headings) are not read.

Tracked changes read as accepted: OpenDocument keeps the deleted text out of the body, in
``text:tracked-changes`` (not read), and leaves the inserted text in it (read).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from factlint.inputs.wordml import DraftReader, Trail, _Part
from factlint.text.places import Place, PlaceRange
from lxml import etree  # type: ignore[import-untyped,unused-ignore]

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"

T_P = TEXT + "p"
T_H = TEXT + "h"
T_S = TEXT + "s"
T_C = TEXT + "c"
T_TAB = TEXT + "tab"
T_LINE_BREAK = TEXT + "line-break"
T_NOTE = TEXT + "note"
T_NOTE_BODY = TEXT + "note-body"
T_NOTE_CLASS = TEXT + "note-class"
T_LIST = TEXT + "list"
T_SECTION = TEXT + "section"
T_TRACKED_CHANGES = TEXT + "tracked-changes"
TB_TABLE = TABLE + "table"
TB_ROW = TABLE + "table-row"
TB_CELL = TABLE + "table-cell"
TB_COVERED = TABLE + "covered-table-cell"
TB_ROWS_REPEATED = TABLE + "number-rows-repeated"
TB_COLUMNS_REPEATED = TABLE + "number-columns-repeated"
O_TEXT = OFFICE + "text"
O_BODY = OFFICE + "body"
O_CONTENT = OFFICE + "document-content"
S_MASTER_PAGE = STYLE + "master-page"
S_DISPLAY = STYLE + "display"

#: the blocks of the body read at their end, each dropped once read
_BLOCKS = (
    T_P,
    T_H,
    T_LIST,
    TEXT + "numbered-paragraph",
    TB_TABLE,
    T_TRACKED_CHANGES,
    DRAW + "frame",
    DRAW + "custom-shape",
    DRAW + "rect",
    DRAW + "ellipse",
    DRAW + "g",
)
#: the elements that hold blocks and are read through (a section is streamed block by block)
_CONTAINERS = frozenset(
    {
        T_SECTION,
        T_LIST,
        TEXT + "list-item",
        TEXT + "list-header",
        TEXT + "numbered-paragraph",
        TEXT + "soft-page-break",
        TB_CELL,
        TB_COVERED,
        STYLE + "region-left",
        STYLE + "region-center",
        STYLE + "region-right",
        DRAW + "text-box",
    }
)
#: the groups of rows of a table, read through
_ROW_GROUPS = frozenset(
    {TABLE + "table-header-rows", TABLE + "table-rows", TABLE + "table-row-group"}
)
#: inline elements whose text is not the paragraph's
_SKIPPED = frozenset(
    {
        OFFICE + "annotation",
        TEXT + "ruby-text",
        TEXT + "number",  # a list's or heading's cached number
        TEXT + "note-citation",
        T_TRACKED_CHANGES,
        "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}title",
        "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}desc",
    }
)
_HEADERS = tuple(STYLE + name for name in ("header", "header-left", "header-first"))
_FOOTERS = tuple(STYLE + name for name in ("footer", "footer-left", "footer-first"))
#: the most spaces ``text:s`` elements add to a document: a 1 MB file of ``<text:s text:c="…"/>``
#: must not become gigabytes of spaces
MAX_SPACES = 1_000_000
#: the most columns or rows one repeated cell or row counts for (a place's number, not text)
_MAX_REPEAT = 100_000

_WHITE = re.compile("[ \t\n\r]")

_PARSER_OPTIONS: dict[str, bool] = {
    "resolve_entities": False,
    "load_dtd": False,
    "no_network": True,
    "huge_tree": False,
}


def _iterparse(stream: IO[bytes], tag: str | tuple[str, ...] | None = None) -> Any:
    return etree.iterparse(stream, events=("end",), tag=tag, **_PARSER_OPTIONS)


def _count(element: etree._Element, attribute: str) -> int:
    try:
        return max(1, min(int(element.get(attribute) or 1), _MAX_REPEAT))
    except ValueError:
        return 1


class OdfReader(DraftReader):
    """Reads an OpenDocument text's blocks into the lines and places of a
    :class:`~factlint.inputs.wordml.DraftReader`. Use :func:`read_odt`."""

    def __init__(self) -> None:
        super().__init__()
        self.footnotes: list[tuple[str, Place, Trail | None]] = []
        self.endnotes: list[tuple[str, Place, Trail | None]] = []
        self._notes = {"footnote": 0, "endnote": 0}
        self._spaces = MAX_SPACES
        self._lead = True  # at a paragraph's start or after a space: a space is dropped

    # -- blocks
    def block(self, block: etree._Element, part: _Part, cell: tuple[int, int, int]) -> None:
        tag = block.tag
        if tag == T_P or tag == T_H:
            parts: list[str] = []
            self._lead = True
            self._inline(block, parts)
            self.add_paragraph("".join(parts), part, cell, heading=tag == T_H)
        elif tag == TB_TABLE:
            self.table(block, part)
        elif tag in _CONTAINERS:
            self.blocks(block, part, cell)
        elif isinstance(tag, str) and tag.startswith(DRAW):
            self._shape(block)
        # text:tracked-changes (the deleted text), indexes, declarations, forms: not read

    def table(self, table: etree._Element, part: _Part) -> None:
        part.tables += 1
        number = part.tables
        row = 0
        for tr in _rows(table):
            row += 1
            column = 0
            for tc in tr:
                if tc.tag == TB_CELL or tc.tag == TB_COVERED:
                    column += 1
                    self.blocks(tc, part, (number, row, column))
                    column += _count(tc, TB_COLUMNS_REPEATED) - 1
            row += _count(tr, TB_ROWS_REPEATED) - 1

    # -- inline content
    def _text(self, text: str, parts: list[str]) -> None:
        """Characters of the XML, their white space collapsed (see the module's docstring)."""
        if not _WHITE.search(text):  # most of a Chinese text
            parts.append(text)
            self._lead = False
            return
        out = []
        lead = self._lead
        for ch in text:
            if ch in " \t\n\r":
                if not lead:
                    out.append(" ")
                    lead = True
            else:
                out.append(ch)
                lead = False
        self._lead = lead
        parts.append("".join(out))

    def _inline(self, element: etree._Element, parts: list[str]) -> None:
        if element.text:
            self._text(element.text, parts)
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                pass  # a comment, a processing instruction, a comment of the editor's…
            elif tag == T_S:
                n = min(_count(child, T_C), self._spaces)
                self._spaces -= n
                parts.append(" " * max(n, 1))
                self._lead = False
            elif tag == T_TAB:
                parts.append("\t")
                self._lead = False
            elif tag == T_LINE_BREAK:
                parts.append("\n")
                self._lead = False
            elif tag == T_NOTE:
                self._note(child)
            elif tag.startswith(DRAW):
                self._shape(child)
            else:  # a span, a link, a field, a ruby's base, a change's mark, a bookmark
                self._inline(child, parts)
            if child.tail:
                self._text(child.tail, parts)

    def _aside(
        self, sink: list[tuple[str, Place, Trail | None]], content: etree._Element, part: _Part
    ) -> None:
        """Read ``content``'s blocks into ``sink`` (a note, a text box), the paragraph being read
        left as it was."""
        saved, lead, place, place_part = self._sink, self._lead, self._place, self._place_part
        self._sink = sink
        try:
            self.blocks(content, part, (0, 0, 0))
        finally:
            self._sink, self._lead = saved, lead
            self._place, self._place_part = place, place_part

    def _note(self, note: etree._Element) -> None:
        kind = "endnote" if note.get(T_NOTE_CLASS) == "endnote" else "footnote"
        body = note.find(T_NOTE_BODY)
        self._notes[kind] += 1
        if body is not None:
            sink = self.endnotes if kind == "endnote" else self.footnotes
            self._aside(sink, body, _Part(kind, self._notes[kind]))  # type: ignore[arg-type]

    def _shape(self, shape: etree._Element) -> None:
        """A frame's text box or a shape's text, kept to be read after the rest."""
        for box in _boxes(shape):
            self._aside(self.boxes, box, _Part("textbox"))


def _rows(container: etree._Element) -> Iterator[etree._Element]:
    for child in container:
        if child.tag == TB_ROW:
            yield child
        elif child.tag in _ROW_GROUPS or child.tag == TEXT + "soft-page-break":
            yield from _rows(child)


def _boxes(element: etree._Element) -> Iterator[etree._Element]:
    """The elements of a drawing that hold paragraphs (a ``draw:text-box``, a shape with text),
    outermost first; a drawing's description and title are not read."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == DRAW + "text-box":
            yield child
        elif tag == T_P or tag == T_H or tag == T_LIST:
            yield element  # a shape's own text
            return
        elif tag.startswith(DRAW):
            yield from _boxes(child)


def _body_blocks(stream: IO[bytes]) -> Iterator[etree._Element]:
    """Each block of ``office:text`` (also inside its sections), dropped once the caller has read
    it; ValueError when the document is not a text (a spreadsheet renamed)."""
    context = _iterparse(stream, _BLOCKS)
    for _, block in context:
        parent = block.getparent()
        top = parent
        while top is not None and top.tag == T_SECTION:
            top = top.getparent()
        if top is None or top.tag != O_TEXT:
            continue  # inside a table, a list, a note, a frame: read with it
        yield block
        block.clear()
        while block.getprevious() is not None:
            del parent[0]
    root = context.root
    if root is None or root.tag != O_CONTENT:
        raise ValueError("content.xml has no office:document-content root")
    body = root.find(O_BODY)
    if body is None or body.find(O_TEXT) is None:
        raise ValueError("not an OpenDocument text: no office:text in office:body")


def _master_parts(stream: IO[bytes]) -> Iterator[tuple[str, etree._Element]]:
    """The headers and footers of the master pages (``header`` or ``footer``, the element), each
    master page dropped once read; a header or footer switched off (``style:display``) is not."""
    for _, page in _iterparse(stream, S_MASTER_PAGE):
        for child in page:
            if child.get(S_DISPLAY) == "false":
                continue
            if child.tag in _HEADERS:
                yield "header", child
            elif child.tag in _FOOTERS:
                yield "footer", child
        page.clear()


def read_odt(archive: zipfile.ZipFile) -> tuple[list[str], list[PlaceRange]]:
    """Every paragraph an editor reads in an OpenDocument text, in reading order, and where each
    is (see the module's docstring). KeyError without ``content.xml``, ValueError when it is not
    a text document, lxml's XMLSyntaxError (a SyntaxError) when the XML is damaged."""
    mimetype = "mimetype" in archive.NameToInfo and archive.read("mimetype").strip()
    if mimetype and not mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        raise ValueError(f"not an OpenDocument text: {mimetype!r}")
    reader = OdfReader()
    body = _Part("body")
    with archive.open("content.xml") as stream:
        for block in _body_blocks(stream):
            reader.block(block, body, (0, 0, 0))
    if "styles.xml" in archive.NameToInfo:
        kept: dict[str, list[list[tuple[str, Place, Trail | None]]]] = {"header": [], "footer": []}
        seen: set[tuple[str, ...]] = set()
        with archive.open("styles.xml") as stream:
            for kind, element in _master_parts(stream):
                items = reader.buffered()
                boxes = len(reader.boxes)
                reader.blocks(element, _Part(kind), (0, 0, 0))  # type: ignore[arg-type]
                reader.unbuffer()
                key = (kind, *(item[0] for item in items))
                if key in seen or not any(item[0].strip() for item in items):
                    del reader.boxes[boxes:]  # a repeated header's text boxes: read once
                    continue
                seen.add(key)
                kept[kind].append(items)
        for kind in ("header", "footer"):
            for items in kept[kind]:
                reader.add_buffered(items)
    reader.add_buffered(reader.footnotes)
    reader.add_buffered(reader.endnotes)
    reader.add_buffered(reader.boxes)
    return reader.lines, reader.ranges()

"""A Word file's text, read as a stream: the main document part is found through the package's
relationships and content types, as python-docx finds it, then parsed with ``lxml.etree.iterparse``
one body-level block at a time, each cleared once read, so memory stays bounded by one paragraph or
table rather than the whole tree (python-docx builds the whole tree and a proxy per element: ~250
bytes per character of text).

The text of a paragraph is exactly python-docx's ``Paragraph.text`` (version 1.2): its ``w:r`` and
``w:hyperlink`` children (the runs of a hyperlink), each run's ``w:t`` text, ``w:tab`` and
``w:ptab`` as a tab, ``w:br`` of the text-wrapping kind (the default) and ``w:cr`` as a line feed,
``w:noBreakHyphen`` as ``-``; nothing else (a soft hyphen, a symbol, a field's result inside
``w:fldSimple``, a smart tag's runs, a tracked insertion's runs are not direct runs and are left out,
as python-docx leaves them out). Only paragraphs that are children of the body are read: a table's,
a text box's, a content control's paragraphs are not (:func:`body_paragraphs` sees every block of the
body and can be extended to them). The XML parser resolves no entity, loads no DTD, uses no network
and keeps libxml2's size and depth limits (no ``huge_tree``).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from factlint.text.places import Part, Place, PlaceRange
from lxml import etree  # type: ignore[import-untyped,unused-ignore]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_DOCUMENT = W + "document"
W_BODY = W + "body"
W_P = W + "p"
W_R = W + "r"
W_HYPERLINK = W + "hyperlink"
W_T = W + "t"
W_TAB = W + "tab"
W_PTAB = W + "ptab"
W_BR = W + "br"
W_CR = W + "cr"
W_NO_BREAK_HYPHEN = W + "noBreakHyphen"
#: the marks of a run that stand for text (see _mark_text)
_MARKS = frozenset({W_TAB, W_PTAB, W_BR, W_CR, W_NO_BREAK_HYPHEN})
W_TYPE = W + "type"
#: the body-level blocks whose end the stream stops at: each is read (a paragraph) or skipped,
#: then dropped with everything before it
_BLOCKS = (W_P, W + "tbl", W + "sdt", W + "customXml", W + "altChunk")

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

#: python-docx's parser settings (``docx.oxml.parser``), so the same XML gives the same text, plus
#: the safe defaults said out loud
_PARSER_OPTIONS: dict[str, bool] = {
    "remove_blank_text": True,
    "resolve_entities": False,
    "load_dtd": False,
    "no_network": True,
    "huge_tree": False,
}


def _iterparse(
    stream: IO[bytes], tag: str | tuple[str, ...] | None = None
) -> Any:  # an lxml.etree.iterparse (no stubs for lxml)
    return etree.iterparse(stream, events=("end",), tag=tag, **_PARSER_OPTIONS)


def main_document(archive: zipfile.ZipFile) -> str:
    """The zip member name of a Word package's main document part, found as python-docx finds it:
    the package relationship of type officeDocument (KeyError if there is none), whose content
    type must be WordprocessingML's main document (ValueError otherwise: a workbook, a template)."""
    target = None
    with archive.open("_rels/.rels") as stream:
        for _, element in _iterparse(stream, _RELATIONSHIPS):
            if (
                target is None
                and element.get("Type") == _OFFICE_DOCUMENT
                and element.get("TargetMode") != "External"
            ):
                target = element.get("Target")
            element.clear()
    if target is None:
        raise KeyError("no officeDocument relationship")
    partname = posixpath.abspath(posixpath.join("/", target))
    override = default = None
    extension = posixpath.splitext(partname)[1][1:].lower()
    with archive.open("[Content_Types].xml") as stream:
        for _, element in _iterparse(stream):
            if element.tag == _CONTENT_TYPES + "Override":
                if override is None and (element.get("PartName") or "").lower() == partname.lower():
                    override = element.get("ContentType")
            elif element.tag == _CONTENT_TYPES + "Default":
                if default is None and (element.get("Extension") or "").lower() == extension:
                    default = element.get("ContentType")
            element.clear()
    content_type = override if override is not None else default
    if content_type is None:
        raise KeyError(f"no content type for {partname}")
    if content_type != WORD_MAIN:
        raise ValueError(f"not a Word document: {content_type}")
    return partname[1:]


def body_paragraphs(stream: IO[bytes]) -> Iterator[str]:
    """The text of each paragraph of the body of a main document part (``word/document.xml``), in
    document order, read as a stream. ValueError when the root is not ``w:document`` or it has no
    ``w:body``; lxml's XMLSyntaxError (a SyntaxError) when the XML is damaged.

    Every body-level block (paragraph, table, content control…) is dropped once its end is read,
    with whatever came before it in the body: memory holds one block. A later reader of tables or
    content controls handles their blocks here, where ``block.tag`` is not ``w:p``."""
    context = _iterparse(stream, _BLOCKS)
    body = None
    for _, block in context:
        if body is None:
            body = _first_body(block)
            if body is None:
                block.clear()  # outside the body: never read
                continue
        if block.getparent() is not body:
            continue  # a block inside a table, a content control, a text box: dropped with it
        if block.tag == W_P:
            yield paragraph_text(block)
        block.clear()
        while block.getprevious() is not None:
            del body[0]
    root = context.root
    if root is None or root.tag != W_DOCUMENT or root.find(W_BODY) is None:
        raise ValueError("word/document.xml has no w:document root or no w:body")


def _first_body(block: etree._Element) -> etree._Element | None:
    """The root's first ``w:body`` (python-docx reads that one) when ``block`` is inside a
    ``w:body`` child of the root, else None; ValueError when the root is not ``w:document``. Looks
    at the root's children only once a body is open, so blocks outside any body cost no search."""
    top, parent = block, block.getparent()
    while parent is not None and parent.getparent() is not None:
        top, parent = parent, parent.getparent()
    root = parent if parent is not None else top
    if root.tag != W_DOCUMENT:
        raise ValueError("the main document part's root is not w:document")
    if parent is None or top.tag != W_BODY:
        return None
    found: etree._Element | None = root.find(W_BODY)
    return found


def paragraph_text(paragraph: etree._Element) -> str:
    """python-docx's ``CT_P.text``: the text of the runs and hyperlinks' runs that are children of
    the paragraph."""
    parts: list[str] = []
    for child in paragraph:
        if child.tag == W_R:
            _run_text(child, parts)
        elif child.tag == W_HYPERLINK:
            for run in child:
                if run.tag == W_R:
                    _run_text(run, parts)
    return "".join(parts)


def _mark_text(item: etree._Element) -> str:
    """The text of a run's mark as python-docx reads it: a tab, a text-wrapping break or carriage
    return, a non-breaking hyphen; nothing for anything else (a page or column break)."""
    tag = item.tag
    if tag == W_TAB or tag == W_PTAB:
        return "\t"
    if tag == W_BR:
        kind = item.get(W_TYPE)
        return "\n" if kind is None or kind == "textWrapping" else ""
    if tag == W_CR:
        return "\n"
    if tag == W_NO_BREAK_HYPHEN:
        return "-"
    return ""


def _run_text(run: etree._Element, parts: list[str]) -> None:
    """python-docx's ``CT_R.text``, appended to ``parts``."""
    for item in run:
        tag = item.tag
        if tag == W_T:
            if item.text:
                parts.append(item.text)
        else:
            parts.append(_mark_text(item))


# ---- the whole draft ------------------------------------------------------------------------------
#
# ``read_draft`` reads every part of a Word file an editor reads, in reading order: the body
# (paragraphs, tables cell by cell, content controls), then headers and footers (each distinct text
# once), footnotes, endnotes and text boxes. Tracked changes read as accepted (insertions and moves
# in, deletions and moved-from text out), a field as its displayed result (not its instruction), a
# content control as its content. Each part is streamed as the body is: one block (a paragraph, a
# table, a note) in memory at a time.

W_TBL = W + "tbl"
W_TR = W + "tr"
W_TC = W + "tc"
W_SDT = W + "sdt"
W_SDT_CONTENT = W + "sdtContent"
W_CUSTOM_XML = W + "customXml"
W_SMART_TAG = W + "smartTag"
W_INS = W + "ins"
W_MOVE_TO = W + "moveTo"
W_FLD_SIMPLE = W + "fldSimple"
W_FLD_CHAR = W + "fldChar"
W_FLD_CHAR_TYPE = W + "fldCharType"
W_DRAWING = W + "drawing"
W_PICT = W + "pict"
W_OBJECT = W + "object"
W_TXBX_CONTENT = W + "txbxContent"
W_PPR = W + "pPr"
W_RPR = W + "rPr"
W_DEL = W + "del"
W_PSTYLE = W + "pStyle"
W_OUTLINE_LVL = W + "outlineLvl"
W_VAL = W + "val"
W_HDR = W + "hdr"
W_FTR = W + "ftr"
W_FOOTNOTE = W + "footnote"
W_ENDNOTE = W + "endnote"
W_STYLE = W + "style"
W_NAME = W + "name"
W_STYLE_ID = W + "styleId"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MC_ALTERNATE = _MC + "AlternateContent"
MC_CHOICE = _MC + "Choice"
MC_FALLBACK = _MC + "Fallback"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_REL_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

#: inline wrappers whose content is read as the paragraph's (an insertion, a moved-to text, a link,
#: a field's result, a smart tag, custom XML, bidirectional text)
_INLINE_WRAPPERS = frozenset(
    {W_HYPERLINK, W_INS, W_MOVE_TO, W_SMART_TAG, W_CUSTOM_XML, W_FLD_SIMPLE, W + "dir", W + "bdo"}
)
_SHAPES = frozenset({W_DRAWING, W_PICT, W_OBJECT})


def _alternative(element: etree._Element) -> etree._Element | None:
    """The one branch of an ``mc:AlternateContent`` read: its first ``mc:Choice`` (what Word
    shows), else its ``mc:Fallback`` — never both, which hold the same text box twice."""
    choice = element.find(MC_CHOICE)
    return choice if choice is not None else element.find(MC_FALLBACK)


class Trail:
    """Where a paragraph's text came from (read with ``trace``): ``pieces``, the ``w:t`` elements
    and marks (a tab, a break) whose text makes the paragraph's, in order, each with the text it
    gave; ``paragraph``, the last ``w:p`` read into it (several when a deleted paragraph mark
    joined them)."""

    __slots__ = ("paragraph", "pieces")

    def __init__(self, pieces: list[tuple[etree._Element, str]], paragraph: Any) -> None:
        self.pieces = pieces
        self.paragraph = paragraph


class _Part:
    """What the paragraphs being read belong to: the part, and the table cell if any."""

    __slots__ = ("kind", "note", "tables")

    def __init__(self, kind: Part, note: int = 0) -> None:
        self.kind: Part = kind
        self.note = note
        self.tables = 0


class DraftReader:
    """Reads a Word package's parts into ``lines`` (one paragraph each) and ``ranges`` (which
    lines are where). Use :func:`read_draft`."""

    def __init__(
        self, heading_styles: frozenset[str] = frozenset(), *, trace: bool = False
    ) -> None:
        self.lines: list[str] = []
        #: with ``trace``: where each line's text came from (see :class:`Trail`)
        self.trails: list[Trail] | None = [] if trace else None
        self._pieces: list[tuple[etree._Element, str]] | None = [] if trace else None
        self._carry_trail: Trail | None = None
        #: with ``trace``: the lines of a header or footer read once though several parts hold
        #: them (the first page's and the others'): id of the trail read → the others' trails
        self.twins: dict[int, list[Trail]] = {}
        self._ranges: list[list[Any]] = []  # [first, last, Place], merged while contiguous
        self.heading = ""
        self.heading_styles = heading_styles
        self.boxes: list[tuple[str, Place, Trail | None]] = []  # text boxes', read after the rest
        self._fields: list[bool] = []  # open fields: True once past their separator
        self._carry = ""  # a paragraph whose mark was deleted: joined to the next one
        self._sink: list[tuple[str, Place, Trail | None]] | None = None  # a part buffered
        self._place: Place | None = None  # the last paragraph's place, and its part: reused
        self._place_part: _Part | None = None

    # -- output
    def _emit(self, text: str, place: Place, trail: Trail | None = None) -> None:
        if self._sink is not None:
            self._sink.append((text, place, trail))
            return
        if not text and not place.running:
            return  # an empty cell, an empty header: nothing to say where
        self.lines.append(text)
        if self.trails is not None and trail is not None:
            self.trails.append(trail)
        line = len(self.lines)
        last = self._ranges[-1] if self._ranges else None
        if last is not None and (last[2] is place or last[2] == place) and last[1] == line - 1:
            last[1] = line
        else:
            self._ranges.append([line, line, place])

    def ranges(self) -> list[PlaceRange]:
        return [PlaceRange(first, last, place) for first, last, place in self._ranges]

    # -- blocks
    def blocks(self, container: etree._Element, part: _Part, cell: tuple[int, int, int]) -> None:
        for child in container:
            self.block(child, part, cell)

    def block(self, block: etree._Element, part: _Part, cell: tuple[int, int, int]) -> None:
        tag = block.tag
        if tag == W_P:
            self.paragraph(block, part, cell)
        elif tag == W_TBL:
            self.table(block, part)
        elif tag == W_SDT:
            content = block.find(W_SDT_CONTENT)
            if content is not None:
                self.blocks(content, part, cell)
        elif tag == W_CUSTOM_XML or tag == W_INS or tag == W_MOVE_TO:
            self.blocks(block, part, cell)
        elif tag == MC_ALTERNATE:
            branch = _alternative(block)
            if branch is not None:
                self.blocks(branch, part, cell)

    def table(self, table: etree._Element, part: _Part) -> None:
        part.tables += 1
        number = part.tables
        row = 0
        for tr in _wrapped(table, W_TR):
            row += 1
            column = 0
            for tc in _wrapped(tr, W_TC):
                column += 1
                self.blocks(tc, part, (number, row, column))

    def paragraph(self, paragraph: etree._Element, part: _Part, cell: tuple[int, int, int]) -> None:
        parts: list[str] = []
        trail = None
        if self._pieces is not None:  # tracing: the pieces of this paragraph (a text box's apart)
            outer, self._pieces = self._pieces, []
            try:
                self._inline(paragraph, parts)
            finally:
                pieces, self._pieces = self._pieces, outer
            before = self._carry_trail.pieces if self._carry_trail is not None else []
            trail = Trail(before + pieces, paragraph)
            self._carry_trail = None
        else:
            self._inline(paragraph, parts)
        text = self._carry + "".join(parts)
        self._carry = ""
        heading = False
        if len(paragraph) and paragraph[0].tag == W_PPR:  # the properties come first
            for item in paragraph[0]:
                tag = item.tag
                if tag == W_RPR:
                    if any(mark.tag == W_DEL for mark in item):
                        self._carry = text  # the paragraph mark is deleted: it joins the next
                        self._carry_trail = trail
                        return
                elif tag == W_PSTYLE:
                    heading = heading or item.get(W_VAL) in self.heading_styles
                elif tag == W_OUTLINE_LVL:
                    heading = heading or (item.get(W_VAL) or "9") < "9"
        self.add_paragraph(text, part, cell, heading, trail)

    def add_paragraph(
        self,
        text: str,
        part: _Part,
        cell: tuple[int, int, int],
        heading: bool = False,
        trail: Trail | None = None,
    ) -> None:
        """One paragraph read, in ``part`` (and its table ``cell``, or ``(0, 0, 0)``); a
        ``heading`` of the body names the place of the body's paragraphs after it (also the
        OpenDocument reader's way in: :mod:`factlint.inputs.odf`); ``trail``: where its text came
        from, when traced."""
        table, row, column = cell
        place = self._place
        under = self.heading if part.kind == "body" else ""
        if (
            place is None
            or place.table != table
            or place.row != row
            or place.column != column
            or place.note != part.note
            or place.heading != under
            or self._place_part is not part
        ):
            kind: Part = "table" if part.kind == "body" and table else part.kind
            place = self._place = Place(kind, table, row, column, part.note, under)
            self._place_part = part
        self._emit(text, place, trail)
        if heading and part.kind == "body" and not table and text.strip():
            self.heading = " ".join(text.split())

    def flush(self) -> None:
        """The end of a part: a paragraph left open by a deleted mark is read as it is."""
        if self._carry:
            carry, self._carry = self._carry, ""
            self._emit(carry, Place("body", heading=self.heading), self._carry_trail)
        self._carry_trail = None
        self._fields.clear()

    # -- inline content
    def _inline(self, element: etree._Element, parts: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag == W_R:
                self._run(child, parts)
            elif tag in _INLINE_WRAPPERS:
                self._inline(child, parts)
            elif tag == W_SDT:
                content = child.find(W_SDT_CONTENT)
                if content is not None:
                    self._inline(content, parts)
            elif tag == MC_ALTERNATE:
                branch = _alternative(child)
                if branch is not None:
                    self._inline(branch, parts)
            # w:del, w:moveFrom, w:pPr, bookmarks, comments' marks, math: no text read

    def _run(self, run: etree._Element, parts: list[str]) -> None:
        fields = self._fields
        for item in run:
            tag = item.tag
            if tag == W_T:
                if item.text and all(fields):
                    parts.append(item.text)
                    if self._pieces is not None:
                        self._pieces.append((item, item.text))
            elif tag == W_FLD_CHAR:
                kind = item.get(W_FLD_CHAR_TYPE)
                if kind == "begin":
                    fields.append(False)
                elif kind == "separate" and fields:
                    fields[-1] = True
                elif kind == "end" and fields:
                    fields.pop()
            elif not all(fields):
                continue  # a field's instruction: not shown
            elif tag in _MARKS:
                mark = _mark_text(item)
                parts.append(mark)
                if mark and self._pieces is not None:
                    self._pieces.append((item, mark))
            elif tag == W_R:
                self._run(item, parts)
            elif tag == MC_ALTERNATE:
                branch = _alternative(item)
                if branch is not None:
                    self._run(branch, parts)
            elif tag in _SHAPES:
                self._shape(item)

    def _shape(self, shape: etree._Element) -> None:
        """The text boxes of a drawing or VML shape, kept to be read after the rest (a text box
        inside a text box is read by the reading of its own container)."""
        for box in _outermost(shape, W_TXBX_CONTENT):
            sink, fields, carry = self._sink, self._fields, self._carry
            carry_trail = self._carry_trail
            self._sink, self._fields, self._carry = self.boxes, [], ""
            self._carry_trail = None
            try:
                self.blocks(box, _Part("textbox"), (0, 0, 0))
                self.flush()
            finally:
                self._sink, self._fields, self._carry = sink, fields, carry
                self._carry_trail = carry_trail

    # -- parts
    def buffered(self) -> list[tuple[str, Place, Trail | None]]:
        """Start buffering a part's paragraphs (a header, a footer) instead of adding them."""
        self._sink = []
        return self._sink

    def unbuffer(self) -> None:
        self._sink = None

    def add_buffered(self, items: list[tuple[str, Place, Trail | None]]) -> None:
        for text, place, trail in items:
            self._emit(text, place, trail)


def _wrapped(container: etree._Element, tag: str) -> Iterator[etree._Element]:
    """The ``tag`` children of ``container``, also those wrapped in a content control or custom
    XML (a repeating row, a cell in a content control)."""
    for child in container:
        if child.tag == tag:
            yield child
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                yield from _wrapped(content, tag)
        elif child.tag == W_CUSTOM_XML or child.tag == W_INS or child.tag == W_MOVE_TO:
            yield from _wrapped(child, tag)


def _outermost(element: etree._Element, tag: str) -> Iterator[etree._Element]:
    """The ``tag`` descendants of ``element`` not inside another ``tag`` below it, reading only
    the first branch of an ``mc:AlternateContent``."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag == MC_ALTERNATE:
            branch = _alternative(child)
            if branch is not None:
                yield from _outermost(branch, tag)
        elif isinstance(child.tag, str):
            yield from _outermost(child, tag)


def _relationships(archive: zipfile.ZipFile, partname: str) -> list[tuple[str, str]]:
    """The internal relationships of a part: (type's last word, target member name), in order."""
    folder, name = posixpath.split(partname)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive.NameToInfo:
        return []
    out: list[tuple[str, str]] = []
    with archive.open(rels) as stream:
        for _, element in _iterparse(stream, _RELATIONSHIPS):
            kind = element.get("Type") or ""
            target = element.get("Target") or ""
            if element.get("TargetMode") != "External" and kind.startswith(_REL_TYPES) and target:
                path = posixpath.normpath(posixpath.join("/", folder, target))[1:]
                if target.startswith("/"):
                    path = posixpath.normpath(target)[1:]
                out.append((kind[len(_REL_TYPES) :], path))
            element.clear()
    return out


def _heading_styles(archive: zipfile.ZipFile, partname: str) -> frozenset[str]:
    """The ids of the paragraph styles that are headings: named ``heading N`` or ``Title``, or
    with an outline level."""
    out: set[str] = set()
    with archive.open(partname) as stream:
        for _, style in _iterparse(stream, W_STYLE):
            name = style.find(W_NAME)
            label = (name.get(W_VAL) or "").lower() if name is not None else ""
            properties = style.find(W_PPR)
            level = properties.find(W_OUTLINE_LVL) if properties is not None else None
            if (
                label.startswith("heading")
                or label == "title"
                or (level is not None and (level.get(W_VAL) or "9") < "9")
            ):
                out.add(style.get(W_STYLE_ID) or "")
            style.clear()
    return frozenset(out)


def _part_blocks(stream: IO[bytes], root_tag: str) -> Iterator[etree._Element]:
    """The top-level blocks of a header or footer part, each dropped once read."""
    context = _iterparse(stream, _BLOCKS)
    for _, block in context:
        parent = block.getparent()
        if parent is None or parent.getparent() is not None:
            continue  # inside a table or a content control: read with it
        if parent.tag != root_tag:
            raise ValueError(f"not a {root_tag} part")
        yield block
        block.clear()
        while block.getprevious() is not None:
            del parent[0]


def _notes(stream: IO[bytes], tag: str) -> Iterator[etree._Element]:
    """The notes of a footnotes or endnotes part, but the separators (``w:type``), each dropped
    once read."""
    for _, note in _iterparse(stream, tag):
        if note.get(W_TYPE) in (None, "normal"):
            yield note
        note.clear()
        parent = note.getparent()
        if parent is not None:
            while note.getprevious() is not None:
                del parent[0]


def read_draft(archive: zipfile.ZipFile) -> tuple[list[str], list[PlaceRange]]:
    """Every paragraph an editor reads in a Word package, in reading order, and where each is:
    the body (with its tables cell by cell), headers and footers (each distinct text once),
    footnotes, endnotes, then text boxes. KeyError, ValueError or lxml's XMLSyntaxError as
    :func:`main_document` and :func:`body_paragraphs` raise them."""
    reader = _read(archive, None)
    return reader.lines, reader.ranges()


class Traced:
    """A Word package read whole for writing back (:func:`trace_draft`): the text as
    :func:`read_draft` reads it, where each line came from, and the parsed parts."""

    def __init__(
        self,
        lines: list[str],
        trails: list[Trail],
        trees: dict[str, etree._Element],
        main: str,
        twins: dict[int, list[Trail]],
    ) -> None:
        self.lines = lines
        self.trails = trails
        self.twins = twins  # a header's line (its trail's id) → the same line in the other parts
        self.trees = trees  # member name → root element, every part read
        self.main = main  # the main document part's member name


def trace_draft(archive: zipfile.ZipFile) -> Traced:
    """:func:`read_draft`'s reading, on parts parsed whole (kept in ``trees``), remembering the
    ``w:t`` element and mark each character of each line came from (:class:`Trail`): what a
    writer needs to find the characters of a span in the XML. The same walk as
    :func:`read_draft`, so the lines are the same."""
    trees: dict[str, etree._Element] = {}
    reader = _read(archive, trees)
    assert reader.trails is not None
    return Traced(reader.lines, reader.trails, trees, main_document(archive), reader.twins)


def _parse(archive: zipfile.ZipFile, path: str, trees: dict[str, etree._Element]) -> Any:
    with archive.open(path) as stream:
        root = etree.parse(stream, etree.XMLParser(**_PARSER_OPTIONS)).getroot()
    trees[path] = root
    return root


def _read(archive: zipfile.ZipFile, trees: dict[str, etree._Element] | None) -> DraftReader:
    """The walk of :func:`read_draft`: streamed when ``trees`` is None, else on whole parsed parts
    kept in ``trees`` and traced."""
    main = main_document(archive)
    related = _relationships(archive, main)
    present = [(kind, path) for kind, path in related if path in archive.NameToInfo]
    styles = next((path for kind, path in present if kind == "styles"), None)
    reader = DraftReader(
        _heading_styles(archive, styles) if styles else frozenset(), trace=trees is not None
    )
    body = _Part("body")
    if trees is None:
        with archive.open(main) as stream:
            for block in _body_blocks(stream):
                reader.block(block, body, (0, 0, 0))
    else:
        root = _parse(archive, main, trees)
        found = root.find(W_BODY)
        if root.tag != W_DOCUMENT or found is None:
            raise ValueError("word/document.xml has no w:document root or no w:body")
        for block in found:
            if block.tag in _BLOCKS or block.tag == MC_ALTERNATE:
                reader.block(block, body, (0, 0, 0))
    reader.flush()
    seen: dict[tuple[str, ...], list[tuple[str, Place, Trail | None]]] = {}
    for kind in ("header", "footer"):
        root_tag = W_HDR if kind == "header" else W_FTR
        for path in sorted({p for k, p in present if k == kind}, key=_natural):
            items = reader.buffered()
            boxes = len(reader.boxes)
            part = _Part(kind)
            if trees is None:
                with archive.open(path) as stream:
                    for block in _part_blocks(stream, root_tag):
                        reader.block(block, part, (0, 0, 0))
            else:
                root = _parse(archive, path, trees)
                if root.tag != root_tag:
                    raise ValueError(f"not a {root_tag} part")
                for block in root:
                    if block.tag in _BLOCKS:
                        reader.block(block, part, (0, 0, 0))
            reader.flush()
            reader.unbuffer()
            key = (kind, *(text for text, _, _ in items))
            if key in seen or not any(text.strip() for text, _, _ in items):
                del reader.boxes[boxes:]  # a repeated header's text boxes: read once
                if key in seen and trees is not None:  # traced: where its twin's text is
                    for (_, _, first), (_, _, twin) in zip(seen[key], items, strict=True):
                        if first is not None and twin is not None:
                            reader.twins.setdefault(id(first), []).append(twin)
                continue
            seen[key] = items
            reader.add_buffered(items)
    for kind, tag in (("footnotes", W_FOOTNOTE), ("endnotes", W_ENDNOTE)):
        for path in sorted({p for k, p in present if k == kind}, key=_natural):
            number = 0
            if trees is None:
                with archive.open(path) as stream:
                    for note in _notes(stream, tag):
                        number += 1
                        reader.blocks(note, _Part(kind[:-1], number), (0, 0, 0))  # type: ignore[arg-type]
                        reader.flush()
            else:
                for note in _parse(archive, path, trees).iter(tag):
                    if note.get(W_TYPE) in (None, "normal"):
                        number += 1
                        reader.blocks(note, _Part(kind[:-1], number), (0, 0, 0))  # type: ignore[arg-type]
                        reader.flush()
    reader.add_buffered(reader.boxes)
    return reader


def _natural(name: str) -> tuple[int, str]:
    digits = "".join(c for c in posixpath.basename(name) if c.isdigit())
    return (int(digits) if digits else 0, name)


def _body_blocks(stream: IO[bytes]) -> Iterator[etree._Element]:
    """Each body-level block of a main document part, dropped once the caller has read it (see
    :func:`body_paragraphs`)."""
    context = _iterparse(stream, (*_BLOCKS, MC_ALTERNATE))
    body = None
    for _, block in context:
        if body is None:
            body = _first_body(block)
            if body is None:
                block.clear()
                continue
        if block.getparent() is not body:
            continue
        yield block
        block.clear()
        while block.getprevious() is not None:
            del body[0]
    root = context.root
    if root is None or root.tag != W_DOCUMENT or root.find(W_BODY) is None:
        raise ValueError("word/document.xml has no w:document root or no w:body")

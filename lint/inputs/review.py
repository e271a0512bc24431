"""The review copy of a draft (``--format docx``): a copy of the Word file with one Word comment per
finding, anchored on exactly the flagged characters, and the safe fixes as tracked changes.

The copy is made on the package's XML with lxml: the parts are read as :func:`read_draft` reads
them (:func:`~factlint.inputs.wordml.trace_draft`), which remembers the ``w:t`` element (and
index) or mark each character of the text came from, so a span of the text read is a span of runs
in the exact part. A run is split at a span's edges, each piece keeping the run's properties
(``w:rPr``: bold, font…). Then

- each fix becomes ``w:del`` (the runs of its span, their ``w:t`` turned into ``w:delText``) and
  ``w:ins`` (a run with the replacement, the first deleted run's properties), author ``factlint``,
  dated; a fix whose span leaves one run container (a hyperlink's edge, a field, a paragraph
  break) is not written as a tracked change (counted in :attr:`Review.skipped`; its comment still
  says it);
- each comment gets ``w:commentRangeStart``/``w:commentRangeEnd`` around its span and a
  ``w:commentReference`` run after the end, its text in ``word/comments.xml`` (created, with its
  relationship and content type, when the draft has none). Word anchors comments in the main
  document only (not in headers and footers, and LibreOffice not in notes or text boxes), so a
  finding elsewhere is anchored on the body: a footnote's or endnote's on its reference mark, a
  text box's on the run holding the shape, a header's or footer's on the start of the first
  paragraph; its comment begins with the place and the flagged text (``页眉“……”：``).

factlint's own comments (author ``factlint``) already in the draft are removed first, so the review
copy of a review copy does not double them — but those around one of its tracked changes still
pending: the text reads as if the change were accepted, so their finding is not found again, and
they say why the change is there. Every part not changed is copied byte for byte; the
ids of the new comments and revisions are above every ``w:id`` in the package.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from factlint.inputs.wordml import (
    _PARSER_OPTIONS,
    MC_ALTERNATE,
    W_BR,
    W_CR,
    W_CUSTOM_XML,
    W_DEL,
    W_DOCUMENT,
    W_FLD_SIMPLE,
    W_HYPERLINK,
    W_INS,
    W_MOVE_TO,
    W_NO_BREAK_HYPHEN,
    W_P,
    W_PPR,
    W_PTAB,
    W_R,
    W_RPR,
    W_SDT_CONTENT,
    W_SMART_TAG,
    W_T,
    W_TAB,
    W_TXBX_CONTENT,
    Traced,
    W,
    _relationships,
    trace_draft,
)
from factlint.model import Span
from lxml import etree  # type: ignore[import-untyped,unused-ignore]

W_NS = W[1:-1]
W_ID = W + "id"
W_AUTHOR = W + "author"
W_DATE = W + "date"
W_INITIALS = W + "initials"
W_COMMENT = W + "comment"
W_COMMENTS = W + "comments"
W_COMMENT_START = W + "commentRangeStart"
W_COMMENT_END = W + "commentRangeEnd"
W_COMMENT_REFERENCE = W + "commentReference"
W_ANNOTATION_REF = W + "annotationRef"
W_DEL_TEXT = W + "delText"
W_BODY = W + "body"
W_SECT_PR = W + "sectPr"
W_FOOTNOTE = W + "footnote"
W_ENDNOTE = W + "endnote"
W_RPR_CHANGE = W + "rPrChange"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

AUTHOR = "factlint"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

#: the elements a run can be split inside of, and markers placed in: a paragraph and the inline
#: wrappers the reader reads through
_CONTAINERS = frozenset(
    {
        W_P,
        W_HYPERLINK,
        W_INS,
        W_MOVE_TO,
        W_SMART_TAG,
        W_CUSTOM_XML,
        W_FLD_SIMPLE,
        W_SDT_CONTENT,
        W + "dir",
        W + "bdo",
    }
)
#: what a run may hold to be deleted as a tracked change: its properties, text and text marks
_PLAIN = frozenset({W_RPR, W_T, W_TAB, W_PTAB, W_BR, W_CR, W_NO_BREAK_HYPHEN})
_RANGE_MARKS = frozenset({W + "bookmarkStart", W + "bookmarkEnd", W_COMMENT_START, W_COMMENT_END})
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SOFT_BREAK = re.compile(r"\r\n|[\r\n]")
_CODE = re.compile(r"[A-Z]\d{3}")
_QUOTE = re.compile(r"[^“]*“(.*)”：[A-Z]\d{3}")


class ReviewError(Exception):
    """A review copy that cannot be made (the text does not read back as checked)."""


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment to anchor on ``span`` of the text as read: its ``text`` (lines), and for a
    place where Word anchors no comment (a header…), the place in words and the flagged text."""

    span: Span
    text: str
    where: str = ""
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Edit:
    """A fix to write as a tracked change: ``span`` of the text as read becomes ``replacement``."""

    span: Span
    replacement: str


@dataclass
class Review:
    """The review copy's bytes, and what it holds."""

    data: bytes
    comments: int = 0
    edits: int = 0  # fixes written as tracked changes
    skipped: int = 0  # fixes that could not be (their comment says them)
    removed: int = 0  # factlint's earlier comments removed
    kept: int = 0  # factlint's earlier comments kept (around its changes still pending)


# ---- a span of the text → places in the runs ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Bound:
    """A point between runs: before ``element``, after it, or at the end of a paragraph."""

    kind: str  # "before" | "after" | "end"
    element: Any


class _Map:
    """The origin of each character of the text read (see the module documentation)."""

    def __init__(self, traced: Traced) -> None:
        self.traced = traced
        self.origins: list[list[tuple[Any, int]]] = []
        lines: list[str] = []
        for trail in traced.trails:
            raw: list[tuple[Any, int]] = []
            for element, text in trail.pieces:
                raw.extend((element, i) for i in range(len(text)))
            line = "".join(text for _, text in trail.pieces)
            shown = _SOFT_BREAK.sub("\u2028", line)
            if len(shown) != len(line):  # a CR LF read as one soft break
                kept, i = [], 0
                while i < len(line):
                    kept.append(raw[i])
                    i += 2 if line.startswith("\r\n", i) else 1
                raw = kept
            self.origins.append(raw)
            lines.append(shown)
        self.text = "\n".join(lines)
        self.starts: list[int] = []
        pos = 0
        for line in lines:
            self.starts.append(pos)
            pos += len(line) + 1
        #: a header's or footer's line read once → the same line in the other parts that hold
        #: it, mapped after the text's lines (a fix there is made in each)
        self.twins: dict[int, list[int]] = {}
        trails = list(traced.trails)
        for number, trail in enumerate(traced.trails):
            for twin in traced.twins.get(id(trail), ()):
                self.twins.setdefault(number, []).append(len(self.origins))
                self.origins.append(
                    [(element, i) for element, text in twin.pieces for i in range(len(text))]
                )
                trails.append(twin)
                self.starts.append(pos)
                pos += len(self.origins[-1]) + 1
        self.trails = trails

    def locate(self, offset: int) -> tuple[int, int]:
        line = max(0, bisect_right(self.starts, offset) - 1)
        return line, offset - self.starts[line]

    def element_at(self, offset: int) -> Any:
        """The element the character at ``offset`` came from (or its line's paragraph)."""
        line, column = self.locate(offset)
        origins = self.origins[line]
        if column < len(origins):
            return origins[column][0]
        if origins:
            return origins[-1][0]
        return self.trails[line].paragraph

    def before(self, offset: int) -> tuple[Any, int] | tuple[str, Any]:
        """The cut before the character at ``offset`` (at its line's end if it is a line break)."""
        line, column = self.locate(offset)
        origins = self.origins[line]
        if column < len(origins):
            return origins[column]
        if origins:
            element, i = origins[-1]
            return element, i + 1
        return ("end", self.trails[line].paragraph)

    def after(self, offset: int) -> tuple[Any, int] | tuple[str, Any]:
        """The cut after the character at ``offset`` (a line break: its line's end)."""
        line, column = self.locate(offset)
        origins = self.origins[line]
        if column < len(origins):
            element, i = origins[column]
            return element, i + 1
        if origins:
            element, i = origins[-1]
            return element, i + 1
        return ("end", self.trails[line].paragraph)


def _length(element: Any) -> int:
    return len(element.text or "") if element.tag == W_T else 1


class _Splitter:
    """Cuts runs at the requested points, all at once (each run from its last cut to its first,
    so the points not yet cut keep their meaning), and says where each point is then."""

    def __init__(self) -> None:
        self._requests: dict[Any, set[tuple[int, int]]] = {}  # run → {(child index, offset)}
        self.bounds: dict[tuple[int, int, int], _Bound] = {}  # (id(run), child, offset) → bound

    @staticmethod
    def _unit(element: Any) -> tuple[Any, bool]:
        """The run to split (True), or the outermost element to cut around (False)."""
        run = element.getparent()
        if run is not None and run.tag == W_R:
            parent = run.getparent()
            if parent is not None and parent.tag in _CONTAINERS:
                return run, True
        node = element
        while node.getparent() is not None and node.getparent().tag not in _CONTAINERS:
            node = node.getparent()
        return node, False

    def request(self, cut: tuple[Any, Any]) -> tuple[Any, ...]:
        """Ask for a cut (an origin ``(element, index)``, or ``("end", paragraph)``); returns the
        key :meth:`bound` takes once :meth:`run` has cut."""
        first, second = cut
        if isinstance(first, str):
            return ("end", second)
        element, index = first, int(second)
        unit, splittable = self._unit(element)
        if not splittable:
            return ("after" if index > 0 else "before", unit)
        run = unit
        child = run.index(element)
        size = _length(element)
        if index >= size:
            child, index = child + 1, 0
        self._requests.setdefault(run, set()).add((child, index))
        return ("run", id(run), child, index)

    def run(self) -> None:
        for run, cuts in self._requests.items():
            size = len(run)
            last_piece = run  # the piece the run's end is after, once cut
            for child, index in sorted(cuts, reverse=True):
                if index == 0 and child >= size:
                    continue  # the run's end: after its last piece (below)
                if index == 0 and not any(c.tag != W_RPR for c in run[:child]):
                    self.bounds[(id(run), child, index)] = _Bound("before", run)
                    continue
                piece = etree.Element(W_R)
                properties = run.find(W_RPR)
                if properties is not None:
                    piece.append(copy.deepcopy(properties))
                if index > 0:
                    text = run[child]
                    rest = etree.SubElement(piece, W_T)
                    rest.text = text.text[index:]
                    rest.set(XML_SPACE, "preserve")
                    text.text = text.text[:index]
                    text.set(XML_SPACE, "preserve")
                    moved = list(run)[child + 1 :]
                else:
                    moved = list(run)[child:]
                for element in moved:
                    piece.append(element)
                run.addnext(piece)
                if last_piece is run:  # the first cut made is the last: later ones go before it
                    last_piece = piece
                self.bounds[(id(run), child, index)] = _Bound("before", piece)
            for child, index in cuts:
                if index == 0 and child >= size:
                    self.bounds[(id(run), child, index)] = _Bound("after", last_piece)

    def bound(self, key: tuple[Any, ...]) -> _Bound:
        if key[0] == "run":
            return self.bounds[(key[1], key[2], key[3])]
        if key[0] == "end":
            return _Bound("end", key[1])
        return _Bound(key[0], key[1])


# ---- the review copy ------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _INVALID_XML.sub("\ufffd", text)


def _text_runs(parent: Any, text: str, properties: Any, *, deleted: bool = False) -> None:
    """Append to ``parent`` one run of ``text`` (tabs as ``w:tab``, soft breaks as ``w:br``)."""
    run = etree.SubElement(parent, W_R)
    if properties is not None:
        kept = copy.deepcopy(properties)
        for change in kept.findall(W_RPR_CHANGE):
            kept.remove(change)
        run.append(kept)
    for i, chunk in enumerate(re.split("([\t\u2028])", _clean(text))):
        if i % 2:
            etree.SubElement(run, W_TAB if chunk == "\t" else W_BR)
        elif chunk:
            t = etree.SubElement(run, W_DEL_TEXT if deleted else W_T)
            t.text = chunk
            t.set(XML_SPACE, "preserve")


class _Writer:
    def __init__(self, traced: Traced, date: str, first_id: int) -> None:
        self.traced = traced
        self.date = date
        self.next_id = first_id
        self.dels: dict[Any, Any] = {}  # our w:del → the w:ins after it (or None)
        self.dirty: set[str] = set()
        self.parts = {id(root): name for name, root in traced.trees.items()}
        self._first: tuple[Any, Any] | None = None
        self.kept = 0
        self.insertions: list[Any] = []  # our w:ins, in the order written

    def new_id(self) -> str:
        self.next_id += 1
        return str(self.next_id - 1)

    def revision(self, tag: str) -> Any:
        element = etree.Element(tag)
        element.set(W_ID, self.new_id())
        element.set(W_AUTHOR, AUTHOR)
        element.set(W_DATE, self.date)
        if tag == W_INS:
            self.insertions.append(element)
        return element

    def unnest(self) -> None:
        """Take each of our insertions out of another author's insertion it was written in (Word
        repairs a w:ins inside a w:ins): that one is split around ours, its second half under a
        new id. Our deletions stay inside it, as Word writes another's inserted text deleted."""
        for insertion in self.insertions:
            while (outer := insertion.getparent()) is not None and outer.tag == W_INS:
                rest = list(insertion.itersiblings())
                outer.addnext(insertion)
                if rest:
                    second = etree.Element(W_INS, attrib=dict(outer.attrib))
                    second.set(W_ID, self.new_id())
                    second.extend(rest)
                    insertion.addnext(second)
                if not len(outer):
                    outer.getparent().remove(outer)

    def touch(self, element: Any) -> None:
        name = self.parts.get(id(element.getroottree().getroot()))
        if name is not None:
            self.dirty.add(name)

    # -- points
    def resolve(self, bound: _Bound) -> tuple[Any, Any]:
        """(container, the element the point is before, or None: the container's end)."""
        element = bound.element
        if bound.kind == "end":
            return element, None
        if bound.kind == "before":
            while (parent := element.getparent()) in self.dels and parent[0] is element:
                element = parent
            return element.getparent(), element
        while (parent := element.getparent()) in self.dels and parent[-1] is element:
            element = parent
        if element in self.dels and self.dels[element] is not None:
            element = self.dels[element]
        return element.getparent(), element.getnext()

    @staticmethod
    def put(point: tuple[Any, Any], element: Any) -> None:
        container, before = point
        if before is None:
            container.append(element)
        else:
            before.addprevious(element)

    # -- tracked changes
    def edit(self, start: _Bound, end: _Bound | None, replacement: str, expected: str) -> bool:
        """Write one fix as a tracked change; False where its span is not plain runs of one
        container reading ``expected``."""
        if "\n" in replacement or "\n" in expected:
            return False
        container, first = self.resolve(start)
        if end is None:  # an insertion
            if not replacement:
                return False
            ins = self.revision(W_INS)
            before = (
                first.getprevious()
                if first is not None
                else (container[-1] if len(container) else None)
            )
            model = before if before is not None and before.tag == W_R else first
            properties = model.find(W_RPR) if model is not None and model.tag == W_R else None
            _text_runs(ins, replacement, properties)
            self.put((container, first), ins)
            self.touch(ins)
            return True
        end_container, stop = self.resolve(end)
        if first is None or end_container is not container:
            return False
        runs: list[Any] = []
        node = first
        while node is not None and node is not stop:
            if node.tag == W_R:
                if any(child.tag not in _PLAIN for child in node):
                    return False
                runs.append(node)
            elif node.tag not in _RANGE_MARKS:
                return False
            node = node.getnext()
        if node is not stop or not runs:
            return False
        text = "".join(
            (child.text or "")
            if child.tag == W_T
            else "\t"
            if child.tag in (W_TAB, W_PTAB)
            else "-"
            if child.tag == W_NO_BREAK_HYPHEN
            else "\u2028"
            if child.tag == W_CR
            or (child.tag == W_BR and child.get(W + "type") in (None, "textWrapping"))
            else ""
            for run in runs
            for child in run
        )
        if text != expected:
            return False
        deletion = self.revision(W_DEL)
        first.addprevious(deletion)
        node = first
        while node is not None and node is not stop:
            following = node.getnext()
            deletion.append(node)
            node = following
        for t in deletion.iter(W_T):
            t.tag = W_DEL_TEXT
            t.set(XML_SPACE, "preserve")
        insertion = None
        if replacement:
            insertion = self.revision(W_INS)
            _text_runs(insertion, replacement, runs[0].find(W_RPR))
            deletion.addnext(insertion)
        self.dels[deletion] = insertion
        self.touch(deletion)
        return True

    # -- comments
    def anchor(self, comment_id: str, start: tuple[Any, Any], end: tuple[Any, Any]) -> None:
        """commentRangeStart at ``start``, commentRangeEnd at ``end`` and the reference run."""
        opening = etree.Element(W_COMMENT_START)
        opening.set(W_ID, comment_id)
        closing = etree.Element(W_COMMENT_END)
        closing.set(W_ID, comment_id)
        self.put(start, opening)
        self.put(end, closing)
        reference = etree.Element(W_R)
        etree.SubElement(reference, W_COMMENT_REFERENCE).set(W_ID, comment_id)
        holder = closing
        while holder.getparent() is not None and holder.getparent().tag in (
            W_INS,
            W_DEL,
            W_MOVE_TO,
        ):
            holder = holder.getparent()  # the reference is no part of a revision
        holder.addnext(reference)
        self.touch(opening)
        self.touch(closing)

    def body_point(self, element: Any) -> tuple[tuple[Any, Any], tuple[Any, Any]] | None:
        """Where a finding outside the body's running text is anchored in the body: a note's
        reference mark, a text box's shape, else None."""
        main = self.traced.trees[self.traced.main]
        node = element
        note = None
        while node is not None:
            if node.tag in (W_FOOTNOTE, W_ENDNOTE):
                note = node
            node = node.getparent()
        if note is not None:
            tag = W + ("footnoteReference" if note.tag == W_FOOTNOTE else "endnoteReference")
            for mark in main.iter(tag):
                if mark.get(W_ID) == note.get(W_ID):
                    run = mark.getparent()
                    return self._around(run)
            return None
        control = _block_control(element) if element.getroottree().getroot() is main else None
        if control is not None:  # the paragraph after the control, else before it
            for sibling in (*control.itersiblings(), *control.itersiblings(preceding=True)):
                if sibling.tag == W_P:
                    point = _paragraph_start(sibling)
                    return point, point
            return None
        if element.getroottree().getroot() is main:
            outer = None
            node = element.getparent()
            while node is not None:
                if node.tag == W_R:
                    outer = node
                node = node.getparent()
            if outer is not None:
                return self._around(outer)
        return None

    @staticmethod
    def _around(element: Any) -> tuple[tuple[Any, Any], tuple[Any, Any]] | None:
        node = element
        while node.getparent() is not None and node.getparent().tag not in _CONTAINERS:
            node = node.getparent()
        if node.getparent() is None:
            return None
        return (node.getparent(), node), (node.getparent(), node.getnext())

    def first_paragraph(self) -> tuple[Any, Any]:
        """The start of the body's first paragraph (one point for every comment put there)."""
        if self._first is None:
            main = self.traced.trees[self.traced.main]
            body = main.find(W_BODY)
            paragraph = next(
                (p for p in body.iter(W_P) if _block_control(p) is None),
                None,
            )
            if paragraph is None:
                paragraph = etree.Element(W_P)
                sections = body.find(W_SECT_PR)
                if sections is not None:
                    sections.addprevious(paragraph)
                else:
                    body.append(paragraph)
            self._first = _paragraph_start(paragraph)
        return self._first


def _paragraph_start(paragraph: Any) -> tuple[Any, Any]:
    if len(paragraph) and paragraph[0].tag == W_PPR:
        return paragraph, paragraph[0].getnext()
    return paragraph, (paragraph[0] if len(paragraph) else None)


def _in_running_body(element: Any, main: Any) -> bool:
    """Whether a comment can be anchored right at ``element``: in the main document, outside
    text boxes and block-level content controls (where LibreOffice drops the text before a
    comment's mark)."""
    if element.getroottree().getroot() is not main:
        return False
    return _block_control(element) is None and not any(
        node.tag == W_TXBX_CONTENT or node.tag == MC_ALTERNATE for node in element.iterancestors()
    )


def _block_control(element: Any) -> Any:
    """The outermost block-level content control (``w:sdt`` holding paragraphs) around
    ``element``, or None."""
    found = None
    for node in element.iterancestors(W + "sdt"):
        content = node.find(W_SDT_CONTENT)
        if content is not None and (
            content.find(W_P) is not None or content.find(W + "tbl") is not None
        ):
            found = node
    return found


def _max_id(archive: zipfile.ZipFile, trees: Sequence[Any]) -> int:
    """The largest ``w:id`` in the package: in the parts read (whatever their prefix for the
    namespace), and in the others' text."""
    top = 0
    for root in trees:
        for element in root.iter():
            value = element.get(W_ID) if isinstance(element.tag, str) else None
            if value is not None and value.lstrip("-").isdigit():
                top = max(top, int(value))
    for name in archive.namelist():
        if name.endswith((".xml", ".rels")) and name.startswith("word/"):
            data = archive.read(name)
            for match in re.finditer(rb':id="(-?\d+)"', data):
                top = max(top, int(match.group(1)))
    return top


def _serialise(root: Any) -> bytes:
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def _parse_bytes(data: bytes) -> Any:
    return etree.fromstring(data, etree.XMLParser(**_PARSER_OPTIONS))


def review_docx(
    data: bytes,
    text: str,
    comments: Sequence[Comment],
    edits: Sequence[Edit],
    *,
    date: str,
) -> Review:
    """The review copy of the Word file ``data`` whose text as read is ``text`` (ReviewError if
    it does not read so): ``comments`` anchored, ``edits`` as tracked changes (see the module
    documentation). ``date`` is the revisions' and comments' ``w:date`` (``2026-01-31T09:00:00Z``)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        traced = trace_draft(archive)
        mapping = _Map(traced)
        if mapping.text != text:
            raise ReviewError("the Word file does not read as the text checked")
        writer = _Writer(traced, date, _max_id(archive, list(traced.trees.values())) + 1)
        related = _relationships(archive, traced.main)
        comments_part = next((p for k, p in related if k == "comments"), None)
        if comments_part is not None and comments_part not in archive.NameToInfo:
            comments_part = None
        comments_root = (
            _parse_bytes(archive.read(comments_part)) if comments_part is not None else None
        )
        out = Review(b"")
        extra: dict[str, bytes] = {}
        if comments_root is not None:
            fresh = [
                (
                    c.text.split(" ", 1)[0],
                    {
                        mapping.element_at(o)
                        for o in range(c.span.start, max(c.span.end, c.span.start + 1))
                        if o < len(text)
                    },
                    f"{c.where}“{c.quote}”：{c.text.split(' ', 1)[0]}",
                )
                for c in comments
            ]
            out.removed = _remove_own(writer, comments_root, archive, related, extra, fresh)
            out.kept = writer.kept
        main = traced.trees[traced.main]

        # every cut first, then the tracked changes, then the comments
        splitter = _Splitter()
        planned_edits = []
        for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
            expected = text[edit.span.start : edit.span.end]
            line, _ = mapping.locate(edit.span.start)
            shifts = [0]
            if mapping.locate(edit.span.end)[0] == line:  # the same fix in a twin header
                shifts += [
                    mapping.starts[t] - mapping.starts[line] for t in mapping.twins.get(line, ())
                ]
            for shift in shifts:
                span = Span(edit.span.start + shift, edit.span.end + shift)
                start = splitter.request(mapping.before(span.start))
                end = (
                    splitter.request(mapping.after(span.end - 1)) if span.end > span.start else None
                )
                planned_edits.append((edit, start, end, expected))
        planned_comments: list[
            tuple[Comment, Any, tuple[Any, ...] | None, tuple[Any, ...] | None]
        ] = []
        for comment in sorted(comments, key=lambda c: (c.span.start, c.span.end)):
            span = comment.span
            start_element = mapping.element_at(span.start)
            direct = _in_running_body(start_element, main)
            if direct and span.end > span.start:
                if not _in_running_body(mapping.element_at(span.end - 1), main):
                    line, _ = mapping.locate(span.start)  # ends elsewhere: to its line's end
                    span = Span(span.start, mapping.starts[line] + len(mapping.origins[line]))
            if direct:
                first = splitter.request(mapping.before(span.start))
                last = (
                    splitter.request(mapping.after(span.end - 1))
                    if span.end > span.start
                    else first
                )
                planned_comments.append((comment, start_element, first, last))
            else:
                planned_comments.append((comment, start_element, None, None))
        splitter.run()
        for edit, start, end, expected in planned_edits:
            done = writer.edit(
                splitter.bound(start),
                splitter.bound(end) if end is not None else None,
                edit.replacement,
                expected,
            )
            if done:
                out.edits += 1
            else:
                out.skipped += 1
        if comments:
            if comments_root is None:
                comments_root = etree.Element(W_COMMENTS, nsmap={"w": W_NS})
            for comment, element, opening, closing in planned_comments:
                comment_id = writer.new_id()
                body = comment.text
                if opening is not None and closing is not None:
                    start_point = writer.resolve(splitter.bound(opening))
                    end_point = writer.resolve(splitter.bound(closing))
                    writer.anchor(comment_id, start_point, end_point)
                else:
                    points = writer.body_point(element)
                    if points is None:
                        point = writer.first_paragraph()
                        points = (point, point)
                    writer.anchor(comment_id, *points)
                    head = f"{comment.where}“{comment.quote}”" if comment.quote else comment.where
                    if not comment.quote and not comment.where:
                        head = ""
                    body = f"{head}：{body}" if head else body
                _add_comment(comments_root, comment_id, body, date)
                out.comments += 1
        writer.unnest()
        new_parts: dict[str, bytes] = dict(extra)
        for name in writer.dirty:
            new_parts[name] = _serialise(traced.trees[name])
        added: dict[str, bytes] = {}
        if comments_root is not None and (comments or out.removed):
            if comments_part is None:
                comments_part = _free_name(archive, "word/comments.xml")
                added[comments_part] = _serialise(comments_root)
                rels_name, rels = _relationship_added(archive, traced.main, comments_part)
                (added if rels_name not in archive.NameToInfo else new_parts)[rels_name] = rels
                new_parts["[Content_Types].xml"] = _content_type_added(archive, comments_part)
            else:
                new_parts[comments_part] = _serialise(comments_root)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy_:
            for info in archive.infolist():
                member = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                member.compress_type = zipfile.ZIP_DEFLATED
                member.external_attr = info.external_attr
                copy_.writestr(member, new_parts.get(info.filename) or archive.read(info.filename))
            for name, content in added.items():
                copy_.writestr(name, content)
        out.data = buffer.getvalue()
        return out


def _add_comment(root: Any, comment_id: str, text: str, date: str) -> None:
    comment = etree.SubElement(root, W_COMMENT)
    comment.set(W_ID, comment_id)
    comment.set(W_AUTHOR, AUTHOR)
    comment.set(W_DATE, date)
    comment.set(W_INITIALS, "FL")
    for i, line in enumerate(text.split("\n")):
        paragraph = etree.SubElement(comment, W_P)
        if i == 0:
            etree.SubElement(etree.SubElement(paragraph, W_R), W_ANNOTATION_REF)
        t = etree.SubElement(etree.SubElement(paragraph, W_R), W_T)
        t.text = _clean(line)
        t.set(XML_SPACE, "preserve")


def _remove_own(
    writer: _Writer,
    comments_root: Any,
    archive: zipfile.ZipFile,
    related: list[tuple[str, str]],
    extra: dict[str, bytes],
    fresh: list[tuple[str, set[Any], str]],
) -> int:
    """Remove factlint's earlier comments — but those of a tracked change of factlint's still
    pending, which say why it is there, when their finding is not found again (the text reads
    as if the change were accepted) — from the comments part, their marks from every part read,
    and their entries from Word's comment extension parts. The number removed.

    A comment on its text is of a change inside its range, and found again when a ``fresh``
    comment (code, the text elements of its span, head) of its code covers some of that text; a
    comment anchored away from its text (a header's…) is of a pending change whose deleted text
    is in the text it quotes, and found again when a fresh comment has its head (``页眉“,”：P101``)."""
    pending = _explaining(writer.traced.trees.values())
    deleted = [
        "".join(element.itertext())
        for root in writer.traced.trees.values()
        for element in root.iter(W_DEL)
        if element.get(W_AUTHOR) == AUTHOR
    ]
    ids: set[str] = set()
    paragraphs: set[str] = set()
    ranges = _ranges(writer.traced.trees.values())
    for comment in list(comments_root):
        if comment.tag == W_COMMENT and comment.get(W_AUTHOR) == AUTHOR:
            first = comment.find(W_P)
            head = "".join(t.text or "" for t in first.iter(W_T)) if first is not None else ""
            code = _CODE.search(head)
            inside = ranges.get(comment.get(W_ID) or "", set())
            if inside:
                found_again = code is not None and any(
                    new_code == code.group() and elements & inside
                    for new_code, elements, _ in fresh
                )
                explains = comment.get(W_ID) in pending
            else:  # anchored away from its text
                found_again = any(head.startswith(key) for _, _, key in fresh)
                quote = _QUOTE.match(head)
                explains = quote is not None and any(d and d in quote.group(1) for d in deleted)
            if explains and not found_again:
                writer.kept += 1
                continue
            ids.add(comment.get(W_ID) or "")
            for paragraph in comment.iter(W_P):
                for name, value in paragraph.attrib.items():
                    if name.endswith("}paraId"):
                        paragraphs.add(value)
            comments_root.remove(comment)
    if not ids:
        return 0
    for name, root in writer.traced.trees.items():
        doomed = [
            mark
            for mark in root.iter(W_COMMENT_START, W_COMMENT_END, W_COMMENT_REFERENCE)
            if mark.get(W_ID) in ids
        ]
        for mark in doomed:
            parent = mark.getparent()
            parent.remove(mark)
            if (
                mark.tag == W_COMMENT_REFERENCE
                and parent.tag == W_R
                and all(child.tag == W_RPR for child in parent)
                and parent.getparent() is not None
            ):
                parent.getparent().remove(parent)
            writer.dirty.add(name)
    durable: set[str] = set()
    for kind in ("commentsExtended", "commentsIds", "commentsExtensible"):
        for found, path in related:
            if found != kind or path not in archive.NameToInfo:
                continue
            root = _parse_bytes(archive.read(path))
            for entry in list(root):
                values = {k.rsplit("}", 1)[-1]: v for k, v in entry.attrib.items()}
                if values.get("paraId") in paragraphs or values.get("durableId") in durable:
                    if "durableId" in values:
                        durable.add(values["durableId"])
                    root.remove(entry)
            extra[path] = _serialise(root)
    return len(ids)


def _explaining(roots: Any) -> set[str]:
    """The ids of the comments whose range holds a tracked change of factlint's."""
    out: set[str] = set()
    for element, open_ in _in_ranges(roots, W_DEL, W_INS):
        if element.get(W_AUTHOR) == AUTHOR:
            out |= open_
    return out


def _ranges(roots: Any) -> dict[str, set[Any]]:
    """The text elements (``w:t``, ``w:delText``) inside each comment's range."""
    out: dict[str, set[Any]] = {}
    for element, open_ in _in_ranges(roots, W_T, W_DEL_TEXT):
        for comment_id in open_:
            out.setdefault(comment_id, set()).add(element)
    return out


def _in_ranges(roots: Any, *tags: str) -> Iterator[tuple[Any, set[str]]]:
    """Each element of ``tags`` in document order, with the ids of the comment ranges open there."""
    for root in roots:
        open_: set[str] = set()
        for element in root.iter(W_COMMENT_START, W_COMMENT_END, *tags):
            if element.tag == W_COMMENT_START:
                open_.add(element.get(W_ID) or "")
            elif element.tag == W_COMMENT_END:
                open_.discard(element.get(W_ID) or "")
            else:
                yield element, open_


def _free_name(archive: zipfile.ZipFile, name: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    n = 1
    while name in archive.NameToInfo:
        n += 1
        name = f"{stem}{n}{dot}{suffix}"
    return name


def _relationship_added(archive: zipfile.ZipFile, main: str, target: str) -> tuple[str, bytes]:
    folder, base = main.rsplit("/", 1) if "/" in main else ("", main)
    rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    if rels_name in archive.NameToInfo:
        root = _parse_bytes(archive.read(rels_name))
    else:
        root = etree.Element(
            _RELS + "Relationships",
            nsmap={None: "http://schemas.openxmlformats.org/package/2006/relationships"},
        )
    taken = {element.get("Id") for element in root}
    n = 1
    while f"rId{n}" in taken:
        n += 1
    relation = etree.SubElement(root, _RELS + "Relationship")
    relation.set("Id", f"rId{n}")
    relation.set("Type", COMMENTS_TYPE)
    prefix = folder + "/" if folder else ""
    relation.set("Target", target[len(prefix) :] if target.startswith(prefix) else "/" + target)
    return rels_name, _serialise(root)


def _content_type_added(archive: zipfile.ZipFile, part: str) -> bytes:
    root = _parse_bytes(archive.read("[Content_Types].xml"))
    override = etree.SubElement(root, _CT + "Override")
    override.set("PartName", "/" + part)
    override.set("ContentType", COMMENTS_CONTENT)
    return _serialise(root)


# ---- a text file's review copy --------------------------------------------------------------------

_LINES = re.compile(r"\r\n|\r|\n")
_PACKAGE = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    ),
    "word/_rels/document.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/styles" Target="styles.xml"/></Relationships>'
    ),
    "word/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="SimSun"/>'
        '<w:sz w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>'
        "</w:docDefaults></w:styles>"
    ),
}


def docx_of_text(text: str) -> tuple[bytes, str, list[int]]:
    """A new Word file of a text's lines (one paragraph each, tabs as tabs), the text it reads as,
    and where each line of ``text`` starts in that text (to move spans over)."""
    document = etree.Element(W_DOCUMENT, nsmap={"w": W_NS})
    body = etree.SubElement(document, W_BODY)
    starts: list[int] = []
    lines: list[str] = []
    pos = 0
    for line in _LINES.split(text):
        starts.append(pos)
        line = _clean(line)
        lines.append(line)
        pos += len(line) + 1
        paragraph = etree.SubElement(body, W_P)
        if line:
            _text_runs(paragraph, line, None)
    sections = etree.SubElement(body, W_SECT_PR)
    size = etree.SubElement(sections, W + "pgSz")
    size.set(W + "w", "11906")
    size.set(W + "h", "16838")
    margins = etree.SubElement(sections, W + "pgMar")
    for side, value in (("top", 1440), ("right", 1800), ("bottom", 1440), ("left", 1800)):
        margins.set(W + side, str(value))
    for side in ("header", "footer", "gutter"):
        margins.set(W + side, "0" if side == "gutter" else "851")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _PACKAGE["[Content_Types].xml"])
        package.writestr("_rels/.rels", _PACKAGE["_rels/.rels"])
        package.writestr("word/document.xml", _serialise(document))
        package.writestr("word/_rels/document.xml.rels", _PACKAGE["word/_rels/document.xml.rels"])
        package.writestr("word/styles.xml", _PACKAGE["word/styles.xml"])
    read = "\n".join(_SOFT_BREAK.sub("\u2028", line) for line in lines)
    return buffer.getvalue(), read, starts


def review_text(
    text: str, comments: Sequence[Comment], edits: Sequence[Edit], *, date: str
) -> Review:
    """The review copy of a text document: a new Word file of its lines (:func:`docx_of_text`)
    with the comments and tracked changes, the spans moved over line by line."""
    data, read, new_starts = docx_of_text(text)
    old_starts = [0] + [m.end() for m in _LINES.finditer(text)]
    ends = [m.start() for m in _LINES.finditer(text)] + [len(text)]

    def move(offset: int) -> int:
        line = max(0, bisect_right(old_starts, offset) - 1)
        column = min(offset, ends[line]) - old_starts[line]
        return new_starts[line] + column

    def moved(span: Span) -> Span:
        start, end = move(span.start), move(span.end)
        return Span(start, max(start, end))

    return review_docx(
        data,
        read,
        [Comment(moved(c.span), c.text, c.where, c.quote) for c in comments],
        [Edit(moved(e.span), e.replacement) for e in edits if "\r" not in e.replacement],
        date=date,
    )

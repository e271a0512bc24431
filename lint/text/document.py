"""The Document: decoded text exactly as read, plus lazily built views shared by all rules."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, overload

from factlint.model import Span
from factlint.text.formats import PLAIN, TextFormat
from factlint.text.places import Place, Places
from factlint.text.views import View, Viewed

if TYPE_CHECKING:
    import regex
    from factlint.text.blocks import Block

# regex, the blocks and the patterns are imported by the views that use them: a document read
# (an empty file, say) imports none of them until a view of it is built

#: A sentence: a run up to its final marks and closing quotes. Possessive and with an optional end,
#: so that a long stretch without any final mark costs linear time (it is cut every 5,000 characters).
_SENTENCE = r"[^。！？!?…]{1,5000}+(?:[。！？!?…]{1,6}+[”’）)」』]{0,3}+)?"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document: its span, and the block it belongs to."""

    span: Span
    block: int  # index of the block it belongs to
    #: the document's text, shared, not a copy (a sentence's own text is read by few rules):
    #: :attr:`text` is cut from it when read
    source: str = field(repr=False)

    @property
    def text(self) -> str:
        """The sentence's text (white space at its ends left out)."""
        return self.source[self.span.start : self.span.end]


T = TypeVar("T")

# The slots of Span and Sentence, set directly by _sentence: a text has a sentence every 50
# characters or so, and the offsets it computes need no check (1 µs a sentence saved).
_SET_START = vars(Span)["start"].__set__
_SET_END = vars(Span)["end"].__set__
_SET_SPAN = vars(Sentence)["span"].__set__
_SET_SOURCE = vars(Sentence)["source"].__set__
_SET_BLOCK = vars(Sentence)["block"].__set__


class Document(Viewed):
    """One input: its display path, its text, its format, and views computed once on first use.

    The text is never changed: every view refers to it by code-point offsets. The format comes
    with the text from the input that decoded it (:mod:`factlint.inputs`); nothing here looks at
    the path.
    """

    def __init__(
        self, path: str, text: str, format: TextFormat = PLAIN, places: Places | None = None
    ) -> None:
        self.path = path
        self.text = text
        self.format = format
        #: where each line is in the file it was read from (a Word file's parts; none for text)
        self.places = places if places is not None else Places()
        #: the prose blocks' (start, end), keyed by the blocks they were read from
        self._prose_spans: tuple[tuple[Block, ...], list[tuple[int, int]]] | None = None
        self._start_views()

    @property
    def markdown(self) -> bool:
        """Markdown syntax applies: code, tables, link targets and comments are not prose."""
        return self.format.markdown

    @property
    def paragraph_per_line(self) -> bool:
        """Every line is a paragraph of its own (a Word file): no line is a layout wrap."""
        return self.format.paragraph_per_line

    def computed_views(self, views: Iterable[View[Document, Any]]) -> dict[str, Any]:
        """Those of ``views`` already built, by name (what a worker process sends back)."""
        return {v.name: self._views[v.name] for v in views if v.name in self._views}

    def install_views(self, values: dict[str, Any]) -> None:
        """Views built elsewhere (by a worker, on the same text): kept where not built here."""
        for name, value in values.items():
            self._views.setdefault(name, value)

    def release_views(self, keep: Container[str] = ()) -> None:
        super().release_views(keep)
        if BLOCKS.name not in keep:
            self._prose_spans = None

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.text)} chars)"

    # ---- positions -------------------------------------------------------------------------
    @cached_property
    def line_starts(self) -> array[int]:
        """The offset where each line starts (an array: 8 bytes a line, not an int object)."""
        import regex

        starts = array("q", [0])
        starts.extend(m.end() for m in regex.finditer(r"\r\n|\r|\n", self.text))
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; columns count characters."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def place(self, line: int) -> Place | None:
        """Where a 1-based line is in the file it was read from, if the input said."""
        return self.places.at(line)

    def line_text(self, line: int) -> str:
        """The physical line (1-based) without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    # ---- the text's own views ---------------------------------------------------------------
    @property
    def blocks(self) -> tuple[Block, ...]:
        """Paragraphs, headings and other units of the text (:data:`BLOCKS`)."""
        return self.view(BLOCKS)

    @property
    def sentences(self) -> Sentences:
        """The sentences of the prose blocks (:data:`SENTENCES`)."""
        return self.view(SENTENCES)

    @property
    def protected(self) -> tuple[Span, ...]:
        """Spans no punctuation or spacing rule may touch (:data:`PROTECTED`)."""
        return self.view(PROTECTED).spans

    def is_protected(self, offset: int) -> bool:
        return self.view(PROTECTED).covers(offset)

    def prose_matches(
        self,
        pattern: regex.Pattern[str],
        protected_at: int | str = 0,
        *,
        needs: regex.Pattern[str] | None = None,
    ) -> Iterator[regex.Match[str]]:
        """The matches of ``pattern`` in the prose blocks, in text order.

        Each block is searched on its own (``pattern.finditer(text, block start, block end)``),
        so a match never crosses a block boundary, its offsets are offsets of `text`, and its
        ``pos`` is the start of its block. A match is left out when its group ``protected_at``
        (a group number or name; by default 0, the whole match) starts in a protected span.
        ``needs``, a simple pattern that every match of ``pattern`` contains (its one rare
        literal: a unit symbol, a ``/``), is searched first: a block without it is skipped, which
        is much cheaper than trying ``pattern`` at each of its positions.
        A rule that uses it reads :data:`BLOCKS` and :data:`PROTECTED`.
        """
        text = self.text
        protected = self.view(PROTECTED)
        blocks = self.blocks
        spans = self._prose_spans
        if spans is None or spans[0] is not blocks:  # computed once per document: many rules ask
            spans = self._prose_spans = (
                blocks,
                [(b.span.start, b.span.end) for b in blocks if b.is_prose],
            )
        prose = spans[1]
        if needs is not None:
            search = needs.search
            prose = [(start, end) for start, end in prose if search(text, start, end) is not None]
        if not protected.starts:
            for start, end in prose:
                yield from pattern.finditer(text, start, end)
            return
        for start, end in prose:
            for m in pattern.finditer(text, start, end):
                if not protected.covers(m.start(protected_at)):
                    yield m


T_co = TypeVar("T_co", covariant=True)


class ColumnSequence(Sequence[T_co]):
    """A read-only sequence kept in columns (arrays), each item made when it is read
    (:meth:`_at`): indexable like a tuple (negative indexes, slices as tuples), equal to the tuple
    of its items, hashed and shown as that tuple. :class:`Sentences` and the enumerations' lists
    and items are such sequences."""

    __slots__ = ()

    def _at(self, i: int) -> T_co:
        """Item ``i`` (0 <= i < len(self)), made from the columns."""
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T_co: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T_co, ...]: ...

    def __getitem__(self, index: int | slice) -> T_co | tuple[T_co, ...]:
        positions = range(len(self))
        if isinstance(index, slice):
            return tuple(self._at(i) for i in positions[index])
        return self._at(positions[index])  # negative indexes, IndexError

    def __eq__(self, other: object) -> bool:
        if isinstance(other, type(self) | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class Sentences(ColumnSequence[Sentence]):
    """The sentences of a document, stored in columns: the start, end and block index of each in
    arrays (24 bytes a sentence). A :class:`Sentence` is made when read, so a text's sentences
    (one every 40 characters) cost 24 bytes each instead of a Sentence, a Span and two ints
    (~170 bytes): 4 bytes a character of a 10 MB document."""

    __slots__ = ("_blocks", "_ends", "_source", "_starts")

    def __init__(self, source: str, starts: array[int], ends: array[int], blocks: array[int]):
        self._source = source
        self._starts = starts
        self._ends = ends
        self._blocks = blocks

    def __len__(self) -> int:
        return len(self._starts)

    def _at(self, i: int) -> Sentence:
        return _sentence(self._starts[i], self._ends[i], self._blocks[i], self._source)

    def __iter__(self) -> Iterator[Sentence]:
        source = self._source
        for start, end, block in zip(self._starts, self._ends, self._blocks, strict=True):
            yield _sentence(start, end, block, source)

    def starts(self) -> array[int]:
        """The start of each sentence, in order, without making Sentence objects."""
        return self._starts

    def ends(self) -> array[int]:
        """The end of each sentence, in order, without making Sentence objects."""
        return self._ends

    def block_indexes(self) -> array[int]:
        """The index of each sentence's block, in order, without making Sentence objects."""
        return self._blocks

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sentences):
            return (self._starts, self._ends, self._blocks) == (
                other._starts,
                other._ends,
                other._blocks,
            ) and (self._source is other._source or self._source == other._source)
        return super().__eq__(other)

    __hash__ = ColumnSequence.__hash__

    def __reduce__(self) -> tuple[object, ...]:
        return (Sentences, (self._source, self._starts, self._ends, self._blocks))


def _sentence(start: int, end: int, block: int, source: str) -> Sentence:
    """Sentence(Span(start, end), block, source), without the checks (a Sentence is made each
    time one is read: 0.3 µs instead of 1.5)."""
    new = object.__new__
    span = new(Span)
    _SET_START(span, start)
    _SET_END(span, end)
    sentence = new(Sentence)
    _SET_SPAN(sentence, span)
    _SET_BLOCK(sentence, block)
    _SET_SOURCE(sentence, source)
    return sentence


def _sentences(doc: Document) -> Sentences:
    import regex

    sentence = regex.compile(_SENTENCE)
    starts = array("q")
    ends = array("q")
    blocks = array("q")
    for block in doc.blocks:
        if not block.is_prose:
            continue
        base, index = block.span.start, block.index
        for m in sentence.finditer(block.text):
            raw = m.group()
            stripped = raw.strip()
            if not stripped:
                continue
            start = base + m.start() + len(raw) - len(raw.lstrip())
            starts.append(start)
            ends.append(start + len(stripped))
            blocks.append(index)
    return Sentences(doc.text, starts, ends, blocks)


@dataclass(frozen=True, slots=True)
class Protected:
    """The protected spans in text order, and an index of their disjoint union."""

    spans: tuple[Span, ...]
    starts: list[int]
    ends: list[int]

    def covers(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]

    def touches(self, start: int, end: int) -> bool:
        """Some protected span covers an offset of [start, end)."""
        i = bisect_right(self.starts, start) - 1
        return (i >= 0 and self.ends[i] > start) or (
            i + 1 < len(self.starts) and self.starts[i + 1] < end
        )


def _protected(doc: Document) -> Protected:
    """URLs, e-mail addresses, and in Markdown code, link targets, comments and tables."""
    from factlint.text.blocks import BlockKind
    from factlint.text.patterns import EMAIL, HTML_COMMENT, MD_CODE_SPAN, MD_LINK_TARGET, URL

    spans: list[Span] = []
    patterns = [URL, EMAIL]
    if doc.markdown:
        patterns += [MD_CODE_SPAN, MD_LINK_TARGET, HTML_COMMENT]
    for pattern in patterns:
        spans.extend(Span(m.start(), m.end()) for m in pattern.finditer(doc.text))
    if doc.markdown:
        spans.extend(b.span for b in doc.blocks if b.kind in (BlockKind.CODE, BlockKind.TABLE))
    spans.sort()
    starts: list[int] = []
    ends: list[int] = []
    for span in spans:  # sorted by start; merge overlaps into disjoint runs
        if ends and span.start <= ends[-1]:
            ends[-1] = max(ends[-1], span.end)
        else:
            starts.append(span.start)
            ends.append(span.end)
    return Protected(tuple(spans), starts, ends)


def _blocks(doc: Document) -> tuple[Block, ...]:
    from factlint.text.blocks import segment

    return segment(
        doc.text,
        markdown=doc.markdown,
        paragraph_per_line=doc.paragraph_per_line,
        standalone=doc.places.standalone_lines() if doc.places else None,
    )


#: characters of the text encoded at a time by :func:`_digest`
_DIGEST_SLICE = 1 << 16


def _digest(doc: Document) -> bytes:
    """The BLAKE2b digest (16 bytes) of the text's UTF-8 (lone surrogates kept: ``surrogatepass``),
    encoded a slice at a time: the whole text encoded at once is a second copy of a 10 MB document,
    made while the run's views are alive (it was the peak of such a run)."""
    import hashlib

    text = doc.text
    digest = hashlib.blake2b(digest_size=16)
    for at in range(0, len(text), _DIGEST_SLICE):
        digest.update(text[at : at + _DIGEST_SLICE].encode("utf-8", "surrogatepass"))
    return digest.digest()


#: The text's digest: what the rules that keep state between runs recognise an unchanged text by.
DIGEST: View[Document, bytes] = View("digest", _digest)
#: The blocks of the text: paragraphs, headings, titles, bylines, lists, tables, code.
BLOCKS: View[Document, tuple[Block, ...]] = View("blocks", _blocks)
#: The sentences of the prose blocks.
SENTENCES: View[Document, Sentences] = View("sentences", _sentences, reads=(BLOCKS,))
#: Spans no rule checks as prose: URLs, e-mail addresses, Markdown code, link targets, tables.
PROTECTED: View[Document, Protected] = View("protected", _protected, reads=(BLOCKS,))

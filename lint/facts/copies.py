"""Paragraphs copied from one document of a run into another, found without comparing every pair.

Each document's prose paragraphs are sketched once, with the document rules
(:data:`~factlint.facts.duplicates.PARAGRAPH_SKETCHES`: a hash of the text and the smallest hashes
of its 5-character shingles). The run joins them through two inverted indexes: paragraphs with the
same text hash are exact copies; paragraphs whose sketches share at least two hashes are candidate
near copies, compared character by character (the similarity of D102). Time grows with the number
of paragraphs, not with the number of pairs of documents.

What reports legitimately share stays out:

- paragraphs of fewer than :data:`MIN_HAN` Han characters (headings, dates, sign-off lines, a
  standard sentence or two: “现在，我代表国务院，向大会报告政府工作……” has 33 Han characters;
  “五年来，我们深入贯彻……主要做了以下工作。”, which two national reports share, 34);
- text common to many documents: a paragraph found, exactly or nearly, in :data:`FORMULA_DOCS`
  documents or more is a formula of the genre, not a paste (near copies are chained: a paragraph
  like one found in two other documents counts as found in three);
- a sketch hash shared by more than :data:`MAX_POSTING` distinct paragraphs is a stock phrase,
  not evidence.

Which document copied which: the later one, by the date in its first lines (“——2023年3月5日在……会
议上”, a publication date under the title), else by the one year of its title; when neither tells,
the later path.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import regex
from factlint.facts.corpus import Corpus
from factlint.facts.duplicates import (
    NEAR_THRESHOLD,
    PARAGRAPH_SKETCHES,
    ParagraphSketch,
    normalise,
    shared_sketch_pairs,
)
from factlint.facts.numerals import DIGIT_VALUES, ONE_TO_NINE, digitwise_value
from factlint.model import Span
from factlint.text.document import BLOCKS, Document
from factlint.text.views import View, corpus_view

#: a paragraph shorter than this (Han characters) is a heading, a date, a sign-off or a formula
#: sentence, never a copy: the longest standard opening of the corpus's reports
#: (“现在，我代表国务院，向大会报告过去五年政府工作……”) has 48
MIN_HAN = 50
#: from this similarity (2·LCS / total length) on, a paragraph is a copy: two words of two
#: characters changed in a 50-character paragraph is 92 %; a paragraph of last year's report
#: rewritten with this year's figures and emphasis is mostly below 85 %
MIN_SIMILARITY = 0.85
#: a paragraph found in this many documents of the run is a formula of the genre
FORMULA_DOCS = 3
#: paragraphs this similar count as one text when counting the documents it is found in
FORMULA_SIMILARITY = NEAR_THRESHOLD
#: a near copy whose figures differ in this many places is a paragraph updated with new data
#: (this year's communiqué written on last year's pattern), not a paste
UPDATED_FIGURES = 2
#: sketches sharing at least this many hashes are compared
MIN_SHARED = 2
#: a sketch hash shared by more distinct paragraphs than this is a stock phrase, not evidence
MAX_POSTING = 48

#: the lines read for a date: the title, its subtitle (“——2023年3月5日在……”), the author, the date
_HEAD_BLOCKS = 5
_HEAD_MAX = 80
_ZEROS = "".join(c for c, v in DIGIT_VALUES.items() if v == 0)
_DATE = regex.compile(r"(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_YEAR = regex.compile(
    rf"""
      (?<![\d０-９])(?P<digits>(?:19|20)\d{{2}})(?![\d０-９])
    | (?P<han>(?:一九|二[{_ZEROS}])[{_ZEROS}{ONE_TO_NINE}]{{2}})(?=年)
    """,
    regex.VERBOSE,
)


#: a note of a statistical communiqué (“[3]三次产业分类依据……”, “③ 公报中……”, “注：”): standard
#: definitions and sources, shared by the communiqués of every year and place on purpose
_NOTE = regex.compile(r"^\s*(?:[\[［(（]\s*\d{1,2}\s*[\]］)）]\s*\D|[①-⑳]|注\s*\d*\s*[:：\d])")
_FIGURE = regex.compile(r"\d+(?:\.\d+)?")


def figures_changed(a: str, b: str) -> int:
    """How many figures of ``a`` are not in ``b`` (or the other way round, whichever is more)."""
    x, y = Counter(_FIGURE.findall(a)), Counter(_FIGURE.findall(b))
    return max(sum((x - y).values()), sum((y - x).values()))


@dataclass(frozen=True, slots=True, order=True)
class DocumentDate:
    """The date a document bears: its year, and its month and day when known (else 0)."""

    year: int
    month: int = 0  # 0: only the year is known
    day: int = 0


def document_date(doc: Document) -> DocumentDate | None:
    """When a document was written: the first full date of its first short lines (a speech's
    “——2023年3月5日在……会议上”, a communiqué's publication date), else the one year of its title
    (“2022年成都市国民经济和社会发展统计公报”); None when it names neither."""
    head = [b.text for b in doc.blocks[:_HEAD_BLOCKS] if len(b.text) <= _HEAD_MAX]
    for text in head:
        m = _DATE.search(text)
        if m:
            return DocumentDate(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if not doc.blocks or len(doc.blocks[0].text) > _HEAD_MAX:
        return None
    years = {
        int(m.group("digits")) if m.group("digits") else digitwise_value(m.group("han"))
        for m in _YEAR.finditer(doc.blocks[0].text)
    }
    year = years.pop() if len(years) == 1 else None
    return DocumentDate(year) if year is not None else None


def written_before(a: DocumentDate | None, b: DocumentDate | None) -> bool | None:
    """Whether ``a`` is earlier than ``b``; None when their dates do not tell."""
    if a is None or b is None:
        return None
    if a.month and b.month and a != b:
        return a < b
    if a.year != b.year:
        return a.year < b.year
    return None


@dataclass(frozen=True, slots=True)
class CopySources:
    """What the run's join reads of one document: when it was written, and its paragraphs that
    may be copies or copied — long enough, and no note — each sketch with its paragraph's span
    (the text compared is the document's text there)."""

    date: DocumentDate | None
    paragraphs: tuple[tuple[ParagraphSketch, Span], ...]

    def __reduce__(self) -> tuple[type[CopySources], tuple[Any, ...]]:
        return CopySources, (self.date, self.paragraphs)


def copy_sources(doc: Document) -> CopySources:
    blocks = doc.blocks
    return CopySources(
        document_date(doc),
        tuple(
            (paragraph, blocks[paragraph.block].span)
            for paragraph in doc.view(PARAGRAPH_SKETCHES)
            if paragraph.han >= MIN_HAN and not _NOTE.match(blocks[paragraph.block].text)
        ),
    )


#: A document's part of the join (computed with the document rules, and kept in the cache with the
#: document's text, so that the join of a run where one file changed reads the others' back, and
#: does not segment them into paragraphs again).
COPY_SOURCES: View[Document, CopySources] = View(
    "copy_sources", copy_sources, reads=(PARAGRAPH_SKETCHES, BLOCKS)
)


@dataclass(frozen=True, slots=True)
class CrossCopy:
    """Paragraph ``block`` of document ``doc`` is a copy of paragraph ``source_block`` of document
    ``source``, written earlier (or earlier in path order)."""

    doc: int  # document index in the run
    block: int
    source: int
    source_block: int
    similarity: float  # 1.0: word for word


@dataclass
class _Unit:
    """One paragraph text of the run, with every place it occurs."""

    paragraph: ParagraphSketch
    span: Span  # of its first place
    places: list[tuple[int, int]] = field(default_factory=list)  # (document, block)

    @property
    def docs(self) -> set[int]:
        return {d for d, _ in self.places}


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


@corpus_view("cross_copies", reads=(COPY_SOURCES,))
def cross_copies(corpus: Corpus) -> tuple[CrossCopy, ...]:
    """Paragraphs copied, exactly or nearly, from another document of the run, each with its best
    source; in document and block order."""
    units: list[_Unit] = []
    by_key: dict[int, int] = {}
    sources = [doc.view(COPY_SOURCES) for doc in corpus]
    for d, source in enumerate(sources):
        for paragraph, span in source.paragraphs:
            u = by_key.get(paragraph.key)
            if u is None:
                u = by_key[paragraph.key] = len(units)
                units.append(_Unit(paragraph, span))
            units[u].places.append((d, paragraph.block))
    if not units:
        return ()
    docs = [u.docs for u in units]

    # candidate near copies: units sharing sketch hashes, not both confined to one document
    pairs = shared_sketch_pairs([unit.paragraph.sketch for unit in units], MIN_SHARED, MAX_POSTING)
    forms: dict[int, str] = {}

    def form(u: int) -> str:
        if u not in forms:
            d, span = units[u].places[0][0], units[u].span
            forms[u] = normalise(corpus[d].text[span.start : span.end])
        return forms[u]

    from rapidfuzz.distance import Indel  # only when there are pairs to compare: off start-up

    near: list[tuple[int, int, float]] = []
    for a, b in pairs:
        if len(docs[a]) == 1 and docs[a] == docs[b]:
            continue  # within one document: D102's
        x, y = form(a), form(b)
        if 2 * min(len(x), len(y)) < FORMULA_SIMILARITY * (len(x) + len(y)):
            continue
        sim = Indel.normalized_similarity(x, y, score_cutoff=FORMULA_SIMILARITY)
        if sim >= FORMULA_SIMILARITY:
            near.append((a, b, round(sim, 3)))

    # formulas: a text found (exactly or through near copies) in FORMULA_DOCS documents or more
    parent = list(range(len(units)))
    for a, b, _ in near:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[rb] = ra
    spread: dict[int, set[int]] = defaultdict(set)
    for u in range(len(units)):
        spread[_find(parent, u)].update(docs[u])

    def formula(u: int) -> bool:
        return len(spread[_find(parent, u)]) >= FORMULA_DOCS

    dates = [source.date for source in sources]

    def before(a: int, b: int) -> bool:
        told = written_before(dates[a], dates[b])
        return told if told is not None else corpus[a].path < corpus[b].path

    best: dict[tuple[int, int], tuple[float, int, int]] = {}  # copy -> (similarity, source)

    def offer(copy: tuple[int, int], source: tuple[int, int], sim: float) -> None:
        old = best.get(copy)
        if old is None or (sim, -source[0], -source[1]) > (old[0], -old[1], -old[2]):
            best[copy] = (sim, source[0], source[1])

    def pair(xs: list[tuple[int, int]], ys: list[tuple[int, int]], sim: float) -> None:
        for x in xs:
            for y in ys:
                if x[0] == y[0]:
                    continue
                later, earlier = (y, x) if before(x[0], y[0]) else (x, y)
                offer(later, earlier, sim)

    for u, unit in enumerate(units):
        if len(docs[u]) > 1 and not formula(u):
            # the first place in each document stands for that document's copies
            first: dict[int, tuple[int, int]] = {}
            for place in unit.places:
                first.setdefault(place[0], place)
            pair(list(first.values()), unit.places, 1.0)
    for a, b, sim in near:
        if sim < MIN_SIMILARITY or formula(a):
            continue
        if figures_changed(form(a), form(b)) >= UPDATED_FIGURES:
            continue
        pair(units[a].places, units[b].places, sim)
    return tuple(
        CrossCopy(d, block, sd, sb, sim) for (d, block), (sim, sd, sb) in sorted(best.items())
    )

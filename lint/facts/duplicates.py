"""Duplicate and near-duplicate paragraphs and sentences of one document, found once and shared.

Exact copies are grouped by their text with white space removed. Near copies are found without
comparing every pair: each paragraph is cut into character 5-grams (shingles), a bottom-k sketch of
their hashes is indexed, and only paragraphs whose sketches share several hashes become candidates.
Time and memory grow linearly with the text.

A candidate pair is then compared character by character (rapidfuzz's Indel distance, i.e. the
longest common subsequence): its similarity is the share of characters the two copies have in
common, 2·LCS / (len a + len b), so 5 characters changed in a 156-character paragraph is 97 %, as
an editor would say. The stretches where the copies differ are kept, as spans of the original text,
for the rules that explain what changed.
"""

from __future__ import annotations

import hashlib
import unicodedata
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from operator import methodcaller
from typing import TYPE_CHECKING, TypeAlias

import regex
from factlint.model import Span
from factlint.text.blocks import BlockKind
from factlint.text.document import BLOCKS, SENTENCES
from factlint.text.views import View

if TYPE_CHECKING:
    from factlint.text.document import Document

SHINGLE = 5
#: 16 hashes with 2 shared find nearly every pair from 80 % similarity up (an edit every 5–10
#: characters), most from 75 %; below that a pair is found only if long runs survived the edits
SKETCH = 16
MIN_SHARED = 2
#: a sketch hash found in more paragraphs than this is boilerplate, not evidence
MAX_POSTING = 64
#: paragraphs shorter than this (after normalisation) are headings, dates, “一是” — never duplicates
MIN_PARAGRAPH_CHARS = 30
MIN_SENTENCE_CHARS = 20
#: the floor of the analysis (edit similarity); D102's ``threshold`` option filters above it.
#: Pairs at or above it are one paragraph in two versions: D103 does not report their sentences.
#: Two paragraphs sharing one sentence in three are about 0.5 — those D103 reports.
NEAR_THRESHOLD = 0.7

_SPACE = regex.compile(r"\s+")
_NOT_HAN = regex.compile(r"\P{Han}+")
_NON_SPACE = regex.compile(r"\S+")


#: The characters of Chinese prose that are not NFKC, each with its NFKC form (full-width
#: punctuation, the ideographic space): replaced one by one, much faster than ``normalize``.
_COMMON_NFKC = tuple((c, unicodedata.normalize("NFKC", c)) for c in "，（）；！：？％－＋～\u3000")


def normalise(text: str) -> str:
    """The comparison form of a stretch of text: NFKC, no white space. Never the document itself.

    Text that is NFKC already (tested in C, fast) is taken as it is. Otherwise the common
    full-width characters are replaced by their NFKC forms; each replacement is compatibility
    equivalent to what it replaces, and so is the result to the text, so if the result is NFKC it
    is the NFKC form of the text (the one NFKC string of its equivalence class). If not (other
    compatibility characters), the text is normalised in full."""
    if not unicodedata.is_normalized("NFKC", text):
        replaced = text
        for c, nfkc in _COMMON_NFKC:
            if c in replaced:
                replaced = replaced.replace(c, nfkc)
        if unicodedata.is_normalized("NFKC", replaced):
            text = replaced
        else:
            text = unicodedata.normalize("NFKC", text)
    if " " not in text and text.isprintable():
        # every white space character but the space is unprintable (a control character or a
        # separator): a printable text without a space has none to remove (tested in C)
        return text
    return _SPACE.sub("", text)


def shingles(text: str) -> frozenset[int]:
    """The CRC-32 of the UTF-8 of each 5-character window (maps of C functions: no Python step
    per window)."""
    if len(text) < SHINGLE:
        return frozenset({zlib.crc32(text.encode("utf-8", "surrogatepass"))})
    n = len(text) - SHINGLE + 1

    def windows() -> Iterator[str]:
        return map(text.__getitem__, map(slice, range(n), range(SHINGLE, n + SHINGLE)))

    try:
        return frozenset(map(zlib.crc32, map(str.encode, windows())))
    except UnicodeEncodeError:  # a lone surrogate (a text given to the API): kept as itself
        encode = methodcaller("encode", "utf-8", "surrogatepass")
        return frozenset(map(zlib.crc32, map(encode, windows())))


#: The document offsets of the characters of a comparison form: machine integers (8 bytes each, not
#: an int object and a pointer, 36: the forms of a 10 MB document's near copies held 13 MB as lists)
Offsets: TypeAlias = "array[int]"  # typecode "q"


def comparison_form(text: str, start: int) -> tuple[str, Offsets]:
    """``normalise`` run by run, with the document offset of every character of the result.

    A run whose NFKC form is as long as itself (nearly all Chinese text: full-width ，（） become
    ,() one for one) is mapped character for character; otherwise each character is normalised
    alone, and the characters it becomes point back to it."""
    parts: list[str] = []
    offsets = array("q")
    for m in _NON_SPACE.finditer(text):
        run = m.group()
        nfkc = unicodedata.normalize("NFKC", run)
        if len(nfkc) == len(run) and not _SPACE.search(nfkc):
            parts.append(nfkc)
            offsets.extend(range(start + m.start(), start + m.end()))
            continue
        for k, ch in enumerate(run, start + m.start()):
            for c in unicodedata.normalize("NFKC", ch):
                if not c.isspace():
                    parts.append(c)
                    offsets.append(k)
    return "".join(parts), offsets


@dataclass(frozen=True, slots=True)
class Change:
    """One stretch where two near copies differ; an empty span is the place of an insertion."""

    earlier: Span
    later: Span


@dataclass(frozen=True, slots=True)
class NearPair:
    """Two blocks that are near copies of each other, and what changed between them."""

    earlier: int  # block index
    later: int
    similarity: float  # 2·LCS / (len a + len b) of the comparison forms
    changes: tuple[Change, ...]  # in document order


def _span(offsets: Offsets, start: int, end: int, block_end: int) -> Span:
    if start < end:
        return Span(offsets[start], offsets[end - 1] + 1)
    at = offsets[start] if start < len(offsets) else block_end
    return Span(at, at)


def similarity(a: str, b: str) -> float:
    """2·LCS / (len a + len b); 0.0 when it is below ``NEAR_THRESHOLD``."""
    if 2 * min(len(a), len(b)) < NEAR_THRESHOLD * (len(a) + len(b)):
        return 0.0  # the difference in length alone rules it out
    from rapidfuzz.distance import Indel  # off the start-up path: only near pairs need it

    return float(Indel.normalized_similarity(a, b, score_cutoff=NEAR_THRESHOLD))


def changes(
    a: tuple[str, Offsets], b: tuple[str, Offsets], a_end: int, b_end: int
) -> tuple[Change, ...]:
    """Where two comparison forms differ, as spans of the document; adjacent edits are merged."""
    from rapidfuzz.distance import Indel

    (a_text, a_at), (b_text, b_at) = a, b
    out: list[Change] = []
    run: list[int] | None = None  # [a_start, a_end, b_start, b_end] of adjacent edits
    for op in [*Indel.opcodes(a_text, b_text), None]:
        if op is not None and op.tag != "equal":
            if run is None:
                run = [op.src_start, op.src_end, op.dest_start, op.dest_end]
            else:
                run[1], run[3] = op.src_end, op.dest_end
            continue
        if run is not None:
            out.append(
                Change(_span(a_at, run[0], run[1], a_end), _span(b_at, run[2], run[3], b_end))
            )
            run = None
    return tuple(out)


@dataclass(frozen=True, slots=True)
class SentenceCopy:
    """A sentence that repeats an earlier one of its document."""

    earlier: int  # sentence index in Document.sentences
    later: int


@dataclass(frozen=True, slots=True)
class DuplicateAnalysis:
    """A document's repeated blocks: exact copies, near copies and copied sentences."""

    exact_groups: tuple[tuple[int, ...], ...]  # block indices, in document order, len >= 2
    near_pairs: tuple[NearPair, ...]
    sentence_copies: tuple[SentenceCopy, ...]


def shared_sketch_pairs(
    sketches: list[list[int]] | list[tuple[int, ...]],
    min_shared: int = MIN_SHARED,
    max_posting: int = MAX_POSTING,
) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, whose bottom-k sketches share at least ``min_shared`` hashes, through
    an inverted index of the hashes (a hash in more than ``max_posting`` sketches is a stock phrase
    and pairs nothing); in the order they are first seen."""
    postings: dict[int, list[int]] = defaultdict(list)
    for i, sketch in enumerate(sketches):
        for h in sketch:
            postings[h].append(i)
    # the pairs of each posting (increasing: a sketch holds a hash once), counted in C, in the
    # order the nested loops over the postings would first see them
    shared: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        if 2 <= len(members) <= max_posting:
            shared.update(combinations(members, 2))
    return [pair for pair, n in shared.items() if n >= min_shared]


def near_duplicate_candidates(sketches: list[list[int]]) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, whose bottom-k sketches share at least MIN_SHARED hashes."""
    return set(shared_sketch_pairs(sketches))


@dataclass(frozen=True, slots=True)
class ParagraphSketch:
    """One prose paragraph of at least ``MIN_PARAGRAPH_CHARS`` characters, in comparison form."""

    block: int  # block index
    key: int  # 64-bit hash of the comparison form: exact copies share it
    han: int  # Han characters in it
    sketch: tuple[int, ...]  # the SKETCH smallest hashes of its shingles

    def __reduce__(self) -> tuple[type[ParagraphSketch], tuple[int, int, int, tuple[int, ...]]]:
        # rebuilt by the constructor: quicker to unpickle (see ``Span.__reduce__``)
        return ParagraphSketch, (self.block, self.key, self.han, self.sketch)


def text_key(norm: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big"
    )


def paragraph_sketches(doc: Document) -> tuple[ParagraphSketch, ...]:
    """The sketches of a document's prose paragraphs: what DUPLICATES joins within the document and
    the cross-document copies (:mod:`factlint.facts.copies`) across the run. Computed with the
    document rules (in a worker process, which sends it back), so the run's join only reads it."""
    out: list[ParagraphSketch] = []
    sketches: dict[str, tuple[int, ...]] = {}
    for block in doc.blocks:
        if not block.is_prose or block.kind is BlockKind.CELL:  # a table's cells repeat by design
            continue
        norm = normalise(block.text)
        if len(norm) < MIN_PARAGRAPH_CHARS:
            continue
        sketch = sketches.get(norm)
        if sketch is None:
            sketch = sketches[norm] = tuple(sorted(shingles(norm))[:SKETCH])
        han = len(_NOT_HAN.sub("", norm))  # its Han characters
        out.append(ParagraphSketch(block.index, text_key(norm), han, sketch))
    return tuple(out)


#: The sketches of a document's paragraphs (shared with the workers: see the runner's SHARED_VIEWS).
PARAGRAPH_SKETCHES: View[Document, tuple[ParagraphSketch, ...]] = View(
    "paragraph_sketches", paragraph_sketches, reads=(BLOCKS,)
)


def analyse_duplicates(doc: Document) -> DuplicateAnalysis:
    by_text: dict[int, list[int]] = defaultdict(list)
    sketch_of: dict[int, tuple[int, ...]] = {}
    for paragraph in doc.view(PARAGRAPH_SKETCHES):
        by_text[paragraph.key].append(paragraph.block)
        sketch_of[paragraph.key] = paragraph.sketch
    exact = tuple(tuple(g) for g in by_text.values() if len(g) > 1)

    # near duplicates among the distinct texts
    texts = list(by_text)
    reps = [by_text[t][0] for t in texts]
    sketches = [list(sketch_of[t]) for t in texts]
    # the comparison forms: their text (for the similarities) kept for every block compared, their
    # offsets (for the changes) only for the earlier block of a near pair, the later one's made
    # and dropped (the offsets of every block compared were 3 MB on a 10 MB document)
    forms: dict[int, str] = {}
    full: dict[int, tuple[str, Offsets]] = {}

    def form(index: int) -> tuple[str, Offsets]:
        found = full.get(index)
        if found is None:
            block = doc.blocks[index]
            found = comparison_form(block.text, block.span.start)
        return found

    def text_of(index: int) -> str:
        if index not in forms:
            forms[index] = form(index)[0]
        return forms[index]

    def earlier_form(index: int) -> tuple[str, Offsets]:
        if index not in full:
            full[index] = form(index)
        return full[index]

    best: dict[int, tuple[float, int]] = {}  # later block -> (similarity, earlier block)
    for i, j in sorted(near_duplicate_candidates(sketches)):
        first, second = sorted((reps[i], reps[j]))
        sim = round(similarity(text_of(first), text_of(second)), 3)
        if sim < NEAR_THRESHOLD:
            continue
        for later in by_text[texts[j if reps[j] == second else i]]:
            old = best.get(later)
            if later > first and (old is None or (sim, -first) > (old[0], -old[1])):
                best[later] = (sim, first)
    forms.clear()
    near = tuple(
        NearPair(
            earlier,
            later,
            sim,
            changes(
                earlier_form(earlier),
                form(later),
                doc.blocks[earlier].span.end,
                doc.blocks[later].span.end,
            ),
        )
        for later, (sim, earlier) in sorted(best.items())
    )
    full.clear()  # not read again: the sentences below are compared in a memory of their own

    # sentences repeated outside the paragraphs already paired: copies of one text are related
    # through their group (never stored pair by pair: k copies would be k² pairs), a near pair
    # relates its later paragraph to every copy of its earlier one
    group_of: dict[int, int] = {}
    for g, members in enumerate(by_text.values()):
        for index in members:
            group_of[index] = g
    near_related: set[tuple[int, int]] = {(group_of[p.earlier], p.later) for p in near}

    def related(a: int, b: int) -> bool:
        ga, gb = group_of.get(a), group_of.get(b)
        return (ga is not None and ga == gb) or (ga, b) in near_related or (gb, a) in near_related

    first_seen: dict[str, int] = {}
    copies: list[SentenceCopy] = []
    blocks = doc.blocks
    text = doc.text
    sentences = doc.sentences  # read by their columns: no Sentence made
    block_of = sentences.block_indexes()
    columns = zip(sentences.starts(), sentences.ends(), block_of, strict=True)
    for k, (start, end, block) in enumerate(columns):
        if blocks[block].kind is BlockKind.CELL:  # a table's column repeats by design
            continue
        sentence = text[start:end]
        if len(sentence) < MIN_SENTENCE_CHARS and unicodedata.is_normalized("NFKC", sentence):
            continue  # NFKC already: its comparison form is no longer than itself
        norm = normalise(sentence)
        if len(norm) < MIN_SENTENCE_CHARS:
            continue
        if norm not in first_seen:
            first_seen[norm] = k
            continue
        earlier = first_seen[norm]
        a = block_of[earlier]
        if a != block and related(a, block):
            continue
        copies.append(SentenceCopy(earlier, k))
    return DuplicateAnalysis(exact, near, tuple(copies))


#: Exact and near-duplicate paragraphs and sentences of a document.
DUPLICATES: View[Document, DuplicateAnalysis] = View(
    "duplicates", analyse_duplicates, reads=(BLOCKS, SENTENCES, PARAGRAPH_SKETCHES)
)

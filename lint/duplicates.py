"""Duplicate and near-duplicate paragraphs and sentences of one document, found once and shared.

Exact copies are grouped by their text with white space removed. Near copies are found without
comparing every pair: each paragraph is cut into character 5-grams (shingles), a bottom-k sketch of
their hashes is indexed, and only paragraphs whose sketches share several hashes are compared in
full (Jaccard similarity of the shingle sets). Time and memory grow linearly with the text.
"""

from __future__ import annotations

import unicodedata
import zlib
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from factlint.document import Document

SHINGLE = 5
SKETCH = 12
MIN_SHARED = 2
#: a sketch hash found in more paragraphs than this is boilerplate, not evidence
MAX_POSTING = 64
#: paragraphs shorter than this (after normalisation) are headings, dates, “一是” — never duplicates
MIN_PARAGRAPH_CHARS = 30
MIN_SENTENCE_CHARS = 20
#: the floor of the analysis; D102's ``threshold`` option filters above it
NEAR_THRESHOLD = 0.5

_SPACE = regex.compile(r"\s+")


def normalise(text: str) -> str:
    """The comparison form of a stretch of text: NFKC, no white space. Never the document itself."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def shingles(text: str) -> frozenset[int]:
    if len(text) < SHINGLE:
        return frozenset({zlib.crc32(text.encode("utf-8"))})
    return frozenset(
        zlib.crc32(text[i : i + SHINGLE].encode("utf-8")) for i in range(len(text) - SHINGLE + 1)
    )


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@dataclass(frozen=True, slots=True)
class NearPair:
    earlier: int  # block index
    later: int
    similarity: float


@dataclass(frozen=True, slots=True)
class SentenceCopy:
    earlier: int  # sentence index in Document.sentences
    later: int


@dataclass(frozen=True, slots=True)
class DuplicateAnalysis:
    exact_groups: tuple[tuple[int, ...], ...]  # block indices, in document order, len >= 2
    near_pairs: tuple[NearPair, ...]
    sentence_copies: tuple[SentenceCopy, ...]


def near_duplicate_candidates(sketches: list[list[int]]) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, whose bottom-k sketches share at least MIN_SHARED hashes."""
    postings: dict[int, list[int]] = defaultdict(list)
    for i, sketch in enumerate(sketches):
        for h in sketch:
            postings[h].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if len(members) < 2 or len(members) > MAX_POSTING:
            continue
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                shared[(members[a], members[b])] += 1
    return {pair for pair, n in shared.items() if n >= MIN_SHARED}


def analyse_duplicates(doc: Document) -> DuplicateAnalysis:
    prose = [b for b in doc.blocks if b.is_prose]
    by_text: dict[str, list[int]] = defaultdict(list)
    for block in prose:
        norm = normalise(block.text)
        if len(norm) >= MIN_PARAGRAPH_CHARS:
            by_text[norm].append(block.index)
    exact = tuple(tuple(g) for g in by_text.values() if len(g) > 1)

    # near duplicates among the distinct texts
    texts = list(by_text)
    reps = [by_text[t][0] for t in texts]
    shingle_sets = [shingles(t) for t in texts]
    sketches = [sorted(s)[:SKETCH] for s in shingle_sets]
    best: dict[int, NearPair] = {}
    for i, j in near_duplicate_candidates(sketches):
        sim = jaccard(shingle_sets[i], shingle_sets[j])
        if sim < NEAR_THRESHOLD:
            continue
        first, second = sorted((reps[i], reps[j]))
        later_copies = by_text[texts[j if reps[j] == second else i]]
        for later in later_copies:
            if later < first:
                continue
            pair = NearPair(first, later, round(sim, 3))
            old = best.get(later)
            if old is None or (pair.similarity, -pair.earlier) > (old.similarity, -old.earlier):
                best[later] = pair
    near = tuple(sorted(best.values(), key=lambda p: (p.later, p.earlier)))

    # sentences repeated outside the paragraphs already paired
    related_blocks: set[frozenset[int]] = set()
    for group in exact:
        for a in group:
            for b in group:
                related_blocks.add(frozenset((a, b)))
    for p in near:
        related_blocks.add(frozenset((p.earlier, p.later)))
        for a in by_text.get(normalise(doc.blocks[p.earlier].text), []):
            related_blocks.add(frozenset((a, p.later)))
    first_seen: dict[str, int] = {}
    copies: list[SentenceCopy] = []
    for k, sentence in enumerate(doc.sentences):
        norm = normalise(sentence.text)
        if len(norm) < MIN_SENTENCE_CHARS:
            continue
        if norm not in first_seen:
            first_seen[norm] = k
            continue
        earlier = first_seen[norm]
        blocks = frozenset((doc.sentences[earlier].block, sentence.block))
        if len(blocks) == 2 and blocks in related_blocks:
            continue
        copies.append(SentenceCopy(earlier, k))
    return DuplicateAnalysis(exact, near, tuple(copies))

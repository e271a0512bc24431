"""Corpus-wide indexes for the consistency rules, each built once per run through ``corpus.view``.

Every index is one pass over the documents (or over their already computed views), so memory and
time grow linearly with the corpus:

- :func:`quoted_names` — every quoted name with its count and places;
- :func:`lists_by_label` — the closed, labelled enumerations of the run, by label (一市三县);
- :func:`name_variants` — quoted names that are a one-character homophone variant of another
  quoted name of the run (探密神韵黄南 / 探秘神韵黄南), with which spelling is the common one.

The Han bigram counts they weigh spellings by are the typo rules' (:func:`factlint.language.terms.term_index`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex
from factlint.facts.corpus import Corpus
from factlint.facts.enumerations import ENUMERATIONS, Enumeration
from factlint.facts.numerals import CHINESE_NUMERALS, DIGIT_VALUES, ONE_TO_NINE, digitwise_value
from factlint.facts.quoted import QUOTED_TERMS, QuotedTerm
from factlint.language.terms import term_index
from factlint.text.document import BLOCKS, Document
from factlint.text.views import View, corpus_view

_HAN_RUN = regex.compile(r"\p{Han}{2,}")
_HAN = regex.compile(r"\p{Han}")
#: Characters that make a name one of a numbered series (三大工程/四大工程, 十四五/十五五).
NUMERALS = frozenset(CHINESE_NUMERALS + "双半几多第")


# ---- quoted names -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Place:
    """Where a quoted name occurs: the document (its index in the run) and the term."""

    doc: int
    term: QuotedTerm


@dataclass
class QuotedNames:
    """The names a run writes in quotation marks: how often each, and where."""

    counts: Counter[str] = field(default_factory=Counter)
    places: dict[str, list[Place]] = field(default_factory=dict)


@corpus_view("quoted_names", reads=(QUOTED_TERMS,))
def quoted_names(corpus: Corpus) -> QuotedNames:
    index = QuotedNames()
    for i, doc in enumerate(corpus):
        for term in doc.view(QUOTED_TERMS):
            index.counts[term.text] += 1
            index.places.setdefault(term.text, []).append(Place(i, term))
    return index


# ---- labelled lists ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelledList:
    """A labelled list of a document (四个自信：…), and the year the document reports on."""

    doc: int
    enumeration: Enumeration
    #: the year the document reports on, read from its title (None when it names none, or several)
    year: int | None = None


#: the longest first block read as a title
_TITLE_MAX = 60
#: a year of a title: 2022年, 2022年度, （2022）, 二〇二二年
_ZEROS = "".join(c for c, v in DIGIT_VALUES.items() if v == 0)  # 〇零○
_YEAR = regex.compile(
    rf"""
      (?<![\d０-９])(?P<digits>(?:19|20)\d{{2}})(?![\d０-９])
    | (?P<han>(?:一九|二[{_ZEROS}])[{_ZEROS}{ONE_TO_NINE}]{{2}})(?=年)
    """,
    regex.VERBOSE,
)


def document_year(doc: Document) -> int | None:
    """The one year named in the document's title (its first block, if short): “南阳县2022年政府工作
    报告”, “对口支援工作总结（2023年）” -> 2022, 2023; None when the title names no year or a span of
    years (“2021—2025年”), or the first block is a paragraph."""
    blocks = doc.blocks
    if not blocks or len(blocks[0].text) > _TITLE_MAX:
        return None
    years = {
        int(m.group("digits")) if m.group("digits") else digitwise_value(m.group("han"))
        for m in _YEAR.finditer(blocks[0].text)
    }
    return years.pop() if len(years) == 1 else None


#: The year a document reports on (:func:`document_year`): kept in the cache with the document's
#: text, so that the lists of a run where one file changed are labelled without segmenting the
#: others into paragraphs again.
DOCUMENT_YEAR: View[Document, int | None] = View("document_year", document_year, reads=(BLOCKS,))


@corpus_view("lists_by_label", reads=(ENUMERATIONS, DOCUMENT_YEAR))
def lists_by_label(corpus: Corpus) -> dict[str, list[LabelledList]]:
    """Closed lists with a label whose count claim, if any, the list itself satisfies.

    A list that contradicts its own count, or ends in 等, is another rule's concern; comparing it
    with its namesakes would only repeat that finding or compare examples.
    """
    out: dict[str, list[LabelledList]] = defaultdict(list)
    for i, doc in enumerate(corpus):
        # (of every document, with lists or not: the view is kept in the cache for all alike)
        year = doc.view(DOCUMENT_YEAR)
        for enum in doc.view(ENUMERATIONS).labelled():
            if enum.label is None or enum.open:
                continue
            if enum.claim is not None and enum.claim.exact and enum.claim.total != enum.count:
                continue
            out[enum.label.text].append(LabelledList(i, enum, year))
    return dict(out)


# ---- one-character homophone variants of quoted names -----------------------------------------


@dataclass(frozen=True, slots=True)
class NameVariant:
    """``rare`` differs from ``common`` in the one character at ``index``, a homophone of it."""

    rare: str
    common: str
    index: int
    rare_count: int
    common_count: int


def _reading(char: str) -> str:
    from factlint.language.lexicon import (
        usual_reading,  # pypinyin's table: loaded only for a candidate pair
    )

    return usual_reading(char)


def _bigram_support(name: str, i: int, bigrams: Counter[str], occurrences: int) -> int:
    """How often the character at ``i`` stands next to its neighbours outside this name's uses."""
    pairs = [name[j : j + 2] for j in (i - 1, i) if 0 <= j and j + 2 <= len(name)]
    return max((bigrams[p] - occurrences for p in pairs), default=0)


@corpus_view("name_variants", reads=(quoted_names, term_index, BLOCKS))
def name_variants(corpus: Corpus) -> tuple[NameVariant, ...]:
    """Quoted names of at least three characters that differ from another quoted name of the run
    in one Chinese character, a homophone (the wrong candidate of an input method), not a numeral.

    The common spelling is the one quoted more often; on a tie, the one whose character is used
    next to the same neighbours elsewhere in the run while the other's is not. Pairs that stand in
    one paragraph are left alone (授之以鱼……授之以渔 is a play on words), so are declared aliases,
    and pairs the run gives no way to order.
    """
    names = corpus.view(quoted_names)
    facts = corpus.facts
    buckets: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name in names.counts:
        if len(name) < 3:
            continue
        for i, char in enumerate(name):
            if _HAN.match(char) and char not in NUMERALS:
                buckets[(name[:i], name[i + 1 :])].append(name)
    out: list[NameVariant] = []
    starts: dict[int, list[int]] = {}  # each document's block starts, for _share_a_paragraph
    for (head, _tail), group in buckets.items():
        if len(group) < 2:
            continue
        i = len(head)
        # keyed by the reading of the differing character: only homophones are compared
        by_reading: dict[str, list[str]] = defaultdict(list)
        for name in group:
            reading = _reading(name[i])
            if reading:
                by_reading[reading].append(name)
        for alike in by_reading.values():
            if len(alike) < 2:
                continue
            for rare, common, rare_n, common_n in _against_the_dominant(
                alike, names.counts, i, corpus
            ):
                if facts.canonical(rare) == facts.canonical(common):
                    continue
                if _share_a_paragraph(corpus, names.places[rare], names.places[common], starts):
                    continue
                out.append(NameVariant(rare, common, i, rare_n, common_n))
    return tuple(sorted(out, key=lambda v: (v.rare, v.common)))


def _against_the_dominant(
    alike: list[str], counts: Counter[str], i: int, corpus: Corpus
) -> Iterator[tuple[str, str, int, int]]:
    """(rare, common, rare count, common count) for homophone spellings that differ at ``i``: each
    spelling is weighed against the dominant one only (so a group of k spellings costs k, not k²).

    The dominant spelling is the one quoted most often. When several share the top count, the
    run's other uses of the character decide: a tied spelling whose character never stands next to
    the same neighbours elsewhere is a variant of one whose character does; with no such evidence
    the tied spellings are left alone (the run gives no way to order them)."""
    top = max(counts[name] for name in alike)
    tied = sorted(name for name in alike if counts[name] == top)
    lower = sorted((name for name in alike if counts[name] < top), key=lambda n: (-counts[n], n))
    if len(tied) == 1:
        common = tied[0]
    else:
        bigrams = corpus.view(term_index).bigrams
        support = {name: _bigram_support(name, i, bigrams, top) for name in tied}
        best = max(tied, key=lambda n: (support[n], n))
        if support[best] == 0:
            return  # neither spelling is in use elsewhere: no way to order them
        for name in tied:
            if support[name] == 0:
                yield name, best, top, top
        common = best
    for name in lower:
        yield name, common, counts[name], top


def _share_a_paragraph(
    corpus: Corpus,
    left: list[Place],
    right: list[Place],
    starts: dict[int, list[int]] | None = None,
) -> bool:
    """``starts`` memoises each document's block starts over the calls of one run."""
    starts = {} if starts is None else starts

    def paragraphs(places: list[Place]) -> set[tuple[int, int]]:
        return {(p.doc, _block_of(corpus[p.doc], p.term.span.start, p.doc, starts)) for p in places}

    return bool(paragraphs(left) & paragraphs(right))


def _block_of(
    doc: Document, offset: int, key: int = -1, starts: dict[int, list[int]] | None = None
) -> int:
    blocks = doc.blocks
    if starts is not None and key in starts:
        at = starts[key]
    else:
        at = [b.span.start for b in blocks]
        if starts is not None:
            starts[key] = at
    k = bisect_right(at, offset) - 1
    return blocks[k].index if k >= 0 and offset < blocks[k].span.end else -1

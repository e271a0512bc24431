"""Corpus-wide term frequencies: how often each pair of adjacent Chinese characters occurs.

The typo rules ask “is this spelling rare, and is a look-alike of it used in this run?”. Both
questions are answered from one count of Han bigrams over every document of the run, built once by
``corpus.view(term_index)`` in one linear pass (``Counter`` counts in C). Only bigrams are kept:
they are what a one-character slip changes; the wider context of a suspect is compared with the
frequent form's own uses afterwards, by one scan for the few forms that are needed.

``established_neighbours`` (a second view, built on demand) files the run's established bigrams by
each of their characters, so that the forms one character away from a rare bigram are found by one
look-up per position (and a sound/shape test per form) instead of by trying every character.
"""

from __future__ import annotations

from collections import (  # type: ignore[attr-defined]
    Counter,
    _count_elements,
    defaultdict,
)
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from operator import add
from typing import TYPE_CHECKING

import regex
from factlint.text.views import corpus_view

if TYPE_CHECKING:
    from factlint.facts.corpus import Corpus

HAN_RUN = regex.compile(r"\p{Han}{2,}")


@dataclass(frozen=True)
class TermIndex:
    """Han bigram counts over the corpus, and the number of Han characters counted."""

    bigrams: Counter[str]
    han_chars: int

    def count(self, bigram: str) -> int:
        return self.bigrams.get(bigram, 0)

    def rate(self, bigram: str) -> float:
        """Occurrences per Han character of the corpus."""
        return self.count(bigram) / self.han_chars if self.han_chars else 0.0


@corpus_view("term_index")
def term_index(corpus: Corpus) -> TermIndex:
    """The corpus's Han bigram counts (use through ``corpus.view(term_index)``)."""
    counts: Counter[str] = Counter()
    han = 0
    for doc in corpus:
        han += _count_into(counts, doc.text)
    return TermIndex(counts, han)


#: (position of a character, the other character) -> the established bigrams with that other character
NeighbourIndex = dict[tuple[int, str], list[str]]


@corpus_view("established_neighbours", reads=(term_index,))
def established_neighbours(corpus: Corpus) -> NeighbourIndex:
    """The run's *established* bigrams — used at least twice, or words of the dictionary — filed by
    each of their characters: ``(0, "青")`` lists 援青, 在青 …, so that the forms one character away
    from a rare bigram are one look-up per position (use through ``corpus.view``)."""
    from factlint.language.lexicon import lexicon

    lex = lexicon()
    index: defaultdict[tuple[int, str], list[str]] = defaultdict(list)
    for bigram, count in corpus.view(term_index).bigrams.items():
        if count >= 2 or bigram in lex:
            index[(0, bigram[1])].append(bigram)
            index[(1, bigram[0])].append(bigram)
    return dict(index)


def find_bigrams(text: str, wanted: AbstractSet[str]) -> Iterator[tuple[int, str]]:
    """Start offset and text of every occurrence of a ``wanted`` Han bigram in ``text``, in order.

    One pass: each Han run's bigrams are made in C and tested against ``wanted`` in one list
    comprehension, so the cost is linear in the text (a third fewer instructions than intersecting
    each run's set of bigrams with ``wanted`` and finding the common ones again, whether few
    bigrams are wanted or most)."""
    for m in HAN_RUN.finditer(text):
        run, at = m.group(), m.start()
        yield from [(at + i, b) for i, b in enumerate(map(add, run, run[1:])) if b in wanted]


def bigram_counts(text: str) -> Counter[str]:
    """The Han bigram counts of one text (as ``term_index`` counts a run), in one linear pass."""
    counts: Counter[str] = Counter()
    _count_into(counts, text)
    return counts


def _count_into(counts: Counter[str], text: str) -> int:
    """Add the Han bigrams of ``text`` to ``counts``; how many Han characters it holds."""
    han = 0
    # run by run, not ``findall``: the list of every run is a copy of the text's Han characters,
    # with an object for each run (10 B a character)
    for match in HAN_RUN.finditer(text):
        run = match.group()
        han += len(run)
        # what Counter.update does with an iterable, without its checks on every call
        _count_elements(counts, map(add, run, run[1:]))
    return han

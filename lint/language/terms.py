"""Corpus-wide term frequencies: how often each pair of adjacent Chinese characters occurs.

The typo rules ask “is this spelling rare, and is a look-alike of it used in this run?”. Both
questions are answered from one count of Han bigrams over every document of the run, built once by
``corpus.view(term_index)`` in one linear pass (``Counter`` counts in C). Only bigrams are kept:
they are what a one-character slip changes; the wider context of a suspect is compared with the
frequent form's own uses afterwards, by one scan for the few forms that are needed.

``established_neighbours`` (a second view, built on demand) files the run's established bigrams by
each of their characters, so that the forms one character away from a rare bigram are found by one
look-up per position (and a sound/shape test per form) instead of by trying every character.

From one run to the next (``Corpus.memo``, the runner's cache): the counts depend only on the
texts of the run, whatever their names or order, so each run leaves its texts with its counts,
and the next one subtracts the counts of the texts gone and adds those of the texts new (one edited
file: two documents counted instead of all); ``established_neighbours`` likewise leaves its index
with the texts it was made from, and the next run files again only the pairs whose count changed.
The views are those of a run without the memo: the same counts, and the same pairs filed under each
character (the order within a list may differ; it is read as a set).
"""

from __future__ import annotations

from collections import (  # type: ignore[attr-defined]
    Counter,
    _count_elements,
    defaultdict,
)
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from operator import add
from typing import TYPE_CHECKING, Any

import regex
from factlint.text.document import DIGEST
from factlint.text.views import corpus_view

if TYPE_CHECKING:
    from factlint.facts.corpus import Corpus

HAN_RUN = regex.compile(r"\p{Han}{2,}")


@dataclass(frozen=True)
class TermIndex:
    """Han bigram counts over the corpus, and the number of Han characters counted."""

    bigrams: Counter[str]
    han_chars: int
    #: the run's texts as a multiset (``_token``): what the memo's entries are checked against
    token: bytes = field(default=b"", compare=False, repr=False)
    #: how these counts differ from those of the last run (``Corpus.memo``): its token, and the
    #: pairs whose count may have changed with their count then; None when not known
    since: tuple[bytes, dict[str, int]] | None = field(default=None, compare=False, repr=False)

    def count(self, bigram: str) -> int:
        return self.bigrams.get(bigram, 0)

    def rate(self, bigram: str) -> float:
        """Occurrences per Han character of the corpus."""
        return self.count(bigram) / self.han_chars if self.han_chars else 0.0


@corpus_view("term_index", reads=(DIGEST,))
def term_index(corpus: Corpus) -> TermIndex:
    """The corpus's Han bigram counts (use through ``corpus.view(term_index)``); with a memo, from
    the last run's counts and the texts that changed since (see the module)."""
    memo = corpus.memo if len(corpus) >= 2 else None  # (one text: counted again whatever changed)
    if memo is None:
        return _counted((doc.text for doc in corpus), b"")
    texts = [doc.text for doc in corpus]
    token = _token([doc.view(DIGEST) for doc in corpus])
    last = memo.get(_TERMS)
    index = _from_last_run(texts, token, last) or _counted(texts, token)
    if isinstance(last, _Terms) and last.token == token:
        return index  # the memo holds these texts already
    memo.put(
        _TERMS, _Terms(_TERMS_VERSION, token, tuple(texts), dict(index.bigrams), index.han_chars)
    )
    return index


def _counted(texts: Iterable[str], token: bytes) -> TermIndex:
    """The bigram counts of ``texts``, counted (``token``: their multiset, ``_token``)."""
    counts: Counter[str] = Counter()
    han = 0
    for text in texts:
        han += _count_into(counts, text)
    return TermIndex(counts, han, token)


#: the name of what ``term_index`` keeps from one run for the next (``Corpus.memo``)
_TERMS = "term_index"
_NEIGHBOURS = "established_neighbours"
#: bump when ``_Terms`` or ``_Neighbours`` changes
_TERMS_VERSION = 1


@dataclass(frozen=True)
class _Terms:
    """What ``term_index`` leaves for the next run: the run's texts and their counts."""

    version: int
    token: bytes
    texts: tuple[str, ...]
    bigrams: dict[str, int]
    han_chars: int


@dataclass(frozen=True)
class _Neighbours:
    """What ``established_neighbours`` leaves for the next run: the index, and the token of the
    texts it was made from."""

    version: int
    token: bytes
    index: dict[tuple[int, str], list[str]]


def _token(digests: list[bytes]) -> bytes:
    """The run's texts as a multiset (their order does not change the counts): their digests
    (:data:`~factlint.text.document.DIGEST`), sorted and hashed."""
    import hashlib

    return hashlib.blake2b(b"".join(sorted(digests)), digest_size=16).digest()


def _from_last_run(texts: list[str], token: bytes, last: Any) -> TermIndex | None:
    """The counts of ``texts`` from those of the last run (``last``): the counts of its texts
    that are gone taken off, those of the new ones added; None when there is no usable last run,
    or most of the text is new (counting it all is then as quick)."""
    if not isinstance(last, _Terms) or last.version != _TERMS_VERSION:
        return None
    now, then = Counter(texts), Counter(last.texts)
    gone, new = then - now, now - then
    changed = sum(len(t) * n for t, n in (*gone.items(), *new.items()))
    if 2 * changed > sum(map(len, texts)):
        return None
    counts = Counter(last.bigrams)
    han = last.han_chars
    before: dict[str, int] = {}
    get = counts.get
    for text, n in gone.items():
        drop: Counter[str] = Counter()
        han -= n * _count_into(drop, text)
        for pair, k in drop.items():
            was = get(pair, 0)
            before.setdefault(pair, was)
            if was > n * k:
                counts[pair] = was - n * k
            else:
                del counts[pair]
    for text, n in new.items():
        add_: Counter[str] = Counter()
        han += n * _count_into(add_, text)
        for pair, k in add_.items():
            was = get(pair, 0)
            before.setdefault(pair, was)
            counts[pair] = was + n * k
    return TermIndex(counts, han, token, (last.token, before))


#: (position of a character, the other character) -> the established bigrams with that other character
NeighbourIndex = dict[tuple[int, str], list[str]]


@corpus_view("established_neighbours", reads=(term_index,))
def established_neighbours(corpus: Corpus) -> NeighbourIndex:
    """The run's *established* bigrams — used at least twice, or words of the dictionary — filed by
    each of their characters: ``(0, "青")`` lists 援青, 在青 …, so that the forms one character away
    from a rare bigram are one look-up per position (use through ``corpus.view``). With a memo,
    the last run's index with only the pairs whose count changed filed again (see the module)."""
    from factlint.language.lexicon import lexicon

    lex = lexicon()

    def established(n: int, bigram: str) -> bool:
        return n >= 2 or (n > 0 and bigram in lex)

    terms = corpus.view(term_index)
    memo = corpus.memo if terms.token else None  # (no token: term_index kept no memo either)
    last = memo.get(_NEIGHBOURS) if memo is not None else None
    if (
        terms.since is not None
        and isinstance(last, _Neighbours)
        and last.version == _TERMS_VERSION
        and last.token == terms.since[0]
    ):
        index = dict(last.index)  # (the lists changed are copied: the memo's may be shared)
        counts = terms.bigrams
        for bigram, was in terms.since[1].items():
            n = counts.get(bigram, 0)
            if (was >= 2) == (n >= 2) and (was > 0) == (n > 0):
                continue  # filed as it was
            now, then = established(n, bigram), established(was, bigram)
            if now and not then:
                for key in ((0, bigram[1]), (1, bigram[0])):
                    index[key] = [*index.get(key, ()), bigram]
            elif then and not now:
                for key in ((0, bigram[1]), (1, bigram[0])):
                    kept = [b for b in index[key] if b != bigram]
                    if kept:
                        index[key] = kept
                    else:
                        del index[key]
    else:
        built: defaultdict[tuple[int, str], list[str]] = defaultdict(list)
        for bigram, count in terms.bigrams.items():
            if established(count, bigram):
                built[(0, bigram[1])].append(bigram)
                built[(1, bigram[0])].append(bigram)
        index = dict(built)
    if memo is not None and not (isinstance(last, _Neighbours) and last.token == terms.token):
        memo.put(_NEIGHBOURS, _Neighbours(_TERMS_VERSION, terms.token, index))
    return index


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

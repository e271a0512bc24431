"""The vocabulary of official reports: their words, and the sequences of characters they write.

jieba's dictionary (``lexicon``) is built from general text and lacks much of what 政府工作报告 write
(职普融通, 批零住餐, 提质增效). ``scripts/build_report_words.py`` counts, over public-domain reports
that are not in the proofread corpus (its docstring cites them):

- ``data/report_words.txt``: their two-character words (segmented by jieba with its HMM), so that
  the typo rules know a word of report language when they see one, and how common a form is;
- ``data/report_ngrams.txt``: their single characters and pairs and triples of adjacent characters,
  within and across words: a character model of report language (显著提升 is written all the time,
  显著是升 never), for the slips the word model is unsure of.

Each is loaded lazily, once per process, the first time a rule asks (20 ms and 0.1 s).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

_DATA = Path(__file__).with_name("data") / "report_words.txt"
_NGRAMS = _DATA.with_name("report_ngrams.txt")
_T = TypeVar("_T")


@dataclass(frozen=True, eq=False)
class ReportWords:
    """Pair -> occurrences in the reference reports, and how many Chinese characters they hold."""

    counts: Mapping[str, int]
    characters: int

    def __contains__(self, pair: str) -> bool:
        return pair in self.counts

    def count(self, pair: str) -> int:
        return self.counts.get(pair, 0)

    def rate(self, pair: str) -> float:
        """Occurrences per Chinese character of the reference reports."""
        return self.counts.get(pair, 0) / self.characters if self.characters else 0.0


@cache
def report_words() -> ReportWords:
    """The table, parsed once (then loaded from its snapshot, :func:`factlint.text.snapshots.cached`:
    a run asks for its pairs ten thousand times, a dict is faster than a mapped table)."""
    counts, characters = _snapshot("report-words", _DATA, _parse)
    return ReportWords(counts, characters)


@cache
def _parsed_words() -> tuple[dict[str, int], int]:
    """The table's file, parsed (only a run that builds its snapshots reads it)."""
    return _parse(_DATA.read_text(encoding="utf-8"))


def _snapshot(name: str, path: Path, parse: Callable[[str], _T]) -> _T:
    from factlint.text.snapshots import cached

    return cached(name, _parts(path), lambda: parse(path.read_text(encoding="utf-8")))


@cache
def _parts(path: Path) -> list[bytes | str]:
    """What the snapshots made from ``path`` are keyed by: its SHA-256 (hashed once for all of
    them: the n-gram table is 1.5 MB) and this module's code."""
    import hashlib

    from factlint.text.snapshots import source_of

    return [hashlib.sha256(path.read_bytes()).hexdigest(), source_of(__file__)]


def _parse(text: str) -> tuple[dict[str, int], int]:
    """A table file: ``key TAB count`` per line, and the number of Chinese characters the
    reference reports hold, from the header ("# 57 reports, 994144 Chinese characters; ...")."""
    counts: dict[str, int] = {}
    characters = 0
    for line in text.splitlines():
        if line.startswith("#"):
            found = re.search(r"(\d+) Chinese characters", line)
            characters = int(found.group(1)) if found else characters
            continue
        key, _, count = line.partition("\t")
        if count:
            counts[key] = int(count)
    return counts, characters


#: (position of a character, the other character) -> {the character at that position: the pair}
NeighbourPairs = Mapping[tuple[int, str], Mapping[str, str]]


@cache
def common_report_words(min_count: int) -> NeighbourPairs:
    """The pairs the reports use at least ``min_count`` times, filed by each character, so that the
    common forms one character away from a pair are one look-up per position (赠效 -> ``(0, "效")``
    -> 增效, 成效, 实效 …); built once, then mapped from its snapshot."""
    from factlint.language.lexicon import neighbour_index
    from factlint.text.tables import mapped, text

    def build() -> Iterable[tuple[str, str]]:
        index: dict[tuple[int, str], list[str]] = {}
        for pair, count in _parsed_words()[0].items():
            if count >= min_count:
                index.setdefault((0, pair[1]), []).append(pair[0])
                index.setdefault((1, pair[0]), []).append(pair[1])
        return ((f"{pos}{other}", "".join(chars)) for (pos, other), chars in index.items())

    table = mapped("common-report-words", [*_parts(_DATA), str(min_count)], build, text)
    return neighbour_index(table)


@dataclass(frozen=True, eq=False)
class ReportCharacters:
    """A character model of report language: pairs and triples of adjacent characters (within and
    across words) and single characters, with their counts in the reference reports."""

    grams: Mapping[str, int]
    singles: Mapping[str, int]
    characters: int

    def logp(self, text: str) -> float:
        """Natural log of the probability of ``text`` after its first character: the product of
        P(next | the one or two before), each triple's estimate smoothed towards its pair's and each
        pair's towards the next character's own frequency (interpolated, Dirichlet priors): a
        sequence the reports never use is not impossible, only as likely as its parts make it."""
        grams, singles = self.grams, self.singles
        total = self.characters + len(singles)
        score = 0.0
        for i in range(1, len(text)):
            before, char = text[i - 1], text[i]
            unigram = (singles.get(char, 0) + 1) / total
            bigram = (grams.get(before + char, 0) + _PAIR_PRIOR * unigram) / (
                singles.get(before, 0) + _PAIR_PRIOR
            )
            if i >= 2:
                context = text[i - 2 : i]
                bigram = (grams.get(context + char, 0) + _TRIPLE_PRIOR * bigram) / (
                    grams.get(context, 0) + _TRIPLE_PRIOR
                )
            score += math.log(bigram)
        return score


#: how many occurrences of the context the pair and triple counts are smoothed with
_PAIR_PRIOR = 20.0
_TRIPLE_PRIOR = 5.0


@cache
def report_characters() -> ReportCharacters:
    """The character model, parsed once, then loaded from its snapshots: the single characters and
    the total unmarshalled, the 129,000 pairs and triples mapped (:mod:`factlint.text.tables`;
    unmarshalling them cost 0.1 s, and a check asks for a few thousand)."""
    from factlint.text.tables import mapped

    parsed: list[tuple[dict[str, int], dict[str, int], int]] = []  # parsed once for both

    def parse(text: str) -> tuple[dict[str, int], dict[str, int], int]:
        if not parsed:
            parsed.append(_parse_split(text))
        return parsed[0]

    singles, characters = _snapshot("report-characters", _NGRAMS, lambda t: parse(t)[1:])
    grams = mapped(
        "report-grams",
        _parts(_NGRAMS),
        lambda: ((key, str(n)) for key, n in parse(_NGRAMS.read_text(encoding="utf-8"))[0].items()),
        int,
    )
    return ReportCharacters(grams, singles, characters)


def _parse_split(text: str) -> tuple[dict[str, int], dict[str, int], int]:
    """The table, its sequences apart from its single characters (snapshot as such)."""
    counts, characters = _parse(text)
    singles = {key: counts.pop(key) for key in [k for k in counts if len(k) == 1]}
    return counts, singles, characters

"""The vocabulary of official reports: pairs of adjacent Chinese characters and how often reports
use them.

jieba's dictionary (``lexicon``) is built from general text and lacks much of what 政府工作报告 write
(职普融通, 批零住餐, 提质增效). ``data/report_words.txt``, built by
``scripts/build_report_words.py`` from public-domain reports that are not in the proofread corpus
(its docstring cites them), counts the pairs those reports use, so that the typo rules know a pair
of report language when they see one, and how common a form is in reports.

Loaded lazily, once per process, the first time a rule asks (about 20 ms).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "report_words.txt"
_PAIRS = _DATA.with_name("report_pairs.txt")


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
    """The table, parsed once."""
    counts: dict[str, int] = {}
    characters = 0
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            # "# 57 reports, 994144 Chinese characters; ..."
            found = re.search(r"(\d+) Chinese characters", line)
            characters = int(found.group(1)) if found else characters
            continue
        pair, _, count = line.partition("\t")
        if count:
            counts[pair] = int(count)
    return ReportWords(counts, characters)


#: (position of a character, the other character) -> {the character at that position: the pair}
NeighbourPairs = Mapping[tuple[int, str], Mapping[str, str]]


@cache
def common_report_words(min_count: int) -> NeighbourPairs:
    """The pairs the reports use at least ``min_count`` times, filed by each character, so that the
    common forms one character away from a pair are one look-up per position (赠效 -> ``(0, "效")``
    -> 增效, 成效, 实效 …)."""
    index: dict[tuple[int, str], dict[str, str]] = {}
    for pair, count in report_words().counts.items():
        if count >= min_count:
            index.setdefault((0, pair[1]), {})[pair[0]] = pair
            index.setdefault((1, pair[0]), {})[pair[1]] = pair
    return index


@dataclass(frozen=True, eq=False)
class ReportPairs:
    """A character model of report language: pairs of adjacent characters (within and across
    words) and single characters, with their counts in the reference reports."""

    pairs: Mapping[str, int]
    singles: Mapping[str, int]
    characters: int

    def logp(self, text: str) -> float:
        """Natural log of the probability of ``text`` after its first character: the product of
        P(next | previous), each smoothed towards the next character's own frequency (a pair the
        reports never use is not impossible, only as likely as its characters make it)."""
        total = self.characters + len(self.singles)
        score = 0.0
        for a, b in pairwise(text):
            prior = (self.singles.get(b, 0) + 1) / total
            score += math.log(
                (self.pairs.get(a + b, 0) + _SMOOTHING * prior)
                / (self.singles.get(a, 0) + _SMOOTHING)
            )
        return score


#: how many occurrences of the previous character the pair counts are smoothed with
_SMOOTHING = 20.0


@cache
def report_pairs() -> ReportPairs:
    """The character model, parsed once (about 30 ms)."""
    pairs: dict[str, int] = {}
    singles: dict[str, int] = {}
    characters = 0
    for line in _PAIRS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            found = re.search(r"(\d+) Chinese characters", line)
            characters = int(found.group(1)) if found else characters
            continue
        key, _, count = line.partition("\t")
        (singles if len(key) == 1 else pairs)[key] = int(count)
    return ReportPairs(pairs, singles, characters)

"""What the typo rules know about Chinese words and characters, from maintained sources.

- **Words**: jieba's dictionary (``jieba/dict.txt``, MIT; 349,000 words with corpus frequencies).
  It tells whether a string is a word, and its frequencies give a unigram word model, enough to
  compare the best segmentation of a short window with and without one character changed.
- **Sound**: ``pypinyin`` (MIT): two characters sound alike when they share a toneless reading.
- **Shape**: the four-corner codes of ``four-corner-method`` (MIT; 四角号码): two characters look
  alike when their four corner digits differ in at most one corner (援 5204 / 接 5004,
  入 8000 / 人 8000).

Everything is loaded lazily, once per process, so that checking a file without Chinese text, or
starting the program, pays nothing. The loaded tables are read-only.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

#: the longest word the window segmentation considers
MAX_WORD = 4


@dataclass(frozen=True)
class Lexicon:
    """Word frequencies of jieba's dictionary.

    The table is memory-mapped (:mod:`factlint.text.tables`): a check looks up a few thousand of
    its 349,000 words, and opening it costs nothing where loading it into a dict cost 0.3 s."""

    frequency: Mapping[str, int]
    total: int

    def __contains__(self, word: str) -> bool:
        return word in self.frequency

    def get(self, word: str) -> int:
        return self.frequency.get(word) or 0


def _package_file(package: str, name: str) -> Path | None:
    """A data file shipped inside ``package``, found without importing the package (importing
    jieba costs 0.1 s and pulls in pkg_resources; pypinyin's loads a 2.5 MB phrase table)."""
    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or ()) if spec else ():
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


@cache
def lexicon() -> Lexicon:
    """jieba's dictionary (``word frequency tag`` per line): parsed once, then mapped from its
    snapshot (:func:`factlint.text.tables.mapped`)."""
    from factlint.text.snapshots import cached
    from factlint.text.tables import mapped

    path = _jieba_file()
    sources = _sources(path)
    table = mapped("lexicon-table", sources, lambda: _parse_lexicon(path)[0], int)
    total = cached("lexicon-total", sources, lambda: _parse_lexicon(path)[1])
    return Lexicon(table, total)


@cache
def _lexicon_items() -> Iterable[tuple[str, int]]:
    """Every word of the dictionary and its frequency, in its order, for building an index (from
    the dictionary itself: reading every entry of the mapped table costs ten times as much). Kept
    once made: only a run that builds the snapshots makes it, and it builds several."""
    return {word: int(count) for word, count in _parse_lexicon(_jieba_file())[0]}.items()


@cache
def _parse_lexicon(path: Path) -> tuple[list[tuple[str, str]], int]:
    fields = path.read_text(encoding="utf-8").split()
    if len(fields) % 3:
        raise ValueError("jieba/dict.txt: expected three fields per line")
    counts = fields[1::3]
    return list(zip(fields[0::3], counts, strict=True)), sum(map(int, counts))


def _sources(*paths: Path) -> list[str | bytes]:
    """What the snapshots of the tables made here depend on: this module's code, and each data
    file by path, size and time of change (jieba's dictionary is 6.5 MB: hashing it would cost
    more than a snapshot saves)."""
    from factlint.text.snapshots import source_of

    parts: list[str | bytes] = [source_of(__file__)]
    for path in paths:
        info = path.stat()
        parts.append(f"{path}\0{info.st_size}\0{info.st_mtime_ns}")
    return parts


def _four_corner_file() -> Path:
    found = _package_file("four_corner_method", "data/data.pkl")
    if found is None:  # pragma: no cover - another layout of the package: no snapshot key
        raise FileNotFoundError("four_corner_method/data/data.pkl")
    return found


#: (position of a character, the other character, the four-corner code at that position) -> words
ShapeIndex = Mapping[tuple[int, str, str], tuple[str, ...]]

K = TypeVar("K")
V = TypeVar("V")
_NONE: Any = object()


class _TextIndex(Mapping[K, V]):
    """An index of text (a mapped table, :func:`factlint.text.tables.mapped`) seen with the keys
    and values of its callers: ``key`` makes the table's key of one of theirs, ``unkey`` the other
    way round, ``value`` makes the value of a key from the table's text. Each value is made once."""

    def __init__(
        self,
        table: Mapping[str, str],
        key: Callable[[K], str],
        unkey: Callable[[str], K],
        value: Callable[[K, str], V],
    ) -> None:
        self._table, self._key, self._unkey, self._value = table, key, unkey, value
        self._memo: dict[K, V] = {}

    def get(self, key: K, default: Any = None) -> Any:
        found = self._memo.get(key, _NONE)
        if found is _NONE:
            text = self._table.get(self._key(key))
            if text is None:
                return default
            found = self._memo[key] = self._value(key, text)
        return found

    def __getitem__(self, key: K) -> V:
        found = self.get(key, _NONE)
        if found is _NONE:
            raise KeyError(key)
        return cast(V, found)

    def __contains__(self, key: object) -> bool:
        return self.get(cast(K, key), _NONE) is not _NONE

    def __iter__(self) -> Iterator[K]:
        return map(self._unkey, self._table)

    def __len__(self) -> int:
        return len(self._table)


@cache
def same_shape_words(min_frequency: int) -> ShapeIndex:
    """Two-character dictionary words at least ``min_frequency`` common, filed so that the words
    one same-shaped character away from a pair are found by one look-up (介人 -> 介入); built once,
    then mapped from its snapshot (a run looks up a few hundred of its 80,000 keys)."""
    from factlint.text.tables import mapped, text

    def build() -> Iterable[tuple[str, str]]:
        return (
            (f"{pos}{other}{code}", "".join(words))
            for (pos, other, code), words in _same_shape_words(min_frequency).items()
        )

    try:
        sources = _sources(_jieba_file(), _four_corner_file())
    except OSError:
        return _same_shape_words(min_frequency)
    table = mapped("same-shape-table", [*sources, str(min_frequency)], build, text)
    return _TextIndex(table, _shape_key, _shape_unkey, _two_character_words)


def _shape_key(key: tuple[int, str, str]) -> str:
    return f"{key[0]}{key[1]}{key[2]}"


def _shape_unkey(key: str) -> tuple[int, str, str]:
    return int(key[0]), key[1], key[2:]


def _two_character_words(key: object, words: str) -> tuple[str, ...]:
    return tuple(words[i : i + 2] for i in range(0, len(words), 2))


def _same_shape_words(min_frequency: int) -> dict[tuple[int, str, str], tuple[str, ...]]:
    corner = _four_corner()
    index: dict[tuple[int, str, str], list[str]] = {}
    for word, count in _lexicon_items():
        if len(word) != 2 or count < min_frequency:
            continue
        for pos in (0, 1):
            code = corner.get(word[pos])
            if code and len(code) >= 4:
                index.setdefault((pos, word[1 - pos], code[:4]), []).append(word)
    return {key: tuple(words) for key, words in index.items()}


def _jieba_file() -> Path:
    found = _package_file("jieba", "dict.txt")
    if found is None:
        raise FileNotFoundError("jieba/dict.txt is not installed")
    return found


#: (position of a character, the other character) -> {the character at that position: the word}
NeighbourWords = Mapping[tuple[int, str], Mapping[str, str]]


@cache
def common_words(min_frequency: int) -> NeighbourWords:
    """Two-character dictionary words at least ``min_frequency`` common, filed by each character, so
    that the common words one character away from a pair are one look-up per position (隐定 ->
    ``(0, "定")`` -> 稳定, 确定, 决定 …, keyed by their first character); built once, then mapped
    from its snapshot (a run looks up a few thousand of its 9,000 keys)."""
    from factlint.text.tables import mapped, text

    def build() -> Iterable[tuple[str, str]]:
        return (
            (f"{pos}{other}", "".join(near))
            for (pos, other), near in _common_words(min_frequency).items()
        )

    try:
        sources = _sources(_jieba_file())
    except OSError:
        return _common_words(min_frequency)
    table = mapped("common-words-table", [*sources, str(min_frequency)], build, text)
    return neighbour_index(table)


def neighbour_index(table: Mapping[str, str]) -> NeighbourWords:
    """A table of ``pos`` and a character -> the characters that form a word at ``pos`` beside it,
    seen as :data:`NeighbourWords`."""
    return _TextIndex(table, _neighbour_key, _neighbour_unkey, _neighbour_words)


def _neighbour_key(key: tuple[int, str]) -> str:
    return f"{key[0]}{key[1]}"


def _neighbour_unkey(key: str) -> tuple[int, str]:
    return int(key[0]), key[1:]


def _neighbour_words(key: tuple[int, str], characters: str) -> dict[str, str]:
    """The words of ``characters`` at position ``key[0]`` beside ``key[1]``, by that character."""
    pos, other = key
    if pos == 0:
        return {char: char + other for char in characters}
    return {char: other + char for char in characters}


def _common_words(min_frequency: int) -> dict[tuple[int, str], dict[str, str]]:
    index: dict[tuple[int, str], dict[str, str]] = {}
    for word, count in _lexicon_items():
        if len(word) == 2 and count >= min_frequency:
            index.setdefault((0, word[1]), {})[word[0]] = word
            index.setdefault((1, word[0]), {})[word[1]] = word
    return index


def four_corner_code(char: str) -> str | None:
    """The four corner digits of ``char`` (入 -> 8000), if the table knows it."""
    code = _four_corner().get(char)
    return code[:4] if code and len(code) >= 4 else None


@cache
def _four_corner() -> Mapping[str, str]:
    """Character -> its four-corner code (the package's table, mapped from its snapshot: the
    package unpickles 74,000 entries, 0.08 s, where a check asks for a few thousand)."""
    from factlint.text.tables import mapped, text

    def build() -> Iterable[tuple[str, str]]:
        from four_corner_method import FourCornerMethod

        data: Mapping[str, str] = FourCornerMethod().data
        return data.items()

    try:
        sources = _sources(_four_corner_file())
    except OSError:
        return dict(build())
    return mapped("four-corner", sources, build, text)


@cache
def _pinyin_table() -> Mapping[int, str]:
    """pypinyin's character table (code point -> readings, the usual one first).

    Read from the JSON file pypinyin ships, without importing the package: its ``__init__`` also
    loads the 2.5 MB phrase dictionary (0.5 s) that single characters do not need."""
    path = _package_file("pypinyin", "pinyin_dict.json")
    if path is not None:
        table = json.loads(path.read_text(encoding="utf-8"))
        return {int(code): readings for code, readings in table.items()}
    from pypinyin.constants import PINYIN_DICT  # a future layout: the public table

    return dict(PINYIN_DICT)


def _toneless(readings: str) -> str:
    # the usual reading only: rare readings (提 dī, 达 tì) would make everything sound alike
    usual = unicodedata.normalize("NFD", readings.split(",")[0].replace("ü", "v"))
    return "".join(c for c in usual if not unicodedata.combining(c))


@cache
def _usual_readings() -> Mapping[str, str]:
    """Character -> its toneless usual reading, for every character of pypinyin's table (mapped
    from its snapshot: parsing the table's JSON costs 0.06 s)."""
    from factlint.text.tables import mapped, text

    def build() -> Iterable[tuple[str, str]]:
        return (
            (chr(code), reading)
            for code, readings in _pinyin_table().items()
            if readings and (reading := _toneless(readings))
        )

    try:
        sources = _sources(_pinyin_file())
    except OSError:
        return dict(build())
    return mapped("usual-readings", sources, build, text)


@cache
def usual_reading(char: str) -> str:
    """The toneless usual reading of ``char`` (the first of pypinyin's table: 长 zhang, 提 ti),
    or "" for a character pypinyin does not know."""
    return _usual_readings().get(char, "")


def _readings(char: str) -> frozenset[str]:
    reading = usual_reading(char)
    return frozenset({reading}) if reading else frozenset()


@cache
def confusion_keys(char: str) -> frozenset[str]:
    """Keys two characters share exactly when they sound or look alike.

    ``p:<reading>`` for the toneless usual reading; ``s:<code>`` for the four-corner code with one
    corner masked, for each corner (codes differing in at most one corner share one of these).
    """
    keys = {"p:" + reading for reading in _readings(char)}
    code = four_corner_code(char)
    if code:
        keys.update("s:" + code[:i] + "?" + code[i + 1 :] for i in range(4))
    return frozenset(keys)


@cache
def _table_characters() -> str:
    """The characters of 通用规范汉字表 (the confusables table's), in code-point order."""
    from factlint.language.confusables import confusables

    return "".join(sorted(confusables().readings))


def _confusion_parts() -> list[str | bytes]:
    """What the tables of confusion keys are made of (their snapshots' key): the reading and shape
    tables and the characters filed (the confusables table's file: listing its characters would
    read every entry of its mapped table); OSError when a table is not installed where expected."""
    from factlint.language.confusables import table_digest

    return [*_sources(_four_corner_file(), _pinyin_file()), table_digest()]


@cache
def characters_by_confusion_key() -> Mapping[str, str]:
    """The characters of 通用规范汉字表 (the confusables table's) filed by their confusion keys
    (:func:`confusion_keys`), so that the characters sharing a key are one look-up; built once,
    then mapped from its snapshot (building reads two tables for 8,105 characters: 0.2 s)."""
    from factlint.text.tables import mapped, text

    def build() -> dict[str, str]:
        return _characters_by_confusion_key(_table_characters())

    try:
        parts = _confusion_parts()
    except OSError:
        return build()
    return mapped("confusion-keys-table", parts, lambda: build().items(), text)


@cache
def _keys_by_character() -> Mapping[str, str]:
    """Character -> its confusion keys (tab-separated), the other way round (mapped; made from the
    index above, and so keyed by what it is made of)."""
    from factlint.text.tables import mapped, text

    def build() -> Iterable[tuple[str, str]]:
        index: dict[str, list[str]] = {}
        for key, chars in characters_by_confusion_key().items():
            for char in chars:
                index.setdefault(char, []).append(key)
        return ((char, "\t".join(sorted(keys))) for char, keys in index.items())

    try:
        parts = _confusion_parts()
    except OSError:
        return dict(build())
    return mapped("confusion-keys-by-character", parts, build, text)


def known_confusion_keys(char: str) -> frozenset[str]:
    """:func:`confusion_keys`, read from the snapshot's index for a character of 通用规范汉字表
    (without loading the reading and shape tables), computed for any other."""
    found = _keys_by_character().get(char)
    return frozenset(found.split("\t")) if found is not None else confusion_keys(char)


@cache
def slip_candidates() -> Mapping[str, str]:
    """Each character of 通用规范汉字表 -> the characters it may be a slip for (in code-point order):
    :func:`candidates_of`, for all of them at once; built once (1 s), then loaded from its snapshot
    (a run meets a thousand characters or more: 0.1–0.2 s saved on each)."""
    from factlint.language import confusables as module
    from factlint.text.snapshots import source_of
    from factlint.text.tables import mapped, text

    def build() -> Iterable[tuple[str, str]]:
        # what ``candidates_of`` gives, made without the sets a run keeps (interned, frozen, cached
        # per character): of 8,105 characters, 170 candidates each on average (0.7 s saved)
        table, by_key, keys_of = (
            module.confusables(),
            characters_by_confusion_key(),
            _keys_by_character(),
        )
        shapes, readings, sounds = table.shapes, table.readings, table.sounds
        fuzzy: dict[str, str] = {}
        for char in _table_characters():
            found = set(shapes.get(char, ""))
            for reading in readings.get(char, ()):
                key = fuzzy.get(reading)
                if key is None:
                    key = fuzzy[reading] = module.fuzzy_key(reading)
                found.update(sounds.get(key, ()))
            keys = keys_of.get(char)
            for key in keys.split("\t") if keys is not None else confusion_keys(char):
                found.update(by_key.get(key, ""))
            found.discard(char)
            yield char, "".join(sorted(found))

    try:
        parts = [*_confusion_parts(), source_of(module.__file__)]
    except OSError:
        return dict(build())
    return mapped("slip-candidates-table", parts, build, text)


def candidates_of(char: str) -> frozenset[str]:
    """The characters ``char`` may be a slip for: its look-alikes and sound-alikes (any reading,
    fuzzy initials and finals: ``confusables``), and those sharing a usual reading or nearly all
    four corners (:func:`confusion_keys`)."""
    from factlint.language.confusables import confusables

    by_key = characters_by_confusion_key()
    found = set(confusables().alikes(char))
    for key in known_confusion_keys(char):
        found.update(map(sys.intern, by_key.get(key, "")))
    found.discard(char)
    return frozenset(found)


def _characters_by_confusion_key(characters: str) -> dict[str, str]:
    index: dict[str, list[str]] = {}
    for char in characters:
        for key in sorted(confusion_keys(char)):
            index.setdefault(key, []).append(char)
    return {key: "".join(chars) for key, chars in index.items()}


def _pinyin_file() -> Path:
    found = _package_file("pypinyin", "pinyin_dict.json")
    if found is None:
        raise FileNotFoundError("pypinyin/pinyin_dict.json is not installed")
    return found


@lru_cache(maxsize=1 << 16)
def _log_frequency(word: str) -> float | None:
    """The natural log of ``word``'s dictionary frequency, or None when it is not a word."""
    count = lexicon().frequency.get(word)
    return math.log(count) if count else None


@lru_cache(maxsize=1 << 14)
def _plain_segmentation_logp(text: str) -> float:
    return _segmentation_logp(text, None)


def best_segmentation_logp(text: str, extra: Mapping[str, float] | None = None) -> float:
    """Log-probability of the best segmentation of ``text`` into dictionary words (jieba's model:
    unigram frequencies; an unknown single character counts as frequency 1). ``extra`` adds
    frequencies of words the dictionary lacks (terms of the corpus)."""
    if not extra:
        return _plain_segmentation_logp(text)
    return _segmentation_logp(text, extra)


def _segmentation_logp(text: str, extra: Mapping[str, float] | None) -> float:
    log_total = math.log(lexicon().total)
    n = len(text)
    best = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        score = -math.inf
        for j in range(i + 1, min(n, i + MAX_WORD) + 1):
            word = text[i:j]
            logf = _log_frequency(word)
            if extra is not None and word in extra:
                more = extra[word]
                if more > 0 and (logf is None or math.log(more) > logf):
                    logf = math.log(more)
            if logf is None:
                if j > i + 1:
                    continue
                logf = 0.0
            score = max(score, logf - log_total + best[j])
        best[i] = score
    return best[0]

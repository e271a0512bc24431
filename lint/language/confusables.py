"""Characters a writer may type or write for another: look-alikes and sound-alikes.

The table ``data/confusables.txt`` is built by ``scripts/build_confusables.py`` (its docstring
documents the derivation) from BabelStone IDS (no copyright claimed) and Unihan (Unicode License
v3), for the 8,105 characters of 通用规范汉字表:

- **look-alikes** (形近): two characters of one configuration with one part differing (休 ⿰亻木 /
  体 ⿰亻本, 隐 ⿰阝急 / 稳 ⿰禾急), one a large part of the other (式 / 试, 建 / 键), or Cangjie codes
  one letter apart (局 SSR / 居 SJR, 入 / 人);
- **sound-alikes** (音近): two characters with readings (any reading of 通用规范汉字字典, tones
  ignored) that input methods confuse: zh/z, ch/c, sh/s, n/l and -n/-ng (jing/jin) count as one.

The table is read once, lazily, the first time a rule asks, then mapped from its snapshots; a run
without Chinese text never reads it.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "confusables.txt"

#: initials and finals that input methods (and southern speakers) confuse, mapped to one form
_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))
_FINALS = (("iang", "ian"), ("uang", "uan"), ("ang", "an"), ("eng", "en"), ("ing", "in"))


def fuzzy_key(reading: str) -> str:
    """The reading with confusable initials and finals merged (zheng -> zen, ning -> lin)."""
    for long, short in _INITIALS:
        if reading.startswith(long):
            reading = short + reading[len(long) :]
            break
    for long, short in _FINALS:
        if reading.endswith(long):
            return reading[: -len(long)] + short
    return reading


@dataclass(frozen=True, eq=False)  # hashed by identity: one table per process
class Confusables:
    """Look-alikes and readings of the characters of 通用规范汉字表."""

    shapes: Mapping[str, str]
    readings: Mapping[str, tuple[str, ...]]
    #: fuzzy key -> the characters with a reading of that key
    sounds: Mapping[str, frozenset[str]]
    #: character -> its look-alikes and sound-alikes (:meth:`alikes`) as one string, in code-point
    #: order (a rule testing a few characters against them needs no set: 10 µs each to build)
    alike_text: Mapping[str, str]

    def look_alike(self, a: str, b: str) -> bool:
        return b in self.shapes.get(a, "") or a in self.shapes.get(b, "")

    def sound_alike(self, a: str, b: str) -> bool:
        keys = {fuzzy_key(r) for r in self.readings.get(a, ())}
        return any(fuzzy_key(r) in keys for r in self.readings.get(b, ()))

    def same_sound(self, a: str, b: str) -> bool:
        """A reading in common, tones ignored (建 / 键 jian)."""
        return not set(self.readings.get(a, ())).isdisjoint(self.readings.get(b, ()))

    def kind(self, a: str, b: str) -> tuple[str, str] | None:
        """Why ``a`` may stand for ``b``: (Chinese, English), or None when they are not alike."""
        shape, sound = self.look_alike(a, b), self.sound_alike(a, b)
        if shape and sound:
            return "音形皆近", "look and sound alike"
        if shape:
            return "形近", "look alike"
        if sound:
            return "音近" if not self.same_sound(a, b) else "同音", (
                "sound alike" if not self.same_sound(a, b) else "sound the same"
            )
        return None

    def alikes(self, a: str) -> frozenset[str]:
        return _alikes(self, a)


@lru_cache(maxsize=2048)  # (a set each for the characters met most: 2 kB each)
def _alikes(table: Confusables, a: str) -> frozenset[str]:
    # (each character one shared string: a run keeps thousands of these sets)
    return frozenset(map(sys.intern, table.alike_text.get(a, "")))


def _alike_pairs(
    shapes: Mapping[str, str],
    readings: Mapping[str, tuple[str, ...]],
    sounds: Mapping[str, frozenset[str]],
) -> Iterator[tuple[str, str]]:
    """Each character with look-alikes or sound-alikes, and those as one string (code-point
    order): its look-alikes, and every character with a reading of the same fuzzy key."""
    for char in sorted(shapes.keys() | readings.keys()):
        found = set(shapes.get(char, ""))
        for reading in readings.get(char, ()):
            found.update(sounds.get(fuzzy_key(reading), ()))
        found.discard(char)
        if found:
            yield char, "".join(sorted(found))


@cache
def confusables() -> Confusables:
    """The table, parsed once, then mapped from its snapshots (:func:`factlint.text.tables.mapped`:
    a run looks up a few thousand of its characters, where loading its 8,105 took 10 ms)."""
    from factlint.text.snapshots import source_of
    from factlint.text.tables import mapped, text

    parts: list[str | bytes] = [table_digest(), source_of(__file__)]

    @cache
    def parse() -> tuple[dict[str, str], dict[str, tuple[str, ...]], dict[str, frozenset[str]]]:
        return _parse(_DATA.read_text(encoding="utf-8"))

    shapes = mapped("confusable-shapes", parts, lambda: parse()[0].items(), text)
    readings = mapped(
        "confusable-readings",
        parts,
        lambda: ((c, ",".join(rs)) for c, rs in parse()[1].items()),
        _readings,
    )
    sounds = mapped(
        "confusable-sounds",
        parts,
        lambda: ((k, "".join(sorted(cs))) for k, cs in parse()[2].items()),
        _characters,
    )
    alike_text = mapped("confusable-alikes", parts, lambda: _alike_pairs(*parse()), text)
    return Confusables(shapes, readings, sounds, alike_text)


@cache
def table_digest() -> str:
    """The SHA-256 of the table's file: what the snapshots made from it are keyed by."""
    import hashlib

    return hashlib.sha256(_DATA.read_bytes()).hexdigest()


def _readings(value: bytes) -> tuple[str, ...]:
    return tuple(value.decode("utf-8").split(",")) if value else ()


def _characters(value: bytes) -> frozenset[str]:
    # (each character one shared string: the sets of a run's characters are made of them)
    return frozenset(map(sys.intern, value.decode("utf-8")))


def _parse(
    text: str,
) -> tuple[dict[str, str], dict[str, tuple[str, ...]], dict[str, frozenset[str]]]:
    shapes: dict[str, str] = {}
    readings: dict[str, tuple[str, ...]] = {}
    sounds: defaultdict[str, set[str]] = defaultdict(set)
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        char, reads, near = line.split("\t")
        rs = tuple(reads.split(",")) if reads else ()
        readings[char] = rs
        shapes[char] = near
        for r in rs:
            sounds[fuzzy_key(r)].add(char)
    # look-alikes are symmetric; the file lists each side's own
    for char, near in list(shapes.items()):
        for other in near:
            if char not in shapes.get(other, char):
                shapes[other] = shapes.get(other, "") + char
    return shapes, readings, {k: frozenset(v) for k, v in sounds.items()}

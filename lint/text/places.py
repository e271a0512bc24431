"""Where a line of a document sits in the file it was read from, in words an editor can use: the
part of a Word file (the body, a table cell, a header, a footnote, a text box) and the heading it
is under.

The text layer stays format-agnostic: an input reader (:mod:`factlint.inputs.wordml`) returns the
text together with a list of :class:`PlaceRange` records (which lines are where); the
:class:`~factlint.text.document.Document` carries them; segmentation reads which lines stand
outside the running text (:meth:`Place.running`), and the reporters say where a finding is
(:func:`describe`, :func:`as_json`). A document read from plain text has no records.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

Part = Literal["body", "table", "header", "footer", "footnote", "endnote", "textbox"]

#: the parts' names, in Chinese and in English
PART_NAMES: dict[str, tuple[str, str]] = {
    "body": ("正文", "body"),
    "table": ("表格", "table"),
    "header": ("页眉", "header"),
    "footer": ("页脚", "footer"),
    "footnote": ("脚注", "footnote"),
    "endnote": ("尾注", "endnote"),
    "textbox": ("文本框", "text box"),
}

HEADING_SHOWN = 24  # characters of a heading quoted, at most


@dataclass(frozen=True, slots=True)
class Place:
    """Where some lines are. ``part`` is one of :data:`PART_NAMES`; a table cell (in the body or
    elsewhere) has its 1-based ``table``, ``row`` and ``column``; a footnote or endnote its
    1-based ``note``; ``heading`` is the text of the heading the lines are under ("" if none)."""

    part: Part
    table: int = 0
    row: int = 0
    column: int = 0
    note: int = 0
    heading: str = ""

    @property
    def running(self) -> bool:
        """Whether the lines are paragraphs of the running text (the body, outside tables): the
        others — a table cell, a header, a footnote, a text box — are each a block of their own,
        never joined to or continued by their neighbours."""
        return self.part == "body" and not self.table


@dataclass(frozen=True, slots=True)
class PlaceRange:
    """Lines ``first`` to ``last`` (1-based, inclusive) are at ``place``."""

    first: int
    last: int
    place: Place


class Places:
    """The place of each line, looked up by line number (records in line order)."""

    __slots__ = ("_firsts", "ranges")

    def __init__(self, ranges: Sequence[PlaceRange] = ()) -> None:
        self.ranges: tuple[PlaceRange, ...] = tuple(sorted(ranges, key=lambda r: r.first))
        self._firsts = [r.first for r in self.ranges]

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def at(self, line: int) -> Place | None:
        """The place of a 1-based line, or None where no record says."""
        i = bisect_right(self._firsts, line) - 1
        if i < 0:
            return None
        record = self.ranges[i]
        return record.place if line <= record.last else None

    def standalone_lines(self) -> set[int]:
        """The 0-based indexes of the lines outside the running text (:attr:`Place.running`)."""
        out: set[int] = set()
        for r in self.ranges:
            if not r.place.running:
                out.update(range(r.first - 1, r.last))
        return out

    def key(self) -> str:
        """A stable text of the records (what the cache keys on with the text)."""
        return repr(self.ranges)


def _heading(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= HEADING_SHOWN else text[: HEADING_SHOWN - 1] + "…"


def describe(place: Place, lang: str) -> str:
    """The place in words: ``表格1 第2行第3列``, ``页眉``, ``脚注2``, ``正文，“一、经济运行”下``
    (``table 1, row 2, column 3``, ``header``, ``footnote 2``, ``body, under “…”``). The body
    without a heading says nothing ("")."""
    zh = lang != "en"
    name = PART_NAMES[place.part][0 if zh else 1]
    bits: list[str] = []
    if place.part == "body" and place.heading:
        bits.append(name)
    elif place.part not in ("body", "table"):
        bits.append(f"{name}{place.note}" if zh and place.note else name)
        if place.note and not zh:
            bits[-1] = f"{name} {place.note}"
    if place.table:
        if zh:
            bits.append(f"表格{place.table} 第{place.row}行第{place.column}列")
        else:
            bits.append(f"table {place.table}, row {place.row}, column {place.column}")
    if place.heading and place.part in ("body", "table"):
        heading = _heading(place.heading)
        bits.append(f"“{heading}”下" if zh else f"under “{heading}”")
    return ("，" if zh else ", ").join(bits)


def as_json(place: Place, lang: str | None) -> dict[str, Any]:
    """The place as the JSON ``location`` key: ``part`` (one of :data:`PART_NAMES`), ``table``,
    ``row``, ``column`` (a table cell), ``note`` (a footnote or endnote), ``heading`` (if any) and
    ``text``, the place in words in ``lang`` (Chinese if None)."""
    out: dict[str, Any] = {"part": place.part}
    if place.table:
        out |= {"table": place.table, "row": place.row, "column": place.column}
    if place.note:
        out["note"] = place.note
    if place.heading:
        out["heading"] = place.heading
    out["text"] = describe(place, lang or "zh") or PART_NAMES[place.part][0 if lang != "en" else 1]
    return out

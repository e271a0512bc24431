"""``--format json``: one JSON array, the contract of the README (*JSON output*): each element is
:func:`factlint.model.to_dict` of a diagnostic with ``public=True``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring as _string
from typing import Any

from factlint.model import Diagnostic, to_dict
from factlint.reporters import Format, Report, statistics
from factlint.text.places import as_json

#: diagnostics written in one piece by :func:`pieces`
_BATCH = 256


def render(report: Report) -> str:
    return "".join(pieces(report))


def pieces(report: Report) -> Iterator[str]:
    """The text of :func:`render` in successive pieces, a batch of diagnostics each, exactly as
    ``json.dumps(array, ensure_ascii=False, indent=2) + "\\n"`` gives it: the array is never held
    whole, as dicts or as text (on a 10 MB document its text is 12 MB, its dicts more).

    Each element is dumped alone and indented one more level: JSON text has a line break only
    between tokens (one inside a string is escaped), so every ``\\n`` of an element's dump starts
    one of its lines."""
    if not report.diagnostics:
        yield "[]\n"
        return
    batch: list[str] = []
    for i, d in enumerate(report.diagnostics):
        batch.append(("[\n  " if i == 0 else ",\n  ") + _element(_with_place(report, d)))
        if len(batch) >= _BATCH:
            yield "".join(batch)
            batch.clear()
    batch.append("\n]\n")
    yield "".join(batch)


def _element(value: dict[str, Any]) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` indented one more level, as an element
    of the array: by :func:`_encode` (the values of a diagnostic), else by ``json.dumps``."""
    try:
        return _encode(value, "\n    ")
    except _Unexpected:
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")


class _Unexpected(Exception):
    """A value :func:`_encode` leaves to ``json.dumps``."""


def _encode(value: Any, inner: str) -> str:
    """``value`` as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it, its members on
    lines that start with ``inner`` (a line break and their indentation): the same text, without
    the pure-Python encoder ``indent`` makes ``json`` use (~4 times faster on a 10 MB document's
    diagnostics). Strings go through ``json``'s own (C) string encoder; a dict key that is not a
    string, or a value that is none of str, None, bool, int, float, list, tuple or dict, raises
    :class:`_Unexpected`."""
    if isinstance(value, str):
        return _string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    deeper = inner + "  "
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        members = [_encode(v, deeper) for v in value]
        return "[" + inner + ("," + inner).join(members) + inner[:-2] + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = []
        for k, v in value.items():
            if not isinstance(k, str):
                raise _Unexpected
            items.append(_string(k) + ": " + _encode(v, deeper))
        return "{" + inner + ("," + inner).join(items) + inner[:-2] + "}"
    raise _Unexpected


def _float(value: float) -> str:
    """A float as ``json`` writes it (``allow_nan``: NaN, Infinity)."""
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def _with_place(report: Report, d: Diagnostic) -> dict[str, Any]:
    """The contract's keys, then ``location`` where the input said where the line is (a Word
    file's part, table cell, note, heading: :func:`factlint.text.places.as_json`)."""
    out = to_dict(d, report.lang, public=True)
    place = report.place(d)
    if place is not None:
        out["location"] = as_json(place, report.lang)
    return out


FORMAT = Format("json", render, statistics=statistics.json_array, pieces=pieces)

"""``--format json``: one JSON array, the contract of the README (*JSON output*): each element is
:func:`factlint.model.to_dict` of a diagnostic with ``public=True``."""

from __future__ import annotations

import json
from collections.abc import Iterator
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
        element = json.dumps(_with_place(report, d), ensure_ascii=False, indent=2)
        batch.append(("[\n  " if i == 0 else ",\n  ") + element.replace("\n", "\n  "))
        if len(batch) >= _BATCH:
            yield "".join(batch)
            batch.clear()
    batch.append("\n]\n")
    yield "".join(batch)


def _with_place(report: Report, d: Diagnostic) -> dict[str, Any]:
    """The contract's keys, then ``location`` where the input said where the line is (a Word
    file's part, table cell, note, heading: :func:`factlint.text.places.as_json`)."""
    out = to_dict(d, report.lang, public=True)
    place = report.place(d)
    if place is not None:
        out["location"] = as_json(place, report.lang)
    return out


FORMAT = Format("json", render, statistics=statistics.json_array, pieces=pieces)

"""``--format json``: one JSON array, the contract of the README (*JSON output*): each element is
:func:`factlint.model.to_dict` of a diagnostic with ``public=True``."""

from __future__ import annotations

import json
from typing import Any

from factlint.model import Diagnostic, to_dict
from factlint.reporters import Format, Report, statistics
from factlint.text.places import as_json


def render(report: Report) -> str:
    return (
        json.dumps(
            [_with_place(report, d) for d in report.diagnostics],
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def _with_place(report: Report, d: Diagnostic) -> dict[str, Any]:
    """The contract's keys, then ``location`` where the input said where the line is (a Word
    file's part, table cell, note, heading: :func:`factlint.text.places.as_json`)."""
    out = to_dict(d, report.lang, public=True)
    place = report.place(d)
    if place is not None:
        out["location"] = as_json(place, report.lang)
    return out


FORMAT = Format("json", render, statistics=statistics.json_array)

"""``--format json``: one JSON array, the contract of the README (*JSON output*): each element is
:func:`factlint.model.to_dict` of a diagnostic with ``public=True``."""

from __future__ import annotations

import json

from factlint.model import to_dict
from factlint.reporters import Format, Report, statistics


def render(report: Report) -> str:
    return (
        json.dumps(
            [to_dict(d, report.lang, public=True) for d in report.diagnostics],
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


FORMAT = Format("json", render, statistics=statistics.json_array)

"""``--format json``: one JSON array, the contract of DESIGN.md."""

from __future__ import annotations

import json
from typing import Any

from factlint.model import Diagnostic
from factlint.reporters import Format, Report, statistics


def to_dict(d: Diagnostic, lang: str) -> dict[str, Any]:
    return {
        "path": d.path,
        "code": d.code,
        "rule": d.rule,
        "severity": d.severity.value,
        "message": d.message.text(lang),
        "line": d.location.line,
        "column": d.location.column,
        "end_line": d.location.end_line,
        "end_column": d.location.end_column,
        "related": [
            {"path": r.path, "line": r.line, "column": r.column, "message": r.message.text(lang)}
            for r in d.related
        ],
        "fix": None
        if d.fix is None
        else {"replacement": d.fix.replacement, "message": d.fix.message.text(lang)},
    }


def render(report: Report) -> str:
    return (
        json.dumps(
            [to_dict(d, report.lang) for d in report.diagnostics], ensure_ascii=False, indent=2
        )
        + "\n"
    )


FORMAT = Format("json", render, statistics=statistics.json_array)

"""``--statistics``: how many findings each rule made, most first (ties by code), like ruff's.

Text: ``count  code  [*] name`` per line, ``[*]`` where the findings carry a safe fix;
JSON (with ``--format json``): an array of ``{"code", "name", "count", "fixable"}``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from factlint.reporters import Report


@dataclass(frozen=True, slots=True)
class RuleCount:
    """How many findings a rule made, and whether one of them has a safe fix."""

    code: str
    name: str
    count: int
    fixable: bool  # at least one of the findings carries a safe fix


def count(report: Report) -> list[RuleCount]:
    counts: Counter[str] = Counter(d.code for d in report.diagnostics)
    names = {d.code: d.rule for d in report.diagnostics}
    fixable = {d.code for d in report.diagnostics if d.fix is not None and d.fix.safe}
    return [
        RuleCount(code, names[code], n, code in fixable)
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def render(report: Report, *, as_json: bool = False) -> str:
    rows = count(report)
    if as_json:
        data = [
            {"code": r.code, "name": r.name, "count": r.count, "fixable": r.fixable} for r in rows
        ]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if not rows:
        return ""
    count_width = max(len(str(r.count)) for r in rows)
    code_width = max(len(r.code) for r in rows)
    any_fixable = any(r.fixable for r in rows)
    lines = []
    for r in rows:
        marker = ("[*] " if r.fixable else "[ ] ") if any_fixable else ""
        lines.append(f"{r.count:>{count_width}}  {r.code:<{code_width}}  {marker}{r.name}")
    return "\n".join(lines) + "\n"


def table(report: Report) -> str:
    """``--statistics`` in the text formats."""
    return render(report)


def json_array(report: Report) -> str:
    """``--statistics --format json``."""
    return render(report, as_json=True)

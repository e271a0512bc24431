"""``path:line:col: CODE message`` — one line per diagnostic, for editors and grep (control
characters in paths and messages made visible: :func:`factlint.reporters.visible`)."""

from __future__ import annotations

from factlint.reporters import Format, Report, statistics, visible


def render(report: Report) -> str:
    lines = []
    for d in report.diagnostics:
        lines.append(
            f"{visible(d.path)}:{d.location.line}:{d.location.column}{report.where(d)}: {d.code} "
            f"{visible(d.message.text(report.lang))}"
        )
    return "\n".join(lines) + ("\n" if lines else "")


FORMAT = Format("concise", render, statistics=statistics.table)

"""``--format github``: one GitHub Actions workflow command per diagnostic, so each finding appears
as an annotation on the file, inline in a pull request's diff:

    ::warning file=a.txt,line=3,col=8,endLine=3,endColumn=9,title=P101 half-width-punctuation::…

Severity maps to ``error`` / ``warning`` / ``notice``. Columns are 1-based, end exclusive, and
given only when the span stays on one line (GitHub rejects ``col``/``endColumn`` otherwise). The
message carries the related places and the fix on further lines (escaped, so the command stays
one line of output); control characters of the document or the file name are made visible first
(:func:`factlint.reporters.visible`), so none reaches the log raw.
"""

from __future__ import annotations

from factlint.model import Diagnostic, Severity
from factlint.reporters import Format, Report, notes, visible

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message after ``::``: ``%``, CR and LF are percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property: as data, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d: Diagnostic, lang: str, fixable: bool = True) -> str:
    loc = d.location
    properties = {"file": visible(d.path.removeprefix("./")), "line": str(loc.line)}
    if loc.end_line == loc.line:
        properties["col"] = str(loc.column)
    properties["endLine"] = str(loc.end_line)
    if loc.end_line == loc.line:
        properties["endColumn"] = str(max(loc.end_column, loc.column))
    properties["title"] = f"{d.code} {d.rule}"
    lines = [visible(d.message.text(lang)), *notes(d, lang, fixable)]
    props = ",".join(f"{k}={escape_property(v)}" for k, v in properties.items())
    return f"::{_COMMAND[d.severity]} {props}::{escape_data(chr(10).join(lines))}"


def render(report: Report) -> str:
    return "".join(
        command(d, report.lang, report.fixable(d.path)) + "\n" for d in report.diagnostics
    )


FORMAT = Format("github", render)  # one command per finding: no place for counts

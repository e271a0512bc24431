"""``--format github``: one GitHub Actions workflow command per diagnostic, so each finding appears
as an annotation on the file, inline in a pull request's diff:

    ::warning file=a.txt,line=3,col=8,endLine=3,endColumn=9,title=P101 half-width-punctuation::…

Severity maps to ``error`` / ``warning`` / ``notice``. In a Word draft the title also says where the
finding is (``title=T101 misused-baifenbai（表格1 第2行第3列）``): GitHub cannot show a line of a
``.docx``, the editor needs the place. Columns are 1-based, end exclusive, and
given only when the span stays on one line (GitHub rejects ``col``/``endColumn`` otherwise). The
message carries the related places and the fix on further lines (escaped, so the command stays
one line of output); control characters of the document or the file name are made visible first
(:func:`factlint.reporters.visible`), so none reaches the log raw. The errors come first, then the
warnings, then the notices: GitHub shows only the first 10 annotations of each kind, and a final
notice says how many more are in the log.
"""

from __future__ import annotations

from collections import Counter

from factlint.model import Diagnostic, Severity
from factlint.reporters import Format, Report, notes, visible
from factlint.reporters.i18n import t

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message after ``::``: ``%``, CR and LF are percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property: as data, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d: Diagnostic, lang: str, fixable: bool = True, where: str = "") -> str:
    """The workflow command of one finding; ``where``: its place in a Word draft in words
    (:meth:`Report.where`, ``（表格1 第2行第3列）``), put after the title."""
    loc = d.location
    properties = {"file": visible(d.path.removeprefix("./")), "line": str(loc.line)}
    if loc.end_line == loc.line:
        properties["col"] = str(loc.column)
    properties["endLine"] = str(loc.end_line)
    if loc.end_line == loc.line:
        properties["endColumn"] = str(max(loc.end_column, loc.column))
    properties["title"] = f"{d.code} {d.rule}{visible(where)}"
    lines = [visible(d.message.text(lang)), *notes(d, lang, fixable)]
    props = ",".join(f"{k}={escape_property(v)}" for k, v in properties.items())
    return f"::{_COMMAND[d.severity]} {props}::{escape_data(chr(10).join(lines))}"


#: GitHub shows the first 10 annotations of each kind (error, warning, notice) of a step
SHOWN = 10


def render(report: Report) -> str:
    """The errors first, then the warnings, then the notices (each kind in file order), so that
    the annotations GitHub shows are the ones that matter; when a kind has more than GitHub
    shows, a final notice says how many are only in the log."""
    ordered = sorted(report.diagnostics, key=lambda d: -d.severity.rank)
    lines = [
        command(d, report.lang, report.fixable(d.path), report.where(d)) + "\n" for d in ordered
    ]
    counts = Counter(d.severity for d in ordered)
    kinds = sorted(Severity, key=lambda s: -s.rank)
    over = [(s, counts[s] - SHOWN) for s in kinds if counts[s] > SHOWN]
    if over:
        zh = report.lang != "en"
        names = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
        parts = [f"{n}条{t(s.value, 'zh')}" if zh else f"{n} {names[s]}(s)" for s, n in over]
        text = t("github_hidden", report.lang, counts=("、" if zh else ", ").join(parts))
        lines.append(f"::notice title=factlint::{escape_data(text)}\n")
    return "".join(lines)


FORMAT = Format("github", render)  # one command per finding: no place for counts

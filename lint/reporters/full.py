"""``--format full``: rich, annotated output — the source line, the span underlined (a Chinese
character is two cells wide), the code, the message, the related location and the fix.

``rich.console`` and ``rich.text`` are imported when a report is rendered, not with the module: the
registry imports every reporter, and the other formats should not pay for them at start-up.

Control characters of the document and of file names are shown visible
(:func:`factlint.reporters.visible`); the caret is placed under the span as shown, the line and
column numbers count characters of the original text."""

from __future__ import annotations

import io
import os
import sys
from typing import TYPE_CHECKING

from factlint.model import Diagnostic, Severity
from factlint.reporters import Format, Report, notes, visible
from factlint.reporters.i18n import t

if TYPE_CHECKING:
    from rich.text import Text

CONTEXT = 24  # characters shown either side of the span on long lines
LONGEST_SPAN = 40  # characters of a longer span shown (a whole paragraph): the rest is elided
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def cells_of(text: str, ambiguous: int = 1) -> int:
    """The terminal cells ``text`` takes: a Chinese character two; an East Asian *ambiguous* one
    (…, “”, ①, ×) one, or two with ``ambiguous=2`` (terminals set to draw them wide, as many
    CJK set-ups do) — so that the carets stay under the span."""
    from rich.cells import cell_len

    n = cell_len(text)
    if ambiguous == 2:
        # (imported here: a run that prints only its summary line, or JSON, needs none of it)
        from unicodedata import east_asian_width

        n += sum(1 for c in text if east_asian_width(c) == "A" and cell_len(c) == 1)
    return n


def _window(
    line: str, start: int, end: int, cells: int | None = None, ambiguous: int = 1
) -> tuple[str, int, int]:
    """Cut a long line to the span and some context; return text and the span's new offsets.
    A span longer than LONGEST_SPAN is shown by its beginning, followed by “…”. With ``cells``
    (the terminal's width left for the source line), the span takes at most two thirds of it and
    the context the rest, so that the line never wraps and the underline stays under the span."""

    def cell_len(text: str) -> int:
        return cells_of(text, ambiguous)

    line = line.replace("\t", " ")
    clipped = end - start > LONGEST_SPAN
    end = start + LONGEST_SPAN if clipped else end
    left_room = right_room = CONTEXT * 2  # cells: CONTEXT wide characters
    if cells is not None:
        while end - start > 1 and cell_len(line[start:end]) > cells * 2 // 3:
            end -= 1
            clipped = True
        room = max(0, cells - cell_len(line[start:end]) - 2)  # 2: the ellipses
        left_room = room if clipped else room // 2
        right_room = room - left_room
    lo = start
    while lo > 0 and start - lo < CONTEXT and cell_len(line[lo - 1 : start]) <= left_room:
        lo -= 1
    hi = end
    if not clipped:
        right_room += max(0, left_room - cell_len(line[lo:start]))  # what the left side left over
        while hi < len(line) and hi - end < CONTEXT and cell_len(line[end : hi + 1]) <= right_room:
            hi += 1
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    shown = prefix + line[lo:hi] + suffix
    return shown, start - lo + len(prefix), end - lo + len(prefix)


def _snippet(report: Report, d: Diagnostic, out: Text, width: int | None = None) -> None:
    doc = report.documents.get(d.path)
    if doc is None:
        return
    loc = d.location
    line = doc.line_text(loc.line)
    start = loc.column - 1
    end = loc.end_column - 1 if loc.end_line == loc.line else len(line)
    if end <= start:  # an empty span, or one that is only a line break
        end = start + 1
        line = line + " " if len(line) < end else line
    gutter = str(loc.line)
    cells = width - len(gutter) - 4 if width else None  # " 35 │ " before the source line
    amb = report.ambiguous_width
    shown, s, e = _window(line, start, end, cells, amb)
    pad = " " * len(gutter)
    out.append(f" {pad} │\n", style="blue")
    out.append(f" {gutter} │ ", style="blue")
    # control characters made visible piece by piece, so the caret is under the span as shown
    before, inside, after = visible(shown[:s]), visible(shown[s:e]), visible(shown[e:])
    out.append(before)
    out.append(inside, style="bold")
    out.append(after + "\n")
    out.append(f" {pad} │ ", style="blue")
    out.append(" " * cells_of(before, amb))
    out.append("^" * max(1, cells_of(inside, amb)), style=_STYLE[d.severity])
    if loc.end_line > loc.line:
        out.append(" " + t("continues", report.lang, line=loc.end_line), style="dim")
    out.append("\n")


def render_diagnostic(report: Report, d: Diagnostic, width: int | None = None) -> Text:
    from rich.text import Text

    lang = report.lang
    out = Text()
    out.append(t(d.severity.value, lang), style=_STYLE[d.severity])
    out.append(f" {d.code} ", style="bold")
    out.append(f"[{d.rule}] ", style="dim")
    out.append(visible(d.message.text(lang)) + "\n", style="bold")
    out.append("  --> ", style="blue")
    out.append(f"{visible(d.path)}:{d.location.line}:{d.location.column}{report.where(d)}\n")
    _snippet(report, d, out, width)
    for i, note in enumerate(notes(d, lang, report.fixable(d.path))):
        out.append("  = ", style="blue")
        out.append(note + "\n", style="green" if i >= len(d.related) else None)  # the fix: green
    return out


def ordered(report: Report) -> list[Diagnostic]:
    """The diagnostics file by file (in the order the files first appear), and in each file the
    errors first, then the warnings, then the infos, each by position: first things first."""
    files: dict[str, int] = {}
    for d in report.diagnostics:
        files.setdefault(d.path, len(files))
    return sorted(report.diagnostics, key=lambda d: (files[d.path], -d.severity.rank))


def fix_counts(report: Report) -> tuple[int, int]:
    """How many of the findings ``--fix`` would fix (safe fixes, in files it can write), and how
    many more ``--unsafe-fixes`` would."""
    safe = unsafe = 0
    for d in report.diagnostics:
        if d.fix is not None and report.fixable(d.path):
            if d.fix.safe:
                safe += 1
            else:
                unsafe += 1
    return safe, unsafe


def per_rule(report: Report) -> str:
    """The table that ends a report with findings: counts per rule, and what ``--fix`` can do."""
    lang = report.lang
    rows = _statistics(report)
    if not rows:
        return ""
    lines = [t("per_rule", lang)] + ["  " + row for row in rows.splitlines()]
    safe, unsafe = fix_counts(report)
    if safe or unsafe:
        hint = t("fixable_hint", lang, safe=safe)
        if unsafe:
            hint += t("unsafe_hint", lang, unsafe=unsafe)
        lines.append(hint)
    return "\n".join(lines)


def summary_text(report: Report) -> tuple[str, str]:
    """The last line of a report, and its style: what was checked, what was found, and what was
    not shown (hidden by the baseline, under ``--min-severity``) or not read."""
    lang = report.lang
    counts = {s: 0 for s in Severity}
    for d in report.diagnostics:
        counts[d.severity] += 1
    unread = sum(1 for p in report.problems if p.fatal)
    if report.files == 0:
        if unread:
            return t("nothing_checked", lang, problems=unread), "bold red"
        return t("no_files", lang, seconds=report.seconds), "yellow"
    if not report.diagnostics:
        text, style = t("clean", lang, files=report.files, seconds=report.seconds), "green"
    else:
        text = t(
            "summary",
            lang,
            files=report.files,
            total=len(report.diagnostics),
            error=counts[Severity.ERROR],
            warning=counts[Severity.WARNING],
            info=counts[Severity.INFO],
            seconds=report.seconds,
        )
        style = "bold"
    if report.known:
        text += t("baseline_hid", lang, known=report.known)
    if report.below:
        severity = t(report.min_severity or "error", lang)
        text += t("below_hidden", lang, below=report.below, severity=severity)
    if unread:
        text += t("also_unreadable", lang, problems=unread)
        style = "bold red"
    return text, style


def summary(report: Report) -> Text:
    from rich.text import Text

    text, style = summary_text(report)
    return Text(text, style=style)


def render(report: Report, *, color: bool | None = None, width: int | None = None) -> str:
    no_color = color is False or "NO_COLOR" in os.environ
    tty = sys.stdout.isatty()
    force = color is True or (color is None and not no_color and tty)
    if not force and not report.diagnostics:
        # nothing found, nothing coloured: the summary line as rich would print it, without
        # importing rich (a clean run's start-up)
        text, _ = summary_text(report)
        if text.isprintable() and "\t" not in text:
            return text + "\n"
    from rich.console import Console

    buffer = io.StringIO()
    if width is None and tty:
        import shutil

        width = max(40, shutil.get_terminal_size().columns)  # lines must not wrap under the caret
    console = Console(
        file=buffer,
        force_terminal=force,
        no_color=no_color,
        width=width or 200,
        soft_wrap=True,
        highlight=False,
        emoji=False,
    )
    for d in ordered(report):
        # on a terminal of known width, rich wraps a long message between words (a snippet line
        # is cut to the width already); elsewhere nothing is wrapped
        console.print(render_diagnostic(report, d, width), soft_wrap=width is None)
    if table := per_rule(report):
        console.print(table, markup=False)
    console.print(summary(report))
    return buffer.getvalue()


def _statistics(report: Report) -> str:
    """:func:`factlint.reporters.statistics.table`, its module imported when a report has
    findings, or ``--statistics`` is asked (not by a clean run's summary)."""
    from factlint.reporters import statistics

    return statistics.table(report)


FORMAT = Format("full", render, statistics=_statistics, colour=render)

"""Output formats. Each reporter module turns the diagnostics of one run into text and declares
itself in a module-level ``FORMAT`` (:class:`Format`: its ``--format`` name, how it renders, whether
it can carry ``--statistics``, whether it can be coloured); :data:`REGISTRY` lists those modules, and
everything else — the CLI's ``--format`` choices (:data:`FORMATS`), the formats ``--statistics``
cannot be used with (:data:`NO_STATISTICS`), :func:`render` — comes from it. A new output format is
one module with a ``FORMAT``, added to :data:`REGISTRY`. ``write_output`` puts the text where it
belongs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from factlint.engine.files import write_file
from factlint.model import Diagnostic
from factlint.reporters.i18n import t
from factlint.rule import Rule
from factlint.text.document import Document
from factlint.text.places import Place, describe

# ---- control characters made visible --------------------------------------------------------------

#: What the text formats show instead of a control character: C0 controls (but the tab) and DEL as
#: their Unicode Control Pictures (ESC → ␛, LF → ␊), one character for one, so a caret stays under
#: its span; C1 controls and the bidirectional formatting characters (which reorder what a terminal
#: shows) as ``\u202e`` notation. Line and column numbers still count characters of the original
#: text.
_VISIBLE: dict[int, str] = {
    **{c: chr(0x2400 + c) for c in range(0x20) if c != 0x09},
    0x7F: "\u2421",
    **{c: f"\\u{c:04x}" for c in range(0x80, 0xA0)},
    **{
        c: f"\\u{c:04x}"
        for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    },
}


def visible(text: str) -> str:
    """``text`` with every terminal control character made visible (see :data:`_VISIBLE`): what a
    document or a file name holds never reaches the terminal raw (screen clears, window titles,
    clipboard writes, text reordered)."""
    return text.translate(_VISIBLE) if not text.isprintable() else text


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that was not checked: unreadable (``fatal``: the run exits 2) or skipped (binary)."""

    path: str
    message: str  # already localised
    fatal: bool = True

    def __str__(self) -> str:
        return f"{visible(self.path)}: {visible(self.message)}"


@dataclass
class Report:
    """Everything a reporter may show about one run."""

    diagnostics: Sequence[Diagnostic]
    documents: dict[str, Document]
    lang: str = "zh"
    files: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    rules: Sequence[Rule] = ()  # the rules that ran, in registry order
    known: int = 0  # findings the baseline hid (not in ``diagnostics``)
    below: int = 0  # findings under ``--min-severity`` (not in ``diagnostics``)
    min_severity: str | None = None  # the ``--min-severity`` given, if any
    ambiguous_width: int = 1  # cells the terminal gives …, “” and other ambiguous characters

    def place(self, d: Diagnostic) -> Place | None:
        """Where the diagnostic's line is in the file it was read from (a Word file's part,
        table cell, heading), if its input said."""
        doc = self.documents.get(d.path)
        return doc.place(d.location.line) if doc is not None else None

    def where(self, d: Diagnostic) -> str:
        """The place in words after ``path:line:column`` — ``（表格1 第2行第3列）`` — or ""."""
        place = self.place(d)
        words = describe(place, self.lang) if place is not None else ""
        if not words:
            return ""
        return f"（{words}）" if self.lang != "en" else f" ({words})"

    def fixable(self, path: str) -> bool:
        """Whether ``--fix`` can change the file at ``path`` in place (its format says)."""
        doc = self.documents.get(path)
        return doc is None or doc.format.fixable_in_place


def notes(d: Diagnostic, lang: str, fixable: bool = True) -> list[str]:
    """The lines the text formats show under a diagnostic's message, without line breaks: each
    related place (``相关位置：a.txt:3:8 总数``), then the fix, if any (``可修复：改为“℃”``), control
    characters made :func:`visible` — but
    not where ``--fix`` never changes the file (``fixable`` false: a Word file; the JSON and SARIF
    keep the fix: it is data)."""
    colon = "：" if lang == "zh" else ": "
    lines = [
        f"{t('related', lang)}{colon}{visible(r.path)}:{r.line}:{r.column} "
        f"{visible(r.message.text(lang))}"
        for r in d.related
    ]
    if d.fix is not None and fixable:
        key = "fix" if d.fix.safe else "fix_unsafe"
        lines.append(f"{t(key, lang)}{colon}{visible(d.fix.message.text(lang))}")
    return lines


class ColourRender(Protocol):
    """A render function that takes the ``--color`` choice (None: colour on a terminal)."""

    def __call__(self, report: Report, /, *, color: bool | None) -> str: ...


@dataclass(frozen=True, slots=True)
class Format:
    """What a reporter module declares about itself, as its module-level ``FORMAT``."""

    name: str  # the value of --format
    render: Callable[[Report], str]  # the findings
    #: ``--statistics`` in this format (counts per rule instead of findings); None: it cannot
    #: carry them (the CLI rejects the combination)
    statistics: Callable[[Report], str] | None = None
    #: a format that can be coloured: rendered with the ``--color`` choice instead of ``render``
    colour: ColourRender | None = None
    #: a format whose output is a review copy of each input (``docx``), written by the command
    #: to ``--output``; ``render`` is then the summary line
    review: bool = False


def render(
    name: str, report: Report, *, color: bool | None = None, statistics: bool = False
) -> str:
    """The report in format ``name``; with ``statistics``, counts per rule instead (a JSON array
    for ``json``, a table for the text formats; a ValueError for a format that cannot carry them)."""
    fmt = REGISTRY[name]
    if statistics:
        if fmt.statistics is None:
            raise ValueError(f"--format {name} cannot carry --statistics")
        return fmt.statistics(report)
    if fmt.colour is not None:
        return fmt.colour(report, color=color)
    return fmt.render(report)


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` in UTF-8 (:func:`factlint.engine.files.write_file`:
    a regular file atomically, ``/dev/null``, a FIFO or a device in place, a read-only file
    refused)."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    output.resolve().parent.mkdir(parents=True, exist_ok=True)
    write_file(output, text.encode("utf-8"))


# The registry: the reporter modules, in the order --format lists them. Imported last, as they
# import Report, Format and notes from this module.
from factlint.reporters import (  # noqa: E402
    concise,
    docx_format,
    full,
    github,
    html_format,
    json_format,
    junit,
    sarif,
)

REGISTRY: dict[str, Format] = {
    module.FORMAT.name: module.FORMAT
    for module in (full, concise, json_format, sarif, github, junit, html_format, docx_format)
}
FORMATS = tuple(REGISTRY)  # the --format choices
NO_STATISTICS = tuple(name for name, fmt in REGISTRY.items() if fmt.statistics is None)
REVIEW = tuple(name for name, fmt in REGISTRY.items() if fmt.review)  # formats writing copies

"""Output formats. Each reporter module turns the diagnostics of one run into text and declares
itself in a module-level ``FORMAT`` (:class:`Format`: its ``--format`` name, how it renders, whether
it can carry ``--statistics``, whether it can be coloured); :data:`MODULES` lists those modules by
format name (each imported when its format is first used), and everything else — the CLI's
``--format`` choices (:data:`FORMATS`), the formats ``--statistics`` cannot be used with
(:data:`NO_STATISTICS`, checked against the modules by a test), :func:`render`, :data:`REGISTRY`
(every ``FORMAT`` by name) — comes from it. A new output format is one module with a ``FORMAT``,
added to :data:`MODULES`. ``write_output`` puts the text where it belongs."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from factlint.reporters.i18n import t

if TYPE_CHECKING:  # only named in annotations: ``--version`` and ``--help`` import none of them
    from factlint.model import Diagnostic
    from factlint.rule import Rule
    from factlint.text.document import Document
    from factlint.text.places import Place

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
        from factlint.text.places import describe

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
    #: the text of ``render`` in successive pieces, to be written as they come (the output is
    #: then never held whole); None: ``render`` in one piece
    pieces: Callable[[Report], Iterable[str]] | None = None


def render(
    name: str, report: Report, *, color: bool | None = None, statistics: bool = False
) -> str:
    """The report in format ``name``; with ``statistics``, counts per rule instead (a JSON array
    for ``json``, a table for the text formats; a ValueError for a format that cannot carry them)."""
    fmt = format_named(name)
    if statistics:
        if fmt.statistics is None:
            raise ValueError(f"--format {name} cannot carry --statistics")
        return fmt.statistics(report)
    if fmt.colour is not None:
        return fmt.colour(report, color=color)
    return fmt.render(report)


def render_pieces(
    name: str, report: Report, *, color: bool | None = None, statistics: bool = False
) -> Iterable[str]:
    """The text of :func:`render` in pieces that join into it: one piece, or, for a format that
    can (``Format.pieces``: ``json``), a batch of diagnostics each, written as they come."""
    fmt = format_named(name)
    if not statistics and fmt.colour is None and fmt.pieces is not None:
        return fmt.pieces(report)
    return (render(name, report, color=color, statistics=statistics),)


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` in UTF-8 (:func:`factlint.engine.files.write_file`:
    a regular file atomically, ``/dev/null``, a FIFO or a device in place, a read-only file
    refused)."""
    from factlint.engine.files import write_file

    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    output.resolve().parent.mkdir(parents=True, exist_ok=True)
    write_file(output, text.encode("utf-8"))


# The registry: the reporter modules, in the order --format lists them, by their --format name.
# Each is imported when its format is first used (the HTML and JUnit ones pull in html and
# xml.etree, the full one rich): a run pays for the format it prints, not for every format.
MODULES: dict[str, str] = {
    "full": "full",
    "concise": "concise",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "html": "html_format",
    "docx": "docx_format",
}
FORMATS = tuple(MODULES)  # the --format choices
#: the formats that cannot carry --statistics (their ``FORMAT.statistics`` is None; a test checks)
NO_STATISTICS = ("sarif", "github", "junit", "html", "docx")
#: the formats that write a review copy of each input (their ``FORMAT.review``; a test checks)
REVIEW = ("docx",)


def format_named(name: str) -> Format:
    """The ``FORMAT`` of the reporter module of ``--format name``, imported on first use."""
    import importlib

    module = importlib.import_module(f"factlint.reporters.{MODULES[name]}")
    fmt: Format = module.FORMAT
    return fmt


def __getattr__(name: str) -> dict[str, Format]:
    """``REGISTRY``: every format by name (imports every reporter module)."""
    if name == "REGISTRY":
        return {n: format_named(n) for n in MODULES}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Output formats. Each reporter turns the diagnostics of one run into text; ``render`` picks one
by name (importing only that module) and ``write_output`` puts the text where it belongs."""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factlint.model import Diagnostic
from factlint.reporters.i18n import t
from factlint.rule import Rule
from factlint.text.document import Document


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that was not checked: unreadable (``fatal``: the run exits 2) or skipped (binary)."""

    path: str
    message: str  # already localised
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


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

    def fixable(self, path: str) -> bool:
        """Whether ``--fix`` can change the file at ``path`` in place (its format says)."""
        doc = self.documents.get(path)
        return doc is None or doc.format.fixable_in_place


def notes(d: Diagnostic, lang: str, fixable: bool = True) -> list[str]:
    """The lines the text formats show under a diagnostic's message, without line breaks: each
    related place (``相关位置：a.txt:3:8 总数``), then the fix, if any (``可修复：改为“℃”``) — but
    not where ``--fix`` never changes the file (``fixable`` false: a Word file; the JSON and SARIF
    keep the fix: it is data)."""
    colon = "：" if lang == "zh" else ": "
    lines = [
        f"{t('related', lang)}{colon}{r.path}:{r.line}:{r.column} {r.message.text(lang)}"
        for r in d.related
    ]
    if d.fix is not None and fixable:
        key = "fix" if d.fix.safe else "fix_unsafe"
        lines.append(f"{t(key, lang)}{colon}{d.fix.message.text(lang)}")
    return lines


FORMATS = ("full", "concise", "json", "sarif", "github", "junit")
_MODULES = {"json": "json_format"}


def render(
    name: str, report: Report, *, color: bool | None = None, statistics: bool = False
) -> str:
    """The report in format ``name``; with ``statistics``, counts per rule instead (a JSON array
    when ``name`` is ``json``, a table otherwise)."""
    if statistics:
        from factlint.reporters import statistics as counts

        return counts.render(report, as_json=name == "json")
    if name == "full":
        from factlint.reporters import full

        return full.render(report, color=color)
    module = importlib.import_module(f"factlint.reporters.{_MODULES.get(name, name)}")
    text: str = module.render(report)
    return text


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` in UTF-8, atomically: a reader never sees half a
    report, and a failed run leaves the previous file in place."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = output.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a report is not
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

"""Output formats. Each reporter turns the diagnostics of one run into text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from factlint.document import Document
from factlint.model import Diagnostic


@dataclass
class Report:
    """Everything a reporter may show about one run."""

    diagnostics: Sequence[Diagnostic]
    documents: dict[str, Document]
    lang: str = "zh"
    files: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # unreadable inputs, already localised


FORMATS = ("full", "concise", "json")

"""The data model every part of factlint shares: spans, findings, fixes, diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

#: factlint's version (``factlint.__version__``; the cache key and the SARIF driver carry it).
VERSION = "0.1.0"


class Severity(str, Enum):
    """How sure factlint is that a finding is a defect."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open code-point offsets ``[start, end)`` into the unchanged text of a document."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Message:
    """A message in both languages factlint speaks."""

    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace the primary span with ``replacement``. Offered only where the correction is certain."""

    replacement: str
    message: Message
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding refers to: the other copy, the other spelling."""

    span: Span
    message: Message
    path: str | None = None  # None: the same document


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields. The engine stamps code, name and severity onto it."""

    span: Span
    message: Message
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    path: str | None = None  # for corpus rules: the document the finding belongs to


@dataclass(frozen=True, slots=True)
class Location:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class RelatedLocation:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: Message


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding placed in a file, with the rule's code, name and configured severity."""

    path: str
    code: str
    rule: str
    severity: Severity
    message: Message
    span: Span
    location: Location
    related: tuple[RelatedLocation, ...] = field(default=())
    fix: Fix | None = None
    excerpt: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.location.line, self.location.column, self.code)

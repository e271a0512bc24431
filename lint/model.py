"""The data model every part of factlint shares: spans, findings, fixes, diagnostics."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

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

    def __reduce__(self) -> tuple[type[Span], tuple[int, int]]:
        # rebuilt by the constructor: unpickling (the cache's views and memos hold many) is
        # several times quicker than through the dataclass's __setstate__
        return Span, (self.start, self.end)

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
    """Where a finding is: its path, and its first and last line and column (1-based)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class RelatedLocation:
    """Another place a finding refers to (the figure it conflicts with), and what it is."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: Message


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A finding placed in a file, with the rule's code, name and configured severity. Its
    ``location`` is in its own file (``location.path == path``)."""

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


# ---- diagnostics as JSON values ------------------------------------------------------------------

APPLICABILITY = {True: "safe", False: "unsafe"}  # Fix.safe as the JSON ``applicability``


def to_dict(d: Diagnostic, lang: str | None = None, *, public: bool = False) -> dict[str, Any]:
    """A diagnostic as JSON values: the one place that lists its fields, for ``--format json``,
    SARIF and the cache.

    ``lang`` (``"zh"``, ``"en"``): every message as text in that language; None: as
    ``{"zh": …, "en": …}``. ``public``: only the JSON contract (README, *JSON output*), in its
    order; else also ``span`` (``[start, end]``), ``excerpt`` and where each related place ends
    (``end_line``, ``end_column``), which make the diagnostic whole again (:func:`from_dict`).
    ``location.path`` is ``path`` and is not repeated."""

    def text(m: Message) -> str | dict[str, str]:
        return {"zh": m.zh, "en": m.en} if lang is None else m.text(lang)

    def related(r: RelatedLocation) -> dict[str, Any]:
        out: dict[str, Any] = {"path": r.path, "line": r.line, "column": r.column}
        if not public:
            out |= {"end_line": r.end_line, "end_column": r.end_column}
        out["message"] = text(r.message)
        return out

    loc = d.location
    out: dict[str, Any] = {
        "path": d.path,
        "code": d.code,
        "rule": d.rule,
        "severity": d.severity.value,
        "message": text(d.message),
        "line": loc.line,
        "column": loc.column,
        "end_line": loc.end_line,
        "end_column": loc.end_column,
        "related": [related(r) for r in d.related],
        "fix": None
        if d.fix is None
        else {
            "replacement": d.fix.replacement,
            "message": text(d.fix.message),
            "applicability": APPLICABILITY[d.fix.safe],
        },
    }
    if not public:
        out |= {"span": [d.span.start, d.span.end], "excerpt": d.excerpt}
    return out


def from_dict(v: dict[str, Any]) -> Diagnostic:
    """The inverse of :func:`to_dict` with both languages and every field (``lang=None``,
    ``public=False``); raises ValueError, KeyError or TypeError on values it did not make."""
    path = str(v["path"])
    fix = v["fix"]
    return Diagnostic(
        path=path,
        code=str(v["code"]),
        rule=str(v["rule"]),
        severity=Severity(v["severity"]),
        message=_message(v["message"]),
        span=Span(*map(_int, v["span"])),
        location=Location(
            path, _int(v["line"]), _int(v["column"]), _int(v["end_line"]), _int(v["end_column"])
        ),
        related=tuple(
            RelatedLocation(
                str(r["path"]),
                _int(r["line"]),
                _int(r["column"]),
                _int(r["end_line"]),
                _int(r["end_column"]),
                _message(r["message"]),
            )
            for r in v["related"]
        ),
        fix=None
        if fix is None
        else Fix(str(fix["replacement"]), _message(fix["message"]), _SAFE[fix["applicability"]]),
        excerpt=str(v["excerpt"]),
    )


_SAFE = {text: safe for safe, text in APPLICABILITY.items()}


def _message(m: dict[str, Any]) -> Message:
    return Message(str(m["zh"]), str(m["en"]))


def _int(x: Any) -> int:
    if type(x) is not int:
        raise TypeError(f"not an integer: {x!r}")
    return x

"""Stable fingerprints of diagnostics: the same defect keeps its fingerprint when lines are added
above it or the paragraph is re-wrapped, so CI tools (SARIF ``partialFingerprints``) and baselines
can tell a known finding from a new one.

A fingerprint hashes the rule code, the flagged text and a few characters either side of it on
the same line, with white space removed (a space added or removed nearby does not change it, nor
does an edit on another line). Line numbers and the path are not part of it: a consumer pairs the fingerprint with the file. Two findings with the same hash in one
file (the same phrase flagged twice) are told apart by their order: ``<hash>:1``, ``<hash>:2``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping

import regex
from factlint.model import Diagnostic, Span
from factlint.text.document import Document

CONTEXT = 8  # characters of context either side of the flagged text (after removing white space)
_WHITE_SPACE = regex.compile(r"\s+")
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")


def _squash(text: str) -> str:
    return _WHITE_SPACE.sub("", text)


def fingerprint(code: str, text: str, span: Span) -> str:
    """A 16-hex-digit hash of ``code``, the text of ``span`` and its context in ``text``."""
    before = _LINE_BREAK.split(text[max(0, span.start - 4 * CONTEXT) : span.start])[-1]
    after = _LINE_BREAK.split(text[span.end : span.end + 4 * CONTEXT])[0]
    before, after = _squash(before)[-CONTEXT:], _squash(after)[:CONTEXT]
    key = "\x1f".join((code, before, _squash(text[span.start : span.end]), after))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def fingerprints(diagnostics: Iterable[Diagnostic], documents: Mapping[str, Document]) -> list[str]:
    """``<hash>:<n>`` for each diagnostic, in order; ``n`` counts equal hashes in one file."""
    seen: Counter[tuple[str, str]] = Counter()
    out: list[str] = []
    for d in diagnostics:
        doc = documents.get(d.path)
        text = doc.text if doc is not None else d.excerpt
        span = d.span if doc is not None else Span(0, len(d.excerpt))
        digest = fingerprint(d.code, text, span)
        seen[d.path, digest] += 1
        out.append(f"{digest}:{seen[d.path, digest]}")
    return out

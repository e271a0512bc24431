"""Inline suppression comments in Markdown: ``<!-- factlint-disable … -->`` and its kin, as written.

The syntax only (the :data:`DIRECTIVES` view); what they suppress, and which of them suppress nothing
(X100), is decided after the rules have run, by :mod:`factlint.engine.suppressions`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import regex
from factlint.model import Message, Span
from factlint.text.blocks import BlockKind
from factlint.text.document import BLOCKS, Document
from factlint.text.patterns import MD_CODE_SPAN
from factlint.text.views import View

KINDS = ("disable", "enable", "disable-next-line")

_DIRECTIVE = regex.compile(
    r"""
    <!--[ \t]{0,20}
    factlint-(?P<kind>[a-z]{1,20}(?:-[a-z]{1,20}){0,4})  # disable, enable, disable-next-line
    (?P<body>[^\n]{0,500}?)                               # the codes
    -->
    """,
    regex.VERBOSE,
)
_SEPARATORS = regex.compile(r"[\s,，、:：]+")


@dataclass(frozen=True, slots=True)
class Directive:
    """One ``<!-- factlint-… -->`` comment, as written."""

    kind: str  # one of KINDS, or the misspelt word as written (factlint-disabel)
    span: Span  # the comment
    removal: Span  # what deleting it removes: its whole line when it stands alone on one
    codes: tuple[str, ...]  # as written; empty: every rule
    target: Span | None = None  # disable-next-line: the next non-blank physical line

    @property
    def label(self) -> str:
        return " ".join(("factlint-" + self.kind, *self.codes))

    def rewritten(self, codes: Sequence[str]) -> str:
        return f"<!-- {' '.join(('factlint-' + self.kind, *codes))} -->"


IssueKind = Literal[
    "unknown-directive",  # factlint-disabel: a misspelt directive (``closest``: the likely one)
    "unknown-code",  # a code, prefix or name that selects no rule (``error`` names the closest)
    "unused",  # a disable (or a code of it) that suppressed nothing
    "unused-enable",  # an enable whose disables all suppressed nothing
    "nothing-to-enable",  # an enable with no open disable to end
]


@dataclass(frozen=True, slots=True)
class Issue:
    """Why a directive, or one code of it, has no effect: found by the suppression pass after the
    rules ran, reported by X100 unused-suppression."""

    kind: IssueKind
    code: str | None  # the code as written; None: the directive as a whole
    closest: str | None = None  # unknown-directive: the directive it likely means
    error: Message | None = None  # unknown-code: what is wrong with it, naming the closest code


def parse_directives(doc: Document) -> tuple[Directive, ...]:
    """Every suppression comment of a Markdown document in text order; none in plain text.
    Comments inside code (fenced blocks, code spans) are examples, not directives."""
    text = doc.text
    if not doc.markdown or "factlint-" not in text:
        return ()
    code = [b.span for b in doc.blocks if b.kind == BlockKind.CODE]
    code += [Span(m.start(), m.end()) for m in MD_CODE_SPAN.finditer(text)]
    out: list[Directive] = []
    for m in _DIRECTIVE.finditer(text):
        span = Span(m.start(), m.end())
        if any(c.start <= span.start < c.end for c in code):
            continue
        line = doc.position(span.start)[0]
        end_line = doc.position(span.end)[0]
        line_start = doc.line_starts[line - 1]
        line_end = doc.line_starts[end_line - 1] + len(doc.line_text(end_line))
        next_start = doc.line_starts[end_line] if end_line < len(doc.line_starts) else len(text)
        alone = not text[line_start : span.start].strip() and not text[span.end : line_end].strip()
        target = None
        if m["kind"] == "disable-next-line":
            for n in range(end_line + 1, len(doc.line_starts) + 1):
                if doc.line_text(n).strip():
                    start = doc.line_starts[n - 1]
                    target = Span(start, start + len(doc.line_text(n)))
                    break
        out.append(
            Directive(
                kind=m["kind"],
                span=span,
                removal=Span(line_start, next_start) if alone else span,
                codes=tuple(c for c in _SEPARATORS.split(m["body"]) if c),
                target=target,
            )
        )
    return tuple(out)


#: Markdown ``<!-- factlint-disable … -->`` comments, in order (none in plain text).
DIRECTIVES: View[Document, tuple[Directive, ...]] = View(
    "suppression_directives", parse_directives, reads=(BLOCKS,)
)

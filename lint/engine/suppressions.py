"""Inline suppressions: ``<!-- factlint-… -->`` comments in Markdown, and the engine's filter.

Three directives, each an HTML comment (so it never shows in the rendered document)::

    <!-- factlint-disable D101, P102 -->    from here on, D101 and P102 are not reported …
    <!-- factlint-enable D101 -->           … until an enable naming the same code (or none)
    <!-- factlint-disable-next-line S101 --> only on the next non-blank physical line

Codes are rule codes, code prefixes (``P``, ``D1``) or rule names, separated by commas or spaces;
a directive without codes applies to every rule. ``enable`` without codes ends every open
``disable``; a ``disable`` without its ``enable`` runs to the end of the file. A diagnostic is
dropped when its primary span *starts* inside a region disabled for its code. Plain text has no
comment syntax: there, and for any file type, ``per-file-ignores`` in the config is the way.

A directive that has no effect is itself reported, by X100 unused-suppression (like ruff's RUF100):
a code that suppressed nothing, an unknown code, an ``enable`` with nothing to end, a misspelt
directive. Codes are judged only when every rule they cover ran on the file (a rule left out by
``--select`` or ``per-file-ignores`` cannot tell whether its suppression is still needed). X100
itself is silenced only by naming it (``<!-- factlint-disable X100 -->``), and such codes are never
reported as unused; ``--ignore X100`` or ``per-file-ignores`` turn it off.

This module has two halves: :func:`parse_directives` (the ``DIRECTIVES`` view, in :mod:`factlint.text.directives`,
syntax only) and :func:`apply_suppressions` (run by the engine after every rule, against the rule
registry).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factlint.model import Diagnostic, Finding, Fix, Message, Span
from factlint.text.directives import DIRECTIVES, KINDS, Directive

META_CODE = "X100"

if TYPE_CHECKING:
    from factlint.engine.core import Engine
    from factlint.facts.corpus import Corpus
    from factlint.rule import Rule
    from factlint.text.document import Document

# ---- the engine's filter ---------------------------------------------------------------------


@dataclass(eq=False)
class _Suppression:
    """One code of one directive (or the whole directive when it names none)."""

    directive: Directive
    code: str | None  # as written; None: every rule
    selector: str  # the code prefix it matches ("" for every rule)
    region: Span
    used: bool = False
    ended_by: tuple[Directive, str | None] | None = None  # the enable (and its code) ending it

    def covers(self, d: Diagnostic) -> bool:
        return (
            d.code.startswith(self.selector) and self.region.start <= d.span.start < self.region.end
        )


@dataclass
class _Problems:
    """What is wrong with one directive, code by code, in both languages."""

    bad_codes: list[str] = field(default_factory=list)  # codes to delete from the comment
    whole: bool = False  # the directive as a whole does nothing
    reasons: list[Message] = field(default_factory=list)
    fixable: bool = True


def _resolve(token: str, registry: Sequence[Rule]) -> tuple[str | None, Message | None]:
    """The code prefix a token selects, or an error saying which valid code is closest."""
    from factlint.project.config import ConfigError, check_selector

    try:
        return check_selector(token, registry), None
    except ConfigError as exc:
        return None, exc.message


def _suppressions(
    doc: Document, registry: Sequence[Rule], problems: dict[Directive, _Problems]
) -> list[_Suppression]:
    """Pair disables with enables into regions; note unknown codes and enables ending nothing."""
    from factlint.rules import unused_suppression as x100

    made: list[_Suppression] = []
    open_: list[_Suppression] = []
    for directive in doc.view(DIRECTIVES):
        p = problems.setdefault(directive, _Problems())
        if directive.kind not in KINDS:
            p.whole, p.fixable = True, False
            best = difflib.get_close_matches(directive.kind, KINDS, n=1, cutoff=0.5)
            p.reasons.append(x100.unknown_directive(directive.kind, best[0] if best else None))
            continue
        resolved: list[tuple[str | None, str]] = []
        for token in directive.codes:
            selector, error = _resolve(token, registry)
            if error is not None:
                p.bad_codes.append(token)
                p.reasons.append(error)
            else:
                assert selector is not None
                resolved.append((token, selector))
        if not directive.codes:
            resolved.append((None, ""))
        if directive.kind == "enable":
            for code, selector in resolved:
                ending = [s for s in open_ if code is None or s.selector == selector]
                for s in ending:
                    s.region = Span(s.region.start, directive.span.start)
                    s.ended_by = (directive, code)
                    open_.remove(s)
                if not ending:
                    named = code if len(directive.codes) > 1 else None
                    _note(p, code, x100.nothing_to_enable(directive.label, named))
            continue
        if not resolved:
            continue  # every code unknown: already reported
        if directive.kind == "disable-next-line":
            region = directive.target or Span(directive.span.end, directive.span.end)
        else:
            region = Span(directive.span.end, len(doc.text))
        for code, selector in resolved:
            s = _Suppression(directive, code, selector, region)
            made.append(s)
            if directive.kind == "disable":
                open_.append(s)
    return made


def _x100_finding(directive: Directive, p: _Problems) -> Finding:
    from factlint.rules import unused_suppression as x100

    message = Message("；".join(r.zh for r in p.reasons), "; ".join(r.en for r in p.reasons))
    kept = [c for c in directive.codes if c not in p.bad_codes]
    if not p.fixable:
        return Finding(directive.span, message)
    if p.whole or not kept:
        return Finding(directive.removal, message, fix=Fix("", x100.REMOVE_COMMENT))
    return Finding(
        directive.span,
        message,
        fix=Fix(directive.rewritten(kept), x100.remove_codes(p.bad_codes)),
    )


def apply_suppressions(
    engine: Engine, corpus: Corpus, diagnostics: list[Diagnostic]
) -> list[Diagnostic]:
    """``diagnostics`` without those inline comments suppress, plus X100 for each directive that
    has no effect (when X100 is selected for the file)."""
    if not any(doc.view(DIRECTIVES) for doc in corpus):
        return diagnostics
    from factlint.rules import BY_CODE, REGISTRY
    from factlint.rules import unused_suppression as x100

    x100_rule = BY_CODE[META_CODE]
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    out: list[Diagnostic] = [d for d in diagnostics if d.path not in corpus.by_path]
    for doc in corpus:
        mine = by_path.get(doc.path, [])
        if not doc.view(DIRECTIVES):
            out.extend(mine)
            continue
        problems: dict[Directive, _Problems] = {}
        suppressions = _suppressions(doc, REGISTRY, problems)
        regular = [s for s in suppressions if not s.selector.startswith("X")]
        meta = [s for s in suppressions if s.selector.startswith("X")]
        kept = [d for d in mine if not _dropped(d, regular)]
        ran = {
            r.code
            for r in engine.rules
            if r.meta.scope != "engine" and not engine._ignored_here(doc.path, r.code)
        }
        # an enable is unused with the disables it ends: deleting them both keeps the text valid
        ending: dict[tuple[Directive, str | None], list[bool]] = {}
        for s in regular:
            covered = [
                r.code
                for r in REGISTRY
                if r.code.startswith(s.selector) and r.meta.scope != "engine"
            ]
            unused = not s.used and all(code in ran for code in covered)
            if s.ended_by is not None:
                ending.setdefault(s.ended_by, []).append(unused)
            if unused:
                _note(problems[s.directive], s.code, x100.unused(s.directive.label, _named(s)))
        for (directive, token), unused_flags in ending.items():
            if all(unused_flags):
                named = token if len(directive.codes) > 1 else None
                _note(problems[directive], token, x100.unused_enable(directive.label, named))
        if x100_rule in engine.rules and not engine._ignored_here(doc.path, META_CODE):
            for directive, p in problems.items():
                if p.reasons:
                    d = engine._diagnostic(
                        x100_rule, doc, _x100_finding(directive, p), corpus.by_path
                    )
                    if not _dropped(d, meta):
                        kept.append(d)
        out.extend(kept)
    return out


def _named(s: _Suppression) -> str | None:
    """The code to name in a message: none when it is the directive's only one."""
    return s.code if len(s.directive.codes) > 1 else None


def _note(p: _Problems, code: str | None, reason: Message) -> None:
    if code is None:
        p.whole = True
    else:
        p.bad_codes.append(code)
    p.reasons.append(reason)


def _dropped(d: Diagnostic, suppressions: Sequence[_Suppression]) -> bool:
    """Whether a suppression covers ``d``; every one that does is marked used."""
    covering = [s for s in suppressions if s.covers(d)]
    for s in covering:
        s.used = True
    return bool(covering)

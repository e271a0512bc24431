"""The suppression pass: what inline ``<!-- factlint-… -->`` comments suppress, and which do nothing.

Three directives, each an HTML comment (so it never shows in the rendered document)::

    <!-- factlint-disable D101, P102 -->    from here on, D101 and P102 are not reported …
    <!-- factlint-enable D101 -->           … until an enable naming the same code (or none)
    <!-- factlint-disable-next-line S101 --> only on the next non-blank physical line

Codes are rule codes, code prefixes (``P``, ``D1``) or rule names, separated by commas or spaces;
a directive without codes applies to every rule. ``enable`` without codes ends every open
``disable``; a ``disable`` without its ``enable`` runs to the end of the file. A diagnostic is
dropped when its primary span *starts* inside a region disabled for its code. Plain text has no
comment syntax: there, and for any file type, ``per-file-ignores`` in the config is the way.

The comments are read by the ``DIRECTIVES`` view (:mod:`factlint.text.directives`, syntax only).
This pass runs over the diagnostics after every rule: :func:`suppress` drops the suppressed ones and
notes, per directive, every :class:`~factlint.text.directives.Issue` — a code that suppressed
nothing, an unknown code, an ``enable`` with nothing to end, a misspelt directive — which the rule
X100 unused-suppression turns into findings (like ruff's RUF100). Codes are judged only when every
rule they cover ran on the file (a rule left out by ``--select`` or ``per-file-ignores`` cannot tell
whether its suppression is still needed). X100 itself is silenced only by naming it
(``<!-- factlint-disable X100 -->``): :func:`drop_meta` applies those, and such codes are never
reported as unused.

The pass knows the rules only through the registry it is given: it imports no rule.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from factlint.model import Diagnostic, Span
from factlint.rule import Rule, SelectorError, selector
from factlint.text.directives import DIRECTIVES, KINDS, Directive, Issue
from factlint.text.document import Document

#: Directives with their issues, in text order (what X100 reads).
DirectiveIssues = list[tuple[Directive, tuple[Issue, ...]]]


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
class Outcome:
    """What the pass did: the diagnostics kept, and per file the directives' issues and the
    suppressions of X codes (applied to X100's own findings by :func:`drop_meta`)."""

    kept: list[Diagnostic]
    issues: dict[str, DirectiveIssues] = field(default_factory=dict)
    meta: dict[str, list[_Suppression]] = field(default_factory=dict)


def _suppressions(
    doc: Document, registry: Sequence[Rule], issues: dict[Directive, list[Issue]]
) -> list[_Suppression]:
    """Pair disables with enables into regions; note unknown codes and enables ending nothing."""
    made: list[_Suppression] = []
    open_: list[_Suppression] = []
    for directive in doc.view(DIRECTIVES):
        found = issues.setdefault(directive, [])
        if directive.kind not in KINDS:
            best = difflib.get_close_matches(directive.kind, KINDS, n=1, cutoff=0.5)
            found.append(Issue("unknown-directive", None, closest=best[0] if best else None))
            continue
        resolved: list[tuple[str | None, str]] = []
        for token in directive.codes:
            try:
                resolved.append((token, selector(token, registry)))
            except SelectorError as exc:
                found.append(Issue("unknown-code", token, error=exc.message))
        if not directive.codes:
            resolved.append((None, ""))
        if directive.kind == "enable":
            for code, prefix in resolved:
                ending = [s for s in open_ if code is None or s.selector == prefix]
                for s in ending:
                    s.region = Span(s.region.start, directive.span.start)
                    s.ended_by = (directive, code)
                    open_.remove(s)
                if not ending:
                    found.append(Issue("nothing-to-enable", code))
            continue
        if not resolved:
            continue  # every code unknown: already noted
        if directive.kind == "disable-next-line":
            region = directive.target or Span(directive.span.end, directive.span.end)
        else:
            region = Span(directive.span.end, len(doc.text))
        for code, prefix in resolved:
            s = _Suppression(directive, code, prefix, region)
            made.append(s)
            if directive.kind == "disable":
                open_.append(s)
    return made


def suppress(
    diagnostics: list[Diagnostic],
    documents: Iterable[Document],
    registry: Sequence[Rule],
    ran: Callable[[str, str], bool],
) -> Outcome:
    """``diagnostics`` without those inline comments suppress, and every directive's issues.

    ``registry`` is every rule (a code names a rule even when it was not selected); ``ran(path,
    code)`` says whether a rule ran on a file (selected, and not turned off by per-file-ignores)."""
    documents = [doc for doc in documents if doc.view(DIRECTIVES)]
    if not documents:
        return Outcome(diagnostics)
    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    paths = {doc.path for doc in documents}
    outcome = Outcome([d for d in diagnostics if d.path not in paths])
    checked = [r.code for r in registry if r.scope != "suppressions"]
    for doc in documents:
        issues: dict[Directive, list[Issue]] = {}
        suppressions = _suppressions(doc, registry, issues)
        regular = [s for s in suppressions if not s.selector.startswith("X")]
        outcome.meta[doc.path] = [s for s in suppressions if s.selector.startswith("X")]
        outcome.kept.extend(d for d in by_path.get(doc.path, []) if not _dropped(d, regular))
        # an enable is unused with the disables it ends: deleting them both keeps the text valid
        ending: dict[tuple[Directive, str | None], list[bool]] = {}
        for s in regular:
            covered = [code for code in checked if code.startswith(s.selector)]
            unused = not s.used and all(ran(doc.path, code) for code in covered)
            if s.ended_by is not None:
                ending.setdefault(s.ended_by, []).append(unused)
            if unused:
                issues[s.directive].append(Issue("unused", s.code))
        for (directive, token), unused_flags in ending.items():
            if all(unused_flags):
                issues[directive].append(Issue("unused-enable", token))
        outcome.issues[doc.path] = [(d, tuple(found)) for d, found in issues.items() if found]
    return outcome


def drop_meta(diagnostics: list[Diagnostic], outcome: Outcome) -> list[Diagnostic]:
    """X100's findings without those a comment naming an X code suppresses."""
    return [d for d in diagnostics if not _dropped(d, outcome.meta.get(d.path, []))]


def _dropped(d: Diagnostic, suppressions: Sequence[_Suppression]) -> bool:
    """Whether a suppression covers ``d``; every one that does is marked used."""
    covering = [s for s in suppressions if s.covers(d)]
    for s in covering:
        s.used = True
    return bool(covering)

"""Runs the selected rules over documents, turns findings into diagnostics, and runs the passes
over the diagnostics: per-file ignores, then the inline suppressions (and X100 on what they found).
The baseline, a pass of the project, runs after these (:func:`factlint.api.check`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Protocol

from factlint.facts.sheet import FactSheet
from factlint.model import (
    Diagnostic,
    Finding,
    Location,
    Message,
    Related,
    RelatedLocation,
    Severity,
    Span,
)
from factlint.rule import Rule
from factlint.text.views import View, closure

if TYPE_CHECKING:
    from factlint.facts.corpus import Corpus
    from factlint.text.document import Document

# the corpus, the directives and the suppression pass are imported where they are used: making an
# engine (for a run on empty files, say) imports none of them


def _matches(code: str, selectors: Iterable[str]) -> int:
    """Length of the longest selector that is a prefix of ``code`` (-1 if none)."""
    return max((len(s) for s in selectors if code.startswith(s)), default=-1)


def selected(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """flake8/ruff semantics: the longest matching prefix wins; on a tie, ignore wins."""
    s, i = _matches(code, select), _matches(code, ignore)
    return s >= 0 and s > i


@dataclass
class Selection:
    """The rules selected by code or prefix (``select``), less those ignored."""

    select: list[str] = field(default_factory=lambda: [""])
    ignore: list[str] = field(default_factory=list)

    def rules(self, rules: Iterable[Rule]) -> list[Rule]:
        return [r for r in rules if selected(r.code, self.select, self.ignore)]


class Settings(Protocol):
    """What the engine reads of a project's configuration (:class:`factlint.project.config.Config`
    is one): each rule's options and severity, the fact sheet, and the per-file ignores."""

    @property
    def options(self) -> Mapping[str, Any]: ...

    @property
    def severity(self) -> Mapping[str, Severity]: ...

    @property
    def facts(self) -> FactSheet: ...

    def ignores(self, path: str, code: str) -> bool: ...


@dataclass
class Defaults:
    """No configuration: every rule with its own options and severity, no fact sheet."""

    options: dict[str, Any] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    facts: FactSheet = field(default_factory=FactSheet)

    def ignores(self, path: str, code: str) -> bool:
        return False


@dataclass
class Engine:
    """Runs the selected rules on documents and turns their findings into diagnostics."""

    rules: list[Rule]
    config: Settings = field(default_factory=Defaults)
    #: every rule there is (the selected ones by default): suppression comments may name any
    registry: Sequence[Rule] = ()

    def __post_init__(self) -> None:
        if not self.registry:
            self.registry = tuple(self.rules)

    def options(self, rule: Rule) -> Any:
        return self.config.options.get(rule.code) or rule.default_options()

    def options_text(self, rule: Rule) -> str:
        """``repr`` of :meth:`options`, a listed rule's module not imported when it runs with its
        defaults (their ``repr`` is in its listing): the result cache's keys are made of it."""
        configured = self.config.options.get(rule.code)
        return repr(configured) if configured else rule.listing.options

    def severity(self, rule: Rule) -> Severity:
        return self.config.severity.get(rule.code, rule.listing.severity)

    def _ignored_here(self, path: str, code: str) -> bool:
        return self.config.ignores(path, code)

    def check(self, documents: Sequence[Document]) -> list[Diagnostic]:
        corpus = self.corpus(documents)
        out = self.check_corpus(corpus)
        for doc in corpus:
            out.extend(self.check_document(doc))
        return self.finish(corpus, out)

    # The three steps of ``check``, separate so that ``factlint.engine.runner`` can run the document
    # rules in worker processes (or take them from the cache) and the rest here.
    def corpus(self, documents: Sequence[Document]) -> Corpus:
        from factlint.facts.corpus import Corpus

        if isinstance(documents, Corpus):
            return documents
        return Corpus(documents, facts=self.config.facts)

    def check_document(self, doc: Document, *, release: bool = False) -> list[Diagnostic]:
        """The raw diagnostics of the document-scope rules on one document, in rule order.

        With ``release`` (the last pass over the document: nothing after it needs its views),
        each view is forgotten once no rule left reads it, by the rules' declarations
        (:meth:`last_readers`); the views no document rule reads, before the first. A view read
        again all the same is built again: the diagnostics are the same, only the memory held
        at once is less."""
        by_path = {doc.path: doc}
        out: list[Diagnostic] = []
        rules = [rule for rule in self.rules if rule.scope == "document"]
        last = self.last_readers(rules) if release else {}
        if release:
            for view in self.read_after(rules):  # built while the views they read are there
                doc.view(view)
            doc.release_views(keep=last)
        for index, rule in enumerate(rules):
            found = rule.check(doc, self.options(rule))
            out.extend(self._capped(rule, ((doc, f) for f in found), by_path))
            if release and index in last.values():
                doc.release_views(keep={name for name, i in last.items() if i > index})
        return out

    def read_after(self, rules: Sequence[Rule]) -> list[View[Document, Any]]:
        """The document views read after the document ``rules``: the suppression comments
        (:func:`suppress`), and what the suppression rules read."""
        from factlint.text.directives import DIRECTIVES

        after: list[View[Document, Any]] = [DIRECTIVES]
        for rule in self.rules:
            if rule.scope == "suppressions":
                after.extend(v for v in rule.meta.reads if v.scope == "document")
        return after

    def last_readers(self, rules: Sequence[Rule]) -> dict[str, int]:
        """The index in ``rules`` of the last rule that reads each view (directly or through the
        views it reads), by view name; the views read after them (:meth:`read_after`: only
        those, not the views they read, which they are built before) at ``len(rules)``."""
        last: dict[str, int] = {}
        for index, rule in enumerate(rules):
            for view in closure(rule.meta.reads):
                last[view.name] = index
        for view in self.read_after(rules):
            last[view.name] = len(rules)
        return last

    def check_corpus(
        self, corpus: Corpus, *, release: bool = False, keep: Iterable[View[Any, Any]] = ()
    ) -> list[Diagnostic]:
        """The raw diagnostics of the cross-document rules, in rule order.

        With ``release`` (these are the last cross-document rules of the run), each view of the
        run, and each document view that no document rule reads (nor the passes after them, nor
        ``keep``), is released once no rule left of these reads it, by their declarations."""
        by_path = corpus.by_path
        out: list[Diagnostic] = []
        if not corpus:
            return out
        rules = [rule for rule in self.rules if rule.scope == "corpus"]
        last: dict[str, int] = {}
        kept: set[str] = set()
        if release:
            last = {name: i for name, i in self.last_readers(rules).items() if i < len(rules)}
            documents = [r for r in self.rules if r.scope == "document"]
            kept = {v.name for v in closure([*keep, *self.read_after(documents)])}
            kept.update(self.last_readers(documents))
        for index, rule in enumerate(rules):
            findings: Iterable[tuple[Document, Finding]] = (
                (by_path[f.path or corpus[0].path], f)
                for f in rule.check(corpus, self.options(rule))
            )
            out.extend(self._capped(rule, findings, by_path))
            if release and index in last.values():
                read_later = {name for name, i in last.items() if i > index}
                corpus.release_views(keep=read_later)
                for doc in corpus:
                    doc.release_views(keep=read_later | kept)
        return out

    def finish(self, corpus: Corpus, raw: list[Diagnostic]) -> list[Diagnostic]:
        """The passes over the diagnostics: per-file ignores, the inline suppressions and the
        rules that judge them (X100), then the report order."""
        from factlint.engine.suppressions import drop_meta, suppress

        out = [d for d in raw if not self._ignored_here(d.path, d.code)]
        judged = [r for r in self.rules if r.scope == "suppressions"]
        checked = {r.code for r in self.rules if r.scope != "suppressions"}
        outcome = suppress(
            out,
            corpus,
            self.registry,
            ran=lambda path, code: code in checked and not self._ignored_here(path, code),
        )
        out = outcome.kept
        found: list[Diagnostic] = []
        for rule in judged:
            for doc in corpus:
                issues = outcome.issues.get(doc.path)
                if issues and not self._ignored_here(doc.path, rule.code):
                    findings = rule.check(doc, issues, self.options(rule))
                    found.extend(self._diagnostic(rule, doc, f, corpus.by_path) for f in findings)
        out.extend(drop_meta(found, outcome))
        out.sort(key=lambda d: d.sort_key)
        return cap_per_line(out)

    def _capped(
        self,
        rule: Rule,
        findings: Iterable[tuple[Document, Finding]],
        by_path: dict[str, Document],
    ) -> list[Diagnostic]:
        """The diagnostics of one rule's findings, capped per line as they come (see
        :func:`cap_per_line`): past the cap, a finding without a fix is only counted, so 200,000
        unmatched “ cost a count, not 200,000 diagnostics."""
        out: list[Diagnostic] = []
        counts: dict[tuple[str, int], int] = {}
        last: dict[tuple[str, int], int] = {}  # the index in ``out`` of each line's last kept
        # equal excerpts are one string (the copies of a paragraph D101 reports are one text), and
        # equal related places one tuple (those copies all point to the first)
        excerpts: dict[str, str] = {}
        places: _Places = {}
        for doc, f in findings:
            if f.fix is None:
                key = (doc.path, doc.position(f.span.start)[0])
                n = counts[key] = counts.get(key, 0) + 1
                if n > MAX_PER_LINE:
                    continue
                last[key] = len(out)
            out.append(self._diagnostic(rule, doc, f, by_path, excerpts, places))
        for key, n in counts.items():
            if n > MAX_PER_LINE:
                i = last[key]
                out[i] = and_more(out[i], n - MAX_PER_LINE)
        return out

    def _diagnostic(
        self,
        rule: Rule,
        doc: Document,
        finding: Finding,
        by_path: dict[str, Document],
        excerpts: dict[str, str] | None = None,
        places: _Places | None = None,
    ) -> Diagnostic:
        related: tuple[RelatedLocation, ...] = ()
        if finding.related:
            key = (doc.path, finding.related)
            known = None if places is None else places.get(key)
            if known is None:
                known = tuple(_related(r, doc, by_path) for r in finding.related)
                if places is not None:
                    places[key] = known
            related = known
        return Diagnostic(
            path=doc.path,
            code=rule.code,
            rule=rule.name,
            severity=self.severity(rule),
            message=finding.message,
            span=finding.span,
            location=location(doc, finding.span),
            related=related,
            fix=finding.fix,
            excerpt=_shared(doc.slice(finding.span), excerpts),
        )


#: the related places of findings, by their document and ``Finding.related`` (equal values: one
#: tuple of RelatedLocation, shared by the diagnostics, see ``Engine._capped``)
_Places = dict[tuple[str, tuple[Related, ...]], tuple[RelatedLocation, ...]]


def _related(r: Related, doc: Document, by_path: dict[str, Document]) -> RelatedLocation:
    """Where a related place of a finding in ``doc`` is."""
    other = by_path.get(r.path or doc.path, doc)
    line, column = other.position(r.span.start)
    end_line, end_column = other.position(r.span.end)
    return RelatedLocation(
        path=other.path,
        line=line,
        column=column,
        end_line=line if end_line == line else end_line,  # (one int object: see ``location``)
        end_column=end_column,
        message=r.message,
    )


def _shared(text: str, strings: dict[str, str] | None) -> str:
    """``text``, or the string equal to it already in ``strings`` (``text`` is added if none)."""
    return text if strings is None else strings.setdefault(text, text)


#: The most findings of one rule on one line (a paragraph) that are reported one by one; the last
#: of them says how many more there are. 200,000 unmatched “ on one line are one defect repeated,
#: so the output stays proportional to the defects, not to the input.
MAX_PER_LINE = 20


def cap_per_line(diagnostics: list[Diagnostic], limit: int = MAX_PER_LINE) -> list[Diagnostic]:
    """``diagnostics`` (in report order) with those of one rule on one line past ``limit`` left
    out, and the count of those left out added to the message of the last one kept
    (“以及另外N处”). Findings with a fix are all kept: ``--fix`` applies what was reported."""
    counts: dict[tuple[str, int, str], int] = {}
    for d in diagnostics:
        if d.fix is None:
            key = (d.path, d.location.line, d.code)
            counts[key] = counts.get(key, 0) + 1
    if all(n <= limit for n in counts.values()):
        return diagnostics
    out: list[Diagnostic] = []
    seen: dict[tuple[str, int, str], int] = {}
    for d in diagnostics:
        if d.fix is None:
            key = (d.path, d.location.line, d.code)
            n = seen[key] = seen.get(key, 0) + 1
            if n > limit:
                continue
            more = counts[key] - limit
            if n == limit and more > 0:
                d = and_more(d, more)
        out.append(d)
    return out


def and_more(d: Diagnostic, more: int) -> Diagnostic:
    """``d`` saying that ``more`` findings like it on its line are left out."""
    return replace(
        d,
        message=Message(
            f"{d.message.zh}（以及本行另外{more}处）",
            f"{d.message.en} (and {more} more like it on this line)",
        ),
    )


def location(doc: Document, span: Span) -> Location:
    line, column = doc.position(span.start)
    end_line, end_column = doc.position(span.end)
    if end_line == line:  # one int object, not two equal ones (past 256 each is 32 bytes)
        end_line = line
    return Location(doc.path, line, column, end_line, end_column)

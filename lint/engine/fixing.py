"""``--fix`` and ``--diff``: the fix loop. Apply fixes until none is left.

:func:`fix_until_stable` checks every document, applies the fixes that may be applied (safe ones;
unsafe ones too with ``--unsafe-fixes``), and checks again, until a pass changes nothing or
:data:`MAX_PASSES` passes have run. Fixes that overlap in one pass wait for the next, where the
re-check offers them again on the new text. What remains is reported with positions in the fixed
text. Writing the files back is the inputs' part (:mod:`factlint.inputs.writing`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from factlint.engine.core import location
from factlint.model import Diagnostic, Fix, Span
from factlint.text.document import Document
from factlint.text.fixes import choose_fixes, splice

MAX_PASSES = 10

Check = Callable[[Sequence[Document]], list[Diagnostic]]  # Engine.check, or a Runner's


# ---- where a later pass's fix stands in the text as read ---------------------------------------


class Origins:
    """Maps a span of the text being fixed back to the span of the text as read that it stands
    for, through every pass's edits: a span that starts or ends inside a replacement takes the
    whole replaced range."""

    def __init__(self) -> None:
        #: per pass: the edits' starts in the new text, and (new start, new end, old start, old end)
        self._passes: list[tuple[list[int], list[tuple[int, int, int, int]]]] = []

    def record(self, chosen: Sequence[tuple[Span, Fix]]) -> None:
        """One pass's edits (sorted, not overlapping), as :func:`splice` applies them."""
        edits: list[tuple[int, int, int, int]] = []
        shift = 0
        for span, fix in chosen:
            start = span.start + shift
            end = start + len(fix.replacement)
            edits.append((start, end, span.start, span.end))
            shift += len(fix.replacement) - (span.end - span.start)
        self._passes.append(([e[0] for e in edits], edits))

    def original(self, span: Span) -> Span:
        start, end = span.start, span.end
        for starts, edits in reversed(self._passes):
            start, end = (
                _back(starts, edits, start, left=True),
                _back(starts, edits, end, left=False),
            )
        return Span(start, max(start, end))


def _back(starts: list[int], edits: list[tuple[int, int, int, int]], pos: int, left: bool) -> int:
    """Where boundary ``pos`` of a pass's new text was in its old text: a span's start (``left``)
    inside a replacement goes to the replaced range's start, an end to its end."""
    i = (bisect_right(starts, pos) if left else bisect_left(starts, pos)) - 1
    if i < 0:
        return pos
    _, new_end, old_start, old_end = edits[i]
    if left and pos < new_end:
        return old_start
    if not left and pos <= new_end:
        return old_end
    return pos - new_end + old_end


class Union:
    """The union of some spans, as sorted disjoint runs: is a span inside it (by bisection)?"""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for span in sorted(spans):
            if self.ends and span.start <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], span.end)
            else:
                self.starts.append(span.start)
                self.ends.append(span.end)

    def contains(self, span: Span) -> bool:
        i = bisect_right(self.starts, span.start) - 1
        return i >= 0 and span.end <= self.ends[i]


# ---- the loop ------------------------------------------------------------------------------------


def _applicable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (d.fix.safe or unsafe)


@dataclass
class FixResult:
    """The documents after fixing, what remains to report, and what was fixed."""

    documents: list[Document]
    diagnostics: list[Diagnostic]  # remaining; positions in the fixed text
    initial: list[Diagnostic]  # the first check, of the text as read
    fixed: Counter[str] = field(default_factory=Counter)  # path → findings fixed
    unencodable: list[Diagnostic] = field(default_factory=list)  # fixes the encoding cannot hold
    unconverged: list[str] = field(default_factory=list)  # paths still changing after MAX_PASSES
    #: fixes a later pass applied outside every span the first check reported as fixable (an
    #: unsafe fix can make text that another rule then fixes); spans in the text as read
    later: list[Diagnostic] = field(default_factory=list)


def fix_until_stable(
    check: Check,
    documents: Sequence[Document],
    *,
    unsafe: bool = False,
    encodable: Callable[[str, str], bool] | None = None,
    max_passes: int = MAX_PASSES,
) -> FixResult:
    """Check, apply every applicable fix, re-check, until a pass changes nothing.

    ``encodable(path, replacement)`` says whether a replacement can be written in that file's
    encoding (fixes it refuses are not applied). Suppressed findings are not fixed: the engine
    drops them. Cross-document rules see the fixed versions of all documents in every pass.
    """

    def allowed(d: Diagnostic) -> bool:
        assert d.fix is not None
        return encodable is None or encodable(d.path, d.fix.replacement)

    docs = list(documents)
    originals = {doc.path: doc for doc in docs}
    diagnostics = check(docs)
    result = FixResult(docs, diagnostics, initial=diagnostics)
    fixable: defaultdict[str, list[Span]] = defaultdict(list)
    for d in diagnostics:
        if _applicable(d, unsafe) and allowed(d):
            fixable[d.path].append(d.span)
    reported = {path: Union(spans) for path, spans in fixable.items()}
    origins: defaultdict[str, Origins] = defaultdict(Origins)
    later: dict[tuple[str, Span, str], Diagnostic] = {}
    for n in range(max_passes):
        by_path: defaultdict[str, list[tuple[Span, Fix]]] = defaultdict(list)
        for d in diagnostics:
            if _applicable(d, unsafe) and allowed(d) and d.fix is not None:
                by_path[d.path].append((d.span, d.fix))
        changed = False
        found = {(d.path, d.span): d for d in diagnostics if d.fix is not None} if n else {}
        for i, doc in enumerate(docs):
            chosen = [
                (span, fix)
                for span, fix in choose_fixes(by_path.get(doc.path, ()), unsafe=unsafe)
                if doc.text[span.start : span.end] != fix.replacement
            ]
            if not chosen:
                continue
            if n:  # what this pass fixes outside the first report's fixable spans
                union = reported.get(doc.path) or Union(())
                for span, _fix in chosen:
                    old = origins[doc.path].original(span)
                    made = found.get((doc.path, span))
                    if made is not None and not union.contains(old):
                        first = originals[doc.path]
                        later.setdefault(
                            (doc.path, old, made.code),
                            replace(made, span=old, location=location(first, old), related=()),
                        )
            origins[doc.path].record(chosen)
            docs[i] = Document(doc.path, splice(doc.text, chosen), doc.format, doc.places)
            result.fixed[doc.path] += len(chosen)
            changed = True
        if not changed:
            break
        diagnostics = check(docs)
    else:
        result.unconverged = sorted(
            {d.path for d in diagnostics if _applicable(d, unsafe) and allowed(d)}
        )
    result.documents, result.diagnostics = docs, diagnostics
    result.later = sorted(later.values(), key=lambda d: d.sort_key)
    result.unencodable = [d for d in diagnostics if _applicable(d, unsafe) and not allowed(d)]
    return result

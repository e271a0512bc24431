"""``--fix`` and ``--diff``: the fix loop. Apply fixes until none is left.

:func:`fix_until_stable` checks every document, applies the fixes that may be applied (safe ones;
unsafe ones too with ``--unsafe-fixes``), and checks again, until a pass changes nothing or
:data:`MAX_PASSES` passes have run. Fixes that overlap in one pass wait for the next, where the
re-check offers them again on the new text. What remains is reported with positions in the fixed
text. Writing the files back is the inputs' part (:mod:`factlint.inputs.writing`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from factlint.model import Diagnostic, Fix, Span
from factlint.text.document import Document
from factlint.text.fixes import choose_fixes, splice

MAX_PASSES = 10

Check = Callable[[Sequence[Document]], list[Diagnostic]]  # Engine.check, or a Runner's


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
    diagnostics = check(docs)
    result = FixResult(docs, diagnostics, initial=diagnostics)
    for _ in range(max_passes):
        by_path: defaultdict[str, list[tuple[Span, Fix]]] = defaultdict(list)
        for d in diagnostics:
            if _applicable(d, unsafe) and allowed(d) and d.fix is not None:
                by_path[d.path].append((d.span, d.fix))
        changed = False
        for i, doc in enumerate(docs):
            chosen = [
                (span, fix)
                for span, fix in choose_fixes(by_path.get(doc.path, ()), unsafe=unsafe)
                if doc.text[span.start : span.end] != fix.replacement
            ]
            if not chosen:
                continue
            docs[i] = Document(doc.path, splice(doc.text, chosen), doc.format)
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
    result.unencodable = [d for d in diagnostics if _applicable(d, unsafe) and not allowed(d)]
    return result

"""Applying fixes to a text: non-overlapping, from the end, so offsets stay valid."""

from __future__ import annotations

from collections.abc import Iterable

from factlint.model import Finding, Fix, Message, Span


def apply_fixes(text: str, fixes: Iterable[tuple[Span, Fix]], *, unsafe: bool = False) -> str:
    """The text with every applicable fix applied. Where two fixes overlap, the earlier one wins
    and the other waits for the next pass (a re-check offers it again)."""
    return splice(text, choose_fixes(fixes, unsafe=unsafe))


def choose_fixes(
    fixes: Iterable[tuple[Span, Fix]], *, unsafe: bool = False
) -> list[tuple[Span, Fix]]:
    """The fixes one pass applies, in text order: safe ones (and unsafe ones if asked), none
    overlapping an earlier one nor starting where it starts (two insertions at one place)."""
    chosen: list[tuple[Span, Fix]] = []
    last_end = -1
    for span, fix in sorted(fixes, key=lambda sf: (sf[0].start, sf[0].end)):
        if not fix.safe and not unsafe:
            continue
        if span.start < last_end or (chosen and span.start == chosen[-1][0].start):
            continue
        chosen.append((span, fix))
        last_end = max(span.end, last_end)
    return chosen


def splice(text: str, chosen: list[tuple[Span, Fix]]) -> str:
    """The text with the chosen (sorted, non-overlapping) fixes applied."""
    parts: list[str] = []
    pos = 0
    for span, fix in chosen:
        parts.append(text[pos : span.start])
        parts.append(fix.replacement)
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)


def merge_findings(
    text: str, findings: list[Finding], message: Message, fix_message: Message
) -> Finding | None:
    """One finding for several fixable findings of one paragraph: its span runs from the first to
    the last, and its fix applies all of theirs. None where they overlap or one has no fix."""
    ordered = sorted(findings, key=lambda f: f.span.start)
    parts: list[str] = []
    pos = ordered[0].span.start
    for f in ordered:
        if f.fix is None or f.span.start < pos:
            return None
        parts += [text[pos : f.span.start], f.fix.replacement]
        pos = f.span.end
    return Finding(
        span=Span(ordered[0].span.start, pos),
        message=message,
        fix=Fix(
            "".join(parts), fix_message, safe=all(f.fix is not None and f.fix.safe for f in ordered)
        ),
    )


def tracked_edits(text: str, first: list[tuple[Span, Fix]], fixed: str) -> list[tuple[Span, str]]:
    """The edits that turn ``text`` into ``fixed`` (what the fix loop made of it), in spans of
    ``text``, as a reviewer should see them: the first pass's fixes (``first``, as
    :func:`choose_fixes` chose them) when they alone make ``fixed``; else, where later passes
    changed more, each changed line (the lines are the same number); else the first pass's
    fixes. Each is cut to the characters that change (``数10`` → ``数十``: ``10`` → ``十``; a
    paragraph's half-width punctuation: each mark), by :class:`difflib.SequenceMatcher`."""
    edits = [(span, fix.replacement) for span, fix in first]
    if splice(text, first) != fixed:
        before, after = text.split("\n"), fixed.split("\n")
        if len(before) == len(after):
            edits = []
            start = 0
            for old, new in zip(before, after, strict=True):
                if old != new:
                    edits.append((Span(start, start + len(old)), new))
                start += len(old) + 1
    return [piece for span, replacement in edits for piece in _pieces(text, span, replacement)]


def _pieces(text: str, span: Span, replacement: str) -> list[tuple[Span, str]]:
    old = text[span.start : span.end]
    if not old or not replacement:
        return [(span, replacement)]
    from difflib import SequenceMatcher

    return [
        (Span(span.start + i1, span.start + i2), replacement[j1:j2])
        for tag, i1, i2, j1, j2 in SequenceMatcher(
            None, old, replacement, autojunk=False
        ).get_opcodes()
        if tag != "equal"
    ]

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

"""Shared reading of where paragraphs stop: used by the structure rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factlint.model import Span
from factlint.text.blocks import Block, BlockKind, ends_paragraph
from factlint.text.document import BLOCKS
from factlint.text.patterns import CLAUSE_MARKS, CONTINUATION_STARTS
from factlint.text.patterns import OPEN_ENDINGS as OPEN_ENDING_WORDS
from factlint.text.views import View

if TYPE_CHECKING:
    from factlint.text.document import Document


@dataclass(frozen=True, slots=True)
class OpenEnding:
    """A body paragraph that stops mid-sentence, and what follows it."""

    block: Block
    tail: Span  # the unfinished final clause
    continued_by: Block | None  # the fragment that continues it (after blank lines), if any


def final_clause(block: Block) -> Span:
    text = block.text
    cut = max(text.rfind(c) for c in CLAUSE_MARKS + '、“”"')
    start = cut + 1
    if start >= len(text):  # ends with a clause mark: point at the mark itself
        start = len(text) - 1
    while start < len(text) - 1 and text[start].isspace():
        start += 1
    return Span(block.span.start + start, block.span.end)


def _continues(block: Block, nxt: Block, paragraph_per_line: bool) -> bool:
    """Whether ``nxt`` continues the open ``block``: after blank lines, or, where every line is a
    paragraph (a Word file), also right after it (an accidental Enter)."""
    if nxt.kind not in (BlockKind.BODY, BlockKind.HEADING):
        return False
    if nxt.blank_lines_before == 0 and not paragraph_per_line:
        return False
    last = block.text.rstrip()[-1]
    if last in "，,、" or last in OPEN_ENDING_WORDS:
        return True
    return nxt.text[0] in CONTINUATION_STARTS


def find_open_endings(doc: Document) -> tuple[OpenEnding, ...]:
    found: list[OpenEnding] = []
    blocks = doc.blocks
    for i, block in enumerate(blocks):
        if block.kind is not BlockKind.BODY or ends_paragraph(block.text):
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        continued = (
            nxt if nxt is not None and _continues(block, nxt, doc.paragraph_per_line) else None
        )
        found.append(OpenEnding(block, final_clause(block), continued))
    return tuple(found)


#: Body paragraphs that stop mid-sentence, each with the fragment continuing it, if any.
OPEN_ENDINGS: View[Document, tuple[OpenEnding, ...]] = View(
    "open_endings", find_open_endings, reads=(BLOCKS,)
)

"""The Document: decoded text exactly as read, plus lazily built views shared by all rules."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import regex
from factlint.inputs.reading import is_word
from factlint.model import Span
from factlint.text.blocks import Block, segment
from factlint.text.patterns import EMAIL, HTML_COMMENT, MD_CODE_SPAN, MD_LINK_TARGET, URL

if TYPE_CHECKING:
    from factlint.engine.suppressions import Directive
    from factlint.facts.duplicates import DuplicateAnalysis
    from factlint.facts.enumerations import Enumeration
    from factlint.facts.quantities import Quantity
    from factlint.facts.quoted import QuotedTerm
    from factlint.text.structure import OpenEnding

#: A sentence: a run up to its final marks and closing quotes. Possessive and with an optional end,
#: so that a long stretch without any final mark costs linear time (it is cut every 5,000 characters).
_SENTENCE = regex.compile(r"[^。！？!?…]{1,5000}+(?:[。！？!?…]{1,6}+[”’）)」』]{0,3}+)?")


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    text: str
    block: int  # index of the block it belongs to


class Document:
    """One input: its display path, its text, and views computed once on first use.

    The text is never changed: every view refers to it by code-point offsets.
    """

    def __init__(
        self,
        path: str,
        text: str,
        *,
        markdown: bool | None = None,
        paragraph_per_line: bool | None = None,
    ) -> None:
        self.path = path
        self.text = text
        self.markdown = (
            path.lower().endswith((".md", ".markdown")) if markdown is None else markdown
        )
        #: Every line is a paragraph of its own (a Word file): no line is a layout wrap.
        self.paragraph_per_line = (
            is_word(path) if paragraph_per_line is None else paragraph_per_line
        )

    def __repr__(self) -> str:
        return f"Document({self.path!r}, {len(self.text)} chars)"

    # ---- positions -------------------------------------------------------------------------
    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        text = self.text
        for m in regex.finditer(r"\r\n|\r|\n", text):
            starts.append(m.end())
        return starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset; columns count characters."""
        line = bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The physical line (1-based) without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    # ---- views -----------------------------------------------------------------------------
    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        return segment(
            self.text, markdown=self.markdown, paragraph_per_line=self.paragraph_per_line
        )

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        out: list[Sentence] = []
        for block in self.blocks:
            if not block.is_prose:
                continue
            for m in _SENTENCE.finditer(block.text):
                raw = m.group()
                stripped = raw.strip()
                if not stripped:
                    continue
                lead = len(raw) - len(raw.lstrip())
                start = block.span.start + m.start() + lead
                out.append(Sentence(Span(start, start + len(stripped)), stripped, block.index))
        return tuple(out)

    @cached_property
    def protected(self) -> tuple[Span, ...]:
        """Spans no punctuation or spacing rule may touch: URLs, e-mail addresses, Markdown code."""
        spans: list[Span] = []
        patterns = [URL, EMAIL]
        if self.markdown:
            patterns += [MD_CODE_SPAN, MD_LINK_TARGET, HTML_COMMENT]
        for pattern in patterns:
            spans.extend(Span(m.start(), m.end()) for m in pattern.finditer(self.text))
        if self.markdown:
            from factlint.text.blocks import BlockKind

            spans.extend(b.span for b in self.blocks if b.kind in (BlockKind.CODE, BlockKind.TABLE))
        return tuple(sorted(spans))

    @cached_property
    def _protected_index(self) -> tuple[list[int], list[int]]:
        starts: list[int] = []
        ends: list[int] = []
        for span in self.protected:  # sorted by start; merge overlaps into disjoint runs
            if ends and span.start <= ends[-1]:
                ends[-1] = max(ends[-1], span.end)
            else:
                starts.append(span.start)
                ends.append(span.end)
        return starts, ends

    def is_protected(self, offset: int) -> bool:
        starts, ends = self._protected_index
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]

    def prose_matches(
        self, pattern: regex.Pattern[str], protected_at: int | str = 0
    ) -> Iterator[regex.Match[str]]:
        """The matches of ``pattern`` in the prose blocks, in text order.

        Each block is searched on its own (``pattern.finditer(text, block start, block end)``),
        so a match never crosses a block boundary, its offsets are offsets of `text`, and its
        ``pos`` is the start of its block. A match is left out when its group ``protected_at``
        (a group number or name; by default 0, the whole match) starts in a protected span.
        """
        text = self.text
        for block in self.blocks:
            if not block.is_prose:
                continue
            for m in pattern.finditer(text, block.span.start, block.span.end):
                if not self.is_protected(m.start(protected_at)):
                    yield m

    @cached_property
    def duplicates(self) -> DuplicateAnalysis:
        from factlint.facts.duplicates import analyse_duplicates

        return analyse_duplicates(self)

    @cached_property
    def quantities(self) -> tuple[Quantity, ...]:
        """Every number of the body text with its value, approximation, unit and subject."""
        from factlint.facts.quantities import extract_quantities

        return extract_quantities(self)

    @cached_property
    def quoted_terms(self) -> tuple[QuotedTerm, ...]:
        """Every quoted name (“足球援青”, 《昆仑问道》, "青洽会"): its text without the marks, and span."""
        from factlint.facts.quoted import extract_quoted_terms

        return extract_quoted_terms(self)

    @cached_property
    def enumerations(self) -> tuple[Enumeration, ...]:
        """Lists of items (、/和-separated, quoted names, bracketed) with their labels and count claims."""
        from factlint.facts.enumerations import extract_enumerations

        return extract_enumerations(self)

    @cached_property
    def suppression_directives(self) -> tuple[Directive, ...]:
        """Markdown ``<!-- factlint-disable … -->`` comments, in order (none in plain text)."""
        from factlint.engine.suppressions import parse_directives

        return parse_directives(self)

    @cached_property
    def open_endings(self) -> tuple[OpenEnding, ...]:
        """Body paragraphs that stop mid-sentence, each with the fragment continuing it, if any."""
        from factlint.text.structure import find_open_endings

        return find_open_endings(self)

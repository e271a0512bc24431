"""Quoted terms: the names a report puts in quotation or title marks (“足球援青”, 《昆仑问道》).

Reports quote their programme, brand and slogan names, and a name quoted in one place is usually
quoted wherever it recurs; the consistency rules compare these names across a corpus. Matched pairs
are “…” ‘…’ 「…」 『…』 《…》 〈…〉 and straight "…" (PDF extractions and drafts typed with an
English keyboard use them), each on one line and at most :data:`MAX_TERM` characters long.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex
from factlint.model import Span
from factlint.text.document import PROTECTED
from factlint.text.views import View

if TYPE_CHECKING:
    from factlint.text.document import Document

#: The longest quoted text taken for a term; longer quotations are sentences, not names.
MAX_TERM = 40

_QUOTED = regex.compile(
    r"""
      “ (?P<text>[^“”\r\n]{1,40}) ”
    | ‘ (?P<text>[^‘’\r\n]{1,40}) ’
    | 「 (?P<text>[^「」\r\n]{1,40}) 」
    | 『 (?P<text>[^『』\r\n]{1,40}) 』
    | 《 (?P<text>[^《》\r\n]{1,40}) 》
    | 〈 (?P<text>[^〈〉\r\n]{1,40}) 〉
    | " (?P<text>[^"。；！？\r\n]{1,40}) "
    """,
    regex.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class QuotedTerm:
    """One quoted term: the span of its text (without the marks), the text, and the opening mark."""

    span: Span
    text: str
    mark: str

    def __reduce__(self) -> tuple[type[QuotedTerm], tuple[Span, str, str]]:
        # rebuilt by the constructor: quicker to unpickle (the cache keeps each document's terms)
        return QuotedTerm, (self.span, self.text, self.mark)

    @property
    def outer(self) -> Span:
        """The span including the quotation marks."""
        return Span(self.span.start - 1, self.span.end + 1)


def extract_quoted_terms(doc: Document) -> tuple[QuotedTerm, ...]:
    """Every quoted term of the text, in order, outside protected spans (URLs, code)."""
    out: list[QuotedTerm] = []
    text = doc.text
    names: dict[str, str] = {}  # a name is quoted again and again: one string for its uses
    for m in _QUOTED.finditer(text):
        inner = m.group("text")
        if not inner.strip() or doc.is_protected(m.start()):
            continue
        start = m.start("text")
        inner = names.setdefault(inner, inner)
        out.append(QuotedTerm(Span(start, start + len(inner)), inner, text[m.start()]))
    return tuple(out)


#: Every quoted name (“足球援青”, 《昆仑问道》, "青洽会"): its text without the marks, and its span.
QUOTED_TERMS: View[Document, tuple[QuotedTerm, ...]] = View(
    "quoted_terms", extract_quoted_terms, reads=(PROTECTED,)
)

"""The formats a document's text comes in, and what each means for reading and reporting.

The input that decodes a file decides its format, once (:func:`factlint.inputs.reading.format_for`);
the format then travels with the text in the :class:`~factlint.text.document.Document`, and every
part of factlint that needs to know — segmenting, suppressions, the fix loop, the reporters, the
cache — asks the format, never the file name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class TextFormat:
    """How a document's text is to be read."""

    name: Literal["text", "markdown", "word"]
    #: Markdown syntax applies: code, tables, link targets and comments are not prose, and
    #: ``<!-- factlint-… -->`` comments are suppressions.
    markdown: bool
    #: Every line is a paragraph of its own (a Word file): no line break is a layout wrap.
    paragraph_per_line: bool
    #: What a diagnostic's ``line`` counts: physical lines, or paragraphs (a Word file).
    line_unit: Literal["line", "paragraph"]
    #: ``--fix`` may write the fixed text back in place.
    fixable_in_place: bool


#: Plain text (``.txt``): blank lines end paragraphs, hard-wrapped lines are joined.
PLAIN = TextFormat("text", False, False, "line", True)
#: Markdown (``.md``).
MARKDOWN = TextFormat("markdown", True, False, "line", True)
#: The body paragraphs of a Word file (``.docx``), one per line; checked, never fixed in place.
WORD = TextFormat("word", False, True, "paragraph", False)

FORMATS: tuple[TextFormat, ...] = (PLAIN, MARKDOWN, WORD)
BY_NAME: dict[str, TextFormat] = {f.name: f for f in FORMATS}

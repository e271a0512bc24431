"""A Word file's text, read as a stream: the main document part is found through the package's
relationships and content types, as python-docx finds it, then parsed with ``lxml.etree.iterparse``
one body-level block at a time, each cleared once read, so memory stays bounded by one paragraph or
table rather than the whole tree (python-docx builds the whole tree and a proxy per element: ~250
bytes per character of text).

The text of a paragraph is exactly python-docx's ``Paragraph.text`` (version 1.2): its ``w:r`` and
``w:hyperlink`` children (the runs of a hyperlink), each run's ``w:t`` text, ``w:tab`` and
``w:ptab`` as a tab, ``w:br`` of the text-wrapping kind (the default) and ``w:cr`` as a line feed,
``w:noBreakHyphen`` as ``-``; nothing else (a soft hyphen, a symbol, a field's result inside
``w:fldSimple``, a smart tag's runs, a tracked insertion's runs are not direct runs and are left out,
as python-docx leaves them out). Only paragraphs that are children of the body are read: a table's,
a text box's, a content control's paragraphs are not (:func:`body_paragraphs` sees every block of the
body and can be extended to them). The XML parser resolves no entity, loads no DTD, uses no network
and keeps libxml2's size and depth limits (no ``huge_tree``).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_DOCUMENT = W + "document"
W_BODY = W + "body"
W_P = W + "p"
W_R = W + "r"
W_HYPERLINK = W + "hyperlink"
W_T = W + "t"
W_TAB = W + "tab"
W_PTAB = W + "ptab"
W_BR = W + "br"
W_CR = W + "cr"
W_NO_BREAK_HYPHEN = W + "noBreakHyphen"
W_TYPE = W + "type"
#: the body-level blocks whose end the stream stops at: each is read (a paragraph) or skipped,
#: then dropped with everything before it
_BLOCKS = (W_P, W + "tbl", W + "sdt", W + "customXml", W + "altChunk")

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

#: python-docx's parser settings (``docx.oxml.parser``), so the same XML gives the same text, plus
#: the safe defaults said out loud
_PARSER_OPTIONS: dict[str, bool] = {
    "remove_blank_text": True,
    "resolve_entities": False,
    "load_dtd": False,
    "no_network": True,
    "huge_tree": False,
}


def _iterparse(
    stream: IO[bytes], tag: str | tuple[str, ...] | None = None
) -> Any:  # an lxml.etree.iterparse (no stubs for lxml)
    return etree.iterparse(stream, events=("end",), tag=tag, **_PARSER_OPTIONS)


def main_document(archive: zipfile.ZipFile) -> str:
    """The zip member name of a Word package's main document part, found as python-docx finds it:
    the package relationship of type officeDocument (KeyError if there is none), whose content
    type must be WordprocessingML's main document (ValueError otherwise: a workbook, a template)."""
    target = None
    with archive.open("_rels/.rels") as stream:
        for _, element in _iterparse(stream, _RELATIONSHIPS):
            if (
                target is None
                and element.get("Type") == _OFFICE_DOCUMENT
                and element.get("TargetMode") != "External"
            ):
                target = element.get("Target")
            element.clear()
    if target is None:
        raise KeyError("no officeDocument relationship")
    partname = posixpath.abspath(posixpath.join("/", target))
    override = default = None
    extension = posixpath.splitext(partname)[1][1:].lower()
    with archive.open("[Content_Types].xml") as stream:
        for _, element in _iterparse(stream):
            if element.tag == _CONTENT_TYPES + "Override":
                if override is None and (element.get("PartName") or "").lower() == partname.lower():
                    override = element.get("ContentType")
            elif element.tag == _CONTENT_TYPES + "Default":
                if default is None and (element.get("Extension") or "").lower() == extension:
                    default = element.get("ContentType")
            element.clear()
    content_type = override if override is not None else default
    if content_type is None:
        raise KeyError(f"no content type for {partname}")
    if content_type != WORD_MAIN:
        raise ValueError(f"not a Word document: {content_type}")
    return partname[1:]


def body_paragraphs(stream: IO[bytes]) -> Iterator[str]:
    """The text of each paragraph of the body of a main document part (``word/document.xml``), in
    document order, read as a stream. ValueError when the root is not ``w:document`` or it has no
    ``w:body``; lxml's XMLSyntaxError (a SyntaxError) when the XML is damaged.

    Every body-level block (paragraph, table, content control…) is dropped once its end is read,
    with whatever came before it in the body: memory holds one block. A later reader of tables or
    content controls handles their blocks here, where ``block.tag`` is not ``w:p``."""
    context = _iterparse(stream, _BLOCKS)
    body = None
    for _, block in context:
        if body is None:
            body = _first_body(block)
            if body is None:
                block.clear()  # outside the body: never read
                continue
        if block.getparent() is not body:
            continue  # a block inside a table, a content control, a text box: dropped with it
        if block.tag == W_P:
            yield paragraph_text(block)
        block.clear()
        while block.getprevious() is not None:
            del body[0]
    root = context.root
    if root is None or root.tag != W_DOCUMENT or root.find(W_BODY) is None:
        raise ValueError("word/document.xml has no w:document root or no w:body")


def _first_body(block: etree._Element) -> etree._Element | None:
    """The root's first ``w:body`` (python-docx reads that one) when ``block`` is inside a
    ``w:body`` child of the root, else None; ValueError when the root is not ``w:document``. Looks
    at the root's children only once a body is open, so blocks outside any body cost no search."""
    top, parent = block, block.getparent()
    while parent is not None and parent.getparent() is not None:
        top, parent = parent, parent.getparent()
    root = parent if parent is not None else top
    if root.tag != W_DOCUMENT:
        raise ValueError("the main document part's root is not w:document")
    if parent is None or top.tag != W_BODY:
        return None
    found: etree._Element | None = root.find(W_BODY)
    return found


def paragraph_text(paragraph: etree._Element) -> str:
    """python-docx's ``CT_P.text``: the text of the runs and hyperlinks' runs that are children of
    the paragraph."""
    parts: list[str] = []
    for child in paragraph:
        if child.tag == W_R:
            _run_text(child, parts)
        elif child.tag == W_HYPERLINK:
            for run in child:
                if run.tag == W_R:
                    _run_text(run, parts)
    return "".join(parts)


def _run_text(run: etree._Element, parts: list[str]) -> None:
    """python-docx's ``CT_R.text``, appended to ``parts``."""
    for item in run:
        tag = item.tag
        if tag == W_T:
            if item.text:
                parts.append(item.text)
        elif tag == W_TAB or tag == W_PTAB:
            parts.append("\t")
        elif tag == W_BR:
            kind = item.get(W_TYPE)
            if kind is None or kind == "textWrapping":
                parts.append("\n")
        elif tag == W_CR:
            parts.append("\n")
        elif tag == W_NO_BREAK_HYPHEN:
            parts.append("-")

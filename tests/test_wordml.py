"""The streaming Word reader (:mod:`factlint.inputs.wordml`) gives exactly python-docx's
``[p.text for p in Document(...).paragraphs]`` — on every ``.docx`` in the fixtures and on generated
documents with tabs, breaks, hyperlinks, fields, smart tags, content controls, tracked changes, text
boxes, tables and odd XML — and reads a large document in memory proportional to its text, not to
its XML tree."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from factlint.inputs import wordml
from factlint.inputs.reading import ReadError, decode_docx
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import FIXTURES, ROOT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)


def _template() -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    return out.getvalue()


TEMPLATE = _template()


def docx_with(document_xml: bytes, template: bytes = TEMPLATE) -> bytes:
    """python-docx's default document with word/document.xml replaced."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(template)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(
                info.filename, document_xml if info.filename == "word/document.xml" else data
            )
    return out.getvalue()


def document_xml(body: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{prolog}'
        f"<w:document {NAMESPACES}><w:body>{body}<w:sectPr/></w:body></w:document>"
    ).encode()


def python_docx(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def streamed(data: bytes) -> list[str]:
    with (
        zipfile.ZipFile(io.BytesIO(data)) as archive,
        archive.open(wordml.main_document(archive)) as stream,
    ):
        return list(wordml.body_paragraphs(stream))


def r(inner: str) -> str:
    return f"<w:r><w:rPr><w:b/></w:rPr>{inner}</w:r>"


def t(text: str, preserve: bool = False) -> str:
    space = ' xml:space="preserve"' if preserve else ""
    return f"<w:t{space}>{text}</w:t>"


#: pieces of a paragraph's content, each some way Word marks up text (or something that is not text)
PIECES = [
    r(t("统计局数据显示")),
    r(t("  两边有空格  ", preserve=True)),
    r(t("   ")),  # whitespace only, not preserved
    r("<w:t/>"),
    r(t("a") + "<w:tab/>" + t("b")),
    r("<w:ptab w:relativeTo='margin' w:alignment='right' w:leader='none'/>"),
    r("<w:br/>" + t("换行")),
    r('<w:br w:type="textWrapping"/>'),
    r('<w:br w:type="page"/>' + t("分页")),
    r('<w:br w:type="column"/>'),
    r('<w:br w:type="nonsense"/>'),
    r("<w:cr/>"),
    r("<w:noBreakHyphen/>" + "<w:softHyphen/>"),
    r('<w:sym w:font="Wingdings" w:char="F0E0"/>'),
    r('<w:fldChar w:fldCharType="begin"/>')
    + r('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
    + r('<w:fldChar w:fldCharType="separate"/>')
    + r(t("3"))
    + r('<w:fldChar w:fldCharType="end"/>'),
    '<w:fldSimple w:instr=" DATE "><w:r><w:t>2025年1月1日</w:t></w:r></w:fldSimple>',
    '<w:hyperlink r:id="rId9"><w:r><w:t>链接</w:t></w:r><w:r><w:tab/><w:t>文字</w:t></w:r>'
    "</w:hyperlink>",
    '<w:hyperlink w:anchor="x"><w:hyperlink><w:r><w:t>嵌套链接</w:t></w:r></w:hyperlink>'
    "<w:fldSimple><w:r><w:t>链接里的域</w:t></w:r></w:fldSimple></w:hyperlink>",
    '<w:smartTag w:uri="u" w:element="date"><w:r><w:t>智能标记</w:t></w:r></w:smartTag>',
    '<w:customXml w:element="x"><w:r><w:t>自定义</w:t></w:r></w:customXml>',
    "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>内容控件</w:t></w:r></w:sdtContent></w:sdt>",
    '<w:ins w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>',
    '<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>',
    "<w:r><w:r><w:t>嵌套的run</w:t></w:r><w:t>外层</w:t></w:r>",
    "<w:r><w:t>带<w:b/>子元素</w:t></w:r>",
    "<w:r><w:t><![CDATA[CDATA <文字>]]></w:t></w:r>",
    "<w:r><w:t>&lt;转义&amp;&#x4E2D;&#x1F600;</w:t></w:r>",
    "<!-- comment --><?pi data?>",
    "<w:r><w:t>a</w:t><!-- in a run --><w:t>b</w:t></w:r>",
    '<w:bookmarkStart w:id="0" w:name="b"/><w:bookmarkEnd w:id="0"/>',
    "<w:proofErr w:type='spellStart'/>",
    "<mc:AlternateContent><mc:Choice Requires='wps'><w:r><w:t>替代</w:t></w:r></mc:Choice>"
    "</mc:AlternateContent>",
    "<w:r><w:drawing><wp:inline><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
    "<w:p><w:r><w:t>文本框里的段落</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>"
    "</a:graphicData></a:graphic></wp:inline></w:drawing><w:t>文本框后</w:t></w:r>",
    "<w:r>\n  <w:t>排版</w:t>\n  <w:tab/>\n</w:r>\n",
    "<w:pPr><w:pStyle w:val='Heading1'/></w:pPr>",
]

#: body-level blocks besides paragraphs
BLOCKS = [
    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
    "<w:sdt><w:sdtContent><w:p><w:r><w:t>块级控件</w:t></w:r></w:p></w:sdtContent></w:sdt>",
    '<w:bookmarkStart w:id="5" w:name="x"/>',
    "\n  ",
]


def paragraph(pieces: list[str]) -> str:
    return "<w:p>" + "".join(pieces) + "</w:p>"


GENERATED = {
    "every piece": document_xml("".join(paragraph([piece]) for piece in PIECES)),
    "all in one paragraph": document_xml(paragraph(PIECES)),
    "blocks": document_xml(
        "".join(block + paragraph([PIECES[i]]) for i, block in enumerate(BLOCKS * 2))
    ),
    "empty body": document_xml(""),
    "empty paragraphs": document_xml("<w:p/><w:p></w:p><w:p><w:r/></w:p>"),
    "two bodies": document_xml(
        paragraph([r(t("一"))]) + "</w:body><w:body>" + paragraph([r(t("二"))])
    ),
    "blocks outside the body": (
        f"<w:document {NAMESPACES}><w:p><w:r><w:t>体外</w:t></w:r></w:p><w:body>"
        f"{paragraph([r(t('体内'))])}</w:body><w:p><w:r><w:t>体后</w:t></w:r></w:p></w:document>"
    ).encode(),
    "internal entity": document_xml(
        paragraph([r(t("前&x;后"))]),
        '<!DOCTYPE w:document [<!ENTITY x "展开">]>',
    ),
    "external entity": document_xml(
        paragraph([r(t("前&x;后"))]),
        '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/hostname">]>',
    ),
    "gb18030 declared": (
        '<?xml version="1.0" encoding="GB18030"?>'
        f"<w:document {NAMESPACES}><w:body>{paragraph([r(t('国标编码'))])}</w:body></w:document>"
    ).encode("gb18030"),
}


def fixture_documents() -> list[Path]:
    return sorted(
        p for folder in (FIXTURES, ROOT / "tests") for p in folder.rglob("*.docx") if p.is_file()
    )


@pytest.mark.parametrize(
    "data",
    [pytest.param(p.read_bytes(), id=p.name) for p in fixture_documents()]
    + [pytest.param(docx_with(xml), id=name) for name, xml in GENERATED.items()],
)
def test_stream_reads_what_python_docx_reads(data: bytes) -> None:
    assert streamed(data) == python_docx(data)


def test_the_generated_documents_have_the_markup_they_are_about() -> None:
    """The cases are not vacuous: python-docx reads text, tabs and line feeds from them, and the
    entity is neither expanded nor fetched."""
    every = python_docx(docx_with(GENERATED["every piece"]))
    assert len(every) == len(PIECES)
    assert "a\tb" in every and "\n换行" in every and "分页" in every and "-" in every
    assert "链接\t文字" in every and "3" in every and "文本框后" in every
    assert python_docx(docx_with(GENERATED["two bodies"])) == ["一"]
    assert python_docx(docx_with(GENERATED["blocks outside the body"])) == ["体内"]
    for name in ("internal entity", "external entity"):
        assert streamed(docx_with(GENERATED[name])) == ["前"], name


@given(
    st.lists(
        st.one_of(
            st.lists(st.sampled_from(PIECES), max_size=6).map(paragraph),
            st.sampled_from(BLOCKS),
        ),
        max_size=8,
    )
)
def test_any_mix_of_markup_reads_as_python_docx_reads_it(blocks: list[str]) -> None:
    data = docx_with(document_xml("".join(blocks)))
    assert streamed(data) == python_docx(data)


def test_the_main_part_is_found_through_the_relationships() -> None:
    """A main document part stored under another name (Word sometimes writes document2.xml) is
    read; a package whose main part is a workbook is not a Word file."""
    source = zipfile.ZipFile(io.BytesIO(TEMPLATE))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as new:
        for info in source.infolist():
            data = source.read(info.filename)
            name = info.filename
            if name == "word/document.xml":
                name, data = "word/document2.xml", document_xml(paragraph([r(t("改名"))]))
            elif name == "_rels/.rels":
                data = data.replace(b"word/document.xml", b"/word/document2.xml")
            elif name == "[Content_Types].xml":
                data = data.replace(b"/word/document.xml", b"/WORD/Document2.XML")
            new.writestr(name, data)
    moved = out.getvalue()
    assert streamed(moved) == python_docx(moved) == ["改名"]
    assert decode_docx(moved).text == "改名"

    workbook = TEMPLATE.replace(b"x", b"x")  # a copy, changed below through its zip
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml", b"spreadsheetml.sheet.main+xml"
                )
            new.writestr(info.filename, data)
    with pytest.raises(ValueError):
        python_docx(out.getvalue())
    with pytest.raises(ReadError) as info:
        decode_docx(out.getvalue())
    assert "损坏" in info.value.zh


def many_paragraphs(n: int) -> tuple[bytes, int]:
    """A Word file of ``n`` body paragraphs of ~30 characters each (two runs, a tab), and the
    number of characters of its text."""
    text = "统计局发布数据显示全年增长百分之{i}，同比提高{j}个百分点。"
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
        f"<w:t>{text.format(i=i, j=i % 7)}</w:t></w:r><w:r><w:tab/><w:t>尾</w:t></w:r></w:p>"
        for i in range(n)
    )
    characters = sum(len(text.format(i=i, j=i % 7)) + 2 for i in range(n)) + n - 1
    return docx_with(document_xml(body)), characters


#: a child that reads a Word file with one of the two readers and prints the growth of its peak RSS
#: (KiB) over the read. The libxml2 tree lives outside Python's allocator, so tracemalloc misses it;
#: VmHWM is the peak of the child's own address space (``ru_maxrss`` would carry the peak of the
#: test process, forked before the exec)
READ_IN_A_CHILD = """
import io, sys
from factlint.inputs.reading import decode_docx
import docx, lxml.etree, zipfile
def python_docx(data):
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
def peak():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
reader = decode_docx if sys.argv[1] == "stream" else python_docx
with open(sys.argv[2], "rb") as f:
    data = f.read()
before = peak()
reader(data)
print(peak() - before)
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM: Linux")
@pytest.mark.parametrize("reader", ["stream", "python-docx"])
def test_a_large_word_file_is_read_in_memory_proportional_to_its_text(
    reader: str, tmp_path: Path
) -> None:
    """20,000 paragraphs (~690,000 characters): reading grows the peak RSS by under 30 bytes per
    character of text (~9 measured: the text is 2 bytes a character, a paragraph's str ~50 bytes of
    overhead); python-docx, with the whole XML tree and a proxy per element, by ~70 — the bound
    tells the two readers apart."""
    data, characters = many_paragraphs(20_000)
    assert len(decode_docx(data).text) == characters
    path = tmp_path / "large.docx"
    path.write_bytes(data)
    done = subprocess.run(
        [sys.executable, "-c", READ_IN_A_CHILD, reader, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    per_character = int(done.stdout) * 1024 / characters
    if reader == "stream":
        assert per_character < 30, per_character
    else:
        assert per_character > 30, per_character

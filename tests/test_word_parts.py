"""A Word draft read whole (issue 14): tracked changes as accepted, content controls, a table, a
header, a footer, a footnote, a text box — each holding a defect, each found once, with where it
is; deleted text never reported. And the folder of drafts: lock files skipped, the office files
factlint cannot read said unreadable, exit 2."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from factlint.inputs.reading import decode_docx

from tests.cli_support import run
from tests.test_wordml import NAMESPACES, TEMPLATE

pytestmark = pytest.mark.usefixtures("project")

VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


def p(inner: str, style: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{inner}</w:p>"


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def cell(text: str) -> str:
    return f"<w:tc>{p(r(text))}</w:tc>"


TEXT_BOX = (
    "<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wp:inline><a:graphic>"
    "<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>"
    + p(r("文本框里有30余个百分百的说法。"))
    + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing>"
    "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    + p(r("文本框里有30余个百分百的说法。"))
    + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)

BODY = (
    p(r("一、总体情况"), style="Heading1")
    # a tracked insertion holding a defect; a deleted defect; a tracked replacement that is right
    + p(
        r("全年吸引")
        + '<w:ins w:id="1" w:author="编辑"><w:r><w:t>数10万人次</w:t></w:r></w:ins>'
        + r("参观，比上年提高3个")
        + '<w:del w:id="2" w:author="编辑"><w:r><w:delText>百分百</w:delText></w:r></w:del>'
        + '<w:ins w:id="3" w:author="编辑"><w:r><w:t>百分点</w:t></w:r></w:ins>'
        + r("。")
    )
    + p(
        r("删去的文字不读")
        + '<w:del w:id="4" w:author="编辑"><w:r><w:delText>,吸引数10万人次</w:delText></w:r></w:del>'
        + '<w:moveFrom w:id="5" w:author="编辑"><w:r><w:t>,移走</w:t></w:r></w:moveFrom>'
        + r("。")
    )
    # an inline content control, and a field whose instruction is not read
    + p(
        r("本县")
        + "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>共有5个乡镇,</w:t></w:r></w:sdtContent></w:sdt>"
        + r("均已完成任务")
        + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + '<w:r><w:instrText xml:space="preserve"> REF 数10万 ,x </w:instrText></w:r>'
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("（见附表）")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        + r("。")
    )
    # a block-level content control
    + "<w:sdt><w:sdtPr/><w:sdtContent>"
    + p(r("控件里的段落吸引数100家企业入驻。"))
    + "</w:sdtContent></w:sdt>"
    + p(r("二、主要指标"), style="Heading1")
    + p(r("主要指标如下表。"))
    # a table with figures: one defect in a cell; a row is not a sentence
    + "<w:tbl><w:tr>"
    + cell("指标")
    + cell("2024年")
    + cell("增长")
    + "</w:tr><w:tr>"
    + cell("地区生产总值")
    + cell("1234.5亿元")
    + cell("提高30余个百分百")
    + "</w:tr><w:tr>"
    + cell("城镇居民收入")
    + cell("45678元")
    + cell("增长5.2%")
    + "</w:tr></w:tbl>"
    + p(r("以上数据为初步统计") + '<w:r><w:footnoteReference w:id="1"/></w:r>' + r("。"))
    + p(TEXT_BOX)
    + '<w:sectPr><w:headerReference w:type="default" r:id="rIdH1"/>'
    '<w:headerReference w:type="first" r:id="rIdH2"/>'
    '<w:footerReference w:type="default" r:id="rIdF1"/></w:sectPr>'
)


def part(root: str, inner: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:{root} {NAMESPACES} {VML}>{inner}</w:{root}>"
    ).encode()


FOOTNOTES = part(
    "footnotes",
    '<w:footnote w:type="separator" w:id="-1">' + p("<w:r><w:separator/></w:r>") + "</w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0">'
    + p(r("分隔,不读"))
    + "</w:footnote>"
    + '<w:footnote w:id="1">'
    + p(r("资料来源为统计局,数据为初步核算数。"))
    + "</w:footnote>",
)

PARTS = {
    "word/document.xml": (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:document {NAMESPACES} {VML}><w:body>{BODY}</w:body></w:document>"
    ).encode(),
    # two headers with the same text (the first page's and the others'): read once
    "word/header1.xml": part("hdr", p(r("某某县人民政府,工作报告"))),
    "word/header2.xml": part("hdr", p(r("某某县人民政府,工作报告"))),
    "word/footer1.xml": part("ftr", p(r("第1页,共3页"))),
    "word/footnotes.xml": FOOTNOTES,
}
RELS = {
    "rIdH1": ("header", "header1.xml"),
    "rIdH2": ("header", "header2.xml"),
    "rIdF1": ("footer", "footer1.xml"),
    "rIdN1": ("footnotes", "footnotes.xml"),
}


def draft() -> bytes:
    """python-docx's default document (its styles name Heading1 a heading) with the parts above."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(TEMPLATE)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            data = PARTS.get(info.filename) or old.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                extra = "".join(
                    f'<Relationship Id="{rid}" Type="{REL}{kind}" Target="{target}"/>'
                    for rid, (kind, target) in RELS.items()
                )
                data = data.replace(b"</Relationships>", extra.encode() + b"</Relationships>")
            elif info.filename == "[Content_Types].xml":
                extra = "".join(
                    f'<Override PartName="/word/{name}" ContentType="{CT}{kind}+xml"/>'
                    for name, kind in (
                        ("header1.xml", "header"),
                        ("header2.xml", "header"),
                        ("footer1.xml", "footer"),
                        ("footnotes.xml", "footnotes"),
                    )
                )
                data = data.replace(b"</Types>", extra.encode() + b"</Types>")
            new.writestr(info.filename, data)
        for name, data in PARTS.items():
            if name not in old.NameToInfo:
                new.writestr(name, data)
    return out.getvalue()


def test_the_draft_reads_as_accepted_in_reading_order_with_places() -> None:
    decoded = decode_docx(draft())
    lines = decoded.text.split("\n")
    assert lines[:5] == [
        "一、总体情况",
        "全年吸引数10万人次参观，比上年提高3个百分点。",
        "删去的文字不读。",
        "本县共有5个乡镇,均已完成任务（见附表）。",
        "控件里的段落吸引数100家企业入驻。",
    ]
    assert "数10万 ,x" not in decoded.text and "分隔" not in decoded.text
    assert lines[7:16] == [  # cell by cell, row by row
        *("指标", "2024年", "增长"),
        *("地区生产总值", "1234.5亿元", "提高30余个百分百"),
        *("城镇居民收入", "45678元", "增长5.2%"),
    ]
    assert lines[16:] == [
        "以上数据为初步统计。",
        "",  # the paragraph anchoring the text box
        "某某县人民政府,工作报告",  # once, though two headers hold it
        "第1页,共3页",
        "资料来源为统计局,数据为初步核算数。",
        "文本框里有30余个百分百的说法。",  # once: the Choice, not the Fallback
    ]
    at = decoded.places.at
    cell = at(13)
    assert cell is not None and (cell.part, cell.table, cell.row, cell.column) == ("table", 1, 2, 3)
    assert cell.heading == "二、主要指标"
    assert [at(n).part for n in (19, 20, 21, 22)] == ["header", "footer", "footnote", "textbox"]
    assert at(21).note == 1


def test_every_defect_is_found_once_with_its_place_and_deleted_text_never(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("稿件.docx").write_bytes(draft())
    code, out, err = run(capsys, "check", "--no-cache", "--format", "json", "稿件.docx")
    assert (code, err) == (1, "")
    found = [
        (f["code"], f["line"], f["location"]["text"], f["location"]["part"])
        for f in json.loads(out)
    ]
    assert found == [
        ("N101", 2, "正文，“一、总体情况”下", "body"),  # inside the tracked insertion
        ("P101", 4, "正文，“一、总体情况”下", "body"),  # inside the inline content control
        ("N101", 5, "正文，“一、总体情况”下", "body"),  # inside the block content control
        ("T101", 13, "表格1 第2行第3列，“二、主要指标”下", "table"),
        ("P101", 19, "页眉", "header"),
        ("P101", 20, "页脚", "footer"),
        ("P101", 21, "脚注1", "footnote"),
        ("T101", 22, "文本框", "textbox"),
    ]
    assert len(found) == len(set(found))  # nothing twice
    assert list(json.loads(out)[0]) == [  # the contract's keys, unchanged, then ``location``
        "path", "code", "rule", "severity", "message",
        "line", "column", "end_line", "end_column", "related", "fix", "location",
    ]  # fmt: skip
    code, concise, _ = run(capsys, "check", "--no-cache", "--format", "concise", "稿件.docx")
    assert "稿件.docx:13:7（表格1 第2行第3列，“二、主要指标”下）: T101 " in concise
    assert "稿件.docx:21:9（脚注1）: P101 " in concise
    _, full, _ = run(capsys, "check", "--no-cache", "--format", "full", "稿件.docx")
    assert "稿件.docx:19:8（页眉）" in full
    _, english, _ = run(
        capsys, "check", "--no-cache", "--lang", "en", "--format", "concise", "稿件.docx"
    )
    assert "稿件.docx:13:7 (table 1, row 2, column 3, under “二、主要指标”): T101 " in english


def test_table_cells_are_never_truncated_or_split_paragraphs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A row of cells is not a sentence: no cell joins its neighbour, none is reported as a
    paragraph cut off (S101) or split (S102), though none ends with a full stop."""
    document = docx.Document()
    document.add_paragraph("全县主要经济指标如下：")
    grid = document.add_table(rows=3, cols=3)
    rows = [
        ("指标", "数值", "说明"),
        ("粮食产量", "35.6万吨", "比上年增长，"),
        ("新增就业", "1200人", "其中高校毕业生"),
    ]
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            grid.cell(i, j).text = text
    document.add_paragraph("以上数据均为初步统计数。")
    document.save("表格.docx")
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "json", "表格.docx")
    assert (code, json.loads(out)) == (0, [])
    assert decode_docx(Path("表格.docx").read_bytes()).text.split("\n")[1:4] == [
        "指标",
        "数值",
        "说明",
    ]


def test_a_folder_of_drafts_skips_lock_files_and_says_what_it_cannot_read(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = Path("稿件")
    folder.mkdir()
    clean = docx.Document()
    clean.add_paragraph("全年完成固定资产投资120亿元，同比增长8.5%。")
    clean.save(str(folder / "正文.docx"))
    (folder / "~$正文.docx").write_bytes(b"\x05owner" + bytes(150))  # Word's lock file
    (folder / ".~lock.正文.docx#").write_text("user,host,2025\n")  # LibreOffice's
    (folder / "~WRL0001.tmp").write_bytes(bytes(64))
    (folder / "旧稿.wps").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    (folder / "公报.pdf").write_bytes(b"%PDF-1.7\n")
    code, out, err = run(capsys, "check", "--no-cache", "--format", "json", "稿件")
    assert (code, json.loads(out)) == (2, [])
    lines = err.splitlines()
    assert lines[:2] == [
        "factlint: 稿件/公报.pdf: 无法读取: 是PDF文件（.pdf），factlint无法读取，"
        "请在Word/WPS中另存为.docx后再检查",
        "factlint: 稿件/旧稿.wps: 无法读取: 是WPS文字文件（.wps），factlint无法读取，"
        "请在Word/WPS中另存为.docx后再检查",
    ]
    assert "~$" not in err and "lock" not in err and ".tmp" not in err

    # named on the command line (a shell glob names the lock file): skipped with a note, exit 0
    code, out, err = run(
        capsys, "check", "--no-cache", "--format", "json", "稿件/正文.docx", "稿件/~$正文.docx"
    )
    assert (code, json.loads(out)) == (0, [])
    assert err.startswith("factlint: 稿件/~$正文.docx: 已跳过: 是Word/WPS等编辑器的锁定文件")


def test_markdown_tables_are_checked_cell_by_cell(capsys: pytest.CaptureFixture[str]) -> None:
    """A Markdown table's cells are read as text (numbers and words checked), each on its own (a
    row is not a sentence, a repeated column is not a copy), and stay free of the punctuation
    rules, as the table was."""
    rows = "".join(
        f"| {name} | 资料来源为国家统计局年度统计公报数据 | 见附注,下同 |\n"
        for name in ("甲县", "乙县", "丙县")
    )
    Path("表.md").write_text(
        "各县情况如下。\n\n| 县 | 来源 | 备注 |\n|---|---|:--:|\n"
        + rows
        + "| 丁县 | 吸引数10万人次 | 提高30余个百分百 |\n\n以上为初步统计。\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "json", "表.md")
    found = [(f["code"], f["line"], f["column"]) for f in json.loads(out)]
    assert (code, found) == (1, [("N101", 8, 10), ("T101", 8, 25)])
    assert all("location" not in f for f in json.loads(out))  # a text file says nothing more

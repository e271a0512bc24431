"""An OpenDocument text (``.odt``) read as a Word draft is (issue 14): its XML written here and
zipped, holding defects in a paragraph, a tracked insertion, a span, a table cell, a list, a
footnote, an endnote, a header, a footer and a text box — each found once, with where it is — and
deleted text (a tracked deletion), comments and a table of contents that are never read. A damaged
or encrypted ``.odt``, a spreadsheet renamed ``.odt`` and a zip bomb are unreadable (exit 2) with a
clear message."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from factlint.inputs import reading
from factlint.inputs.reading import ReadError, decode_odt

from tests.cli_support import run

pytestmark = pytest.mark.usefixtures("project")

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
)
INFO = (
    "<office:change-info><dc:creator>编辑</dc:creator>"
    "<dc:date>2026-01-01T00:00:00</dc:date></office:change-info>"
)


def p(inner: str) -> str:
    return f"<text:p>{inner}</text:p>"


def cell(text: str) -> str:
    return f'<table:table-cell office:value-type="string">{p(text)}</table:table-cell>'


TRACKED = (
    "<text:tracked-changes>"
    f'<text:changed-region text:id="ct1"><text:deletion>{INFO}{p("百分百")}'
    "</text:deletion></text:changed-region>"
    f'<text:changed-region text:id="ct2"><text:deletion>{INFO}{p(",吸引数10万人次")}'
    "</text:deletion></text:changed-region>"
    f'<text:changed-region text:id="ct3"><text:insertion>{INFO}</text:insertion>'
    "</text:changed-region>"
    "</text:tracked-changes>"
)
TOC = (
    '<text:table-of-content text:name="目录"><text:index-body>'
    + p("一、总体情况,数10万")
    + "</text:index-body></text:table-of-content>"
)
BODY = (
    TRACKED
    + TOC
    + '<text:h text:outline-level="1"><text:number>1.</text:number>一、总体情况</text:h>'
    # a tracked insertion holding a defect; a tracked replacement read as accepted
    + p(
        '全年<text:change-start text:change-id="ct3"/>吸引数10万人次'
        '<text:change-end text:change-id="ct3"/>参观，比上年提高3个'
        '<text:change text:change-id="ct1"/>百分点。'
    )
    # a tracked deletion holding a defect: not read
    + p('删去的文字不读<text:change text:change-id="ct2"/>。')
    # a span, a comment (not read), a bookmark
    + p(
        "本县<text:span>共有5个乡镇,</text:span>"
        "<office:annotation><dc:creator>审稿人</dc:creator>"
        + p("批注里的话,不读")
        + '</office:annotation>均已完成任务<text:bookmark text:name="b"/>。'
    )
    # spaces, a tab, a soft line break, and the XML's own white space collapsed
    + p('前<text:s text:c="3"/>后<text:tab/>尾<text:line-break/>下一行  与\n  换行')
    # a footnote and an endnote: their citation is not part of the sentence
    + p(
        '以上数据为初步统计<text:note text:id="ftn1" text:note-class="footnote">'
        "<text:note-citation>1</text:note-citation><text:note-body>"
        + p("资料来源为统计局,数据为初步核算数。")
        + "</text:note-body></text:note>，详见说明"
        '<text:note text:id="edn1" text:note-class="endnote">'
        "<text:note-citation>i</text:note-citation><text:note-body>"
        + p("尾注里的说明,仅供参考。")
        + "</text:note-body></text:note>。"
    )
    + '<text:h text:outline-level="1">二、主要指标</text:h>'
    + p("主要指标如下表。")
    # a table with figures: one defect in a cell; a row is not a sentence
    + '<table:table table:name="表1"><table:table-column table:number-columns-repeated="3"/>'
    + "<table:table-header-rows><table:table-row>"
    + cell("指标")
    + cell("2024年")
    + cell("增长")
    + "</table:table-row></table:table-header-rows><table:table-row>"
    + cell("地区生产总值")
    + cell("1234.5亿元")
    + cell("提高30余个百分百")
    + "</table:table-row><table:table-row>"
    + '<table:table-cell table:number-columns-spanned="2">'
    + p("合计")
    + "</table:table-cell><table:covered-table-cell/>"
    + cell("增长5.2%")
    + "</table:table-row></table:table>"
    + "<text:list><text:list-item>"
    + p("列表里的段落吸引数100家企业入驻。")
    + "</text:list-item></text:list>"
    + '<text:section text:name="节1">'
    + p("节里的段落。")
    + "</text:section>"
    # a frame with a text box, anchored in an empty paragraph
    + p(
        '<draw:frame draw:name="框1"><svg:desc>图的说明,不读</svg:desc><draw:text-box>'
        + p("文本框里有30余个百分百的说法。")
        + "</draw:text-box></draw:frame>"
    )
)
CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f"<office:document-content {NS}><office:body><office:text>"
    f"{BODY}</office:text></office:body></office:document-content>"
)
HEADER = p("某某县人民政府,工作报告")
STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f"<office:document-styles {NS}><office:master-styles>"
    '<style:master-page style:name="Standard">'
    f"<style:header>{HEADER}</style:header>"
    f"<style:header-left>{HEADER}</style:header-left>"
    "<style:footer>"
    + p("第<text:page-number>1</text:page-number>页,共3页")
    + "</style:footer></style:master-page>"
    '<style:master-page style:name="Landscape">'
    f"<style:header>{HEADER}</style:header>"
    '<style:footer style:display="false">' + p("关闭的页脚,不读") + "</style:footer>"
    "</style:master-page></office:master-styles></office:document-styles>"
)
MIMETYPE = "application/vnd.oasis.opendocument.text"
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def odt(
    content: str = CONTENT,
    styles: str | None = STYLES,
    mimetype: str = MIMETYPE,
    manifest: str = MANIFEST,
) -> bytes:
    """An OpenDocument package: the mimetype stored first, then the XML parts, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        if styles is not None:
            archive.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_the_odt_reads_as_accepted_in_reading_order_with_places() -> None:
    decoded = decode_odt(odt())
    lines = decoded.text.split("\n")
    assert lines == [
        "一、总体情况",
        "全年吸引数10万人次参观，比上年提高3个百分点。",
        "删去的文字不读。",
        "本县共有5个乡镇,均已完成任务。",
        "前   后\t尾\u2028下一行 与 换行",
        "以上数据为初步统计，详见说明。",
        "二、主要指标",
        "主要指标如下表。",
        *("指标", "2024年", "增长"),
        *("地区生产总值", "1234.5亿元", "提高30余个百分百"),
        *("合计", "增长5.2%"),
        "列表里的段落吸引数100家企业入驻。",
        "节里的段落。",
        "",  # the paragraph anchoring the text box
        "某某县人民政府,工作报告",  # once, though three headers hold it
        "第1页,共3页",
        "资料来源为统计局,数据为初步核算数。",
        "尾注里的说明,仅供参考。",
        "文本框里有30余个百分百的说法。",
    ]
    at = decoded.places.at
    table = at(14)
    assert table is not None
    assert (table.part, table.table, table.row, table.column) == ("table", 1, 2, 3)
    assert table.heading == "二、主要指标"
    total = at(16)
    assert total is not None and (total.row, total.column) == (3, 3)  # the covered cell counts
    assert at(2) is not None and at(2).heading == "一、总体情况"  # type: ignore[union-attr]
    parts = [at(n).part for n in range(20, 25)]  # type: ignore[union-attr]
    assert parts == ["header", "footer", "footnote", "endnote", "textbox"]
    assert at(22).note == 1 and at(23).note == 1  # type: ignore[union-attr]
    assert decoded.format.name == "word" and not decoded.format.fixable_in_place


def test_every_defect_is_found_once_with_its_place_and_deleted_text_never(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("稿件.odt").write_bytes(odt())
    code, out, err = run(capsys, "check", "--no-cache", "--format", "json", "稿件.odt")
    assert (code, err) == (1, "")
    found = [(f["code"], f["line"], f["location"]["text"]) for f in json.loads(out)]
    assert found == [
        ("N101", 2, "正文，“一、总体情况”下"),  # inside the tracked insertion
        ("P101", 4, "正文，“一、总体情况”下"),  # inside a span
        ("T101", 14, "表格1 第2行第3列，“二、主要指标”下"),
        ("N101", 17, "正文，“二、主要指标”下"),  # in a list
        ("P101", 20, "页眉"),
        ("P101", 21, "页脚"),
        ("P101", 22, "脚注1"),
        ("P101", 23, "尾注1"),
        ("T101", 24, "文本框"),
    ]
    assert len(found) == len(set(found))
    _, concise, _ = run(capsys, "check", "--no-cache", "--format", "concise", "稿件.odt")
    assert "稿件.odt:14:7（表格1 第2行第3列，“二、主要指标”下）: T101 " in concise
    for never in ("百分百”不成立：差值应以“百分点”计，应为“3个", "批注", "不读", "目录"):
        assert never not in concise


def test_a_folder_finds_odt_files_and_fix_leaves_them_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = Path("稿件")
    folder.mkdir()
    (folder / "甲.odt").write_bytes(odt())
    clean = CONTENT.replace(BODY, p("本段没有问题。"))
    (folder / "乙.odt").write_bytes(odt(clean, styles=None))
    code, out, err = run(capsys, "check", "--no-cache", "--format", "concise", "稿件")
    assert code == 1 and err == ""
    assert "稿件/甲.odt:14:7" in out and "乙.odt" not in out
    before = (folder / "乙.odt").read_bytes()
    code, _, err = run(capsys, "check", "--no-cache", "--fix", "稿件/乙.odt")
    assert code == 0, err
    assert (folder / "乙.odt").read_bytes() == before


def _zip(members: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"PK\x03\x04 not a zip at all", "OpenDocument文件已损坏或不是.odt格式"),
        (odt()[: len(odt()) // 2], "OpenDocument文件已损坏或不是.odt格式"),  # cut short
        (_zip({"mimetype": MIMETYPE}), "OpenDocument文件已损坏或不是.odt格式"),  # no content
        (odt(CONTENT[:-40]), "OpenDocument文件已损坏或不是.odt格式"),  # damaged XML
        (
            odt(mimetype="application/vnd.oasis.opendocument.spreadsheet"),
            "OpenDocument文件已损坏或不是.odt格式",
        ),
        (
            odt(CONTENT.replace("office:text>", "office:spreadsheet>"), mimetype=""),
            "OpenDocument文件已损坏或不是.odt格式",
        ),
        (
            odt(
                manifest=MANIFEST.replace("</manifest:manifest>", "")
                + "<manifest:encryption-data/></manifest:manifest>"
            ),
            "OpenDocument文件中有加密的部分，请去除密码后再检查",
        ),
    ],
    ids=["not-zip", "cut", "no-content", "bad-xml", "spreadsheet", "no-text", "encrypted"],
)
def test_an_unreadable_odt_exits_2_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], data: bytes, said: str
) -> None:
    Path("坏.odt").write_bytes(data)
    Path("好.txt").write_text("本科上线率超出30余个百分百。\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--no-cache", "--format", "concise", "坏.odt", "好.txt")
    assert code == 2
    assert f"坏.odt: 无法读取: {said}" in err
    assert "好.txt:1:" in out  # the others are checked


def test_an_entity_is_never_expanded() -> None:
    content = CONTENT.replace(
        "<office:document-content",
        '<!DOCTYPE office:document-content [<!ENTITY e "展开">]><office:document-content',
    ).replace("节里的段落。", "节里的&e;段落。")
    try:
        decoded = decode_odt(odt(content))
    except ReadError:
        return  # refused: fine too
    assert "展开" not in decoded.text


def test_a_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_DOCX_PART", 64 * 1024)
    big = CONTENT.replace(BODY, p("增长" * 100_000))  # 200 k characters, deflated to a few kB
    data = odt(big)
    assert len(data) < 64 * 1024
    with pytest.raises(ReadError) as caught:
        decode_odt(data)
    assert "OpenDocument文件解压后过大" in caught.value.zh


def test_spaces_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    from factlint.inputs import odf

    monkeypatch.setattr(odf, "MAX_SPACES", 1000)
    content = CONTENT.replace(BODY, p('前<text:s text:c="999999999"/>后<text:s text:c="5"/>尾'))
    assert decode_odt(odt(content, styles=None)).text == "前" + " " * 1000 + "后 尾"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_s_odt_of_a_word_draft_reads_as_the_draft(tmp_path: Path) -> None:
    """The Word draft of test_word_parts, converted to .odt by LibreOffice: the same text as the
    .docx (LibreOffice's own XML: spans, tracked changes, a table, notes, a header and footer)."""
    from factlint.inputs.reading import decode_docx

    from tests.test_word_parts import draft

    source = tmp_path / "稿件.docx"
    source.write_bytes(draft())
    profile = (tmp_path / "profile").as_uri()
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    converted = tmp_path / "稿件.odt"
    assert converted.exists(), done.stderr
    word = decode_docx(source.read_bytes())
    open_document = decode_odt(converted.read_bytes())
    word_lines = [line.strip() for line in word.text.split("\n") if line]
    # LibreOffice writes a block content control as an input field ending in a carriage return
    odt_lines = [line.strip() for line in open_document.text.split("\n") if line]
    assert sorted(odt_lines) == sorted(word_lines)
    cell = next(
        i for i, line in enumerate(open_document.text.split("\n"), 1) if "30余个百分百" in line
    )
    place = open_document.places.at(cell)
    assert place is not None and (place.part, place.row, place.column) == ("table", 2, 3)


def test_the_pre_commit_hook_passes_every_file_factlint_reads() -> None:
    import re

    import yaml

    hooks = yaml.safe_load(
        (Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml").read_text("utf-8")
    )
    pattern = re.compile(hooks[0]["files"])
    for suffix in (*reading.TEXT_SUFFIXES, *reading.WORD_SUFFIXES):
        assert pattern.search(f"报告/稿件{suffix}"), suffix
    assert not pattern.search("稿件.wps")

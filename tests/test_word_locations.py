"""Where a finding is in a Word draft, in every output format (issue 14): a draft holding findings
in the body under a heading, in a table cell and in a footnote, checked with each ``--format``;
the outputs are compared with ``tests/golden/word_draft.*`` (recorded; a change on purpose
rewrites them with ``FACTLINT_UPDATE_GOLDEN=1`` and says so in its commit). The SARIF log is
checked against the schema too, and its golden file holds its results only (the rules' documents
change with every rule)."""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.cli_support import run
from tests.test_word_parts import CT, REL, cell, p, part, r
from tests.test_wordml import NAMESPACES, TEMPLATE

pytestmark = pytest.mark.usefixtures("project")

GOLDEN = Path(__file__).resolve().parent / "golden"

BODY = (
    p(r("一、主要指标"), style="Heading1")
    + p(r("全年完成投资5亿元,同比增长8%。"))  # P101 in the body, under the heading
    + "<w:tbl><w:tr>"
    + cell("指标")
    + cell("增长")
    + "</w:tr><w:tr>"
    + cell("地区生产总值")
    + cell("提高30余个百分百")  # T101 in table 1, row 2, column 2
    + "</w:tr></w:tbl>"
    + p(r("以上数据为初步统计") + '<w:r><w:footnoteReference w:id="1"/></w:r>' + r("。"))
)
FOOTNOTES = part(
    "footnotes",
    '<w:footnote w:type="separator" w:id="-1">'
    + p("<w:r><w:separator/></w:r>")
    + '</w:footnote><w:footnote w:id="1">'
    + p(r("资料来源为统计局,数据为初步核算数。"))  # P101 in footnote 1
    + "</w:footnote>",
)


def draft() -> bytes:
    """python-docx's default document with the body and the footnotes above."""
    parts = {
        "word/document.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:document {NAMESPACES}><w:body>{BODY}<w:sectPr/></w:body></w:document>"
        ).encode(),
        "word/footnotes.xml": FOOTNOTES,
    }
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(TEMPLATE)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            data = parts.get(info.filename) or old.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                extra = f'<Relationship Id="rIdN1" Type="{REL}footnotes" Target="footnotes.xml"/>'
                data = data.replace(b"</Relationships>", extra.encode() + b"</Relationships>")
            elif info.filename == "[Content_Types].xml":
                extra = (
                    f'<Override PartName="/word/footnotes.xml" ContentType="{CT}footnotes+xml"/>'
                )
                data = data.replace(b"</Types>", extra.encode() + b"</Types>")
            new.writestr(info.filename, data)
        for name, data in parts.items():
            if name not in old.NameToInfo:
                new.writestr(name, data)
    return out.getvalue()


def _golden(name: str, got: str) -> None:
    golden = GOLDEN / f"word_draft.{name}"
    if os.environ.get("FACTLINT_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def _output(capsys: pytest.CaptureFixture[str], fmt: str, *extra: str) -> str:
    Path("稿件.docx").write_bytes(draft())
    code, out, err = run(
        capsys, "check", "--no-cache", "--no-color", "--format", fmt, *extra, "稿件.docx"
    )
    assert code == 1, err
    return out


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("json", "json"),
        ("concise", "concise.txt"),
        ("full", "full.txt"),
        ("github", "github.txt"),
        ("junit", "junit.xml"),
    ],
)
def test_each_format_says_where_in_the_draft(
    capsys: pytest.CaptureFixture[str], fmt: str, name: str
) -> None:
    out = _output(capsys, fmt)
    if fmt == "junit":  # the run's duration
        head, _, rest = out.partition('time="')
        out = head + 'time="0' + rest[rest.index('"') :]
    out = re.sub(r"用时[0-9.]+秒", "用时…秒", out)
    for words in ("表格1 第2行第2列，“一、主要指标”下", "脚注1", "正文，“一、主要指标”下"):
        assert words in out
    _golden(name, out)


def test_sarif_locations_carry_the_place(capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    log = json.loads(_output(capsys, "sarif"))
    schema = json.loads(
        (Path(__file__).resolve().parent / "sarif-schema-2.1.0.json").read_text("utf-8")
    )
    jsonschema.validate(log, schema)
    artifact = log["runs"][0]["artifacts"][0]
    assert artifact["mimeType"].endswith("wordprocessingml.document")
    results: list[dict[str, Any]] = log["runs"][0]["results"]
    places = [
        (res["ruleId"], loc["message"]["text"], loc["logicalLocations"][0]["kind"])
        for res in results
        for loc in res["locations"]
    ]
    assert places == [
        ("P101", "正文，“一、主要指标”下", "body"),
        ("T101", "表格1 第2行第2列，“一、主要指标”下", "table"),
        ("P101", "脚注1", "footnote"),
    ]
    table = results[1]["locations"][0]["logicalLocations"][0]["properties"]["location"]
    assert table == {
        "part": "table",
        "table": 1,
        "row": 2,
        "column": 2,
        "heading": "一、主要指标",
        "text": "表格1 第2行第2列，“一、主要指标”下",
    }
    for res in results:  # the rule's index in the registry: not this test's matter
        assert (
            log["runs"][0]["tool"]["driver"]["rules"][res.pop("ruleIndex")]["id"] == res["ruleId"]
        )
    _golden("sarif-results.json", json.dumps(results, ensure_ascii=False, indent=2) + "\n")


def test_the_place_is_in_english_with_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    github = _output(capsys, "github", "--lang", "en")
    assert (
        "title=T101 misused-baifenbai (table 1%2C row 2%2C column 2%2C under “一、主要指标”)"
        in github
    )
    assert "title=P101 half-width-punctuation (footnote 1)" in github
    junit = _output(capsys, "junit", "--lang", "en")
    assert "稿件.docx:6:7 (table 1, row 2, column 2, under “一、主要指标”): T101 " in junit


def test_a_text_file_has_no_place_in_any_format(capsys: pytest.CaptureFixture[str]) -> None:
    Path("a.txt").write_text("全年完成投资5亿元,同比增长8%。\n", encoding="utf-8")
    for fmt in ("json", "concise", "github", "junit"):
        _, out, _ = run(capsys, "check", "--no-cache", "--format", fmt, "a.txt")
        assert "正文" not in out and "location" not in out and "（" not in out.split("P101")[0]
    _, sarif, _ = run(capsys, "check", "--no-cache", "--format", "sarif", "a.txt")
    location = json.loads(sarif)["runs"][0]["results"][0]["locations"][0]
    assert list(location) == ["physicalLocation"]

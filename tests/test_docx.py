"""Word drafts (``.docx``): one body paragraph per line, so ``line`` is the paragraph number; tables,
headers and footers left out; unreadable Word files and ``.doc`` said, exit 2; ``--fix`` refused for
them while the other files are fixed; a ``.docx`` is one of the corpus for cross-document rules."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from factlint.inputs.reading import Input, ReadError, decode_input, discover, document_for
from factlint.project.paths import Excluder
from factlint.text.formats import WORD

from tests.cli_support import DEFECTS, run, write

pytestmark = pytest.mark.usefixtures("project")

REPEATED = (
    "今年以来，我县围绕产业发展、民生保障和基层治理三个方面持续用力，"
    "全年新增就业岗位1200个，完成年度目标的108%。"
)


def word_file(
    path: str, paragraphs: list[str], *, table: bool = False, margins: bool = False
) -> Path:
    """A .docx: a heading, then ``paragraphs`` (a table after the first, with ``table``; a header
    and a footer with a defect each, with ``margins``)."""
    document = docx.Document()
    document.add_heading("2025年工作总结", level=1)
    for i, text in enumerate(paragraphs):
        document.add_paragraph(text)
        if table and i == 0:
            grid = document.add_table(rows=1, cols=2)
            grid.cell(0, 0).text = "指标,说明"
            grid.cell(0, 1).text = "提高30余个百分百"
    if margins:
        section = document.sections[0]
        section.header.paragraphs[0].text = "页眉,半角逗号"
        section.footer.paragraphs[0].text = "页脚,半角逗号"
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(p))
    return p


def findings(out: str) -> list[tuple[str, str, int, int]]:
    return [(f["path"], f["code"], f["line"], f["column"]) for f in json.loads(out)]


DRAFT = [
    "全县共有30余个百分百覆盖的项目,成效明显。",  # paragraph 2: T101 at 2:9, P101 at 2:17
    REPEATED,  # paragraph 3
    "",  # paragraph 4: empty
    REPEATED,  # paragraph 5: pasted twice (D101)
]


def test_findings_are_at_paragraph_numbers_with_tables_headers_footers_read_and_placed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Lines count the paragraphs read: the body's, each table cell's, then the header's and the
    footer's; the JSON ``location`` says where each is."""
    word_file("draft.docx", DRAFT, table=True, margins=True)
    code, out, err = run(capsys, "check", "--no-cache", "--format", "json", "draft.docx")
    assert (code, err) == (1, "")
    assert findings(out) == [
        ("draft.docx", "T101", 2, 9),
        ("draft.docx", "P101", 2, 17),
        ("draft.docx", "P101", 3, 3),  # the table's first cell
        ("draft.docx", "T101", 4, 7),  # its second cell
        ("draft.docx", "D101", 7, 1),
        ("draft.docx", "P101", 8, 3),  # the header
        ("draft.docx", "P101", 9, 3),  # the footer
    ]
    places = [f["location"] for f in json.loads(out)]
    assert places[2] == {
        "part": "table",
        "table": 1,
        "row": 1,
        "column": 1,
        "heading": "2025年工作总结",
        "text": "表格1 第1行第1列，“2025年工作总结”下",
    }
    assert [p["part"] for p in places] == ["body"] * 2 + ["table"] * 2 + [
        "body",
        "header",
        "footer",
    ]
    duplicate = json.loads(out)[4]
    assert (duplicate["related"][0]["line"], duplicate["end_column"]) == (5, len(REPEATED) + 1)


def test_text_is_one_paragraph_per_line_with_soft_breaks_kept_inside_the_line() -> None:
    document = docx.Document()
    document.add_paragraph("第一段")
    second = document.add_paragraph("第二段")
    second.add_run("上半").add_break()  # Shift+Enter: a line break inside the paragraph
    second.add_run("下半\t完")
    document.add_paragraph("")
    document.add_paragraph("第四段")
    stream = io.BytesIO()
    document.save(stream)
    decoded = decode_input(Input("稿件.DOCX", None), stream.getvalue())
    assert decoded.text == "第一段\n第二段上半\u2028下半\t完\n\n第四段"
    assert decoded.encoding == "docx"


def test_folders_discover_docx_files(capsys: pytest.CaptureFixture[str]) -> None:
    word_file("docs/b.docx", ["数据如下,请核对。"])
    write("docs/a.txt", "正文。\n")
    write("docs/c.doc", "found, to be said unreadable\n")
    found = [i.display for i in discover(["docs"], Excluder([])) if isinstance(i, Input)]
    assert found == ["docs/a.txt", "docs/b.docx", "docs/c.doc"]
    code, out, err = run(capsys, "check", "--no-cache", "--format", "json", "docs")
    assert (code, findings(out)) == (2, [("docs/b.docx", "P101", 2, 5)])
    assert "docs/c.doc: 无法读取: 是旧版Word 97-2003格式（.doc）的Word文件" in err


def _encrypted_like() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def _zip_without_word() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("a.txt", "x")
    return stream.getvalue()


def _damaged_xml() -> bytes:
    good = io.BytesIO()
    docx.Document().save(good)
    out = io.BytesIO()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(out, "w") as archive:
        for name in source.namelist():
            data = b"<w:document" if name == "word/document.xml" else source.read(name)
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "zh"),
    [
        ("a.docx", b"plain text, not a zip", "Word文件已损坏或不是.docx格式"),
        ("a.docx", _zip_without_word(), "Word文件已损坏或不是.docx格式"),
        ("a.docx", _damaged_xml(), "Word文件已损坏或不是.docx格式"),
        ("a.docx", _encrypted_like(), "Word文件已加密（设有打开密码）或是改名的旧版.doc文件"),
        ("a.doc", _encrypted_like(), "是旧版Word 97-2003格式（.doc）的Word文件"),
    ],
)
def test_unreadable_word_files_are_said_and_exit_2_while_others_are_checked(
    capsys: pytest.CaptureFixture[str], name: str, data: bytes, zh: str
) -> None:
    with pytest.raises(ReadError) as raised:
        decode_input(Input(name, None), data)
    assert raised.value.zh.startswith(zh) and not raised.value.binary
    Path(name).write_bytes(data)
    write("b.txt", DEFECTS)
    code, out, err = run(capsys, "check", "--no-cache", "--format", "json", name, "b.txt")
    assert code == 2
    assert err.startswith(f"factlint: {name}: 无法读取: {zh}")
    assert [f[1] for f in findings(out)] == ["P101", "T101"]
    _, _, err = run(capsys, "check", "--no-cache", "--lang", "en", name)
    assert err.startswith(f"factlint: {name}: cannot read: ")


def test_docx_takes_part_in_cross_document_rules(capsys: pytest.CaptureFixture[str]) -> None:
    word_file("a.docx", ["我们完成了新建水库3台。"])
    write("b.txt", "我们完成了新建水库3例。\n")
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "json", "a.docx", "b.txt")
    (u101,) = json.loads(out)
    assert code == 1
    assert (u101["code"], u101["path"], u101["line"], u101["column"]) == ("U101", "b.txt", 1, 10)
    related = u101["related"][0]
    assert (related["path"], related["line"], related["column"]) == ("a.docx", 2, 10)


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_fix_and_diff_refuse_a_docx_and_go_on_with_the_others(
    capsys: pytest.CaptureFixture[str], mode: str
) -> None:
    path = word_file("a.docx", DRAFT)
    before = path.read_bytes()
    write("b.txt", DEFECTS)
    code, out, err = run(capsys, "check", "--no-cache", mode, "a.docx", "b.txt")
    assert code == 1  # a.docx's findings remain; not being able to change it is no failure
    assert err.startswith("factlint: a.docx: Word文件中的")
    assert "可修复问题未修改：--fix/--diff只修改文本文件" in err
    assert "可修复2处问题" in err or "修复了2处问题" in err  # b.txt's two, none of a.docx's
    assert path.read_bytes() == before
    if mode == "--fix":
        assert Path("b.txt").read_text(encoding="utf-8") != DEFECTS
        assert "a.docx:2:9" in out and "a.docx:5:1" in out  # a.docx still reported as read
    else:
        assert "a.docx" not in out and "+++ b/b.txt" in out


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_fix_passes_a_clean_docx(capsys: pytest.CaptureFixture[str], mode: str) -> None:
    # a pre-commit hook running `factlint check --fix` on a repository of reports with .docx files
    path = word_file("clean.docx", ["天津市对口支援工作取得新进展。"])
    before = path.read_bytes()
    code, _, err = run(capsys, "check", "--no-cache", mode, "clean.docx")
    assert (code, err) == (0, "")
    assert path.read_bytes() == before


def test_fix_of_a_docx_on_stdin_gives_its_bytes_back(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = word_file("a.docx", DRAFT).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    code, _, err = run(capsys, "check", "--no-cache", "--fix", "--stdin-filename", "a.docx", "-")
    assert code == 1 and "可修复问题未修改" in err
    stdout.flush()
    assert stdout.buffer.getvalue() == data  # type: ignore[attr-defined]


def test_cache_keys_a_docx_on_its_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path / "cache"))
    word_file("a.docx", DRAFT)
    cold = run(capsys, "check", "--format", "json", "a.docx")
    assert run(capsys, "check", "--format", "json", "a.docx") == cold
    word_file("a.docx", ["全县共有30余个百分百覆盖的项目。"])  # changed: not the old entry
    code, out, _ = run(capsys, "check", "--format", "json", "a.docx")
    assert (code, findings(out)) == (1, [("a.docx", "T101", 2, 9)])


# ---- every Word paragraph stands alone --------------------------------------------------------------

OPEN = [
    "累计召开6场招商推介会，签约项目32个，创新开展",
    "天津援青前方指挥部坚持把就业作为最大的民生。",
]
SPLIT = ["天津援青前方指挥部成立绿色算力招商专班，与", "海东市建立数据企业落地联动机制。"]
OPEN_TEXT = "\n".join(OPEN + SPLIT) + "\n"  # as plain text: two hard-wrapped paragraphs


def test_a_word_paragraph_stopping_mid_sentence_is_reported_never_joined_as_a_wrap(
    capsys: pytest.CaptureFixture[str],
) -> None:
    word_file("a.docx", OPEN + SPLIT)
    write("a.txt", OPEN_TEXT)
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "json", "a.docx", "a.txt")
    assert code == 1
    assert [(f["path"], f["code"], f["line"], f["column"], f["fix"]) for f in json.loads(out)] == [
        ("a.docx", "S101", 2, OPEN[0].index("创新开展") + 1, None),  # truncated paragraph
        ("a.docx", "S102", 4, len(SPLIT[0]) + 1, None),  # an accidental Enter: no fix in Word
    ]


def test_full_output_shows_no_fix_for_a_word_file_but_json_keeps_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = "本段有半角逗号,后面还有中文。"  # P101, fixable
    word_file("a.docx", [line])
    write("a.txt", line + "\n")
    _, word, _ = run(capsys, "check", "--no-cache", "--format", "full", "a.docx")
    _, text, _ = run(capsys, "check", "--no-cache", "--format", "full", "a.txt")
    assert "P101" in word and "a.docx:2:8" in word and "可修复" not in word
    assert "P101" in text and "可修复" in text
    _, out, _ = run(capsys, "check", "--no-cache", "--format", "json", "a.docx")
    assert json.loads(out)[0]["fix"] is not None


def test_workers_and_the_cache_read_a_word_file_as_paragraphs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from factlint.engine import runner
    from factlint.engine.cache import Cache
    from factlint.engine.core import Engine
    from factlint.rules import REGISTRY
    from factlint.text.document import Document

    def documents() -> list[Document]:
        return [
            document_for("a.docx", OPEN_TEXT),
            document_for("b.txt", OPEN_TEXT),
            Document("c.txt", OPEN_TEXT, WORD),  # the flag, not the name
        ]

    expected = Engine(list(REGISTRY)).check(documents())
    assert [(d.path, d.code) for d in expected if d.code.startswith("S")] == [
        ("a.docx", "S101"),
        ("a.docx", "S102"),
        ("c.txt", "S101"),
        ("c.txt", "S102"),
    ]
    monkeypatch.setattr(runner, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(runner, "CHARS_PER_PROCESS", 1)
    monkeypatch.setattr(runner, "default_jobs", lambda: 4)
    run2 = runner.Runner(Engine(list(REGISTRY)), jobs=4)
    assert run2.check(documents()) == expected
    assert run2.stats.workers >= 2 and run2.stats.views_received
    # the same text as plain text and as Word is segmented differently: two cache entries
    cached = runner.Runner(Engine(list(REGISTRY)), cache=Cache(tmp_path / "cache"))
    cached.check([document_for("b.txt", OPEN_TEXT)])
    found = cached.check([document_for("a.docx", OPEN_TEXT)])
    assert cached.stats.documents_cached == 0
    assert found == Engine(list(REGISTRY)).check([document_for("a.docx", OPEN_TEXT)])

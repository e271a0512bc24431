"""Reading inputs: encodings, line endings, binary and undecodable files, folder walking, exclusion,
standard input. Unit tests of ``factlint.inputs.reading`` plus end-to-end runs of ``factlint check``."""

from __future__ import annotations

import codecs
import io
import json
import sys
from pathlib import Path

import pytest
from factlint.inputs.reading import Input, ReadError, decode, discover, read_input
from factlint.project.paths import Excluder

from tests.cli_support import DEFECTS, P101_LINE, T101_LINE, run

pytestmark = pytest.mark.usefixtures("project")

CHINESE = (
    "天津援青前方指挥部坚持把人才作为高质量发展的第一资源，以系统化、多层次的人才支持体系注入动能。\n"
    "组织《昆仑问道》《金城公主》等青海特色舞台剧在津巡演；“黄南所需、天津所能”。（2023年）\n"
)


def check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict], str]:
    code, out, err = run(capsys, "check", "--format", "json", *args)
    return code, json.loads(out), err


def positions(findings: list[dict]) -> list[tuple[str, str, int, int, int, int]]:
    return [
        (f["path"], f["code"], f["line"], f["column"], f["end_line"], f["end_column"])
        for f in findings
    ]


# ---- decode(): encodings ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        pytest.param(CHINESE.encode("utf-8"), "utf-8", False, id="utf-8"),
        pytest.param(CHINESE.encode("utf-8-sig"), "utf-8-sig", True, id="utf-8-bom"),
        pytest.param(
            codecs.BOM_UTF16_LE + CHINESE.encode("utf-16-le"), "utf-16", True, id="utf-16-le"
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + CHINESE.encode("utf-16-be"), "utf-16", True, id="utf-16-be"
        ),
        pytest.param(
            codecs.BOM_UTF32_LE + CHINESE.encode("utf-32-le"), "utf-32", True, id="utf-32-le"
        ),
        pytest.param(
            codecs.BOM_UTF32_BE + CHINESE.encode("utf-32-be"), "utf-32", True, id="utf-32-be"
        ),
        pytest.param(CHINESE.encode("gbk"), "gb18030", False, id="gbk"),
        pytest.param(CHINESE.encode("gb18030"), "gb18030", False, id="gb18030"),
    ],
)
def test_decode_supported_encodings(data: bytes, encoding: str, bom: bool) -> None:
    decoded = decode(data)
    assert decoded.text == CHINESE
    assert decoded.encoding == encoding
    assert decoded.bom is bom


def test_decode_gb18030_four_byte_characters() -> None:
    text = "𠀀𪚥龘：国家标准GB18030收录的扩展汉字。\n"
    data = text.encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode(data).text == text


def test_decode_keeps_line_endings_exactly() -> None:
    text = "第一行\r\n第二行\r第三行\n"
    assert decode(text.encode("utf-8")).text == text
    assert decode(codecs.BOM_UTF16_LE + text.encode("utf-16-le")).text == text


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), id="png"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", id="pdf"),
        pytest.param("中文,正文\x00\x00".encode(), id="nul-bytes"),
    ],
)
def test_decode_binary_is_skipped_not_decoded(data: bytes) -> None:
    with pytest.raises(ReadError) as info:
        decode(data)
    assert info.value.binary is True


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("Café crème brûlée".encode("cp1252"), id="latin-1"),
        pytest.param(b"abc\x80\xffdef", id="invalid-bytes"),
        pytest.param(codecs.BOM_UTF16_LE + "中文".encode("utf-16-le") + b"\x00", id="utf-16-odd"),
        pytest.param(b"\x81\x30\x81\x30" * 50, id="gb18030-implausible"),
    ],
)
def test_decode_undecodable_is_an_error_not_binary(data: bytes) -> None:
    with pytest.raises(ReadError) as info:
        decode(data)
    assert info.value.binary is False
    assert info.value.zh and info.value.en


# ---- end to end: encodings and line endings ----------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(DEFECTS.encode("utf-8"), id="utf-8"),
        pytest.param(DEFECTS.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + DEFECTS.encode("utf-16-le"), id="utf-16-le"),
        pytest.param(codecs.BOM_UTF16_BE + DEFECTS.encode("utf-16-be"), id="utf-16-be"),
        pytest.param(DEFECTS.encode("gbk"), id="gbk"),
        pytest.param(DEFECTS.encode("gb18030"), id="gb18030"),
    ],
)
def test_check_positions_do_not_depend_on_encoding(
    capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    Path("a.txt").write_bytes(data)
    code, findings, err = check_json(capsys, "a.txt")
    assert err == ""
    assert code == 1
    assert positions(findings) == [
        ("a.txt", "P101", 1, 8, 1, 9),
        ("a.txt", "T101", 3, 12, 3, 15),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_check_positions_are_physical_lines(
    capsys: pytest.CaptureFixture[str], newline: str
) -> None:
    text = f"工作总结\n\n{P101_LINE}\n\n一、主要工作\n{T101_LINE}\n"
    Path("a.txt").write_bytes(text.replace("\n", newline).encode("utf-8"))
    code, findings, _ = check_json(capsys, "a.txt")
    assert code == 1
    assert positions(findings) == [
        ("a.txt", "P101", 3, 8, 3, 9),
        ("a.txt", "T101", 6, 12, 6, 15),
    ]
    lines = text.split("\n")
    spans = [lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] for f in findings]
    assert spans == [",", "百分百"]


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_paragraph_span_excludes_the_line_break(
    capsys: pytest.CaptureFixture[str], newline: str
) -> None:
    para = "深化互动融合，凝聚文化认同合力。天津援青前方指挥部持续深化津青文化交流、促进互融互鉴。"
    other = "组织《昆仑问道》《金城公主》等青海特色舞台剧在津巡演，推出天塔主题灯光秀等主题活动。"
    text = newline.join([para, "", other, "", para, ""])
    Path("d.txt").write_bytes(text.encode("utf-8"))
    code, findings, _ = check_json(capsys, "--select", "D101", "d.txt")
    assert code == 1
    assert positions(findings) == [("d.txt", "D101", 5, 1, 5, len(para) + 1)]
    assert [(r["line"], r["column"]) for r in findings[0]["related"]] == [(1, 1)]


# ---- end to end: binary and unreadable files ---------------------------------------------------


def test_binary_file_is_skipped_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    Path("image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    # a defect inside a file with NUL bytes must not be reported: the file is not decoded
    Path("nul.txt").write_bytes(f"{P101_LINE}\x00\n".encode())
    Path("clean.txt").write_text("本段没有问题。\n", encoding="utf-8")
    code, findings, err = check_json(capsys, "image.png", "nul.txt", "clean.txt")
    assert findings == []
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("factlint: image.png: 已跳过: ")
    assert "PNG" in lines[0]
    assert lines[1].startswith("factlint: nul.txt: 已跳过: ")
    assert "NUL" in lines[1]


def test_binary_file_with_text_suffix_in_folder_is_skipped(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("docs").mkdir()
    Path("docs/scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    Path("docs/a.txt").write_text(DEFECTS, encoding="utf-8")
    code, findings, err = check_json(capsys, "docs")
    assert code == 1
    assert {f["path"] for f in findings} == {"docs/a.txt"}
    assert err.startswith("factlint: docs/scan.txt: 已跳过: ")


def test_undecodable_file_exits_2_and_others_are_still_reported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("a.txt").write_text(DEFECTS, encoding="utf-8")
    Path("latin.txt").write_bytes("Café crème brûlée".encode("cp1252"))
    Path("z.txt").write_bytes(DEFECTS.encode("gbk"))
    code, findings, err = check_json(capsys, "a.txt", "latin.txt", "z.txt")
    assert code == 2
    assert positions(findings) == [
        ("a.txt", "P101", 1, 8, 1, 9),
        ("a.txt", "T101", 3, 12, 3, 15),
        ("z.txt", "P101", 1, 8, 1, 9),
        ("z.txt", "T101", 3, 12, 3, 15),
    ]
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("factlint: latin.txt: 无法读取: ")
    assert "UTF-8" in lines[0]
    assert "Traceback" not in err


def test_undecodable_file_alone_exits_2_even_with_fail_on_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("bad.txt").write_bytes(b"abc\x80\xffdef")
    code, out, err = run(capsys, "check", "--format", "concise", "--fail-on", "error", "bad.txt")
    assert code == 2
    assert out == ""
    assert err.startswith("factlint: bad.txt: 无法读取: ")


def test_undecodable_file_message_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    Path("bad.txt").write_bytes(b"abc\x80\xffdef")
    code, _, err = run(capsys, "check", "--format", "json", "--lang", "en", "bad.txt")
    assert code == 2
    assert err.startswith("factlint: bad.txt: cannot read: ")
    assert "UTF-8" in err


def test_read_input_of_a_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        read_input(Input("proj", tmp_path / "proj"))
    assert info.value.binary is False


# ---- discovery: folders, hidden files, exclusion ----------------------------------------------


def make_tree(root: Path) -> None:
    for rel in (
        "docs/a.txt",
        "docs/b.md",
        "docs/c.markdown",
        "docs/d.text",
        "docs/image.jpg",
        "docs/data.csv",
        "docs/sub/deeper/e.txt",
        "docs/.hidden/f.txt",
        "docs/.g.txt",
        "docs/sub/.cache/h.md",
        "docs/drafts/i.txt",
        "docs/archive/2020/old1.txt",
        "docs/archive/new.txt",
        "docs/x.tmp.md",
    ):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"{P101_LINE}\n", encoding="utf-8")


def discovered(paths: list[str], patterns: list[str] | None = None) -> list[str]:
    items = list(discover(paths, Excluder(patterns or [])))
    assert all(isinstance(i, Input) for i in items)
    return [i.display for i in items]  # type: ignore[union-attr]


def test_discover_walks_folders_recursively_skipping_hidden(project: Path) -> None:
    make_tree(project)
    assert sorted(discovered(["docs"])) == [
        "docs/a.txt",
        "docs/archive/2020/old1.txt",
        "docs/archive/new.txt",
        "docs/b.md",
        "docs/c.markdown",
        "docs/d.text",
        "docs/drafts/i.txt",
        "docs/sub/deeper/e.txt",
        "docs/x.tmp.md",
    ]


def test_discover_reads_hidden_and_excluded_paths_named_explicitly(project: Path) -> None:
    make_tree(project)
    assert discovered(["docs/.hidden/f.txt", "docs/.g.txt"], ["*.txt"]) == [
        "docs/.hidden/f.txt",
        "docs/.g.txt",
    ]
    assert discovered(["docs/.hidden"]) == ["docs/.hidden/f.txt"]


def test_discover_display_paths_are_as_given_and_slash_separated(project: Path) -> None:
    make_tree(project)
    assert discovered(["docs/sub/"]) == ["docs/sub/deeper/e.txt"]
    assert discovered(["./docs/sub"]) == ["./docs/sub/deeper/e.txt"]
    assert discovered(["docs/sub/deeper/e.txt"]) == ["docs/sub/deeper/e.txt"]
    absolute = str(project / "docs" / "sub")
    assert discovered([absolute]) == [f"{project.as_posix()}/docs/sub/deeper/e.txt"]


def test_discover_lists_a_file_once(project: Path) -> None:
    make_tree(project)
    assert discovered(["docs/sub", "docs/sub/deeper/e.txt", "docs/sub"]) == [
        "docs/sub/deeper/e.txt"
    ]


def test_discover_nonexistent_path_is_a_read_error() -> None:
    (item,) = list(discover(["missing/file.txt"], Excluder([])))
    assert isinstance(item, ReadError)
    assert item.path == "missing/file.txt"
    assert item.binary is False


@pytest.mark.parametrize(
    ("patterns", "excluded"),
    [
        (["drafts/"], {"docs/drafts/i.txt"}),
        (["*.tmp.md"], {"docs/x.tmp.md"}),
        (["old*.txt"], {"docs/archive/2020/old1.txt"}),
        (["archive"], {"docs/archive/2020/old1.txt", "docs/archive/new.txt"}),
        (["deeper"], {"docs/sub/deeper/e.txt"}),
        (["e.tx"], set()),
        (["*.md", "*.markdown"], {"docs/b.md", "docs/c.markdown", "docs/x.tmp.md"}),
    ],
)
def test_discover_exclude_globs(project: Path, patterns: list[str], excluded: set[str]) -> None:
    make_tree(project)
    everything = set(discovered(["docs"]))
    assert set(discovered(["docs"], patterns)) == everything - excluded


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("drafts/", "drafts/a.txt", True),
        ("drafts/", "x/drafts/a.txt", True),
        ("drafts/", "drafts.txt", False),
        ("*.tmp.md", "a/b/c.tmp.md", True),
        ("*.tmp.md", "a/b/c.md", False),
        ("/top.txt", "top.txt", True),
        ("/top.txt", "a/top.txt", False),
        ("a/*.txt", "a/b.txt", True),
        ("a/*.txt", "a/b/c.txt", False),
        ("a/**/c.txt", "a/c.txt", True),
        ("a/**/c.txt", "a/b/d/c.txt", True),
        ("a/?.txt", "a/b.txt", True),
        ("a/?.txt", "a/bb.txt", False),
    ],
)
def test_excluder_glob_semantics(pattern: str, path: str, expected: bool) -> None:
    assert Excluder([pattern]).excluded(path) is expected


def test_config_exclude_skips_files_in_folders(
    capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    make_tree(project)
    # run from the folder of the config file, where every reading of an anchored pattern agrees
    Path("factlint.toml").write_text(
        'exclude = ["drafts/", "*.tmp.md", "docs/archive/**/old*.txt"]\n', encoding="utf-8"
    )
    code, findings, _ = check_json(capsys, "--select", "P101", ".")
    assert code == 1
    assert [f["path"].removeprefix("./") for f in findings] == [
        "docs/a.txt",
        "docs/archive/new.txt",
        "docs/b.md",
        "docs/c.markdown",
        "docs/d.text",
        "docs/sub/deeper/e.txt",
    ]


def test_cli_exclude_adds_to_config_exclude(
    capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    make_tree(project)
    Path("factlint.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    code, findings, _ = check_json(
        capsys, "--select", "P101", "--exclude", "archive,*.md", "--exclude", "*.text", "docs"
    )
    assert code == 1
    assert [f["path"] for f in findings] == [
        "docs/a.txt",
        "docs/c.markdown",
        "docs/sub/deeper/e.txt",
    ]


def test_config_exclude_with_slash_is_relative_to_the_config_file(
    capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    make_tree(project)
    Path("factlint.toml").write_text('exclude = ["docs/drafts/"]\n', encoding="utf-8")
    code, findings, _ = check_json(capsys, "--select", "P101", "docs")
    assert code == 1
    assert "docs/drafts/i.txt" not in [f["path"] for f in findings]


# ---- standard input ---------------------------------------------------------------------------


def set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_with_stdin_filename(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_stdin(monkeypatch, DEFECTS.encode("utf-8"))
    code, out, err = run(
        capsys, "check", "--format", "concise", "--stdin-filename", "docs/稿件.txt", "-"
    )
    assert err == ""
    assert code == 1
    assert [line.split(" ", 2)[:2] for line in out.splitlines()] == [
        ["docs/稿件.txt:1:8:", "P101"],
        ["docs/稿件.txt:3:12:", "T101"],
    ]


def test_stdin_is_decoded_like_a_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_stdin(monkeypatch, DEFECTS.replace("\n", "\r\n").encode("gb18030"))
    code, findings, _ = check_json(capsys, "--stdin-filename", "x.txt", "-")
    assert code == 1
    assert positions(findings) == [
        ("x.txt", "P101", 1, 8, 1, 9),
        ("x.txt", "T101", 3, 12, 3, 15),
    ]


def test_stdin_without_stdin_filename_is_shown_as_dash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_stdin(monkeypatch, f"{P101_LINE}\n".encode())
    code, findings, _ = check_json(capsys, "-")
    assert code == 1
    assert positions(findings) == [("-", "P101", 1, 8, 1, 9)]


def test_stdin_binary_is_skipped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    set_stdin(monkeypatch, b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    code, findings, err = check_json(capsys, "--stdin-filename", "x.txt", "-")
    assert findings == []
    assert code == 0
    assert err.startswith("factlint: x.txt: 已跳过: ")


def test_stdin_filename_decides_per_file_ignores(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("factlint.toml").write_text('[per-file-ignores]\n"*.md" = ["P"]\n', encoding="utf-8")
    set_stdin(monkeypatch, DEFECTS.encode("utf-8"))
    code, findings, _ = check_json(capsys, "--stdin-filename", "notes.md", "-")
    assert code == 1
    assert [f["code"] for f in findings] == ["T101"]


def test_columns_count_characters_not_bytes_or_utf16_units(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("a.txt").write_bytes(f"𠀀{P101_LINE}\n".encode("gb18030"))
    code, findings, _ = check_json(capsys, "a.txt")
    assert code == 1
    assert positions(findings) == [("a.txt", "P101", 1, 9, 1, 10)]


def test_check_folder_recursively_skipping_hidden(
    capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    make_tree(project)
    code, findings, err = check_json(capsys, "--select", "P101", "docs")
    assert (code, err) == (1, "")
    assert [f["path"] for f in findings] == [
        "docs/a.txt",
        "docs/archive/2020/old1.txt",
        "docs/archive/new.txt",
        "docs/b.md",
        "docs/c.markdown",
        "docs/d.text",
        "docs/drafts/i.txt",
        "docs/sub/deeper/e.txt",
        "docs/x.tmp.md",
    ]

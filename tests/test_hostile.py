"""Hostile input (issue 11, item 9 and the crashes): each case, at a reduced size, is an unreadable
input or a usage error with exit 2 and a message, never a traceback; or it is read and checked.
The timings of the large cases are in ``bench/run.py --hostile``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from factlint.engine import cache as cache_module
from factlint.engine.cache import Cache, decode, encode
from factlint.inputs import reading
from factlint.inputs.reading import Input, ReadError, decode_input
from factlint.project.paths import NotAFileError, read_limited

from tests.cli_support import DEFECTS, P101_LINE, run, write

pytestmark = pytest.mark.usefixtures("project")


# ---- Word files -----------------------------------------------------------------------------------


def _docx_bytes(document_xml: bytes | None = None, *, encrypted: bool = False) -> bytes:
    """A Word file of one paragraph; ``document_xml`` replaces word/document.xml; ``encrypted``
    sets the encryption flag of every entry (local header and central directory)."""
    source = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(P101_LINE)
    document.save(source)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "word/document.xml" and document_xml is not None:
                data = document_xml
            new.writestr(info.filename, data)
    data = bytearray(out.getvalue())
    if encrypted:
        for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            i = data.find(signature)
            while i >= 0:
                data[i + flag_at] |= 1
                i = data.find(signature, i + 4)
    return bytes(data)


def _read_docx(data: bytes) -> str:
    return decode_input(Input("a.docx", None), data).text


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        pytest.param(_docx_bytes(encrypted=True), "加密", id="encryption-flag"),
        pytest.param(
            _docx_bytes(f'<w:document xmlns:w="{W}"></w:document>'.encode()),
            "损坏",
            id="no-body",
        ),
        pytest.param(_docx_bytes(b'<?xml version="1.0"?><foo/>'), "损坏", id="other-root"),
        pytest.param(_docx_bytes()[:3000], "损坏", id="truncated-zip"),
        pytest.param(b"PK\x03\x04" + b"\x00" * 100, "损坏", id="malformed-zip"),
    ],
)
def test_damaged_word_files_are_unreadable_not_tracebacks(data: bytes, says: str) -> None:
    with pytest.raises(ReadError) as info:
        _read_docx(data)
    assert says in info.value.zh


def test_word_file_is_read_after_the_checks() -> None:
    assert _read_docx(_docx_bytes()) == P101_LINE


def test_word_part_larger_than_the_limit_is_refused_by_the_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _docx_bytes()  # document.xml inflates to about 1 KB
    monkeypatch.setattr(reading, "MAX_DOCX_PART", 500)
    with pytest.raises(ReadError) as info:
        _read_docx(data)
    assert "解压后过大" in info.value.zh


def test_word_parts_together_larger_than_the_limit_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reading, "MAX_DOCX_TOTAL", 2000)
    with pytest.raises(ReadError) as info:
        _read_docx(_docx_bytes())
    assert "解压后过大" in info.value.zh


def test_inflation_is_capped_even_when_the_directory_lies(monkeypatch: pytest.MonkeyPatch) -> None:
    """The zip directory passes (its check is skipped here, as a lying directory would pass it);
    the reads themselves stop at the limit."""
    data = _docx_bytes()
    monkeypatch.setattr(reading, "_check_zip", lambda data: None)
    monkeypatch.setattr(reading, "MAX_DOCX_PART", 500)
    with pytest.raises(ReadError) as info:
        _read_docx(data)
    assert "解压后过大" in info.value.zh
    import zipfile as z

    assert z.ZipExtFile.read.__name__ == "read" and "factlint" not in str(z.ZipExtFile.read)


def test_zip_bomb_on_the_command_line_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    body = b"<w:body>" + b" " * (reading.MAX_DOCX_PART + 1)
    data = _docx_bytes(f'<w:document xmlns:w="{W}">'.encode() + body + b"</w:body></w:document>")
    assert len(data) < 2 * 1024 * 1024
    Path("bomb.docx").write_bytes(data)
    write("a.txt", DEFECTS)
    code, out, err = run(capsys, "check", "--no-cache", "--format", "json", "bomb.docx", "a.txt")
    assert code == 2
    assert "bomb.docx" in err and "解压后过大" in err
    assert {f["path"] for f in json.loads(out)} == {"a.txt"}  # the other file still reported


# ---- standard streams -----------------------------------------------------------------------------


def _shell(command: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.run(
        ["/bin/sh", "-c", command], capture_output=True, text=True, env=env, timeout=60
    )


FACTLINT = f"{sys.executable} -m factlint"
posix = pytest.mark.skipif(not os.path.exists("/bin/sh"), reason="needs a POSIX shell")


@posix
def test_standard_input_closed_is_an_unreadable_input() -> None:
    proc = _shell(f"{FACTLINT} check --no-cache - <&-")
    assert proc.returncode == 2
    assert "标准输入已关闭" in proc.stderr and "Traceback" not in proc.stderr


@posix
def test_standard_output_closed_exits_2() -> None:
    write("a.txt", DEFECTS)
    proc = _shell(f"{FACTLINT} check --no-cache a.txt >&-")
    assert proc.returncode == 2
    assert "标准输出已关闭" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("fmt", ["full", "json"])
def test_standard_output_on_a_full_disk_exits_2(fmt: str) -> None:
    write("a.txt", DEFECTS)
    proc = _shell(f"{FACTLINT} check --no-cache --format {fmt} a.txt > /dev/full")
    assert proc.returncode == 2
    assert "无法写出结果" in proc.stderr and "Traceback" not in proc.stderr


@posix
def test_standard_error_closed_keeps_messages_out_of_the_json() -> None:
    write("a.txt", DEFECTS)
    proc = _shell(f"{FACTLINT} check --no-cache --format json missing.txt a.txt 2>&-")
    assert proc.returncode == 2
    assert {f["path"] for f in json.loads(proc.stdout)} == {"a.txt"}


# ---- project files --------------------------------------------------------------------------------

DEEP_TOML = "a = " + "[" * 5000 + "]" * 5000 + "\n"


def test_deeply_nested_pyproject_in_an_ancestor_is_passed_over(
    capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    (project / "pyproject.toml").write_text(DEEP_TOML, encoding="utf-8")
    write("docs/a.txt", DEFECTS)
    code, out, err = run(capsys, "check", "--no-cache", "--format", "json", "docs/a.txt")
    assert code == 1 and "Traceback" not in err
    assert {f["code"] for f in json.loads(out)} == {"P101", "T101"}


def test_deeply_nested_config_named_is_a_config_error(capsys: pytest.CaptureFixture[str]) -> None:
    write("deep.toml", DEEP_TOML)
    write("a.txt", DEFECTS)
    code, _, err = run(capsys, "check", "--no-cache", "--config", "deep.toml", "a.txt")
    assert code == 2 and "嵌套过深" in err


def test_deeply_nested_baseline_is_a_baseline_error(capsys: pytest.CaptureFixture[str]) -> None:
    write("deep.json", "[" * 100_000 + "]" * 100_000)
    write("a.txt", DEFECTS)
    code, _, err = run(capsys, "check", "--no-cache", "--baseline", "deep.json", "a.txt")
    assert code == 2 and "嵌套过深" in err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("option", ["--config", "--baseline"])
def test_config_and_baseline_must_be_regular_files(
    capsys: pytest.CaptureFixture[str], option: str
) -> None:
    write("a.txt", DEFECTS)
    code, _, err = run(capsys, "check", "--no-cache", option, "/dev/zero", "a.txt")
    assert code == 2 and "不是普通文件" in err


def test_config_larger_than_the_limit_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from factlint.project import config

    monkeypatch.setattr(config, "MAX_CONFIG_BYTES", 100)
    write("big.toml", "# " + "x" * 200 + "\n")
    write("a.txt", DEFECTS)
    code, _, err = run(capsys, "check", "--no-cache", "--config", "big.toml", "a.txt")
    assert code == 2 and "上限" in err


def test_read_limited_reads_no_more_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 10)
    assert read_limited(path, 10) == b"x" * 10
    with pytest.raises(NotAFileError):
        read_limited(path, 9)
    with pytest.raises((NotAFileError, IsADirectoryError)):
        read_limited(tmp_path, 10)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("min-gain", "nan"),
        ("min-gain", "inf"),
        ("min-gain", "-inf"),
        ("min-gain", "0"),
        ("min-gain", "1e300"),
        ("max-rare", "0"),
        ("max-rare", "1000000000"),
    ],
)
def test_nonsense_option_values_are_refused(
    capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    write("opts.toml", f"[rules.T102]\n{option} = {value}\n")
    write("a.txt", DEFECTS)
    code, _, err = run(capsys, "check", "--no-cache", "--config", "opts.toml", "a.txt")
    assert code == 2 and option.replace("-", "_") in err.replace("-", "_")


# ---- the cache ------------------------------------------------------------------------------------


def test_deeply_nested_cache_entry_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    key = "ab" + "0" * 62
    nested = "[" * 100_000 + "]" * 100_000
    cache._stage(f"{key}.json", f'{{"key": "{key}", "diagnostics": {nested}}}'.encode())  # signed
    cache.flush()
    assert Cache(tmp_path).get(key) is None
    # and a pack whose header is that deep nesting: ignored whole
    (tmp_path / "pack-any-0.pack").write_bytes(
        cache_module.PACK_MAGIC + b"%d\n" % len(nested) + nested.encode()
    )
    assert Cache(tmp_path).get(key) is None


def _entry() -> dict[str, object]:
    from factlint.api import check_text

    found = check_text(P101_LINE, "a.txt").diagnostics
    assert found
    values = encode(found, "a.txt")
    assert decode(values, "a.txt") == found
    return values[0]


@pytest.mark.parametrize(
    "change",
    [
        {"message": {"zh": 1, "en": 2}},
        {"message": ["x"]},
        {"span": [8, 7]},
        {"span": [7, 8, 9]},
        {"span": [-1, 8]},
        {"line": "1"},
        {"line": True},
        {"related": "abc"},
        {"related": ["a"]},
        {"fix": "x"},
        {"fix": {"replacement": ["x"], "message": {"zh": "", "en": ""}, "applicability": "safe"}},
        {"severity": ["x"]},
        {"severity": "fatal"},
        {"path": {"a": 1}},
        {"code": None},
        {"excerpt": 5},
    ],
)
def test_cache_entry_with_wrong_value_types_is_refused(change: dict[str, object]) -> None:
    entry = {**_entry(), **change}
    with pytest.raises((TypeError, ValueError, KeyError)):
        decode([entry], "a.txt")


# ---- encodings and invisible characters -----------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_and_fixed_in_its_encoding(
    capsys: pytest.CaptureFixture[str], codec: str
) -> None:
    Path("a.txt").write_bytes(DEFECTS.encode(codec))
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "json", "a.txt")
    assert code == 1
    assert {f["code"] for f in json.loads(out)} == {"P101", "T101"}
    run(capsys, "check", "--no-cache", "--fix", "a.txt")
    fixed = Path("a.txt").read_bytes().decode(codec)
    assert fixed.startswith("本段有半角逗号，后面")


def test_binary_with_nuls_on_both_sides_is_still_binary() -> None:
    with pytest.raises(ReadError) as info:
        reading.decode(bytes(range(256)) * 4)
    assert info.value.binary


INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_zero_width_and_bidi_characters_do_not_shift_offsets(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = f"{INVISIBLE}本段{INVISIBLE}有半角逗号,后面还有中文。"
    write("a.txt", line + "\n")
    _, out, _ = run(capsys, "check", "--no-cache", "--format", "json", "a.txt")
    found = [f for f in json.loads(out) if f["code"] == "P101"]
    assert found and found[0]["column"] == line.index(",") + 1


def test_long_line_of_invisible_characters_is_checked(capsys: pytest.CaptureFixture[str]) -> None:
    base = f"统计局发布数据显示{INVISIBLE}全年增长百分之五，同比上升。"
    write("a.txt", base * 400 + "\n")
    code, _, err = run(capsys, "check", "--no-cache", "a.txt")
    assert code in (0, 1) and "Traceback" not in err


# ---- findings capped per line ---------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["“", "（"])
def test_unmatched_marks_are_capped_per_line(capsys: pytest.CaptureFixture[str], mark: str) -> None:
    from factlint.engine.core import MAX_PER_LINE

    write("a.txt", "正文" + mark * 2000 + "\n")
    _, out, _ = run(capsys, "check", "--no-cache", "--format", "json", "a.txt")
    s103 = [f for f in json.loads(out) if f["code"] == "S103"]
    assert len(s103) == MAX_PER_LINE
    assert s103[-1]["message"].endswith(f"（以及本行另外{2000 - MAX_PER_LINE}处）")
    assert all("以及" not in f["message"] for f in s103[:-1])


def test_findings_past_the_cap_are_counted_not_built(monkeypatch: pytest.MonkeyPatch) -> None:
    # memory and time proportional to the report: 2,000 unmatched “ build 20 diagnostics, not 2,000
    from factlint.api import check_text
    from factlint.engine.core import MAX_PER_LINE, Engine

    built: list[str] = []
    real = Engine._diagnostic

    def counting(self: Engine, rule: Any, doc: Any, finding: Any, by_path: Any, *rest: Any) -> Any:
        built.append(rule.code)
        return real(self, rule, doc, finding, by_path, *rest)

    monkeypatch.setattr(Engine, "_diagnostic", counting)
    report = check_text("正文" + "“" * 2000 + "\n", "a.txt", select=["S103"])
    assert built.count("S103") == MAX_PER_LINE == len(report.diagnostics)
    assert report.diagnostics[-1].message.zh.endswith(f"（以及本行另外{2000 - MAX_PER_LINE}处）")


def test_findings_with_fixes_are_not_capped() -> None:
    from dataclasses import replace

    from factlint.api import check_text
    from factlint.engine.core import MAX_PER_LINE, cap_per_line

    fixable = check_text(P101_LINE, "a.txt").diagnostics[0]
    assert fixable.fix is not None
    assert len(cap_per_line([fixable] * 50)) == 50
    plain = replace(fixable, fix=None)
    assert len(cap_per_line([plain] * 50)) == MAX_PER_LINE

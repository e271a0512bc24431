"""The ``factlint`` command: exit codes, output formats, languages, ``rules`` and ``rule CODE``."""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from factlint.inputs.reading import document_for
from factlint.model import (
    Diagnostic,
    Fix,
    Location,
    Message,
    RelatedLocation,
    Severity,
    Span,
    from_dict,
    to_dict,
)
from factlint.rules import BY_CODE, REGISTRY

from tests.cli_support import DEFECTS, P101_LINE, T101_LINE, run, write

pytestmark = pytest.mark.usefixtures("project")

CLEAN = "天津援青前方指挥部坚持把人才作为高质量发展的第一资源。\n"
PARA = "深化互动融合，凝聚文化认同合力。天津援青前方指挥部持续深化津青文化交流、促进互融互鉴。"
OTHER = "组织《昆仑问道》《金城公主》等青海特色舞台剧在津巡演，推出天塔主题灯光秀等主题活动。"
DUPLICATE = f"{PARA}\n\n{OTHER}\n\n{PARA}\n"  # D101 (error, not fixable) at 5:1..5:44

P101_ZH = "中文中使用了半角逗号“,”，应为全角“，”"
P101_EN = "half-width “,” in Chinese text; use the full-width “，”"
T101_ZH = "“30余个百分百”不成立：差值应以“百分点”计，应为“30余个百分点”"

CONTRACT_KEYS = {
    "path",
    "code",
    "rule",
    "severity",
    "message",
    "line",
    "column",
    "end_line",
    "end_column",
    "related",
    "fix",
}
FIX_KEYS = {"replacement", "message", "applicability"}


# ---- exit codes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fail_on", "expected"),
    [
        (CLEAN, None, 0),
        (CLEAN, "info", 0),
        (f"{P101_LINE}\n", None, 1),  # a warning; the default fail level is warning
        (f"{P101_LINE}\n", "warning", 1),
        (f"{P101_LINE}\n", "error", 0),
        (f"{P101_LINE}\n", "info", 1),
        (f"{T101_LINE}\n", "error", 1),
        (DEFECTS, "error", 1),
    ],
)
def test_exit_code_and_fail_on(
    capsys: pytest.CaptureFixture[str], text: str, fail_on: str | None, expected: int
) -> None:
    write("a.txt", text)
    args = ["check", "--format", "concise", "a.txt"]
    if fail_on:
        args[1:1] = ["--fail-on", fail_on]
    code, _, err = run(capsys, *args)
    assert err == ""
    assert code == expected


def test_info_findings_exit_0_unless_fail_on_info(capsys: pytest.CaptureFixture[str]) -> None:
    sentence = "我们坚持以人民为中心的发展思想，扎实推进各项工作。"
    write(
        "a.txt",
        f"{sentence}今年完成了三项重点任务。\n\n下半年工作打算如下。{sentence}\n",
    )
    code, out, _ = run(capsys, "check", "--format", "json", "a.txt")
    findings = json.loads(out)
    assert [(f["code"], f["severity"]) for f in findings] == [("D103", "info")]
    assert code == 0
    assert run(capsys, "check", "--fail-on", "info", "a.txt")[0] == 1


def test_findings_still_printed_when_below_fail_level(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", f"{P101_LINE}\n")
    code, out, _ = run(capsys, "check", "--format", "json", "--fail-on", "error", "a.txt")
    assert code == 0
    assert [(f["path"], f["code"], f["message"]) for f in json.loads(out)] == [
        ("a.txt", "P101", P101_ZH)
    ]


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", DEFECTS)
    for args in (
        ["check", "--bogus", "a.txt"],
        ["check", "--format", "xml", "a.txt"],
        ["check", "--fail-on", "fatal", "a.txt"],
        ["lint", "a.txt"],
        [],
    ):
        code, _, err = run(capsys, *args)
        assert code == 2, args
        assert "Traceback" not in err


def test_a_removed_current_folder_exits_2_with_a_message(tmp_path: Path) -> None:
    # (the shell's folder removed under it: every path, the configuration and the exclusions are
    # read from it; `rules` needs none of it)
    gone = tmp_path / "gone"
    program = (
        "import os, sys\n"
        "from factlint.cli import main\n"
        f"os.chdir({str(gone)!r}); os.rmdir({str(gone)!r})\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    for args, message in (
        (
            ["check", "a.txt"],
            "factlint: 用法错误: 当前目录已不存在（已被删除或移走），请换到一个存在的目录再运行\n",
        ),
        (
            ["check", "--lang", "en", "-"],
            "factlint: usage error: the current folder no longer exists (removed or moved): run "
            "factlint from a folder that does\n",
        ),
    ):
        gone.mkdir()
        done = subprocess.run(
            [sys.executable, "-c", program, *args],
            capture_output=True,
            text=True,
            input="",
            encoding="utf-8",
            timeout=60,
        )
        assert (done.returncode, done.stderr) == (2, message), args
    gone.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", program, "rules"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and "P101" in done.stdout


def test_nonexistent_path_exits_2_with_chinese_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--format", "concise", "missing/稿件.txt")
    assert code == 2
    assert err == "factlint: missing/稿件.txt: 文件或目录不存在\n"


def test_nonexistent_path_others_still_checked(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", f"{P101_LINE}\n")
    code, out, err = run(capsys, "check", "--format", "json", "missing.txt", "a.txt")
    assert code == 2
    assert [(f["path"], f["code"], f["line"], f["column"]) for f in json.loads(out)] == [
        ("a.txt", "P101", 1, 8)
    ]
    assert err == "factlint: missing.txt: 文件或目录不存在\n"


def test_nonexistent_path_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--lang", "en", "missing.txt")
    assert code == 2
    assert err == "factlint: missing.txt: no such file or directory\n"


# ---- --format concise -------------------------------------------------------------------------

CONCISE = re.compile(
    r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) (?P<msg>.+)$"
)


def test_concise_format_exact(capsys: pytest.CaptureFixture[str]) -> None:
    write("docs/dup.txt", DUPLICATE)
    code, out, err = run(capsys, "check", "--format", "concise", "docs")
    assert (code, err) == (1, "")
    assert out == "docs/dup.txt:5:1: D101 本段与第1行的段落完全相同（43字）\n"
    assert CONCISE.match(out.rstrip("\n"))


def test_concise_format_clean_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", CLEAN)
    assert run(capsys, "check", "--format", "concise", "a.txt") == (0, "", "")


def test_concise_format_sorted_by_path_line_column(capsys: pytest.CaptureFixture[str]) -> None:
    write("b.txt", DEFECTS)
    write("a.txt", DUPLICATE)
    code, out, _ = run(capsys, "check", "--format", "concise", "b.txt", "a.txt")
    assert code == 1
    assert [line.split(" ")[0:2] for line in out.splitlines()] == [
        ["a.txt:5:1:", "D101"],
        ["b.txt:1:8:", "P101"],
        ["b.txt:3:12:", "T101"],
    ]


def test_concise_format_fixable_lines_match_documented_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", DEFECTS)
    code, out, _ = run(capsys, "check", "--format", "concise", "a.txt")
    assert code == 1
    assert out == f"a.txt:1:8: P101 {P101_ZH}\na.txt:3:12: T101 {T101_ZH}\n"


# ---- --format json: the contract of DESIGN.md -------------------------------------------------


def assert_contract(findings: object) -> None:
    assert isinstance(findings, list)
    for f in findings:
        assert isinstance(f, dict)
        assert set(f) == CONTRACT_KEYS
        for key in ("path", "code", "rule", "message"):
            assert type(f[key]) is str and f[key], key
        assert re.fullmatch(r"[DTNUCSP]\d{3}", f["code"])
        assert re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", f["rule"])
        assert f["severity"] in ("error", "warning", "info")
        for key in ("line", "column", "end_line", "end_column"):
            assert type(f[key]) is int and f[key] >= 1, key
        assert (f["end_line"], f["end_column"]) >= (f["line"], f["column"])
        assert "\\" not in f["path"]
        assert isinstance(f["related"], list)
        for r in f["related"]:
            assert set(r) == {"path", "line", "column", "message"}
            assert type(r["path"]) is str and type(r["message"]) is str
            assert type(r["line"]) is int and r["line"] >= 1
            assert type(r["column"]) is int and r["column"] >= 1
        fix = f["fix"]
        assert fix is None or (
            set(fix) == FIX_KEYS
            and type(fix["replacement"]) is str
            and type(fix["message"]) is str
            and fix["applicability"] in ("safe", "unsafe")
        )


def test_json_format_exact(capsys: pytest.CaptureFixture[str]) -> None:
    write("docs/a.txt", DEFECTS)
    write("docs/sub/dup.md", DUPLICATE)
    code, out, err = run(capsys, "check", "--format", "json", "docs/")
    assert (code, err) == (1, "")
    findings = json.loads(out)
    assert_contract(findings)
    assert findings == [
        {
            "path": "docs/a.txt",
            "code": "P101",
            "rule": "half-width-punctuation",
            "severity": "warning",
            "message": P101_ZH,
            "line": 1,
            "column": 8,
            "end_line": 1,
            "end_column": 9,
            "related": [],
            "fix": {"replacement": "，", "message": "改为“，”", "applicability": "safe"},
        },
        {
            "path": "docs/a.txt",
            "code": "T101",
            "rule": "misused-baifenbai",
            "severity": "error",
            "message": T101_ZH,
            "line": 3,
            "column": 12,
            "end_line": 3,
            "end_column": 15,
            "related": [],
            "fix": {"replacement": "百分点", "message": "改为“百分点”", "applicability": "safe"},
        },
        {
            "path": "docs/sub/dup.md",
            "code": "D101",
            "rule": "duplicate-paragraph",
            "severity": "error",
            "message": "本段与第1行的段落完全相同（43字）",
            "line": 5,
            "column": 1,
            "end_line": 5,
            "end_column": 44,
            "related": [
                {"path": "docs/sub/dup.md", "line": 1, "column": 1, "message": "第一次出现"}
            ],
            "fix": None,
        },
    ]


def test_json_positions_are_1_based_end_exclusive_in_characters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = f"标题\n\n{P101_LINE}\n{T101_LINE}\n"
    write("a.txt", text)
    code, out, _ = run(capsys, "check", "--format", "json", "--select", "P101,T101", "a.txt")
    assert code == 1
    findings = json.loads(out)
    assert_contract(findings)
    lines = text.split("\n")
    assert [lines[f["line"] - 1][f["column"] - 1 : f["end_column"] - 1] for f in findings] == [
        ",",
        "百分百",
    ]


def test_json_paths_as_given(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    write("docs/a.txt", f"{P101_LINE}\n")
    for given, shown in (
        ("docs/a.txt", "docs/a.txt"),
        ("./docs/a.txt", "./docs/a.txt"),
        ("docs", "docs/a.txt"),
        ("docs/", "docs/a.txt"),
        (str(project / "docs"), f"{project.as_posix()}/docs/a.txt"),
    ):
        code, out, _ = run(capsys, "check", "--format", "json", given)
        assert code == 1
        assert [f["path"] for f in json.loads(out)] == [shown], given


def test_json_clean_is_empty_array(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", CLEAN)
    assert run(capsys, "check", "--format", "json", "a.txt") == (0, "[]\n", "")


def test_json_stdout_stays_parseable_with_unreadable_inputs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", f"{P101_LINE}\n")
    Path("bad.txt").write_bytes(b"abc\x80\xffdef")
    code, out, err = run(capsys, "check", "--format", "json", "a.txt", "bad.txt", "missing.txt")
    assert code == 2
    assert [f["path"] for f in json.loads(out)] == ["a.txt"]
    assert len(err.splitlines()) == 2


# ---- --lang en --------------------------------------------------------------------------------


def test_json_fix_has_applicability_safe_or_unsafe(capsys: pytest.CaptureFixture[str]) -> None:
    """P101's fix is safe; S102's (joining a paragraph split by a blank line) is unsafe."""
    write(
        "a.txt",
        f"{P101_LINE}\n\n天津援青前方指挥部精心筹备第25届“青洽会”，\n\n搭建800平方米天津主宾城市展区。\n",
    )
    code, out, _ = run(capsys, "check", "--format", "json", "--select", "P101,S102", "a.txt")
    assert code == 1
    findings = json.loads(out)
    assert_contract(findings)
    applicability = {f["code"]: f["fix"]["applicability"] for f in findings}
    assert applicability == {"P101": "safe", "S102": "unsafe"}


def test_json_contract_keys_in_order() -> None:
    """The public dict of a diagnostic is the README's contract, in its order; the cache's adds
    to it (both languages, the span, the excerpt, where related places end), never renames."""
    d = Diagnostic(
        path="a.txt",
        code="T101",
        rule="misused-baifenbai",
        severity=Severity.ERROR,
        message=Message("误用", "misused"),
        span=Span(2, 5),
        location=Location("a.txt", 1, 3, 1, 6),
        related=(RelatedLocation("b.txt", 2, 1, 2, 3, Message("此处", "here")),),
        fix=Fix("百分点", Message("改为“百分点”", "use 百分点"), safe=False),
        excerpt="百分百",
    )
    public = to_dict(d, "en", public=True)
    assert list(public) == [
        "path", "code", "rule", "severity", "message",
        "line", "column", "end_line", "end_column", "related", "fix",
    ]  # fmt: skip
    assert set(public) == CONTRACT_KEYS
    assert public["related"] == [{"path": "b.txt", "line": 2, "column": 1, "message": "here"}]
    assert public["fix"] == {
        "replacement": "百分点",
        "message": "use 百分点",
        "applicability": "unsafe",
    }
    assert list(public["fix"]) == ["replacement", "message", "applicability"]
    assert to_dict(d, "zh", public=True)["message"] == "误用"
    whole = to_dict(d)
    assert set(whole) == CONTRACT_KEYS | {"span", "excerpt"}
    assert whole["message"] == {"zh": "误用", "en": "misused"}
    assert set(whole["related"][0]) == {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
    }
    assert set(whole["fix"]) == FIX_KEYS
    assert from_dict(whole) == d


def test_lang_en_json(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", f"{P101_LINE}\n")
    code, out, _ = run(capsys, "check", "--format", "json", "--lang", "en", "a.txt")
    assert code == 1
    (finding,) = json.loads(out)
    assert finding["message"] == P101_EN
    assert finding["fix"] == {
        "replacement": "，",
        "message": "replace with “，”",
        "applicability": "safe",
    }


def test_lang_en_related_and_full_format(capsys: pytest.CaptureFixture[str]) -> None:
    write("dup.txt", DUPLICATE)
    code, out, _ = run(capsys, "check", "--format", "json", "--lang", "en", "dup.txt")
    assert code == 1
    (finding,) = json.loads(out)
    for text in (finding["message"], finding["related"][0]["message"]):
        assert not re.search(r"[\u4e00-\u9fff]", text), text
    code, out, _ = run(capsys, "check", "--lang", "en", "--no-color", "dup.txt")
    assert code == 1
    assert "error D101 [duplicate-paragraph]" in out
    assert out.rstrip("\n").splitlines()[-1].startswith("checked 1 file(s): 1 finding(s) (1 error")


def test_lang_zh_is_default_in_full_format(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", f"{P101_LINE}\n")
    code, out, _ = run(capsys, "check", "--no-color", "a.txt")
    assert code == 1
    assert out.startswith(f"警告 P101 [half-width-punctuation] {P101_ZH}\n  --> a.txt:1:8\n")
    assert (
        out.rstrip("\n")
        .splitlines()[-1]
        .startswith("检查了1个文件，发现1个问题（错误0，警告1，提示0）")
    )


# ---- factlint rules / factlint rule CODE ------------------------------------------------------


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "rules")
    assert (code, err) == (0, "")
    rows = [line.split() for line in out.splitlines()]
    listed = [row[0] for row in rows if row and re.fullmatch(r"[A-Z]\d{3}", row[0])]
    assert listed == [r.code for r in REGISTRY]
    for rule in REGISTRY:
        assert rule.name in out
        assert rule.meta.summary.zh in out


def test_rules_json_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json", "--lang", "en")
    assert code == 0
    data = json.loads(out)
    assert [d["code"] for d in data] == [r.code for r in REGISTRY]
    assert {tuple(sorted(d)) for d in data} == {
        ("code", "family", "fix_safety", "fixable", "name", "severity", "summary")
    }
    assert [d["summary"] for d in data] == [r.meta.summary.en for r in REGISTRY]
    assert {d["code"]: d["fix_safety"] for d in data if d["code"] in ("D101", "P101", "S102")} == {
        "D101": None,
        "P101": "safe",
        "S102": "unsafe",
    }
    assert len(REGISTRY) >= 9


def test_rule_prints_documentation(capsys: pytest.CaptureFixture[str]) -> None:
    """Not at a terminal: plain text in the chosen language, headings without ``##``."""
    code, out, err = run(capsys, "rule", "D101")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"D101 duplicate-paragraph — {BY_CODE['D101'].meta.summary.zh}"
    assert lines[1] == "默认级别: 错误"
    for heading in ("检查什么", "为什么重要", "示例", "如何修改"):
        assert heading in lines
    assert "What it does" not in out and "##" not in out and "```" not in out
    _, out, _ = run(capsys, "rule", "D101", "--lang", "en")
    lines = out.splitlines()
    for heading in ("What it does", "Why it matters", "Example", "Use instead", "How it works"):
        assert heading in lines
    assert "检查什么" not in out


def _cells(line: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_rule_t102_reads_as_chinese_prose_at_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = run(capsys, "rule", "T102")
    assert all(_cells(line) <= 80 for line in out.splitlines())
    for jargon in ("jieba", "pypinyin", "four-corner", "natural log", "Options", "##"):
        assert jargon not in out
    assert out.count("max-rare") == 1 and out.count("min-gain") == 1
    assert "max-rare（默认 1）" in out
    # no line starts with a closing mark; no space inside a sentence where the source wrapped
    assert not any(line.lstrip()[:1] in "，。、；：）”" for line in out.splitlines() if line)
    assert "另一个字，而正确的写法在本次检查" in out.replace("\n  ", "")


@pytest.mark.parametrize("rule", [r.code for r in REGISTRY])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_rule_fits_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, rule: str, lang: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "rule", rule, "--lang", lang)
    assert code == 0
    assert all(_cells(line) <= 80 for line in out.splitlines()), rule


def test_rule_honours_factlint_lang(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTLINT_LANG", "en")
    _, out, _ = run(capsys, "rule", "T102")
    assert "default severity: warning" in out.splitlines()
    assert "What it does" in out and "检查什么" not in out
    assert out.count("`max-rare`") == 0 and out.count("max-rare (default 1)") == 1
    _, out, _ = run(capsys, "rule", "T102", "--lang", "zh")
    assert "检查什么" in out


def test_rule_in_a_terminal_is_drawn_by_rich(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a terminal the Markdown is drawn by rich, wrapped to the terminal's width with the
    Chinese line-breaking rules; with NO_COLOR it is plain text."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out, _ = run(capsys, "rule", "T102")
    drawn = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert drawn != out  # styled
    assert "检查什么" in drawn and "##" not in drawn and "`" not in drawn
    lines = [line.rstrip() for line in drawn.splitlines()]
    assert all(_cells(line) <= 80 for line in lines)
    assert not any(line.lstrip()[:1] in "，。、；：）”" for line in lines if line)
    assert any("max-rare（默认 1）" in line for line in lines)
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = run(capsys, "rule", "T102")
    assert "\x1b" not in out and "检查什么" in out.splitlines()


@pytest.mark.parametrize("token", ["d101", "duplicate-paragraph"])
def test_rule_by_lowercase_code_or_name(capsys: pytest.CaptureFixture[str], token: str) -> None:
    code, out, _ = run(capsys, "rule", token, "--lang", "en")
    assert code == 0
    assert out.splitlines()[0] == "D101 duplicate-paragraph — paragraph appears twice"


def test_rule_lists_options_with_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rule", "D102")
    assert code == 0
    assert out.count("threshold") == 1 and "threshold（默认 0.85）" in out
    _, out, _ = run(capsys, "rule", "D102", "--lang", "en")
    assert out.count("threshold") == 1 and "threshold (default 0.85)" in out


def test_rule_unknown_code_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "rule", "X999")
    assert code == 2
    assert out == ""
    assert err.startswith("factlint: 未知规则: ")
    assert "X999" in err
    assert "Traceback" not in err


def test_rule_typo_names_closest(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "rule", "D1O1", "--lang", "en")
    assert code == 2
    assert err.rstrip("\n").endswith("did you mean “D101”?")


# ---- python -m factlint -----------------------------------------------------------------------


def test_python_m_factlint_subprocess(project: Path) -> None:
    write("docs/a.txt", DEFECTS)
    env = {k: v for k, v in os.environ.items() if k not in ("FACTLINT_LANG", "NO_COLOR")}
    proc = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--format", "json", "docs"],
        cwd=project,
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
    assert proc.stderr == b""
    findings = json.loads(proc.stdout.decode("utf-8"))
    assert_contract(findings)
    assert [(f["path"], f["code"], f["line"], f["column"]) for f in findings] == [
        ("docs/a.txt", "P101", 1, 8),
        ("docs/a.txt", "T101", 3, 12),
    ]
    assert findings[0]["message"] == P101_ZH


@pytest.mark.parametrize("width", [60, 80, 120])
def test_full_output_fits_the_terminal_so_the_caret_stays_under_the_span(width: int) -> None:
    from factlint.engine.core import Engine
    from factlint.project.config import Config
    from factlint.reporters import Report
    from factlint.reporters.full import render
    from factlint.rules import REGISTRY
    from rich.cells import cell_len

    from tests.conftest import SEEDS

    docs = [document_for(p.name, p.read_text("utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    diagnostics = Engine(list(REGISTRY), Config()).check(docs)
    text = render(Report(diagnostics, {d.path: d for d in docs}), color=False, width=width)
    lines = text.split("\n")
    sources = [i for i, line in enumerate(lines) if re.match(r" \d+ │ ", line)]
    assert len(sources) == len(diagnostics)
    for i in sources:
        caret = lines[i + 1].split(" 续至")[0]
        assert cell_len(lines[i]) <= width, lines[i]
        assert cell_len(caret) <= width, caret
        assert caret.strip(" │").startswith("^")  # the line did not wrap: the caret follows it


# ---- paths among the options, usage errors in the chosen language, contradictory options --------


def check_paths(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    code, out, err = run(capsys, "check", *args)
    assert code == 1, err
    return sorted({f["path"] for f in json.loads(out)})


def test_paths_may_follow_options(capsys: pytest.CaptureFixture[str]) -> None:
    write("docs/2023/a.txt", DEFECTS)
    write("docs/report.md", DEFECTS)
    write("-draft.txt", DEFECTS)
    both = ["docs/2023/a.txt", "docs/report.md"]
    assert (
        check_paths(capsys, "docs/2023", "--no-cache", "docs/report.md", "--format", "json") == both
    )
    assert check_paths(capsys, "--format", "json", "docs/2023", "-j", "1", "docs/report.md") == both
    # after --, every word is a path, even one that looks like an option
    assert check_paths(capsys, "--format", "json", "docs/report.md", "--", "-draft.txt") == [
        "-draft.txt",
        "docs/report.md",
    ]
    assert check_paths(capsys, "--format", "json", "--", "-draft.txt") == ["-draft.txt"]


def test_stdin_dash_among_options(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DEFECTS.encode("utf-8"))))
    write("a.txt", DEFECTS)
    args = ("a.txt", "--stdin-filename", "稿件.txt", "-", "--format", "json", "--no-cache")
    assert check_paths(capsys, *args) == ["a.txt", "稿件.txt"]


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (
            ["check", "-j", "0", "a.txt"],
            "参数 --jobs/-j：应至少为1，而不是0",
            "argument --jobs/-j: must be at least 1, not 0",
        ),
        (
            ["check", "--jobs", "x", "a.txt"],
            "参数 --jobs/-j：应为正整数，而不是“x”",
            "argument --jobs/-j: must be a whole number, not “x”",
        ),
        (
            ["check", "a.txt", "--bogus"],
            "无法识别的参数：--bogus",
            "unrecognized arguments: --bogus",
        ),
        (
            ["check", "--format", "xml", "a.txt"],
            "参数 --format：无效的取值 'xml'（可选：",
            "argument --format: invalid choice: 'xml' (choose from",
        ),
        (["check", "a.txt", "--format"], "参数 --format：需要一个值", "expected one argument"),
        (["rule"], "缺少必需的参数：CODE", "the following arguments are required: CODE"),
        (
            ["check", "--baseline", "b.json", "--write-baseline", "c.json", "a.txt"],
            "参数 --write-baseline：不能与参数 --baseline 同用",
            "argument --write-baseline: not allowed with argument --baseline",
        ),
        (
            ["check", "--unsafe-fixes", "a.txt"],
            "--unsafe-fixes 须与 --fix 或 --diff 同用",
            "--unsafe-fixes needs --fix or --diff",
        ),
        (
            ["check", "--stdin-filename", "稿件.txt", "a.txt"],
            "--stdin-filename 须与路径 -（标准输入）同用",
            "--stdin-filename needs - (standard input) among the paths",
        ),
        (
            ["check", "--statistics", "--format", "sarif", "a.txt"],
            "--statistics 不能与 --format sarif 同用",
            "--statistics cannot be used with --format sarif",
        ),
        (["check", "--statistics", "--format", "github", "a.txt"], "github", "github"),
        (["check", "--statistics", "--format", "junit", "a.txt"], "junit", "junit"),
    ],
)
def test_usage_errors_in_both_languages(
    capsys: pytest.CaptureFixture[str], args: list[str], zh: str, en: str
) -> None:
    write("a.txt", DEFECTS)
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.startswith("factlint: 用法错误: ")
    assert zh in err
    assert err.count("\n") == 1
    code, out, err = run(capsys, *args, "--lang", "en")
    assert (code, out) == (2, "")
    assert err.startswith("factlint: usage error: ")
    assert en in err


def test_argparse_messages_without_a_translation_stay_english() -> None:
    from factlint.cli import usage_message

    assert usage_message("ambiguous option: --st could match --statistics", "zh") == (
        "ambiguous option: --st could match --statistics"
    )
    assert usage_message("argument --x: expected at most one argument", "zh") == (
        "参数 --x：expected at most one argument"
    )


@pytest.mark.parametrize("fmt", ["full", "concise", "json"])
def test_statistics_with_formats_that_carry_it(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    write("a.txt", DEFECTS)
    code, out, err = run(capsys, "check", "--statistics", "--format", fmt, "a.txt")
    assert (code, err) == (1, "")
    assert "P101" in out


def test_fix_with_diff_only_shows_the_diff(capsys: pytest.CaptureFixture[str]) -> None:
    path = write("a.txt", DEFECTS)
    code, out, _ = run(capsys, "check", "--fix", "--diff", "a.txt")
    assert code == 1
    assert out.startswith("--- a/a.txt\n+++ b/a.txt\n")
    assert path.read_text(encoding="utf-8") == DEFECTS
    with pytest.raises(SystemExit):
        run(capsys, "check", "--help")
    help_text = " ".join(capsys.readouterr().out.split())
    assert "nothing is written, even with --fix" in help_text


def test_rules_say_which_fixes_are_unsafe(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "rules")
    rows = {
        row.split("│")[0].strip(): [c.strip() for c in row.split("│")] for row in out.splitlines()
    }
    assert rows["P101"][3] == "是"
    assert rows["S102"][3] == rows["N120"][3] == "需确认"
    assert rows["N102"][3] == rows["T103"][3] == "是，部分需确认"
    assert rows["D101"][3] == ""
    _, out, _ = run(capsys, "rule", "S102", "--lang", "en")
    assert out.splitlines()[1] == "default severity: warning  fixable (unsafe)"


# ---- summaries that tell the truth, first things first (issue 11) -----------------------------


def test_no_file_checked_is_an_error_not_a_clean_run(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "missing.txt")
    assert code == 2
    assert "未发现问题" not in out
    assert out.strip() == "未检查任何文件：1个输入无法读取"
    assert "missing.txt" in err


def test_unreadable_inputs_beside_checked_ones_are_in_the_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", CLEAN)
    code, out, _ = run(capsys, "check", "a.txt", "missing.txt")
    assert code == 2
    assert out.strip().endswith("；另有1个输入无法读取")


def test_full_output_puts_the_errors_of_each_file_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", DEFECTS)  # P101 (warning) on line 1, T101 (error) on line 3
    write("b.txt", DEFECTS)
    code, out, _ = run(capsys, "check", "a.txt", "b.txt")
    assert code == 1
    heads = re.findall(r"^(错误|警告) (\w\d{3}) .*\n  --> (\S+?):", out, re.MULTILINE)
    assert heads == [
        ("错误", "T101", "a.txt"),
        ("警告", "P101", "a.txt"),
        ("错误", "T101", "b.txt"),
        ("警告", "P101", "b.txt"),
    ]


def test_full_output_ends_with_counts_per_rule_and_what_fix_can_do(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", DEFECTS + "\n" + PARA + "\n\n" + PARA + "\n")
    _, out, _ = run(capsys, "check", "a.txt")
    tail = out.rstrip("\n").splitlines()[-6:]
    assert tail[0] == "按规则统计："
    assert [row.split()[:2] for row in tail[1:4]] == [["1", "D101"], ["1", "P101"], ["1", "T101"]]
    assert tail[4] == "其中2个可用 --fix 自动修复"
    assert tail[5].startswith("检查了1个文件，发现3个问题（错误2，警告1，提示0）")
    _, out, _ = run(capsys, "check", "--lang", "en", "a.txt")
    assert "findings per rule:" in out and "2 can be fixed with --fix" in out


def test_min_severity_shows_only_what_is_at_or_above_it_and_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", DEFECTS)
    code, out, _ = run(capsys, "check", "--min-severity", "error", "a.txt")
    assert code == 1  # the exit code still follows --fail-on (warning): nothing is hidden from it
    assert "T101" in out and "P101" not in out
    assert (
        out.rstrip("\n")
        .splitlines()[-1]
        .endswith("；另有1个低于“错误”级别的问题未显示（--min-severity）")
    )
    code, out, _ = run(capsys, "check", "--min-severity", "error", "--format", "json", "a.txt")
    assert [f["code"] for f in json.loads(out)] == ["T101"]
    write("b.txt", f"{P101_LINE}\n")
    code, out, _ = run(capsys, "check", "--min-severity", "error", "--fail-on", "error", "b.txt")
    assert code == 0 and "未发现问题" in out and "另有1个" in out


def test_baseline_summary_says_how_many_known_findings_it_hid(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", DEFECTS)
    assert run(capsys, "check", "--write-baseline", "b.json", "a.txt")[0] == 0
    code, out, _ = run(capsys, "check", "--baseline", "b.json", "a.txt")
    assert code == 0
    assert out.strip().startswith("检查了1个文件，未发现问题")
    assert "；基线隐藏了2个已知问题" in out


def test_factlint_lang_is_honoured_everywhere(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTLINT_LANG", "en")
    write("a.txt", f"{P101_LINE}\n")
    code, out, _ = run(capsys, "check", "a.txt")
    assert code == 1 and P101_EN in out and "checked 1 file(s)" in out
    _, out, _ = run(capsys, "rules")
    assert "paragraph stops mid-sentence" in out and "段落在句中中断" not in out
    _, out, _ = run(capsys, "rule", "S101")
    assert "paragraph stops mid-sentence" in out
    code, _, err = run(capsys, "check", "--jobs", "x", "a.txt")
    assert code == 2 and "usage error" in err and "must be a whole number" in err
    code, _, err = run(capsys, "check", "--select", "P1O1", "a.txt")
    assert code == 2 and err.startswith("factlint: usage error: ")
    _, out, _ = run(capsys, "check", "--lang", "zh", "a.txt")  # --lang wins
    assert P101_ZH in out


def test_lang_in_the_config_yields_to_factlint_lang(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write("factlint.toml", 'lang = "zh"\n')
    write("a.txt", f"{P101_LINE}\n")
    monkeypatch.setenv("FACTLINT_LANG", "en")
    assert P101_EN in run(capsys, "check", "a.txt")[1]


@pytest.mark.parametrize("columns", ["60", "80", "100"])
def test_rules_fits_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = run(capsys, "rules")
    assert code == 0
    assert max(cell_len(line) for line in out.splitlines()) <= int(columns)
    listed = [line.split()[0] for line in out.splitlines() if re.match(r" ?[A-Z]\d{3} ", line)]
    assert listed == [r.code for r in REGISTRY]


def test_english_messages_wrap_between_words_at_80_columns() -> None:
    from factlint.engine.core import Engine
    from factlint.project.config import Config
    from factlint.reporters import Report
    from factlint.reporters.full import render

    from tests.conftest import SEEDS

    docs = [document_for(p.name, p.read_text("utf-8")) for p in sorted(SEEDS.glob("*.txt"))]
    diagnostics = Engine(list(REGISTRY), Config()).check(docs)
    report = Report(diagnostics, {d.path: d for d in docs}, lang="en")
    text = render(report, color=False, width=80)
    words = {w for d in diagnostics for w in re.findall(r"[A-Za-z]+", d.message.en)}
    lines = text.split("\n")
    wrapped = 0
    for a, b in itertools.pairwise(lines):
        if re.search(r"[A-Za-z]$", a) and re.match(r"[A-Za-z]", b):  # a message went on
            wrapped += 1
            end, start = re.findall(r"[A-Za-z]+", a)[-1], re.findall(r"[A-Za-z]+", b)[0]
            assert end in words and start in words, (a, b)  # two whole words
            assert end + start not in words, (a, b)  # not one word cut in two
    assert wrapped  # the seeds have English messages longer than 80 columns


def test_ambiguous_width_2_keeps_the_carets_under_the_span() -> None:
    from factlint.reporters import Report
    from factlint.reporters.full import render

    text = "“报告”说……增长,明显。\n"
    doc = document_for("a.txt", text)
    column = text.index(",")
    d = Diagnostic(
        path="a.txt",
        location=Location("a.txt", 1, column + 1, 1, column + 2),
        span=Span(column, column + 1),
        code="P101",
        rule="half-width-punctuation",
        severity=Severity.WARNING,
        message=Message("半角", "half-width"),
    )
    # “ 报告 ” 说 …… 增长: 1+4+1+2+2+4 cells, or with “”… two cells wide 2+4+2+2+4+4
    for amb, before in ((1, 14), (2, 18)):
        out = render(Report([d], {"a.txt": doc}, ambiguous_width=amb), color=False, width=80)
        caret = next(line for line in out.splitlines() if line.rstrip().endswith("^"))
        assert caret.index("^") - caret.index("│") - 2 == before


def test_ambiguous_width_option_and_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write("a.txt", "“报告”说,明显。\n")
    _, one, _ = run(capsys, "check", "a.txt")
    _, two, _ = run(capsys, "check", "--ambiguous-width", "2", "a.txt")
    monkeypatch.setenv("FACTLINT_AMBIGUOUS_WIDTH", "2")
    _, env, _ = run(capsys, "check", "a.txt")
    carets = [next(x for x in o.splitlines() if "^" in x) for o in (one, two, env)]
    assert len(carets[1]) == len(carets[0]) + 2 and carets[2] == carets[1]
    assert run(capsys, "check", "--ambiguous-width", "3", "a.txt")[0] == 2


def test_reading_a_terminal_on_dash_says_it_waits(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal(io.BytesIO(CLEAN.encode("utf-8")), "utf-8"))
    code, _, err = run(capsys, "check", "-")
    assert code == 0
    assert err.startswith("factlint：正在从标准输入读取")


def test_progress_only_on_a_terminal_and_only_after_a_delay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io
    import time

    from factlint.cli import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("FACTLINT_NO_PROGRESS", raising=False)
    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with progress(3, "zh", delay=0.5):
        pass  # a quick run: nothing at all
    assert screen.getvalue() == ""
    with progress(3, "zh", delay=0.05):
        time.sleep(0.4)
    assert "正在检查3个文件" in screen.getvalue()
    plain = io.StringIO()  # not a terminal: nothing, however long
    monkeypatch.setattr(sys, "stderr", plain)
    with progress(3, "zh", delay=0.0):
        time.sleep(0.1)
    assert plain.getvalue() == ""


def test_rule_documentation_wraps_like_an_editor_would() -> None:
    """Chinese breaks between characters but never before a closing mark or after an opening
    one; Latin words and inline code stay whole; a wrapped line never starts a Markdown block."""
    from factlint.cli.ruledoc import hard_wrapped, reflow, wrap

    assert reflow("中文\n接上，and\nEnglish") == "中文接上，and English"
    lines = wrap("一二三四五六七八九，十", 18)
    assert lines == ["一二三四五六七八", "九，十"]
    assert wrap("甲乙丙丁戊“己庚", 12) == ["甲乙丙丁戊", "“己庚"]
    assert wrap("see ``<!-- a b -->`` now", 12) == ["see", "``<!-- a b -->``", "now"]
    drawn = hard_wrapped("enumerators (一. 1. 第一章.) and", 16)
    assert "\\\n1\\. 第一章" in drawn


def test_a_command_collects_less_often_and_restores_the_thresholds(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collector's thresholds are the command's while it runs (a run keeps a great many
    objects to its end: scanned again and again with Python's defaults), and the caller's
    again once it returns, whatever it returns."""
    import gc

    import factlint.cli as cli

    seen: list[tuple[int, ...]] = []
    real = cli.run_check

    def spy(args: object) -> int:
        seen.append(gc.get_threshold())
        return real(args)

    monkeypatch.setattr(cli, "run_check", spy)
    before = gc.get_threshold()
    assert before != cli.GC_THRESHOLDS
    write("a.txt", DEFECTS)
    assert run(capsys, "check", "a.txt")[0] == 1
    assert seen == [cli.GC_THRESHOLDS] and gc.get_threshold() == before
    assert run(capsys, "check", "--no-such-option")[0] == 2
    assert gc.get_threshold() == before

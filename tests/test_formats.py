"""Output formats for CI: SARIF (validated against the official 2.1.0 schema), GitHub workflow
commands, JUnit XML; ``--output FILE`` and ``--statistics``."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from factlint.engine.fingerprints import fingerprint
from factlint.model import Diagnostic, Fix, Location, Message, RelatedLocation, Severity, Span
from factlint.reporters import (
    FORMATS,
    NO_STATISTICS,
    REGISTRY,
    REVIEW,
    Format,
    Report,
    render,
)
from factlint.reporters.github import command, escape_property
from factlint.text.document import Document
from jsonschema import Draft7Validator, FormatChecker

from tests.cli_support import DEFECTS, P101_LINE, T101_LINE, run, write
from tests.conftest import SEEDS

pytestmark = pytest.mark.usefixtures("project")

SCHEMA = Path(__file__).parent / "sarif-schema-2.1.0.json"
SEED_DIR = "报告 2024"  # a folder name that needs percent-encoding in a URI


@pytest.fixture
def seeds() -> list[str]:
    """The seed reports copied into the project, under a non-ASCII folder with a space."""
    paths = []
    for seed in sorted(SEEDS.glob("*.txt")):
        target = Path(SEED_DIR) / seed.name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(seed, target)
        paths.append(target.as_posix())
    return paths


def findings(capsys: pytest.CaptureFixture[str], *paths: str) -> list[dict[str, Any]]:
    _, out, _ = run(capsys, "check", "--format", "json", *paths)
    result: list[dict[str, Any]] = json.loads(out)
    return result


def sarif(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(capsys, "check", "--format", "sarif", *args)
    return code, json.loads(out)


# ---- SARIF ------------------------------------------------------------------------------------


def test_format_checker_knows_uri_references() -> None:
    """Without a URI validator installed, jsonschema silently skips the ``uri-reference`` format."""
    checker = FormatChecker()
    assert checker.conforms("%E6%8A%A5%E5%91%8A/a.txt", "uri-reference")
    assert not checker.conforms("报告/a.txt", "uri-reference")


def test_sarif_of_the_seeds_validates_against_the_schema(
    capsys: pytest.CaptureFixture[str], seeds: list[str]
) -> None:
    expected = findings(capsys, SEED_DIR)
    code, log = sarif(capsys, SEED_DIR)
    assert code == 1
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(
        Draft7Validator(schema, format_checker=FormatChecker()).iter_errors(log),
        key=lambda e: list(e.path),
    )
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []

    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert len(results) == len(expected) > 0
    for result, finding in zip(results, expected, strict=True):
        assert result["ruleId"] == finding["code"]
        rule = rules[result["ruleIndex"]]
        assert (rule["id"], rule["name"]) == (finding["code"], finding["rule"])
        assert (
            result["level"]
            == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        )
        assert result["message"]["text"] == finding["message"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith("%E6%8A%A5%E5%91%8A%202024/")
        assert unquote(location["artifactLocation"]["uri"]) == finding["path"]
        assert location["region"] == {
            "startLine": finding["line"],
            "startColumn": finding["column"],
            "endLine": finding["end_line"],
            "endColumn": finding["end_column"],
            "snippet": location["region"]["snippet"],
        }
        assert len(result.get("relatedLocations", [])) == len(finding["related"])
        assert ("fixes" in result) == (finding["fix"] is not None)
        if finding["fix"] is not None:
            (change,) = result["fixes"][0]["artifactChanges"]
            (replacement,) = change["replacements"]
            assert replacement["insertedContent"]["text"] == finding["fix"]["replacement"]
    fingerprints = [r["partialFingerprints"]["factlintFingerprint/v1"] for r in results]
    assert len(set(zip(fingerprints, (r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results), strict=True))) == len(results)  # fmt: skip
    assert {a["location"]["uri"] for a in run_["artifacts"]} == {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results
    }
    assert run_["invocations"][0]["executionSuccessful"] is True


def test_sarif_rules_carry_their_documentation_and_default_level(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", DEFECTS)
    _, log = sarif(capsys, "--select", "P101,T101", "--lang", "en", "a.txt")
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert set(rules) == {"P101", "T101"}  # the rules that ran
    assert rules["T101"]["defaultConfiguration"] == {"level": "error"}
    assert rules["P101"]["name"] == "half-width-punctuation"
    assert rules["P101"]["help"]["markdown"].startswith("## What it does")
    assert "What it does" not in rules["P101"]["fullDescription"]["text"]
    assert log["runs"][0]["language"] == "en-US"
    assert "## How it works" in rules["P101"]["help"]["markdown"]
    assert "检查什么" not in rules["P101"]["help"]["markdown"]


def test_sarif_rule_documentation_follows_the_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", DEFECTS)
    _, log = sarif(capsys, "--select", "P101", "a.txt")
    (rule,) = log["runs"][0]["tool"]["driver"]["rules"]
    assert rule["help"]["markdown"].startswith("## 检查什么")
    assert "What it does" not in rule["help"]["markdown"]
    assert rule["fullDescription"]["text"].startswith("中文文字中用了英文（半角）标点")
    assert "\n" not in rule["fullDescription"]["text"]


def test_sarif_reports_unreadable_inputs_as_notifications(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", f"{P101_LINE}\n")
    Path("坏.txt").write_bytes(b"abc\x80\xffdef")
    code, log = sarif(capsys, "a.txt", "坏.txt")
    assert code == 2
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"].startswith("无法读取")
    uri = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert unquote(uri) == "坏.txt"


def test_fingerprints_survive_lines_added_above(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", DEFECTS)
    _, before = sarif(capsys, "a.txt")
    write("a.txt", "新增的第一段。\n\n" + DEFECTS)
    _, after = sarif(capsys, "a.txt")

    def prints(log: dict[str, Any]) -> list[tuple[str, str, int]]:
        return [
            (
                r["ruleId"],
                r["partialFingerprints"]["factlintFingerprint/v1"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
            )
            for r in log["runs"][0]["results"]
        ]

    old, new = prints(before), prints(after)
    assert [(c, f) for c, f, _ in old] == [(c, f) for c, f, _ in new]
    assert [line + 2 for _, _, line in old] == [line for _, _, line in new]


def test_fingerprint_ignores_spaces_and_other_lines_but_not_the_flagged_text() -> None:
    text = "本段有半角逗号,后面还有中文。"
    spaced = "前一行。\n本段有 半角逗号,后面还有中文。\n后一行。"
    assert fingerprint("P101", text, Span(7, 8)) == fingerprint("P101", spaced, Span(13, 14))
    assert fingerprint("P101", text, Span(7, 8)) != fingerprint("P102", text, Span(7, 8))
    assert fingerprint("P101", text, Span(7, 8)) != fingerprint("P101", text, Span(6, 7))


# ---- github -----------------------------------------------------------------------------------

COMMAND = re.compile(
    r"^::(?P<level>error|warning|notice) file=(?P<file>[^,:]+),line=\d+"
    r"(?:,col=\d+)?,endLine=\d+(?:,endColumn=\d+)?,title=(?P<title>[A-Z]\d{3} [a-z0-9-]+)::.+$"
)


def test_github_output_of_the_seeds_is_one_command_per_finding(
    capsys: pytest.CaptureFixture[str], seeds: list[str]
) -> None:
    expected = findings(capsys, SEED_DIR)
    code, out, err = run(capsys, "check", "--format", "github", SEED_DIR)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    # the errors first, then the warnings, then the notices; a last notice for those GitHub hides
    rank = {"error": 0, "warning": 1, "info": 2}
    expected.sort(key=lambda f: rank[str(f["severity"])])
    assert lines[-1].startswith("::notice title=factlint::GitHub 每类只显示前10条注释")
    lines = lines[:-1]
    assert len(lines) == len(expected) > 0
    level = {"error": "error", "warning": "warning", "info": "notice"}
    for line, finding in zip(lines, expected, strict=True):
        m = COMMAND.match(line)
        assert m, line
        assert m["level"] == level[finding["severity"]]
        assert m["file"] == finding["path"]
        assert m["title"] == f"{finding['code']} {finding['rule']}"
        single = finding["line"] == finding["end_line"]
        assert (f",col={finding['column']}," in line) == single
        assert (f",endColumn={finding['end_column']}," in line) == single


def _diagnostic(message: str, path: str = "a.txt", end_line: int = 1) -> Diagnostic:
    return Diagnostic(
        path=path,
        code="T101",
        rule="misused-baifenbai",
        severity=Severity.INFO,
        message=Message(message, message),
        span=Span(0, 3),
        location=Location(path, 1, 2, end_line, 5),
        related=(RelatedLocation(path, 9, 1, 9, 4, Message("另一处", "elsewhere")),),
        fix=Fix("百分点", Message("改为“百分点”", "use 百分点")),
        excerpt="百分百",
    )


def test_github_command_escapes_data_and_properties() -> None:
    line = command(_diagnostic("增长100%\r\n第二行", path="a,b:c%.txt"), "zh")
    assert "\n" not in line and "\r" not in line
    assert line == (
        "::notice file=a%2Cb%3Ac%25.txt,line=1,col=2,endLine=1,endColumn=5,"
        "title=T101 misused-baifenbai::增长100%25␍␊第二行"  # a line break in the text: shown
        "%0A相关位置：a,b:c%25.txt:9:1 另一处%0A可修复：改为“百分点”"
    )
    assert escape_property("x:y,z%\n") == "x%3Ay%2Cz%25%0A"


def test_github_command_leaves_out_columns_of_a_span_over_lines() -> None:
    line = command(_diagnostic("跨行", end_line=3), "en")
    assert line.startswith("::notice file=a.txt,line=1,endLine=3,title=T101 misused-baifenbai::")


# ---- junit ------------------------------------------------------------------------------------


def test_junit_of_the_seeds_has_one_failure_per_finding(
    capsys: pytest.CaptureFixture[str], seeds: list[str]
) -> None:
    write(f"{SEED_DIR}/clean.txt", "天津援青前方指挥部坚持把人才作为高质量发展的第一资源。\n")
    expected = findings(capsys, SEED_DIR)
    code, out, _ = run(capsys, "check", "--format", "junit", SEED_DIR)
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    failures = root.findall("./testsuite/testcase/failure")
    assert len(failures) == len(expected) == int(root.attrib["failures"])
    assert int(root.attrib["tests"]) == len(expected) + 1  # the clean file passes
    assert [f.attrib["message"] for f in failures] == [f["message"] for f in expected]
    assert [f.attrib["type"] for f in failures] == [f["severity"] for f in expected]
    suites = {s.attrib["name"]: s for s in root.findall("testsuite")}
    assert set(suites) == {*seeds, f"{SEED_DIR}/clean.txt"}
    for suite in suites.values():
        assert int(suite.attrib["failures"]) == len(suite.findall("testcase/failure"))
    names = [(c.attrib["classname"], c.attrib["name"]) for c in root.iter("testcase")]
    assert len(set(names)) == len(names)  # GitLab merges testcases of the same name
    assert all(not re.search(r"\d+:\d+", name) for _, name in names)  # no line numbers in names


def test_junit_stays_well_formed_with_control_characters_and_markup() -> None:
    d = _diagnostic("<b>“引号”</b> & \x0b控制符\x00")
    report = Report([d], {}, files=1)
    root = ET.fromstring(render("junit", report).encode("utf-8"))
    failure = root.find("./testsuite/testcase/failure")
    assert failure is not None
    assert failure.attrib["message"] == "<b>“引号”</b> & \ufffd控制符\ufffd"


def test_junit_unreadable_input_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", f"{T101_LINE}\n")
    Path("bad.txt").write_bytes(b"abc\x80\xffdef")
    code, out, _ = run(capsys, "check", "--format", "junit", "a.txt", "bad.txt")
    assert code == 2
    root = ET.fromstring(out.encode("utf-8"))
    assert (root.attrib["failures"], root.attrib["errors"]) == ("1", "1")


# ---- --output ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in REVIEW])  # docx: a Word file
def test_output_writes_the_file_and_only_the_summary_to_the_terminal(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    write("a.txt", DEFECTS)
    code, out, err = run(capsys, "check", "--format", fmt, "--output", "out/report", "a.txt")
    assert (code, out) == (1, "")
    assert re.fullmatch(
        r"factlint: 检查了1个文件，发现2个问题（错误1，警告1，提示0），用时\S+秒\n", err
    )
    written = Path("out/report").read_text(encoding="utf-8")
    assert "\x1b[" not in written  # no colours in a file, even for --format full
    if fmt != "full":  # full ends with a timing
        _, printed, _ = run(capsys, "check", "--format", fmt, "a.txt")
        if fmt not in ("junit", "html"):  # junit and html carry the time too
            assert written == printed
    assert not [p for p in Path("out").iterdir() if p.name != "report"]  # no temporary left


def test_output_replaces_an_existing_file(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", f"{T101_LINE}\n")
    write("report.json", "old " * 1000)
    run(capsys, "check", "--format", "json", "--output", "report.json", "a.txt")
    assert [f["code"] for f in json.loads(Path("report.json").read_text("utf-8"))] == ["T101"]


def test_output_still_prints_errors(capsys: pytest.CaptureFixture[str]) -> None:
    Path("bad.txt").write_bytes(b"abc\x80\xffdef")
    code, out, err = run(capsys, "check", "--format", "json", "--output", "r.json", "bad.txt")
    assert (code, out) == (2, "")
    assert err.startswith("factlint: bad.txt: 无法读取")
    assert json.loads(Path("r.json").read_text("utf-8")) == []


def test_output_that_cannot_be_written_is_a_clear_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", DEFECTS)
    Path("taken").mkdir()
    code, out, err = run(capsys, "check", "--format", "json", "--output", "taken", "a.txt")
    assert (code, out) == (2, "")
    assert err.startswith("factlint: 无法写入输出文件: taken: ")
    assert "Traceback" not in err
    assert Path("taken").is_dir()


# ---- --statistics -----------------------------------------------------------------------------

THREE_P101 = (
    "本段有半角逗号,后面还有中文。\n\n第二段也有逗号,这里也是。\n\n第三段同样有逗号,结尾。\n"
)


def test_statistics_counts_per_rule_most_first(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", THREE_P101)
    write("b.txt", DEFECTS)
    code, out, err = run(capsys, "check", "--statistics", "a.txt", "b.txt")
    assert (code, err) == (1, "")
    assert out == "4  P101  [*] half-width-punctuation\n1  T101  [*] misused-baifenbai\n"


def test_statistics_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", THREE_P101)
    write("b.txt", DEFECTS)
    _, out, _ = run(capsys, "check", "--statistics", "--format", "json", "a.txt", "b.txt")
    assert json.loads(out) == [
        {"code": "P101", "name": "half-width-punctuation", "count": 4, "fixable": True},
        {"code": "T101", "name": "misused-baifenbai", "count": 1, "fixable": True},
    ]


def test_statistics_sorts_ties_by_code_and_marks_unfixable(
    capsys: pytest.CaptureFixture[str],
) -> None:
    paragraph = (
        "深化互动融合，凝聚文化认同合力。天津援青前方指挥部持续深化津青文化交流、促进互融互鉴。"
    )
    write("a.txt", f"{paragraph}\n\n{T101_LINE}\n\n{paragraph}\n")
    _, out, _ = run(capsys, "check", "--statistics", "--select", "D101,T101", "a.txt")
    assert out == "1  D101  [ ] duplicate-paragraph\n1  T101  [*] misused-baifenbai\n"


def test_statistics_of_a_clean_run(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", "天津援青前方指挥部坚持把人才作为高质量发展的第一资源。\n")
    assert run(capsys, "check", "--statistics", "a.txt") == (0, "", "")
    assert run(capsys, "check", "--statistics", "--format", "json", "a.txt") == (0, "[]\n", "")


# ---- every format -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_run(fmt: str) -> None:
    text = render(fmt, Report([], {}, files=0), color=False)
    assert isinstance(text, str)


# ---- the registry -----------------------------------------------------------------------------

#: modules of factlint.reporters that are not output formats: the words, and --statistics
NOT_FORMATS = {"i18n", "statistics"}


def _reporter_modules() -> list[str]:
    import factlint.reporters

    return sorted(
        m.name
        for m in pkgutil.iter_modules(factlint.reporters.__path__)
        if m.name not in NOT_FORMATS
    )


@pytest.mark.parametrize("module_name", _reporter_modules())
def test_every_reporter_module_is_registered_and_renders(module_name: str) -> None:
    module = importlib.import_module(f"factlint.reporters.{module_name}")
    fmt = module.FORMAT
    assert isinstance(fmt, Format)
    assert REGISTRY[fmt.name] is fmt
    assert fmt.name in FORMATS
    assert (fmt.name in NO_STATISTICS) == (fmt.statistics is None)
    text = "增长百分百。\n"
    d = Diagnostic(
        path="a.txt",
        code="T101",
        rule="misused-baifenbai",
        severity=Severity.ERROR,
        message=Message("误用", "misused"),
        span=Span(2, 5),
        location=Location("a.txt", 1, 3, 1, 6),
        related=(RelatedLocation("a.txt", 1, 1, 1, 3, Message("此处", "here")),),
        fix=Fix("百分点", Message("改为“百分点”", "use 百分点")),
        excerpt="百分百",
    )
    documents = {"a.txt": Document("a.txt", text)}
    for report in (Report([], {}), Report([d], documents, files=1)):
        for lang in ("zh", "en"):
            report.lang = lang
            out = render(fmt.name, report, color=False)
            assert isinstance(out, str)
            if report.diagnostics:
                assert "T101" in out
            if fmt.statistics is not None:
                assert isinstance(render(fmt.name, report, statistics=True), str)
            else:
                with pytest.raises(ValueError):
                    render(fmt.name, report, statistics=True)


def test_the_registry_is_every_reporter_module() -> None:
    declared = {
        importlib.import_module(f"factlint.reporters.{m}").FORMAT.name for m in _reporter_modules()
    }
    assert declared == set(REGISTRY) == set(FORMATS)
    assert NO_STATISTICS == ("sarif", "github", "junit", "html", "docx")
    assert REVIEW == ("docx",)


def test_github_spends_its_annotations_on_errors_first_and_says_what_it_cannot_show(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", "\n\n".join([P101_LINE] * 12 + [T101_LINE]) + "\n")
    code, out, _ = run(capsys, "check", "--format", "github", "a.txt")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("::error ") and "T101" in lines[0]
    assert all(line.startswith("::warning ") for line in lines[1:13])
    assert lines[13] == (
        "::notice title=factlint::GitHub 每类只显示前10条注释：另有2条警告未显示，完整结果见日志"
    )
    _, out, _ = run(capsys, "check", "--format", "github", "--lang", "en", "a.txt")
    assert out.splitlines()[-1].endswith("2 warning(s) not shown; the log has them all")
    write("b.txt", f"{P101_LINE}\n")
    _, out, _ = run(capsys, "check", "--format", "github", "b.txt")
    assert "title=factlint" not in out  # nothing hidden: no notice


@pytest.mark.parametrize("count", [0, 1, 2, 300])
def test_json_in_pieces_is_the_array_dumped_whole(count: int) -> None:
    """``--format json`` is written in pieces (never held whole): joined, they are exactly the
    array dumped at once, also with line and paragraph separators in the strings."""
    from factlint.model import to_dict
    from factlint.reporters import render_pieces
    from factlint.reporters.json_format import pieces

    text = "增长百分百。\u2028第二\n行\u0085。\n"
    documents = {"a.txt": Document("a.txt", text)}
    diagnostics = [
        Diagnostic(
            path="a.txt",
            code="T101",
            rule="misused-baifenbai",
            severity=Severity.ERROR,
            message=Message(f"误用{i}\n“\u2028”", "misused"),
            span=Span(2, 5),
            location=Location("a.txt", 1, 3, 1, 6),
            related=(RelatedLocation("a.txt", 1, 1, 1, 3, Message("此处", "here")),)[: i % 2],
            fix=Fix("百分点", Message("改为“百分点”", "use 百分点")) if i % 3 else None,
            excerpt="百分百",
        )
        for i in range(count)
    ]
    report = Report(diagnostics, documents, files=1)
    whole = json.dumps([to_dict(d, "zh", public=True) for d in diagnostics], **_JSON) + "\n"
    parts = list(pieces(report))
    assert "".join(parts) == whole == render("json", report)
    assert len(parts) == max(1, -(-count // 256))
    assert "".join(render_pieces("json", report)) == whole


_JSON: dict[str, Any] = {"ensure_ascii": False, "indent": 2}


@pytest.mark.parametrize(
    "value",
    [
        {},
        {"a": []},
        {"a": {}, "b": [[], {}, [1, [2, {"c": None}]]]},
        {"s": '引号“"”\\ \n\t\x00\x1f\u2028\u0085\ud800 é', "t": ("x", 1)},
        {"n": [0, -1, 10**30, 1.5, -0.0, 1e300, 1e-7, float("nan"), float("inf"), -float("inf")]},
        {"b": [True, False, None], "i": True},
        {"k": {"deep": {"deeper": [{"x": "y"}]}}},
        {1: "a key that is not a string"},
        {"odd": Span(1, 2)},
    ],
)
def test_json_element_is_json_dumps_indented(value: Any) -> None:
    """An element of the array, as the fast encoder writes it, is ``json.dumps``'s text (indented
    one level), for every kind of value and character; what it does not know goes to json."""
    from factlint.reporters.json_format import _element

    try:
        expected = json.dumps(value, **_JSON).replace("\n", "\n  ")
    except TypeError:
        with pytest.raises(TypeError):
            _element(value)
        return
    assert _element(value) == expected

"""Configuration: where it is found, what each setting does, and how mistakes are reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factlint.model import Severity
from factlint.project.config import ConfigError, find_config, load_file, parse_config
from factlint.rules import REGISTRY

from tests.cli_support import DEFECTS, P101_LINE, run, write

pytestmark = pytest.mark.usefixtures("project")

# D102: the second paragraph repeats the first with edits (86 % similar)
NEAR_DUPLICATE = (
    "天津援青前方指挥部坚持在“援派教师—教研投入—资源共享”方面统筹发力，5年来累计选派160余名教师"
    "“组团式”帮扶黄南州中学等6所学校。\n\n"
    "扩大资源引入，拓展优质共享通道。天津援青干部坚持在“援派教师—教研投入—资源共享”方面统筹发力，"
    "5年来累计选派160余名教师“组团式”帮扶黄南州中学等6所学校。\n"
)


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[tuple[str, str]], str]:
    """Run ``check --format json``; return the exit code, (path, code) pairs and stderr."""
    code, out, err = run(capsys, "check", "--format", "json", *args)
    if code == 2 and out == "":
        return code, [], err
    return code, [(f["path"], f["code"]) for f in json.loads(out)], err


def codes(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    code, found, err = check(capsys, *args)
    assert code in (0, 1), err
    return [c for _, c in found]


def config_error(capsys: pytest.CaptureFixture[str], *args: str, lang: str = "zh") -> str:
    """Run a check that must fail on its configuration; return the one stderr line."""
    code, out, err = run(capsys, "check", "--format", "json", "--lang", lang, *args)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1
    prefix = "factlint: 配置错误: " if lang == "zh" else "factlint: configuration error: "
    assert lines[0].startswith(prefix)
    return lines[0]


# ---- finding the config -----------------------------------------------------------------------


def test_factlint_toml_found_walking_up_from_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", 'select = ["T"]\n')
    write("docs/2023/a.txt", DEFECTS)
    assert codes(capsys, "docs/2023/a.txt") == ["T101"]


def test_factlint_toml_found_walking_up_from_a_folder(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", 'select = ["T"]\n')
    write("docs/2023/a.txt", DEFECTS)
    assert codes(capsys, "docs/2023") == ["T101"]


def test_pyproject_tool_factlint_found_walking_up(capsys: pytest.CaptureFixture[str]) -> None:
    write("pyproject.toml", '[project]\nname = "x"\n\n[tool.factlint]\nignore = ["T101"]\n')
    write("docs/a.txt", DEFECTS)
    assert codes(capsys, "docs/a.txt") == ["P101"]


def test_pyproject_without_tool_factlint_is_passed_over(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("factlint.toml", 'select = ["T"]\n')
    write("docs/pyproject.toml", '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n')
    write("docs/a.txt", DEFECTS)
    assert codes(capsys, "docs/a.txt") == ["T101"]
    assert find_config(Path("docs/a.txt")) == Path("factlint.toml").resolve()


def test_nearest_config_wins(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", 'select = ["T"]\n')
    write("docs/pyproject.toml", '[tool.factlint]\nselect = ["P"]\n')
    write("docs/a.txt", DEFECTS)
    assert codes(capsys, "docs/a.txt") == ["P101"]


def test_factlint_toml_beats_pyproject_in_the_same_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("pyproject.toml", '[tool.factlint]\nselect = ["P"]\n')
    write("factlint.toml", 'select = ["T"]\n')
    write("a.txt", DEFECTS)
    assert codes(capsys, "a.txt") == ["T101"]


def test_factlint_toml_may_use_a_tool_factlint_table(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", '[tool.factlint]\nselect = ["T"]\n')
    write("a.txt", DEFECTS)
    assert codes(capsys, "a.txt") == ["T101"]


def test_explicit_config_option(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", 'select = ["T"]\n')
    write("conf/other.toml", 'select = ["P"]\n')
    write("a.txt", DEFECTS)
    assert codes(capsys, "--config", "conf/other.toml", "a.txt") == ["P101"]


def test_find_config_none_without_any(tmp_path: Path) -> None:
    (tmp_path / "factlint.toml").unlink()
    # nothing between tmp_path and proj; whatever lies above tmp_path is not ours to judge
    found = find_config(tmp_path / "proj")
    assert found is None or not found.is_relative_to(tmp_path)


def test_load_file_pyproject_and_factlint_toml() -> None:
    py = write("pyproject.toml", '[tool.factlint]\nselect = ["D1", "P101"]\nfail-on = "error"\n')
    config = load_file(py, list(REGISTRY))
    assert config.source == py
    assert config.select == ["D1", "P101"]
    assert config.fail_on is Severity.ERROR
    ft = write("factlint.toml", 'ignore = ["d", "half-width-punctuation"]\nlang = "en"\n')
    config = load_file(ft, list(REGISTRY))
    assert config.ignore == ["D", "P101"]
    assert config.lang == "en"


# ---- select / ignore / extend-select ----------------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ('select = ["P101"]', ["P101"]),
        ('select = ["P"]', ["P101"]),
        ('select = ["T1"]', ["T101"]),
        ('select = ["ALL"]', ["P101", "T101"]),
        ('select = ["misused-baifenbai"]', ["T101"]),
        ('select = ["D"]', []),
        ('ignore = ["P101"]', ["T101"]),
        ('ignore = ["T"]', ["P101"]),
        ('ignore = ["P", "T"]', []),
        ('select = ["T"]\nextend-select = ["P1"]', ["P101", "T101"]),
        ('select = ["P101"]\nignore = ["P101"]', []),  # a tie: ignore wins
        ('select = ["P101"]\nignore = ["P"]', ["P101"]),  # the longer selector wins
        ('select = ["P"]\nignore = ["P101"]', []),
    ],
)
def test_select_ignore_in_config(
    capsys: pytest.CaptureFixture[str], setting: str, expected: list[str]
) -> None:
    write("factlint.toml", setting + "\n")
    write("a.txt", DEFECTS)
    assert codes(capsys, "a.txt") == expected


def test_cli_select_replaces_config_select(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", 'select = ["T"]\n')
    write("a.txt", DEFECTS)
    assert codes(capsys, "--select", "P", "a.txt") == ["P101"]


def test_cli_extend_select_and_ignore_add_to_config(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", 'select = ["D"]\n')
    write("a.txt", DEFECTS)
    assert codes(capsys, "--extend-select", "P101,T101", "a.txt") == ["P101", "T101"]
    assert codes(capsys, "--extend-select", "P101,T101", "--ignore", "T101", "a.txt") == ["P101"]


# ---- per-file-ignores -------------------------------------------------------------------------


def test_per_file_ignores_by_suffix(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", '[per-file-ignores]\n"*.md" = ["P"]\n')
    write("docs/a.txt", DEFECTS)
    write("docs/b.md", DEFECTS)
    code, found, _ = check(capsys, "docs")
    assert code == 1
    assert found == [
        ("docs/a.txt", "P101"),
        ("docs/a.txt", "T101"),
        ("docs/b.md", "T101"),
    ]


def test_per_file_ignores_folder_pattern(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", '[per-file-ignores]\n"legacy/" = ["ALL"]\n"*.txt" = ["T101"]\n')
    write("docs/a.txt", DEFECTS)
    write("docs/legacy/b.txt", DEFECTS)
    code, found, _ = check(capsys, "docs")
    assert code == 1
    assert found == [("docs/a.txt", "P101")]


def test_per_file_ignores_anchored_pattern_from_the_given_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("factlint.toml", '[per-file-ignores]\n"docs/sub/*.md" = ["P"]\n')
    write("docs/sub/a.md", DEFECTS)
    write("docs/b.md", DEFECTS)
    code, found, _ = check(capsys, "docs")
    assert code == 1
    assert found == [("docs/b.md", "P101"), ("docs/b.md", "T101"), ("docs/sub/a.md", "T101")]


@pytest.mark.parametrize("given", [".", "ABSOLUTE"])
def test_per_file_ignores_anchored_pattern_relative_to_config(
    capsys: pytest.CaptureFixture[str], project: Path, given: str
) -> None:
    write("factlint.toml", '[per-file-ignores]\n"docs/sub/*.md" = ["P"]\n')
    write("docs/sub/a.md", DEFECTS)
    target = str(project) if given == "ABSOLUTE" else given
    code, found, _ = check(capsys, target)
    assert code == 1
    assert sorted(c for p, c in found if p.endswith("docs/sub/a.md")) == ["T101"]


# ---- severity overrides and fail-on -----------------------------------------------------------


def test_severity_override_by_code_and_name(capsys: pytest.CaptureFixture[str]) -> None:
    write(
        "factlint.toml",
        '[severity]\nP101 = "error"\nmisused-baifenbai = "info"\n',
    )
    write("a.txt", DEFECTS)
    code, out, _ = run(capsys, "check", "--format", "json", "a.txt")
    assert code == 1
    assert [(f["code"], f["severity"]) for f in json.loads(out)] == [
        ("P101", "error"),
        ("T101", "info"),
    ]


def test_severity_override_changes_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", '[severity]\nP101 = "INFO"\n')
    write("a.txt", f"{P101_LINE}\n")
    assert run(capsys, "check", "a.txt")[0] == 0
    assert run(capsys, "check", "--fail-on", "info", "a.txt")[0] == 1


def test_fail_on_from_config_and_cli_override(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", 'fail-on = "error"\n')
    write("a.txt", f"{P101_LINE}\n")
    assert run(capsys, "check", "a.txt")[0] == 0
    assert run(capsys, "check", "--fail-on", "warning", "a.txt")[0] == 1


def test_lang_from_config(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", 'lang = "en"\n')
    write("a.txt", f"{P101_LINE}\n")
    code, out, _ = run(capsys, "check", "--format", "concise", "a.txt")
    assert code == 1
    assert out.endswith(" half-width “,” in Chinese text; use the full-width “，”\n")
    code, out, _ = run(capsys, "check", "--format", "concise", "--lang", "zh", "a.txt")
    assert out.endswith(" 中文中使用了半角逗号“,”，应为全角“，”\n")


# ---- rule options -----------------------------------------------------------------------------


def test_rule_option_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", NEAR_DUPLICATE)
    assert codes(capsys, "a.txt") == ["D102"]  # 86 % >= default 0.85
    write("factlint.toml", "[rules.D102]\nthreshold = 0.9\n")
    assert codes(capsys, "a.txt") == []
    write("factlint.toml", "[rules.near-duplicate-paragraph]\nthreshold = 0.8\n")
    assert codes(capsys, "a.txt") == ["D102"]
    write("factlint.toml", "[rules.d102]\nthreshold = 1\n")  # an int is a valid float
    assert codes(capsys, "a.txt") == []


def test_rule_options_parsed_into_options_type() -> None:
    config = parse_config({"rules": {"D102": {"threshold": 0.75}}}, None, list(REGISTRY))
    assert type(config.options["D102"]).__name__ == "Options"
    assert config.options["D102"].threshold == 0.75


# ---- mistakes in the config -------------------------------------------------------------------


def test_unknown_code_in_select_names_closest(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", 'select = ["D1O1"]\n')
    write("a.txt", DEFECTS)
    line = config_error(capsys, "a.txt")
    assert "“D1O1”" in line
    assert line.endswith("是否想写“D101”？")
    line = config_error(capsys, "a.txt", lang="en")
    assert line.endswith("unknown rule code or prefix “D1O1”; did you mean “D101”?")


@pytest.mark.parametrize("key", ["ignore", "extend-select"])
def test_unknown_code_in_ignore_and_extend_select(
    capsys: pytest.CaptureFixture[str], key: str
) -> None:
    write("factlint.toml", f'{key} = ["T1O1"]\n')
    write("a.txt", DEFECTS)
    assert config_error(capsys, "a.txt").endswith("是否想写“T101”？")


def test_unknown_code_in_per_file_ignores(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", '[per-file-ignores]\n"*.md" = ["P1O1"]\n')
    write("a.txt", DEFECTS)
    assert config_error(capsys, "a.txt").endswith("是否想写“P101”？")


def test_unknown_code_in_severity(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", '[severity]\nP1O1 = "error"\n')
    write("a.txt", DEFECTS)
    line = config_error(capsys, "a.txt")
    assert "“P1O1”" in line
    assert line.endswith("是否想写“P101”？")


def test_unknown_rule_name_names_closest(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", "[rules.near-duplicate-paragraf]\nthreshold = 0.7\n")
    write("a.txt", DEFECTS)
    line = config_error(capsys, "a.txt", lang="en")
    assert line.endswith("did you mean “near-duplicate-paragraph”?")


def test_unknown_option_names_closest(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", "[rules.D102]\ntreshold = 0.7\n")
    write("a.txt", DEFECTS)
    line = config_error(capsys, "a.txt")
    assert "D102" in line
    assert "“treshold”" in line
    assert line.endswith("是否想写“threshold”？")
    line = config_error(capsys, "a.txt", lang="en")
    assert line.endswith("rule D102 has no option “treshold”; did you mean “threshold”?")


def test_option_for_rule_without_options(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", "[rules.P101]\nthreshold = 0.7\n")
    write("a.txt", DEFECTS)
    line = config_error(capsys, "a.txt", lang="en")
    assert line.endswith("rule P101 has no option “threshold” (the rule has no options)")


def test_unknown_setting_names_closest(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    write("factlint.toml", 'selct = ["P"]\n')
    write("a.txt", DEFECTS)
    line = config_error(capsys, "a.txt")
    assert str(project / "factlint.toml") in line
    assert line.endswith("未知配置项“selct”，是否想写“select”？")


@pytest.mark.parametrize(
    ("setting", "zh", "en"),
    [
        ('select = "D"', 'select 应为字符串列表，而不是字符串（请写成 ["D"]）', "select must be"),
        ('ignore = "D, P101"', '（请写成 ["D", "P101"]）', '(write ["D", "P101"])'),
        ('extend-select = "T"', "extend-select 应为字符串列表", "extend-select must be"),
        ('exclude = "x"', "exclude 应为字符串列表", "exclude must be a list of strings, not a"),
        ('[per-file-ignores]\n"*.md" = "P101"', "per-file-ignores.“*.md” 应为", "not a string"),
        (
            "select = 5",
            "select 应为字符串列表，而不是 int",
            "select must be a list of strings, not",
        ),
        ("ignore = [3]", "ignore：3 不是字符串", "ignore: 3 is not a string"),
    ],
)
def test_list_settings_reject_anything_but_a_list_of_strings(
    capsys: pytest.CaptureFixture[str], project: Path, setting: str, zh: str, en: str
) -> None:
    write("factlint.toml", setting + "\n")
    write("a.txt", DEFECTS)
    line = config_error(capsys, "a.txt")
    assert line.startswith(f"factlint: 配置错误: {project / 'factlint.toml'}：")
    assert zh in line
    assert en in config_error(capsys, "a.txt", lang="en")


@pytest.mark.parametrize(
    ("setting", "zh", "en"),
    [
        ('select = ["Z999"]', "select：未知规则代码或前缀“Z999”", "select: unknown rule code"),
        ('fail-on = "never"', "fail-on：严重级别“never”无效", "fail-on: invalid severity “never”"),
        ('[severity]\nZ999 = "error"', "severity：未知规则“Z999”", "severity: unknown rule"),
        ('[severity]\nP101 = "fatal"', "severity.P101：严重级别“fatal”无效", "invalid severity"),
        ("[rules.Z999]\nx = 1", "rules：未知规则“Z999”", "rules: unknown rule “Z999”"),
        ('lang = "fr"', "lang 应为 zh 或 en", "lang must be zh or en"),
        ("[per-file-ignores]\n'*.md' = ['Z9']", "per-file-ignores.“*.md”：未知规则代码", "Z9"),
        ("[rules.D102]\nthreshold = 0.3", "rules.D102：", "threshold"),
    ],
)
def test_every_config_error_names_the_file(
    capsys: pytest.CaptureFixture[str], project: Path, setting: str, zh: str, en: str
) -> None:
    write("factlint.toml", setting + "\n")
    write("a.txt", DEFECTS)
    line = config_error(capsys, "a.txt")
    assert line.startswith(f"factlint: 配置错误: {project / 'factlint.toml'}：{zh}")
    line = config_error(capsys, "a.txt", lang="en")
    assert line.startswith(f"factlint: configuration error: {project / 'factlint.toml'}: ")
    assert en in line


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("selct", "select"),
        ("per-file-ignore", "per-file-ignores"),
        ("exlude", "exclude"),
        ("failon", "fail-on"),
        ("foo", None),
        ("include", None),
        ("language", None),
    ],
)
def test_only_plausible_typos_get_a_hint(
    capsys: pytest.CaptureFixture[str], key: str, hint: str | None
) -> None:
    write("factlint.toml", f"{key} = []\n")
    write("a.txt", DEFECTS)
    line = config_error(capsys, "a.txt")
    if hint is None:
        assert line.endswith(f"未知配置项“{key}”")
    else:
        assert line.endswith(f"未知配置项“{key}”，是否想写“{hint}”？")


@pytest.mark.parametrize(
    ("setting", "fragment"),
    [
        ("[rules.D102]\nthreshold = 0.3\n", "threshold"),
        ('[rules.D102]\nthreshold = "high"\n', "float"),
        ('[severity]\nP101 = "fatal"\n', "fatal"),
        ('fail-on = "never"\n', "never"),
        ('lang = "fr"\n', "lang"),
        ("select = 3\n", "select"),
        ('per-file-ignores = ["*.md"]\n', "per-file-ignores"),
        ("select = [\n", "TOML"),
    ],
)
def test_invalid_values_are_config_errors(
    capsys: pytest.CaptureFixture[str], setting: str, fragment: str
) -> None:
    write("factlint.toml", setting)
    write("a.txt", DEFECTS)
    assert fragment in config_error(capsys, "a.txt", lang="en")


def test_cli_unknown_select_names_closest(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", DEFECTS)
    code, _, err = run(capsys, "check", "--select", "P1O1", "a.txt")
    assert code == 2
    assert err.startswith("factlint: 用法错误: ")  # the command line, not the configuration
    assert err.rstrip("\n").endswith("是否想写“P101”？")


def test_missing_explicit_config_file(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", DEFECTS)
    assert "missing.toml" in config_error(capsys, "--config", "missing.toml", "a.txt")


def test_parse_config_raises_config_error_with_both_languages() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config({"rules": {"D102": {"treshold": 0.7}}}, None, list(REGISTRY))
    assert "threshold" in info.value.message.zh
    assert "threshold" in info.value.message.en


def test_a_wrong_option_type_shows_the_value(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", '[rules.D102]\nthreshold = "0.8"\n')
    write("a.txt", DEFECTS)
    message = config_error(capsys, "a.txt")
    assert message.endswith('threshold 的值类型应为 float，而不是 "0.8"'), message
    assert 'must be of type float, not "0.8"' in config_error(capsys, "a.txt", lang="en")


def test_a_toml_syntax_error_is_in_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    write("factlint.toml", 'select = ["P101"]\nlang "en"\n')
    write("a.txt", DEFECTS)
    message = config_error(capsys, "a.txt")
    assert message.endswith("不是有效的TOML：第2行第6列：键后应有“=”"), message
    assert "Expected '='" in config_error(capsys, "a.txt", lang="en")

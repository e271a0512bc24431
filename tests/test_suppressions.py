"""Inline suppressions in Markdown and X100 unused-suppression, through the engine and the CLI.
(The rule's own fixture cases are in fixtures/rules/X100.yaml.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factlint.engine.core import Engine
from factlint.inputs.reading import document_for
from factlint.project.config import Config
from factlint.rules import BY_CODE, REGISTRY
from factlint.text.fixes import apply_fixes

from tests.cli_support import P101_LINE, T101_LINE, run, write

DUP = "深化互动融合，凝聚文化认同合力。天津援青前方指挥部持续深化津青文化交流、促进互融互鉴。"


def check(text: str, path: str = "a.md", config: Config | None = None) -> list[tuple[int, str]]:
    doc = document_for(path, text)
    found = Engine(list(REGISTRY), config or Config()).check([doc])
    return [(d.location.line, d.code) for d in found]


def test_without_directives_the_defects_are_reported() -> None:
    assert check(f"{P101_LINE}\n\n{T101_LINE}\n") == [(1, "P101"), (3, "T101")]


def test_next_line_skips_blank_lines_and_covers_one_line_only() -> None:
    text = f"<!-- factlint-disable-next-line P101 -->\n\n{P101_LINE}\n{P101_LINE}\n"
    assert check(text) == [(4, "P101")]


def test_next_line_at_end_of_file_suppresses_nothing() -> None:
    assert check(f"{P101_LINE}\n<!-- factlint-disable-next-line P101 -->\n") == [
        (1, "P101"),
        (2, "X100"),
    ]


def test_region_ends_at_enable_naming_the_same_code() -> None:
    text = (
        f"<!-- factlint-disable P101 T101 -->\n{P101_LINE}\n\n{T101_LINE}\n"
        f"<!-- factlint-enable P101 -->\n{P101_LINE}\n\n{T101_LINE}\n"
    )
    assert check(text) == [(6, "P101")]  # T101 stays disabled to the end of the file


def test_codes_prefixes_names_and_all() -> None:
    for codes in ("P101", "P", "half-width-punctuation", "p101", "", "ALL"):
        text = f"<!-- factlint-disable {codes} -->\n{P101_LINE}\n<!-- factlint-enable {codes} -->\n"
        assert check(text) == [], codes


def test_nested_regions() -> None:
    text = (
        "<!-- factlint-disable P -->\n<!-- factlint-disable P101 -->\n"
        f"{P101_LINE}\n<!-- factlint-enable P101 -->\n{P101_LINE}\n<!-- factlint-enable P -->\n"
        f"{P101_LINE}\n"
    )
    # the outer P region suppresses line 5; the inner P101 region suppresses line 3 (both count)
    assert check(text) == [(7, "P101")]


def test_enable_without_codes_ends_every_region() -> None:
    text = (
        f"<!-- factlint-disable P101 -->\n<!-- factlint-disable T101 -->\n{P101_LINE}\n\n"
        f"{T101_LINE}\n<!-- factlint-enable -->\n{P101_LINE}\n\n{T101_LINE}\n"
    )
    assert check(text) == [(7, "P101"), (9, "T101")]


def test_plain_text_has_no_comment_syntax() -> None:
    text = f"<!-- factlint-disable-next-line P101 -->\n{P101_LINE}\n"
    assert (2, "P101") in check(text, path="a.txt")


def test_directive_lines_are_markup_not_paragraphs() -> None:
    # a comment line is neither a truncated paragraph (S101) nor a duplicate (D101)
    text = f"<!-- factlint-disable T101 -->\n{T101_LINE}\n<!-- factlint-enable T101 -->\n" * 2
    assert check(text) == []


def test_unused_and_unknown_codes_reported_with_fix() -> None:
    text = f"{DUP}\n\n<!-- factlint-disable-next-line D101, P102 D1O1 -->\n{DUP}\n"
    doc = document_for("a.md", text)
    [d] = Engine(list(REGISTRY)).check([doc])
    assert d.code == "X100" and d.severity.value == "warning"
    assert d.message.zh == (
        "未知规则代码或前缀“D1O1”，是否想写“D101”？；"
        "抑制注释“factlint-disable-next-line D101 P102 D1O1”中的“P102”没有抑制任何诊断"
    )
    assert d.fix is not None and d.fix.safe
    fixed = apply_fixes(text, [(d.span, d.fix)])
    assert fixed == f"{DUP}\n\n<!-- factlint-disable-next-line D101 -->\n{DUP}\n"
    assert check(fixed) == []


def test_codes_of_rules_that_did_not_run_are_not_judged() -> None:
    text = f"<!-- factlint-disable-next-line P101 -->\n{P101_LINE}\n"
    # only D rules and X100 ran: the P101 code cannot be judged, and is not reported
    rules = [r for r in REGISTRY if r.code.startswith(("D", "X"))]
    assert Engine(rules, registry=REGISTRY).check([document_for("a.md", text)]) == []
    config = Config(per_file_ignores={"*.md": ["P101"]})
    assert check(text, config=config) == []


def test_x100_silenced_by_naming_it_but_not_by_disable_all() -> None:
    unused = "<!-- factlint-disable-next-line T101 -->\n本段没有问题。\n"
    assert check("<!-- factlint-disable X100 -->\n" + unused) == []
    assert check("<!-- factlint-disable -->\n" + unused) == [(1, "X100"), (2, "X100")]


def test_x100_off_with_ignore_or_per_file_ignores() -> None:
    text = "<!-- factlint-disable-next-line T101 -->\n本段没有问题。\n"
    assert check(text) == [(1, "X100")]
    doc = document_for("a.md", text)
    assert Engine([r for r in REGISTRY if r.code != "X100"], registry=REGISTRY).check([doc]) == []
    assert check(text, config=Config(per_file_ignores={"*.md": ["X"]})) == []


def test_cli_select_ignore_and_english(capsys: pytest.CaptureFixture[str], project: Path) -> None:
    write("a.md", "<!-- factlint-disable-next-line T101 -->\n本段没有问题。\n")
    code, out, _ = run(capsys, "check", "a.md", "--format", "json", "--lang", "en")
    assert code == 1
    [finding] = json.loads(out)
    assert (finding["code"], finding["rule"], finding["line"]) == ("X100", "unused-suppression", 1)
    assert finding["message"] == (
        "suppression comment “factlint-disable-next-line T101” suppresses nothing"
    )
    assert finding["fix"] == {
        "replacement": "",
        "message": "delete the comment",
        "applicability": "safe",
    }
    assert run(capsys, "check", "a.md", "--ignore", "X100")[0] == 0
    assert run(capsys, "check", "a.md", "--ignore", "unused-suppression")[0] == 0
    assert run(capsys, "check", "a.md", "--select", "T")[0] == 0


def test_x100_is_a_documented_rule_of_family_x() -> None:
    rule = BY_CODE["X100"]
    assert rule.meta.family == "X" and rule.meta.scope == "suppressions" and rule.meta.fixable

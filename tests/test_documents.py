"""Whole reports: the seed documents checked together against their golden JSON output, and the
defects DESIGN.md lists for them, each at its line and by a rule of the right family."""

from __future__ import annotations

import json
import os
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from factlint.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "fixtures" / "documents"
SEED_000 = "fixtures/documents/000_8afbd95b8d5e6e23.txt"
SEED_001 = "fixtures/documents/001_005d632f3578d643.txt"
GOLDEN = DOCS / "seeds.expected.json"


@pytest.fixture(scope="module")
def seeds_json() -> list[dict[str, Any]]:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        out = StringIO()
        with redirect_stdout(out):
            code = main(["check", "--format", "json", SEED_000, SEED_001])
    finally:
        os.chdir(cwd)
    assert code == 1
    data: list[dict[str, Any]] = json.loads(out.getvalue())
    return data


def test_seeds_match_golden_output(seeds_json: list[dict[str, Any]]) -> None:
    if os.environ.get("FACTLINT_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(seeds_json, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert seeds_json == json.loads(GOLDEN.read_text(encoding="utf-8"))


def _at(data: list[dict[str, Any]], path: str, code: str) -> list[tuple[int, int]]:
    return [(d["line"], d["column"]) for d in data if d["path"] == path and d["code"] == code]


def test_seed_000_defects(seeds_json: list[dict[str, Any]]) -> None:
    assert _at(seeds_json, SEED_000, "D101") == [(65, 1)]  # “深化互动融合” pasted twice
    d101 = next(d for d in seeds_json if d["code"] == "D101")
    assert [(r["line"], r["column"]) for r in d101["related"]] == [(45, 1)]
    assert _at(seeds_json, SEED_000, "D102") == [(63, 1)]  # the education paragraph, edited
    d102 = next(d for d in seeds_json if d["code"] == "D102")
    assert [(r["line"], r["column"]) for r in d102["related"]] == [(43, 1)]
    assert _at(seeds_json, SEED_000, "T101") == [(61, 152)]  # 30余个百分百
    assert _at(seeds_json, SEED_000, "S101") == [(41, 29)]  # …创新开展


def test_seed_001_structure_defects(seeds_json: list[dict[str, Any]]) -> None:
    text = (ROOT / SEED_001).read_text(encoding="utf-8").split("\n")
    s101 = _at(seeds_json, SEED_001, "S101")
    assert [text[line - 1].rstrip()[-6:] for line, _ in s101] == [
        "和黄南州一市",
        "32个,协议",
    ]
    s102 = [line for line, _ in _at(seeds_json, SEED_001, "S102")]
    ends = ["招商专班,与", '5届"青洽会",', "当地群众行路难"]
    assert len(s102) == len(ends)
    assert all(text[line - 1].rstrip().endswith(end) for line, end in zip(s102, ends, strict=True))


def test_seed_001_punctuation_on_every_defective_paragraph(
    seeds_json: list[dict[str, Any]],
) -> None:
    text = (ROOT / SEED_001).read_text(encoding="utf-8").split("\n")
    p_lines = {d["line"] for d in seeds_json if d["path"] == SEED_001 and d["code"][0] == "P"}
    half_width = {n for n, line in enumerate(text, 1) if any(ch in line for ch in ',;"()')}
    assert half_width <= p_lines


def test_no_finding_on_headings_or_the_wrapped_opening(seeds_json: list[dict[str, Any]]) -> None:
    lines_000 = {d["line"] for d in seeds_json if d["path"] == SEED_000}
    # the wrapped poem-like opening and its heading; C104 rightly reports its 黄南州 (line 16: the
    # document names 黄南藏族自治州 in its byline)
    opening = {d["line"] for d in seeds_json if d["path"] == SEED_000 and d["code"] != "C104"}
    assert not opening & set(range(1, 30))
    text = (ROOT / SEED_000).read_text(encoding="utf-8").split("\n")
    headings = {n for n, line in enumerate(text, 1) if 0 < len(line.strip()) <= 16}
    assert not lines_000 & headings


def test_seed_001_numeral_styles(seeds_json: list[dict[str, Any]]) -> None:
    n120 = [d for d in seeds_json if d["code"] == "N120"]
    assert [(d["path"], d["line"], d["column"]) for d in n120] == [(SEED_001, 61, 153)]
    assert n120[0]["message"] == "同一句中“6所”用阿拉伯数字，“四所”用汉字，同类计数应统一"


def test_seeds_together_report_the_procedure_classifier_conflict(
    seeds_json: list[dict[str, Any]],
) -> None:
    u101 = [d for d in seeds_json if d["code"] == "U101"]
    assert [(d["path"], d["line"]) for d in u101] == [(SEED_001, 75)]
    assert [(r["path"], r["line"]) for r in u101[0]["related"]] == [(SEED_000, 81)]


def test_seed_000_students_counted_in_households(seeds_json: list[dict[str, Any]]) -> None:
    u102 = [(d["path"], d["line"], d["column"]) for d in seeds_json if d["code"] == "U102"]
    assert u102 == [(SEED_000, 35, 256)]


def _flagged(seeds_json: list[dict[str, Any]], path: str, code: str) -> list[str]:
    """The flagged text of every finding of one code in one seed, read back from the file."""
    lines = (ROOT / path).read_text(encoding="utf-8").split("\n")
    return [
        lines[d["line"] - 1][d["column"] - 1 : d["end_column"] - 1]
        for d in seeds_json
        if d["path"] == path and d["code"] == code and d["line"] == d["end_line"]
    ]


def test_seed_000_approximation_in_digits(seeds_json: list[dict[str, Any]]) -> None:
    # “数10万人次”, once in the paragraph and once in its pasted copy
    assert _at(seeds_json, SEED_000, "N101") == [(45, 156), (65, 156)]
    assert _flagged(seeds_json, SEED_000, "N101") == ["数10", "数10"]


def test_seed_lists_that_match_their_counts_stay_silent(seeds_json: list[dict[str, Any]]) -> None:
    assert [d for d in seeds_json if d["code"] == "N110"] == []


def test_seeds_together_report_the_county_named_two_ways(seeds_json: list[dict[str, Any]]) -> None:
    c101 = [d for d in seeds_json if d["code"] == "C101"]
    assert [(d["path"], d["line"], d["column"]) for d in c101] == [(SEED_001, 51, 120)]
    assert _flagged(seeds_json, SEED_001, "C101") == ["河南县"]
    assert [(r["path"], r["line"]) for r in c101[0]["related"]] == [(SEED_000, 35)]


def test_seed_001_confusable_characters(seeds_json: list[dict[str, Any]]) -> None:
    flagged = _flagged(seeds_json, SEED_001, "T102")
    # 探密神韵黄南 (000 writes 探秘), 3个洲级劳务品牌, 足球接青 (援青 everywhere else), 介人治疗
    assert flagged == ["探密", "洲级", "接青", "介人"]


MARKDOWN = "fixtures/documents/2024h1_support_report.md"
MARKDOWN_GOLDEN = DOCS / "2024h1_support_report.expected.json"


def test_markdown_report_matches_golden_output() -> None:
    """A Markdown report with headings, a list, a table, a URL, a code span and suppression
    comments: the count claim, the half-width comma, 百分百 after an amount, 数10万 and the unused
    suppression are reported; the suppressed truncated line, the table and the URL are not."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        out = StringIO()
        with redirect_stdout(out):
            code = main(["check", "--no-cache", "--format", "json", MARKDOWN])
    finally:
        os.chdir(cwd)
    assert code == 1
    data = json.loads(out.getvalue())
    if os.environ.get("FACTLINT_UPDATE_GOLDEN"):
        MARKDOWN_GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert data == json.loads(MARKDOWN_GOLDEN.read_text(encoding="utf-8"))
    assert [d["code"] for d in data] == ["N110", "N101", "P101", "T101", "X100"]


# ---- facts that disagree (issue 12): three reports of one run, with planted defects and traps ----

FACTS = sorted((DOCS / "facts").glob("*.txt"))
FACTS_GOLDEN = DOCS / "facts.expected.json"
#: (file, line, code) of every defect planted in the three reports; everything else in them is a
#: trap that must stay silent: the same metric of another year (2022年…140名), a target beside its
#: result (力争…200名, 增长6%左右, 1800人以上), approximations that agree (1000余人次 / 1023人次), a
#: figure repeated with the same value (城镇新增就业1850人 in the bulletin and the work report)
PLANTED = {
    ("2023_support_summary.txt", 5, "N110"),  # “一市三县” followed by five names
    ("2023_support_summary.txt", 9, "C103"),  # 162名 in the summary, 126名 in the detail
    ("2023_support_summary.txt", 9, "C104"),  # 河南县 beside 河南蒙古族自治县
    ("2023_support_summary.txt", 11, "C103"),  # 3.6亿元 and 3600万元 for one project
    ("2023_support_summary.txt", 11, "N120"),  # 2个…、二个…
    ("2023_support_summary.txt", 15, "N137"),  # 9月31日
    ("2023_bulletin.txt", 5, "N135"),  # 18.5∶30.2∶52.3
    ("2023_bulletin.txt", 7, "N132"),  # 12.1万 + 16.5万 > 27.6万
    ("2023_bulletin.txt", 7, "N130"),  # 42.3% → 43.8% is 1.5 points, not 1.8
    ("2023_bulletin.txt", 11, "N134"),  # 8.5亿 → 9.2亿 is 8.2%, not 12.4%
    ("2024_work_report.txt", 5, "C103"),  # 6.8% against the bulletin's 8.6%
    ("2024_work_report.txt", 7, "D104"),  # a paragraph of the summary pasted
}


@pytest.fixture(scope="module")
def facts_json() -> list[dict[str, Any]]:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        out = StringIO()
        with redirect_stdout(out):
            code = main(
                [
                    "check",
                    "--no-cache",
                    "--format",
                    "json",
                    *(str(p.relative_to(ROOT)) for p in FACTS),
                ]
            )
    finally:
        os.chdir(cwd)
    assert code == 1
    data: list[dict[str, Any]] = json.loads(out.getvalue())
    return data


def test_facts_reports_match_golden_output(facts_json: list[dict[str, Any]]) -> None:
    if os.environ.get("FACTLINT_UPDATE_GOLDEN"):
        FACTS_GOLDEN.write_text(
            json.dumps(facts_json, ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
    assert facts_json == json.loads(FACTS_GOLDEN.read_text(encoding="utf-8"))


def test_facts_reports_find_every_planted_defect_and_nothing_else(
    facts_json: list[dict[str, Any]],
) -> None:
    found = {(Path(d["path"]).name, d["line"], d["code"]) for d in facts_json}
    assert found == PLANTED


def test_facts_reports_name_the_other_place(facts_json: list[dict[str, Any]]) -> None:
    c103 = [d for d in facts_json if d["code"] == "C103"]
    assert all(d["related"] for d in c103)
    across = next(d for d in c103 if d["path"].endswith("2024_work_report.txt"))
    assert across["related"][0]["path"].endswith("2023_bulletin.txt")
    d104 = next(d for d in facts_json if d["code"] == "D104")
    assert d104["related"][0]["path"].endswith("2023_support_summary.txt")

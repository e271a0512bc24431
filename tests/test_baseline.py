"""The baseline: --write-baseline records today's findings, --baseline reports only new ones, and a
finding stays known when unrelated edits move every line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli_support import P101_LINE, T101_LINE, run, write
from tests.conftest import SEEDS

pytestmark = pytest.mark.usefixtures("project")

SEED_000 = "000_8afbd95b8d5e6e23.txt"
SEED_001 = "001_005d632f3578d643.txt"


def copy_seeds() -> list[str]:
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert names == [SEED_000, SEED_001]
    for name in names:
        shutil.copy(SEEDS / name, name)
    return names


def findings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]]]:
    code, out, _ = run(capsys, "check", "--format", "json", *args)
    return code, json.loads(out)


def insert_paragraph(path: str, paragraph: str, before_line: int) -> None:
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    lines[before_line - 1 : before_line - 1] = [paragraph, ""]
    Path(path).write_text("\n".join(lines), encoding="utf-8")


def test_baseline_on_the_seeds_then_nothing_is_new(capsys: pytest.CaptureFixture[str]) -> None:
    seeds = copy_seeds()
    code, before = findings(capsys, *seeds)
    assert code == 1 and before
    code, _, err = run(capsys, "check", "--write-baseline", "baseline.json", *seeds)
    assert code == 0
    assert f"{len(before)}个问题" in err
    assert findings(capsys, "--baseline", "baseline.json", *seeds) == (0, [])


def test_the_same_files_named_another_way_are_known(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("docs").mkdir()
    for name in copy_seeds():
        shutil.move(name, Path("docs") / name)
    assert run(capsys, "check", "--write-baseline", "baseline.json", "docs")[0] == 0
    assert findings(capsys, "--baseline", "baseline.json", "./docs") == (0, [])
    assert findings(capsys, "--baseline", "baseline.json", str(Path("docs").resolve())) == (0, [])
    monkeypatch.chdir("docs")
    assert findings(capsys, "--baseline", "../baseline.json", ".") == (0, [])
    paths = {f["path"] for f in json.loads(Path("../baseline.json").read_text("utf-8"))["findings"]}
    assert paths == {f"docs/{SEED_000}", f"docs/{SEED_001}"}  # relative to the baseline's folder


def test_file_format_is_sorted_stable_json(capsys: pytest.CaptureFixture[str]) -> None:
    seeds = copy_seeds()
    args = ("check", "--write-baseline", "baseline.json", *seeds)
    assert run(capsys, *args)[0] == 0
    first = Path("baseline.json").read_bytes()
    assert run(capsys, *args)[0] == 0
    assert Path("baseline.json").read_bytes() == first  # stable
    text = first.decode("utf-8")
    assert text.endswith("}\n") and "\\u" not in text  # UTF-8, not escaped
    data = json.loads(text)
    assert data["version"] == 1 and data["tool"] == "factlint"
    rows = data["findings"]
    assert rows == sorted(rows, key=lambda r: (r["path"], r["line"], r["code"], r["fingerprint"]))
    assert all(set(r) == {"path", "code", "fingerprint", "line", "message"} for r in rows)
    assert {r["path"] for r in rows} == set(seeds)


def test_a_new_duplicate_near_the_top_is_the_only_new_finding(
    capsys: pytest.CaptureFixture[str],
) -> None:
    seeds = copy_seeds()
    assert run(capsys, "check", "--write-baseline", "baseline.json", *seeds)[0] == 0
    lines = Path(SEED_000).read_text(encoding="utf-8").split("\n")
    # a clean paragraph of the seed, copied above the first body paragraph: every line moves
    clean = next(line for line in lines[26:] if line.startswith("天津援青前方指挥部始终"))
    insert_paragraph(SEED_000, clean, before_line=23)
    code, new = findings(capsys, "--baseline", "baseline.json", *seeds)
    assert code == 1
    assert [(f["path"], f["code"]) for f in new] == [(SEED_000, "D101")]
    # the later copy is the duplicate: the seed's own paragraph, now two lines further down
    assert new[0]["line"] == lines.index(clean) + 1 + 2


def test_a_third_copy_of_a_duplicated_paragraph_adds_one_d101(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the seed repeats one paragraph; a copy above both makes the old first copy a duplicate
    # too: one new D101, and the D101 already known does not reappear
    seeds = copy_seeds()
    assert run(capsys, "check", "--select", "D", "--write-baseline", "b.json", *seeds)[0] == 0
    text = Path(SEED_000).read_text(encoding="utf-8")
    lines = text.split("\n")
    repeated = next(line for line in lines if len(line) > 100 and text.count(line) == 2)
    insert_paragraph(SEED_000, repeated, before_line=23)
    _, all_d = findings(capsys, "--select", "D", *seeds)
    assert [f["code"] for f in all_d].count("D101") == 2
    code, new = findings(capsys, "--select", "D", "--baseline", "b.json", *seeds)
    assert code == 1
    assert [(f["path"], f["code"]) for f in new] == [(SEED_000, "D101")]


def test_identical_findings_are_a_multiset(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", f"{P101_LINE}\n")
    assert run(capsys, "check", "--write-baseline", "b.json", "a.txt")[0] == 0
    write("a.txt", f"{P101_LINE}\n\n{T101_LINE}\n\n{P101_LINE}\n")
    code, new = findings(capsys, "--baseline", "b.json", "a.txt")
    assert code == 1
    assert [(f["code"], f["line"]) for f in new] == [("T101", 3), ("P101", 5)]


def test_a_finding_in_another_file_is_new(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", f"{P101_LINE}\n")
    assert run(capsys, "check", "--write-baseline", "b.json", "a.txt")[0] == 0
    write("b.txt", f"{P101_LINE}\n")
    code, new = findings(capsys, "--baseline", "b.json", "a.txt", "b.txt")
    assert code == 1
    assert [f["path"] for f in new] == ["b.txt"]


def test_write_baseline_respects_selection(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", f"{P101_LINE}\n\n{T101_LINE}\n")
    assert run(capsys, "check", "--select", "T", "--write-baseline", "b.json", "a.txt")[0] == 0
    rows = json.loads(Path("b.json").read_text(encoding="utf-8"))["findings"]
    assert [r["code"] for r in rows] == ["T101"]
    code, new = findings(capsys, "--baseline", "b.json", "a.txt")
    assert code == 1
    assert [f["code"] for f in new] == ["P101"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "无法读取基线文件"),
        ("{not json", "不是有效的JSON"),
        ('{"version": 2, "tool": "factlint", "findings": []}', "不是 factlint 第1版基线文件"),
        ('{"version": 1, "tool": "factlint", "findings": [{"path": 1}]}', "第1版基线文件"),
        ("[]", "不是 factlint 第1版基线文件"),
    ],
)
def test_missing_or_corrupt_baseline_exits_2(
    capsys: pytest.CaptureFixture[str], content: str | None, expected: str
) -> None:
    write("a.txt", f"{P101_LINE}\n")
    if content is not None:
        write("b.json", content)
    code, out, err = run(capsys, "check", "--baseline", "b.json", "a.txt")
    assert code == 2 and out == ""
    assert err.startswith("factlint: 基线错误: ") and expected in err


def test_baseline_options_are_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", f"{P101_LINE}\n")
    code, _, err = run(capsys, "check", "--baseline", "b.json", "--write-baseline", "c.json")
    assert code == 2 and "不能与参数 --baseline 同用" in err


def test_unwritable_baseline_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", f"{P101_LINE}\n")
    code, _, err = run(capsys, "check", "--write-baseline", "no/such/dir/b.json", "a.txt")
    assert code == 2 and "无法写入基线文件" in err


def test_a_renamed_or_moved_file_keeps_its_known_findings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("docs").mkdir()
    for name in copy_seeds():
        shutil.move(name, Path("docs") / name)
    assert run(capsys, "check", "--write-baseline", "baseline.json", "docs")[0] == 0
    Path("docs/2025").mkdir()
    shutil.move(Path("docs") / SEED_000, Path("docs/2025") / SEED_000)  # git mv docs/a docs/2025/
    shutil.move(Path("docs") / SEED_001, Path("docs/2025") / "renamed.txt")  # and renamed
    assert findings(capsys, "--baseline", "baseline.json", "docs") == (0, [])


def test_a_moved_file_does_not_hide_findings_of_a_file_still_there(
    capsys: pytest.CaptureFixture[str],
) -> None:
    seeds = copy_seeds()
    assert run(capsys, "check", "--write-baseline", "baseline.json", SEED_000)[0] == 0
    shutil.copy(SEED_000, "copy.txt")  # the recorded file is still there: the copy's are new
    code, new = findings(capsys, "--baseline", "baseline.json", SEED_000, "copy.txt")
    assert code == 1 and new and all(f["path"] == "copy.txt" for f in new)
    del seeds

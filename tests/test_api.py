"""The library API (``factlint.check``, ``check_text``, ``fix_text``) gives what the command gives."""

from __future__ import annotations

import json
from pathlib import Path

import factlint
import pytest
from factlint import api
from factlint.cli import main
from factlint.project.config import Config, ConfigError
from factlint.text.formats import MARKDOWN, PLAIN, WORD

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "fixtures" / "documents"
DEFECTS = "全年完成投资5亿元,同比增长。\n"


def test_check_gives_the_findings_of_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    report = factlint.check([DOCUMENTS])
    assert main(["check", str(DOCUMENTS), "--format", "json", "--no-cache", "-j", "1"]) == 1
    printed = json.loads(capsys.readouterr().out)
    assert report.files == 6 and not report.problems  # the seeds, the Markdown report, facts/
    assert [(d.path, d.code, d.location.line, d.location.column) for d in report.diagnostics] == [
        (d["path"], d["code"], d["line"], d["column"]) for d in printed
    ]
    assert all(report.documents[d.path].text for d in report.diagnostics)


def test_check_text_reads_the_format_its_name_says() -> None:
    text = "<!-- factlint-disable P101 -->\n" + DEFECTS
    assert [d.code for d in factlint.check_text(text, name="a.txt").diagnostics] == ["P101"]
    assert factlint.check_text(text, name="a.md").diagnostics == []
    assert api.document_for("a.md", text).format is MARKDOWN
    assert api.document_for("a.docx", text).format is WORD
    assert api.document_for("<text>", text).format is PLAIN


def test_check_text_selects_and_reports_in_both_languages() -> None:
    report = factlint.check_text(DEFECTS, name="a.txt", select=["P1"], lang="en")
    [d] = report.diagnostics
    assert (d.code, d.location.line, d.location.column, d.fix is not None) == ("P101", 1, 10, True)
    assert report.lang == "en" and "half-width" in d.message.en
    assert factlint.check_text(DEFECTS, name="a.txt", ignore=["P"]).diagnostics == []
    with pytest.raises(ConfigError):
        factlint.check_text(DEFECTS, select=["P999"])


def test_fix_text_applies_the_safe_fixes() -> None:
    assert factlint.fix_text(DEFECTS, name="a.txt") == "全年完成投资5亿元，同比增长。\n"
    assert factlint.fix_text("清洁。\n") == "清洁。\n"


def test_unreadable_inputs_are_problems_not_exceptions(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(DEFECTS, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfd" * 50 + b"\x81")
    report = factlint.check([tmp_path / "good.txt", tmp_path / "bad.txt", tmp_path / "none.txt"])
    assert [d.code for d in report.diagnostics] == ["P101"]
    assert len(report.problems) == 2 and all(p.fatal for p in report.problems)


def test_a_config_object_is_used_as_given() -> None:
    config = Config(select=["D"])
    assert factlint.check_text(DEFECTS, config=config).diagnostics == []


def test_the_readme_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(DEFECTS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    assert namespace["fixed"] == "全年完成投资5亿元，同比增长。"
    assert "P101" in capsys.readouterr().out


def test_check_text_takes_a_text_with_lone_surrogates() -> None:
    """A str may hold lone surrogates (``json.loads('"\\\\ud800"')``, ``surrogateescape``): the
    library checks it as any text — a repeated paragraph holding one is reported, and every report
    format renders it — rather than failing on the first UTF-8 encoding of a piece of it."""
    paragraph = json.loads(
        '"全年地区生产总值稳步增长\\ud800，城乡居民收入持续提高，\\udcff民生保障有力。"'
    )
    text = "\n\n".join([paragraph] * 3 + ["探密活动" + chr(0xDCFF) + "顺利开展。"]) + "\n"
    report = factlint.check_text(text)
    assert {d.code for d in report.diagnostics} >= {"D101"}
    from factlint.reporters import FORMATS, render

    for name in FORMATS:
        assert render(name, report)

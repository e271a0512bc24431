"""The HTML report in a real browser (issue 14): the report of the seeds (and of a Word draft and
an OpenDocument text with a table, a header, a footnote, a text box) loads in headless Chromium
with no request leaving the page; clicking each finding in the side list highlights exactly its
flagged text (the text the JSON output of the same run points at) and scrolls it into view; each
related place is one click away and highlighted; a click on a mark selects its finding; the
filters hide what they say. A screenshot is kept as an artefact: under ``$FACTLINT_ARTEFACTS`` if
set, else in the test's ``tmp_path`` (never in the repository).

Driven by Playwright with the system's Chromium (``/usr/bin/chromium``, or ``$FACTLINT_CHROMIUM``):
no browser is downloaded. Without Playwright or Chromium the tests are skipped with the reason —
unless ``FACTLINT_REQUIRE_TOOLS=1`` (CI sets it), and then they fail."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import factlint
import pytest
from factlint.reporters import render
from factlint.reporters.full import ordered

from tests.conftest import SEEDS
from tests.test_odt import odt
from tests.test_word_parts import draft

pytestmark = pytest.mark.usefixtures("project")

#: a closed machine: nothing the browser does on its own may reach for the network
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: a document trying to make the page fetch something: shown as text, never requested
HOSTILE = (
    '见<img src="http://127.0.0.1:9/x.png">与<script src="https://example.com/x.js"></script>，'
    "<link rel=stylesheet href=//example.com/a.css>，url(http://example.com/b)。"
    "本科上线率超出30余个百分百。\n"
)


def _missing(reason: str) -> NoReturn:
    """Skip with ``reason``, or fail where the tools are required (CI)."""
    if os.environ.get("FACTLINT_REQUIRE_TOOLS") == "1":
        pytest.fail(f"{reason} (FACTLINT_REQUIRE_TOOLS=1: the browser test must run)")
    pytest.skip(reason)


def _chromium_path() -> str | None:
    given = os.environ.get("FACTLINT_CHROMIUM")
    if given:
        return given if Path(given).is_file() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright's ``Browser``) from the system's packages."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright is not installed (pip install -e '.[test]')")
    executable = _chromium_path()
    if executable is None:
        _missing("no Chromium found (apt-get install chromium, or set FACTLINT_CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def artefacts(tmp_path: Path) -> Path:
    """Where the screenshots go: ``$FACTLINT_ARTEFACTS`` or the test's own temporary folder."""
    folder = Path(os.environ.get("FACTLINT_ARTEFACTS") or tmp_path / "artefacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _offset(text: str, line: int, column: int) -> int:
    """The code-point offset of a 1-based line and column (lines end at ``\\n``)."""
    return sum(len(x) for x in text.split("\n")[: line - 1]) + (line - 1) + column - 1


def the_seeds() -> list[str]:
    names = []
    for seed in sorted([*SEEDS.glob("*.txt"), *SEEDS.glob("*.md")]):
        shutil.copy(seed, seed.name)
        names.append(seed.name)
    Path("稿件.docx").write_bytes(draft())
    Path("稿件.odt").write_bytes(odt())
    Path("hostile.txt").write_text(HOSTILE, encoding="utf-8")
    Path("crlf.txt").write_bytes(  # Windows line ends: a finding's text is shown without the CR
        "本段有半角逗号,后面还有中文。\r\n\r\n本科上线率超出30余个百分百。\r\n".encode()
    )
    return [*names, "稿件.docx", "稿件.odt", "hostile.txt", "crlf.txt"]


MARKED = """id => Array.from(document.querySelectorAll('mark.active'))
  .filter(m => (m.dataset.f || '').split(' ').includes(id)).map(m => m.textContent).join('')"""

IN_VIEW = """sel => { const e = document.querySelector(sel); if (!e) return false;
  const r = e.getBoundingClientRect(); const h = window.innerHeight, w = window.innerWidth;
  return r.top >= 0 && r.top < h && r.left >= 0 && r.left < w; }"""


def test_the_seeds_report_in_chromium_no_request_each_click_highlights_its_text(
    tmp_path: Path,
) -> None:
    names = the_seeds()
    report = factlint.check(names)
    found = json.loads(render("json", report))
    assert len(found) > 20
    assert {f.get("location", {}).get("part") for f in found} >= {"table", "footnote", "header"}
    assert {f["path"] for f in found} >= {"稿件.docx", "稿件.odt", "hostile.txt", "crlf.txt"}
    page_file = tmp_path / "report.html"
    page_file.write_text(render("html", report), encoding="utf-8")
    url = page_file.as_uri()
    # the page numbers the findings in this order (f1, f2, …): match them to the JSON's
    numbered = ordered(report)
    keys = [(f["path"], f["code"], f["line"], f["column"]) for f in found]
    by_key = dict(zip(keys, found, strict=True))
    assert len(by_key) == len(found)

    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(url)
        page.wait_for_load_state("load")
        assert requests == [url]  # the file itself, nothing else
        assert page.locator("li.finding").count() == len(found)

        for i, d in enumerate(numbered, 1):
            f = by_key[(d.path, d.code, d.location.line, d.location.column)]
            text = report.documents[f["path"]].text
            start = _offset(text, f["line"], f["column"])
            end = _offset(text, f["end_line"], f["end_column"])
            flagged = text[start:end].replace("\r\n", "\n")
            link = page.locator(f"#l{i} a.go")
            assert link.count() == 1, (i, f)
            link.click()
            assert page.evaluate("location.hash") == f"#f{i}"
            assert page.evaluate(MARKED, f"f{i}") == flagged, (i, f)
            assert page.locator(f"#l{i}.active").count() == 1
            assert page.evaluate(IN_VIEW, f"mark.active[data-f~='f{i}']"), (i, f)
            if "location" in f:  # the place in words, in the entry
                assert f["location"]["text"] in page.locator(f"#l{i} .place").inner_text()
            for j, rel in enumerate(f["related"]):
                target = page.locator(f"#l{i} .related a[href='#r{i}-{j}']")
                if rel["path"] not in report.documents:
                    continue
                assert target.count() == 1, (i, j, rel)
                target.click()
                assert page.evaluate("location.hash") == f"#r{i}-{j}"
                related = page.locator(f"mark.active[data-r~='r{i}-{j}']")
                assert related.count() >= 1, (i, j, rel)
                other = report.documents[rel["path"]].text
                at = _offset(other, rel["line"], rel["column"])
                shown = "".join(related.all_text_contents())
                assert shown and other[at:].startswith(shown), (i, j, rel, shown)
                assert page.evaluate(IN_VIEW, f"mark.active[data-r~='r{i}-{j}']")

        # the hostile document's tags are text on the page, and nothing was fetched for them
        assert '<img src="http://127.0.0.1:9/x.png">' in page.locator(".docs").inner_text()
        assert requests == [url]
        assert errors == []

        # a Word table cell selected, for the screenshot: its place is in the entry
        table = next(
            i
            for i, d in enumerate(numbered, 1)
            if by_key[(d.path, d.code, d.location.line, d.location.column)]
            .get("location", {})
            .get("part")
            == "table"
        )
        # a click on a mark in the text selects its finding in the side list, scrolled to it
        page.locator("#l1 a.go").click()
        page.locator(f"mark[data-f~='f{table}']").first.click()
        assert page.locator("li.finding.active").evaluate_all("els => els.map(e => e.id)") == [
            f"l{table}"
        ]
        assert page.evaluate(IN_VIEW, f"#l{table}")
        page.locator(f"#l{table} a.go").click()
        shot = artefacts(tmp_path) / "html-report-seeds.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        context.close()


def test_the_filters_hide_the_findings_and_their_marks(tmp_path: Path) -> None:
    names = the_seeds()
    report = factlint.check(names)
    page_file = tmp_path / "report.html"
    page_file.write_text(render("html", report), encoding="utf-8")
    severities = [d.severity.value for d in report.diagnostics]
    assert "warning" in severities and "error" in severities
    with chromium() as browser:
        page = browser.new_page()
        page.goto(page_file.as_uri())
        shown = "li.finding:not(.hidden)"
        assert page.locator(shown).count() == len(severities)
        page.locator("input.filter[data-kind='sev'][value='warning']").uncheck()
        assert page.locator(shown).count() == len(severities) - severities.count("warning")
        assert page.locator("li.finding.hidden[data-sev='warning']").count() == severities.count(
            "warning"
        )
        lit = page.locator("mark[data-f]:not(.off)")
        # every mark still lit names a finding that is not a warning
        hidden = set(
            page.eval_on_selector_all("li.finding.hidden", "els => els.map(e => e.dataset.f)")
        )
        for ids in lit.evaluate_all("els => els.map(e => e.dataset.f)"):
            assert not set(ids.split()) <= hidden
        page.locator("input.filter[data-kind='family'][value='T']").uncheck()
        assert page.locator(f"{shown}[data-family='T']").count() == 0
        page.locator("input.filter[data-kind='sev'][value='warning']").check()
        page.locator("input.filter[data-kind='family'][value='T']").check()
        assert page.locator(shown).count() == len(severities)
        assert page.locator("mark.off").count() == 0
        page.screenshot(path=str(artefacts(tmp_path) / "html-report-filters.png"))

"""``--format html``: one self-contained page, well-formed, every finding's <mark> on exactly its
characters, everything from the documents escaped. (The page in a real browser — clicks, requests,
filters — is tests/test_browser.py.)"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from factlint.model import Diagnostic, Location, Message, Severity, Span
from factlint.reporters import Report, render
from factlint.reporters.full import ordered
from factlint.text.document import Document

from tests.cli_support import DEFECTS, P101_LINE, T101_LINE, run, write

pytestmark = pytest.mark.usefixtures("project")

VOID = {"meta", "input", "br", "img", "link", "hr", "wbr"}
PASTED = (
    "一年来，援青干部人才扎根高原，围绕产业帮扶、就业帮扶、消费帮扶持续发力，累计实施帮扶项目42个，"
    "带动当地群众增收致富，受援地群众的获得感、幸福感、安全感不断增强，各项工作取得明显成效。"
)


class Page(HTMLParser):
    """Checks that tags nest and close, and collects the marks' text, the ids and the links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (attribute, value) of every src and href
        self.marked: dict[str, str] = {}  # finding or related id -> its text, piece by piece
        self.current: list[str] = []  # the ids of the open mark
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids.add(a["id"])
        self.links += [(k, v) for k, v in a.items() if k in ("src", "href", "action")]
        if tag in VOID:
            return
        if tag == "mark":
            if self.current:
                self.errors.append("nested mark")
            self.current = a.get("data-f", "").split() + a.get("data-r", "").split()
            for i in self.current:
                self.marked.setdefault(i, "")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()
        if tag == "mark":
            self.current = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for i in self.current:
            self.marked[i] += data


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


def html_of(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, out, err = run(
        capsys, "check", "--no-cache", "--format", "html", "--output", "r.html", *args
    )
    assert code in (0, 1), err
    assert out == ""
    return Path("r.html").read_text(encoding="utf-8")


def test_each_mark_encloses_exactly_the_flagged_text(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", DEFECTS)
    page = parse(html_of(capsys, "a.txt"))
    assert page.marked == {"f1": "百分百", "f2": ","}  # errors first: T101 is f1
    assert {"f1", "f2", "l1", "l2", "d1"} <= page.ids
    assert P101_LINE.replace(",", "") not in "".join(page.text)  # the text is cut at the marks
    assert T101_LINE[:10] in "".join(page.text)


def _diagnostic(code: str, start: int, end: int, severity: str = "error") -> Diagnostic:
    return Diagnostic(
        "a.txt",
        code,
        "rule",
        Severity(severity),
        Message("误", "bad"),
        Span(start, end),
        Location("a.txt", 1, start + 1, 1, end + 1),
    )


def test_overlapping_findings_are_split_cleanly() -> None:
    text = "增长百分百，比上年<b>多\r\n二行"
    spans = [(0, 5), (2, 8), (2, 5), (6, 6), (7, 13), (12, 15), (15, 15)]
    ds = [
        _diagnostic(f"X{i}", a, b, ("error", "warning", "info")[i % 3])
        for i, (a, b) in enumerate(spans)
    ]
    page = parse(render("html", Report(ds, {"a.txt": Document("a.txt", text)}, files=1)))
    numbered = ordered(Report(ds, {}))  # the page numbers the findings in this order
    got = {d.code: page.marked[f"f{i}"] for i, d in enumerate(numbered, 1)}
    shown = {
        c: text[a:b].replace("\r\n", "\n")
        for c, (a, b) in zip([d.code for d in ds], spans, strict=True)
    }
    assert got == shown


def test_related_places_are_one_click_away_across_documents(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", f"{PASTED}\n")
    write("b.txt", f"开头。\n\n{PASTED}\n")
    page = parse(html_of(capsys, "a.txt", "b.txt"))
    anchors = [v for k, v in page.links if k == "href"]
    assert "#r1-0" in anchors and "#f1" in anchors
    assert page.marked["f1"] == PASTED  # in b.txt
    assert page.marked["r1-0"] == PASTED  # in a.txt, the other document
    for target in anchors:
        assert target.startswith("#") and target[1:] in page.ids


def test_self_contained_no_url_leaves_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", f"见 https://example.com/x.js 与 <img src=http://evil/>。{T101_LINE}\n")
    page_text = html_of(capsys, "a.txt")
    page = parse(page_text)
    assert page.links and all(v.startswith("#") for _, v in page.links)
    assert not [t for t, a in page.tags if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for t, a in page.tags if t == "script" and a]  # inline scripts only
    assert "@import" not in page_text and "url(" not in page_text


def test_documents_are_escaped_and_control_characters_shown(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", f"<script>alert(1)</script>\x1b[2J\u202e{T101_LINE}\n")
    page_text = html_of(capsys, "a.txt")
    page = parse(page_text)
    assert "<script>alert(1)" not in page_text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_text
    assert [t for t, _ in page.tags].count("script") == 1  # the report's own
    assert "\x1b" not in page_text and "\u202e" not in page_text
    assert "␛[2J\\u202e" in "".join(page.text)


def test_filters_counts_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", DEFECTS)
    page = parse(html_of(capsys, "a.txt"))
    filters = {
        (a["data-kind"], a["value"])
        for t, a in page.tags
        if t == "input" and "filter" in a.get("class", "")
    }
    assert filters == {
        ("sev", "error"),
        ("sev", "warning"),
        ("sev", "info"),
        ("family", "P"),
        ("family", "T"),
    }
    text = "".join(page.text)
    assert "检查了1个文件，发现2个问题（错误1，警告1，提示0）" in text
    assert "错误 (1)" in text and "T101 misused-baifenbai (1)" in text
    findings = [a for t, a in page.tags if t == "li" and "finding" in a.get("class", "")]
    assert [(a["data-sev"], a["data-family"]) for a in findings] == [
        ("error", "T"),
        ("warning", "P"),
    ]


def test_chinese_by_default_english_with_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", DEFECTS)
    zh = html_of(capsys, "a.txt")
    assert '<html lang="zh-CN">' in zh and "检查报告" in zh and "可修复" in zh
    en = html_of(capsys, "--lang", "en", "a.txt")
    parse(en)
    assert '<html lang="en">' in en and "factlint report" in en
    assert "checked 1 file(s): 2 finding(s)" in en and "检查报告" not in en


def test_without_output_the_page_goes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", DEFECTS)
    code, out, _ = run(capsys, "check", "--no-cache", "--format", "html", "a.txt")
    assert code == 1
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert parse(out).marked["f1"] == "百分百"


def test_word_document_shows_its_text_and_places(capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    document = docx.Document()
    document.add_heading("二、主要指标", level=1)
    grid = document.add_table(rows=1, cols=2)
    grid.cell(0, 0).text = "指标"
    grid.cell(0, 1).text = "提高30余个百分百。"
    document.save("draft.docx")
    page = parse(html_of(capsys, "draft.docx"))
    text = "".join(page.text)
    assert page.marked["f1"] == "百分百"
    assert "表格1 第1行第2列" in text


def test_a_clean_run_is_a_page_too(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", "本段没有问题。\n")
    page = parse(html_of(capsys, "a.txt"))
    assert page.marked == {}
    assert "未发现问题" in "".join(page.text)


def test_big_document_is_rendered_in_linear_time(capsys: pytest.CaptureFixture[str]) -> None:
    def page_of(n: int) -> str:
        text = "增长百分百。\n" * n
        doc = Document("a.txt", text)
        ds = [
            Diagnostic(
                "a.txt",
                "T101",
                "misused-baifenbai",
                Severity.ERROR,
                Message("误", "bad"),
                Span(7 * i + 2, 7 * i + 5),
                Location("a.txt", i + 1, 3, i + 1, 6),
            )
            for i in range(n)
        ]
        return render("html", Report(ds, {"a.txt": doc}, files=1))

    small, big = page_of(200), page_of(2000)
    assert len(parse(big).marked) == 2000
    assert len(big) < 12 * len(small)  # the page grows with the text, not its square


def test_the_seeds_every_finding_marked_on_its_excerpt_every_link_on_the_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json
    import shutil

    from tests.conftest import SEEDS

    names = []
    for seed in sorted([*SEEDS.glob("*.txt"), *SEEDS.glob("*.md")]):
        shutil.copy(seed, seed.name)
        names.append(seed.name)
    _, out, _ = run(capsys, "check", "--no-cache", "--format", "json", *names)
    found = json.loads(out)
    assert len(found) > 20
    page = parse(html_of(capsys, *names))
    texts = {Path(n).name: Path(n).read_text(encoding="utf-8") for n in names}
    # the page numbers the findings file by file, errors first (the order of --format full)
    files: dict[str, int] = {}
    for f in found:
        files.setdefault(f["path"], len(files))
    order = sorted(found, key=lambda f: (files[f["path"]], -"iwe".index(f["severity"][0])))
    for i, f in enumerate(order, 1):
        line_start = sum(
            len(x) for x in texts[f["path"]].splitlines(keepends=True)[: f["line"] - 1]
        )
        end_start = sum(
            len(x) for x in texts[f["path"]].splitlines(keepends=True)[: f["end_line"] - 1]
        )
        start, end = line_start + f["column"] - 1, end_start + f["end_column"] - 1
        assert page.marked[f"f{i}"] == texts[f["path"]][start:end], (i, f)
    for _, target in page.links:
        assert target[1:] in page.ids


def test_a_span_outside_its_text_is_listed_without_a_dangling_link() -> None:
    ds = [_diagnostic("X1", 2, 40), _diagnostic("X2", 0, 2)]
    page = parse(render("html", Report(ds, {"a.txt": Document("a.txt", "增长百分百。")}, files=1)))
    assert page.marked == {"f2": "增长"}
    assert all(v[1:] in page.ids for _, v in page.links)
    assert "X1" in "".join(page.text)

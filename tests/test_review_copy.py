"""The review copy (``check --format docx``, issue 14 item 2): one Word comment per finding,
anchored on exactly the flagged characters, authored factlint; the safe fixes as tracked changes
that, accepted, give what ``--fix`` gives; the original never changed; a review of a review does
not double the comments; findings in tables, headers, footers, footnotes, text boxes, content
controls and tracked insertions; a text file's copy; the copy opens in LibreOffice."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from factlint import api
from factlint.engine.fixing import fix_until_stable
from factlint.inputs.reading import decode_docx
from factlint.text.document import Document
from lxml import etree

from tests.conftest import SEEDS
from tests.test_word_parts import draft, p, r
from tests.test_wordml import document_xml, docx_with

pytestmark = pytest.mark.usefixtures("project")

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SEED_NAMES = sorted(path.name for path in SEEDS.glob("0*.txt"))


def seed_docx(name: str) -> bytes:
    """A seed report as a Word file made by python-docx: one paragraph per line."""
    document = docx.Document()
    for line in (SEEDS / name).read_text(encoding="utf-8").split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def comments(data: bytes) -> dict[str, tuple[str, str]]:
    """id → (author, text) of every comment of the copy."""
    members = parts(data)
    if "word/comments.xml" not in members:
        return {}
    root = etree.fromstring(members["word/comments.xml"])
    return {
        c.get(W + "id"): (
            c.get(W + "author"),
            "\n".join("".join(t.text or "" for t in q.iter(W + "t")) for q in c.iter(W + "p")),
        )
        for c in root.iter(W + "comment")
    }


def anchored(data: bytes, part: str = "word/document.xml") -> dict[str, str]:
    """id → the original text between a comment's range marks: the text and the deleted text,
    not what factlint inserted."""
    root = etree.fromstring(parts(data)[part])
    open_: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for element in root.iter():
        if element.tag == W + "commentRangeStart":
            open_[element.get(W + "id")] = []
        elif element.tag == W + "commentRangeEnd":
            out[element.get(W + "id")] = "".join(open_.pop(element.get(W + "id")))
        elif element.tag in (W + "t", W + "delText"):
            if not any(
                a.tag == W + "ins" and a.get(W + "author") == "factlint"
                for a in element.iterancestors()
            ):
                for texts in open_.values():
                    texts.append(element.text or "")
    assert not open_, "a comment range is not closed"
    return out


def revisions(data: bytes) -> list[tuple[str, str, str]]:
    """(del|ins, author, text) of every tracked change of every part, with unique ids."""
    out: list[tuple[str, str, str]] = []
    ids: list[str] = []
    for name, content in parts(data).items():
        if not name.endswith(".xml") or not name.startswith("word/"):
            continue
        root = etree.fromstring(content)
        for element in root.iter(W + "del", W + "ins"):
            ids.append(element.get(W + "id"))
            if element.getparent().tag == W + "rPr":
                continue  # a paragraph mark's
            text = "".join(t.text or "" for t in element.iter(W + "t", W + "delText"))
            out.append((element.tag[len(W) :], element.get(W + "author"), text))
            if element.get(W + "author") == "factlint":
                assert element.get(W + "date"), "a revision without a date"
    assert len(ids) == len(set(ids)), "revision ids are not unique"
    return out


def findings(path: str) -> list[dict[str, object]]:
    _, out, _ = run_json(path)
    return list(json.loads(out))


def run_json(path: str) -> tuple[int, str, str]:
    return run_cli("check", "--no-cache", "--format", "json", path)


def run_cli(*args: str) -> tuple[int, str, str]:
    import contextlib

    from factlint.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def flagged(path: str, items: list[dict[str, object]]) -> Counter[tuple[str, str]]:
    """(code, flagged text) of each JSON finding of a Word file."""
    lines = decode_docx(Path(path).read_bytes()).text.split("\n")
    out: Counter[tuple[str, str]] = Counter()
    for f in items:
        line, column = int(f["line"]), int(f["column"])  # type: ignore[call-overload]
        end_line, end_column = int(f["end_line"]), int(f["end_column"])  # type: ignore[call-overload]
        if line == end_line:
            text = lines[line - 1][column - 1 : end_column - 1]
        else:
            text = "\n".join(
                [
                    lines[line - 1][column - 1 :],
                    *lines[line : end_line - 1],
                    lines[end_line - 1][: end_column - 1],
                ]
            )
        out[(str(f["code"]), text.replace("\n", ""))] += 1
    return out


def fixed(data: bytes) -> str:
    """What ``--fix`` makes of a Word file's text (read with its places, as the command reads it)."""
    decoded = decode_docx(data)
    doc = Document("稿件.docx", decoded.text, decoded.format, decoded.places)
    return fix_until_stable(api.make_engine().check, [doc]).documents[0].text


def review(source: str, target: str, *extra: str) -> tuple[int, str]:
    code, _, err = run_cli(
        "check", "--no-cache", *extra, source, "--format", "docx", "--output", target
    )
    return code, err


@pytest.mark.parametrize("name", SEED_NAMES)
def test_the_seeds_review_copy_one_comment_per_finding_on_its_text(name: str) -> None:
    Path("稿件.docx").write_bytes(seed_docx(name))
    original = Path("稿件.docx").read_bytes()
    code, err = review("稿件.docx", "稿件.审校.docx")
    assert code == 1 and "已写入审校稿" in err
    assert Path("稿件.docx").read_bytes() == original  # the original never changed
    copy = Path("稿件.审校.docx").read_bytes()
    items = findings("稿件.docx")
    notes = comments(copy)
    assert len(notes) == len(items) > 0
    assert {author for author, _ in notes.values()} == {"factlint"}
    spans = anchored(copy)
    assert set(spans) == set(notes)  # every comment anchored in the body
    got = Counter((notes[i][1].split(" ", 1)[0], spans[i]) for i in notes)
    assert got == flagged("稿件.docx", items)
    # the safe fixes as tracked changes; accepted (as the reader reads them), they are --fix
    changes = revisions(copy)
    fixable = [f for f in items if f["fix"] and f["fix"]["applicability"] == "safe"]  # type: ignore[index]
    assert bool(changes) == bool(fixable)
    assert {author for _, author, _ in changes} <= {"factlint"}
    assert decode_docx(copy).text == fixed(original)
    # every part the review does not touch is copied byte for byte
    before, after = parts(original), parts(copy)
    touched = {"word/document.xml", "word/comments.xml", "[Content_Types].xml"}
    touched.add("word/_rels/document.xml.rels")
    assert {k: v for k, v in before.items() if k not in touched} == {
        k: v for k, v in after.items() if k not in touched
    }
    assert len(docx.Document(io.BytesIO(copy)).paragraphs) == len(
        docx.Document(io.BytesIO(original)).paragraphs
    )

    # the review of the review: factlint's comments replaced, not doubled; those around its
    # changes still pending kept (their findings are not found again: the text reads as fixed)
    code, err = review("稿件.审校.docx", "稿件.审校2.docx")
    again = Path("稿件.审校2.docx").read_bytes()
    second = comments(again)
    assert len(findings("稿件.审校.docx")) == len(notes) - len(fixable)

    def heads(found: dict[str, tuple[str, str]]) -> list[str]:  # a count may read the fix
        return sorted(text.split(" ", 1)[0] for _, text in found.values())

    assert heads(second) == heads(notes)
    assert sorted(anchored(again).values()) == sorted(spans.values())
    assert revisions(again) == changes  # the pending changes stay, none added


def test_tables_headers_footnotes_text_boxes_controls_and_tracked_insertions() -> None:
    Path("稿件.docx").write_bytes(draft())
    original = Path("稿件.docx").read_bytes()
    code, err = review("稿件.docx", "out/稿件.审校.docx")
    assert code == 1, err
    assert Path("稿件.docx").read_bytes() == original
    copy = Path("out/稿件.审校.docx").read_bytes()
    notes = comments(copy)
    items = findings("稿件.docx")
    assert len(notes) == len(items) == 8
    spans = anchored(copy)
    by_text = {notes[i][1]: spans.get(i) for i in notes}
    body = {text.split(" ", 1)[0]: span for text, span in by_text.items() if span}
    # on its characters: in the tracked insertion, the inline control, the table cell
    assert sorted(span for span in by_text.values() if span and len(span) < 10) == [
        ",",  # the inline content control
        "数10",  # inside the other author's tracked insertion
        "百分百",  # the table cell
    ]
    assert body["N101"] == "数10"
    # where Word anchors no comment: the place and the flagged text begin the comment
    heads = sorted(text.split("：", 1)[0] for text in by_text if not text[0].isascii())
    assert heads == ["“数100”", "文本框“百分百”", "脚注1“,”", "页眉“,”", "页脚“,”"]
    # the footnote's comment is on its reference mark
    root = etree.fromstring(parts(copy)["word/document.xml"])
    [mark] = root.iter(W + "footnoteReference")
    run_ = mark.getparent()
    assert run_.getprevious().tag == W + "commentRangeStart"
    # the safe fixes as tracked changes in every part, the editor's own left as they are
    changes = revisions(copy)
    ours = [(kind, text) for kind, author, text in changes if author == "factlint"]
    assert ours.count(("del", ",")) == 5  # the inline control, both headers, footer, footnote
    assert ("del", "10") in ours and ("ins", "十") in ours  # the characters that change
    assert ("del", "百") in ours and ("ins", "点") in ours
    assert ("del", "编辑", ",吸引数10万人次") in changes  # deleted text: no comment, no change
    assert all("吸引数10万人次" not in span for span in spans.values() if span)
    assert decode_docx(copy).text == fixed(original)
    # nothing reported twice on the copy, and its review replaces the comments
    assert findings("out/稿件.审校.docx") == []  # every defect here has a safe fix
    code, err = review("out/稿件.审校.docx", "again.docx")
    again = comments(Path("again.docx").read_bytes())
    assert sorted(again.values()) == sorted(notes.values())  # kept: their changes are pending


BOLD = "<w:rPr><w:b/></w:rPr>"


def bold(text: str) -> str:
    return f'<w:r>{BOLD}<w:t xml:space="preserve">{text}</w:t></w:r>'


def test_a_run_split_at_the_span_edges_keeps_its_formatting() -> None:
    body = p(r("本科上线率超出30余个百") + bold("分百，比上年增加") + r("。")) + p(
        r("全年吸引数1") + bold("0万人次参观。")
    )
    Path("稿件.docx").write_bytes(docx_with(document_xml(body)))
    code, err = review("稿件.docx", "稿件.审校.docx")
    assert code == 1, err
    copy = Path("稿件.审校.docx").read_bytes()
    notes = comments(copy)
    spans = anchored(copy)
    assert sorted(spans[i] for i in notes) == ["数10", "百分百"]  # across the runs
    root = etree.fromstring(parts(copy)["word/document.xml"])
    texts = list(root.iter(W + "t", W + "delText"))
    bolds = {t.text for t in texts if t.getparent().find(f"{W}rPr/{W}b") is not None}
    plain = {t.text for t in texts if t.getparent().find(f"{W}rPr/{W}b") is None}
    # each piece of a cut run keeps its formatting; what is inserted takes the first deleted run's
    assert bolds == {"分", "百", "点", "，比上年增加", "0", "万人次参观。"}
    assert plain == {"本科上线率超出30余个", "百", "。", "全年吸引", "数", "1", "十"}
    changes = revisions(copy)
    assert ("del", "factlint", "10") in changes  # one deletion of two runs
    [both] = [d for d in root.iter(W + "del") if "".join(d.itertext()) == "10"]
    assert len(both) == 2
    assert (
        decode_docx(copy).text
        == "本科上线率超出30余个百分点，比上年增加。\n全年吸引数十万人次参观。"
    )


def test_a_text_file_gets_a_new_word_file_and_several_inputs_a_folder() -> None:
    Path("a.md").write_text("# 标题\r\n\r\n本科上线率超出30余个百分百。\r\n", encoding="utf-8")
    Path("b.txt").write_text("全年吸引数10万人次参观。\n", encoding="utf-8")
    code, err = review("a.md", "a.docx")  # one input: --output is the copy
    assert code == 1 and Path("a.docx").is_file(), err
    code, _, err = run_cli(
        "check", "--no-cache", "a.md", "b.txt", "--format", "docx", "--output", "审校"
    )
    assert code == 1, err
    assert sorted(path.name for path in Path("审校").iterdir()) == ["a.审校.docx", "b.审校.docx"]
    for name, flagged_text, fixed in (
        ("a", "百分百", "# 标题\n\n本科上线率超出30余个百分点。\n"),
        ("b", "数10", "全年吸引数十万人次参观。\n"),
    ):
        copy = Path(f"审校/{name}.审校.docx").read_bytes()
        assert list(anchored(copy).values()) == [flagged_text]
        assert decode_docx(copy).text == fixed
        docx.Document(io.BytesIO(copy))


def test_the_output_is_needed_and_never_an_input() -> None:
    Path("稿件.docx").write_bytes(draft())
    original = Path("稿件.docx").read_bytes()
    code, _, err = run_cli("check", "稿件.docx", "--format", "docx")
    assert code == 2 and "--format docx 须用 --output" in err
    code, err = review("稿件.docx", "稿件.docx")
    assert code == 2 and "是输入文件本身" in err
    code, err = review("稿件.docx", "./稿件.docx")
    assert code == 2
    code, _, err = run_cli("check", "稿件.docx", "--format", "docx", "--output", "x.docx", "--fix")
    assert code == 2 and "不能与 --fix" in err
    assert Path("稿件.docx").read_bytes() == original
    assert not Path("x.docx").exists()


def _replaced(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            new.writestr(info.filename, content if info.filename == name else old.read(info))
    return out.getvalue()


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("FACTLINT_REQUIRE_TOOLS") == "1":
            pytest.fail("FACTLINT_REQUIRE_TOOLS=1 but LibreOffice (soffice) is not installed")
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    return found


def test_libreoffice_converts_the_review_copy_and_sees_every_comment(tmp_path: Path) -> None:
    program = soffice()
    Path("稿件.docx").write_bytes(draft())
    review("稿件.docx", "稿件.审校.docx")
    ours = comments(Path("稿件.审校.docx").read_bytes())
    profile = (tmp_path / "lo-profile").as_uri()
    for target in ("pdf", "docx:MS Word 2007 XML"):
        done = subprocess.run(
            [
                program,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(tmp_path / target[:4]),
                "稿件.审校.docx",
            ],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "pdf" / "稿件.审校.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
    again = (tmp_path / "docx" / "稿件.审校.docx").read_bytes()
    assert sorted(text for _, text in comments(again).values()) == sorted(
        text for _, text in ours.values()
    )


def test_the_editors_own_comments_stay_and_factlints_are_replaced() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("本科上线率超出30余个百分百。")
    document.add_paragraph("全年吸引数10万人次参观。")
    document.add_comment(paragraph.runs, text="请核实数据来源", author="编辑", initials="BJ")
    document.save("稿件.docx")
    review("稿件.docx", "一审.docx")
    first = comments(Path("一审.docx").read_bytes())
    assert sorted(author for author, _ in first.values()) == ["factlint", "factlint", "编辑"]
    # nothing accepted or rejected yet: the second review is the first
    review("一审.docx", "二审.docx")
    second = comments(Path("二审.docx").read_bytes())
    assert [text for author, text in second.values() if author == "编辑"] == ["请核实数据来源"]
    assert sorted(second.values()) == sorted(first.values())
    # the editor accepts the change of the first paragraph: its comment goes, the other stays
    data = Path("二审.docx").read_bytes()
    root = etree.fromstring(parts(data)["word/document.xml"])
    [deleted] = [d for d in root.iter(W + "del") if "".join(d.itertext()) == "百"]
    inserted = deleted.getnext()
    deleted.getparent().remove(deleted)
    for run_ in list(inserted):
        inserted.addprevious(run_)
    inserted.getparent().remove(inserted)
    Path("三审前.docx").write_bytes(
        _replaced(data, "word/document.xml", etree.tostring(root, xml_declaration=True))
    )
    review("三审前.docx", "三审.docx")
    third = comments(Path("三审.docx").read_bytes())
    assert sorted(text.split(" ", 1)[0] for _, text in third.values()) == ["N101", "请核实数据来源"]
    markers = anchored(Path("二审.docx").read_bytes())
    assert set(markers) == set(second)  # no mark left of a removed comment
    assert next(span for i, span in markers.items() if second[i][0] == "编辑") == (
        "本科上线率超出30余个百分百。"
    )
    # the editor's comment keeps its text through both copies
    assert docx.Document("二审.docx").comments is not None


def test_a_change_across_a_links_edge_is_not_tracked_but_said() -> None:
    link = (
        '<w:hyperlink w:anchor="x"><w:r><w:t xml:space="preserve">0万人次参观。</w:t></w:r>'
        "</w:hyperlink>"
    )
    body = p(r("全年吸引数1") + link) + p(r("本科上线率超出30余个百分百。"))
    Path("稿件.docx").write_bytes(docx_with(document_xml(body)))
    code, err = review("稿件.docx", "稿件.审校.docx")
    assert code == 1 and "1处修复跨越段落、域或超链接的边界，未标为修订" in err, err
    copy = Path("稿件.审校.docx").read_bytes()
    assert sorted(anchored(copy).values()) == ["数10", "百分百"]  # the comment crosses it
    assert [(k, t) for k, _, t in revisions(copy)] == [("del", "百"), ("ins", "点")]
    docx.Document(io.BytesIO(copy))


def test_an_odt_gets_a_new_word_file_of_its_text() -> None:
    from tests.test_odt import odt

    Path("稿件.odt").write_bytes(odt())
    original = Path("稿件.odt").read_bytes()
    code, err = review("稿件.odt", "稿件.审校.docx")
    assert code == 1 and "已写入审校稿" in err, err
    assert Path("稿件.odt").read_bytes() == original
    copy = Path("稿件.审校.docx").read_bytes()
    assert len(comments(copy)) == len(findings("稿件.odt")) > 0
    assert set(anchored(copy)) == set(comments(copy))
    docx.Document(io.BytesIO(copy))

"""``check --fix``, ``--diff`` and ``--unsafe-fixes``: the fix loop, byte-exact writing back in every
encoding and line-ending convention, refusing to overwrite a file changed meanwhile, and hypothesis
properties (the loop terminates, is idempotent, and leaves nothing fixable) on generated text and on
mutated report text.

``tests/data/corpus_excerpts/`` holds three short excerpts of the proofread corpus
(``/work/shared/corpus/``: 2024 national government work report, lines 1–12; 2026 Qinghai report,
line 15; Chengdu 2022 statistical communiqué, four body paragraphs; official documents of state
organs, PRC Copyright Law Art. 5), so the corpus property runs where the corpus is absent.
"""

from __future__ import annotations

import codecs
import difflib
import io
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import factlint.engine.fixing
import pytest
from factlint.cli.fixes import run_fixes
from factlint.engine.core import Engine
from factlint.engine.fixing import MAX_PASSES, FixResult, fix_until_stable
from factlint.inputs.reading import Input, decode, document_for
from factlint.inputs.writing import Source, WriteRefused, encode_fixed, unified_diff
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, Rule, RuleMeta
from factlint.rules import REGISTRY
from factlint.text.document import Document
from factlint.text.fixes import splice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli_support import DEFECTS, run, write
from tests.conftest import SHARED, shared

FIXED_DEFECTS = "本段有半角逗号，后面还有中文。\n\n本科上线率超出30余个百分点。\n"
UNBALANCED = "对口 支援,立足“黄南所需、天津所能。\n"  # P102, P101 (fixable), S103 (not)
SPLIT = "天津援青前方指挥部成立绿色算力招商专班，与\n\n海东市建立数据企业落地联动机制。\n"
CORPUS = SHARED / "corpus"  # ../shared/corpus; test_mutated_paragraphs_draw_on_the_corpus needs it
EXCERPTS = Path(__file__).resolve().parent / "data" / "corpus_excerpts"


def _paragraphs(files: Iterable[Path]) -> list[str]:
    out = []
    for file in files:
        out += [line for line in file.read_text(encoding="utf-8").splitlines() if len(line) >= 20]
    return out


# ---- writing back: encodings, byte-order marks, line endings ---------------------------------------

ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf-16-le": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16-be": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "utf-32-be": lambda s: codecs.BOM_UTF32_BE + s.encode("utf-32-be"),
    "gbk": lambda s: s.encode("gbk"),
    "gb18030": lambda s: s.encode("gb18030"),
}


@pytest.mark.usefixtures("project")
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_fixed_file_bytes_keep_encoding_bom_and_line_endings(
    capsys: pytest.CaptureFixture[str], encoding: str, newline: str
) -> None:
    extra = "“𠀀”字见于GB18030。\n" if encoding == "gb18030" else ""  # four-byte GB18030
    before, after = extra + DEFECTS, extra + FIXED_DEFECTS
    encode = ENCODINGS[encoding]
    Path("a.txt").write_bytes(encode(before.replace("\n", newline)))
    code, _, err = run(capsys, "check", "--fix", "a.txt")
    assert (code, err) == (0, "factlint: 修复了2处问题\n")
    assert Path("a.txt").read_bytes() == encode(after.replace("\n", newline))


@pytest.mark.usefixtures("project")
def test_fix_keeps_file_mode_and_follows_symlinks(capsys: pytest.CaptureFixture[str]) -> None:
    write("real/a.txt", DEFECTS).chmod(0o640)
    Path("link.txt").symlink_to("real/a.txt")
    assert run(capsys, "check", "--fix", "link.txt")[0] == 0
    assert Path("link.txt").is_symlink()
    assert Path("real/a.txt").read_text(encoding="utf-8") == FIXED_DEFECTS
    assert Path("real/a.txt").stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in Path("real").iterdir()) == ["a.txt"]  # no temporary left


def test_file_that_does_not_round_trip_is_not_written(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 * 2 + DEFECTS.encode("utf-8")  # the second mark is lost on decoding
    source = Source(Input("a.txt", tmp_path / "a.txt"), data, decode(data))
    with pytest.raises(WriteRefused, match="round-trip"):
        encode_fixed(source, FIXED_DEFECTS)


def test_fixed_text_outside_gbk_is_refused_for_a_gbk_file(tmp_path: Path) -> None:
    data = DEFECTS.encode("gbk")
    source = Source(Input("a.txt", tmp_path / "a.txt"), data, decode(data))
    with pytest.raises(WriteRefused, match="GBK"):
        encode_fixed(source, DEFECTS + "😀")
    assert encode_fixed(source, FIXED_DEFECTS) == FIXED_DEFECTS.encode("gbk")


def _rule(code: str, replacement: str, target: str, *, safe: bool = True) -> Rule:
    """A test rule offering to replace every ``target`` by ``replacement``."""

    def check(doc: Document, opts: NoOptions) -> Iterable[Finding]:
        start = doc.text.find(target)
        while start >= 0:
            yield Finding(
                Span(start, start + len(target)),
                Message(f"“{target}”", target),
                fix=Fix(replacement, Message("改", "change"), safe=safe),
            )
            start = doc.text.find(target, start + 1)

    meta = RuleMeta(code, "test-rule", Severity.WARNING, Message("测试", "test"), fixable=True)
    return Rule(meta, "test", NoOptions, check, "tests")


@pytest.mark.usefixtures("project")
def test_fix_the_encoding_cannot_hold_is_not_applied_and_said(
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("g.txt").write_bytes("笑一笑吗。\n".encode("gbk"))
    data = Path("g.txt").read_bytes()
    sources = {"g.txt": Source(Input("g.txt", Path("g.txt")), data, decode(data))}
    engine = Engine([_rule("T998", "😀", "笑一笑"), _rule("T999", "呢", "吗")])
    fixing = run_fixes(
        engine.check,
        [document_for("g.txt", "笑一笑吗。\n")],
        sources,
        unsafe=False,
        diff=False,
        lang="zh",
    )
    err = capsys.readouterr().err
    assert "g.txt:1:1: T998的修复含有GBK编码无法表示的字符，未应用" in err
    assert "修复了1处问题" in err
    assert Path("g.txt").read_bytes() == "笑一笑呢。\n".encode("gbk")
    assert [d.code for d in fixing.diagnostics] == ["T998"]


# ---- a file changed between reading and writing --------------------------------------------------


@pytest.mark.usefixtures("project")
def test_file_changed_since_read_is_not_overwritten(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write("a.txt", DEFECTS)
    write("b.txt", DEFECTS)
    import factlint.cli.fixes

    real = factlint.cli.fixes.fix_until_stable

    def meanwhile(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        write("a.txt", DEFECTS + "编辑在此期间保存了新内容。\n")  # someone saves while we fix
        return result

    monkeypatch.setattr(factlint.cli.fixes, "fix_until_stable", meanwhile)
    code, out, err = run(capsys, "check", "--fix", "--format", "concise", "a.txt", "b.txt")
    assert code == 2
    assert "factlint: a.txt: 文件在检查期间被修改，未写入修复\n" in err
    assert Path("a.txt").read_text(encoding="utf-8") == DEFECTS + "编辑在此期间保存了新内容。\n"
    assert Path("b.txt").read_text(encoding="utf-8") == FIXED_DEFECTS  # the others are fixed
    assert [line.split(" ")[:2] for line in out.splitlines()] == [  # a.txt: as read
        ["a.txt:1:8:", "P101"],
        ["a.txt:3:12:", "T101"],
    ]
    assert [p.name for p in Path().iterdir() if p.name.startswith(".")] == []


# ---- --diff, exit codes, convergence, --unsafe-fixes ---------------------------------------------


@pytest.mark.usefixtures("project")
def test_diff_prints_a_unified_diff_and_changes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write("docs/a.txt", DEFECTS)
    stamp = path.stat().st_mtime_ns
    code, out, err = run(capsys, "check", "--diff", "docs")
    assert (code, err) == (1, "factlint: 可修复2处问题\n")
    assert out == (
        "--- a/docs/a.txt\n+++ b/docs/a.txt\n@@ -1,3 +1,3 @@\n"
        "-本段有半角逗号,后面还有中文。\n+本段有半角逗号，后面还有中文。\n \n"
        "-本科上线率超出30余个百分百。\n+本科上线率超出30余个百分点。\n"
    )
    assert path.read_text(encoding="utf-8") == DEFECTS and path.stat().st_mtime_ns == stamp
    write("docs/a.txt", FIXED_DEFECTS)
    assert run(capsys, "check", "--diff", "docs") == (0, "", "")


def test_unified_diff_marks_a_missing_final_newline() -> None:
    assert unified_diff("a.txt", "甲,乙", "甲，乙").splitlines() == [
        "--- a/a.txt",
        "+++ b/a.txt",
        "@@ -1 +1 @@",
        "-甲,乙",
        "\\ No newline at end of file",
        "+甲，乙",
        "\\ No newline at end of file",
    ]


@pytest.mark.usefixtures("project")
def test_fix_converges_and_a_second_fix_changes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # P101's and P102's paragraph-wide fixes overlap: P102's waits for the second pass
    write("a.txt", "以来, 我市对口支援 工作,要做好。对口 帮扶, 成效明显。\n")
    code, _, err = run(capsys, "check", "--fix", "a.txt")
    assert (code, err) == (0, "factlint: 修复了2处问题\n")
    fixed = Path("a.txt").read_bytes()
    assert fixed.decode() == "以来，我市对口支援工作，要做好。对口帮扶，成效明显。\n"
    assert run(capsys, "check", "--fix", "a.txt")[:3:2] == (0, "")
    assert Path("a.txt").read_bytes() == fixed


@pytest.mark.usefixtures("project")
def test_fix_exits_1_when_findings_remain_and_reports_them_in_the_fixed_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    write("a.txt", UNBALANCED)
    code, out, err = run(capsys, "check", "--fix", "--format", "json", "a.txt")
    assert (code, err) == (1, "factlint: 修复了2处问题\n")
    assert Path("a.txt").read_text(encoding="utf-8") == "对口支援，立足“黄南所需、天津所能。\n"
    remaining = [(f["code"], f["line"], f["column"]) for f in json.loads(out)]
    assert remaining == [("S103", 1, 8)]  # column 8 of the fixed text (9 as read)


@pytest.mark.usefixtures("project")
def test_fix_exits_0_when_every_finding_was_fixed(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", DEFECTS)
    assert run(capsys, "check", "--fix", "--format", "json", "a.txt") == (
        0,
        "[]\n",
        "factlint: 修复了2处问题\n",
    )


@pytest.mark.usefixtures("project")
def test_unsafe_fixes_only_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", SPLIT)
    code, out, err = run(capsys, "check", "--fix", "--format", "concise", "a.txt")
    assert (code, err) == (1, "")
    assert out.startswith("a.txt:1:22: S102 ")
    assert Path("a.txt").read_text(encoding="utf-8") == SPLIT
    code, out, err = run(capsys, "check", "--diff", "--unsafe-fixes", "a.txt")
    assert (code, err) == (1, "factlint: 可修复1处问题\n")
    code, out, err = run(capsys, "check", "--fix", "--unsafe-fixes", "--lang", "en", "a.txt")
    assert (code, err) == (0, "factlint: Fixed 1 issue(s)\n")
    assert Path("a.txt").read_text(encoding="utf-8") == SPLIT.replace("\n\n", "")


@pytest.mark.usefixtures("project")
def test_fix_of_stdin_prints_the_fixed_text_in_its_encoding(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = DEFECTS.replace("\n", "\r\n").encode("gbk")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stdout)
    code, _, err = run(capsys, "check", "--fix", "--format", "concise", "-")
    assert code == 0
    assert err == "factlint: 修复了2处问题\n"  # the (empty) report goes to stderr too
    stdout.flush()
    assert stdout.buffer.getvalue() == FIXED_DEFECTS.replace("\n", "\r\n").encode("gbk")  # type: ignore[attr-defined]


# ---- the loop's bounds ---------------------------------------------------------------------------


def test_fix_loop_is_bounded_when_fixes_oscillate() -> None:
    engine = Engine([_rule("T998", "乙", "甲"), _rule("T999", "甲", "乙")])
    result = fix_until_stable(engine.check, [document_for("a.txt", "甲。")])
    assert result.unconverged == ["a.txt"]
    assert result.fixed["a.txt"] == MAX_PASSES


def test_unsafe_fix_waits_for_unsafe_fixes() -> None:
    engine = Engine([_rule("T999", "乙", "甲", safe=False)])
    assert (
        fix_until_stable(engine.check, [document_for("a.txt", "甲。")]).documents[0].text == "甲。"
    )
    result = fix_until_stable(engine.check, [document_for("a.txt", "甲。")], unsafe=True)
    assert (result.documents[0].text, result.fixed["a.txt"]) == ("乙。", 1)


def test_fix_a_later_pass_makes_outside_the_first_report_is_listed() -> None:
    # an unsafe fix of 甲 makes 丙, and 丙。 is then fixed: the change reaches 。, which the first
    # check never reported as fixable
    engine = Engine([_rule("T998", "乙丙", "甲", safe=False), _rule("T999", "丁。", "丙。")])
    result = fix_until_stable(engine.check, [document_for("a.txt", "一甲。二甲")], unsafe=True)
    assert result.documents[0].text == "一乙丁。二乙丙"
    assert [(d.code, d.span, d.location.column) for d in result.later] == [("T999", Span(1, 3), 2)]
    safe_only = fix_until_stable(engine.check, [document_for("a.txt", "一丙。")])
    assert safe_only.later == []  # what the first check reported is not listed again


@pytest.mark.usefixtures("project")
def test_fix_report_says_what_a_later_pass_fixed(capsys: pytest.CaptureFixture[str]) -> None:
    write("a.txt", "我们在推进工作，\n\n, 我们继续完成任务。\n")
    code, _, err = run(capsys, "check", "--fix", "--unsafe-fixes", "--format", "concise", "a.txt")
    assert code == 0
    assert err.splitlines()[0].startswith("factlint: a.txt:3:1: P101 ")
    assert "由前一处修复产生，也已修复" in err


# ---- properties: the fix loop terminates, is idempotent and leaves nothing fixable ---------------

ENGINE = Engine(list(REGISTRY))
HAN = (
    "天津援青前方指挥部坚持人才作为高质量发展第一资源对口支援工作我市黄南州累计投入亿元项目个所中学"
)
TOKENS = [*HAN, *',;:()"?!', "，", "。", "、", "“", "”", "（", "）", " ", "  ", "\u00a0", "\n"]
TOKENS += ["\n\n", "30", "1,000", "2.5", "%", "百分百", "余个百分百", "个百分点", "三所", "6所"]
TOKENS += [
    "和",
    "与",
    "Ab",
    "二〇二四年",
    "二零二四年",
    "数10万",
    "5-10",
    "℃",
    "KM",
    "Kg",
    "三、四个",
]


def _fix_recording_changes(text: str, *, unsafe: bool) -> tuple[FixResult, list[tuple[int, int]]]:
    """Fix ``text``, recording the range of the original text each applied fix changed (however
    many passes later): every character of the text being fixed carries the original range it
    stands for."""
    changes: list[tuple[int, int]] = []
    origin = [(i, i + 1) for i in range(len(text))]

    def recording(current: str, chosen: Sequence[tuple[Span, Fix]]) -> str:
        nonlocal origin
        assert len(current) == len(origin)
        out: list[tuple[int, int]] = []
        pos = 0
        for span, fix in sorted(chosen, key=lambda c: c[0].start):
            out += origin[pos : span.start]
            was = current[span.start : span.end]
            ops = difflib.SequenceMatcher(None, was, fix.replacement, autojunk=False).get_opcodes()
            for tag, i1, i2, j1, j2 in ops:  # a merged fix keeps the characters between its marks
                i1, i2 = span.start + i1, span.start + i2
                if tag == "equal":
                    out += origin[i1:i2]
                    continue
                at = origin[i1][0] if i1 < len(origin) else len(text)
                lo = min([at, *(a for a, _ in origin[i1:i2])])
                hi = max([lo, *(b for _, b in origin[i1:i2])])
                changes.append((lo, hi))
                out += [(lo, hi)] * (j2 - j1)
            pos = span.end
        origin = out + origin[pos:]
        return splice(current, chosen)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(factlint.engine.fixing, "splice", recording)
        result = fix_until_stable(ENGINE.check, [document_for("gen.txt", text)], unsafe=unsafe)
    return result, changes


def _assert_fixes_settle(text: str, *, unsafe: bool) -> int:
    """Fixing ``text`` settles, changing no character outside the fixable spans the first check
    reported; returns how many findings were fixed."""
    result, changes = _fix_recording_changes(text, unsafe=unsafe)
    assert result.unconverged == []
    fixed = result.documents[0].text
    reported = [
        d.span for d in result.initial if d.fix is not None and (d.fix.safe or unsafe)
    ]  # what the report of this run lists as fixable
    outside = [
        (i, j, text[i:j])
        for i, j in changes
        if not all(any(s.start <= k < s.end for s in reported) for k in range(i, j))
        or not any(s.start <= i <= s.end for s in reported)
    ]
    # unsafe fixes may make new text (S102 joins two paragraphs: `，⏎⏎, 我` becomes `，, 我`)
    # that a later pass fixes, and then the result lists it; safe fixes never do
    listed = [d.span for d in result.later]
    assert not unsafe or not listed or outside  # a fix listed as later is one outside
    unlisted = [
        (i, j, t) for i, j, t in outside if not any(s.start <= i and j <= s.end for s in listed)
    ]
    assert unlisted == [], (
        f"fixed outside the reported spans {[(s.start, s.end) for s in reported]}"
    )
    assert unsafe or listed == []
    leftover = [d for d in result.diagnostics if d.fix is not None and (d.fix.safe or unsafe)]
    assert leftover == []  # the re-check offers nothing more to fix
    again = fix_until_stable(ENGINE.check, [document_for("gen.txt", fixed)], unsafe=unsafe)
    assert again.documents[0].text == fixed and not again.fixed  # idempotent
    return sum(result.fixed.values())


PROPERTY = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])


def test_property_fixing_generated_text_settles() -> None:
    fixed: list[int] = []

    @PROPERTY
    @given(st.lists(st.sampled_from(TOKENS), max_size=80).map("".join), st.booleans())
    def settles(text: str, unsafe: bool) -> None:
        fixed.append(_assert_fixes_settle(text, unsafe=unsafe))

    settles()
    # the tokens are fixable defects: a good share of the examples must have had something fixed
    # (seen: a quarter to three quarters)
    assert sum(1 for n in fixed if n) * 10 >= len(fixed), f"findings fixed per example: {fixed}"


CORPUS_PARAGRAPHS = _paragraphs(sorted(EXCERPTS.glob("*.txt")))
if CORPUS.is_dir():
    CORPUS_PARAGRAPHS += _paragraphs(sorted(CORPUS.glob("*.txt")))
DEFECT_INSERTS = [",", ", ", ";", ":", "(", ")", '"', "?", "!", " ", "百分百", "\n\n"]


@st.composite
def mutated_paragraphs(draw: st.DrawFn) -> str:
    """A real paragraph (or two) with half-width marks, spaces and breaks put in at random, and
    some of its full-width commas turned half-width — what pasting does to a report."""
    text = "\n".join(draw(st.lists(st.sampled_from(CORPUS_PARAGRAPHS), min_size=1, max_size=2)))
    if draw(st.booleans()):
        text = text.replace("，", ",", draw(st.integers(0, 5)))
    edits = draw(
        st.lists(st.tuples(st.integers(0, len(text)), st.sampled_from(DEFECT_INSERTS)), max_size=6)
    )
    for pos, insert in sorted(edits, reverse=True):
        text = text[:pos] + insert + text[pos:]
    return text


def test_property_fixing_mutated_report_text_settles() -> None:
    fixed: list[int] = []

    @PROPERTY
    @given(mutated_paragraphs(), st.booleans())
    def settles(text: str, unsafe: bool) -> None:
        fixed.append(_assert_fixes_settle(text, unsafe=unsafe))

    settles()
    assert sum(1 for n in fixed if n) * 10 >= len(fixed), f"findings fixed per example: {fixed}"


def test_mutated_paragraphs_draw_on_the_corpus() -> None:
    """The mutated paragraphs come from the whole corpus, not only the excerpts copied here."""
    corpus = _paragraphs(sorted(shared("corpus").glob("*.txt")))
    assert corpus and set(corpus) <= set(CORPUS_PARAGRAPHS)


def test_corpus_excerpts_are_present_and_clean() -> None:
    """The copied excerpts stand in for the corpus: real text the linter has nothing to fix in."""
    docs = [document_for(p.name, p.read_text(encoding="utf-8")) for p in EXCERPTS.glob("*.txt")]
    assert len(docs) == 3 and all(os.path.getsize(EXCERPTS / d.path) < 4000 for d in docs)
    assert [d for d in ENGINE.check(docs) if d.fix is not None] == []

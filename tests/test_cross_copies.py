"""D104: a paragraph of one report pasted into another is found, the reports' shared formulas are
not, and the join over a run grows with its paragraphs, not with its pairs of documents."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from factlint import api
from factlint.facts import copies
from factlint.facts.copies import COPY_SOURCES, DocumentDate, cross_copies, document_date
from factlint.facts.corpus import Corpus
from factlint.facts.sheet import FactSheet
from factlint.model import Diagnostic
from factlint.text.document import Document

from tests.conftest import shared
from tests.test_linear import RATIO, lines_run

SOURCE = "gwr_prov2026_qinghai.txt"
TARGET = "gwr_prov2026_sichuan.txt"
#: a paragraph of Qinghai's 2026 report (line 42), in no other report of the corpus
PASTED = "全面实施《青藏高原生态保护法》《国家公园法》"


def _corpus() -> dict[str, str]:
    folder = shared("corpus")
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def _d104(texts: dict[str, str]) -> list[Diagnostic]:
    docs = [Document(name, text) for name, text in texts.items()]
    return api.run_checks(api.make_engine(select=["D104"]), docs)


def _paste(texts: dict[str, str], paragraph: str) -> tuple[dict[str, str], int]:
    """``texts`` with ``paragraph`` inserted in the middle of TARGET; and its line there."""
    lines = texts[TARGET].split("\n")
    middle = len(lines) // 2
    pasted = dict(texts)
    pasted[TARGET] = "\n".join([*lines[:middle], "", paragraph, "", *lines[middle:]])
    return pasted, middle + 2


def _source_paragraph(texts: dict[str, str]) -> tuple[str, int]:
    lines = texts[SOURCE].split("\n")
    line = next(n for n, text in enumerate(lines, 1) if text.startswith(PASTED))
    return lines[line - 1], line


def test_the_corpus_alone_has_no_cross_document_copy() -> None:
    """The consecutive national reports share standard paragraphs (the thanks, 一国两制, the
    communiqués' notes and this year's figures on last year's pattern): all silent."""
    assert _d104(_corpus()) == []


@pytest.mark.parametrize("edited", [False, True], ids=["verbatim", "two-words-changed"])
def test_a_paragraph_pasted_from_another_report_is_found(edited: bool) -> None:
    texts = _corpus()
    paragraph, source_line = _source_paragraph(texts)
    if edited:
        paragraph = paragraph.replace("全力打造", "加快建设").replace("初步建成", "基本建成")
        assert paragraph.count("加快建设") == 1 and paragraph.count("基本建成") == 1
    pasted, line = _paste(texts, paragraph)
    found = _d104(pasted)
    assert [(d.path, d.location.line) for d in found] == [(TARGET, line)]
    (related,) = found[0].related
    assert (related.path, related.line) == (SOURCE, source_line)
    if edited:
        assert f"本段与{SOURCE}第{source_line}行的段落高度相似（相似度9" in found[0].message.zh
    else:
        assert found[0].message.zh == (
            f"本段与{SOURCE}第{source_line}行的段落完全相同，疑为从该文稿粘贴"
        )


def test_the_later_document_is_reported_whatever_the_path_order(tmp_path: Path) -> None:
    paragraph = (
        "过去一年，我们坚持稳中求进工作总基调，统筹推进生态保护和高质量发展，全省经济运行总体平稳、"
        "稳中有进，人民群众获得感幸福感安全感持续增强，社会大局和谐稳定。"
    )
    earlier = tmp_path / "b.txt"
    later = tmp_path / "a.txt"  # first in path order, but written a year later
    earlier.write_text(f"政府工作报告\n\n——2023年1月15日在某省人民代表大会上\n\n{paragraph}\n")
    later.write_text(f"政府工作报告\n\n——2024年1月27日在某省人民代表大会上\n\n{paragraph}\n")
    docs = [Document(str(p), p.read_text()) for p in (later, earlier)]
    found = api.run_checks(api.make_engine(select=["D104"]), docs)
    assert [(d.path, d.related[0].path) for d in found] == [(str(later), str(earlier))]


def test_a_paragraph_in_three_documents_is_a_formula() -> None:
    paragraph = (
        "一年来，援青干部人才扎根高原，围绕产业帮扶、就业帮扶、消费帮扶持续发力，累计实施帮扶项目"
        "42个，带动当地群众增收致富，受援地群众的获得感、幸福感、安全感不断增强。"
    )
    two = {f"r{i}.txt": f"工作总结\n\n{paragraph}\n" for i in range(2)}
    assert len(_d104(two)) == 1
    three = {f"r{i}.txt": f"工作总结\n\n{paragraph}\n" for i in range(3)}
    assert _d104(three) == []


def test_document_dates() -> None:
    def date(text: str) -> DocumentDate | None:
        return document_date(Document("d.txt", text))

    assert date("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n") == (
        DocumentDate(2024, 3, 5)
    )
    assert date("2021年成都市国民经济和社会发展统计公报\n成都市统计局\n2022年3月25日\n") == (
        DocumentDate(2022, 3, 25)
    )
    assert date("对口支援工作总结（二〇二三年）\n\n正文。\n") == DocumentDate(2023)
    assert date("各位代表：\n\n现在，我代表国务院，向大会报告政府工作。\n") is None
    assert copies.written_before(DocumentDate(2023), DocumentDate(2023, 3, 5)) is None
    assert copies.written_before(DocumentDate(2022, 3, 25), DocumentDate(2023)) is True


def _run(n: int) -> dict[str, str]:
    """``n`` reports: each three paragraphs of its own, a formula all share, and every tenth a
    paragraph of the one before it with two words changed."""
    rnd = random.Random(n)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    formula = "各位代表！" + "".join(rnd.choice(han) for _ in range(80)) + "。"
    texts: dict[str, str] = {}
    previous = ""
    for i in range(n):
        own = ["".join(rnd.choice(han) for _ in range(90)) + "。" for _ in range(3)]
        body = [*own, formula]
        if i % 10 == 9:
            body.append(previous[:20] + "改动" + previous[22:60] + "两处" + previous[62:])
        previous = own[0]
        texts[f"report{i:04d}.txt"] = "\n\n".join(body) + "\n"
    return texts


def _join_work(n: int) -> int:
    corpus = Corpus([Document(name, text) for name, text in _run(n).items()])
    for doc in corpus:
        doc.view(COPY_SOURCES)  # computed with the document rules (or cached), not by the join
    found: list[object] = []
    work = lines_run(lambda: found.append(corpus.view(cross_copies)), (copies,))
    assert len(found[0]) == n // 10  # type: ignore[arg-type]
    return work


def test_the_join_grows_with_the_paragraphs_not_the_pairs_of_documents() -> None:
    small = _join_work(200)
    large = _join_work(400)
    assert large <= RATIO * small, (small, large)


# ---- C104: the short names of autonomous areas, with a fact sheet ----------------------------


def _c104(text: str, sheet: FactSheet) -> list[str]:
    engine = api.make_engine(select=["C104"])
    engine.config.facts = sheet
    return [d.message.zh for d in api.run_checks(engine, [Document("a.txt", text)])]


def test_c104_takes_full_names_from_the_fact_sheet_and_accepts_its_aliases() -> None:
    text = "组织专家赴黄南州、河南县开展义诊。\n"
    assert _c104(text, FactSheet()) == []
    sheet = FactSheet(names={"黄南藏族自治州": ("黄南",), "河南蒙古族自治县": ("河南县",)})
    assert _c104(text, sheet) == ["“黄南州”是“黄南藏族自治州”的简称，民族自治地方的名称应使用全称"]


def test_normalise_removes_every_white_space_character() -> None:
    """The comparison form has no white space: a text printable and without a space is taken as
    it is (no search), which holds because every other character of ``\\s`` is unprintable."""
    import sys

    import regex
    from factlint.facts.duplicates import normalise

    spaces = regex.findall(r"\s", "".join(map(chr, range(sys.maxunicode + 1))))
    assert len(spaces) >= 20
    for space in spaces:
        assert normalise(f"全市{space}生产总值，增长（8%）") == "全市生产总值,增长(8%)"
    assert normalise("全市生产总值增长8%") == "全市生产总值增长8%"
    assert normalise("a\x1fb") == "a\x1fb"  # unprintable, but not white space to regex

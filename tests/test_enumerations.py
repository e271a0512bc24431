"""The enumeration view: lists, their items, labels and count claims, with spans that map back."""

from __future__ import annotations

import gc
import hashlib
import json
import pickle
import tracemalloc
from pathlib import Path

import pytest
from factlint.facts import enumerations as enumerations_module
from factlint.facts.enumerations import ENUMERATIONS, Enumeration, Item, clean_text
from factlint.inputs.reading import document_for
from factlint.model import Span
from factlint.text.document import PROTECTED, Document
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared

DOCUMENTS = Path(__file__).resolve().parent.parent / "fixtures" / "documents"


def enumerations(text: str) -> tuple[Enumeration, ...]:
    return document_for("e.txt", text).view(ENUMERATIONS)


def labelled(text: str) -> list[tuple[str, int, tuple[tuple[str, int], ...], list[str], bool]]:
    return [
        (e.label.text, e.claim.total, e.claim.parts, [i.text for i in e.items], e.open)
        for e in enumerations(text)
        if e.label is not None and e.claim is not None
    ]


def assert_spans_map_back(doc: Document) -> None:
    for e in doc.view(ENUMERATIONS):
        assert 0 <= e.span.start <= e.span.end <= len(doc.text)
        assert len(e.items) >= 2
        for item in e.items:
            assert e.span.contains(item.span)
            assert item.text and clean_text(doc.slice(item.span)) == item.text
        if e.label is not None:
            assert e.label.text and clean_text(doc.slice(e.label.span)) == e.label.text
        if e.claim is not None:
            assert 0 <= e.claim.span.start <= e.claim.span.end <= len(doc.text)
            assert e.claim.total == sum(v for _, v in e.claim.parts) or not e.claim.parts


# ---- the seed lists, which match their counts ----------------------------------------------

SEED_LISTS = {
    # label: (file prefix, expected items)
    "三交": ("000", ["交往", "交流", "交融"]),
    "六名进黄南": ("000", ["名师", "名医", "名家", "名匠", "名企", "名牌"]),
    "四位一体": ("000", ["政府", "企业", "社会组织", "个人"]),
    "四大工程": ("000", ["铸魂", "固本", "强基", "暖心"]),
    "五大中心": (
        "001",
        ["胸痛中心", "创伤中心", "卒中中心", "危重孕产妇救治中心", "儿童和危重新生儿救治中心"],
    ),
    "四地": (
        "001",
        [
            "世界级盐湖产业基地",
            "打造国家清洁能源产业高地",
            "国际生态旅游目的地",
            "绿色有机农畜产品输出地",
        ],
    ),
}


def seed(prefix: str) -> Document:
    path = next(DOCUMENTS.glob(f"{prefix}_*.txt"))
    return document_for(path.name, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("label", sorted(SEED_LISTS))
def test_seed_lists_are_parsed_with_their_counts(label: str) -> None:
    prefix, items = SEED_LISTS[label]
    found = [
        e for e in seed(prefix).view(ENUMERATIONS) if e.label is not None and e.label.text == label
    ]
    assert len(found) == 1
    enum = found[0]
    assert [i.text for i in enum.items] == items
    assert enum.claim is not None and enum.claim.total == len(items) == enum.count
    assert not enum.open


@pytest.mark.parametrize(("prefix", "last"), [("000", "河南蒙古族自治县"), ("001", "河南县")])
def test_seed_yishi_sanxian_is_a_composite_claim_that_matches(prefix: str, last: str) -> None:
    found = [e for e in seed(prefix).view(ENUMERATIONS) if e.label and e.label.text == "一市三县"]
    assert len(found) == 1
    enum = found[0]
    assert [i.text for i in enum.items] == ["同仁市", "尖扎县", "泽库县", last]
    assert enum.claim is not None
    assert enum.claim.total == 4 and enum.claim.parts == (("市", 1), ("县", 3))
    assert enum.shape == "bracketed"


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_seed_spans_map_back(prefix: str) -> None:
    assert_spans_map_back(seed(prefix))


# ---- constructions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "实施“教育”“医疗”“就业”三大工程。",
            [("三大工程", 3, (), ["教育", "医疗", "就业"], False)],
        ),
        (
            "实施“教育”、“医疗”和“就业”三大工程。",
            [("三大工程", 3, (), ["教育", "医疗", "就业"], False)],
        ),
        (
            "建成“五大中心”（胸痛中心、创伤中心、卒中中心、危重孕产妇救治中心、儿童和危重新生儿救治中心）。",
            [
                (
                    "五大中心",
                    5,
                    (),
                    [
                        "胸痛中心",
                        "创伤中心",
                        "卒中中心",
                        "危重孕产妇救治中心",
                        "儿童和危重新生儿救治中心",
                    ],
                    False,
                )
            ],
        ),
        (
            "惠及两区一县（城东区、城西区和湟源县）群众。",
            [("两区一县", 3, (("区", 2), ("县", 1)), ["城东区", "城西区", "湟源县"], False)],
        ),
        (
            "重点推进教育、医疗和就业等三个方面。",
            [("三个方面", 3, (), ["教育", "医疗", "就业"], False)],
        ),
        (
            "涵盖教育、医疗、农牧、社保等30多个重点领域。",
            [("30多个重点领域", 30, (), ["教育", "医疗", "农牧", "社保"], True)],
        ),
        (
            "先后在北京、上海等10个城市举办推介活动。",
            [("10个城市举办推介", 10, (), ["北京", "上海"], True)],
        ),
        (
            "全年抓好三大任务：稳增长、促改革、调结构。",
            [("三大任务", 3, (), ["稳增长", "促改革", "调结构"], False)],
        ),
        (
            "做好农村集体产权制度、土地确权、“三权”分置、农企利益联结四项改革。",
            [
                (
                    "四项改革",
                    4,
                    (),
                    ["农村集体产权制度", "土地确权", "三权分置", "农企利益联结"],
                    False,
                )
            ],
        ),
        (
            "建立政府、企业、社会组织、个人“四位一体”的机制。",
            [("四位一体", 4, (), ["政府", "企业", "社会组织", "个人"], False)],
        ),
    ],
)
def test_constructions(
    text: str, expected: list[tuple[str, int, tuple[tuple[str, int], ...], list[str], bool]]
) -> None:
    assert labelled(text) == expected
    assert_spans_map_back(document_for("e.txt", text))


def test_open_list_without_count() -> None:
    (enum,) = enumerations("举办“青少年逐梦计划”“足球援青”等一系列活动。")
    assert enum.open and enum.claim is None
    assert [i.text for i in enum.items] == ["青少年逐梦计划", "足球援青"]
    assert enum.shape == "quoted"


def test_final_connective_splits_the_last_item() -> None:
    (enum,) = enumerations("支持教育、卫生、文化和体育事业。")
    assert [i.text for i in enum.items][-2:] == ["文化", "体育事业"]


@pytest.mark.parametrize(
    "text",
    [
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        "坚持马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想。",
        "跻身全球第三大加油港、增长11.6%。",
        "推行一县一策（同仁、尖扎、泽库）。",
        "推进一体化（交通、能源、信息）。",
    ],
)
def test_words_with_numerals_are_not_claims(text: str) -> None:
    assert labelled(text) == []


def test_item_text_drops_layout_spaces_and_quotes() -> None:
    doc = document_for(
        "e.txt",
        '助力"五大中心"(胸痛中心、 创伤中心、卒中中心、危重孕产妇救治中心、儿童 和危重新生儿救治中心)。',
    )
    (enum,) = doc.view(ENUMERATIONS)
    assert enum.label is not None and enum.label.text == "五大中心"
    assert doc.slice(enum.label.span) == "五大中心"
    assert enum.items[-1].text == "儿童和危重新生儿救治中心"
    assert doc.slice(enum.items[-1].span) == "儿童 和危重新生儿救治中心"
    assert_spans_map_back(doc)


# ---- properties ------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        *'一二两三四五十大个项市县地中心工程等和及与、，。“”"（）()：即第的 ',
        *["1", "20", "多", "\n", "\n\n", "位一体", "方面", "以及", "等等", "铸魂", "同仁市"],
    ]
)


# whole lists, bracketed or inline, with or without a label, for the pieces to cut up and surround
_LISTS = st.builds(
    lambda label, items, bracket: label + ("（%s）" if bracket else "%s") % "、".join(items),
    st.sampled_from(["", "三大中心", "一市三县", "四大工程", "五个方面"]),
    st.lists(
        st.sampled_from(["胸痛中心", "创伤中心", "同仁市", "尖扎县", "铸魂", "强基"]),
        min_size=2,
        max_size=5,
    ),
    st.booleans(),
)


def test_extraction_never_crashes_and_spans_map_back() -> None:
    found: list[int] = []

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.one_of(_PIECES, _LISTS), max_size=80).map("".join))
    def maps_back(text: str) -> None:
        doc = document_for("h.txt", text)
        assert_spans_map_back(doc)
        found.append(len(doc.view(ENUMERATIONS)))

    maps_back()
    # with whole lists among the pieces, many examples must hold an enumeration (seen: a third;
    # without _LISTS, none of 400 did)
    assert sum(1 for n in found if n) * 10 >= len(found), f"enumerations per example: {found}"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))  # arbitrary text holds no list as a rule: only the spans are checked
def test_extraction_never_crashes_on_any_text(text: str) -> None:
    assert_spans_map_back(document_for("h.txt", text))


# ---- the view unchanged on real reports; compact on dense hostile input --------------------


DIGESTS = Path(__file__).resolve().parent / "data" / "enumerations_digest.json"


def view_digest(doc: Document) -> dict[str, object]:
    """Every enumeration of ``doc`` as the rules see it, hashed: its count and a sha256."""
    rows = []
    for e in doc.view(ENUMERATIONS):
        label = None if e.label is None else [e.label.span.start, e.label.span.end, e.label.text]
        claim = None
        if e.claim is not None:
            c = e.claim
            claim = [c.span.start, c.span.end, c.total, [list(p) for p in c.parts], c.exact]
        items = [[i.span.start, i.span.end, i.text] for i in e.items]
        rows.append([e.span.start, e.span.end, e.shape, e.open, e.count, items, label, claim])
    encoded = json.dumps(rows, ensure_ascii=False).encode("utf-8")
    return {"enumerations": len(rows), "sha256": hashlib.sha256(encoded).hexdigest()}


def digest_inputs() -> list[Path]:
    """The bundled documents and the shared corpus (the reports the digests were taken on)."""
    documents = sorted(p for p in DOCUMENTS.iterdir() if p.suffix in (".txt", ".md"))
    return documents + sorted(shared("corpus").glob("*.txt"))


def test_view_is_unchanged_on_the_bundled_documents_and_the_corpus() -> None:
    """The digests in tests/data/enumerations_digest.json were taken with the view as it stood
    before it was made compact (factlint 0.x, commit bf12e66); any change to a list, item, span,
    label or claim on these reports changes a digest."""
    expected = json.loads(DIGESTS.read_text(encoding="utf-8"))
    inputs = digest_inputs()
    assert len(inputs) >= 20 and set(expected) == {p.name for p in inputs}
    for path in inputs:
        doc = document_for(path.name, path.read_text(encoding="utf-8"))
        assert view_digest(doc) == expected[path.name], path.name


def test_view_digest_sees_a_changed_item() -> None:
    """The digest is sensitive to one item's text (the comparison above can fail)."""
    a = document_for("a.txt", "政府、企业、社会组织、个人“四位一体”的格局。")
    b = document_for("b.txt", "政府、企业、社会团体、个人“四位一体”的格局。")
    assert view_digest(a) != view_digest(b)


@pytest.mark.parametrize(
    ("unit", "bound"),
    [
        ("1、2、3、", 30),
        ("1、2、3、\n", 30),
        ("甲乙、丙丁、戊己、", 30),
        ("甲乙、丙丁、戊己\n", 30),
    ],
)
def test_a_list_dense_text_costs_few_bytes_per_character(unit: str, bound: int) -> None:
    """Memory held by the view on nothing but lists (issue 11), within the run's budget of 100
    bytes per input character. Before items were stored compactly the view held 84-86 bytes per
    character on one paragraph of lists and 116 on one list per line; now 0 (bare numbers are no
    list), 8 and about 56 (an Enumeration, its span and its items per line); since the lists are
    stored in columns (issue 15), 0, 3 and about 18 (most of it the lines of the block, made while
    the lists are read)."""
    text = unit * 20_000
    doc = Document("dense.txt", text)
    doc.view(PROTECTED)  # the blocks and protected spans are not measured
    gc.collect()
    tracemalloc.start()
    try:
        found = doc.view(ENUMERATIONS)
        held, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held < bound * len(text), held / len(text)
    assert bool(found) == (not unit[0].isdigit())  # bare numbers are no list; names are


def test_items_read_back_as_items() -> None:
    """The compact items behave as a tuple of Item: indexing, slices, equality, pickling."""
    (enum,) = enumerations("政府、企业、社会组织、个人“四位一体”的格局。")
    items = enum.items
    assert [i.text for i in items] == list(items.texts) == ["政府", "企业", "社会组织", "个人"]
    assert items[-1] == Item(Span(11, 13), "个人") == tuple(items)[3]
    assert items[1:3] == tuple(items)[1:3] and len(items) == enum.count == 4
    assert items == tuple(items) and hash(items) == hash(tuple(items))
    assert pickle.loads(pickle.dumps(enum)) == enum
    with pytest.raises(IndexError):
        items[4]


def test_lists_read_back_as_lists() -> None:
    """The lists stored in columns behave as a tuple of Enumeration: indexing, slices, equality,
    pickling (without the document's text); the column readers agree with the objects."""
    text = "推进一县一策（同仁、尖扎、泽库）。政府、企业、社会组织、个人“四位一体”的格局。\n\n“铸魂”“固本”“强基”四大工程。"
    doc = document_for("e.txt", text + "这是一段很长的说明文字。" * 2000)
    enums = doc.view(ENUMERATIONS)
    listed = list(enums)
    assert len(enums) == len(listed) == 3 and [e.shape for e in listed] == [
        "bracketed",
        "inline",
        "quoted",
    ]
    assert enums[-1] == listed[2] and enums[0:2] == tuple(listed[:2]) == enums[:2]
    assert enums == tuple(listed) and hash(enums) == hash(tuple(listed))
    with pytest.raises(IndexError):
        enums[3]
    assert [e.label.text for e in enums.labelled() if e.label] == ["四位一体", "四大工程"]
    assert list(enums.labelled()) == [e for e in listed if e.label is not None]
    assert list(enums.starts()) == [e.span.start for e in listed]
    for i, e in enumerate(listed):
        assert list(enums.item_bounds(i)) == list(e.items.bounds())
        assert [(i.span.start, i.span.end) for i in e.items] == list(e.items.bounds())
        assert [i.text for i in e.items] == list(e.items.texts)
    pickled = pickle.dumps(enums, pickle.HIGHEST_PROTOCOL)
    assert len(pickled) < 2000 < len(doc.text)  # the items' texts, not the document's
    again = pickle.loads(pickled)
    assert again == enums and [e.items.texts for e in again] == [e.items.texts for e in enums]
    assert list(again.labelled()) == list(enums.labelled())
    assert pickle.loads(pickle.dumps(enums[1])) == enums[1]


def test_item_texts_are_cut_from_the_document_and_cleaned_ones_kept() -> None:
    """An item's text is cut from the document's text when read, not held as a copy: lists of long
    names, all different, cost the view a few bytes a character; an item whose text is not its
    span's (a layout space inside) keeps its clean text, also once pickled."""
    names = [
        "".join(chr(0x4E00 + (7 * i + 13 * j) % 20000) for j in range(12)) for i in range(6000)
    ]
    text = "".join("、".join(names[k : k + 3]) + "。\n\n" for k in range(0, len(names), 3))
    doc = Document("names.txt", text)
    doc.view(PROTECTED)
    gc.collect()
    tracemalloc.start()
    try:
        found = doc.view(ENUMERATIONS)
        held = tracemalloc.take_snapshot().filter_traces(
            [tracemalloc.Filter(True, enumerations_module.__file__)]
        )
    finally:
        tracemalloc.stop()
    assert len(found) == 2000 and [i.text for i in found[5].items] == names[15:18]
    size = sum(stat.size for stat in held.statistics("filename"))
    assert size < 4 * len(text), size / len(text)  # copies of the names: ~70 bytes an item more
    spaced = document_for("s.txt", "建成“三大中心”（胸痛中心、创伤 中心、卒中中心）。")
    (enum,) = spaced.view(ENUMERATIONS)
    assert [i.text for i in enum.items] == ["胸痛中心", "创伤中心", "卒中中心"]
    assert spaced.slice(enum.items[1].span) == "创伤 中心"
    assert [i.text for i in pickle.loads(pickle.dumps(enum)).items] == [
        "胸痛中心",
        "创伤中心",
        "卒中中心",
    ]

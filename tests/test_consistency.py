"""Cross-document consistency views and rules on runs of several documents: the report year read
from a title, and C101 on lists that legitimately changed between the reports of two years."""

from __future__ import annotations

import pytest
from factlint.facts.corpus import Corpus
from factlint.inputs.reading import document_for
from factlint.language.consistency import document_year
from factlint.rule import NoOptions
from factlint.rules.list_member_conflict import check


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("南阳县2022年政府工作报告", 2022),
        ("南阳县对口支援海南州工作总结（2023年）", 2023),
        ("二〇二四年度工作要点", 2024),
        ("“十四五”规划（2021—2025年）中期评估", None),
        ("天津对口支援青海省黄南州", None),
        ("2022年，全县经济平稳运行，" + "地区生产总值稳步增长" * 6 + "。", None),
    ],
)
def test_document_year_from_the_title(title: str, year: int | None) -> None:
    assert document_year(document_for("r.txt", f"{title}\n\n正文。\n")) == year


def _c101(*texts: str) -> list[tuple[str, str]]:
    docs = [document_for(f"r{i}.txt", text) for i, text in enumerate(texts)]
    corpus = Corpus(docs)
    return [(f.path or "", f.message.zh) for f in check(corpus, NoOptions())]


_2022 = "南阳县2022年工作总结\n\n推进“三大工程”（项目建设工程、乡村振兴工程、民生保障工程）。\n"
_2024 = "南阳县2024年工作总结\n\n推进“三大工程”（项目建设工程、乡村振兴工程、文旅融合工程）。\n"


def test_list_changed_between_the_reports_of_two_years_is_not_reported() -> None:
    assert _c101(_2022, _2024) == []


def test_list_changed_within_one_year_is_reported() -> None:
    other = _2024.replace("文旅融合工程", "民生保障工程")
    assert _c101(other, _2024) == [
        ("r1.txt", "“三大工程”的成员“文旅融合工程”在别处写作“民生保障工程”")
    ]


def test_list_without_a_year_is_compared_with_every_year() -> None:
    undated = _2024.replace("南阳县2024年工作总结", "南阳县工作总结")
    assert _c101(_2022, undated) == [
        ("r1.txt", "“三大工程”的成员“文旅融合工程”在别处写作“民生保障工程”")
    ]


def test_short_name_is_reported_across_years() -> None:
    full = "2022年工作总结\n\n“一市三县”（同仁市、尖扎县、泽库县、河南蒙古族自治县）。\n"
    short = "2023年工作总结\n\n“一市三县”（同仁市、尖扎县、泽库县、河南县）。\n"
    assert _c101(full, full.replace("2022", "2021"), short) == [
        ("r2.txt", "“一市三县”的成员“河南县”在别处写作“河南蒙古族自治县”")
    ]


def test_one_character_changed_in_a_long_name_is_reported_across_years() -> None:
    slip = _2024.replace("文旅融合工程", "民生保证工程").replace("2024", "2025")
    assert _c101(_2022, slip) == [
        ("r1.txt", "“三大工程”的成员“民生保证工程”在别处写作“民生保障工程”")
    ]

"""The fact model (FIGURES): what each figure measures, when, and whether it is a goal; and C103
across the documents of a run."""

from __future__ import annotations

import pytest
from factlint.facts.corpus import Corpus
from factlint.facts.figures import FIGURES, Figure, document_context
from factlint.inputs.reading import document_for
from factlint.rule import NoOptions
from factlint.rules.figure_conflict import check

TITLE = "黄南州2023年工作总结\n\n"


def _figure(sentence: str, at: str, title: str = TITLE) -> Figure:
    doc = document_for("r.txt", title + sentence + "\n")
    found = [f for f in doc.view(FIGURES) if f.text == at]
    assert len(found) == 1, [f.text for f in doc.view(FIGURES)]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "at", "metric"),
    [
        ("累计选派医疗人才162名。", "162名", "医疗人才"),
        ("全市地区生产总值达到1234.5亿元。", "1234.5亿元", "地区生产总值"),
        ("其中医疗人才126名。", "126名", "医疗人才"),
        ("今年新建学校6所。", "6所", "新建学校"),
        ("今年新建6所学校。", "6所", "新建学校"),
        ("城镇新增就业1.2万人。", "1.2万人", "城镇新增就业"),
        ("年末常住人口25.3万人。", "25.3万人", "常住人口"),
        ("州人民医院综合楼项目总投资3.6亿元。", "3.6亿元", "州人民医院综合楼项目总投资"),
        ("全年粮食总产量274.3万吨，比上年增长2.1%。", "2.1%", "粮食总产量"),
        ("城镇居民人均可支配收入实际增长7%。", "7%", "城镇居民人均可支配收入"),
    ],
)
def test_metric(sentence: str, at: str, metric: str) -> None:
    assert _figure(sentence, at).metric == metric


@pytest.mark.parametrize(
    ("sentence", "at", "period", "cumulative"),
    [
        ("2022年，全县地区生产总值完成86.2亿元。", "86.2亿元", "2022", False),
        ("去年全州地区生产总值增长5.2%。", "5.2%", "2022", False),
        ("今年全州地区生产总值增长6%左右。", "6%左右", "2023", False),
        ("全州地区生产总值比上年增长8.6%。", "8.6%", "2023", False),  # a summary of 2023
        ("“十四五”以来，累计新增就业6.2万人。", "6.2万人", "cum:r.txt:2023", True),
        ("过去一年，全州新增就业1.2万人。", "1.2万人", "2022", False),
        ("过去五年，全州累计新增就业6.2万人。", "6.2万人", "cum:r.txt:2023", True),
        ("2013—2017年，全市城镇新增就业6.6万人。", "6.6万人", "2013-2017", True),
    ],
)
def test_period(sentence: str, at: str, period: str, cumulative: bool) -> None:
    f = _figure(sentence, at)
    assert (f.period, f.cumulative) == (period, cumulative)


@pytest.mark.parametrize(
    ("sentence", "at", "target"),
    [
        ("主要预期目标是：地区生产总值增长6%左右。", "6%左右", True),
        ("力争全年接待游客突破500万人次。", "500万人次", True),
        ("城镇新增就业1.1万人以上。", "1.1万人以上", True),
        ("2023年，全州接待游客520万人次。", "520万人次", False),
        ("全年一般公共预算收入3586亿元。", "3586亿元", False),
        ("主要经济指标较快增长，城镇新增就业1.2万人。", "1.2万人", False),
        ("全年将新建学校12所。", "12所", True),
    ],
)
def test_target(sentence: str, at: str, target: bool) -> None:
    assert _figure(sentence, at).target is target


def test_change_approximation_precision_and_entity() -> None:
    growth = _figure("2023年，同仁市地区生产总值增长8.6%。", "8.6%")
    assert (growth.change, growth.entity, growth.precision) == ("+", "同仁", pytest.approx(0.1))
    fall = _figure("2023年，全州单位生产总值能耗下降3.2%。", "3.2%")
    assert (fall.change, fall.entity) == ("-", "黄南")
    approx = _figure("三年来，累计培训当地医务人员1000余人次。", "1000余人次")
    assert (approx.approx, approx.value, approx.precision) == ("余", 1000.0, 1000.0)
    money = _figure("2023年，全州旅游综合收入18.51亿元。", "18.51亿元")
    assert (money.unit, money.value, money.precision) == ("元", 1.851e9, pytest.approx(1e6))


def test_dates_years_and_bare_numbers_are_not_figures() -> None:
    doc = document_for("r.txt", TITLE + "2023年3月5日，全州共有学校12所，会期7天，第3次会议。\n")
    assert [f.text for f in doc.view(FIGURES)] == ["12所"]


def test_document_year_and_place_from_the_title_or_date_line() -> None:
    bulletin = document_for("b.txt", "2021年成都市国民经济和社会发展统计公报\n\n正文。\n")
    assert document_context(bulletin).year == 2021
    assert document_context(bulletin).place == "成都"
    assert document_context(bulletin).bulletin
    report = document_for(
        "g.txt",
        "政府工作报告\n——2016年2月19日在海拉尔区第十四届人民代表大会第五次会议上\n\n正文。\n",
    )
    assert (document_context(report).year, document_context(report).place) == (2016, "海拉尔")


def _c103(*texts: str) -> list[tuple[str, str]]:
    corpus = Corpus([document_for(f"r{i}.txt", t) for i, t in enumerate(texts)])
    return [(f.path or "", f.message.zh) for f in check(corpus, NoOptions())]


def test_conflict_across_two_documents_is_reported_at_the_later() -> None:
    work = "同仁市2023年政府工作报告\n\n2023年，全市地区生产总值增长8.6%。\n"
    bulletin = "2023年同仁市国民经济和社会发展统计公报\n\n全年全市地区生产总值比上年增长6.8%。\n"
    assert _c103(work, bulletin) == [("r1.txt", "“6.8%”与r0.txt第3行“8.6%”不一致（疑为数字颠倒）")]


def test_next_years_work_report_says_last_year_of_the_bulletins_year() -> None:
    bulletin = "黄南州2023年国民经济和社会发展统计公报\n\n全年全州地区生产总值135.2亿元，比上年增长8.6%。\n"
    report = "黄南州2024年政府工作报告\n\n过去一年，全州地区生产总值135.2亿元，增长6.8%。\n"
    assert _c103(bulletin, report) == [
        ("r1.txt", "“6.8%”与r0.txt第3行“8.6%”不一致（疑为数字颠倒）")
    ]


def test_the_fact_sheets_aliases_name_one_place() -> None:
    from factlint.facts.sheet import FactSheet

    a = "2023年河南蒙古族自治县国民经济和社会发展统计公报\n\n全年全县地区生产总值增长8.6%。\n"
    b = "2023年河南县国民经济和社会发展统计公报\n\n全年全县地区生产总值增长6.8%。\n"
    documents = [document_for(f"r{i}.txt", t) for i, t in enumerate((a, b))]
    sheet = FactSheet(names={"河南蒙古族自治县": ("河南县",)})
    found = [f.message.zh for f in check(Corpus(documents, sheet), NoOptions())]
    assert found == ["“6.8%”与r0.txt第3行“8.6%”不一致（疑为数字颠倒）"]
    assert _c103(a, b) == []  # without the sheet: two names, two places


def test_same_metric_of_two_places_across_documents_is_silent() -> None:
    a = "2023年同仁市国民经济和社会发展统计公报\n\n全年全市地区生产总值比上年增长6.8%。\n"
    b = "2023年尖扎县国民经济和社会发展统计公报\n\n全年全县地区生产总值比上年增长8.6%。\n"
    assert _c103(a, b) == []


def test_same_metric_of_two_years_across_documents_is_silent() -> None:
    a = "2022年同仁市国民经济和社会发展统计公报\n\n全年全市地区生产总值比上年增长6.8%。\n"
    b = "2023年同仁市国民经济和社会发展统计公报\n\n全年全市地区生产总值比上年增长8.6%。\n"
    assert _c103(a, b) == []


def test_wan_and_yi_across_documents() -> None:
    a = "黄南州对口支援工作总结（2023年）\n\n2023年，州人民医院综合楼项目总投资3.6亿元。\n"
    b = "黄南州对口支援项目汇编（2023年）\n\n2023年，州人民医院综合楼项目总投资3600万元。\n"
    assert _c103(a, b) == [("r1.txt", "“3600万元”与r0.txt第3行“3.6亿元”不一致（疑为万/亿混淆）")]


def test_a_fact_with_many_values_is_not_one_fact() -> None:
    text = TITLE + "".join(f"2023年，全州接待游客{n}万人次。\n\n" for n in (520, 610, 730))
    assert _c103(text) == []


def test_a_work_reports_undated_figures_are_of_its_section_only() -> None:
    # a 政府工作报告 reviews last year and plans this one: an undated figure has no year of its own
    report = "黄南州2024年政府工作报告\n\n"
    f = _figure("全州地区生产总值比上年增长8.6%。", "8.6%", title=report)
    assert f.period == "doc:r.txt:0"

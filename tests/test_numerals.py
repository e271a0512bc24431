"""The one reader of numbers: values of numeral spans, the fragments, and spans that map back."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
import regex
from factlint.facts.numerals import (
    ARABIC_MIXED,
    CHINESE_NUMERALS,
    RANGE_DASH,
    arabic_value,
    chinese_numeral,
    decimal,
    decimal_places,
    digitwise_value,
    find_numerals,
    integer_value,
    is_numeral_word,
    number_value,
    pair_value,
)
from hypothesis import example, given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("span", "value"),
    [
        ("3.6亿", 360_000_000.0),
        ("18.51亿", 1_851_000_000.0),
        ("1.2万", 12_000.0),
        ("3万亿", 3_000_000_000_000.0),
        ("1,000", 1000.0),
        ("1,234.5", 1234.5),
        ("0.07", 0.07),
        ("10亿零817万", 1_008_170_000.0),  # a compound: through cn2an
        ("3千万", 30_000_000.0),
        ("三", 3.0),
        ("两", 2.0),
        ("三十", 30.0),
        ("二十一", 21.0),
        ("一百六十", 160.0),
        ("一千零五", 1005.0),
        ("两万", 20_000.0),
        ("三千万", 30_000_000.0),
        ("三点五", 3.5),
        ("零", 0.0),
        ("〇", 0.0),
    ],
)
def test_number_value(span: str, value: float) -> None:
    assert number_value(span) == value


@pytest.mark.parametrize("span", ["", "万", "十四五", "abc", "，"])
def test_number_value_of_what_is_not_a_number(span: str) -> None:
    assert number_value(span) is None


def test_arabic_value_reads_digits_only() -> None:
    assert arabic_value("18.51亿") == 1_851_000_000.0  # exactly, not 18.51 * 1e8
    assert arabic_value("3.6亿") == 360_000_000.0
    assert arabic_value("三") is None
    assert arabic_value("10亿零817万") is None  # left to number_value


@pytest.mark.parametrize(
    ("span", "value"),
    [("3", 3), ("21", 21), ("三", 3), ("两", 2), ("十", 10), ("二十一", 21), ("一百", 100)],
)
def test_integer_value(span: str, value: int) -> None:
    assert integer_value(span) == value


@pytest.mark.parametrize("span", ["三五", "两三", "一体", "1.5", "大"])
def test_integer_value_is_strict(span: str) -> None:
    assert integer_value(span) is None


def test_approximations_of_neighbouring_digits() -> None:
    assert pair_value("两三") == 2
    assert pair_value("七八") == 7
    assert pair_value("三五") == 3
    assert pair_value("三十") is None
    assert pair_value("三") is None


def test_digitwise_value() -> None:
    assert digitwise_value("二〇二四") == 2024
    assert digitwise_value("二零一二") == 2012
    assert digitwise_value("二○二三") == 2023  # a white circle typed for 〇
    assert digitwise_value("二十") is None
    assert digitwise_value("") is None


def test_decimal_places() -> None:
    assert decimal_places("18.51亿") == 2
    assert decimal_places("5,000") == 0
    assert decimal_places("3.50") == 2


def test_chinese_numeral() -> None:
    assert chinese_numeral(12) == "十二"
    assert chinese_numeral(2) == "二"
    assert chinese_numeral(105) == "一百零五"


@pytest.mark.parametrize(
    ("span", "word"), [("百", True), ("万", True), ("点亮", True), ("十", False), ("一百", False)]
)
def test_numeral_words(span: str, word: bool) -> None:
    assert is_numeral_word(span) is word


def test_fragments() -> None:
    assert regex.fullmatch(decimal(3, 5, 4), "123.45")
    assert not regex.fullmatch(decimal(3, 5, 4), "99")
    assert not regex.fullmatch(decimal(1, 3, 0), "1.5")
    assert regex.fullmatch(ARABIC_MIXED, "10亿零817万")
    assert regex.fullmatch(ARABIC_MIXED, "1,234,567.89")
    dash = regex.compile(rf"(?:{RANGE_DASH})")
    assert all(dash.fullmatch(d) for d in ("～", "-", "至", "到", " — "))
    assert not dash.fullmatch("——")


def test_find_numerals() -> None:
    text = "共投入3.6亿元，建成三十余所学校，培训两三个月，运输2,345.5吨，落实“十四五”规划"
    found = [(n.text, n.value, n.arabic) for n in find_numerals(text)]
    assert found == [
        ("3.6亿", 360_000_000.0, True),
        ("三十", 30.0, False),
        ("两三", 2.0, False),  # an approximation: its lower value, never 23
        ("2,345.5", 2345.5, True),
    ]


def test_find_numerals_in_a_range() -> None:
    text = "投资9～16亿元"
    assert [(n.text, n.value) for n in find_numerals(text)] == [("9", 9.0), ("16亿", 1.6e9)]
    numerals = list(find_numerals(text, 3))  # offsets stay offsets of the text
    assert [text[n.span.start : n.span.end] for n in numerals] == ["16亿"]


def test_long_chinese_numeral_is_left_out_not_cut_short() -> None:
    assert list(find_numerals("一百五十八万一千一百一十一")) == []  # 13 characters


def test_importing_factlint_does_not_import_cn2an() -> None:
    code = (
        "import sys, factlint, factlint.facts.numerals, factlint.facts.quantities; "
        "assert 'cn2an' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---- properties -------------------------------------------------------------------------------

#: Han characters that are neither numerals nor approximation words: the context of a number.
_CONTEXT = "的是在了有和人这中大为上国我以要他时来用们生到作地于出就分对成会可主发动同工也能下过子说产面而方后定行学法所民得经"
_words = st.text(alphabet=_CONTEXT, max_size=6)


@st.composite
def _numbers(draw: st.DrawFn) -> tuple[str, float]:
    """A number as reports write it, with its value."""
    style = draw(st.sampled_from(["plain", "separated", "decimal", "magnitude", "chinese"]))
    n = draw(st.integers(min_value=0, max_value=10**11))
    if style == "plain":
        return str(n), float(n)
    if style == "separated":
        return f"{n:,}", float(n)
    if style == "chinese":
        written = chinese_numeral(n)
        if len(written) > 12:  # longer than the reader reads: see test_long_chinese_numeral
            written, n = chinese_numeral(n // 10**6), n // 10**6
        return written, float(n)
    whole = draw(st.integers(min_value=0, max_value=9999))
    frac = draw(st.integers(min_value=0, max_value=9999))
    written = f"{whole}.{frac}"
    if style == "decimal":
        return written, float(Decimal(written))
    magnitude, exponent = draw(st.sampled_from([("万", 4), ("亿", 8)]))
    return written + magnitude, float(f"{written}e{exponent}")


@given(_words, _numbers(), _words)
@example("", ("十", 10.0), "")
@example("有", ("零", 0.0), "人")
@example("", ("0", 0.0), "")
@settings(max_examples=300, deadline=None)
def test_a_written_number_is_read_back(before: str, number: tuple[str, float], after: str) -> None:
    written, value = number
    text = before + written + after
    found = list(find_numerals(text))
    assert found, f"no number found in {text!r}"
    assert [(n.text, n.value) for n in found] == [(written, value)]
    assert found[0].span.start == len(before)


@given(st.text(alphabet=_CONTEXT + CHINESE_NUMERALS + "0123456789.,点余多%万亿", max_size=40))
@settings(max_examples=300, deadline=None)
def test_every_numeral_span_maps_back(text: str) -> None:
    for n in find_numerals(text):
        assert text[n.span.start : n.span.end] == n.text
        assert n.text
        assert n.value == n.value  # not NaN


def test_the_short_integers_read_without_cn2an_are_read_as_cn2an_reads_them() -> None:
    """Every string of up to four numeral characters that the fast path reads (三, 十二, 三百零五,
    二〇三五, 百亿 …) has the reading cn2an gives it, in both modes (两 as "smart" reads it: 二); the
    rest go to cn2an."""
    import itertools

    import cn2an
    from factlint.facts import numerals

    def cn2an_reading(text: str, mode: str) -> float | None:
        try:
            return float(cn2an.cn2an(text, mode))
        except numerals._CN2AN_ERRORS:
            return None

    alphabet = "〇零一二三四五六七八九两十百千万亿"
    covered = 0
    for n in range(1, 5):
        for text in map("".join, itertools.product(alphabet, repeat=n)):
            known, smart = numerals._plain_reading(text.replace("两", "二"), smart=True)
            if known:
                covered += 1
                assert cn2an_reading(text, "smart") == smart, text
            known, strict = numerals._plain_reading(text, smart=False)
            if known:
                assert cn2an_reading(text, "strict") == strict, text
    assert covered > 1000  # digits of years, magnitude words, 两 forms too


def test_a_run_of_short_integers_does_not_import_cn2an() -> None:
    """三, 两, 二十一, 四百 are read without importing cn2an (0.3 s of start-up)."""
    code = (
        "import sys\n"
        "from factlint.facts.numerals import integer_value, number_value\n"
        "assert [number_value(t) for t in ('三', '两', '二十一', '四百', '两百零五')]"
        " == [3.0, 2.0, 21.0, 400.0, 205.0]\n"
        "assert [integer_value(t) for t in ('三', '两', '十二')] == [3, 2, 12]\n"
        "assert 'cn2an' not in sys.modules\n"
        "assert [number_value(t) for t in ('二〇三五', '万亿')] == [2035.0, None]\n"
        "assert 'cn2an' not in sys.modules\n"
        "assert number_value('10亿零817万') == 1008170000.0\n"
        "assert 'cn2an' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

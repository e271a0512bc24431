"""Numerals: the one reader of numbers. Every view and rule takes its numeral characters, regex
fragments and values from here.

Arabic numbers (1,000 / 18.51 / 1.2万 / 10亿零817万) are parsed directly where they are plain;
Chinese numerals (三 / 两 / 二十一 / 一百六十) go through cn2an, and only here, and only on a numeral
span — never on running text, where cn2an would turn 两三个 into 23个. cn2an takes 0.3 s to import:
it is imported inside the functions that need it, so ``import factlint`` stays fast.

The fragments are regex source text (not compiled patterns), so that each caller can put its own
context words and boundaries around them: a rule may keep its own regex for 百分百 or 占比, but the
number in it comes from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex
from factlint.model import Span

# ---- characters -------------------------------------------------------------------------------

#: The Chinese zeros: 〇 in numbers written digit by digit (二〇二四年), 零 in positional ones (一百零五).
ZERO = "〇零"
#: The Chinese digits one to nine.
ONE_TO_NINE = "一二三四五六七八九"
#: 两, the counting form of 二 (两所, 两万).
TWO = "两"
#: The positional numerals below ten thousand.
SMALL_UNITS = "十百千"
#: The large positional numerals (myriads).
LARGE_UNITS = "万亿"
#: The Chinese decimal point (三点五).
POINT = "点"
#: The numeral characters of a small count (一 … 九十九) as group names write it: 三大, 一市三县.
COUNT_NUMERALS = ONE_TO_NINE + TWO + "十"
#: Every Chinese digit character: 〇零一二三四五六七八九两.
CHINESE_DIGITS = ZERO + ONE_TO_NINE + TWO
#: Every Chinese numeral character, digits and positional numerals: 〇零一…九两十百千万亿.
CHINESE_NUMERALS = CHINESE_DIGITS + SMALL_UNITS + LARGE_UNITS
#: The percent signs, half-width and full-width.
PERCENT = "%％"
#: The per-mille sign.
PERMILLE = "‰"

#: The value of every digit character; ○ (a white circle typed for 〇) is read as zero too.
DIGIT_VALUES: dict[str, int] = {
    **dict.fromkeys("〇零○", 0),
    **{c: i for i, c in enumerate(ONE_TO_NINE, start=1)},
    TWO: 2,
}
#: The value of every positional numeral, and of the magnitude 万亿 written after digits.
UNIT_VALUES: dict[str, int] = {
    "十": 10,
    "百": 100,
    "千": 1000,
    "万": 10**4,
    "亿": 10**8,
    "万亿": 10**12,
}

# ---- regex fragments --------------------------------------------------------------------------


def decimal(min_digits: int = 1, max_digits: int = 15, max_decimals: int = 8) -> str:
    """An Arabic number without separators, ``\\d{min,max}(?:\\.\\d{1,decimals})?``: 3, 18.5.

    The bounds are the caller's: a share above 100% has 3 to 5 digits, a rate 1 to 3; with
    ``max_decimals`` 0 the number is a whole one.
    """
    whole = rf"\d{{{min_digits},{max_digits}}}"
    return whole + (rf"(?:\.\d{{1,{max_decimals}}})?" if max_decimals else "")


#: An Arabic number with optional thousands separators and decimals: 5, 1,200, 18.51.
ARABIC = r"\d{1,15}(?:,\d{3}){0,5}(?:\.\d{1,8})?"
#: An Arabic number with an optional magnitude, the mixed form of reports: 1.2万, 18.51亿, 10亿零817万.
ARABIC_MIXED = rf"{ARABIC}(?:亿(?:零?\d{{1,4}}(?:\.\d{{1,4}})?万)?|万)?"
#: A Chinese numeral as reports write it (三, 二十一, 一百六十, 三点五, 两万).
CHINESE = rf"[{CHINESE_NUMERALS}{POINT}]{{1,12}}"
#: A short Chinese numeral without 万亿 or a decimal point (三, 二十, 一百六十), as a unit follows it.
CHINESE_SHORT = rf"[{CHINESE_DIGITS}{SMALL_UNITS}]{{1,8}}"
#: The magnitudes written after digits, longest first: 万亿, 亿, 万.
MAGNITUDE = "万亿|亿|万"
#: A suffix that makes a number approximate: 三十余, 20多.
APPROX_SUFFIX = "余|多"
#: A word before a number that makes it approximate: 约, 近, 超过, 逾.
APPROX_PREFIX = "超过|将近|大约|约|近|超|逾"
#: A word after a number (and its unit) that makes it approximate: 左右, 上下, 以上.
APPROX_POST = "左右|上下|以上"
#: The unit of a difference of rates: 3个百分点, 0.5百分点.
POINTS = "个?百分点"
#: The dash or word between the two ends of a range: 9～16亿, 3-5万, 10至20%.
RANGE_DASH = r"[ \u2009]?(?:[～~〜\-－–]|—(?!—))[ \u2009]?|至|到"

#: Where an Arabic number may start: not inside a longer number, a code or a full-width number.
ARABIC_BEFORE = r"(?<![\d.,A-Za-z０-９])"
#: Where an Arabic number may end: not before a digit, or a dot and a digit (no number is read
#: cut short inside a longer one, 1.2.3 or a 20-digit code).
ARABIC_AFTER = r"(?![\d.][\d])"

#: A number as :func:`find_numerals` reads it: an Arabic number (1.2万 included), or a Chinese
#: numeral; neither the tail of a longer number, and no Chinese numeral longer than
#: :data:`CHINESE` reads (13 characters or more: left out rather than cut short).
NUMERAL = regex.compile(
    rf"""
      {ARABIC_BEFORE}(?P<arabic>{ARABIC_MIXED}){ARABIC_AFTER}
    | (?<![{CHINESE_NUMERALS}])(?P<chinese>{CHINESE})(?![{CHINESE_NUMERALS}{POINT}])
    """,
    regex.VERBOSE,
)

# ---- values -----------------------------------------------------------------------------------

_SIMPLE_ARABIC = regex.compile(r"(\d+(?:\.\d+)?)(万亿|万|亿)?")
_EXPONENT = {None: 0, "万": 4, "亿": 8, "万亿": 12}
_DIGIT_PAIR = regex.compile(rf"[{ONE_TO_NINE}{TWO}]{{2}}")
_CN2AN_ERRORS = (ValueError, KeyError, IndexError, TypeError)


def arabic_value(text: str) -> float | None:
    """The value of a plain Arabic number, separators removed, with an optional magnitude:
    1,000 → 1000, 18.51亿 → 1851000000 (exactly), 1.2万 → 12000; None for anything else."""
    simple = _SIMPLE_ARABIC.fullmatch(text.replace(",", ""))
    if simple is None:
        return None
    return float(f"{simple.group(1)}e{_EXPONENT[simple.group(2)]}")


def number_value(text: str) -> float | None:
    """The value of a numeral span, read leniently: Arabic (1,000 / 1.2万) directly, Chinese
    numerals and compounds (三十 / 两万 / 10亿零817万 / 三点五) through cn2an's "smart" mode; None
    when the span is not a number."""
    if not text:
        return None
    value = arabic_value(text)
    if value is not None:
        return value
    return _smart_value(text.replace(",", ""))


#: The short Chinese integers reports write most (三, 十二, 二十一, 四百, 三百零五, 九百九十九), the
#: digits of a year (二〇三五, read so by cn2an's "smart" mode only) and the magnitude words that are
#: no number to cn2an (百亿, 万亿 in 万亿级): each reading is what cn2an gives (tests/test_numerals.py
#: compares every string of up to four numeral characters), so a run that meets only these never
#: imports cn2an (0.3 s).
_PLAIN_INTEGER = regex.compile(
    r"(?P<d>[零一二三四五六七八九])"
    r"|(?P<t>[二三四五六七八九])?十(?P<u>[一二三四五六七八九])?"
    r"|(?P<h>[一二三四五六七八九])百(?:(?P<ht>[一二三四五六七八九])十(?P<hu>[一二三四五六七八九])?"
    r"|零(?P<hz>[一二三四五六七八九]))?"
)
_DIGITWISE = regex.compile(r"[〇零一二三四五六七八九]{2,}")
_MAGNITUDES_ONLY = regex.compile(r"[百千万亿]{2,}")


def _plain_reading(text: str, smart: bool) -> tuple[bool, int | None]:
    """(True, cn2an's reading of ``text`` in the mode, None when it reads none) for the forms above;
    (False, None) for anything else: cn2an decides."""
    if _MAGNITUDES_ONLY.fullmatch(text):
        return True, None
    if _DIGITWISE.fullmatch(text):
        if not smart:
            return True, None
        return True, int("".join(str(DIGIT_VALUES[c]) for c in text))
    m = _PLAIN_INTEGER.fullmatch(text)
    if m is None:
        return False, None
    g = m.groupdict()
    if g["d"]:
        return True, DIGIT_VALUES[g["d"]]
    if g["h"]:
        tens = DIGIT_VALUES[g["ht"]] * 10 if g["ht"] else 0
        unit = g["hu"] or g["hz"]
        return True, DIGIT_VALUES[g["h"]] * 100 + tens + (DIGIT_VALUES[unit] if unit else 0)
    tens = DIGIT_VALUES[g["t"]] if g["t"] else 1
    return True, tens * 10 + (DIGIT_VALUES[g["u"]] if g["u"] else 0)


@lru_cache(maxsize=4096)
def _smart_value(text: str) -> float | None:
    """cn2an's "smart" reading (slow: ~50 µs a call), kept for the numerals a text repeats."""
    known, plain = _plain_reading(text.replace(TWO, "二"), smart=True)  # 两 is 二 to it (两百)
    if known:
        return None if plain is None else float(plain)
    import cn2an  # 0.3 s to import: only for Chinese numerals and compounds

    try:
        return float(cn2an.cn2an(text, "smart"))
    except _CN2AN_ERRORS:
        return None


def integer_value(text: str) -> int | None:
    """The whole number a count is written with, read strictly: 3 → 3, 三 → 3, 两 → 2,
    二十一 → 21; None when the span is not exactly one integer numeral (三五, 1.5)."""
    if text.isdigit():
        return int(text)
    return _strict_value(text.replace(TWO, "二"))


@lru_cache(maxsize=4096)
def _strict_value(text: str) -> int | None:
    """cn2an's "strict" reading as an integer, kept for the numerals a text repeats."""
    known, plain = _plain_reading(text, smart=False)
    if known:
        return plain
    import cn2an  # slow to import: only for Chinese numerals

    try:
        value = cn2an.cn2an(text, "strict")
    except _CN2AN_ERRORS:
        return None
    return int(value) if float(value).is_integer() else None


def pair_value(text: str) -> int | None:
    """The lower value of two neighbouring Chinese digits that make an approximation: 两三 → 2,
    七八 → 7; None when ``text`` is not two such digits (23 is not what 两三 means)."""
    if _DIGIT_PAIR.fullmatch(text) is None:
        return None
    return DIGIT_VALUES[text[0]]


def digitwise_value(text: str) -> int | None:
    """The value of Chinese digits written one by one, as in a year: 二〇二四 → 2024 (○ read as
    〇); None when ``text`` holds anything but digits."""
    if not text or any(c not in DIGIT_VALUES for c in text):
        return None
    return int("".join(str(DIGIT_VALUES[c]) for c in text))


def is_numeral_word(text: str) -> bool:
    """Whether a Chinese numeral span is a word rather than a number: 百, 千, 万 or 亿 alone (千家万户),
    or a run starting with 点 (点亮). 十 alone is ten."""
    return text in ("百", "千", "万", "亿") or text.startswith(POINT)


_DECIMAL_PLACES = regex.compile(r"\d+(?:\.(\d+))?")


def decimal_places(text: str) -> int:
    """How many digits follow the decimal point of the Arabic number ``text`` starts with:
    18.51亿 → 2, 5,000 → 0."""
    m = _DECIMAL_PLACES.match(text.replace(",", ""))
    return len(m.group(1) or "") if m else 0


def chinese_numeral(value: int) -> str:
    """An integer written in Chinese numerals, the way a count is written: 12 → 十二, 2 → 二."""
    import cn2an  # slow to import: only when a fix needs it

    return str(cn2an.an2cn(str(value), "low"))


# ---- finding numbers --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Numeral:
    """A number found in a text: its span, its text (the text of the span) and its value."""

    span: Span
    text: str
    value: float
    arabic: bool  # written with digits (1.2万 included), not Chinese numerals


def find_numerals(text: str, start: int = 0, end: int | None = None) -> Iterator[Numeral]:
    """Every number of ``text[start:end]`` that has a value, in text order, offsets into ``text``.

    A run of Chinese numeral characters is one numeral; two neighbouring digits (两三) are read as
    their lower value. Numeral words (:func:`is_numeral_word`) are left out.
    """
    for m in NUMERAL.finditer(text, start, len(text) if end is None else end):
        arabic = m.group("arabic") is not None
        written = m.group()
        if arabic:
            value = number_value(written)
        elif is_numeral_word(written):
            continue
        else:
            pair = pair_value(written)
            value = float(pair) if pair is not None else number_value(written)
        if value is not None:
            yield Numeral(Span(m.start(), m.end()), written, value, arabic)

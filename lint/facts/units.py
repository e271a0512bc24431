"""Units of measurement (GB 3100/3101): the number a unit follows, SI symbols and their Chinese names.

Used by the U rules that check how a unit is written. Every pattern is compiled once and bounded.
A unit is only ever read *directly after a number* (an optional space between them): that is what
separates 5KW from an abbreviation, 25°C from a degree sign in a list, 3公分 from 工分.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex
from factlint.facts import numerals

#: A number a unit may follow: 5, 1,200, 18.5, 1.2万, 三, 三十余 (the numeral fragments of
#: :mod:`factlint.facts.numerals`). Not the tail of a model number or code (A320, EV-5, V2.0): no
#: Latin letter, digit, dot, slash or underscore right before it, and no letter-and-hyphen (DF-5).
#: The group ``number`` holds it.
NUMBER = rf"""
    (?P<number>
        (?<![A-Za-z0-9._/＿])(?<![A-Za-z]-)
        (?: {numerals.ARABIC} | {numerals.CHINESE_SHORT} )
        [{numerals.LARGE_UNITS}]?(?:{numerals.APPROX_SUFFIX})?
    )
"""

#: An Arabic number only (symbols follow digits; 三kg is not written).
ARABIC_NUMBER = rf"""
    (?P<number>
        (?<![A-Za-z0-9._/＿])(?<![A-Za-z]-)
        {numerals.ARABIC}
        [{numerals.LARGE_UNITS}]?(?:{numerals.APPROX_SUFFIX})?
    )
"""

#: The space a unit may stand apart from its number by.
GAP = r"(?P<gap>[ \u00a0\u2009\u202f]?)"

#: No Latin letter or digit may follow a symbol (5KMH, 5KG2 are codes, not units).
SYMBOL_END = r"(?![A-Za-z0-9])"

#: SI and other legal symbols (GB 3100) with their Chinese names (GB 3100 表1–表6), for writing
#: a compound unit in one style. Superscript and plain-digit exponents both occur (m², m2).
SYMBOL_NAMES: dict[str, str] = {
    "m": "米",
    "km": "千米",
    "dm": "分米",
    "cm": "厘米",
    "mm": "毫米",
    "m²": "平方米",
    "m2": "平方米",
    "km²": "平方千米",
    "km2": "平方千米",
    "m³": "立方米",
    "m3": "立方米",
    "kg": "千克",
    "g": "克",
    "mg": "毫克",
    "t": "吨",
    "L": "升",
    "mL": "毫升",
    "s": "秒",
    "min": "分钟",
    "h": "小时",
    "d": "天",
    "W": "瓦",
    "kW": "千瓦",
    "MW": "兆瓦",
    "kW·h": "千瓦时",
    "kWh": "千瓦时",
    "V": "伏",
    "kV": "千伏",
    "Pa": "帕",
    "kPa": "千帕",
    "MPa": "兆帕",
    "J": "焦",
    "kJ": "千焦",
    "N": "牛",
    "Hz": "赫兹",
}

#: Chinese unit names (the legal ones and the accepted 公里/公斤/小时/天) with their symbols.
NAME_SYMBOLS: dict[str, str] = {
    "米": "m",
    "千米": "km",
    "公里": "km",
    "分米": "dm",
    "厘米": "cm",
    "毫米": "mm",
    "平方米": "m²",
    "平方千米": "km²",
    "平方公里": "km²",
    "立方米": "m³",
    "千克": "kg",
    "公斤": "kg",
    "克": "g",
    "毫克": "mg",
    "吨": "t",
    "升": "L",
    "毫升": "mL",
    "秒": "s",
    "分钟": "min",
    "小时": "h",
    "时": "h",
    "天": "d",
    "日": "d",
    "瓦": "W",
    "千瓦": "kW",
    "兆瓦": "MW",
    "千瓦时": "kW·h",
    "伏": "V",
    "千伏": "kV",
    "帕": "Pa",
    "千帕": "kPa",
    "兆帕": "MPa",
    "焦": "J",
    "千焦": "kJ",
    "牛": "N",
    "赫兹": "Hz",
}


def longest_first(word: str) -> tuple[int, str]:
    """The sort key of an alternation's words: longest first, then in code-point order, so that a
    pattern built from a set is the same string in every process (its compiled form is kept in a
    snapshot keyed by that string; set order changes with each process's string hashing)."""
    return -len(word), word


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (平方公里 before 公里 before 米)."""
    return "|".join(regex.escape(w) for w in sorted(words, key=longest_first))

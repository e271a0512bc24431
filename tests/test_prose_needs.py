"""The ``needs`` prefilters of ``Document.prose_matches``: each must be found inside every match of
its rule's pattern, or the rule would miss paragraphs it reports today."""

from __future__ import annotations

import random

import pytest
import regex
from factlint.facts.units import NAME_SYMBOLS, SYMBOL_NAMES
from factlint.text.document import Document

from rules import (
    approximate_number_in_digits,
    degree_celsius_symbol,
    mixed_unit_compound,
    non_legal_unit,
    unit_symbol_case,
)
from tests.harness import load_cases

#: (rule code, the pattern, its needs, words the pattern reads after a number)
PREFILTERED = [
    (
        "U105",
        mixed_unit_compound._MIXED_COMPOUND,
        mixed_unit_compound._SEPARATOR,
        [
            f"{a}{s}{b}"
            for a in list(SYMBOL_NAMES)[:12]
            for b in list(NAME_SYMBOLS)[:12]
            for s in "/·"
        ]
        + [
            f"{b}{s}{a}"
            for a in list(SYMBOL_NAMES)[:12]
            for b in list(NAME_SYMBOLS)[:12]
            for s in "/·"
        ],
    ),
    (
        "N101",
        approximate_number_in_digits._APPROX_DIGITS,
        approximate_number_in_digits._ROUNDED,
        ["数10", "几100万", "数1000亿", "20几", "90几个"],
    ),
    (
        "U104",
        unit_symbol_case._SYMBOL_AFTER_NUMBER,
        unit_symbol_case._ANY_WRONG,
        list(unit_symbol_case._WRONG),
    ),
    (
        "U103",
        non_legal_unit._UNIT_AFTER_NUMBER,
        non_legal_unit._ANY_NON_LEGAL,
        list(non_legal_unit._NON_LEGAL),
    ),
    (
        "U106",
        degree_celsius_symbol._CELSIUS_AFTER_NUMBER,
        degree_celsius_symbol._SIGN,
        ["°C", "º c", "˚C", "oC", "oc", "° C"],
    ),
]


def _texts(code: str, words: list[str]) -> list[str]:
    rng = random.Random(code)
    cases = [c.text for c in load_cases() if c.code == code]
    numbers = ["3", "12.5", "1,000", "三", "二十", "数", "几", "20", "-4"]
    gaps = ["", " ", "\u2009"]
    tails = ["", "，", "a", "的"]
    made = [
        f"全年{rng.choice(numbers)}{rng.choice(gaps)}{w}{rng.choice(tails)}"
        for w in words
        for _ in range(3)
    ]
    return cases + made


@pytest.mark.parametrize("code,pattern,needs,words", PREFILTERED, ids=[p[0] for p in PREFILTERED])
def test_needs_is_in_every_match(
    code: str, pattern: regex.Pattern[str], needs: regex.Pattern[str], words: list[str]
) -> None:
    texts = _texts(code, words)
    found = 0
    for text in texts:
        for m in pattern.finditer(text):
            found += 1
            assert needs.search(text, m.start(), m.end()) is not None, (code, text, m.group())
        doc = Document("t.txt", text)
        plain = [m.span() for m in doc.prose_matches(pattern)]
        assert [m.span() for m in doc.prose_matches(pattern, needs=needs)] == plain
    assert found >= len(words) // 2, (code, found)  # the generated texts do hold matches


def test_needs_skips_paragraphs_without_it() -> None:
    doc = Document("t.txt", "面积3平方米/公顷。\n\n面积3平方米。\n")
    spans = [m.span() for m in doc.prose_matches(regex.compile(r"\d"), needs=regex.compile("/"))]
    assert spans == [(2, 3)]

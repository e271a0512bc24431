"""lint/amounts.py: whether a figure measures the change of an amount or of a rate."""

from __future__ import annotations

import pytest
from factlint.facts.amounts import amount_change_before


def _before(text: str, figure: str) -> str | None:
    change = amount_change_before(text, text.index(figure))
    return (
        None if change is None else f"{change.amount}|{text[change.span.start : change.span.end]}"
    )


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("农牧民人均可支配收入增长30余个百分百", "30", "收入|收入增长"),
        ("地区生产总值比上年增长了约3个百分点", "3", "生产总值|生产总值比上年增长了约"),
        ("本科上线率超出自州30余个百分百", "30", None),
        ("收入增速比上年提高2个百分点", "2", None),
        ("全年地方财政收入100亿元，增长3个百分点", "3个", None),
        ("消费拉动经济增长2.1个百分点", "2.1", None),
    ],
)
def test_amount_change_before(text: str, figure: str, expected: str | None) -> None:
    assert _before(text, figure) == expected

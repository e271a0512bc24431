"""Amounts and rates: whether a figure measures the change of an amount (收入增长3个百分点).

A percentage point is the difference of two rates (城镇化率提高0.7个百分点); an amount — 收入, 产值,
投资, 人数 — grows by a percentage (3%), or its growth *rate* rises by points. Shared by the rules
that read figures of change: N133 (points on an amount) and T101 (百分百 written for 百分点, whose
fix to 百分点 is wrong after an amount).

The judgement is deliberately narrow: the amount must stand right before the verb of change
([amount][comparison]?[verb]了?[approximation]?<figure>), and any rate word in the clause (率, 比重,
增速, 拉动, 快于, % …) makes the figure a difference of rates after all.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from factlint.facts.numerals import APPROX_PREFIX
from factlint.model import Span

#: An amount, verb-adjacent to the figure: [amount][comparison]?[verb]了?<figure>.
_AMOUNT_CHANGE = regex.compile(
    r"""
    (?P<amount>
        生产总值|增加值|总产值|产值|营业收入|销售收入|收入|营收|利润总额|利润|销售额|营业额|成交额|
        零售总额|总额|金额|余额|存款|贷款|税收|支出|投资|产量|销量|总量|人数|人口|客流量|吞吐量|
        用电量|发电量|进出口|出口额|进口额|GDP
    )
    (?P<comparison>同比|比上年末?|较上年(?:同期|末)?|比去年(?:同期)?|与上年相比)?
    (?P<verb>增长|增加|提高|提升|上升|下降|减少|降低|回落|回升|下滑)
    了?$
    """,
    regex.VERBOSE,
)

#: In the clause before the figure, any of these makes the figure a difference of rates (or of a
#: rate's contribution) after all.
_RATE_CONTEXT = regex.compile(
    r"率|比重|占|比例|增速|增幅|幅度|速度|指数|份额|强度|弹性|贡献|拉动|带动|推动|拖累|下拉|支撑|每|%|％"
    r"|快于|慢于|高于|低于|超过|超出|领先|落后|同步"
)

#: An approximation between the verb and the figure: 增长约3个百分点.
_APPROXIMATION = regex.compile(rf"(?:{APPROX_PREFIX})$")

#: Marks that end the clause a figure belongs to.
_CLAUSE_START = regex.compile(r"[，,；;。：:、（(！？!?\n\r]")

#: How far back the clause of a figure is read.
_WINDOW = 40


@dataclass(frozen=True, slots=True)
class AmountChange:
    """The change of an amount that a figure measures: 收入比上年增长 before 2.5个百分点."""

    amount: str  # 收入, 增加值, 零售总额
    span: Span  # from the amount to the figure (excluded): 收入比上年增长


def amount_change_before(text: str, figure_start: int) -> AmountChange | None:
    """The amount whose change the figure at ``figure_start`` measures, or None for a rate.

    None also where the verb does not follow the amount directly (财政收入100亿元，增长3个百分点 may
    be elliptical for a rate and is not judged).
    """
    start = max(0, figure_start - _WINDOW)
    before = text[start:figure_start]
    marks = list(_CLAUSE_START.finditer(before))
    cut = marks[-1].end() if marks else 0
    clause = _APPROXIMATION.sub("", before[cut:])
    change = _AMOUNT_CHANGE.search(clause)
    if change is None or _RATE_CONTEXT.search(clause):
        return None
    return AmountChange(change.group("amount"), Span(start + cut + change.start(), figure_start))

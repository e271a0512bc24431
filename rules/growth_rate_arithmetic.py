"""N134 growth-rate-arithmetic — a growth rate that contradicts the two values it sits between.

## 检查什么
同一句中先给出前后两个数值、紧接着给出增减幅度，而幅度与两个数值算出来的不符（允许四舍五入的误差）：
- “从120亿元增长到150亿元，增长35%”“由X增加到Y，增长Z%”“从X降至Y，下降Z%”；
- “达到Y，比上年（X）增长Z%”“达到Y，比上年的X增长Z%”；
- “上年为X，今年为Y，同比增长Z%”（两个数值在相邻分句、由年份或上年/今年标明）；
- “Y，比上年增加X，增长Z%”“Y，比上年减少X，下降Z%”（上年的数值是Y减去或加上X）；
- “增长Z倍”（倍数是比值减一：从10增长到30是增长2倍）和“翻一番”“翻两番”。
方向也检查：数值减少却写“增长”，同样是错的。

不报告：年均增长（多年的平均增速不等于总增幅）；后一分句换了指标（从120亿元增长到150亿元，出口增长
35%）；“由…到…，比上年增长…”（比上年的基数不是起点）；地区生产总值、增加值等按可比价格计算的增速
（实际增速不等于现价数值之比）；约数（约120亿元、2万余人）；百分比本身的
变化（那是N130的事）。

## 为什么重要
增长幅度是读者可以自己算的。算不对，说明三个数字中有一个改了而另外两个没改，谁也不知道哪个是对的。

## 示例
```
一般公共预算收入从120亿元增长到150亿元，增长35%。
全年实现旅游收入86.4亿元，比上年（72亿元）增长12%。
```

## 改为
```
一般公共预算收入从120亿元增长到150亿元，增长25%。
全年实现旅游收入86.4亿元，比上年（72亿元）增长20%。
```

## 如何修改
核对三个数字，改正错误的那个（通常是增幅：Y÷X−1）。注意“增长2倍”是原来的3倍，“翻一番”是原来的2倍。

## What it does
Finds a value before and after a change with the change itself right after them, in the same
clause group: 从/由 X (增长/增加/下降…)到/至 Y，增长 Z% (or Z倍, 翻一番); Y，比上年（X）增长 Z% and
Y，比上年的 X 增长 Z%; 上年/2023年 X，今年/2024年 Y，(同比)增长 Z%. It reports the rate when it
cannot be Y÷X−1 however the three figures were rounded, or when its direction is wrong.

Left alone: averages per year (年均增长: compound growth over several years is not the total
change), a rate in a clause that names another metric (从120亿元增长到150亿元，出口增长35%) or
compares with another base (由X增加到Y，比上年增长Z%), growth at constant prices (生产总值, 增加值,
可比价, 实际增长: the real rate is not the ratio of the values at current prices), approximate values (约, 余, 多, 左右,
近), and rates of rates (percentage-point changes are N130's).

## Why it matters
A growth rate is arithmetic a reader can redo; when it does not add up, one of the three figures
was edited without the others, and nobody can tell which one is right.

## How it works
The figures come from the QUANTITIES view. Each value may be off by half a unit in its last
written digit (150亿元: ±0.5亿元; a count of whole things, 12所, is exact), and the rate by half a unit in its last decimal (25%: ±0.5%;
2倍: ±0.5倍); the finding needs the stated rate outside the whole range Y÷X−1 can take. 倍 is the
ratio minus one (增长2倍 = ×3); 翻一番 is ×2 and 翻两番 ×4, within ±10%. After “Y，比上年增加X” the
rate is X÷(Y−X) (a decrease: X÷(Y+X)), each of X and Y within its rounding. A rate written as a
bound (增长20%以上, 增长2倍多) is checked as a bound, one written as 约/左右 with 10% more slack.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import get_args

import regex
from factlint.facts.numerals import LARGE_UNITS, UNIT_VALUES, decimal_places
from factlint.facts.quantities import QUANTITIES, Kind, Quantity, per_sentence
from factlint.model import Finding, Message, Related, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import SENTENCES, Document

META = RuleMeta(
    code="N134",
    name="growth-rate-arithmetic",
    severity=Severity.ERROR,
    summary=Message("增减幅度与前后数值不符", "a growth rate that contradicts its two values"),
    reads=(SENTENCES, QUANTITIES),
)

#: The figures the rule reads: all but dates and durations (made without the others).
_NOT_TIME: tuple[Kind, ...] = tuple(k for k in get_args(Kind) if k != "time")
_UP = "增长|增加|提高|上升|扩大|提升|上涨|增幅为?|增幅达|增速为"
_DOWN = "下降|减少|降低|回落|下滑|缩小|降幅为?|降幅达"
_CHANGE_VERB = rf"(?:{_UP}|{_DOWN}|增|降|减)"
_YEAR = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})年(?:末|底|初)?的?"

#: 从/由 right before the first value (从2010年的120亿元 …).
_FROM = regex.compile(rf"(?:由|从)(?:{_YEAR})?$")
#: Between the two values: (增长)到/至/为, with the year of the second.
_TO = regex.compile(rf"(?:{_CHANGE_VERB})?(?:到|至|为)(?:{_YEAR})?")
#: Between the second value and the rate: a comma and the verb, with at most a span of years or a
#: word that keeps the same metric (五年增长1倍, 累计增长).
_RATE_AFTER_PAIR = regex.compile(
    rf"[，,、]?(?:[一二三四五六七八九十两\d]{{1,2}}年(?:间|来)?|累计|总体|整体|总量)?"
    rf"(?P<verb>{_UP}|{_DOWN})了?"
)
#: 比上年（X）/ 比上年的X right before the base value, after the current value and a comma.
_BASE_BEFORE = regex.compile(rf"^[，,]?(?:比|较)(?:上年|去年|上年同期|{_YEAR})(?:（|\(|的)$")
_RATE_AFTER_BASE = regex.compile(rf"[）)]?(?P<verb>{_UP}|{_DOWN})了?")
#: Two values of two periods in neighbouring clauses: 上年为X，今年为Y，同比增长Z%; 2023年援建投入
#: 3200万元，2024年投入4000万元. The first clause starts with its period; the second starts with
#: its own, followed by nothing but words of the first clause (the same metric).
_PERIOD = r"(?:上年|去年|今年|本年|当年|\d{4}年)(?:同期|全年)?"
_FIRST_CLAUSE = regex.compile(
    rf"(?:^|(?<=[，,；;。：:\n]))(?P<p>{_PERIOD})(?P<w>[^，,；;。：:\d]{{0,16}})$"
)
_SECOND_CLAUSE = regex.compile(rf"[，,](?P<p>{_PERIOD})(?P<w>\p{{Han}}{{0,8}})")
_RATE_AFTER_PERIODS = regex.compile(rf"[，,](?:同比|比上年|较上年)?(?P<verb>{_UP}|{_DOWN})了?")
#: A level, then its change on the year before, then the rate: 粮食产量12.5万吨，比上年增加0.6万吨，
#: 增长5.0%. The base is the level less the increase (plus the decrease).
_INCREMENT_BEFORE = regex.compile(
    r"[，,](?:比上年|较上年|比去年|较去年|同比)(?:(?P<up>增加|增长|多|提高)|(?P<down>减少|下降|少|降低))了?"
)
_RATE_AFTER_INCREMENT = regex.compile(rf"[，,](?P<verb>{_UP}|{_DOWN})了?")
_DOUBLING = regex.compile(
    r"[，,、]?(?:实现了?|(?P<hedge>基本|接近|近|超过|超)?)(?P<fan>翻了?(?P<n>一|两|三)?番)"
)
#: Metrics whose growth is stated at constant prices (real growth), not as the ratio of the values
#: at current prices beside it: 地区生产总值150亿元，比上年（135亿元）增长6.5%.
_REAL_GROWTH = regex.compile(r"生产总值|增加值|GDP|经济总量|可比价|不变价|实际")
_LOWER_BOUND = ("多", "余", "以上", "超过", "超", "逾")
_UPPER_BOUND = ("近", "将近", "接近")
_AROUND = ("约", "大约", "左右", "上下")
_LEADING_TIMES = {"一": 1, "两": 2, "三": 3}


@dataclass(frozen=True, slots=True)
class _Value:
    """A quantity of the text, its value in its base unit, and how far rounding may move it."""

    q: Quantity
    value: float
    slack: float


def _base_unit(q: Quantity) -> str:
    return q.unit.lstrip(LARGE_UNITS + "千")


def _multiplier(written: str) -> float:
    last = written[-2:] if written.endswith("万亿") else written[-1:]
    return float(UNIT_VALUES[last]) if last in ("万", "亿", "万亿") else 1.0


def _rounding(q: Quantity, written: str) -> float:
    """Half a unit in the last digit written; nothing for a count of whole things (12所, 1200户),
    which is exact unless written with 万 or 亿 or decimals."""
    if q.kind == "count" and _multiplier(written) == 1.0 and decimal_places(written) == 0:
        return 0.0
    return 0.5 * 10.0 ** -decimal_places(written)


def _pair(doc: Document, a: Quantity, b: Quantity) -> tuple[_Value, _Value] | None:
    """The two values in one unit with their rounding slack, or None when they do not measure
    the same kind of thing, or one is approximate."""
    if a.approximate or b.approximate or a.kind in ("percent", "points", "permille", "time"):
        return None
    if a.unit == "倍" or b.unit == "倍" or a.unit[:1] in LARGE_UNITS or b.unit[:1] in LARGE_UNITS:
        return None  # 212万亿元 is read today as 212万 and 亿元: such a figure is left out
    wa, wb = doc.slice(a.number), doc.slice(b.number)
    if doc.text[b.span.end : b.span.end + 2].startswith(("多", "余", "左右", "以上")):
        return None
    if doc.text[a.span.end : a.span.end + 2].startswith(("多", "余", "左右", "以上")):
        return None
    scale_a = _multiplier(wa)
    factor = 1.0
    if not a.unit and b.unit:
        if a.kind != "plain":
            return None
        if scale_a == 1.0:
            factor = _multiplier(wb)  # 从120增加到150亿元: 120 is 120亿
    elif _base_unit(a) != _base_unit(b) or a.kind != b.kind:
        return None
    va = a.value * factor
    slack_a = _rounding(a, wa) * scale_a * factor
    slack_b = _rounding(b, wb) * _multiplier(wb)
    if va - slack_a <= 0 or b.value <= 0:
        return None
    return _Value(a, va, slack_a), _Value(b, b.value, slack_b)


def _bounds(before: _Value, after: _Value) -> tuple[float, float]:
    """The range of after÷before given the rounding of both."""
    return (
        (after.value - after.slack) / (before.value + before.slack),
        (after.value + after.slack) / (before.value - before.slack),
    )


def _approx_of(doc: Document, rate: Quantity) -> str:
    tail = doc.text[rate.span.end : rate.span.end + 2]
    for word in ("以上", "左右", "上下", "多", "余"):
        if tail.startswith(word):
            return word
    return rate.approx


def _stated(doc: Document, rate: Quantity, down: bool) -> tuple[float, float] | None:
    """The range of ratios (after ÷ before) the stated rate allows, or None when it is no rate."""
    if rate.kind == "percent":
        value, per = rate.value / 100.0, 0.01
    elif rate.unit == "倍" and not down:
        value, per = rate.value, 1.0
    else:
        return None
    written = doc.slice(rate.number)
    half = 0.5 * 10.0 ** -decimal_places(written) * per if rate.arabic else 0.5 * per
    approx = _approx_of(doc, rate)
    centre = 1 - value if down else 1 + value
    low, high = centre - half, centre + half
    if approx in _LOWER_BOUND:  # 增长20%以上: at least 20%
        if down:
            low = -1e9
        else:
            high = 1e9
    elif approx in _UPPER_BOUND:  # 增长近20%: a little under 20%
        if down:
            high = 1 - 0.8 * value + half
        else:
            low = 1 + 0.8 * value - half
    elif approx:
        low, high = low - 0.1 * value, high + 0.1 * value
    return low, high


def _describe(ratio: float, places: int, times: bool) -> tuple[str, str]:
    change = ratio - 1.0
    if times and change >= 1.0:
        figure = f"{change:.{places}f}倍"
        return f"增长{figure}", f"a rise of {figure}"
    figure = f"{abs(change) * 100:.{places}f}%"
    if change >= 0:
        return f"增长{figure}", f"a rise of {figure}"
    return f"下降{figure}", f"a fall of {figure}"


def _finding(
    doc: Document, start: int, end: int, before: _Value, after: _Value, places: int, times: bool
) -> Finding:
    shown = doc.text[start:end]
    a, b = doc.slice(before.q.span), doc.slice(after.q.span)
    zh_rate, en_rate = _describe(after.value / before.value, places, times)
    return Finding(
        span=Span(start, end),
        message=Message(
            f"“{shown}”与前后数值不符：由{a}到{b}是{zh_rate}",
            f"“{shown}” does not match its figures: from {a} to {b} is {en_rate}",
        ),
        related=(
            Related(before.q.span, Message("起始数值", "the value before")),
            Related(after.q.span, Message("结束数值", "the value after")),
        ),
    )


def _check_rate(
    doc: Document, before: _Value, after: _Value, verb: regex.Match[str], rate: Quantity
) -> Finding | None:
    down = regex.fullmatch(_DOWN, verb.group("verb")) is not None
    stated = _stated(doc, rate, down)
    if stated is None:
        return None
    low, high = _bounds(before, after)
    if high >= stated[0] - 1e-12 and low <= stated[1] + 1e-12:
        return None
    end = rate.span.end
    tail = _approx_of(doc, rate)
    if tail and doc.text.startswith(tail, end):
        end += len(tail)
    places = decimal_places(doc.slice(rate.number)) if rate.arabic else 0
    return _finding(doc, verb.start("verb"), end, before, after, places, rate.unit == "倍")


def _check_increment(
    doc: Document,
    level: Quantity,
    step: Quantity,
    up: bool,
    verb: regex.Match[str],
    rate: Quantity,
) -> Finding | None:
    """Y，比上年增加X，增长Z%: the rate is X ÷ (Y − X) (a decrease: X ÷ (Y + X)), each value
    within the rounding of its last digit."""
    pair = _pair(doc, step, level)
    if pair is None:
        return None
    change, after = pair
    lo_x, hi_x = change.value - change.slack, change.value + change.slack
    lo_y, hi_y = after.value - after.slack, after.value + after.slack
    sign = -1.0 if up else 1.0  # the base: Y − X, or Y + X
    if lo_x <= 0 or lo_y + sign * hi_x <= 0:
        return None
    lowest, highest = lo_x / (hi_y + sign * lo_x), hi_x / (lo_y + sign * hi_x)
    down = regex.fullmatch(_DOWN, verb.group("verb")) is not None
    if down == up:
        return None  # 比上年增加…，下降…: not a rate of this change
    stated = _stated(doc, rate, down)
    if stated is None:
        return None
    ratios = (1 - highest, 1 - lowest) if down else (1 + lowest, 1 + highest)
    if ratios[1] >= stated[0] - 1e-12 and ratios[0] <= stated[1] + 1e-12:
        return None
    end = rate.span.end
    tail = _approx_of(doc, rate)
    if tail and doc.text.startswith(tail, end):
        end += len(tail)
    places = decimal_places(doc.slice(rate.number)) if rate.arabic else 0
    base = after.value + sign * change.value
    zh_rate, en_rate = _describe(1 + (-1 if down else 1) * change.value / base, places, False)
    shown = doc.text[verb.start("verb") : end]
    y, x = doc.slice(level.span), doc.slice(step.span)
    zh_step, en_step = ("增加", "up") if up else ("减少", "down")
    return Finding(
        span=Span(verb.start("verb"), end),
        message=Message(
            f"“{shown}”与前后数值不符：{y}比上年{zh_step}{x}，是{zh_rate}",
            f"“{shown}” does not match its figures: {y}, {en_step} {x} on the year before, "
            f"is {en_rate}",
        ),
        related=(
            Related(level.span, Message("当年数值", "the value")),
            Related(step.span, Message("比上年的增减", "the change on the year before")),
        ),
    )


def _check_doubling(
    doc: Document, before: _Value, after: _Value, m: regex.Match[str]
) -> Finding | None:
    if m.group("hedge"):
        return None
    target = 2.0 ** _LEADING_TIMES.get(m.group("n") or "一", 1)
    low, high = _bounds(before, after)
    at_least = doc.text.startswith(("多", "以上", "还多"), m.end())  # 翻了一番多: a lower bound
    if high >= 0.9 * target and (at_least or low <= 1.1 * target):
        return None
    return _finding(doc, m.start("fan"), m.end("fan"), before, after, 0, True)


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    text = doc.text
    figures = doc.view(QUANTITIES).with_kinds(_NOT_TIME)
    for sentence, inside in per_sentence(doc.sentences, figures, minimum=2):
        if len(inside) < 3 and not (len(inside) == 2 and "番" in sentence.text):
            continue
        start, end = sentence.span.start, sentence.span.end
        for i, a in enumerate(inside[:-1]):
            b = inside[i + 1]
            lead = text[max(0, a.span.start - 10) : a.span.start]
            between = text[a.span.end : b.span.start]
            found: Finding | None = None
            if _FROM.search(lead) and _TO.fullmatch(between):
                pair = _pair(doc, a, b)
                if pair is None:
                    continue
                verb = _RATE_AFTER_PAIR.match(text, b.span.end, end)
                rate = inside[i + 2] if i + 2 < len(inside) else None
                if verb and rate and rate.span.start == verb.end():
                    found = _check_rate(doc, *pair, verb, rate)
                elif (fan := _DOUBLING.match(text, b.span.end, end)) is not None:
                    found = _check_doubling(doc, *pair, fan)
            elif (
                (first := _FIRST_CLAUSE.search(text, max(0, a.span.start - 24), a.span.start))
                and (second := _SECOND_CLAUSE.fullmatch(between))
                and i + 2 < len(inside)
                and second.group("w") in first.group("w") + "为是达"
                and _periods_in_order(first.group("p"), second.group("p"))
            ):
                pair = _pair(doc, a, b)
                rate = inside[i + 2]
                verb = _RATE_AFTER_PERIODS.match(text, b.span.end, end)
                if pair and verb and rate.span.start == verb.end():
                    found = _check_rate(doc, *pair, verb, rate)
            elif i > 0 and _BASE_BEFORE.search(text[inside[i - 1].span.end : a.span.start]):
                current = inside[i - 1]
                pair = _pair(doc, a, current)
                verb = _RATE_AFTER_BASE.match(text, a.span.end, end)
                if pair and verb and b.span.start == verb.end():
                    found = _check_rate(doc, *pair, verb, b)
            elif (
                i > 0
                and (
                    step := _INCREMENT_BEFORE.fullmatch(text, inside[i - 1].span.end, a.span.start)
                )
                and (verb := _RATE_AFTER_INCREMENT.fullmatch(text, a.span.end, b.span.start))
            ):
                found = _check_increment(
                    doc, inside[i - 1], a, step.group("up") is not None, verb, b
                )
            if found is not None and not _REAL_GROWTH.search(
                text, max(start, found.span.start - 60), found.span.end
            ):
                yield found


_YEAR_NUMBER = regex.compile(r"\d{4}")


def _periods_in_order(first: str, second: str) -> bool:
    """上年 … 今年, 2023年 … 2024年: the first period comes right before the second."""
    y1, y2 = _YEAR_NUMBER.match(first), _YEAR_NUMBER.match(second)
    if y1 and y2:
        return int(y2.group()) == int(y1.group()) + 1
    return first.startswith(("上年", "去年")) and second.startswith(("今年", "本年", "当年"))

"""N137 impossible-date — a date that does not exist, or a range of months or days that runs backwards.

## 检查什么
- 不存在的日期：2024年2月30日、2023年2月29日（2023年不是闰年）、4月31日、13月、0月、32日；用汉字
  写的日期同样检查（二〇二四年二月三十日），落款日期、标题中的日期也检查；
- 同一年内倒着写的起止时间：2024年5月至3月、2024年5月10日至3日。

不报告：农历日期（农历二月三十日、腊月三十）和没有年份的汉字日期（二月三十日，可能是农历）；跨年的时段
（2023年11月至3月的采暖季、9月至次年6月）；没有年份时的2月29日。

## 为什么重要
日期写错，文件的时效、期限就说不清楚；一眼就能看出的错误也会让读者怀疑其他内容。

## 示例
```
项目于2024年2月30日开工建设。
2023年2月29日召开动员大会。
专项行动自2024年5月至3月开展。
```

## 改为
```
项目于2024年2月29日开工建设。
2023年2月28日召开动员大会。
专项行动自2024年3月至5月开展。
```

## 如何修改
核对原始材料中的日期；起止时间写反的，调换过来，跨年的写明年份（2024年11月至2025年3月）。

## What it does
Reads dates from the QUANTITIES view (a year, month and day written next to each other, in digits
or in Chinese numerals) and reports a month outside 1–12 (when a year or day is written with it), a
day outside the month (30 February, 29 February of a common year, 31 April, day 0 or 32), and a range
within one year whose end comes before its start (2024年5月至3月, 5月10日至3日). Full dates in
titles, headings and the date line under a signature (二〇二四年二月三十日) are checked too.

Left alone: lunar dates (农历, 正月, 腊月 before the date: a lunar month may have 30 days) and
dates in Chinese numerals without a year (二月三十日 may be lunar), 29 February without a year, and month ranges that may cross the new year (2023年11月至3月: the start
month is September or later).

## Why it matters
A date that cannot exist leaves a deadline or an event undated, and a slip any reader sees makes
them doubt the rest.

## How it works
A year quantity (年), a month (月) and a day (日) whose spans touch are one date; its month and day
are checked against the Gregorian calendar (leap years included). For ranges, a date followed by
至/到/a dash and a month or day without a year of its own: a start month from January to August
after a later end month, or a later start day in the same month, is reported. Titles, headings
and bylines, which QUANTITIES does not read, are searched for full dates (year, month and day),
read by the numerals reader (digitwise_value, integer_value).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator

import regex
from factlint.facts.numerals import CHINESE_DIGITS, CHINESE_NUMERALS, digitwise_value, integer_value
from factlint.facts.quantities import QUANTITIES, Quantity
from factlint.model import Finding, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.blocks import BlockKind
from factlint.text.document import BLOCKS, Document

META = RuleMeta(
    code="N137",
    name="impossible-date",
    severity=Severity.ERROR,
    summary=Message(
        "不存在的日期或倒置的起止时间", "a date that does not exist or a range that runs backwards"
    ),
    reads=(QUANTITIES, BLOCKS),
)

_LUNAR = regex.compile(r"农历|阴历|旧历|正月|腊月|除夕|春节")
_RANGE = regex.compile(r"\s?(?:至|到|—|－|-|～|~|〜)\s?")


def _whole(q: Quantity | None) -> int | None:
    if q is None or q.approximate or not float(q.value).is_integer():
        return None
    return int(q.value)


def _dates(
    quantities: tuple[Quantity, ...],
) -> Iterator[tuple[int, Quantity | None, Quantity | None, Quantity | None]]:
    """Runs of touching year, month and day quantities: (index of the last, year, month, day)."""
    i = 0
    while i < len(quantities):
        q = quantities[i]
        year = month = day = None
        j = i
        if q.unit == "年" and q.kind == "time":
            year = q
            j += 1
        if (
            j < len(quantities)
            and quantities[j].unit == "月"
            and _touch(quantities[j - 1], quantities[j], j > i)
        ):
            month = quantities[j]
            j += 1
        if (
            j < len(quantities)
            and month is not None
            and quantities[j].unit == "日"
            and _touch(quantities[j - 1], quantities[j], True)
        ):
            day = quantities[j]
            j += 1
        if month is None and year is not None:
            i += 1
            continue
        if month is None:
            i += 1
            continue
        yield j - 1, year, month, day
        i = j


def _touch(a: Quantity, b: Quantity, needed: bool) -> bool:
    return not needed or a.span.end == b.span.start


def _shown(doc: Document, *parts: Quantity | None) -> tuple[str, Span]:
    present = [q for q in parts if q is not None]
    span = Span(present[0].span.start, present[-1].span.end)
    return doc.slice(span), span


def _invalid(
    doc: Document, year: Quantity | None, month: Quantity, day: Quantity | None
) -> Finding | None:
    m = _whole(month)
    if m is None or (year is None and day is None):
        return None  # a month alone: 13月 in a table of months is not a date
    if year is None and not month.arabic:
        return None  # 二月三十日 without a year: as likely a lunar date as a slip
    if day is not None and _whole(day) is None:
        return None
    _, span = _shown(doc, year, month, day)
    return _judge(doc, span, _whole(year), m, _whole(day))


def _judge(doc: Document, span: Span, y: int | None, m: int, d: int | None) -> Finding | None:
    """The finding for the date written at ``span`` (year ``y``, month ``m``, day ``d``) when it
    does not exist."""
    shown = doc.slice(span)
    if not 1 <= m <= 12:
        return Finding(
            span=span,
            message=Message(
                f"“{shown}”不是有效日期：月份只有1月至12月",
                f"“{shown}” is no date: months run from 1 to 12",
            ),
        )
    if d is None:
        return None
    if y is not None and 1 <= y <= 9999:
        last = calendar.monthrange(y, m)[1]
    else:
        last = 29 if m == 2 else calendar.monthrange(2001, m)[1]
    if 1 <= d <= last:
        return None
    if d == 29 and m == 2 and y is not None:
        zh = f"“{shown}”不是有效日期：{y}年不是闰年，2月只有28天"
        en = f"“{shown}” is no date: {y} is not a leap year, February has 28 days"
    elif d < 1:
        zh, en = f"“{shown}”不是有效日期：日期从1日起", f"“{shown}” is no date: days start at 1"
    else:
        month_name = f"{y}年{m}月" if y is not None else f"{m}月"
        zh = f"“{shown}”不是有效日期：{month_name}只有{last}天"
        en = f"“{shown}” is no date: {month_name} has {last} days"
    return Finding(span=span, message=Message(zh, en))


#: A full date in a title, heading or byline (the date under a signature, 二〇二四年二月三十日),
#: which QUANTITIES does not read: the body text only.
_FULL_DATE = regex.compile(
    rf"(?<![\d{CHINESE_NUMERALS}])(?P<y>\d{{4}}|[{CHINESE_DIGITS}○]{{4}})年"
    rf"(?P<m>\d{{1,2}}|[{CHINESE_NUMERALS}]{{1,3}})月(?P<d>\d{{1,2}}|[{CHINESE_NUMERALS}]{{1,3}})日"
)


def _byline_dates(doc: Document) -> Iterator[Finding]:
    for block in doc.blocks:
        if block.kind not in (BlockKind.BYLINE, BlockKind.TITLE, BlockKind.HEADING):
            continue
        for m in _FULL_DATE.finditer(doc.text, block.span.start, block.span.end):
            if _LUNAR.search(doc.text, max(block.span.start, m.start() - 8), m.start()):
                continue
            y = digitwise_value(m.group("y")) if not m.group("y").isdigit() else int(m.group("y"))
            month, day = integer_value(m.group("m")), integer_value(m.group("d"))
            if y is None or month is None or day is None:
                continue
            found = _judge(doc, Span(m.start(), m.end()), y, month, day)
            if found is not None:
                yield found


def _backwards(
    doc: Document,
    quantities: tuple[Quantity, ...],
    last: int,
    year: Quantity | None,
    month: Quantity,
    day: Quantity | None,
) -> Finding | None:
    """2024年5月至3月, 2024年5月10日至3日: the end of a range inside one year before its start."""
    if year is None or last + 1 >= len(quantities):
        return None
    end_q = quantities[last + 1]
    dash = _RANGE.fullmatch(doc.text, quantities[last].span.end, end_q.span.start)
    if dash is None or end_q.unit not in ("月", "日"):
        return None
    m1, d1 = _whole(month), _whole(day)
    if m1 is None:
        return None
    if end_q.unit == "月":
        m2 = _whole(end_q)
        end_day = quantities[last + 2] if last + 2 < len(quantities) else None
        if end_day is not None and (end_day.unit != "日" or end_day.span.start != end_q.span.end):
            end_day = None
        d2 = _whole(end_day)
        if m2 is None or not 1 <= m2 <= 12:
            return None
        if m2 < m1 and m1 <= 8:
            pass
        elif m2 == m1 and d1 is not None and d2 is not None and d2 < d1:
            pass
        else:
            return None
        stop = (end_day or end_q).span.end
    else:
        d2 = _whole(end_q)
        if d1 is None or d2 is None or d2 >= d1:
            return None
        stop = end_q.span.end
    span = Span((year or month).span.start, stop)
    shown = doc.slice(span)
    return Finding(
        span=span,
        message=Message(
            f"“{shown}”的起止时间颠倒：结束早于开始",
            f"“{shown}” runs backwards: it ends before it starts",
        ),
    )


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    quantities = tuple(doc.view(QUANTITIES).with_kinds(("time",)))
    text = doc.text
    for last, year, month, day in _dates(quantities):
        assert month is not None
        start = (year or month).span.start
        if _LUNAR.search(text, max(0, start - 8), day.span.end if day else month.span.end):
            continue
        found = _invalid(doc, year, month, day) or _backwards(
            doc, quantities, last, year, month, day
        )
        if found is not None:
            yield found
    yield from _byline_dates(doc)

"""Quantities: every number of a document with its value, approximation, unit and context.

The numbers themselves — Arabic (1,000 / 18.51 / 1.2万 / 10亿零817万) and Chinese (三 / 三十余 / 两 /
一百六十), and the approximations 两三个, 七八天 — are read by :mod:`factlint.facts.numerals`. A Chinese numeral counts as a quantity only when a unit or classifier follows it
(六名, 四所, 三十余个): that is what separates numbers from the words and fixed expressions built from
numerals (统一, 一带一路, 十四五, 三农, 两学一做, 五四运动).

The view is a :class:`Quantities`, which keeps the quantities in columns of numbers (about 23 bytes
a quantity) and makes each :class:`Quantity` when it is read: a text of bare numbers (1、2、3、…, issue
11) holds one quantity per two characters.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import compress
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, overload

import regex
from factlint.facts.numerals import (
    APPROX_POST,
    APPROX_PREFIX,
    APPROX_SUFFIX,
    ARABIC_AFTER,
    ARABIC_BEFORE,
    ARABIC_MIXED,
    CHINESE,
    CHINESE_NUMERALS,
    SMALL_UNITS,
    is_numeral_word,
    number_value,
    pair_value,
)
from factlint.facts.units import longest_first
from factlint.model import Span
from factlint.text.document import BLOCKS, PROTECTED, Sentences
from factlint.text.views import View

if TYPE_CHECKING:
    from factlint.text.document import Document, Sentence

Kind = Literal["percent", "points", "permille", "money", "count", "measure", "time", "plain"]

#: Units and classifiers, longest first so that 个百分点 wins over 个 and 万人次 over 万.
_UNITS: dict[str, Kind] = {}
for _kind, _words in {
    "points": "个百分点 百分点",
    "percent": "% ％ 个百分比",
    "permille": "‰",
    "money": "亿美元 万美元 美元 亿元 万元 千元 元",
    "measure": (
        "平方公里 平方千米 平方米 立方米 万千瓦时 千瓦时 万千瓦 千瓦 公里 千米 厘米 毫米 米 万亩 亩 千公顷 公顷 "
        "万吨 吨 公斤 千克 克 升 标准煤 兆瓦 千伏"
    ),
    "time": "小时 分钟 个月 年 月 天 日 周",
    "count": (
        "人次 万人次 万人 人 名 位 户 家 所 个 项 台 例 次 场 期 批 件 套 座 栋 条 辆 架 艘 间 张 本 册 篇 部 "
        "届 倍 对 支 组 队 株 头 只 匹 床 层 处 片 块 种 类 门 款 枚 颗 棵 份 宗 起 笔 单 节 课时"
    ),
}.items():
    for _w in _words.split():
        _UNITS.setdefault(_w, _kind)  # type: ignore[arg-type]
_UNIT_ALT = "|".join(regex.escape(u) for u in sorted(_UNITS, key=longest_first))

QUANTITY = regex.compile(
    rf"""
    (?P<prefix>(?:{APPROX_PREFIX}))?
    (?P<number>
        {ARABIC_BEFORE}(?P<arabic>{ARABIC_MIXED}){ARABIC_AFTER}
      | (?<![第{CHINESE_NUMERALS}])(?P<chinese>{CHINESE})
    )
    (?P<approx>{APPROX_SUFFIX})?
    (?P<unit>{_UNIT_ALT})?
    (?P<post>{APPROX_POST})?
    """,
    regex.VERBOSE,
)

#: Verbs and adverbs that stand between a subject and its figure: 完成手术800余例 → 手术.
_VERBS = re.compile(
    r"累计|共计|合计|总计|完成|开展|实施|实现|达到|突破|超过|新增|增加|减少|增长|下降|提高|提升|帮扶|"
    r"培训|选派|接诊|救治|引进|组织|举办|建成|投入|落实|覆盖|带动|吸引|惠及|输送|达|共|计|了|为|有|是"
)
_FUNCTION_TAIL = "和及与等的约近超逾"
_HAN_RUN_AFTER = regex.compile(r"\p{Han}{1,8}")  # matched at an offset

# ---- shared with the rules that read numbers straight from the text (N101–N105) ----------------
#: Every unit and classifier, longest first, as one regex alternation.
UNIT_ALTERNATION = _UNIT_ALT
#: Chinese names of the units GB 3100 writes with the prefix 千 (kilo): 千牛, 千安, 千乏, 千立方米.
_KILO_NAMES = "米 克 瓦 伏 安 欧 牛 帕 焦 赫 乏 升 卡 比特 立方米"
#: Units that begin with a numeral character: after a digit they are units, not a mixed numeral
#: (5千米 is 5 km, 5个百分点 5 points). 千元 is left out: 5千元 reads as the mixed form of 5000元.
NUMERAL_LED_UNITS: tuple[str, ...] = tuple(
    sorted(
        {u for u in _UNITS if u[0] in SMALL_UNITS and u != "千元"}
        | {"千" + name for name in _KILO_NAMES.split()}
        | {"千兆", "千字", "百帕", "百分比", "百分之"},
        key=longest_first,
    )
)
#: Verbs and adverbs that stand between a subject and its figure (吸引, 达到, 覆盖, 有, 达 …).
FIGURE_VERBS = _VERBS


class Quantity(NamedTuple):
    """One number in the text. Every span is an exact range of the original text.

    A named tuple, made on access from the columns of :class:`Quantities`.
    """

    span: Span  # prefix approximation + number + suffix approximation + unit + post approximation
    number: Span  # the numeral alone
    value: float  # in the base unit: 18.51亿元 is 1851000000 with unit 元
    arabic: bool  # written with digits (1.2万 included), not Chinese numerals
    approx: str  # 余 多 近 约 超 逾 上下 左右 以上 …, or ""
    unit: str  # 亿元 人次 所 % 个百分点 …, or ""
    kind: Kind
    subject: str  # the noun the figure measures, read from before it: 完成手术800余例 → 手术
    noun: str  # the counted noun after a classifier: 6所中学 → 中学 (not a verb: 2家完成升级)

    @property
    def approximate(self) -> bool:
        return bool(self.approx)


#: The units by index in :class:`Quantities` (0: none), and the kind of each.
_UNIT_NAMES: tuple[str, ...] = ("", *_UNITS)
_UNIT_KINDS: tuple[Kind, ...] = ("plain", *_UNITS.values())
_UNIT_INDEX = {u: i for i, u in enumerate(_UNIT_NAMES)}

_new_tuple = tuple.__new__
#: The slots of a Span, set directly: a Span made from the columns needs no check of its offsets,
#: and is made three times faster so (0.3 µs, not 1 µs).
_SET_START: Callable[[Span, int], None] = vars(Span)["start"].__set__
_SET_END: Callable[[Span, int], None] = vars(Span)["end"].__set__


def _span(start: int, end: int) -> Span:
    span = object.__new__(Span)
    _SET_START(span, start)
    _SET_END(span, end)
    return span


class Quantities(Sequence[Quantity]):
    """The quantities of a document in text order, stored in columns (about 23 bytes a number,
    where a :class:`Quantity` object with its spans takes ten times that): a text of bare numbers
    (1、2、3、…) has one quantity per two characters. Indexing and iteration make the
    :class:`Quantity` objects on access; :meth:`with_units` and :meth:`with_kinds` make only those
    of some units; :attr:`starts` gives the start offsets without making any.

    The strings (approximation, subject, noun) are indexes into one table of the document; the unit
    an index into the table of all units, and the kind is the unit's.
    """

    __slots__ = (
        "_approx",
        "_flags",
        "_length",
        "_noun",
        "_number_length",
        "_number_offset",
        "_start",
        "_strings",
        "_subject",
        "_unit",
        "_value",
    )

    def __init__(self, columns: Sequence[array[Any]], strings: tuple[str, ...]) -> None:
        """``columns``: for each quantity, its offset and length; the offset of the number in it
        and its length; the value; flags (:data:`_ARABIC`); the index of the unit in
        :data:`_UNIT_NAMES`; the indexes in ``strings`` of the approximation, subject and noun."""
        (
            self._start,
            self._length,
            self._number_offset,
            self._number_length,
            self._value,
            self._flags,
            self._unit,
            self._approx,
            self._subject,
            self._noun,
        ) = columns
        self._strings = strings

    def _columns(self) -> tuple[array[Any], ...]:
        return (
            self._start,
            self._length,
            self._number_offset,
            self._number_length,
            self._value,
            self._flags,
            self._unit,
            self._approx,
            self._subject,
            self._noun,
        )

    def __reduce__(self) -> tuple[type[Quantities], tuple[Any, ...]]:
        return Quantities, (self._columns(), self._strings)

    def __len__(self) -> int:
        return len(self._start)

    def __bool__(self) -> bool:
        return len(self._start) > 0

    @overload
    def __getitem__(self, index: int) -> Quantity: ...

    @overload
    def __getitem__(self, index: slice) -> Quantities: ...

    def __getitem__(self, index: int | slice) -> Quantity | Quantities:
        if isinstance(index, slice):
            return Quantities([c[index] for c in self._columns()], self._strings)
        start = self._start[index]
        length = self._length[index]
        offset = self._number_offset[index]
        number_length = self._number_length[index]
        unit = self._unit[index]
        strings = self._strings
        span = _span(start, start + length)
        return _new_tuple(
            Quantity,
            (
                span,
                span
                if offset == 0 and number_length == length
                else _span(start + offset, start + offset + number_length),
                self._value[index],
                bool(self._flags[index] & _ARABIC),
                strings[self._approx[index]],
                _UNIT_NAMES[unit],
                _UNIT_KINDS[unit],
                strings[self._subject[index]],
                strings[self._noun[index]],
            ),
        )

    def __iter__(self) -> Iterator[Quantity]:
        return self._made(None)

    def _made(self, units: Container[int] | None) -> Iterator[Quantity]:
        """The quantities (of the units of these indexes, or all), made as :meth:`__getitem__`
        makes them, without a call for each."""
        strings = self._strings
        new, set_start, set_end = object.__new__, _SET_START, _SET_END  # _span(), inlined
        rows: Iterator[tuple[Any, ...]] = zip(*self._columns(), strict=True)
        if units is not None:  # the rows of other units skipped in C, before they are unpacked
            rows = compress(rows, map(units.__contains__, self._unit))
        for start, length, offset, number_length, value, flags, unit, approx, subject, noun in rows:
            span = new(Span)
            set_start(span, start)
            set_end(span, start + length)
            if offset == 0 and number_length == length:
                number = span
            else:
                number = new(Span)
                set_start(number, start + offset)
                set_end(number, start + offset + number_length)
            yield _new_tuple(
                Quantity,
                (
                    span,
                    number,
                    value,
                    bool(flags & _ARABIC),
                    strings[approx],
                    _UNIT_NAMES[unit],
                    _UNIT_KINDS[unit],
                    strings[subject],
                    strings[noun],
                ),
            )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quantities):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Quantities({len(self)} numbers)"

    @property
    def starts(self) -> Sequence[int]:
        """The start offset of every quantity, in order (for :func:`bisect.bisect_left`)."""
        return memoryview(self._start).toreadonly()

    def starts_of_kinds(self, kinds: Iterable[Kind]) -> list[int]:
        """The start offsets of the quantities of one of ``kinds``, in order, without making any
        (for :func:`bisect.bisect_left`)."""
        units = _units_of_kinds(frozenset(kinds))
        return list(compress(self._start, map(units.__contains__, self._unit)))

    def with_units(self, units: Iterable[str]) -> Iterator[Quantity]:
        """The quantities whose unit is one of ``units`` ("" for none), in order; the others are
        skipped without being made."""
        return self._made({_UNIT_INDEX[u] for u in units if u in _UNIT_INDEX})

    def with_kinds(self, kinds: Iterable[Kind]) -> Iterator[Quantity]:
        """The quantities of one of ``kinds``, in order; the others are skipped without being
        made."""
        return self._made(_units_of_kinds(frozenset(kinds)))


@lru_cache(maxsize=64)
def _units_of_kinds(kinds: frozenset[Kind]) -> frozenset[int]:
    """The indexes in :data:`_UNIT_NAMES` of the units of ``kinds`` (a few sets, asked for per
    document by several rules: computed once each)."""
    return frozenset(
        _UNIT_INDEX[u] for u, k in zip(_UNIT_NAMES, _UNIT_KINDS, strict=True) if k in kinds
    )


_ARABIC = 1  # the flag of a number written in Arabic digits
#: The strings of a document that indexes of two bytes can tell apart; past them, four bytes.
_TWO_BYTE_INDEXES = 2**16
#: A Chinese character, or the newline before which ``$`` matches (see :func:`_subject`).
_HAN_OR_NEWLINE = regex.compile(r"\p{Han}|\n")


#: A run of Chinese characters read backwards: matched at the end of the text before a figure.
_HAN_RUN_BACK = regex.compile(r"(?r)\p{Han}{1,12}")
_VERBS_SPLIT = _VERBS.split


def _subject(text: str, start: int) -> str:
    """The noun right before a figure, after the last verb: 累计完成手术800余例 → 手术.

    The run of Chinese characters is ``\\p{Han}{1,12}$`` searched in [start - 12, start): the
    longest that ends at ``start``, or before a newline there (where ``$`` matches), found by one
    backward match instead of a search from each of the twelve characters before. The words
    after the last verb are the last piece of the run split at its verbs."""
    end = start - 1 if text[start - 1] == "\n" else start
    before = _HAN_RUN_BACK.match(text, max(0, start - 12), end)
    if before is None:
        return ""
    return _VERBS_SPLIT(before.group())[-1].rstrip(_FUNCTION_TAIL).lstrip("和及与并")[-6:]


def extract_quantities(doc: Document) -> Quantities:
    text = doc.text
    protected = doc.view(PROTECTED)
    covers, protected_starts, protected_ends = protected.covers, protected.starts, protected.ends
    # the columns (see Quantities); the lengths and offsets within a quantity are below 256: the
    # QUANTITY regex reads at most 2 + 56 + 1 + 4 + 2 characters
    starts: array[int] = array("I" if len(text) < 2**32 else "Q")
    lengths: array[int] = array("B")
    number_offsets: array[int] = array("B")
    number_lengths: array[int] = array("B")
    values: array[float] = array("d")
    flags: array[int] = array("B")
    units: array[int] = array("B")
    approxes: array[int] = array("H")
    subjects: array[int] = array("H")
    nouns: array[int] = array("H")
    strings: list[str] = [""]
    index: dict[str, int] = {"": 0}
    # a character before a figure: whether it may end the run of Chinese characters of a subject
    may_end_subject: dict[str, bool] = {}
    groups = [QUANTITY.groupindex[g] for g in ("prefix", "chinese", "approx", "unit", "post")]
    number_group = QUANTITY.groupindex["number"]
    finditer = QUANTITY.finditer
    verb = _VERBS.match
    han_after = _HAN_RUN_AFTER.match

    def intern(s: str) -> int:
        nonlocal approxes, subjects, nouns
        i = index.get(s)
        if i is None:
            i = index[s] = len(strings)
            strings.append(s)
            if i == _TWO_BYTE_INDEXES:  # more strings than two bytes count: four bytes each
                approxes, subjects, nouns = (array("I", c) for c in (approxes, subjects, nouns))
        return i

    for block in doc.blocks:
        if not block.is_prose:
            continue
        block_start, block_end = block.span.start, block.span.end
        # whether a protected run covers any offset of the block (else no number needs the test)
        k = bisect_right(protected_starts, block_start) - 1
        guarded = (k >= 0 and protected_ends[k] > block_start) or (
            k + 1 < len(protected_starts) and protected_starts[k + 1] < block_end
        )
        for m in finditer(text, block_start, block_end):
            number_start, number_end = m.span(number_group)
            if guarded and covers(number_start):
                continue
            prefix, chinese, suffix, unit, post = m.group(*groups)
            start, end = m.span()
            if chinese is not None:
                if not unit or is_numeral_word(chinese):
                    continue  # a numeral word, not a number: 统一, 十四五, 一带一路
                if text.startswith("一体", end):
                    continue  # 四位一体, 五位一体: a set phrase
            approx = (prefix or "") + (suffix or "") + (post or "")
            pair = pair_value(chinese) if chinese is not None else None
            if pair is not None:
                value: float | None = float(pair)
                approx = approx or chinese  # 两三个, 七八天: an approximation, not 23 or 78
            else:
                number = text[number_start:number_end]
                # ASCII digits, a decimal point between them, and 万 or 亿 after them (18.51亿):
                # what number_value reads them as (arabic_value's float of 18.51e8), without its
                # regex
                plain, exponent = number, ""
                if number[-1] in "万亿":
                    plain, exponent = number[:-1], "e4" if number[-1] == "万" else "e8"
                value = (
                    float(plain + exponent)
                    if plain.isascii()
                    and plain.replace(".", "", 1).isdigit()
                    and plain[0] != "." != plain[-1]
                    else number_value(number)
                )
            if value is None:
                continue
            if unit and unit[0] in "万亿" and text[number_end - 1] in "万亿":
                # 126万亿元: the number read 126万 and left 亿元; the value is 126万 × 1亿 元
                base = unit[1:]
                if base in _UNIT_INDEX:
                    value *= 1e4 if unit[0] == "万" else 1e8
                    unit = base
            if start:
                before = text[start - 1]
                ends = may_end_subject.get(before)
                if ends is None:
                    ends = may_end_subject[before] = _HAN_OR_NEWLINE.fullmatch(before) is not None
                subject = intern(_subject(text, start)) if ends else 0
            else:
                subject = 0
            approx_index = intern(approx) if approx else 0
            noun = 0
            if unit:
                after = han_after(text, end, end + 8)
                if after is not None and not verb(after.group()):
                    noun = intern(after.group())
            starts.append(start)
            lengths.append(end - start)
            number_offsets.append(number_start - start)
            number_lengths.append(number_end - number_start)
            values.append(value)
            flags.append(_ARABIC if chinese is None else 0)
            units.append(_UNIT_INDEX[unit] if unit else 0)
            approxes.append(approx_index)  # after intern(), which may replace the arrays
            subjects.append(subject)
            nouns.append(noun)
    columns = (starts, lengths, number_offsets, number_lengths, values, flags, units)
    return Quantities((*columns, approxes, subjects, nouns), tuple(strings))


#: Every number of the body text with its value, approximation, unit and subject.
QUANTITIES: View[Document, Quantities] = View(
    "quantities", extract_quantities, reads=(BLOCKS, PROTECTED)
)


def per_sentence(
    sentences: Sequence[Sentence], figures: Iterable[Quantity], minimum: int = 0
) -> Iterator[tuple[Sentence, list[Quantity]]]:
    """Each sentence with the figures (a selection of QUANTITIES, in text order) that lie wholly
    inside it, in one walk of both (sentences in order of their starts): linear, and holding no
    more figures than one sentence has, so that a generator of figures is never made a list of a
    long document's quarter million. A sentence in which fewer than ``minimum`` figures start (so
    fewer than that lie inside it) is left out.

    With a ``minimum`` of one or more and the document's :class:`Sentences`, only the sentences
    in which a figure starts are made: each figure's sentence is found by bisection of the
    sentences' starts (they are in order and do not overlap), not by a walk of every sentence."""
    if minimum >= 1 and isinstance(sentences, Sentences):
        yield from _per_sentence_sparse(sentences, figures, minimum)
        return
    pending: deque[Quantity] = deque()
    stream = iter(figures)
    exhausted = False
    for sentence in sentences:
        start, end = sentence.span.start, sentence.span.end
        while pending and pending[0].span.start < start:
            pending.popleft()
        while not exhausted and (not pending or pending[-1].span.start < end):
            q = next(stream, None)
            if q is None:
                exhausted = True
            elif q.span.start >= start:
                pending.append(q)
        starting = [q for q in pending if q.span.start < end]
        if len(starting) < minimum:
            continue
        yield sentence, [q for q in starting if q.span.end <= end]


def _per_sentence_sparse(
    sentences: Sentences, figures: Iterable[Quantity], minimum: int
) -> Iterator[tuple[Sentence, list[Quantity]]]:
    """:func:`per_sentence` for ``minimum >= 1``: the figures grouped by the sentence they start
    in, that sentence found from the columns of starts and ends."""
    starts, ends = sentences.starts(), sentences.ends()
    current = -1
    group: list[Quantity] = []
    for q in figures:
        at = q.span.start
        i = bisect_right(starts, at) - 1
        if i < 0 or at >= ends[i]:
            continue  # between sentences (a table, a heading that is not prose)
        if i != current:
            if len(group) >= minimum:
                end = ends[current]
                yield sentences[current], [g for g in group if g.span.end <= end]
            current, group = i, [q]
        else:
            group.append(q)
    if len(group) >= minimum:
        end = ends[current]
        yield sentences[current], [g for g in group if g.span.end <= end]

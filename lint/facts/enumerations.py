"""Enumerations: the lists of a document with the count claims that introduce or close them.

Three shapes are read, in this order (a later shape never takes text an earlier one took):

- a list in brackets after its label: “一市三县”（同仁市、尖扎县、泽库县、河南蒙古族自治县）,
  “五大中心”(胸痛中心、创伤中心、……), 三交（交往、交流、交融）;
- a run of quoted names, with or without 、 between them: “铸魂”“固本”“强基”“暖心”四大工程;
- a run of items separated by 、 (the last one possibly by 和/及/以及/与): 政府、企业、社会组织、个人“四位一体”,
  A、B、C等三个方面, “四地”，即A、B、C、D.

A count claim stands before the list (as its label, or followed by ：/即/包括) or after it (glued to
it, quoted, or after 等). It is a leading numeral with a group noun (三大工程, 四个方面, 六名进黄南,
四位一体, 三交, 四地, 三个一批) or a composite of numeral-noun pairs (一市三县 = 1 市 + 3 县; the last
noun may be longer: 两区一中心 = 2 区 + 1 中心). Numerals are read by :mod:`factlint.facts.numerals`,
on the numeral span only.

A run of bare numbers (1、2、3, 一、二、三) is not read as a list: its members are not names, so
no rule can use it (the count rule and the lists compared by label read named members), and real
reports write such runs only with a word after the last number (1、2月份, 第1、2、3批), which
stays a list; a text of nothing but such runs (``1、2、3、`` over a megabyte) would otherwise be a
list per 41 numbers. The lists are stored in columns (:class:`Enumerations`: the spans, the items'
bounds and the flags in arrays, the item texts cut from the document's text when read), an
:class:`Enumeration` made when read: about 13 bytes a list and 8 an item.

``Item.text`` and ``Label.text`` are the text of their spans with white space removed (layout
wraps and stray spaces inside a name); spans never include the quotation marks around a name.
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import regex
from factlint.facts.numerals import COUNT_NUMERALS, decimal, integer_value
from factlint.model import Span
from factlint.text.document import BLOCKS, PROTECTED, ColumnSequence
from factlint.text.patterns import ENUMERATOR
from factlint.text.views import View

if TYPE_CHECKING:
    from factlint.text.document import Document

Shape = Literal["bracketed", "quoted", "inline"]

_NUMERAL_CHARS = COUNT_NUMERALS
_CN_NUM = rf"[{_NUMERAL_CHARS}]{{1,3}}"
_ANY_NUM = rf"(?:{_CN_NUM}|{decimal(1, 3, 0)})"
#: Classifiers and group words after which a numeral counts the members of a list.
_GROUP_WORDS = "大|个|项|类|种|条|方面|位|名|批|支|家|所|座|件|张|面|化|地|交|农|区|城"
_STRIP = regex.compile(r"[\s“”\"‘’「」『』]+")
_OPEN_QUOTES = '“"‘「『'
_CLOSE_QUOTES = '”"’」』'


@dataclass(frozen=True, slots=True)
class Item:
    """One member of a list: its exact span (quotes excluded) and its text without white space."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Label:
    """The group name or count claim of a list (三大工程, 一市三县): span without quotes, clean text."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class CountClaim:
    """How many members the text says the list has.

    ``parts`` is filled for composite claims only: 一市三县 → (("市", 1), ("县", 3)); an item ending
    in 市 counts toward 市. ``exact`` is False for approximations (等20多个领域).
    """

    span: Span  # the claim within the label: 三大工程, 一市三县, 四位一体
    total: int
    parts: tuple[tuple[str, int], ...] = ()
    exact: bool = True

    @property
    def composite(self) -> bool:
        return bool(self.parts)


class _Store:
    """The items of the lists of a view, in columns: the start and end of each in one array; their
    texts cut from the document's text (``source``) when read, but for the few whose text is not
    their span's (``cleaned``: white space or quotes removed inside); or, without the document's
    text (items made on their own, a view unpickled), all of them in ``texts``."""

    __slots__ = ("bounds", "cleaned", "source", "texts")

    def __init__(
        self,
        bounds: array[int],
        source: str | None,
        cleaned: dict[int, str],
        texts: tuple[str, ...],
    ) -> None:
        self.bounds = bounds
        self.source = source
        self.cleaned = cleaned
        self.texts = texts

    def text(self, k: int) -> str:
        """The text of item ``k``."""
        if self.source is None:
            return self.texts[k]
        cleaned = self.cleaned.get(k)
        if cleaned is not None:
            return cleaned
        bounds = self.bounds
        return self.source[bounds[2 * k] : bounds[2 * k + 1]]

    def texts_of(self, lo: int, hi: int) -> tuple[str, ...]:
        """The texts of items ``lo`` to ``hi`` (excluded)."""
        if self.source is None:
            return self.texts[lo:hi]
        source, bounds, cleaned = self.source, self.bounds, self.cleaned
        texts = [source[bounds[2 * k] : bounds[2 * k + 1]] for k in range(lo, hi)]
        if cleaned:
            for k in range(lo, hi):
                text = cleaned.get(k)
                if text is not None:
                    texts[k - lo] = text
        return tuple(texts)

    def __reduce__(self) -> tuple[object, ...]:
        # the texts, not the document's text: a view is sent to the process that has the document
        texts = self.texts
        if self.source is not None:
            one: dict[str, str] = {}  # equal texts pickled once
            texts = tuple(one.setdefault(t, t) for t in self.texts_of(0, len(self.bounds) // 2))
        return (_Store, (self.bounds, None, {}, texts))


def _offsets(starts: list[int], ends: list[int]) -> array[int]:
    """The starts and ends, interleaved, in an array of 4-byte offsets (8-byte beyond 4 Gi)."""
    bounds = [0] * (2 * len(starts))
    bounds[0::2] = starts
    bounds[1::2] = ends
    return array(_offset_code(max(bounds, default=0)), bounds)


def _offset_code(largest: int) -> str:
    return "I" if largest <= 0xFFFFFFFF else "q"


class Items(ColumnSequence[Item]):
    """The items of one list: a range of the items of its view, stored in columns (:class:`_Store`:
    8 bytes an item, its text cut from the document's text when read). An :class:`Item` is made
    when it is read, so a list-dense text (``甲乙、丙丁、`` repeated over a megabyte) costs about
    8 bytes per item instead of an Item, a Span, two ints and a string each (~220 bytes)."""

    __slots__ = ("_hi", "_lo", "_store")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str]) -> None:
        self._store = _Store(_offsets(starts, ends), None, {}, tuple(texts))
        self._lo = 0
        self._hi = len(texts)

    @property
    def texts(self) -> tuple[str, ...]:
        """The items' texts, without making Item objects."""
        return self._store.texts_of(self._lo, self._hi)

    def bounds(self) -> Iterator[tuple[int, int]]:
        """The (start, end) of each item's span, in order, without making Item objects."""
        offsets = self._store.bounds[2 * self._lo : 2 * self._hi]
        return zip(offsets[0::2], offsets[1::2], strict=True)

    def __len__(self) -> int:
        return self._hi - self._lo

    def _at(self, i: int) -> Item:
        k = self._lo + i
        store = self._store
        return Item(Span(store.bounds[2 * k], store.bounds[2 * k + 1]), store.text(k))

    def __iter__(self) -> Iterator[Item]:
        bounds = self._store.bounds
        for k, text in enumerate(self.texts, self._lo):
            yield Item(Span(bounds[2 * k], bounds[2 * k + 1]), text)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Items):
            return self.texts == other.texts and list(self.bounds()) == list(other.bounds())
        return super().__eq__(other)

    __hash__ = ColumnSequence.__hash__

    def __reduce__(self) -> tuple[object, ...]:
        bounds = list(self.bounds())
        return (Items, ([s for s, _ in bounds], [e for _, e in bounds], list(self.texts)))


def _items(store: _Store, lo: int, hi: int) -> Items:
    """The items ``lo`` to ``hi`` (excluded) of ``store``, without copying them."""
    items = object.__new__(Items)
    items._store = store
    items._lo = lo
    items._hi = hi
    return items


@dataclass(frozen=True, slots=True)
class Enumeration:
    """A list of at least two items with its label and count claim, if it has them."""

    span: Span  # the list alone, from the first item (or the opening bracket) to the last item
    # (or the closing bracket); the label and a claim after 等 lie outside it
    items: Items
    open: bool  # ends in 等/等等 that no exact count closes: the items are examples, not counted
    label: Label | None
    claim: CountClaim | None
    shape: Shape

    @property
    def count(self) -> int:
        return len(self.items)


_SHAPES: tuple[Shape, ...] = ("bracketed", "quoted", "inline")
_SHAPE_CODES: dict[Shape, int] = {shape: code for code, shape in enumerate(_SHAPES)}
_OPEN = 4  # the flag of an open list, beside its shape's code
_NO_LABEL: tuple[None, None] = (None, None)
_SET_START = vars(Span)["start"].__set__
_SET_END = vars(Span)["end"].__set__
_new = object.__new__
_SET_SPAN = vars(Enumeration)["span"].__set__
_SET_ITEMS = vars(Enumeration)["items"].__set__
_SET_OPEN = vars(Enumeration)["open"].__set__
_SET_LABEL = vars(Enumeration)["label"].__set__
_SET_CLAIM = vars(Enumeration)["claim"].__set__
_SET_SHAPE = vars(Enumeration)["shape"].__set__


class Enumerations(ColumnSequence[Enumeration]):
    """The lists of a document, stored in columns: the start and end of each list's span, where
    its items start among the items of all (:class:`_Store`), its shape and whether it is open;
    the labels and claims (one list in a hundred has one) by list. An :class:`Enumeration` is made
    when it is read: ~13 bytes a list and 8 an item instead of ~390 bytes a list (an Enumeration,
    its span, its items and their texts)."""

    __slots__ = ("_claims", "_first", "_flags", "_spans", "_store")

    def __init__(
        self,
        spans: array[int],
        first: array[int],
        flags: bytes,
        claims: dict[int, tuple[Label | None, CountClaim | None]],
        store: _Store,
    ) -> None:
        self._spans = spans  # start, end of each list
        self._first = first  # the index of each list's first item, and the number of items
        self._flags = flags  # shape code | _OPEN
        self._claims = claims  # by list: its label and claim, where it has either
        self._store = store

    def __len__(self) -> int:
        return len(self._flags)

    def _at(self, i: int) -> Enumeration:
        """Enumeration i, without the dataclass's checks (made each time it is read)."""
        spans, first, flags = self._spans, self._first, self._flags[i]
        span = _new(Span)
        _SET_START(span, spans[2 * i])
        _SET_END(span, spans[2 * i + 1])
        items = _new(Items)
        items._store = self._store
        items._lo = first[i]
        items._hi = first[i + 1]
        label, claim = self._claims.get(i, _NO_LABEL)
        enum = _new(Enumeration)
        _SET_SPAN(enum, span)
        _SET_ITEMS(enum, items)
        _SET_OPEN(enum, bool(flags & _OPEN))
        _SET_LABEL(enum, label)
        _SET_CLAIM(enum, claim)
        _SET_SHAPE(enum, _SHAPES[flags & 3])
        return enum

    def __iter__(self) -> Iterator[Enumeration]:
        return map(self._at, range(len(self._flags)))

    def labelled(self) -> Iterator[Enumeration]:
        """The lists with a label, in order (the few the count rule and the comparison of lists by
        label read), without making the others."""
        for i, (label, _claim) in self._claims.items():
            if label is not None:
                yield self._at(i)

    def starts(self) -> array[int]:
        """The start of each list's span, in order, without making Enumeration objects."""
        return self._spans[0::2]

    def item_bounds(self, i: int) -> Iterator[tuple[int, int]]:
        """The (start, end) of each item of list ``i``, without making Enumeration objects."""
        offsets = self._store.bounds[2 * self._first[i] : 2 * self._first[i + 1]]
        return zip(offsets[0::2], offsets[1::2], strict=True)

    def __reduce__(self) -> tuple[object, ...]:
        store = self._store  # pickled with the items' texts, not the document's text
        return (Enumerations, (self._spans, self._first, self._flags, self._claims, store))


# ---- count claims -----------------------------------------------------------------------------

#: A claim that is a whole label: 三大工程, 四个方面, 六名进黄南, 四位一体, 三交, 一市三县.
_CLAIM_LABEL = regex.compile(
    rf"""
    (?P<composite>
        (?:[{_NUMERAL_CHARS}]\p{{Han}}){{2,4}}
      | (?:[{_NUMERAL_CHARS}]\p{{Han}}){{1,3}}[{_NUMERAL_CHARS}][^{_NUMERAL_CHARS}\P{{Han}}]{{2,3}}
    )
  | (?P<num>{_ANY_NUM})(?P<rest>(?![{_NUMERAL_CHARS}])\p{{Han}}{{1,8}})
    """,
    regex.VERBOSE,
)
#: A claim after a list: 四大工程, 三个方面, 20多个领域 (optionally after 等), 四位一体.
_CLAIM_AFTER = regex.compile(
    rf"""
    (?P<num>{_ANY_NUM})(?P<approx>余|多)?
    (?P<rest>(?:{_GROUP_WORDS})(?:(?![的和及与在是为等])\p{{Han}}){{0,6}})
    """,
    regex.VERBOSE,
)
#: A numbered group name: a numeral, a group word, and what it counts (六个横向输水大动脉).
_GROUP_NAME = regex.compile(rf"{_ANY_NUM}(?:{_GROUP_WORDS})\p{{Han}}{{0,10}}")
#: A claim glued to the last item of a list without 等: ……强基三大工程. Chinese numerals only.
_GLUED_CLAIM = regex.compile(
    rf"(?<=[^第{_NUMERAL_CHARS}\P{{Han}}])[{_NUMERAL_CHARS}]{{1,2}}(?:大|个|项|类|种|方面|位一体)"
)


def _names_a_group(label: str, claim: CountClaim) -> bool:
    """An unquoted claim must say what it counts: 五大中心, 三个方面, 三交, 一市三县 (not 五年)."""
    return claim.composite or _GROUP_NAME.fullmatch(label) is not None


#: One numeral-noun pair of a composite claim; the last noun may be longer: 两区一中心.
_COMPOSITE_PAIR = regex.compile(
    rf"([{_NUMERAL_CHARS}])(\p{{Han}}[^{_NUMERAL_CHARS}\P{{Han}}]{{1,2}}$|\p{{Han}})"
)
#: Classifiers that make a numeral-led label one count, not a composite: 三个一批 is three 一批.
_CLASSIFIER_CHARS = frozenset("个大项类种条")


def _parse_claim(text: str, start: int) -> CountClaim | None:
    """Read a count claim from a label's text (starting at document offset ``start``)."""
    m = _CLAIM_LABEL.fullmatch(text)
    if m is None:
        return None
    composite = m.group("composite")
    if composite and text[1] in _CLASSIFIER_CHARS:
        composite = None  # 三个一批, 两个一百年: a count of things named by a numeral phrase
    if composite and not text.endswith("位一体"):
        pairs = [(p.group(2), p.group(1)) for p in _COMPOSITE_PAIR.finditer(text)]
        if all(n == "一" for _, n in pairs) or len({s for s, _ in pairs}) != len(pairs):
            return None  # 一村一品, 一县一策: one per unit, not a composite
        parts: list[tuple[str, int]] = []
        for suffix, numeral in pairs:
            value = integer_value(numeral)
            if value is None:
                return None
            parts.append((suffix, value))
        return CountClaim(Span(start, start + len(text)), sum(v for _, v in parts), tuple(parts))
    num = m.group("num")
    if num is None:
        # a composite shape that is really one numeral and a noun: 四位一体, 三个一批
        num = text[0]
    value = integer_value(num)
    if value is None or value < 2:
        return None  # 一体化, 一网通办: a word, not a count
    return CountClaim(Span(start, start + len(text)), value)


# ---- the shapes -------------------------------------------------------------------------------

_BRACKETED = regex.compile(r"[（(](?P<body>[^（）()。；;！？!?：:]{3,300}?)[）)]")
#: The label right before a bracketed list, read backwards from the bracket.
_BRACKET_LABEL = regex.compile(
    r"""
    (?:
        [“"](?P<qlabel>[^“”"\s，,。；;：:、（）()]{1,12})[”"]
      | (?<!\p{Han})(?P<plabel>\p{Han}{1,12})
      | (?P<plabel_tail>\p{Han}{12})
    )
    [ \t\u3000]{0,2}$
    """,
    regex.VERBOSE,
)
_PIECE = re.compile(r"[^、]+")
#: A bracketed item holds a name, not a clause.
_NOT_NAME_CHAR = regex.compile(r"[^\p{Han}A-Za-z0-9·\-“”\"‘’]")
#: What continues a quoted name into a longer one: “三个代表”重要思想, “四个意识”、
_GOES_ON = regex.compile(r"[\p{Han}A-Za-z0-9、]")
_QUOTED = regex.compile(r"“[^“”\n]{1,40}”|\"[^\"\n]{1,40}\"|‘[^‘’\n]{1,40}’")
_QUOTED_GAP = regex.compile(r"[ \t\u3000]{0,2}(?:、|以及|和|及|与)?[ \t\u3000]{0,2}")
_NAME = regex.compile(r"[\p{Han}A-Za-z0-9·\-]{1,15}")
#: An item of an inline list: Han, letters, digits, and quoted names inside it (“三权”分置).
_ITEM = r"(?:“[^“”、，,。；;\n]{1,15}”|\"[^\"、，,。；;\n]{1,15}\"|[\p{Han}A-Za-z0-9·]){1,30}"
_INLINE = regex.compile(rf"{_ITEM}(?:[ \u3000]{{0,2}}、[ \u3000]{{0,2}}{_ITEM}){{1,40}}")
#: Where an inline list can start: its first item, up to the first 、 (searched before that 、 only).
_INLINE_START = regex.compile(rf"{_ITEM}[ \u3000]{{0,2}}(?=、)")
#: What never stands between the start of an inline list and its first 、 (searched backwards).
_BARRIER_MARKS = "、，,。；;\n"
#: The last of them before a 、: one backward search (the nearest is most often a few characters
#: back, where a scan of the whole reach for each mark would read up to 512 characters seven times).
_BARRIER_BACK = regex.compile(rf"(?r)[{regex.escape(_BARRIER_MARKS)}]")
#: The longest first item with its spaces: 30 quoted names of 15 characters, and two spaces.
_INLINE_REACH = 30 * 17 + 2
_AFTER_LIST = re.compile(r"(?P<etc>等等|等)?[ \u3000]{0,2}(?P<quote>[“\"])?")
#: The characters a non-empty match of ``_AFTER_LIST`` starts with.
_AFTER_LIST_FIRST = '等 \u3000“"'
#: Where the last item of an inline list ends: at 等 (not 平等, 高等, 等级) or at 的 (not 目的地).
_LAST_ITEM_STOP = re.compile(r"(?<![平高中初同对均相次优])等(?![级于待同候次])|(?<!目)的(?![确士])")
#: A final connective between the last two items; not inside a word (和谐, 参与, 及时, 与会).
_CONNECTIVE = re.compile(r"以及|和(?![谐平睦美煦])|及(?![时早])|与(?![会时])")
#: What introduces a list after its claim: “四地”，即……; 三大工程：……
_LEAD_IN = re.compile(r"(?:即|包括|分别是|分别为|就是|主要是|具体是)")
_CLAIM_BEFORE = regex.compile(
    rf"[“\"]?(?<![\d{_NUMERAL_CHARS}])(?P<claim>{_ANY_NUM}\p{{Han}}{{1,8}})[”\"]?[ \u3000]{{0,2}}(?P<sep>[：:，,])[ \u3000]{{0,2}}$"
)
#: Verbs that take a list or a slogan as their object: 打造“两个中心”, 坚定“四个自信”, 做好A、B.
_OBJECT_VERBS = (
    r"打造|坚定|增强|做到|落实|完成|实现|推进|推动|加强|加快|深化|聚焦|用好|打好|坚持|贯彻|实施|开展|"
    r"建成|树牢|践行|围绕|紧扣|抓好|做好|守好|筑牢|建立健全|建立|健全|涵盖|包括|包含|涉及|覆盖|帮扶|"
    r"选派|依托|通过|举办|设立|完善|培育|引进|支持|促进|强化"
)
#: Where the lead of a clause ends before its first item: 建立健全|政府、企业……; 涵盖|教育、医疗……
_FIRST_ITEM_CUT = re.compile(
    rf"{_OBJECT_VERBS}|建设|发展|组织|累计|即|如|的|和|与|及|在|对|把|将|为|是|了|由|从|向|以|其中"
)
_ENDS_IN_VERB = re.compile(rf"(?:{_OBJECT_VERBS})$")


class _Taken:
    """Text already read as a list or a label: disjoint sorted runs, queried by bisection."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, span: Span) -> None:
        self.add_range(span.start, span.end)

    def add_range(self, start: int, end: int) -> None:
        i = bisect_right(self.ends, start)  # first run that ends after start
        j = bisect_left(self.starts, end)  # runs [i, j) touch [start, end)
        start = min([start, *self.starts[i:j]])
        end = max([end, *self.ends[i:j]])
        self.starts[i:j] = [start]
        self.ends[i:j] = [end]

    def overlaps(self, span: Span) -> bool:
        return self.overlaps_range(span.start, span.end)

    def overlaps_range(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end) - 1  # the last run starting before end
        return i >= 0 and self.ends[i] > start


def clean_text(text: str) -> str:
    """The normalisation of ``Item.text`` and ``Label.text``: white space and quotes removed."""
    return _STRIP.sub("", text)


#: What :func:`_strip_span` or :func:`clean_text` might remove (``str.isspace`` also holds for
#: \x1c-\x1f): a piece without any is its own span and text, and needs neither.
_DIRTY = regex.compile(r"[\s\x1c-\x1f“”\"‘’「」『』]")


def _strip_span(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    """Narrow [start, end) of ``text`` past white space and the given characters on both sides."""
    while start < end and (text[start].isspace() or text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in chars):
        end -= 1
    return start, end


#: One item being read: its start, end and clean text.
_Piece = tuple[int, int, str]


def _piece(text: str, start: int, end: int) -> _Piece | None:
    """The item in [start, end): past quotes and white space at its ends, its text clean; None
    when nothing is left."""
    raw = text[start:end]
    if _DIRTY.search(raw) is None:
        return (start, end, raw) if raw else None
    start, end = _strip_span(text, start, end, _OPEN_QUOTES + _CLOSE_QUOTES)
    if start >= end:
        return None
    return start, end, clean_text(text[start:end])


class _Draft:
    """The items of a list being read, as three parallel lists (no object per item)."""

    __slots__ = ("ends", "starts", "texts")

    def __init__(self, starts: list[int], ends: list[int], texts: list[str]) -> None:
        self.starts = starts
        self.ends = ends
        self.texts = texts

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, piece: _Piece) -> None:
        self.starts.append(piece[0])
        self.ends.append(piece[1])
        self.texts.append(piece[2])

    def set(self, i: int, piece: _Piece) -> None:
        self.starts[i], self.ends[i], self.texts[i] = piece

    def copy(self) -> _Draft:
        return _Draft(self.starts[:], self.ends[:], self.texts[:])


def _common_suffix(words: list[str]) -> str:
    if len(words) < 2:
        return ""
    suffix = words[0]
    for w in words[1:]:
        while suffix and not w.endswith(suffix):
            suffix = suffix[1:]
    return suffix


def _split_last(text: str, items: _Draft) -> list[_Draft]:
    """The readings of a list whose last item may hold a final connective: A、B、C和D.

    The first reading is the preferred one. The connective separates two items unless the other
    items share a head noun that the part after it has and the part before it lacks:
    儿童和危重新生儿救治中心 is one 中心, not 儿童 and a 中心.
    """
    last_start, last_end = items.starts[-1], items.ends[-1]
    connectives = list(_CONNECTIVE.finditer(text, last_start + 1, last_end - 1))
    if not connectives:
        return [items]
    m = connectives[-1]
    left = _piece(text, last_start, m.start())
    right = _piece(text, m.end(), last_end)
    if left is None or right is None or len(left[2]) < 2 or len(right[2]) < 2:
        return [items]
    split = items.copy()
    split.set(-1, left)
    split.add(right)
    suffix = _common_suffix(items.texts[:-1])
    if suffix and right[2].endswith(suffix) and not left[2].endswith(suffix):
        return [items, split]
    return [split, items]


def _choose(readings: list[_Draft], claim: CountClaim | None) -> _Draft:
    """The preferred reading, or the one that agrees with the claim when only one does."""
    if claim is not None and claim.exact:
        agreeing = [r for r in readings if len(r) == claim.total]
        if agreeing:
            return agreeing[0]
    return readings[0]


def _label_before_bracket(
    text: str, block_start: int, bracket: int
) -> tuple[Label | None, CountClaim | None]:
    m = _BRACKET_LABEL.search(text, max(block_start, bracket - 16), bracket)
    if m is None:
        return None, None
    if m.group("qlabel") is not None:
        start, end = m.span("qlabel")
        label = Label(Span(start, end), clean_text(text[start:end]))
        return label, _parse_claim(label.text, start)
    run_start, run_end = m.span("plabel") if m.group("plabel") else m.span("plabel_tail")
    # the claim at the end of the Han run: 黄南州一市三县（……） → 一市三县
    for i in range(run_start, run_end - 1):
        if text[i] in _NUMERAL_CHARS and (i == run_start or text[i - 1] not in _NUMERAL_CHARS):
            claim = _parse_claim(text[i:run_end], i)
            if claim is not None and _names_a_group(text[i:run_end], claim):
                return Label(Span(i, run_end), clean_text(text[i:run_end])), claim
    return None, None


def _bracketed(text: str, start: int, end: int) -> Iterator[_Found]:
    for m in _BRACKETED.finditer(text, start, end):
        body_start = m.start("body")
        body = m.group("body")
        if "、" not in body or "，" in body or "," in body:
            continue
        items = _Draft([], [], [])
        ok = True
        for piece in _PIECE.finditer(body):
            item = _piece(text, body_start + piece.start(), body_start + piece.end())
            if item is None or len(item[2]) > 30 or _NOT_NAME_CHAR.search(item[2]):
                ok = False
                break
            items.add(item)
        if not ok or len(items) < 2:
            continue
        open_ = False
        last_text = items.texts[-1]
        for etc in ("等等", "等"):
            if last_text.endswith(etc):
                open_ = True
                trimmed = _piece(text, items.starts[-1], items.ends[-1] - len(etc))
                if trimmed is None:
                    ok = False
                else:
                    items.set(-1, trimmed)
                break
        if not ok:
            continue
        label, claim = _label_before_bracket(text, start, m.start())
        chosen = items if open_ else _choose(_split_last(text, items), claim)
        yield m.start("body") - 1, m.end(), chosen, open_, label, claim, "bracketed"


def _claim_after(
    text: str, pos: int, end: int, *, bare: bool
) -> tuple[Label | None, CountClaim | None, bool]:
    """The claim after a list ending at ``pos``: (label, claim, whether 等 ends the list).

    A claim without 等 must be quoted (个人“四位一体”的) or, with ``bare``, follow quoted names
    directly (“铸魂”“固本”“强基”“暖心”四大工程).
    """
    if not bare and (pos >= end or text[pos] not in _AFTER_LIST_FIRST):
        return None, None, False  # no 等, no quote: the match below is empty, and so is the claim
    head = _AFTER_LIST.match(text, pos, end)
    assert head is not None  # the pattern matches the empty string
    etc = head.group("etc") is not None
    quote = head.group("quote")
    cpos = head.end()
    if quote is not None:
        closing = "”" if quote == "“" else '"'
        close = text.find(closing, cpos, min(end, cpos + 14))
        after = text[close + 1 : close + 2] if close >= 0 else ""
        if close < 0 or (after and after != "的" and _GOES_ON.match(after)):
            return None, None, etc  # “三个代表”重要思想, “四个意识”、: a name that goes on
        inner = text[cpos:close]
        claim = _parse_claim(inner, cpos) if _CLAIM_AFTER.fullmatch(inner) else None
        if claim is None:
            return None, None, etc
        return Label(Span(cpos, close), clean_text(inner)), claim, etc
    if not (etc or bare):
        return None, None, False
    m = _CLAIM_AFTER.match(text, cpos, end)
    if m is None or (not etc and m.group("num").isdigit()):
        return None, None, etc
    value = integer_value(m.group("num"))
    if value is None or value < 2:
        return None, None, etc
    approx = m.group("approx") is not None
    claim = CountClaim(Span(m.start(), m.end()), value, exact=not approx)
    label = Label(Span(m.start(), m.end()), clean_text(m.group()))
    return label, claim, etc


def _is_open(etc: bool, claim: CountClaim | None, count: int) -> bool:
    """After 等 a count closes the list when it is exact and not above the number of items
    (等三个方面); a larger or approximate count (北京、上海等10个城市, 等20多个领域) makes the items
    examples, and so does 等 alone: the list stays open."""
    return etc and (claim is None or not claim.exact or claim.total > count)


def _quoted(text: str, start: int, end: int, taken: _Taken) -> Iterator[_Found]:
    names = [q for q in _QUOTED.finditer(text, start, end) if _NAME.fullmatch(q.group()[1:-1])]
    i = 0
    while i < len(names):
        j = i
        while j + 1 < len(names):
            gap = _QUOTED_GAP.fullmatch(text, names[j].end(), names[j + 1].start())
            if gap is None:
                break
            j += 1
        run = names[i : j + 1]
        i = j + 1
        if len(run) < 2:
            continue
        span_start, span_end = run[0].start(), run[-1].end()
        if taken.overlaps_range(span_start, span_end):
            continue
        items = _Draft(
            [q.start() + 1 for q in run],
            [q.end() - 1 for q in run],
            [clean_text(q.group()[1:-1]) for q in run],
        )
        label, claim, etc = _claim_after(text, span_end, end, bare=True)
        if label is None:
            label, claim = _claim_before(text, start, span_start, comma=False)
        yield span_start, span_end, items, _is_open(etc, claim, len(items)), label, claim, "quoted"


def _claim_before(
    text: str, block_start: int, pos: int, *, comma: bool
) -> tuple[Label | None, CountClaim | None]:
    """A claim right before a list: 三大工程：……, or with a lead-in word “四地”，即……"""
    m = _CLAIM_BEFORE.search(text, max(block_start, pos - 16), pos)
    if m is None or (not comma and m.group("sep") in "，,"):
        return None, None
    cstart, cend = m.span("claim")
    quoted = text[cstart - 1] in '“"' and text[cend] in '”"'
    claim = _parse_claim(text[cstart:cend], cstart)
    if claim is None or not (quoted or _names_a_group(text[cstart:cend], claim)):
        return None, None  # 2023年：……, 五年，即……: a number, not the size of a group
    return Label(Span(cstart, cend), clean_text(text[cstart:cend])), claim


def _inline_items(text: str, m: regex.Match[str]) -> _Draft:
    """The pieces of an inline list between its 、, each past quotes and white space."""
    group = m.group()
    pos = m.start()
    if _DIRTY.search(group) is None:
        # the common case, and a list-dense text's: the pieces are the items, 、 apart
        texts = group.split("、")
        starts: list[int] = []
        ends: list[int] = []
        for t in texts:
            starts.append(pos)
            pos += len(t)
            ends.append(pos)
            pos += 1
        return _Draft(starts, ends, texts)
    items = _Draft([], [], [])
    for p in _PIECE.finditer(group):
        piece = _piece(text, pos + p.start(), pos + p.end())
        if piece is not None:
            items.add(piece)
    return items


#: A run of bare numbers: 1、2、3, 一、二、三 (and nothing else: 1、2月份 and 第1、2、3批 end in a word).
_BARE_NUMBER = r"(?:[0-9０-９]+|[〇零一二三四五六七八九十百千万两]+)"
_BARE_NUMBERS = re.compile(rf"{_BARE_NUMBER}(?:、{_BARE_NUMBER})+")


def _inline_matches(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """``_INLINE.finditer(text, start, end)``, searched from each 、 instead of at every position.

    A match's first 、 is the first 、 after its start (no item holds one), at most
    ``_INLINE_REACH`` characters on, with none of ，,。；;\\n between (no item holds those either);
    and whether the rest matches from that 、 on, and where it ends, does not depend on where the
    match starts (the items before the 、 are read one way only). So the leftmost match is found
    by looking, for each 、 in turn, for the leftmost start of a first item right before it, and
    matching the whole list from there; if that fails, no list has its first 、 there.
    """
    pos = start
    barrier_back = _BARRIER_BACK.search
    while True:
        q = text.find("、", pos, end)
        if q < 0:
            return
        lo = max(pos, q - _INLINE_REACH)
        barrier = barrier_back(text, lo, q)  # the last barrier before the 、
        if barrier is not None:
            lo = barrier.end()
        first = _INLINE_START.search(text, lo, q + 1)
        m = _INLINE.match(text, first.start(), end) if first is not None else None
        if m is None:
            pos = q + 1
            continue
        yield m
        pos = m.end()


def _inline(text: str, start: int, end: int, taken: _Taken) -> Iterator[_Found]:
    for m in _inline_matches(text, start, end):
        if taken.overlaps_range(m.start(), m.end()) or _BARE_NUMBERS.fullmatch(m.group()):
            continue  # a run of bare numbers lists no named members (see the module docstring)
        items = _inline_items(text, m)
        if len(items) < 2:
            continue
        label: Label | None = None
        claim: CountClaim | None = None
        etc = False
        # the last item ends at 等 (A、B等三个方面) or at 的 (……、个人的): the rest is the clause
        last_start, last_stop = items.starts[-1], items.ends[-1]
        stop = _LAST_ITEM_STOP.search(text, last_start + 1, last_stop)
        last_end = stop.start() if stop is not None else last_stop
        modified = stop is not None and stop.group() == "的"
        while last_end > last_start and text[last_end - 1].isspace():
            last_end -= 1
        # a quoted claim closing the sentence (……生态振兴“五个振兴”。): the item's span leaves out
        # its closing quote; the item is cut before it only if the claim is taken (below)
        closing = stop is None and text[last_end : last_end + 1] in ("”", '"')
        if closing:
            last_end += 1
        if text[last_end - 1] in '”"':
            # a quoted name closing the last item may be its claim: 个人“四位一体”的
            quote = "“" if text[last_end - 1] == "”" else '"'
            opening = text.rfind(quote, last_start, last_end - 1)
            if opening > last_start:
                last_end = opening
                modified = False  # 的 follows the quoted claim, not the item
        cut = _piece(text, last_start, last_end)
        if cut is None:
            continue
        items.set(-1, cut)
        list_end = cut[1]
        # a claim glued to the last item: ……强基三大工程, 武汉三个“1小时交通圈”; the first one that
        # ends the item (生态四个方面六项重点 claims four). With 和 inside the last item the list
        # may be read as one item longer (教育、医疗和就业四大工程).
        joined = _CONNECTIVE.search(text, cut[0] + 1, cut[1] - 1)
        if not modified and len(items) + (joined is not None) >= 3:
            for glued in _GLUED_CLAIM.finditer(text, cut[0], cut[1]):
                tail = _CLAIM_AFTER.match(text, glued.start(), cut[1])
                if tail is None:
                    continue
                named: Label | None = None
                close = text.find("”", tail.end(), tail.end() + 16)
                if tail.end() == cut[1] and text.startswith("“", tail.end()) and close > 0:
                    # a quoted name counted: 三个“1小时交通圈”
                    named = Label(
                        Span(tail.start(), close + 1), clean_text(text[tail.start() : close])
                    )
                trimmed = _piece(text, cut[0], glued.start())
                value = integer_value(tail.group("num"))
                if (
                    tail.end() == cut[1]  # the claim ends the item: 三大工程，
                    and trimmed is not None
                    # not a clause: ……入选全国年度十大考古新发现 (the longest other item + 2)
                    and len(trimmed[2]) <= max(map(len, items.texts[:-1])) + 2
                    and value is not None
                    and value >= 2
                ):
                    items.set(-1, trimmed)
                    list_end = trimmed[1]
                    claim = CountClaim(Span(tail.start(), tail.end()), value)
                    label = named or Label(claim.span, clean_text(tail.group()))
                    break
        if label is None and not modified:
            label, claim, etc = _claim_after(text, list_end, end, bare=False)
            if label is not None and (
                taken.overlaps(label.span)
                or (
                    not text.startswith("等", list_end)  # quoted
                    and (len(items) < 3 or _ENDS_IN_VERB.search(items.texts[-1]) is not None)
                )
            ):
                # the label of a list already read (“三交”（……）), or a quoted name after clauses
                # (增强“四个意识”、坚定“四个自信”; ……、打造“两个中心”): not the count of this list
                label, claim = None, None
        # (closing holds only without a stop, and the item is read uncut only when it is needed)
        if closing and label is None and (uncut := _piece(text, last_start, last_stop)) is not None:
            items.set(-1, uncut)  # no claim: the quoted name is part of the item (做到“两个维护”)
            list_end = uncut[1]
        # the first item: the run before the first 、 holds the lead of the clause
        first_start, first_end = items.starts[0], items.ends[0]
        if label is None and _LEAD_IN.match(text, first_start, first_end) is not None:
            label, claim = _claim_before(text, start, first_start, comma=True)
        cut_at = first_start
        for c in _FIRST_ITEM_CUT.finditer(text, first_start, first_end - 1):
            cut_at = c.end()
        first = _piece(text, cut_at, first_end)
        if first is None:
            continue
        items.set(0, first)
        if label is None and cut_at == first_start:
            label, claim = _claim_before(text, start, first_start, comma=False)
        if joined is None and items.starts[-1] == cut[0] and items.ends[-1] == cut[1]:
            chosen = items  # no connective in the last item: _split_last reads it one way only
        else:
            chosen = _choose(_split_last(text, items), claim)
        open_ = _is_open(etc, claim, len(chosen))
        yield chosen.starts[0], list_end, chosen, open_, label, claim, "inline"


#: A list read, before it is stored: its span, items, whether open, label, claim and shape.
_Found = tuple[int, int, _Draft, bool, Label | None, CountClaim | None, Shape]


class _Builder:
    """The columns of an :class:`Enumerations`, a list at a time."""

    def __init__(self, source: str) -> None:
        code = _offset_code(len(source))
        self.source = source
        self.spans: array[int] = array(code)
        self.first: array[int] = array(code, [0])
        self.bounds: array[int] = array(code)
        self.flags = bytearray()
        self.claims: dict[int, tuple[Label | None, CountClaim | None]] = {}
        self.cleaned: dict[int, str] = {}

    def add(self, found: _Found) -> None:
        start, end, draft, open_, label, claim, shape = found
        if label is not None or claim is not None:
            self.claims[len(self.flags)] = (label, claim)
        self.spans.append(start)
        self.spans.append(end)
        self.flags.append(_SHAPE_CODES[shape] | (_OPEN if open_ else 0))
        k = self.first[-1]
        starts, ends = draft.starts, draft.ends
        for j, text in enumerate(draft.texts):
            if len(text) != ends[j] - starts[j]:  # white space or quotes removed from its span
                self.cleaned[k + j] = text
        bounds = [0] * (2 * len(starts))
        bounds[0::2] = starts
        bounds[1::2] = ends
        self.bounds.extend(bounds)
        self.first.append(k + len(starts))

    def build(self) -> Enumerations:
        store = _Store(self.bounds, self.source, self.cleaned, ())
        return Enumerations(self.spans, self.first, bytes(self.flags), self.claims, store)


def extract_enumerations(doc: Document) -> Enumerations:
    text = doc.text
    out = _Builder(text)
    protected = doc.view(PROTECTED)
    for block in doc.blocks:
        if not block.is_prose:
            continue
        block_text = block.text
        if "、" not in block_text and block_text.count("“") < 2 and block_text.count('"') < 4:
            continue  # no 、 and no two quoted names: no list
        # two quoted names need two of “ and ‘ or four "
        quotes = block_text.count("“") + block_text.count("‘") + block_text.count('"') // 2
        start, end = block.span.start, block.span.end
        found: list[_Found] = []
        if "（" in block_text or "(" in block_text:
            found.extend(_bracketed(text, start, end))
        taken = _Taken()
        for enum in found:
            taken.add_range(enum[0], enum[1])
        if quotes >= 2:
            for enum in _quoted(text, start, end, taken):
                found.append(enum)
                taken.add_range(enum[0], enum[1])
        for enum in found:
            label = enum[4]
            if label is not None:
                taken.add(label.span)
        # 一、 opening a list item is not an item of the list
        enumerator = ENUMERATOR.match(text[start : start + 12])
        inline_start = start + enumerator.end() if enumerator else start
        inline = _inline(text, inline_start, end, taken)
        if found:
            # in the order of their spans; each list stored as it is read (the inline lists, read
            # in order, are most lists: not one draft of a list-dense paragraph's is kept)
            found.sort(key=_span_key)
            inline = heapq.merge(found, inline, key=_span_key)
        # (a block no protected span touches: no list of it needs the test)
        guarded = protected.touches(start, end)
        for enum in inline:
            if not (guarded and protected.covers(enum[0])):
                out.add(enum)
    return out.build()


def _span_key(found: _Found) -> tuple[int, int]:
    return found[0], found[1]


#: Lists of items (、/和-separated, quoted names, bracketed) with their labels and count claims.
ENUMERATIONS: View[Document, Enumerations] = View(
    "enumerations", extract_enumerations, reads=(BLOCKS, PROTECTED)
)

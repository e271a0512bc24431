"""Figures: the facts a document states — each number with a unit, with what it measures.

A :class:`Figure` is a quantity of :data:`~factlint.facts.quantities.QUANTITIES` (a count, an
amount of money, a measure, a percentage; never a bare number, an ordinal, a date or a year) read
in its sentence and section:

- **metric** — the noun phrase it measures, from the words before it back to a clause or verb
  boundary (累计选派\\ **医疗人才**\\ 162名, 全市\\ **地区生产总值**\\ 达到1234.5亿元), or the noun
  after its classifier (新建6所\\ **学校**); qualifying verbs stay in it (**新增就业**, **新建学校**);
- **entity** — a place named at the head of a clause of the sentence (同仁市, 黄南州), else one named
  by the section heading, else the document's own (全市, 全州 and unnamed: the document);
- **period** — a year of the sentence (2023年), 今年/去年/上年 against the document's year (its title
  or date line), a range (2013—2017年); 累计, “十四五”以来, 近五年, 过去五年 make it cumulative;
  else the section heading's year, else, in a 统计公报, the year of its title, else the document
  alone (the figures of a 政府工作报告 without a year are of last year or this one: compared only
  within their own document);
- **target** — 目标, 预计, 力争, 计划, 预期, 争取, 确保, 左右, 以上 …: a goal, not an achievement;
- **change** — a level (达到1234.5亿元), or a change (增长8.6% is ``"+"``, 下降 ``"-"``, 年均增长
  ``"avg+"``);
- **precision** — the place value of its last significant digit in base units (18.51亿元: 100万元;
  1000人: 1000), widened by its approximation (余, 约, 近, 多 …).

:data:`FIGURE_INDEX` is the corpus view that groups the figures of a run by the key that makes two
of them the same fact — (entity, metric, period, unit, change, cumulative) — in one dict, so that
a rule compares figures only within their group.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, get_args

import regex
from factlint.facts.corpus import Corpus
from factlint.facts.numerals import digitwise_value
from factlint.facts.quantities import QUANTITIES, Kind, Quantity
from factlint.model import Span
from factlint.text.blocks import BlockKind
from factlint.text.document import BLOCKS, SENTENCES, Document
from factlint.text.views import View, corpus_view

# ---- vocabulary -------------------------------------------------------------------------------

#: Units that name the same dimension: 162名 and 162人 count the same people.
_SAME_UNIT = {"名": "人", "位": "人", "千克": "公斤", "平方千米": "平方公里", "％": "%"}
#: Quantities that are not figures: durations, dates and years (2023年, 3个月).
_NOT_FIGURES = frozenset({"time", "plain"})
_FIGURE_KINDS: tuple[Kind, ...] = tuple(k for k in get_args(Kind) if k not in _NOT_FIGURES)

#: A clause ends at these marks (and at the previous figure of the clause).
_CLAUSE_MARK_BACK = regex.compile(r"(?r)[，。；：！？、,;:!?\s]")
#: The mantissa of an Arabic numeral; the numbering a heading starts with; where clauses end.
_DIGITS = regex.compile(r"[\d,.]+")
_HEADING_NUMBER = regex.compile(r"^[\s\d一二三四五六七八九十（）()、.．]+")
_CLAUSE_SPLIT = re.compile(r"[，；：]")
#: Words of a goal, anywhere in the sentence before the figure (or in its section heading).
_TARGET = re.compile(
    r"目标|预计|预期|力争|计划|争取|确保|拟|规划|左右|以上|不低于|不少于|控制在|保持在|力求"
    # 将 and 要 of a plan (将达到, 要完成), not of 即将, 主要, 重要, 需要; a budget (预算安排), not
    # the revenue of the general public budget (一般公共预算收入), an achievement
    r"|将(?<!即将)(?=[实达完力突增提使超新建])|要(?<![主重需必纲摘]要)(?=[实达完力突增提使确新建])"
    r"|预算(?<!公共预算)(?![收支])"
)
# (each lookbehind stands after its word, not before it: every alternative then begins with a
# character, and ``re`` skips in C to the next of those first characters instead of trying each
# position of the sentence)
_TARGET_APPROX = ("左右", "以上", "以内", "上下")
_TARGET_HEADING = re.compile(r"目标|任务|部署|安排|计划|规划|打算|展望|重点工作")
#: Cumulative markers: the figure sums several years: 累计, 以来, 近五年, 近10年, 五年来, 十四五.
#: Only whether a text holds one is asked: each alternative begins with a character of its own (a
#: year's 年, what comes before it looked behind for), which the search skips to, and 五年来, 十年来
#: need only the numeral before 年 (a run of two holds one) and 十四五 no quotes around it.
_CUMULATIVE = regex.compile(
    r"累计|共计|总计|合计|以来|期间|时期|十[一二三四五六七八九]五|年(?<=[一二三四五六七八九十两\d]年)[来间内中]"
    r"|年(?<=[近过去前后][二三四五六七八九十两]年)|年(?<=[近过去前后][一二三四五六七八九十]{2}年)"
    r"|年(?<=[近过去前后]\d年)|年(?<=[近过去前后]\d\d年)"
)
#: Bases of comparison, which are not the figure's period: 比上年, 较2012年, 同比.
_COMPARISON = regex.compile(
    r"(?:比|较|与|同)(?:上年|去年|上一年|前一年|年初|上年末|(?:19|20)\d\d年)(?:同期|末|底|初)?(?:相比)?"
    r"|同比|环比"
)
_YEAR = regex.compile(
    r"(?<![\d０-９])(?P<y1>(?:19|20)\d\d)(?:年?\s*[—–\-~～至到]\s*(?P<y2>(?:19|20)\d\d))?年(?!代)"
)
_HAN_YEAR = re.compile(r"(?:一九|二[〇零○])[〇零○一二三四五六七八九]{2}(?=年)")
_THIS_YEAR = re.compile(r"今年|本年")  # 全年 and 当年 are the year of the context
_LAST_YEAR = re.compile(r"去年|上年|上一年|过去一年|前一年")
#: Change verbs (with their direction) just before a figure: 增长8.6%, 下降0.5个百分点.
_CHANGE_UP = "增长|增加|提高|上升|上涨|增收|增产|扩大|提升|递增|多"
_CHANGE_DOWN = "下降|减少|降低|回落|下滑|缩小|减产|减收|递减|减"
_CHANGE_TAIL = "了|幅度为|幅度|率为|率"
_CHANGE = re.compile(
    r"(?P<avg>年均|平均每年|年平均)?(?:实际|名义|分别|同比|累计)?"
    rf"(?:(?P<up>{_CHANGE_UP})"
    rf"|(?P<down>{_CHANGE_DOWN})|(?P<mult>翻)"
    rf")(?:{_CHANGE_TAIL})?$"
)
#: The characters a match of _CHANGE ends with (a verb's or a tail's last), or the newline before
#: which ``$`` matches: a clause that ends otherwise is not searched.
_CHANGE_ENDS = frozenset(
    w[-1] for w in f"{_CHANGE_UP}|{_CHANGE_DOWN}|翻|{_CHANGE_TAIL}|\n".split("|")
)
#: Words between a metric and its figure: 地区生产总值**达到**1234.5亿元.
_TAIL = re.compile(
    r"(?:达到|达|为|是|有|超过|突破|完成|实现|约|近|超|逾|共|计|了|分别|总计|合计|累计|共计|"
    r"总额|总量|规模|仅|只|已|年末|年底|全年|就|也|均|又|再|稳定在|保持在|控制在|上升到|提高到|"
    r"增加到|增长到|下降到|降低到|减少到|提升到|扩大到|达到了|至|到)$"
)
#: The longest matches of _CHANGE and _TAIL (平均每年实际增长幅度为, 稳定在), and a newline before
#: which ``$`` matches: where :func:`_metric` starts searching for them.
_CHANGE_REACH = 4 + 2 + 2 + 3 + 1
_TAIL_REACH = 3 + 1
#: Action verbs: the metric starts after the last of them (累计**选派**医疗人才162名 → 医疗人才).
_ACTION = re.compile(
    r"选派|培训|接诊|救治|引进|组织|举办|建成|投入|落实|覆盖|带动|吸引|惠及|输送|完成|开展|实施|实现|"
    r"帮扶|安排|争取|招商|签约|派出|招录|招聘|资助|救助|安置|转移|培育|认定|发放|减免|减税|降费|"
    r"支持|支援|援助|拨付|下达|筹集|募集|捐赠|捐助|获得|获批|创建|打造|改造|"
    r"治理|修复|整治|种植|造林|营造|开通|建设|新开工|开工|竣工|投产|达产|提供|服务|诊疗|收治|"
    r"累计|共计|合计|总计|达到|突破|超过|增加|减少|增长|下降|提高|提升|发行|出版|处理|入选|挂牌|参保|"
    r"登记|注册|接待|递增|递减|减产|增产|扣除"
)
#: Verbs that qualify a metric rather than end it: 新增就业 is not 就业.
_QUALIFIER = re.compile(r"新增|新建|新开工|净增|新培育|新认定|新登记|新发现|新设立|新引进|新发放")
#: Words at the head of a clause that are not part of the metric.
_LEAD = re.compile(
    r"^(?:其中|全年|年末|年底|截至目前|截至|目前|当年|本年|今年|去年|上年|同时|此外|另外|共|并|和|及|与|"
    r"已|还|全部|累计|共计|合计|总计|共有|现有|拥有|有)+"
)
#: Metrics too generic to be one fact.
_GENERIC = frozenset(
    "数量 项目 资金 总数 人数 规模 金额 总额 总量 数 个数 其中 合计 总计 共计 累计 以上 以下 同比 "
    "比重 占比 比例 增幅 增速 幅度 平均 人均 每年 每人 分别 其他 其余 各类 各项 全年 当年 年均 "
    "速度 面积 工程 水平 标准 指数 比率 价格 规模以上".split()
)
#: Metrics that may name different things in two places of one report (the investment of a
#: project, of a sector, of the year): compared only when the two values look like a slip.
_WEAK = frozenset(
    "投资 总投资 完成投资 收入 支出 产量 产值 增加值 人口 人员 人才 企业 单位 群众 学生 户 村 家庭 "
    "新增就业 就业 再就业 资产 余额 营业收入 销售收入 利润 床位 学校 医院 活动".split()
)
#: Generic metrics that the verb before them makes a fact (实施项目, 投入资金, 培训人数): weak ones
_VERB_MAKES_IT = frozenset("项目 资金 人数".split())
#: Metrics read wrongly: with a digit, a year, a verb tail (扣除……后), a rate per period (日处理).
_BAD_METRIC = regex.compile(r"[\d年]|[后前时中内外间]$|^[每日月年周]|^[的之]")
_PUNCTUATION = regex.compile(r"[“”‘’\"'《》〈〉（）()\[\]【】\s]")
#: 由2010年的162.4亿元增加到2015年的287.9亿元: each figure of another year.
_FROM_TO = regex.compile(r"[由从].{0,30}(?:到|至)|(?:19|20)\d\d年(?:末|底)?的|[由从]\S{0,20}$")
#: A 其中 in an earlier clause: the figure is of a part (床位54229张 after 其中医院316个).
_PART_BEFORE = regex.compile(r"其中|分[\p{Han}]{1,6}看|按[\p{Han}]{1,6}分")
#: How far back in its sentence a figure's period, goal and entity are looked for (characters): a
#: long sentence of many figures costs linear time.
_CONTEXT = 200
#: Units that name rather than count: 一期工程, 第三届.
_NAME_UNITS = frozenset("期 届 批 代 轮".split())

#: Place names: a run of Han ending in an administrative suffix.
_PLACE = regex.compile(
    r"^(?P<place>\p{Han}{1,7}?(?:自治区|自治州|自治县|自治旗|特别行政区|省|市|州|县|区|旗|盟))"
    r"(?![场长民委级直属辖域内外间域政])"
)
#: The last characters of _PLACE's suffixes, and the length of its longest match (seven characters
#: and 特别行政区): a text without one of them that far is not matched.
_PLACE_END = re.compile(r"[区州县旗省市盟]")
_PLACE_REACH = 7 + 5


def _place(text: str) -> regex.Match[str] | None:
    """``_PLACE.match(text)``, tried only when a suffix can end within its reach."""
    if _PLACE_END.search(text, 0, _PLACE_REACH) is None:
        return None
    return _PLACE.match(text)


_NOT_PLACES = frozenset(
    "地区 城区 市区 社区 园区 景区 片区 辖区 小区 山区 牧区 农区 林区 灾区 矿区 农牧区 开发区 示范区 "
    "保税区 试验区 新区 自贸区 功能区 城市 都市 超市 上市 城乡 城镇 乡镇 各市 各县 各区 各省 各州 "
    "全市 全省 全州 全县 全区 全旗 全镇 全乡 全国 本市 本省 本州 本县 本区 我市 我省 我州 我县 我区 "
    "市州 县区 区县 市县 省市 地市 州县".split()
)
_ALL_OF = re.compile(r"^(?:全|本|我)(?:市|省|州|县|区|旗|镇|乡|国)")
_TITLE_PLACE = regex.compile(
    r"(?:(?<=[年日在的—\-－\s])|^)(?P<place>\p{Han}{2,9}?(?:自治区|自治州|自治县|省|市|州|县|区|旗|盟))"
)
#: A metric that names a whole indicator of its own (粮食总产量, 户籍人口, 一般公共预算收入): after
#: another figure of its sentence it is not an attribute of that figure's subject, as 招生 is of
#: 普通高中 in 普通高中46所，招生33302人
_WHOLE_METRIC = re.compile(
    r"(?:产量|总值|增加值|收入|支出|人口|面积|利润|总额|投资|余额|销售额|营业额|产值|税收|存款|贷款|"
    r"总量|吞吐量|客运量|货运量|发电量|用电量)$"
)
_NOUN_END = re.compile(r"[和及与的等、]")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of a document: a quantity with what it measures, where and when."""

    span: Span
    text: str  # as written: 162名, 1234.5亿元, 8.6%
    numeral: str  # the numeral alone: 162, 1234.5亿
    value: float  # in base units (Quantity.value)
    unit: str  # the base unit, its synonyms merged: 元, 人, %, 个百分点 …
    kind: str  # Quantity.kind: count, money, measure, percent, points, permille
    metric: str  # 地区生产总值, 医疗人才, 新增就业
    weak: bool  # a metric that may name different things (总投资, 新增就业): a slip is needed
    verb: str  # the action verb before the metric, if any: 选派
    entity: str  # a named place, or "" for the document's own
    period: str  # "2023", "2013-2017", "cum:<doc>", "doc:<doc>" …
    cumulative: bool
    target: bool
    change: str  # "" (a level), "+", "-", "avg+", "avg-", "x" (翻番)
    approx: str  # Quantity.approx: 余 约 近 多 …
    precision: float  # in base units: the place value of its last significant digit
    line: int
    block: int  # the index of its paragraph

    def __reduce__(self) -> tuple[type[Figure], tuple[Any, ...]]:
        # its fields, rebuilt by the constructor: the cache keeps each document's figures, and
        # unpickling them so is three times quicker than through the dataclass's __setstate__
        return Figure, _FIGURE_FIELDS(self)


_FIGURE_FIELDS = attrgetter(*(f.name for f in fields(Figure)))


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What a document says about itself: its year and its place."""

    year: int | None
    place: str
    bulletin: bool  # a 统计公报: figures without a year are of the year of its title
    #: a summary of one year (2023年……工作总结), not a work report that reviews last year and plans
    #: this one: its figures without a year are of the year of its title, as a bulletin's
    summary: bool = False


# ---- small readers ----------------------------------------------------------------------------


def _normal_place(name: str) -> str:
    """成都市 and 成都 are one place: the suffix is dropped when a name of two characters remains."""
    name = name.lstrip("在的")
    for suffix in ("自治区", "自治州", "自治县", "省", "市", "州", "县", "区", "旗", "盟"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _year_of(text: str) -> int | None:
    m = _YEAR.search(text)
    if m:
        return int(m.group("y1"))
    h = _HAN_YEAR.search(text)
    return digitwise_value(h.group()) if h else None


def document_context(doc: Document) -> DocumentContext:
    """The year and place of a document from its first lines: the title (2021年成都市……统计公报),
    else the date line (——2024年3月5日在……人民代表大会……)."""
    head_lines = [b.text for b in doc.blocks[:4] if len(b.text) <= 80]
    head = "\n".join(head_lines)
    year = None
    for line in head_lines:
        year = _year_of(line)
        if year is not None:
            break
    place = ""
    for line in head_lines:
        m = _TITLE_PLACE.search(line)
        if m and m.group("place") not in _NOT_PLACES:
            place = _normal_place(m.group("place"))
            break
    summary = "总结" in head and "报告" not in head
    return DocumentContext(year, place, "公报" in head, summary)


def _precision(numeral: str, q: Quantity) -> float:
    """The place value of the last significant digit of the numeral, in base units."""
    digits = _DIGITS.match(numeral)
    if digits is None or not q.arabic:
        whole = int(q.value) if q.value == int(q.value) else 0
        zeros = 0
        while whole and whole % 10 == 0:
            whole //= 10
            zeros += 1
        return float(10**zeros) if q.value == int(q.value) else abs(q.value) * 0.01
    mantissa_text = digits.group().replace(",", "").rstrip(".")
    try:
        mantissa = float(mantissa_text)
    except ValueError:
        return abs(q.value)
    if mantissa == 0:
        return 1.0
    if "." in mantissa_text:
        step = 10.0 ** -len(mantissa_text.split(".", 1)[1])
    else:
        stripped = mantissa_text.rstrip("0")
        step = 10.0 ** (len(mantissa_text) - len(stripped))
    if digits.end() < len(numeral):  # 10亿零817万: mixed, precise to its last part
        return q.value / mantissa * step if "零" not in numeral else 1e4
    return q.value / mantissa * step


def _clause_start(text: str, lo: int, start: int) -> int:
    """Just after the last clause mark in [lo, start), or lo."""
    m = _CLAUSE_MARK_BACK.search(text, lo, start)
    return m.end() if m is not None else lo


def _without_comparison(text: str) -> str:
    """``text`` without its bases of comparison (:data:`_COMPARISON`), each of which holds 比, 较,
    与 or 同: a text with none of them is taken as it is, without a search."""
    if "比" in text or "较" in text or "与" in text or "同" in text:
        return _COMPARISON.sub("", text)
    return text


def _period_of(before: str, ctx: DocumentContext, doc_id: str) -> tuple[str | None, bool]:
    """The period named in the sentence before a figure, and whether it is cumulative. None: the
    sentence names no period (the heading or the document decides)."""
    before = _without_comparison(before)
    cumulative = bool(_CUMULATIVE.search(before))
    years = list(_YEAR.finditer(before)) if "年" in before else []  # every year ends in 年
    if years:
        last = years[-1]
        y1, y2 = last.group("y1"), last.group("y2")
        if y2:
            return f"{y1}-{y2}", True
        if before.find("以来", last.end()) >= 0 or cumulative:
            return f"cum:{doc_id}:{y1}", True
        return y1, False
    if cumulative:  # a tally of the document's own time: as of its year, if it has one
        return (f"cum:{doc_id}:{ctx.year}" if ctx.year else f"cum:{doc_id}"), True
    this, last_year = _THIS_YEAR.search(before), _LAST_YEAR.search(before)
    if last_year and not this:
        return (str(ctx.year - 1) if ctx.year and not ctx.bulletin else f"last:{doc_id}"), False
    if this and not last_year:
        return (str(ctx.year) if ctx.year else f"this:{doc_id}"), False
    if this and last_year:
        return f"mixed:{doc_id}:{before.count('，')}", False
    return None, False


@dataclass(frozen=True, slots=True)
class _Heading:
    """What a heading says of the figures under it: their period, and whether cumulative or targets."""

    period: str | None
    cumulative: bool
    target: bool
    place: str


def _heading(text: str, ctx: DocumentContext, doc_id: str) -> _Heading:
    period, cumulative = _period_of(text, ctx, doc_id)
    m = _place(_HEADING_NUMBER.sub("", text))
    place = ""
    if m and m.group("place") not in _NOT_PLACES and not _ALL_OF.match(m.group("place")):
        place = _normal_place(m.group("place"))
    return _Heading(period, cumulative, bool(_TARGET_HEADING.search(text)), place)


def _metric(clause: str) -> tuple[str, str, str, str]:
    """(metric, verb, change, place) from the words of the clause before a figure."""
    rest = _without_comparison(clause)
    change = ""
    for _ in range(4):
        # both end at the end of ``rest`` (or before a final newline): searched from where their
        # longest match can start, not from each position of the clause
        n = len(rest)
        m = _TAIL.search(rest, max(0, n - _TAIL_REACH))
        c = _CHANGE.search(rest, max(0, n - _CHANGE_REACH)) if rest[-1:] in _CHANGE_ENDS else None
        if c and (not m or c.start() <= m.start()):
            if not change:
                direction = "+" if c.group("up") else "-" if c.group("down") else "x"
                change = ("avg" if c.group("avg") else "") + direction
            rest = rest[: c.start()]
        elif m and m.start() < len(rest):
            rest = rest[: m.start()]
        else:
            break
    rest = _LEAD.sub("", rest)
    place = ""
    p = _place(rest)
    if p and (p.group("place") not in _NOT_PLACES or _ALL_OF.match(p.group("place"))):
        if not _ALL_OF.match(p.group("place")):
            place = _normal_place(p.group("place"))
        rest = rest[p.end() :]
    rest = _LEAD.sub("", rest)
    verb = ""
    cut = 0
    for a in _ACTION.finditer(rest):
        q = _QUALIFIER.match(rest, a.start())
        if q:  # 新增 inside the phrase: part of the metric
            continue
        cut, verb = a.end(), a.group()
    metric = rest[cut:]
    metric = _LEAD.sub("", metric).strip("的之和及与等")
    return metric, verb, change, place


# ---- the view ---------------------------------------------------------------------------------


def _headings(doc: Document, ctx: DocumentContext) -> tuple[dict[int, _Heading], dict[int, int]]:
    """The heading context of each block (a subheading keeps its parent's year, goal and place
    unless it names its own) and the index of the section it is in."""
    heading_of: dict[int, _Heading] = {}
    section_of: dict[int, int] = {}
    current: _Heading | None = None
    section = 0
    for b in doc.blocks:
        if b.index > 0 and (
            b.kind in (BlockKind.HEADING, BlockKind.TITLE)
            or (  # a short paragraph without a full stop: measured without cutting its text
                b.kind is BlockKind.BODY
                and b.span.end - b.span.start <= 30
                and not doc.text.endswith("。", b.span.start, b.span.end)
            )
        ):
            h = _heading(b.text, ctx, doc.path)
            if h.period is not None or h.target:
                section = (
                    b.index
                )  # the time of the text changes: 一、2023年工作回顾, 二、今年工作安排
            if current is not None and h.period is None:
                h = _Heading(
                    current.period,
                    current.cumulative,
                    h.target or current.target,
                    h.place or current.place,
                )
            current = h
        if current is not None:
            heading_of[b.index] = current
        section_of[b.index] = section
    return heading_of, section_of


#: A paragraph led by the place it is about, as a run-in heading: （一）同仁市。…… / 尖扎县：……
_LEAD_PLACE = regex.compile(  # matched at a block's start, in the document's text
    r"[（(]?[一二三四五六七八九十\d]{0,3}[）)、.．]?\s*"
    r"(?P<place>\p{Han}{1,7}?(?:自治州|自治县|自治旗|市|州|县|区|旗|镇|乡))[。：:]"
)


def _lead_places(doc: Document) -> dict[int, str]:
    """The place each paragraph is led by, by block index (its figures are that place's)."""
    out: dict[int, str] = {}
    text = doc.text
    for block in doc.blocks:
        m = _LEAD_PLACE.match(text, block.span.start, block.span.end)
        if m and m.group("place") not in _NOT_PLACES and not _ALL_OF.match(m.group("place")):
            out[block.index] = _normal_place(m.group("place"))
    return out


def _part_before(text: str) -> bool:
    """:data:`_PART_BEFORE` in ``text`` (each of its matches holds 其中, 分 or 按)."""
    return ("其中" in text or "分" in text or "按" in text) and _PART_BEFORE.search(
        text
    ) is not None


def _skip(text: str, clause: str, sentence_before: str, q: Quantity) -> bool:
    """Figures whose fact cannot be told from their words."""
    after = text[q.span.end : q.span.end + 3]
    return bool(
        # each match of _FROM_TO holds 由 or 从, or 年 and 的
        (
            ("由" in clause or "从" in clause or ("年" in clause and "的" in clause))
            and _FROM_TO.search(clause)
        )
        or "占" in clause
        or "分别" in clause
        or after.startswith(("的", "和", "、", "至", "到", "公里", "千米", "次", "左右的", "多的"))
        or q.unit in _NAME_UNITS
        # a small number in Chinese numerals is a set phrase more often than a figure: 坚持一个中国
        # 原则, 两个毫不动摇, 三大攻坚战
        or (not q.arabic and q.value < 10)
        or _part_before(sentence_before[: len(sentence_before) - len(clause)])
    )


def extract_figures(doc: Document) -> tuple[Figure, ...]:
    text = doc.text
    ctx = document_context(doc)
    doc_id = doc.path
    sentences = doc.sentences
    sentence_starts = sentences.starts()  # without making the sentences
    sentence_blocks = sentences.block_indexes()
    # a document's figures repeat their metrics, places, periods and often their numbers: equal
    # strings are one object
    strings: dict[str, str] = {}

    def share(string: str) -> str:
        return strings.setdefault(string, string)

    line_starts = doc.line_starts
    heading_of, section_of = _headings(doc, ctx)
    lead_place = _lead_places(doc)
    out: list[Figure] = []
    previous: tuple[int, str, int] | None = None  # (sentence index, metric, end of figure)
    last_end = -1
    topic: tuple[int, str] | None = None  # (sentence index, the metric of its first figure)
    for q in doc.view(QUANTITIES).with_kinds(_FIGURE_KINDS):  # the others are not made
        si = bisect_right(sentence_starts, q.span.start) - 1
        if si < 0:
            continue
        s_start = sentence_starts[si]
        block = sentence_blocks[si]
        start = q.span.start
        ends_range = start > 0 and (
            text[start - 1] in "—–-~～第"
            or (text[start - 1] in "至到" and last_end in (start - 1, start - 2))
        )
        c_start = _clause_start(text, s_start, start)
        compound = previous is not None and previous[0] == si and previous[2] > c_start
        listed = (
            c_start > s_start
            and text[c_start - 1] == "、"
            and (
                previous is None
                or previous[0] != si
                or previous[2] < _clause_start(text, s_start, c_start - 1)
            )
        )
        last_end = q.span.end
        clause = text[c_start:start]
        sentence_before = text[max(s_start, start - _CONTEXT) : start]
        if ends_range or compound or listed or _skip(text, clause, sentence_before, q):
            previous = (si, "", q.span.end)
            continue  # 5至10个, 8所高校14个学科, 中小学、幼儿园80所, 分别增长5%和6%
        metric, verb, change, place = _metric(clause)
        if _QUALIFIER.fullmatch(metric) and q.noun and not change:
            noun = _NOUN_END.split(q.noun, maxsplit=1)[0]
            a = _ACTION.search(noun)
            metric += noun[: a.start()] if a else noun  # 新建6所学校 → 新建学校
        if not metric and change and previous is not None and previous[0] == si:
            metric = previous[1]  # 地区生产总值1234.5亿元，比上年增长8.6%
        inherited = previous is not None and previous[0] == si and metric == previous[1]
        previous = (si, metric if not change else (previous[1] if previous else ""), q.span.end)
        if topic is None or topic[0] != si:
            topic = (si, metric)
        elif (
            not inherited
            and not verb
            and topic[1]
            and topic[1] != metric
            and not clause.startswith("其中")
            and not _WHOLE_METRIC.search(metric)
        ):
            metric = f"{topic[1]}/{metric}"  # 普通高中46所，招生33302人: the 招生 of 普通高中
        metric = _PUNCTUATION.sub("", metric)
        weak = metric in _WEAK
        if metric in _VERB_MAKES_IT and verb:
            # 实施项目45个 … 实施项目54个: the verb says which projects; still only a slip counts
            metric, weak = verb + metric, True
        if len(metric) < 2 or metric in _GENERIC or _BAD_METRIC.search(metric):
            continue
        heading = heading_of.get(block)
        period, cumulative = _period_of(sentence_before, ctx, doc_id)
        if period is None and heading is not None and heading.period is not None:
            period, cumulative = heading.period, heading.cumulative
        if period == f"cum:{doc_id}" and ctx.year is None and not ctx.bulletin:
            # a summary of one undated period (对口支援工作总结): its 累计 and its plain figures
            # cover the same years
            period, cumulative = None, False
        if period is None:
            if (ctx.bulletin or ctx.summary) and ctx.year is not None:
                period = str(ctx.year)
            else:  # a work report's figures without a year: its own section only
                period = f"doc:{doc_id}:{section_of.get(block, 0)}"
        target = bool(_TARGET.search(sentence_before)) or q.approx in _TARGET_APPROX
        if heading is not None and heading.target:
            target = True
        entity = place
        if not entity:
            for clause_head in _CLAUSE_SPLIT.split(sentence_before)[:-1]:
                head = _LEAD.sub("", clause_head)
                m = _place(head)
                if (
                    m
                    and m.group("place") not in _NOT_PLACES
                    and not _ALL_OF.match(m.group("place"))
                ):
                    entity = _normal_place(m.group("place"))
        if not entity:
            entity = lead_place.get(block, "")
        if not entity and heading is not None:
            entity = heading.place
        numeral = doc.slice(q.number)
        out.append(
            Figure(
                span=q.span,
                text=share(doc.slice(q.span)),
                numeral=share(numeral),
                value=q.value,
                unit=_SAME_UNIT.get(q.unit, q.unit),
                kind=q.kind,
                metric=share(metric),
                weak=weak,
                verb=share(verb),
                entity=share(entity or ctx.place or f"doc:{doc_id}"),
                period=share(period),
                cumulative=cumulative,
                target=target,
                change=change,
                approx=q.approx,
                precision=_precision(numeral, q),
                line=bisect_right(line_starts, start),  # doc.position(start)[0]
                block=block,
            )
        )
    return tuple(out)


#: Every figure of the body text with its metric, entity, period, and whether it is a target.
FIGURES: View[Document, tuple[Figure, ...]] = View(
    "figures", extract_figures, reads=(QUANTITIES, BLOCKS, SENTENCES)
)

#: Which facts two figures must share to be the same: entity, metric, period, unit, change and
#: whether it is cumulative.
FigureKey = tuple[str, str, str, str, str, bool]


def figure_key(f: Figure) -> FigureKey:
    return (f.entity, f.metric, f.period, f.unit, f.change, f.cumulative)


@corpus_view("figure_index", reads=(FIGURES,))
def figure_index(corpus: Corpus) -> dict[FigureKey, list[tuple[int, Figure]]]:
    """The achievements (not targets) of the run grouped by their fact key, in document order:
    (document index, figure)."""
    # the fact sheet's aliases name one place or one thing: 河南县 and 河南蒙古族自治县, or
    # 援派干部 and 援青干部 when the sheet says so
    places: dict[str, str] = {}
    for canonical, aliases in corpus.facts.names.items():
        for alias in aliases:
            places.setdefault(_normal_place(alias), _normal_place(canonical))
    index: dict[FigureKey, list[tuple[int, Figure]]] = defaultdict(list)
    for i, doc in enumerate(corpus):
        for f in doc.view(FIGURES):
            if not f.target:
                entity = places.get(f.entity, f.entity)
                key = (entity, corpus.facts.canonical(f.metric), *figure_key(f)[2:])
                index[key].append((i, f))
    return dict(index)


FIGURE_INDEX = figure_index

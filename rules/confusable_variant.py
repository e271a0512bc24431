"""T102 confusable-variant — a one-off spelling where the run, or the dictionary, has a look-alike.

## 检查什么
找出只出现一次、很可能是笔误的写法：把某个字写成了与它字形相近或读音相同的另一个字，而正确的写法在
本次检查的文稿中多次出现，或者是一个常用词。例如：
- 全文多处写“足球援青”，只有一处写成“足球接青”（“援”与“接”形近）；
- 别处写“探秘神韵黄南”，一处写成“探密神韵黄南”（同音）；
- 全文都写“州级”，一处写成“洲级”；
- “开展介人治疗”，应为“介入治疗”（“人”与“入”形近）；
- “加快发展径济”“完善市场监测预敬机制”，应为“经济”“预警”：即使全文没有对照写法，换一个形近或音近字
  就成为常用词、句子读起来通顺得多，也报告。“常用词”既看通用词典，也看公文用语（“提质增效”的“增效”）；
  本文多次使用的词（“稳定”用了十几次，只有一处“隐定”）更可能是本意；公文里常见的字的搭配（“显著提升”）
  也是佐证；原写法与前后字的搭配是公文常见写法（“因城施策”）时不报告。

只在换成另一个字后句子明显更通顺时才报告。同一句里并列的两种写法（“南阳宏远公司、南阳鸿远公司”）是
有意为之，不报告；别处也用到的搭配（“坚决扛好”与“坚决扛起”）是用词选择，不报告。只用了一次的新提
法、口号、专有名词（“稳是大局”“全氧旅行”“稳疆固藏”），在文稿里找不到对照写法，也不报告；加引号的提法
（“一企来办”）、标点之间的四字短语（尽展其能）、紧接“集团”“基金会”“县”等的名称、排比中反复使用的字
（赋权、赋能、赋责）、数字后面的字（30余期），都不按常用词去猜（加引号的提法、短语和机构名称，只在证据
强得多时才报告，例如全文八处写“自信”时的“四个自伺”）；公文常用的词（职普融通、批零住餐业）和项目用语
规范表（facts）里的名称、写法，不报告。

## 为什么重要
“足球接青”的每个字都是正确的汉字，拼写检查查不出来；可是在全文二十处“援青”旁边，它就是一个读者一眼
就能看出的笔误。

## 示例
```
组织开展“足球接青”活动……（全文20处写作“援青”，别处写作“足球援青”）
开展介人治疗
加快发展径济
```

## 改为
```
组织开展“足球援青”活动
开展介入治疗
加快发展经济
```

## 如何修改
核对提示中给出的常用写法，确属笔误就改正；如果两种写法都对（例如两个不同的名称），保留原文。提示附带
的修改（改为常用写法）是不安全修复：可能把有意的名称、新提法改掉，只在加 `--unsafe-fixes` 时应用。

## 选项
- `max-rare`（默认 1）：某个双字组合在本次检查的全部文稿中最多出现几次，才当作可能的笔误来检查。调
  大会查出更多，也会带来更多误报。
- `min-gain`（默认 5.0）：换成常用写法后，句子要通顺到什么程度才报告。数值越大越谨慎，报告越少。

## What it does
Finds a spelling used once that is probably a slip of the pen: one character replaced by another
that looks alike or sounds alike, where the run writes the phrase with the other character
elsewhere (“足球接青” beside “足球援青”, “探密神韵黄南” beside “探秘神韵黄南”, “洲级” in a report that
writes 州级), or where the other form is a common word (介人治疗 for 介入治疗). It reports only when
the sentence reads far better with the other form.

Two spellings side by side in one sentence (“南阳宏远公司、南阳鸿远公司”) are set there on purpose, a
character used with its other neighbour elsewhere in the run is a choice (坚决扛好 beside 坚决扛起),
and names, slogans and rare technical terms used once (“稳是大局”, “全氧旅行”) have no twin: all stay
silent.

## Why it matters
Each character of “足球接青” is a real character, so a spell checker accepts it; beside twenty uses
of 援青 it is a slip of the pen (援 and 接 look alike) that a reader notices at once.

## How it works
Counts every pair of adjacent Chinese characters over all documents of the run. A pair that occurs
once (or twice, see below) and is not a word is a suspect when one of its characters can be
replaced by a character that sounds alike or looks alike, and the evidence says the writer meant
that form. The candidates come from `factlint.language.confusables` (a table derived from
BabelStone IDS and Unihan for the 8,105 characters of 通用规范汉字表: look-alikes with one part
differing, 休/体, 隐/稳, or one a part of the other, 建/键, or Cangjie codes one letter apart,
局/居; sound-alikes over all readings, tones ignored, zh/z ch/c sh/s n/l and -n/-ng merged), and
from the older keys (usual pinyin; four-corner codes differing in at most one corner).

- **the run writes the phrase with the other character**: the same phrase, from punctuation to
  punctuation, occurs elsewhere with the frequent form (“足球接青” beside “足球援青”, “探密神韵黄南”
  beside “探秘神韵黄南”), in the same document or another one; or the phrase begins (or ends) the
  same way there, the replaced character is used nowhere else in its document (but in the suspect
  pair) and the other one is frequent in it or in the twin's document (“3个洲级劳务品牌” in a report
  that writes 州 two dozen times, beside “3个州级” elsewhere). A slip made twice (a pair used twice)
  is reported when it has such a twin and the run uses the other form at least three times as
  often. When the whole phrase matches, a smaller gain is enough (1 instead of `min-gain`), and so
  is a pair that straddles a word outside (医保|句 beside 医保局 in “由国家医保局牵头开展集采”: the
  meant form is a longer word the dictionary lacks);
- **or the dictionary does**: the other form is a common word of jieba's dictionary (frequency at
  least 500) or of official reports (a word used at least 10 times in the reference reports, see
  below: 增效), the two characters look or sound alike, and the evidence adds up to at least 14.5:
  the word model's gain (how much more probable, natural log, the window reads with the other form;
  with jieba's frequencies only when the characters only sound alike through a fuzzy initial or
  final), plus half the gain of the reports' character model (the pair with two characters on each
  side, by the reference reports' pairs and triples of adjacent characters: 显著是升 → 著提升 is
  written all the time, 著是升 never; bounded at ±15), plus one per e-fold of the document's own
  uses of the word (稳定 used a dozen times beside one 隐定), less 2 when the pair crosses a word
  outside (辐射袋动能力: 袋|动能 for 带动|能力). The word model's gain must reach `min-gain` too —
  “加快发展径济”, “监测预敬机制”, “综合概革试点”. The weights were measured on slips injected into the
  proofread corpus against the corpus itself (`scripts/measure_typo_recall.py`). A written pair that
  forms, with its neighbour, a sequence of three characters the reference reports write (因城施策:
  城施策) is report language, not a slip. A pair with a numeral (亿怨) is a suspect for a form the
  run uses ten times, or on evidence of at least 16.5 (回顾过去一恋), and the numeral itself is never
  replaced; what follows a number (30余期) is a measure, not a slip. Nothing may mark the written
  form as deliberate: the written character used again close by outside a common word (赋权、赋能、
  赋责), the meant character already beside it (化危为机 would become 化为为机), the kind of a place's
  name after it (县, 镇, 村 …). A term set off as such needs evidence of at least 19, and characters
  closer than a fuzzy sound: quotation marks around it (“一企来办” stays, “四个自伺” beside eight
  uses of 自信 does not), a short phrase of at most four characters between punctuation (尽展其能),
  the kind of an organisation or a zone after it (海澜集团, 荣程普济公益基金会, 张江科学城). A pair
  used twice is established without a twin (良法善治 twice).

**Report vocabulary.** jieba's dictionary comes from general text. `factlint.language.reports`
adds what 政府工作报告 write, learned from 57 public-domain reports that are not in the proofread
corpus (the State Council's reports of 1978–2013, 2015, 2017 and 2020, and 23 provinces' 2026
reports; `scripts/build_report_words.py` cites them): their two-character words (segmented by
jieba with its HMM) and their pairs and triples of adjacent characters, each kept when used at
least twice in two reports. A pair that is a word of those reports (职普, 餐业), a pair they write
at least 50 times within a word or across two (量的 of 量的扩大), or a pair of a name or spelling
the project's fact sheet declares is never a suspect.

The twin must stand in another sentence: two spellings side by side (“南阳宏远公司、南阳鸿远公司”)
are set there on purpose, like the items of any list. In every case the sentence must read far
better with the other form (the best segmentation of a short window into words of jieba's
dictionary becomes much more probable), the pair must not cross a word boundary (逛|黄南; a word
outside counts unless the other form is a far more common word: 介人治疗 reads 介入|治疗, not
介|人治), and the replaced character must not be used with its other neighbour elsewhere in the run
(坚决扛好 beside 坚决扛起 is a choice, not a slip).

Names, slogans and rare technical terms stay silent: a coinage used once (“稳是大局”, “全氧旅行”) has
no twin phrase in the run, and its characters are not one-off look-alikes of the document's own
words or of a common word.

Each finding offers the suggested form as an unsafe fix (applied only with `--unsafe-fixes`): the
evidence makes a slip likely, never certain — the written form may be a name or a coinage.

The options: `max-rare` bounds how often a pair may occur to be a suspect; `min-gain` is the
natural log of how much more probable the window's best segmentation must become.

## Options
- `max-rare` (default 1): a pair used at most this often in the run counts as rare.
- `min-gain` (default 5.0): how much more probable (natural log of the ratio) the window must read
  with the other form.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from factlint.facts.corpus import Corpus, Memo
from factlint.facts.numerals import CHINESE_NUMERALS
from factlint.language.terms import (
    HAN_RUN,
    TermIndex,
    bigram_counts,
    established_neighbours,
    find_bigrams,
    term_index,
)
from factlint.model import Finding, Fix, Message, Related, Severity, Span
from factlint.rule import OptionError, RuleMeta
from factlint.text.document import DIGEST, Document

META = RuleMeta(
    code="T102",
    name="confusable-variant",
    severity=Severity.WARNING,
    summary=Message(
        "罕见写法与本次检查或词典中的常用写法只差一个形近或音近字",
        "a one-off spelling one look-alike or sound-alike character away from a term in use",
    ),
    scope="corpus",
    reads=(term_index, established_neighbours, DIGEST),
)

#: characters of context the word model reads on each side of the pair
_WINDOW = 3
#: matching context (characters, besides the pair) a twin phrase must share with the suspect
_MIN_CONTEXT = 2
#: how far the context comparison looks on each side; longer phrases are not twins
_MAX_CONTEXT = 12
#: uses in its document from which the other character counts as the document's own
_FREQUENT_IN_DOCUMENT = 10
#: jieba frequency from which a neighbour pair is a word binding the pair's character outward
_BOUND_WORD = 20
#: how many times more common than that outside word the other form must be to override it
_DOMINANT = 10
#: jieba frequency of a common word (the pair's neighbours) and of a very common one (the meant form)
_COMMON = 100
_COMMON_WORD = 500
#: jieba frequency of a word too common to be the first part of a place name (完成, 国家)
_VERY_COMMON_WORD = 10000
#: the orders of magnitude that follow a number (1.66亿元)
_MAGNITUDES = frozenset("十百千万亿")
#: occurrences in the reference reports (about a million characters) of a pair common in reports
_COMMON_IN_REPORTS = 10
#: a pair of adjacent characters the reference reports write this often (within a word or across
#: two: 量的, 96 times) is report language, never a slip (no injected slip of the development sets
#: forms one used more than 30 times)
_REPORT_PAIR = 50
#: a pair used this often may still be a slip (made twice) when the run has a twin of it and uses
#: the other form at least ``_OFTENER`` times as often (not 水韵 twice beside 水运 five times); without
#: a twin, a pair used twice is established (良法善治, 文化兴疆)
_REPEATED_SLIP = 2
_OFTENER = 3
#: the gain enough when the whole phrase, punctuation to punctuation, is written elsewhere in the run
#: with the other form (国家医保句牵头的 beside 国家医保局牵头的: the word model does not know 医保局)
_TWIN_GAIN = 1.0
#: without a twin, the evidence a common word of the dictionary needs (``_evidence``): the word
#: model's gain, plus ``_CHARACTER_WEIGHT`` times the reports' character model's (bounded by
#: ``_CHARACTER_BOUND`` either way), plus ``_RUN_WEIGHT`` per e-fold of the document's own uses of
#: the word (稳定 used a dozen times beside one 隐定), less ``_CROSSING_PENALTY`` when the pair crosses a
#: word outside (袋|动能 for 带动|能力)
_EVIDENCE = 14.5
_CHARACTER_WEIGHT = 0.5
_CHARACTER_BOUND = 15.0
_RUN_WEIGHT = 1.0
_CROSSING_PENALTY = 2.0
#: the evidence needed when the pair holds a numeral and the run uses the form less than
#: ``_FREQUENT_IN_DOCUMENT`` times (回顾过去一恋 -> 一年), and when it is set off as a term (``_set_off``)
_COUNTED_EVIDENCE = 16.5
_SET_OFF_EVIDENCE = 19.0
#: a Han run this short between punctuation is a set phrase, a slogan or a name (尽展其能, 从江大歹)
_SET_PHRASE = 4
#: characters on each side in which the written character must not recur (赋权、赋能、赋责)
_REPEAT_REACH = 20
#: the kinds of organisation that end a name, and how far after a suspect they are looked for
_ORGANISATIONS = (
    "集团",
    "公司",
    "基金会",
    "协会",
    "学会",
    "商会",
    "研究院",
    "研究所",
    "医院",
    "学校",
    "大学",
    "银行",
    "合作社",
    "俱乐部",
    "事务所",
    # named works and lines (常泰长江大桥, 沪渝蓉高铁)
    "大桥",
    "铁路",
    "高铁",
    "隧道",
    "运河",
)
#: the kinds of zone that end a name right after it (张江科学城, 临港新片区; but 自主创新示范区 and
#: 推动自贸试验区 are no names of the pair before)
_ZONES = (
    "科学城",
    "新城",
    "新区",
    "片区",
    "开发区",
    "高新区",
    "示范区",
    "试验区",
    "产业园",
    "枢纽",
)
_ORGANISATION_REACH = 4
#: what follows a name: a suspect just before one of these is part of the name (海澜集团, 西岑镇)
_NAME_ENDS = frozenset(
    "集团 公司 街道 大道 园区 高速 机场 县 镇 乡 村 路 港 湾 岛 江 河 山 州 省 站".split()
)
#: how far a quotation mark is looked for around a suspect
_QUOTE_REACH = 12
#: characters of context quoted in the message on each side of the pair
_QUOTE = 2


#: The largest sensible options: a word rarer than once in e^100 is never "more probable", and a
#: "rare" word seen over a thousand times is not rare.
MAX_GAIN = 100.0
MAX_RARE = 1000


@dataclass(frozen=True)
class Options:
    """T102's options: how rare a pair must be, and how much likelier the form it stands for."""

    max_rare: int = 1
    min_gain: float = 5.0

    def __post_init__(self) -> None:
        if not 1 <= self.max_rare <= MAX_RARE:
            raise OptionError(
                f"max_rare 应在 1 与 {MAX_RARE} 之间，而不是 {self.max_rare}",
                f"max_rare must be between 1 and {MAX_RARE}, not {self.max_rare}",
            )
        if not 0 < self.min_gain <= MAX_GAIN:  # False for nan as well
            raise OptionError(
                f"min_gain 应大于 0、不超过 {MAX_GAIN:g}，而不是 {self.min_gain}",
                f"min_gain must be above 0 and at most {MAX_GAIN:g}, not {self.min_gain}",
            )


@dataclass
class _Suspect:
    """One rare pair at one place, and a form of the run it may be a slip for."""

    doc: Document
    span: Span
    pos: int  # which character of the pair differs
    word: str
    #: the form is a common word of the dictionary or of reports, one look-alike or sound-alike
    #: character away
    dictionary: bool = False
    #: the pair straddles a word outside (医保|句): only a whole phrase of the run vouches for it
    crossing: bool = False
    #: the best twin found so far: (strength, other document, span of the frequent form there)
    twin: tuple[int, Document, Span] | None = field(default=None)

    @property
    def common(self) -> bool:
        """The dictionary's word may stand for the pair on its own (it crosses no word outside)."""
        return self.dictionary and not self.crossing

    @property
    def counted(self) -> bool:
        """The pair holds a numeral (一恋, 亿怨): a slip only for a form the run uses often."""
        return not _NUMERALS.isdisjoint(self.doc.text[self.span.start : self.span.end])


def _is_phrase_char(char: str) -> bool:
    return char.isalnum()


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _left(text: str, at: int, n: int) -> str:
    """Up to ``n`` Han characters just before ``at`` (one space between them is skipped)."""
    if at >= 1 and text[at - 1] == " ":
        at -= 1
    lo = at
    while lo > 0 and at - lo < n and _han(text[lo - 1]):
        lo -= 1
    return text[lo:at]


def _right(text: str, at: int, n: int) -> str:
    """Up to ``n`` Han characters from ``at`` on (one space before them is skipped)."""
    if at < len(text) and text[at] == " ":
        at += 1
    hi = at
    while hi < len(text) and hi - at < n and _han(text[hi]):
        hi += 1
    return text[at:hi]


def _gain(doc: Document, span: Span, word: str, counts: _Counts, *, reports: bool = True) -> float:
    """How much more probable (natural log) a short window reads with ``word`` in the pair's place
    (with ``reports``, a word as common as the reference reports use it: 增效, 稳健)."""
    from factlint.language.lexicon import best_segmentation_logp, lexicon
    from factlint.language.reports import report_words

    lex = lexicon()
    window, changed = _window(doc.text, span, word, _WINDOW)
    frequency = counts.frequency(word, lex.get(word), lex.total)
    if reports and word in lex:  # a word of reports (增效), not a pair across two words (项目|投资)
        frequency = max(frequency, report_words().rate(word) * lex.total)
    return best_segmentation_logp(changed, {word: frequency}) - best_segmentation_logp(window)


def _character_gain(suspect: _Suspect) -> float:
    """How much more probable (natural log) the pair with two characters on each side reads with
    the meant form in the reference reports' character model (显著是升 -> 显著提升: 著提升 is
    written all the time, 著是升 never)."""
    from factlint.language.reports import report_characters

    window, changed = _window(suspect.doc.text, suspect.span, suspect.word, 2)
    model = report_characters()
    return model.logp(changed) - model.logp(window)


def _window(text: str, span: Span, word: str, n: int) -> tuple[str, str]:
    """The pair with up to ``n`` Han characters on each side (spaces dropped), as written and with
    ``word`` in the pair's place."""
    lo = span.start - len(_left(text, span.start, n))
    hi = span.end + len(_right(text, span.end, n))
    window = text[lo:hi].replace(" ", "")
    at = span.start - lo - text[lo : span.start].count(" ")
    return window, window[:at] + word + window[at + 2 :]


def _framed(text: str, span: Span, word: str) -> bool:
    """The form is a very common word framed by common words on both sides (内科 介入 治疗)."""
    from factlint.language.lexicon import lexicon

    lex = lexicon()
    left, right = _left(text, span.start, 2), _right(text, span.end, 2)
    return lex.get(word) >= _COMMON_WORD and all(
        len(w) == 2 and lex.get(w) >= _COMMON for w in (left, right)
    )


def _evidence(suspect: _Suspect, gain: float, uses: int) -> float:
    """How sure the evidence without a twin is that the pair is a slip for the dictionary's word:
    the word model's ``gain``, the reports' character model (bounded: one rare sequence does not
    decide alone), the document's own ``uses`` of the word, and a penalty for a pair across a word
    outside. Measured on injected slips against the proofread corpus (``_EVIDENCE``)."""
    character = max(-_CHARACTER_BOUND, min(_CHARACTER_BOUND, _character_gain(suspect)))
    return (
        gain
        + _CHARACTER_WEIGHT * character
        + _RUN_WEIGHT * math.log1p(uses)
        - (_CROSSING_PENALTY if suspect.crossing else 0.0)
    )


def _attested(suspect: _Suspect) -> bool:
    """The written pair with its neighbour on either side is a sequence of three characters the
    reference reports write (因城施策: 因城施, 城施策): report language, not a slip. (No injected
    slip of the development sets forms one.)"""
    from factlint.language.reports import report_characters

    grams = report_characters().grams
    text, span = suspect.doc.text, suspect.span
    pair = text[span.start : span.end]
    left = text[span.start - 1 : span.start] if span.start else ""
    right = text[span.end : span.end + 1]
    return (bool(left) and _han(left) and left + pair in grams) or (
        bool(right) and _han(right) and pair + right in grams
    )


def _fuzzy(suspect: _Suspect) -> bool:
    """The two characters are alike only through a fuzzy initial or final (疆 jiang / 健 jian):
    the weakest kinship, which neither the run's uses nor the reports' make more likely."""
    from factlint.language.confusables import confusables

    text, span, pos = suspect.doc.text, suspect.span, suspect.pos
    kind = confusables().kind(text[span.start + pos], suspect.word[pos])
    return kind is not None and kind[0] == "音近"


def _deliberate(suspect: _Suspect) -> bool:
    """Something marks the written form as deliberate, so that a common word of the dictionary is
    not taken for the meant form: the written character used again close by (赋权、赋能、赋责), the
    meant character already beside it (化危为机 -> 化为为机), a name's ending after it, a number
    before it (30余期)."""
    text, span, pos = suspect.doc.text, suspect.span, suspect.pos
    at = span.start + pos
    meant = suspect.word[pos]
    outside = text[span.start - 1 : span.start] if pos == 0 else text[span.end : span.end + 1]
    after = text[span.end : span.end + 2]
    return (
        # after a number comes a measure word or an approximation (30余期, not 30预期), unless
        # the meant form is an order of magnitude or a unit (1.66亦元, 5188去里 for 公里)
        (
            pos == 0
            and span.start > 0
            and _counted(text[span.start - 1])
            and not _measure(suspect.word)
        )
        or _used_alone_nearby(text, at, span)
        or outside == meant
        # (a name's ending, unless the meant form is a word far too common to begin a name:
        # 基本完炸省市县 is 完成)
        or ((after in _NAME_ENDS or after[:1] in _NAME_ENDS) and not _very_common(suspect.word))
    )


def _set_off(suspect: _Suspect) -> bool:
    """The written form is set off as a term: quotation marks around it (“一企来办”), a short phrase
    between punctuation (尽展其能), the kind of an organisation or a zone after it (海澜集团, 张江科学
    城). Only far stronger evidence (``_SET_OFF_EVIDENCE``) takes it for a slip (“厕所勒命”)."""
    text, span = suspect.doc.text, suspect.span
    lo, hi = span.start, span.end
    while lo > 0 and _han(text[lo - 1]):
        lo -= 1
    while hi < len(text) and _han(text[hi]):
        hi += 1
    return (
        _quoted(text, span)
        or (hi - lo <= _SET_PHRASE and not _plain_words(text[lo:hi], span.start - lo, suspect.word))
        or _before_an_organisation(text, span.end)
    )


def _very_common(word: str) -> bool:
    from factlint.language.lexicon import lexicon

    return lexicon().get(word) >= _VERY_COMMON_WORD


def _measure(word: str) -> bool:
    """``word`` begins with an order of magnitude (亿元, 万人) or is (the start of) a unit's name
    (公里, 公顷, 千克)."""
    from factlint.facts.units import NAME_SYMBOLS

    return word[0] in _MAGNITUDES or any(name.startswith(word) for name in NAME_SYMBOLS)


def _counted(char: str) -> bool:
    """A digit or a Chinese numeral: what follows it measures or approximates a number."""
    return char.isdigit() or char in _NUMERALS


def _plain_words(phrase: str, at: int, word: str) -> bool:
    """With ``word`` in place of ``phrase[at:at+2]``, the short phrase is one or two common words
    of the dictionary or of reports (、体制创析， -> 体制 创新; 恃续推进 -> 持续 推进; 有智诲 -> 有 智慧):
    ordinary language, not a set phrase, a slogan or a name (尽展其能, 稳疆固藏 stay as written)."""
    from factlint.language.lexicon import lexicon
    from factlint.language.reports import report_words

    lex = lexicon()
    reports = report_words()

    def common(w: str) -> bool:  # common in general text or in reports (提振)
        return lex.get(w) >= _COMMON or reports.count(w) >= _COMMON_IN_REPORTS

    changed = phrase[:at] + word + phrase[at + 2 :]
    if len(changed) == 2:
        return common(changed)
    if len(changed) == 3:  # a very common word and one character (有智慧)
        return lex.get(word) >= _COMMON_WORD
    return len(changed) == 4 and common(changed[:2]) and common(changed[2:])


def _before_an_organisation(text: str, at: int) -> bool:
    """An organisation's kind follows within a few characters of the same phrase, or a zone's
    right after: the pair is part of its name (荣程普济公益基金会, 海澜集团, 张江科学城)."""
    tail = _right(text, at, _ORGANISATION_REACH + 3)
    return any(0 <= tail.find(kind) <= _ORGANISATION_REACH for kind in _ORGANISATIONS) or any(
        tail.startswith(kind) for kind in _ZONES
    )


def _used_alone_nearby(text: str, at: int, span: Span) -> bool:
    """The character at ``at`` is used again close by, outside the pair ``span`` and outside a
    common word (赋权、赋能、赋责; but the 入 of 收入 beside 入均 does not count, nor the other 业 of
    业业 for 工业)."""
    from factlint.language.lexicon import lexicon

    lex = lexicon()
    char = text[at]
    lo, hi = max(0, at - _REPEAT_REACH), min(len(text), at + 1 + _REPEAT_REACH)
    for j in range(lo, hi):
        if not span.start <= j < span.end and text[j] == char:
            if all(lex.get(text[k : k + 2]) < _COMMON for k in (j - 1, j) if k >= 0):
                return True
    return False


def _quoted(text: str, span: Span) -> bool:
    """The pair stands inside quotation marks near it (“一企来办”): a term set off as a name."""
    before = text[max(0, span.start - _QUOTE_REACH) : span.start]
    after = text[span.end : span.end + _QUOTE_REACH]
    for left, right in ("“”", "「」", "『』", "《》", '""'):
        i = before.rfind(left)
        if i >= 0 and right not in before[i + 1 :] and right in after:
            return True
    return False


def _match(doc: Document, span: Span, other: Document, at: int) -> int:
    """How strongly the use of the frequent form at ``other[at:at+2]`` twins the suspect: 2 when the
    whole phrase matches (punctuation to punctuation, with at least ``_MIN_CONTEXT`` characters
    besides the pair), 1 when one end of the phrase matches with that much context, else 0."""
    t, u = doc.text, other.text
    left = 0
    while (
        left < _MAX_CONTEXT
        and span.start - left > 0
        and at - left > 0
        and t[span.start - left - 1] == u[at - left - 1]
        and _is_phrase_char(t[span.start - left - 1])
    ):
        left += 1
    right = 0
    while (
        right < _MAX_CONTEXT
        and span.end + right < len(t)
        and at + 2 + right < len(u)
        and t[span.end + right] == u[at + 2 + right]
        and _is_phrase_char(t[span.end + right])
    ):
        right += 1

    def ends(i: int, j: int) -> bool:  # both texts leave the phrase here
        return (i < 0 or i >= len(t) or not _is_phrase_char(t[i])) and (
            j < 0 or j >= len(u) or not _is_phrase_char(u[j])
        )

    left_end = ends(span.start - left - 1, at - left - 1)
    right_end = ends(span.end + right, at + 2 + right)
    if left_end and right_end and left + right >= _MIN_CONTEXT:
        return 2
    if (left_end and left >= _MIN_CONTEXT) or (right_end and right >= _MIN_CONTEXT):
        return 1
    return 0


#: where a sentence (or a line) ends: two spellings without one of these between them are in one
_SENTENCE_END = frozenset("。！？；!?;\n")


def _sentence_ends(text: str) -> list[int]:
    """The offsets of the characters of ``_SENTENCE_END`` in ``text``, in order."""
    return [i for i, char in enumerate(text) if char in _SENTENCE_END]


def _one_sentence(ends: list[int], at: int, span: Span) -> bool:
    """The form at ``text[at:at+2]`` stands in the suspect's own sentence: the two spellings are
    set side by side on purpose (“南阳宏远公司、南阳鸿远公司”, two firms of one list), not one a slip.
    ``ends`` is ``_sentence_ends(text)``: no sentence end between the two, found by bisection."""
    lo, hi = min(at, span.start), max(at + 2, span.end)
    return bisect_left(ends, lo) == bisect_left(ends, hi)


def _context_keys(text: str, start: int, end: int) -> list[tuple[str, str]]:
    """The contexts of the pair at ``text[start:end]`` a twin must share to match at all (``_match``
    needs ``_MIN_CONTEXT`` = 2 matching phrase characters beside the pair: two on the left, two on
    the right, or one on each side). Equal keys are necessary for a match, so keying suspects by
    them compares an occurrence only with the suspects it may twin."""
    keys: list[tuple[str, str]] = []
    left, right = text[max(0, start - 2) : start], text[end : end + 2]
    # str.isalnum is true for a non-empty string of phrase characters only (``_is_phrase_char``)
    if len(left) == 2 and left.isalnum():
        keys.append(("left", left))
    if len(right) == 2 and right.isalnum():
        keys.append(("right", right))
    both = left[-1:] + right[:1]
    if len(both) == 2 and both.isalnum():
        keys.append(("both", both))
    return keys


def _one_off_character(
    suspect: _Suspect, other: Document, counts: dict[tuple[str, str], int]
) -> bool:
    """The replaced character occurs in its document only in the suspect pair (洲 once, or twice in
    a slip made twice), the other one often, there or in the twin's document (洲 1 / 州 24).
    ``counts`` memoises character counts per document for the call."""

    def count(doc: Document, char: str) -> int:
        key = (doc.path, char)
        if key not in counts:
            counts[key] = doc.text.count(char)
        return counts[key]

    text = suspect.doc.text
    written, meant = text[suspect.span.start + suspect.pos], suspect.word[suspect.pos]
    return (
        count(suspect.doc, written)
        <= count(suspect.doc, text[suspect.span.start : suspect.span.end])
        and max(count(suspect.doc, meant), count(other, meant)) >= _FREQUENT_IN_DOCUMENT
    )


#: numerals: 国五, 五优, 三网 are abbreviations coined by counting, not slips
_NUMERALS = frozenset(CHINESE_NUMERALS)


@cache
def _similar(char: str) -> frozenset[str]:
    """The characters ``char`` may be a slip for: its look-alikes and sound-alikes (any reading,
    fuzzy initials and finals), and those sharing a usual reading or nearly all four corners."""
    return frozenset(_similar_text(char))


def _similar_text(char: str) -> str:
    """:func:`_similar` as a string (the table's, not copied: a set of ~180 characters costs 25 µs
    to build, and a run asks for most of its characters once)."""
    from factlint.language.lexicon import candidates_of, slip_candidates

    found = slip_candidates().get(char)
    return found if found is not None else "".join(sorted(candidates_of(char)))


#: a character's neighbour forms up to this many are tested one by one against its slip candidates
#: (a string); more, against a set of them made once (``_suspects``)
_FEW_FORMS_BY_CHAR = 32


def _declared_pairs(corpus: Corpus) -> set[str]:
    """The pairs of adjacent characters of every term the fact sheet declares: canonical names and
    their aliases, groups and their members, preferred spellings."""
    facts = corpus.facts
    terms = [*facts.names, *(a for aliases in facts.names.values() for a in aliases)]
    terms += [*facts.groups, *(m for members in facts.groups.values() for m in members)]
    terms += facts.spellings.values()
    return {term[i : i + 2] for term in terms for i in range(len(term) - 1)}


def _suspects(
    corpus: Corpus,
    opts: Options,
    documents: Sequence[Document] | None = None,
    counts_of: Callable[[Document], _Counts] | None = None,
) -> Iterator[_Suspect]:
    """Every rare pair with a form of the run (or a same-shaped common word) it may stand for, in
    ``documents`` (every document of the run by default), each one's reads of the run's counts
    through ``counts_of(document)``.

    The gain (``_gain``, the costly part) is not computed here: ``check`` computes it only for the
    suspects the cheaper evidence leaves in play."""
    from factlint.language.confusables import confusables
    from factlint.language.lexicon import (
        common_words,
        four_corner_code,
        lexicon,
        same_shape_words,
    )
    from factlint.language.reports import common_report_words, report_words

    index = corpus.view(term_index)
    if documents is None:
        documents = corpus
    if counts_of is None:
        plain = _Counts(index)
        counts_of = lambda doc: plain  # noqa: E731
    bound_rare = max(opts.max_rare, _REPEATED_SLIP)
    if len(documents) == len(corpus):
        rare = {p for p, n in index.bigrams.items() if n <= bound_rare}
    else:  # a few documents of the run (``_incremental``): their own pairs only
        rare = {
            p for doc in documents for p in bigram_counts(doc.text) if index.count(p) <= bound_rare
        }
    rare = _possible_slips(corpus, rare)
    if not rare:
        return  # nothing to look up: the dictionary (0.3 s, 70 MB) is not loaded
    lex = lexicon()
    reports = report_words()
    neighbours = corpus.view(established_neighbours)
    shapes = same_shape_words(_COMMON_WORD)
    table = confusables()
    common = common_words(_COMMON_WORD)
    common_in_reports = common_report_words(_COMMON_IN_REPORTS)
    words = lex.frequency
    #: (position, other character) -> {character at that position: the run's established bigram}
    by_char: dict[tuple[int, str], dict[str, str]] = {}

    #: the look-alikes and slip candidates of each character met (each asked many times), as
    #: strings: tested against a few characters each time, not worth a set
    alike_text = table.alike_text
    alikes_of: dict[str, str] = {}
    similar_of: dict[str, str] = {}
    similar_sets: dict[str, frozenset[str]] = {}  # (only for the characters with many forms)

    def crossing_bound(outer: tuple[str, str]) -> int:
        """How strongly a word outside the pair binds one of its characters: the pair may cross a
        word boundary (逛|黄南), a word of reports counting too (非遗|进 in 非遗进景区); 0 when no
        such word reaches ``_BOUND_WORD``."""
        bound = 0
        for o in outer:
            if o:
                bound = max(bound, lex.get(o), int(reports.rate(o) * lex.total))
        return bound if bound >= _BOUND_WORD else 0

    def worded(pair: str, counts: _Counts) -> bool:
        """``pair`` is a word of the dictionary or of reports, or one the run uses often (黄南):
        not two words' edges that happen to meet (加快|实施)."""
        return (
            lex.get(pair) >= _BOUND_WORD
            or reports.count(pair) > 0
            or counts.at_least(pair, _FREQUENT_IN_DOCUMENT)
        )

    run_count = index.bigrams.get
    codes: dict[str, str | None] = {}
    for doc in documents:
        text = doc.text
        size = len(text)
        counts = counts_of(doc)
        count, at_least, probe = counts.count, counts.at_least, counts.probe
        for start, pair in find_bigrams(text, rare):
            # each character with its neighbour outside the pair, if that is Han
            outer = (
                text[start - 1 : start + 1] if start and _han(text[start - 1]) else "",
                text[start + 1 : start + 3] if start + 2 < size and _han(text[start + 2]) else "",
            )
            bound = -1  # (``crossing_bound(outer)``, when a form is first weighed)
            used = count(pair)
            for pos in (0, 1):
                char = pair[pos]
                if char in _NUMERALS:
                    continue  # 国五, 五优, 三网: coined by counting, not slips
                # the character is used with its other neighbour elsewhere: a choice, not a slip
                if at_least(outer[pos], used + 1):
                    continue
                other = pair[1 - pos]
                alikes = alikes_of.get(char)
                if alikes is None:
                    alikes = alikes_of[char] = alike_text.get(char, "")
                similar = similar_of.get(char)
                if similar is None:
                    similar = similar_of[char] = _similar_text(char)
                # forms of the run sounding or looking alike: words, or more frequent than the pair
                key = (pos, other)
                run_forms = by_char.get(key)
                if run_forms is None:
                    run_forms = by_char[key] = {w[pos]: w for w in neighbours.get(key, ())}
                probe(pos, other, char)
                # the run's neighbour lists grow with the run: intersect (in C) with the similar
                # characters, then test the few forms left
                if len(run_forms) <= _FEW_FORMS_BY_CHAR:
                    found = [w for c, w in run_forms.items() if c in similar]
                else:
                    similar_set = similar_sets.get(char)
                    if similar_set is None:
                        similar_set = similar_sets[char] = frozenset(similar)
                    found = [run_forms[c] for c in similar_set.intersection(run_forms)]
                dictionary: set[str] = set()
                if used > opts.max_rare:
                    # a slip made twice is reported only beside a twin used far more often
                    forms = {w for w in found if run_count(w, 0) >= _OFTENER * used}
                else:
                    forms = {w for w in found if w in words or run_count(w, 0) > used}
                    if char in codes:
                        code = codes[char]
                    else:
                        code = codes[char] = four_corner_code(char)
                    if code:
                        forms.update(shapes.get((pos, other, code), ()))
                    # common words of the dictionary one look-alike or sound-alike character away
                    near = common.get((pos, other), {})
                    dictionary = {w for c, w in near.items() if c in alikes}
                    # and words common in reports (增效: rare in jieba's general text)
                    near = common_in_reports.get((pos, other), {})
                    dictionary.update(w for c, w in near.items() if c in alikes and w in words)
                    forms.update(dictionary)
                forms.discard(pair)
                if forms and bound < 0:
                    bound = crossing_bound(outer)
                for word in sorted(forms):
                    # a word outside binds the pair's character unless the form is the far more
                    # common word (介人|治疗: 人治 is a word, but 介入 治疗 reads far better)
                    # (医保|句 beside 医保局 elsewhere: the meant form is a longer word, and only a
                    # whole phrase written so elsewhere in the run vouches for it)
                    crossing = bool(bound) and lex.get(word) < _DOMINANT * bound
                    if crossing and not counts.at_least(word, 2) and word not in dictionary:
                        continue
                    # the unchanged character belongs to a word outside, used far more than this
                    # form (逛|黄南 beside 进黄南: 黄南 is the word)
                    if counts.beyond(outer[1 - pos], word) and worded(outer[1 - pos], counts):
                        continue
                    yield _Suspect(
                        doc, Span(start, start + 2), pos, word, word in dictionary, crossing
                    )


def _find_twins(
    corpus: Corpus,
    suspects: list[_Suspect],
    counts_of: Callable[[Document], _Counts] | None = None,
) -> None:
    """One scan of the run for the forms the suspects may stand for, keeping each one's best twin.

    A twin must be a form the run uses at least twice, or a dictionary word: two one-off spellings
    of each other (“五优联动”, “五外联动”) are two names, and neither is the slip; so are two spellings
    in one sentence (“南阳宏远公司、南阳鸿远公司”: items of one list are different by construction)."""
    from factlint.language.lexicon import lexicon

    if not suspects:
        return
    if counts_of is None:
        plain = _Counts(corpus.view(term_index))
        counts_of = lambda doc: plain  # noqa: E731
    lex = lexicon()
    wanted: defaultdict[str, list[_Suspect]] = defaultdict(list)
    for suspect in suspects:
        if counts_of(suspect.doc).at_least(suspect.word, 2) or suspect.word in lex:
            wanted[suspect.word].append(suspect)
    if not wanted:
        return
    words = set(wanted)
    keyed: defaultdict[tuple[str, str, str], list[_Suspect]] = defaultdict(list)
    for word, group in wanted.items():
        for suspect in group:
            text, span = suspect.doc.text, suspect.span
            keys = [
                (word, tag, context) for tag, context in _context_keys(text, span.start, span.end)
            ]
            counts_of(suspect.doc).contexts(keys)
            for key in keys:
                keyed[key].append(suspect)
    char_counts: dict[tuple[str, str], int] = {}
    get = keyed.get
    sentence_ends: dict[int, list[int]] = {}  # (of the suspects' own documents, by id)
    for other, start, word in _run_occurrences(corpus, words):
        t = other.text
        # the occurrence's contexts, as ``_context_keys`` makes them: a key of ``keyed`` passed
        # its tests, so an equal string needs none (most occurrences match no suspect at all)
        found = (
            get((word, "left", t[start - 2 : start])) if start >= 2 else None,
            get((word, "right", t[start + 2 : start + 4])),
            get((word, "both", t[start - 1] + t[start + 2 : start + 3])) if start else None,
        )
        if found == (None, None, None):
            continue
        seen: set[int] = set()
        for matched in found:
            for suspect in matched or ():
                if id(suspect) in seen:
                    continue
                seen.add(id(suspect))
                if other is suspect.doc:
                    if start == suspect.span.start:
                        continue
                    ends = sentence_ends.get(id(other))
                    if ends is None:
                        ends = sentence_ends[id(other)] = _sentence_ends(t)
                    if _one_sentence(ends, start, suspect.span):
                        continue
                strength = _match(suspect.doc, suspect.span, other, start)
                if strength == 1 and not _one_off_character(suspect, other, char_counts):
                    strength = 0
                if strength and (suspect.twin is None or strength > suspect.twin[0]):
                    suspect.twin = (strength, other, Span(start, start + 2))
    for group in wanted.values():
        for suspect in group:
            if suspect.twin is not None:
                counts_of(suspect.doc).twinned(suspect.twin[1].path)


#: at most this many forms to look for, each is looked for on its own (``str.find``, in C) in the
#: run's texts joined (``_run_occurrences``); more, in one scan of each document's Han runs
#: (``find_bigrams``). On 1,000 reports (420,000 characters) a scan costs 0.10 s, a form looked for
#: 0.45 ms: the one-by-one search pays up to some 200 forms (a warm run after an edit looks for
#: the forms of the edited document's suspects, about 80)
_FEW_FORMS = 128
#: characters of text joined for the one-by-one search: each document is searched once, not once
#: a form (a document this long or longer is searched alone, not copied)
_BATCH = 1 << 18


def _run_occurrences(corpus: Corpus, words: set[str]) -> Iterator[tuple[Document, int, str]]:
    """Each occurrence of the Han bigrams ``words`` in the run: its document, its start offset, its
    text; in the order of the run and of the text for each word (the order of different words does
    not matter to ``_find_twins``: each suspect looks for one).

    Many forms are looked for in one scan of each document (``find_bigrams``); a few, each one by
    one in batches of documents joined (a thousand short documents: one ``str.find`` loop a form
    over their texts joined, not a thousand)."""
    batches = ([doc] for doc in corpus) if len(words) > _FEW_FORMS else _batches(corpus)
    for batch in batches:
        yield from _batch_occurrences(batch, words)


def _batches(corpus: Corpus) -> Iterator[list[Document]]:
    """The documents of the run in order, in batches of about :data:`_BATCH` characters; a
    document that long or longer alone (searched as it is, not copied into a join)."""
    batch: list[Document] = []
    size = 0
    for doc in corpus:
        if len(doc.text) >= _BATCH:
            if batch:
                yield batch
            yield [doc]
            batch, size = [], 0
            continue
        batch.append(doc)
        size += len(doc.text) + 1
        if size >= _BATCH:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _batch_occurrences(
    batch: Sequence[Document], words: set[str]
) -> Iterator[tuple[Document, int, str]]:
    """``_run_occurrences`` in the documents of ``batch``, their texts joined by a character that
    is not Han (no bigram found straddles two documents)."""
    if len(batch) == 1:
        doc = batch[0]
        for start, word in _occurrences(doc.text, words):
            yield doc, start, word
        return
    starts: list[int] = []
    at = 0
    for doc in batch:
        starts.append(at)
        at += len(doc.text) + 1
    joined = "\0".join(doc.text for doc in batch)
    for start, word in _occurrences(joined, words):
        i = bisect_right(starts, start) - 1
        yield batch[i], start - starts[i], word


def _occurrences(text: str, words: set[str]) -> Iterator[tuple[int, str]]:
    """Start offset and text of every occurrence of the Han bigrams ``words`` in ``text``: in
    order for each word (the order of different words does not matter to ``_find_twins``: each
    suspect looks for one)."""
    if len(words) > _FEW_FORMS:
        yield from find_bigrams(text, words)
        return
    for word in sorted(words):
        if not HAN_RUN.fullmatch(word):
            continue  # (find_bigrams finds Han bigrams only)
        at = text.find(word)
        while at >= 0:
            yield at, word
            at = text.find(word, at + 1)


def _quote(doc: Document, span: Span, replacement: str | None = None) -> str:
    text = doc.text
    lo = span.start
    while lo > 0 and span.start - lo < _QUOTE and _han(text[lo - 1]):
        lo -= 1
    hi = span.end
    while hi < len(text) and hi - span.end < _QUOTE and _han(text[hi]):
        hi += 1
    middle = text[span.start : span.end] if replacement is None else replacement
    return text[lo : span.start] + middle + text[span.end : hi]


def check(corpus: Corpus, opts: Options) -> Iterator[Finding]:
    memo = corpus.memo
    paths = {doc.path for doc in corpus}
    if memo is None or len(corpus) < 2 or len(paths) < len(corpus):
        yield from _evaluate(corpus, opts)
    else:
        yield from _incremental(corpus, opts, memo)


def _evaluate(
    corpus: Corpus,
    opts: Options,
    documents: Sequence[Document] | None = None,
    counts_of: Callable[[Document], _Counts] | None = None,
) -> list[Finding]:
    """The findings in ``documents`` (every document of the run by default), in the order of their
    paths and spans; each document's reads of the run through ``counts_of(document)``, which
    also keeps its suspects (``_Counts.suspected``)."""
    if counts_of is None:
        plain = _Counts(corpus.view(term_index))
        counts_of = lambda doc: plain  # noqa: E731
    suspects = list(_suspects(corpus, opts, documents, counts_of))
    _find_twins(corpus, [s for s in suspects if counts_of(s.doc).at_least(s.word, 1)], counts_of)
    for suspect in suspects:
        counts_of(suspect.doc).suspected(suspect)
    for doc in corpus if documents is None else documents:
        counts_of(doc).settle()
    return _decide(corpus, opts, suspects, counts_of)


def _decide(
    corpus: Corpus,
    opts: Options,
    suspects: list[_Suspect],
    counts_of: Callable[[Document], _Counts],
) -> list[Finding]:
    """Which ``suspects`` (their twins found) are reported, in the order of their paths and spans:
    the cheap evidence first, then the gain of the word model."""
    from factlint.language.lexicon import four_corner_code

    index = corpus.view(term_index)
    by_document: dict[str, Counter[str]] = {}

    def uses(doc: Document, word: str) -> int:
        """The uses of ``word`` in ``doc`` itself: a word the report uses a dozen times beside
        one look-alike (稳定, 隐定), not a word a large run happens to use often elsewhere (the
        document's bigrams counted once, when first asked: linear however many words are)."""
        if len(corpus) == 1:
            return index.count(word)
        counts = by_document.get(doc.path)
        if counts is None:
            counts = by_document[doc.path] = bigram_counts(doc.text)
        return counts.get(word, 0)

    best: dict[tuple[str, Span], tuple[tuple[int, float], _Suspect]] = {}
    for suspect in suspects:
        counts = counts_of(suspect.doc)
        twin = suspect.twin[0] if suspect.twin is not None else 0
        written = suspect.doc.text[suspect.span.start + suspect.pos]
        used = counts.count(suspect.doc.slice(suspect.span))
        # the cheap evidence first: which path could report the suspect, if the gain allows
        scored = False  # the dictionary's word, without a twin: ``_evidence`` decides
        if used > opts.max_rare:
            # a slip made twice needs a twin, and a form the run uses far more often
            if not twin or not counts.at_least(suspect.word, _OFTENER * used):
                continue
        elif twin:
            pass
        elif suspect.crossing:
            # a whole phrase repeated with the other form vouches for these, or the dictionary's
            # common word does when the evidence is strong (辐射袋动能力: 袋|动能 reads as 带动|能力)
            if not suspect.dictionary or _deliberate(suspect):
                continue
            scored = True
        elif (
            (code := four_corner_code(written)) is not None
            and code == four_corner_code(suspect.word[suspect.pos])
            and _framed(suspect.doc.text, suspect.span, suspect.word)
        ):
            pass  # the dictionary's word, not the run's
        elif suspect.common and not _deliberate(suspect):
            scored = True
        else:
            continue
        # a pair with a numeral (一恋) is a slip for a form the run uses often, or on strong evidence
        rare_count = (
            suspect.counted
            and not twin
            and not counts.at_least(suspect.word, _FREQUENT_IN_DOCUMENT)
        )
        if rare_count and not scored:
            continue
        if suspect.crossing and twin < 2 and not scored:
            continue
        if scored and _attested(suspect):
            continue
        # the dictionary's word alone, for the weakest kinship, is weighed as general text has it
        reports = not scored or not _fuzzy(suspect)
        gain = _gain(suspect.doc, suspect.span, suspect.word, counts, reports=reports)
        # (how far each value compared stands from its bound: ``_Reads.margin``)
        counts.compared(gain - min(opts.min_gain, _TWIN_GAIN))
        if gain < min(opts.min_gain, _TWIN_GAIN):
            continue
        if twin < 2:
            counts.compared(gain - opts.min_gain)
        if gain < opts.min_gain and twin < 2:
            continue  # only a whole phrase repeated with the other form vouches for these
        if scored:
            need = _EVIDENCE
            if rare_count:
                need = max(need, _COUNTED_EVIDENCE)
            if _set_off(suspect):
                if _fuzzy(suspect):
                    continue  # the weakest kinship never overrides it (“七优享” is no 优先)
                need = max(need, _SET_OFF_EVIDENCE)
            evidence = _evidence(suspect, gain, uses(suspect.doc, suspect.word))
            counts.compared(evidence - need)
            if evidence < need:
                continue  # neither the word model nor the reports' characters are sure enough
        key = (suspect.doc.path, suspect.span)
        rank = (twin, gain)
        if key in best and best[key][0][0] == twin:  # (both gains may move)
            counts.compared((gain - best[key][0][1]) / 2)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, suspect)
    return [
        _finding(suspect, counts_of(suspect.doc))
        for _rank, suspect in sorted(
            best.values(), key=lambda item: (item[1].doc.path, item[1].span)
        )
    ]


def _finding(suspect: _Suspect, counts: _Counts) -> Finding:
    doc, span, word = suspect.doc, suspect.span, suspect.word
    variant = doc.slice(span)
    written, meant = _quote(doc, span), _quote(doc, span, word)
    related: tuple[Related, ...] = ()
    if suspect.twin is not None and suspect.crossing:
        # the meant form is a longer word (医保|句 for 医保局): name it with the word outside
        text = doc.text
        if suspect.pos == 1:
            term = _left(text, span.start, 1) + word
        else:
            term = word + _right(text, span.end, 1)
        _, other, where = suspect.twin
        why_zh = f"本次检查中别处写作“{term}”"
        why_en = f"written “{term}” elsewhere in this check"
        related = (
            Related(
                where,
                Message(f"“{term}”的写法见此", f"“{term}” is written so here"),
                other.path,
            ),
        )
    elif suspect.twin is not None:
        count = counts.count(word)
        why_zh = f"“{word}”在本次检查中出现{count}次"
        why_en = f"“{word}” occurs {count} times in this check"
        _, other, where = suspect.twin
        related = (
            Related(
                where,
                Message(f"“{word}”的写法见此", f"“{word}” is written so here"),
                other.path,
            ),
        )
    else:
        from factlint.language.confusables import confusables

        written = doc.text[span.start + suspect.pos]
        meant = word[suspect.pos]
        kind_zh, kind_en = confusables().kind(written, meant) or ("形近", "look alike")
        return Finding(
            span=span,
            message=Message(
                f"“{variant}”疑为“{word}”之误（“{written}”“{meant}”{kind_zh}；“{word}”是常用词）",
                f"“{variant}” looks like a slip for “{word}” (“{written}” and “{meant}” {kind_en};"
                f" “{word}” is a common word)",
            ),
            fix=_fix(word),
            path=doc.path,
        )
    return Finding(
        span=span,
        message=Message(
            f"“{written}”疑为“{meant}”之误（{why_zh}）",
            f"“{written}” looks like a slip for “{meant}” ({why_en})",
        ),
        related=related,
        fix=_fix(word),
        path=doc.path,
    )


def _fix(word: str) -> Fix:
    """The suggested form, never applied unasked: a slip to the evidence may be a name or a
    coinage the writer meant (``--unsafe-fixes``)."""
    return Fix(word, Message(f"改为“{word}”", f"write “{word}”"), safe=False)


# ---- from one run to the next: each document's findings, and what they read of the run ----------

#: no upper bound on a count read (``_Reads``)
_ANY = (1 << 31) - 1


class _Counts:
    """The run's pair counts, as the evaluation of a document reads them (``_Reads`` records what
    it reads)."""

    __slots__ = ("index",)

    def __init__(self, index: TermIndex) -> None:
        self.index = index

    def count(self, pair: str) -> int:
        return self.index.bigrams.get(pair, 0)

    def at_least(self, pair: str, k: int) -> bool:
        return self.index.bigrams.get(pair, 0) >= k

    def beyond(self, pair: str, word: str) -> bool:
        """``pair`` is used more than twice as often as ``word`` (counted at least once)."""
        get = self.index.bigrams.get
        return get(pair, 0) > 2 * max(get(word, 0), 1)

    def frequency(self, word: str, listed: int, total: int) -> float:
        """The word model's frequency of ``word``: the dictionary's (``listed``), or the run's
        rate of it scaled to the dictionary's ``total``, whichever is the greater."""
        return max(float(listed), self.index.rate(word) * total)

    def probe(self, pos: int, other: str, char: str) -> None:
        """The run's established pairs with ``other`` beside position ``pos`` were looked up for
        the forms of ``char``."""

    def contexts(self, keys: Sequence[tuple[str, str, str]]) -> None:
        """The run was searched for uses of a form in these contexts (``_context_keys``)."""

    def twinned(self, path: str) -> None:
        """A suspect's best twin is in the document ``path``."""

    def suspected(self, suspect: _Suspect) -> None:
        """``suspect`` is one of the document's, its twin found."""

    def compared(self, difference: float) -> None:
        """A value that depends on the word model's frequencies (a gain) was compared with a bound
        (or two such values with each other, each half of it): this far above it (below: < 0)."""

    def settle(self) -> None:
        """The document's suspects and their twins are found: what is read next decides them."""


class _Reads(_Counts):
    """``_Counts`` that records every read of the run (with what it gave), for ``_Record``: of each
    pair, the range of counts that give every answer it gave (a count read, or compared with a
    bound); the comparisons of two pairs' counts with their outcome; the probes, contexts, twins
    and frequencies."""

    # (strings and numbers, no containers: a run records some 100,000 reads, which the
    # collector would otherwise walk again and again)
    __slots__ = (
        "highs",
        "keys",
        "lows",
        "margin",
        "probes",
        "rates",
        "relations",
        "settled",
        "suspects",
        "twins",
    )

    def __init__(self, index: TermIndex) -> None:
        super().__init__(index)
        self.lows: dict[str, int] = {}
        self.highs: dict[str, int] = {}
        self.relations: dict[str, bool] = {}  # the two pairs: the outcome
        self.probes: set[str] = set()
        self.keys: set[str] = set()
        self.twins: set[str] = set()
        self.rates: dict[str, tuple[int, int, float]] = {}
        self.suspects: list[_Kept] = []
        self.margin = math.inf
        self.settled: _Packed | None = None

    def count(self, pair: str) -> int:
        n = self.index.bigrams.get(pair, 0)
        if len(pair) == 2:
            self.lows[pair] = self.highs[pair] = n  # (any other read of it: within)
        return n

    def at_least(self, pair: str, k: int) -> bool:
        n = self.index.bigrams.get(pair, 0)
        if n >= k:
            if len(pair) == 2 and self.lows.get(pair, 0) < k:
                self.lows[pair] = k
            return True
        if len(pair) == 2 and self.highs.get(pair, _ANY) >= k:
            self.highs[pair] = k - 1
        return False

    def beyond(self, pair: str, word: str) -> bool:
        yes = super().beyond(pair, word)
        if len(pair) == 2:  # (without a neighbour ("", never counted): never)
            self.relations[pair + word] = yes
        return yes

    def frequency(self, word: str, listed: int, total: int) -> float:
        found = super().frequency(word, listed, total)
        self.rates[word] = (listed, total, found)
        return found

    def probe(self, pos: int, other: str, char: str) -> None:
        self.probes.add(f"{pos}{other}{char}")

    def contexts(self, keys: Sequence[tuple[str, str, str]]) -> None:
        self.keys.update(_key(*key) for key in keys)

    def twinned(self, path: str) -> None:
        self.twins.add(path)

    def compared(self, difference: float) -> None:
        self.margin = min(self.margin, abs(difference))

    def suspected(self, suspect: _Suspect) -> None:
        twin = suspect.twin
        self.suspects.append(
            (
                suspect.span.start,
                suspect.pos,
                suspect.word,
                suspect.dictionary,
                suspect.crossing,
                (twin[0], twin[1].path, twin[2].start) if twin is not None else None,
            )
        )

    def _packed(self) -> _Packed:
        from array import array

        pairs = self.lows.keys() | self.highs.keys()
        lows, highs = self.lows, self.highs
        return _Packed(
            "".join(pairs),
            array("i", [n for p in pairs for n in (lows.get(p, 0), highs.get(p, _ANY))]),
            "".join(self.relations),
            bytes(self.relations.values()),
        )

    def settle(self) -> None:
        self.settled = self._packed()
        self.lows, self.highs, self.relations = {}, {}, {}

    def record(self, findings: Sequence[Finding]) -> _Record:
        return _Record(
            findings=tuple(findings),
            found=self.settled or _Packed("", (), "", b""),
            decided=self._packed(),
            probes="".join(self.probes),
            keys=frozenset(self.keys),
            twins=frozenset(self.twins),
            rates=tuple((word, *rate) for word, rate in self.rates.items()),
            suspects=tuple(self.suspects),
            margin=self.margin,
        )


def _key(word: str, tag: str, context: str) -> str:
    """A context key (``_context_keys``) as one string: the form, the tag's initial, the context
    (two characters each)."""
    return word + tag[0] + context


#: a suspect as a record keeps it: the pair's start, ``pos``, ``word``, ``dictionary``, ``crossing``,
#: and its twin (strength, the document's path, the start of the form there)
_Kept = tuple[int, int, str, bool, bool, tuple[int, str, int] | None]


@dataclass(frozen=True)
class _Packed:
    """Reads of the run's counts, compactly (a run's records are read back at each run): the pairs
    whose counts were read (``pairs``, two characters each) with the range of counts that give
    the same answers (``bounds``, two a pair); the comparisons of two pairs' counts
    (``relations``, four characters each) with their ``outcomes``."""

    pairs: str
    bounds: Any  # array("i")
    relations: str
    outcomes: bytes

    def holds(self, changed: set[str], get: Callable[[str, int], int]) -> bool:
        """Every read of the pairs of ``changed`` gives what it gave, with the counts ``get``."""
        pairs, bounds = self.pairs, self.bounds
        for at in _offsets(pairs, changed, 2):
            n = get(pairs[at : at + 2], 0)
            if not bounds[at] <= n <= bounds[at + 1]:  # (two bounds a pair of two characters)
                return False
        relations = self.relations
        for at in set(_offsets(relations, changed, 2)):
            at -= at % 4
            yes = get(relations[at : at + 2], 0) > 2 * max(get(relations[at + 2 : at + 4], 0), 1)
            if yes != bool(self.outcomes[at // 4]):
                return False
        return True


@dataclass(frozen=True)
class _Record:
    """One document's findings, and everything their evaluation read of the run: the counts read
    finding its suspects and their twins (``found``), and deciding them (``decided``); the run's
    established pairs looked up (``probes``: position, neighbour, written character, three
    characters each); the contexts its suspects' twins were looked for in (``keys``, ``_key``); the
    documents their best twins are in (``twins``); the word model's frequencies (``rates``: word,
    the dictionary's frequency and total, the frequency used); the suspects, their twins found
    (``suspects``), to decide them again when only ``rates`` changed."""

    findings: tuple[Finding, ...]
    found: _Packed
    decided: _Packed
    probes: str
    keys: frozenset[str]
    twins: frozenset[str]
    rates: tuple[tuple[str, int, int, float], ...]
    suspects: tuple[_Kept, ...]
    #: how far the values compared that depend on the word model's frequencies stood from their
    #: bounds, at least (``_Counts.compared``)
    margin: float

    def redecided(self, decided: _Reads, findings: Sequence[Finding]) -> _Record:
        """This record with the ``findings`` of its suspects decided again (``_decide``) with the
        reads ``decided``: those of the suspects and their twins are this record's."""
        again = decided.record(findings)
        return replace(
            self,
            findings=again.findings,
            decided=again.decided,
            rates=again.rates,
            margin=again.margin,
        )

    def suspects_in(self, doc: Document, corpus: Corpus) -> list[_Suspect]:
        """The suspects of the document ``doc``, their twins in ``corpus``."""
        return [
            _Suspect(
                doc,
                Span(start, start + 2),
                pos,
                word,
                dictionary,
                crossing,
                None
                if twin is None
                else (twin[0], corpus.by_path[twin[1]], Span(twin[2], twin[2] + 2)),
            )
            for start, pos, word, dictionary, crossing, twin in self.suspects
        ]

    def holds(self, changed: set[str], get: Callable[[str, int], int]) -> bool:
        """Every read of the pairs of ``changed`` gives what it gave, with the counts ``get``."""
        return self.found.holds(changed, get) and self.decided.holds(changed, get)


def _offsets(packed: str, wanted: set[str], width: int) -> Iterator[int]:
    """The offsets (multiples of ``width``) of the items of ``wanted`` in ``packed``, a string of
    items of ``width`` characters each (``str.find`` in C, or a walk when there are many)."""
    if len(wanted) * 4 > len(packed) // width:
        for at in range(0, len(packed), width):
            if packed[at : at + width] in wanted:
                yield at
        return
    for item in wanted:
        at = packed.find(item)
        while at >= 0:
            if at % width == 0:
                yield at
            at = packed.find(item, at + 1)


#: how often one word may be used in the best segmentation of a window of ``_gain`` (of
#: ``2 + 2 * _WINDOW`` characters): a frequency's logarithm moving by d moves the gain by at most
#: this many times d (the window as written reads no frequency of the run)
_WORD_USES = 1 + _WINDOW
#: room for the rounding of the values compared
_SLACK = 1e-6


def _drift(then: float, now: float) -> float:
    """How far the logarithm of a frequency of the word model moved (``_gain``: a frequency of 0
    is none, ignored: an infinite move)."""
    if then == now:
        return 0.0
    if then <= 0 or now <= 0:
        return math.inf
    return abs(math.log(now) - math.log(then))


#: bump when ``_State``, ``_Record`` or what they record changes
_STATE_VERSION = 4
_MEMO = "T102"


@dataclass(frozen=True)
class _State:
    """What a run leaves for the next (``Corpus.memo``): its documents (paths and text digests, in
    order), the token of its pair counts (``TermIndex.token``: the next run's ``term_index`` tells
    the pairs whose count changed since, ``TermIndex.since``, when it counted from these), and each
    document's ``_Record``."""

    version: int
    options: Options
    paths: tuple[str, ...]
    digests: tuple[bytes, ...]
    token: bytes
    records: dict[str, _Record]


def _possible_slips(corpus: Corpus, pairs: set[str]) -> set[str]:
    """Of ``pairs``, those that may be slips: not both numerals, not a spelling the fact sheet
    forbids (T103 reports those), nor a word of the dictionary or of reports, nor a pair of a name
    or a spelling the fact sheet declares, nor a pair the reports write often."""
    from factlint.language.lexicon import lexicon
    from factlint.language.reports import report_characters, report_words

    forbidden = corpus.facts.spellings  # reported by T103
    pairs = {
        p for p in pairs if p not in forbidden and not (p[0] in _NUMERALS and p[1] in _NUMERALS)
    }
    if not pairs:
        return pairs  # nothing to look up: the dictionary (0.3 s, 70 MB) is not loaded
    lex = lexicon()
    reports = report_words()
    # a word of the dictionary, or a pair official reports use (职普融通), is not a slip; nor is a
    # pair of a name or a spelling the project's fact sheet declares (泽库县, 一市三县)
    declared = _declared_pairs(corpus)
    # (nor a pair the reports write often, within a word or across two: 量的 of 量的扩大)
    written = report_characters().grams
    return {
        p
        for p in pairs
        if p not in lex
        and p not in reports
        and p not in declared
        and written.get(p, 0) < _REPORT_PAIR
    }


def _all_context_keys(text: str) -> set[str]:
    """The context keys (``_key``) of every use of every Han pair in ``text``."""
    keys: set[str] = set()
    for match in HAN_RUN.finditer(text):
        run, at = match.group(), match.start()
        for i in range(len(run) - 1):
            pair = run[i : i + 2]
            keys.update(_key(pair, *key) for key in _context_keys(text, at + i, at + i + 2))
    return keys


def _incremental(corpus: Corpus, opts: Options, memo: Memo) -> list[Finding]:
    """``_evaluate`` of the run, with the records of the previous run (``memo``): the documents
    whose text is unchanged and whose every read of the run gives what it gave then keep their
    findings; the others are evaluated again (against the whole run). Then this run's records
    are left for the next."""
    index = corpus.view(term_index)
    digests = [doc.view(DIGEST) for doc in corpus]
    previous = memo.get(_MEMO)
    valid: dict[str, tuple[_Record, bool]] = {}
    if (
        isinstance(previous, _State)
        and previous.version == _STATE_VERSION
        and previous.options == opts
        and len(previous.paths) >= 2
    ):
        valid = _still_valid(corpus, opts, digests, previous)
    kept = {path: record for path, (record, fresh) in valid.items() if fresh}
    todo = [doc for doc in corpus if doc.path not in valid]
    reads = {doc.path: _Reads(index) for doc in todo}
    found = _evaluate(corpus, opts, todo, lambda doc: reads[doc.path]) if todo else []
    by_path: dict[str, list[Finding]] = {doc.path: [] for doc in todo}
    for finding in found:
        assert finding.path is not None
        by_path[finding.path].append(finding)
    records = dict(kept)
    for doc in todo:
        records[doc.path] = reads[doc.path].record(by_path[doc.path])
    for path, (record, fresh) in valid.items():
        if not fresh:  # its suspects and their twins hold: decided again
            doc = corpus.by_path[path]
            decided = _Reads(index)
            suspects = record.suspects_in(doc, corpus)
            findings = _decide(corpus, opts, suspects, _always(decided))
            records[path] = record.redecided(decided, findings)
    memo.put(
        _MEMO,
        _State(
            _STATE_VERSION,
            opts,
            tuple(doc.path for doc in corpus),
            tuple(digests),
            index.token,
            records,
        ),
    )
    out = [finding for doc in corpus for finding in records[doc.path].findings]
    out.sort(key=lambda f: (f.path or "", f.span))
    return out


def _always(counts: _Counts) -> Callable[[Document], _Counts]:
    """``counts`` for every document."""
    return lambda _doc: counts


def _still_valid(
    corpus: Corpus, opts: Options, digests: Sequence[bytes], state: _State
) -> dict[str, tuple[_Record, bool]]:
    """The records of ``state`` still true of this run, by path, each with whether its word
    model's frequencies are too (if not, its suspects are decided again): the document's text is the same,
    and every read of the run it made gives what it gave (the pairs whose count changed are
    looked up in its reads), none of its suspects' best twins was in a document gone or edited
    since, no document new or edited since holds a use of a form in a context its suspects'
    twins were looked for in, and none of its pairs became rare."""
    index = corpus.view(term_index)
    old = dict(zip(state.paths, state.digests, strict=True))
    same = {
        doc.path for doc, digest in zip(corpus, digests, strict=True) if old.get(doc.path) == digest
    }
    fresh = sum(len(doc.text) for doc in corpus if doc.path not in same)
    if not same or fresh > sum(len(doc.text) for doc in corpus if doc.path in same):
        # most of the run is new: most records would not hold, and looking up what the new
        # documents hold costs more than evaluating them again
        return {}
    if [p for p in state.paths if p in same] != [doc.path for doc in corpus if doc.path in same]:
        return {}  # the documents come in another order: the best twin is the first found
    if index.since is None or not state.token or index.since[0] != state.token:
        return {}  # the pairs whose count changed since are not known (the counts not kept)
    gone = set(state.paths) - same
    get = index.bigrams.get
    # (each pair whose count may have changed, with its count then; the others' is the same)
    before = index.since[1]
    was = before.get
    changed = {p for p, n in before.items() if get(p, 0) != n}
    bound_rare = max(opts.max_rare, _REPEATED_SLIP)
    # the pairs now rare that were not: a document holding one has a suspect more
    dropped = _possible_slips(
        corpus, {p for p in changed if 0 < get(p, 0) <= bound_rare < was(p, 0)}
    )
    # the established pairs looked up for the forms of a suspect (``_suspects``): what is read of
    # their counts is whether they are established (used twice, or a word of the dictionary used
    # at all: ``established_neighbours``; such a word is a form whatever its count), then
    # ``used`` or ``_OFTENER * used`` (``used`` at most ``bound_rare``)
    cap = _OFTENER * bound_rare + 1

    def level(n: int) -> int:
        return 0 if n < 2 else min(n, cap)

    def word(p: str) -> bool:
        from factlint.language.lexicon import lexicon

        return p in lexicon()

    probed: defaultdict[str, set[str]] = defaultdict(set)  # position and neighbour: characters
    for p in changed:
        n, then = get(p, 0), was(p, 0)
        if level(n) != level(then) or ({n, then} == {0, 1} and word(p)):
            probed[f"0{p[1]}"].add(p[0])
            probed[f"1{p[0]}"].add(p[1])
    keys: set[str] = set()
    for doc, digest in zip(corpus, digests, strict=True):
        if old.get(doc.path) != digest:
            keys |= _all_context_keys(doc.text)
    now = _Counts(index)
    valid: dict[str, tuple[_Record, bool]] = {}
    for doc in corpus:
        record = state.records.get(doc.path)
        if doc.path not in same or record is None:
            continue
        if not record.twins.isdisjoint(gone) or not record.keys.isdisjoint(keys):
            continue
        if not record.holds(changed, get):
            continue
        probes = record.probes
        if probed and any(
            not _similar(probes[at + 2]).isdisjoint(probed[probes[at : at + 2]])
            for at in range(0, len(probes), 3)
            if probes[at : at + 2] in probed
        ):
            continue
        if any(p in doc.text for p in dropped):
            continue
        # (the frequencies depend on the run's count of Han characters: with any edit, a few):
        # decided again unless no value compared moved enough to cross its bound
        drift = max(
            (_drift(f, now.frequency(w, listed, total)) for w, listed, total, f in record.rates),
            default=0.0,
        )
        fresh = drift == 0.0 or _WORD_USES * drift + _SLACK < record.margin
        valid[doc.path] = (record, fresh)
    return valid

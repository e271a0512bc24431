"""C104 autonomous-name-short-form — the short name of an autonomous area whose full name is used.

## 检查什么
同一篇文稿中（或用语规范表中）出现了民族自治地方的全称（河南蒙古族自治县、黄南藏族自治州），别处又用
了它的简称（河南县、黄南州）。简称指去掉民族名称和“自治”二字后的写法：地名加“县”“州”“旗”。

只在本文稿（或用语规范表）用过全称时才报告，所以从不使用全称的文稿不受影响。用语规范表中登记为全称
别名的简称视为允许使用，不报告。自治区的简称（新疆、西
藏、广西）是省级行政区的通用简称，不报告。

## 为什么重要
民族自治地方的名称应使用全称。同一篇文稿里全称、简称混用，既不合规范，也让读者疑心是两个地方。

## 示例
```
天津市对口支援青海省黄南藏族自治州，全面对接“一市三县”需求。
推动河南蒙古族自治县便民服务中心建设，组织专家赴黄南州开展义诊。
```

## 改为
```
天津市对口支援青海省黄南藏族自治州，全面对接“一市三县”需求。
推动河南蒙古族自治县便民服务中心建设，组织专家赴黄南藏族自治州开展义诊。
```

## 如何修改
把简称改为全称（黄南州 → 黄南藏族自治州）。每个简称只在第一次出现处报告一次，并注明本文共有几处，
可用查找替换逐处修改；机构的登记名称（黔东南州统计局）如果本来就用简称，应保留。若本单位允许使用某个
简称，在用语规范表中把它登记为全称的别名即可。

## What it does
Finds the full names of autonomous areas in a document — a place name, one or more nationalities
(蒙古族, 藏族, 苗族侗族, 维吾尔), then 自治县, 自治州 or 自治旗 (河南蒙古族自治县, 黄南藏族自治州) —
and reports, in the same document, the short name made of the place and the level alone (河南县,
黄南州). Canonical names of the project fact sheet that are such full names count as used in every
document; a short name the sheet declares as an alias of its full name is accepted and not
reported. A document that never uses
the full name is left alone; the short names of autonomous regions (新疆, 西藏, 广西) are the
provinces' usual short names and are not reported.

## Why it matters
The name of an autonomous area is to be written in full (民族自治地方的名称应使用全称); a document
that writes it both ways breaks the rule and may make the reader think of two places.

## How it works
Full names are matched by pattern: a nationality from the list of China's 55 minority
nationalities (as the State Ethnic Affairs Commission lists them; one-character ones only with 族),
followed by 自治县/自治州/自治旗, after two to four Han characters of place name (not across
省, 市, 州, 县, 盟 or a function word). Each possible place gives a short name; where several
overlap (东南州 inside 黔东南州), the longest one that occurs is the short name found. Each short
name is reported once per document, at its first use, with the number of uses: a report that
writes 黄南州 forty times has one decision to make, not forty findings to read. There is no fix:
an office's registered name may keep the short form (黔东南州统计局), so each use is the editor's
call.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.corpus import Corpus
from factlint.facts.units import longest_first
from factlint.model import Finding, Message, Related, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import Document

META = RuleMeta(
    code="C104",
    name="autonomous-name-short-form",
    severity=Severity.WARNING,
    summary=Message("民族自治地方名称使用了简称", "short name of an autonomous area"),
    scope="corpus",
)

#: China's 55 minority nationalities, as the State Ethnic Affairs Commission (国家民族事务委员会,
#: www.neac.gov.cn, 民族概况) and GB/T 3304-1991 list them
NATIONALITIES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 "
    "乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_MULTI = "|".join(sorted((n for n in NATIONALITIES if len(n) > 1), key=longest_first))
_SINGLE = "".join(n for n in NATIONALITIES if len(n) == 1)
#: the nationalities and level of a full name: 蒙古族自治县, 苗族侗族自治州, 维吾尔自治区
_FULL = regex.compile(rf"(?:(?:{_MULTI})族?|[{_SINGLE}]族)+自治(?P<level>[县州旗])")
#: the characters of the nationalities of a full name (自 and 治 are none of them: see _full_matches)
_NAME_CHARS = frozenset("".join(NATIONALITIES) + "族")
#: characters a place name does not run across: a higher level, a function word, punctuation
_STOP = regex.compile(r"[省市州县盟区旗的和与及在对为是到从于向赴、，。；：“”《》（）\s]")
_PLACE_MIN, _PLACE_MAX = 2, 4
_HAN = regex.compile(r"\p{Han}")


def _places(text: str, start: int) -> list[str]:
    """The possible place names ending at ``start``: two to four Han characters, not across a
    stop character."""
    out: list[str] = []
    for length in range(_PLACE_MIN, _PLACE_MAX + 1):
        if start - length < 0:
            break
        char = text[start - length]
        if not _HAN.match(char) or _STOP.match(char):
            break
        out.append(text[start - length : start])
    return out


def _full_matches(text: str) -> Iterator[regex.Match[str]]:
    """``_FULL.finditer(text)``, searched only before each 自治 of the text (found in C).

    A match ends at 自治 and its nationalities hold neither 自 nor 治, so a match ends at the first
    自治 after its start; and it starts after the last character before that 自治 that no
    nationality holds. Each 自治 is searched for a match from there, not every position of the text."""
    pos = 0
    at = text.find("自治")
    while at >= 0:
        lo = at
        while lo > pos and text[lo - 1] in _NAME_CHARS:
            lo -= 1
        m = _FULL.search(text, lo, at + 3) if lo < at else None
        if m is not None:
            yield m
            pos = m.end()
        at = text.find("自治", max(at + 1, pos))


def full_names(text: str) -> dict[str, str]:
    """Short name -> full name, for the full names of autonomous areas in ``text``."""
    out: dict[str, str] = {}
    for m in _full_matches(text):
        for place in _places(text, m.start()):
            out.setdefault(place + m.group("level"), place + m.group())
    return out


def _sheet_names(corpus: Corpus) -> dict[str, str]:
    """Short name -> full name, for the canonical names of the fact sheet that are full names."""
    out: dict[str, str] = {}
    for canonical in corpus.facts.names:
        m = _FULL.search(canonical)
        if m is not None and m.end() == len(canonical) and m.start() >= _PLACE_MIN:
            out[canonical[: m.start()] + m.group("level")] = canonical
    return out


def _short_names(doc: Document, names: dict[str, str]) -> Iterator[tuple[Span, str, str]]:
    if not names:
        return
    pattern = regex.compile("|".join(regex.escape(s) for s in sorted(names, key=longest_first)))
    for m in pattern.finditer(doc.text):
        yield Span(m.start(), m.end()), m.group(), names[m.group()]


def check(corpus: Corpus, opts: NoOptions) -> Iterator[Finding]:
    sheet = _sheet_names(corpus)
    for doc in corpus:
        names = {
            short: full
            for short, full in {**sheet, **full_names(doc.text)}.items()
            if corpus.facts.canonical(short) != full  # a declared alias is an accepted short name
        }
        first: dict[str, Span] = {}
        for full in (
            regex.finditer("|".join(regex.escape(f) for f in set(names.values())), doc.text)
            if names
            else ()
        ):
            first.setdefault(full.group(), Span(full.start(), full.end()))
        uses: dict[str, list[tuple[Span, str]]] = {}
        for span, short, full_name in _short_names(doc, names):
            uses.setdefault(short, []).append((span, full_name))
        for short, places in uses.items():  # one finding per short name: at its first use
            span, full_name = places[0]
            related = (
                (Related(first[full_name], Message("此处使用全称", "the full name here")),)
                if full_name in first
                else ()
            )
            n = len(places)
            yield Finding(
                span=span,
                path=doc.path,
                message=Message(
                    f"“{short}”是“{full_name}”的简称"
                    + (f"（本文共{n}处）" if n > 1 else "")
                    + "，民族自治地方的名称应使用全称",
                    f"“{short}” is the short name of “{full_name}”"
                    + (f" ({n} times in this document)" if n > 1 else "")
                    + "; the name of an autonomous area is to be written in full",
                ),
                related=related,
            )

"""N110 count-claim-mismatch — a count claim that disagrees with the list it introduces or closes.

## 检查什么
概括数字与后面（或前面）列出的项数不符：写“三大工程”却列了四项，写“一市三县”却只列了两个县。

检查的形式包括：带数字的名称（“铸魂”“固本”“强基”“暖心”四大工程，“五大中心”（……），“四位一体”，粮食、
油料、蔬菜、水果五大类，A、B、C三个“1小时交通圈”，A、B和C四大工程），以及“等”后面的确切数目（A、B、C
等三个方面，等三项举措）。像“一市三县”这样的组合说法，逐类核对：以“市”结尾的算“市”，以“县”结
尾的算“县”。

不报告：开放式列举（只写“等”，或“等”后是更大的数、约数：北京、上海等10个城市，等20多个领域）；“两
学一做”这类并非清单的提法；用“和”连起来的两组列举（A、B、C三大战略和D、E两大工程）；最后一项只是动词，概括数字是它的宾语
（……、产业升级、加快建设“四个中心”）。

## 为什么重要
清单和概括数字往往不是同时写的：加了一项或删了一项，数字没跟着改。“三大工程”后面列出四个名称，读者
就知道两者必有一错；在正式报告里，哪一处错都是见报的事实错误。

## 示例
```
组织实施干部人才“铸魂”“固本”“强基”“暖心”三大工程。
惠及“一市三县”（同仁市、尖扎县、泽库县）群众。
```

## 改为
```
组织实施干部人才“铸魂”“固本”“强基”“暖心”四大工程。
惠及“一市三县”（同仁市、尖扎县、泽库县、河南蒙古族自治县）群众。
```

## 如何修改
清点所列项目，改正概括数字，或补上、删去相应的项目。

## What it does
Reads every list of the document together with its count claim — a numbered group name before or
after it (“铸魂”“固本”“强基”“暖心”四大工程, “五大中心”（……）, 政府、企业、社会组织、个人“四位一体”, “四地”，
即……, 粮食、油料、蔬菜、水果五大类, A、B、C三个“1小时交通圈”, A、B和C四大工程) or an exact
count after 等 (A、B、C等三个方面) — and reports a claim whose number differs from the number of
items listed. A composite claim such as 一市三县 is also checked member by member: an item
ending in 市 counts toward 市, one ending in 县 toward 县.

Left alone: open lists (等 without a count, or 等 before a larger or approximate count, where the
items are examples: 北京、上海等10个城市, 等20多个领域); a final 和 that may join two words of one
item (儿童和危重新生儿救治中心) is read the way that agrees with the claim; composite claims whose
items mostly do not end in the claimed nouns (两学一做 is not a list of 学 and 做); two lists
joined by 和, where an item before the last holds a claim of its own (A、B、C三大战略和D、E两大工程:
the last claim counts only the second list).

## Why it matters
A claim and its list are written at different times: an item is added or dropped and the number is
not updated. “三大工程” followed by four names, or “一市三县” listing two 县, tells the reader that one
of the two is wrong, and in an official report either error is a published factual error.

## How it works
Reads each list with its count claim from the ENUMERATIONS view (a numbered group name before or
after the list, or an exact count after 等). A composite claim (一市三县) is checked member by member
by the last character of each item. A final 和 that may join two words of one item is read the way
that agrees with the claim; composite claims whose items mostly do not end in the claimed nouns are
skipped, and so are lists with an item before the last that holds a claim and a connective
(改革开放三大战略和民生保障), or whose last item is only a verb (……、加快建设“四个中心”: the claim is
its object). Claims glued to the last item include a quoted name after the claim
(三个“1小时交通圈”) and lists whose last item holds 和 (A、B和C四大工程).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex
from factlint.facts.enumerations import ENUMERATIONS, Enumeration
from factlint.facts.numerals import COUNT_NUMERALS, decimal, integer_value
from factlint.model import Finding, Message, Related, Severity
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import Document

META = RuleMeta(
    code="N110",
    name="count-claim-mismatch",
    severity=Severity.WARNING,
    summary=Message("数量概括与所列项数不符", "a count claim that disagrees with its list"),
    reads=(ENUMERATIONS,),
)

_SHOWN_ITEMS = 60  # characters of the list quoted in a message
_LEADING_COUNT = regex.compile(
    rf"({decimal(1, 6, 0)}|[{COUNT_NUMERALS}百]{{1,5}})(?:个|项|类|种|家|所|名|条|座|批)"
)


def _listed(enum: Enumeration) -> str:
    names = [i.text for i in enum.items]
    shown = "、".join(names)
    if len(shown) <= _SHOWN_ITEMS:
        return shown
    while names and len("、".join(names)) > _SHOWN_ITEMS:
        names.pop()
    return "、".join(names) + "……"


#: An item holding a claim of its own before a connective: 改革开放三大战略和民生保障 joins two lists
#: (A、B、C三大战略和D、E两大工程); the claim after the last item counts only the second.
_INNER_CLAIM = regex.compile(
    rf"[{COUNT_NUMERALS}]{{1,2}}(?:大|个|项|类|种|方面)\p{{Han}}{{0,4}}(?:以及|和|及|与)"
)

#: A last item that is only a verb (加快建设): the claim after it is its object, not the count of
#: the list. 生态文明建设 is an item.
_VERB_ONLY = regex.compile(
    r"(?:持续|全力|着力|加快|大力|积极|深入|全面|努力|奋力|建设|推进|实施|打造|构建|形成|打响|实现|"
    r"做到|落实|坚持|推动|深化|围绕|聚焦|建成|创建|争创|培育|发展|巩固|提升|擦亮|叫响|做强|做优|做大|"
    r"用好|抓好|扛起){1,3}"
)


def _mismatch(enum: Enumeration) -> Message | None:
    claim = enum.claim
    label = enum.label
    if claim is None or label is None or enum.open or not claim.exact:
        return None
    if any(_INNER_CLAIM.search(i.text) for i in enum.items[:-1]):
        return None
    if _VERB_ONLY.fullmatch(enum.items[-1].text):
        return None  # ……、产业升级、加快建设“四个中心”: the claim is the object of the last clause
    n = enum.count
    listed = _listed(enum)
    suffixes = [s for s, _ in claim.parts]
    if claim.composite:
        ending = [next((s for s in suffixes if i.text.endswith(s)), None) for i in enum.items]
        if sum(e is not None for e in ending) * 2 <= n:
            return None  # the members are not named by the claimed nouns: not a composite list
        if n == claim.total:
            if None in ending:
                return None  # an item without its noun (同仁、尖扎): the parts cannot be told apart
            per_noun = Counter(ending)
            if all(per_noun[s] == v for s, v in claim.parts):
                return None
            zh = "、".join(f"{per_noun[s]}个{s}" for s in suffixes)
            en = ", ".join(f"{per_noun[s]} {s}" for s in suffixes)
            return Message(
                f"“{label.text}”列出{zh}：{listed}", f"“{label.text}” lists {en}: {listed}"
            )
    if n == claim.total:
        return None
    leading = [_LEADING_COUNT.match(i.text) for i in enum.items]
    if all(leading):
        # a breakdown of the claim: 21个主要指标，包括13个预期性指标、8个约束性指标
        values = [integer_value(m.group(1)) for m in leading if m is not None]
        total = sum(v for v in values if v is not None)
        if None in values or total == claim.total:
            return None
        return Message(
            f"“{label.text}”的分项合计{total}：{listed}",
            f"“{label.text}” claims {claim.total} but its parts add up to {total}: {listed}",
        )
    return Message(
        f"“{label.text}”列出{n}项：{listed}",
        f"“{label.text}” claims {claim.total} but lists {n}: {listed}",
    )


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    for enum in doc.view(ENUMERATIONS).labelled():  # a list without a label claims no count
        message = _mismatch(enum)
        if message is None or enum.label is None:
            continue
        yield Finding(
            span=enum.label.span,
            message=message,
            related=(Related(enum.span, Message("所列各项", "the list")),),
        )

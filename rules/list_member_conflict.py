"""C101 list-member-conflict — the same named list enumerated with different members.

## 检查什么
同一个有名称的清单，在本次检查的不同文稿（或同一文稿的不同段落）中列出的成员不一致。例如一处写“一
市三县”（同仁市、尖扎县、泽库县、河南蒙古族自治县），另一处写成“河南县”。

只比较名称相同、项数相同、成员大部分相同而个别不同的清单，报告少见版本中的那一项，并指出另一版本中
对应的成员。成员大多不同的，是恰好同名的不同清单（两个省各自的“三大行动”），不报告；以“等”结尾的清
单和本身数目就对不上的清单也不在此列。

同一名称的清单在同一文稿（或同一年份的文稿）中前后多出或少了一项（一处列四个县，另一处只列其中三
个），也会报告：多出的那一项，或少了一项的那个清单。

不同年份的报告（标题中写明年份）中，同名的工程可能确实换了内容，所以只报告同一名称的不同写法（简称
与全称：河南县 / 河南蒙古族自治县；四字以上的名称中改了一个字：民生保证工程 / 民生保障工程）。

如果项目有用语规范表，表中登记的别名视为同一名称，表中登记的清单以表为准，清单之外的成员都会被报
告。

## 为什么重要
一组地名、项目或机构是事实。同一个团队的两份报告（或同一报告的两段）列得不一样，读者会怀疑哪个对；
一处用简称、一处用规范全称，也是编辑要改的体例问题。

## 示例
```
（报告一）全面对接“一市三县”（同仁市、尖扎县、泽库县、河南蒙古族自治县）需求。
（报告二）帮扶资金覆盖“一市三县”（同仁市、尖扎县、泽库县、河南县）。
```

## 改为
```toml
[facts.names]
"河南蒙古族自治县" = ["河南县"]
```

## 如何修改
以正式名称为准，统一各处的写法和成员；如果简称是允许的，可在用语规范表中登记为别名。

## What it does
Collects the labelled lists of all documents of a run (“一市三县”（同仁市、尖扎县、泽库县、
河南蒙古族自治县）) and compares the lists that carry the same label. Where two of them have the same
number of members, mostly the same, and differ in a few, the member of the rarer version (the later
one, on a tie) is reported, with the member it stands for in the other version as related location.
Lists whose members mostly differ are different lists that share a generic label (三大行动 in two
provinces) and are left alone, so are lists ending in 等 and lists that contradict their own count
(another rule's finding).

A version that adds or drops one member (the shorter one's members, at least two, all in the
longer one) is reported too, between lists of one period: the member it adds, or the list that
lost one, with the other list (or the missing member) as related location.

Reports of different years (the one year in each title: “南阳县2022年政府工作报告”, “……工作总结
（2024年）”) may list a programme that changed in between — the “三大工程” of 2022 are not those of
2024 — so between them only a member written as another form of the other's name is reported (a
short or long form: 河南县 / 河南蒙古族自治县; one character changed in a name of four or more:
民生保证工程 / 民生保障工程); a report without a year in its title is compared with every year.

With a project fact sheet, declared aliases count as their canonical name (河南县 = 河南蒙古族自治县
silences the example below), and a group declared in the sheet is the reference for every list
with its name: a member outside the declared group is reported.

## Why it matters
A named group of places, projects or institutions is a fact; two reports of one team (or two
paragraphs of one report) that list it differently make the reader wonder which is right, and a
short form in one place and the full official name in another is a style break editors correct.

## Use instead
One form everywhere — or, where the short form is accepted, declare it in the fact sheet:
```toml
[facts.names]
"河南蒙古族自治县" = ["河南县"]
```

## How it works
Labelled lists of all documents are grouped by label (the `lists_by_label` corpus view). Two
lists with the same number of members, mostly the same, are compared member by member; the member
of the rarer version (the later one on a tie) is reported, the other as related location. Between
reports of different years (one year in each title) only another form of the same name counts: a
short or long form, or one character changed in a name of four characters or more. Fact-sheet
aliases map to their canonical name; a declared group is the reference for every list with its
name. Versions one member apart (one added or dropped) are found by looking each version up less
one member, and compared only within one period.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from factlint.facts.corpus import Corpus
from factlint.facts.enumerations import Item
from factlint.facts.sheet import FactSheet
from factlint.language.consistency import LabelledList, lists_by_label
from factlint.model import Finding, Message, Related, Severity
from factlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    code="C101",
    name="list-member-conflict",
    severity=Severity.WARNING,
    summary=Message(
        "同名列举的成员前后不一致", "the same named list enumerated with different members"
    ),
    scope="corpus",
    reads=(lists_by_label,),
)


@dataclass(frozen=True)
class _Version:
    """One way a labelled list is written: its canonical members in order, and where it occurs."""

    members: tuple[str, ...]
    uses: tuple[LabelledList, ...]


def _members(entry: LabelledList, facts: FactSheet) -> tuple[str, ...]:
    return tuple(facts.canonical(i.text) for i in entry.enumeration.items)


def _comparable(shared: int, differing: int) -> bool:
    """Versions of one list: at least two members in common, and more in common than not."""
    return shared >= 2 and 0 < differing < shared


def _pairs(mine: tuple[str, ...], theirs: tuple[str, ...]) -> Iterator[tuple[int, int | None]]:
    """Each member of ``mine`` missing from ``theirs``, with the position of the member of
    ``theirs`` it stands for when the shared members keep their places (else None)."""
    mine_set, theirs_set = set(mine), set(theirs)
    aligned = len(mine) == len(theirs) and all(
        a == b for a, b in zip(mine, theirs, strict=True) if a in theirs_set or b in mine_set
    )
    for k, member in enumerate(mine):
        if member not in theirs_set:
            yield k, (k if aligned else None)


def _versions(entries: list[LabelledList], facts: FactSheet) -> list[_Version]:
    by_members: dict[frozenset[str], list[LabelledList]] = {}
    for entry in entries:
        by_members.setdefault(frozenset(_members(entry, facts)), []).append(entry)
    return [_Version(_members(uses[0], facts), tuple(uses)) for uses in by_members.values()]


def _same_period(a: LabelledList, b: LabelledList) -> bool:
    """The two lists belong to reports of one year, or a report's year is not known."""
    return a.year is None or b.year is None or a.year == b.year


#: members at least this long that differ in one character are one name written two ways
_MIN_VARIANT = 4


def _renamed(short: str, full: str) -> bool:
    """One member is the other's name written another way: shortened or lengthened (河南县 /
    河南蒙古族自治县: the characters of the shorter stand in the longer, in order), or, in a name of
    at least four characters, one character changed (民生保证工程 / 民生保障工程)."""
    if len(short) == len(full) >= _MIN_VARIANT:
        return sum(a != b for a, b in zip(short, full, strict=True)) == 1
    if len(short) > len(full):
        short, full = full, short
    rest = iter(full)
    return short != full and all(char in rest for char in short)


def _message(label: str, item: Item, other: str | None, *, sheet: bool) -> Message:
    where_zh, where_en = ("用语规范表中", "in the fact sheet") if sheet else ("别处", "elsewhere")
    if other is None:
        return Message(
            f"“{label}”的成员“{item.text}”不见于{where_zh}的同名列举",
            f"member “{item.text}” of “{label}” is not in the list of that name {where_en}",
        )
    return Message(
        f"“{label}”的成员“{item.text}”在{where_zh}写作“{other}”",
        f"member “{item.text}” of “{label}” is written “{other}” {where_en}",
    )


def _against_group(
    corpus: Corpus, label: str, entries: list[LabelledList], group: tuple[str, ...]
) -> Iterator[Finding]:
    facts = corpus.facts
    declared = tuple(facts.canonical(m) for m in group)
    for entry in entries:
        members = _members(entry, facts)
        outside = [m for m in members if m not in declared]
        shared = len(members) - len(outside)
        if not outside or shared < 2 or len(outside) > shared:
            continue
        doc = corpus[entry.doc]
        for k, j in _pairs(members, declared):
            item = entry.enumeration.items[k]
            other = declared[j] if j is not None else None
            yield Finding(item.span, _message(label, item, other, sheet=True), path=doc.path)


#: lists of at most this many (distinct) members find their reference through the index of
#: member subsets (C(8, 5) = 56 keys a list); longer ones, and lists repeating a member, by a scan
_INDEXED = 8


def _need(size: int) -> int:
    """Members a list of ``size`` distinct members must share with another of that length to be
    comparable (:func:`_comparable`: at least two, and more than differ)."""
    return max(2, size // 2 + 1)


def _reference(
    order: list[_Version],
    rank: int,
    index: dict[tuple[int, tuple[str, ...]], list[int]],
    irregular: dict[int, list[int]],
) -> int | None:
    """The rank of the first version before ``rank``, of the same length, that ``order[rank]`` is
    comparable with. Keyed instead of compared pairwise: ``index`` holds, for each length and
    each subset of ``_need(length)`` members, the ranks of the earlier versions containing it (a
    version sharing that many members is comparable), ``irregular`` the earlier versions of each
    length that repeat a member."""
    version = order[rank]
    size, members = len(version.members), set(version.members)

    def comparable(r: int) -> bool:
        better = set(order[r].members)
        return len(order[r].members) == size and _comparable(
            len(members & better), len(members - better)
        )

    if len(members) != size or size > _INDEXED:
        return next((r for r in range(rank) if comparable(r)), None)
    found = next((r for r in irregular.get(size, ()) if comparable(r)), None)
    for subset in combinations(sorted(members), _need(size)):
        for r in index.get((size, subset), ()):
            if found is not None and r >= found:
                break
            if comparable(r):
                found = r
                break
    return found


def _register(
    version: _Version,
    rank: int,
    index: dict[tuple[int, tuple[str, ...]], list[int]],
    irregular: dict[int, list[int]],
) -> None:
    size, members = len(version.members), set(version.members)
    if len(members) != size:
        irregular.setdefault(size, []).append(rank)
    elif size <= _INDEXED:
        for subset in combinations(sorted(members), _need(size)):
            index.setdefault((size, subset), []).append(rank)


def _first_uses(uses: tuple[LabelledList, ...]) -> dict[int | None, int]:
    """The index of the first use of each year (None: a report without a year)."""
    first: dict[int | None, int] = {}
    for k, use in enumerate(uses):
        first.setdefault(use.year, k)
    return first


def _there(
    use: LabelledList, uses: tuple[LabelledList, ...], first: dict[int | None, int]
) -> LabelledList | None:
    """The first of ``uses`` of the same period as ``use`` (:func:`_same_period`), by the index
    ``first`` of :func:`_first_uses` instead of a scan."""
    if use.year is None:
        return uses[0]
    found = [k for k in (first.get(None), first.get(use.year)) if k is not None]
    return uses[min(found)] if found else None


def _against_versions(corpus: Corpus, label: str, entries: list[LabelledList]) -> Iterator[Finding]:
    versions = _versions(entries, corpus.facts)
    if len(versions) < 2:
        return
    # the most used version first; on a tie, the one used first in the run (the sort is stable)
    order = sorted(versions, key=lambda v: -len(v.uses))
    index: dict[tuple[int, tuple[str, ...]], list[int]] = {}
    irregular: dict[int, list[int]] = {}
    first_uses: dict[int, dict[int | None, int]] = {}
    for rank, version in enumerate(order):
        found = _reference(order, rank, index, irregular)
        _register(version, rank, index, irregular)
        if found is None:
            continue
        reference = order[found]
        if found not in first_uses:
            first_uses[found] = _first_uses(reference.uses)
        for use in version.uses:
            doc = corpus[use.doc]
            # a list of another year's report may have changed: there only a name variant counts
            there = _there(use, reference.uses, first_uses[found])
            renamed_only = there is None
            there = there or reference.uses[0]
            there_doc = corpus[there.doc]
            for k, j in _pairs(_members(use, corpus.facts), reference.members):
                item = use.enumeration.items[k]
                if renamed_only and (j is None or not _renamed(item.text, reference.members[j])):
                    continue
                if j is not None:
                    other_item = there.enumeration.items[j]
                    message = _message(label, item, other_item.text, sheet=False)
                    related = Related(
                        other_item.span,
                        Message(
                            f"此处写作“{other_item.text}”", f"written “{other_item.text}” here"
                        ),
                        path=there_doc.path,
                    )
                else:
                    message = _message(label, item, None, sheet=False)
                    related = Related(
                        there.enumeration.span,
                        Message(f"此处的“{label}”", f"“{label}” here"),
                        path=there_doc.path,
                    )
                yield Finding(item.span, message, related=(related,), path=doc.path)


def _one_member_apart(corpus: Corpus, label: str, entries: list[LabelledList]) -> Iterator[Finding]:
    """Versions of a list that differ by one member added or dropped (the shorter one's members all
    in the longer one, at least two of them): the rarer version is reported — the member it adds,
    or the list that lost one. Only between lists of one period (a programme may grow from one
    year to the next). Found by looking up each version less one member, not pair by pair."""
    versions = [
        v for v in _versions(entries, corpus.facts) if len(set(v.members)) == len(v.members)
    ]
    if len(versions) < 2:
        return
    by_members = {frozenset(v.members): v for v in versions}
    for longer in versions:
        if len(longer.members) < 3:
            continue
        for k, dropped in enumerate(longer.members):
            shorter = by_members.get(frozenset(longer.members) - {dropped})
            if shorter is None:
                continue
            # the most used version is the reference; on a tie, the one used first
            gained = len(longer.uses) < len(shorter.uses) or (
                len(longer.uses) == len(shorter.uses)
                and (longer.uses[0].doc, longer.uses[0].enumeration.span.start)
                > (shorter.uses[0].doc, shorter.uses[0].enumeration.span.start)
            )
            rare, common = (longer, shorter) if gained else (shorter, longer)
            first = _first_uses(common.uses)
            for use in rare.uses:
                there = _there(use, common.uses, first)
                if there is None:
                    continue
                doc, there_doc = corpus[use.doc], corpus[there.doc]
                if gained:
                    item = use.enumeration.items[k]
                    yield Finding(
                        item.span,
                        _message(label, item, None, sheet=False),
                        related=(
                            Related(
                                there.enumeration.span,
                                Message(f"此处的“{label}”", f"“{label}” here"),
                                path=there_doc.path,
                            ),
                        ),
                        path=doc.path,
                    )
                else:
                    item = there.enumeration.items[k]
                    yield Finding(
                        use.enumeration.span,
                        Message(
                            f"“{label}”少了别处列出的成员“{item.text}”",
                            f"“{label}” lacks member “{item.text}”, listed elsewhere",
                        ),
                        related=(
                            Related(
                                item.span,
                                Message(f"此处列出“{item.text}”", f"“{item.text}” listed here"),
                                path=there_doc.path,
                            ),
                        ),
                        path=doc.path,
                    )


def check(corpus: Corpus, opts: NoOptions) -> Iterator[Finding]:
    groups = corpus.facts.groups
    for label, entries in corpus.view(lists_by_label).items():
        if label in groups:
            yield from _against_group(corpus, label, entries, groups[label])
        else:
            yield from _against_versions(corpus, label, entries)
            yield from _one_member_apart(corpus, label, entries)

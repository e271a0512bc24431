"""T103 known-misuse — a form listed as a known misuse, or forbidden by the project's fact sheet.

## 检查什么
常见的错别字和误用词，以及项目用语规范表中规定不用的写法。
- 常见误用：截止目前 → 截至目前，既使 → 即使，再接再励 → 再接再厉，如火如茶 → 如火如荼等；每一条都
  排除了正确用法（“既使……又……”）。
- 项目规范：用语规范表里写明“用‘援青’，不写‘接青’”的，文稿中的“接青”都会被报告；但它只是一个更长的
  词的一部分时不报告（“迎接青年”）。

## 为什么重要
“截止目前”“足球接青”的每个字都是正确的汉字，拼写检查查不出来；但编辑都知道这些是公文中的典型笔误，
或者是本单位明确不用的写法。

## 示例
```
截止目前，已完成投资3亿元，再接再励推进项目建设。
开展“足球接青”活动（规范用语表：援青，不写接青）
```

## 改为
```
截至目前，已完成投资3亿元，再接再厉推进项目建设。
开展“足球援青”活动
```

## 如何修改
按提示改为规范写法。常见误用可以用 `--fix` 自动改正；规范表中的写法属于本单位的用语约
定，`--fix --unsafe-fixes` 才会修改，请逐处确认。

## What it does
Reports every occurrence of an entry of factlint's curated list of misused words and characters
(`factlint/rules/misuses.toml`: 截止目前 → 截至目前, 既使 → 即使, 再接再励 → 再接再厉, 如火如茶 →
如火如荼 …, each with the contexts where it is *not* a misuse: 既使……又……), and of the forbidden
spellings of the project fact sheet (`[facts.spellings]`: 援青 not 接青). A forbidden spelling is not
reported where a dictionary word crosses it (接青 in 迎接青年).

It reads the fact sheet, which belongs to the run, so it is a cross-document rule: it runs once per
run with the fact sheet at hand, and its results are cached with the fact sheet in the key.

## Why it matters
Each character of “截止目前” or “足球接青” is a real character, so a spell checker accepts them; an
editor knows them as the classic slips of official writing, or as the team's own banned spellings.

## How it works
The curated list holds about a thousand entries, most of them plain text (idioms and fixed words
that are wrong in every context: 一愁莫展, 谈笑风声 …), each with its source and its own examples.
The plain entries are searched in one pass (where one may start, by two character classes, then a
look-up of the text there), the few regex entries in one more; each hit is then confirmed by its
entry. With a cache, each document's findings are kept for the next run, which searches again
only the documents whose text changed. Every occurrence of an entry
of the curated list (`factlint/rules/misuses.toml`, each entry with
the contexts where it is not a misuse) and of the forbidden spellings of the project fact sheet
(`[facts.spellings]`). A forbidden spelling crossed by a dictionary word is skipped. Entries of the
curated list carry a safe fix; the fact sheet's carry an unsafe one (a policy, which a reviewer
confirms place by place). It reads the fact sheet, which belongs to the run, so it runs once per
run and its results are cached with the fact sheet in the key.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from factlint.facts.corpus import Corpus
from factlint.language.misuses import (
    Misuse,
    MisuseIndex,
    builtin_misuses,
    misuse_index,
    spelling_misuses,
)
from factlint.model import Finding, Fix, Message, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import DIGEST, PROTECTED, Document

META = RuleMeta(
    code="T103",
    name="known-misuse",
    severity=Severity.ERROR,
    summary=Message(
        "常见误用字词或用语规范表禁用的写法",
        "a known misuse, or a spelling the fact sheet forbids",
    ),
    fixable=True,
    fix_safety="mixed",
    scope="corpus",
    reads=(DIGEST, PROTECTED),
)


def _finding(misuse: Misuse, found: str, span: Span, replacement: str, path: str | None) -> Finding:
    if misuse.origin == "facts.spellings":
        message = Message(
            f"“{found}”是用语规范表中的禁用写法，应为“{replacement}”",
            f"“{found}” is a spelling the fact sheet forbids; write “{replacement}”",
        )
    else:
        note = f"：{misuse.note}" if misuse.note else ""
        message = Message(
            f"“{found}”应为“{replacement}”{note}",
            f"“{found}” is a known misuse; write “{replacement}”",
        )
    fix = None
    if misuse.fix != "none":
        fix = Fix(
            replacement,
            Message(f"改为“{replacement}”", f"replace with “{replacement}”"),
            safe=misuse.fix == "safe",
        )
    return Finding(span=span, message=message, fix=fix, path=path)


#: the name of what this rule keeps from one run for the next (``Corpus.memo``)
_MEMO = "known-misuse"


def check(corpus: Corpus, opts: NoOptions) -> Iterator[Finding]:
    if all(doc.text.isspace() or not doc.text for doc in corpus):
        # nothing to search: the list (a thousand entries) is not even loaded (asked without
        # ``strip``, which copies a text with white space at an end: 7 MB for a 10 MB document)
        return
    # A document's findings depend on its text and format and on the list (the curated entries,
    # part of factlint's code, and the fact sheet's spellings): the run's memo, keyed by both,
    # keeps each document's findings for the next run, which searches only the documents whose
    # text or format changed (one edit of a thousand files: one file searched).
    memo = corpus.memo
    previous = memo.get(_MEMO) if memo is not None else None
    known: dict[tuple[str, str], tuple[Finding, ...]] = (
        previous if isinstance(previous, dict) else {}
    )
    kept: dict[tuple[str, str], tuple[Finding, ...]] = {}
    index: MisuseIndex | None = None
    loaded = False
    for doc in corpus:
        key = (doc.view(DIGEST).hex(), str(doc.format))
        found = known.get(key)
        if found is None:
            if not loaded:  # the list and its index, only when a document is searched
                loaded = True
                misuses = builtin_misuses() + spelling_misuses(corpus.facts.spellings)
                index = misuse_index(misuses) if misuses else None
            found = tuple(_search(doc, index)) if index is not None else ()
        kept[key] = found
        for finding in found:
            yield replace(finding, path=doc.path)
    if memo is not None and kept != known:
        memo.put(_MEMO, kept)


def _search(doc: Document, index: MisuseIndex) -> Iterator[Finding]:
    for misuse, span, replacement in index.matches(doc.text):
        if doc.is_protected(span.start):
            continue
        yield _finding(misuse, doc.slice(span), span, replacement, None)

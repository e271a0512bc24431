"""S103 unbalanced-pair — a quote or bracket without its partner, or pairs crossing each other.

## 检查什么
同一段中引号、括号不成对：有前引号没有后引号、有后括号没有前括号，或者两对符号交叉（“（……”……）。检
查的符号有“ ” ‘ ’ （ ） ( ) 《 》 〈 〉 【 】 「 」 『 』 〔 〕；全角和半角括号可以互相配对（宽窄
由 P101 检查）。直引号 " 分不出前后，交给 P101。

## 为什么重要
引号没有闭合，读者不知道一个名称或一段引文到哪里结束；在项目或法规的名称（《……》）里，还会改变所指
的对象。

## 示例
```
组织实施“铸魂”“固本”“强基”暖心”四大工程
```

## 改为
```
组织实施“铸魂”“固本”“强基”“暖心”四大工程
```

## 如何修改
补上缺少的那一半，或删去多余的那一个。

## What it does
Within each paragraph, matches opening and closing marks: “ ” ‘ ’ （ ） ( ) 《 》 〈 〉 【 】 「 」 『 』
〔 〕. Full- and half-width brackets pair with each other (the width is P101's business). Reports an
opening mark that is never closed, a closing mark that closes nothing, and pairs that cross
(“（……”……）). Straight quotes ``"`` cannot be paired by shape and are left to P101.

## Why it matters
An unclosed quote makes the reader wonder where a name or a citation ends; in a title of a
programme or a law (《……》) it changes what is being named.

## How it works
A stack of opening marks per paragraph: an opening mark never closed, a closing mark that closes
nothing, and crossing pairs are reported. Full- and half-width brackets pair with each other;
straight quotes are left to P101.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.model import Finding, Message, Related, Severity, Span
from factlint.rule import NoOptions, RuleMeta
from factlint.text.blocks import BlockKind
from factlint.text.document import BLOCKS, PROTECTED, Document

META = RuleMeta(
    code="S103",
    name="unbalanced-pair",
    severity=Severity.WARNING,
    summary=Message("引号或括号不成对", "unbalanced quote or bracket"),
    reads=(BLOCKS, PROTECTED),
)

_PAIRS = {
    "“": "”",
    "‘": "’",
    "（": "）",
    "(": ")",
    "《": "》",
    "〈": "〉",
    "【": "】",
    "「": "」",
    "『": "』",
    "〔": "〕",
}
_FAMILY = {"(": "（", ")": "）"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_MARK = regex.compile("[" + regex.escape("".join([*_PAIRS, *_CLOSERS])) + "]")


#: The marks' names (GB/T 15834), so that a message about a quotation mark needs no quotation marks
#: around it: 左双引号, not ““”.
_NAMES = {
    "“": ("左双引号", "left double quotation mark"),
    "”": ("右双引号", "right double quotation mark"),
    "‘": ("左单引号", "left single quotation mark"),
    "’": ("右单引号", "right single quotation mark"),
    "（": ("左括号", "left parenthesis"),
    "）": ("右括号", "right parenthesis"),
    "(": ("半角左括号", "half-width left parenthesis"),
    ")": ("半角右括号", "half-width right parenthesis"),
    "《": ("左书名号", "left title mark"),
    "》": ("右书名号", "right title mark"),
    "〈": ("左单书名号", "left single title mark"),
    "〉": ("右单书名号", "right single title mark"),
    "【": ("左方头括号", "left black lenticular bracket"),
    "】": ("右方头括号", "right black lenticular bracket"),
    "「": ("左直角引号", "left corner bracket"),
    "」": ("右直角引号", "right corner bracket"),
    "『": ("左双直角引号", "left white corner bracket"),
    "』": ("右双直角引号", "right white corner bracket"),
    "〔": ("左六角括号", "left tortoise shell bracket"),
    "〕": ("右六角括号", "right tortoise shell bracket"),
}


def _zh(mark: str) -> str:
    return _NAMES[mark][0]


def _en(mark: str) -> str:
    return _NAMES[mark][1]


def _family(mark: str) -> str:
    return _FAMILY.get(mark, mark)


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    covers = doc.view(PROTECTED).covers
    for block in doc.blocks:
        if block.kind in (BlockKind.CODE, BlockKind.TABLE):
            continue
        # a Markdown table's cells, as the table was: no punctuation rule
        if block.kind is BlockKind.CELL and doc.markdown:
            continue
        stack: list[tuple[str, int]] = []
        crossed: list[str] = []  # openers already reported as crossing: their closers are expected
        base = block.span.start
        text = block.text  # cut from the document's once
        for m in _MARK.finditer(text):  # the marks only, found by one regex
            i, ch = m.start(), m.group()
            if covers(base + i):
                continue
            if ch in _PAIRS:
                if ch == "‘" and i > 0 and text[i - 1].isascii() and text[i - 1].isalpha():
                    continue
                stack.append((ch, i))
                continue
            if ch == "’" and i + 1 < len(text) and text[i + 1].isascii() and text[i + 1].isalpha():
                continue  # an apostrophe: Xi’an, don’t
            want = _family(_CLOSERS[ch])
            if stack and _family(stack[-1][0]) == want:
                stack.pop()  # the usual case: it closes the innermost open mark
                continue
            depth = next(
                (k for k in range(len(stack) - 1, -1, -1) if _family(stack[k][0]) == want), None
            )
            if depth is None:
                if want in crossed:
                    crossed.remove(want)
                    continue
                yield Finding(
                    span=Span(base + i, base + i + 1),
                    message=Message(
                        f"{_zh(ch)}前面没有与之配对的{_zh(_CLOSERS[ch])}",
                        f"the {_en(ch)} closes nothing: no {_en(_CLOSERS[ch])} before it",
                    ),
                )
                continue
            if depth != len(stack) - 1:
                inner, j = stack[-1]
                yield Finding(
                    span=Span(base + j, base + j + 1),
                    message=Message(
                        f"{_zh(inner)}在{_CLOSERS[ch]}……{ch}之内开启，却未在其中闭合，两对符号交错",
                        f"the {_en(inner)} opens inside {_CLOSERS[ch]}…{ch} but is not closed "
                        "there; the pairs cross",
                    ),
                    related=(
                        Related(
                            Span(base + i, base + i + 1),
                            Message("外层在此闭合", "outer pair closes here"),
                        ),
                    ),
                )
                crossed.extend(_family(mark) for mark, _ in stack[depth + 1 :])
            del stack[depth:]
        for ch, j in stack:
            yield Finding(
                span=Span(base + j, base + j + 1),
                message=Message(
                    f"{_zh(ch)}在本段内没有与之配对的{_zh(_PAIRS[ch])}",
                    f"the {_en(ch)} is never closed by a {_en(_PAIRS[ch])} in this paragraph",
                ),
            )

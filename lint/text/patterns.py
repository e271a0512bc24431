"""Character classes and patterns shared by the engine and the rules.

Every pattern here is compiled once, uses PyPI ``regex`` (it knows ``\\p{Han}``) and is bounded so
that it cannot backtrack catastrophically on untrusted text.
"""

from __future__ import annotations

import regex

#: Full-width (Chinese) punctuation, GB/T 15834.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—～·﹏"
#: Marks that may end a sentence or a paragraph.
SENTENCE_END = "。！？!?…"
#: Marks that may end a paragraph (a list item may end with ；, a lead-in with ：).
PARAGRAPH_END = SENTENCE_END + "；;：:."
#: Closing quotes and brackets, which may follow the final mark.
CLOSERS = "”’）)》〉】」』〕]\"'"
#: Clause-internal marks: a line that contains one is prose, not a heading.
CLAUSE_MARKS = "，,；;。！？!?"
#: Connectives and prepositions after which a clause cannot end.
OPEN_ENDINGS = "与和及并或的对把被将从向为以在等由按经同跟给让使且而"
#: Characters that cannot begin a paragraph: a paragraph starting with one continues another.
CONTINUATION_STARTS = "和及与并或等的了之着过，,、。；;：:）)”’》"

HAN = regex.compile(r"\p{Han}")
LINE_BREAK = regex.compile(r"\r\n|\r|\n")

#: Enumerators that open headings and list items: 一、 （一） (1) 1. 1、 第一章 一是
ENUMERATOR = regex.compile(
    r"""^(?:
        [一二三四五六七八九十百]{1,4}[、.．]
      | [（(][一二三四五六七八九十百]{1,4}[）)]
      | [（(]\d{1,3}[）)]
      | \d{1,3}[.．、](?!\d)
      | [①-⑳]
      | 第[一二三四五六七八九十百\d]{1,4}[章节部分篇条]
    )""",
    regex.VERBOSE,
)

#: A line that is only a date: 2022年3月25日, 二〇二四年三月.
DATE_LINE = regex.compile(
    r"^[（(]?[\d〇零一二三四五六七八九十]{2,4}年(?:[\d一二三四五六七八九十]{1,2}月(?:[\d一二三四五六七八九十]{1,3}日)?)?[）)]?$"
)

#: Byline words: who supplied or wrote the text.
BYLINE = regex.compile(r"(?:供稿|撰稿|来源|记者|通讯员|编辑|作者|审核|摄)[：:]?\S{0,20}$")

#: A news byline in brackets, whose spaces separate names: （记者 王晓明 通讯员 李丽）.
BRACKETED_BYLINE = regex.compile(
    r"[（(](?:本报|新华社|特约|见习|实习)?(?:记者|通讯员|实习生|摄影|摄|编辑|作者)[^（）()]{0,60}[）)]"
)

#: An office followed by its holder's name, separated by a space as bylines are: 广东省省长 孟凡利.
TITLE_AND_NAME = regex.compile(
    r"(?:省长|市长|区长|县长|州长|旗长|主席|书记|总理|主任|局长|部长|厅长|记者)[ \u3000]{1,3}\p{Han}{2,4}"
)

#: A line of labelled fields, every one “label：value”: 联系人：张三，电话：0971-1234567; 附件：清单.
FIELD_LINE = regex.compile(
    r"^\p{Han}{2,6}[：:][^，,；;：:。]{1,40}(?:[，,；;\s]{1,3}\p{Han}{2,6}[：:][^，,；;：:。]{1,40}){0,5}$"
)

URL = regex.compile(
    r"(?:https?|ftp)://[^\s\p{Han}“”（）《》，。；！？]{1,2000}|www\.[A-Za-z0-9.-]{1,200}[^\s\p{Han}，。；]{0,2000}"
)
EMAIL = regex.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,255}\.[A-Za-z]{2,24}")
MD_CODE_SPAN = regex.compile(r"(`{1,3})(?:(?!\1).){1,2000}?\1")
MD_LINK_TARGET = regex.compile(r"\]\([^)\s]{1,2000}\)")
HTML_COMMENT = regex.compile(r"<!--.{0,5000}?-->", regex.DOTALL)


def is_han(char: str) -> bool:
    return bool(char) and HAN.match(char) is not None


def is_cjk(char: str) -> bool:
    """A Han character or a full-width Chinese punctuation mark."""
    return bool(char) and (char in CJK_PUNCT or HAN.match(char) is not None)

"""D104 cross-document-copy — a paragraph copied from another document of the run.

## 检查什么
本次检查的某篇文稿中，有一段与另一篇文稿的某一段完全相同或几乎相同（只改了几个字）。报告在较晚的
那篇文稿（按标题下的日期或标题中的年份，不知道日期时按文件路径的先后），并指出另一篇中的那一段。

各类报告本来就共有的文字不报告：标题、落款、日期，不足50个汉字的短段（套话、固定表述），统计公报的
注释（“[3]三次产业分类依据……”），在三篇或更多文稿中都出现（或几乎相同地出现）的段落，以及按上年
格式写成、数字已经更新的段落（两处以上数字不同）。

## 为什么重要
把上一年报告或兄弟单位材料中的一段原样粘贴过来，是最难堪的见报错误之一：说的是去年的事、别人的事，
或者本该更新的内容没有更新。只改了几个字的段落更难发现。

## 示例
```
（报告一）2023年工作总结
一年来，援青干部人才扎根高原，围绕产业帮扶、就业帮扶、消费帮扶持续发力，累计实施帮扶项目42个，带动当地群众增收致富，受援地群众的获得感、幸福感、安全感不断增强，各项工作取得明显成效。
（报告二）2024年工作总结
一年来，援青干部人才扎根高原，围绕产业帮扶、就业帮扶、消费帮扶持续发力，累计实施帮扶项目42个，带动当地群众增收致富，受援地群众的获得感、幸福感、安全感不断增强，各项工作取得显著成效。
```

## 改为
```
（报告一）2023年工作总结
一年来，援青干部人才扎根高原，围绕产业帮扶、就业帮扶、消费帮扶持续发力，累计实施帮扶项目42个，带动当地群众增收致富，受援地群众的获得感、幸福感、安全感不断增强，各项工作取得明显成效。
（报告二）2024年工作总结
这一年，援青工作突出产业和就业两条主线，新实施帮扶项目17个、吸纳当地群众就业1300余人，受援地特色产业链条进一步延伸，群众收入较上年明显增长，对口支援工作迈出新的步伐。
```

## 如何修改
核对这一段是否本应照抄：不应照抄的，按本篇文稿的内容重写，更新其中的时间、数字和名称；确属同一内容
的，可改为引用或删去。

## What it does
Reports a paragraph that repeats, word for word or with a few words changed (a similarity of 85 %
or more, as D102 measures it), a paragraph of another document of the same run. The later document
is reported — by the date under its title (“——2024年3月5日在……”) or the one year of its title,
else by path order — with the paragraph of the other document as related location; the message
names the other file, its line and the similarity.

Boilerplate that reports share on purpose stays silent: headings, dates and sign-off lines,
paragraphs of fewer than 50 Han characters (standard openings and formulas), the notes of a
statistical communiqué (“[3]三次产业分类依据……”), a paragraph found (exactly, or 70 % alike) in
three documents of the run or more (a formula of the genre, not a paste), and a paragraph written
on last year's pattern whose figures were updated (two or more figures differ).

## Why it matters
A paragraph of last year's report, or of a sibling office's, pasted into this one is among the most
embarrassing errors that reach print: it describes another year or another place, or leaves old
facts un-updated. A copy with a few words changed is harder to spot than a verbatim one.

## How it works
Each document's paragraphs are sketched with the document rules (the text's hash and the smallest
hashes of its 5-character shingles, as for D102), in the worker processes when there are some. The
run joins the sketches through inverted indexes — by text hash for exact copies, by sketch hash for
near ones — and compares only paragraphs that share sketch hashes, so the time grows with the number
of paragraphs, not with the number of pairs of documents.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex
from factlint.facts.copies import cross_copies
from factlint.facts.corpus import Corpus
from factlint.model import Finding, Message, Related, Severity
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import BLOCKS

META = RuleMeta(
    code="D104",
    name="cross-document-copy",
    severity=Severity.WARNING,
    summary=Message("段落与另一篇文稿的段落相同", "paragraph copied from another document"),
    scope="corpus",
    reads=(cross_copies, BLOCKS),
)

_SEPARATOR = regex.compile(r"[\\/]")


def check(corpus: Corpus, opts: NoOptions) -> Iterator[Finding]:
    for copy in corpus.view(cross_copies):
        doc, source = corpus[copy.doc], corpus[copy.source]
        block, origin = doc.blocks[copy.block], source.blocks[copy.source_block]
        line, _ = source.position(origin.span.start)
        name = _SEPARATOR.split(source.path)[-1]
        if copy.similarity >= 1.0:
            message = Message(
                f"本段与{name}第{line}行的段落完全相同，疑为从该文稿粘贴",
                f"this paragraph repeats word for word the one on line {line} of {name}; "
                "probably pasted from it",
            )
        else:
            percent = min(99, round(copy.similarity * 100))
            message = Message(
                f"本段与{name}第{line}行的段落高度相似（相似度{percent}%），疑为从该文稿粘贴后改动",
                f"this paragraph is {percent}% similar to the one on line {line} of {name}; "
                "probably pasted from it and edited",
            )
        yield Finding(
            span=block.span,
            message=message,
            path=doc.path,
            related=(
                Related(
                    origin.span,
                    Message("另一篇文稿中的段落", "the paragraph in the other document"),
                    path=source.path,
                ),
            ),
        )

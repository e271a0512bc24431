"""D103 duplicate-sentence — the same sentence appears twice in a document.

## 检查什么
同一篇文稿中，一个较长的句子在前文已经出现过。已被“重复段落”（D101、D102）配对的段落中的句子不再重
复报告。

这是“提示”级别：报告有时会有意重复某个目标（回顾时说一次，部署时再说一次），请人工判断。

## 为什么重要
从一节带到另一节的句子会重复同一个数字或说法，读者会注意到；而且数字后来可能只在一处改过，两处就对
不上了。

## 示例
```
深化教育协作，推进智慧教育平台建设。组织两地校际结对36对，互派骨干教师120余名。

着力补齐民生短板，加快推进医疗卫生、就业服务等重点项目。组织两地校际结对36对，互派骨干教师120余名。
```

## 如何修改
保留放在合适位置的那一句，另一处改写或删去。

## What it does
Reports a sentence of at least 20 characters that already appeared earlier in the document, outside
the paragraphs that D101/D102 already pair as copies of each other.

## Why it matters
A sentence carried from one section into another repeats a figure or a claim; readers notice, and the
figure may since have changed in only one place. Reports also restate a goal on purpose (once in the
review of the year, once in the plan), so this is ``info``: worth a look, not a failure.

## Use instead
Keep the sentence where it belongs and rewrite or delete the other.

## How it works
Sentences of at least 20 characters are compared through the DUPLICATES view; sentences inside
paragraphs that D101/D102 already pair are skipped. Severity info.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.facts.duplicates import DUPLICATES
from factlint.model import Finding, Message, Related, Severity
from factlint.rule import NoOptions, RuleMeta
from factlint.text.document import SENTENCES, Document

META = RuleMeta(
    code="D103",
    name="duplicate-sentence",
    severity=Severity.INFO,
    summary=Message("句子重复出现", "sentence appears twice"),
    reads=(SENTENCES, DUPLICATES),
)


#: what the first copy is called (one object for every finding)
FIRST = Message("第一次出现", "first occurrence")


def check(doc: Document, opts: NoOptions) -> Iterator[Finding]:
    # the copies of one sentence share its message and related place
    said: dict[int, tuple[Message, tuple[Related, ...]]] = {}
    for copy in doc.view(DUPLICATES).sentence_copies:
        later = doc.sentences[copy.later]
        if copy.earlier not in said:
            earlier = doc.sentences[copy.earlier]
            line, _ = doc.position(earlier.span.start)
            said[copy.earlier] = (
                Message(f"本句与第{line}行的句子重复", f"this sentence repeats one on line {line}"),
                (Related(earlier.span, FIRST),),
            )
        message, related = said[copy.earlier]
        yield Finding(span=later.span, message=message, related=related)

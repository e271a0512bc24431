"""C102 quoted-name-variant — a quoted name spelt with a homophone of one of its characters.

## 检查什么
本次检查的文稿中，引号或书名号里的同一个名称有两种写法，只差一个同音字：“探秘神韵黄南”与“探密神韵
黄南”（拼音输入时选错了字）。报告用得少的写法的每一处，并给出常用写法及其第一次出现的位置。用得一
样多时，以在别处也有同样搭配的那个字为准。

不报告：有意成套的名称，即只差一个数字（三大工程 / 四大工程，“十四五” / “十五五”）或差一个读音不同
的字（“一网通办” / “一事通办”）；同一段里的两种写法（“授之以鱼”更“授之以渔”，是有意的文字游戏）；
一两个字的名称；无法判断哪个常用的；用语规范表中登记为别名的。

字形相近而读音不同的笔误（足球接青 / 足球援青）由错别字规则（T102）检查。

## 为什么重要
项目或品牌的名称是专有名词。名称里的同音错字每个字都对，拼写检查查不出来，印出来就是一个并不存在的
名称。

## 示例
```
（报告一）推出“探秘神韵黄南”“青海黄南号”等特色活动。
（报告二）推动“探秘神韵黄南”天津首发团成行。
开通“探密神韵黄南”系列线路。
```

## 改为
```
开通“探秘神韵黄南”系列线路。
```

## 如何修改
改为正式名称的写法；两种写法都对的，在用语规范表中登记为别名。

## What it does
Compares the quoted names (“…”, "…", 《…》 …) of all documents of a run. A name of three or more
characters that differs from another quoted name in exactly one Chinese character, where the two
characters sound the same (探密/探秘: the wrong candidate of a pinyin input method), is reported at
the rarer spelling with the common one as suggestion. The common spelling is the one quoted more
often; on a tie, the one whose character also stands next to the same neighbours elsewhere in the
run while the other's does not. The rarer name's places are each reported, with the first place
of the common one as related location.

Left alone, because such series are coined on purpose: names differing in a numeral (三大工程/
四大工程, “十四五”/“十五五”) or in a character that sounds different (“一网通办”/“一事通办”,
“最初一公里”/“最后一公里”, “水运江苏”/“水韵江苏” is caught by neither: both words are in use);
two spellings in one paragraph (“授之以鱼”更“授之以渔”, a play on words); names of one or two
characters; spellings the run gives no way to order; aliases declared in the fact sheet.

Look-alike characters that sound different (足球接青/足球援青) are the typo rules' concern: they
compare every word of the run, quoted or not.

## Why it matters
A programme or brand name is a proper name: a homophone slip in it passes every spell checker (each
character is a real word) and publishes a name that does not exist.

## How it works
Quoted names of three characters or more of all documents (the `quoted_names` corpus view) are
compared; two that differ in exactly one Han character with the same pinyin are a pair. The common
spelling is the one quoted more often; on a tie, the one whose character also stands next to the
same neighbours elsewhere in the run while the other's does not.
"""

from __future__ import annotations

from collections.abc import Iterator

from factlint.facts.corpus import Corpus
from factlint.language.consistency import name_variants, quoted_names
from factlint.model import Finding, Message, Related, Severity
from factlint.rule import NoOptions, RuleMeta

META = RuleMeta(
    code="C102",
    name="quoted-name-variant",
    severity=Severity.WARNING,
    summary=Message(
        "引号内名称与别处的同音写法不一致", "a quoted name spelt with a homophone elsewhere"
    ),
    scope="corpus",
    reads=(quoted_names, name_variants),
)


def check(corpus: Corpus, opts: NoOptions) -> Iterator[Finding]:
    names = corpus.view(quoted_names)
    for variant in corpus.view(name_variants):
        reference = names.places[variant.common][0]
        ref_doc = corpus[reference.doc]
        rare_char, common_char = variant.rare[variant.index], variant.common[variant.index]
        for place in names.places[variant.rare]:
            yield Finding(
                span=place.term.span,
                path=corpus[place.doc].path,
                message=Message(
                    f"名称“{variant.rare}”在别处写作“{variant.common}”（“{rare_char}”“{common_char}”同音）",
                    f"the name “{variant.rare}” is written “{variant.common}” elsewhere "
                    f"(“{rare_char}” and “{common_char}” sound alike)",
                ),
                related=(
                    Related(
                        reference.term.span,
                        Message(f"此处写作“{variant.common}”", f"written “{variant.common}” here"),
                        path=ref_doc.path,
                    ),
                ),
            )

"""Generated inputs of the former quadratic cases of issue 11, shared by ``bench/run.py
--quadratic`` (full size) and ``tests/test_linear.py`` (small sizes). Stdlib only."""

from __future__ import annotations

#: common Chinese characters, none a numeral: the material of the generated names and text
POOL = (
    "的是在有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经者之进着等部度家电力里如水化高自理起小物现实加量都两体制机当"
    "使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正"
)


def _pool_word(i: int, width: int) -> str:
    """The ``i``-th word of ``width`` characters of POOL (base-len(POOL) digits): all distinct."""
    out = []
    for _ in range(width):
        i, k = divmod(i, len(POOL))
        out.append(POOL[k])
    return "".join(out)


def copies_of_one_paragraph(n: int) -> str:
    """``n`` copies of one paragraph (D101–D103: the duplicates view)."""
    paragraph = (
        "深化互动融合，凝聚文化认同合力。天津援青前方指挥部持续深化津青文化交流，组织开展各类活动。"
    )
    return "\n\n".join([paragraph] * n) + "\n"


def one_url_per_paragraph(n: int) -> str:
    """``n`` paragraphs with a URL each (P101: protected spans)."""
    return "".join(
        f"第{_pool_word(i, 2)}项工作详见https://example.org/report/{i}/index.html，请查阅。\n\n"
        for i in range(n)
    )


def quoted_name_pairs(n: int) -> str:
    """``n`` quoted names, in threes: twice with 秘, once with its homophone 密, each three
    numbered apart from the others, one paragraph each (C102)."""
    return "".join(f"推出“{i // 3}号探{'秘秘密'[i % 3]}神韵”等特色活动。\n\n" for i in range(n))


def names_differing_in_one_character(n: int) -> str:
    """``n`` quoted names differing only in their first character, n distinct ones (C102: one
    bucket of n names; only those whose characters share a reading are compared)."""
    return "".join(f"推出“{chr(0x4E00 + i)}神韵黄南”等特色活动。\n\n" for i in range(n))


def versions_of_one_list(n: int) -> str:
    """``n`` versions of one labelled list: every other one with a different fourth member (a
    version of the first, C101 reports it), the others with their last two members changed (no
    version is comparable with them)."""
    return "".join(
        f"全面对接“一市三县”（同仁市、尖扎县、泽库县、{_pool_word(i, 3)}县）需求。\n\n"
        if i % 2 == 0
        else f"全面对接“一市三县”（同仁市、尖扎县、{_pool_word(i, 3)}县、{_pool_word(i + 1, 2)}县）需求。\n\n"
        for i in range(n)
    )


def one_offs_among_frequent_forms(n: int) -> str:
    """``n`` paragraphs using the forms 州级 and 探秘, with a one-off look-alike (洲级) and
    sound-alike (探密) of each in the middle (T102: each use of a frequent form is a candidate
    twin of the one-offs)."""
    out = []
    for i in range(n):
        word = _pool_word(i, 2)
        if i == n // 2:
            out.append(
                "支持黄南州打造2个省级劳务品牌+3个洲级劳务品牌。今年继续推动“探密神韵”天津行活动。"
            )
        out.append(f"支持{word}打造3个州级劳务品牌，推出“探秘神韵{word}”精品线路。")
    return "\n\n".join(out) + "\n"


def no_punctuation(n: int) -> str:
    """``n`` characters of POOL with no punctuation and no line break (one paragraph, one
    sentence): a deterministic pseudo-random sequence (a linear congruential generator), so that
    no window repeats as in copied text. ``no_punctuation(1 << 20 // 3)`` is about 1 MB of UTF-8."""
    out = []
    state = 12345
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(POOL[(state >> 16) % len(POOL)])
    return "".join(out) + "\n"

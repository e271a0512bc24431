"""Document.prose_matches: matches of a pattern in the prose blocks, protected spans left out."""

from __future__ import annotations

import regex
from factlint.inputs.reading import document_for

#: a heading, a body paragraph with a URL, a code block and a list item
TEXT = "# 标题 12\n\n正文12个，见 https://a.cn/34 共56人。\n\n```\n78\n```\n\n- 列表90项\n"


def test_only_prose_blocks_and_no_protected_match() -> None:
    doc = document_for("a.md", TEXT)
    matches = list(doc.prose_matches(regex.compile(r"\d+")))
    # 12 of the heading and 78 of the code block are not prose; 34 is in the URL
    assert [m.group() for m in matches] == ["12", "56", "90"]
    assert all(doc.text[m.start() : m.end()] == m.group() for m in matches)


def test_protection_is_checked_where_the_group_starts() -> None:
    doc = document_for("a.md", TEXT)
    pattern = regex.compile(r"见\s(?P<url>\S+?)/")
    assert [m.group("url") for m in doc.prose_matches(pattern)] == ["https:"]
    assert list(doc.prose_matches(pattern, "url")) == []
    assert list(doc.prose_matches(pattern, 1)) == []


def test_a_match_stays_in_its_block_and_knows_its_start() -> None:
    doc = document_for("a.md", TEXT)
    matches = list(doc.prose_matches(regex.compile(r"人。\s*|[^\n]+项")))
    assert [m.group() for m in matches] == ["人。", "- 列表90项"]
    prose = [b for b in doc.blocks if b.is_prose]
    assert [m.pos for m in matches] == [b.span.start for b in prose]


def test_released_views_are_built_again_alike() -> None:
    doc = document_for("a.txt", "第一段，有三句。第二句！\n\n第二段（网址 http://a.cn/x）。\n")
    blocks, sentences = doc.blocks, doc.sentences
    spans = [m.span() for m in doc.prose_matches(regex.compile(r"\p{Han}+"))]
    doc.release_views()
    assert doc.computed_views([]) == {} and not doc._views
    assert doc.blocks == blocks and doc.blocks is not blocks
    assert doc.sentences == sentences
    assert [m.span() for m in doc.prose_matches(regex.compile(r"\p{Han}+"))] == spans


def test_sentences_in_columns_read_as_sentence_objects() -> None:
    import pickle

    from factlint.model import Span
    from factlint.text.document import Sentence

    text = "标题\n\n第一句。 第二句！\n\n第三段，只有一句。\n"
    doc = document_for("a.txt", text)
    sentences = doc.sentences
    assert [s.text for s in sentences] == ["第一句。", "第二句！", "第三段，只有一句。"]
    assert sentences[1] == Sentence(Span(9, 13), 1, text) and sentences[-1].block == 2
    assert sentences[1:] == tuple(sentences)[1:] and len(sentences) == 3
    assert list(sentences.starts()) == [s.span.start for s in sentences]
    assert sentences == tuple(sentences) and pickle.loads(pickle.dumps(sentences)) == sentences
    assert all(text[s.span.start : s.span.end] == s.text for s in sentences)
    try:
        sentences[3]
    except IndexError:
        pass
    else:
        raise AssertionError("sentences[3] of 3")


def test_the_digest_is_the_whole_text_encoded_at_once() -> None:
    """The digest encodes the text a slice at a time (no second copy of a large document): what
    it hashes is the text's UTF-8 whole, a lone surrogate or a character beyond the BMP at a
    slice's edge included."""
    import hashlib

    from factlint.text import document as module
    from factlint.text.document import Document

    edge = module._DIGEST_SLICE
    texts = [
        "",
        "一",
        "统计公报" * (edge // 2),
        "甲" * (edge - 1) + "\U00020000" + "乙" * 5,
        "甲" * (edge - 1) + "\ud800" + "\udc00" + "乙",
    ]
    for text in texts:
        whole = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        assert Document("a.txt", text).view(module.DIGEST) == whole
    assert len({Document("a.txt", t).view(module.DIGEST) for t in texts}) == len(texts)


def test_protected_touches_a_range_as_its_offsets_are_covered() -> None:
    # (extract_enumerations tests a block's lists against the protected spans only when one
    # touches the block)
    from factlint.text.document import PROTECTED, Document

    doc = Document("a.txt", "见 https://a.cn/x 和 http://b.cn，另见 mail@c.cn 。末尾")
    protected = doc.view(PROTECTED)
    assert protected.spans
    size = len(doc.text)
    for start in range(size):
        for end in range(start + 1, size + 1):
            expected = any(protected.covers(i) for i in range(start, end))
            assert protected.touches(start, end) is expected, (start, end)

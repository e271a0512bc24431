"""Known misuses (常见误用): a curated list of wrong forms with their right ones, plus the fact sheet's.

The list ships as data, ``rules/misuses.toml`` (installed with ``factlint.rules``), in the style of
prh: each entry is a pattern, the expected form, the contexts where the pattern is *not* a misuse,
and its own test cases::

    [[misuse]]
    pattern = "既使"                       # a regex (PyPI ``regex``); most entries are plain text
    expected = "即使"                      # the replacement; may name the pattern's groups (\\g<1>)
    unless = ['既使[^。；！？\\n]{1,30}又']   # a match inside a match of one of these is fine
    words = true                          # skip a match two dictionary words split (全部|暑期)
    fix = "safe"                          # safe | unsafe | none (default safe)
    note = "“既使”只用于“既使……又……”；表示假设让步用“即使”。"
    source = "《咬文嚼字》编辑部《容易用错的字词》"
    pass = ["即使困难再多也要完成。", "既使企业受益，又使群众得实惠。"]
    fail = ["既使困难再多也要完成。"]

The project fact sheet's forbidden spellings (``[facts.spellings]``, 援青 not 接青) become entries
of the same kind at run time, with an unsafe fix and the dictionary-word test on (接青 inside
迎接青年 is no misuse).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, cast

import regex
from factlint.model import Span

FixKind = Literal["safe", "unsafe", "none"]
_KEYS = frozenset(
    {"pattern", "expected", "unless", "words", "fix", "note", "source", "pass", "fail"}
)
#: how far around a match an ``unless`` pattern is looked for
_UNLESS_REACH = 40
#: a dictionary word at least this frequent (jieba's count) crossing a match makes it no misuse
_WORD_FREQUENCY = 20


_BACKREFERENCE = regex.compile(r"\\(?:[1-9]|g<)|\(\?P=")
#: a pattern that is plain text: no character with a meaning in a regex
_LITERAL = regex.compile(r"[^\\.^$*+?{}\[\]|()]+")


class MisuseError(ValueError):
    """An invalid entry of the misuse list."""


class _Literal:
    """The compiled pattern of a plain-text entry, compiled when first used: the index finds the
    plain-text entries by their text (:class:`MisuseIndex`), so most of the thousand entries never
    need their own pattern, and a plain text cannot fail to compile. Everything a compiled pattern
    does, it does (by delegation); ``pattern`` is the text. (The entries of the built-in list are
    read from their snapshot with all their patterns so: each compiled when it was made.)"""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: regex.Pattern[str] | None = None

    def _get(self) -> regex.Pattern[str]:
        if self._compiled is None:
            self._compiled = regex.compile(self.pattern)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Literal) and self.pattern == other.pattern

    def __hash__(self) -> int:
        return hash((_Literal, self.pattern))

    def __repr__(self) -> str:
        return repr(self._get())

    def __reduce__(self) -> tuple[Any, ...]:
        return regex.compile, (self.pattern,)


@dataclass(frozen=True)
class Misuse:
    """An entry of the misuse list: a wrong form, the right one, and where it is no misuse."""

    pattern: regex.Pattern[str]
    expected: str
    unless: tuple[regex.Pattern[str], ...] = ()
    words: bool = False
    fix: FixKind = "safe"
    note: str = ""
    source: str = ""
    passes: tuple[str, ...] = ()
    fails: tuple[str, ...] = ()
    #: where the entry comes from: ``misuses.toml #3`` or ``facts.spellings``
    origin: str = ""

    def matches(self, text: str) -> Iterator[tuple[Span, str]]:
        """Each misuse in ``text``: its span and the replacement."""
        for m in self.pattern.finditer(text):
            span = Span(m.start(), m.end())
            if span and self.applies(text, span):
                yield span, m.expand(self.expected)

    def match_at(self, text: str, start: int) -> tuple[Span, str] | None:
        """The misuse starting at ``start``, if this entry's pattern matches there and applies."""
        m = self.pattern.match(text, start)
        if m is None or m.end() == start:
            return None
        span = Span(start, m.end())
        return (span, m.expand(self.expected)) if self.applies(text, span) else None

    def applies(self, text: str, span: Span) -> bool:
        """Not inside an ``unless`` context, and (with ``words``) not part of a dictionary word."""
        if self.unless:
            lo = max(0, span.start - _UNLESS_REACH)
            hi = min(len(text), span.end + _UNLESS_REACH)
            for context in self.unless:
                for m in context.finditer(text, lo, hi, overlapped=True):
                    if m.start() <= span.start and span.end <= m.end():
                        return False
        return not (self.words and crosses_word(text, span))


def crosses_word(text: str, span: Span, max_word: int = 4) -> bool:
    """The text reads as two dictionary words that split the match between them and cover it, at
    least one reaching outside it: 迎接|青年 around 接青, 全部|暑期 around 部暑, 支付|作用 around 付作用;
    not 面部 around 部暑 in 全面部暑年度 (暑年 is no word). The split may also fall on an edge of the
    match when the word past it covers the whole match and reaches beyond: 消费|卷烟 around the 卷
    of 消费卷 (a one-character match has no split inside)."""
    from factlint.language.lexicon import lexicon

    lex = lexicon()

    def word(start: int, end: int) -> bool:
        return (
            0 <= start
            and end <= len(text)
            and end - start >= 2
            and lex.get(text[start:end]) >= _WORD_FREQUENCY
        )

    for split in range(span.start + 1, span.end):
        lefts = [i for i in range(split - max_word, span.start + 1) if word(i, split)]
        rights = [j for j in range(span.end, split + max_word + 1) if word(split, j)]
        if any(i < span.start or j > span.end for i in lefts for j in rights):
            return True
    # on the edges: a word ends at the match and the next one holds the match and more (消费|卷烟),
    # or the other way round
    start, end = span.start, span.end
    if any(word(i, start) for i in range(start - max_word, start - 1)) and any(
        word(start, j) for j in range(end + 1, start + max_word + 1)
    ):
        return True
    return any(word(i, end) for i in range(end - max_word, start)) and any(
        word(end, j) for j in range(end + 2, end + max_word + 1)
    )


def _strings(entry: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise MisuseError(f"{where}: {key} must be a list of non-empty strings")
    return tuple(value)


def parse_entry(entry: Mapping[str, Any], where: str) -> Misuse:
    """One ``[[misuse]]`` table, checked: unknown keys, bad patterns and missing tests are errors."""
    unknown = set(entry) - _KEYS
    if unknown:
        raise MisuseError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    pattern, expected = entry.get("pattern"), entry.get("expected")
    if not isinstance(pattern, str) or not pattern or not isinstance(expected, str):
        raise MisuseError(f"{where}: pattern (non-empty) and expected are required strings")
    fix = entry.get("fix", "safe")
    if fix not in ("safe", "unsafe", "none"):
        raise MisuseError(f"{where}: fix must be safe, unsafe or none, not {fix!r}")
    words = entry.get("words", False)
    if not isinstance(words, bool):
        raise MisuseError(f"{where}: words must be true or false")
    if _BACKREFERENCE.search(pattern):
        raise MisuseError(f"{where}: backreferences are not allowed in a pattern")
    try:
        compiled = (
            cast("regex.Pattern[str]", _Literal(pattern))
            if _LITERAL.fullmatch(pattern)
            else regex.compile(pattern)
        )
        unless = tuple(regex.compile(u) for u in _strings(entry, "unless", where))
    except regex.error as exc:
        raise MisuseError(f"{where}: bad pattern: {exc}") from exc
    passes, fails = _strings(entry, "pass", where), _strings(entry, "fail", where)
    if not fails:
        raise MisuseError(f"{where}: at least one fail example is required")
    return Misuse(
        pattern=compiled,
        expected=expected,
        unless=unless,
        words=words,
        fix=fix,
        note=str(entry.get("note", "")),
        source=str(entry.get("source", "")),
        passes=passes,
        fails=fails,
        origin=where,
    )


@cache
def builtin_misuses() -> tuple[Misuse, ...]:
    """The curated list shipped in ``factlint/rules/misuses.toml``, parsed and checked once: a
    snapshot (:func:`factlint.text.snapshots.cached`) keeps each entry's fields as checked, so that
    later runs neither read the TOML nor check a thousand entries again (0.05 s); their patterns
    are compiled when first used (:class:`_Literal`: they compiled when the snapshot was made)."""
    from factlint.text.snapshots import cached, source_of

    data = _list_bytes()

    def parse() -> list[tuple[Any, ...]]:
        entries: list[dict[str, Any]] = _tomllib().loads(data.decode("utf-8")).get("misuse", [])
        return [_fields(parse_entry(e, f"misuses.toml #{i}")) for i, e in enumerate(entries, 1)]

    version = str(getattr(regex, "__version__", "?"))
    rows = cached("misuse-entries", [data, source_of(__file__), version], parse)
    return tuple(map(_from_fields, rows))


def _list_bytes() -> bytes:
    """The bytes of ``misuses.toml``: read from the package's folder when it has one (without
    ``importlib.resources``, whose readers import ``zipfile``: 5 ms), else as a resource."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("factlint.rules")
    for folder in (spec.submodule_search_locations or ()) if spec else ():
        path = Path(folder) / "misuses.toml"
        if path.is_file():
            return path.read_bytes()
    from importlib.resources import files  # pragma: no cover - a zipped installation

    return files("factlint.rules").joinpath("misuses.toml").read_bytes()  # pragma: no cover


def _fields(misuse: Misuse) -> tuple[Any, ...]:
    """A checked entry as plain data (what its snapshot keeps): its patterns as text."""
    return (
        misuse.pattern.pattern,
        misuse.expected,
        tuple(u.pattern for u in misuse.unless),
        misuse.words,
        misuse.fix,
        misuse.note,
        misuse.source,
        misuse.passes,
        misuse.fails,
        misuse.origin,
    )


def _from_fields(row: tuple[Any, ...]) -> Misuse:
    """The entry of :func:`_fields` (checked when it was made), its patterns compiled when used."""
    pattern, expected, unless, words, fix, note, source, passes, fails, origin = row
    return Misuse(
        cast("regex.Pattern[str]", _Literal(pattern)),
        expected,
        tuple(cast("regex.Pattern[str]", _Literal(u)) for u in unless),
        words,
        fix,
        note,
        source,
        tuple(passes),
        tuple(fails),
        origin,
    )


def _tomllib() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    return tomllib


def spelling_misuses(spellings: Mapping[str, str]) -> tuple[Misuse, ...]:
    """The fact sheet's forbidden spellings (forbidden -> preferred) as entries: literal, with an
    unsafe fix (the team's policy, not a certainty about every context) and the word test on."""
    return tuple(
        Misuse(
            pattern=regex.compile(regex.escape(bad)),
            expected=good.replace("\\", "\\\\"),
            words=True,
            fix="unsafe",
            origin="facts.spellings",
        )
        for bad, good in sorted(spellings.items())
    )


def literal_of(misuse: Misuse) -> str | None:
    """The entry's pattern when it is plain text (most entries), else None."""
    pattern = misuse.pattern.pattern
    return pattern if _LITERAL.fullmatch(pattern) else None


def _heads(words: list[str]) -> re.Pattern[str]:
    """One ``re`` pattern of two character classes that matches where any of ``words`` may
    start: its first character, then (unless a word is one character long) a second character
    of one of them. Both are tests of a set in C at each position; the few places it finds are
    then looked up by their text. (A prefix trie of the words, one alternation at each level, was
    ~0.15 µs a character: ``re`` tries the alternatives one after another.)"""
    firsts = "".join(re.escape(ch) for ch in sorted({w[0] for w in words}))
    if any(len(w) == 1 for w in words):
        return re.compile(f"[{firsts}]")
    seconds = "".join(re.escape(ch) for ch in sorted({w[1] for w in words}))
    return re.compile(f"[{firsts}](?=[{seconds}])")


class MisuseIndex:
    """All entries searched together: one pass over the text for the plain-text entries (where one
    may start, by :func:`_heads`, then a look-up of the text there) and one for the few entries that are regexes (one
    alternation); each hit is then confirmed by its entry (``unless``, ``words``)."""

    def __init__(self, misuses: tuple[Misuse, ...]) -> None:
        self.misuses = misuses
        self._order = {id(m): i for i, m in enumerate(misuses)}
        self._by_literal: dict[str, list[Misuse]] = {}
        others: list[Misuse] = []
        for misuse in misuses:
            literal = literal_of(misuse)
            if literal is None:
                others.append(misuse)
            else:
                self._by_literal.setdefault(literal, []).append(misuse)
        self._lengths = sorted({len(w) for w in self._by_literal}, reverse=True)
        # (``re``: ``regex`` tests these classes ten times slower)
        words = list(self._by_literal)
        self._literals = _heads(words) if words else None
        #: the first two characters of each word (none when a word is one character long)
        self._pairs = (
            frozenset(w[:2] for w in words) if min(map(len, words), default=2) > 1 else None
        )
        self._others = tuple(others)
        # its compiled program kept as a snapshot: ``regex`` parses it in Python, 0.05 s a run
        from factlint.text.snapshots import compiled_pattern

        self._pattern = (
            compiled_pattern(
                "misuse-patterns", "|".join(f"(?:{m.pattern.pattern})" for m in others)
            )
            if others
            else None
        )

    def _hits(self, text: str) -> Iterator[tuple[int, Misuse, Span, str]]:
        if self._literals is not None:
            pairs = self._pairs
            pos = 0
            while (m := self._literals.search(text, pos)) is not None:
                start = m.start()
                pos = start + 1
                if pairs is not None and text[start : start + 2] not in pairs:
                    continue  # no word starts with these two characters
                for length in self._lengths:  # every entry starting here, the longest first
                    for misuse in self._by_literal.get(text[start : start + length], ()):
                        hit = misuse.match_at(text, start)
                        if hit is not None:
                            yield self._order[id(misuse)], misuse, hit[0], hit[1]
        if self._pattern is not None:
            for found in self._pattern.finditer(text, overlapped=True):
                for misuse in self._others:
                    hit = misuse.match_at(text, found.start())
                    if hit is not None:
                        yield self._order[id(misuse)], misuse, hit[0], hit[1]
                        break

    def matches(self, text: str) -> list[tuple[Misuse, Span, str]]:
        """Each misuse in ``text`` in text order: its entry, span and replacement. Where two
        entries' matches overlap, the one starting first is kept (then the earlier entry)."""
        hits = sorted(self._hits(text), key=lambda h: (h[2].start, h[0]))
        found: list[tuple[Misuse, Span, str]] = []
        end = 0
        for _, misuse, span, replacement in hits:
            if span.start >= end:
                found.append((misuse, span, replacement))
                end = span.end
        return found


@cache
def misuse_index(misuses: tuple[Misuse, ...]) -> MisuseIndex:
    """The index of a list of entries, built once per list (the built-in list, plus a fact
    sheet's spellings)."""
    return MisuseIndex(misuses)

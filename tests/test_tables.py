"""Memory-mapped tables (factlint.text.tables): the same mapping as the dict they replace."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from factlint.text import snapshots
from factlint.text.tables import MappedTable, encode_table, mapped, text


def _pairs(n: int, seed: int = 1) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    found: dict[str, str] = {}
    while len(found) < n:
        key = "".join(rng.choices(han, k=rng.randint(1, 4)))
        found[key] = str(rng.randint(0, 10**6))
    return list(found.items())


def test_a_table_holds_every_key_and_no_other() -> None:
    pairs = [*_pairs(5000), ("a", ""), ("𠀀字", "x\ny"), ("\ud800", "lone surrogate")]
    table = MappedTable(encode_table((k, v.encode()) for k, v in pairs), 0, text)
    expected = dict(pairs)
    assert len(table) == len(expected)
    assert list(table.items()) == list(expected.items())  # the order of the source, too
    assert all(table[k] == v and k in table and table.get(k) == v for k, v in pairs)
    for absent in ("", "不在表中的词", "b", "𠀁"):
        assert absent not in table and table.get(absent) is None and table.get(absent, 7) == 7
        with pytest.raises(KeyError):
            table[absent]
    assert 3 not in table  # not a str: not in it (as in a dict of str keys)
    assert table == expected and expected == table


def test_an_empty_table() -> None:
    table = MappedTable(encode_table([]), 0, text)
    assert len(table) == 0 and list(table) == [] and "a" not in table


def test_mapped_builds_once_then_maps_the_snapshot(cache_home: Path) -> None:
    calls: list[int] = []
    pairs = _pairs(300, seed=2)

    def build() -> list[tuple[str, str]]:
        calls.append(1)
        return [*pairs, (pairs[0][0], "last value wins")]  # a key given twice, as dict() keeps it

    expected = dict(pairs) | {pairs[0][0]: "last value wins"}
    first = mapped("test-table", ["v1"], build, text)
    second = mapped("test-table", ["v1"], build, text)
    assert isinstance(first, MappedTable) and isinstance(second, MappedTable)
    assert dict(first.items()) == dict(second.items()) == expected
    assert list(second) == list(expected)
    assert len(calls) == 1
    counts = mapped("test-counts", ["v1"], lambda: [("甲", "12"), ("乙", "0")], int)
    assert counts.get("甲") == 12 and counts.get("乙") == 0 and counts.get("丙") is None


def test_mapped_off_damaged_or_untrusted_is_built_in_memory(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def build() -> list[tuple[str, str]]:
        calls.append(1)
        return [("介入", "8000"), ("接", "5004")]

    monkeypatch.setenv(snapshots.DISABLE, "1")
    off = mapped("t", ["a"], build, text)
    assert off == {"介入": "8000", "接": "5004"} and not isinstance(off, MappedTable)
    assert not cache_home.exists()
    monkeypatch.delenv(snapshots.DISABLE)
    assert isinstance(mapped("t", ["a"], build, text), MappedTable)
    (entry,) = cache_home.iterdir()
    # damaged (cut short, or not a table): built again and rewritten
    header = entry.read_bytes().split(b"\n", 1)[0]
    for damage in (b"FLT2\x00", b"not a table at all, but long enough to read a header from"):
        entry.write_bytes(header + b"\n" + damage)
        table = mapped("t", ["a"], build, text)
        assert isinstance(table, MappedTable) and table == {"介入": "8000", "接": "5004"}
    assert len(calls) == 4
    # writable by others: not trusted, not mapped
    entry.chmod(0o666)
    assert mapped("t", ["a"], build, text) == {"介入": "8000", "接": "5004"}
    assert len(calls) == 5


def test_an_unwritable_cache_folder_gives_the_table_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv(snapshots.DISABLE, raising=False)
    table = mapped("t", ["a"], lambda: [("x", "1")], int)
    assert table == {"x": 1} and not isinstance(table, MappedTable)


def test_a_compiled_pattern_is_loaded_from_its_snapshot(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import regex

    pattern = "(?:援[青疆藏]|对口(?:支援|帮扶))"
    first = snapshots.compiled_pattern("test-pattern", pattern)
    (entry,) = cache_home.iterdir()

    def not_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex, "compile", not_again)
    second = snapshots.compiled_pattern("test-pattern", pattern)
    assert isinstance(second, regex.Pattern) and second.pattern == pattern
    sample = "援青干部与对口帮扶、对口支援、援疆"
    assert (
        [m.span() for m in second.finditer(sample)]
        == [m.span() for m in first.finditer(sample)]
        == [(0, 2), (5, 9), (10, 14), (15, 17)]
    )
    assert entry.exists() and len(list(cache_home.iterdir())) == 1

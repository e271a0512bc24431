"""The look-alike / sound-alike table (lint/language/data/confusables.txt) and its reader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from factlint.language.confusables import confusables, fuzzy_key


@pytest.mark.parametrize(
    ("written", "meant", "kind"),
    [
        ("休", "体", "形近"),  # ⿰亻木 / ⿰亻本
        ("隐", "稳", "形近"),  # ⿰阝急 / ⿰禾急: the phonetic shared
        ("条", "务", "形近"),  # ⿱夂木 / ⿱夂力
        ("填", "镇", "形近"),
        ("入", "人", "形近"),  # Cangjie OH / O
        ("径", "经", "音形皆近"),
        ("键", "建", "音形皆近"),  # 建 is a part of 键
        ("敬", "警", "音形皆近"),
        ("局", "居", "音形皆近"),  # Cangjie SSR / SJR, ju
        ("句", "局", "同音"),  # ju is one of 句's readings (gōu, jù)
        ("餐", "产", "音近"),  # can / chan
        ("今", "经", "音近"),  # jin / jing
    ],
)
def test_known_slips_are_alike(written: str, meant: str, kind: str) -> None:
    table = confusables()
    found = table.kind(written, meant)
    assert found is not None and found[0] == kind
    assert meant in table.alikes(written) and written in table.alikes(meant)


def test_unrelated_characters_are_not_alike() -> None:
    table = confusables()
    assert table.kind("国", "水") is None
    assert table.kind("休", "信") is None  # 亻 is shared, but 木 and 言 do not look alike
    assert "信" not in table.alikes("休")


def test_fuzzy_keys_merge_what_input_methods_confuse() -> None:
    assert fuzzy_key("zhang") == fuzzy_key("zan") == "zan"
    assert fuzzy_key("ning") == fuzzy_key("lin")
    assert fuzzy_key("shi") == fuzzy_key("si")
    assert fuzzy_key("xiang") == fuzzy_key("xian")
    assert fuzzy_key("ba") != fuzzy_key("pa")


def test_table_covers_the_standard_characters() -> None:
    table = confusables()
    assert len(table.readings) == 8105  # 通用规范汉字表
    assert table.readings["行"] == ("hang", "heng", "xing")
    assert set(table.readings["长"]) == {"chang", "zhang"}


def test_the_table_is_not_read_at_import() -> None:
    """Starting the program, or checking text without rare pairs, does not read the table."""
    code = (
        "import sys, factlint.rules, factlint.language.confusables as c;"
        "print(c.confusables.cache_info().currsize)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_alike_text_is_every_look_and_sound_alike() -> None:
    """The snapshot's string of a character's alikes holds what its look-alikes and the characters
    of its readings' fuzzy keys make: for every character of the table, not only those above."""
    table = confusables()
    for char in table.readings:
        expected = set(table.shapes.get(char, ""))
        for reading in table.readings[char]:
            expected |= table.sounds.get(fuzzy_key(reading), frozenset())
        expected.discard(char)
        text = table.alike_text.get(char, "")
        assert set(text) == expected, char
        assert list(text) == sorted(expected), char  # (code-point order, each once)
        assert table.alikes(char) == expected


def test_the_alikes_snapshot_is_keyed_by_the_table_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edited table is never read through the snapshot of the old one: ``confusable-alikes``
    (the strings T102 tests characters against) follows the file it is built from."""
    from factlint.language import confusables as module
    from factlint.text import snapshots

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    data = tmp_path / "confusables.txt"
    data.write_bytes(module._DATA.read_bytes())
    monkeypatch.setattr(module, "_DATA", data)
    try:
        module.confusables.cache_clear()
        module.table_digest.cache_clear()
        assert module.confusables().alike_text.get("𠀀") is None
        assert list(snapshots.folder().glob("confusable-alikes*"))  # (kept, and mapped)
        with data.open("a", encoding="utf-8") as out:
            out.write("𠀀\tti\t休\n")  # a new row: 体 and 休 (ti, tǐ) by sound, 休 by shape
        module.confusables.cache_clear()
        module.table_digest.cache_clear()
        alikes = module.confusables().alike_text.get("𠀀")
        assert alikes is not None and "休" in alikes and "体" in alikes
        assert "𠀀" in module.confusables().alike_text["休"]
    finally:
        module.confusables.cache_clear()
        module.table_digest.cache_clear()

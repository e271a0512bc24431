#!/usr/bin/env python3
"""Build lint/language/data/confusables.txt: look-alike characters and readings of the 8,105
characters of 通用规范汉字表 (2013).

Run by a maintainer when the sources change; neither the tests nor the program need the network or
the sources, only the file this writes.

    python3 scripts/build_confusables.py IDS.TXT /usr/share/unicode > lint/language/data/confusables.txt

Sources (all permissive; cited in the output's header):

- ``IDS.TXT`` of BabelStone IDS (Andrew West, https://babelstone.co.uk/CJK/IDS.TXT; mirror
  github.com/mandel59/babelstone-ids). Its header: "IDS sequences in themselves are not eligible
  for copyright protection ... anyone is free to make use of the IDS data provided in this file for
  personal or commercial purposes without asking permission or providing attribution."
- Unihan (Unicode Character Database 15.0, Debian package ``unicode-data``:
  ``/usr/share/unicode/Unihan_*.txt.bz2``), Unicode License v3: ``kTGH`` (membership of
  通用规范汉字表), ``kCangjie`` (Cangjie input codes), ``kTGHZ2013`` (readings of 通用规范汉字字典),
  ``kMandarin`` as fallback reading.

Derivation of the look-alikes of a character ``a`` (only characters of the table):

1. **one component differs**: ``a`` and ``b`` are described (first IDS with a G source) by the same
   two-part configuration (⿰, ⿱, ⿸, ...) and one of the two parts is the same. When the shared
   part is a frequent one (a radical such as 亻 or 氵, shared by more than ``_WIDE`` characters of
   the table) the differing parts must themselves look alike (Cangjie distance at most 1, or one
   contains the other): 休 ⿰亻木 / 体 ⿰亻本, but not 休 / 他. When the shared part is rarer (the
   phonetic of a series) any other part counts: 隐 ⿰阝急 / 稳 ⿰禾急, 径 / 经, 填 / 镇, 赠 / 增.
2. **one contains the other**: ``b`` is a part of ``a``'s description: 试 ⿰讠式 / 式,
   键 ⿰钅建 / 建, 警 ⿱敬言 / 敬.
3. **Cangjie distance 1**: the Cangjie codes differ by one insertion, deletion or substitution:
   局 SSR / 居 SJR, 入 OH / 人 O, 休 OD / 体 ODM.

Readings: toneless, ü written v, every reading of kTGHZ2013 (体 ti, 行 hang/heng/xing); the
sound-alikes (fuzzy initials and finals) are derived from them when the table is loaded.

Output: a header of ``#`` lines, then one line per character: ``char TAB readings (comma) TAB
look-alikes``.
"""

from __future__ import annotations

import bz2
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

#: a shared part used by more characters than this is a radical: the other parts must look alike
_WIDE = 24
#: the look-alikes listed are characters of levels 1 and 2 (the first 6,500 of the table)
_COMMON = 6500

IDC = set("⿰⿱⿲⿳⿴⿵⿶⿷⿸⿹⿺⿻⿼⿽⿾⿿㇯")


def unihan(folder: Path, fields: set[str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for path in sorted(folder.glob("Unihan_*.txt.bz2")):
        with bz2.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                code, field, value = line.rstrip("\n").split("\t", 2)
                if field in fields:
                    out[chr(int(code[2:], 16))][field] = value
    return out


def toneless(reading: str) -> str:
    reading = reading.replace("ü", "v").replace("Ü", "v")
    plain = unicodedata.normalize("NFD", reading)
    return "".join(c for c in plain if not unicodedata.combining(c)).lower()


def parse_ids(path: Path) -> dict[str, str]:
    """The first IDS of each character with a G (mainland) source, without ^ $ and sources."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        parts = line.split("\t")
        char, seqs = parts[1], parts[2:]
        best = None
        for seq in seqs:
            if not seq.startswith("^"):
                continue
            body, _, sources = seq[1:].partition("$")
            if best is None:
                best = body
            if "G" in sources:
                best = body
                break
        if best:
            out[char] = best
    return out


def split_top(ids: str) -> tuple[str, list[str]] | None:
    """The top configuration and its parts (each part a char or a nested sequence)."""
    if not ids or ids[0] not in IDC:
        return None
    idc = ids[0]
    arity = 3 if idc in "⿲⿳" else 2

    def parse(i: int) -> int:  # end of the sequence starting at i
        if ids[i] in IDC:
            n = 3 if ids[i] in "⿲⿳" else 2
            j = i + 1
            for _ in range(n):
                j = parse(j)
            return j
        return i + 1

    parts, i = [], 1
    try:
        for _ in range(arity):
            j = parse(i)
            parts.append(ids[i:j])
            i = j
    except IndexError:
        return None
    return idc, parts


def cangjie_close(a: str, b: str) -> bool:
    if not a or not b or a == b:
        return False
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def main(ids_path: Path, unihan_dir: Path) -> None:
    data = unihan(unihan_dir, {"kTGH", "kCangjie", "kTGHZ2013", "kMandarin"})
    table = sorted(
        (c for c, f in data.items() if "kTGH" in f),
        key=lambda c: int(data[c]["kTGH"].split(":")[1]),
    )
    members = set(table)
    rank = {c: i for i, c in enumerate(table)}
    #: levels 1 and 2 of the table (6,500 characters): the look-alikes listed; level 3 is rare
    common = set(table[:_COMMON])
    ids = parse_ids(ids_path)
    cangjie = {c: data[c].get("kCangjie", "") for c in data}

    def contains(whole: str, part: str) -> bool:
        return len(part) == 1 and part in ids.get(whole, "")

    def atomic(c: str) -> bool:
        return ids.get(c, "")[:1] not in IDC

    def cangjie_near(c: str, d: str) -> bool:
        """Cangjie distance 1 on codes long enough to say something: a substitution in codes of 3+
        letters, an insertion into a code of 2+ letters, or two undecomposable characters (入/人)."""
        x, y = cangjie.get(c, ""), cangjie.get(d, "")
        if not cangjie_close(x, y):
            return False
        if len(x) == len(y):
            return len(x) >= 3
        return min(len(x), len(y)) >= 2 or (atomic(c) and atomic(d))

    def parts_alike(x: str, y: str) -> bool:
        if len(x) != 1 or len(y) != 1:
            return False
        return cangjie_near(x, y) or contains(x, y) or contains(y, x)

    alike: dict[str, set[str]] = {c: set() for c in table}
    # 1. one component differs
    by_slot: dict[tuple[str, int, str], list[tuple[str, str]]] = defaultdict(list)
    for c in table:
        top = split_top(ids.get(c, ""))
        if top is None or len(top[1]) != 2:
            continue
        idc, (p, q) = top
        by_slot[(idc, 0, p)].append((c, q))
        by_slot[(idc, 1, q)].append((c, p))
    for (_idc, _slot, _shared), group in by_slot.items():
        wide = len(group) > _WIDE
        for c, x in group:
            for d, y in group:
                if c != d and (not wide or parts_alike(x, y)):
                    alike[c].add(d)
    # 2. one contains the other (as a top-level part)
    for c in table:
        top = split_top(ids.get(c, ""))
        if top is None:
            continue
        for part in top[1]:
            # a large part only (式 in 试, 建 in 键): 口 or 木 is a part of hundreds of characters
            if (
                part in members
                and part != c
                and len(cangjie.get(part, "")) >= max(2, len(cangjie.get(c, "")) - 2)
            ):
                alike[c].add(part)
                alike[part].add(c)
    # 3. Cangjie distance 1
    by_key: dict[str, list[str]] = defaultdict(list)
    by_code: dict[str, list[str]] = defaultdict(list)
    for c in table:
        code = cangjie.get(c, "")
        if not code:
            continue
        by_code[code].append(c)
        for i in range(len(code)):
            by_key[code[:i] + "?" + code[i + 1 :]].append(c)
    for group in by_key.values():
        for c in group:
            alike[c].update(d for d in group if d != c and cangjie_near(c, d))
    for c in table:
        code = cangjie.get(c, "")
        for i in range(len(code)):
            for d in by_code.get(code[:i] + code[i + 1 :], ()):
                if d != c and cangjie_near(c, d):
                    alike[c].add(d)
                    alike[d].add(c)

    out = sys.stdout
    out.write(
        "# confusables.txt — look-alike characters and readings of the 8,105 characters of 通用规范汉字表\n"
        "# Generated by scripts/build_confusables.py (see its docstring for the derivation); do not edit.\n"
        "# Sources:\n"
        "#  - BabelStone IDS, IDS.TXT (Unicode 16.0), https://babelstone.co.uk/CJK/IDS.TXT, by Andrew West:\n"
        "#    'IDS sequences in themselves are not eligible for copyright protection ... anyone is free to\n"
        "#    make use of the IDS data provided in this file for personal or commercial purposes without\n"
        "#    asking permission or providing attribution.'\n"
        "#  - Unihan 15.0 (kTGH, kCangjie, kTGHZ2013, kMandarin), Unicode Character Database,\n"
        "#    Debian package unicode-data 15.0.0-1. MODIFIED: this file holds data derived from the\n"
        "#    Unihan data files (readings without tones, look-alikes computed from Cangjie codes).\n"
        "#    Copyright © 1991-2022 Unicode, Inc. All rights reserved. Distributed under the Terms of\n"
        "#    Use in https://www.unicode.org/copyright.html.\n"
        "#    Permission is hereby granted, free of charge, to any person obtaining a copy of the\n"
        '#    Unicode data files and any associated documentation (the "Data Files") or Unicode\n'
        '#    software and any associated documentation (the "Software") to deal in the Data Files or\n'
        "#    Software without restriction, including without limitation the rights to use, copy,\n"
        "#    modify, merge, publish, distribute, and/or sell copies of the Data Files or Software, and\n"
        "#    to permit persons to whom the Data Files or Software are furnished to do so, provided that\n"
        "#    (a) the above copyright notice(s) and this permission notice appear with all copies of the\n"
        "#    Data Files or Software, (b) both the above copyright notice(s) and this permission notice\n"
        "#    appear in associated documentation, and (c) there is clear notice in each modified Data\n"
        "#    File or in the Software as well as in the documentation associated with the Data File(s)\n"
        "#    or Software that the data or software has been modified.\n"
        '#    THE DATA FILES AND SOFTWARE ARE PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS\n'
        "#    OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A\n"
        "#    PARTICULAR PURPOSE AND NONINFRINGEMENT OF THIRD PARTY RIGHTS. IN NO EVENT SHALL THE\n"
        "#    COPYRIGHT HOLDER OR HOLDERS INCLUDED IN THIS NOTICE BE LIABLE FOR ANY CLAIM, OR ANY\n"
        "#    SPECIAL INDIRECT OR CONSEQUENTIAL DAMAGES, OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF\n"
        "#    USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS\n"
        "#    ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THE DATA FILES OR\n"
        "#    SOFTWARE.\n"
        "#    Except as contained in this notice, the name of a copyright holder shall not be used in\n"
        "#    advertising or otherwise to promote the sale, use or other dealings in these Data Files or\n"
        "#    Software without prior written authorization of the copyright holder.\n"
        "# Format: char TAB toneless readings (comma-separated) TAB look-alike characters of levels 1-2\n"
    )
    for c in table:
        f = data[c]
        if "kTGHZ2013" in f:
            raw = [r.split(":", 1)[1] for r in f["kTGHZ2013"].split()]
            readings = [toneless(x) for r in raw for x in r.split(",")]
        else:
            readings = [toneless(r) for r in f.get("kMandarin", "").split()]
        readings = list(dict.fromkeys(r for r in readings if r))
        near = "".join(sorted(alike[c] & common, key=rank.__getitem__))
        out.write(f"{c}\t{','.join(readings)}\t{near}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

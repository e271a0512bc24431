#!/usr/bin/env python3
"""Development measure for T102 (issue 13): recall on injected one-character slips, seeded.

Takes sentences of ../shared/corpus (or DIR), replaces one character of a common word (jieba
frequency >= 1000) by a look-alike or sound-alike of level 1 of 通用规范汉字表 from
lint/language/data/confusables.txt (so that the result is not a word), and counts how many T102
finds when each sentence is checked alone, and with the correct sentence as a second document;
also how many of the correct sentences it flags. A development set: do not tune to a test set.

    .venv/bin/python scripts/measure_typo_recall.py [--seed 13] [--n 100] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import random
import re
from functools import cache
from pathlib import Path

from factlint.engine.core import Engine
from factlint.inputs.reading import document_for
from factlint.language.confusables import confusables
from factlint.language.lexicon import lexicon
from factlint.project.config import Config
from factlint.rules import BY_CODE

ROOT = Path(__file__).resolve().parent.parent
HAN = re.compile(r"[\u4e00-\u9fff]")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument(
        "--documents",
        type=int,
        default=0,
        metavar="K",
        help="instead: K slips in each whole report of the corpus, each report checked alone",
    )
    parser.add_argument(
        "--alike",
        choices=("any", "shape", "sound"),
        default="any",
        help="with --documents: slips by look-alikes only, sound-alikes only, or either",
    )
    parser.add_argument("--verbose", action="store_true", help="with --documents: the missed slips")
    args = parser.parse_args()
    if args.documents:
        return whole_documents(args)
    import jieba

    jieba.setLogLevel(60)
    rng = random.Random(args.seed)
    lex = lexicon()
    sentences = [
        s.strip()
        for p in sorted(args.corpus.glob("*.txt"))
        for s in re.split(r"(?<=[。；！？])", p.read_text(encoding="utf-8"))
        if 20 <= len(s.strip()) <= 120 and len(HAN.findall(s)) > 15
    ]
    rng.shuffle(sentences)
    cases = []
    for s in sentences:
        if len(cases) >= args.n:
            break
        words = jieba.lcut(s, HMM=False)
        common = [
            (i, w)
            for i, w in enumerate(words)
            if len(w) == 2 and lex.get(w) >= 1000 and all(HAN.match(c) for c in w)
        ]
        if not common:
            continue
        i, w = rng.choice(common)
        pos = rng.randrange(2)
        alts = _alikes(w, pos, "any")
        if not alts:
            continue
        c = rng.choice(alts)
        at = sum(map(len, words[:i])) + pos
        cases.append((s, s[:at] + c + s[at + 1 :], at))
    engine = Engine([BY_CODE["T102"]], Config())
    alone = paired = clean = 0
    for good, bad, at in cases:
        found = engine.check([document_for("a.txt", bad)])
        alone += any(f.span.start <= at < f.span.end for f in found)
        found = engine.check([document_for("a.txt", bad), document_for("b.txt", good)])
        paired += any(f.path == "a.txt" and f.span.start <= at < f.span.end for f in found)
        clean += bool(engine.check([document_for("a.txt", good)]))
    n = len(cases)
    print(f"seed {args.seed}: {n} slips; found alone {alone}, with the correct sentence {paired}")
    print(f"correct sentences flagged: {clean}/{n}")


@cache
def _level1() -> frozenset[str]:
    """Level 1 of 通用规范汉字表: the table file lists its characters in the table's order."""
    return frozenset(list(confusables().readings)[:3500])


def _alikes(word: str, pos: int, kind: str) -> list[str]:
    """The characters of level 1 of 通用规范汉字表 that look or sound like ``word[pos]`` (only
    those that look alike with ``kind`` "shape", sound alike with "sound") and do not make
    another word of the dictionary."""
    table, lex = confusables(), lexicon()
    level1 = _level1()
    char = word[pos]
    return sorted(
        c
        for c in table.alikes(char)
        if c in level1
        and word[:pos] + c + word[pos + 1 :] not in lex
        and (kind != "shape" or table.look_alike(c, char))
        and (kind != "sound" or table.sound_alike(c, char))
    )


def whole_documents(args: argparse.Namespace) -> None:
    """K one-character slips of frequent words (jieba frequency >= 1000) in each whole report,
    spread over the report, each report checked alone: how many are found, and how many findings
    fall elsewhere (beyond those of the unchanged report)."""
    import jieba

    jieba.setLogLevel(60)
    rng = random.Random(args.seed)
    lex = lexicon()
    engine = Engine([BY_CODE["T102"]], Config())
    total = found = extra = unchanged = 0
    for path in sorted(args.corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        before = {(f.span.start, f.span.end) for f in engine.check([document_for("a.txt", text)])}
        unchanged += len(before)
        if args.verbose:
            for start, end in sorted(before):
                print("unchanged report:", path.name, text[start - 4 : end + 4].replace("\n", " "))
        words, at = [], 0
        for w in jieba.cut(text, HMM=False):
            if len(w) == 2 and lex.get(w) >= 1000 and all(HAN.match(c) for c in w):
                words.append((at, w))
            at += len(w)
        rng.shuffle(words)
        chars = list(text)
        planted: list[int] = []
        for start, w in words:
            if len(planted) >= args.documents:
                break
            if any(abs(start - p) < 40 for p in planted):
                continue
            pos = rng.randrange(2)
            alts = _alikes(w, pos, args.alike)
            if not alts:
                continue
            chars[start + pos] = rng.choice(alts)
            planted.append(start + pos)
        findings = engine.check([document_for("a.txt", "".join(chars))])
        hit = [p for p in planted if any(f.span.start <= p < f.span.end for f in findings)]
        if args.verbose:
            for p in planted:
                if p not in hit:
                    print(
                        "missed",
                        text[p - 4 : p]
                        + "["
                        + chars[p]
                        + "/"
                        + text[p]
                        + "]"
                        + text[p + 1 : p + 5],
                    )
        total += len(planted)
        found += len(hit)
        extra += sum(
            1
            for f in findings
            if not any(f.span.start <= p < f.span.end for p in planted)
            and (f.span.start, f.span.end) not in before
        )
    print(
        f"seed {args.seed}: {total} slips in {len(list(args.corpus.glob('*.txt')))} reports;"
        f" found {found} ({found / max(total, 1):.0%}); other new findings {extra};"
        f" findings on the unchanged reports {unchanged}"
    )


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Build lint/language/data/report_words.txt and report_ngrams.txt: the two-character words and
the sequences of adjacent characters official reports use, counted over public-domain reports that
are not in ``../shared/corpus``.

jieba's dictionary is built from general text: it lacks much of the vocabulary of 政府工作报告
(职普融通, 批零住餐, 视情, 提质增效, 营商环境). This table fills that gap for T102: a pair the
reports use is not a slip, and a form the reports use often is a likely meant form.

Run by a maintainer when the sources change; neither the tests nor the program need the network or
the sources, only the file this writes.

    python3 scripts/build_report_words.py NATIONAL.jsonl PROVINCES_DIR lint/language/data

Sources (public domain: documents of state organs of a legislative or administrative nature,
PRC Copyright Law, Article 5; the repositories only collected them):

- ``government_work_reports.jsonl`` of github.com/aldohemsn/chinese-political-corpora (the State
  Council's 政府工作报告, scraped from zh.wikisource): every year from 1978 on that is *not* one of
  the corpus's years (2014, 2016, 2018, 2019, 2021–2025), so that the corpus stays a fair measure of
  false alarms.
- ``output/2026_raw_text/*.csv`` of github.com/johncodes404/china-provincial-gov-reports-2026 (the
  provinces' 2026 reports): the 23 provinces that are not in the corpus.

The reports are segmented by jieba (its dictionary and its HMM for words the dictionary lacks, such
as 职普 in 职普融通), and the two-character Chinese words are counted: a pair that only spans two
words (退休|制度 gives 休制) is not counted, so that it does not vouch for a slip (监管休制). A word is
kept when it occurs at least ``MIN_COUNT`` times in at least ``MIN_DOCUMENTS`` reports (one report's
name or typo does not make a word established). Output: a header of ``#`` lines, then ``word TAB
count`` per line, sorted by word.

``report_ngrams.txt`` counts every pair and triple of adjacent Chinese characters, within and across
words (显著|提升 gives 著提 and 著提升), kept by the same rule, and every single character: a
character model of report language, for the slips the word model is unsure of.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from pathlib import Path

import regex

HAN_RUN = regex.compile(r"\p{Han}{2,}")
MIN_COUNT = 2
MIN_DOCUMENTS = 2
#: the corpus's national years and provinces: left out
CORPUS_YEARS = {"2014", "2016", "2018", "2019", "2021", "2022", "2023", "2024", "2025"}
CORPUS_PROVINCES = ("青海", "西藏", "新疆", "广东", "江苏", "上海", "浙江", "四川")
#: the Wikisource licence notice at the end of each national report
FOOTER = "本作品来自"


def national(path: Path) -> list[str]:
    texts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        year, text = record.get("year"), record.get("content") or ""
        if not year or int(year) < 1978 or year in CORPUS_YEARS:
            continue
        texts.append(text.split(FOOTER)[0])
    return texts


def provinces(folder: Path) -> list[str]:
    csv.field_size_limit(1 << 24)
    texts = []
    for path in sorted(folder.glob("2026_*.csv")):
        if any(name in path.name for name in CORPUS_PROVINCES):
            continue
        with path.open(encoding="utf-8-sig", newline="") as f:
            texts.extend(row["full_text"] for row in csv.DictReader(f))
    return texts


def main() -> None:
    texts = national(Path(sys.argv[1])) + provinces(Path(sys.argv[2]))
    out_dir = Path(sys.argv[3])
    import jieba

    jieba.setLogLevel(60)
    words: Counter[str] = Counter()
    word_documents: Counter[str] = Counter()
    grams: Counter[str] = Counter()  # pairs and triples of adjacent characters
    gram_documents: Counter[str] = Counter()
    singles: Counter[str] = Counter()
    chars = 0
    for text in texts:
        seen_words: set[str] = set()
        seen_grams: set[str] = set()
        for m in HAN_RUN.finditer(text):
            run = m.group()
            chars += len(run)
            singles.update(run)
            found = [w for w in jieba.lcut(run, HMM=True) if len(w) == 2]
            words.update(found)
            seen_words.update(found)
            adjacent = [run[i : i + n] for n in (2, 3) for i in range(len(run) - n + 1)]
            grams.update(adjacent)
            seen_grams.update(adjacent)
        word_documents.update(seen_words)
        gram_documents.update(seen_grams)
    header = (
        f"# Built by scripts/build_report_words.py (its docstring: sources, licence).\n"
        f"# {len(texts)} reports, {chars} Chinese characters; kept: at least {MIN_COUNT}"
        f" times in at least {MIN_DOCUMENTS} reports.\n"
    )
    kept = sorted(
        w for w, n in words.items() if n >= MIN_COUNT and word_documents[w] >= MIN_DOCUMENTS
    )
    with (out_dir / "report_words.txt").open("w", encoding="utf-8") as f:
        f.write("# Two-character words of official reports: word TAB count.\n" + header)
        f.writelines(f"{w}\t{words[w]}\n" for w in kept)
    kept = sorted(
        g for g, n in grams.items() if n >= MIN_COUNT and gram_documents[g] >= MIN_DOCUMENTS
    )
    with (out_dir / "report_ngrams.txt").open("w", encoding="utf-8") as f:
        f.write(
            "# Adjacent Chinese characters of official reports, within and across words: pairs"
            " and triples TAB count; single characters TAB count (all of them).\n" + header
        )
        f.writelines(f"{c}\t{n}\n" for c, n in sorted(singles.items()))
        f.writelines(f"{g}\t{grams[g]}\n" for g in kept)


if __name__ == "__main__":
    main()

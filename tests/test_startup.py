"""Start-up (issue 15): what a run imports, and the precompiled snapshots (factlint.text.snapshots)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from factlint.text import snapshots

#: modules a clean run of ``check`` on an empty file must not import: each costs 5-250 ms
HEAVY = (
    "rich",
    "rapidfuzz",
    "cn2an",
    "jieba",
    "pypinyin",
    "docx",
    "lxml",
    "multiprocessing",
    "concurrent.futures",
    "tomllib",
    "xml.etree.ElementTree",
)


def _run(code: str, env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    env["FACTLINT_CACHE_DIR"] = str(tmp_path / "cache")
    env.pop(snapshots.DISABLE, None)
    return env


_MODULES_AFTER = (
    "import sys, json, contextlib, io\n"
    "from factlint.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    try:\n"
    "        code = main({argv!r})\n"
    "    except SystemExit as exc:  # --version, --help\n"
    "        code = exc.code\n"
    "print(json.dumps([code, sorted(sys.modules)]))\n"
)


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--jobs", "2", "empty.txt"],
        ["--version"],
        ["--help"],
        ["rules", "--format", "json"],
    ],
)
def test_start_up_imports_nothing_heavy(tmp_path: Path, argv: list[str]) -> None:
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "empty.txt").write_text("", encoding="utf-8")
    code = _MODULES_AFTER.format(argv=argv)
    status, modules = json.loads(_run(code, _env(tmp_path), proj))
    assert status == 0
    heavy = [m for m in HEAVY if m in modules]
    assert not heavy, f"{argv} imported {heavy}"
    if argv[0] != "check":  # neither the rules nor the engine for a listing
        assert "factlint.engine.runner" not in modules


#: what ``check`` on empty files must not import: no rule (their listing only), no engine but its
#: core, no fact, no view of a text, no cache, no regex (nor its snapshot of patterns)
_NOT_ON_AN_EMPTY_RUN = (
    "factlint.rules.",  # every rule module (factlint.rules._manifest lists them)
    "factlint.engine.runner",
    "factlint.engine.cache",
    "factlint.engine.suppressions",
    "factlint.engine.fixing",
    "factlint.facts.corpus",
    "factlint.facts.figures",
    "factlint.language",
    "factlint.text.directives",
    "factlint.project.baseline",
    "factlint.inputs.writing",
    "factlint.cli.fixes",
    "factlint.text.blocks",
    "factlint.text.patterns",
    "regex",
    "hashlib",
)


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "empty.txt"],
        ["check", "--no-cache", "--jobs", "1", "empty.txt", "empty.md"],
        # selectors by name are checked against the listing, not the modules
        ["check", "--format", "json", "--select", "D1,confusable-variant", "--ignore", "N", "."],
    ],
)
def test_a_run_on_empty_files_imports_no_rule_and_no_engine(
    tmp_path: Path, argv: list[str]
) -> None:
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "empty.txt").write_text("", encoding="utf-8")
    (proj / "empty.md").write_text("", encoding="utf-8")
    status, modules = json.loads(_run(_MODULES_AFTER.format(argv=argv), _env(tmp_path), proj))
    assert status == 0
    listing = "factlint.rules._manifest"
    imported = [
        m
        for m in modules
        for heavy in _NOT_ON_AN_EMPTY_RUN
        if m != listing and (m == heavy or m.startswith(heavy))
    ]
    assert imported == [] and listing in modules


def test_a_run_whose_results_are_all_cached_imports_no_rule(tmp_path: Path) -> None:
    """The cache's keys are made of the rules' listings (their default options' repr included):
    once a file's results are cached, checking it again imports no rule's module."""
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "report.txt").write_text(
        "全年完成投资5亿元,同比增长。\n\n我市有 3所学校。\n", encoding="utf-8"
    )
    code = _MODULES_AFTER.format(argv=["check", "report.txt"])
    env = _env(tmp_path)
    status, first = json.loads(_run(code, env, proj))
    assert status == 1 and "factlint.rules.confusable_variant" in first  # findings: rules ran
    status, again = json.loads(_run(code, env, proj))
    assert status == 1
    assert [m for m in again if m.startswith("factlint.rules.")] == ["factlint.rules._manifest"]


def test_no_rule_finds_anything_in_an_empty_document() -> None:
    """What lets a run on empty files import no rule (factlint.api.run_checks, the command line):
    on documents without text, in every format, no rule reports anything."""
    from factlint.engine.core import Engine
    from factlint.rule import Rule
    from factlint.rules import REGISTRY
    from factlint.text.document import Document
    from factlint.text.formats import FORMATS

    rules = [Rule.listed(r.module, r.listing) for r in REGISTRY]  # none loaded yet
    engine = Engine(rules)
    for fmt in FORMATS:
        documents = [Document(f"{n}.{fmt.name}", "", fmt) for n in range(3)]
        assert engine.check(documents) == [], fmt.name
    # every rule ran (X100 runs only on suppression comments, which an empty text has none of)
    assert [r.code for r in rules if not r.loaded] == ["X100"]


#: what ``factlint …`` does at start-up (a plain ``import factlint`` does not: see below), asked for
#: by the programs of the tests of the mechanisms, which inspect their state
_OPT_IN = "import factlint\nfactlint.patch_stdlib()\n"

_DATACLASSES = (
    _OPT_IN + "import dataclasses, json\n"
    "from factlint.model import Message, Span, Severity\n"
    "from factlint.text import snapshots\n"
    "from factlint.rules import BY_CODE\n"
    "rule = BY_CODE['D101'].load()\n"
    "span = Span(3, 5)\n"
    "print(json.dumps([\n"
    "    repr(span), repr(Message('甲', 'a')), span < Span(3, 6), hash(span) == hash(Span(3, 5)),\n"
    "    repr(rule.meta)[:60], [f.name for f in dataclasses.fields(rule.options_type)],\n"
    "    dataclasses.replace(span, end=9).end,\n"
    "    getattr(dataclasses, 'exec', None) is snapshots._exec, len(snapshots._code_used),\n"
    "    snapshots._code_new,\n"
    "], ensure_ascii=False))\n"
)


def test_the_dataclasses_methods_are_compiled_once_then_taken_from_their_snapshot(
    tmp_path: Path,
) -> None:
    env = _env(tmp_path)
    *first, installed, used, new = json.loads(_run(_DATACLASSES, env, tmp_path))
    assert installed and used > 20 and new  # compiled, and written at exit
    (path,) = (tmp_path / "xdg" / "factlint" / "snapshots").glob("dataclass-methods-*.bin")
    written = path.stat().st_mtime_ns
    *second, installed, again, new = json.loads(_run(_DATACLASSES, env, tmp_path))
    assert second == first and installed and again == used and not new
    assert path.stat().st_mtime_ns == written  # nothing new: not written again
    env[snapshots.DISABLE] = "1"
    *third, installed, _, _ = json.loads(_run(_DATACLASSES, env, tmp_path))
    assert third == first and not installed  # snapshots off: dataclasses left alone


def test_a_host_programs_dataclasses_are_compiled_as_usual(tmp_path: Path) -> None:
    """A program that imports factlint defines its own dataclasses with the builtin ``exec``:
    their code is neither taken from factlint's snapshot nor written into it."""
    code = (
        _OPT_IN + "import dataclasses, json, marshal\n"
        "import factlint.model\n"
        "from factlint.text import snapshots\n"
        "@dataclasses.dataclass(frozen=True)\n"
        "class HostRecord:\n"
        "    host_field_name: int\n"
        "used = [s for s in snapshots._code_used if 'host_field_name' in s]\n"
        "snapshots.save_dataclass_code()\n"
        "body = snapshots.read(snapshots._CODE, snapshots._code_key())\n"
        "kept = marshal.loads(body) if body is not None else {}\n"
        "print(json.dumps([HostRecord(3).host_field_name, len(used),\n"
        "    any('host_field_name' in s for s in kept), len(kept) > 0]))\n"
    )
    assert json.loads(_run(code, _env(tmp_path), tmp_path)) == [3, 0, False, True]


def test_version_and_help_import_no_rule(tmp_path: Path) -> None:
    code = (
        "import sys, contextlib, io\n"
        "from factlint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--version'])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('factlint.rules', 'regex'))))\n"
    )
    assert _run(code, _env(tmp_path), tmp_path).strip() == "[]"


# ---- snapshots of tables -------------------------------------------------------------------------


def test_a_table_is_built_once_then_loaded(cache_home: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, tuple[str, ...]]:
        calls.append(1)
        return {"援": ("接", "暖"), "入": ("人",)}

    first = snapshots.cached("test-table", ["source v1"], build)
    second = snapshots.cached("test-table", ["source v1"], build)
    assert first == second == {"援": ("接", "暖"), "入": ("人",)}
    assert len(calls) == 1
    (entry,) = cache_home.iterdir()
    assert entry.stat().st_mode & 0o777 in (0o600, 0o644)
    # another source: another snapshot, built again
    assert snapshots.cached("test-table", ["source v2"], build) == first
    assert len(calls) == 2


def test_the_newest_snapshots_of_a_table_are_kept_for_several_installations(
    cache_home: Path,
) -> None:
    """Two installations (two venvs, two worktrees) key one table differently: running one keeps
    the other's snapshot, up to ``KEEP`` of them; the older ones are removed."""
    import os

    calls: list[str] = []

    def build(tag: str) -> dict[str, str]:
        calls.append(tag)
        return {"tag": tag}

    installs = snapshots.KEEP + 2
    for n in range(installs):
        snapshots.cached("test-table", [f"install {n}"], lambda n=n: build(str(n)))
        path = snapshots._path("test-table", snapshots.key_of("test-table", [f"install {n}"]))
        os.utime(path, ns=(n * 10**9, n * 10**9))  # written in this order, a second apart
    assert len(list(cache_home.iterdir())) == snapshots.KEEP
    calls.clear()
    # the newest installations read theirs again without building; the oldest builds again
    for n in range(installs - snapshots.KEEP, installs):
        assert snapshots.cached("test-table", [f"install {n}"], lambda: build("again")) == {
            "tag": str(n)
        }
    assert calls == []
    assert snapshots.cached("test-table", ["install 0"], lambda: build("again")) == {"tag": "again"}


def test_a_snapshot_off_or_unwritable_or_damaged_is_built_in_memory(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def build() -> list[int]:
        calls.append(1)
        return [1, 2, 3]

    monkeypatch.setenv(snapshots.DISABLE, "1")
    assert snapshots.cached("t", ["a"], build) == [1, 2, 3]
    assert not cache_home.exists()
    monkeypatch.delenv(snapshots.DISABLE)
    # damaged: built again and rewritten
    assert snapshots.cached("t", ["a"], build) == [1, 2, 3]
    (entry,) = cache_home.iterdir()
    header = entry.read_bytes().split(b"\n", 1)[0]
    entry.write_bytes(header + b"\n\xff\xfe not marshal")
    assert snapshots.cached("t", ["a"], build) == [1, 2, 3]
    assert len(calls) == 3
    assert snapshots.cached("t", ["a"], build) == [1, 2, 3]
    assert len(calls) == 3
    # writable by others: not trusted
    entry.chmod(0o666)
    assert snapshots.cached("t", ["a"], build) == [1, 2, 3]
    assert len(calls) == 4


def test_an_unwritable_cache_folder_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # factlint/ cannot be made under a file
    monkeypatch.delenv(snapshots.DISABLE, raising=False)
    assert snapshots.cached("t", ["a"], lambda: {"x": 1}) == {"x": 1}


# ---- the snapshot of regex patterns --------------------------------------------------------------

_PATTERNS = (
    "import sys, json\n"
    "from regex import _main\n"
    "parsed = []\n"
    "original = _main._parse_pattern\n"
    "def counting(*a):\n"
    "    parsed.append(1)\n"
    "    return original(*a)\n"
    "_main._parse_pattern = counting\n"
    "import factlint.rules\n"
    "factlint.rules.load()\n"
    "from factlint.text import snapshots\n"
    "from factlint.facts import figures\n"
    "import regex\n"
    "p = figures.__dict__\n"
    "compiled = {k: [v.pattern, v.flags, v.groupindex, v.findall('2024年增长12.5%，达3.2亿元')]\n"
    "            for k, v in sorted(p.items()) if isinstance(v, regex.Pattern)}\n"
    "print(json.dumps([len(parsed), compiled], ensure_ascii=False))\n"
)


def test_the_patterns_are_compiled_once_and_then_loaded_the_same(tmp_path: Path) -> None:
    env = _env(tmp_path)
    first_parsed, first = json.loads(_run(_PATTERNS, env, tmp_path))
    assert first_parsed > 50  # compiled from the patterns' text
    assert list((tmp_path / "xdg" / "factlint" / "snapshots").glob("regex-patterns-*.bin"))
    second_parsed, second = json.loads(_run(_PATTERNS, env, tmp_path))
    assert second_parsed < 10  # loaded: (almost) nothing parsed again
    assert second == first and len(first) > 5
    env[snapshots.DISABLE] = "1"
    third_parsed, third = json.loads(_run(_PATTERNS, env, tmp_path))
    assert third_parsed == first_parsed and third == first


def test_the_pattern_snapshot_is_installed_when_regex_is_first_imported(tmp_path: Path) -> None:
    """A document is made without regex; the first module that imports it installs the snapshot
    (regex's version, part of its key, known by then): the second run loads every pattern and
    writes nothing."""
    code = (
        "import sys\n"
        "from factlint.text.document import Document\n"
        "Document('a.txt', '')\n"
        "assert 'regex' not in sys.modules\n"
        "import factlint.rules\n"
        "factlint.rules.load()\n"
        "from factlint.text import snapshots\n"
        "print(len(snapshots._known), len(snapshots._requested))\n"
    )
    env = _env(tmp_path)
    _run(code, env, tmp_path)
    (path,) = (tmp_path / "xdg" / "factlint" / "snapshots").glob("regex-patterns-*.bin")
    written = path.stat().st_mtime_ns
    known, requested = map(int, _run(code, env, tmp_path).split())
    assert known > 50 and known <= requested
    assert path.stat().st_mtime_ns == written


def test_the_pattern_snapshot_keeps_only_what_the_imports_compile(tmp_path: Path) -> None:
    """A pattern in the snapshot that the imports no longer compile (an older version's) is dropped
    when the snapshot is saved again, and one compiled after the imports is never added: the
    snapshot does not grow with every version and every document."""
    import marshal

    env = _env(tmp_path)
    _run("import factlint.rules\nfactlint.rules.load()", env, tmp_path)
    (path,) = (tmp_path / "xdg" / "factlint" / "snapshots").glob("regex-patterns-*.bin")

    def patterns() -> set[str]:
        body = path.read_bytes().split(b"\n", 1)[1]
        return {entry[0] for entry in marshal.loads(body)}

    compiled = patterns()
    assert len(compiled) > 5
    # an older version's pattern, left in the snapshot
    key, body = path.read_bytes().split(b"\n", 1)
    entries = marshal.loads(body)
    stale = ("陈旧的模式", *entries[0][1:])
    path.write_bytes(key + b"\n" + marshal.dumps([*entries, stale]))
    assert "陈旧的模式" in patterns()
    code = (
        "import factlint.rules, regex\nfactlint.rules.load()\nregex.compile('文稿里的模式\\d+')\n"
    )
    _run(code, env, tmp_path)
    assert patterns() == compiled
    _run(code, env, tmp_path)  # and it stays so
    assert patterns() == compiled


def test_the_patterns_the_imports_compile_are_the_same_in_every_process(tmp_path: Path) -> None:
    """Patterns built from sets (units, names) list their words in a fixed order: with string
    hashing seeded differently in each process, the snapshot would otherwise hold other strings
    than the next process asks for, and every run would compile them again."""
    code = (
        "import factlint.rules, json\n"
        "factlint.rules.load()\n"
        "from factlint.text import snapshots\n"
        "print(json.dumps(sorted(p for p, _ in snapshots._requested)))\n"
    )
    seen = []
    for seed in ("1", "2", "3"):
        env = _env(tmp_path / seed)
        env["PYTHONHASHSEED"] = seed
        seen.append(json.loads(_run(code, env, tmp_path)))
    assert len(seen[0]) > 50
    assert seen[0] == seen[1] == seen[2]


def test_a_clean_run_prints_the_summary_as_rich_would(monkeypatch: pytest.MonkeyPatch) -> None:
    from factlint.reporters import Problem, Report, full
    from rich.console import Console
    from rich.text import Text

    monkeypatch.delenv("NO_COLOR", raising=False)
    reports = [
        Report([], {}, files=1, seconds=0.25),
        Report([], {}, files=0, seconds=0.0),
        Report([], {}, files=3, seconds=1.5, known=2, below=1, min_severity="warning"),
        Report([], {}, files=2, problems=[Problem("a.txt", "unreadable")]),
        Report([], {}, files=0, problems=[Problem("a.txt", "unreadable")]),
    ]
    for report in reports:
        for lang in ("zh", "en"):
            report.lang = lang
            fast = full.render(report, color=False)
            # what the rich console of full.render prints for the summary line
            text, _ = full.summary_text(report)
            assert fast == text + "\n"
            buffer = io.StringIO()
            Console(file=buffer, no_color=True, width=200, soft_wrap=True).print(
                Text(text, style="bold")
            )
            assert buffer.getvalue() == fast


def test_the_tables_from_their_snapshots_are_the_tables_built(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factlint.language import confusables, lexicon, misuses, reports

    loaders = (
        lexicon.lexicon,
        lexicon._four_corner,
        lexicon._usual_readings,
        lexicon.usual_reading,
        reports.report_characters,
        reports.report_words,
        reports.common_report_words,
        reports._parsed_words,
        lexicon.same_shape_words,
        lexicon.common_words,
        lexicon.characters_by_confusion_key,
        lexicon._keys_by_character,
        lexicon.slip_candidates,
        confusables.confusables,
        misuses.builtin_misuses,
    )

    def tables() -> list[object]:
        for loader in loaders:
            loader.cache_clear()
        lex = lexicon.lexicon()
        table = confusables.confusables()
        model = reports.report_characters()
        return [
            dict(lexicon._four_corner()),
            {c: lexicon.usual_reading(c) for c in table.readings},
            (dict(model.grams), model.singles, model.characters),
            (dict(reports.report_words().counts), reports.report_words().characters),
            reports.common_report_words(20),
            lex.frequency,
            list(lex.frequency),  # the order too: the indexes below are built in it
            lex.total,
            lexicon.same_shape_words(500),
            lexicon.common_words(500),
            lexicon.characters_by_confusion_key(),
            # the keys read from the index are the keys computed (稳 and 隐 share a shape key)
            {c: lexicon.known_confusion_keys(c) for c in table.readings},
            lexicon.slip_candidates(),
            (table.shapes, table.readings, table.sounds),
            [
                (m.pattern.pattern, m.expected, m.unless, m.origin)
                for m in misuses.builtin_misuses()
            ],
        ]

    try:
        monkeypatch.setenv(snapshots.DISABLE, "1")
        built = tables()
        assert not cache_home.exists()
        monkeypatch.delenv(snapshots.DISABLE)
        first = tables()  # built, and saved
        names = {p.name.rsplit("-", 1)[0] for p in cache_home.iterdir()}
        assert {
            "lexicon-table",
            "lexicon-total",
            "four-corner",
            "usual-readings",
            "report-grams",
            "report-characters",
            "same-shape-table",
            "common-words-table",
            "confusion-keys-table",
            "confusion-keys-by-character",
            "slip-candidates-table",
            "confusable-shapes",
            "confusable-readings",
            "confusable-sounds",
            "misuse-entries",
            "report-words",
            "common-report-words",
        } <= names
        second = tables()  # loaded
        assert built == first == second
        # the large tables are mapped from their files, not loaded into dicts
        from factlint.text.tables import MappedTable

        assert isinstance(lexicon.lexicon().frequency, MappedTable)
        assert isinstance(reports.report_characters().grams, MappedTable)
        assert isinstance(lexicon._four_corner(), MappedTable)
        assert lexicon.lexicon().get("介入") > 0 and "介入" in lexicon.lexicon()
        readings = confusables.confusables().readings
        assert all(lexicon.known_confusion_keys(c) == lexicon.confusion_keys(c) for c in readings)
        candidates = lexicon.slip_candidates()
        assert all(frozenset(candidates[c]) == lexicon.candidates_of(c) for c in readings)
    finally:
        for loader in loaders:
            loader.cache_clear()


def test_a_plain_text_entry_compiles_its_pattern_only_when_used() -> None:
    from factlint.language.misuses import parse_entry

    entry = parse_entry({"pattern": "既使", "expected": "即使", "fail": ["既使"]}, "t")
    assert entry.pattern.pattern == "既使"
    assert entry.pattern._compiled is None  # type: ignore[attr-defined]
    assert entry.pattern.search("即使既使").span() == (2, 4)
    assert [(s.start, s.end) for s, _ in entry.matches("既使")] == [(0, 2)]
    assert entry == parse_entry({"pattern": "既使", "expected": "即使", "fail": ["既使"]}, "t")
    regex_entry = parse_entry({"pattern": "既[使]", "expected": "即使", "fail": ["既使"]}, "t")
    assert not hasattr(regex_entry.pattern, "_compiled")


def test_the_static_format_lists_are_what_the_reporter_modules_declare() -> None:
    from factlint.reporters import FORMATS, MODULES, NO_STATISTICS, REGISTRY, REVIEW

    assert tuple(REGISTRY) == FORMATS == tuple(MODULES)
    assert NO_STATISTICS == tuple(n for n, f in REGISTRY.items() if f.statistics is None)
    assert REVIEW == tuple(n for n, f in REGISTRY.items() if f.review)


# ---- the patterns of re --------------------------------------------------------------------------

_RE_PATTERNS = (
    _OPT_IN + "import json, re\n"
    "import factlint.facts.enumerations, factlint.facts.figures\n"
    "from factlint.text import snapshots\n"
    "compiled = {}\n"
    "for module in (factlint.facts.enumerations, factlint.facts.figures):\n"
    "    for name, value in sorted(vars(module).items()):\n"
    "        if isinstance(value, re.Pattern):\n"
    "            compiled[module.__name__ + '.' + name] = [value.pattern, value.flags,\n"
    "                dict(value.groupindex), value.groups,\n"
    "                [m.span() for m in value.finditer('2024年增长12.5%，达3.2亿元，以及和等')]]\n"
    "print(json.dumps([snapshots._re_installed, len(snapshots._re_entries),\n"
    "    len(snapshots._re_new), compiled], ensure_ascii=False))\n"
)


def test_the_re_patterns_are_compiled_once_then_loaded_the_same(tmp_path: Path) -> None:
    env = _env(tmp_path)
    installed, loaded, new, first = json.loads(_run(_RE_PATTERNS, env, tmp_path))
    assert installed and loaded == 0 and new > 10 and len(first) > 10  # compiled, saved at exit
    (path,) = (tmp_path / "xdg" / "factlint" / "snapshots").glob("re-patterns-*.bin")
    written = path.stat().st_mtime_ns
    installed, loaded, new, second = json.loads(_run(_RE_PATTERNS, env, tmp_path))
    assert installed and loaded > 10 and new == 0  # every pattern from the snapshot
    assert second == first
    assert path.stat().st_mtime_ns == written  # nothing new: not written again
    env[snapshots.DISABLE] = "1"
    installed, loaded, new, third = json.loads(_run(_RE_PATTERNS, env, tmp_path))
    assert not installed and third == first  # snapshots off: re left alone


def test_a_host_programs_re_patterns_are_not_kept(tmp_path: Path) -> None:
    """A pattern the program that imports factlint compiles is compiled as usual, and never
    written into factlint's snapshot; a damaged snapshot is compiled again and rewritten."""
    code = (
        _OPT_IN + "import json, re\n"
        "import factlint.facts.figures\n"
        "from factlint.text import snapshots\n"
        "p = re.compile('(?P<host>宿主程序的模式)\\\\d+')\n"
        "print(json.dumps([p.match('宿主程序的模式12').group('host'),\n"
        "    any('宿主' in pattern for pattern, _ in snapshots._re_new)], ensure_ascii=False))\n"
    )
    env = _env(tmp_path)
    assert json.loads(_run(code, env, tmp_path)) == ["宿主程序的模式", False]
    (path,) = (tmp_path / "xdg" / "factlint" / "snapshots").glob("re-patterns-*.bin")
    assert "宿主".encode() not in path.read_bytes()
    key = path.read_bytes().split(b"\n", 1)[0]
    path.write_bytes(key + b"\nnot marshal data")
    _, loaded, new, _ = json.loads(_run(_RE_PATTERNS, env, tmp_path))
    assert loaded == 0 and new > 10
    _, loaded, new, _ = json.loads(_run(_RE_PATTERNS, env, tmp_path))
    assert loaded > 10 and new == 0


# ---- only factlint's own command patches the standard library ------------------------------------

_STDLIB_SNAPSHOTS = ("dataclass-methods-*.bin", "re-patterns-*.bin")


def _stdlib_snapshots(tmp_path: Path) -> dict[str, int]:
    """The snapshots of the standard library's dataclass code and ``re`` programs written in the
    test's user cache folder, with their modification times."""
    folder = tmp_path / "xdg" / "factlint" / "snapshots"
    return {
        pattern.removesuffix("-*.bin"): path.stat().st_mtime_ns
        for pattern in _STDLIB_SNAPSHOTS
        for path in folder.glob(pattern)
    }


def test_importing_factlint_leaves_the_standard_library_alone(tmp_path: Path) -> None:
    """A program that imports factlint and checks a text keeps ``re``'s own compiler and
    ``dataclasses`` without an ``exec`` of factlint's; none of their snapshots is written."""
    code = (
        "import dataclasses, json, re\n"
        "compiler = getattr(re, '_compiler', None)\n"
        "original = getattr(compiler, 'compile', None)\n"
        "import factlint\n"
        "report = factlint.check_text('全年完成投资5亿元,同比增长。', name='draft.txt')\n"
        "re.compile('(?P<host>宿主)\\\\d+')\n"
        "print(json.dumps([len(report.diagnostics) > 0,\n"
        "    getattr(compiler, 'compile', None) is original, 'exec' in vars(dataclasses)]))\n"
    )
    assert json.loads(_run(code, _env(tmp_path), tmp_path)) == [True, True, False]
    assert _stdlib_snapshots(tmp_path) == {}
    # the opt-in does what the command does
    code = code.replace("import factlint\n", _OPT_IN)
    found, unchanged, has_exec = json.loads(_run(code, _env(tmp_path), tmp_path))
    assert found and has_exec
    assert unchanged is (not (3, 11) <= sys.version_info[:2] <= (3, 13))
    assert set(_stdlib_snapshots(tmp_path)) == {"dataclass-methods", "re-patterns"}


def _command_lines() -> list[list[str]]:
    """``python -m factlint``, and the console script when it is installed beside this Python
    (the venv of the tests)."""
    commands = [[sys.executable, "-m", "factlint"], [sys.executable, "-B", "-m", "factlint"]]
    script = Path(sys.executable).parent / ("factlint.exe" if os.name == "nt" else "factlint")
    if script.is_file():
        commands.append([str(script)])
    return commands


@pytest.mark.parametrize(
    "command", _command_lines(), ids=lambda c: " ".join([Path(c[0]).name, *c[1:]])
)
def test_the_command_patches_the_standard_library(tmp_path: Path, command: list[str]) -> None:
    """``python -m factlint`` and the console script install both: their snapshots are written by
    the first run (in a user cache folder of its own) and read, not written again, by the next."""
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    env = _env(tmp_path)
    argv = [*command, "check", "--no-cache", "empty.txt"]

    def run() -> None:
        subprocess.run(argv, env=env, cwd=tmp_path, capture_output=True, check=True)

    run()
    first = _stdlib_snapshots(tmp_path)
    expected = {"dataclass-methods"}
    if (3, 11) <= sys.version_info[:2] <= (3, 13):
        expected.add("re-patterns")
    assert set(first) == expected
    run()
    assert _stdlib_snapshots(tmp_path) == first  # read, nothing new to write
    for path in (tmp_path / "xdg").rglob("*.bin"):
        path.unlink()
    env[snapshots.DISABLE] = "1"
    run()
    assert _stdlib_snapshots(tmp_path) == {}  # snapshots off: the command leaves them alone


@pytest.mark.parametrize(
    ("argv", "orig_argv", "command"),
    [
        (["/venv/bin/factlint", "check"], ["/venv/bin/python", "/venv/bin/factlint"], True),
        (["factlint-script.py"], ["python", "factlint-script.py"], True),
        (["factlint.exe"], ["factlint.exe"], True),
        (["-m"], ["python", "-m", "factlint", "check"], True),
        (["-m"], ["python", "-m", "factlint.__main__"], True),
        (["-m"], ["python", "-Bm", "factlint"], True),
        (["-m"], ["python", "-mfactlint"], True),
        (["-m"], ["python", "-X", "importtime", "-W", "ignore", "-m", "factlint"], True),
        (["-m"], ["python", "-Ximporttime", "-Wignore", "-m", "factlint"], True),
        (["-m"], ["python", "--check-hash-based-pycs", "always", "-m", "factlint"], True),
        (["-m"], ["python", "-m", "factlintx"], False),
        (["-m"], ["python", "-m", "factlint.cli"], False),
        (["-m"], ["python", "-m", "myapp"], False),
        (["-m"], ["python", "-X", "-m", "-m", "myapp"], False),
        (["-m"], [], False),
        (["-c"], ["python", "-c", "import factlint", "-m", "factlint"], False),
        (["app.py", "-m", "factlint"], ["python", "app.py", "-m", "factlint"], False),
        (["/x/factlint.py"], ["python", "/x/factlint.py"], False),
        (["/venv/bin/pytest"], ["python", "/venv/bin/pytest"], False),
        ([""], ["python"], False),
        ([], ["python"], False),
    ],
)
def test_what_counts_as_factlints_own_command(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], orig_argv: list[str], command: bool
) -> None:
    monkeypatch.setattr(sys, "argv", argv)
    monkeypatch.setattr(sys, "orig_argv", orig_argv, raising=False)
    assert snapshots.started_as_command() is command


def test_a_spawned_worker_of_factlints_command_counts_as_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker that ``multiprocessing`` spawns (macOS, Windows) imports factlint with the parent's
    ``sys.argv`` and its own command line (``-c … --multiprocessing-fork``): under the console
    script, ``sys.argv[0]`` is the script; under ``python -m factlint``, the path of factlint's
    ``__main__.py`` (runpy set it), which is factlint's command too, and no other ``__main__.py``."""
    import factlint

    own = os.path.join(os.path.dirname(os.path.abspath(factlint.__file__)), "__main__.py")
    worker = [
        "python",
        "-c",
        "from multiprocessing.spawn import spawn_main",
        "--multiprocessing-fork",
    ]
    monkeypatch.setattr(sys, "orig_argv", worker, raising=False)
    for argv, command in (
        ([own, "check", "docs"], True),
        (["/venv/bin/factlint", "check"], True),
        ([os.path.join(os.path.dirname(own), "cli", "__main__.py")], False),
        (["/elsewhere/myapp/__main__.py"], False),
        (["/elsewhere/app.py"], False),
    ):
        monkeypatch.setattr(sys, "argv", argv)
        assert snapshots.started_as_command() is command, argv


def test_every_dataclass_has_a_docstring() -> None:
    """``dataclasses`` makes the docstring of a class without one from ``inspect.signature``, a
    tenth of a millisecond a class at start-up: factlint's own have theirs."""
    import dataclasses
    import importlib
    import inspect
    import pkgutil

    import factlint
    import factlint.rules

    missing = []
    for package in (factlint, factlint.rules):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            module = importlib.import_module(info.name)
            for cls in vars(module).values():
                if (
                    inspect.isclass(cls)
                    and dataclasses.is_dataclass(cls)
                    and cls.__module__ == module.__name__
                    and "__doc__" in vars(cls)
                    and cls.__doc__
                    and cls.__doc__.startswith(cls.__name__ + "(")
                ):
                    missing.append(f"{module.__name__}.{cls.__qualname__}")
    assert missing == []

"""``--jobs`` and the result cache (factlint.engine.runner, factlint.engine.cache), and inputs that cannot be read:
symbolic-link loops, broken links, pipes, unreadable and vanishing files."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest
from factlint import api
from factlint.engine import cache as cache_module
from factlint.engine import runner
from factlint.engine.cache import Cache, decode, encode
from factlint.engine.core import Engine
from factlint.facts.quantities import QUANTITIES
from factlint.facts.sheet import FactSheet
from factlint.inputs import reading
from factlint.inputs.reading import document_for
from factlint.model import Diagnostic, Fix, Location, Message, RelatedLocation, Severity, Span
from factlint.project.config import Config
from factlint.rules import BY_CODE, REGISTRY
from factlint.text.document import Document

from tests.cli_support import DEFECTS, run, write
from tests.conftest import MAC_BYTES, SEEDS, packed_entries, rewrite_packed_entries


def _seed_documents() -> list[Document]:
    """The two seeds, and three documents recombined from their paragraphs (in another order, so
    that cross-document rules find copies across files)."""
    docs = [
        document_for(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))
    ]
    paragraphs = [p for d in docs for p in d.text.split("\n\n") if p.strip()]
    for i in range(3):
        picked = paragraphs[i::3][::-1]
        docs.append(document_for(f"gen/{i}.md" if i == 2 else f"gen/{i}.txt", "\n\n".join(picked)))
    return docs


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return _seed_documents()


@pytest.fixture(scope="module")
def expected(documents: list[Document]) -> list[Diagnostic]:
    return Engine(list(REGISTRY)).check(documents)


def _fresh(documents: list[Document]) -> list[Document]:
    """The same texts without any computed views."""
    return [Document(d.path, d.text, d.format) for d in documents]


# ---- --jobs ---------------------------------------------------------------------------------------


def _parallel(monkeypatch: pytest.MonkeyPatch, cores: int = 2) -> None:
    """Small runs worth as many processes as asked, on a machine of ``cores`` cores."""
    monkeypatch.setattr(runner, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(runner, "CHARS_PER_PROCESS", 1)
    monkeypatch.setattr(runner, "default_jobs", lambda: cores)


@pytest.mark.parametrize(
    ("jobs", "cores", "forks", "workers", "offloaded"),
    [
        # two cores: the typo rules in a forked worker, the documents here
        (2, 2, True, 1, True),
        (10_000, 2, True, 1, True),  # never more processes than cores
        # four: the typo rules in one worker, the documents in the others
        (3, 4, True, 3, True),
        # no fork (spawn): the documents in the workers, every cross-document rule here
        (2, 2, False, 2, False),
    ],
)
def test_parallel_result_is_identical_to_the_engine(
    documents: list[Document],
    expected: list[Diagnostic],
    monkeypatch: pytest.MonkeyPatch,
    jobs: int,
    cores: int,
    forks: bool,
    workers: int,
    offloaded: bool,
) -> None:
    _parallel(monkeypatch, cores)
    if not forks:
        monkeypatch.setattr(runner, "_forks", lambda: False)
    run = runner.Runner(Engine(list(REGISTRY)), jobs=jobs)
    assert run.check(_fresh(documents)) == expected
    assert run.stats.workers == workers
    assert bool(run.stats.corpus_rules_offloaded) == offloaded
    if offloaded:  # in the worker, or taken back by this process once its documents were done
        assert {"T102", "T103"} <= set(run.stats.corpus_rules_early)
        assert "C101" not in run.stats.corpus_rules_early
    # the cross-document rules saw every document: copies across files are found
    assert any(d.code == "D101" or (d.related and d.related[0].path != d.path) for d in expected)


def test_workers_send_the_views_the_cross_document_rules_read(
    documents: list[Document], expected: list[Diagnostic], monkeypatch: pytest.MonkeyPatch
) -> None:
    from factlint.facts import enumerations

    _parallel(monkeypatch, cores=4)
    built_here = []
    extract = enumerations.ENUMERATIONS.build

    def counted(doc: Document) -> object:
        built_here.append(doc.path)  # a forked worker appends to its own copy of the list
        return extract(doc)

    monkeypatch.setattr(enumerations.ENUMERATIONS, "build", counted)
    docs = _fresh(documents)
    run2 = runner.Runner(Engine(list(REGISTRY)), jobs=4)
    assert run2.check(docs) == expected
    assert run2.stats.views_received == len(docs)
    assert built_here == []  # C101 read the lists the workers found
    assert all(
        {"enumerations", "quantities"} <= d.computed_views(runner.SHARED_VIEWS).keys() for d in docs
    )
    # the typo rules read no shared view: they ran while the workers checked documents
    assert {"T102", "T103"} <= set(run2.stats.corpus_rules_early)
    assert "C101" not in run2.stats.corpus_rules_early


@pytest.mark.parametrize("through_corpus_view", [False, True])
def test_a_rule_declaring_a_shared_view_waits_for_the_workers(
    documents: list[Document], monkeypatch: pytest.MonkeyPatch, through_corpus_view: bool
) -> None:
    """A cross-document rule that declares a view the workers send back (itself, or through a
    corpus view that reads it) runs once they have; one that declares none runs meanwhile. Its
    findings are reported once, in rule order."""
    from factlint.facts.corpus import Corpus
    from factlint.model import Finding
    from factlint.rule import Rule, RuleMeta
    from factlint.text.views import corpus_view

    @corpus_view("test_counts", reads=(QUANTITIES,))
    def counts(corpus: Corpus) -> list[int]:
        return [len(doc.view(QUANTITIES)) for doc in corpus]

    def late_reader(corpus: Corpus, opts: object) -> Iterator[Finding]:
        numbers = corpus.view(counts) if through_corpus_view else None
        for i, doc in enumerate(corpus):
            n = numbers[i] if numbers is not None else len(doc.view(QUANTITIES))
            yield Finding(Span(0, 1), Message(f"{n}", "n"), path=doc.path)

    def text_reader(corpus: Corpus, opts: object) -> Iterator[Finding]:
        for doc in corpus:
            yield Finding(Span(0, 1), Message(doc.text[:1], "t"), path=doc.path)

    reads = (counts,) if through_corpus_view else (QUANTITIES,)
    late = RuleMeta(
        "C199", "late-reader", Severity.WARNING, Message("测", "test"), scope="corpus", reads=reads
    )
    early = RuleMeta("C198", "text-reader", Severity.WARNING, Message("测", "test"), scope="corpus")
    options = BY_CODE["C101"].options_type
    rules = [
        *REGISTRY,
        Rule(late, "", options, late_reader, "test"),
        Rule(early, "", options, text_reader, "test"),
    ]
    _parallel(monkeypatch)
    expected = Engine(rules).check(_fresh(documents))
    run2 = runner.Runner(Engine(rules), jobs=2)
    assert run2.check(_fresh(documents)) == expected
    assert sum(d.code == "C199" for d in expected) == len(documents)
    assert "C199" not in run2.stats.corpus_rules_early
    assert "C198" in run2.stats.corpus_rules_early


def test_workers_fill_the_cache_and_a_warm_run_reads_it(
    documents: list[Document],
    expected: list[Diagnostic],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _parallel(monkeypatch, cores=4)
    cold = runner.Runner(Engine(list(REGISTRY)), jobs=4, cache=Cache(tmp_path / "c"))
    assert cold.check(_fresh(documents)) == expected
    assert cold.stats.workers == 4
    # the parent writes the entries the workers sent back: one pack for the run
    assert len(packed_entries(tmp_path / "c", ".json")) == len(documents) + 1  # and the corpus
    assert len(list((tmp_path / "c").glob("pack-*.pack"))) == 1
    counting = Counting(monkeypatch)
    warm = runner.Runner(Engine(list(REGISTRY)), jobs=2, cache=Cache(tmp_path / "c"))
    assert warm.check(_fresh(documents)) == expected
    assert (counting.documents, counting.corpora, warm.stats.workers) == (0, 0, 0)


def test_workers_with_an_unwritable_cache_folder(
    documents: list[Document],
    expected: list[Diagnostic],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _parallel(monkeypatch, cores=4)
    (tmp_path / "file").write_text("", encoding="utf-8")
    cache = Cache(tmp_path / "file" / "cache")
    run2 = runner.Runner(Engine(list(REGISTRY)), jobs=4, cache=cache)
    assert run2.check(_fresh(documents)) == expected
    assert run2.stats.workers == 4 and not cache.writable


def test_no_views_are_sent_when_the_cross_document_rules_are_cached(
    documents: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _parallel(monkeypatch)
    runner.Runner(Engine(list(REGISTRY)), cache=Cache(tmp_path)).check(_fresh(documents))
    engine = Engine(list(REGISTRY), config=Config(severity={"P101": Severity.ERROR}))
    run2 = runner.Runner(engine, jobs=2, cache=Cache(tmp_path))
    assert run2.check(_fresh(documents)) == engine.check(_fresh(documents))
    assert run2.stats.corpus_cached and run2.stats.documents_checked == len(documents)
    assert run2.stats.workers == 2 and run2.stats.views_received == 0


@pytest.mark.parametrize("typo_rules", ["fast", "slow"])
def test_the_two_processes_share_the_documents_whichever_half_is_longer(
    documents: list[Document], monkeypatch: pytest.MonkeyPatch, typo_rules: str
) -> None:
    """On two cores the forked worker runs the typo rules, then takes documents from the back of
    the queue this process takes them from the front of; when it is still busy once the queue is
    empty, this process runs the other cross-document rules meanwhile, and then the worker's rules
    it has not started. The result is the engine's either way."""
    import time

    from factlint.rule import Rule

    def slowed(rule: Rule) -> Rule:
        check = rule.check

        def slow(corpus: object, opts: object) -> object:
            time.sleep(1.5)
            return check(corpus, opts)

        return replace(rule, check=slow)

    docs = [*documents, *(Document(f"copy/{d.path}", d.text, d.format) for d in documents)]
    rules = [
        r
        for r in REGISTRY
        if r.meta.scope != "corpus" or r.code in ("T102", "T103", "C101", "C103", "D104")
    ]
    if typo_rules == "slow":  # the worker's first rule takes long: this process takes the other
        rules = [slowed(r) if r.code == "T102" else r for r in rules]
    else:  # the typo rules take no time: the worker takes documents
        rules = [r for r in rules if r.code not in ("T102", "T103")]
        rules.append(BY_CODE["C104"])
    expected = Engine(rules).check(_fresh(docs))
    _parallel(monkeypatch)
    run = runner.Runner(Engine(rules), jobs=2)
    assert run.check(_fresh(docs)) == expected
    assert run.stats.workers == 1 and run.stats.corpus_rules_offloaded
    if typo_rules == "slow":
        assert run.stats.documents_by_worker == 0
        offloaded, back = run.stats.corpus_rules_offloaded, run.stats.corpus_rules_taken_back
        assert sorted(offloaded + back) == ["T102", "T103"] and "T102" in offloaded
    else:
        assert run.stats.documents_by_worker > 0 and run.stats.views_received > 0


def test_in_process_runner_is_identical_to_the_engine(
    documents: list[Document], expected: list[Diagnostic]
) -> None:
    run1 = runner.Runner(Engine(list(REGISTRY)), jobs=1)
    assert run1.check(_fresh(documents)) == expected
    assert run1.stats.workers == 0


def test_small_runs_do_not_start_processes(documents: list[Document]) -> None:
    run8 = runner.Runner(Engine(list(REGISTRY)), jobs=8)
    run8.check([document_for("a.txt", DEFECTS)])
    assert run8.stats.workers == 0


def test_cli_jobs_2_prints_exactly_what_jobs_1_prints(
    documents: list[Document],
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _parallel(monkeypatch)
    for doc in documents:
        write(doc.path, doc.text)
    outputs = {}
    for fmt in ("json", "full"):
        for jobs in ("1", "2"):
            code, out, _ = run(
                capsys, "check", ".", "--no-cache", "--no-color", "--format", fmt, "--jobs", jobs
            )
            assert code == 1
            outputs[fmt, jobs] = out.split("用时")[0]  # the full format ends with the time taken
    assert outputs["json", "1"] == outputs["json", "2"]
    assert outputs["full", "1"] == outputs["full", "2"]
    assert len(json.loads(outputs["json", "1"])) > 10


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_bad_jobs_value_is_a_usage_error(
    value: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", ".", "--jobs", value)
    assert code == 2
    assert "--jobs" in err


# ---- the cache ------------------------------------------------------------------------------------


class Counting:
    """Counts the engine's rule runs (document and corpus), monkeypatched in."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.documents = 0
        self.corpora = 0
        check_document, check_corpus = Engine.check_document, Engine.check_corpus

        def counted_document(
            engine: Engine, doc: Document, *, release: bool = False
        ) -> list[Diagnostic]:
            self.documents += 1
            return check_document(engine, doc, release=release)

        def counted_corpus(engine: Engine, corpus: object, **release: Any) -> list[Diagnostic]:
            self.corpora += 1
            return check_corpus(engine, corpus, **release)  # type: ignore[arg-type]

        monkeypatch.setattr(Engine, "check_document", counted_document)
        monkeypatch.setattr(Engine, "check_corpus", counted_corpus)


def test_warm_run_takes_everything_from_the_cache(
    documents: list[Document],
    expected: list[Diagnostic],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counting = Counting(monkeypatch)
    cache = Cache(tmp_path / "c")
    cold = runner.Runner(Engine(list(REGISTRY)), cache=cache)
    assert cold.check(_fresh(documents)) == expected
    assert (counting.documents, counting.corpora) == (len(documents), 1)
    assert (tmp_path / "c" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (
        (tmp_path / "c" / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    warm = runner.Runner(Engine(list(REGISTRY)), cache=Cache(tmp_path / "c"))
    assert warm.check(_fresh(documents)) == expected
    assert (counting.documents, counting.corpora) == (len(documents), 1)  # no rule ran again
    assert warm.stats.documents_cached == len(documents) and warm.stats.corpus_cached


def test_one_changed_file_reruns_its_document_rules_and_the_corpus_rules(
    documents: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = Engine(list(REGISTRY))
    runner.Runner(engine, cache=Cache(tmp_path)).check(_fresh(documents))
    changed = _fresh(documents)
    changed[1] = document_for(changed[1].path, changed[1].text + "\n\n新增一段,有半角逗号。\n")
    expected = Engine(list(REGISTRY)).check(_fresh(changed))
    counting = Counting(monkeypatch)
    again = runner.Runner(engine, cache=Cache(tmp_path))
    assert again.check(changed) == expected
    assert (counting.documents, counting.corpora) == (1, 1)
    assert again.stats.documents_cached == len(documents) - 1


def test_a_renamed_file_hits_the_cache_with_its_new_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = Engine([r for r in REGISTRY if r.meta.scope == "document"])
    runner.Runner(engine, cache=Cache(tmp_path)).check([document_for("old.txt", DEFECTS)])
    counting = Counting(monkeypatch)
    found = runner.Runner(engine, cache=Cache(tmp_path)).check([document_for("new.txt", DEFECTS)])
    assert counting.documents == 0
    assert found == engine.check([document_for("new.txt", DEFECTS)])
    assert {d.path for d in found} == {"new.txt"} == {d.location.path for d in found}


@pytest.mark.parametrize(
    ("config", "documents_again", "corpus_again"),
    [
        (Config(severity={"P101": Severity.ERROR}), True, False),  # a document rule
        (Config(options={"T102": BY_CODE["T102"].options_type(min_gain=9.0)}), False, True),
        (Config(facts=FactSheet(spellings={"接青": "援青"})), False, True),
    ],
    ids=["severity", "options", "facts"],
)
def test_a_config_change_invalidates_what_it_affects(
    config: Config,
    documents_again: bool,
    corpus_again: bool,
    documents: list[Document],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runner.Runner(Engine(list(REGISTRY)), cache=Cache(tmp_path)).check(_fresh(documents))
    engine = Engine(list(REGISTRY), config=config)
    expected = engine.check(_fresh(documents))
    counting = Counting(monkeypatch)
    assert runner.Runner(engine, cache=Cache(tmp_path)).check(_fresh(documents)) == expected
    assert counting.documents == (len(documents) if documents_again else 0)
    assert counting.corpora == int(corpus_again)


def test_a_corrupt_entry_is_ignored_and_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = Engine([r for r in REGISTRY if r.meta.scope == "document"])
    docs = [document_for("a.txt", DEFECTS)]
    expected = runner.Runner(engine, cache=Cache(tmp_path)).check(docs)
    (key,) = packed_entries(tmp_path, ".json")
    for garbage in (b"{not json", b'{"key": "other", "diagnostics": []}', b'{"key": "%s"}'):

        def damage(k: str, record: bytes, garbage: bytes = garbage) -> bytes:
            return garbage.replace(b"%s", k.encode())  # unsigned

        changed = rewrite_packed_entries(tmp_path, ".json", damage)
        assert changed >= 1 and Cache(tmp_path).get(key) is None
        counting = Counting(monkeypatch)
        assert runner.Runner(engine, cache=Cache(tmp_path)).check(docs) == expected
        assert counting.documents == 1
        # rewritten, in the run's pack (the newest, which wins): the MAC, then the JSON
        assert Cache(tmp_path).get(key) is not None
        counting = Counting(monkeypatch)
        assert runner.Runner(engine, cache=Cache(tmp_path)).check(docs) == expected
        assert counting.documents == 0


def test_an_entry_with_bad_values_is_ignored(tmp_path: Path) -> None:
    engine = Engine([r for r in REGISTRY if r.meta.scope == "document"])
    docs = [document_for("a.txt", DEFECTS)]
    expected = runner.Runner(engine, cache=Cache(tmp_path)).check(docs)
    (key,) = packed_entries(tmp_path, ".json")
    store = Cache(tmp_path)
    store.put(key, [{"code": 1}])  # signed, so it is read: a miss by its values
    store.flush()
    assert Cache(tmp_path).get(key) == [{"code": 1}]
    assert runner.Runner(engine, cache=Cache(tmp_path)).check(docs) == expected


def test_unwritable_cache_folder_makes_the_run_uncached(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    cache = Cache(tmp_path / "file" / "cache")  # cannot be created: its parent is a file
    engine = Engine([r for r in REGISTRY if r.meta.scope == "document"])
    docs = [document_for("a.txt", DEFECTS)]
    assert runner.Runner(engine, cache=cache).check(docs) == engine.check(docs)
    assert not cache.writable


def test_diagnostics_round_trip_through_json() -> None:
    d = Diagnostic(
        path="a/b.txt",
        code="D101",
        rule="duplicate-paragraph",
        severity=Severity.WARNING,
        message=Message("重复", "duplicate"),
        span=Span(3, 9),
        location=Location("a/b.txt", 1, 4, 2, 1),
        related=(
            RelatedLocation("a/b.txt", 5, 1, 5, 7, Message("此处", "here")),
            RelatedLocation("c.txt", 2, 3, 2, 4, Message("彼处", "there")),
        ),
        fix=Fix("，", Message("改为“，”", "use “，”"), safe=False),
        excerpt="文字",
    )
    values = json.loads(json.dumps(encode([d], "a/b.txt")))
    assert values[0]["path"] is None and values[0]["related"][0]["path"] is None
    assert values[0]["related"][1]["path"] == "c.txt"
    assert decode(values, "a/b.txt") == [d]
    moved = decode(values, "z.txt")[0]
    assert moved.path == moved.location.path == moved.related[0].path == "z.txt"
    assert decode(json.loads(json.dumps(encode([d])))) == [d]


def test_every_diagnostic_of_the_seeds_round_trips_through_the_cache(
    expected: list[Diagnostic],
) -> None:
    fixes = [d.fix for d in expected if d.fix is not None]
    assert any(d.related for d in expected)
    assert any(f.safe for f in fixes) and any(not f.safe for f in fixes)
    assert decode(json.loads(json.dumps(encode(expected)))) == expected
    for path in sorted({d.path for d in expected}):  # a document's entry: its own path left out
        mine = [d for d in expected if d.path == path]
        values = json.loads(json.dumps(encode(mine, path)))
        assert all(v["path"] is None for v in values)
        assert decode(values, path) == mine


def test_the_cache_keeps_every_field_of_a_diagnostic(expected: list[Diagnostic]) -> None:
    """A change to any one field survives encode and decode: to_dict/from_dict leave none out."""
    d = next(d for d in expected if d.related and d.fix is not None)
    assert d.fix is not None
    variants = {
        "path": replace(d, path="x.txt", location=replace(d.location, path="x.txt")),
        "code": replace(d, code="Z999"),
        "rule": replace(d, rule="another-rule"),
        "severity": replace(
            d, severity=Severity.INFO if d.severity is not Severity.INFO else Severity.ERROR
        ),
        "message": replace(d, message=Message("别的", "other")),
        "span": replace(d, span=Span(d.span.start + 1, d.span.end + 2)),
        "location": replace(d, location=replace(d.location, end_column=d.location.end_column + 1)),
        "related": replace(
            d, related=(RelatedLocation("r.txt", 1, 2, 3, 4, Message("彼处", "there")),)
        ),
        "fix": replace(d, fix=replace(d.fix, safe=not d.fix.safe)),
        "excerpt": replace(d, excerpt="别的文字"),
    }
    assert set(variants) == {f.name for f in fields(Diagnostic)}
    for name, variant in variants.items():
        assert variant != d, name
        assert encode([variant]) != encode([d]), name
        assert decode(json.loads(json.dumps(encode([variant])))) == [variant], name


def test_a_bad_cache_entry_raises() -> None:
    for bad in ({}, {"path": "a.txt"}, {"fix": ["，"]}, [1, 2], "D101", None):
        with pytest.raises((KeyError, TypeError, ValueError)):
            decode([bad])


def test_code_identity_changes_with_the_source(monkeypatch: pytest.MonkeyPatch) -> None:
    cache_module.code_identity.cache_clear()
    first = cache_module.code_identity()
    monkeypatch.setattr(cache_module, "VERSION", "99.0")
    cache_module.code_identity.cache_clear()
    try:
        assert cache_module.code_identity() != first
    finally:
        monkeypatch.undo()
        cache_module.code_identity.cache_clear()


def test_cli_cache_folder_is_that_of_the_config_file(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The cache is the user's, outside the repository, in a folder named by the config file's
    folder (the project root)."""
    monkeypatch.delenv("FACTLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    write("a.txt", DEFECTS)
    first = run(capsys, "check", "a.txt", "--format", "json")
    folder = cache_module.default_folder(project.parent / "factlint.toml")  # the config's folder
    assert folder.parent == tmp_path / "xdg" / "factlint"
    assert folder.is_dir() and (folder / "CACHEDIR.TAG").is_file()
    assert not (project / ".factlint_cache").exists()
    assert not (project.parent / ".factlint_cache").exists()
    assert run(capsys, "check", "a.txt", "--format", "json") == first


def test_cli_no_cache_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACTLINT_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    write("a.txt", DEFECTS)
    before = sorted(p.name for p in tmp_path.iterdir())
    code, _, _ = run(capsys, "check", "a.txt", "--no-cache", "--format", "json")
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# ---- inputs that cannot be read ------------------------------------------------------------------


def _check_folder(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str], str]:
    code, out, err = run(capsys, "check", "docs", "--format", "json", "--no-cache")
    return code, sorted({d["path"] for d in json.loads(out)}), err


def test_symlink_loop_and_broken_link_are_reported_not_fatal(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write("docs/good.txt", DEFECTS)
    os.symlink("loop_b.txt", "docs/loop_a.txt")
    os.symlink("loop_a.txt", "docs/loop_b.txt")
    os.symlink("missing.txt", "docs/broken.txt")
    os.symlink(".", "docs/self")  # a folder link: not followed, so no endless walk
    code, paths, err = _check_folder(capsys)
    assert code == 2
    assert paths == ["docs/good.txt"]
    assert (
        "docs/loop_a.txt: 无法读取: 符号链接循环" in err
        and "docs/loop_b.txt: 无法读取: 符号链接循环" in err
    )
    assert "docs/broken.txt: 无法读取: 是指向不存在文件的符号链接" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_never_opened(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write("docs/good.txt", DEFECTS)
    os.mkfifo("docs/pipe.txt")  # opening it for reading would block forever
    code, paths, err = _check_folder(capsys)
    assert (code, paths) == (2, ["docs/good.txt"])
    assert "docs/pipe.txt: 无法读取: 不是普通文件" in err


def test_an_unreadable_file_is_reported_not_fatal(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write("docs/good.txt", DEFECTS)
    secret = write("docs/secret.txt", DEFECTS)
    real_open = os.open

    def guarded(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)).name == secret.name:  # chmod 000 does not stop root: simulate it
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reading.os, "open", guarded)
    code, paths, err = _check_folder(capsys)
    assert (code, paths) == (2, ["docs/good.txt"])
    assert "docs/secret.txt" in err and "没有读取权限" in err


def test_a_file_vanishing_after_discovery_is_reported_not_fatal(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write("docs/a_good.txt", DEFECTS)
    write("docs/b_gone.txt", DEFECTS)
    write("docs/c_good.txt", DEFECTS)
    from factlint.inputs import reading

    real_discover = reading.discover

    def then_delete(*args: object, **kwargs: object) -> Iterator[object]:
        items = list(real_discover(*args, **kwargs))  # type: ignore[arg-type]
        Path("docs/b_gone.txt").unlink()
        yield from items

    monkeypatch.setattr(reading, "discover", then_delete)  # read_inputs imports it when called
    code, paths, err = _check_folder(capsys)
    assert (code, paths) == (2, ["docs/a_good.txt", "docs/c_good.txt"])
    assert "docs/b_gone.txt" in err and "文件在检查时已不存在" in err


def test_a_folder_that_cannot_be_listed_is_reported_not_fatal(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write("docs/good.txt", DEFECTS)
    write("docs/locked/hidden.txt", DEFECTS)
    real_scandir = os.scandir

    def guarded(path: object = ".") -> object:
        if Path(str(path)).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", guarded)
    code, paths, err = _check_folder(capsys)
    assert (code, paths) == (2, ["docs/good.txt"])
    assert "docs/locked" in err and "无法列出目录内容" in err


def test_workers_are_capped_at_the_cores_and_at_the_work(
    documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``-j 10000`` starts no more workers than there are cores, nor than documents to check (and
    one for the cross-document rules)."""
    _parallel(monkeypatch, cores=2)
    run = runner.Runner(Engine(list(REGISTRY)), jobs=10000)
    run.check(_fresh(documents[:3]))
    assert run.stats.workers == 1  # and this process
    monkeypatch.setattr(runner, "default_jobs", lambda: 64)
    run = runner.Runner(Engine(list(REGISTRY)), jobs=10000)
    run.check(_fresh(documents[:3]))
    assert run.stats.workers == 4
    monkeypatch.setattr(runner, "_forks", lambda: False)
    run = runner.Runner(Engine(list(REGISTRY)), jobs=10000)
    run.check(_fresh(documents[:3]))
    assert run.stats.workers == 3


def test_the_work_decides_how_many_processes(
    documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One process for every CHARS_PER_PROCESS characters, none below PARALLEL_MIN_CHARS."""
    monkeypatch.setattr(runner, "default_jobs", lambda: 64)
    chars = sum(len(d.text) for d in documents)
    monkeypatch.setattr(runner, "PARALLEL_MIN_CHARS", chars + 1)
    run = runner.Runner(Engine(list(REGISTRY)), jobs=64)
    run.check(_fresh(documents))
    assert run.stats.workers == 0
    monkeypatch.setattr(runner, "PARALLEL_MIN_CHARS", 0)
    monkeypatch.setattr(runner, "CHARS_PER_PROCESS", chars // 2)
    run = runner.Runner(Engine(list(REGISTRY)), jobs=64)
    run.check(_fresh(documents))
    assert run.stats.workers == 1 and run.stats.corpus_rules_offloaded  # two processes


@pytest.mark.parametrize("jobs", [1, 2])
def test_after_one_edit_the_cross_document_rules_read_the_other_documents_views_from_the_cache(
    documents: list[Document], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    """Issue 15: the views the cross-document rules read (lists, quantities, sketches, figures,
    quoted names, years) are cached per document by its text — also those only a rule offloaded
    to a worker process read (``--jobs 2``: built here to be written); after one file is edited
    only its views are computed, and the result is the engine's on the edited run."""
    from factlint.facts import enumerations, quoted

    if jobs == 2:
        monkeypatch.setattr(runner, "PARALLEL_MIN_CHARS", 0)
        monkeypatch.setattr(runner, "CHARS_PER_PROCESS", 1)
        monkeypatch.setattr(runner, "default_jobs", lambda: 2)
    cold = runner.Runner(Engine(list(REGISTRY)), jobs=jobs, cache=Cache(tmp_path / "c"))
    assert cold.check(_fresh(documents)) == Engine(list(REGISTRY)).check(_fresh(documents))
    assert cold.stats.views_cached == 0
    assert ("C102" in cold.stats.corpus_rules_offloaded) == (jobs == 2)
    assert len(packed_entries(tmp_path / "c", ".bin")) == len(documents)
    last = documents[-1]
    added = "\n\n全市共有3项重点任务，分别是甲、乙、丙。全年完成投资5亿元，同比增长12%。"
    edited = [*documents[:-1], Document(last.path, last.text + added, last.format)]
    expected = Engine(list(REGISTRY)).check(_fresh(edited))
    built: dict[str, list[str]] = {"enumerations": [], "quoted_terms": []}
    for view in (enumerations.ENUMERATIONS, quoted.QUOTED_TERMS):

        def counted(doc: Document, extract: Any = view.build, name: str = view.name) -> object:
            built[name].append(doc.path)
            return extract(doc)

        monkeypatch.setattr(view, "build", counted)
    warm = runner.Runner(Engine(list(REGISTRY)), cache=Cache(tmp_path / "c"))
    assert warm.check(_fresh(edited)) == expected
    assert warm.stats.views_cached == len(documents) - 1
    assert built == {"enumerations": [last.path], "quoted_terms": [last.path]}
    assert warm.stats.documents_cached == len(documents) - 1


def test_a_view_entry_that_does_not_verify_is_computed_again(
    documents: list[Document], expected: list[Diagnostic], tmp_path: Path
) -> None:
    runner.Runner(Engine(list(REGISTRY)), cache=Cache(tmp_path / "c")).check(_fresh(documents))
    keys = sorted(packed_entries(tmp_path / "c", ".bin"))

    def damage(key: str, record: bytes) -> bytes:
        # one forged (a pickle signed with no key), one damaged
        return record[:MAC_BYTES] + record[MAC_BYTES:-1] + b"x" if key in keys[:2] else record

    rewrite_packed_entries(tmp_path / "c", ".bin", damage)
    # the corpus entry too, so that the cross-document rules run again
    rewrite_packed_entries(tmp_path / "c", ".json", lambda key, record: None)
    again = runner.Runner(Engine(list(REGISTRY)), cache=Cache(tmp_path / "c"))
    assert again.check(_fresh(documents)) == expected
    assert again.stats.views_cached == len(documents) - 2


def test_the_cores_other_work_keeps_busy_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a busy machine a second process costs more than it saves: the load of the last minute,
    less the caller's own, is taken from the cores (never below one process)."""
    monkeypatch.delenv("FACTLINT_IGNORE_LOAD")
    monkeypatch.setattr(runner.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    for load, jobs in ((0.0, 2), (1.2, 2), (1.6, 1), (2.4, 1), (9.0, 1)):
        monkeypatch.setattr(runner.os, "getloadavg", lambda load=load: (load, 0.0, 0.0))
        assert (load, runner.default_jobs()) == (load, jobs)
    monkeypatch.setenv("FACTLINT_IGNORE_LOAD", "1")
    assert runner.default_jobs() == 2


def test_no_load_average_counts_every_core_free(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTLINT_IGNORE_LOAD")

    def unavailable() -> tuple[float, float, float]:
        raise OSError("no load average here")

    monkeypatch.setattr(runner.os, "getloadavg", unavailable)
    assert runner.busy_cores() == 0


# ---- memory: views released once read --------------------------------------------------------------


def test_released_views_change_no_diagnostic(
    documents: list[Document], expected: list[Diagnostic]
) -> None:
    """The last pass over a document releases each view once no rule left reads it, and the run
    its cross-document views once those rules are done: the same diagnostics, fewer views held."""
    engine = Engine(list(REGISTRY))
    rules = [r for r in engine.rules if r.meta.scope == "document"]
    last = engine.last_readers(rules)
    assert last["suppression_directives"] == len(rules)  # X100 reads it after every rule
    for doc in _fresh(documents):
        held = Document(doc.path, doc.text, doc.format)
        assert engine.check_document(doc, release=True) == engine.check_document(held)
        assert set(doc._views) == {"suppression_directives"}  # read after the rules
        assert {"blocks", "sentences", "quantities"} <= set(held._views)
    fresh = _fresh(documents)
    corpus = engine.corpus(fresh)
    held = engine.corpus(_fresh(documents))
    assert engine.check_corpus(corpus, release=True) == engine.check_corpus(held)
    assert not corpus._views and "term_index" in held._views
    read = {"blocks", "protected", "sentences", "quantities", "enumerations", "paragraph_sketches"}
    assert all(set(d._views) <= read for d in corpus)  # what the document rules read
    assert any("figures" in d._views for d in held)  # read by C103 alone
    fresh = _fresh(documents)
    assert runner.Runner(engine).check(fresh) == expected
    assert all(set(d._views) == {"suppression_directives"} for d in fresh)


# ---- the packs the cache keeps its entries in -----------------------------------------------------


def _packs(folder: Path) -> list[Path]:
    return sorted(folder.glob("pack-*.pack"))


def test_a_run_writes_one_pack_and_a_warm_run_none(
    documents: list[Document], expected: list[Diagnostic], tmp_path: Path
) -> None:
    cold = runner.Runner(Engine(list(REGISTRY)), cache=Cache(tmp_path))
    assert cold.check(_fresh(documents)) == expected
    (pack,) = _packs(tmp_path)
    assert pack.name.startswith("pack-" + cache_module.code_identity(tuple(REGISTRY))[:16])
    # no entry of a document or view is a file of its own; the memos are
    assert not list(tmp_path.rglob("*.json")) and not list(tmp_path.rglob("*.bin"))
    assert not list(tmp_path.rglob("*.tmp"))
    warm = runner.Runner(Engine(list(REGISTRY)), cache=Cache(tmp_path))
    assert warm.check(_fresh(documents)) == expected
    assert warm.stats.documents_cached == len(documents) and warm.stats.corpus_cached
    assert _packs(tmp_path) == [pack]  # nothing new to write


def test_packs_of_other_code_are_not_read(tmp_path: Path) -> None:
    store = Cache(tmp_path)
    store.use_generation("a" * 16)
    store.put("ab" * 32, [])
    store.flush()
    other = Cache(tmp_path)
    other.use_generation("b" * 16)
    assert other.get("ab" * 32) is None
    same = Cache(tmp_path)
    same.use_generation("a" * 16)
    assert same.get("ab" * 32) == []


def test_concurrent_runs_each_write_their_pack(tmp_path: Path) -> None:
    first, second = Cache(tmp_path), Cache(tmp_path)
    assert first.get("ab" * 32) is None and second.get("cd" * 32) is None
    first.put("ab" * 32, [])
    second.put("cd" * 32, [{"x": 1}])
    first.flush()
    second.flush()
    assert len(_packs(tmp_path)) == 2
    both = Cache(tmp_path)
    assert both.get("ab" * 32) == [] and both.get("cd" * 32) == [{"x": 1}]


def test_packs_are_merged_beyond_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "MAX_PACKS", 3)
    keys = [f"{i:02x}" * 32 for i in range(5)]
    for i, key in enumerate(keys):
        store = Cache(tmp_path)
        assert store.get(key) is None  # (a run reads the packs before it writes)
        store.put(key, [{"n": i}])
        store.put_blob(key, bytes([i]))
        store.flush()
        # three packs at most: the fourth run merged them with its own entries
        assert len(_packs(tmp_path)) == (i + 1 if i < 3 else i - 2)
    store = Cache(tmp_path)
    for i, key in enumerate(keys):
        assert store.get(key) == [{"n": i}] and store.get_blob(key) == bytes([i])


def test_a_damaged_pack_is_a_miss_not_a_crash(tmp_path: Path) -> None:
    store = Cache(tmp_path)
    for i in range(3):
        store.put(f"{i:02x}" * 32, [{"n": i}])
    store.flush()
    (pack,) = _packs(tmp_path)
    data = pack.read_bytes()
    for damaged in (
        data[: len(data) // 2],
        data[:20],
        b"",
        b"\0" * 64,
        data.replace(b"\n3 ", b"\n3x", 1),  # a header that does not parse
        data.replace(b"\n3 ", b"\n999 ", 1),  # an index longer than the pack
    ):
        pack.write_bytes(damaged)
        assert all(Cache(tmp_path).get(f"{i:02x}" * 32) is None for i in range(3))
    assert data.replace(b"\n3 ", b"\n3x", 1) != data
    # one record damaged: a miss; the others still hit
    pack.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    found = [Cache(tmp_path).get(f"{i:02x}" * 32) for i in range(3)]
    assert found.count(None) == 1 and [{"n": 0}] in found


def test_an_unwritable_folder_at_the_end_of_a_run_makes_it_uncached(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    store = Cache(tmp_path / "file" / "cache")
    store.put("ab" * 32, [])  # kept for the pack: the folder is created when it is written
    store.flush()
    assert not store.writable


def test_an_entry_damaged_in_the_newest_pack_is_read_from_an_older_one(tmp_path: Path) -> None:
    key = "ab" * 32
    for n in (1, 2):
        store = Cache(tmp_path)
        store.put(key, [{"n": n}])
        store.flush()
    newest = max(_packs(tmp_path), key=lambda p: p.stat().st_mtime_ns)
    assert Cache(tmp_path).get(key) == [{"n": 2}]
    rewrite_packed_entries(
        newest.parent,
        ".json",
        lambda k, record: record[:-2] + b"x}" if b'"n":2' in record else record,
    )
    assert Cache(tmp_path).get(key) == [{"n": 1}]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_pack_that_is_a_link_or_a_fifo_is_skipped(tmp_path: Path) -> None:
    store = Cache(tmp_path / "c")
    store.put("ab" * 32, [])
    store.flush()
    (pack,) = _packs(tmp_path / "c")
    os.mkfifo(tmp_path / "c" / "pack-any-fifo.pack")  # opened, it would wait for a writer
    assert Cache(tmp_path / "c").get("ab" * 32) == []
    moved = pack.rename(tmp_path / "elsewhere.pack")
    (tmp_path / "c" / pack.name).symlink_to(moved)
    assert Cache(tmp_path / "c").get("ab" * 32) is None


# ---- packs read lazily, and pruned as they are merged ---------------------------------------------


def _filled(folder: Path, count: int) -> list[str]:
    """``count`` entries (a ``.json`` and a ``.bin`` each) written in one pack; their keys."""
    store = Cache(folder)
    keys = [f"{i:04x}" * 16 for i in range(count)]
    for i, key in enumerate(keys):
        store.put(key, [{"n": i}])
        store.put_blob(key, bytes([i % 256]) * 100)
    store.flush()
    return keys


def test_a_pack_is_mapped_and_only_the_records_asked_for_are_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = _filled(tmp_path, 50)
    store = Cache(tmp_path)
    store._mac(b"")  # the key, read once
    macs: list[bytes] = []
    real = Cache._mac

    def counted(self: Cache, body: bytes) -> bytes | None:
        macs.append(body)
        return real(self, body)

    monkeypatch.setattr(Cache, "_mac", counted)
    assert store.get(keys[7]) == [{"n": 7}]
    assert store.get_blob(keys[9]) == bytes([9]) * 100
    # two records copied out of the map and verified; the 98 others not touched
    assert [body.partition(b"\0")[0] for body in macs] == [
        f"{keys[7]}.json".encode(),
        f"{keys[9]}.bin".encode(),
    ]
    if cache_module.mmap is not None:
        assert all(isinstance(m, cache_module.mmap.mmap) for m in store._maps)
    store.close()
    assert store._maps == [] and store.get(keys[7]) == [{"n": 7}]  # mapped again


def test_damaged_records_are_misses_and_the_others_still_hit(tmp_path: Path) -> None:
    keys = _filled(tmp_path, 20)
    (pack,) = _packs(tmp_path)
    data = bytearray(pack.read_bytes())
    index = cache_module.pack_index(bytes(data))
    assert index is not None
    damaged = {keys[3], keys[11]}
    for key in damaged:  # the bytes of their records, after the index, overwritten
        start, end = index[f"{key}.json"]
        data[start + MAC_BYTES : end] = b"x" * (end - start - MAC_BYTES)
        start, end = index[f"{key}.bin"]
        data[start:end] = bytes(end - start)
    pack.write_bytes(bytes(data))
    store = Cache(tmp_path)
    for i, key in enumerate(keys):
        if key in damaged:
            assert store.get(key) is None and store.get_blob(key) is None
        else:
            assert store.get(key) == [{"n": i}] and store.get_blob(key) == bytes([i]) * 100
    # an empty pack (which cannot be mapped) is ignored; a truncated one loses the records past
    # its end (the last written), not the others
    (tmp_path / "pack-any-empty.pack").write_bytes(b"")
    pack.write_bytes(bytes(data[: len(data) - 10]))
    store = Cache(tmp_path)
    assert store.get_blob(keys[-1]) is None and store.get(keys[-1]) == [{"n": len(keys) - 1}]
    assert store.get(keys[0]) == [{"n": 0}]


def _run(folder: Path, read: list[str], write: list[str]) -> Cache:
    """A run that reads the entries ``read`` (they hit) and writes ``write``."""
    store = Cache(folder)
    for key in read:
        assert store.get(key) is not None, key
    for key in write:
        store.put(key, [{"k": key[:4]}])
    store.flush()
    return store


def test_a_merge_keeps_what_is_used_and_drops_what_is_old_and_unused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "MAX_PACKS", 3)
    day = 24 * 3600
    clock = [1_000_000_000]
    monkeypatch.setattr(cache_module, "_now", lambda: clock[0])
    key = iter(f"{i:04x}" * 16 for i in range(1000))
    # a run over the whole repository: a hundred documents
    repository = [next(key) for _ in range(100)]
    _run(tmp_path, [], repository)
    # an editor checking one of them on each save, an edit each time: a new entry each
    edited = repository[0]
    versions: list[str] = []
    for _ in range(7):
        clock[0] += day
        versions.append(next(key))
        _run(tmp_path, [edited], [versions[-1]])
    # the merges so far were within the month: the rest of the repository is kept
    assert len(_packs(tmp_path)) < 3
    assert set(packed_entries(tmp_path, ".json")) == {*repository, *versions}
    # two months later: the next merge keeps what that run read or wrote and drops the rest
    clock[0] += 60 * day
    latest = next(key)
    for n in range(3):
        _run(tmp_path, [edited, repository[1], versions[-1]], [latest] if n == 0 else [])
        if len(_packs(tmp_path)) == 1:
            break
    # (the runs that wrote nothing wrote no pack: one more writing run merges)
    newest = next(key)
    _run(tmp_path, [edited, repository[1], versions[-1]], [newest])
    kept = set(packed_entries(tmp_path, ".json"))
    assert len(_packs(tmp_path)) < 3
    assert {edited, repository[1], versions[-1], latest, newest} <= kept
    assert not kept & (set(repository[2:]) | set(versions[:-1]))
    # the entries read by that merge were stamped anew: kept by a merge a week later that does
    # not read them; a month later, they go too
    for week in (7, 40):
        clock[0] += week * day
        for _ in range(3):
            _run(tmp_path, [], [next(key)])
        kept = set(packed_entries(tmp_path, ".json"))
        assert (repository[1] in kept) == (week == 7)


def test_a_merge_reads_a_record_at_a_time_and_keeps_what_verified(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "MAX_PACKS", 2)
    keys = _filled(tmp_path, 5)
    _filled(tmp_path, 5)  # the same entries again, in a newer pack
    newest = max(_packs(tmp_path), key=lambda p: p.stat().st_mtime_ns)
    data = bytearray(newest.read_bytes())
    index = cache_module.pack_index(bytes(data))
    assert index is not None
    end = index[f"{keys[2]}.json"][1]
    data[end - 1] ^= 1  # its record in the newest pack damaged
    info = newest.stat()
    newest.write_bytes(bytes(data))
    os.utime(newest, ns=(info.st_atime_ns, info.st_mtime_ns))
    store = Cache(tmp_path)
    assert store.get(keys[2]) == [{"n": 2}]  # from the older pack
    store.put("ff" * 32, [])
    store.flush()  # a merge: the copy that verified is the one kept
    assert len(_packs(tmp_path)) == 1
    assert Cache(tmp_path).get(keys[2]) == [{"n": 2}]


@pytest.mark.skipif(
    not os.path.isdir("/proc/self/fd"), reason="counts open descriptors in /proc/self/fd (Linux)"
)
def test_mapped_packs_leak_no_file_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "MAX_PACKS", 10**6)  # never merged
    monkeypatch.setattr(cache_module, "MAX_MAPS_WITH_FD", 20)
    keys = []
    for i in range(200):
        store = Cache(tmp_path)
        store.put(f"{i:04x}" * 16, [{"n": i}])
        store.flush()
        keys.append(f"{i:04x}" * 16)
    assert len(_packs(tmp_path)) == 200

    def open_fds() -> int:
        return len(os.listdir("/proc/self/fd"))

    before = open_fds()
    store = Cache(tmp_path)
    assert all(store.get(key) == [{"n": i}] for i, key in enumerate(keys))
    # a map holds a descriptor before Python 3.13: 20 maps at most, the other packs read whole
    assert open_fds() <= before + 20
    assert sum(not isinstance(m, bytes) for m in store._maps) <= 20 or cache_module._TRACKFD
    store.close()
    assert open_fds() == before
    for _ in range(20):  # caches dropped without being closed release theirs too
        assert Cache(tmp_path).get(keys[-1]) == [{"n": 199}]
    assert open_fds() == before


def test_an_entry_is_found_by_bisection_and_a_damaged_index_entry_is_a_miss() -> None:
    names = ["a", "ab", "abc", "b", "ab" * 32 + ".json", "ab" * 32 + ".bin", "zz" * 40]
    records = {name: f"<{name}>".encode() for name in names}
    data = cache_module.pack_bytes(records)
    pack = cache_module._Pack.of(data)
    assert pack is not None and pack.count == len(names)
    for name in names:
        found = pack.find(name.encode())
        assert found is not None and data[found[0] : found[1]] == records[name]
    for absent in ("", "aa", "abcd", "c", "ab" * 32, "zz" * 41):
        assert pack.find(absent.encode()) is None
    assert cache_module.pack_index(data) == {
        name: pack.find(name.encode())[:2]  # type: ignore[index]
        for name in names
    }
    # one entry's span put past the end of the pack: that entry is a miss, the others are found
    damaged = bytearray(data)
    at = data.index(b"abc".ljust(pack.width, b"\0")) + pack.width  # its span
    damaged[at : at + 16] = cache_module._SPAN.pack(0, len(data), 0)[:16]
    broken = cache_module._Pack.of(bytes(damaged))
    assert broken is not None and broken.find(b"abc") is None
    assert all(broken.find(n.encode()) is not None for n in names if n != "abc")
    assert cache_module.pack_index(bytes(damaged)) is None  # strict: not a well-formed pack


# ---- packs a run did not write: what they may hold never stops the cache ---------------------------


def test_a_pack_with_a_name_no_pack_can_hold_does_not_stop_the_merges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pack (damaged, or planted) whose index holds a name with a NUL in it: the merge that
    would copy that name into its pack skips it, rather than failing (which made every run after
    it write no pack: the cache no longer kept anything new)."""
    monkeypatch.setattr(cache_module, "MAX_PACKS", 2)
    keys = _filled(tmp_path, 3)
    planted = cache_module.pack_bytes({"aXb": b"x" * 40, "ab" * 33: b"y" * 40})
    (tmp_path / "pack-any-planted.pack").write_bytes(planted.replace(b"aXb", b"a\0b"))
    store = Cache(tmp_path)
    store.put("ff" * 32, [{"n": "new"}])
    store.flush()  # three packs: a merge
    assert store.writable
    assert len(_packs(tmp_path)) == 1
    again = Cache(tmp_path)
    assert again.get("ff" * 32) == [{"n": "new"}]
    assert all(again.get(key) == [{"n": i}] for i, key in enumerate(keys))


def test_a_record_stamped_in_the_future_is_kept_a_month_not_until_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clock set years ahead, then right again: the records stamped meanwhile are kept by the
    merges as if stamped now (then dropped a month later, unused), not for years."""
    monkeypatch.setattr(cache_module, "MAX_PACKS", 2)
    day = 24 * 3600
    clock = [1_000_000_000 + 3650 * day]
    monkeypatch.setattr(cache_module, "_now", lambda: clock[0])
    future = _run(tmp_path, [], ["aa" * 32])  # written with the clock ten years ahead
    assert future.writable
    clock[0] = 1_000_000_000  # set right
    for _ in range(2):
        _run(tmp_path, [], [f"{clock[0]:x}".ljust(64, "0")])
        clock[0] += 1
    assert "aa" * 32 in packed_entries(tmp_path, ".json")  # merged, kept: within the month
    clock[0] += 40 * day
    for _ in range(3):
        _run(tmp_path, [], [f"{clock[0]:x}".ljust(64, "1")])
        clock[0] += 1
    assert "aa" * 32 not in packed_entries(tmp_path, ".json")


def test_a_map_that_refuses_trackfd_reads_the_pack_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``mmap.mmap`` takes ``trackfd`` on Unix from Python 3.13, on Windows only from 3.15: a map
    that refuses it (a TypeError) reads the pack whole, rather than ending the run."""
    if cache_module.mmap is None:
        pytest.skip("no mmap")
    keys = _filled(tmp_path, 3)
    real = cache_module.mmap.mmap

    class Windows:
        def __new__(cls, fileno: int, length: int, **options: Any) -> Any:
            if "trackfd" in options:
                raise TypeError("'trackfd' is an invalid keyword argument for mmap()")
            return real(fileno, length, **options)

    monkeypatch.setattr(cache_module.mmap, "mmap", Windows)
    monkeypatch.setattr(cache_module, "_TRACKFD", {"trackfd": False})
    store = Cache(tmp_path)
    assert all(store.get(key) == [{"n": i}] for i, key in enumerate(keys))
    assert store._maps and all(isinstance(m, bytes) for m in store._maps)
    assert not cache_module._mmap_options("win32", (3, 13))
    assert not cache_module._mmap_options("win32", (3, 14))
    assert cache_module._mmap_options("win32", (3, 15)) == {"trackfd": False}
    assert cache_module._mmap_options("linux", (3, 13)) == {"trackfd": False}
    assert not cache_module._mmap_options("linux", (3, 12))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_a_memo_that_is_a_fifo_or_a_link_is_a_miss(tmp_path: Path) -> None:
    """A memo's file that is a FIFO (opened, it would wait for a writer: the run would hang) or a
    link (to ``/dev/zero``, say) is a miss, as a pack's is."""
    store = Cache(tmp_path)
    store.put_blob("ab" * 32, b"memo", ".memo")
    assert Cache(tmp_path).get_blob("ab" * 32, ".memo") == b"memo"
    (path,) = tmp_path.rglob("*.memo")
    moved = path.rename(tmp_path / "elsewhere")
    path.symlink_to(moved)
    assert Cache(tmp_path).get_blob("ab" * 32, ".memo") is None
    path.unlink()
    os.mkfifo(path)
    assert Cache(tmp_path).get_blob("ab" * 32, ".memo") is None


def test_a_merge_removes_the_files_no_run_of_this_code_reads_unused_for_a_month(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The packs and memos of other code (factlint upgraded, or an edited checkout: another code
    identity) are never read again by this code: a merge removes those not written for a month, as
    it drops its own unused records, and a temporary file a killed run left; the cache holds at
    most a month of what is unused, whatever the upgrades."""
    monkeypatch.setattr(cache_module, "MAX_PACKS", 2)
    import time

    day = 24 * 3600
    now = int(time.time())  # (files are written at the clock's time)

    def aged(path: Path, days: int) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
        os.utime(path, (now - days * day, now - days * day))
        return path

    old = [
        aged(tmp_path / "pack-0123456789abcdef-00.pack", 40),  # another code's
        aged(tmp_path / ".pack-any-11.pack.x1.tmp", 40),  # left by a run killed while it wrote
        aged(tmp_path / "ab" / f"{'ab' * 32}.memo", 40),  # another code's, or another fact sheet's
        aged(tmp_path / "ab" / f".{'ab' * 32}.memo.x2.tmp", 40),
    ]
    recent = [
        aged(tmp_path / "pack-fedcba9876543210-00.pack", 10),
        aged(tmp_path / "cd" / f"{'cd' * 32}.memo", 10),
        aged(tmp_path / ".pack-any-22.pack.x3.tmp", 0),  # a run writing it now
    ]
    # (nothing factlint does not write: FACTLINT_CACHE_DIR may name a folder of other files)
    kept = [
        aged(tmp_path / name, 400)
        for name in ("notes.txt", "key", ".other.tmp", "ab/notes.memo", "ab/.other.tmp", "xy.memo")
    ]
    store = Cache(tmp_path)
    store.use_generation("a" * 16)
    store.put("ee" * 32, [])
    store.flush()  # one pack of its code: no merge, nothing removed
    assert all(path.exists() for path in old)
    for n in range(2):
        store.put(f"{n:02x}" * 32, [])
        store.flush()
    assert len(list(tmp_path.glob(f"pack-{'a' * 16}-*.pack"))) == 1  # merged
    assert [path for path in old if path.exists()] == []
    assert all(path.exists() for path in recent + kept)
    again = Cache(tmp_path)
    again.use_generation("a" * 16)
    assert again.get("ee" * 32) == [] and again.get("01" * 32) == []


@pytest.mark.parametrize("lost", ["home", "current folder"])
def test_no_cache_folder_makes_the_run_uncached_not_failed(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lost: str,
) -> None:
    """No home directory (``HOME`` unset, a user the system does not know: a container's), or a
    current folder removed meanwhile (the library; the command reads its inputs from there): the
    cache has no folder, and the run is uncached, with the exit code and findings of one without
    cache (it ended in a traceback)."""
    path = write(tmp_path / "a.txt", DEFECTS)
    code, out, err = run(capsys, "check", "--no-cache", str(path))
    assert code == 1
    monkeypatch.delenv("FACTLINT_CACHE_DIR")
    if lost == "home":
        monkeypatch.delenv("XDG_CACHE_HOME")

        def home() -> Path:
            raise RuntimeError("Could not determine home directory.")

        monkeypatch.setattr(Path, "home", home)
        again = run(capsys, "check", str(path))
        assert again[0] == code and again[2] == err
        assert again[1].splitlines()[:-1] == out.splitlines()[:-1]  # (but the time taken)
    else:

        def cwd() -> Path:
            raise FileNotFoundError(errno.ENOENT, "No such file or directory")

        monkeypatch.setattr(Path, "cwd", cwd)
    engine = api.make_engine()
    documents = [document_for(str(path), DEFECTS)]
    assert api.run_checks(engine, documents, cache=True) == api.run_checks(engine, documents)


def test_a_run_reads_and_merges_packs_another_run_merged_and_removed_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two runs at once: one merges the packs and removes them while the other has them mapped
    (POSIX: a map outlives its file's removal; on Windows the removal fails, and a later merge
    removes them). The other still reads its entries from them, and its own merge loses none of
    what either run read or wrote."""
    monkeypatch.setattr(cache_module, "MAX_PACKS", 2)
    keys = [f"{i:02x}" * 32 for i in range(6)]
    for key in keys[:2]:
        _run(tmp_path, [], [key])
    first = Cache(tmp_path)
    assert first.get(keys[0]) == [{"k": keys[0][:4]}]  # (the packs mapped)
    _run(tmp_path, [keys[1]], [keys[2]])  # merges them, and removes them
    assert not any(Path(path).exists() for path in first._pack_files)
    assert first.get(keys[1]) == [{"k": keys[1][:4]}]  # from the map of a removed pack
    first.put(keys[3], [{"k": keys[3][:4]}])
    first.flush()  # a merge of the packs it mapped, removed meanwhile
    assert first.writable
    last = Cache(tmp_path)
    assert all(last.get(key) == [{"k": key[:4]}] for key in keys[:4])

"""Checking many documents on one machine: worker processes (``--jobs``) and the result cache.

A layer around :class:`~factlint.engine.core.Engine`, which it runs in three steps: the document-scope
rules of each document (``Engine.check_document``) — from the cache, in worker processes, or here;
the cross-document rules over the whole corpus (``Engine.check_corpus``), in this process or in a
forked worker, while the documents are checked; then ``Engine.finish`` (per-file ignores, inline suppressions, the report
order). The result is the same list, in the same order, as ``Engine.check`` gives: whatever
``--jobs`` is, and whether the cache is used or not.

How the work is shared out (``--jobs N``): a run is worth one process for every
:data:`CHARS_PER_PROCESS` characters to check, none below :data:`PARALLEL_MIN_CHARS`, and never more
than ``N`` nor the cores this process may use (``-j 10000`` starts no more than there are cores).

Where workers are forked (Linux), the cross-document rules that read no view the document rules
compute — the typo rules, which read the text — run in a forked worker, which has the documents
without their being pickled. On two cores this process checks the documents meanwhile, taking them
from the front of a shared queue; the worker, once its rules are done, takes the rest from the back
and sends back their diagnostics and views, so that both finish together whichever half of the run
is the longer. With each document, the process that checks it also builds the costly views the
other cross-document rules read (:data:`CACHED_VIEWS`: the figures, the lists …), so that once every
document is checked, those rules only join them. When the worker is still busy once the queue is
empty, this process runs those rules meanwhile (it has every document's views), then takes back
the worker's rules it has not started. On more cores, the other workers
check the documents.

Without fork (or with the cross-document rules cached), workers receive a document's path and
text, build the Document themselves and send back its diagnostics as JSON values
(:func:`factlint.engine.cache.encode`), so the parent never builds the views of a document the
cross-document rules do not need; with a cache, the parent keeps them for the run's pack
(:meth:`factlint.engine.cache.Cache.flush`: one file a run, written once it ends). When
cross-document rules run, a worker also sends back the views of :data:`SHARED_VIEWS` its document
rules computed (pickled: frozen dataclasses, and the quantities in columns), and the parent installs
them on its own Documents instead of computing them a second time. Meanwhile the parent runs the
cross-document rules that read none of those views, directly or through a corpus view: every rule
declares the views it reads (``RuleMeta.reads``, each view the views it reads in turn), so the
runner knows before it starts which rules can run early and which wait for the workers' views.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from factlint.engine.cache import (
    Cache,
    CacheMemo,
    code_identity,
    decode,
    encode,
    fingerprint,
    text_key,
)
from factlint.engine.core import Engine
from factlint.facts.copies import COPY_SOURCES
from factlint.facts.corpus import Corpus
from factlint.facts.duplicates import PARAGRAPH_SKETCHES
from factlint.facts.enumerations import ENUMERATIONS
from factlint.facts.figures import FIGURES
from factlint.facts.quantities import QUANTITIES
from factlint.facts.quoted import QUOTED_TERMS
from factlint.language.consistency import DOCUMENT_YEAR
from factlint.model import Diagnostic
from factlint.rule import Rule
from factlint.text.document import Document
from factlint.text.formats import TextFormat
from factlint.text.places import Places
from factlint.text.views import View, closure

#: Unchecked characters below which the document rules run in this process, whatever ``--jobs``
#: says: a worker starts in ~20 ms (fork) and the rules check ~100,000 characters a second.
PARALLEL_MIN_CHARS = 20_000
#: Characters of work that pay for one more process (about 0.2 s of rules).
CHARS_PER_PROCESS = 10_000

#: Document views that workers send back for the cross-document rules, when their document rules
#: computed them anyway: each costs several times more to compute than to unpickle (on 1,000 files:
#: ``enumerations`` 0.30 s against 0.06 s, ``quantities`` 0.13 s against 0.04 s). ``blocks`` is not
#: worth it (0.025 s against 0.016 s, and 1.4 MB to pickle), nor ``quoted_terms`` (0.012 s), which
#: no document rule computes: the parent builds both itself, while the workers work if it can.
#: ``paragraph_sketches`` (D101–D103 compute it; D104 joins it across the run) is small: a hash
#: and 16 shingle hashes a paragraph.
SHARED_VIEWS: tuple[View[Document, Any], ...] = (ENUMERATIONS, QUANTITIES, PARAGRAPH_SKETCHES)


#: Document views the cross-document rules read that cost far more to compute than to unpickle
#: (on 1,000 files: ``enumerations`` 0.79 s against 0.09 s, ``paragraph_sketches`` 0.51 s against
#: 0.02 s, ``figures`` 0.34 s against 0.03 s, ``quantities`` 0.20 s against 0.02 s): with a cache,
#: each document's are kept in it by its text, so that when one file of a run is edited the
#: cross-document rules re-run over the others' views read back, not computed again. D104 and
#: C101 read what they need of the paragraphs through ``copy_sources`` and ``document_year``
#: (the blocks of 1,000 files: 0.2 s), C102 the ``quoted_terms`` (0.1 s).
CACHED_VIEWS: tuple[View[Document, Any], ...] = (
    ENUMERATIONS,
    QUANTITIES,
    COPY_SOURCES,
    FIGURES,
    DOCUMENT_YEAR,
    QUOTED_TERMS,
)


def waits_for_workers(rule: Rule) -> bool:
    """Whether a cross-document rule reads a view the workers send back (directly or through the
    views it reads), so that it runs only once they have."""
    return any(view in SHARED_VIEWS for view in closure(rule.meta.reads))


def default_jobs() -> int:
    """The cores this process may use, less those other work keeps busy: on a busy machine a
    second process costs more CPU than it saves wall time (``--jobs 2`` beside a full core)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        cores = os.cpu_count() or 1
    return max(1, cores - busy_cores())


def busy_cores() -> int:
    """The cores busy with other work: the load average of the last minute, rounded, less one (the
    caller itself, or its previous run, is most of a load of one); 0 where there is none
    (Windows) or with ``FACTLINT_IGNORE_LOAD=1``."""
    if os.environ.get("FACTLINT_IGNORE_LOAD", "").strip() in ("1", "true", "yes"):
        return 0
    try:
        load = os.getloadavg()[0]
    except (OSError, AttributeError):
        return 0
    return max(0, round(load) - 1)


def _rules_key(engine: Engine, rules: Sequence[Rule]) -> str:
    return json.dumps(
        [(r.code, engine.severity(r).value, engine.options_text(r)) for r in rules],
        ensure_ascii=False,
    )


# ---- the worker side ------------------------------------------------------------------------------

_WORKER_ENGINE: Engine | None = None
_WORKER_SHARES_VIEWS = False
_WORKER_CORPUS: Corpus | None = None

Checked = tuple[list[dict[str, Any]], dict[str, Any]]  # diagnostics as JSON values, shared views


_WORKER_QUEUE: _Queue | None = None
_WORKER_RULES: _Queue | None = None
#: document views the worker also builds for each document it takes, and sends back
_WORKER_PREFETCH: tuple[View[Document, Any], ...] = ()


class _Queue:
    """What is left to check (documents, or the worker's cross-document rules), shared by this
    process and a forked worker, each taking from one end: the documents this process from the
    front and the worker (once its rules are done) from the back; the rules the worker from the
    front and this process (once the documents are done) from the back. Both finish together,
    whichever half of the run is the longer."""

    def __init__(self, context: Any, todo: Sequence[int]) -> None:
        self.todo = list(todo)
        self.lock = context.Lock()
        self.ends = context.RawArray("q", [0, len(self.todo)])  # the next front, the back

    def front(self) -> int | None:
        with self.lock:
            start: int = self.ends[0]
            end: int = self.ends[1]
            if start >= end:
                return None
            self.ends[0] = start + 1
        return self.todo[start]

    def untouched(self) -> bool:
        """Nothing was taken from the back."""
        with self.lock:
            return bool(self.ends[1] == len(self.todo))

    def back(self) -> int | None:
        with self.lock:
            start: int = self.ends[0]
            end: int = self.ends[1]
            if start >= end:
                return None
            self.ends[1] = end - 1
        return self.todo[end - 1]


def _init_worker(
    engine: Engine,
    share_views: bool,
    corpus: Corpus | None = None,
    queue: _Queue | None = None,
    rules: _Queue | None = None,
    prefetch: tuple[View[Document, Any], ...] = (),
) -> None:
    """A worker's state: the engine, whether to send views back, and (forked
    only: nothing is pickled then) the run's documents, for the cross-document rules, with the
    queues of the documents and cross-document rules left to check."""
    global _WORKER_ENGINE, _WORKER_SHARES_VIEWS, _WORKER_CORPUS
    global _WORKER_QUEUE, _WORKER_RULES, _WORKER_PREFETCH
    _WORKER_ENGINE = engine
    _WORKER_SHARES_VIEWS = share_views
    _WORKER_CORPUS = corpus
    _WORKER_QUEUE = queue
    _WORKER_RULES = rules
    _WORKER_PREFETCH = prefetch


def _check_in_worker(item: tuple[str, str, TextFormat, Places]) -> Checked:
    path, text, format, places = item
    assert _WORKER_ENGINE is not None
    doc = Document(path, text, format, places)
    values = encode(_WORKER_ENGINE.check_document(doc), path)
    views = doc.computed_views(SHARED_VIEWS) if _WORKER_SHARES_VIEWS else {}
    return values, views


#: what the corpus worker sends back: each rule's diagnostics (JSON values), then the documents it
#: took from the queue: their index, diagnostics and shared views
CorpusChecked = tuple[
    list[tuple[str, list[dict[str, Any]]]], list[tuple[int, list[dict[str, Any]], dict[str, Any]]]
]


def _check_corpus_in_worker(codes: Sequence[str]) -> CorpusChecked:
    """The diagnostics of the cross-document rules ``codes`` (with a queue of them, those left
    in it, from its front), rule by rule, as JSON values; then the document rules on the documents
    left in the queue of documents, from its back."""
    assert _WORKER_ENGINE is not None and _WORKER_CORPUS is not None
    engine, corpus = _WORKER_ENGINE, _WORKER_CORPUS
    by_code = {r.code: r for r in engine.rules}
    rules = []
    for index in range(len(codes)):
        # with a queue, a rule the parent has not taken yet, one at a time (the parent takes
        # them from the other end once its documents are checked)
        taken = _WORKER_RULES.front() if _WORKER_RULES is not None else index
        if taken is None:
            break
        code = codes[taken]
        rules.append((code, encode(replace(engine, rules=[by_code[code]]).check_corpus(corpus))))
    documents = []
    while _WORKER_QUEUE is not None and (i := _WORKER_QUEUE.back()) is not None:
        doc = corpus[i]
        values = encode(engine.check_document(doc), doc.path)
        for view in _WORKER_PREFETCH:
            doc.view(view)
        shared = (*SHARED_VIEWS, *_WORKER_PREFETCH)
        views = doc.computed_views(shared) if _WORKER_SHARES_VIEWS else {}
        documents.append((i, values, views))
    return rules, documents


def _forks() -> bool:
    """Whether worker processes are forked here (see :func:`_context`)."""
    return bool(_context().get_start_method() == "fork")


def _context() -> Any:
    """fork where it is safe (Linux, no other thread): workers start without re-importing."""
    import multiprocessing  # with the first pool: not on the start-up path

    if (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    ):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


# ---- the parent side ------------------------------------------------------------------------------


@dataclass
class Stats:
    """What one run did, for tests and the benchmark."""

    documents_checked: int = 0  # document rules run (here or in a worker)
    documents_cached: int = 0  # document rules' diagnostics taken from the cache
    corpus_cached: bool = False
    workers: int = 0  # processes started (0: everything ran here)
    #: the cross-document rules run by a worker process (forked with the documents) while this
    #: process ran the document rules
    corpus_rules_offloaded: list[str] = field(default_factory=list)
    #: documents that worker checked once its rules were done (it takes them from the back)
    documents_by_worker: int = 0
    #: the worker's rules this process ran, once its documents were checked, as the worker had
    #: not started them
    corpus_rules_taken_back: list[str] = field(default_factory=list)
    views_received: int = 0  # documents whose shared views came from a worker
    views_cached: int = 0  # documents whose CACHED_VIEWS came from the cache
    #: the cross-document rules that ran while the workers worked
    corpus_rules_early: list[str] = field(default_factory=list)


def _load(rules: Sequence[Rule]) -> None:
    for rule in rules:
        rule.load()


@dataclass
class Runner:
    """Runs an engine over documents: in one process or several, with the cache when given."""

    engine: Engine
    jobs: int = 1
    cache: Cache | None = None
    #: imports the modules of the rules that run, at once, before any runs (and before workers
    #: fork, which then have them), unless everything comes from the cache: a run whose results
    #: are all cached imports no rule (:func:`factlint.rules.load`, which the API hands down)
    load: Callable[[Sequence[Rule]], None] = _load

    def __post_init__(self) -> None:
        self.stats = Stats()

    def check(self, documents: Sequence[Document]) -> list[Diagnostic]:
        try:
            return self._check(documents)
        finally:
            if self.cache is not None:
                self.cache.flush()  # the entries this run made, in one pack

    def _check(self, documents: Sequence[Document]) -> list[Diagnostic]:
        engine = self.engine
        corpus = engine.corpus(documents)
        self.stats = stats = Stats()
        doc_rules = [r for r in engine.rules if r.scope == "document"]
        corpus_rules = [r for r in engine.rules if r.scope == "corpus"]
        doc_config = _rules_key(engine, doc_rules)

        per_doc: list[list[Diagnostic] | None] = [None] * len(corpus)
        # keys only when there is a cache: the code's identity hashes the code, its data and the
        # dependencies' versions
        texts = (
            [text_key(doc.text, doc.format, doc.places) for doc in corpus]
            if self.cache is not None
            else []
        )
        identity = code_identity(tuple(engine.registry)) if self.cache is not None else ""
        if self.cache is not None:
            self.cache.use_generation(identity[:16])
        keys = [fingerprint(identity, "document", doc_config, t) for t in texts] or [""] * len(
            corpus
        )
        for i, doc in enumerate(corpus):
            if not doc_rules:
                per_doc[i] = []
            elif self.cache is not None:
                per_doc[i] = self._cached(keys[i], doc.path)
        todo = [i for i, d in enumerate(per_doc) if d is None]
        stats.documents_cached = len(corpus) - len(todo) if doc_rules else 0
        stats.documents_checked = len(todo)

        corpus_key = None
        cross: list[Diagnostic] | None = [] if not corpus_rules or not corpus else None
        if cross is None and self.cache is not None:
            corpus_key = fingerprint(
                identity,
                "corpus",
                _rules_key(engine, corpus_rules),
                repr(corpus.facts),
                *(f"{doc.path}\0{t}" for doc, t in zip(corpus, texts, strict=True)),
            )
            cross = self._cached_corpus(corpus_key)

        if todo or cross is None:
            self.load(engine.rules)
        view_keys = self._read_views(corpus, corpus_rules, identity, texts) if cross is None else {}
        if cross is None and self.cache is not None:
            # what a cross-document rule learnt of the last run, to reuse what still holds (T102)
            corpus.memo = CacheMemo(self.cache, fingerprint(identity, repr(corpus.facts)))

        chars = sum(len(corpus[i].text) for i in todo)
        processes = self._processes(chars)
        # the cross-document rules that read no view the document rules compute (the typo rules
        # read the text) run in a forked worker, which has the documents without pickling them,
        # while this process checks the documents: on two cores, the two halves of a run
        offload = (
            [r.code for r in corpus_rules if not waits_for_workers(r)]
            if cross is None and processes >= 2 and _forks()
            else []
        )
        # the processes of the pool: with the cross-document rules in one of them, this process
        # checks the documents when there is one process left for them (two cores), else the
        # pool does (and sends back the views the remaining cross-document rules read)
        if offload:
            # never more than the documents, and the one checking the cross-document rules
            workers = 1 if processes == 2 or len(todo) < 2 else min(processes, len(todo) + 1)
        else:
            workers = min(processes, len(todo)) if processes >= 2 and len(todo) > 1 else 0
        docs_here = not workers or (offload and workers == 1)
        pending = None
        pool = None
        queue = rule_queue = None
        prefetch: tuple[View[Document, Any], ...] = ()
        corpus_future = None
        frozen = False
        if workers:
            # what exists when the workers fork, the collector leaves alone in this process and
            # in the workers, whose memory it then shares instead of copying
            frozen = gc.get_freeze_count() == 0
            if frozen:
                gc.freeze()
        try:
            if workers:
                from concurrent.futures import ProcessPoolExecutor

                share_views = cross is None
                if self.cache is not None and not docs_here:
                    self.cache.prepare()
                context = _context()
                if offload and docs_here:
                    queue = _Queue(context, todo)
                    rule_queue = _Queue(context, range(len(offload)))
                    # the costly views the other cross-document rules read, built with each
                    # document (by whichever process checks it): what is left for those rules
                    # once every document is checked is to join them
                    late = closure(
                        view
                        for rule in corpus_rules
                        if rule.code not in offload
                        for view in rule.meta.reads
                    )
                    prefetch = tuple(v for v in CACHED_VIEWS if v in late)
                pool = ProcessPoolExecutor(
                    workers,
                    mp_context=context,
                    initializer=_init_worker,
                    initargs=(
                        engine,
                        share_views,
                        corpus if offload else None,
                        queue,
                        rule_queue,
                        prefetch,
                    ),
                )
                stats.workers = workers
                if offload:
                    corpus_future = pool.submit(_check_corpus_in_worker, offload)
                if not docs_here:
                    todo_docs = [corpus[i] for i in todo]
                    items = [(d.path, d.text, d.format, d.places) for d in todo_docs]
                    # a few chunks a worker: each task carries many documents (one round trip),
                    # and the last ones still balance the workers
                    chunk = max(1, len(items) // (workers * 4))
                    pending = pool.map(_check_in_worker, items, chunksize=chunk)
            early: dict[str, list[Diagnostic]] = {}
            if cross is None and pending is not None and not offload:
                # while the workers check documents: the cross-document rules that need no view
                # of theirs
                early = self._check_corpus_early(corpus, corpus_rules)
            if queue is not None:
                while (first := queue.front()) is not None:
                    self._check_documents(corpus, [first], per_doc, keys, prefetch)
                if queue.untouched():
                    # the worker is still busy with its rules and took no document: this process
                    # has every document's views, and runs the other cross-document rules now
                    for rule in corpus_rules:
                        if rule.code not in offload:
                            early[rule.code] = replace(engine, rules=[rule]).check_corpus(corpus)
            if rule_queue is not None:
                # the worker's rules it has not started yet: taken from the back
                by_code = {r.code: r for r in corpus_rules}
                while (k := rule_queue.back()) is not None:
                    rule = by_code[offload[k]]
                    early[rule.code] = replace(engine, rules=[rule]).check_corpus(corpus)
                    stats.corpus_rules_taken_back.append(rule.code)
            if pending is not None:
                from concurrent.futures.process import BrokenProcessPool

                try:
                    for i, (values, views) in zip(todo, pending, strict=True):
                        doc = corpus[i]
                        per_doc[i] = decode(values, doc.path)
                        if self.cache is not None:
                            self.cache.put(keys[i], values)
                        doc.install_views(views)
                        stats.views_received += bool(views)
                except BrokenProcessPool:  # a worker died (out of memory?): finish here
                    pass
            if corpus_future is not None:
                try:
                    by_rule, by_document = corpus_future.result()
                except Exception:  # the worker died: its rules and documents are checked here
                    by_rule, by_document = [], []
                for code, values in by_rule:
                    early[code] = decode(values)
                stats.corpus_rules_offloaded = [code for code, _ in by_rule]
                # those the worker ran and those this process took back: none waited for views
                stats.corpus_rules_early = [code for code in offload if code in early]
                for i, values, views in by_document:
                    doc = corpus[i]
                    per_doc[i] = decode(values, doc.path)
                    if self.cache is not None:
                        self.cache.put(keys[i], values)
                    doc.install_views(views)
                    stats.views_received += bool(views)
                    stats.documents_by_worker += 1
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            if frozen:
                gc.unfreeze()
        if cross is None:
            cross = self._check_corpus(corpus, corpus_rules, early)
            if corpus_key is not None and self.cache is not None:
                self.cache.put(corpus_key, encode(cross))
            self._write_views(corpus, view_keys)
            # the cross-document rules are done: their views of the run are not read again
            corpus.release_views()
        # the last pass over the documents: each view is released once no rule left reads it
        self._check_documents(corpus, todo, per_doc, keys, release=True)

        raw = cross
        for found in per_doc:
            assert found is not None
            raw.extend(found)
        return engine.finish(corpus, raw)

    def _read_views(
        self, corpus: Corpus, rules: Sequence[Rule], identity: str, texts: Sequence[str]
    ) -> dict[int, tuple[str, tuple[View[Document, Any], ...]]]:
        """Install on each document the :data:`CACHED_VIEWS` the cross-document rules read, from
        the cache; the key and views of each document that missed (to write once computed)."""
        if self.cache is None:
            return {}
        read = closure(view for rule in rules for view in rule.meta.reads)
        wanted = tuple(v for v in CACHED_VIEWS if v in read)
        if not wanted:
            return {}
        import pickle

        names = ",".join(v.name for v in wanted)
        missed: dict[int, tuple[str, tuple[View[Document, Any], ...]]] = {}
        for i, (doc, text) in enumerate(zip(corpus, texts, strict=True)):
            key = fingerprint(identity, "views", names, text)
            body = self.cache.get_blob(key)
            values: Any = None
            if body is not None:
                try:
                    values = pickle.loads(body)  # signed with this user's key: factlint's own
                except Exception:
                    values = None
            if isinstance(values, dict) and set(values) == {v.name for v in wanted}:
                doc.install_views(values)
                self.stats.views_cached += 1
            else:
                missed[i] = (key, wanted)
        return missed

    def _write_views(
        self, corpus: Corpus, missed: dict[int, tuple[str, tuple[View[Document, Any], ...]]]
    ) -> None:
        """Write the cached views of the documents that missed (built by now, but those only a
        worker process read)."""
        if self.cache is None or not missed:
            return
        import pickle

        for i, (key, wanted) in missed.items():
            # (those a rule run in a worker process read are built here: the worker's are not
            # sent back)
            values = {view.name: corpus[i].view(view) for view in wanted}
            self.cache.put_blob(key, pickle.dumps(values, pickle.HIGHEST_PROTOCOL))

    def _processes(self, chars: int) -> int:
        """How many processes the run is worth (1: everything here): never more than ``--jobs``
        nor the cores this process may use (``-j 10000`` starts two on two cores), and one for
        every :data:`CHARS_PER_PROCESS` characters to check, none below
        :data:`PARALLEL_MIN_CHARS` (starting a process costs more than it saves)."""
        if self.jobs <= 1 or chars < PARALLEL_MIN_CHARS:
            return 1
        return max(1, min(self.jobs, default_jobs(), chars // CHARS_PER_PROCESS))

    def _check_documents(
        self,
        corpus: Corpus,
        todo: Sequence[int],
        per_doc: list[list[Diagnostic] | None],
        keys: Sequence[str],
        prefetch: Sequence[View[Document, Any]] = (),
        *,
        release: bool = False,
    ) -> None:
        """The document rules, here, on the documents of ``todo`` not checked yet (all of them,
        or those a worker that died did not send back), writing their cache entries; and the
        views of ``prefetch`` of each. With ``release`` (no cross-document rule is left to run),
        each document's views are released as its rules are done with them."""
        for i in todo:
            if per_doc[i] is None:
                checked = self.engine.check_document(corpus[i], release=release)
                per_doc[i] = checked
                if self.cache is not None:
                    self.cache.put(keys[i], encode(checked, corpus[i].path))
                for view in prefetch:
                    corpus[i].view(view)

    def _cached(self, key: str, path: str) -> list[Diagnostic] | None:
        assert self.cache is not None
        values = self.cache.get(key)
        if values is None:
            return None
        try:
            return decode(values, path)
        except (KeyError, TypeError, ValueError, IndexError):
            return None  # a corrupt entry: checked again and rewritten

    def _cached_corpus(self, key: str) -> list[Diagnostic] | None:
        assert self.cache is not None
        values = self.cache.get(key)
        if values is None:
            return None
        try:
            found = decode(values)
        except (KeyError, TypeError, ValueError, IndexError):
            return None
        self.stats.corpus_cached = True
        return found

    def _check_corpus_early(
        self, corpus: Corpus, rules: Sequence[Rule]
    ) -> dict[str, list[Diagnostic]]:
        """The diagnostics of each cross-document rule that reads none of :data:`SHARED_VIEWS`
        (by its declarations), run while the workers compute those views."""
        out: dict[str, list[Diagnostic]] = {}
        for rule in rules:
            if waits_for_workers(rule):
                continue
            out[rule.code] = replace(self.engine, rules=[rule]).check_corpus(corpus)
            self.stats.corpus_rules_early.append(rule.code)
        return out

    def _check_corpus(
        self, corpus: Corpus, rules: Sequence[Rule], early: dict[str, list[Diagnostic]]
    ) -> list[Diagnostic]:
        """The cross-document rules' diagnostics in rule order, as ``Engine.check_corpus`` gives
        them: those of ``early`` as they are, the others run now."""
        if not early:
            # the last cross-document rules: each view released once they are done with it, but
            # those the document rules read and (to be written to the cache) CACHED_VIEWS
            keep = CACHED_VIEWS if self.cache is not None else ()
            return self.engine.check_corpus(corpus, release=True, keep=keep)
        rest = [r for r in rules if r.code not in early]
        late = replace(self.engine, rules=rest).check_corpus(corpus) if rest else []
        by_code: dict[str, list[Diagnostic]] = {r.code: [] for r in rest}
        for d in late:
            by_code[d.code].append(d)
        out: list[Diagnostic] = []
        for rule in rules:
            out.extend(early[rule.code] if rule.code in early else by_code[rule.code])
        return out

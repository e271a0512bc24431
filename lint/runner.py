"""Checking many documents on one machine: worker processes (``--jobs``) and the result cache.

A layer around :class:`~factlint.engine.Engine`, which it runs in three steps: the document-scope
rules of each document (``Engine.check_document``) — from the cache, in worker processes, or here;
the cross-document rules over the whole corpus (``Engine.check_corpus``), always in this process
and while the workers run; then ``Engine.finish`` (per-file ignores, inline suppressions, the report
order). The result is the same list, in the same order, as ``Engine.check`` gives: whatever
``--jobs`` is, and whether the cache is used or not.

Workers receive a document's path and text, build the Document themselves and send back its
diagnostics as JSON values (:func:`factlint.cache.encode`), so the parent never builds the views of
a document the cross-document rules do not need. Small runs are checked here: starting processes
costs more than it saves below :data:`PARALLEL_MIN_CHARS` characters of unchecked text.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from factlint.cache import Cache, decode, encode, fingerprint, text_key
from factlint.corpus import Corpus
from factlint.document import Document
from factlint.engine import Engine
from factlint.model import Diagnostic
from factlint.rule import Rule

#: Unchecked characters below which the document rules run in this process, whatever ``--jobs``
#: says: a worker starts in ~20 ms (fork) and the rules check ~100,000 characters a second.
PARALLEL_MIN_CHARS = 20_000


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def _rules_key(engine: Engine, rules: Sequence[Rule]) -> str:
    return json.dumps(
        [(r.code, engine.severity(r).value, repr(engine.options(r))) for r in rules],
        ensure_ascii=False,
    )


# ---- the worker side ------------------------------------------------------------------------------

_WORKER_ENGINE: Engine | None = None


def _init_worker(engine: Engine) -> None:
    global _WORKER_ENGINE
    _WORKER_ENGINE = engine


def _check_in_worker(item: tuple[str, str, bool]) -> list[dict[str, Any]]:
    path, text, markdown = item
    assert _WORKER_ENGINE is not None
    return encode(_WORKER_ENGINE.check_document(Document(path, text, markdown=markdown)), path)


def _context() -> Any:
    """fork where it is safe (Linux, no other thread): workers start without re-importing."""
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


@dataclass
class Runner:
    engine: Engine
    jobs: int = 1
    cache: Cache | None = None

    def __post_init__(self) -> None:
        self.stats = Stats()

    def check(self, documents: Sequence[Document]) -> list[Diagnostic]:
        engine = self.engine
        corpus = engine.corpus(documents)
        self.stats = stats = Stats()
        doc_rules = [r for r in engine.rules if r.meta.scope == "document"]
        corpus_rules = [r for r in engine.rules if r.meta.scope == "corpus"]
        doc_config = _rules_key(engine, doc_rules)

        per_doc: list[list[Diagnostic] | None] = [None] * len(corpus)
        texts = [text_key(doc.text, doc.markdown) for doc in corpus]
        keys = [fingerprint("document", doc_config, t) for t in texts]
        for i, doc in enumerate(corpus):
            if not doc_rules:
                per_doc[i] = []
            elif self.cache is not None:
                per_doc[i] = self._cached(keys[i], doc.path)
        todo = [i for i, d in enumerate(per_doc) if d is None]
        stats.documents_cached = len(corpus) - len(todo) if doc_rules else 0
        stats.documents_checked = len(todo)

        pending = None
        pool = None
        chars = sum(len(corpus[i].text) for i in todo)
        if self.jobs > 1 and len(todo) > 1 and chars >= PARALLEL_MIN_CHARS:
            workers = min(self.jobs, len(todo))
            pool = ProcessPoolExecutor(
                workers, mp_context=_context(), initializer=_init_worker, initargs=(engine,)
            )
            stats.workers = workers
            items = [(corpus[i].path, corpus[i].text, corpus[i].markdown) for i in todo]
            chunk = max(1, len(items) // (workers * 8))
            pending = pool.map(_check_in_worker, items, chunksize=chunk)
        try:
            # the cross-document rules, here, while the workers check documents
            cross = self._check_corpus(corpus, corpus_rules, texts) if corpus_rules else []
            if pending is not None:
                try:
                    for i, values in zip(todo, pending, strict=True):
                        per_doc[i] = decode(values, corpus[i].path)
                        if self.cache is not None:
                            self.cache.put(keys[i], values)
                except BrokenProcessPool:  # a worker died (out of memory?): finish here
                    pass
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        for i in todo:
            if per_doc[i] is None:
                checked = engine.check_document(corpus[i])
                per_doc[i] = checked
                if self.cache is not None:
                    self.cache.put(keys[i], encode(checked, corpus[i].path))

        raw = cross
        for found in per_doc:
            assert found is not None
            raw.extend(found)
        return engine.finish(corpus, raw)

    def _cached(self, key: str, path: str) -> list[Diagnostic] | None:
        assert self.cache is not None
        values = self.cache.get(key)
        if values is None:
            return None
        try:
            return decode(values, path)
        except (KeyError, TypeError, ValueError, IndexError):
            return None  # a corrupt entry: checked again and rewritten

    def _check_corpus(
        self, corpus: Corpus, rules: Sequence[Rule], texts: Sequence[str]
    ) -> list[Diagnostic]:
        if self.cache is None:
            return self.engine.check_corpus(corpus)
        key = fingerprint(
            "corpus",
            _rules_key(self.engine, rules),
            repr(corpus.facts),
            *(f"{doc.path}\0{t}" for doc, t in zip(corpus, texts, strict=True)),
        )
        values = self.cache.get(key)
        if values is not None:
            try:
                found = decode(values)
            except (KeyError, TypeError, ValueError, IndexError):
                pass
            else:
                self.stats.corpus_cached = True
                return found
        found = self.engine.check_corpus(corpus)
        self.cache.put(key, encode(found))
        return found

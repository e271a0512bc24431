"""Views: the analyses of a document or of a whole run, each built once and shared by all rules.

A view is a named, pure function of a :class:`~factlint.text.document.Document` (the blocks, the
quantities, the enumerations …) or of the :class:`~factlint.facts.corpus.Corpus` (the run's bigram
counts, its quoted names …), declared next to the code that builds it::

    QUANTITIES = View("quantities", extract_quantities, reads=(BLOCKS, PROTECTED, SENTENCES))

    quantities = doc.view(QUANTITIES)       # built on first use, then shared

A view names the views it reads itself (``reads``), and a rule names the views it reads in its
``RuleMeta.reads``: the engine schedules from these declarations (which cross-document rules can run
while worker processes still compute the document views, which views a worker sends back), and a
meta-test runs every rule with reads recorded and fails when it reads a view its declarations, with
the views they read in turn (:func:`closure`), do not cover.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable
from typing import Any, Generic, Literal, TypeVar

S = TypeVar("S")  # what the view is of: a Document or a Corpus
T = TypeVar("T")  # what it gives

Scope = Literal["document", "corpus"]


class View(Generic[S, T]):
    """A named analysis of a document (``scope="document"``) or of a run (``"corpus"``)."""

    __slots__ = ("build", "name", "reads", "scope")

    def __init__(
        self,
        name: str,
        build: Callable[[S], T],
        *,
        scope: Scope = "document",
        reads: Iterable[View[Any, Any]] = (),
    ) -> None:
        self.name = name
        self.build = build
        self.scope = scope
        self.reads: tuple[View[Any, Any], ...] = tuple(reads)

    def __repr__(self) -> str:
        return f"View({self.name!r}, scope={self.scope!r})"


def corpus_view(
    name: str, *, reads: Iterable[View[Any, Any]] = ()
) -> Callable[[Callable[[S], T]], View[S, T]]:
    """Decorate a function of the corpus into the corpus view it builds."""

    def wrap(build: Callable[[S], T]) -> View[S, T]:
        return View(name, build, scope="corpus", reads=reads)

    return wrap


def closure(views: Iterable[View[Any, Any]]) -> frozenset[View[Any, Any]]:
    """``views`` and every view they read, directly or through another view."""
    seen: set[View[Any, Any]] = set()
    todo = list(views)
    while todo:
        view = todo.pop()
        if view not in seen:
            seen.add(view)
            todo.extend(view.reads)
    return frozenset(seen)


class ReadRecorder:
    """The names of the views read while it is installed on a document or corpus (for the
    meta-test that checks rules' declarations; off, it costs one attribute test per read)."""

    __slots__ = ("names",)

    def __init__(self) -> None:
        self.names: set[str] = set()


V = TypeVar("V", bound="Viewed")


class Viewed:
    """What views are of (a Document, a Corpus): each view built on first use and kept."""

    _views: dict[str, Any]
    #: set by the meta-test of rules' declarations: every view read is noted in it
    recorder: ReadRecorder | None

    def _start_views(self) -> None:
        self._views = {}
        self.recorder = None

    def release_views(self, keep: Container[str] = ()) -> None:
        """Forget the views built so far but those named in ``keep`` (each is built again if read
        again): what a run no longer needs once its rules are done, and most of its memory."""
        self._views = {name: value for name, value in self._views.items() if name in keep}

    def view(self: V, view: View[V, T]) -> T:
        """The ``view`` of this document or corpus, built on first use and shared by every later
        reader."""
        if self.recorder is not None:
            self.recorder.names.add(view.name)
        try:
            found: T = self._views[view.name]
        except KeyError:
            found = self._views[view.name] = view.build(self)
        return found

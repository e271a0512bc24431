"""The corpus: every document of one run, and the indexes cross-document rules share.

Checking a repository of reports, the consistency and typo rules ask the same questions of every
document (which terms occur how often, which named lists are enumerated where). Each such index is
built once per run by a *view function* and memoised here, so that two rules asking for the same
index share one pass over the text, and no rule keeps state of its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TypeVar, overload

from factlint.facts.sheet import FactSheet
from factlint.text.document import Document
from factlint.text.views import Viewed

T = TypeVar("T")


class Memo(Protocol):
    """Where a cross-document rule may keep what it learnt of one run for the next (the runner's
    cache gives one, keyed by factlint's code, the fact sheet and the rule): a rule that uses it
    must report exactly what it reports without it, only sooner."""

    def get(self, name: str) -> Any: ...

    def put(self, name: str, value: Any) -> None: ...


class Corpus(Sequence[Document], Viewed):
    """The documents of one run, in the order given, with memoised corpus-wide views."""

    def __init__(self, documents: Sequence[Document], facts: FactSheet | None = None) -> None:
        self.documents: tuple[Document, ...] = tuple(documents)
        self.facts = facts or FactSheet()
        self.by_path: dict[str, Document] = {d.path: d for d in self.documents}
        #: set by the runner when it has a cache (``factlint.engine.runner``)
        self.memo: Memo | None = None
        self._start_views()

    @overload
    def __getitem__(self, index: int) -> Document: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Document]: ...

    def __getitem__(self, index: int | slice) -> Document | Sequence[Document]:
        return self.documents[index]

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __repr__(self) -> str:
        return f"Corpus({len(self.documents)} documents)"

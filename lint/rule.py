"""What a rule is: metadata, typed options and a pure check function."""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

import regex
from factlint.model import Finding, Message, Severity

if TYPE_CHECKING:
    from factlint.facts.corpus import Corpus
    from factlint.text.document import Document
    from factlint.text.views import View

FAMILIES = {
    "D": "duplication",
    "T": "typos & wording",
    "N": "numbers",
    "U": "units",
    "C": "consistency",
    "S": "structure",
    "P": "punctuation & spacing",
    "X": "suppressions & meta",  # computed by the engine from other rules' diagnostics
}

CODE_PATTERN = regex.compile(r"^[DTNUCSPX]\d{3}$")
NAME_PATTERN = regex.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class RuleMeta:
    code: str
    name: str
    severity: Severity
    summary: Message
    fixable: bool = False
    # how its fixes are marked (with fixable): all safe, all unsafe (applied only with
    # --unsafe-fixes), or some of each, decided per finding
    fix_safety: Literal["safe", "unsafe", "mixed"] = "safe"
    # "engine": computed by the engine after the other rules (X100); its check() yields nothing
    scope: Literal["document", "corpus", "engine"] = "document"
    #: the views its check reads (document views, and for a corpus rule the corpus views): the
    #: engine schedules from them, and a meta-test fails when the rule reads another
    reads: tuple[View[Any, Any], ...] = ()

    @property
    def family(self) -> str:
        return self.code[0]


class OptionError(ValueError):
    """An option value out of its range, said in both languages (raised by an Options class)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


@dataclass(frozen=True)
class NoOptions:
    """A rule without options."""


DocumentCheck = Callable[["Document", Any], Iterable[Finding]]
CorpusCheck = Callable[["Corpus", Any], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule module, loaded: its metadata, documentation, options type and check function."""

    meta: RuleMeta
    doc: str
    options_type: type[Any]
    check: Callable[..., Iterable[Finding]]
    module: str

    @property
    def code(self) -> str:
        return self.meta.code

    @property
    def name(self) -> str:
        return self.meta.name

    def option_fields(self) -> tuple[dataclasses.Field[Any], ...]:
        return dataclasses.fields(self.options_type)

    def default_options(self) -> Any:
        return self.options_type()

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        meta = module.META
        options = getattr(module, "Options", NoOptions)
        return cls(
            meta=meta,
            doc=inspect.cleandoc(module.__doc__ or ""),
            options_type=options,
            check=module.check,
            module=module.__name__,
        )

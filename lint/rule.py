"""What a rule is: metadata, typed options and a pure check function."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

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
    "X": "suppressions & meta",  # run after the suppression pass, on what it found
}

CODE_PATTERN = re.compile(r"^[DTNUCSPX]\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """What a rule declares: its code, name, severity, summary, fixes, scope and the views it reads."""

    code: str
    name: str
    severity: Severity
    summary: Message
    fixable: bool = False
    # how its fixes are marked (with fixable): all safe, all unsafe (applied only with
    # --unsafe-fixes), or some of each, decided per finding
    fix_safety: Literal["safe", "unsafe", "mixed"] = "safe"
    # "suppressions": runs after the other rules and the suppression pass, on what the pass found
    # (X100: ``check(doc, issues, options)``)
    scope: Literal["document", "corpus", "suppressions"] = "document"
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


class RuleListing:
    """What listing, selecting and scheduling a rule read, known without importing its module:
    :mod:`factlint.rules` lists every rule's from a generated manifest (``rules/_manifest.py``,
    which a test compares with the modules), so that a run imports a rule's module only to run it.
    The same fields as the rule's :class:`RuleMeta`, but the views it reads; and ``options``, the
    ``repr`` of its default options (what the result cache's keys are made of)."""

    __slots__ = (
        "code",
        "fix_safety",
        "fixable",
        "name",
        "options",
        "scope",
        "severity",
        "summary",
    )

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        summary: Message,
        fixable: bool = False,
        fix_safety: Literal["safe", "unsafe", "mixed"] = "safe",
        scope: Literal["document", "corpus", "suppressions"] = "document",
        options: str = "NoOptions()",
    ) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.fixable = fixable
        self.fix_safety = fix_safety
        self.scope = scope
        self.options = options

    @classmethod
    def of(cls, meta: RuleMeta, options: Any = None) -> RuleListing:
        """The listing of a rule's ``meta``, with its default ``options`` (an instance)."""
        return cls(
            meta.code,
            meta.name,
            meta.severity,
            meta.summary,
            meta.fixable,
            meta.fix_safety,
            meta.scope,
            repr(NoOptions() if options is None else options),
        )

    @property
    def family(self) -> str:
        return self.code[0]

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RuleListing):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"RuleListing({fields})"


#: How to write ``rules/_manifest.py`` again once a rule's metadata changed
REGENERATE = "python -m factlint.rules --write"


class StaleManifest(RuntimeError):
    """A rule's module says other metadata than the manifest lists for it."""


class _FromModule:
    """A field of a :class:`Rule` that a listed rule reads from its module, imported on first read
    (:meth:`Rule.load`); a rule made from its parts has it from the start."""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.slot = f"_{name}"

    def __get__(self, rule: Rule | None, owner: type[Any] | None = None) -> Any:
        if rule is None:  # on the class: the field has no default
            raise AttributeError(self.slot[1:])
        try:
            return rule.__dict__[self.slot]
        except KeyError:
            return rule.load().__dict__[self.slot]

    def __set__(self, rule: Rule, value: Any) -> None:
        rule.__dict__[self.slot] = value


@dataclass(frozen=True)
class Rule:
    """A rule module, loaded: its metadata, documentation, options type and check function.

    The rules of the registry are listed (:meth:`listed`): their :attr:`listing` is known at once,
    and their module is imported the first time anything else of them is read (:attr:`meta`,
    :attr:`doc`, :attr:`options_type`, :attr:`check`, :meth:`load`)."""

    meta: RuleMeta = _FromModule()  # type: ignore[assignment]
    doc: str = _FromModule()  # type: ignore[assignment]
    options_type: type[Any] = _FromModule()  # type: ignore[assignment]
    check: Callable[..., Iterable[Finding]] = _FromModule()  # type: ignore[assignment]
    module: str  # type: ignore[misc]  # the fields above have none: see _FromModule

    def __post_init__(self) -> None:
        object.__setattr__(self, "_listing", RuleListing.of(self.meta, self.options_type()))

    @classmethod
    def listed(cls, module: str, listing: RuleListing) -> Rule:
        """The rule of ``module`` (a dotted name) by its listing: the module imported on first
        use."""
        rule = cls.__new__(cls)
        object.__setattr__(rule, "module", module)
        object.__setattr__(rule, "_listing", listing)
        return rule

    @property
    def listing(self) -> RuleListing:
        listing: RuleListing = self.__dict__["_listing"]
        return listing

    @property
    def loaded(self) -> bool:
        """Whether its module is imported (a listed rule's is on first use)."""
        return "_meta" in self.__dict__

    def load(self) -> Rule:
        """Import the module of a listed rule (nothing when it is); StaleManifest when its
        metadata is not what the listing says."""
        if not self.loaded:
            import importlib

            loaded = Rule.from_module(importlib.import_module(self.module))
            if loaded.listing != self.listing:
                raise StaleManifest(
                    f"{self.module}: its META is not what rules/_manifest.py lists "
                    f"({loaded.listing!r} != {self.listing!r}); run `{REGENERATE}`"
                )
            for name in ("_doc", "_options_type", "_check", "_meta"):  # _meta: loaded
                self.__dict__[name] = loaded.__dict__[name]
        return self

    @property
    def code(self) -> str:
        return self.listing.code

    @property
    def name(self) -> str:
        return self.listing.name

    @property
    def scope(self) -> Literal["document", "corpus", "suppressions"]:
        return self.listing.scope

    def __hash__(self) -> int:
        # not the fields': a listed rule is hashed without importing its module
        return hash((self.module, self.code))

    def option_fields(self) -> tuple[dataclasses.Field[Any], ...]:
        return dataclasses.fields(self.options_type)

    def default_options(self) -> Any:
        return self.options_type()

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        import inspect

        meta = module.META
        options = getattr(module, "Options", NoOptions)
        return cls(
            meta=meta,
            doc=inspect.cleandoc(module.__doc__ or ""),
            options_type=options,
            check=module.check,
            module=module.__name__,
        )


# ---- naming rules: codes, prefixes, names -------------------------------------------------------

#: How close a misspelt code or name must be to a real one to be suggested.
HINT_CUTOFF = 0.75


class SelectorError(ValueError):
    """A code, prefix or rule name that selects no rule; the message names the closest one."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


def closest(word: str, choices: Iterable[str]) -> str:
    """The choice closest to a misspelt ``word``, or "" when none is close enough."""
    import difflib  # only a misspelt name needs it: not on the start-up path

    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=HINT_CUTOFF)
    return match[0] if match else ""


def _hint(word: str, rules: list[Rule]) -> tuple[str, str]:
    best = closest(word, [r.code for r in rules] + [r.name for r in rules])
    return (f"，是否想写“{best}”？", f"; did you mean “{best}”?") if best else ("", "")


def rule_by_token(token: str, rules: Iterable[Rule]) -> Rule:
    """A rule by exact code or kebab-case name, or SelectorError."""
    rules = list(rules)
    for rule in rules:
        if token.upper() == rule.code or token == rule.name:
            return rule
    zh, en = _hint(token, rules)
    raise SelectorError(Message(f"未知规则“{token}”{zh}", f"unknown rule “{token}”{en}"))


def selector(token: str, rules: Iterable[Rule]) -> str:
    """The code form of a code prefix (``D``, ``D1``, ``D101``), rule name or ``ALL`` (""), or
    SelectorError."""
    rules = list(rules)
    if token.upper() == "ALL":
        return ""
    for rule in rules:
        if token == rule.name:
            return rule.code
    if any(rule.code.startswith(token.upper()) for rule in rules):
        return token.upper()
    zh, en = _hint(token, rules)
    raise SelectorError(
        Message(f"未知规则代码或前缀“{token}”{zh}", f"unknown rule code or prefix “{token}”{en}")
    )


# ---- a rule's documentation, in Chinese and in English ------------------------------------------

#: The sections of a rule's docstring, in order: Chinese for an editor first, then English. Both
#: languages share one docstring; ``factlint rule`` and SARIF show the sections of one language.
DOC_SECTIONS = {
    "zh": ("检查什么", "为什么重要", "示例", "改为", "如何修改", "选项"),
    "en": ("What it does", "Why it matters", "Example", "Use instead", "How it works", "Options"),
}
#: The sections every rule's docstring must have (``改为`` may be said in ``如何修改``). The
#: examples are written once, under ``示例`` and ``改为``: the English documentation shows them
#: under ``Example`` and ``Use instead`` unless it has sections of its own by those names.
REQUIRED_DOC_SECTIONS = {
    "zh": ("检查什么", "为什么重要", "示例", "如何修改"),
    "en": ("What it does", "Why it matters", "How it works"),
}
#: English sections that, when absent, show the Chinese section of the same examples
SHARED_EXAMPLES = {"Example": "示例", "Use instead": "改为"}
_HEADING = re.compile(r"^## (.+)$", re.M)


def doc_sections(doc: str) -> dict[str, str]:
    """The ``## `` sections of a rule's docstring by heading, each body stripped (the title line
    before the first heading is not a section)."""
    heads = list(_HEADING.finditer(doc))
    ends = [h.start() for h in heads[1:]] + [len(doc)]
    return {
        h.group(1).strip(): doc[h.end() : end].strip() for h, end in zip(heads, ends, strict=True)
    }


def doc_in(doc: str, lang: str) -> str:
    """The Markdown of a rule's docstring in ``lang`` ("zh" or "en"): that language's sections with
    their headings, in order, without the title line."""
    sections = doc_sections(doc)
    if lang == "en":
        for english, chinese in SHARED_EXAMPLES.items():
            if english not in sections and chinese in sections:
                sections[english] = sections[chinese]
    names = DOC_SECTIONS["en" if lang == "en" else "zh"]
    return "\n\n".join(f"## {name}\n{sections[name]}" for name in names if name in sections)


def unwrap(text: str) -> str:
    """The lines of a paragraph joined into one: with a space, as Markdown reads a line break, except
    between two Chinese characters (or any East Asian wide characters), where it is no space."""
    import unicodedata

    out = ""
    for line in (part.strip() for part in text.splitlines()):
        if not line:
            continue
        wide = out and (
            unicodedata.east_asian_width(out[-1]) in "WF"
            and unicodedata.east_asian_width(line[0]) in "WF"
        )
        out = out + line if wide or not out else f"{out} {line}"
    return out

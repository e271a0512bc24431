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
    "X": "suppressions & meta",  # run after the suppression pass, on what it found
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
_HEADING = regex.compile(r"^## (.+)$", regex.M)


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

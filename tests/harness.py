"""The fixture harness: ``fixtures/rules/<CODE>.yaml`` holds ``pass_*`` and ``fail_*`` cases.

A case::

    fail_verbatim_copy:
      text: |
        ……
      path: case.md          # optional; decides Markdown handling
      others:                # optional: more documents checked in the same run (the
        - path: earlier.txt  # cross-document rules); every diagnostic must be in ``text``
          text: |
            ……
      options: {threshold: 0.9}
      expect:                # the COMPLETE list of diagnostics, in document order
        - at: 30余个百分百     # the exact flagged substring …
          nth: 1             # … its n-th occurrence in the text (default 1)
          message: ……        # the exact Chinese message
          related: [{at: ……, nth: 1, in: earlier.txt}]   # ``in``: one of ``others``
          severity: error    # required: error | warning | info, as reported with the default config
          fix: null          # required: null (no fix offered), or {safe: ……} / {unsafe: ……}
                             # with the replacement text
      fixed: |               # the text after applying every (safe and unsafe) fix
        ……
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml
from factlint.engine.core import Engine
from factlint.inputs.reading import document_for
from factlint.model import Diagnostic, Span
from factlint.project.config import Config, rule_options
from factlint.rule import Rule
from factlint.rules import BY_CODE, REGISTRY
from factlint.text.document import Document
from factlint.text.fixes import apply_fixes

RULE_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"


@dataclass
class Case:
    code: str
    name: str
    text: str
    path: str = "case.txt"
    options: dict[str, Any] = field(default_factory=dict)
    expect: list[dict[str, Any]] = field(default_factory=list)
    fixed: str | None = None
    others: list[dict[str, str]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.code}-{self.name}"


def load_cases() -> list[Case]:
    cases: list[Case] = []
    for file in sorted(RULE_FIXTURES.glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        code = data["rule"]
        for name, body in data["cases"].items():
            cases.append(
                Case(
                    code=code,
                    name=name,
                    text=body["text"],
                    path=body.get("path", "case.txt"),
                    options=body.get("options") or {},
                    expect=body.get("expect") or [],
                    fixed=body.get("fixed"),
                    others=body.get("others") or [],
                )
            )
    return cases


def locate(text: str, at: str, nth: int = 1) -> Span:
    start = -1
    for _ in range(nth):
        start = text.find(at, start + 1)
        if start < 0:
            raise AssertionError(f"fixture error: {at!r} (occurrence {nth}) is not in the text")
    return Span(start, start + len(at))


def run_rule(
    code: str,
    text: str,
    path: str = "case.txt",
    options: dict[str, Any] | None = None,
    others: list[dict[str, str]] | None = None,
) -> tuple[Document, list[Diagnostic]]:
    """The rule's diagnostics on ``text``, checked in one run with the ``others`` documents."""
    rule = BY_CODE[code]
    config = Config()
    if options:
        config.options[code] = rule_options(rule, options, "fixture")
    doc = document_for(path, text)
    docs = [doc, *(document_for(o["path"], o["text"]) for o in others or ())]
    if rule.meta.scope == "suppressions":  # X100 judges the other rules' diagnostics: run them all
        found = Engine(list(REGISTRY), config).check(docs)
        return doc, [d for d in found if d.code == code]
    return doc, Engine([rule], config).check(docs)


def actual(doc: Document, diagnostics: list[Diagnostic]) -> list[dict[str, Any]]:
    return [
        {
            "span": (d.span.start, d.span.end),
            "text": doc.slice(d.span) if d.path == doc.path else f"{d.path}: {d.message.zh}",
            "message": d.message.zh,
            "related": [
                (r.line, r.column) if r.path == doc.path else (r.path, r.line, r.column)
                for r in d.related
            ],
            "severity": d.severity.value,
            "fix": fix_of(d),
        }
        for d in diagnostics
    ]


def fix_of(d: Diagnostic) -> dict[str, str] | None:
    """A diagnostic's fix as the fixtures write it: None, or ``{safe|unsafe: replacement}``."""
    if d.fix is None:
        return None
    return {"safe" if d.fix.safe else "unsafe": d.fix.replacement}


def expected(case: Case, doc: Document) -> list[dict[str, Any]]:
    out = []
    for item in case.expect:
        span = locate(case.text, item["at"], item.get("nth", 1))
        related = []
        for rel in item.get("related", []):
            rel = {"at": rel} if isinstance(rel, str) else rel
            if "in" not in rel:
                rspan = locate(case.text, rel["at"], rel.get("nth", 1))
                related.append(doc.position(rspan.start))
                continue
            other = next(o for o in case.others if o["path"] == rel["in"])
            rspan = locate(other["text"], rel["at"], rel.get("nth", 1))
            line, column = document_for(other["path"], other["text"]).position(rspan.start)
            related.append((other["path"], line, column))
        for required in ("severity", "fix"):
            if required not in item:
                raise AssertionError(f"fixture error: {case.id}, {item['at']!r}: no {required}")
        out.append(
            {
                "span": (span.start, span.end),
                "text": item["at"],
                "message": item["message"],
                "related": related,
                "severity": item["severity"],
                "fix": item["fix"],
            }
        )
    return out


# ---- the examples of the rule docstrings ------------------------------------------------------

_SECTION = regex.compile(
    r"^## (Example|Use instead|示例|改为)\n(.*?)(?=^## |\Z)", regex.S | regex.M
)
_BLOCK = regex.compile(r"^```(\w*)\n(.*?)^```", regex.S | regex.M)
_REPORT = regex.compile(r"^（报告[一二三四五六七八九十]）", regex.M)


@dataclass
class Example:
    """A fenced block of a rule's docstring: under ``## Example`` or ``## 示例`` it must be reported
    by the rule (``fail``), under ``## Use instead`` or ``## 改为`` not (``pass``). A block marked ``md`` is Markdown; one in
    another language (``toml``: configuration) is not an example. Lines starting ``（报告一）``,
    ``（报告二）`` … start separate documents, checked together (the cross-document rules)."""

    code: str
    kind: str  # "fail" or "pass"
    number: int
    documents: list[tuple[str, str]]

    @property
    def id(self) -> str:
        return f"{self.code}-{self.kind}-{self.number}"


def docstring_examples(rule: Rule) -> list[Example]:
    out: list[Example] = []
    for section in _SECTION.finditer(rule.doc):
        kind = "fail" if section.group(1) in ("Example", "示例") else "pass"
        for block in _BLOCK.finditer(section.group(2)):
            language, text = block.group(1), block.group(2)
            if language not in ("", "text", "md"):
                continue
            suffix = ".md" if language == "md" else ".txt"
            starts = [m.start() for m in _REPORT.finditer(text)] or [0]
            if starts[0] != 0:
                starts.insert(0, 0)
            pieces = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
            documents = [
                (f"report{i}{suffix}", _REPORT.sub("", piece, count=1))
                for i, piece in enumerate(pieces, 1)
                if piece.strip()
            ]
            number = sum(1 for e in out if e.kind == kind) + 1
            out.append(Example(rule.code, kind, number, documents))
    return out


def run_example(example: Example) -> list[Diagnostic]:
    """The findings of the example's rule on its documents (X100 needs all the rules)."""
    rule = BY_CODE[example.code]
    rules = list(REGISTRY) if rule.meta.scope == "suppressions" else [rule]
    docs = [document_for(path, text) for path, text in example.documents]
    return [d for d in Engine(rules, Config()).check(docs) if d.code == example.code]


def fixed_text(text: str, diagnostics: list[Diagnostic]) -> str:
    return apply_fixes(
        text, [(d.span, d.fix) for d in diagnostics if d.fix is not None], unsafe=True
    )


def edit_run(docs: list[Document], kind: str, i: int, rng: random.Random, line: str) -> None:
    """One edit of a run's documents, in place, for the tests of what is kept between runs:
    ``append`` ``line`` to document ``i``, ``drop-line`` (one of its lines, at random), ``drop``
    the document, ``swap`` its text with another's (at random)."""
    text = docs[i].text
    if kind == "append":
        docs[i] = Document(docs[i].path, text + line + "\n")
    elif kind == "drop-line":
        rest = text.splitlines()
        del rest[rng.randrange(len(rest))]
        docs[i] = Document(docs[i].path, "\n".join(rest) + "\n")
    elif kind == "drop":
        del docs[i]
    elif kind == "swap":
        j = rng.randrange(len(docs))
        docs[i], docs[j] = Document(docs[i].path, docs[j].text), Document(docs[j].path, text)
    else:
        raise ValueError(kind)

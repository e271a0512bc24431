"""Rules declare the views they read (``RuleMeta.reads``): the runner schedules from the
declarations, so a rule that reads a view it did not declare is a defect this test finds.

Every rule runs on each of its fixture cases, and on the bundled documents (the seed reports among them) with
every view read recorded (``Document.recorder``, ``Corpus.recorder``); what it read must lie in the
closure of its declarations (the declared views and the views they read in turn).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from factlint.engine.core import Engine
from factlint.facts.corpus import Corpus
from factlint.inputs.reading import document_for
from factlint.project.config import Config, rule_options
from factlint.rule import Rule
from factlint.rules import REGISTRY
from factlint.text.views import ReadRecorder, View, closure

from tests.harness import load_cases

ROOT = Path(__file__).resolve().parent.parent
CASES = load_cases()
DOCUMENTS = [
    p for p in sorted((ROOT / "fixtures" / "documents").glob("*")) if p.suffix in (".txt", ".md")
]
CHECKED = [r for r in REGISTRY if r.meta.scope != "suppressions"]


def _reads(rule: Rule, path: str, text: str, options: dict[str, object]) -> set[str]:
    config = Config()
    if options:
        config.options[rule.code] = rule_options(rule, options, "fixture")
    doc = document_for(path, text)
    corpus = Corpus([doc])
    doc.recorder, corpus.recorder = ReadRecorder(), ReadRecorder()
    engine = Engine([rule], config)
    if rule.meta.scope == "corpus":
        engine.check_corpus(corpus)
    else:
        engine.check_document(doc)
    return doc.recorder.names | corpus.recorder.names


@pytest.mark.parametrize("rule", CHECKED, ids=lambda r: r.code)
def test_a_rule_reads_only_the_views_it_declares(rule: Rule) -> None:
    allowed = {v.name for v in closure(rule.meta.reads)}
    inputs = [(c.path, c.text, c.options) for c in CASES if c.code == rule.code]
    inputs += [(p.name, p.read_text(encoding="utf-8"), {}) for p in DOCUMENTS]
    assert inputs
    read: set[str] = set()
    for path, text, options in inputs:
        read |= _reads(rule, path, text, options)
    assert read <= allowed, f"{rule.code} reads {sorted(read - allowed)} without declaring them"


@pytest.mark.parametrize("rule", REGISTRY, ids=lambda r: r.code)
def test_declarations_are_views_of_the_rules_scope(rule: Rule) -> None:
    for view in rule.meta.reads:
        assert isinstance(view, View)
        if rule.meta.scope == "document":
            assert view.scope == "document", f"{rule.code}: a corpus view in a document rule"


def test_an_undeclared_read_is_caught() -> None:
    """The recorder sees a read the declarations do not cover (the test above can fail)."""
    from factlint.facts.quantities import QUANTITIES
    from factlint.model import Message, Severity
    from factlint.rule import NoOptions, RuleMeta
    from factlint.text.document import BLOCKS, Document

    def check(doc: Document, opts: NoOptions) -> list[object]:
        doc.view(QUANTITIES)
        return []

    meta = RuleMeta("N199", "reader", Severity.INFO, Message("测", "test"), reads=(BLOCKS,))
    rule = Rule(meta, "", NoOptions, check, "test")
    read = _reads(rule, "a.txt", "共有5所学校。\n", {})
    assert "quantities" in read
    assert not read <= {v.name for v in closure(meta.reads)}


def test_a_views_declared_reads_cover_what_it_builds_from() -> None:
    """The closure is only right if each view declares what its builder reads."""
    from factlint.facts.duplicates import DUPLICATES
    from factlint.facts.enumerations import ENUMERATIONS
    from factlint.facts.quantities import QUANTITIES
    from factlint.facts.quoted import QUOTED_TERMS
    from factlint.text.directives import DIRECTIVES
    from factlint.text.document import BLOCKS, PROTECTED, SENTENCES
    from factlint.text.structure import OPEN_ENDINGS

    views = [BLOCKS, SENTENCES, PROTECTED, OPEN_ENDINGS, DIRECTIVES]
    views += [QUANTITIES, ENUMERATIONS, QUOTED_TERMS, DUPLICATES]
    for view in views:
        allowed = {v.name for v in closure([view])}
        for path in DOCUMENTS:
            doc = document_for(path.name, path.read_text(encoding="utf-8"))
            doc.recorder = ReadRecorder()
            doc.view(view)
            assert doc.recorder.names <= allowed, (view.name, doc.recorder.names - allowed)

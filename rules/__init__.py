"""The rules of factlint. One module per rule; the registry below is the single list of them.

The registry is read from the generated manifest (``rules/_manifest.py``): listing, selecting and
configuring rules imports none of their modules. A rule's module is imported when it must run
(:meth:`factlint.rule.Rule.load`, :func:`load`), and with it the facts and text modules it reads.
"""

from __future__ import annotations

from collections.abc import Iterable

from factlint.model import Message, Severity
from factlint.rule import Rule, RuleListing
from factlint.rules._manifest import RULES

#: Every rule, sorted by code. A meta-test checks that every module of this package is listed.
REGISTRY: tuple[Rule, ...] = tuple(
    Rule.listed(
        f"factlint.rules.{module}",
        RuleListing(
            code,
            name,
            Severity(severity),
            Message(zh, en),
            fixable,
            safety,  # type: ignore[arg-type]
            scope,  # type: ignore[arg-type]
            options,
        ),
    )
    for module, code, name, severity, zh, en, fixable, safety, scope, options in RULES
)

BY_CODE: dict[str, Rule] = {r.code: r for r in REGISTRY}
BY_NAME: dict[str, Rule] = {r.name: r for r in REGISTRY}


def load(rules: Iterable[Rule] = REGISTRY) -> None:
    """Import the modules of ``rules`` (every rule's by default) now, at once: the regex patterns
    their modules compile are then those of the snapshot (:mod:`factlint.text.snapshots`), which
    is written again once every rule's module is imported, if it holds other patterns."""
    from factlint.text.snapshots import install_patterns, save_patterns

    install_patterns()
    for rule in rules:
        rule.load()
    if all(rule.loaded for rule in REGISTRY):
        # the patterns the rules and views compiled when imported, saved for the next start-up
        save_patterns()

"""``--format sarif``: SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.

One run: ``tool.driver`` with every rule that ran (id = code, name, summary, the rule's
documentation as help, its default level); one result per diagnostic with its configured level,
region (1-based, end-exclusive columns counting code points: ``columnKind: unicodeCodePoints``),
related locations, fix and a stable ``partialFingerprints`` entry; the checked files as
``artifacts``; inputs that could not be read as ``toolExecutionNotifications`` of the invocation.

Where the input says where a line is (a Word draft: the part, the table cell, the note, the
heading — :mod:`factlint.text.places`), the result's location carries it too, beside its region:
the place in words as the location's ``message`` (§3.28.5), and as one ``logicalLocations`` entry
(§3.33) named by those words, its ``kind`` the part (``body``, ``table``, ``header``, ``footer``,
``footnote``, ``endnote``, ``textbox``: none of the kinds the specification lists describes a part
of a Word document, and it allows others then), its ``properties.location`` the JSON output's
``location`` object (``part``, ``table``/``row``/``column``, ``note``, ``heading``, ``text``).

Paths become URI references as SARIF requires: relative ones ``/``-separated and percent-encoded
(``报告/甲.txt`` → ``%E6%8A%A5%E5%91%8A/%E7%94%B2.txt``), resolved against ``%SRCROOT%``, the working
directory; absolute ones as ``file://`` URIs. GitHub rejects an upload whose URIs are not valid.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from factlint import model
from factlint.engine.fingerprints import fingerprints
from factlint.model import Diagnostic, Severity
from factlint.reporters import Format, Report
from factlint.rule import FAMILIES, Rule, doc_in, unwrap
from factlint.text.places import Place, as_json

SCHEMA = (
    "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
)
SRCROOT = "%SRCROOT%"
FINGERPRINT = "factlintFingerprint/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def uri(path: str) -> tuple[str, bool]:
    """The URI reference of a path, and whether it is relative (to %SRCROOT%)."""
    pure = PurePath(path)
    if pure.is_absolute():
        return Path(path).as_uri(), False
    posix = pure.as_posix()  # also drops a leading "./"
    return quote(posix, safe="/"), True


def artifact_location(path: str, index: dict[str, int]) -> dict[str, Any]:
    reference, relative = uri(path)
    location: dict[str, Any] = {"uri": reference}
    if relative:
        location["uriBaseId"] = SRCROOT
    if path in index:
        location["index"] = index[path]
    return location


def region(line: int, column: int, end_line: int, end_column: int) -> dict[str, int]:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _sections(doc: str, lang: str) -> tuple[str, str]:
    """The documentation in ``lang`` (its sections in that language, without the title line), and
    its first paragraph (“What it does”, “检查什么”)."""
    body = doc_in(doc, lang)
    paragraphs = [
        "\n".join(line for line in p.splitlines() if not line.startswith("#")).strip()
        for p in body.split("\n\n")
    ]
    paragraphs = [p for p in paragraphs if p]
    first = unwrap(paragraphs[0]) if paragraphs else ""
    return body, first


def rule_descriptor(rule: Rule, lang: str) -> dict[str, Any]:
    summary = rule.meta.summary.text(lang)
    body, first = _sections(rule.doc, lang)
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": first or summary},
        "defaultConfiguration": {"level": _LEVEL[rule.meta.severity]},
        "properties": {"tags": [FAMILIES[rule.meta.family]], "fixable": rule.meta.fixable},
    }
    if body:
        descriptor["help"] = {"text": body, "markdown": body}
    return descriptor


def _rules(report: Report) -> list[Rule]:
    """The rules that ran (a report built without them describes none: each result still names
    its rule by ``ruleId``)."""
    return list(report.rules)


def logical(place: Place, lang: str) -> dict[str, Any]:
    """The members a location gets for a place in a Word draft (see the module's docstring)."""
    location = as_json(place, lang)
    return {
        "logicalLocations": [
            {"name": location["text"], "kind": place.part, "properties": {"location": location}}
        ],
        "message": {"text": location["text"]},
    }


def result(
    d: Diagnostic,
    lang: str,
    rule_index: dict[str, int],
    index: dict[str, int],
    fp: str,
    place: Place | None = None,
) -> dict[str, Any]:
    """A diagnostic as a SARIF result, from its :func:`factlint.model.to_dict` values; ``place``:
    where its line is in a Word draft, if the input said."""
    v = model.to_dict(d, lang)
    where = region(v["line"], v["column"], v["end_line"], v["end_column"])
    primary: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": artifact_location(v["path"], index),
            "region": {**where, "snippet": {"text": v["excerpt"]}},
        }
    }
    if place is not None:
        primary |= logical(place, lang)
    out: dict[str, Any] = {
        "ruleId": v["code"],
        "level": _LEVEL[Severity(v["severity"])],
        "message": {"text": v["message"]},
        "locations": [primary],
        "partialFingerprints": {FINGERPRINT: fp},
    }
    if v["code"] in rule_index:
        out["ruleIndex"] = rule_index[v["code"]]
    if v["related"]:
        out["relatedLocations"] = [
            {
                "id": i,
                "message": {"text": r["message"]},
                "physicalLocation": {
                    "artifactLocation": artifact_location(r["path"], index),
                    "region": region(r["line"], r["column"], r["end_line"], r["end_column"]),
                },
            }
            for i, r in enumerate(v["related"], start=1)
        ]
    fix = v["fix"]
    if fix is not None:
        out["fixes"] = [
            {
                "description": {"text": fix["message"]},
                "artifactChanges": [
                    {
                        "artifactLocation": artifact_location(v["path"], index),
                        "replacements": [
                            {
                                "deletedRegion": where,
                                "insertedContent": {"text": fix["replacement"]},
                            }
                        ],
                    }
                ],
                "properties": {
                    "safe": fix["applicability"] == "safe",
                    "applicability": fix["applicability"],
                },
            }
        ]
    return out


_OFFICE_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}


def _mime_type(path: str, markdown: bool) -> str:
    """The artifact's media type: a Word draft's or an OpenDocument text's, else text."""
    suffix = PurePath(path).suffix.lower()
    if suffix in _OFFICE_TYPES:
        return _OFFICE_TYPES[suffix]
    return "text/markdown" if markdown else "text/plain"


def to_dict(report: Report) -> dict[str, Any]:
    lang = report.lang
    rules = _rules(report)
    rule_index = {r.code: i for i, r in enumerate(rules)}
    paths = list(report.documents)
    index = {path: i for i, path in enumerate(paths)}
    artifacts: list[dict[str, Any]] = []
    for path in paths:
        doc = report.documents[path]
        artifacts.append(
            {
                "location": artifact_location(path, {}),
                "mimeType": _mime_type(path, doc.markdown),
                "roles": ["analysisTarget"],
            }
        )
    notifications = [
        {
            "level": "error" if p.fatal else "warning",
            "message": {"text": p.message},
            "locations": [
                {"physicalLocation": {"artifactLocation": artifact_location(p.path, {})}}
            ],
        }
        for p in report.problems
    ]
    working_directory = Path.cwd().as_uri().rstrip("/") + "/"
    invocation: dict[str, Any] = {
        "executionSuccessful": not any(p.fatal for p in report.problems),
        "workingDirectory": {"uri": working_directory},
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    fps = fingerprints(report.diagnostics, report.documents)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "factlint",
                "version": model.VERSION,
                "semanticVersion": model.VERSION,
                "language": "zh-CN" if lang == "zh" else "en-US",
                "rules": [rule_descriptor(r, lang) for r in rules],
            }
        },
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": working_directory}},
        "artifacts": artifacts,
        "results": [
            result(d, lang, rule_index, index, fp, report.place(d))
            for d, fp in zip(report.diagnostics, fps, strict=True)
        ],
        "language": "zh-CN" if lang == "zh" else "en-US",
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


FORMAT = Format("sarif", render)  # a SARIF log holds results, not counts

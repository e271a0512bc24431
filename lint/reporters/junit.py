"""``--format junit``: JUnit XML for GitLab's test report and Jenkins' JUnit plugin.

One ``<testsuite>`` per checked file; in it, one failing ``<testcase>`` per diagnostic, or a single
passing one (``factlint``) when the file is clean; so ``failures`` counts findings and ``tests``
also counts the clean files. An input that could not be read is a testcase with ``<error>``, a
skipped one (binary) a testcase with ``<skipped>``.

Why one testcase per finding, named without line numbers: GitLab lists every failed testcase of a
merge request by name, and compares the head pipeline's report with the base branch's by suite,
classname and name to say which failures are *new* and which were *fixed*. A name built from the
code, the rule and the flagged text (``P101 half-width-punctuation “以来, 我市”``, with ``#2`` for a
second identical one) stays the same when lines are added above it, so an unchanged finding is not
reported as new, and two findings never share a name (GitLab would merge them). The place and the
full message are in the failure's text (with a Word draft's place: ``稿件.docx:13:7（表格1 第2行第3列）:
T101 …``) and in the ``file`` and ``line`` attributes. ``classname``
is the path without its extension, ``/`` replaced by ``.`` — Jenkins reads it as package.class.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import regex
from factlint.model import Diagnostic
from factlint.reporters import Format, Problem, Report, notes

EXCERPT = 20  # characters of the flagged text in a testcase name
_WHITE_SPACE = regex.compile(r"\s+")
# XML 1.0 cannot carry these at all, escaped or not: replace them so the report stays well formed
_NOT_XML = regex.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def classname(path: str) -> str:
    stem = path.removeprefix("./")
    head, dot, ext = stem.rpartition(".")
    if dot and "/" not in ext and head and not head.endswith("/"):
        stem = head
    return stem.replace("/", ".")


def testcase_name(d: Diagnostic) -> str:
    excerpt = _WHITE_SPACE.sub(" ", d.excerpt).strip()
    if len(excerpt) > EXCERPT:
        excerpt = excerpt[:EXCERPT] + "…"
    return f"{d.code} {d.rule} “{excerpt}”" if excerpt else f"{d.code} {d.rule}"


def _details(d: Diagnostic, lang: str, fixable: bool, where: str = "") -> str:
    """The failure's text: ``path:line:column（place）: code message`` (the place in a Word draft:
    :meth:`Report.where`), then the related places and the fix, one a line."""
    loc = d.location
    lines = [f"{d.path}:{loc.line}:{loc.column}{where}: {d.code} {d.message.text(lang)}"]
    lines += notes(d, lang, fixable)
    return "\n".join(lines)


def _suite(parent: ET.Element, path: str, diagnostics: list[Diagnostic], report: Report) -> None:
    lang, fixable = report.lang, report.fixable(path)
    suite = ET.SubElement(parent, "testsuite", name=_xml_text(path))
    names: Counter[str] = Counter()
    for d in diagnostics:
        name = testcase_name(d)
        names[name] += 1
        if names[name] > 1:
            name = f"{name} #{names[name]}"
        case = ET.SubElement(
            suite,
            "testcase",
            name=_xml_text(name),
            classname=_xml_text(classname(path)),
            file=_xml_text(path.removeprefix("./")),
            line=str(d.location.line),
            time="0",
        )
        failure = ET.SubElement(
            case, "failure", message=_xml_text(d.message.text(lang)), type=d.severity.value
        )
        failure.text = _xml_text(_details(d, lang, fixable, report.where(d)))
    if not diagnostics:
        ET.SubElement(
            suite,
            "testcase",
            name="factlint",
            classname=_xml_text(classname(path)),
            file=_xml_text(path.removeprefix("./")),
            time="0",
        )
    _count(suite, tests=max(1, len(diagnostics)), failures=len(diagnostics))


def _problem_suite(parent: ET.Element, problem: Problem) -> None:
    suite = ET.SubElement(parent, "testsuite", name=_xml_text(problem.path))
    case = ET.SubElement(
        suite, "testcase", name="factlint", classname=_xml_text(classname(problem.path)), time="0"
    )
    ET.SubElement(case, "error" if problem.fatal else "skipped", message=_xml_text(problem.message))
    _count(suite, tests=1, errors=int(problem.fatal), skipped=int(not problem.fatal))


def _count(
    element: ET.Element, *, tests: int, failures: int = 0, errors: int = 0, skipped: int = 0
) -> None:
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", str(errors))
    element.set("skipped", str(skipped))
    element.set("time", "0")


def render(report: Report) -> str:
    root = ET.Element("testsuites", name="factlint")
    by_path: dict[str, list[Diagnostic]] = {path: [] for path in report.documents}
    for d in report.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    for path, diagnostics in by_path.items():
        _suite(root, path, diagnostics, report)
    for problem in report.problems:
        _problem_suite(root, problem)
    suites = list(root)
    _count(
        root,
        tests=sum(int(s.get("tests", "0")) for s in suites),
        failures=sum(int(s.get("failures", "0")) for s in suites),
        errors=sum(int(s.get("errors", "0")) for s in suites),
        skipped=sum(int(s.get("skipped", "0")) for s in suites),
    )
    root.set("time", f"{report.seconds:.3f}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


FORMAT = Format("junit", render)  # a test report: no place for counts

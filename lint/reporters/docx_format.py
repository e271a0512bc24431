"""``--format docx``: the review copy of each draft (``--output`` names it, or the folder of the
copies). This module says what each Word comment says — the rule's code and name, the severity,
the message, the suggested fix and the related places, in the run's language — and where a
finding is in words (for the parts Word anchors no comment in); the copy itself is made by
:mod:`factlint.inputs.review` and written by the command. As a text (:func:`render`), the
comments one after another."""

from __future__ import annotations

from factlint.model import Diagnostic
from factlint.reporters import Format, Report, notes
from factlint.reporters.full import summary_text
from factlint.reporters.i18n import t
from factlint.text.places import describe

#: the suffix of a review copy's name: ``稿件.docx`` → ``稿件.审校.docx``
SUFFIX = ".审校.docx"


def comment_text(d: Diagnostic, lang: str) -> str:
    """A finding as a Word comment: ``N101 [警告] message``, then the fix and the related places,
    a line each."""
    head = (
        f"{d.code} {d.rule}［{t(d.severity.value, lang)}］"
        if lang != "en"
        else (f"{d.code} {d.rule} [{t(d.severity.value, lang)}]")
    )
    return "\n".join([f"{head} {d.message.text(lang)}", *notes(d, lang)])


def comments(report: Report, path: str) -> list[tuple[Diagnostic, str, str]]:
    """The comments of one document's review copy: each finding, its comment's text and its
    place in words (``页眉``, ``脚注1``, ``表格1 第2行第3列``; "" in the running text)."""
    out: list[tuple[Diagnostic, str, str]] = []
    for d in report.diagnostics:
        if d.path != path:
            continue
        place = report.place(d)
        where = describe(place, report.lang) if place is not None and not place.running else ""
        out.append((d, comment_text(d, report.lang), where))
    return out


def render(report: Report) -> str:
    """As a text (the library's :func:`~factlint.reporters.render`): each comment the copies
    would hold, after ``path:line:column``, then the summary line."""
    lines = []
    for d in report.diagnostics:
        where = report.where(d)
        text = comment_text(d, report.lang).replace("\n", "\n    ")
        lines.append(f"{d.path}:{d.location.line}:{d.location.column}{where}: {text}")
    return "".join(line + "\n" for line in [*lines, summary_text(report)[0]])


FORMAT = Format("docx", render, review=True)

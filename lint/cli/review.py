"""``check --format docx``: a review copy of each input, written where ``--output`` says — the
file itself for one input, else a folder of ``<name>.审校.docx`` — never over an input."""

from __future__ import annotations

import os
import sys
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from factlint.engine.files import write_file
from factlint.inputs.review import Comment, Edit, ReviewError, review_docx, review_text
from factlint.inputs.writing import Source
from factlint.model import Diagnostic, Message
from factlint.reporters import Report, visible
from factlint.reporters.docx_format import SUFFIX, comments
from factlint.text.document import Document
from factlint.text.fixes import choose_fixes, tracked_edits
from factlint.text.formats import WORD


class ReviewRefused(Exception):
    """Review copies not written at all (a usage error): the reason in both languages."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


def review_date() -> str:
    """The ``w:date`` of the comments and revisions: now, or ``SOURCE_DATE_EPOCH``."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        datetime.fromtimestamp(int(epoch), timezone.utc)
        if epoch.isdigit()
        else datetime.now(timezone.utc)
    )
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _name(display: str) -> str:
    base = display.replace("\\", "/").rsplit("/", 1)[-1]
    if base in ("", "-", ".", ".."):
        base = "stdin"
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    return stem + SUFFIX


def targets(
    documents: Sequence[Document],
    sources: dict[str, Source],
    output: Path,
    paths: Sequence[str],
) -> dict[str, Path]:
    """Where each document's review copy goes: ``output`` itself for one document (unless it is a
    folder, or a folder was checked), else ``output/<name>.审校.docx``. ReviewRefused when two
    copies would have one name or a copy would replace an input."""
    folder = (
        len(documents) > 1
        or output.is_dir()
        or str(output).endswith(("/", os.sep))
        or any(p != "-" and Path(p).is_dir() for p in paths)
    )
    out: dict[str, Path] = {}
    for doc in documents:
        out[doc.path] = output / _name(doc.path) if folder else output
    seen: dict[Path, str] = {}
    for path, target in out.items():
        key = Path(os.path.abspath(target))
        if key in seen:
            raise ReviewRefused(
                Message(
                    f"{seen[key]} 与 {path} 的审校稿同名（{target}），请分开检查",
                    f"the review copies of {seen[key]} and {path} would have one name "
                    f"({target}); check them separately",
                )
            )
        seen[key] = path
    for source in sources.values():
        given = source.item.path
        if given is None:
            continue
        for target in out.values():
            if _same(given, target):
                raise ReviewRefused(
                    Message(
                        f"--output {target} 是输入文件本身，原稿不会被覆盖；请另取文件名"
                        f"（如 {_name(source.item.display)}）",
                        f"--output {target} is an input; the original is never overwritten, "
                        f"name the copy otherwise (such as {_name(source.item.display)})",
                    )
                )
    return out


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def _edits(doc: Document, fixed: Document | None, diagnostics: Sequence[Diagnostic]) -> list[Edit]:
    """The safe fixes of a document as tracked changes: what ``--fix`` would make of it."""
    if fixed is None or fixed.text == doc.text:
        return []
    first = [
        (span, fix)
        for span, fix in choose_fixes(
            [(d.span, d.fix) for d in diagnostics if d.path == doc.path and d.fix is not None]
        )
        if doc.text[span.start : span.end] != fix.replacement
    ]
    return [Edit(span, text) for span, text in tracked_edits(doc.text, first, fixed.text)]


def write_reviews(
    report: Report,
    documents: Sequence[Document],
    fixed: dict[str, Document],
    initial: Sequence[Diagnostic],
    sources: dict[str, Source],
    destinations: dict[str, Path],
) -> bool:
    """Make and write each review copy (a Word file's from its bytes; a text's, and an
    OpenDocument text's, as a new Word file of its lines); say each on stderr. False when one
    could not be made or written."""
    lang = report.lang
    date = review_date()
    ok = True
    for doc in documents:
        target = destinations[doc.path]
        notes = [
            Comment(d.span, text, where, doc.text[d.span.start : d.span.end])
            for d, text, where in comments(report, doc.path)
        ]
        edits = _edits(doc, fixed.get(doc.path), initial)
        try:
            source = sources.get(doc.path)
            if doc.format is WORD and source is not None and source.decoded.encoding == "docx":
                review = review_docx(source.data, doc.text, notes, edits, date=date)
            else:
                review = review_text(doc.text, notes, edits, date=date)
            target.resolve().parent.mkdir(parents=True, exist_ok=True)
            write_file(target, review.data)
        except (ReviewError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:
            _say(
                lang, doc.path, Message(f"无法生成审校稿（{exc}）", f"no review copy made ({exc})")
            )
            ok = False
            continue
        except OSError as exc:
            _say(
                lang,
                str(target),
                Message(f"无法写入审校稿（{exc.strerror or exc}）", f"cannot be written ({exc})"),
            )
            ok = False
            continue
        skipped = (
            Message(
                f"，{review.skipped}处修复跨越段落、域或超链接的边界，未标为修订（见批注）",
                f", {review.skipped} fix(es) across a paragraph, field or link edge not tracked (see the "
                "comments)",
            )
            if review.skipped
            else Message("", "")
        )
        _say(
            lang,
            str(target),
            Message(
                f"已写入审校稿：{review.comments + review.kept}条批注，{review.edits}处修订{skipped.zh}",
                f"review copy written: {review.comments + review.kept} comment(s), {review.edits} tracked "
                f"change(s){skipped.en}",
            ),
        )
    return ok


def _say(lang: str, where: str, message: Message) -> None:
    print(f"factlint: {visible(where)}: {visible(message.text(lang))}", file=sys.stderr)

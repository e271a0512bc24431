"""``check --fix`` and ``--diff``: fix every document, then write the files back (or show the diff);
standard input is echoed, fixed, to stdout. Problems and the summary go to stderr."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass

from factlint.engine.fixing import MAX_PASSES, Check, fix_until_stable
from factlint.inputs.writing import (
    Source,
    WriteRefused,
    encode_fixed,
    sweep,
    unified_diff,
    write_atomic,
)
from factlint.model import Diagnostic, Message
from factlint.reporters import visible
from factlint.text.document import Document


@dataclass
class FixRun:
    """What ``check --fix`` / ``--diff`` leaves for the command to report."""

    documents: list[Document]
    diagnostics: list[Diagnostic]
    fixed: int  # findings fixed (or, with --diff, that would be)
    failed: bool  # a file could not be written: exit 2
    diff: str | None = None  # --diff: the output
    echoed: bool = False  # the fixed standard input went to stdout: report on stderr


def _say(lang: str, where: str, message: Message) -> None:
    print(f"factlint: {visible(where)}: {visible(message.text(lang))}", file=sys.stderr)


def _refusal(exc: WriteRefused | OSError) -> Message:
    if isinstance(exc, WriteRefused):
        return exc.message
    return Message(f"无法写入（{exc.strerror}）", f"cannot be written ({exc.strerror})")


def _echo(data: bytes) -> None:
    """Standard input, fixed, to stdout in its own bytes."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.flush()


def run_fixes(
    check: Check,
    documents: list[Document],
    sources: dict[str, Source],
    *,
    unsafe: bool,
    diff: bool,
    lang: str,
) -> FixRun:
    """Fix every document; write the files back (or, with ``diff``, show what would change);
    standard input is echoed, fixed, to stdout. Problems and the summary go to stderr."""

    def encodable(path: str, replacement: str) -> bool:
        source = sources.get(path)
        return source is None or (source.fixable and source.encoding.can_encode(replacement))

    word = {path for path, source in sources.items() if not source.fixable}
    result = fix_until_stable(check, documents, unsafe=unsafe, encodable=encodable)
    # a Word file is checked, never changed, and that is no failure (a pre-commit hook with --fix
    # passes a clean .docx): say so only where it had something to fix
    fixable_in_word = Counter(d.path for d in result.unencodable if d.path in word)
    for path in sorted(fixable_in_word):
        n = fixable_in_word[path]
        _say(
            lang,
            path,
            Message(
                f"Word文件中的{n}处可修复问题未修改：--fix/--diff只修改文本文件，请在Word中修改",
                f"{n} fixable finding(s) of a Word file not changed: --fix/--diff change text "
                "files only; make the change in Word",
            ),
        )
    for d in result.unencodable:
        if d.path in word:
            continue
        enc = sources[d.path].encoding.label
        _say(
            lang,
            f"{d.path}:{d.location.line}:{d.location.column}",
            Message(
                f"{d.code}的修复含有{enc}编码无法表示的字符，未应用",
                f"{d.code}: fix not applied, the file's encoding {enc} cannot hold it",
            ),
        )
    for path in result.unconverged:
        _say(
            lang,
            path,
            Message(
                f"修复{MAX_PASSES}轮后仍未收敛，请报告此问题",
                f"fixes did not converge after {MAX_PASSES} passes; please report it",
            ),
        )
    for d in result.later:  # fixed, though the first check did not list it: say so
        if d.path in word:
            continue
        _say(
            lang,
            f"{d.path}:{d.location.line}:{d.location.column}",
            Message(
                f"{d.code} {d.message.zh}（由前一处修复产生，也已修复）",
                f"{d.code} {d.message.en} (made by an earlier fix, fixed as well)",
            ),
        )
    if not diff:  # the temporary files a killed run left beside these files
        sweep(s.item.path for s in sources.values() if s.item.path is not None and s.fixable)
    original = {d.path: d for d in documents}
    failed: set[str] = set()  # could not be written: exit 2
    kept = set(word)  # as read, on disk: Word files and those that failed
    patches: list[str] = []
    echoed = False
    for doc in result.documents:
        source = sources.get(doc.path)
        before = original[doc.path].text
        if source is None:
            continue
        if doc.path in word:
            if source.item.path is None and not diff:  # a filter must not swallow its input
                _echo(source.data)
                echoed = True
            continue
        try:
            data = encode_fixed(source, doc.text) if doc.text != before else source.data
            if diff:
                if doc.text != before:
                    patches.append(unified_diff(doc.path, before, doc.text))
            elif source.item.path is None:
                _echo(data)
                echoed = True
            elif doc.text != before:
                write_atomic(source.item.path, data, source.data)
        except (WriteRefused, OSError) as exc:
            _say(lang, doc.path, _refusal(exc))
            failed.add(doc.path)
            kept.add(doc.path)
            if source.item.path is None and not diff:  # a filter must not swallow its input
                _echo(source.data)
                echoed = True
    if kept:  # what is on disk is the text as read: report that
        docs = [original[d.path] if d.path in kept else d for d in result.documents]
        diagnostics = [d for d in result.diagnostics if d.path not in kept] + [
            d for d in result.initial if d.path in kept
        ]
        diagnostics.sort(key=lambda d: d.sort_key)
    else:
        docs, diagnostics = result.documents, result.diagnostics
    fixed = sum(n for path, n in result.fixed.items() if path not in kept)
    if fixed:
        summary = (
            Message(f"可修复{fixed}处问题", f"Would fix {fixed} issue(s)")
            if diff
            else Message(f"修复了{fixed}处问题", f"Fixed {fixed} issue(s)")
        )
        print(f"factlint: {summary.text(lang)}", file=sys.stderr)
    return FixRun(
        documents=docs,
        diagnostics=diagnostics,
        fixed=fixed,
        failed=bool(failed),
        diff="".join(patches) if diff else None,
        echoed=echoed,
    )

"""``--fix`` and ``--diff``: apply fixes until none is left, then write each file back exactly as
it was encoded.

The loop (:func:`fix_until_stable`) checks every document, applies the fixes that may be applied
(safe ones; unsafe ones too with ``--unsafe-fixes``), and checks again, until a pass changes nothing
or :data:`MAX_PASSES` passes have run. Fixes that overlap in one pass wait for the next, where the
re-check offers them again on the new text. What remains is reported with positions in the fixed text.

Writing back (:func:`encode_fixed`, :func:`write_atomic`) keeps the encoding, the byte-order mark and
the line endings: the Document's text is the decoded text with its line breaks untouched, so the new
bytes differ from the old ones only where a fix applied. A file whose bytes do not round-trip through
their decoding, a fixed text the file's encoding cannot hold (a GBK file and a character outside
GBK), and a file that changed on disk since it was read are not written, and said.
A Word file (``.docx``) is checked but never fixed: it is said, and the run exits 2.
"""

from __future__ import annotations

import codecs
import difflib
import os
import stat
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factlint.inputs.reading import Decoded, Input, ReadError, decode
from factlint.model import Diagnostic, Fix, Message, Span
from factlint.text.document import Document
from factlint.text.fixes import choose_fixes, splice

MAX_PASSES = 10

Check = Callable[[Sequence[Document]], list[Diagnostic]]  # Engine.check, or a Runner's

# UTF-32 first: its little-endian mark begins with UTF-16's.
_BODY_CODEC = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class Encoding:
    """How a file's text becomes its bytes: a byte-order mark, the codec of the body, and the
    narrower codec the body must also satisfy (GBK, for a file written in GBK)."""

    bom: bytes
    codec: str
    strict: str

    @property
    def label(self) -> str:
        return self.strict.upper().replace("-", "") if self.strict != self.codec else self.codec

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.codec)

    def can_encode(self, text: str) -> bool:
        try:
            text.encode(self.strict)
        except UnicodeEncodeError:
            return False
        return True


def encoding_of(data: bytes, decoded: Decoded) -> Encoding:
    for bom, codec in _BODY_CODEC:
        if decoded.bom and data.startswith(bom):
            return Encoding(bom, codec, codec)
    if decoded.encoding == "gb18030":
        try:
            data.decode("gbk")
        except UnicodeDecodeError:
            return Encoding(b"", "gb18030", "gb18030")
        return Encoding(b"", "gb18030", "gbk")
    return Encoding(b"", "utf-8", "utf-8")


@dataclass(frozen=True, slots=True)
class Source:
    """An input as read: its bytes and their decoding, kept to write the fixed text back."""

    item: Input
    data: bytes
    decoded: Decoded

    @property
    def encoding(self) -> Encoding:
        return encoding_of(self.data, self.decoded)

    @property
    def fixable(self) -> bool:
        """A text file; a Word file is checked, never rewritten."""
        return self.decoded.format.fixable_in_place


class WriteRefused(Exception):
    """A fixed text that is not written, with the reason in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.message = Message(zh, en)


# ---- the loop ------------------------------------------------------------------------------------


def _applicable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (d.fix.safe or unsafe)


@dataclass
class FixResult:
    """The documents after fixing, what remains to report, and what was fixed."""

    documents: list[Document]
    diagnostics: list[Diagnostic]  # remaining; positions in the fixed text
    initial: list[Diagnostic]  # the first check, of the text as read
    fixed: Counter[str] = field(default_factory=Counter)  # path → findings fixed
    unencodable: list[Diagnostic] = field(default_factory=list)  # fixes the encoding cannot hold
    unconverged: list[str] = field(default_factory=list)  # paths still changing after MAX_PASSES


def fix_until_stable(
    check: Check,
    documents: Sequence[Document],
    *,
    unsafe: bool = False,
    encodable: Callable[[str, str], bool] | None = None,
    max_passes: int = MAX_PASSES,
) -> FixResult:
    """Check, apply every applicable fix, re-check, until a pass changes nothing.

    ``encodable(path, replacement)`` says whether a replacement can be written in that file's
    encoding (fixes it refuses are not applied). Suppressed findings are not fixed: the engine
    drops them. Cross-document rules see the fixed versions of all documents in every pass.
    """

    def allowed(d: Diagnostic) -> bool:
        assert d.fix is not None
        return encodable is None or encodable(d.path, d.fix.replacement)

    docs = list(documents)
    diagnostics = check(docs)
    result = FixResult(docs, diagnostics, initial=diagnostics)
    for _ in range(max_passes):
        by_path: defaultdict[str, list[tuple[Span, Fix]]] = defaultdict(list)
        for d in diagnostics:
            if _applicable(d, unsafe) and allowed(d) and d.fix is not None:
                by_path[d.path].append((d.span, d.fix))
        changed = False
        for i, doc in enumerate(docs):
            chosen = [
                (span, fix)
                for span, fix in choose_fixes(by_path.get(doc.path, ()), unsafe=unsafe)
                if doc.text[span.start : span.end] != fix.replacement
            ]
            if not chosen:
                continue
            docs[i] = Document(doc.path, splice(doc.text, chosen), doc.format)
            result.fixed[doc.path] += len(chosen)
            changed = True
        if not changed:
            break
        diagnostics = check(docs)
    else:
        result.unconverged = sorted(
            {d.path for d in diagnostics if _applicable(d, unsafe) and allowed(d)}
        )
    result.documents, result.diagnostics = docs, diagnostics
    result.unencodable = [d for d in diagnostics if _applicable(d, unsafe) and not allowed(d)]
    return result


# ---- writing back --------------------------------------------------------------------------------


def encode_fixed(source: Source, text: str) -> bytes:
    """The bytes of the fixed text in the file's own encoding, byte-order mark and line endings;
    raises WriteRefused where that cannot be done exactly."""
    enc = source.encoding
    if enc.encode(source.decoded.text) != source.data:
        raise WriteRefused(
            "文件内容无法按其编码逐字节还原（如重复的字节序标记），为免改动修复以外的内容，未写入",
            "the file does not round-trip through its encoding (a repeated byte-order mark?), "
            "so writing it would change more than the fixes; not written",
        )
    try:
        data = enc.encode(text)
        data[len(enc.bom) :].decode(enc.strict)
    except (UnicodeEncodeError, UnicodeDecodeError) as exc:
        raise WriteRefused(
            f"修复后的文字无法用文件原编码{enc.label}表示，未写入",
            f"the fixed text cannot be written in the file's encoding {enc.label}; not written",
        ) from exc
    try:
        again = decode(data)
    except ReadError as exc:
        raise WriteRefused(
            f"修复后的文件将无法按{enc.label}读回，未写入",
            f"the fixed file would not read back as {enc.label}; not written",
        ) from exc
    if again.text != text or again.encoding != source.decoded.encoding:
        raise WriteRefused(
            f"修复后的文件将无法按{enc.label}读回，未写入",
            f"the fixed file would not read back as {enc.label}; not written",
        )
    return data


def write_atomic(path: Path, data: bytes, expected: bytes) -> None:
    """Replace the file's content with ``data`` through a temporary file in the same folder, keeping
    its permissions, unless its content is no longer ``expected`` (then WriteRefused). A symbolic
    link is followed: the file it names is written, the link stays."""
    target = path.resolve()
    mode = stat.S_IMODE(target.stat().st_mode)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if target.read_bytes() != expected:  # the last look before replacing
            raise WriteRefused(
                "文件在检查期间被修改，未写入修复",
                "the file changed on disk while being checked; fixes not written",
            )
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file, ``--- a/path`` / ``+++ b/path``, lines as they end in the file."""
    lines = list(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            f"a/{path}",
            f"b/{path}",
        )
    )
    out: list[str] = []
    for line in lines:
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


# ---- the command ---------------------------------------------------------------------------------


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
    print(f"factlint: {where}: {message.text(lang)}", file=sys.stderr)


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
    for path in sorted(word):
        _say(
            lang,
            path,
            Message(
                "无法修复Word文件：--fix/--diff只处理文本文件，此文件仅检查、未修改",
                "cannot fix a Word file: --fix/--diff handle text files only; "
                "this file is checked, not changed",
            ),
        )
    result = fix_until_stable(check, documents, unsafe=unsafe, encodable=encodable)
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
    original = {d.path: d for d in documents}
    failed: set[str] = set(word)
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
            if source.item.path is None and not diff:  # a filter must not swallow its input
                _echo(source.data)
                echoed = True
    if failed:  # what is on disk is the text as read: report that
        docs = [original[d.path] if d.path in failed else d for d in result.documents]
        diagnostics = [d for d in result.diagnostics if d.path not in failed] + [
            d for d in result.initial if d.path in failed
        ]
        diagnostics.sort(key=lambda d: d.sort_key)
    else:
        docs, diagnostics = result.documents, result.diagnostics
    fixed = sum(n for path, n in result.fixed.items() if path not in failed)
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

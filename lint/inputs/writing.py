"""Writing a fixed text back exactly as the file was encoded.

:func:`encode_fixed` and :func:`write_atomic` keep the encoding, the byte-order mark and the line
endings: the Document's text is the decoded text with its line breaks untouched, so the new bytes
differ from the old ones only where a fix applied. A file whose bytes do not round-trip through
their decoding, a fixed text the file's encoding cannot hold (a GBK file and a character outside
GBK), and a file that changed on disk since it was read are not written, and said. A Word file
(``.docx``) is checked but never fixed in place (its format says so).
"""

from __future__ import annotations

import codecs
import contextlib
import difflib
import os
import re
import signal
import stat
import tempfile
import threading
import time
import types
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from factlint.inputs.reading import Decoded, Input, ReadError, decode
from factlint.model import Message

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
    if decoded.encoding in ("utf-16-le", "utf-16-be"):  # UTF-16 without a byte-order mark
        return Encoding(b"", decoded.encoding, decoded.encoding)
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
    link is followed: the file it names is written, the link stays (discovery has skipped the links
    that leave the checked folders). A read-only file is refused (even for root); a file with other
    hard links is written in place, so that every name still shares the fixed content. The temporary
    file is removed on SIGTERM too, and any such file left by a killed run is swept
    (:func:`sweep`)."""
    target = path.resolve()
    info = target.stat()
    if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise WriteRefused("文件为只读，未写入修复", "the file is read-only; fixes not written")
    if info.st_nlink > 1:
        _write_in_place(target, data, expected)
        return
    mode = stat.S_IMODE(info.st_mode)
    with _removed_on_sigterm() as live:
        fd, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
        live.add(temporary)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, mode)
            if target.read_bytes() != expected:  # the last look before replacing
                raise _changed()
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        finally:
            live.discard(temporary)


def _changed() -> WriteRefused:
    return WriteRefused(
        "文件在检查期间被修改，未写入修复",
        "the file changed on disk while being checked; fixes not written",
    )


def _write_in_place(target: Path, data: bytes, expected: bytes) -> None:
    """Overwrite a hard-linked file in place (not atomic: the link is worth more)."""
    with open(target, "r+b") as stream:
        if stream.read() != expected:
            raise _changed()
        stream.seek(0)
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


_LIVE: set[str] = set()  # temporary files being written, removed by the SIGTERM handler


@contextlib.contextmanager
def _removed_on_sigterm() -> Iterator[set[str]]:
    """While inside, SIGTERM removes the temporary files in the yielded set, then terminates the
    process as SIGTERM would have (only in the main thread, where handlers can be set)."""
    previous = (
        signal.getsignal(signal.SIGTERM)
        if threading.current_thread() is threading.main_thread()
        else signal.SIG_IGN
    )
    if previous in (signal.SIG_IGN, None):  # ignored, or set outside Python: left alone
        yield _LIVE
        return

    def handler(signum: int, frame: types.FrameType | None) -> None:
        for name in list(_LIVE):
            with contextlib.suppress(OSError):
                os.unlink(name)
        _LIVE.clear()
        signal.signal(signal.SIGTERM, previous if callable(previous) else signal.SIG_DFL)
        if callable(previous):
            previous(signum, frame)
        else:
            os.kill(os.getpid(), signal.SIGTERM)

    signal.signal(signal.SIGTERM, handler)
    try:
        yield _LIVE
    finally:
        signal.signal(signal.SIGTERM, previous)


#: How old a leftover temporary file must be before :func:`sweep` removes it (a concurrent run may
#: be writing a younger one).
STALE_SECONDS = 60.0
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")


def sweep(paths: Iterable[Path]) -> None:
    """Remove the temporary files a killed ``--fix`` left beside ``paths`` (``.name.XXXXXXXX.tmp``,
    as :func:`write_atomic` names them): regular files of this user, older than
    :data:`STALE_SECONDS`. Each folder is listed once; what cannot be removed is left."""
    folders: dict[Path, set[str]] = {}
    for path in paths:
        try:
            target = path.resolve()
        except (OSError, RuntimeError):
            continue
        folders.setdefault(target.parent, set()).add(target.name)
    now = time.time()
    for folder, names in folders.items():
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            match = _TEMPORARY.fullmatch(entry.name)
            if match is None or match["name"] not in names:
                continue
            try:
                info = entry.stat(follow_symlinks=False)
                if (
                    stat.S_ISREG(info.st_mode)
                    and (not hasattr(os, "geteuid") or info.st_uid == os.geteuid())
                    and now - info.st_mtime > STALE_SECONDS
                ):
                    os.unlink(entry.path)
            except OSError:
                continue


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

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
import difflib
import os
import stat
import tempfile
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

"""Finding the files to check and decoding them: UTF-8 (with or without BOM), UTF-16/32 with BOM,
GB18030/GBK; any line endings. A file is decoded under one encoding or reported as unreadable —
never guessed into garbage.

A Word file (``.docx``) — and an OpenDocument text (``.odt``, :mod:`factlint.inputs.odf`), read the
same way — becomes text with one paragraph per line, in reading order
(:func:`factlint.inputs.wordml.read_draft`): the body's paragraphs and its tables' cells, then the
headers and footers (each distinct text once), footnotes, endnotes and text boxes; tracked changes
read as accepted, fields as their displayed text, content controls as their content. A
diagnostic's ``line`` counts these paragraphs and its column the characters of one; the
:class:`~factlint.text.places.Places` that come with the text say where each line is (表格1
第2行第3列, 页眉, 脚注2). Comments are left out. A tab stays a tab, and a soft line break inside a
paragraph (Shift+Enter) becomes U+2028 LINE SEPARATOR — one character, as in Word, and not a new
line. An encrypted ``.docx`` or ``.odt``, a damaged one, and the office files factlint cannot read
(``.doc``, ``.wps``, ``.pdf``…: :data:`UNREADABLE_SUFFIXES`) are unreadable, said so with the hint to
save them as .docx.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from factlint.text.document import Document
from factlint.text.formats import MARKDOWN, PLAIN, WORD, TextFormat
from factlint.text.places import PlaceRange, Places

if TYPE_CHECKING:
    import zipfile

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
ODT_SUFFIXES = (".odt",)
WORD_SUFFIXES = (".docx", *ODT_SUFFIXES)  # read as Word drafts: paragraphs, parts, places
#: office files factlint cannot read, each with what it is: found in a folder or named, they are
#: reported as unreadable (exit 2) with the hint to save them as .docx — never skipped as if clean
UNREADABLE_SUFFIXES: dict[str, tuple[str, str]] = {
    ".doc": ("旧版Word 97-2003格式（.doc）的Word文件", "an old Word 97-2003 file (.doc)"),
    ".dot": ("旧版Word模板（.dot）", "an old Word template (.dot)"),
    ".wps": ("WPS文字文件（.wps）", "a WPS Writer file (.wps)"),
    ".wpt": ("WPS文字模板（.wpt）", "a WPS Writer template (.wpt)"),
    ".rtf": ("RTF文件（.rtf）", "an RTF file (.rtf)"),
    ".pdf": ("PDF文件（.pdf）", "a PDF file (.pdf)"),
    ".xls": ("Excel 97-2003表格（.xls）", "an Excel 97-2003 workbook (.xls)"),
    ".xlsx": ("Excel表格（.xlsx）", "an Excel workbook (.xlsx)"),
    ".et": ("WPS表格文件（.et）", "a WPS Spreadsheets file (.et)"),
    ".ods": ("OpenDocument表格（.ods）", "an OpenDocument spreadsheet (.ods)"),
    ".ppt": ("PowerPoint 97-2003演示文稿（.ppt）", "a PowerPoint 97-2003 file (.ppt)"),
    ".pptx": ("PowerPoint演示文稿（.pptx）", "a PowerPoint file (.pptx)"),
    ".dps": ("WPS演示文件（.dps）", "a WPS Presentation file (.dps)"),
    ".odp": ("OpenDocument演示文稿（.odp）", "an OpenDocument presentation (.odp)"),
    ".pages": ("Pages文稿（.pages）", "a Pages document (.pages)"),
}
_SAVE_AS = (
    "请在Word/WPS中另存为.docx后再检查",
    "save it as .docx in Word or WPS and check it again",
)


def temporary(name: str) -> bool:
    """Whether a file name is an editor's lock or temporary file, not a draft: Word's and WPS's
    lock file ``~$稿件.docx`` (present while the draft is open), LibreOffice's ``.~lock.稿件.docx#``,
    and ``*.tmp`` (Word's ``~WRL0001.tmp``)."""
    lowered = name.lower()
    return (
        lowered.startswith("~$")
        or (lowered.startswith(".~lock.") and lowered.endswith("#"))
        or lowered.endswith(".tmp")
    )


def unreadable_kind(name: str) -> tuple[str, str] | None:
    """What an office file factlint cannot read is (Chinese, English), by its name; else None."""
    lowered = name.lower()
    dot = lowered.rfind(".")
    return UNREADABLE_SUFFIXES.get(lowered[dot:]) if dot >= 0 else None


def format_for(name: str) -> TextFormat:
    """The format of an input by its name: the one place that looks at a file's suffix. The
    format then travels with the decoded text (:class:`Decoded`, the Document)."""
    lowered = name.lower()
    if lowered.endswith(WORD_SUFFIXES):
        return WORD
    if lowered.endswith(MARKDOWN_SUFFIXES):
        return MARKDOWN
    return PLAIN


def document_for(name: str, text: str) -> Document:
    """A Document of ``text`` read in the format its ``name`` says (for the library API and tests)."""
    return Document(name, text, format_for(name))


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\xd0\xcf\x11\xe0", "Office 97-2003"),
)
_CONTROL = r"[\x00-\x08\x0b\x0e-\x1f\x7f]"
_PLAUSIBLE = r"[\p{Han}\p{P}\p{S}\p{Zs}\s\p{N}A-Za-z\u3000-\u303f\uff00-\uffef]"


class ReadError(Exception):
    """An input that could not be read or decoded. ``binary`` inputs are skipped, not errors."""

    def __init__(self, zh: str, en: str, *, binary: bool = False, path: str = "") -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        self.binary = binary
        self.path = path


@dataclass(frozen=True, slots=True)
class Decoded:
    """An input's text as read, how its bytes were encoded, and its format."""

    text: str
    encoding: str
    bom: bool
    format: TextFormat = PLAIN
    #: where each line is in the file (a Word file's parts); empty for text
    places: Places = field(default_factory=Places)


def decode(data: bytes, format: TextFormat = PLAIN) -> Decoded:
    """Decode the bytes of a text document (plain text or Markdown), or raise ReadError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    f"带{encoding.upper()}字节序标记，但内容无法按该编码解码（第{exc.start}字节）",
                    f"has a {encoding.upper()} byte-order mark but does not decode as such "
                    f"(byte {exc.start})",
                ) from exc
            return Decoded(text.lstrip("\ufeff"), encoding, True, format)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ReadError(f"是{kind}二进制文件", f"is a {kind} binary file", binary=True)
    if b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return Decoded(utf16[0], utf16[1], False, format)
        raise ReadError(
            "含有NUL字节，是二进制文件", "contains NUL bytes: a binary file", binary=True
        )
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False, format)
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"既不是UTF-8也不是GB18030/GBK编码（第{exc.start}字节无法解码），请转存为UTF-8",
            f"is neither UTF-8 nor GB18030/GBK (byte {exc.start} does not decode); "
            "save it as UTF-8",
        ) from exc
    import regex  # (the patterns compiled once, in regex's cache) only for a legacy encoding

    sample = text[:20000]
    plausible = regex.compile(_PLAUSIBLE)
    odd = len(regex.findall(_CONTROL, sample)) + sum(1 for c in sample if not plausible.match(c))
    if sample and odd / len(sample) > 0.02:
        raise ReadError(
            "编码无法可靠识别（按GB18030解码得到大量异常字符），请转存为UTF-8",
            "encoding cannot be identified reliably (GB18030 gives implausible characters); "
            "save it as UTF-8",
        )
    return Decoded(text, "gb18030", False, format)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """The text and codec of UTF-16 without a byte-order mark, or None. Text in UTF-16 has a NUL
    in every ASCII character (a line break, a digit), all on the same side of each pair of bytes:
    at odd offsets in little-endian, at even ones in big-endian. A binary file has NULs on both
    sides; the decoded text must then look like text (few control characters)."""
    if len(data) % 2:
        return None
    sample = data[:65536]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if even and odd:
        return None
    codec = "utf-16-le" if odd else "utf-16-be"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    import regex

    head = text[:20000]
    if not head or len(regex.findall(_CONTROL, head)) > len(head) * 0.02:
        return None
    return text, codec


class Excludes(Protocol):
    """What discovery asks of the excluded paths (:class:`factlint.project.paths.Excluder`)."""

    def excluded(self, relative: str, path: Path | None = None) -> bool: ...


@dataclass(frozen=True, slots=True)
class Input:
    """A file to check: its name as shown, and its path (None for standard input)."""

    display: str  # as given on the command line, or found under a given folder; '/'-separated
    path: Path | None  # None: standard input


def discover(
    paths: list[str], excluder: Excludes, stdin_filename: str | None = None
) -> Iterator[Input | ReadError]:
    """The inputs named by ``paths``, folders walked recursively in sorted order.

    Hidden files and folders, editors' lock and temporary files (:func:`temporary`) and excluded
    paths are skipped inside folders; office files factlint cannot read (``.wps``, ``.pdf``…) are
    found, to be reported as unreadable. A path named explicitly is always read, but a lock or
    temporary file, skipped with a note (not an error: Word's ``~$稿件.docx`` is there whenever
    the draft is open, and a shell glob ``*.docx`` names it). A symbolic link that leads out of the checked roots is skipped with a message (a
    non-fatal ReadError): inside a folder, a link whose target is outside that folder; named
    explicitly, a path in the current folder that leads out of it (a link anywhere on the way), or a
    path elsewhere that is a link out of its own folder — so a committed link to ``/etc/passwd`` is
    neither quoted in a report nor fixed through.
    """
    seen: set[str] = set()
    cwd = Path.cwd()
    for given in paths:
        if given == "-":
            yield Input(stdin_filename or "-", None)
            continue
        root = Path(given)
        display_root = given.replace(os.sep, "/").rstrip("/") or "/"
        if root.is_dir():
            if _leaves(root, cwd):
                yield _outside(display_root)
                continue
            real_root = root.resolve()
            errors: list[OSError] = []  # folders that cannot be listed: reported, not fatal
            for dirpath, dirnames, filenames in os.walk(
                root, followlinks=False, onerror=errors.append
            ):
                yield from _walk_errors(errors, root, display_root)
                rel_dir = Path(dirpath).relative_to(root).as_posix()
                rel_dir = "" if rel_dir == "." else rel_dir + "/"
                dirnames[:] = sorted(
                    d
                    for d in dirnames
                    if not d.startswith(".")
                    and not excluder.excluded(rel_dir + d, Path(dirpath) / d)
                )
                for name in sorted(filenames):
                    rel = rel_dir + name
                    if (
                        name.startswith(".")
                        or temporary(name)
                        or not (
                            name.lower().endswith(TEXT_SUFFIXES + WORD_SUFFIXES)
                            or unreadable_kind(name) is not None
                        )
                    ):
                        continue
                    if excluder.excluded(rel, Path(dirpath) / name):
                        continue
                    display = f"{display_root}/{rel}"
                    if display not in seen:
                        seen.add(display)
                        path = Path(dirpath) / name
                        if path.is_symlink() and not _inside(path, (real_root,)):
                            yield _outside(display)
                            continue
                        yield Input(display, path)
            yield from _walk_errors(errors, root, display_root)
        elif root.exists() or root.is_symlink():  # a broken link is read, to say so
            if display_root not in seen:
                seen.add(display_root)
                if _leaves(root, cwd):
                    yield _outside(display_root)
                    continue
                if temporary(root.name):
                    yield ReadError(
                        "是Word/WPS等编辑器的锁定文件或临时文件，不是稿件（不检查）",
                        "an editor's lock or temporary file, not a draft (not checked)",
                        binary=True,
                        path=display_root,
                    )
                    continue
                yield Input(display_root, root)
        else:
            yield ReadError("文件或目录不存在", "no such file or directory", path=display_root)


def _leaves(path: Path, cwd: Path) -> bool:
    """Whether a path named explicitly leads, through a symbolic link, out of where it appears to
    be: a path in the current folder to a file outside it (a link anywhere on the way); a path
    outside it, whose last part is a link, to a file outside the link's folder."""
    absolute = Path(os.path.abspath(path))
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop: read, to say so
        return False
    if target == absolute:
        return False
    if absolute.is_relative_to(cwd):
        return not target.is_relative_to(cwd)
    return path.is_symlink() and not _inside(path, (absolute.parent,))


def _inside(path: Path, roots: Iterable[Path]) -> bool:
    """Whether the file ``path`` leads to (links resolved; a broken link: where it points) is in one
    of ``roots`` (resolved too)."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop: read, to say so
        return True
    for root in roots:
        try:
            if target.is_relative_to(root.resolve()):
                return True
        except (OSError, RuntimeError):
            continue
    return False


def _outside(display: str) -> ReadError:
    return ReadError(
        "是指向所检查目录之外的符号链接（不读取、不修复）",
        "a symbolic link that leads outside the checked folders (not read, not fixed)",
        binary=True,
        path=display,
    )


def _walk_errors(errors: list[OSError], root: Path, display_root: str) -> Iterator[ReadError]:
    for exc in errors:
        where = Path(exc.filename) if exc.filename else root
        try:
            rel = where.relative_to(root).as_posix()
        except ValueError:
            rel = where.as_posix()
        display = display_root if rel in ("", ".") else f"{display_root}/{rel}"
        reason = exc.strerror or str(exc)
        yield ReadError(
            f"无法列出目录内容（{reason}）", f"folder cannot be listed ({reason})", path=display
        )
    errors.clear()


def read_input(item: Input) -> Decoded:
    return decode_input(item, read_bytes(item))


def decode_input(item: Input, data: bytes) -> Decoded:
    """Decode an input's bytes by its name: a Word file as Word (:func:`decode_docx`), an office
    file factlint cannot read (:data:`UNREADABLE_SUFFIXES`: ``.doc``, ``.wps``, ``.pdf``…) as
    unreadable with the hint to save it as .docx, anything else as text (:func:`decode`)."""
    format = format_for(item.display)
    if format is WORD:
        return (
            decode_odt(data) if item.display.lower().endswith(ODT_SUFFIXES) else decode_docx(data)
        )
    kind = unreadable_kind(item.display)
    if kind is not None:
        raise ReadError(
            f"是{kind[0]}，factlint无法读取，{_SAVE_AS[0]}",
            f"{kind[1]}, which factlint cannot read; {_SAVE_AS[1]}",
        )
    return decode(data, format)


_SOFT_BREAK = r"\r\n|[\r\n]"


def decode_docx(data: bytes) -> Decoded:
    """The paragraphs of a ``.docx``, one per line (see the module documentation), or ReadError.
    Its parts are read as streams (:mod:`factlint.inputs.wordml`, imported here, so checking text
    files does not load lxml)."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE container: encrypted, or a renamed .doc
        raise ReadError(
            "Word文件已加密（设有打开密码）或是改名的旧版.doc文件，请去除密码或另存为.docx",
            "the Word file is encrypted (password-protected) or an old .doc renamed; "
            "remove the password or save it as .docx",
        )
    from factlint.inputs.wordml import read_draft

    return _decode_package(data, read_draft, _WORD_NAMES, "docx")


def decode_odt(data: bytes) -> Decoded:
    """The paragraphs of an OpenDocument text (``.odt``), read as a ``.docx`` is
    (:mod:`factlint.inputs.odf`), with the same limits on the zip, or ReadError."""
    from factlint.inputs.odf import read_odt

    def read(archive: zipfile.ZipFile) -> tuple[list[str], list[PlaceRange]]:
        manifest = "META-INF/manifest.xml"
        if manifest in archive.NameToInfo and b"encryption-data" in archive.read(manifest):
            raise _Encrypted(manifest)
        return read_odt(archive)

    return _decode_package(data, read, _ODT_NAMES, "odt")


#: how the messages name a package: (Chinese, English, its suffix)
_WORD_NAMES = ("Word文件", "the Word file", ".docx")
_ODT_NAMES = ("OpenDocument文件", "the OpenDocument file", ".odt")


def _decode_package(
    data: bytes,
    read: Callable[[zipfile.ZipFile], tuple[list[str], list[PlaceRange]]],
    names: tuple[str, str, str],
    encoding: str,
) -> Decoded:
    """A zip package's paragraphs read by ``read``, one per line, under the zip limits
    (:func:`_check_zip`, :func:`_inflation_capped`), each failure a ReadError naming the package
    as ``names`` say."""
    import zipfile
    import zlib

    zh, en, suffix = names
    try:
        _check_zip(data)
        with _inflation_capped(), zipfile.ZipFile(io.BytesIO(data)) as archive:
            paragraphs, ranges = read(archive)
    except _TooLarge as exc:
        raise ReadError(
            f"{zh}解压后过大（{exc.what}超过{exc.limit // _MB} MB的上限），不予检查",
            f"{en} inflates too large ({exc.what} exceeds the {exc.limit // _MB} MB "
            "limit); not checked",
        ) from exc
    except _Encrypted as exc:
        raise ReadError(
            f"{zh}中有加密的部分，请去除密码后再检查",
            f"{en} has an encrypted part; remove the password and check it again",
        ) from exc
    except (
        zipfile.BadZipFile,  # not a zip at all
        KeyError,  # a zip without the parts of the document
        ValueError,  # a zip of another kind (an .xlsx or .ods renamed)
        SyntaxError,  # damaged XML (lxml's XMLSyntaxError)
        EOFError,
        zlib.error,
        NotImplementedError,  # a compression zipfile does not support
        RuntimeError,  # zipfile: an encrypted member, a bad password
        AttributeError,
        TypeError,
        IndexError,
        RecursionError,
        OSError,
    ) as exc:
        raise ReadError(
            f"{zh}已损坏或不是{suffix}格式",
            f"{en} is damaged or not a {suffix} file",
        ) from exc
    import regex  # (here: reading text files imports no regex)

    soft_break = regex.compile(_SOFT_BREAK)
    text = "\n".join(soft_break.sub("\u2028", p) for p in paragraphs)
    return Decoded(text, encoding, False, WORD, Places(ranges))


_MB = 1024 * 1024
#: The most one part of a Word file (``word/document.xml``, a style sheet…) may inflate to, and the
#: most all its parts together may: a 1 MB zip bomb must not become gigabytes of XML in memory. A
#: Word file of 100,000 paragraphs has a document.xml of about 30 MB.
MAX_DOCX_PART = 256 * _MB
MAX_DOCX_TOTAL = 512 * _MB


class _TooLarge(Exception):
    def __init__(self, what: str, limit: int) -> None:
        super().__init__(what)
        self.what = what
        self.limit = limit


class _Encrypted(Exception):
    pass


def _check_zip(data: bytes) -> None:
    """Refuse a Word file by its zip directory: a part claimed larger than :data:`MAX_DOCX_PART`,
    parts together larger than :data:`MAX_DOCX_TOTAL`, an encrypted part. The directory can lie;
    :func:`_inflation_capped` guards the inflation itself."""
    import zipfile

    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.flag_bits & 0x1:
                raise _Encrypted(info.filename)
            if info.file_size > MAX_DOCX_PART:
                raise _TooLarge(info.filename, MAX_DOCX_PART)
            total += info.file_size
            if total > MAX_DOCX_TOTAL:
                raise _TooLarge("所有部分合计 / all parts together", MAX_DOCX_TOTAL)


class _inflation_capped:
    """While open, every zip member read inflates to at most :data:`MAX_DOCX_PART` bytes (and all
    of them to :data:`MAX_DOCX_TOTAL`), whatever the zip directory says: the reads of
    ``zipfile.ZipExtFile`` are counted and stopped past the limits."""

    def __enter__(self) -> None:
        import zipfile

        self._original = original = zipfile.ZipExtFile.read
        total = [0]

        def read(ext: zipfile.ZipExtFile, n: int | None = -1) -> bytes:
            done = getattr(ext, "_factlint_read", 0)
            room = MAX_DOCX_PART - done
            want = room + 1 if n is None or n < 0 or n > room else n
            chunk: bytes = original(ext, want)
            done += len(chunk)
            ext._factlint_read = done  # type: ignore[attr-defined]
            total[0] += len(chunk)
            if done > MAX_DOCX_PART:
                raise _TooLarge(ext.name, MAX_DOCX_PART)
            if total[0] > MAX_DOCX_TOTAL:
                raise _TooLarge("所有部分合计 / all parts together", MAX_DOCX_TOTAL)
            if n is None or n < 0:  # read to the end, in bounded steps
                rest = [chunk]
                while chunk:
                    chunk = read(ext, _MB)
                    rest.append(chunk)
                return b"".join(rest)
            return chunk

        zipfile.ZipExtFile.read = read  # type: ignore[method-assign,assignment]

    def __exit__(self, *exc: object) -> None:
        import zipfile

        zipfile.ZipExtFile.read = self._original  # type: ignore[method-assign]


def read_bytes(item: Input) -> bytes:
    """The raw bytes of an input (kept by ``--fix`` to write the file back byte-exactly)."""
    if item.path is None:
        if sys.stdin is None:
            raise ReadError("标准输入已关闭", "standard input is closed")
        try:
            return sys.stdin.buffer.read()
        except OSError as exc:
            raise ReadError(
                f"无法读取标准输入（{exc.strerror}）",
                f"standard input cannot be read ({exc.strerror})",
            ) from exc
    path = item.path
    try:
        # Only a regular file is ever opened (a FIFO would block, a device has side effects); the
        # non-blocking open and the second look guard against a swap between the two.
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise ReadError(_NOT_REGULAR[0], _NOT_REGULAR[1])
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise ReadError(_NOT_REGULAR[0], _NOT_REGULAR[1])
            data = stream.read()
    except PermissionError as exc:
        raise ReadError("没有读取权限", "permission denied") from exc
    except FileNotFoundError as exc:
        if os.path.islink(path):
            raise ReadError(
                "是指向不存在文件的符号链接", "is a symbolic link to nothing (broken link)"
            ) from exc
        raise ReadError("文件在检查时已不存在", "vanished while being checked") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError("符号链接循环", "is a symbolic link loop") from exc
        raise ReadError(f"无法读取（{exc.strerror}）", f"cannot be read ({exc.strerror})") from exc
    return data


_NOT_REGULAR = (
    "不是普通文件（是目录、管道或设备）",
    "is not a regular file (a folder, pipe or device)",
)

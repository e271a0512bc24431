"""The result cache, content-addressed, so that re-checking an unchanged repository does no rule
work at all.

Where: outside the repository, in the user's cache folder (``$XDG_CACHE_HOME/factlint``, else
``~/.cache/factlint``), one folder per project named by the hash of the project's root — the folder
of the config file that applies, else the repository root (a ``.git`` folder or file), else the
current folder — so running from a sub-folder uses the same entries. ``FACTLINT_CACHE_DIR``
overrides the folder. Whoever can write to the repository cannot plant entries there; and every
entry carries an HMAC-SHA256 made with a per-user secret key (``key`` in the user's cache folder,
created 0600, never under ``FACTLINT_CACHE_DIR``), so an entry that was edited, copied from
another machine or committed — in a ``FACTLINT_CACHE_DIR`` inside the repository, say — is a miss.
The folder holds a ``.gitignore`` (``*``) and a ``CACHEDIR.TAG``, so git and backup tools skip it.

What: entries, each named by the SHA-256 of everything its content depends on (:func:`fingerprint`) — the *code identity* of factlint (its version, the Python version,
the versions of the libraries whose code or data the rules use, and a hash of every file of the
installed package, modules and data files such as ``misuses.toml`` alike, so an edited or upgraded
rule, word list or dictionary never reads a stale entry), and:

- per document: the document-scope rules' raw diagnostics; the key adds the document's text, whether
  it is Markdown, and the selected document rules with their severities and options. The path is not
  part of it: a renamed or copied file hits.
- per run: the cross-document rules' raw diagnostics; the key adds every document's path and text
  key, the selected cross-document rules with severities and options, and the fact sheet. Any change
  to any file re-runs these rules over the whole corpus (they compare every document with every
  other); the document rules of the unchanged files still come from the cache.

- per document, for the cross-document rules: the document views they read that cost far more to
  compute than to read back (lists, quantities, paragraph sketches, figures:
  :data:`factlint.engine.runner.CACHED_VIEWS`), pickled, in a binary entry (``.bin``); the key
  adds the document's text key. After one file of a large run is edited,
  the cross-document rules re-run over the views of the others read from here.

- per cross-document rule (or corpus view) that keeps state from one run to the next
  (:class:`CacheMemo`: T102, T103, the run's bigram counts and established pairs): one binary entry
  (``.memo``), a file of its own, whose key adds its name and the fact sheet, rewritten by each
  run. T102 keeps there each document's findings with everything their evaluation read of the
  run (pair counts, the run's established pairs, the contexts and documents of the twins, the word
  model's frequencies); after an edit, a document whose text and reads are unchanged keeps its
  findings, the others are evaluated again: the same output as a run without the entry.

Raw means before ``per-file-ignores``, inline suppressions and the baseline, which are applied to
cached and fresh diagnostics alike, so they are not part of any key.

How: the entries of documents, runs and views a run makes are written once it ends, all in one
file, a *pack* (:class:`Cache`: one file a run rather than one an entry, whose creation cost a
first run on 1,000 files 1–2 s), each record signed on its own with its name (an entry's MAC
covers its key: a record cannot pass for another). Writes are atomic (a temporary file renamed
into place), and concurrent runs each write their own pack; an entry that does not parse, whose
MAC does not match, or whose values have the wrong types is a miss, checked again and rewritten
(in the run's pack, which is read before the older ones); a pack that does not parse is a miss
for all its entries; a cache folder that cannot be created or written makes the run uncached, not
failed. A run maps the packs and reads their headers; it looks an entry up by bisection in each
pack's sorted index, and reads only the records it asks for.

Pruning: when a run merges the packs (:data:`MAX_PACKS`), the merged pack keeps the records that
run read or wrote, and of the others those stamped less than :data:`KEEP_UNUSED_SECONDS` (30 days)
ago; a record is stamped when it is written, and again when a merging run reads it. So the cache
holds what is in use plus at most a month of stale entries (the texts of documents before their
edits), whatever the repository's size or age; a run on one file or a sub-folder keeps the
entries of the rest of the repository (they are younger than that), and a document that no
merging run reads for a month, though other runs read it, is checked again once (a miss), which
stamps it anew. A merge also removes the files not written for a month that no run of this code
reads: the packs of other code (another version of factlint, an edited checkout), the memos of
other code or another fact sheet, the temporary files of killed runs. Delete the folder at any
time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import struct
import sys
import tempfile
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:
    import mmap
except ImportError:  # a platform without it (WASI …): packs are read whole
    mmap = None  # type: ignore[assignment]

from factlint.model import VERSION, Diagnostic, from_dict, to_dict
from factlint.rule import Rule

if TYPE_CHECKING:
    from factlint.text.formats import TextFormat
    from factlint.text.places import Places

FORMAT = 4  # bump when the entry layout changes

_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by factlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


#: The distributions whose code or data the rules and views use (jieba's dictionary and pypinyin's
#: tables are read as files, without importing the package): a new version may change findings.
DEPENDENCIES = (
    "jieba",
    "pypinyin",
    "cn2an",
    "four-corner-method",
    "rapidfuzz",
    "regex",
    "python-docx",
    "lxml",
)


@cache
def _dist_infos() -> dict[str, str]:
    """The installed distributions by normalised name → version, read from the names of the
    ``*.dist-info`` folders on ``sys.path`` (one listing per folder; the first one found wins, as
    for an import)."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and "-" in name:
                project, _, version = name[: -len(".dist-info")].partition("-")
                found.setdefault(project.lower().replace("-", "_").replace(".", "_"), version)
    return found


def installed_version(distribution: str) -> str:
    """The installed version of ``distribution`` (the package is not imported), or ``"-"`` when
    it is not installed: from the ``*.dist-info`` folder names, else from its metadata."""
    key = distribution.lower().replace("-", "_").replace(".", "_")
    version = _dist_infos().get(key)
    if version is not None:
        return version
    from importlib import metadata  # slow: only when the folder names do not say

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "-"


def package_roots(rules: Iterable[Rule] = ()) -> list[Path]:
    """The folders of the code that runs: the ``factlint`` package, and the folder of each rule's
    module (``factlint.rules``, a separate folder in an editable install) with the data beside it."""
    package = Path(__file__).resolve().parents[1]
    roots = [package]
    for folder in sorted({_folder(rule).resolve() for rule in rules}):
        if not folder.is_relative_to(package):
            roots.append(folder)
    return roots


def _folder(rule: Rule) -> Path:
    """The folder of a rule's check function; of a listed rule not loaded yet, of its package
    (its module is not imported)."""
    if rule.loaded:
        import inspect

        return Path(inspect.getfile(rule.check)).parent
    import importlib

    package = importlib.import_module(rule.module.rpartition(".")[0])
    return Path(package.__file__ or "").parent


def identity_of(roots: Iterable[Path]) -> str:
    """The hash of factlint's version, the Python version, the cache format, the versions of
    :data:`DEPENDENCIES`, and every file under ``roots`` — modules and the data they read
    (``misuses.toml`` …) alike, each by the SHA-256 of its bytes (:func:`content_hashes`);
    compiled files (``__pycache__``, ``*.pyc``) are left out."""
    digest = hashlib.sha256(f"{VERSION}\0{sys.version}\0{FORMAT}".encode())
    for name in DEPENDENCIES:
        digest.update(f"\0{name}={installed_version(name)}".encode())
    for root in roots:
        digest.update(b"\0root\0")
        files = sorted(_files(root))
        hashes = content_hashes(root.joinpath(*parts) for parts in files)
        for parts, content in zip(files, hashes.values(), strict=True):
            digest.update("/".join(parts).encode() + b"\0")
            digest.update(b"?" if content is None else content)
    return digest.hexdigest()


def _files(root: Path) -> Iterator[tuple[str, ...]]:
    """The files under ``root`` but compiled ones, as the parts of their relative paths (links to
    folders are not followed)."""
    for folder, folders, names in os.walk(root):
        folders[:] = [name for name in folders if name != "__pycache__"]
        base = Path(folder).relative_to(root).parts
        for name in names:
            path = os.path.join(folder, name)
            if name.endswith((".pyc", ".pyo")) or not os.path.isfile(path):
                continue
            yield (*base, name)


#: A file changed less than this long before it is hashed is hashed again by the next run rather
#: than known by its stat: a change within the file system's timestamp granularity would leave its
#: stat as it was (git's “racily clean” files).
SETTLED_NS = 2_000_000_000
_HASHES = "code-hashes"


def content_hashes(paths: Iterable[Path]) -> dict[Path, bytes | None]:
    """The SHA-256 of the bytes of each file of ``paths``, in their order (None: it cannot be
    read, or is no longer a regular file).

    A file whose stat — size, modification and change times in nanoseconds, inode and device — is
    what it was when a run hashed it is not read again: its hash is read from the snapshot of the
    hashes that run wrote (:mod:`factlint.text.snapshots`: in the user's cache folder, trusted
    only when this user's and writable by no one else). Writing a file changes its change time,
    which no one can set back (``touch``, ``cp -p`` and unpacking an archive set the modification
    time only), and replacing it its inode; a file changed shortly before it was hashed
    (:data:`SETTLED_NS`) is hashed again until it is older. With ``FACTLINT_NO_SNAPSHOTS=1``, or
    an unwritable cache folder, every file is read every time, as it was before this memo."""
    import marshal
    import time

    from factlint.text import snapshots

    paths = list(paths)
    key = snapshots.key_of(_HASHES, sorted({str(p.parent) for p in paths}))
    memo: dict[str, tuple[tuple[int, ...], bytes]] = {}
    body = snapshots.read(_HASHES, key)
    if body is not None:
        try:
            loaded = marshal.loads(body)
        except (EOFError, ValueError, TypeError):
            loaded = None
        if isinstance(loaded, dict):
            memo = loaded
    now = time.time_ns()
    out: dict[Path, bytes | None] = {}
    kept: dict[str, tuple[tuple[int, ...], bytes]] = {}
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            info = None  # removed meanwhile
        if info is None or not stat.S_ISREG(info.st_mode):
            out[path] = None
            continue
        signature = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
        known = memo.get(str(path))
        if known is not None and known[0] == signature and isinstance(known[1], bytes):
            out[path] = known[1]
            kept[str(path)] = known
            continue
        try:
            content = hashlib.sha256(path.read_bytes()).digest()
        except OSError:
            out[path] = None
            continue
        out[path] = content
        if now - max(info.st_mtime_ns, info.st_ctime_ns) > SETTLED_NS:
            kept[str(path)] = (signature, content)
    if kept != memo:
        snapshots.write(_HASHES, key, marshal.dumps(kept))
    return out


@cache
def code_identity(rules: tuple[Rule, ...] = ()) -> str:
    """The identity of the code and data that run: :func:`identity_of` the package roots (with the
    folders of ``rules``, the registry the engine was given)."""
    return identity_of(package_roots(rules))


class CacheMemo:
    """A :class:`factlint.facts.corpus.Memo` in the cache: each name's value pickled in a binary
    entry whose key adds the name to ``base`` (the code's identity and the fact sheet), signed
    like the others, so that only what factlint pickled is unpickled. One entry a name, rewritten
    by each run: a cross-document rule keeps there what it learnt of the last run (T102: each
    document's findings and what they read of the run) and reuses what still holds."""

    def __init__(self, cache: Cache, base: str) -> None:
        self.cache = cache
        self.base = base

    def get(self, name: str) -> Any:
        import pickle

        body = self.cache.get_blob(fingerprint(self.base, "memo", name), ".memo")
        if body is None:
            return None
        try:
            return pickle.loads(body)  # signed with this user's key: factlint's own
        except Exception:
            return None

    def put(self, name: str, value: Any) -> None:
        import pickle

        body = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        self.cache.put_blob(fingerprint(self.base, "memo", name), body, ".memo")


def fingerprint(*parts: str) -> str:
    """The SHA-256 of ``parts`` (the first one: the :func:`code_identity`)."""
    digest = hashlib.sha256()
    for part in parts:
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "little"))
        digest.update(encoded)
    return digest.hexdigest()


def text_key(text: str, format: TextFormat, places: Places | None = None) -> str:
    """The text and its format: the same text reads differently as Markdown, or with one
    paragraph per line (a Word file), or with a Word file's table cells in it (``places``)."""
    where = places.key() if places else ""
    return hashlib.sha256(
        (repr(format) + where + "\0").encode() + text.encode("utf-8", "surrogatepass")
    ).hexdigest()


def user_cache_root() -> Path:
    """``$XDG_CACHE_HOME/factlint`` (an absolute path), else ``~/.cache/factlint``."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "factlint"


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` with a ``.git`` folder or file, or None."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def project_root(config_source: Path | None) -> Path:
    """The folder whose results a cache holds: the config file's folder, else the repository root
    of the current folder, else the current folder."""
    if config_source is not None:
        return config_source.resolve().parent
    cwd = Path.cwd()
    return repository_root(cwd) or cwd.resolve()


def default_folder(config_source: Path | None) -> Path:
    """``FACTLINT_CACHE_DIR``, else the user's cache folder for this project (see the module)."""
    env = os.environ.get("FACTLINT_CACHE_DIR")
    if env:
        return Path(env)
    root = str(project_root(config_source)).encode("utf-8", "surrogateescape")
    return user_cache_root() / hashlib.sha256(root).hexdigest()[:32]


def default_cache(config_source: Path | None) -> Cache | None:
    """A :class:`Cache` in :func:`default_folder`, or None when there is no such folder (no home
    directory: ``HOME`` unset for a user the system does not know; the current folder removed):
    the run is then uncached, not failed."""
    try:
        return Cache(default_folder(config_source))
    except (OSError, RuntimeError, KeyError):  # (RuntimeError: Path.home())
        return None


KEY_BYTES = 32


def secret_key() -> bytes:
    """The per-user key that authenticates entries: ``key`` in :func:`user_cache_root`, created
    0600 with random bytes on first use. OSError if it cannot be made or is not trustworthy (not a
    regular file of this user, readable by others, too short): the run is then uncached."""
    path = user_cache_root() / "key"
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "wb") as stream:
            stream.write(os.urandom(KEY_BYTES))
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        data = stream.read(KEY_BYTES + 1)
    if (
        not stat.S_ISREG(info.st_mode)
        or (hasattr(os, "geteuid") and info.st_uid != os.geteuid())
        or info.st_mode & 0o077
        or len(data) != KEY_BYTES
    ):
        raise PermissionError(f"{path}: not a private key file of this user")
    return data


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _mmap_options(platform: str, version: tuple[int, int]) -> dict[str, Any]:
    """The options of a map that keeps no file descriptor (or handle) open: ``trackfd``, which
    ``mmap.mmap`` takes on Unix from Python 3.13, on Windows from 3.15 (before, it is a
    TypeError)."""
    if version >= ((3, 15) if platform == "win32" else (3, 13)):
        return {"trackfd": False}
    return {}


#: a map that keeps no file descriptor open (Python 3.13+, 3.15+ on Windows)
_TRACKFD: dict[str, Any] = _mmap_options(sys.platform, sys.version_info[:2])


#: magic line of a pack file
PACK_MAGIC = b"factlint-pack 3\n"
#: a run that finds more packs than this of its code's identity merges them into one as it writes
MAX_PACKS = 8
#: a merge keeps a record that the merging run neither read nor wrote only if it was written, or
#: last kept as read by a merge, less than this many seconds ago (30 days): see :meth:`Cache.flush`
KEEP_UNUSED_SECONDS = 30 * 24 * 3600
_MAC_BYTES = 32
#: an index entry after its name: the start and end of the record after the index, its stamp
_SPAN = struct.Struct("<QQq")
#: the longest entry name a pack holds (an entry's is 64 hex digits and its suffix)
_MAX_NAME = 255


def _now() -> int:
    """The time a record is stamped with, in whole seconds."""
    import time

    return int(time.time())


#: a record to write in a pack: its bytes are ``buffer[start:end]`` (``buffer``: the bytes of the
#: record, or the map of the pack it is copied from), ``stamp`` the time it was written or last used
_Source = tuple["bytes | mmap.mmap", int, int, int]


def _pack_chunks(records: dict[str, _Source]) -> Iterator[bytes]:
    """The bytes of a pack of ``records``, in pieces (a merge copies one record at a time from
    the maps of the packs it merges, never holding them all): :data:`PACK_MAGIC`, a line with the
    number of entries and the width of their names, the index — an entry a name, sorted, each its
    name padded with NULs to that width, then the start and end of its record after the index and
    its stamp (:data:`_SPAN`) — then the records one after the other."""
    names = {name: name.encode() for name in records}
    width = max((len(n) for n in names.values()), default=1)
    if width > _MAX_NAME or any(b"\0" in n for n in names.values()):
        raise ValueError("an entry name a pack cannot hold")
    spans: list[tuple[bytes, int, int, int]] = []
    size = 0
    for name, (_, start, end, stamp) in records.items():
        spans.append((names[name].ljust(width, b"\0"), size, size + end - start, stamp))
        size += end - start
    spans.sort()
    yield PACK_MAGIC + b"%d %d\n" % (len(spans), width)
    yield b"".join(key + _SPAN.pack(start, end, stamp) for key, start, end, stamp in spans)
    for buffer, start, end, _ in records.values():
        yield buffer[start:end]


def pack_bytes(records: dict[str, bytes], stamp: int | None = None) -> bytes:
    """A pack of ``records`` (entry name → its signed record; :func:`_pack_chunks`), each stamped
    ``stamp``, else now (:data:`KEEP_UNUSED_SECONDS`)."""
    when = _now() if stamp is None else stamp
    return b"".join(_pack_chunks({name: (r, 0, len(r), when) for name, r in records.items()}))


def pack_index(data: bytes | mmap.mmap) -> dict[str, tuple[int, int]] | None:
    """The index of a pack (each entry name → the start and end of its record in ``data``), or
    None when ``data`` is not a well-formed pack (a header that does not parse, an entry whose
    record is not in it)."""
    pack = _Pack.of(data)
    if pack is None:
        return None
    index: dict[str, tuple[int, int]] = {}
    for name, start, end, _ in pack.entries(strict=True):
        if end < 0:
            return None
        index[name] = (start, end)
    return index


class _Pack:
    """A pack's bytes (mapped, or read) with its header parsed: an entry is looked up in its
    sorted index by bisection, without reading the others, so that what a run reads of the cache
    grows with the entries it asks for, not with the cache."""

    __slots__ = ("base", "count", "data", "start", "step", "width")

    def __init__(self, data: bytes | mmap.mmap, start: int, count: int, width: int) -> None:
        self.data = data
        self.start = start  # of the index
        self.count = count
        self.width = width
        self.step = width + _SPAN.size
        self.base = start + count * self.step  # of the records

    @classmethod
    def of(cls, data: bytes | mmap.mmap) -> _Pack | None:
        """The pack of ``data``, or None when its header does not parse (it is ignored whole)."""
        if data[: len(PACK_MAGIC)] != PACK_MAGIC:
            return None
        line_end = data.find(b"\n", len(PACK_MAGIC), len(PACK_MAGIC) + 32)
        if line_end < 0:
            return None
        fields = data[len(PACK_MAGIC) : line_end].split(b" ")
        if len(fields) != 2 or not all(f.isdigit() and len(f) <= 12 for f in fields):
            return None
        count, width = int(fields[0]), int(fields[1])
        pack = cls(data, line_end + 1, count, width)
        if not 0 < width <= _MAX_NAME or pack.base > len(data):
            return None
        return pack

    def _span(self, at: int) -> tuple[int, int, int]:
        """The record of the entry at ``at`` in the index: its start and end in the pack (both
        -1 when the index puts it outside the pack: a damaged entry), its stamp."""
        start, end, stamp = _SPAN.unpack(self.data[at + self.width : at + self.step])
        if not start <= end <= len(self.data) - self.base:
            return -1, -1, stamp
        return self.base + start, self.base + end, stamp

    def find(self, name: bytes) -> tuple[int, int, int] | None:
        """The start, end and stamp of the record of the entry ``name``, or None (absent, or its
        index entry damaged)."""
        if len(name) > self.width:
            return None
        key = name.ljust(self.width, b"\0")
        low, high = 0, self.count
        while low < high:
            middle = (low + high) // 2
            at = self.start + middle * self.step
            found = self.data[at : at + self.width]
            if found < key:
                low = middle + 1
            elif found > key:
                high = middle
            else:
                span = self._span(at)
                return None if span[1] < 0 else span
        return None

    def entries(self, strict: bool = False) -> Iterator[tuple[str, int, int, int]]:
        """Every entry: its name, the start, end and stamp of its record (-1, -1 when damaged:
        left out unless ``strict``); a name that does not decode is left out."""
        for i in range(self.count):
            at = self.start + i * self.step
            raw = self.data[at : at + self.width].rstrip(b"\0")
            start, end, stamp = self._span(at)
            try:
                name = raw.decode()
            except UnicodeDecodeError:
                name = ""
            if not name or "\0" in name:  # (a name no pack can hold: a damaged entry)
                start = end = -1
                name = ""
            if end >= 0 or strict:
                yield name, start, end, stamp


_BINARY = getattr(os, "O_BINARY", 0)


#: before Python 3.13 a map holds a duplicate of its file's descriptor until it is closed: a run
#: maps this many packs at most, and reads the others whole (there are :data:`MAX_PACKS` or so,
#: unless packs cannot be removed), so that it never runs out of descriptors
MAX_MAPS_WITH_FD = 64


def _map_pack(path: str, map: bool = True) -> tuple[int, bytes | mmap.mmap] | None:
    """The modification time and contents of the pack ``path``: mapped read-only (a pack is never
    changed in place: a run writes a new one and renames it into place), else read whole (an empty
    file cannot be mapped; nor can every file on every platform). None when it cannot be opened,
    is a link (not followed) or not a regular file (a FIFO opens without waiting for a writer, and
    is skipped); with ``map`` false, read whole. (A map assumes that no one truncates the file in
    place while the run reads it — factlint never does, and a program that did would end that run
    with SIGBUS — and a map survives the pack's removal by a concurrent merge.) The file descriptor is closed at once; the map, on
    Python 3.13 and later, holds none (before, a duplicate until :meth:`Cache.close`:
    :data:`MAX_MAPS_WITH_FD`)."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _BINARY)
    except OSError:
        return None  # removed meanwhile (merged by another run): its entries are elsewhere
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        if map and mmap is not None and info.st_size > 0:
            try:
                return info.st_mtime_ns, mmap.mmap(fd, 0, access=mmap.ACCESS_READ, **_TRACKFD)
            except (OSError, ValueError, OverflowError, TypeError):
                pass  # read it instead (TypeError: an mmap without ``trackfd``)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return info.st_mtime_ns, stream.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def _remove_stale(path: str, now: int) -> None:
    """Remove the regular file ``path`` (a link is not followed) if it was last written more than
    :data:`KEEP_UNUSED_SECONDS` before ``now``."""
    try:
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and now - info.st_mtime > KEEP_UNUSED_SECONDS:
            os.unlink(path)
    except OSError:
        pass  # removed meanwhile, or not ours to remove


class Cache:
    """Entries of the result cache in ``folder``; see the module documentation.

    The entries of documents and runs (``.json``) and of views (``.bin``) are kept in packs: each
    run writes those it made into one new file (:meth:`flush`), ``pack-<generation>-<random>.pack``,
    where the generation is a prefix of the code's identity, so that a run reads only the packs of
    the code that runs (:meth:`use_generation`). Creating a file costs far more than writing a few
    kilobytes into one (0.1–0.9 ms each on ext4: a thousand documents' entries took 1–2 s of a
    first run), and reading one file less than reading a thousand. A run maps each pack read-only
    and reads its header; an entry is looked up by bisection in the pack's sorted index, and its
    record copied out of the map, and its MAC checked, only when it is asked for, so that a run on one file of a large repository neither reads nor holds
    the entries of the others (a pack is never changed in place: written to a temporary file and
    renamed). Each record is signed on its own (bound to its name), so that a damaged or foreign
    record (or index entry) is a miss, the others still hit; a pack whose header does not parse,
    or whose index does not fit in it, is ignored whole.
    Concurrent runs each write their own pack, atomically; a run that finds more than
    :data:`MAX_PACKS` packs of its generation writes one with their records — those it read or
    wrote, and the others within :data:`KEEP_UNUSED_SECONDS` (:meth:`flush`) — and removes those
    it read. The memos (:class:`CacheMemo`, rewritten by each run) stay one file each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.writable = True
        self.hits = 0
        self.misses = 0
        self._secret: bytes | None = None
        #: the code identity whose packs are read and written (None: every pack is read; one is
        #: written as ``pack-any-…``)
        self.generation: str | None = None
        #: entries written by this run, to write in one pack (:meth:`flush`): name → record
        self._pending: dict[str, bytes] = {}
        #: the packs of this generation, the newest first; None until first read
        self._pack_list: list[_Pack] | None = None
        self._pack_files: list[str] = []
        #: the maps (or bytes) of the packs read, closed by :meth:`close`
        self._maps: list[bytes | mmap.mmap] = []
        #: the entries this run read from the packs: name → the record that verified
        self._used: dict[str, _Source] = {}

    def use_generation(self, generation: str | None) -> None:
        """Read and write the packs of ``generation`` (the code's identity); a run starts with
        this, so that it also finds the packs other runs wrote since the last run."""
        self.generation = generation
        self.close()

    def close(self) -> None:
        """Release the maps of the packs read (the next read maps them again)."""
        maps, self._maps = self._maps, []
        self._pack_list = None
        self._pack_files = []
        self._used = {}
        for data in maps:
            if not isinstance(data, bytes):
                data.close()

    def _mac(self, body: bytes) -> bytes | None:
        """The HMAC of ``body`` with the user's key (None, and the cache off, without one)."""
        if self._secret is None:
            try:
                self._secret = secret_key()
            except (OSError, RuntimeError):  # RuntimeError: no home folder
                self.writable = False
                return None
        return hmac.digest(self._secret, body, "sha256")

    def _packs(self) -> list[_Pack]:
        """The packs of this generation, the newest first (mapped, their headers read; no
        record is, nor any index entry)."""
        if self._pack_list is not None:
            return self._pack_list
        self.close()
        self._pack_list = []
        prefix = "pack-" if self.generation is None else f"pack-{self.generation}-"
        try:
            names = [n for n in os.listdir(self.folder) if n.startswith(prefix)]
        except OSError:
            return self._pack_list
        found = []
        for name in names:
            if not name.endswith(".pack"):
                continue
            path = os.path.join(self.folder, name)
            opened = _map_pack(path, bool(_TRACKFD) or len(self._maps) < MAX_MAPS_WITH_FD)
            if opened is None:
                continue
            mtime, data = opened
            self._maps.append(data)
            pack = _Pack.of(data)
            if pack is not None:
                found.append((mtime, name, path, pack))
        found.sort(key=lambda pack: pack[:2], reverse=True)  # the newest first: it wins
        self._pack_files = [path for _, _, path, _ in found]
        self._pack_list = [pack for _, _, _, pack in found]
        return self._pack_list

    def _record(self, name: str) -> bytes | None:
        """The body of the entry ``name`` if its record's MAC matches (in the newest pack that has
        it, else in an older one), else None."""
        record = self._pending.get(name)
        if record is not None:
            return record[_MAC_BYTES:]  # signed by this run
        encoded = name.encode()
        for pack in self._packs():
            found = pack.find(encoded)
            if found is None or found[1] - found[0] < _MAC_BYTES:
                continue
            start, end, stamp = found
            mac: bytes = pack.data[start : start + _MAC_BYTES]
            body: bytes = pack.data[start + _MAC_BYTES : end]  # (copied out of the map)
            expected = self._mac(encoded + b"\0" + body)
            if expected is None:
                return None
            if hmac.compare_digest(mac, expected):
                self._used[name] = (pack.data, start, end, stamp)
                return body
        return None  # absent, forged, edited or another user's: ignored, and rewritten

    def _stage(self, name: str, body: bytes) -> None:
        """Sign an entry and keep it for the pack this run writes."""
        if not self.writable:
            return
        mac = self._mac(name.encode() + b"\0" + body)
        if mac is not None:
            self._pending[name] = mac + body

    def get(self, key: str) -> list[dict[str, Any]] | None:
        body = self._record(f"{key}.json")
        if body is None:
            self.misses += 1
            return None
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            self.misses += 1
            return None
        if (
            not isinstance(data, dict)
            or data.get("key") != key
            or not isinstance(data.get("diagnostics"), list)
            or not all(isinstance(v, dict) for v in data["diagnostics"])
        ):
            self.misses += 1
            return None  # corrupt or foreign: ignored, and rewritten by put()
        self.hits += 1
        return data["diagnostics"]  # type: ignore[no-any-return]

    def put(self, key: str, diagnostics: list[dict[str, Any]]) -> None:
        if not self.writable:
            return
        body = json.dumps(
            {"key": key, "diagnostics": diagnostics}, ensure_ascii=False, separators=(",", ":")
        ).encode()
        self._stage(f"{key}.json", body)

    def get_blob(self, key: str, suffix: str = ".bin") -> bytes | None:
        """The bytes of a binary entry (a document's views, pickled; ``.memo``: a memo), or None:
        absent, or its MAC does not match (only bytes this user's key signed are ever returned, so
        that what is unpickled from them is what factlint pickled)."""
        if suffix != ".memo":
            return self._record(f"{key}{suffix}")
        # (like a pack: a link is not followed, a FIFO not waited on)
        opened = _map_pack(os.path.join(self.folder, key[:2], f"{key}{suffix}"), map=False)
        if opened is None:
            return None
        raw = bytes(opened[1])
        mac, body = raw[:_MAC_BYTES], raw[_MAC_BYTES:]
        expected = self._mac(f"{key}{suffix}".encode() + b"\0" + body)
        if expected is None or not hmac.compare_digest(mac, expected):
            return None
        return body

    def put_blob(self, key: str, body: bytes, suffix: str = ".bin") -> None:
        """Write a binary entry, signed like the others (and bound to its name); ``suffix`` names
        its kind (``.bin``: a document's views, in this run's pack; ``.memo``: :class:`CacheMemo`,
        a file of its own, written now)."""
        if not self.writable:
            return
        if suffix != ".memo":
            self._stage(f"{key}{suffix}", body)
            return
        path = self.folder / key[:2] / f"{key}{suffix}"
        try:
            if not self.folder.is_dir():
                self._create()
            path.parent.mkdir(exist_ok=True)
            mac = self._mac(f"{key}{suffix}".encode() + b"\0" + body)
            if mac is None:
                return
            self._write(path, mac + body)
        except OSError:
            self.writable = False

    def flush(self) -> None:
        """Write the entries this run made into one new pack (atomically: a temporary file renamed
        into place), and release the maps of the packs read. With more than :data:`MAX_PACKS`
        packs of this generation, the new pack also has their records — each one this run read
        (stamped now, as those it wrote), and each other one stamped less than
        :data:`KEEP_UNUSED_SECONDS` ago (a stale entry: the text of a document before an edit,
        or of a file removed since) — and those packs are removed. An error makes the cache
        unwritable, not the run fail."""
        pending, self._pending = self._pending, {}
        if not pending or not self.writable:
            self.close()
            return
        now = _now()
        records: dict[str, _Source] = {
            name: (record, 0, len(record), now) for name, record in pending.items()
        }
        merged: list[str] = []
        packs = self._packs()  # (read already, but by a run that asked for no entry)
        if len(packs) >= MAX_PACKS:
            for name, (data, start, end, _) in self._used.items():
                records.setdefault(name, (data, start, end, now))
            seen = set(records)
            for pack in packs:  # the newest first: its copy (and its stamp) wins
                for name, start, end, stamp in pack.entries():
                    if name not in seen:
                        seen.add(name)
                        if now - stamp < KEEP_UNUSED_SECONDS:
                            # (stamped in the future, by a clock set ahead since set right: as
                            # if now, so that it is kept a month unused, not until then)
                            records[name] = (pack.data, start, end, min(stamp, now))
            merged = self._pack_files
        try:
            if not self.folder.is_dir():
                self._create()
            name = f"pack-{self.generation or 'any'}-{os.urandom(8).hex()}.pack"
            self._write(self.folder / name, _pack_chunks(records))
        except (OSError, ValueError):  # ValueError: a name a pack cannot hold
            self.writable = False
            merged = []
        records.clear()
        self.close()  # before the packs are removed: a mapped file cannot be, on Windows
        for path in merged:
            try:
                os.unlink(path)
            except OSError:
                pass  # merged by another run meanwhile (or mapped by one, on Windows)
        if merged:
            self._sweep(now, name)

    def _sweep(self, now: int, written: str) -> None:
        """Remove the files of the folder that no run of this code reads and that were not
        written for :data:`KEEP_UNUSED_SECONDS`: the packs of other code (another version of
        factlint, or an edited checkout) and those that do not parse, the memos (of other code or
        another fact sheet: a run rewrites those it reads), and the temporary files of runs killed
        while they wrote. Only files named as factlint names them (``FACTLINT_CACHE_DIR`` may name
        a folder with others)."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            path = os.path.join(self.folder, name)
            if name == written:
                continue
            if (name.startswith("pack-") and name.endswith(".pack")) or (
                name.startswith(".pack-") and name.endswith(".tmp")
            ):
                _remove_stale(path, now)
            elif len(name) == 2 and all(c in "0123456789abcdef" for c in name):
                try:
                    inner = os.listdir(path)
                except OSError:
                    continue
                for leaf in inner:
                    # ``<key>.memo``, or ``.<key>.memo.<random>.tmp`` (a key: 64 hex digits)
                    temporary = leaf.startswith(".") and leaf.endswith(".tmp")
                    entry = leaf[1:] if temporary else leaf
                    if (
                        entry.startswith(name)
                        and entry[64:69] == ".memo"
                        and (entry[69:70] == "." if temporary else len(entry) == 69)
                    ):
                        _remove_stale(os.path.join(path, leaf), now)

    def _write(self, path: Path, data: bytes | Iterable[bytes]) -> None:
        # (named after the file it becomes: :meth:`_sweep` knows what a killed run left)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as stream:
                for chunk in (data,) if isinstance(data, bytes) else data:
                    stream.write(chunk)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def prepare(self) -> None:
        """Create the folder now, before worker processes write memos into it (or find that it
        cannot be written: the cache is then unwritable)."""
        if not self.writable:
            return
        try:
            if not self.folder.is_dir():
                self._create()
        except OSError:
            self.writable = False
        self._mac(b"")  # the key, made once here rather than by each worker

    def _create(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for name, content in ((".gitignore", "# created by factlint\n*\n"), ("CACHEDIR.TAG", _TAG)):
            target = self.folder / name
            if not target.exists():
                target.write_text(content, encoding="utf-8")


# ---- diagnostics as JSON -------------------------------------------------------------------------


def encode(diagnostics: Iterable[Diagnostic], own_path: str | None = None) -> list[dict[str, Any]]:
    """Diagnostics as JSON values (:func:`factlint.model.to_dict`, both languages, every field).
    With ``own_path``, every ``path`` that is that path is left out (written ``null``), so the entry
    can be used for the same text under another name."""
    return [_paths(to_dict(d), own_path, None) for d in diagnostics]


def decode(values: list[dict[str, Any]], own_path: str = "") -> list[Diagnostic]:
    """The inverse of :func:`encode`; raises ValueError on a bad entry: one whose values are not
    all of the types :func:`encode` writes (:func:`_check_entry`)."""
    try:
        if not isinstance(values, list):
            raise TypeError("not a list of diagnostics")
        for v in values:
            _check_entry(v)
        return [from_dict(_paths(v, None, own_path)) for v in values]
    except (KeyError, TypeError, AttributeError, IndexError, ValueError, RecursionError) as exc:
        raise ValueError(f"not a cache entry: {exc}") from exc


def _is_int(x: Any) -> bool:
    return type(x) is int and x >= 0


def _is_message(m: Any) -> bool:
    return type(m) is dict and set(m) == {"zh", "en"} and all(type(x) is str for x in m.values())


def _is_place(v: Any) -> bool:
    return all(_is_int(v.get(k)) for k in ("line", "column", "end_line", "end_column")) and (
        v["line"],
        v["column"],
    ) <= (v["end_line"], v["end_column"])


def _check_entry(v: Any) -> None:
    """Raise TypeError unless ``v`` is a diagnostic exactly as :func:`encode` writes it: a wrong
    type, a reversed span, an unknown severity or applicability is a corrupt entry, checked
    again, never coerced into a finding."""
    fix = v.get("fix") if type(v) is dict else None
    span = v.get("span") if type(v) is dict else None
    related = v.get("related") if type(v) is dict else None
    ok = (
        type(v) is dict
        and (v.get("path") is None or type(v.get("path")) is str)
        and all(type(v.get(k)) is str for k in ("code", "rule", "severity", "excerpt"))
        and v["severity"] in ("error", "warning", "info")
        and _is_message(v.get("message"))
        and _is_place(v)
        and type(span) is list
        and len(span) == 2
        and all(_is_int(x) for x in span)
        and span[0] <= span[1]
        and type(related) is list
        and all(
            type(r) is dict
            and (r.get("path") is None or type(r.get("path")) is str)
            and _is_message(r.get("message"))
            and _is_place(r)
            for r in related
        )
        and (
            fix is None
            or (
                type(fix) is dict
                and type(fix.get("replacement")) is str
                and _is_message(fix.get("message"))
                and fix.get("applicability") in ("safe", "unsafe")
            )
        )
    )
    if not ok:
        raise TypeError("not a diagnostic as the cache writes it")


def _paths(value: dict[str, Any], old: str | None, new: str | None) -> dict[str, Any]:
    """``value`` with every ``path`` key whose value is ``old`` set to ``new``, at any depth."""
    if not isinstance(value, dict):
        raise TypeError(f"not a diagnostic: {value!r}")
    if old is None and new is None:
        return value
    out: dict[str, Any] = {}
    for k, v in value.items():
        if k == "path":
            out[k] = new if v == old else v
        elif isinstance(v, dict):
            out[k] = _paths(v, old, new)
        elif isinstance(v, list):
            out[k] = [_paths(x, old, new) if isinstance(x, dict) else x for x in v]
        else:
            out[k] = v
    return out

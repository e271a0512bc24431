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

What: two kinds of entries, each a small JSON file named by the SHA-256 of everything its content
depends on (:func:`fingerprint`) — the *code identity* of factlint (its version, the Python version,
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
  :data:`factlint.engine.runner.CACHED_VIEWS`), pickled, in a binary entry (``.bin``) whose MAC also
  covers its key; the key adds the document's text key. After one file of a large run is edited,
  the cross-document rules re-run over the views of the others read from here.

- per cross-document rule (or corpus view) that keeps state from one run to the next
  (:class:`CacheMemo`: T102, T103, the run's bigram counts and established pairs): one binary entry
  (``.memo``) whose key adds its name and the fact sheet, rewritten by each run. T102 keeps there each document's findings with everything their evaluation read of the
  run (pair counts, the run's established pairs, the contexts and documents of the twins, the word
  model's frequencies); after an edit, a document whose text and reads are unchanged keeps its
  findings, the others are evaluated again: the same output as a run without the entry.

Raw means before ``per-file-ignores``, inline suppressions and the baseline, which are applied to
cached and fresh diagnostics alike, so they are not part of any key.

Writes are atomic (a temporary file renamed into place); an entry that does not parse, whose MAC
does not match, or whose values have the wrong types is a miss, checked again and rewritten; a cache folder that cannot be created or written makes the run uncached, not failed.
Entries are never pruned: delete the folder at any time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.model import VERSION, Diagnostic, from_dict, to_dict
from factlint.rule import Rule

if TYPE_CHECKING:
    from factlint.text.formats import TextFormat
    from factlint.text.places import Places

FORMAT = 2  # bump when the entry layout changes

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


def _read(path: str) -> bytes:
    """The bytes of the file ``path`` (a string: a run reads an entry for each of its files, and
    ``Path`` objects cost more to make than the read)."""
    with open(path, "rb") as stream:
        return stream.read()


class Cache:
    """Entries of the result cache in ``folder``; see the module documentation."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.writable = True
        self.hits = 0
        self.misses = 0
        self._secret: bytes | None = None

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _mac(self, body: bytes) -> bytes | None:
        """The hex HMAC of ``body`` with the user's key (None, and the cache off, without one)."""
        if self._secret is None:
            try:
                self._secret = secret_key()
            except (OSError, RuntimeError):  # RuntimeError: no home folder
                self.writable = False
                return None
        return hmac.new(self._secret, body, hashlib.sha256).hexdigest().encode()

    def get(self, key: str) -> list[dict[str, Any]] | None:
        try:
            raw = _read(os.path.join(self.folder, key[:2], f"{key}.json"))
        except OSError:
            self.misses += 1
            return None
        mac, _, body = raw.partition(b"\n")
        expected = self._mac(body)
        if expected is None or not hmac.compare_digest(mac, expected):
            self.misses += 1
            return None  # forged, edited or another user's: ignored, and rewritten by put()
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
        path = self._path(key)
        try:
            if not self.folder.is_dir():
                self._create()
            path.parent.mkdir(exist_ok=True)
            body = json.dumps(
                {"key": key, "diagnostics": diagnostics}, ensure_ascii=False, separators=(",", ":")
            ).encode()
            mac = self._mac(body)
            if mac is None:
                return
            data = mac + b"\n" + body
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            self.writable = False  # read-only checkout, full disk: run uncached

    def _blob_path(self, key: str, suffix: str = ".bin") -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"

    def get_blob(self, key: str, suffix: str = ".bin") -> bytes | None:
        """The bytes of a binary entry (a document's views, pickled), or None: absent, or its MAC
        does not match (only bytes this user's key signed are ever returned, so that what is
        unpickled from them is what factlint pickled)."""
        try:
            raw = _read(os.path.join(self.folder, key[:2], f"{key}{suffix}"))
        except OSError:
            return None
        mac, _, body = raw.partition(b"\n")
        expected = self._mac(key.encode() + b"\0" + body)
        if expected is None or not hmac.compare_digest(mac, expected):
            return None
        return body

    def put_blob(self, key: str, body: bytes, suffix: str = ".bin") -> None:
        """Write a binary entry, signed like the others (and bound to its key); ``suffix`` names
        its kind (``.bin``: a document's views; ``.memo``: :class:`CacheMemo`)."""
        if not self.writable:
            return
        path = self._blob_path(key, suffix)
        try:
            if not self.folder.is_dir():
                self._create()
            path.parent.mkdir(exist_ok=True)
            mac = self._mac(key.encode() + b"\0" + body)
            if mac is None:
                return
            fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as stream:
                    stream.write(mac + b"\n" + body)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            self.writable = False

    def prepare(self) -> None:
        """Create the folder now, before worker processes write entries into it (or find that it
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

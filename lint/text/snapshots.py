"""Precompiled snapshots: tables and regex patterns saved in a form that loads fast.

Building factlint's tables from their sources costs more than using them in a short run: the
misuse list is TOML (its parse, 0.07 s), the four-corner and pinyin tables are JSON and Python
modules, the same-shape and common-word indexes are derived from jieba's 349,000 words (0.3 s),
and the module-level regex patterns are parsed by ``regex`` in Python (0.1 s at start-up). Each is
built once, then saved here as ``marshal`` data and loaded from it by later runs.

Where: ``snapshots/`` in the user's cache folder (``$XDG_CACHE_HOME/factlint``, else
``~/.cache/factlint``; never under ``FACTLINT_CACHE_DIR``, which may be inside a repository),
created 0700. A snapshot is used only when it is a regular file of this user that nobody else can
write (it is code-like data: compiled regex programs). Each is named by the SHA-256 of everything it
depends on — factlint's version, the Python and marshal versions, the source of the module that
builds it and the bytes of its source files — so an edited table or builder never reads a stale
one. Writes are atomic (a temporary file renamed into place). ``FACTLINT_NO_SNAPSHOTS=1``, an
unwritable folder, a missing home folder or a snapshot that does not load all make the table
built in memory as before, silently: a snapshot only ever saves time.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")

#: set to 1 to neither read nor write snapshots (every table built from its sources)
DISABLE = "FACTLINT_NO_SNAPSHOTS"
FORMAT = 1  # bump when the layout of any snapshot changes

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def user_cache_root() -> Path:
    """``$XDG_CACHE_HOME/factlint`` (an absolute path), else ``~/.cache/factlint``."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "factlint"


def enabled() -> bool:
    return os.environ.get(DISABLE, "").strip() not in ("1", "true", "yes")


def folder() -> Path:
    return user_cache_root() / "snapshots"


def key_of(name: str, parts: Iterable[bytes | str]) -> str:
    """The SHA-256 naming snapshot ``name`` made from ``parts`` (sources, code, parameters)."""
    import hashlib
    import marshal

    from factlint.model import VERSION

    digest = hashlib.sha256(
        f"{name}\0{VERSION}\0{sys.version}\0{marshal.version}\0{FORMAT}".encode()
    )
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


#: how many snapshots of one table are kept (the newest), for as many installations
KEEP = 3


def _modified(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # removed meanwhile by another process
        return 0


def _path(name: str, key: str) -> Path:
    return folder() / f"{name}-{key[:40]}.bin"


def read(name: str, key: str) -> bytes | None:
    """The body of snapshot ``name`` made with ``key``, or None (absent, not trusted, disabled)."""
    if not enabled():
        return None
    try:
        path = _path(name, key)
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    try:
        with os.fdopen(fd, "rb") as stream:
            info = os.fstat(stream.fileno())
            if (
                not stat.S_ISREG(info.st_mode)
                or (hasattr(os, "geteuid") and info.st_uid != os.geteuid())
                or info.st_mode & 0o022
            ):
                return None
            data = stream.read()
    except OSError:
        return None
    header, _, body = data.partition(b"\n")
    return body if header == key.encode() else None


def write(name: str, key: str, body: bytes) -> bool:
    """Save snapshot ``name``; False (and nothing saved) when it cannot be written."""
    if not enabled():
        return False
    import tempfile

    try:
        path = _path(name, key)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(key.encode() + b"\n" + body)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        # the snapshots of older sources or code are of no more use, but two installations (a
        # project's venv and pipx, two worktrees) each read their own: the newest few are kept,
        # so that running one does not throw away what the other loads
        others = [old for old in path.parent.glob(f"{name}-{'?' * 40}.bin") if old != path]
        others.sort(key=_modified, reverse=True)
        for old in others[KEEP - 1 :]:
            old.unlink(missing_ok=True)
    except (OSError, RuntimeError):
        return False
    return True


def cached(name: str, parts: Iterable[bytes | str], build: Callable[[], T]) -> T:
    """``build()``, or the snapshot of what it built, kept under ``name`` and the key of ``parts``.

    What ``build`` returns must be made of what :mod:`marshal` keeps (str, int, float, bool, None,
    bytes, tuple, list, dict, set, frozenset), and must depend on nothing but ``parts``."""
    import marshal

    try:
        key = key_of(name, parts)
    except OSError:
        return build()
    body = read(name, key)
    if body is not None:
        try:
            value: T = marshal.loads(body)
            return value
        except (EOFError, ValueError, TypeError):
            pass  # a damaged snapshot: built again and rewritten
    value = build()
    try:
        data = marshal.dumps(cast(Any, value))
    except ValueError:  # pragma: no cover - a builder returned something marshal cannot keep
        return value
    write(name, key, data)
    return value


def source_of(module_file: str) -> bytes:
    """The bytes of a module's source file (part of its snapshots' keys): an edited builder
    never reads the snapshot an older one made."""
    return Path(module_file).read_bytes()


# ---- regex patterns ------------------------------------------------------------------------------

#: Every pattern factlint's modules compile when they are imported is kept in one snapshot: loaded
#: into ``regex``'s own cache of compiled patterns before those modules are imported, it makes
#: their ``regex.compile`` calls look-ups. A pattern's entry is keyed by its text and flags, so a
#: changed pattern is compiled as usual (and the snapshot rewritten once). ``regex`` compiles in
#: Python; what it hands its C engine (``Pattern._pickled_data``, what ``pickle`` saves a pattern
#: as) is what is kept.
_PATTERNS = "regex-patterns"
#: the keys of the patterns in the snapshot read (or written) by this process
_known: set[Any] = set()
#: (pattern, flags) of every str pattern compiled between ``install_patterns`` and
#: ``save_patterns``: what the imports ask for, so that the snapshot keeps those and no other (a
#: pattern an older version compiled, or one compiled later for a document, is not kept)
_requested: set[tuple[str, int]] = set()
_original_compile: Any = None
_installed = False


def _regex_key() -> str:
    import regex

    return key_of(_PATTERNS, [str(getattr(regex, "__version__", "?"))])


def install_patterns() -> None:
    """Fill ``regex``'s cache from the snapshot of patterns (once per process; silently nothing
    when there is none, it does not load, or ``regex`` is not the version it was made with)."""
    global _installed
    if _installed:
        return
    _installed = True
    try:
        import importlib
        import marshal

        _main: Any = importlib.import_module("regex._main")
        _regex: Any = importlib.import_module("regex._regex")

        _record(_main)
        body = read(_PATTERNS, _regex_key())
        if body is None:
            return
        entries = marshal.loads(body)
        default_version = int(_main.DEFAULT_VERSION)
        cache, named, sensitive = _main._cache, _main._named_args, _main._locale_sensitive
        no_args: frozenset[Any] = frozenset()
        with _main._cache_lock:
            # room for every pattern of the snapshot and as many more (regex keeps 500 by
            # default, and factlint's modules compile more than that)
            _main._MAXCACHE = max(int(_main._MAXCACHE), 2 * len(entries) + 100)
            for pattern, flags, version, data in entries:
                if version != default_version or len(cache) >= _main._MAXCACHE - 50:
                    continue
                key = (pattern, str, flags, no_args, _main.DEFAULT_VERSION, None)
                _known.add(key)
                if key not in cache:
                    cache[key] = _regex.compile(*data)
                    named[(pattern, str, flags)] = no_args
                    sensitive[(str, pattern)] = False
    except Exception:  # a snapshot of another regex's internals: compile as usual
        return


def install_patterns_with_regex() -> None:
    """:func:`install_patterns` once ``regex`` is imported: now if it is, else right after the
    package is (its version known: the snapshot's key), before anything compiles a pattern with
    it. A run that never needs ``regex`` (on empty files) neither imports it nor reads the
    snapshot."""
    if _installed:
        return
    if "regex" in sys.modules:
        install_patterns()
        return
    if not any(isinstance(finder, _AfterRegex) for finder in sys.meta_path):
        sys.meta_path.insert(0, _AfterRegex())


class _AfterRegex:
    """A finder of the ``regex`` package alone, which finds it as the others do and installs the
    patterns once its loader has executed it (then leaves ``sys.meta_path``)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "regex":
            return None
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(self)
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path, target)
        loader = getattr(spec, "loader", None)
        execute = getattr(loader, "exec_module", None)
        if spec is None or execute is None:
            return spec  # found by another finder, or not at all: imported as it would be

        def exec_module(module: Any) -> None:
            execute(module)
            install_patterns()

        loader.exec_module = exec_module  # type: ignore[union-attr]
        return spec


def save_patterns() -> None:
    """Save the patterns the imports compiled (and only those) when they are not what the snapshot
    holds. Called once the rules are imported."""
    try:
        import importlib
        import marshal

        _main: Any = importlib.import_module("regex._main")
        _stop_recording(_main)
        if not enabled():
            return
        cache = _main._cache
        entries = []
        kept = set()
        for key, compiled in list(cache.items()):
            pattern, kind, flags, args, version, locale = key
            if (
                kind is not str
                or args
                or locale is not None
                or (pattern, int(flags)) not in _requested
                or _main._locale_sensitive.get((str, pattern), True)
            ):
                continue
            kept.add(key)
            data = tuple(int(x) if isinstance(x, int) else x for x in compiled._pickled_data)
            entries.append((pattern, int(flags), int(version), data))
        if kept == _known:
            return  # the snapshot holds exactly what the imports compiled
        write(_PATTERNS, _regex_key(), marshal.dumps(entries))
        _known.clear()
        _known.update(kept)
    except Exception:  # pragma: no cover - regex's internals changed: no snapshot
        return


def _record(_main: Any) -> None:
    """Note every str pattern ``regex`` is asked to compile until ``_stop_recording``."""
    global _original_compile
    if _original_compile is not None:
        return
    original = _original_compile = _main._compile

    def recording(pattern: Any, flags: Any, *rest: Any) -> Any:
        if isinstance(pattern, str):
            _requested.add((pattern, int(flags)))
        return original(pattern, flags, *rest)

    _main._compile = recording


def _stop_recording(_main: Any) -> None:
    global _original_compile
    if _original_compile is not None:
        _main._compile = _original_compile
        _original_compile = None


def compiled_pattern(name: str, pattern: str) -> Any:
    """``regex.compile(pattern)`` (no flags), from snapshot ``name`` when it holds that pattern.

    For the large patterns a module builds at run time from a table (the misuse list's trie, a
    few kilobytes: ``regex`` parses it in Python, 0.08 s, and its C program loads in a
    millisecond). The newest :data:`KEEP` patterns of each ``name`` are kept."""
    import marshal

    import regex

    try:
        key = key_of(name, [str(getattr(regex, "__version__", "?")), pattern])
    except OSError:
        return regex.compile(pattern)
    body = read(name, key)
    if body is not None:
        try:
            import importlib

            _regex: Any = importlib.import_module("regex._regex")
            return _regex.compile(*marshal.loads(body))
        except Exception:  # another regex's internals: compiled as usual
            pass
    compiled: Any = regex.compile(pattern)
    try:
        data = tuple(int(x) if isinstance(x, int) else x for x in compiled._pickled_data)
        write(name, key, marshal.dumps(data))
    except Exception:  # pragma: no cover - regex's internals changed: no snapshot
        pass
    return compiled


# ---- the standard library's snapshots: only for factlint's own command --------------------------

#: what the console script's file may be called (pip's wrappers on Windows add the suffixes)
_COMMAND = "factlint"
_COMMAND_SUFFIXES = ("-script.pyw", "-script.py", ".exe")


def started_as_command() -> bool:
    """This process runs factlint's own command: ``python -m factlint`` or the ``factlint``
    console script, not another program that imports factlint.

    Asked when the package is imported, before anything else of factlint's. Under ``-m``, runpy
    imports the package while ``sys.argv[0]`` is still ``"-m"``, and the module run is read from
    ``sys.orig_argv``; the console script (pip's wrapper, or uv's) imports ``factlint.cli`` from a
    file named ``factlint``, which is ``sys.argv[0]``. A worker process that ``multiprocessing``
    spawns has the parent's ``sys.argv``: the script's, or after ``python -m factlint`` the path
    of factlint's ``__main__.py``, which runpy set."""
    argv: list[str] = getattr(sys, "argv", None) or [""]  # (no argv: an embedded interpreter)
    first = str(argv[0])
    if first == "-m":
        orig_argv: list[str] = getattr(sys, "orig_argv", [])
        return _module_run(orig_argv) in (_COMMAND, f"{_COMMAND}.__main__")
    name = os.path.basename(first)
    if name == "__main__.py":  # (a spawned worker of ``python -m factlint``)
        package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        return os.path.normcase(os.path.abspath(first)) == os.path.normcase(
            os.path.join(package, name)
        )
    if os.name == "nt":
        name = name.lower()
    for suffix in _COMMAND_SUFFIXES:
        name = name.removesuffix(suffix)
    return name == _COMMAND


def _module_run(orig_argv: list[str]) -> str | None:
    """The module of ``-m`` in the interpreter's command line, or None (a script, ``-c``, ``-``).
    Short options may be grouped (``-Bm factlint``); ``-W`` and ``-X`` take a value."""
    words = iter(orig_argv[1:])
    for word in words:
        if word == "--check-hash-based-pycs":
            next(words, None)
            continue
        if word.startswith("--"):
            continue  # --help, --version
        if not word.startswith("-") or word == "-":
            return None  # a script, or the program read from stdin
        for at, option in enumerate(word[1:], 1):
            if option in "cmWX":
                value = word[at + 1 :] or next(words, "")
                if option == "m":
                    return value
                if option == "c":
                    return None
                break
    return None


# ---- the methods of dataclasses ------------------------------------------------------------------

#: ``dataclasses`` writes the methods of each dataclass (``__init__``, ``__repr__``, ``__eq__`` …)
#: as Python source and compiles it when the class is defined: ~0.5 ms a class, and factlint
#: defines some 80 (30 before it checks an empty file). The code each source compiles to is kept in
#: a snapshot, by its source and the Python version (:func:`key_of`), so that later runs define
#: their dataclasses without compiling: ``dataclasses`` is handed an ``exec`` of its own (its
#: module's global, which shadows the builtin) that runs the code kept for a source, or compiles it
#: as the builtin would. Only the classes of factlint's own modules: another program's are compiled
#: as usual. The snapshot is code, trusted as the others are: this user's, writable by no one else
#: (and ``FACTLINT_NO_SNAPSHOTS=1`` leaves ``dataclasses`` alone). Installed by factlint's own
#: command only (:func:`started_as_command`), or when a program asks (``factlint.patch_stdlib``):
#: a program that merely imports factlint keeps the ``dataclasses`` it had.
_CODE = "dataclass-methods"
_code: dict[str, Any] = {}
#: the sources this process defined its dataclasses from (the snapshot keeps those)
_code_used: set[str] = set()
_code_new = False
_code_installed = False


def _code_key() -> str:
    """The key of the snapshot of code: the Python version and its marshal format (the code of a
    source depends on nothing else); not hashed, so that reading it imports nothing, not even
    ``hashlib``."""
    import marshal

    key = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-{marshal.version}-{FORMAT}-"
    return key.ljust(40, "0")[:40]


def install_dataclass_code() -> None:
    """Hand ``dataclasses`` the ``exec`` that takes compiled code from the snapshot (once per
    process; nothing when snapshots are off or ``dataclasses`` already has an ``exec``); the
    snapshot is written at exit when a source was compiled."""
    global _code_installed
    if _code_installed or not enabled():
        return
    _code_installed = True
    import dataclasses

    if "exec" in vars(dataclasses):  # another exec installed: left as it is
        return
    try:
        import marshal

        body = read(_CODE, _code_key())
        loaded = marshal.loads(body) if body is not None else {}
        if isinstance(loaded, dict):
            _code.update(loaded)
    except Exception:  # a damaged snapshot: compiled as usual, and rewritten
        _code.clear()
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    import atexit

    atexit.register(save_dataclass_code)


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """The builtin ``exec``, with the code of a source ``dataclasses`` wrote taken from the
    snapshot (compiled as the builtin compiles it from ``dataclasses``, which has no
    ``__future__`` imports, when it is not there)."""
    global _code_new
    # only factlint's own classes (``dataclasses`` runs their code in their module's globals): the
    # dataclasses of a program that imports factlint are compiled as the builtin does, and never
    # written into factlint's snapshot
    if isinstance(source, str) and _ours(globals):
        code = _code.get(source)
        if code is None:
            code = _code[source] = compile(source, "<string>", "exec", dont_inherit=True)
            _code_new = True
        _code_used.add(source)
        source = code
    exec(source, globals, locals)


def _ours(namespace: Any) -> bool:
    name = namespace.get("__name__") if isinstance(namespace, dict) else None
    return isinstance(name, str) and (name == "factlint" or name.startswith("factlint."))


def save_dataclass_code() -> None:
    """Write the code of the sources this process used, when one of them was compiled (a run that
    defines no new dataclass writes nothing; one that defines more keeps them all)."""
    global _code_new
    if not _code_new:
        return
    _code_new = False
    try:
        import marshal

        kept = {source: _code[source] for source in _code_used}
        write(_CODE, _code_key(), marshal.dumps(kept))
    except Exception:  # pragma: no cover - no snapshot, compiled as usual next time
        return


# ---- the patterns of ``re`` ----------------------------------------------------------------------

#: ``re`` parses and compiles its patterns in Python (``re._parser``, ``re._compiler``): the
#: patterns factlint's modules compile when they are imported, and a few it builds at run time (the
#: misuse list's first characters, a character class of a thousand), cost 10 ms before a check of
#: an empty file and 30 ms in one of a report. What ``re`` hands its C engine (``_sre.compile``'s
#: arguments: the pattern, its flags, its program, its groups) is kept in a snapshot, keyed by the
#: Python version (:func:`_code_key`): loaded into ``re``'s own cache of compiled patterns when the
#: package is imported, it makes their ``re.compile`` calls look-ups. A pattern's entry is keyed by
#: its text and flags, so a changed pattern is compiled as usual; the snapshot is rewritten at exit
#: when one was. Only the patterns factlint's own modules and the standard library's ask for (not
#: those of a program that imports factlint), and at most :data:`_RE_KEEP`. Replacing
#: ``re._compiler.compile`` replaces it for every caller in the process (and relies on ``re``'s
#: internals): only factlint's own command does it (:func:`started_as_command`), or a program that
#: asks for it (``factlint.patch_stdlib``); one that merely imports factlint keeps ``re`` as it is.
_RE = "re-patterns"
_RE_KEEP = 400
#: (pattern, flags) -> the arguments of ``_sre.compile``: the snapshot's, and those compiled since
_re_entries: dict[tuple[str, int], tuple[Any, ...]] = {}
_re_new: dict[tuple[str, int], tuple[Any, ...]] = {}
_re_installed = False


def install_re_patterns() -> None:
    """Fill ``re``'s cache from the snapshot of its patterns, and note the str patterns compiled
    from now on (once per process; nothing when snapshots are off, or on a Python whose ``re``
    compiles otherwise than the one this was written for, 3.11 to 3.13)."""
    global _re_installed
    if _re_installed or not enabled() or not (3, 11) <= sys.version_info[:2] <= (3, 13):
        return
    _re_installed = True
    import marshal
    import re

    try:
        import _sre  # type: ignore[import-not-found,unused-ignore]

        compiler: Any = re._compiler  # type: ignore[attr-defined]
        parser: Any = re._parser  # type: ignore[attr-defined]
        cache: dict[Any, Any] = re._cache  # type: ignore[attr-defined]
        original = compiler.compile
        compiler._code, parser.parse  # noqa: B018 - what ``compile`` below uses
    except (ImportError, AttributeError):  # pragma: no cover - another ``re``
        return
    try:
        body = read(_RE, _code_key())
        entries = marshal.loads(body) if body is not None else []
        for args in entries[:_RE_KEEP]:
            pattern, flags = args[0], args[1]
            _re_entries[(pattern, flags)] = args[2:]
            key = (str, pattern, flags)
            if key not in cache:
                cache[key] = _sre.compile(pattern, *args[2:])
    except Exception:  # a damaged snapshot: compiled as usual, and rewritten
        _re_entries.clear()
    stdlib = os.path.dirname(os.__file__) + os.sep

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str) or not isinstance(flags, int) or flags & re.DEBUG:
            return original(p, flags)
        parsed = parser.parse(p, flags)
        code = compiler._code(parsed, flags)
        groupindex = parsed.state.groupdict
        indexgroup: list[Any] = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        compiled = _sre.compile(
            p,
            flags | parsed.state.flags,
            code,
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        # (the program's opcodes are ints of a subclass marshal does not keep)
        args = (
            int(flags | parsed.state.flags),
            [int(x) for x in code],
            int(parsed.state.groups - 1),
            {str(k): int(v) for k, v in groupindex.items()},
            tuple(indexgroup),
        )
        if _requested_by_us(stdlib):
            _re_new[(p, flags)] = args
        return compiled

    compiler.compile = compile
    import atexit

    atexit.register(save_re_patterns)


def _requested_by_us(stdlib: str) -> bool:
    """The code that asked ``re`` for a pattern is factlint's or the standard library's."""
    frame: Any = sys._getframe(2)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name != "re" and not name.startswith("re."):
            return bool(
                name == "factlint"
                or name.startswith("factlint.")
                or (
                    frame.f_code.co_filename.startswith(stdlib)
                    and "site-packages" not in frame.f_code.co_filename
                )
            )
        frame = frame.f_back
    return False


def save_re_patterns() -> None:
    """Write the patterns of the snapshot and those compiled since, when one was (the latter alone
    when both are more than :data:`_RE_KEEP`)."""
    if not _re_new:
        return
    try:
        import marshal

        kept = {**_re_entries, **_re_new}
        if len(kept) > _RE_KEEP:
            kept = dict(list(_re_new.items())[:_RE_KEEP])
        entries = [(pattern, flags, *args) for (pattern, flags), args in kept.items()]
        write(_RE, _code_key(), marshal.dumps(entries))
        _re_entries.update(_re_new)
        _re_new.clear()
    except Exception:  # pragma: no cover - no snapshot, compiled as usual next time
        return

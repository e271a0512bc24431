"""Path patterns of a project: gitignore-style globs for ``exclude`` and ``per-file-ignores``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex


def _glob_to_regex(pattern: str) -> regex.Pattern[str]:
    import regex  # with the first pattern: a run without any imports no regex

    pattern = pattern.strip().rstrip("/")
    anchored = "/" in pattern
    pattern = pattern.lstrip("/")
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        out.append("[^/]*" if c == "*" else "[^/]" if c == "?" else regex.escape(c))
        i += 1
    body = "".join(out)
    return regex.compile(("^" if anchored else "(?:^|.*/)") + body + "(?:/.*)?$")


class Excluder:
    """gitignore-style exclusion: ``drafts/``, ``*.tmp.md``, ``archive/**/old*.txt``.

    A pattern matches a path relative to the folder being walked; a pattern with a ``base`` (the
    folder of the config file that declares it) also matches the path relative to that base, so
    ``docs/drafts/`` in a repository's config works whichever folder is checked.
    """

    def __init__(self, patterns: list[str], base: Path | None = None) -> None:
        root = base.resolve() if base is not None else None
        self.rules = [(_glob_to_regex(p), root) for p in patterns if p.strip()]

    def __add__(self, other: Excluder) -> Excluder:
        combined = Excluder([])
        combined.rules = self.rules + other.rules
        return combined

    def excluded(self, relative: str, path: Path | None = None) -> bool:
        anchored: dict[Path, str | None] = {}
        for pattern, base in self.rules:
            if pattern.match(relative):
                return True
            if base is None or path is None:
                continue
            if base not in anchored:
                try:
                    anchored[base] = path.resolve().relative_to(base).as_posix()
                except (ValueError, OSError):
                    anchored[base] = None
            rel = anchored[base]
            if rel is not None and pattern.match(rel):
                return True
        return False


# ---- reading a project file (configuration, baseline) -------------------------------------------

#: The most a configuration file (factlint.toml, a pyproject.toml) may hold: real ones are a few KB.
MAX_CONFIG_BYTES = 10 * 1024 * 1024
#: The most a baseline file may hold: about 200 bytes a finding, so a million findings.
MAX_BASELINE_BYTES = 256 * 1024 * 1024


class NotAFileError(Exception):
    """A project file that is not a regular file, or larger than its limit, said in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them: a device (/dev/zero), a
    FIFO or a folder raises :class:`NotAFileError`, and so does a file larger than ``limit`` (read
    no further than that, whatever its size said). OSError as ``open`` raises it."""
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise NotAFileError(
                "不是普通文件（是目录、管道或设备）",
                "is not a regular file (a folder, pipe or device)",
            )
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise NotAFileError(
            f"超过{limit // (1024 * 1024)} MB的上限",
            f"exceeds the {limit // (1024 * 1024)} MB limit",
        )
    return data

"""The process's memory allocator, set for a large input (the command line's process only).

glibc's malloc maps a block of 128 KiB or more on its own and unmaps it when it is freed, but each
such block freed raises that threshold to its size (up to 32 MiB): once a 10 MB document's bytes
are freed, every block under 10 MB (a view's big list, a string of a paragraph's worth of JSON) is
carved from the heap, which keeps the pages of what is freed there. Fixing the threshold at its
default keeps those blocks mapped and returned (issue 15: peak RSS on the 10 MB document 79 -> 72
MB, 22.3 -> 20.4 bytes a character, CPU unchanged)."""

from __future__ import annotations

import sys

#: an input of at least this many bytes sets the threshold (smaller runs never import ctypes)
LARGE_INPUT = 1 << 20
#: glibc's M_MMAP_THRESHOLD, and its default
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 128 * 1024

_fixed: bool | None = None  # None: not tried yet


def fix_mmap_threshold() -> bool:
    """Fix glibc malloc's mmap threshold at its default (``mallopt``), once a process; False
    where there is no glibc (another C library, another system) or it refused."""
    global _fixed
    if _fixed is None:
        _fixed = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                libc = ctypes.CDLL(None)
                # musl has no gnu_get_libc_version (and a mallopt that does nothing)
                if hasattr(libc, "gnu_get_libc_version"):
                    _fixed = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
            except (ImportError, OSError, AttributeError):
                pass
    return _fixed

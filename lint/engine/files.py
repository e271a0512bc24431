"""Writing an output file (``--output``, ``--write-baseline``) safely.

A regular file is replaced atomically (a temporary file in the same folder renamed over it): a
reader never sees half of it and a failed run leaves the previous one. Anything else — ``/dev/null``,
a FIFO, a device, a socket — is written in place and never renamed over (run as root, a rename
would turn ``/dev/null`` into a regular file). A read-only regular file is refused, even for root.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as described above; OSError (with ``strerror``) on failure."""
    target = path.resolve()
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        # O_NONBLOCK would make a FIFO without a reader fail: block like a shell redirection
        fd = os.open(target, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        return
    if info is not None and not info.st_mode & 0o222:
        raise PermissionError(errno.EACCES, "read-only file, not replaced", str(path))
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, mode)  # mkstemp makes it private; a report is not
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

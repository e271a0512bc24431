"""The allocator setting of the command line's process for a large input (issue 15)."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import pytest
from factlint import api
from factlint.engine import memory


@pytest.mark.parametrize(
    ("size", "own_process", "fixed"),
    [
        (memory.LARGE_INPUT, True, True),
        (memory.LARGE_INPUT - 1, True, False),
        (memory.LARGE_INPUT, False, False),
    ],
)
def test_an_input_of_a_mebibyte_read_by_the_command_line_fixes_the_threshold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int, own_process: bool, fixed: bool
) -> None:
    calls: list[int] = []
    monkeypatch.setattr(memory, "fix_mmap_threshold", lambda: calls.append(1) or True)
    path = tmp_path / "a.txt"
    path.write_bytes(b"a" * size)
    inputs = api.read_inputs([path], own_process=own_process)
    assert len(inputs.documents) == 1 and len(inputs.documents[0].text) == size
    assert calls == ([1] if fixed else [])


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc", reason="glibc only"
)
def test_the_threshold_is_fixed_once_where_glibc_is() -> None:
    code = (
        "import sys\n"
        "from factlint.engine import memory\n"
        "assert 'ctypes' not in sys.modules\n"
        "assert memory.fix_mmap_threshold() is True\n"
        "assert memory.fix_mmap_threshold() is True\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout == "ok\n", done.stderr


class _Libc:
    """A C library as ``ctypes.CDLL(None)`` sees it: the symbols given, each a function."""

    def __init__(self, calls: list[tuple[int, int]], **symbols: int) -> None:
        for name, result in symbols.items():
            if name == "mallopt":
                setattr(self, name, lambda p, v, r=result: calls.append((p, v)) or r)
            else:
                setattr(self, name, lambda r=result: r)


@pytest.mark.parametrize(
    ("platform_name", "symbols", "fixed"),
    [
        ("linux", {"gnu_get_libc_version": 1, "mallopt": 1}, True),  # glibc
        ("linux", {"gnu_get_libc_version": 1, "mallopt": 0}, False),  # glibc refused
        ("linux", {"gnu_get_libc_version": 1}, False),  # a glibc without mallopt
        ("linux", {"mallopt": 0}, False),  # musl: no gnu_get_libc_version, mallopt not called
        ("linux", None, False),  # no ctypes
        ("darwin", {"gnu_get_libc_version": 1, "mallopt": 1}, False),
        ("win32", {"gnu_get_libc_version": 1, "mallopt": 1}, False),
    ],
)
def test_the_threshold_is_fixed_only_where_glibc_accepts_it(
    monkeypatch: pytest.MonkeyPatch,
    platform_name: str,
    symbols: dict[str, int] | None,
    fixed: bool,
) -> None:
    """Another system, another C library, a Python without ctypes, a glibc without ``mallopt`` or
    refusing it: False, no error, and tried once (the answer kept)."""
    import types

    calls: list[tuple[int, int]] = []
    opened: list[object] = []
    if symbols is None:
        fake = None
    else:
        fake = types.ModuleType("ctypes")

        def cdll(name: object) -> _Libc:
            opened.append(name)
            return _Libc(calls, **symbols)

        fake.CDLL = cdll  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ctypes", fake)
    monkeypatch.setattr(sys, "platform", platform_name)
    monkeypatch.setattr(memory, "_fixed", None)
    assert memory.fix_mmap_threshold() is fixed
    assert memory.fix_mmap_threshold() is fixed
    assert len(opened) <= 1  # once a process
    glibc = symbols is not None and "gnu_get_libc_version" in symbols
    if platform_name == "linux" and glibc and "mallopt" in symbols:
        assert calls == [(memory.M_MMAP_THRESHOLD, memory.MMAP_THRESHOLD)]
    else:
        assert calls == []


def test_the_library_api_never_sets_the_allocator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``factlint.check`` and ``check_text`` of a large text leave the host process's malloc alone."""
    import factlint

    calls: list[int] = []
    monkeypatch.setattr(memory, "fix_mmap_threshold", lambda: calls.append(1) or True)
    path = tmp_path / "a.txt"
    path.write_bytes(b"a" * memory.LARGE_INPUT)
    factlint.check([path], select=["P101"])
    factlint.check_text("a" * memory.LARGE_INPUT, select=["P101"])
    assert calls == []


@pytest.mark.parametrize("size", [memory.LARGE_INPUT, memory.LARGE_INPUT - 1])
def test_a_large_standard_input_fixes_the_threshold(
    monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    import io

    calls: list[int] = []
    monkeypatch.setattr(memory, "fix_mmap_threshold", lambda: calls.append(1) or True)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a" * size)))
    inputs = api.read_inputs(["-"], own_process=True)
    assert [len(d.text) for d in inputs.documents] == [size]
    assert calls == ([1] if size >= memory.LARGE_INPUT else [])

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

"""What the CLI, config and reading tests share: sample defects, and helpers to write files and run
the command in-process (their ``project`` fixture is in conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from factlint.cli import main

P101_LINE = "本段有半角逗号,后面还有中文。"  # P101 (warning, fixable) at 1:8..1:9
T101_LINE = "本科上线率超出30余个百分百。"  # T101 (error, fixable) at 3:12..3:15
DEFECTS = f"{P101_LINE}\n\n{T101_LINE}\n"  # P101 on line 1, T101 on line 3


def write(path: str, text: str) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err

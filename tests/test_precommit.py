"""The pre-commit hook (``.pre-commit-hooks.yaml``), through the real ``pre-commit`` tool.

A throw-away git repository of reports uses this project as a hook repository: pre-commit clones it
and installs factlint into its own virtualenv with pip (from PyPI: the network is needed), runs the
hook, which fails on a fixable defect; ``factlint check --fix`` repairs it; the hook then passes.

The project is snapshotted into a temporary git repository first (tracked and untracked files, as
git ignores them), because pre-commit installs from a commit and the working tree may not be
committed yet. Takes ~40 s, nearly all of it pre-commit building the hook's virtualenv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

GIT = shutil.which("git")

pytestmark = [
    pytest.mark.skipif(GIT is None, reason="git is not installed: pre-commit needs it"),
    pytest.mark.skipif(
        not (ROOT / ".git").exists(), reason="not a git checkout: nothing to snapshot"
    ),
]

DEFECT = "2024年以来, 我市对口支援工作取得明显成效。\n"  # P101: a half-width comma, fixable
FIXED = "2024年以来，我市对口支援工作取得明显成效。\n"


def _git(cwd: Path, *args: str) -> str:
    assert GIT is not None
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    done = subprocess.run(
        [GIT, *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout


def _snapshot(target: Path) -> str:
    """This project's files (tracked and untracked, not ignored) committed in ``target``."""
    listed = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for rel in filter(None, listed.split("\0")):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", "snapshot")
    return _git(target, "rev-parse", "HEAD").strip()


def _pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_hook_fails_on_a_defect_and_passes_after_fix(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
    project = tmp_path / "factlint"
    project.mkdir()
    rev = _snapshot(project)

    reports = tmp_path / "reports"
    reports.mkdir()
    _git(reports, "init", "-q")
    (reports / "工作总结.txt").write_text(DEFECT, encoding="utf-8")
    (reports / "notes.csv").write_text("not, checked\n", encoding="utf-8")  # not a report
    (reports / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {project.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: factlint\n",
        encoding="utf-8",
    )
    _git(reports, "add", "-A")

    failed = _pre_commit(reports, tmp_path / "home")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "P101" in failed.stdout and "工作总结.txt:1:" in failed.stdout
    assert "notes.csv" not in failed.stdout

    fixer = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--fix", "--no-cache", "工作总结.txt"],
        cwd=reports,
        capture_output=True,
        text=True,
    )
    assert fixer.returncode == 0, fixer.stdout + fixer.stderr
    assert (reports / "工作总结.txt").read_text(encoding="utf-8") == FIXED
    _git(reports, "add", "-A")

    passed = _pre_commit(reports, tmp_path / "home")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "factlint" in passed.stdout and "Passed" in passed.stdout

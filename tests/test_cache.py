"""The result cache cannot go stale: its key covers the package's data files and the versions of the
libraries whose data the rules read, not only the modules."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from factlint.engine import cache as cache_module

from tests.conftest import ROOT

MISUSE = "截止目前，已完成投资3亿元。\n"  # T103: the first entry of rules/misuses.toml
FIRST_ENTRY = "[[misuse]]\npattern = '截止(?="


def _installed_copy(target: Path) -> Path:
    """A copy of the package as it installs (``lint/`` as ``factlint``, ``rules/`` as
    ``factlint.rules``), to put first on PYTHONPATH: its files can be edited, the repository's not."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "lint", target / "factlint", ignore=ignore)
    shutil.copytree(ROOT / "rules", target / "factlint" / "rules", ignore=ignore)
    return target


def test_an_edited_data_file_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    """Editing ``misuses.toml`` (here: deleting the 截止 entry) changes T103's findings on the next
    cached run; before, only ``*.py`` was hashed and the old finding came back from the cache."""
    site = _installed_copy(tmp_path / "site")
    work = tmp_path / "work"
    work.mkdir()
    (work / "factlint.toml").write_text("", encoding="utf-8")
    (work / "a.txt").write_text(MISUSE, encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "FACTLINT_CACHE_DIR": str(tmp_path / "cache"),
    }

    def check() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-m", "factlint", "check", "--format", "json", "a.txt"],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode in (0, 1), done.stderr
        return [f"{d['code']} {d['line']}:{d['column']}" for d in json.loads(done.stdout)]

    probe = subprocess.run(
        [sys.executable, "-c", "import factlint.rules; print(factlint.rules.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(probe.stdout.strip()).is_relative_to(site), "the copy is not the one imported"

    assert check() == ["T103 1:1"]
    assert (tmp_path / "cache").is_dir()  # the run was cached
    misuses = site / "factlint" / "rules" / "misuses.toml"
    text = misuses.read_text(encoding="utf-8")
    start = text.index(FIRST_ENTRY)
    end = text.index("[[misuse]]", start + 1)
    misuses.write_text(text[:start] + text[end:], encoding="utf-8")
    assert check() == []


def test_the_identity_covers_every_file_of_the_package(tmp_path: Path) -> None:
    roots = [_installed_copy(tmp_path / "site") / "factlint"]
    first = cache_module.identity_of(roots)
    assert cache_module.identity_of(roots) == first
    data = roots[0] / "rules" / "misuses.toml"
    data.write_text(data.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = cache_module.identity_of(roots)
    assert second != first
    (roots[0] / "rules" / "new_words.txt").write_text("词\n", encoding="utf-8")
    assert cache_module.identity_of(roots) != second
    third = cache_module.identity_of(roots)
    compiled = roots[0] / "__pycache__"
    compiled.mkdir(exist_ok=True)
    (compiled / "model.cpython-311.pyc").write_bytes(b"\0")  # compiled files are not part of it
    assert cache_module.identity_of(roots) == third


def test_the_identity_reads_again_only_the_files_whose_stat_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hashes of the files are remembered by their stat (a snapshot): a run reads only the
    files written since, even one whose modification time was set back (its change time was
    not), and every file changed shortly before it was hashed."""
    from factlint.text import snapshots

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(snapshots.DISABLE, raising=False)
    root = tmp_path / "pkg"
    (root / "data").mkdir(parents=True)
    for name in ("a.py", "b.py", "data/words.txt"):
        (root / name).write_text(f"# {name}\n", encoding="utf-8")
    reads: list[str] = []
    real = Path.read_bytes

    def counting(path: Path) -> bytes:
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", counting)
    monkeypatch.setattr(cache_module, "SETTLED_NS", -1)  # every file as if written long ago
    first = cache_module.identity_of([root])
    assert sorted(reads) == ["a.py", "b.py", "words.txt"]
    reads.clear()
    assert cache_module.identity_of([root]) == first and reads == []
    # the same size, the modification time set back: the change time tells
    before = (root / "b.py").stat()
    (root / "b.py").write_text("# b.pz\n", encoding="utf-8")
    os.utime(root / "b.py", ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (root / "b.py").stat().st_mtime_ns == before.st_mtime_ns
    second = cache_module.identity_of([root])
    assert second != first and reads == ["b.py"]
    reads.clear()
    # a file changed just before it was hashed is read by every run until it is older
    monkeypatch.setattr(cache_module, "SETTLED_NS", 10**18)
    (root / "a.py").write_text("# a.pz\n", encoding="utf-8")
    third = cache_module.identity_of([root])
    assert third != second and reads == ["a.py"]
    assert cache_module.identity_of([root]) == third and reads == ["a.py", "a.py"]
    reads.clear()
    # without snapshots, every file is read every time
    monkeypatch.setenv(snapshots.DISABLE, "1")
    assert cache_module.identity_of([root]) == third
    assert sorted(reads) == ["a.py", "b.py", "words.txt"]


def test_the_identity_covers_the_dependency_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    roots = cache_module.package_roots()
    real = cache_module.installed_version
    first = cache_module.identity_of(roots)
    for name in cache_module.DEPENDENCIES:
        assert real(name) != "-", f"{name} is a dependency but not installed"
        monkeypatch.setattr(
            cache_module,
            "installed_version",
            lambda d, bumped=name: "999.0" if d == bumped else real(d),
        )
        assert cache_module.identity_of(roots) != first, name
    monkeypatch.setattr(cache_module, "installed_version", real)
    assert cache_module.identity_of(roots) == first


def test_the_dependencies_are_the_declared_ones() -> None:
    """Every dependency the rules read data from is in the key; ``rich`` (output only) and
    ``tomli`` (config) are not."""
    from factlint.project.config import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {
        d.split(";")[0].split(">")[0].split("=")[0].split("<")[0].strip()
        for d in declared["dependencies"]
    }
    assert set(cache_module.DEPENDENCIES) == names - {"rich", "tomli"}

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "documents"
SHARED = ROOT.parent / "shared"  # the real reports beside the repository (CI has them)
NO_SHARED = "FACTLINT_NO_SHARED"

# Nothing is written into the working tree: the result cache of module- and session-scoped fixtures
# (they run before the per-test cache below) and Hypothesis's folder (its example database and
# caches, .hypothesis/ in the current folder by default) go to a temporary folder of the session.
_SESSION_TEMP = tempfile.mkdtemp(prefix="factlint_tests_")
os.environ["FACTLINT_CACHE_DIR"] = os.path.join(_SESSION_TEMP, "factlint_cache")
os.environ["XDG_CACHE_HOME"] = os.path.join(_SESSION_TEMP, "user_cache")  # the cache's key file
os.environ["FACTLINT_IGNORE_LOAD"] = "1"  # the processes a run starts do not depend on the load
set_hypothesis_home_dir(os.path.join(_SESSION_TEMP, "hypothesis"))

# The property tests also assert that enough generated examples held something to extract or fix;
# derandomized, every run draws the same examples, so those floors cannot flake in CI.
settings.register_profile("factlint", derandomize=True)
settings.load_profile("factlint")


def shared(*parts: str) -> Path:
    """A folder of ``../shared`` (the real reports), which the tests require: missing, the test
    fails, unless ``FACTLINT_NO_SHARED=1`` opts out, and then it is skipped with its reason (shown in
    the summary: ``-rs`` is on)."""
    path = SHARED.joinpath(*parts)
    if path.is_dir():
        return path
    reason = f"{path} is missing: the shared reports are not beside the repository"
    if os.environ.get(NO_SHARED) == "1":
        pytest.skip(f"{reason} ({NO_SHARED}=1)")
    pytest.fail(f"{reason}; put them there, or set {NO_SHARED}=1 to skip these tests")


def _repository_state() -> set[str] | None:
    """The untracked and ignored files of the repository, as ``git status`` lists them (None: not a
    git checkout, or no git)."""
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        return None
    done = subprocess.run(
        [git, "status", "--porcelain", "--ignored", "--untracked-files=all", "-z", "--", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return None
    # new files only ("??" untracked, "!!" ignored): a test may rewrite a tracked golden file on
    # purpose (FACTLINT_UPDATE_GOLDEN), and an edit made while the tests run is not theirs
    return {
        entry
        for entry in done.stdout.split("\0")
        if entry[:3] in ("?? ", "!! ") and "__pycache__" not in entry
    }


@pytest.fixture(scope="session", autouse=True)
def _repository_stays_clean() -> Iterator[None]:
    """The tests write nothing into the repository (caches, reports, fixed files): a file that
    appears in ``git status --ignored`` during the session fails it."""
    before = _repository_state()
    yield
    shutil.rmtree(_SESSION_TEMP, ignore_errors=True)
    after = _repository_state()
    if before is not None and after is not None:
        new = sorted(after - before)
        assert not new, f"the tests wrote into the repository: {new[:20]}"


@pytest.fixture(autouse=True)
def _own_result_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test gets an empty result cache (factlint.engine.cache), outside the working tree: a test that
    monkeypatches a rule must not be answered from an entry another test wrote."""
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(tmp_path_factory.mktemp("factlint_cache")))


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in ``tmp_path/proj``; an empty factlint.toml above it stops the config search."""
    (tmp_path / "factlint.toml").write_text("", encoding="utf-8")
    proj = tmp_path / "proj"
    proj.mkdir()
    monkeypatch.chdir(proj)
    monkeypatch.delenv("FACTLINT_LANG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return proj


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user cache folder of the test's own, snapshots on: the folder the snapshots go to."""
    from factlint.text import snapshots

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv(snapshots.DISABLE, raising=False)
    return tmp_path / "xdg" / "factlint" / "snapshots"


class Memo(dict[str, object]):
    """A ``Corpus.memo`` kept in memory (the runner's is an entry of its cache)."""

    def put(self, name: str, value: object) -> None:
        self[name] = value


# ---- the result cache's packed entries (factlint.engine.cache: .json and .bin in packs) ---------

#: the length of the MAC that starts each packed record
MAC_BYTES = 32


def packed_entries(folder: Path, suffix: str) -> dict[str, bytes]:
    """Every record in the packs of ``folder`` whose name ends with ``suffix`` (``.json``,
    ``.bin``), by its key: the MAC, then the entry's body."""
    from factlint.engine.cache import pack_index

    found: dict[str, bytes] = {}
    for pack in sorted(folder.glob("pack-*.pack")):
        data = pack.read_bytes()
        index = pack_index(data)
        assert index is not None, f"{pack} is not a pack"
        for name, (start, end) in index.items():
            if name.endswith(suffix):
                found[name[: -len(suffix)]] = data[start:end]
    return found


def rewrite_packed_entries(
    folder: Path, suffix: str, change: Callable[[str, bytes], bytes | None]
) -> int:
    """Replace each record named ``<key><suffix>`` in the packs of ``folder`` by ``change(key,
    record)`` (None: removed), as an edit or damage would; the number of records changed."""
    from factlint.engine.cache import pack_bytes, pack_index

    changed = 0
    for pack in sorted(folder.glob("pack-*.pack")):
        data = pack.read_bytes()
        index = pack_index(data)
        assert index is not None, f"{pack} is not a pack"
        records: dict[str, bytes] = {}
        for name, (start, end) in index.items():
            record: bytes | None = data[start:end]
            if name.endswith(suffix):
                record = change(name[: -len(suffix)], data[start:end])
                changed += 1
            if record is not None:
                records[name] = record
        info = pack.stat()
        # as factlint writes a pack: a new file renamed into place (a pack is mapped, never
        # changed in place)
        fresh = pack.with_name(f".{pack.name}.tmp")
        fresh.write_bytes(pack_bytes(records))
        os.utime(fresh, ns=(info.st_atime_ns, info.st_mtime_ns))  # its order among the packs kept
        fresh.replace(pack)
    return changed

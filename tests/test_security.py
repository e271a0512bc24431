"""Nothing lets in what it should not (issue 11, item 10, and the cache's place of item 7): outputs
never replace a device, cache entries cannot be forged and are never used for fixes, symbolic links
do not lead out of the checked folders, ``--fix`` respects read-only files, hard links and its own
temporary files, control characters never reach the terminal, and configuration is looked for no
higher than the repository root."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from factlint.engine import cache as cache_module
from factlint.engine.cache import Cache
from factlint.inputs import writing
from factlint.project.config import find_config
from factlint.reporters import visible

from tests.cli_support import DEFECTS, P101_LINE, run, write
from tests.conftest import MAC_BYTES, packed_entries, rewrite_packed_entries

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


# ---- --output and --write-baseline ---------------------------------------------------------------


def test_output_to_dev_null_leaves_the_device(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write("a.txt", DEFECTS)
    code, out, _ = run(capsys, "check", "a.txt", "--output", "/dev/null")
    assert code == 1 and out == ""
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_write_baseline_to_dev_null_leaves_the_device(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write("a.txt", DEFECTS)
    code, _, _ = run(capsys, "check", "a.txt", "--write-baseline", "/dev/null")
    assert code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_output_to_a_fifo_is_written_into_it(
    project: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    write("a.txt", DEFECTS)
    os.mkfifo("pipe")
    received: list[bytes] = []
    reader = threading.Thread(
        target=lambda: received.append(Path("pipe").read_bytes()), daemon=True
    )
    reader.start()
    run(capsys, "check", "a.txt", option, "pipe", "--format", "json")
    reader.join(10)
    assert stat.S_ISFIFO(os.stat("pipe").st_mode)
    assert b"P101" in received[0] or b"fingerprint" in received[0]


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_a_read_only_output_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    write("a.txt", DEFECTS)
    target = write("out.json", "old\n")
    target.chmod(0o444)
    code, _, err = run(capsys, "check", "a.txt", option, "out.json", "--format", "json")
    assert code == 2 and "out.json" in err
    assert target.read_text(encoding="utf-8") == "old\n"


def test_a_regular_output_is_still_replaced_atomically(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write("a.txt", DEFECTS)
    write("out.json", "old\n").chmod(0o640)
    run(capsys, "check", "a.txt", "--output", "out.json", "--format", "json")
    assert json.loads(Path("out.json").read_text(encoding="utf-8"))
    assert stat.S_IMODE(os.stat("out.json").st_mode) == 0o640  # its permissions kept
    assert not [p for p in os.listdir() if p.endswith(".tmp")]


# ---- the result cache --------------------------------------------------------------------------


def test_an_edited_cache_entry_is_a_miss(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(folder))
    write("a.txt", DEFECTS)
    first = run(capsys, "check", "a.txt", "--format", "json")
    assert first[0] == 1 and packed_entries(folder, ".json")

    def emptied(key: str, record: bytes) -> bytes:  # MAC kept: an edit
        data = json.loads(record[MAC_BYTES:])
        data["diagnostics"] = []
        return record[:MAC_BYTES] + json.dumps(data).encode()

    def forged(key: str, record: bytes) -> bytes:  # without a MAC, as a committed entry would be
        data = json.loads(record[MAC_BYTES:])
        data["diagnostics"] = []
        return json.dumps(data).encode()

    for change in (emptied, forged):
        for pack in folder.glob("pack-*.pack"):
            pack.unlink()
        assert run(capsys, "check", "a.txt", "--format", "json") == first  # one pack again
        assert rewrite_packed_entries(folder, ".json", change) == 2  # the document's, the run's
        assert run(capsys, "check", "a.txt", "--format", "json") == first


def test_an_entry_with_wrong_types_is_a_miss_not_a_crash(tmp_path: Path) -> None:
    store = Cache(tmp_path / "cache")
    store.put("ab" * 32, [{"path": None, "code": 1, "span": "x"}])  # authentic, but nonsense
    values = store.get("ab" * 32)
    assert values is not None
    with pytest.raises(ValueError):
        cache_module.decode(values, "a.txt")
    store.put("cd" * 32, ["not a diagnostic"])  # type: ignore[list-item]
    assert store.get("cd" * 32) is None


def test_cache_key_file_is_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    key = cache_module.secret_key()
    path = tmp_path / "xdg" / "factlint" / "key"
    assert len(key) == cache_module.KEY_BYTES and cache_module.secret_key() == key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)  # readable by others: not trusted, the run is uncached
    with pytest.raises(PermissionError):
        cache_module.secret_key()


@pytest.mark.parametrize("option", ["--fix", "--diff"])
def test_fix_and_diff_neither_read_nor_write_the_cache(
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    option: str,
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FACTLINT_CACHE_DIR", str(folder))
    write("a.txt", DEFECTS)

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("the cache was used")

    monkeypatch.setattr(Cache, "get", refused)
    monkeypatch.setattr(Cache, "put", refused)
    code, _, _ = run(capsys, "check", "a.txt", option)
    assert code in (0, 1)
    assert not folder.exists()


def test_the_cache_is_kept_outside_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FACTLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    (repo / "docs" / "a.txt").write_text(DEFECTS, encoding="utf-8")
    monkeypatch.chdir(repo)
    first = run(capsys, "check", "docs", "--format", "json")
    monkeypatch.chdir(repo / "docs")  # a sub-folder: the same project, the same entries
    run(capsys, "check", ".", "--format", "json")
    folders = [p for p in (tmp_path / "xdg" / "factlint").iterdir() if p.is_dir()]
    assert len(folders) == 1 and packed_entries(folders[0], ".json")
    assert sorted(p.name for p in repo.rglob("*")) == [".git", "a.txt", "docs"]
    monkeypatch.chdir(repo)
    assert run(capsys, "check", "docs", "--format", "json") == first


# ---- symbolic links ------------------------------------------------------------------------------


def _outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(f"root:x:0:0:{P101_LINE}\n", encoding="utf-8")
    return secret


def test_a_link_out_of_a_checked_folder_is_skipped(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = _outside_file(tmp_path)
    write("docs/a.txt", DEFECTS)
    os.symlink(secret, "docs/passwd.txt")
    os.symlink("/etc/passwd", "docs/etc.txt")
    code, out, err = run(capsys, "check", "docs", "--format", "full", "--no-color")
    assert code == 1  # a.txt's findings; the links are skipped, not errors
    assert "docs/passwd.txt" in err and "docs/etc.txt" in err and "符号链接" in err
    assert "root:x" not in out and "passwd.txt:" not in out


def test_an_explicit_link_out_of_the_folder_is_skipped(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = _outside_file(tmp_path)
    os.symlink(secret, "passwd.txt")
    write("docs/a.txt", P101_LINE + "\n")
    os.symlink("a.txt", "docs/b.txt")  # a link inside: read
    code, out, err = run(capsys, "check", "passwd.txt", "docs/b.txt", "--format", "concise")
    assert "passwd.txt" in err and "root:x" not in out
    assert out.startswith("docs/b.txt:1:8: P101") and code == 1


def test_fix_never_writes_through_a_link_out(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = _outside_file(tmp_path)
    before = secret.read_bytes()
    os.symlink(secret, "passwd.txt")
    run(capsys, "check", "--fix", "passwd.txt")
    run(capsys, "check", "--fix", ".")
    assert secret.read_bytes() == before


# ---- --fix: read-only files, hard links, temporary files ----------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_fix_refuses_a_read_only_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = write("a.txt", DEFECTS)
    target.chmod(0o444)
    code, _, err = run(capsys, "check", "--fix", "a.txt")
    assert code == 2 and "只读" in err
    assert target.read_text(encoding="utf-8") == DEFECTS
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_fix_keeps_hard_links(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = write("a.txt", DEFECTS)
    os.link(target, "b.txt.orig")
    run(capsys, "check", "--fix", "a.txt")
    fixed = target.read_text(encoding="utf-8")
    assert fixed != DEFECTS and Path("b.txt.orig").read_text(encoding="utf-8") == fixed
    assert os.stat("a.txt").st_ino == os.stat("b.txt.orig").st_ino


def test_sigterm_removes_the_temporary_file(tmp_path: Path) -> None:
    code = (
        "import os, signal, sys\n"
        "from factlint.inputs import writing\n"
        f"name = {str(tmp_path / '.a.txt.abcdefgh.tmp')!r}\n"
        "open(name, 'wb').write(b'x' * 1000)\n"
        "with writing._removed_on_sigterm() as live:\n"
        "    live.add(name)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    import time; time.sleep(5)\n"
        "sys.exit(0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], timeout=60, capture_output=True)
    assert done.returncode == -15, done.stderr
    assert not (tmp_path / ".a.txt.abcdefgh.tmp").exists()


def test_fix_sweeps_stale_temporary_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write("a.txt", DEFECTS)
    stale = write(".a.txt.k2j4h5g6.tmp", DEFECTS)
    young = write(".a.txt.zzzzzzzz.tmp", DEFECTS)
    foreign = write(".other.txt.k2j4h5g6.tmp", DEFECTS)  # no file of this run: left alone
    old = time.time() - 2 * writing.STALE_SECONDS
    os.utime(stale, (old, old))
    os.utime(foreign, (old, old))
    run(capsys, "check", "--fix", "a.txt")
    assert not stale.exists() and young.exists() and foreign.exists()


# ---- control characters ------------------------------------------------------------------------

HOSTILE = f"\x1b[2J\x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07{P101_LINE}\u202e反转\x9b31m\n"


@pytest.mark.parametrize("fmt", ["full", "concise", "github"])
def test_control_characters_are_made_visible(
    project: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    write("a\x1b[31m.txt", HOSTILE)
    code, out, err = run(capsys, "check", ".", "--format", fmt, "--no-color")
    assert code == 1
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in out and raw not in err
    assert "a␛[31m.txt" in out


def test_columns_count_characters_of_the_original_text(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write("a.txt", HOSTILE)
    _, out, _ = run(capsys, "check", "a.txt", "--format", "json")
    json_column = next(d["column"] for d in json.loads(out) if d["code"] == "P101")
    _, out, _ = run(capsys, "check", "a.txt", "--format", "concise")
    line = next(x for x in out.splitlines() if "P101" in x)
    assert line.startswith(f"a.txt:1:{json_column}: P101")


def test_visible_keeps_ordinary_text() -> None:
    assert visible("中文，English\t1") == "中文，English\t1"
    assert visible("\x1b\x00\x7f\x85\u2066") == "␛␀\\u2421\\u0085\\u2066".replace("\\u2421", "␡")


# ---- configuration no higher than the repository root ------------------------------------------


def test_config_above_the_repository_root_is_not_taken(tmp_path: Path) -> None:
    (tmp_path / "factlint.toml").write_text("select = []\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    assert find_config(repo / "docs") is None
    (repo / "factlint.toml").write_text("", encoding="utf-8")
    assert find_config(repo / "docs") == (repo / "factlint.toml").resolve()


def test_a_git_file_marks_the_root_too(tmp_path: Path) -> None:
    (tmp_path / "factlint.toml").write_text("select = []\n", encoding="utf-8")
    (tmp_path / "worktree").mkdir()
    (tmp_path / "worktree" / ".git").write_text("gitdir: elsewhere\n", encoding="utf-8")
    assert find_config(tmp_path / "worktree") is None


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_config_in_a_folder_others_can_write_is_not_taken(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "factlint.toml").write_text("select = []\n", encoding="utf-8")
    (shared / "work").mkdir()
    shared.chmod(0o1777)  # like /tmp
    assert find_config(shared / "work") is None
    shared.chmod(0o755)
    assert find_config(shared / "work") == (shared / "factlint.toml").resolve()


@pytest.mark.skipif(not ROOT_USER, reason="only root can give a file to another user")
def test_config_owned_by_another_user_is_not_taken_outside_a_repository(tmp_path: Path) -> None:
    (tmp_path / "factlint.toml").write_text("select = []\n", encoding="utf-8")
    (tmp_path / "work").mkdir()
    os.chown(tmp_path / "factlint.toml", 4242, 4242)
    assert find_config(tmp_path / "work") is None
    (tmp_path / ".git").mkdir()  # in a repository the checkout's owner does not matter (CI)
    assert find_config(tmp_path / "work") == (tmp_path / "factlint.toml").resolve()

"""The baseline: today's findings recorded in a file, so that a legacy repository reports only new
ones.

``factlint check --write-baseline FILE`` records every current finding (after select/ignore,
per-file-ignores and inline suppressions); ``factlint check --baseline FILE`` drops the findings
recorded there. A finding is recognised by its path (relative to the baseline file's folder, so
``docs``, ``./docs`` and an absolute path name the same file), its code and its fingerprint
(:mod:`factlint.engine.fingerprints`: the code, the flagged text and a few characters either side, never
the line number), so editing elsewhere in the file, even moving every line, keeps it known.
Matching is a multiset: a finding recorded once hides one finding only, so a second copy of the
same phrase in the same place is new.

The file is JSON, sorted and stable, UTF-8, ending with a newline::

    {"version": 1, "tool": "factlint", "findings": [
      {"path": "docs/a.txt", "code": "D101", "fingerprint": "3f2a…:1", "line": 45, "message": "…"}
    ]}

``line`` and ``message`` are for the reader only; they play no part in matching.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from factlint.engine.files import write_file
from factlint.engine.fingerprints import fingerprints
from factlint.model import Diagnostic, Message
from factlint.project.paths import MAX_BASELINE_BYTES, NotAFileError, read_limited
from factlint.text.document import Document

VERSION = 1

Key = tuple[str, str, str]  # path, code, fingerprint


class BaselineError(Exception):
    """A baseline file that cannot be read or written, said in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.message = Message(zh, en)


def _anchored(path: str, base: Path) -> str:
    """``path`` relative to ``base``, ``/``-separated: the same file however it was named."""
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, base)).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return Path(absolute).as_posix()


def _keys(
    diagnostics: Sequence[Diagnostic], documents: Mapping[str, Document], base: Path
) -> list[Key]:
    ordered = sorted(range(len(diagnostics)), key=lambda i: diagnostics[i].sort_key)
    prints = fingerprints([diagnostics[i] for i in ordered], documents)
    keys: list[Key] = [("", "", "")] * len(diagnostics)
    anchored: dict[str, str] = {}
    for i, fp in zip(ordered, prints, strict=True):
        path = diagnostics[i].path
        if path not in anchored:
            anchored[path] = _anchored(path, base)
        keys[i] = (anchored[path], diagnostics[i].code, fp)
    return keys


def render_baseline(
    diagnostics: Sequence[Diagnostic],
    documents: Mapping[str, Document],
    lang: str = "zh",
    base: Path | None = None,
) -> str:
    """The baseline file's text for these findings, paths relative to ``base`` (the baseline
    file's folder; the current one if None)."""
    rows = [
        {
            "path": path,
            "code": code,
            "fingerprint": fp,
            "line": d.location.line,
            "message": d.message.text(lang),
        }
        for d, (path, code, fp) in zip(
            diagnostics, _keys(diagnostics, documents, base or Path.cwd()), strict=True
        )
    ]
    rows.sort(key=lambda r: (r["path"], r["line"], r["code"], r["fingerprint"]))
    data = {"version": VERSION, "tool": "factlint", "findings": rows}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_baseline(
    path: Path,
    diagnostics: Sequence[Diagnostic],
    documents: Mapping[str, Document],
    lang: str = "zh",
) -> None:
    """Write the baseline file atomically (a half-written baseline would hide nothing); a FIFO or a
    device is written in place, a read-only file refused."""
    text = render_baseline(diagnostics, documents, lang, path.resolve().parent)
    try:
        write_file(path, text.encode("utf-8"))  # atomic for a regular file; never over a device
    except OSError as exc:
        raise BaselineError(
            f"无法写入基线文件 {path}：{exc.strerror}",
            f"cannot write baseline file {path}: {exc.strerror}",
        ) from None


def load_baseline(path: Path) -> Counter[Key]:
    """The recorded findings of a baseline file, counted."""
    try:
        data = json.loads(read_limited(path, MAX_BASELINE_BYTES).decode("utf-8"))
    except OSError as exc:
        raise BaselineError(
            f"无法读取基线文件 {path}：{exc.strerror}",
            f"cannot read baseline file {path}: {exc.strerror}",
        ) from None
    except NotAFileError as exc:
        raise BaselineError(
            f"无法读取基线文件 {path}：{exc.zh}", f"cannot read baseline file {path}: {exc.en}"
        ) from None
    except RecursionError:
        raise BaselineError(
            f"基线文件 {path} 嵌套过深", f"baseline file {path} is nested too deeply"
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BaselineError(
            f"基线文件 {path} 不是有效的JSON：{exc}",
            f"baseline file {path} is not valid JSON: {exc}",
        ) from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or data.get("tool") != "factlint"
        or data.get("version") != VERSION
        or not isinstance(findings, list)
        or not all(
            isinstance(f, dict)
            and all(isinstance(f.get(k), str) for k in ("path", "code", "fingerprint"))
            for f in findings
        )
    ):
        raise BaselineError(
            f"{path} 不是 factlint 第{VERSION}版基线文件（用 --write-baseline 重新生成）",
            f"{path} is not a factlint baseline file of version {VERSION} "
            "(write a new one with --write-baseline)",
        )
    return Counter((f["path"], f["code"], f["fingerprint"]) for f in findings)


def new_findings(
    diagnostics: Sequence[Diagnostic],
    documents: Mapping[str, Document],
    baseline: Counter[Key],
    base: Path | None = None,
) -> list[Diagnostic]:
    """The diagnostics the baseline does not record, in their order. Each recorded finding hides
    one diagnostic only. ``base`` is the baseline file's folder (the current one if None).

    A file renamed or moved keeps its known findings: the findings recorded for a path that no
    longer exists (and was not checked) are matched, after the exact matches, by code and
    fingerprint alone, whatever the path of the diagnostic."""
    base = base or Path.cwd()
    left = Counter(baseline)
    unmatched: list[tuple[Diagnostic, Key]] = []
    for d, key in zip(diagnostics, _keys(diagnostics, documents, base), strict=True):
        if left[key] > 0:
            left[key] -= 1
        else:
            unmatched.append((d, key))
    checked = {key[0] for _, key in unmatched}
    moved: Counter[tuple[str, str]] = Counter()
    gone: dict[str, bool] = {}
    for (path, code, fp), n in left.items():
        if n <= 0 or path in checked:
            continue
        if path not in gone:
            gone[path] = not (base / path).exists()
        if gone[path]:
            moved[(code, fp)] += n
    out: list[Diagnostic] = []
    for d, (_, code, fp) in unmatched:
        if moved[(code, fp)] > 0:
            moved[(code, fp)] -= 1
        else:
            out.append(d)
    return out

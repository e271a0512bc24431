"""The redesign of issue 10 changed no finding: ``factlint check --format json`` on the bundled
documents, the seed reports and the proofread corpus gives exactly what it gave before it
(``tests/golden/*.before-issue-10.json``, recorded then), apart from the key added since
(``fix.applicability``). A later change that alters a finding on purpose updates these files with
``FACTLINT_UPDATE_GOLDEN=1`` and says so in its commit."""

from __future__ import annotations

import json
import os
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from factlint.cli import main

from tests.conftest import shared

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
ADDED_SINCE = ("applicability",)  # keys of the fix object added after the golden files


def _check(path: str) -> list[dict[str, Any]]:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        out = StringIO()
        with redirect_stdout(out):
            code = main(["check", "--format", "json", "--no-cache", "--jobs", "1", path])
    finally:
        os.chdir(cwd)
    assert code == 1
    found: list[dict[str, Any]] = json.loads(out.getvalue())
    return found


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("fixtures_documents", "fixtures/documents"),
        ("shared_seeds", "../shared/seeds"),
        ("shared_corpus", "../shared/corpus"),
    ],
)
def test_findings_are_those_recorded_before_the_redesign(name: str, path: str) -> None:
    if path.startswith("../shared/"):
        shared(path.removeprefix("../shared/"))
    found = _check(path)
    assert found, "nothing was checked"
    for d in found:
        if d["fix"] is not None:
            assert d["fix"]["applicability"] in ("safe", "unsafe")
            for key in ADDED_SINCE:
                del d["fix"][key]
    golden = GOLDEN / f"{name}.before-issue-10.json"
    if os.environ.get("FACTLINT_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(found, ensure_ascii=False, indent=2) + "\n", "utf-8")
    assert found == json.loads(golden.read_text(encoding="utf-8"))

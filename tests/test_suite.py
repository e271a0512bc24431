"""The test suite's own rules: the shared reports are required unless explicitly opted out."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import conftest
from tests.conftest import NO_SHARED, shared


def test_the_shared_reports_are_required_unless_opted_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(conftest, "SHARED", tmp_path / "absent")
    monkeypatch.delenv(NO_SHARED, raising=False)
    with pytest.raises(pytest.fail.Exception, match=f"{NO_SHARED}=1 to skip"):
        shared("corpus")
    monkeypatch.setenv(NO_SHARED, "1")
    with pytest.raises(pytest.skip.Exception, match="is missing"):
        shared("corpus")


def test_the_shared_reports_are_found() -> None:
    assert shared("corpus") == conftest.SHARED / "corpus"

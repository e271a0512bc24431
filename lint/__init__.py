"""factlint: a fact-consistency linter for Chinese reports.

The library API (:mod:`factlint.api`)::

    import factlint

    report = factlint.check(["docs/"])
    report = factlint.check_text("全年完成投资5亿元,同比增长。", name="draft.txt")
    fixed = factlint.fix_text("我市有 3所学校。", name="draft.txt")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# factlint's own command (``factlint …``, ``python -m factlint``), before any dataclass is defined:
# their methods' code from the snapshot, not compiled again; before any module compiles a pattern
# with ``re``: its compiled program from the snapshot. Both replace a part of the standard library
# for the whole process, which a program that imports factlint is not made to accept: it opts in
# with :func:`patch_stdlib`.
from factlint.text import snapshots as _snapshots  # isort: skip

if _snapshots.started_as_command():
    _snapshots.install_dataclass_code()
    _snapshots.install_re_patterns()

if TYPE_CHECKING:
    from factlint.api import Report, check, check_text, fix_text
    from factlint.model import VERSION as __version__

__all__ = ["Report", "__version__", "check", "check_text", "fix_text", "patch_stdlib"]


def patch_stdlib() -> None:
    """Opt in to what factlint's command does at start-up, for the rest of this process: hand
    ``dataclasses`` an ``exec`` that takes the code of factlint's dataclasses' methods from a
    snapshot, and replace ``re._compiler.compile`` (for every caller) with one that keeps the
    programs of factlint's patterns in a snapshot; both written at exit. A short-lived process
    that checks a text saves some 50 ms of CPU (of 190); the dataclasses and patterns factlint
    defined before the call are compiled as usual (call it right after ``import factlint``).
    Nothing when snapshots are off (``FACTLINT_NO_SNAPSHOTS=1``), and ``re`` is left alone on a
    Python other than 3.11 to 3.13."""
    _snapshots.install_dataclass_code()
    _snapshots.install_re_patterns()


def __getattr__(name: str) -> Any:
    """The API, imported on first use: ``import factlint`` stays cheap for the command line."""
    if name == "__version__":  # (lazily too: a program may call patch_stdlib before the model)
        from factlint.model import VERSION

        return VERSION
    if name in ("Report", "check", "check_text", "fix_text"):
        from factlint import api

        return getattr(api, name)
    raise AttributeError(f"module 'factlint' has no attribute {name!r}")

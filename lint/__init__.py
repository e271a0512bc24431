"""factlint: a fact-consistency linter for Chinese reports.

The library API (:mod:`factlint.api`)::

    import factlint

    report = factlint.check(["docs/"])
    report = factlint.check_text("全年完成投资5亿元,同比增长。", name="draft.txt")
    fixed = factlint.fix_text("我市有 3所学校。", name="draft.txt")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# before any dataclass is defined: their methods' code from the snapshot, not compiled again;
# before any module compiles a pattern with ``re``: its compiled program from the snapshot
from factlint.text.snapshots import install_dataclass_code, install_re_patterns  # isort: skip

install_dataclass_code()
install_re_patterns()

from factlint.model import VERSION as __version__  # noqa: E402

if TYPE_CHECKING:
    from factlint.api import Report, check, check_text, fix_text

__all__ = ["Report", "__version__", "check", "check_text", "fix_text"]


def __getattr__(name: str) -> Any:
    """The API, imported on first use: ``import factlint`` stays cheap for the command line."""
    if name in ("Report", "check", "check_text", "fix_text"):
        from factlint import api

        return getattr(api, name)
    raise AttributeError(f"module 'factlint' has no attribute {name!r}")

"""``python -m factlint.rules --write``: write the manifest of the rules (``rules/_manifest.py``)
again from their modules; ``--check``: exit 1 when it is not what they say."""

from __future__ import annotations

import sys
from pathlib import Path

from factlint.rules import _manifest


def main(argv: list[str]) -> int:
    text = _manifest.generate()
    path = Path(_manifest.__file__)
    if argv == ["--write"]:
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
        return 0
    if argv == ["--check"]:
        return 0 if path.read_text(encoding="utf-8") == text else 1
    print("usage: python -m factlint.rules --write | --check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

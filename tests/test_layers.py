"""The layers of ``lint/`` and ``rules/`` (docs/architecture.md), enforced on the import graph.

Every module is parsed with ``ast`` (nothing is imported or executed) and every import of a
``factlint`` module is collected: at the top of a module or inside a function (a lazy import is
still a dependency), ``importlib.import_module("factlint…")`` included; imports under
``if TYPE_CHECKING:`` are type-only and do not count. Each module belongs to one layer, lowest
first:

    0 vocabulary  factlint.model, factlint.rule
    1 text        factlint.text.*
    2 facts       factlint.facts.*
    3 language    factlint.language.*
    4 engine      factlint.engine.*
    5 inputs | project | reporters   (siblings: none imports another)
    6 api         factlint.api (the library API, used by the CLI)
    7 cli         factlint.cli
    8 package     factlint (lint/__init__.py re-exports the API), factlint.__main__

A module may import its own layer and anything lower. The rules (``factlint.rules.*``) may import
only the vocabulary, text, facts and language; only the api, the cli and the package may import
the rules (the engine receives the registry from above).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"factlint": ROOT / "lint", "factlint.rules": ROOT / "rules"}

# (rank, group): a module may import a lower rank, or its own group.
VOCABULARY = (0, "vocabulary")
FOLDERS = {
    "text": (1, "text"),
    "facts": (2, "facts"),
    "language": (3, "language"),
    "engine": (4, "engine"),
    "inputs": (5, "inputs"),
    "project": (5, "project"),
    "reporters": (5, "reporters"),
    "cli": (7, "cli"),
}
TOP_LEVEL = {
    "model": VOCABULARY,
    "rule": VOCABULARY,
    "api": (6, "api"),
    "__main__": (8, "package"),
}
PACKAGE = (8, "package")  # lint/__init__.py
RULES = (-1, "rules")  # placed apart: see allowed()
RULES_MAY_IMPORT = {"vocabulary", "text", "facts", "language", "rules"}
MAY_IMPORT_RULES = {"api", "cli", "package", "rules"}

# The top level of lint/ holds a handful of modules (issue 10); everything else is in a folder.
REQUIRED_TOP_LEVEL = {"__init__", "__main__", "model", "rule"}
ALLOWED_TOP_LEVEL = REQUIRED_TOP_LEVEL | {"api"}

# Imports against the layers that the code has (none since issue 10: keep it that way).
# (importer, imported); a new violation fails test_no_new_violations, and a fixed one fails
# test_known_violations_still_exist until it is struck off this list.
KNOWN_VIOLATIONS: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.importer} imports {self.imported}"


def module_name(package: str, root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([package, *parts])


def all_modules() -> dict[str, Path]:
    """Every module of lint/ and rules/ by its dotted name."""
    modules: dict[str, Path] = {}
    for package, root in PACKAGES.items():
        for path in sorted(root.rglob("*.py")):
            modules[module_name(package, root, path)] = path
    return modules


def layer(module: str) -> tuple[int, str] | None:
    """The (rank, group) of a factlint module, or None when it is in no layer."""
    if module == "factlint.rules" or module.startswith("factlint.rules."):
        return RULES
    if module == "factlint":
        return PACKAGE
    parts = module.split(".")
    if parts[0] != "factlint":
        return None
    if parts[1] in FOLDERS:
        return FOLDERS[parts[1]]
    if len(parts) == 2:
        return TOP_LEVEL.get(parts[1])
    return None


def allowed(importer: str, imported: str) -> bool:
    source, target = layer(importer), layer(imported)
    assert source is not None and target is not None
    if source[1] == target[1]:
        return True
    if target == RULES:
        return source[1] in MAY_IMPORT_RULES
    if source == RULES:
        return target[1] in RULES_MAY_IMPORT
    return target[0] < source[0]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _dynamic_target(call: ast.Call) -> str | None:
    """The module ``importlib.import_module("factlint…")`` names, or the constant prefix of an
    f-string (``f"factlint.reporters.{name}"`` → ``factlint.reporters``)."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name not in {"import_module", "__import__"} or not call.args:
        return None
    arg = call.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        return str(arg.values[0].value).rstrip(".")
    return None


def imports_of(
    source: str, importer: str, path: str, is_package: bool, known: set[str]
) -> list[Import]:
    """The factlint modules ``source`` (the module ``importer``) imports. ``from A import B`` is
    a dependency on ``A.B`` when that is a module in ``known``, else on ``A``."""
    found: list[Import] = []
    package = importer if is_package else importer.rpartition(".")[0]

    def add(target: str, node: ast.stmt | ast.expr) -> None:
        imp = Import(importer, target, path, node.lineno)
        if (target == "factlint" or target.startswith("factlint.")) and imp not in found:
            found.append(imp)

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for branch in node.orelse:  # the body is type-only
                visit(branch)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.name, node)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from . import x, from ..text import y
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                stem = ".".join(base + ([node.module] if node.module else []))
            else:
                stem = node.module or ""
            for alias in node.names:
                full = f"{stem}.{alias.name}"
                add(full if full in known else stem, node)
        elif isinstance(node, ast.Call):
            target = _dynamic_target(node)
            if target:
                add(target, node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source, filename=path))
    return found


def violations(modules: dict[str, Path]) -> list[Import]:
    known = set(modules)
    found: list[Import] = []
    for name, path in modules.items():
        source = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT).as_posix()
        for imp in imports_of(source, name, rel, path.name == "__init__.py", known):
            if not allowed(imp.importer, imp.imported):
                found.append(imp)
    return found


@pytest.fixture(scope="module")
def modules() -> dict[str, Path]:
    return all_modules()


@pytest.fixture(scope="module")
def found(modules: dict[str, Path]) -> list[Import]:
    return violations(modules)


def test_top_level_of_lint_is_a_handful_of_modules() -> None:
    lint = PACKAGES["factlint"]
    top = {p.stem for p in lint.glob("*.py")}
    assert top <= ALLOWED_TOP_LEVEL, (
        f"lint/ may hold only {sorted(ALLOWED_TOP_LEVEL)} at its top level; move "
        f"{sorted(top - ALLOWED_TOP_LEVEL)} into the folder of its layer"
    )
    assert top >= REQUIRED_TOP_LEVEL, f"missing at the top of lint/: {REQUIRED_TOP_LEVEL - top}"
    folders = {p.name for p in lint.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(FOLDERS), (
        f"the folders of lint/ are the layers {sorted(FOLDERS)}; found {sorted(folders)} "
        "(a new folder needs a place in the layers here and in docs/architecture.md)"
    )


def test_every_module_is_in_a_layer(modules: dict[str, Path]) -> None:
    assert "factlint.model" in modules and "factlint.rules" in modules  # the scan found them
    homeless = [name for name in modules if layer(name) is None]
    assert not homeless, f"modules in no layer: {homeless}"


def test_no_new_violations(found: list[Import]) -> None:
    new = [imp for imp in found if (imp.importer, imp.imported) not in KNOWN_VIOLATIONS]
    assert not new, (
        "imports against the layers (a module may import its own layer and lower ones; rules "
        "only the vocabulary, text, facts and language; see docs/architecture.md):\n"
        + "\n".join(f"  {imp}" for imp in new)
    )


def test_known_violations_still_exist(found: list[Import]) -> None:
    pairs = {(imp.importer, imp.imported) for imp in found}
    gone = sorted(KNOWN_VIOLATIONS - pairs)
    assert not gone, f"fixed, so strike them off KNOWN_VIOLATIONS: {gone}"


KNOWN = {
    "factlint",
    "factlint.model",
    "factlint.cli",
    "factlint.engine",
    "factlint.engine.core",
    "factlint.text",
    "factlint.text.document",
    "factlint.facts.corpus",
    "factlint.reporters",
    "factlint.reporters.full",
    "factlint.project.config",
    "factlint.rules",
    "factlint.rules.stray_space",
}


def _bad(source: str, importer: str, is_package: bool = False) -> list[str]:
    return [
        imp.imported
        for imp in imports_of(source, importer, "planted.py", is_package, KNOWN)
        if not allowed(imp.importer, imp.imported)
    ]


@pytest.mark.parametrize(
    ("importer", "source", "bad"),
    [
        # upward, at the top and lazily inside a function
        (
            "factlint.text.blocks",
            "from factlint.engine.core import Engine\n",
            ["factlint.engine.core"],
        ),
        ("factlint.facts.quantities", "def f():\n    import factlint.cli\n", ["factlint.cli"]),
        ("factlint.facts.quantities", "def f():\n    from factlint import cli\n", ["factlint.cli"]),
        # a name from lint/__init__.py is an import of the package, the top layer
        ("factlint.engine.cache", "from factlint import __version__\n", ["factlint"]),
        # sideways between siblings of layer 5
        (
            "factlint.reporters.full",
            "from factlint.project.config import Config\n",
            ["factlint.project.config"],
        ),
        # the engine never imports the rules; the rules never import the engine
        ("factlint.engine.core", "from factlint.rules import REGISTRY\n", ["factlint.rules"]),
        (
            "factlint.rules.stray_space",
            "from factlint.engine import core\n",
            ["factlint.engine.core"],
        ),
        (
            "factlint.rules.stray_space",
            "from factlint.reporters import Report\n",
            ["factlint.reporters"],
        ),
        # relative imports resolve against the importer's package
        ("factlint.text.blocks", "from ..engine import core\n", ["factlint.engine.core"]),
        ("factlint.text", "from ..cli import main\n", ["factlint.cli"]),
        # importlib with a constant or an f-string prefix
        (
            "factlint.text.blocks",
            "import importlib\nimportlib.import_module(f'factlint.cli.{x}')\n",
            ["factlint.cli"],
        ),
        # type-only imports do not count, but their else branch does
        (
            "factlint.text.blocks",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from factlint.engine.core import Engine\n"
            "else:\n    from factlint.cli import main\n",
            ["factlint.cli"],
        ),
        # allowed: lower layers, own layer, rules from the cli and the package
        ("factlint.facts.corpus", "from factlint.text.document import Document\n", []),
        ("factlint.reporters.full", "from factlint.reporters import Report\n", []),
        (
            "factlint.rules.stray_space",
            "from factlint.facts.corpus import Corpus\nfrom factlint.rule import Rule\n",
            [],
        ),
        ("factlint.cli", "from factlint.rules import REGISTRY\n", []),
        ("factlint", "from factlint.rules import REGISTRY\nfrom factlint.cli import main\n", []),
        ("factlint.text.blocks", "import os\nfrom typing import TYPE_CHECKING\n", []),
    ],
)
def test_checker_catches_planted_imports(importer: str, source: str, bad: list[str]) -> None:
    is_package = importer in {"factlint", "factlint.text"}
    assert _bad(source, importer, is_package) == bad


def test_checker_sees_todays_imports(modules: dict[str, Path]) -> None:
    """The scan is not vacuous: it finds imports we know are there, lazy ones included."""
    known = set(modules)
    path = modules["factlint.cli"]
    targets = {
        i.imported for i in imports_of(path.read_text("utf-8"), "factlint.cli", "cli", True, known)
    }
    assert {"factlint.api", "factlint.rules", "factlint.reporters"} <= targets

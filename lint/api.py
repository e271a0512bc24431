"""factlint as a library: what ``factlint check`` does, for a Word review copy, a web page or an
editor integration — and for the command line itself, which is built on these functions.

The short way::

    import factlint

    report = factlint.check(["docs/"])                   # files and folders, as on the command line
    report = factlint.check_text("全年完成投资5亿元,同比增长。", name="draft.txt")
    for d in report.diagnostics:
        print(d.path, d.location.line, d.code, d.message.zh, d.fix)
    fixed = factlint.fix_text("我市有 3所学校,两个医院。", name="draft.txt")

``check`` returns a :class:`~factlint.reporters.Report`: the diagnostics in report order, the
documents they point into (``report.documents[path].text`` is the text the offsets refer to),
the inputs that could not be read (``report.problems``), and the rules that ran. Any output
format renders it (:func:`factlint.reporters.render`).

The steps ``check`` is made of are public too, for a caller that needs one of them alone (the
command line prints unreadable files as it goes, and runs the fix loop between the steps):
:func:`load_config`, :func:`read_inputs`, :func:`make_engine`, :func:`run_checks`,
:func:`apply_baseline`. Errors are exceptions with a message in both languages:
:class:`~factlint.project.config.ConfigError` (a bad config or selector),
:class:`~factlint.project.baseline.BaselineError`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factlint.project.config import Config, check_selector, find_config, load_file
from factlint.reporters import Problem, Report
from factlint.rule import Rule

if TYPE_CHECKING:
    from factlint.engine.cache import Cache
    from factlint.engine.core import Engine
    from factlint.inputs.writing import Source
    from factlint.model import Diagnostic
    from factlint.text.document import Document

# The engine, the readers and the writers are imported where they are used: a run on empty files
# imports none of what it does not need (issue 15: start-up). The names this module imported from
# them before are still its attributes, imported on first use:
_LAZY = {
    "Cache": "factlint.engine.cache",
    "default_folder": "factlint.engine.cache",
    "Engine": "factlint.engine.core",
    "Selection": "factlint.engine.core",
    "fix_until_stable": "factlint.engine.fixing",
    "Runner": "factlint.engine.runner",
    "ReadError": "factlint.inputs.reading",
    "decode_input": "factlint.inputs.reading",
    "discover": "factlint.inputs.reading",
    "document_for": "factlint.inputs.reading",
    "read_bytes": "factlint.inputs.reading",
    "Source": "factlint.inputs.writing",
    "Diagnostic": "factlint.model",
    "load_baseline": "factlint.project.baseline",
    "new_findings": "factlint.project.baseline",
    "Excluder": "factlint.project.paths",
    "t": "factlint.reporters.i18n",
    "Document": "factlint.text.document",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Inputs",
    "Report",
    "apply_baseline",
    "check",
    "check_text",
    "fix_text",
    "load_config",
    "make_engine",
    "read_inputs",
    "registry",
    "run_checks",
]


def registry() -> list[Rule]:
    """Every rule, in code order."""
    from factlint.rules import REGISTRY

    return list(REGISTRY)


def load_config(
    config: Config | str | Path | None = None,
    *,
    paths: Sequence[str] = (),
    stdin_filename: str | None = None,
) -> Config:
    """A Config as given, read from the file given, or found (``factlint.toml``, or
    ``pyproject.toml`` with ``[tool.factlint]``) at or above the first of ``paths`` (the current
    folder when none; for standard input, its ``stdin_filename``). No file: the defaults."""
    if isinstance(config, Config):
        return config
    rules = registry()
    if config is not None:
        return load_file(Path(config), rules)
    first = next((p for p in paths if p != "-"), ".")
    start = Path(stdin_filename) if stdin_filename is not None and first == "." else Path(first)
    found = find_config(start)
    return load_file(found, rules) if found else Config()


@dataclass
class Inputs:
    """What was read: the documents (each with its format), the bytes of each when asked (to
    write fixes back), and the inputs that could not be checked."""

    documents: list[Document] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def unreadable(self) -> bool:
        """An input could not be read (the command exits 2)."""
        return any(p.fatal for p in self.problems)


def read_inputs(
    paths: Sequence[str | Path],
    *,
    config: Config | None = None,
    exclude: Sequence[str] = (),
    stdin_filename: str | None = None,
    lang: str = "zh",
    keep_bytes: bool = False,
    own_process: bool = False,
) -> Inputs:
    """Discover (folders recursively, hidden ones and excluded paths skipped) and decode the
    inputs; ``-`` is standard input. Unreadable and binary files become ``problems`` (in ``lang``).
    With ``keep_bytes``, ``sources`` keeps each file's bytes as read (to write fixes back, or to
    make a copy of a Word file): about three bytes a character, so only when asked.
    ``own_process`` (the command line's): an input of 1 MiB or more fixes the allocator's mmap
    threshold, process-wide (:func:`factlint.engine.memory.fix_mmap_threshold`)."""
    from factlint.engine.memory import LARGE_INPUT, fix_mmap_threshold
    from factlint.inputs.reading import ReadError, decode_input, discover, read_bytes
    from factlint.project.paths import Excluder
    from factlint.reporters.i18n import t
    from factlint.text.document import Document

    config = config or Config()
    config_dir = config.source.parent if config.source else None
    excluder = Excluder(config.exclude, config_dir) + Excluder(list(exclude), Path.cwd())
    out = Inputs()
    for item in discover([str(p) for p in paths], excluder, stdin_filename):
        if isinstance(item, ReadError):
            message = item.en if lang == "en" else item.zh
            if item.binary:  # skipped (a link out of the checked folders), not an error
                out.problems.append(Problem(item.path, f"{t('skipped', lang)}: {message}", False))
            else:
                out.problems.append(Problem(item.path, message))
            continue
        try:
            data = read_bytes(item)
            if own_process and len(data) >= LARGE_INPUT:  # before the bytes are freed
                fix_mmap_threshold()
            decoded = decode_input(item, data)
        except ReadError as exc:
            message = exc.en if lang == "en" else exc.zh
            if exc.binary:
                out.problems.append(
                    Problem(item.display, f"{t('skipped', lang)}: {message}", False)
                )
            else:
                out.problems.append(Problem(item.display, f"{t('unreadable', lang)}: {message}"))
            continue
        out.documents.append(Document(item.display, decoded.text, decoded.format, decoded.places))
        if keep_bytes:
            from factlint.inputs.writing import Source

            out.sources[item.display] = Source(item, data, decoded)
    return out


def make_engine(
    config: Config | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    extend_select: Sequence[str] = (),
) -> Engine:
    """An engine running the rules the config selects, overridden as on the command line: codes,
    prefixes or names (``select`` replaces the config's selection; ``ignore`` and
    ``extend_select`` add to it). ConfigError names an unknown code and the closest one."""
    from factlint.engine.core import Engine, Selection

    config = config or Config()
    rules = registry()
    chosen = select if select is not None else config.select
    selected = [check_selector(s, rules) for s in chosen] if chosen is not None else [""]
    ignored = [check_selector(s, rules) for s in ignore] + config.ignore
    extended = [check_selector(s, rules) for s in extend_select] + config.extend_select
    selection = Selection(select=selected + extended, ignore=ignored)
    return Engine(rules=selection.rules(rules), config=config, registry=rules)


def run_checks(
    engine: Engine,
    documents: Sequence[Document],
    *,
    jobs: int = 1,
    cache: Cache | bool = False,
) -> list[Diagnostic]:
    """The diagnostics of ``documents`` in report order, after per-file ignores and inline
    suppressions: in ``jobs`` processes, with the result cache (``True``: the config's
    cache folder, outside the repository, or a :class:`~factlint.engine.cache.Cache`) if asked."""
    if not any(doc.text for doc in documents):
        # no text: no rule has anything to say (tests/test_startup.py), nor is any rule imported
        return []
    from factlint.engine.cache import default_cache
    from factlint.engine.runner import Runner
    from factlint.rules import load

    if cache is True:
        source = engine.config.source if isinstance(engine.config, Config) else None
        store = default_cache(source)  # (None: no cache folder, uncached)
    else:
        store = cache or None
    # the rules that run imported at once (and the snapshot of patterns saved), unless every
    # result comes from the cache
    return Runner(engine, jobs=jobs, cache=store, load=load).check(documents)


def apply_baseline(
    diagnostics: Sequence[Diagnostic], documents: Sequence[Document], baseline: str | Path
) -> list[Diagnostic]:
    """The diagnostics the baseline file does not record (BaselineError if it cannot be read)."""
    from factlint.project.baseline import load_baseline, new_findings

    path = Path(baseline)
    known = load_baseline(path)
    by_path = {d.path: d for d in documents}
    return new_findings(diagnostics, by_path, known, path.resolve().parent)


def check(
    paths: Sequence[str | Path],
    config: Config | str | Path | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    exclude: Sequence[str] = (),
    baseline: str | Path | None = None,
    jobs: int = 1,
    cache: bool = False,
    lang: str | None = None,
) -> Report:
    """Check files and folders as ``factlint check`` does; all of them form one corpus.

    ``config``: a Config, a config file, or None to look for one beside the first path. The
    result cache is off unless ``cache`` is true. Nothing is printed and no file is written."""
    started = time.perf_counter()
    names = [str(p) for p in paths]
    config = load_config(config, paths=names)
    lang = lang or config.lang or "zh"
    engine = make_engine(config, select=select, ignore=ignore)
    inputs = read_inputs(names, config=config, exclude=exclude, lang=lang)
    diagnostics = run_checks(engine, inputs.documents, jobs=jobs, cache=cache)
    if baseline is not None:
        diagnostics = apply_baseline(diagnostics, inputs.documents, baseline)
    return _report(engine, inputs.documents, diagnostics, inputs.problems, lang, started)


def check_text(
    text: str,
    name: str = "<text>",
    config: Config | str | Path | None = None,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    lang: str | None = None,
) -> Report:
    """Check one text, read in the format its ``name`` says (``.md``: Markdown, ``.docx``: one
    paragraph per line, anything else: plain text). ``config``: as for :func:`check`, except that
    None means the defaults (no file is looked for)."""
    started = time.perf_counter()
    from factlint.inputs.reading import document_for

    config = load_config(config) if config is not None else Config()
    lang = lang or config.lang or "zh"
    engine = make_engine(config, select=select, ignore=ignore)
    documents = [document_for(name, text)]
    diagnostics = run_checks(engine, documents)
    return _report(engine, documents, diagnostics, [], lang, started)


def fix_text(
    text: str,
    name: str = "<text>",
    config: Config | str | Path | None = None,
    *,
    unsafe: bool = False,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
) -> str:
    """``text`` with every safe fix applied (and the unsafe ones with ``unsafe``), until none is
    left, as ``factlint check --fix`` would write it."""
    from factlint.engine.fixing import fix_until_stable
    from factlint.inputs.reading import document_for

    config = load_config(config) if config is not None else Config()
    engine = make_engine(config, select=select, ignore=ignore)
    result = fix_until_stable(engine.check, [document_for(name, text)], unsafe=unsafe)
    return result.documents[0].text


def _report(
    engine: Engine,
    documents: Sequence[Document],
    diagnostics: Sequence[Diagnostic],
    problems: list[Problem],
    lang: str,
    started: float,
) -> Report:
    return Report(
        list(diagnostics),
        {d.path: d for d in documents},
        lang=lang,
        files=len(documents),
        seconds=time.perf_counter() - started,
        problems=problems,
        rules=engine.rules,
    )

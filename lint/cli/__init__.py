"""The ``factlint`` command: ``check``, ``rules``, ``rule CODE``."""

from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import os
import re
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from factlint.model import VERSION, Severity
from factlint.reporters import FORMATS, NO_STATISTICS, REVIEW
from factlint.reporters.i18n import t

if TYPE_CHECKING:
    from factlint.engine.cache import Cache
    from factlint.model import Diagnostic
    from factlint.text.document import Document

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse's formatter asks shutil for the terminal's width, which imports shutil with bz2
        # and lzma (3 ms of a start-up): the same width, found as shutil finds it
        formatter: Any = self.formatter_class
        return formatter(prog=self.prog, width=_terminal_columns() - 2)  # type: ignore[no-any-return]


def _terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``: ``$COLUMNS``, else the terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _SubParser(_Parser):
    """A subcommand's parser: a list of paths may be given anywhere among the options
    (``check a.md --no-cache b.md``); after ``--`` every word is a path (``check -- -draft.md``)."""

    _mixing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        # parse_known_intermixed_args calls parse_known_args itself (before Python 3.13)
        lists = [a for a in self._actions if not a.option_strings and a.nargs == "*"]
        if self._mixing or len(lists) != 1:
            return super().parse_known_args(args, namespace)
        args = list(sys.argv[1:] if args is None else args)
        # intermixed parsing drops "--" (before Python 3.13): the words after it are added here
        cut = args.index("--") if "--" in args else len(args)
        self._mixing = True
        try:
            parsed, extras = self.parse_known_intermixed_args(args[:cut], namespace)
        finally:
            self._mixing = False
        if rest := args[cut + 1 :]:
            given = getattr(parsed, lists[0].dest)
            before = [] if given is lists[0].default else list(given)
            setattr(parsed, lists[0].dest, before + rest)
        return parsed, extras


#: argparse's own messages (Python 3.10–3.13 wording) in Chinese; any other stays in English
_ARGUMENT = re.compile(r"argument (?P<name>\S+): (?P<rest>.*)", re.DOTALL)
_ARGPARSE_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), zh)
    for pattern, zh in (
        (r"unrecognized arguments: (?P<args>.*)", "无法识别的参数：{args}"),
        (
            r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
            "无效的取值 {value}（可选：{choices}）",
        ),
        (r"expected one argument", "需要一个值"),
        (r"the following arguments are required: (?P<args>.*)", "缺少必需的参数：{args}"),
        (r"not allowed with argument (?P<other>.*)", "不能与参数 {other} 同用"),
    )
)


def usage_message(message: str, lang: str) -> str:
    """An argparse error ``message`` in ``lang``: argparse's common messages in Chinese, anything
    else as it is (factlint's own argument errors are already in ``lang``)."""
    if lang == "en":
        return message
    if m := _ARGUMENT.fullmatch(message):
        return f"参数 {m['name']}：{usage_message(m['rest'], lang)}"
    for pattern, zh in _ARGPARSE_ZH:
        if m := pattern.fullmatch(message):
            return zh.format(**m.groupdict())
    return message


def _lang_from_argv(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return _env_lang() or "zh"


def _env_lang() -> str | None:
    """``FACTLINT_LANG`` (``en`` or ``zh``), or None when unset or anything else."""
    value = os.environ.get("FACTLINT_LANG", "").strip().lower()
    return value if value in ("zh", "en") else None


def _lang(args: argparse.Namespace, config_lang: str | None = None) -> str:
    """The language of a run: ``--lang``, else ``FACTLINT_LANG``, else the config's, else zh."""
    return str(args.lang or _env_lang() or config_lang or "zh")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The command line; ``lang`` is the language of factlint's own argument errors."""
    parser = _Parser(
        prog="factlint",
        description="中文报告事实一致性检查 / fact-consistency linter for Chinese reports",
    )
    parser.add_argument("--version", action="version", version=f"factlint {VERSION}")
    sub = parser.add_subparsers(dest="command", parser_class=_SubParser)

    check = sub.add_parser("check", help="检查文件或目录 / check files or folders")
    check.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="文件、目录，或 - 表示标准输入 / files, folders, or - for stdin",
    )
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="full",
        help="输出格式；docx：写出带批注和修订的审校稿（须用 --output）"
        " / output format; docx: a review copy with comments and tracked changes (needs --output)",
    )
    check.add_argument(
        "--output",
        type=Path,
        default=None,
        help="把结果写入文件；--format docx 时为审校稿的文件名，多个输入时为目录"
        "（每份为“<原名>.审校.docx”，原稿不变）"
        " / write the report to FILE; with --format docx, the review copy"
        " (several inputs: a folder of <name>.审校.docx; the originals are never changed)",
    )
    check.add_argument(
        "--statistics", action="store_true", help="按规则统计问题数 / counts per rule"
    )
    check.add_argument(
        "--select",
        type=_csv,
        action="extend",
        default=None,
        help="只启用这些代码或前缀 / enable only these codes or prefixes",
    )
    check.add_argument("--ignore", type=_csv, action="extend", default=None)
    check.add_argument("--extend-select", type=_csv, action="extend", default=None)
    check.add_argument("--fail-on", choices=[s.value for s in Severity], default=None)
    check.add_argument(
        "--min-severity",
        choices=[s.value for s in Severity],
        default=None,
        help="只显示此级别及以上的问题（退出码仍按 --fail-on）"
        " / show only findings at or above this severity (the exit code still follows --fail-on)",
    )
    check.add_argument(
        "--ambiguous-width",
        type=int,
        choices=[1, 2],
        default=None,
        help="终端中 …、“” 等字符占几格（默认1，或 FACTLINT_AMBIGUOUS_WIDTH）"
        " / cells the terminal draws …, “” in (default 1, or FACTLINT_AMBIGUOUS_WIDTH)",
    )
    check.add_argument("--lang", choices=["zh", "en"], default=None)
    check.add_argument("--config", type=Path, default=None, help="配置文件 / config file")
    check.add_argument("--no-color", action="store_true")
    check.add_argument("--stdin-filename", default=None)
    baseline = check.add_mutually_exclusive_group()
    baseline.add_argument(
        "--baseline",
        type=Path,
        default=None,
        help="只报告基线之外的问题 / report only new findings",
    )
    baseline.add_argument(
        "--write-baseline", type=Path, default=None, help="把当前问题写入基线 / record findings"
    )
    check.add_argument(
        "--exclude",
        type=_csv,
        action="extend",
        default=None,
        help="排除的路径模式 / glob patterns to skip in folders",
    )
    check.add_argument(
        "--fix", action="store_true", help="应用安全的修复并写回文件 / apply safe fixes in place"
    )
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="同时应用需确认的修复（须与 --fix 或 --diff 同用）"
        " / also apply unsafe fixes (needs --fix or --diff)",
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="只显示修复的差异，不写文件（与 --fix 同用时也不写）"
        " / show fixes as a diff; nothing is written, even with --fix",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=lambda value: _jobs(value, lang),
        default=None,
        metavar="N",
        help="并行进程数（默认：全部核心）/ worker processes (default: all cores)",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help="不读写结果缓存 / neither read nor write the result cache",
    )

    rules = sub.add_parser("rules", help="列出所有规则 / list all rules")
    rules.add_argument("--lang", choices=["zh", "en"], default=None)
    rules.add_argument("--format", choices=["table", "json"], default="table")

    rule = sub.add_parser("rule", help="显示规则文档 / show a rule's documentation")
    rule.add_argument("code", metavar="CODE")
    rule.add_argument("--lang", choices=["zh", "en"], default=None)
    return parser


def _jobs(value: str, lang: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(t("jobs_invalid", lang, value=value)) from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(t("jobs_minimum", lang, jobs=jobs))
    return jobs


def check_combinations(args: argparse.Namespace, lang: str) -> str | None:
    """Why the ``check`` options given contradict each other (an option that would be silently
    ignored), or None."""
    if args.unsafe_fixes and not (args.fix or args.diff):
        return t("unsafe_needs_fix", lang)
    if args.stdin_filename is not None and "-" not in args.paths:
        return t("stdin_filename_needs_dash", lang)
    if args.statistics and args.format in NO_STATISTICS:
        return t("statistics_format", lang, format=args.format)
    if args.format in REVIEW:
        if args.output is None:
            return t("review_needs_output", lang, format=args.format)
        if args.fix or args.diff or args.write_baseline is not None:
            return t("review_not_with_fix", lang, format=args.format)
    return None


def _print_error(kind: str, text: str, lang: str) -> None:
    print(f"factlint: {t(kind, lang)}: {text}", file=sys.stderr)


def run_check(args: argparse.Namespace) -> int:
    """``factlint check``, made of the library API's steps (:mod:`factlint.api`)."""
    started = time.perf_counter()
    # imported here, not with the module: ``--version``, ``--help`` and ``rules`` need none of it
    # (and the engine, the cache, the baseline and the fixes are imported when a run needs them:
    # a run on empty files does not)
    from factlint import api
    from factlint.project.config import ConfigError, check_selector
    from factlint.reporters import Report, render_pieces, write_output
    from factlint.reporters.full import summary_text

    lang = _lang(args)
    try:  # an unknown code on the command line is a usage error, not a configuration error
        for selector in (args.select or []) + (args.ignore or []) + (args.extend_select or []):
            check_selector(selector, api.registry())
    except ConfigError as exc:
        _print_error("usage", exc.message.text(lang), lang)
        return EXIT_USAGE
    try:
        config = api.load_config(args.config, paths=args.paths, stdin_filename=args.stdin_filename)
        lang = _lang(args, config.lang)
        engine = api.make_engine(
            config,
            select=args.select,
            ignore=args.ignore or (),
            extend_select=args.extend_select or (),
        )
    except ConfigError as exc:
        _print_error("config", exc.message.text(lang), lang)
        return EXIT_USAGE
    fail_on = Severity(args.fail_on) if args.fail_on else (config.fail_on or Severity.WARNING)
    known = None
    if args.baseline is not None:
        from factlint.project.baseline import BaselineError, load_baseline

        try:
            known = load_baseline(args.baseline)
        except BaselineError as exc:
            _print_error("baseline", exc.message.text(lang), lang)
            return EXIT_USAGE

    if "-" in args.paths and sys.stdin is not None and _isatty(sys.stdin):
        print(t("waiting_stdin", lang), file=sys.stderr, flush=True)
    inputs = api.read_inputs(
        args.paths,
        config=config,
        exclude=args.exclude or (),
        stdin_filename=args.stdin_filename,
        lang=lang,
        keep_bytes=args.fix or args.diff or args.format in REVIEW,
        own_process=True,
    )
    for line in inputs.problems:
        print(f"factlint: {line}", file=sys.stderr)
    unreadable = inputs.unreadable
    documents = inputs.documents
    # fixes are never taken from the cache: --fix and --diff neither read nor write it
    use_cache = not (args.no_cache or args.fix or args.diff)
    cache: Cache | None = None

    def check(docs: Sequence[Document]) -> list[Diagnostic]:
        nonlocal cache
        if not any(doc.text for doc in docs):  # nothing to check: nothing to import either
            return []
        from factlint.engine.runner import default_jobs

        if use_cache and cache is None:
            from factlint.engine.cache import default_cache

            cache = default_cache(config.source)  # (None: no cache folder, uncached)
        jobs = args.jobs if args.jobs is not None else default_jobs()
        with progress(len(docs), lang):
            return api.run_checks(engine, docs, jobs=jobs, cache=cache or False)

    fixing = None
    review_fixed: dict[str, Document] = {}
    review_initial: list[Diagnostic] = []
    destinations: dict[str, Path] = {}
    if args.format in REVIEW:
        from factlint.cli.review import ReviewRefused, targets

        try:
            destinations = targets(documents, inputs.sources, args.output, args.paths)
        except ReviewRefused as exc:
            _print_error("usage", exc.message.text(lang), lang)
            return EXIT_USAGE
    if args.format in REVIEW:  # the safe fixes as --fix makes them, for the tracked changes
        from factlint.engine.fixing import fix_until_stable

        fixed = fix_until_stable(check, documents)
        diagnostics = review_initial = fixed.initial
        review_fixed = {d.path: d for d in fixed.documents}
    elif args.fix or args.diff:
        from factlint.cli.fixes import run_fixes

        fixing = run_fixes(
            check, documents, inputs.sources, unsafe=args.unsafe_fixes, diff=args.diff, lang=lang
        )
        if fixing.diff is not None:  # --diff: the diff is the output, nothing is written
            sys.stdout.write(fixing.diff)
            failed = unreadable or fixing.failed
            return EXIT_USAGE if failed else EXIT_FINDINGS if fixing.fixed else EXIT_OK
        documents, diagnostics = fixing.documents, fixing.diagnostics
        unreadable = unreadable or fixing.failed
    else:
        diagnostics = check(documents)
        for doc in documents:  # the report reads the texts, not the views: freed before it
            doc.release_views()
    if args.write_baseline is not None:
        from factlint.project.baseline import BaselineError, write_baseline

        try:
            write_baseline(args.write_baseline, diagnostics, {d.path: d for d in documents}, lang)
        except BaselineError as exc:
            _print_error("baseline", exc.message.text(lang), lang)
            return EXIT_USAGE
        print(
            t("baseline_written", lang, count=len(diagnostics), path=args.write_baseline),
            file=sys.stderr,
        )
        return EXIT_USAGE if unreadable else EXIT_OK
    hidden = 0
    if known is not None:
        from factlint.project.baseline import new_findings

        found = len(diagnostics)
        diagnostics = new_findings(
            diagnostics, {d.path: d for d in documents}, known, args.baseline.resolve().parent
        )
        hidden = found - len(diagnostics)
    failing = any(d.severity.rank >= fail_on.rank for d in diagnostics)
    below = 0
    if args.min_severity is not None:  # shown: at or above it; the exit code: all of them
        floor = Severity(args.min_severity).rank
        shown = [d for d in diagnostics if d.severity.rank >= floor]
        below, diagnostics = len(diagnostics) - len(shown), shown
    report = Report(
        diagnostics,
        {d.path: d for d in documents},
        lang=lang,
        files=len(documents),
        seconds=time.perf_counter() - started,
        problems=inputs.problems,
        rules=engine.rules,
        known=hidden,
        below=below,
        min_severity=args.min_severity,
        ambiguous_width=_ambiguous_width(args),
    )
    if args.format in REVIEW:
        from factlint.cli.review import write_reviews

        written = write_reviews(
            report, documents, review_fixed, review_initial, inputs.sources, destinations
        )
        print(f"factlint: {summary_text(report)[0]}", file=sys.stderr)
        if unreadable or not written:
            return EXIT_USAGE
        return EXIT_FINDINGS if failing else EXIT_OK
    color = False if args.no_color or args.output else None
    output = render_pieces(args.format, report, color=color, statistics=args.statistics)
    # with --fix, the fixed standard input is on stdout: the report goes to stderr
    stream = sys.stderr if fixing is not None and fixing.echoed else sys.stdout
    if args.output is not None:
        try:
            write_output("".join(output), args.output)
        except OSError as exc:
            _print_error("output", f"{args.output}: {exc.strerror or exc}", lang)
            return EXIT_USAGE
        # the report is in the file; the terminal still learns what it says
        print(f"factlint: {summary_text(report)[0]}", file=sys.stderr)
    else:
        for piece in output:  # written as rendered: the output is never held whole
            stream.write(piece)
        stream.flush()
    if unreadable:
        return EXIT_USAGE
    return EXIT_FINDINGS if failing else EXIT_OK


def _isatty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError, OSError):
        return False


def _ambiguous_width(args: argparse.Namespace) -> int:
    """Cells of an East Asian ambiguous character (…, “”, ①): ``--ambiguous-width``, else
    ``FACTLINT_AMBIGUOUS_WIDTH``, else 1 — what most terminals draw, CJK locales included (a
    locale says nothing about the terminal's setting, so it is not guessed from it)."""
    if args.ambiguous_width is not None:
        return int(args.ambiguous_width)
    return 2 if os.environ.get("FACTLINT_AMBIGUOUS_WIDTH", "").strip() == "2" else 1


@contextlib.contextmanager
def progress(files: int, lang: str, delay: float = 1.0) -> Iterator[None]:
    """A spinner on stderr while files are checked: only when stderr is a terminal, and only
    once the run has taken ``delay`` seconds (a quick run prints nothing)."""
    if not _isatty(sys.stderr) or "FACTLINT_NO_PROGRESS" in os.environ:
        yield
        return
    import threading

    from rich.console import Console

    console = Console(stderr=True, no_color="NO_COLOR" in os.environ)
    text = f"正在检查{files}个文件…" if lang == "zh" else f"checking {files} file(s)…"
    status = console.status(text, spinner="dots")
    lock = threading.Lock()
    state = {"started": False, "done": False}

    def start() -> None:
        with lock:
            if not state["done"]:
                status.start()
                state["started"] = True

    timer = threading.Timer(delay, start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["started"]:
                status.stop()


def run_rules(args: argparse.Namespace) -> int:
    from factlint.rules import REGISTRY

    lang = _lang(args)
    if args.format == "json":
        import json

        data = [
            {
                "code": r.code,
                "name": r.name,
                "family": r.listing.family,
                "severity": r.listing.severity.value,
                "fixable": r.listing.fixable,
                "fix_safety": r.listing.fix_safety if r.listing.fixable else None,
                "summary": r.listing.summary.text(lang),
            }
            for r in REGISTRY
        ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    from rich.console import Console
    from rich.table import Table

    table = Table(show_edge=False, header_style="bold")
    for key in ("code", "name", "severity", "fixable", "summary_col"):
        # the summary folds onto more lines in a narrow terminal rather than losing its end
        table.add_column(t(key, lang), overflow="fold" if key == "summary_col" else "ellipsis")
    for r in REGISTRY:
        table.add_row(
            r.code,
            r.name,
            t(r.listing.severity.value, lang),
            t(f"fixable_{r.listing.fix_safety}", lang) if r.listing.fixable else "",
            r.listing.summary.text(lang),
        )
    # as wide as the terminal (or COLUMNS); into a pipe or a file, wide enough for every row
    width = None if _isatty(sys.stdout) or os.environ.get("COLUMNS") else 200
    Console(no_color="NO_COLOR" in os.environ, width=width).print(table)
    return EXIT_OK


def run_rule(args: argparse.Namespace) -> int:
    from factlint.cli import ruledoc
    from factlint.project.config import ConfigError, resolve_rule
    from factlint.rules import REGISTRY

    lang = _lang(args)
    try:
        rule = resolve_rule(args.code, REGISTRY)
    except ConfigError as exc:
        _print_error("no_rule", exc.message.text(lang), lang)
        return EXIT_USAGE
    header = (
        f"{rule.code} {rule.name} — {rule.listing.summary.text(lang)}\n"
        f"{t('severity', lang)}: {t(rule.listing.severity.value, lang)}"
        f"{'  ' + t(f'fixable_rule_{rule.listing.fix_safety}', lang) if rule.listing.fixable else ''}\n"
    )
    body = ruledoc.body(rule, lang)
    if sys.stdout.isatty() and "NO_COLOR" not in os.environ:
        from rich.console import Console
        from rich.markdown import Markdown
        from rich.text import Text

        console = Console()
        for line in header.splitlines():
            for wrapped in ruledoc.wrap(line, console.width, "", "  "):
                console.print(Text(wrapped, style="bold"), soft_wrap=True)
        console.print()
        console.print(Markdown(ruledoc.hard_wrapped(body, console.width)))
        return EXIT_OK
    import shutil

    width = min(max(shutil.get_terminal_size((80, 24)).columns, 40), 100)
    title = "\n".join(
        wrapped for line in header.splitlines() for wrapped in ruledoc.wrap(line, width, "", "  ")
    )
    sys.stdout.write(title + "\n\n" + ruledoc.plain(body, width) + "\n")
    return EXIT_OK


def _guard_streams() -> bool:
    """Make the three standard streams safe to use; False when standard output is closed.

    A closed descriptor 0, 1 or 2 is opened on the null device, so that no file factlint opens
    later takes its number (a report written into the cache, an error into the output). With
    standard error closed, messages are dropped, never printed on standard output (``print(...,
    file=None)`` would), where they would corrupt ``--format json``. Standard input stays None:
    reading ``-`` then says it is closed (:func:`factlint.inputs.reading.read_bytes`)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                opened = os.open(os.devnull, os.O_RDWR)
            except OSError:
                continue
            if opened != fd:  # pragma: no cover - the lowest free number is the closed one
                os.close(opened)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")
    return sys.stdout is not None


#: The collector's thresholds for a command (generation 0, 1, 2). A run allocates a great many
#: objects that live to its end — each document's views read back from the cache, the word
#: tables, the memos — and with Python's defaults (700, 10, 10) the collector scans them again
#: and again: a sixth of a run after one edit of a cached repository of 1,000 reports, a tenth of
#: a cold one. Fewer, larger collections; the peak memory of a run is the same.
GC_THRESHOLDS = (100_000, 20, 20)
_freeze_at_exit = False


def main(argv: Sequence[str] | None = None) -> int:
    """The command line (``factlint …``); the collector's thresholds (:data:`GC_THRESHOLDS`) are
    restored on return, for a caller in the same process."""
    global _freeze_at_exit
    if not _freeze_at_exit:
        # no collection at exit: it would look at every object left (5% of a short run) to free
        # the cycles of a process that ends; the atexit functions still run
        import atexit

        _freeze_at_exit = True
        atexit.register(gc.freeze)
    thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return _main(argv)
    finally:
        gc.set_threshold(*thresholds)


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not _guard_streams():
        print("factlint: standard output is closed / 标准输出已关闭", file=sys.stderr)
        return EXIT_USAGE
    lang = _lang_from_argv(argv)
    parser = build_parser(lang)
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        _print_error("usage", usage_message(str(exc), lang), lang)
        return EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if args.command == "check" and (conflict := check_combinations(args, lang)) is not None:
        _print_error("usage", conflict, lang)
        return EXIT_USAGE
    if args.command == "check":  # paths, the configuration, exclusions: from the current folder
        try:
            os.getcwd()
        except OSError:  # removed (or moved) under the shell: a message, not a traceback
            _print_error("usage", t("no_cwd", lang), lang)
            return EXIT_USAGE
    try:
        if args.command == "check":
            return run_check(args)
        if args.command == "rules":
            return run_rules(args)
        return run_rule(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except OSError as exc:  # standard output on a full disk (/dev/full), a failing device
        if exc.errno not in (errno.ENOSPC, errno.EIO, errno.EBADF, errno.EDQUOT):
            raise
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        print(f"factlint: cannot write the output / 无法写出结果: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE

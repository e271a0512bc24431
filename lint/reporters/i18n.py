"""The CLI's own words in both languages. Rule messages carry their own."""

from __future__ import annotations

_TEXT: dict[str, tuple[str, str]] = {
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
    "related": ("相关位置", "related"),
    "fix": ("可修复", "fix"),
    "fix_unsafe": ("可修复（需确认）", "fix (unsafe)"),
    "continues": ("续至第{line}行", "continues to line {line}"),
    "summary": (
        "检查了{files}个文件，发现{total}个问题（错误{error}，警告{warning}，提示{info}），用时{seconds:.2f}秒",
        "checked {files} file(s): {total} finding(s) ({error} error, {warning} warning, {info} info) "
        "in {seconds:.2f}s",
    ),
    "clean": (
        "检查了{files}个文件，未发现问题，用时{seconds:.2f}秒",
        "checked {files} file(s): no findings, {seconds:.2f}s",
    ),
    "nothing_checked": (
        "未检查任何文件：{problems}个输入无法读取",
        "no file checked: {problems} input(s) could not be read",
    ),
    "no_files": ("没有可检查的文件，用时{seconds:.2f}秒", "no files to check, {seconds:.2f}s"),
    "also_unreadable": (
        "；另有{problems}个输入无法读取",
        "; {problems} input(s) could not be read",
    ),
    "baseline_hid": (
        "；基线隐藏了{known}个已知问题",
        "; the baseline hid {known} known finding(s)",
    ),
    "below_hidden": (
        "；另有{below}个低于“{severity}”级别的问题未显示（--min-severity）",
        "; {below} finding(s) below {severity} not shown (--min-severity)",
    ),
    "per_rule": ("按规则统计：", "findings per rule:"),
    "fixable_hint": (
        "其中{safe}个可用 --fix 自动修复",
        "{safe} can be fixed with --fix",
    ),
    "unsafe_hint": (
        "，另有{unsafe}个可加 --unsafe-fixes 修复（需确认）",
        ", {unsafe} more with --unsafe-fixes (check them)",
    ),
    "github_hidden": (
        "GitHub 每类只显示前10条注释：另有{counts}未显示，完整结果见日志",
        "GitHub shows only 10 annotations of each kind: {counts} not shown; the log has them all",
    ),
    "waiting_stdin": (
        "factlint：正在从标准输入读取（输入完毕后按 Ctrl-D）…",
        "factlint: reading from standard input (end with Ctrl-D)…",
    ),
    "unreadable": ("无法读取", "cannot read"),
    "skipped": ("已跳过", "skipped"),
    "usage": ("用法错误", "usage error"),
    "jobs_invalid": ("应为正整数，而不是“{value}”", "must be a whole number, not “{value}”"),
    "jobs_minimum": ("应至少为1，而不是{jobs}", "must be at least 1, not {jobs}"),
    "unsafe_needs_fix": (
        "--unsafe-fixes 须与 --fix 或 --diff 同用",
        "--unsafe-fixes needs --fix or --diff",
    ),
    "stdin_filename_needs_dash": (
        "--stdin-filename 须与路径 -（标准输入）同用",
        "--stdin-filename needs - (standard input) among the paths",
    ),
    "statistics_format": (
        "--statistics 不能与 --format {format} 同用：该格式无法容纳统计（可用 full、concise 或 json）",
        "--statistics cannot be used with --format {format}, which cannot carry counts "
        "(use full, concise or json)",
    ),
    "config": ("配置错误", "configuration error"),
    "baseline": ("基线错误", "baseline error"),
    "baseline_written": (
        "factlint：已将{count}个问题写入基线文件 {path}",
        "factlint: wrote {count} finding(s) to the baseline {path}",
    ),
    "output": ("无法写入输出文件", "cannot write the output file"),
    "review_needs_output": (
        "--format {format} 须用 --output 指定审校稿的文件名（多个输入时为目录）",
        "--format {format} needs --output: the review copy's file name (a folder for several "
        "inputs)",
    ),
    "review_not_with_fix": (
        "--format {format} 不能与 --fix、--diff 或 --write-baseline 同用（审校稿以修订标出安全修复）",
        "--format {format} cannot be used with --fix, --diff or --write-baseline (the review "
        "copy shows the safe fixes as tracked changes)",
    ),
    "no_inputs": ("没有可检查的文件", "no files to check"),
    "no_cwd": (
        "当前目录已不存在（已被删除或移走），请换到一个存在的目录再运行",
        "the current folder no longer exists (removed or moved): run factlint from a folder that does",
    ),
    "no_rule": ("未知规则", "unknown rule"),
    "code": ("代码", "code"),
    "name": ("名称", "name"),
    "family": ("类别", "family"),
    "severity": ("默认级别", "default severity"),
    "summary_col": ("说明", "summary"),
    "fixable": ("可修复", "fixable"),
    # the fixable column of `factlint rules`, and the header of `factlint rule CODE`, by fix_safety
    "fixable_safe": ("是", "yes"),
    "fixable_unsafe": ("需确认", "unsafe"),
    "fixable_mixed": ("是，部分需确认", "yes, some unsafe"),
    "fixable_rule_safe": ("可修复", "fixable"),
    "fixable_rule_unsafe": ("可修复（需确认）", "fixable (unsafe)"),
    "fixable_rule_mixed": ("可修复（部分需确认）", "fixable (some fixes unsafe)"),
    "internal": ("内部错误，请报告此问题", "internal error; please report it"),
}


def t(key: str, lang: str, **kwargs: object) -> str:
    zh, en = _TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**kwargs) if kwargs else text

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
    "unreadable": ("无法读取", "cannot read"),
    "skipped": ("已跳过", "skipped"),
    "usage": ("用法错误", "usage error"),
    "config": ("配置错误", "configuration error"),
    "baseline": ("基线错误", "baseline error"),
    "baseline_written": (
        "factlint：已将{count}个问题写入基线文件 {path}",
        "factlint: wrote {count} finding(s) to the baseline {path}",
    ),
    "output": ("无法写入输出文件", "cannot write the output file"),
    "no_inputs": ("没有可检查的文件", "no files to check"),
    "no_rule": ("未知规则", "unknown rule"),
    "code": ("代码", "code"),
    "name": ("名称", "name"),
    "family": ("类别", "family"),
    "severity": ("默认级别", "default severity"),
    "summary_col": ("说明", "summary"),
    "fixable": ("可修复", "fixable"),
    "yes": ("是", "yes"),
    "internal": ("内部错误，请报告此问题", "internal error; please report it"),
}


def t(key: str, lang: str, **kwargs: object) -> str:
    zh, en = _TEXT[key]
    text = en if lang == "en" else zh
    return text.format(**kwargs) if kwargs else text

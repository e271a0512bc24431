"""Configuration: ``[tool.factlint]`` in pyproject.toml or a ``factlint.toml``, found by walking up
from the checked paths, validated strictly (an unknown key, code or option names the closest valid
one)."""

from __future__ import annotations

import dataclasses
import json
import math
import os
import re
import sys
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factlint.facts.sheet import FactSheet, FactSheetError
from factlint.model import Message, Severity
from factlint.project.paths import MAX_CONFIG_BYTES, Excluder, NotAFileError, read_limited
from factlint.rule import OptionError, Rule, SelectorError, closest, rule_by_token, selector


def _toml() -> types.ModuleType:
    """tomllib, imported when a TOML file is first read (not at the start-up of a run without a
    configuration file)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    module: types.ModuleType = tomllib
    return module


def __getattr__(name: str) -> Any:
    """``tomllib`` (or ``tomli``), imported on first use."""
    if name == "tomllib":
        return _toml()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class ConfigError(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.message = Message(zh, en)


KNOWN_KEYS = (
    "select",
    "ignore",
    "extend-select",
    "per-file-ignores",
    "severity",
    "rules",
    "exclude",
    "fail-on",
    "lang",
    "facts",
)


@dataclass
class Config:
    """The project's settings, as read from its configuration file (defaults without one)."""

    source: Path | None = None
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)  # code -> options instance
    exclude: list[str] = field(default_factory=list)
    fail_on: Severity | None = None
    lang: str | None = None
    facts: FactSheet = field(default_factory=FactSheet)
    _per_file: list[tuple[Excluder, list[str]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def ignores(self, path: str, code: str) -> bool:
        """Whether ``per-file-ignores`` turns rule ``code`` off for the file at ``path`` (patterns
        are relative to the config file's folder, or to the current one)."""
        if not self.per_file_ignores:
            return False
        if self._per_file is None:
            base = self.source.parent if self.source else Path.cwd()
            self._per_file = [
                (Excluder([glob], base), codes) for glob, codes in self.per_file_ignores.items()
            ]
        relative = path.removeprefix("./")
        return any(
            any(code.startswith(c) for c in codes) and excluder.excluded(relative, Path(path))
            for excluder, codes in self._per_file
        )


#: How alike a word must be to a valid one to be suggested (difflib ratio): one or two letters off in
#: a key or code (selct, D1O1), not any word that shares a few letters (foo is not fail-on).
def _hint(word: str, choices: Iterable[str]) -> tuple[str, str]:
    best = closest(word, choices)
    return (f"，是否想写“{best}”？", f"; did you mean “{best}”?") if best else ("", "")


def resolve_rule(token: str, rules: Iterable[Rule]) -> Rule:
    """A rule by exact code or kebab-case name (:func:`factlint.rule.resolve_rule`), or ConfigError."""
    try:
        return rule_by_token(token, rules)
    except SelectorError as exc:
        raise ConfigError(exc.message.zh, exc.message.en) from None


def check_selector(token: str, rules: Iterable[Rule]) -> str:
    """The code form of a selector (:func:`factlint.rule.selector`), or ConfigError."""
    try:
        return selector(token, rules)
    except SelectorError as exc:
        raise ConfigError(exc.message.zh, exc.message.en) from None


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError:
        raise ConfigError(
            f"{where}：严重级别“{value}”无效，应为 error、warning 或 info",
            f"{where}: invalid severity “{value}”; use error, warning or info",
        ) from None


def _string_list(value: Any, where: str) -> list[str]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    if isinstance(value, str):  # a list of one is still a list: say how to write it
        items = json.dumps(value.replace(",", " ").split(), ensure_ascii=False)
        raise ConfigError(
            f"{where} 应为字符串列表，而不是字符串（请写成 {items}）",
            f"{where} must be a list of strings, not a string (write {items})",
        )
    if isinstance(value, list):
        item = next(v for v in value if not isinstance(v, str))
        raise ConfigError(f"{where}：{item!r} 不是字符串", f"{where}: {item!r} is not a string")
    raise ConfigError(
        f"{where} 应为字符串列表，而不是 {type(value).__name__}",
        f"{where} must be a list of strings, not {type(value).__name__}",
    )


def _codes(value: Any, where: str, rules: list[Rule]) -> list[str]:
    """A list of rule selectors (codes, prefixes, names), validated; errors name the key."""
    try:
        return [check_selector(token, rules) for token in _string_list(value, where)]
    except ConfigError as exc:
        if exc.message.zh.startswith(where):
            raise
        raise ConfigError(f"{where}：{exc.message.zh}", f"{where}: {exc.message.en}") from None


def _shown(value: Any) -> str:
    """A wrong value as the user wrote it in TOML (bounded): ``"0.8"``, ``true``, ``[1, 2]``."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = f'"{value}"'
    else:
        text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _coerce(value: Any, annotation: Any, where: str) -> Any:
    hint = annotation
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
        origin = typing.get_origin(hint)
    ok: bool
    if hint is bool:
        ok = isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
        if ok and not math.isfinite(value):  # nan, inf: no comparison with them means anything
            raise ConfigError(
                f"{where} 的值应为有限的数，而不是 {value}",
                f"{where} must be a finite number, not {value}",
            )
    elif hint is str:
        ok = isinstance(value, str)
    elif origin in (tuple, list):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        value = tuple(value) if ok and origin is tuple else value
    else:
        ok = True
    if not ok:
        name = getattr(hint, "__name__", str(hint))
        shown = _shown(value)
        raise ConfigError(
            f"{where} 的值类型应为 {name}，而不是 {shown}",
            f"{where} must be of type {name}, not {shown}",
        )
    return value


def rule_options(rule: Rule, table: Any, where: str) -> Any:
    if not isinstance(table, dict):
        raise ConfigError(f"{where} 应为表", f"{where} must be a table")
    hints = typing.get_type_hints(rule.options_type)
    fields = {f.name.replace("_", "-"): f for f in dataclasses.fields(rule.options_type)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        f = fields.get(key) or fields.get(key.replace("_", "-"))
        if f is None:
            valid = list(fields) or []
            zh, en = _hint(key, valid)
            if not valid:
                zh, en = "（该规则没有选项）", " (the rule has no options)"
            raise ConfigError(
                f"{where}：规则 {rule.code} 没有选项“{key}”{zh}",
                f"{where}: rule {rule.code} has no option “{key}”{en}",
            )
        values[f.name] = _coerce(value, hints[f.name], f"{where}.{key}")
    try:
        return rule.options_type(**values)
    except OptionError as exc:
        raise ConfigError(f"{where}：{exc.zh}", f"{where}: {exc.en}") from None
    except ValueError as exc:
        raise ConfigError(f"{where}：{exc}", f"{where}: {exc}") from None


def parse_config(table: dict[str, Any], source: Path | None, rules: list[Rule]) -> Config:
    """The validated config; every :class:`ConfigError` names the file (when there is one)."""
    try:
        return _parse_config(table, source, rules)
    except ConfigError as exc:
        if source is None:
            raise
        raise ConfigError(f"{source}：{exc.message.zh}", f"{source}: {exc.message.en}") from None


def _parse_config(table: dict[str, Any], source: Path | None, rules: list[Rule]) -> Config:
    config = Config(source=source)
    for key in table:
        if key not in KNOWN_KEYS and key.replace("_", "-") not in KNOWN_KEYS:
            zh, en = _hint(key, KNOWN_KEYS)
            raise ConfigError(f"未知配置项“{key}”{zh}", f"unknown setting “{key}”{en}")

    def get(key: str) -> Any:
        return table.get(key, table.get(key.replace("-", "_")))

    if get("select") is not None:
        config.select = _codes(get("select"), "select", rules)
    config.ignore = _codes(_or_empty(get("ignore")), "ignore", rules)
    config.extend_select = _codes(_or_empty(get("extend-select")), "extend-select", rules)
    pfi = get("per-file-ignores") or {}
    if not isinstance(pfi, dict):
        raise ConfigError("per-file-ignores 应为表", "per-file-ignores must be a table")
    for glob, codes in pfi.items():
        config.per_file_ignores[glob] = _codes(codes, f"per-file-ignores.“{glob}”", rules)
    sev = get("severity") or {}
    if not isinstance(sev, dict):
        raise ConfigError("severity 应为表", "severity must be a table")
    for token, level in sev.items():
        try:
            code = resolve_rule(token, rules).code
        except ConfigError as exc:
            raise ConfigError(
                f"severity：{exc.message.zh}", f"severity: {exc.message.en}"
            ) from None
        config.severity[code] = _severity(level, f"severity.{token}")
    opts = get("rules") or {}
    if not isinstance(opts, dict):
        raise ConfigError("rules 应为表", "rules must be a table")
    for token, sub in opts.items():
        try:
            rule = resolve_rule(token, rules)
        except ConfigError as exc:
            raise ConfigError(f"rules：{exc.message.zh}", f"rules: {exc.message.en}") from None
        config.options[rule.code] = rule_options(rule, sub, f"rules.{token}")
    config.exclude = _string_list(_or_empty(get("exclude")), "exclude")
    if get("fail-on") is not None:
        config.fail_on = _severity(get("fail-on"), "fail-on")
    if get("lang") is not None:
        if get("lang") not in ("zh", "en"):
            raise ConfigError("lang 应为 zh 或 en", "lang must be zh or en")
        config.lang = get("lang")
    if get("facts") is not None:
        try:
            config.facts = FactSheet.from_table(get("facts"))
        except FactSheetError as exc:
            raise ConfigError(exc.zh, exc.en) from None
    return config


def _or_empty(value: Any) -> Any:
    """An absent list-valued key is an empty list; any value given, even a wrong one, is checked."""
    return [] if value is None else value


#: tomllib's common messages in Chinese (its wording of Python 3.11–3.13); any other stays English
_TOML_ZH = (
    ("Expected '=' after a key in a key/value pair", "键后应有“=”"),
    ("Expected newline or end of document after a statement", "语句后应换行"),
    ("Invalid statement", "无效的语句"),
    ("Invalid value", "无效的值"),
    ("Invalid initial character for a key part", "键的首字符无效"),
    ("Unclosed array", "数组未闭合"),
    ("Unclosed inline table", "内联表未闭合"),
    ("Unterminated string", "字符串未结束"),
    ("Illegal character", "非法字符"),
    ("Cannot overwrite a value", "不能覆盖已有的值"),
    ("Cannot declare", "重复声明"),
    ("Expected ']' at the end of a table declaration", "表头应以“]”结束"),
)
_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _toml_zh(message: str) -> str:
    """A tomllib error in Chinese: the place as 第N行第M列, the usual messages translated."""
    at = _TOML_AT.search(message)
    detail = message[: at.start()] if at else message.removesuffix(" (at end of document)")
    for en, zh in _TOML_ZH:
        if detail.startswith(en):
            detail = zh
            break
    if at:
        return f"第{at[1]}行第{at[2]}列：{detail}"
    if message.endswith("(at end of document)"):
        return f"文件末尾：{detail}"
    return detail


def load_file(path: Path, rules: list[Rule]) -> Config:
    try:
        data = _load_toml(path)
    except OSError as exc:
        raise ConfigError(
            f"无法读取配置文件 {path}：{exc.strerror}",
            f"cannot read config file {path}: {exc.strerror}",
        ) from None
    except NotAFileError as exc:
        raise ConfigError(
            f"无法读取配置文件 {path}：{exc.zh}", f"cannot read config file {path}: {exc.en}"
        ) from None
    except RecursionError:
        raise ConfigError(
            f"配置文件 {path} 嵌套过深", f"config file {path} is nested too deeply"
        ) from None
    except (_toml().TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"配置文件 {path} 不是有效的TOML：{_toml_zh(str(exc))}",
            f"config file {path} is not valid TOML: {exc}",
        ) from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("factlint", {})
    else:
        table = data.get("tool", {}).get("factlint", data)
    if not isinstance(table, dict):
        raise ConfigError(
            f"{path}：[tool.factlint] 应为表", f"{path}: [tool.factlint] must be a table"
        )
    return parse_config(table, path, rules)


def _load_toml(path: Path) -> dict[str, Any]:
    """A TOML file, read as a regular file of at most :data:`MAX_CONFIG_BYTES`."""
    data: dict[str, Any] = _toml().loads(read_limited(path, MAX_CONFIG_BYTES).decode("utf-8-sig"))
    return data


def find_config(start: Path) -> Path | None:
    """The nearest factlint.toml, or pyproject.toml with a [tool.factlint] table, at or above start,
    but no higher than the repository root (the nearest folder with a ``.git`` folder or file).
    Outside any repository, no higher than the user's home folder (when start is inside it), and a
    file in a folder others may write to (``/tmp``) or owned by another user (but root) is not
    taken: whoever shares the machine cannot switch rules off for you."""
    here = start.resolve()
    if here.is_file() or not here.exists():
        here = here.parent
    folders = (here, *here.parents)
    repository = next((i for i, f in enumerate(folders) if (f / ".git").exists()), None)
    if repository is not None:
        searched, check_owner = folders[: repository + 1], False
    else:
        home = _home()
        end = folders.index(home) + 1 if home in folders else len(folders)
        searched, check_owner = folders[:end], True
    for folder in searched:
        if check_owner and not _trusted(folder):
            continue
        candidate = folder / "factlint.toml"
        if candidate.is_file() and not (check_owner and not _trusted(candidate)):
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and not (check_owner and not _trusted(pyproject)):
            try:
                data = _load_toml(pyproject)
            except (
                OSError,
                NotAFileError,
                RecursionError,  # nested thousands deep: not a project's file
                _toml().TOMLDecodeError,
                UnicodeDecodeError,
            ):
                continue
            tool = data.get("tool")
            if isinstance(tool, dict) and "factlint" in tool:
                return pyproject
    return None


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, OSError):
        return None


def _trusted(path: Path) -> bool:
    """Whether a configuration file or its folder may be trusted: not writable by others and owned
    by this user or root (always true where there are no owners)."""
    try:
        info = path.stat()
    except OSError:
        return False
    if not hasattr(os, "geteuid"):
        return True
    if info.st_uid not in (os.geteuid(), 0):
        return False
    return not info.st_mode & 0o002

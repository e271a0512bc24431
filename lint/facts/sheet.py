"""The project fact sheet (用语规范表): canonical names with their aliases, named groups with their
members, and preferred spellings, as an editorial team keeps them. Read from the config's ``facts``
table; rules use it when present and work without it.

In the config (``factlint.toml``; ``[tool.factlint.facts]`` in pyproject.toml)::

    [facts.names]       # canonical name = [accepted aliases]
    "河南蒙古族自治县" = ["河南县"]
    [facts.groups]      # group name = [members]
    "一市三县" = ["同仁市", "尖扎县", "泽库县", "河南蒙古族自治县"]
    [facts.spellings]   # preferred spelling = [forbidden spellings]
    "援青" = ["接青"]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: The sub-tables of ``facts``.
FACT_KEYS = ("names", "groups", "spellings")


class FactSheetError(ValueError):
    """An invalid fact-sheet entry, said in both languages, naming the entry."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


@dataclass(frozen=True)
class FactSheet:
    """The project's fact sheet: names and their aliases, groups and their members, spellings."""

    #: canonical name -> accepted aliases (河南蒙古族自治县 -> (河南县,))
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: group name -> its members, canonical names (一市三县 -> (同仁市, 尖扎县, 泽库县, 河南蒙古族自治县))
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: forbidden spelling -> the preferred one (接青 -> 援青)
    spellings: dict[str, str] = field(default_factory=dict)
    #: alias -> canonical name: the reverse index of ``names``, built once
    _canonical_of: dict[str, str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        index = self._canonical_of
        for canonical, aliases in self.names.items():
            for alias in aliases:
                index.setdefault(alias, canonical)

    def canonical(self, name: str) -> str:
        """The canonical form of a name: itself, or the name it is a declared alias of."""
        return self._canonical_of.get(name, name)

    def __bool__(self) -> bool:
        return bool(self.names or self.groups or self.spellings)

    # ---- loading -----------------------------------------------------------------------------
    @classmethod
    def from_table(cls, table: Any, where: str = "facts") -> FactSheet:
        """A fact sheet from the config's ``facts`` table; :class:`FactSheetError` names a bad entry."""
        if not isinstance(table, Mapping):
            raise FactSheetError(f"{where} 应为表", f"{where} must be a table")
        for key in table:
            if key not in FACT_KEYS:
                import difflib  # a misspelt key only

                best = difflib.get_close_matches(str(key), FACT_KEYS, n=1, cutoff=0.75)
                zh, en = (
                    (f"，是否想写“{best[0]}”？", f"; did you mean “{best[0]}”?")
                    if best
                    else ("", "")
                )
                raise FactSheetError(
                    f"{where}：未知子表“{key}”{zh}（可用：names、groups、spellings）",
                    f"{where}: unknown sub-table “{key}”{en} (valid: names, groups, spellings)",
                )
        names = _lists(table.get("names", {}), f"{where}.names")
        groups = _lists(table.get("groups", {}), f"{where}.groups")
        preferred = _lists(table.get("spellings", {}), f"{where}.spellings")

        owner: dict[str, str] = {}
        for canonical, aliases in names.items():
            for alias in aliases:
                entry = f"{where}.names.“{canonical}”"
                if alias == canonical:
                    raise FactSheetError(
                        f"{entry}：别名“{alias}”与规范名称相同",
                        f"{entry}: alias “{alias}” is the canonical name itself",
                    )
                if alias in names:
                    raise FactSheetError(
                        f"{entry}：别名“{alias}”本身已声明为规范名称",
                        f"{entry}: alias “{alias}” is itself declared as a canonical name",
                    )
                if alias in owner and owner[alias] != canonical:
                    raise FactSheetError(
                        f"{entry}：别名“{alias}”已声明为“{owner[alias]}”的别名",
                        f"{entry}: alias “{alias}” is already declared for “{owner[alias]}”",
                    )
                owner[alias] = canonical
        for group, members in groups.items():
            entry = f"{where}.groups.“{group}”"
            seen: set[str] = set()
            for member in members:
                if member in owner:
                    raise FactSheetError(
                        f"{entry}：成员“{member}”是“{owner[member]}”的别名，请写规范名称",
                        f"{entry}: member “{member}” is an alias of “{owner[member]}”; "
                        "list the canonical name",
                    )
                if member in seen:
                    raise FactSheetError(
                        f"{entry}：成员“{member}”重复",
                        f"{entry}: member “{member}” is listed twice",
                    )
                seen.add(member)
        spellings: dict[str, str] = {}
        for good, bad_ones in preferred.items():
            entry = f"{where}.spellings.“{good}”"
            for bad in bad_ones:
                if bad == good:
                    raise FactSheetError(
                        f"{entry}：禁用写法“{bad}”与推荐写法相同",
                        f"{entry}: forbidden spelling “{bad}” is the preferred one itself",
                    )
                if bad in preferred:
                    raise FactSheetError(
                        f"{entry}：禁用写法“{bad}”本身已声明为推荐写法",
                        f"{entry}: forbidden spelling “{bad}” is itself declared preferred",
                    )
                if bad in spellings and spellings[bad] != good:
                    raise FactSheetError(
                        f"{entry}：禁用写法“{bad}”已对应推荐写法“{spellings[bad]}”",
                        f"{entry}: forbidden spelling “{bad}” is already declared for “{spellings[bad]}”",
                    )
                spellings[bad] = good
        return cls(names=names, groups=groups, spellings=spellings)


def _lists(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    """A table of non-empty string -> non-empty list of non-empty strings."""
    if not isinstance(value, Mapping):
        raise FactSheetError(f"{where} 应为表", f"{where} must be a table")
    out: dict[str, tuple[str, ...]] = {}
    for key, items in value.items():
        entry = f"{where}.“{key}”"
        if not str(key).strip():
            raise FactSheetError(f"{where}：名称不能为空", f"{where}: a name must not be empty")
        if isinstance(items, str):  # as everywhere in the config, a list of one is still a list
            import json

            listed = json.dumps([items], ensure_ascii=False)
            raise FactSheetError(
                f"{entry} 应为字符串列表，而不是字符串（请写成 {listed}）",
                f"{entry} must be a list of strings, not a string (write {listed})",
            )
        if not isinstance(items, list):
            raise FactSheetError(
                f"{entry} 应为字符串列表，而不是 {type(items).__name__}",
                f"{entry} must be a list of strings, not {type(items).__name__}",
            )
        if not items:
            raise FactSheetError(f"{entry} 的列表为空", f"{entry} is an empty list")
        for item in items:
            if not isinstance(item, str):
                raise FactSheetError(
                    f"{entry}：{item!r} 不是字符串", f"{entry}: {item!r} is not a string"
                )
            if not item.strip():
                raise FactSheetError(f"{entry}：含有空字符串", f"{entry}: contains an empty string")
        out[str(key)] = tuple(items)
    return out

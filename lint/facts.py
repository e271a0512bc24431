"""The project fact sheet (用语规范表): canonical names with their aliases, named groups with their
members, and preferred spellings, as an editorial team keeps them. Read from the config's ``facts``
table; rules use it when present and work without it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class FactSheet:
    #: canonical name -> accepted aliases (河南蒙古族自治县 -> (河南县,))
    names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: group name -> its members, canonical names (一市三县 -> (同仁市, 尖扎县, 泽库县, 河南蒙古族自治县))
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: forbidden spelling -> the preferred one (接青 -> 援青)
    spellings: dict[str, str] = field(default_factory=dict)

    def canonical(self, name: str) -> str:
        """The canonical form of a name: itself, or the name it is a declared alias of."""
        for canonical, aliases in self.names.items():
            if name in aliases:
                return canonical
        return name

    def __bool__(self) -> bool:
        return bool(self.names or self.groups or self.spellings)

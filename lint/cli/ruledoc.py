"""``factlint rule CODE``: a rule's documentation in one language, for a reader at a terminal.

The docstring holds both languages (:data:`factlint.rule.DOC_SECTIONS`); this shows the sections
of the chosen one. In a terminal (and without ``NO_COLOR``) the Markdown is drawn by rich; anywhere
else it is plain text: headings on their own line, the prose indented and wrapped to the width
(Chinese between any two characters, never before a closing mark), examples indented further.
Lines of a paragraph are joined first, without a space between Chinese characters, so that
neither form puts a space inside a Chinese sentence where the source wrapped.
"""

from __future__ import annotations

import unicodedata

import regex
from factlint.rule import Rule, doc_in, doc_sections, unwrap

#: marks that must not start a line (they hang at the end of the line before)
_NO_LINE_START = set("，。、；：！？）」』》〉】”’,.;:!?)…%")
#: marks that must not end a line (they move to the next line with what they open)
_NO_LINE_END = set("（“‘《〈【「『〔(")
_TOKEN = regex.compile(
    r"``.+?``|`[^`]+`|\s+|[A-Za-z0-9_.,;:!?'\"()\[\]/\\\-–<>=+%#@&|~^$*]+|.", regex.S
)
_ITEM = regex.compile(r"^(?:[-*] |\d+\. )")
#: what makes a line the start of a block in Markdown: a list, heading, quote or underline mark
_BLOCK_START = regex.compile(r"^(\d*)([-*+>#=.)])")


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _cells(text: str) -> int:
    """Terminal cells of ``text`` as drawn: Markdown's inline marks (`code`, **bold**) take none."""
    return sum(2 if _wide(c) else 1 for c in text.replace("`", "").replace("**", ""))


def reflow(markdown: str) -> str:
    """The Markdown with the lines of each paragraph and list item joined into one line."""
    out: list[str] = []
    current: str | None = None
    in_code = False

    def flush() -> None:
        nonlocal current
        if current is not None:
            out.append(current)
            current = None

    for line in markdown.splitlines():
        if line.startswith("```"):
            flush()
            in_code = not in_code
            out.append(line)
        elif in_code:
            out.append(line)
        elif not line.strip() or line.startswith("#"):
            flush()
            out.append(line)
        elif _ITEM.match(line) or current is None:
            flush()
            current = line.rstrip()
        else:
            current = unwrap(f"{current}\n{line}")
    flush()
    return "\n".join(out)


def wrap(text: str, width: int, indent: str = "", hang: str = "") -> list[str]:
    """``text`` wrapped to ``width`` cells: words of Latin letters kept whole, Chinese broken
    between any two characters, never before a closing mark (the character or word before it moves
    to the next line with it)."""
    lines: list[str] = []
    line: list[str] = [indent]
    used = _cells(indent)
    for token in _TOKEN.findall(text):
        size = _cells(token)
        if token.isspace():
            if used + size <= width and "".join(line).strip():
                line.append(token)
                used += size
            continue
        if used + size > width and "".join(line).strip():
            carry: list[str] = []
            while (carry or [token])[0][0] in _NO_LINE_START or (carry and carry[0].isspace()):
                if len(line) <= 2:
                    break
                carry.insert(0, line.pop())
            while len(line) > 2 and line[-1][-1:] in _NO_LINE_END:
                carry.insert(0, line.pop())
            lines.append("".join(line).rstrip())
            line = [hang, *carry]
            used = sum(_cells(t) for t in line)
        line.append(token)
        used += size
    if "".join(line).strip():
        lines.append("".join(line).rstrip())
    return lines


def plain(markdown: str, width: int) -> str:
    """Reflowed Markdown as plain text (see the module's documentation)."""
    out: list[str] = []
    in_code = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            out.extend(wrap(line, width, "    ", "    ") or [""])
        elif line.startswith("#"):
            out.append(line.lstrip("#").strip())
        elif not line.strip():
            out.append("")
        else:
            text = line.replace("**", "").replace("`", "")
            item = _ITEM.match(text)
            hang = "  " + " " * len(item.group(0)) if item else "  "
            out.extend(wrap(text, width, "  ", hang))
    return "\n".join(out)


def hard_wrapped(markdown: str, width: int) -> str:
    """Reflowed Markdown with its paragraphs and list items wrapped to ``width`` by :func:`wrap`,
    each line ending in a hard break: rich then draws the lines as they are, instead of breaking
    Chinese at its own places (before a comma, or at the space of “默认 1”)."""
    out: list[str] = []
    in_code = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        if in_code and not line.startswith("```"):
            # rich draws a code block with a cell of padding on each side
            out.extend(wrap(line, width - 2) or [line])
            continue
        if line.startswith(("```", "#")) or not line.strip():
            out.append(line)
            continue
        item = _ITEM.match(line)
        marker = item.group(0) if item else ""
        # rich draws a list item as " • " before the text
        lines = wrap(line[len(marker) :], width - (3 if item else 0))
        # a wrapped line must not read as the start of a list, heading or quote
        lines[1:] = [_BLOCK_START.sub(r"\1\\\2", rest, count=1) for rest in lines[1:]]
        pad = " " * len(marker)
        out.append(marker + "\\\n".join(lines[:1] + [pad + rest for rest in lines[1:]]))
    return "\n".join(out)


def options_section(rule: Rule, lang: str) -> str:
    """The options of a rule with their defaults, for a rule whose docstring does not describe
    them (every rule of factlint does: the registry tests check it)."""
    fields = rule.option_fields()
    if not fields:
        return ""
    title = "Options" if lang == "en" else "选项"
    if title in doc_sections(rule.doc):
        return ""
    default = "default" if lang == "en" else "默认"
    items = [f"- `{f.name.replace('_', '-')}` ({default} {f.default!r})" for f in fields]
    return f"## {title}\n" + "\n".join(items)


def body(rule: Rule, lang: str) -> str:
    """The rule's documentation in ``lang`` as Markdown, reflowed, options listed once; in Chinese
    with a pointer to the English section on how the rule works."""
    parts = [doc_in(rule.doc, lang), options_section(rule, lang)]
    if lang != "en" and "How it works" in doc_sections(rule.doc):
        parts.append(f"实现细节（英文）：factlint rule {rule.code} --lang en")
    return reflow("\n\n".join(p for p in parts if p))

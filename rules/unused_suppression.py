"""X100 unused-suppression — a ``<!-- factlint-… -->`` comment that has no effect.

## 检查什么
Markdown 文件中不起作用的 `<!-- factlint-… -->` 注释：注释里的规则代码并没有关掉任何提示；代码不存
在（会提示最接近的代码）；`factlint-enable` 前面没有对应的 `factlint-disable`；指令拼错了。

只有当某条规则确实在这个文件上运行过，才判断它的代码是否多余：
用 `--select` 或 `per-file-ignores` 排除的规则，无法判断。

要关掉本条提示，只能在注释里写明 X100（`<!-- factlint-disable X100 -->`）；这样的注释本身不会被报
告。

## 为什么重要
关闭提示的注释会比它所针对的问题活得更久：原文改好以后，多余的注释会悄悄遮住同一位置的下一个真问
题。拼错的代码或指令什么都不关，看起来却像关掉了。

## 示例
```md
深化交往交流交融，组织两地校际结对36对，互派教师120余名。

<!-- factlint-disable-next-line D101, P102 -->
深化交往交流交融，组织两地校际结对36对，互派教师120余名。
```

## 改为
```md
深化交往交流交融，组织两地校际结对36对，互派教师120余名。

<!-- factlint-disable-next-line D101 -->
深化交往交流交融，组织两地校际结对36对，互派教师120余名。
```

## 如何修改
删去整条注释，或只删去不起作用的代码。`--fix` 可以自动修改。

## What it does
Reports each inline suppression comment of a Markdown file that does nothing: a code that
suppressed no diagnostic, an unknown code (naming the closest valid one), a ``factlint-enable``
with no open ``factlint-disable`` to end, a misspelt directive. The fix deletes the comment (its
whole line when it stands alone on one), or only the codes that do nothing.

A code is judged only when every rule it covers ran on the file: a rule left out by ``--select``
or ``per-file-ignores`` cannot tell whether its suppression is still needed.

This rule runs after the others: the suppression pass (``factlint.engine.suppressions``) compares
the comments with the other rules' diagnostics and notes why each comment, or a code of it, has no
effect; ``check`` reads those notes (its scope is ``"suppressions"``). It is selected, ignored and
configured like any other rule. It is silenced only by naming it
(``<!-- factlint-disable X100 -->``); such comments are never themselves reported.

## Why it matters
A suppression outlives the defect it was written for: once the text is corrected, a stale
``disable`` silently hides the next real defect in the same place. A misspelt code or directive
suppresses nothing while looking as if it did.

## How it works
This rule runs after the others: the suppression pass (``factlint.engine.suppressions``) compares
the comments with the other rules' diagnostics and notes why each comment, or a code of it, has no
effect; ``check`` reads those notes (its scope is ``"suppressions"``). It is selected, ignored and
configured like any other rule. The fix deletes the comment (its whole line when it stands alone on
one), or only the codes that do nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from factlint.model import Finding, Fix, Message, Severity
from factlint.rule import NoOptions, RuleMeta
from factlint.text.directives import DIRECTIVES, Directive, Issue
from factlint.text.document import Document

META = RuleMeta(
    code="X100",
    name="unused-suppression",
    severity=Severity.WARNING,
    summary=Message("没有作用的抑制注释", "an inline suppression comment that has no effect"),
    fixable=True,
    scope="suppressions",
    reads=(DIRECTIVES,),
)

REMOVE_COMMENT = Message("删除该注释", "delete the comment")


def remove_codes(codes: Sequence[str]) -> Message:
    shown = "、".join(f"“{c}”" for c in codes)
    return Message(f"删去{shown}", "remove " + ", ".join(f"“{c}”" for c in codes))


def unused(label: str, code: str | None) -> Message:
    if code is None:
        return Message(
            f"抑制注释“{label}”没有抑制任何诊断",
            f"suppression comment “{label}” suppresses nothing",
        )
    return Message(
        f"抑制注释“{label}”中的“{code}”没有抑制任何诊断",
        f"“{code}” in suppression comment “{label}” suppresses nothing",
    )


def unused_enable(label: str, code: str | None) -> Message:
    what = f"“{label}”" if code is None else f"“{label}”中的“{code}”"
    what_en = f"“{label}”" if code is None else f"“{code}” in “{label}”"
    return Message(
        f"{what}结束的禁用没有抑制任何诊断", f"the disable ended by {what_en} suppressed nothing"
    )


def nothing_to_enable(label: str, code: str | None) -> Message:
    if code is None:
        return Message(
            f"“{label}”之前没有未结束的 factlint-disable",
            f"“{label}” has no open factlint-disable to end",
        )
    return Message(
        f"“{label}”之前没有禁用“{code}”的 factlint-disable",
        f"“{label}”: no open factlint-disable of “{code}” to end",
    )


def unknown_directive(kind: str, closest: str | None) -> Message:
    zh = f"未知的抑制指令“factlint-{kind}”"
    en = f"unknown suppression directive “factlint-{kind}”"
    if closest:
        zh += f"，是否想写“factlint-{closest}”？"
        en += f"; did you mean “factlint-{closest}”?"
    return Message(zh, en)


def _reason(directive: Directive, issue: Issue) -> Message:
    # a code is named in the message only when the comment names several
    named = issue.code if len(directive.codes) > 1 else None
    if issue.kind == "unknown-directive":
        return unknown_directive(directive.kind, issue.closest)
    if issue.kind == "unknown-code":
        assert issue.error is not None
        return issue.error
    if issue.kind == "nothing-to-enable":
        return nothing_to_enable(directive.label, named)
    if issue.kind == "unused-enable":
        return unused_enable(directive.label, named)
    return unused(directive.label, named)


def _finding(directive: Directive, issues: Sequence[Issue]) -> Finding:
    reasons = [_reason(directive, issue) for issue in issues]
    message = Message("；".join(r.zh for r in reasons), "; ".join(r.en for r in reasons))
    if any(issue.kind == "unknown-directive" for issue in issues):
        return Finding(directive.span, message)  # what the comment meant is not certain
    whole = any(issue.code is None for issue in issues)
    bad = [issue.code for issue in issues if issue.code is not None]
    kept = [c for c in directive.codes if c not in bad]
    if whole or not kept:
        return Finding(directive.removal, message, fix=Fix("", REMOVE_COMMENT))
    return Finding(directive.span, message, fix=Fix(directive.rewritten(kept), remove_codes(bad)))


def check(
    doc: Document, issues: Sequence[tuple[Directive, Sequence[Issue]]], opts: NoOptions
) -> Iterator[Finding]:
    """One finding per comment that has, or has a code that has, no effect."""
    for directive, found in issues:
        yield _finding(directive, found)

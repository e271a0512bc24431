"""``--format html``: one self-contained HTML page to open in a browser (no network: inline CSS and a
small inline script, no font, image or link that leaves the page).

Each document with findings (or that a finding refers to) is shown with its text, every finding
highlighted in place: the flagged characters in a ``<mark>`` carrying the finding's number
(``data-f``), its code and message on hover (``title``) and in the side list on click. Overlapping
findings are split, not nested: the text is cut at every span edge in one pass over the sorted
edges, and each piece is one ``<mark>`` naming every finding that covers it, so a finding's text is
the pieces that name it, in order, and the HTML is well-formed whatever overlaps. A finding with an
empty span is an empty ``<mark>``. The related places are marked the same way (``data-r``) with an
anchor, one click away from the finding's entry, also in another document of the run: following
the link outlines the related place's marks (and the finding's) as a click on the finding does.

The side list groups the findings by severity, then by rule, with counts; check boxes filter them
by severity and by family (the first letter of the code). The summary line is the ``full`` format's.

Everything taken from a document, a path or a message is escaped (:func:`html.escape`), control
characters made visible as in the terminal formats (line breaks kept)."""

from __future__ import annotations

import heapq
import html
from collections.abc import Iterator
from dataclasses import dataclass

from factlint.model import Diagnostic, Severity
from factlint.reporters import _VISIBLE, Format, Report
from factlint.reporters.full import ordered, summary_text
from factlint.reporters.i18n import t
from factlint.text.document import Document
from factlint.text.places import describe

#: control characters made visible, but line breaks kept (the text is shown line by line)
_SHOWN = {c: v for c, v in _VISIBLE.items() if c not in (0x0A, 0x0D)}

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("factlint 检查报告", "factlint report"),
    "findings": ("问题列表", "Findings"),
    "severity": ("严重程度", "Severity"),
    "family": ("规则类别", "Family"),
    "documents": ("文档", "Documents"),
    "clean_docs": ("未发现问题的文件", "Files without findings"),
    "problems": ("未能检查的输入", "Inputs not checked"),
    "none": ("未发现问题", "No findings"),
    "all": ("全部", "all"),
}


def _w(key: str, lang: str) -> str:
    zh, en = _WORDS[key]
    return en if lang == "en" else zh


def _e(text: str) -> str:
    """``text`` escaped for HTML text and attributes, its control characters made visible."""
    return html.escape(text.translate(_SHOWN) if not text.isprintable() else text, quote=True)


@dataclass(frozen=True, slots=True)
class _Mark:
    """A span to mark in a document: a finding (``number``) or a related place of one (``ref``)."""

    start: int
    end: int
    number: int  # the finding's number (f1, f2, …)
    ref: int = -1  # the related place's index in the finding's, or -1: the finding itself
    severity: Severity = Severity.INFO
    title: str = ""

    @property
    def anchor(self) -> str:
        return f"f{self.number}" if self.ref < 0 else f"r{self.number}-{self.ref}"


def _offset(doc: Document, line: int, column: int) -> int | None:
    """The code-point offset of a 1-based line and column in ``doc``, None if outside it."""
    if not 1 <= line <= len(doc.line_starts):
        return None
    offset = doc.line_starts[line - 1] + column - 1
    return offset if 0 <= offset <= len(doc.text) else None


def _shown(text: str, piece: tuple[int, int]) -> str:
    """``text[start:end]`` as HTML text: line breaks as ``\\n`` (a CR before an LF dropped),
    control characters visible, escaped."""
    start, end = piece
    chunk = text[start:end]
    if "\r" in chunk:
        chunk = chunk.replace("\r\n", "\n")
        if chunk.endswith("\r") and text.startswith("\n", end):
            chunk = chunk[:-1]
        chunk = chunk.replace("\r", "\n")
    return _e(chunk)


def _highlight(doc: Document, number: int, marks: list[_Mark]) -> str:
    """The document's text as HTML, each mark's characters in ``<mark>`` pieces (see the module's
    docstring), a line-number anchor (``d{number}-L{line}``) at each line's start: one pass over
    the merged, sorted edges."""
    text = doc.text
    starts: dict[int, list[_Mark]] = {}
    ends: dict[int, list[_Mark]] = {}
    for m in marks:
        starts.setdefault(m.start, []).append(m)
        ends.setdefault(m.end, []).append(m)
    edges = heapq.merge(doc.line_starts, sorted(starts.keys() | ends.keys()), [len(text)])
    line_of = {s: i + 1 for i, s in enumerate(doc.line_starts)}
    out: list[str] = []
    active: dict[_Mark, None] = {}  # insertion-ordered set
    last = 0
    previous = -1
    for edge in edges:
        if edge == previous:
            continue  # the edges are sorted: a repeated one is handled
        previous = edge
        if edge > last:
            out.append(_piece(text, (last, edge), active))
        last = edge
        for m in ends.get(edge, ()):
            active.pop(m, None)
        if edge in line_of and (edge < len(text) or edge == 0):  # not the empty line at the end
            line = line_of[edge]
            out.append(f'<span class="ln" id="d{number}-L{line}" data-n="{line}"></span>')
        for m in starts.get(edge, ()):
            out.append(f'<span class="anchor" id="{m.anchor}"></span>')
            if m.end == m.start:
                out.append(_open((m,)) + "</mark>")
            else:
                active[m] = None
    if last < len(text):
        out.append(_piece(text, (last, len(text)), active))
    return "".join(out)


def _open(marks: tuple[_Mark, ...] | list[_Mark]) -> str:
    findings = [m for m in marks if m.ref < 0]
    related = [m for m in marks if m.ref >= 0]
    attrs = []
    if findings:
        worst = max((m.severity for m in findings), key=lambda s: s.rank)
        cls = f"sev-{worst.value}"
        attrs.append(f' data-f="{" ".join(f"f{m.number}" for m in findings)}"')
    else:
        cls = "rel"
    if related:
        attrs.append(f' data-r="{" ".join(m.anchor for m in related)}"')
    if any(m.start == m.end for m in marks):
        cls += " empty"
    title = "\n".join(m.title for m in marks)
    return f'<mark class="{cls}"{"".join(attrs)} title="{title}">'


def _piece(text: str, piece: tuple[int, int], active: dict[_Mark, None]) -> str:
    shown = _shown(text, piece)
    if not active:
        return shown
    return _open(list(active)) + shown + "</mark>"


def _marks(
    report: Report, diagnostics: list[Diagnostic], numbers: dict[str, int]
) -> dict[str, list[_Mark]]:
    """The marks of each shown document (by path): the findings and their related places. A span
    outside its document's text (it cannot be shown) has no mark: its entry has no link."""
    lang = report.lang
    out: dict[str, list[_Mark]] = {path: [] for path in numbers}
    for i, d in enumerate(diagnostics, 1):
        doc = report.documents.get(d.path)
        message = d.message.text(lang)
        if doc is not None and d.span.end <= len(doc.text):
            title = _e(f"{d.code} {message}{report.where(d)}")
            out[d.path].append(_Mark(d.span.start, d.span.end, i, -1, d.severity, title))
        for j, r in enumerate(d.related):
            other = report.documents.get(r.path)
            if other is None:
                continue
            start = _offset(other, r.line, r.column)
            end = _offset(other, r.end_line, r.end_column)
            if start is None or end is None or end < start:
                continue
            title = _e(f"{t('related', lang)} {d.code}: {r.message.text(lang)}")
            out[r.path].append(_Mark(start, end, i, j, d.severity, title))
    return out


def _entry(report: Report, i: int, d: Diagnostic, shown: set[str]) -> str:
    # ``shown``: the anchors on the page (``f3``, ``r3-0``)
    """One finding in the side list: where, code, message, place, related places, fix."""
    lang = report.lang
    colon = "：" if lang != "en" else ": "
    place = report.place(d)
    words = describe(place, lang) if place is not None else ""
    loc = f"{d.path}:{d.location.line}:{d.location.column}"
    target = f"#f{i}" if f"f{i}" in shown else ""
    head = f'<span class="code">{_e(d.code)}</span> {_e(d.message.text(lang))}'
    where = f'<span class="loc">{_e(loc)}</span>'
    if words:
        where += f' <span class="place">{_e(words)}</span>'
    parts = [
        f'<li class="finding" id="l{i}" data-sev="{d.severity.value}" data-family="{_e(d.code[:1])}"'
        f' data-f="f{i}">',
        f'<a class="go" href="{target}">{head}</a>' if target else head,
        f'<div class="where">{where}</div>',
    ]
    for j, r in enumerate(d.related):
        rel = f"{r.path}:{r.line}:{r.column} {r.message.text(lang)}"
        label = f"{t('related', lang)}{colon}"
        if f"r{i}-{j}" in shown:
            parts.append(f'<div class="related">{_e(label)}<a href="#r{i}-{j}">{_e(rel)}</a></div>')
        else:
            parts.append(f'<div class="related">{_e(label + rel)}</div>')
    if d.fix is not None:
        key = "fix" if d.fix.safe else "fix_unsafe"
        parts.append(
            f'<div class="fix">{_e(t(key, lang) + colon + d.fix.message.text(lang))}</div>'
        )
    parts.append("</li>")
    return "".join(parts)


def _side(report: Report, diagnostics: list[Diagnostic], shown: set[str]) -> Iterator[str]:
    """The side list: the filters, then the findings by severity, then by rule, with counts."""
    lang = report.lang
    numbered = list(enumerate(diagnostics, 1))
    families = sorted({d.code[:1] for d in diagnostics})
    yield '<nav class="side">'
    yield f"<h2>{_w('findings', lang)}</h2>"
    yield '<div class="filters">'
    yield f'<div class="filter-group"><span>{_w("severity", lang)}</span>'
    for s in _SEVERITIES:
        n = sum(1 for d in diagnostics if d.severity is s)
        yield (
            f'<label><input type="checkbox" class="filter" data-kind="sev" value="{s.value}"'
            f" checked> {_e(t(s.value, lang))} ({n})</label>"
        )
    yield "</div>"
    yield f'<div class="filter-group"><span>{_w("family", lang)}</span>'
    for fam in families:
        n = sum(1 for d in diagnostics if d.code[:1] == fam)
        yield (
            f'<label><input type="checkbox" class="filter" data-kind="family" value="{_e(fam)}"'
            f" checked> {_e(fam)} ({n})</label>"
        )
    yield "</div></div>"
    if not diagnostics:
        yield f'<p class="none">{_w("none", lang)}</p>'
    for s in _SEVERITIES:
        of_severity = [(i, d) for i, d in numbered if d.severity is s]
        if not of_severity:
            continue
        yield f'<section class="severity" data-sev="{s.value}">'
        yield f"<h3>{_e(t(s.value, lang))} ({len(of_severity)})</h3>"
        by_rule: dict[str, list[tuple[int, Diagnostic]]] = {}
        for i, d in of_severity:
            by_rule.setdefault(d.code, []).append((i, d))
        for code in sorted(by_rule, key=lambda c: (-len(by_rule[c]), c)):
            items = by_rule[code]
            name = items[0][1].rule
            yield (
                f'<details class="rule" open data-family="{_e(code[:1])}"><summary>'
                f'<span class="code">{_e(code)}</span> {_e(name)} ({len(items)})</summary><ol>'
            )
            for i, d in items:
                yield _entry(report, i, d, shown)
            yield "</ol></details>"
        yield "</section>"
    yield "</nav>"


_CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
color:#222;background:#fafafa;display:flex;flex-direction:column;min-height:100vh}
header{padding:.6em 1em;background:#333;color:#fff}
header h1{font-size:1.1em;margin:0 0 .2em}
.summary{margin:0;font-size:.95em}
.main{display:flex;flex:1;min-height:0}
.side{width:26em;max-width:40%;overflow:auto;padding:.5em 1em;border-right:1px solid #ddd;
background:#fff;height:calc(100vh - 4em);position:sticky;top:0}
.docs{flex:1;overflow:auto;padding:.5em 1.5em;height:calc(100vh - 4em)}
.filters label{margin-right:.8em;white-space:nowrap}
.filter-group{margin:.3em 0}.filter-group>span{font-weight:bold;margin-right:.6em}
.side h3{margin:.8em 0 .3em}
.side ol{padding-left:1.6em;margin:.2em 0}
.finding{margin:.3em 0;padding:.2em;border-radius:3px}
.finding.active{background:#ffe9a8}
.finding a.go{color:inherit;text-decoration:none}
.finding a.go:hover{text-decoration:underline}
.where,.related,.fix{font-size:.85em;color:#555}
.code{font-family:ui-monospace,Consolas,monospace;font-weight:bold}
.hidden{display:none}
.doc h2{font-size:1em;font-family:ui-monospace,Consolas,monospace;border-bottom:1px solid #ccc}
.text{white-space:pre-wrap;word-break:break-all;line-height:1.7;background:#fff;padding:.5em 1em;
border:1px solid #eee;font-size:1em}
.ln::before{content:attr(data-n);display:inline-block;width:3.5em;margin-left:-.5em;color:#aaa;
font-size:.75em;user-select:none;-webkit-user-select:none}
mark{cursor:pointer;border-radius:2px;padding:0}
mark.sev-error{background:#ffc9c9;border-bottom:2px solid #d00}
mark.sev-warning{background:#ffe8a3;border-bottom:2px solid #c90}
mark.sev-info{background:#cde6ff;border-bottom:2px solid #06c}
mark.rel{background:#e4e4e4;border-bottom:2px dashed #777}
mark.empty::before{content:"\\2038";color:#d00}
mark.off{background:none;border-bottom:none}
mark.active{outline:2px solid #000}
.problems{color:#a00}
"""

_SCRIPT = """
(function(){
var boxes=document.querySelectorAll('input.filter');
function apply(){
 var off={sev:{},family:{}};
 boxes.forEach(function(b){if(!b.checked)off[b.dataset.kind][b.value]=1;});
 var hidden={};
 document.querySelectorAll('li.finding').forEach(function(li){
  var h=off.sev[li.dataset.sev]||off.family[li.dataset.family];
  li.classList.toggle('hidden',!!h);if(h)hidden[li.dataset.f]=1;});
 document.querySelectorAll('details.rule').forEach(function(d){
  d.classList.toggle('hidden',!d.querySelector('li.finding:not(.hidden)'));});
 document.querySelectorAll('section.severity').forEach(function(s){
  s.classList.toggle('hidden',!s.querySelector('li.finding:not(.hidden)'));});
 document.querySelectorAll('mark[data-f]').forEach(function(m){
  var ids=m.dataset.f.split(' ');
  m.classList.toggle('off',ids.every(function(i){return hidden[i];}));});
}
boxes.forEach(function(b){b.addEventListener('change',apply);});
function select(id){
 document.querySelectorAll('.active').forEach(function(e){e.classList.remove('active');});
 document.querySelectorAll('mark[data-f]').forEach(function(m){
  if(m.dataset.f.split(' ').indexOf(id)>=0)m.classList.add('active');});
 var li=document.getElementById('l'+id.slice(1));
 if(li){li.classList.add('active');return li;}
}
document.querySelectorAll('li.finding a.go').forEach(function(a){
 a.addEventListener('click',function(){select(a.closest('li').dataset.f);});});
document.querySelectorAll('li.finding .related a').forEach(function(a){
 a.addEventListener('click',function(){
  var id=a.getAttribute('href').slice(1);select(a.closest('li').dataset.f);
  document.querySelectorAll('mark[data-r]').forEach(function(m){
   if(m.dataset.r.split(' ').indexOf(id)>=0)m.classList.add('active');});});});
document.querySelectorAll('mark[data-f]').forEach(function(m){
 m.addEventListener('click',function(){
  var li=select(m.dataset.f.split(' ')[0]);if(li)li.scrollIntoView({block:'nearest'});});});
document.querySelectorAll('mark[data-r]').forEach(function(m){
 m.addEventListener('click',function(){
  var id='f'+m.dataset.r.split(' ')[0].slice(1).split('-')[0];
  if(!m.dataset.f){var li=select(id);if(li)li.scrollIntoView({block:'nearest'});}});});
})();
"""


def render(report: Report) -> str:
    lang = report.lang
    diagnostics = ordered(report)
    paths: dict[str, None] = {}
    for d in diagnostics:
        if d.path in report.documents:
            paths.setdefault(d.path, None)
        for r in d.related:
            if r.path in report.documents:
                paths.setdefault(r.path, None)
    numbers = {path: n for n, path in enumerate(paths, 1)}
    marks = _marks(report, diagnostics, numbers)
    summary, _ = summary_text(report)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_w('title', lang)}</title>",
        f"<style>{_CSS}</style></head>",
        "<body>",
        f'<header><h1>{_w("title", lang)}</h1><p class="summary">{_e(summary)}</p></header>',
        '<div class="main">',
        *_side(report, diagnostics, {m.anchor for ms in marks.values() for m in ms}),
        '<main class="docs">',
    ]
    if report.problems:
        out.append(f'<section class="problems"><h2>{_w("problems", lang)}</h2><ul>')
        out.extend(f"<li>{_e(str(p))}</li>" for p in report.problems)
        out.append("</ul></section>")
    for path, n in numbers.items():
        doc = report.documents[path]
        text = _highlight(doc, n, sorted(marks[path], key=lambda m: (m.start, m.end)))
        out.append(
            f'<section class="doc" id="d{n}"><h2>{_e(path)}</h2><div class="text">{text}</div>'
            "</section>"
        )
    clean = [p for p in report.documents if p not in numbers]
    if clean:
        out.append(f'<section class="clean"><h2>{_w("clean_docs", lang)}</h2><ul>')
        out.extend(f"<li>{_e(p)}</li>" for p in clean)
        out.append("</ul></section>")
    out += ["</main></div>", f"<script>{_SCRIPT}</script>", "</body></html>", ""]
    return "\n".join(out)


FORMAT = Format("html", render)

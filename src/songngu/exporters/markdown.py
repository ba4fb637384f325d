"""Markdown export: a GitHub-flavoured two-column table, one row per block.

Every sentence in both columns is preceded by its segment id as an HTML comment
(``<!-- b3.s2 -->``), invisible when rendered, so Markdown and DOCX pair the same way and the
file can be read back exactly (:func:`read_markdown_pairs`). Rows follow the review file's
(:mod:`songngu.ooxml.rows`): a source table row is one row, its cells separated by ``|``;
a long paragraph is cut into rows of a few sentences. Bold, italic and links are written as
Markdown (``**``, ``*``, ``[…](…)``), list items get a bullet, and links the English cannot
carry are listed after its sentences (``<sub>Links: …</sub>``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from songngu.approval import hint_line, provenance
from songngu.exporters import SegmentPair
from songngu.formatting import format_sentence
from songngu.model import BlockKind, Document, Mark, Origin, Segment
from songngu.ooxml.markup import Span, apply_marks
from songngu.ooxml.rows import RowPart, RowPlan, plan_rows
from songngu.titles import document_title

HEADER = "| Tiếng Việt | English |"
_RULE = "| --- | --- |"
_WRAPPERS = {BlockKind.HEADLINE: "**", BlockKind.HEADING: "**", BlockKind.CAPTION: "*"}
_ID_MARKER = re.compile(r"<!-- ([\w.]+) -->")
_CELL_SEPARATOR = " \\| "
_BULLET = "• "
_LINKS_NOTE = re.compile(r"<br><sub>Links: .*</sub>$")
# Markdown markup in a cell: escapes are kept for unescape_cell, markup is dropped on reading.
_MARKUP = re.compile(r"\\.|\*\*|\*|\[|\]\([^)\s]*\)|[^\\*\[\]]+|\]")
# URL characters that would end the link or the table cell.
_URL_ESCAPES = {")": "%29", "(": "%28", " ": "%20", "|": "%7C", "<": "%3C", ">": "%3E"}
#: How each glossary term's English got into the output, in an editor's words.
METHOD_WORDS = {
    "model": "already in the model's output",
    "prefix": "enforced by the model",
    "insert": "inserted",
    "repair": "corrected spelling",
    "aligned": "replaced the model's words",
    "memory": "from the translation memory",
    "": "missing",
}
# Characters Markdown would read as markup inside a table cell, and what to write instead.
_ESCAPES = {
    "\\": "\\\\",
    "|": "\\|",
    "*": "\\*",
    "_": "\\_",
    "`": "\\`",
    "[": "\\[",
    "]": "\\]",
    "~": "\\~",
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "\n": "<br>",
    "\r": "&#13;",
}
_UNESCAPE = re.compile(r"\\([\\|*_`\[\]~])|&amp;|&lt;|&gt;|&#13;|<br>")
_UNESCAPED_CHARACTERS = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&#13;": "\r", "<br>": "\n"}


def escape_cell(text: str) -> str:
    """Escape ``text`` so it shows literally inside a GFM table cell."""
    return "".join(_ESCAPES.get(char, char) for char in text)


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell`."""
    return _UNESCAPE.sub(lambda m: m.group(1) or _UNESCAPED_CHARACTERS[m.group()], text)


def render_markdown(document: Document) -> str:
    """Return the side-by-side Markdown of a translated document."""
    return (
        "\n".join(
            [
                *_header_lines(document),
                *_table_lines(document),
                *_audit_lines(document),
                *_state_lines(document),
                *_footer_lines(document),
            ]
        )
        + "\n"
    )


def write_markdown(document: Document, path: Path) -> None:
    """Write :func:`render_markdown` to ``path`` as UTF-8."""
    path.write_text(render_markdown(document), encoding="utf-8")


def read_markdown_pairs(path: Path) -> list[SegmentPair]:
    """Read segment ids, sources and targets back from the table of a Markdown export."""
    pairs: list[SegmentPair] = []
    for source_cell, target_cell in _iter_table_rows(path.read_text(encoding="utf-8")):
        sources = _split_cell(source_cell)
        targets = dict(_split_cell(target_cell))
        pairs.extend(SegmentPair(id_, text, targets.get(id_, "")) for id_, text in sources)
    return pairs


def _header_lines(document: Document) -> list[str]:
    meta = document.meta
    title = document_title(document)
    lines = [f"# {escape_cell(title)}", "", f"- Source: `{meta.source_path}`"]
    if meta.date:
        lines.append(f"- Date: {meta.date}")
    if meta.model:
        lines.append(f"- Model: `{meta.model}` ({meta.model_revision})")
    lines += [f"- Sentences: {document.num_segments}"]
    states = Counter(s.state.value for s in document.iter_segments() if s.state is not None)
    if states:
        lines.append(
            "- States: " + ", ".join(f"{n} {state}" for state, n in sorted(states.items()))
        )
    return [*lines, ""]


def _table_lines(document: Document) -> list[str]:
    lines = [HEADER, _RULE]
    for plan in plan_rows(document):
        source = _row_cell(plan, is_source=True)
        target = _row_cell(plan, is_source=False)
        lines.append(f"| {source} | {target} |")
    return lines


def _row_cell(plan: RowPlan, *, is_source: bool) -> str:
    """Write one column of a row: its parts side by side (a table row) or the one part."""
    links: list[tuple[str, str]] = []
    texts = [_part_text(part, links, is_source=is_source) for part in plan.parts]
    body = _CELL_SEPARATOR.join(texts)
    if links:
        listed = "; ".join(f"{escape_cell(text)} → {url}" for text, url in dict.fromkeys(links))
        body += f"<br><sub>Links: {listed}</sub>"
    return body


def _part_text(part: RowPart, links: list[tuple[str, str]], *, is_source: bool) -> str:
    block = part.block
    parts = []
    previous_end = None
    for segment in part.segments:
        if previous_end is not None:
            gap = block.text[previous_end - block.start : segment.start - block.start]
            parts.append("<br>" if "\n" in gap else " ")
        parts.append(f"<!-- {segment.id} -->{_sentence(part, segment, links, is_source)}")
        previous_end = segment.end
    wrapper = _WRAPPERS.get(block.kind, "")
    body = "".join(parts)
    bullet = _BULLET if block.kind is BlockKind.LIST_ITEM and body else ""
    return f"{bullet}{wrapper}{body}{wrapper}" if body else body


def _sentence(
    part: RowPart, segment: Segment, links: list[tuple[str, str]], is_source: bool
) -> str:
    formatting = format_sentence(part.block, segment)
    if is_source:
        return render_inline(segment.source, formatting.source, part.block.kind)
    links.extend(formatting.unplaced)
    return render_inline(segment.target or "", formatting.target, part.block.kind)


def render_inline(text: str, marks: tuple[Mark, ...], kind: BlockKind) -> str:
    """Return ``text`` escaped, with its marks as Markdown emphasis and links."""
    if not marks:
        return escape_cell(text)
    return "".join(_render_span(span, kind) for span in apply_marks([Span(text)], marks))


def _render_span(span: Span, kind: BlockKind) -> str:
    core = span.text.strip()
    if not core:
        return escape_cell(span.text)
    wrapper = "**" if span.bold and kind not in _WRAPPERS else ""
    wrapper += "*" if span.italic and _WRAPPERS.get(kind) != "*" else ""
    inner = f"{wrapper}{escape_cell(core)}{wrapper[::-1]}"
    if span.url:
        url = "".join(_URL_ESCAPES.get(char, char) for char in span.url)
        inner = f"[{inner}]({url})"
    left = span.text[: len(span.text) - len(span.text.lstrip())]
    right = span.text[len(span.text.rstrip()) :]
    return f"{escape_cell(left)}{inner}{escape_cell(right)}"


def _audit_lines(document: Document) -> list[str]:
    segments = list(document.iter_segments())
    lines: list[str] = []
    terms = [(segment, term) for segment in segments for term in segment.terms]
    if terms:
        lines += [
            "",
            "## Glossary terms",
            "",
            "| Segment | Tiếng Việt | English | Enforced | How |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| {s.id} | {escape_cell(t.source)} | {escape_cell(t.target)} | "
            f"{'yes' if t.enforced else '**no**'} | {METHOD_WORDS.get(t.method, t.method)} |"
            for s, t in terms
        ]
    issues = [(segment, issue) for segment in segments for issue in segment.issues]
    if issues:
        lines += [
            "",
            "## QA issues",
            "",
            "| Segment | Severity | Code | Message |",
            "| --- | --- | --- | --- |",
        ]
        lines += [
            f"| {s.id} | {i.severity.value} | {i.code} | {escape_cell(i.message)} |"
            for s, i in issues
        ]
    return lines


def _state_lines(document: Document) -> list[str]:
    """List the sentences a person vetted or a memory entry touched (model output is the rest)."""
    rows = [
        f"| {s.id} | {escape_cell(provenance(s))} | {_origin_cell(s)} | {_hint_cell(s)} |"
        for s in document.iter_segments()
        if s.origin is Origin.MEMORY or s.hint is not None or (s.state and s.state.is_vetted)
    ]
    if not rows:
        return []
    header = ["", "## Review states", "", "| Segment | State | From | Memory hint |"]
    return [*header, "| --- | --- | --- | --- |", *rows]


def _origin_cell(segment: Segment) -> str:
    return "memory" if segment.origin is Origin.MEMORY else "-"


def _hint_cell(segment: Segment) -> str:
    return escape_cell(hint_line(segment.hint)) if segment.hint else "-"


def _footer_lines(document: Document) -> list[str]:
    return ["", "---", "", f"<sub>{escape_cell(document.meta.signature)}</sub>"]


def _iter_table_rows(text: str) -> Iterator[tuple[str, str]]:
    # Only "\n" ends a line here: str.splitlines() would also split at form feeds and other
    # separators that may sit, unescaped, inside a cell.
    lines = iter(text.split("\n"))
    for line in lines:
        if line.strip() == HEADER:
            break
    next(lines, None)
    for line in lines:
        if not line.startswith("|"):
            return
        cells = _split_row(line)
        if len(cells) == 2:
            yield cells[0], cells[1]


def _split_row(line: str) -> list[str]:
    """Split a table row at its unescaped pipes (a backslash escapes the next character)."""
    cells: list[str] = []
    current: list[str] = []
    characters = iter(line.strip()[1:])
    for char in characters:
        if char == "\\":
            current += [char, next(characters, "")]
        elif char == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    return cells


def _split_cell(cell: str) -> list[tuple[str, str]]:
    pieces = _ID_MARKER.split(_LINKS_NOTE.sub("", cell))
    return [
        (pieces[index], unescape_cell(_strip_markup(_strip_separator(pieces[index + 1]))))
        for index in range(1, len(pieces), 2)
    ]


def _strip_separator(text: str) -> str:
    for separator in (f"{_CELL_SEPARATOR}{_BULLET}", _CELL_SEPARATOR, "<br>", " "):
        if text.endswith(separator) and not text.endswith("\\" + separator):
            return text[: -len(separator)]
    return text


def _strip_markup(text: str) -> str:
    """Drop Markdown emphasis and link syntax; escaped characters stay for unescape_cell."""
    return "".join(
        token for token in _MARKUP.findall(text) if token.startswith("\\") or token[0] not in "*[]"
    )

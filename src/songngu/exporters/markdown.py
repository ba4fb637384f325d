"""Markdown export: a GitHub-flavoured two-column table, one row per block.

Every sentence in both columns is preceded by its segment id as an HTML comment
(``<!-- b3.s2 -->``), invisible when rendered, so Markdown and DOCX pair the same way and the
file can be read back exactly (:func:`read_markdown_pairs`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from songngu.exporters import SegmentPair
from songngu.model import Block, BlockKind, Document, Segment
from songngu.titles import document_title

HEADER = "| Tiếng Việt | English |"
_RULE = "| --- | --- |"
_WRAPPERS = {BlockKind.HEADLINE: "**", BlockKind.HEADING: "**", BlockKind.CAPTION: "*"}
_ID_MARKER = re.compile(r"<!-- ([\w.]+) -->")
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
    lines += [f"- Segments: {document.num_segments}", ""]
    return lines


def _table_lines(document: Document) -> list[str]:
    lines = [HEADER, _RULE]
    for block in document.blocks:
        source = _cell(block, lambda segment: segment.source)
        target = _cell(block, lambda segment: segment.target or "")
        lines.append(f"| {source} | {target} |")
    return lines


def _cell(block: Block, text_of: Callable[[Segment], str]) -> str:
    parts = []
    previous_end = None
    for segment in block.segments:
        if previous_end is not None:
            gap = block.text[previous_end - block.start : segment.start - block.start]
            parts.append("<br>" if "\n" in gap else " ")
        parts.append(f"<!-- {segment.id} -->{escape_cell(text_of(segment))}")
        previous_end = segment.end
    wrapper = _WRAPPERS.get(block.kind, "")
    body = "".join(parts)
    return f"{wrapper}{body}{wrapper}" if body else body


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
            f"{'yes' if t.enforced else '**no**'} | {t.method or '-'} |"
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
    for wrapper in ("**", "*"):
        if cell.startswith(wrapper + "<!--") and cell.endswith(wrapper):
            cell = cell[len(wrapper) : -len(wrapper)]
            break
    pieces = _ID_MARKER.split(cell)
    return [
        (pieces[index], unescape_cell(_strip_separator(pieces[index + 1])))
        for index in range(1, len(pieces), 2)
    ]


def _strip_separator(text: str) -> str:
    for separator in ("<br>", " "):
        if text.endswith(separator):
            return text[: -len(separator)]
    return text

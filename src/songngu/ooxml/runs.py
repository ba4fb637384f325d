"""Inline formatting of WordprocessingML runs: bold, italic and hyperlinks as marks on the text.

Used by :mod:`songngu.ooxml.body` while it collects a paragraph's text. Direct formatting
(``w:b``, ``w:i`` in a run's ``w:rPr``) and external hyperlinks (``w:hyperlink r:id`` resolved
through the part's relationships) are kept; formatting that comes from a style is the block's
look, not the editor's emphasis, and internal links (``w:anchor``) lead nowhere outside the file.
See ``docs/design/formatting.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree import ElementTree

from songngu.model import Mark, MarkStyle

__all__ = ["LineText", "link_target", "merge_marks", "read_links", "run_styles"]

Element = ElementTree.Element

_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FALSE = frozenset({"0", "false", "off", "none"})
_TOGGLES = (("b", MarkStyle.BOLD), ("i", MarkStyle.ITALIC))


@dataclass
class LineText:
    """A paragraph's text as it is collected, with the marks over it (offsets into the text)."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    marks: list[Mark] = field(default_factory=list)

    def add(self, text: str, styles: tuple[MarkStyle, ...], url: str) -> None:
        """Append ``text`` carrying ``styles`` (and a link to ``url`` when it is set)."""
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        if not text:
            return
        self.marks.extend(Mark(start, self.length, style) for style in styles)
        if url:
            self.marks.append(Mark(start, self.length, MarkStyle.LINK, url))

    @property
    def text(self) -> str:
        """Return the text collected so far."""
        return "".join(self.parts)


def run_styles(run: Element, w: str) -> tuple[MarkStyle, ...]:
    """Return the direct bold and italic of a run (``<w:b/>``, not ``<w:b w:val="0"/>``)."""
    properties = run.find(f"{w}rPr")
    if properties is None:
        return ()
    styles = []
    for tag, style in _TOGGLES:
        element = properties.find(f"{w}{tag}")
        if element is not None and element.get(f"{w}val", "true").casefold() not in _FALSE:
            styles.append(style)
    return tuple(styles)


def link_target(hyperlink: Element, links: dict[str, str]) -> str:
    """Return the URL of a ``w:hyperlink`` ("" for an internal or unresolved one)."""
    return links.get(hyperlink.get(_RELATIONSHIP_ID, ""), "")


def read_links(relationships: Element | None) -> dict[str, str]:
    """Return relationship id → URL for the external hyperlinks of a part's ``.rels``."""
    if relationships is None:
        return {}
    return {
        element.get("Id", ""): element.get("Target", "")
        for element in relationships.iter(f"{_PACKAGE_RELATIONSHIPS}Relationship")
        if element.get("Type", "").endswith("/hyperlink")
        and element.get("TargetMode") == "External"
    }


def merge_marks(marks: list[Mark]) -> tuple[Mark, ...]:
    """Join marks of one style (and URL) that touch or overlap, in order of their start."""
    merged: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.style.value, m.url, m.start)):
        last = merged[-1] if merged else None
        if last and (last.style, last.url) == (mark.style, mark.url) and mark.start <= last.end:
            merged[-1] = Mark(last.start, max(last.end, mark.end), last.style, last.url)
        else:
            merged.append(mark)
    return tuple(sorted(merged, key=lambda m: (m.start, m.end, m.style.value)))

"""Inline formatting of WordprocessingML runs: bold, italic and hyperlinks as marks on the text.

Used by :mod:`songngu.ooxml.body` while it collects a paragraph's text. Direct formatting
(``w:b``, ``w:i`` in a run's ``w:rPr``) and external hyperlinks (``w:hyperlink r:id`` resolved
through the part's relationships) are kept; formatting that comes from a style is the block's
look, not the editor's emphasis, and internal links (``w:anchor``) lead nowhere outside the file.
See ``docs/design/formatting.md``.
"""

from __future__ import annotations

from xml.etree import ElementTree

from songngu.model import MarkStyle

__all__ = ["link_target", "read_links", "run_styles"]

Element = ElementTree.Element

_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FALSE = frozenset({"0", "false", "off", "none"})
_TOGGLES = (("b", MarkStyle.BOLD), ("i", MarkStyle.ITALIC))


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

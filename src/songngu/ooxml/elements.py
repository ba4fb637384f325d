"""Small WordprocessingML edits python-docx has no API for: children in schema order, shading.

Shared by the review file's writer (:mod:`songngu.ooxml.writer`) and its table layout
(:mod:`songngu.ooxml.layout`).
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from songngu.ooxml.markup import CHILD_ORDER

__all__ = ["set_child", "set_language", "set_shading", "underline"]


def underline(run_properties: Any, kind: str, colour: str) -> None:
    """Underline a run (``kind``: single, dotted, wave, …) in ``colour``."""
    set_child(run_properties, "w:u", {"w:val": kind, "w:color": colour})


def set_child(parent: Any, tag: str, attributes: dict[str, str] | None = None) -> Any:
    """Set ``parent``'s child ``tag`` (replacing one already there), in schema order."""
    order = [qn(f"w:{name}") for name in CHILD_ORDER[_prefixed(parent.tag)].split()]
    child = OxmlElement(tag, {qn(name): value for name, value in (attributes or {}).items()})
    existing = parent.find(qn(tag))
    if existing is not None:
        existing.addprevious(child)
        parent.remove(existing)
        return child
    predecessors = set(order[: order.index(qn(tag))])
    before = [element for element in parent if element.tag in predecessors]
    if before:
        before[-1].addnext(child)
    else:
        parent.insert(0, child)
    return child


def _prefixed(clark_name: str) -> str:
    return "w:" + clark_name.rpartition("}")[2]


def set_language(run_properties: Any, language: str) -> None:
    """Set the proofing language of a run or style (``vi-VN``)."""
    set_child(run_properties, "w:lang", {"w:val": language})


def set_shading(properties: Any, fill: str) -> None:
    """Shade a run or cell with the colour ``fill`` (``E2EFDA``)."""
    set_child(properties, "w:shd", {"w:val": "clear", "w:color": "auto", "w:fill": fill})

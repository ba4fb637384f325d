"""TMX 1.4 export and import of translation memory entries, for OmegaT, Trados and friends.

Export writes full locale codes (``vi-VN``, ``en-GB``; Trados requires them, OmegaT accepts
them) and keeps songngu's provenance in ``x-`` properties so our own files read back losslessly.
Import takes any TMX 1.4 (and 1.1's ``lang``): languages are matched on their primary subtag and
inline codes (``bpt``, ``ept``, ``it``, ``ph``, ``ut``) are dropped, ``hi`` keeps its text.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from songngu._version import __version__
from songngu.errors import InputError
from songngu.memory.store import EntryOrigin, MemoryEntry
from songngu.model import State
from songngu.xmltext import xml_safe

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
# Inline elements whose content is native code (formatting), not translatable text.
_CODE_ELEMENTS = frozenset({"bpt", "ept", "it", "ph", "ut"})
_PROPERTIES = {
    "x-signature": "signature",
    "x-document": "document",
    "x-segment": "segment_id",
    "x-original": "original",
}


@dataclass(frozen=True, slots=True)
class TmxLanguages:
    """The locale codes written on export; import matches their primary subtags."""

    source: str = "vi-VN"
    target: str = "en-GB"


@dataclass(frozen=True, slots=True)
class TmxReadResult:
    """The entries read from a TMX file and how many units were skipped (no vi or en text)."""

    entries: tuple[MemoryEntry, ...]
    num_skipped: int


def render_tmx(entries: Iterable[MemoryEntry], languages: TmxLanguages | None = None) -> str:
    """Return a TMX 1.4 document holding ``entries``."""
    languages = languages or TmxLanguages()
    root = ElementTree.Element("tmx", version="1.4")
    header = {
        "creationtool": "songngu",
        "creationtoolversion": __version__,
        "datatype": "plaintext",
        "segtype": "sentence",
        "adminlang": "en",
        "srclang": languages.source,
        "o-tmf": "songngu",
        "creationdate": _tmx_date(datetime.datetime.now(datetime.timezone.utc).isoformat()),
    }
    ElementTree.SubElement(root, "header", header)
    body = ElementTree.SubElement(root, "body")
    for number, entry in enumerate(entries, start=1):
        body.append(_unit(number, entry, languages))
    ElementTree.indent(root)
    text = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{_DOCTYPE}{text}\n'


def write_tmx(
    entries: Iterable[MemoryEntry], path: Path, languages: TmxLanguages | None = None
) -> None:
    """Write :func:`render_tmx` to ``path`` as UTF-8."""
    path.write_text(render_tmx(entries, languages), encoding="utf-8")


def read_tmx(path: Path) -> TmxReadResult:
    """Read the Vietnamese–English units of a TMX file.

    Raises:
        InputError: the file cannot be read or is not TMX.
    """
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as error:
        raise InputError(f"{path}: not a readable TMX file ({error}).") from error
    if root.tag != "tmx" or root.find("body") is None:
        raise InputError(f"{path}: not a TMX file (no <tmx><body>); export TMX 1.4 from your tool.")
    entries: list[MemoryEntry] = []
    num_skipped = 0
    for unit in root.iter("tu"):
        entry = _read_unit(unit)
        if entry is None:
            num_skipped += 1
        else:
            entries.append(entry)
    return TmxReadResult(tuple(entries), num_skipped)


def _unit(number: int, entry: MemoryEntry, languages: TmxLanguages) -> ElementTree.Element:
    unit = ElementTree.Element("tu", tuid=str(number))
    for attribute, value in (("creationdate", entry.created), ("changedate", entry.updated)):
        if value:
            unit.set(attribute, _tmx_date(value))
    if entry.reviewer:
        unit.set("creationid", xml_safe(entry.reviewer))
    if entry.level == "block":
        unit.set("segtype", "paragraph")
    _property(unit, "x-origin", entry.origin.value)
    _property(unit, "x-state", entry.effective_state.value)
    for name, field_name in _PROPERTIES.items():
        _property(unit, name, getattr(entry, field_name))
    for language, text in ((languages.source, entry.source), (languages.target, entry.target)):
        variant = ElementTree.SubElement(unit, "tuv", {_XML_LANG: language})
        ElementTree.SubElement(variant, "seg").text = xml_safe(text)
    return unit


def _property(unit: ElementTree.Element, name: str, value: str) -> None:
    if value:
        ElementTree.SubElement(unit, "prop", type=name).text = xml_safe(value)


def _read_unit(unit: ElementTree.Element) -> MemoryEntry | None:
    texts: dict[str, str] = {}
    for variant in unit.iter("tuv"):
        language = (variant.get(_XML_LANG) or variant.get("lang") or "").lower().split("-")[0]
        segment = variant.find("seg")
        if language in ("vi", "en") and language not in texts and segment is not None:
            texts[language] = " ".join(_segment_text(segment).split())
    if not texts.get("vi") or not texts.get("en"):
        return None
    properties = {prop.get("type", ""): prop.text or "" for prop in unit.findall("prop")}
    return MemoryEntry(
        source=texts["vi"],
        target=texts["en"],
        origin=_origin(properties.get("x-origin", "")),
        level="block" if unit.get("segtype") == "paragraph" else "sentence",
        reviewer=unit.get("creationid", ""),
        created=_iso_date(unit.get("creationdate", "")),
        updated=_iso_date(unit.get("changedate", "") or unit.get("creationdate", "")),
        state=_state(properties.get("x-state", "")),
        **{field: properties.get(name, "") for name, field in _PROPERTIES.items()},
    )


def _origin(value: str) -> EntryOrigin:
    """Return our own file's origin; a unit from another tool is an import."""
    try:
        return EntryOrigin(value)
    except ValueError:
        return EntryOrigin.IMPORT


def _state(value: str) -> State | None:
    """Return our own file's state; other tools' units take the one their origin implies."""
    try:
        return State(value)
    except ValueError:
        return None


def _segment_text(element: ElementTree.Element) -> str:
    """Return the text of a ``seg`` (or ``hi``): inline codes dropped, their tails kept."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _CODE_ELEMENTS:
            parts.append(_segment_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tmx_date(iso: str) -> str:
    """Return ``2024-03-12T10:15:00Z`` as TMX's ``20240312T101500Z``."""
    digits = "".join(char for char in iso[:19] if char.isdigit())
    return f"{digits[:8]}T{digits[8:14]}Z" if len(digits) >= 14 else ""


def _iso_date(tmx: str) -> str:
    """Return TMX's ``20240312T101500Z`` as ``2024-03-12T10:15:00Z`` ("" if malformed)."""
    if len(tmx) < 15 or tmx[8] != "T":
        return ""
    return f"{tmx[0:4]}-{tmx[4:6]}-{tmx[6:8]}T{tmx[9:11]}:{tmx[11:13]}:{tmx[13:15]}Z"

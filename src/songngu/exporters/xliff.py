"""XLIFF 1.2 export and read-back: the bilingual file CAT tools (OmegaT, Trados, memoQ) exchange.

One ``<file>`` per article, one ``<group>`` per block, one ``<trans-unit>`` per segment whose id
is the segment id. States map to ``state``/``approved`` as ``docs/design/approval-and-xliff.md``
lays out; the English as exported is kept as an ``alt-trans`` of type ``previous-version`` so a
reviewed file tells edits from untouched text; glossary terms and QA issues are ``<note>``s,
a fuzzy memory hint an ``alt-trans`` proposal with its ``match-quality``. Stdlib ElementTree only.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from songngu._version import __version__
from songngu.approval import provenance
from songngu.errors import InputError
from songngu.exporters import SegmentPair
from songngu.model import Block, Document, MemoryMatch, Origin, Segment, Severity, State
from songngu.xmltext import xml_safe

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: ``<note from=…>`` values songngu writes; a note from anyone else is a reviewer's comment.
GLOSSARY_NOTE, QA_NOTE, STATE_NOTE, SIGNATURE_NOTE = (
    "songngu-glossary",
    "songngu-qa",
    "songngu-state",
    "songngu-signature",
)
PREVIOUS_VERSION = "previous-version"
MEMORY_ORIGIN = "songngu-memory"
# XLIFF 1.2 §2.2 state values for songngu's states; None (copied metadata) writes no state.
_STATES = {
    State.INITIAL: ("new", "no"),
    State.TRANSLATED: ("needs-review-translation", "no"),
    State.REVIEWED: ("translated", "no"),
    State.FINAL: ("signed-off", "yes"),
}
#: XLIFF 1.2 states a reviewer's tool sets to say "approved" (besides ``approved="yes"``).
APPROVED_STATES = frozenset({"signed-off", "final"})
# 1 is the highest note priority in XLIFF 1.2.
_PRIORITIES = {Severity.ERROR: "1", Severity.WARNING: "3", Severity.INFO: "5"}


@dataclass(frozen=True, slots=True)
class XliffLanguages:
    """The locale codes written on ``<file>`` (full codes, as Trados wants them)."""

    source: str = "vi-VN"
    target: str = "en-GB"


def render_xliff(document: Document, languages: XliffLanguages | None = None) -> str:
    """Return the XLIFF 1.2 document of a translated article."""
    languages = languages or XliffLanguages()
    ElementTree.register_namespace("", NAMESPACE)
    root = ElementTree.Element(_tag("xliff"), version="1.2")
    file = ElementTree.SubElement(root, _tag("file"), _file_attributes(document, languages))
    header = ElementTree.SubElement(file, _tag("header"))
    tool = {"tool-id": "songngu", "tool-name": "songngu", "tool-version": __version__}
    ElementTree.SubElement(header, _tag("tool"), tool)
    if document.meta.signature:
        _note(header, SIGNATURE_NOTE, document.meta.signature)
    body = ElementTree.SubElement(file, _tag("body"))
    for block in document.blocks:
        body.append(_group(block, languages))
    ElementTree.indent(root)
    text = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n'


def write_xliff(document: Document, path: Path) -> None:
    """Write :func:`render_xliff` to ``path`` as UTF-8."""
    path.write_text(render_xliff(document), encoding="utf-8")


def read_xliff_pairs(path: Path) -> list[SegmentPair]:
    """Read segment ids, sources and targets back from an XLIFF export, in file order."""
    return [SegmentPair(unit.id, unit.source, unit.target) for unit in read_xliff(path).units]


@dataclass(frozen=True, slots=True)
class XliffNote:
    """A ``<note>``: who wrote it (``from``) and its text."""

    author: str
    text: str


@dataclass(frozen=True, slots=True)
class XliffUnit:
    """A trans-unit as read: texts, state, approval, the English as exported, notes."""

    id: str
    group: str
    source: str
    target: str
    state: str = ""
    is_approved: bool = False
    is_translatable: bool = True
    previous: str | None = None
    previous_state: str = ""
    notes: tuple[XliffNote, ...] = ()


@dataclass(frozen=True, slots=True)
class XliffFile:
    """What an XLIFF file holds that review import needs."""

    path: Path
    original: str
    signature: str
    groups: tuple[tuple[str, str], ...]
    units: tuple[XliffUnit, ...]


def read_xliff(path: Path) -> XliffFile:
    """Read the trans-units of an XLIFF 1.2 file (ours, or as a CAT tool saved it).

    Raises:
        InputError: the file is not readable XML or not XLIFF 1.2.
    """
    try:
        root = ElementTree.parse(path).getroot()
    except (OSError, ElementTree.ParseError) as error:
        raise InputError(f"{path}: not a readable XLIFF file ({error}).") from error
    file = root.find(_tag("file"))
    if root.tag != _tag("xliff") or file is None:
        raise InputError(
            f"{path}: not an XLIFF 1.2 file (no <xliff><file> in {NAMESPACE}); "
            "export XLIFF 1.2 from your CAT tool."
        )
    signature = next(
        (n.text or "" for n in file.iter(_tag("note")) if n.get("from") == SIGNATURE_NOTE), ""
    )
    groups = tuple(
        (group.get("id", ""), group.get("restype", "").removeprefix("x-"))
        for group in file.iter(_tag("group"))
    )
    units = tuple(_iter_units(file))
    return XliffFile(path, file.get("original", ""), signature, groups, units)


def _file_attributes(document: Document, languages: XliffLanguages) -> dict[str, str]:
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    return {
        "original": xml_safe(document.meta.source_path),
        "source-language": languages.source,
        "target-language": languages.target,
        "datatype": "plaintext",
        "tool-id": "songngu",
        "date": now.isoformat().replace("+00:00", "Z"),
    }


def _group(block: Block, languages: XliffLanguages) -> ElementTree.Element:
    # restype values outside the spec's list must start with "x-" (XLIFF 1.2 §2.4, XTend).
    group = ElementTree.Element(_tag("group"), id=block.id, restype=f"x-{block.kind.value}")
    if not block.is_translated:
        group.set("translate", "no")
    for segment in block.segments:
        group.append(_unit(segment, languages))
    return group


def _unit(segment: Segment, languages: XliffLanguages) -> ElementTree.Element:
    unit = ElementTree.Element(_tag("trans-unit"), id=segment.id)
    if segment.origin is Origin.COPY:
        unit.set("translate", "no")
    state = _STATES.get(segment.state) if segment.state else None
    if state is not None:
        unit.set("approved", state[1])
    _text(unit, "source", segment.source, languages.source)
    if segment.target is not None:
        target = _text(unit, "target", segment.target, languages.target)
        _set_state(target, segment)
        previous = ElementTree.SubElement(
            unit, _tag("alt-trans"), alttranstype=PREVIOUS_VERSION, origin="songngu"
        )
        _set_state(_text(previous, "target", segment.target, languages.target), segment)
    _add_notes(unit, segment)
    if segment.hint is not None:
        unit.append(_hint(segment.hint, languages))
    return unit


def _set_state(target: ElementTree.Element, segment: Segment) -> None:
    state = _STATES.get(segment.state) if segment.state else None
    if state is None:
        return
    target.set("state", state[0])
    if segment.origin is Origin.MEMORY:
        target.set("state-qualifier", "leveraged-tm")
    elif segment.state is State.TRANSLATED:
        target.set("state-qualifier", "mt-suggestion")


def _add_notes(unit: ElementTree.Element, segment: Segment) -> None:
    for term in segment.terms:
        missing = "" if term.enforced else " (missing from the English)"
        _note(unit, GLOSSARY_NOTE, f"{term.source} → {term.target}{missing}", annotates="source")
    for issue in segment.issues:
        text = f"[{issue.severity.value}] {issue.code}: {issue.message}"
        _note(unit, QA_NOTE, text, priority=_PRIORITIES[issue.severity])
    if segment.state is not None and segment.origin is Origin.MEMORY:
        _note(unit, STATE_NOTE, f"From the translation memory: {provenance(segment)}.")


def _hint(hint: MemoryMatch, languages: XliffLanguages) -> ElementTree.Element:
    proposal = ElementTree.Element(
        _tag("alt-trans"),
        {"match-quality": f"{hint.similarity:.0f}", "origin": MEMORY_ORIGIN},
    )
    _text(proposal, "source", hint.source, languages.source)
    _text(proposal, "target", hint.target, languages.target)
    who = f", {hint.reviewer}" if hint.reviewer else ""
    _note(proposal, STATE_NOTE, f"Memory hint: {hint.state.value}{who}")
    return proposal


def _text(parent: ElementTree.Element, name: str, text: str, language: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, _tag(name), {_XML_LANG: language})
    element.text = xml_safe(text)
    return element


def _note(parent: ElementTree.Element, author: str, text: str, **attributes: str) -> None:
    note = ElementTree.SubElement(parent, _tag("note"), {"from": author, **attributes})
    note.text = xml_safe(text)


def _iter_units(file: ElementTree.Element) -> Iterator[XliffUnit]:
    for group in file.iter(_tag("group")):
        for unit in group.findall(_tag("trans-unit")):
            yield _read_unit(unit, group.get("id", ""))


def _read_unit(unit: ElementTree.Element, group: str) -> XliffUnit:
    target = unit.find(_tag("target"))
    previous = next(
        (
            alt.find(_tag("target"))
            for alt in unit.findall(_tag("alt-trans"))
            if alt.get("alttranstype") == PREVIOUS_VERSION
        ),
        None,
    )
    return XliffUnit(
        id=unit.get("id", ""),
        group=group,
        source=_inner_text(unit.find(_tag("source"))),
        target=_inner_text(target),
        state=target.get("state", "") if target is not None else "",
        is_approved=unit.get("approved") == "yes",
        is_translatable=unit.get("translate", "yes") != "no",
        previous=_inner_text(previous) if previous is not None else None,
        previous_state=previous.get("state", "") if previous is not None else "",
        notes=tuple(
            XliffNote(note.get("from", ""), _inner_text(note))
            for note in unit.findall(_tag("note"))
        ),
    )


def _inner_text(element: ElementTree.Element | None) -> str:
    """Return an element's text with inline markup (``g``, ``mrk``, ``x``…) reduced to its text."""
    return "" if element is None else "".join(element.itertext())


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"

"""The review manifest: what a review file held when it was written, stored inside the file.

A custom XML part of the DOCX (``customXml/itemN.xml``, root ``{urn:songngu:review:1}review``)
lists every block and segment as exported — ids, sources, targets, origins, glossary terms — and
the run's signature. Word and LibreOffice keep custom XML parts when they save, so review import
knows the original text of every id whatever the reviewer did to the table.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from songngu.model import Document
from songngu.xmltext import xml_safe

NAMESPACE = "urn:songngu:review:1"
VERSION = "1"


@dataclass(frozen=True, slots=True)
class ManifestTerm:
    """A glossary term of a segment: Vietnamese, required English, and whether it was rendered."""

    source: str
    target: str
    enforced: bool


@dataclass(frozen=True, slots=True)
class ManifestSegment:
    """A segment as it was written to the review file."""

    id: str
    source: str
    target: str
    origin: str
    terms: tuple[ManifestTerm, ...] = ()


@dataclass(frozen=True, slots=True)
class ManifestBlock:
    """A block (one table row) as it was written: its kind, its whole source, its segments."""

    id: str
    kind: str
    source: str
    segments: tuple[ManifestSegment, ...]

    @property
    def target(self) -> str:
        """Return the block's English as written: its segments' targets joined by spaces."""
        return " ".join(segment.target for segment in self.segments if segment.target)


@dataclass(frozen=True, slots=True)
class Manifest:
    """Everything review import needs to know about the file as it was exported."""

    source_path: str
    signature: str
    blocks: tuple[ManifestBlock, ...]
    front: tuple[str, ...] = ()

    def segments(self) -> dict[str, ManifestSegment]:
        """Return every segment by id, in reading order."""
        return {segment.id: segment for block in self.blocks for segment in block.segments}


def manifest_from_document(document: Document, front: tuple[str, ...] = ()) -> Manifest:
    """Describe ``document`` as the review file holds it (texts sanitised as Word holds them)."""
    blocks = tuple(
        ManifestBlock(
            id=block.id,
            kind=block.kind.value,
            source=xml_safe(block.text),
            segments=tuple(
                ManifestSegment(
                    id=segment.id,
                    source=xml_safe(segment.source),
                    target=xml_safe(segment.target or ""),
                    origin=segment.origin.value if segment.origin else "",
                    terms=tuple(
                        ManifestTerm(term.source, term.target, term.enforced)
                        for term in segment.terms
                    ),
                )
                for segment in block.segments
            ),
        )
        for block in document.blocks
    )
    meta = document.meta
    return Manifest(meta.source_path, xml_safe(meta.signature), blocks, front)


def render_manifest(manifest: Manifest) -> bytes:
    """Return the manifest as a UTF-8 XML document."""
    root = ElementTree.Element(_tag("review"), version=VERSION)
    root.set("source", xml_safe(manifest.source_path))
    root.set("signature", manifest.signature)
    for text in manifest.front:
        ElementTree.SubElement(root, _tag("front")).text = xml_safe(text)
    for block in manifest.blocks:
        block_element = ElementTree.SubElement(root, _tag("block"), id=block.id, kind=block.kind)
        ElementTree.SubElement(block_element, _tag("source")).text = block.source
        for segment in block.segments:
            _add_segment(block_element, segment)
    data: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return data


def parse_manifest(data: bytes) -> Manifest | None:
    """Return the manifest held in ``data``, or None when the XML is some other custom part."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return None
    if root.tag != _tag("review"):
        return None
    blocks = tuple(_parse_block(element) for element in root.iter(_tag("block")))
    front = tuple(element.text or "" for element in root.iter(_tag("front")))
    return Manifest(root.get("source", ""), root.get("signature", ""), blocks, front)


def _add_segment(parent: ElementTree.Element, segment: ManifestSegment) -> None:
    element = ElementTree.SubElement(parent, _tag("segment"), id=segment.id, origin=segment.origin)
    ElementTree.SubElement(element, _tag("source")).text = segment.source
    ElementTree.SubElement(element, _tag("target")).text = segment.target
    for term in segment.terms:
        ElementTree.SubElement(
            element,
            _tag("term"),
            source=xml_safe(term.source),
            target=xml_safe(term.target),
            enforced="true" if term.enforced else "false",
        )


def _parse_block(element: ElementTree.Element) -> ManifestBlock:
    segments = tuple(
        ManifestSegment(
            id=segment.get("id", ""),
            source=segment.findtext(_tag("source"), ""),
            target=segment.findtext(_tag("target"), ""),
            origin=segment.get("origin", ""),
            terms=tuple(
                ManifestTerm(
                    term.get("source", ""), term.get("target", ""), term.get("enforced") == "true"
                )
                for term in segment.iter(_tag("term"))
            ),
        )
        for segment in element.iter(_tag("segment"))
    )
    return ManifestBlock(
        element.get("id", ""),
        element.get("kind", ""),
        element.findtext(_tag("source"), ""),
        segments,
    )


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"

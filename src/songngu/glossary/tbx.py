"""TBX files, both ways: TBX-Basic of ISO 30042:2008 (``martif``) and TBX v3 (ISO 30042:2019).

``tbx`` is TBX-Basic as LISA published it in 2008 (``TBXBasiccoreStructV02.dtd`` and
``TBXBasicXCSV02.xcs``), the dialect translate-toolkit's ``tbxfile`` reads (TBX v3 it refuses)
and TBX-Basic 2008 importers expect. ``tbx3`` is the same content in TBX v3, dialect TBX-Basic,
DCA style (``urn:iso:std:iso:30042:ed-2``; LTAC's ``TBX-Basic_dialect`` schemas). The two
differ only in element names and header, so one writer serves both. Reading accepts either,
with or without a namespace, and TBX written by other tools (``ntig``, no ``termType``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from songngu.errors import GlossaryError
from songngu.glossary.concepts import Concept, Term

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TITLE = "songngu glossary (Vietnamese-English)"
#: Where the official TBX v3 example files point (LTAC-Global/TBX-Basic_dialect, DCA example).
_V3_CORE_RNG = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng"
)
_V3_BASIC_SCH = (
    "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch"
)


@dataclass(frozen=True, slots=True)
class Dialect:
    """The element names and file prologue of one TBX version."""

    root: str
    header: str
    concept: str
    language: str
    term: str
    prologue: str
    namespace: str = ""
    #: The ``partOfSpeech`` of a proper noun: TBX-Basic v3 has no ``properNoun`` in its picklist.
    proper_noun: str = "properNoun"


#: TBX-Basic 2008: the DOCTYPE and XCS reference that the TBX-Basic sample files carry.
TBX_BASIC = Dialect(
    "martif",
    "martifHeader",
    "termEntry",
    "langSet",
    "tig",
    '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n',
)
#: TBX v3 TBX-Basic DCA, with the ``xml-model`` instructions of LTAC's DCA example file.
TBX_V3 = Dialect(
    "tbx",
    "tbxHeader",
    "conceptEntry",
    "langSec",
    "termSec",
    f'<?xml-model href="{_V3_CORE_RNG}" '
    'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    f'<?xml-model href="{_V3_BASIC_SCH}" '
    'type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n',
    "urn:iso:std:iso:30042:ed-2",
    "noun",
)
DIALECTS = {"tbx": TBX_BASIC, "tbx3": TBX_V3}


def render_tbx(concepts: Sequence[Concept], dialect: Dialect) -> str:
    """Return ``concepts`` as a TBX-Basic document in ``dialect``.

    Raises:
        GlossaryError: there is no concept (TBX requires at least one entry in its body).
    """
    if not concepts:
        raise GlossaryError(
            "the glossary has no term that TBX can hold (TBX needs one); "
            "check the --glossary files, or export --format tsv."
        )
    root = ElementTree.Element(dialect.root, {"type": "TBX-Basic"})
    if dialect.namespace:
        root.set("style", "dca")
    root.set(_XML_LANG, "en")
    if dialect.namespace:
        root.set("xmlns", dialect.namespace)
    root.append(_header(dialect))
    body = ElementTree.SubElement(ElementTree.SubElement(root, "text"), "body")
    for number, concept in enumerate(concepts, start=1):
        body.append(_concept_element(concept, dialect, f"c{number}"))
    ElementTree.indent(root)
    xml = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{dialect.prologue}{xml}\n'


def iter_concepts(text: str, path: str) -> Iterator[Concept]:
    """Yield the concepts of a TBX document (2008 or v3, any namespace).

    Raises:
        GlossaryError: the text is not well-formed XML.
    """
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise GlossaryError(f"is not well-formed XML ({error}).", path) from error
    for element in root.iter():
        if _local(element.tag) in ("termEntry", "conceptEntry"):
            yield _read_concept(element)


def _header(dialect: Dialect) -> ElementTree.Element:
    header = ElementTree.Element(dialect.header)
    description = ElementTree.SubElement(header, "fileDesc")
    title = ElementTree.SubElement(ElementTree.SubElement(description, "titleStmt"), "title")
    title.text = _TITLE
    source = ElementTree.SubElement(ElementTree.SubElement(description, "sourceDesc"), "p")
    source.text = "Exported by songngu glossary export; sources of each entry in admin/source."
    if not dialect.namespace:
        encoding = ElementTree.SubElement(header, "encodingDesc")
        _text_element(encoding, "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    return header


def _concept_element(concept: Concept, dialect: Dialect, identifier: str) -> ElementTree.Element:
    element = ElementTree.Element(dialect.concept, {"id": identifier})
    if concept.subject:
        _text_element(element, "descrip", concept.subject, type="subjectField")
    _add_source_and_notes(element, concept.source, concept.notes)
    for language, terms in (("vi", concept.vi), ("en", concept.en)):
        if terms:
            section = ElementTree.SubElement(element, dialect.language, {_XML_LANG: language})
            section.extend(_term_element(term, dialect) for term in terms)
    return element


def _term_element(term: Term, dialect: Dialect) -> ElementTree.Element:
    # The DTD's order: term, termNote*, then admin and note (TBXBasiccoreStructV02.dtd, tig).
    element = ElementTree.Element(dialect.term)
    _text_element(element, "term", term.text)
    for kind, value in (
        ("termType", term.term_type),
        ("administrativeStatus", term.status),
        ("partOfSpeech", term.part_of_speech.replace("properNoun", dialect.proper_noun)),
    ):
        if value:
            _text_element(element, "termNote", value, type=kind)
    _add_source_and_notes(element, term.source, term.notes)
    return element


def _add_source_and_notes(parent: ElementTree.Element, source: str, notes: Sequence[str]) -> None:
    if source:
        _text_element(parent, "admin", source, type="source")
    for note in notes:
        _text_element(parent, "note", note)


def _text_element(
    parent: ElementTree.Element, name: str, text: str, **attributes: str
) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, name, attributes)
    element.text = text
    return element


def _read_concept(element: ElementTree.Element) -> Concept:
    subject, source, notes = _read_fields(element)
    languages: dict[str, list[Term]] = {"vi": [], "en": []}
    for section in element:
        if _local(section.tag) in ("langSet", "langSec"):
            code = (section.get(_XML_LANG) or section.get("lang") or "").lower()[:2]
            languages.get(code, []).extend(_read_terms(section))
    return Concept(subject, source, notes, tuple(languages["vi"]), tuple(languages["en"]))


def _read_terms(section: ElementTree.Element) -> Iterator[Term]:
    for element in section:
        if _local(element.tag) not in ("tig", "termSec", "ntig"):
            continue
        texts = [_text(node) for node in element.iter() if _local(node.tag) == "term"]
        term_notes = {
            node.get("type", ""): _text(node)
            for node in element.iter()
            if _local(node.tag) == "termNote"
        }
        if texts and texts[0]:
            _, source, notes = _read_fields(element)
            yield Term(
                texts[0],
                term_notes.get("termType", ""),
                term_notes.get("administrativeStatus", ""),
                term_notes.get("partOfSpeech", ""),
                source,
                notes,
            )


def _read_fields(element: ElementTree.Element) -> tuple[str, str, tuple[str, ...]]:
    """Return the subject field, source and notes among the direct children of ``element``."""
    subject = source = ""
    notes: list[str] = []
    for child in element:
        name, kind = _local(child.tag), child.get("type", "")
        if name == "descrip" and kind == "subjectField":
            subject = _text(child)
        elif name == "admin" and kind == "source":
            source = _text(child)
        elif name == "note" and _text(child):
            notes.append(_text(child))
    return subject, source, tuple(notes)


def _text(element: ElementTree.Element) -> str:
    return "".join(element.itertext()).strip()


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]

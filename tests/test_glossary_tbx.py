"""TBX-Basic 2008 and TBX v3: structure, data categories, third-party reading, older files.

The TBX-Basic files (``TBXBasiccoreStructV02.dtd``, ``TBXBasicXCSV02.xcs``) carry no licence,
so they are not vendored. ``TBX_BASIC_SUBSET_DTD`` restates, for the elements songngu writes,
content models that are each a restriction of the DTD's (fewer optional children), so a file
valid against it is valid against the DTD; the XCS's picklists and levels are checked beside it.
"""

import io
import xml.etree.ElementTree as ElementTree

import pytest

from songngu.errors import GlossaryError
from songngu.glossary import Entry, load_glossary
from songngu.glossary.concepts import build_concepts, iter_entries
from songngu.glossary.exchange import render_entries
from songngu.glossary.tbx import TBX_BASIC, iter_concepts, render_tbx

lxml_etree = pytest.importorskip("lxml.etree")

ENTRIES = [
    Entry("Ủy ban nhân dân", "People's Committee", "agency", "Circular 03/2009", note='say "PC"'),
    Entry("UBND", "Ủy ban nhân dân", "abbreviation", "press usage", note="also QĐ-UBND"),
    Entry("TW", "Trung ương", "abbreviation", "press"),
    Entry("T.Ư", "Trung ương", "abbreviation", "press"),
    Entry("đại tá", "colonel", "rank", "x"),
    Entry("Bộ Công an", "Ministry of Public Security", "ministry", "x", variants=("MPS",)),
    Entry("Bộ Kế hoạch và Đầu tư", "Ministry of Planning", "ministry", "x", valid_to="2025-02-28"),
    Entry("Tỉnh ủy {province}", "{province} Provincial Party Committee", "pattern", "x"),
]

# The text-only elements both versions share (%noteText; and %basicText; narrowed to text).
SHARED_ELEMENTS = """
<!ELEMENT title (#PCDATA)>
<!ELEMENT sourceDesc (p+)>
<!ELEMENT p (#PCDATA)>
<!ELEMENT term (#PCDATA)>
<!ELEMENT termNote (#PCDATA)>
<!ATTLIST termNote type CDATA #REQUIRED>
<!ELEMENT descrip (#PCDATA)>
<!ATTLIST descrip type CDATA #REQUIRED>
<!ELEMENT admin (#PCDATA)>
<!ATTLIST admin type CDATA #REQUIRED>
<!ELEMENT note (#PCDATA)>
"""
# Content models from TBXBasiccoreStructV02.dtd, each narrowed to what songngu writes: auxInfo
# is (descrip | descripGrp | admin | transacGrp | note | ref | xref)* there, (descrip | admin |
# note)* here; martifHeader drops revisionDesc?, fileDesc publicationStmt?, titleStmt note*.
TBX_BASIC_SUBSET_DTD = (
    """
<!ELEMENT martif (martifHeader, text)>
<!ATTLIST martif type CDATA #REQUIRED xml:lang CDATA #REQUIRED>
<!ELEMENT martifHeader (fileDesc, encodingDesc?)>
<!ELEMENT fileDesc (titleStmt?, sourceDesc+)>
<!ELEMENT titleStmt (title)>
<!ELEMENT encodingDesc (p+)>
<!ATTLIST p type (DCSName|XCSURI|XCSContent) #IMPLIED>
<!ELEMENT text (body)>
<!ELEMENT body (termEntry+)>
<!ELEMENT termEntry ((descrip | admin | note)*, langSet+)>
<!ATTLIST termEntry id ID #IMPLIED>
<!ELEMENT langSet ((descrip | admin | note)*, tig+)>
<!ATTLIST langSet xml:lang CDATA #REQUIRED>
<!ELEMENT tig (term, termNote*, (descrip | admin | note)*)>
"""
    + SHARED_ELEMENTS
)
# TBX v3 (TBXcoreStructV03.rng of LTAC-Global/TBX_Core_RNG, no licence either), narrowed alike.
TBX_V3_SUBSET_DTD = (
    """
<!ELEMENT tbx (tbxHeader, text)>
<!ATTLIST tbx type CDATA #REQUIRED style (dca|dct) #REQUIRED xml:lang CDATA #REQUIRED
    xmlns CDATA #FIXED "urn:iso:std:iso:30042:ed-2">
<!ELEMENT tbxHeader (fileDesc)>
<!ELEMENT fileDesc (titleStmt?, sourceDesc)>
<!ELEMENT titleStmt (title)>
<!ELEMENT text (body)>
<!ELEMENT body (conceptEntry+)>
<!ELEMENT conceptEntry ((descrip | admin | note)*, langSec+)>
<!ATTLIST conceptEntry id ID #REQUIRED>
<!ELEMENT langSec ((descrip | admin | note)*, termSec+)>
<!ATTLIST langSec xml:lang CDATA #REQUIRED>
<!ELEMENT termSec (term, termNote*, (descrip | admin | note)*)>
"""
    + SHARED_ELEMENTS
)
# TBXBasicXCSV02.xcs (2008) and TBX-Basic_DCA.sch (v3): the picklists of the termNotes songngu
# writes, and where the admin and descrip types it writes may stand.
PICKLISTS = {
    "termType": {"abbreviation", "acronym", "fullForm", "shortForm", "variant", "phrase"},
    "administrativeStatus": {
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
    },
    "partOfSpeech": {"noun", "verb", "adjective", "adverb", "other"},
}
LEVELS = {
    ("descrip", "subjectField"): {"termEntry", "conceptEntry"},
    ("admin", "source"): {"termEntry", "langSet", "tig", "conceptEntry", "langSec", "termSec"},
}
DIALECTS = {
    "tbx": (TBX_BASIC_SUBSET_DTD, {"properNoun"}),
    "tbx3": (TBX_V3_SUBSET_DTD, set()),
}


def tbx_basic(entries):
    return render_entries(entries, "tbx")


def xcs_problems(root, extra_parts_of_speech):
    picklists = {**PICKLISTS, "partOfSpeech": PICKLISTS["partOfSpeech"] | extra_parts_of_speech}
    problems = []
    for parent in root.iter():
        for child in parent:
            name, level = lxml_etree.QName(child).localname, lxml_etree.QName(parent).localname
            if name == "termNote" and child.text not in picklists.get(child.get("type"), ()):
                problems.append(f"termNote {child.get('type')}={child.text!r}")
            elif name in ("descrip", "admin") and level not in LEVELS.get(
                (name, child.get("type")), ()
            ):
                problems.append(f"{name} {child.get('type')} in {level}")
    return problems


@pytest.fixture(scope="module")
def shipped_entries():
    return load_glossary().entries


@pytest.mark.parametrize("file_format", sorted(DIALECTS))
@pytest.mark.parametrize("glossary", ["sample", "shipped"])
def test_export_is_valid_against_the_structure_and_the_data_categories(
    glossary, file_format, shipped_entries
):
    entries = ENTRIES if glossary == "sample" else shipped_entries
    subset_dtd, extra_parts_of_speech = DIALECTS[file_format]
    root = lxml_etree.fromstring(render_entries(entries, file_format).encode("utf-8"))
    dtd = lxml_etree.DTD(io.StringIO(subset_dtd))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()
    assert xcs_problems(root, extra_parts_of_speech) == []


def test_tbx_basic_names_its_doctype_and_xcs():
    text = tbx_basic(ENTRIES)
    assert text.startswith(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
        '<martif type="TBX-Basic" xml:lang="en">'
    )
    root = ElementTree.fromstring(text)
    assert root.find("martifHeader/encodingDesc/p[@type='XCSURI']").text == "TBXBasicXCSV02.xcs"


def test_abbreviations_share_the_concept_of_their_full_form():
    root = ElementTree.fromstring(tbx_basic(ENTRIES))
    committee = root.find(".//termEntry[@id='c1']")
    vi_terms = [
        (tig.findtext("term"), tig.findtext("termNote[@type='termType']"))
        for tig in committee.find("langSet").findall("tig")
    ]
    assert vi_terms == [("Ủy ban nhân dân", "fullForm"), ("UBND", "abbreviation")]
    abbreviation = committee.findall("langSet/tig")[1]
    assert abbreviation.findtext("admin[@type='source']") == "press usage"
    assert abbreviation.findtext("note") == "also QĐ-UBND"


def test_an_abbreviation_without_a_term_row_gets_a_vietnamese_only_concept():
    root = ElementTree.fromstring(tbx_basic(ENTRIES))
    (central,) = [
        entry for entry in root.iter("termEntry") if entry.findtext(".//term") == "Trung ương"
    ]
    assert [language.get("{http://www.w3.org/XML/1998/namespace}lang") for language in central] == [
        "vi"
    ]
    assert [term.text for term in central.iter("term")] == ["Trung ương", "TW", "T.Ư"]


def test_notes_hold_only_what_is_set_and_patterns_are_left_out():
    text = tbx_basic(ENTRIES)
    root = ElementTree.fromstring(text)
    notes = [note.text for note in root.iter("note")]
    assert notes == ['say "PC"', "also QĐ-UBND", "valid_to: 2025-02-28"]
    assert "{province}" not in text
    assert " -" not in "".join(notes)


def test_part_of_speech_follows_the_case_of_the_term():
    root = ElementTree.fromstring(tbx_basic(ENTRIES))
    speech = {
        tig.findtext("term"): tig.findtext("termNote[@type='partOfSpeech']")
        for tig in root.iter("tig")
    }
    assert speech["Bộ Công an"] == "properNoun"
    assert speech["đại tá"] == speech["colonel"] == "noun"


def test_translate_toolkit_reads_the_tbx_basic_export():
    tbx = pytest.importorskip("translate.storage.tbx")
    store = tbx.tbxfile.parsestring(tbx_basic(ENTRIES).encode("utf-8"), "vi", "en")
    pairs = [(unit.source, unit.target) for unit in store.units]
    assert pairs == [
        ("Ủy ban nhân dân", "People's Committee"),
        ("đại tá", "colonel"),
        ("Bộ Công an", "Ministry of Public Security"),
        ("Bộ Kế hoạch và Đầu tư", "Ministry of Planning"),
        ("Trung ương", None),
    ]
    committee = store.units[0]
    assert [term.text for term in committee.get_source_terms()] == ["Ủy ban nhân dân", "UBND"]
    police = store.units[2]
    assert [(t.text, t.administrative_status) for t in police.get_target_terms()] == [
        ("Ministry of Public Security", "preferredTerm-admn-sts"),
        ("MPS", "admittedTerm-admn-sts"),
    ]


def test_translate_toolkit_reads_every_concept_of_the_shipped_glossary(shipped_entries):
    tbx = pytest.importorskip("translate.storage.tbx")
    entries = shipped_entries
    store = tbx.tbxfile.parsestring(tbx_basic(entries).encode("utf-8"))
    concepts = build_concepts(entries)
    assert len(store.units) == len(concepts)
    first = concepts[0]
    assert (store.units[0].source, store.units[0].target) == (first.vi[0].text, first.en[0].text)


def test_tbx3_is_tbx_v3_basic_dca_with_the_iso_namespace():
    text = render_entries(ENTRIES, "tbx3")
    assert "TBX_Core_RNG/master/TBXcoreStructV03.rng" in text
    assert "TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" in text
    assert "properNoun" not in text
    root = ElementTree.fromstring(text)
    namespace = "{urn:iso:std:iso:30042:ed-2}"
    assert (root.tag, root.get("type"), root.get("style")) == (
        f"{namespace}tbx",
        "TBX-Basic",
        "dca",
    )
    assert len(root.findall(f".//{namespace}conceptEntry")) == 5
    assert root.find(f".//{namespace}langSec/{namespace}termSec/{namespace}term") is not None
    assert "valid_from" not in text


def test_tbx_needs_at_least_one_term():
    with pytest.raises(GlossaryError, match="--format tsv"):
        render_tbx([], TBX_BASIC)


def test_tbx_written_by_songngu_before_0_4_is_read():
    old = (
        '<tbx type="TBX-Basic" style="dca" xmlns="urn:iso:std:iso:30042:ed:3.0"><text><body>'
        '<conceptEntry id="c1"><descrip type="subjectField">ministry</descrip>'
        "<note>valid_from: -; valid_to: 2025-02-28; merged</note>"
        '<langSec xml:lang="vi"><termSec><term>Bộ KH-ĐT</term>'
        '<termNote type="termType">fullForm</termNote></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>Ministry of Planning</term>'
        '<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>'
        '<admin type="source">x</admin></termSec></langSec></conceptEntry></body></text></tbx>'
    )
    (concept,) = iter_concepts(old, "old.tbx")
    (entry,) = iter_entries(concept, Entry("", "", "other", "imported"), "old.tbx", 1)
    assert (entry.type, entry.source, entry.valid_from, entry.valid_to, entry.note) == (
        "ministry",
        "x",
        "",
        "2025-02-28",
        "merged",
    )

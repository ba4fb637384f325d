"""Glossary rows as terminology concepts, and back: the model the TBX formats write and read.

A concept holds one meaning in both languages (ISO 30042 "concept orientation"): the
Vietnamese term with the abbreviations that stand for it (``termType`` ``fullForm`` and
``abbreviation``), the English rendering (``preferredTerm-admn-sts``) and its variants
(``admittedTerm-admn-sts``). An abbreviation whose full form has no row of its own gets a
Vietnamese-only concept. Pattern rows are no concepts: a slot such as ``{province}`` is not a
term, and TBX has no data category that says so (``docs/design/glossary-exchange.md``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from songngu.glossary.entries import TYPES, Entry

#: ``termType`` values that mark a shortened Vietnamese form (TBX-Basic picklist).
SHORT_FORMS = frozenset({"abbreviation", "acronym", "shortForm"})
#: The fields written as ``<note>key: value</note>``, only when set.
_NOTE_FIELDS = ("valid_from", "valid_to", "case")
_FIELD_NOTE = re.compile(r"^(valid_from|valid_to|case): (\S*)$")
#: The one note songngu wrote before 0.4 (``-`` for an empty date), still read on import.
_OLD_VALIDITY_NOTE = re.compile(r"^valid_from: (\S+); valid_to: (\S+)(?:; (.*))?$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a concept (a TBX ``tig`` or ``termSec``)."""

    text: str
    term_type: str = ""
    status: str = ""
    part_of_speech: str = ""
    source: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept (a TBX ``termEntry`` or ``conceptEntry``): its fields and terms per language."""

    subject: str = ""
    source: str = ""
    notes: tuple[str, ...] = ()
    vi: tuple[Term, ...] = ()
    en: tuple[Term, ...] = ()


def build_concepts(entries: Sequence[Entry]) -> list[Concept]:
    """Return the concepts of ``entries``: one per term row, one per unattached full form.

    An abbreviation joins the first term row whose Vietnamese is exactly its full form, so that
    import gives the same full form back; pattern rows are left out.
    """
    terms = [entry for entry in entries if entry.is_term]
    owners: dict[str, Entry] = {}
    for entry in terms:
        owners.setdefault(entry.vi, entry)
    attached: dict[str, list[Entry]] = {}
    orphans: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.type == "abbreviation":
            (attached if entry.en in owners else orphans).setdefault(entry.en, []).append(entry)
    concepts = [
        _term_concept(entry, attached.pop(entry.vi, []) if owners[entry.vi] is entry else [])
        for entry in terms
    ]
    concepts += [_full_form_concept(full, short) for full, short in orphans.items()]
    return concepts


def iter_entries(concept: Concept, defaults: Entry, path: str, line: int) -> Iterator[Entry]:
    """Yield the glossary rows of ``concept``: its term row, then one row per abbreviation."""
    full = [term for term in concept.vi if term.term_type not in SHORT_FORMS]
    if not full:
        return
    english = _preferred(concept.en)
    source = concept.source or (english.source if english else "") or defaults.source
    if english is not None:
        kind = concept.subject if concept.subject in TYPES else defaults.type
        variants = tuple(
            term.text
            for term in concept.en
            if term is not english and "deprecated" not in term.status
        )
        row = Entry(full[0].text, english.text, kind, source, variants=variants, path=path)
        yield _with_notes(dataclasses.replace(row, line=line), concept.notes or english.notes)
    for term in concept.vi:
        if term.term_type in SHORT_FORMS:
            row = Entry(term.text, full[0].text, "abbreviation", term.source or source, path=path)
            yield _with_notes(dataclasses.replace(row, line=line), term.notes)


def part_of_speech(text: str, case: str) -> str:
    """Return the TBX-Basic ``partOfSpeech``: ``properNoun`` for a name written with capitals."""
    return "properNoun" if case == "proper" and text[:1].isupper() else "noun"


def _term_concept(entry: Entry, abbreviations: list[Entry]) -> Concept:
    speech = part_of_speech(entry.vi, entry.case_policy)
    vi: tuple[Term, ...] = (Term(entry.vi, "fullForm", part_of_speech=speech),)
    vi += tuple(_abbreviation(short) for short in abbreviations)
    en: tuple[Term, ...] = (Term(entry.en, "fullForm", "preferredTerm-admn-sts", speech),)
    en += tuple(
        Term(variant, status="admittedTerm-admn-sts", part_of_speech=speech)
        for variant in entry.variants
    )
    return Concept(entry.type, entry.source, _notes_of(entry), vi, en)


def _full_form_concept(full_form: str, abbreviations: list[Entry]) -> Concept:
    speech = part_of_speech(full_form, "proper")
    vi = (Term(full_form, "fullForm", part_of_speech=speech),)
    return Concept(vi=vi + tuple(_abbreviation(short) for short in abbreviations))


def _abbreviation(entry: Entry) -> Term:
    speech = part_of_speech(entry.en, "proper")
    return Term(entry.vi, "abbreviation", "", speech, entry.source, _notes_of(entry))


def _notes_of(entry: Entry) -> tuple[str, ...]:
    """Return ``key: value`` notes for the dates and case that are set, then the free note."""
    fields = [f"{name}: {getattr(entry, name)}" for name in _NOTE_FIELDS if getattr(entry, name)]
    return (*fields, entry.note) if entry.note else tuple(fields)


def _with_notes(entry: Entry, notes: Sequence[str]) -> Entry:
    fields = _read_notes(notes)
    return dataclasses.replace(
        entry,
        valid_from=fields["valid_from"],
        valid_to=fields["valid_to"],
        case=fields["case"],
        note=fields["note"],
    )


def _read_notes(notes: Sequence[str]) -> dict[str, str]:
    fields = dict.fromkeys(_NOTE_FIELDS, "")
    free: list[str] = []
    for note in notes:
        field, old = _FIELD_NOTE.match(note), _OLD_VALIDITY_NOTE.match(note)
        if field is not None:
            fields[field.group(1)] = field.group(2)
        elif old is not None:
            fields["valid_from"], fields["valid_to"] = (part.strip("-") for part in old.group(1, 2))
            free += [old.group(3)] if old.group(3) else []
        elif note:
            free.append(note)
    return {**fields, "note": "; ".join(free)}


def _preferred(terms: Sequence[Term]) -> Term | None:
    usable = [term for term in terms if "deprecated" not in term.status]
    preferred = [term for term in usable if "admitted" not in term.status]
    candidates = preferred or usable
    return candidates[0] if candidates else None

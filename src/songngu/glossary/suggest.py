"""Official units in articles that the glossary lacks, with English drafts (``glossary suggest``).

A proposal is a unit as ``../shared/reference/glossary-units.md`` defines it, found by the same
grammar that matches terms (``matching.py``, ``units.py``, ``localities.py``): the longest
official name at its place, a title with its body and the body's place, never two bodies joined
by ``và``, never a person's name or a verb inside, never cut inside an abbreviation (``TP.HCM``)
or a place. Two glossaries play a part:

- the *known* glossary (what the user loaded: shipped, own file, ``-g`` files) says what is
  already there: a unit it matches with the same bounds is not proposed;
- the *vocabulary* (the shipped glossary and the loaded files together) finds the units and
  composes their English from the parts it knows (type, body, place, title), in official word
  order and the house style. A unit whose English was composed is a ``draft``; an editor checks
  it before importing.

Where the vocabulary finds nothing, a body or office word that opens a capitalised name
(:mod:`songngu.glossary.candidates`) still makes a proposal, with no English: the glossary knows
none of its parts, and inventing a rendering would be worse than leaving it empty.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from songngu.glossary.candidates import iter_candidates
from songngu.glossary.drafts import KNOWN, NONE, TITLE_ONLY, Draft, Drafter
from songngu.glossary.stage import GlossaryStage
from songngu.glossary.styles import HouseStyle
from songngu.glossary.termbase import Glossary
from songngu.glossary.tokens import phrase_keys
from songngu.model import Block, Document, TermMatch

__all__ = [
    "Proposal",
    "SuggestSettings",
    "proposals_to_records",
    "render_proposals",
    "render_proposals_tsv",
    "suggest_units",
]

# The columns of ``--tsv``: the glossary schema's required ones, then source.
_TSV_COLUMNS = ("vi", "en", "type", "source")


@dataclass(frozen=True, slots=True)
class SuggestSettings:
    """How to read the articles: their date (if they do not say) and the house style."""

    date: str | None = None
    style: HouseStyle = HouseStyle.GOV


@dataclass(frozen=True, slots=True)
class Proposal:
    """A unit the glossary lacks: its text, a draft English, how often and where it was seen.

    ``confidence`` says how ``target`` was built (:mod:`songngu.glossary.drafts`); ``context``
    is the sentence where the unit was first seen; ``files`` are the articles that hold it.
    """

    source: str
    target: str
    type: str
    count: int
    context: str
    confidence: str
    files: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Seen:
    """One occurrence of a candidate unit in a block."""

    start: int
    end: int
    draft: Draft


def suggest_units(
    known: Glossary,
    vocabulary: Glossary,
    documents: Sequence[Document],
    settings: SuggestSettings = SuggestSettings(),
) -> list[Proposal]:
    """Return the units of ``documents`` that ``known`` lacks, most frequent first.

    A unit counts once per occurrence and is listed once (its spellings, an all-capitals
    headline included, are one unit); ``files`` names the documents by their source path.
    """
    found: dict[tuple[str, ...], Proposal] = {}
    drafter = Drafter(vocabulary.entries)
    for document in documents:
        for proposal in _document_proposals(known, vocabulary, document, drafter, settings):
            key = phrase_keys(proposal.source)
            found[key] = _merge(found[key], proposal) if key in found else proposal
    order = {key: index for index, key in enumerate(found)}
    ranked = sorted(found.items(), key=lambda item: (-item[1].count, order[item[0]]))
    return [proposal for _, proposal in ranked]


def _document_proposals(
    known: Glossary,
    vocabulary: Glossary,
    document: Document,
    drafter: Drafter,
    settings: SuggestSettings,
) -> list[Proposal]:
    """Return one document's proposals in the order first seen, each with its count."""
    known_terms = _match(known, document, settings)
    vocabulary_terms = _match(vocabulary, document, settings)
    path = document.meta.source_path or ""
    found: dict[tuple[str, ...], Proposal] = {}
    for block in document.blocks:
        if block.id not in vocabulary_terms:
            continue
        terms = vocabulary_terms[block.id]
        for seen in _iter_unknown(block, terms, known_terms[block.id], drafter):
            proposal = _proposal(block, seen, path)
            key = phrase_keys(proposal.source)
            found[key] = _merge(found[key], proposal) if key in found else proposal
    return list(found.values())


def _match(
    glossary: Glossary, document: Document, settings: SuggestSettings
) -> dict[str, list[TermMatch]]:
    return GlossaryStage(glossary, settings.date, style=settings.style).match_document(document)


def _iter_unknown(
    block: Block, terms: Sequence[TermMatch], known: Sequence[TermMatch], drafter: Drafter
) -> Iterator[_Seen]:
    """Yield the units in ``block`` that no known term covers, in text order.

    The vocabulary's units come first; a head-word candidate (no part known) is taken where it
    overlaps none of them, or where it is the longer unit at the place of a bare title or a bare
    row ("Chi cục" + "Thủy lợi tỉnh Thanh Hóa").
    """
    units = [_Seen(t.start, t.end, d) for t in terms if (d := drafter.draft(t)) is not None]
    heads = [
        _Seen(start, end, _draft_unknown(block.text[start:end], drafter))
        for start, end in _iter_heads(block.text, terms, drafter)
        if not any(_overlaps(other, start, end) for other in units)
        or any(_opens(other, start, end) for other in units)
        or _titles_known_body(block.text[start:end], start, units, drafter)
    ]
    units = [u for u in units if not any(h.start <= u.start and u.end <= h.end for h in heads)]
    for seen in _titles_with_bodies(block.text, sorted(units + heads, key=lambda s: s.start)):
        if not any(k.start <= seen.start and seen.end <= k.end for k in known):
            yield seen


def _iter_heads(
    text: str, terms: Sequence[TermMatch], drafter: Drafter
) -> Iterator[tuple[int, int]]:
    """Yield head-word candidates, less those in capitals or named with a foreign country.

    A headline in capitals shows no end of a name the glossary does not know (as localities.py
    reads it); "Bộ Ngoại giao Trung Quốc" is China's (glossary-units.md §5).
    """
    countries = [term for term in terms if drafter.is_country(term)]
    for start, end in iter_candidates(text, terms):
        # "Bộ Nội vụ Campuchia": the country right after the name is part of it.
        named = any(_overlaps(c, start, end) or text[end : c.start] == " " for c in countries)
        if text[start:end].isupper() or named:
            continue
        yield start, end


def _titles_known_body(source: str, start: int, units: Sequence[_Seen], drafter: Drafter) -> bool:
    """Whether a candidate is a title the glossary lacks before units it knows, all inside.

    "Phó Chỉ huy trưởng" + "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Nghệ An": the unit is the whole
    (glossary-units.md §1), though only the body has a row.
    """
    end = start + len(source)
    overlapping = [unit for unit in units if _overlaps(unit, start, end)]
    return (
        bool(overlapping)
        and all(start < unit.start and unit.end <= end for unit in overlapping)
        and drafter.unknown(source).type == "title"
    )


def _overlaps(span: _Seen | TermMatch, start: int, end: int) -> bool:
    return start < span.end and span.start < end


def _opens(unit: _Seen, start: int, end: int) -> bool:
    """Whether a bare known row opens a longer candidate ("Cục trưởng Cục Quản lý …")."""
    return unit.draft.confidence == KNOWN and unit.start == start and unit.end < end


def _draft_unknown(source: str, drafter: Drafter) -> Draft:
    """Return a head-word candidate's draft: none, or a known title with an unknown body."""
    draft = drafter.unknown(source)
    return Draft(type="title", confidence=TITLE_ONLY) if draft.type == "title" else draft


def _titles_with_bodies(text: str, spans: list[_Seen]) -> list[_Seen]:
    """Join a known bare title to the unknown body right after it: one unit, no English.

    "Cục trưởng" + "Cục Quản lý chất lượng" is *Director of the …* of a body the glossary
    does not know: the unit is the whole, and its English waits for the body's.
    """
    joined: list[_Seen] = []
    for seen in spans:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.draft.type == "title"
            and last.draft.confidence == KNOWN
            and seen.draft.confidence == NONE
            and text[last.end : seen.start] == " "
        ):
            joined[-1] = _Seen(last.start, seen.end, Draft(type="title", confidence=TITLE_ONLY))
            continue
        joined.append(seen)
    return joined


def _proposal(block: Block, seen: _Seen, path: str) -> Proposal:
    source = " ".join(block.text[seen.start : seen.end].split())
    return Proposal(
        source=source,
        target=seen.draft.target,
        type=seen.draft.type,
        count=1,
        context=_sentence_at(block, seen.start),
        confidence=seen.draft.confidence,
        files=(path,) if path else (),
    )


def _sentence_at(block: Block, offset: int) -> str:
    """Return the sentence of ``block`` that holds ``offset`` (the block when unsegmented)."""
    absolute = block.start + offset
    for segment in block.segments:
        if segment.start <= absolute < segment.end:
            return " ".join(segment.source.split())
    return " ".join(block.text.split())


def _merge(first: Proposal, later: Proposal) -> Proposal:
    """Count ``later`` into ``first``; a headline's capitals give way to ordinary case."""
    files = first.files + tuple(path for path in later.files if path not in first.files)
    merged = dataclasses.replace(first, count=first.count + later.count, files=files)
    if first.source.isupper() and not later.source.isupper():
        merged = dataclasses.replace(merged, source=later.source, context=later.context)
    if not first.target and later.target:
        merged = dataclasses.replace(
            merged, target=later.target, type=later.type, confidence=later.confidence
        )
    return merged


def proposals_to_records(proposals: Sequence[Proposal]) -> list[dict[str, Any]]:
    """Return the JSON records of ``glossary suggest --json``, one per proposal.

    ``source``, ``target`` (the draft, empty when none), ``type``, ``count``, ``context``, and
    ``status`` (``draft``, or ``no draft``), ``confidence`` and ``files``.
    """
    return [
        {
            "source": proposal.source,
            "target": proposal.target,
            "type": proposal.type,
            "count": proposal.count,
            "context": proposal.context,
            "status": "draft" if proposal.target else "no draft",
            "confidence": proposal.confidence,
            "files": list(proposal.files),
        }
        for proposal in proposals
    ]


def render_proposals_tsv(proposals: Sequence[Proposal]) -> str:
    """Return the proposals as a songngu glossary TSV that ``glossary import`` reads as it is.

    Columns ``vi en type source``, the ones every glossary file has (a ``note`` column would be
    refused by a user file whose header lacks it). ``source`` says the row is a draft, how it
    was built, how often and where it was seen, until an editor puts the real citation there.
    A proposal without a draft is a commented-out row (``# ``), which import skips until an
    editor writes its English and removes the ``#``.
    """
    lines = ["\t".join(_TSV_COLUMNS)]
    for proposal in proposals:
        where = ", ".join(Path(path).name for path in proposal.files)
        built = f"draft, {proposal.confidence}" if proposal.target else "no draft"
        seen = f"seen {proposal.count}x" + (f" in {where}" if where else "")
        source = f"songngu glossary suggest ({built}; {seen})"
        row = (proposal.source, proposal.target, proposal.type, source)
        lines.append(("" if proposal.target else "# ") + "\t".join(row))
    return "\n".join(lines) + "\n"


def render_proposals(proposals: Sequence[Proposal]) -> str:
    """Return one line per proposal: count, Vietnamese, draft English, confidence."""
    return "".join(f"{p.count}\t{p.source}\t{p.target}\t{p.confidence}\n" for p in proposals)

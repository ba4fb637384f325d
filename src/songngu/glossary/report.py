"""What ``songngu glossary match`` shows: the terms of an article with offsets as read.

Matching runs per block, exactly as in ``songngu translate``; offsets are then mapped back
from the NFC text into the text as decoded from the file and cleaned (``nfc_with_offsets``;
``Source.raw``), so they hold even when the file was decomposed (NFD).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from songngu.glossary.entries import NameStyle
from songngu.glossary.stage import GlossaryStage
from songngu.glossary.styles import HouseStyle
from songngu.glossary.termbase import Glossary
from songngu.model import TermMatch
from songngu.readers import Source, parse_source
from songngu.segmenter import segment_document
from songngu.vietnamese import nfc_with_offsets


def match_source(
    glossary: Glossary,
    source: Source,
    date: str | None = None,
    names: NameStyle = NameStyle.ASCII,
    style: HouseStyle = HouseStyle.GOV,
) -> list[TermMatch]:
    """Return the terms of an article; offsets and ``source`` refer to ``source.raw``.

    ``date`` (ISO) overrides the article's own date (its dateline or date marker). Terms are
    found per block, as in ``songngu translate``; metadata blocks are skipped.
    """
    document = segment_document(parse_source(source))
    found = GlossaryStage(glossary, date, names, style).match_document(document)
    _, to_raw = nfc_with_offsets(source.raw)
    terms = []
    for block in document.blocks:
        for term in found.get(block.id, []):
            start, end = to_raw[block.start + term.start], to_raw[block.start + term.end]
            terms.append(
                dataclasses.replace(term, source=source.raw[start:end], start=start, end=end)
            )
    return terms


def terms_to_records(terms: list[TermMatch]) -> list[dict[str, Any]]:
    """Return the JSON records of ``glossary match --json``: source, target, start, end, type.

    A composed unit also has ``parts``: the official names inside it, each source, target, type.
    """
    return [_record(term) for term in terms]


def _record(term: TermMatch) -> dict[str, Any]:
    record: dict[str, Any] = {
        "source": term.source,
        "target": term.target,
        "start": term.start,
        "end": term.end,
        "type": term.type,
    }
    if term.parts:
        # A composed unit lists the official names it was composed of, for the audit.
        record["parts"] = [dataclasses.asdict(part) for part in term.parts]
    return record


def render_terms(terms: list[TermMatch]) -> str:
    """Return one line per term: offsets, type, Vietnamese → English."""
    return "".join(
        f"{term.start}-{term.end}\t{term.type}\t{' '.join(term.source.split())}\t{term.target}\n"
        for term in terms
    )

"""Pair a reviewed XLIFF file by trans-unit id, into the same result a reviewed DOCX gives.

The file is its own manifest: each unit's ``alt-trans`` of type ``previous-version`` holds the
English as exported (and its state), so an edit is told from untouched text as in the DOCX, and
an approval (``approved="yes"`` or a ``signed-off``/``final`` state) counts only when the export
did not already carry it. Notes from anyone but songngu are the reviewer's comments
(``docs/design/approval-and-xliff.md``).
"""

from __future__ import annotations

from songngu.exporters.xliff import (
    APPROVED_STATES,
    GLOSSARY_NOTE,
    QA_NOTE,
    XliffFile,
    XliffUnit,
)
from songngu.ooxml.manifest import Manifest, ManifestBlock, ManifestSegment, ManifestTerm
from songngu.review.pairing import Pairing, normalized
from songngu.review.report import CommentNote, SegmentResult, SegmentStatus

_MISSING_SUFFIX = " (missing from the English)"


def pair_xliff(xliff: XliffFile) -> Pairing:
    """Pair every trans-unit of a reviewed XLIFF file by its id."""
    units = xliff.units
    return Pairing(
        manifest=_manifest(xliff),
        has_manifest=all(unit.previous is not None for unit in units),
        segments=tuple(_result(unit) for unit in units),
        blocks=(),
        added_rows=(),
        missing_blocks=(),
        source_edits=(),
        comments=tuple(_comments(units)),
        notes=(),
        marks={unit.id: "x" for unit in units if _is_newly_approved(unit)},
        open_errors=frozenset(
            unit.id
            for unit in units
            if any(n.author == QA_NOTE and "[error]" in n.text for n in unit.notes)
        ),
    )


def _result(unit: XliffUnit) -> SegmentResult:
    original = unit.previous or ""
    if not unit.target.strip():
        status = SegmentStatus.EMPTIED
    elif unit.previous is None:
        status = SegmentStatus.REVIEWED
    elif normalized(unit.target) != normalized(unit.previous):
        status = SegmentStatus.EDITED
    else:
        status = SegmentStatus.UNCHANGED
    return SegmentResult(unit.id, unit.source, original, unit.target, status)


def _is_newly_approved(unit: XliffUnit) -> bool:
    """Whether the reviewer approved the unit (the export had not marked it approved already)."""
    is_approved = unit.is_approved or unit.state in APPROVED_STATES
    return is_approved and unit.previous_state not in APPROVED_STATES


def _manifest(xliff: XliffFile) -> Manifest:
    kinds = dict(xliff.groups)
    by_group: dict[str, list[XliffUnit]] = {}
    for unit in xliff.units:
        by_group.setdefault(unit.group, []).append(unit)
    blocks = tuple(
        ManifestBlock(
            group,
            kinds.get(group, ""),
            " ".join(unit.source for unit in units),
            tuple(_segment(unit) for unit in units),
        )
        for group, units in by_group.items()
    )
    return Manifest(xliff.original, xliff.signature, blocks)


def _segment(unit: XliffUnit) -> ManifestSegment:
    terms = tuple(
        _term(n.text) for n in unit.notes if n.author == GLOSSARY_NOTE and " → " in n.text
    )
    origin = "" if unit.is_translatable else "copy"
    return ManifestSegment(unit.id, unit.source, unit.previous or "", origin, terms)


def _term(text: str) -> ManifestTerm:
    enforced = not text.endswith(_MISSING_SUFFIX)
    source, _, target = text.removesuffix(_MISSING_SUFFIX).partition(" → ")
    return ManifestTerm(source, target, enforced)


def _comments(units: tuple[XliffUnit, ...]) -> list[CommentNote]:
    return [
        CommentNote(note.author, note.text, unit.id)
        for unit in units
        for note in unit.notes
        if not note.author.startswith("songngu")
    ]

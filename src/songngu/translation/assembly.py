"""Translated pieces back into sentences: targets joined, term records and cap warnings restored.

Pure functions: a segment, the pieces it was cut into, and each piece's finished job in; the
segment with its target out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from songngu.model import Issue, Origin, Segment, Severity, State, TermMatch
from songngu.readers.validation import single_line
from songngu.segmenter import join_pieces
from songngu.translation.enforcement import TermJob, mark_enforced
from songngu.translation.plan import Piece

__all__ = ["LENGTH_CAP", "assemble"]

#: The issue a segment gets when the model stopped at the output length cap (its code and
#: severity are listed in ``songngu.checks.TRANSLATION_ISSUES``).
LENGTH_CAP = Issue(
    "length-cap",
    Severity.WARNING,
    "The model stopped at the output length cap; the end of the sentence may be missing or "
    "repeated.",
)


def assemble(segment: Segment, pieces: Sequence[Piece], jobs: Mapping[Piece, TermJob]) -> Segment:
    """Return ``segment`` with the joined target of its pieces, its terms marked."""
    piece_jobs = [jobs[piece] for piece in pieces]
    target = join_pieces(
        [piece.source for piece in pieces], [job.translation.text for job in piece_jobs]
    )
    issues = list(segment.issues)
    if any(job.translation.is_capped for job in piece_jobs):
        issues.append(LENGTH_CAP)
    return dataclasses.replace(
        segment,
        target=single_line(target),
        terms=_segment_terms(segment, pieces, piece_jobs),
        issues=tuple(issues),
        origin=Origin.MODEL,
        num_pieces=len(pieces),
        state=State.TRANSLATED,
    )


def _segment_terms(
    segment: Segment, pieces: Sequence[Piece], piece_jobs: Sequence[TermJob]
) -> tuple[TermMatch, ...]:
    """Put piece-level enforcement results back on the segment's own term records.

    A term that a clause split cut in two (rare: the cut is at a comma inside a long name)
    belongs to no piece and stays unenforced, so the checks flag it.
    """
    results: dict[tuple[int, int], TermMatch] = {}
    offset = 0
    for piece, job in zip(pieces, piece_jobs, strict=True):
        for term in mark_enforced(job):
            start, end = term.start + offset, term.end + offset
            results[(start, end)] = dataclasses.replace(term, start=start, end=end)
        offset += len(piece.source)
    return tuple(results.get((term.start, term.end), term) for term in segment.terms)

"""Inline formatting of a sentence in both languages: what the source has, what the target gets.

The Vietnamese side keeps every mark (bold, italic, link) on its own characters. The English is
a new sentence, so only what can be placed is carried: formatting that covers the whole
sentence, and a link whose anchor text the glossary, an identical string or the alignment
anchors place in the output. Every other link is returned as *unplaced*, for the exporters to
list beside the row: a link is never lost (``docs/design/formatting.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

from songngu.glossary.alignment import find_anchors, place
from songngu.glossary.presence import iter_occurrences
from songngu.model import Block, Mark, MarkStyle, Segment, TermMatch

__all__ = ["SentenceFormatting", "format_sentence", "segment_marks"]

# Leading/trailing characters a "whole sentence" mark may leave out (Word users rarely bold the
# final full stop or the closing quote).
_EDGES = " \t\n.,;:!?…\"'“”‘’()[]«»-–—"


@dataclass(frozen=True, slots=True)
class SentenceFormatting:
    """The marks of one segment: ``source`` over ``Segment.source``, ``target`` over its target."""

    source: tuple[Mark, ...] = ()
    target: tuple[Mark, ...] = ()
    unplaced: tuple[tuple[str, str], ...] = ()


def segment_marks(block: Block, segment: Segment) -> tuple[Mark, ...]:
    """Return the block's marks that fall in ``segment``, offsets into ``segment.source``."""
    marks = []
    for mark in block.marks:
        start, end = max(mark.start, segment.start), min(mark.end, segment.end)
        if start < end:
            marks.append(Mark(start - segment.start, end - segment.start, mark.style, mark.url))
    return tuple(marks)


def format_sentence(block: Block, segment: Segment) -> SentenceFormatting:
    """Return the source marks of ``segment`` and what of them its target carries."""
    source_marks = segment_marks(block, segment)
    target = segment.target or ""
    if not source_marks or not target:
        return SentenceFormatting(source_marks, (), _links(source_marks, segment.source))
    whole = [m for m in source_marks if _covers(m, segment.source)]
    carried = [Mark(0, len(target), m.style, m.url) for m in whole]
    unplaced: list[tuple[str, str]] = []
    for link in (m for m in source_marks if m.style is MarkStyle.LINK and m not in whole):
        span = _place_link(segment, link)
        if span is None:
            unplaced.append((segment.source[link.start : link.end], link.url))
        else:
            carried.append(Mark(span[0], span[1], MarkStyle.LINK, link.url))
    return SentenceFormatting(source_marks, tuple(carried), tuple(unplaced))


def _covers(mark: Mark, text: str) -> bool:
    left = len(text) - len(text.lstrip(_EDGES))
    right = len(text.rstrip(_EDGES))
    return mark.start <= left and mark.end >= right


def _links(marks: tuple[Mark, ...], source: str) -> tuple[tuple[str, str], ...]:
    return tuple((source[m.start : m.end], m.url) for m in marks if m.style is MarkStyle.LINK)


def _place_link(segment: Segment, link: Mark) -> tuple[int, int] | None:
    """Find the anchor's English: a glossary term, the same string, or the aligned stretch."""
    target = segment.target or ""
    anchor = segment.source[link.start : link.end].strip()
    for term in segment.terms:
        if term.enforced and link.start <= term.start and term.end <= link.end:
            found = iter_occurrences(target, term.target)
            if found and _is_whole_term(term, anchor):
                return found[0]
    same = iter_occurrences(target, anchor)
    if same:
        return same[0]
    probe = TermMatch(anchor, anchor, link.start, link.end)
    anchors = find_anchors(segment.source, target, [])
    if not anchors:
        return None
    placement = place(segment.source, target, probe, anchors)
    return None if placement.is_insertion else (placement.start, placement.end)


def _is_whole_term(term: TermMatch, anchor: str) -> bool:
    """Whether the link's anchor is the term itself (not a longer phrase around it)."""
    return term.source.casefold() == anchor.casefold()

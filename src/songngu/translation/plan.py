"""The model's work, planned: each sentence cut into pieces within the input budget, once each.

Pure functions of the segments and a token counter. Identical sentences are planned once (the
model translates them once); a sentence over the model's input budget is cut at clause
boundaries (``songngu.segmenter.split_to_budget``), never truncated.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from songngu.model import Segment, TermMatch
from songngu.segmenter import split_to_budget

__all__ = ["Piece", "Plan", "TokenCounter", "plan_pieces"]

TokenCounter = Callable[[Sequence[str]], list[int]]

# A monster sentence (a scraped page without a full stop) is cut into windows of this many
# budgets before split_to_budget weighs its cuts (see _windows).
_WINDOW_BUDGETS = 4


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of a source sentence that fits the model, with the terms inside it.

    ``segment_id`` names the first segment the piece belongs to, for messages.
    """

    source: str
    terms: tuple[TermMatch, ...]
    segment_id: str = ""


@dataclass(frozen=True, slots=True)
class Plan:
    """The pieces of every distinct source sentence, in the order the sentences came."""

    pieces_by_source: dict[str, tuple[Piece, ...]]

    @property
    def pieces(self) -> list[Piece]:
        """Return every piece to translate, sentence by sentence."""
        return [piece for pieces in self.pieces_by_source.values() for piece in pieces]

    def pieces_of(self, segment: Segment) -> tuple[Piece, ...]:
        """Return the pieces ``segment``'s source was cut into."""
        return self.pieces_by_source[segment.source]


def plan_pieces(
    segments: Sequence[Segment], budget_for: Callable[[Segment], int], count_tokens: TokenCounter
) -> Plan:
    """Cut each distinct source into pieces of at most ``budget_for(segment)`` tokens.

    When several segments share a source, the last one's terms and budget are used; their
    terms are the same, as they come from the same text.
    """
    unique = {segment.source: segment for segment in segments}
    return Plan(
        {
            source: tuple(_split(segment, budget_for(segment), count_tokens))
            for source, segment in unique.items()
        }
    )


def _split(segment: Segment, budget: int, count_tokens: TokenCounter) -> list[Piece]:
    def count(text: str) -> int:
        return count_tokens([text])[0]

    texts = [
        piece
        for window in _windows(segment.source, budget)
        for piece in split_to_budget(window, budget, count)
    ]
    pieces = []
    offset = 0
    for text in texts:
        end = offset + len(text)
        inside = tuple(
            dataclasses.replace(term, start=term.start - offset, end=term.end - offset)
            for term in segment.terms
            if term.start >= offset and term.end <= end
        )
        pieces.append(Piece(text, inside, segment.id))
        offset = end
    return pieces


def _windows(text: str, budget: int) -> list[str]:
    """Cut a monster sentence (a scraped page with no full stop) into windows of ~4 budgets.

    ``split_to_budget`` weighs every cut of what it is given; on a 2 MB "sentence" that is
    quadratic. A model token never spans whitespace, so a window of ``4 × budget`` words holds
    at least four pieces, and cutting windows after a comma or at a space loses nothing: the
    windows concatenate back to the sentence exactly.
    """
    window = _WINDOW_BUDGETS * budget
    words = list(re.finditer(r"\S+\s*", text))
    if len(words) <= 2 * window:
        return [text]
    cuts = [0]
    index = 0
    while len(words) - index > 2 * window:
        span = range(index + window // 2, index + window)
        after_clause = [i for i in span if words[i].group().rstrip().endswith((",", ";", ":"))]
        chosen = (after_clause or list(span))[-1]
        cuts.append(words[chosen].end())
        index = chosen + 1
    cuts.append(len(text))
    return [text[start:end] for start, end in itertools.pairwise(cuts)]

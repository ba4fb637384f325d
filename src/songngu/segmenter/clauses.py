"""Splitting a sentence that is too long for the model into clause-sized pieces.

A sentence over the model's input budget (counted in the model's own tokens) would be
truncated; instead it is cut into the fewest pieces the budget allows, each cut near its ideal
place and preferring, in order: after an inner sentence end, ``;`` or ``:``; at a comma before
a conjunction ("…, nhưng …"); before a spaced dash; after any comma; at plain whitespace. A
single token longer than the budget (a pasted URL, a run of digits) is the one case cut between
characters. The pieces concatenate back to the sentence exactly; :func:`join_pieces` puts the
translated pieces together again, and the sentence stays one segment.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence

TokenCounter = Callable[[str], int]

# Conjunctions that open a clause after a comma: "…, nhưng chi phí tăng", "…, trong khi …".
_CONJUNCTIONS = (
    "và|nhưng|còn|song|tuy nhiên|tuy|trong khi|đồng thời|vì|do|nên|mà|nhằm|để|bởi|hoặc|hay"
    "|rồi|thì|khi|nếu|sau khi|trước khi|dù|mặc dù|cũng như|theo đó|trong đó|qua đó"
)
# Each pattern matches the whitespace to cut after, best first.
_CUT_PATTERNS = (
    re.compile(r"(?<=[.?!…;:])[\"'”’»)\]]*\s+"),
    re.compile(rf",\s+(?=(?:{_CONJUNCTIONS})(?!\w))", re.IGNORECASE),
    re.compile(r"\s+(?=[-–—]\s)"),
    re.compile(r",\s+"),
    re.compile(r"\s+"),
)
# How far (as a share of the text) a better kind of cut may stray from its ideal place.
_PREFERENCE_WEIGHTS = (0.0, 0.08, 0.12, 0.16, 0.3)


def split_to_budget(text: str, budget: int, count_tokens: TokenCounter) -> list[str]:
    """Split ``text`` into pieces of at most ``budget`` tokens whose concatenation is ``text``.

    Each piece but the last keeps the whitespace that followed it, so callers can tell a cut at
    whitespace from a cut inside a token.

    Raises:
        ValueError: ``budget`` is not positive.
    """
    if budget < 1:
        raise ValueError(f"the token budget must be positive, not {budget}")
    tokens = count_tokens(text.strip())
    if tokens <= budget or len(text.strip()) <= 1:
        return [text]
    num_pieces = math.ceil(tokens / budget)
    cut = _choose_cut(text, num_pieces, budget, count_tokens)
    return [text[:cut], *split_to_budget(text[cut:], budget, count_tokens)]


def join_pieces(pieces: Sequence[str], translations: Sequence[str]) -> str:
    """Rejoin translated pieces: a space where the source was cut at whitespace, else nothing."""
    parts: list[str] = []
    for index, (piece, translation) in enumerate(zip(pieces, translations, strict=True)):
        parts.append(translation.strip())
        is_last = index == len(pieces) - 1
        if not is_last and piece[-1:].isspace():
            parts.append(" ")
    return "".join(parts)


def _choose_cut(text: str, num_pieces: int, budget: int, count_tokens: TokenCounter) -> int:
    """Return the best cut whose left piece fits the budget, or cut inside the first token.

    The best cut also leaves a rest that still fits in ``num_pieces - 1`` pieces, so the
    sentence is cut into as few pieces as the budget allows; failing that, any fitting cut.
    """
    ideal = len(text) / num_pieces
    ranked = sorted(
        _iter_cuts(text),
        key=lambda cut: _PREFERENCE_WEIGHTS[cut[1]] + abs(cut[0] - ideal) / len(text),
    )
    rest_budget = (num_pieces - 1) * budget
    first_fitting = None
    # Count lazily, best cut first: counting every cut of a 50,000-word sentence is quadratic.
    for position, _ in ranked:
        if count_tokens(text[:position].strip()) > budget:
            continue
        if count_tokens(text[position:].strip()) <= rest_budget:
            return position
        first_fitting = position if first_fitting is None else first_fitting
    if first_fitting is not None:
        return first_fitting
    return _cut_inside_token(text, budget, count_tokens)


def _iter_cuts(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(position, preference)`` for every cut after whitespace inside the text."""
    best: dict[int, int] = {}
    content_end = len(text.rstrip())
    for preference, pattern in enumerate(_CUT_PATTERNS):
        for match in pattern.finditer(text, 0, content_end):
            if match.start() > 0 and match.end() < content_end:
                best.setdefault(match.end(), preference)
    yield from best.items()


def _cut_inside_token(text: str, budget: int, count_tokens: TokenCounter) -> int:
    """Return the longest prefix of the first token that fits the budget (at least 1 character)."""
    low, high = 1, len(text.split(None, 1)[0]) if text.strip() else len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if count_tokens(text[:middle]) <= budget:
            low = middle
        else:
            high = middle - 1
    return low

"""Splitting a sentence that is too long for the model into clause-sized pieces.

The cuts fall after ``;`` or ``:``, at a comma before a conjunction, before a dash, after any
comma and, only as a last resort, at plain whitespace. A single token longer than the budget
(a pasted URL, a run of digits) is the one case cut between characters. The pieces concatenate
back to the sentence exactly; :func:`join_pieces` puts translated pieces together again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# Cut points in order of preference; each pattern matches the whitespace to cut at.
_CLAUSE_BREAKS = (
    re.compile(r"(?<=[;:])\s+"),
    re.compile(
        r"(?<=,)\s+(?=(?:và|nhưng|còn|song|tuy nhiên|trong khi|đồng thời|vì|do|nên|mà)\b)",
        re.IGNORECASE,
    ),
    re.compile(r"\s+(?=[-–—]\s)"),
    re.compile(r"(?<=,)\s+"),
    re.compile(r"\s+"),
)


def split_to_budget(text: str, budget: int, count_tokens: Callable[[str], int]) -> list[str]:
    """Split ``text`` into pieces of at most ``budget`` tokens whose concatenation is ``text``.

    Each piece but the last keeps the whitespace that followed it, so callers can tell a cut at
    whitespace from a cut inside a token.
    """
    if budget < 1:
        raise ValueError(f"the token budget must be positive, not {budget}")
    if len(text) <= 1 or count_tokens(text.strip()) <= budget:
        return [text]
    for pattern in _CLAUSE_BREAKS:
        cuts = [match.end() for match in pattern.finditer(text.rstrip()) if match.start() > 0]
        if cuts:
            middle = min(cuts, key=lambda cut: abs(cut - len(text) / 2))
            return _split_at(text, middle, budget, count_tokens)
    return _split_at(text, len(text) // 2, budget, count_tokens)


def _split_at(text: str, cut: int, budget: int, count_tokens: Callable[[str], int]) -> list[str]:
    return split_to_budget(text[:cut], budget, count_tokens) + split_to_budget(
        text[cut:], budget, count_tokens
    )


def join_pieces(pieces: Sequence[str], translations: Sequence[str]) -> str:
    """Rejoin translated pieces: a space where the source was cut at whitespace, else nothing."""
    parts: list[str] = []
    for index, (piece, translation) in enumerate(zip(pieces, translations, strict=True)):
        parts.append(translation.strip())
        is_last = index == len(pieces) - 1
        if not is_last and piece[-1:].isspace():
            parts.append(" ")
    return "".join(parts)

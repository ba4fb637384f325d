"""The parts a composed unit is built from, kept for the audit (``TermMatch.parts``).

Composition (``units``, ``meetings``) joins matches and the words around them into one unit;
the unit keeps what it was built from, so ``glossary match --json`` shows that ``Giám đốc Sở Y tế
tỉnh Lào Cai`` holds *Director*, *Department of Health* and *Lao Cai*.
"""

from __future__ import annotations

import dataclasses

from songngu.model import TermMatch, TermPart

__all__ = ["UNIT_TYPE", "article_for", "joined_unit", "parts_of", "with_words_before"]

#: The type of a match composed from parts.
UNIT_TYPE = "unit"


def parts_of(match: TermMatch) -> tuple[TermPart, ...]:
    """Return the parts of ``match``: its own, or itself when it was matched whole."""
    return match.parts or (TermPart(match.source, match.target, match.type),)


def with_words_before(
    text: str, match: TermMatch, start: int, part: TermPart, target: str
) -> TermMatch:
    """Return ``match`` grown back to ``start`` over the words ``part`` names, as ``target``.

    "Thanh tra" + "Sở Xây dựng", "Trưởng" + "Trạm Y tế …", "Kỳ họp thứ 8" + "Quốc hội khóa XV".
    """
    return dataclasses.replace(
        match,
        source=text[start : match.end],
        start=start,
        target=target,
        type=UNIT_TYPE,
        variants=(),
        parts=(part, *parts_of(match)),
    )


def joined_unit(text: str, first: TermMatch, last: TermMatch, target: str) -> TermMatch:
    """Return ``first`` grown to the end of ``last``, as one unit rendered ``target``."""
    return dataclasses.replace(
        first,
        source=text[first.start : last.end],
        target=target,
        end=last.end,
        type=UNIT_TYPE,
        variants=(),
        parts=(*parts_of(first), *parts_of(last)),
    )


def article_for(body: TermMatch) -> str:
    """The article before a body's English after "of": none before a one-word brand.

    *Lang Son Branch of BIDV*, *General Director of Vinacomin*; *… of the Government*, whose
    one word is no brand.
    """
    return "" if body.type == "organisation" and " " not in body.target else "the "

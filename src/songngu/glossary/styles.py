"""House styles for the English of official names, and titles that follow their holder.

One style per run, applied to every rendering, composed ones included
(``../shared/reference/glossary-units.md`` §6):

- ``gov``: *Viet Nam*, *Ha Noi*, *Ho Chi Minh City*, as Circular 03/2009/TT-BNG and the
  government portal write them (the shipped glossary's own spelling);
- ``intl``: *Vietnam*, *Hanoi*, *HCMC*, as Reuters, AP and VnExpress International write them.

The other style's spelling becomes a variant of the term, so enforcement rewrites a model's
*Hanoi* into *Ha Noi* under ``gov`` (and back under ``intl``): a run never mixes the two.

A title follows its holder where the text says who holds it: ``bà`` (Mrs/Ms) before the title or
the name it is given to makes *Chairman* *Chairwoman*, as the Circular's "Chairman/Chairwoman"
allows.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from enum import Enum

from songngu.model import TermMatch

__all__ = ["HouseStyle", "apply_style"]


class HouseStyle(str, Enum):
    """How place names of Viet Nam are spelt in English."""

    GOV = "gov"
    INTL = "intl"


# (gov, intl) spellings, longest first so that "Ho Chi Minh City" is not cut.
_SPELLINGS = (("Ho Chi Minh City", "HCMC"), ("Viet Nam", "Vietnam"), ("Ha Noi", "Hanoi"))
# "Chủ tịch …, bà Lan" and "Chủ tịch … bà Lan": a woman holds the title.
_WOMAN_AFTER = re.compile(r"^\s*,?\s*[Bb]à\b")
_WORDS = re.compile(r"[^\W\d_]+|[,.;:!?]")
_MAX_NAME_WORDS = 5
_HO_CHI_MINH = re.compile(r"[ \t]+Hồ Chí Minh\b")
_CHAIRMAN = re.compile(r"\bChairman\b")
_WINDOW = 60


def apply_style(text: str, matches: Sequence[TermMatch], style: HouseStyle) -> list[TermMatch]:
    """Return ``matches`` spelt in ``style``, titles of women as *Chairwoman*."""
    return [_styled(_for_holder(text, match), style) for match in matches]


def _styled(match: TermMatch, style: HouseStyle) -> TermMatch:
    if match.type == "name":
        return match
    target = _spell(match.target, style)
    other = _spell(match.target, _other(style))
    variants = tuple(dict.fromkeys(_spell(variant, style) for variant in match.variants))
    if other != target:
        variants = (*variants, other)
    if (target, variants) == (match.target, match.variants):
        return match
    return dataclasses.replace(match, target=target, variants=variants)


def _spell(english: str, style: HouseStyle) -> str:
    for gov, intl in _SPELLINGS:
        before, after = (intl, gov) if style is HouseStyle.GOV else (gov, intl)
        english = re.sub(rf"\b{re.escape(before)}\b", after, english)
    return english


def _other(style: HouseStyle) -> HouseStyle:
    return HouseStyle.INTL if style is HouseStyle.GOV else HouseStyle.GOV


def _for_holder(text: str, match: TermMatch) -> TermMatch:
    """Make *Chairman* *Chairwoman* when the text says a woman holds the title.

    Before the name of Hồ Chí Minh, who was the state's President, ``Chủ tịch`` is *President*
    (VietnamPlus: "President Ho Chi Minh"); his name is a name (glossary-units.md §5).
    """
    if match.target == "Chairman" and _HO_CHI_MINH.match(text, match.end):
        return dataclasses.replace(match, target="President", variants=(match.target,))
    if match.type == "name" or not _CHAIRMAN.search(match.target):
        return match
    before = text[max(0, match.start - _WINDOW) : match.start]
    after = text[match.end : match.end + _WINDOW]
    if not (_woman_named_before(before) or _WOMAN_AFTER.match(after)):
        return match
    return dataclasses.replace(
        match,
        target=_CHAIRMAN.sub("Chairwoman", match.target),
        variants=(*match.variants, match.target),
    )


def _woman_named_before(before: str) -> bool:
    """Whether the text before a title is "bà <Name>," or "bà" ("bà Nguyễn Thị Lan, Chủ tịch")."""
    words = _WORDS.findall(before)
    position = len(words) - 1
    if position >= 0 and words[position] == ",":
        position -= 1
    name_words = 0
    while (
        position >= 0
        and words[position][:1].isupper()
        and words[position].casefold() not in ("bà", "ông")
        and name_words < _MAX_NAME_WORDS
    ):
        position -= 1
        name_words += 1
    return position >= 0 and words[position].casefold() == "bà"

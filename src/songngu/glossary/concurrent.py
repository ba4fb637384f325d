"""Concurrent posts that share one place: ``Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Thanh Hóa``.

The Party post names its committee without the place (``Tỉnh ủy``) because the state post
right after it names it; official usage reads both as one holder's titles in that place, and the
sourced terminology lists the pair as one term (``../shared/reference/official-terms.tsv``:
*Deputy Secretary of the Thanh Hoa Provincial Party Committee and Chairman of the Thanh Hoa
Provincial People's Committee*). A Party post that names its own place (``Ủy viên Trung ương
Đảng, Bí thư Tỉnh ủy Phú Thọ``) stays apart: nothing is shared.
"""

from __future__ import annotations

import re

from songngu.glossary.parts import joined_unit
from songngu.glossary.tokens import phrase_keys, phrase_list
from songngu.model import TermMatch

__all__ = ["concurrent_posts"]

# Party secretaries of a committee named without its place, and those committees.
_SECRETARIES = phrase_list("Bí thư", "Phó Bí thư", "Phó Bí thư Thường trực")
_COMMITTEES = frozenset(
    phrase_list("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy")
)
# State posts of a People's Committee or Council that name the place.
_STATE_POSTS = phrase_list("Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực")
_STATE_BODIES = ("People's Committee", "People's Council")
# Level words of English unit names ("Thanh Hoa Provincial", "Dat Mui Commune").
_LEVEL = "Provincial|District|Commune|Ward|Town|City|Special Zone"
# The place in the state post's English: "… of the Thanh Hoa Provincial People's …"; a level
# word alone names no place ("Chairman of the Provincial People's Committee").
_PLACE = re.compile(
    rf" of the (?!(?:{_LEVEL}) People's)"
    rf"(?P<place>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*?(?: (?:{_LEVEL}))?) People's"
)
# The committee in the Party post's English, without its place.
_COMMITTEE = re.compile(rf"(?:(?:{_LEVEL}) )?Party Committee$")


def concurrent_posts(text: str, party: TermMatch, state: TermMatch) -> TermMatch | None:
    """The two posts as one unit, when ``party`` is placeless and ``state`` names the place."""
    place = _place_of(state)
    if not _is_placeless_secretary(party) or place is None:
        return None
    english = _COMMITTEE.sub(f"{place} Party Committee", party.target, count=1)
    return joined_unit(text, party, state, f"{english} and {state.target}")


def _is_placeless_secretary(party: TermMatch) -> bool:
    """A Party secretary of a committee named without its place ("Phó Bí thư Tỉnh ủy")."""
    keys = phrase_keys(party.source)
    return (
        any(
            keys[: len(secretary)] == secretary and keys[len(secretary) :] in _COMMITTEES
            for secretary in _SECRETARIES
        )
        and _COMMITTEE.search(party.target) is not None
    )


def _place_of(state: TermMatch) -> str | None:
    """The place a People's Committee or Council post names ("Thanh Hoa Provincial")."""
    keys = phrase_keys(state.source)
    if not any(keys[: len(post)] == post for post in _STATE_POSTS):
        return None
    if not any(body in state.target for body in _STATE_BODIES):
        return None
    found = _PLACE.search(state.target)
    return found.group("place") if found else None

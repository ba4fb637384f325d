"""Sessions and plenums of a body: ``Kỳ họp thứ 8 Quốc hội khóa XV``, ``Hội nghị Trung ương 10``.

A numbered session written right before the council it belongs to is one official name with it,
as a numbered congress is (``../shared/reference/glossary-units.md`` §1, §3): *8th session of the
15th National Assembly*, *26th session of the 17th Thai Binh Provincial People's Council*. English
puts the session's ordinal first and the session in lower case, as VNA and the National Assembly's
own English pages write it ("the 8th session of the 15th National Assembly"). After a comma
(``kỳ họp thứ 9, Quốc hội khóa XV``) the two are written apart, and stay apart.

Plenums of the Party Central Committee are named by their number and the committee's tenure
(``Hội nghị Trung ương 10 khóa XIII``, ``Hội nghị lần thứ 10 Ban Chấp hành Trung ương Đảng khóa
XIII``): *10th Plenum of the 13th Party Central Committee*.
"""

from __future__ import annotations

import re

from songngu.glossary.ordinals import ordinal_of, roman_or_arabic
from songngu.glossary.parts import UNIT_TYPE, with_words_before
from songngu.model import TermMatch, TermPart

__all__ = ["with_meeting", "with_plenums"]

# Vietnamese ordinal words after "thứ" ("kỳ họp thứ nhất", "hội nghị lần thứ hai").
_WORDS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
    "mười": 10,
}  # fmt: skip
_NUMBER = r"(\d{1,2}|[IVXL]+|" + "|".join(_WORDS) + r")"
# The meeting words, each with the bodies (their English ends so) it is a meeting of.
_MEETINGS = (
    (
        re.compile(r"(?<!\w)(?:Kỳ họp|kỳ họp|KỲ HỌP) (?:thứ|THỨ) " + _NUMBER + r" $"),
        "session",
        ("National Assembly", "People's Council", "People's Councils"),
    ),
    (
        re.compile(r"(?<!\w)(?:Hội nghị|hội nghị|HỘI NGHỊ) (?:lần thứ|LẦN THỨ) " + _NUMBER + r" $"),
        "plenum",
        ("Party Central Committee", "Executive Party Committee", "Party Committee"),
    ),
)
# "Hội nghị Trung ương 10 khóa XIII": the committee is named by "Trung ương" and its tenure.
_CENTRAL_PLENUM = re.compile(
    r"(?<!\w)(?:Hội nghị|HỘI NGHỊ) (?:Trung ương|TRUNG ƯƠNG) " + _NUMBER
    + r" (?:khóa|khoá|KHÓA|KHOÁ) " + _NUMBER + r"(?!\w)"
)  # fmt: skip


def with_meeting(text: str, match: TermMatch, free_from: int) -> TermMatch:
    """Take a numbered session or plenum written right before ``match``, a council or committee.

    ``free_from``: where the match before ends; words it covers are no meeting.
    """
    window = text[max(free_from, match.start - 30) : match.start]
    for pattern, meeting, bodies in _MEETINGS:
        found = pattern.search(window)
        value = _value(found.group(1)) if found else None
        if found is None or value is None or not match.target.endswith(bodies):
            continue
        start = match.start - len(window) + found.start()
        part = TermPart(found.group(0).strip(), meeting, "agency")
        target = f"{ordinal_of(value)} {meeting} of the {match.target}"
        return with_words_before(text, match, start, part, target)
    return match


def with_plenums(text: str, matches: list[TermMatch]) -> list[TermMatch]:
    """Return ``matches`` with the Central Committee's plenums in place of what they cover."""
    plenums = _plenums(text)
    if not plenums:
        return matches
    kept = [
        match
        for match in matches
        if not any(match.start < plenum.end and plenum.start < match.end for plenum in plenums)
    ]
    return sorted([*kept, *plenums], key=lambda match: match.start)


def _plenums(text: str) -> list[TermMatch]:
    found = []
    for plenum in _CENTRAL_PLENUM.finditer(text):
        number, tenure = _value(plenum.group(1)), _value(plenum.group(2))
        if number is None or tenure is None:
            continue
        english = f"{ordinal_of(number)} plenum of the {ordinal_of(tenure)} Party Central Committee"
        found.append(TermMatch(plenum.group(0), english, plenum.start(), plenum.end(), UNIT_TYPE))
    return found


def _value(number: str) -> int | None:
    return _WORDS.get(number) or roman_or_arabic(number)

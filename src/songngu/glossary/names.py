"""Vietnamese personal names: where they are, and how they are written in English.

A name is one to four capitalised syllables after a form of address (``ông``, ``bà``,
``đồng chí``), two to four after a profession (``luật sư``) or a title or rank the glossary
matched, or two to four starting with a common surname. English-language Vietnamese media write
names without diacritics ("Tô Lâm" → "To Lam"; ``terminology.md`` §1.2), and second references
use the given name ("ông Lâm" → "Lam"), never a word-by-word translation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum

from songngu.glossary.entries import NameStyle
from songngu.glossary.tokens import Gap, Shape, Token, is_syllable, match_key, phrase_list
from songngu.vietnamese import strip_diacritics

#: The most syllables a Vietnamese personal name has in practice.
MAX_NAME_SYLLABLES = 4


class Trigger(str, Enum):
    """What comes right before a capitalised run, and so how sure it is to be a name."""

    NONE = "none"
    ADDRESS = "address"  # ông, bà, anh, chị: a person follows, even "Hà Nam"
    PROFESSION = "profession"  # luật sư, bị cáo, PGS.TS.: a person, unless a place follows
    TITLE = "title"  # a title the glossary matched: a full name (two syllables or more)
    RANK = "rank"  # a rank the glossary matched: a person, even a one-syllable repeat


def _keys(words: str) -> frozenset[str]:
    return frozenset(match_key(word) for word in words.split())


def _phrases(listed: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Return the phrases of a comma-separated list by their last key, longest first."""
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrase_list(*(phrase.strip() for phrase in listed.split(","))):
        by_last.setdefault(phrase[-1], []).append(phrase)
    return {key: tuple(phrases) for key, phrases in by_last.items()}


# Surnames that are nothing else in news text: a capitalised run starting with one is a name.
SURNAMES = _keys(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Ngô Trương Trịnh Lưu Tạ Quách "
    "Hứa Tăng Lại Lã Khổng Nghiêm Phùng Kiều Diệp Doãn Khúc Tống Hầu Lò Giáp Đàm Mẫn Tôn "
    "Khuất Thân Đậu Bế"
)
# Surnames that are also common words or begin place names ("Hồ Gươm", "Thái Lan", "Hà Lan",
# "Châu Âu", "Đoàn Thanh niên"): they need a trigger, or three syllables with a usual middle
# name.
_AMBIGUOUS_SURNAMES = _keys(
    "Hồ Hà Lâm Cao Mai Đào Đinh Tô Lý Dương Lương Chu Vương Thái Đoàn Kim Bạch Giang Đồng "
    "Mạc Lạc Hàn Hoa Trung Tiêu Quang Từ Ninh Quan Châu Viên Thạch Âu Lục Nông Sầm Triệu "
    "La Ma Văn Ông Lữ Bàn Sùng Giàng Thào Mùa Lầu Vừ Hạng Tẩn Chảo Lường Quàng Cầm Y Sồng Hờ "
    "Sình Phàn Thền Vàng Cứ Tráng Lồ Cà Tòng Lù Vi Chẩu"
)
_ANY_SURNAME = SURNAMES | _AMBIGUOUS_SURNAMES
_MIDDLE_NAMES = _keys(
    "Văn Thị Đức Hữu Minh Quốc Xuân Thanh Ngọc Công Đình Thế Quang Hồng Kim Thu Bá Trọng "
    "Tiến Viết Duy Như Phương Mạnh Hải Thành Trung Chí Tấn Hoài Việt Nhật Khắc Tuấn Gia "
    "Bảo Anh Thúy Diệu Phúc Hoàng Huy Nam Sơn Tất Đăng Vĩnh Song Mỹ Cẩm Bích Thùy Mí Seo A "
    "Sèo Mý Sĩ Sỹ"
)
# Capitalised words that begin the name of a body or an office, not of a person
# ("Chủ tịch Ủy ban …", "Giám đốc Sở Y tế"): no name after a title starts with one.
_BODY_WORDS = _keys(
    "Bộ Sở Ban Ủy Cục Tổng Chi Viện Vụ Tòa Công Bệnh Tập Hội Văn Đảng Ngân Quỹ Trung Học "
    "Đại Liên Mặt Kho Quân Cảnh Tỉnh Thành Huyện Phó Chủ Thủ Giám Trưởng Chánh Thứ Chính "
    "Thống Nhà Trường Ảnh Đoàn Nhân Quốc Thường Ký Phòng Đội Trạm Báo Đài Y Nhóm Lãnh"
)
_GROUP_WORDS = _phrases("các, những, quý, mấy")
_ADDRESSES = _phrases(
    "ông, bà, anh, chị, em, cô, chú, bác, cụ, cậu, thầy, ngài, cháu, bé, đồng chí"
)
_PROFESSIONS = _phrases(
    "tiến sĩ, thạc sĩ, giáo sư, phó giáo sư, bác sĩ, dược sĩ, kỹ sư, luật sư, kiến trúc sư, "
    "nhà báo, nhà văn, nhà thơ, nhạc sĩ, ca sĩ, họa sĩ, nghệ sĩ, nghệ nhân, đạo diễn, "
    "diễn viên, cầu thủ, vận động viên, huấn luyện viên, thủ môn, tiền đạo, phóng viên, "
    "biên tập viên, thượng tọa, hòa thượng, linh mục, giám mục, bị cáo, bị can, nghi phạm, "
    "nạn nhân, liệt sĩ, cô giáo, thầy giáo, TS, ThS, GS, PGS, BS, KS, LS, NSND, NSƯT, HLV, PV"
)
# Roles in a trial or a report that only a person holds: a place's name after one is a person's
# ("bị cáo Thái Bình", "phóng viên Hà Giang"); "bác sĩ Hà Nội" may be the city's doctors.
_PERSON_ROLES = _phrases("bị cáo, bị can, nghi phạm, nạn nhân, phóng viên, PV")
# Words after which a capitalised run names a place, a street, a school or a company. Not
# "tỉnh": provinces are a closed list the glossary matches, so a full name after a bare "tỉnh"
# is its holder's ("Giám đốc Bảo hiểm xã hội tỉnh Phạm Quang Hoà").
_PLACE_WORDS = _phrases(
    "thành phố, TP, huyện, quận, xã, phường, thị xã, thị trấn, đặc khu, làng, thôn, ấp, "
    "bản, xóm, sông, núi, đèo, hồ, biển, vịnh, đảo, quần đảo, cầu, đường, phố, chợ, cảng, "
    "sân bay, bến, khu, vùng, miền, nước, trường, bệnh viện, công ty, tập đoàn, nhà máy, "
    "khách sạn, chùa, đền, lăng, quảng trường, sân vận động, cửa khẩu, cao tốc, đại lộ, ngõ, "
    "hẻm, kênh, đầm, mũi, báo, tạp chí, đài, hãng, ngân hàng, giải, cúp, đội, câu lạc bộ, CLB, "
    "dự án, tàu, chiến dịch, đại học, học viện, dãy, học sinh, sinh viên, người"
)
_ABBREVIATION_SHAPES = frozenset({Shape.UPPER, Shape.MIXED})


def trigger_before(tokens: Sequence[Token], position: int) -> Trigger:
    """Return the form of address or profession that ends right before ``tokens[position]``."""
    if position == 0 or tokens[position].gap not in (Gap.SPACE, Gap.DOT):
        return Trigger.NONE
    for kind, phrases in ((Trigger.ADDRESS, _ADDRESSES), (Trigger.PROFESSION, _PROFESSIONS)):
        phrase = _phrase_before(tokens, position, phrases)
        if phrase is None or not _is_trigger_form(tokens, position, len(phrase)):
            continue
        # "anh em Việt Nam" (brotherly), "các đồng chí lãnh đạo" (a group): no name follows.
        before = position - len(phrase)
        if any(_phrase_before(tokens, before, group) for group in (_ADDRESSES, _GROUP_WORDS)):
            return Trigger.NONE
        return kind
    return Trigger.NONE


def follows_a_person_role(tokens: Sequence[Token], position: int) -> bool:
    """Whether a role only a person holds ends right before ``tokens[position]``."""
    return (
        trigger_before(tokens, position) is Trigger.PROFESSION
        and _phrase_before(tokens, position, _PERSON_ROLES) is not None
    )


def find_name(
    tokens: Sequence[Token],
    position: int,
    *,
    trigger: Trigger,
    follows_term: bool,
    is_stop: Callable[[int], bool],
) -> int | None:
    """Return the end (exclusive token index) of a name starting at ``position``, if one does.

    ``follows_term``: a glossary term ends right before; ``is_stop(j)``: a term that no name
    contains starts at token ``j``.
    """
    if trigger is Trigger.NONE and not _may_start_free_name(tokens, position, follows_term):
        return None
    if (
        trigger is not Trigger.ADDRESS
        and tokens[position].key in _BODY_WORDS
        and not _is_titled_full_name(tokens, position, trigger)
    ):
        return None
    end = position
    while _continues_name(tokens, position, end, is_stop):
        end += 1
    length = end - position
    if length == 0 or length > MAX_NAME_SYLLABLES or _is_foreign(tokens, position, end):
        return None
    if trigger in (Trigger.ADDRESS, Trigger.PROFESSION, Trigger.RANK) or (
        trigger is Trigger.TITLE and length > 1
    ):
        return end
    return end if _is_free_name(tokens[position:end]) else None


def _is_titled_full_name(tokens: Sequence[Token], position: int, trigger: Trigger) -> bool:
    """Whether a surname that is also a body word opens a full name after a title.

    "Thứ trưởng Đoàn Minh Tuấn": surname, a usual middle name, a given name, all capitalised;
    "Đoàn Thanh niên" (the Youth Union) has its second word in lower case.
    """
    return trigger in (Trigger.TITLE, Trigger.RANK) and opens_full_name(tokens, position)


def starts_with_surname(word: str) -> bool:
    """Whether a capitalised word is a surname that may open a personal name."""
    return match_key(word) in _ANY_SURNAME


def opens_full_name(tokens: Sequence[Token], position: int) -> bool:
    """Whether a surname, a usual middle name and a given name start at ``position``.

    Three capitalised words, the first any surname (also the ambiguous ones: "Mai", "Lương",
    "Hà"), the second a usual middle name: "… Phan Thiết Mai Thanh Tú", "… Đà Nẵng Lương Minh
    Triều" end a place name before the holder's name.
    """
    window = tokens[position : position + 3]
    return (
        len(window) == 3
        and window[0].key in _ANY_SURNAME
        and window[1].key in _MIDDLE_NAMES
        and all(token.shape is Shape.TITLE for token in window)
        and all(token.gap is Gap.SPACE for token in window[1:])
    )


def render_name(tokens: Sequence[Token], style: NameStyle) -> str:
    """Return the English form of a name: title case, without diacritics unless ``KEEP``."""
    words = [token.text[:1].upper() + token.text[1:].lower() for token in tokens]
    if style is NameStyle.KEEP:
        return " ".join(words)
    return " ".join(strip_diacritics(word) for word in words)


def _is_trigger_form(tokens: Sequence[Token], position: int, length: int) -> bool:
    """Whether the trigger is written as one: lower case, or capitalised to start a sentence."""
    first = tokens[position - length]
    if tokens[position].gap is Gap.DOT:
        return tokens[position - 1].shape in _ABBREVIATION_SHAPES
    return (
        first.shape is Shape.LOWER or first.is_sentence_start or first.shape in _ABBREVIATION_SHAPES
    )


def _continues_name(
    tokens: Sequence[Token], start: int, position: int, is_stop: Callable[[int], bool]
) -> bool:
    if position >= len(tokens) or position - start > MAX_NAME_SYLLABLES:
        return False
    token = tokens[position]
    if token.shape is not Shape.TITLE or not is_syllable(token.text):
        return False
    return position == start or (token.gap is Gap.SPACE and not is_stop(position))


def _is_foreign(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether the run is part of a foreign name: "Cu Ba Esteban …", "Hoan Ết-xtê-ban"."""
    if start > 0 and _is_hyphenated(tokens, start):
        return True
    if end >= len(tokens):
        return False
    token = tokens[end]
    if _is_hyphenated(tokens, end) and token.shape is Shape.LOWER:
        return True
    return token.gap is Gap.SPACE and token.is_capitalised and not is_syllable(token.text)


def _is_hyphenated(tokens: Sequence[Token], position: int) -> bool:
    """Whether a hyphen with no space joins ``tokens[position]`` to the token before."""
    token = tokens[position]
    return token.gap is Gap.DASH and token.start - tokens[position - 1].end == 1


def _may_start_free_name(tokens: Sequence[Token], position: int, follows_term: bool) -> bool:
    token = tokens[position]
    if token.key not in SURNAMES and token.key not in _AMBIGUOUS_SURNAMES:
        return False
    if position == 0 or token.is_sentence_start or follows_term:
        return True
    if _phrase_before(tokens, position, _PLACE_WORDS) is not None:
        return False
    if opens_full_name(tokens, position):
        return True  # a holder's name after a body's: "Công ty … Hòa Bình Xanh Trần Văn An"
    return not (tokens[position - 1].is_capitalised and token.gap is Gap.SPACE)


def _is_free_name(tokens: Sequence[Token]) -> bool:
    if len(tokens) < 2:
        return False
    if tokens[0].key in SURNAMES:
        return True
    return len(tokens) >= 3 and tokens[1].key in _MIDDLE_NAMES


def _phrase_before(
    tokens: Sequence[Token], position: int, phrases: dict[str, tuple[tuple[str, ...], ...]]
) -> tuple[str, ...] | None:
    if position == 0:
        return None
    for phrase in phrases.get(tokens[position - 1].key, ()):
        start = position - len(phrase)
        if start < 0:
            continue
        window = tokens[start:position]
        if tuple(token.key for token in window) == phrase and all(
            token.gap in (Gap.SPACE, Gap.DOT) for token in window[1:]
        ):
            return phrase
    return None

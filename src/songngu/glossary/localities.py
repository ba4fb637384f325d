"""Local administrative units as an open class: a level word and a Vietnamese name.

No glossary can list Viet Nam's ten thousand communes and wards, and they are renamed and merged
(July 2025: districts abolished, communes, wards and special zones directly under 34 provinces).
So a unit is recognised by its form, as ``../shared/reference/glossary-units.md`` §2 specifies:
a level word (``xã``, ``phường``, ``thị trấn``, ``huyện``, ``quận``, ``thị xã``, ``thành phố``,
``đặc khu``) followed by a capitalised Vietnamese name (``xã Tả Van`` → *Ta Van Commune*) or a
number (``Phường 12`` → *Ward 12*). The English is the name without diacritics, then the level
(Circular 03/2009/TT-BNG, Table 10: *Ta Van Commune*, *Son Tay Town*). A foreign name is not a
unit (``thành phố Munich``); a level word alone is a common noun (``các xã, phường``).

Two finders, used by the matcher for the ``{local}`` and ``{place-name}`` slots of pattern rows:
:func:`find_local` (level word and name) and :func:`find_place_name` (a bare name, where the body
says the level: ``Huyện ủy Bát Xát`` → *Bat Xat District Party Committee*).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from songngu.glossary.names import SURNAMES, opens_full_name
from songngu.glossary.ordinals import roman_value
from songngu.glossary.tokens import Gap, Shape, Token, is_syllable, phrase_keys, phrase_list
from songngu.vietnamese import strip_diacritics

__all__ = [
    "find_listed_locals",
    "find_local",
    "find_place_name",
    "follows_a_foreign_committee",
    "follows_capitalised_compound",
    "holds_known_in_capitals",
    "render_local",
    "render_place_name",
]

#: Level words and their English (Circular 03/2009/TT-BNG, Table 10; Decree 08/2023 on
#: special zones).
LEVELS = {
    "xã": "Commune",
    "phường": "Ward",
    "thị trấn": "Township",
    "huyện": "District",
    # An island district, a district by its law ("Huyện đảo Lý Sơn"; annotated so in W, JJ).
    "huyện đảo": "Island District",
    "quận": "District",
    "thị xã": "Town",
    "thành phố": "City",
    "tp": "City",
    "đặc khu": "Special Zone",
}
# The English of each level by the keys of its words, longest phrase first ("thị xã" before "xã").
_ENGLISH = {phrase_keys(vietnamese): english for vietnamese, english in LEVELS.items()}
_LEVEL_PHRASES = sorted(_ENGLISH, key=len, reverse=True)
(_TP,) = phrase_list("tp")
# No city is named after a person's full name (Ho Chi Minh City is a listed row); wards are
# ("phường Nguyễn Văn Cừ"), so only after these is a full name the holder's.
_CITY_LEVELS = frozenset(phrase_list("tp", "thành phố"))
_NUMBERED_LEVELS = frozenset(phrase_list("phường", "quận"))
# A level word and the next syllable that make a common word, not a unit: "XÃ HỘI" in a
# headline is society (glossary-units.md §5: "xã hội"), "xã luận" an editorial.
_COMMON_WORDS = frozenset(
    (pair[0], pair[1]) for pair in phrase_list("xã hội", "xã luận", "xã viên", "xã giao", "xã tắc")
)
# Capitalised inside an institution's name, then a lower-case word: a common word, no place
# (keys fold tone placement, so "văn hóa" covers "văn hoá").
_COMMON_COMPOUNDS = frozenset(
    phrase_list(
        "quốc gia", "quốc tế", "bách khoa", "trung ương", "sư phạm", "kinh tế", "nông nghiệp",
        "y tế", "y dược", "kỹ thuật", "công nghiệp", "công nghệ", "khoa học", "văn hóa", "nhân dân",
        "ngoại thương", "ngoại ngữ", "giao thông", "thủy lợi", "xây dựng", "quân dân",
        "quân đội", "quân y", "dân tộc", "nội trú", "bán trú", "đa khoa", "phụ sản", "nhi đồng",
        "hữu nghị", "nông trường", "nông lâm", "phát triển", "tuy nhiên", "tuy vậy",
        "du lịch", "hàng hải", "thương mại", "tài chính", "lâm nghiệp", "thủy sản", "điện lực",
        "kiến trúc", "mỹ thuật", "đại học", "học viện", "cao đẳng", "bệnh viện", "đầu tư",
        "bất động", "dịch vụ", "sản xuất", "vận tải", "chứng khoán", "điện tử",
        "trung tâm", "cầu đường", "nước khoáng", "thực phẩm", "dược phẩm", "cơ khí",
        "thủy điện", "nhiệt điện", "cao nguyên", "tâm thần",
    )
)  # fmt: skip
# A school's kind before its name: "Trường THPT Chuyên Lê Quý Đôn" (for the gifted).
_DESCRIPTIVE_WORDS = frozenset(phrase_keys("chuyên"))
# Words before a level word that make it plural: "các huyện Tháp Mười, Tam Nông và Cao Lãnh" names
# three districts, each a unit (glossary-units.md §2: a level word alone is a common noun).
_PLURALS = frozenset(phrase_keys("các những mấy hai ba bốn năm sáu bảy tám chín mười"))
(_AND,) = phrase_list("và")
# Words a number before them counts ("1 lần", "3 ngày", "500 ha"): no part of a name.
_COUNTED = frozenset(
    phrase_keys("lần ngày tháng năm giờ tuần người hộ ha km tỷ triệu nghìn trăm chiếc con tấn")
)
_ORDINAL_WORD = frozenset(phrase_keys("thứ"))
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_FOREIGN_POSTS = phrase_list("Tỉnh trưởng", "Phó Tỉnh trưởng")
# First words of Central Highlands place names (Ede "Krông", "Ea", "Buôn"; Jarai "Ia", "Chư";
# "Đắk", "Kon"): "huyện Krông Ana", "xã Ea Ô", "huyện Chư Păh".
_HIGHLAND_PLACE_OPENERS = frozenset(
    {
        "Krông",
        "Ea",
        "Ia",
        "Cư",
        "Chư",
        "Đắk",
        "Đăk",
        "Đak",
        "Kon",
        "Buôn",
        "Ayun",
        "KRÔNG",
        "EA",
        "IA",
    }
)
_HIGHLAND_NAME_OPENERS = frozenset({"A", "Y"})
_COOPERATIVE = phrase_keys("hợp tác")
# Jarai clan names, which open a person's name ("xã Ia Dom Ksor Hen", "Rơ Mah Tuân"), and
# Khmer surnames of the Mekong Delta ("xã Hòn Đất Danh Hoàng Sơn", "Thạch Thị Sa Ra").
_HIGHLAND_CLANS = frozenset(
    {"Ksor", "Rơ", "Siu", "Nay", "Kpă", "Puih", "Rcom", "Rahlan", "Danh", "Thạch", "Chau", "Néang"}
)
# Last words of the bodies a local unit has ("UBND xã", "Công an xã", "Ủy ban nhân dân xã").
_BODY_ENDS = frozenset(phrase_keys("UBND HĐND TAND VKSND an dân ủy"))
# Highland names written in ASCII open with clusters no European name starts with in the news
# ("huyện Kbang", "TP. Pleiku", "xã Krông", "Ea Súp", "Ia Grai"): "thành phố Munich" stays foreign.
_HIGHLAND_FIRST_WORD = re.compile(r"^(K[bdhlnprt]|Pl|Dr|Ea$|Ia$|Kon$|Ayun$|[A-Z]['’])")
# Words that open a dateline's sentence after its dash ("TP. Sóc Trăng – Ngày 10/12, …",
# "Hà Nội – Theo quyết định …"): no second name of a merged unit.
_OPENERS = frozenset(
    phrase_keys(
        "Ngày Sáng Chiều Tối Trưa Đêm Hôm Tháng Năm Theo Sau Trong Tại Từ Hiện Các Những Đến "
        "Vào Nhằm Để Với Qua Trước Chiều"
    )
)
#: The most syllables a local name has ("Châu Quế Thượng", "Bạch Long Vĩ", "Mù Cang Chải").
MAX_NAME_SYLLABLES = 4
# The last word of a Party committee ("Thành ủy", "Huyện ủy"), named by its place, never a person.
_COMMITTEE_ENDS = frozenset(phrase_keys("ủy"))  # keys fold tone placement: "uỷ" too


def find_local(
    tokens: Sequence[Token], position: int, known: Collection[tuple[str, ...]] = ()
) -> int | None:
    """Return the end (exclusive) of a local unit starting at ``tokens[position]``, or None.

    ``known``: the keys of units the article writes in running text ("huyện Mù Cang Chải"),
    found in all capitals too ("HUYỆN MÙ CANG CHẢI"), where nothing else shows where a name ends.
    """
    capitals = _known_in_capitals(tokens, position, known)
    if capitals is not None:
        return capitals
    level = _level_at(tokens, position)
    if level is None or _ends_a_cooperative(tokens, position):
        return None
    start = position + len(level)
    # "TP. Thủ Đức" abbreviates with a dot; after a word ("phường. Tại …") a dot ends it.
    gaps = (Gap.SPACE, Gap.DOT) if level == _TP else (Gap.SPACE,)
    if start >= len(tokens) or tokens[start].gap not in gaps:
        return None
    if (level[-1], tokens[start].key) in _COMMON_WORDS and tokens[start].shape is not Shape.TITLE:
        return None  # "xã hội", "XÃ HỘI"; but "xã Giao Thiện" is a commune
    if _is_unit_number(tokens[start]):
        # Numbered units are wards and urban districts ("Phường 12", "Quận 1", "Phường IV"), not
        # cities: "cho thành phố 70% số tăng thu" is a share.
        return _numbered_end(tokens, start) if level in _NUMBERED_LEVELS else None
    if _names_the_holder(tokens, position, level):
        return None
    return _name_end(tokens, start)


def _ends_a_cooperative(tokens: Sequence[Token], position: int) -> bool:
    """Whether "xã" at ``position`` ends "hợp tác xã" (a cooperative), no commune's level."""
    before = tuple(token.key for token in tokens[max(0, position - 2) : position])
    return before == _COOPERATIVE and tokens[position].gap is Gap.SPACE


def _numbered_end(tokens: Sequence[Token], start: int) -> int:
    """The end of a numbered ward: "Phường 12", or named with its old town ("phường 2 Bảo Lộc")."""
    after = start + 1
    if after >= len(tokens) or tokens[after].gap is not Gap.SPACE:
        return after
    if tokens[after].shape is not Shape.TITLE or opens_full_name(tokens, after):
        return after
    named = _name_end(tokens, after)
    return after if named is None else named


def _names_the_holder(tokens: Sequence[Token], position: int, level: tuple[str, ...]) -> bool:
    """Whether a full name after a bare level word is the holder's, not the unit's.

    "Chủ tịch UBND TP Nguyễn Đức Chung", "Chủ tịch UBND xã Lầu Bá Chông": the chairman, not a
    unit of that name; but in "thành phố Sầm Sơn Cao Văn Lực" a second full name follows two
    words (theirs is the city). Below a city, units are often named after people ("phường Phan
    Đình Phùng", "huyện Trần Văn Thời"): there only after a body ("UBND", "Công an", "Đảng ủy").
    """
    start = position + len(level)
    if not _opens_holder_name(tokens, start) or opens_full_name(tokens, start + 2):
        return False
    if level in _CITY_LEVELS:
        return True
    return position > 0 and tokens[position - 1].key in _BODY_ENDS


def _known_in_capitals(
    tokens: Sequence[Token], position: int, known: Collection[tuple[str, ...]]
) -> int | None:
    """Return the end of the longest known unit written in capitals at ``position``, or None."""
    ends = [
        position + len(keys)
        for keys in known
        if _is_in_capitals(tokens[position : position + len(keys)], keys)
    ]
    return max(ends, default=None)


def holds_known_in_capitals(tokens: Sequence[Token], known: Collection[tuple[str, ...]]) -> bool:
    """Whether a known unit is written in capitals anywhere in ``tokens`` ("HUYỆN MÙ CANG CHẢI")."""
    return any(_known_in_capitals(tokens, position, known) for position in range(len(tokens)))


def _is_in_capitals(window: Sequence[Token], keys: tuple[str, ...]) -> bool:
    return (
        len(window) == len(keys)
        and tuple(token.key for token in window) == keys
        and all(Shape.UPPER in _case_of(token) for token in window)
        and all(token.gap is Gap.SPACE for token in window[1:])
    )


def find_listed_locals(tokens: Sequence[Token], position: int) -> list[tuple[int, int, str]]:
    """Return the units a plural level word lists at ``tokens[position]``, or none.

    "các xã Ia Dom, Ia Nan và Ia Pnôn": each name is a unit of the level (*Ia Dom Commune*),
    given as (start, end, English); the plural word and the level word belong to none. At least
    two names, joined by commas and "và", or it is not a list.
    """
    first = tokens[position]
    opens = first.shape is Shape.LOWER or (first.shape is Shape.TITLE and first.is_sentence_start)
    if first.key not in _PLURALS or not opens:
        return []
    level = _level_at(tokens, position + 1)
    if level is None or tokens[position + 1].shape is not Shape.LOWER:
        return []
    units: list[tuple[int, int, str]] = []
    start = position + 1 + len(level)
    while start < len(tokens) and tokens[start].gap in (Gap.SPACE, Gap.COMMA):
        end = _name_end(tokens, start)
        if end is None:
            break
        units.append((start, end, f"{render_place_name(tokens[start:end])} {_ENGLISH[level]}"))
        start = _next_in_list(tokens, end)
    return units if len(units) >= 2 else []


def _next_in_list(tokens: Sequence[Token], end: int) -> int:
    """Return where the next name of a list starts: after a comma or "và"; else past the end."""
    if end < len(tokens) and tokens[end].gap is Gap.COMMA:
        return end
    if end + 1 < len(tokens) and (tokens[end].key,) == _AND and tokens[end].gap is Gap.SPACE:
        return end + 1
    return len(tokens)


def find_place_name(tokens: Sequence[Token], position: int) -> int | None:
    """Return the end of a bare Vietnamese place name at ``tokens[position]`` (no level word)."""
    if _level_at(tokens, position) is not None:
        return None
    if _names_a_secretary(tokens, position):
        return None
    return _name_end(tokens, position)


def _names_a_secretary(tokens: Sequence[Token], position: int) -> bool:
    """Whether a full name follows a Party committee: its secretary, not a place.

    "Bí thư Thành ủy Nguyễn Thành Trung", and with a surname that also opens places, a name of
    exactly three words ("Bí thư Thành ủy Dương Tấn Lộc"); "Huyện ủy Châu Thành A" and "Huyện
    ủy Đồng Văn Sùng Mí Chứ" (the district, then its secretary) are districts.
    """
    if position == 0 or tokens[position - 1].key not in _COMMITTEE_ENDS:
        return False
    if tokens[position].key in SURNAMES:
        return opens_full_name(tokens, position)
    return _opens_holder_name(tokens, position) and not _continues_run(
        tokens, position + 3, {Shape.TITLE}
    )


def render_local(tokens: Sequence[Token]) -> str:
    """Return the English of a unit found by :func:`find_local` (*Ta Van Commune*, *Ward 12*)."""
    level = _level_at(tokens, 0)
    if level is None:
        return render_place_name(tokens)
    english = _ENGLISH[level]
    name = tokens[len(level) :]
    if _is_unit_number(name[0]):  # "Ward 12", "Ward IV", "Ward 2 Bao Loc"
        rest = f" {render_place_name(name[1:])}" if len(name) > 1 else ""
        return f"{english} {name[0].text}{rest}"
    return f"{render_place_name(name)} {english}"


def render_place_name(tokens: Sequence[Token]) -> str:
    """Return a Vietnamese place name in English: capitalised, without diacritics.

    Two names joined by a dash keep it, in ASCII: *Xuan Huong - Da Lat*.
    """
    english = ""
    for number, token in enumerate(tokens):
        if number:
            english += " - " if token.gap is Gap.DASH else " "
        word = token.text
        # "M'Drắk" keeps the capital after its apostrophe.
        english += word[:1].upper() + (word[1:] if "'" in word or "’" in word else word[1:].lower())
    return strip_diacritics(english)


def _level_at(tokens: Sequence[Token], position: int) -> tuple[str, ...] | None:
    for phrase in _LEVEL_PHRASES:
        end = position + len(phrase)
        if end > len(tokens):
            continue
        words = tokens[position:end]
        if tuple(token.key for token in words) != phrase:
            continue
        if any(token.gap is not Gap.SPACE for token in words[1:]):
            continue
        if _is_level_form(words):
            return phrase
    return None


def _is_level_form(words: Sequence[Token]) -> bool:
    """Lower case (``xã``), capitalised to start a sentence or a name (``Phường 12``), or caps."""
    first = words[0]
    if all(token.shape is Shape.UPPER for token in words) or first.key == "tp":
        return True
    rest_lower = all(token.shape is Shape.LOWER for token in words[1:])
    return rest_lower and first.shape in (Shape.LOWER, Shape.TITLE)


def _name_end(tokens: Sequence[Token], start: int) -> int | None:
    """Return the end of the capitalised Vietnamese name starting at ``start``, or None.

    The name stops at a gap other than a space, at a lower-case word, after four syllables, or
    at a line break, before a personal name that follows it ("xã Tả Van Lê Văn Bình": a surname
    inside the run begins the chairman's name, unless it begins the unit's own name: "phường
    Trần Phú"; after two syllables, so does any surname with a usual middle name: "thành phố
    Phan Thiết Mai Thanh Tú").
    A number may close it ("phường Hòa Bình 2"). All the words have the first one's case
    (title case, or capitals in a headline).
    """
    case = _case_of(tokens[start])
    if Shape.TITLE not in case:
        # In an all-capitals headline nothing shows where a name ends ("PHƯỜNG RA QUÂN …"):
        # only listed places match there.
        return None
    if _opens_common_word(tokens, start):
        return None
    end = start
    while end < len(tokens) and end - start < MAX_NAME_SYLLABLES:
        token = tokens[end]
        if end > start and (token.gap is not Gap.SPACE or token.is_sentence_start):
            break
        if not case & _case_of(token) or not _is_name_word(
            token, first=end == start, after_highland=_opens_highland_place(tokens, end - 1)
        ):
            break
        if end > start and _holder_starts(tokens, start, end):
            break
        end += 1
    if _runs_into_foreign_word(tokens, end, case):
        return None  # "thành phố São Paulo": a foreign name, whatever its first word
    if end - start == MAX_NAME_SYLLABLES and _continues_run(tokens, end, case):
        # Five capitalised words or more are no one name: a place of two words and the
        # holder's name after it ("huyện Kỳ Sơn Lữ Văn Tiến", "xã Đồng Văn Sùng Mí Chứ").
        end = start + 2
    if end == start or _runs_into_common_word(tokens, end):
        return None
    if _number_closes(tokens, end):
        end += 1
    return _joined_name_end(tokens, end)


def _is_unit_number(token: Token) -> bool:
    """A ward's or urban district's number: Arabic, or Roman in capitals ("Phường IV")."""
    return token.text.isdigit() or (token.text.isupper() and roman_value(token.text) is not None)


def _holder_starts(tokens: Sequence[Token], start: int, end: int) -> bool:
    """Whether a holder's name starts at ``end``, inside a unit's name that starts at ``start``.

    A common surname that starts a person, unless a full name starts one word later ("huyện
    Quỳnh Lưu Hồ Văn Thắng": the name is the one after "Lưu"); after two words any full name or
    highland name; after one word a full name, unless another starts one word later ("thành phố
    Huế Hồ Ngọc Lâm"; "huyện Mai Châu Hoàng Văn An" is Mai Châu's).
    """
    next_is_full = opens_full_name(tokens, end + 1)
    if tokens[end].key in SURNAMES and _starts_a_person(tokens, end) and not next_is_full:
        return True
    if end >= start + 2:
        return opens_full_name(tokens, end) or _opens_highland_name(tokens, end)
    return opens_full_name(tokens, end) and not next_is_full


def _opens_holder_name(tokens: Sequence[Token], start: int) -> bool:
    """A full name where a unit's name would be; "Châu Thành A" (a district) ends in a letter."""
    return opens_full_name(tokens, start) and len(tokens[start + 2].text) > 1


def _opens_highland_name(tokens: Sequence[Token], position: int) -> bool:
    """Whether "A", "Y" or a clan opens a personal name: "xã Măng Đen A Khương", "Ia Dom Ksor Hen".

    Men's names of the Central Highlands open with them; as a place's first word ("Y Tý", "A
    Lưới") or its last ("Châu Thành A") they are no name.
    """
    if tokens[position].text.startswith(("K'", "K’", "H'", "H’")):
        return True  # K'Ho men's and Ede women's names: "xã Quảng Khê K'Bình", "H'Loan Mlô"
    opener = tokens[position].text
    if opener not in _HIGHLAND_NAME_OPENERS | _HIGHLAND_CLANS or position + 1 >= len(tokens):
        return False
    following = tokens[position + 1]
    # "xã Vĩnh Lộc A Trần Văn Mười": the letter ends the commune's name, a full name follows.
    return (
        following.gap is Gap.SPACE
        and following.shape is Shape.TITLE
        and not opens_full_name(tokens, position + 1)
    )


def _runs_into_foreign_word(tokens: Sequence[Token], end: int, case: set[Shape]) -> bool:
    """Whether the capitalised run goes on at ``end`` in a word no Vietnamese name has."""
    following = _next_in_run(tokens, end, case)
    return following is not None and following.text.isalpha() and not _is_name_word(following)


def _continues_run(tokens: Sequence[Token], end: int, case: set[Shape]) -> bool:
    """Whether the capitalised run goes on at ``end`` in another name word."""
    following = _next_in_run(tokens, end, case)
    return following is not None and _is_name_word(following)


def _next_in_run(tokens: Sequence[Token], end: int, case: set[Shape]) -> Token | None:
    """The word at ``end`` if it follows the run after a space, in the run's case."""
    if end >= len(tokens):
        return None
    token = tokens[end]
    if token.gap is not Gap.SPACE or token.is_sentence_start or not case & _case_of(token):
        return None
    return token


def _number_closes(tokens: Sequence[Token], end: int) -> bool:
    """Whether a number after a name is part of it ("phường Hòa Bình 2"), not a count.

    "Long Thành 1 lần" (once), "Sa Pa 3 ngày" (three days): a number before a counted word
    counts it.
    """
    if end >= len(tokens) or not tokens[end].text.isdigit() or tokens[end].gap is not Gap.SPACE:
        return False
    following = tokens[end + 1] if end + 1 < len(tokens) else None
    if following is None or following.gap is not Gap.SPACE or following.key not in _COUNTED:
        return True
    # "phường Hà Giang 1 lần thứ I": "lần thứ" numbers the congress after the unit.
    after = tokens[end + 2] if end + 2 < len(tokens) else None
    return after is not None and after.key in _ORDINAL_WORD


def _joined_name_end(tokens: Sequence[Token], end: int) -> int:
    """Return the end of a second name joined to the first by a dash, or ``end``.

    Merged units and zones keep both names: "phường Xuân Hương – Đà Lạt", "Khu kinh tế cửa
    khẩu Đồng Đăng – Lạng Sơn", "Khu kinh tế Đình Vũ - Cát Hải".
    """
    if end >= len(tokens) or tokens[end].gap is not Gap.DASH or tokens[end].key in _OPENERS:
        return end
    second = _name_end(tokens, end)
    return end if second is None else second


def _opens_common_word(tokens: Sequence[Token], start: int) -> bool:
    """Whether the capitalised word at ``start`` begins a common word, not a place's name.

    "Đại học Quốc gia Hà Nội", "Trường Đại học Bách khoa", "Trường THPT Chuyên Lê Quý Đôn":
    the word after the head describes the institution; reading it as a place ("Quoc
    University") cuts the name in two.
    """
    if tokens[start].key in _DESCRIPTIVE_WORDS:
        return True
    pair = tuple(token.key for token in tokens[start : start + 2])
    return pair in _COMMON_COMPOUNDS and tokens[start + 1].shape is Shape.LOWER


def follows_capitalised_compound(tokens: Sequence[Token], position: int) -> bool:
    """Whether a capitalised common word ends right before ``position`` ("… Công nghiệp").

    In "Trường Đại học Kinh tế Công nghiệp Long An" the place closes the school's own name.
    """
    if position < 2:
        return False
    first, second = tokens[position - 2], tokens[position - 1]
    return (
        first.shape is Shape.TITLE
        and not first.is_sentence_start
        and second.shape is Shape.LOWER
        and second.gap is Gap.SPACE
        and (first.key, second.key) in _COMMON_COMPOUNDS
    )


def _runs_into_common_word(tokens: Sequence[Token], end: int) -> bool:
    """Whether the name's last word begins a common word with the lower-case word after it.

    "Bệnh viện Nhi Trung ương": "Trung ương" (central) is no part of a place's name, so the
    capitalised run before it ("Nhi Trung") is not one either.
    """
    if end >= len(tokens) or tokens[end].shape is not Shape.LOWER:
        return False
    return (tokens[end - 1].key, tokens[end].key) in _COMMON_COMPOUNDS


def _case_of(token: Token) -> set[Shape]:
    """The cases a word fits: one letter ("Y" in "Y Tý") is title case and capitals at once."""
    if len(token.text) == 1 and token.shape is Shape.TITLE:
        return {Shape.TITLE, Shape.UPPER}
    return {token.shape}


def follows_a_foreign_committee(tokens: Sequence[Token], end: int) -> bool:
    """Whether a Party committee ending at ``end`` is named by a foreign place after it.

    "Tỉnh ủy Champasak", "Thành ủy Munich"; highland names ("Huyện ủy Krông Pắc", "Pleiku",
    "Ea Súp") are Vietnamese.
    """
    if end == 0 or tokens[end - 1].key not in _COMMITTEE_ENDS or end >= len(tokens):
        return False
    token = tokens[end]
    if token.gap is Gap.COMMA and _holds_a_foreign_post(tokens, end):
        return True  # "Bí thư Tỉnh ủy, Tỉnh trưởng tỉnh Phông-xa-lỳ": Laos has governors
    return (
        token.gap is Gap.SPACE
        and token.shape is Shape.TITLE
        and not _is_name_word(token, first=True)
    )


def _holds_a_foreign_post(tokens: Sequence[Token], position: int) -> bool:
    """Whether a post Viet Nam does not have starts at ``position``: a province's governor.

    Lao and Cambodian provinces have a governor ("Tỉnh trưởng"), Vietnamese ones a chairman.
    """
    return any(
        tuple(token.key for token in tokens[position : position + len(post)]) == post
        for post in _FOREIGN_POSTS
    )


def _is_name_word(token: Token, *, first: bool = False, after_highland: bool = False) -> bool:
    if token.shape not in (Shape.TITLE, Shape.UPPER):
        return False
    if is_syllable(token.text) or (after_highland and token.text.isalpha()):
        return True
    # Names of the highlands keep minority-language syllables ("Ea Kar", "Krông Pắc", "Ia
    # Grai"): a word with a Vietnamese letter, or a short one after a Vietnamese first word.
    # A first word like "Munich" or "Paris" is foreign: no unit.
    if not token.text.isascii():
        return True
    if not first and len(token.text) <= 5:
        # One vowel group, as in "Grai", "Kar", "Kuin"; "Paulo" (São Paulo) has two: foreign.
        return len(_VOWEL_GROUPS.findall(token.text.lower())) <= 1
    return _HIGHLAND_FIRST_WORD.match(token.text) is not None


def _opens_highland_place(tokens: Sequence[Token], position: int) -> bool:
    """Whether the word at ``position`` opens many highland place names ("Krông Ana", "Ea Ning").

    The word after it keeps its minority-language spelling, whatever its vowels.
    """
    return position >= 0 and tokens[position].text in _HIGHLAND_PLACE_OPENERS


def _starts_a_person(tokens: Sequence[Token], position: int) -> bool:
    """Whether a surname at ``position`` opens a run of two to four capitalised syllables."""
    end = position
    while end < len(tokens) and end - position < 4:
        token = tokens[end]
        if token.shape is not Shape.TITLE or (end > position and token.gap is not Gap.SPACE):
            break
        end += 1
    return end - position >= 2

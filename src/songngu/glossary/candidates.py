"""Candidate units where the vocabulary knows none of the parts: a head word and a name.

Used by :mod:`songngu.glossary.suggest` for what the grammar of matching does not find. A
candidate starts with the head word of a body or an office ("Bộ", "Sở", "Cục", "Ủy ban",
"Giám đốc", …, capitalised) and goes on over the name's capitalised words and the lower-case
words that belong to them ("Sở Giao thông vận tải tỉnh Quảng Ninh"), ending at a function word
or a verb. Candidates a glossary term already covers are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from songngu.glossary.ordinals import roman_or_arabic
from songngu.glossary.tokens import (
    Gap,
    Shape,
    Token,
    is_syllable,
    phrase_keys,
    phrase_list,
    tokenize,
)
from songngu.model import TermMatch

__all__ = ["iter_candidates"]

_HEADS = phrase_list(
    "Bộ",
    "Sở",
    "Ban",
    "Ủy ban",
    "Cục",
    "Tổng cục",
    "Chi cục",
    "Viện",
    "Vụ",
    "Tòa án",
    "Viện kiểm sát",
    "Công an",
    "Bệnh viện",
    "Tập đoàn",
    "Tổng công ty",
    "Hội",
    "Hội đồng",
    "Văn phòng",
    "Thanh tra",
    "Đảng ủy",
    "Đảng bộ",
    "Ngân hàng",
    "Quỹ",
    "Trung tâm",
    "Học viện",
    "Đại học",
    "Liên đoàn",
    "Mặt trận",
    "Kho bạc",
    "Bộ Tư lệnh",
    "Quân khu",
    "Bộ Chỉ huy",
    "Cảnh sát",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Đảng đoàn",
    "Ban cán sự",
    "Giám đốc",
    "Phó Giám đốc",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Bí thư",
    "Phó Bí thư",
    "Trưởng ban",
    "Phó Trưởng ban",
    "Cục trưởng",
    "Vụ trưởng",
    "Viện trưởng",
    "Chánh án",
    "Chánh Văn phòng",
    "Tổng Giám đốc",
    "Thứ trưởng",
    "Bộ trưởng",
    "Tư lệnh",
    "Chính ủy",
    "Thống đốc",
    "Tổng Thư ký",
    "Chủ nhiệm",
    "Trưởng Công an",
    "Phó Trưởng Công an",
    # Institutions and offices of the held-out sets that no glossary lists (issue 19): airports
    # and port authorities, schools, border-guard stations, broadcasters, delegations.
    "Cảng hàng không",
    "Cảng vụ",
    "Cảng",
    "Trường",
    "Đồn Biên phòng",
    "Đồn",
    "Đài",
    "Đoàn Luật sư",
    "Đoàn Thanh niên",
    "Đoàn đại biểu",
    "Phó Tư lệnh",
    "Phó Chính ủy",
    "Phó Tổng Giám đốc",
    "Thủ trưởng",
    "Phó Thủ trưởng",
    "Đồn trưởng",
    "Phó Đồn trưởng",
    "Cơ quan",
    "Bảo hiểm xã hội",
    "Khu kinh tế",
    "Chỉ huy trưởng",
    "Phó Chỉ huy trưởng",
    "Chánh Thanh tra",
    "Phó Chánh Thanh tra",
    "Phó Chánh Văn phòng",
    "Hiệu trưởng",
    "Phó Hiệu trưởng",
    "Phó Cục trưởng",
    "Chi cục trưởng",
    "Phó Chi cục trưởng",
    "Phó Chủ nhiệm",
    "Phó Chánh án",
    "Phó Viện trưởng",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Trưởng đoàn",
    "Phó Trưởng đoàn",
    "Kiểm sát viên",
)
# Lower-case words that belong inside names: level words before a place, and "và".
_INSIDE = frozenset(phrase_keys("tỉnh thành phố huyện quận xã phường trung ương và"))
# Lower-case words that end a name: function words and common verbs of news text.
_ENDING_WORDS = frozenset(
    phrase_keys(
        "cho đã sẽ vừa đang là có được của tại với về trong ngày cũng không để khi thì mà "
        "này đó các những đến từ theo vào ra lên trên dưới sau trước năm tháng nhằm nên bị do "
        "vì nếu hay hoặc rằng nhưng còn đều luôn vẫn chưa mới rất nhiều tiếp làm họp thăm dự "
        "ký giao đón gặp gửi nêu cần phải đẩy nâng nói cùng giúp tặng sang"
    )
)
_ENDING_PHRASES = frozenset(
    phrase_list(
        "phối hợp",
        "tổ chức",
        "yêu cầu",
        "làm việc",
        "chủ trì",
        "phát biểu",
        "cho biết",
        "nhấn mạnh",
        "đề nghị",
        "kiểm tra",
        "ban hành",
        "công bố",
        "trao tặng",
        "tiếp nhận",
        "chỉ đạo",
        "báo cáo",
        "hỗ trợ",
        "thực hiện",
        "triển khai",
        "khẳng định",
        "xác minh",
        "điều tra",
        "phê duyệt",
        "đồng ý",
        "bày tỏ",
        "dẫn đầu",
        "vui mừng",
        "kết luận",
        "điều tiết",
        "chúc mừng",
        "chức năng",  # "Cơ quan chức năng": the authorities, no body's name
    )
)
# Nouns of body names that begin with a word of _ENDING_WORDS ("giao", "dự"): "Ban An toàn
# giao thông", "Ban Quản lý dự án", "Bộ Ngoại giao" go on (issue 19: they were cut there).
_COMPOUNDS = frozenset(
    phrase_list(
        "giao thông", "ngoại giao", "dự án", "dự toán", "dự trữ", "dự báo", "ra đa", "trợ giúp",
        "hàng không", "phòng không", "không quân",
    )
)  # fmt: skip
(_AND,) = phrase_list("và")
# Level words: a capitalised word after one is a place ("tỉnh Yên Bái", "TP Hà Nội").
_LEVELS = frozenset(phrase_keys("tỉnh huyện quận xã phường tp thị trấn"))
# "và các", "và những" go on inside a name when a place closes it ("Ban Quản lý Khu kinh tế và
# các khu công nghiệp tỉnh Thái Bình"); otherwise the name ends before "và" (_clean_end).
_AND_ALL = frozenset(phrase_list("và các", "và những"))
((_TP,),) = (phrase_keys("tp"),)
# Term types that are no body: "và" before one of them does not open a second body.
_NOT_BODIES = frozenset({"name", "province", "city", "place", "abbreviation"})
_STOP_TYPES = frozenset({"name", "title", "rank"})
_MAX_LOWER_RUN = 4
# Lower-case words between two capitals of one name ("Trung tâm Trợ giúp pháp lý nhà nước TP
# Hà Nội", "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh Ninh Bình").
_MAX_INNER_RUN = 10
_MAX_LENGTH = 22
# Lower-case words between a head and the name they describe ("Cảng hàng không quốc tế X").
_MAX_LEAD = 4


def iter_candidates(text: str, terms: Sequence[TermMatch] = ()) -> list[tuple[int, int]]:
    """Return the spans of candidate names in ``text`` that ``terms`` do not cover.

    A candidate stops where a name, a title or a rank begins ("… tỉnh Lâm Đồng và Đại tá …"),
    and lower-case words after the end of a known term are not part of it ("Bộ Công an đẩy
    mạnh …" is "Bộ Công an", known).
    """
    tokens = tokenize(text)
    stops = {term.start for term in terms if term.type in _STOP_TYPES}
    bodies = {term.start for term in terms if term.type not in _NOT_BODIES}
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(tokens):
        head = _head_at(tokens, position)
        end = _name_end(tokens, position + head, _Stops(stops, bodies)) if head else None
        if end is None:
            position += 1
            continue
        span = _trim_after_terms(tokens, (position, end), terms)
        if not any(term.start <= span[0] and span[1] <= term.end for term in terms):
            spans.append(span)
        position = end
    return spans


def _trim_after_terms(
    tokens: Sequence[Token], window: tuple[int, int], terms: Sequence[TermMatch]
) -> tuple[int, int]:
    """Return the candidate's span, cut after a known term that only lower-case words follow."""
    start, end = tokens[window[0]].start, tokens[window[1] - 1].end
    for term in terms:
        inside = start <= term.start < term.end < end
        rest = [token for token in tokens[window[0] : window[1]] if token.start >= term.end]
        if inside and all(token.shape is Shape.LOWER for token in rest):
            return start, term.end
        # "Bộ Chính trị chỉ định Ban Chấp hành …": a known body, then a verb, then another
        # name; a lower-case word right after the body's end that is no level word ends it.
        opens = inside and term.start == start
        if opens and rest[0].shape is Shape.LOWER and rest[0].key not in _INSIDE:
            return start, term.end
    return start, end


def _head_at(tokens: Sequence[Token], position: int) -> int:
    if tokens[position].shape not in (Shape.TITLE, Shape.UPPER):
        return 0
    for phrase in _HEADS:
        window = tokens[position : position + len(phrase)]
        if tuple(token.key for token in window) == phrase:
            return len(phrase)
    return 0


@dataclass(frozen=True, slots=True)
class _Stops:
    """Where known terms begin: names, titles and ranks (a name stops there), and bodies."""

    terms: set[int]
    bodies: set[int]


def _name_end(tokens: Sequence[Token], position: int, stops: _Stops) -> int | None:
    """Return the end of the name after a head, or None where no clean end is found.

    The name stops at a function word or common verb, a comma, a glossary name, title or rank,
    "và" before another body, or a foreign word ("Cuba", "Esteban"). Lower-case words inside
    it may be many when a place closes them ("Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu
    nạn tỉnh Yên Bái"); a longer run that no place closes is not part of it (see _clean_end).
    """
    if position >= len(tokens):
        return None
    if tokens[position].shape is Shape.LOWER and not _named_after(tokens, position, stops):
        return None
    end, last_capital, run, and_at = position, None, 0, None
    in_capitals = position > 0 and tokens[position - 1].shape is Shape.UPPER
    while end < len(tokens) and end - position < _MAX_LENGTH:
        token = tokens[end]
        if _is_boundary(tokens, end, stops):
            if _is_foreign(tokens, end) and token.gap is Gap.SPACE:
                return None  # "Tổng công ty Sân bay quốc tế Incheon": a foreign body
            break
        if in_capitals and token.shape is Shape.TITLE:
            break  # a headline in capitals ends where ordinary case begins ("… BỘ CHỐT Thứ Hai")
        if token.shape in (Shape.TITLE, Shape.UPPER, Shape.MIXED) or _is_numeral(token):
            if run > _MAX_LOWER_RUN and not _is_placed(tokens, end):
                return _clean_end(tokens, position, last_capital, None)
            last_capital, run, and_at = end, 0, None
        elif _ends_name(tokens, end):
            break
        else:
            run += 1
            and_at = end if token.key in _AND and and_at is None else and_at
        end += 1
    if last_capital is None or (end - position >= _MAX_LENGTH and end < len(tokens)):
        return None
    if end < len(tokens) and _goes_on_after_comma(tokens, end):
        return None  # "Ban Chỉ đạo phòng, chống tham nhũng …": the name goes on past the comma
    if run > _MAX_LOWER_RUN:
        return _clean_end(tokens, position, last_capital, and_at)
    if run and _is_closed(tokens, position, last_capital, end):
        return last_capital + 1
    return _trim(tokens, position, end)


def _named_after(tokens: Sequence[Token], position: int, stops: _Stops) -> bool:
    """Whether a few lower-case words after a head lead to a capitalised name.

    "Cảng hàng không quốc tế Long Thành", "Đồn Biên phòng cửa khẩu quốc tế Lao Bảo": the
    descriptive words come before the name; a verb or a function word among them ends it.
    """
    for end in range(position, min(position + _MAX_LEAD, len(tokens))):
        if _is_boundary(tokens, end, stops) or _ends_name(tokens, end) or tokens[end].key in _AND:
            return False
        if tokens[end].shape is not Shape.LOWER:
            return tokens[end].shape is Shape.TITLE and is_syllable(tokens[end].text)
    return False


def _is_numeral(token: Token) -> bool:
    """Whether a token is an Arabic or Roman number ("Quân khu 7", "Chi cục Kiểm ngư vùng V")."""
    return roman_or_arabic(token.text) is not None


def _is_closed(tokens: Sequence[Token], start: int, last: int, end: int) -> bool:
    """Whether a name ends at ``last`` although lower-case words follow it up to ``end``.

    A number closes a name ("Chi cục Thuế khu vực II gọi điện"), and so does a proper name of
    two capitalised syllables ("Bệnh viện Đa khoa Đức Giang kể"); a descriptive name goes on in
    lower case after its first capital ("Bộ Giao thông vận tải"), and a level word after a
    name belongs to it ("… Việt Nam tỉnh").
    """
    trailing = tokens[last + 1 : end]
    if all(token.key in _INSIDE for token in trailing):
        return False
    if _is_numeral(tokens[last]):
        return True
    before = tokens[last - 1] if last - 1 >= start else None
    return (
        before is not None
        and not _head_at(tokens, last - 1)  # "Cục trưởng Cục Quản lý chất lượng"
        and before.shape is Shape.TITLE
        and tokens[last].shape is Shape.TITLE
        and tokens[last].gap is Gap.SPACE
    )


def _clean_end(
    tokens: Sequence[Token], start: int, last_capital: int | None, and_at: int | None
) -> int | None:
    """Return where a name followed by a long lower-case run ends, or None when unclear.

    Before the run when the name ends with a place ("Chi cục Thủy lợi tỉnh Thanh Hóa điều tiết
    …"), before its "và" when it has one; otherwise the run may be part of the name ("Ban Quản
    lý dự án đầu tư …") and cutting it would propose a fragment (issue 19).
    """
    if last_capital is not None and _is_placed(tokens, last_capital):
        end = last_capital + 1
        while end < len(tokens) and tokens[end].shape is not Shape.LOWER:
            end += 1
        return end
    return _trim(tokens, start, and_at) if and_at is not None else None


def _is_placed(tokens: Sequence[Token], position: int) -> bool:
    """Whether the capitalised word at ``position`` is (in) a place: "tỉnh Yên Bái", "TP Huế"."""
    back = position
    while back > 0 and tokens[back - 1].shape is not Shape.LOWER and position - back < 4:
        if tokens[back].key in _LEVELS:
            return True
        back -= 1
    return tokens[back].key in _LEVELS or (back > 0 and tokens[back - 1].key in _LEVELS)


def _goes_on_after_comma(tokens: Sequence[Token], position: int) -> bool:
    """Whether a comma at ``position`` is followed by a lower-case word that is no ending."""
    token = tokens[position]
    return (
        token.gap is Gap.COMMA and token.shape is Shape.LOWER and not _ends_name(tokens, position)
    )


def _is_boundary(tokens: Sequence[Token], position: int, stops: _Stops) -> bool:
    """Whether a name cannot go on at ``position``: punctuation, a term, "và" + a body, Cuba."""
    token = tokens[position]
    after_tp = token.gap is Gap.DOT and tokens[position - 1].key == _TP  # "TP. Hà Nội"
    if (token.gap not in (Gap.SPACE, Gap.DASH) and not after_tp) or token.start in stops.terms:
        return True
    if token.key in _AND and position + 1 < len(tokens):
        following = tokens[position + 1]
        if following.start in stops.bodies or _head_at(tokens, position + 1):
            return True  # "… và Ban …": two bodies, never one name (glossary-units.md)
        if _is_initials(tokens, position + 1) or _is_numeral(following):
            return True  # "Bộ Xây dựng và ACV", "Phó Chủ tịch Quốc hội và 13 …": no one name
    return _is_foreign(tokens, position)


def _is_initials(tokens: Sequence[Token], position: int) -> bool:
    """Whether an acronym stands alone at ``position`` ("ACV"), not before a name ("THCS Ia Mơ")."""
    token = tokens[position]
    if token.shape is not Shape.UPPER or is_syllable(token.text):
        return False
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    return following is None or following.gap is not Gap.SPACE or not following.is_capitalised


def _is_foreign(tokens: Sequence[Token], position: int) -> bool:
    """Whether a capitalised word at ``position`` begins a foreign name.

    A word that is no Vietnamese syllable nor a number ("Incheon", "Cuba"); a transliteration
    in hyphenated syllables ("Cu-ba", "Bê-la-rút"); an initial before a name ("V. An-đơ-rây").
    """
    token = tokens[position]
    if token.shape is not Shape.TITLE:
        return False
    if not is_syllable(token.text) and not _is_numeral(token):
        return True
    following = tokens[position + 1] if position + 1 < len(tokens) else None
    if following is None:
        return False
    hyphenated = following.gap is Gap.DASH and following.shape is Shape.LOWER
    initial = len(token.text) == 1 and following.gap is Gap.DOT and following.is_capitalised
    return hyphenated or initial


def _ends_name(tokens: Sequence[Token], position: int) -> bool:
    """Whether a function word or a common verb ("cho biết", "đề nghị") starts here."""
    pair = tuple(token.key for token in tokens[position : position + 2])
    before = tuple(token.key for token in tokens[max(position - 1, 0) : position + 1])
    if pair in _COMPOUNDS or before in _COMPOUNDS or before in _AND_ALL:
        return False
    return tokens[position].key in _ENDING_WORDS or pair in _ENDING_PHRASES


def _trim(tokens: Sequence[Token], start: int, end: int) -> int:
    """Drop a trailing "và", and a level word that a name follows (it belongs to that name).

    A bare level word stays: "Ban Chỉ đạo bầu cử tỉnh" is the body of the province the article
    is about, as units.py reads "Sở Y tế tỉnh".
    """
    # Only a lower-case word is a level word: "Long Thành" ends a name at its capitalised "Thành".
    while end > start and tokens[end - 1].key in _INSIDE and tokens[end - 1].shape is Shape.LOWER:
        following = tokens[end] if end < len(tokens) else None
        is_named = (
            following is not None
            and following.gap is Gap.SPACE
            and following.shape is not Shape.LOWER
        )
        if tokens[end - 1].key not in _AND and not is_named:
            break
        end -= 1
    return end

"""Candidate units where the vocabulary knows none of the parts: a head word and a name.

Used by :mod:`songngu.glossary.suggest` for what the grammar of matching does not find. A
candidate starts with the head word of a body or an office ("Bộ", "Sở", "Cục", "Ủy ban",
"Giám đốc", …, capitalised) and goes on over the name's capitalised words and the lower-case
words that belong to them ("Sở Giao thông vận tải tỉnh Quảng Ninh"), ending at a function word
or a verb. Candidates a glossary term already covers are left out.
"""

from __future__ import annotations

from collections.abc import Sequence

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
)
# Lower-case words that belong inside names: level words before a place, and "và".
_INSIDE = frozenset(phrase_keys("tỉnh thành phố huyện quận xã phường trung ương và"))
# Lower-case words that end a name: function words and common verbs of news text.
_ENDING_WORDS = frozenset(
    phrase_keys(
        "cho đã sẽ vừa đang là có được của tại với về trong ngày cũng không để khi thì mà "
        "này đó các những đến từ theo vào ra lên trên dưới sau trước năm tháng nhằm nên bị do "
        "vì nếu hay hoặc rằng nhưng còn đều luôn vẫn chưa mới rất nhiều tiếp làm họp thăm dự "
        "ký giao đón gặp gửi nêu cần phải đẩy nâng nói"
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
        "chúc mừng",
    )
)
# Nouns of body names that begin with a word of _ENDING_WORDS ("giao", "dự"): "Ban An toàn
# giao thông", "Ban Quản lý dự án", "Bộ Ngoại giao" go on (issue 19: they were cut there).
_COMPOUNDS = frozenset(
    phrase_list("giao thông", "ngoại giao", "dự án", "dự toán", "dự trữ", "dự báo", "ra đa")
)
(_AND,) = phrase_list("và")
_STOP_TYPES = frozenset({"name", "title", "rank"})
_MAX_LOWER_RUN = 4
_MAX_LENGTH = 14


def iter_candidates(text: str, terms: Sequence[TermMatch] = ()) -> list[tuple[int, int]]:
    """Return the spans of candidate names in ``text`` that ``terms`` do not cover.

    A candidate stops where a name, a title or a rank begins ("… tỉnh Lâm Đồng và Đại tá …"),
    and lower-case words after the end of a known term are not part of it ("Bộ Công an đẩy
    mạnh …" is "Bộ Công an", known).
    """
    tokens = tokenize(text)
    stops = {term.start for term in terms if term.type in _STOP_TYPES}
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(tokens):
        head = _head_at(tokens, position)
        end = _name_end(tokens, position + head, stops) if head else None
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
    return start, end


def _head_at(tokens: Sequence[Token], position: int) -> int:
    if tokens[position].shape not in (Shape.TITLE, Shape.UPPER):
        return 0
    for phrase in _HEADS:
        window = tokens[position : position + len(phrase)]
        if tuple(token.key for token in window) == phrase:
            return len(phrase)
    return 0


def _name_end(tokens: Sequence[Token], position: int, stops: set[int]) -> int | None:
    """Return the end of the name after a head, or None unless a capitalised word follows.

    The name stops at a function word or common verb, a glossary name, title or rank, or a
    foreign word ("Cuba", "Esteban"). A run of more than four lower-case words, or a name
    longer than the limit, is no name: cutting it would propose a fragment.
    """
    if position >= len(tokens) or tokens[position].shape is Shape.LOWER:
        return None
    end, last_capital, lower_run = position, None, 0
    while end < len(tokens) and end - position < _MAX_LENGTH:
        token = tokens[end]
        if token.gap not in (Gap.SPACE, Gap.DASH) or token.start in stops:
            break
        if token.key in _AND and end + 1 < len(tokens) and _head_at(tokens, end + 1):
            break  # "… và Ban …": two bodies, never one name (glossary-units.md, issue 19)
        if token.shape is Shape.TITLE and not is_syllable(token.text):
            break
        if token.shape in (Shape.TITLE, Shape.UPPER, Shape.MIXED):
            last_capital, lower_run = end, 0
        elif _ends_name(tokens, end):
            break
        elif lower_run >= _MAX_LOWER_RUN and token.key not in _INSIDE:
            return None  # cut by the limit, not where the name ends: no unit (issue 19)
        else:
            lower_run += 1
        end += 1
    if last_capital is None or end - position >= _MAX_LENGTH:
        return None
    return _trim(tokens, position, end)


def _ends_name(tokens: Sequence[Token], position: int) -> bool:
    """Whether a function word or a common verb ("cho biết", "đề nghị") starts here."""
    pair = tuple(token.key for token in tokens[position : position + 2])
    before = tuple(token.key for token in tokens[max(position - 1, 0) : position + 1])
    if pair in _COMPOUNDS or before in _COMPOUNDS:
        return False
    return tokens[position].key in _ENDING_WORDS or pair in _ENDING_PHRASES


def _trim(tokens: Sequence[Token], start: int, end: int) -> int:
    """Drop trailing level words and "và" (they belong to what follows)."""
    while end > start and tokens[end - 1].key in _INSIDE:
        end -= 1
    return end

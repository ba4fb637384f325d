"""Products and events named after a place: "cà phê Đắk Lắk", "Hội chợ Cao su Bình Phước".

``glossary-units.md`` §5 lists look-alikes of places: streets, rivers, products and events named
after one are not the province. Streets and rivers are the matcher's features; this module reads
the other two from the words before a bare place name. Every blind batch has such traps; before
this rule, 27 products and events in sets B to CC were reported as provinces.
"""

from __future__ import annotations

from collections.abc import Sequence

from songngu.glossary.tokens import Gap, Shape, Token, phrase_keys, phrase_list

__all__ = ["names_a_product", "names_an_event", "names_an_expressway"]

# Crops, food and crafts sold under a place's name. Not "tiêu" alone ("chỉ tiêu Hà Nội": the
# city's target) nor "hồi" ("hồi Hà Nội còn …": back when), which also end common words.
_PRODUCTS = phrase_list(
    "cà phê", "chè", "trà", "hạt điều", "hồ tiêu", "cao su", "gạo", "lúa", "nếp", "nho",
    "thanh long", "sầu riêng", "bưởi", "vải", "vải thiều", "nhãn", "nhãn lồng", "xoài", "chuối",
    "dừa", "kẹo dừa", "cam", "quýt", "mận", "táo", "dứa", "mít", "măng cụt", "chôm chôm",
    "sâm", "quế", "mật ong", "tôm", "tôm sú", "tôm hùm", "cá", "cá tra", "mực", "ngao", "cua",
    "yến", "yến sào", "nước mắm", "mắm", "muối", "bánh", "bánh pía", "bánh cáy", "bánh tráng",
    "bánh đa", "bún", "bún bò", "phở", "miến", "mì", "nem", "chả", "giò", "rượu", "trầm hương",
    "gốm", "lụa", "thổ cẩm", "đặc sản", "sản vật", "nông sản",
)  # fmt: skip
_PRODUCT_REACH = max(len(product) for product in _PRODUCTS)
_DESCRIBING_REACH = 2
# An event's name opens with one of these, capitalised: "Lễ hội Hoa Tam giác mạch Hà Giang".
_EVENTS = phrase_list(
    "hội chợ", "lễ hội", "ngày hội", "liên hoan", "hội thi", "hội diễn", "tuần lễ", "triển lãm",
    "festival",
)  # fmt: skip
# Words that join phrases, so end a product's or an event's name before the place: "Lễ hội Hoa
# tại Hà Giang" and "cà phê của Đắk Lắk" name the province.
_LINK_WORDS = frozenset(
    phrase_keys(
        "tại ở của do cho với và được đã sẽ từ trên thuộc về cùng đến như là có sang qua vào ra"
    )
)
# Common words that open with a product's word: "cam kết" (commit), "mực nước" (water level),
# "cá nhân" (an individual). "Hậu cam kết Lai Châu sẽ …" names the province (blind batch HH).
_COMMON_WORDS = frozenset(
    phrase_list("cam kết", "cam đoan", "mực nước", "cá nhân", "cá thể", "nhãn hiệu", "trà trộn")
)
_EVENT_REACH = 8
# An expressway is named by its ends, joined by dashes: "cao tốc Nội Bài - Lào Cai", "cao tốc
# Châu Đốc - Cần Thơ - Sóc Trăng". Its ends name the road, not the provinces: 17 such ends in
# sets B to Y are no rows, 4 (all in B) are.
_EXPRESSWAY = phrase_keys("cao tốc")
_EXPRESSWAY_REACH = 12
(_AND,) = phrase_keys("và")


def names_a_product(tokens: Sequence[Token], position: int) -> bool:
    """Whether the place name at ``position`` follows a product's name ("hạt điều Bình Phước").

    Up to two lower-case words or codes may describe the product first ("bưởi da xanh Bến
    Tre", "gạo ST25 Sóc Trăng"); a word that joins phrases ("của", "tại") ends the search.
    """
    for described in range(_DESCRIBING_REACH + 1):
        end = position - described
        if described and not _describes(tokens, end):
            return False
        if described == 1 and (tokens[end - 1].key, tokens[end].key) in _COMMON_WORDS:
            return False
        if _product_ends_at(tokens, end, position):
            return True
    return False


def _describes(tokens: Sequence[Token], end: int) -> bool:
    """Whether the word at ``end`` may describe a product before a place: lower case or a code."""
    if end < 1:
        return False
    word = tokens[end]
    return word.shape in (Shape.LOWER, Shape.OTHER) and word.key not in _LINK_WORDS


def _product_ends_at(tokens: Sequence[Token], end: int, position: int) -> bool:
    keys = tuple(token.key for token in tokens[max(0, end - _PRODUCT_REACH) : end])
    return any(
        keys[len(keys) - len(product) :] == product
        and _joined(tokens, end - len(product), position)
        for product in _PRODUCTS
    )


def names_an_event(tokens: Sequence[Token], position: int) -> bool:
    """Whether the place name at ``position`` ends an event's name ("Ngày hội Sầu riêng Đắk …")."""
    for start in range(position - 1, max(-1, position - 1 - _EVENT_REACH), -1):
        # A dash may join the event's places: "Festival Mũi Né - Bình Thuận".
        if tokens[start + 1].gap not in (Gap.SPACE, Gap.DASH) or tokens[start].key in _LINK_WORDS:
            return False
        if tokens[start].shape in (Shape.TITLE, Shape.UPPER) and _opens_an_event(tokens, start):
            return True
    return False


def names_an_expressway(tokens: Sequence[Token], position: int) -> bool:
    """Whether the place name at ``position`` is one of an expressway's named ends.

    The capitalised words before it, joined by spaces or dashes, must run back to "cao tốc":
    "cao tốc [Hà Nội] - [Hải Phòng]", "cao tốc Nội Bài - [Lào Cai]".
    A second road after "và" shares the first one's "cao tốc": "cao tốc Cần Thơ - Cà Mau và
    Châu Đốc - [Cần Thơ]".
    """
    start = position
    while start > 0 and position - start < _EXPRESSWAY_REACH:
        if tokens[start].gap not in (Gap.SPACE, Gap.DASH, Gap.DOT):
            return False
        if not tokens[start - 1].is_capitalised:
            break
        start -= 1
    if tokens[start].gap is not Gap.SPACE:
        return False
    keys = tuple(token.key for token in tokens[max(0, start - 2) : start])
    if keys == _EXPRESSWAY:
        return True
    joined_by_and = start > 1 and tokens[start - 1].key == _AND and tokens[start - 2].is_capitalised
    has_dash = any(token.gap is Gap.DASH for token in tokens[start + 1 : position + 1])
    return joined_by_and and has_dash and names_an_expressway(tokens, start - 2)


def _opens_an_event(tokens: Sequence[Token], start: int) -> bool:
    keys = tuple(token.key for token in tokens[start : start + 2])
    return any(keys[: len(event)] == event for event in _EVENTS)


def _joined(tokens: Sequence[Token], first: int, end: int) -> bool:
    """Whether the tokens from ``first`` up to ``end`` (the place) are one phrase: spaces only."""
    return first >= 0 and all(token.gap is Gap.SPACE for token in tokens[first + 1 : end + 1])

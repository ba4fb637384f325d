"""Companies and commercial banks by their own name: ``Công ty cổ phần Đầu tư Bất động sản X``.

A company's official name is its kind, its legal form, its trades and its own name (Law on
Enterprises 59/2020/QH14, Article 37: "loại hình doanh nghiệp" + "tên riêng"; the trades are part
of the own name in practice): ``Công ty TNHH Thương mại Dịch vụ Phước Lộc`` → *Phuoc Loc Trading
and Services Limited Liability Company*. The own name is an open class, like a commune's: it is
found as a capitalised Vietnamese name after the trades the glossary knows (a first word that is
no trade and no Vietnamese syllable, "Samsung", is a foreign company: no unit). English puts the
own name first and the legal form last, as companies register their English names.

A one-word own name before a lower-case word is left out: it is more often a trade the glossary
does not know ("Công ty cổ phần Giải trí …").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from songngu.glossary.localities import find_place_name, render_place_name
from songngu.glossary.names import opens_full_name
from songngu.glossary.parts import article_for
from songngu.glossary.presence import overlaps
from songngu.glossary.tokens import Gap, Shape, Token, is_syllable, phrase_keys, phrase_list
from songngu.model import TermMatch

__all__ = ["with_companies"]

# Legal forms after "Công ty" (keys, longest first) and their English, which ends the name.
_FORMS = {
    phrase_keys(vietnamese): english
    for vietnamese, english in (
        ("trách nhiệm hữu hạn một thành viên", "One Member Limited Liability Company"),
        ("TNHH một thành viên", "One Member Limited Liability Company"),
        ("TNHH MTV", "One Member Limited Liability Company"),
        ("trách nhiệm hữu hạn", "Limited Liability Company"),
        ("TNHH", "Limited Liability Company"),
        ("cổ phần", "Joint Stock Company"),
        ("CP", "Joint Stock Company"),
    )
}
_BANK_FORMS = {
    phrase_keys(vietnamese): english
    for vietnamese, english in (
        ("thương mại cổ phần", "Joint Stock Commercial Bank"),
        ("TMCP", "Joint Stock Commercial Bank"),
    )
}
# Kinds that open a company's or bank's name, their legal forms, and the English of the kind
# when no legal form is written (a bank is named here only with its legal form).
_KINDS: tuple[tuple[tuple[str, ...], dict[tuple[str, ...], str], str], ...] = (
    (phrase_keys("Tổng công ty"), {}, "Corporation"),
    (phrase_keys("Công ty"), _FORMS, "Company"),
    (phrase_keys("Ngân hàng"), _BANK_FORMS, ""),
    # A cooperative is named the same way (Law on Cooperatives 17/2023/QH15, Art. 25).
    (phrase_keys("Hợp tác xã"), {}, "Cooperative"),
    (phrase_keys("HTX"), {}, "Cooperative"),
    # A trade association by its trade and place ("Hiệp hội Cà phê Buôn Ma Thuột").
    (phrase_keys("Hiệp hội"), {}, "Association"),
)
# Trades written between the legal form and the own name, with the English companies register.
_TRADES = {
    phrase_keys(vietnamese): english
    for vietnamese, english in (
        ("Đầu tư", "Investment"), ("Bất động sản", "Real Estate"), ("Thương mại", "Trading"),
        ("Dịch vụ", "Services"), ("Xây dựng", "Construction"), ("Cầu đường", "Bridge and Road"),
        ("Sản xuất", "Manufacturing"), ("Xuất nhập khẩu", "Import-Export"),
        ("Vận tải", "Transport"), ("Du lịch", "Tourism"), ("Công nghệ", "Technology"),
        ("Tư vấn", "Consulting"), ("Việc làm", "Employment"), ("Phát triển", "Development"),
        ("Thực phẩm", "Food"), ("Điện tử", "Electronics"), ("Dệt may", "Textile and Garment"),
        ("Thủy sản", "Seafood"), ("Nông nghiệp", "Agriculture"), ("Khoáng sản", "Minerals"),
        ("Nước khoáng", "Mineral Water"), ("Môi trường", "Environment"), ("Năng lượng", "Energy"),
        ("Dược phẩm", "Pharmaceutical"), ("Dược liệu", "Medicinal Materials"),
        ("Đào tạo", "Training"), ("Nhôm", "Aluminium"), ("Sâm", "Ginseng"),
        ("Vật liệu", "Materials"), ("Nhựa", "Plastics"),
        ("Thép", "Steel"), ("Logistics", "Logistics"), ("Giáo dục", "Education"),
        ("Truyền thông", "Media"), ("Chế biến", "Processing"), ("Giống cây trồng", "Seed"),
        ("Kinh doanh", "Business"), ("Nhà", "Housing"), ("Địa ốc", "Real Estate"),
        ("Xây lắp", "Construction and Installation"), ("Cơ khí", "Mechanical Engineering"),
        ("Lương thực", "Food"), ("Chăn nuôi", "Livestock"), ("Thiết bị", "Equipment"),
        ("Y tế", "Medical"), ("Tài chính", "Finance"), ("Quản lý", "Management"),
        ("Hàng hải", "Maritime"), ("Cấp thoát nước", "Water Supply and Sewerage"),
        ("Gỗ", "Wood"), ("Điện", "Power"), ("Cao su", "Rubber"), ("Cà phê", "Coffee"),
        ("Lâm nghiệp", "Forestry"), ("Khu công nghiệp", "Industrial Park"), ("May", "Garment"),
        ("May mặc", "Garment"),
        ("Xăng dầu", "Petroleum"), ("Giày da", "Footwear"), ("Chế biến gỗ", "Wood Processing"),
        ("Dịch vụ công ích", "Public Utility Services"), ("Nông sản", "Agricultural Products"),
        ("Hải sản", "Seafood"), ("Lâm sản", "Forest Products"),
        ("Lọc hóa dầu", "Refining and Petrochemical"),
        ("Thủy lợi", "Irrigation"),
        ("Khai thác công trình thủy lợi", "Irrigation Works Exploitation"),
        ("Khai thác thủy lợi", "Irrigation Exploitation"),
        ("Quản lý công trình thủy lợi", "Irrigation Works Management"),
        ("Quản lý khai thác công trình thủy lợi", "Irrigation Works Management and Exploitation"),
        ("Thủy điện", "Hydropower"),
        ("Than", "Coal"), ("Cảng", "Port"), ("Xổ số kiến thiết", "Lottery"),
        ("Cấp nước", "Water Supply"), ("Môi trường đô thị", "Urban Environment"),
        ("Xi măng", "Cement"), ("Nước sạch", "Clean Water"), ("Phân bón", "Fertiliser"),
        ("Phân bón Dầu khí", "PetroVietnam Fertiliser"), ("Công trình đô thị", "Urban Works"),
        ("Suất ăn", "Catering"), ("Lúa gạo", "Rice"), ("Đường sắt", "Railway"),
        ("Và", "and"),
    )
}  # fmt: skip
_TRADE_KEYS = sorted(_TRADES, key=len, reverse=True)
# How far a brand name may run, and the shapes of its words ("Vina", "VSIP", "PetroVietnam").
_BRAND_REACH = 6
# The dash between a member company's name and its group's brand: " - TKV".
_GROUP_DASH = re.compile(r" [-–] ")
# A company's short form in brackets after its full name: " (BIDV) ".
_SHORT_FORM = re.compile(r" \(\w{2,12}\) (?=\w)")
_NAME_SHAPES = frozenset({Shape.TITLE, Shape.UPPER, Shape.MIXED})
_AND = phrase_keys("và")
_BRANCH = phrase_keys("Chi nhánh")
# Level words before a province or city that owns a company (the English names it without).
_LEVELS = phrase_list("tỉnh", "thành phố")
_OF = phrase_keys("của")
# A branch of a level the article does not name: "Ngân hàng Chính sách xã hội chi nhánh tỉnh".
_BARE_LEVELS = {
    phrase_keys("tỉnh"): "Provincial", phrase_keys("thành phố"): "City",
    phrase_keys("huyện"): "District",
}  # fmt: skip


def with_companies(
    tokens: Sequence[Token], text: str, matches: Sequence[TermMatch]
) -> list[TermMatch]:
    """Return ``matches`` with the companies and banks named by their own name in place.

    A listed term that covers a company wins ("Công ty Điện lực Hà Nội"); the pieces a company
    covers (a trade's row, a name inside it) give way to it.
    """
    kept = list(matches)
    companies = [_with_its_group(company, text, matches) for company in _companies(tokens, text)]
    for company in [*companies, *_named_branches(tokens, text, matches)]:
        if any(m.start <= company.start and company.end <= m.end for m in kept):
            continue
        kept = [m for m in kept if not overlaps((m.start, m.end), [(company.start, company.end)])]
        kept.append(company)
    return sorted(kept, key=lambda match: match.start)


def _with_its_group(company: TermMatch, text: str, matches: Sequence[TermMatch]) -> TermMatch:
    """The company with its group's brand after a dash: "Công ty Nhôm Đắk Nông - TKV".

    A group's member companies carry its brand in their name (*Vinacomin - Dak Nong Aluminium
    Company*); the brand alone is a listed one-word organisation.
    """
    dash = _GROUP_DASH.match(text, company.end)
    if dash is None:
        return company
    brand = next(
        (
            m
            for m in matches
            if m.start == dash.end() and m.type == "organisation" and " " not in m.target
        ),
        None,
    )
    if brand is None:
        return company
    english = f"{brand.target} - {company.target}"
    return TermMatch(
        text[company.start : brand.end], english, company.start, brand.end, "organisation"
    )


def _named_branches(
    tokens: Sequence[Token], text: str, matches: Sequence[TermMatch]
) -> list[TermMatch]:
    """A listed bank or company and its branch named after it: "BIDV Chi nhánh Thủ Dầu Một"."""
    starts = [token.start for token in tokens]
    branches = []
    for match in matches:
        position = _next_word(tokens, starts, match, text) if match.type == "organisation" else None
        branch = None if position is None else _branch_after(tokens, text, match, position)
        if branch is not None:
            branches.append(branch)
    return branches


def _companies(tokens: Sequence[Token], text: str) -> list[TermMatch]:
    found = []
    for position, token in enumerate(tokens):
        if token.shape not in (Shape.TITLE, Shape.UPPER):
            continue
        company = _branch_at(tokens, position, text) or _company_at(tokens, position, text)
        if company is not None:
            found.append(company)
    return found


def _branch_at(tokens: Sequence[Token], position: int, text: str) -> TermMatch | None:
    """A named branch of a company or bank: "Chi nhánh Cầu Giấy của Ngân hàng TMCP …"."""
    if _keys(tokens, position, len(_BRANCH)) != _BRANCH:
        return None
    name_start = position + len(_BRANCH)
    end = _own_name_end(tokens, name_start) if name_start < len(tokens) else None
    if end is None or _keys(tokens, end, 1) != _OF:
        return None
    owner = _company_at(tokens, end + 1, text)
    if owner is None:
        return None
    name = render_place_name(tokens[name_start:end])
    start = tokens[position].start
    english = f"{name} Branch of the {owner.target}"
    return TermMatch(text[start : owner.end], english, start, owner.end, "organisation")


def _company_at(tokens: Sequence[Token], position: int, text: str) -> TermMatch | None:
    kind = next((k for k in _KINDS if _keys(tokens, position, len(k[0])) == k[0]), None)
    if kind is None:
        return None
    words, forms, default = kind
    cursor = position + len(words)
    form = next((f for f in forms if _keys(tokens, cursor, len(f)) == f), None)
    if form is not None:
        cursor += len(form)
    elif not default:
        return None  # a bank only by its legal form: "Ngân hàng TMCP …"
    trades: list[str] = []
    while (trade := _trade_at(tokens, cursor)) is not None:
        trades.append(_TRADES[trade])
        cursor += len(trade)
    # "… Khai thác công trình thủy lợi tỉnh Bến Tre": a province's company, named by it.
    level = next((len(w) for w in _LEVELS if _keys(tokens, cursor, len(w)) == w), 0)
    name_start = cursor + (level if trades else 0)
    end = _brand_end(tokens, name_start) or _own_name_end(tokens, name_start)
    if end is None or (trades and trades[-1] == "and"):
        return None
    name = render_place_name(tokens[name_start:end])
    legal = forms[form] if form is not None else default
    english = " ".join(part for part in (name, _trades_english(trades), legal) if part)
    start, stop = tokens[position].start, tokens[end - 1].end
    company = TermMatch(text[start:stop], english, start, stop, "organisation")
    # "Ngân hàng TMCP Tây Đô chi nhánh Ninh Kiều": a branch named after its company.
    return _branch_after(tokens, text, company, end) or company


def _next_word(
    tokens: Sequence[Token], starts: list[int], match: TermMatch, text: str
) -> int | None:
    """The word after a match, if a space or a dash parts them ("… Việt Nam - Chi nhánh …").

    The name's short form in brackets may come between: "… Việt Nam (BIDV) Chi nhánh Cà Mau".
    """
    short_form = _SHORT_FORM.match(text, match.end)
    position = bisect_left(starts, short_form.end() if short_form else match.end)
    if short_form:
        return position
    if position < len(tokens) and tokens[position].gap in (Gap.SPACE, Gap.DASH):
        return position
    return None


def _branch_after(
    tokens: Sequence[Token], text: str, owner: TermMatch, position: int
) -> TermMatch | None:
    """The owner's branch named right after it, "Chi nhánh" at ``position``, or None."""
    if _keys(tokens, position, len(_BRANCH)) != _BRANCH:
        return None
    named = _branch_name(tokens, position + len(_BRANCH))
    if named is None:
        return None
    branch, end = named
    stop = tokens[end - 1].end
    english = f"{branch} Branch of {article_for(owner)}{owner.target}"
    return TermMatch(text[owner.start : stop], english, owner.start, stop, "organisation")


def _branch_name(tokens: Sequence[Token], start: int) -> tuple[str, int] | None:
    """A branch's English name and where it ends: "Ninh Kiều", "tỉnh Lạng Sơn" or a bare "tỉnh".

    A level word before the place is no part of the English (*Lang Son Branch*); a level alone
    names the branch's level (*Provincial Branch*).
    """
    level = next((lv for lv in _LEVELS if _keys(tokens, start, len(lv)) == lv), ())
    name_start = start + len(level)
    end = _own_name_end(tokens, name_start)
    if end is not None:
        return render_place_name(tokens[name_start:end]), end
    end = _bare_level_end(tokens, start)
    return None if end is None else (_BARE_LEVELS[_keys(tokens, start, end - start)], end)


def _bare_level_end(tokens: Sequence[Token], position: int) -> int | None:
    """The end of a level word that names no place ("chi nhánh tỉnh, …"), or None."""
    for level in _BARE_LEVELS:
        end = position + len(level)
        if _keys(tokens, position, len(level)) != level or not _spaced(
            tokens, position, len(level)
        ):
            continue
        following = tokens[end] if end < len(tokens) else None
        if following is None or following.gap is not Gap.SPACE:
            return end
        if following.shape not in (Shape.TITLE, Shape.UPPER):
            return end
    return None


def _trade_at(tokens: Sequence[Token], position: int) -> tuple[str, ...] | None:
    for trade in _TRADE_KEYS:
        if _keys(tokens, position, len(trade)) == trade and _spaced(tokens, position, len(trade)):
            if trade == _AND and position and tokens[position - 1].key in _AND:
                return None
            return trade
    return None


def _own_name_end(tokens: Sequence[Token], position: int) -> int | None:
    if position >= len(tokens) or tokens[position].gap is not Gap.SPACE:
        return None
    end = find_place_name(tokens, position)
    if end is None:
        return None
    # "… Tây Đô Chi nhánh Ninh Kiều": the own name ends where the branch begins.
    end = next((at for at in range(position + 1, end) if _keys(tokens, at, 2) == _BRANCH), end)
    following = tokens[end] if end < len(tokens) else None
    if following is None or following.gap is not Gap.SPACE:
        return end
    if end - position == 1 and following.shape is Shape.LOWER:
        return None  # "Giải trí": a trade the glossary does not know, not a name
    return end


def _brand_end(tokens: Sequence[Token], position: int) -> int | None:
    """The end of an own name that holds a foreign word, or None if it holds none.

    Companies take brands as names ("Langbiang Xanh", "Kwangsung Việt Nam", "Đông Á Mekong"):
    the capitalised words run on, spaced, as far as the name does.
    """
    if position >= len(tokens) or tokens[position].gap is not Gap.SPACE:
        return None
    end = position
    while (
        end < len(tokens)
        and end - position < _BRAND_REACH
        and tokens[end].shape in _NAME_SHAPES
        and (end == position or tokens[end].gap is Gap.SPACE)
        and _keys(tokens, end, len(_BRANCH)) != _BRANCH
        and not (end > position and opens_full_name(tokens, end))
    ):
        end += 1
    return end if any(_is_foreign(token) for token in tokens[position:end]) else None


def _is_foreign(token: Token) -> bool:
    """A word no Vietnamese syllable spells, in plain letters ("Langbiang"; not "Đắk", "TP")."""
    return token.shape is not Shape.UPPER and token.text.isascii() and not is_syllable(token.text)


def _trades_english(trades: list[str]) -> str:
    words = [trade for trade in trades if trade != "and"]
    if len(words) <= 1:
        return " ".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _keys(tokens: Sequence[Token], position: int, length: int) -> tuple[str, ...]:
    return tuple(token.key for token in tokens[position : position + length])


def _spaced(tokens: Sequence[Token], position: int, length: int) -> bool:
    return all(token.gap is Gap.SPACE for token in tokens[position : position + length])

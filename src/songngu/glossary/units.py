"""Official names composed as units: a title, the body it belongs to, and that body's place.

``../shared/reference/glossary-units.md`` §1: the unit is the longest official name at its
place. ``Giám đốc`` + ``Sở Y tế`` + ``tỉnh Lào Cai`` is one unit, *Director of the Lao Cai
Department of Health*, not three matches. The glossary lists titles, bodies and places; this
module composes the ones that stand side by side, separated by a space, in two passes:

1. a body and the place that follows it: ``Sở Kế hoạch và Đầu tư`` + ``TP.HCM`` → *Ho Chi Minh
   City Department of Planning and Investment*; a department inside a body with its place:
   ``Phòng Cảnh sát hình sự`` + ``Công an tỉnh Lào Cai`` → *Criminal Police Division of the Lao
   Cai Provincial Police*;
2. a title and the body that follows it: ``Giám đốc`` + that → *Director of the …*.

English order follows official usage (Circular 03/2009/TT-BNG; the conventions' examples):
a department or police force takes its place first (*Lao Cai Department of Health*, *Da Nang
City Police*), a body named "… Committee of …" takes it last (*Viet Nam Fatherland Front
Committee of An Giang Province*), a title is "<title> of the <body>".
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Collection, Sequence

from songngu.glossary.concurrent import concurrent_posts
from songngu.glossary.entries import PLACE_TYPES
from songngu.glossary.localities import LEVELS
from songngu.glossary.meetings import with_meeting, with_plenums
from songngu.glossary.names import starts_with_surname
from songngu.glossary.ordinals import ordinal_of, roman_or_arabic
from songngu.glossary.parts import (
    UNIT_TYPE,
    article_for,
    joined_unit,
    parts_of,
    with_words_before,
)
from songngu.glossary.tokens import match_key, phrase_keys, phrase_list
from songngu.model import TermMatch, TermPart

__all__ = ["UNIT_TYPE", "compose_units"]

_Rule = Callable[[str, TermMatch, TermMatch], TermMatch | None]

_BODY_TYPES = frozenset({"ministry", "agency", "party-body", "organisation"})
_PLACE_TYPES = frozenset({"province", "city"})
_NAMES_AND_PLACES = frozenset({"name", *PLACE_TYPES})
_DANGLING_LEVELS = frozenset(
    phrase[-1] for phrase in phrase_list("tỉnh", "thành phố", "TP", "huyện")
)
# The Party committee of a province or a centrally-run city, ending a generic body or post.
_COMMITTEE_LEVELS = {
    "province": (phrase_keys("Tỉnh ủy"), "Provincial Party Committee"),
    "city": (phrase_keys("Thành ủy"), "City Party Committee"),
}
_TITLE_TYPES = frozenset({"title"})
# Lower case inside a capitalised English name ("Economic Zone and Industrial Parks …").
_FUNCTION_WORDS = frozenset({"and", "of", "for", "the", "on", "in"})


@dataclasses.dataclass(frozen=True)
class _Prefix:
    """Words before a body (``words``, ending right before it) that name a part of it."""

    words: re.Pattern[str]
    english: str
    bodies: tuple[tuple[str, ...], ...]  # the first words of the bodies it goes with
    types: frozenset[str] = frozenset({"agency", "organisation", "pattern", "unit"})


_PREFIXES = (
    _Prefix(re.compile(r"(?<!\w)(?:Thanh tra|THANH TRA) "), "Inspectorate", phrase_list("Sở")),
    _Prefix(
        re.compile(r"(?<!\w)(?:Chi nhánh|CHI NHÁNH) "),
        "Branch",
        phrase_list("Ngân hàng", "Kho bạc", "Bảo hiểm xã hội"),
    ),
    _Prefix(
        re.compile(r"(?<!\w)(?:Phòng [Gg]iao dịch|PHÒNG GIAO DỊCH) "),
        "Transaction Office",
        phrase_list("Ngân hàng"),
    ),
    _Prefix(
        re.compile(r"(?<!\w)(?:Ban Chấp hành|BAN CHẤP HÀNH|BCH) "),
        "Executive Committee",
        phrase_list("Tỉnh đoàn", "Thành đoàn", "Huyện đoàn", "Đoàn Thanh niên", "Hội", "Công đoàn"),
        frozenset({"organisation", "pattern", "unit"}),
    ),
    _Prefix(
        re.compile(
            r"(?<!\w)(?:Đại hội|ĐẠI HỘI)(?: (?:đại biểu|ĐẠI BIỂU))?(?: (?:toàn quốc|TOÀN QUỐC))? "
        ),
        "Congress",
        phrase_list("Mặt trận", "MTTQ", "Ủy ban Mặt trận", "Hội", "Công đoàn", "Đoàn Thanh niên"),
        frozenset({"agency", "organisation", "party-body", "pattern", "unit"}),
    ),
)
_CUT_TYPES = frozenset({"title", *_BODY_TYPES})
# A capitalised word after a term, after "tỉnh" or not: "Tỉnh ủy Savannakhet", "Sở Y tế tỉnh
# Bolikhamxay".
_NEXT_NAME = re.compile(r" (tỉnh )?([^\W\d_]\w*)")
# First words of bodies ("Công ty", "Trung tâm", "Hội đồng", "Chính phủ"): a title before one
# heads that body.
_BODY_HEAD_WORDS = frozenset(
    phrase_keys(
        "Công Trung Hội Ban Cục Sở Viện Trường Bệnh Tổng Chi Phòng Văn Ủy Tập Ngân Liên Quỹ "
        "Học Đại Nhà Khu Chính Tòa Kho Cảng Đài Báo Vườn Hợp Doanh"
    )
)
_LEVEL_WORDS = frozenset({"tỉnh", "tp", "thành", "thị", "đặc", "huyện", "quận", "xã", "phường"})
# A bare head before a body it heads, at a word's start: "Trưởng Trạm Y tế …", "Phó Trưởng Ban
# Quản lý …", "Trưởng ban Ban Quản lý …" (not "Bộ trưởng", "Viện trưởng": lower case there).
_HEAD = re.compile(r"(?<!\w)(?:(Phó|PHÓ) )?(?:Trưởng|TRƯỞNG)( ban| BAN)? ")
# "Ủy ban Kinh tế và Tài chính của Quốc hội": a committee of a state body.
_OF = re.compile(r" của ")
_COMMA = re.compile(r", ")
# "Ngân hàng Nhà nước chi nhánh tỉnh Cao Bằng": the branch of a body in a place.
_BRANCH = re.compile(r" (chi nhánh|Chi nhánh|CHI NHÁNH) ")
_STATE_BODIES = frozenset(
    {"National Assembly", "Government", "National Assembly Standing Committee"}
)
# A level word after a body, not followed by a name: "Sở Y tế tỉnh", "Phòng GD&ĐT huyện".
_BARE_LEVEL = re.compile(
    r"[ \t]+(tỉnh|huyện|quận|thị xã|thị trấn|xã|phường|thành phố|đặc khu)\b", re.IGNORECASE
)
_NEXT_WORD = re.compile(r"\s*([^\W\d_])")
_BODY_AFTER_LEVEL = re.compile(r"\s+(ủy|uỷ|đoàn|đội|ỦY|UỶ|ĐOÀN|ĐỘI)\b")
_LEVEL_ADJECTIVES = {
    "tỉnh": "Provincial",
    "huyện": "District",
    "quận": "District",
    "thị xã": "Town",
    "thị trấn": "Township",
    "xã": "Commune",
    "phường": "Ward",
    "thành phố": "City",
    "đặc khu": "Special Zone",
}
# "… khóa XVII", "… lần thứ 18": the tenure or congress number of the body before it.
_TENURE = re.compile(r"\s+(khóa|khoá|KHÓA|KHOÁ|lần thứ|LẦN THỨ)\s+([IVXL]+|\d{1,2})\b")
_HOME = "Viet Nam"
# A region between a place and its country: a comma or "thuộc", at most eight words without
# a sentence's punctuation or "và", then the country after a comma or in brackets.
_REGION_BEFORE_COUNTRY = re.compile(
    r"(,|thuộc)(\s+(?!và\b)[^\s.;:!?()]+){1,8}\s*[,(]"
    # "huyện Noọng Hét, tỉnh Xiêng Khoảng của nước bạn Lào": the country after "của (nước bạn)".
    r"|(,|thuộc)(\s+(?!và\b)[^\s.;:!?(),]+){1,8}\s+của(\s+nước)?(\s+bạn)?"
    # "thành phố Đông Hưng (Quảng Tây, Trung Quốc)": the region and country in brackets.
    r"|\((\s*[^\s.;:!?(),]+){1,6}\s*,"
)
# A foreign region after a place that only borders it or lies near it.
# "…, hai xã giáp tỉnh Hủa Phăn (Lào)": up to three words may come before the word that borders.
_NEIGHBOUR = re.compile(r",?\s*(?:[^\s,.;:!?()]+\s+){0,3}?(tiếp giáp|giáp|sát|gần|cách|đối diện)\b")
_LEVEL_STARTS = frozenset(phrase[0] for phrase in phrase_list(*LEVELS, "tỉnh"))
# The English of a place ends with its level ("Lao Cai Province", "Ta Van Commune", "Ward 12").
_PLACE_ENGLISH = re.compile(r"(Province|" + "|".join(sorted(set(LEVELS.values()))) + r")( \d+)?$")
# Bodies that sit inside another body ("Phòng … Công an tỉnh X", "Văn phòng … UBND …").
_SUB_UNITS = phrase_list(
    "Phòng", "Ban", "Cục", "Vụ", "Văn phòng", "Thanh tra", "Ủy ban Kiểm tra", "Trung tâm",
    "Chi cục", "Viện", "Cơ quan Cảnh sát điều tra", "Cơ quan An ninh điều tra", "Cơ quan CSĐT",
    "Cơ quan ANĐT", "Đội", "Cảnh sát",
    "Đảng ủy", "Chi bộ", "Công đoàn", "Đảng đoàn",
)  # fmt: skip
# Departments and general departments: a Party committee, an inspectorate or an office
# before one is that department's ("Đảng ủy Sở Y tế", "Thanh tra Sở Xây dựng").
_DEPARTMENTS = phrase_list("Sở", "Tổng cục")
# Party committees of a level the article does not name: "Ủy ban Kiểm tra Thành ủy" is the
# inspection commission of the city's Party committee (party.tsv lists the provincial ones).
_GENERIC_COMMITTEES = frozenset(phrase_list("Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy"))
# Words that begin a title ("Chủ tịch UBND xã X" is a title, "UBND xã X" a body).
_TITLE_HEADS = phrase_list(
    "Chủ tịch", "Phó", "Bí thư", "Giám đốc", "Trưởng", "Chánh", "Ủy viên", "Tư lệnh",
    "Chính ủy", "Viện trưởng", "Chủ nhiệm", "Thứ trưởng", "Bộ trưởng", "Tổng", "Thủ tướng",
    "Đại biểu", "Cục trưởng", "Vụ trưởng", "Thống đốc",
)  # fmt: skip
# Regions and units named by their number take no article: *Commander of Military Region 7*,
# *Director of Military Hospital 175*; without it they do (*Deputy Commander of the Military
# Region*).
_NUMBERED_REGIONS = (
    "Military Region", "Naval Region", "Coast Guard Region", "Military Hospital",
    "People's Hospital", "Division", "Corps", "Brigade", "Regiment",
)  # fmt: skip
# English heads that put the place last ("Viet Nam Fatherland Front Committee of An Giang
# Province"); every other body takes it first ("Lao Cai Department of Health", "Ha Noi Police",
# "Dien Chau District Division of Natural Resources and Environment").
_PLACE_LAST = ("Viet Nam", "Vietnam", "Standing", "Inspection", "Office", "Party Civil")


def compose_units(text: str, matches: Sequence[TermMatch]) -> list[TermMatch]:
    """Join side-by-side titles, bodies and places of ``matches`` into units (see above).

    A body followed by a foreign country is that country's ("Quốc hội Nhật Bản" is Japan's
    parliament, glossary-units.md §5): it is dropped, the country stays.
    """
    names = frozenset(match.start for match in matches if match.type == "name")
    starts = frozenset(match.start for match in matches)
    joined = [
        _with_bare_level(text, match, names)
        for match in _without_foreign_bodies(text, list(matches))
        if not _is_cut_off(text, match, starts)
    ]
    # Bodies take their places first; a second pass joins a body to the placed one it is part
    # of ("Đảng ủy" + "Sở NN&PTNT tỉnh Sơn La"); then titles take their bodies.
    # A branch joins its bank before a title takes it ("Giám đốc" + "Ngân hàng … chi nhánh tỉnh
    # Bến Tre"); a title takes a body a prefix named last ("Giám đốc" + "Chi nhánh Ngân hàng …").
    body_rules: tuple[_Rule, ...] = (_body_and_place, _body_and_place, _of_the_department)
    for rule in body_rules:
        joined = _join(text, joined, rule)
    joined = _join(text, joined, _branch_in_place, gap=_BRANCH)
    title_rules: tuple[_Rule, ...] = (_title_and_body, _post_and_its_body)
    for rule in title_rules:
        joined = _join(text, joined, rule)
    joined = _join(text, joined, _of_the_state_body, gap=_OF)
    headed = _join(
        text,
        [
            _with_head(text, _with_prefix(text, match), joined[index - 1].end if index else 0)
            for index, match in enumerate(joined)
        ],
        _title_and_body,
    )
    tenured = [_with_tenure(text, match) for match in headed]
    met = [
        with_meeting(text, match, tenured[index - 1].end if index else 0)
        for index, match in enumerate(tenured)
    ]
    # "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Thanh Hóa": two posts, one place.
    return _join(text, with_plenums(text, met), concurrent_posts, gap=_COMMA)


def _with_prefix(text: str, match: TermMatch) -> TermMatch:
    """Take a word written right before a body that names a part or an event of that body.

    "Thanh tra Sở Xây dựng" → *Inspectorate of the Department of Construction*; "Chi nhánh
    Ngân hàng Chính sách xã hội tỉnh Vĩnh Long" → *Branch of the …*; "Đại hội đại biểu MTTQ
    Việt Nam tỉnh lần thứ XI" → *11th Congress of the …* (the tenure is taken after). Alone,
    "thanh tra" is as often the verb (to inspect), "chi nhánh" a common noun.
    """
    for prefix in _PREFIXES:
        if match.type not in prefix.types or not _opens_with(match, prefix.bodies):
            continue
        found = prefix.words.search(text, max(0, match.start - 40), match.start)
        if found is None or found.end() != match.start:
            continue
        part = TermPart(found.group(0).strip(), prefix.english, "agency")
        target = f"{prefix.english} of the {match.target}"
        return with_words_before(text, match, found.start(), part, target)
    return match


def _with_head(text: str, match: TermMatch, free_from: int) -> TermMatch:
    """Take a bare "Trưởng" (head) written right before a body: a title of that body.

    "Trưởng Trạm Y tế phường Hoá Châu" → *Head of the Hoa Chau Ward Health Station*; "Trưởng
    ban Ban Quản lý …", "Phó Trưởng Ban Quản lý …" (the title shares the body's word "Ban").
    ``free_from``: where the match before ends; words it covers are no head.
    """
    if not (match.type in _BODY_TYPES or _is_placed_body(match)):
        return match
    found = _HEAD.search(text, max(free_from, match.start - 24), match.start)
    if found is None or found.end() != match.start:
        return match
    if found.group(2) and not match.source.startswith(("Ban", "BAN")):
        return match  # "Trưởng ban" heads a board ("Ban …") only
    deputy = "Deputy " if found.group(1) else ""
    # A police force has a chief (titles.tsv, "Trưởng Công an xã"); a generic body's English
    # is lower case alone ("special zone police") and a proper name inside a title.
    head = "Chief" if match.target.casefold().endswith("police") else "Head"
    body = " ".join(
        word if word in _FUNCTION_WORDS else word[:1].upper() + word[1:]
        for word in match.target.split()
    )
    part = TermPart(found.group(0).strip(), f"{deputy}{head}", "title")
    return with_words_before(text, match, found.start(), part, f"{deputy}{head} of the {body}")


def _is_cut_off(text: str, match: TermMatch, starts: Collection[int]) -> bool:
    """Whether a listed title or body is only the head of a longer name nobody listed.

    "Giám đốc Công ty Cổ phần Du lịch Hội An", "Tỉnh ủy Savannakhet", "Sở Y tế tỉnh
    Bolikhamxay", "Tổng cục Du lịch Hàn Quốc": the capitalised word after it starts no term,
    no level and no personal name, so the match is a piece of an unknown or foreign name
    (glossary-units.md §1, §5) and would be enforced as the wrong unit.
    """
    if match.type not in _CUT_TYPES or match.parts or match.source.isupper():
        return False
    following = _NEXT_NAME.match(text, match.end)
    if following is None or {following.start(1), following.start(2)} & set(starts):
        return False
    if _BRANCH.match(text, match.end):
        return False  # "Agribank Chi nhánh tỉnh Lào Cai": the body's branch in a place
    word = following.group(2)
    if not word[:1].isupper() or word.isupper() or word.casefold() in _LEVEL_WORDS:
        return False
    if match.type in _TITLE_TYPES:
        # A title before one capitalised word is often a short name ("Thứ trưởng Khang"):
        # only a body's head word makes it the head of an unknown body.
        return match_key(word) in _BODY_HEAD_WORDS
    return not starts_with_surname(word)


def _with_bare_level(text: str, match: TermMatch, names: Collection[int]) -> TermMatch:
    """Take a level word that follows a body without a name: "Sở Y tế tỉnh" (generic).

    *Provincial Department of Health*, *District Division of Finance and Planning*: the body of
    some province or district the article does not name (glossary-units.md §1). A personal
    name may follow (``names``: where the names found start): "Giám đốc Bảo hiểm xã hội tỉnh
    Phạm Quang Hoà".
    """
    titled = _is_titled_unit(match)
    if match.type not in _BODY_TYPES and not _is_placed_body(match) and not titled:
        return match
    found = _BARE_LEVEL.match(text, match.end)
    if found is None or _PLACE_ENGLISH.search(match.target):
        return match
    level = found.group(1)
    if not (level.islower() or level.isupper()):
        return match  # "Huyện ủy", "Tỉnh đoàn": a capitalised level word begins another body
    following = _NEXT_WORD.match(text, found.end())
    if following is not None and following.group(1).isupper() and following.start(1) not in names:
        return match  # a name follows: a place the glossary did not recognise, not a bare level
    if _BODY_AFTER_LEVEL.match(text, found.end()):
        return match  # "tỉnh ủy", "huyện đoàn": the level word begins the next body
    adjective = _LEVEL_ADJECTIVES[found.group(1).casefold()]
    # A post's level is its body's: "Trưởng Ban Chỉ đạo 389 tỉnh" → *Head of the Provincial …*.
    target = (
        match.target.replace(" of the ", f" of the {adjective} ", 1)
        if titled
        else f"{adjective} {match.target}"
    )
    return dataclasses.replace(
        match,
        source=text[match.start : found.end(1)],
        end=found.end(1),
        target=target,
        type=UNIT_TYPE,
        variants=(),
        parts=parts_of(match),
    )


def _of_the_state_body(text: str, part: TermMatch, whole: TermMatch) -> TermMatch | None:
    """A committee "của Quốc hội" (of the National Assembly) belongs to it."""
    if whole.target not in _STATE_BODIES or part.type in _NAMES_AND_PLACES:
        return None
    return joined_unit(text, part, whole, f"{part.target} of the {whole.target}")


def _branch_in_place(text: str, body: TermMatch, place: TermMatch) -> TermMatch | None:
    """A body's branch in a place: *Cao Bang Branch of the State Bank of Vietnam*."""
    if body.type not in _BODY_TYPES - {"party-body"} or not _is_place(place):
        return None  # the State Bank is a ministry-level body; Party bodies have no branches
    branch = f"{place.target.removesuffix(' Province')} Branch"
    return joined_unit(text, body, place, f"{branch} of {article_for(body)}{body.target}")


def _with_tenure(text: str, match: TermMatch) -> TermMatch:
    """Take a tenure or congress number that follows a body: *17th …* (glossary-units §3)."""
    if match.type in _NAMES_AND_PLACES:
        return match
    found = _TENURE.match(text, match.end)
    value = roman_or_arabic(found.group(2)) if found else None
    if found is None or value is None:
        return match
    ordinal = ordinal_of(value)
    return dataclasses.replace(
        match,
        source=text[match.start : found.end()],
        end=found.end(),
        target=f"{ordinal} {match.target}",
        type=UNIT_TYPE,
        variants=(),
    )


def _without_foreign_bodies(text: str, matches: list[TermMatch]) -> list[TermMatch]:
    foreign = {
        index
        for index, (match, following) in enumerate(itertools.pairwise(matches))
        if following.type in ("place", "country")
        and following.target != _HOME
        and (
            (match.type in _BODY_TYPES and _adjacent(text, match, following))
            or (_is_place(match) and _in_country(text, match, following))
            or (_names_its_place(match) and text[match.end : following.start] == " (")
        )
    }
    # "thị trấn Bá Sái, huyện Hà Khẩu, tỉnh Vân Nam (Trung Quốc)": an address is foreign from
    # its end, one unit after a comma at a time.
    for index in range(len(matches) - 2, -1, -1):
        match, following = matches[index], matches[index + 1]
        if (
            index + 1 in foreign
            and _is_place(match)
            and _is_place(following)
            and text[match.end : following.start] == ", "
        ):
            foreign.add(index)
    return [match for index, match in enumerate(matches) if index not in foreign]


def _names_its_place(match: TermMatch) -> bool:
    """A body composed with a place's name: "Thành ủy Bằng Tường (Trung Quốc)" is China's."""
    return match.type in ("pattern", UNIT_TYPE) and not _is_place(match)


def _join(
    text: str, matches: list[TermMatch], rule: _Rule, *, gap: re.Pattern[str] | None = None
) -> list[TermMatch]:
    result: list[TermMatch] = []
    for match in matches:
        between = text[result[-1].end : match.start] if result else ""
        if result and (gap.fullmatch(between) if gap else _adjacent(text, result[-1], match)):
            joined = rule(text, result[-1], match)
            if joined is not None:
                result[-1] = joined
                continue
        result.append(match)
    return result


def _in_country(text: str, place: TermMatch, country: TermMatch) -> bool:
    """Whether a place is written with its (foreign) country: "thành phố Lyon (Pháp)".

    Its region may come between: "thành phố Bằng Tường, tỉnh Quảng Tây (Trung Quốc)",
    "thành phố Bằng Tường thuộc Khu tự trị dân tộc Choang Quảng Tây, Trung Quốc".
    """
    between = text[place.end : country.start].strip()
    if _NEIGHBOUR.match(between):
        return False  # "xã Buôn Đôn, giáp tỉnh Mondulkiri (Campuchia)": next to it, not in it
    return (
        between in (",", "(", "-", "–", "của", "của nước", "của nước bạn")
        or _REGION_BEFORE_COUNTRY.fullmatch(between) is not None
    )


def _adjacent(text: str, first: TermMatch, second: TermMatch) -> bool:
    r"""Whether only a space, or one line break inside a paragraph, separates two matches.

    glossary-units.md §4: a line break inside a unit ("Bệnh viện Đa khoa\ntỉnh Thanh Hóa").
    """
    between = text[first.end : second.start]
    return between == " " or (between.isspace() and between.count("\n") <= 1 and len(between) < 3)


def _body_and_place(text: str, body: TermMatch, place: TermMatch) -> TermMatch | None:
    if place.type in _PLACE_TYPES and (_ends_with_level(body) or _ends_with_committee(body, place)):
        return joined_unit(text, body, place, _named(body.target, place.target))
    if _is_place(place) and body.type in _BODY_TYPES and body.target not in _STATE_BODIES:
        # "Quốc hội tỉnh X" is not a body of X (the delegation's "Đoàn đại biểu" is missing)
        return joined_unit(text, body, place, _with_place(body.target, place.target))
    if _is_sub_unit(body) and _is_the_whole_of(body, place):
        return joined_unit(text, body, place, f"{body.target} of the {place.target}")
    return None


def _of_the_department(text: str, part: TermMatch, whole: TermMatch) -> TermMatch | None:
    """A Party committee, inspectorate or office before a department without its place.

    "Đảng ủy Sở Y tế" → *Party Committee of the Department of Health*. After the places are
    taken, so that "Đảng ủy Sở NN&PTNT tỉnh Sơn La" is the committee of the placed department.
    """
    if not _is_sub_unit(part) or whole.type != "agency" or _is_sub_unit(whole):
        return None
    if not _opens_with(whole, _DEPARTMENTS):
        return None
    return joined_unit(text, part, whole, f"{part.target} of the {whole.target}")


def _is_the_whole_of(part: TermMatch, whole: TermMatch) -> bool:
    """A placed body, a ministry, a generic body of a level, or a Party committee of a level.

    "Cơ quan Cảnh sát điều tra Bộ Công an", "Thanh tra Bộ Xây dựng": the ministry's own.
    """
    if _is_placed_body(whole) or _ends_with_level(whole) or whole.type == "ministry":
        return True
    return _is_generic_committee(whole) and not _is_generic_committee(part)


def _title_and_body(text: str, title: TermMatch, body: TermMatch) -> TermMatch | None:
    if _is_titled_unit(title) and _is_place(body) and body.type != "province":
        # "Trưởng phòng Tài nguyên và Môi trường" + "huyện Diễn Châu": the post of that place.
        return joined_unit(text, title, body, f"{title.target} of {body.target}")
    if _has_no_place_yet(title) and body.type == "province" and " of the " in title.target:
        # "Trưởng Ban Quản lý các khu công nghiệp" + "Đồng Nai": the province's board.
        post, board = title.target.split(" of the ", 1)
        return joined_unit(text, title, body, f"{post} of the {_with_place(board, body.target)}")
    if title.type in _TITLE_TYPES and _is_place(body) and body.type != "province":
        # "Phó Trưởng Đoàn đại biểu Quốc hội" + "TP.HCM": the post of that place's body.
        return joined_unit(text, title, body, f"{title.target} of {body.target}")
    if title.type not in _TITLE_TYPES or not (body.type in _BODY_TYPES or _is_placed_body(body)):
        return None
    return joined_unit(text, title, body, _title_of(title.target, body.target, article_for(body)))


def _post_and_its_body(text: str, post: TermMatch, body: TermMatch) -> TermMatch | None:
    """A title with its division, then the body with its place the division belongs to.

    "Trưởng phòng Cảnh sát hình sự" + "Công an tỉnh Lào Cai" → *Head of the Criminal Police
    Division of the Lao Cai Provincial Police*.
    """
    is_post = (post.type == UNIT_TYPE and _starts_with_title(post)) or _is_titled_unit(post)
    if not is_post or not (_is_placed_body(body) or _ends_with_level(body)):
        return None
    if _starts_with_title(body):
        return None
    return joined_unit(text, post, body, f"{post.target} of the {body.target}")


def _title_of(title: str, body: str, article: str) -> str:
    """Compose a title and its body: *Director of the X*, *Head of the Traffic Police Division*.

    ``article`` is the body's (:func:`article_for`); numbered regions take none (*Commander of
    Military Region 7*).
    """
    if title.endswith(" of Division"):
        named = " ".join(word[:1].upper() + word[1:] for word in body.split())
        return f"{title.removesuffix(' of Division')} of the {named} Division"
    numbered = body.startswith(_NUMBERED_REGIONS) and any(c.isdigit() for c in body[-4:])
    article = "" if numbered else article
    post, _, head = title.rpartition(" of the ")
    if post and head.split()[-1] in body.split():
        # "Full-time Deputy Head of the Delegation" + "National Assembly Delegation of …": the
        # body names what the title's generic head did.
        return f"{post} of {article}{body}"
    return f"{title} of {article}{body}"


def _ends_with_level(match: TermMatch) -> bool:
    """A generic row that ends with its level word ("Chỉ huy trưởng … Quân sự tỉnh")."""
    keys = phrase_keys(match.source)
    return bool(keys) and keys[-1] in _DANGLING_LEVELS and match.type != "pattern"


def _ends_with_committee(match: TermMatch, place: TermMatch) -> bool:
    """A generic body or post that ends with the Party committee of the place's level.

    "Phó Trưởng ban Tổ chức Tỉnh ủy" + "Lai Châu": the deputy head of the commission of that
    province's committee (*… of the Lai Chau Provincial Party Committee*).
    """
    keys = phrase_keys(match.source)
    level = _COMMITTEE_LEVELS.get(place.type)
    return level is not None and keys[-2:] == level[0] and match.target.endswith(level[1])


def _named(generic: str, name: str) -> str:
    """Put a place's name into a generic rendering: *the Yen Bai Provincial Military Command*."""
    for level in ("Provincial", "District", "Commune", "City"):
        if f" {level}" in f" {generic}":
            return re.sub(rf"(^|\s){level}\b", rf"\1{name} {level}", generic, count=1)
    return f"{generic} of {name}"


def _is_place(match: TermMatch) -> bool:
    """A province or city by name, or a composed place ("tỉnh Lào Cai", "xã Tả Van")."""
    if match.type in _PLACE_TYPES:
        return True
    keys = phrase_keys(match.source)
    return (
        match.type == "pattern"
        and bool(keys)
        and keys[0] in _LEVEL_STARTS
        and _PLACE_ENGLISH.search(match.target) is not None
    )


def _is_placed_body(match: TermMatch) -> bool:
    """A body that already names its place: a composed unit that is not a title or a place."""
    if match.type not in ("pattern", UNIT_TYPE) or _is_place(match):
        return False
    return not _starts_with_title(match)


def _is_titled_unit(match: TermMatch) -> bool:
    """A composed title with its body but no place yet ("Trưởng phòng Tư pháp")."""
    return (
        match.type == "pattern"
        and _starts_with_title(match)
        and _PLACE_ENGLISH.search(match.target) is None
        and not any(word in match.target for word in ("Province", "City", "District", "Commune"))
    )


def _has_no_place_yet(match: TermMatch) -> bool:
    """A title with its body but no place: a composed title pattern, or a title + body unit."""
    if _is_titled_unit(match):
        return True
    return (
        match.type == UNIT_TYPE
        and _starts_with_title(match)
        and _PLACE_ENGLISH.search(match.target) is None
        and not any(word in match.target for word in ("Province", "City", "District", "Commune"))
    )


def _starts_with_title(match: TermMatch) -> bool:
    keys = phrase_keys(match.source)
    return any(keys[: len(phrase)] == phrase for phrase in _TITLE_HEADS)


def _is_sub_unit(match: TermMatch) -> bool:
    return match.type in _BODY_TYPES and _opens_with(match, _SUB_UNITS)


def _opens_with(match: TermMatch, phrases: Sequence[tuple[str, ...]]) -> bool:
    keys = phrase_keys(match.source)
    return any(keys[: len(phrase)] == phrase for phrase in phrases)


def _is_generic_committee(match: TermMatch) -> bool:
    return phrase_keys(match.source) in _GENERIC_COMMITTEES


def _with_place(body: str, place: str) -> str:
    """Put ``place`` where official usage puts it in ``body``'s English."""
    short = place.removesuffix(" Province")
    if not body.startswith(_PLACE_LAST):
        return f"{short} {body}"
    if short == place and not place.endswith(("City", "Commune", "Ward", "District", "Town")):
        place = f"{place} Province"
    return f"{body} of {place}"

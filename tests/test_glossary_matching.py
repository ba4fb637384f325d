"""The matcher: every spelling of a term, longest first, offsets as written, dates, names."""

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from songngu.glossary import Glossary, NameStyle, load_glossary
from songngu.glossary.tokens import Gap, Shape, classify_gap, match_key, shape_of

DATA = Path(__file__).parent / "data" / "glossary"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(sorted(DATA.glob("*.tsv")), include_shipped=False)


def found(glossary, text, date=None, names=NameStyle.ASCII):
    return [(m.source, m.target) for m in glossary.match(text, date, names=names)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Tone-mark placement, case and Unicode form are folded; the text is reported as written.
        ("Tỉnh uỷ và Bí thư Tỉnh uỷ Quảng Ninh", "Bí thư Tỉnh uỷ Quảng Ninh"),
        ("BÍ THƯ TỈNH ỦY QUẢNG NINH phát biểu", "BÍ THƯ TỈNH ỦY QUẢNG NINH"),
        ("Theo đại diện bộ Công an,", "bộ Công an"),
        # Abbreviations expand to their full form, joined or dotted.
        ("Chủ tịch UBND tỉnh Quảng Ninh cho biết", "Chủ tịch UBND tỉnh Quảng Ninh"),
        ("Chủ tịch UBND Quảng Ninh cho biết", "Chủ tịch UBND Quảng Ninh"),  # [tỉnh] is optional
        ("Bí thư Thành ủy TP.HCM dự họp", "Bí thư Thành ủy TP.HCM"),
        ("Bí thư Thành ủy TPHCM dự họp", "Bí thư Thành ủy TPHCM"),
        ("Bí thư Thành ủy TP. HCM dự họp", "Bí thư Thành ủy TP. HCM"),
        ("Đại diện Bộ CA cho biết", "Bộ CA"),
        ("Bộ trưởng Bộ LĐ&TBXH phát biểu", "Bộ trưởng Bộ LĐ&TBXH"),
        # Dashes and a comma where the entry has punctuation; a line break inside a term.
        ("Bộ Lao động, Thương binh và Xã hội", "Bộ Lao động, Thương binh và Xã hội"),
        ("tỉnh Bà Rịa–Vũng Tàu", "tỉnh Bà Rịa–Vũng Tàu"),
        ("Giám đốc Công an tỉnh Quảng\nNinh chỉ đạo", "Giám đốc Công an tỉnh Quảng\nNinh"),
    ],
)
def test_matcher_finds_every_spelling(glossary, text, expected):
    assert expected in [source for source, _ in found(glossary, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Người dân mong hòa bình.",  # "peace", not the province Hòa Bình
        "Bộ phim mới ra mắt khán giả.",  # "bộ phim" is a film, not a ministry
        "Ca trực đêm có ba người.",  # "Ca" is a shift, not the abbreviation CA
        "Bộ Công\n\nan",  # a blank line ends a term
        "Bộ Công (an)",
    ],
)
def test_matcher_ignores_look_alikes(glossary, text):
    assert not [pair for pair in found(glossary, text, names=NameStyle.OFF) if pair[1]]


def test_matcher_prefers_the_longest_term_and_resolves_nested_ones(glossary):
    assert found(glossary, "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh") == [
        (
            "Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh",
            "Chairman of the Quang Ninh Provincial People's Committee",
        )
    ]
    # A body with a bare level word is the generic body of that level, one unit, as
    # glossary-units.md §2 has "công an xã" → commune police.
    assert found(glossary, "Ủy ban nhân dân xã") == [
        ("Ủy ban nhân dân xã", "Commune People's Committee")
    ]


def test_a_vice_chairman_is_not_matched_as_a_chairman(glossary):
    pairs = found(glossary, "Phó Chủ tịch UBND tỉnh Quảng Ninh")
    assert pairs == [("UBND tỉnh Quảng Ninh", "Quang Ninh Provincial People's Committee")]


def test_patterns_compose_titles_from_places_and_ministries(glossary):
    assert found(glossary, "Thứ trưởng Bộ Quốc phòng") == [
        ("Thứ trưởng Bộ Quốc phòng", "Deputy Minister of National Defence")
    ]
    assert found(glossary, "Bí thư Tỉnh ủy Phú Thọ") == [
        ("Bí thư Tỉnh ủy Phú Thọ", "Secretary of the Phu Tho Provincial Party Committee")
    ]


def test_a_name_slot_composes_rank_and_name(glossary):
    assert found(glossary, "Đại tướng Tô Lâm phát biểu") == [("Đại tướng Tô Lâm", "General To Lam")]


def test_offsets_point_into_the_text(glossary):
    text = "Hôm qua, Bộ trưởng Bộ Công an làm việc tại Hà Nội."
    for match in glossary.match(text):
        assert text[match.start : match.end] == match.source


@pytest.mark.parametrize(
    ("date", "rendering"),
    [
        ("2024-03-12", "Ministry of Planning and Investment"),
        ("2026-01-05", "Ministry of Planning and Investment"),
    ],
)
def test_expired_entries_still_render_historical_mentions(glossary, date, rendering):
    assert found(glossary, "Bộ Kế hoạch và Đầu tư", date) == [("Bộ Kế hoạch và Đầu tư", rendering)]


def test_the_article_date_chooses_between_entries_that_changed(tmp_path):
    terms = tmp_path / "terms.tsv"
    terms.write_text(
        "vi\ten\ttype\tsource\tvalid_from\tvalid_to\n"
        "Bộ Dân tộc\tCommittee for Ethnic Affairs\tagency\tx\t\t2025-02-28\n"
        "Bộ Dân tộc\tMinistry of Ethnic Minorities\tministry\tx\t2025-03-01\t\n"
        "Đặc khu Phú Quý\tPhu Quy Special Zone\tplace\tx\t2025-07-01\t\n",
        encoding="utf-8",
    )
    glossary = load_glossary([terms], include_shipped=False)
    assert found(glossary, "Bộ Dân tộc", "2024-06") == [
        ("Bộ Dân tộc", "Committee for Ethnic Affairs")
    ]
    assert found(glossary, "Bộ Dân tộc", "2026-01-02") == [
        ("Bộ Dân tộc", "Ministry of Ethnic Minorities")
    ]
    assert found(glossary, "Bộ Dân tộc") == [("Bộ Dân tộc", "Ministry of Ethnic Minorities")]
    # A term that did not exist yet is not anachronistically matched.
    assert found(glossary, "Đặc khu Phú Quý", "2024-06", NameStyle.OFF) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bí thư Tỉnh ủy Quảng Ninh Nguyễn Xuân Ký phát biểu.",
            ("Nguyễn Xuân Ký", "Nguyen Xuan Ky"),
        ),
        ("Theo ông Lâm, dự án sẽ khởi công.", ("Lâm", "Lam")),
        ("Ông Trần Văn Sơn, Giám đốc Sở, cho biết", ("Trần Văn Sơn", "Tran Van Son")),
        ("Phó Thủ tướng Nguyễn Hòa Bình dự lễ.", ("Nguyễn Hòa Bình", "Nguyen Hoa Binh")),
        ("Luật sư Đặng Thị Ngọc Thịnh nói", ("Đặng Thị Ngọc Thịnh", "Dang Thi Ngoc Thinh")),
        ("Tại tòa, bị cáo Hùng xin giảm án.", ("Hùng", "Hung")),
        ("Ý kiến của bà Hà Nam được ghi nhận.", ("Hà Nam", "Ha Nam")),
        (
            "Gia đình ông Tráng Lao Lử - người có công - được thăm hỏi.",
            ("Tráng Lao Lử", "Trang Lao Lu"),
        ),
    ],
)
def test_personal_names_are_found_and_written_without_diacritics(glossary, text, expected):
    names = [(m.source, m.target) for m in glossary.match(text) if m.type == "name"]
    assert names == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Thái Lan và Hà Lan ký thỏa thuận.",
        "Đoàn Thanh niên phát động phong trào.",
        "Trường THPT Nguyễn Trãi khai giảng.",
        "Người dân đi dọc đường Lê Lợi.",
        "ĐẠI TƯỚNG TÔ LÂM THĂM QUẢNG NINH",
        "Hồ Gươm mùa thu.",
        "Chủ tịch Quốc hội Cu Ba Esteban Lazo phát biểu.",
        "Đồng chí Hoan Ết-xtê-ban La-xô dự lễ.",
        "Tình hữu nghị anh em Việt Nam - Lào.",
        "Chủ tịch Ủy ban Kiểm tra phát biểu.",
    ],
)
def test_place_and_body_names_are_not_people(glossary, text):
    assert [m.source for m in glossary.match(text) if m.type == "name"] == []


def test_names_keep_and_off(glossary):
    text = "Theo ông Nguyễn Văn Hùng, Chủ tịch Quốc hội"
    assert ("Nguyễn Văn Hùng", "Nguyễn Văn Hùng") in found(glossary, text, names=NameStyle.KEEP)
    assert [m.type for m in glossary.match(text, names=NameStyle.OFF)] == ["title"]


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(
        [
            "Bí thư Tỉnh ủy Quảng Ninh Nguyễn Xuân Ký",
            "Chủ tịch UBND tỉnh Hòa Bình",
            "Bộ Lao động - Thương binh và Xã hội",
            "ông Đặng Lâm",
        ]
    ),
    st.sampled_from(["", "Sáng nay, ", "Theo "]),
)
def test_matches_do_not_change_under_nfd(glossary, phrase, lead):
    text = lead + phrase + " cho biết."
    composed = [(m.target, m.type) for m in glossary.match(text)]
    decomposed = [(m.target, m.type) for m in glossary.match(unicodedata.normalize("NFD", text))]
    assert composed == decomposed
    assert composed


@pytest.mark.parametrize(
    ("first", "second"),
    [("hoà", "hòa"), ("Quy", "Qui"), ("kỹ", "kĩ"), ("ỦY", "uỷ"), ("&", "và")],
)
def test_keys_fold_spelling_variants(first, second):
    assert match_key(first) == match_key(second)


def test_keys_keep_different_words_apart():
    assert match_key("tai") != match_key("tay")
    assert match_key("Lâm") != match_key("Lam")


@pytest.mark.parametrize(
    ("word", "shape"),
    [
        ("bộ", Shape.LOWER),
        ("Bộ", Shape.TITLE),
        ("UBND", Shape.UPPER),
        ("ThS", Shape.MIXED),
        ("5G", Shape.OTHER),
        ("Y", Shape.TITLE),
    ],
)
def test_shapes(word, shape):
    assert shape_of(word) is shape


@pytest.mark.parametrize(
    ("between", "gap"),
    [
        (" ", Gap.SPACE),
        (" - ", Gap.DASH),
        ("–", Gap.DASH),
        (", ", Gap.COMMA),
        (". ", Gap.DOT),
        ("\n", Gap.SPACE),
        ("\n\n", Gap.BREAK),
        (" (", Gap.BREAK),
    ],
)
def test_gaps(between, gap):
    assert classify_gap(between) is gap


def test_the_index_is_built_once_per_date(glossary):
    assert glossary.index("2024-01-01") is glossary.index("2024-01-01")


def test_a_term_split_by_a_line_break_goes_to_the_segment_it_starts_in(glossary):
    from songngu.glossary import GlossaryStage
    from songngu.model import Block, BlockKind, Document, Segment

    text = "Giám đốc Công an tỉnh Quảng\nNinh chỉ đạo."
    cut = text.index("\n")
    block = Block(
        "b1",
        BlockKind.PARAGRAPH,
        text,
        0,
        len(text),
        (
            Segment("b1.s1", text[:cut], 0, cut),
            Segment("b1.s2", text[cut + 1 :], cut + 1, len(text)),
        ),
    )
    document = GlossaryStage(glossary)(Document(text, (block,)))
    first, second = document.blocks[0].segments
    (term,) = first.terms
    assert (term.source, term.target) == (
        "Giám đốc Công an tỉnh Quảng",
        "Director of the Quang Ninh Provincial Police",
    )
    assert first.source[term.start : term.end] == term.source
    assert second.terms == ()


def test_a_lower_case_rendering_marks_a_common_noun_matched_in_any_case(tmp_path):
    terms = tmp_path / "terms.tsv"
    terms.write_text(
        "vi\ten\ttype\tsource\nCảnh sát giao thông\ttraffic police\tagency\tx\n", encoding="utf-8"
    )
    glossary = load_glossary([terms], include_shipped=False)
    assert found(glossary, "Lực lượng cảnh sát giao thông đã có mặt.") == [
        ("cảnh sát giao thông", "traffic police")
    ]


def test_a_name_known_from_the_article_is_found_in_a_capitals_headline(glossary):
    from songngu.glossary import GlossaryStage
    from songngu.readers import Source, parse_source
    from songngu.segmenter import segment_document

    text = "THỦ TƯỚNG PHẠM MINH CHÍNH THĂM HÀ NỘI\n\nSáng nay, Thủ tướng Phạm Minh Chính đến.\n"
    document = segment_document(parse_source(Source("a.txt", text, text, "utf-8")))
    headline = GlossaryStage(glossary).match_document(document)["b1"]
    assert [(t.source, t.target, t.type) for t in headline] == [
        ("THỦ TƯỚNG", "Prime Minister", "title"),
        ("PHẠM MINH CHÍNH", "Pham Minh Chinh", "name"),
        # The run's house style (gov by default) spells every rendering, this glossary's too.
        ("HÀ NỘI", "Ha Noi", "city"),
    ]


def test_dates_between_the_same_validity_boundaries_share_one_index():
    shipped = load_glossary()
    # No shipped row starts or ends between these two days of 2024.
    assert shipped.index("2024-04-10") is shipped.index("2024-04-20")
    # The July 2025 reform does: the index before and after differs.
    assert shipped.index("2025-06-15") is not shipped.index("2025-08-15")


@pytest.mark.parametrize(
    "date", [None, "2024", "2025-03", "2025-06-30", "2025-07-01", "2026-01-15"]
)
def test_an_eras_index_picks_what_a_fresh_index_of_the_date_picks(date):
    from songngu.glossary.index import build_index

    shipped = load_glossary()
    shipped.index("2025-05-01")  # another era first: the cache must not leak between eras

    def picked(index):
        pending, terms = [((), index.terms)], set()
        while pending:
            keys, node = pending.pop()
            terms.update((keys, indexed.term.en) for indexed in node.terms)
            pending += [((*keys, key), child) for key, child in node.children.items()]
        return terms

    assert picked(shipped.index(date)) == picked(build_index(shipped.entries, date))

"""Suggestions: official names in an article that the glossary lacks."""

from pathlib import Path

import pytest

from songngu.glossary import Glossary, HouseStyle, load_glossary
from songngu.glossary.candidates import iter_candidates
from songngu.glossary.drafts import COMPOSED, NONE, TITLE_ONLY, TRANSLITERATED
from songngu.glossary.suggest import SuggestSettings, suggest_units
from songngu.readers import read_document
from songngu.segmenter import segment_document

DATA = Path(__file__).parent / "data" / "glossary"
GLOSSARY = load_glossary(sorted(DATA.glob("*.tsv")), include_shipped=False)


def candidates(text):
    return [text[start:end] for start, end in iter_candidates(text, GLOSSARY.match(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở Giao thông vận tải cho biết", ["Sở Giao thông vận tải"]),
        ("Đại diện Cục Đường bộ đề nghị", ["Cục Đường bộ"]),
        ("Ban Quản lý khu kinh tế Vân Đồn vừa thông báo", ["Ban Quản lý khu kinh tế Vân Đồn"]),
        ("Bộ Công an đẩy mạnh cải cách", []),
        ("Bí thư Tỉnh ủy Quảng Ninh Nguyễn Xuân Ký dự họp", []),
        ("Hội Hữu nghị Việt Nam - Cuba gửi thư", ["Hội Hữu nghị Việt Nam"]),
        ("bộ phim Hà Nội", []),
        # a long lower-case run inside a name closed by its place; "và các" inside it
        (
            "Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn tỉnh Yên Bái họp.",
            ["Ban Chỉ huy phòng chống thiên tai và tìm kiếm cứu nạn tỉnh Yên Bái"],
        ),
        (
            "Ban Quản lý Khu kinh tế và các khu công nghiệp tỉnh Thái Bình cho biết",
            ["Ban Quản lý Khu kinh tế và các khu công nghiệp tỉnh Thái Bình"],
        ),
        # the name ends with its place before a run of other words
        (
            "Chi cục Thủy lợi tỉnh Thanh Hóa điều hành hợp lý hệ thống thủy nông sông Chu.",
            ["Chi cục Thủy lợi tỉnh Thanh Hóa"],
        ),
        # no clean end: no fragment ("Ban Quản lý dự án đầu", "Ban Chỉ đạo phòng")
        ("Ban Quản lý dự án đầu tư xây dựng các công trình giao thông vừa họp", []),
        ("Ban Chỉ đạo phòng, chống tham nhũng, tiêu cực tỉnh Nghệ An họp", []),
        # "và" before another body ends the name; a bare level word stays
        (
            "Ban Điều phối Dự án và Ban Kiểm tra Dự án họp",
            ["Ban Điều phối Dự án", "Ban Kiểm tra Dự án"],
        ),
        ("Trưởng Ban Chỉ đạo bầu cử tỉnh phát biểu", ["Trưởng Ban Chỉ đạo bầu cử tỉnh"]),
        (
            "Trung tâm Trợ giúp pháp lý nhà nước TP. Hà Nội cử luật sư",
            ["Trung tâm Trợ giúp pháp lý nhà nước TP. Hà Nội"],
        ),
    ],
)
def test_candidates(text, expected):
    assert candidates(text) == expected


# -- proposals: units by the matching grammar, with drafts (issue 19) ---------------------------

VOCABULARY = load_glossary()
NOTHING_KNOWN = Glossary.from_entries([])


def proposals(tmp_path, text, known=NOTHING_KNOWN):
    path = tmp_path / "bai.txt"
    path.write_text(text, encoding="utf-8")
    document = segment_document(read_document(path))
    return suggest_units(known, VOCABULARY, [document])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two bodies joined by "và" are two units
        (
            "Đại diện Văn phòng Chính phủ và Thanh tra Chính phủ đã dự họp.",
            ["Văn phòng Chính phủ", "Thanh tra Chính phủ"],
        ),
        # a short form in common use is one unit, the person's name is not in it
        ("Thứ trưởng Ngoại giao Lê Thị Thu Hằng tiếp đoàn.", ["Thứ trưởng Ngoại giao"]),
        # never cut inside an abbreviation
        (
            "Sở Tài chính TP.HCM và Công an TP.HCM phối hợp.",
            ["Sở Tài chính TP.HCM", "Công an TP.HCM"],
        ),
        # no verb inside
        ("Ban Bí thư và hướng dẫn của Trung ương.", ["Ban Bí thư"]),
        # the longest official unit at its place
        ("Giám đốc Sở Y tế tỉnh Lào Cai cho biết.", ["Giám đốc Sở Y tế tỉnh Lào Cai"]),
        # places by their name are not proposed
        ("Tỉnh Lào Cai và TP.HCM.", []),
    ],
)
def test_proposals_are_units(tmp_path, text, expected):
    assert [p.source for p in proposals(tmp_path, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a known body followed by its verb proposes nothing
        ("Bộ Chính trị yêu cầu các địa phương khẩn trương triển khai.", []),
        # an acronym after "và" is another body, not part of the first
        ("Tổng công ty Cảng hàng không Việt Nam và ACV đã ký kết.", []),
        # an institution head with a level word and its place name
        ("Cảng cạn Phù Cát sẽ được mở rộng.", ["Cảng cạn Phù Cát"]),
        # a known title before a person's full name is not a unit with the name
        ("Thứ trưởng Đoàn Minh Tuấn phát biểu tại hội nghị.", []),
        # a body of another country is not a Vietnamese unit
        ("Bộ Nội vụ Campuchia đã gửi công hàm.", []),
        # a numbered area closes the name before the verb
        (
            "Chi cục Dự trữ Nhà nước khu vực XII gọi điện cho doanh nghiệp.",
            ["Chi cục Dự trữ Nhà nước khu vực XII"],
        ),
        # a capitalised "Thành" ends a name; only a lower-case "thành phố" is a level word
        (
            "Dự án Cảng cạn Chu Lai Thành. Hiện nay, tỉnh đã bàn giao đất.",
            ["Cảng cạn Chu Lai Thành"],
        ),
        # transliterated foreign names, hyphenated or after an initial, are not Vietnamese units
        ("Ông hội kiến Chủ tịch Quốc hội Cu-ba tại Hà Nội.", []),
        ("Chủ tịch Viện Đại biểu Bê-la-rút V. An-đơ-rây-tren-cô phát biểu.", []),
        # a number after "và" counts something else
        (
            "Đoàn gồm Phó Trưởng ban Kinh tế Tòa soạn và 13 thành viên.",
            ["Phó Trưởng ban Kinh tế Tòa soạn"],
        ),
        # a verb of direction ends the name
        (
            "Ý kiến của Hội đồng Thẩm định Nhà nước sang, vẫn còn 11 nội dung.",
            ["Hội đồng Thẩm định Nhà nước"],
        ),
    ],
)
def test_with_the_shipped_glossary_only_new_units_are_proposed(tmp_path, text, expected):
    assert [p.source for p in proposals(tmp_path, text, known=VOCABULARY)] == expected


def test_a_headline_in_capitals_is_the_same_unit(tmp_path):
    text = (
        "UỶ BAN NHÂN DÂN TỈNH LÀO CAI RA CÔNG ĐIỆN KHẨN ỨNG PHÓ BÃO\n\n"
        "Sáng 5/9, Ủy ban nhân dân tỉnh Lào Cai ra công điện.\n"
    )
    (found,) = proposals(tmp_path, text)
    assert (found.source, found.count) == ("Ủy ban nhân dân tỉnh Lào Cai", 2)
    assert found.context == "Sáng 5/9, Ủy ban nhân dân tỉnh Lào Cai ra công điện."


def test_a_draft_says_how_it_was_built(tmp_path):
    text = "Giám đốc Sở Y tế tỉnh Lào Cai và Chủ tịch UBND xã Tả Van dự họp."
    found = {p.source: p for p in proposals(tmp_path, text)}
    director = found["Giám đốc Sở Y tế tỉnh Lào Cai"]
    assert director.target == "Director of the Lao Cai Department of Health"
    assert (director.type, director.confidence) == ("title", COMPOSED)
    chairman = found["Chủ tịch UBND xã Tả Van"]
    assert chairman.target == "Chairman of the Ta Van Commune People's Committee"
    assert chairman.confidence == TRANSLITERATED


def test_a_known_title_opens_an_unknown_body(tmp_path):
    (found,) = proposals(tmp_path, "Cục trưởng Cục Quản lý Môi trường y tế nói.")
    assert (found.source, found.target, found.type) == (
        "Cục trưởng Cục Quản lý Môi trường y tế",
        "",
        "title",
    )
    assert found.confidence == TITLE_ONLY


def test_foreign_bodies_and_headlines_are_not_guessed(tmp_path):
    text = "BAN QUẢN LÝ KHU KINH TẾ RA QUÂN\n\nBộ Thương mại Trung Quốc đã trả lời.\n"
    assert proposals(tmp_path, text) == []


def test_no_part_known_no_english(tmp_path):
    (found,) = proposals(tmp_path, "Cục Đường bộ đề nghị các tỉnh hỗ trợ.")
    assert (found.source, found.target, found.confidence) == ("Cục Đường bộ", "", NONE)


def test_the_house_style_spells_drafts(tmp_path):
    path = tmp_path / "bai.txt"
    path.write_text("Sở Y tế TP Hà Nội cho biết.", encoding="utf-8")
    document = segment_document(read_document(path))
    intl = SuggestSettings(style=HouseStyle.INTL)
    (found,) = suggest_units(NOTHING_KNOWN, VOCABULARY, [document], intl)
    assert found.target == "Hanoi City Department of Health"


def test_units_the_glossary_knows_are_not_proposed(tmp_path):
    text = "Giám đốc Sở Y tế tỉnh Lào Cai cho biết."
    assert proposals(tmp_path, text, known=VOCABULARY) == []


def test_several_articles_are_counted_together(tmp_path):
    paths = []
    for name, text in [
        ("a.txt", "Bộ Y tế họp. Bộ Y tế nói."),
        ("b.txt", "Bộ Y tế và Bộ Tài chính."),
    ]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(segment_document(read_document(path)))
    found = suggest_units(NOTHING_KNOWN, VOCABULARY, paths)
    assert [(p.source, p.count, len(p.files)) for p in found] == [
        ("Bộ Y tế", 3, 2),
        ("Bộ Tài chính", 1, 1),
    ]

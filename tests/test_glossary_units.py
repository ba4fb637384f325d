"""Official names as units (``../shared/reference/glossary-units.md``): composed, open, numbered.

Each case is a convention of that document, in sentences written for these tests.
"""

import unicodedata

import pytest

from songngu.glossary import load_glossary
from songngu.glossary.localities import find_local, render_local
from songngu.glossary.ordinals import ordinal_of, roman_value
from songngu.glossary.tokens import tokenize

GLOSSARY = load_glossary([], include_shipped=True)


def units(text):
    return [(match.source, match.target) for match in GLOSSARY.match(text) if match.type != "name"]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        # §1: a title, its body and the body's place are one unit.
        (
            "Giám đốc Sở Y tế tỉnh Lào Cai cho biết",
            "Giám đốc Sở Y tế tỉnh Lào Cai",
            "Director of the Lao Cai Department of Health",
        ),
        (
            "Phó Giám đốc Công an TP Đà Nẵng kiểm tra",
            "Phó Giám đốc Công an TP Đà Nẵng",
            "Deputy Director of the Da Nang Police",
        ),
        (
            "Chánh Thanh tra tỉnh Nam Định ký",
            "Chánh Thanh tra tỉnh Nam Định",
            "Chief Inspector of Nam Dinh Province",
        ),
        ("Tư lệnh Quân khu 7 dự lễ", "Tư lệnh Quân khu 7", "Commander of Military Region 7"),
        (
            "Sở Kế hoạch và Đầu tư TP.HCM công bố",
            "Sở Kế hoạch và Đầu tư TP.HCM",
            "Ho Chi Minh City Department of Planning and Investment",
        ),
        (
            "Phòng Cảnh sát kinh tế Công an tỉnh Đắk Lắk phát hiện",
            "Phòng Cảnh sát kinh tế Công an tỉnh Đắk Lắk",
            "Economic Police Division of the Dak Lak Provincial Police",
        ),
        (
            "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Yên Bái báo cáo",
            "Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Yên Bái",
            "Commander of the Yen Bai Provincial Military Command",
        ),
        # §2: local units are an open class, and their bodies and posts compose.
        ("người dân xã Tả Van vui mừng", "xã Tả Van", "Ta Van Commune"),
        ("Sáng nay, Phường 12 tổ chức", "Phường 12", "Ward 12"),
        ("đặc khu Phú Quốc đón khách", "đặc khu Phú Quốc", "Phu Quoc Special Zone"),
        ("huyện Ea Kar có mưa", "huyện Ea Kar", "Ea Kar District"),
        (
            "Trưởng Công an xã Tả Van Lê Văn Bình cho biết",
            "Trưởng Công an xã Tả Van",
            "Chief of Ta Van Commune Police",
        ),
        (
            "Bí thư Huyện ủy Bát Xát chủ trì",
            "Bí thư Huyện ủy Bát Xát",
            "Secretary of the Bat Xat District Party Committee",
        ),
        (
            "UBND xã Tả Van đã họp",
            "UBND xã Tả Van",
            "People's Committee of Ta Van Commune",
        ),
        # §3: congress and tenure numbers, Roman or Arabic, English ordinal first.
        (
            "Đại hội Đảng bộ tỉnh Nghệ An lần thứ XX khai mạc",
            "Đại hội Đảng bộ tỉnh Nghệ An lần thứ XX",
            "20th Nghe An Provincial Party Congress",
        ),
        ("trước Đại hội XIV của Đảng", "Đại hội XIV của Đảng", "14th National Party Congress"),
        ("đại biểu Quốc hội khóa 15 phát biểu", "Quốc hội khóa 15", "15th National Assembly"),
        (
            "Ban Chấp hành Đảng bộ thành phố khóa XVII họp",
            "Ban Chấp hành Đảng bộ thành phố khóa XVII",
            "17th City Executive Party Committee",
        ),
        # §4: other spellings.
        ("lực lượng công an xã trực đêm", "công an xã", "commune police"),
        (
            "Thứ trưởng Ngoại giao tiếp",
            "Thứ trưởng Ngoại giao",
            "Deputy Minister of Foreign Affairs",
        ),
    ],
)
def test_units_are_matched_whole_and_composed_in_official_order(text, unit, english):
    assert (unit, english) in units(text), units(text)
    # The same unit in decomposed Unicode (NFD) is the same unit.
    decomposed = unicodedata.normalize("NFD", text)
    sources = [unicodedata.normalize("NFC", source) for source, _ in units(decomposed)]
    assert unicodedata.normalize("NFC", unit) in sources


@pytest.mark.parametrize(
    ("text", "not_a_unit"),
    [
        ("kỷ niệm chiến thắng Điện Biên Phủ", "Điện Biên"),
        ("vùng biển Thái Bình Dương", "Thái Bình"),
        ("vì hòa bình và hữu nghị", "hòa bình"),
        ("các xã, phường đều có mặt", "xã"),
        ("đoàn công tác tới thành phố Munich", "thành phố Munich"),
        ("AN SINH XÃ HỘI ĐƯỢC BẢO ĐẢM", "XÃ HỘI"),
        ("ở nhiều phường. Tại đây", "phường. Tại"),
        ("phái đoàn Quốc hội Nhật Bản thăm", "Quốc hội"),
        ("đoàn cán bộ Công an tỉnh Hà Giang", "bộ Công an tỉnh Hà Giang"),
    ],
)
def test_look_alikes_are_not_units(text, not_a_unit):
    assert not_a_unit not in [source for source, _ in units(text)], units(text)


def test_a_qualifier_stays_outside_the_unit():
    assert units("lãnh đạo Bộ Tư pháp làm việc") == [("Bộ Tư pháp", "Ministry of Justice")]


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("xã Tả Van", "Ta Van Commune"),
        ("thị xã Sơn Tây", "Son Tay Town"),
        ("thị trấn Sa Pa", "Sa Pa Township"),
        ("quận Hải Châu", "Hai Chau District"),
        ("thành phố Thủ Đức", "Thu Duc City"),
        ("phường Hòa Bình 2", "Hoa Binh 2 Ward"),
        ("Xã Y Tý", "Y Ty Commune"),
    ],
)
def test_local_units_render_without_diacritics_then_level(text, english):
    tokens = tokenize(text)
    end = find_local(tokens, 0)
    assert end == len(tokens)
    assert render_local(tokens[:end]) == english


def test_a_personal_name_after_a_unit_is_not_part_of_it():
    tokens = tokenize("xã Tả Van Lê Văn Bình")
    assert find_local(tokens, 0) == 3
    tokens = tokenize("phường Trần Phú")  # a ward named after a person keeps its name
    assert find_local(tokens, 0) == 3


@pytest.mark.parametrize(
    ("numeral", "value"), [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("XIX", 19), ("XX", 20)]
)
def test_roman_numerals(numeral, value):
    assert roman_value(numeral) == value


def test_ordinals():
    assert [ordinal_of(v) for v in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
    ]  # fmt: skip

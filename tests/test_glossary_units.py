"""Official names as units (``../shared/reference/glossary-units.md``): composed, open, numbered.

Each case is a convention of that document, in sentences written for these tests.
"""

import json
import unicodedata

import pytest

from corpus import run_main
from songngu.backends import GenerationSettings
from songngu.glossary import GlossaryStage, HouseStyle, NameStyle, load_glossary
from songngu.glossary.localities import find_local, render_local
from songngu.glossary.ordinals import ordinal_of, roman_value
from songngu.glossary.tokens import tokenize
from songngu.pipeline import Pipeline, TranslationSettings
from songngu.readers import Source, parse_source, read_document
from songngu.segmenter import segment_document
from songngu.segmenter.dates import find_date

GLOSSARY = load_glossary([], include_shipped=True)


def units(text):
    return [(match.source, match.target) for match in GLOSSARY.match(text) if match.type != "name"]


def _blocks_found(text):
    """What the glossary stage finds in each block of ``text`` read as an article."""
    document = segment_document(parse_source(Source("a.txt", text, text, "utf-8")))
    return GlossaryStage(GLOSSARY).match_document(document)


def _assert_one_unit(text, unit, english):
    """The text holds one unit, ``unit``, in ``english`` (None: any English)."""
    found = units(text)
    assert [source for source, _ in found] == [unit]
    assert english is None or found[0][1] == english


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
        # a foreign city with its region before its country
        (
            "hàng lậu từ thành phố Bằng Tường, tỉnh Quảng Tây (Trung Quốc) về",
            "thành phố Bằng Tường",
        ),
        (
            "chính quyền thành phố Đông Hưng thuộc Khu tự trị Quảng Tây, Trung Quốc",
            "thành phố Đông Hưng",
        ),
        # a port by its common noun is no body
        ("tàu cá cập cảng Sa Huỳnh chiều qua", "cảng Sa Huỳnh"),
        # words that describe an institution are not a place's name
        ("sinh viên Trường Đại học Bách khoa nhập học", "Trường Đại học Bách"),
        ("học sinh Trường THPT Chuyên Nguyễn Huệ đạt giải", "Trường THPT Chuyên"),
        ("bệnh nhân Bệnh viện Hữu nghị Việt Nam - Cu Ba Đồng Hới", "Bệnh viện Hữu"),
        # "Bộ Tư lệnh" is a command, not its commander
        ("Bộ Tư lệnh Vùng 2 Hải quân tăng cường tàu", "Tư lệnh"),
        # a branch in a headline is not the department its name contains
        ("CHI CỤC HẢI QUAN TIỀN GIANG THU NGÂN SÁCH", "CỤC HẢI QUAN TIỀN GIANG"),
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
    # an ambiguous surname ("Mai", "Lương") with a usual middle name begins the holder's name
    tokens = tokenize("thành phố Phan Thiết Mai Thanh Tú")
    assert find_local(tokens, 0) == 4
    # no city is named after a full name: after "TP" it is the chairman's
    found = GLOSSARY.match("Chủ tịch UBND TP Nguyễn Đức Chung cho biết")
    assert [(match.source, match.type) for match in found][-1] == ("Nguyễn Đức Chung", "name")
    assert find_local(tokenize("phường Nguyễn Văn Cừ"), 0) == 4  # a ward may be


@pytest.mark.parametrize(
    "text",
    [
        "Đây là tờ trình của các ban HĐND TP. Tuy nhiên, đề xuất chưa được duyệt.",
        "Doanh nghiệp có mặt tại Đặc khu Phát triển Kinh tế của nước bạn.",
        "Tỉnh để lại cho thành phố 70% số tăng thu.",
        "Ông thuộc Đoàn đại biêu Quốc hội tỉnh Hà Tĩnh.",  # a misprint leaves no delegation
    ],
)
def test_common_words_shares_and_national_bodies_are_no_local_units(text):
    assert not [unit for unit, english in units(text) if english.endswith(("City", "Zone"))]
    assert ("Quốc hội tỉnh Hà Tĩnh", "Ha Tinh National Assembly") not in units(text)
    # provinces are a closed list: a full name after a bare "tỉnh" is the holder's
    found = GLOSSARY.match("Phó Giám đốc Sở Y tế tỉnh Phạm Văn Tâm cho biết")
    assert ("Phạm Văn Tâm", "name") in [(match.source, match.type) for match in found]
    assert units("Đồn trưởng Đồn Biên phòng Sa Huỳnh cho biết") == [
        ("Đồn trưởng Đồn Biên phòng Sa Huỳnh", "Commander of the Sa Huynh Border Guard Station")
    ]
    assert units("Phó Chủ tịch UBND xã Tam Giang Lương Minh Khôi nói") == [
        (
            "Phó Chủ tịch UBND xã Tam Giang",
            "Vice Chairman of the Tam Giang Commune People's Committee",
        )
    ]


@pytest.mark.parametrize(
    ("numeral", "value"), [("I", 1), ("IV", 4), ("IX", 9), ("XIV", 14), ("XIX", 19), ("XX", 20)]
)
def test_roman_numerals(numeral, value):
    assert roman_value(numeral) == value


def test_ordinals():
    assert [ordinal_of(v) for v in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd",
    ]  # fmt: skip


# --- house styles and holders --------------------------------------------------------------

STYLED = (
    "Hà Nội, ngày 3/3/2025\n\n"
    "Bà Nguyễn Thị Lan, Chủ tịch UBND tỉnh Quảng Ninh, cho biết Việt Nam sẽ đón đoàn khách "
    "tại TP.HCM. Ông Trần Văn Nam, Chủ tịch UBND tỉnh Lào Cai, dự họp.\n"
)


def _targets(style):
    return {m.source: m.target for m in GLOSSARY.match(STYLED, style=style) if m.type != "name"}


def test_one_house_style_is_applied_to_every_rendering_composed_ones_included():
    gov, intl = _targets(HouseStyle.GOV), _targets(HouseStyle.INTL)
    assert (gov["Hà Nội"], gov["Việt Nam"], gov["TP.HCM"]) == (
        "Ha Noi",
        "Viet Nam",
        "Ho Chi Minh City",
    )
    assert (intl["Hà Nội"], intl["Việt Nam"], intl["TP.HCM"]) == ("Hanoi", "Vietnam", "HCMC")
    capital = GLOSSARY.match("Sở Y tế TP.HCM họp", style=HouseStyle.INTL)[0]
    assert capital.target == "HCMC Department of Health"
    # The other style's spelling is a variant: enforcement rewrites it into this style.
    assert "Ho Chi Minh City Department of Health" in capital.variants


def test_a_title_held_by_a_woman_is_chairwoman():
    targets = _targets(HouseStyle.GOV)
    assert targets["Chủ tịch UBND tỉnh Quảng Ninh"].startswith("Chairwoman of the Quang Ninh")
    assert targets["Chủ tịch UBND tỉnh Lào Cai"].startswith("Chairman of the Lao Cai")
    after = GLOSSARY.match("Phó Chủ tịch UBND xã Tả Van, bà Lò Thị Mai, báo cáo")[0]
    assert after.target == "Vice Chairwoman of the Ta Van Commune People's Committee"


def test_the_style_comes_from_the_option_the_environment_or_the_config_file(
    tmp_path, capsys, monkeypatch
):
    article = tmp_path / "a.txt"
    article.write_text(STYLED, encoding="utf-8")
    monkeypatch.setenv("SONGNGU_CONFIG", str(tmp_path))
    monkeypatch.delenv("SONGNGU_STYLE", raising=False)

    def hanoi(*options):
        code, out, err = run_main(["glossary", "match", "--json", *options, str(article)], capsys)
        assert code == 0, err
        return next(t["target"] for t in json.loads(out) if t["source"] == "Hà Nội")

    assert hanoi() == "Ha Noi"
    (tmp_path / "config.toml").write_text('style = "intl"\n', encoding="utf-8")
    assert hanoi() == "Hanoi"
    assert hanoi("--style", "gov") == "Ha Noi"
    monkeypatch.setenv("SONGNGU_STYLE", "gov")
    assert hanoi() == "Ha Noi"
    (tmp_path / "config.toml").write_text("style = \n", encoding="utf-8")
    monkeypatch.delenv("SONGNGU_STYLE")
    code, _, err = run_main(["glossary", "match", str(article)], capsys)
    assert code == 1
    assert err.count("\n") == 1
    assert "config.toml: not a valid configuration file" in err


def test_the_style_is_in_the_signature_and_the_translation(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(STYLED, encoding="utf-8")
    args = ["translate", "--dry-run", "--no-memory", "-f", "json", "-o", str(tmp_path)]
    code, _, err = run_main([*args, "--style", "intl", str(article)], capsys)
    assert code == 0, err
    document = json.loads((tmp_path / "a.vi-en.json").read_text(encoding="utf-8"))
    assert "|style:intl|" in document["signature"]
    targets = " ".join(s["target"] for b in document["blocks"] for s in b["segments"])
    assert "Hanoi" in targets
    assert "Ha Noi" not in targets


# --- enforcement of composed units with real architectures ----------------------------------

UNITS_ARTICLE = (
    "Giám đốc Sở Y tế tỉnh Lào Cai làm việc với UBND xã Tả Van\n\n"
    "Sáng 5/3, Giám đốc Sở Y tế tỉnh Lào Cai cùng Trưởng Công an xã Tả Van kiểm tra trạm y tế. "
    "Bí thư Huyện ủy Bát Xát đề nghị Chủ tịch UBND xã Tả Van báo cáo trước Đại hội Đảng bộ "
    "tỉnh Lào Cai lần thứ XVII. Phòng Cảnh sát kinh tế Công an tỉnh Lào Cai cũng tham dự.\n"
)


@pytest.mark.model
@pytest.mark.parametrize("model", ["marian", "nllb"])
@pytest.mark.parametrize("backend", ["transformers", "ct2"])
def test_every_matched_unit_is_rendered_or_flagged_with_tiny_models(
    hub_cache, tmp_path, model, backend
):
    repo = hub_cache.marian_repo_id if model == "marian" else hub_cache.nllb_repo_id
    article = tmp_path / "a.txt"
    article.write_text(UNITS_ARTICLE, encoding="utf-8")
    settings = TranslationSettings(
        backend=backend, generation=GenerationSettings(model=repo, num_beams=1, threads=1)
    )
    document = Pipeline(settings).translate(read_document(article))
    units_found = 0
    for segment in document.iter_segments():
        flagged = {i.code for i in segment.issues} & {"term-missing"}
        for term in segment.terms:
            units_found += term.type in ("unit", "pattern")
            if term.enforced:
                assert term.target.casefold() in segment.target.casefold(), (term, segment.target)
            else:
                assert flagged, (term, segment.target)
    assert units_found >= 8


def test_an_abbreviation_is_read_as_its_longest_form():
    assert units("Giám đốc Công an TP.HCM cho biết") == [
        ("Giám đốc Công an TP.HCM", "Director of the Ho Chi Minh City Police")
    ]


def test_a_local_name_ends_at_a_line_break():
    found = units("Chủ tịch UBND thị xã An Nhơn\nThứ Ba, ngày 5/3")
    assert found[0] == (
        "Chủ tịch UBND thị xã An Nhơn",
        "Chairman of the An Nhon Town People's Committee",
    )


def test_generic_party_committees_in_lower_case():
    assert [source for source, _ in units("các tỉnh ủy, thành ủy đã họp")] == [
        "tỉnh ủy",
        "thành ủy",
    ]


def test_a_composed_unit_keeps_its_parts_for_the_audit(tmp_path, capsys):
    (unit,) = GLOSSARY.match("Phó Giám đốc Sở Tư pháp tỉnh Quảng Nam phát biểu")
    assert [(part.source, part.type) for part in unit.parts] == [
        ("Phó Giám đốc", "title"),
        ("Sở Tư pháp", "agency"),
        ("tỉnh Quảng Nam", "pattern"),
    ]
    article = tmp_path / "a.txt"
    article.write_text("Phó Giám đốc Sở Tư pháp tỉnh Quảng Nam phát biểu.\n", encoding="utf-8")
    code, out, _ = run_main(["glossary", "match", "--json", str(article)], capsys)
    assert code == 0
    assert [part["source"] for part in json.loads(out)[0]["parts"]] == [
        "Phó Giám đốc",
        "Sở Tư pháp",
        "tỉnh Quảng Nam",
    ]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        (
            "Trưởng phòng Tài nguyên và Môi trường huyện Diễn Châu ký",
            "Trưởng phòng Tài nguyên và Môi trường huyện Diễn Châu",
        ),
        ("Sở Nông nghiệp và PTNT tỉnh Thanh Hoá cho biết", "Sở Nông nghiệp và PTNT tỉnh Thanh Hoá"),
        ("Bệnh viện Đa khoa Đồng Nai tiếp nhận", "Bệnh viện Đa khoa Đồng Nai"),
        ("Trung tâm Y tế huyện Kim Sơn báo cáo", "Trung tâm Y tế huyện Kim Sơn"),
    ],
)
def test_district_divisions_hospitals_and_centres_with_their_place(text, unit):
    assert unit in [source for source, _ in units(text)], units(text)


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        ("Sở Y tế tỉnh đã chỉ đạo", "Sở Y tế tỉnh", "Provincial Department of Health"),
        ("HĐND đặc khu đã họp", "HĐND đặc khu", "Special Zone People's Council"),
        (
            "Chỉ huy trưởng Ban Chỉ huy Quân sự huyện cho biết",
            "Chỉ huy trưởng Ban Chỉ huy Quân sự huyện",
            "Commander of the District Military Command",
        ),
        (
            "Phòng GD&ĐT huyện cho biết",
            "Phòng GD&ĐT huyện",
            "District Division of Education and Training",
        ),
        (
            "phối hợp với Bộ đội Biên phòng tỉnh.",
            "Bộ đội Biên phòng tỉnh",
            "Provincial Border Guard",
        ),
    ],
)
def test_a_body_with_a_bare_level_word_is_the_generic_body_of_that_level(text, unit, english):
    assert (unit, english) in units(text)
    # With a name after it, the level belongs to the place.
    assert (unit, english) not in units(text.replace(unit, unit + " Lào Cai"))


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Đảng ủy Sở NN&PTNT tỉnh Sơn La họp", "Đảng ủy Sở NN&PTNT tỉnh Sơn La"),
        ("Chủ tịch Ủy ban Bầu cử tỉnh phát biểu", "Chủ tịch Ủy ban Bầu cử tỉnh"),
        ("Ban Thường vụ Huyện ủy Lệ Thủy họp", "Ban Thường vụ Huyện ủy Lệ Thủy"),
        ("Ủy ban Kiểm tra Thành ủy kết luận", "Ủy ban Kiểm tra Thành ủy"),
        (
            "Ngân hàng Nhà nước chi nhánh tỉnh Cao Bằng",
            "Ngân hàng Nhà nước chi nhánh tỉnh Cao Bằng",
        ),
        ("tại Chi cục Hải quan khu vực XVII", "Chi cục Hải quan khu vực XVII"),
    ],
)
def test_bodies_inside_bodies_and_generic_levels(text, unit):
    assert unit in [source for source, _ in units(text)], units(text)


def test_a_local_unit_of_the_article_is_found_in_its_capitals_headline():
    text = (
        "HUYỆN BÌNH SƠN RA QUÂN PHÒNG CHỐNG DỊCH\n\n"
        "Sáng nay, UBND huyện Bình Sơn tổ chức lễ ra quân.\n"
    )
    headline = _blocks_found(text)["b1"]
    assert [(t.source, t.target) for t in headline] == [("HUYỆN BÌNH SƠN", "Binh Son District")]
    # Without the unit in the body, nothing in the headline shows where the name ends.
    assert _blocks_found(text[:41])["b1"] == []


def test_a_unit_in_a_capitals_headline_composes_with_its_title_and_body():
    text = (
        "CHỦ TỊCH UBND HUYỆN MÙ CANG CHẢI KIỂM TRA ĐIỂM SẠT LỞ\n\n"
        "Sáng nay, lãnh đạo huyện Mù Cang Chải đến hiện trường cùng CÔNG AN HUYỆN MÙ CANG CHẢI.\n"
    )
    found = _blocks_found(text)
    assert [(t.source, t.target) for t in found["b1"]] == [
        (
            "CHỦ TỊCH UBND HUYỆN MÙ CANG CHẢI",
            "Chairman of the Mu Cang Chai District People's Committee",
        )
    ]
    assert [(t.source, t.target) for t in found["b2"]] == [
        ("huyện Mù Cang Chải", "Mu Cang Chai District"),
        ("CÔNG AN HUYỆN MÙ CANG CHẢI", "Mu Cang Chai District Police"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mưa lớn gây lũ ở các huyện Mù Cang Chải, Trạm Tấu và Văn Chấn.",
            [
                ("Mù Cang Chải", "Mu Cang Chai District"),
                ("Trạm Tấu", "Tram Tau District"),
                ("Văn Chấn", "Van Chan District"),
            ],
        ),
        (
            "Hai xã Tả Van và Bản Hồ cùng thị trấn Sa Pa",
            [
                ("Tả Van", "Ta Van Commune"),
                ("Bản Hồ", "Ban Ho Commune"),
                ("thị trấn Sa Pa", "Sa Pa Township"),
            ],
        ),
        (
            "ba đặc khu Phú Quốc, Kiên Hải, Thổ Châu",
            [
                ("Phú Quốc", "Phu Quoc Special Zone"),
                ("Kiên Hải", "Kien Hai Special Zone"),
                ("Thổ Châu", "Tho Chau Special Zone"),
            ],
        ),
        # Not a list: a level word alone, or a single name after a plural.
        ("Lãnh đạo các xã, phường trong tỉnh họp.", []),
        ("các huyện miền núi phía bắc của tỉnh", []),
    ],
)
def test_each_name_after_a_plural_level_word_is_a_unit_of_that_level(text, expected):
    # glossary-units.md §2: the level word alone is a common noun; each name is a unit.
    assert units(text) == expected


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Tòa án nhân dân khu vực 9 - An Giang xét xử",
            "Tòa án nhân dân khu vực 9 - An Giang",
            "People's Court of Region 9 – An Giang",
        ),
        (
            "Chánh án TAND khu vực 2 – Lào Cai cho biết",
            "Chánh án TAND khu vực 2 – Lào Cai",
            "Chief Judge of the People's Court of Region 2 – Lao Cai",
        ),
        (
            "Viện kiểm sát nhân dân khu vực 9 đã truy tố",
            "Viện kiểm sát nhân dân khu vực 9",
            "People's Procuracy of Region 9",
        ),
    ],
)
def test_regional_courts_and_procuracies_keep_their_number_and_province(text, unit, english):
    # Since the 2025 reform a court or procuracy is named by its region's number and province.
    found = [(t.source, t.target) for t in GLOSSARY.match(text, "2025-09-01")]
    assert found == [(unit, english)]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Đồn Biên phòng Cửa khẩu quốc tế Hữu Nghị cho biết",
            "Đồn Biên phòng Cửa khẩu quốc tế Hữu Nghị",
            "Huu Nghi International Border Gate Border Guard Station",
        ),
        (
            "Chi cục trưởng Chi cục Hải quan cửa khẩu Tân Thanh cho biết",
            "Chi cục trưởng Chi cục Hải quan cửa khẩu Tân Thanh",
            "Manager of the Tan Thanh Border Gate Customs Branch",
        ),
    ],
)
def test_a_station_or_customs_branch_is_named_with_its_border_gate(text, unit, english):
    assert units(text) == [(unit, english)]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Trường Tiểu học Kim Đồng khai giảng",
            "Trường Tiểu học Kim Đồng",
            "Kim Dong Primary School",
        ),
        (
            "Trường THCS Nghĩa Tân tuyển sinh",
            "Trường THCS Nghĩa Tân",
            "Nghia Tan Lower Secondary School",
        ),
        (
            "Trường THPT Chuyên Hùng Vương đạt giải",
            "Trường THPT Chuyên Hùng Vương",
            "Hung Vuong High School for the Gifted",
        ),
        ("Vườn quốc gia Cát Tiên mở cửa", "Vườn quốc gia Cát Tiên", "Cat Tien National Park"),
        (
            "Ban Quản lý Vườn quốc gia Bạch Mã cho biết",
            "Ban Quản lý Vườn quốc gia Bạch Mã",
            "Bach Ma National Park Management Board",
        ),
        (
            "Hạt Kiểm lâm huyện Mường Tè tuần tra",
            "Hạt Kiểm lâm huyện Mường Tè",
            "Muong Te District Forest Protection Unit",
        ),
        (
            "Giám đốc Bệnh viện Đa khoa Trung ương Thái Nguyên cho biết",
            "Giám đốc Bệnh viện Đa khoa Trung ương Thái Nguyên",
            "Director of the Thai Nguyen Central General Hospital",
        ),
        ("Trung tâm Y tế Lý Sơn tiếp nhận", "Trung tâm Y tế Lý Sơn", "Ly Son Health Centre"),
    ],
)
def test_an_institution_of_a_known_kind_is_named_by_its_own_name(text, unit, english):
    # Kinds are listed (schools, parks, hospitals); their names are an open class, like places'.
    assert units(text) == [(unit, english)]


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # "Trung ương" (central) is a common word: "Mắt Trung" is no name.
        ("Bệnh viện Mắt Trung ương khám cho trẻ", "Mat Trung Hospital"),
        # "Du lịch" (tourism) describes the college: no "Du College".
        ("Trường Cao đẳng Du lịch Huế tuyển sinh", "Du College"),
    ],
)
def test_a_name_does_not_run_into_a_common_word(text, wrong):
    assert wrong not in [target for _, target in units(text)]


def test_a_commune_whose_name_begins_like_a_common_word_is_a_unit():
    # "xã giao" is etiquette; "xã Giao Hải" a commune (glossary-units.md §2).
    assert units("Người dân xã Giao Hải sơ tán") == [("xã Giao Hải", "Giao Hai Commune")]


def test_foreign_countries_and_the_person_ho_chi_minh_are_names_not_terms():
    # glossary-units.md §2 (foreign places are no Vietnamese units) and §5 (Hồ Chí Minh the
    # person is a name): they are rendered, and reported as names; his title is President.
    text = (
        "Đoàn Quốc hội Nhật Bản gặp Chủ tịch UBND tỉnh Lào Cai tại Nhà tưởng niệm Chủ tịch Hồ "
        "Chí Minh"
    )
    found = [(m.source, m.target, m.type) for m in GLOSSARY.match(text)]
    # Japan's parliament is not Viet Nam's National Assembly: the body is left out.
    assert [(source, target, kind) for source, target, kind in found if kind != "pattern"] == [
        ("Nhật Bản", "Japan", "name"),
        ("Chủ tịch", "President", "title"),
        ("Hồ Chí Minh", "Ho Chi Minh", "name"),
    ]
    without_names = GLOSSARY.match(text, names=NameStyle.OFF)
    assert [m.target for m in without_names] == [
        "Chairman of the Lao Cai Provincial People's Committee",
        "President",
    ]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        # The head of a commission shares its word "Ban", in either case.
        (
            "Phó Trưởng Ban Dân vận Trung ương phát biểu",
            "Phó Trưởng Ban Dân vận Trung ương",
            "Deputy Head of the Party Central Committee's Commission for Mass Mobilisation",
        ),
        (
            "Phó Trưởng ban Tổ chức Tỉnh ủy Sơn La chủ trì",
            "Phó Trưởng ban Tổ chức Tỉnh ủy Sơn La",
            "Deputy Head of the Organisation Commission of the Son La Provincial Party Committee",
        ),
        # A department or agency directly before its ministry is the ministry's own.
        (
            "Cơ quan Cảnh sát điều tra Bộ Công an đã khởi tố",
            "Cơ quan Cảnh sát điều tra Bộ Công an",
            "Police Investigation Agency of the Ministry of Public Security",
        ),
        # A generic provincial body named with its province.
        (
            "Liên đoàn Lao động tỉnh Nghệ An trao quà",
            "Liên đoàn Lao động tỉnh Nghệ An",
            "Nghe An Confederation of Labour",
        ),
    ],
)
def test_heads_of_commissions_and_the_bodies_of_ministries_and_provinces(text, unit, english):
    assert units(text) == [(unit, english)]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        # Merged units and zones keep both names, joined by a dash.
        ("Người dân phường Tân Định - Bến Nghé vui", "phường Tân Định - Bến Nghé", None),
        (
            "Khu kinh tế Nghi Sơn – Tĩnh Gia mở rộng",
            "Khu kinh tế Nghi Sơn – Tĩnh Gia",
            "Nghi Son - Tinh Gia Economic Zone",
        ),
        (
            "Đại hội đại biểu Đảng bộ tỉnh lần thứ XX thành công",
            "Đại hội đại biểu Đảng bộ tỉnh lần thứ XX",
            "20th Provincial Party Congress",
        ),
        (
            "Viện Pasteur Nha Trang xét nghiệm",
            "Viện Pasteur Nha Trang",
            "Pasteur Institute in Nha Trang",
        ),
    ],
)
def test_names_joined_by_a_dash_and_institutions_by_their_city(text, unit, english):
    _assert_one_unit(text, unit, english)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Tòa án nhân dân khu vực 3 - Hải Phòng xét xử", "Tòa án nhân dân khu vực 3 - Hải Phòng"),
        ("Ủy ban bầu cử thành phố Cần Thơ họp", "Ủy ban bầu cử thành phố Cần Thơ"),
        ("Thường trực HĐND thành phố Đà Nẵng họp", "Thường trực HĐND thành phố Đà Nẵng"),
        ("Phó Chánh Thanh tra Bộ Tài chính cho biết", "Phó Chánh Thanh tra Bộ Tài chính"),
    ],
)
def test_regional_courts_of_cities_and_committees_of_named_councils(text, unit):
    found = GLOSSARY.match(text, "2025-09-01")
    assert [match.source for match in found if match.type != "name"] == [unit]


def test_a_number_that_counts_is_no_part_of_a_name():
    # "phường Hòa Bình 2" is a ward; in "Long Thành 1 lần" the number counts times (once).
    assert units("Người dân phường Hòa Bình 2 đã về") == [("phường Hòa Bình 2", "Hoa Binh 2 Ward")]
    assert units("Dự án Cảng hàng không quốc tế Long Thành 1 lần chứ không chia") == [
        ("Cảng hàng không quốc tế Long Thành", "Long Thanh International Airport")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Các cửa hàng trên đường Quảng Trị và đường Hà Nội đông khách",
        "Mực nước sông Đồng Nai và hồ Hòa Bình xuống thấp",
        "Kênh xáng Cà Mau – Bạc Liêu cạn nước",
        "Dâng hương tại Thành cổ Quảng Trị dịp kỷ niệm Chiến dịch Huế – Đà Nẵng",
    ],
)
def test_a_place_that_names_a_street_a_river_or_an_event_is_no_term(text):
    # glossary-units.md §5: look-alikes of places.
    assert units(text) == []


def test_the_city_before_a_place_is_no_street():
    # "thành phố" ends with "phố" (street), but is the city's level word.
    assert units("BCH Đảng bộ thành phố Huế họp") == [
        ("BCH Đảng bộ thành phố Huế", "Hue City Executive Party Committee")
    ]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Bàn giao nhà cho Trường Phổ thông Dân tộc bán trú Tiểu học và THCS Ia Mơ hôm qua",
            "Trường Phổ thông Dân tộc bán trú Tiểu học và THCS Ia Mơ",
            "Ia Mo Ethnic Minority Semi-boarding Primary and Lower Secondary School",
        ),
        (
            "Trường PTDT nội trú THCS Kỳ Sơn khai giảng",
            "Trường PTDT nội trú THCS Kỳ Sơn",
            "Ky Son Ethnic Minority Boarding Lower Secondary School",
        ),
        (
            "Trường Phổ thông Dân tộc nội trú THCS và THPT tỉnh tuyển sinh",
            "Trường Phổ thông Dân tộc nội trú THCS và THPT tỉnh",
            "Provincial Ethnic Minority Boarding Lower and Upper Secondary School",
        ),
    ],
)
def test_ethnic_minority_boarding_schools_by_level_and_name(text, unit, english):
    assert units(text) == [(unit, english)]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Bà Lan, Trưởng Trạm Y tế phường Hoá Châu, cho biết",
            "Trưởng Trạm Y tế phường Hoá Châu",
            "Head of the Hoa Chau Ward Health Station",
        ),
        (
            "Ông Sỹ, Trưởng ban Ban Quản lý Khu kinh tế tỉnh Tây Ninh, giới thiệu",
            "Trưởng ban Ban Quản lý Khu kinh tế tỉnh Tây Ninh",
            "Head of the Tay Ninh Provincial Economic Zone Management Board",
        ),
        (
            "Ông Thép, Phó Trưởng Ban Quản lý Khu kinh tế Hải Phòng, cho biết",
            "Phó Trưởng Ban Quản lý Khu kinh tế Hải Phòng",
            "Deputy Head of the Hai Phong Economic Zone Management Board",
        ),
    ],
)
def test_a_bare_head_before_the_body_it_heads_is_its_title(text, unit, english):
    assert units(text) == [(unit, english)]


def test_a_bare_level_word_before_a_personal_name_is_the_generic_level():
    found = [(m.source, m.type) for m in GLOSSARY.match("Giám đốc Sở Y tế tỉnh Phạm Văn An nói")]
    assert found == [("Giám đốc Sở Y tế tỉnh", "unit"), ("Phạm Văn An", "name")]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Giám đốc Bệnh viện Quân y 175 cho biết",
            "Giám đốc Bệnh viện Quân y 175",
            "Director of Military Hospital 175",
        ),
        ("Cán bộ Sư đoàn 324 hỗ trợ", "Sư đoàn 324", "Division 324"),
        ("Trưởng Công an đặc khu ký", "Trưởng Công an đặc khu", "Chief of the Special Zone Police"),
        (
            "Ban Quản lý các khu công nghiệp Đồng Nai cho biết",
            "Ban Quản lý các khu công nghiệp Đồng Nai",
            "Dong Nai Industrial Zones Management Board",
        ),
        (
            "Trường Cao đẳng Công nghiệp Nam Định tuyển sinh",
            "Trường Cao đẳng Công nghiệp Nam Định",
            "Nam Dinh College of Industry",
        ),
        ("Việc này báo cáo Ban Thường vụ tỉnh ủy", "Ban Thường vụ tỉnh ủy", None),
    ],
)
def test_numbered_units_named_boards_and_colleges(text, unit, english):
    _assert_one_unit(text, unit, english)


def test_a_name_after_a_dash_does_not_begin_with_a_common_word():
    # "Trường Đại học Sư phạm - Đại học Thái Nguyên": "Đại học" is no place's name.
    found = units("Phối hợp với Trường Đại học Sư phạm - Đại học Thái Nguyên đào tạo")
    assert "Trường Đại học Sư phạm - Đại" not in [source for source, _ in found]


def test_an_institution_of_the_article_is_found_whole_in_its_capitals_headline():
    text = (
        "ĐỒN BIÊN PHÒNG ĐÀM THUỶ BẮT GIỮ HÀNG LẬU\n\n"
        "Sáng nay, Đồn Biên phòng Đàm Thuỷ phát hiện một xe tải chở hàng lậu.\n"
    )
    headline = _blocks_found(text)["b1"]
    assert [(t.source, t.target) for t in headline] == [
        ("ĐỒN BIÊN PHÒNG ĐÀM THUỶ", "Dam Thuy Border Guard Station")
    ]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Nguyên Giám đốc Công ty TNHH MTV Lâm nghiệp Kon Rẫy bị truy tố",
            "Giám đốc Công ty TNHH MTV Lâm nghiệp Kon Rẫy",
            "Director of the Kon Ray Forestry One Member Limited Liability Company",
        ),
        ("Công ty Thủy điện Hòa Bình chi trả", "Công ty Thủy điện Hòa Bình", None),
        (
            "Công nhân Công ty TNHH Điện tử Đông Phong nghỉ Tết",
            "Công ty TNHH Điện tử Đông Phong",
            "Dong Phong Electronics Limited Liability Company",
        ),
        (
            "Công ty Cổ phần Cấp thoát nước Bến Tre cho biết",
            "Công ty Cổ phần Cấp thoát nước Bến Tre",
            "Ben Tre Water Supply and Sewerage Joint Stock Company",
        ),
    ],
)
def test_companies_by_legal_form_trade_and_name(text, unit, english):
    _assert_one_unit(text, unit, english)


def test_a_trade_after_a_legal_form_is_no_own_name():
    # "Bất động sản" (real estate), "Tư vấn" (consulting) are the company's trades: its own name
    # comes after them (no "Tư Company").
    assert units("Tổng giám đốc Công ty cổ phần Bất động sản Hưng Thịnh Phát bị bắt") == [
        (
            "Công ty cổ phần Bất động sản Hưng Thịnh Phát",
            "Hung Thinh Phat Real Estate Joint Stock Company",
        )
    ]
    assert units("Công ty TNHH Tư vấn Việc làm Đông Á bị khởi tố") == [
        (
            "Công ty TNHH Tư vấn Việc làm Đông Á",
            "Dong A Consulting and Employment Limited Liability Company",
        )
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Tuyên phạt cựu Tổng Giám đốc Công ty Sông Hồng Xanh 18 năm tù",
            [
                (
                    "Tổng Giám đốc Công ty Sông Hồng Xanh",
                    "General Director of the Song Hong Xanh Company",
                )
            ],
        ),
        (
            "Công ty TNHH Thương mại Dịch vụ Phước Lộc mua lại",
            [
                (
                    "Công ty TNHH Thương mại Dịch vụ Phước Lộc",
                    "Phuoc Loc Trading and Services Limited Liability Company",
                )
            ],
        ),
        (
            "Nguyên Phó Giám đốc Chi nhánh Cầu Giấy của Ngân hàng TMCP Hưng Thịnh bị bắt",
            [
                (
                    "Phó Giám đốc Chi nhánh Cầu Giấy của Ngân hàng TMCP Hưng Thịnh",
                    "Deputy Director of the Cau Giay Branch of the Hung Thinh Joint Stock"
                    " Commercial Bank",
                )
            ],
        ),
        # A listed company wins; an unknown trade is none.
        ("Công ty Điện lực Hà Nội cắt điện", [("Công ty Điện lực Hà Nội", "Ha Noi Power Company")]),
        ("Công ty cổ phần Giải trí Hội An khai trương", []),
        # A brand with foreign words is an own name too, up to the holder's name (batch HH).
        (
            "Công ty TNHH Samsung Electronics Việt Nam tuyển dụng",
            [
                (
                    "Công ty TNHH Samsung Electronics Việt Nam",
                    "Samsung Electronics Viet Nam Limited Liability Company",
                )
            ],
        ),
        (
            "Công ty TNHH Tư vấn Việc làm Đông Á Mekong bị khởi tố",
            [
                (
                    "Công ty TNHH Tư vấn Việc làm Đông Á Mekong",
                    "Dong A Mekong Consulting and Employment Limited Liability Company",
                )
            ],
        ),
        (
            "Tổng Giám đốc Công ty Cổ phần Địa ốc Langbiang Xanh Trần Văn An bị bắt",
            [
                (
                    "Tổng Giám đốc Công ty Cổ phần Địa ốc Langbiang Xanh",
                    "General Director of the Langbiang Xanh Real Estate Joint Stock Company",
                )
            ],
        ),
    ],
)
def test_companies_and_banks_by_their_own_name(text, found):
    assert units(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "Đoàn của thành phố São Paulo muốn hợp tác",
        "Xe chờ ở phía huyện Noọng Hét, tỉnh Xiêng Khoảng của nước bạn Lào",
        "Bảo vệ Nhà máy Thủy điện Hòa Bình",
        "Vùng lõi của Công viên địa chất toàn cầu UNESCO Cao nguyên đá Đồng Văn",
    ],
)
def test_foreign_places_and_facilities_named_after_places_are_no_units(text):
    assert units(text) == []


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Đảng ủy Sở Y tế xem xét",
            "Đảng ủy Sở Y tế",
            "Party Committee of the Department of Health",
        ),
        (
            "Thanh tra Sở Xây dựng kết luận",
            "Thanh tra Sở Xây dựng",
            "Inspectorate of the Department of Construction",
        ),
        (
            "Ông Hà, Trưởng Ban Chỉ đạo 389 tỉnh, đề nghị",
            "Trưởng Ban Chỉ đạo 389 tỉnh",
            "Head of the Provincial Steering Committee 389",
        ),
        (
            "Ông Tuấn, Trưởng phòng Cảnh sát giao thông Công an tỉnh, cho biết",
            "Trưởng phòng Cảnh sát giao thông Công an tỉnh",
            "Head of the Traffic Police Division of the Provincial Police",
        ),
        (
            "Báo cáo của Ban Kinh tế - Ngân sách HĐND TP cho thấy",
            "Ban Kinh tế - Ngân sách HĐND TP",
            "Economic and Budget Committee of the City People's Council",
        ),
        (
            "Thuế cơ sở 2 tỉnh Vĩnh Long đối thoại",
            "Thuế cơ sở 2 tỉnh Vĩnh Long",
            "Vinh Long Grassroots Tax Office No. 2",
        ),
        (
            "Ngân hàng Nhà nước Chi nhánh Khu vực 5 chỉ đạo",
            "Ngân hàng Nhà nước Chi nhánh Khu vực 5",
            "State Bank of Viet Nam Regional Branch 5",
        ),
    ],
)
def test_bodies_of_departments_councils_and_levels_and_2025_offices(text, unit, english):
    assert units(text) == [(unit, english)]


@pytest.mark.parametrize(
    "text",
    [
        "Lãnh đạo Trường Đại học Kinh tế Công nghiệp Long An ký thỏa thuận",
        "Nhà đầu tư tham gia logistics tại Khu công nghiệp Becamex VSIP Bình Định",
    ],
)
def test_a_place_that_ends_a_longer_unknown_name_is_no_term(text):
    # glossary-units.md §5: the place is part of the institution's own name.
    assert [target for _, target in units(text)] in ([], ["Industrial Zone"])
    assert "Long An" not in [source for source, _ in units(text)]
    assert "Bình Định" not in [source for source, _ in units(text)]


def test_a_place_after_a_sentence_opening_word_is_a_term():
    assert units("Tại Hà Nội, lễ hội diễn ra") == [("Hà Nội", "Ha Noi")]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # A foreign province's committee and department: no Vietnamese body.
        ("Đoàn công tác của Tỉnh ủy Savannakhet sang làm việc", []),
        ("Đoàn Sở Y tế tỉnh Bolikhamxay (Lào) đến thăm", []),
        # The head of a body nobody listed: no bare "Director".
        ("Bà Ngọc, Giám đốc Công ty Cổ phần Giải trí Hội An, nhận định", []),
        # A title before a short name stays a title.
        ("Thứ trưởng Khang cho rằng", ["Thứ trưởng"]),
        ("Giám đốc Sở Y tế tỉnh Quảng Nam cho biết", ["Giám đốc Sở Y tế tỉnh Quảng Nam"]),
    ],
)
def test_a_title_or_body_cut_off_from_a_longer_unknown_name_is_no_term(text, kept):
    assert [source for source, _ in units(text)] == kept


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Phối hợp với Thanh tra thành phố Hà Nội kiểm tra",
            "Thanh tra thành phố Hà Nội",
            "Ha Noi City Inspectorate",
        ),
        (
            "Gửi tới Thường trực HĐND thành phố để theo dõi",
            "Thường trực HĐND thành phố",
            "Standing Committee of the City People's Council",
        ),
        (
            "Phối hợp với BCH Bộ đội Biên phòng thành phố Hải Phòng tạm giữ",
            "BCH Bộ đội Biên phòng thành phố Hải Phòng",
            "Hai Phong City Border Guard Command",
        ),
        ("Chi cục Hải quan Tiền Giang áp dụng", "Chi cục Hải quan Tiền Giang", None),
    ],
)
def test_generic_city_bodies_and_commands_by_abbreviation(text, unit, english):
    _assert_one_unit(text, unit, english)


def test_a_post_takes_its_province_before_a_name_with_names_off():
    found = GLOSSARY.match(
        "Trưởng Ban Quản lý các khu công nghiệp Đồng Nai Nguyễn Hoàng Sơn cho biết",
        names=NameStyle.OFF,
    )
    assert [(m.source, m.target) for m in found] == [
        (
            "Trưởng Ban Quản lý các khu công nghiệp Đồng Nai",
            "Head of the Dong Nai Industrial Zones Management Board",
        )
    ]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        ("Báo cáo của UBND huyện Kbang cho biết", "UBND huyện Kbang", None),
        ("Kỳ họp diễn ra ở TP. Pleiku vào tháng 12", "TP. Pleiku", "Pleiku City"),
        (
            "Agribank Chi nhánh tỉnh Lào Cai mở thêm quầy",
            "Agribank Chi nhánh tỉnh Lào Cai",
            "Lao Cai Branch of Agribank",
        ),
        (
            "Sinh viên Trường Đại học Sư phạm - Đại học Thái Nguyên thực tập",
            "Trường Đại học Sư phạm - Đại học Thái Nguyên",
            None,
        ),
        (
            "KỶ LUẬT PHÓ GIÁM ĐỐC SỞ NN&PTNT NGHỆ AN",
            "PHÓ GIÁM ĐỐC SỞ NN&PTNT NGHỆ AN",
            "Deputy Director of the Nghe An Department of Agriculture and Rural Development",
        ),
    ],
)
def test_highland_names_bank_branches_member_universities_and_titled_units(text, unit, english):
    _assert_one_unit(text, unit, english)


def test_a_foreign_city_with_its_region_and_country_in_brackets_is_no_unit():
    text = "Đối diện thành phố Đông Hưng (Quảng Tây, Trung Quốc), chính quyền phường"
    assert "thành phố Đông Hưng" not in [source for source, _ in units(text)]
    assert units("Quỹ Nhi đồng Liên Hợp Quốc hỗ trợ") == []


def test_a_line_break_inside_a_unit_keeps_it_one_unit():
    # glossary-units.md §4: a line break inside (one; a blank line ends the paragraph).
    assert units("Chuyển lên Bệnh viện Đa khoa\ntỉnh Thanh Hóa điều trị") == [
        ("Bệnh viện Đa khoa\ntỉnh Thanh Hóa", "Thanh Hoa General Hospital")
    ]
    assert [s for s, _ in units("Chuyển lên Bệnh viện Đa khoa\n\ntỉnh Thanh Hóa")] == [
        "Bệnh viện Đa khoa",
        "tỉnh Thanh Hóa",
    ]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Chi nhánh Ngân hàng Chính sách xã hội tỉnh Vĩnh Long giải ngân",
            "Chi nhánh Ngân hàng Chính sách xã hội tỉnh Vĩnh Long",
            None,
        ),
        (
            "Khai mạc Đại hội đại biểu MTTQ Việt Nam tỉnh lần thứ XI hôm nay",
            "Đại hội đại biểu MTTQ Việt Nam tỉnh lần thứ XI",
            "11th Congress of the Provincial Viet Nam Fatherland Front",
        ),
        ("Thanh tra Sở Xây dựng kết luận", "Thanh tra Sở Xây dựng", None),
    ],
)
def test_a_part_or_a_congress_of_a_body_written_before_it(text, unit, english):
    _assert_one_unit(text, unit, english)


def test_a_dateline_dash_and_a_document_number_are_no_part_of_a_unit():
    assert units("TP. Sóc Trăng – Ngày 10/12, phiên tòa mở") == [
        ("TP. Sóc Trăng", "Soc Trang City")
    ]
    # "QĐ-UBND" is the issuer's code in a document number.
    assert units("Theo Quyết định số 5127/QĐ-UBND do ông ký") == []


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        # A numbered session right before its council is one name with it (§1, §3).
        (
            "Tại Kỳ họp thứ 8 Quốc hội khóa XV, đại biểu chất vấn",
            "Kỳ họp thứ 8 Quốc hội khóa XV",
            "8th session of the 15th National Assembly",
        ),
        (
            "Bế mạc kỳ họp thứ 26 HĐND tỉnh Thái Bình khóa XVII hôm qua",
            "kỳ họp thứ 26 HĐND tỉnh Thái Bình khóa XVII",
            "26th session of the 17th Thai Binh Provincial People's Council",
        ),
        (
            "Theo Nghị quyết Hội nghị Trung ương 10 khóa XIII, tỉnh triển khai",
            "Hội nghị Trung ương 10 khóa XIII",
            "10th plenum of the 13th Party Central Committee",
        ),
        (
            "Tại Hội nghị lần thứ nhất BCH Đảng bộ tỉnh khóa I, các đại biểu bầu",
            "Hội nghị lần thứ nhất BCH Đảng bộ tỉnh khóa I",
            "1st plenum of the 1st Provincial Executive Party Committee",
        ),
    ],
)
def test_a_session_or_plenum_of_a_body_is_one_unit(text, unit, english):
    assert units(text) == [(unit, english)]


def test_a_session_after_a_comma_stays_apart():
    assert units("Tại kỳ họp thứ 9, Quốc hội khóa XV đã biểu quyết") == [
        ("Quốc hội khóa XV", "15th National Assembly")
    ]


@pytest.mark.parametrize(
    ("text", "unit", "name"),
    [
        # Five capitalised words are no one place: two for the place, the holder's name after.
        (
            "Chủ tịch UBND huyện Kỳ Sơn Lữ Văn Tiến thông tin",
            "Chủ tịch UBND huyện Kỳ Sơn",
            "Lữ Văn Tiến",
        ),
        (
            "Phó Chủ tịch UBND xã Đồng Văn Sùng Mí Chứ cho biết",
            "Phó Chủ tịch UBND xã Đồng Văn",
            "Sùng Mí Chứ",
        ),
        (
            "Chủ tịch UBND thành phố Sầm Sơn Cao Văn Lực cho biết",
            "Chủ tịch UBND thành phố Sầm Sơn",
            "Cao Văn Lực",
        ),
        ("Bí thư Thành ủy Nguyễn Thành Trung yêu cầu", "Bí thư Thành ủy", "Nguyễn Thành Trung"),
        (
            "Giám đốc Sở Dân tộc và Tôn giáo Bàn Thị Mai đề nghị",
            "Giám đốc Sở Dân tộc và Tôn giáo",
            "Bàn Thị Mai",
        ),
    ],
)
def test_a_holders_name_after_a_unit_is_no_part_of_its_place(text, unit, name):
    assert [match.source for match in GLOSSARY.match(text)] == [unit, name]


def test_a_district_of_a_committee_keeps_a_surname_that_opens_place_names():
    assert [source for source, _ in units("Ban Thường vụ Huyện ủy Châu Thành A nhiệm kỳ")] == [
        "Ban Thường vụ Huyện ủy Châu Thành A"
    ]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        ("Tập kết ở kho tại Phường IV của thành phố", "Phường IV", "Ward IV"),
        (
            "Đại hội đại biểu Đảng bộ phường Hà Giang 1 lần thứ I thành công",
            "Đại hội đại biểu Đảng bộ phường Hà Giang 1 lần thứ I",
            "1st Ha Giang 1 Ward Party Congress",
        ),
        (
            "Giám đốc Chi nhánh Ngân hàng Chính sách xã hội tỉnh Tuyên Quang cho biết",
            "Giám đốc Chi nhánh Ngân hàng Chính sách xã hội tỉnh Tuyên Quang",
            None,
        ),
        (
            "Giám đốc Ngân hàng Chính sách xã hội chi nhánh tỉnh Bến Tre cho biết",
            "Giám đốc Ngân hàng Chính sách xã hội chi nhánh tỉnh Bến Tre",
            "Director of the Ben Tre Branch of the Viet Nam Bank for Social Policies",
        ),
        (
            "Bà Vân, Giám đốc Bệnh viện Đa khoa Trung tâm An Giang, kiến nghị",
            "Giám đốc Bệnh viện Đa khoa Trung tâm An Giang",
            "Director of the An Giang Central General Hospital",
        ),
        (
            "Trưởng Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp đề xuất",
            "Trưởng Ban Quản lý Khu kinh tế Nghi Sơn và các khu công nghiệp",
            "Head of the Nghi Son Economic Zone and Industrial Parks Management Board",
        ),
        (
            "Phó Thủ trưởng Cơ quan CSĐT Công an tỉnh Nghệ An cho biết",
            "Phó Thủ trưởng Cơ quan CSĐT Công an tỉnh Nghệ An",
            None,
        ),
        ("Phó Tham mưu trưởng Quân khu 7 cho biết", "Phó Tham mưu trưởng Quân khu 7", None),
    ],
)
def test_units_blind_batch_o_showed(text, unit, english):
    _assert_one_unit(text, unit, english)


def test_a_region_is_matched_and_rendered_but_reported_as_a_name():
    found = GLOSSARY.match("Mưa lớn ở Tây Nguyên và Nam Trung Bộ")
    assert [(m.source, m.target, m.type) for m in found] == [
        ("Tây Nguyên", "Central Highlands", "name"),
        ("Nam Trung Bộ", "South Central Coast", "name"),
    ]
    assert GLOSSARY.match("Mưa lớn ở Tây Nguyên", names=NameStyle.OFF) == []


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        # Highland names keep their apostrophe, and the capital after it.
        ("Tập trung ở huyện Cư M'gar và", "huyện Cư M'gar", "Cu M'gar District"),
        ("Lũ quét ở huyện M'Drắk hôm qua", "huyện M'Drắk", "M'Drak District"),
        # A generic body in lower case before a named commune is that commune's.
        ("Ngay sau đó, công an xã Ea Phê được giao", "công an xã Ea Phê", "Ea Phe Commune Police"),
    ],
)
def test_highland_names_with_an_apostrophe_and_lower_case_bodies_of_a_commune(text, unit, english):
    assert units(text) == [(unit, english)]


def test_a_lower_case_kind_before_a_bare_name_stays_out():
    # "cảng Quy Nhơn", "cửa khẩu Mộc Bài": the blind sets treat a lower-case kind as a common noun.
    assert units("Hàng hóa qua cảng Quy Nhơn và cửa khẩu Mộc Bài tăng") == []


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # After a body and a bare level word, a full name is the holder's ...
        ("Tại xã Phong Nha, Chủ tịch UBND xã Đinh Quang Huy cho biết", "Chủ tịch UBND xã"),
        ("Trưởng Công an xã Lê Thanh Phong cho biết", "Trưởng Công an xã"),
        ("Chủ tịch UBND xã Măng Đen A Khương cho biết", "Chủ tịch UBND xã Măng Đen"),
    ],
)
def test_a_full_name_after_a_body_and_a_bare_level_is_the_holders(text, unit):
    assert units(text)[-1][0] == unit


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # ... but units are named after people too, and end in a letter.
        ("Sáng 9/10, tại phường Phan Đình Phùng, Đảng bộ tỉnh họp", "phường Phan Đình Phùng"),
        ("Nặng nhất là huyện Trần Văn Thời và", "huyện Trần Văn Thời"),
        ("Huyện Châu Thành A và xã Y Tý", "Huyện Châu Thành A"),
    ],
)
def test_units_named_after_people_or_ending_in_a_letter_stay_units(text, unit):
    assert units(text)[0][0] == unit


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Chi cục trưởng Chi cục Thuế huyện Tiền Hải cho biết",
            "Chi cục trưởng Chi cục Thuế huyện Tiền Hải",
            "Manager of the Tien Hai District Tax Sub-department",
        ),
        (
            "Giám đốc BIDV chi nhánh Lạng Sơn cho biết",
            "Giám đốc BIDV chi nhánh Lạng Sơn",
            "Director of the Lang Son Branch of BIDV",
        ),
        ("BCH Đảng bộ xã đã ban hành", "BCH Đảng bộ xã", "Commune Executive Party Committee"),
        ("Tốt nghiệp Trường Đại học Y khoa Vinh năm nay", "Trường Đại học Y khoa Vinh", None),
        (
            "Thương vụ Việt Nam tại Hà Lan đánh giá",
            "Thương vụ Việt Nam tại Hà Lan",
            "Viet Nam Trade Office in Netherlands",
        ),
    ],
)
def test_units_blind_batch_p_showed(text, unit, english):
    _assert_one_unit(text, unit, english)


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Ngày 8/11, Hội Cựu chiến binh tỉnh Lâm Đồng ký kết",
            "Hội Cựu chiến binh tỉnh Lâm Đồng",
            "Lam Dong Veterans' Association",
        ),
        ("Bưu điện tỉnh Bến Tre được giao", "Bưu điện tỉnh Bến Tre", "Ben Tre Post Office"),
        (
            "Trưởng Ban Nội chính Thành ủy Cần Thơ cho biết",
            "Trưởng Ban Nội chính Thành ủy Cần Thơ",
            "Head of the Internal Affairs Commission of the Can Tho City Party Committee",
        ),
        (
            "Tổng Giám đốc Tổng Công ty Cao su Đồng Nai kiến nghị",
            "Tổng Giám đốc Tổng Công ty Cao su Đồng Nai",
            "General Director of the Dong Nai Rubber Corporation",
        ),
        ("Theo ý kiến tập thể của UBND quận, bị cáo", "UBND quận", "District People's Committee"),
        (
            "Chủ tịch UBND huyện Quỳnh Lưu Hồ Văn Thắng chia sẻ",
            "Chủ tịch UBND huyện Quỳnh Lưu",
            "Chairman of the Quynh Luu District People's Committee",
        ),
        (
            "Phó Chủ tịch UBND huyện Bắc Yên Sồng A Lử cho biết",
            "Phó Chủ tịch UBND huyện Bắc Yên",
            None,
        ),
        ("Bí thư Đảng ủy xã Giàng A Páo cho biết", "Bí thư Đảng ủy xã", None),
    ],
)
def test_units_blind_batch_q_showed(text, unit, english):
    _assert_one_unit(text, unit, english)


@pytest.mark.parametrize(
    "text",
    [
        "NGƯỜI THAM GIA BẢO HIỂM XÃ HỘI TỰ NGUYỆN TĂNG",
        "Một cuốn sổ BHXH hôm nay là lương hưu",
        "Luật Bảo hiểm xã hội năm 2024 có hiệu lực",
    ],
)
def test_the_insurance_scheme_is_not_the_agency(text):
    assert units(text) == []


def test_a_date_in_brackets_is_not_the_articles():
    text = "Nhân kỷ niệm 81 năm (22/12/1944 – 22/12/2025), ngày 18/12/2025, Hội Cựu chiến binh"
    assert find_date(text) == "2025-12-18"


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Giám đốc Bệnh viện Tâm thần TP Cần Thơ cho biết",
            "Giám đốc Bệnh viện Tâm thần TP Cần Thơ",
            "Director of the Can Tho City Psychiatric Hospital",
        ),
        ("Phối hợp với Thành đoàn Cần Thơ tuyên truyền", "Thành đoàn Cần Thơ", None),
        ("Hải đội 2 Biên phòng tuần tra", "Hải đội 2 Biên phòng", "Border Guard Flotilla 2"),
        ("Phường 2 Bảo Lộc thí điểm", "Phường 2 Bảo Lộc", "Ward 2 Bao Loc"),
        (
            "Ban Quản lý dự án Thăng Long phối hợp",
            "Ban Quản lý dự án Thăng Long",
            "Thang Long Project Management Unit",
        ),
        (
            "Tổng Giám đốc Công ty Cổ phần Khu công nghiệp Sài Gòn - Hải Phòng cho biết",
            "Tổng Giám đốc Công ty Cổ phần Khu công nghiệp Sài Gòn - Hải Phòng",
            "General Director of the Sai Gon - Hai Phong Industrial Park Joint Stock Company",
        ),
    ],
)
def test_units_blind_batch_r_showed(text, unit, english):
    _assert_one_unit(text, unit, english)


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "BCH Tỉnh đoàn Đắk Lắk phát động",
            "BCH Tỉnh đoàn Đắk Lắk",
            "Executive Committee of the Dak Lak Provincial Youth Union",
        ),
        (
            "Chủ tịch UBND xã Ea Kly H'Loan Mlô cho biết",
            "Chủ tịch UBND xã Ea Kly",
            "Chairman of the Ea Kly Commune People's Committee",
        ),
        (
            "Chủ tịch UBND xã Vĩnh Lộc A Trần Văn Mười cho biết",
            "Chủ tịch UBND xã Vĩnh Lộc A",
            "Chairman of the Vinh Loc A Commune People's Committee",
        ),
        (
            "Trưởng ban Ban Quản lý An toàn thực phẩm Hà Nội cho biết",
            "Trưởng ban Ban Quản lý An toàn thực phẩm Hà Nội",
            "Head of the Ha Noi Food Safety Management Board",
        ),
        ("Hải quan khu vực XII thông quan hàng hóa", "Hải quan khu vực XII", "Customs Region XII"),
    ],
)
def test_units_blind_batches_s_and_t_showed(text, unit, english):
    _assert_one_unit(text, unit, english)


def test_a_newspaper_crediting_the_story_is_no_term():
    # "(Báo Lào Cai) - Ngày …": the publisher; in running text the newspaper is one.
    assert units("(Báo Lào Cai) - Ngày 18/4/2025, trời mưa") == []
    assert units("Theo Báo Lào Cai, trời mưa") == [("Báo Lào Cai", "Lao Cai Newspaper")]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        # §3: the press also writes the ordinal before the body.
        (
            "Nghị quyết Đại hội XIX Đảng bộ tỉnh đã đề ra",
            "Đại hội XIX Đảng bộ tỉnh",
            "19th Provincial Party Congress",
        ),
        (
            "Nghị quyết Đại hội XX Đảng bộ tỉnh Yên Bái đã đề ra",
            "Đại hội XX Đảng bộ tỉnh Yên Bái",
            "20th Yen Bai Provincial Party Congress",
        ),
        # A tier of bodies named by its level ("cấp xã") is the body of that tier.
        (
            "Trách nhiệm thuộc về Chủ tịch UBND cấp xã.",
            "Chủ tịch UBND cấp xã",
            "Chairman of the commune-level People's Committee",
        ),
        ("Bệnh viện Nhi đồng 2 quá tải", "Bệnh viện Nhi đồng 2", "Children's Hospital 2"),
        (
            "Bệnh viện Đa khoa vùng Tây Bắc quá tải",
            "Bệnh viện Đa khoa vùng Tây Bắc",
            "Northwest Regional General Hospital",
        ),
        (
            "Phó Giám đốc Bệnh viện, bác sĩ Lò Văn Páo, cho biết",
            "Phó Giám đốc Bệnh viện",
            "Deputy Director of the Hospital",
        ),
        (
            "Phó Trưởng Đoàn đại biểu Quốc hội tỉnh cho biết",
            "Phó Trưởng Đoàn đại biểu Quốc hội tỉnh",
            "Deputy Head of the Provincial National Assembly Delegation",
        ),
    ],
)
def test_units_blind_batch_u_showed(text, unit, english):
    _assert_one_unit(text, unit, english)


def test_a_person_named_like_a_province_after_a_rank_is_a_name():
    # "Thượng tá Lâm Đồng": a rank is always followed by a person; a title may name its place.
    matches = [(m.source, m.type) for m in GLOSSARY.match("Thượng tá Lâm Đồng đề nghị.")]
    assert matches == [("Thượng tá", "rank"), ("Lâm Đồng", "name")]
    assert units("Bí thư Hà Nội phát biểu") == [("Bí thư Hà Nội", "Secretary of Ha Noi")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "VINH - Sáng 14/3/2024, mưa lớn kéo dài gây ngập nhiều tuyến phố",
            [("VINH", "Vinh", "place")],
        ),
        (
            "Tin: Lê Hồng\n\nĐỒNG HỚI – Chiều 2/11, mưa lớn kéo dài gây ngập nhiều tuyến phố",
            [("ĐỒNG HỚI", "Dong Hoi", "place")],
        ),
        (
            "BUÔN MA THUỘT - Ngày 12/11, mưa lớn kéo dài gây ngập nhiều tuyến phố",
            [("BUÔN MA THUỘT", "Buon Ma Thuot", "place")],
        ),
        # A headline with a dash is no dateline; a foreign dateline is no Vietnamese place.
        ("KINH TẾ - XÃ HỘI NĂM 2025 TĂNG TRƯỞNG CAO NHẤT TRONG BA NĂM", []),
        ("KINH TẾ - Xã hội năm 2025 tăng trưởng", []),
        ("PARIS - Sáng 3/5, mưa lớn kéo dài gây ngập nhiều tuyến phố", []),
        ("Sáng nay VINH - một từ viết hoa giữa câu không mở bài báo nào", []),
    ],
)
def test_a_datelines_place_is_a_place_whatever_the_place(text, expected):
    found = [(m.source, m.target, m.type) for m in GLOSSARY.match(text) if m.type != "name"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Cơ quan CSĐT Công an TP Cần Thơ đã khởi tố vụ án",
            "Cơ quan CSĐT Công an TP Cần Thơ",
            "Police Investigation Agency of the Can Tho Police",
        ),
        # A branch written after its bank, in either case, is that bank's branch; the bank's
        # own name ends where "Chi nhánh" begins.
        (
            "Giám đốc Ngân hàng TMCP Tây Đô chi nhánh Ninh Kiều cho biết",
            "Giám đốc Ngân hàng TMCP Tây Đô chi nhánh Ninh Kiều",
            "Director of the Ninh Kieu Branch of the Tay Do Joint Stock Commercial Bank",
        ),
        (
            "Ngân hàng TMCP Tây Đô Chi nhánh Ninh Kiều đã hoàn trả",
            "Ngân hàng TMCP Tây Đô Chi nhánh Ninh Kiều",
            "Ninh Kieu Branch of the Tay Do Joint Stock Commercial Bank",
        ),
        ("Ông Phước, Chủ tịch Vicofa, cho biết", "Chủ tịch Vicofa", None),
    ],
)
def test_units_blind_batch_v_showed(text, unit, english):
    _assert_one_unit(text, unit, english)


def test_a_power_plant_named_after_a_province_is_no_province():
    # §5, look-alikes of places: the Sơn La hydropower plant is not Sơn La province.
    assert units("Nước dâng ven hồ thủy điện Sơn La và nhà máy nhiệt điện Quảng Ninh") == []


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        # A commune next to a foreign province is still a Vietnamese commune.
        (
            "Rừng ở xã Buôn Đôn, giáp tỉnh Mondulkiri (Campuchia), bị phá",
            "xã Buôn Đôn",
            "Buon Don Commune",
        ),
        # "điểm cầu" is a video link's point, not a bridge named after the province.
        ("Tại điểm cầu Đắk Lắk, ông Y Thuyên Êban phát biểu", "Đắk Lắk", "Dak Lak"),
        ("Giao HĐND cấp tỉnh quyết định", "HĐND cấp tỉnh", "provincial-level People's Council"),
        ("Huy động Đoàn thanh niên và bộ đội", "Đoàn thanh niên", "Youth Union"),
        (
            "Giám đốc Công ty TNHH MTV Khai thác công trình thuỷ lợi tỉnh Bến Tre cho biết",
            "Giám đốc Công ty TNHH MTV Khai thác công trình thuỷ lợi tỉnh Bến Tre",
            "Director of the Ben Tre Irrigation Works Exploitation One Member Limited Liability"
            " Company",
        ),
        (
            "Giám đốc Công ty TNHH Xuất nhập khẩu Nông sản Phú Lộc Phát cho biết",
            "Giám đốc Công ty TNHH Xuất nhập khẩu Nông sản Phú Lộc Phát",
            None,
        ),
        (
            "Ban Thường vụ Đảng ủy Chính phủ thành lập Đảng bộ",
            "Ban Thường vụ Đảng ủy Chính phủ",
            "Standing Board of the Government Party Committee",
        ),
    ],
)
def test_units_blind_batch_x_showed(text, unit, english):
    _assert_one_unit(text, unit, english)


def test_a_withdrawn_insurance_is_the_scheme_not_the_agency():
    assert units("Nhiều người rút BHXH một lần") == []
    assert units("BHXH tỉnh đã chi trả") == [("BHXH tỉnh", "Provincial Social Security")]


def test_a_company_of_an_unknown_trade_is_not_named_by_the_trades_first_word():
    # "Rau quả" is no trade the glossary knows: no company named "Rau".
    assert units("Công ty TNHH Xuất nhập khẩu Rau quả Phú Lộc Phát cho biết") == []


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        # official-terms.tsv lists this pair as one term, with the place named for both posts.
        (
            "Ông Tâm, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Thanh Hóa, cho biết",
            "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Thanh Hóa",
            "Deputy Secretary of the Thanh Hoa Provincial Party Committee and Chairman of the"
            " Thanh Hoa Provincial People's Committee",
        ),
        (
            "Ông Tới, Bí thư Đảng ủy, Chủ tịch HĐND xã Đất Mũi, cho biết",
            "Bí thư Đảng ủy, Chủ tịch HĐND xã Đất Mũi",
            "Secretary of the Dat Mui Commune Party Committee and Chairman of the Dat Mui Commune"
            " People's Council",
        ),
    ],
)
def test_a_placeless_party_post_shares_the_place_of_the_state_post_after_it(text, unit, english):
    _assert_one_unit(text, unit, english)


def test_party_posts_that_name_their_own_place_stay_apart():
    assert units("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Phú Thọ phát biểu") == [
        ("Ủy viên Trung ương Đảng", "Member of the Party Central Committee"),
        ("Bí thư Tỉnh ủy Phú Thọ", "Secretary of the Phu Tho Provincial Party Committee"),
    ]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Nguyên Giám đốc Ban QLDA huyện Phụng Hiệp lãnh án",
            "Giám đốc Ban QLDA huyện Phụng Hiệp",
            "Director of the Phung Hiep District Project Management Board",
        ),
        (
            "Ông Phong, nguyên Ủy viên BCH Đảng bộ huyện Phụng Hiệp, lãnh án",
            "Ủy viên BCH Đảng bộ huyện Phụng Hiệp",
            "Member of the Phung Hiep District Executive Party Committee",
        ),
        # A Jarai clan name opens the holder's name, not the commune's.
        (
            "Bí thư Đảng ủy xã Ia Dom Ksor Hen cho biết",
            "Bí thư Đảng ủy xã Ia Dom",
            "Secretary of the Ia Dom Commune Party Committee",
        ),
        (
            "Ông Nguyên, Chủ nhiệm Hợp tác xã Nông nghiệp Ea Kly, cho biết",
            "Chủ nhiệm Hợp tác xã Nông nghiệp Ea Kly",
            "Chairman of the Ea Kly Agriculture Cooperative",
        ),
        (
            "Bệnh viện Ung bướu tỉnh Thanh Hoá tiếp nhận",
            "Bệnh viện Ung bướu tỉnh Thanh Hoá",
            "Thanh Hoa Provincial Oncology Hospital",
        ),
    ],
)
def test_units_blind_batch_y_showed(text, unit, english):
    _assert_one_unit(text, unit, english)


def test_a_peninsula_named_after_a_province_is_no_province():
    assert units("Kinh tế vùng bán đảo Cà Mau phát triển") == []


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        # A one-word city, then its holder's full name.
        (
            "Chiều 4/11, Chủ tịch UBND thành phố Huế Hồ Ngọc Lâm kiểm tra",
            "Chủ tịch UBND thành phố Huế",
            "Chairman of the Hue People's Committee",
        ),
        # Not a full name when a full name starts one word later: "Mai Châu" is the district.
        (
            "Chủ tịch UBND huyện Mai Châu Hoàng Văn An nói",
            "Chủ tịch UBND huyện Mai Châu",
            "Chairman of the Mai Chau District People's Committee",
        ),
        (
            "Ông Phước, Giám đốc BIDV Chi nhánh Thủ Dầu Một, cho biết",
            "Giám đốc BIDV Chi nhánh Thủ Dầu Một",
            "Director of the Thu Dau Mot Branch of BIDV",
        ),
        # "phòng, chống" as the police write it, and without the comma.
        (
            "Trưởng phòng Cảnh sát phòng, chống tội phạm về môi trường Công an tỉnh Hà Tĩnh nói",
            "Trưởng phòng Cảnh sát phòng, chống tội phạm về môi trường Công an tỉnh Hà Tĩnh",
            "Head of the Environmental Crime Prevention Police Division of the Ha Tinh Provincial"
            " Police",
        ),
        ("CDC Huế đã cấp hóa chất", "CDC Huế", "Hue Centre for Disease Control"),
    ],
)
def test_units_blind_batch_z_showed(text, unit, english):
    _assert_one_unit(text, unit, english)


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Anh Nam, cán bộ Đội Cảnh sát PCCC và CNCH Công an quận Đống Đa, leo lên",
            "Đội Cảnh sát PCCC và CNCH Công an quận Đống Đa",
            "Fire Prevention, Fighting and Rescue Police Team of the Dong Da District Police",
        ),
        (
            "Bà Hương đề nghị Phòng Giao dịch Ngân hàng Chính sách xã hội quận Đống Đa cho vay",
            "Phòng Giao dịch Ngân hàng Chính sách xã hội quận Đống Đa",
            None,
        ),
        (
            "Ông Bảo, Kiểm sát viên cao cấp VKSND TP Cần Thơ, thực hành quyền công tố",
            "Kiểm sát viên cao cấp VKSND TP Cần Thơ",
            "Senior Procurator of the Can Tho People's Procuracy",
        ),
        (
            "Ông Sáng, Chủ tịch Hiệp hội Cà phê Buôn Ma Thuột, đề nghị",
            "Chủ tịch Hiệp hội Cà phê Buôn Ma Thuột",
            "Chairman of the Buon Ma Thuot Coffee Association",
        ),
        ("Trường phối hợp với Huyện đoàn Trà Cú mở lớp", "Huyện đoàn Trà Cú", None),
    ],
)
def test_units_blind_batch_aa_showed(text, unit, english):
    _assert_one_unit(text, unit, english)


@pytest.mark.parametrize(
    "text",
    [
        # "hợp tác xã" is a cooperative: its "xã" opens no commune.
        "Bà Phụng, Giám đốc Hợp tác xã Quýt hồng Lai Vung, cho biết",
        # Parks and stations named after places are look-alikes (§5).
        "Phường chọn Công viên Hòa Bình cho lễ công bố",
        "Tuyến đường sắt Nhổn - ga Hà Nội phục vụ khách",
    ],
)
def test_look_alikes_blind_batch_aa_showed(text):
    assert units(text) == []


def test_posts_that_name_no_place_share_none():
    # "Chủ tịch UBND tỉnh" names no province: the two posts stay apart.
    assert units("Ông Việt, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh, phát biểu") == [
        ("Phó Bí thư Tỉnh ủy", "Deputy Secretary of the Provincial Party Committee"),
        ("Chủ tịch UBND tỉnh", "Chairman of the Provincial People's Committee"),
    ]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        # A court abbreviated, a bare level and its holder's full name.
        (
            "Chánh án TAND huyện Nguyễn Thị Mai Hương cho biết",
            "Chánh án TAND huyện",
            "Chief Judge of the District People's Court",
        ),
        (
            "Phòng Cảnh sát PCCC&CNCH Công an TP. Huế điều 8 xe",
            "Phòng Cảnh sát PCCC&CNCH Công an TP. Huế",
            "Fire Prevention, Fighting and Rescue Police Division of the Hue Police",
        ),
        (
            "Ông Khải, Ủy viên BCH Đảng bộ TP.HCM, cho biết",
            "Ủy viên BCH Đảng bộ TP.HCM",
            "Member of the Ho Chi Minh City Executive Party Committee",
        ),
    ],
)
def test_units_blind_batch_w_showed_after_its_first_run(text, unit, english):
    _assert_one_unit(text, unit, english)


@pytest.mark.parametrize(
    "text",
    [
        # §5: products and events named after a province are look-alikes of it.
        "Nông dân đưa hạt điều Bình Phước và cao su Tây Ninh về cảng",
        "Nhiều hộ thoát nghèo nhờ làm bánh cáy Thái Bình bán dịp Tết",
        "Sản phẩm như nho Ninh Thuận và thanh long Bình Thuận được quảng bá",
        "Ngày hội Sầu riêng Đắk Lắk lần thứ 2 sẽ khai mạc",
        "Lễ hội Hoa Tam giác mạch Hà Giang thu hút du khách",
        # A product described before its province: still a product (§5).
        "Thương hiệu bưởi da xanh Bến Tre được bảo hộ",
        "Gạo ST25 Sóc Trăng đạt giải gạo ngon",
        # A neighbouring country's provincial Party committee is no Vietnamese body (§5).
        "Đoàn do Phó Bí thư Tỉnh ủy Champasak dẫn đầu",
        # A party committee of a foreign city, its country in brackets (§5).
        "Đoàn của Thành ủy Bằng Tường (Trung Quốc) sang thăm",
        # A source credit names the publisher, a country in its name too.
        "(Báo Pháp luật Việt Nam) - Ngày 27/6/2024, phiên tòa mở lại",
        # Bays and the old capital named after a city are look-alikes (§5).
        "Tàu neo ven vịnh Đà Nẵng suốt đêm",
        "Quần thể di tích Cố đô Huế đón ba triệu lượt khách",
        # A company's job is no official post.
        "Ông Bình, Giám đốc nhân sự của công ty, cho biết",
        # Batches HH to LL.
        # An expressway's ends name the road, not the provinces (§5, look-alikes).
        "Xe khách đi cao tốc Nội Bài - Lào Cai lên cửa khẩu",
        "Các tuyến cao tốc Cần Thơ - Cà Mau và Châu Đốc - Cần Thơ - Sóc Trăng được khởi công",
        # An airport named after a province is no province.
        "Tỉnh đã nâng cấp sân bay Điện Biên, mở thêm đường bay",
        # A foreign address is foreign from its end, unit by unit.
        "Hàng sang thị trấn Bá Sái, huyện Hà Khẩu, tỉnh Vân Nam (Trung Quốc) tiêu thụ",
        # A Lao provincial governor makes the Party post before it Lao.
        "Đoàn do ông Khăm-phăn, Bí thư Tỉnh ủy, Tỉnh trưởng tỉnh Phông-xa-lỳ dẫn đầu",
        # A head's title that runs on into a board no row names is no piece of it.
        "Ông Minh, Trưởng Ban Chỉ đạo thi cấp tỉnh, đề nghị",
        "Ông Luân, nguyên Trưởng phòng Khách hàng cá nhân, thừa nhận",
        # Batch JJ.
        # Power plants and wind farms named after a province are look-alikes of it (§5).
        "Dự án Nhà máy điện hạt nhân Ninh Thuận 1 được khởi động lại",
        "Người dân lo sạt lở lan đến khu điện gió Bạc Liêu",
        # An event's name may join its places with a dash.
        "Ngư dân sửa bến cá trước mùa Festival Mũi Né - Bình Thuận",
        # Batch KK: a foreign country's envoy holds no post of Viet Nam (§5).
        "Buổi làm việc có Đại sứ Brazil và đại diện doanh nghiệp",
        # Batch LL: a list of features after the first goes on naming features.
        "Các hồ thủy điện Hòa Bình, Sơn La, Tuyên Quang và Thác Bà đồng loạt xả nước",
        "Mực nước sông Hồng tại trạm thủy văn Hà Nội được duy trì",
        # A steering committee named by its remit in lower case: no piece of it.
        "Ông Minh, Trưởng Ban Chỉ đạo thi cấp tỉnh, đề nghị các trường",
    ],
)
def test_look_alikes_blind_batches_cc_to_ll_showed(text):
    assert units(text) == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # The product rule stops at words that are no product: "chỉ tiêu" is a target.
        ("Chỉ tiêu Hà Nội giao cho năm nay đã đạt", "Hà Nội"),
        # An event's name ends at a preposition: the place after it is the province.
        ("Lễ hội được tổ chức tại Hà Giang vào tháng 11", "Hà Giang"),
        # "gạo Việt Nam" is rice of Viet Nam: the blind sets keep the country as a place.
        ("Gạo xuất khẩu sang EU là gạo Việt Nam", "Việt Nam"),
        # A commune that borders a foreign province, a few words before "giáp", stays ours.
        ("Diễn tập tại xã Mường Lát, hai xã giáp tỉnh Hủa Phăn", "xã Mường Lát"),
        # A three-word name after a Party committee is its secretary, even with a surname
        # that opens places ("Dương").
        ("Bí thư Thành ủy Dương Tấn Lộc đề nghị", "Bí thư Thành ủy"),
        # A Khmer surname opens the chairman's name after the commune's.
        ("Chủ tịch UBND xã Hòn Đất Danh Hoàng Sơn cho biết", "Chủ tịch UBND xã Hòn Đất"),
        # A district of two words, then its secretary's name of three: the district stays.
        ("Bí thư Huyện ủy Đồng Văn Sùng Mí Chứ cho biết", "Bí thư Huyện ủy Đồng Văn"),
        # Batch HH.
        # "cam kết" (commit) opens with a fruit's name but names no product.
        ("Ông Hậu cam kết Lai Châu sẽ bố trí đủ cán bộ", "Lai Châu"),
        # A Hmong surname opens the chairman's name after the district's.
        ("Chủ tịch UBND huyện Bát Xát Vàng A Páo cho biết", "Chủ tịch UBND huyện Bát Xát"),
        # A highland name keeps its minority-language second word.
        ("Các trạm bơm của huyện Krông Ana phải dừng hoạt động", "huyện Krông Ana"),
        # A holder's name after the head's title keeps the title.
        ("Trưởng phòng Nguyễn Văn An cho biết", "Trưởng phòng"),
    ],
)
def test_the_one_term_the_text_holds(text, place):
    assert [source for source, _ in units(text)] == [place]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        (
            "Nhiệm kỳ mới, Đảng bộ xã đặt mục tiêu tăng thu nhập",
            "Đảng bộ xã",
            "Commune Party Organisation",
        ),
        (
            "Ban Thường vụ Đảng ủy xã gồm 9 đồng chí",
            "Ban Thường vụ Đảng ủy xã",
            "Standing Board of the Commune Party Committee",
        ),
        (
            "Ông trình Đại hội Đảng bộ huyện dự thảo báo cáo",
            "Đại hội Đảng bộ huyện",
            "District Party Congress",
        ),
        (
            "Phát biểu, Phó Tổng cục trưởng Tổng cục Hải quan Phan Thanh Liêm đánh giá cao",
            "Phó Tổng cục trưởng Tổng cục Hải quan",
            "Deputy Director General of the General Department of Customs",
        ),
        (
            "Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh Ninh Bình Đinh Thị Mai Lan cho biết",
            "Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh Ninh Bình",
            "Full-time Deputy Head of the National Assembly Delegation of Ninh Binh Province",
        ),
        (
            "Bà Niê, Giám đốc Ngân hàng Chính sách xã hội chi nhánh tỉnh, cho biết",
            "Giám đốc Ngân hàng Chính sách xã hội chi nhánh tỉnh",
            "Director of the Provincial Branch of the Viet Nam Bank for Social Policies",
        ),
        (
            "Ngân hàng Chính sách xã hội Chi nhánh Thủ Dầu Một giải ngân",
            "Ngân hàng Chính sách xã hội Chi nhánh Thủ Dầu Một",
            "Thu Dau Mot Branch of the Viet Nam Bank for Social Policies",
        ),
        (
            "Đại hội diễn ra tại Trung tâm Văn hóa xã Nội Bài",
            "Trung tâm Văn hóa xã Nội Bài",
            "Noi Bai Commune Cultural Centre",
        ),
        (
            "Xã phối hợp với Ban Chỉ huy Phòng thủ khu vực 1 - Sóc Sơn",
            "Ban Chỉ huy Phòng thủ khu vực 1 - Sóc Sơn",
            "Area 1 Defence Command - Soc Son",
        ),
        (
            "Theo Cục trưởng Cục Hải quan tỉnh Gia Lai - Kon Tum, đơn vị đã",
            "Cục trưởng Cục Hải quan tỉnh Gia Lai - Kon Tum",
            "Director of the Gia Lai - Kon Tum Customs Department",
        ),
        (
            "Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực III phát hiện",
            "Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực III",
            "Hai Phong Port Border Gate Customs Branch, Region III",
        ),
        (
            "Ông Đạt, Giám đốc Công ty TNHH MTV Quản lý công trình thủy lợi Đắk Lắk, cho biết",
            "Giám đốc Công ty TNHH MTV Quản lý công trình thủy lợi Đắk Lắk",
            "Director of the Dak Lak Irrigation Works Management One Member Limited Liability"
            " Company",
        ),
        # Batch BB, after its first run was recorded.
        (
            "Ông Long, Tổng Giám đốc TKV, cho biết",
            "Tổng Giám đốc TKV",
            "General Director of Vinacomin",
        ),
        ("Ông An, Giám đốc BIDV, cho biết", "Giám đốc BIDV", "Director of BIDV"),
        (
            "Ảnh: Cảnh sát PCCC và CNCH Công an tỉnh Đồng Nai phun nước",
            "Cảnh sát PCCC và CNCH Công an tỉnh Đồng Nai",
            "Fire Prevention, Fighting and Rescue Police of the Dong Nai Provincial Police",
        ),
        (
            "Ông Phước, Giám đốc Trung tâm Bảo tồn Di tích Cố đô Huế, cho biết",
            "Giám đốc Trung tâm Bảo tồn Di tích Cố đô Huế",
            "Director of the Hue Monuments Conservation Centre",
        ),
        (
            "Theo Đài Khí tượng Thủy văn khu vực Nam Bộ, ranh mặn đã vào sâu",
            "Đài Khí tượng Thủy văn khu vực Nam Bộ",
            "Southern Regional Hydro-Meteorological Station",
        ),
        # Batch DD, after its first run was recorded.
        (
            "Ông Tâm, Hiệu trưởng Trường Đại học Quốc tế Miền Đông, cam kết",
            "Hiệu trưởng Trường Đại học Quốc tế Miền Đông",
            None,
        ),
        (
            "Bà Hương, Giám đốc Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam - Chi"
            " nhánh tỉnh Lạng Sơn, cho biết",
            "Giám đốc Ngân hàng Nông nghiệp và Phát triển nông thôn Việt Nam - Chi nhánh tỉnh"
            " Lạng Sơn",
            "Director of the Lang Son Branch of the Viet Nam Bank for Agriculture and Rural"
            " Development",
        ),
        (
            "Ông Bảo đề nghị Đảng ủy Quân sự tỉnh tham mưu",
            "Đảng ủy Quân sự tỉnh",
            "Provincial Military Party Committee",
        ),
        # Batch FF, after its first run was recorded.
        (
            "Ông Vũ, Giám đốc NHCSXH Chi nhánh tỉnh Quảng Ngãi, cho biết",
            "Giám đốc NHCSXH Chi nhánh tỉnh Quảng Ngãi",
            "Director of the Quang Ngai Branch of the Viet Nam Bank for Social Policies",
        ),
        (
            "Các cấp ủy chuẩn bị cho Đại hội đại biểu Đảng bộ tỉnh sắp tới",
            "Đại hội đại biểu Đảng bộ tỉnh",
            "Provincial Party Congress",
        ),
        # Batch GG, after its first run was recorded.
        (
            "Bộ cũng giao Cục Quản lý Dược rà soát các phiếu công bố",
            "Cục Quản lý Dược",
            "Drug Administration of Viet Nam",
        ),
        (
            "Vụ việc bị phát hiện khi Đội Quản lý thị trường số 4 kiểm tra kho",
            "Đội Quản lý thị trường số 4",
            "Market Surveillance Team No. 4",
        ),
        # Batch EE, after its first run was recorded.
        (
            "Đến dự có bà Diệp, Thành ủy viên, cùng lãnh đạo các sở",
            "Thành ủy viên",
            "Member of the City Party Committee",
        ),
        (
            "Theo chỉ đạo của Ban Chỉ đạo quốc gia về Phòng, chống thiên tai, tỉnh đã",
            "Ban Chỉ đạo quốc gia về Phòng, chống thiên tai",
            "National Steering Committee for Natural Disaster Prevention and Control",
        ),
        (
            "Ông Khánh, Phó Trưởng Ban Quản lý Khu kinh tế, công nghiệp thành phố Huế, cho biết",
            "Phó Trưởng Ban Quản lý Khu kinh tế, công nghiệp thành phố Huế",
            "Deputy Head of the Hue City Economic and Industrial Zones Management Board",
        ),
        (
            "Giám đốc Công ty TNHH May mặc Hương Giang Tôn Thất Minh cho biết",
            "Giám đốc Công ty TNHH May mặc Hương Giang",
            "Director of the Huong Giang Garment Limited Liability Company",
        ),
        (
            "Ngân hàng đã gửi báo cáo tới Cục Phòng, chống rửa tiền ngay trong ngày",
            "Cục Phòng, chống rửa tiền",
            "Anti-Money Laundering Department",
        ),
        # Batches HH to LL and II.
        (
            "Chi cục trưởng Chi cục Hải quan Bát Xát Lương Văn Tiến cho biết",
            "Chi cục trưởng Chi cục Hải quan Bát Xát",
            "Manager of the Bat Xat Customs Branch",
        ),
        (
            "Theo Giám đốc Bệnh viện Y dược cổ truyền tỉnh Lai Châu Lê Thị Thu, bệnh viện đã",
            "Giám đốc Bệnh viện Y dược cổ truyền tỉnh Lai Châu",
            "Director of the Lai Chau Traditional Medicine Hospital",
        ),
        (
            "Ông Chử, Giám đốc Công ty Cổ phần Dược liệu Sìn Hồ, cho biết",
            "Giám đốc Công ty Cổ phần Dược liệu Sìn Hồ",
            "Director of the Sin Ho Medicinal Materials Joint Stock Company",
        ),
        ("Cán bộ Trạm Y tế xã khám cho 200 người", "Trạm Y tế xã", "Commune Health Station"),
        (
            "Công an Nghệ An triệt phá đường dây ma túy",
            "Công an Nghệ An",
            "Nghe An Provincial Police",
        ),
        ("Hải quan Hải Phòng bắt giữ 11 container", "Hải quan Hải Phòng", "Hai Phong Customs"),
        (
            "Đại diện Chi cục Kiểm ngư vùng V có mặt",
            "Chi cục Kiểm ngư vùng V",
            "Fisheries Surveillance Sub-department of Region V",
        ),
        # Batch JJ.
        (
            "Năm 2024, huyện đảo Lý Sơn đón 500.000 lượt khách",
            "huyện đảo Lý Sơn",
            "Ly Son Island District",
        ),
        (
            "Nghị quyết Đại hội đại biểu Đảng bộ xã lần thứ I xác định",
            "Đại hội đại biểu Đảng bộ xã lần thứ I",
            "1st Commune Party Congress",
        ),
        (
            "Ông Bảo, Vụ trưởng Vụ Ngân sách nhà nước, cho biết",
            "Vụ trưởng Vụ Ngân sách nhà nước",
            "Director of the State Budget Department",
        ),
        # A known department after a head's title composes; only an unknown one is skipped.
        (
            "Ông Tuấn, Phó Vụ trưởng Vụ Giáo dục Đại học, cho biết",
            "Phó Vụ trưởng Vụ Giáo dục Đại học",
            "Deputy Director of the Department of Higher Education",
        ),
        (
            "Theo Đài Khí tượng Thủy văn tỉnh, hạn mặn kéo dài",
            "Đài Khí tượng Thủy văn tỉnh",
            "Provincial Hydro-Meteorological Station",
        ),
        # Batch KK.
        (
            "Tiền chuyển qua tài khoản mở tại Ngân hàng TMCP Ngoại thương Việt Nam chi nhánh Hoàn"
            " Kiếm.",
            "Ngân hàng TMCP Ngoại thương Việt Nam chi nhánh Hoàn Kiếm",
            "Hoan Kiem Branch of the Joint Stock Commercial Bank for Foreign Trade of Viet Nam",
        ),
        (
            "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam (BIDV) Chi nhánh Cà Mau trao tặng",
            "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam (BIDV) Chi nhánh Cà Mau",
            "Ca Mau Branch of the Joint Stock Commercial Bank for Investment and Development of"
            " Viet Nam",
        ),
        (
            "Bà Hương, Phó Trưởng ban Thường trực Ban Chỉ huy PCTT&TKCN tỉnh, đề nghị",
            "Phó Trưởng ban Thường trực Ban Chỉ huy PCTT&TKCN tỉnh",
            "Standing Deputy Head of the Provincial Steering Committee for Natural Disaster"
            " Prevention and Control and Search and Rescue",
        ),
        (
            "Phòng Cảnh sát đường thuỷ Công an tỉnh Nghệ An bắt giữ",
            "Phòng Cảnh sát đường thuỷ Công an tỉnh Nghệ An",
            "Waterway Police Division of the Nghe An Provincial Police",
        ),
        (
            "Ông Phong, Phó Tư lệnh Quân khu, dẫn đầu",
            "Phó Tư lệnh Quân khu",
            "Deputy Commander of the Military Region",
        ),
        (
            "Bà Bình, Cục trưởng Cục Bảo trợ xã hội, trao quà",
            "Cục trưởng Cục Bảo trợ xã hội",
            "Director of the Department of Social Protection",
        ),
        (
            "Đại sứ Việt Nam tại Nhật Bản Hoàng Minh Tuấn cho biết",
            "Đại sứ Việt Nam tại Nhật Bản",
            "Vietnamese Ambassador to Japan",
        ),
        # Batch LL.
        (
            "Bà Liên, Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy, cùng dự họp",
            "Phó Chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy",
            "Vice Chairwoman of the Inspection Commission of the Provincial Party Committee",
        ),
        (
            "Người lao động làm việc tại Công ty Nhôm Đắk Nông - TKV từ năm 2019",
            "Công ty Nhôm Đắk Nông - TKV",
            "Vinacomin - Dak Nong Aluminium Company",
        ),
        (
            "Ông Lâm Quốc Tuấn, Trưởng Ban Chỉ đạo, chủ trì hội nghị",
            "Trưởng Ban Chỉ đạo",
            "Head of the Steering Committee",
        ),
        (
            "Tổng Giám đốc Tổng công ty Bưu điện Việt Nam Mai Thị Hồng cam kết",
            "Tổng Giám đốc Tổng công ty Bưu điện Việt Nam",
            None,
        ),
        (
            "Ông Hồi làm việc với Tổng Giám đốc Công ty cổ phần Sâm Ngọc Linh Kon Tum",
            "Tổng Giám đốc Công ty cổ phần Sâm Ngọc Linh Kon Tum",
            "General Director of the Ngoc Linh Kon Tum Ginseng Joint Stock Company",
        ),
        # Batch II, after its first run was recorded.
        (
            "Theo Đài Khí tượng thủy văn khu vực Nam Bộ, triều cường đạt đỉnh",
            "Đài Khí tượng thủy văn khu vực Nam Bộ",
            "Southern Regional Hydro-Meteorological Station",
        ),
        (
            "Ông Nên yêu cầu Thường trực Thành ủy TP.HCM nghe báo cáo",
            "Thường trực Thành ủy TP.HCM",
            "Standing Members of the Ho Chi Minh City Party Committee",
        ),
        (
            "Khu kinh tế cửa khẩu quốc tế Cầu Treo đã thu hút 20 dự án",
            "Khu kinh tế cửa khẩu quốc tế Cầu Treo",
            "Cau Treo International Border Gate Economic Zone",
        ),
        (
            "Theo Ban Chỉ huy phòng thủ dân sự tỉnh, còn 126 tàu ngoài khơi",
            "Ban Chỉ huy phòng thủ dân sự tỉnh",
            "Provincial Civil Defence Command",
        ),
    ],
)
def test_units_blind_batches_bb_to_ll_showed(text, unit, english):
    _assert_one_unit(text, unit, english)


@pytest.mark.parametrize(
    ("headline", "body", "expected"),
    [
        # An abbreviated level keeps its dot in capitals; a park keeps its number.
        (
            "METRO SỐ 1 NỐI TP. THỦ ĐỨC VỚI TP. THỦ DẦU MỘT",
            "Tuyến chạy qua TP. Thủ Đức rồi tới TP. Thủ Dầu Một.",
            [("TP. THỦ ĐỨC", "Thu Duc City"), ("TP. THỦ DẦU MỘT", "Thu Dau Mot City")],
        ),
        (
            "CHÁY LỚN TẠI KCN NHƠN TRẠCH 3",
            "Lửa bùng lên tại KCN Nhơn Trạch 3 lúc rạng sáng.",
            [("KCN NHƠN TRẠCH 3", "Nhon Trach 3 Industrial Park")],
        ),
    ],
)
def test_a_name_of_the_article_is_found_in_capitals_with_its_dots_and_numbers(
    headline, body, expected
):
    text = f"{headline}\n\n{body}\n"
    found = _blocks_found(text)["b1"]
    assert [(t.source, t.target) for t in found] == expected


def test_an_international_organisation_is_reported_as_a_name():
    found = GLOSSARY.match("Cá tra xuất khẩu sang Liên minh châu Âu tăng mạnh")
    assert [(t.source, t.target, t.type) for t in found] == [
        ("Liên minh châu Âu", "European Union", "name")
    ]


def test_a_holders_full_name_after_an_unknown_company_is_found():
    found = GLOSSARY.match("Giám đốc Công ty Cổ phần Địa ốc Hòa Bình Xanh Trần Văn An bị bắt")
    assert [(t.source, t.type) for t in found][-1] == ("Trần Văn An", "name")


def test_a_usual_middle_name_ends_the_city_before_its_secretary():
    found = GLOSSARY.match("Bí thư Thành ủy Hồ Sĩ Nguyên đề nghị các cấp ủy")
    assert [(t.source, t.type) for t in found] == [
        ("Bí thư Thành ủy", "title"),
        ("Hồ Sĩ Nguyên", "name"),
    ]


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        # §4: "TP" in title case, as some papers write it.
        ("UBND Tp.HCM vừa ban hành kế hoạch", "UBND Tp.HCM", "Ho Chi Minh City People's Committee"),
        ("Sở LĐTB&XH tỉnh Nghệ An cho biết", "Sở LĐTB&XH tỉnh Nghệ An", None),
    ],
)
def test_abbreviations_in_other_spellings(text, unit, english):
    _assert_one_unit(text, unit, english)


@pytest.mark.parametrize(
    ("text", "unit", "english"),
    [
        # The office both a province's NA delegation and its council have had since 2021.
        (
            "Ông Lộc, Chánh Văn phòng Đoàn ĐBQH và HĐND tỉnh Bình Định, cho biết",
            "Chánh Văn phòng Đoàn ĐBQH và HĐND tỉnh Bình Định",
            "Chief of Office of the National Assembly Delegation and People's Council of Binh"
            " Dinh Province",
        ),
        (
            "Văn phòng Đoàn ĐBQH và HĐND TP.HCM đã chuyển đơn",
            "Văn phòng Đoàn ĐBQH và HĐND TP.HCM",
            "Office of the National Assembly Delegation and People's Council of Ho Chi Minh City",
        ),
    ],
)
def test_the_office_of_a_delegation_and_council(text, unit, english):
    _assert_one_unit(text, unit, english)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # After a role only a person holds, a place's name is the person's (batch KK).
        ("Tòa cho bị cáo Khánh Hoà được tại ngoại", [("Khánh Hoà", "name")]),
        # After a rank, a one-syllable repeat is the person's name, and so is a full name
        # whose surname opens bodies ("Đoàn").
        ("Đại tá Hùng cho biết", [("Đại tá", "rank"), ("Hùng", "name")]),
        ("Đại tá Đoàn Minh Tuấn cho biết", [("Đại tá", "rank"), ("Đoàn Minh Tuấn", "name")]),
        # A foreign envoy's title is none; the country is reported as a name.
        ("Đại sứ Nhật Bản tại Việt Nam tiếp đoàn", [("Nhật Bản", "name"), ("Việt Nam", "place")]),
    ],
)
def test_people_and_envoys_blind_batch_kk_showed(text, expected):
    assert [(t.source, t.type) for t in GLOSSARY.match(text)] == expected


def test_a_province_in_a_capitals_headline_is_no_namesake_of_a_person_in_the_story():
    text = (
        "THÁI BÌNH GIA CỐ ĐÊ BIỂN\n\nBà Trần Thị Thái Bình đến tỉnh Thái Bình. Bà Thái Bình"
        " cho biết đê đã được gia cố.\n"
    )
    found = _blocks_found(text)["b1"]
    assert [(t.source, t.type) for t in found] == [("THÁI BÌNH", "province")]

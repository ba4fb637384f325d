import pytest

from corpus import run_main
from songngu.checks import CHECKS, check_document, check_segment
from songngu.dates import find_english_dates, find_vietnamese_dates
from songngu.model import Block, BlockKind, Document, Origin, Segment, Severity, TermMatch
from songngu.numerals import find_english_numbers, find_vietnamese_numbers, match_numbers
from songngu.repetition import count_english_sentences, find_repetition
from songngu.translation.assembly import LENGTH_CAP
from songngu.translation.retry import RETRIED


def _codes(source: str, target: str, **fields) -> set[str]:
    segment = Segment("b1.s1", source, 0, len(source), target=target, origin=Origin.MODEL, **fields)
    return {issue.code for issue in check_segment(segment).issues}


GOOD = [
    (
        "Giá xăng RON 95 giảm 320 đồng mỗi lít từ 15 giờ ngày 21/11.",
        "The price of RON 95 petrol fell by 320 dong per litre from 3 p.m. on November 21.",
    ),
    (
        "Tổng vốn đầu tư cho dự án ước tính 2,5 tỷ đồng.",
        "Total investment in the project is estimated at VND2.5 billion.",
    ),
    (
        "Mỗi ngày có khoảng 1.200 lượt khách đi lại trên các tuyến này.",
        "About 1,200 passengers travel on these routes every day.",
    ),
    (
        "Sáng 25/11/2026, Sở Giao thông vận tải cho biết sẽ mở thêm hai tuyến xe buýt.",
        "On the morning of November 25, 2026, the Department of Transport said it would open "
        "two more bus lines.",
    ),
    (
        "Dự án có vốn 4.500 tỷ đồng, hoàn thành vào tháng 11/2026.",
        "The project, worth 4.5 trillion dong, will be completed in November 2026.",
    ),
    (
        "Trường tuyển sinh thêm 5 ngành trong năm 2026.",
        "The school is admitting students to five new majors in 2026.",
    ),
    ("Người dân nói: “Không, không, không.”", 'People said: "No, no, no."'),
]


@pytest.mark.parametrize(("source", "target"), GOOD)
def test_faithful_translations_raise_no_issue(source, target):
    assert _codes(source, target) == set()


BAD = [
    ("Hà Nội hôm nay có mưa rào.", "   ", "empty-target"),
    ("Hà Nội hôm nay có mưa rào.", "Ha Noi hom nay co mua rao.", "untranslated"),
    (
        "Bộ trưởng Bộ Công an chủ trì hội nghị tổng kết công tác năm.",
        "I'm sorry I'm sorry I'm sorry I'm sorry I'm sorry",
        "repetition",
    ),
    (
        "Bộ trưởng Bộ Công an chủ trì hội nghị tổng kết công tác năm.",
        "The minister chaired the the the the conference.",
        "repetition",
    ),
    (
        "Mỗi ngày có khoảng 1.200 lượt khách đi lại trên các tuyến này.",
        "About 1.200 passengers travel on these routes every day.",
        "numbers-differ",
    ),
    (
        "Dự án có vốn 4.500 tỷ đồng.",
        "The project is worth 4,500 dong in total, as agreed.",
        "numbers-differ",
    ),
    (
        "Sáng 25/11/2026, Sở Giao thông vận tải cho biết sẽ mở thêm tuyến.",
        "On the morning of November 25, the department said it would open more routes.",
        "dates-differ",
    ),
    (
        "Sáng 25/11/2026, Sở Giao thông vận tải cho biết sẽ mở thêm tuyến.",
        "On the morning of October 25, 2026, the department said it would open more routes.",
        "dates-differ",
    ),
    (
        "Ông nói: Tôi đồng ý. Chúng ta sẽ làm việc này ngay bây giờ.",
        "He said: I agree and we will do it right now.",
        "sentence-count",
    ),
    (
        "Lượng khách quốc tế đến Việt Nam trong quý I đạt mức cao nhất từ trước tới nay.",
        "Visitors.",
        "length-ratio",
    ),
    (
        "Đà Nẵng mở thêm tuyến xe buýt ven biển phục vụ người dân.",
        "Da Nang opens more coastal bus routes to serve residents, and the city also plans to "
        "build new parks, schools, hospitals, markets, libraries and bridges over the next "
        "ten years with help from the central government and investors.",
        "length-ratio",
    ),
]


@pytest.mark.parametrize(("source", "target", "code"), BAD)
def test_each_failure_is_flagged_with_its_code(source, target, code):
    assert code in _codes(source, target)


def test_term_missing_is_flagged():
    term = TermMatch("Bộ Công an", "Ministry of Public Security", 0, 10)
    assert "term-missing" in _codes("Bộ Công an họp.", "The ministry met.", terms=(term,))


def test_repetition_in_the_source_is_not_a_model_loop():
    source = "Khán giả hô vang: cố lên, cố lên, cố lên, cố lên, cố lên!"
    target = "The crowd chanted: go, go, go, go, go!"
    assert "repetition" not in _codes(source, target)


def test_copied_and_untranslated_segments_are_not_checked():
    segment = Segment("b1.s1", "date 2024-03", 0, 12, target="date 2024-03", origin=Origin.COPY)
    assert check_segment(segment).issues == ()
    untranslated = Segment("b1.s2", "Xin chào", 0, 8)
    assert check_segment(untranslated) == untranslated


def test_check_document_does_not_repeat_known_issues():
    segment = Segment("b1.s1", "Hà Nội mưa.", 0, 11, target=" ", origin=Origin.MODEL)
    block = Block("b1", BlockKind.PARAGRAPH, "Hà Nội mưa.", 0, 11, (segment,))
    twice = check_document(check_document(Document("Hà Nội mưa.", (block,))))
    assert [issue.code for issue in twice.blocks[0].segments[0].issues] == ["empty-target"]


def test_every_check_has_a_code_severity_and_editor_description():
    codes = [check.code for check in CHECKS]
    assert len(codes) == len(set(codes))
    for check in CHECKS:
        assert check.code == check.code.lower()
        assert " " not in check.code
        assert isinstance(check.severity, Severity)
        assert len(check.description) > 30, check.code


def test_checks_list_prints_every_code(capsys):
    code, out, _ = run_main(["checks", "--list"], capsys)
    assert code == 0
    for check in CHECKS:
        assert f"{check.code} " in out
    # The notes the translation stages attach are issue codes an editor meets too.
    for note in (LENGTH_CAP.code, RETRIED):
        assert f"{note} " in out


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("1.000 người", "1,000 people"),
        ("3,5%", "3.5%"),
        ("4.500 tỷ đồng", "4.5 trillion dong"),
        ("4.500 tỷ đồng", "VND4,500 billion"),
        ("2,3 triệu lượt", "2.3 million visits"),
        ("2 nghìn tỷ", "2 trillion"),
        ("2 nghìn tỷ", "two trillion"),
        ("15 giờ", "15:00"),
        ("15h30", "3:30 p.m."),
        ("lần thứ 3", "the third time"),
        ("1.000.000,5 đồng", "1,000,000.5 dong"),
        ("số 0912.345.678", "number 0912.345.678"),
    ],
)
def test_numbers_match_across_conventions(source, target):
    missing = match_numbers(find_vietnamese_numbers(source), find_english_numbers(target))
    assert missing == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("1.000 người", "1.000 people"),
        ("4.500 tỷ đồng", "4,500 dong"),
        ("3 người", "a person"),
        ("12 và 12", "12 and 21"),
    ],
)
def test_numbers_that_differ_are_missing(source, target):
    assert match_numbers(find_vietnamese_numbers(source), find_english_numbers(target))


def test_numbers_inside_dates_are_left_to_the_date_check():
    source = "Ngày 25/11/2026, 3 tuyến mới mở."
    dates = find_vietnamese_dates(source)
    numbers = find_vietnamese_numbers(source, skip=[(d.start, d.end) for d in dates])
    assert [number.text for number in numbers] == ["3"]


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("ngày 25/11/2026", "on November 25, 2026"),
        ("ngày 25/11/2026", "on 25 November 2026"),
        ("ngày 25/11/2026", "on 25/11/2026"),
        ("ngày 25/11/2026", "on 2026-11-25"),
        ("ngày 25/11/2026", "on 11/25/2026"),
        ("ngày 25 tháng 11 năm 2026", "on Nov. 25, 2026"),
        ("Chiều 12/3", "On the afternoon of March 12"),
        ("tháng 11/2026", "in November 2026"),
        ("vào tháng 9", "in September"),
        ("(22/11)", "(Nov 22)"),
    ],
)
def test_dates_match_across_conventions(source, target):
    found = find_english_dates(target)
    assert all(date.is_found_in(found) for date in find_vietnamese_dates(source))
    assert find_vietnamese_dates(source)


@pytest.mark.parametrize(
    "source", ["chiếm 1/3 dân số", "tỷ số 2-1", "giai đoạn 2025-2030", "3,5/10 điểm"]
)
def test_fractions_scores_and_ranges_are_not_dates(source):
    assert find_vietnamese_dates(source) == []


# --- repetition and sentences ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "count"),
    [
        ("I'm sorry I'm sorry I'm sorry", "i m sorry", 3),
        ("poor, poor, poor, poor and tired", "poor", 4),
        ("hahahahahahahahaha", "ha", 9),
        ("x y a b a b a b z", "a b", 3),
    ],
)
def test_loops_are_found(text, unit, count):
    assert find_repetition(text) is not None
    found = find_repetition(text)
    assert (found.unit, found.count) == (unit, count)


@pytest.mark.parametrize(
    "text", ["no, no, no", "very, very good", "the cat and the dog and the bird", ""]
)
def test_normal_english_has_no_loop(text):
    assert find_repetition(text) is None


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("He left. She stayed.", 2),
        ("Mr. Nguyen met Dr. Tran in the U.S. today.", 1),
        ("It rose 3.5 percent. Prices fell!", 2),
        ('"We agree." He said it twice.', 2),
        ("", 0),
    ],
)
def test_english_sentences_are_counted(text, count):
    assert count_english_sentences(text) == count

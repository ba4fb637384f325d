import unicodedata

import pytest

from songngu.vietnamese import (
    has_vietnamese_letters,
    nfc_with_offsets,
    strip_diacritics,
    syllable_key,
    text_key,
)


@pytest.mark.parametrize(
    ("old_style", "new_style"),
    [
        ("hoà", "hòa"),
        ("Thuỷ", "thủy"),
        ("UỶ", "ủy"),
        ("Hoá", "hóa"),
        ("khoẻ", "khỏe"),
    ],
)
def test_syllable_key_ignores_tone_placement_and_case(old_style, new_style):
    assert syllable_key(old_style) == syllable_key(new_style)


def test_syllable_key_keeps_vowel_quality_apart():
    assert syllable_key("Lâm") != syllable_key("Lam")
    assert syllable_key("bộ") != syllable_key("bọ")


def test_text_key_is_the_same_for_nfc_and_nfd():
    phrase = "Bí thư Tỉnh uỷ Quảng Ninh"
    assert text_key(unicodedata.normalize("NFD", phrase)) == text_key("Bí thư Tỉnh ủy Quảng Ninh")


def test_strip_diacritics_makes_english_style_names():
    assert strip_diacritics("Tô Lâm") == "To Lam"
    assert strip_diacritics("Đặng Thị Ngọc Thịnh") == "Dang Thi Ngoc Thinh"


def test_nfc_with_offsets_maps_back_into_decomposed_text():
    raw = unicodedata.normalize("NFD", "Hà Nội mưa")
    nfc, offsets = nfc_with_offsets(raw)
    assert nfc == "Hà Nội mưa"
    start = nfc.index("Nội")
    assert raw[offsets[start] : offsets[start + 3]] == unicodedata.normalize("NFD", "Nội")
    assert offsets[-1] == len(raw)


def test_nfc_with_offsets_is_the_identity_on_nfc_text():
    nfc, offsets = nfc_with_offsets("Đà Nẵng")
    assert nfc == "Đà Nẵng"
    assert offsets == list(range(len("Đà Nẵng") + 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Hà Nội", True), ("Ha Noi", False), ("đường", True), ("Hello world", False)],
)
def test_has_vietnamese_letters(text, expected):
    assert has_vietnamese_letters(text) is expected

"""Suggestions: official names in an article that the glossary lacks."""

from pathlib import Path

import pytest

from songngu.glossary import load_glossary
from songngu.glossary.candidates import iter_candidates

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
    ],
)
def test_candidates(text, expected):
    assert candidates(text) == expected

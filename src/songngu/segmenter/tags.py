"""Credits, source tags and bylines: the short signed lines of a news article (C7, C11).

Shared by the boundary rules (a credit glued to the next sentence ends a segment) and by the
block kinds (a paragraph that is only a credit, a caption that ends in one, a byline).
Examples: "Ảnh: Doãn Tấn/TTXVN", "(Ảnh: Thu Chung)", "Ảnh minh họa", "(TTXVN)", "PV",
"Theo Báo Quảng Ninh", "Bài và ảnh: Hà Phương", "Minh Anh - VOV".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from songngu.segmenter.syllables import is_vietnamese_syllable
from songngu.segmenter.vocabulary import AGENCIES, CREDIT_LABELS
from songngu.segmenter.words import DASHES, Word, scan_words

_MAX_CREDIT_WORDS = 12
_MAX_BYLINE_WORDS = 8
_MAX_CREDIT_NAME_WORDS = 6
# A bracketed tag among the first words of a block is a dateline ("HÀ NỘI (TTXVN) - …", C9).
_DATELINE_WORDS = 3
_SEPARATORS = frozenset(DASHES) | {"/", "|", "&"}
_CREDIT_LABEL_STARTS = frozenset(label[0] for label in CREDIT_LABELS)
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)+")  # "Theo vnexpress.net"
# Source lines: "Theo Báo Quảng Ninh", "Theo VnExpress", "Nguồn: Bộ Y tế", "Bài, ảnh: Minh Anh".
_SOURCE_WORDS = frozenset({"báo", "tạp", "chí", "đài", "cổng", "trang", "thông", "tấn", "xã"})
_BYLINE_LABEL = re.compile(
    r"(?:nguồn|bài|tin|bài và ảnh|bài, ảnh|tin, ảnh|tin và ảnh|nhóm phóng viên|phóng viên"
    r"|thực hiện|nhóm pv|pv)\s*:",
    re.IGNORECASE,
)


def label_key(word: Word) -> str:
    """Return a word as credit labels are compared: lowercase, no opening bracket or colon."""
    return word.text.lstrip("([").rstrip(":").lower()


def match_credit_label(words: Sequence[Word], index: int) -> int:
    """Return how many words a credit label ending in a colon covers at ``index`` (else 0)."""
    if label_key(words[index]) not in _CREDIT_LABEL_STARTS:
        return 0
    for label in CREDIT_LABELS:
        end = index + len(label)
        if end > len(words) or not words[end - 1].text.endswith(":"):
            continue
        if tuple(label_key(word) for word in words[index:end]) == label:
            return len(label)
    return 0


def is_credit(words: Sequence[Word]) -> bool:
    """Whether ``words`` are one photo or video credit: "Ảnh: X", "(Ảnh: X)", "Ảnh minh họa"."""
    if not words or len(words) > _MAX_CREDIT_WORDS:
        return False
    if words[0].text.startswith("(") and not words[-1].text.rstrip(".").endswith(")"):
        return False
    label_length = match_credit_label(words, 0)
    if label_length:
        return len(words) > label_length
    keys = tuple(label_key(word).rstrip(".)") for word in words)
    return keys in CREDIT_LABELS and keys != ("nguồn",)


def is_agency(text: str) -> bool:
    """Whether ``text`` names news agencies only: "TTXVN", "PV/VOV", "(Reuters)"."""
    parts = [part for part in re.split(r"[/|,]", text.strip("()[]. ").upper()) if part.strip()]
    return bool(parts) and all(part.strip() in AGENCIES for part in parts)


def ends_with_agency(word: Word) -> bool:
    """Whether a credit word ends in an agency: "Đức/TTXVN", "TTXVN", "VNA)"."""
    last = re.split(r"[/|]", word.text.strip("()[].,"))[-1]
    return bool(last) and is_agency(last)


def is_source_tag(words: Sequence[Word]) -> bool:
    """Whether ``words`` are a bracketed source, byline or credit tag.

    "(TTXVN)", "(Ảnh: Thu Chung)", "(Theo VnExpress)", "(Nguồn: Bộ Y tế)".
    """
    if not words or not words[0].text.startswith(("(", "[")):
        return False
    if not words[-1].text.rstrip(".").endswith((")", "]")):
        return False
    text = " ".join(word.text for word in words)
    inner = scan_words(text.strip(".")[1:-1])
    return is_agency(text) or is_credit(words) or is_byline(inner, is_last=False)


def opens_bracketed_tag_or_sentence(words: Sequence[Word], index: int) -> bool:
    """Whether a bracket opening at ``words[index]`` holds a source tag or a whole sentence.

    "(TTXVN)", "(Theo VnExpress)", "(Đây là lần thứ ba.)" stand alone (C11); "(SN 1990)" and
    "(32 tuổi, trú tại…)" belong to the sentence.
    """
    for end in range(index, min(len(words), index + _MAX_CREDIT_WORDS)):
        if words[end].text.rstrip(".,;:").endswith((")", "]")):
            group = words[index : end + 1]
            last = words[end]
            return is_source_tag(group) or (bool(last.terminal) and last.closing[:1] in (")", "]"))
    return False


def is_byline(words: Sequence[Word], *, is_last: bool) -> bool:
    """Whether a whole line is a byline or source line.

    "PV", "(TTXVN)", "Nhóm PV", "Theo Báo Quảng Ninh", "Nguồn: Bộ Y tế", "Bài và ảnh: Hà
    Phương"; and, only as the last line of an article, a bare name ("Thu Trang", "Minh Anh -
    VOV"), since a short capitalised line elsewhere is more likely a heading.
    """
    if not words or len(words) > _MAX_BYLINE_WORDS:
        return False
    text = " ".join(word.text for word in words)
    if is_agency(text) or _BYLINE_LABEL.match(text.lstrip("(")):
        return True
    if label_key(words[0]) == "theo" and len(words) > 1:
        return _is_source_name(words[1:])
    return is_last and _is_author_name(words)


def _is_source_name(words: Sequence[Word]) -> bool:
    """A source after "Theo": capitalised words, or "báo"/"đài" + name; no clause, no comma."""
    if any(word.text.endswith((",", ":", ";")) for word in words[:-1]):
        return False
    return all(
        word.text[0].isupper()
        or word.text.lower() in _SOURCE_WORDS
        or is_agency(word.text)
        or _DOMAIN.fullmatch(word.text) is not None
        for word in words
        if word.text not in _SEPARATORS
    )


def _is_author_name(words: Sequence[Word]) -> bool:
    """A bare signature: 2 to 6 capitalised syllables, possibly "- VOV" or "/TTXVN" after it."""
    names = [word for word in words if word.text not in _SEPARATORS and not is_agency(word.text)]
    if not 2 <= len(names) <= 6 or words[-1].terminal:
        return False
    return all(
        word.core[:1].isupper() and is_vietnamese_syllable(word.core.split("/")[0])
        for word in names
    )


def ends_glued_tag(words: Sequence[Word], index: int, first: int) -> bool:
    """Whether ``words[index]`` ends a credit or source tag glued to the next sentence.

    "(Ảnh: Doãn Tấn/TTXVN) Từ ngày 15…", "Ảnh: Trọng Đức - TTXVN Đoàn đại biểu…", "Ảnh: Minh
    Anh Hội nghị cũng…". Never in dateline position (the first words of a block, C9), so
    "(Chinhphu.vn) - Thủ tướng…" stays one sentence. ``first`` is where the sentence began.
    """
    if index + 1 >= len(words) or not _opens_glued_sentence(words[index + 1]):
        return False
    return _ends_bracket_tag(words, index, first) or _ends_bare_credit(words, index, first)


def _opens_glued_sentence(word: Word) -> bool:
    return word.text[0].isupper() or word.text[0] in '“"'


def _ends_bracket_tag(words: Sequence[Word], index: int, first: int) -> bool:
    """A credit in brackets ends a caption; a source tag only when it stands as a sentence.

    "Quang cảnh phiên họp (Ảnh: Doãn Tấn/TTXVN) Từ ngày…" but not "phỏng vấn phóng viên (PV)
    Báo Lao Động".
    """
    if not words[index].text.endswith((")", "]")):
        return False
    for opening in range(index, max(-1, index - _MAX_CREDIT_WORDS), -1):
        if words[opening].text.startswith(("(", "[")):
            group = words[opening : index + 1]
            if opening <= _DATELINE_WORDS:
                return False
            return is_credit(group) or (opening == first and is_source_tag(group))
    return False


def _ends_bare_credit(words: Sequence[Word], index: int, first: int) -> bool:
    label_length = match_credit_label(words, first)
    # Checked before slicing: in a sentence of 100,000 words the slice would be quadratic.
    if index + 1 - (first + label_length) > _MAX_CREDIT_NAME_WORDS:
        return False
    names = words[first + label_length : index + 1]
    if not label_length or not names or len(names) > _MAX_CREDIT_NAME_WORDS:
        return False
    if not all(word.text[0].isupper() or word.text in _SEPARATORS for word in names):
        return False
    if ends_with_agency(words[index]):
        return True
    right = words[index + 1]
    following = words[index + 2] if index + 2 < len(words) else None
    # "Ảnh: Minh Anh Hội nghị…", "Ảnh: VGP/Nhật Bắc Chiều 5/6, …": the clause's first word is
    # the last capitalised one before a word without a capital.
    next_is_plain = following is not None and not following.text[0].isupper()
    return len(names) >= 2 and next_is_plain and not is_agency(right.text)

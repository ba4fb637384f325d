"""What language and script a text is in, as far as songngu needs to know.

Two questions are answered here: how *Vietnamese-looking* a candidate decoding is (to choose
between encodings) and, for a refused file, what it looks like instead ("English", "Chinese").
Both work on words; nothing here rewrites text.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from songngu.vietnamese import TONE_MARKS

__all__ = [
    "LanguageProfile",
    "count_garbled_words",
    "has_vietnamese_mark",
    "is_vietnamese_syllable",
    "profile_text",
    "vietnamese_score",
]

_WORD = re.compile(r"[^\W\d_]+")

# A Vietnamese syllable without its tone: initial consonant, vowel nucleus (with any glide and
# off-glide), final consonant. Nuclei are listed in full so that the garbage a wrong decoding
# makes ("vieọt", "viờũt") is rejected; after Đoàn Thiện Thuật, "Ngữ âm tiếng Việt" (1977).
_NUCLEI = (  # noqa: SIM905 - a word list reads best as words
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ "
    "uê ui uô uơ uy ưa ưi ươ ưu yê ya iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu"
).split()
_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi|kh|ph|th|tr|ch|nh|qu|[bcdđghklmnprstvx])?"
    rf"(?:{'|'.join(sorted(_NUCLEI, key=len, reverse=True))})"
    r"(?:ch|nh|ng|[cmnpt])?"
)
_VIETNAMESE_MARKS = frozenset({*TONE_MARKS, "\u0302", "\u0306", "\u031b"})

# Unaccented Vietnamese function words that are not also English words.
_UNACCENTED_VIETNAMESE = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "cua cac nhung mot khong duoc nguoi trong voi nay nhu cung den theo vao nhieu viec "
        "chung toi ong tinh thanh pho nuoc viet dang truoc dong nhan dan hoi quan cong phai "
        "rat la va da se tai ve ngay thi khi tu cho nam cuoc dien gia bao"
    ).split()
)
_ENGLISH = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "the and of to in is that for on with as was are by this from at be have it an or has "
        "were which not but said their his her they will would its been"
    ).split()
)
# Scripts named by the first word of their Unicode character names.
_SCRIPTS = {
    "CJK": "Chinese",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "HANGUL": "Korean",
    "CYRILLIC": "Cyrillic (Russian or similar)",
    "GREEK": "Greek",
    "ARABIC": "Arabic",
    "HEBREW": "Hebrew",
    "THAI": "Thai",
    "LAO": "Lao",
    "KHMER": "Khmer",
    "DEVANAGARI": "Devanagari (Hindi or similar)",
}
_LONGEST_SYLLABLE = 7  # "nghiêng", "nghiệng"
# Parts of a Unicode name that mark a letter of some script (not "MICRO SIGN" or "ª").
_LETTER_NAMES = (" LETTER ", " SYLLABLE ", " IDEOGRAPH", " CHARACTER ")


@dataclass(frozen=True, slots=True)
class LanguageProfile:
    """Counts of the kinds of words in a text."""

    num_words: int
    num_vietnamese: int
    num_plain_latin: int
    num_unaccented_vietnamese: int
    num_english: int
    num_other_latin: int
    scripts: tuple[tuple[str, int], ...]

    @property
    def vietnamese_share(self) -> float:
        """The share of words that are marked Vietnamese syllables."""
        return self.num_vietnamese / self.num_words if self.num_words else 0.0


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` is a well-formed Vietnamese syllable (any case, at most one tone)."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    tones = [character for character in decomposed if character in TONE_MARKS]
    if len(tones) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return _SYLLABLE.fullmatch(toneless) is not None


def has_vietnamese_mark(word: str) -> bool:
    """Whether ``word`` holds đ or a Vietnamese vowel mark or tone."""
    decomposed = unicodedata.normalize("NFD", word)
    return any(c in _VIETNAMESE_MARKS or c in "đĐ" for c in decomposed)


def vietnamese_score(text: str) -> int:
    """Score a candidate decoding: +1 per well-formed marked syllable, −1 per garbled word.

    Plain ASCII words count for nothing: every decoding of the same bytes agrees on them.
    """
    return sum(_word_value(word) for word in _WORD.findall(text) if not word.isascii())


def count_garbled_words(text: str) -> int:
    """Count the words with non-ASCII letters that are not well-formed Vietnamese syllables."""
    return sum(_word_value(word) < 0 for word in _WORD.findall(text) if not word.isascii())


@lru_cache(maxsize=65_536)
def _word_value(word: str) -> int:
    """+1 for a marked Vietnamese syllable, −1 otherwise (cached: a language has few words)."""
    return 1 if has_vietnamese_mark(word) and is_vietnamese_syllable(word) else -1


def profile_text(text: str) -> LanguageProfile:
    """Count Vietnamese, plain-Latin, English, other-Latin and other-script words.

    A Vietnamese word is a well-formed syllable with a Vietnamese mark; garbled legacy text
    (``ViÖt``, ``Tr­êng``) and words of other Latin-script languages count as other-Latin.
    """
    counts: Counter[str] = Counter()
    scripts: Counter[str] = Counter()
    for word in _WORD.findall(text):
        counts["words"] += 1
        kind = _classify(word)
        if kind.startswith("script:"):
            scripts[kind.removeprefix("script:")] += 1
        else:
            counts[kind] += 1
            counts["plain"] += kind in ("unaccented", "english", "ascii")
    return LanguageProfile(
        num_words=counts["words"],
        num_vietnamese=counts["vietnamese"],
        num_plain_latin=counts["plain"],
        num_unaccented_vietnamese=counts["unaccented"],
        num_english=counts["english"],
        num_other_latin=counts["other-latin"],
        scripts=tuple(scripts.most_common()),
    )


@lru_cache(maxsize=65_536)
def _classify(word: str) -> str:
    """Return ``script:<name>``, ``vietnamese``, ``other-latin``, or a plain-ASCII kind."""
    script = _script_of(word)
    if script is not None:
        return f"script:{script}"
    if not word.isascii():
        # A run of letters far longer than any syllable (no spaces at all) is judged by its
        # marks alone: "ViệtNamViệtNam…" is still Vietnamese.
        is_marked_run = len(word) > _LONGEST_SYLLABLE and has_vietnamese_mark(word)
        return "vietnamese" if is_marked_run or _word_value(word) > 0 else "other-latin"
    lowered = word.casefold()
    if lowered in _UNACCENTED_VIETNAMESE:
        return "unaccented"
    return "english" if lowered in _ENGLISH else "ascii"


def _script_of(word: str) -> str | None:
    """Return the name of a non-Latin script ``word`` is written in, or None for Latin."""
    name = unicodedata.name(word[0], "")
    first = name.split(" ", 1)[0]
    if first == "LATIN" or not any(part in name for part in _LETTER_NAMES):
        return None
    return _SCRIPTS.get(first, f"{first.title()} script")

"""Is a word one Vietnamese syllable? Tells Vietnamese words from foreign names after an initial.

After "Nguyễn Văn T." a capitalised Vietnamese word starts a new sentence ("Tại…", "Hiện…"),
while a middle initial before a surname only occurs in foreign names: "G. Bush", "S. Lavrov",
"A. Cô-bi-a-cốp" (transliterated with hyphens). A syllable is onset + vowel group + coda; the
inventory below is standard Vietnamese orthography (onsets such as "ngh", "qu", "gi"; vowel
groups such as "ươi", "uyê"; codas c, ch, m, n, ng, nh, p, t), plus the coda "k" of Central
Highlands place names ("Đắk Lắk").
"""

from __future__ import annotations

import re
import unicodedata

# The five tone marks as combining characters; vowel-quality marks (â, ă, ê, ô, ơ, ư) stay.
_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))

_ONSETS = "ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnprstvx]"
# Longest first, so that "ươi" is tried before "ươ" and "ư".
_VOWEL_GROUPS = (
    "iêu", "yêu", "oai", "oay", "oao", "oeo", "uôi", "ươi", "ươu", "uya", "uyê", "uây", "uyu",
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi",
    "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ươ", "ưu", "yê",
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",
)  # fmt: skip
_CODAS = "ch|ng|nh|[cmnptk]"
_SYLLABLE = re.compile(f"(?:{_ONSETS})?(?:{'|'.join(_VOWEL_GROUPS)})(?:{_CODAS})?")


def is_vietnamese_syllable(word: str) -> bool:
    """Whether ``word`` (letters only, any case, any tone placement) spells one syllable."""
    toneless = unicodedata.normalize("NFD", word.lower()).translate(_TONE_MARKS)
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", toneless)) is not None

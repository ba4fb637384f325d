"""Vietnamese text helpers shared by readers, segmenter and glossary.

Text is normalised to NFC once, at the reader boundary. Everything else here builds *keys* for
decisions (matching, caching) and never rewrites the text a user sees.
"""

from __future__ import annotations

import re
import unicodedata

# The five Vietnamese tone marks as combining characters (NFD). Vowel-quality marks
# (circumflex U+0302, breve U+0306, horn U+031B) are part of the letter and are kept.
TONE_MARKS = {
    "\u0300": "2",  # huyền (grave)
    "\u0301": "1",  # sắc (acute)
    "\u0303": "4",  # ngã (tilde)
    "\u0309": "3",  # hỏi (hook above)
    "\u0323": "5",  # nặng (dot below)
}

_WORD = re.compile(r"\w+", re.UNICODE)


def normalize_nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stage after the reader sees."""
    return unicodedata.normalize("NFC", text)


def nfc_with_offsets(raw: str) -> tuple[str, list[int]]:
    """Normalise ``raw`` to NFC and map every NFC offset back to an offset in ``raw``.

    The returned list has one entry per character of the NFC text plus one for its end, so
    ``raw[offsets[i]:offsets[j]]`` is the raw spelling of ``nfc[i:j]``. Composition only
    happens inside a starter and its combining marks, so each such cluster is normalised alone.
    """
    if unicodedata.is_normalized("NFC", raw):
        return raw, list(range(len(raw) + 1))
    parts: list[str] = []
    offsets: list[int] = []
    cluster_start = 0
    for index in range(1, len(raw) + 1):
        if index < len(raw) and unicodedata.combining(raw[index]):
            continue
        composed = unicodedata.normalize("NFC", raw[cluster_start:index])
        parts.append(composed)
        offsets.extend([cluster_start] * len(composed))
        cluster_start = index
    offsets.append(len(raw))
    return "".join(parts), offsets


def syllable_key(word: str) -> str:
    """Return a matching key that ignores case and tone-mark placement.

    ``hoà``/``hòa``, ``Thuỷ``/``thủy`` and ``UỶ``/``ủy`` all get the same key: the tone is
    removed from wherever it sits and appended as a digit (``hoa2``).
    """
    decomposed = unicodedata.normalize("NFD", word.casefold())
    tone = ""
    letters = []
    for char in decomposed:
        if char in TONE_MARKS:
            tone = TONE_MARKS[char]
        else:
            letters.append(char)
    return unicodedata.normalize("NFC", "".join(letters)) + tone


def text_key(text: str) -> str:
    """Return a key for a whole phrase: syllable keys joined by single spaces (any Unicode form)."""
    return " ".join(syllable_key(word) for word in _WORD.findall(normalize_nfc(text)))


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics for English-style names: ``Tô Lâm`` → ``To Lam``."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped)


def has_vietnamese_letters(text: str) -> bool:
    """Whether ``text`` contains a letter that only Vietnamese uses (đ, ơ, ư, ă, or a tone)."""
    decomposed = unicodedata.normalize("NFD", text)
    return any(char in TONE_MARKS or char in "\u031b\u0306đĐ" for char in decomposed)

"""Legacy Vietnamese font encodings: TCVN3 (ABC) and VNI-Windows, to and from Unicode.

Before Unicode, Vietnamese text was typed in 8-bit "font encodings": the bytes are Windows-1252
characters that a special font draws as Vietnamese letters. Files and Word runs in these fonts
still reach newsrooms. Bytes 0x00–0x7F are ASCII in both encodings.

- **TCVN3** (TCVN 5712:1993, variant VN3, fonts ``.VnTime``/``.VnArial``): one byte per letter.
  Bytes 0xA0–0xFF follow GNU libiconv's ``lib/tcvn.h`` (TCVN-5712), which also places a few VN1
  capitals in positions VN3 leaves free. Bytes 0x80–0x9F, which VN3 leaves free and Word fills
  with Windows-1252 punctuation (curly quotes, dashes, ellipsis), are read as Windows-1252, not
  as VN1 capitals; VN1's capitals in the C0 control range are not mapped either. Capitals with
  tones that have no code are encoded in lower case, as TCVN3 users typed them in the capital
  font ``.VnTimeH``.
- **VNI-Windows** (fonts ``VNI-Times``, ``VNI-Helve``): a base letter followed by a diacritic
  byte (``Vieät`` is ``Việt``), with ơ, ư, đ and some i/y forms as single bytes; the table
  follows ``vni.h`` of xvnkb (Dao Hai Lam, 2002). Other bytes are Windows-1252.

Both encoders write any other Windows-1252 character as itself when it decodes back unchanged.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

__all__ = [
    "DECODERS",
    "decode_tcvn3",
    "decode_vni",
    "decode_vni_text",
    "encode_tcvn3",
    "encode_vni",
    "recover_font_bytes",
    "windows_1252_text",
]

# Unicode code points of TCVN3 bytes 0xA0–0xFF, eight per row (libiconv lib/tcvn.h, tcvn_2uni_2).
# 0xB0–0xB4 are the combining tone marks grave, hook, tilde, acute and dot below.
_TCVN3_HIGH = (
    (0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110),
    (0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0),
    (0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3),
    (0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4),
    (0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7),
    (0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD),
    (0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC),
    (0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2),
    (0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7),
    (0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9),
    (0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF),
    (0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0),
)
_TCVN3_DECODE = {
    0xA0 + row * 8 + column: chr(code)
    for row, codes in enumerate(_TCVN3_HIGH)
    for column, code in enumerate(codes)
}
_TCVN3_ENCODE = {character: byte for byte, character in _TCVN3_DECODE.items()}

# VNI: the diacritic bytes (as Windows-1252 characters, lower-case forms) after a base vowel.
# Tones in the order sắc, huyền, hỏi, ngã, nặng.
_VNI_TONES = "ùøûõï"
_VNI_CIRCUMFLEX = "âáàåãä"  # plain, then with each tone
_VNI_BREVE = "êéèúüë"
# Letters that VNI writes as one byte (lower case): ơ, ư, đ, the toned i's and ỵ.
_VNI_SINGLE = {
    "ơ": "ô",
    "ư": "ö",
    "đ": "ñ",
    "í": "í",
    "ì": "ì",
    "ỉ": "æ",
    "ĩ": "ó",
    "ị": "ò",
    "ỵ": "î",
}
_TONE_MARKS = "\u0301\u0300\u0309\u0303\u0323"


def _vni_lower_table() -> dict[str, str]:
    """Return every lower-case Vietnamese letter with its VNI spelling (1 or 2 characters)."""
    table = dict(_VNI_SINGLE)
    for base in "aeouy":
        for tone, mark in zip(_TONE_MARKS, _VNI_TONES, strict=True):
            table.setdefault(_compose(base, tone), base + mark)
    for base in "aeo":
        hatted = _compose(base, "\u0302")
        for tone, mark in zip(("", *_TONE_MARKS), _VNI_CIRCUMFLEX, strict=True):
            table[_compose(hatted, tone)] = base + mark
    for tone, mark in zip(("", *_TONE_MARKS), _VNI_BREVE, strict=True):
        table[_compose("ă", tone)] = "a" + mark
    for horned, single in (("ơ", "ô"), ("ư", "ö")):
        for tone, mark in zip(_TONE_MARKS, _VNI_TONES, strict=True):
            table[_compose(horned, tone)] = single + mark
    return table


def _compose(base: str, mark: str) -> str:
    return unicodedata.normalize("NFC", base + mark)


_VNI_ENCODE = {
    **_vni_lower_table(),
    **{letter.upper(): spelling.upper() for letter, spelling in _vni_lower_table().items()},
}


def _vni_decode_table() -> dict[str, str]:
    """Map each VNI spelling back to its letter; the base letter's case decides the output's."""
    table: dict[str, str] = {}
    for letter, spelling in _vni_lower_table().items():
        table[spelling] = letter
        table[spelling.upper()] = letter.upper()
        if len(spelling) == 2:
            table[spelling[0] + spelling[1].upper()] = letter
            table[spelling[0].upper() + spelling[1]] = letter.upper()
    return table


_VNI_DECODE = _vni_decode_table()


def decode_tcvn3(data: bytes) -> str:
    """Return the Unicode text of TCVN3 bytes (NFC, with loose tone marks composed)."""
    return unicodedata.normalize("NFC", data.decode("latin-1").translate(_TCVN3_TRANSLATION))


def encode_tcvn3(text: str) -> bytes:
    """Return ``text`` in TCVN3; capitals TCVN3 cannot hold are written in lower case.

    Raises:
        ValueError: a character has no TCVN3 code (it is neither Vietnamese nor Windows-1252).
    """
    encoded = bytearray()
    for character in unicodedata.normalize("NFC", text):
        code = _TCVN3_ENCODE.get(character, _TCVN3_ENCODE.get(character.lower()))
        if code is None:
            code = _windows_1252_byte(character, decode_tcvn3, "TCVN3")
        encoded.append(code)
    return bytes(encoded)


def decode_vni(data: bytes) -> str:
    """Return the Unicode text of VNI-Windows bytes."""
    return decode_vni_text(windows_1252_text(data))


def decode_vni_text(text: str) -> str:
    """Convert VNI spellings seen as Windows-1252 characters (``Vieät``) to Unicode letters."""
    parts = []
    index = 0
    while index < len(text):
        pair = text[index : index + 2]
        if len(pair) == 2 and pair in _VNI_DECODE:
            parts.append(_VNI_DECODE[pair])
            index += 2
            continue
        parts.append(_VNI_DECODE.get(text[index], text[index]))
        index += 1
    return "".join(parts)


def encode_vni(text: str) -> bytes:
    """Return ``text`` in VNI-Windows.

    Raises:
        ValueError: a character has no VNI spelling (it is neither Vietnamese nor Windows-1252).
    """
    encoded = bytearray()
    for character in unicodedata.normalize("NFC", text):
        spelling = _VNI_ENCODE.get(character)
        if spelling is None:
            encoded.append(_windows_1252_byte(character, decode_vni, "VNI"))
        else:
            encoded += spelling.encode("cp1252")
    return bytes(encoded)


def recover_font_bytes(text: str) -> bytes | None:
    """Return the bytes a legacy font saw behind ``text``, or None if it cannot come from one.

    Word and most converters turn font-encoded bytes into text through Windows-1252; the five
    bytes Windows-1252 leaves undefined come through as U+0081, U+008D, … (their Latin-1 value).
    """
    encoded = bytearray()
    for character in text:
        try:
            encoded += character.encode("cp1252")
        except UnicodeEncodeError:
            if ord(character) > 0xFF:
                return None
            encoded.append(ord(character))
    return bytes(encoded)


def windows_1252_text(data: bytes) -> str:
    """Return ``data`` as Windows shows legacy-font bytes: Windows-1252, undefined bytes kept.

    The inverse of :func:`recover_font_bytes`.
    """
    return data.decode("latin-1").translate(_WINDOWS_1252)


def _windows_1252_byte(character: str, decode: Callable[[bytes], str], name: str) -> int:
    """Return the Windows-1252 byte of ``character`` if ``decode`` reads it back unchanged."""
    raw = recover_font_bytes(character)
    if raw is None or len(raw) != 1 or decode(raw) != character:
        raise ValueError(f"{character!r} has no {name} code")
    return raw[0]


def _windows_1252_table() -> dict[int, str]:
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue  # 0x81, 0x8D, 0x8F, 0x90, 0x9D keep their Latin-1 value
    return table


_WINDOWS_1252 = _windows_1252_table()
_TCVN3_TRANSLATION = {**_WINDOWS_1252, **_TCVN3_DECODE}


#: Legacy encodings by name, each a function from bytes to Unicode text.
DECODERS: dict[str, Callable[[bytes], str]] = {"tcvn3": decode_tcvn3, "vni": decode_vni}

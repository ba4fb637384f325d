"""Decoding input bytes: BOMs, UTF-16 without BOM, UTF-8, and legacy Vietnamese encodings.

The order matters. Known binary formats are refused first by their magic number (a ZIP or a PNG
can hold bytes that decode as anything); then byte-order marks, which are certain; then UTF-16
without a BOM, recognised by the NUL byte in every other position; then strict UTF-8, which
random bytes almost never pass. Bytes that are not UTF-8 are decoded as Windows-1258, TCVN3 and
VNI, and the decoding that reads as the most well-formed Vietnamese wins if it wins clearly.
UTF-8 text may still hold legacy text seen through Windows-1252 (``ViÖt Nam``); such lines are
converted when the conversion reads clearly better (see ``docs/design/robustness.md``).
Decoded text is binary when it holds NUL characters beyond a stray few, or control codes at a
density no article has; a few control codes in an article are cleaned later, not refused.
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Callable
from dataclasses import dataclass

from songngu.errors import InputError
from songngu.readers.language import count_garbled_words, vietnamese_score
from songngu.readers.legacy import DECODERS, recover_font_bytes
from songngu.readers.validation import count_binary_controls

__all__ = [
    "Decoded",
    "decode_bytes",
    "refuse_binary",
    "repair_legacy_lines",
    "repair_legacy_text",
]

logger = logging.getLogger(__name__)

_BOMS = (
    # UTF-32 LE starts with the UTF-16 LE mark, so it must be tried first.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC_NUMBERS = (
    # (magic number, what the file is, what to do with it)
    (b"\x89PNG\r\n\x1a\n", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF87a", "a GIF image", ""),
    (b"GIF89a", "a GIF image", ""),
    (b"%PDF-", "a PDF file", "export it as .docx or copy its text into a .txt file"),
    (b"PK\x03\x04", "a ZIP archive", "if it is a Word file, name it .docx"),
    (b"PK\x05\x06", "an empty ZIP archive", ""),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Word .doc or a password-protected Office file",
        "open it in Word and save it as .docx without a password",
    ),
    (b"{\\rtf", "an RTF document", "save it from Word as .docx or .txt"),
    (b"\x1f\x8b", "a gzip archive", ""),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", ""),
    (b"Rar!\x1a\x07", "a RAR archive", ""),
    (b"\x7fELF", "a program (ELF executable)", ""),
    (b"SQLite format 3\x00", "an SQLite database", ""),
    (b"ID3", "an MP3 audio file", ""),
    (b"OggS", "an Ogg media file", ""),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video", ""),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video", ""),
)
# Evidence that a decoded "text" is a binary file: NUL characters, which no editor writes, beyond
# a stray few; or control codes other than tab and line breaks at a density no article has (random
# bytes read as Windows-1252 are 11 % control codes). A handful of BEL or ESC pasted into an
# article, and Word's vertical tabs and form feeds (its line and page breaks), are no evidence:
# cleaning removes or converts them (readers/validation.py).
_MIN_BINARY_EVIDENCE = 3
_MAX_NUL_SHARE = 0.01
_MAX_CONTROL_SHARE = 0.05
_SAMPLE = 200_000
# A damaged UTF-8 file still has this many valid non-ASCII characters per broken byte.
_MIN_VALID_PER_BROKEN = 10
# Fewer garbled words than this (a foreign name or two) never trigger a legacy repair.
_MIN_GARBLED_WORDS = 3


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the name of the encoding it was read in."""

    text: str
    encoding: str


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode ``data`` and return the text with the name of the encoding used.

    Raises:
        InputError: the bytes are binary, or text in an encoding songngu cannot determine.
    """
    refuse_binary(data, path)
    decoded = _decode_by_mark(data, path) or _decode_unmarked(data, path)
    _refuse_binary_text(decoded.text, path)
    return decoded.text, decoded.encoding


def refuse_binary(data: bytes, path: str) -> None:
    """Refuse ``data`` if it starts like a known binary format, naming the format.

    Raises:
        InputError: naming what the file seems to be and what to do with it.
    """
    for magic, what, hint in _MAGIC_NUMBERS:
        if data.startswith(magic):
            advice = f"; {hint}" if hint else ""
            raise InputError(f"{path}: is {what}, not a text article{advice}.")


def repair_legacy_text(text: str, path: str) -> Decoded:
    """Convert lines of TCVN3/VNI text seen through Windows-1252 (``ViÖt Nam``) to Unicode.

    See :func:`repair_legacy_lines`; text with no garbled words is returned as it is.
    """
    lines, encoding = repair_legacy_lines(text.splitlines(keepends=True), path)
    return Decoded("".join(lines), encoding)


def repair_legacy_lines(lines: list[str], path: str) -> tuple[list[str], str]:
    """Convert the lines (or paragraphs) that read better in a legacy encoding.

    The encoding is chosen once, by how much better the lines read in total; a line is
    converted only when it reads better converted. Returns the lines and ``utf-8`` or
    ``utf-8+<encoding>``.
    """
    if sum(count_garbled_words(line) for line in lines) < _MIN_GARBLED_WORDS:
        return lines, "utf-8"
    gains = {name: _total_gain(lines, decode) for name, decode in _TEXT_REPAIRS.items()}
    name, gain = max(gains.items(), key=lambda item: item[1])
    if gain <= 0:
        return lines, "utf-8"
    decode = _TEXT_REPAIRS[name]
    logger.warning("%s: converted text in the %s encoding to Unicode.", path, _LABELS[name])
    return [_repaired(line, decode) for line in lines], f"utf-8+{name}"


def _decode_by_mark(data: bytes, path: str) -> Decoded | None:
    """Decode text that declares itself: a byte-order mark, or UTF-16's NUL pattern."""
    marked = [(bom, encoding) for bom, encoding in _BOMS if data.startswith(bom)]
    for bom, encoding in marked:
        try:
            return Decoded(data[len(bom) :].decode(encoding), encoding)
        except UnicodeDecodeError as error:
            # FF FE 00 00 is UTF-32 LE, or UTF-16 LE starting with a NUL: try the next reading.
            failure = (encoding, error.start + len(bom))
    if marked:
        raise InputError(
            f"{path}: starts with a {failure[0]} byte-order mark but byte {failure[1]} is not "
            f"valid {failure[0]}; save the file again as UTF-8."
        )
    guessed = _guess_utf16(data)
    if guessed is not None:
        try:
            return Decoded(data.decode(guessed), guessed)
        except UnicodeDecodeError:
            return None
    return None


def _decode_unmarked(data: bytes, path: str) -> Decoded:
    # A stray NUL in a text is a control character like any other (removed and counted); many
    # of them make a binary file, which _refuse_binary_text refuses.
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        damaged = _damaged_utf8(data, path)
        return _decode_legacy_bytes(data, path) if damaged is None else damaged
    return repair_legacy_text(text, path)


def _damaged_utf8(data: bytes, path: str) -> Decoded | None:
    """Read UTF-8 with a few broken bytes (a cut-off download) as UTF-8, marking the damage.

    Legacy 8-bit text is invalid UTF-8 at nearly every accented letter; a damaged UTF-8 file
    has many valid multi-byte characters for each broken one.
    """
    text = data.decode("utf-8", errors="replace")
    num_broken = text.count("\ufffd") - data.count("\ufffd".encode())
    num_valid = sum(1 for character in text if ord(character) > 0x7F) - num_broken
    if num_valid < _MIN_VALID_PER_BROKEN * num_broken:
        return None
    logger.warning(
        "%s: %d bytes are not valid UTF-8 (a damaged file?) and show as \ufffd.", path, num_broken
    )
    return repair_legacy_text(text, path)


def _guess_utf16(data: bytes) -> str | None:
    """Recognise UTF-16 without a BOM: most characters of an article have a zero high byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    if odd_nuls >= 0.3 * half and even_nuls <= 0.02 * half:
        return "utf-16-le"
    if even_nuls >= 0.3 * half and odd_nuls <= 0.02 * half:
        return "utf-16-be"
    return None


def _decode_legacy_bytes(data: bytes, path: str) -> Decoded:
    """Pick the Vietnamese 8-bit encoding under which ``data`` reads best, if one clearly does."""
    candidates = {name: decode(data) for name, decode in _BYTE_DECODERS.items()}
    scores = sorted(
        ((vietnamese_score(text[:_SAMPLE]), name) for name, text in candidates.items()),
        reverse=True,
    )
    (best_score, best), (second_score, second) = scores[0], scores[1]
    if best_score <= 0:
        # No reading looks Vietnamese: the language check says what the text is instead.
        return Decoded(candidates["windows-1252"], "windows-1252")
    if best_score - second_score < max(3, 0.1 * best_score):
        raise InputError(
            f"{path}: is not UTF-8, and its encoding is unclear ({_LABELS[best]} reads "
            f"{best_score} Vietnamese words, {_LABELS[second]} {second_score}); convert it to "
            "UTF-8 (for example with Unikey's converter) and retry."
        )
    if best != "windows-1258":
        logger.warning("%s: read as %s and converted to Unicode.", path, _LABELS[best])
    return Decoded(candidates[best], best)


def _refuse_binary_text(text: str, path: str) -> None:
    sample = text[:_SAMPLE]
    nuls = sample.count("\x00")
    controls = count_binary_controls(sample)
    if _is_dense(nuls, len(sample), _MAX_NUL_SHARE):
        found = f"{nuls} of its first {len(sample)} characters are NUL bytes"
    elif _is_dense(controls, len(sample), _MAX_CONTROL_SHARE):
        found = f"{controls} of its first {len(sample)} characters are control codes"
    else:
        return
    raise InputError(f"{path}: {found}; it is a binary file, not a text article.")


def _is_dense(count: int, length: int, share: float) -> bool:
    return count >= _MIN_BINARY_EVIDENCE and count > share * length


def _total_gain(lines: list[str], decode: Callable[[bytes], str]) -> int:
    return sum(max(0, _line_gain(line, decode)) for line in lines)


def _line_gain(line: str, decode: Callable[[bytes], str]) -> int:
    converted = _convert_line(line, decode)
    if converted is None:
        return 0
    return vietnamese_score(converted) - vietnamese_score(line)


def _repaired(line: str, decode: Callable[[bytes], str]) -> str:
    converted = _convert_line(line, decode)
    if converted is None or vietnamese_score(converted) <= vietnamese_score(line):
        return line
    return converted


def _convert_line(line: str, decode: Callable[[bytes], str]) -> str | None:
    if line.isascii():
        return None
    raw = recover_font_bytes(line)
    if raw is None:
        return None
    try:
        return decode(raw)
    except UnicodeDecodeError:
        return None


def _cp1258(data: bytes) -> str:
    # Windows-1258 writes most tones as combining marks; NFC composes them later.
    return data.decode("cp1258", errors="replace")


def _cp1252(data: bytes) -> str:
    return data.decode("cp1252", errors="replace")


_BYTE_DECODERS: dict[str, Callable[[bytes], str]] = {
    "windows-1258": _cp1258,
    "windows-1252": _cp1252,
    **DECODERS,
}
# UTF-8 bytes once read as Windows-1252 and saved again ("ViÃªt") are repaired the same way.
_TEXT_REPAIRS: dict[str, Callable[[bytes], str]] = {
    **DECODERS,
    "utf-8": lambda data: data.decode("utf-8"),
}
_LABELS = {
    "windows-1258": "Windows-1258",
    "windows-1252": "Windows-1252",
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI",
    "utf-8": "UTF-8 mis-read as Windows-1252",
}

"""Decoding input bytes: byte-order marks, UTF-8, and a clear refusal otherwise."""

from __future__ import annotations

import codecs

from songngu.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode ``data`` and return the text with the name of the encoding used.

    Raises:
        InputError: the bytes are not text in an encoding songngu reads.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, path), encoding
    return _decode(data, "utf-8", path), "utf-8"


def _decode(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: byte {error.start} is not valid {encoding}; save the file as UTF-8 and retry."
        ) from None

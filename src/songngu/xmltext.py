"""What text an XML 1.0 file can hold: one definition for DOCX, TMX, TBX and XLIFF writers.

XML 1.0 (§2.2, "Char") admits tab, line feed and carriage return among the C0 controls, and no
U+FFFE or U+FFFF; Word refuses a file that holds any other. A carriage return is written as a
line feed so that what is read back equals what was written.
"""

from __future__ import annotations

import re

__all__ = ["count_unsafe_characters", "xml_safe"]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CARRIAGE_RETURN = re.compile("\r\n?")


def xml_safe(text: str) -> str:
    """Return ``text`` without the characters an XML 1.0 file cannot hold (CR becomes LF)."""
    return _XML_ILLEGAL.sub("", _CARRIAGE_RETURN.sub("\n", text))


def count_unsafe_characters(text: str) -> int:
    """Return how many characters of ``text`` :func:`xml_safe` removes."""
    return len(_XML_ILLEGAL.findall(text))

"""What of a WordprocessingML part a reader sees as text: the one definition both readers use.

The article reader (:mod:`songngu.ooxml.body`) and the review-file reader
(:mod:`songngu.ooxml.review_file`) walk different structures (styles and text boxes; table rows,
bookmarks and comments), but ask this module which elements hold no visible text and which
stand for a character. Names are compared without their namespace, so Strict OOXML
(``http://purl.oclc.org/ooxml/…``) reads like Transitional.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

__all__ = ["WRAPPERS", "character_of", "is_hidden", "local_name"]

# Deleted or moved-away text of unaccepted tracked changes, field instructions and property
# bags hold nothing the reader sees; mc:Fallback repeats its mc:Choice (ECMA-376 Part 1 §17.13,
# §17.16; Part 3 §10.2).
_HIDDEN = frozenset(
    {"del", "moveFrom", "delText", "instrText", "rPr", "pPr", "tcPr", "trPr", "tblPr", "Fallback"}
)
#: Elements that may wrap paragraphs, tables or rows without being text themselves.
WRAPPERS = frozenset({"sdt", "sdtContent", "customXml", "smartTag"})
# Run content that stands for a character (ECMA-376 Part 1 §17.3.3); an optional hyphen is
# invisible unless Word breaks the line there, so it is no character of the text.
_CHARACTERS = {
    "tab": "\t",
    "ptab": "\t",
    "br": "\n",
    "cr": "\n",
    "noBreakHyphen": "-",
    "softHyphen": "",
}


def local_name(tag: str) -> str:
    """Return a tag without its namespace (``{…/main}t`` → ``t``)."""
    return tag.rpartition("}")[2]


def is_hidden(element: Element) -> bool:
    """Whether nothing inside ``element`` is text a reader of the document sees."""
    return local_name(element.tag) in _HIDDEN


def character_of(element: Element) -> str | None:
    """Return the text ``element`` stands for (a ``w:t`` or a character element), or None."""
    local = local_name(element.tag)
    if local == "t":
        return element.text or ""
    return _CHARACTERS.get(local)

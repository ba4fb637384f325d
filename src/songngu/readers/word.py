"""Word articles (``.docx``): body paragraphs, headings, lists, tables and text boxes as blocks.

python-docx is confined to :mod:`songngu.ooxml.writer`, so this reader parses the OOXML
package itself with :mod:`zipfile` and :mod:`xml.etree.ElementTree`, defensively: the package
is untrusted input (size limits against zip bombs, no DTDs, every failure an ``InputError``;
see ``docs/design/robustness.md``). Runs typed in legacy Vietnamese fonts (``.VnTime``,
``VNI-Times``) are converted to Unicode run by run. Tables keep each cell's place and runs
keep their bold, italic and hyperlinks (``docs/design/formatting.md``). Headers, footers,
footnotes, endnotes and comments are not article text: they are not read, and one warning line
says so when the file has any.
"""

from __future__ import annotations

import io
import logging
import zipfile
import zlib
from typing import Literal, overload
from xml.etree import ElementTree

from songngu.errors import InputError
from songngu.ooxml.body import Paragraph, iter_paragraphs, read_styles
from songngu.ooxml.runs import read_links
from songngu.readers.blocks import RichBlock, join_blocks
from songngu.readers.encoding import repair_legacy_lines
from songngu.readers.validation import Removed
from songngu.segmenter.structure import BlockSpan

__all__ = ["WordArticle", "read_word_article"]

_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_DEFAULT_MAIN_PART = "word/document.xml"
_STYLES_PART = "word/styles.xml"
# Limits for untrusted packages: a news article's document.xml is well under 1 MB.
_MAX_MEMBERS = 10_000
_MAX_PART_BYTES = 64 * 1024 * 1024
_MAX_COMPRESSION_RATIO = 100
_BOMB_MINIMUM_BYTES = 1024 * 1024
# Parts holding text that is not the article's body (ECMA-376 Part 1 §11.3).
_UNREAD_PARTS = {
    "header": "headers",
    "footer": "footers",
    "footnotes": "footnotes",
    "endnotes": "endnotes",
    "comments": "comments",
}

logger = logging.getLogger(__name__)


class WordArticle:
    """The text of a Word article, its block spans, and what was converted on the way."""

    def __init__(
        self, text: str, spans: tuple[BlockSpan, ...], encoding: str, removed: Removed
    ) -> None:
        """Hold the joined NFC text (blocks separated by a blank line) and its spans."""
        self.text = text
        self.spans = spans
        self.encoding = encoding
        self.removed = removed


def read_word_article(data: bytes, path: str) -> WordArticle:
    """Read the body of a ``.docx`` package into text and block spans.

    Raises:
        InputError: the file is not a readable Word document, or its body has no text.
    """
    archive = _open_package(data, path)
    with archive:
        if len(archive.infolist()) > _MAX_MEMBERS:
            raise InputError(f"{path}: has over {_MAX_MEMBERS} parts; it is not a Word article.")
        main_part = _main_part_name(archive, path)
        body = _parse_part(archive, main_part, path, required=True)
        styles = read_styles(_parse_part(archive, _STYLES_PART, path, required=False))
        links = read_links(_parse_part(archive, _relationships_of(main_part), path, required=False))
        _warn_unread(archive, path)
    paragraphs = list(iter_paragraphs(body, styles, links))
    return _layout(paragraphs, path)


def _relationships_of(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _warn_unread(archive: zipfile.ZipFile, path: str) -> None:
    """Say in one line which non-body parts with text the file has (they are not translated)."""
    found = []
    for prefix, label in _UNREAD_PARTS.items():
        names = [n for n in archive.namelist() if n.startswith(f"word/{prefix}")]
        if any(_has_text(archive, name, path) for name in names if name.endswith(".xml")):
            found.append(label)
    if found:
        logger.warning(
            "%s: its %s are not translated; only the body, its tables and text boxes are.",
            path,
            ", ".join(found),
        )


def _has_text(archive: zipfile.ZipFile, name: str, path: str) -> bool:
    """Whether a part has visible text (Word's separator footnotes have none)."""
    try:
        root = ElementTree.fromstring(_read_member(archive, archive.getinfo(name), path))
    except ElementTree.ParseError:
        return False
    return any((e.text or "").strip() for e in root.iter() if e.tag.endswith("}t"))


def _open_package(data: bytes, path: str) -> zipfile.ZipFile:
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(
            f"{path}: is a password-protected Word file or an old .doc; open it in Word and "
            "save it as .docx without a password."
        )
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InputError(
            f"{path}: is not a valid Word file (damaged or truncated); open it in Word and "
            "save it again as .docx."
        ) from None


def _main_part_name(archive: zipfile.ZipFile, path: str) -> str:
    """Find the main document part through the package relationships, as Word does."""
    root = _parse_part(archive, "_rels/.rels", path, required=False)
    if root is not None:
        for relationship in root.iter(f"{_RELATIONSHIPS}Relationship"):
            if relationship.get("Type", "").endswith(_OFFICE_DOCUMENT):
                return relationship.get("Target", _DEFAULT_MAIN_PART).lstrip("/")
    if _DEFAULT_MAIN_PART in archive.namelist():
        return _DEFAULT_MAIN_PART
    raise InputError(
        f"{path}: is a ZIP archive but not a Word document (it has no {_DEFAULT_MAIN_PART})."
    )


@overload
def _parse_part(
    archive: zipfile.ZipFile, name: str, path: str, *, required: Literal[True]
) -> ElementTree.Element: ...


@overload
def _parse_part(
    archive: zipfile.ZipFile, name: str, path: str, *, required: Literal[False]
) -> ElementTree.Element | None: ...


def _parse_part(
    archive: zipfile.ZipFile, name: str, path: str, *, required: bool
) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        if required:
            raise InputError(
                f"{path}: is a ZIP archive but not a Word document (it has no {name})."
            ) from None
        return None
    data = _read_member(archive, info, path)
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise InputError(f"{path}: {name} declares a DTD, which Word never writes; refused.")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise InputError(
            f"{path}: is damaged ({name} is not well-formed XML, line {error.position[0]}); "
            "open it in Word and save it again."
        ) from None


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> bytes:
    """Read one part, enforcing the size limits on the bytes actually produced."""
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _MAX_PART_BYTES or (
        info.file_size > _BOMB_MINIMUM_BYTES and ratio > _MAX_COMPRESSION_RATIO
    ):
        raise InputError(f"{path}: {info.filename} is too large to be an article; refused.")
    try:
        with archive.open(info) as member:
            data = member.read(_MAX_PART_BYTES + 1)
    except RuntimeError:
        raise InputError(
            f"{path}: is encrypted; open it in Word, remove the password and save it again."
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise InputError(
            f"{path}: is damaged ({info.filename}: {error}); open it in Word and save it again."
        ) from None
    if len(data) > _MAX_PART_BYTES:
        raise InputError(f"{path}: {info.filename} is too large to be an article; refused.")
    return data


def _layout(paragraphs: list[Paragraph], path: str) -> WordArticle:
    """Join block texts with blank lines, after legacy repair, cleaning and NFC.

    Cleaning comes after legacy repair: in TCVN3 seen through Windows-1252 the soft hyphen
    U+00AD is the letter ư (``Tr``, U+00AD, ``êng`` is ``Trường``). Word keeps soft hyphens
    typed as U+00AD inside ``w:t`` (``w:softHyphen`` elements are skipped when reading). A
    paragraph that legacy repair rewrote loses its marks (their offsets no longer hold).
    """
    repaired, encoding = repair_legacy_lines([p.text for p in paragraphs], path)
    blocks = [
        RichBlock(
            text,
            paragraph.kind,
            paragraph.level,
            paragraph.marks if text == paragraph.text else (),
            paragraph.cell,
        )
        for paragraph, text in zip(paragraphs, repaired, strict=True)
    ]
    text, spans, removed = join_blocks(blocks)
    if not spans:
        raise InputError(
            f"{path}: the document body has no text (headers, footers and footnotes are not "
            "read); nothing to translate."
        )
    name = "docx" if encoding == "utf-8" else f"docx+{encoding.removeprefix('utf-8+')}"
    return WordArticle(text, spans, name, removed)

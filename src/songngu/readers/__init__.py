"""Readers turn an input file into a :class:`~songngu.model.Document` (blocks, no segments).

Each format lives in its own module and is imported on first use. Text is decoded and
normalised to NFC here, at the boundary, and nowhere else.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from songngu._version import __version__
from songngu.errors import InputError
from songngu.model import Block, Document, DocumentMeta
from songngu.readers.encoding import decode_bytes
from songngu.readers.validation import Removed, check_article_text, clean_text
from songngu.registry import load_registered
from songngu.segmenter.structure import BlockSpan, find_article_date
from songngu.vietnamese import normalize_nfc

__all__ = [
    "MARKUP_READERS",
    "PACKAGE_READERS",
    "READERS",
    "SUFFIXES",
    "Source",
    "build_document",
    "load_source",
    "parse_source",
    "read_document",
]

logger = logging.getLogger(__name__)

#: File suffix → ``"module:function"`` taking ``(text, meta)`` and returning a Document.
READERS = {
    ".txt": "songngu.readers.text:parse_text",
    ".text": "songngu.readers.text:parse_text",
    ".md": "songngu.readers.markdown:parse_markdown",
    ".markdown": "songngu.readers.markdown:parse_markdown",
}
#: Formats whose structure comes from the file, not the text: suffix → ``"module:function"``
#: taking ``(bytes, path)`` and returning an object with ``text``, ``spans``, ``encoding`` and
#: ``removed``.
PACKAGE_READERS = {".docx": "songngu.readers.word:read_word_article"}
#: Formats whose markup is parsed away (suffix → ``"module:function"`` taking the decoded text
#: and returning the text without markup and its block spans): as for Word, offsets then refer
#: to the article's text, never to markup the model does not see.
MARKUP_READERS = {
    ".md": "songngu.readers.markdown:read_markdown_text",
    ".markdown": "songngu.readers.markdown:read_markdown_text",
}
SUFFIXES = (*READERS, *PACKAGE_READERS)
#: The largest input read (a book-length text is far smaller; a larger file is a mistake).
MAX_INPUT_BYTES = 100 * 1024 * 1024
_SUFFIX_HINTS = {
    ".doc": "it is an old Word file; open it in Word and save it as .docx",
    ".pdf": "export it from the PDF reader as .docx, or copy its text into a .txt file",
    ".rtf": "save it from Word as .docx",
    ".odt": "save it from LibreOffice as .docx",
    ".html": "copy the article's text into a .txt or .md file",
    ".htm": "copy the article's text into a .txt or .md file",
}

ParseFunction = Callable[[str, DocumentMeta], Document]


@dataclass(frozen=True, slots=True)
class Source:
    """An input as read: its decoded and cleaned text, before and after NFC normalisation.

    ``raw`` is what offsets point into. ``spans`` is set by formats that carry their own
    structure (Word); ``removed`` says which invisible characters and control codes cleaning
    took out (:func:`~songngu.readers.validation.clean_text`).
    """

    path: str
    raw: str
    text: str
    encoding: str
    spans: tuple[BlockSpan, ...] | None = None
    removed: Removed = field(default_factory=Removed)


def read_document(path: str | Path) -> Document:
    """Read an article from ``path`` (``"-"`` for standard input) into a Document.

    Raises:
        InputError: the file is missing, unreadable, undecodable, empty or of an unknown type.
    """
    return parse_source(load_source(str(path)))


def load_source(path: str) -> Source:
    """Read and decode ``path`` (``"-"`` for stdin), clean it, check it and normalise to NFC.

    Raises:
        InputError: as :func:`read_document`; also a binary or non-Vietnamese file.
    """
    suffix = _suffix(path)
    if suffix not in SUFFIXES:
        _refuse_suffix(path, suffix)
    data = _read_bytes(path)
    package_reader = PACKAGE_READERS.get(suffix)
    source = _decode_text(data, path) if package_reader is None else _load_package(data, path)
    if suffix in MARKUP_READERS:
        source = _strip_markup(source, MARKUP_READERS[suffix])
    check_article_text(source.text, path)
    if source.removed.total:
        logger.warning("%s: %s.", path, source.removed.describe())
    return source


def parse_source(source: Source) -> Document:
    """Split a loaded source into blocks with the reader its file type calls for."""
    total = source.removed.total
    extra = (("removed_characters", str(total)),) if total else ()
    meta = DocumentMeta(
        source_path=source.path, encoding=source.encoding, tool_version=__version__, extra=extra
    )
    if source.spans is not None:
        return build_document(source.text, source.spans, meta)
    return _parser_for(source.path)(source.text, meta)


def build_document(text: str, spans: Iterable[BlockSpan], meta: DocumentMeta) -> Document:
    """Give each span a block id (``b1``, ``b2``, …) in reading order."""
    blocks = tuple(
        Block(
            id=f"b{number}",
            kind=span.kind,
            text=text[span.start : span.end],
            start=span.start,
            end=span.end,
            level=span.level,
            marks=span.marks,
            cell=span.cell,
        )
        for number, span in enumerate(spans, start=1)
    )
    if not blocks:
        raise InputError(f"{meta.source_path}: no text was found to translate.")
    if meta.date is None:
        meta = dataclasses.replace(meta, date=find_article_date(text))
    return Document(text=text, blocks=blocks, meta=meta)


def _suffix(path: str) -> str:
    # Standard input and files without a suffix (a checker's temporary file) are plain text.
    return ".txt" if path == "-" else Path(path).suffix.lower() or ".txt"


def _refuse_suffix(path: str, suffix: str) -> None:
    hint = _SUFFIX_HINTS.get(suffix, f"use one of {', '.join(SUFFIXES)}")
    raise InputError(f"{path}: cannot read '{suffix}' files; {hint}.")


def _parser_for(path: str) -> ParseFunction:
    parse: ParseFunction = load_registered(READERS[_suffix(path)])
    return parse


def _decode_text(data: bytes, path: str) -> Source:
    decoded, encoding = decode_bytes(data, path)
    cleaned = clean_text(decoded)
    text = normalize_nfc(cleaned.text)
    if not text.strip():
        raise InputError(f"{path}: the file is empty or holds only whitespace; nothing to do.")
    return Source(path, cleaned.text, text, encoding, removed=cleaned.removed)


def _strip_markup(source: Source, reader: str) -> Source:
    text, spans = load_registered(reader)(source.text)
    if not spans:
        raise InputError(f"{source.path}: has no text outside its markup; nothing to translate.")
    return dataclasses.replace(source, raw=text, text=text, spans=spans)


def _load_package(data: bytes, path: str) -> Source:
    if not data.strip():
        raise InputError(f"{path}: the file is empty; nothing to do.")
    article = load_registered(PACKAGE_READERS[_suffix(path)])(data, path)
    return Source(
        path, article.text, article.text, article.encoding, article.spans, article.removed
    )


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return _read_limited(sys.stdin.buffer, path)
    file = Path(path)
    if file.is_dir():
        raise InputError(
            f"{path}: is a folder; pass the files in it, or the folder to 'translate'."
        )
    try:
        with file.open("rb") as handle:
            return _read_limited(handle, path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path.") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error}).") from error


def _read_limited(handle: BinaryIO, path: str) -> bytes:
    data = handle.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(
            f"{path}: is larger than {MAX_INPUT_BYTES // 2**20} MB, far more than an article; "
            "split it into articles."
        )
    return data

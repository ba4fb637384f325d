"""Readers turn an input file into a :class:`~songngu.model.Document` (blocks, no segments).

Each format lives in its own module and is imported on first use. Text is decoded and
normalised to NFC here, at the boundary, and nowhere else.
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from songngu._version import __version__
from songngu.errors import InputError
from songngu.model import Block, Document, DocumentMeta
from songngu.readers.encoding import decode_bytes
from songngu.segmenter.structure import BlockSpan, find_article_date
from songngu.vietnamese import normalize_nfc

__all__ = [
    "READERS",
    "SUFFIXES",
    "Source",
    "build_document",
    "load_source",
    "parse_source",
    "read_document",
]

#: File suffix → ``"module:function"`` taking ``(text, meta)`` and returning a Document.
READERS = {
    ".txt": "songngu.readers.text:parse_text",
    ".text": "songngu.readers.text:parse_text",
    ".md": "songngu.readers.markdown:parse_markdown",
    ".markdown": "songngu.readers.markdown:parse_markdown",
}
SUFFIXES = tuple(READERS)

ParseFunction = Callable[[str, DocumentMeta], Document]


@dataclass(frozen=True, slots=True)
class Source:
    """An input as read: its decoded text before and after NFC normalisation."""

    path: str
    raw: str
    text: str
    encoding: str


def read_document(path: str | Path) -> Document:
    """Read an article from ``path`` (``"-"`` for standard input) into a Document.

    Raises:
        InputError: the file is missing, unreadable, undecodable, empty or of an unknown type.
    """
    return parse_source(load_source(str(path)))


def load_source(path: str) -> Source:
    """Read and decode ``path`` (``"-"`` for stdin) and normalise it to NFC.

    Raises:
        InputError: as :func:`read_document`.
    """
    _parser_for(path)
    raw, encoding = decode_bytes(_read_bytes(path), path)
    text = normalize_nfc(raw)
    if not text.strip():
        raise InputError(f"{path}: the file is empty or holds only whitespace; nothing to do.")
    return Source(path=path, raw=raw, text=text, encoding=encoding)


def parse_source(source: Source) -> Document:
    """Split a loaded source into blocks with the reader its file type calls for."""
    meta = DocumentMeta(source_path=source.path, encoding=source.encoding, tool_version=__version__)
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
        )
        for number, span in enumerate(spans, start=1)
    )
    if not blocks:
        raise InputError(f"{meta.source_path}: no text was found to translate.")
    if meta.date is None:
        meta = dataclasses.replace(meta, date=find_article_date(text))
    return Document(text=text, blocks=blocks, meta=meta)


def _parser_for(path: str) -> ParseFunction:
    # Standard input and files without a suffix (a checker's temporary file) are plain text.
    suffix = ".txt" if path == "-" else Path(path).suffix.lower() or ".txt"
    target = READERS.get(suffix)
    if target is None:
        known = ", ".join(SUFFIXES)
        raise InputError(f"{path}: cannot read '{suffix}' files; use one of {known}.")
    module_name, _, function_name = target.partition(":")
    function: ParseFunction = getattr(importlib.import_module(module_name), function_name)
    return function


def _read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    file = Path(path)
    if file.is_dir():
        raise InputError(
            f"{path}: is a folder; pass the files in it, or the folder to 'translate'."
        )
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path.") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror}).") from error

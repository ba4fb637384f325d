"""Exporters write a translated Document to files and read them back to verify the pairing.

Each format is one module with a ``write_*(document, path)`` and a ``read_*_pairs(path)``
function, registered here as strings and imported on first use (python-docx is imported only
by :mod:`songngu.ooxml.writer`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from songngu.errors import ExportError, OutputExistsError
from songngu.model import Document
from songngu.registry import load_registered

__all__ = [
    "EXPORTERS",
    "Exporter",
    "SegmentPair",
    "output_path",
    "refuse_existing",
    "verify_output",
    "write_atomically",
    "write_outputs",
]


@dataclass(frozen=True, slots=True)
class SegmentPair:
    """A segment as read back from an output file."""

    id: str
    source: str
    target: str


@dataclass(frozen=True, slots=True)
class Exporter:
    """Where a format's writer and reader live."""

    suffix: str
    writer: str
    reader: str
    sanitizer: str | None = None

    def write(self, document: Document, path: Path) -> None:
        """Write ``document`` to ``path`` with this format's writer."""
        load_registered(self.writer)(document, path)

    def sanitize(self, text: str) -> str:
        """Return ``text`` as this format can hold it (Word drops some control characters)."""
        if self.sanitizer is None:
            return text
        sanitized: str = load_registered(self.sanitizer)(text)
        return sanitized

    def read_pairs(self, path: Path) -> list[SegmentPair]:
        """Read the segments back from ``path`` in file order."""
        pairs: list[SegmentPair] = load_registered(self.reader)(path)
        return pairs


EXPORTERS = {
    "docx": Exporter(
        ".docx",
        writer="songngu.ooxml.writer:write_docx",
        reader="songngu.ooxml.writer:read_docx_pairs",
        sanitizer="songngu.xmltext:xml_safe",
    ),
    "md": Exporter(
        ".md",
        writer="songngu.exporters.markdown:write_markdown",
        reader="songngu.exporters.markdown:read_markdown_pairs",
    ),
    "json": Exporter(
        ".json",
        writer="songngu.exporters.json_document:write_json",
        reader="songngu.exporters.json_document:read_json_pairs",
    ),
    "xliff": Exporter(
        ".xlf",
        writer="songngu.exporters.xliff:write_xliff",
        reader="songngu.exporters.xliff:read_xliff_pairs",
        sanitizer="songngu.xmltext:xml_safe",
    ),
}


def output_path(source_path: str, output_dir: Path, format_name: str) -> Path:
    """Return ``output_dir/<input stem>.vi-en<suffix>`` (``stdin`` for standard input)."""
    stem = "stdin" if source_path == "-" else Path(source_path).stem
    return output_dir / f"{stem}.vi-en{EXPORTERS[format_name].suffix}"


def write_outputs(
    document: Document, output_dir: Path, formats: Sequence[str], *, force: bool = False
) -> list[Path]:
    """Write every format, then re-read each file and check every segment is there once.

    Nothing is written when any output exists and ``force`` is off.

    Raises:
        OutputExistsError: an output exists and ``force`` is off.
        ExportError: the folder is not writable or a file does not read back as written.
    """
    paths = [output_path(document.meta.source_path, output_dir, name) for name in formats]
    if not force:
        refuse_existing(paths)
    _make_folder(output_dir)
    for name, path in zip(formats, paths, strict=True):
        write_atomically(path, partial(EXPORTERS[name].write, document))
        verify_output(document, path, EXPORTERS[name])
    return paths


def refuse_existing(paths: Sequence[Path]) -> None:
    """Raise if any of ``paths`` exists, naming them all and the way out.

    Raises:
        OutputExistsError: at least one path exists.
    """
    existing = [str(path) for path in paths if path.exists()]
    if existing:
        verb = "exists" if len(existing) == 1 else "exist"
        raise OutputExistsError(
            f"{', '.join(existing)} already {verb}; pass --force to overwrite, "
            "or -o to write elsewhere."
        )


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, then rename it into place."""
    handle, temporary_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    temporary = Path(temporary_name)
    try:
        write(temporary)
        # mkstemp creates the file readable by its owner only; give the output the mode a
        # plain open() would have given it, so colleagues can read the review files.
        os.chmod(temporary, _new_file_mode())
        os.replace(temporary, path)
    except OSError as error:
        raise ExportError(f"{path}: cannot be written ({error.strerror or error}).") from error
    finally:
        temporary.unlink(missing_ok=True)


def _new_file_mode() -> int:
    """Return 0o666 less the process umask (reading the umask means setting it back)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def verify_output(document: Document, path: Path, exporter: Exporter) -> None:
    """Re-read ``path``: every segment must be there once, in order, with its own texts.

    Raises:
        ExportError: a segment is missing, repeated, out of order or paired with other text.
    """
    clean = exporter.sanitize
    expected = [(s.id, clean(s.source), clean(s.target or "")) for s in document.iter_segments()]
    found = [(pair.id, pair.source, pair.target) for pair in exporter.read_pairs(path)]
    if found == expected:
        return
    for want, got in zip(expected, found, strict=False):
        if want != got:
            raise ExportError(
                f"{path}: segment {want[0]} did not read back as written (found {got[0]}); "
                "the file is unreliable, please report this as a bug."
            )
    raise ExportError(
        f"{path}: {len(expected)} segments were written but {len(found)} read back; "
        "please report this as a bug."
    )


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(
            f"{folder}: cannot create the output folder ({error.strerror}); choose another with -o."
        ) from error
    if not os.access(folder, os.W_OK):
        raise ExportError(f"{folder}: the output folder is not writable; choose another with -o.")

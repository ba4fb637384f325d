"""Reading glossary TSV files, with ``file:line`` errors for every malformed row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

from songngu.errors import GlossaryError
from songngu.glossary.entries import Entry, Glossary
from songngu.vietnamese import normalize_nfc

COLUMNS = ("vi", "en", "type", "source", "valid_from", "valid_to", "note")
REQUIRED = ("vi", "en", "type")


def shipped_glossary_files() -> list[Path]:
    """Return the glossary files that ship with songngu, in name order.

    An installed wheel carries them as ``songngu/data/glossary``; a source checkout has them in
    the repository's top-level ``glossary/`` folder.
    """
    packaged = Path(str(resources.files("songngu"))) / "data" / "glossary"
    checkout = Path(__file__).resolve().parents[3] / "glossary"
    folder = packaged if packaged.is_dir() else checkout
    return sorted(folder.glob("*.tsv"))


def load_glossary(paths: Sequence[Path] = (), *, include_shipped: bool = True) -> Glossary:
    """Load the shipped glossary (unless told not to) and then ``paths``, in that order.

    Raises:
        GlossaryError: a file is missing or has a malformed row (the message names file:line).
    """
    files = [*(shipped_glossary_files() if include_shipped else []), *map(Path, paths)]
    entries: list[Entry] = []
    contents: list[bytes] = []
    for path in files:
        content = _read_bytes(path)
        contents.append(content)
        entries.extend(iter_entries(content, str(path)))
    return Glossary.from_entries(entries, contents)


def iter_entries(content: bytes, path: str) -> Iterator[Entry]:
    """Parse one TSV file's bytes into entries, raising on the first malformed row."""
    text = _decode(content, path)
    rows = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    header: list[str] | None = None
    for line_number, row in enumerate(rows, start=1):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        if header is None:
            header = _check_header(row, path, line_number)
            continue
        yield _entry_from_row(header, row, path, line_number)


def _check_header(row: list[str], path: str, line: int) -> list[str]:
    header = [name.strip() for name in row]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise GlossaryError(
            f"the header row lacks {', '.join(missing)}; the columns are {' '.join(COLUMNS)}.",
            path,
            line,
        )
    return header


def _entry_from_row(header: list[str], row: list[str], path: str, line: int) -> Entry:
    if len(row) > len(header):
        raise GlossaryError(
            f"{len(row)} fields but the header has {len(header)}; is there a stray tab?", path, line
        )
    values = dict(zip(header, (normalize_nfc(value.strip()) for value in row), strict=False))
    for name in REQUIRED:
        if not values.get(name):
            raise GlossaryError(
                f"the '{name}' field is empty; fill it or delete the row.", path, line
            )
    fields = {name: values.get(name, "") for name in COLUMNS}
    return Entry(**fields, path=path, line=line)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise GlossaryError(
            "no such glossary file; check the path given to --glossary.", path
        ) from None
    except OSError as error:
        raise GlossaryError(f"cannot be read ({error.strerror}).", path) from error


def _decode(content: bytes, path: str) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GlossaryError(
            f"byte {error.start} is not UTF-8; save the glossary as UTF-8 (tab-separated).", path
        ) from None

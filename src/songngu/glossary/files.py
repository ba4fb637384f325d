"""Reading and writing glossary TSV files, with ``file:line`` for every problem.

Files load in layers: the shipped folder first, then each file given, in order. A later layer
replaces every entry of the earlier ones that matches the same text, which is how a user's own
glossary overrides a shipped entry (``docs/design/glossary.md``).
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from songngu.errors import GlossaryError
from songngu.glossary.entries import Entry
from songngu.glossary.termbase import Glossary
from songngu.glossary.validation import (
    Problem,
    check_entry,
    check_fields,
    clean_field,
    entry_key,
    find_conflicts,
)

COLUMNS = ("vi", "en", "type", "source", "valid_from", "valid_to", "note", "case", "variants")
REQUIRED = ("vi", "en", "type")
_TEXT_COLUMNS = tuple(name for name in COLUMNS if name != "variants")
#: The separator of renderings in the ``variants`` column.
VARIANT_SEPARATOR = "|"


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """The entries of one file and every problem found while reading it."""

    path: str
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...]
    content: bytes = b""


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
    """Load the shipped glossary (unless told not to), then each of ``paths`` as a layer over it.

    Raises:
        GlossaryError: a file is missing, has a malformed row, or gives one term two renderings
            in force at once (the message names file:line).
    """
    layers = [shipped_glossary_files()] if include_shipped else []
    layers += [[Path(path)] for path in paths]
    entries: list[Entry] = []
    contents: list[bytes] = []
    for layer in layers:
        parsed = [parse_file(path) for path in layer]
        _raise_first_fatal(parsed)
        contents.extend(file.content for file in parsed)
        entries = _overlay(entries, [entry for file in parsed for entry in file.entries])
    return Glossary.from_entries(entries, contents)


def parse_file(path: Path) -> ParsedFile:
    """Read one glossary file; every problem (not just the first) is in the result.

    Raises:
        GlossaryError: the file cannot be read or is not UTF-8.
    """
    content = _read_bytes(path)
    entries, problems = parse_text(_decode(content, str(path)), str(path))
    return ParsedFile(str(path), tuple(entries), tuple(problems), content)


def parse_text(text: str, path: str) -> tuple[list[Entry], list[Problem]]:
    """Parse TSV text into entries; malformed rows are left out and reported."""
    rows = csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    header: list[str] | None = None
    entries: list[Entry] = []
    problems: list[Problem] = []
    for line, row in enumerate(rows, start=1):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            continue
        if header is None:
            header, header_problem = _read_header(row, path, line)
            if header_problem:
                return [], [header_problem]
            continue
        entry, row_problems = _read_row(header, row, path, line)
        problems.extend(row_problems)
        if entry is not None:
            entries.append(entry)
    return entries, problems


def check_files(paths: Sequence[Path]) -> list[Problem]:
    """Return every problem of ``paths`` read together as one layer, in file and line order."""
    parsed = [parse_file(Path(path)) for path in paths]
    problems = [problem for file in parsed for problem in file.problems]
    problems += find_conflicts([entry for file in parsed for entry in file.entries])
    order = {file.path: number for number, file in enumerate(parsed)}
    return sorted(problems, key=lambda problem: (order.get(problem.path, 0), problem.line))


def render_row(entry: Entry, columns: Sequence[str] = COLUMNS) -> str:
    """Return ``entry`` as one TSV line (no newline) in the order of ``columns``."""
    values = _fields(entry)
    return "\t".join(values.get(name, "") for name in columns)


def add_entries(entries: Sequence[Entry], path: Path) -> list[Entry]:
    """Validate ``entries`` and append the new ones to the glossary file ``path``.

    The file (and its folder) is created if needed. A row that repeats one already in the file
    is skipped; the rows written are returned with their ``path:line``.

    Raises:
        GlossaryError: a row is malformed, or contradicts a row of the file or another row.
    """
    existing = list(parse_file(path).entries) if path.exists() else []
    fresh = [_normalised(entry) for entry in entries]
    fresh = [entry for entry in fresh if not _repeats(entry, existing)]
    located = _locate_new(fresh, path, _next_line(path))
    for entry in located:
        problems = [p for p in check_fields(_fields(entry), str(path), entry.line) if p.is_fatal]
        problems += [p for p in check_entry(entry) if p.is_fatal]
        if problems:
            raise GlossaryError(problems[0].message, path, entry.line)
    conflicts = [p for p in find_conflicts([*existing, *located]) if p.is_fatal]
    if conflicts:
        raise GlossaryError(conflicts[0].message, conflicts[0].path, conflicts[0].line)
    _append_rows(located, path)
    return located


def _fields(entry: Entry) -> dict[str, str]:
    return {
        **{name: str(getattr(entry, name)) for name in _TEXT_COLUMNS},
        "variants": f" {VARIANT_SEPARATOR} ".join(entry.variants),
    }


def _normalised(entry: Entry) -> Entry:
    """Return ``entry`` cleaned (:func:`clean_field`) without spaces at the ends of its fields.

    Tabs and line breaks stay, to be refused by the checks.
    """

    def clean(value: str) -> str:
        return clean_field(value).strip(" ")

    texts: dict[str, Any] = {name: clean(getattr(entry, name)) for name in _TEXT_COLUMNS}
    variants = tuple(clean(variant) for variant in entry.variants if variant.strip())
    return dataclasses.replace(entry, **texts, variants=variants)


def _repeats(entry: Entry, existing: Sequence[Entry]) -> bool:
    key = entry_key(entry)
    return any(
        entry_key(other) == key
        and (other.en, other.valid_from, other.valid_to)
        == (entry.en, entry.valid_from, entry.valid_to)
        for other in existing
    )


def _locate_new(entries: Sequence[Entry], path: Path, first_line: int) -> list[Entry]:
    located: list[Entry] = []
    for entry in entries:
        if any(_repeats(entry, [other]) for other in located):
            continue
        line = first_line + len(located)
        located.append(dataclasses.replace(entry, path=str(path), line=line))
    return located


def _next_line(path: Path) -> int:
    """Return the line number the next appended row will have (the header comes first)."""
    text = _decode(_read_bytes(path), str(path)) if path.exists() else ""
    return len(text.splitlines()) + 1 if text.strip() else 2


def _append_rows(entries: Sequence[Entry], path: Path) -> None:
    if not entries:
        return
    columns: Sequence[str] = COLUMNS
    prefix = "\t".join(COLUMNS) + "\n"
    text = _decode(_read_bytes(path), str(path)) if path.exists() else ""
    if text.strip():
        columns = _existing_header(text) or COLUMNS
        prefix = "" if text.endswith("\n") else "\n"
    for entry in entries:
        lost = [name for name, value in _fields(entry).items() if value and name not in columns]
        if lost:
            raise GlossaryError(
                f"the header has no '{lost[0]}' column for the new row; add the column.", path, 1
            )
    rows = "".join(render_row(entry, columns) + "\n" for entry in entries)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8", newline="\n") as file:
            file.write(prefix + rows)
    except OSError as error:
        raise GlossaryError(f"cannot be written ({error.strerror}).", path) from error


def _overlay(base: list[Entry], layer: list[Entry]) -> list[Entry]:
    """Return ``base`` without the entries ``layer`` overrides, followed by ``layer``."""
    overridden = {entry_key(entry) for entry in layer}
    return [entry for entry in base if entry_key(entry) not in overridden] + layer


def _raise_first_fatal(parsed: Sequence[ParsedFile]) -> None:
    problems = [problem for file in parsed for problem in file.problems if problem.is_fatal]
    problems += [
        problem
        for problem in find_conflicts([entry for file in parsed for entry in file.entries])
        if problem.is_fatal
    ]
    if problems:
        first = problems[0]
        raise GlossaryError(first.message, first.path, first.line)


def _read_header(row: list[str], path: str, line: int) -> tuple[list[str], Problem | None]:
    header = [name.strip() for name in row]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        message = f"the header row lacks {', '.join(missing)}; the columns are {' '.join(COLUMNS)}."
        return header, Problem(path, line, message)
    return header, None


def _read_row(
    header: list[str], row: list[str], path: str, line: int
) -> tuple[Entry | None, list[Problem]]:
    if len(row) > len(header):
        message = f"{len(row)} fields but the header has {len(header)}; is there a stray tab?"
        return None, [Problem(path, line, message)]
    raw = dict(zip(header, row, strict=False))
    problems = check_fields({name: raw.get(name, "") for name in COLUMNS}, path, line)
    values = {name: clean_field(raw.get(name, "")).strip() for name in COLUMNS}
    empty = [name for name in REQUIRED if not values[name]]
    if empty:
        message = f"the '{empty[0]}' field is empty; fill it or delete the row."
        return None, [*problems, Problem(path, line, message)]
    entry = Entry(
        **{name: values[name] for name in _TEXT_COLUMNS},
        variants=_split_variants(values["variants"]),
        path=path,
        line=line,
    )
    return entry, [*problems, *check_entry(entry)]


def _split_variants(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(VARIANT_SEPARATOR) if part.strip())


def _existing_header(text: str) -> list[str] | None:
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            return [name.strip() for name in line.split("\t")]
    return None


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

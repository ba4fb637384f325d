"""What can be wrong with glossary rows: one :class:`Problem` per finding, each at ``file:line``.

Fatal problems stop :func:`~songngu.glossary.files.load_glossary` (a row that cannot be read,
two renderings of one term in force at once); the others (non-NFC text, stray spaces, a row
without a source, a duplicate) are reported by ``songngu glossary check`` only.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from songngu.glossary.entries import CASE_POLICIES, TYPES, Entry
from songngu.glossary.slots import SLOT, SLOT_NAMES, slots_of
from songngu.glossary.tokens import phrase_keys
from songngu.readers.validation import clean_text

# A tab or a line break inside a field means a broken row (a stray tab, a field that swallowed
# the next line). Other control codes and invisible characters pasted from the web or Word are
# removed when the file loads (clean_field), with a warning.
_STRUCTURE = re.compile("[\t\n\r\x85\u2028\u2029]")
# Word's line and page breaks (vertical tab, form feed) pasted into a field separate words.
_WORD_BREAKS = re.compile("[\x0b\x0c]")


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding about one glossary row."""

    path: str
    line: int
    message: str
    is_fatal: bool = True

    def __str__(self) -> str:
        """Return ``file:line: message``."""
        return f"{self.path}:{self.line}: {self.message}"


def check_fields(raw: Mapping[str, str], path: str, line: int) -> list[Problem]:
    """Return the problems of one row's raw fields (before normalisation)."""
    problems = []
    for name, value in raw.items():
        if _STRUCTURE.search(value):
            message = f"the '{name}' field holds a control character (a tab or a line break)."
            problems.append(Problem(path, line, message))
        problems += [
            Problem(path, line, message, is_fatal=False) for message in _cleaned(name, value)
        ]
        if value != value.strip():
            problems.append(
                Problem(path, line, f"the '{name}' field has spaces at its ends.", is_fatal=False)
            )
        if not unicodedata.is_normalized("NFC", value):
            problems.append(
                Problem(
                    path,
                    line,
                    f"the '{name}' field is not in Unicode NFC; re-save it composed.",
                    is_fatal=False,
                )
            )
    return problems


def _cleaned(name: str, value: str) -> Iterator[str]:
    """Say what :func:`clean_field` changes in a field, if anything."""
    if _WORD_BREAKS.search(value):
        yield f"the '{name}' field holds a line or page break from Word; it is read as a space."
    removed = clean_text(value).removed
    if removed.total:
        yield f"{removed.describe()} from the '{name}' field."


def clean_field(value: str) -> str:
    """Return a field without invisible characters and control codes, in NFC.

    An entry pasted with a zero-width space or a soft hyphen (U+00AD in ``Thủ tướng``) is cleaned
    exactly as articles are, so that it still matches them. Tabs and line breaks stay, for
    :func:`check_fields` to refuse.
    """
    return unicodedata.normalize("NFC", clean_text(_WORD_BREAKS.sub(" ", value)).text)


def check_entry(entry: Entry) -> list[Problem]:
    """Return the problems of one parsed row."""
    return [
        Problem(entry.path, entry.line, message, is_fatal)
        for message, is_fatal in _iter_entry_findings(entry)
    ]


def find_conflicts(entries: Sequence[Entry]) -> list[Problem]:
    """Return rows that repeat (non-fatal) or contradict (fatal) an earlier row in force."""
    problems = []
    for group in group_by_key(entries).values():
        for index, later in enumerate(group):
            for earlier in group[:index]:
                if not validity_overlaps(earlier, later):
                    continue
                problems.append(_conflict(earlier, later))
                break
    return problems


def group_by_key(entries: Sequence[Entry]) -> dict[tuple[bool, tuple[str, ...]], list[Entry]]:
    """Group entries by what they match: abbreviations apart from terms, then the keys of ``vi``."""
    groups: dict[tuple[bool, tuple[str, ...]], list[Entry]] = defaultdict(list)
    for entry in entries:
        groups[entry_key(entry)].append(entry)
    return groups


def entry_key(entry: Entry) -> tuple[bool, tuple[str, ...]]:
    """Return the key two rows share when they would match the same text."""
    return entry.type == "abbreviation", phrase_keys(entry.vi)


def validity_overlaps(first: Entry, second: Entry) -> bool:
    """Whether two entries are in force on at least one common day."""
    first_ends_after = (
        not first.valid_to or not second.valid_from or first.valid_to >= second.valid_from
    )
    second_ends_after = (
        not second.valid_to or not first.valid_from or second.valid_to >= first.valid_from
    )
    return first_ends_after and second_ends_after


def _conflict(earlier: Entry, later: Entry) -> Problem:
    if earlier.en == later.en:
        return Problem(
            later.path,
            later.line,
            f'"{later.vi}" repeats {earlier.location}; delete one of them.',
            is_fatal=False,
        )
    return Problem(
        later.path,
        later.line,
        f'"{later.vi}" has two renderings in force at once ("{earlier.en}" at '
        f'{earlier.location}, "{later.en}" here); keep one, or give them valid_from/valid_to '
        "dates that do not overlap.",
    )


def _iter_entry_findings(entry: Entry) -> Iterator[tuple[str, bool]]:
    if entry.type not in TYPES:
        yield f"unknown type '{entry.type}'; use one of: {', '.join(TYPES)}.", True
    if entry.case and entry.case not in CASE_POLICIES:
        yield f"unknown case '{entry.case}'; use {' or '.join(CASE_POLICIES)}.", True
    if not phrase_keys(entry.vi):
        yield "the 'vi' field has no letters or digits to match.", True
    if not entry.source:
        yield "the 'source' field is empty; say where the rendering comes from.", False
    yield from _iter_date_findings(entry)
    yield from _iter_slot_findings(entry)


def _iter_date_findings(entry: Entry) -> Iterator[tuple[str, bool]]:
    for name in ("valid_from", "valid_to"):
        value = getattr(entry, name)
        if value and not _is_iso_day(value):
            yield f"{name} '{value}' is not a date; write YYYY-MM-DD.", True
    if entry.valid_from and entry.valid_to and entry.valid_from > entry.valid_to:
        yield f"valid_from {entry.valid_from} is after valid_to {entry.valid_to}.", True


def _iter_slot_findings(entry: Entry) -> Iterator[tuple[str, bool]]:
    vi_slots, en_slots = slots_of(entry.vi), slots_of(entry.en)
    if entry.type != "pattern":
        if "{" in entry.vi + entry.en or "}" in entry.vi + entry.en:
            yield "braces are for pattern rows; set the type to 'pattern' or remove them.", True
        return
    if not vi_slots:
        yield "a pattern needs at least one slot such as {province}.", True
    unknown = [slot for slot in vi_slots + en_slots if slot not in SLOT_NAMES]
    if unknown:
        yield f"unknown slot {{{unknown[0]}}}; use one of {', '.join(SLOT_NAMES)}.", True
    if sorted(vi_slots) != sorted(en_slots):
        yield "the 'vi' and 'en' fields must have the same slots.", True
    if SLOT.sub("", entry.vi).count("{") or not _brackets_balance(entry.vi):
        yield "unbalanced braces or [optional] brackets in 'vi'.", True
    if "[" in entry.en or "]" in entry.en:
        yield "[optional] words are for 'vi' only.", True


def _brackets_balance(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth not in (0, 1):
            return False
    return depth == 0


def _is_iso_day(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10

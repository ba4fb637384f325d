"""Composing titles from pattern rows and the place and agency lists (no enumeration by hand).

``Bí thư Tỉnh ủy {province}`` → ``Secretary of the {province} Provincial Party Committee`` becomes
one term per province row, valid while both the pattern and the province are. ``[optional]``
words in Vietnamese are taken and left out. A slot takes a row's whole text (``{ministry}``:
"Bộ Công an", "Ministry of Public Security"); ``{ministry-name}`` takes the part after ``Bộ`` and
after ``Ministry of``, so a pattern writes ``Thứ trưởng Bộ {ministry-name}`` → ``Deputy Minister
of {ministry-name}``. ``{name}`` stays a slot: names are found at match time.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from songngu.errors import GlossaryError
from songngu.glossary.entries import Entry, is_in_force
from songngu.glossary.slots import (
    BOARD_SLOT,
    DIVISION_NAME_SLOT,
    MATCH_TIME_SLOTS,
    MINISTRY_NAME_SLOT,
    slots_of,
)
from songngu.glossary.tokens import match_key

_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_MINISTRY_HEADS = ("Bộ ", "Ministry of ")
#: More terms than this from one pattern is a mistake in the pattern, not a glossary.
MAX_COMPOSED_PER_PATTERN = 20_000


@dataclass(frozen=True, slots=True)
class Term:
    """Something to match and render: a glossary row, or a pattern filled in."""

    vi: str
    en: str
    type: str
    entry: Entry
    valid_from: str = ""
    valid_to: str = ""
    variants: tuple[str, ...] = ()
    is_composed: bool = False

    def is_valid_on(self, date: str | None) -> bool:
        """Whether the term is in force on ``date`` (see :func:`is_in_force`)."""
        return is_in_force(self.valid_from, self.valid_to, date)


@dataclass(frozen=True, slots=True)
class _Filler:
    vi: str
    en: str
    valid_from: str
    valid_to: str


def iter_terms(entries: Sequence[Entry]) -> Iterator[Term]:
    """Yield a term for every renderable row, then every term the patterns compose."""
    for entry in entries:
        if entry.is_term:
            yield Term(
                entry.vi,
                entry.en,
                entry.type,
                entry,
                entry.valid_from,
                entry.valid_to,
                entry.variants,
            )
    fillers = _fillers_by_type(entries)
    for entry in entries:
        if entry.type == "pattern":
            yield from compose_pattern(entry, fillers)


def compose_pattern(pattern: Entry, fillers: dict[str, list[_Filler]]) -> list[Term]:
    """Return every term ``pattern`` composes from ``fillers``.

    Raises:
        GlossaryError: the pattern would compose an unreasonable number of terms.
    """
    slots = sorted({slot for slot in slots_of(pattern.vi) if slot not in MATCH_TIME_SLOTS})
    slot_fillers = [fillers.get(slot, []) for slot in slots]
    terms: list[Term] = []
    for vi in expand_optional(pattern.vi):
        for chosen in itertools.product(*slot_fillers):
            term = _fill(pattern, vi, dict(zip(slots, chosen, strict=True)))
            if term is not None:
                terms.append(term)
        if len(terms) > MAX_COMPOSED_PER_PATTERN:
            raise GlossaryError(
                f"this pattern composes over {MAX_COMPOSED_PER_PATTERN} terms; "
                "use fewer slots or [optional] groups.",
                pattern.path,
                pattern.line,
            )
    return terms


def expand_optional(text: str) -> list[str]:
    """Return ``text`` with each ``[optional]`` group both kept and left out."""
    groups = _OPTIONAL.findall(text)
    pieces = _OPTIONAL.split(text)
    results = []
    for keep in itertools.product((True, False), repeat=len(groups)):
        parts = [pieces[0]]
        for index, kept in enumerate(keep):
            parts += [groups[index] if kept else "", pieces[2 * index + 2]]
        results.append(" ".join("".join(parts).split()))
    return results


def _fill(pattern: Entry, vi: str, chosen: dict[str, _Filler]) -> Term | None:
    valid_from = max([pattern.valid_from, *(f.valid_from for f in chosen.values())])
    ends = [end for end in [pattern.valid_to, *(f.valid_to for f in chosen.values())] if end]
    valid_to = min(ends) if ends else ""
    if valid_from and valid_to and valid_from > valid_to:
        return None

    def substitute(text: str, side: str) -> str:
        for slot, filler in chosen.items():
            text = text.replace(f"{{{slot}}}", getattr(filler, side))
        return text

    return Term(
        vi=substitute(vi, "vi"),
        en=substitute(pattern.en, "en"),
        type=pattern.type,
        entry=pattern,
        valid_from=valid_from,
        valid_to=valid_to,
        variants=tuple(substitute(variant, "en") for variant in pattern.variants),
        is_composed=True,
    )


def _fillers_by_type(entries: Sequence[Entry]) -> dict[str, list[_Filler]]:
    fillers: dict[str, list[_Filler]] = defaultdict(list)
    for entry in entries:
        if not entry.is_term:
            continue
        fillers[entry.type].append(_Filler(entry.vi, entry.en, entry.valid_from, entry.valid_to))
        stripped = _strip_ministry_heads(entry.vi, entry.en) if entry.type == "ministry" else None
        if stripped is not None:
            filler = _Filler(*stripped, entry.valid_from, entry.valid_to)
            fillers[MINISTRY_NAME_SLOT].append(filler)
        division = _division_name(entry.vi) if entry.type == "agency" else None
        if division is not None:
            fillers[DIVISION_NAME_SLOT].append(
                _Filler(division, entry.en, entry.valid_from, entry.valid_to)
            )
        board = _board(entry.vi) if entry.type in _BOARD_TYPES else None
        if board is not None:
            fillers[BOARD_SLOT].append(_Filler(board, entry.en, entry.valid_from, entry.valid_to))
    return fillers


def _board(vi: str) -> str | None:
    """Return a body whose name begins with ``Ban``, that word in lower case so either case fits.

    News writes the head of a commission both ways: "Phó Trưởng Ban Tổ chức", "Phó Trưởng ban
    Tổ chức" (a lower-case word of a row matches any case, ``docs/design/glossary.md``).
    """
    rest = _after_head(vi, "Ban")
    return None if rest is None else f"ban {rest}"


_BOARD_TYPES = frozenset({"agency", "party-body", "organisation"})


def _division_name(vi: str) -> str | None:
    """Return a division's name after ``Phòng`` ("Trưởng phòng Tài nguyên và Môi trường")."""
    return _after_head(vi, "Phòng")


def _after_head(vi: str, head: str) -> str | None:
    """Return the words of ``vi`` after its first word if that is ``head`` (any case)."""
    words = vi.split(maxsplit=1)
    if len(words) < 2 or match_key(words[0]) != match_key(head):
        return None
    return words[1]


def _strip_ministry_heads(vi: str, en: str) -> tuple[str, str] | None:
    """Return a ministry's name without ``Bộ``/``Ministry of``; None if it lacks them."""
    vi_head, en_head = _MINISTRY_HEADS
    rest = _after_head(vi, vi_head.strip())
    if rest is None or not en.startswith(en_head):
        return None
    return rest, en[len(en_head) :]

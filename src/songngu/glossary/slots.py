"""The slot grammar of pattern rows: ``{province}``, ``{name}``, ``{ministry-name}``.

Beside the entries at the bottom of the glossary package: validation, composition and the
index all read slots, and slots read only the row types.
"""

from __future__ import annotations

import re

from songngu.glossary.entries import TYPES

__all__ = [
    "BOARD_SLOT",
    "DIVISION_NAME_SLOT",
    "LOCAL_SLOT",
    "MATCH_TIME_SLOTS",
    "MINISTRY_NAME_SLOT",
    "NAME_SLOT",
    "NUMBER_SLOT",
    "ORDINAL_SLOT",
    "PLACE_NAME_SLOT",
    "SLOT",
    "SLOT_NAMES",
    "slots_of",
]

#: A slot in a pattern's text: ``{province}``.
SLOT = re.compile(r"\{([^{}]*)\}")
#: Slot names besides the types: ``{name}`` is a personal name found at match time;
#: ``{ministry-name}`` is a ministry without its head ("Công an", "Public Security").
NAME_SLOT = "name"
MINISTRY_NAME_SLOT = "ministry-name"
#: ``{division-name}`` is a division (``Phòng``) row without its head, in Vietnamese only, for
#: titles that end with that head: ``Trưởng phòng {division-name}`` → ``Head of the
#: {division-name}`` ("Head of the Division of Natural Resources and Environment").
DIVISION_NAME_SLOT = "division-name"
#: ``{board}`` is a body whose name begins with ``Ban`` (a board, commission or committee), whole,
#: for the titles that share that word: ``Phó Trưởng {board}`` → ``Deputy Head of the {board}``
#: ("Phó Trưởng Ban Tổ chức Trung ương", "Phó Trưởng ban Nội chính Tỉnh ủy").
BOARD_SLOT = "board"
#: Open classes found at match time, not listed: ``{local}`` is a local unit with its level word
#: ("xã Tả Van"), ``{place-name}`` a bare Vietnamese place name whose level the body gives
#: ("Huyện ủy Bát Xát"), ``{ordinal}`` a Roman or Arabic number ("lần thứ XIX", "khóa 15").
LOCAL_SLOT = "local"
PLACE_NAME_SLOT = "place-name"
ORDINAL_SLOT = "ordinal"
#: ``{number}`` the same numbers kept as a number in English ("khu vực 9" → "Region 9").
NUMBER_SLOT = "number"
#: The slots the matcher fills from the text; the others are filled when the index is built.
MATCH_TIME_SLOTS = frozenset({NAME_SLOT, LOCAL_SLOT, PLACE_NAME_SLOT, ORDINAL_SLOT, NUMBER_SLOT})
#: Every slot a pattern may use: a row type that names something, or one of the two above.
SLOT_NAMES = tuple(
    sorted(
        {
            *(name for name in TYPES if name not in ("abbreviation", "pattern")),
            MINISTRY_NAME_SLOT,
            DIVISION_NAME_SLOT,
            BOARD_SLOT,
            *MATCH_TIME_SLOTS,
        }
    )
)


def slots_of(text: str) -> list[str]:
    """Return the slot names of a pattern, in order (``{province}`` → ``province``)."""
    return SLOT.findall(text)

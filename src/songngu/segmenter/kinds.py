"""Block kinds for plain text: headline, lead, caption, credit, byline, dateline, list item….

Conservative on purpose: a block is a paragraph unless it clearly is something else, because a
wrong kind changes how it is exported (a headline is bold, a meta block is not translated).
The tests run in order and the first that matches decides; each says what it looks for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from songngu.model import BlockKind
from songngu.segmenter.dates import find_date
from songngu.segmenter.sentences import split_sentences
from songngu.segmenter.tags import is_byline, is_credit, is_source_tag
from songngu.segmenter.words import CLOSERS, DASHES, TERMINALS, Word, scan_words

_MAX_HEADLINE_WORDS = 35
_MAX_LEAD_WORDS = 100
_MAX_LEAD_SENTENCES = 3
_MAX_HEADING_WORDS = 12
_MAX_CAPTION_WORDS = 60
_MAX_DATELINE_WORDS = 14
# A dash is not a bullet: "– Anh đi đâu?" opens a line of dialogue.
_LIST_MARKER = re.compile(r"(?:[-+•*●▪◦·]|\d{1,3}[.)]|[a-zđ]\))\s")
# Lowercase words a dateline may hold besides dates, times, places and weekdays.
_DATELINE_WORDS = frozenset(
    {"ngày", "tháng", "năm", "lúc", "giờ", "cập", "nhật", "đăng", "sáng", "chiều", "tối",
     "trưa", "thứ", "chủ", "gmt", "gmt+7", "(gmt+7)", "-", "|", "–"}
)  # fmt: skip
_NO_FINAL_PUNCTUATION = TERMINALS + ",;:"


@dataclass(frozen=True, slots=True)
class Piece:
    """A candidate block: offsets into the text, and a kind when structure already knows it."""

    start: int
    end: int
    kind: BlockKind | None = None


@dataclass(frozen=True, slots=True)
class _Block:
    """What the kind tests look at: the NFC text of a piece, its words and its position."""

    text: str
    words: list[Word]
    is_first_content: bool
    follows_headline: bool
    has_next: bool
    is_last: bool

    @property
    def is_one_line(self) -> bool:
        return len(self.text.splitlines()) == 1

    @property
    def final_character(self) -> str:
        return self.text.rstrip(CLOSERS)[-1:]


def classify_pieces(text: str, pieces: Sequence[Piece]) -> list[BlockKind]:
    """Return the kind of every piece, in order; a piece's own kind is kept."""
    kinds: list[BlockKind] = []
    for position, piece in enumerate(pieces):
        if piece.kind is not None:
            kinds.append(piece.kind)
            continue
        block_text = unicodedata.normalize("NFC", text[piece.start : piece.end])
        block = _Block(
            text=block_text,
            words=scan_words(block_text),
            is_first_content=all(kind in (BlockKind.META, BlockKind.DATELINE) for kind in kinds),
            follows_headline=bool(kinds) and kinds[-1] is BlockKind.HEADLINE,
            has_next=position + 1 < len(pieces),
            is_last=position + 1 == len(pieces),
        )
        kinds.append(next((kind for kind, test in _TESTS if test(block)), BlockKind.PARAGRAPH))
    return kinds


def is_byline_text(text: str, *, is_last: bool) -> bool:
    """Whether one line of text is a byline or source line ("Theo Báo X", "PV", "(TTXVN)")."""
    return is_byline(scan_words(unicodedata.normalize("NFC", text)), is_last=is_last)


def _is_dateline(block: _Block) -> bool:
    """A date line and little else: "Thứ Hai, 11/3/2024 08:30", "Hà Nội, ngày 12/3/2024"."""
    if not block.is_one_line or len(block.words) > _MAX_DATELINE_WORDS:
        return False
    if find_date(block.text) is None:
        return False
    return all(
        not word.text[0].islower() or word.text.rstrip(",").lower() in _DATELINE_WORDS
        for word in block.words
    )


def _is_credit(block: _Block) -> bool:
    """A block that is only a credit: "Ảnh: Minh Anh", "(Ảnh: TTXVN)", "Ảnh minh họa"."""
    return block.is_one_line and is_credit(block.words)


def _is_byline(block: _Block) -> bool:
    """A byline or source line ("PV", "(TTXVN)", "Theo Báo X"); a bare name only at the end."""
    return block.is_one_line and is_byline(block.words, is_last=block.is_last)


def _is_caption(block: _Block) -> bool:
    """A short block that ends in a credit: "… tại TP. Hạ Long (Ảnh: Minh Anh)"."""
    words = block.words
    if not block.is_one_line or len(words) > _MAX_CAPTION_WORDS or len(words) < 3:
        return False
    if block.text.endswith(")"):
        openings = [index for index, word in enumerate(words) if word.text.startswith("(")]
        tail = words[openings[-1] :] if openings else []
        return is_source_tag(tail) and is_credit(tail)
    last_start, _ = split_sentences(block.text)[-1]
    tail = [word for word in words if word.start >= last_start]
    return len(tail) < len(words) and is_credit(tail)


def _is_headline(block: _Block) -> bool:
    """The first block: one line, at most 35 words, no final full stop, more blocks follow.

    Not a list item, and not a line of dialogue ("– Anh đi đâu?").
    """
    return (
        block.is_first_content
        and block.has_next
        and block.is_one_line
        and len(block.words) <= _MAX_HEADLINE_WORDS
        and block.final_character not in ".,;:…"
        and not _LIST_MARKER.match(block.text)
        and block.text[0] not in DASHES
    )


def _is_lead(block: _Block) -> bool:
    """The sapo right after the headline: one line, up to 3 sentences, more blocks follow."""
    return (
        block.follows_headline
        and block.has_next
        and block.is_one_line
        and len(block.words) <= _MAX_LEAD_WORDS
        and block.final_character != ""
        and block.final_character in TERMINALS
        and len(split_sentences(block.text)) <= _MAX_LEAD_SENTENCES
    )


def _is_list_item(block: _Block) -> bool:
    """One line opening with a bullet ("- ", "• ", "+ ") or a label ("1. ", "2) ", "a) ")."""
    return block.is_one_line and _LIST_MARKER.match(block.text) is not None


def _is_heading(block: _Block) -> bool:
    """A short line inside the article, without final punctuation, followed by more text."""
    return (
        block.has_next
        and block.is_one_line
        and len(block.words) <= _MAX_HEADING_WORDS
        and block.final_character not in _NO_FINAL_PUNCTUATION
    )


_TESTS: tuple[tuple[BlockKind, Callable[[_Block], bool]], ...] = (
    (BlockKind.DATELINE, _is_dateline),
    (BlockKind.BYLINE, _is_byline),
    (BlockKind.CREDIT, _is_credit),
    (BlockKind.CAPTION, _is_caption),
    (BlockKind.HEADLINE, _is_headline),
    (BlockKind.LEAD, _is_lead),
    (BlockKind.LIST_ITEM, _is_list_item),
    (BlockKind.HEADING, _is_heading),
)

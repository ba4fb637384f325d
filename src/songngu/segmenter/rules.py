"""The boundary rules: is the whitespace after a word the end of a sentence?

Each rule is one convention of ``docs/design/segmenter.md`` (C1–C11) and answers True (a
boundary), False (not one) or None (no opinion). :func:`is_boundary` asks them in order and the
first opinion wins, so a rule only has to get its own case right.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from songngu.segmenter import quotes, tags
from songngu.segmenter.abbreviations import is_initial, is_soft_abbreviation, is_title
from songngu.segmenter.syllables import is_vietnamese_syllable
from songngu.segmenter.vocabulary import (
    ADDRESS_CONTEXT,
    ADMINISTRATIVE_LETTERS,
    CLAUSE_OPENERS,
    DIGRAPH_INITIALS,
    SECTION_WORDS,
    WEAK_ADDRESS_CONTEXT,
)
from songngu.segmenter.words import (
    LINE_BREAKS,
    Terminal,
    Word,
    is_capitalised,
    starts_lowercase,
    starts_sentence,
)

_ROMAN_NUMERAL = frozenset("IVXLC")


@dataclass(frozen=True, slots=True)
class Gap:
    """The whitespace after ``words[index]``, inside a sentence that began at ``first``."""

    text: str
    words: Sequence[Word]
    index: int
    first: int

    @property
    def left(self) -> Word:
        """The word before the gap."""
        return self.words[self.index]

    @property
    def right(self) -> Word:
        """The word after the gap."""
        return self.words[self.index + 1]

    @property
    def previous(self) -> Word | None:
        """The word before ``left`` in the same sentence, if any."""
        return self.words[self.index - 1] if self.index > self.first else None

    @property
    def has_line_break(self) -> bool:
        """Whether the gap holds a line break (C6)."""
        return any(char in LINE_BREAKS for char in self.text[self.left.end : self.right.start])


Rule = Callable[[Gap], "bool | None"]


def line_break_rule(gap: Gap) -> bool | None:
    """C6: inside a paragraph every line break is a boundary; sentences never hold one."""
    return True if gap.has_line_break else None


def omission_rule(gap: Gap) -> bool | None:
    """C10: an omission or doubt mark in brackets — "(...)", "[…]", "(?)" — ends nothing."""
    left = gap.left
    return False if not left.core and left.opening and left.closing else None


def tag_rule(gap: Gap) -> bool | None:
    """C7/C11: without terminal punctuation, only the end of a credit or source tag is a cut."""
    if gap.left.terminal:
        return None
    return tags.ends_glued_tag(gap.words, gap.index, gap.first)


def attribution_rule(gap: Gap) -> bool | None:
    """C4/C5: a quotation or dialogue line keeps its attribution ("…”, ông nói." / "– chị hỏi.")."""
    is_attribution = quotes.is_followed_by_attribution(gap.text, gap.words, gap.index, gap.first)
    return False if is_attribution else None


def abbreviation_rule(gap: Gap) -> bool | None:
    """C3: a title never ends a sentence ("TP. Huế"); a soft abbreviation only before a start."""
    left = gap.left
    if not left.has_bare_period:
        return None
    if is_title(left.core):
        return False
    if is_soft_abbreviation(left.core):
        return starts_sentence(gap.right)
    return None


def label_rule(gap: Gap) -> bool | None:
    """C8: "1.", "IV.", "a." opening a sentence, or after ":"/";", is a list label.

    So is the number of a section heading: "Điều 5. Phạm vi điều chỉnh", "Bước 1. Tải ứng dụng".
    """
    left, previous = gap.left, gap.previous
    if not left.has_bare_period or not _is_label(left.core):
        return None
    if previous is None or previous.text.endswith((":", ";")):
        return False
    is_heading = gap.index == gap.first + 1 and previous.text in SECTION_WORDS
    return False if is_heading else None


def initial_rule(gap: Gap) -> bool | None:
    """C3: decide whether an initial ("Nguyễn Văn T.", "độ C.", "A. Cô-bi-a-cốp") ends a sentence.

    In police and court news the initial is the given name, so a Vietnamese word with a capital
    after it starts a new sentence; a lowercase word, a bracket ("T. (SN 1990)"), another
    initial, a foreign or transliterated name, or an address after "P."/"Q." continues the
    sentence. A bracketed source tag or sentence after it is a new sentence ("quý I. (TTXVN)").
    """
    left, right, previous = gap.left, gap.right, gap.previous
    if not left.has_bare_period or not is_initial(left.core):
        return None
    if previous is None and left.core in DIGRAPH_INITIALS:  # "Ng. Văn A" opens a byline
        return False
    if right.text[0] in "([":
        return tags.opens_bracketed_tag_or_sentence(gap.words, gap.index + 1)
    if starts_lowercase(right):
        return False
    if right.has_bare_period and is_initial(right.core):
        # "G. W. Bush" is one name; in "Phạm Văn Đ. Đ. khai nhận" the second initial is the
        # subject of a new sentence, which a lowercase verb after it gives away.
        return _is_followed_by_lowercase(gap.words, gap.index + 1)
    if left.core in ADMINISTRATIVE_LETTERS and (
        right.text[0].isdigit() or _is_address_context(previous, right)
    ):
        return False
    if right.text[0].isdigit():
        # "độ C. 30 phút sau" ends a sentence; "bị cáo Lê Thị H. 9 năm tù" does not.
        return previous is not None and not is_capitalised(previous)
    if _is_foreign_name(right):
        return False
    return starts_sentence(right)


def start_rule(gap: Gap) -> bool | None:
    """C1/C5: terminal punctuation ends a sentence when the next word can start one.

    A lowercase word starts a sentence only after a bare full stop; after "?", "!", "…" or a
    closing quote it continues the sentence ("…không?” ông hỏi").
    """
    left, right = gap.left, gap.right
    if left.terminal_kind is Terminal.NONE:
        return False
    if starts_sentence(right):
        return True
    bare_period = left.terminal_kind is Terminal.PERIOD and not left.closing and not left.inner
    return bare_period and starts_lowercase(right)


RULES: tuple[Rule, ...] = (
    line_break_rule,
    omission_rule,
    tag_rule,
    attribution_rule,
    label_rule,
    abbreviation_rule,
    initial_rule,
    start_rule,
)


def is_boundary(gap: Gap) -> bool:
    """Whether the gap ends a sentence: the first rule with an opinion decides."""
    for rule in RULES:
        verdict = rule(gap)
        if verdict is not None:
            return verdict
    return False


def _is_label(core: str) -> bool:
    if core.isdigit():
        return len(core) <= 3
    if len(core) == 1:
        return core.isalpha()
    return len(core) <= 6 and all(char in _ROMAN_NUMERAL for char in core)


def _is_followed_by_lowercase(words: Sequence[Word], index: int) -> bool:
    return index + 1 < len(words) and starts_lowercase(words[index + 1])


def _is_address_context(previous: Word | None, right: Word) -> bool:
    """Whether a one-letter prefix is in an address: "…, P. 13, Q. 3", "tại Q. Bình Thạnh"."""
    if previous is None:
        return False
    word = previous.text.lower()
    if previous.text.endswith(",") or word in ADDRESS_CONTEXT:
        return True
    return word in WEAK_ADDRESS_CONTEXT and right.core not in CLAUSE_OPENERS


def _is_foreign_name(word: Word) -> bool:
    """A transliterated ("Cô-bi-a-cốp") or foreign ("Bush", "Lavrov") name, not an acronym."""
    core = word.core.rstrip(",;:")
    if "-" in core:
        return True
    if not core.isalpha() or core.isupper():
        return False
    return not is_vietnamese_syllable(core)

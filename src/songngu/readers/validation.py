"""What a readable article is: clean line breaks, no control codes, no markup, Vietnamese text.

:func:`clean_text` makes decoded text hold only what every stage and output can use: line breaks
are LF (Word's manual line break, a vertical tab, is one; its page break, a form feed, is a
paragraph break), invisible characters are removed (:mod:`songngu.readers.invisible`) and other
control codes too. Offsets (``songngu segment --json``, ``songngu glossary match --json``) are
into this cleaned text. :func:`check_article_text` refuses what cannot be translated and says
what it found instead.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass

from songngu.errors import InputError
from songngu.readers.invisible import remove_invisible
from songngu.readers.language import LanguageProfile, profile_text

__all__ = [
    "CleanText",
    "Removed",
    "check_article_text",
    "clean_text",
    "count_binary_controls",
    "single_line",
]

logger = logging.getLogger(__name__)

# Line breaks other than LF and CRLF: a lone CR (classic Mac OS), NEL, LINE and PARAGRAPH
# SEPARATOR, and the vertical tab that text copied out of Word carries for a manual line break
# (Shift+Enter). The segmenter and the exporters break lines on LF only.
_LINE_BREAKS = re.compile("\r(?!\n)|[\x0b\x85\u2028\u2029]")
# Word's page break (Ctrl+Enter) comes out as a form feed: a paragraph break.
_PAGE_BREAK = "\x0c"
# Control codes no output can hold (XML 1.0 forbids C0 controls but tab, LF and CR; Word drops
# them): the rest of C0, DEL, C1 but NEL, and the noncharacters U+FFFE and U+FFFF.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_ANY_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_C0_NAMES = (  # noqa: SIM905 - the ASCII abbreviations read best as a list
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI "
    "DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()
_MARKUP_START = re.compile(r"\s*<(?:!doctype\s+html|html|\?xml|svg)\b", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
# An article is Vietnamese when this share of its words (or this many words) are marked
# Vietnamese syllables; see docs/design/robustness.md.
# Real articles score 0.8-0.9; one that is half English quotes still scores about 0.4.
_MIN_VIETNAMESE_SHARE = 0.3
_MIN_VIETNAMESE_WORDS = 50
_MIN_UNACCENTED_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class Removed:
    """What cleaning took out of a text: invisible characters and control codes, by name."""

    invisible: tuple[tuple[str, int], ...] = ()
    controls: tuple[tuple[str, int], ...] = ()
    num_spaces: int = 0  # zero-width spaces between two words, which became spaces

    def __add__(self, other: Removed) -> Removed:
        """Return the removals of two texts together (the paragraphs of one Word file)."""
        return Removed(
            _merge(self.invisible, other.invisible),
            _merge(self.controls, other.controls),
            self.num_spaces + other.num_spaces,
        )

    @property
    def total(self) -> int:
        """The number of characters removed (spaces made of zero-width spaces included)."""
        return sum(count for _, count in (*self.invisible, *self.controls))

    def describe(self) -> str:
        """Say in one line what was removed, for the reader's warning.

        ``removed 3 invisible characters (soft hyphen, zero-width spaces; 1 between two words
        became a space) and 2 control characters (BEL, ESC)``
        """
        parts = []
        if self.invisible:
            spaces = f"; {self.num_spaces} between two words became a space"
            note = spaces if self.num_spaces else ""
            parts.append(_describe_counts(self.invisible, "invisible character", note))
        if self.controls:
            parts.append(_describe_counts(self.controls, "control character"))
        return "removed " + " and ".join(parts)


@dataclass(frozen=True, slots=True)
class CleanText:
    """Text with line breaks normalised and invisible characters and control codes removed."""

    text: str
    removed: Removed = Removed()


def clean_text(text: str) -> CleanText:
    """Normalise line breaks to LF; remove invisible characters and other control codes."""
    text = _LINE_BREAKS.sub("\n", text).replace(_PAGE_BREAK, "\n\n")
    controls = Counter(_control_name(character) for character in _CONTROLS.findall(text))
    if controls:
        text = _CONTROLS.sub("", text)
    invisible = remove_invisible(text)
    removed = Removed(invisible.counts, tuple(sorted(controls.items())), invisible.num_spaces)
    return CleanText(invisible.text, removed)


def count_binary_controls(text: str) -> int:
    """Count the control codes in ``text`` that text files do not use (tab and breaks aside)."""
    return len(_CONTROLS.findall(text))


def single_line(text: str) -> str:
    """Return ``text`` as one clean line: line breaks become spaces, control codes go.

    For model output, which is untrusted text too: a segment is one sentence, and every
    exporter must be able to hold and read back exactly what it is given.
    """
    return _ANY_LINE_BREAK.sub(" ", clean_text(text).text).strip()


def check_article_text(text: str, path: str) -> None:
    """Refuse markup and text without Vietnamese; warn about Vietnamese without diacritics.

    Raises:
        InputError: the text is HTML/XML, has no letters, or is not Vietnamese (the message
            says what it looks like).
    """
    _refuse_markup(text, path)
    profile = profile_text(text)
    if profile.num_words == 0:
        raise InputError(
            f"{path}: has no letters, only digits, punctuation or symbols; nothing to translate."
        )
    if _is_vietnamese(profile):
        return
    if _is_unaccented_vietnamese(profile):
        logger.warning(
            "%s: looks like Vietnamese written without diacritics; the translation will be "
            "less reliable than from accented text.",
            path,
        )
        return
    raise InputError(f"{path}: has no Vietnamese text: {_describe(profile)}.")


def _refuse_markup(text: str, path: str) -> None:
    if _MARKUP_START.match(text):
        raise InputError(
            f"{path}: looks like an HTML or XML page, not an article; save the article's text "
            "as .txt or .md (or the page as .docx from Word)."
        )
    tags = _TAG.findall(text)
    markup = sum(len(tag) for tag in tags)
    visible = len(text) - text.count(" ") - text.count("\n")
    if len(tags) >= 10 and markup > 0.3 * max(visible, 1):
        raise InputError(
            f"{path}: is mostly markup ({len(tags)} HTML/XML tags), not an article; save the "
            "article's text as .txt or .md."
        )


def _is_vietnamese(profile: LanguageProfile) -> bool:
    # French "à" or "là" are Vietnamese syllables too; French has more words Vietnamese lacks.
    enough = (
        profile.vietnamese_share >= _MIN_VIETNAMESE_SHARE
        or profile.num_vietnamese >= _MIN_VIETNAMESE_WORDS
    )
    return enough and profile.num_vietnamese > profile.num_other_latin


def _is_unaccented_vietnamese(profile: LanguageProfile) -> bool:
    unaccented = profile.num_unaccented_vietnamese
    return (
        unaccented >= 2
        and unaccented >= _MIN_UNACCENTED_SHARE * profile.num_plain_latin
        and unaccented > profile.num_english
    )


def _describe(profile: LanguageProfile) -> str:
    """Say in a few words what the text is, for the refusal message."""
    words = profile.num_words
    if profile.scripts and profile.scripts[0][1] * 2 >= words:
        script, count = profile.scripts[0]
        return f"it is written in {script} ({count} of {words} words)"
    other = profile.num_other_latin
    if other >= 2 and other > profile.num_vietnamese:
        return (
            f"{other} of {words} words have accents Vietnamese does not use (another language "
            "such as French or German, or Vietnamese in an old font encoding such as TCVN3 or "
            "VNI that could not be converted; save it as Unicode)"
        )
    if profile.num_english * 10 >= profile.num_plain_latin:
        return f"it looks like English ({words} words, {profile.num_vietnamese} Vietnamese)"
    return (
        f"{profile.num_plain_latin} of {words} words are plain Latin letters and "
        f"{profile.num_vietnamese} are Vietnamese; songngu translates from Vietnamese"
    )


def _control_name(character: str) -> str:
    code = ord(character)
    if code < len(_C0_NAMES):
        return _C0_NAMES[code]
    return "DEL" if code == 0x7F else f"U+{code:04X}"


def _merge(
    first: tuple[tuple[str, int], ...], second: tuple[tuple[str, int], ...]
) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((Counter(dict(first)) + Counter(dict(second))).items()))


def _describe_counts(counts: tuple[tuple[str, int], ...], noun: str, note: str = "") -> str:
    """Return ``3 invisible characters (soft hyphens, zero-width space)``.

    Names of invisible characters are words and take a plural; control codes (``BEL``) are
    abbreviations and do not.
    """
    total = sum(count for _, count in counts)
    names = ", ".join(
        f"{name}s" if count > 1 and not name.isupper() else name for name, count in counts
    )
    return f"{total} {noun}{'s' if total > 1 else ''} ({names}{note})"

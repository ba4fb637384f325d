"""What a readable article is: clean line breaks, no control codes, no markup, Vietnamese text.

:func:`clean_text` replaces characters one for one, so offsets into the decoded text stay
valid (``songngu segment --json`` reports them). :func:`check_article_text` refuses what cannot
be translated and says what it found instead.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from songngu.errors import InputError
from songngu.readers.language import LanguageProfile, profile_text

__all__ = ["CleanText", "check_article_text", "clean_text", "count_unwanted", "single_line"]

logger = logging.getLogger(__name__)

# Line breaks other than LF and CRLF: a lone CR (classic Mac OS), NEL, LINE and PARAGRAPH
# SEPARATOR. The segmenter and the exporters break lines on LF only.
_LINE_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
# Characters no output can hold (XML 1.0 forbids C0 controls but tab, LF and CR; Word drops
# them), C1 controls and DEL, and byte-order marks left in the middle of concatenated files.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff]")
_ANY_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_MARKUP_START = re.compile(r"\s*<(?:!doctype\s+html|html|\?xml|svg)\b", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][\w:-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
# An article is Vietnamese when this share of its words (or this many words) are marked
# Vietnamese syllables; see docs/design/robustness.md.
# Real articles score 0.8-0.9; one that is half English quotes still scores about 0.4.
_MIN_VIETNAMESE_SHARE = 0.3
_MIN_VIETNAMESE_WORDS = 50
_MIN_UNACCENTED_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class CleanText:
    """Text with line breaks normalised and unwanted characters replaced by spaces."""

    text: str
    num_replaced: int


def clean_text(text: str) -> CleanText:
    """Normalise line breaks to LF and replace control characters by spaces, one for one."""
    text = _LINE_BREAKS.sub("\n", text)
    cleaned, num_replaced = _UNWANTED.subn(" ", text)
    return CleanText(cleaned, num_replaced)


def count_unwanted(text: str) -> int:
    """Count the characters :func:`clean_text` would replace (control codes, stray BOMs)."""
    return len(_UNWANTED.findall(text))


def single_line(text: str) -> str:
    """Return ``text`` as one clean line: line breaks and control characters become spaces.

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

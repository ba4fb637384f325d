"""QA checks on translated segments: small named functions returning Issues.

Each check's docstring is written for editors: ``songngu checks --list`` prints it. Codes are
stable kebab-case names that users can filter on (after Translate Toolkit's ``checks``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from songngu.dates import find_english_dates, find_vietnamese_dates
from songngu.model import Document, Issue, Origin, Segment, Severity, map_segments
from songngu.numerals import find_english_numbers, find_vietnamese_numbers, match_numbers
from songngu.repetition import count_english_sentences, find_repetition
from songngu.segmenter.sentences import split_sentences
from songngu.vietnamese import has_vietnamese_letters, strip_diacritics

CheckFunction = Callable[[Segment], Iterator[Issue]]


@dataclass(frozen=True, slots=True)
class Check:
    """A named check: its stable code, its severity and the function that runs it."""

    code: str
    severity: Severity
    function: CheckFunction

    @property
    def description(self) -> str:
        """Return the check's explanation for editors (its docstring)."""
        return " ".join((self.function.__doc__ or "").split())


def check_empty_target(segment: Segment) -> Iterator[Issue]:
    """The English side is empty: the sentence was not translated at all."""
    if segment.target is not None and not segment.target.strip():
        yield Issue("empty-target", Severity.ERROR, "The translation is empty.")


def check_untranslated(segment: Segment) -> Iterator[Issue]:
    """The English side repeats the Vietnamese (perhaps without accents): not translated."""
    target = segment.target or ""
    if has_vietnamese_letters(segment.source) and _fold(target) == _fold(segment.source):
        yield Issue("untranslated", Severity.ERROR, "The translation repeats the source.")


def check_terms(segment: Segment) -> Iterator[Issue]:
    """A glossary term's required English rendering is missing from the translation."""
    for term in segment.terms:
        if not term.enforced:
            yield Issue(
                "term-missing",
                Severity.ERROR,
                f"'{term.source}' must be rendered as '{term.target}', which is missing.",
            )


def check_length_ratio(segment: Segment) -> Iterator[Issue]:
    """The English is far shorter or longer than the Vietnamese: something missing or added?"""
    ratio = length_ratio(segment)
    if ratio is None:
        return
    low, high = ratio_bounds(len(segment.source.strip()))
    if ratio < low:
        yield Issue(
            "length-ratio",
            Severity.WARNING,
            f"The translation is only {ratio:.1f}× the length of the source; is part missing?",
        )
    elif ratio > high:
        yield Issue(
            "length-ratio",
            Severity.WARNING,
            f"The translation is {ratio:.1f}× the length of the source; is something added?",
        )


def check_repetition(segment: Segment) -> Iterator[Issue]:
    """The English repeats a word or phrase over and over, and the Vietnamese does not.

    "I'm sorry I'm sorry…" is a known failure of MT models.
    """
    loop = find_repetition(segment.target or "")
    if loop is None:
        return
    source_loop = find_repetition(segment.source)
    if source_loop is None or source_loop.count < loop.count:
        unit = loop.unit if len(loop.unit) <= 60 else loop.unit[:57] + "…"
        yield Issue(
            "repetition", Severity.ERROR, f"'{unit}' is repeated {loop.count} times in a row."
        )


def check_numbers(segment: Segment) -> Iterator[Issue]:
    """A number in the Vietnamese is missing from the English.

    Each side is read with its own conventions: 1.000 = 1,000 and 3,5 = 3.5; 4.500 tỷ =
    4,500 billion = 4.5 trillion; 5 = five; 15 giờ = 15:00 = 3 p.m.
    """
    if segment.target is None:
        return
    dates = find_vietnamese_dates(segment.source)
    numbers = find_vietnamese_numbers(segment.source, skip=[(d.start, d.end) for d in dates])
    missing = match_numbers(numbers, find_english_numbers(segment.target))
    if missing:
        listed = ", ".join(mention.text for mention in missing)
        yield Issue("numbers-differ", Severity.WARNING, f"Not found in the translation: {listed}.")


def check_dates(segment: Segment) -> Iterator[Issue]:
    """A date in the Vietnamese is missing from the English or differs from it.

    25/11/2026 must come back as November 25, 2026, 25 November 2026 or 25/11/2026.
    """
    if segment.target is None:
        return
    found = find_english_dates(segment.target)
    dates = find_vietnamese_dates(segment.source)
    missing = [date for date in dates if not date.is_found_in(found)]
    if missing:
        listed = ", ".join(
            date.text if date.text == date.label else f"{date.text} ({date.label})"
            for date in missing
        )
        yield Issue("dates-differ", Severity.WARNING, f"Not found in the translation: {listed}.")


def check_sentence_count(segment: Segment) -> Iterator[Issue]:
    """The English has fewer sentences than the Vietnamese: a sentence may have been dropped."""
    source_count = len(split_sentences(segment.source))
    target_count = count_english_sentences(segment.target or "")
    if source_count > 1 and 0 < target_count < source_count:
        yield Issue(
            "sentence-count",
            Severity.WARNING,
            f"The source has {source_count} sentences but the translation {target_count}; "
            "is one missing?",
        )


CHECKS = (
    Check("empty-target", Severity.ERROR, check_empty_target),
    Check("untranslated", Severity.ERROR, check_untranslated),
    Check("term-missing", Severity.ERROR, check_terms),
    Check("length-ratio", Severity.WARNING, check_length_ratio),
    Check("repetition", Severity.ERROR, check_repetition),
    Check("numbers-differ", Severity.WARNING, check_numbers),
    Check("dates-differ", Severity.WARNING, check_dates),
    Check("sentence-count", Severity.WARNING, check_sentence_count),
)


@dataclass(frozen=True, slots=True)
class IssueKind:
    """An issue code that the translation stages attach themselves, described for editors."""

    code: str
    severity: Severity
    description: str


#: Issues that are not checks of a finished translation but notes of how it was made
#: (``songngu.translation``); listed here so that ``songngu checks --list`` names every code.
TRANSLATION_ISSUES = (
    IssueKind(
        "length-cap",
        Severity.WARNING,
        "The model stopped at its output length cap: the end of the sentence may be missing or "
        "repeated (with retries on, the sentence is translated again).",
    ),
    IssueKind(
        "retried",
        Severity.INFO,
        "The first translation failed a check (a loop, a dropped sentence, empty or cut short); "
        "this one is a second attempt, and the note says how it was made.",
    ),
)


def catalogue() -> list[Check | IssueKind]:
    """Return every issue code an output can carry: the checks, then the translation notes."""
    return [*CHECKS, *TRANSLATION_ISSUES]


def check_segment(segment: Segment) -> Segment:
    """Run every check on a translated segment and append the issues it finds."""
    if segment.target is None or segment.origin is Origin.COPY:
        return segment
    known = {issue.code for issue in segment.issues}
    found = [
        issue for check in CHECKS for issue in check.function(segment) if issue.code not in known
    ]
    return dataclasses.replace(segment, issues=(*segment.issues, *found))


def check_document(document: Document) -> Document:
    """Return ``document`` with QA issues attached to its segments."""
    return map_segments(document, check_segment)


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", strip_diacritics(text).casefold()))


def length_ratio(segment: Segment) -> float | None:
    """Return characters of target per character of source, or None when too short to judge."""
    source, target = segment.source.strip(), (segment.target or "").strip()
    if len(source) < 20 or not target:
        return None
    return len(target) / len(source)


def ratio_bounds(source_length: int) -> tuple[float, float]:
    """Return the plausible range of :func:`length_ratio` for a source of this length.

    Real articles run at about 1.0-1.3 (English words are longer, but fewer); short sentences
    (headlines, captions) vary more.
    """
    return (0.3, 3.2) if source_length < 60 else (0.45, 2.4)

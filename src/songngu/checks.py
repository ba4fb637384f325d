"""QA checks on translated segments: small named functions returning Issues.

Each check's docstring is written for editors: ``songngu checks --list`` prints it. Codes are
stable kebab-case names that users can filter on (after Translate Toolkit's ``checks``).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from songngu.model import Document, Issue, Origin, Segment, Severity, map_segments
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
    source, target = segment.source.strip(), (segment.target or "").strip()
    if len(source) < 20 or not target:
        return
    ratio = len(target) / len(source)
    if not 0.45 <= ratio <= 2.6:
        yield Issue(
            "length-ratio",
            Severity.WARNING,
            f"The translation is {ratio:.1f}× the length of the source; "
            "check for omissions or additions.",
        )


def check_repetition(segment: Segment) -> Iterator[Issue]:
    """The English repeats a word or phrase over and over (a known failure of MT models)."""
    words = re.findall(r"\w+", (segment.target or "").casefold())
    for size in range(1, 5):
        grams = Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
        source_words = re.findall(r"\w+", strip_diacritics(segment.source).casefold())
        for gram, count in grams.items():
            if count >= max(4, 6 - size) and count > _count_gram(source_words, gram) + 2:
                phrase = " ".join(gram)
                yield Issue("repetition", Severity.ERROR, f"'{phrase}' is repeated {count} times.")
                return


def check_numbers(segment: Segment) -> Iterator[Issue]:
    """A number in the Vietnamese does not appear in the English (1.000 = 1,000; 3,5 = 3.5)."""
    if segment.target is None:
        return
    source_numbers = Counter(_vietnamese_numbers(segment.source))
    target_numbers = Counter(_english_numbers(segment.target))
    missing = sorted(source_numbers - target_numbers)
    if missing:
        listed = ", ".join(_format_number(number) for number in missing)
        yield Issue("numbers-differ", Severity.WARNING, f"Not found in the translation: {listed}.")


CHECKS = (
    Check("empty-target", Severity.ERROR, check_empty_target),
    Check("untranslated", Severity.ERROR, check_untranslated),
    Check("term-missing", Severity.ERROR, check_terms),
    Check("length-ratio", Severity.WARNING, check_length_ratio),
    Check("repetition", Severity.ERROR, check_repetition),
    Check("numbers-differ", Severity.WARNING, check_numbers),
)


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


def _count_gram(words: list[str], gram: tuple[str, ...]) -> int:
    size = len(gram)
    return sum(1 for i in range(len(words) - size + 1) if tuple(words[i : i + size]) == gram)


# Vietnamese writes 1.000.000 and 3,5; English writes 1,000,000 and 3.5.
_VIETNAMESE_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)")
_ENGLISH_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)")


def _vietnamese_numbers(text: str) -> list[float]:
    return [
        float(match.replace(".", "").replace(",", "."))
        for match in _VIETNAMESE_NUMBER.findall(text)
    ]


def _english_numbers(text: str) -> list[float]:
    return [float(match.replace(",", "")) for match in _ENGLISH_NUMBER.findall(text)]


def _format_number(number: float) -> str:
    return f"{number:g}"

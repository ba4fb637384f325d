"""Second attempts for translations that failed in the ways MT models are known to fail.

After the first pass, a segment whose checks find a repetition loop, a dropped sentence, an
empty or far too short translation, or whose output ran to the length cap, is translated once
more: clause by clause, and with repetition controls when the backend offers them. The
candidate with the fewest error- and then warning-level issues is kept; a tie keeps the first
translation. The translate stage supplies the attempts (it knows how to split and enforce
terms); this module decides who needs a retry and which candidate wins.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from songngu.backends import Translator
from songngu.checks import check_segment, length_ratio, ratio_bounds
from songngu.model import Issue, Segment, Severity

__all__ = [
    "NO_REPEAT_NGRAM_SIZE",
    "REPETITION_PENALTY",
    "RETRY_CODES",
    "RetryAttempt",
    "SupportsRepetitionControls",
    "retry_reasons",
    "retry_segments",
]

#: Issue codes that earn a segment a second attempt.
RETRY_CODES = frozenset({"repetition", "sentence-count", "empty-target", "length-cap"})
# The repetition penalty of Keskar et al. (2019), "CTRL", §4.1, and the n-gram blocking size
# the transformers documentation suggests; mild enough to leave normal sentences unchanged.
REPETITION_PENALTY = 1.2
NO_REPEAT_NGRAM_SIZE = 3


@runtime_checkable
class SupportsRepetitionControls(Protocol):
    """A backend that can decode with repetition controls, sharing its loaded model."""

    def with_repetition_controls(
        self, repetition_penalty: float, no_repeat_ngram_size: int
    ) -> Translator:
        """Return a translator like this one that penalises and blocks repeated n-grams."""
        ...


@dataclass(frozen=True, slots=True)
class RetryAttempt:
    """One way to translate failing segments again, described for the editor."""

    description: str
    translate: Callable[[list[Segment]], dict[str, Segment]]


def retry_reasons(segment: Segment) -> list[str]:
    """Return the issue codes (and ``too-short``) that call for another attempt."""
    checked = check_segment(segment)
    reasons = sorted({issue.code for issue in checked.issues} & RETRY_CODES)
    ratio = length_ratio(segment)
    if ratio is not None and ratio < ratio_bounds(len(segment.source.strip()))[0]:
        reasons.append("too-short")
    return reasons


def retry_segments(
    segments: Sequence[Segment], attempts: Sequence[RetryAttempt]
) -> dict[str, Segment]:
    """Try each attempt on the segments that need one; return the replacements that won."""
    reasons = {segment.id: retry_reasons(segment) for segment in segments}
    failing = [segment for segment in segments if reasons[segment.id]]
    if not failing or not attempts:
        return {}
    results = [(attempt, attempt.translate(failing)) for attempt in attempts]
    chosen: dict[str, Segment] = {}
    for segment in failing:
        candidates = [(segment, None)] + [
            (result[segment.id], attempt) for attempt, result in results if segment.id in result
        ]
        best, attempt = min(candidates, key=lambda candidate: _cost(candidate[0]))
        if attempt is not None:
            chosen[segment.id] = _noted(best, reasons[segment.id], attempt)
    return chosen


def _cost(segment: Segment) -> tuple[int, int]:
    issues = check_segment(segment).issues
    errors = sum(issue.severity is Severity.ERROR for issue in issues)
    warnings = sum(issue.severity is Severity.WARNING for issue in issues)
    return errors, warnings


def _noted(segment: Segment, reasons: list[str], attempt: RetryAttempt) -> Segment:
    note = Issue(
        "retried",
        Severity.INFO,
        f"The first translation had {', '.join(reasons)}; this one was made {attempt.description}.",
    )
    return dataclasses.replace(segment, issues=(*segment.issues, note))

"""Second attempts for translations that failed in the ways MT models are known to fail.

A stage of its own, after the checks (``Document -> Document``): a model translation whose
checks found a repetition loop, a dropped sentence, an empty or far too short translation, or
whose output ran to the length cap, is translated once more: clause by clause, and with
repetition controls when the backend offers them. Each candidate is checked once; the one
with the fewest error- and then warning-level issues is kept, and a tie keeps the first
translation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from songngu.backends import Translator
from songngu.checks import CHECKS, check_segment, length_ratio, ratio_bounds
from songngu.model import Document, Issue, Origin, Segment, Severity, replace_segments
from songngu.translation.assembly import LENGTH_CAP, assemble
from songngu.translation.plan import plan_pieces
from songngu.translation.runner import PieceTranslator
from songngu.translation.stages import ProgressCallback, SentenceCounter

__all__ = [
    "NO_REPEAT_NGRAM_SIZE",
    "REPETITION_PENALTY",
    "RETRIED",
    "RETRY_CODES",
    "RetryAttempt",
    "RetryStage",
    "SupportsRepetitionControls",
    "failure_reasons",
    "retry_reasons",
    "retry_segments",
]

#: Issue codes that earn a segment a second attempt.
RETRY_CODES = frozenset({"repetition", "sentence-count", "empty-target", "length-cap"})
#: The code of the note a retried segment gets.
RETRIED = "retried"
# The repetition penalty of Keskar et al. (2019), "CTRL", §4.1, and the n-gram blocking size
# the transformers documentation suggests; mild enough to leave normal sentences unchanged.
REPETITION_PENALTY = 1.2
NO_REPEAT_NGRAM_SIZE = 3
# A retry "clause by clause" needs a sentence of a few words, and pieces of a few tokens.
_MIN_FINER_WORDS = 4
_MIN_FINER_BUDGET = 4
# How each attempt (by its journal name) is described to the editor and in progress.
_DESCRIPTIONS = {"finer": "clause by clause", "controlled": "with repetition controls"}
# Issues that translating and checking add; a fresh attempt starts without them.
_ADDED_BY_TRANSLATION = frozenset({LENGTH_CAP.code, RETRIED, *(check.code for check in CHECKS)})


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


def failure_reasons(segment: Segment) -> list[str]:
    """Return the codes of a checked segment's issues (and ``too-short``) that call for a retry."""
    reasons = sorted({issue.code for issue in segment.issues} & RETRY_CODES)
    ratio = length_ratio(segment)
    if ratio is not None and ratio < ratio_bounds(len(segment.source.strip()))[0]:
        reasons.append("too-short")
    return reasons


def retry_reasons(segment: Segment) -> list[str]:
    """Return the reasons to retry a segment that has not been checked yet."""
    return failure_reasons(check_segment(segment))


def retry_segments(
    segments: Sequence[Segment], attempts: Sequence[RetryAttempt]
) -> dict[str, Segment]:
    """Try each attempt on the (checked) segments that need one; return the checked winners."""
    reasons = {segment.id: failure_reasons(segment) for segment in segments}
    failing = [segment for segment in segments if reasons[segment.id]]
    if not failing or not attempts:
        return {}
    results = [(attempt, attempt.translate(failing)) for attempt in attempts]
    chosen: dict[str, Segment] = {}
    for segment in failing:
        candidates = [(segment, None)] + [
            (_checked_and_noted(result[segment.id], reasons[segment.id], attempt), attempt)
            for attempt, result in results
            if segment.id in result
        ]
        best, attempt = min(candidates, key=lambda candidate: _cost(candidate[0]))
        if attempt is not None:
            chosen[segment.id] = best
    return chosen


class RetryStage:
    """Translate the model's failed sentences again and keep the better translation."""

    def __init__(self, runner: PieceTranslator, progress: ProgressCallback | None = None) -> None:
        """Retry through ``runner`` (its journal keeps the attempts of an interrupted run).

        Each attempt is a progress step of its own (``retrying clause by clause``), counting
        the sentences it retries.
        """
        self.runner = runner
        self.progress = progress

    def __call__(self, document: Document) -> Document:
        """Return the document with each failed sentence replaced by a better attempt, if any."""
        segments = [s for s in document.iter_segments() if s.origin is Origin.MODEL]
        return replace_segments(document, retry_segments(segments, self._attempts()))

    def _attempts(self) -> list[RetryAttempt]:
        attempts = [RetryAttempt(_DESCRIPTIONS["finer"], self._clause_by_clause)]
        translator = self.runner.translator
        if isinstance(translator, SupportsRepetitionControls):
            controlled = translator.with_repetition_controls(
                REPETITION_PENALTY, NO_REPEAT_NGRAM_SIZE
            )
            attempts.append(
                RetryAttempt(
                    _DESCRIPTIONS["controlled"],
                    lambda segments: self._attempt(segments, "controlled", decoder=controlled),
                )
            )
        return attempts

    def _clause_by_clause(self, segments: list[Segment]) -> dict[str, Segment]:
        long_enough = [s for s in segments if len(s.source.split()) >= _MIN_FINER_WORDS]
        return self._attempt(long_enough, "finer", self._finer_budget)

    def _attempt(
        self,
        segments: list[Segment],
        attempt: str,
        budget_for: Callable[[Segment], int] | None = None,
        decoder: Translator | None = None,
    ) -> dict[str, Segment]:
        translator = self.runner.translator
        fresh = [_untranslated(segment) for segment in segments]
        plan = plan_pieces(
            fresh, budget_for or (lambda s: translator.max_input_tokens), translator.count_tokens
        )
        counter = SentenceCounter(
            f"retrying {_DESCRIPTIONS[attempt]}",
            {segment.id: plan.pieces_of(segment) for segment in fresh},
            len(fresh),
            self.progress if fresh else None,
        )
        counter.pieces_done(())
        jobs = self.runner.translate(
            plan.pieces, attempt, decoder=decoder, on_done=counter.pieces_done
        )
        return {s.id: assemble(s, plan.pieces_of(s), jobs) for s in fresh}

    def _finer_budget(self, segment: Segment) -> int:
        """Half the sentence's own tokens (within the model's budget): at least two pieces."""
        translator = self.runner.translator
        num_tokens = translator.count_tokens([segment.source])[0]
        return max(_MIN_FINER_BUDGET, min(num_tokens, translator.max_input_tokens) // 2)


def _untranslated(segment: Segment) -> Segment:
    """Return the segment as it was before the model: no target, terms not yet enforced."""
    terms = tuple(dataclasses.replace(t, enforced=False, method="") for t in segment.terms)
    issues = tuple(i for i in segment.issues if i.code not in _ADDED_BY_TRANSLATION)
    return dataclasses.replace(
        segment, target=None, origin=None, num_pieces=1, terms=terms, issues=issues
    )


def _checked_and_noted(segment: Segment, reasons: list[str], attempt: RetryAttempt) -> Segment:
    note = Issue(
        RETRIED,
        Severity.INFO,
        f"The first translation had {', '.join(reasons)}; this one was made {attempt.description}.",
    )
    return check_segment(dataclasses.replace(segment, issues=(*segment.issues, note)))


def _cost(segment: Segment) -> tuple[int, int]:
    errors = sum(issue.severity is Severity.ERROR for issue in segment.issues)
    warnings = sum(issue.severity is Severity.WARNING for issue in segment.issues)
    return errors, warnings

"""Term enforcement that does not depend on the model cooperating.

After the first translation, every term whose English rendering is missing is forced in by
re-decoding from a target prefix that ends with the rendering; the model writes the rest of the
sentence. Each round locks one more term into the prefix, so after as many rounds as there are
terms every rendering is present, with any model. See ``docs/design/glossary.md``.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from songngu.backends import Translation, Translator
from songngu.model import TermMatch


@dataclass(frozen=True, slots=True)
class TermJob:
    """A source text, its terms (offsets into the source), and its current translation."""

    source: str
    terms: tuple[TermMatch, ...]
    translation: Translation
    locked: str = ""


def is_rendered(target: str, rendering: str, count: int = 1) -> bool:
    """Whether ``rendering`` occurs ``count`` times in ``target`` (capital at the start allowed)."""
    occurrences = target.count(rendering)
    if target[:1].isupper() and not rendering[:1].isupper():
        occurrences += target.startswith(rendering[:1].upper() + rendering[1:])
    return occurrences >= count


def missing_terms(job: TermJob) -> list[TermMatch]:
    """Return the terms whose rendering the current translation lacks, in source order."""
    wanted = Counter(term.target for term in job.terms)
    missing_renderings = {
        rendering
        for rendering, count in wanted.items()
        if not is_rendered(job.translation.text, rendering, count)
    }
    return [term for term in job.terms if term.target in missing_renderings]


def enforce_terms(jobs: Sequence[TermJob], translator: Translator) -> list[TermJob]:
    """Re-decode jobs with missing terms until every rendering is present or locked in."""
    current = list(jobs)
    for _ in range(max((len(job.terms) for job in jobs), default=0)):
        pending = [(index, missing_terms(job)) for index, job in enumerate(current)]
        pending = [(index, missing) for index, missing in pending if missing]
        if not pending:
            break
        prefixes = [_prefix_for(current[index], missing[0]) for index, missing in pending]
        sources = [current[index].source for index, _ in pending]
        for (index, _), prefix, translation in zip(
            pending, prefixes, translator.translate_with_prefix(sources, prefixes), strict=True
        ):
            current[index] = dataclasses.replace(
                current[index], translation=translation, locked=prefix
            )
    return current


def mark_enforced(job: TermJob) -> tuple[TermMatch, ...]:
    """Return the job's terms with ``enforced`` set from the final translation."""
    missing = {id(term) for term in missing_terms(job)}
    return tuple(
        dataclasses.replace(
            term,
            enforced=id(term) not in missing,
            method="" if id(term) in missing else _method(job, term),
        )
        for term in job.terms
    )


def _method(job: TermJob, term: TermMatch) -> str:
    return "prefix" if term.target in job.locked else "model"


def _prefix_for(job: TermJob, term: TermMatch) -> str:
    """Return the locked text, the model's words up to the term's place, then the rendering."""
    text = job.translation.text
    locked = job.locked if text.startswith(job.locked) else ""
    share = term.start / max(len(job.source), 1)
    cut = _word_boundary_before(text, max(len(locked), round(share * len(text))), len(locked))
    head = text[:cut].rstrip()
    rendering = term.target
    if not head:
        rendering = rendering[:1].upper() + rendering[1:]
    return f"{head} {rendering}".strip()


def _word_boundary_before(text: str, position: int, floor: int) -> int:
    """Return the last whitespace position at or before ``position`` (not below ``floor``)."""
    position = min(position, len(text))
    for match in reversed(list(re.finditer(r"\s+", text[:position]))):
        if match.start() >= floor:
            return match.start()
    return floor

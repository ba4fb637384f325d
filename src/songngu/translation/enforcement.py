"""Term enforcement that does not depend on the model cooperating.

After the first translation each term's rendering is located; near-misses are repaired in place
("Tô Lâm" → "To Lam", a known variant → the rendering), stretches that lexical anchors pin to
a term are replaced, and every term still missing is inserted where the anchors say it belongs,
the output cut after it and re-decoded from that forced prefix, so the model writes the rest of
the sentence. A new prefix always keeps the renderings forced before, so each round adds one;
after as many rounds as there are terms whatever is still missing is inserted without
re-decoding. A prefix that would not leave the model room to finish within its position table
is never decoded; its terms are inserted in the output as it stands. See
``docs/design/glossary.md``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from songngu.backends import Translation, Translator
from songngu.glossary.alignment import Placement, find_anchors, place
from songngu.glossary.presence import (
    Span,
    capitalise,
    find_folded,
    is_rendered,
    is_sentence_start,
    locate,
)
from songngu.model import TermMatch

__all__ = ["TermJob", "enforce_terms", "is_rendered", "mark_enforced"]

_OPENERS = "([{\"'“‘«"


@dataclass(frozen=True, slots=True)
class TermJob:
    """A source text, its terms (offsets into the source), and its current translation.

    ``methods`` holds, per term, how its rendering was put into the output ("" while the
    model's own output is all there is).
    """

    source: str
    terms: tuple[TermMatch, ...]
    translation: Translation
    methods: tuple[str, ...] = ()

    @property
    def renderings(self) -> list[str]:
        """Return the rendering each term needs."""
        return [term.target for term in self.terms]

    def locate(self) -> list[Span | None]:
        """Return where each term's rendering is in the current translation."""
        return locate(self.translation.text, self.renderings)

    def method(self, index: int) -> str:
        """Return how term ``index`` was put into the output so far."""
        return self.methods[index] if index < len(self.methods) else ""


def enforce_terms(jobs: Sequence[TermJob], translator: Translator) -> list[TermJob]:
    """Return the jobs with every term's rendering in its translation (see the module doc)."""
    current = [repair(job) for job in jobs]
    for _ in range(max((len(job.terms) for job in jobs), default=0)):
        prefixes = [forced_prefix(job) for job in current]
        pending = _decodable(
            [i for i, p in enumerate(prefixes) if p is not None], prefixes, translator
        )
        if not pending:
            break
        translations = translator.translate_with_prefix(
            [current[index].source for index in pending],
            [prefixes[index] or "" for index in pending],
        )
        for index, translation in zip(pending, translations, strict=True):
            current[index] = repair(_after_prefix(current[index], translation))
    return [insert_missing(job) for job in current]


def _decodable(
    pending: list[int], prefixes: Sequence[str | None], translator: Translator
) -> list[int]:
    """Keep the jobs whose forced prefix leaves the model room to finish the sentence.

    A prefix that does not fit (a runaway first output, a term near the end of a long one) is
    not decoded; :func:`insert_missing` places its terms in the output as it stands.
    """
    fits = translator.prefix_fits([prefixes[index] or "" for index in pending])
    return [index for index, fit in zip(pending, fits, strict=True) if fit]


def mark_enforced(job: TermJob) -> tuple[TermMatch, ...]:
    """Return the job's terms with ``enforced`` and ``method`` set from the final translation."""
    spans = job.locate()
    return tuple(
        dataclasses.replace(
            term,
            enforced=spans[index] is not None,
            method=(job.method(index) or "model") if spans[index] is not None else "",
        )
        for index, term in enumerate(job.terms)
    )


def repair(job: TermJob) -> TermJob:
    """Fix near-misses, variants and anchored stretches in place, without decoding."""
    for index in range(len(job.terms)):
        if job.locate()[index] is None:
            job = _repair_one(job, index)
    return job


def forced_prefix(job: TermJob) -> str | None:
    """Return the output with every missing rendering inserted, cut after the last insertion.

    The cut is never before a rendering forced in an earlier round. None: nothing is missing.
    """
    spans = job.locate()
    missing = [index for index, span in enumerate(spans) if span is None]
    if not missing:
        return None
    edited, ends = _apply(job, {index: _placement(job, spans, index) for index in missing})
    forced = [
        span[1]
        for index, span in enumerate(edited.locate())
        if span is not None and edited.method(index) == "prefix"
    ]
    return edited.translation.text[: max([*ends, *forced])].rstrip()


def insert_missing(job: TermJob) -> TermJob:
    """Insert every rendering still missing where it belongs, keeping the rest of the output."""
    spans = job.locate()
    missing = [index for index, span in enumerate(spans) if span is None]
    if not missing:
        return job
    edited, _ = _apply(job, {index: _placement(job, spans, index) for index in missing}, "insert")
    return edited


def _repair_one(job: TermJob, index: int) -> TermJob:
    spans = job.locate()
    taken = [span for span in spans if span is not None]
    text, term = job.translation.text, job.terms[index]
    for candidate in (term.target, *term.variants):
        span = find_folded(text, candidate, taken)
        if span is not None:
            edited = _try(job, {index: Placement(*span)}, "repair")
            if edited is not None:
                return edited
    placement = _placement(job, spans, index)
    if placement.is_insertion:
        return job
    return _try(job, {index: placement}, "aligned") or job


def _try(job: TermJob, placements: dict[int, Placement], method: str) -> TermJob | None:
    """Return the job edited, if the edit places more terms and loses none."""
    before = job.locate()
    edited, _ = _apply(job, placements, method)
    after = edited.locate()
    if all(a is not None for a, b in zip(after, before, strict=True) if b is not None) and sum(
        span is not None for span in after
    ) > sum(span is not None for span in before):
        return edited
    return None


def _placement(job: TermJob, spans: Sequence[Span | None], index: int) -> Placement:
    term = job.terms[index]
    pairs = [
        ((job.terms[number].start, job.terms[number].end), span)
        for number, span in enumerate(spans)
        if span is not None
    ]
    spans_in_source = [(other.start, other.end) for other in job.terms]
    anchors = find_anchors(job.source, job.translation.text, pairs, spans_in_source)
    taken = [span for span in spans if span is not None]
    return place(job.source, job.translation.text, term, anchors, taken)


def _apply(
    job: TermJob, placements: dict[int, Placement], method: str = "prefix"
) -> tuple[TermJob, list[int]]:
    """Write each term's rendering at its placement; return the job and where each one ends."""
    text = job.translation.text
    methods = [job.method(index) for index in range(len(job.terms))]
    ends: list[int] = []
    shift = 0
    for index, placement in sorted(placements.items(), key=lambda item: item[1].start):
        start, end = placement.start + shift, placement.end + shift
        text, rendered_end = _write(text, start, end, job.terms[index].target)
        shift = len(text) - len(job.translation.text)
        ends.append(rendered_end)
        methods[index] = method
    translation = dataclasses.replace(job.translation, text=text)
    return dataclasses.replace(job, translation=translation, methods=tuple(methods)), ends


def _write(text: str, start: int, end: int, rendering: str) -> tuple[str, int]:
    """Put ``rendering`` over ``text[start:end]`` with a space on each side where needed."""
    head, tail = text[:start], text[end:]
    if start == end:
        head, tail = head.rstrip(), tail.lstrip()
        head = head + " " if head and head[-1] not in _OPENERS else head
        tail = " " + tail if tail and (tail[0].isalnum() or tail[0] in _OPENERS) else tail
    if is_sentence_start(head, len(head)):
        rendering = capitalise(rendering)
    return head + rendering + tail, len(head) + len(rendering)


def _after_prefix(job: TermJob, translation: Translation) -> TermJob:
    """Return the job with the re-decoded translation; terms placed by the prefix keep "prefix"."""
    before = job.locate()
    updated = dataclasses.replace(job, translation=translation)
    methods = [
        "prefix" if before[index] is None or job.method(index) == "prefix" else job.method(index)
        for index in range(len(job.terms))
    ]
    return dataclasses.replace(updated, methods=tuple(methods))

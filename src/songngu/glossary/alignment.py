"""Where a missing term belongs in a translation, from lexical anchors (no model internals).

Anchors pair a stretch of the source with a stretch of the output: terms already rendered,
numbers ("1.000" ↔ "1,000"), and capitalised words whose form without diacritics is in the
output ("Quảng" ↔ "Quang"). A monotone chain of them (longest increasing subsequence)
brackets each missing term; between two anchors the term's place is interpolated. When nothing
but the term lies between two anchors in the source, the words between them in the output are
the model's rendering of the term and can be replaced (``docs/design/glossary.md``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from songngu.glossary.presence import Span, overlaps
from songngu.glossary.tokens import Shape, tokenize
from songngu.model import TermMatch
from songngu.vietnamese import strip_diacritics

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W_]+")
_TRAILING = " \t\n.!?…\"'”’»)]"
# Words around a term that belong to the sentence, not to the term ("the Minister of …").
_FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "and", "s", "by", "for", "to", "in", "at"})
# The model's stretch for a term is rarely longer than this many times the rendering.
_MAX_STRETCH_RATIO = 3


@dataclass(frozen=True, slots=True)
class Anchor:
    """A stretch of the source and the stretch of the output that renders it."""

    source_start: int
    source_end: int
    target_start: int
    target_end: int


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a rendering goes: replace ``target[start:end]`` (an insertion when they are equal)."""

    start: int
    end: int

    @property
    def is_insertion(self) -> bool:
        """Whether nothing of the output is replaced."""
        return self.start == self.end


def find_anchors(
    source: str, target: str, pairs: Sequence[tuple[Span, Span]], terms: Sequence[Span] = ()
) -> list[Anchor]:
    """Return a monotone chain of anchors from located terms (``pairs``), numbers and names.

    Numbers and words inside any term of the source (``terms``) are not anchors: a term is
    rendered as a whole, not word by word.
    """
    candidates = [Anchor(s[0], s[1], t[0], t[1]) for s, t in pairs]
    taken = [t for _, t in pairs]
    candidates += [
        anchor
        for anchor in _number_anchors(source, target, taken) + _word_anchors(source, target, taken)
        if not overlaps((anchor.source_start, anchor.source_end), terms)
    ]
    return _monotone_chain(candidates)


def place(
    source: str,
    target: str,
    term: TermMatch,
    anchors: Sequence[Anchor],
    taken: Sequence[Span] = (),
) -> Placement:
    """Return where the rendering of ``term`` belongs in ``target``, outside ``taken`` spans."""
    term_span = (term.start, term.end)
    left, right = _bracket(source, target, term_span, anchors)
    between_source = (
        source[left.source_end : term_span[0]] + source[term_span[1] : right.source_start]
    )
    if not _has_word(between_source):
        stretch = _core(target, left.target_end, right.target_start)
        if stretch is None:
            return Placement(left.target_end, left.target_end)
        short = stretch[1] - stretch[0] <= _MAX_STRETCH_RATIO * len(term.target) + 20
        if short and not overlaps(stretch, taken):
            return Placement(*stretch)
    share = (term_span[0] - left.source_end) / max(1, right.source_start - left.source_end)
    estimate = left.target_end + share * (right.target_start - left.target_end)
    position = _nearest_word_start(target, estimate, (left.target_end, right.target_start), taken)
    return Placement(position, position)


def _bracket(
    source: str, target: str, term_span: Span, anchors: Sequence[Anchor]
) -> tuple[Anchor, Anchor]:
    source_end = len(source.rstrip(_TRAILING))
    target_end = len(target.rstrip(_TRAILING))
    left = Anchor(0, 0, 0, 0)
    right = Anchor(source_end, source_end, target_end, target_end)
    for anchor in anchors:
        if anchor.source_end <= term_span[0]:
            left = anchor
        elif anchor.source_start >= term_span[1]:
            right = anchor
            break
    if right.target_start < left.target_end:
        right = Anchor(right.source_start, right.source_end, left.target_end, left.target_end)
    return left, right


def _core(target: str, start: int, end: int) -> Span | None:
    """Return ``target[start:end]`` without punctuation or function words at its ends."""
    words = [
        (m.start() + start, m.end() + start)
        for m in _WORD.finditer(target[start:end])
        if m.group().casefold() not in _FUNCTION_WORDS
    ]
    if not words:
        return None
    return words[0][0], words[-1][1]


def _nearest_word_start(target: str, estimate: float, bounds: Span, taken: Sequence[Span]) -> int:
    """Return the word start (or bound) nearest to ``estimate`` that is not inside a taken span."""
    low, high = bounds
    starts = [low, high] + [m.start() for m in _WORD.finditer(target) if low <= m.start() <= high]
    free = [p for p in starts if not any(start < p < end for start, end in taken)]
    free = free or [len(target)]
    return min(free, key=lambda position: (abs(position - estimate), position))


def _number_anchors(source: str, target: str, taken: Sequence[Span]) -> list[Anchor]:
    source_numbers = _unique(
        (_digits(m.group()), (m.start(), m.end())) for m in _NUMBER.finditer(source)
    )
    target_numbers = _unique(
        (_digits(m.group()), (m.start(), m.end())) for m in _NUMBER.finditer(target)
    )
    return [
        Anchor(*source_numbers[key], *target_numbers[key])
        for key in source_numbers.keys() & target_numbers.keys()
        if not overlaps(target_numbers[key], taken)
    ]


def _word_anchors(source: str, target: str, taken: Sequence[Span]) -> list[Anchor]:
    source_words = _unique(
        (strip_diacritics(token.text).casefold(), (token.start, token.end))
        for token in tokenize(source)
        if token.shape is not Shape.LOWER
    )
    target_words = _unique(
        (m.group().casefold(), (m.start(), m.end()))
        for m in _WORD.finditer(target)
        if _is_capitalised(m.group())
    )
    return [
        Anchor(*source_words[key], *target_words[key])
        for key in source_words.keys() & target_words.keys()
        if len(key) > 1
        and _is_capitalised(source[source_words[key][0] : source_words[key][1]])
        and not overlaps(target_words[key], taken)
    ]


def _monotone_chain(anchors: Sequence[Anchor]) -> list[Anchor]:
    """Return the longest chain of anchors increasing and not overlapping on both sides."""
    ordered = sorted(anchors, key=lambda anchor: (anchor.source_start, anchor.target_start))
    best: list[list[Anchor]] = []
    for anchor in ordered:
        chains = [
            chain
            for chain in best
            if chain[-1].source_end <= anchor.source_start
            and chain[-1].target_end <= anchor.target_start
        ]
        longest = max(chains, key=len, default=[])
        best.append([*longest, anchor])
    return max(best, key=len, default=[])


def _unique(items: Iterable[tuple[str, Span]]) -> dict[str, Span]:
    """Return the keys that occur once, with their spans."""
    listed = list(items)
    counts = Counter(key for key, _ in listed)
    return {key: span for key, span in listed if counts[key] == 1}


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def _has_word(text: str) -> bool:
    return _WORD.search(text) is not None

"""Glossary suggestions from review: the same replacement made in several sentences.

Each edited sentence's original and reviewed English are compared word by word; a replacement
(old words → new words) made in at least two different sentences, one of them from this import,
is attributed to a Vietnamese phrase: the glossary term whose rendering was replaced, else the
longest phrase shared by all those sources whose place in the sentence best matches the
replacement's (Vietnamese–English news translation is mostly monotone). Suggestions are proposals;
nothing here edits a glossary (``docs/design/review.md``).
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from songngu.ooxml.manifest import ManifestTerm
from songngu.review.report import Suggestion
from songngu.vietnamese import syllable_key, text_key

_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"\w+")
_MAX_WORDS = 6
MIN_SEGMENTS = 2
# Vietnamese function words: a phrase made only of these is not a term ("của các", "và").
_FUNCTION_WORDS_TEXT = (
    "của và các những là có được trong cho với đã sẽ đang này đó một người tại theo từ về "
    "khi để không cũng như thì mà ra vào lên trên dưới sau trước nhiều hơn rất"
)
_FUNCTION_WORDS = frozenset(syllable_key(word) for word in _FUNCTION_WORDS_TEXT.split(" "))


@dataclass(frozen=True, slots=True)
class EditedSentence:
    """A sentence a reviewer changed: where it is from, its texts and its glossary terms."""

    label: str
    source: str
    original: str
    target: str
    terms: tuple[ManifestTerm, ...] = ()
    is_current: bool = True


@dataclass(frozen=True, slots=True)
class _Replacement:
    before: str
    after: str
    position: float
    sentence: EditedSentence


def suggest_glossary_entries(sentences: Sequence[EditedSentence]) -> list[Suggestion]:
    """Return one suggestion per replacement made consistently in ``MIN_SEGMENTS`` sentences."""
    groups: dict[tuple[str, str], dict[str, _Replacement]] = defaultdict(dict)
    for sentence in sentences:
        for replacement in iter_replacements(sentence):
            key = (replacement.before, replacement.after)
            groups[key].setdefault(text_key(sentence.source), replacement)
    suggestions = []
    for (before, _), by_source in groups.items():
        replacements = list(by_source.values())
        if len(replacements) < MIN_SEGMENTS or not any(r.sentence.is_current for r in replacements):
            continue
        found = _glossary_term(replacements) or _common_phrase(replacements)
        if found is not None:
            labels = tuple(r.sentence.label for r in replacements)
            suggestions.append(Suggestion(found[0], found[1], before, labels, found[2]))
    return suggestions


def iter_replacements(sentence: EditedSentence) -> Iterator[_Replacement]:
    """Yield the word groups the reviewer replaced (at most six words on either side)."""
    old = list(_TOKEN.finditer(sentence.original))
    new = list(_TOKEN.finditer(sentence.target))
    matcher = difflib.SequenceMatcher(
        None, [t.group() for t in old], [t.group() for t in new], autojunk=False
    )
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag != "replace" or max(old_end - old_start, new_end - new_start) > _MAX_WORDS:
            continue
        before = sentence.original[old[old_start].start() : old[old_end - 1].end()]
        after = sentence.target[new[new_start].start() : new[new_end - 1].end()]
        if _WORD.search(before) and _WORD.search(after):
            position = old[old_start].start() / max(len(sentence.original), 1)
            yield _Replacement(before, after, position, sentence)


def _glossary_term(replacements: list[_Replacement]) -> tuple[str, str, str] | None:
    """Return the glossary term whose rendering every replacement changed, and the new rendering."""
    candidates: set[tuple[str, str]] | None = None
    for replacement in replacements:
        changed = {
            (term.source, term.target.replace(replacement.before, replacement.after, 1))
            for term in replacement.sentence.terms
            if replacement.before in term.target
        }
        candidates = changed if candidates is None else candidates & changed
    if not candidates:
        return None
    vietnamese, english = max(candidates, key=lambda candidate: len(candidate[0]))
    return vietnamese, english, "changes the glossary's rendering"


def _common_phrase(replacements: list[_Replacement]) -> tuple[str, str, str] | None:
    """Return the Vietnamese phrase shared by all sources that sits where the change is."""
    first = replacements[0].sentence.source
    words = list(_WORD.finditer(first))
    keys = [syllable_key(word.group()) for word in words]
    others = [_key_text(r.sentence.source) for r in replacements[1:]]
    best: tuple[float, int, str] | None = None
    for start in range(len(words)):
        for end in range(min(len(words), start + _MAX_WORDS), start, -1):
            phrase_keys = keys[start:end]
            if all(key in _FUNCTION_WORDS for key in phrase_keys):
                continue
            needle = f" {' '.join(phrase_keys)} "
            if all(needle in other for other in others):
                score = _distance(needle, replacements)
                candidate = (
                    score,
                    -(end - start),
                    first[words[start].start() : words[end - 1].end()],
                )
                best = candidate if best is None or candidate < best else best
                break
    if best is None:
        return None
    return best[2], replacements[0].after, "Vietnamese phrase chosen by position; check it"


def _distance(needle: str, replacements: list[_Replacement]) -> float:
    """Mean gap between the phrase's relative place in each source and the change's in English."""
    total = 0.0
    for replacement in replacements:
        text = _key_text(replacement.sentence.source)
        total += abs(text.index(needle) / max(len(text), 1) - replacement.position)
    return total / len(replacements)


def _key_text(text: str) -> str:
    return f" {' '.join(syllable_key(word) for word in _WORD.findall(text))} "

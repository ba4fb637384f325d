"""The matching index of one glossary on one date: a trie of term keys and one of abbreviations.

For each key the entry in force on the date wins; otherwise the most recent expired one (a 2026
article may name a ministry that was merged in 2025); explicit rows win over terms composed from
patterns. Composing and tokenising the terms does not depend on the date, so a
:class:`TermCatalogue` does it once per glossary; dates between the same validity boundaries
pick the same terms, so :meth:`Glossary.index` builds one trie per such era, not per date.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from songngu.glossary.compose import Term, iter_terms
from songngu.glossary.entries import Entry, date_range
from songngu.glossary.slots import MATCH_TIME_SLOTS, NAME_SLOT, SLOT
from songngu.glossary.tokens import Gap, Shape, Token, classify_gap, tokenize

#: The trie edge of a ``{name}`` slot; braces never occur in a token's key, and every slot the
#: matcher fills is an edge ``{slot}`` (``SLOT_KEYS``).
NAME_KEY = "{" + NAME_SLOT + "}"
SLOT_KEYS = frozenset("{" + slot + "}" for slot in MATCH_TIME_SLOTS)


@dataclass(frozen=True, slots=True)
class IndexedTerm:
    """A term with the shape of each of its Vietnamese tokens and the gap before each."""

    term: Term
    shapes: tuple[Shape | None, ...]
    gaps: tuple[Gap, ...]


@dataclass(frozen=True, slots=True)
class Expansion:
    """An abbreviation: the shapes its tokens must have, and the keys of its full form."""

    shapes: tuple[Shape, ...]
    keys: tuple[str, ...]
    entry: Entry


@dataclass(slots=True)
class Node:
    """A trie node: children by key, and what ends here."""

    children: dict[str, Node] = field(default_factory=dict)
    terms: list[IndexedTerm] = field(default_factory=list)
    expansions: list[Expansion] = field(default_factory=list)

    def descend(self, keys: Iterable[str]) -> Node:
        """Return the node under ``keys``, creating the missing ones."""
        node = self
        for key in keys:
            node = node.children.setdefault(key, Node())
        return node


@dataclass(frozen=True, slots=True)
class TermIndex:
    """The tries the matcher walks."""

    terms: Node
    abbreviations: Node
    num_terms: int


Keys = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TermCatalogue:
    """Every term and abbreviation of a glossary, keyed and grouped once, whatever the date."""

    terms: dict[Keys, list[IndexedTerm]]
    abbreviations: dict[Keys, list[Entry]]
    boundaries: tuple[str, ...]

    @classmethod
    def of(cls, entries: Sequence[Entry]) -> TermCatalogue:
        """Compose, tokenise and group the terms of ``entries``.

        Raises:
            GlossaryError: a pattern composes too many terms.
        """
        terms: dict[Keys, list[IndexedTerm]] = defaultdict(list)
        for term in iter_terms(entries):
            keys, indexed = index_term(term)
            if keys:
                terms[keys].append(indexed)
        abbreviations: dict[Keys, list[Entry]] = defaultdict(list)
        for entry in entries:
            if entry.type == "abbreviation":
                abbreviations[_keys(tokenize(entry.vi))].append(entry)
        dated: list[Term | Entry] = [indexed.term for group in terms.values() for indexed in group]
        dated += [entry for group in abbreviations.values() for entry in group]
        boundaries = {day for item in dated for day in (item.valid_from, item.valid_to) if day}
        return cls(dict(terms), dict(abbreviations), tuple(sorted(boundaries)))

    def era(self, date: str | None) -> Hashable:
        """Return a key shared by every date that picks the same terms.

        Picking compares a date's first and last day with validity boundaries only
        (:func:`~songngu.glossary.entries.is_in_force`, :func:`pick_by_date`), so two dates
        between the same boundaries pick alike.
        """
        if date is None:
            return None
        first_day, last_day = date_range(date)
        return bisect_left(self.boundaries, first_day), bisect_right(self.boundaries, last_day)

    def index(self, date: str | None) -> TermIndex:
        """Build the tries of the terms as they stand on ``date``."""
        terms = Node()
        chosen = _choose_terms(self.terms, date)
        for keys, indexed in chosen:
            terms.descend(keys).terms.append(indexed)
        abbreviations = Node()
        for entry in _choose(self.abbreviations.values(), date):
            for keys, shapes in _abbreviation_forms(entry):
                abbreviations.descend(keys).expansions.append(
                    Expansion(shapes, _keys(tokenize(entry.en)), entry)
                )
        return TermIndex(terms, abbreviations, len(chosen))


def build_index(entries: Sequence[Entry], date: str | None) -> TermIndex:
    """Build the tries for ``entries`` as they stand on ``date``.

    Raises:
        GlossaryError: a pattern composes too many terms.
    """
    return TermCatalogue.of(entries).index(date)


def index_term(term: Term) -> tuple[tuple[str, ...], IndexedTerm]:
    """Return the trie keys of a term and the term with its token shapes and gaps."""
    keys: list[str] = []
    shapes: list[Shape | None] = []
    gaps: list[Gap] = []
    previous = ""
    # re.split with a group alternates text and slot names: text, slot, text, slot, text.
    parts = SLOT.split(term.vi)
    for number, part in enumerate(parts):
        if number % 2:
            if part not in MATCH_TIME_SLOTS:
                return (), IndexedTerm(term, (), ())
            keys.append("{" + part + "}")
            shapes.append(None)
            gaps.append(_gap_before_slot(previous) if len(keys) > 1 else Gap.NONE)
            continue
        for position, token in enumerate(tokenize(part)):
            keys.append(token.key)
            shapes.append(token.shape)
            after_slot = number and position == 0
            gaps.append(classify_gap(part[: token.start]) if after_slot else token.gap)
        previous = part
    return tuple(keys), IndexedTerm(term, tuple(shapes), tuple(gaps))


def _gap_before_slot(previous: str) -> Gap:
    tokens = tokenize(previous)
    return classify_gap(previous[tokens[-1].end :]) if tokens else Gap.NONE


class _Dated(Protocol):
    @property
    def valid_to(self) -> str: ...

    def is_valid_on(self, date: str | None) -> bool: ...


def pick_by_date(candidates: Sequence[_Dated], date: str | None) -> int | None:
    """Return the index of the candidate in force on ``date``, else of the last one expired."""
    for number, candidate in enumerate(candidates):
        if candidate.is_valid_on(date):
            return number
    first_day = date_range(date)[0] if date else "9999-12-31"
    expired = [
        (candidate.valid_to, number)
        for number, candidate in enumerate(candidates)
        if candidate.valid_to and candidate.valid_to < first_day
    ]
    return max(expired)[1] if expired else None


def _choose_terms(
    groups: dict[Keys, list[IndexedTerm]], date: str | None
) -> list[tuple[Keys, IndexedTerm]]:
    chosen = []
    for keys, group in groups.items():
        explicit = [indexed for indexed in group if not indexed.term.is_composed]
        for candidates in (explicit, group):
            picked = pick_by_date([indexed.term for indexed in candidates], date)
            if picked is not None:
                chosen.append((keys, candidates[picked]))
                break
    return chosen


def _choose(groups: Iterable[list[Entry]], date: str | None) -> list[Entry]:
    chosen = []
    for group in groups:
        picked = pick_by_date(group, date)
        if picked is not None:
            chosen.append(group[picked])
    return chosen


def _abbreviation_forms(entry: Entry) -> list[tuple[tuple[str, ...], tuple[Shape, ...]]]:
    """Return the abbreviation's tokens, and its joined form ("TP.HCM" → "TPHCM") if it has one.

    An abbreviation whose ``case`` column says ``any`` matches in any capitals ("Tp.HCM").
    """
    tokens = tokenize(entry.vi)
    if entry.case == "any":
        return [(_keys(tokens), tuple(Shape.LOWER for _ in tokens))]
    forms = [(_keys(tokens), tuple(token.shape for token in tokens))]
    letters = [token for token in tokens if token.text != "&"]
    if len(letters) > 1 and all(
        token.shape is Shape.UPPER or len(token.text) == 1 for token in letters
    ):
        joined = tokenize("".join(token.text for token in letters))
        forms.append((_keys(joined), tuple(token.shape for token in joined)))
    return forms


def _keys(tokens: Sequence[Token]) -> Keys:
    return tuple(token.key for token in tokens)

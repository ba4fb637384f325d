"""The glossary stage: record the terms each segment contains (``Document -> Document``).

Terms are matched per block, not per sentence: the segmenter cuts at every line break, and a
term split by one ("Công an tỉnh Khánh" ending a line, "Hòa" starting the next) must still be
found. Each term goes to the segment it starts in; one that runs on into the next segment is
cut at its segment's end (its rendering is enforced in the segment where it starts).

Names in an all-capitals headline cannot be delimited ("THỦ TƯỚNG PHẠM MINH CHÍNH LÀM VIỆC
…"); a name the article writes in ordinary case elsewhere is found there too. So is a local
unit ("huyện Mù Cang Chải"), and a stretch in capitals that holds one is matched again knowing
it, so that it composes with its title and body ("CHỦ TỊCH UBND HUYỆN MÙ CANG CHẢI" is one unit).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from songngu.glossary.entries import NameStyle
from songngu.glossary.localities import find_local, holds_known_in_capitals, render_local
from songngu.glossary.presence import overlaps
from songngu.glossary.styles import HouseStyle
from songngu.glossary.termbase import Glossary
from songngu.glossary.tokens import Shape, Token, phrase_keys, tokenize
from songngu.model import Block, Document, Segment, TermMatch


class GlossaryStage:
    """Attach glossary matches (and personal names) to every segment, by the article's date."""

    def __init__(
        self,
        glossary: Glossary,
        date: str | None = None,
        names: NameStyle = NameStyle.ASCII,
        style: HouseStyle = HouseStyle.GOV,
    ) -> None:
        """Use ``date`` (ISO) over the document's own date when given; spell in ``style``."""
        self.glossary = glossary
        self.date = date
        self.names = names
        self.style = style

    def __call__(self, document: Document) -> Document:
        """Return the document with ``Segment.terms`` filled in."""
        found = self.match_document(document)
        blocks = tuple(
            _attach(block, found[block.id]) if block.id in found else block
            for block in document.blocks
        )
        return dataclasses.replace(document, blocks=blocks)

    def match_document(self, document: Document) -> dict[str, list[TermMatch]]:
        """Return the terms of every translated block by block id, offsets into the block."""
        date = self.date or document.meta.date
        blocks = [block for block in document.blocks if block.is_translated]
        found = {block.id: self._match(block.text, date) for block in blocks}
        units = _known_local_keys(found.values())
        if units:
            found = {
                block.id: self._with_capital_units(block.text, found[block.id], date, units)
                for block in blocks
            }
        known = _known_names(found.values())
        if known:
            texts = {block.id: block.text for block in document.blocks}
            found = {
                block_id: _with_capital_names(texts[block_id], terms, known)
                for block_id, terms in found.items()
            }
        return found

    def _with_capital_units(
        self,
        text: str,
        terms: list[TermMatch],
        date: str | None,
        known: frozenset[tuple[str, ...]],
    ) -> list[TermMatch]:
        """Match each stretch in capitals again, knowing the units the article names.

        Only the stretch ("CHỦ TỊCH UBND HUYỆN MÙ CANG CHẢI …"), not its whole block: a block
        may be a whole article.
        """
        for start, end in _capital_stretches(tokenize(text), known):
            again = [
                dataclasses.replace(term, start=term.start + start, end=term.end + start)
                for term in self._match(text[start:end], date, known)
            ]
            kept = [term for term in terms if not overlaps((term.start, term.end), [(start, end)])]
            terms = sorted([*kept, *again], key=lambda term: term.start)
        return terms

    def _match(
        self, text: str, date: str | None, known_locals: frozenset[tuple[str, ...]] = frozenset()
    ) -> list[TermMatch]:
        return self.glossary.match(
            text, date, names=self.names, style=self.style, known_locals=known_locals
        )


def _known_local_keys(groups: Iterable[list[TermMatch]]) -> frozenset[tuple[str, ...]]:
    """Return the keys of the local units written in running text ("huyện Bình Sơn")."""
    units = (_local_unit_at_end(term) for terms in groups for term in terms)
    return frozenset(
        phrase_keys(unit.source) for unit in units if unit is not None and not unit.source.isupper()
    )


def _capital_stretches(
    tokens: list[Token], known: frozenset[tuple[str, ...]]
) -> list[tuple[int, int]]:
    """Return the stretches of words in capitals that hold a known unit, as text offsets."""
    stretches, run = [], []
    for token in [*tokens, None]:
        if token is not None and _is_in_capitals(token):
            run.append(token)
            continue
        if run and holds_known_in_capitals(run, known):
            stretches.append((run[0].start, run[-1].end))
        run = []
    return stretches


def _is_in_capitals(token: Token) -> bool:
    """Capitals, a number, or one capital letter ("Y" of "Y TÝ")."""
    return token.shape in (Shape.UPPER, Shape.OTHER) or (
        token.shape is Shape.TITLE and len(token.text) == 1
    )


def _attach(block: Block, terms: list[TermMatch]) -> Block:
    segments = tuple(_with_terms(segment, block, terms) for segment in block.segments)
    return dataclasses.replace(block, segments=segments)


def _with_terms(segment: Segment, block: Block, terms: list[TermMatch]) -> Segment:
    start, end = segment.start - block.start, segment.end - block.start
    inside = tuple(
        dataclasses.replace(
            term,
            source=segment.source[term.start - start : min(term.end, end) - start],
            start=term.start - start,
            end=min(term.end, end) - start,
        )
        for term in terms
        if start <= term.start < end
    )
    return dataclasses.replace(segment, terms=inside)


def _known_names(groups: Iterable[list[TermMatch]]) -> dict[tuple[str, ...], TermMatch]:
    """Return the full names and the named units found in running text, by their keys.

    A name (two syllables or more) that the article writes in running text is recognised in
    its all-capitals headline too, where nothing shows where an open-class name ends; so is a
    unit composed with such a name ("Đồn Biên phòng Đàm Thuỷ" in "ĐỒN BIÊN PHÒNG ĐÀM THUỶ BẮT
    GIỮ …"). Local units are also matched again in capitals by
    :meth:`GlossaryStage._with_capital_units`, so that their titles and bodies compose there.
    """
    return {
        phrase_keys(term.source): term
        for terms in groups
        for term in terms
        if not term.source.isupper()
        and (
            (term.type == "name" and len(term.target.split()) > 1)
            or (term.type in ("pattern", "unit") and len(tokenize(term.source)) > 2)
        )
    }


def _local_unit_at_end(term: TermMatch) -> TermMatch | None:
    """Return the local unit a composed term ends with ("UBND huyện Bình Sơn" → "huyện …")."""
    if term.type not in ("pattern", "unit"):
        return None
    tokens = tokenize(term.source)
    for start, token in enumerate(tokens[:-1]):
        if find_local(tokens, start) == len(tokens):
            first = token.start
            return TermMatch(
                term.source[first:], render_local(tokens[start:]), 0, 0, "pattern", term.entry
            )
    return None


def _with_capital_names(
    text: str, terms: list[TermMatch], known: dict[tuple[str, ...], TermMatch]
) -> list[TermMatch]:
    """Add the known names and units written in capitals ("PHẠM MINH CHÍNH").

    Where terms already are, a known one takes their place only if it covers them all (the
    headline's "ĐỒN BIÊN PHÒNG" inside "ĐỒN BIÊN PHÒNG ĐÀM THUỶ"); the longest known first.
    """
    tokens = tokenize(text)
    found = list(terms)
    ordered = sorted(known.items(), key=lambda item: -len(item[0]))
    written = {keys: tokenize(model.source) for keys, model in ordered}
    for start in range(len(tokens)):
        for keys, model in ordered:
            window = tokens[start : start + len(keys)]
            if not _is_capital_name(window, written[keys]):
                continue
            span = (window[0].start, window[-1].end)
            inside = [term for term in found if overlaps((term.start, term.end), [span])]
            if model.type == "name" and any((t.start, t.end) == span for t in inside):
                # "THÁI BÌNH" in a headline is the province, though a person named Thái Bình
                # is in the story: the glossary read that very stretch itself (batch KK).
                break
            if all(span[0] <= term.start and term.end <= span[1] for term in inside):
                found = [term for term in found if term not in inside]
                source = text[span[0] : span[1]]
                found.append(TermMatch(source, model.target, *span, model.type, model.entry))
                break
    return sorted(found, key=lambda term: term.start)


def _is_capital_name(window: list[Token], written: list[Token]) -> bool:
    """Whether ``window`` is the name ``written`` in running text, in capitals.

    Numbers stay numbers and the gaps stay the same ("TP. THỦ ĐỨC", "KCN NHƠN TRẠCH 3").
    """
    return (
        len(window) == len(written)
        and all(token.key == model.key for token, model in zip(window, written, strict=True))
        and all(
            token.shape is Shape.UPPER or (token.shape is Shape.OTHER and token.text == model.text)
            for token, model in zip(window, written, strict=True)
        )
        and any(token.shape is Shape.UPPER for token in window)
        and all(
            token.gap is model.gap for token, model in zip(window[1:], written[1:], strict=True)
        )
    )

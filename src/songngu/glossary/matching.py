"""Finding terms and names in text: longest match first, left to right, offsets as written.

The walk goes over a small lattice: each token is read as itself, and each abbreviation also as
the tokens of its full form ("UBND" → "ủy ban nhân dân"), so "Chủ tịch UBND tỉnh Quảng Ninh"
meets the pattern composed for "Chủ tịch Ủy ban nhân dân tỉnh {province}". The case and gap rules
are in ``docs/design/glossary.md``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from songngu.glossary.companies import with_companies
from songngu.glossary.compose import Term
from songngu.glossary.datelines import with_datelines
from songngu.glossary.entries import PLACE_TYPES, TITLE_TYPES, NameStyle
from songngu.glossary.index import NAME_KEY, IndexedTerm, Node, TermIndex
from songngu.glossary.localities import (
    find_listed_locals,
    find_local,
    find_place_name,
    follows_a_foreign_committee,
    follows_capitalised_compound,
    render_local,
    render_place_name,
)
from songngu.glossary.names import (
    SURNAMES,
    Trigger,
    find_name,
    follows_a_person_role,
    opens_full_name,
    render_name,
    trigger_before,
)
from songngu.glossary.namesakes import names_a_product, names_an_event, names_an_expressway
from songngu.glossary.ordinals import find_number, find_ordinal, render_number, render_ordinal
from songngu.glossary.presence import overlaps
from songngu.glossary.slots import (
    LOCAL_SLOT,
    NUMBER_SLOT,
    ORDINAL_SLOT,
    PLACE_NAME_SLOT,
    slots_of,
)
from songngu.glossary.styles import HouseStyle, apply_style
from songngu.glossary.tokens import (
    Gap,
    Shape,
    Token,
    is_syllable,
    match_key,
    phrase_keys,
    phrase_list,
    tokenize,
)
from songngu.glossary.units import compose_units
from songngu.model import TermMatch
from songngu.vietnamese import nfc_with_offsets

_JOINING_GAPS = frozenset({Gap.NONE, Gap.SPACE, Gap.DASH, Gap.DOT})
_LOCAL_KEY = "{" + LOCAL_SLOT + "}"
_PLACE_NAME_KEY = "{" + PLACE_NAME_SLOT + "}"
_ORDINAL_KEY = "{" + ORDINAL_SLOT + "}"
_NUMBER_KEY = "{" + NUMBER_SLOT + "}"
# The one slot that may open a term; and the slots that take a place from the open class.
_OPENING_SLOT = _LOCAL_KEY
_OPEN_PLACES = frozenset({_LOCAL_KEY, _PLACE_NAME_KEY})
#: Where what fills a slot, starting at a token, ends (None: nothing fills it there).
SlotRun = Callable[[int], int | None]
_BARE_PLACE_TYPES = frozenset({"province", "city", "place", "region"})
# Products carry a province's name, and the country's as a place ("gạo Việt Nam": rice of Viet
# Nam; blind sets P, R, V and W annotate it so).
_PROVINCIAL = frozenset({"province", "city"})
# A named local unit (level word and name) fills it: a term before one may start in lower case.
_NAMED_PLACE_SLOTS = frozenset({_LOCAL_KEY})
# Listed terms reported as names: foreign countries, regions and international organisations.
_NAME_TYPES = frozenset({"country", "region", "international"})
# Places and organisations by their own name ("Quỹ Nhi đồng Liên Hợp Quốc": not the UN).
_NAMED_TYPES = frozenset({*_BARE_PLACE_TYPES, "organisation", "international"})
_MODIFIERS = frozenset({match_key("phó"), match_key("tổng")})
_BO = match_key("bộ")
_STEERING_COMMITTEE = phrase_keys("Ban Chỉ đạo")
# Envoys' bare titles: before a foreign country they are that country's.
_ENVOYS = frozenset(phrase_list("Đại sứ", "Đại sứ đặc mệnh toàn quyền", "Tổng Lãnh sự"))
# Heads' titles that name the kind of body, not the body: its name follows them.
_BOARD_HEADS = frozenset(
    phrase_list(
        "Trưởng Ban", "Phó Trưởng Ban", "Trưởng phòng", "Phó Trưởng phòng", "Vụ trưởng",
        "Phó Vụ trưởng",
    )
)  # fmt: skip
# Kinds of document in a document number: "QĐ-UBND" (decision), "NQ-HĐND" (resolution),
# "CT-TTg" (directive), "KH-UBND" (plan), "TB-VPCP" (notice), "BC", "CV", "TTr", "HD".
_DOCUMENT_KINDS = frozenset(phrase_keys("QĐ NQ CT KH TB BC CV TTr HD QyĐ"))
_COMMAND = phrase_keys("tư lệnh")
# Lower-case functions after a bare title that make it a company's job ("giám đốc nhân sự"),
# not an official post. Not "bệnh viện", "công ty": "Phó Giám đốc bệnh viện" is annotated as a
# title in sets O, P and Z, and left out in BB and W.
_COMMON_POST_NOUNS = phrase_list(
    "nhân sự", "kinh doanh", "điều hành", "tài chính", "kỹ thuật", "sản xuất", "dự án",
    "marketing", "bán hàng",
)  # fmt: skip
# Words whose second syllable starts a body when capitalised ("cán bộ" is an official, not the
# ministry in "cán bộ Công an tỉnh"; "trụ sở" a headquarters, not a department).
_COMPOUNDS = frozenset(
    (pair[0], pair[1])
    for pair in phrase_list("cán bộ", "toàn bộ", "nội bộ", "cơ sở", "trụ sở", "chi cục")
    if len(pair) == 2
)
# Words that name a street, a road, a river, a lake or an event after a place: "đường Hà Nội",
# "sông Đồng Nai", "Thành cổ Quảng Trị", "Chiến dịch Huế – Đà Nẵng" name no province or city
# (glossary-units.md §5, look-alikes of places); blind sets G to L annotate them so, and a
# place joined by a dash to such a name is one of them. Expressways are read by their ends
# (namesakes.names_an_expressway). Bays, the old capital and airports named after a place
# ("vịnh Đà Nẵng", "Cố đô Huế", "sân bay Điện Biên"): annotated in no set (BB, X, EE, HH).
_FEATURES = phrase_list(
    "đường", "phố", "đại lộ", "xa lộ", "sông", "hồ", "kênh", "kênh xáng", "cầu", "đèo", "núi",
    "chợ", "thành cổ", "chiến dịch", "thủy điện", "nhiệt điện", "bán đảo", "công viên", "ga",
    "vịnh", "cố đô", "sân bay", "điện hạt nhân", "điện gió", "điện mặt trời", "thủy văn",
)  # fmt: skip
_FEATURE_REACH = max(len(feature) for feature in _FEATURES)
_AND = match_key("và")
_CITY = phrase_keys("thành phố")
_LINK_POINT = phrase_keys("điểm cầu")
_NEWSPAPER = frozenset(phrase_keys("Báo"))
# Insurance schemes named like the agencies that run them, and the words that make them the
# scheme: "Luật …", "sổ …" (book), "đóng …" (pay), "tham gia …" (join), "rút …" (withdraw),
# "hưởng …" (draw), "… tự nguyện" (voluntary), "… bắt buộc" (compulsory), "… một lần" (lump sum).
_SCHEMES = frozenset(phrase_list("bảo hiểm xã hội", "bảo hiểm y tế", "BHXH", "BHYT"))
_BEFORE_A_SCHEME = frozenset(phrase_keys("luật sổ đóng gia rút hưởng"))
_AFTER_A_SCHEME = frozenset(phrase_keys("tự bắt một"))


@dataclass(frozen=True, slots=True)
class _Step:
    """What one token of a term met in the text: a shape (None: expanded or a slot), a gap.

    ``slot`` is (slot key, first token, end token) when the step filled a slot from the text.
    """

    shape: Shape | None
    gap: Gap
    slot: tuple[str, int, int] | None = None


@dataclass(frozen=True, slots=True)
class _Found:
    """A term matched from a start token up to ``end`` (exclusive token index)."""

    end: int
    indexed: IndexedTerm
    steps: tuple[_Step, ...]


def match_terms(
    index: TermIndex,
    text: str,
    names: NameStyle = NameStyle.ASCII,
    style: HouseStyle = HouseStyle.GOV,
    known_locals: Collection[tuple[str, ...]] = (),
) -> list[TermMatch]:
    """Return the terms (and names, unless ``names`` is OFF) in ``text``, in text order.

    Titles, bodies and places side by side are joined into units (:mod:`.units`), and every
    rendering is spelt in the house ``style`` (:mod:`.styles`).

    Text that is not in NFC (decomposed accents) is matched in NFC; offsets and ``source``
    still refer to ``text`` as given.
    """
    composed, to_text = nfc_with_offsets(text)
    tokens = tokenize(composed)
    found = _Matcher(index, tokens, composed, names, known_locals).run()
    found = _with_listed_locals(found, _listed_locals(tokens, composed, _local_term(index)))
    found = with_companies(tokens, composed, found)
    units = with_datelines(tokens, composed, compose_units(composed, found))
    matches = _as_names(apply_style(composed, units, style), names)
    if composed == text:
        return matches
    return [
        dataclasses.replace(
            match,
            source=text[to_text[match.start] : to_text[match.end]],
            start=to_text[match.start],
            end=to_text[match.end],
        )
        for match in matches
    ]


def _as_names(matches: list[TermMatch], names: NameStyle) -> list[TermMatch]:
    """Report foreign countries and regions as the proper names they are; with names off, not.

    A country is no official term (``glossary-units.md`` §2: foreign places are not Vietnamese
    units; §5): the glossary lists it to render it and to tell a foreign body ("Quốc hội Nhật
    Bản") from Viet Nam's, and reports it as a name, like the person Hồ Chí Minh. A region
    ("Tây Nguyên", "Biển Đông") is a geographic name, no administrative unit (§2): every blind
    set but one left it out (five rows in fifteen sets, matched over sixty times). So is an
    international organisation ("Liên minh châu Âu", "Ngân hàng Thế giới"): no Vietnamese body,
    and one row of seventeen mentions in the sets to HH.
    """
    kept = [
        dataclasses.replace(match, type="name") if match.type in _NAME_TYPES else match
        for match in matches
    ]
    if names is NameStyle.OFF:
        return [match for match in kept if match.type != "name"]
    return kept


class _Lattice:
    """The terms that start at each token: walks of the index over tokens and expansions.

    Memoises the longest term at each token. A slot (``{name}``, ``{local}``, …) asks its
    finder in ``slot_runs`` where what fills it, starting at a token, ends; only ``{local}`` may
    open a term ("xã Tả Van" alone is one).
    """

    def __init__(
        self, index: TermIndex, tokens: list[Token], slot_runs: dict[str, SlotRun]
    ) -> None:
        """Walk ``index`` over ``tokens``; fill slots with the finders of ``slot_runs``."""
        self.index = index
        self.tokens = tokens
        self.slot_runs = slot_runs
        self._longest: dict[int, _Found | None] = {}
        self._expansions: dict[int, list[tuple[int, tuple[str, ...]]]] = {}

    def longest_at(self, start: int) -> _Found | None:
        """Return the longest acceptable term starting at token ``start``."""
        if start not in self._longest:
            self._longest[start] = self.walk(start)
        return self._longest[start]

    def coverage(self, start: int, found: _Found) -> int:
        """Count the tokens ``found`` and the term right after it cover.

        A longer term at ``start`` is kept against a cut when it covers more with its follower:
        "Trưởng phòng" + "Cảnh sát hình sự" beats "phòng Cảnh sát hình sự" alone; on a tie the
        cut wins ("Giám đốc" + "Sở Y tế", not "Giám đốc Sở" + "Y tế").
        """
        after = self.longest_at(found.end) if found.end < len(self.tokens) else None
        return found.end - start + (after.end - found.end if after else 0)

    def walk(self, start: int, limit: int | None = None) -> _Found | None:
        """Return the longest acceptable term from ``start`` that ends by token ``limit``."""
        end_limit = len(self.tokens) if limit is None else limit
        best: _Found | None = None
        stack: list[tuple[Node, int, tuple[_Step, ...]]] = [(self.index.terms, start, ())]
        while stack:
            node, position, steps = stack.pop()
            if position > end_limit:
                continue
            for indexed in node.terms if steps else ():
                if _accepts(indexed, steps) and _is_better(position, indexed, best):
                    best = _Found(position, indexed, steps)
            if position < end_limit:
                stack.extend(self._next_steps(node, start, position, steps))
        return best

    def _next_steps(
        self, node: Node, start: int, position: int, steps: tuple[_Step, ...]
    ) -> list[tuple[Node, int, tuple[_Step, ...]]]:
        token = self.tokens[position]
        gap = token.gap if steps else Gap.NONE
        if gap is Gap.BREAK:
            return []
        following = []
        child = node.children.get(token.key)
        if child is not None:
            following.append((child, position + 1, (*steps, _Step(token.shape, gap))))
        for end, keys in self._expansions_at(position):
            expanded: Node | None = node
            for key in keys:
                expanded = expanded.children.get(key) if expanded is not None else None
            if expanded is not None:
                virtual = [
                    _Step(None, gap if number == 0 else Gap.SPACE) for number in range(len(keys))
                ]
                following.append((expanded, end, (*steps, *virtual)))
        for key, run in self.slot_runs.items():
            slot = node.children.get(key) if steps or key == _OPENING_SLOT else None
            filled_to = run(position) if slot is not None else None
            if slot is not None and filled_to is not None:
                step = _Step(None, gap, (key, position, filled_to))
                following.append((slot, filled_to, (*steps, step)))
        return following

    def _expansions_at(self, start: int) -> list[tuple[int, tuple[str, ...]]]:
        """Return (end, keys of the full form) for each abbreviation starting at ``start``."""
        if start in self._expansions:
            return self._expansions[start]
        found = []
        node: Node | None = self.index.abbreviations
        position = start
        while node is not None and position < len(self.tokens):
            token = self.tokens[position]
            if position > start and token.gap not in _JOINING_GAPS:
                break
            node = node.children.get(token.key)
            position += 1
            for expansion in node.expansions if node is not None else ():
                shapes = [t.shape for t in self.tokens[start:position]]
                if all(
                    _abbreviation_shape_fits(want, got)
                    for want, got in zip(expansion.shapes, shapes, strict=True)
                ):
                    found.append((position, expansion.keys))
        # An abbreviation is read as its longest form: "TP.HCM" is Ho Chi Minh City, never
        # "TP" (thành phố) followed by a stray "HCM".
        longest = max((end for end, _ in found), default=start)
        found = [(end, keys) for end, keys in found if end == longest]
        self._expansions[start] = found
        return found


class _Matcher:
    """One pass over one text: terms left to right, each as long as it can be, and names."""

    def __init__(
        self,
        index: TermIndex,
        tokens: list[Token],
        text: str,
        names: NameStyle,
        known_locals: Collection[tuple[str, ...]] = (),
    ):
        """Match ``index``'s terms in ``text`` (already tokenised); render names as ``names``."""
        self.tokens = tokens
        self.text = text
        self.names = names
        titled_name = functools.partial(self._name_run, trigger=Trigger.TITLE)
        self.lattice = _Lattice(index, tokens, _slot_runs(tokens, titled_name, known_locals))

    def run(self) -> list[TermMatch]:
        """Return the matches, left to right, each as long as it can be."""
        matches: list[TermMatch] = []
        position = feature_end = 0
        previous: tuple[int, str] | None = None
        while position < len(self.tokens):
            found = None if _is_modified(self.tokens, position) else self._choose_at(position)
            if found is not None and _is_false_start(self.tokens, position, found):
                found = None
            if _credits_a_source(self.text, self.tokens[position]):
                position = _after_the_credit(self.tokens, self.text, position)
                continue
            if found is not None and (skip_to := self._skip_to(found, position)) is not None:
                position = skip_to
                continue
            matched_to = previous[0] if previous else 0
            if found is not None and _is_look_alike(
                self.tokens, position, found, (feature_end, matched_to)
            ):
                position = feature_end = found.end
                continue
            name_end = self._name_at(position, previous, found)
            if name_end is not None:
                matches.append(_name_match(self.tokens, self.text, self.names, position, name_end))
                previous, position = (name_end, "name"), name_end
            elif found is not None:
                matches.append(_term_match(self.tokens, self.text, self.names, position, found))
                previous, position = (found.end, found.indexed.term.type), found.end
            else:
                position += 1
        return matches

    def _choose_at(self, start: int) -> _Found | None:
        """Return the longest term at ``start``, unless one starting inside it reaches further.

        Then the longest term at ``start`` that ends where that one begins wins (None if there
        is none): "Giám đốc Sở Y tế" is "Giám đốc" + "Sở Y tế", not "Giám đốc Sở" + "Y tế".
        """
        found = self.lattice.longest_at(start)
        if found is None or self._runs_on(found):
            return found
        for inner in range(start + 1, found.end):
            # A term right after "Phó" is not one ("Phó Giám đốc Công an …"): it cannot cut.
            other = None if _is_modified(self.tokens, inner) else self.lattice.longest_at(inner)
            if other is not None and other.end > found.end:
                shorter = self.lattice.walk(start, limit=inner)
                kept = self.lattice.coverage(start, found)
                cut = (shorter.end - start if shorter else 0) + other.end - inner
                return found if kept > cut else shorter
        return found

    def _runs_on(self, found: _Found) -> bool:
        """Whether a bare place name is only the start of a longer proper name.

        "Điện Biên Phủ" is not Điện Biên province, "Thái Bình Dương" is the Pacific
        (``glossary-units.md`` §5): a capitalised Vietnamese syllable right after the name
        continues it, unless a term or a personal name (reported or not) starts there.
        """
        return (
            _may_run_on(self.tokens, found)
            and self.lattice.longest_at(found.end) is None
            and self._name_run(found.end, Trigger.NONE, reported=False) is None
        )

    def _name_at(
        self, position: int, previous: tuple[int, str] | None, found: _Found | None
    ) -> int | None:
        if self.names is NameStyle.OFF or self.tokens[position].shape is not Shape.TITLE:
            return None
        previous_type = previous[1] if previous and previous[0] == position else None
        adjacent = previous_type is not None and self.tokens[position].gap is Gap.SPACE
        trigger = _trigger_at(self.tokens, position, previous_type if adjacent else None)
        if found is not None and not _names_a_person(self.tokens, position, found, trigger):
            return None
        end = self._name_run(position, trigger, follows_term=adjacent)
        if end is None or (found is not None and end < found.end):
            return None
        return end

    def _name_run(
        self, position: int, trigger: Trigger, *, follows_term: bool = True, reported: bool = True
    ) -> int | None:
        if reported and self.names is NameStyle.OFF:
            return None
        return find_name(
            self.tokens,
            position,
            trigger=trigger,
            follows_term=follows_term,
            is_stop=self._stops_name,
        )

    def _skip_to(self, found: _Found, position: int) -> int | None:
        """Where to go on when the term found at ``position`` is none there (see _skip_past)."""
        following = self.lattice.longest_at(found.end)
        return _skip_past(self.tokens, position, found, following, self._runs_on(found))

    def _stops_name(self, position: int) -> bool:
        found = self.lattice.longest_at(position)
        return found is not None and found.indexed.term.type not in PLACE_TYPES


def _trigger_at(tokens: Sequence[Token], position: int, term_before: str | None) -> Trigger:
    """What opens a personal name at ``position``: an address, a profession or a term.

    ``term_before`` is the type of the term right before it: a rank is always a person's,
    even for a one-syllable repeat ("Đại tá Hùng"); a title's name needs two syllables.
    """
    trigger = trigger_before(tokens, position)
    if trigger is not Trigger.NONE or term_before is None:
        return trigger
    if term_before == "rank":
        return Trigger.RANK
    return Trigger.TITLE if term_before in TITLE_TYPES else Trigger.NONE


def _names_a_person(
    tokens: Sequence[Token], position: int, found: _Found, trigger: Trigger
) -> bool:
    """Whether a place name the glossary found is a person's name there.

    A person follows an address, a rank or a role only a person holds, even one named like a
    place ("ông Hà Nam", "Thượng tá Lâm Đồng", "bị cáo Thái Bình": every bare place after such
    a role in the blind sets A to KK is a person); a title may name its place ("Bí thư Hà Nội").
    """
    return found.indexed.term.type in PLACE_TYPES and (
        trigger in (Trigger.ADDRESS, Trigger.RANK) or follows_a_person_role(tokens, position)
    )


def _may_run_on(tokens: Sequence[Token], found: _Found) -> bool:
    """Whether a capitalised Vietnamese syllable follows a bare place name (see ``_runs_on``)."""
    term = found.indexed.term
    if term.type not in PLACE_TYPES or term.is_composed or found.end >= len(tokens):
        return False
    following = tokens[found.end]
    return (
        following.gap is Gap.SPACE
        and following.shape is Shape.TITLE
        and is_syllable(following.text)
    )


def _local_term(index: TermIndex) -> Term | None:
    """Return the glossary's row for local units, if it has one (the shipped patterns.tsv does)."""
    node = index.terms.children.get(_LOCAL_KEY)
    return node.terms[0].term if node is not None and node.terms else None


def _listed_locals(tokens: Sequence[Token], text: str, local: Term | None) -> list[TermMatch]:
    """Return the units plural level words list ("các xã A, B và C"); none without ``local``."""
    listed: list[TermMatch] = []
    position = 0
    while local is not None and position < len(tokens):
        units = find_listed_locals(tokens, position)
        listed += [
            TermMatch(
                text[tokens[first].start : tokens[last - 1].end],
                english,
                tokens[first].start,
                tokens[last - 1].end,
                local.type,
                local.entry.location,
            )
            for first, last, english in units
        ]
        position = units[-1][1] if units else position + 1
    return listed


def _with_listed_locals(found: list[TermMatch], listed: list[TermMatch]) -> list[TermMatch]:
    """Return ``found`` with the listed units in place of what overlaps them, in text order."""
    spans = [(unit.start, unit.end) for unit in listed]
    kept = [match for match in found if not overlaps((match.start, match.end), spans)]
    return sorted([*kept, *listed], key=lambda match: match.start)


def _is_modified(tokens: Sequence[Token], position: int) -> bool:
    """Whether a word that changes the meaning of a term comes right before it.

    "Phó Chủ tịch UBND tỉnh X" is a vice chairman, "Tổng Giám đốc" a director general and
    "Bộ Tư lệnh" a command:
    without an entry of their own, "Chủ tịch UBND tỉnh X" and "Giám đốc" must not match
    there (the enforced rendering would be wrong); the shorter terms inside still do.
    """
    if position == 0 or tokens[position].gap is not Gap.SPACE:
        return False
    before = tokens[position - 1].key
    if before == _BO:
        # "Bộ Tư lệnh Vùng 4 Hải quân" is a command, not its commander.
        return tuple(token.key for token in tokens[position : position + len(_COMMAND)]) == _COMMAND
    return before in _MODIFIERS


def _after_the_credit(tokens: Sequence[Token], text: str, position: int) -> int:
    """The first token after a source credit's closing bracket ("(Báo Pháp luật Việt Nam)").

    The whole name is the publisher's, the country in it too; without a closing bracket on the
    line, only the newspaper's word is passed.
    """
    line_end = text.find("\n", tokens[position].start)
    closing = text.find(")", tokens[position].start, None if line_end < 0 else line_end)
    if closing < 0:
        return position + 1
    return next(
        (number for number in range(position, len(tokens)) if tokens[number].start > closing),
        len(tokens),
    )


def _credits_a_source(text: str, token: Token) -> bool:
    """Whether a newspaper opens a source credit in brackets: "(Báo Lào Cai) - Ngày …".

    The credit names the publisher, not a body of the story; no blind set annotates it.
    """
    return token.key in _NEWSPAPER and text[: token.start].rstrip().endswith("(")


def _is_false_start(tokens: Sequence[Token], position: int, found: _Found) -> bool:
    """Whether a term found at ``position`` only looks like one there (see the six below)."""
    return (
        _splits_a_word(tokens, position, found)
        or _in_a_document_number(tokens, position)
        or _names_the_scheme(tokens, position, found)
        or _is_a_foreign_committee(tokens, found)
        or _is_a_common_post(tokens, found)
        or _runs_into_a_remit(tokens, position, found)
    )


def _is_a_common_post(tokens: Sequence[Token], found: _Found) -> bool:
    """Whether a bare title names a company's job: "Giám đốc nhân sự" (head of human resources).

    Blind set BB leaves it out; such jobs are no official post (glossary-units.md §1).
    """
    if found.indexed.term.type not in TITLE_TYPES or found.indexed.term.is_composed:
        return False
    following = tokens[found.end : found.end + 2]
    if not following or following[0].gap is not Gap.SPACE:
        return False
    if any(token.shape is not Shape.LOWER for token in following):
        return False
    keys = tuple(token.key for token in following)
    return any(keys[: len(noun)] == noun for noun in _COMMON_POST_NOUNS)


def _skip_past(
    tokens: Sequence[Token], position: int, found: _Found, following: _Found | None, runs_on: bool
) -> int | None:
    """Where to go on when the term found at ``position`` is none there, or None if it is.

    A foreign envoy's title (past it, to the country); a place that starts a longer name
    (``runs_on``) or a head's title before a board no term names (past the capitalised run).
    ``following``: the term found right after.
    """
    if _is_a_foreign_envoy(tokens, position, found, following):
        return found.end
    if runs_on or _heads_an_unknown_body(tokens, position, found, following):
        return _proper_name_end(tokens, found.end)
    return None


def _is_a_foreign_envoy(
    tokens: Sequence[Token], position: int, found: _Found, following: _Found | None
) -> bool:
    """Whether an envoy's bare title is a foreign country's: "Đại sứ Nhật Bản tại Việt Nam".

    A foreign post is no official term of Viet Nam (glossary-units.md §5); the country after
    it (``following``, the term found there) is still reported, as a name.
    """
    keys = tuple(token.key for token in tokens[position : found.end])
    if keys not in _ENVOYS or found.end >= len(tokens):
        return False
    if following is not None:
        return following.indexed.term.type == "country"
    word = tokens[found.end]  # "Đại sứ Brazil": a country the glossary does not list
    return word.gap is Gap.SPACE and word.is_capitalised and not is_syllable(word.text)


def _heads_an_unknown_body(
    tokens: Sequence[Token], position: int, found: _Found, following: _Found | None
) -> bool:
    """Whether a head's bare title goes on in the name of a board no row knows.

    "Trưởng Ban Chỉ đạo thi cấp tỉnh", "Trưởng phòng Khách hàng cá nhân", "Phó Trưởng phòng
    PC03", "Vụ trưởng Vụ Chính quyền địa phương": the post is the whole, so *Head* alone would
    be a piece of it (twelve such pieces in the blind sets A to JJ, none a row). A holder's
    name after the title keeps it: "Trưởng phòng Nguyễn Văn An"; so does a body the glossary
    knows (``following``, the term found after the title), which the units join later.
    """
    keys = tuple(token.key for token in tokens[position : found.end])
    if keys not in _BOARD_HEADS or following is not None or found.end >= len(tokens):
        return False
    word = tokens[found.end]
    return (
        word.gap is Gap.SPACE
        and word.shape is not Shape.LOWER
        and word.key not in SURNAMES
        and not opens_full_name(tokens, found.end)
    )


def _runs_into_a_remit(tokens: Sequence[Token], position: int, found: _Found) -> bool:
    """Whether a bare steering committee goes on in the remit that names it.

    "Trưởng Ban Chỉ đạo thi cấp tỉnh", "Ban Chỉ đạo phòng chống dịch thành phố": the committee
    is the whole, which no row knows; "Trưởng Ban Chỉ đạo, …" alone is one already named.
    """
    keys = tuple(token.key for token in tokens[position : found.end])
    if keys[-len(_STEERING_COMMITTEE) :] != _STEERING_COMMITTEE or found.end >= len(tokens):
        return False
    following = tokens[found.end]
    return following.gap is Gap.SPACE and following.shape is Shape.LOWER


def _is_a_foreign_committee(tokens: Sequence[Token], found: _Found) -> bool:
    """Whether a Party committee is a foreign one: "Phó Bí thư Tỉnh ủy Champasak" (Laos).

    Neighbouring parties name their provincial committees alike; a foreign place after the
    committee makes the body and its posts foreign (glossary-units.md §5).
    """
    return follows_a_foreign_committee(tokens, found.end)


def _names_the_scheme(tokens: Sequence[Token], position: int, found: _Found) -> bool:
    """Whether "bảo hiểm xã hội" names the insurance, not the agency that runs it.

    "tham gia bảo hiểm xã hội tự nguyện" (voluntary social insurance), "sổ BHXH" (the insurance
    book), "Luật Bảo hiểm xã hội" (the law): Viet Nam Social Security is the agency.
    """
    if tuple(token.key for token in tokens[position : found.end]) not in _SCHEMES:
        return False
    before = tokens[position - 1].key if position else ""
    after = tokens[found.end].key if found.end < len(tokens) else ""
    return before in _BEFORE_A_SCHEME or after in _AFTER_A_SCHEME


def _is_look_alike(
    tokens: Sequence[Token], position: int, found: _Found, ends: tuple[int, int]
) -> bool:
    """Whether a bare place names a street or river, or ends a longer unknown name.

    ``ends``: where the last street's or river's name ended, and where the terms found so
    far end.
    """
    feature_end, matched_to = ends
    return _names_a_feature(tokens, position, found, feature_end) or _ends_a_longer_name(
        tokens, position, found, matched_to
    )


def _names_a_feature(
    tokens: Sequence[Token], position: int, found: _Found, feature_end: int
) -> bool:
    """Whether a bare place name is part of a street's, a river's, a product's or an event's name.

    After a feature word ("đường Hà Nội"), a product ("cà phê Đắk Lắk") or inside an event's
    name ("Hội chợ Cao su Bình Phước"), or joined by a dash to such a name just before it
    (``feature_end``): "cao tốc Sơn La – Điện Biên".
    """
    term = found.indexed.term
    if term.type not in _BARE_PLACE_TYPES or term.is_composed or position == 0:
        return False
    gap = tokens[position].gap
    if (
        _continues_a_feature_list(tokens, position, feature_end)
        or names_an_expressway(tokens, position)
        or names_an_event(tokens, position)
    ):
        return True
    if gap is not Gap.SPACE:
        return False
    keys = tuple(token.key for token in tokens[max(0, position - _FEATURE_REACH) : position])
    if keys[-2:] in (_CITY, _LINK_POINT):
        # "thành phố Huế" ends with "phố" (a street) but is the city; "điểm cầu Đắk Lắk" (a
        # video link's point) with "cầu" (a bridge) but is the province.
        return False
    return any(keys[len(keys) - len(feature) :] == feature for feature in _FEATURES) or (
        term.type in _PROVINCIAL and names_a_product(tokens, position)
    )


def _continues_a_feature_list(tokens: Sequence[Token], position: int, feature_end: int) -> bool:
    """Whether a place goes on the feature names just skipped: after a dash, a comma or "và".

    "Chiến dịch Huế – Đà Nẵng"; "các hồ thủy điện Hòa Bình, Sơn La, Tuyên Quang và Thác Bà"
    (batch LL).
    """
    if feature_end == 0:
        return False
    gap = tokens[position].gap
    if position == feature_end:
        return gap in (Gap.DASH, Gap.COMMA)
    return (
        position == feature_end + 1
        and tokens[feature_end].key == _AND
        and gap is Gap.SPACE
        and tokens[feature_end].gap is Gap.SPACE
    )


def _ends_a_longer_name(
    tokens: Sequence[Token], position: int, found: _Found, matched_to: int
) -> bool:
    """Whether a bare place name ends a longer proper name the glossary does not know.

    "Trường Đại học Kinh tế Công nghiệp Long An", "Khu công nghiệp Becamex VSIP Bình Định",
    "Ngân hàng TMCP Ngoại thương Việt Nam": a capitalised word right before the place, inside
    a sentence and in no term, makes the place part of that name (glossary-units.md §5).
    ``matched_to``: where the terms found so far end.
    """
    term = found.indexed.term
    if term.type not in _NAMED_TYPES or term.is_composed or position <= matched_to:
        return False
    before, first = tokens[position - 1], tokens[position]
    if first.gap is not Gap.SPACE or first.shape is not Shape.TITLE:
        return False
    if position - 1 > matched_to and follows_capitalised_compound(tokens, position):
        return True
    return (
        before.shape in (Shape.TITLE, Shape.UPPER, Shape.MIXED)
        and not before.is_sentence_start
        and not before.text.isdigit()
    )


def _in_a_document_number(tokens: Sequence[Token], position: int) -> bool:
    """Whether a term is the issuer's code in a document number ("Quyết định số 5127/QĐ-UBND").

    The code names the kind of document and the body that issued it; no body is meant there.
    """
    if position == 0 or tokens[position].gap is not Gap.DASH:
        return False
    before = tokens[position - 1]
    return before.key in _DOCUMENT_KINDS and before.end == tokens[position].start - 1


def _splits_a_word(tokens: Sequence[Token], position: int, found: _Found) -> bool:
    """Whether a first syllable belongs to the word before it ("cán bộ Công an").

    Lower case, or capitals after capitals: "CHI CỤC HẢI QUAN" is a branch, not the department.
    """
    if position == 0 or (tokens[position - 1].key, tokens[position].key) not in _COMPOUNDS:
        return False
    if tokens[position].shape is Shape.UPPER:
        return tokens[position - 1].shape is Shape.UPPER
    return tokens[position].shape is Shape.LOWER and found.indexed.shapes[:1] != (Shape.LOWER,)


def _proper_name_end(tokens: Sequence[Token], position: int) -> int:
    """Return the end of the capitalised syllables from ``position`` on (a longer name).

    A full name ends it: "Công ty … Hòa Bình Xanh Trần Văn An" names the company's director.
    """
    while (
        position < len(tokens)
        and tokens[position].gap is Gap.SPACE
        and tokens[position].shape is Shape.TITLE
        and not opens_full_name(tokens, position)
    ):
        position += 1
    return position


def _name_match(
    tokens: Sequence[Token], text: str, names: NameStyle, start: int, end: int
) -> TermMatch:
    """Return the match of a personal name over tokens ``start`` to ``end``."""
    first, last = tokens[start], tokens[end - 1]
    rendering = render_name(tokens[start:end], names)
    return TermMatch(text[first.start : last.end], rendering, first.start, last.end, "name")


def _term_match(
    tokens: Sequence[Token], text: str, names: NameStyle, start: int, found: _Found
) -> TermMatch:
    """Return the match of a term found from token ``start``, its slots rendered."""
    term = found.indexed.term
    first, last = tokens[start], tokens[found.end - 1]
    target, variants = term.en, term.variants
    for step in found.steps:
        if step.slot is not None:
            key, slot_start, slot_end = step.slot
            filled = _render_slot(key, tokens[slot_start:slot_end], names)
            target = target.replace(key, filled, 1)
            variants = tuple(variant.replace(key, filled, 1) for variant in variants)
    return TermMatch(
        text[first.start : last.end],
        target,
        first.start,
        last.end,
        term.type,
        term.entry.location,
        variants=variants,
    )


def _slot_runs(
    tokens: Sequence[Token], name_run: SlotRun, known_locals: Collection[tuple[str, ...]]
) -> dict[str, SlotRun]:
    """Return the finder of each match-time slot over ``tokens``."""
    return {
        NAME_KEY: name_run,
        _LOCAL_KEY: functools.partial(find_local, tokens, known=known_locals),
        _PLACE_NAME_KEY: functools.partial(find_place_name, tokens),
        _ORDINAL_KEY: functools.partial(find_ordinal, tokens),
        _NUMBER_KEY: functools.partial(find_number, tokens),
    }


def _render_slot(key: str, tokens: Sequence[Token], names: NameStyle) -> str:
    """Return the English of what fills a slot."""
    if key == NAME_KEY:
        return render_name(tokens, names)
    if key == _LOCAL_KEY:
        return render_local(tokens)
    if key == _ORDINAL_KEY:
        return render_ordinal(tokens)
    if key == _NUMBER_KEY:
        return render_number(tokens)
    return render_place_name(tokens)


def _is_better(end: int, indexed: IndexedTerm, best: _Found | None) -> bool:
    """Whether a term ending at ``end`` beats ``best``: the longer, else the better ranked.

    At the same length a listed term beats a composed one, and any term beats one whose place
    came from the open class (``{local}``, ``{place-name}``).
    """
    if best is None or end > best.end:
        return True
    if end < best.end:
        return False
    rank, best_rank = _rank(indexed), _rank(best.indexed)
    return rank < best_rank


def _rank(indexed: IndexedTerm) -> tuple[bool, bool]:
    term = indexed.term
    return (bool(_OPEN_PLACES & set(_slot_keys(term.vi))), term.is_composed)


def _slot_keys(vietnamese: str) -> list[str]:
    return ["{" + slot + "}" for slot in slots_of(vietnamese)]


def _accepts(indexed: IndexedTerm, steps: Sequence[_Step]) -> bool:
    """Whether the text's gaps and capitals fit the term (``docs/design/glossary.md``)."""
    if len(steps) != len(indexed.shapes):
        return False
    return _gaps_fit(indexed, steps) and _case_fits(indexed, steps)


def _gaps_fit(indexed: IndexedTerm, steps: Sequence[_Step]) -> bool:
    for number in range(1, len(steps)):
        got, want = steps[number].gap, indexed.gaps[number]
        if got is Gap.COMMA and want not in (Gap.COMMA, Gap.DASH):
            return False
        if (
            got is Gap.DOT
            and want is not Gap.DOT
            and steps[number - 1].shape not in (None, Shape.UPPER)
        ):
            return False
    return True


def _case_fits(indexed: IndexedTerm, steps: Sequence[_Step]) -> bool:
    if indexed.term.entry.case_policy == "any":
        return True
    real = [step.shape for step in steps if step.shape is not None]
    if real and all(shape in (Shape.UPPER, Shape.OTHER) for shape in real) and len(real) > 1:
        return True
    for number, (want, step) in enumerate(zip(indexed.shapes, steps, strict=True)):
        if not _shape_fits(want, step.shape, number == 0 and _has_later_capital(indexed, steps)):
            return False
    return True


def _shape_fits(want: Shape | None, got: Shape | None, may_be_lower: bool) -> bool:
    if want is None or got is None or Shape.OTHER in (want, got) or want is Shape.LOWER:
        return True
    if want is Shape.UPPER:
        return got is Shape.UPPER
    if want is Shape.MIXED:
        return got in (Shape.MIXED, Shape.UPPER)
    return got in (Shape.TITLE, Shape.UPPER) or (got is Shape.LOWER and may_be_lower)


def _has_later_capital(indexed: IndexedTerm, steps: Sequence[_Step]) -> bool:
    """Whether a capitalised token of the term after the first is capitalised in the text too.

    A named place filling a slot counts: "công an xã Ea Phê" is that commune's police.
    """
    return any(
        (want in (Shape.TITLE, Shape.UPPER) and step.shape in (None, Shape.TITLE, Shape.UPPER))
        or (step.slot is not None and step.slot[0] in _NAMED_PLACE_SLOTS)
        for want, step in zip(indexed.shapes[1:], steps[1:], strict=True)
    )


def _abbreviation_shape_fits(want: Shape, got: Shape) -> bool:
    if want in (Shape.UPPER, Shape.MIXED):
        return got is want or got is Shape.UPPER
    return _shape_fits(want, got, may_be_lower=False)

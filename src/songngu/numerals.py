"""Numbers and clock times as written in Vietnamese and in English, for the QA checks.

Vietnamese groups thousands with dots and writes decimals with a comma (``1.000``, ``3,5``);
English does the opposite (``1,000``, ``3.5``). Scale words multiply (``4.500 tỷ`` is
4,500 billion, also written 4.5 trillion). Every mention therefore carries the set of values
it may stand for, and two mentions agree when their sets meet. Values are :class:`Decimal`, so
2,3 × 10⁶ is exactly 2,300,000.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = [
    "NumberMention",
    "find_english_numbers",
    "find_vietnamese_numbers",
    "match_numbers",
]

_Reader = Callable[[str], frozenset[Decimal]]

_TOKEN = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*")
_VIETNAMESE_SCALES = {
    "nghìn": 10**3,
    "ngàn": 10**3,
    "vạn": 10**4,
    "triệu": 10**6,
    "tỷ": 10**9,
    "tỉ": 10**9,
}
_VIETNAMESE_SCALE = re.compile(r"\s*(nghìn|ngàn|vạn|triệu|tỷ|tỉ)(?:\s+(tỷ|tỉ))?\b", re.IGNORECASE)
_ENGLISH_SCALES = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
_ENGLISH_SCALE = re.compile(r"\s*(thousand|million|billion|trillion|bn|mn|tn|k)\b", re.IGNORECASE)
# A clock time: "15 giờ", "15h30", "7 giờ 45 phút"; English may say 3 p.m. or 15:00.
_VIETNAMESE_TIME = re.compile(r"(?<![\d.,])(\d{1,2})\s*(?:giờ|h)(?![^\W\d_])")
_WORDS = (  # noqa: SIM905 - a word list reads best as words
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
_ORDINALS = (  # noqa: SIM905 - a word list reads best as words
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
    "twentieth"
).split()
_NUMBER_WORDS = {
    **{word: index for index, word in enumerate(_WORDS)},
    **{word: index for index, word in enumerate(_ORDINALS)},
    **_TENS,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "a": 1,
}
_COMPOUND_NUMBER = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-"
    r"(?:one|two|three|four|five|six|seven|eight|nine)"
)
_NUMBER_WORD = re.compile(
    rf"\b(?:{_COMPOUND_NUMBER}|{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number as written, where it is, and every value it may stand for."""

    text: str
    start: int
    end: int
    values: frozenset[Decimal]


def find_vietnamese_numbers(text: str, skip: Iterable[tuple[int, int]] = ()) -> list[NumberMention]:
    """Return the numbers of Vietnamese text, read the Vietnamese way, outside ``skip`` spans."""
    spans = list(skip)
    times = {match.start(1): match for match in _VIETNAMESE_TIME.finditer(text)}
    mentions = []
    for match in _TOKEN.finditer(text):
        if any(start <= match.start() < end for start, end in spans):
            continue
        values = _vietnamese_readings(match.group())
        if match.start() in times:
            values |= _hour_readings(int(match.group()))
        scale = _VIETNAMESE_SCALE.match(text, match.end())
        end = match.end()
        if scale:
            # "4.500 tỷ" must come back as 4,500 billion or 4.5 trillion, never as plain 4,500.
            values = frozenset(value * _scale_of(scale, _VIETNAMESE_SCALES) for value in values)
            end = scale.end()
        mentions.append(NumberMention(text[match.start() : end], match.start(), end, values))
    return mentions


def find_english_numbers(text: str) -> list[NumberMention]:
    """Return the numbers of English text (digits and number words), read the English way."""
    mentions = []
    for match in _TOKEN.finditer(text):
        mentions.append(_english_mention(text, match.start(), match.end(), _english_readings))
    for match in _NUMBER_WORD.finditer(text):
        mention = _english_mention(text, match.start(), match.end(), _word_readings)
        # "a" counts only as in "a million".
        if match.group().casefold() != "a" or mention.end > match.end():
            mentions.append(mention)
    return mentions


def match_numbers(
    sources: Iterable[NumberMention], targets: Iterable[NumberMention]
) -> list[NumberMention]:
    """Pair each source number with a distinct target number of equal value; return the rest."""
    unused = list(targets)
    missing = []
    for source in sources:
        partner = next((target for target in unused if target.values & source.values), None)
        if partner is None:
            missing.append(source)
        else:
            unused.remove(partner)
    return missing


def _english_mention(text: str, start: int, end: int, read: _Reader) -> NumberMention:
    values = read(text[start:end])
    scale = _ENGLISH_SCALE.match(text, end)
    if scale and values:
        values |= {value * _scale_of(scale, _ENGLISH_SCALES) for value in values}
        end = scale.end()
    return NumberMention(text[start:end], start, end, values)


def _vietnamese_readings(token: str) -> frozenset[Decimal]:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", token):
        return _decimals(token.replace(".", "").replace(",", "."))
    readings: set[Decimal] = set()
    if re.fullmatch(r"\d+,\d+", token):
        readings |= _decimals(token.replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token):
        # Some Vietnamese sites group thousands the English way.
        readings |= _decimals(token.replace(",", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        readings |= _decimals(token)
    return frozenset(readings) or _digits_only(token)


def _english_readings(token: str) -> frozenset[Decimal]:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", token):
        return _decimals(token.replace(",", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return _decimals(token)
    return _digits_only(token)


def _word_readings(word: str) -> frozenset[Decimal]:
    lowered = word.casefold()
    if "-" in lowered:
        tens, _, ones = lowered.partition("-")
        return frozenset({Decimal(_NUMBER_WORDS[tens] + _NUMBER_WORDS[ones])})
    return frozenset({Decimal(_NUMBER_WORDS[lowered])})


def _hour_readings(hour: int) -> frozenset[Decimal]:
    """15 giờ may come back as 15:00 or 3 p.m.; 0 giờ as midnight, 12 a.m. or 24:00."""
    return frozenset(Decimal(value) for value in {hour, hour % 12, hour % 12 + 12})


def _decimals(text: str) -> frozenset[Decimal]:
    try:
        return frozenset({Decimal(text).normalize()})
    except InvalidOperation:
        return frozenset()


def _digits_only(token: str) -> frozenset[Decimal]:
    """A token no convention explains (``0912.345.678``) matches its digits read together."""
    return _decimals(re.sub(r"\D", "", token))


def _scale_of(match: re.Match[str], scales: dict[str, int]) -> Decimal:
    factor = Decimal(1)
    for word in match.groups():
        if word:
            factor *= scales[word.casefold()]
    return factor

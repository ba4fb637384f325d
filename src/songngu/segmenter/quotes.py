"""Quotations and dialogue: an attribution stays with the quote it closes (C4, C5).

"“Tôi rất vui!” ông nói." and "“Đã xong.” Ông Hồ Văn Tâm, Chỉ huy trưởng…, cho biết." are one
sentence each: the clause after the closing quote is an attribution, a short clause that ends
with a speech verb. A question or exclamation keeps its attribution without quotes too ("Anh
đi đâu? Chị Lan hỏi."). In dialogue, the narrator's tag after a dash stays with the line it
follows: "– Anh đi đâu? – chị hỏi." (a break after the tag, not before it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from songngu.segmenter.vocabulary import (
    NEGATIONS,
    SPEECH_NOUN_MARKERS,
    SPEECH_TAILS,
    SPEECH_VERBS,
)
from songngu.segmenter.words import DASHES, LINE_BREAKS, Terminal, Word

# The longest attribution seen in news: subject, a title in apposition, the verb.
_MAX_ATTRIBUTION_WORDS = 25
# Without quotes or a dash, only a short tag is an attribution: "Anh đi đâu? Chị Lan hỏi."
_MAX_BARE_ATTRIBUTION_WORDS = 5
_OPENING_QUOTES = "“‘«‹„"
_CLOSING_QUOTES = "”’»›"
# A quotation that ends inside a word followed by a comma: "nhiệm?”," ends a clause too.
_CLAUSE_END = re.compile(r"[.?!…][\"'”’»)\]]*[,;:]$")


def is_followed_by_attribution(text: str, words: Sequence[Word], index: int, first: int) -> bool:
    """Whether the words after ``words[index]`` are the attribution of a quote or dialogue line.

    ``first`` is where the sentence began: inside a quotation that is still open, what follows
    is more of the quotation, not an attribution (C4).
    """
    left, right = words[index], words[index + 1]
    if left.terminal_kind is Terminal.NONE or is_inside_quotation(words[first : index + 1]):
        return False
    is_dash = right.text[0] in DASHES
    if not (left.closes_quote or is_dash or left.terminal_kind is not Terminal.PERIOD):
        return False
    start = index + 1
    if is_dash and not right.text.lstrip(DASHES):
        start += 1
    if start >= len(words):
        return False
    opening = words[start].text.lstrip(DASHES)
    if is_dash and opening[:1].islower():
        return True
    if words[start].opening:  # "… chờ đợi… “Có tin rồi!”, ai đó reo lên.": a new quotation
        return False
    clause = _clause(text, words, start)
    if not (left.closes_quote or is_dash) and len(clause) > _MAX_BARE_ATTRIBUTION_WORDS:
        return False  # "Khả thi không? Nhiều chuyên gia đã lên tiếng cảnh báo." is a sentence
    return _ends_with_speech_verb(clause)


def is_inside_quotation(words: Sequence[Word]) -> bool:
    """Whether a quotation opened in ``words`` is still open after the last of them."""
    depth = 0
    straight = 0
    for word in words:
        for char in word.text:
            if char in _OPENING_QUOTES:
                depth += 1
            elif char in _CLOSING_QUOTES:
                depth = max(0, depth - 1)
            elif char == '"':
                straight += 1
    return depth > 0 or straight % 2 == 1


def _clause(text: str, words: Sequence[Word], start: int) -> list[Word]:
    """Return the words from ``start`` to the end of their sentence, or [] if it runs too long."""
    clause: list[Word] = []
    for position in range(start, min(len(words), start + _MAX_ATTRIBUTION_WORDS)):
        word = words[position]
        if clause and any(char in LINE_BREAKS for char in text[clause[-1].end : word.start]):
            return clause
        clause.append(word)
        if word.terminal or _CLAUSE_END.search(word.text):
            return clause
    return clause if start + len(clause) == len(words) else []


def _ends_with_speech_verb(clause: list[Word]) -> bool:
    if len(clause) < 2 or clause[-1].terminal_kind not in (Terminal.NONE, Terminal.PERIOD):
        return False
    keys = [word.core.rstrip(",;:").lower() for word in clause]
    if keys[-1] in SPEECH_TAILS:
        keys.pop()
    for verb in SPEECH_VERBS:
        if len(keys) > len(verb) and tuple(keys[-len(verb) :]) == verb:
            before = keys[: -len(verb)]
            return before[-1] not in SPEECH_NOUN_MARKERS and not NEGATIONS.intersection(before)
    return False

"""Text that is only numbers, dates, percentages or document codes, copied rather than translated.

Table cells such as ``250.000``, ``58%``, ``12/5/2025``, ``3,5 - 4``, ``QĐ-123`` or
``123/2025/NĐ-CP`` have nothing for a model to translate and much for it to damage (it rewrites
``250.000`` as ``250,000`` or drops the ``QĐ``).
"""

from __future__ import annotations

import re

# A token with no letters (digits, separators, %, currency signs), or a code: capitals joined to
# digits by - / . (Vietnamese legal document numbers: "số 123/2025/NĐ-CP").
_NUMBER = r"[+\-−–]?[\d.,:/%°‰$€£¥₫()\-–]*\d[\d.,:/%°‰$€£¥₫()\-–]*"
_CODE = r"(?=[^\s]*\d)[\dA-ZĐ]+(?:[-/.][\dA-ZĐ]+)+"
_LITERAL = re.compile(rf"(?:{_NUMBER}|{_CODE}|[\-–—/.%()]+)(?:\s+(?:{_NUMBER}|{_CODE}|[\-–—/%]))*")

__all__ = ["is_literal"]


def is_literal(text: str) -> bool:
    """Return whether ``text`` is only numbers, dates, percentages or codes."""
    stripped = text.strip()
    return bool(stripped) and _LITERAL.fullmatch(stripped) is not None

"""How a segment's state and memory hint read to a person, the same in every output format.

The states themselves are :class:`songngu.model.State`; their mapping to XLIFF 1.2, the DOCX OK
column and the memory is in ``docs/design/approval-and-xliff.md``.
"""

from __future__ import annotations

from songngu.model import MemoryMatch, Segment


def provenance(segment: Segment) -> str:
    """Return the state with who and when, where known: ``final, Lan, 2026-12-01``."""
    if segment.state is None:
        return "no state"
    parts = [segment.state.value, segment.reviewer, segment.reviewed_at[:10]]
    return ", ".join(part for part in parts if part)


def hint_line(hint: MemoryMatch) -> str:
    """Return a fuzzy hint as one line for the reviewer (never the output itself)."""
    who = f", {hint.reviewer}" if hint.reviewer else ""
    return (
        f"Memory hint ({hint.similarity:.0f}% similar, {hint.state.value}{who}): "
        f"“{hint.source}” → “{hint.target}”"
    )

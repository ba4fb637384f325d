"""Which cores are abbreviations, and of which sort (C3); the lists live in ``vocabulary.py``.

- a *title* never ends a sentence: "TP. Huế", "PGS.TS. Lê Văn A", "Nxb. Trẻ", "tr. 45";
- a *soft* abbreviation ends one only before a sentence start: "…, v.v. Ban quản lý…" but
  "v.v. để phục vụ"; a single lowercase letter is one ("cách 300 m. Người dân…");
- an *initial* is one capital letter or a digraph ("T.", "Th."), or several joined by periods
  ("N.V.A.", "T.Ư.");
  whether it ends a sentence depends on its neighbours (``rules.initial_rule``).
"""

from __future__ import annotations

from songngu.segmenter.vocabulary import DIGRAPH_INITIALS, SOFT_ABBREVIATIONS, TITLES


def is_title(core: str) -> bool:
    """Whether ``core`` is a title or prefix, alone or compound ("ThS", "PGS.TS", "GS.TSKH")."""
    if core in TITLES:
        return True
    parts = core.split(".")
    return len(parts) > 1 and all(part in TITLES for part in parts)


def is_soft_abbreviation(core: str) -> bool:
    """Whether ``core`` may end a sentence but not before a lowercase word ("v.v", "Inc", "m")."""
    if core in SOFT_ABBREVIATIONS:
        return True
    return len(core) == 1 and core.isalpha() and core.islower()


def is_initial(core: str) -> bool:
    """Whether ``core`` is an initial or initials joined by periods ("T", "Th", "N.V.A")."""
    return all(_is_one_initial(part) for part in core.split("."))


def _is_one_initial(part: str) -> bool:
    return (len(part) == 1 and part.isalpha() and part.isupper()) or part in DIGRAPH_INITIALS

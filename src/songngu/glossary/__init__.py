"""The terminology glossary: loading, matching, the glossary stage and term enforcement.

See ``glossary/README.md`` (file format) and ``docs/design/glossary.md`` (matching and
enforcement).
"""

from __future__ import annotations

from songngu.glossary.entries import TYPES, Entry, NameStyle
from songngu.glossary.files import load_glossary, shipped_glossary_files
from songngu.glossary.stage import GlossaryStage
from songngu.glossary.styles import HouseStyle
from songngu.glossary.termbase import Glossary

__all__ = [
    "TYPES",
    "Entry",
    "Glossary",
    "GlossaryStage",
    "HouseStyle",
    "NameStyle",
    "load_glossary",
    "shipped_glossary_files",
]

"""songngu: Vietnamese news into publishable English, with a glossary and a review file.

The public API; everything else is internal and may change.
"""

from songngu._version import __version__
from songngu.backends import GenerationSettings
from songngu.glossary import Glossary, load_glossary
from songngu.model import (
    Block,
    BlockKind,
    Document,
    Issue,
    MemoryMatch,
    Segment,
    Severity,
    State,
    TermMatch,
)
from songngu.pipeline import Pipeline, TranslationSettings, translate_document
from songngu.readers import read_document
from songngu.run import FileResult, MemoryOptions, OutputOptions, translate_files

__all__ = [
    "Block",
    "BlockKind",
    "Document",
    "FileResult",
    "GenerationSettings",
    "Glossary",
    "Issue",
    "MemoryMatch",
    "MemoryOptions",
    "OutputOptions",
    "Pipeline",
    "Segment",
    "Severity",
    "State",
    "TermMatch",
    "TranslationSettings",
    "__version__",
    "load_glossary",
    "read_document",
    "translate_document",
    "translate_files",
]

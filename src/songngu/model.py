"""The document model every stage reads and returns: Document → Block → Segment.

Frozen value objects with no I/O. A stage never mutates them; it returns a new document
through :func:`dataclasses.replace` (see ``docs/design/pipeline.md``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum

from songngu.literals import is_literal


class Severity(str, Enum):
    """How much a QA issue matters to the editor."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class BlockKind(str, Enum):
    """The role a block plays in a news article."""

    HEADLINE = "headline"
    HEADING = "heading"
    LEAD = "lead"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    CREDIT = "credit"
    BYLINE = "byline"
    DATELINE = "dateline"
    META = "meta"
    LIST_ITEM = "list-item"
    TABLE_CELL = "table-cell"

    @property
    def is_translated(self) -> bool:
        """Whether blocks of this kind go to the model (metadata is carried over as is)."""
        return self is not BlockKind.META


class Origin(str, Enum):
    """Where a segment's target text came from."""

    MODEL = "model"
    MEMORY = "memory"
    REVIEWER = "reviewer"
    COPY = "copy"


class State(str, Enum):
    """How far a segment's English has come, in XLIFF 2.1's state vocabulary.

    ``translated`` is model output (or unvetted memory), ``reviewed`` a reviewer's edit,
    ``final`` an explicit approval. The mapping to XLIFF 1.2, DOCX and the memory is in
    ``docs/design/approval-and-xliff.md``.
    """

    INITIAL = "initial"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"
    FINAL = "final"

    @property
    def is_vetted(self) -> bool:
        """Whether a person changed or approved this English (only then is it shown as vetted)."""
        return self in (State.REVIEWED, State.FINAL)


@dataclass(frozen=True, slots=True)
class MemoryMatch:
    """A translation memory entry found for a segment: the reused one, or a fuzzy hint.

    ``similarity`` is 100 for an exact match, else rapidfuzz's ratio of the normalised sources.
    """

    source: str
    target: str
    state: State
    similarity: float = 100.0
    reviewer: str = ""
    date: str = ""


@dataclass(frozen=True, slots=True)
class Issue:
    """A QA finding on one segment; ``code`` is a stable kebab-case name."""

    code: str
    severity: Severity
    message: str


@dataclass(frozen=True, slots=True)
class TermPart:
    """An official name inside a composed unit, kept for the audit.

    ``Sở Y tế`` (*Department of Health*) and ``tỉnh Lào Cai`` inside ``Giám đốc Sở Y tế tỉnh Lào
    Cai`` (*Director of the Lao Cai Department of Health*).
    """

    source: str
    target: str
    type: str


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A glossary term found in a segment's source; offsets are into ``Segment.source``.

    ``variants`` are other English renderings of the same term (from the glossary) that the
    enforcement may replace by ``target``; ``method`` says how ``target`` got into the output.
    """

    source: str
    target: str
    start: int
    end: int
    type: str = "term"
    entry: str = ""
    enforced: bool = False
    method: str = ""
    variants: tuple[str, ...] = ()
    parts: tuple[TermPart, ...] = ()


@dataclass(frozen=True, slots=True)
class Segment:
    """One sentence of a block and, once translated, its target.

    ``start``/``end`` are offsets into ``Document.text``; ``id`` is assigned once
    (``b3.s2``: block 3, sentence 2) and never reused.
    """

    id: str
    source: str
    start: int
    end: int
    target: str | None = None
    terms: tuple[TermMatch, ...] = ()
    issues: tuple[Issue, ...] = ()
    origin: Origin | None = None
    num_pieces: int = 1
    state: State | None = None
    reviewer: str = ""
    reviewed_at: str = ""
    hint: MemoryMatch | None = None

    @property
    def has_target(self) -> bool:
        """Whether a translation has been attached."""
        return self.target is not None


class MarkStyle(str, Enum):
    """Inline formatting the editor put on part of a block."""

    BOLD = "bold"
    ITALIC = "italic"
    LINK = "link"


@dataclass(frozen=True, slots=True)
class Mark:
    """Inline formatting over ``Document.text[start:end]``; ``url`` is set for links.

    The text never holds markup (``*``, ``_``, ``[…](…)``): formatting lives here, beside it
    (``docs/design/formatting.md``).
    """

    start: int
    end: int
    style: MarkStyle
    url: str = ""


@dataclass(frozen=True, slots=True)
class CellPosition:
    """Where a table-cell block sits: table, row and column, each counted from 0."""

    table: int
    row: int
    column: int


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit of the article (headline, paragraph, caption, …)."""

    id: str
    kind: BlockKind
    text: str
    start: int
    end: int
    segments: tuple[Segment, ...] = ()
    level: int = 0
    marks: tuple[Mark, ...] = ()
    cell: CellPosition | None = None

    @property
    def is_translated(self) -> bool:
        """Whether this block's segments go to the model.

        A table cell holding only numbers, dates or codes (``250.000``, ``58%``, ``12/5/2025``,
        ``QĐ-123``) is copied as it is: a model can only damage it.
        """
        if self.kind is BlockKind.TABLE_CELL and is_literal(self.text):
            return False
        return self.kind.is_translated


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """Where a document came from and what produced its translation."""

    source_path: str = "-"
    title: str | None = None
    date: str | None = None
    source_language: str = "vi"
    target_language: str = "en"
    encoding: str = "utf-8"
    signature: str = ""
    backend: str | None = None
    model: str | None = None
    model_revision: str | None = None
    glossary_hash: str | None = None
    tool_version: str = ""
    extra: tuple[tuple[str, str], ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Document:
    """An article: its NFC text, its blocks in reading order, and its metadata."""

    text: str
    blocks: tuple[Block, ...]
    meta: DocumentMeta = field(default_factory=DocumentMeta)

    @property
    def num_segments(self) -> int:
        """The number of segments over all blocks."""
        return sum(len(block.segments) for block in self.blocks)

    def iter_segments(self) -> Iterator[Segment]:
        """Yield every segment in reading order."""
        for block in self.blocks:
            yield from block.segments


def map_segments(document: Document, transform: Callable[[Segment], Segment]) -> Document:
    """Return a copy of ``document`` with ``transform`` applied to every segment."""
    blocks = tuple(
        dataclasses.replace(block, segments=tuple(transform(s) for s in block.segments))
        for block in document.blocks
    )
    return dataclasses.replace(document, blocks=blocks)


def replace_segments(document: Document, replacements: dict[str, Segment]) -> Document:
    """Return a copy of ``document`` in which segments are replaced by id."""
    return map_segments(document, lambda segment: replacements.get(segment.id, segment))

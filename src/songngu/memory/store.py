"""The translation memory: approved and model translations in one SQLite file per user.

Entries are keyed by a normalised source (:func:`source_key`) and carry their origin
(``reviewer``, ``import``, ``model``), their state (:class:`~songngu.model.State`), the
signature of the run that produced them, the document and segment they came from, and dates. A
lookup prefers vetted entries (``reviewed``, ``final``), then reviewer over import over model
entries; model entries are scoped to the exact run signature that produced them
(``docs/design/review.md``, ``docs/design/approval-and-xliff.md``).
"""

from __future__ import annotations

import datetime
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from types import TracebackType

from songngu.errors import MemoryStoreError
from songngu.model import MemoryMatch, State
from songngu.vietnamese import TONE_MARKS

SCHEMA_VERSION = "2"
MEMORY_FILE_NAME = "memory.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    source_key TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('reviewer', 'import', 'model')),
    scope TEXT NOT NULL DEFAULT '',
    level TEXT NOT NULL DEFAULT 'sentence' CHECK (level IN ('sentence', 'block')),
    signature TEXT NOT NULL DEFAULT '',
    document TEXT NOT NULL DEFAULT '',
    segment_id TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '',
    original TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'translated',
    UNIQUE (source_key, origin, scope)
);
CREATE INDEX IF NOT EXISTS entries_by_key ON entries (source_key);
"""
_COLUMNS = (
    "source",
    "target",
    "origin",
    "level",
    "signature",
    "document",
    "segment_id",
    "reviewer",
    "original",
    "created",
    "updated",
    "state",
)
# Vetted entries win over unvetted ones; then reviewer entries over imported ones, and both over
# the model's own output.
_PRIORITY = (
    "CASE WHEN state IN ('reviewed', 'final') THEN 0 ELSE 3 END"
    " + CASE origin WHEN 'reviewer' THEN 0 WHEN 'import' THEN 1 ELSE 2 END"
)
# Schema 1 had no state: an edited reviewer entry (its English differs from the exported one) and
# an imported TMX are vetted; a reviewer entry stored only because nobody touched it is not.
_MIGRATIONS = {
    "1": """
ALTER TABLE entries ADD COLUMN state TEXT NOT NULL DEFAULT 'translated';
UPDATE entries SET state = 'reviewed'
    WHERE origin = 'import' OR (origin = 'reviewer' AND original != '' AND original != target);
UPDATE meta SET value = '2' WHERE key = 'schema_version';
"""
}
_WORD = re.compile(r"\w+")
# SQLite allows at most 999 parameters per statement in older builds.
_LOOKUP_CHUNK = 500


class EntryOrigin(str, Enum):
    """Who vouches for a memory entry."""

    REVIEWER = "reviewer"
    IMPORT = "import"
    MODEL = "model"


@dataclass(frozen=True, slots=True)
class MemoryEntry:
    """One source sentence (or block) and its translation, with where it came from."""

    source: str
    target: str
    origin: EntryOrigin
    level: str = "sentence"
    signature: str = ""
    document: str = ""
    segment_id: str = ""
    reviewer: str = ""
    original: str = ""
    created: str = ""
    updated: str = ""
    state: State | None = None

    @property
    def effective_state(self) -> State:
        """Return the state, or the one its origin implies (a person's is vetted, a model's not)."""
        if self.state is not None:
            return self.state
        return State.TRANSLATED if self.origin is EntryOrigin.MODEL else State.REVIEWED

    def to_match(self, similarity: float = 100.0) -> MemoryMatch:
        """Return this entry as a match offered to a segment."""
        return MemoryMatch(
            self.source, self.target, self.effective_state, similarity, self.reviewer, self.updated
        )

    @property
    def scope(self) -> str:
        """Return what a lookup must match besides the source: the signature, for model output."""
        return self.signature if self.origin is EntryOrigin.MODEL else ""


def source_key(text: str) -> str:
    """Return the lookup key of a source: NFC, whitespace collapsed, tone placement folded.

    Case and punctuation are kept: a dateline in capitals must not reuse a lower-case
    translation. ``hoà``/``hòa`` and ``thuỷ``/``thủy`` (old and new tone placement) are the same
    word, so their tone mark is moved to the end of the syllable in the key.
    """
    collapsed = " ".join(unicodedata.normalize("NFC", text).split())
    return _WORD.sub(lambda match: _tone_last(match.group()), collapsed)


def default_memory_path(environment: Mapping[str, str], platform: str) -> Path:
    """Return the per-user memory file for ``environment`` (``os.environ``) on ``platform``.

    ``%LOCALAPPDATA%/songngu`` on Windows, else ``$XDG_DATA_HOME/songngu`` or
    ``~/.local/share/songngu`` (the XDG Base Directory default).
    """
    if platform.startswith("win") and environment.get("LOCALAPPDATA"):
        return Path(environment["LOCALAPPDATA"]) / "songngu" / MEMORY_FILE_NAME
    data_home = environment.get("XDG_DATA_HOME")
    if data_home:
        return Path(data_home) / "songngu" / MEMORY_FILE_NAME
    home = Path(environment["HOME"]) if environment.get("HOME") else Path.home()
    return home / ".local" / "share" / "songngu" / MEMORY_FILE_NAME


def now_iso() -> str:
    """Return the current UTC time as ``YYYY-MM-DDThh:mm:ssZ``."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class TranslationMemory:
    """A translation memory file; opened on first use, closed by ``close()`` or ``with``."""

    def __init__(self, path: Path) -> None:
        """Use the SQLite file at ``path`` (created with its folder on first write)."""
        self.path = path
        self._connection: sqlite3.Connection | None = None

    def __enter__(self) -> TranslationMemory:
        """Return the memory itself."""
        return self

    def __exit__(
        self,
        exception_type: type[BaseException] | None,
        exception: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the file."""
        self.close()

    def add(self, entries: Iterable[MemoryEntry]) -> int:
        """Store ``entries``; an entry replaces the one with the same key, origin and scope.

        Returns the number of entries stored. Entries with an empty source or target are skipped.

        Raises:
            MemoryStoreError: the file cannot be written.
        """
        rows = [_row(entry) for entry in entries if entry.source.strip() and entry.target.strip()]
        connection = self._connect()
        try:
            # The connection as a context manager commits, or rolls back on an error.
            with connection:
                connection.executemany(_UPSERT, rows)
        except sqlite3.Error as error:
            raise MemoryStoreError(
                f"{self.path}: cannot write the translation memory ({error})."
            ) from error
        return len(rows)

    def close(self) -> None:
        """Close the file if it is open."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def count_by_origin(self) -> dict[str, int]:
        """Return how many entries each origin has (all origins listed, zero included)."""
        return self._count("origin", [origin.value for origin in EntryOrigin])

    def count_by_state(self) -> dict[str, int]:
        """Return how many entries each state has (``initial`` is never stored, so not listed)."""
        return self._count("state", [state.value for state in State if state is not State.INITIAL])

    def iter_entries(
        self, origins: Sequence[EntryOrigin] = tuple(EntryOrigin)
    ) -> Iterator[MemoryEntry]:
        """Yield the entries of the given origins, oldest first."""
        if not self.path.exists():
            return
        marks = ", ".join("?" for _ in origins)
        query = f"SELECT {', '.join(_COLUMNS)} FROM entries WHERE origin IN ({marks}) ORDER BY id"
        for row in self._connect().execute(query, [origin.value for origin in origins]):
            yield _entry(row)

    def lookup(
        self, sources: Sequence[str], signature: str | None = None
    ) -> dict[str, MemoryEntry]:
        """Return the best entry for each source that has one.

        Reviewer and import entries match any run; model entries only the run ``signature``
        (none when it is None).
        """
        if not self.path.exists() or not sources:
            return {}
        keys = {source: source_key(source) for source in sources}
        best = self._best_by_key(sorted(set(keys.values())), signature or "")
        return {source: best[key] for source, key in keys.items() if key in best}

    def _best_by_key(self, keys: list[str], signature: str) -> dict[str, MemoryEntry]:
        best: dict[str, MemoryEntry] = {}
        for start in range(0, len(keys), _LOOKUP_CHUNK):
            chunk = keys[start : start + _LOOKUP_CHUNK]
            marks = ", ".join("?" for _ in chunk)
            query = (
                f"SELECT source_key, {', '.join(_COLUMNS)} FROM entries "
                f"WHERE source_key IN ({marks}) AND (origin != 'model' OR scope = ?) "
                f"ORDER BY {_PRIORITY} DESC, updated, id"
            )
            for row in self._connect().execute(query, [*chunk, signature]):
                best[row[0]] = _entry(row[1:])
        return best

    def _count(self, column: str, values: list[str]) -> dict[str, int]:
        counts = dict.fromkeys(values, 0)
        if self.path.exists():
            query = f"SELECT {column}, COUNT(*) FROM entries GROUP BY {column}"
            counts.update(dict(self._connect().execute(query).fetchall()))
        return counts

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.path, timeout=30)
                connection.executescript(_SCHEMA)
                _check_schema(connection, self.path)
            except (OSError, sqlite3.Error) as error:
                raise MemoryStoreError(
                    f"{self.path}: cannot open the translation memory ({error}); "
                    "pass --memory PATH to use another file."
                ) from error
            self._connection = connection
        return self._connection


_UPSERT = f"""
INSERT INTO entries (source_key, scope, {", ".join(_COLUMNS)})
VALUES ({", ".join("?" for _ in range(len(_COLUMNS) + 2))})
ON CONFLICT (source_key, origin, scope) DO UPDATE SET
    source = excluded.source, target = excluded.target, level = excluded.level,
    signature = excluded.signature, document = excluded.document,
    segment_id = excluded.segment_id, reviewer = excluded.reviewer,
    original = excluded.original, updated = excluded.updated, state = excluded.state
"""


def _row(entry: MemoryEntry) -> tuple[str, ...]:
    stamp = now_iso()
    return (
        source_key(entry.source),
        entry.scope,
        entry.source,
        entry.target,
        entry.origin.value,
        entry.level,
        entry.signature,
        entry.document,
        entry.segment_id,
        entry.reviewer,
        entry.original,
        entry.created or stamp,
        entry.updated or stamp,
        entry.effective_state.value,
    )


def _entry(row: Sequence[str]) -> MemoryEntry:
    values = dict(zip(_COLUMNS, row, strict=True))
    origin = EntryOrigin(values.pop("origin"))
    state = State(values.pop("state"))
    return MemoryEntry(origin=origin, state=state, **values)


def _check_schema(connection: sqlite3.Connection, path: Path) -> None:
    found = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if found is None:
        connection.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        connection.commit()
    elif found[0] in _MIGRATIONS:
        connection.executescript(_MIGRATIONS[found[0]])
    elif found[0] != SCHEMA_VERSION:
        raise MemoryStoreError(
            f"{path}: translation memory schema {found[0]}, this songngu reads {SCHEMA_VERSION}; "
            "upgrade songngu or use another --memory file."
        )


def _tone_last(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [char for char in decomposed if char in TONE_MARKS]
    if not tones:
        return word
    letters = "".join(char for char in decomposed if char not in TONE_MARKS)
    return unicodedata.normalize("NFC", letters) + "".join(TONE_MARKS[tone] for tone in tones)

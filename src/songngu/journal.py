"""The resume journal: what an unfinished run has translated, so the next run continues.

One JSON-lines file per output folder and run settings, ``.songngu-journal-<hash>.jsonl``. A
``piece`` line holds one translated piece (its key hashes the piece, its glossary terms and the
attempt); a ``writing`` line names an input whose outputs are being written (an interrupted
write leaves complete files of this run, which the next run may replace), and a ``done`` line
one whose outputs were written. Lines are flushed as they
are written, so Ctrl-C loses at most the chunk in flight; a torn last line is ignored. The
journal is not a translation memory: it lives only until a run finishes, and memory hits never
reach it (see ``docs/design/robustness.md``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from songngu.model import TermMatch

__all__ = ["Journal", "JournalEntry", "inputs_in_journals", "piece_key", "text_digest"]

logger = logging.getLogger(__name__)

_VERSION = 1


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """A translated piece: its target, whether it hit the length cap, how each term got in."""

    text: str
    is_capped: bool = False
    methods: tuple[str, ...] = ()


def piece_key(attempt: str, source: str, terms: Sequence[TermMatch]) -> str:
    """Return the journal key of a piece translated in ``attempt`` with these glossary terms."""
    parts = [attempt, source, *(f"{t.start}:{t.end}:{t.target}" for t in terms)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def text_digest(text: str) -> str:
    """Return the digest that identifies an input's text in ``done`` lines."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Journal:
    """The pieces and finished inputs of one run's settings in one output folder."""

    def __init__(self, path: Path, identity: str) -> None:
        """Open (without creating) the journal at ``path`` and read what it already holds."""
        self.path = path
        self.identity = identity
        self._pieces: dict[str, JournalEntry] = {}
        self._done: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._writing: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._is_broken = False
        self._load()

    @classmethod
    def for_run(cls, output_dir: Path, identity: str) -> Journal:
        """Return the journal of runs with this identity (signature and settings) in a folder."""
        digest = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:12]
        return cls(output_dir / f".songngu-journal-{digest}.jsonl", identity)

    @property
    def num_pieces(self) -> int:
        """The number of pieces recorded."""
        return len(self._pieces)

    def has(self, key: str) -> bool:
        """Whether a piece with this key has been recorded."""
        return key in self._pieces

    def is_done(self, source_path: str, digest: str, outputs: Sequence[Path]) -> bool:
        """Whether this input, with this text, was finished and all its outputs still exist."""
        done = self._done.get(source_path)
        wanted = tuple(str(path) for path in outputs)
        return done == (digest, wanted) and all(path.exists() for path in outputs)

    def mark_done(self, source_path: str, digest: str, outputs: Sequence[Path]) -> None:
        """Record that an input's outputs were written."""
        names = tuple(str(path) for path in outputs)
        self._done[source_path] = (digest, names)
        self._append([{"done": source_path, "digest": digest, "outputs": list(names)}])

    def mark_writing(self, source_path: str, digest: str, outputs: Sequence[Path]) -> None:
        """Record that this run starts writing an input's outputs (they are its own to replace)."""
        names = tuple(str(path) for path in outputs)
        self._writing[source_path] = (digest, names)
        self._append([{"writing": source_path, "digest": digest, "outputs": list(names)}])

    def was_writing(self, source_path: str, digest: str, outputs: Sequence[Path]) -> bool:
        """Whether an interrupted run was writing these outputs of this input (same text)."""
        return self._writing.get(source_path) == (digest, tuple(str(path) for path in outputs))

    def recall(self, key: str) -> JournalEntry | None:
        """Return the recorded piece with this key, or None."""
        return self._pieces.get(key)

    def record(self, entries: Mapping[str, JournalEntry]) -> None:
        """Record translated pieces and flush them to disk."""
        self._pieces.update(entries)
        self._append(
            {"key": key, "text": e.text, "capped": e.is_capped, "methods": list(e.methods)}
            for key, e in entries.items()
        )

    def remove(self) -> None:
        """Delete the journal: the run it belonged to has finished."""
        self.path.unlink(missing_ok=True)

    def _load(self) -> None:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as error:
            logger.warning("%s: cannot be read (%s); starting afresh.", self.path, error)
            return
        records = [_parse(line) for line in lines]
        if not records or records[0].get("identity") != self.identity:
            return
        for record in records[1:]:
            self._restore(record)

    def _restore(self, record: dict[str, Any]) -> None:
        if isinstance(record.get("key"), str) and isinstance(record.get("text"), str):
            methods = tuple(str(method) for method in record.get("methods") or ())
            self._pieces[record["key"]] = JournalEntry(
                record["text"], bool(record.get("capped")), methods
            )
        for kind, table in (("done", self._done), ("writing", self._writing)):
            if isinstance(record.get(kind), str) and isinstance(record.get("outputs"), list):
                table[record[kind]] = (str(record.get("digest")), tuple(record["outputs"]))

    def _append(self, records: Iterable[dict[str, Any]]) -> None:
        """Append records in one write, flushed and closed (no handle outlives a call)."""
        if self._is_broken:
            return
        lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as handle:
                if handle.tell() == 0:
                    header = {"songngu_journal": _VERSION, "identity": self.identity}
                    handle.write(json.dumps(header, ensure_ascii=False) + "\n")
                handle.write(lines)
        except OSError as error:
            # The journal only saves time; a full disk must not stop the translation itself.
            logger.warning("%s: cannot be written (%s); resuming is off.", self.path, error)
            self._is_broken = True


def inputs_in_journals(output_dir: Path) -> set[str]:
    """Return the inputs that any journal in ``output_dir`` was writing or had finished.

    Whatever the journal's settings: a rerun leaves such an input to the journal's own resume
    logic rather than judging its outputs from the files alone.
    """
    found: set[str] = set()
    for path in output_dir.glob(".songngu-journal-*.jsonl"):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for record in map(_parse, lines):
            found.update(
                record[kind] for kind in ("done", "writing") if isinstance(record.get(kind), str)
            )
    return found


def _parse(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except ValueError:
        return {}
    return record if isinstance(record, dict) else {}

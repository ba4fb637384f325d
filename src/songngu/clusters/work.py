"""What a cluster worker does with a window of documents: translate them together, per file.

The same stages as a local window (``docs/design/archive-batching.md``): each document is
prepared, the window's first model pass is shared, then each document is finished on its own.
A failure ends only its document, and comes back as that document's one-line message; the
worker writes nothing (the driver writes every output).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from songngu.errors import ModelCallError, SongnguError, TranslationError
from songngu.memory import MemorySnapshot
from songngu.model import Document
from songngu.pipeline import Pipeline, Stage
from songngu.translation.first_pass import SharedPass

__all__ = ["Outcome", "WorkItem", "translate_items"]


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One input as the driver sends it: read there, with its memory entries looked up."""

    path: str
    document: Document
    memory: MemorySnapshot | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """One input's translation, or the one-line message of the failure that ended it."""

    path: str
    document: Document | None = None
    error: str = ""
    seconds: float = 0.0
    #: The process that translated it (for tests and logs; never in an output).
    worker: int = 0


def translate_items(pipeline: Pipeline, items: Sequence[WorkItem]) -> list[Outcome]:
    """Translate a window of inputs with their model passes shared; an outcome per input."""
    started = time.perf_counter()
    memory = _window_memory(items)
    prepared: list[tuple[WorkItem, Document | Outcome]] = [
        (item, _attempt(item, functools.partial(pipeline.prepare, item.document, memory=memory)))
        for item in items
    ]
    ready = [(item, document) for item, document in prepared if isinstance(document, Document)]
    shared = _shared_pass(pipeline, [document for _, document in ready])
    share = (time.perf_counter() - started) / max(1, len(items))
    outcomes = {item.path: document for item, document in prepared if isinstance(document, Outcome)}
    for index, (item, document) in enumerate(ready):
        begun = time.perf_counter()
        model = functools.partial(shared.fill, index) if shared else None
        finished = _attempt(item, functools.partial(_finish, pipeline, memory, document, model))
        seconds = share + time.perf_counter() - begun
        outcomes[item.path] = (
            Outcome(item.path, finished, seconds=seconds)
            if isinstance(finished, Document)
            else Outcome(item.path, error=finished.error, seconds=seconds)
        )
    return [outcomes[item.path] for item in items]


def _shared_pass(pipeline: Pipeline, documents: list[Document]) -> SharedPass | None:
    """Run the first pass once over the window; None sends each document alone (as locally)."""
    if len(documents) < 2:
        return None
    try:
        return pipeline.translate_together(documents, [None] * len(documents))
    except Exception:  # met again document by document, where it ends only its own
        return None


def _window_memory(items: Sequence[WorkItem]) -> MemorySnapshot | None:
    """Join the items' memory snapshots: the window's documents share one, as a run's do."""
    snapshots = [item.memory for item in items if item.memory is not None]
    return MemorySnapshot.joined(snapshots) if snapshots else None


def _finish(
    pipeline: Pipeline, memory: MemorySnapshot | None, document: Document, model: Stage | None
) -> Document:
    if model is None:
        alone = pipeline.translate_together([document], [None])
        model = functools.partial(alone.fill, 0)
    return pipeline.finish(document, model, memory=memory)


def _attempt(item: WorkItem, action: Callable[[], Document]) -> Document | Outcome:
    """Run ``action``; turn any failure into the input's failed outcome (its one-line message)."""
    try:
        return action()
    except ModelCallError as error:
        return Outcome(item.path, error=str(TranslationError(item.path, error)))
    except SongnguError as error:
        return Outcome(item.path, error=str(error))
    except Exception as error:  # any failure ends this file, not the worker (as locally)
        return Outcome(item.path, error=str(TranslationError(item.path, error)))

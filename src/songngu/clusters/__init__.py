"""Translating on many machines: engines that run a run's model work on a cluster.

The driver (this machine) reads the inputs, looks them up in the translation memory, writes
every output and keeps the resume journal (:mod:`songngu.clusters.driver`); the workers only
translate documents they are sent (:mod:`songngu.clusters.work`), so they need no shared
filesystem (``docs/design/cluster.md``). :data:`CLUSTERS` names each engine's ``module:function``,
imported only when a run asks for it, so that ``songngu --help`` and local runs never import Ray.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from songngu.clusters.work import Outcome, WorkItem
from songngu.errors import ClusterError
from songngu.file_jobs import WINDOW_SENTENCES
from songngu.glossary import Glossary
from songngu.installation import install_command
from songngu.pipeline import TranslationSettings
from songngu.registry import load_registered
from songngu.signature import Signature

__all__ = ["CLUSTERS", "ClusterOptions", "Workers", "start_workers"]

CLUSTERS = {"ray": "songngu.clusters.ray_workers:start_ray_workers"}


@dataclass(frozen=True, slots=True)
class ClusterOptions:
    """Which engine runs the model work, and the workers it starts."""

    engine: str = "ray"
    workers: int = 2
    #: CPU threads of each worker's model; None shares the cluster's CPUs among the workers.
    threads: int | None = None
    gpus_per_worker: float = 0.0
    #: The most sentences of consecutive files sent to a worker at once (as a local window).
    window_sentences: int = WINDOW_SENTENCES


class Workers(Protocol):
    """Started workers, each holding the glossary and the model, loaded once."""

    #: The signature of the workers' pipeline (the same on every worker).
    signature: Signature

    def translate(self, windows: Iterable[list[WorkItem]]) -> Iterator[list[Outcome]]:
        """Translate each window on some worker; yield each window's outcomes as it finishes.

        Windows are taken from ``windows`` only as workers become free, so an archive is
        never held in memory whole. A window whose worker died (more often than the engine
        retries) comes back as a failed outcome per file.
        """
        ...

    def close(self) -> None:
        """Stop the workers (and an engine this run started); safe to call twice."""
        ...


def start_workers(
    options: ClusterOptions, settings: TranslationSettings, glossary: Glossary
) -> Workers:
    """Start ``options.workers`` workers of the named engine; each loads the model once.

    Raises:
        ClusterError: the engine is unknown or not installed, or the cluster cannot hold the
            workers asked for.
        ModelUnavailableError, BackendError: a worker cannot load the model.
    """
    target = CLUSTERS.get(options.engine)
    if target is None:
        raise ClusterError(
            f"Unknown cluster engine {options.engine!r}; choose one of: {', '.join(CLUSTERS)}."
        )
    try:
        start = load_registered(target)
    except ImportError as error:
        raise ClusterError(
            f"--cluster {options.engine} needs {error.name or options.engine}, which is not "
            f"installed; install it with: {install_command('cluster')}"
        ) from error
    workers: Workers = start(options, settings, glossary)
    return workers

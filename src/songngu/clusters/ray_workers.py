"""Ray workers: each an actor holding the glossary and the model, translating windows of files.

Ray places each actor on a node with the CPUs and GPUs it declares (``num_cpus`` = its model's
threads, ``num_gpus`` = ``--gpus-per-worker``). An actor whose process dies is restarted by Ray
(``max_restarts``), on any node with room, and the window it was translating is sent again
(``max_task_retries``), so a killed worker loses nothing
(https://docs.ray.io/en/latest/ray-core/fault_tolerance/actors.html). The driver keeps at most
two windows per worker submitted and waits with ``ray.wait``, Ray's own pattern for bounding
pending work (https://docs.ray.io/en/latest/ray-core/patterns/limit-pending-tasks.html).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import pickle
import socket
import zlib
from collections.abc import Iterable, Iterator

import ray
from ray import ObjectRef
from ray.actor import ActorHandle
from ray.exceptions import ActorDiedError, RayError, RayTaskError

from songngu.clusters import ClusterOptions
from songngu.clusters.work import Outcome, WorkItem, translate_items
from songngu.errors import ClusterError, SongnguError
from songngu.glossary import Glossary
from songngu.pipeline import Pipeline, TranslationSettings
from songngu.signature import Signature

__all__ = ["RayWorkers", "TranslationWorker", "start_ray_workers"]

_Actor = ActorHandle["TranslationWorker"]

#: How often Ray restarts a worker whose process died, and sends its window again: a window
#: that kills its worker this often is reported as failed (a crash in the engine, out of memory).
MAX_RESTARTS = 4
MAX_TASK_RETRIES = 3
#: How long to try reaching RAY_ADDRESS before saying it is unreachable.
CONNECT_SECONDS = 5.0
#: Windows submitted to each worker at once: one translating, one waiting, so that no worker
#: waits for the driver to read the next files.
WINDOWS_PER_WORKER = 2


class TranslationWorker:
    """One worker: the glossary and the model, loaded once; translates the windows it is sent."""

    def __init__(self, settings: TranslationSettings, glossary: bytes) -> None:
        """Load the model; take the glossary the driver loaded (:func:`_packed`)."""
        self.pipeline: Pipeline | None = None
        #: Why the model could not be loaded: kept (not raised), so that Ray does not restart a
        #: worker that would fail the same way, and the driver shows the message as is.
        self.failure: SongnguError | None = None
        try:
            self.pipeline = Pipeline(settings, glossary=pickle.loads(zlib.decompress(glossary)))
        except SongnguError as error:
            self.failure = error

    def describe(self) -> tuple[Signature, int]:
        """Return the pipeline's signature and this worker's process id.

        Raises:
            SongnguError: the model could not be loaded (the local run's error).
        """
        if self.pipeline is None:
            raise self.failure or ClusterError("The worker has no model.")
        return self.pipeline.signature, os.getpid()

    def translate(self, items: list[WorkItem]) -> list[Outcome]:
        """Translate a window of inputs (their model passes shared)."""
        if self.pipeline is None:
            raise self.failure or ClusterError("The worker has no model.")
        pid = os.getpid()
        return [
            dataclasses.replace(outcome, worker=pid)
            for outcome in translate_items(self.pipeline, items)
        ]


class RayWorkers:
    """The started actors of one run (see :class:`songngu.clusters.Workers`)."""

    def __init__(self, actors: list[_Actor], signature: Signature, pids: list[int]) -> None:
        """Hold ``actors``, which all load a pipeline signed ``signature``."""
        self.actors = actors
        self.signature = signature
        #: The workers' process ids when they started (a test kills one).
        self.pids = pids
        self.started_ray = False

    def translate(self, windows: Iterable[list[WorkItem]]) -> Iterator[list[Outcome]]:
        """Translate each window on a free worker; yield its outcomes as it finishes.

        Raises:
            ClusterError: every worker died for good with windows left to send.
        """
        waiting = iter(windows)
        pending: dict[ObjectRef[list[Outcome]], tuple[_Actor, list[WorkItem]]] = {}
        # Each worker's first window before any worker's second: all start at once.
        free = [actor for _ in range(WINDOWS_PER_WORKER) for actor in self.actors]
        exhausted = False
        while True:
            while free and not exhausted:
                window = next(waiting, None)
                if not window:  # None: all sent; []: the driver waits for a result first
                    exhausted = window is None
                    break
                actor = free.pop(0)
                pending[actor.translate.remote(window)] = (actor, window)
            if not pending:
                break
            [ref], _ = ray.wait(list(pending), num_returns=1)
            actor, window = pending.pop(ref)
            outcomes, is_alive = _collected(ref, window)
            if is_alive:
                free.append(actor)
            else:
                free = [other for other in free if other is not actor]
            yield outcomes
        if not exhausted:
            raise ClusterError(
                "Every Ray worker died more often than Ray restarts it; the finished files are "
                "written: see the workers' logs (ray logs), then run the same command again."
            )

    def close(self) -> None:
        """Stop the actors, and the Ray instance this run started; safe to call twice."""
        for actor in self.actors:
            ray.kill(actor, no_restart=True)
        self.actors = []
        if self.started_ray and ray.is_initialized():
            ray.shutdown()
        self.started_ray = False


def start_ray_workers(
    options: ClusterOptions, settings: TranslationSettings, glossary: Glossary
) -> RayWorkers:
    """Connect to Ray (or start it here), start the workers and wait until each has its model.

    Raises:
        ClusterError: Ray cannot be reached, or the cluster has too few CPUs or GPUs.
        ModelUnavailableError, BackendError: a worker cannot load the model (its own message).
    """
    started_ray = _connect()
    workers = RayWorkers([], Signature("", "", "", ""), [])
    workers.started_ray = started_ray
    try:
        threads = _threads_per_worker(options)
        generation = dataclasses.replace(settings.generation, threads=threads)
        worker_class = ray.remote(TranslationWorker).options(
            num_cpus=threads,
            num_gpus=options.gpus_per_worker,
            max_restarts=MAX_RESTARTS,
            max_task_retries=MAX_TASK_RETRIES,
        )
        worker_settings = dataclasses.replace(settings, generation=generation)
        packed = _packed(glossary)
        workers.actors = [
            worker_class.remote(worker_settings, packed)  # type: ignore[misc]
            for _ in range(options.workers)
        ]
        described = _described(workers.actors)
    except BaseException:
        workers.close()
        raise
    workers.signature = described[0][0]
    workers.pids = [pid for _, pid in described]
    return workers


def _connect() -> bool:
    """Join the cluster ``ray.init`` finds (RAY_ADDRESS, ``ray start``) or start one here.

    Returns whether this run started Ray (and so stops it at the end).

    Raises:
        ClusterError: RAY_ADDRESS names a cluster that cannot be reached.
    """
    if ray.is_initialized():
        return False
    address = os.environ.get("RAY_ADDRESS", "")
    if address not in ("", "auto", "local"):
        _check_reachable(address)
    try:
        # Workers' own output (library warnings) stays in their logs, not the driver's terminal.
        ray.init(logging_level=logging.ERROR, log_to_driver=False, include_dashboard=False)
    except (ConnectionError, RuntimeError) as error:
        raise ClusterError(
            f"Cannot reach the Ray cluster at {address or 'the address ray start wrote'} "
            f"({_reason(error)}); start one with 'ray start --head', or unset RAY_ADDRESS to "
            "start Ray on this machine."
        ) from error
    return True


def _check_reachable(address: str) -> None:
    """Refuse an address nothing answers at, in seconds (``ray.init`` retries for minutes).

    Raises:
        ClusterError: no connection to the address's host and port.
    """
    host, _, port = address.removeprefix("ray://").rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=CONNECT_SECONDS):
            return
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise ClusterError(
            f"Cannot reach the Ray cluster at RAY_ADDRESS={address} ({reason}); check the "
            "address, start the cluster with 'ray start --head', or unset RAY_ADDRESS to start "
            "Ray on this machine."
        ) from error


def _threads_per_worker(options: ClusterOptions) -> int:
    """Return each worker's threads; refuse more workers than the cluster can place.

    Raises:
        ClusterError: the workers need more CPUs or GPUs than the cluster has.
    """
    resources: dict[str, float] = ray.cluster_resources()  # type: ignore[no-untyped-call]
    cpus, gpus = resources.get("CPU", 0.0), resources.get("GPU", 0.0)
    threads = options.threads or max(1, int(cpus // options.workers))
    if options.workers * threads > cpus:
        raise ClusterError(
            f"The Ray cluster has {cpus:g} CPUs; {options.workers} workers of {threads} "
            f"thread{'s' if threads > 1 else ''} need {options.workers * threads}: lower "
            "--workers or --threads."
        )
    if options.workers * options.gpus_per_worker > gpus:
        raise ClusterError(
            f"The Ray cluster has {gpus:g} GPUs; {options.workers} workers of "
            f"{options.gpus_per_worker:g} need {options.workers * options.gpus_per_worker:g}: "
            "lower --workers or --gpus-per-worker."
        )
    return threads


def _described(actors: list[_Actor]) -> list[tuple[Signature, int]]:
    """Wait until every worker has loaded its model; raise the first one's own error."""
    try:
        described: list[tuple[Signature, int]] = ray.get([a.describe.remote() for a in actors])
    except RayError as error:
        cause = _songngu_cause(error)
        if cause is not None:
            raise cause from None
        raise ClusterError(f"A Ray worker could not start: {_reason(error)}") from error
    return described


def _packed(glossary: Glossary) -> bytes:
    """Return the glossary as compressed bytes, small enough to travel inside the call.

    The shipped glossary packs to about 40 KB, under Ray's 100 KB limit for arguments sent
    inline; a larger argument would go to the object store, from which a restarted worker
    could not always fetch it (https://github.com/ray-project/ray/issues/53727).
    """
    return zlib.compress(pickle.dumps(glossary, protocol=pickle.HIGHEST_PROTOCOL))


def _songngu_cause(error: BaseException) -> SongnguError | None:
    """Return the songngu error a worker raised, from inside Ray's wrappers (or None).

    Ray's wrapper of a task's error is also an instance of the error's class, with the
    worker's traceback as its message, so the wrapped error is taken from ``cause``.
    """
    seen: BaseException | None = error
    for _ in range(5):
        if seen is None:
            return None
        if isinstance(seen, SongnguError) and not isinstance(seen, RayError):
            return seen
        seen = getattr(seen, "cause", None) or seen.__cause__
    return None


def _collected(ref: ObjectRef[list[Outcome]], window: list[WorkItem]) -> tuple[list[Outcome], bool]:
    """Return a window's outcomes (failed ones if its worker failed), and whether it lives."""
    try:
        return ray.get(ref), True
    except ActorDiedError as error:  # restarted and retried as often as allowed: gone for good
        return _failed(window, _reason(error)), False
    except RayError as error:
        return _failed(window, _reason(error)), True


def _failed(window: list[WorkItem], reason: str) -> list[Outcome]:
    return [
        Outcome(
            item.path,
            error=f"{item.path}: the Ray worker translating it stopped ({reason}); run the same "
            "command again, or translate the file without --cluster to see why.",
        )
        for item in window
    ]


def _reason(error: BaseException) -> str:
    """Return the first line of a Ray error's message (they run to many lines)."""
    if isinstance(error, RayTaskError):
        error = error.cause if isinstance(error.cause, BaseException) else error
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__

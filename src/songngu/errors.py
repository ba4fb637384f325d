"""The songngu error hierarchy: everything the CLI turns into a one-line ``Error: …``.

Each error says what went wrong, where, and what to do. Subclasses also inherit the builtin
that fits, so callers that know nothing of songngu can still catch them
(after huggingface_hub's ``errors.py``).
"""

from __future__ import annotations

from pathlib import Path


class SongnguError(Exception):
    """Base class of every error songngu raises on purpose.

    ``exit_code`` is what the command line exits with when the error ends a command (data on
    the error, as click's ``ClickException.exit_code``).
    """

    exit_code = 1

    def __reduce__(self) -> tuple[object, tuple[type[SongnguError], str]]:
        """Pickle as the class and the message, whatever the subclass's ``__init__`` takes.

        A cluster worker's error then reaches the driver as itself, with the message the user
        would see locally (extra attributes, such as a model id, stay behind).
        """
        return (_restored, (type(self), str(self)))


def _restored(kind: type[SongnguError], message: str) -> SongnguError:
    """Rebuild a pickled :class:`SongnguError` from its class and message."""
    error = kind.__new__(kind)
    Exception.__init__(error, message)
    return error


class InputError(SongnguError, ValueError):
    """An input article cannot be read, decoded or understood."""


class GlossaryError(SongnguError, ValueError):
    """A glossary file is malformed or contradicts itself."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        """Prefix the message with ``path:line`` when they are known."""
        self.path = Path(path) if path is not None else None
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class ModelUnavailableError(SongnguError, FileNotFoundError):
    """A translation model is neither cached locally nor downloadable."""

    def __init__(self, message: str, model_id: str):
        """Remember which model was asked for."""
        self.model_id = model_id
        super().__init__(message)


class BackendError(SongnguError, RuntimeError):
    """A translation backend cannot be loaded or configured."""


class ExportError(SongnguError, OSError):
    """An output file cannot be written, or does not read back as written."""


class OutputExistsError(ExportError, FileExistsError):
    """An output file already exists and ``--force`` was not given."""


class MemoryStoreError(SongnguError, OSError):
    """The translation memory cannot be opened, read or written."""


class ReviewError(SongnguError, ValueError):
    """A reviewed file cannot be paired with the document it came from."""


class PipelineError(SongnguError, TypeError):
    """A pipeline stage broke the stage contract."""


class ClusterError(SongnguError, RuntimeError):
    """A cluster run cannot start or go on, or a file failed on a cluster worker.

    Engine not installed, cluster unreachable, too few CPUs, every worker dead; for one file,
    the worker's one-line message.
    """


class ModelCallError(SongnguError, RuntimeError):
    """The backend raised while translating these sentences (the cause is chained)."""

    def __init__(
        self,
        segment_ids: tuple[str, ...],
        cause: BaseException,
        saved: tuple[int, int] | None = None,
    ) -> None:
        """Remember which sentences the failed call held, and (saved, total) when counted."""
        self.segment_ids = segment_ids
        self.cause = cause
        self.saved = saved
        super().__init__(f"{_failure(cause)} while translating {_describe(segment_ids)}")


class TranslationError(SongnguError, RuntimeError):
    """Translating one file failed; the other files go on.

    Says which file and sentence, what failed (out of memory gets what to lower), and how much
    of the file is saved in the resume journal; ``--debug`` shows the traceback of the cause.
    """

    def __init__(self, source_path: str, cause: BaseException, saved: str = "") -> None:
        """Compose the one-line message from a :class:`ModelCallError` or any other failure."""
        self.source_path = source_path
        self.cause = cause
        if isinstance(cause, ModelCallError):
            what, origin = str(cause), cause.cause
        else:
            what, origin = "an unexpected error stopped this file", cause
        advice = (
            "lower --batch-size or --beams (or use --device cpu)"
            if is_out_of_memory(origin)
            else "run with --debug for the traceback and report it"
        )
        saved = f"; {saved}" if saved else ""
        super().__init__(f"{source_path}: {what} ({_first_line(origin)}){saved}; {advice}.")


def is_out_of_memory(error: BaseException) -> bool:
    """Return whether ``error`` says the CPU or GPU ran out of memory.

    torch raises ``torch.OutOfMemoryError`` (a RuntimeError), Python ``MemoryError``, and
    CTranslate2 a RuntimeError whose message holds "out of memory" or "bad_alloc".
    """
    if isinstance(error, MemoryError) or type(error).__name__ == "OutOfMemoryError":
        return True
    text = str(error).lower()
    return "out of memory" in text or "bad_alloc" in text


def _failure(cause: BaseException) -> str:
    return "ran out of memory" if is_out_of_memory(cause) else "the model failed"


def _describe(segment_ids: tuple[str, ...]) -> str:
    if len(segment_ids) == 1:
        return segment_ids[0]
    return f"{segment_ids[0]} (one of {len(segment_ids)} sentences in the batch)"


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    first = text.splitlines()[0] if text else ""
    return f"{type(error).__name__}: {first}" if first else type(error).__name__


class TranslationStopped(KeyboardInterrupt):
    """Ctrl-C while the model was translating, with the sentences the journal holds counted.

    Raised by the model stage; the run (:mod:`songngu.run`) turns it into
    :class:`TranslationInterrupted` for the file. Counted from the journal itself, so the count is
    right even when Ctrl-C lands between a chunk being saved and its progress being reported.
    """

    def __init__(self, num_saved: int, num_total: int) -> None:
        """Remember how many of the document's sentences are saved."""
        super().__init__(f"{num_saved} of {num_total} sentences saved")
        self.num_saved = num_saved
        self.num_total = num_total


class TranslationInterrupted(KeyboardInterrupt):
    """Ctrl-C stopped a translation; what was finished is saved in the resume journal.

    A ``KeyboardInterrupt`` rather than a :class:`SongnguError`, so that nothing that handles
    errors file by file can swallow it and carry on with the next file.
    """

    #: The shell's code for a process stopped by SIGINT (128 + 2).
    exit_code = 130

    def __init__(
        self,
        source_path: str,
        journal_path: Path,
        num_saved: int | None = None,
        num_total: int | None = None,
    ) -> None:
        """Say how many of the article's sentences are saved (when counted), and where."""
        self.source_path = source_path
        self.journal_path = journal_path
        self.num_saved = num_saved
        self.num_total = num_total
        saved = (
            f"{num_saved} of {num_total} sentences of {source_path} are"
            if num_total is not None
            else f"the finished work on {source_path} is"
        )
        super().__init__(
            f"{saved} saved in {journal_path}; run the same command again to continue."
        )

"""Translating many files in one run: inputs expanded, the model loaded once, failures isolated.

A file that cannot be read or written is reported in its :class:`FileResult` and the run goes
on with the next one; the caller decides the exit code from the results. Translated pieces go
to a resume journal in the output folder, so that a run stopped by Ctrl-C continues where it
stopped when it is started again (``docs/design/robustness.md``).
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from songngu.errors import (
    ExportError,
    InputError,
    SongnguError,
    TranslationError,
    TranslationInterrupted,
)
from songngu.exporters import EXPORTERS, output_path, refuse_existing, write_outputs
from songngu.journal import Journal, text_digest
from songngu.model import Document, Severity
from songngu.pipeline import Pipeline
from songngu.readers import SUFFIXES, read_document
from songngu.translation import ProgressCallback


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """Where and in which formats outputs are written."""

    output_dir: Path = Path("output")
    formats: tuple[str, ...] = ("docx", "md")
    force: bool = False
    resume: bool = True


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one input: its outputs and document, or the error that stopped it."""

    path: str
    outputs: tuple[Path, ...] = ()
    document: Document | None = None
    error: SongnguError | None = None
    seconds: float = 0.0
    is_resumed: bool = False

    @property
    def num_errors(self) -> int:
        """The number of error-severity QA issues in the translated document."""
        if self.document is None:
            return 0
        return sum(
            issue.severity is Severity.ERROR
            for segment in self.document.iter_segments()
            for issue in segment.issues
        )


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Replace each folder by the article files in it (sorted); keep files and ``-`` as given.

    Raises:
        InputError: a folder holds no articles, or no input exists at all (before any model
            is loaded; a single missing file among others is reported with the others).
    """
    missing = [item for item in inputs if item != "-" and not Path(item).exists()]
    if missing and len(missing) == len(inputs):
        raise InputError(f"{missing[0]}: no such file or folder; check the path.")
    expanded: list[str] = []
    for item in inputs:
        folder = Path(item)
        if item != "-" and folder.is_dir():
            found = sorted(str(p) for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{item}: the folder holds no {'/'.join(SUFFIXES)} files.")
            expanded.extend(found)
        else:
            expanded.append(item)
    return expanded


def check_output_names(inputs: Sequence[str], options: OutputOptions) -> None:
    """Refuse two inputs that would write the same output file (``a/x.txt`` and ``b/x.md``).

    Raises:
        InputError: naming both inputs.
    """
    unknown = [name for name in options.formats if name not in EXPORTERS]
    if unknown:
        raise InputError(f"Unknown output format {unknown[0]!r}; use {', '.join(EXPORTERS)}.")
    seen: dict[Path, str] = {}
    for item in inputs:
        target = output_path(item, options.output_dir, options.formats[0])
        if target in seen:
            raise InputError(
                f"{seen[target]} and {item} would both be written to {target}; "
                "translate them in separate runs with different -o folders."
            )
        seen[target] = item


def prepare_output_folder(options: OutputOptions) -> None:
    """Create the output folder and prove it writable by writing a file, before any translation.

    A real write, not :func:`os.access`: permission bits do not bind the superuser, and a
    network or read-only mount can refuse what the bits allow.

    Raises:
        ExportError: the folder cannot be created or written.
    """
    folder = options.output_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".songngu-probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ExportError(
            f"{folder}: cannot write to the output folder ({reason}); choose another with -o."
        ) from error


def open_journal(pipeline: Pipeline, options: OutputOptions) -> Journal:
    """Return the resume journal of runs with this pipeline's settings in the output folder."""
    generation = pipeline.settings.generation
    identity = "|".join(
        [
            pipeline.signature(),
            f"length-ratio:{generation.max_length_ratio}+{generation.max_length_margin}",
            f"input-tokens:{generation.max_input_tokens}",
            f"repetition:{generation.repetition_penalty}/{generation.no_repeat_ngram_size}",
        ]
    )
    return Journal.for_run(options.output_dir, identity)


def iter_translated_files(
    inputs: Sequence[str],
    pipeline: Pipeline,
    options: OutputOptions,
    progress_for: Callable[[str], ProgressCallback | None] = lambda path: None,
) -> Iterator[FileResult]:
    """Translate and write each input in turn, yielding one result per input.

    The resume journal is deleted once every input has been handled; when Ctrl-C stops the
    run (:class:`~songngu.errors.TranslationInterrupted`) it stays for the next run.
    """
    journal = open_journal(pipeline, options) if options.resume else None
    for path in inputs:
        started = time.perf_counter()
        try:
            result = _translate_file(path, pipeline, options, progress_for(path), journal)
        except SongnguError as error:
            yield FileResult(path, error=error, seconds=time.perf_counter() - started)
            continue
        except Exception as error:
            # A failure nothing foresaw ends this file, not the run (--debug shows the cause).
            failure = TranslationError(path, error)
            failure.__cause__ = error
            yield FileResult(path, error=failure, seconds=time.perf_counter() - started)
            continue
        except KeyboardInterrupt as interrupt:
            if journal is None or isinstance(interrupt, TranslationInterrupted):
                raise
            raise TranslationInterrupted(path, journal.path) from interrupt
        yield dataclasses.replace(result, seconds=time.perf_counter() - started)
    if journal is not None:
        journal.remove()


def _translate_file(
    path: str,
    pipeline: Pipeline,
    options: OutputOptions,
    progress: ProgressCallback | None,
    journal: Journal | None,
) -> FileResult:
    document = read_document(path)
    digest = text_digest(document.text)
    targets = [output_path(path, options.output_dir, name) for name in options.formats]
    if journal is not None and journal.is_done(path, digest, targets):
        return FileResult(path, tuple(targets), is_resumed=True)
    # Outputs an interrupted run of ours was writing are ours to replace, --force or not.
    force = options.force or (journal is not None and journal.was_writing(path, digest, targets))
    if not force:
        refuse_existing(targets)
    translated = pipeline.translate(document, progress, journal)
    if journal is not None:
        journal.mark_writing(path, digest, targets)
    outputs = write_outputs(translated, options.output_dir, options.formats, force=force)
    if journal is not None:
        journal.mark_done(path, digest, outputs)
    return FileResult(path, tuple(outputs), translated)

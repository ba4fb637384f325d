"""Translating many files in one run: inputs expanded, the model loaded once, failures isolated.

A file that cannot be read or written is reported in its :class:`FileResult` and the run goes
on with the next one; the caller decides the exit code from the results.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from songngu.errors import InputError, SongnguError
from songngu.exporters import EXPORTERS, output_path, refuse_existing, write_outputs
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


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one input: its outputs and document, or the error that stopped it."""

    path: str
    outputs: tuple[Path, ...] = ()
    document: Document | None = None
    error: SongnguError | None = None
    seconds: float = 0.0

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
    """Replace each folder by the article files in it (sorted); keep files and ``-`` as given."""
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


def iter_translated_files(
    inputs: Sequence[str],
    pipeline: Pipeline,
    options: OutputOptions,
    progress_for: Callable[[str], ProgressCallback | None] = lambda path: None,
) -> Iterator[FileResult]:
    """Translate and write each input in turn, yielding one result per input."""
    for path in inputs:
        started = time.perf_counter()
        try:
            outputs, document = _translate_file(path, pipeline, options, progress_for(path))
        except SongnguError as error:
            yield FileResult(path, error=error, seconds=time.perf_counter() - started)
            continue
        yield FileResult(path, outputs, document, seconds=time.perf_counter() - started)


def _translate_file(
    path: str, pipeline: Pipeline, options: OutputOptions, progress: ProgressCallback | None
) -> tuple[tuple[Path, ...], Document]:
    document = read_document(path)
    _refuse_existing(path, options)
    translated = pipeline.translate(document, progress)
    outputs = write_outputs(translated, options.output_dir, options.formats, force=options.force)
    return tuple(outputs), translated


def _refuse_existing(path: str, options: OutputOptions) -> None:
    """Fail before translating when an output exists, not after minutes of work."""
    if not options.force:
        refuse_existing([output_path(path, options.output_dir, name) for name in options.formats])

"""Which inputs a rerun may skip: every output is there, newer than the input, made the same way.

An input is *finished* when

1. every requested output exists, is not empty, and is no older than the input file (an
   article edited since is translated again, or refused without ``--force``);
2. no resume journal in the output folder names it (an interrupted run's journal decides
   what is kept, as before);
3. the signature a Markdown or JSON output records names the same backend and model as this
   run (a ``--dry-run`` output is no finished translation); a DOCX-only run trusts its files.

Standard input is never finished. This is judged from the files alone, before any model is
loaded, so that rerunning a finished folder costs well under a second (``songngu translate
--force`` translates everything again).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from songngu.backends.presets import resolve_model
from songngu.exporters import output_path
from songngu.exporters.markdown import unescape_cell
from songngu.journal import inputs_in_journals

__all__ = ["find_finished", "run_origin"]

_MARKDOWN_SIGNATURE = re.compile(r"^<sub>(.*)</sub>\s*$")


def run_origin(backend: str, model: str) -> str:
    """Return the ``backend:…|model:…`` a run's signature starts with (without the revision)."""
    if backend == "fake":
        return "backend:fake"
    return f"backend:{backend}|model:{resolve_model(model)[0]}"


def find_finished(
    paths: Sequence[str], output_dir: Path, formats: Sequence[str], origin: str
) -> dict[str, tuple[Path, ...]]:
    """Return each finished input (see the module docstring) with its outputs."""
    journalled = inputs_in_journals(output_dir) if output_dir.is_dir() else set()
    finished = {}
    for path in paths:
        outputs = tuple(output_path(path, output_dir, name) for name in formats)
        if path != "-" and path not in journalled and _is_finished(Path(path), outputs, origin):
            finished[path] = outputs
    return finished


def _is_finished(source: Path, outputs: Sequence[Path], origin: str) -> bool:
    try:
        newest_input = source.stat().st_mtime
        stats = [output.stat() for output in outputs]
    except OSError:
        return False
    if any(stat.st_size == 0 or stat.st_mtime < newest_input for stat in stats):
        return False
    recorded = [_recorded_signature(output) for output in outputs]
    return all(_origin_of(signature) == origin for signature in recorded if signature is not None)


def _recorded_signature(output: Path) -> str | None:
    """Return the signature a Markdown or JSON output records, or None (DOCX, unreadable)."""
    try:
        if output.suffix == ".json":
            signature = json.loads(output.read_text(encoding="utf-8")).get("signature")
            return signature if isinstance(signature, str) else None
        if output.suffix == ".md":
            for line in reversed(output.read_text(encoding="utf-8").splitlines()):
                match = _MARKDOWN_SIGNATURE.match(line)
                if match:
                    return unescape_cell(match[1])
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return None
    return None


def _origin_of(signature: str) -> str:
    """Return the backend and model parts of a printed signature, the revision left out."""
    parts = signature.split("|")
    kept = [parts[0]]
    if len(parts) > 1 and parts[1].startswith("model:"):
        kept.append(parts[1].rpartition("@")[0] or parts[1])
    return "|".join(kept)

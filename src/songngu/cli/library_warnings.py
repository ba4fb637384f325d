"""Library warnings during a run: counted and kept off stderr, or shown raw with ``-v``.

transformers, tokenizers, torch and huggingface_hub warn through Python ``logging`` and
``warnings`` about things an editor cannot act on (a tokenizer's length notice, a deprecation).
While a run lasts, :class:`HiddenWarnings` collects every warning that is not songngu's own —
Python warnings reach logging through :func:`logging.captureWarnings` — and keeps them off the
stderr handler; the run ends with one line saying how many were hidden. songngu's own messages
and every library *error* still print.
"""

from __future__ import annotations

import logging
from types import TracebackType

__all__ = ["STDERR_HANDLER_NAME", "HiddenWarnings"]

#: The name of the stderr handler :mod:`songngu.cli` gives the root logger.
STDERR_HANDLER_NAME = "songngu-stderr"


def _is_library_warning(record: logging.LogRecord) -> bool:
    is_ours = record.name == "songngu" or record.name.startswith("songngu.")
    return not is_ours and logging.WARNING <= record.levelno < logging.ERROR


class HiddenWarnings(logging.Handler):
    """Collect the library warnings logged while the context is open, and keep them quiet."""

    def __init__(self) -> None:
        """Start with none collected."""
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []
        self._muted: list[logging.Handler] = []

    def __enter__(self) -> HiddenWarnings:
        """Start collecting: on the root logger, and muted on songngu's stderr handler."""
        root = logging.getLogger()
        root.addHandler(self)
        self._muted = [h for h in root.handlers if h.get_name() == STDERR_HANDLER_NAME]
        for handler in self._muted:
            handler.addFilter(self._keep)
        logging.captureWarnings(True)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Stop collecting and give stderr back its library warnings."""
        logging.captureWarnings(False)
        for handler in self._muted:
            handler.removeFilter(self._keep)
        logging.getLogger().removeHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        """Keep a library warning."""
        if _is_library_warning(record):
            self.records.append(record)

    def summary(self) -> str | None:
        """Return ``2 library warnings hidden; -v shows them``, or None when there were none."""
        if not self.records:
            return None
        noun = "warning" if len(self.records) == 1 else "warnings"
        return f"{len(self.records)} library {noun} hidden; -v shows them."

    @staticmethod
    def _keep(record: logging.LogRecord) -> bool:
        return not _is_library_warning(record)

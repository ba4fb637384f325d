"""The reproducibility signature of a run: one object, built once (by the pipeline), printed here.

Printed as ``backend:ct2|model:<id>@<revision>|beams:4|precision:int8|glossary:sha256:<hash>|
segmenter:v2|songngu:<version>`` (after sacrebleu's ``Signature``): the backend, the glossary
and the segmenter each contribute their own part through a ``signature()`` method. Settings that
change the outputs but are not printed (length caps, input budget, repetition controls) are part
of the run's :attr:`Signature.identity`, which names its resume journal.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Signature"]


@dataclass(frozen=True, slots=True)
class Signature:
    """What produced a translation: each component's own signature part."""

    backend: str
    glossary: str
    segmenter: str
    version: str
    decoding: str = ""
    #: The house style of the English (``style:intl``); empty for the default ``gov`` style, so
    #: that signatures of default runs read as they always have.
    style: str = ""

    def __str__(self) -> str:
        """Return the printed form (outputs carry it)."""
        parts = [self.backend, self.glossary, self.style, self.segmenter, self.version]
        return "|".join(part for part in parts if part)

    @property
    def glossary_hash(self) -> str:
        """Return the glossary's short content hash (``none`` when no glossary was used)."""
        return self.glossary.rpartition(":")[2]

    @property
    def identity(self) -> str:
        """Return the printed signature with the unprinted decoding settings (the journal's key)."""
        return f"{self}|{self.decoding}" if self.decoding else str(self)

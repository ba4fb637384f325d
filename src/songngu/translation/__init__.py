"""Sources to targets: the translation stages and the one place that calls the model.

Modules, in the order a sentence meets them: :mod:`~songngu.translation.plan` (pieces that fit
the model), :mod:`~songngu.translation.runner` (the journal, the backend, the glossary terms
forced in by :mod:`~songngu.translation.enforcement`), :mod:`~songngu.translation.assembly`
(pieces back into sentences), :mod:`~songngu.translation.stages` (the ``Document -> Document``
stages before the model), :mod:`~songngu.translation.first_pass` (the model's pass over one
document or several at once) and :mod:`~songngu.translation.retry` (second attempts).
Dependencies run one way: this package uses ``backends``, ``glossary`` and ``checks``; none of
them uses it.
"""

from __future__ import annotations

from songngu.translation.first_pass import ModelStage, SharedPass
from songngu.translation.retry import RetryStage
from songngu.translation.runner import PieceTranslator
from songngu.translation.stages import (
    MemoryLookup,
    MemoryStage,
    Progress,
    ProgressCallback,
    copy_untranslated,
)

__all__ = [
    "MemoryLookup",
    "MemoryStage",
    "ModelStage",
    "PieceTranslator",
    "Progress",
    "ProgressCallback",
    "RetryStage",
    "SharedPass",
    "copy_untranslated",
]

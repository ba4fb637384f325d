"""Decoding plans that every backend shares: length-sorted batches, length caps, variants.

Both are pure arithmetic on token counts, so the transformers and CTranslate2 backends batch
and cap exactly alike, and the benchmark can predict how long each output may grow.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TypeVar

from songngu.backends import GenerationSettings

__all__ = [
    "default_batch_size",
    "iter_batches",
    "length_cap",
    "prefix_fits",
    "prefixed_cap",
    "sharing_model_with",
]


def default_batch_size(
    settings: GenerationSettings, num_beams: int, *, beam_search_batch_size: int = 16
) -> int:
    """Return the batch size to use: the setting, or the best measured one for this search.

    Beam search slows down beyond 16 sentences per batch (its per-step logits and beam
    reordering grow with batch × beams); greedy search gains up to 32 and more
    (``docs/design/performance.md``, batch-size sweep). A backend whose beam search costs
    memory per sentence asks for a smaller beam-search batch.
    """
    if settings.max_batch_size is not None:
        return settings.max_batch_size
    return beam_search_batch_size if num_beams > 1 else 32


def iter_batches(
    counts: Sequence[int], max_batch_size: int, max_batch_tokens: int
) -> Iterator[list[int]]:
    """Group indexes into length-sorted batches within the size and padded-token budgets."""
    order = sorted(range(len(counts)), key=lambda index: -counts[index])
    batch: list[int] = []
    for index in order:
        longest = counts[batch[0]] if batch else counts[index]
        too_many = len(batch) >= max_batch_size
        too_long = (len(batch) + 1) * longest > max_batch_tokens
        if batch and (too_many or too_long):
            yield batch
            batch = []
        batch.append(index)
    if batch:
        yield batch


def length_cap(source_length: int, settings: GenerationSettings, room: int) -> int:
    """Return the most target tokens a source of this length may produce.

    ``room`` is how many target positions the model has left for the sentence itself (its
    position table minus special and forced tokens).
    """
    wanted = math.ceil(settings.max_length_ratio * source_length) + settings.max_length_margin
    return max(1, min(wanted, room))


# Room a continuation always gets after a forced prefix: enough to close the sentence (a clause
# end, a full stop, a closing quotation mark and </s>).
_MIN_CONTINUATION = 8


def prefix_fits(prefix_length: int, room: int) -> bool:
    """Return whether a forced prefix of this many target tokens leaves the continuation room.

    ``room`` is the model's own limit (see :func:`length_cap`). A prefix that does not fit is
    never decoded: the model's position table ends there (Marian has 512 positions, NLLB and
    mBART 1024), and decoding past it fails or writes garbage. The caller places the term
    another way instead.
    """
    return prefix_length + _MIN_CONTINUATION <= room


def prefixed_cap(
    prefix_length: int, source_length: int, settings: GenerationSettings, room: int
) -> int:
    """Return the most target tokens, prefix included, for a decode after a forced prefix.

    The prefix is part of the output, so it counts against the same cap as a first pass (the
    guard against runaway repetition is about the whole output); a re-decode that forces a
    glossary term near the end still gets room to finish the sentence. The cap never exceeds
    ``room``.

    Raises:
        ValueError: the prefix does not fit (:func:`prefix_fits`); callers check first.
    """
    cap = length_cap(source_length, settings, room)
    if prefix_length == 0:
        return cap
    if not prefix_fits(prefix_length, room):
        raise ValueError(
            f"a forced prefix of {prefix_length} tokens leaves no room within {room} positions"
        )
    return min(max(cap, prefix_length + _MIN_CONTINUATION), room)


class _Configured(Protocol):
    settings: GenerationSettings


ConfiguredBackend = TypeVar("ConfiguredBackend", bound=_Configured)


def sharing_model_with(backend: ConfiguredBackend, **changes: Any) -> ConfiguredBackend:
    """Return a shallow copy of a backend, its loaded model shared, with changed settings."""
    variant = copy.copy(backend)
    variant.settings = dataclasses.replace(backend.settings, **changes)
    return variant

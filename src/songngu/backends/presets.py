"""Model presets and model families: every model-specific quirk lives here and nowhere else.

This module imports nothing heavy; backends ask it how to treat a model.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["PRESETS", "ModelFamily", "family_for", "resolve_model"]

#: Preset name → Hugging Face Hub id.
PRESETS = {
    "opus-mt": "Helsinki-NLP/opus-mt-vi-en",
    "nllb-600m": "facebook/nllb-200-distilled-600M",
    "nllb-1.3b": "facebook/nllb-200-distilled-1.3B",
}


@dataclass(frozen=True, slots=True)
class ModelFamily:
    """How to talk to one architecture family.

    Attributes:
        name: the family's short name, used in the signature.
        source_language: the tokenizer's source language code, if it takes one.
        target_language: the token forced at the start of the target, if any.
        default_input_budget: the longest source, in tokens, we hand the model; longer
            sentences are split at clause boundaries first. Both families were trained on
            sentence-length data, and half the position table leaves room for the output.
    """

    name: str
    source_language: str | None = None
    target_language: str | None = None
    default_input_budget: int = 256


MARIAN = ModelFamily(name="marian")
# NLLB-200 codes: source vie_Latn; the decoder must start with eng_Latn (forced BOS), as the
# model card shows: https://huggingface.co/facebook/nllb-200-distilled-600M
NLLB = ModelFamily(name="nllb", source_language="vie_Latn", target_language="eng_Latn")

_FAMILIES_BY_MODEL_TYPE = {"marian": MARIAN, "m2m_100": NLLB, "nllb-moe": NLLB}


def family_for(model_type: str) -> ModelFamily:
    """Return the family of a transformers ``config.model_type``; unknown types act like Marian."""
    return _FAMILIES_BY_MODEL_TYPE.get(model_type, MARIAN)


def resolve_model(model: str) -> tuple[str, bool]:
    """Turn a preset name, a Hub id or a folder into ``(id_or_path, is_local_folder)``."""
    if model in PRESETS:
        return PRESETS[model], False
    folder = Path(model).expanduser()
    if folder.is_dir():
        return str(folder.resolve()), True
    return model, False

"""Model presets and model families: every model-specific quirk lives here and nowhere else.

This module imports nothing heavy; backends ask it how to treat a model, and ``songngu models
list`` prints the presets' cards (:mod:`songngu.backends.cards`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "CARDS",
    "MARIAN",
    "MBART",
    "MBART50",
    "NLLB",
    "PRESETS",
    "T5",
    "ModelFamily",
    "PresetCard",
    "family_for",
    "family_of_config",
    "licence_notice",
    "preset_help",
    "resolve_model",
]


@dataclass(frozen=True, slots=True)
class PresetCard:
    """What a user needs to choose a preset; printed by ``songngu models list`` and the README.

    Every figure comes from the source it names (model card, repository or paper); where a
    source publishes its scores only as an image, no number is given. ``is_restricted`` marks
    licences that limit use (non-commercial, or copyleft over a network service), which
    ``songngu translate`` says once per run.
    """

    name: str
    model_id: str
    family: str
    parameters: str
    disk_size: str
    licence: str
    licence_source: str
    quality: str
    quality_source: str
    is_restricted: bool = False


_OPUS_CARD = "https://huggingface.co/Helsinki-NLP/opus-mt-vi-en"
_NLLB_CARD = "https://huggingface.co/facebook/nllb-200-distilled-600M"
_VINAI_REPO = "https://github.com/VinAIResearch/VinAI_Translate"
_ENVIT5_CARD = "https://huggingface.co/VietAI/envit5-translation"

#: The presets, in the order ``songngu models list`` shows them. The names are CLI contract.
# Meta publishes NLLB's per-direction scores only in metrics files behind links; the OPUS-MT
# leaderboard scored both distilled models on FLORES-200 devtest with one pipeline.
_LEADERBOARD = (
    "https://github.com/Helsinki-NLP/OPUS-MT-leaderboard/blob/"
    "c0b3201aa4ceb6cb62f2e0236615250f22fa0071/models/facebook/backup/"
    "nllb-200-distilled-{}.scores.txt"
)

CARDS = (
    PresetCard(
        "opus-mt",
        "Helsinki-NLP/opus-mt-vi-en",
        "Marian",
        "74 M",
        "289 MB",
        "Apache-2.0",
        _OPUS_CARD,
        "BLEU 42.8, chrF 0.608 on Tatoeba-test.vie.eng",
        _OPUS_CARD,
    ),
    PresetCard(
        "nllb-600m",
        "facebook/nllb-200-distilled-600M",
        "NLLB-200 (M2M100)",
        "600 M",
        "2.46 GB",
        "CC-BY-NC-4.0",
        _NLLB_CARD,
        "BLEU 33.4, chrF 0.591 on FLORES-200 devtest vie→eng (scored by Helsinki-NLP, not Meta)",
        _LEADERBOARD.format("600M"),
        is_restricted=True,
    ),
    PresetCard(
        "nllb-1.3b",
        "facebook/nllb-200-distilled-1.3B",
        "NLLB-200 (M2M100)",
        "1.3 B",
        "~5.5 GB",
        "CC-BY-NC-4.0",
        "https://huggingface.co/facebook/nllb-200-distilled-1.3B",
        "BLEU 36.6, chrF 0.617 on FLORES-200 devtest vie→eng (scored by Helsinki-NLP, not Meta)",
        _LEADERBOARD.format("1.3B"),
        is_restricted=True,
    ),
    PresetCard(
        "vinai-vi2en",
        "vinai/vinai-translate-vi2en-v2",
        "mBART",
        "~420 M",
        "1.69 GB",
        "AGPL-3.0",
        _VINAI_REPO,
        "BLEU on the PhoMT test set, published as an image only (not transcribed here)",
        f"{_VINAI_REPO}#evaluation",
        is_restricted=True,
    ),
    PresetCard(
        "envit5",
        "VietAI/envit5-translation",
        "T5",
        "~275 M",
        "1.1 GB",
        "OpenRAIL",
        _ENVIT5_CARD,
        "BLEU on PhoMT and MTet test sets, published as an image only (not transcribed here)",
        f"{_ENVIT5_CARD}#results",
    ),
)

#: Preset name → Hugging Face Hub id.
PRESETS = {card.name: card.model_id for card in CARDS}


@dataclass(frozen=True, slots=True)
class ModelFamily:
    """How to talk to one architecture family; both backends read the same answers.

    Attributes:
        name: the family's short name.
        source_language: the tokenizer's source language code, if it takes one.
        target_language: the language token the target starts with, if any.
        default_input_budget: the longest source, in tokens, we hand the model; longer
            sentences are split at clause boundaries first. The families were trained on
            sentence-length data, and half the position table leaves room for the output.
        is_source_code_last: the source language code follows ``</s>`` (mBART-25:
            ``pieces </s> vi_VN``) instead of leading the source (NLLB, mBART-50).
        is_target_code_the_start: the target language code is the decoder start token itself
            (mBART-25: ``en_XX pieces``) instead of a token forced after ``</s>`` (NLLB).
        source_prefix: text put before every source (T5 task prefixes).
        target_prefix: text the model writes before every target; it is forced, cut off, and
            never reaches the user. A forced glossary prefix comes after it.
    """

    name: str
    source_language: str | None = None
    target_language: str | None = None
    default_input_budget: int = 256
    is_source_code_last: bool = False
    is_target_code_the_start: bool = False
    source_prefix: str = ""
    target_prefix: str = ""

    def frame_source(self, pieces: list[str], eos: str) -> list[str]:
        """Return the encoder's pieces: the text's pieces with ``</s>`` and the language code."""
        if self.source_language is None:
            return [*pieces, eos]
        if self.is_source_code_last:
            return [*pieces, eos, self.source_language]
        return [self.source_language, *pieces, eos]

    def forced_target_text(self, prefix: str) -> str:
        """Return the target text to force for a glossary prefix: the model's own prefix first."""
        if not self.target_prefix:
            return prefix
        return f"{self.target_prefix} {prefix}".rstrip()

    def source_text(self, text: str) -> str:
        """Return the text the encoder reads for ``text`` (the task prefix added)."""
        return f"{self.source_prefix}{text}" if self.source_prefix else text

    def strip_target(self, text: str) -> str:
        """Remove the model's target prefix (``en:``) should the model write it once more."""
        marker = self.target_prefix.strip()
        stripped = text.lstrip()
        if marker and stripped.startswith(marker):
            return stripped[len(marker) :].lstrip()
        return text


MARIAN = ModelFamily(name="marian")
# NLLB-200 codes: source vie_Latn; the decoder must start with eng_Latn (forced BOS), as the
# model card shows: https://huggingface.co/facebook/nllb-200-distilled-600M
NLLB = ModelFamily(name="nllb", source_language="vie_Latn", target_language="eng_Latn")
# VinAI Translate is mBART-25 shaped: its config names MBartTokenizer, which puts the language
# code after </s> (transformers/models/mbart/tokenization_mbart.py, set_src_lang_special_tokens),
# and its model card passes the en_XX id as generate()'s decoder_start_token_id
# (https://github.com/VinAIResearch/VinAI_Translate, README). CTranslate2 reads mBART-25 the same
# way: no decoder start token, the language code opens the target prefix
# (ctranslate2/converters/transformers.py, MBartLoader.set_config).
MBART = ModelFamily(
    name="mbart",
    source_language="vi_VN",
    target_language="en_XX",
    is_source_code_last=True,
    is_target_code_the_start=True,
)
# mBART-50 models (config "tokenizer_class": "MBart50Tokenizer") lead the source with the code
# and force the target code after </s>, as NLLB does.
MBART50 = ModelFamily(name="mbart50", source_language="vi_VN", target_language="en_XX")
# EnViT5 reads "vi: <text>" and writes "en: <text>" (model card of VietAI/envit5-translation; the
# evaluation script in github.com/VinAIResearch/VinAI_Translate/issues/2 cuts "en: " off).
T5 = ModelFamily(name="t5", source_prefix="vi: ", target_prefix="en:")

_FAMILIES_BY_MODEL_TYPE = {
    "marian": MARIAN,
    "m2m_100": NLLB,
    "nllb-moe": NLLB,
    "mbart": MBART,
    "t5": T5,
    "mt5": T5,
}
_FAMILIES_BY_TOKENIZER_CLASS = {"MBart50Tokenizer": MBART50, "MBart50TokenizerFast": MBART50}


def family_for(model_type: str, tokenizer_class: str | None = None) -> ModelFamily:
    """Return the family of a ``config.model_type``; unknown types act like Marian.

    ``tokenizer_class`` (also from ``config.json``) tells mBART-50 from mBART-25 models.
    """
    return _FAMILIES_BY_TOKENIZER_CLASS.get(
        tokenizer_class or "", _FAMILIES_BY_MODEL_TYPE.get(model_type, MARIAN)
    )


def family_of_config(config: Mapping[str, Any]) -> ModelFamily:
    """Return the family of a model from its ``config.json`` contents."""
    tokenizer_class = config.get("tokenizer_class")
    return family_for(
        str(config.get("model_type", "")), str(tokenizer_class) if tokenizer_class else None
    )


def licence_notice(model: str) -> str:
    """Return one line on a restricted licence for a preset name or its Hub id, else ``""``."""
    for card in CARDS:
        if model in (card.name, card.model_id) and card.is_restricted:
            return (
                f"Note: {card.model_id} is licensed {card.licence} ({card.licence_source}); "
                "check that your use is allowed."
            )
    return ""


def preset_help() -> str:
    """Return the presets for ``--help``, each with its licence."""
    return ", ".join(f"{card.name} ({card.licence})" for card in CARDS)


def resolve_model(model: str) -> tuple[str, bool]:
    """Turn a preset name, a Hub id or a folder into ``(id_or_path, is_local_folder)``."""
    if model in PRESETS:
        return PRESETS[model], False
    folder = Path(model).expanduser()
    if folder.is_dir():
        return str(folder.resolve()), True
    return model, False

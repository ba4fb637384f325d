"""Reference translators, each run in a fresh process by ``run.py``: what users compare against.

``python benchmarks/workers.py VARIANT WORKLOAD.json`` translates the workload's segments and
prints one JSON line: import, load and translation times, time to the first output, and how
many outputs missed their forced length. Variants:

- ``naive``, ``naive-greedy``: transformers fp32, one segment at a time, ``model.generate``
  (what most scripts and EasyNMT-style tools do); torch's default threads.
- ``peers-ct2``, ``peers-ct2-greedy``: CTranslate2 int8 the way Argos Translate runs it:
  SentencePiece tokens, 2 threads as ``inter_threads=2 x intra_threads=1``, length-sorted
  batches of 32 submitted asynchronously.
- ``nllb-load MODEL_DIR``: songngu's transformers backend loads a model folder with its default
  precision (the harness reads the peak RSS of the load).
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

from workload import Workload

STARTED = time.perf_counter()


def run_naive(workload: Workload, num_beams: int) -> dict[str, float | int]:
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    imported = time.perf_counter()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Recommended: pip install sacremoses")
        tokenizer = AutoTokenizer.from_pretrained(workload.model_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(workload.model_dir).eval()
    model.generation_config.max_length = None
    # NLLB writes its target language first, as the product forces it (presets.py).
    forced = [tokenizer.convert_tokens_to_ids("eng_Latn")] if "nllb" in workload.model_id else []
    options = {"forced_bos_token_id": forced[0]} if forced else {}
    # Marian forces </s> after the last token; NLLB's generation config forces no end token.
    ends_with_eos = model.generation_config.forced_eos_token_id is not None
    loaded = time.perf_counter()
    first, misses, outputs = 0.0, 0, {}
    for text, target in zip(workload.segments, workload.target_tokens, strict=True):
        encoded = tokenizer(text, return_tensors="pt")
        # With random weights, exactly `target` content tokens and then the forced </s>, as
        # the product decodes them; with real weights the model ends where it ends.
        least = target + len(forced) if workload.is_random else None
        output = model.generate(
            **encoded,
            num_beams=num_beams,
            min_new_tokens=least,
            max_new_tokens=target + len(forced) + int(ends_with_eos),
            **options,
        )
        outputs[text] = tokenizer.decode(output[0], skip_special_tokens=True)
        row = output[0].tolist()
        row = row[:1] + row[1 + len(forced) :]  # the start token, then the content
        misses += workload.is_random and _content_length(row, model) != target
        first = first or time.perf_counter()
    times = _times(imported, loaded, first, misses)
    del torch
    return {**times, "outputs": outputs}


def run_peers_ct2(workload: Workload, num_beams: int, batch_size: int = 32) -> dict:
    import ctranslate2
    import sentencepiece

    imported = time.perf_counter()
    folder = _converted_folder(workload)
    translator = ctranslate2.Translator(
        str(folder), compute_type="int8", inter_threads=2, intra_threads=1
    )
    pieces = sentencepiece.SentencePieceProcessor(
        model_file=str(Path(workload.model_dir) / "source.spm")
    )
    target = sentencepiece.SentencePieceProcessor(
        model_file=str(Path(workload.model_dir) / "target.spm")
    )
    loaded = time.perf_counter()
    sources = [[*pieces.encode(text, out_type=str), "</s>"] for text in workload.segments]
    order = sorted(range(len(sources)), key=lambda index: -len(sources[index]))
    batches = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
    pending = [
        (batch, _submit(translator, sources, workload, batch, num_beams)) for batch in batches
    ]
    first, misses = 0.0, 0
    for batch, futures in pending:
        longest = max(workload.target_tokens[row] for row in batch)
        for future in futures:
            hypothesis = future.result().hypotheses[0]
            target.decode_pieces(hypothesis)
            misses += workload.is_random and len(hypothesis) != longest
            first = first or time.perf_counter()
    return _times(imported, loaded, first, misses)


def _submit(translator, sources, workload: Workload, batch: list[int], num_beams: int) -> list:
    # One maximum length per call: each batch decodes to its longest row's length (every row's
    # own tokens are counted, as performance.md does).
    longest = max(workload.target_tokens[index] for index in batch)
    return translator.translate_batch(
        [sources[index] for index in batch],
        beam_size=num_beams,
        min_decoding_length=longest if workload.is_random else 1,
        max_decoding_length=longest,
        max_input_length=0,
        asynchronous=True,
    )


def _converted_folder(workload: Workload) -> Path:
    from songngu.backends.conversion import converted_model
    from songngu.backends.hub import locate_model

    return converted_model(locate_model(workload.model_id), "int8")


def _content_length(row: list[int], model) -> int:
    content = row[1:]
    eos = model.config.eos_token_id
    return content.index(eos) if eos in content else len(content)


def _times(imported: float, loaded: float, first: float, misses: int) -> dict:
    finished = time.perf_counter()
    return {
        "import_s": imported - STARTED,
        "load_s": loaded - imported,
        "first_output_s": first - STARTED,
        "translate_s": finished - loaded,
        "total_s": finished - STARTED,
        "length_misses": misses,
    }


def run_nllb_load(model_dir: Path) -> dict:
    from songngu.backends import GenerationSettings, load_backend

    imported = time.perf_counter()
    backend = load_backend("transformers", GenerationSettings(model=str(model_dir)))
    loaded = time.perf_counter()
    return {
        "import_s": imported - STARTED,
        "load_s": loaded - imported,
        "translate_s": loaded - imported,
        "precision": getattr(backend, "precision", ""),
    }


VARIANTS = {
    "naive": lambda workload: run_naive(workload, num_beams=4),
    "naive-greedy": lambda workload: run_naive(workload, num_beams=1),
    "peers-ct2": lambda workload: run_peers_ct2(workload, num_beams=4),
    "peers-ct2-greedy": lambda workload: run_peers_ct2(workload, num_beams=1),
}

if __name__ == "__main__":
    variant, path = sys.argv[1], Path(sys.argv[2])
    report = (
        run_nllb_load(path) if variant == "nllb-load" else VARIANTS[variant](Workload.load(path))
    )
    print(json.dumps(report, ensure_ascii=False))

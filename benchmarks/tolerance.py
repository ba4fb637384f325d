"""How far each fast precision moves the model's scores from float32: the tolerance behind auto.

    python benchmarks/tolerance.py [--sentences 40] [--model PATH]

Scores the same target sequences (float32 greedy outputs) under teacher forcing with
transformers in float32 and bfloat16 and with CTranslate2 in float32 and int8, and reports how
much each token's log-probability differs from transformers float32, and how often the most
likely next token is the same. Run ``run.py`` once first: it builds the model and its CTranslate2
conversions under ``benchmarks/results/work``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import warnings
from pathlib import Path

from workload import Workload

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=40)
    parser.add_argument("--tokens", type=int, default=30)
    parser.add_argument("--work-dir", type=Path, default=HERE / "results" / "work")
    arguments = parser.parse_args()
    workload = Workload.load(arguments.work_dir / "workload.json")
    model_dir = Path(workload.model_dir)
    texts = workload.segments[: arguments.sentences]
    reference, targets = _transformers_scores(model_dir, texts, "float32", None, arguments.tokens)
    rows = {"transformers bfloat16": _transformers_scores(model_dir, texts, "bfloat16", targets)[0]}
    for precision in ("float32", "int8"):
        folder = _converted(arguments.work_dir, workload, precision)
        rows[f"CTranslate2 {precision}"] = _ct2_scores(folder, model_dir, texts, targets, precision)
    print(f"{len(texts)} sentences x {arguments.tokens} tokens, against transformers float32:")
    print("| variant | mean abs. diff. (nats) | max abs. diff. | same top token |")
    print("|---|---:|---:|---:|")
    for name, scores in rows.items():
        print(_row(name, reference, scores))


def _transformers_scores(model_dir, texts, precision, targets, length=30):
    """Return per-sentence (token log-probs, top-token ids), and the targets that were scored."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Recommended: pip install sacremoses")
        tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(model_dir, dtype=getattr(torch, precision))
    model.eval()
    scores, found = [], []
    with torch.inference_mode():
        for index, text in enumerate(texts):
            encoded = tokenizer(text, return_tensors="pt")
            if targets is None:
                output = model.generate(
                    **encoded, num_beams=1, min_new_tokens=length, max_new_tokens=length
                )
                target = output[:, 1:]
            else:
                target = targets[index]
            start = torch.full((1, 1), model.config.decoder_start_token_id)
            decoder_input = torch.cat([start, target[:, :-1]], dim=1)
            logits = model(**encoded, decoder_input_ids=decoder_input).logits.float()
            log_probs = logits.log_softmax(-1)[0]
            chosen = log_probs.gather(1, target[0][:, None])[:, 0]
            scores.append((chosen.tolist(), log_probs.argmax(-1).tolist()))
            found.append(target)
    return scores, found


def _ct2_scores(folder, model_dir, texts, targets, precision):
    import ctranslate2
    import sentencepiece

    translator = ctranslate2.Translator(str(folder), compute_type=precision)
    pieces = sentencepiece.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
    vocabulary = json.loads((model_dir / "vocab.json").read_text(encoding="utf-8"))
    names = {index: piece for piece, index in vocabulary.items()}
    scores = []
    for text, target in zip(texts, targets, strict=True):
        source = [*pieces.encode(text, out_type=str), "</s>"]
        tokens = [names[index] for index in target[0].tolist()]
        result = translator.score_batch([source], [tokens])[0]
        scores.append((result.log_probs[: len(tokens)], None))
    return scores


def _converted(work_dir: Path, workload: Workload, precision: str) -> Path:
    import os

    from songngu.backends.conversion import converted_model
    from songngu.backends.hub import locate_model

    os.environ["HF_HUB_CACHE"] = str(work_dir / "hub")
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["XDG_CACHE_HOME"] = str(work_dir / "xdg-cache")
    return converted_model(locate_model(workload.model_id), precision)


def _row(name, reference, scores) -> str:
    differences, agreements = [], []
    for (expected, expected_top), (found, found_top) in zip(reference, scores, strict=True):
        differences += [abs(a - b) for a, b in zip(expected, found, strict=True)]
        if found_top is not None:
            agreements += [a == b for a, b in zip(expected_top, found_top, strict=True)]
    agreement = f"{statistics.mean(agreements):.1%}" if agreements else "–"
    return f"| {name} | {statistics.mean(differences):.4f} | {max(differences):.4f} | {agreement} |"


if __name__ == "__main__":
    main()

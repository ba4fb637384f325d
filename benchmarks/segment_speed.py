"""How long segmenting a 5,000-word article takes (reading, structure, sentences).

The article is built from the gold items in ``tests/data/segmentation`` (our own writing),
repeated until it holds at least 5,000 words; pass text files to use those instead (each file is
repeated the same way). Prints the median of several runs. Compare with loading the model:
``import torch, transformers`` alone takes about 2.9 s and ``from_pretrained`` 0.6 s more on the
2-core machines (``shared/reference/performance.md``).

    python benchmarks/segment_speed.py [FILE...] [--words 5000] [--repeats 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from songngu.model import DocumentMeta
from songngu.readers.text import parse_text
from songngu.segmenter import segment_document

GOLD = Path(__file__).parent.parent / "tests" / "data" / "segmentation"


def build_article(sources: list[Path], num_words: int) -> str:
    """Return paragraphs from ``sources`` (gold items by default), repeated to ``num_words``."""
    paragraphs = []
    for path in sources or sorted(GOLD.glob("gold-*.txt")):
        text = path.read_text(encoding="utf-8").replace("‖", "")
        paragraphs += [
            chunk.strip()
            for chunk in text.split("\n\n")
            if chunk.strip() and not chunk.lstrip().startswith(("#", "==="))
        ]
    article: list[str] = []
    total = 0
    while total < num_words:
        paragraph = paragraphs[len(article) % len(paragraphs)]
        article.append(paragraph)
        total += len(paragraph.split())
    return "\n\n".join(article)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=7)
    arguments = parser.parse_args()
    text = build_article(arguments.files, arguments.words)
    timings = []
    for _ in range(arguments.repeats):
        started = time.perf_counter()
        document = segment_document(parse_text(text, DocumentMeta()))
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    words = len(text.split())
    print(
        f"{words} words, {len(document.blocks)} blocks, {document.num_segments} sentences: "
        f"median {median * 1000:.1f} ms over {arguments.repeats} runs "
        f"(min {min(timings) * 1000:.1f}, max {max(timings) * 1000:.1f}); "
        f"{words / median:,.0f} words/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

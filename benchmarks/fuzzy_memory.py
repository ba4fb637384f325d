"""Time fuzzy memory hints on a memory of 10,000 vetted entries: bucketed index vs. a full scan.

    python benchmarks/fuzzy_memory.py [--entries 10000] [--queries 200] [--threshold 75]

The memory and the queries are synthetic Vietnamese news sentences (fixed seed); half the
queries differ from a stored sentence by one word, half are unrelated. Prints the mean time per
lookup for songngu's FuzzyIndex (length buckets + rapidfuzz.process.extractOne with a
score_cutoff) and for extractOne over every entry, and checks both find the same matches.
"""

from __future__ import annotations

import argparse
import random
import time

from rapidfuzz import fuzz, process

from songngu.memory import EntryOrigin, MemoryEntry, source_key
from songngu.memory.fuzzy import FuzzyIndex
from songngu.model import State

WORDS = [
    "ủy",
    "ban",
    "nhân",
    "dân",
    "tỉnh",
    "thành",
    "phố",
    "hà",
    "nội",
    "đà",
    "nẵng",
    "sáng",
    "chiều",
    "ngày",
    "tháng",
    "năm",
    "họp",
    "báo",
    "công",
    "bố",
    "kế",
    "hoạch",
    "đầu",
    "tư",
    "xây",
    "dựng",
    "cầu",
    "đường",
    "cao",
    "tốc",
    "dự",
    "án",
    "vốn",
    "tỷ",
    "đồng",
    "người",
    "dân",
    "du",
    "khách",
    "bệnh",
    "viện",
    "trường",
    "học",
    "giáo",
    "dục",
    "y",
    "tế",
    "kinh",
    "tế",
    "tăng",
    "trưởng",
    "xuất",
    "khẩu",
    "nông",
    "sản",
    "lũ",
    "lụt",
    "mưa",
    "bão",
    "miền",
    "trung",
]


def sentence(generator: random.Random) -> str:
    length = generator.randint(8, 30)
    return " ".join(generator.choice(WORDS) for _ in range(length)).capitalize() + "."


def one_word_changed(text: str, generator: random.Random) -> str:
    words = text.rstrip(".").split()
    words[generator.randrange(len(words))] = generator.choice(WORDS)
    return " ".join(words) + "."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--threshold", type=float, default=75.0)
    arguments = parser.parse_args()
    generator = random.Random(16)
    sources = [sentence(generator) for _ in range(arguments.entries)]
    entries = [
        MemoryEntry(source, f"English {number}", EntryOrigin.REVIEWER, state=State.REVIEWED)
        for number, source in enumerate(sources)
    ]
    queries = [
        one_word_changed(generator.choice(sources), generator)
        if number % 2
        else sentence(generator)
        for number in range(arguments.queries)
    ]
    started = time.perf_counter()
    index = FuzzyIndex(entries)
    built = time.perf_counter() - started
    started = time.perf_counter()
    bucketed = [index.best(query, arguments.threshold) for query in queries]
    bucketed_time = (time.perf_counter() - started) / len(queries)
    keys = [source_key(source) for source in sources]
    started = time.perf_counter()
    scanned = [
        process.extractOne(source_key(q), keys, scorer=fuzz.ratio, score_cutoff=arguments.threshold)
        for q in queries
    ]
    scan_time = (time.perf_counter() - started) / len(queries)
    same = sum(
        (b is None) == (s is None) and (b is None or s is None or abs(b.similarity - s[1]) < 0.1)
        for b, s in zip(bucketed, scanned, strict=True)
    )
    found = sum(match is not None for match in bucketed)
    print(f"{arguments.entries} entries, index built in {built * 1000:.0f} ms")
    print(f"bucketed: {bucketed_time * 1000:.2f} ms per lookup; {found}/{len(queries)} hinted")
    print(f"full scan: {scan_time * 1000:.2f} ms per lookup")
    print(f"same best score on {same}/{len(queries)} queries")


if __name__ == "__main__":
    main()

r"""Glossary evaluation: recall and precision of ``glossary match``, and enforcement rates.

Usage::

    python benchmarks/glossary_eval.py                      # recall / precision, misses listed
    python benchmarks/glossary_eval.py --translate fake     # + enforcement with the fake backend
    python benchmarks/glossary_eval.py --translate marian --beams 4   # tiny random Marian
    python benchmarks/glossary_eval.py --timing             # load and match times

Articles are in ``benchmarks/glossary/articles`` (written for this benchmark); gold lists in
``benchmarks/glossary/gold`` (``source<TAB>target<TAB>type``, in text order, ``\n`` for a line
break inside a term). A prediction is right when its span and its rendering equal a gold item's.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from songngu.backends import GenerationSettings, load_backend
from songngu.glossary import Glossary, load_glossary
from songngu.glossary.index import build_index
from songngu.glossary.report import match_source
from songngu.pipeline import Pipeline, TranslationSettings
from songngu.readers import load_source, read_document
from songngu.vietnamese import nfc_with_offsets

ROOT = Path(__file__).parent / "glossary"
# Matches timed in one process; the best is reported (the machines are noisy).
_REPEATS = 9
# (start, end, target, type): offsets into the text as read.
Item = tuple[int, int, str, str]


def gold_items(article: Path, root: Path = ROOT) -> list[Item]:
    """Return the gold items of an article, offsets into the text as read."""
    raw = load_source(str(article)).raw
    composed, to_raw = nfc_with_offsets(raw)
    items: list[Item] = []
    position = 0
    gold = root / "gold" / f"{article.stem}.tsv"
    for line in gold.read_text(encoding="utf-8").splitlines()[2:]:
        source, target, kind = line.split("\t")
        source = unicodedata.normalize("NFC", source.replace("\\n", "\n"))
        start = composed.index(source, position)
        position = start + len(source)
        items.append((to_raw[start], to_raw[position], target, kind))
    return items


def predicted_items(glossary: Glossary, article: Path) -> list[Item]:
    """Return what ``songngu glossary match`` finds in an article."""
    return [
        (t.start, t.end, t.target, t.type)
        for t in match_source(glossary, load_source(str(article)))
    ]


class Score:
    """Counts of gold, predicted and right items, under one way of comparing them."""

    def __init__(self, name: str) -> None:
        """Start an empty score called ``name``."""
        self.name = name
        self.gold = self.predicted = self.right = 0

    def add(self, gold: set[tuple[object, ...]], predicted: set[tuple[object, ...]]) -> None:
        """Count one article's gold and predicted items."""
        self.gold += len(gold)
        self.predicted += len(predicted)
        self.right += len(gold & predicted)

    def line(self) -> str:
        """The score as one line: counts, recall and precision."""
        recall = self.right / self.gold if self.gold else 0.0
        precision = self.right / self.predicted if self.predicted else 0.0
        return (
            f"{self.name}: gold {self.gold}, found {self.predicted}, right {self.right}: "
            f"recall {recall:.3f}, precision {precision:.3f}"
        )


def evaluate(glossary: Glossary, articles: list[Path], root: Path, *, verbose: bool) -> None:
    """Print recall and precision per article and overall.

    Three comparisons: every item with its rendering (names included: the project's own
    measure since the first glossary); and official terms alone (personal names left out, as
    the held-out evaluation counts them) by exact bounds, and by bounds and rendering.
    """
    scores = [
        Score("all items, span+rendering"),
        Score("terms, bounds"),
        Score("terms, bounds+rendering"),
    ]
    for article in articles:
        gold, predicted = gold_items(article, root), predicted_items(glossary, article)
        full = ({item[:3] for item in gold}, {item[:3] for item in predicted})
        terms_gold = [item for item in gold if item[3] != "name"]
        terms_found = [item for item in predicted if item[3] != "name"]
        bounds = ({item[:2] for item in terms_gold}, {item[:2] for item in terms_found})
        rendered = ({item[:3] for item in terms_gold}, {item[:3] for item in terms_found})
        for score, (expected, found) in zip(scores, [full, bounds, rendered], strict=True):
            score.add(expected, found)
        hits = len(bounds[0] & bounds[1])
        print(
            f"{article.stem:40} terms {len(bounds[0]):3}  found {len(bounds[1]):3}  right {hits:3}"
        )
        if verbose:
            _print_differences(article, terms_gold, terms_found)
    for score in scores:
        print(f"TOTAL {score.line()}")


def _print_differences(article: Path, gold: list[Item], predicted: list[Item]) -> None:
    raw = load_source(str(article)).raw
    found = {item[:2]: item for item in predicted}
    expected = {item[:2]: item for item in gold}
    for key in sorted(set(expected) - set(found)):
        print(f"    missed  {raw[key[0] : key[1]]!r} → {expected[key][2]}")
    for key in sorted(set(found) - set(expected)):
        print(f"    extra   {raw[key[0] : key[1]]!r} → {found[key][2]}")
    for key in sorted(set(found) & set(expected)):
        if found[key][2] != expected[key][2]:
            print(
                f"    English {raw[key[0] : key[1]]!r} → {found[key][2]} (gold: {expected[key][2]})"
            )


def enforcement(articles: list[Path], backend: str, num_beams: int) -> None:
    """Translate each article and print the share of matched terms present in the output."""
    with tempfile.TemporaryDirectory() as folder:
        generation = _generation(backend, num_beams, Path(folder))
        translator = load_backend("fake" if backend == "fake" else "transformers", generation)
        pipeline = Pipeline(TranslationSettings(backend="fake"), translator=translator)
        matched = enforced = 0
        methods: dict[str, int] = {}
        started = time.perf_counter()
        for article in articles:
            document = pipeline.translate(read_document(article))
            for segment in document.iter_segments():
                for term in segment.terms:
                    matched += 1
                    enforced += term.enforced and _is_present(term.target, segment.target or "")
                    method = term.method or "flagged"
                    methods[method] = methods.get(method, 0) + 1
        seconds = time.perf_counter() - started
    print(
        f"{backend} beams {num_beams}: {enforced}/{matched} matched terms present in the output "
        f"({enforced / matched:.1%}); methods {dict(sorted(methods.items()))}; {seconds:.1f} s"
    )


def timing(glossary_loader: type[Glossary] | None = None) -> None:
    """Print the time to load the shipped glossary and to match a 5,000-word article."""
    started = time.perf_counter()
    glossary = load_glossary()
    index = glossary.index("2024-06-01")
    loaded = time.perf_counter() - started
    text = " ".join(
        load_source(str(path)).text for path in sorted((ROOT / "articles").glob("*.txt"))
    )
    words = text.split()
    article = " ".join((words * (5000 // len(words) + 1))[:5000])
    found = glossary.match(article, "2024-06-01")
    matched = min(_seconds(glossary.match, article, "2024-06-01") for _ in range(_REPEATS))
    print(
        f"load + index shipped glossary: {loaded * 1000:.0f} ms ({index.num_terms} terms); "
        f"match 5,000 words (best of {_REPEATS}): {matched * 1000:.0f} ms ({len(found)} matches)"
    )
    _archive_timing(glossary)


def _seconds(call: Callable[..., object], *args: object) -> float:
    """How long one call takes, in seconds."""
    started = time.perf_counter()
    call(*args)
    return time.perf_counter() - started


def _archive_timing(glossary: Glossary) -> None:
    """Print the time to index an archive's dates: one trie per date against one per era."""
    dates = [f"{year}-{month:02d}-15" for year in (2024, 2025, 2026) for month in range(1, 13)]
    started = time.perf_counter()
    for date in dates:
        build_index(glossary.entries, date)
    per_date = time.perf_counter() - started
    fresh = Glossary(glossary.entries, glossary.content_hash)
    started = time.perf_counter()
    eras = {id(fresh.index(date)) for date in dates}
    per_era = time.perf_counter() - started
    print(
        f"index {len(dates)} monthly dates: one trie per date {per_date:.1f} s, one per era "
        f"{per_era:.1f} s ({len(eras)} eras), {per_date / per_era:.1f}x"
    )


def _generation(backend: str, num_beams: int, folder: Path) -> GenerationSettings:
    if backend == "fake":
        return GenerationSettings()
    sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
    from tiny_models import build_marian, build_nllb

    build = build_marian if backend == "marian" else build_nllb
    model = build(folder / backend)
    return GenerationSettings(model=str(model), num_beams=num_beams, max_length_ratio=1.0)


def _is_present(english: str, target: str) -> bool:
    """Whether a term's English is in a segment's output; a sentence may open with it."""
    return english in target or english[:1].upper() + english[1:] in target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--translate", choices=["fake", "marian", "nllb"])
    parser.add_argument("--beams", type=int, default=1)
    parser.add_argument("--timing", action="store_true")
    parser.add_argument("-q", "--quiet", action="store_true", help="No per-term listing.")
    parser.add_argument(
        "--set", type=Path, default=ROOT, help="A folder with articles/ and gold/ (default: ours)."
    )
    options = parser.parse_args()
    articles = sorted((options.set / "articles").glob("*.txt"))
    if options.timing:
        timing()
        return
    if options.translate:
        enforcement(articles, options.translate, options.beams)
        return
    evaluate(load_glossary(), articles, options.set, verbose=not options.quiet)


if __name__ == "__main__":
    main()

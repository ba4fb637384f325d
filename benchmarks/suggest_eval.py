r"""Evaluate ``songngu glossary suggest`` against the blind gold lists, with a glossary of places.

Usage::

    python benchmarks/suggest_eval.py benchmarks/glossary-blind/A        # one set
    python benchmarks/suggest_eval.py benchmarks/glossary-blind/{A,B} -v # several, list errors

A set folder holds ``articles/*.txt`` and ``gold/<stem>.tsv`` (``source<TAB>target<TAB>type`` in
text order, after a comment line and a header; ``\n`` for a line break inside a term).

**The glossary, cut down to places.** A temporary TSV is written with exactly the shipped rows
whose ``type`` is ``province``, ``city`` or ``place`` (every column kept; abbreviations, patterns,
titles, bodies and ranks dropped), and each article is run through the CLI as a user would:
``songngu glossary suggest ARTICLE --json --no-shipped-glossary -g PLACES.tsv`` (``--style gov``
when the command has it: the gold lists use *Viet Nam*, *Ha Noi*).

**What is scored**, per article, sources compared after NFC, case folding and collapsing spaces:

- a *unit* is a gold item whose type is not ``name`` nor a place type (``province``, ``city``,
  ``place``); ``local`` (``xã Tả Van``) counts as a unit;
- *precision*: proposals whose source equals a unit's source, over all proposals; *lenient*
  precision also accepts a source equal to any non-name gold item (places included), with
  diacritics folded too;
- *unknown units found*: the units (deduplicated per article) of which no occurrence is matched
  with its exact bounds by ``glossary match`` with the cut glossary, and the share of them that
  the article's proposals hold;
- of those unknown units, the ones that the full shipped glossary does not match either (the
  vocabulary drafts are composed from knows none of them as a whole), and the share found;
- *drafts*: the share of proposals with a non-empty ``target``; *draft exact*: of the correct
  proposals with a draft, the share whose draft equals the gold target of that unit.

Today's plain output (``count<TAB>text``, no ``--json``) is read too, with empty drafts: that is
how the first-run figures of the old command were taken.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from songngu.cli import cli
from songngu.cli.output import CliState
from songngu.glossary import Glossary, load_glossary
from songngu.glossary.entries import PLACE_TYPES, fold
from songngu.glossary.files import COLUMNS, parse_file, render_row, shipped_glossary_files
from songngu.glossary.report import match_source
from songngu.readers import load_source
from songngu.vietnamese import nfc_with_offsets

_NOT_UNITS = frozenset({"name", *PLACE_TYPES})


@dataclass
class Tally:
    """Counts over a set of articles."""

    proposals: int = 0
    correct: int = 0
    lenient: int = 0
    drafted: int = 0
    unknown: int = 0
    found: int = 0
    correct_drafted: int = 0
    exact: int = 0
    unknown_to_shipped: int = 0
    found_unknown_to_shipped: int = 0
    errors: list[str] = field(default_factory=list)

    def lines(self, name: str) -> list[str]:
        """Return the figures as printable lines."""
        return [
            f"{name}: {self.proposals} proposals, precision {_ratio(self.correct, self.proposals)}"
            f" (lenient {_ratio(self.lenient, self.proposals)})",
            f"{name}: unknown units found {_ratio(self.found, self.unknown)}; of those the"
            f" full shipped glossary does not match either: found"
            f" {_ratio(self.found_unknown_to_shipped, self.unknown_to_shipped)}",
            f"{name}: proposals with a draft {_ratio(self.drafted, self.proposals)}; drafts equal"
            f" to gold {_ratio(self.exact, self.correct_drafted)} of correct drafted proposals",
        ]


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a (0/0)"


def normalise(text: str) -> str:
    """Return ``text`` in NFC, case-folded, with runs of spaces (and line breaks) as one."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def write_places_glossary(path: Path) -> int:
    """Write the shipped rows of a place type to ``path``; return how many."""
    rows = [
        entry
        for file in shipped_glossary_files()
        for entry in parse_file(file).entries
        if entry.type in PLACE_TYPES
    ]
    lines = ["\t".join(COLUMNS)] + [render_row(entry) for entry in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(rows)


def read_gold(path: Path) -> list[tuple[str, str, str]]:
    """Return the gold rows (source, target, type) of one article."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[2:]:
        source, target, kind = line.split("\t")
        rows.append((source.replace("\\n", "\n"), target, kind))
    return rows


def run_suggest(article: Path, places: Path | None) -> list[dict[str, str]]:
    """Run the CLI on one article; return proposals as dicts with ``source`` and ``target``.

    ``places`` is the cut-down glossary; ``None`` runs with the full shipped glossary.
    """
    options = [] if places is None else ["--no-shipped-glossary", "-g", str(places)]
    base = ["glossary", "suggest", str(article), *options]
    result = CliRunner().invoke(cli, [*base, "--json", "--style", "gov"], obj=CliState())
    if result.exit_code == 0:
        return list(json.loads(result.stdout))
    result = CliRunner().invoke(
        cli, base, obj=CliState()
    )  # the command before issue 19: count TAB text
    if result.exit_code != 0:
        raise RuntimeError(f"suggest failed on {article}: {result.output}")
    return [{"source": line.split("\t", 1)[1], "target": ""} for line in result.stdout.splitlines()]


def unknown_units(article: Path, gold: list[tuple[str, str, str]], glossary: Glossary) -> set[str]:
    """Return the units of an article that ``glossary`` does not match with exact bounds."""
    raw = load_source(str(article)).raw
    composed, to_raw = nfc_with_offsets(raw)
    matched = {(t.start, t.end) for t in match_source(glossary, load_source(str(article)))}
    seen: dict[str, bool] = {}
    position = 0
    for source, _, kind in gold:
        text = unicodedata.normalize("NFC", source)
        start = composed.index(text, position)
        position = start + len(text)
        if kind not in _NOT_UNITS:
            key = normalise(source)
            known = (to_raw[start], to_raw[position]) in matched
            seen[key] = seen.get(key, False) or known
    return {key for key, known in seen.items() if not known}


@functools.cache
def _shipped_glossary() -> Glossary:
    return load_glossary()


@functools.cache
def _places_glossary(places: Path) -> Glossary:
    return load_glossary([places], include_shipped=False)


def score_article(article: Path, gold_path: Path, places: Path | None, tally: Tally) -> None:
    """Add one article's figures to ``tally`` (``places`` None: the full shipped glossary)."""
    gold = read_gold(gold_path)
    units = {normalise(s): t for s, t, kind in reversed(gold) if kind not in _NOT_UNITS}
    anything = {fold(normalise(s)) for s, _, kind in gold if kind != "name"}
    proposals = run_suggest(article, places)
    sources = {normalise(p["source"]) for p in proposals}
    for proposal in proposals:
        key, target = normalise(proposal["source"]), proposal.get("target", "")
        tally.proposals += 1
        tally.drafted += bool(target)
        tally.lenient += key in units or fold(key) in anything
        if key not in units:
            tally.errors.append(f"{article.stem}: wrong   {proposal['source']!r} → {target!r}")
            continue
        tally.correct += 1
        if target:
            tally.correct_drafted += 1
            tally.exact += target == units[key]
            if target != units[key]:
                tally.errors.append(f"{article.stem}: English {target!r} (gold {units[key]!r})")
    glossary = _shipped_glossary() if places is None else _places_glossary(places)
    unknown = unknown_units(article, gold, glossary)
    tally.unknown += len(unknown)
    tally.found += len(unknown & sources)
    # The stricter case: units that the shipped glossary (drafts' vocabulary) lacks too.
    unknown_to_shipped = unknown & unknown_units(article, gold, _shipped_glossary())
    tally.unknown_to_shipped += len(unknown_to_shipped)
    tally.found_unknown_to_shipped += len(unknown_to_shipped & sources)
    tally.errors += [f"{article.stem}: missed  {key!r}" for key in sorted(unknown - sources)]


def main() -> None:
    """Score each set folder given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="+", type=Path, help="folders with articles/ and gold/")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every error")
    parser.add_argument(
        "--full-glossary",
        action="store_true",
        help="run as a user does, with the whole shipped glossary (default: cut down to places)",
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        places: Path | None = None
        if arguments.full_glossary:
            print("the full shipped glossary: unknown units are those it does not match")
        else:
            places = Path(folder) / "places.tsv"
            print(f"glossary cut down to places: {write_places_glossary(places)} rows")
        total = Tally()
        for root in arguments.sets:
            tally = Tally()
            for article in sorted((root / "articles").glob("*.txt")):
                score_article(article, root / "gold" / f"{article.stem}.tsv", places, tally)
            print("\n".join(tally.lines(root.name)))
            if arguments.verbose:
                print("\n".join(f"    {error}" for error in tally.errors))
            for name in ("proposals", "correct", "lenient", "drafted", "unknown", "found"):
                setattr(total, name, getattr(total, name) + getattr(tally, name))
            total.correct_drafted += tally.correct_drafted
            total.exact += tally.exact
            total.unknown_to_shipped += tally.unknown_to_shipped
            total.found_unknown_to_shipped += tally.found_unknown_to_shipped
        if len(arguments.sets) > 1:
            print("\n".join(total.lines("all")))
    sys.exit(0)


if __name__ == "__main__":
    main()

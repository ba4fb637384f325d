"""Glossaries in other tools' formats: CSV, TBX-Basic, TBX v3 and DeepL's TSV, both ways.

What each format keeps is in the README ("Glossary exchange") and
``docs/design/glossary-exchange.md``:

- ``csv``: the TSV schema's columns with standard CSV quoting and a UTF-8 byte order mark (Excel
  opens it as UTF-8), plus ``vi_full``: an abbreviation row holds the abbreviation in ``vi``,
  its Vietnamese full form in ``vi_full`` and the English of that full form (when the glossary
  has it) in ``en``. Pattern rows stay, marked by their ``type``. On import a file without a
  ``vi,en`` header is read as DeepL's CSV (source, target, …); a byte order mark is optional.
- ``tbx``: TBX-Basic of ISO 30042:2008 (``martif``), ``tbx3``: TBX v3 TBX-Basic DCA; one
  concept per term row (:mod:`songngu.glossary.concepts`, :mod:`songngu.glossary.tbx`).
  Pattern rows are left out: TBX has no way to say that ``{province}`` is a slot.
- ``deepl``: two columns, no header, one row per source, no control characters, no spaces at the
  ends (``terminology.md`` §2.2), with the terms in force on a date, patterns composed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from songngu.errors import GlossaryError
from songngu.glossary.compose import Term, iter_terms
from songngu.glossary.concepts import build_concepts, iter_entries
from songngu.glossary.entries import Entry
from songngu.glossary.files import COLUMNS, VARIANT_SEPARATOR, parse_text, render_row
from songngu.glossary.index import index_term, pick_by_date
from songngu.glossary.tbx import DIALECTS, iter_concepts, render_tbx

FORMATS = ("csv", "tbx", "tbx3", "deepl", "tsv")
#: The CSV columns: the TSV schema's, with an abbreviation's full form beside it on the vi side,
#: and ``source`` (where a rendering is cited from) named ``citation``: CSV readers such as
#: translate-toolkit's ``csvl10n`` (and Weblate, built on it) take a ``source`` column for the
#: text to translate.
CSV_COLUMNS = ("vi", "vi_full", "en", "type", "citation", *COLUMNS[4:])
_SUFFIXES = {".csv": "csv", ".tbx": "tbx", ".xml": "tbx", ".tsv": "tsv", ".txt": "tsv"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
#: Excel reads a CSV file as UTF-8 only when it starts with a byte order mark.
_BYTE_ORDER_MARK = "\ufeff"
#: The row types each format cannot hold, and why (the export command prints the count).
_LEFT_OUT = {
    "tbx": ("pattern", "TBX cannot hold a pattern"),
    "tbx3": ("pattern", "TBX cannot hold a pattern"),
    "deepl": ("abbreviation", "a DeepL glossary holds Vietnamese-English pairs only"),
}


def format_for(path: Path, requested: str | None) -> str:
    """Return the format to use for ``path``: the one requested, else from its suffix.

    Raises:
        GlossaryError: neither says which format it is.
    """
    chosen = requested or _SUFFIXES.get(path.suffix.lower())
    if chosen not in FORMATS:
        raise GlossaryError(
            f"cannot tell the glossary format from the name; pass --format {'|'.join(FORMATS)}.",
            path,
        )
    return chosen


def read_entries(path: Path, file_format: str, defaults: Entry) -> list[Entry]:
    """Read the entries of a CSV, TBX or TSV file; ``defaults`` fill in type and source.

    Raises:
        GlossaryError: the file cannot be read or parsed.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError(f"cannot be read as UTF-8 text ({error}).", path) from error
    if file_format in DIALECTS:
        return [
            entry
            for line, concept in enumerate(iter_concepts(text, str(path)), start=1)
            for entry in iter_entries(concept, defaults, str(path), line)
        ]
    delimiter = "," if file_format == "csv" else "\t"
    return _table_entries(text, str(path), delimiter, defaults)


def render_entries(entries: Sequence[Entry], file_format: str, date: str | None = None) -> str:
    """Return ``entries`` in ``file_format`` (``deepl``: the terms in force on ``date``)."""
    if file_format in DIALECTS:
        return render_tbx(build_concepts(entries), DIALECTS[file_format])
    if file_format == "deepl":
        return render_deepl(entries, date)
    if file_format == "csv":
        return _render_csv(entries)
    return "\t".join(COLUMNS) + "\n" + "".join(render_row(entry) + "\n" for entry in entries)


def left_out_message(entries: Sequence[Entry], file_format: str) -> str:
    """Return one line saying how many rows ``file_format`` leaves out and why ("" if none)."""
    if file_format not in _LEFT_OUT:
        return ""
    kind, reason = _LEFT_OUT[file_format]
    count = sum(entry.type == kind for entry in entries)
    if not count:
        return ""
    return f"{count} {kind} rows left out: {reason}; export --format tsv or csv keeps them."


def render_deepl(entries: Sequence[Entry], date: str | None) -> str:
    """Return DeepL glossary TSV: source TAB target, one row per source, nothing else."""
    rows: dict[tuple[str, ...], tuple[str, str]] = {}
    for keys, term in _terms_on(entries, date):
        source, target = _clean(term.vi), _clean(term.en)
        if source and target and "{" not in source and keys not in rows:
            rows[keys] = (source, target)
    return "".join(f"{source}\t{target}\n" for source, target in rows.values())


def _terms_on(entries: Sequence[Entry], date: str | None) -> Iterator[tuple[tuple[str, ...], Term]]:
    groups: dict[tuple[str, ...], list[Term]] = {}
    for term in iter_terms(entries):
        keys, _ = index_term(term)
        groups.setdefault(keys, []).append(term)
    for keys, terms in groups.items():
        explicit = [term for term in terms if not term.is_composed]
        for candidates in (explicit, terms):
            picked = pick_by_date(candidates, date)
            if picked is not None:
                yield keys, candidates[picked]
                break


def _table_entries(text: str, path: str, delimiter: str, defaults: Entry) -> list[Entry]:
    # Our TSV (like DeepL's) has no quoting: a field never holds a tab or a newline.
    if delimiter == "\t":
        rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    else:
        rows = list(csv.reader(io.StringIO(text)))
    header = [cell.strip() for cell in rows[0]] if rows else []
    if "vi" in header and "en" in header:
        rows = _in_tsv_schema(rows, defaults)
        tsv = "\n".join("\t".join(_CONTROL.sub(" ", cell) for cell in row) for row in rows)
        entries, problems = parse_text(tsv, path)
        fatal = [problem for problem in problems if problem.is_fatal]
        if fatal:
            raise GlossaryError(fatal[0].message, path, fatal[0].line)
        return entries
    return [
        Entry(row[0].strip(), row[1].strip(), defaults.type, defaults.source, path=path, line=line)
        for line, row in enumerate(rows, start=1)
        if len(row) >= 2 and row[0].strip() and row[1].strip()
    ]


def _in_tsv_schema(rows: list[list[str]], defaults: Entry) -> list[list[str]]:
    """Return table rows in the TSV schema.

    Missing type and source columns come from ``defaults``; a CSV's ``citation`` is the source;
    a ``vi_full`` cell makes the row an abbreviation whose ``en`` is that full form.
    """
    header = [cell.strip() for cell in rows[0]]
    if "citation" in header and "source" not in header:
        header[header.index("citation")] = "source"
    body = [row + [""] * (len(header) - len(row)) for row in rows[1:]]
    has_type = "type" in header
    for name, value in (("type", defaults.type), ("source", defaults.source)):
        if name not in header:
            header.append(name)
            body = [[*row, value] for row in body]
    if "vi_full" not in header:
        return [header, *body]
    full, english, kind = (header.index(name) for name in ("vi_full", "en", "type"))
    for row in body:
        if row[full].strip() and (not has_type or row[kind] in ("", "abbreviation")):
            row[english], row[kind] = row[full], "abbreviation"
    return [[cell for number, cell in enumerate(row) if number != full] for row in [header, *body]]


def _render_csv(entries: Sequence[Entry]) -> str:
    english = _english_of_full_forms(entries)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        values = {name: str(getattr(entry, name)) for name in COLUMNS if name != "variants"}
        values["variants"] = f" {VARIANT_SEPARATOR} ".join(entry.variants)
        values["citation"] = entry.source
        if entry.type == "abbreviation":
            values.update(vi_full=entry.en, en=english.get(entry.en, ""))
        writer.writerow([values.get(name, "") for name in CSV_COLUMNS])
    return _BYTE_ORDER_MARK + buffer.getvalue()


def _english_of_full_forms(entries: Sequence[Entry]) -> dict[str, str]:
    """Map each term's Vietnamese to its English, the rendering in force today first."""
    english: dict[str, str] = {}
    for entry in sorted(entries, key=lambda entry: not entry.is_valid_on(None)):
        if entry.is_term:
            english.setdefault(entry.vi, entry.en)
    return english


def _clean(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())

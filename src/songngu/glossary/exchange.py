"""Glossaries in other tools' formats: CSV, TBX-Basic and DeepL's TSV, both ways.

- ``csv``: the TSV schema's columns with standard CSV quoting (opens in Excel); on import a
  file without a ``vi,en`` header is read as DeepL's CSV (source, target, …).
- ``tbx``: TBX-Basic (ISO 30042:2019, DCA style; ``terminology.md`` §2.1). One concept per row:
  the Vietnamese term (``termType`` fullForm, with the abbreviations that expand to it), the
  English rendering (``preferredTerm-admn-sts``) and its variants (``admittedTerm-admn-sts``);
  the type in ``subjectField``, the source in ``admin type="source"``, validity in a ``note``.
  Import also reads TBX v2 (``martif``/``termEntry``/``langSet``/``tig``).
- ``deepl``: two columns, no header, one row per source, no control characters, no spaces at the
  ends (``terminology.md`` §2.2), with the terms in force on a date, patterns composed.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from songngu.errors import GlossaryError
from songngu.glossary.compose import Term, iter_terms
from songngu.glossary.entries import TYPES, Entry
from songngu.glossary.files import COLUMNS, VARIANT_SEPARATOR, parse_text, render_row
from songngu.glossary.index import index_term, pick_by_date
from songngu.glossary.tokens import phrase_keys

FORMATS = ("csv", "tbx", "deepl", "tsv")
_SUFFIXES = {".csv": "csv", ".tbx": "tbx", ".xml": "tbx", ".tsv": "tsv", ".txt": "tsv"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_TBX_NAMESPACE = "urn:iso:std:iso:30042:ed:3.0"
_VALIDITY_NOTE = re.compile(r"^valid_from: (\S+); valid_to: (\S+)(?:; (.*))?$", re.DOTALL)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


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
    if file_format == "tbx":
        return list(_iter_tbx_entries(text, str(path), defaults))
    delimiter = "," if file_format == "csv" else "\t"
    return _table_entries(text, str(path), delimiter, defaults)


def render_entries(entries: Sequence[Entry], file_format: str, date: str | None = None) -> str:
    """Return ``entries`` in ``file_format`` (``deepl``: the terms in force on ``date``)."""
    if file_format == "tbx":
        return render_tbx(entries)
    if file_format == "deepl":
        return render_deepl(entries, date)
    if file_format == "csv":
        return _render_csv(entries)
    return "\t".join(COLUMNS) + "\n" + "".join(render_row(entry) + "\n" for entry in entries)


def render_deepl(entries: Sequence[Entry], date: str | None) -> str:
    """Return DeepL glossary TSV: source TAB target, one row per source, nothing else."""
    rows: dict[tuple[str, ...], tuple[str, str]] = {}
    for keys, term in _terms_on(entries, date):
        source, target = _clean(term.vi), _clean(term.en)
        if source and target and "{" not in source and keys not in rows:
            rows[keys] = (source, target)
    return "".join(f"{source}\t{target}\n" for source, target in rows.values())


def render_tbx(entries: Sequence[Entry]) -> str:
    """Return a TBX-Basic document with one concept per term or pattern row."""
    abbreviations: dict[tuple[str, ...], list[str]] = {}
    for entry in entries:
        if entry.type == "abbreviation":
            abbreviations.setdefault(phrase_keys(entry.en), []).append(entry.vi)
    concepts = [
        _tbx_concept(number, entry, abbreviations.get(phrase_keys(entry.vi), []))
        for number, entry in enumerate((e for e in entries if e.type != "abbreviation"), start=1)
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{_TBX_NAMESPACE}">\n'
        "  <tbxHeader><fileDesc><sourceDesc><p>songngu glossary</p></sourceDesc></fileDesc>"
        "</tbxHeader>\n"
        "  <text><body>\n" + "".join(concepts) + "  </body></text>\n</tbx>\n"
    )


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


def _tbx_concept(number: int, entry: Entry, abbreviations: list[str]) -> str:
    validity = f"valid_from: {entry.valid_from or '-'}; valid_to: {entry.valid_to or '-'}"
    note = f"{validity}; {entry.note}" if entry.note else validity
    vi_terms = [_tbx_term(entry.vi, "termType", "fullForm")]
    vi_terms += [_tbx_term(short, "termType", "abbreviation") for short in abbreviations]
    en_terms = [_tbx_term(entry.en, "administrativeStatus", "preferredTerm-admn-sts", entry.source)]
    en_terms += [
        _tbx_term(variant, "administrativeStatus", "admittedTerm-admn-sts")
        for variant in entry.variants
    ]
    return (
        f'    <conceptEntry id="c{number}">\n'
        f'      <descrip type="subjectField">{escape(entry.type)}</descrip>\n'
        f"      <note>{escape(note)}</note>\n"
        f'      <langSec xml:lang="vi">\n{"".join(vi_terms)}      </langSec>\n'
        f'      <langSec xml:lang="en">\n{"".join(en_terms)}      </langSec>\n'
        "    </conceptEntry>\n"
    )


def _tbx_term(text: str, note_type: str, note: str, source: str = "") -> str:
    admin = f'<admin type="source">{escape(source)}</admin>' if source else ""
    return (
        f"        <termSec><term>{escape(text)}</term>"
        f"<termNote type={quoteattr(note_type)}>{escape(note)}</termNote>{admin}</termSec>\n"
    )


def _iter_tbx_entries(text: str, path: str, defaults: Entry) -> Iterator[Entry]:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise GlossaryError(f"is not well-formed XML ({error}).", path) from error
    for number, concept in enumerate(_children(root, "conceptEntry", "termEntry"), start=1):
        yield from _concept_entries(concept, path, number, defaults)


def _concept_entries(
    concept: ElementTree.Element, path: str, line: int, defaults: Entry
) -> Iterator[Entry]:
    fields = {"type": defaults.type, "source": defaults.source, "note": ""}
    vi: list[tuple[str, str]] = []
    en: list[tuple[str, str]] = []
    for element in concept.iter():
        name, kind = _local(element.tag), element.get("type", "")
        if name == "descrip" and kind == "subjectField" and (element.text or "").strip() in TYPES:
            fields["type"] = (element.text or "").strip()
        elif name == "admin" and kind == "source" and element.text:
            fields["source"] = element.text.strip()
        elif name == "note" and element.text and not fields["note"]:
            fields["note"] = element.text.strip()
    for language in _children(concept, "langSec", "langSet"):
        code = (language.get(_XML_LANG) or language.get("lang") or "").lower()
        target = vi if code.startswith("vi") else en if code.startswith("en") else None
        if target is not None:
            target.extend(_terms_of(language))
    yield from _entries_of_concept(vi, en, fields, path, line)


def _entries_of_concept(
    vi: list[tuple[str, str]],
    en: list[tuple[str, str]],
    fields: dict[str, str],
    path: str,
    line: int,
) -> Iterator[Entry]:
    full = [text for text, status in vi if status != "abbreviation"]
    preferred = [
        text for text, status in en if "admitted" not in status and "deprecated" not in status
    ]
    if not full or not (preferred or en):
        return
    english = (preferred or [text for text, _ in en])[0]
    variants = tuple(text for text, status in en if text != english and "deprecated" not in status)
    valid_from, valid_to, note = _read_validity(fields["note"])
    yield Entry(
        full[0],
        english,
        fields["type"],
        fields["source"],
        valid_from,
        valid_to,
        note,
        variants=variants,
        path=path,
        line=line,
    )
    for text, status in vi:
        if status == "abbreviation":
            yield Entry(text, full[0], "abbreviation", fields["source"], path=path, line=line)


def _read_validity(note: str) -> tuple[str, str, str]:
    """Split the note written by :func:`render_tbx` into valid_from, valid_to and the rest."""
    match = _VALIDITY_NOTE.match(note)
    if match is None:
        return "", "", note
    first, last, rest = match.groups()
    return first.strip("-"), last.strip("-"), rest or ""


def _terms_of(language: ElementTree.Element) -> Iterator[tuple[str, str]]:
    for section in _children(language, "termSec", "tig", "ntig"):
        texts = [
            (element.text or "").strip()
            for element in section.iter()
            if _local(element.tag) == "term"
        ]
        notes = [
            (element.text or "").strip()
            for element in section.iter()
            if _local(element.tag) == "termNote"
        ]
        if texts and texts[0]:
            yield texts[0], " ".join(notes)


def _children(root: ElementTree.Element, *names: str) -> Iterator[ElementTree.Element]:
    return (element for element in root.iter() if _local(element.tag) in names)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _table_entries(text: str, path: str, delimiter: str, defaults: Entry) -> list[Entry]:
    # Our TSV (like DeepL's) has no quoting: a field never holds a tab or a newline.
    if delimiter == "\t":
        rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    else:
        rows = list(csv.reader(io.StringIO(text)))
    header = [cell.strip() for cell in rows[0]] if rows else []
    if "vi" in header and "en" in header:
        if "type" not in header:
            rows = [
                [*header, "type", "source"],
                *([*row, defaults.type, defaults.source] for row in rows[1:]),
            ]
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


def _render_csv(entries: Sequence[Entry]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        values = [getattr(entry, name) for name in COLUMNS if name != "variants"]
        writer.writerow([*values, f" {VARIANT_SEPARATOR} ".join(entry.variants)])
    return buffer.getvalue()


def _clean(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())

"""``songngu segment``: show how an article is split into blocks and sentences."""

from __future__ import annotations

import json

import click

from songngu.readers import load_source, parse_source
from songngu.segmenter import segment_document
from songngu.segmenter.report import render_segments, segments_to_dict


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--json", "as_json", is_flag=True, help="Print JSON with offsets and block kinds.")
def segment(input_path: str, as_json: bool) -> None:
    """Print one sentence per line, with a blank line between blocks.

    Offsets in --json are character offsets into the text as read (decoded, with invisible
    characters and control codes removed), also when the file was not in NFC.

    \b
    Example:
      songngu segment article.txt
      cat article.txt | songngu segment - --json
    """
    source = load_source(input_path)
    document = segment_document(parse_source(source))
    if as_json:
        click.echo(json.dumps(segments_to_dict(document, source.raw), ensure_ascii=False, indent=2))
    else:
        click.echo(render_segments(document), nl=False)


def register(group: click.Group) -> None:
    """Add this command to the ``songngu`` group."""
    group.add_command(segment)

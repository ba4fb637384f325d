"""``songngu models``: fetch translation models ahead of time and list what is cached."""

from __future__ import annotations

import click

from songngu.backends.hub import download_model, find_cached_model
from songngu.backends.presets import CARDS, PresetCard, resolve_model


@click.group()
def models() -> None:
    """Download and list translation models (the Hugging Face cache is used)."""


@models.command()
@click.argument("model", default="opus-mt")
@click.option("--revision", help="A branch, tag or commit of the model on the Hub.")
def download(model: str, revision: str | None) -> None:
    """Download MODEL (a preset or a Hub id) into the Hugging Face cache.

    \b
    Example:
      songngu models download              # Helsinki-NLP/opus-mt-vi-en
      songngu models download nllb-600m
    """
    model_id, _ = resolve_model(model)
    location = download_model(model_id, revision)
    click.echo(f"{location.model_id} ({location.revision}) is in {location.path}", err=True)


@models.command(name="list")
def list_models() -> None:
    """List the presets: Hub id, family, size, licence, cache state and a published score.

    \b
    Example:
      songngu models list
    """
    click.echo(_ROW.format("preset", "Hub id", "family", "params", "disk", "licence", "cache"))
    for card in CARDS:
        cached = find_cached_model(card.model_id)
        status = f"cached ({cached.revision[:12]})" if cached else "not downloaded"
        click.echo(_ROW.format(*_columns(card), status))
        click.echo(f"  quality: {card.quality} ({card.quality_source})")


_ROW = "{:<12} {:<33} {:<18} {:<12} {:<12} {:<13} {}"


def _columns(card: PresetCard) -> tuple[str, ...]:
    return (card.name, card.model_id, card.family, card.parameters, card.disk_size, card.licence)


def register(group: click.Group) -> None:
    """Add this group to the ``songngu`` group."""
    group.add_command(models)

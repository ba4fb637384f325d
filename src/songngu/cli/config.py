"""Per-user defaults for options: ``config.toml`` in click's per-user folder.

``~/.config/songngu/config.toml`` on Linux (``SONGNGU_CONFIG`` names another file) holds
defaults that the command line overrides, for instance::

    style = "intl"

An option given on the command line wins, then its environment variable, then this file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import tomllib

from songngu.errors import InputError
from songngu.glossary import HouseStyle

CONFIG_ENVVAR = "SONGNGU_CONFIG"
Function = TypeVar("Function", bound=Callable[..., Any])


def config_path() -> Path:
    """Return the per-user configuration file (it need not exist)."""
    return Path(os.environ.get(CONFIG_ENVVAR) or click.get_app_dir("songngu")) / "config.toml"


def read_config() -> dict[str, Any]:
    """Return the per-user configuration, empty if there is none.

    Raises:
        InputError: the file is not valid TOML (says where, and what to do).
    """
    path = config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise InputError(f"{path}: cannot read the configuration ({error.strerror}).") from error
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(
            f"{path}: not a valid configuration file ({error}); fix it or delete it."
        ) from error


def user_default(key: str, fallback: str) -> Callable[[], str]:
    """Return a click default that reads ``key`` from the configuration file."""

    def default() -> str:
        return str(read_config().get(key, fallback))

    return default


def style_option(function: Function) -> Function:
    """Add ``--style gov|intl`` (``SONGNGU_STYLE``, ``style`` in the configuration file)."""
    option = click.option(
        "--style",
        type=click.Choice([style.value for style in HouseStyle]),
        default=user_default("style", HouseStyle.GOV.value),
        envvar="SONGNGU_STYLE",
        show_default="gov, or 'style' in ~/.config/songngu/config.toml",
        help="House style of the English: gov (Viet Nam, Ha Noi, Ho Chi Minh City) or intl "
        "(Vietnam, Hanoi, HCMC).",
    )
    return option(function)

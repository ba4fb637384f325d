"""Lazy registries: an implementation named by an import string, imported when first used.

Readers, exporters, backends and cluster engines are registered as ``"module:attribute"``
strings, so that ``songngu --help`` imports none of their dependencies (torch, python-docx, Ray).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["load_registered"]


def load_registered(target: str) -> Any:
    """Import the module of a ``"module:attribute"`` target and return the attribute.

    Raises:
        ImportError: the module, or a package it needs, is not installed.
    """
    module_name, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module_name), attribute)

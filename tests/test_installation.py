"""Install hints name a command that works for the way songngu was installed."""

from __future__ import annotations

import json
from importlib import metadata

import pytest

from songngu import installation
from songngu.backends import BACKENDS, GenerationSettings, load_backend
from songngu.errors import BackendError

REQUIRES = ["click>=8.1", 'ctranslate2>=4.5; extra == "fast"', 'pytest>=8; extra == "test"']


class _Distribution:
    def __init__(self, direct_url: dict | None) -> None:
        self.direct_url = direct_url
        self.requires = REQUIRES

    def read_text(self, name: str) -> str | None:
        if name == "direct_url.json" and self.direct_url is not None:
            return json.dumps(self.direct_url)
        return None


def _installed(monkeypatch, direct_url: dict | None) -> None:
    monkeypatch.setattr(metadata, "distribution", lambda name: _Distribution(direct_url))


@pytest.mark.parametrize(
    ("direct_url", "expected"),
    [
        (None, "pip install 'songngu[fast]'"),
        (
            {"url": "file:///home/ed/songngu", "dir_info": {"editable": True}},
            "pip install -e '/home/ed/songngu[fast]' (or: pip install 'ctranslate2>=4.5')",
        ),
        (
            {"url": "file:///tmp/songngu-0.3.0-py3-none-any.whl", "archive_info": {}},
            "pip install 'ctranslate2>=4.5'",
        ),
        ({"url": "file:///home/ed/songngu", "dir_info": {}}, "pip install 'ctranslate2>=4.5'"),
    ],
    ids=["index", "editable checkout", "wheel file", "source folder"],
)
def test_the_fast_extra_hint_fits_the_installation(monkeypatch, direct_url, expected):
    _installed(monkeypatch, direct_url)
    assert installation.install_command("fast") == expected


def test_a_source_tree_not_installed_gets_the_packages(monkeypatch):
    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "distribution", not_installed)
    assert installation.install_command("fast") == "pip install 'ctranslate2>=4.5'"


def test_core_dependencies_hint_reinstalls_from_the_same_place(monkeypatch):
    _installed(monkeypatch, {"url": "file:///home/ed/songngu", "dir_info": {"editable": True}})
    assert installation.install_command() == "pip install -e '/home/ed/songngu'"
    _installed(monkeypatch, None)
    assert installation.install_command() == "pip install 'songngu'"


def test_a_missing_backend_package_names_the_fitting_command(monkeypatch):
    _installed(monkeypatch, {"url": "file:///home/ed/songngu", "dir_info": {"editable": True}})
    monkeypatch.setitem(BACKENDS, "ct2", "songngu_no_such_module:Backend")
    with pytest.raises(BackendError, match=r"pip install -e '/home/ed/songngu\[fast\]'"):
        load_backend("ct2", GenerationSettings())

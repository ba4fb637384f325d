"""Shared fixtures: a CLI runner, sample articles, the fake backend and the tiny models."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from songngu.backends.fake import FakeBackend

# The tiny random-weight models and their offline hub cache live in tiny_models.py.
from tiny_models import (  # noqa: F401
    hub_cache,
    runaway_hub_cache,
    runaway_model_dirs,
    tiny_hub_cache_dir,
    tiny_model_dirs,
)

# Property tests are derandomised by default, so a CI run is reproducible and cannot fail on an
# example no earlier run saw; HYPOTHESIS_PROFILE=explore searches new examples on each run.
# No deadline: CI machines are shared and a slow example is not a failure.
settings.register_profile("default", derandomize=True, deadline=None)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# CTranslate2 multiplies with Intel MKL on Intel CPUs and oneDNN elsewhere, and oneDNN has no
# reproducible mode (OpenNMT/CTranslate2#693), so the tiny random model's words, and the golden
# JSON, differed between an AMD and an Intel machine. MKL on every x86-64 CPU, in its AVX2
# reproducible branch (MKL_CBWR, oneMKL developer guide), gives one result everywhere. Set here,
# before any test loads CTranslate2, which reads them once.
os.environ.update({"CT2_USE_MKL": "1", "CT2_FORCE_CPU_ISA": "AVX2", "MKL_CBWR": "AVX2"})

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="session")
def songngu_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One XDG cache folder per session, so models are converted to CTranslate2 only once."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def songngu_cache(songngu_cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point songngu's cache (converted models) at the session folder, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(songngu_cache_dir))
    return songngu_cache_dir / "songngu"


@pytest.fixture(autouse=True)
def private_memory(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep every test away from the user's translation memory (translate uses it by default)."""
    folder = tmp_path_factory.mktemp("memory")
    monkeypatch.setenv("SONGNGU_MEMORY", str(folder / "memory.sqlite3"))
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder / "memory.sqlite3"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def fake_backend() -> FakeBackend:
    return FakeBackend()


@pytest.fixture
def sample_article(tmp_path: Path) -> Path:
    """A copy of the README's sample article in a scratch folder."""
    target = tmp_path / "bao-cao-kinh-te.txt"
    shutil.copy(EXAMPLES / "bao-cao-kinh-te.txt", target)
    return target


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite the golden files in tests/golden from this run's outputs.",
    )

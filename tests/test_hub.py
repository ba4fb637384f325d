"""Finding and downloading models, without the network: the Hub calls are replaced."""

import huggingface_hub
import pytest
from huggingface_hub.hf_api import ModelInfo

from songngu.backends import hub
from songngu.errors import ModelUnavailableError


def test_cached_model_is_found_without_the_network(hub_cache):
    location = hub.locate_model("opus-mt")
    assert location.model_id == "Helsinki-NLP/opus-mt-vi-en"
    assert (location.path / "config.json").is_file()
    assert location.revision == location.path.name


def _fake_model_info(listing):
    """Stand in for HfApi.model_info: the Hub lists these files."""

    def model_info(self, repo_id, revision=None, timeout=None):
        return ModelInfo(id=repo_id, sha="0" * 40, siblings=[{"rfilename": n} for n in listing])

    return model_info


def test_download_fetches_safetensors_and_tokenizer_files_only(hub_cache, monkeypatch, capsys):
    hub_cache.remove(hub_cache.marian_repo_id)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    listing = ["config.json", "model.safetensors", "pytorch_model.bin", "tf_model.h5", "source.spm"]
    calls = {}

    def fake_snapshot(repo_id, revision=None, allow_patterns=None):
        calls["patterns"] = allow_patterns
        folder = hub_cache.path / "snapshot" / "0123456789abcdef"
        folder.mkdir(parents=True)
        return str(folder)

    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", _fake_model_info(listing))
    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_snapshot)
    location = hub.download_model("Helsinki-NLP/opus-mt-vi-en")
    assert location.revision == "0123456789abcdef"
    assert "*.safetensors" in calls["patterns"]
    assert not any("bin" in pattern or "h5" in pattern for pattern in calls["patterns"])


def test_pytorch_weights_are_fetched_when_there_is_no_safetensors(hub_cache, monkeypatch):
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(
        huggingface_hub.HfApi, "model_info", _fake_model_info(["pytorch_model.bin"])
    )
    assert hub._weight_patterns("x/y", None) == ["pytorch_model*.bin"]


def test_a_failed_download_is_one_line_with_the_fix(hub_cache, monkeypatch):
    hub_cache.remove(hub_cache.marian_repo_id)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)

    def unreachable(self, repo_id, revision=None, timeout=None):
        raise OSError("Connection refused\nmore details")

    monkeypatch.setattr(huggingface_hub.HfApi, "model_info", unreachable)
    with pytest.raises(ModelUnavailableError) as raised:
        hub.locate_model("opus-mt")
    message = str(raised.value)
    assert "Connection refused" in message
    assert "\n" not in message
    assert "songngu models download" in message


def test_models_list_shows_cached_presets(hub_cache, capsys):
    from songngu.cli import main

    with pytest.raises(SystemExit) as raised:
        main(["models", "list"])
    assert raised.value.code == 0
    out = capsys.readouterr().out
    assert "opus-mt" in out
    assert "cached" in out
    assert "nllb-1.3b" in out
    assert "not downloaded" in out


def test_models_download_offline_is_refused_with_one_line(hub_cache, capsys):
    from songngu.cli import main

    hub_cache.remove(hub_cache.nllb_repo_id)
    with pytest.raises(SystemExit) as raised:
        main(["models", "download", "nllb-600m"])
    assert raised.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: Model 'facebook/nllb-200-distilled-600M'")
    assert err.count("\n") == 1


def test_models_download_offline_of_a_cached_model_says_where_it_is(hub_cache, capsys):
    from songngu.cli import main

    with pytest.raises(SystemExit) as raised:
        main(["models", "download"])
    assert raised.value.code == 0
    assert "Helsinki-NLP/opus-mt-vi-en" in capsys.readouterr().err

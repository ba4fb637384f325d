"""Checkpoints narrowed while they load give the very model transformers' own load gives."""

import pytest
import torch
import transformers

from songngu.backends.hf import _load_model
from songngu.backends.hub import ModelLocation
from songngu.backends.weights import checkpoint_files, needs_narrowing, read_state_dict


@pytest.mark.model
@pytest.mark.parametrize("dtype", [torch.bfloat16, torch.float16])
def test_a_float32_checkpoint_loads_into_the_same_narrow_model(tiny_model_dirs, dtype, monkeypatch):
    monkeypatch.setattr("songngu.backends.hf._NARROWED_FROM_BYTES", 0)
    for repo_id, folder in tiny_model_dirs.items():
        files = checkpoint_files(folder)
        assert files, repo_id
        location = ModelLocation(repo_id, folder, "test")
        ours = _load_model(torch, transformers, location, dtype, "cpu")
        theirs = transformers.AutoModelForSeq2SeqLM.from_pretrained(folder, dtype=dtype)
        assert type(ours) is type(theirs)
        assert ours.generation_config.to_dict() == theirs.generation_config.to_dict()
        expected = theirs.state_dict()
        assert ours.state_dict().keys() == expected.keys(), repo_id
        for name, tensor in ours.state_dict().items():
            assert tensor.dtype == expected[name].dtype, (repo_id, name)
            assert torch.equal(tensor, expected[name]), (repo_id, name)
        assert _is_tied(ours) == _is_tied(theirs), repo_id


def _is_tied(model) -> bool:
    output, embeddings = model.get_output_embeddings(), model.get_input_embeddings()
    return output.weight.data_ptr() == embeddings.weight.data_ptr()


@pytest.mark.model
def test_the_load_reads_in_the_target_precision_and_keeps_other_types(tiny_model_dirs):
    folder = next(iter(tiny_model_dirs.values()))
    state = read_state_dict(torch, checkpoint_files(folder), torch.bfloat16)
    assert {tensor.dtype for tensor in state.values() if tensor.is_floating_point()} == {
        torch.bfloat16
    }


@pytest.mark.model
def test_a_checkpoint_already_in_the_target_precision_loads_as_transformers_loads_it(
    tiny_model_dirs,
):
    folder = next(iter(tiny_model_dirs.values()))
    assert not needs_narrowing(checkpoint_files(folder), torch.float32.itemsize)


def test_a_folder_without_safetensors_has_no_checkpoint_files(tmp_path):
    assert checkpoint_files(tmp_path) == []

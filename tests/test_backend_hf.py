"""The transformers backend's speed settings change how fast it runs, never what it writes."""

import pytest

from songngu.backends import GenerationSettings, load_backend
from songngu.backends import hardware as hardware_module
from songngu.backends.decoding import default_batch_size
from songngu.backends.hardware import has_native_bfloat16

SOURCES = [
    "Bộ trưởng Bộ Công an làm việc với tỉnh Quảng Ninh.",
    "Tăng trưởng đạt 10,3%.",
    "Hội nghị có hơn 1.000 doanh nghiệp tham dự, trong đó nhiều doanh nghiệp nước ngoài.",
    "Mưa lớn.",
    "Giá xăng giảm 320 đồng mỗi lít.",
]
PREFIXES = ["Minister", "", "The conference", "", "Ω"]


def _settings(**options) -> GenerationSettings:
    return GenerationSettings(max_length_ratio=0.5, max_length_margin=2, **options)


@pytest.mark.model
def test_batches_decoded_in_parallel_give_the_same_output_as_one_by_one(hub_cache):
    one_by_one = load_backend("transformers", _settings(max_batch_size=1, threads=1))
    parallel = load_backend("transformers", _settings(max_batch_size=1, threads=2))
    assert parallel._workers == 2
    assert one_by_one._workers == 1
    assert parallel.translate_with_prefix(SOURCES, PREFIXES) == one_by_one.translate_with_prefix(
        SOURCES, PREFIXES
    )


@pytest.mark.model
@pytest.mark.parametrize(("native", "expected"), [(True, "bfloat16"), (False, "float32")])
def test_auto_precision_is_bfloat16_only_where_the_cpu_computes_it(
    hub_cache, monkeypatch, native, expected
):
    monkeypatch.setattr("songngu.backends.hf.has_native_bfloat16", lambda: native)
    backend = load_backend("transformers", _settings(device="cpu"))
    assert backend.signature().endswith(f"precision:{expected}")
    assert backend.translate(SOURCES[:2])[0].text


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ("fpu avx2 avx512f avx512_bf16 avx512_vnni", True),
        ("fpu sse4_2 amx_bf16 amx_tile", True),
        ("fpu avx2 avx512f avx512_vnni", False),
        ("", False),
    ],
)
def test_native_bfloat16_is_read_from_the_cpu_flags(tmp_path, flags, expected):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(f"processor\t: 0\nflags\t\t: {flags}\n", encoding="utf-8")
    assert has_native_bfloat16(cpuinfo) is expected


def test_unreadable_cpu_flags_mean_no_bfloat16(tmp_path):
    assert has_native_bfloat16(tmp_path / "missing") is False


def test_available_cores_follow_the_affinity(monkeypatch):
    monkeypatch.setattr(hardware_module.os, "sched_getaffinity", lambda pid: {0, 3, 5})
    assert hardware_module.available_cores() == 3


@pytest.mark.parametrize(
    ("batch_size", "beams", "expected"), [(None, 4, 16), (None, 1, 32), (8, 4, 8), (64, 1, 64)]
)
def test_default_batch_size_depends_on_the_search(batch_size, beams, expected):
    settings = GenerationSettings(max_batch_size=batch_size)
    assert default_batch_size(settings, beams) == expected

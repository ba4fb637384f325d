"""Tiny random-weight translation models, and a fake Hugging Face hub cache that serves them.

No model weights can be downloaded where the tests run, so the tests build miniature models of the
real architectures at test time: a MarianMT model laid out like Helsinki-NLP/opus-mt-vi-en and an
M2M100 model with an NLLB tokenizer laid out like facebook/nllb-200-distilled-600M. Both are saved
with ``save_pretrained`` and then installed into a temporary hub cache under the real model ids,
so the product's real loading code finds them exactly as it would find a real download.

The conftest imports the fixtures from here: ``tiny_model_dirs``, ``tiny_hub_cache_dir`` and
``hub_cache``. Heavy libraries (torch, transformers, tokenizers, sentencepiece) are imported inside
the functions that need them, so that collecting tests which never touch a model stays fast.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from transformers import GenerationConfig, NllbTokenizer, PreTrainedConfig, PreTrainedModel

MARIAN_REPO_ID = "Helsinki-NLP/opus-mt-vi-en"
NLLB_REPO_ID = "facebook/nllb-200-distilled-600M"

# A made-up commit hash; the hub cache only requires 40 lowercase hexadecimal digits.
FAKE_COMMIT = "0123456789abcdef0123456789abcdef01234567"

# opus-mt-vi-en's real vocabulary size; its last id is <pad>, which is also the decoder start.
MARIAN_FULL_VOCAB_SIZE = 53_685
# NLLB-200's vocabulary size (config.json of facebook/nllb-200-distilled-600M).
NLLB_FULL_VOCAB_SIZE = 256_206

VIETNAMESE_LINES: tuple[str, ...] = (
    "Chiều 12/3, Bộ trưởng Bộ Công an chủ trì hội nghị tổng kết công tác năm 2024 tại Hà Nội.",
    "UBND tỉnh Quảng Ninh vừa phê duyệt dự án mở rộng cảng biển với tổng vốn 4.500 tỷ đồng.",
    "Theo Sở Y tế TP.HCM, số ca sốt xuất huyết tuần qua giảm 18% so với cùng kỳ.",
    "Bí thư Tỉnh ủy Quảng Ninh cho biết địa phương sẽ ưu tiên phát triển du lịch xanh.",
    "“Chúng tôi không để ai bị bỏ lại phía sau”, Chủ tịch UBND tỉnh nhấn mạnh.",
    "Thủ tướng Chính phủ yêu cầu các bộ, ngành khẩn trương tháo gỡ khó khăn cho doanh nghiệp.",
    "Mưa lớn kéo dài khiến nhiều tuyến đường ở Đà Nẵng bị ngập sâu từ 0,5 đến 1 mét.",
    "Tòa án nhân dân TP.HCM tuyên phạt bị cáo 12 năm tù về tội lừa đảo chiếm đoạt tài sản.",
    "Phó Chủ tịch Quốc hội tiếp đoàn đại biểu Nhật Bản sang thăm và làm việc.",
    "Giá xăng RON 95 giảm 320 đồng mỗi lít từ 15 giờ ngày 21/11.",
    "Ban Thường vụ Thành ủy Hải Phòng họp bàn kế hoạch chuyển đổi số giai đoạn 2025-2030.",
    "Công an tỉnh Lâm Đồng đã khởi tố vụ án, bắt tạm giam ba đối tượng liên quan.",
    "Lượng khách quốc tế đến Việt Nam trong quý I đạt gần 4,6 triệu lượt.",
    "Người dân xã Mường Tè phấn khởi khi cây cầu mới được khánh thành trước Tết.",
    "Bộ Giáo dục và Đào tạo công bố lịch thi tốt nghiệp trung học phổ thông năm nay.",
    "Ông Nguyễn Văn Hùng, Giám đốc Sở Tài nguyên và Môi trường, trả lời chất vấn.",
    "Hội đồng nhân dân tỉnh Nghệ An thông qua nghị quyết về chính sách hỗ trợ nông dân.",
    "Ngân hàng Nhà nước giữ nguyên lãi suất điều hành trong bối cảnh lạm phát được kiểm soát.",
    "Đoàn công tác của Bộ Quốc phòng thăm hỏi, tặng quà các gia đình chính sách ở Huế.",
    "Cơn bão số 3 đổ bộ vào các tỉnh ven biển phía Bắc, gây thiệt hại nặng nề về nhà cửa.",
    "Ủy ban Kiểm tra Trung ương đề nghị kỷ luật một số cán bộ vi phạm quy định.",
    "Đại học Quốc gia Hà Nội tuyển sinh thêm 5 ngành đào tạo mới.",
    "Đội tuyển Việt Nam thắng Thái Lan 2-1 trong trận chung kết đầy kịch tính.",
    "Trước đó, lực lượng chức năng phát hiện xe tải chở 7 tấn hàng lậu qua cửa khẩu Lạng Sơn.",
    'Tổng Bí thư nhấn mạnh việc chống tham nhũng, tiêu cực "không có vùng cấm".',
    "Cục Thuế TP.HCM cho biết đã thu ngân sách vượt 12% dự toán.",
    "Thời tiết Hà Nội hôm nay có mưa rào, nhiệt độ thấp nhất 19 độ C.",
    "Ủy viên Bộ Chính trị, Trưởng Ban Tổ chức Trung ương dự lễ trao huy hiệu Đảng.",
    "Đồng bằng sông Cửu Long đối mặt với xâm nhập mặn sớm hơn mọi năm.",
    "Thứ trưởng Bộ Ngoại giao khẳng định lập trường nhất quán về chủ quyền biển đảo.",
    "Các chuyên gia dự báo tăng trưởng GDP có thể đạt 6,5% nếu xuất khẩu phục hồi.",
    "Vụ cháy chung cư mini ở quận Thanh Xuân khiến hàng chục người phải nhập viện.",
    "Sáng nay, Ủy ban Mặt trận Tổ quốc tỉnh Bắc Ninh phát động ủng hộ đồng bào vùng lũ.",
    "Bộ Công Thương đề xuất điều chỉnh giá điện bán lẻ bình quân thêm 4,8%.",
    "Chủ tịch nước gửi thư khen ngợi các y bác sĩ tuyến đầu chống dịch.",
    "Đường cao tốc Bắc - Nam đoạn qua Quảng Ngãi dự kiến thông xe vào tháng 9.",
    "UBND huyện Cần Giờ đối thoại với người dân về bồi thường, giải phóng mặt bằng.",
    "Ông Trần Quốc Khánh nói: “Kết quả này là nỗ lực chung của cả hệ thống chính trị.”",
    "Giám đốc Công an tỉnh Quảng Ninh, Đại tá Phạm Văn Sỹ, chỉ đạo tăng cường tuần tra dịp lễ.",
    "Học sinh vùng cao Hà Giang được nghỉ học vì rét đậm dưới 10 độ.",
)

ENGLISH_LINES: tuple[str, ...] = (
    "The Minister of Public Security chaired a conference in Hanoi on Tuesday afternoon.",
    "The Quang Ninh Provincial People's Committee approved a port project worth 4.5 trillion dong.",
    "According to the Ho Chi Minh City Department of Health, dengue cases fell by 18% last week.",
    "The Secretary of the Provincial Party Committee said the province would favour green tourism.",
    '"No one will be left behind," the Chairman of the Provincial People\'s Committee stressed.',
    "The Prime Minister asked ministries and sectors to remove obstacles for businesses.",
    "Heavy rain flooded many streets in Da Nang under 0.5 to 1 metre of water.",
    "The People's Court of Ho Chi Minh City sentenced the defendant to 12 years for fraud.",
    "The Vice Chairman of the National Assembly received a delegation from Japan.",
    "The price of RON 95 petrol fell by 320 dong per litre from 3 pm on November 21.",
    "The Standing Committee of the Hai Phong City Party Committee discussed a digital plan.",
    "Lam Dong Provincial Police launched a criminal case and detained three suspects.",
    "Vietnam welcomed nearly 4.6 million international visitors in the first quarter.",
    "Residents of Muong Te commune were delighted when the new bridge opened before Tet.",
    "The Ministry of Education and Training announced the schedule of the graduation exam.",
    "Mr Nguyen Van Hung, Director of the Department of Natural Resources, answered questions.",
    "The Nghe An Provincial People's Council passed a resolution on support for farmers.",
    "The State Bank kept its policy interest rates unchanged as inflation stayed under control.",
    "A delegation from the Ministry of National Defence visited families in Hue.",
    "Typhoon No. 3 made landfall in the northern coastal provinces, damaging many houses.",
    "The Central Inspection Commission proposed disciplining several officials.",
    "Vietnam National University, Hanoi will enrol students in five new majors.",
    "Vietnam's national football team beat Thailand 2-1 in a dramatic final.",
    "Earlier, the authorities found a truck carrying 7 tonnes of smuggled goods at Lang Son.",
    'The General Secretary stressed that the fight against corruption has "no forbidden zones".',
    "The Ho Chi Minh City Tax Department said budget revenue exceeded the estimate by 12%.",
    "Hanoi will see showers today, with a low of 19 degrees Celsius.",
    "A member of the Politburo and Head of the Central Organisation Commission attended.",
    "The Mekong Delta is facing saltwater intrusion earlier than in previous years.",
    "The Deputy Minister of Foreign Affairs reaffirmed Vietnam's consistent position.",
    "Experts forecast that GDP growth could reach 6.5% if exports recover.",
    "A fire at a mini apartment building in Thanh Xuan district sent dozens to hospital.",
    "This morning, the Fatherland Front Committee of Bac Ninh Province called for flood relief.",
    "The Ministry of Industry and Trade proposed raising the retail electricity price by 4.8%.",
    "The State President sent a letter praising frontline doctors.",
    "The North-South expressway section through Quang Ngai is expected to open in September.",
    "The Can Gio District People's Committee held a dialogue with residents on compensation.",
    "Mr Tran Quoc Khanh said: “This result is the joint effort of the whole political system.”",
    "Colonel Pham Van Sy, Director of the Quang Ninh Provincial Police, ordered more patrols.",
    "Pupils in the highlands of Ha Giang stayed home as temperatures fell below 10 degrees.",
)

_VIETNAMESE_LOWER = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
# Every printable ASCII character, every Vietnamese letter in both cases and the typographic
# punctuation of Vietnamese news, so that unseen text is split into known characters, not <unk>.
REQUIRED_CHARACTERS = (
    "".join(chr(code) for code in range(0x21, 0x7F))
    + _VIETNAMESE_LOWER
    + _VIETNAMESE_LOWER.upper()
    # Curly quotes, en and em dashes, ellipsis, guillemets and middle dot, escaped because ruff
    # would otherwise read the quotes and dashes as typos for their ASCII look-alikes.
    + "\u201c\u201d\u2018\u2019\u2013\u2014\u2026\u00ab\u00bb\u00b7"
)

# config.json and generation_config.json settings of the real models, apart from their size.
_MARIAN_CONFIG: dict[str, Any] = {
    "architectures": ["MarianMTModel"],
    "activation_function": "swish",
    "scale_embedding": True,
    # transformers ignores this key (Marian positions are always static sinusoids); opus-mt has it.
    "static_position_embeddings": True,
    "share_encoder_decoder_embeddings": True,
    "tie_word_embeddings": True,
    "dropout": 0.1,
    "attention_dropout": 0.0,
    "activation_dropout": 0.0,
    "bos_token_id": 0,
    "eos_token_id": 0,
    "forced_eos_token_id": 0,
}
_MARIAN_GENERATION: dict[str, Any] = {
    "num_beams": 4,
    "max_length": 512,
    "renormalize_logits": True,
    "bos_token_id": 0,
    "eos_token_id": 0,
    "forced_eos_token_id": 0,
}
_NLLB_CONFIG: dict[str, Any] = {
    "architectures": ["M2M100ForConditionalGeneration"],
    "tokenizer_class": "NllbTokenizer",
    "activation_function": "relu",
    "scale_embedding": True,
    "dropout": 0.1,
    "attention_dropout": 0.1,
    "activation_dropout": 0.0,
    "encoder_layerdrop": 0.0,
    "decoder_layerdrop": 0.0,
    "bos_token_id": 0,
    "pad_token_id": 1,
    "eos_token_id": 2,
    "decoder_start_token_id": 2,
}
_NLLB_GENERATION: dict[str, Any] = {
    "max_length": 200,
    "bos_token_id": 0,
    "pad_token_id": 1,
    "eos_token_id": 2,
    "decoder_start_token_id": 2,
}

# Files that the hub stores with Git LFS: their cache blob is named by sha256, like the hub's ETag.
_LFS_SUFFIXES = frozenset({".bin", ".h5", ".model", ".msgpack", ".ot", ".pt", ".safetensors"})


@dataclass(frozen=True)
class SourceVocabulary:
    """How the Vietnamese SentencePiece model of a built Marian model is trained.

    The default (a 500-piece unigram model on 40 lines) keeps test models small; it splits unseen
    news text into about 2.6 pieces per syllable. The benchmark trains a BPE model on its own
    article instead, so that sentences come out about as long as real news sentences do.
    """

    lines: tuple[str, ...] = VIETNAMESE_LINES
    size: int = 500
    model_type: str = "unigram"


@dataclass(frozen=True)
class HubCache:
    """A temporary hub cache with both tiny models installed under their real ids."""

    path: Path
    marian_repo_id: str = MARIAN_REPO_ID
    nllb_repo_id: str = NLLB_REPO_ID
    mbart_repo_id: str = "vinai/vinai-translate-vi2en-v2"
    t5_repo_id: str = "VietAI/envit5-translation"

    def repo_folder(self, repo_id: str) -> Path:
        """Return the cache folder of one repository, as huggingface_hub names it."""
        return self.path / _repo_folder_name(repo_id)

    def remove(self, repo_id: str) -> None:
        """Delete one repository from the cache, as if it had never been downloaded."""
        shutil.rmtree(self.repo_folder(repo_id), ignore_errors=True)


def build_marian(
    directory: Path,
    *,
    d_model: int = 16,
    layers: int = 1,
    heads: int = 2,
    ffn: int = 32,
    vocab_size: int | None = None,
    seed: int = 0,
    max_position_embeddings: int = 512,
    source_vocabulary: SourceVocabulary = SourceVocabulary(),
) -> Path:
    """Build a random-weight MarianMT model laid out like opus-mt-vi-en and return its folder."""
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    directory.mkdir(parents=True, exist_ok=True)
    size = _save_marian_tokenizer(directory, vocab_size, source_vocabulary)
    # opus-mt's layout: <pad> is the last id and also starts every decoded sequence.
    pad = {"pad_token_id": size - 1, "decoder_start_token_id": size - 1}
    shape = _shape(d_model, layers, heads, ffn, max_position_embeddings)
    config = MarianConfig.from_dict(
        {**_MARIAN_CONFIG, **shape, **pad, "vocab_size": size, "decoder_vocab_size": size}
    )
    generation = GenerationConfig.from_dict(
        {**_MARIAN_GENERATION, **pad, "bad_words_ids": [[size - 1]]}
    )
    _save_model(MarianMTModel, config, generation, directory, seed)
    return directory


def build_marian_full_size(
    directory: Path, *, seed: int = 0, source_vocabulary: SourceVocabulary = SourceVocabulary()
) -> Path:
    """Build a random-weight model with opus-mt-vi-en's exact architecture, for benchmarks."""
    return build_marian(
        directory,
        d_model=512,
        layers=6,
        heads=8,
        ffn=2048,
        vocab_size=MARIAN_FULL_VOCAB_SIZE,
        seed=seed,
        max_position_embeddings=512,
        source_vocabulary=source_vocabulary,
    )


def build_nllb(
    directory: Path,
    *,
    d_model: int = 16,
    layers: int = 1,
    heads: int = 2,
    ffn: int = 32,
    seed: int = 0,
    max_position_embeddings: int = 1024,
    vocab_size: int | None = None,
) -> Path:
    """Build a random-weight M2M100 model with an NLLB tokenizer, like NLLB-200, and return it."""
    from transformers import GenerationConfig, M2M100Config, M2M100ForConditionalGeneration

    directory.mkdir(parents=True, exist_ok=True)
    tokenizer = _build_nllb_tokenizer(vocab_size)
    tokenizer.save_pretrained(directory)
    shape = _shape(d_model, layers, heads, ffn, max_position_embeddings)
    config = M2M100Config.from_dict({**_NLLB_CONFIG, **shape, "vocab_size": len(tokenizer)})
    generation = GenerationConfig.from_dict(_NLLB_GENERATION)
    _save_model(M2M100ForConditionalGeneration, config, generation, directory, seed)
    return directory


def build_nllb_full_size(directory: Path, *, seed: int = 0) -> Path:
    """Build a random-weight model with NLLB-200-distilled-600M's exact architecture."""
    return build_nllb(
        directory,
        d_model=1024,
        layers=12,
        heads=16,
        ffn=4096,
        seed=seed,
        max_position_embeddings=1024,
        vocab_size=NLLB_FULL_VOCAB_SIZE,
    )


def install_in_hub_cache(
    cache_dir: Path,
    repo_id: str,
    model_dir: Path,
    revision: str = FAKE_COMMIT,
    *,
    remote_only_files: Sequence[str] | None = None,
) -> Path:
    """Install a saved model as a downloaded hub repository and return its snapshot folder."""
    storage = cache_dir / _repo_folder_name(repo_id)
    snapshot = storage / "snapshots" / revision
    # Start the snapshot afresh so that installing again repairs whatever an earlier test broke.
    for leftover in (snapshot, storage / ".no_exist", storage / "trees"):
        shutil.rmtree(leftover, ignore_errors=True)
    for source in sorted(path for path in model_dir.rglob("*") if path.is_file()):
        blob = storage / "blobs" / _blob_name(source)
        if not blob.is_file() or blob.stat().st_size != source.stat().st_size:
            blob.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, blob)
        _link_pointer(blob, snapshot / source.relative_to(model_dir))
    # huggingface_hub reads refs with f.read() and no strip(), so a trailing newline would break it.
    (storage / "refs").mkdir(parents=True, exist_ok=True)
    (storage / "refs" / "main").write_text(revision, "ascii")
    if remote_only_files is not None:
        _write_tree_listing(storage, revision, model_dir, remote_only_files)
    return snapshot


@pytest.fixture(scope="session")
def tiny_model_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build the tiny models once per session, keyed by the real repository id."""
    # tiny_families imports this module's helpers, so it is imported here, not at the top.
    from tiny_families import MBART_REPO_ID, T5_REPO_ID, build_mbart, build_t5

    root = tmp_path_factory.mktemp("tiny-models")
    return {
        MARIAN_REPO_ID: build_marian(root / "marian"),
        NLLB_REPO_ID: build_nllb(root / "nllb"),
        MBART_REPO_ID: build_mbart(root / "mbart"),
        T5_REPO_ID: build_t5(root / "t5"),
    }


@pytest.fixture(scope="session")
def tiny_hub_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Make the session's hub cache folder, shared by every test that uses ``hub_cache``."""
    return tmp_path_factory.mktemp("hub-cache")


@pytest.fixture
def hub_cache(
    tiny_model_dirs: dict[str, Path],
    tiny_hub_cache_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> HubCache:
    """Install both tiny models into the session cache and point an offline hub at it."""
    for repo_id, model_dir in tiny_model_dirs.items():
        install_in_hub_cache(tiny_hub_cache_dir, repo_id, model_dir)
    isolate_hub(monkeypatch, tiny_hub_cache_dir, tmp_path / "hf-home")
    return HubCache(tiny_hub_cache_dir)


def isolate_hub(monkeypatch: pytest.MonkeyPatch, cache_dir: Path, home: Path) -> None:
    """Point huggingface_hub at cache_dir in offline mode, away from the user's real cache."""
    home.mkdir(parents=True, exist_ok=True)
    paths = {
        "HF_HOME": str(home),
        "HF_HUB_CACHE": str(cache_dir),
        "HF_ASSETS_CACHE": str(home / "assets"),
        "HF_TOKEN_PATH": str(home / "token"),
    }
    flags = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}
    # The environment reaches subprocesses (a CLI run by a test) and a hub imported later on.
    for name, value in (paths | flags).items():
        monkeypatch.setenv(name, value)
    _patch_hub_constants(monkeypatch, paths)


def _patch_hub_constants(monkeypatch: pytest.MonkeyPatch, paths: dict[str, str]) -> None:
    """Overwrite the copies of the environment that huggingface_hub took when it was imported."""
    # huggingface_hub.constants reads the environment once, at import time, so setenv alone is
    # invisible to a hub that is already imported (building the models imports it). The hub and
    # transformers 5 read these globals at call time (constants.HF_HUB_CACHE,
    # constants.is_offline_mode()); transformers keeps no copy of its own, so patching them is
    # enough whether or not the hub was imported before this test.
    import huggingface_hub.constants
    import huggingface_hub.utils._cache_manager

    for name, value in paths.items():
        monkeypatch.setattr(huggingface_hub.constants, name, value)
    stored_tokens = str(Path(paths["HF_HOME"]) / "stored_tokens")
    monkeypatch.setattr(huggingface_hub.constants, "HF_STORED_TOKENS_PATH", stored_tokens)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    # scan_cache_dir() defaults to a copy taken with "from ..constants import HF_HUB_CACHE".
    monkeypatch.setattr(huggingface_hub.utils._cache_manager, "HF_HUB_CACHE", paths["HF_HUB_CACHE"])


def _shape(
    d_model: int, layers: int, heads: int, ffn: int, max_position_embeddings: int
) -> dict[str, int]:
    """Spell out a symmetric encoder-decoder size in config.json's keys."""
    return {
        "d_model": d_model,
        "encoder_layers": layers,
        "decoder_layers": layers,
        "encoder_attention_heads": heads,
        "decoder_attention_heads": heads,
        "encoder_ffn_dim": ffn,
        "decoder_ffn_dim": ffn,
        "max_position_embeddings": max_position_embeddings,
    }


def _train_sentencepiece(
    lines: tuple[str, ...],
    vocab_size: int,
    model_type: str = "unigram",
    special_ids: dict[str, int] | None = None,
) -> bytes:
    """Train a small SentencePiece model in memory and return its serialized bytes.

    ``special_ids`` places ``pad``/``eos``/``unk`` (T5's layout: 0, 1, 2, and no ``<s>``).
    """
    import sentencepiece

    ids = {f"{name}_id": index for name, index in (special_ids or {}).items()}
    if special_ids is not None:
        ids.setdefault("bos_id", -1)
    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        model_type=model_type,
        vocab_size=vocab_size,
        # The corpus is tiny, so the requested size is a ceiling rather than a target.
        hard_vocab_limit=False,
        character_coverage=1.0,
        required_chars=REQUIRED_CHARACTERS,
        num_threads=1,
        minloglevel=2,
        **ids,
    )
    return model.getvalue()


def _marian_vocabulary(
    source_model: bytes, target_model: bytes, vocab_size: int | None
) -> dict[str, int]:
    """Merge both SentencePiece vocabularies the way opus-mt's vocab.json does."""
    pieces = ["</s>", "<unk>"]
    for piece in _sentencepiece_pieces(source_model) + _sentencepiece_pieces(target_model):
        if piece not in pieces:
            pieces.append(piece)
    size = vocab_size if vocab_size is not None else len(pieces) + 1
    if size <= len(pieces):
        raise ValueError(f"vocab_size must exceed the {len(pieces)} real pieces, got {size}")
    # Fillers stand in for the real model's tens of thousands of pieces; <pad> must stay last.
    pieces += [f"▁filler{index}" for index in range(size - len(pieces) - 1)]
    pieces.append("<pad>")
    return {piece: index for index, piece in enumerate(pieces)}


def _sentencepiece_pieces(model: bytes) -> list[str]:
    """List the ordinary pieces of a serialized SentencePiece model, without control symbols."""
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_proto=model)
    return [
        processor.id_to_piece(index)
        for index in range(processor.get_piece_size())
        if not (processor.is_control(index) or processor.is_unknown(index))
    ]


def _save_marian_tokenizer(
    directory: Path, vocab_size: int | None, source_vocabulary: SourceVocabulary
) -> int:
    """Write a MarianTokenizer's files as opus-mt ships them and return the vocabulary size."""
    from transformers import MarianTokenizer

    source_model = _train_sentencepiece(
        source_vocabulary.lines, source_vocabulary.size, source_vocabulary.model_type
    )
    target_model = _train_sentencepiece(ENGLISH_LINES, vocab_size=400)
    (directory / "source.spm").write_bytes(source_model)
    (directory / "target.spm").write_bytes(target_model)
    vocabulary = _marian_vocabulary(source_model, target_model, vocab_size)
    (directory / "vocab.json").write_text(json.dumps(vocabulary, ensure_ascii=False), "utf-8")
    with warnings.catch_warnings():
        # Building must not fail under filterwarnings=error just because sacremoses is missing.
        warnings.filterwarnings("ignore", "Recommended: pip install sacremoses", UserWarning)
        tokenizer = MarianTokenizer(
            source_spm=str(directory / "source.spm"),
            target_spm=str(directory / "target.spm"),
            vocab=str(directory / "vocab.json"),
            source_lang="vi",
            target_lang="en",
        )
    tokenizer.save_pretrained(directory)
    # transformers 5 no longer writes this file, but the opus-mt repositories on the hub ship it.
    special_tokens = {"eos_token": "</s>", "unk_token": "<unk>", "pad_token": "<pad>"}
    (directory / "special_tokens_map.json").write_text(json.dumps(special_tokens), "utf-8")
    return len(vocabulary)


def _build_nllb_tokenizer(vocab_size: int | None = None) -> NllbTokenizer:
    """Train a tiny BPE on both languages and wrap it in an NllbTokenizer."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers
    from transformers import NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    # The same pre-tokenizer as NllbTokenizer's, so that the merges match how text is split.
    bpe.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    trainer = trainers.BpeTrainer(
        vocab_size=600,
        special_tokens=specials,
        initial_alphabet=[*REQUIRED_CHARACTERS, "▁"],
        limit_alphabet=len(REQUIRED_CHARACTERS) + 1,
        show_progress=False,
    )
    bpe.train_from_iterator(VIETNAMESE_LINES + ENGLISH_LINES, trainer)
    trained = json.loads(bpe.to_str())["model"]
    vocabulary: dict[str, int] = trained["vocab"]
    # Like NLLB-200: language codes follow the pieces and <mask> comes last. A full-size
    # vocabulary is padded with pieces that no merge produces (the model may still write them).
    trailing = [*FAIRSEQ_LANGUAGE_CODES, "<mask>"]
    for index in range(max(0, (vocab_size or 0) - len(vocabulary) - len(trailing))):
        vocabulary[f"⟪{index}⟫"] = len(vocabulary)
    for code in trailing:
        vocabulary[code] = len(vocabulary)
    # transformers annotates merges as strings, but the tokenizers library wants (left, right).
    merges: list[Any] = [tuple(merge) for merge in trained["merges"]]
    return NllbTokenizer(
        vocab=vocabulary,
        merges=merges,
        src_lang="vie_Latn",
        tgt_lang="eng_Latn",
    )


def _save_model(
    model_class: type[PreTrainedModel],
    config: PreTrainedConfig,
    generation: GenerationConfig,
    directory: Path,
    seed: int,
) -> None:
    """Initialize a model from a fixed seed and save it with its generation config."""
    import torch

    # fork_rng keeps the seeding from leaking into the random state of the test that builds.
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = model_class(config)
    model.generation_config = generation
    model.save_pretrained(directory)


def _write_tree_listing(
    storage: Path, revision: str, model_dir: Path, remote_only_files: Sequence[str]
) -> None:
    """Write the trees/<commit>.json listing that an online snapshot_download leaves behind."""
    # With a listing, an offline snapshot_download() without allow_patterns checks that every
    # listed file is on disk and raises IncompleteSnapshotError for the remote-only ones, as it
    # does for a real cache that from_pretrained filled with only the files it needed.
    # huggingface_hub memoizes listings per path for the whole process: install with a listing
    # into a cache folder of its own, never into the shared session cache.
    files = {
        path.relative_to(model_dir).as_posix(): {
            "size": path.stat().st_size,
            "blob_id": _git_blob_id(path),
        }
        for path in model_dir.rglob("*")
        if path.is_file()
    }
    files |= {name: {"size": 1, "blob_id": "0" * 40} for name in remote_only_files}
    listing = {"format_version": 1, "files": dict(sorted(files.items()))}
    (storage / "trees").mkdir(parents=True, exist_ok=True)
    (storage / "trees" / f"{revision}.json").write_text(json.dumps(listing, indent=1), "utf-8")


def _repo_folder_name(repo_id: str) -> str:
    """Name a model repository's cache folder the way huggingface_hub does."""
    return "--".join(["models", *repo_id.split("/")])


def _blob_name(path: Path) -> str:
    """Name a blob by the ETag the hub would send: sha256 for LFS files, else the git blob id."""
    if path.suffix in _LFS_SUFFIXES:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    return _git_blob_id(path)


def _git_blob_id(path: Path) -> str:
    """Compute the id git gives a file's content: sha1 over a "blob <size>" header and the bytes."""
    content = path.read_bytes()
    return hashlib.sha1(f"blob {len(content)}\0".encode() + content).hexdigest()


def _link_pointer(blob: Path, pointer: Path) -> None:
    """Point a snapshot file at its blob with a relative symlink, or copy where links fail."""
    pointer.parent.mkdir(parents=True, exist_ok=True)
    try:
        pointer.symlink_to(os.path.relpath(blob, pointer.parent))
    except OSError:
        # Windows without developer mode cannot symlink; the hub then copies the blob too.
        shutil.copyfile(blob, pointer)


# A runaway model: the end-of-sentence logit is pushed down so far that decoding never stops on
# its own, the way a real model caught in a repetition loop runs to its length cap; and a
# position table of 64, so that the model's limits bite within milliseconds.
RUNAWAY_POSITIONS = 64
_NEVER = -1e4


def build_runaway_marian(directory: Path) -> Path:
    """Build a tiny Marian model whose outputs never end, with 64 positions."""
    import torch
    from transformers import MarianMTModel

    build_marian(directory, max_position_embeddings=RUNAWAY_POSITIONS)
    model = MarianMTModel.from_pretrained(directory)
    with torch.no_grad():
        # Marian adds final_logits_bias to every output's logits; CTranslate2 converts it too.
        model.final_logits_bias[0, model.config.eos_token_id] = _NEVER
    model.save_pretrained(directory)
    return directory


def build_runaway_nllb(directory: Path) -> Path:
    """Build a tiny M2M100 (NLLB) model whose outputs never end, with 64 positions.

    M2M100 has no output bias and ties its output projection to the embeddings, so one hidden
    dimension is made constant instead: the decoder's final layer norm writes 1 into dimension
    0 whatever its input (weight 0, bias 1), and the embedding of </s>, which is also its output
    weight, is -1e4 there and 0 elsewhere. (As an input, </s> then swamps the layer norms, which
    only makes a random model more random.)
    """
    import torch
    from transformers import M2M100ForConditionalGeneration

    build_nllb(directory, max_position_embeddings=RUNAWAY_POSITIONS)
    model = M2M100ForConditionalGeneration.from_pretrained(directory)
    eos = model.config.eos_token_id
    with torch.no_grad():
        norm = model.model.decoder.layer_norm
        norm.weight[0], norm.bias[0] = 0.0, 1.0
        embeddings = model.get_input_embeddings().weight
        embeddings[eos] = 0.0
        embeddings[eos, 0] = _NEVER
    model.save_pretrained(directory)
    return directory


@pytest.fixture(scope="session")
def runaway_model_dirs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Build both runaway models once per session, keyed by the real repository id."""
    root = tmp_path_factory.mktemp("runaway-models")
    return {
        MARIAN_REPO_ID: build_runaway_marian(root / "marian"),
        NLLB_REPO_ID: build_runaway_nllb(root / "nllb"),
    }


@pytest.fixture
def runaway_hub_cache(
    runaway_model_dirs: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> HubCache:
    """Serve the runaway models under the real ids from an offline hub cache of their own."""
    cache_dir = tmp_path_factory.getbasetemp() / "runaway-hub-cache"
    for repo_id, model_dir in runaway_model_dirs.items():
        install_in_hub_cache(cache_dir, repo_id, model_dir)
    isolate_hub(monkeypatch, cache_dir, tmp_path / "hf-home")
    return HubCache(cache_dir)

"""Sentences over the model's token budget: cut at clause boundaries, never truncated."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from songngu.segmenter import join_pieces, split_to_budget

LONG = (
    "Tỉnh đã hoàn thành việc giải phóng mặt bằng cho dự án cao tốc, nhưng tiến độ thi công "
    "vẫn chậm do thiếu vật liệu; nhà thầu cam kết tăng ca để bù lại thời gian đã mất trong "
    "mùa mưa vừa qua."
)


def count_words(text: str) -> int:
    return len(text.split())


def test_a_sentence_within_the_budget_is_one_piece() -> None:
    assert split_to_budget(LONG, 100, count_words) == [LONG]


def test_the_semicolon_is_preferred() -> None:
    pieces = split_to_budget(LONG, 30, count_words)
    assert pieces[0].endswith("vật liệu; ")
    assert "".join(pieces) == LONG


def test_a_comma_before_a_conjunction_is_preferred_to_plain_whitespace() -> None:
    pieces = split_to_budget(LONG, 20, count_words)
    assert pieces[0].endswith("cao tốc, ")
    assert pieces[1].startswith("nhưng")


def test_a_spaced_dash_is_a_clause_boundary() -> None:
    text = "Giá xăng tăng mạnh trong tuần qua – mức tăng cao nhất từ đầu năm đến nay"
    pieces = split_to_budget(text, 10, count_words)
    assert pieces == [
        "Giá xăng tăng mạnh trong tuần qua ",
        "– mức tăng cao nhất từ đầu năm đến nay",
    ]


@pytest.mark.parametrize("budget", [3, 5, 7, 12, 20])
def test_pieces_fit_the_budget_and_are_as_few_as_possible(budget: int) -> None:
    pieces = split_to_budget(LONG, budget, count_words)
    assert "".join(pieces) == LONG
    assert all(count_words(piece) <= budget for piece in pieces)
    assert len(pieces) == math.ceil(count_words(LONG) / budget)


def test_pieces_are_balanced() -> None:
    sizes = [count_words(piece) for piece in split_to_budget(LONG, 12, count_words)]
    assert max(sizes) - min(sizes) <= 3


def test_words_are_never_cut_when_each_fits() -> None:
    pieces = split_to_budget(LONG, 1, count_words)
    assert [piece.strip() for piece in pieces] == LONG.split()


def test_a_single_token_longer_than_the_budget_is_cut_inside() -> None:
    url = "https://example.vn/" + "a" * 80

    def count_characters(text: str) -> int:
        return math.ceil(len(text) / 10)

    pieces = split_to_budget(f"Xem {url} nhé", 3, count_characters)
    assert "".join(pieces) == f"Xem {url} nhé"
    assert all(count_characters(piece) <= 3 for piece in pieces)


def test_a_non_positive_budget_is_refused() -> None:
    with pytest.raises(ValueError, match="positive"):
        split_to_budget(LONG, 0, count_words)


def test_join_pieces_puts_a_space_only_where_the_source_was_cut_at_whitespace() -> None:
    assert join_pieces(["Một, ", "hai"], [" One, ", "two "]) == "One, two"
    assert join_pieces(["abc", "def"], ["x", "y"]) == "xy"


@given(
    st.lists(
        st.sampled_from(["Giá", "tăng,", "và", "giảm;", "–", "rất", "mạnh.", " ", "  "]),
        max_size=80,
    ).map(" ".join),
    st.integers(min_value=1, max_value=15),
)
@settings(max_examples=200)
def test_pieces_always_rebuild_the_sentence_and_fit(text: str, budget: int) -> None:
    pieces = split_to_budget(text, budget, count_words)
    assert "".join(pieces) == text
    assert all(count_words(piece) <= budget for piece in pieces)
    assert all(piece.strip() for piece in pieces) or len(pieces) == 1


@pytest.mark.model
def test_pieces_fit_the_budget_in_the_models_own_tokens(hub_cache) -> None:
    from songngu.backends import GenerationSettings, load_backend

    backend = load_backend("transformers", GenerationSettings(model=hub_cache.marian_repo_id))

    def count_tokens(text: str) -> int:
        return backend.count_tokens([text])[0]

    budget = count_tokens(LONG) // 3
    pieces = split_to_budget(LONG, budget, count_tokens)
    assert "".join(pieces) == LONG
    assert len(pieces) >= 3
    assert all(count_tokens(piece.strip()) <= budget for piece in pieces)
    assert all(piece[-1:].isspace() for piece in pieces[:-1])

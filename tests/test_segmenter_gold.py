"""The gold sets, scored as the held-out check scores: boundary F1, exact paragraphs, lossless.

``gold-dev.txt`` was tuned on; ``gold-test.txt`` was written before tuning and never tuned on;
``gold-hard.txt`` was written to break the rules; ``gold-independent.txt`` by a team member
who never saw the segmenter. Figures: ``python tests/segmentation_scorer.py
tests/data/segmentation/gold-*.txt``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from segmentation_scorer import load_gold, parse_item, predict, score_items

GOLD = Path(__file__).parent / "data" / "segmentation"
THRESHOLDS = {
    "gold-dev.txt": 0.99,
    "gold-test.txt": 0.98,
    "gold-hard.txt": 0.96,
    "gold-independent.txt": 0.98,
}


@pytest.mark.parametrize("name", sorted(THRESHOLDS))
def test_gold_set_scores_above_its_threshold(name: str) -> None:
    items = load_gold(GOLD / name)
    score = score_items(items)
    assert len(items) >= 40
    assert score.lossless_items == score.items
    assert score.f1 >= THRESHOLDS[name], "\n".join([score.summary(), *score.errors])
    assert score.exact_rate >= 0.95, "\n".join([score.summary(), *score.errors])


def test_the_gold_sets_hold_at_least_120_items_of_news() -> None:
    assert sum(len(load_gold(GOLD / name)) for name in THRESHOLDS) >= 120


def test_gold_marks_and_line_breaks_are_boundaries() -> None:
    item = parse_item("x", "Một.‖ Hai.\nBa.\n\nBốn.‖ Năm.")
    assert item.text == "Một. Hai.\nBa.\n\nBốn. Năm."
    assert sorted(item.boundaries) == [4, 9, 13, 19, 24]
    assert item.paragraphs == ((0, 13), (15, 24))


def test_the_scorer_sees_missing_and_extra_boundaries() -> None:
    missed = score_items([parse_item("x", "Ông về TP. Huế.‖ Trời mưa.")])
    assert (missed.true_positives, missed.false_positives, missed.false_negatives) == (1, 0, 0)
    wrong = score_items([parse_item("y", "Ông về TP.‖ Huế. Trời mưa.")])
    assert (wrong.true_positives, wrong.false_positives, wrong.false_negatives) == (0, 1, 1)
    assert wrong.exact_paragraphs == 0


def test_predictions_come_from_the_segment_text_output() -> None:
    ends, lossless = predict("Câu một. Câu hai.\n\nĐoạn hai.")
    assert sorted(ends) == [8, 17, 28]
    assert lossless

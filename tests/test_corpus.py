"""The labelled dev corpus: no crash, the span invariant, and the score bars."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

import articlekit
from tests.conftest import DEV, read_exact
from tests.invariants import check_article

# The bars the issues set; a change that falls below one cannot land.
F1_BARS = {"paragraph": 0.85, "quote": 0.85, "read_more": 0.85, "dateline": 0.85, "headline": 0.85}


def test_every_text_parses_losslessly(dev_texts: list[Path]) -> None:
    assert dev_texts, "the dev corpus is empty"
    for path in dev_texts:
        text = read_exact(path)
        check_article(text, articlekit.parse(text))


@pytest.fixture(scope="module")
def score(scorer: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("score") / "score.json"
    scorer.score(DEV, out)
    return json.loads(out.read_text())


def test_no_crashes(score: dict) -> None:
    assert score["failures"] == []


@pytest.mark.parametrize(("kind", "bar"), sorted(F1_BARS.items()))
def test_f1_bar(score: dict, kind: str, bar: float) -> None:
    assert score["per_type"][kind]["f1"] >= bar, score["per_type"][kind]

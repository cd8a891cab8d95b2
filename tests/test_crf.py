"""The conditional random field the labeller's training learns beside the perceptron
(``_crf``), and the L-BFGS search that fits it (``_lbfgs``)."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import numpy as np
import pytest

from articlekit import _crf, _lbfgs
from articlekit._cli import main
from articlekit._sequence import train
from articlekit.errors import MissingExtraError
from tests.conftest import DEV


def _problem(seed: int, articles: int = 6, features: int = 9, labels: int = 3) -> list[_crf.Article]:
    """Small articles of random lengths, features and labels."""
    rng = np.random.default_rng(seed)
    out: list[_crf.Article] = []
    for _ in range(articles):
        length = int(rng.integers(1, 5))
        ids = [np.unique(rng.integers(0, features, 3)).astype(np.intp) for _ in range(length)]
        out.append((ids, [int(g) for g in rng.integers(0, labels, length)]))
    return out


def _log_likelihood_by_enumeration(
    articles: list[_crf.Article], weights: np.ndarray, transitions: np.ndarray, starts: np.ndarray
) -> float:
    """The gold labels' log-likelihood, every labelling of every article summed."""
    total = 0.0
    m = len(starts)
    for ids, gold in articles:
        scores = np.stack([weights[row].sum(axis=0) for row in ids])

        def score(path: tuple[int, ...], scores: np.ndarray = scores) -> float:
            value = starts[path[0]] + sum(scores[i, k] for i, k in enumerate(path))
            return float(value + sum(transitions[a, b] for a, b in itertools.pairwise(path)))

        every = [score(path) for path in itertools.product(range(m), repeat=len(gold))]
        total += score(tuple(gold)) - float(np.logaddexp.reduce(every))
    return total


def test_the_scaled_sums_are_the_sums_over_every_labelling() -> None:
    articles = _problem(1)
    rng = np.random.default_rng(2)
    weights, transitions, starts = rng.normal(0, 1, (9, 3)), rng.normal(0, 1, (3, 3)), rng.normal(0, 1, 3)
    corpus = _crf._Corpus(articles, 9, 3)
    log_z, marginals, pairs = _crf._expectations(corpus, np.asarray(corpus.lines @ weights), transitions, starts)
    gold = corpus.gold
    held = (
        np.asarray(corpus.lines @ weights)[np.arange(corpus.size), gold].sum()
        + starts[gold[corpus.firsts]].sum()
        + transitions[gold[corpus.following - 1], gold[corpus.following]].sum()
    )
    assert held - log_z == pytest.approx(_log_likelihood_by_enumeration(articles, weights, transitions, starts))
    # each line's label probabilities sum to one, and each pair of lines' to one
    assert marginals.sum(axis=1) == pytest.approx(np.ones(corpus.size))
    assert pairs.sum() == pytest.approx(len(corpus.following))


def test_fit_finds_the_penalised_likelihoods_least() -> None:
    articles = _problem(3, articles=12)
    weights, transitions, starts = _crf.fit(articles, 9, 3, iterations=200, penalty=0.5)

    def loss(w: np.ndarray, t: np.ndarray, s: np.ndarray) -> float:
        penalty = 0.25 * float((w * w).sum() + (t * t).sum() + (s * s).sum())
        return -_log_likelihood_by_enumeration(articles, w, t, s) + penalty

    best = loss(weights, transitions, starts)
    rng = np.random.default_rng(4)
    for _ in range(5):
        nudged = [part + rng.normal(0, 1e-2, part.shape) for part in (weights, transitions, starts)]
        assert loss(*nudged) > best
    assert best < loss(np.zeros((9, 3)), np.zeros((3, 3)), np.zeros(3))


def test_minimise_reaches_the_least_of_a_curved_valley() -> None:
    def rosenbrock(x: np.ndarray) -> tuple[float, np.ndarray]:
        value = (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
        gradient = np.array([-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] ** 2), 200 * (x[1] - x[0] ** 2)])
        return float(value), gradient

    point, value, steps = _lbfgs.minimise(rosenbrock, np.array([-1.2, 1.0]), 500)
    assert point == pytest.approx([1.0, 1.0], abs=1e-3)
    assert value < 1e-6
    assert steps < 500
    # the same search takes the same steps
    assert _lbfgs.minimise(rosenbrock, np.array([-1.2, 1.0]), 500)[0].tolist() == point.tolist()


def test_minimise_stops_after_the_steps_it_is_given() -> None:
    calls = []

    def bowl(x: np.ndarray) -> tuple[float, np.ndarray]:
        calls.append(1)
        return float(x @ x), 2 * x

    _, _, steps = _lbfgs.minimise(bowl, np.full(3, 5.0), 1)
    assert steps == 1
    assert len(calls) >= 2  # the start, and at least one point of the line searched


def test_training_a_model_from_nothing_needs_scipy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "scipy.sparse", None)
    articles = [([["bias", "a"], ["bias", "b"]], ["headline", "paragraph"])]
    with pytest.raises(MissingExtraError, match=r"articlekit\[train\]"):
        train(articles, epochs=1, rounds=1)
    with pytest.raises(MissingExtraError, match=r"articlekit\[train\]"):
        _crf.require()


def test_a_model_from_nothing_is_the_field_and_the_perceptron_summed() -> None:
    articles = [([["bias", "big"], ["bias", "long"], ["bias", "long"]], ["headline", "paragraph", "paragraph"])] * 3
    model = train(articles, epochs=2, rounds=1)
    assert model.temperature == 2.0
    assert model.info["field"] == {"iterations": 100, "penalty": 1.0, "share": 0.5}
    assert model.decode([["bias", "big"], ["bias", "long"]])[0] == ["headline", "paragraph"]


def test_the_train_command_says_what_to_install_and_tuning_needs_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    if not DEV.is_dir():
        pytest.skip(f"the dev corpus is not at {DEV} (../shared is absent)")
    monkeypatch.setitem(sys.modules, "scipy.sparse", None)
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("uk-01.txt", "uk-01.labels.tsv"):
        (pages / name).write_bytes((DEV / name).read_bytes())
    assert main(["train", str(pages), "-o", str(tmp_path / "m.akm")]) == 1
    assert "pip install 'articlekit[train]'" in capsys.readouterr().err
    assert not (tmp_path / "m.akm").exists()
    assert main(["train", str(pages), "--from", "default", "-o", str(tmp_path / "m.akm")]) == 0
    assert (tmp_path / "m.akm").exists()

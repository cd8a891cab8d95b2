"""A linear-chain conditional random field over the lines of articles: weights for the
same features, labels and pairs of labels as the perceptron's, learned by minimising
the labels' negative log-likelihood with an L2 penalty (L-BFGS, :mod:`._lbfgs`).

Where the perceptron learns from its mistakes alone, the field weighs every label of
every line by how likely the weights make it, which spreads weight over more of the
features that tell the labels apart: the two models disagree on different lines, and
their sum reads sites neither was trained on better than either (measured by
cross-validation across websites; see :func:`._sequence.train`).

The sums over an article are the forward and backward algorithms, scaled line by line
rather than taken in logarithms; every article is worked at once, line by line, the
longest first so that the articles still running at a line are the first ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from ._lbfgs import Vector, minimise
from .errors import MissingExtraError

__all__ = ["fit"]

Matrix = npt.NDArray[np.float64]
Article = tuple[Sequence[npt.NDArray[np.intp]], Sequence[int]]


class _Corpus:
    """The articles' lines as arrays, the longest article first: which features each
    line holds (a sparse matrix of lines by features), and its gold label."""

    def __init__(self, articles: Sequence[Article], features: int, labels: int) -> None:
        scipy_sparse = _sparse()
        ordered = sorted(articles, key=lambda article: -len(article[1]))
        lengths = np.asarray([len(gold) for _, gold in ordered], dtype=np.intp)
        self.firsts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.intp)
        self.lasts = self.firsts + lengths - 1
        rows = [row for ids, _ in ordered for row in ids]
        self.size = len(rows)
        self.gold = np.asarray([g for _, gold in ordered for g in gold], dtype=np.intp)
        bounds = np.concatenate([[0], np.cumsum([len(row) for row in rows])]).astype(np.intp)
        ids = np.concatenate(rows).astype(np.intp) if rows else np.zeros(0, dtype=np.intp)
        self.lines = scipy_sparse.csr_matrix((np.ones(len(ids)), ids, bounds), shape=(self.size, features))
        self.by_feature = self.lines.T.tocsr()
        # the lines at each position of the articles still running there: those of a
        # prefix of the articles, as the longest come first
        self.running = [self.firsts[: int((lengths > t).sum())] + t for t in range(int(lengths.max(initial=0)))]
        follows = np.ones(self.size, dtype=bool)
        follows[self.firsts] = False
        self.following = np.flatnonzero(follows)
        self.gold_pairs = np.zeros((labels, labels))
        np.add.at(self.gold_pairs, (self.gold[self.following - 1], self.gold[self.following]), 1)


def require() -> None:
    """Raise :class:`MissingExtraError` unless training can run (it needs scipy)."""
    _sparse()


def _sparse() -> Any:
    """scipy's sparse matrices, which sum the features' weights over the lines and the
    lines' errors over the features (ten times as fast as numpy's gathering)."""
    try:
        import scipy.sparse
    except ImportError as exc:
        raise MissingExtraError(
            "training a model needs scipy, which is not installed; install it with: pip install 'articlekit[train]'"
        ) from exc
    return scipy.sparse


def fit(
    articles: Sequence[Article], features: int, labels: int, *, iterations: int, penalty: float
) -> tuple[Matrix, Matrix, Vector]:
    """The weights (features by labels), transitions (from row to column) and start
    scores that minimise the negative log-likelihood of *articles* (each the feature
    indices of its lines and their label indices) plus *penalty* / 2 times the sum of
    the squares of all three, searched for at most *iterations* steps from zero."""
    corpus = _Corpus(articles, features, labels)
    m = labels
    size = features * m

    def objective(theta: Vector) -> tuple[float, Vector]:
        weights = theta[:size].reshape(features, m)
        transitions = theta[size : size + m * m].reshape(m, m)
        starts = theta[size + m * m :]
        line_scores = np.asarray(corpus.lines @ weights)
        log_z, marginals, pairs = _expectations(corpus, line_scores, transitions, starts)
        gold = corpus.gold
        held = (
            line_scores[np.arange(corpus.size), gold].sum()
            + starts[gold[corpus.firsts]].sum()
            + transitions[gold[corpus.following - 1], gold[corpus.following]].sum()
        )
        value = log_z - held + 0.5 * penalty * float(theta @ theta)
        marginals[np.arange(corpus.size), gold] -= 1
        gradient = np.concatenate(
            [
                np.asarray(corpus.by_feature @ marginals).ravel(),
                (pairs - corpus.gold_pairs).ravel(),
                marginals[corpus.firsts].sum(axis=0),
            ]
        )
        gradient += penalty * theta
        return float(value), gradient

    theta, _, _ = minimise(objective, np.zeros(size + m * m + m), iterations)
    return theta[:size].reshape(features, m), theta[size : size + m * m].reshape(m, m), theta[size + m * m :]


def _expectations(
    corpus: _Corpus, line_scores: Matrix, transitions: Matrix, starts: Vector
) -> tuple[float, Matrix, Matrix]:
    """The log of the sum over every labelling of every article of its probability's
    numerator (summed over the articles), each line's label probabilities, and the
    expected count of each pair of neighbouring labels."""
    shift = line_scores.max(axis=1)
    potentials = np.exp(line_scores - shift[:, None])
    passing = np.exp(transitions)
    top = starts.max()
    forward = np.empty_like(potentials)
    norms = np.empty(corpus.size)
    for t, lines in enumerate(corpus.running):
        if t == 0:
            alpha = np.exp(starts - top)[None, :] * potentials[lines]
        else:
            alpha = (forward[lines - 1] @ passing) * potentials[lines]
        norms[lines] = alpha.sum(axis=1)
        forward[lines] = alpha / norms[lines][:, None]
    log_z = float(np.log(norms).sum() + shift.sum() + len(corpus.firsts) * top)
    backward = np.empty_like(potentials)
    backward[corpus.lasts] = 1.0
    pairs = np.zeros_like(passing)
    for lines in reversed(corpus.running[1:]):
        ahead = potentials[lines] * backward[lines] / norms[lines][:, None]
        pairs += forward[lines - 1].T @ ahead
        backward[lines - 1] = ahead @ passing.T
    return log_z, forward * backward, pairs * passing

"""A linear-chain sequence model over the lines of an article: one weight per feature
and label, one per pair of neighbouring labels, decoded with Viterbi over the whole
article; trained as an averaged structured perceptron.

Training is deterministic: the weights are integers while it runs (every update adds or
takes away a whole number), the articles are visited in an order drawn from a fixed seed, and the
vocabulary is sorted; so the same corpus gives the same file, byte for byte.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import struct
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from .errors import ModelError

__all__ = ["FORMAT_VERSION", "SequenceModel", "train"]

# the lines whose features are held at once while their scores are summed: a line's
# features and their rows of weights take several kilobytes, so 512 lines' held the
# parse of a 30 KB article at 100 times its size, 32 lines' at 32 and 8 lines' hold it
# at 25 (measured with tracemalloc); a call to sum 8 lines costs far less than reading
# their features (the parse costs the same, measured side by side)
_CHUNK = 8

#: The version of the file format written; a file of a version not in
#: ``_READABLE_FORMATS`` is refused.
FORMAT_VERSION = 2
# 1 held every weight as a 32-bit float; 2 holds the features' weights as 16-bit floats
# where they fit (the header says which), which halves the shipped file (4.0 -> 2.0 MB)
# and labels every corpus line as before (all 8,028 compared)
_READABLE_FORMATS = (1, 2)
_MAGIC = b"ARTICLEKIT-MODEL\n"
# the largest weight a 16-bit float holds
_HALF_MAX = float(np.finfo(np.float16).max)

FloatArray = npt.NDArray[np.float32]
# scores of any number type (training sums whole numbers, a tuned model's sums add floats)
Scores = npt.NDArray[np.floating[Any]] | npt.NDArray[np.integer[Any]]


class SequenceModel:
    """Weights over features and labels, and over pairs of labels, with Viterbi decoding."""

    __slots__ = (
        "_index",
        "_label_index",
        "_padded",
        "_types",
        "features",
        "info",
        "labels",
        "start",
        "transitions",
        "weights",
    )

    def __init__(
        self,
        labels: Sequence[str],
        features: Sequence[str],
        weights: FloatArray,
        transitions: FloatArray,
        start: FloatArray,
        info: dict[str, object] | None = None,
    ) -> None:
        self.labels = tuple(labels)
        self.features = tuple(features)
        self.weights = weights  # (features, labels)
        self.transitions = transitions  # (labels, labels): from row to column
        self.start = start  # (labels,)
        self.info = dict(info or {})
        self._index = {name: i for i, name in enumerate(self.features)}
        # the weights with a row of zeros after them, where an unknown feature looks up
        self._padded = np.concatenate([weights, np.zeros((1, weights.shape[1]), dtype=weights.dtype)])
        self._label_index = {label: k for k, label in enumerate(self.labels)}
        self._types = [frozenset(label.split("+")) for label in self.labels]

    def emissions(self, lines: Iterable[Sequence[str]]) -> FloatArray:
        """The score of every label for every line, from its features alone (the lines'
        features may come one at a time: they are read in chunks, and let go)."""
        chunks = []
        iterator = iter(lines)
        while chunk := list(itertools.islice(iterator, _CHUNK)):
            chunks.append(self._chunk_emissions(chunk))
        if not chunks:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return chunks[0] if len(chunks) == 1 else np.concatenate(chunks)

    def _chunk_emissions(self, lines: Sequence[Sequence[str]]) -> FloatArray:
        get = self._index.get
        unknown = len(self.features)
        ids: list[int] = []
        bounds: list[int] = []
        for feats in lines:
            bounds.append(len(ids))
            # an unknown feature looks up the row of zeros, which adds nothing to the sum
            ids.extend(map(get, feats, itertools.repeat(unknown, len(feats))))
        out = np.zeros((len(lines), len(self.labels)), dtype=np.float32)
        if not ids:
            return out
        gathered = self._padded[np.asarray(ids, dtype=np.intp)]
        # each line's rows summed; a line with no known feature keeps zeros
        counts = np.diff(np.asarray([*bounds, len(ids)]))
        nonempty = counts > 0
        sums = np.add.reduceat(gathered, np.asarray(bounds, dtype=np.intp)[nonempty], axis=0)
        out[nonempty] = sums
        return out

    def decode(
        self,
        lines: Sequence[Sequence[str]],
        required: Sequence[str | None] | None = None,
        banned: Sequence[str | None] | None = None,
        excluded: Sequence[str | None] | None = None,
    ) -> tuple[list[str], list[float]]:
        """The best labels for *lines* (the features of each line), and the model's
        confidence in each: how much of the probability, over the labels this line could
        take with its neighbours' labels fixed, lies on the chosen one. Where
        *required* names a type for a line, its label holds that type (a constraint that
        is certain, such as the scrape's date field); where *banned* names a label, the
        line does not get that label; where *excluded* names a type, no label holding
        it."""
        return self.decode_scores(self.emissions(lines), required, banned, excluded)

    def decode_scores(
        self,
        scores: FloatArray,
        required: Sequence[str | None] | None = None,
        banned: Sequence[str | None] | None = None,
        excluded: Sequence[str | None] | None = None,
    ) -> tuple[list[str], list[float]]:
        """:meth:`decode` from the lines' :meth:`emissions` (which it leaves as they
        are): for decoding one article again under more constraints."""
        if not len(scores):
            return [], []
        # the constraints are written into the rows they touch, and those rows put back
        # after: a long text's scores are not copied whole for the lines constrained (and
        # the constraints are read twice rather than held, for a text of many lines)
        rows = np.fromiter((i for i, _ in self._ruled_out(required, banned, excluded)), dtype=np.intp)
        saved = scores[rows]  # (a copy: the rows as they were)
        try:
            for i, labels in self._ruled_out(required, banned, excluded):
                scores[i, labels] = -1e9
            path = viterbi(scores, self.transitions, self.start)
            sure = confidences(scores, self.transitions, self.start, path, self.temperature)
        finally:
            scores[rows] = saved
        return [self.labels[k] for k in path], sure

    def _ruled_out(
        self,
        required: Sequence[str | None] | None,
        banned: Sequence[str | None] | None,
        excluded: Sequence[str | None] | None,
    ) -> Iterator[tuple[int, list[int]]]:
        """``(line, the labels it may not take)`` for every line a constraint touches: a
        required type rules out the labels without it, an excluded one those with it, a
        banned label itself."""
        found: dict[tuple[str, bool], list[int]] = {}
        for constraints, held_rules_out in ((required, False), (excluded, True)):
            for i, kind in enumerate(constraints or ()):
                if kind is not None:
                    key = (kind, held_rules_out)
                    if key not in found:
                        found[key] = [k for k, types in enumerate(self._types) if (kind in types) == held_rules_out]
                    if len(found[key]) < len(self.labels):
                        yield i, found[key]
        for i, label in enumerate(banned or ()):
            if label is not None and label in self._label_index:
                yield i, [self._label_index[label]]

    def cheapest(
        self,
        scores: FloatArray,
        kind: str,
        among: int,
        required: Sequence[str | None] | None = None,
        banned: Sequence[str | None] | None = None,
        excluded: Sequence[str | None] | None = None,
        skip: Sequence[bool] | None = None,
    ) -> tuple[int, float] | None:
        """Of the first *among* lines (but those *skip* marks), the one whose taking a
        label that holds *kind* lowers the best score of the labels of those lines the
        least, and by how much (divided by the temperature: 0 when the best labels already
        give it that type); ``None`` when no line of them may take it. The lines after
        *among* are left out: this asks where something near the top of an article is."""
        window = min(len(scores), among)
        columns = [k for k, types in enumerate(self._types) if kind in types]
        if window == 0 or not columns:
            return None
        work = scores[:window].astype(np.float64)
        for i, labels in self._ruled_out(required, banned, excluded):
            if i < window:
                work[i, labels] = -1e9
        transitions = self.transitions.astype(np.float64)
        # the best score of the labels up to each line ending in each label, and of the
        # labels after it following from each label: their sum is the best score of the
        # whole with the line given that label
        ahead = np.empty_like(work)
        ahead[0] = self.start + work[0]
        for i in range(1, window):
            ahead[i] = (ahead[i - 1][:, None] + transitions).max(axis=0) + work[i]
        behind = np.zeros_like(work)
        for i in range(window - 2, -1, -1):
            behind[i] = (transitions + (work[i + 1] + behind[i + 1])[None, :]).max(axis=1)
        best_with = (ahead + behind)[:, columns].max(axis=1)
        if skip is not None:
            best_with[np.asarray(skip[:window], dtype=bool)] = -np.inf
        line = int(best_with.argmax())
        if not np.isfinite(best_with[line]) or best_with[line] <= -1e8:
            return None
        return line, float((ahead[-1].max() - best_with[line]) / self.temperature)

    @property
    def temperature(self) -> float:
        """What the scores are divided by before they are read as probabilities."""
        value = self.info.get("temperature", 1.0)
        return float(value) if isinstance(value, (int, float)) and value > 0 else 1.0

    # --- the file ---------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        weights_type = "<f2" if _fits_half(self.weights) else "<f4"
        header = json.dumps(
            {
                "format": FORMAT_VERSION,
                "labels": list(self.labels),
                "features": list(self.features),
                "weights": weights_type,
                "info": self.info,
            },
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        ).encode("utf-8")
        arrays = np.ascontiguousarray(self.weights, dtype=weights_type).tobytes() + b"".join(
            np.ascontiguousarray(a, dtype="<f4").tobytes() for a in (self.transitions, self.start)
        )
        payload = struct.pack("<I", len(header)) + header + arrays
        return _MAGIC + zlib.compress(payload, 9)

    @classmethod
    def from_bytes(cls, data: bytes, where: str = "the model") -> SequenceModel:
        if not data.startswith(_MAGIC):
            raise ModelError(f"{where} is not an articlekit model file")
        try:
            payload = zlib.decompress(data[len(_MAGIC) :])
            (size,) = struct.unpack_from("<I", payload)
            header = json.loads(payload[4 : 4 + size].decode("utf-8"))
            if not isinstance(header, dict):
                raise ModelError(f"{where} is damaged: its header is no JSON object")
            version = header.get("format")
            if version not in _READABLE_FORMATS:
                readable = " and ".join(map(str, _READABLE_FORMATS))
                newer = isinstance(version, int) and version > FORMAT_VERSION
                raise ModelError(
                    f"{where} has format {version!r}; this articlekit reads formats {readable}: "
                    + ("it was written by a newer articlekit: upgrade, or " if newer else "")
                    + "retrain it with `articlekit train`"
                )
            labels, features, info = header["labels"], header["features"], header.get("info") or {}
            if not (_strings(labels) and _strings(features) and isinstance(info, dict)):
                raise ModelError(f"{where} is damaged: its labels, features or info are of the wrong kind")
            n, m = len(features), len(labels)
            weights_type = header.get("weights", "<f4") if version == 2 else "<f4"
            if weights_type not in ("<f2", "<f4"):
                raise ModelError(f"{where} is damaged: weights of type {weights_type!r}")
            width = np.dtype(weights_type).itemsize
            body = len(payload) - 4 - size
            if body != n * m * width + (m * m + m) * 4:
                raise ModelError(
                    f"{where} is truncated or damaged: {body} bytes of weights, "
                    f"expected {n * m * width + (m * m + m) * 4}"
                )
            offset = 4 + size
            weights = np.frombuffer(payload, dtype=weights_type, count=n * m, offset=offset)
            weights = weights.reshape(n, m).astype(np.float32)
            rest = np.frombuffer(payload, dtype="<f4", offset=offset + n * m * width)
            transitions = rest[: m * m].reshape(m, m).astype(np.float32)
            start = rest[m * m :].astype(np.float32)
        except ModelError:
            raise
        except (zlib.error, struct.error, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{where} is damaged: {exc}") from exc
        return cls(labels, features, weights, transitions, start, info)

    def save(self, path: str | Path) -> None:
        Path(path).write_bytes(self.to_bytes())

    @classmethod
    def load(cls, path: str | Path) -> SequenceModel:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ModelError(f"cannot read the model {str(path)!r}: {exc.strerror or exc}") from exc
        return cls.from_bytes(data, repr(str(path)))


def viterbi(emissions: Scores, transitions: Scores, start: Scores) -> list[int]:
    """The highest-scoring label sequence."""
    n, m = emissions.shape
    kind = np.result_type(start, emissions, transitions)
    score = (start + emissions[0]).astype(kind)
    # (a label's index fits a byte: the back pointers of a long text take an eighth of
    # the memory of machine-sized integers)
    back = np.empty((n, m), dtype=np.uint8 if m <= 256 else np.intp)
    # each step's scores are summed into one buffer, and the best of each column read at
    # the row argmax found rather than searched for again: a fifth less time a line
    candidates = np.empty((m, m), dtype=kind)
    columns = np.arange(m)
    for i in range(1, n):
        np.add(score[:, None], transitions, out=candidates)
        rows = candidates.argmax(axis=0)
        back[i] = rows
        score = candidates[rows, columns] + emissions[i]
    best = int(score.argmax())
    path = [best]
    for i in range(n - 1, 0, -1):
        best = int(back[i, best])
        path.append(best)
    path.reverse()
    return path


def confidences(
    emissions: FloatArray, transitions: FloatArray, start: FloatArray, path: Sequence[int], temperature: float = 1.0
) -> list[float]:
    """For each line, a softmax over its labels of the score each would give the path
    with the neighbours' labels held fixed (divided by *temperature*), read at the label
    chosen."""
    labels = np.asarray(path, dtype=np.intp)
    out: list[float] = []
    # a few thousand lines at a time: a long text's temporary arrays stay small
    for first in range(0, len(labels), _CHUNK_LINES):
        last = min(first + _CHUNK_LINES, len(labels))
        local = emissions[first:last].astype(np.float64)
        # the first line opens with the start score, every other line follows the label
        # before it; and every line but the last goes on into the label after it
        if first == 0:
            local[0] += start
        before = labels[max(first - 1, 0) : last - 1]
        local[len(local) - len(before) :] += transitions[before]
        after = labels[first + 1 : last + 1]
        local[: len(after)] += transitions[:, after].T
        local /= temperature
        local -= local.max(axis=1, keepdims=True)
        probabilities = np.exp(local)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        chosen = probabilities[np.arange(last - first), labels[first:last]]
        out.extend(round(float(p), 4) for p in chosen)
    return out


# the lines whose confidences are worked out at once
_CHUNK_LINES = 4096

# what the perceptron's scores are divided by to be read as a log-likelihood's
_PERCEPTRON_TEMPERATURE = 36.0

# the conditional random field's training (see train): the L-BFGS steps at most, the L2
# penalty, and the share of the perceptron in the sum. Measured by cross-validation
# across websites, 5 folds over 2 fold splits, paired against the perceptron alone:
# the field alone, macro F1 -0.003 and headline accuracy -0.009 (its penalty at 0.3,
# -0.004 and -0.016); the sum with a share of 1, +0.0038 and -0.0012, lines +0.0032;
# a share of 2, +0.0026 and -0.0011; a share of 0.5, +0.0049 and -0.0011, lines +0.0036
# (over 5 fold splits: +0.0014, -0.0033, lines +0.0025); a penalty of 3, +0.0032 and 0
_FIELD_ITERATIONS = 100
_FIELD_PENALTY = 1.0
_FIELD_SHARE = 0.5

# what the sum's scores are divided by to be read as probabilities: where the held-out
# lines' confidences best match how often they are right (5 folds by website: of the
# lines given 0.9 or more, 95% are right; 0.7 to 0.8, 76%; 0.5 to 0.6, 60%; at 1.5,
# the two temperatures' sum, 92%, 62% and 47%: the field is surer than it is right)
_SUM_TEMPERATURE = 2.0


def train(
    articles: Sequence[tuple[Sequence[Sequence[str]], Sequence[str]]],
    *,
    epochs: int = 10,
    min_count: int = 1,
    seed: int = 0,
    rounds: int = 5,
    temperature: float = _PERCEPTRON_TEMPERATURE,
    cost_exponent: float = 0.25,
    info: dict[str, object] | None = None,
    base: SequenceModel | None = None,
) -> SequenceModel:
    """Train on *articles*, each the features of its lines and their labels; with
    *base*, tune that model to them: training starts from its weights and learns
    corrections to them, so that what it knew of other texts stays where the articles
    do not contradict it.

    A model learned from nothing is the sum of two: a conditional random field's
    weights (:mod:`._crf`) and half the averaged perceptron's, read in the units of a
    log-likelihood (divided by *temperature*), both learned from the same features.
    They go wrong on different lines, and their sum reads sites neither was trained on
    better than the perceptron alone (cross-validated by website: see
    ``_FIELD_SHARE``). The sum's own temperature is fitted to held-out lines
    (``_SUM_TEMPERATURE``).

    *temperature* scales the perceptron's scores into a log-likelihood's: 36 is where
    the confidences of held-out lines best matched how often they were right
    (cross-validated by website on our corpus: of the lines given 0.9 or more, 94%
    were right; 0.5 to 0.6, 63%; rechecked with the training variants and five runs
    averaged)."""
    if not articles:
        raise ModelError("no labelled articles to train on")
    label_counts: Counter[str] = Counter(label for _, labels in articles for label in labels)
    feature_counts: Counter[str] = Counter(f for lines, _ in articles for feats in lines for f in set(feats))
    new_features = sorted(f for f, c in feature_counts.items() if c >= min_count)
    if base is None:
        labels, features = sorted(label_counts), new_features
    else:
        # the base model's labels and features first, in its order; then what is new
        labels = [*base.labels, *sorted(set(label_counts) - set(base.labels))]
        known = set(base.features)
        features = [*base.features, *(f for f in new_features if f not in known)]
    index = {f: i for i, f in enumerate(features)}
    label_index = {label: k for k, label in enumerate(labels)}
    m = len(labels)
    data = []
    for lines, gold in articles:
        ids = [np.asarray(sorted({index[f] for f in feats if f in index}), dtype=np.intp) for feats in lines]
        data.append((ids, [label_index[g] for g in gold]))

    start_from = None
    base_scores: list[npt.NDArray[np.float64]] | None = None
    scale = 1.0
    if base is None:
        # a mistake on a rare label costs more (up to four times a paragraph's): every type
        # counts the same in macro F1 (measured, 5-fold by website over three seeds: an
        # exponent of 0.25 gains about 0.008 macro F1 at no cost in line accuracy; 0.5 loses)
        top = max(label_counts.values())
        costs = [max(1, min(4, round((top / label_counts[label]) ** cost_exponent))) for label in labels]
    else:
        # the corrections are learned in the perceptron's units: the base's scores are
        # read in them (a base of the perceptron alone is read as it is)
        scale = temperature / base.temperature
        given, given_trans, given_start = _padded_weights(base, len(features), m)
        start_from = (given * scale, given_trans * scale, given_start * scale)
        # the base's scores of each article's lines stay the same at every step: summed once
        base_scores = [np.stack([start_from[0][row].sum(axis=0) for row in ids]) for ids, _ in data]
        # a tuned model's corrections cost the same whatever the type: the base already
        # weighs the rare ones (measured on the corpus's sites of three pages or more,
        # each page scored after tuning on the others: headline accuracy 0.789 -> 0.807,
        # attribution 0.750 -> 0.771, macro F1 0.741 -> 0.734)
        costs = [1] * m
    # several runs, each visiting the articles in its own order, averaged: one run's
    # result swings with the order by about a point of macro F1 (measured, 5-fold by
    # website over three seeds, with the training variants: five runs gain 0.003 macro F1
    # and 0.009 headline accuracy on three, each seed alike)
    runs = [
        _perceptron(data, len(features), m, epochs, seed + k, costs, start_from, base_scores) for k in range(rounds)
    ]
    averaged = np.mean([r[0] for r in runs], axis=0)
    averaged_trans = np.mean([r[1] for r in runs], axis=0)
    averaged_start = np.mean([r[2] for r in runs], axis=0)
    model_info: dict[str, object] = {
        "epochs": epochs,
        "min_count": min_count,
        "seed": seed,
        "rounds": rounds,
        "articles": len(articles),
        "cost_exponent": cost_exponent,
    }
    if start_from is not None and base is not None:
        # the tuned model is the base with the corrections, in the base's units
        averaged = (averaged + start_from[0]) / scale
        averaged_trans = (averaged_trans + start_from[1]) / scale
        averaged_start = (averaged_start + start_from[2]) / scale
        model_info["temperature"] = base.temperature
    else:
        from . import _crf

        field = _crf.fit(data, len(features), m, iterations=_FIELD_ITERATIONS, penalty=_FIELD_PENALTY)
        averaged = field[0] + _FIELD_SHARE * averaged / temperature
        averaged_trans = field[1] + _FIELD_SHARE * averaged_trans / temperature
        averaged_start = field[2] + _FIELD_SHARE * averaged_start / temperature
        model_info["temperature"] = _SUM_TEMPERATURE
        model_info["perceptron_temperature"] = temperature
        model_info["field"] = {"iterations": _FIELD_ITERATIONS, "penalty": _FIELD_PENALTY, "share": _FIELD_SHARE}
    # features whose weights are zero say nothing: leave them out of the file
    keep = np.flatnonzero(np.abs(averaged).max(axis=1) > 0)
    if base is not None:
        model_info["base"] = {
            "articles": base.info.get("articles"),
            "sha256": hashlib.sha256(base.to_bytes()).hexdigest()[:16],
        }
    model_info.update(info or {})
    return SequenceModel(
        labels,
        [features[i] for i in keep],
        _as_stored(averaged[keep]),
        averaged_trans.astype(np.float32),
        averaged_start.astype(np.float32),
        model_info,
    )


_Weights = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]


def _strings(value: object) -> bool:
    """Whether *value* is a list of strings (as a model file's labels and features are)."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _fits_half(weights: npt.NDArray[Any]) -> bool:
    """Whether every weight is finite and within a 16-bit float's range."""
    return bool(np.isfinite(weights).all() and (weights.size == 0 or np.abs(weights).max() <= _HALF_MAX))


def _as_stored(weights: npt.NDArray[np.float64]) -> FloatArray:
    """The weights as the model file holds them (16-bit floats where they fit), so that
    a model trained in memory reads every text as the same model saved and loaded."""
    if _fits_half(weights):
        return weights.astype(np.float16).astype(np.float32)
    return weights.astype(np.float32)


def _padded_weights(base: SequenceModel, features: int, m: int) -> _Weights:
    """*base*'s weights, transitions and start scores, with zeros for the features and
    labels it does not know (its own come first)."""
    n, k = base.weights.shape
    weights = np.zeros((features, m))
    weights[:n, :k] = base.weights
    transitions = np.zeros((m, m))
    transitions[:k, :k] = base.transitions
    start = np.zeros(m)
    start[:k] = base.start
    return weights, transitions, start


def _perceptron(
    data: list[tuple[list[npt.NDArray[np.intp]], list[int]]],
    features: int,
    m: int,
    epochs: int,
    seed: int,
    costs: Sequence[int],
    start_from: _Weights | None = None,
    base_scores: Sequence[npt.NDArray[np.float64]] | None = None,
) -> _Weights:
    """One run of the averaged structured perceptron, the articles in an order drawn
    from *seed*: each weight's mean over every step of training; with *start_from*,
    the corrections to those weights (they score each article beside the corrections
    learned so far, and are not averaged; *base_scores* are their sums over each
    article's lines)."""
    weights = np.zeros((features, m), dtype=np.int64)
    totals = np.zeros_like(weights)  # the sum of every update times when it came
    trans = np.zeros((m, m), dtype=np.int64)
    trans_totals = np.zeros_like(trans)
    start = np.zeros(m, dtype=np.int64)
    start_totals = np.zeros_like(start)
    order = list(range(len(data)))
    rng = random.Random(seed)
    step = 1
    for _ in range(epochs):
        rng.shuffle(order)
        for a in order:
            ids, gold = data[a]
            emissions = np.zeros((len(ids), m), dtype=np.int64)
            for i, row in enumerate(ids):
                if row.size:
                    emissions[i] = weights[row].sum(axis=0)
            if start_from is None or base_scores is None:
                path = viterbi(emissions, trans, start)
            else:
                _, given_trans, given_start = start_from
                path = viterbi(base_scores[a] + emissions, given_trans + trans, given_start + start)
            if path != list(gold):
                for i, (g, p) in enumerate(zip(gold, path, strict=True)):
                    if g != p:
                        row = ids[i]
                        c = costs[g]
                        weights[row, g] += c
                        weights[row, p] -= c
                        totals[row, g] += c * step
                        totals[row, p] -= c * step
                    gp, pp = (gold[i - 1], path[i - 1]) if i else (None, None)
                    if i == 0:
                        if g != p:
                            start[g] += 1
                            start[p] -= 1
                            start_totals[g] += step
                            start_totals[p] -= step
                    elif (gp, g) != (pp, p):
                        trans[gp, g] += 1
                        trans[pp, p] -= 1
                        trans_totals[gp, g] += step
                        trans_totals[pp, p] -= step
            step += 1
    return weights - totals / step, trans - trans_totals / step, start - start_totals / step


def label_of(types: Iterable[str]) -> str:
    """The label of a line of these types: the types sorted, joined by ``+``."""
    return "+".join(sorted(types))

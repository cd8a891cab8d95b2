"""Training a labeller on labelled articles, and judging it by cross-validation across
websites: the articles of one site are all trained on or all held out."""

from __future__ import annotations

import bisect
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from . import _crf
from ._augment import variants
from ._classify import classify
from ._corpus import LabelledArticle
from ._evaluate import Evaluation, evaluate
from ._features import Line, article_features
from ._labeller import PRIMARY, Labeller, line_records
from ._normalise import normalise
from ._parser import Parser, _to_labeller, rule_reading
from ._segment import segment
from ._sequence import label_of, train
from ._text import line_scope
from .errors import ModelError

__all__ = ["cross_validate", "examples", "fold_of", "records_of", "train_labeller"]

# a combination of types seen fewer times than this is learned as its main type
_MIN_COMBINATION = 3


def records_of(text: str) -> list[Line]:
    """The working records of the non-blank lines of *text*, each with the rules' reading
    of it, as a parse hands them to the labeller."""
    lines = normalise(segment(text))
    if not lines:
        return []
    with line_scope(len(lines)):
        return line_records(lines, rule_reading(classify(lines, text), text))


def examples(article: LabelledArticle) -> tuple[list[list[str]], list[frozenset[str]]]:
    """The features of every non-blank line of *article* and its gold types."""
    records = records_of(article.text)
    if not records:
        return [], []
    with line_scope(len(records)):
        features = article_features(records)
    starts = [line.start for line in article.lines]
    gold = []
    for record in records:
        i = bisect.bisect_right(starts, record.start) - 1
        labelled = article.lines[i] if i >= 0 else None
        if labelled is None or not labelled.start <= record.start < max(labelled.end, labelled.start + 1):
            raise ModelError(f"{article.name}: the line at offset {record.start} has no label")
        gold.append(labelled.types)
    return features, gold


def _label_set(golds: Sequence[Sequence[frozenset[str]]], known: Sequence[str] = ()) -> Callable[[frozenset[str]], str]:
    counts = Counter(label_of(types) for gold in golds for types in gold)
    known_labels = frozenset(known)

    def label(types: frozenset[str]) -> str:
        name = label_of(types)
        if counts[name] >= _MIN_COMBINATION or len(types) == 1 or name in known_labels:
            return name
        return next(t for t in PRIMARY if t in types)

    return label


# a model tuned from another learns from few pages: a few passes over them keep more of
# what it knew (measured on the corpus's 19 sites of three pages or more, each page
# scored after tuning on the site's others: 3 passes macro F1 0.750, lines 0.841; 10
# passes 0.734, 0.835; 20 passes 0.739, 0.837)
_EPOCHS = 10
_TUNING_EPOCHS = 3


def train_labeller(
    articles: Sequence[LabelledArticle],
    *,
    epochs: int | None = None,
    rounds: int = 5,
    seed: int = 0,
    augment: bool = True,
    base: Labeller | str | Path | None = None,
) -> Labeller:
    """Train a :class:`Labeller` on *articles* (and, with *augment*, on each one's
    variants: see :mod:`._augment`). The same articles give the same model.

    With *base* (a :class:`Labeller`, ``"default"`` for the shipped model, or the path
    of a model file), tune that model to the articles rather than learn from them
    alone: it keeps what it knew of other sites and learns the habits of these (the
    way to teach the shipped model a few sites of your own). *epochs* is the number of
    the perceptron's passes over the articles: 10 by default, 3 when tuning.

    A model trained from nothing is the sum of an averaged perceptron and a conditional
    random field (see :func:`._sequence.train`); the field needs scipy (the ``train``
    extra), and without it this raises :class:`~articlekit.errors.MissingExtraError`.
    Tuning needs none."""
    if not articles:
        raise ModelError("no labelled articles to train on")
    base = _labeller_of(base)
    if base is None:
        _crf.require()  # before the articles are read, which takes a while
    if epochs is None:
        epochs = _EPOCHS if base is None else _TUNING_EPOCHS
    ordered = sorted(articles, key=lambda a: (a.name, a.text))
    if augment:
        ordered = [v for a in ordered for v in (a, *variants(a))]
    prepared = [examples(a) for a in ordered]
    label = _label_set([gold for _, gold in prepared], base.labels if base is not None else ())
    data = [(features, [label(types) for types in gold]) for features, gold in prepared if features]
    model = train(data, epochs=epochs, rounds=rounds, seed=seed, base=base.model if base is not None else None)
    return Labeller(model, "tuned" if base is not None else "trained")


def _labeller_of(base: Labeller | str | Path | None) -> Labeller | None:
    """The model *base* names, read as ``Parser(model=...)`` reads one."""
    if base is not None and not isinstance(base, (Labeller, str, Path)):
        raise ModelError(f"base must be a Labeller, 'default' or the path of a model file; got {base!r}")
    found = _to_labeller(base)
    return Labeller.default() if found == "default" else found


def fold_of(article: LabelledArticle, folds: int, split: int = 0) -> int:
    """The fold *article* is held out in: by its website, so that no site is both
    trained on and scored. Each *split* deals the websites into the folds another way
    (split 0 is the project's own, by a hash of the host alone).

    >>> from articlekit.training import LabelledArticle, fold_of
    >>> page = LabelledArticle("a", "", "https://www.bbc.co.uk/news/1", None, None, ())
    >>> fold_of(page, 5) == fold_of(page.__class__("b", "", "https://bbc.co.uk/2", None, None, ()), 5)
    True
    """
    salt = f"{split}:".encode() if split else b""
    return zlib.crc32(salt + article.host.encode("utf-8")) % folds


def cross_validate(
    articles: Sequence[LabelledArticle],
    folds: int = 5,
    *,
    epochs: int | None = None,
    rounds: int = 5,
    augment: bool = True,
    base: Labeller | str | Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    split: int = 0,
    seed: int = 0,
) -> Evaluation:
    """Train on all folds but one (tuning *base* to them, if given), score the one
    held out, for each fold in turn; the evaluations of the held-out folds summed.

    *split* chooses how the websites are dealt into the folds (:func:`fold_of`) and
    *seed* the order training visits the articles in: a figure that moves from one to
    another by more than a change moved it says nothing of the change (on our corpus,
    headline accuracy moves by about two points)."""
    if folds < 2:
        raise ModelError(f"cross-validation needs at least 2 folds, got {folds}")
    base = _labeller_of(base)
    assigned = [fold_of(a, folds, split) for a in articles]
    if len(set(assigned)) < 2:
        sites = len({a.host for a in articles})
        raise ModelError(
            f"the articles come from {sites} website{'s' if sites != 1 else ''}, which fill "
            f"{len(set(assigned))} of the {folds} folds: cross-validation by website needs articles of "
            "several sites (to judge a model of one site, hold some of its pages out and use --model)"
        )
    total = Evaluation()
    for k in range(folds):
        train_on = [a for a, f in zip(articles, assigned, strict=True) if f != k]
        held_out = [a for a, f in zip(articles, assigned, strict=True) if f == k]
        if not held_out or not train_on:
            continue
        labeller = train_labeller(train_on, epochs=epochs, rounds=rounds, seed=seed, augment=augment, base=base)
        total = total + evaluate(Parser(model=labeller).parse, held_out)
        if progress is not None:
            progress(k + 1, folds)
    return total

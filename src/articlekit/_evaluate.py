"""Score parsed articles against labelled ones, by the shared corpus scorer's definitions.

A line is predicted to be of a type when the span of an element of that type touches the
line's non-space text; a line is right when its predicted types are exactly its gold ones.
Per type this counts true positives, false positives and false negatives over the labelled
lines; quote groups are right when a quotation covers exactly the lines of a gold group;
an attribution is right when its words overlap the gold words by most of their tokens; the
headline and date are compared with the label file's header. Every figure is the one
``shared/tools/corpus.py score`` reports for the same texts, labels and output.

>>> import articlekit
>>> from articlekit._corpus import LabelledArticle, LabelledLine
>>> text = "Storm hits coast\\n\\nThe sea wall gave way overnight.\\n"
>>> lines = (
...     LabelledLine(1, 0, 16, "Storm hits coast", frozenset({"headline"})),
...     LabelledLine(3, 18, 50, "The sea wall gave way overnight.", frozenset({"paragraph"})),
... )
>>> article = LabelledArticle("storm", text, None, None, "Storm hits coast", lines)
>>> evaluation = evaluate(articlekit.parse, [article])
>>> evaluation.f1("paragraph")
(1.0, 1.0, 1.0, 1)
>>> evaluation.accuracy("headline"), evaluation.accuracy("date")
(1.0, None)
"""

from __future__ import annotations

import statistics
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._corpus import LABEL_TYPES, LabelledArticle, line_table

if TYPE_CHECKING:
    from ._model import Article

__all__ = ["ACCURACY_KEYS", "Evaluation", "Mistake", "evaluate", "line_confidences", "predicted_lines", "score_article"]

#: The figures scored as a share of exact matches, in the order they are reported.
ACCURACY_KEYS = ("headline", "date", "attribution", "lines", "articles")

# articlekit element type -> label type
_ELEMENT_TO_LABEL = {"block_quote": "quote", "quote": "quote"}
_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_SHOWN_CRASHES = 10


@attrs.frozen(slots=True)
class Mistake:
    """A labelled line the parser read otherwise: in *article* (its name), line
    *line*, labelled *gold* and read as *got* (types joined by ``+``; ``""`` for nothing),
    with the lowest confidence of what was read there (``None`` when no model labelled
    it) and the line's *text*. A line read wrong with a high confidence is worth a second
    look at its label."""

    article: str
    line: int
    gold: str
    got: str
    confidence: float | None
    text: str


@attrs.define
class Evaluation:
    """The counts of a scoring run; add two to pool them (the folds of a cross-validation).

    ``tp``, ``fp`` and ``fn`` count labelled lines per type; ``groups`` counts quote groups
    (``"gold"``, ``"pred"``, ``"match"``); ``exact`` and ``totals`` count the matches and
    cases of each of :data:`ACCURACY_KEYS`; ``crashes`` holds one ``"NAME.txt: Error:
    message"`` per article the parser failed on.

    >>> from articlekit.training import Evaluation
    >>> evaluation = Evaluation()
    >>> evaluation.tp["paragraph"] += 3
    >>> evaluation.fp["paragraph"] += 1
    >>> f1, precision, recall, support = evaluation.f1("paragraph")
    >>> round(f1, 3), precision, recall, support
    (0.857, 0.75, 1.0, 3)
    >>> (evaluation + evaluation).f1("paragraph")[3]
    6
    """

    tp: Counter[str] = attrs.field(factory=Counter)
    fp: Counter[str] = attrs.field(factory=Counter)
    fn: Counter[str] = attrs.field(factory=Counter)
    groups: Counter[str] = attrs.field(factory=Counter)
    exact: Counter[str] = attrs.field(factory=Counter)
    totals: Counter[str] = attrs.field(factory=Counter)
    crashes: list[str] = attrs.field(factory=list)
    mistakes: list[Mistake] = attrs.field(factory=list)

    def f1(self, kind: str) -> tuple[float, float, float, int]:
        """``(f1, precision, recall, support)`` of the label type *kind*; precision and recall
        are 1.0 when nothing was predicted or nothing is labelled, and F1 is 0.0 when both are
        0.0. ``support`` is the number of gold lines of the type."""
        tp, fp, fn = self.tp[kind], self.fp[kind], self.fn[kind]
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return f1, precision, recall, tp + fn

    def _reported_types(self) -> Iterator[str]:
        """The types shown in the table: those labelled or predicted at least once."""
        for kind in sorted(LABEL_TYPES):
            if self.tp[kind] + self.fn[kind] or self.fp[kind]:
                yield kind

    @property
    def macro_f1(self) -> float:
        """The mean F1 over the types with gold lines (0.0 when there are none)."""
        scores = [self.f1(kind)[0] for kind in self._reported_types() if self.tp[kind] + self.fn[kind]]
        return sum(scores) / len(scores) if scores else 0.0

    @property
    def quote_group_f1(self) -> float:
        """F1 of the quote groups predicted with exactly the lines of a gold group (1.0 when
        there are none on either side)."""
        gold, pred = self.groups["gold"], self.groups["pred"]
        return 2 * self.groups["match"] / (gold + pred) if gold + pred else 1.0

    def accuracy(self, key: str) -> float | None:
        """The share of exact matches for *key* (one of :data:`ACCURACY_KEYS`), or ``None``
        when there was nothing to compare."""
        total = self.totals[key]
        return self.exact[key] / total if total else None

    def __add__(self, other: Evaluation) -> Evaluation:
        if not isinstance(other, Evaluation):
            return NotImplemented
        return Evaluation.merge([self, other])

    @classmethod
    def merge(cls, evaluations: Iterable[Evaluation]) -> Evaluation:
        """One evaluation with the counts of all *evaluations* summed and their crashes and
        mistakes joined."""
        merged = cls()
        for evaluation in evaluations:
            for name in ("tp", "fp", "fn", "groups", "exact", "totals"):
                getattr(merged, name).update(getattr(evaluation, name))
            merged.crashes.extend(evaluation.crashes)
            merged.mistakes.extend(evaluation.mistakes)
        return merged

    def to_dict(self) -> dict[str, Any]:
        """The figures as a JSON-able dict with the keys of ``corpus.py score --json``:
        ``per_type`` (type -> ``f1``, ``precision``, ``recall``, ``support``), ``failures``,
        ``KEY_accuracy`` for each of :data:`ACCURACY_KEYS` that had cases,
        ``quote_group_f1`` and ``macro_f1``."""
        per_type: dict[str, dict[str, float]] = {}
        for kind in self._reported_types():
            f1, precision, recall, support = self.f1(kind)
            per_type[kind] = {"f1": f1, "precision": precision, "recall": recall, "support": support}
        result: dict[str, Any] = {"per_type": per_type, "failures": list(self.crashes)}
        for key in ACCURACY_KEYS:
            accuracy = self.accuracy(key)
            if accuracy is not None:
                result[f"{key}_accuracy"] = accuracy
        result["quote_group_f1"] = self.quote_group_f1
        result["macro_f1"] = self.macro_f1
        return result

    def format_table(self) -> str:
        """The report ``corpus.py score`` prints, line for line (without a final newline):
        one row per type, the quote groups, the accuracies, the crashes (the first ten
        shown) and the macro F1."""
        out = [f"{'type':12} {'F1':>6} {'prec':>6} {'rec':>6} {'gold':>6}"]
        for kind in self._reported_types():
            f1, precision, recall, support = self.f1(kind)
            out.append(f"{kind:12} {f1:6.3f} {precision:6.3f} {recall:6.3f} {support:6d}")
        groups = self.groups
        out.append(
            f"quote groups F1 {self.quote_group_f1:.3f} "
            f"({groups['match']}/{groups['gold']} gold, {groups['pred']} predicted)"
        )
        for key in ACCURACY_KEYS:
            accuracy = self.accuracy(key)
            if accuracy is not None:
                out.append(f"{key} accuracy {accuracy:.3f} ({self.exact[key]}/{self.totals[key]})")
        out.append(f"crashes {len(self.crashes)}")
        out.extend("  " + crash for crash in self.crashes[:_SHOWN_CRASHES])
        out.append(f"macro F1 {self.macro_f1:.3f}")
        return "\n".join(out)


def spread_of(evaluations: Sequence[Evaluation]) -> dict[str, dict[str, float]]:
    """For each summary figure (``macro_f1``, ``quote_group_f1`` and the
    :data:`ACCURACY_KEYS` that had cases in every run), its ``mean``, ``sd`` (the
    sample standard deviation; 0.0 for one run), ``min`` and ``max`` over *evaluations*
    (the runs of a repeated cross-validation).

    >>> from articlekit._evaluate import Evaluation, spread_of
    >>> runs = [Evaluation(), Evaluation()]
    >>> runs[0].exact["lines"], runs[0].totals["lines"] = 8, 10
    >>> runs[1].exact["lines"], runs[1].totals["lines"] = 9, 10
    >>> spread_of(runs)["lines"]
    {'mean': 0.85, 'sd': 0.0707, 'min': 0.8, 'max': 0.9}
    """
    figures: dict[str, list[float]] = {
        "macro_f1": [e.macro_f1 for e in evaluations],
        "quote_group_f1": [e.quote_group_f1 for e in evaluations],
    }
    for key in ACCURACY_KEYS:
        found = [e.accuracy(key) for e in evaluations]
        if found and all(v is not None for v in found):
            figures[key] = [v for v in found if v is not None]
    out: dict[str, dict[str, float]] = {}
    for name, values in figures.items():
        if not values:
            continue
        sd = statistics.stdev(values) if len(values) > 1 else 0.0
        summary = {"mean": statistics.fmean(values), "sd": sd, "min": min(values), "max": max(values)}
        out[name] = {key: round(value, 4) for key, value in summary.items()}
    return out


def _norm(text: str | None) -> str:
    """*text* compared loosely: NFKC, straight quotes, single spaces, lower case."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTE_MARKS)
    return " ".join(text.split()).lower()


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _elements_of(doc: Mapping[str, Any]) -> Iterator[tuple[str, Any, Mapping[str, Any], float | None]]:
    """``(label type, span, element, confidence)`` for every scored element of an
    article dict: a quotation's paragraphs (and its attribution) one by one, each with its
    own confidence (``None`` where no model labelled it)."""
    for key in ("dateline", "headline", "standfirst", "byline"):
        element = doc.get(key)
        if isinstance(element, Mapping) and element.get("span"):
            yield key, element["span"], element, element.get("confidence")
    for element in doc.get("body") or []:
        kind = element.get("type", "")
        kind = _ELEMENT_TO_LABEL.get(kind, kind)
        parts = [p for p in (element.get("paragraphs") or []) if isinstance(p, Mapping) and p.get("span")]
        if parts:  # a quotation interrupted by a read_more: score its paragraphs, not its hull
            attribution = element.get("attribution")
            if isinstance(attribution, Mapping) and attribution.get("span"):
                yield kind, attribution["span"], element, element.get("confidence")
            for part in parts:
                yield kind, part["span"], element, part.get("confidence")
        elif element.get("span"):
            yield kind, element["span"], element, element.get("confidence")
    for element in doc.get("removed") or []:
        if element.get("span"):
            yield element.get("type") or "boilerplate", element["span"], element, element.get("confidence")


def predicted_lines(
    doc: Mapping[str, Any], table: Sequence[tuple[int, int, str]]
) -> tuple[dict[int, set[str]], dict[int, Mapping[str, Any]]]:
    """Map each line number to the label types whose spans touch its non-space text, and each
    line a quotation touches to the first such quotation."""
    predicted: dict[int, set[str]] = defaultdict(set)
    quote_of: dict[int, Mapping[str, Any]] = {}
    for kind, element, _, numbers in _lines_touched(doc, table):
        for number in numbers:
            predicted[number].add(kind)
            if kind == "quote":
                quote_of.setdefault(number, element)
    return predicted, quote_of


def line_confidences(doc: Mapping[str, Any], table: Sequence[tuple[int, int, str]]) -> dict[int, float]:
    """The lowest confidence of the elements that touch each line (lines that only
    elements without one touch are left out)."""
    lowest: dict[int, float] = {}
    for _, _, confidence, numbers in _lines_touched(doc, table):
        if confidence is not None:
            for number in numbers:
                lowest[number] = min(confidence, lowest.get(number, confidence))
    return lowest


def _lines_touched(
    doc: Mapping[str, Any], table: Sequence[tuple[int, int, str]]
) -> Iterator[tuple[str, Mapping[str, Any], float | None, Sequence[int]]]:
    """``(label type, element, confidence, line numbers)`` for every scored element of
    an article dict: the numbers of the lines of *table* (:func:`line_table`) whose
    non-space text its span touches.

    The non-space extents of the non-blank lines are disjoint and in order, so the lines a
    span ``[s, e)`` touches (``s < line end`` and ``e > line start``) are one run, found by
    bisection: linear in the elements, not in elements times lines.
    """
    numbers: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    for number, (start, _, content) in enumerate(table, 1):
        if not content.strip():
            continue
        numbers.append(number)
        starts.append(start + len(content) - len(content.lstrip()))
        ends.append(start + len(content.rstrip()))
    for kind, (span_start, span_end), element, confidence in _elements_of(doc):
        first = bisect_right(ends, span_start)  # the first line ending after the span starts
        stop = bisect_left(starts, span_end)  # the first line starting at or after its end
        yield kind, element, confidence, numbers[first:stop]


def _attribution_matches(gold: str, element: Mapping[str, Any]) -> bool:
    """Lenient: the gold words and the predicted attribution share most of their tokens
    (annotators copied either the whole lead-in or just the speaker phrase)."""
    attribution = element.get("attribution")
    got = attribution.get("text", "") if isinstance(attribution, Mapping) else (attribution or "")
    gold_words, got_words = set(_norm(gold).split()), set(_norm(got).split())
    if not gold_words or not got_words:
        return False
    return len(gold_words & got_words) / min(len(gold_words), len(got_words)) >= 0.6


def score_article(evaluation: Evaluation, labelled: LabelledArticle, doc: Mapping[str, Any]) -> None:
    """Add the scores of one article to *evaluation*: *doc* is the parser's output for
    ``labelled.text`` as a dict (``Article.to_dict()``; ``{}`` for a crash)."""
    table = line_table(labelled.text)
    predicted, quote_of = predicted_lines(doc, table)
    tp, fp, fn, exact, totals = evaluation.tp, evaluation.fp, evaluation.fn, evaluation.exact, evaluation.totals
    all_right = True
    wrong = []
    for line in labelled.lines:
        gold = line.types
        got = predicted.get(line.number, set())
        for kind in LABEL_TYPES:
            if kind in gold and kind in got:
                tp[kind] += 1
            elif kind in got:
                fp[kind] += 1
            elif kind in gold:
                fn[kind] += 1
        right = gold == got
        all_right = all_right and right
        totals["lines"] += 1
        exact["lines"] += right
        if not right:
            wrong.append((line, got))
    if wrong:
        confidence = line_confidences(doc, table)
        evaluation.mistakes.extend(
            Mistake(
                labelled.name,
                line.number,
                "+".join(sorted(line.types)),
                "+".join(sorted(got)),
                confidence.get(line.number),
                line.text,
            )
            for line, got in wrong
        )
    totals["articles"] += 1
    exact["articles"] += all_right

    # quote groups: the same partition of the quote lines
    gold_groups: dict[str, set[int]] = defaultdict(set)
    for line in labelled.lines:
        if line.group:
            gold_groups[line.group].add(line.number)
    predicted_groups: dict[int, set[int]] = defaultdict(set)
    elements: dict[int, Mapping[str, Any]] = {}
    for number, element in quote_of.items():
        predicted_groups[id(element)].add(number)
        elements[id(element)] = element
    gold_sets = {frozenset(numbers) for numbers in gold_groups.values()}
    predicted_sets = {frozenset(numbers): key for key, numbers in predicted_groups.items()}
    evaluation.groups["gold"] += len(gold_sets)
    evaluation.groups["pred"] += len(predicted_sets)
    evaluation.groups["match"] += len(gold_sets & predicted_sets.keys())

    # attribution, on the gold groups that name a speaker
    by_number = {line.number: line for line in labelled.lines}
    for numbers in gold_groups.values():
        gold_attribution = by_number[min(numbers)].attribution
        if not gold_attribution:
            continue
        totals["attribution"] += 1
        key = predicted_sets.get(frozenset(numbers))
        if key is not None and _attribution_matches(gold_attribution, elements[key]):
            exact["attribution"] += 1

    # field values
    if labelled.headline is not None:
        totals["headline"] += 1
        exact["headline"] += _norm(_mapping(doc.get("headline")).get("text", "")) == _norm(labelled.headline)
    if labelled.date is not None:
        totals["date"] += 1
        gold_date = labelled.date[:10]
        got_date = str(_mapping(doc.get("dateline")).get("date") or "")
        # a full date matches on its day; a partial one (2020-12) must stay partial
        exact["date"] += got_date[:10] == gold_date if len(gold_date) == 10 else got_date == gold_date


def evaluate(parse: Callable[[str], Article], articles: Iterable[LabelledArticle]) -> Evaluation:
    """Parse the text of each of *articles* with *parse* and score the result.

    An exception from *parse* (or from ``to_dict``) is recorded in ``crashes`` and the article
    scored as if nothing was found.
    """
    evaluation = Evaluation()
    for labelled in articles:
        doc: Mapping[str, Any]
        try:
            doc = parse(labelled.text).to_dict()
        except Exception as exc:  # a crash counts as every label missed
            evaluation.crashes.append(f"{labelled.name}.txt: {type(exc).__name__}: {exc}")
            doc = {}
        score_article(evaluation, labelled, doc)
    return evaluation

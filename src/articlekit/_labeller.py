"""The labelling stage: what each line is, decided once, by the trained model.

The rule-based reading (:mod:`._classify`, the rule cleaners, :mod:`._group`) runs first
and lends its verdicts to the model as features; the model labels every line over the
whole article; then each line becomes the blocks its label asks for: the rule reading's
pieces where they agree with it, else the whole line (a line the model calls two things
is split where a splitter can split it)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

import regex

from . import _dates, _lexicons
from ._blocks import Block
from ._datelines import DATE_FIELD, split_date_field, split_wire
from ._features import Line, iter_article_features, rule_readings
from ._furniture import boilerplate_reason
from ._lines import BULLETS, read_link
from ._model import Span
from ._quotes import read_quote, read_unmarked_speech
from ._sequence import FloatArray, SequenceModel
from ._splits import opening_end, stamp_extent
from ._text import continues_into, is_prose, word_count
from .errors import ModelError

__all__ = ["DEFAULT_MODEL", "PRIMARY", "Labeller", "line_records", "reconcile"]

#: The file name of the model that ships in the package (``articlekit/data``).
DEFAULT_MODEL = "labeller.akm"

#: Of the types a line holds, the one it keeps when it cannot be split (and the one a
#: combination too rare to learn is learned as).
PRIMARY = (
    "headline",
    "quote",
    "read_more",
    "byline",
    "caption",
    "standfirst",
    "heading",
    "embed",
    "list_item",
    "paragraph",
    "boilerplate",
    "dateline",
)


class Labeller:
    """A trained model of what each line of an article is.

    >>> from articlekit import Labeller
    >>> labeller = Labeller.default()
    >>> "paragraph" in labeller.labels
    True
    """

    __slots__ = ("model", "name")

    def __init__(self, model: SequenceModel, name: str = "model") -> None:
        self.model = model
        self.name = name

    @property
    def labels(self) -> tuple[str, ...]:
        """The labels the model chooses from (types joined by ``+``)."""
        return self.model.labels

    @classmethod
    def load(cls, path: str | Path) -> Labeller:
        """The model in the file *path* (written by ``articlekit train``)."""
        return cls(SequenceModel.load(path), str(path))

    @staticmethod
    @functools.cache
    def default() -> Labeller:
        """The model that ships with articlekit, loaded once, when first needed."""
        try:
            data = resources.files("articlekit").joinpath("data", DEFAULT_MODEL).read_bytes()
        except OSError as exc:  # pragma: no cover - a broken installation
            raise ModelError(f"the shipped model {DEFAULT_MODEL} is missing from the installation: {exc}") from exc
        return Labeller(SequenceModel.from_bytes(data, f"the shipped model {DEFAULT_MODEL}"), "default")

    def save(self, path: str | Path) -> None:
        """Write the model to the file *path*, for :meth:`load` or ``Parser(model=path)``."""
        self.model.save(path)

    def label(self, lines: Sequence[Line], languages: Sequence[str] | None = None) -> tuple[list[str], list[float]]:
        """The label of every line and the model's confidence in it; *languages* selects
        the lexicons whose words the model looks for (every one, by default)."""
        lexicon = _lexicons.load(languages)
        scores = self.model.emissions(iter_article_features(lines, lexicon))
        required = _required(lines)
        # a line the rules read as a quotation by its marks is not a plain paragraph
        # (measured across websites: quote groups 0.856 -> 0.858, attribution 0.689 ->
        # 0.700, quote F1 0.902 -> 0.906); the model says what else it may be
        banned = ["paragraph" if line.rule == "quote" else None for line in lines]
        labels, confidences = self.model.decode_scores(scores, required, banned)
        if not any(map(_is_dated_dateline, lines, labels)):
            # the article's date is in no other place: the first line the rules read a
            # date from must hold a dateline (measured across websites: date accuracy
            # 0.839 -> 0.854, headline 0.824 -> 0.829, dateline F1 0.803 -> 0.807); and so
            # must it where the datelines the model found hold no date (a kicker, a bare
            # "Published"): with the dates of two more forms read and a dateline without a
            # date filled from the next, date accuracy 0.916 -> 0.941 over 5 fold splits
            stamp = next((i for i, line in enumerate(lines) if line.dated), None)
            if stamp is None:
                stamp = _dated_opening_line(lines, labels, languages)
            if stamp is None:
                stamp = self._cheapest_dated_line(scores, lines, labels, required, banned, languages)
            if stamp is not None:
                required[stamp] = "dateline"
                labels, confidences = self.model.decode_scores(scores, required, banned)
        # a hard-wrapped sentence is one thing: where its lines were read as two types,
        # the surer line's type holds for both
        wrapped = _wrapped_disagreements(lines, labels, confidences)
        if wrapped:
            for i, label in wrapped:
                required[i] = required[i] or label
            labels, confidences = self.model.decode_scores(scores, required, banned)
        # one headline; no standfirst once the story has begun (measured across websites
        # over three seeds: macro F1 +0.0004 to +0.0008, standfirst precision +0.012 to
        # +0.017, recall the same)
        excluded = [h or s for h, s in zip(_further_headlines(lines, labels), _late_standfirsts(labels), strict=True)]
        # a headline with furniture glued to it (``fb-pixelMayor Wu said …``, ``… -
        # Action News``) printed again cleanly below: the clean line holds the headline
        # (measured across websites: headline accuracy 0.850 -> 0.862; it changed five
        # articles of five sites, each to the right headline)
        glued = _glued_headline(lines, labels)
        if glued is not None:
            first, again = glued
            required[again], excluded[again], excluded[first] = "headline", None, "headline"
        if any(excluded):
            labels, confidences = self.model.decode_scores(scores, required, banned, excluded)
        # a line that prints the headline again is the headline again (ANNOTATION.md)
        keys = [_headline_key(line.text) for line in lines]
        copies = _headline_copies(keys, labels)
        if copies:
            for i in copies:
                required[i], excluded[i] = "headline", None
            labels, confidences = self.model.decode_scores(scores, required, banned, excluded)
        # the copies of a line printed more than once are of one type, the surest copy's
        # (measured across websites with the headline's copies above, 5 fold splits:
        # macro F1 +0.0012 and whole articles +0.004, up in all 5); and so are the items
        # of a run of lines that open with the same bullet (measured the same way: macro
        # F1 +0.0039, lines +0.0013, up in all 5; list item F1 +0.016, read more +0.011,
        # standfirst +0.017)
        disagreeing = _disagreeing_copies(keys, labels, confidences, required)
        disagreeing += _disagreeing_items(lines, labels, confidences, required)
        if disagreeing:
            for i, label in disagreeing:
                required[i], excluded[i] = label, None
            labels, confidences = self.model.decode_scores(scores, required, banned, excluded)
        # an article the model gave no headline: the line that could take one at the least
        # cost to the labels' score takes it, if the cost is small (measured across websites,
        # 5 fold splits: headline accuracy +0.021, up in all 5; macro F1 and lines the same);
        # and the article keeps the dateline that gives its date, which the labels decoded
        # again could otherwise lose
        headline = self._missing_headline(scores, labels, required, banned, excluded)
        if headline is not None:
            dated = next((i for i, label in enumerate(labels) if _is_dated_dateline(lines[i], label)), None)
            if dated is not None and required[dated] is None:
                required[dated] = "dateline"
            required[headline], excluded[headline] = "headline", None
            labels, confidences = self.model.decode_scores(scores, required, banned, excluded)
        return labels, confidences

    def _cheapest_dated_line(
        self,
        scores: FloatArray,
        lines: Sequence[Line],
        labels: Sequence[str],
        required: Sequence[str | None],
        banned: Sequence[str | None],
        languages: Sequence[str] | None = None,
    ) -> int | None:
        """Of the first lines that hold a whole date, the one that could hold the
        dateline at the least cost to the labels' score, if that is less than
        ``_DATELINE_COST``; not a line labelled an embedded post, a quotation or a link,
        whose dates are theirs (measured across websites, 5 fold splits, beside the line
        :func:`_dated_opening_line` finds: date accuracy +0.0055, up in 4 and down in
        none; macro F1 +0.0005)."""
        skip = [
            not _DATED_ELSEWHERE.isdisjoint(label.split("+"))
            # (a cheap test first, that spares the fast path the body's long lines)
            or not _dates.may_give_day(line.text)
            or not _whole_date(line.text, languages)
            for line, label in zip(lines[:_DATELINE_WITHIN], labels, strict=False)
        ]
        if all(skip):
            return None
        found = self.model.cheapest(scores, "dateline", _DATELINE_WITHIN, required, banned, skip=skip)
        if found is None or found[1] > _DATELINE_COST:
            return None
        return found[0]

    def _missing_headline(
        self,
        scores: FloatArray,
        labels: Sequence[str],
        required: Sequence[str | None],
        banned: Sequence[str | None],
        excluded: Sequence[str | None],
    ) -> int | None:
        """The line that is to hold the headline of an article whose labels hold none:
        the one among the first lines that takes it at the least cost, if that is less than
        ``_HEADLINE_COST``; not a line that holds the article's dateline, whose date the
        article would lose."""
        if len(labels) < 2 or any("headline" in label.split("+") for label in labels):
            return None
        skip = ["dateline" in label.split("+") for label in labels[:_HEADLINE_WITHIN]]
        found = self.model.cheapest(scores, "headline", _HEADLINE_WITHIN, required, banned, excluded, skip)
        if found is None or found[1] > _HEADLINE_COST:
            return None
        return found[0]

    def __repr__(self) -> str:
        return f"Labeller({self.name!r})"


# how much an article's labels may lose (in the units of the model's temperature) to
# hold the headline they left out: 0.2 gains headline accuracy 0.011, 0.35 0.015, 0.5
# 0.021 (macro F1 and lines the same, 5 fold splits by website); with the article's
# dated dateline kept, 0.75 gains 0.0066 more, up in all 5 splits (macro F1 -0.0003,
# lines -0.0001, date -0.0008: one text in one split), and 1.0 0.0099 more, but macro F1
# -0.0011 and lines -0.0005, down in all 5 (all with the perceptron alone); with the sum
# of the perceptron and the random field, at a temperature of 1.5, 1.0 gained 0.0056
# over 0.75, up in all 5, and nothing else moved (0.5 lost 0.0047): at the sum's own
# temperature of 2, that is 0.75; and the lines where it is looked for (the first line
# of 422 of the corpus's 426 headlines is among the first 16; 32 lines measured the
# same)
_HEADLINE_COST = 0.75
_HEADLINE_WITHIN = 16


def _wrapped_disagreements(
    lines: Sequence[Line], labels: Sequence[str], confidences: Sequence[float]
) -> list[tuple[int, str]]:
    """For each line that carries on the sentence of the line above it (no blank line
    between: see :func:`continues_into`) of a paragraph or quotation but was given
    another type, the less sure of the two lines and the type of the surer."""
    out: list[tuple[int, str]] = []
    taken: set[int] = set()
    for i in range(1, len(lines)):
        line, above = lines[i], lines[i - 1]
        # the cheap tests first; (a line opening with a number may be the next item of a
        # numbered list)
        if (
            labels[i] == labels[i - 1]
            or line.blank_before
            or len(above.text) < _WRAPPED_WIDTH
            or not line.text[:1].islower()
            or not continues_into(above.text, line.text)
        ):
            continue
        surer, other = (i, i - 1) if confidences[i] >= confidences[i - 1] else (i - 1, i)
        if labels[surer] in _WRAPPED_KINDS and other not in taken:
            taken.add(other)
            out.append((other, labels[surer]))
    return out


# the shortest line a paragraph is wrapped at, and the types a wrapped paragraph's
# lines are read as that the type of the other lines follows
_WRAPPED_WIDTH = 50
_WRAPPED_KINDS = frozenset({"paragraph", "quote"})


def _holds_date(line: Line) -> bool:
    """Whether the rules read a date from *line*, or the fast path reads one in it."""
    return line.dated or _dates.fast_date(line.text) is not None


def _is_dated_dateline(line: Line, label: str) -> bool:
    """Whether *line*, given *label*, is a dateline that holds a date."""
    return "dateline" in label.split("+") and _holds_date(line)


# the most words of a line of the opening that is read for a date when no stamp holds one
# (a longer line counts where it opens with the date); and the line of prose the opening
# ends at
_DATED_LINE_WORDS = 12
_OPENING_PROSE = 3
# and the most lines it runs to where no prose ends it (a text of short lines): of the
# corpus texts that take their date from the opening, the deepest takes it from its
# fourth line; without a bound, 30,000 short numbered lines (``Item 12 of 84``) took
# 2.9 s to parse rather than 2.7 (measured side by side, three runs)
_OPENING_LINES = 64


# labels whose dates are another's: a post's, a quotation's, a linked story's
_DATED_ELSEWHERE = frozenset({"embed", "quote", "read_more"})


# how much the labels may lose (in the units of the model's temperature) for a line with
# a whole date to hold the dateline the article lacks: 0.5 gains date accuracy 0.004, 1.0
# 0.0055 and 1.5 0.007, the last losing 0.0016 of whole articles (5 fold splits by
# website, with the perceptron alone; 1.0 at the temperature of 1.5 of the sum of the
# perceptron and the random field it was measured with, which is 0.75 at the sum's own
# of 2); and the lines where it is looked for (16, 32 and 200 measured the same)
_DATELINE_COST = 0.75
_DATELINE_WITHIN = 16


def _whole_date(text: str, languages: Sequence[str] | None = None) -> bool:
    """Whether a date to the day is read in *text*: by the fast path, or, for a short
    line whose month names it does not know (``12 noiembrie 2019``, ``17 ก.พ. 2565``),
    by dateparser in *languages*, or else in those the line's words point to (measured
    across websites, 5 fold splits: date accuracy +0.0055, up in all 5; every other
    figure the same or up). It is asked only of the lines that may hold a dateless
    article's date."""
    return _dates.gives_day(_dates.parse_date(text, languages))


def _dated_opening_line(
    lines: Sequence[Line], labels: Sequence[str], languages: Sequence[str] | None = None
) -> int | None:
    """The first line of the opening that holds a whole date, for an article where no
    stamp does: a short line (``Trending 24th May 2019 by Valerie Loftus``), or one that
    opens with the date (``May 2, 2020By Guillaume Deprez, Art Historian; ...``); not a
    line labelled an embedded post, a quotation or a link, whose dates are theirs.

    The opening ends at the third line of prose: a standfirst (of one or two lines) or a
    caption may stand above the stamp; and, with no prose to end it, after
    ``_OPENING_LINES`` lines. Measured across websites, 5 fold splits: date
    accuracy 0.917 -> 0.921 and headline 0.847 -> 0.850 (the short line before the
    first prose); then +0.0039, up in all 5, with macro F1 +0.0007 (to the second prose
    line); then +0.0039 more, up in all 5 (a longer line that opens with its date); then
    +0.0031, up in 4 and down in none (to the third prose line; to the fifth gains one
    article more in one split of five)."""
    prose = 0
    for i, (line, label) in enumerate(zip(lines[:_OPENING_LINES], labels[:_OPENING_LINES], strict=True)):
        text = line.text
        if is_prose(text):
            prose += 1
            if prose == _OPENING_PROSE:
                return None
            continue
        if not _DATED_ELSEWHERE.isdisjoint(label.split("+")):
            continue
        if word_count(text) <= _DATED_LINE_WORDS:
            if _whole_date(text, languages):
                return i
            continue
        stamp = stamp_extent(text)
        if stamp is not None and stamp[0] == 0 and _whole_date(text[: stamp[1]], languages):
            return i
    return None


# how far below a glued headline its clean copy may stand, and the least of it that counts
_CLEAN_COPY_WITHIN = 5
_CLEAN_COPY_CHARS = 20


def _glued_headline(lines: Sequence[Line], labels: Sequence[str]) -> tuple[int, int] | None:
    """``(the first line labelled a headline, a line just below it)`` when the line
    below is the headline's text without what is glued to it: a part of it, at least
    half of it and ``_CLEAN_COPY_CHARS`` long."""
    first = next((i for i, label in enumerate(labels) if "headline" in label.split("+")), None)
    if first is None:
        return None
    glued = _headline_key(lines[first].text)
    for j in range(first + 1, min(len(lines), first + 1 + _CLEAN_COPY_WITHIN)):
        clean = _headline_key(lines[j].text)
        if clean != glued and len(clean) >= _CLEAN_COPY_CHARS and 2 * len(clean) >= len(glued) and clean in glued:
            return first, j
    return None


def _headline_key(text: str) -> str:
    """A headline's text as two printings of it compare: whatever the case and spacing."""
    return " ".join(text.casefold().split())


def _headline_copies(keys: Sequence[str], labels: Sequence[str]) -> list[int]:
    """The lines that print the first headline's text again (by their
    :func:`_headline_key`, *keys*) but were given another type."""
    first = next((i for i, label in enumerate(labels) if "headline" in label.split("+")), None)
    if first is None:
        return []
    key = keys[first]
    return [
        i
        for i, (other, label) in enumerate(zip(keys, labels, strict=True))
        if other == key and "headline" not in label.split("+")
    ]


# the types a line and its copy may differ by: a summary printed again as the story's
# first paragraph
_COPY_MAY_DIFFER = frozenset({"paragraph", "standfirst"})


def _disagreeing_copies(
    keys: Sequence[str], labels: Sequence[str], confidences: Sequence[float], required: Sequence[str | None]
) -> list[tuple[int, str]]:
    """:func:`_disagreeing` over the lines printed more than once in the text, by their
    :func:`_headline_key`, *keys* (a copy may be a standfirst where another is a
    paragraph)."""
    copies: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        copies.setdefault(key, []).append(i)
    return _disagreeing(copies.values(), labels, confidences, required, _COPY_MAY_DIFFER)


# a bullet or a number, then a space, opening a line: an item of a list (or a line of
# dialogue, whose dash opens every line of it alike)
_ITEM_MARK = regex.compile(rf"([{regex.escape(BULLETS)}]|\d{{1,2}}[.)])\s")


def _bullet_of(text: str) -> str | None:
    """The bullet that opens *text* (every number counts as one bullet), or ``None``."""
    match = _ITEM_MARK.match(text)
    if match is None:
        return None
    mark = match[1]
    return "1" if mark[0].isdigit() else mark


def _disagreeing_items(
    lines: Sequence[Line], labels: Sequence[str], confidences: Sequence[float], required: Sequence[str | None]
) -> list[tuple[int, str]]:
    """:func:`_disagreeing` over the runs of lines one after another that open with the
    same bullet. (In the labelled corpus, 66 of 70 such runs are of one type; the others
    end a summary box with a prompt to read more.)"""
    runs: list[list[int]] = []
    previous: str | None = None
    for i, line in enumerate(lines):
        mark = _bullet_of(line.text)
        if mark is not None and mark == previous:
            runs[-1].append(i)
        elif mark is not None:
            runs.append([i])
        previous = mark
    return _disagreeing(runs, labels, confidences, required)


def _disagreeing(
    groups: Iterable[Sequence[int]],
    labels: Sequence[str],
    confidences: Sequence[float],
    required: Sequence[str | None],
    may_differ: frozenset[str] = frozenset(),
) -> list[tuple[int, str]]:
    """For every group of lines that should be of one type but were given more than one
    (and not only types of *may_differ*), each line not given the surest line's type,
    with that type (the first of its types, for a line of two); a line another
    constraint holds leaves its group be."""
    out: list[tuple[int, str]] = []
    for group in groups:
        if len(group) < 2:
            continue
        kinds = {labels[i] for i in group}
        if len(kinds) < 2 or kinds <= may_differ or any(required[i] is not None for i in group):
            continue
        surest = max(group, key=lambda i: confidences[i])
        kind = labels[surest].split("+", 1)[0]
        out.extend((i, kind) for i in group if labels[i] != labels[surest])
    return out


def _further_headlines(lines: Sequence[Line], labels: Sequence[str]) -> list[str | None]:
    """``"headline"`` for every line labelled a headline after the first that does not
    repeat it: an article has one headline, which scrapes may print again."""
    first: str | None = None
    out: list[str | None] = [None] * len(lines)
    for i, (line, label) in enumerate(zip(lines, labels, strict=True)):
        if "headline" not in label.split("+"):
            continue
        key = _headline_key(line.text)
        if first is None:
            first = key
        elif key != first:
            out[i] = "headline"
    return out


# the labels of lines that begin the story
_STORY = frozenset({"paragraph", "quote"})


def _late_standfirsts(labels: Sequence[str]) -> list[str | None]:
    """``"standfirst"`` for every line labelled a standfirst after a line labelled a
    paragraph or a quotation: a standfirst opens the story (of the 208 standfirst lines
    of the labelled corpus, 1 stands after a paragraph and none after a quotation)."""
    out: list[str | None] = [None] * len(labels)
    story = False
    for i, label in enumerate(labels):
        if story and "standfirst" in label.split("+"):
            out[i] = "standfirst"
        story = story or label in _STORY
    return out


def _required(lines: Sequence[Line]) -> list[str | None]:
    """The types some lines certainly hold: the scrape's date field opening the first
    line is a dateline."""
    required: list[str | None] = [None] * len(lines)
    if lines and (lines[0].date_field or DATE_FIELD.match(lines[0].text) is not None):
        required[0] = "dateline"
    return required


def line_records(lines: Sequence[Block], read: Sequence[Block]) -> list[Line]:
    """Working records of the segmented *lines*, with what the rule reading *read* (the
    blocks after the rule stages) said of each."""
    records = [Line(b.text, b.span.start, b.span.end, b.blank_before) for b in lines]
    for record, after in zip(records, lines[1:], strict=False):
        record.blank_after = after.blank_before
    if records:
        records[-1].blank_after = True
        # the scrape's date field is certainly a dateline (a constraint, see _required):
        # what the model must tell is what the rest of its line is, so it reads that
        field = DATE_FIELD.match(records[0].text)
        rest = records[0].text[field.end() :].strip() if field is not None else ""
        if rest:
            records[0].text = rest
            records[0].date_field = True
    rule_readings(records, read)
    return records


def reconcile(
    lines: Sequence[Block],
    pieces: Sequence[Block],
    labels: Sequence[str],
    confidences: Sequence[float],
    languages: Sequence[str] | None = None,
) -> list[Block]:
    """The blocks of the article as the model labelled its *lines*: the rule reading's
    *pieces* of a line (what the classifier made of it, split or not) where their kinds
    are the label's types, else blocks made for the label."""
    verbs = _speech_verbs(languages)
    out: list[Block] = []
    j = 0
    for line, label, confidence in zip(lines, labels, confidences, strict=True):
        own: list[Block] = []
        while j < len(pieces) and pieces[j].span.start < line.span.end:
            if pieces[j].span.start >= line.span.start:
                own.append(pieces[j])
            j += 1
        types = frozenset(label.split("+"))
        if own and {p.kind for p in own} == types:
            out.extend(p.replace(confidence=confidence) for p in own)
            continue
        out.extend(_made(line, types, own, confidence, verbs))
    return out


@functools.cache
def _speech_verbs_of(languages: tuple[str, ...] | None) -> frozenset[str]:
    return _lexicons.load(languages).words_of("speech")


def _speech_verbs(languages: Sequence[str] | None) -> frozenset[str]:
    return _speech_verbs_of(tuple(languages) if languages is not None else None)


def _made(
    line: Block, types: frozenset[str], own: Sequence[Block], confidence: float, verbs: frozenset[str]
) -> list[Block]:
    if len(types) > 1 and "dateline" in types:
        rest = types - {"dateline"}
        kind = next(t for t in PRIMARY if t in rest)
        for split in (split_date_field, split_wire):
            parts = split(line)
            if len(parts) == 2:
                return [
                    parts[0].replace(confidence=confidence),
                    _typed(parts[1], kind, confidence, verbs),
                ]
        pieces = _split_dateline(line)
        if pieces is not None:
            return [_typed(p, "dateline" if k else kind, confidence, verbs) for p, k in pieces]
    if len(types) > 1 and "boilerplate" in types:
        # a kicker glued to the line (``Polizeieinsatz : Junge Männer …``)
        end = opening_end(line.text)
        if end is not None:
            kind = next(t for t in PRIMARY if t in types - {"boilerplate"})
            return [
                _typed(_part(line, 0, end), "boilerplate", confidence, verbs),
                _typed(_part(line, end, len(line.text)), kind, confidence, verbs),
            ]
    if len(types) > 1 and own and {p.kind for p in own} <= types:
        # no splitter splits the line as labelled: the rules' pieces agree as far as
        # they go (a stamp labelled dateline+paragraph stays the dateline it is)
        return [p.replace(confidence=confidence) for p in own]
    kind = next(t for t in PRIMARY if t in types)
    same = next((p for p in own if p.kind == kind and p.span == line.span), None)
    if same is not None:
        return [same.replace(confidence=confidence)]
    return [_typed(line, kind, confidence, verbs)]


def _split_dateline(line: Block) -> list[tuple[Block, bool]] | None:
    """The pieces of a line that holds a dateline and something else, each with whether
    it is the dateline: an opening of a few words when the line's date (if any) lies in
    it, else the date and time wherever they stand in the line."""
    text = line.text
    end = opening_end(text)
    stamp = stamp_extent(text)
    if end is not None and (stamp is None or stamp[1] <= end):
        bounds = [(0, end, True), (end, len(text), False)]
    elif stamp is not None:
        start, stop = stamp
        bounds = [(0, start, False), (start, stop, True), (stop, len(text), False)]
    else:
        return None
    pieces = [(_part(line, a, b), is_date) for a, b, is_date in bounds if text[a:b].strip()]
    return pieces if len(pieces) > 1 else None


def _part(line: Block, start: int, stop: int) -> Block:
    """The text of *line* from *start* to *stop* without its outer spaces, its span
    pointing where it stands."""
    piece = line.text[start:stop]
    stripped = piece.strip()
    at = line.span.start + start + len(piece) - len(piece.lstrip())
    return Block("paragraph", stripped, Span(at, at + len(stripped)), line.blank_before)


def _typed(block: Block, kind: str, confidence: float, verbs: frozenset[str]) -> Block:
    """*block* as *kind*, with the attributes its text gives that kind."""
    text = block.text
    if kind == "quote":
        start = block.span.start
        reading = read_quote(text)
        if reading is None:
            speech = read_unmarked_speech(text, verbs)
            at = speech.attribution
            return Block(
                kind,
                text,
                block.span,
                block.blank_before,
                attribution=Span(start + at[0], start + at[1]) if at else None,
                open_quote=speech.runs_on,
                lead_in=speech.starts,
                confidence=confidence,
            )
        attribution = (
            Span(start + reading.attribution[0], start + reading.attribution[1]) if reading.attribution else None
        )
        return Block(
            kind,
            text,
            block.span,
            block.blank_before,
            attribution=attribution,
            open_quote=reading.open_at_end,
            lead_in=reading.lead_in is not None,
            confidence=confidence,
        )
    if kind == "read_more":
        link = read_link(text)
        label, url = (link[0], link[2]) if link is not None else (None, None)
        return Block(kind, text, block.span, block.blank_before, label=label, url=url, confidence=confidence)
    if kind == "dateline":
        return Block(kind, text, block.span, block.blank_before, date=_dates.fast_date(text), confidence=confidence)
    if kind == "boilerplate":
        # what the furniture is, for ``removed``, where the pattern tables can tell
        return Block(kind, text, block.span, block.blank_before, reason=boilerplate_reason(text), confidence=confidence)
    return Block(kind, text, block.span, block.blank_before, confidence=confidence)

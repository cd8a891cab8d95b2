"""Stage 5: build the :class:`~articlekit.Article` from the cleaned blocks."""

from __future__ import annotations

from collections.abc import Sequence

from . import _dates
from ._blocks import Block
from ._lines import read_link, strip_bullet
from ._model import (
    Article,
    Attribution,
    BlockQuote,
    BodyBlock,
    Byline,
    Caption,
    Dateline,
    Embed,
    Heading,
    Headline,
    ListItem,
    Paragraph,
    ReadMore,
    Removed,
    Span,
    Standfirst,
)
from ._quotes import read_quote
from ._trace import CleanerTrace

__all__ = ["build"]

_SIMPLE_BODY: dict[str, type[Paragraph | Heading | Caption | Embed | ListItem]] = {
    "paragraph": Paragraph,
    "heading": Heading,
    "caption": Caption,
    "embed": Embed,
    "list_item": ListItem,
}


def build(
    blocks: Sequence[Block],
    source: str,
    languages: tuple[str, ...] | None = None,
    trace: tuple[CleanerTrace, ...] = (),
) -> Article:
    """Turn cleaned blocks into an article. Dropped blocks become ``removed`` entries;
    a block of a kind the body has no place for (furniture a cleaner kept, a second
    headline) is kept as a paragraph, so no text is lost."""
    dateline: Block | None = None
    headline = standfirst = byline = None
    datelines: list[Block] = []
    body: list[BodyBlock] = []
    removed: list[Removed] = []
    quotes: dict[int, list[Block]] = {}
    previous: Block | None = None
    for block in blocks:
        kind = block.kind
        if (
            kind == "standfirst"
            and standfirst is not None
            and not block.dropped_by
            and previous is not None
            and previous.kind == "standfirst"
            and not previous.dropped_by
        ):
            # a summary of several lines (bullet points, two paragraphs) is one standfirst
            standfirst = _extended(standfirst, block)
            previous = block
            continue
        previous = block
        if kind == "dateline":
            datelines.append(block)
        if block.dropped_by:
            removed.append(
                Removed(
                    block.span.of(source),
                    block.reason or "",
                    block.dropped_by,
                    block.span,
                    type=kind,
                    confidence=block.confidence,
                )
            )
        elif kind == "dateline" and dateline is None:
            dateline = block
        elif kind == "headline" and headline is None:
            headline = Headline(block.text, block.span, block.confidence)
        elif kind == "standfirst" and standfirst is None:
            standfirst = Standfirst(block.text, block.span, block.confidence)
        elif kind == "byline" and byline is None:
            byline = Byline(block.text, block.span, block.confidence)
        elif kind == "quote":
            key = block.group if block.group is not None else -block.span.start - 1
            quotes.setdefault(key, []).append(block)
        elif kind == "read_more":
            link = read_link(block.text)
            title = link[1] if link is not None else block.text
            body.append(ReadMore(title, block.span, label=block.label, url=block.url, confidence=block.confidence))
        elif kind == "list_item":
            body.append(ListItem(strip_bullet(block.text), block.span, block.confidence))
        else:
            # a second dateline, headline... that no cleaner dropped stays as text
            body.append(_SIMPLE_BODY.get(kind, Paragraph)(block.text, block.span, block.confidence))
    body.extend(_block_quote(members, source) for members in quotes.values())
    body.sort(key=lambda b: b.span.start)
    removed.sort(key=lambda r: r.span.start)
    primary = _dateline(dateline, datelines, languages) if dateline is not None else None
    return Article(primary, headline, standfirst, byline, tuple(body), tuple(removed), trace=trace, source=source)


def _extended(standfirst: Standfirst, block: Block) -> Standfirst:
    confidence = block.confidence
    if standfirst.confidence is not None and confidence is not None:
        confidence = min(standfirst.confidence, confidence)
    span = Span(standfirst.span.start, block.span.end)
    return Standfirst(standfirst.text + "\n" + block.text, span, confidence)


def _dateline(first: Block, blocks: list[Block], languages: tuple[str, ...] | None) -> Dateline:
    """The first dateline, its date filled out by the others (kept or dropped): one
    without a date takes the next one's, a month-only date field takes the full date of
    a stamp in the same month, and a date field takes the place and agency of a wire
    dateline."""
    date = first.date
    if date is None and not _dates.is_relative(first.text):
        date = _dates.parse_date(first.text, languages)
    place, agency = first.place, first.agency
    for other in blocks:
        if other is first:
            continue
        other_date = other.date
        if date is None and other_date is not None:
            # a dateline that gives no date (a bare "Published", "2 hours ago") takes
            # the date of the next that does
            date = other_date
        if date is not None and other_date is not None and not _dates.gives_day(date) and other_date.startswith(date):
            date = other_date[: _dates.DAY_LENGTH]
        if place is None and other.place is not None:
            place, agency = other.place, other.agency
    return Dateline(date=date, raw=first.text, span=first.span, place=place, agency=agency, confidence=first.confidence)


def _speech(text: str) -> str:
    """The speech of a quotation paragraph, without lead-in and marks (the text as
    the cleaners left it, should it no longer read as a quotation)."""
    reading = read_quote(text)
    return reading.speech if reading is not None else text


def _block_quote(members: list[Block], source: str) -> BlockQuote:
    attribution = None
    for block in members:
        if block.attribution is not None:
            attribution = Attribution(block.attribution.of(source), block.attribution)
            break
    paragraphs = tuple(Paragraph(_speech(b.text), b.span, b.confidence) for b in members)
    span = Span(members[0].span.start, members[-1].span.end)
    # the quotation is as sure as its least sure paragraph
    confidences = [b.confidence for b in members if b.confidence is not None]
    confidence = min(confidences) if confidences else None
    return BlockQuote(paragraphs=paragraphs, span=span, attribution=attribution, confidence=confidence)

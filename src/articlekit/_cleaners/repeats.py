"""Lines that repeat a part the article has only one of."""

from __future__ import annotations

from collections.abc import Sequence

from .._blocks import Block
from .._dates import DAY_LENGTH, gives_day
from .._pipeline import cleaner
from .._text import words

# how many characters of punctuation and spacing a repeated headline may differ by
_SLACK = 12


def _key(text: str) -> str:
    return " ".join(words(text.casefold()))


@cleaner("drop_repeated_headline")
def drop_repeated_headline(blocks: Sequence[Block]) -> list[Block]:
    """Drop lines that repeat the headline (scrapes often print it twice); they are
    listed in ``removed`` as type ``headline``.

    >>> from articlekit import parse
    >>> headline = "Harbour wall breached as storm floods seafront"
    >>> article = parse(f"{headline}\\n{headline}\\nThe sea wall gave way at dawn.")
    >>> [(r.type, r.reason) for r in article.removed]
    [('headline', 'repeated headline')]
    """
    headline = next((b for b in blocks if b.kind == "headline" and not b.dropped_by), None)
    if headline is None:
        return list(blocks)
    key = _key(headline.text)
    size = len(headline.text)
    out = []
    for block in blocks:
        if (
            block is not headline
            and not block.dropped_by
            and block.kind != "dateline"
            # a line the labeller labelled is a repeat only if it too is a headline
            and (block.confidence is None or block.kind == "headline")
            and abs(len(block.text) - size) <= _SLACK  # a repeat is about as long: skip the rest cheaply
            and _key(block.text) == key
        ):
            block = block.replace(kind="headline").drop("drop_repeated_headline", "repeated headline")
        out.append(block)
    return out


_FURTHER = {"headline": "further headline", "dateline": "further date stamp", "byline": "further byline"}


@cleaner("drop_repeats")
def drop_repeats(blocks: Sequence[Block]) -> list[Block]:
    """Keep the first headline, dateline and byline; drop later lines of those kinds
    (more date stamps, more bylines) into ``removed``. The first dateline takes what
    they add: a fuller date in the same month, a wire dateline's place and agency.

    Where the datelines the labeller found above the story's first paragraph give
    different whole dates, the one with the earliest is kept instead: a site's date of
    today printed above the story is later than the story's own, and so is an update
    (measured across websites, 5 fold splits: date accuracy +0.010, up in all 5; no
    other figure moves). The rules' own reading, which the labeller learns from, keeps
    the first (changed there too, line accuracy fell in all 5 fold splits)."""
    seen: set[str] = set()
    earliest = _earliest_labelled_dateline(blocks)
    if earliest is not None:
        seen.add("dateline")
    out = []
    for block in blocks:
        if block.kind in _FURTHER and not block.dropped_by and block is not earliest:
            if block.kind in seen:
                block = block.drop("drop_repeats", _FURTHER[block.kind])
            seen.add(block.kind)
        out.append(block)
    return out


def _earliest_labelled_dateline(blocks: Sequence[Block]) -> Block | None:
    """Of the kept datelines above the story's first paragraph, the one with the
    earliest whole date, where the labeller labelled them all and they give two whole
    dates or more; else ``None``."""
    story = next((b.span.start for b in blocks if b.kind in _STORY and not b.dropped_by), None)
    # a dateline under the story's first paragraph is a later entry's (a live page's)
    kept = [
        (i, b)
        for i, b in enumerate(blocks)
        if b.kind == "dateline" and not b.dropped_by and (story is None or b.span.start < story)
    ]
    if any(b.confidence is None for _, b in kept):
        return None
    dated = [(b.date[:DAY_LENGTH], i) for i, b in kept if b.date is not None and gives_day(b.date)]
    if len({date for date, _ in dated}) < 2:
        return None
    return blocks[min(dated)[1]]


_STORY = frozenset({"paragraph", "quote"})

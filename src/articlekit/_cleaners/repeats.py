"""Lines that repeat a part the article has only one of."""

from __future__ import annotations

from collections.abc import Sequence

from .._blocks import Block
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
    they add: a fuller date in the same month, a wire dateline's place and agency."""
    seen: set[str] = set()
    out = []
    for block in blocks:
        if block.kind in _FURTHER and not block.dropped_by:
            if block.kind in seen:
                block = block.drop("drop_repeats", _FURTHER[block.kind])
            seen.add(block.kind)
        out.append(block)
    return out

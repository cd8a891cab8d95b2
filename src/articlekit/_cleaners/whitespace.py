"""Whitespace inside a block: one space between words."""

from __future__ import annotations

from collections.abc import Sequence

from .._blocks import Block
from .._pipeline import cleaner


@cleaner("normalize_whitespace")
def normalize_whitespace(blocks: Sequence[Block]) -> list[Block]:
    """Turn every run of whitespace inside a block (tabs, non-breaking spaces, double
    spaces) into one space.

    >>> from articlekit import parse
    >>> parse("Storm \\u00a0hits\\tthe  coast").headline.text
    'Storm hits the coast'
    """
    out = []
    for block in blocks:
        text = block.text
        # printable means no tab, newline or other space than " ": most lines, at a glance
        if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
            out.append(block)
            continue
        text = " ".join(text.split())
        if text != block.text:
            block = block.replace(text=text)
        out.append(block)
    return out

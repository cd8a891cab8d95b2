"""Whitespace inside a block: one space between words."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .._blocks import Block
from .._pipeline import cleaner

_RUNS = regex.compile(r"\s{2,}|[^\S ]")


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
        text = _RUNS.sub(" ", block.text).strip()
        if text != block.text:
            block = block.replace(text=text)
        out.append(block)
    return out

"""Optional: one style of quotation mark (off by default: the original is the truth)."""

from __future__ import annotations

from collections.abc import Sequence

from .._blocks import Block
from .._pipeline import cleaner

_STRAIGHT = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2039": "'", "\u203a": "'",
        "\u2033": '"', "\u2032": "'",
    }
)  # fmt: skip


@cleaner("normalize_quotes")
def normalize_quotes(blocks: Sequence[Block]) -> list[Block]:
    """Make every quotation mark and apostrophe straight (``“…”``, ``„…“``, ``«…»``
    become ``"…"``; ``’`` becomes ``'``). Not in the default pipeline.

    >>> from articlekit import Parser, cleaners
    >>> parser = Parser(cleaners=cleaners.DEFAULT + ["normalize_quotes"])
    >>> parser.parse("Storm \\u201chits\\u201d coast").headline.text
    'Storm "hits" coast'
    """
    out = []
    for block in blocks:
        text = block.text.translate(_STRAIGHT)
        out.append(block.replace(text=text) if text != block.text else block)
    return out

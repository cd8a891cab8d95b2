"""Hard-wrapped text: lines of one paragraph joined again."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .._blocks import Block
from .._model import Span
from .._pipeline import cleaner

# a line that stops mid-sentence: no closing punctuation, quotation mark or colon
_OPEN_END = regex.compile(r"[\p{L}\p{N},;\-\u2013\u2014]$")
_CONTINUES = regex.compile(r"[\p{Ll}\p{N}(]")


def _joins(first: Block, second: Block) -> bool:
    return (
        first.kind == "paragraph"
        and second.kind == "paragraph"
        and not second.blank_before
        and not first.dropped_by
        and not second.dropped_by
        and _OPEN_END.search(first.text) is not None
        and _CONTINUES.match(second.text) is not None
    )


@cleaner("join_hard_wrapped")
def join_hard_wrapped(blocks: Sequence[Block]) -> list[Block]:
    """Join the lines of a hard-wrapped paragraph: a paragraph line that stops
    mid-sentence and is followed directly (no blank line) by one that starts in lower
    case. The joined paragraph's span covers all its lines.

    >>> from articlekit import parse
    >>> article = parse("Storm hits coast\\n\\nThe sea wall gave way at dawn and\\nwater poured into the lower town.")
    >>> [p.text for p in article.paragraphs]
    ['The sea wall gave way at dawn and water poured into the lower town.']
    """
    out: list[Block] = []
    for block in blocks:
        if out and _joins(out[-1], block):
            first = out[-1]
            joiner = "" if first.text.endswith("-") and block.text[:1].islower() else " "
            out[-1] = first.replace(text=first.text + joiner + block.text, span=Span(first.span.start, block.span.end))
        else:
            out.append(block)
    return out

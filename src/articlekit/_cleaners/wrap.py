"""Hard-wrapped text: lines of one paragraph joined again."""

from __future__ import annotations

from collections.abc import Sequence

from .._blocks import Block
from .._model import Span
from .._pipeline import cleaner
from .._quotes import read_quote
from .._text import continues_into


def _joins(first: Block, second: Block) -> bool:
    return (
        first.kind in ("paragraph", "quote")
        # the labeller types each line of a wrapped quotation a quote
        and (second.kind == "paragraph" or second.kind == first.kind == "quote")
        and not second.blank_before
        and not first.dropped_by
        and not second.dropped_by
        and continues_into(first.text, second.text)
    )


@cleaner("join_hard_wrapped")
def join_hard_wrapped(blocks: Sequence[Block]) -> list[Block]:
    """Join the lines of a hard-wrapped paragraph or quotation: a line that stops
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
            text = first.text + joiner + block.text
            joined = first.replace(text=text, span=Span(first.span.start, block.span.end))
            if first.kind == "quote":
                # the quotation may close on the joined line
                reading = read_quote(text)
                joined = joined.replace(open_quote=reading.open_at_end if reading else False)
            out[-1] = joined
        else:
            out.append(block)
    return out

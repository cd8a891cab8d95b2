"""Stage 1: cut the input into lines, each with the span of its non-blank content."""

from __future__ import annotations

from ._blocks import Block
from ._model import Span

__all__ = ["segment"]


def segment(text: str) -> list[Block]:
    """One ``paragraph`` block for every line that holds non-whitespace text.

    Lines end where :meth:`str.splitlines` ends them (``\\n``, ``\\r\\n``, ``\\r``,
    ``\\u2028``, form feeds ...); a block's span excludes the line's surrounding
    whitespace, so every non-whitespace character lies in exactly one block.

    >>> [(b.text, b.span.of(" a\\r\\n\\n  b c ")) for b in segment(" a\\r\\n\\n  b c ")]
    [('a', 'a'), ('b c', 'b c')]
    """
    blocks: list[Block] = []
    pos = 0
    blank = True
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + len(line) - len(line.lstrip())
            blocks.append(Block("paragraph", stripped, Span(start, start + len(stripped)), blank_before=blank))
            blank = False
        else:
            blank = True
        pos += len(line)
    return blocks

"""Stage 2: normalise each line's text for reading, keeping every offset.

The spaces a scrape writes in other ways (a no-break space in ``READ\u00a0MORE:``, a
thin or ideographic space) are read as plain spaces, so that no pattern and no feature
has to know them. Each character is replaced by one character, so an offset into the
normalised text is an offset into the input: spans stay exact. (Composing characters
and dropping invisible ones change lengths; the ``normalize_unicode`` cleaner does that
to the text the article keeps.) Once the lines are read, :func:`restore` gives the
blocks their text as written again, so that the cleaners change it, and the trace says
what they changed.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._blocks import Block

__all__ = ["normalise", "restore"]

# every space separator but the space itself (Unicode category Zs)
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_TO_SPACE = str.maketrans(dict.fromkeys(_SPACES, " "))


def normalise(blocks: list[Block]) -> list[Block]:
    """*blocks* with their text normalised for reading, character for character; the
    very list given when no line changes (so a caller knows there is nothing to
    :func:`restore`).

    >>> from articlekit._segment import segment
    >>> [b.text for b in normalise(segment("READ\\u00a0MORE: Storm\\u2009hits coast"))]
    ['READ MORE: Storm hits coast']
    """
    out = None
    for i, block in enumerate(blocks):
        text = block.text
        if text.isascii():
            continue
        normal = text.translate(_TO_SPACE)
        if normal != text:
            if out is None:
                out = list(blocks)
            out[i] = block.replace(text=normal)
    return blocks if out is None else out


def restore(blocks: Sequence[Block], source: str) -> list[Block]:
    """*blocks* with the text :func:`normalise` changed set back to the input's."""
    out = []
    for block in blocks:
        text = block.text
        written = block.span.of(source)
        if written != text and not written.isascii() and written.translate(_TO_SPACE) == text:
            block = block.replace(text=written)
        out.append(block)
    return out

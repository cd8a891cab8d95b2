"""Optional: mojibake repair with ftfy (``pip install 'articlekit[ftfy]'``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._blocks import Block
from .._pipeline import cleaner
from ..errors import MissingExtraError


def _ftfy() -> Any:
    try:
        import ftfy
    except ImportError:
        raise MissingExtraError(
            "the repair_mojibake cleaner needs ftfy, which is not installed; "
            "install it with: pip install 'articlekit[ftfy]'"
        ) from None
    return ftfy


@cleaner("repair_mojibake")
def repair_mojibake(blocks: Sequence[Block]) -> list[Block]:
    """Repair text decoded with the wrong encoding (``ItÃ¢â‚¬â„¢s`` → ``It’s``) with
    ftfy. Needs the ``ftfy`` extra; not in the default pipeline.

    >>> from articlekit import Parser, cleaners
    >>> parser = Parser(cleaners=cleaners.DEFAULT.insert_before("normalize_unicode", cleaners.get("repair_mojibake")))
    >>> parser.parse("Itâ€™s a record crowd at the stadium").headline.text
    'It’s a record crowd at the stadium'
    """
    ftfy = _ftfy()
    out = []
    for block in blocks:
        text = block.text
        # plain ASCII cannot hold mojibake; skip ftfy's work on it
        if not text.isascii():
            # only the encoding repairs: curly quotes and the rest stay as written
            fixed = ftfy.fix_text(text, normalization=None, uncurl_quotes=False)
            if fixed != text:
                block = block.replace(text=fixed)
        out.append(block)
    return out

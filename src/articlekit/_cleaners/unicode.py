"""Unicode normalisation: NFC, and no invisible characters."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import regex

from .._blocks import Block
from .._pipeline import cleaner

# zero-width spaces and joiners, the BOM, soft hyphens, bidi controls, and C0/C1
# control characters (tab, newline and friends are whitespace and handled elsewhere)
_INVISIBLE = regex.compile(r"[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e\u2066-\u2069\p{Cc}--\s]", regex.V1)


@cleaner("normalize_unicode")
def normalize_unicode(blocks: Sequence[Block]) -> list[Block]:
    """Compose characters (NFC: ``e`` + combining acute becomes ``é``) and remove
    zero-width characters, soft hyphens, byte order marks, direction marks and control
    characters from each block's text.

    >>> from articlekit import parse
    >>> parse("Cafe\\u0301 owner fined\\u200b over noise").headline.text
    'Café owner fined over noise'
    """
    out = []
    for block in blocks:
        text = block.text
        # every invisible character is unprintable (format or control): a printable,
        # composed line has nothing to do, as most lines
        if text.isprintable() and (text.isascii() or unicodedata.is_normalized("NFC", text)):
            out.append(block)
            continue
        # invisible characters go first, so that what they kept apart composes
        cleaned = _INVISIBLE.sub("", text)
        if not cleaned.isascii():
            cleaned = unicodedata.normalize("NFC", cleaned)
        cleaned = cleaned.strip()
        if cleaned != text:
            block = block.replace(text=cleaned)
        out.append(block)
    return out

"""The built-in cleaners, one small module each."""

from __future__ import annotations

from .furniture import detect_captions, detect_embeds, drop_boilerplate
from .mojibake import repair_mojibake
from .quotes import normalize_quotes
from .repeats import drop_repeated_headline, drop_repeats
from .unicode import normalize_unicode
from .whitespace import normalize_whitespace
from .wrap import join_hard_wrapped

__all__ = [
    "BUILT_IN",
    "DEFAULT_ORDER",
    "detect_captions",
    "detect_embeds",
    "drop_boilerplate",
    "drop_repeated_headline",
    "drop_repeats",
    "join_hard_wrapped",
    "normalize_quotes",
    "normalize_unicode",
    "normalize_whitespace",
    "repair_mojibake",
]

#: What ``parse`` runs, in order: normalise the text, rebuild wrapped paragraphs, then
#: recognise posts and captions before dropping furniture and repeats.
DEFAULT_ORDER = (
    normalize_unicode,
    join_hard_wrapped,
    normalize_whitespace,
    detect_embeds,
    detect_captions,
    drop_boilerplate,
    drop_repeated_headline,
    drop_repeats,
)

#: Every built-in cleaner, default or not.
BUILT_IN = (*DEFAULT_ORDER, repair_mojibake, normalize_quotes)

# The cleaners are objects, not functions, so doctest would not find their examples:
# name them here for it.
__test__ = {c.name: c.doc for c in BUILT_IN}

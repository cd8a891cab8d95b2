"""Cleaners: named, composable steps between reading an article and building it.

>>> from articlekit import cleaners
>>> cleaners.DEFAULT.names[:3]
('normalize_unicode', 'join_hard_wrapped', 'normalize_whitespace')
>>> "repair_mojibake" in cleaners.available()
True

A cleaner is any object with a ``name`` that is called with the blocks and returns
blocks; :func:`cleaner` makes one of a function. :class:`Pipeline` orders them;
:data:`DEFAULT` is what :func:`articlekit.parse` runs. Other packages register
cleaners under the entry-point group ``articlekit.cleaners``; :func:`get` finds them
by name.
"""

from __future__ import annotations

from ._cleaners import DEFAULT_ORDER as _DEFAULT_ORDER
from ._cleaners import (
    detect_captions,
    detect_embeds,
    drop_boilerplate,
    drop_repeated_headline,
    drop_repeats,
    join_hard_wrapped,
    normalize_quotes,
    normalize_unicode,
    normalize_whitespace,
    repair_mojibake,
)
from ._pipeline import Cleaner, FunctionCleaner, Pipeline, cleaner
from ._registry import ENTRY_POINT_GROUP, available, get, refresh
from ._trace import Change, CleanerTrace

__all__ = [
    "DEFAULT",
    "ENTRY_POINT_GROUP",
    "Change",
    "Cleaner",
    "CleanerTrace",
    "FunctionCleaner",
    "Pipeline",
    "available",
    "cleaner",
    "detect_captions",
    "detect_embeds",
    "drop_boilerplate",
    "drop_repeated_headline",
    "drop_repeats",
    "get",
    "join_hard_wrapped",
    "normalize_quotes",
    "normalize_unicode",
    "normalize_whitespace",
    "refresh",
    "repair_mojibake",
]

#: The pipeline :func:`articlekit.parse` runs.
DEFAULT = Pipeline(_DEFAULT_ORDER)

#: The rule-based cleaners whose verdicts the labeller reads as features.
RULES = Pipeline(_DEFAULT_ORDER)

"""Recognising page furniture, embedded posts and captions line by line, from the
pattern tables. The cleaners act on what this finds; the classifier asks it so as not
to take furniture for a headline or a crosshead."""

from __future__ import annotations

import regex

from ._tables import (
    BOILERPLATE,
    CAPTION_END,
    CAPTION_END_ENDINGS,
    CAPTION_END_MARKS,
    CAPTION_OPENINGS,
    CAPTION_START,
    EMBED,
    EMBED_HOLDS,
    EMBED_OPENINGS,
    LONG_FURNITURE,
    POST_SIGNATURE,
    SHORT_FURNITURE,
    FurnitureGate,
)
from ._text import CASELESS, DOTTED_I, Openings, holds_any, per_line

__all__ = ["boilerplate_reason", "furniture", "is_caption", "is_embed", "is_post_signature"]

_I = CASELESS

# short lines: the reasons that only fill a short line, as one alternation
_SHORT_ONLY = [(reason, p) for reason, p in BOILERPLATE if reason not in LONG_FURNITURE]
_BOILERPLATE = regex.compile("|".join(f"(?P<b{i}>{p})" for i, (_, p) in enumerate(_SHORT_ONLY)), _I)
_REASONS = {f"b{i}": reason for i, (reason, _) in enumerate(_SHORT_ONLY)}
# long lines: each reason's patterns as one alternation, tried where its gate lets the line
# pass (every gate lets a line with a dotted capital I pass: see DOTTED_I)
_LONG = tuple(
    (
        reason,
        gate._replace(holds=(DOTTED_I, *gate.holds)),
        regex.compile("|".join(f"(?:{p})" for r, p in BOILERPLATE if r == reason), _I),
    )
    for reason, gate in LONG_FURNITURE.items()
)
# every gate at once, so that most lines are let go after a handful of tests
_ANY_OPENS = tuple(sorted({o for _, gate, _ in _LONG for o in gate.opens}))
_ANY_HOLDS = tuple(sorted({h for _, gate, _ in _LONG if gate.max_chars is None for h in gate.holds}))
_BOUNDED = max(gate.max_chars or 0 for _, gate, _ in _LONG)
_BOUNDED_HOLDS = tuple(sorted({h for _, gate, _ in _LONG if gate.max_chars is not None for h in gate.holds}))


_EMBED_HOLDS = (DOTTED_I, *EMBED_HOLDS)


def _passes(gate: FurnitureGate, text: str, folded: str) -> bool:
    if gate.max_chars is not None and len(text) > gate.max_chars:
        return False
    return folded.startswith(gate.opens) or holds_any(folded, gate.holds)


def _long_reason(text: str) -> str | None:
    """The reason of the first long furniture kind whose patterns match *text*."""
    folded = text.casefold()
    if not (
        folded.startswith(_ANY_OPENS)
        or holds_any(folded, _ANY_HOLDS)
        or (len(text) <= _BOUNDED and holds_any(folded, _BOUNDED_HOLDS))
    ):
        return None  # most lines: no gate lets them pass
    for reason, gate, pattern in _LONG:
        if _passes(gate, text, folded) and pattern.fullmatch(text) is not None:
            return reason
    return None


_CAPTION_START = regex.compile("|".join(f"(?:{p})" for p in CAPTION_START), _I)
# the end patterns searched backwards from the end of the line (the regex module's (?r)):
# each fails at once where the line does not end, so a long line costs little
_CAPTION_END = regex.compile("(?r)" + "|".join(f"(?:{p})" for p in CAPTION_END), _I)

_EMBED = regex.compile("|".join(f"(?:{p})" for p in EMBED), _I)
_SIGNATURE = regex.compile(POST_SIGNATURE, _I)
_EMBED_OPENINGS = Openings(EMBED_OPENINGS)

# captions are short; the caption patterns are searched in lines up to this long only
_CAPTION_MAX = 300
_CLOSING_QUOTES = "\"'\u201d\u2019\u00bb"
_CAPTION_OPENINGS = Openings(CAPTION_OPENINGS)
# how every caption end pattern's match ends, as one pattern tried at the end of the line
_CAPTION_ENDING = regex.compile(
    "(?r)(?:" + "|".join(sorted(map(regex.escape, CAPTION_END_ENDINGS), key=len, reverse=True)) + r")\s*$", _I
)


def _may_end_caption(text: str) -> bool:
    """Whether a caption end pattern may match *text*: see CAPTION_END_ENDINGS."""
    return holds_any(text, CAPTION_END_MARKS) or _CAPTION_ENDING.match(text) is not None


def _may_open_caption(text: str) -> bool:
    """Whether a caption start pattern may match *text*: see CAPTION_OPENINGS."""
    return ("/" in text and len(text) <= 120) or _CAPTION_OPENINGS.open(text)


@per_line
def boilerplate_reason(text: str) -> str | None:
    """Why the whole line *text* is site furniture (``advertisement``, ``newsletter``
    ...), or ``None``.

    >>> boilerplate_reason("Sign up to our daily newsletter"), boilerplate_reason("Storm hits coast")
    ('newsletter', None)
    """
    reason = _long_reason(text)
    if reason is not None:
        return reason
    if len(text) > SHORT_FURNITURE:
        return None
    match = _BOILERPLATE.fullmatch(text)
    if match is None:
        return None
    return next(_REASONS[name] for name, value in match.groupdict().items() if value is not None)


@per_line
def is_caption(text: str) -> bool:
    """Whether *text* is a picture caption or credit (``(Image: Getty)``)."""
    if len(text) > _CAPTION_MAX:
        return False
    if _may_open_caption(text) and _CAPTION_START.match(text) is not None:
        return True
    # no end pattern can match a line that ends a sentence with a full stop (a quotation
    # may close after it), unless a dash introduces its credit ("— AFP pic."): most lines
    # of prose skip the search
    if text.rstrip().rstrip(_CLOSING_QUOTES).endswith(".") and "\u2014" not in text and "\u2013" not in text:
        return False
    return _may_end_caption(text) and _CAPTION_END.search(text) is not None


@per_line
def is_embed(text: str) -> bool:
    """Whether *text* is a line of an embedded social-media post."""
    if not (_EMBED_OPENINGS.open(text) or holds_any(text.casefold(), _EMBED_HOLDS)):
        return False  # most lines: see EMBED_OPENINGS
    return _EMBED.search(text) is not None


def is_post_signature(text: str) -> bool:
    """Whether *text* signs an embedded post: ``— Jane Smith (@jane) May 15, 2021``."""
    return text[:1] in "\u2014\u2013-" and _SIGNATURE.search(text) is not None


@per_line
def furniture(text: str) -> str | None:
    """The furniture kind of *text* (``embed``, ``boilerplate`` or ``caption``), or ``None``."""
    if is_embed(text):
        return "embed"
    if boilerplate_reason(text) is not None:
        return "boilerplate"
    if is_caption(text):
        return "caption"
    return None

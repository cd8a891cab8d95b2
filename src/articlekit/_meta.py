"""A line of front matter that holds several things run together: a byline or the
source of the story, a date or time stamp, and page furniture::

    by The Associated Press | Today at 12:13 p.m. 0comments
    Quelle: Bayern 2 Nachrichten, 22.07.2021 16:00 Uhr
    Nachrichtenarchiv - 22.07.2021 16:00 Uhr Aktuelle Nachrichten

The stamp is the run of words that only a stamp uses (numbers, month and weekday
names, ``at``, ``Uhr``, ``Published`` ...) around a date or a time; the text on either
side of it, cut at separators, must each be a byline, a source, furniture (a short
label, a comment counter, a boilerplate phrase) or more of the dateline (a second stamp,
the place in capitals), or the line is left whole. A publication's name just before
the stamp is its masthead and stays with it.
"""

from __future__ import annotations

import regex

from . import _dates
from ._blocks import Block
from ._furniture import boilerplate_reason
from ._lines import SOURCE, is_person, is_stamp_word, looks_like_byline
from ._model import Span
from ._tables import META_SEPARATORS, ORGANISATION_WORDS
from ._text import CASELESS, SENTENCE_END, words

__all__ = ["split_meta"]

_TOKEN = regex.compile(r"\S+")
_TIME_OR_DATE = regex.compile(r"\d{1,2}[:.h]\d{2}|\d{4}|\d{1,2}\s*[ap]\.?m\b", CASELESS)
# longer lines are prose, not front matter
_MAX_CHARS = 160
_MAX_LABEL_WORDS = 3
_DATELINE = ("dateline", None)


def _is_separator(token: str) -> bool:
    return all(ch in META_SEPARATORS for ch in token)


def _stamp_run(tokens: list[regex.Match[str]]) -> tuple[int, int] | None:
    """The first run of stamp tokens that holds a date or a time: (first, last + 1)."""
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and _is_stamp_token(tokens[j][0]):
            j += 1
        if j > i:
            text = " ".join(t[0] for t in tokens[i:j])
            # (every date and time form has such digits: a cheap test before reading it)
            if _TIME_OR_DATE.search(text) and (_dates.fast_date(text) or _dates.has_time(text)):
                return i, j
            i = j
        else:
            i += 1
    return None


def _is_stamp_token(token: str) -> bool:
    parts = words(token.strip(META_SEPARATORS))
    return bool(parts) and all(is_stamp_word(w) for w in parts)


def _part_kind(text: str) -> tuple[str, str | None] | None:
    """What a part beside the stamp is: (kind, reason), or ``None`` if it is none of
    byline, source or furniture."""
    tokens = list(_TOKEN.finditer(text))
    if _stamp_run(tokens) == (0, len(tokens)):
        return _DATELINE  # a second stamp: "| UPDATED: 11:00 BST, 18 May 2021"
    reason = boilerplate_reason(text)
    if reason is not None:
        return "boilerplate", reason
    if SOURCE.match(text) or looks_like_byline(text) or is_person(text):
        return "byline", None
    named = words(text)
    if 1 <= len(named) <= _MAX_LABEL_WORDS and text.isupper():
        return _DATELINE  # the place of a dateline: "Updated 01:39 pm IST - BHUBANESWAR"
    if 1 <= len(named) <= _MAX_LABEL_WORDS and not SENTENCE_END.search(text) and text[:1].isupper():
        return "boilerplate", "label"
    return None


def _pieces(text: str, tokens: list[regex.Match[str]]) -> list[tuple[int, int]]:
    """Cut a stretch of tokens at separators (a separator token, or a comma that ends
    one); (start, end) offsets of the pieces, without the separators."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    for token in tokens:
        word = token[0]
        if _is_separator(word):
            if start is not None:
                out.append((start, end))
            start = None
            continue
        if start is None:
            start = token.start()
        end = token.end()
        if word[-1] in ",;|" and len(word) > 1:
            out.append((start, end - 1))
            start = None
    if start is not None:
        out.append((start, end))
    return [(s, e) for s, e in out if text[s:e].strip(META_SEPARATORS + " ")]


def split_meta(block: Block) -> list[Block]:
    """Split a line read as a byline or a stamp into its byline, stamp and furniture
    blocks, when it holds more than one; else ``[block]``."""
    text = block.text
    if len(text) > _MAX_CHARS:
        return [block]
    tokens = list(_TOKEN.finditer(text))
    run = _stamp_run(tokens)
    if run is None:
        return [block]
    first, last = run
    stamp_start, stamp_end = tokens[first].start(), tokens[last - 1].end()
    before = _pieces(text, tokens[:first])
    after = _pieces(text, tokens[last:])
    found = [_part_kind(_trim(text, piece)[0]) for piece in (*before, *after)]
    kinds = [kind for kind in found if kind is not None]
    if len(kinds) < len(found):
        return [block]
    if before and kinds[len(before) - 1] == ("boilerplate", "label") and _names_publication(text, before[-1]):
        # "The Washington Times - Thursday, April 25, 2024": the masthead's date line
        kinds[len(before) - 1] = _DATELINE
    pieces = [*before, (stamp_start, stamp_end), *after]
    kinds.insert(len(before), _DATELINE)
    # the parts of one dateline side by side ("18 May 2021 | Updated 10:32 IST - DELHI")
    merged: list[tuple[int, int]] = []
    merged_kinds: list[tuple[str, str | None]] = []
    for where, kind in zip(pieces, kinds, strict=True):
        if merged and kind == merged_kinds[-1] == _DATELINE:
            merged[-1] = (merged[-1][0], where[1])
        else:
            merged.append(where)
            merged_kinds.append(kind)
    pieces, kinds = merged, merged_kinds
    if len(pieces) < 2:
        return [block]
    start = block.span.start
    trimmed = [_trim(text, piece) for piece in pieces]
    out: list[Block] = []
    for i, ((piece, left), kind) in enumerate(zip(trimmed, kinds, strict=True)):
        # the separators after a piece belong to its span, so that no text is lost
        left = 0 if i == 0 else left
        right = len(text[: trimmed[i + 1][1]].rstrip()) if i + 1 < len(trimmed) else len(text)
        date = _dates.fast_date(piece) if kind[0] == "dateline" else None
        out.append(
            Block(
                kind[0],
                piece,
                Span(start + left, start + right),
                blank_before=block.blank_before and i == 0,
                reason=kind[1],
                date=date,
            )
        )
    return out


def _trim(text: str, piece: tuple[int, int]) -> tuple[str, int]:
    """The piece's text without separators at its ends, and where that starts."""
    left, right = piece
    trimmed = text[left:right].strip(META_SEPARATORS + " ")
    return trimmed, left + text[left:right].index(trimmed)


def _names_publication(text: str, piece: tuple[int, int]) -> bool:
    tokens = words(text[piece[0] : piece[1]])
    return bool(tokens) and tokens[-1].lower() in ORGANISATION_WORDS

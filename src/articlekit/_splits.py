"""Where a line that holds two things divides, when the labeller says it holds two and
neither the scrape's date field nor a known wire dateline marks the place.

Two readings, both bounded to the start of a line or to a date's own characters:

* an *opening*: a few words (a place, a kicker, a bracketed agency or date) ended by a
  dash, a double dash, ``>>``, a colon or a bar: ``DETROIT (WXYZ) —``, ``(KTLA) –``,
  ``Jan 11 -``, ``Polizeieinsatz :``;
* a *stamp*: the date and time inside the line, with the stamp words and separators
  around it: ``Author: Claire Hannah | Published 14th Jun 2021``,
  ``22:32 , Daniel Keane``.
"""

from __future__ import annotations

import functools

import regex

from . import _lexicons

__all__ = ["opening_end", "stamp_extent"]

# the separators an opening ends with; a dash needs a space before it (a hyphenated word
# is no separator), a double dash or a long dash does not
_SEPARATOR = regex.compile(r"(?:-{2,}|[\u2013\u2014]|(?<=\s)-(?=\s)|>>|:(?=\s)|\|)\s*")
# an opening is this many words at most, and is looked for this far into the line
_OPENING_WORDS = 12
_HEAD = 120
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}.'\u2019-]*")
# words an opening may hold in lower case: connectives of place names and short words of
# stamps (``at``, ``of``, ``de``)
_SHORT = 3

# a date or a time, by its digits; month names are checked against the lexicons
_CLOCK = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AaPp]\.?\s?[Mm]\.?)?"
_NUMERIC = r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}"
_NAMED = (
    r"\d{1,2}(?:st|nd|rd|th)?\.?\s+(?P<m1>\p{L}{3,12})\.?,?\s+\d{4}"
    r"|(?P<m2>\p{L}{3,12})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
)
_STAMP = regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{_NAMED}|{_NUMERIC}|{_CLOCK})(?![\p{{N}}])")
# two pieces of one stamp are this close ("22.08.2023 - 15:45", "May 2, 2020 at 7:00 PM")
_JOIN = 12
# what a stamp takes with it on either side
_SEPARATORS = " \t,;|/\u00b7\u2022-\u2013\u2014"
_BEFORE = _SEPARATORS + "(["
_AFTER = _SEPARATORS + ")]"


# an abbreviation is a word's first letters, this many at least (``Jun``, ``Mon``)
_ABBREVIATION = 3


@functools.cache
def _names(*kinds: str) -> frozenset[str]:
    """The lexicons' words of *kinds*, case-folded."""
    lexicon = _lexicons.load()
    return frozenset().union(*(lexicon.words_of(kind) for kind in kinds))


@functools.cache
def _names_and_abbreviations(*kinds: str) -> frozenset[str]:
    """The words of *kinds* and every abbreviation of them."""
    names = _names(*kinds)
    return names | {w[:n] for w in names for n in range(_ABBREVIATION, len(w))}


def _stamp_words() -> frozenset[str]:
    return _names("month", "weekday", "stamp")


def _is_month(word: str | None) -> bool:
    return word is None or word.casefold() in _names_and_abbreviations("month")


def opening_end(text: str) -> int | None:
    """Where an opening of a few words and a separator ends (the index after the
    separator and its spaces), or ``None``: the words must read as a place, a label or a
    stamp (no long word in lower case: ``22:47Venus closes it -`` is no opening)."""
    for match in _SEPARATOR.finditer(text, 0, _HEAD):
        head = text[: match.start()]
        if not head.strip():
            continue
        found = _WORD.findall(_without_brackets(head))
        if len(found) > _OPENING_WORDS:
            return None
        if any(w[:1].islower() and len(w) > _SHORT and w.casefold() not in _stamp_words() for w in found):
            return None
        return match.end() if match.end() < len(text) else None
    return None


def _without_brackets(text: str) -> str:
    """*text* without what stands in brackets (an agency, a date, a region)."""
    out = []
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def stamp_extent(text: str) -> tuple[int, int] | None:
    """The extent of the date and time in *text*, with the stamp words before it
    (``Published``, ``Updated:``, a weekday) and the separators around it, or ``None``."""
    start = end = -1
    for match in _STAMP.finditer(text):
        if not (_is_month(match["m1"]) and _is_month(match["m2"])):
            continue
        if start < 0:
            start, end = match.start(), match.end()
        elif match.start() - end <= _JOIN:
            end = match.end()
        else:
            break
    if start < 0:
        return None
    start = _words_before(text, start)
    while start > 0 and text[start - 1] in _BEFORE:
        start -= 1
    while end < len(text) and text[end] in _AFTER:
        end += 1
    return start, end


def _words_before(text: str, start: int) -> int:
    """*start* moved back over the stamp and weekday words just before it."""
    words = _names_and_abbreviations("month", "weekday", "stamp")
    while True:
        at = start
        while at > 0 and text[at - 1] in _BEFORE + ":":
            at -= 1
        word_start = at
        while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
            word_start -= 1
        word = text[word_start:at].rstrip(".").casefold()
        if word not in words:
            return start
        start = word_start

"""Small measures of a line of text that several stages share."""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any, TypeVar, cast

import regex

__all__ = [
    "CASELESS",
    "DOTTED_I",
    "SENTENCE_END",
    "Openings",
    "continues_into",
    "fold",
    "holds_any",
    "is_prose",
    "is_title_like",
    "iter_words",
    "line_scope",
    "per_line",
    "sentences",
    "word_count",
    "words",
]

# Case-insensitive, but with simple case folding only: full folding (VERSION1's default)
# lets "ss" match "ß" in more than one way, and a line of capital S's then backtracks
# exponentially (found by the fuzzer). Every case-insensitive table pattern uses this.
CASELESS = regex.IGNORECASE | regex.VERSION0

_WORDS = regex.compile(r"\w[\w\u2019'-]*")
# The same words in ASCII text, where the regex module's Unicode \w is [A-Za-z0-9_]:
# the standard library's engine finds them in half the time, and most lines of a
# corpus in English are ASCII (tests/test_speed_paths.py compares the two).
_ASCII_WORDS = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_'-]*")
# (format characters such as direction marks may trail a line unseen)
# (searched backwards, (?r): it can only match at the end, so it looks only there)
SENTENCE_END = regex.compile(r"(?r)[.!?\u2026][\"\u201d\u2019')\]]*\p{Cf}*$")
# a line that stops mid-sentence, and one that carries on a sentence
_OPEN_END = regex.compile(r"(?r)[\p{L}\p{N},;\-\u2013\u2014]\p{Cf}*$")
_CONTINUES = regex.compile(r"\p{Cf}*[\p{Ll}\p{N}]")
_FORMAT = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e"
_SENTENCE_BREAK = regex.compile(r"[.!?][\"\u201d\u2019]?\s+(?=[\"\u201c\u2018(]?\p{Lu})")


# --- one answer per line -----------------------------------------------------------------

F = TypeVar("F", bound=Callable[[str], Any])

# Each function remembers its answers for lines of at most _SHORT characters between
# parses, up to _REMEMBERED_LINES of them; a parse of a long text may remember as many as
# it has lines (line_scope), so that its later stages find what its first stage asked.
# Longer lines, and whatever a parse remembered beyond the bound, are forgotten when the
# parse ends: a cache must not keep a huge input alive after its parse.
_SHORT = 2_000
_REMEMBERED_LINES = 8_192
_MISSING = object()
_CAPACITY: ContextVar[int] = ContextVar("articlekit_line_capacity", default=_REMEMBERED_LINES)
_SHORT_CACHES: list[dict[str, Any]] = []
_LONG_CACHES: list[dict[str, Any]] = []


def per_line(function: F) -> F:
    """Remember *function*'s answer for recent lines, since several stages ask the same
    question of the same line (and site furniture repeats from article to article).

    *function* must be a pure function of its text. The cache is bounded and shared by
    every parse in the process: concurrent parses may both compute an answer, never a
    wrong one.
    """
    short: dict[str, Any] = {}
    long: dict[str, Any] = {}
    _SHORT_CACHES.append(short)
    _LONG_CACHES.append(long)

    @functools.wraps(function)
    def remembered(text: str) -> Any:
        cache = short if len(text) <= _SHORT else long
        value = cache.get(text, _MISSING)
        if value is _MISSING:
            value = function(text)
            if len(cache) >= _CAPACITY.get():
                cache.clear()
            cache[text] = value
        return value

    return cast(F, remembered)


@contextlib.contextmanager
def line_scope(lines: int) -> Iterator[None]:
    """The scope of one parse of a text of *lines* lines: inside it, each cache may hold
    an answer for every line the parse asks about; at its end, what is over the bound
    between parses is forgotten."""
    token = _CAPACITY.set(max(_REMEMBERED_LINES, 4 * lines))
    try:
        yield
    finally:
        _CAPACITY.reset(token)
        for cache in _LONG_CACHES:
            cache.clear()
        for cache in _SHORT_CACHES:
            if len(cache) > _REMEMBERED_LINES:
                cache.clear()


# A capital I with a dot (U+0130) matches "i" in a caseless pattern, but case-folds to
# "i" and a combining dot above: every shortcut lets a line that has one pass.
DOTTED_I = "\u0307"


def fold(word: str) -> str:
    """*word* case-folded for looking it up in a list of words: a Turkish capital I with
    a dot folds to a plain ``i`` (``İLGİLİ`` is ``ilgili``), not to ``i`` and a
    combining dot.

    >>> fold("İLGİLİ"), fold("Said")
    ('ilgili', 'said')
    """
    folded = word.casefold()
    return folded.replace("i" + DOTTED_I, "i") if DOTTED_I in folded else folded


class Openings:
    """The words and marks that every match of some patterns opens with: a line that
    opens with none of them skips those patterns. The shortcut is exact as long as
    every match of the patterns opens with one of *starts* (in any case).

    >>> opens = Openings(["Read more", "By"])
    >>> opens.open("BY Jane Smith"), opens.open("Storm hits coast")
    (True, False)
    """

    __slots__ = ("by_first", "chars", "starts")

    def __init__(self, starts: Iterable[str]) -> None:
        #: *starts* case-folded
        self.starts = tuple(sorted({s.casefold() for s in starts}))
        if not self.starts or "" in self.starts:
            raise ValueError("Openings needs starts, none of them empty")
        #: the starts by their first character: a line is compared with those that
        #: share its first character only (a few, not eighty)
        by_first: dict[str, list[str]] = {}
        for start in self.starts:
            by_first.setdefault(start[0], []).append(start)
        self.by_first = {first: tuple(group) for first, group in by_first.items()}
        #: how much of a line to read: room for the longest, and for case folding to
        #: lengthen a few characters
        self.chars = 2 * max(len(s) for s in self.starts)

    def open(self, text: str) -> bool:
        """Whether *text* may open with one of the starts."""
        head = text[: self.chars].casefold()
        starts = self.by_first.get(head[:1])
        return (starts is not None and head.startswith(starts)) or DOTTED_I in head


def holds_any(text: str, parts: tuple[str, ...]) -> bool:
    """Whether *text* holds one of *parts*: the shortcuts' substring test.

    >>> holds_any("Sign up to our newsletter", ("cookie", "newsletter"))
    True
    """
    for part in parts:  # noqa: SIM110 (a plain loop costs half what any() over a generator does)
        if part in text:
            return True
    return False


def words(text: str) -> tuple[str, ...]:
    """The words of *text* (runs of letters, digits, apostrophes and hyphens)."""
    return tuple((_ASCII_WORDS if text.isascii() else _WORDS).findall(text))


def iter_words(text: str) -> Iterator[str]:
    """The :func:`words` of *text* one at a time, for a caller that may stop early."""
    for match in (_ASCII_WORDS if text.isascii() else _WORDS).finditer(text):
        yield match[0]


# (the count is remembered, not the words: a parse of a long text would keep every word)
@per_line
def word_count(text: str) -> int:
    """How many :func:`words` *text* has."""
    return len((_ASCII_WORDS if text.isascii() else _WORDS).findall(text))


def sentences(text: str) -> int:
    """How many sentences *text* holds, by its sentence breaks."""
    return len(_SENTENCE_BREAK.findall(text)) + 1


def continues_into(first: str, second: str) -> bool:
    """Whether the line *second*, set directly under *first*, carries on its sentence
    (hard-wrapped text: ``... at dawn and`` / ``water poured in``).

    >>> continues_into("The sea wall gave way at dawn and", "water poured into the town.")
    True
    >>> continues_into("The sea wall gave way.", "Water poured into the town.")
    False
    """
    return _OPEN_END.search(first) is not None and _CONTINUES.match(second) is not None


def is_title_like(text: str, max_words: int = 30) -> bool:
    """A short line that reads like a title: a few words and no full stop.

    >>> is_title_like("Storm hits coast"), is_title_like("The storm hit the coast.")
    (True, False)
    """
    text = text.rstrip(_FORMAT)
    if not text or len(text) > 250:
        return False
    if text[-1] in ",;:-\u2013\u2014(" or text.endswith(("...", "\u2026")):
        return False
    if SENTENCE_END.search(text) and text.rstrip("\"\u201d\u2019')]")[-1:] not in ("?", "!"):
        return False
    if _SENTENCE_BREAK.search(text):  # a title is one sentence at most
        return False
    return 2 <= word_count(text) <= max_words


@per_line
def is_prose(text: str) -> bool:
    """A line of running prose: twelve words or more that end a sentence, or a long line."""
    return word_count(text) >= 12 and (SENTENCE_END.search(text) is not None or len(text) > 160)

"""A page header run together on one line.

Some scrapes print the kicker, headline, standfirst and picture caption of a page as one
line with no separator between them::

    Six Nations Casualty list forces Eddie Jones to appeal to England's 'hunger' Instead
    of parading the captains ... might have been better France's Jacques Brunel (left) ...
    pose with the Six Nations trophy. Photograph: Adrian Dennis/AFP/Getty Images

Such a line is long, ends with a picture credit, and its fields meet where a capital
letter follows a word with no full stop between: the headline ends where such a capital
opens a sentence (``... 'hunger' Instead of ...``), the caption starts at the last such
capital before the credit, and a kicker is a leading label that the story repeats on its
own (``Six Nations``) while it never repeats the label with the next word.
"""

from __future__ import annotations

import regex

from ._blocks import Block
from ._model import Span
from ._tables import GLUED_HEADER_CREDIT, MID_SENTENCE_WORDS, SENTENCE_OPENERS

__all__ = ["HEADLINE_MAX_WORDS", "HEADLINE_MIN_WORDS", "split_glued_header"]

_CREDIT = regex.compile("(?r)" + GLUED_HEADER_CREDIT)
_TOKEN = regex.compile(r"\S+")
_EDGE = "\"'\u2018\u2019\u201c\u201d\u00ab\u00bb("
# fewer words than this and the line is a headline, caption or paragraph of its own
_MIN_WORDS = 30
# Headlines have four words at least and run to about twenty; a longer title-like line
# is a summary or caption (the classifier uses the same bounds).
HEADLINE_MIN_WORDS = 4
HEADLINE_MAX_WORDS = 24
_MIN_STANDFIRST_WORDS = 5
_STORY_CHARS = 20_000


def _bare(token: str) -> str:
    return token.strip(_EDGE)


def _starts_field(before: str, token: str) -> bool:
    """Whether *token* can open a new field after *before* (no full stop between)."""
    word = _bare(token)
    if not word[:1].isupper() or before[-1:] in ",;:-\u2013\u2014(":
        return False
    previous = _bare(before)
    return previous[:1].islower() and previous[-1:].isalpha() and previous not in MID_SENTENCE_WORDS


def _opens_sentence(before: str, token: str) -> bool:
    return _bare(token).lower() in SENTENCE_OPENERS or before[-1:] in "\u2019\u201d\"'?!"


def _kicker(tokens: list[str], story: str) -> int:
    """How many leading tokens are a kicker: a capitalised label before the headline that
    the story uses on its own but never together with the headline's first word."""
    run = 0
    while run < len(tokens) and run < 5 and _bare(tokens[run])[:1].isupper():
        run += 1
    if run < 2 or run >= len(tokens):
        return 0
    label = " ".join(tokens[: run - 1])
    if label in story and f"{label} {tokens[run - 1]}" not in story:
        return run - 1
    return 0


def split_glued_header(block: Block, source: str) -> list[Block]:
    """Split *block* into kicker (``boilerplate``), ``headline``, standfirst (a
    ``paragraph`` the grouper reads as the standfirst) and caption (a ``paragraph`` the
    caption cleaner reads), when it is a header run together; else ``[block]``.
    *source* is the whole input; the story is the text below the line."""
    text = block.text
    credit = _CREDIT.search(text)
    if credit is None:
        return [block]
    found = list(_TOKEN.finditer(text, 0, credit.start()))
    if len(found) < _MIN_WORDS:
        return [block]
    tokens = [m[0] for m in found]
    # the story the kicker is looked up in: the article's own text, not a whole corpus
    # joined into one input
    story = source[block.span.end : block.span.end + _STORY_CHARS]
    first = _kicker(tokens, story)
    fields = [k for k in range(first + 1, len(tokens)) if _starts_field(tokens[k - 1], tokens[k])]
    end = next(
        (
            k
            for k in fields
            if HEADLINE_MIN_WORDS <= k - first <= HEADLINE_MAX_WORDS and _opens_sentence(tokens[k - 1], tokens[k])
        ),
        None,
    )
    if end is None:
        return [block]
    caption = fields[-1] if fields[-1] - end >= _MIN_STANDFIRST_WORDS else end
    start = block.span.start

    def piece(kind: str, i: int, j: int | None, reason: str | None = None) -> Block:
        left = found[i].start()
        right = found[j - 1].end() if j is not None else len(text)
        return Block(kind, text[left:right], Span(start + left, start + right), blank_before=False, reason=reason)

    out = []
    if first:
        out.append(piece("boilerplate", 0, first, "kicker"))
    out.append(piece("headline", first, end))
    if caption > end:
        out.append(piece("paragraph", end, caption))
    out.append(piece("paragraph", caption, None))
    return out

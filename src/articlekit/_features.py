"""What the labeller sees of a line: its shape, its place, its neighbours, what the whole
article says, and what the pattern tables and the rules say of it, as named indicator
features (strings). The model weighs them; nothing here decides a type."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence

import attrs
import regex

from ._blocks import Block
from ._datelines import wire_opening
from ._furniture import boilerplate_reason, is_caption, is_embed
from ._lexicons import Lexicon, load
from ._lines import BULLETS, is_desk, is_person, looks_like_byline
from ._quotes import read_quote
from ._splits import opening_end
from ._tables import DASHES
from ._text import SENTENCE_END, is_prose, is_title_like, words

__all__ = ["Line", "article_features", "iter_article_features", "rule_readings"]

_OPEN_MARKS = frozenset("\"'\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb\u2039\u203a\u300c\u300e")
_DASHES = frozenset(DASHES)
# the list bullets of the rules, and ">" (a line's first character is read as a dash
# before it is read as a bullet, so the rules' dash bullets stay dashes here)
_BULLETS = frozenset(BULLETS) | {">"}


# an upper-case label that opens the line: a wire dateline's place (``HOUSTON, Texas
# (KTRK) --``) or a transcript's speaker (``SEN. TOM COTTON:``)
_CAPS_OPENING = regex.compile(r"\p{Lu}[\p{Lu}\p{M}.'\u2019 -]{1,40}?(?P<end>[,:(\u2014\u2013]|--| - )")
_SHORT_LABEL = regex.compile(r"[^:]{1,30}:\s")
# an e-mail address (bounded parts: the search stays linear in a long run of word
# characters)
_EMAIL = regex.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}")
# a decimal digit (Unicode Nd), found by the standard library's engine in one C call
_DIGIT = re.compile(r"\d")


@attrs.define(slots=True)
class Line:
    """A working record of one non-blank line: its text, where it is, and what the
    rules read of it."""

    text: str
    start: int
    end: int
    blank_before: bool
    blank_after: bool = False
    #: the kinds the rule-based reading gave the pieces of this line, joined by ``+``
    rule: str = "paragraph"
    #: the reasons the rules gave (a furniture kind, ``label`` ...)
    reason: str | None = None
    #: the line opened with the scrape's date field, and ``text`` is the rest of it
    date_field: bool = False
    #: the rules read a date from a stamp on this line
    dated: bool = False


def _bucket(n: int, edges: Sequence[int]) -> str:
    return str(edges[bisect.bisect_right(edges, n) - 1]) if n >= edges[0] else "0"


_WORD_EDGES = (1, 2, 3, 4, 6, 9, 13, 21, 36, 60)
_CHAR_EDGES = (1, 4, 10, 20, 40, 70, 110, 160, 250, 400)


def _char_class(ch: str) -> str:
    if not ch:
        return "none"
    if ch.isupper():
        return "Lu"
    if ch.islower():
        return "Ll"
    if ch.isdigit():
        return "N"
    if ch.isalpha():
        return "Lo"
    if ch in _OPEN_MARKS:
        return "Q"
    if ch in _DASHES:
        return "D"
    if ch in _BULLETS:
        return "B"
    if ch in "([{":
        return "("
    if ch in ")]}":
        return ")"
    if ch in ".!?\u2026":
        return "."
    if ch in ":;,":
        return ch
    if ch == "@":
        return "@"
    if ch == "#":
        return "#"
    return "P"


def _case(text: str, tokens: Sequence[str]) -> str:
    # the words' first characters that are letters (a word is never empty)
    letters = "".join(filter(str.isalpha, [t[0] for t in tokens]))
    if not letters:
        return "noletters"
    if text.isupper():
        return "upper"
    upper = sum(map(str.isupper, letters))
    ratio = upper / len(letters)
    if ratio == 1:
        return "title"
    if ratio >= 0.6:
        return "mostlytitle"
    if ratio <= 0.2:
        return "lower"
    return "mixed"


# the words at the start of a line that are features of their own (``bw=``)
_BEGINNING = 8


def _own(line: Line, tokens: Sequence[str], folded: Sequence[str], lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """The features of a line on its own, and those of them it lends its neighbours
    (its shape, case and rule reading, and whether it reads as prose or speech)."""
    text = line.text
    n = len(tokens)
    first, last = text[:1], text[-1:]
    feats = [
        "wc=" + _bucket(n, _WORD_EDGES),
        "len=" + _bucket(len(text), _CHAR_EDGES),
        "first=" + _char_class(first),
        "last=" + _char_class(last),
        "case=" + _case(text, tokens),
        "rule=" + line.rule,
    ]
    lent = [feats[0], feats[2], feats[3], feats[4], feats[5]]
    if line.reason:
        feats.append("reason=" + line.reason)
        feats.append("rule+reason=" + line.rule + "|" + line.reason)
    # the first words in lower case, read once for the features of words below
    lowered = [t.lower() for t in tokens[:_BEGINNING]]
    if n:
        feats.append("w0=" + lowered[0])
        feats.append("wl=" + (lowered[-1] if n <= _BEGINNING else tokens[-1].lower()))
        if n >= 2:
            feats.append("w01=" + lowered[0] + " " + lowered[1])
        if n <= 5:
            feats.extend(["sw=" + t for t in lowered])
    feats.extend(lexicon.features_of_folded(folded))
    if SENTENCE_END.search(text):
        feats.append("sentence_end")
        lent.append("sentence_end")
    if is_prose(text):
        feats.append("prose")
        lent.append("prose")
    if is_title_like(text):
        feats.append("title_like")
        lent.append("title_like")
    if ":" in text[:40]:
        feats.append("colon_early")
    if text.endswith(":"):
        feats.append("ends_colon")
        lent.append("ends_colon")
    if "http" in text or "www." in text:
        feats.append("url")
    if "@" in text:
        feats.append("at")
        # an address, not a handle: a byline's or a newsdesk's (a handle is an embed's)
        if _EMAIL.search(text) is not None:
            feats.append("email")
    if "pic.twitter" in text or "t.co/" in text:
        feats.append("twitter_link")
    if _DIGIT.search(text) is not None:
        feats.append("digit")
        if len(_DIGIT.findall(text)) * 4 >= len(text):
            feats.append("mostly_digits")
    if "|" in text:
        feats.append("pipe")
    if text.startswith(("(", "[")) and text.endswith((")", "]")):
        feats.append("bracketed")
    if last == ")" and "(" in text:
        feats.append("ends_paren")
    quote = read_quote(text)
    if quote is not None:
        feats.append("quote")
        lent.append("quote")
        feats.append("quote_open_end" if quote.open_at_end else "quote_closed")
        if quote.open_at_end:
            lent.append("quote_open_end")
        if quote.lead_in is not None:
            feats.append("quote_lead_in")
        if quote.attribution:
            feats.append("quote_attribution")
    if first in _DASHES:
        feats.append("dash_open" + ("_space" if text[1:2] == " " else ""))
    caps = _CAPS_OPENING.match(text)
    if caps is not None:
        feats.append("caps_opening=" + caps["end"].strip())
    if _SHORT_LABEL.match(text) is not None:
        feats.append("short_label")
    if wire_opening(text) is not None:
        feats.append("wire")
    feats.extend(_opening(text))
    if n:
        feats.extend(["bw=" + t for t in lowered])
        feats.append("p2=" + text[:2].lower())
        feats.append("s2=" + text[-2:].lower())
    reason = boilerplate_reason(text)
    if reason is not None:
        feats.append("furniture=" + reason)
    if is_caption(text):
        feats.append("caption_pattern")
    if is_embed(text):
        feats.append("embed_pattern")
    if is_person(text):
        feats.append("person")
    if is_desk(text):
        feats.append("desk")
    if looks_like_byline(text):
        feats.append("byline_pattern")
    return feats, lent


def _opening(text: str) -> list[str]:
    """What opens the line before a dash, a colon or a bar, if a few words do: a wire
    dateline without a known agency (``HOUSTON, Texas (KTRK) --``), a kicker (measured,
    5-fold by website over three seeds: dateline F1 +0.014, lines +0.002, macro F1 the
    same)."""
    end = opening_end(text)
    if end is None:
        return []
    head = text[:end].rstrip()
    first = head.split(maxsplit=1)[0]
    letters = [c for c in first if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        case = "caps"
    elif first[:1].isupper():
        case = "title"
    else:
        case = "other"
    separator = "colon" if head.endswith(":") else "bar" if head.endswith("|") else "dash"
    feats = ["opening", "opening_case=" + case, "opening_sep=" + separator]
    if "(" in head:
        feats.append("opening_bracket")
    return feats


# a line's neighbours two away lend it nothing (measured, their features cost about a
# point of macro F1 across websites); what the next ones lend is chosen in _own


def article_features(lines: Sequence[Line], lexicon: Lexicon | None = None) -> list[list[str]]:
    """The features of every line of one article, in order; *lexicon* is the
    languages' words to look for (every language's, by default)."""
    return list(iter_article_features(lines, lexicon))


def iter_article_features(lines: Sequence[Line], lexicon: Lexicon | None = None) -> Iterator[list[str]]:
    """:func:`article_features` one line at a time: a text of many thousand lines never
    holds every line's features at once, nor every line's words (what is read of a
    line's words is kept for the lines around the one at hand only)."""
    lexicon = lexicon or load()
    body, kept = _body_words(lines)
    keys = [line.text.casefold() for line in lines]
    counts = Counter(keys)
    prose = [is_prose(line.text) for line in lines]
    first_prose = next((i for i, p in enumerate(prose) if p), len(lines))
    last_prose = next((i for i in range(len(lines) - 1, -1, -1) if prose[i]), -1)
    first_text = keys[0] if keys else ""
    total = len(lines)
    # each line's own features, what it lends its neighbours, and its words, for the
    # lines around the one at hand only
    own: dict[int, list[str]] = {}
    lent: dict[int, list[str]] = {}
    bags: dict[int, frozenset[str]] = {}
    # what a short line on its own gives, by what it is made of: a text that repeats its
    # short lines (a menu, a run of one-character lines) reads each once
    seen: dict[tuple[str, str, str | None, bool], tuple[frozenset[str], list[str], list[str]]] = {}
    for i, line in enumerate(lines):
        for j in (i, i + 1):
            if j < total and j not in own:
                record = lines[j]
                key = (record.text, record.rule, record.reason, record.date_field)
                short = len(record.text) <= _SHORT_LINE
                known = seen.get(key) if short else None
                if known is None:
                    tokens = kept.pop(j) if j in kept else words(record.text)
                    folded = [t.casefold() for t in tokens]
                    known = (frozenset(folded), *_own(record, tokens, folded, lexicon))
                    if short and len(seen) < _SHORT_LINES_SEEN:
                        seen[key] = known
                bags[j], own[j], lent[j] = known
        own.pop(i - 2, None)
        lent.pop(i - 2, None)
        bags.pop(i - 2, None)
        feats = ["bias", *own[i]]
        feats.append("pos=" + (str(i) if i < 6 else "6-9" if i < 10 else "10+"))
        back = total - 1 - i
        feats.append("from_end=" + (str(back) if back < 3 else "3+"))
        feats.append("blank_before" if line.blank_before else "no_blank_before")
        if line.date_field:
            feats.append("date_field")
        feats.append("blank_after" if line.blank_after else "no_blank_after")
        where = "before_prose" if i < first_prose else "after_prose" if i > last_prose else "in_prose"
        feats.append(where)
        if counts[keys[i]] > 1:
            feats.append("repeated")
        if i > 0 and keys[i] == first_text:
            feats.append("repeats_first")
        feats.append("rule|pos=" + line.rule + "|" + ("0" if i == 0 else "1-4" if i < 5 else "5+"))
        for offset in (-1, 1):
            j = i + offset
            tag = f"n{offset:+d}:"
            if not 0 <= j < total:
                feats.append(tag + "edge")
                continue
            feats.extend([tag + f for f in lent[j]])
        bag = bags[i]
        for offset in (-1, 1):
            j = i + offset
            if 0 <= j < total and bag and bags[j]:
                overlap = len(bag & bags[j]) / min(len(bag), len(bags[j]))
                if overlap >= 0.5:
                    feats.append(f"like{offset:+d}=" + ("same" if overlap >= 0.9 else "close"))
        # an article of short lines has no body to measure by
        feats.append("in_body=" + (_in_body(bag, body, len(line.text) >= _LONG) if body else "nobody"))
        if i > 0:
            feats.append("rule_pair=" + lines[i - 1].rule + ">" + line.rule)
        if i + 1 < total:
            feats.append("rule_next=" + line.rule + ">" + lines[i + 1].rule)
        yield feats


# the longest line whose own features are remembered for its repeats in one text, and
# how many such lines at most (a bound on what a text of distinct short lines holds)
_SHORT_LINE = 40
_SHORT_LINES_SEEN = 256

# a line this long is body prose for the likeness to the body; words this short are
# mostly function words, which every line shares
_LONG = 150
_CONTENT = 4


# the most words of long lines read for the body that are kept for reading the lines
# again (a long text's are read twice rather than all held at once)
_KEPT_WORDS = 50_000


def _body_words(lines: Sequence[Line]) -> tuple[Counter[str], dict[int, tuple[str, ...]]]:
    """How many of the article's long lines each content word is in; and the words of
    the long lines, by line, as far as ``_KEPT_WORDS`` go."""
    body: Counter[str] = Counter()
    kept: dict[int, tuple[str, ...]] = {}
    budget = _KEPT_WORDS
    for i, line in enumerate(lines):
        if len(line.text) >= _LONG:
            found = words(line.text)
            body.update({w for w in map(str.casefold, found) if len(w) >= _CONTENT})
            if len(found) <= budget:
                kept[i] = found
                budget -= len(found)
    return body, kept


def _in_body(bag: frozenset[str], body: Counter[str], long: bool) -> str:
    """What share of a line's content words (of its words, *bag*, case-folded) the
    body's other lines use, in fifths: a crosshead or a caption speaks of the story, a
    related headline or a cookie notice does not (measured, 5-fold by website: macro F1
    0.692 -> 0.697, headline accuracy 0.817 -> 0.833, lines 0.799 -> 0.801; and with
    ``nobody`` for an article with no long line, where the share says nothing: 0.700 ->
    0.705, headline 0.836 -> 0.847)."""
    own = [w for w in bag if len(w) >= _CONTENT]
    if not own:
        return "none"
    # a long line's own words are in the body counts once: they must be there again
    need = 2 if long else 1
    found = body.get  # (a Counter's own lookup of a missing word costs a call more)
    share = sum(1 for w in own if found(w, 0) >= need) / len(own)
    return "0" if share == 0 else str(min(int(share * 5) + 1, 5))


def rule_readings(lines: Sequence[Line], blocks: Sequence[Block]) -> None:
    """Set each line's ``rule`` and ``reason`` from the blocks the rule-based stages made
    (a line may hold several blocks, a merged block several lines)."""
    starts = [line.start for line in lines]
    kinds: list[list[str]] = [[] for _ in lines]
    reasons: list[str | None] = [None] * len(lines)
    for block in blocks:
        first = max(bisect.bisect_right(starts, block.span.start) - 1, 0)
        last = bisect.bisect_left(starts, block.span.end)
        for i in range(first, last):
            if block.kind not in kinds[i]:
                kinds[i].append(block.kind)
            if block.reason and reasons[i] is None:
                reasons[i] = block.reason
            if block.kind == "dateline" and block.date is not None:
                lines[i].dated = True
    for line, found, reason in zip(lines, kinds, reasons, strict=True):
        if found:
            line.rule = "+".join(sorted(found))
        line.reason = reason

"""What one line says on its own: a link, a date stamp, a list item, a byline, a name,
a paragraph of direct speech. The classifier reads every line with :func:`read_line`
before it looks at the lines around it."""

from __future__ import annotations

import regex

from . import _dates
from ._blocks import Block
from ._furniture import furniture
from ._model import Span
from ._quotes import read_quote
from ._tables import (
    MONTHS,
    NAME_PARTICLES,
    ORGANISATION_WORDS,
    READ_MORE_BARE_ENDINGS,
    READ_MORE_LABELS,
    SOURCE_LABELS,
    STAMP_WORDS,
    TIMEZONES,
)
from ._text import CASELESS, SENTENCE_END, Openings, holds_any, is_prose, iter_words, word_count

__all__ = [
    "BULLETS",
    "SOURCE",
    "is_desk",
    "is_person",
    "is_stamp_word",
    "looks_like_byline",
    "read_line",
    "read_link",
    "strip_bullet",
]

_I = CASELESS


def _either(words: tuple[str, ...]) -> str:
    """An alternation of *words* as written, the longest first."""
    return "|".join(sorted((regex.escape(w) for w in words), key=len, reverse=True))


# The words and marks the patterns tried at the start of a line begin with. A line that
# opens with none of them (most lines of prose) skips those patterns: see _OPENINGS.
_CLICK_LABEL = "click here to read"
_LONE_LABELS = (
    "read more",
    "read also",
    "also read",
    "lees meer",
    "lesen sie mehr",
    "leia mais",
    "leer más",
    "lire la suite",
)
# the marks that open the items of a list (a number and a full stop or bracket as well)
BULLETS = "-\u2022\u00b7*\u25aa\u25cf\u25e6\u2023\u2013\u2014\u25ba\u25b6\u2192"
_CREDIT_WORDS = ("additional reporting", "reporting", "writing", "editing", "compiled", "produced")
_BYLINE_WORDS = ("by", "von", "par", "por", "di", "door", "text:", "words:", "written by", "reporting by")
_FROM = "from"

_READ_MORE = regex.compile(
    rf"(?P<label>{_either(READ_MORE_LABELS)})(?:\s*(?:[:|>\u00bb\u2014\u2013]|\.{{3}}|\u2026)\s*|\s+-\s+)(?P<title>\S.*)",
    _I,
)
_CLICK_HERE = regex.compile(
    rf"(?P<label>{regex.escape(_CLICK_LABEL)}(?: more)?)\s*(?:[:\-\u2013\u2014]\s*)?(?P<title>.*)", _I
)
_LONE_READ_MORE = regex.compile(rf"(?:{_either(_LONE_LABELS)})\s*[:.\u2026]?", _I)
# searched in the last characters of a line only, so that no pattern scans a long line
_BARE_READ_MORE = regex.compile("|".join(f"(?:{p})" for p in READ_MORE_BARE_ENDINGS), _I)
_URL = regex.compile(r"https?://[^\s<>\"\u201d\u2019)\]]+", _I)


_BULLET = regex.compile(rf"(?:[{regex.escape(BULLETS)}]|\d{{1,2}}[.)])\s+(?=\S)")
_CREDITS = regex.compile(rf"\(?(?:{_either(_CREDIT_WORDS)}) by\s+\p{{Lu}}", _I)
_FROM_BYLINE = regex.compile(rf"(?i:{_FROM})\s+\p{{Lu}}[\w.&-]*[\u2019']s\s+\p{{Lu}}")
_BYLINE = regex.compile(rf"(?i:{_either(_BYLINE_WORDS)})\s+\p{{Lu}}")
# "Quelle: Bayern 2 Nachrichten": the source of a story, named as a byline names an author
SOURCE = regex.compile(rf"(?:{_either(SOURCE_LABELS)})\s*:\s*\p{{Lu}}", _I)
_ROLE = regex.compile(
    r",\s*(?:[\w-]+\s+){0,3}(?:editor|correspondent|reporter|writer|columnist|journalist|"
    r"contributor|staff|redakteur(?:in)?|correspondant|corresponsal|redactor|giornalista)\b",
    _I,
)

# What every one of the patterns above that is tried at the start of a line begins with
# (a credit may open with a bracket, a numbered item with a digit), case-folded.
_OPENINGS = Openings(
    (
        *READ_MORE_LABELS,
        *_LONE_LABELS,
        _CLICK_LABEL,
        *SOURCE_LABELS,
        *_CREDIT_WORDS,
        *_BYLINE_WORDS,
        _FROM,
        *BULLETS,
        "(",
    )
)


def _opens_like_furniture(text: str) -> bool:
    """Whether *text* starts with a word or mark that a link, list item, byline, credit
    or source line starts with (or with a digit, as a numbered item does)."""
    return text[:1].isdecimal() or _OPENINGS.open(text)


# vocabulary of a date stamp line, for telling "3 April 2023, 10:56" from prose
_WEEKDAYS = [
    "monday",
    "mon",
    "tuesday",
    "tue",
    "tues",
    "wednesday",
    "wed",
    "thursday",
    "thu",
    "thurs",
    "friday",
    "fri",
    "saturday",
    "sat",
    "sunday",
    "sun",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
    "lunedì",
    "martedì",
    "mercoledì",
    "giovedì",
    "venerdì",
    "sabato",
    "domenica",
    "segunda",
    "terça",
    "quarta",
    "quinta",
    "sexta",
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
]
_STAMP_VOCAB = frozenset(
    list(MONTHS)
    + [t.lower() for t in TIMEZONES]
    + [w for phrase in STAMP_WORDS for w in phrase.split()]
    + _WEEKDAYS
    + [
        "am",
        "pm",
        "a",
        "m",
        "p",
        "at",
        "on",
        "de",
        "le",
        "el",
        "um",
        "uhr",
        "h",
        "the",
        "of",
        "ago",
        "min",
        "mins",
        "minute",
        "minutes",
        "hour",
        "hours",
        "hr",
        "hrs",
        "day",
        "days",
        "week",
        "weeks",
        "today",
        "yesterday",
        "just",
        "now",
        "last",
        "time",
        "date",
        "et",
        "ist",
        # the small words stamps use in other languages: "Publié le … à", "alle", "às", "om"
        "à",
        "a",
        "las",
        "los",
        "alle",
        "às",
        "as",
        "om",
        "op",
        "em",
        "il",
        "del",
        "des",
        "du",
        "den",
        "am",
        "um",
        "uur",
        "ore",
        "horas",
        "heures",
        "stunden",
    ]
)
# a number in a stamp: 18, 18th, 10h32, 18-05-2021, 18/05/2021
_DIGITISH = regex.compile(r"\d+(?:[-/.]\d+)*(?:st|nd|rd|th|h\d*|am|pm|e|er|º)?", _I)


# A stamp holds a number (every date the fast reader reads has one), or is only stamp
# words with one of these ("Published", "Updated 3 hours ago"): a line with neither
# skips the word-by-word reading.
# (the regex module's digits, as _DIGITISH's)
_DIGIT = _dates.DIGIT
_WORDS_OF_BARE_STAMPS = ("published", "updated", "ago")


def is_stamp_word(word: str) -> bool:
    """A word a date or time stamp may hold: a number (``18th``, ``10h32``), a month,
    a weekday, a time zone, ``at``, ``Uhr``, ``Published`` ..."""
    low = word.lower()
    return low in _STAMP_VOCAB or _is_number(low)


def _is_number(word: str) -> bool:
    # every such number opens with a digit: most words are let go at a glance
    return _DIGIT.match(word) is not None and _DIGITISH.fullmatch(word) is not None


def looks_like_byline(text: str) -> bool:
    """A short piece of text that names the author: ``By Jane Smith``, ``From CNN's
    Jane Smith``, ``Jane Smith, Political Editor``."""
    return _BYLINE.match(text) is not None or _FROM_BYLINE.match(text) is not None or _has_role(text)


def _has_role(text: str) -> bool:
    """A name before a role (``Jane Smith, Political Editor``), in ten words at most:
    a line of prose (twelve words or more) never has one."""
    return word_count(text) <= 10 and _ROLE.search(text) is not None


def _is_stamp(text: str, lenient: bool = False) -> bool:
    """A line that is only a date or time stamp (``Published: 3 April 2023, 10:56``);
    *lenient* (near the top of the page) allows a few more words around a full date
    (``The Washington Times - Thursday, April 25, 2024``)."""
    if len(text) > 120:
        return False
    if _DIGIT.search(text) is None and not holds_any(text.lower(), _WORDS_OF_BARE_STAMPS):
        return False  # most short lines: a stamp without a number must say "Published" ...
    # words that are not a stamp's: more than this and the line is not a stamp (near the
    # top, three in a line of twelve words or fewer: the count is known at the end)
    most = 3 if lenient else 1
    other = 0
    has_number = False
    tokens = []
    for word in iter_words(text):  # one at a time: most lines stop a few words in
        tokens.append(word)
        if len(tokens) > 18:
            return False
        low = word.lower()
        if low in _STAMP_VOCAB:
            continue
        if _is_number(low):
            has_number = True
        else:
            other += 1
            if other > most:
                return False  # prose
    if not tokens or other > (3 if lenient and len(tokens) <= 12 else 1):
        return False
    if other > 1:
        return _dates.gives_day(_dates.fast_date(text))
    if has_number:
        return _dates.fast_date(text) is not None or _dates.is_relative(text) or other == 0
    return other == 0 and any(w.lower() in _WORDS_OF_BARE_STAMPS for w in tokens)


def _is_byline(text: str, opens: bool) -> bool:
    """``By Jane Smith``, ``by The Associated Press | Today at 12:13``, ``Jane Smith,
    Political Editor``: short, no sentence, a name after *by* or before a role. (*opens*:
    whether the line opens as a credit, source or byline may: :func:`_opens_like_furniture`.)"""
    if opens and _CREDITS.match(text) and len(text) <= 300:
        return True  # (Reporting by Jane Smith; Editing by John Doe)
    if len(text) > 200:
        return False
    if opens:
        if is_prose(text):
            return False
        if SOURCE.match(text) and len(text) <= 160:
            return True  # Quelle: Bayern 2 Nachrichten, 22.07.2021 16:00 Uhr
        if _BYLINE.match(text) or _FROM_BYLINE.match(text):
            n = word_count(text)
            return n <= 20 and (not SENTENCE_END.search(text) or n <= 8)
    # (the end of the line first: most lines end a sentence, and the role search is dear)
    return not SENTENCE_END.search(text) and _has_role(text)


def read_link(text: str) -> tuple[str | None, str, str | None] | None:
    """Read *text* as a link to another article: ``(label, title, url)``, or ``None``.

    >>> read_link("READ MORE: Storm hits coast https://example.com/storm")
    ('READ MORE', 'Storm hits coast', 'https://example.com/storm')
    """
    return _read_link(text, _opens_like_furniture(text))


def _read_link(text: str, opens: bool) -> tuple[str | None, str, str | None] | None:
    body = text  # a line that opens with no label and no bullet skips to the bare link
    if opens:
        match = _READ_MORE.fullmatch(text) or _CLICK_HERE.fullmatch(text)
        if match is not None:
            title = match["title"].strip()
            url_match = _URL.search(title)
            url = url_match[0] if url_match else None
            if url_match is not None:
                title = (title[: url_match.start()] + title[url_match.end() :]).strip(" -\u2013\u2014|()[]<>")
            return match["label"], title, url
        if _LONE_READ_MORE.fullmatch(text):
            return text.rstrip(":.\u2026 "), "", None
        body = strip_bullet(text)
    if (_ends_with_s(body) and _BARE_READ_MORE.search(body, max(0, len(body) - 40))) or _is_shouted_headline(body):
        return None, body, None
    return None


def _ends_with_s(text: str) -> bool:
    """Whether *text* ends with an "s" in any case (as every READ_MORE_BARE_ENDINGS
    match does), before the one line break a pattern's ``$`` may stand before."""
    return text[-2:].rstrip("\n")[-1:].casefold() == "s"


def strip_bullet(text: str) -> str:
    """*text* without a leading list bullet or number."""
    bullet = _BULLET.match(text)
    return text[bullet.end() :] if bullet is not None and len(text) > bullet.end() else text


def _read_more(block: Block, opens: bool) -> Block | None:
    link = _read_link(block.text, opens)
    if link is None:
        return None
    return block.replace(kind="read_more", label=link[0], url=link[2])


def _is_shouted_headline(text: str) -> bool:
    """A related-article headline set in capitals between paragraphs (five words or more:
    shorter capitals are section labels)."""
    return text.isupper() and word_count(text) >= 5 and not SENTENCE_END.search(text) and len(text) < 200


def read_line(block: Block, near_top: bool = False) -> Block:
    """Classify a line by what it says, without looking at its neighbours (but for
    whether it is *near_top* of the page, where date stamps and bylines live)."""
    text = block.text
    opens = _opens_like_furniture(text)
    click = _CLICK_HERE.fullmatch(text) if opens else None
    if click is not None and "read" in text[:24].lower():
        return block.replace(kind="read_more", label=click["label"])
    if furniture(text) is not None:
        return block  # a caption, a post, furniture: the cleaners see to it
    found = _read_more(block, opens)
    if found is not None:
        return found
    if _is_stamp(text, near_top):
        return block.replace(kind="dateline", date=_dates.fast_date(text))
    if opens and strip_bullet(text) is not text:
        return block.replace(kind="list_item")
    if _is_byline(text, opens):
        return block.replace(kind="byline")
    reading = read_quote(text)
    if reading is not None:
        start = block.span.start
        return block.replace(
            kind="quote",
            open_quote=reading.open_at_end,
            lead_in=reading.lead_in is not None,
            attribution=Span(start + reading.attribution[0], start + reading.attribution[1])
            if reading.attribution
            else None,
        )
    return block


_NAME_WORD = regex.compile(r"(?:\p{Lu}[\p{L}\u2019'.-]*|\p{Lu}\.)")
_DESK = regex.compile(r"(?:[\w-]+ ){0,2}(?:editors?|staff|reporters?|correspondents?|desk|team|newsroom)", _I)


def is_person(text: str) -> bool:
    """A line that is only a person's name (``Jack Maidment``, ``Andy Gooding-Call``)."""
    # (five pieces at most: a line of five words or more is no name, however long)
    tokens = text.split(maxsplit=4)
    # (the digits are looked for in the words: a few words far apart are not read
    # character by character across the spaces between them)
    if not 2 <= len(tokens) <= 4 or text.isupper() or any(ch.isdigit() for token in tokens for ch in token):
        return False
    for token in tokens:
        low = token.lower()
        if low in ORGANISATION_WORDS:
            return False
        if not (_NAME_WORD.fullmatch(token) or low in NAME_PARTICLES):
            return False
    return True


def is_desk(text: str) -> bool:
    """A line that names a desk rather than a person: ``Online Editors``."""
    return _DESK.fullmatch(text) is not None

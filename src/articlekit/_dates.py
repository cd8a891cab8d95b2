"""Reading dates: a fast path of our own for the common forms, dateparser for the rest.

dateparser costs about a millisecond per call and much more when it fails, and a
corpus run reads a date per article, so the forms scrapes use most are read here
with one compiled pattern; dateparser is imported only when the fast path cannot
read a string, and its answers are cached by input.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

import regex

from ._lexicons import load as load_lexicon
from ._splits import stamp_extent
from ._tables import MONTHS, TIMEZONES
from ._text import per_line, words

# Month names of every language in the table, longest first so that "September"
# wins over "Sep".
_MONTH_ALT = "|".join(sorted((regex.escape(m) for m in MONTHS), key=len, reverse=True))
_TZ_ALT = "|".join(sorted(TIMEZONES, key=len, reverse=True))

# (not a year and a clock: "April 5, 2024-17:06")
_ISO = regex.compile(
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"(?P<off>Z|[+-]\d{2}:?\d{2})?)?)?(?![\d:])"
)
# (an ordinal day may be followed by a comma: "11th, September 2025"; a year of two
# digits only where the stamp ends or its time follows: "25 Jan 24", "25 Jan 24 10:32",
# never "5 May 12 people")
_DMY = regex.compile(
    rf"(?<![\w.])(?P<d>\d{{1,2}})(?:(?:st|nd|rd|th),?|\.|º|er|-(?=\p{{L}}))?\s*(?:de\s+|of\s+)?"
    rf"(?P<mon>{_MONTH_ALT})(?:\.?,?\s*|-(?=\d))(?:de\s+)?"
    rf"(?P<y>\d{{4}}(?!\d)|\d{{2}}(?=\s*$|\s*[|\u2022\u00b7]|\s+\d{{1,2}}[:.]\d{{2}}(?!\d)))",
    regex.IGNORECASE,
)
_MDY = regex.compile(
    rf"(?<!\w)(?P<mon>{_MONTH_ALT})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?!\d)",
    regex.IGNORECASE,
)
# 18.05.2021, 18/05/2021, 18-05-2021: day first, as most of the world writes it (a
# second number over 12 can only be the day: 05/18/2021)
# (a two-digit year only after slashes: 4/12/22; 1.2.33 is a version as often as a date)
_NUMERIC_DMY = regex.compile(
    r"(?<![\d./-])(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|(?<=/)\d{2})(?![\d]|[./-]\d)"
)
# 2022/04/12, 2022.04.12: the year first (with hyphens it is ISO, read above)
_NUMERIC_YMD = regex.compile(
    r"(?<![\d./-])(?P<y>\d{4})(?P<sep>[./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d]|[./-]\d)"
)
_MONTH_YEAR = regex.compile(rf"(?<!\w)(?P<mon>{_MONTH_ALT})\.?,?\s+(?P<y>\d{{4}})(?!\d)", regex.IGNORECASE)
_TIME = regex.compile(
    rf"(?<![\d:.])(?P<H>\d{{1,2}})[:.h](?P<M>\d{{2}})(?::(?P<S>\d{{2}}))?(?![.:]?\d)"
    rf"(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?(?:\s*(?:Uhr|h))?(?:\s*(?P<tz>{_TZ_ALT})\b)?",
    regex.IGNORECASE,
)
_AMPM = regex.compile(r"\b[ap]\.m\.|\b[ap]m\b", regex.IGNORECASE)
_AMPM_ONLY = regex.compile(r"(?<![\d:.])(?P<H>\d{1,2})\s*(?P<ampm>[ap]\.?m\b\.?)", regex.IGNORECASE)
# a decimal digit, as the regex module knows them: every date the fast path reads holds
# one (its Unicode tables may be newer than the standard library's, and a digit one knows
# and the other does not must not split two readings of a line)
DIGIT = regex.compile(r"\d")
# a year of four digits, or a date in numbers (a plain pattern: the standard library's
# engine finds it in one C call, and the labeller asks it of a text's first lines)
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|2\d)\d\d(?!\d)|(?<!\d)\d{1,2}[./-]\d{1,2}[./-]\d{2}(?!\d)")
_RELATIVE = regex.compile(
    r"\b(?:ago|yesterday|today|tomorrow|just now|vor\s+\d|il y a|hace\s+\d|fa\b|geleden)\b", regex.IGNORECASE
)


_BUDDHIST_ERA = 543
_BUDDHIST_YEARS = (2400, 2700)


def holds_year(text: str) -> bool:
    """Whether *text* holds a year of four digits or a date in numbers: without one,
    no date to the day is read from it (``25 Jan 24`` aside), and dateparser is not asked."""
    return _HAS_YEAR.search(text) is not None


# a day, a word and a year of two digits: the stamp the fast path reads with a short
# year (``25 Jan 24``, ``3rd of March 21``), which holds_year leaves out because
# dateparser would read ``5 May 12 people`` as a date (a word of 3 to 15 letters:
# the longest month name is 11)
_SHORT_YEAR_STAMP = re.compile(
    r"(?<![\w.])\d{1,2}(?:st|nd|rd|th|\.|º|er)?[\s-]*(?:of\s+|de\s+)?"
    r"[^\W\d_]{3,15}\.?,?[\s-]*(?:de\s+)?\d{2}(?!\d)"
)


def may_give_day(text: str) -> bool:
    """Whether *text* may hold a date to the day, by a cheap test: a year of four digits,
    a date in numbers, or a day, a month and a year of two digits. What fails it gives
    no day (:func:`parse_date` reads no day in it); what passes it is to be read.

    >>> may_give_day("25 Jan 24"), may_give_day("18 May 2021"), may_give_day("page 24")
    (True, True, False)
    """
    return _HAS_YEAR.search(text) is not None or _SHORT_YEAR_STAMP.search(text) is not None


# an ISO date that gives the day (``2019-05-24``, with a time or without) is this long or
# longer; a month (``2019-05``) or a year is shorter
DAY_LENGTH = len("2019-05-24")


def gives_day(date: str | None) -> bool:
    """Whether *date* (ISO 8601, as :func:`parse_date` gives it) is a date to the day.

    >>> gives_day("2019-05-24T10:32:00"), gives_day("2019-05"), gives_day(None)
    (True, False, False)
    """
    return date is not None and len(date) >= DAY_LENGTH


def _valid(y: int, m: int, d: int) -> bool:
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1000 <= y <= 2999):
        return False
    return (
        d <= (31, 29 if y % 4 == 0 and (y % 100 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[m - 1]
    )


def _full_year(digits: str) -> int:
    """A year written with two digits is this century's below 70, else the last's."""
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < 70 else 1900
    return _common_era(year)


def _common_era(year: int) -> int:
    """The year of the common era for a year of the Buddhist era, as Thai sources write
    it (2565 is 2022): no article is dated four centuries ahead."""
    return year - _BUDDHIST_ERA if _BUDDHIST_YEARS[0] <= year < _BUDDHIST_YEARS[1] else year


def _with_time(date: str, text: str) -> str:
    match = _TIME.search(text)
    hour: int
    minute = second = 0
    tz = None
    if match is not None:
        hour, minute = int(match["H"]), int(match["M"])
        second = int(match["S"] or 0)
        ampm, tz = match["ampm"], match["tz"]
    else:
        match = _AMPM_ONLY.search(text)
        if match is None:
            return date
        hour, ampm = int(match["H"]), match["ampm"]
    if ampm:
        if not 1 <= hour <= 12:
            return date
        hour = hour % 12 + (12 if ampm[0] in "pP" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return date
    stamp = f"{date}T{hour:02d}:{minute:02d}:{second:02d}"
    if tz:
        stamp += TIMEZONES[tz.upper()]
    return stamp


def fast_date(text: str) -> str | None:
    """Read the common forms without dateparser; ``None`` when they do not match.

    >>> fast_date("date 2021-05-18")
    '2021-05-18'
    >>> fast_date("Tue 18 May 2021 10.32 BST")
    '2021-05-18T10:32:00+01:00'
    >>> fast_date("Published: 10:32, Tue, May 18, 2021")
    '2021-05-18T10:32:00'
    >>> fast_date("18. Mai 2021") , fast_date("18 de mayo de 2021")
    ('2021-05-18', '2021-05-18')
    >>> fast_date("date 2020-12")
    '2020-12'
    >>> fast_date("UPDATED: 4/12/22 7:00 a.m."), fast_date("2022/04/12")
    ('2022-04-12T07:00:00', '2022-04-12')
    """
    return _read_fast(text)[1]


# a stamp that gives the time of its update first and its publication after
# (``Uppdaterad 2016-06-02 | Publicerad 2016-06-01``): the article's date is the
# publication's; the words are the lexicons' (kinds ``updated`` and ``published``)
def _words_pattern(kind: str) -> str:
    entries = sorted(load_lexicon().entries_of(kind), key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w) for w in entries)


_UPDATED_FIRST = regex.compile(rf"\W{{0,4}}(?:{_words_pattern('updated')})\b", regex.IGNORECASE)
_PUBLISHED = regex.compile(rf"\b(?:{_words_pattern('published')})\b", regex.IGNORECASE)


# (a date stamp's line is read by the line classifier, the meta splitter and the builder)
@per_line
def _read_fast(text: str) -> tuple[bool, str | None]:
    """(whether a known form matched, the date it gives). A form that matches with an
    impossible date (``31 February 2021``, ``2021-13-01``) gives no date at all, rather
    than a guess from a looser form or from dateparser."""
    if _UPDATED_FIRST.match(text) is not None:
        published = _PUBLISHED.search(text)
        if published is not None:
            matched, date = _read_form(text[published.end() :])
            if date is not None:
                return matched, date
    return _read_form(text)


def _read_form(text: str) -> tuple[bool, str | None]:
    match = _ISO.search(text)
    if match is not None:
        y, m = int(match["y"]), int(match["m"])
        if match["d"] is None:
            return True, (f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None)
        d = int(match["d"])
        if not _valid(y, m, d):
            return True, None
        date = f"{y:04d}-{m:02d}-{d:02d}"
        if match["H"] is None:
            return True, _with_time(date, text[match.end() :])
        stamp = f"{date}T{match['H']}:{match['M']}:{match['S'] or '00'}"
        off = match["off"]
        if off:
            stamp += "+00:00" if off == "Z" else (off if ":" in off else f"{off[:3]}:{off[3:]}")
        return True, stamp
    for pattern in (_DMY, _MDY):
        match = pattern.search(text)
        if match is not None:
            y, m, d = _full_year(match["y"]), MONTHS[match["mon"].lower()], int(match["d"])
            return True, (_with_time(f"{y:04d}-{m:02d}-{d:02d}", text) if _valid(y, m, d) else None)
    match = _NUMERIC_DMY.search(text)
    if match is not None:
        y, m, d = _full_year(match["y"]), int(match["m"]), int(match["d"])
        if m > 12 >= d or (m <= 12 and match["sep"] == "/" and _AMPM.search(text) is not None):
            # 05/18/2021: month first; and 4/12/22 7:00 a.m., the American way of
            # writing both the date and the time
            m, d = d, m
        return True, (_with_time(f"{y:04d}-{m:02d}-{d:02d}", text) if _valid(y, m, d) else None)
    match = _NUMERIC_YMD.search(text)
    if match is not None:
        y, m, d = _common_era(int(match["y"])), int(match["m"]), int(match["d"])
        return True, (_with_time(f"{y:04d}-{m:02d}-{d:02d}", text) if _valid(y, m, d) else None)
    match = _MONTH_YEAR.search(text)
    if match is not None:
        return True, f"{_common_era(int(match['y'])):04d}-{MONTHS[match['mon'].lower()]:02d}"
    return False, None


def has_time(text: str) -> bool:
    """Whether *text* holds a clock time (``10:32``, ``16.00 Uhr``, ``4pm``)."""
    return _TIME.search(text) is not None or _AMPM_ONLY.search(text) is not None


def is_relative(text: str) -> bool:
    """Whether *text* gives its date relative to now (``2 hours ago``)."""
    return _RELATIVE.search(text) is not None


@functools.lru_cache(maxsize=64)
def _date_data_parser(languages: tuple[str, ...] | None) -> Any:
    # dateparser is heavy to import (~0.3 s) and slow per call: only here, only once.
    from dateparser.date import DateDataParser

    settings = {
        # never invent a date from "2 hours ago", nor fill a missing year with this one
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "REQUIRE_PARTS": ["year"],
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=list(languages) if languages else None, settings=settings)


@functools.lru_cache(maxsize=4096)
def _slow_date(text: str, languages: tuple[str, ...] | None) -> str | None:
    try:
        data = _date_data_parser(languages).get_date_data(text)
    except Exception:  # dateparser raises a zoo of exception types on odd input
        return None
    value = data.date_obj
    if value is None:
        return None
    year = _common_era(value.year)
    if year != value.year:
        try:
            value = value.replace(year=year)
        except ValueError:  # 29 February of a year that is not leap in the common era
            return None
    period = data.period or "day"
    if period == "year":
        return f"{value.year:04d}"
    if period == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if period == "time":
        return str(value.isoformat(timespec="seconds"))
    return str(value.date().isoformat())


# the languages a script points to, for a text whose month or weekday names no lexicon
# knows (the first character of the script that the text holds decides)
_SCRIPTS = (
    (regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]"), ("ja", "zh")),
    (regex.compile(r"\p{Hangul}"), ("ko",)),
    (regex.compile(r"\p{Cyrillic}"), ("bg", "ru", "sr", "uk")),
    (regex.compile(r"\p{Arabic}"), ("ar", "fa", "ur")),
    (regex.compile(r"\p{Greek}"), ("el",)),
    (regex.compile(r"\p{Hebrew}"), ("he",)),
    (regex.compile(r"\p{Thai}"), ("th",)),
    (regex.compile(r"\p{Devanagari}"), ("hi", "mr", "ne")),
)
# dateparser's names for the languages whose codes differ from ours
_DATEPARSER_CODES = {"no": "nb"}
# no date stamp runs longer: a longer text is not worth dateparser's time
_SLOW_MAX_CHARS = 100


def _languages_for(text: str, languages: Sequence[str] | None) -> tuple[str, ...]:
    """The languages dateparser tries for *text*: the ones given, else the ones whose
    month or weekday names the text holds, else those of its script, else English (a
    date of numbers alone reads the same in every language). Without a hint,
    dateparser tries every locale it knows, which costs a second or more for one stamp."""
    if languages:
        chosen: set[str] = set(languages)
    else:
        from ._lexicons import languages_of

        names = languages_of(frozenset({"month", "weekday"}))
        chosen = set()
        for word in words(text):
            chosen.update(names.get(word.casefold(), ()))
        if not chosen and not text.isascii():
            for script, codes in _SCRIPTS:
                if script.search(text) is not None:
                    chosen.update(codes)
        chosen = chosen or {"en"}
    return tuple(sorted(_DATEPARSER_CODES.get(code, code) for code in chosen))


def parse_date(text: str, languages: Sequence[str] | None = None) -> str | None:
    """Read the absolute date in *text* as an ISO 8601 string at the precision given.

    Returns ``None`` for relative stamps (``2 hours ago``) and text with no date.
    *languages* (ISO 639-1 codes such as ``["de", "fr"]``) narrows dateparser's guess;
    without them, the month and weekday names in the text choose its languages.

    >>> parse_date("18 May 2021")
    '2021-05-18'
    >>> parse_date("2 hours ago") is None
    True
    """
    if not text or DIGIT.search(text) is None:
        return None
    matched, date = _read_fast(text)
    if matched:
        return date
    # without a year in the text dateparser takes the day for one ("18 May" -> 2018-05);
    # (the cheapest tests first: a long line goes no further)
    stripped = text.strip()
    if len(stripped) > _SLOW_MAX_CHARS or not holds_year(text) or is_relative(text):
        return None
    chosen = _languages_for(text, languages)
    date = _slow_date(stripped, chosen)
    if date is None:
        # what follows a stamp on its line (``09 октомври 2017, 09:35 часа 2467 прочитания
        # 0 коментара``: views and comments) can keep dateparser from the stamp it reads
        # alone
        extent = stamp_extent(text)
        if extent is not None:
            stamp = text[extent[0] : extent[1]].strip()
            if stamp != stripped and holds_year(stamp):
                date = _slow_date(stamp, chosen)
    return date

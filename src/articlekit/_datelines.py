"""Datelines inside a line: the scrape's own ``date 2021-05-18`` field that opens the
text, and the wire dateline that opens a story (``LONDON (Reuters) -``)."""

from __future__ import annotations

import regex

from . import _dates
from ._blocks import Block
from ._model import Span
from ._tables import AGENCIES
from ._text import word_count

__all__ = ["WIRE_TEASER", "split_date_field", "split_wire"]

# ` date 2021-05-18 Headline`: the scrape's own date field, first line only
# (a byte order mark left at the start of a file may precede it)
DATE_FIELD = regex.compile(r"\ufeff?\s*(?P<raw>date\s+(?P<date>\d{4}(?:-\d{2}){0,2}))(?=\s|$)")

# ` WASHINGTON, May 4 (AP) — `, `LONDON (Reuters) -`, `KARACHI:`, `Riyadh:` at the start
# of the first paragraph
_AGENCY_ALT = "|".join(sorted((regex.escape(a) for a in AGENCIES), key=len, reverse=True))
# a month's name (or its abbreviation) and a day: "May 4", "Feb. 20"
_MONTH_DAY = r"\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}"
_WIRE = regex.compile(
    rf"(?P<place>\p{{Lu}}[\p{{Lu}}\p{{M}} .'\u2019-]{{1,40}}?)"
    # "PORTO ALEGRE, Brazil (Reuters) —": the country or state after the place
    rf"(?:,\s*(?P<region>\p{{Lu}}\p{{Ll}}+\.?(?:\s\p{{Lu}}\p{{Ll}}+\.?){{0,2}})(?=\s*[(,\-\u2013\u2014]))?"
    rf"(?:,\s*(?P<when>{_MONTH_DAY}(?:,?\s+\d{{4}})?))?"
    rf"(?:\s*\((?P<agency>{_AGENCY_ALT})\))?"
    r"\s*(?P<sep>--|[-\u2013\u2014_:])\s+"
    # a press release's date after the place: "RESTON, Va. – February 26, 2007 –TNS, Inc."
    rf"(?:(?P<after>{_MONTH_DAY},?\s+\d{{4}})\s*(?:--|[-\u2013\u2014])\s*)?"
    r"(?=\S)"
)
# another story's wire opening, as teasers print it: "AMSTERDAM (ANP) - In Amsterdam..."
WIRE_TEASER = regex.compile(rf"\p{{Lu}}{{2,}}[\p{{Lu}} .'-]*\s*\((?:{_AGENCY_ALT})\)\s*[-\u2013\u2014]")
_WIRE_TITLE = regex.compile(r"(?P<place>\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?)\s*:\s+(?=\p{Lu})")


def split_date_field(block: Block) -> list[Block]:
    """`` date 2021-05-18 Headline`` → a dateline block and the rest of the line."""
    match = DATE_FIELD.match(block.text)
    if match is None:
        return [block]
    start = block.span.start
    dateline = Block("dateline", match["raw"], Span(start, start + match.end()), date=_dates.fast_date(match["date"]))
    rest = block.text[match.end() :]
    stripped = rest.strip()
    if not stripped:
        return [dateline]
    offset = start + match.end() + (len(rest) - len(rest.lstrip()))
    return [dateline, Block("paragraph", stripped, Span(offset, offset + len(stripped)))]


_LOWER_IN_PLACES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "la", "le", "les", "of", "on", "upon", "am", "im", "an", "sur", "en", "y"}
)


def _place_name(place: str) -> str:
    """``RIO DE JANEIRO`` → ``Rio de Janeiro``; a place written in mixed case stays."""
    if not place.isupper():
        return place
    parts = place.title().split(" ")
    return " ".join(p.lower() if i and p.lower() in _LOWER_IN_PLACES else p for i, p in enumerate(parts))


def wire_opening(text: str) -> tuple[regex.Match[str], str] | None:
    """The wire dateline opening *text* (``LONDON (Reuters) -``) and its place, when a
    paragraph of six words or more follows it."""
    match = _WIRE.match(text)
    if match is not None:
        place = match["place"].strip(" ,.")
    else:
        match = _WIRE_TITLE.match(text)
        if match is None:
            return None
        place = match["place"]
    if word_count(text[match.end() :]) < 6 or word_count(place) > 4:
        return None
    return match, place


def split_wire(block: Block) -> list[Block]:
    """``LONDON (Reuters) - Text`` → a dateline block (place, agency) and the paragraph."""
    text = block.text
    opening = wire_opening(text)
    if opening is None:
        return [block]
    match, place = opening
    start = block.span.start
    raw = text[: match.end()].rstrip()
    groups = match.groupdict()
    dateline = Block(
        "dateline",
        raw,
        Span(start, start + len(raw)),
        date=_dates.fast_date(when) if (when := groups.get("after") or groups.get("when")) else None,
        place=_place_name(place),
        agency=groups.get("agency"),
    )
    rest = Block("paragraph", text[match.end() :], Span(start + match.end(), block.span.end))
    return [dateline, rest]

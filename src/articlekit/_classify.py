"""Stage 2: say what each block is.

First each line on its own (a link, a caption, furniture, a date stamp, a quotation
...), then in context: the headline is the first title-like line before the prose,
a crosshead is a short title-like line between paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from . import _dates
from ._blocks import Block
from ._furniture import boilerplate_reason, furniture
from ._model import Span
from ._quotes import read_quote
from ._tables import (
    AGENCIES,
    MONTHS,
    NAME_PARTICLES,
    ORGANISATION_WORDS,
    READ_MORE_BARE_ENDINGS,
    READ_MORE_LABELS,
    STAMP_WORDS,
    TIMEZONES,
)
from ._text import SENTENCE_END, continues_into, is_prose, is_title_like, word_count, words

__all__ = ["classify"]

# Case-insensitive, but with simple case folding only: full folding (VERSION1's default)
# lets "ss" match "ß" in more than one way, and a line of capital S's then backtracks
# exponentially (found by the fuzzer).
_I = regex.IGNORECASE | regex.VERSION0

# ` date 2021-05-18 Headline`: the scrape's own date field, first line only
# (a byte order mark left at the start of a file may precede it)
_DATE_FIELD = regex.compile(r"\ufeff?\s*(?P<raw>date\s+(?P<date>\d{4}(?:-\d{2}){0,2}))(?=\s|$)")

_LABELS = "|".join(sorted((regex.escape(x) for x in READ_MORE_LABELS), key=len, reverse=True))
_READ_MORE = regex.compile(
    rf"(?P<label>{_LABELS})(?:\s*(?:[:|>\u00bb\u2014\u2013]|\.{{3}}|\u2026)\s*|\s+-\s+)(?P<title>\S.*)", _I
)
_CLICK_HERE = regex.compile(r"(?P<label>click here to read(?: more)?)\s*(?:[:\-\u2013\u2014]\s*)?(?P<title>.*)", _I)
_LONE_READ_MORE = regex.compile(
    r"(?:read more|read also|also read|lees meer|lesen sie mehr|leia mais|leer más|lire la suite)\s*[:.\u2026]?", _I
)
# searched in the last characters of a line only, so that no pattern scans a long line
_BARE_READ_MORE = regex.compile("|".join(f"(?:{p})" for p in READ_MORE_BARE_ENDINGS), _I)
_URL = regex.compile(r"https?://[^\s<>\"\u201d\u2019)\]]+", _I)


_BULLET = regex.compile(
    r"(?:[-\u2022\u00b7*\u25aa\u25cf\u25e6\u2023\u2013\u2014\u25ba\u25b6\u2192]|\d{1,2}[.)])\s+(?=\S)"
)
_CREDITS = regex.compile(r"\(?(?:(?:additional )?reporting|writing|editing|compiled|produced) by\s+\p{Lu}", _I)
_FROM_BYLINE = regex.compile(r"(?i:from)\s+\p{Lu}[\w.&-]*[\u2019']s\s+\p{Lu}")
_BYLINE = regex.compile(r"(?i:by|von|par|por|di|door|text:|words:|written by|reporting by)\s+\p{Lu}")
_ROLE = regex.compile(
    r",\s*(?:[\w-]+\s+){0,3}(?:editor|correspondent|reporter|writer|columnist|journalist|"
    r"contributor|staff|redakteur(?:in)?|correspondant|corresponsal|redactor|giornalista)\b",
    _I,
)


# ` WASHINGTON, May 4 (AP) — `, `LONDON (Reuters) -`, `KARACHI:`, `Riyadh:` at the start
# of the first paragraph
_AGENCY_ALT = "|".join(sorted((regex.escape(a) for a in AGENCIES), key=len, reverse=True))
_WIRE = regex.compile(
    rf"(?P<place>\p{{Lu}}[\p{{Lu}}\p{{M}} .'\u2019-]{{1,40}}?)"
    # "PORTO ALEGRE, Brazil (Reuters) —": the country or state after the place
    rf"(?:,\s*(?P<region>\p{{Lu}}\p{{Ll}}+\.?(?:\s\p{{Lu}}\p{{Ll}}+\.?){{0,2}})(?=\s*[(,\-\u2013\u2014]))?"
    rf"(?:,\s*(?P<when>[\p{{Lu}}][\p{{Ll}}]{{2,8}}\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?))?"
    rf"(?:\s*\((?P<agency>{_AGENCY_ALT})\))?"
    r"\s*(?P<sep>--|[-\u2013\u2014_:])\s+(?=\S)"
)
# another story's wire opening, as teasers print it: "AMSTERDAM (ANP) - In Amsterdam..."
_WIRE_TEASER = regex.compile(rf"\p{{Lu}}{{2,}}[\p{{Lu}} .'-]*\s*\((?:{_AGENCY_ALT})\)\s*[-\u2013\u2014]")
_WIRE_TITLE = regex.compile(r"(?P<place>\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?)\s*:\s+(?=\p{Lu})")

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


def _is_stamp(text: str, lenient: bool = False) -> bool:
    """A line that is only a date or time stamp (``Published: 3 April 2023, 10:56``);
    *lenient* (near the top of the page) allows a few more words around a full date
    (``The Washington Times - Thursday, April 25, 2024``)."""
    if len(text) > 120:
        return False
    tokens = words(text)
    if not tokens or len(tokens) > 18:
        return False
    other = 0
    has_number = False
    for word in tokens:
        low = word.lower()
        if _DIGITISH.fullmatch(low):
            has_number = True
        elif low not in _STAMP_VOCAB:
            other += 1
    if other > 1:
        if not lenient or other > 3 or len(tokens) > 12:
            return False
        date = _dates.fast_date(text)
        return date is not None and len(date) >= 10
    if has_number:
        return _dates.fast_date(text) is not None or _dates.is_relative(text) or other == 0
    return other == 0 and any(w.lower() in ("published", "updated", "ago") for w in tokens)


def _is_byline(text: str) -> bool:
    """``By Jane Smith``, ``by The Associated Press | Today at 12:13``, ``Jane Smith,
    Political Editor``: short, no sentence, a name after *by* or before a role."""
    if _CREDITS.match(text) and len(text) <= 300:
        return True  # (Reporting by Jane Smith; Editing by John Doe)
    if len(text) > 200 or is_prose(text):
        return False
    n = word_count(text)
    if _BYLINE.match(text) or _FROM_BYLINE.match(text):
        return n <= 20 and (not SENTENCE_END.search(text) or n <= 8)
    return _ROLE.search(text) is not None and n <= 10 and not SENTENCE_END.search(text)


def read_link(text: str) -> tuple[str | None, str, str | None] | None:
    """Read *text* as a link to another article: ``(label, title, url)``, or ``None``.

    >>> read_link("READ MORE: Storm hits coast https://example.com/storm")
    ('READ MORE', 'Storm hits coast', 'https://example.com/storm')
    """
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
    if _BARE_READ_MORE.search(body, max(0, len(body) - 40)) or _is_shouted_headline(body):
        return None, body, None
    return None


def strip_bullet(text: str) -> str:
    """*text* without a leading list bullet or number."""
    bullet = _BULLET.match(text)
    return text[bullet.end() :] if bullet is not None and len(text) > bullet.end() else text


def _read_more(block: Block) -> Block | None:
    link = read_link(block.text)
    if link is None:
        return None
    return block.replace(kind="read_more", label=link[0], url=link[2])


def _is_shouted_headline(text: str) -> bool:
    """A related-article headline set in capitals between paragraphs (five words or more:
    shorter capitals are section labels)."""
    return text.isupper() and word_count(text) >= 5 and not SENTENCE_END.search(text) and len(text) < 200


def _on_its_own(block: Block, near_top: bool = False) -> Block:
    """Classify a line by what it says, without looking at its neighbours (but for
    whether it is *near_top* of the page, where date stamps and bylines live)."""
    text = block.text
    if _CLICK_HERE.fullmatch(text) and "read" in text[:24].lower():
        return block.replace(kind="read_more", label=_CLICK_HERE.fullmatch(text)["label"])  # type: ignore[index]
    if furniture(text) is not None:
        return block  # a caption, a post, furniture: the cleaners see to it
    found = _read_more(block)
    if found is not None:
        return found
    if _is_stamp(text, near_top):
        return block.replace(kind="dateline", date=_dates.fast_date(text))
    if strip_bullet(text) is not text:
        return block.replace(kind="list_item")
    if _is_byline(text):
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


def _split_date_field(block: Block) -> list[Block]:
    """`` date 2021-05-18 Headline`` → a dateline block and the rest of the line."""
    match = _DATE_FIELD.match(block.text)
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


def _split_wire(block: Block) -> list[Block]:
    """``LONDON (Reuters) - Text`` → a dateline block (place, agency) and the paragraph."""
    text = block.text
    match = _WIRE.match(text)
    if match is not None:
        place = match["place"].strip(" ,.")
    else:
        match = _WIRE_TITLE.match(text)
        if match is None:
            return [block]
        place = match["place"]
    if word_count(text[match.end() :]) < 6 or word_count(place) > 4:
        return [block]
    start = block.span.start
    raw = text[: match.end()].rstrip()
    groups = match.groupdict()
    dateline = Block(
        "dateline",
        raw,
        Span(start, start + len(raw)),
        date=_dates.fast_date(groups["when"]) if groups.get("when") else None,
        place=_place_name(place),
        agency=groups.get("agency"),
    )
    rest = Block("paragraph", text[match.end() :], Span(start + match.end(), block.span.end))
    return [dateline, rest]


# Headlines run to about twenty words; a longer title-like line is a summary or caption.
_HEADLINE_MAX_WORDS = 24


def _wrapped_lines(out: list[Block]) -> set[int]:
    """The lines of hard-wrapped paragraphs: each carries on the sentence of the line
    above or into the line below. Such a line is never a title, however short."""
    wrapped: set[int] = set()
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if (
            not second.blank_before
            and first.kind in ("paragraph", "quote")
            and second.kind == "paragraph"
            and continues_into(first.text, second.text)
        ):
            wrapped.update((i, i + 1))
    return wrapped


def _mark_headline(out: list[Block], source: str, rest_of_date_line: int | None, wrapped: set[int]) -> None:
    """The headline is the first title-like line of four words or more before the story
    starts; the short labels above it (site names, sections, kickers) are furniture.
    A three-word line is the headline only when nothing longer is, and only when it
    reads as a phrase rather than a name (a word in lower case: ``Storm hits coast``,
    not ``Belfast Telegraph``). The text the scrape put on the date line after the
    date does not start the story: it is often a caption above the real headline."""
    labels: list[int] = []
    chosen = None
    for i, block in enumerate(out[:15]):
        if block.kind == "read_more":
            break
        if block.kind not in ("paragraph", "quote"):
            continue
        text = block.span.of(source)
        if furniture(text) is not None:
            continue  # the cleaners will drop or retype it
        if i in wrapped:
            break  # a hard-wrapped paragraph: the story has started
        n = word_count(text)
        if (n >= 4 and is_title_like(text, _HEADLINE_MAX_WORDS)) or (
            i == rest_of_date_line and _is_short_headline(text)
        ):
            chosen = i
            break
        if n <= 3 and not SENTENCE_END.search(text):
            labels.append(i)
        elif i != rest_of_date_line and (n >= 8 or block.kind == "quote"):
            # the story has started, unless the date or byline of the page follows: then
            # this is a headline written as sentences ("... rulings. Here's what to know.")
            after = out[i + 1] if i + 1 < len(out) else None
            if after is not None and after.kind in ("dateline", "byline") and n <= _HEADLINE_MAX_WORDS:
                chosen = i
            break
    if chosen is None:
        chosen = next((i for i in labels if _is_short_headline(out[i].span.of(source))), None)
        if chosen is None:
            return
    out[chosen] = Block("headline", out[chosen].span.of(source), out[chosen].span)
    for j in labels:
        if j < chosen:
            if _is_person(out[j].text):
                out[j] = out[j].replace(kind="byline", reason="name")
            else:
                out[j] = out[j].replace(kind="boilerplate", reason="label")


def _is_short_headline(text: str) -> bool:
    tokens = words(text)
    return len(tokens) == 3 and is_title_like(text) and any(t[0].islower() for t in tokens[1:])


_NAME_WORD = regex.compile(r"(?:\p{Lu}[\p{L}\u2019'.-]*|\p{Lu}\.)")
_DESK = regex.compile(r"(?:[\w-]+ ){0,2}(?:editors?|staff|reporters?|correspondents?|desk|team|newsroom)", _I)


def _is_person(text: str) -> bool:
    """A line that is only a person's name (``Jack Maidment``, ``Andy Gooding-Call``)."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 4 or text.isupper() or any(ch.isdigit() for ch in text):
        return False
    for token in tokens:
        low = token.lower()
        if low in ORGANISATION_WORDS:
            return False
        if not (_NAME_WORD.fullmatch(token) or low in NAME_PARTICLES):
            return False
    return True


def _mark_name_bylines(out: list[Block], wrapped: set[int]) -> None:
    """A line that is only a name (or a desk: ``Online Editors``) is the byline when it
    stands with the front matter, before the story starts, or after its last paragraph
    (a letter's signature); the publication line under a byline belongs to it."""
    prose = [i for i, b in enumerate(out) if b.kind in ("paragraph", "quote") and is_prose(b.text)]
    if not prose:
        return
    first, last = prose[0], prose[-1]
    for i, block in enumerate(out):
        if block.kind != "paragraph" or i in wrapped or furniture(block.text) is not None:
            continue
        text = block.text
        where = i < first or i > last
        if where and (_is_person(text) or _DESK.fullmatch(text)):
            out[i] = block.replace(kind="byline", reason="name")
        elif (
            i > 0
            and out[i - 1].kind == "byline"
            and not block.blank_before
            and word_count(text) <= 4
            and not SENTENCE_END.search(text)
            and all(t[:1].isupper() for t in text.split())
        ):
            out[i] = block.replace(kind="byline", reason="publication under a byline")


def _split_first_wire_dateline(out: list[Block]) -> None:
    """Wire datelines open one of the first paragraphs of the story."""
    seen = 0
    for i, block in enumerate(out):
        if block.kind != "paragraph" or furniture(block.text) is not None:
            continue
        split = _split_wire(block)
        if len(split) == 2:
            out[i : i + 1] = split
            return
        seen += 1
        if seen >= 4:
            return


def classify(blocks: Sequence[Block], source: str) -> list[Block]:
    """Give every block of *source* its kind (splitting date-field and wire-dateline
    lines)."""
    if not blocks:
        return []
    out: list[Block] = []
    lines = _split_date_field(blocks[0]) + list(blocks[1:])
    if lines[0].kind == "dateline":
        out.append(lines.pop(0))
    out.extend(_on_its_own(block, i < 8) for i, block in enumerate(lines))

    rest_of_date_line = 1 if out[0].kind == "dateline" and len(lines) == len(blocks) else None
    wrapped = _wrapped_lines(out)
    _mark_headline(out, source, rest_of_date_line, wrapped)
    _split_first_wire_dateline(out)
    _mark_name_bylines(out, wrapped)
    _mark_related_sections(out)
    _mark_related_lists(out)
    _mark_headings(out, _wrapped_lines(out))
    return out


_LIST_EDGES = frozenset({"separator", "related list"})


def _is_list_edge(block: Block) -> bool:
    return block.reason in _LIST_EDGES or boilerplate_reason(block.text) in _LIST_EDGES


def _mark_related_sections(out: list[Block]) -> None:
    """Below the label of a list of other stories (``Top Stories``, ``Meer uit
    Binnenland``) set after the story, the lines are that list: a lone headline or
    teaser is a link to another article; a headline with its summary is site
    furniture, the teaser of a story page."""
    started = False
    section = False
    for i, block in enumerate(out):
        text = block.text
        if boilerplate_reason(text) == "related list":
            section = section or started
            continue
        if not section:
            started = started or (block.kind in ("paragraph", "quote") and is_prose(text))
            continue
        if block.kind not in ("paragraph", "quote", "heading") or furniture(text) is not None:
            continue
        after = out[i + 1] if i + 1 < len(out) else None
        headline_over_summary = (
            after is not None
            and after.kind in ("paragraph", "quote")
            and is_prose(after.text)
            and word_count(text) <= 25
            and not is_prose(text)
        )
        if headline_over_summary and after is not None:
            out[i] = block.replace(kind="boilerplate", reason="teaser")
            out[i + 1] = after.replace(kind="boilerplate", reason="teaser")
            continue
        if is_prose(text):
            if _WIRE_TEASER.search(text, 0, 60):
                out[i] = block.replace(kind="read_more")  # another story's wire opening
            else:
                section = False  # prose on its own: the story goes on below the list
            continue
        if is_title_like(text) and word_count(text) >= 3:
            out[i] = block.replace(kind="read_more")
        else:
            out[i] = block.replace(kind="boilerplate", reason="label")


def _mark_related_lists(out: list[Block]) -> None:
    """Bare headlines in a list of related articles (after its label, or between
    separator lines, or after another link) are links too."""
    for i, block in enumerate(out):
        text = block.text
        if block.kind != "paragraph" or i == 0 or SENTENCE_END.search(text) or word_count(text) > 30:
            continue
        if furniture(text) is not None:
            continue
        before = out[i - 1]
        after = out[i + 1] if i + 1 < len(out) else None
        after_ok = after is None or after.kind == "read_more" or _is_list_edge(after)
        if ((before.kind == "read_more" and before.label is None) or _is_list_edge(before)) and after_ok:
            out[i] = block.replace(kind="read_more")


_BEFORE_HEADING = frozenset({"paragraph", "quote", "list_item", "read_more", "dateline", "heading", "byline"})
_AFTER_HEADING = frozenset({"paragraph", "quote", "list_item", "byline"})


def _is_heading_text(block: Block, before: Block, after: Block) -> bool:
    text = block.text
    n = word_count(text)
    if n > 12 or furniture(text) is not None:
        return False
    if n == 1:
        # a one-word crosshead ("Politielocatie") stands between two paragraphs of prose
        return (
            len(text) >= 6 and text[:1].isupper() and text.isalpha() and is_prose(before.text) and is_prose(after.text)
        )
    if not is_title_like(text, 12):
        return False
    if block.kind == "quote":
        # a live blog's post title that quotes someone ("MAGA CEO on the charges: "No crime"")
        return before.kind == "dateline" or after.kind == "byline"
    return block.kind == "paragraph"


def _mark_headings(out: list[Block], wrapped: set[int]) -> None:
    """A crosshead (or a live blog's post title): a short title-like line between
    paragraphs, time stamps and bylines. Of two such lines in a row, the first is the
    caption of a picture set above the section."""
    for i in range(1, len(out) - 1):
        block = out[i]
        if i in wrapped or block.kind not in ("paragraph", "quote"):
            continue
        before, after = out[i - 1], out[i + 1]
        if before.kind in _BEFORE_HEADING and after.kind in _AFTER_HEADING and _is_heading_text(block, before, after):
            if before.kind == "heading" and i >= 2 and out[i - 2].kind != "heading":
                out[i - 1] = before.replace(kind="caption", reason="caption above a crosshead")
            out[i] = block.replace(kind="heading")

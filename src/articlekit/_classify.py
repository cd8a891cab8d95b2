"""Stage 2: say what each block is.

First each line on its own (:mod:`._lines`: a link, a date stamp, a quotation ...),
then in context: the scrape's date field and the wire dateline are split off
(:mod:`._datelines`), the headline is the first title-like line before the prose, a
crosshead is a short title-like line between paragraphs, a list of other stories
below the article is furniture and links.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ._blocks import Block
from ._datelines import WIRE_TEASER, split_date_field, split_wire
from ._furniture import boilerplate_reason, furniture
from ._header import HEADLINE_MAX_WORDS, HEADLINE_MIN_WORDS, split_glued_header
from ._lines import is_desk, is_person, read_line
from ._meta import split_meta
from ._model import Span
from ._tables import ORGANISATION_WORDS, TRAILING_NAVIGATION
from ._text import CASELESS, SENTENCE_END, continues_into, is_prose, is_title_like, word_count, words

__all__ = ["classify"]

_TRAILING_NAVIGATION = regex.compile(rf"(?r)(?<=[.!?]\s*){TRAILING_NAVIGATION}", CASELESS)


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
    date does not start the story: it is often a caption above the real headline. A short
    sentence above the headline set among that furniture (an app's promotion: ``Get all
    your news in one place.``) is furniture too."""
    labels: list[int] = []
    short: list[int] = []  # lines too long for a label, too short to start the story
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
        if (n >= HEADLINE_MIN_WORDS and is_title_like(text, HEADLINE_MAX_WORDS)) or (
            i == rest_of_date_line and _is_short_headline(text)
        ):
            chosen = i
            break
        if n <= 3 and not SENTENCE_END.search(text):
            labels.append(i)
            continue
        if i != rest_of_date_line and (n >= 8 or block.kind == "quote"):
            # the story has started, unless the date or byline of the page follows: then
            # this is a headline written as sentences ("... rulings. Here's what to know.")
            after = out[i + 1] if i + 1 < len(out) else None
            if after is not None and after.kind in ("dateline", "byline") and n <= HEADLINE_MAX_WORDS:
                chosen = i
            elif i == 0 and _is_headline_over_byline(out, i + 1):
                chosen = i + 1  # the text opens with a caption or teaser above the headline
            break
        if i != rest_of_date_line:
            short.append(i)
    if chosen is None:
        chosen = next((i for i in labels if _is_short_headline(out[i].span.of(source))), None)
        if chosen is None:
            return
    out[chosen] = Block("headline", out[chosen].span.of(source), out[chosen].span)
    for j in labels:
        if j < chosen:
            if is_person(out[j].text):
                out[j] = out[j].replace(kind="byline", reason="name")
            else:
                out[j] = out[j].replace(kind="boilerplate", reason="label")
    for j in short:
        if j < chosen and _beside_furniture(out, j, source):
            out[j] = out[j].replace(kind="boilerplate", reason="front matter")


def _beside_furniture(out: list[Block], i: int, source: str) -> bool:
    """Whether a line next to block *i* is page furniture (or a label, marked above)."""
    return any(
        0 <= j < len(out) and (out[j].kind == "boilerplate" or furniture(out[j].span.of(source)) is not None)
        for j in (i - 1, i + 1)
    )


def _is_headline_over_byline(out: list[Block], i: int) -> bool:
    """Whether block *i* reads as a headline with the byline directly under it."""
    if i + 1 >= len(out) or out[i].kind != "paragraph" or out[i + 1].kind != "byline":
        return False
    text = out[i].text
    return (
        word_count(text) >= HEADLINE_MIN_WORDS and is_title_like(text, HEADLINE_MAX_WORDS) and furniture(text) is None
    )


def _is_short_headline(text: str) -> bool:
    tokens = words(text)
    return len(tokens) == 3 and is_title_like(text) and any(t[0].islower() for t in tokens[1:])


def _is_prose_block(block: Block) -> bool:
    return block.kind in ("paragraph", "quote") and is_prose(block.text)


def _mark_name_bylines(out: list[Block], wrapped: set[int]) -> None:
    """A line that is only a name (or a desk: ``Online Editors``) is the byline when it
    stands with the front matter, before the story starts, or after its last paragraph
    (a letter's signature); the publication line under a byline belongs to it."""
    first = next((i for i, block in enumerate(out) if _is_prose_block(block)), None)
    if first is None:
        return
    # (the last from the end: the lines between need not be read)
    last = next(i for i in range(len(out) - 1, first - 1, -1) if _is_prose_block(out[i]))
    for i, block in enumerate(out):
        if block.kind != "paragraph" or i in wrapped or furniture(block.text) is not None:
            continue
        text = block.text
        where = i < first or i > last
        if where and (is_person(text) or is_desk(text)):
            out[i] = block.replace(kind="byline", reason="name")
        elif (
            i > 0
            and out[i - 1].kind == "byline"
            # set apart by a blank line, it must name a publication ("The Sunday Times")
            and (not block.blank_before or any(w.lower() in ORGANISATION_WORDS for w in words(text)))
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
        split = split_wire(block)
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
    lines = split_date_field(blocks[0]) + list(blocks[1:])
    if lines[0].kind == "dateline":
        out.append(lines.pop(0))
    header: list[Block] = []
    if lines:
        header = split_glued_header(lines[0], source)
        if len(header) > 1:
            out.extend(header)
            lines.pop(0)
    for i, block in enumerate(lines):
        read = read_line(block, i < 8)
        navigation = _TRAILING_NAVIGATION.search(read.text) if read.text[-1:] == ")" else None
        if navigation is not None and read.kind == "paragraph":
            out.append(_piece(read, 0, navigation.start(), "paragraph", None))
            out.append(_piece(read, navigation.start(), len(read.text), "boilerplate", "navigation"))
            continue
        if read.kind in ("byline", "dateline"):
            out.extend(split_meta(read))
        else:
            out.append(read)

    wrapped = _wrapped_lines(out)
    if len(header) < 2:  # else the header run together on one line gave the headline
        rest_of_date_line = 1 if out[0].kind == "dateline" and len(lines) == len(blocks) else None
        _mark_headline(out, source, rest_of_date_line, wrapped)
    _split_first_wire_dateline(out)
    _mark_name_bylines(out, wrapped)
    _mark_related_sections(out)
    _mark_related_lists(out)
    _mark_headings(out, _wrapped_lines(out))
    return out


def _piece(block: Block, start: int, end: int, kind: str, reason: str | None) -> Block:
    """The text of *block* from *start* to *end* (offsets into its text) as a block."""
    text = block.text[start:end].rstrip()
    at = block.span.start + start
    return Block(kind, text, Span(at, at + len(text)), blank_before=block.blank_before and start == 0, reason=reason)


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
        if WIRE_TEASER.search(text, 0, 60):
            # another story's wire opening, whole or cut off ("2 uur geledenAMSTERDAM (ANP) - ...")
            out[i] = block.replace(kind="read_more")
            continue
        if is_prose(text):
            section = False  # prose on its own: the story goes on below the list
            continue
        if is_title_like(text) and word_count(text) >= 3:
            out[i] = block.replace(kind="read_more")
        else:
            out[i] = block.replace(kind="boilerplate", reason="label")


def _mark_related_lists(out: list[Block]) -> None:
    """Bare headlines in a list of related articles (after its label, or between
    separator lines, or after another link) are links too."""
    for i in range(1, len(out)):
        block, before = out[i], out[i - 1]
        # (the neighbours first: most paragraphs stand between paragraphs)
        if block.kind != "paragraph" or not (
            (before.kind == "read_more" and before.label is None) or _is_list_edge(before)
        ):
            continue
        after = out[i + 1] if i + 1 < len(out) else None
        if not (after is None or after.kind == "read_more" or _is_list_edge(after)):
            continue
        text = block.text
        if SENTENCE_END.search(text) or word_count(text) > 30 or furniture(text) is not None:
            continue
        out[i] = block.replace(kind="read_more")


_HEADING_MAX_WORDS = 12
_POST_TITLE_MAX_WORDS = 20
_BEFORE_HEADING = frozenset({"paragraph", "quote", "list_item", "read_more", "dateline", "heading", "byline"})
_AFTER_HEADING = frozenset({"paragraph", "quote", "list_item", "byline"})


def _is_heading_text(block: Block, before: Block, after: Block) -> bool:
    text = block.text
    # a live blog's post title over its byline ("From CNN's Jane Smith") runs longer
    limit = _POST_TITLE_MAX_WORDS if after.kind == "byline" else _HEADING_MAX_WORDS
    if not text.isalpha() and not is_title_like(text, limit):
        return False  # (a one-word crosshead is all letters; any other is title-like)
    n = word_count(text)
    if n > limit or furniture(text) is not None:
        return False
    if n == 1:
        # a one-word crosshead ("Politielocatie") stands between two paragraphs of prose
        return (
            len(text) >= 6 and text[:1].isupper() and text.isalpha() and is_prose(before.text) and is_prose(after.text)
        )
    if not is_title_like(text, limit):
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

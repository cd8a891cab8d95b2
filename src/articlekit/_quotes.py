"""Reading quotation marks: does a paragraph open a quotation, is it still open at the
end, who is named as the speaker."""

from __future__ import annotations

import re

import attrs
import regex

from ._lexicons import load as load_lexicon
from ._speakers import speaker_after, speaker_in_clauses
from ._tables import DASHES, OPENERS, QUOTE_PAIRS, SPEAKER_TITLES
from ._text import holds_any, per_line, words

__all__ = ["QuoteReading", "SpeechReading", "read_quote", "read_unmarked_speech"]

_SINGLE = "'\u2019\u2018\u201a"
_ALL_MARKS = "".join(sorted(set(OPENERS + "".join(QUOTE_PAIRS.values()))))
# (a class of plain characters: the standard library's engine scans for it twice as fast)
_MARKS = re.compile(f"[{re.escape(_ALL_MARKS)}]")
_REVERSE_MARKS = regex.compile(f"(?r)[{regex.escape(_ALL_MARKS)}]")
# an opening mark hugs the word after it: `," and` is a closing mark
# (French guillemets take a space inside: « Bonjour »)
_LEAD_IN = regex.compile(rf"[:,]\s*([{regex.escape(OPENERS)}])(?=\S|(?<=[\u00ab\u00bb\u2039\u203a])\s)")
_GUILLEMETS = "\u00ab\u00bb\u2039\u203a"
_TRAILING_PUNCT = ".,;:!?\u2026)]\u00a0 \t"
# the verbs of saying of every language's lexicon (``speech``), case-folded
_VERBS = load_lexicon().entries_of("speech")
# after the verb, the speaker's name and title: "said Mr. Thakur", "said astrophysicist
# Alan Boss", "aldus Van den Heuvel"
_NAME = r"(?:\p{Lu}[\w\u2019'.-]*|(?:van|von|den|der|de|del|da|di|al|bin|le|la)\b)"
_UNMARKED_ATTRIBUTION = regex.compile(
    rf",\s+(?P<att>(?i:said|says|added|told)(?:[ ]+\p{{Ll}}[\w-]*)?"
    rf"(?:[ ]+\p{{Lu}}[\w\u2019'.-]*(?:[ ]+{_NAME}){{0,4}}))",
    regex.VERSION0,  # simple case folding in (?i:...): see _text.CASELESS
)
_TITLE_AT_END = regex.compile(r"\b(?:" + "|".join(SPEAKER_TITLES) + r")\.$")


@attrs.frozen(slots=True)
class QuoteReading:
    """What a paragraph of direct speech says and where its speaker is named (offsets
    into the paragraph)."""

    #: the speech, without lead-in, quotation marks and trailing attribution
    speech: str
    open_at_end: bool
    lead_in: tuple[int, int] | None = None
    attribution: tuple[int, int] | None = None


def _is_apostrophe(text: str, i: int) -> bool:
    # ’ between letters (don’t), or after s (the Joneses’ car) followed by a space, is
    # an apostrophe rather than a closing single quotation mark
    after = text[i + 1] if i + 1 < len(text) else ""
    return after.isalnum()


def _scan(text: str, start: int, opener: str) -> tuple[int | None, bool]:
    """From just after *opener* at *start*: the first closing mark's index, and whether
    the quotation is open at the end of *text*."""
    closers = QUOTE_PAIRS[opener]
    single = opener in _SINGLE
    is_open = True
    first_close: int | None = None
    for found in _MARKS.finditer(text, start):
        i = found.start()
        ch = text[i]
        if is_open and ch in closers:
            if (single or ch in _SINGLE) and _is_apostrophe(text, i):
                continue  # don't, I'm: an apostrophe, not a closing mark
            is_open = False
            if first_close is None:
                first_close = i
        elif not is_open and ch == opener:
            is_open = True
    return first_close, is_open


def _last_inner_close(text: str, opener: str, tail: int) -> int:
    """The index of the last mark closing *opener* before *tail*, or -1."""
    closers = QUOTE_PAIRS[opener]
    single = opener in _SINGLE
    for found in _REVERSE_MARKS.finditer(text, 0, tail):
        i = found.start()
        if text[i] in closers and not (single and _is_apostrophe(text, i)):
            return i
    return -1


def _speech_end(text: str, opener: str) -> int:
    """Where the speech ends: before a closing mark at the end, or at the end."""
    end = len(text.rstrip(_TRAILING_PUNCT))
    if end and text[end - 1] in QUOTE_PAIRS[opener]:
        return end - 1
    return len(text)


def _trailing_attribution(text: str, first_close: int | None) -> tuple[int, int] | None:
    if first_close is not None:
        found = speaker_after(text, first_close + 1, _VERBS)
        if found is not None:
            return found
    # the closing mark lost in the scrape: "…for the first time, said Alan Boss of…"
    match = _UNMARKED_ATTRIBUTION.search(text, 0, first_close if first_close is not None else len(text))
    return _without_full_stop(text, *match.span("att")) if match is not None else None


def _without_full_stop(text: str, start: int, end: int) -> tuple[int, int]:
    """A full stop after the name ("said Mr Smith.") ends the sentence; one after a
    title ("said Mr.") belongs to it."""
    if end > start and text[end - 1] == "." and _TITLE_AT_END.search(text, start, end) is None:
        end -= 1
    return start, end


_OPENER_MARKS = tuple(OPENERS)


def _holds_opener(text: str) -> bool:
    return holds_any(text, _OPENER_MARKS)


@per_line
def read_quote(text: str) -> QuoteReading | None:
    """Read *text* (one stripped paragraph) as direct speech, or return ``None``.

    A paragraph is direct speech when it opens with a quotation mark, or when a
    lead-in ending in a colon or comma is directly followed by a quotation that runs
    to the end of the paragraph.

    >>> r = read_quote('They said: "We are aware of a video.')
    >>> r.lead_in, r.open_at_end
    ((0, 9), True)
    >>> read_quote('Officers must remain "impartial" at protests.') is None
    True
    """
    if not text:
        return None
    first = text[0]
    if first in QUOTE_PAIRS and len(text) > 1 and (not text[1].isspace() or first in _GUILLEMETS):
        first_close, is_open = _scan(text, 1, first)
        attribution = _trailing_attribution(text, first_close)
        if attribution is None or first_close is None:
            speech = text[1 : _speech_end(text, first)]
        else:
            # "…," said Mr Jones. "More speech…  → the two pieces of speech
            speech = text[1:first_close].rstrip(" ,")
            rest = text[attribution[1] :].lstrip(_TRAILING_PUNCT)
            reopening = _MARKS.search(text, attribution[1])
            if (
                rest[:1] not in QUOTE_PAIRS
                and reopening is not None
                and text[reopening.start()] in QUOTE_PAIRS
                and text[reopening.end() : reopening.end() + 1].strip()  # an opening mark hugs its word
            ):
                # "…," he told Queensberry. "After the last …: the speech goes on where a
                # sentence after the attribution ends with a new quotation
                between = text[attribution[1] : reopening.start()].rstrip()
                if between[-1:] in (".", "!", "?", ":"):
                    rest = text[reopening.start() :]
            if rest[:1] in QUOTE_PAIRS:
                # the comma before "said" ended a sentence of the speech
                if speech and speech[-1] not in ".!?\u2026":
                    speech += "."
                speech += " " + rest[1 : _speech_end(rest, rest[0])]
        return QuoteReading(speech=speech.strip(), open_at_end=is_open, attribution=attribution)
    if not _holds_opener(text):
        return None  # most lines: no quotation mark that could open a quotation
    # the first lead-in whose quotation is not closed before the end of the paragraph;
    # where each kind of mark last closes is found once, so this stays linear
    tail = max(0, len(text.rstrip(_TRAILING_PUNCT)) - 1)
    last_close: dict[str, int] = {}
    for match in _LEAD_IN.finditer(text):
        opener = match[1]
        mark = match.start(1)
        if opener not in last_close:
            last_close[opener] = _last_inner_close(text, opener, tail)
        if last_close[opener] <= mark:
            is_open = _scan(text, mark + 1, opener)[1]
            lead_end = len(text[: match.start()].rstrip())
            if lead_end == 0:
                return None
            return QuoteReading(
                speech=text[mark + 1 : _speech_end(text, opener)].strip(),
                open_at_end=is_open,
                lead_in=(0, lead_end),
                attribution=(0, lead_end),
            )
    return None


# a speaker's label that opens a line of speech without quotation marks: a transcript's
# `SEN. TOM COTTON:`, an interview's `Q:` or `Q.`, `(Morton)`, `[Name/Title :`
_SPEAKER_LABEL = regex.compile(
    r"[\[(]?(?P<label>(?:[QA]|[^\s:;.!?()\[\]][^:;!?()\[\]\n]{0,60}?))\s*(?:(?<=\b[QA])\.|:|\))\s+(?=\S)"
)
_LABEL_MAX_WORDS = 8
_DIALOGUE_DASH = regex.compile(rf"[{regex.escape(DASHES)}]\s?(?=\S)")


@attrs.frozen(slots=True)
class SpeechReading:
    """A paragraph of speech without quotation marks, as the labeller found it: who
    speaks (offsets into the paragraph), whether it starts a quotation of its own, and
    whether the speech may run on into the next paragraph."""

    attribution: tuple[int, int] | None
    starts: bool
    runs_on: bool


def read_unmarked_speech(text: str, speech_verbs: frozenset[str]) -> SpeechReading:
    """Read a paragraph the labeller calls direct speech that :func:`read_quote` cannot
    read: a speaker's label (the label is the attribution; the answer may run on over
    the next paragraphs), a dialogue dash (its own quotation; a closing clause with a
    verb of saying, ``…, säger Towe Hägg.``, is the attribution), or else a paragraph
    that goes on with the quotation above it if that one is still open.

    >>> verbs = frozenset({"säger", "said"})
    >>> text = "HOMANS: Well, I think if you look back to the last year."
    >>> r = read_unmarked_speech(text, verbs); text[slice(*r.attribution)], r.starts, r.runs_on
    ('HOMANS', True, True)
    >>> text = "– Han kommer nu att höras, säger Towe Hägg."
    >>> r = read_unmarked_speech(text, verbs); text[slice(*r.attribution)], r.starts, r.runs_on
    ('säger Towe Hägg', True, False)
    >>> read_unmarked_speech("And so he was invested very early on.", verbs)
    SpeechReading(attribution=None, starts=False, runs_on=False)
    """
    dash = _DIALOGUE_DASH.match(text)
    if dash is not None:
        return SpeechReading(speaker_in_clauses(text, dash.end(), speech_verbs), starts=True, runs_on=False)
    label = _SPEAKER_LABEL.match(text)
    if label is not None and len(words(label["label"])) <= _LABEL_MAX_WORDS:
        head = label["label"]
        if head in ("Q", "A") or head[:1].isupper() or not head[:1].isalpha():
            return SpeechReading(label.span("label"), starts=True, runs_on=True)
    return SpeechReading(None, starts=False, runs_on=False)

"""Who a quotation names as its speaker: the clause with a verb of saying that follows
it (``…," B.C. Emergency Management Minister Bowinn Ma said.``, ``…," said Ferry, a law
student.``) or that closes a line of dialogue (``– …, säger Towe Hägg, pressinformatör.``).

Read word by word over one sentence at most (a bounded number of words), so the cost
stays linear in the line whatever it holds."""

from __future__ import annotations

import re
from collections.abc import Collection

from ._tables import DASHES, NAME_TITLES, OPENERS
from ._text import fold

__all__ = ["speaker_after", "speaker_in_clauses"]

_TOKEN = re.compile(r"\S+")
# what a word is stripped of before it is looked up as a verb
_EDGES = ".,;:!?\u2026\"'()[]{}\u00ab\u00bb\u2039\u203a\u201c\u201d\u201e\u2018\u2019\u201a\u300c\u300d\u300e\u300f"
_ENDS = ".!?\u2026"
# what may follow a sentence's last word: closing marks and brackets
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a)]\u300d\u300f"
# titles written with a full stop that does not end a sentence (``Rep. Kat Cammack``)
_TITLES = frozenset(title.casefold() for title in NAME_TITLES)
# the most words a sentence is read to, and the most words before a verb of saying
# (``John Essig, the Transportation Security Administration's federal security director
# for New York City-area airports, said`` has sixteen)
_SENTENCE_WORDS = 40
_BEFORE_VERB = 20


def _is_abbreviation(word: str) -> bool:
    """``B.C.``, ``U.S.``, ``J.`` and titles such as ``Rep.`` keep the sentence going."""
    core = word.rstrip(_CLOSERS).lstrip("(")
    if not core.endswith("."):
        return False
    letters = core[:-1].split(".")
    if all(len(part) == 1 and part.isalpha() for part in letters):
        return True  # initials: J. / B.C. / N.Y.
    return core[:-1].casefold() in _TITLES


def _ends_sentence(word: str, following: str | None) -> bool:
    core = word.rstrip(_CLOSERS)
    if not core or core[-1] not in _ENDS or _is_abbreviation(word):
        return False
    # a full stop before a word in lower case is an abbreviation we do not know
    return following is None or not following[:1].islower()


def _sentence(text: str, start: int) -> list[tuple[int, int, str]]:
    """The words of the sentence that starts at *start*: up to its end, or up to a
    quotation mark that opens a new quotation, at most ``_SENTENCE_WORDS``."""
    found: list[tuple[int, int, str]] = []
    pending: re.Match[str] | None = None
    for match in _TOKEN.finditer(text, start):
        if pending is not None:
            word = pending.group()
            found.append((pending.start(), pending.end(), word))
            if _ends_sentence(word, match.group()):
                return found
        if match.group()[0] in OPENERS and (found or pending is not None):
            return found  # "…," he said, "and more."
        pending = match
        if len(found) >= _SENTENCE_WORDS:
            return found
    if pending is not None:
        found.append((pending.start(), pending.end(), pending.group()))
    return found


def _verb_at(words: list[tuple[int, int, str]], verbs: Collection[str], limit: int) -> tuple[int, int] | None:
    """The index of the first word (of the first *limit*) that is a verb of saying, and
    of the verb's last word (a verb may be two words: ``according to``)."""
    cores = [fold(w.strip(_EDGES)) for _, _, w in words[: limit + 1]]
    for k in range(min(limit, len(cores))):
        if cores[k] in verbs:
            return k, k
        if k + 1 < len(cores) and f"{cores[k]} {cores[k + 1]}" in verbs:
            return k, k + 1
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """*start* to *end* without the punctuation and marks around the words."""
    while end > start and text[end - 1] in _EDGES and not _is_title_end(text, start, end):
        end -= 1
    while start < end and text[start] in _EDGES:
        start += 1
    return start, end


def _is_title_end(text: str, start: int, end: int) -> bool:
    """The full stop of ``said Mr.`` belongs to the title."""
    if text[end - 1] != ".":
        return False
    word = text[start:end].rsplit(maxsplit=1)[-1]
    return _is_abbreviation(word)


def _speaker(
    text: str, words: list[tuple[int, int, str]], verbs: Collection[str], limit: int
) -> tuple[int, int] | None:
    at = _verb_at(words, verbs, limit)
    if at is None:
        return None
    first, last = at
    if first > 0:
        # the speaker, then the verb: "Bowinn Ma said" (what follows is the occasion)
        return _trimmed(text, words[0][0], words[last][1])
    # the verb, then the speaker and who they are, to the end of the sentence:
    # "said Ferry, a law student at the University of Minnesota"
    return _trimmed(text, words[0][0], words[-1][1])


def speaker_after(text: str, start: int, verbs: Collection[str]) -> tuple[int, int] | None:
    """Where the speaker is named in the sentence that starts at *start* (just after a
    quotation closes): a verb of saying among its first words, with the words before
    it, or the words after it to the end of the sentence; or a dash and a name
    (``— Karen Hovav, MD``). ``None`` when the sentence names no one.

    >>> from articlekit._speakers import speaker_after
    >>> text = '"We are ready," B.C. Emergency Management Minister Bowinn Ma said on Friday.'
    >>> start, end = speaker_after(text, 16, {"said"}); text[start:end]
    'B.C. Emergency Management Minister Bowinn Ma said'
    >>> text = '"It was cold," said Ferry, a law student. "Very cold."'
    >>> start, end = speaker_after(text, 15, {"said"}); text[start:end]
    'said Ferry, a law student'
    """
    while start < len(text) and text[start] in " ,;\t\u00a0":
        start += 1
    # "…" – написав глава держави. / "…" — Karen Hovav, MD, Center City Pediatrics
    dashed = start < len(text) and text[start] in DASHES
    if dashed:
        start += 1
        while start < len(text) and text[start].isspace():
            start += 1
    words = _sentence(text, start)
    if not words or not words[0][2][:1].isalpha():
        return None
    found = _speaker(text, words, verbs, _BEFORE_VERB)
    if found is None and dashed and words[0][2][:1].isupper() and len(words) <= _BEFORE_VERB:
        # a name signs the quotation: up to the first comma (what follows is who they are)
        last = next((i for i, (_, _, w) in enumerate(words) if w.endswith(",")), len(words) - 1)
        found = _trimmed(text, words[0][0], words[last][1])
    return found


# in a line of dialogue, the clause that names the speaker opens with its verb or has it
# within a few words (``kunne reporter Farid Ighoubah fortelle``)
_CLAUSE_VERB_WITHIN = 5


def speaker_in_clauses(text: str, start: int, verbs: Collection[str]) -> tuple[int, int] | None:
    """In a line of dialogue from *start* on: the first clause after a comma or a dash
    whose first words hold a verb of saying, read as :func:`speaker_after` reads one.

    >>> from articlekit._speakers import speaker_in_clauses
    >>> text = "– Vi fick ett larm, säger Towe Hägg, pressinformatör på polisen. Han åkte dit."
    >>> start, end = speaker_in_clauses(text, 2, {"säger"}); text[start:end]
    'säger Towe Hägg, pressinformatör på polisen'
    """
    for clause in _CLAUSE_BREAK.finditer(text, start):
        at = clause.end()
        # the few words after the break first: the sentence is read only for a verb
        head = _first_words(text, at)
        # the verb stands in this clause, not after the next comma ("det gick lugnt till, säger")
        head = head[: next((i + 1 for i, (_, _, w) in enumerate(head) if w.endswith(",")), len(head))]
        if not head or not head[0][2][:1].isalpha() or _verb_at(head, verbs, _CLAUSE_VERB_WITHIN) is None:
            continue
        return _speaker(text, _sentence(text, at), verbs, _CLAUSE_VERB_WITHIN)
    return None


# a comma, or a dash or hyphen between spaces, and the spaces after it
_CLAUSE_BREAK = re.compile(r",\s*|\s[-\u2013\u2014]\s+")


def _first_words(text: str, at: int) -> list[tuple[int, int, str]]:
    """The words from *at* on, as many as a verb is looked for among and one more."""
    found = []
    for match in _TOKEN.finditer(text, at):
        found.append((match.start(), match.end(), match.group()))
        if len(found) > _CLAUSE_VERB_WITHIN:
            break
    return found

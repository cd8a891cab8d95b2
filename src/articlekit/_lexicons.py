"""Lexicons: the words and phrases that say what a line may be, one file per language
(``articlekit/lexicons/LANG.toml``), read by one loader.

A lexicon gives the labeller indicator features (``lex:advert``: the line holds a word
of adverts; ``lex0:read_more``: it opens with a phrase that introduces a related link);
the model learns how much each says. Adding a language, or a phrase, is one edit in one
file. Entries are matched case-folded, word by word: a phrase of several words counts
where it opens a line, a single word wherever it stands.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Sequence
from importlib import resources

import attrs

from ._text import words

__all__ = ["KINDS", "READ_ONLY_KINDS", "Lexicon", "available", "languages_of", "load"]

#: The kinds of entries a lexicon file may list.
KINDS = frozenset(
    {
        "speech",
        "read_more",
        "picture",
        "agency",
        "byline",
        "advert",
        "subscribe",
        "share",
        "follow",
        "comment",
        "legal",
        "navigation",
        "stamp",
        "updated",
        "published",
        "month",
        "weekday",
        "list_lead",
        "given_name",
    }
)

#: The kinds the parser reads but the model does not weigh: the words of a stamp that
#: say it gives an update or a publication tell the date reader which date to take; as
#: features they would only repeat the ``stamp`` kind that holds them too (and every
#: feature added moves the whole model).
READ_ONLY_KINDS = frozenset({"updated", "published"})

# a phrase is looked for at the start of a line only: a few words are enough
_MAX_PHRASE = 5


@attrs.frozen(slots=True)
class Lexicon:
    """The entries of some languages' lexicons, merged: each word, and each opening
    phrase (its words joined by one space), with the kinds it is an entry of."""

    languages: tuple[str, ...]
    single: dict[str, frozenset[str]] = attrs.field(repr=False)
    phrases: dict[str, frozenset[str]] = attrs.field(repr=False)
    #: the entries of the :data:`READ_ONLY_KINDS`, by kind (case-folded, a phrase's
    #: words joined by one space); they give no features
    read_only: dict[str, frozenset[str]] = attrs.field(repr=False, factory=dict)
    #: the words a phrase opens with: a line that opens with none is not looked up
    openers: frozenset[str] = attrs.field(init=False, repr=False, eq=False)

    @openers.default
    def _openers(self) -> frozenset[str]:
        return frozenset(phrase.split(" ", 1)[0] for phrase in self.phrases)

    def words_of(self, kind: str) -> frozenset[str]:
        """The single words of *kind* (case-folded)."""
        if kind in READ_ONLY_KINDS:
            return frozenset(entry for entry in self.read_only.get(kind, ()) if " " not in entry)
        return frozenset(word for word, kinds in self.single.items() if kind in kinds)

    def entries_of(self, kind: str) -> frozenset[str]:
        """The words and phrases of *kind* (case-folded, a phrase's words joined by one
        space)."""
        if kind in READ_ONLY_KINDS:
            return self.read_only.get(kind, frozenset())
        return self.words_of(kind) | {phrase for phrase, kinds in self.phrases.items() if kind in kinds}

    def features(self, tokens: Sequence[str]) -> list[str]:
        """The features of a line of these words: ``lex:KIND`` for every kind a word
        of the line is an entry of, ``lex0:KIND`` for the kinds of the words or phrase
        it opens with."""
        return self.features_of_folded([t.casefold() for t in tokens])

    def features_of_folded(self, folded: Sequence[str]) -> list[str]:
        """:meth:`features` of words already case-folded."""
        get = self.single.get
        hits = [kinds for kinds in map(get, folded) if kinds is not None]
        out = ["lex:" + kind for kind in sorted(frozenset().union(*hits))] if hits else []
        if not folded:
            return out
        opening: set[str] = set(get(folded[0], ()))
        if folded[0] in self.openers:
            for n in range(2, min(len(folded), _MAX_PHRASE) + 1):
                kinds = self.phrases.get(" ".join(folded[:n]))
                if kinds is not None:
                    opening.update(kinds)
        out.extend("lex0:" + kind for kind in sorted(opening))
        return out


@functools.cache
def available() -> tuple[str, ...]:
    """The languages articlekit has a lexicon for (ISO 639-1 codes)."""
    folder = resources.files("articlekit").joinpath("lexicons")
    return tuple(sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")))


def _read(language: str) -> dict[str, list[str]]:
    data = tomllib.loads(resources.files("articlekit").joinpath("lexicons", f"{language}.toml").read_text("utf-8"))
    if data.get("language") != language:
        raise ValueError(f"lexicons/{language}.toml says it is {data.get('language')!r}")
    kinds = data.get("kinds", {})
    unknown = set(kinds) - KINDS
    if unknown:
        raise ValueError(f"lexicons/{language}.toml lists unknown kinds {sorted(unknown)}; known: {sorted(KINDS)}")
    return {kind: list(entries) for kind, entries in kinds.items()}


def load(languages: Iterable[str] | None = None) -> Lexicon:
    """The lexicon of *languages* (every language articlekit has one for when
    ``None``); a language without a lexicon adds nothing."""
    have = available()
    chosen = have if languages is None else tuple(sorted({code for code in languages if code in have}))
    return _load(chosen)


@functools.cache
def languages_of(kinds: frozenset[str]) -> dict[str, frozenset[str]]:
    """Each word (case-folded) of the *kinds* of entries, with the languages whose
    lexicon lists it (``{"mai": {"de", "fr"}, ...}`` for months)."""
    found: dict[str, set[str]] = {}
    for language in available():
        for kind, entries in _read(language).items():
            if kind in kinds:
                for entry in entries:
                    for token in words(entry):
                        found.setdefault(token.casefold(), set()).add(language)
    return {word: frozenset(languages) for word, languages in found.items()}


@functools.cache
def _load(languages: tuple[str, ...]) -> Lexicon:
    single: dict[str, set[str]] = {}
    phrases: dict[str, set[str]] = {}
    read_only: dict[str, set[str]] = {}
    for language in languages:
        for kind, entries in _read(language).items():
            for entry in entries:
                tokens = [t.casefold() for t in words(entry)]
                if not tokens:
                    continue
                if kind in READ_ONLY_KINDS:
                    read_only.setdefault(kind, set()).add(" ".join(tokens))
                    continue
                if len(tokens) == 1:
                    single.setdefault(tokens[0], set()).add(kind)
                elif len(tokens) <= _MAX_PHRASE:
                    phrases.setdefault(" ".join(tokens), set()).add(kind)
    return Lexicon(
        languages,
        {word: frozenset(kinds) for word, kinds in single.items()},
        {phrase: frozenset(kinds) for phrase, kinds in phrases.items()},
        {kind: frozenset(entries) for kind, entries in read_only.items()},
    )

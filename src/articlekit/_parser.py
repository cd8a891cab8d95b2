"""The parser: segment → classify → group → clean → build, one stage per module."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from ._build import build
from ._classify import classify
from ._clean import DEFAULT_CLEANERS, Cleaner, run_cleaners
from ._group import group
from ._model import Article
from ._segment import segment
from .errors import ConfigurationError, InputTypeError

__all__ = ["Parser", "parse"]

_BUILT_IN: dict[str, Cleaner] = {c.name: c for c in DEFAULT_CLEANERS}


def _to_cleaners(value: Iterable[Cleaner | str] | None) -> tuple[Cleaner, ...]:
    if value is None:
        return DEFAULT_CLEANERS
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ConfigurationError(
            "cleaners must be a list of cleaners or cleaner names, "
            f"e.g. Parser(cleaners=['drop_boilerplate']); got {type(value).__name__}"
        )
    out = []
    for item in value:
        if isinstance(item, str):
            if item not in _BUILT_IN:
                raise ConfigurationError(f"no cleaner named {item!r}; built-in cleaners: {sorted(_BUILT_IN)}")
            item = _BUILT_IN[item]
        if not isinstance(item, Cleaner):
            raise ConfigurationError(
                f"{item!r} is not a cleaner: a cleaner has a 'name' and is called with the blocks "
                "(make a function one with @articlekit.cleaner('name'))"
            )
        out.append(item)
    return tuple(out)


def _to_languages(value: Sequence[str] | str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    languages = tuple(value)
    if not all(isinstance(code, str) and code for code in languages):
        raise ConfigurationError(f"languages must be language codes such as ['en', 'de'], got {value!r}")
    return languages


@attrs.frozen(slots=True)
class Parser:
    """A configured parser. Immutable, so one instance is safe to share across threads
    and cheap to call many times.

    *cleaners* is the list of cleaners to run, in order (cleaner objects or the names
    of built-in ones); *languages* (ISO 639-1 codes) hints the languages of dates that
    the fast path cannot read.

    >>> parser = Parser(cleaners=["drop_repeats"])  # keep the boilerplate
    >>> article = parser.parse("Storm hits coast\\nAdvertisement\\nThe sea wall gave way at dawn.")
    >>> [b.text for b in article.paragraphs]
    ['Advertisement', 'The sea wall gave way at dawn.']
    """

    cleaners: tuple[Cleaner, ...] = attrs.field(default=DEFAULT_CLEANERS, converter=_to_cleaners)
    languages: tuple[str, ...] | None = attrs.field(default=None, converter=_to_languages)

    def parse(self, text: str) -> Article:
        """Parse one article's text. Spans in the result point into *text*."""
        if not isinstance(text, str):
            hint = ", e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else ""
            raise InputTypeError(
                f"parse() takes the article as a str, got {type(text).__name__}; decode it first{hint}"
                if hint
                else f"parse() takes the article as a str, got {type(text).__name__}"
            )
        blocks = segment(text)
        if not blocks:
            return Article()
        blocks = classify(blocks, text)
        blocks = group(blocks, text)
        blocks = run_cleaners(blocks, self.cleaners)
        return build(blocks, text, self.languages)

    __call__ = parse


_DEFAULT = Parser()


def parse(text: str) -> Article:
    """Parse one scraped article's text with the default parser.

    >>> article = parse(" date 2021-05-18 Storm hits coast\\nThe sea wall gave way at dawn.")
    >>> article.headline.text, article.dateline.date
    ('Storm hits coast', '2021-05-18')
    """
    return _DEFAULT.parse(text)

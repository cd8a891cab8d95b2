"""The parser: segment → normalise → classify → label (the trained model; not with
``model=None``) → clean → group → build, one stage per module."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import attrs

from ._blocks import Block
from ._build import build
from ._classify import classify
from ._collector import collector_paused
from ._decode import Errors, decode
from ._group import group
from ._model import Article
from ._normalise import normalise, restore
from ._pipeline import Cleaner, Pipeline
from ._segment import segment
from ._text import line_scope
from .errors import ConfigurationError, InputTooLargeError, InputTypeError

if TYPE_CHECKING:
    from ._labeller import Labeller

__all__ = ["MAX_CHARS", "Parser", "parse", "parse_bytes"]

#: The default limit on the length of one article's text: 20 million characters,
#: far beyond any article, short of what would exhaust a worker's memory.
MAX_CHARS = 20_000_000


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ConfigurationError(f"{attribute.name} must be a positive int, got {value!r}")


def _to_pipeline(value: Pipeline | Iterable[Cleaner | str] | None) -> Pipeline:
    if value is None:
        from .cleaners import DEFAULT

        return DEFAULT
    if isinstance(value, Pipeline):
        return value
    return Pipeline(value)


def _to_languages(value: Sequence[str] | str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    languages = tuple(value)
    if not all(isinstance(code, str) and code for code in languages):
        raise ConfigurationError(f"languages must be language codes such as ['en', 'de'], got {value!r}")
    return languages


def _to_labeller(value: Labeller | str | Path | None) -> Labeller | Literal["default"] | None:
    if value is None:
        return None
    if isinstance(value, str) and value == "default":
        return "default"  # loaded on the first parse, so that importing stays light
    from ._labeller import Labeller  # (numpy and the model load when first needed)

    if isinstance(value, Labeller):
        return value
    if isinstance(value, (str, Path)):
        return Labeller.load(value)
    raise ConfigurationError(
        f"model must be 'default', a path to a model file, a Labeller, or None for the rules alone; got {value!r}"
    )


def rule_reading(pieces: list[Block], source: str) -> list[Block]:
    """What the rules alone make of the classified *pieces*: the model's features."""
    from .cleaners import RULES

    read, _ = RULES.run(pieces)
    return group(read, source)


@attrs.frozen(slots=True)
class Parser:
    """A configured parser. Immutable, so one instance is safe to share across threads
    and cheap to call many times.

    *cleaners* is the :class:`~articlekit.cleaners.Pipeline` to run, or a list of
    cleaners or cleaner names (default: :data:`articlekit.cleaners.DEFAULT`);
    *languages* (ISO 639-1 codes) hints the languages of dates that the fast path
    cannot read, and selects the lexicons a model looks for. *model* says what each
    line is: ``"default"`` (the default) for the labeller trained on our labelled
    articles (loaded on the first parse), the path of a model file written by
    ``articlekit train``, a :class:`~articlekit.Labeller`, or ``None`` for the
    hand-written rules alone (faster, and what articlekit did before it learned).

    >>> parser = Parser(cleaners=["drop_repeats"])  # keep the boilerplate
    >>> article = parser.parse("Storm hits coast\\nAdvertisement\\nThe sea wall gave way at dawn.")
    >>> [b.text for b in article.paragraphs]
    ['Advertisement', 'The sea wall gave way at dawn.']
    """

    cleaners: Pipeline = attrs.field(default=None, converter=_to_pipeline)
    languages: tuple[str, ...] | None = attrs.field(default=None, converter=_to_languages)
    max_chars: int = attrs.field(default=MAX_CHARS, validator=_positive)
    model: Labeller | Literal["default"] | None = attrs.field(default="default", converter=_to_labeller)

    def parse(self, text: str) -> Article:
        """Parse one article's text. Spans in the result point into *text*.

        Raises :class:`~articlekit.errors.InputTypeError` for anything but a ``str`` and
        :class:`~articlekit.errors.InputTooLargeError` for a text longer than
        ``max_chars``.

        While a text of 5,000 lines or more is parsed, Python's cyclic garbage collector
        is paused (:func:`gc.disable`; a parse makes no cyclic garbage, and the collector
        would walk its many objects over and over), and enabled again when the last
        such parse in the process ends, if it was enabled when the first began.
        """
        if not isinstance(text, str):
            hint = ", e.g. data.decode('utf-8')" if isinstance(text, (bytes, bytearray)) else ""
            raise InputTypeError(
                f"parse() takes the article as a str, got {type(text).__name__}; decode it first{hint}"
                if hint
                else f"parse() takes the article as a str, got {type(text).__name__}"
            )
        if len(text) > self.max_chars:
            raise InputTooLargeError(
                f"the text has {len(text):,} characters, more than max_chars={self.max_chars:,}; "
                "raise the limit (Parser(max_chars=...), or --max-chars on the command line) if you mean it"
            )
        lines = segment(text)
        if not lines:
            return Article(source=text)
        blocks = normalise(lines)
        normalised = blocks is not lines
        del lines  # (what a stage is done with is let go: a long text's peak memory)
        with line_scope(len(blocks)), collector_paused(len(blocks)):
            pieces = classify(blocks, text)
            if self.model is not None:
                pieces = self._labelled(blocks, pieces, text)
            del blocks
            if normalised:  # a line was read normalised: the cleaners get it as written
                pieces = restore(pieces, text)
            # the cleaners run before grouping: a line they retype (a caption set inside a
            # quotation) or merge (a wrapped paragraph) changes how quotations group
            pieces, trace = self.cleaners.run(pieces)
            pieces = group(pieces, text, find_standfirst=self.model is None)
            return build(pieces, text, self.languages, trace)

    def _labelled(self, blocks: list[Block], pieces: list[Block], text: str) -> list[Block]:
        """The blocks of the lines as the model labels them (its working records are let
        go on return)."""
        from ._labeller import Labeller, line_records, reconcile

        labeller = self.model if isinstance(self.model, Labeller) else Labeller.default()
        records = line_records(blocks, rule_reading(pieces, text))
        labels, confidences = labeller.label(records, self.languages)
        del records
        return reconcile(blocks, pieces, labels, confidences, self.languages)

    def parse_bytes(
        self, data: bytes | bytearray | memoryview, encoding: str | None = None, errors: Errors = "strict"
    ) -> Article:
        """Decode *data* (see :func:`articlekit.parse_bytes`) and parse it; spans point into
        the decoded text."""
        if isinstance(data, (bytes, bytearray, memoryview)) and len(data) > 4 * self.max_chars:
            # no encoding takes more than four bytes a character: too long however decoded
            raise InputTooLargeError(
                f"the input has {len(data):,} bytes, more than 4 × max_chars={self.max_chars:,} could decode to"
            )
        return self.parse(decode(data, encoding, errors))

    __call__ = parse


_DEFAULT = Parser()


def parse(text: str) -> Article:
    """Parse one scraped article's text with the default parser.

    >>> article = parse(" date 2021-05-18 Harbour wall breached as storm floods seafront\\nThe sea wall gave way.")
    >>> article.headline.text, article.dateline.date
    ('Harbour wall breached as storm floods seafront', '2021-05-18')
    """
    return _DEFAULT.parse(text)


def parse_bytes(
    data: bytes | bytearray | memoryview, encoding: str | None = None, errors: Errors = "strict"
) -> Article:
    """Decode the bytes of a scraped page and parse them with the default parser.

    Without *encoding*, a byte order mark decides (UTF-8, UTF-16, UTF-32), then UTF-8,
    then the legacy encoding charset-normalizer detects. Bytes that nothing decodes
    raise :class:`~articlekit.errors.DecodingError` with the byte offset, unless
    *errors* is ``"replace"``. Spans point into the decoded text.

    >>> parse_bytes("Caf\u00e9 owner fined over noise".encode("utf-16")).headline.text
    'Café owner fined over noise'
    """
    return _DEFAULT.parse_bytes(data, encoding, errors)

"""The typed, immutable model of a parsed article.

Every element carries a :class:`Span` into the exact string that was parsed, so a
user can always go back from structure to source.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from ._pickling import by_fields
from .errors import ContractError

if TYPE_CHECKING:
    from ._trace import CleanerTrace

SCHEMA = "articlekit/1"

__all__ = [
    "SCHEMA",
    "Article",
    "Attribution",
    "BlockQuote",
    "BodyBlock",
    "Byline",
    "Caption",
    "Dateline",
    "Embed",
    "Heading",
    "Headline",
    "ListItem",
    "Paragraph",
    "ReadMore",
    "Removed",
    "Span",
    "Standfirst",
]


@attrs.frozen(slots=True, order=True)
class Span:
    """A ``[start, end)`` range of code points in the parsed input.

    >>> text = "READ MORE: Storm hits coast"
    >>> span = Span(11, 27)
    >>> span.of(text)
    'Storm hits coast'
    >>> len(span)
    16
    """

    __reduce__ = by_fields

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        start, end = self.start, self.end
        if type(start) is int and type(end) is int and 0 <= start <= end:
            return  # the common case, in one test: a span is made for every line
        for name, value in (("start", start), ("end", end)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"Span.{name} must be a non-negative int, got {value!r}")
        if end < start:
            raise ValueError(f"Span end {end} is before its start {start}")

    def __len__(self) -> int:
        return self.end - self.start

    def of(self, text: str) -> str:
        """Return the part of *text* this span covers."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """Whether *other* lies inside this span."""
        return self.start <= other.start and other.end <= self.end

    def to_list(self) -> list[int]:
        """The contract form: ``[start, end]``."""
        return [self.start, self.end]

    @classmethod
    def from_list(cls, value: object) -> Span:
        """Build a span from its contract form ``[start, end]``."""
        if (
            not isinstance(value, (list, tuple))
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            raise ContractError(f"a span must be [start, end] of two ints, got {value!r}")
        try:
            return cls(value[0], value[1])
        except ValueError as exc:
            raise ContractError(f"bad span {list(value)!r}: {exc}") from None


# --- shared helpers for to_dict / from_dict ------------------------------------------


def _get(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(data, Mapping):
        raise ContractError(f"{where} must be an object, got {type(data).__name__}")
    if key not in data:
        raise ContractError(f"{where} has no {key!r}")
    value = data[key]
    if not isinstance(value, kind):
        raise ContractError(f"{where}.{key} has the wrong type: {type(value).__name__}")
    return value


def _opt_str(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ContractError(f"{where}.{key} must be a string or null")
    return value


def _is_confidence(value: object) -> bool:
    return (
        isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1  # (NaN is not)
    )


def _check_confidence(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not _is_confidence(value):
        raise ValueError(f"{type(instance).__name__}.confidence must be a number from 0 to 1 or None, got {value!r}")


def _opt_confidence(data: Mapping[str, Any], where: str) -> float | None:
    value = data.get("confidence")
    if value is not None and not _is_confidence(value):
        raise ContractError(f"{where}.confidence must be a number from 0 to 1 or null, got {value!r}")
    return value


def _confidence_field() -> Any:
    """How sure the line labeller was of the element's type, from 0 to 1; ``None`` when
    no model labelled it (the rule-based parse). Always the last field."""
    # (left out of the repr: it says how the element was found, not what it is)
    return attrs.field(default=None, validator=_check_confidence, repr=False)


def _with_confidence(out: dict[str, Any], confidence: float | None) -> dict[str, Any]:
    """*out* with ``"confidence"`` added when there is one (the rule-based output stays
    as it was)."""
    if confidence is not None:
        out["confidence"] = confidence
    return out


def _by_fields(self: Any) -> tuple[type, tuple[Any, ...]]:
    """:func:`by_fields` without the last field, ``confidence``, when it is ``None``: a
    rule-based parse pickles as it did before the field was added."""
    cls, values = by_fields(self)
    return (cls, values[:-1]) if values[-1] is None else (cls, values)


@attrs.frozen(slots=True)
class _Text:
    """An element that is a piece of text at a place in the input."""

    __reduce__ = _by_fields

    text: str
    span: Span
    #: how sure the line labeller was of the element's type, from 0 to 1 (``None``: no
    #: model labelled it, as in the rule-based parse)
    confidence: float | None = _confidence_field()

    def to_dict(self) -> dict[str, Any]:
        return _with_confidence({"text": self.text, "span": self.span.to_list()}, self.confidence)

    @classmethod
    def _from(cls, data: Mapping[str, Any], where: str) -> Any:
        return cls(
            text=_get(data, "text", str, where),
            span=Span.from_list(_get(data, "span", (list, tuple), where)),
            confidence=_opt_confidence(data, where),
        )


@attrs.frozen(slots=True)
class Headline(_Text):
    """The article's title."""


@attrs.frozen(slots=True)
class Standfirst(_Text):
    """The one- or two-sentence summary under the headline (the dek). A summary of
    several lines (bullet points) is one standfirst: its lines joined by line breaks,
    its span from the first to the last."""


@attrs.frozen(slots=True)
class Byline(_Text):
    """Who wrote the article: ``By Jane Smith``."""


@attrs.frozen(slots=True)
class Attribution(_Text):
    """The words that name a quotation's speaker: ``They said``, ``said Mr Smith``."""


@attrs.frozen(slots=True)
class Dateline:
    """When (and for wire copy where, and from which agency) the article was filed.

    ``date`` is an ISO 8601 string at the precision the text gives (``2021-05-18``,
    ``2021-05-18T10:32:00+01:00``, ``2020-12``) or ``None`` when the text gives no
    readable absolute date; ``raw`` is the text as written. The article's other
    datelines (in ``removed``) fill out what the first leaves out: a first dateline that
    gives no date (``Updated 2 hours ago``, a bare ``Published``) takes the date of the
    next one that does, a month-only date the day of a stamp in that month, and a date
    field the place and agency of a wire dateline. ``confidence``, as for every
    element, is how sure the line labeller was of the type (``None`` without a model).
    """

    __reduce__ = _by_fields

    date: str | None
    raw: str
    span: Span
    place: str | None = None
    agency: str | None = None
    confidence: float | None = _confidence_field()

    def to_dict(self) -> dict[str, Any]:
        out = {
            "date": self.date,
            "raw": self.raw,
            "place": self.place,
            "agency": self.agency,
            "span": self.span.to_list(),
        }
        return _with_confidence(out, self.confidence)

    @classmethod
    def _from(cls, data: Mapping[str, Any], where: str) -> Dateline:
        return cls(
            date=_opt_str(data, "date", where),
            raw=_get(data, "raw", str, where),
            place=_opt_str(data, "place", where),
            agency=_opt_str(data, "agency", where),
            span=Span.from_list(_get(data, "span", (list, tuple), where)),
            confidence=_opt_confidence(data, where),
        )


# --- body blocks ------------------------------------------------------------------------


@attrs.frozen(slots=True)
class _BodyText(_Text):
    type: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        return _with_confidence({"type": self.type, "text": self.text, "span": self.span.to_list()}, self.confidence)


@attrs.frozen(slots=True)
class Paragraph(_BodyText):
    """A paragraph of body prose (also one paragraph of a :class:`BlockQuote`)."""

    type: ClassVar[str] = "paragraph"


@attrs.frozen(slots=True)
class Heading(_BodyText):
    """A sub-heading inside the body (a crosshead)."""

    type: ClassVar[str] = "heading"


@attrs.frozen(slots=True)
class Caption(_BodyText):
    """An image or video caption or credit: ``(Image: Getty)``."""

    type: ClassVar[str] = "caption"


@attrs.frozen(slots=True)
class Embed(_BodyText):
    """An embedded social-media post: tweet text, ``pic.twitter.com/...``."""

    type: ClassVar[str] = "embed"


@attrs.frozen(slots=True)
class ListItem(_BodyText):
    """An item of a bulleted or numbered list, without its bullet."""

    type: ClassVar[str] = "list_item"


@attrs.frozen(slots=True)
class ReadMore(_BodyText):
    """A link to another article set in the text: ``READ MORE: Storm hits coast``.

    ``text`` is the linked title, ``label`` the prefix as written (``READ MORE``) or
    ``None`` for a bare related headline, ``url`` the address when the text gives one.
    """

    type: ClassVar[str] = "read_more"
    label: str | None = None
    url: str | None = None
    # declared again to come after label and url, as the last field
    confidence: float | None = _confidence_field()

    def to_dict(self) -> dict[str, Any]:
        out = {"type": self.type, "text": self.text, "span": self.span.to_list(), "label": self.label, "url": self.url}
        return _with_confidence(out, self.confidence)

    @classmethod
    def _from(cls, data: Mapping[str, Any], where: str) -> ReadMore:
        return cls(
            text=_get(data, "text", str, where),
            span=Span.from_list(_get(data, "span", (list, tuple), where)),
            label=_opt_str(data, "label", where),
            url=_opt_str(data, "url", where),
            confidence=_opt_confidence(data, where),
        )


@attrs.frozen(slots=True)
class BlockQuote:
    """One quotation: one or more paragraphs of direct speech from one speaker.

    Each paragraph's ``text`` is the speech itself, without the lead-in and the
    quotation marks; its ``span`` covers the whole paragraph as written. A quotation
    interrupted by a :class:`ReadMore` stays one block quote whose ``span`` covers the
    interruption.

    ``confidence``, when a model labelled the lines, is the lowest confidence of the
    paragraphs.
    """

    __reduce__ = _by_fields

    type: ClassVar[str] = "block_quote"
    paragraphs: tuple[Paragraph, ...]
    span: Span
    attribution: Attribution | None = None
    confidence: float | None = _confidence_field()

    @property
    def text(self) -> str:
        """The speech, paragraphs joined by a blank line."""
        return "\n\n".join(p.text for p in self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "type": self.type,
            "text": self.text,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "paragraphs": [
                _with_confidence({"text": p.text, "span": p.span.to_list()}, p.confidence) for p in self.paragraphs
            ],
            "span": self.span.to_list(),
        }
        return _with_confidence(out, self.confidence)

    @classmethod
    def _from(cls, data: Mapping[str, Any], where: str) -> BlockQuote:
        raw_paragraphs = _get(data, "paragraphs", list, where)
        attribution = data.get("attribution")
        return cls(
            paragraphs=tuple(Paragraph._from(p, f"{where}.paragraphs[{i}]") for i, p in enumerate(raw_paragraphs)),
            span=Span.from_list(_get(data, "span", (list, tuple), where)),
            attribution=(Attribution._from(attribution, f"{where}.attribution") if attribution is not None else None),
            confidence=_opt_confidence(data, where),
        )


BodyBlock = Paragraph | BlockQuote | ReadMore | Heading | Caption | Embed | ListItem

_BODY_TYPES: dict[str, Any] = {
    cls.type: cls for cls in (Paragraph, BlockQuote, ReadMore, Heading, Caption, Embed, ListItem)
}


@attrs.frozen(slots=True)
class Removed:
    """Text that a cleaner dropped, with the cleaner's name and its reason."""

    __reduce__ = _by_fields

    text: str
    reason: str
    cleaner: str
    span: Span
    type: str = "boilerplate"
    #: how sure the line labeller was of ``type`` (``None``: no model labelled it)
    confidence: float | None = _confidence_field()

    def to_dict(self) -> dict[str, Any]:
        out = {
            "type": self.type,
            "text": self.text,
            "reason": self.reason,
            "cleaner": self.cleaner,
            "span": self.span.to_list(),
        }
        return _with_confidence(out, self.confidence)

    @classmethod
    def _from(cls, data: Mapping[str, Any], where: str) -> Removed:
        return cls(
            text=_get(data, "text", str, where),
            reason=_get(data, "reason", str, where),
            cleaner=_get(data, "cleaner", str, where),
            span=Span.from_list(_get(data, "span", (list, tuple), where)),
            type=_get(data, "type", str, where) if "type" in data else "boilerplate",
            confidence=_opt_confidence(data, where),
        )


Element = Dateline | Headline | Standfirst | Byline | BodyBlock | Removed


@attrs.frozen(slots=True)
class Article:
    """A parsed article.

    >>> import articlekit
    >>> article = articlekit.parse(
    ...     " date 2021-05-18 Harbour wall breached as storm floods seafront\\n"
    ...     "Thousands of homes are without power tonight\\n"
    ...     'The council said: "Stay at home.\\n'
    ...     "READ MORE: Floods close roads\\n"
    ...     '"We will reopen the roads soon."\\n'
    ... )
    >>> article.dateline.date, article.headline.text
    ('2021-05-18', 'Harbour wall breached as storm floods seafront')
    >>> article.standfirst.text
    'Thousands of homes are without power tonight'
    >>> quote = article.quotes[0]
    >>> quote.attribution.text, len(quote.paragraphs)
    ('The council said', 2)
    >>> article.read_more[0].text
    'Floods close roads'
    """

    __reduce__ = by_fields

    dateline: Dateline | None = None
    headline: Headline | None = None
    standfirst: Standfirst | None = None
    byline: Byline | None = None
    body: tuple[BodyBlock, ...] = ()
    removed: tuple[Removed, ...] = ()
    #: what each cleaner did (:class:`~articlekit.cleaners.CleanerTrace`, one per
    #: cleaner); an account of the parse, not part of the article, so it takes no part
    #: in ``==``
    trace: tuple[CleanerTrace, ...] = attrs.field(default=(), eq=False)
    #: the exact text that was parsed, which every span points into (``None`` for an
    #: article read back with :meth:`from_dict`); not part of ``to_dict()`` or ``==``
    source: str | None = attrs.field(default=None, eq=False, repr=False)

    # --- conveniences -----------------------------------------------------------------

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The body paragraphs (not those inside quotations)."""
        return tuple(b for b in self.body if isinstance(b, Paragraph))

    @property
    def quotes(self) -> tuple[BlockQuote, ...]:
        """The block quotations."""
        return tuple(b for b in self.body if isinstance(b, BlockQuote))

    @property
    def read_more(self) -> tuple[ReadMore, ...]:
        """The links to other articles set in the text."""
        return tuple(b for b in self.body if isinstance(b, ReadMore))

    @property
    def headings(self) -> tuple[Heading, ...]:
        """The crossheads inside the body."""
        return tuple(b for b in self.body if isinstance(b, Heading))

    @property
    def captions(self) -> tuple[Caption, ...]:
        """Image and video captions and credits."""
        return tuple(b for b in self.body if isinstance(b, Caption))

    @property
    def embeds(self) -> tuple[Embed, ...]:
        """Embedded social-media posts."""
        return tuple(b for b in self.body if isinstance(b, Embed))

    @property
    def list_items(self) -> tuple[ListItem, ...]:
        """Items of bulleted or numbered lists."""
        return tuple(b for b in self.body if isinstance(b, ListItem))

    @property
    def text(self) -> str:
        """The prose of the article: the standfirst, then paragraphs, quotations
        (their speech), crossheads and list items, joined by blank lines. Links,
        captions, embeds and removed text are left out."""
        parts: list[str] = [self.standfirst.text] if self.standfirst else []
        for block in self.body:
            if isinstance(block, (Paragraph, BlockQuote, Heading, ListItem)):
                parts.append(block.text)
        return "\n\n".join(p for p in parts if p)

    def __bool__(self) -> bool:
        return any((self.dateline, self.headline, self.standfirst, self.byline, self.body, self.removed))

    def trace_for(self, cleaner: str) -> CleanerTrace:
        """What the cleaner named *cleaner* did (an empty trace if it did not run)."""
        from ._trace import CleanerTrace  # _trace builds on this module

        return next((t for t in self.trace if t.cleaner == cleaner), CleanerTrace(cleaner))

    def elements(self) -> Iterator[Element]:
        """Every element, top-level parts first, then the body and the removed text."""
        for part in (self.dateline, self.headline, self.standfirst, self.byline):
            if part is not None:
                yield part
        yield from self.body
        yield from self.removed

    # --- the output contract -----------------------------------------------------------

    def to_dict(self, *, trace: bool = False) -> dict[str, Any]:
        """Plain JSON-able data in the ``articlekit/1`` output contract; with *trace*, also
        what each cleaner changed (``"trace"``: only the cleaners that changed something)."""
        out = {
            "schema": SCHEMA,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "headline": self.headline.to_dict() if self.headline else None,
            "standfirst": self.standfirst.to_dict() if self.standfirst else None,
            "byline": self.byline.to_dict() if self.byline else None,
            "body": [b.to_dict() for b in self.body],
            "removed": [r.to_dict() for r in self.removed],
        }
        if trace:
            out["trace"] = [t.to_dict() for t in self.trace if t.changes]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        """Rebuild an article from :meth:`to_dict` output.

        Raises :class:`~articlekit.errors.ContractError` when *data* does not follow
        the contract.
        """
        if not isinstance(data, Mapping):
            raise ContractError(f"an article must be an object, got {type(data).__name__}")
        schema = data.get("schema")
        if schema != SCHEMA:
            raise ContractError(f"unknown schema {schema!r}; this articlekit reads {SCHEMA!r}")

        def part(key: str, kind: Any) -> Any:
            value = data.get(key)
            return None if value is None else kind._from(value, key)

        body = []
        for i, raw in enumerate(_get(data, "body", list, "article")):
            kind = _BODY_TYPES.get(_get(raw, "type", str, f"body[{i}]"))
            if kind is None:
                raise ContractError(f"body[{i}] has an unknown type {raw['type']!r}")
            body.append(kind._from(raw, f"body[{i}]"))
        removed = [Removed._from(r, f"removed[{i}]") for i, r in enumerate(_get(data, "removed", list, "article"))]
        from ._trace import CleanerTrace  # _trace builds on this module

        raw_trace = data.get("trace", [])
        if not isinstance(raw_trace, list):
            raise ContractError("article.trace must be a list")
        return cls(
            dateline=part("dateline", Dateline),
            headline=part("headline", Headline),
            standfirst=part("standfirst", Standfirst),
            byline=part("byline", Byline),
            body=tuple(body),
            removed=tuple(removed),
            trace=tuple(CleanerTrace._from(t, f"trace[{i}]") for i, t in enumerate(raw_trace)),
        )

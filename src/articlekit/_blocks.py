"""The unit every stage passes on: a :class:`Block` of the input with its span."""

from __future__ import annotations

import operator
from typing import Any

import attrs

from ._model import Span
from ._pickling import by_fields

__all__ = ["KINDS", "Block"]

#: What a block can be, as the corpus labels name it.
KINDS = frozenset(
    {
        "dateline",
        "headline",
        "standfirst",
        "byline",
        "paragraph",
        "quote",
        "read_more",
        "heading",
        "caption",
        "embed",
        "list_item",
        "boilerplate",
    }
)


@attrs.frozen(slots=True)
class Block:
    """One piece of the input on its way to becoming an element.

    The segmenter makes a block of every non-blank line; the classifier sets its
    ``kind`` (and may split a line into several blocks, as in ``date 2021-05-18
    Headline``); the cleaners rewrite, retype, drop and merge blocks; the grouper
    numbers the quotations; the builder turns them into the
    :class:`~articlekit.Article`. Blocks are immutable: a stage returns new ones with
    :meth:`replace`.

    ``span`` always points into the original input; ``text`` starts as the text there
    and may be rewritten by cleaners. A block with ``dropped_by`` set is listed in
    ``Article.removed`` with that cleaner's name and ``reason``.
    """

    __reduce__ = by_fields

    kind: str
    text: str
    span: Span
    #: whether a blank line (or the start of the text) comes before the block: a line
    #: that follows another directly may be the rest of a hard-wrapped paragraph
    blank_before: bool = True
    #: for ``quote``: where the words naming the speaker are, if the paragraph names them
    attribution: Span | None = None
    #: for ``quote``: the quotation is still open at the end of this paragraph
    open_quote: bool = False
    #: for ``quote``: this paragraph starts a quotation of its own (it has a lead-in)
    lead_in: bool = False
    #: for ``quote``: the quotation this paragraph belongs to (set by the grouper)
    group: int | None = None
    #: for ``read_more``: the label as written (``READ MORE``) and the link, if given
    label: str | None = None
    url: str | None = None
    #: for ``dateline``: the ISO date read, and the wire place and agency
    date: str | None = None
    place: str | None = None
    agency: str | None = None
    #: why the block is what it is (for boilerplate: ``advertisement``, ``newsletter``...)
    reason: str | None = None
    #: the cleaner that dropped the block, if one did
    dropped_by: str | None = None
    #: how sure the labeller is of ``kind``, from 0 to 1 (``None``: no model labelled it)
    confidence: float | None = None

    def replace(self, **changes: Any) -> Block:
        """This block with *changes* to its fields (a faster :func:`attrs.evolve`)."""
        if not changes.keys() <= _FIELD_NAMES:
            unknown = sorted(changes.keys() - _FIELD_NAMES)
            raise TypeError(f"Block has no field {unknown[0]!r}; its fields are {list(_FIELDS)}")
        # every field in order, from *changes* where given: one C-level pass over the fields
        values: Any = map(changes.get, _FIELDS, _VALUES(self))
        return Block(*values)

    def drop(self, cleaner: str, reason: str) -> Block:
        """This block, marked as dropped by *cleaner* for *reason*."""
        return self.replace(dropped_by=cleaner, reason=reason)

    def retype(self, kind: str) -> Block:
        """This block as another kind (one of :data:`KINDS`)."""
        if kind not in KINDS:
            raise ValueError(f"unknown block kind {kind!r}; expected one of {sorted(KINDS)}")
        return self.replace(kind=kind)


_FIELDS = tuple(field.name for field in attrs.fields(Block))
_FIELD_NAMES = frozenset(_FIELDS)
_VALUES = operator.attrgetter(*_FIELDS)

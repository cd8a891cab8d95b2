"""Stage 4: clean. Cleaners are named callables from blocks to blocks.

A cleaner may rewrite a block's text, retype it, or drop it with
:meth:`Block.drop` (the builder lists dropped blocks in ``Article.removed`` with the
cleaner's name and reason). It may never make text disappear: :func:`run_cleaners`
checks that the blocks a cleaner returns still cover every character the blocks it
was given covered, and raises :class:`~articlekit.errors.CleanerError` otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, runtime_checkable

import attrs

from ._blocks import Block
from .errors import CleanerError

__all__ = ["DEFAULT_CLEANERS", "Cleaner", "cleaner", "drop_boilerplate", "drop_repeats", "run_cleaners"]


@runtime_checkable
class Cleaner(Protocol):
    """What a cleaner is: a stable ``name`` and a call from blocks to blocks."""

    @property
    def name(self) -> str:
        """The cleaner's stable name, recorded in ``Removed.cleaner``."""
        ...

    def __call__(self, blocks: Sequence[Block], /) -> Iterable[Block]: ...


@attrs.frozen(slots=True)
class FunctionCleaner:
    """A plain function made a :class:`Cleaner` by :func:`cleaner`."""

    name: str
    function: Callable[[Sequence[Block]], Iterable[Block]]

    def __call__(self, blocks: Sequence[Block], /) -> Iterable[Block]:
        return self.function(blocks)


def cleaner(name: str) -> Callable[[Callable[[Sequence[Block]], Iterable[Block]]], FunctionCleaner]:
    """Make a plain function from blocks to blocks a named cleaner.

    >>> import articlekit
    >>> @articlekit.cleaner("drop_captions")
    ... def drop_captions(blocks):
    ...     return [b.drop("drop_captions", "caption") if b.kind == "caption" else b for b in blocks]
    >>> parser = articlekit.Parser(cleaners=[*articlekit.DEFAULT_CLEANERS, drop_captions])
    >>> article = parser.parse(
    ...     "Storm hits coast\\nThe storm hit at dawn, and the sea wall gave way within the hour.\\n(Image: Getty)"
    ... )
    >>> [(r.text, r.cleaner) for r in article.removed]
    [('(Image: Getty)', 'drop_captions')]
    """
    if not isinstance(name, str) or not name:
        raise TypeError("cleaner() takes the cleaner's name, a non-empty str: @articlekit.cleaner('my_cleaner')")

    def wrap(function: Callable[[Sequence[Block]], Iterable[Block]]) -> FunctionCleaner:
        if not callable(function):
            raise TypeError(f"@cleaner({name!r}) decorates a function, got {type(function).__name__}")
        return FunctionCleaner(name, function)

    return wrap


@cleaner("drop_boilerplate")
def drop_boilerplate(blocks: Sequence[Block]) -> list[Block]:
    """Drop site furniture: adverts, share and newsletter prompts, navigation, kickers."""
    return [
        b.drop("drop_boilerplate", b.reason or "boilerplate") if b.kind == "boilerplate" and not b.dropped_by else b
        for b in blocks
    ]


_SINGLE = {"headline": "repeated headline", "dateline": "further date stamp", "byline": "further byline"}


@cleaner("drop_repeats")
def drop_repeats(blocks: Sequence[Block]) -> list[Block]:
    """Keep the first headline, dateline and byline; drop the lines that repeat them."""
    seen: set[str] = set()
    out = []
    for block in blocks:
        if block.kind in _SINGLE and not block.dropped_by:
            if block.kind in seen:
                block = block.drop("drop_repeats", _SINGLE[block.kind])
            seen.add(block.kind)
        out.append(block)
    return out


#: The cleaners :func:`articlekit.parse` runs, in order.
DEFAULT_CLEANERS: tuple[Cleaner, ...] = (drop_boilerplate, drop_repeats)


def _covered(blocks: Iterable[Block]) -> list[tuple[int, int]]:
    spans = sorted((b.span.start, b.span.end) for b in blocks)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _lost(before: list[tuple[int, int]], after: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first stretch of *before* that *after* does not cover, if any."""
    j = 0
    for start, end in before:
        while j < len(after) and after[j][1] <= start:
            j += 1
        if j == len(after) or after[j][0] > start or after[j][1] < end:
            return (start, end)
    return None


def run_cleaners(blocks: Sequence[Block], cleaners: Sequence[Cleaner]) -> list[Block]:
    """Run *cleaners* in order over *blocks*, checking that none loses text."""
    current = list(blocks)
    for step in cleaners:
        before = _covered(current)
        try:
            result = list(step(current))
        except CleanerError:
            raise
        except Exception as exc:
            raise CleanerError(f"cleaner {step.name!r} failed: {type(exc).__name__}: {exc}") from exc
        if not all(isinstance(b, Block) for b in result):
            raise CleanerError(f"cleaner {step.name!r} returned something that is not a Block")
        lost = _lost(before, _covered(result))
        if lost is not None:
            raise CleanerError(
                f"cleaner {step.name!r} lost the text at {list(lost)}; drop a block with "
                "block.drop(name, reason) instead of leaving it out"
            )
        current = result
    return current

"""Cleaners and the pipeline that runs them.

A cleaner is any object with a stable ``name`` that is called with the blocks and
returns blocks (structlog's processors are the model: a plain callable, the chain a
plain list). It may rewrite a block's text, retype it, drop it with
:meth:`Block.drop`, or merge several blocks into one whose span is their union. It may
never make text disappear: the pipeline checks after every cleaner that the blocks it
returned still cover every character the blocks it was given covered, and records
what it did in the article's trace.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, overload, runtime_checkable

import attrs

from ._blocks import Block
from ._trace import Change, CleanerTrace
from .errors import ArticlekitError, CleanerError, ConfigurationError, UnknownCleanerError

__all__ = ["Cleaner", "FunctionCleaner", "Pipeline", "cleaner"]

CleanerFunction = Callable[[Sequence[Block]], Iterable[Block]]


@runtime_checkable
class Cleaner(Protocol):
    """What a cleaner is: a stable ``name`` and a call from blocks to blocks."""

    @property
    def name(self) -> str:
        """The cleaner's stable name: how pipelines, traces and ``removed`` refer to it."""
        ...

    def __call__(self, blocks: Sequence[Block], /) -> Iterable[Block]:
        """Return the blocks, cleaned."""
        ...


@attrs.frozen(slots=True)
class FunctionCleaner:
    """A plain function made a :class:`Cleaner` by :func:`cleaner`; ``doc`` says what
    it does (the function's docstring)."""

    name: str
    function: CleanerFunction = attrs.field(repr=False)
    doc: str = attrs.field(default="", repr=False, eq=False)

    def __call__(self, blocks: Sequence[Block], /) -> Iterable[Block]:
        return self.function(blocks)

    def __reduce__(self) -> tuple[Callable[[str, str], FunctionCleaner], tuple[str, str]]:
        # The decorator puts the cleaner where the function was, so pickle (and so
        # process pools and Dask) finds it by the function's module and name.
        return (_find_cleaner, (self.function.__module__, self.function.__qualname__))


def _find_cleaner(module: str, qualname: str) -> FunctionCleaner:
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    if not isinstance(found, FunctionCleaner):
        raise TypeError(f"{module}.{qualname} is not a cleaner")
    return found


def cleaner(name: str) -> Callable[[CleanerFunction], FunctionCleaner]:
    """Make a plain function from blocks to blocks a named cleaner.

    >>> import articlekit
    >>> @articlekit.cleaner("drop_captions")
    ... def drop_captions(blocks):
    ...     return [b.drop("drop_captions", "caption") if b.kind == "caption" else b for b in blocks]
    >>> parser = articlekit.Parser(cleaners=articlekit.cleaners.DEFAULT + [drop_captions])
    >>> article = parser.parse(
    ...     "Storm hits coast\\nThe storm hit at dawn, and the sea wall gave way within the hour.\\n(Image: Getty)"
    ... )
    >>> [(r.text, r.cleaner) for r in article.removed]
    [('(Image: Getty)', 'drop_captions')]
    """
    if not isinstance(name, str) or not name:
        raise TypeError("cleaner() takes the cleaner's name, a non-empty str: @articlekit.cleaner('my_cleaner')")

    def wrap(function: CleanerFunction) -> FunctionCleaner:
        if not callable(function):
            raise TypeError(f"@cleaner({name!r}) decorates a function, got {type(function).__name__}")
        return FunctionCleaner(name, function, (function.__doc__ or "").strip())

    return wrap


def _check_cleaner(item: object) -> Cleaner:
    if not isinstance(item, Cleaner) or not isinstance(getattr(item, "name", None), str):
        raise ConfigurationError(
            f"{item!r} is not a cleaner: a cleaner has a 'name' and is called with the blocks "
            "(make a function one with @articlekit.cleaner('name'))"
        )
    return item


def _to_tuple(value: Iterable[Cleaner | str]) -> tuple[Cleaner, ...]:
    if isinstance(value, Pipeline):
        return value.cleaners
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise ConfigurationError(
            "a pipeline is built from a list of cleaners or cleaner names, "
            f"e.g. Pipeline(['drop_boilerplate']); got {type(value).__name__}"
        )
    from ._registry import get  # the registry knows the built-in cleaners by name

    cleaners = tuple(get(item) if isinstance(item, str) else _check_cleaner(item) for item in value)
    names = [c.name for c in cleaners]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ConfigurationError(f"a pipeline holds each cleaner once; repeated: {duplicates}")
    return cleaners


@attrs.frozen(slots=True, repr=False)
class Pipeline:
    """An ordered, immutable list of cleaners.

    Build one from cleaners or the names of registered ones; every operation returns a
    new pipeline.

    >>> from articlekit.cleaners import DEFAULT, Pipeline, cleaner
    >>> @cleaner("shout")
    ... def shout(blocks):
    ...     return [b.replace(text=b.text.upper()) if b.kind == "headline" else b for b in blocks]
    >>> pipeline = DEFAULT.without("drop_boilerplate").insert_after("normalize_whitespace", shout)
    >>> "shout" in pipeline, "drop_boilerplate" in pipeline
    (True, False)
    >>> pipeline.names.index("shout") == pipeline.names.index("normalize_whitespace") + 1
    True
    """

    cleaners: tuple[Cleaner, ...] = attrs.field(default=(), converter=_to_tuple)

    @property
    def names(self) -> tuple[str, ...]:
        """The cleaners' names, in order."""
        return tuple(c.name for c in self.cleaners)

    def __repr__(self) -> str:
        return f"Pipeline({list(self.names)!r})"

    def __iter__(self) -> Iterator[Cleaner]:
        return iter(self.cleaners)

    def __len__(self) -> int:
        return len(self.cleaners)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self.names
        return item in self.cleaners

    @overload
    def __getitem__(self, key: int | str) -> Cleaner: ...
    @overload
    def __getitem__(self, key: slice) -> Pipeline: ...
    def __getitem__(self, key: int | str | slice) -> Cleaner | Pipeline:
        if isinstance(key, slice):
            return Pipeline(self.cleaners[key])
        if isinstance(key, str):
            return self.cleaners[self._index(key)]
        return self.cleaners[key]

    def __add__(self, other: Iterable[Cleaner | str]) -> Pipeline:
        return Pipeline(self.cleaners + _to_tuple(other))

    def __radd__(self, other: Iterable[Cleaner | str]) -> Pipeline:
        return Pipeline(_to_tuple(other) + self.cleaners)

    def _index(self, name: str) -> int:
        try:
            return self.names.index(name)
        except ValueError:
            raise UnknownCleanerError(name, self.names) from None

    def without(self, *names: str) -> Pipeline:
        """This pipeline without the cleaners *names*."""
        for name in names:
            self._index(name)
        return Pipeline(tuple(c for c in self.cleaners if c.name not in names))

    def replace(self, name: str, new: Cleaner) -> Pipeline:
        """This pipeline with the cleaner *name* replaced by *new*, in its place."""
        i = self._index(name)
        return Pipeline((*self.cleaners[:i], new, *self.cleaners[i + 1 :]))

    def insert_before(self, name: str, new: Cleaner) -> Pipeline:
        """This pipeline with *new* just before the cleaner *name*."""
        i = self._index(name)
        return Pipeline((*self.cleaners[:i], new, *self.cleaners[i:]))

    def insert_after(self, name: str, new: Cleaner) -> Pipeline:
        """This pipeline with *new* just after the cleaner *name*."""
        i = self._index(name) + 1
        return Pipeline((*self.cleaners[:i], new, *self.cleaners[i:]))

    def run(self, blocks: Sequence[Block]) -> tuple[list[Block], tuple[CleanerTrace, ...]]:
        """Run the cleaners in order over *blocks*; return the cleaned blocks and what
        each cleaner did. Raises :class:`~articlekit.errors.CleanerError` when a cleaner
        fails, returns something that is not a block, or loses text."""
        current = list(blocks)
        traces = []
        for step in self.cleaners:
            try:
                result = list(step(current))
            except ArticlekitError:
                raise  # a cleaner's own error (a missing extra, say) says it best
            except Exception as exc:
                raise CleanerError(f"cleaner {step.name!r} failed: {type(exc).__name__}: {exc}") from exc
            changes = _diff(step.name, current, result)
            traces.append(CleanerTrace(step.name, changes) if changes else _untouched(step.name))
            current = result
        return current, tuple(traces)


# --- checking and explaining what a cleaner did -------------------------------------------


@functools.lru_cache(maxsize=1024)
def _untouched(name: str) -> CleanerTrace:
    """The trace of a cleaner that changed nothing (most cleaners on most texts): one
    immutable object per name, made once."""
    return CleanerTrace(name, ())


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


def _diff(name: str, before: list[Block], after: list[Block]) -> tuple[Change, ...]:
    if len(before) == len(after) and all(map(operator.is_, before, after)):
        return ()  # the common case: the cleaner had nothing to do
    if not all(isinstance(b, Block) for b in after):
        bad = next(b for b in after if not isinstance(b, Block))
        raise CleanerError(f"cleaner {name!r} returned {type(bad).__name__}, not a Block")
    if _in_place(before, after):
        # the next common case: blocks rewritten, retyped or dropped where they stood
        return tuple(
            change for old, new in zip(before, after, strict=True) if old is not new for change in _changes(old, new)
        )
    lost = _lost(_covered(before), _covered(after))
    if lost is not None:
        raise CleanerError(
            f"cleaner {name!r} lost the text at {list(lost)}; drop a block with "
            "block.drop(name, reason) instead of leaving it out"
        )
    kept = {id(b) for b in before}
    by_start = sorted(before, key=lambda b: b.span.start)
    starts = [b.span.start for b in by_start]
    changes: list[Change] = []
    for block in after:
        if id(block) in kept:
            continue
        lo = bisect.bisect_left(starts, block.span.start)
        hi = bisect.bisect_left(starts, block.span.end)
        sources = [b for b in by_start[lo:hi] if block.span.contains(b.span)]
        if len(sources) > 1:
            changes.append(Change("merged", block.span, " ".join(b.text for b in sources), block.text))
            continue
        if not sources:
            changes.append(Change("changed", block.span, None, block.text))
            continue
        changes.extend(_changes(sources[0], block))
    return tuple(changes)


def _in_place(before: list[Block], after: list[Block]) -> bool:
    """Whether *after* holds a block for each block of *before*, in the same place (the
    same span object), the spans in order and apart: then no text is lost, and each
    block's source is the block it replaced."""
    if len(before) != len(after) or not all(map(operator.is_, (b.span for b in before), (a.span for a in after))):
        return False
    end = -1
    for block in before:
        span = block.span
        if span.start <= end or span.start >= span.end:
            return False
        end = span.end - 1
    return True


def _changes(old: Block, block: Block) -> list[Change]:
    """What turning *old* into *block* did."""
    if block.dropped_by and not old.dropped_by:
        return [Change("dropped", block.span, old.text, None, block.reason)]
    changes = []
    if block.kind != old.kind:
        changes.append(Change("retyped", block.span, old.kind, block.kind, block.reason))
    if block.text != old.text:
        changes.append(Change("changed", block.span, old.text, block.text))
    return changes

"""Pickling the model's frozen classes by their field values.

``parse_many`` sends every article from a worker process back to its parent, some fifty
objects each. attrs pickles a slotted class as a dict of its fields, which the parent
then sets one by one; as the class and a tuple of values an object pickles in a third of
the time and is rebuilt through its constructor (so a span is checked again).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["by_fields"]

_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _getter(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    names = [field.name for field in attrs.fields(cls)]
    # (attrgetter gives a tuple for two names or more, the value itself for one)
    getter = operator.attrgetter(*names) if len(names) > 1 else lambda obj: (getattr(obj, names[0]),)
    _GETTERS[cls] = getter
    return getter


def by_fields(self: Any) -> tuple[type, tuple[Any, ...]]:
    """``__reduce__`` for an attrs class whose fields are all ``__init__`` arguments in
    order: the class and its field values (a subclass gets its own fields)."""
    cls = type(self)
    getter = _GETTERS.get(cls) or _getter(cls)
    return cls, getter(self)

"""Finding cleaners by name: the built-in ones, and those other packages register under
the entry-point group ``articlekit.cleaners``."""

from __future__ import annotations

import functools
from importlib.metadata import entry_points

from ._pipeline import Cleaner, _check_cleaner
from .errors import PluginError, UnknownCleanerError

__all__ = ["ENTRY_POINT_GROUP", "available", "get"]

#: The entry-point group under which packages register cleaners.
ENTRY_POINT_GROUP = "articlekit.cleaners"


def _built_in() -> dict[str, Cleaner]:
    from ._cleaners import BUILT_IN

    return {c.name: c for c in BUILT_IN}


@functools.cache
def _plugins() -> dict[str, tuple[str, object]]:
    """Registered entry points by name: (the distribution that ships it, the entry point)."""
    found: dict[str, tuple[str, object]] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        dist = getattr(point, "dist", None)
        found[point.name] = (getattr(dist, "name", "?") if dist is not None else "?", point)
    return found


def refresh() -> None:
    """Forget the entry points found so far (after installing a plugin at run time)."""
    _plugins.cache_clear()
    _load.cache_clear()


@functools.cache
def _load(name: str) -> Cleaner:
    dist, point = _plugins()[name]
    try:
        obj = point.load()  # type: ignore[attr-defined]
    except Exception as exc:
        raise PluginError(f"cleaner {name!r} from {dist} failed to load: {type(exc).__name__}: {exc}") from exc
    if not isinstance(obj, Cleaner) and callable(obj) and not hasattr(obj, "name"):
        raise PluginError(
            f"entry point {name!r} of {dist} is a plain function; decorate it with @articlekit.cleaner({name!r})"
        )
    cleaner = _check_cleaner(obj)
    if cleaner.name != name:
        raise PluginError(f"entry point {name!r} of {dist} names a cleaner called {cleaner.name!r}")
    return cleaner


def get(name: str) -> Cleaner:
    """The cleaner called *name*: a built-in one, or one an installed package registers.

    >>> from articlekit import cleaners
    >>> cleaners.get("drop_boilerplate").name
    'drop_boilerplate'
    """
    built_in = _built_in()
    if name in built_in:
        return built_in[name]
    if name in _plugins():
        return _load(name)
    raise UnknownCleanerError(name, available())


def available() -> tuple[str, ...]:
    """The names of every cleaner :func:`get` can find, built-in and registered."""
    return tuple(sorted(set(_built_in()) | set(_plugins())))

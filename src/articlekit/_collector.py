"""The cyclic garbage collector, paused while a text of many lines is parsed.

A parse makes a few objects per line and frees them by reference counting as it goes;
none of them is garbage that only the cyclic collector can free. But every few hundred
new objects the collector walks the young ones, and now and then every object alive, so
a text of a hundred thousand lines has its objects walked over and over (about a tenth
of the time of a text of one-character lines). While such a text is parsed the collector
waits; it runs as before when the last such parse in the process ends.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

__all__ = ["PAUSE_AT_LINES", "collector_paused"]

#: A text of this many lines or more is parsed with the cyclic collector paused.
PAUSE_AT_LINES = 5_000

_lock = threading.Lock()
_parses = 0  # the parses that are holding the collector paused
_was_enabled = False


@contextlib.contextmanager
def collector_paused(lines: int) -> Iterator[None]:
    """Pause the cyclic garbage collector for the length of the block when *lines* is
    ``PAUSE_AT_LINES`` or more: concurrent parses share one pause, and the collector is
    enabled again at the end of the last one only if it was enabled at the start of the
    first."""
    if lines < PAUSE_AT_LINES:
        yield
        return
    global _parses, _was_enabled
    with _lock:
        if _parses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _parses += 1
    try:
        yield
    finally:
        with _lock:
            _parses -= 1
            if _parses == 0 and _was_enabled:
                gc.enable()

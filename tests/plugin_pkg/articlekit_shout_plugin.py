"""A third-party cleaner, published the way a real plugin would be: an entry point in
the ``articlekit.cleaners`` group names ``articlekit_shout_plugin:shout_headline``."""

from __future__ import annotations

from collections.abc import Sequence

import articlekit


@articlekit.cleaner("shout_headline")
def shout_headline(blocks: Sequence[articlekit.Block]) -> list[articlekit.Block]:
    """Upper-case the headline."""
    return [b.replace(text=b.text.upper()) if b.kind == "headline" and not b.dropped_by else b for b in blocks]


def plain_function(blocks: Sequence[articlekit.Block]) -> Sequence[articlekit.Block]:
    """Registered without @articlekit.cleaner: the registry refuses it."""
    return blocks


@articlekit.cleaner("whisper_headline")
def misnamed(blocks: Sequence[articlekit.Block]) -> list[articlekit.Block]:
    """Registered under another name than its own: the registry refuses it."""
    return [b.replace(text=b.text.lower()) if b.kind == "headline" else b for b in blocks]

"""The JSON Schema of the ``articlekit/1`` output contract, shipped with the package."""

from __future__ import annotations

import functools
import json
from importlib.resources import files
from typing import Any

__all__ = ["schema"]


@functools.cache
def _load() -> str:
    return files("articlekit").joinpath("data/article.schema.json").read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every ``Article.to_dict()`` follows; a fresh
    copy each call.

    >>> import articlekit
    >>> articlekit.schema()["properties"]["schema"]
    {'const': 'articlekit/1'}
    """
    loaded: dict[str, Any] = json.loads(_load())
    return loaded

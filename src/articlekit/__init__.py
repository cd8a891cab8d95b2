"""articlekit: raw scraped article text in, typed and lossless structure out.

>>> import articlekit
>>> article = articlekit.parse(
...     " date 2021-05-18 Harbour wall breached as storm floods seafront\\n"
...     "The sea wall at Porthcarrow gave way at dawn on Saturday, and the harbour flooded within the hour."
... )
>>> article.headline.text
'Harbour wall breached as storm floods seafront'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import errors
from ._blocks import KINDS, Block
from ._model import (
    SCHEMA,
    Article,
    Attribution,
    BlockQuote,
    BodyBlock,
    Byline,
    Caption,
    Dateline,
    Embed,
    Heading,
    Headline,
    ListItem,
    Paragraph,
    ReadMore,
    Removed,
    Span,
    Standfirst,
)
from ._pipeline import Cleaner, Pipeline, cleaner
from ._trace import Change, CleanerTrace
from .errors import BatchError

if TYPE_CHECKING:
    from . import cleaners
    from ._batch import Failed, parse_many
    from ._dates import parse_date
    from ._labeller import Labeller
    from ._parser import MAX_CHARS, Parser, parse, parse_bytes
    from ._schema import schema

    __version__: str

# The parser's modules compile many patterns; they load on first use, so that
# `import articlekit` stays light (attrs' model, PEP 562 attributes for the rest).
_LAZY = {
    "parse": "._parser",
    "parse_bytes": "._parser",
    "Parser": "._parser",
    "MAX_CHARS": "._parser",
    "parse_date": "._dates",
    "schema": "._schema",
    "parse_many": "._batch",
    "Failed": "._batch",
    "Labeller": "._labeller",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value: Any = version("articlekit")
        except PackageNotFoundError:  # a source tree that was never installed
            value = "0+unknown"
    elif name == "cleaners":
        value = importlib.import_module(".cleaners", __name__)
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    else:
        raise AttributeError(f"module 'articlekit' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "KINDS",
    "MAX_CHARS",
    "SCHEMA",
    "Article",
    "Attribution",
    "BatchError",
    "Block",
    "BlockQuote",
    "BodyBlock",
    "Byline",
    "Caption",
    "Change",
    "Cleaner",
    "CleanerTrace",
    "Dateline",
    "Embed",
    "Failed",
    "Heading",
    "Headline",
    "Labeller",
    "ListItem",
    "Paragraph",
    "Parser",
    "Pipeline",
    "ReadMore",
    "Removed",
    "Span",
    "Standfirst",
    "__version__",
    "cleaner",
    "cleaners",
    "errors",
    "parse",
    "parse_bytes",
    "parse_date",
    "parse_many",
    "schema",
]

"""articlekit: raw scraped article text in, typed and lossless structure out.

>>> import articlekit
>>> article = articlekit.parse(" date 2021-05-18 Storm hits coast\\nThe sea wall gave way at dawn.")
>>> article.headline.text
'Storm hits coast'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from . import cleaners, errors
from ._blocks import KINDS, Block
from ._dates import parse_date
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
from ._parser import MAX_CHARS, Parser, parse, parse_bytes
from ._pipeline import Cleaner, Pipeline, cleaner
from ._schema import schema
from ._trace import Change, CleanerTrace

try:
    __version__ = version("articlekit")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "KINDS",
    "MAX_CHARS",
    "SCHEMA",
    "Article",
    "Attribution",
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
    "Heading",
    "Headline",
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
    "schema",
]

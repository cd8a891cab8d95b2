"""The flat columns of an article, shared by the Arrow and Dask integrations."""

from __future__ import annotations

from typing import Any

from ._model import Article, BlockQuote, Caption, Embed, Heading, ListItem, Paragraph, ReadMore

__all__ = ["COUNTS", "STRING_COLUMNS", "counts", "strings"]

#: the one-value columns, all strings (or null)
STRING_COLUMNS = (
    "dateline_date",
    "dateline_raw",
    "dateline_place",
    "dateline_agency",
    "headline",
    "standfirst",
    "byline",
    "text",
)

#: the count columns: the body block class each counts (None: the removed entries), and
#: what it means
COUNTS: tuple[tuple[str, type | None, str], ...] = (
    ("n_paragraphs", Paragraph, "body paragraphs (not those inside quotations)"),
    ("n_quotes", BlockQuote, "quotations"),
    ("n_read_more", ReadMore, "READ MORE and related links set in the text"),
    ("n_headings", Heading, "crossheads"),
    ("n_captions", Caption, "image and video captions and credits"),
    ("n_embeds", Embed, "embedded social-media posts"),
    ("n_list_items", ListItem, "items of lists"),
    ("n_removed", None, "entries in removed"),
)


def strings(article: Article) -> dict[str, Any]:
    """The :data:`STRING_COLUMNS` of *article*."""
    dateline = article.dateline
    return {
        "dateline_date": dateline.date if dateline else None,
        "dateline_raw": dateline.raw if dateline else None,
        "dateline_place": dateline.place if dateline else None,
        "dateline_agency": dateline.agency if dateline else None,
        "headline": article.headline.text if article.headline else None,
        "standfirst": article.standfirst.text if article.standfirst else None,
        "byline": article.byline.text if article.byline else None,
        "text": article.text,
    }


def counts(article: Article) -> dict[str, int]:
    """The :data:`COUNTS` columns of *article*."""
    return {
        name: len(article.removed) if kind is None else sum(isinstance(b, kind) for b in article.body)
        for name, kind, _ in COUNTS
    }

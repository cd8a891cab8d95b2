"""Checks every parse must pass, shared by the example, corpus and property tests."""

from __future__ import annotations

import articlekit


def uncovered(text: str, article: articlekit.Article) -> list[int]:
    """Offsets of non-whitespace characters of *text* that no element or removed entry covers."""
    covered = bytearray(len(text) + 1)
    for element in article.elements():
        spans = [element.span]
        if isinstance(element, articlekit.BlockQuote):
            spans += [p.span for p in element.paragraphs]
        for span in spans:
            assert 0 <= span.start <= span.end <= len(text), (element, len(text))
            covered[span.start : span.end] = b"\x01" * len(span)
    return [i for i, ch in enumerate(text) if not covered[i] and not ch.isspace()]


def check_article(text: str, article: articlekit.Article) -> None:
    """The span invariant, ordered body, and a lossless round trip through the contract."""
    assert uncovered(text, article) == []
    starts = [b.span.start for b in article.body]
    assert starts == sorted(starts)
    for quote in article.quotes:
        for paragraph in quote.paragraphs:
            assert quote.span.contains(paragraph.span)
        if quote.attribution is not None:
            assert quote.span.contains(quote.attribution.span)
            assert quote.attribution.span.of(text) == quote.attribution.text
    for removed in article.removed:
        assert removed.span.of(text) == removed.text
    assert articlekit.Article.from_dict(article.to_dict()) == article

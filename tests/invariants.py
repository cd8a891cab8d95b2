"""Checks every parse must pass, shared by the example, corpus and property tests."""

from __future__ import annotations

import itertools

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


def leaf_spans(article: articlekit.Article) -> list[articlekit.Span]:
    """The spans of every element that holds no other: a quotation counts by its
    paragraphs (its hull may hold the links and captions set inside it)."""
    spans = [p.span for p in (article.dateline, article.headline, article.standfirst, article.byline) if p]
    for block in article.body:
        if isinstance(block, articlekit.BlockQuote):
            spans.extend(p.span for p in block.paragraphs)
        else:
            spans.append(block.span)
    spans.extend(r.span for r in article.removed)
    return sorted(spans)


def check_article(text: str, article: articlekit.Article) -> None:
    """The span invariant, spans in order without overlaps, and a lossless round trip."""
    assert uncovered(text, article) == []
    leaves = leaf_spans(article)
    for before, after in itertools.pairwise(leaves):
        assert before.end <= after.start, (before, after)
    for quote in article.quotes:
        inside = [s for s in leaves if quote.span.contains(s)]
        assert all(quote.span.contains(p.span) for p in quote.paragraphs) and inside
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

"""A parse made visible: the original text as one self-contained HTML page, each element
coloured by type, quotations grouped, removed text struck through with the reason, and
lines a model labelled with low confidence hatched."""

from __future__ import annotations

import html as _html
from collections import Counter
from typing import Any

from ._model import Article, BlockQuote, Removed, Span
from .errors import InputTypeError

__all__ = ["COLOURS", "LOW_CONFIDENCE", "html"]

#: The colour of each element type on the page (and in its legend).
COLOURS: dict[str, str] = {
    "dateline": "#9c27b0",
    "headline": "#d32f2f",
    "standfirst": "#f57c00",
    "byline": "#795548",
    "paragraph": "#455a64",
    "block_quote": "#1565c0",
    "attribution": "#00838f",
    "read_more": "#2e7d32",
    "heading": "#6a1b9a",
    "caption": "#ad1457",
    "embed": "#0277bd",
    "list_item": "#558b2f",
    "removed": "#9e9e9e",
}

#: An element a model labelled with a confidence below this is hatched on the page.
LOW_CONFIDENCE = 0.6

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#222;padding:0 1rem}
h1{font-size:1.2rem}.legend{display:flex;flex-wrap:wrap;gap:.4rem;margin:0 0 1rem;padding:0;list-style:none}
.legend li{border-left:.8rem solid;padding:.1rem .5rem;background:#f5f5f5;font-size:.85rem}
.text{white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:13px;line-height:1.6;
border:1px solid #ddd;padding:1rem;background:#fff}
.ak{border-bottom:3px solid;background:color-mix(in srgb,currentColor 8%,transparent)}
.ak-group{border-left:4px solid;padding-left:.3rem}
.ak-attribution{font-weight:bold;text-decoration:underline dotted}
del.ak{text-decoration:line-through;opacity:.7}
"""

# only on a page with a line a model was unsure of: hatched, with a dashed outline
_LOW_STYLE = """.ak.low-confidence{outline:1px dashed;background:repeating-linear-gradient(135deg,
color-mix(in srgb,currentColor 22%,transparent) 0 4px,transparent 4px 8px)}
.legend li[data-legend=low_confidence]{border-left-style:dashed}
"""


def _tag(
    kind: str, extra: str = "", title: str = "", confidence: float | None = None, data: str = ""
) -> tuple[str, str]:
    colour = COLOURS[kind]
    element = "del" if kind == "removed" else "span"
    if confidence is not None:  # a model labelled the line: say how sure it was
        low = confidence < LOW_CONFIDENCE
        if low:
            extra += " low-confidence"
        title = f"{title}; " if title else ""
        title += f"{'low ' if low else ''}confidence: {confidence:.2f}"
        data += f' data-confidence="{confidence:g}"'
    attributes = f' class="ak ak-{kind}{extra}" data-type="{kind}"{data} style="color:{colour}"'
    if title:
        attributes += f' title="{_html.escape(title, quote=True)}"'
    return f"<{element}{attributes}>", f"</{element}>"


def _marks(article: Article) -> list[tuple[Span, str, str]]:
    """(span, opening tag, closing tag) for everything to mark on the text."""
    marks: list[tuple[Span, str, str]] = []
    for part in (article.dateline, article.headline, article.standfirst, article.byline):
        if part is not None:
            kind = type(part).__name__.lower()
            marks.append((part.span, *_tag(kind, confidence=part.confidence)))
    groups = 0
    for block in article.body:
        if isinstance(block, BlockQuote):
            groups += 1
            who = block.attribution.text if block.attribution else "no attribution"
            for paragraph in block.paragraphs:
                opening, closing = _tag(
                    "block_quote",
                    " ak-group",
                    f"quotation {groups}: {who}",
                    paragraph.confidence,
                    f' data-group="{groups}"',
                )
                marks.append((paragraph.span, opening, closing))
            if block.attribution is not None:
                marks.append(
                    (block.attribution.span, *_tag("attribution", "", "speaker", block.attribution.confidence))
                )
        else:
            marks.append((block.span, *_tag(block.type, confidence=block.confidence)))
    for removed in article.removed:
        marks.append((removed.span, *_tag("removed", "", _why(removed), removed.confidence)))
    # outer before inner where they start together: a paragraph before its attribution
    marks.sort(key=lambda m: (m[0].start, -m[0].end))
    return marks


def _counts(article: Article) -> Counter[str]:
    counts: Counter[str] = Counter(
        type(p).__name__.lower()
        for p in (article.dateline, article.headline, article.standfirst, article.byline)
        if p is not None
    )
    counts.update(block.type for block in article.body)
    counts["attribution"] = sum(1 for q in article.quotes if q.attribution is not None)
    counts["removed"] = len(article.removed)
    return counts


def _low_confidence(article: Article) -> int:
    """How many marked elements a model labelled with low confidence."""
    low = 0
    for element in article.elements():
        if isinstance(element, BlockQuote):
            parts: list[Any] = [*element.paragraphs, element.attribution]
        else:
            parts = [element]
        low += sum(1 for p in parts if p is not None and p.confidence is not None and p.confidence < LOW_CONFIDENCE)
    return low


def _why(removed: Removed) -> str:
    return f"removed by {removed.cleaner}: {removed.reason} ({removed.type})"


def _body(text: str, marks: list[tuple[Span, str, str]]) -> str:
    out: list[str] = []
    open_ends: list[tuple[int, str]] = []
    pos = 0
    for span, opening, closing in marks:
        while open_ends and open_ends[-1][0] <= span.start:
            end, close = open_ends.pop()
            out.append(_html.escape(text[pos:end]))
            out.append(close)
            pos = end
        if span.start < pos or (open_ends and span.end > open_ends[-1][0]):
            continue  # a span that crosses another cannot be nested; it is left unmarked
        out.append(_html.escape(text[pos : span.start]))
        out.append(opening)
        pos = span.start
        open_ends.append((span.end, closing))
    while open_ends:
        end, close = open_ends.pop()
        out.append(_html.escape(text[pos:end]))
        out.append(close)
        pos = end
    out.append(_html.escape(text[pos:]))
    return "".join(out)


def html(article: Article, text: str | None = None, *, title: str = "articlekit") -> str:
    """A self-contained HTML page (no scripts, no external files) of the text the article
    was parsed from, each element coloured by its type, with a legend; quotations are
    numbered with their speaker, and removed text is struck through with the cleaner's
    reason on hover. When a model labelled the lines (``Parser(model=...)``), each
    element's confidence is in its ``data-confidence`` and on hover, and an element below
    0.6 is hatched (class ``low-confidence``). *text* is the parsed text (by default
    ``article.source``).

    >>> import articlekit
    >>> page = html(articlekit.parse("Storm hits the coast\\nAdvertisement\\nThe sea wall gave way."))
    >>> page.startswith("<!DOCTYPE html>"), 'data-type="headline"' in page, "<del" in page
    (True, True, True)
    """
    source = text if text is not None else article.source
    if not isinstance(source, str):
        raise InputTypeError(
            "html() needs the parsed text: pass it as html(article, text), or parse it with articlekit.parse"
        )
    counts = _counts(article)
    legend = "".join(
        f'<li style="border-color:{colour}" data-legend="{kind}">{kind.replace("_", " ")} ({counts.get(kind, 0)})</li>'
        for kind, colour in COLOURS.items()
    )
    low = _low_confidence(article)
    style = _STYLE
    if low:  # only for a parse a model labelled: a rule-based page is as it was
        style += _LOW_STYLE
        legend += (
            f'<li style="border-color:#616161" data-legend="low_confidence">'
            f"low confidence, under {LOW_CONFIDENCE:g} (hatched) ({low})</li>"
        )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{_html.escape(title)}</title>'
        f"<style>{style}</style></head><body>"
        f"<h1>{_html.escape(title)}</h1>"
        f'<ul class="legend">{legend}</ul>'
        f'<div class="text">{_body(source, _marks(article))}</div>'
        "</body></html>\n"
    )

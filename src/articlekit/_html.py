"""A parse made visible: the original text as one self-contained HTML page, line by line,
each element coloured by type and named in a gutter beside its line, quotations grouped
with their speaker, removed text struck through with the reason, lines a model labelled
with low confidence hatched, and a panel with the structured result."""

from __future__ import annotations

import html as _html
import math
from collections import Counter
from typing import Any

import attrs

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

#: a quotation's first paragraph is shown in the panel up to this many characters
_PREVIEW = 90

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:1.5rem auto;max-width:84rem;color:#222;padding:0 1rem}
h1{font-size:1.2rem}.legend{display:flex;flex-wrap:wrap;gap:.4rem;margin:0 0 1rem;padding:0;list-style:none}
.legend li{border-left:.8rem solid;padding:.1rem .5rem;background:#f5f5f5;font-size:.85rem}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 22rem;gap:1.2rem;align-items:start}
.text{grid-column:1;grid-row:1;border:1px solid #ddd;background:#fff;padding:.5rem 0}
.panel{grid-column:2;grid-row:1;border:1px solid #ddd;background:#fafafa;padding:.2rem .9rem .6rem;font-size:.85rem}
@media (max-width:56rem){.layout{display:block}.panel{margin-bottom:1rem}}
.row{display:grid;grid-template-columns:8.5rem minmax(0,1fr)}
.gutter{font-size:11px;line-height:1.45;text-align:right;padding:.15rem .5rem 0 0;border-right:1px solid #ddd;
user-select:none;overflow-wrap:anywhere}
.g{display:block;font-weight:600}.g-unsure{font-style:italic;text-decoration:underline dashed}
.cell{padding:0 .8rem;min-width:0}
.line{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,monospace;font-size:13px;line-height:1.6}
.note{font-size:12px;color:#555;font-style:italic;margin:0 0 .2rem;user-select:none}
.ak{border-bottom:3px solid;background:color-mix(in srgb,currentColor 8%,transparent)}
.ak-group{border-left:4px solid;padding-left:.3rem}
.ak-attribution{font-weight:bold;text-decoration:underline dotted}
del.ak{text-decoration:line-through;opacity:.7}
.panel h2{font-size:1rem;margin:.6rem 0 .3rem}.panel h3{font-size:.9rem;margin:.8rem 0 .2rem}
.panel dl{display:grid;grid-template-columns:6.5rem minmax(0,1fr);gap:.15rem .5rem;margin:0}
.panel dt{color:#555}.panel dd{margin:0;overflow-wrap:anywhere}.panel ol,.panel ul{margin:0;padding-left:1.3rem}
.panel li{margin:.2rem 0;overflow-wrap:anywhere}.none{color:#999}.who{font-weight:600}
"""

# only on a page with a line a model was unsure of: hatched, with a dashed outline
_LOW_STYLE = """.ak.low-confidence{outline:1px dashed;background:repeating-linear-gradient(135deg,
color-mix(in srgb,currentColor 22%,transparent) 0 4px,transparent 4px 8px)}
.legend li[data-legend=low_confidence]{border-left-style:dashed}
"""


@attrs.frozen(slots=True)
class _Mark:
    """Something to mark on the text: its span and tags, its name in the gutter, and a
    note shown under its line (the speaker of a quotation, why text was removed)."""

    span: Span
    opening: str
    closing: str
    kind: str
    label: str
    note: str = ""


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
        title += f"{'low ' if low else ''}confidence: {_shown(confidence)}"
        data += f' data-confidence="{confidence:g}"'
    attributes = f' class="ak ak-{kind}{extra}" data-type="{kind}"{data} style="color:{colour}"'
    if title:
        attributes += f' title="{_html.escape(title, quote=True)}"'
    return f"<{element}{attributes}>", f"</{element}>"


def _label(name: str, confidence: float | None) -> str:
    """The gutter's name for an element, with its confidence when a model was unsure."""
    if confidence is not None and confidence < LOW_CONFIDENCE:
        return f"{name} ({_shown(confidence)})"
    return name


def _shown(confidence: float) -> str:
    """*confidence* to two places, cut rather than rounded: 0.5997 is under 0.6, and
    shows as 0.59, not as the 0.60 that is not hatched."""
    return f"{math.floor(confidence * 100 + 1e-9) / 100:.2f}"  # 0.29 * 100 is 28.999...


def _mark(span: Span, kind: str, confidence: float | None, **tag: Any) -> _Mark:
    return _Mark(span, *_tag(kind, confidence=confidence, **tag), kind, _label(kind.replace("_", " "), confidence))


def _quote_marks(quote: BlockQuote, group: int) -> list[_Mark]:
    who = quote.attribution.text if quote.attribution else "no attribution"
    note = f"quotation {group}: {who}"
    marks = []
    for paragraph in quote.paragraphs:
        opening, closing = _tag("block_quote", " ak-group", note, paragraph.confidence, f' data-group="{group}"')
        label = _label(f"quote {group}", paragraph.confidence)
        marks.append(_Mark(paragraph.span, opening, closing, "block_quote", label, note))
    if quote.attribution is not None:
        marks.append(_mark(quote.attribution.span, "attribution", quote.attribution.confidence, title="speaker"))
    return marks


def _marks(article: Article) -> list[_Mark]:
    """Everything to mark on the text, outer before inner where they start together."""
    marks: list[_Mark] = []
    for part in (article.dateline, article.headline, article.standfirst, article.byline):
        if part is not None:
            marks.append(_mark(part.span, type(part).__name__.lower(), part.confidence))
    groups = 0
    for block in article.body:
        if isinstance(block, BlockQuote):
            groups += 1
            marks.extend(_quote_marks(block, groups))
        else:
            marks.append(_mark(block.span, block.type, block.confidence))
    for removed in article.removed:
        why = _why(removed)
        marks.append(attrs.evolve(_mark(removed.span, "removed", removed.confidence, title=why), note=why))
    # a paragraph before its attribution
    marks.sort(key=lambda m: (m.span.start, -m.span.end))
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


# --- the text, row by row -----------------------------------------------------------------


@attrs.define
class _Row:
    """One row of the page: a line of the text (more when an element runs over several),
    and the marks that open in it."""

    parts: list[str] = attrs.field(factory=list)
    marks: list[_Mark] = attrs.field(factory=list)


class _Rows:
    """Writes the text with its marks nested in it, starting a new row at each line end
    that no mark runs over, so that every element sits whole in one row."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.open_ends: list[tuple[int, str]] = []
        self.rows: list[_Row] = [_Row()]

    def write_to(self, end: int) -> None:
        if not self.open_ends:
            while (newline := self.text.find("\n", self.pos, end)) != -1:
                self.rows[-1].parts.append(_html.escape(self.text[self.pos : newline + 1]))
                self.rows.append(_Row())
                self.pos = newline + 1
        self.rows[-1].parts.append(_html.escape(self.text[self.pos : end]))
        self.pos = end

    def close_to(self, start: int) -> None:
        """Close every mark that ends at or before *start*."""
        while self.open_ends and self.open_ends[-1][0] <= start:
            end, closing = self.open_ends.pop()
            self.write_to(end)
            self.rows[-1].parts.append(closing)

    def add(self, mark: _Mark) -> None:
        self.close_to(mark.span.start)
        if mark.span.start < self.pos or (self.open_ends and mark.span.end > self.open_ends[-1][0]):
            return  # a span that crosses another cannot be nested; it is left unmarked
        self.write_to(mark.span.start)
        self.rows[-1].parts.append(mark.opening)
        self.rows[-1].marks.append(mark)
        self.open_ends.append((mark.span.end, mark.closing))

    def finish(self) -> list[_Row]:
        self.close_to(len(self.text))
        self.write_to(len(self.text))
        return [row for row in self.rows if "".join(row.parts)]


def _gutter(marks: list[_Mark]) -> str:
    labels: list[str] = []
    for mark in marks:
        style = f' style="color:{COLOURS[mark.kind]}"'
        unsure = " g-unsure" if mark.label.endswith(")") else ""
        label = f'<span class="g{unsure}" data-gutter="{mark.kind}"{style}>{_html.escape(mark.label)}</span>'
        if not labels or labels[-1] != label:  # a quotation's paragraph runs over lines once
            labels.append(label)
    return "".join(labels)


def _notes(marks: list[_Mark]) -> str:
    notes = dict.fromkeys(m.note for m in marks if m.note)
    return "".join(f'<div class="note" data-note>{_html.escape(note)}</div>' for note in notes)


def _text(text: str, marks: list[_Mark]) -> str:
    rows = _Rows(text)
    for mark in marks:
        rows.add(mark)
    return "".join(
        f'<div class="row"><div class="gutter">{_gutter(row.marks)}</div>'
        f'<div class="cell"><div class="line">{"".join(row.parts)}</div>{_notes(row.marks)}</div></div>'
        for row in rows.finish()
    )


# --- the panel: the structured result ------------------------------------------------------


def _value(value: str | None, missing: str = "none") -> str:
    return f'<span class="none">{missing}</span>' if value is None else _html.escape(value)


def _preview(text: str) -> str:
    if len(text) <= _PREVIEW:
        return text
    cut = text[:_PREVIEW]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:") + " …"


def _fields(article: Article) -> str:
    dateline = article.dateline
    fields = (
        ("date", "dateline_date", dateline.date if dateline else None),
        ("place", "dateline_place", dateline.place if dateline else None),
        ("agency", "dateline_agency", dateline.agency if dateline else None),
        ("headline", "headline", article.headline.text if article.headline else None),
        ("standfirst", "standfirst", article.standfirst.text if article.standfirst else None),
        ("byline", "byline", article.byline.text if article.byline else None),
    )
    rows = "".join(f'<dt>{name}</dt><dd data-field="{field}">{_value(value)}</dd>' for name, field, value in fields)
    return f"<dl>{rows}</dl>"


def _quotes(article: Article) -> str:
    items = []
    for quote in article.quotes:
        who = quote.attribution.text if quote.attribution else None
        paragraphs = len(quote.paragraphs)
        items.append(
            f'<li data-field="quote"><span class="who">{_value(who, "no attribution")}</span> '
            f"({paragraphs} paragraph{'s' if paragraphs != 1 else ''}): "
            f"“{_html.escape(_preview(quote.paragraphs[0].text))}”</li>"
        )
    return _list("ol", f"Quotations ({len(items)})", items)


def _links(article: Article) -> str:
    items = []
    for link in article.read_more:
        label = f"{_html.escape(link.label)}: " if link.label else ""
        url = f"<br><code>{_html.escape(link.url)}</code>" if link.url else ""
        items.append(f'<li data-field="link">{label}{_html.escape(link.text)}{url}</li>')
    return _list("ul", f"Links ({len(items)})", items)


def _list(tag: str, heading: str, items: list[str]) -> str:
    body = f"<{tag}>{''.join(items)}</{tag}>" if items else '<p class="none">none</p>'
    return f"<h3>{heading}</h3>{body}"


def _panel(article: Article) -> str:
    return (
        '<aside class="panel" aria-label="structured result"><h2>Structured result</h2>'
        f"{_fields(article)}{_quotes(article)}{_links(article)}</aside>"
    )


def _legend(article: Article) -> tuple[str, str]:
    """The legend, and the page's style (hatching only where a model was unsure)."""
    counts = _counts(article)
    legend = "".join(
        f'<li style="border-color:{colour}" data-legend="{kind}">{kind.replace("_", " ")} ({counts.get(kind, 0)})</li>'
        for kind, colour in COLOURS.items()
    )
    low = _low_confidence(article)
    if not low:  # a rule-based page is as it was
        return legend, _STYLE
    legend += (
        f'<li style="border-color:#616161" data-legend="low_confidence">'
        f"hatched, confidence under {LOW_CONFIDENCE:g} ({low})</li>"
    )
    return legend, _STYLE + _LOW_STYLE


def html(article: Article, text: str | None = None, *, title: str = "articlekit") -> str:
    """A self-contained HTML page (no scripts, no external files) of the text the article
    was parsed from, line by line, with a legend and a panel of the structured result
    (the dateline's date, place and agency, the headline, standfirst and byline, each
    quotation with its speaker, and the links).

    Each element is coloured by its type, and a gutter beside each line names the types
    of the elements on it in words (``dateline``, ``headline``, ``quote 2``, ``read
    more``, ...). Quotations are numbered, and under each of their lines a note names
    the speaker; removed text is struck through, with a note saying which cleaner
    removed it and why. When a model labelled the lines (``Parser(model=...)``), each
    element's confidence is in its ``data-confidence`` and on hover, and an element below
    0.6 is hatched (class ``low-confidence``) with its confidence in the gutter. *text*
    is the parsed text (by default ``article.source``).

    >>> import articlekit
    >>> page = html(articlekit.parse("Storm hits the coast\\nAdvertisement\\nThe sea wall gave way."))
    >>> page.startswith("<!DOCTYPE html>"), 'data-type="headline"' in page, "<del" in page
    (True, True, True)
    >>> 'data-gutter="headline"' in page, "removed by drop_boilerplate: advertisement" in page
    (True, True)
    """
    source = text if text is not None else article.source
    if not isinstance(source, str):
        raise InputTypeError(
            "html() needs the parsed text: pass it as html(article, text), or parse it with articlekit.parse"
        )
    legend, style = _legend(article)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{_html.escape(title)}</title>'
        f"<style>{style}</style></head><body>"
        f"<h1>{_html.escape(title)}</h1>"
        f'<ul class="legend">{legend}</ul>'
        f'<div class="layout">{_panel(article)}'
        f'<div class="text">{_text(source, _marks(article))}</div></div>'
        "</body></html>\n"
    )

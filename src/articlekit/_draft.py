"""A draft label file: how a parse read each line of a text, written in the
labelled-article format, for a person to correct rather than label from nothing.

The draft is the parse as the scorer reads it (``articlekit evaluate`` scores the parse
it was drafted from as right on every line), with a ``# unsure:`` header line that names
the lines the model was least sure of: where correcting starts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._corpus import line_table
from ._evaluate import line_confidences, predicted_lines
from ._html import LOW_CONFIDENCE
from .errors import CorpusError

if TYPE_CHECKING:
    from ._parser import Parser

__all__ = ["checked_source", "draft_labels", "unsure_lines"]


def draft_labels(text: str, *, parser: Parser | None = None, source: str | None = None) -> str:
    """The label file of *text* as *parser* (the default parser if ``None``) reads it,
    in the :doc:`labelled-article format </labelled-articles>`: the header (*source*, the
    date and the headline the parse found), a row for every non-blank line with its
    types, quote group and attribution, and ``# unsure:`` listing the lines whose
    confidence is under 0.6 (the lines ``articlekit show`` hatches).

    >>> from articlekit.training import draft_labels
    >>> print(draft_labels("Storm hits coast\\n\\nThe sea wall gave way at dawn, and the harbour flooded.",
    ...                    source="https://example.com/storm"), end="")  # doctest: +NORMALIZE_WHITESPACE
    # source: https://example.com/storm
    # date: none
    # headline: Storm hits coast
    # unsure: 3
    1	headline
    3	standfirst

    Raises :class:`~articlekit.errors.CorpusError` when *source* holds a line break (a
    header is one line), and what :meth:`Parser.parse <articlekit.Parser.parse>` raises
    for *text*.
    """
    checked_source(source)
    if parser is None:
        from ._parser import _DEFAULT

        parser = _DEFAULT
    doc = parser.parse(text).to_dict()
    table = line_table(text)
    types, quote_of = predicted_lines(doc, table)
    unsure = {number for number, confidence in line_confidences(doc, table).items() if confidence < LOW_CONFIDENCE}
    groups: dict[int, str] = {}  # a quotation's element (by identity) -> q1, q2 ...
    rows: list[str] = []
    for number, (_, _, content) in enumerate(table, 1):
        if not content.strip():
            continue
        found = types.get(number)
        if not found:  # (every non-space character lies in some span: never, but say so)
            found = {"paragraph"}
            unsure.add(number)
        cells = [str(number), "+".join(sorted(found))]
        quotation = quote_of.get(number)
        if quotation is not None:
            key = id(quotation)
            if key not in groups:
                groups[key] = f"q{len(groups) + 1}"
                cells += [groups[key], _attribution(quotation)]
            else:
                cells.append(groups[key])
        rows.append("\t".join(cells).rstrip("\t"))
    header = [
        f"# source: {source or 'none'}",
        f"# date: {_date(doc)}",
        f"# headline: {_headline(doc)}",
    ]
    if unsure:
        header.append("# unsure: " + " ".join(str(n) for n in sorted(unsure)))
    return "\n".join(header + rows) + "\n"


def checked_source(source: str | None) -> str | None:
    """*source*, if it can stand in a header: raises
    :class:`~articlekit.errors.CorpusError` when it holds a tab or a line break."""
    if source is not None and _one_line(source) != source:
        raise CorpusError(f"source must be one line without tabs or line breaks, got {source!r}")
    return source


def unsure_lines(labels: str) -> list[int]:
    """The line numbers a draft's ``# unsure:`` header lists (none for a label file
    without one).

    >>> unsure_lines("# source: none\\n# unsure: 4 9\\n4\\tbyline\\n")
    [4, 9]
    """
    for row in labels.splitlines():
        key, _, value = row[1:].partition(":") if row.startswith("#") else ("", "", "")
        if key.strip() == "unsure":
            return [int(n) for n in value.split() if n.isdecimal()]
    return []


def _one_line(value: str) -> str:
    """*value* with each tab or line break made a space: a cell or a header is one line."""
    return " ".join(value.replace("\t", " ").splitlines())


def _date(doc: Mapping[str, Any]) -> str:
    """The dateline's date at the precision the format takes: a day at most."""
    dateline = doc.get("dateline")
    date = dateline.get("date") if isinstance(dateline, Mapping) else None
    return str(date)[:10] if date else "none"


def _headline(doc: Mapping[str, Any]) -> str:
    headline = doc.get("headline")
    text = headline.get("text") if isinstance(headline, Mapping) else None
    return _one_line(text) if text else "none"


def _attribution(quotation: Mapping[str, Any]) -> str:
    attribution = quotation.get("attribution")
    text = attribution.get("text") if isinstance(attribution, Mapping) else attribution
    return _one_line(text) if isinstance(text, str) else ""

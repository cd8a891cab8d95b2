"""More training articles made from the labelled ones: the same article as a cleaner
scrape would give it (without its furniture), and its opening alone.

The labelled corpus is raw scrapes, which mostly open with site furniture and run to
dozens of lines; users also parse texts that an extractor has already cleaned, and short
ones. A model trained on raw scrapes alone learns that an article opens with
boilerplate, so strongly that a clean two-line text loses its headline. The variants
teach it the cleaner openings from the same gold labels; the held-out articles of a
cross-validation are never varied."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import attrs

from ._corpus import LabelledArticle, LabelledLine

__all__ = ["variants"]

# the lines of body the opening variant keeps after the headline's line
_OPENING_BODY = 2


def variants(article: LabelledArticle) -> Iterator[LabelledArticle]:
    """The articles made from *article*: without its boilerplate lines, and the opening of
    that (from its first line to two lines of body); each only where it differs from
    the article it is made from."""
    kept = [line for line in article.lines if line.types != {"boilerplate"}]
    if not kept:
        return
    if len(kept) < len(article.lines):
        yield _rebuilt(article, kept, "clean")
    end = _opening_end(kept)
    if end < len(kept):
        yield _rebuilt(article, kept[:end], "opening")


def _opening_end(lines: Sequence[LabelledLine]) -> int:
    """How many lines the opening holds: up to the headline's line, if any, and two
    lines of body after it."""
    headline = next((i for i, line in enumerate(lines) if "headline" in line.types), -1)
    return headline + 1 + _OPENING_BODY


def _rebuilt(article: LabelledArticle, lines: Sequence[LabelledLine], suffix: str) -> LabelledArticle:
    """A new text of *lines* of *article*, each apart from the one before as in the
    original (a blank line between them or not)."""
    parts: list[str] = []
    out: list[LabelledLine] = []
    at = 0
    number = 1
    previous: LabelledLine | None = None
    for line in lines:
        if previous is not None:
            gap = "\n\n" if article.text.count("\n", previous.end, line.start) >= 2 else "\n"
            parts.append(gap)
            at += len(gap)
            number += len(gap)
        text = article.text[line.start : line.end]
        parts.append(text)
        out.append(attrs.evolve(line, number=number, start=at, end=at + len(text)))
        at += len(text)
        previous = line
    parts.append("\n")
    return attrs.evolve(article, name=f"{article.name}~{suffix}", text="".join(parts), lines=tuple(out))

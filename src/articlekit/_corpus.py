"""Labelled articles: a scraped text and the label file that says what each line is.

Each article is a ``NAME.txt`` (read byte for byte, no newline translation) and beside it a
``NAME.labels.tsv`` in the corpus annotation format: ``# key: value`` header lines
(``source``, ``date``, ``headline``), then one ``LINE<TAB>TYPES<TAB>GROUP<TAB>ATTRIBUTION``
row for every non-blank line of the text, ``TYPES`` joined with ``+``. Lines are split and
offsets counted exactly as the shared corpus scorer does, so a :class:`LabelledLine`'s
``start`` and ``end`` can be compared with the spans of a parsed article.

>>> import pathlib, tempfile
>>> tmp = tempfile.TemporaryDirectory()
>>> folder = pathlib.Path(tmp.name)
>>> _ = (folder / "storm.txt").write_text("Storm hits coast\\n\\nThe sea wall gave way.\\n")
>>> _ = (folder / "storm.labels.tsv").write_text(
...     "# source: https://www.Example.com/a\\n# date: none\\n# headline: Storm hits coast\\n"
...     "1\\theadline\\n3\\tparagraph\\n"
... )
>>> [article] = read_labelled([folder])
>>> article.name, article.host, article.date, article.headline
('storm', 'example.com', None, 'Storm hits coast')
>>> [(line.number, line.start, line.end, sorted(line.types)) for line in article.lines]
[(1, 0, 16, ['headline']), (3, 18, 40, ['paragraph'])]
>>> tmp.cleanup()
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import attrs

from ._blocks import KINDS
from .errors import CorpusError

__all__ = ["LABEL_TYPES", "LabelledArticle", "LabelledLine", "line_table", "read_labelled", "read_text"]

#: The twelve line types of the annotation format (the kinds a block can be).
LABEL_TYPES: frozenset[str] = KINDS

LABEL_SUFFIX = ".labels.tsv"


@attrs.frozen(slots=True)
class LabelledLine:
    """One labelled line of a text.

    ``number`` is the 1-based line number; ``[start, end)`` the offsets of the line's content
    (without its line break) in the text, and ``text`` that content. ``group`` is the quote
    group (``"q1"``) and ``attribution`` the gold speaker words, both ``""`` when none.
    """

    number: int
    start: int
    end: int
    text: str
    types: frozenset[str]
    group: str = ""
    attribution: str = ""


@attrs.frozen(slots=True)
class LabelledArticle:
    """A scraped text with its labels.

    ``name`` is the file stem; ``source``, ``date`` and ``headline`` the label file's header
    values (``None`` when missing or ``none``); ``lines`` the labelled, non-blank lines in
    order.
    """

    name: str
    text: str
    source: str | None
    date: str | None
    headline: str | None
    lines: tuple[LabelledLine, ...]

    @property
    def host(self) -> str:
        """The lower-cased host of :attr:`source` without a leading ``www.``, for splitting
        a corpus by website; :attr:`name` when there is no source or it names no host.

        >>> from articlekit.training import LabelledArticle
        >>> LabelledArticle("a", "", "https://WWW.bbc.co.uk/news/1", None, None, ()).host
        'bbc.co.uk'
        >>> LabelledArticle("a", "", None, None, None, ()).host
        'a'
        """
        if not self.source:
            return self.name
        url = self.source if "//" in self.source else "//" + self.source
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if not host:
            return self.name
        return host.removeprefix("www.")


def line_table(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, content)`` for every line of *text*; line *n* is item ``n - 1``.

    Lines are split by :meth:`str.splitlines`; the content leaves out the ``\\r``/``\\n``
    line break, and ``[start, end)`` are its offsets in *text*.

    >>> line_table("one\\r\\n\\ntwo")
    [(0, 3, 'one'), (5, 5, ''), (6, 9, 'two')]
    """
    table: list[tuple[int, int, str]] = []
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        table.append((position, position + len(body), body))
        position += len(raw)
    return table


def read_text(path: Path) -> str:
    """The text of *path* as a labelled article holds it: UTF-8, byte for byte (no
    newline translation)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _optional(value: str | None) -> str | None:
    return None if value is None or value == "none" else value


def _read_article(text_path: Path, label_path: Path) -> LabelledArticle:
    header: dict[str, str] = {}
    rows: dict[int, tuple[frozenset[str], str, str]] = {}
    row_at: dict[int, int] = {}  # text line -> label file line, for messages
    for n, row in enumerate(read_text(label_path).splitlines(), 1):
        if not row.strip():
            continue
        if row.startswith("#"):
            key, _, value = row[1:].partition(":")
            header[key.strip()] = value.strip()
            continue

        def fail(message: str, n: int = n) -> CorpusError:
            return CorpusError(f"{label_path}:{n}: {message}", path=str(label_path), line=n)

        cells = row.split("\t")
        if len(cells) < 2:
            raise fail(f"need LINE<TAB>TYPES, got {row!r}")
        cells += [""] * (4 - len(cells))
        number_cell, types_cell, group, attribution = cells[:4]
        try:
            number = int(number_cell)
        except ValueError:
            raise fail(f"line number {number_cell!r} is not an integer") from None
        if number in rows:
            raise fail(f"a second row for line {number} (the first is on line {row_at[number]})")
        types = frozenset(types_cell.split("+"))
        unknown = types - LABEL_TYPES
        if unknown:
            raise fail(f"line {number}: unknown type {', '.join(map(repr, sorted(unknown)))}")
        rows[number] = (types, group.strip(), attribution.strip())
        row_at[number] = n

    text = read_text(text_path)
    table = line_table(text)
    for number, n in row_at.items():
        if not 1 <= number <= len(table) or not table[number - 1][2].strip():
            what = "blank" if 1 <= number <= len(table) else f"not in the text (it has {len(table)} lines)"
            raise CorpusError(
                f"{label_path}:{n}: a row for line {number} of {text_path.name}, which is {what}",
                path=str(label_path),
                line=n,
            )
    lines: list[LabelledLine] = []
    for number, (start, end, content) in enumerate(table, 1):
        if not content.strip():
            continue
        if number not in rows:
            raise CorpusError(
                f"{text_path}:{number}: non-blank line has no row in {label_path.name}: {content[:60]!r}",
                path=str(text_path),
                line=number,
            )
        types, group, attribution = rows[number]
        lines.append(LabelledLine(number, start, end, content, types, group, attribution))
    return LabelledArticle(
        name=text_path.stem,
        text=text,
        source=_optional(header.get("source")) or None,
        date=_optional(header.get("date")),
        headline=_optional(header.get("headline")),
        lines=tuple(lines),
    )


def _label_path(text_path: Path) -> Path:
    return text_path.with_suffix(LABEL_SUFFIX)


def read_labelled(paths: Iterable[str | os.PathLike[str]]) -> list[LabelledArticle]:
    """Read the labelled articles at *paths*, in the order given.

    Each path is a directory -- every ``*.txt`` in it that has a ``.labels.tsv`` beside it,
    sorted by name -- or a single ``NAME.txt``, whose ``NAME.labels.tsv`` must exist.

    Raises:
        CorpusError: a path does not exist; a text given directly has no label file; a row
            has fewer than two cells, a line number that is not an integer, an unknown type,
            or repeats a line; a row labels a blank line or one beyond the text; a non-blank
            line has no row. The message names the file and the line.
    """
    articles: list[LabelledArticle] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            texts = sorted(path.glob("*.txt"), key=lambda p: p.name)
            articles.extend(_read_article(text, _label_path(text)) for text in texts if _label_path(text).is_file())
        elif path.is_file():
            label = _label_path(path)
            if not label.is_file():
                raise CorpusError(f"{path}: no label file {label.name} beside it", path=str(path))
            articles.append(_read_article(path, label))
        else:
            raise CorpusError(f"{path}: no such file or directory", path=str(path))
    return articles

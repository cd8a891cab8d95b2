"""Parse many articles in parallel with Dask (``pip install 'articlekit[dask]'``).

The same code runs on one machine (threads, or processes with ``distributed``) and on
a cluster of many: the functions here only describe the work, and whichever Dask
scheduler is active runs it. Every worker needs articlekit installed.

:func:`parse_bag` turns a :class:`dask.bag.Bag` of texts into a bag of
:meth:`Article.to_dict() <articlekit.Article.to_dict>` dicts, the lossless
:doc:`output contract <contract>`: plain data, cheap to move between processes and
machines and independent of the articlekit version the workers run;
:meth:`Article.from_dict() <articlekit.Article.from_dict>` makes an article of one again.

>>> import dask.bag as db
>>> from articlekit.dask import parse_bag
>>> texts = ["Storm hits coast\\nThe sea wall gave way at dawn.", " date 2021-05-18 Floods close roads"]
>>> dicts = parse_bag(db.from_sequence(texts, npartitions=2)).compute(scheduler="sync")
>>> [d["headline"]["text"] for d in dicts]
['Storm hits coast', 'Floods close roads']

:func:`parse_dataframe` parses a text column of a :class:`dask.dataframe.DataFrame`
(it needs ``dask[dataframe]``, that is pandas, too) into one row per article, keeping
the index, with these columns: the id column if one is named, then ``dateline_date``,
``dateline_raw``, ``dateline_place``, ``dateline_agency``, ``headline``,
``standfirst``, ``byline`` and ``text`` (pandas ``string``, missing values ``<NA>``),
the counts ``n_paragraphs``, ``n_quotes``, ``n_read_more``, ``n_headings``,
``n_captions``, ``n_embeds``, ``n_list_items`` and ``n_removed`` (``int32``), all as in
:mod:`articlekit.arrow`, and ``article``, the article's ``to_dict()`` as a JSON string.
"""

from __future__ import annotations

import json
from typing import Any

from ._columns import COUNTS, STRING_COLUMNS, counts, strings
from ._model import Article
from ._parser import Parser
from ._parser import parse as _default_parse
from .errors import InputTypeError, MissingExtraError

try:
    import dask.bag
except ImportError:
    raise MissingExtraError(
        "articlekit.dask needs dask, which is not installed; install it with: pip install 'articlekit[dask]'"
    ) from None

__all__ = ["COLUMNS", "parse_bag", "parse_dataframe"]

#: The columns :func:`parse_dataframe` gives, after the id column if one is named.
COLUMNS: tuple[str, ...] = (*STRING_COLUMNS, *(name for name, _, _ in COUNTS), "article")


def _parse(text: str, parser: Parser | None) -> Article:
    return parser.parse(text) if parser is not None else _default_parse(text)


def _parse_to_dict(text: str, parser: Parser | None = None) -> dict[str, Any]:
    return _parse(text, parser).to_dict()


def parse_bag(bag: dask.bag.Bag, *, parser: Parser | None = None) -> dask.bag.Bag:
    """A bag of the :meth:`~articlekit.Article.to_dict` dicts of the texts in *bag*, in
    the same order and partitions.

    *parser* is the :class:`~articlekit.Parser` to run (default: the one
    :func:`articlekit.parse` uses); it is sent to the workers with the tasks. Nothing is
    parsed until the result is computed, and a text that is not a ``str`` then raises
    :class:`~articlekit.errors.InputTypeError`.
    """
    if not isinstance(bag, dask.bag.Bag):
        raise InputTypeError(
            f"parse_bag() takes a dask.bag.Bag of str, got {type(bag).__name__}; "
            "make one with dask.bag.from_sequence(texts)"
        )
    # the default parser is not sent: each worker has its own
    kwargs = {} if parser is None else {"parser": parser}
    mapped: dask.bag.Bag = bag.map(_parse_to_dict, **kwargs)  # type: ignore[no-untyped-call, unused-ignore]
    return mapped


# --- dataframes ---------------------------------------------------------------------------


def _dataframe_module() -> Any:
    try:
        import dask.dataframe
    except ImportError:
        raise MissingExtraError(
            "parse_dataframe() needs dask.dataframe, which needs pandas and is not installed; "
            "install it with: pip install 'articlekit[dask]' 'dask[dataframe]'"
        ) from None
    return dask.dataframe


def _flat(article: Article) -> dict[str, Any]:
    row: dict[str, Any] = {**strings(article), **counts(article)}
    row["article"] = json.dumps(article.to_dict(), ensure_ascii=False)
    return row


def _parse_partition(frame: Any, text_column: str, id_column: str | None, parser: Parser | None) -> Any:
    """Parse one pandas partition; called on an empty frame, it makes the ``meta``."""
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    rows = []
    for index, text in zip(frame.index, frame[text_column], strict=True):
        try:
            rows.append(_flat(_parse(text, parser)))
        except Exception as exc:
            exc.add_note(f"while parsing column {text_column!r} at index {index!r} for parse_dataframe()")
            raise
    columns: dict[str, Any] = {}
    if id_column is not None:
        columns[id_column] = frame[id_column]
    for name in COLUMNS:
        dtype = "int32" if name.startswith("n_") else "string"
        columns[name] = pd.Series([row[name] for row in rows], index=frame.index, dtype=dtype)
    return pd.DataFrame(columns, index=frame.index)


def parse_dataframe(
    df: Any,
    text_column: str = "text",
    *,
    id_column: str | None = None,
    parser: Parser | None = None,
) -> Any:
    """Parse the column *text_column* of the Dask dataframe *df*: a
    :class:`dask.dataframe.DataFrame` with one row per article, *df*'s index and
    partitions, and the columns *id_column* (copied from *df*, when given) and
    :data:`COLUMNS`.

    Each partition is parsed with ``map_partitions`` and a ``meta`` that gives the
    columns and dtypes without computing anything. *parser* is the
    :class:`~articlekit.Parser` to run (default: the one :func:`articlekit.parse` uses).
    A missing text (``None``, ``NaN``) raises :class:`~articlekit.errors.InputTypeError`
    when the result is computed, with a note naming its index; fill or drop missing
    texts first (``df[df.text.notna()]``).

    Needs ``dask[dataframe]`` (pandas); without it raises
    :class:`~articlekit.errors.MissingExtraError`.
    """
    dd = _dataframe_module()
    if not isinstance(df, dd.DataFrame):
        raise InputTypeError(
            f"parse_dataframe() takes a dask.dataframe.DataFrame, got {type(df).__name__}; "
            "make one with dask.dataframe.from_pandas(frame, npartitions=...)"
        )
    for role, column in (("text_column", text_column), ("id_column", id_column)):
        if column is not None and column not in df.columns:
            raise ValueError(f"{role}={column!r} is not a column of the dataframe; its columns: {list(df.columns)}")
    if id_column is not None and id_column in COLUMNS:
        raise ValueError(f"id_column={id_column!r} clashes with a column parse_dataframe() makes; rename it first")
    meta = _parse_partition(df._meta, text_column, id_column, parser)
    return df.map_partitions(_parse_partition, text_column, id_column, parser, meta=meta)

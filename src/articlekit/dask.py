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
>>> story = "Harbour wall breached as storm floods seafront\\n\\nThe sea wall gave way at dawn."
>>> roads = "Floods close roads\\n\\nRoads into the town were shut.\\n\\nThey reopen on Friday."
>>> texts = [story, roads]
>>> dicts = parse_bag(db.from_sequence(texts, npartitions=2)).compute(scheduler="sync")
>>> [d["headline"]["text"] for d in dicts]
['Harbour wall breached as storm floods seafront', 'Floods close roads']

:func:`parse_dataframe` parses a text column of a :class:`dask.dataframe.DataFrame`
(it needs ``dask[dataframe]``, that is pandas, too) into one row per article, keeping
the index, with these columns: the id column if one is named, then ``dateline_date``,
``dateline_raw``, ``dateline_place``, ``dateline_agency``, ``headline``,
``standfirst``, ``byline`` and ``text`` (pandas ``string``, missing values ``<NA>``),
the counts ``n_paragraphs``, ``n_quotes``, ``n_read_more``, ``n_headings``,
``n_captions``, ``n_embeds``, ``n_list_items`` and ``n_removed`` (``int32``), all as in
:mod:`articlekit.arrow`, ``article``, the article's ``to_dict()`` as a JSON string, and
``error`` (:data:`ERROR_COLUMN`).

Neither function stops on a text that cannot be parsed (``None``, a number, a text
over the parser's ``max_chars``): by default (``on_error="record"``) its failure takes
its place in the result, ``on_error="skip"`` leaves it out, and ``on_error="raise"``
raises its exception, with a note naming it.
"""

from __future__ import annotations

import json
from typing import Any, Literal, TypeAlias

from ._batch import check_on_error
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

__all__ = ["COLUMNS", "ERROR_COLUMN", "OnError", "parse_bag", "parse_dataframe"]

#: The columns :func:`parse_dataframe` gives, after the id column if one is named (and
#: before :data:`ERROR_COLUMN` with ``on_error="record"``).
COLUMNS: tuple[str, ...] = (*STRING_COLUMNS, *(name for name, _, _ in COUNTS), "article")

#: The last column of :func:`parse_dataframe` with ``on_error="record"``: why the row's
#: text failed (``"InputTypeError: ..."``), ``<NA>`` for a row that was parsed.
ERROR_COLUMN = "error"

#: What to do with a text that fails: ``"raise"`` its exception when the result is
#: computed, ``"skip"`` it (it has no element or row in the result), or ``"record"`` the
#: failure in its place.
OnError: TypeAlias = Literal["raise", "skip", "record"]


def _parse(text: str, parser: Parser | None) -> Article:
    return parser.parse(text) if parser is not None else _default_parse(text)


# --- bags ---------------------------------------------------------------------------------


def _parse_bag_partition(texts: Any, numbers: Any, parser: Parser | None, on_error: OnError) -> list[dict[str, Any]]:
    """Parse one partition of a bag; *numbers* is this partition's one-number partition of
    a ``dask.bag.range``, so that a failure can say where it was."""
    partition = next(iter(numbers))
    out: list[dict[str, Any]] = []
    for position, text in enumerate(texts):
        try:
            out.append(_parse(text, parser).to_dict())
        except Exception as exc:
            if on_error == "raise":
                exc.add_note(f"while parsing item {position} of partition {partition} of the bag for parse_bag()")
                raise
            if on_error == "record":
                out.append(_failure(exc, partition, position))
    return out


def _failure(exc: Exception, partition: int, position: int) -> dict[str, Any]:
    return {"error": type(exc).__name__, "message": str(exc), "partition": partition, "position": position}


def parse_bag(bag: dask.bag.Bag, *, parser: Parser | None = None, on_error: OnError = "record") -> dask.bag.Bag:
    """A bag of the :meth:`~articlekit.Article.to_dict` dicts of the texts in *bag*, in
    the same order and partitions.

    *parser* is the :class:`~articlekit.Parser` to run (default: the one
    :func:`articlekit.parse` uses); it is sent to the workers with the tasks. Nothing is
    parsed until the result is computed.

    A text that cannot be parsed (``None`` or another non-``str``, a text over the
    parser's ``max_chars``, a cleaner that fails on it) does not stop the compute by
    default. *on_error* says what becomes of it:

    * ``"record"`` (the default): a dict in its place, ``{"error": "InputTypeError",
      "message": ..., "partition": 1, "position": 0}`` (the text was item 0 of partition
      1), so the result has one element per text and none is lost; an article's dict
      has no ``"error"`` key;
    * ``"skip"``: it is left out of the result;
    * ``"raise"``: its exception is raised from the compute, with a note naming its
      partition and position.

    >>> import dask.bag as db
    >>> from articlekit.dask import parse_bag
    >>> story = "Harbour wall breached as storm floods seafront\\nThe sea wall gave way."
    >>> bag = db.from_sequence([story, None], npartitions=1)
    >>> [d.get("error") or d["headline"]["text"] for d in parse_bag(bag).compute(scheduler="sync")]
    ['Harbour wall breached as storm floods seafront', 'InputTypeError']
    >>> len(parse_bag(bag, on_error="skip").compute(scheduler="sync"))
    1
    """
    if not isinstance(bag, dask.bag.Bag):
        raise InputTypeError(
            f"parse_bag() takes a dask.bag.Bag of str, got {type(bag).__name__}; "
            "make one with dask.bag.from_sequence(texts)"
        )
    check_on_error(on_error)  # when the graph is built, not later on a worker
    numbers = dask.bag.range(bag.npartitions, npartitions=bag.npartitions)  # type: ignore[no-untyped-call, unused-ignore]
    mapped: dask.bag.Bag = bag.map_partitions(  # type: ignore[no-untyped-call, unused-ignore]
        _parse_bag_partition, numbers, parser, on_error
    )
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


def _failed_row(exc: Exception) -> dict[str, Any]:
    """The row of a text that failed: no strings, no counts, and why."""
    row: dict[str, Any] = {name: (0 if name.startswith("n_") else None) for name in COLUMNS}
    row[ERROR_COLUMN] = f"{type(exc).__name__}: {exc}"
    return row


def _missing(text: object, pd: Any) -> bool:
    return not isinstance(text, str) and bool(pd.api.types.is_scalar(text) and pd.isna(text))


def _where(index: Any, text_column: str, frame: Any, id_column: str | None) -> str:
    ident = "" if id_column is None else f" ({id_column}={frame.at[index, id_column]!r})"
    return f"while parsing column {text_column!r} at index {index!r}{ident} for parse_dataframe()"


def _parse_partition(
    frame: Any, text_column: str, id_column: str | None, parser: Parser | None, on_error: OnError = "raise"
) -> Any:
    """Parse one pandas partition; called on an empty frame, it makes the ``meta``."""
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    rows: list[dict[str, Any]] = []
    kept: list[bool] = []
    for index, text in zip(frame.index, frame[text_column], strict=True):
        try:
            if _missing(text, pd):
                # pandas stores a missing text as None, NaN or <NA> as it pleases: say missing
                raise InputTypeError(f"the text is missing ({text!r}); fill or drop missing texts first")
            rows.append(_flat(_parse(text, parser)))
        except Exception as exc:
            if on_error == "raise":
                exc.add_note(_where(index, text_column, frame, id_column))
                raise
            if on_error == "skip":
                kept.append(False)
                continue
            rows.append(_failed_row(exc))
        kept.append(True)
    frame = frame[kept] if not all(kept) else frame
    columns: dict[str, Any] = {}
    if id_column is not None:
        columns[id_column] = frame[id_column]
    names = (*COLUMNS, ERROR_COLUMN) if on_error == "record" else COLUMNS
    for name in names:
        dtype = "int32" if name.startswith("n_") else "string"
        columns[name] = pd.Series([row.get(name) for row in rows], index=frame.index, dtype=dtype)
    return pd.DataFrame(columns, index=frame.index)


def parse_dataframe(
    df: Any,
    text_column: str = "text",
    *,
    id_column: str | None = None,
    parser: Parser | None = None,
    on_error: OnError = "record",
) -> Any:
    """Parse the column *text_column* of the Dask dataframe *df*: a
    :class:`dask.dataframe.DataFrame` with one row per article, *df*'s index and
    partitions, and the columns *id_column* (copied from *df*, when given),
    :data:`COLUMNS` and, with ``on_error="record"``, :data:`ERROR_COLUMN`.

    Each partition is parsed with ``map_partitions`` and a ``meta`` that gives the
    columns and dtypes without computing anything. *parser* is the
    :class:`~articlekit.Parser` to run (default: the one :func:`articlekit.parse` uses).

    A text that cannot be parsed (a missing text, ``None`` or ``NaN``, a text over the
    parser's ``max_chars``, a cleaner that fails on it) does not stop the compute by
    default. *on_error* says what becomes of its row:

    * ``"record"`` (the default): the row stays, with ``<NA>`` in every string column
      and in ``article``, 0 in every count, and in ``error`` the exception's type and
      message (``error`` is ``<NA>`` in every row that was parsed);
    * ``"skip"``: the row is left out (there is no ``error`` column);
    * ``"raise"``: its exception is raised from the compute, with a note naming its
      index (and its id, when *id_column* is given).

    >>> import pandas as pd
    >>> import dask.dataframe as dd
    >>> from articlekit.dask import parse_dataframe
    >>> story = "Harbour wall breached as storm floods seafront\\nThe sea wall gave way."
    >>> frame = pd.DataFrame({"text": [story, None]})
    >>> parsed = parse_dataframe(dd.from_pandas(frame, npartitions=1)).compute(scheduler="sync")
    >>> for headline, error in parsed[["headline", "error"]].values.tolist():
    ...     print(headline, "|", error)
    Harbour wall breached as storm floods seafront | <NA>
    <NA> | InputTypeError: the text is missing (<NA>); fill or drop missing texts first

    Needs ``dask[dataframe]`` (pandas); without it raises
    :class:`~articlekit.errors.MissingExtraError`.
    """
    dd = _dataframe_module()
    if not isinstance(df, dd.DataFrame):
        raise InputTypeError(
            f"parse_dataframe() takes a dask.dataframe.DataFrame, got {type(df).__name__}; "
            "make one with dask.dataframe.from_pandas(frame, npartitions=...)"
        )
    check_on_error(on_error)  # when the graph is built, not later on a worker
    for role, column in (("text_column", text_column), ("id_column", id_column)):
        if column is not None and column not in df.columns:
            raise ValueError(f"{role}={column!r} is not a column of the dataframe; its columns: {list(df.columns)}")
    if id_column is not None and id_column in (*COLUMNS, ERROR_COLUMN):
        raise ValueError(f"id_column={id_column!r} clashes with a column parse_dataframe() makes; rename it first")
    meta = _parse_partition(df._meta, text_column, id_column, parser, on_error)
    return df.map_partitions(_parse_partition, text_column, id_column, parser, on_error, meta=meta)

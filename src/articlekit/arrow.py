"""Articles as Apache Arrow tables and Parquet files (``pip install 'articlekit[arrow]'``).

One row per article. The top-level parts are flat string columns, the body, the
quotations, the links and the removed text are lists of structs, and the counts are
flat integer columns, so a table goes as it is to pandas (``table.to_pandas()``),
Polars (``polars.from_arrow(table)``), DuckDB (``duckdb.sql("... FROM table")``) and
Spark (``spark.read.parquet(path)``): only strings, 32- and 64-bit signed integers,
64-bit floats, lists and structs, no dictionary, unsigned or timestamp types.

>>> import articlekit
>>> from articlekit.arrow import to_table
>>> article = articlekit.parse(
...     " date 2021-05-18 Harbour wall breached as storm floods seafront\\n"
...     'The council said: "Stay at home.\\n'
...     "READ MORE: Floods close roads\\n"
...     '"We will reopen the roads soon."\\n'
... )
>>> table = to_table([article], ids=["storm-1"])
>>> table.num_rows, table.column("headline").to_pylist(), table.column("dateline_date").to_pylist()
(1, ['Harbour wall breached as storm floods seafront'], ['2021-05-18'])
>>> [(q["attribution"], q["paragraph_count"]) for q in table.column("quotes")[0].as_py()]
[('The council said', 2)]
>>> [link["text"] for link in table.column("read_more")[0].as_py()]
['Floods close roads']

The columns of :data:`SCHEMA`, in order (``id`` comes first, and only when ``ids`` are
given):

==================== ========================= ===========================================
column               type                      what it holds
==================== ========================= ===========================================
``id``               (inferred from the ids)   the id given for the article; only with
                                               ``ids``: an int64 column when every id is
                                               an int, else strings (other ids written
                                               as JSON: ``7`` as ``"7"``)
``dateline_date``    string                    ISO 8601 date at the precision the text
                                               gives (``2021-05-18``, ``2020-12``,
                                               ``2021-05-18T10:32:00+01:00``); null when
                                               there is no dateline or no readable date
``dateline_raw``     string                    the dateline as written; null without one
``dateline_place``   string                    where a wire story was filed (``London``)
``dateline_agency``  string                    the news agency (``Reuters``)
``headline``         string                    the headline; null when none was found
``standfirst``       string                    the standfirst (dek); null when none
``byline``           string                    the byline as written (``By Jane Smith``)
``text``             string, not null          ``Article.text``: standfirst, paragraphs,
                                               quotations, crossheads and list items
                                               joined by blank lines (``""`` if none)
``body``             list<struct>, not null    every body block in order: ``type``,
                                               ``text``, ``span_start``, ``span_end``,
                                               ``label``, ``url``, ``attribution``,
                                               ``confidence``
``quotes``           list<struct>, not null    the quotations: ``text``,
                                               ``attribution``, ``paragraph_count``,
                                               ``span_start``, ``span_end``,
                                               ``confidence``
``read_more``        list<struct>, not null    the links set in the text: ``label``,
                                               ``text``, ``url``, ``span_start``,
                                               ``span_end``, ``confidence``
``removed``          list<struct>, not null    the text the cleaners dropped: ``type``,
                                               ``text``, ``reason``, ``cleaner``,
                                               ``span_start``, ``span_end``,
                                               ``confidence``
``n_paragraphs``     int32, not null           body paragraphs (not inside quotations)
``n_quotes``         int32, not null           quotations
``n_read_more``      int32, not null           ``READ MORE`` and related links
``n_headings``       int32, not null           crossheads
``n_captions``       int32, not null           captions and credits
``n_embeds``         int32, not null           embedded social-media posts
``n_list_items``     int32, not null           list items
``n_removed``        int32, not null           entries in ``removed``
==================== ========================= ===========================================

The fields of the structs:

- ``body``: ``type`` (``paragraph``, ``block_quote``, ``read_more``, ``heading``,
  ``caption``, ``embed`` or ``list_item``; not null), ``text`` (not null; for a
  quotation the speech, paragraphs joined by a blank line; for a link its title),
  ``span_start`` and ``span_end`` (int64, not null: the block's ``[start, end)`` in the
  parsed text, in code points), ``label`` and ``url`` (only for ``read_more``),
  ``attribution`` (only for ``block_quote``: who said it, as written).
- ``quotes``: ``text`` (not null), ``attribution`` (null when no speaker was found),
  ``paragraph_count`` (int32, not null), ``span_start``, ``span_end``.
- ``read_more``: ``label`` (``READ MORE`` as written; null for a bare related headline),
  ``text`` (the linked title, not null), ``url`` (null when the text gives none),
  ``span_start``, ``span_end``.
- ``removed``: ``type`` (the kind of element, usually ``boilerplate``), ``text``,
  ``reason`` and ``cleaner`` (all not null), ``span_start``, ``span_end``.
- every struct ends with ``confidence`` (float64): how sure the line labeller was of the
  element's type, from 0 to 1 (for a quotation, its least sure paragraph); null when no
  model labelled the text, as in the default rule-based parse.

The table is a view for analysis, not the whole article: the spans of the top-level
parts, each paragraph of a quotation and the attribution's span are in the
:doc:`output contract <contract>` (``Article.to_dict()``), which is lossless. Every
top-level field carries its description in the field metadata (``description``), and
the schema carries ``{"articlekit.table": "1"}``; both are kept in Parquet files.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any, Literal

from ._batch import check_on_error
from ._columns import COUNTS, counts, strings
from ._decode import check_surrogates
from ._log import logger
from ._model import Article, BlockQuote, ReadMore
from ._parser import Parser
from ._parser import parse as _default_parse
from .errors import BatchError, InputTypeError, LoneSurrogateError, MissingExtraError

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError:
    raise MissingExtraError(
        "articlekit.arrow needs pyarrow, which is not installed; install it with: pip install 'articlekit[arrow]'"
    ) from None

__all__ = ["ERROR_FIELD", "SCHEMA", "id_text", "parse_to_parquet", "to_table", "write_parquet"]

# --- the schema ---------------------------------------------------------------------------


def _field(name: str, type_: Any, description: str, *, nullable: bool = True) -> Any:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


def _struct(*fields: tuple[str, Any, bool]) -> Any:
    return pa.struct([pa.field(name, type_, nullable=nullable) for name, type_, nullable in fields])


def _list_of(struct: Any) -> Any:
    # "element" is the item name Parquet's nested-type spec uses, so the type reads back
    # from a Parquet file (and from other tools) exactly as written
    return pa.list_(pa.field("element", struct, nullable=False))


_STR, _I32, _I64, _F64 = pa.string(), pa.int32(), pa.int64(), pa.float64()
_SPAN = (("span_start", _I64, False), ("span_end", _I64, False))
_CONFIDENCE = ("confidence", _F64, True)

_BODY = _struct(
    ("type", _STR, False),
    ("text", _STR, False),
    *_SPAN,
    ("label", _STR, True),
    ("url", _STR, True),
    ("attribution", _STR, True),
    _CONFIDENCE,
)
_QUOTE = _struct(
    ("text", _STR, False), ("attribution", _STR, True), ("paragraph_count", _I32, False), *_SPAN, _CONFIDENCE
)
_READ_MORE = _struct(("label", _STR, True), ("text", _STR, False), ("url", _STR, True), *_SPAN, _CONFIDENCE)
_REMOVED = _struct(
    ("type", _STR, False),
    ("text", _STR, False),
    ("reason", _STR, False),
    ("cleaner", _STR, False),
    *_SPAN,
    _CONFIDENCE,
)

SCHEMA: pa.Schema = pa.schema(
    [
        _field("dateline_date", _STR, "ISO 8601 date at the precision the text gives; null if none is readable"),
        _field("dateline_raw", _STR, "the dateline as written; null without a dateline"),
        _field("dateline_place", _STR, "where a wire story was filed"),
        _field("dateline_agency", _STR, "the news agency that filed the story"),
        _field("headline", _STR, "the headline"),
        _field("standfirst", _STR, "the standfirst (dek) under the headline"),
        _field("byline", _STR, "the byline as written"),
        _field("text", _STR, "Article.text: the prose, blocks joined by blank lines", nullable=False),
        _field("body", _list_of(_BODY), "every body block in order", nullable=False),
        _field("quotes", _list_of(_QUOTE), "the quotations", nullable=False),
        _field("read_more", _list_of(_READ_MORE), "the links to other articles set in the text", nullable=False),
        _field("removed", _list_of(_REMOVED), "the text the cleaners dropped, with why", nullable=False),
        *(_field(name, _I32, description, nullable=False) for name, _, description in COUNTS),
    ],
    metadata={"articlekit.table": "1"},
)
"""The Arrow schema of :func:`to_table` (without the optional ``id`` column, which comes
first when ids are given); see :mod:`articlekit.arrow` for every column."""

_ID_DESCRIPTION = "the id given for the article"


def _schema(id_type: Any | None) -> Any:
    if id_type is None:
        return SCHEMA
    return SCHEMA.insert(0, _field("id", id_type, _ID_DESCRIPTION))


# --- rows -----------------------------------------------------------------------------------


def _span(element: Any) -> dict[str, int]:
    return {"span_start": element.span.start, "span_end": element.span.end}


def _body(block: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": block.type, "text": block.text, **_span(block)}
    out["label"] = block.label if isinstance(block, ReadMore) else None
    out["url"] = block.url if isinstance(block, ReadMore) else None
    out["attribution"] = (
        block.attribution.text if isinstance(block, BlockQuote) and block.attribution is not None else None
    )
    out["confidence"] = block.confidence
    return out


def _row(article: Article) -> dict[str, Any]:
    return {
        **strings(article),
        "body": [_body(block) for block in article.body],
        "quotes": [
            {
                "text": quote.text,
                "attribution": quote.attribution.text if quote.attribution else None,
                "paragraph_count": len(quote.paragraphs),
                **_span(quote),
                "confidence": quote.confidence,
            }
            for quote in article.quotes
        ],
        "read_more": [
            {"label": link.label, "text": link.text, "url": link.url, **_span(link), "confidence": link.confidence}
            for link in article.read_more
        ],
        "removed": [
            {
                "type": r.type,
                "text": r.text,
                "reason": r.reason,
                "cleaner": r.cleaner,
                **_span(r),
                "confidence": r.confidence,
            }
            for r in article.removed
        ],
        **counts(article),
    }


def _check_article(article: object) -> Article:
    if not isinstance(article, Article):
        hint = "; parse the texts first, or use parse_to_parquet()" if isinstance(article, str) else ""
        raise InputTypeError(f"expected articlekit.Article objects, got {type(article).__name__}{hint}")
    return article


def id_text(value: Any) -> str | None:
    """An id as a string, as the ``id`` column holds ids of mixed types: a string as it
    is, a number or any JSON value as JSON, anything else as ``str()``; ``None`` stays
    ``None``.

    >>> from articlekit.arrow import id_text
    >>> [id_text(i) for i in ("a7", 7, 2.5, True, None)]
    ['a7', '7', '2.5', 'true', None]
    """
    if value is None or isinstance(value, str):
        return value
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return str(value)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _id_array(ids: Sequence[Any], id_type: Any | None) -> Any:
    present = [i for i in ids if i is not None]
    if id_type is None:
        # one column type for all: int64 when every id is an int, else strings
        all_ints = bool(present) and all(_is_int(i) for i in present)
        id_type = _I64 if all_ints else _STR
    if id_type == _STR:
        ids = [id_text(i) for i in ids]
    elif pa.types.is_integer(id_type) and not all(_is_int(i) for i in present):
        wrong = next(i for i in present if not _is_int(i))
        raise InputTypeError(
            f"ids must be values of type {id_type}, as the first ones were, got {wrong!r}; "
            "give every id as a str to mix numbers and names"
        )
    return pa.array(ids, type=id_type)


def _check_strings(articles: Sequence[Article]) -> None:
    """Name the article whose text Arrow cannot hold, rather than let it fail unnamed."""
    for index, article in enumerate(articles):
        if article.source is not None:
            try:
                check_surrogates(article.source)
            except LoneSurrogateError as exc:
                raise LoneSurrogateError(f"article {index}: {exc}", position=exc.position) from None


def _batch(articles: Sequence[Article], ids: Sequence[Any] | None, id_type: Any | None = None) -> Any:
    rows = [_row(_check_article(a)) for a in articles]
    try:
        batch = pa.RecordBatch.from_pylist(rows, schema=SCHEMA)
    except (UnicodeError, pa.ArrowException):
        _check_strings(articles)
        raise
    if ids is None:
        return batch
    if len(ids) != len(articles):
        raise ValueError(f"got {len(ids)} ids for {len(articles)} articles; give one id per article")
    id_array = _id_array(ids, id_type)
    return pa.RecordBatch.from_arrays([id_array, *batch.columns], schema=_schema(id_array.type))


# --- the API ----------------------------------------------------------------------------------


def to_table(articles: Iterable[Article], *, ids: Iterable[Any] | None = None) -> pa.Table:
    """A :class:`pyarrow.Table` of *articles*, one row each, with the columns of
    :data:`SCHEMA`.

    With *ids* (one per article), an ``id`` column comes first: ``int64`` when every id
    is an int, else ``string``, with ids that are not strings written as JSON (``7`` as
    ``"7"``), so ids of mixed types are strings. An empty *articles* gives an empty
    table with the schema. An article whose text holds a lone surrogate, which Arrow
    cannot hold, raises :class:`~articlekit.errors.LoneSurrogateError` naming it.

    >>> import articlekit
    >>> from articlekit.arrow import SCHEMA, to_table
    >>> texts = ["Storm hits coast\\nThe sea wall gave way at dawn.", ""]
    >>> table = to_table([articlekit.parse(t) for t in texts], ids=[17, 18])
    >>> table.column_names[:3]
    ['id', 'dateline_date', 'dateline_raw']
    >>> block = table.to_pylist()[0]["body"][0]
    >>> block["type"], block["text"], block["span_start"], block["span_end"], block["url"]
    ('paragraph', 'The sea wall gave way at dawn.', 17, 47, None)
    >>> to_table([]).schema.equals(SCHEMA)
    True
    """
    articles = list(articles)
    return pa.Table.from_batches([_batch(articles, None if ids is None else list(ids))])


def write_parquet(
    articles: Iterable[Article],
    path: str | os.PathLike[str] | IO[bytes],
    *,
    ids: Iterable[Any] | None = None,
    **kwargs: Any,
) -> None:
    """Write :func:`to_table` of *articles* to a Parquet file at *path* (a path or a
    binary file object). *kwargs* go to :func:`pyarrow.parquet.write_table`, for example
    ``compression="zstd"``."""
    pq.write_table(to_table(articles, ids=ids), path, **kwargs)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


#: the column ``parse_to_parquet(on_error="record")`` adds, last
ERROR_FIELD = _field("error", _STR, "why the text could not be parsed (ErrorType: message); null when it was")
#: the columns ``articlekit parse`` adds before the article's: the file, and the input's length
_SOURCE_FIELD = _field("source", _STR, "the file the article was read from")
_INPUT_CHARS_FIELD = _field("input_chars", _I64, "the length of the input text, in characters", nullable=False)


def _kept_field(name: str) -> Any:
    """The column of a field ``articlekit parse --keep-fields`` copies from each record."""
    return _field(name, _STR, "copied from the input record (JSON for a value that is not a string)")


class _Writer:
    """A Parquet file written a batch of articles at a time. The ``id`` column (with
    ids) comes first, then the *first* fields, the columns of :data:`SCHEMA`, and the
    *last* fields; the first batch fixes the type of the ids."""

    def __init__(
        self,
        path: str | os.PathLike[str] | IO[bytes],
        *,
        ids: bool,
        first: Sequence[Any] = (),
        last: Sequence[Any] = (),
        **kwargs: Any,
    ) -> None:
        self.path = path
        self.ids = ids
        self.first = list(first)
        self.last = list(last)
        self.kwargs = kwargs
        self.id_type: Any | None = None
        self.writer: Any | None = None
        self.rows = 0

    def write(
        self,
        articles: Sequence[Article],
        ids: Sequence[Any] | None,
        first: Sequence[Sequence[Any]] = (),
        last: Sequence[Sequence[Any]] = (),
    ) -> None:
        if not articles:
            return
        batch = _batch(articles, ids, self.id_type)
        lead = 1 if ids is not None else 0
        fields = [*batch.schema][:lead] + self.first + [*batch.schema][lead:] + self.last
        arrays = [
            *batch.columns[:lead],
            *(pa.array(values, type=f.type) for f, values in zip(self.first, first, strict=True)),
            *batch.columns[lead:],
            *(pa.array(values, type=f.type) for f, values in zip(self.last, last, strict=True)),
        ]
        batch = pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields, metadata=SCHEMA.metadata))
        if self.writer is None:
            self.writer = pq.ParquetWriter(self.path, batch.schema, **self.kwargs)
            self.id_type = batch.schema.field("id").type if ids is not None else None
        self.writer.write_batch(batch)
        self.rows += len(articles)

    def close(self, complete: bool = True) -> None:
        """Close the file; when *complete* and nothing was written, write an empty file
        with the schema (ids as strings)."""
        if self.writer is None and complete:
            schema = _schema(_STR if self.ids else None)
            lead = 1 if self.ids else 0
            fields = [*schema][:lead] + self.first + [*schema][lead:] + self.last
            self.writer = pq.ParquetWriter(self.path, pa.schema(fields, metadata=SCHEMA.metadata), **self.kwargs)
        if self.writer is not None:
            self.writer.close()


def _parse_one(parse: Any, text: object) -> Article:
    if isinstance(text, str):
        check_surrogates(text)  # here, named, rather than in the Parquet writer, unnamed
    article: Article = parse(text)
    return article


def _failed(index: int, ident: Any, with_ids: bool, exc: Exception, on_error: str) -> str:
    """Report the text that failed as *on_error* says; return ``"ErrorType: message"``."""
    where = f"text {index}" + (f" (id {ident!r})" if with_ids else "")
    reason = f"{type(exc).__name__}: {exc}"
    if on_error == "raise":
        from ._batch import Failed

        raise BatchError(f"{where} failed: {reason}", Failed(index, type(exc).__name__, str(exc))) from exc
    if on_error == "skip":
        logger.warning("parse_to_parquet() skipped %s: %s", where, reason)
    return reason


def parse_to_parquet(
    texts: Iterable[str],
    path: str | os.PathLike[str] | IO[bytes],
    *,
    ids: Iterable[Any] | None = None,
    batch_size: int = 10_000,
    parser: Parser | None = None,
    on_error: Literal["raise", "skip", "record"] = "raise",
    **kwargs: Any,
) -> int:
    """Parse *texts* and write them to a Parquet file at *path*, *batch_size* at a time,
    and return the number of rows written.

    *texts* may be any iterable, a generator that reads files one by one for instance:
    only one batch of texts and articles is held in memory, and each batch is written as
    it is parsed (one Parquet row group per batch), so the file may be far larger than
    memory. *ids* (one per text) are read alongside *texts*: the ``id`` column is
    ``int64`` when the first batch's ids are all ints, and strings otherwise (ids of
    other types, or of mixed types, are written as strings: ``7`` as ``"7"``); a later
    id that is not an int in an ``int64`` column raises :class:`InputTypeError`.
    *parser* is the :class:`~articlekit.Parser` to use (default: the one
    :func:`articlekit.parse` uses); *kwargs* go to
    :class:`pyarrow.parquet.ParquetWriter`, for example ``compression="zstd"``.

    A text that cannot be parsed (one that is not a ``str``, longer than the parser's
    ``max_chars``, or holding a lone surrogate such as a truncated emoji, which no
    Parquet string can hold: :class:`~articlekit.errors.LoneSurrogateError`) is named
    by its position and id. *on_error* says what then happens: ``"raise"`` (the
    default) raises :class:`~articlekit.errors.BatchError`, and the file holds the
    batches written before; ``"skip"`` leaves the text out and logs a warning naming
    it on the ``articlekit`` logger; ``"record"`` writes its row (its id, and the
    fields of an empty article) with the reason in an ``error`` column, added last and
    null for every text that was parsed, so the file has one row per text.

    >>> import io
    >>> import pyarrow.parquet as pq
    >>> from articlekit.arrow import parse_to_parquet
    >>> HEADLINE = "Harbour wall breached as storm floods seafront"
    >>> texts = (f"{HEADLINE}, day {n}\\nThe sea wall gave way at dawn." for n in range(5))
    >>> sink = io.BytesIO()
    >>> parse_to_parquet(texts, sink, ids=[f"day-{n}" for n in range(5)], batch_size=2)
    5
    >>> parquet = pq.ParquetFile(io.BytesIO(sink.getvalue()))
    >>> parquet.metadata.num_row_groups, parquet.read(columns=["id", "headline"]).to_pylist()[-1]
    (3, {'id': 'day-4', 'headline': 'Harbour wall breached as storm floods seafront, day 4'})

    With ``on_error="record"``, a text that failed keeps its row:

    >>> sink = io.BytesIO()
    >>> texts = [f"{HEADLINE}\\nThe sea wall gave way.", "Fans react \\ud83d"]
    >>> parse_to_parquet(texts, sink, on_error="record")
    2
    >>> for row in pq.read_table(sink, columns=["headline", "error"]).to_pylist():
    ...     print(row["headline"], "|", row["error"] and row["error"].split(" (")[0])
    Harbour wall breached as storm floods seafront | None
    None | LoneSurrogateError: the text holds a lone surrogate, U+D83D, at character 11
    """
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size <= 0:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    check_on_error(on_error)
    parse = parser.parse if parser is not None else _default_parse
    id_iterator = iter(ids) if ids is not None else None
    record = on_error == "record"
    writer = _Writer(path, ids=ids is not None, last=[ERROR_FIELD] if record else (), **kwargs)
    done = 0  # texts read so far
    complete = False
    try:
        for chunk in _chunks(texts, batch_size):
            chunk_ids: list[Any] | None = None
            if id_iterator is not None:
                chunk_ids = list(itertools.islice(id_iterator, len(chunk)))
                if len(chunk_ids) != len(chunk):
                    raise ValueError(f"ids ran out after {done + len(chunk_ids)} of the texts; give one id per text")
            articles: list[Article] = []
            kept_ids: list[Any] = []
            errors: list[str | None] = []
            for offset, text in enumerate(chunk):
                ident = chunk_ids[offset] if chunk_ids is not None else None
                try:
                    articles.append(_parse_one(parse, text))
                    errors.append(None)
                except Exception as exc:
                    reason = _failed(done + offset, ident, chunk_ids is not None, exc, on_error)
                    if not record:
                        continue
                    articles.append(Article())
                    errors.append(reason)
                kept_ids.append(ident)
            writer.write(articles, kept_ids if chunk_ids is not None else None, last=[errors] if record else ())
            done += len(chunk)
        if id_iterator is not None and next(id_iterator, _END) is not _END:
            raise ValueError(f"there are more ids than the {done} texts; give one id per text")
        complete = True
    finally:
        writer.close(complete)
    return writer.rows


_END = object()

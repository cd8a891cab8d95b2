"""Parse many articles: streamed, in order, optionally in worker processes, none lost.

:func:`parse_many` reads its input lazily in chunks and yields one result per input
item, in input order. With ``jobs`` above 1 the chunks go to a pool of worker
processes (started with ``spawn``), with a bounded number of chunks in flight so that
memory stays bounded however long the input is.

A record that fails never disappears unseen: with ``on_error="raise"`` it raises
:class:`BatchError` naming its index; with ``on_error="record"`` a :class:`Failed`
takes its place; with ``on_error="skip"`` it is left out and logged (a warning on the
``articlekit`` logger naming its index). A worker process that dies (killed, ``os._exit``, a crash in C code)
takes down the chunk it held: every chunk that was in flight is run again on its own
in a fresh pool, and a chunk that still kills its worker is run record by record, so
the record that kills a worker on its own is reported as failed (``"WorkerDied"``)
and every other record is parsed.

>>> import articlekit
>>> results = articlekit.parse_many(["Storm hits coast\\nThe sea wall gave way.", b"bytes"], on_error="record")
>>> [type(result).__name__ for result in results]
['Article', 'Failed']
"""

from __future__ import annotations

import collections
import concurrent.futures
import json
import multiprocessing
import os
import pickle
import signal
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Literal, Protocol, TypeAlias, cast, overload

import attrs

from ._log import logger
from ._model import Article
from ._parser import Parser
from .errors import BatchError, ConfigurationError, InputTypeError

__all__ = ["BatchError", "Failed", "SupportsParse", "parse_many"]

#: the largest chunk of records sent to a worker at a time when no chunk_size is given;
#: chunks start small (so a short input still spreads over the workers) and double
_MAX_CHUNK = 64
_FIRST_CHUNK = 4
#: chunks in flight per worker: enough to keep every worker busy, few enough to bound memory
_IN_FLIGHT_PER_JOB = 2
#: a worker that dies on this many records in a row, each run on its own, is not the
#: records' fault: give up rather than respawn a pool for every record of the input
_MAX_DEATHS_IN_A_ROW = 8

WORKER_DIED = "WorkerDied"

#: what on_error takes; "return" is the name "record" had before, and still works
OnError: TypeAlias = Literal["raise", "skip", "record", "return"]
# what every corpus function's on_error takes
_ON_ERROR = ("raise", "skip", "record")


def check_on_error(on_error: object, also: tuple[str, ...] = ()) -> None:
    """Raise :class:`~articlekit.errors.ConfigurationError` unless *on_error* is
    ``"raise"``, ``"skip"``, ``"record"`` or one of *also*."""
    if on_error not in _ON_ERROR + also:
        raise ConfigurationError(f"on_error must be 'raise', 'skip' or 'record', got {on_error!r}")


class SupportsParse(Protocol):
    """What ``parse_many`` needs of a parser: a ``parse`` method from text to article.
    A :class:`~articlekit.Parser` is one."""

    def parse(self, text: str, /) -> Article:
        """Parse one article's text."""
        ...


@attrs.frozen(slots=True)
class Failed:
    """A record that could not be parsed, in its place in :func:`parse_many`'s output
    (with ``on_error="record"``).

    *index* is the record's position in the input (from 0), *error_type* the name of
    the exception (``"InputTypeError"``, ...; ``"WorkerDied"`` when the record killed
    the worker process that parsed it), *message* what it said.
    """

    index: int
    error_type: str
    message: str


def _type_failure(index: int, item: object) -> Failed:
    # the same words as Parser.parse, without sending an object that may not even pickle
    name = type(item).__name__
    hint = "; decode it first, e.g. data.decode('utf-8')" if isinstance(item, (bytes, bytearray)) else ""
    return Failed(index, "InputTypeError", f"parse() takes the article as a str, got {name}{hint}")


Result: TypeAlias = Article | Failed
#: what a worker hands back for one record: the article, its contract JSON, or a failure
_Out: TypeAlias = Article | str | Failed

# --- sending the parser to the workers ---------------------------------------------------


def _dump_parser(parser: SupportsParse) -> bytes | None:
    """The parser as the workers receive it: ``None`` for the default parser."""
    if isinstance(parser, Parser) and parser == _default_parser():
        return None
    try:
        # cleaners made with @cleaner pickle by reference (FunctionCleaner.__reduce__)
        blob = pickle.dumps(parser, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(blob)
    except Exception as exc:
        raise ConfigurationError(
            f"parse_many(jobs=...) sends the parser to worker processes, but {parser!r} cannot be pickled "
            f"({type(exc).__name__}: {exc}); define its cleaners at module level, or use jobs=1"
        ) from exc
    return blob


def _default_parser() -> Parser:
    from ._parser import _DEFAULT

    return _DEFAULT


# --- the work, in a worker or in this process --------------------------------------------

_worker_cache: tuple[bytes, SupportsParse] | None = None


def _worker_parser(blob: bytes | None) -> SupportsParse:
    global _worker_cache
    if blob is None:
        return _default_parser()
    if _worker_cache is None or _worker_cache[0] != blob:
        _worker_cache = (blob, pickle.loads(blob))
    return _worker_cache[1]


def _render(article: Article, as_json: bool) -> Article | str:
    return json.dumps(article.to_dict(), ensure_ascii=False) if as_json else article


def _work(blob: bytes | None, as_json: bool, todo: list[tuple[int, str]]) -> list[_Out]:
    """Run in a worker: parse each ``(index, text)`` of *todo*."""
    parser = _worker_parser(blob)
    out: list[_Out] = []
    for index, text in todo:
        try:
            out.append(_render(parser.parse(text), as_json))
        except BaseException as exc:  # a parser's sys.exit() must not end the worker: it fails the record
            out.append(Failed(index, type(exc).__name__, str(exc)))
    return out


def _init_worker() -> None:
    # Ctrl-C in a terminal reaches every process of the group: let this process's parent
    # handle it (it stops the pool) rather than fail the records the worker holds
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _result(future: concurrent.futures.Future[list[_Out]]) -> list[_Out]:
    """The chunk's results; :class:`BrokenProcessPool` when a worker died."""
    try:
        return future.result()
    except BrokenProcessPool:
        raise
    except Exception as exc:  # not a record's failure (those come back as Failed): the workers cannot run
        raise BatchError(f"the worker processes could not run the parser: {type(exc).__name__}: {exc}") from exc


# --- chunks and the pool -------------------------------------------------------------------


class _Chunk:
    """Consecutive records: those that are text go to a worker, the others have failed."""

    def __init__(self, start: int, items: list[object]) -> None:
        self.start = start
        self.results: list[_Out | None] = [None] * len(items)
        self.todo: list[tuple[int, str]] = []
        for offset, item in enumerate(items):
            if isinstance(item, str):
                self.todo.append((start + offset, item))
            else:
                self.results[offset] = _type_failure(start + offset, item)
        self.future: concurrent.futures.Future[list[_Out]] | None = None
        self.done = not self.todo

    def fill(self, outs: list[_Out]) -> None:
        for (index, _), out in zip(self.todo, outs, strict=True):
            self.results[index - self.start] = out
        self.done = True

    def set(self, index: int, out: _Out) -> None:
        self.results[index - self.start] = out


class _Pool:
    """A ``spawn`` process pool, replaced by a fresh one when a worker dies."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._executor: concurrent.futures.ProcessPoolExecutor | None = None

    def submit(
        self, blob: bytes | None, as_json: bool, todo: list[tuple[int, str]]
    ) -> concurrent.futures.Future[list[_Out]]:
        if self._executor is None:
            self._executor = concurrent.futures.ProcessPoolExecutor(
                self.jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker
            )
        try:
            return self._executor.submit(_work, blob, as_json, todo)
        except BrokenProcessPool as exc:  # it broke since the last look: fail this chunk the same way
            future: concurrent.futures.Future[list[_Out]] = concurrent.futures.Future()
            future.set_exception(exc)
            return future

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def _chunk_sizes(chunk_size: int | None) -> Iterator[int]:
    if chunk_size is not None:
        while True:
            yield chunk_size
    size = _FIRST_CHUNK
    while True:
        yield size
        size = min(size * 2, _MAX_CHUNK)


class _Source:
    """The input, read an item at a time; an error raised while reading it is kept and
    raised after the results of the items before it."""

    def __init__(self, texts: Iterable[object]) -> None:
        self._iterator = iter(texts)
        self.count = 0
        self.exhausted = False
        self.error: BaseException | None = None

    def take(self, size: int) -> list[object]:
        items: list[object] = []
        while len(items) < size and not self.exhausted:
            try:
                items.append(next(self._iterator))
            except StopIteration:
                self.exhausted = True
            except Exception as exc:
                self.error = exc
                self.exhausted = True
        self.count += len(items)
        return items


def _in_process(
    source: _Source, parser: SupportsParse, as_json: bool, raise_errors: bool
) -> Generator[_Out, None, None]:
    index = 0
    while True:
        items = source.take(1)
        if not items:
            break
        [item] = items
        out: _Out
        if not isinstance(item, str):
            out = _type_failure(index, item)
        else:
            try:
                out = _render(parser.parse(item), as_json)
            except Exception as exc:
                out = Failed(index, type(exc).__name__, str(exc))
                if raise_errors:  # here the error itself is at hand: chain it
                    raise BatchError.of(out) from exc
        yield out
        index += 1


class _Parallel:
    """The records, parsed by a pool of *jobs* worker processes, yielded in order."""

    def __init__(self, source: _Source, jobs: int, blob: bytes | None, as_json: bool, chunk_size: int | None) -> None:
        self.source = source
        self.pool = _Pool(jobs)
        self.blob = blob
        self.as_json = as_json
        self.sizes = _chunk_sizes(chunk_size)
        self.max_in_flight = _IN_FLIGHT_PER_JOB * jobs
        self.in_flight: collections.deque[_Chunk] = collections.deque()
        self.deaths_in_a_row = 0

    def run(self) -> Generator[_Out, None, None]:
        try:
            while True:
                self._fill()
                if not self.in_flight:
                    return
                head = self.in_flight[0]
                if not head.done:
                    assert head.future is not None
                    try:
                        outs = _result(head.future)
                    except BrokenProcessPool:
                        self._recover()
                    else:
                        head.fill(outs)
                self.in_flight.popleft()
                for out in head.results:
                    assert out is not None
                    yield out
        finally:
            self.pool.close()

    def _fill(self) -> None:
        while len(self.in_flight) < self.max_in_flight and not self.source.exhausted:
            start = self.source.count
            items = self.source.take(next(self.sizes))
            if not items:
                break
            chunk = _Chunk(start, items)
            if chunk.todo:
                chunk.future = self.pool.submit(self.blob, self.as_json, chunk.todo)
            self.in_flight.append(chunk)

    def _recover(self) -> None:
        """A worker died, and the pool with it. Keep what the chunks in flight finished;
        run each of the others again on its own, in a pool of one fresh worker."""
        suspects = []
        for chunk in self.in_flight:
            if chunk.done:
                continue
            assert chunk.future is not None
            try:
                chunk.fill(_result(chunk.future))  # a broken pool fails every future it holds
            except BrokenProcessPool:
                suspects.append(chunk)
        self.pool.close()  # the next chunks start a fresh one
        alone = _Pool(1)
        try:
            for chunk in suspects:
                self._isolate(chunk, alone)
        finally:
            alone.close()

    def _isolate(self, chunk: _Chunk, pool: _Pool) -> None:
        if len(chunk.todo) > 1:
            try:
                chunk.fill(_result(pool.submit(self.blob, self.as_json, chunk.todo)))
                return
            except BrokenProcessPool:  # this chunk holds a record that kills a worker
                pool.close()
        for index, text in chunk.todo:
            try:
                [out] = _result(pool.submit(self.blob, self.as_json, [(index, text)]))
            except BrokenProcessPool:
                pool.close()
                out = Failed(
                    index,
                    WORKER_DIED,
                    "the worker process parsing this record died (it was run again on its own and died again)",
                )
                self.deaths_in_a_row += 1
                if self.deaths_in_a_row >= _MAX_DEATHS_IN_A_ROW:
                    raise BatchError(
                        f"worker processes died on {self.deaths_in_a_row} records in a row, each run on its own "
                        f"(the last: record {index}), so the fault is not the records': the workers cannot run "
                        "here (with the 'spawn' start method a script must guard its entry point with "
                        "if __name__ == '__main__':)",
                        out,
                    ) from None
            else:
                self.deaths_in_a_row = 0
            chunk.set(index, out)
        chunk.done = True


def _check_jobs(jobs: object) -> int:
    if not isinstance(jobs, int) or isinstance(jobs, bool):
        raise InputTypeError(f"jobs must be an int (0 for every core), got {type(jobs).__name__}")
    if jobs < 0:
        raise ConfigurationError(f"jobs must be 0 (every core) or more, got {jobs}")
    return jobs or usable_cpus()


def usable_cpus() -> int:
    """The CPUs this process may run on: fewer than the machine has under a CPU
    affinity mask (``taskset``, a container's cpuset, a batch scheduler's allocation)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _stream(
    texts: Iterable[object],
    *,
    jobs: int,
    parser: SupportsParse | None,
    chunk_size: int | None,
    on_error: str,
    as_json: bool,
) -> Generator[_Out, None, None]:
    """Check the arguments now; return the lazy iterator of results."""
    if isinstance(texts, (str, bytes, bytearray)):
        raise InputTypeError(
            f"parse_many() takes an iterable of texts, got one {type(texts).__name__}; parse one article with parse()"
        )
    if not isinstance(texts, Iterable):
        raise InputTypeError(f"parse_many() takes an iterable of texts, got {type(texts).__name__}")
    workers = _check_jobs(jobs)
    check_on_error(on_error, ("return",))
    if chunk_size is not None and (not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1):
        raise ConfigurationError(f"chunk_size must be a positive int or None, got {chunk_size!r}")
    chosen: SupportsParse = _default_parser() if parser is None else parser
    if not callable(getattr(chosen, "parse", None)):
        raise InputTypeError(f"parser must have a parse(text) method, such as a Parser; got {type(parser).__name__}")
    source = _Source(texts)
    raise_errors = on_error == "raise"
    if workers == 1:
        return _checked(_in_process(source, chosen, as_json, raise_errors), source, on_error)
    blob = _dump_parser(chosen)
    return _checked(_Parallel(source, workers, blob, as_json, chunk_size).run(), source, on_error)


def _checked(outs: Generator[_Out, None, None], source: _Source, on_error: str) -> Generator[_Out, None, None]:
    try:
        for out in outs:
            if isinstance(out, Failed):
                if on_error == "raise":
                    raise BatchError.of(out)
                if on_error == "skip":
                    logger.warning("skipped record %d: %s: %s", out.index, out.error_type, out.message)
                    continue
            yield out
    finally:
        outs.close()  # now, not when collected: it stops the worker processes
    if source.error is not None:
        raise source.error


@overload
def parse_many(
    texts: Iterable[object],
    *,
    jobs: int = ...,
    parser: SupportsParse | None = ...,
    chunk_size: int | None = ...,
    on_error: Literal["raise", "skip"] = ...,
) -> Iterator[Article]: ...
@overload
def parse_many(
    texts: Iterable[object],
    *,
    jobs: int = ...,
    parser: SupportsParse | None = ...,
    chunk_size: int | None = ...,
    on_error: Literal["record", "return"],
) -> Iterator[Article | Failed]: ...
def parse_many(
    texts: Iterable[object],
    *,
    jobs: int = 1,
    parser: SupportsParse | None = None,
    chunk_size: int | None = None,
    on_error: OnError = "raise",
) -> Iterator[Article] | Iterator[Article | Failed]:
    """Parse each text of *texts*; return an iterator of the results, in input order.

    *texts* is any iterable, a generator included: it is read lazily, a chunk at a
    time, so the whole input is never held in memory. There is one result per item:
    an :class:`~articlekit.Article` the same as ``parser.parse(text)``.

    *jobs* is the number of worker processes: 1 (the default) parses in this process;
    0 one per CPU this process may use (``os.sched_getaffinity``, where the system has
    it; else ``os.cpu_count()``). With more than one, records go to the
    workers in chunks of *chunk_size* (by default growing from 4 to 64), with at most
    two chunks per worker in flight. *parser* is the :class:`~articlekit.Parser` (or
    any object with a ``parse(text)`` method; it must pickle when *jobs* is not 1) to
    use instead of the default one.

    A record that fails (an item that is not a ``str``, an error while parsing it, or
    a worker process that dies on it) is never dropped unseen. With *on_error*
    ``"raise"`` (the default) the iterator raises :class:`BatchError` when it reaches
    it, naming its index; with ``"record"`` it yields a :class:`Failed` in its place
    (``"return"``, its former name, does the same); with ``"skip"`` it yields nothing
    for it and logs a warning naming its index on the ``articlekit`` logger. A worker
    that dies takes the chunk it held with it: the chunks in flight are run again in
    a fresh pool, and one that kills its worker again is run record by record, so only
    the record that kills a worker on its own fails (``error_type`` ``"WorkerDied"``).
    An error raised while reading *texts* is raised after the results of the items
    before it.

    >>> import articlekit
    >>> texts = (f"Storm hits coast\\nThe sea wall gave way on day {n}." for n in range(3))
    >>> [a.paragraphs[0].text for a in articlekit.parse_many(texts)]
    ['The sea wall gave way on day 0.', 'The sea wall gave way on day 1.', 'The sea wall gave way on day 2.']
    """
    results = _stream(texts, jobs=jobs, parser=parser, chunk_size=chunk_size, on_error=on_error, as_json=False)
    return cast(Iterator[Result], results)  # as_json=False: articles, never JSON

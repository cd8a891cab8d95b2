"""``articlekit parse --jsonl``: a JSON Lines corpus in, one record per record out, and
every record that fails in the error file; the run never stops for one record."""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any

import attrs

from ._batch import BatchError, Failed, _check_jobs, _stream
from ._cli_io import (
    NotTextError,
    UsageError,
    check_output,
    compression_of,
    dumps,
    escape_surrogates,
    open_input,
    open_output,
    output_format,
    sniff_text,
    text_writer,
)
from ._decode import check_surrogates, replace_surrogates
from ._log import logger
from ._model import Article
from ._record import load_line
from .errors import ArticlekitError, LoneSurrogateError

if TYPE_CHECKING:
    from tqdm import tqdm

__all__ = ["add_options", "corpus_options_given", "jsonl_main"]

_CORPUS_OPTIONS = ("text_field", "id_field", "errors", "keep_fields", "no_progress")
#: the top-level fields of an output record that --keep-fields cannot take
_RESERVED = ("id", "input_chars", "schema", "dateline", "headline", "standfirst", "byline", "body", "removed", "trace")
#: seconds between two progress lines when standard error is not a terminal
PROGRESS_EVERY = 5.0
#: records written to Parquet at a time (one row group)
_PARQUET_BATCH = 2000


def add_options(parse: argparse.ArgumentParser) -> None:
    corpus = parse.add_argument_group(
        "JSON Lines corpora",
        "With --jsonl IN, read one JSON object per line, parse its text field, and write one record per "
        "record: the article in the output contract with the record's id. Records that fail go to the "
        "error file; the input's record count always equals the written plus the failed.",
    )
    corpus.add_argument("--jsonl", metavar="IN", help="a JSON Lines file of records, or - for standard input")
    corpus.add_argument(
        "--text-field", default=None, metavar="NAME", help="the field that holds the article text (default: text)"
    )
    corpus.add_argument(
        "--id-field",
        default=None,
        metavar="NAME",
        help="the field copied to the output's id (default: id; records without it get their line number)",
    )
    corpus.add_argument(
        "--keep-fields",
        default=None,
        metavar="NAME,...",
        help="fields of each record copied into its output record (null where a record lacks one)",
    )
    corpus.add_argument(
        "--errors",
        default=None,
        metavar="ERR",
        help="where to write the failed records (default: OUT.errors.jsonl beside OUT; "
        "standard error when OUT is standard output)",
    )
    corpus.add_argument(
        "--no-progress",
        action="store_true",
        default=None,
        help="no progress bar on a terminal, and no progress lines elsewhere",
    )


def corpus_options_given(args: argparse.Namespace) -> str | None:
    """The first option for corpora given without ``--jsonl``, as written."""
    given = [name for name in _CORPUS_OPTIONS if getattr(args, name) is not None]
    return "--" + given[0].replace("_", "-") if given else None


# --- records -----------------------------------------------------------------------------------


@attrs.frozen(slots=True)
class _Record:
    """One record of the input: its id, line, size, the fields it keeps, and what is
    wrong with it, if anything."""

    id: Any
    line: int
    size: int = 0
    chars: int = 0
    kept: tuple[Any, ...] = ()
    error: tuple[str, str] | None = None


@attrs.frozen(slots=True)
class _Fields:
    text: str
    id: str
    keep: tuple[str, ...]
    replace: bool


def _read_record(raw: bytes, line: int, fields: _Fields) -> tuple[_Record, str | None]:
    size = len(raw)
    try:
        data = load_line(raw, line)
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1]
        return _Record(line, line, size, error=("InvalidJSON", f"not UTF-8 text (byte {exc.start}: {bad!r})")), None
    except json.JSONDecodeError as exc:
        return _Record(line, line, size, error=("InvalidJSON", f"{exc.msg} (column {exc.colno})")), None
    except RecursionError:
        return _Record(line, line, size, error=("InvalidJSON", "nested too deeply to read")), None
    if not isinstance(data, dict):
        kind = type(data).__name__
        return _Record(line, line, size, error=("NotAnObject", f"the record is a JSON {kind}, not an object")), None
    ident = data.get(fields.id, line)
    kept = tuple(data.get(name) for name in fields.keep)
    if fields.text not in data:
        error = ("MissingField", f"the record has no {fields.text!r} field")
        return _Record(ident, line, size, kept=kept, error=error), None
    text = data[fields.text]
    if not isinstance(text, str):
        kind = "null" if text is None else type(text).__name__
        error = ("InputTypeError", f"the {fields.text!r} field is {kind}, not a string")
        return _Record(ident, line, size, kept=kept, error=error), None
    record = _Record(ident, line, size, len(text), kept)
    if fields.replace:
        text, count = replace_surrogates(text)
        if count:
            logger.info("line %d: %d lone surrogates replaced with U+FFFD", line, count)
        return record, text
    try:
        check_surrogates(text)
    except LoneSurrogateError as exc:
        return attrs.evolve(record, error=(type(exc).__name__, f"{exc}; --replace replaces it with U+FFFD")), None
    return record, text


# --- where the records go ------------------------------------------------------------------------


class _JsonOut:
    """Each article as one JSON line: the id, the kept fields and the input's length,
    then the article in the output contract."""

    def __init__(self, out: IO[str], keep: tuple[str, ...]) -> None:
        self.out = out
        self.keep = [dumps(name) for name in keep]

    def write(self, record: _Record, result: object) -> None:
        assert isinstance(result, str)  # as_json=True
        head = '{"id": ' + dumps(record.id)
        for name, value in zip(self.keep, record.kept, strict=True):
            head += ", " + name + ": " + dumps(value)
        self.out.write(f'{head}, "input_chars": {record.chars}, {escape_surrogates(result[1:])}\n')

    def close(self, complete: bool) -> None:
        self.out.flush()


class _ParquetOut:
    """The articles as rows of a Parquet file, a batch at a time: ``id`` (a string), the
    kept fields (strings, JSON for other values), ``input_chars``, then the columns of
    :data:`articlekit.arrow.SCHEMA`."""

    def __init__(self, path: str, keep: tuple[str, ...]) -> None:
        from . import arrow

        first = [*(arrow._kept_field(name) for name in keep), arrow._INPUT_CHARS_FIELD]
        self.writer = arrow._Writer(path, ids=True, first=first)
        self.kept = len(keep)
        self.id_text = arrow.id_text
        self.rows: list[tuple[_Record, Article]] = []

    def _text(self, value: Any) -> str | None:
        text = self.id_text(value)
        # Parquet strings are UTF-8: a lone surrogate in an id cannot fail the whole batch
        return None if text is None else replace_surrogates(text)[0]

    def write(self, record: _Record, result: object) -> None:
        assert isinstance(result, Article)  # as_json=False
        self.rows.append((record, result))
        if len(self.rows) >= _PARQUET_BATCH:
            self._flush()

    def _flush(self) -> None:
        records = [record for record, _ in self.rows]
        kept = [[self._text(r.kept[i]) for r in records] for i in range(self.kept)]
        self.writer.write(
            [article for _, article in self.rows],
            [self._text(r.id) for r in records],
            first=[*kept, [r.chars for r in records]],
        )
        self.rows.clear()

    def close(self, complete: bool) -> None:
        try:
            if complete:
                self._flush()
        finally:
            self.writer.close(complete)


# --- progress ------------------------------------------------------------------------------------


class _Progress:
    """A progress bar on a terminal; elsewhere, a plain line every few seconds. With the
    size of the input known, it estimates the records to come from the bytes read."""

    def __init__(self, enabled: bool, size: int | None) -> None:
        self.size = size
        self.bar: tqdm[Any] | None = None
        self.lines = False
        self.started = self.last = time.monotonic()
        if not enabled:
            return
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(unit=" articles", file=sys.stderr, dynamic_ncols=True)
        else:
            self.lines = True

    def update(self, done: int, written: int, failed: int, bytes_done: int) -> None:
        if self.bar is not None:
            if self.size and bytes_done:
                self.bar.total = max(done, round(done * self.size / bytes_done))
            self.bar.update(done - self.bar.n)
            return
        now = time.monotonic()
        if self.lines and now - self.last >= PROGRESS_EVERY:
            self.last = now
            rate = done / (now - self.started)
            line = f"articlekit: {done:,} done ({written:,} written, {failed:,} failed), {rate:,.0f} a second"
            if self.size and bytes_done:
                line += f", {min(bytes_done / self.size, 1):.0%} of the input"
            print(line, file=sys.stderr, flush=True)

    def write(self, line: str) -> None:
        """A line on standard error, above the bar."""
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


# --- the run --------------------------------------------------------------------------------------


class _InputError(Exception):
    """The input could not be read on (a damaged compressed file, a failing disk)."""


def _errors_path(output: str) -> str | None:
    """The default error file: beside OUT (standard error when OUT is standard output)."""
    if output == "-":
        return None
    stem = output
    if compression_of(stem):
        stem = stem.rsplit(".", 1)[0]
    for suffix in (".jsonl", ".parquet"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    return stem + ".errors.jsonl"


def _same_file(a: str | None, b: str | None) -> bool:
    if a is None or b is None or "-" in (a, b):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _keep_fields(spec: str | None) -> tuple[str, ...]:
    if spec is None:
        return ()
    names = tuple(dict.fromkeys(name.strip() for name in spec.split(",") if name.strip()))
    reserved = [name for name in names if name in _RESERVED]
    if reserved:
        raise UsageError(f"--keep-fields {reserved[0]}: the output records have a field of that name already")
    return names


def _check_args(args: argparse.Namespace) -> tuple[str, str, str | None, int]:
    """The output format, OUT and ERR, and the number of jobs; a UsageError if the
    options do not go together."""
    if args.files:
        raise UsageError("give either FILEs or --jsonl IN, not both")
    if args.recursive:
        raise UsageError("--recursive is for FILEs, not for --jsonl IN")
    fmt = output_format(args.format, args.output)
    if fmt not in ("json", "parquet"):
        raise UsageError("--jsonl writes JSON Lines or Parquet: --format must be json or parquet")
    if args.indent is not None:
        raise UsageError("--jsonl writes one record per line: --indent cannot be used")
    jobs = 1 if args.jobs is None else args.jobs
    if jobs < 0:
        raise UsageError(f"--jobs must be 0 (every CPU) or more, got {jobs}")
    output = args.output or "-"
    check_output(fmt, output, None)
    errors = args.errors or _errors_path(output)
    for path, what in ((output, "--output"), (errors, "--errors")):
        if _same_file(args.jsonl, path):
            raise UsageError(f"{what} {path} is the input file")
    if _same_file(output, errors):
        raise UsageError(f"--errors {errors} is the output file")
    return fmt, output, errors, _check_jobs(jobs)


def jsonl_main(args: argparse.Namespace) -> int:
    fmt, output, errors, jobs = _check_args(args)
    args.keep = _keep_fields(args.keep_fields)
    logger.info("%s %s with %d %s", "parsing", args.jsonl, jobs, "job" if jobs == 1 else "jobs")
    with contextlib.ExitStack() as stack:
        try:
            source, raw = open_input(args.jsonl)
            if args.jsonl != "-":
                stack.callback(raw.close)
                stack.callback(source.close)
            sniff_text(source, "<stdin>" if args.jsonl == "-" else args.jsonl)
        except Exception as exc:  # a damaged compressed file raises EOFError, lzma.LZMAError, zlib.error...
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            prefix = "" if isinstance(exc, NotTextError) else f"cannot read {args.jsonl}: "
            print(f"articlekit: {prefix}{reason}", file=sys.stderr)
            return 1
        try:
            sink = _sink(stack, fmt, output, args.keep)
            err_out: IO[str] = sys.stderr if errors is None else stack.enter_context(text_writer(open_output(errors)))
        except (OSError, ArticlekitError) as exc:
            where = getattr(exc, "filename", None) or output
            print(f"articlekit: cannot write {where}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
            return 1
        # the records' bytes tell how far the run is only when they are the file's bytes
        plain_file = source is raw and args.jsonl != "-" and os.path.isfile(args.jsonl)
        size = os.fstat(raw.fileno()).st_size if plain_file else None
        run = _Run(args, source, size, sink, err_out, "standard error" if errors is None else errors)
        return run.go(jobs, as_json=fmt == "json")
    raise AssertionError("unreachable")  # pragma: no cover


def _sink(stack: contextlib.ExitStack, fmt: str, output: str, keep: tuple[str, ...]) -> _JsonOut | _ParquetOut:
    if fmt == "parquet":
        return _ParquetOut(output, keep)
    out = sys.stdout if output == "-" else stack.enter_context(text_writer(open_output(output)))
    return _JsonOut(out, keep)


class _Run:
    """One run over a corpus: the records read and not yet written wait in order, the
    parsed results come back in the order of the texts."""

    def __init__(
        self,
        args: argparse.Namespace,
        source: IO[bytes],
        size: int | None,
        sink: _JsonOut | _ParquetOut,
        err_out: IO[str],
        errors_name: str,
    ) -> None:
        self.args = args
        self.source = source
        self.sink = sink
        self.err_out = err_out
        self.errors_name = errors_name
        self.fields = _Fields(args.text_field or "text", args.id_field or "id", args.keep, args.replace)
        self.pending: collections.deque[_Record] = collections.deque()
        self.read = self.written = self.failed = 0
        self.bytes_done = 0
        quiet = args.quiet or args.no_progress
        self.progress = _Progress(not quiet, size)

    def texts(self) -> Iterator[str]:
        line = 0
        try:
            for line, raw in enumerate(self.source, 1):
                if not raw.strip():
                    continue  # a blank line holds no record
                record, text = _read_record(raw, line, self.fields)
                self.pending.append(record)
                self.read += 1
                if text is not None:
                    yield text
        except Exception as exc:  # a damaged compressed file raises EOFError, lzma.LZMAError, zlib.error...
            raise _InputError(f"cannot read {self.args.jsonl} after line {line}: {exc}") from exc

    def fail(self, record: _Record, error_type: str, message: str) -> None:
        line = dumps({"id": record.id, "line": record.line, "error": error_type, "message": message})
        if self.err_out is sys.stderr:
            self.progress.write(line)
        else:
            self.err_out.write(line + "\n")
        self.failed += 1
        self.done(record)

    def done(self, record: _Record) -> None:
        self.bytes_done += record.size
        self.progress.update(self.written + self.failed, self.written, self.failed, self.bytes_done)

    def flush_bad(self) -> None:
        while self.pending and self.pending[0].error is not None:
            record = self.pending.popleft()
            assert record.error is not None
            self.fail(record, *record.error)

    def go(self, jobs: int, as_json: bool) -> int:
        parser = self.args.parser
        results = _stream(self.texts(), jobs=jobs, parser=parser, chunk_size=None, on_error="record", as_json=as_json)
        status = 0
        complete = False
        try:
            with contextlib.closing(results):
                for result in results:
                    self.flush_bad()
                    record = self.pending.popleft()
                    if isinstance(result, Failed):
                        self.fail(record, result.error_type, result.message)
                        continue
                    self.sink.write(record, result)
                    self.written += 1
                    self.done(record)
                self.flush_bad()
            complete = True
        except BrokenPipeError:
            self.progress.close()
            raise
        except (OSError, BatchError, _InputError, ArticlekitError) as exc:
            if isinstance(exc, _InputError):
                self.flush_bad()  # the bad records read before the damage are listed as ever
            self.progress.close()
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"articlekit: {reason}", file=sys.stderr)
            status = 1
        except KeyboardInterrupt:
            self.progress.close()
            status = 130
        finally:
            self.progress.close()
        status = self.finish(complete) or status
        if status == 0 and self.failed and self.args.strict:
            status = 1
        return status

    def finish(self, complete: bool) -> int:
        status = 0
        try:
            self.sink.close(complete)
            self.err_out.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            print(f"articlekit: cannot write: {exc.strerror or exc}", file=sys.stderr)
            status = 1
        if not self.args.quiet:
            print(self.summary(), file=sys.stderr)
        return status

    def summary(self) -> str:
        summary = f"articlekit: {self.read} read, {self.written} written, {self.failed} failed"
        if self.failed:
            summary += f" (listed in {self.errors_name})"
        if self.read > self.written + self.failed:
            summary += f"; stopped with {self.read - self.written - self.failed} more read but not parsed"
        return summary

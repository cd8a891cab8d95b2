"""``articlekit parse FILE...``: files, directories and globs in; one output, or one
output file per input file; a file that fails is reported in one line and the others
are still parsed."""

from __future__ import annotations

import argparse
import collections
import contextlib
import glob
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any

import attrs

from . import _render
from ._batch import Failed, _check_jobs, _stream
from ._cli_io import UsageError, check_output, compression_of, open_output, output_format, read_input, text_writer
from ._decode import Errors, decode
from ._log import logger
from ._model import Article
from .errors import ArticlekitError, ConfigurationError, DecodingError

__all__ = ["Input", "expand", "files_main", "parse_file", "read_text", "render"]

_GLOB = re.compile(r"[*?[]")
_SUFFIXES = {"json": ".json", "markdown": ".md", "text": ".txt"}
#: files parsed before their rows are written to Parquet (one row group)
_PARQUET_BATCH = 1000


@attrs.frozen(slots=True)
class Input:
    """A file to parse: the *path* to open (``-``: standard input), the *name* messages
    and the ``source`` field give it, its *relative* name under ``-o DIR``, and why it
    cannot be read, if that is known before opening it."""

    path: str
    name: str
    relative: str
    error: str | None = None


# --- what the FILE arguments name -----------------------------------------------------------------------


def _walk(directory: str) -> Iterator[str]:
    """Every file under *directory*, in name order; hidden files and directories left out."""
    for top, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield os.path.join(top, name)


def _glob_base(pattern: str) -> str:
    """The directories of *pattern* before its first wildcard: what its matches are named from."""
    fixed = []
    for part in re.split(r"[\\/]", pattern)[:-1]:
        if _GLOB.search(part):
            break
        fixed.append(part)
    return os.sep.join(fixed) or (os.sep if pattern.startswith(("/", os.sep)) else ".")


def _from_directory(directory: str, recursive: bool) -> list[Input]:
    if not recursive:
        return [Input(directory, directory, "", "it is a directory: give --recursive to parse the files under it")]
    found = [Input(path, path, os.path.relpath(path, directory)) for path in _walk(directory)]
    return found or [Input(directory, directory, "", "the directory holds no files")]


def _from_glob(pattern: str) -> list[Input]:
    base = _glob_base(pattern)
    matches = sorted(path for path in glob.glob(pattern, recursive=True) if os.path.isfile(path))
    found = [Input(path, path, os.path.relpath(path, base)) for path in matches]
    return found or [Input(pattern, pattern, "", "no file matches it")]


def expand(files: Iterable[str], recursive: bool) -> list[Input]:
    """The files that *files* name: a file itself, the files under a directory (with
    *recursive*), the files a pattern matches (``'**/*.txt'``, quoted so that the shell
    leaves it), in name order."""
    inputs: list[Input] = []
    for arg in files:
        if arg == "-":
            inputs.append(Input("-", "<stdin>", "stdin"))
        elif os.path.isdir(arg):
            inputs.extend(_from_directory(arg, recursive))
        elif not os.path.exists(arg) and _GLOB.search(arg):
            inputs.extend(_from_glob(arg))
        else:
            inputs.append(Input(arg, arg, os.path.basename(arg)))
    return inputs


# --- reading and parsing ----------------------------------------------------------------------------


def read_text(path: str, encoding: str | None, errors: Errors, max_bytes: int | None) -> str:
    """The text of *path*, decompressed and decoded; :class:`OSError` saying why not."""
    if max_bytes is not None and path != "-" and os.path.isfile(path) and os.path.getsize(path) > max_bytes:
        # no encoding takes more than four bytes a character: too long however decoded,
        # and not worth reading into memory (compressed files are checked once read)
        raise OSError(f"the file has {os.path.getsize(path):,} bytes, more than 4 × --max-chars could decode to")
    try:
        data = read_input(path)
    except ArticlekitError as exc:  # zstd without its extra
        raise OSError(str(exc)) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise OSError(f"the input has {len(data):,} bytes, more than 4 × --max-chars could decode to")
    try:
        return decode(data, encoding, errors)
    except DecodingError as exc:
        read_as = exc.encoding or "UTF-8 or any encoding detected"
        raise OSError(
            f"cannot be decoded as {read_as} (byte {exc.offset}: {data[exc.offset : exc.offset + 4]!r}); "
            "give its --encoding, or --replace what cannot be decoded"
        ) from None
    except ConfigurationError as exc:
        raise OSError(str(exc)) from None


def _read_item(item: Input, args: argparse.Namespace) -> str | OSError:
    """The text of *item*, or the error that says why it cannot be read."""
    if item.error is not None:
        return OSError(item.error)
    try:
        return read_text(item.path, args.encoding, "replace" if args.replace else "strict", 4 * args.parser.max_chars)
    except OSError as exc:
        return exc


def _read_failed(item: Input, exc: OSError) -> None:
    print(f"articlekit: cannot read {item.name}: {exc.strerror or exc}", file=sys.stderr)


def _parse_failed(name: str, error_type: str, message: str) -> None:
    print(f"articlekit: cannot parse {name}: {error_type}: {message}", file=sys.stderr)


def parse_file(item: Input, args: argparse.Namespace) -> tuple[Article, str] | None:
    """The article of *item* and its text; ``None`` when it fails, said in one line."""
    text = _read_item(item, args)
    if isinstance(text, OSError):
        _read_failed(item, text)
        return None
    try:
        return args.parser.parse(text), text
    except Exception as exc:  # a plugin's cleaner may raise anything: it fails this file, not the run
        _parse_failed(item.name, type(exc).__name__, str(exc))
        return None


def _parsed(inputs: list[Input], args: argparse.Namespace) -> Iterator[tuple[Input, Article | None, int]]:
    """Each input with its article (``None`` when it failed) and its length, in order."""
    jobs = _check_jobs(1 if args.jobs is None else args.jobs)
    if jobs == 1 or len(inputs) < 2:
        for item in inputs:
            done = parse_file(item, args)
            yield item, done[0] if done else None, len(done[1]) if done else 0
        return
    yield from _parsed_in_workers(inputs, args, jobs)


def _parsed_in_workers(
    inputs: list[Input], args: argparse.Namespace, jobs: int
) -> Iterator[tuple[Input, Article | None, int]]:
    # the files are read here, in order, and parsed in the workers; a file that cannot
    # be read goes as its error, which fails in its place and is reported in its turn
    read: collections.deque[str | OSError] = collections.deque()

    def texts() -> Iterator[str | OSError]:
        for item in inputs:
            read.append(_read_item(item, args))
            yield read[-1]

    results = _stream(texts(), jobs=jobs, parser=args.parser, chunk_size=None, on_error="record", as_json=False)
    with contextlib.closing(results):
        for item, result in zip(inputs, results, strict=True):
            text = read.popleft()
            if isinstance(text, OSError):
                _read_failed(item, text)
                yield item, None, 0
            elif isinstance(result, Failed):
                _parse_failed(item.name, result.error_type, result.message)
                yield item, None, 0
            else:
                assert isinstance(result, Article)
                yield item, result, len(text)


def render(article: Article, source: str, fmt: str, indent: int | None, input_chars: int) -> str:
    if fmt == "json":
        doc = article.to_dict()
        doc["source"] = source
        doc["input_chars"] = input_chars
        return json.dumps(doc, ensure_ascii=False, indent=indent)
    if fmt == "markdown":
        return _render.markdown(article) + "\n"
    return _render.text(article) + "\n"


# --- writing -----------------------------------------------------------------------------------------


def _is_directory(output: str | None) -> bool:
    return output is not None and (output.endswith(("/", os.sep)) or os.path.isdir(output))


def _output_names(inputs: list[Input], directory: str, fmt: str) -> dict[Input, str]:
    """Where ``-o DIR`` writes each input: its relative name, with the suffix of the format."""
    names: dict[Input, str] = {}
    taken: dict[str, Input] = {}
    for item in inputs:
        if item.error is not None:
            continue
        stem = item.relative
        if compression_of(stem):
            stem = stem.rsplit(".", 1)[0]
        stem = os.path.splitext(stem)[0] or stem
        path = os.path.join(directory, stem + _SUFFIXES[fmt])
        if path in taken:
            raise UsageError(f"{taken[path].name} and {item.name} would both be written to {path}")
        taken[path] = item
        names[item] = path
    return names


def files_main(args: argparse.Namespace) -> int:
    if not args.files:
        raise UsageError("give the FILEs to parse, or --jsonl IN for a JSON Lines corpus")
    if args.jobs is not None and args.jobs < 0:
        raise UsageError(f"--jobs must be 0 (every CPU) or more, got {args.jobs}")
    fmt = output_format(args.format, args.output)
    inputs = expand(args.files, args.recursive)
    if _is_directory(args.output):
        if fmt == "parquet":
            raise UsageError("Parquet is one file for all the articles: give -o OUT.parquet, not a directory")
        return _to_directory(inputs, args, fmt)
    check_output(fmt, args.output, args.indent)
    if fmt == "parquet":
        return _to_parquet(inputs, args)
    return _to_one_output(inputs, args, fmt)


def _to_one_output(inputs: list[Input], args: argparse.Namespace, fmt: str) -> int:
    output = args.output or "-"
    with contextlib.ExitStack() as stack:
        try:
            out: IO[str] = sys.stdout if output == "-" else stack.enter_context(text_writer(open_output(output)))
        except (OSError, ArticlekitError) as exc:
            print(f"articlekit: cannot write {output}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
            return 1
        status = 0
        for item, article, chars in _parsed(inputs, args):
            if article is None:
                status = 1
                continue
            logger.info("parsed %s", item.name)
            out.write(render(article, item.name, fmt, args.indent, chars) + "\n")
        out.flush()
    return status


def _to_directory(inputs: list[Input], args: argparse.Namespace, fmt: str) -> int:
    names = _output_names(inputs, args.output, fmt)
    status = 0
    for item, article, chars in _parsed(inputs, args):
        if article is None:
            status = 1
            continue
        path = names[item]
        try:
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as out:
                out.write(render(article, item.name, fmt, args.indent, chars) + "\n")
        except OSError as exc:
            print(f"articlekit: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
            status = 1
            continue
        logger.info("parsed %s into %s", item.name, path)
    return status


def _to_parquet(inputs: list[Input], args: argparse.Namespace) -> int:
    try:
        from . import arrow
    except ArticlekitError as exc:
        print(f"articlekit: {exc}", file=sys.stderr)
        return 1
    writer = arrow._Writer(args.output, ids=False, first=[arrow._SOURCE_FIELD, arrow._INPUT_CHARS_FIELD])
    status = 0
    batch: list[tuple[str, Article, int]] = []
    complete = False
    try:
        for item, article, chars in _parsed(inputs, args):
            if article is None:
                status = 1
                continue
            batch.append((item.name, article, chars))
            if len(batch) >= _PARQUET_BATCH:
                _write_rows(writer, batch)
        _write_rows(writer, batch)
        complete = True
    except OSError as exc:
        print(f"articlekit: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        status = 1
    finally:
        writer.close(complete)
    return status


def _write_rows(writer: Any, batch: list[tuple[str, Article, int]]) -> None:
    if batch:
        names, articles, chars = zip(*batch, strict=True)
        writer.write(list(articles), None, first=[list(names), list(chars)])
    batch.clear()

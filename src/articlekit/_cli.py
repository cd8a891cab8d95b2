"""The ``articlekit`` command."""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import IO, Any

import attrs

from . import __version__, _cli_model, _render
from ._batch import BatchError, Failed, _stream
from ._decode import Errors, decode
from ._html import html
from ._model import Article
from ._parser import Parser
from ._record import RecordError, read_record
from .errors import ArticlekitError, ConfigurationError, DecodingError

__all__ = ["main"]

_FORMATS = ("json", "markdown", "text")


def _read(path: str, encoding: str | None = None, errors: Errors = "strict") -> str:
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as handle:
            data = handle.read()
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


def _render_one(article: Article, source: str, fmt: str, indent: int | None) -> str:
    if fmt == "json":
        doc = article.to_dict()
        doc["source"] = source
        return json.dumps(doc, ensure_ascii=False, indent=indent)
    if fmt == "markdown":
        return _render.markdown(article) + "\n"
    return _render.text(article) + "\n"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="articlekit",
        description="Turn raw scraped article text into typed, lossless structure.",
    )
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")
    show = sub.add_parser(
        "show",
        help="see how a file is read: an HTML page with every element coloured",
        description="Parse FILE ('-' for standard input) and write a self-contained HTML page of its text "
        "with every element coloured by type, quotations grouped and removed text struck through.",
    )
    show.add_argument("file", metavar="FILE", help="a text file, or - for standard input")
    show.add_argument("-o", "--output", required=True, metavar="PAGE", help="the HTML file to write ('-': stdout)")
    show.add_argument("--encoding", default=None, metavar="ENC", help="the file's encoding (default: detected)")
    show.add_argument("--replace", action="store_true", help="replace bytes that cannot be decoded")
    show.add_argument(
        "--record",
        type=int,
        default=None,
        metavar="N",
        help="FILE is a JSON Lines corpus: show record N (from 1)",
    )
    show.add_argument("--text-field", default="text", metavar="NAME", help="with --record: the field of the text")
    _cli_model.add_model_option(show)
    parse = sub.add_parser(
        "parse",
        help="parse article text files, or a JSON Lines corpus",
        description="Parse each FILE ('-' for standard input) and print the result: "
        "with --format json, one JSON document per file, one per line. "
        "With --jsonl, parse the text of each record of a JSON Lines file instead.",
    )
    parse.add_argument("files", nargs="*", metavar="FILE", help="a text file, or - for standard input")
    parse.add_argument("--format", "-f", choices=_FORMATS, default=None, help="output format (default: json)")
    parse.add_argument("--indent", type=int, default=None, metavar="N", help="indent JSON by N spaces")
    parse.add_argument(
        "--encoding",
        default=None,
        metavar="ENC",
        help="the files' encoding (default: a byte order mark, else UTF-8, else detected)",
    )
    parse.add_argument(
        "--replace", action="store_true", help="replace bytes that cannot be decoded instead of failing the file"
    )
    parse.add_argument(
        "--language",
        "-l",
        action="append",
        dest="languages",
        metavar="CODE",
        help="a language of the texts (ISO 639-1, e.g. de), to help read dates; repeatable",
    )
    _cli_model.add_model_option(parse)
    corpus = parse.add_argument_group(
        "JSON Lines corpora",
        "With --jsonl IN, read one JSON object per line, parse its text field, and write one line per "
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
        "--output",
        "-o",
        default=None,
        metavar="OUT",
        help="where to write the records (default: - for standard output)",
    )
    corpus.add_argument(
        "--errors",
        default=None,
        metavar="ERR",
        help="where to write the failed records (default: OUT.errors.jsonl beside OUT; "
        "standard error when OUT is standard output)",
    )
    corpus.add_argument(
        "--jobs", "-j", type=int, default=None, metavar="N", help="worker processes (default: 1; 0 for every core)"
    )
    corpus.add_argument(
        "--no-progress",
        action="store_true",
        default=None,
        help="no progress bar (there is none anyway when standard error is not a terminal)",
    )
    _cli_model.add_commands(sub)
    return ap


_CORPUS_OPTIONS = ("text_field", "id_field", "output", "errors", "jobs", "no_progress")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 a file failed, 2 usage).

    With ``--jsonl`` the status is 0 when the run completed, failed records or not
    (they are in the error file), 1 when the input could not be read or the output
    not written, and 2 for a usage error.
    """
    ap = _parser()
    args = ap.parse_args(argv)
    if args.command == "train":
        return _cli_model.train_main(args)
    if args.command == "evaluate":
        return _cli_model.evaluate_main(args)
    try:
        model = _cli_model.model_of(args.model)
    except ArticlekitError as exc:
        print(f"articlekit: {exc}", file=sys.stderr)
        return 1
    args.parser = Parser(languages=getattr(args, "languages", None), model=model)
    if args.command == "show":
        return _show(args)
    if args.jsonl is not None:
        return _jsonl_main(ap, args)
    given = [name for name in _CORPUS_OPTIONS if getattr(args, name) is not None]
    if given:
        option = "--" + given[0].replace("_", "-")
        ap.error(f"{option} is for JSON Lines corpora: give it with --jsonl IN")
    if not args.files:
        ap.error("give the FILEs to parse, or --jsonl IN for a JSON Lines corpus")
    args.format = args.format or "json"
    parser = args.parser
    status = 0
    out = sys.stdout
    for path in args.files:
        name = "<stdin>" if path == "-" else path
        try:
            text = _read(path, args.encoding, "replace" if args.replace else "strict")
        except OSError as exc:
            reason = exc.strerror or str(exc)
            print(f"articlekit: cannot read {name}: {reason}", file=sys.stderr)
            status = 1
            continue
        article = parser.parse(text)
        out.write(_render_one(article, name, args.format, args.indent))
        out.write("\n")
    out.flush()
    return status


def _show(args: argparse.Namespace) -> int:
    name = "<stdin>" if args.file == "-" else args.file
    title = os.path.basename(name)
    try:
        if args.record is None:
            text = _read(args.file, args.encoding, "replace" if args.replace else "strict")
        else:
            text, line = _show_record(args.file, args.record, args.text_field)
            title += f", record {args.record} (line {line})"
    except (OSError, RecordError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"articlekit: cannot read {name}: {reason}", file=sys.stderr)
        return 1
    page = html(args.parser.parse(text), text, title=title)
    if args.output == "-":
        sys.stdout.write(page)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(page)
    except OSError as exc:
        print(f"articlekit: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"articlekit: wrote {args.output}", file=sys.stderr)
    return 0


def _show_record(path: str, number: int, text_field: str) -> tuple[str, int]:
    if path == "-":
        return read_record(sys.stdin.buffer, number, text_field)
    with open(path, "rb") as handle:
        return read_record(handle, number, text_field)


# --- JSON Lines corpora --------------------------------------------------------------------


@attrs.frozen(slots=True)
class _Record:
    """One record of the input: its id and line, and what is wrong with it, if anything."""

    id: Any
    line: int
    error: tuple[str, str] | None = None


def _read_record(raw: bytes, line: int, text_field: str, id_field: str) -> tuple[_Record, str | None]:
    try:
        data = json.loads(raw.decode("utf-8-sig" if line == 1 else "utf-8").rstrip("\r\n"))
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1]
        return _Record(line, line, ("InvalidJSON", f"not UTF-8 text (byte {exc.start}: {bad!r})")), None
    except json.JSONDecodeError as exc:
        return _Record(line, line, ("InvalidJSON", f"{exc.msg} (column {exc.colno})")), None
    if not isinstance(data, dict):
        return _Record(line, line, ("NotAnObject", f"the record is a JSON {type(data).__name__}, not an object")), None
    ident = data.get(id_field, line)
    if text_field not in data:
        return _Record(ident, line, ("MissingField", f"the record has no {text_field!r} field")), None
    text = data[text_field]
    if not isinstance(text, str):
        kind = "null" if text is None else type(text).__name__
        return _Record(ident, line, ("InputTypeError", f"the {text_field!r} field is {kind}, not a string")), None
    return _Record(ident, line), text


def _errors_path(output: str) -> str | None:
    """The default error file: beside OUT (standard error when OUT is standard output)."""
    if output == "-":
        return None
    stem = output[: -len(".jsonl")] if output.endswith(".jsonl") else output
    return stem + ".errors.jsonl"


def _same_file(a: str | None, b: str | None) -> bool:
    if a is None or b is None or "-" in (a, b):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _jsonl_main(ap: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.files:
        ap.error("give either FILEs or --jsonl IN, not both")
    if args.format not in (None, "json"):
        ap.error("--jsonl writes JSON Lines: --format must be json")
    if args.indent is not None:
        ap.error("--jsonl writes one record per line: --indent cannot be used")
    jobs = 1 if args.jobs is None else args.jobs
    if jobs < 0:
        ap.error(f"--jobs must be 0 (every core) or more, got {jobs}")
    output = args.output or "-"
    errors = args.errors or _errors_path(output)
    for path, what in ((output, "--output"), (errors, "--errors")):
        if _same_file(args.jsonl, path):
            ap.error(f"{what} {path} is the input file")
    if _same_file(output, errors):
        ap.error(f"--errors {errors} is the output file")

    with contextlib.ExitStack() as stack:
        try:
            source: IO[bytes] = sys.stdin.buffer if args.jsonl == "-" else stack.enter_context(open(args.jsonl, "rb"))
        except OSError as exc:
            print(f"articlekit: cannot read {args.jsonl}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        try:
            out: IO[str] = (
                sys.stdout if output == "-" else stack.enter_context(open(output, "w", encoding="utf-8", newline="\n"))
            )
            err_out: IO[str] = (
                sys.stderr if errors is None else stack.enter_context(open(errors, "w", encoding="utf-8", newline="\n"))
            )
        except OSError as exc:
            print(f"articlekit: cannot write {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        return _run_jsonl(args, source, out, err_out, jobs, "standard error" if errors is None else errors)
    raise AssertionError("unreachable")  # pragma: no cover


def _run_jsonl(
    args: argparse.Namespace, source: IO[bytes], out: IO[str], err_out: IO[str], jobs: int, errors_name: str
) -> int:
    from tqdm import tqdm

    text_field = args.text_field or "text"
    id_field = args.id_field or "id"
    # the records read and not yet written, in order: the parsed results come back in
    # the order of the texts, and the records that cannot be parsed wait here in place
    pending: collections.deque[_Record] = collections.deque()
    read = written = failed = 0

    def texts() -> Iterator[str]:
        nonlocal read
        for line, raw in enumerate(source, 1):
            if not raw.strip():
                continue  # a blank line holds no record
            record, text = _read_record(raw, line, text_field, id_field)
            pending.append(record)
            read += 1
            if text is not None:
                yield text

    def fail(record: _Record, error_type: str, message: str) -> None:
        nonlocal failed
        doc = {"id": record.id, "line": record.line, "error": error_type, "message": message}
        line = json.dumps(doc, ensure_ascii=False)
        if err_out is sys.stderr:
            tqdm.write(line, file=err_out)  # above the progress bar, not through it
        else:
            err_out.write(line + "\n")
        failed += 1

    def flush_bad() -> None:
        while pending and pending[0].error is not None:
            record = pending.popleft()
            assert record.error is not None
            fail(record, *record.error)
            bar.update()

    status = 0
    parser = args.parser
    results = _stream(texts(), jobs=jobs, parser=parser, chunk_size=None, on_error="return", as_json=True)
    progress = tqdm(unit=" articles", file=sys.stderr, disable=True if args.no_progress else None, dynamic_ncols=True)
    with contextlib.closing(results), progress as bar:
        try:
            for result in results:
                flush_bad()
                record = pending.popleft()
                if isinstance(result, Failed):
                    fail(record, result.error_type, result.message)
                else:
                    assert isinstance(result, str)  # as_json=True
                    # the article's contract JSON, with the record's id first
                    out.write('{"id": ' + json.dumps(record.id, ensure_ascii=False) + ", " + result[1:] + "\n")
                    written += 1
                bar.update()
            flush_bad()
            out.flush()
            err_out.flush()
        except (OSError, BatchError) as exc:
            bar.close()
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            print(f"articlekit: {reason}", file=sys.stderr)
            status = 1
        except KeyboardInterrupt:
            bar.close()
            status = 130
    summary = f"articlekit: {read} read, {written} written, {failed} failed"
    if failed:
        summary += f" (listed in {errors_name})"
    if read > written + failed:
        summary += f"; stopped with {read - written - failed} more read but not parsed"
    print(summary, file=sys.stderr)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

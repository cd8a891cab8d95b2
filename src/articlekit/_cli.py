"""The ``articlekit`` command."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Iterator, Sequence

from . import __version__, _cli_jsonl, _cli_label, _cli_model
from ._cli_files import Input, files_main, parse_file
from ._cli_io import UsageError, open_input
from ._html import html
from ._log import logger
from ._parser import MAX_CHARS, Parser
from ._pipeline import Pipeline
from ._record import RecordError, read_record
from .errors import ArticlekitError

__all__ = ["main"]

_FORMATS = ("json", "markdown", "text", "parquet")
#: the exit status when standard output was closed early (``| head``): 128 + SIGPIPE,
#: as a process the signal ended would report
EXIT_PIPE_CLOSED = 141


# --- the command line -----------------------------------------------------------------------------


def _add_common(command: argparse.ArgumentParser) -> None:
    """The options that say how texts are parsed and how much is said about it."""
    command.add_argument(
        "--cleaners",
        default=None,
        metavar="NAME,...",
        help="change the default cleaners: NAME (or +NAME) adds a cleaner (built in or a plugin's), -NAME drops one",
    )
    command.add_argument(
        "--max-chars",
        type=int,
        default=None,
        metavar="N",
        help=f"the longest text to parse, in characters (default: {MAX_CHARS:,}); longer ones fail",
    )
    command.add_argument("-v", "--verbose", action="count", default=0, help="say more: the cleaners, each file parsed")
    command.add_argument("-q", "--quiet", action="store_true", help="say nothing but errors: no summary, no progress")
    _cli_model.add_model_option(command)


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
    _add_common(show)
    parse = sub.add_parser(
        "parse",
        help="parse article text files, or a JSON Lines corpus",
        description="Parse each FILE ('-' for standard input) and print the result: "
        "with --format json, one JSON document per file, one per line. "
        "With --jsonl, parse the text of each record of a JSON Lines file instead. "
        "Input compressed with gzip, bzip2, xz or zstd is read as it is.",
    )
    parse.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="a text file, - for standard input, a directory (with --recursive) or a quoted pattern ('**/*.txt')",
    )
    parse.add_argument(
        "--format",
        "--output-format",
        "-f",
        choices=_FORMATS,
        default=None,
        help="output format (default: json, or parquet when OUT ends in .parquet)",
    )
    parse.add_argument("--indent", type=int, default=None, metavar="N", help="indent JSON by N spaces")
    parse.add_argument(
        "--output",
        "-o",
        default=None,
        metavar="OUT",
        help="where to write the results (default: - for standard output); "
        "compressed when OUT ends in .gz, .bz2, .xz or .zst; a directory (DIR/) for one file per input",
    )
    parse.add_argument(
        "--encoding",
        default=None,
        metavar="ENC",
        help="the files' encoding (default: a byte order mark, else UTF-8, else detected)",
    )
    parse.add_argument(
        "--replace",
        action="store_true",
        help="replace what cannot be decoded (and, with --jsonl, lone surrogates) instead of failing",
    )
    parse.add_argument("--strict", action="store_true", help="with --jsonl, exit with status 1 when any record failed")
    parse.add_argument(
        "--recursive", "-r", action="store_true", help="parse the files under each directory given as a FILE"
    )
    parse.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: 1; 0 for one per CPU this process may use)",
    )
    parse.add_argument(
        "--language",
        "-l",
        action="append",
        dest="languages",
        metavar="CODE",
        help="a language of the texts (ISO 639-1, e.g. de), to help read dates; repeatable",
    )
    _add_common(parse)
    _cli_jsonl.add_options(parse)
    _cli_model.add_commands(sub)
    _cli_label.add_command(sub)
    return ap


def _cleaners(spec: str | None) -> Pipeline | None:
    """The pipeline ``--cleaners`` names: the defaults, with NAME added and -NAME dropped."""
    if spec is None:
        return None
    from .cleaners import DEFAULT

    names = [name.strip() for name in spec.split(",") if name.strip()]
    if not names:
        raise UsageError("--cleaners takes names: NAME to add a cleaner, -NAME to drop one of the defaults")
    dropped = [name[1:] for name in names if name.startswith("-")]
    added = [name.removeprefix("+") for name in names if not name.startswith("-")]
    for name in dropped:
        if name not in DEFAULT.names:
            raise UsageError(f"--cleaners -{name}: {name!r} is not a default cleaner ({', '.join(DEFAULT.names)})")
    try:
        return DEFAULT.without(*dropped) + added
    except ArticlekitError as exc:
        raise UsageError(f"--cleaners: {exc}") from None


def _configure(args: argparse.Namespace) -> None:
    """Build the parser the options describe into ``args.parser``."""
    if args.max_chars is not None and args.max_chars < 1:
        raise UsageError(f"--max-chars must be a positive number, got {args.max_chars}")
    cleaners = _cleaners(args.cleaners)
    if cleaners is not None:
        logger.info("cleaners: %s", ", ".join(cleaners.names) or "none")
    model = _cli_model.model_of(args.model)
    args.parser = Parser(
        cleaners=cleaners,
        languages=getattr(args, "languages", None),
        max_chars=args.max_chars or MAX_CHARS,
        model=model,
    )


@contextlib.contextmanager
def _logging(args: argparse.Namespace) -> Iterator[None]:
    """Show the library's log on standard error for the length of the command."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("articlekit: %(message)s"))
    level = logging.ERROR if args.quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 a file failed, 2 usage).

    With ``--jsonl`` the status is 0 when the run completed, failed records or not
    (they are in the error file; with ``--strict`` 1 when any failed), 1 when the
    input could not be read or the output not written, and 2 for a usage error. When
    standard output is closed before the end (``| head``), the command stops quietly
    with status 141.
    """
    ap = _parser()
    args = ap.parse_args(_joined_cleaners(sys.argv[1:] if argv is None else list(argv)))
    if args.command == "train":
        return _cli_model.train_main(args)
    if args.command == "evaluate":
        return _cli_model.evaluate_main(args)
    if args.command == "label":
        return _cli_label.label_main(args)
    try:
        with _logging(args):
            return _run(args)
    except UsageError as exc:
        ap.error(str(exc))
    except BrokenPipeError:
        return _pipe_closed()
    raise AssertionError("unreachable")  # pragma: no cover


def _joined_cleaners(argv: list[str]) -> list[str]:
    """``--cleaners -NAME`` as ``--cleaners=-NAME``: argparse would take ``-NAME`` for an
    option and leave ``--cleaners`` without its value."""
    out: list[str] = []
    pending = False
    for arg in argv:
        if pending:
            out[-1] = f"--cleaners={arg}"
            pending = False
            continue
        out.append(arg)
        pending = arg == "--cleaners"
    return out


def _run(args: argparse.Namespace) -> int:
    try:
        _configure(args)
    except ArticlekitError as exc:
        print(f"articlekit: {exc}", file=sys.stderr)
        return 1
    if args.command == "show":
        return _show(args)
    if args.jsonl is not None:
        return _cli_jsonl.jsonl_main(args)
    given = _cli_jsonl.corpus_options_given(args)
    if given:
        raise UsageError(f"{given} is for JSON Lines corpora: give it with --jsonl IN")
    return files_main(args)


def _pipe_closed() -> int:
    """Standard output was closed by its reader: stop without a word."""
    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):  # not a real file (captured output): nothing more to flush
        return EXIT_PIPE_CLOSED
    # Python flushes standard output again on the way out: let that go nowhere
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
    return EXIT_PIPE_CLOSED


# --- show --------------------------------------------------------------------------------------------


def _show(args: argparse.Namespace) -> int:
    name = "<stdin>" if args.file == "-" else args.file
    title = os.path.basename(name)
    if args.record is None:
        parsed = parse_file(Input(args.file, name, name), args)
        if parsed is None:
            return 1
        article, text = parsed
    else:
        try:
            text, line = _show_record(args.file, args.record, args.text_field)
        except (OSError, RecordError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            print(f"articlekit: cannot read {name}: {reason}", file=sys.stderr)
            return 1
        title += f", record {args.record} (line {line})"
        try:
            article = args.parser.parse(text)
        except Exception as exc:  # a plugin's cleaner may raise anything: say so in one line
            where = f"{name}, record {args.record}"
            print(f"articlekit: cannot parse {where}: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
    page = html(article, text, title=title)
    if args.output == "-":
        sys.stdout.write(page)
        sys.stdout.flush()
        return 0
    try:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(page)
    except OSError as exc:
        print(f"articlekit: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"articlekit: wrote {args.output}", file=sys.stderr)
    return 0


def _show_record(path: str, number: int, text_field: str) -> tuple[str, int]:
    stream, raw = open_input(path)
    try:
        return read_record(stream, number, text_field)
    finally:
        if path != "-":
            stream.close()
            raw.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

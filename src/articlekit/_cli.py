"""The ``articlekit`` command."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import __version__, _render
from ._model import Article
from ._parser import Parser

__all__ = ["main"]

_FORMATS = ("json", "markdown", "text")


def _read(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as handle:
            data = handle.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OSError(f"not UTF-8 text (byte {exc.start}: {data[exc.start : exc.start + 1]!r})") from None


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
    parse = sub.add_parser(
        "parse",
        help="parse article text files",
        description="Parse each FILE ('-' for standard input) and print the result: "
        "with --format json, one JSON document per file, one per line.",
    )
    parse.add_argument("files", nargs="+", metavar="FILE", help="a UTF-8 text file, or - for standard input")
    parse.add_argument("--format", "-f", choices=_FORMATS, default="json", help="output format (default: json)")
    parse.add_argument("--indent", type=int, default=None, metavar="N", help="indent JSON by N spaces")
    parse.add_argument(
        "--language",
        "-l",
        action="append",
        dest="languages",
        metavar="CODE",
        help="a language of the texts (ISO 639-1, e.g. de), to help read dates; repeatable",
    )
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 a file failed, 2 usage)."""
    args = _parser().parse_args(argv)
    parser = Parser(languages=args.languages)
    status = 0
    out = sys.stdout
    for path in args.files:
        name = "<stdin>" if path == "-" else path
        try:
            text = _read(path)
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

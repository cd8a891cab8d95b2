"""The ``articlekit label`` command: a draft label file beside each text, for a person to
correct into labelled articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ._cli_model import add_model_option, model_of
from .errors import ArticlekitError, CorpusError

__all__ = ["add_command", "label_main"]


def add_command(sub: Any) -> None:
    label = sub.add_parser(
        "label",
        help="draft label files for texts, to correct into labelled articles",
        description="Parse each NAME.txt and write NAME.labels.tsv beside it: a row for every non-blank line "
        "with the type the parser gave it, in the labelled-article format that 'articlekit train' and "
        "'articlekit evaluate' read. A '# unsure:' header line lists the lines the model was least sure of, "
        "where correcting starts. A label file that exists is kept unless --force is given.",
    )
    label.add_argument("paths", nargs="+", metavar="PATH", help="a NAME.txt, or a directory of them")
    label.add_argument(
        "--source", default=None, metavar="URL", help="the '# source:' of every file (its host names the website)"
    )
    label.add_argument("--force", action="store_true", help="write over label files that exist")
    label.add_argument("-q", "--quiet", action="store_true", help="say nothing but errors")
    add_model_option(label)


def _texts(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The text files *paths* name (a directory's ``*.txt``, sorted), and what is wrong
    with the ones that cannot be labelled."""
    found: list[Path] = []
    problems: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(sorted(path.glob("*.txt"), key=lambda p: p.name))
        elif not path.is_file():
            problems.append(f"{given}: no such file or directory")
        elif path.suffix != ".txt":
            problems.append(f"{given}: a labelled article is a NAME.txt beside its NAME.labels.tsv; rename it")
        else:
            found.append(path)
    return found, problems


def label_main(args: argparse.Namespace) -> int:
    from ._corpus import LABEL_SUFFIX, read_text
    from ._draft import checked_source, draft_labels, unsure_lines
    from ._parser import Parser

    def say(message: str) -> None:
        if not args.quiet:
            print(f"articlekit: {message}", file=sys.stderr)

    try:
        if args.source is not None and not args.source.strip():
            raise CorpusError("source must name where the pages came from, got a blank")
        checked_source(args.source)
    except CorpusError as exc:  # checked once, before any text is drafted
        print(f"articlekit: --{exc}", file=sys.stderr)
        return 1
    texts, problems = _texts(args.paths)
    for problem in problems:
        print(f"articlekit: {problem}", file=sys.stderr)
    try:
        parser = Parser(model=model_of(args.model))
    except ArticlekitError as exc:
        print(f"articlekit: {exc}", file=sys.stderr)
        return 1
    written = kept = unsure = 0
    failed = len(problems)
    for text_path in texts:
        target = text_path.with_suffix(LABEL_SUFFIX)
        if target.exists() and not args.force:
            kept += 1
            continue
        try:
            text = read_text(text_path)
            labels = draft_labels(text, parser=parser, source=args.source)
            target.write_text(labels, encoding="utf-8")
        except UnicodeDecodeError as exc:
            failed += 1
            print(f"articlekit: {text_path}: not UTF-8 (byte {exc.start}); labelled texts are UTF-8", file=sys.stderr)
            continue
        except OSError as exc:
            failed += 1
            print(f"articlekit: {text_path}: {exc.strerror or exc}", file=sys.stderr)
            continue
        except Exception as exc:  # a plugin's cleaner may raise anything: one line, then go on
            failed += 1
            print(f"articlekit: {text_path}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        written += 1
        unsure += len(unsure_lines(labels))
    summary = f"wrote {written} label file{'s' * (written != 1)}"
    if unsure:
        summary += f" ({unsure} unsure line{'s' * (unsure != 1)} to check first)"
    if kept:
        summary += f"; kept {kept} that exist{'s' * (kept == 1)} (--force writes over them)"
    say(summary)
    return 1 if failed else 0

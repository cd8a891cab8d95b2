"""The ``articlekit train`` and ``articlekit evaluate`` commands, and the ``--model``
option of the others."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any

from .errors import ArticlekitError

if TYPE_CHECKING:
    from ._evaluate import Mistake
    from ._labeller import Labeller

__all__ = ["add_commands", "add_model_option", "evaluate_main", "model_of", "train_main"]

_MODEL_HELP = (
    "what says what each line is: 'default' (the default: the model that ships with articlekit), 'rules' "
    "(the hand-written rules alone) or the path of a model file written by 'articlekit train'"
)


_AUGMENT_HELP = (
    "train on the labelled articles alone, not also on each one without its boilerplate lines and on its opening lines"
)


def add_model_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--model", "-m", default=None, metavar="MODEL", help=_MODEL_HELP)


def model_of(value: str | None) -> Labeller | str | None:
    """The ``model=`` argument of :class:`~articlekit.Parser` that ``--model`` names
    (``None``: not given, the default model)."""
    if value is None or value == "default":
        return "default"
    if value == "rules":
        return None
    from ._labeller import Labeller

    return Labeller.load(value)


_FROM_HELP = (
    "tune this model to the articles rather than learn from them alone: 'default' (the model that ships "
    "with articlekit) or the path of a model file; it keeps what it knew of other sites and learns the "
    "habits of these"
)


_FROM_RULES = "--from rules: the hand-written rules are no model to tune; use --from default"


def add_commands(sub: Any) -> None:
    train = sub.add_parser(
        "train",
        help="train a line labeller on labelled articles",
        description="Train a model of what each line is on labelled articles (one NAME.txt and one "
        "NAME.labels.tsv per article, as the docs describe) and write it to MODEL. The same articles "
        "always give the same file.",
    )
    train.add_argument("dirs", nargs="+", metavar="DIR", help="a directory of labelled articles, or one NAME.txt")
    train.add_argument("-o", "--output", required=True, metavar="MODEL", help="the model file to write")
    train.add_argument("--from", dest="base", default=None, metavar="MODEL", help=_FROM_HELP)
    train.add_argument(
        "--epochs",
        type=int,
        default=None,
        metavar="N",
        help="the perceptron's passes over the articles (default: 10; 3 with --from)",
    )
    train.add_argument("--no-augment", action="store_true", help=_AUGMENT_HELP)
    evaluate = sub.add_parser(
        "evaluate",
        help="score a parser against labelled articles",
        description="Parse every labelled article in DIR and print, per line type, precision, recall and F1, "
        "then quote groups, headline, date, attribution, line and whole-article accuracy. With --cv K, "
        "split the articles into K folds by website, train on all folds but one and score the one held "
        "out, in turn: the figure that tells how the labeller reads sites it has never seen.",
    )
    evaluate.add_argument("dirs", nargs="+", metavar="DIR", help="a directory of labelled articles, or one NAME.txt")
    add_model_option(evaluate)
    evaluate.add_argument("--cv", type=int, default=None, metavar="K", help="cross-validate over K folds by website")
    evaluate.add_argument(
        "--repeat",
        type=int,
        default=None,
        metavar="N",
        help="with --cv: cross-validate N times, the websites dealt into the folds another way and training "
        "visiting the articles in another order each time, and print how much each figure moves",
    )
    evaluate.add_argument("--from", dest="base", default=None, metavar="MODEL", help="with --cv: " + _FROM_HELP)
    evaluate.add_argument(
        "--epochs",
        type=int,
        default=None,
        metavar="N",
        help="with --cv: the perceptron's passes over the articles (10; 3 with --from)",
    )
    evaluate.add_argument("--no-augment", action="store_true", help="with --cv: " + _AUGMENT_HELP)
    evaluate.add_argument("--json", default=None, metavar="OUT", help="also write the figures to OUT as JSON")
    evaluate.add_argument(
        "--mistakes",
        default=None,
        metavar="OUT",
        help="also write every line read wrong to OUT, tab-separated: article, line, gold, got, confidence, text",
    )


def _fail(message: str) -> int:
    print(f"articlekit: {message}", file=sys.stderr)
    return 1


def train_main(args: argparse.Namespace) -> int:
    from ._corpus import read_labelled
    from ._training import train_labeller

    if args.epochs is not None and args.epochs < 1:
        return _fail(f"--epochs must be 1 or more, got {args.epochs}")
    if args.base == "rules":
        return _fail(_FROM_RULES)
    try:
        articles = read_labelled(args.dirs)
        started = time.perf_counter()
        labeller = train_labeller(articles, epochs=args.epochs, augment=not args.no_augment, base=args.base)
        labeller.model.save(args.output)
    except ArticlekitError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot write {args.output}: {exc.strerror or exc}")
    lines = sum(len(a.lines) for a in articles)
    tuned = f" tuned {args.base} on" if args.base is not None else " trained on"
    print(
        f"articlekit:{tuned} {len(articles)} articles ({lines} lines) in {time.perf_counter() - started:.1f} s; "
        f"wrote {args.output} ({len(labeller.model.features)} features, {len(labeller.labels)} labels)",
        file=sys.stderr,
    )
    return 0


def evaluate_main(args: argparse.Namespace) -> int:
    from ._corpus import read_labelled
    from ._evaluate import Evaluation, evaluate, spread_of
    from ._parser import Parser
    from ._training import cross_validate

    if args.epochs is not None and args.epochs < 1:
        return _fail(f"--epochs must be 1 or more, got {args.epochs}")
    if args.cv is None and (args.base is not None or args.epochs is not None or args.no_augment or args.repeat):
        return _fail("--from, --epochs, --no-augment and --repeat say how --cv trains: give --cv K, or leave them out")
    if args.repeat is not None and args.repeat < 1:
        return _fail(f"--repeat must be 1 or more, got {args.repeat}")
    if args.repeat is not None and args.repeat > 1 and args.mistakes is not None:
        return _fail("--mistakes lists the lines of one run: leave out --repeat, or --mistakes")
    if args.base == "rules":
        return _fail(_FROM_RULES)
    try:
        articles = read_labelled(args.dirs)
        if args.cv is not None:
            if args.model is not None:
                return _fail("--cv trains its own model on each fold: leave out --model (--from MODEL tunes one)")

            runs: list[Evaluation] = []
            repeat = args.repeat or 1
            for run in range(repeat):
                where = f"run {run + 1} of {repeat}: " if repeat > 1 else ""

                def progress(done: int, folds: int, where: str = where) -> None:
                    print(f"articlekit: {where}fold {done} of {folds} scored", file=sys.stderr)

                runs.append(
                    cross_validate(
                        articles,
                        args.cv,
                        epochs=args.epochs,
                        augment=not args.no_augment,
                        base=args.base,
                        progress=progress,
                        split=run,
                        seed=run,
                    )
                )
            result = Evaluation.merge(runs)
        else:
            result = evaluate(Parser(model=model_of(args.model)).parse, articles)
    except ArticlekitError as exc:
        return _fail(str(exc))
    figures = result.to_dict()
    print(result.format_table())
    if args.cv is not None and args.repeat is not None and args.repeat > 1:
        spread = spread_of(runs)
        figures["runs"] = [run.to_dict() for run in runs]
        figures["spread"] = spread
        print(f"over {len(runs)} runs (mean ± sd, min to max):")
        for name, values in spread.items():
            label = name.removesuffix("_f1").replace("_", " ") + (" F1" if name.endswith("_f1") else " accuracy")
            print(
                f"  {label:22} {values['mean']:.3f} ± {values['sd']:.3f}  ({values['min']:.3f} to {values['max']:.3f})"
            )
    if args.json is not None:
        try:
            with open(args.json, "w", encoding="utf-8") as handle:
                json.dump(figures, handle, indent=2)
        except OSError as exc:
            return _fail(f"cannot write {args.json}: {exc.strerror or exc}")
    if args.mistakes is not None:
        try:
            with open(args.mistakes, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(_mistakes_table(result.mistakes))
        except OSError as exc:
            return _fail(f"cannot write {args.mistakes}: {exc.strerror or exc}")
    return 0


def _mistakes_table(mistakes: list[Mistake]) -> str:
    """The lines read wrong as a tab-separated table with a header row, by article and
    line."""
    rows = ["article\tline\tgold\tgot\tconfidence\ttext"]
    for m in sorted(mistakes, key=lambda m: (m.article, m.line)):
        confidence = "" if m.confidence is None else f"{m.confidence:.2f}"
        text = " ".join(m.text.replace("\t", " ").split())
        rows.append(f"{m.article}\t{m.line}\t{m.gold}\t{m.got}\t{confidence}\t{text}")
    return "\n".join(rows) + "\n"

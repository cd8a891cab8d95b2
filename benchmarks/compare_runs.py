"""Compare two repeated cross-validations run by run: is a change bigger than the noise?

    articlekit evaluate DIR... --cv 5 --repeat 5 --json before.json   # on the old code
    articlekit evaluate DIR... --cv 5 --repeat 5 --json after.json    # on the new code
    python benchmarks/compare_runs.py before.json after.json

Run r of both files holds out the same websites and trains in the same order, so the
difference of a figure in run r is the change's alone; over the runs, its mean, its
standard deviation, and in how many runs it went up and down. A figure that moves both
ways across the runs has not been shown to move.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FIGURES = (
    "macro_f1",
    "lines_accuracy",
    "headline_accuracy",
    "date_accuracy",
    "attribution_accuracy",
    "quote_group_f1",
    "articles_accuracy",
)


def _runs(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    runs = data.get("runs") if isinstance(data, dict) else None
    if not isinstance(runs, list) or not runs:
        raise SystemExit(f"{path}: no runs; write it with articlekit evaluate --cv K --repeat N --json {path}")
    return runs


def compare(before: Sequence[dict[str, Any]], after: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """For each figure both sides have in every run: the paired differences (after minus
    before), their mean and sample standard deviation, and how many runs went up and
    down."""
    if len(before) != len(after):
        raise SystemExit(f"the files hold {len(before)} and {len(after)} runs: compare runs of the same --repeat")
    out: dict[str, dict[str, Any]] = {}
    for figure in FIGURES:
        if not all(figure in run for run in (*before, *after)):
            continue
        diffs = [round(b[figure] - a[figure], 4) for a, b in zip(before, after, strict=True)]
        out[figure] = {
            "diffs": diffs,
            "mean": round(statistics.fmean(diffs), 4),
            "sd": round(statistics.stdev(diffs), 4) if len(diffs) > 1 else 0.0,
            "up": sum(d > 0 for d in diffs),
            "down": sum(d < 0 for d in diffs),
        }
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path, help="the JSON of articlekit evaluate --repeat N --json, before the change")
    ap.add_argument("after", type=Path, help="the same, after it")
    args = ap.parse_args(argv)
    result = compare(_runs(args.before), _runs(args.after))
    runs = len(next(iter(result.values()))["diffs"]) if result else 0
    print(f"after - before, run by run ({runs} runs):")
    for figure, row in result.items():
        diffs = " ".join(f"{d:+.4f}" for d in row["diffs"])
        print(
            f"  {figure:21} mean {row['mean']:+.4f} ± {row['sd']:.4f}  up {row['up']}, down {row['down']}   ({diffs})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

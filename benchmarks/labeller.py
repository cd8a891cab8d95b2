"""What the learned labeller costs, side by side with the rules alone, on real texts.

Run from the repository root, with the package installed::

    python benchmarks/labeller.py [--passes 5] [--json benchmarks/labeller.json]

The texts are the labelled corpus beside the checkout (``../shared/corpus/train`` and
``dev``, read byte-exact at run time, never copied), each parsed once per pass, so no
line repeats within a pass; every per-line cache is emptied before each pass, so the
figures are cold. In one process, alternating, best of ``--passes``:

* ``rules``: ``Parser(model=None)`` (the rules alone, the default before the labeller);
* ``model``: ``Parser()`` (the shipped model, the default);
* the model's own stages, summed over the texts: the rule reading it takes its features
  from, the features, and decoding (emission sums, Viterbi, confidences);
* the emission sums of the same features with numpy (what ships) and in pure Python
  (per-feature lists of per-label weights), to show what the numpy dependency buys.

It prints a table and writes the numbers as JSON.
"""

from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path

import articlekit
from articlekit import _text
from articlekit._classify import classify
from articlekit._features import article_features
from articlekit._labeller import Labeller, line_records
from articlekit._normalise import normalise
from articlekit._parser import rule_reading
from articlekit._segment import segment

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _texts() -> list[str]:
    paths = sorted((CORPUS / "train").glob("*.txt")) + sorted((CORPUS / "dev").glob("*.txt"))
    if not paths:
        raise SystemExit(f"the labelled corpus is not at {CORPUS}")
    texts = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            texts.append(handle.read())
    return texts


def _cold() -> None:
    for cache in (*_text._SHORT_CACHES, *_text._LONG_CACHES):
        cache.clear()
    gc.collect()


def _timed(run, texts: list[str]) -> float:  # type: ignore[no-untyped-def]
    _cold()
    started = time.perf_counter()
    for text in texts:
        run(text)
    return time.perf_counter() - started


def _stages(texts: list[str], labeller: Labeller) -> dict[str, float]:
    _cold()
    spent = {"rule reading": 0.0, "features": 0.0, "decode": 0.0}
    for text in texts:
        lines = normalise(segment(text))
        if not lines:
            continue
        with _text.line_scope(len(lines)):
            t0 = time.perf_counter()
            records = line_records(lines, rule_reading(classify(lines, text), text))
            t1 = time.perf_counter()
            features = article_features(records)
            t2 = time.perf_counter()
            labeller.model.decode(features)
            t3 = time.perf_counter()
        spent["rule reading"] += t1 - t0
        spent["features"] += t2 - t1
        spent["decode"] += t3 - t2
    return spent


def _emissions(texts: list[str], labeller: Labeller) -> dict[str, float]:
    model = labeller.model
    features = []
    for text in texts:
        lines = normalise(segment(text))
        if lines:
            with _text.line_scope(len(lines)):
                features.append(article_features(line_records(lines, rule_reading(classify(lines, text), text))))
    table = {name: [float(w) for w in model.weights[i]] for i, name in enumerate(model.features)}
    width = len(model.labels)

    def pure(lines: list[list[str]]) -> list[list[float]]:
        out = []
        for feats in lines:
            total = [0.0] * width
            for name in feats:
                row = table.get(name)
                if row is not None:
                    for k in range(width):
                        total[k] += row[k]
            out.append(total)
        return out

    result = {}
    for name, run in (("numpy", model.emissions), ("pure Python", pure)):
        started = time.perf_counter()
        for lines in features:
            run(lines)
        result[name] = time.perf_counter() - started
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "labeller.json")
    args = ap.parse_args()
    texts = _texts()
    rules = articlekit.Parser(model=None)
    model = articlekit.Parser(model="default")
    labeller = Labeller.default()
    model.parse(texts[0])  # load the model and numpy outside the timing
    best = {"rules": float("inf"), "model": float("inf")}
    for _ in range(args.passes):
        best["rules"] = min(best["rules"], _timed(rules.parse, texts))
        best["model"] = min(best["model"], _timed(model.parse, texts))
    stages = _stages(texts, labeller)
    emissions = _emissions(texts, labeller)
    n = len(texts)
    per = {key: value / n * 1e6 for key, value in best.items()}
    print(f"{n} real texts, each parsed once per pass, caches cold, best of {args.passes}")
    print(f"{'':24}{'us/article':>12}")
    for key in ("rules", "model"):
        print(f"{'parse, ' + key:24}{per[key]:12.0f}")
    print(f"{'model / rules':24}{per['model'] / per['rules']:12.2f}x")
    for key, value in stages.items():
        print(f"{'  model: ' + key:24}{value / n * 1e6:12.0f}")
    for key, value in emissions.items():
        print(f"{'  emissions, ' + key:24}{value / n * 1e6:12.0f}")
    result = {
        "articles": n,
        "passes": args.passes,
        "us_per_article": per,
        "model_stages_us": {k: v / n * 1e6 for k, v in stages.items()},
        "emissions_us": {k: v / n * 1e6 for k, v in emissions.items()},
    }
    args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()

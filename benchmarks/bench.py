"""Benchmark articlekit on one core and compare it with its targets.

Run from the repository root::

    python benchmarks/bench.py [--articles 20000] [--json benchmarks/results.json] [--quick] [--check]

What it measures, in one process on one core (but for the parse_many row):

1. **Corpus.** The dev corpus (``../shared/corpus/dev/*.txt`` beside the checkout, read
   byte-exact at run time and never copied; ``examples/porthcarrow-storm.txt`` when it
   is absent) and a generated corpus of ``--articles`` articles: article *i* is dev
   text ``i % len(dev)`` in which a generator seeded from ``--seed`` and *i* swaps one to
   three words of every line for other words of the same case (one swap map per
   article, so an article's own repeats stay repeats) and moves clock times by a few
   minutes. Line breaks, blank lines, quotation marks, dates, ``READ MORE`` labels and
   every word in articlekit's string constants (its tables and patterns) are kept, so
   the articles parse to the shape of their dev text (reported) while their lines no
   longer hit articlekit's per-line caches as 42 repeated texts would (the hit rate of
   a simulated 4,096-line LRU is reported; what still hits is site furniture that
   repeats in real scrapes too).
2. **Throughput** of ``articlekit.parse`` over the generated corpus: articles/s and MB/s
   (MB = 10^6 bytes of UTF-8), best of ``--passes`` passes.
3. **Floor**: ``text.splitlines()`` plus one compiled ``regex`` ``.match`` per line over
   the same corpus; µs/article and the ratio articlekit/floor. Beside it, what
   articlekit's own machinery costs before it decides anything: segment, group and
   build with every line left a paragraph and no cleaners, i.e. the typed ``Article``
   of the same lines with their spans (reported, not a target).
4. **Stages**: segment (with normalise), classify, label (the rules' reading, the
   model and its labels made blocks), clean, group and build run by hand as
   ``Parser.parse`` runs them, timed with ``time.perf_counter`` (and checked to give
   the same articles as ``parse``); "dates" is the time spent in ``_dates.fast_date``
   and ``_dates.parse_date`` (already counted inside classify and build).
5. **Import**: ``python -c "import articlekit"`` minus ``python -c "pass"``, best of 5,
   and whether ``dateparser`` is in ``sys.modules`` after the import.
6. **Linear cost**: ``parse`` of one ~10 MB text (1,000 pieces of ~10 KB, each a few
   generated articles, joined by blank lines) against the sum of ``parse`` of the
   pieces, each best of 2; the peak ``tracemalloc`` memory of the big parse, and of a
   text of a tenth of the pieces (the same multiple of the input means memory grows in
   proportion to it).
7. **Dates**: ``articlekit.parse_date`` per call on fast-path forms, and on a form only
   dateparser reads: first call in a fresh interpreter, another uncached call, a cached
   call.
8. **Adversarial inputs**: one character a line, ``"a`` lines, mixed line breaks and
   10,000 quotation marks, about 100,000 characters each (30,000 with ``--quick``):
   µs per byte against ordinary text of the same size, and the peak ``tracemalloc``
   memory as a multiple of the input.
9. **Many articles**: ``articlekit.parse_many`` over the first 10,000 generated articles
   (2,000 with ``--quick``) with ``jobs=1`` and with ``--jobs`` worker processes (every
   core by default; the pool's start-up is included), and the time to pickle and
   unpickle one article, which is what a worker adds to each record. This is the only
   row that uses more than one core.

It prints a short table and writes the same numbers as JSON. The exit status is 0
(it is a report), unless ``--check`` is given: then 1 when a target fails.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import gc
import itertools
import json
import os
import pickle
import platform
import random
import subprocess
import sys
import time
import tracemalloc
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import regex

import articlekit
import articlekit._parser
from articlekit import _dates, _text
from articlekit._build import build
from articlekit._classify import classify
from articlekit._group import group
from articlekit._labeller import Labeller, line_records, reconcile
from articlekit._normalise import normalise, restore
from articlekit._parser import rule_reading
from articlekit._segment import segment
from articlekit.cleaners import DEFAULT

REPO = Path(__file__).resolve().parent.parent
DEV_DIR = REPO.parent / "shared" / "corpus" / "dev"
FALLBACK = REPO / "examples" / "porthcarrow-storm.txt"
DEFAULT_JSON = REPO / "benchmarks" / "results.json"

FULL_ARTICLES = 20_000
QUICK_ARTICLES = 2_000
FULL_PIECES = 1_000
QUICK_PIECES = 100
PIECE_CHARS = 10_000
MB = 1e6

FAST_DATES = ("2021-05-18", "Published: 10:32, Tue, May 18, 2021", "18 May 2021")
# (first, another of the same form): the first whose form the fast path cannot read is used
SLOW_DATES = (("18 мая 2021", "19 мая 2021"), ("18 maja 2021", "19 maja 2021"), ("2021年5月18日", "2021年5月19日"))

FLOOR_PATTERN = regex.compile(r"\s*(?:READ MORE|date)\b")

# words a generated line may lose or gain: lowercase (else Titlecase, else UPPERCASE) words
# of four letters or more, not glued to a digit, an apostrophe, a hyphen or a URL
_EDGE_BEFORE = r"(?<![\p{L}\p{N}'’\-_./@#]|\d\s)"
_EDGE_AFTER = r"(?![\p{L}\p{N}'’\-_/@]|\s\d)"
_LOWER = regex.compile(rf"{_EDGE_BEFORE}\p{{Ll}}{{4,}}{_EDGE_AFTER}")
_TITLE = regex.compile(rf"(?<!^\s*){_EDGE_BEFORE}\p{{Lu}}\p{{Ll}}{{3,}}{_EDGE_AFTER}")
_UPPER = regex.compile(rf"{_EDGE_BEFORE}\p{{Lu}}{{4,}}{_EDGE_AFTER}")
# the minutes of a clock time (10:56, 10.32): shifted by the same amount in one article
_MINUTES = regex.compile(r"(?<=(?<![\d.:])\d{1,2}[:.])[0-5]\d(?![\d.:])")
_WORD = regex.compile(r"\p{L}{4,}")
# never swapped: the words that make a line what it is
_KEEP = frozenset(
    "date said says told added according asked continued explained warned wrote more read also image images "
    "photo picture credit getty advertisement published updated posted hours minutes days weeks ago yesterday "
    "today tomorrow watch video live breaking exclusive click here".split()
)


@dataclass(frozen=True)
class Target:
    name: str
    key: str
    op: str
    limit: float
    shown: str = ""  # how the table writes the target, when not "≥ limit" / "≤ limit"

    def passes(self, value: float) -> bool:
        return value >= self.limit if self.op == ">=" else value <= self.limit

    def text(self) -> str:
        return self.shown or f"{'≥' if self.op == '>=' else '≤'} {self.limit:,g}"


TARGETS = (
    Target("throughput (articles/s)", "throughput.articles_per_s", ">=", 10_000),
    Target("ratio to floor", "floor.ratio", "<=", 10),
    Target("import articlekit (ms)", "import.ms", "<=", 100),
    Target("dateparser loaded by import", "import.dateparser_loaded", "<=", 0, shown="no"),
    Target("linearity (big/pieces)", "linearity.ratio", "<=", 1.3),
    Target("adversarial cost per byte (× ordinary)", "adversarial.worst_cost_ratio", "<=", 5),
    Target("adversarial peak memory (× input)", "adversarial.worst_peak_per_input", "<=", 20),
)

# the size of each adversarial text, and of the ordinary text it is compared with
FULL_ADVERSARIAL_CHARS = 100_000
QUICK_ADVERSARIAL_CHARS = 30_000


# --- corpus --------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def load_dev() -> tuple[str, list[str]]:
    """The dev corpus texts (and where they came from), or the shipped example."""
    paths = sorted(DEV_DIR.glob("*.txt")) if DEV_DIR.is_dir() else []
    if paths:
        return str(DEV_DIR), [read_text(p) for p in paths]
    return str(FALLBACK), [read_text(FALLBACK)]


def mb(texts: Iterable[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / MB


def _parser_words() -> frozenset[str]:
    """Every word of four letters or more in a string constant of articlekit's source
    (its pattern tables, its regular expressions, its word lists), docstrings aside."""
    found: set[str] = set()
    for path in Path(articlekit.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                found.update(w.lower() for w in _WORD.findall(node.value))
    return frozenset(found)


_CASES = (_LOWER, _TITLE, _UPPER)


@dataclass(frozen=True)
class Vocabulary:
    """The words a generated article may take, by case (lower, Title, UPPER), and the
    words it must keep."""

    pools: tuple[tuple[str, ...], ...]
    keep: frozenset[str]

    @classmethod
    def from_texts(cls, texts: Sequence[str], keep: frozenset[str]) -> Vocabulary:
        lines = [line for text in texts for line in text.splitlines()]
        pools = tuple(
            tuple(sorted({w for line in lines for w in case.findall(line) if w.lower() not in keep})) for case in _CASES
        )
        return cls(pools, keep)

    def swappable(self, line: str) -> tuple[list[str], tuple[str, ...]]:
        """The line's lowercase words that may change (else its Titlecase ones, else its
        UPPERCASE ones) and the pool their replacements come from."""
        for case, pool in zip(_CASES, self.pools, strict=True):
            words = [w for w in case.findall(line) if w.lower() not in self.keep]
            if words:
                return words, pool
        return [], ()


def _swap_map(lines: Sequence[str], rng: random.Random, vocab: Vocabulary) -> dict[str, str]:
    """Word replacements for one article: one to three words changed in every line that
    has a swappable word. One map for the whole article, so that its repeats (a headline
    printed twice, a caption and its truncated copy) stay repeats."""
    swaps: dict[str, str] = {}
    for line in lines:
        words, pool = vocab.swappable(line)
        if len(pool) < 2:
            continue
        fresh = sorted(set(words) - swaps.keys())
        wanted = rng.randint(1, 3) - (len(set(words)) - len(fresh))
        for word in rng.sample(fresh, max(0, min(len(fresh), wanted))):
            new = rng.choice(pool)
            swaps[word] = new if new != word else pool[(pool.index(new) + 1) % len(pool)]
    return swaps


def perturb(text: str, rng: random.Random, vocab: Vocabulary) -> str:
    """*text* with words swapped for others of the same text and case, and clock times
    moved by a few minutes; line breaks, blank lines, quotation marks, dates and the
    words the parser looks for stay as they were."""
    lines = text.splitlines(keepends=True)
    swaps = _swap_map(lines, rng, vocab)
    shift = rng.randrange(1, 60)

    def swap(match: regex.Match[str]) -> str:
        return swaps.get(match.group(), match.group())

    def move(match: regex.Match[str]) -> str:
        return f"{(int(match.group()) + shift) % 60:02d}"

    def change(line: str) -> str:
        for case in _CASES:
            line = case.sub(swap, line)
        return _MINUTES.sub(move, line)

    return "".join(change(line) for line in lines)


def generate(dev: Sequence[str], count: int, seed: int) -> list[str]:
    """*count* articles: article *i* is dev text ``i % len(dev)`` perturbed by a generator
    seeded with *seed* and *i*, lowercase words taken from the same text (so the same
    language), Titlecase and UPPERCASE ones (names, mostly) from the whole corpus."""
    keep = _KEEP | _parser_words()
    names = Vocabulary.from_texts(dev, keep).pools[1:]
    vocabs = [Vocabulary((Vocabulary.from_texts([text], keep).pools[0], *names), keep) for text in dev]
    return [perturb(dev[i % len(dev)], random.Random(f"{seed}:{i}"), vocabs[i % len(dev)]) for i in range(count)]


def _lines(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        for line in text.splitlines():
            stripped = line.strip()
            if stripped:
                yield stripped


def unique_line_share(texts: Iterable[str]) -> float:
    """Distinct non-blank lines over all non-blank lines."""
    seen: set[str] = set()
    total = 0
    for line in _lines(texts):
        seen.add(line)
        total += 1
    return len(seen) / total if total else 0.0


def lru_hit_share(texts: Iterable[str], size: int = 4096) -> float:
    """The share of non-blank lines an LRU cache of *size* lines, keyed by the stripped
    line as articlekit's per-line caches are, would answer from memory."""
    cache: OrderedDict[str, None] = OrderedDict()
    hits = total = 0
    for line in _lines(texts):
        total += 1
        if line in cache:
            hits += 1
            cache.move_to_end(line)
            continue
        cache[line] = None
        if len(cache) > size:
            cache.popitem(last=False)
    return hits / total if total else 0.0


def _shape(article: articlekit.Article) -> tuple[object, ...]:
    return (
        article.dateline is not None and article.dateline.date is not None,
        article.headline is not None,
        article.standfirst is not None,
        article.byline is not None,
        tuple(type(b).__name__ for b in article.body),
        tuple(r.reason for r in article.removed),
    )


def structure_preserved(dev: Sequence[str], corpus: Sequence[str], rounds: int = 3) -> float:
    """Share of the first ``rounds * len(dev)`` generated articles that parse to the same
    shape (element types in order, dateline date, headline, removed reasons) as their dev text."""
    sample = corpus[: rounds * len(dev)]
    same = sum(_shape(articlekit.parse(dev[i % len(dev)])) == _shape(articlekit.parse(t)) for i, t in enumerate(sample))
    return same / len(sample) if sample else 0.0


# --- timing --------------------------------------------------------------------------------


def best_time(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def parse_all(texts: Sequence[str]) -> None:
    parse = articlekit.parse
    for text in texts:
        parse(text)


def floor_all(texts: Sequence[str]) -> None:
    match = FLOOR_PATTERN.match
    for text in texts:
        for line in text.splitlines():
            match(line)


def measure_throughput(corpus: Sequence[str], total_mb: float, passes: int) -> dict[str, float]:
    seconds = best_time(lambda: parse_all(corpus), passes)
    return {
        "passes": passes,
        "seconds": seconds,
        "articles_per_s": len(corpus) / seconds,
        "mb_per_s": total_mb / seconds,
        "us_per_article": seconds / len(corpus) * 1e6,
    }


def measure_floor(corpus: Sequence[str], ours_us: float) -> dict[str, float | str]:
    seconds = best_time(lambda: floor_all(corpus), 3)
    us = seconds / len(corpus) * 1e6
    return {"pattern": FLOOR_PATTERN.pattern, "us_per_article": us, "ratio": ours_us / us}


_NO_CLEANERS = articlekit.Pipeline(())


def _throughput_target() -> float:
    """The articles/s the throughput target asks for."""
    return next(t.limit for t in TARGETS if t.key == "throughput.articles_per_s")


def unclassified_all(texts: Sequence[str]) -> None:
    """Every text as a typed article of paragraphs: ``Parser.parse`` without classify
    and without cleaners (what any parse spends on blocks, spans and model objects)."""
    for text in texts:
        blocks = segment(text)
        with _text.line_scope(len(blocks)):
            blocks, trace = _NO_CLEANERS.run(blocks)
            build(group(blocks, text), text, None, trace)


def measure_unclassified(corpus: Sequence[str], ours_us: float, floor_us: float) -> dict[str, float]:
    seconds = best_time(lambda: unclassified_all(corpus), 3)
    us = seconds / len(corpus) * 1e6
    return {
        "us_per_article": us,
        "ratio_to_floor": us / floor_us,
        "share_of_parse": us / ours_us,
        "left_for_classify_and_clean_at_target_us": 1e6 / _throughput_target() - us,
    }


# --- stages --------------------------------------------------------------------------------

STAGES = ("segment", "classify", "label", "clean", "group", "build")
# _read_fast is what both public ones call: wrapped too, in case a stage calls it directly
DATE_FUNCTIONS = ("fast_date", "parse_date", "_read_fast")


@dataclass
class CallTimer:
    """Time spent in wrapped functions; a call made inside another is not counted twice."""

    seconds: float = 0.0
    calls: int = 0
    depth: int = 0

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self.depth:
                return function(*args, **kwargs)
            self.depth += 1
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start
                self.calls += 1
                self.depth -= 1

        return timed


def _articlekit_modules() -> list[ModuleType]:
    return [m for name, m in list(sys.modules.items()) if name.partition(".")[0] == "articlekit"]


@contextmanager
def timing_dates(timer: CallTimer) -> Iterator[list[str]]:
    """Wrap the date functions wherever the stages can look them up: in ``_dates``
    (``_classify`` and ``_build`` call ``_dates.fast_date(...)`` through the module) and
    under any name another articlekit module imported them as; yield what was wrapped."""
    originals = {id(f): f for f in (getattr(_dates, name, None) for name in DATE_FUNCTIONS) if callable(f)}
    wrappers = {key: timer.wrap(f) for key, f in originals.items()}
    patched: list[tuple[ModuleType, str, object]] = []
    for module in _articlekit_modules():
        for name, value in list(vars(module).items()):
            if id(value) in wrappers and value is originals[id(value)]:
                setattr(module, name, wrappers[id(value)])
                patched.append((module, name, value))
    try:
        yield sorted(f"{module.__name__}.{name}" for module, name, _ in patched)
    finally:
        for module, name, original in patched:
            setattr(module, name, original)


def parse_by_stages(text: str, clock: dict[str, float]) -> articlekit.Article:
    """``Parser.parse`` of the default parser by hand, adding each stage's time to *clock*.
    (Keep in step with ``Parser.parse``; :func:`stages_match_parse` checks that it is.)"""
    t0 = time.perf_counter()
    lines = segment(text)
    if not lines:
        return articlekit.Article(source=text)
    blocks = normalise(lines)
    t1 = time.perf_counter()
    clock["segment"] += t1 - t0
    with _text.line_scope(len(blocks)):
        t1 = time.perf_counter()
        pieces = classify(blocks, text)
        t2 = time.perf_counter()
        # the labeller: the rules' reading as features, the model, its labels made blocks
        records = line_records(blocks, rule_reading(pieces, text))
        labels, confidences = Labeller.default().label(records)
        pieces = reconcile(blocks, pieces, labels, confidences)
        if blocks is not lines:
            pieces = restore(pieces, text)
        t3 = time.perf_counter()
        cleaned, trace = DEFAULT.run(pieces)
        t4 = time.perf_counter()
        grouped = group(cleaned, text, find_standfirst=False)
        t5 = time.perf_counter()
        article = build(grouped, text, None, trace)
        t6 = time.perf_counter()
    clock["classify"] += t2 - t1
    clock["label"] += t3 - t2
    clock["clean"] += t4 - t3
    clock["group"] += t5 - t4
    clock["build"] += t6 - t5
    return article


def stages_match_parse(texts: Sequence[str]) -> bool:
    clock = dict.fromkeys(STAGES, 0.0)
    return all(parse_by_stages(t, clock) == articlekit.parse(t) for t in texts)


def measure_stages(corpus: Sequence[str]) -> dict[str, Any]:
    clock = dict.fromkeys(STAGES, 0.0)
    timer = CallTimer()
    with timing_dates(timer) as wrapped:
        for text in corpus:
            parse_by_stages(text, clock)
    total = sum(clock.values())
    n = len(corpus)
    rows = {name: {"us_per_article": s / n * 1e6, "percent": 100 * s / total} for name, s in clock.items()}
    rows["dates"] = {"us_per_article": timer.seconds / n * 1e6, "percent": 100 * timer.seconds / total}
    return {
        "stages": rows,
        "total_us_per_article": total / n * 1e6,
        "date_calls_per_article": timer.calls / n,
        "dates_wrapped": wrapped,
        "dates_note": "dates is included in classify and build",
        "matches_parse": stages_match_parse(corpus[:50]),
    }


# --- import --------------------------------------------------------------------------------


def _python(code: str, *args: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout


def _import_breakdown(top: int = 8) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import articlekit"], check=True, capture_output=True, text=True
    )
    rows: list[dict[str, Any]] = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            rows.append({"module": parts[2].strip(), "self_us": int(parts[0]), "cumulative_us": int(parts[1])})
    return sorted(rows, key=lambda r: int(r["self_us"]), reverse=True)[:top]


def measure_import(repeat: int = 5) -> dict[str, Any]:
    _python("import articlekit")  # warm the bytecode and the disk cache
    bare = min(_python("pass")[0] for _ in range(repeat))
    full = min(_python("import articlekit")[0] for _ in range(repeat))
    _, out = _python("import sys, articlekit; print(int('dateparser' in sys.modules))")
    return {
        "ms": (full - bare) * 1e3,
        "python_startup_ms": bare * 1e3,
        "dateparser_loaded": int(out.strip()),
        "slowest_modules": _import_breakdown(),
    }


# --- linear cost and memory ----------------------------------------------------------------


def make_pieces(corpus: Sequence[str], count: int, chars: int = PIECE_CHARS) -> list[str]:
    """*count* texts of up to about *chars* characters, each several articles joined by a
    blank line (one article when a single one is longer)."""
    articles = itertools.cycle(corpus)
    pieces = []
    for _ in range(count):
        parts: list[str] = []
        size = 0
        while not parts or size < chars:
            article = next(articles)
            if parts and size + len(article) > chars:
                break
            parts.append(article)
            size += len(article) + 2
        pieces.append("\n\n".join(parts))
    return pieces


def measure_linearity(pieces: Sequence[str], big: str, repeat: int = 2) -> dict[str, float]:
    parse_all(pieces[:20])  # warm
    pieces_s = best_time(lambda: parse_all(pieces), repeat)
    big_s = best_time(lambda: articlekit.parse(big), repeat)
    return {
        "repeat": repeat,
        "pieces": len(pieces),
        "input_mb": mb([big]),
        "big_s": big_s,
        "pieces_s": pieces_s,
        "ratio": big_s / pieces_s,
    }


def _peak_memory(text: str) -> float:
    """Peak ``tracemalloc`` MB while parsing *text*."""
    gc.collect()
    tracemalloc.start()
    article = articlekit.parse(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    del article
    return peak / MB


def measure_memory(pieces: Sequence[str], big: str) -> dict[str, float]:
    """Peak memory of parsing *big* (the linearity text, its *pieces* joined), and of a
    text of a tenth as many pieces: memory in proportion to the input gives the same
    multiple of the input for both."""
    small = "\n\n".join(pieces[: max(1, len(pieces) // 10)])
    size, small_size = mb([big]), mb([small])
    peak, small_peak = _peak_memory(big), _peak_memory(small)
    return {
        "input_mb": size,
        "peak_mb": peak,
        "peak_per_input": peak / size,
        "small_input_mb": small_size,
        "small_peak_mb": small_peak,
        "small_peak_per_input": small_peak / small_size,
        "proportionality": (peak / size) / (small_peak / small_size),
    }


# --- adversarial inputs --------------------------------------------------------------------


def adversarial_texts(chars: int) -> dict[str, str]:
    """Inputs that cost far more per byte than articles do, each about *chars* long: a
    line per character, a quotation mark opening every line, every kind of line break,
    and a run of quotation marks."""
    return {
        "one-character lines": "a\n" * (chars // 2),
        "quotation-mark lines": '"a\n' * (chars // 3),
        "mixed line breaks": "a\r\nb\rc\n" * (chars // 7),
        "10,000 quotation marks": '"' * 10_000 + " and a word",
    }


def measure_adversarial(corpus: Sequence[str], chars: int) -> dict[str, Any]:
    """The cost per byte and the peak memory of each adversarial text, beside those of
    ordinary text of the same size (generated articles joined by blank lines); each
    parse once for time, with the per-line caches emptied, and once under tracemalloc."""
    ordinary = "\n\n".join(make_pieces(corpus, 1, chars))

    def reading(text: str) -> dict[str, float]:
        size = len(text.encode("utf-8"))
        forget_lines()
        start = time.perf_counter()
        articlekit.parse(text)
        seconds = time.perf_counter() - start
        forget_lines()
        return {"bytes": size, "us_per_byte": seconds / size * 1e6, "peak_per_input": _peak_memory(text) * MB / size}

    base = reading(ordinary)
    rows = {}
    for name, text in adversarial_texts(chars).items():
        row = reading(text)
        row["cost_ratio"] = row["us_per_byte"] / base["us_per_byte"]
        rows[name] = row
    return {
        "chars": chars,
        "ordinary": base,
        "inputs": rows,
        "worst_cost_ratio": max(r["cost_ratio"] for r in rows.values()),
        "worst_peak_per_input": max(r["peak_per_input"] for r in rows.values()),
    }


# --- many articles -------------------------------------------------------------------------


def measure_many(corpus: Sequence[str], jobs: int) -> dict[str, Any]:
    """``parse_many`` over the corpus in this process and in *jobs* worker processes
    (pool start-up included), and what sending one article back from a worker costs."""

    def seconds(workers: int) -> float:
        start = time.perf_counter()
        count = sum(1 for _ in articlekit.parse_many(corpus, jobs=workers))
        assert count == len(corpus)
        return time.perf_counter() - start

    one = seconds(1)
    many = seconds(jobs) if jobs > 1 else one
    articles = [articlekit.parse(text) for text in corpus[:1_000]]
    start = time.perf_counter()
    blobs = [pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL) for article in articles]
    dumped = time.perf_counter()
    for blob in blobs:
        pickle.loads(blob)
    loaded = time.perf_counter()
    return {
        "articles": len(corpus),
        "jobs": jobs,
        "one_job_articles_per_s": len(corpus) / one,
        "articles_per_s": len(corpus) / many,
        "speedup": one / many,
        "pickle_dumps_us": (dumped - start) / len(articles) * 1e6,
        "pickle_loads_us": (loaded - dumped) / len(articles) * 1e6,
        "pickle_bytes": sum(map(len, blobs)) / len(articles),
    }


# --- dates ---------------------------------------------------------------------------------


def forget_lines() -> None:
    """Empty articlekit's per-line caches, so that what is timed next reads every line."""
    for cache in (*_text._SHORT_CACHES, *_text._LONG_CACHES):
        cache.clear()


def per_call_us(function: Callable[[str], object], text: str, calls: int) -> tuple[float, float]:
    """µs per call of *function* on up to 1,000 texts of the form of *text* (its year
    changed, so that no call finds an answer another left in the per-line caches), and
    per call on *text* again, *calls* times (each call after the first answered from them)."""
    texts = [text.replace("2021", str(1900 + i)) for i in range(min(calls, 1_000))]
    best = float("inf")
    for _ in range(5):
        forget_lines()
        start = time.perf_counter()
        for variant in texts:
            function(variant)
        best = min(best, time.perf_counter() - start)

    def again() -> None:
        for _ in range(calls):
            function(text)

    return best / len(texts) * 1e6, best_time(again, 3) / calls * 1e6


_SLOW_SCRIPT = """
import json, sys, time
from articlekit import _dates, parse_date
pairs = json.loads(sys.argv[1])
first, other = next(((a, b) for a, b in pairs if _dates.fast_date(a) is None), pairs[0])
t0 = time.perf_counter(); value = parse_date(first); t1 = time.perf_counter()
parse_date(other); t2 = time.perf_counter()
for _ in range(1000):
    parse_date(first)
t3 = time.perf_counter()
print(json.dumps({"text": first, "value": value, "first_ms": (t1 - t0) * 1e3,
                  "uncached_ms": (t2 - t1) * 1e3, "cached_us": (t3 - t2) / 1000 * 1e6}))
"""


def measure_dates(calls: int) -> dict[str, Any]:
    timed = {text: per_call_us(articlekit.parse_date, text, calls) for text in FAST_DATES}
    _, out = _python(_SLOW_SCRIPT, json.dumps(SLOW_DATES, ensure_ascii=False))
    return {
        "fast_us": {text: first for text, (first, _) in timed.items()},
        "fast_again_us": {text: again for text, (_, again) in timed.items()},
        "slow": json.loads(out),
    }


# --- report --------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "articlekit": articlekit.__version__,
        "commit": commit or None,
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def lookup(results: dict[str, Any], key: str) -> float:
    value: Any = results
    for part in key.split("."):
        value = value[part]
    return float(value)


def verdict(target: Target, results: dict[str, Any]) -> dict[str, Any]:
    value = lookup(results, target.key)
    return {
        "name": target.name,
        "value": value,
        "op": target.op,
        "limit": target.limit,
        "target": target.text(),
        "pass": target.passes(value),
    }


def verdicts(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each target's value and verdict, by the key of the number it judges."""
    return {t.key: verdict(t, results) for t in TARGETS}


def _row(label: str, value: str, judged: dict[str, Any] | None = None) -> str:
    if judged is None:
        return f"  {label:<40} {value:>22}"
    return f"  {label:<40} {value:>22}   {judged['target']:<9} {'PASS' if judged['pass'] else 'FAIL'}"


def _header(results: dict[str, Any]) -> list[str]:
    m, c = results["machine"], results["corpus"]
    return [
        f"articlekit {m['articlekit']}, Python {m['python']}, {m['platform']}, {m['cpu_count']} CPUs (one used)",
        f"corpus: {c['dev_articles']} dev texts ({c['dev_mb']:.2f} MB) -> {c['articles']:,} generated articles "
        f"({c['mb']:.1f} MB)",
        f"  {c['unique_line_share']:.0%} of lines unique; a 4096-line LRU would answer {c['lru4096_hit_share']:.0%} "
        f"of lines (repeating the dev texts: {c['dev_repeated_lru4096_hit_share']:.0%}); "
        f"{c['structure_preserved']:.0%} parse to the shape of their dev text",
        "",
    ]


def _targets(results: dict[str, Any]) -> list[str]:
    t, f, u, i, lin, mem = (
        results[k] for k in ("throughput", "floor", "unclassified", "import", "linearity", "memory")
    )
    v = results["targets"]
    return [
        _row("throughput", f"{t['articles_per_s']:,.0f} articles/s", v["throughput.articles_per_s"]),
        _row("  MB/s | µs/article", f"{t['mb_per_s']:.2f} | {t['us_per_article']:,.0f}"),
        _row("floor: splitlines + 1 regex match/line", f"{f['us_per_article']:.1f} µs/article"),
        _row("ratio to floor", f"{f['ratio']:.1f}×", v["floor.ratio"]),
        _row(
            "typed article, nothing classified",
            f"{u['us_per_article']:.0f} µs/article = {u['ratio_to_floor']:.1f}×",
        ),
        _row("import articlekit", f"{i['ms']:.0f} ms", v["import.ms"]),
        _row(
            "dateparser loaded by the import", "yes" if i["dateparser_loaded"] else "no", v["import.dateparser_loaded"]
        ),
        _row(
            f"linearity: {lin['input_mb']:.1f} MB vs {lin['pieces']:,} pieces",
            f"{lin['ratio']:.2f}",
            v["linearity.ratio"],
        ),
        _row("peak memory of that parse", f"{mem['peak_mb']:,.0f} MB = {mem['peak_per_input']:.1f}× input"),
        _row(
            f"  of a {mem['small_input_mb']:.1f} MB text (a tenth)",
            f"{mem['small_peak_mb']:,.1f} MB = {mem['small_peak_per_input']:.1f}× input",
        ),
    ]


def _stages(results: dict[str, Any]) -> list[str]:
    s = results["stages"]
    warning = "" if s["matches_parse"] else "   (!) differs from parse()"
    lines = ["", f"  {'stage':<10} {'µs/article':>11} {'% of total':>11}{warning}"]
    for name, row in s["stages"].items():
        note = "  (inside classify and build)" if name == "dates" else ""
        lines.append(f"  {name:<10} {row['us_per_article']:>11,.1f} {row['percent']:>10.1f}%{note}")
    return lines


def _dates_rows(results: dict[str, Any]) -> list[str]:
    d = results["dates"]
    lines = ["", "  parse_date"]
    lines += [
        f"    {text!r:<40} {us:>9.2f} µs/call, the same text again {d['fast_again_us'][text]:.2f} µs"
        for text, us in d["fast_us"].items()
    ]
    slow = d["slow"]
    lines.append(
        f"    {slow['text']!r:<40} first call {slow['first_ms']:.0f} ms (imports dateparser), "
        f"another {slow['uncached_ms']:.2f} ms, cached {slow['cached_us']:.2f} µs"
    )
    return lines


def _adversarial_rows(results: dict[str, Any]) -> list[str]:
    a, v = results["adversarial"], results["targets"]
    o = a["ordinary"]
    lines = [
        "",
        f"  {'adversarial inputs (' + format(a['chars'], ',') + ' chars each)':<40} {'µs/byte':>8} {'× ordinary':>11}"
        f" {'peak × input':>13}",
        f"    {'ordinary text':<38} {o['us_per_byte']:>8.2f} {1:>11.1f} {o['peak_per_input']:>13.1f}",
    ]
    for name, row in a["inputs"].items():
        lines.append(
            f"    {name:<38} {row['us_per_byte']:>8.2f} {row['cost_ratio']:>11.1f} {row['peak_per_input']:>13.1f}"
        )
    lines.append(
        _row("  worst cost per byte", f"{a['worst_cost_ratio']:.1f}× ordinary", v["adversarial.worst_cost_ratio"])
    )
    lines.append(
        _row("  worst peak memory", f"{a['worst_peak_per_input']:.0f}× input", v["adversarial.worst_peak_per_input"])
    )
    return lines


def _many_rows(results: dict[str, Any]) -> list[str]:
    m = results["many"]
    return [
        "",
        f"  parse_many over {m['articles']:,} articles (worker pool start-up included)",
        _row("    jobs=1", f"{m['one_job_articles_per_s']:,.0f} articles/s"),
        _row(f"    jobs={m['jobs']}", f"{m['articles_per_s']:,.0f} articles/s = {m['speedup']:.2f}×"),
        _row(
            "    an article from a worker: pickle",
            f"{m['pickle_dumps_us']:.0f} + {m['pickle_loads_us']:.0f} µs, {m['pickle_bytes']:,.0f} B",
        ),
    ]


def render(results: dict[str, Any]) -> str:
    passed = sum(v["pass"] for v in results["targets"].values())
    footer = ["", f"targets: {passed}/{len(results['targets'])} pass"]
    rows = _header(results) + _targets(results) + _stages(results) + _dates_rows(results) + _adversarial_rows(results)
    rows += _many_rows(results)
    return "\n".join(rows + footer)


# --- main ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    articles: int
    passes: int
    pieces: int
    date_calls: int
    adversarial_chars: int
    many: int
    jobs: int
    seed: int
    json_path: Path
    quick: bool
    check: bool


def parse_args(argv: Sequence[str] | None = None) -> Config:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, help=f"generated articles (default {FULL_ARTICLES:,})")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the results")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ARTICLES:,} articles, {QUICK_PIECES} pieces")
    parser.add_argument("--passes", type=int, help="throughput passes (default 3, or 1 over 5,000 articles)")
    parser.add_argument("--pieces", type=int, help=f"~10 KB pieces in the linearity text (default {FULL_PIECES})")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the generated corpus")
    parser.add_argument("--jobs", type=int, help="worker processes for the parse_many row (default: every core)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails")
    args = parser.parse_args(argv)
    articles = args.articles or (QUICK_ARTICLES if args.quick else FULL_ARTICLES)
    return Config(
        articles=articles,
        passes=args.passes or (3 if articles <= 5_000 else 1),
        pieces=args.pieces or (QUICK_PIECES if args.quick else FULL_PIECES),
        date_calls=2_000 if args.quick else 10_000,
        adversarial_chars=QUICK_ADVERSARIAL_CHARS if args.quick else FULL_ADVERSARIAL_CHARS,
        many=min(articles, 2_000 if args.quick else 10_000),
        jobs=args.jobs or os.cpu_count() or 1,
        seed=args.seed,
        json_path=args.json,
        quick=args.quick,
        check=args.check,
    )


def step(label: str) -> None:
    print(f"... {label}", file=sys.stderr, flush=True)


def run(config: Config) -> dict[str, Any]:
    step("reading and generating the corpus")
    source, dev = load_dev()
    corpus = generate(dev, config.articles, config.seed)
    total_mb = mb(corpus)
    parse_all(dev)  # warm: compiled patterns, lazily built tables
    results: dict[str, Any] = {
        "schema": "articlekit-bench/1",
        "machine": machine(),
        "config": {k: v for k, v in vars(config).items() if k != "json_path"},
        "corpus": {
            "dev_source": source,
            "dev_articles": len(dev),
            "dev_mb": mb(dev),
            "articles": len(corpus),
            "mb": total_mb,
            "unique_line_share": unique_line_share(corpus),
            "lru4096_hit_share": lru_hit_share(corpus),
            "dev_repeated_lru4096_hit_share": lru_hit_share(dev[i % len(dev)] for i in range(len(corpus))),
            "structure_preserved": structure_preserved(dev, corpus),
        },
    }
    step(f"throughput ({config.passes} pass(es) over {len(corpus):,} articles)")
    results["throughput"] = measure_throughput(corpus, total_mb, config.passes)
    results["floor"] = measure_floor(corpus, results["throughput"]["us_per_article"])
    results["unclassified"] = measure_unclassified(
        corpus, results["throughput"]["us_per_article"], results["floor"]["us_per_article"]
    )
    step("stages")
    results["stages"] = measure_stages(corpus)
    step("import time")
    results["import"] = measure_import()
    step(f"linear cost ({config.pieces:,} pieces)")
    pieces = make_pieces(corpus, config.pieces)
    big = "\n\n".join(pieces)
    results["linearity"] = measure_linearity(pieces, big)
    step("peak memory")
    results["memory"] = measure_memory(pieces, big)
    step("dates")
    results["dates"] = measure_dates(config.date_calls)
    step(f"adversarial inputs ({config.adversarial_chars:,} characters each)")
    results["adversarial"] = measure_adversarial(corpus, config.adversarial_chars)
    many = corpus[: config.many]
    step(f"parse_many ({len(many):,} articles, 1 and {config.jobs} jobs)")
    results["many"] = measure_many(many, config.jobs)
    results["targets"] = verdicts(results)
    results["all_pass"] = all(v["pass"] for v in results["targets"].values())
    return results


def main(argv: Sequence[str] | None = None) -> int:
    config = parse_args(argv)
    results = run(config)
    print(render(results))
    config.json_path.parent.mkdir(parents=True, exist_ok=True)
    config.json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {config.json_path}")
    return 1 if config.check and not results["all_pass"] else 0


if __name__ == "__main__":
    sys.exit(main())

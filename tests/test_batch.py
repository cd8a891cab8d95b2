"""``articlekit.parse_many``: many texts, in order, in worker processes, none lost."""

from __future__ import annotations

import ctypes
import json
import logging
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs
import pytest

import articlekit
from articlekit import Article, BatchError, Failed, Parser, _batch, parse, parse_many
from articlekit._batch import _check_jobs
from articlekit.errors import ArticlekitError, ConfigurationError, InputTypeError

from .conftest import EXAMPLE, read_exact

KILL = "<<kill the worker>>"

WRITTEN = [
    ' date 2021-05-18 Storm hits coast\n\nThe council said: "Stay at home."\n',
    "Storm hits coast\nThousands of homes are without power tonight\n"
    'The council said: "Stay at home.\nREAD MORE: Floods close roads\n"We will reopen the roads soon."\n',
    "Café reopens after floods\nBy Jane Smith\nThe owner said the café would reopen on Monday.\nAdvertisement\n",
    "",
    "   \n\n",
    "Election night\n\nPolls closed at 10pm.\n\n(Image: Getty)\n\nThe count began at once.\n",
]


def _texts() -> list[str]:
    return [read_exact(EXAMPLE), *WRITTEN]


def _numbered_headline(i: int) -> str:
    # a headline of a realistic length: the labeller (the default) reads every one of
    # these as the headline, where it took a short "Storm number 2 hits the coast" for furniture
    return f"Storm number {i} hits the coast as thousands of homes lose power"


def _numbered(n: int) -> list[str]:
    """*n* different articles, so that a result in the wrong place shows."""
    return [f"{_numbered_headline(i)}\nThe sea wall gave way {i} times at dawn.\n" for i in range(n)]


def _same(results: Sequence[object], texts: Sequence[str], parser: Parser | None = None) -> None:
    expected = [(parser or Parser()).parse(t) for t in texts]
    assert len(results) == len(expected)
    for i, (got, want) in enumerate(zip(results, expected, strict=True)):
        assert isinstance(got, Article), (i, got)
        assert got == want, i
        assert got.to_dict(trace=True) == want.to_dict(trace=True), i  # the trace, too


@attrs.frozen
class KillingParser:
    """A parser that kills the process it runs in when it sees *marker*: a test stand-in
    for a text that crashes a worker (module level, so that it pickles)."""

    marker: str = KILL
    how: str = "exit"

    def parse(self, text: str) -> Article:
        if self.marker in text:
            if self.how == "exit":
                os._exit(1)
            elif self.how == "segfault":
                ctypes.string_at(0)  # reads address 0: SIGSEGV
            else:
                os.kill(os.getpid(), signal.SIGKILL)
        return parse(text)


class UnpicklableResultParser:
    """A parser whose result cannot be sent back from a worker."""

    def parse(self, text: str) -> Article:
        return lambda: text  # type: ignore[return-value]


@articlekit.cleaner("shout_headline")
def shout_headline(blocks):  # type: ignore[no-untyped-def]
    """Upper-case the headline (a module-level cleaner, so that it pickles)."""
    return [b.replace(text=b.text.upper()) if b.kind == "headline" else b for b in blocks]


class _Counting:
    """An iterable that counts how many items have been taken from it."""

    def __init__(self, texts: Iterator[object]) -> None:
        self.texts = texts
        self.taken = 0

    def __iter__(self) -> Iterator[object]:
        for text in self.texts:
            self.taken += 1
            yield text


# --- the same results as parse, in order ---------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_same_as_parse_in_order(jobs: int) -> None:
    texts = _texts() + _numbered(150)
    results = list(parse_many(texts, jobs=jobs))
    _same(results, texts)
    # each result holds its own text: the order is kept, whatever the labeller reads
    assert all(f"gave way {i} times" in json.dumps(a.to_dict()) for i, a in enumerate(results[-150:]))


@pytest.mark.parametrize("jobs", [1, 2])
def test_dev_corpus_same_as_parse(jobs: int, dev_texts: list[Path]) -> None:
    texts = [read_exact(path) for path in dev_texts]
    _same(list(parse_many(texts, jobs=jobs, chunk_size=5)), texts)


@pytest.mark.parametrize("chunk_size", [1, 3, 64, None])
def test_chunk_sizes_keep_order(chunk_size: int | None) -> None:
    texts = _numbered(40)
    _same(list(parse_many(iter(texts), jobs=2, chunk_size=chunk_size)), texts)


def test_a_configured_parser_goes_to_the_workers() -> None:
    # the built-in cleaners and a module-level @cleaner are sent by name: the
    # decorator hides the function from pickle's own lookup
    parser = Parser(cleaners=[*articlekit.cleaners.DEFAULT.without("drop_boilerplate"), shout_headline], languages="de")
    texts = [*_texts(), "Sturm trifft Küste\nAm 3. März brach die Mauer.\n"]
    results = list(parse_many(texts, jobs=2, parser=parser))
    _same(results, texts, parser)
    # the shipped example, whose headline the labeller (the default) finds, as the rules do
    assert results[0].headline is not None
    assert results[0].headline.text == "HARBOUR WALL BREACHED AS STORM FLOODS PORTHCARROW SEAFRONT"
    assert "Advertisement" in [p.text for p in results[3].paragraphs]


def test_a_parser_that_cannot_pickle_fails_at_once_with_jobs() -> None:
    @articlekit.cleaner("local")
    def local(blocks):  # type: ignore[no-untyped-def]
        return list(blocks)

    parser = Parser(cleaners=[local])
    with pytest.raises(ConfigurationError, match=r"cannot be pickled.*jobs=1"):
        parse_many(["text"], jobs=2, parser=parser)
    _same(list(parse_many(_texts(), parser=parser)), _texts(), parser)  # in process it needs no pickling


def test_jobs_0_uses_every_core() -> None:
    texts = _numbered(12)
    _same(list(parse_many(texts, jobs=0)), texts)


def test_empty_input() -> None:
    assert list(parse_many([], jobs=2)) == []
    assert list(parse_many(iter([]))) == []


# --- streaming ------------------------------------------------------------------------------


def test_in_process_takes_one_text_per_result() -> None:
    source = _Counting(iter(_numbered(100_000)))
    results = parse_many(source)
    for n in range(1, 6):
        next(results)
        assert source.taken == n
    results.close()


def test_workers_read_a_bounded_way_ahead() -> None:
    # 2 workers × 2 chunks in flight × 8 records: never more than 32 records ahead
    source = _Counting(iter(_numbered(100_000)))
    results = parse_many(source, jobs=2, chunk_size=8)
    for n in range(1, 41):
        next(results)
        assert n <= source.taken <= n + 32
    results.close()
    assert source.taken < 100
    assert not multiprocessing.active_children()  # closing stopped the workers


def test_nothing_is_read_before_the_first_result_is_asked_for() -> None:
    source = _Counting(iter(_numbered(10)))
    results = parse_many(source, jobs=2)
    assert source.taken == 0
    assert len(list(results)) == 10


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_reading_the_input_comes_after_the_results_before_it(jobs: int) -> None:
    def texts() -> Iterator[str]:
        yield from _numbered(10)
        raise OSError("the disk went away")

    got: list[Article] = []
    with pytest.raises(OSError, match="the disk went away"):
        got.extend(parse_many(texts(), jobs=jobs, chunk_size=4))
    _same(got, _numbered(10))


# --- failed records ---------------------------------------------------------------------------


def _type_error_message(item: object) -> str:
    with pytest.raises(InputTypeError) as exc:
        parse(item)  # type: ignore[arg-type]
    return str(exc.value)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_non_str_record_fails_in_its_place(jobs: int) -> None:
    texts: list[object] = list(_numbered(30))
    texts[3] = b"Storm hits coast"
    texts[17] = None
    texts[29] = 42
    results = list(parse_many(texts, jobs=jobs, chunk_size=4, on_error="record"))
    assert len(results) == 30
    assert results[3] == Failed(3, "InputTypeError", _type_error_message(b"Storm hits coast"))
    assert "decode it first" in results[3].message  # type: ignore[union-attr]
    assert results[17] == Failed(17, "InputTypeError", _type_error_message(None))
    assert results[29] == Failed(29, "InputTypeError", _type_error_message(42))
    good = [i for i in range(30) if i not in (3, 17, 29)]
    _same([results[i] for i in good], [texts[i] for i in good])  # type: ignore[misc]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failed_record_raises_with_its_index(jobs: int) -> None:
    texts: list[object] = list(_numbered(20))
    texts[13] = b"bytes"
    got: list[Article] = []
    with pytest.raises(BatchError) as exc:
        got.extend(parse_many(texts, jobs=jobs, chunk_size=4))
    assert isinstance(exc.value, ArticlekitError)
    assert exc.value.index == 13
    assert exc.value.failed == Failed(13, "InputTypeError", _type_error_message(b"bytes"))
    assert str(exc.value).startswith("record 13 failed: InputTypeError: parse() takes the article as a str")
    _same(got, _numbered(13))  # everything before it came out first


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_parse_error_fails_the_record(jobs: int) -> None:
    parser = Parser(max_chars=200)
    texts = _numbered(10)
    texts[6] = "Storm hits coast\n" + "The sea wall gave way. " * 20
    results = list(parse_many(texts, jobs=jobs, parser=parser, on_error="record"))
    failed = results[6]
    assert isinstance(failed, Failed)
    assert (failed.index, failed.error_type) == (6, "InputTooLargeError")
    assert "max_chars=200" in failed.message
    _same(results[:6] + results[7:], texts[:6] + texts[7:], parser)


@pytest.mark.parametrize("jobs", [1, 2])
def test_skip_leaves_failed_records_out_and_logs_each(jobs: int, caplog: pytest.LogCaptureFixture) -> None:
    texts: list[object] = list(_numbered(12))
    texts[2], texts[9] = None, b"bytes"
    with caplog.at_level(logging.WARNING, logger="articlekit"):
        results = list(parse_many(texts, jobs=jobs, chunk_size=4, on_error="skip"))
    good = [t for t in texts if isinstance(t, str)]
    _same(results, good)
    assert [r.getMessage().split(":")[0] for r in caplog.records] == ["skipped record 2", "skipped record 9"]
    assert {r.name for r in caplog.records} == {"articlekit"}


def test_return_is_the_former_name_of_record() -> None:
    texts: list[object] = ["Storm hits coast\nThe sea wall gave way.", 42]
    assert list(parse_many(texts, on_error="return")) == list(parse_many(texts, on_error="record"))


def test_the_library_is_silent_by_default() -> None:
    # no handler of the application's: the warnings of on_error="skip" must not reach stderr
    code = "import articlekit; list(articlekit.parse_many([None, 'Storm hits coast'], on_error='skip'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")


def test_jobs_0_counts_the_cpus_this_process_may_use(monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "sched_getaffinity"):
        pytest.skip("no CPU affinity on this system")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3, 5})
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert _check_jobs(0) == 3
    assert _check_jobs(2) == 2


def test_in_process_the_error_is_chained() -> None:
    with pytest.raises(BatchError) as exc:
        list(parse_many(["x" * 300], parser=Parser(max_chars=200)))
    assert type(exc.value.__cause__).__name__ == "InputTooLargeError"


def test_failed_and_batch_error_pickle() -> None:
    failed = Failed(7, "WorkerDied", "gone")
    assert pickle.loads(pickle.dumps(failed)) == failed
    error = pickle.loads(pickle.dumps(BatchError.of(failed)))
    assert (error.index, error.failed, str(error)) == (7, failed, "record 7 failed: WorkerDied: gone")


# --- workers that die -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("how", "killers"),
    [("exit", {5, 6, 120}), ("segfault", {70}), ("sigkill", {199})],  # two in one chunk; one; the last
)
def test_a_record_that_kills_its_worker_fails_and_the_rest_are_parsed(how: str, killers: set[int]) -> None:
    texts = _numbered(200)
    for i in killers:
        texts[i] = f"Storm hits coast\n{KILL} number {i}\n"
    results = list(parse_many(texts, jobs=2, chunk_size=16, parser=KillingParser(how=how), on_error="record"))
    assert len(results) == len(texts)
    assert [r.index for r in results if isinstance(r, Failed)] == sorted(killers)
    assert {r.error_type for r in results if isinstance(r, Failed)} == {"WorkerDied"}
    good = [i for i in range(200) if i not in killers]
    _same([results[i] for i in good], [texts[i] for i in good])
    assert not multiprocessing.active_children()


def test_a_record_that_kills_its_worker_raises_with_its_index() -> None:
    texts = _numbered(50)
    texts[21] = KILL
    got: list[Article] = []
    with pytest.raises(BatchError) as exc:
        got.extend(parse_many(texts, jobs=2, chunk_size=8, parser=KillingParser()))
    assert exc.value.index == 21
    assert exc.value.failed is not None and exc.value.failed.error_type == "WorkerDied"
    _same(got, texts[:21])


def test_workers_that_die_on_every_record_give_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_batch, "_MAX_DEATHS_IN_A_ROW", 3)
    with pytest.raises(BatchError, match="died on 3 records in a row"):
        list(parse_many(_numbered(20), jobs=2, parser=KillingParser(marker=""), on_error="record"))
    assert not multiprocessing.active_children()


def test_results_that_cannot_come_back_from_a_worker_raise() -> None:
    with pytest.raises(BatchError, match="worker processes could not run the parser") as exc:
        list(parse_many(_numbered(3), jobs=2, parser=UnpicklableResultParser(), on_error="record"))
    assert exc.value.failed is None
    assert not multiprocessing.active_children()


# --- arguments ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"jobs": -1}, ConfigurationError, "jobs must be 0"),
        ({"jobs": "2"}, InputTypeError, "jobs must be an int"),
        ({"jobs": True}, InputTypeError, "jobs must be an int"),
        ({"on_error": "ignore"}, ConfigurationError, "on_error must be"),
        ({"chunk_size": 0}, ConfigurationError, "chunk_size must be"),
        ({"parser": object()}, InputTypeError, "parse\\(text\\) method"),
    ],
)
def test_bad_arguments_fail_at_the_call(kwargs: dict[str, object], error: type[Exception], match: str) -> None:
    source = _Counting(iter(_numbered(3)))
    with pytest.raises(error, match=match):
        parse_many(source, **kwargs)  # type: ignore[call-overload]
    assert source.taken == 0


@pytest.mark.parametrize("texts", ["Storm hits coast", b"Storm hits coast", 42])
def test_one_text_is_not_many(texts: object) -> None:
    with pytest.raises(InputTypeError, match="iterable of texts"):
        parse_many(texts)  # type: ignore[call-overload]

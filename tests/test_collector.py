"""The cyclic garbage collector waits while a text of many lines is parsed (#17: it does
not walk a big parse's objects over and over), and is as it was after."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence

import pytest

import articlekit
from articlekit import Block
from articlekit._collector import PAUSE_AT_LINES

LONG = "The sea wall gave way at dawn.\n" * PAUSE_AT_LINES
SHORT = "Storm hits coast\nThe sea wall gave way at dawn.\n"


def _watching(seen: list[bool], barrier: threading.Barrier | None = None) -> articlekit.Parser:
    """A parser whose one cleaner notes whether the collector runs while it cleans (and,
    with *barrier*, waits there for the other parses)."""

    @articlekit.cleaner("watch_collector")
    def watch(blocks: Sequence[Block]) -> list[Block]:
        seen.append(gc.isenabled())
        if barrier is not None:
            barrier.wait(timeout=60)
        return list(blocks)

    return articlekit.Parser(cleaners=[watch], model=None)


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:  # pragma: no cover - the test process runs with it on
        gc.disable()


def test_a_text_of_many_lines_is_parsed_with_the_collector_paused(collector_on: None) -> None:
    seen: list[bool] = []
    parser = _watching(seen)
    article = parser.parse(LONG)
    assert len(article.paragraphs) + len(article.removed) >= 1
    parser.parse(SHORT)
    assert seen == [False, True]
    assert gc.isenabled()


def test_a_collector_the_caller_paused_stays_paused(collector_on: None) -> None:
    seen: list[bool] = []
    gc.disable()
    try:
        _watching(seen).parse(LONG)
        assert seen == [False] and not gc.isenabled()
    finally:
        gc.enable()


def test_concurrent_parses_share_one_pause(collector_on: None) -> None:
    seen: list[bool] = []
    parser = _watching(seen, threading.Barrier(2))
    failures: list[BaseException] = []

    def run() -> None:
        try:
            parser.parse(LONG)
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures
    assert seen == [False, False]  # both inside at once, the collector paused for both
    assert gc.isenabled()


def test_a_failing_parse_gives_the_collector_back(collector_on: None) -> None:
    @articlekit.cleaner("fails")
    def fails(blocks: Sequence[Block]) -> list[Block]:
        raise RuntimeError("a cleaner failed")

    with pytest.raises(Exception, match="a cleaner failed"):
        articlekit.Parser(cleaners=[fails], model=None).parse(LONG)
    assert gc.isenabled()

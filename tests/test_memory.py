"""What a parse holds at once: a long text's lines are read a few at a time, so the peak
stays a small multiple of the text (measured on dev texts joined into 0.8 MB: 55 times
the input before, 18 times now). A text of very short lines costs far more for its size,
since every line is an element of the result; the labeller's decoding no longer adds to
that (0.1 MB of one-character lines: 676 times the input, then 421 times; 355 times
now that a decoding under constraints copies only the rows they touch)."""

from __future__ import annotations

import tracemalloc

import pytest

import articlekit
from articlekit import _features, _text
from articlekit._training import records_of
from tests.conftest import DEV, read_exact


@pytest.fixture(scope="module")
def long_text() -> str:
    texts = [read_exact(path) for path in sorted(DEV.glob("*.txt"))]
    return "\n\n".join(texts * 12)


def _peak(text: str) -> int:
    """The peak memory of a parse of *text*, with the model and dateparser loaded and the
    per-line caches empty before it."""
    parser = articlekit.Parser()
    parser.parse(text)
    for cache in (*_text._SHORT_CACHES, *_text._LONG_CACHES):
        cache.clear()
    tracemalloc.start()
    try:
        parser.parse(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak


def test_a_long_text_is_parsed_in_a_small_multiple_of_its_size(long_text: str) -> None:
    assert _peak(long_text) <= 25 * len(long_text), _peak(long_text) / len(long_text)


def test_a_text_of_short_lines_is_decoded_in_little_memory() -> None:
    # 373 to 378 times with the perceptron alone, 426 to 432 with the sum of the
    # perceptron and the random field: that model finds this text a headline where the
    # perceptron found none, and the text is decoded once more to hold it, while the
    # first decoding's labels and confidences are still held
    text = "a\n" * 30_000
    assert _peak(text) <= 450 * len(text), _peak(text) / len(text)


def test_the_words_of_long_lines_read_twice_give_the_same_features(
    long_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = records_of(long_text[:100_000])
    with _text.line_scope(len(records)):
        kept = _features.article_features(records)
        monkeypatch.setattr(_features, "_KEPT_WORDS", 100)  # almost every long line read again
        again = _features.article_features(records)
    assert again == kept


def test_an_article_of_a_few_hundred_lines_is_parsed_in_a_small_multiple_of_its_size() -> None:
    # the labeller sums the scores of a few lines at a time: holding the features of 512
    # lines at once, a 30 KB article peaked at about 100 times its size, of 32 at 32
    # times; of 8, at 25
    texts = [read_exact(path) for path in sorted(DEV.glob("*.txt"))]
    article = ""
    for text in texts:
        if len(article) >= 30_000:
            break
        article += text + "\n\n"
    assert _peak(article) <= 30 * len(article), _peak(article) / len(article)

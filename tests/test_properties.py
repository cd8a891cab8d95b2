"""Property tests: any string parses, losslessly."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import articlekit
from articlekit._classify import classify
from articlekit._segment import segment
from tests.invariants import check_article

# Lines built from the pieces scrapes are made of, so that the interesting paths run.
_PIECES = st.sampled_from(
    [
        " date 2021-05-18 ",
        "date 2020-12",
        "READ MORE: ",
        "Related: ",
        '"',
        "\u201c",
        "\u201d",
        "\u2018",
        "\u2019",
        "\u00ab",
        "\u00bb",
        "\u201e",
        "They said: ",
        ", he said.",
        "Advertisement",
        "(Image: Getty)",
        "pic.twitter.com/x1",
        "\u2014 Jane (@jane) May 15, 2021",
        "By Jane Smith",
        "LONDON (Reuters) - ",
        "KARACHI: ",
        "Published: 10:32, Tue, May 18, 2021",
        "- ",
        "1. ",
        "Storm hits coast",
        "word ",
        "The sea wall gave way at dawn. ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\u2028",
        "\x0c",
        " ",
        "\t",
        "\u200b",
    ]
)
_SCRAPE_LIKE = st.lists(_PIECES | st.text(max_size=12), max_size=40).map("".join)


def _parse_or_documented_error(text: str) -> articlekit.Article | None:
    try:
        return articlekit.parse(text)
    except articlekit.errors.InputTooLargeError:
        return None  # the only error a str can raise, and only past max_chars


@given(st.text())
def test_any_string_parses_losslessly(text: str) -> None:
    article = _parse_or_documented_error(text)
    assert article is not None
    check_article(text, article)
    assert articlekit.parse(text) == article  # deterministic


@given(_SCRAPE_LIKE)
def test_scrape_like_strings_parse_losslessly(text: str) -> None:
    article = articlekit.parse(text)
    check_article(text, article)
    assert articlekit.parse(text) == article  # deterministic


@given(st.binary(max_size=400))
def test_any_bytes_decode_or_raise_a_decoding_error(data: bytes) -> None:
    try:
        article = articlekit.parse_bytes(data)
    except articlekit.errors.DecodingError as exc:
        offset = exc.offset
        article = articlekit.parse_bytes(data, errors="replace")
        assert 0 <= offset < len(data)
    assert article.source is not None
    check_article(article.source, article)


@given(_SCRAPE_LIKE)
def test_every_built_in_cleaner_is_idempotent(text: str) -> None:
    blocks = classify(segment(text), text)
    for name in articlekit.cleaners.available():
        cleaner = articlekit.cleaners.get(name)
        if name == "repair_mojibake":
            continue  # ftfy's own fixes are its business; tested on real mojibake elsewhere
        once = list(cleaner(blocks))
        assert list(cleaner(once)) == once, name


_LABELLED = articlekit.Parser(model="default")


@given(_SCRAPE_LIKE)
def test_scrape_like_strings_parse_losslessly_under_the_labeller(text: str) -> None:
    article = _LABELLED.parse(text)
    check_article(text, article)
    assert _LABELLED.parse(text) == article  # deterministic
    for element in article.elements():
        assert element.confidence is not None and 0 <= element.confidence <= 1


@given(st.text())
def test_any_string_parses_losslessly_under_the_labeller(text: str) -> None:
    article = _LABELLED.parse(text)
    check_article(text, article)

"""Property tests: any string parses, losslessly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import articlekit
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


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_string_parses_losslessly(text: str) -> None:
    check_article(text, articlekit.parse(text))


@settings(max_examples=500, deadline=None)
@given(_SCRAPE_LIKE)
def test_scrape_like_strings_parse_losslessly(text: str) -> None:
    article = articlekit.parse(text)
    check_article(text, article)
    assert articlekit.parse(text) == article  # deterministic

"""No pattern backtracks catastrophically: adversarial input parses in linear time."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

import articlekit
from tests.conftest import EXAMPLE, read_exact

SIZE = 1_000_000

ADVERSARIAL = {
    "straight quotes": '"' * SIZE,
    "curly quotes": "\u201c\u201d" * (SIZE // 2),
    "lead-ins": ': "' * (SIZE // 3),
    "lead-ins with words": 'He said: "a" and: \u201cb ' * (SIZE // 24),
    "single quotes": ": '" * (SIZE // 3),
    "spaces": "a" + " " * SIZE + "b",
    "dashes": "-" * SIZE,
    "colons": ":" * SIZE,
    "read more": "READ MORE: " * (SIZE // 11),
    "read more lines": "READ MORE: x\n" * (SIZE // 13),
    "capitals": "LONDON " * (SIZE // 7),
    "digits": "18 May 2021 10:32 " * (SIZE // 18),
    "one long line": "The storm hit the coast at dawn, officials said. " * (SIZE // 49),
    "empty lines": "\n" * SIZE,
    "dialogue commas": "\u2013 Vi, " + "sa, " * (SIZE // 4),
    "speech after quotes": '"a," B.C. said "b," ' * (SIZE // 20),
}


def _seconds(text: str) -> float:
    start = time.perf_counter()
    articlekit.parse(text)
    return time.perf_counter() - start


@pytest.fixture(scope="module")
def ordinary_seconds() -> float:
    example = read_exact(EXAMPLE)
    text = (example + "\n") * (SIZE // (len(example) + 1))
    return min(_seconds(text) for _ in range(2))


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_input_parses_in_linear_time(name: str, ordinary_seconds: float) -> None:
    text = ADVERSARIAL[name]
    # each the best of two runs, so that one run slowed by the machine does not count
    quarter = min(_seconds(text[: len(text) // 4]) for _ in range(2))
    whole = min(_seconds(text) for _ in range(2))
    # four times the text takes about four times as long (a quadratic pattern: sixteen),
    # with a floor for timer noise
    assert whole <= 8 * max(quarter, 0.02), (name, whole, quarter)
    # and no input costs much more than ordinary text of its size (a text of a million
    # three-word lines makes a million elements where ordinary text makes a tenth of that)
    assert whole <= 10 * max(ordinary_seconds, 0.05), (name, whole, ordinary_seconds)


# --- every compiled pattern on its own ---------------------------------------------------

_MODULES = (
    "articlekit._lines", "articlekit._datelines", "articlekit._furniture", "articlekit._quotes", "articlekit._dates",
    "articlekit._text", "articlekit._decode", "articlekit._cleaners.unicode", "articlekit._cleaners.furniture",
    "articlekit._header", "articlekit._meta", "articlekit._classify", "articlekit._group", "articlekit._splits",
    "articlekit._features", "articlekit._speakers",
)  # fmt: skip
_NASTY = {
    "quotes": '"' * 5_000,
    "curly": "\u201c\u201d\u2018\u2019" * 1_250,
    "lead-ins": ': "' * 1_700,
    "spaces": "a" + " " * 5_000 + "b",
    "dashes": "-" * 5_000,
    "colons": ":" * 5_000,
    "read more": "READ MORE: " * 450,
    "capitals": "LONDON (Reuters) " * 300,
    "case folding": "S" * 2_000 + "An#eige " + "ß" * 2_000 + " ss" * 500,
    "digits": "18 May 2021 10:32 " * 280,
    "words": "said Mr Smith of the " * 250,
    "dots": "Mr. " * 1_250,
}


def _patterns() -> list[tuple[str, object]]:
    import importlib
    import re

    import regex

    found = []
    for name in _MODULES:
        module = importlib.import_module(name)
        for attr, value in vars(module).items():
            if isinstance(value, (regex.Pattern, re.Pattern)):
                found.append((f"{name}.{attr}", value))
    return found


def test_the_pattern_list_is_not_empty() -> None:
    assert len(_patterns()) > 30


@pytest.mark.parametrize(("where", "pattern"), _patterns(), ids=[w for w, _ in _patterns()])
def test_every_pattern_is_fast_on_adversarial_input(where: str, pattern: object) -> None:
    import re

    for name, text in _NASTY.items():
        for method in ("search", "match", "fullmatch", "findall"):
            start = time.perf_counter()
            if isinstance(pattern, re.Pattern):
                # the standard library's engine has no timeout: its patterns must be linear
                getattr(pattern, method)(text)
            else:
                # a pattern that backtracks catastrophically runs into the timeout and fails here
                getattr(pattern, method)(text, timeout=5.0)
            assert time.perf_counter() - start < 2.0, (where, name, method)


# is_caption skips the end patterns for a line that ends with a full stop (and closing
# quotation marks) and holds no dash: no end pattern may match such a line, whatever
# comes before the stop
_CAPTION_WORDS = (
    "Photo", "photo:", "Credit:", "(Image:", "Getty", "Images", "/AFP", "(AP)", "PA", "pic", "video",
    "Shutterstock", "(Picture:", "Reuters)", ")", ":", "/", "by", "the", "harbour", " ", "  ",
)  # fmt: skip


@given(st.lists(st.sampled_from(_CAPTION_WORDS) | st.text(max_size=8), max_size=12))
def test_no_caption_end_pattern_matches_a_line_ending_with_a_full_stop(parts: list[str]) -> None:
    from articlekit._furniture import _CAPTION_END

    text = " ".join(parts).replace("\u2014", "").replace("\u2013", "") + "."
    for tail in ("", " ", "  ", "\u201d", '"', "\u2019", "'", "\u00bb", "\u201d\u2019 "):
        assert _CAPTION_END.search(text + tail) is None

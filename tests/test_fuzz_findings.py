"""Inputs the fuzzer (fuzz/fuzz_parse_bytes.py) found, kept as regression tests."""

from __future__ import annotations

import time

import pytest

import articlekit
from tests.invariants import check_article

FINDINGS = {
    # 55 s to parse 81 bytes: a line of capital S's made a case-insensitive pattern with
    # full case folding ("ss" ~ "ß") backtrack exponentially
    "full-case-folding": (
        b"B\xfcrgermeister sagt: \x84Stra\xdfe gesperrt\x93\nSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSAn#eige\n"
    ),
    "full-case-folding-2": (
        b"B\xfcrgermeister sagt: \x84Stra\xdfe gesperrt\x93\nSSSSSSSSSSSSSSSSperrt\x93\nSSSSSSSSSSSSSSSS"
        b"SSSSSSSSSSSSSSSSSSSSSAn#eige\nSSSSSSSSSSSSSSSSSSSSSAn#eige\n"
    ),
}


@pytest.mark.parametrize("name", sorted(FINDINGS))
def test_finding_parses_quickly_and_losslessly(name: str) -> None:
    start = time.perf_counter()
    article = articlekit.parse_bytes(FINDINGS[name])
    assert time.perf_counter() - start < 2.0  # was 55 s and growing exponentially
    assert article.source is not None
    check_article(article.source, article)


@pytest.mark.parametrize("letters", ["S", "s", "ß", "Ss", "SS ", "ẞ"])
def test_long_runs_of_case_folding_letters_stay_linear(letters: str) -> None:
    for n in (50, 400):
        text = "Headline over the story\n" + letters * n + "An#eige\n" + letters * n + " related stories\n"
        start = time.perf_counter()
        check_article(text, articlekit.parse(text))
        assert time.perf_counter() - start < 1.0, (letters, n)

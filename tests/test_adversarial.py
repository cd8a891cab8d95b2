"""No pattern backtracks catastrophically: adversarial input parses in linear time."""

from __future__ import annotations

import time

import pytest

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
    elapsed = _seconds(text)
    # measured against ordinary text of the same size in the same run, with a floor for timer noise
    assert elapsed <= 5 * max(ordinary_seconds, 0.05), (name, elapsed, ordinary_seconds)

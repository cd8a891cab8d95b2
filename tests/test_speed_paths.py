"""The shortcuts taken for speed give the answers the long way gives."""

from __future__ import annotations

from articlekit import _text, parse
from articlekit._text import per_line


def test_per_line_remembers_answers_without_changing_them() -> None:
    calls: list[str] = []

    @per_line
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert [shout(t) for t in ("a b", "c", "a b")] == ["A B", "C", "A B"]
    assert calls == ["a b", "c"]  # the repeated line was answered from memory


def test_per_line_memory_is_bounded() -> None:
    seen: list[str] = []

    @per_line
    def length(text: str) -> int:
        seen.append(text)
        return len(text)

    lines = [f"line {i}" for i in range(_text._REMEMBERED_LINES + 10)]
    assert [length(t) for t in lines] == [len(t) for t in lines]
    # the cache started over once it was full: the first line is computed again
    assert length(lines[0]) == len(lines[0])
    assert seen.count(lines[0]) == 2


def test_long_lines_are_forgotten_when_the_parse_ends() -> None:
    line = "The storm hit the coast at dawn, officials said. " * 100  # over 2,000 characters
    text = f"Storm hits coast\n\n{line}\n\nThe sea wall gave way."
    article = parse(text)
    assert article.paragraphs[0].text == line.strip()
    # nothing of this parse's long line is kept alive in a cache after it
    assert all(line.strip() not in cache for cache in _text._LONG_CACHES)
    assert not any(_text._LONG_CACHES)

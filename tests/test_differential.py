"""Every corpus text parses as it did when ``tests/data/parses.json`` was last written: a
change meant to leave the output alone (a faster stage, a refactor) cannot move it
unnoticed. A change meant to move it writes the file again (``python tests/parses.py
--write``), and the diff shows which texts moved."""

from __future__ import annotations

import json

import pytest

from .parses import DIGESTS, FOLDERS, PARSERS, corpus_texts, digest


@pytest.fixture(scope="module")
def kept() -> dict[str, dict[str, str]]:
    if not FOLDERS["train"].is_dir():
        pytest.skip(f"the corpus is not at {FOLDERS['train'].parent} (../shared is absent)")
    data: dict[str, dict[str, str]] = json.loads(DIGESTS.read_text(encoding="utf-8"))
    return data


def test_the_kept_parses_cover_every_corpus_text(kept: dict[str, dict[str, str]]) -> None:
    keys = [key for key, _ in corpus_texts()]
    assert len(keys) > 600
    assert sorted(kept) == sorted(keys)
    assert all(set(entry) == set(PARSERS) for entry in kept.values())


@pytest.mark.parametrize("parser_name", sorted(PARSERS))
def test_every_corpus_text_parses_as_kept(parser_name: str, kept: dict[str, dict[str, str]]) -> None:
    parser = PARSERS[parser_name]
    moved = [key for key, text in corpus_texts() if digest(parser.parse(text)) != kept.get(key, {}).get(parser_name)]
    assert not moved, (
        f"{len(moved)} texts parse otherwise than kept ({', '.join(moved[:10])}{' ...' if len(moved) > 10 else ''}); "
        "if the change is meant to move them, run: python tests/parses.py --write"
    )


def test_the_digest_sees_a_change_of_one_element() -> None:
    parser = PARSERS["rules"]
    one = parser.parse("Storm hits coast\n\nThe sea wall gave way at dawn.")
    other = parser.parse("Storm hits coast\n\nThe sea wall gave way at dusk.")
    assert digest(one) == digest(parser.parse("Storm hits coast\n\nThe sea wall gave way at dawn."))
    assert digest(one) != digest(other)

"""The training variants of a labelled article: without its furniture, and its opening."""

from __future__ import annotations

from pathlib import Path

import pytest

from articlekit._augment import variants
from articlekit._corpus import LabelledArticle, read_labelled
from articlekit._training import examples
from tests.conftest import DEV

HEADER = "# source: https://example.com/storm\n# date: none\n# headline: none\n"


def _article(tmp_path: Path, lines: list[tuple[str, str]], gaps: list[str]) -> LabelledArticle:
    text = "".join(line + gap for (line, _), gap in zip(lines, gaps, strict=True))
    (tmp_path / "a.txt").write_text(text, encoding="utf-8", newline="")
    numbers, number = [], 1
    for gap in gaps:
        numbers.append(number)
        number += gap.count("\n")
    labels = "".join(f"{n}\t{kind}\n" for n, (_, kind) in zip(numbers, lines, strict=True))
    (tmp_path / "a.labels.tsv").write_text(HEADER + labels, encoding="utf-8")
    [article] = read_labelled([tmp_path])
    return article


def test_the_clean_variant_leaves_out_the_furniture_and_keeps_the_gaps(tmp_path: Path) -> None:
    article = _article(
        tmp_path,
        [
            ("Skip to content", "boilerplate"),
            ("Harbour wall breached as storm floods seafront", "headline"),
            ("Advertisement", "boilerplate"),
            ("The sea wall gave way at dawn.", "paragraph"),
            ("Coastguards filled sandbags.", "paragraph"),
            ("Residents were told to stay away.", "paragraph"),
            ("Follow us on Twitter", "boilerplate"),
        ],
        ["\n", "\n\n", "\n", "\n", "\n\n", "\n", "\n"],
    )
    clean, opening = variants(article)
    assert clean.name == "a~clean"
    assert clean.text == (
        "Harbour wall breached as storm floods seafront\n\n"
        "The sea wall gave way at dawn.\nCoastguards filled sandbags.\n\nResidents were told to stay away.\n"
    )
    assert [(line.number, line.text, sorted(line.types)) for line in clean.lines] == [
        (1, "Harbour wall breached as storm floods seafront", ["headline"]),
        (3, "The sea wall gave way at dawn.", ["paragraph"]),
        (4, "Coastguards filled sandbags.", ["paragraph"]),
        (6, "Residents were told to stay away.", ["paragraph"]),
    ]
    # the opening: the headline and two lines of body
    assert [line.text for line in opening.lines] == [
        "Harbour wall breached as storm floods seafront",
        "The sea wall gave way at dawn.",
        "Coastguards filled sandbags.",
    ]
    assert (clean.source, clean.host) == (article.source, article.host)


def test_an_article_without_furniture_or_body_to_cut_has_no_variant(tmp_path: Path) -> None:
    article = _article(
        tmp_path,
        [("Harbour wall breached as storm floods seafront", "headline"), ("The sea wall gave way.", "paragraph")],
        ["\n", "\n"],
    )
    assert list(variants(article)) == []


def test_every_dev_variant_is_a_labelled_article_of_its_own() -> None:
    if not DEV.is_dir():
        pytest.skip("the dev corpus is absent")
    made = 0
    for article in read_labelled([DEV]):
        for variant in variants(article):
            made += 1
            for line in variant.lines:
                assert variant.text[line.start : line.end] == line.text
                assert variant.text.splitlines()[line.number - 1] == line.text
            # the features and gold labels are read from it as from any article
            features, gold = examples(variant)
            assert len(features) == len(gold) == len(variant.lines)
            assert gold == [line.types for line in variant.lines]
    assert made > 42  # most articles have furniture, and a body longer than two lines

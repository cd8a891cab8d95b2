"""The seed article parses exactly (issue: core)."""

from __future__ import annotations

from types import ModuleType

import pytest

import articlekit
from tests.conftest import SEED
from tests.invariants import check_article


@pytest.fixture(scope="module", params=[None, "default"], ids=["rules", "labeller"])
def article(seed_text: str, request: pytest.FixtureRequest) -> articlekit.Article:
    # the rules and the shipped labeller both read the seed exactly (the labeller has
    # learned from it, as the rules were written from it)
    return articlekit.Parser(model=request.param).parse(seed_text)


def test_dateline_and_headline(article: articlekit.Article, seed_text: str) -> None:
    assert article.dateline is not None
    assert article.dateline.date == "2021-05-18"
    assert article.dateline.raw == "date 2021-05-18"
    assert article.dateline.span.of(seed_text) == "date 2021-05-18"
    assert article.headline is not None
    assert article.headline.text == (
        'Police officer under investigation after being filmed chanting "Free Palestine" at protest'
    )


def test_standfirst(article: articlekit.Article) -> None:
    assert article.standfirst is not None
    assert article.standfirst.text == (
        'A Metropolitan Police officer is being investigated after chanting "Free Palestine" at a protest'
    )


def test_body_structure(article: articlekit.Article) -> None:
    assert [b.type for b in article.body] == [
        "paragraph", "paragraph", "paragraph", "block_quote", "read_more",
        "paragraph", "block_quote", "read_more", "paragraph", "paragraph",
    ]  # fmt: skip
    assert len(article.paragraphs) == 6
    assert article.byline is None
    assert article.removed == ()


def test_quotation_across_read_more(article: articlekit.Article, seed_text: str) -> None:
    first, second = article.quotes
    assert first.attribution is not None and first.attribution.text == "They said"
    assert len(first.paragraphs) == 3
    assert first.paragraphs[0].text.startswith("We are aware of a video")
    assert first.paragraphs[2].text.endswith("what further action is appropriate.")
    # the quotation's span covers the READ MORE line that interrupts it
    assert first.span.contains(article.read_more[0].span)
    assert second.attribution is not None and second.attribution.text == "It said"
    assert len(second.paragraphs) == 1
    assert second.text.startswith("We police hundreds of public events")


def test_read_more(article: articlekit.Article) -> None:
    assert [(r.label, r.text, r.url) for r in article.read_more] == [
        ("READ MORE", "Nine police officers hurt in clashes at Israel Embassy after Free Palestine protest", None),
        ("READ MORE", "Rabbi hospitalised after being attacked outside synagogue in Chigwell", None),
    ]


def test_invariants(article: articlekit.Article, seed_text: str) -> None:
    check_article(seed_text, article)


def test_scorer_gives_full_marks(scorer: ModuleType, capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    out = tmp_path / "score.json"
    scorer.score(SEED.parent, out)
    import json

    result = json.loads(out.read_text())
    assert result["failures"] == []
    assert {t: r["f1"] for t, r in result["per_type"].items()} == dict.fromkeys(
        ("dateline", "headline", "standfirst", "paragraph", "quote", "read_more"), 1.0
    )
    for key in ("quote_group_f1", "headline_accuracy", "date_accuracy", "attribution_accuracy", "lines_accuracy"):
        assert result[key] == 1.0, key


def test_the_labeller_gives_full_marks_too() -> None:
    from articlekit.training import evaluate, read_labelled

    result = evaluate(articlekit.Parser(model="default").parse, read_labelled([SEED.parent]))
    assert result.macro_f1 == 1.0
    for key in ("headline", "date", "attribution", "lines", "articles"):
        assert result.accuracy(key) == 1.0, key
    assert result.quote_group_f1 == 1.0

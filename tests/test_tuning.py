"""Tuning a trained labeller to a few pages of a site (``train_labeller(base=...)``,
``articlekit train --from``): it learns the site's habits and keeps what it knew."""

from __future__ import annotations

import collections
import hashlib
from pathlib import Path

import pytest

import articlekit
from articlekit._cli import main
from articlekit._corpus import LabelledArticle, read_labelled
from articlekit._evaluate import Evaluation, evaluate
from articlekit._labeller import Labeller
from articlekit._training import train_labeller
from articlekit.errors import ModelError
from tests.conftest import DEV, EXAMPLE, SHARED, read_exact

TRAIN = SHARED / "corpus" / "train"

# five pages of one made-up site: a headline, a one-line summary, the author's name, two
# paragraphs; no quotation anywhere
_STORIES = [
    ("Harbour wall breached as storm floods seafront", "Families spent the night in the hall.", "Tamsin Pascoe"),
    ("Lifeboat crew rescue two kayakers in gale", "The pair were swept past the headland.", "Jory Trewin"),
    ("Council approves plan for new sea defences", "Work will start in the spring.", "Morwenna Hicks"),
    ("Fishing fleet stays in port as prices fall", "Skippers say trips no longer pay.", "Tamsin Pascoe"),
    ("School closes early as snow blankets moor", "Parents collected children at noon.", "Jory Trewin"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gazette")
    for i, (headline, summary, author) in enumerate(_STORIES):
        text = (
            f"{headline}\n{summary}\n{author}\n"
            "The town woke to the news on Thursday, and by noon the harbour road was closed to traffic.\n"
            "More is expected to be known once the council has met on Friday morning.\n"
        )
        (folder / f"page{i}.txt").write_text(text, encoding="utf-8")
        (folder / f"page{i}.labels.tsv").write_text(
            f"# source: https://gazette.example/news/{i}\n# date: none\n# headline: {headline}\n"
            "1\theadline\n2\tstandfirst\n3\tbyline\n4\tparagraph\n5\tparagraph\n",
            encoding="utf-8",
        )
    return folder


@pytest.fixture(scope="module")
def site_pages(site: Path) -> list[LabelledArticle]:
    return read_labelled([site])


def test_a_tuned_model_keeps_what_the_base_knew(site_pages: list[LabelledArticle]) -> None:
    tuned = train_labeller(site_pages, base=Labeller.default())
    alone = train_labeller(site_pages)
    text = read_exact(EXAMPLE)
    # the site's pages hold no quotation: a model of them alone has never seen one, the
    # tuned model still reads the example's two
    assert len(articlekit.Parser(model=alone).parse(text).quotes) == 0
    assert len(articlekit.Parser(model=tuned).parse(text).quotes) == 2
    assert set(Labeller.default().labels) <= set(tuned.labels)
    assert set(Labeller.default().model.features) <= set(tuned.model.features)


def test_tuning_is_deterministic_and_names_its_base(site_pages: list[LabelledArticle]) -> None:
    base = Labeller.default()
    first = train_labeller(site_pages, base=base).model
    again = train_labeller(list(reversed(site_pages)), base=base).model
    assert first.to_bytes() == again.to_bytes()
    assert first.info["base"] == {
        "articles": base.model.info["articles"],
        "sha256": hashlib.sha256(base.model.to_bytes()).hexdigest()[:16],
    }
    assert first.info["epochs"] == 3  # a tuning's default: a few passes over few pages
    assert train_labeller(site_pages).model.info["epochs"] == 10


def test_the_base_may_be_named(site_pages: list[LabelledArticle], tmp_path: Path) -> None:
    tuned = train_labeller(site_pages, base=Labeller.default()).model.to_bytes()
    assert train_labeller(site_pages, base="default").model.to_bytes() == tuned
    path = tmp_path / "shipped.akm"
    Labeller.default().save(path)
    assert train_labeller(site_pages, base=path).model.to_bytes() == tuned
    assert train_labeller(site_pages, base=str(path)).model.to_bytes() == tuned
    with pytest.raises(ModelError, match="cannot read the model"):
        train_labeller(site_pages, base=tmp_path / "none.akm")
    with pytest.raises(ModelError, match="base must be a Labeller"):
        train_labeller(site_pages, base=3)  # type: ignore[arg-type]


def test_tuning_learns_the_habits_of_a_site() -> None:
    """Each page of the corpus's sites with four pages or more, read by a model trained
    on the dev corpus, and by that model tuned on the site's other pages."""
    if not DEV.is_dir() or not TRAIN.is_dir():
        pytest.skip(f"the labelled corpus is not at {SHARED / 'corpus'} (../shared is absent)")
    base = train_labeller(read_labelled([DEV]), rounds=1)
    by_site = collections.defaultdict(list)
    for article in read_labelled([TRAIN]):
        by_site[article.host].append(article)
    sites = [pages for pages in by_site.values() if len(pages) >= 4]
    assert len(sites) >= 3
    before, after = Evaluation(), Evaluation()
    for pages in sites:
        for i, held in enumerate(pages):
            tuned = train_labeller(pages[:i] + pages[i + 1 :], base=base, rounds=1)
            before += evaluate(articlekit.Parser(model=base).parse, [held])
            after += evaluate(articlekit.Parser(model=tuned).parse, [held])
    # measured: line accuracy 0.801 -> 0.888, macro F1 0.625 -> 0.731
    assert after.accuracy("lines") >= before.accuracy("lines") + 0.04
    assert after.macro_f1 >= before.macro_f1 + 0.05


def test_train_from_a_model(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    model = tmp_path / "gazette.akm"
    assert main(["train", str(site), "--from", "default", "-o", str(model)]) == 0
    assert "tuned default on 5 articles" in capsys.readouterr().err
    assert model.read_bytes() == train_labeller(read_labelled([site]), base=Labeller.default()).model.to_bytes()
    again = tmp_path / "again.akm"
    assert main(["train", str(site), "--from", str(model), "-o", str(again), "--epochs", "1"]) == 0
    assert Labeller.load(again).model.info["base"]["sha256"] == hashlib.sha256(model.read_bytes()).hexdigest()[:16]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["train", "{site}", "--from", "rules", "-o", "{out}"], "the hand-written rules are no model to tune"),
        (["train", "{site}", "--from", "{missing}", "-o", "{out}"], "cannot read the model"),
        (["evaluate", "{site}", "--from", "default"], "give --cv K"),
        (["evaluate", "{site}", "--epochs", "2"], "give --cv K"),
        (["train", "{site}", "-o", "{out}", "--epochs", "0"], "--epochs must be 1 or more"),
    ],
)
def test_tuning_commands_report_mistakes(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    filled = [a.format(site=site, out=tmp_path / "m.akm", missing=tmp_path / "none.akm") for a in args]
    assert main(filled) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "m.akm").exists()


def test_cross_validation_tunes_a_model_on_each_fold(capsys: pytest.CaptureFixture[str]) -> None:
    if not DEV.is_dir():
        pytest.skip("the dev corpus is absent")
    assert main(["evaluate", str(DEV), "--cv", "2", "--from", "default", "--epochs", "1"]) == 0
    captured = capsys.readouterr()
    assert "fold 2 of 2 scored" in captured.err and "macro F1" in captured.out

"""Lexicons: one file per language, one loader, features the labeller reads."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

import articlekit
from articlekit._lexicons import KINDS, available, load
from articlekit._text import words
from tests.conftest import EXAMPLE, read_exact


def test_every_lexicon_file_is_well_formed() -> None:
    languages = available()
    assert {"en", "de", "fr", "es", "sv", "pl"} <= set(languages)
    for language in languages:
        path = resources.files("articlekit").joinpath("lexicons", f"{language}.toml")
        data = tomllib.loads(path.read_text("utf-8"))
        assert data["language"] == language
        assert set(data["kinds"]) <= KINDS, language
        for kind, entries in data["kinds"].items():
            assert entries, f"{language}: {kind} is empty"
            for entry in entries:
                # written in lower case (the loader case-folds: a Greek final sigma stays as written)
                assert entry == entry.strip() and entry.lower() == entry, f"{language}: {entry!r}"
                assert words(entry), f"{language}: {entry!r} has no word"
            assert len(entries) == len(set(entries)), f"{language}: {kind} repeats an entry"


def test_a_line_gets_the_kinds_of_its_words_and_its_opening() -> None:
    lexicon = load(["en"])
    assert lexicon.features(words("Sign up to our newsletter")) == [
        "lex:subscribe",
        "lex0:subscribe",
    ]
    read_more = lexicon.features(words("Read more: Storm hits coast"))
    assert "lex0:read_more" in read_more
    assert lexicon.features(words("The sea wall gave way at dawn")) == []


def test_languages_select_the_packs() -> None:
    german = load(["de"])
    assert german.languages == ("de",)
    assert "lex0:read_more" in german.features(words("Lesen Sie auch: Sturm an der Küste"))
    assert "lex0:read_more" not in load(["en"]).features(words("Lesen Sie auch: Sturm an der Küste"))
    # a language without a lexicon adds nothing, and every pack is the default
    assert load(["xx"]).languages == ()
    assert load().languages == available()
    assert load(["de", "en"]) is load(["en", "de"])  # merged once, whatever the order


@pytest.mark.parametrize("languages", [None, ["en"], ["de"]])
def test_a_labelled_parse_takes_the_languages(languages: list[str] | None) -> None:
    text = read_exact(EXAMPLE)
    article = articlekit.Parser(model="default", languages=languages).parse(text)
    assert article.headline is not None and article.dateline is not None


def test_the_explanation_names_every_kind() -> None:
    import re

    from tests.conftest import ROOT

    page = (ROOT / "docs" / "explanation.rst").read_text(encoding="utf-8")
    named = page[page.index("The kinds are") : page.index("A phrase of\nseveral words")]
    assert set(re.findall(r"``(\w+)``", named)) == KINDS


@pytest.mark.parametrize(
    ("language", "line"),
    [("en", "Catherine Furze"), ("de", "Jürgen Klopp"), ("uk", "Шосталь Олександр"), ("vi", "Nguyễn Văn An")],
)
def test_a_line_of_a_persons_name_gets_the_given_name_kind(language: str, line: str) -> None:
    features = load([language]).features(words(line))
    assert "lex:given_name" in features


def test_a_publication_is_no_given_name() -> None:
    lexicon = load()
    for line in ("Belfast Live", "The Sunday Times", "Crime and Public Safety", "Hurricane Helene Updates"):
        assert "lex:given_name" not in lexicon.features(words(line)), line
    assert "lex0:given_name" in lexicon.features(words("Joe Thomas"))


def test_the_shipped_model_reads_a_given_name_opening_a_line_as_a_byline() -> None:
    from articlekit._labeller import Labeller

    model = Labeller.default().model
    row = model.weights[model.features.index("lex0:given_name")]
    weight = dict(zip(model.labels, row.tolist(), strict=True))
    assert weight["byline"] > max(weight["boilerplate"], weight["paragraph"], weight["headline"])


@pytest.mark.parametrize(
    ("stamp", "date"),
    [
        ("Aktualisiert am 02.06.2016 | Veröffentlicht am 01.06.2016", "2016-06-01"),
        ("Mis à jour le 2 juin 2016, publié le 1 juin 2016", "2016-06-01"),
        ("Oppdatert 02.06.2016 Publisert 01.06.2016", "2016-06-01"),
    ],
)
def test_a_stamp_updated_first_is_dated_by_the_publication_word_of_its_language(stamp: str, date: str) -> None:
    from articlekit._dates import parse_date

    lexicon = load()
    assert lexicon.words_of("updated") & {"aktualisiert", "oppdatert"}
    assert "mis à jour" in lexicon.entries_of("updated")
    assert parse_date(stamp) == date
    # read by the date reader only: the model weighs the stamp kind that holds them too
    features = lexicon.features(words(stamp))
    assert "lex0:stamp" in features
    assert not [f for f in features if "updated" in f or "published" in f]

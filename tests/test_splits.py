"""Where a line the labeller says holds two things divides: real lines of the labelled
corpus whose wire dateline names no known agency, bylines with their stamp, kickers."""

from __future__ import annotations

import pytest

import articlekit
from articlekit._corpus import LabelledArticle, read_labelled
from articlekit._segment import segment
from articlekit._splits import opening_end, stamp_extent
from tests.conftest import DEV, SHARED
from tests.invariants import check_article

TRAIN = SHARED / "corpus" / "train"


@pytest.mark.parametrize(
    ("line", "opening"),
    [
        ("DETROIT (WXYZ) — Detroit Police Chief James Craig said an officer was shot", "DETROIT (WXYZ) — "),
        ("(KTLA) – The National Weather Service has confirmed that a tornado touched down", "(KTLA) – "),
        ("Jan 11 - Big 5 Sporting Goods Corp cut its quarterly earnings forecast", "Jan 11 - "),
        ("FORT COLLINS--Colorado State University's first", "FORT COLLINS--"),
        ("Massa, 14 giugno 2017 - Quattro carabinieri sono stati arrestati", "Massa, 14 giugno 2017 - "),
        ("Polizeieinsatz : Junge Männer greifen Passanten an", "Polizeieinsatz : "),
    ],
)
def test_an_opening_ends_at_its_separator(line: str, opening: str) -> None:
    assert line[: opening_end(line)] == opening


@pytest.mark.parametrize(
    "line",
    [
        # a sentence that has a dash later is no opening: its words are in lower case
        "22:47Venus closes it with an ace - and a scream of delight.",
        "The council said on Monday - after a long meeting - that it would vote again.",
        "No separator anywhere in this line at all",
    ],
)
def test_prose_has_no_opening(line: str) -> None:
    assert opening_end(line) is None


@pytest.mark.parametrize(
    ("line", "stamp"),
    [
        ("22:32 , Daniel Keane", "22:32 , "),
        ("Author: Claire HannahPublished 14th Jun 2021", " 14th Jun 2021"),
        ("Veröffentlicht: 04.09.2023, 12:41 Von: Deutsche Presse-Agentur", "Veröffentlicht: 04.09.2023, 12:41 "),
        ("22.08.2023 - 15:45 | | Taylan ERGÜN/İSTANBUL(DHA)", "22.08.2023 - 15:45 | | "),
        ("May 2, 2020By Guillaume Deprez, Art Historian", "May 2, 2020"),
    ],
)
def test_a_stamp_takes_its_words_and_separators(line: str, stamp: str) -> None:
    extent = stamp_extent(line)
    assert extent is not None and line[extent[0] : extent[1]] == stamp


def test_a_word_that_is_no_month_makes_no_stamp() -> None:
    assert stamp_extent("Chapter 12, 2019 pages were read") is None


def _reconciled(text: str, labels: list[str]) -> list[articlekit.Block]:
    from articlekit._classify import classify
    from articlekit._labeller import reconcile

    lines = segment(text)
    return reconcile(lines, classify(lines, text), labels, [0.9] * len(lines))


def test_a_wire_dateline_of_an_unknown_agency_is_split_off() -> None:
    text = "DETROIT (WXYZ) — Detroit Police Chief James Craig said an officer was shot late Saturday.\n"
    dateline, paragraph = _reconciled(text, ["dateline+paragraph"])
    assert (dateline.kind, dateline.span.of(text)) == ("dateline", "DETROIT (WXYZ) —")
    assert paragraph.kind == "paragraph" and paragraph.span.of(text).startswith("Detroit Police Chief")


def test_a_byline_keeps_its_name_and_gives_up_its_stamp() -> None:
    text = "Veröffentlicht: 04.09.2023, 12:41 Von: Deutsche Presse-Agentur\n"
    stamp, byline = _reconciled(text, ["byline+dateline"])
    assert (stamp.kind, stamp.span.of(text)) == ("dateline", "Veröffentlicht: 04.09.2023, 12:41")
    assert stamp.date == "2023-09-04T12:41:00"
    assert (byline.kind, byline.span.of(text)) == ("byline", "Von: Deutsche Presse-Agentur")


def test_a_kicker_glued_to_a_headline_is_boilerplate() -> None:
    text = "Polizeieinsatz : Junge Männer greifen Passanten an\n"
    kicker, headline = _reconciled(text, ["boilerplate+headline"])
    assert (kicker.kind, kicker.span.of(text)) == ("boilerplate", "Polizeieinsatz :")
    assert (headline.kind, headline.text) == ("headline", "Junge Männer greifen Passanten an")


def test_a_standfirst_of_several_lines_is_one_standfirst() -> None:
    from articlekit._build import build

    text = "Storm hits coast\n\n- Sea wall breached at dawn\n- Homes evacuated\n\nThe sea wall gave way.\n"
    blocks = _reconciled(text, ["headline", "standfirst", "standfirst", "paragraph"])
    article = build(blocks, text)
    assert article.standfirst is not None
    assert article.standfirst.text == "- Sea wall breached at dawn\n- Homes evacuated"
    assert article.standfirst.span.of(text) == "- Sea wall breached at dawn\n- Homes evacuated"
    assert [b.text for b in article.body] == ["The sea wall gave way."]
    check_article(text, article)


@pytest.fixture(scope="module")
def corpus() -> list[LabelledArticle]:
    if not DEV.is_dir() or not TRAIN.is_dir():
        pytest.skip(f"the labelled corpus is not at {SHARED / 'corpus'} (../shared is absent)")
    return read_labelled([TRAIN, DEV])


def test_every_labelled_parse_of_the_corpus_keeps_the_span_invariant(corpus: list[LabelledArticle]) -> None:
    parser = articlekit.Parser(model="default")
    for article in corpus:
        check_article(article.text, parser.parse(article.text))

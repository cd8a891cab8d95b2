"""Front-matter lines that run a byline or source, a date stamp and furniture together.

These pin the rules' splitters (``Parser(model=None)``), which the labeller reads as
features; the default parse of each text keeps the span invariant too."""

from __future__ import annotations

import articlekit
from tests.invariants import check_article

BODY = (
    "\n\nEmergency crews worked through the night to clear fallen trees from the main road into "
    "Westcliff after gusts of up to 80mph swept the coast.\n\n"
    "The council said it would publish a full assessment of the damage to the sea wall later this week.\n"
)


def _parse(meta: str) -> articlekit.Article:
    text = f"Storm brings down trees across the county\n\n{meta}{BODY}"
    check_article(text, articlekit.parse(text))
    article = articlekit.Parser(model=None).parse(text)
    check_article(text, article)
    return article


def test_byline_stamp_and_comment_counter() -> None:
    article = _parse("By Jane Smith | Today at 12:13 p.m. 4comments")
    assert article.byline is not None and article.byline.text == "By Jane Smith"
    assert article.dateline is not None
    assert article.dateline.raw == "Today at 12:13 p.m."
    assert article.dateline.date is None  # relative: no date is invented
    assert [(r.text, r.reason) for r in article.removed] == [("4comments", "comments")]


def test_source_and_stamp() -> None:
    article = _parse("Quelle: Radio Nord Nachrichten, 18.05.2021 10:00 Uhr")
    assert article.byline is not None and article.byline.text == "Quelle: Radio Nord Nachrichten"
    assert article.dateline is not None
    assert article.dateline.raw == "18.05.2021 10:00 Uhr"
    assert article.dateline.date == "2021-05-18T10:00:00"


def test_byline_then_date() -> None:
    article = _parse("By Jane Smith, May 18, 2021")
    assert article.byline is not None and article.byline.text == "By Jane Smith"
    assert article.dateline is not None and article.dateline.date == "2021-05-18"


def test_labels_around_a_stamp_are_furniture() -> None:
    article = _parse("Newsarchive - 18.05.2021 16:00 Latest stories")
    assert article.dateline is not None and article.dateline.raw == "18.05.2021 16:00"
    # a separator belongs to the piece before it, so the removed label keeps its dash
    assert sorted(r.text for r in article.removed) == ["Latest stories", "Newsarchive -"]


def test_a_masthead_date_line_stays_whole() -> None:
    article = _parse("The Westcliff Gazette - Tuesday, May 18, 2021")
    assert article.dateline is not None
    assert article.dateline.raw == "The Westcliff Gazette - Tuesday, May 18, 2021"
    assert article.dateline.date == "2021-05-18"
    assert article.removed == ()


def test_a_plain_stamp_stays_whole() -> None:
    article = _parse("Published: 18 May 2021, 10:32")
    assert article.dateline is not None and article.dateline.raw == "Published: 18 May 2021, 10:32"
    assert article.byline is None


def test_a_byline_with_words_that_are_neither_stays_whole() -> None:
    article = _parse("By Jane Smith | Tuesday 10:32 | she walked along the sea wall at dawn")
    assert article.byline is not None
    assert article.byline.text == "By Jane Smith | Tuesday 10:32 | she walked along the sea wall at dawn"


def test_byline_with_published_and_updated_stamps() -> None:
    article = _parse(
        "By JANE SMITH FOR WESTCLIFF NEWS PUBLISHED: 10:32 BST, 18 May 2021 | UPDATED: 11:00 BST, 19 May 2021"
    )
    assert article.byline is not None and article.byline.text == "By JANE SMITH FOR WESTCLIFF NEWS"
    assert article.dateline is not None
    # the published and updated stamps side by side are one dateline, dated by the first
    assert article.dateline.raw == "PUBLISHED: 10:32 BST, 18 May 2021 | UPDATED: 11:00 BST, 19 May 2021"
    assert article.dateline.date == "2021-05-18T10:32:00+01:00"


def test_a_stamp_with_its_place_stays_whole() -> None:
    line = "October 03, 2023 01:13 pm | Updated 01:39 pm IST - WESTCLIFF"
    article = _parse(line)
    assert article.dateline is not None and article.dateline.raw == line
    assert article.removed == ()

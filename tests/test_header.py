"""A page header (kicker, headline, standfirst, caption) run together on the date line.

The texts are invented in the form some scrapes of sports and news pages take: the
fields follow each other with no separator, and the line ends with a picture credit.
These pin the rules' splitter (``Parser(model=None)``), which the labeller reads as a
feature; the default parse of each text keeps the span invariant too.
"""

from __future__ import annotations

import articlekit
from tests.invariants import check_article

STORY = (
    "Premier League Injury crisis forces Ange Postecoglou to rethink his ‘attack’ "
    "Instead of resting his senior players for the cup tie the Tottenham manager may have "
    "to field a side of teenagers Ange Postecoglou (left) watches his players train at "
    "Hotspur Way with Ryan Mason (right) before the weekend. Photograph: Tom Jenkins/The Guardian"
)
BODY = (
    "\n\nThe Premier League season is only a month old but Tottenham already have nine players "
    "on their injury list, and the manager admitted on Friday that he had run out of options.\n\n"
    "Ange Postecoglou said the club would look at every player in the academy before the cup "
    "tie next week, and that the Premier League fixture list had given his staff little time.\n"
)


def _parse(first_line: str, body: str = BODY) -> articlekit.Article:
    text = f" date 2024-09-20 {first_line}{body}"
    check_article(text, articlekit.parse(text))
    article = articlekit.Parser(model=None).parse(text)
    check_article(text, article)
    return article


def test_the_fields_of_a_glued_header_are_told_apart() -> None:
    article = _parse(STORY)
    assert article.headline is not None
    assert article.headline.text == "Injury crisis forces Ange Postecoglou to rethink his ‘attack’"
    assert article.standfirst is not None
    assert article.standfirst.text.startswith("Instead of resting")
    assert article.standfirst.text.endswith("a side of teenagers")
    assert [c.text for c in article.captions] == [
        "Ange Postecoglou (left) watches his players train at Hotspur Way with Ryan Mason (right) "
        "before the weekend. Photograph: Tom Jenkins/The Guardian"
    ]
    # the kicker is furniture, kept in removed with its reason
    assert [(r.text, r.reason) for r in article.removed] == [("Premier League", "kicker")]
    assert article.paragraphs[0].text.startswith("The Premier League season")


def test_a_headline_that_opens_with_a_name_the_story_uses_keeps_it() -> None:
    story = STORY.removeprefix("Premier League Injury crisis forces ").replace(
        "Ange Postecoglou to rethink", "Ange Postecoglou rethinks", 1
    )
    article = _parse(story)
    assert article.headline is not None
    assert article.headline.text == "Ange Postecoglou rethinks his ‘attack’"
    assert article.removed == ()


def test_a_long_first_paragraph_with_a_credit_is_not_split_without_a_sentence_break() -> None:
    # no capital opens a sentence after a word without a full stop: a caption, not a header
    line = (
        "Tottenham manager Ange Postecoglou watches his players train at Hotspur Way with "
        "assistant Ryan Mason before the weekend, as the club prepares for a cup tie against "
        "the holders with nine senior players on the injury list. Photograph: Tom Jenkins/The Guardian"
    )
    article = _parse(line)
    assert article.headline is None or article.headline.text != line[:40]
    assert any(c.text == line for c in article.captions)


def test_a_short_line_with_a_credit_stays_whole() -> None:
    line = "Ange Postecoglou watches training at Hotspur Way. Photograph: Tom Jenkins/The Guardian"
    article = _parse(line)
    assert [c.text for c in article.captions] == [line]

"""Braces inside a paragraph, and teasers cut off in a list."""

from __future__ import annotations

import pytest

import articlekit
from tests.invariants import check_article

LEAD = "The Senate confirmed more than 60 nominations by voice vote on Wednesday night."
SECOND = (
    "Senate Majority Leader Mitch McConnell announced that he had reached a deal with the minority "
    "leader on executive-branch nominations."
)


def test_braces_inside_a_paragraph_are_text() -> None:
    text = f"Senate confirms dozens of nominees\n{LEAD}\nThe rule, known as {{rule 22}}, was not used."
    article = articlekit.parse(text)
    check_article(text, article)
    assert article.removed == ()


def test_a_cut_off_wire_teaser_in_a_related_list_is_a_link() -> None:
    text = (
        "Police name suspect in motorway arrest\n"
        "UTRECHT (ANP) - The man arrested on Thursday during a police operation on the motorway is a "
        "36-year-old from Utrecht, police said on Friday.\n"
        "The investigation into the incident is continuing, and the suspect will appear in court.\n"
        "More from National\n"
        "2 hours agoAMSTERDAM (ANP) - Residents who had to leave their homes after the fire at the "
        "church can return, the city said. Th\n"
    )
    check_article(text, articlekit.parse(text))
    # the rules' reading: the labeller reads the cut-off teaser as a caption
    article = articlekit.Parser(model=None).parse(text)
    check_article(text, article)
    assert [link.text[:20] for link in article.read_more] == ["2 hours agoAMSTERDAM"]


@pytest.mark.parametrize(
    "parser",
    [
        pytest.param(articlekit.Parser(model=None), id="rules"),
        pytest.param(
            articlekit.Parser(),
            id="labeller",
            marks=pytest.mark.xfail(
                strict=True,
                reason="the labeller reads the first paragraph as a caption (confidence 0.50), and a caption's "
                "glued link is not cut",
            ),
        ),
    ],
)
def test_a_navigation_link_glued_to_the_end_of_a_paragraph_is_removed(parser: articlekit.Parser) -> None:
    text = f"Senate confirms dozens of nominees\n{LEAD} (More Politics News)\n{SECOND}\n"
    article = parser.parse(text)
    check_article(text, article)
    assert [(r.text, r.reason) for r in article.removed] == [("(More Politics News)", "navigation")]
    assert article.paragraphs[0].text == LEAD


def test_a_parenthesis_that_is_part_of_the_sentence_stays() -> None:
    text = f"Senate confirms dozens of nominees\n{LEAD}\nThe vote was close (more than expected).\n"
    article = articlekit.parse(text)
    check_article(text, article)
    assert article.removed == ()

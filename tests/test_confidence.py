"""How sure the line labeller was, carried into every output: the model, the contract,
the JSON Schema, the Arrow table and the HTML page."""

from __future__ import annotations

import html
import json
import math
import pickle
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import articlekit
from articlekit import _sequence, render
from articlekit._model import (
    Attribution,
    BlockQuote,
    Byline,
    Caption,
    Dateline,
    Embed,
    Heading,
    Headline,
    ListItem,
    Paragraph,
    ReadMore,
    Removed,
    Span,
    Standfirst,
)
from articlekit.errors import ContractError
from tests.conftest import EXAMPLE, read_exact
from tests.test_render import EVERYTHING

SPAN = Span(0, 5)


@pytest.fixture(scope="module")
def labeller() -> articlekit.Parser:
    return articlekit.Parser(model="default")


@pytest.fixture(scope="module", params=["example", "everything"])
def labelled(request: pytest.FixtureRequest, labeller: articlekit.Parser) -> articlekit.Article:
    text = read_exact(EXAMPLE) if request.param == "example" else EVERYTHING
    return labeller.parse(text)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = articlekit.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _parts(article: articlekit.Article) -> Iterator[Any]:
    """Every element, and inside a quotation each paragraph."""
    for element in article.elements():
        yield element
        if isinstance(element, BlockQuote):
            yield from element.paragraphs


def _all_sure(article: articlekit.Article) -> articlekit.Article:
    """*article* with every element, quotation paragraph and removed entry at 0.95, so
    that a test can make one of them unsure whatever the model said of the others."""

    def sure(element: Any) -> Any:
        if element is None:
            return None
        if isinstance(element, BlockQuote):
            paragraphs = tuple(attrs.evolve(p, confidence=0.95) for p in element.paragraphs)
            return attrs.evolve(element, paragraphs=paragraphs, confidence=0.95)
        return attrs.evolve(element, confidence=0.95)

    return attrs.evolve(
        article,
        dateline=sure(article.dateline),
        headline=sure(article.headline),
        standfirst=sure(article.standfirst),
        byline=sure(article.byline),
        body=tuple(sure(b) for b in article.body),
        removed=tuple(sure(r) for r in article.removed),
    )


def _confidences(data: Any) -> Iterator[tuple[str, Any]]:
    """Every ``confidence`` key in contract data, with where it is."""

    def walk(value: Any, where: str) -> Iterator[tuple[str, Any]]:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "confidence":
                    yield where, item
                else:
                    yield from walk(item, f"{where}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from walk(item, f"{where}[{i}]")

    return walk(data, "article")


def _element_dicts(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every element and removed entry of contract data, and each quotation paragraph."""
    for key in ("dateline", "headline", "standfirst", "byline"):
        if data[key] is not None:
            yield data[key]
    for block in data["body"]:
        yield block
        if block["type"] == "block_quote":
            yield from block["paragraphs"]
    yield from data["removed"]


# --- a parse a model labelled -------------------------------------------------------------


def test_every_element_of_a_labelled_parse_has_a_confidence(labelled: articlekit.Article) -> None:
    parts = list(_parts(labelled))
    assert len(parts) > 5 and labelled.body and labelled.headline is not None
    for part in parts:
        assert part.confidence is not None, part
        assert isinstance(part.confidence, float) and 0 <= part.confidence <= 1, part


def test_a_quotation_is_as_sure_as_its_least_sure_paragraph(labelled: articlekit.Article) -> None:
    assert labelled.quotes
    for quote in labelled.quotes:
        assert quote.confidence == min(p.confidence for p in quote.paragraphs if p.confidence is not None)


def test_the_removed_text_of_a_labelled_parse_has_a_confidence(labeller: articlekit.Parser) -> None:
    article = labeller.parse(EVERYTHING)
    assert article.removed
    for removed in article.removed:
        assert removed.confidence is not None and 0 <= removed.confidence <= 1


def test_to_dict_writes_every_confidence(labelled: articlekit.Article) -> None:
    data = labelled.to_dict()
    elements = list(_element_dicts(data))
    assert len(elements) == len(list(_parts(labelled)))
    for element in elements:
        assert 0 <= element["confidence"] <= 1, element
    # the values are the objects' own
    assert [e["confidence"] for e in elements] == [p.confidence for p in _parts(labelled)]
    # and they go through JSON as they are
    assert json.loads(json.dumps(data)) == data


def test_a_labelled_parse_reads_back(labelled: articlekit.Article) -> None:
    data = labelled.to_dict()
    back = articlekit.Article.from_dict(json.loads(json.dumps(data)))
    assert back.to_dict() == data
    assert back == labelled
    assert [p.confidence for p in _parts(back)] == [p.confidence for p in _parts(labelled)]


def test_a_labelled_parse_follows_the_schema(
    labelled: articlekit.Article, validator: jsonschema.Draft202012Validator
) -> None:
    validator.validate(labelled.to_dict())
    validator.validate(labelled.to_dict(trace=True))


def test_the_schema_rejects_a_confidence_out_of_range(
    labelled: articlekit.Article, validator: jsonschema.Draft202012Validator
) -> None:
    for bad in (1.5, -0.1, "high"):
        data = labelled.to_dict()
        data["body"][0]["confidence"] = bad
        assert not validator.is_valid(data), bad
        data = labelled.to_dict()
        data["removed" if data["removed"] else "body"][-1]["confidence"] = bad
        assert not validator.is_valid(data), bad


def test_a_labelled_parse_pickles_with_its_confidences(labelled: articlekit.Article) -> None:
    back = pickle.loads(pickle.dumps(labelled, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == labelled
    assert [p.confidence for p in _parts(back)] == [p.confidence for p in _parts(labelled)]


# --- the rule-based parse is unchanged ------------------------------------------------------

RULES = articlekit.Parser(model=None)


def test_the_default_parse_is_the_labellers() -> None:
    article = articlekit.parse(EVERYTHING)
    assert article == articlekit.Parser(model="default").parse(EVERYTHING)
    assert all(p.confidence is not None for p in _parts(article) if not isinstance(p, Attribution))


@pytest.mark.parametrize("text", [read_exact(EXAMPLE), EVERYTHING, "", "Storm hits coast\nThe sea wall gave way."])
def test_the_rules_parse_has_no_confidence_anywhere(text: str) -> None:
    article = RULES.parse(text)
    assert all(p.confidence is None for p in _parts(article))
    data = article.to_dict(trace=True)
    assert list(_confidences(data)) == []
    assert "confidence" not in json.dumps(data)
    assert articlekit.Article.from_dict(data).to_dict(trace=True) == data


def test_the_rules_parse_pickles_as_before() -> None:
    """Without a confidence the pickled values are the fields as they were before it was
    added, so pickles made by an earlier articlekit load, and load the same."""
    article = RULES.parse(EVERYTHING)
    headline = article.headline
    assert headline is not None
    assert headline.__reduce__() == (Headline, (headline.text, headline.span))
    link = article.read_more[0]
    assert link.__reduce__() == (ReadMore, (link.text, link.span, link.label, link.url))
    removed = article.removed[0]
    assert removed.__reduce__() == (
        Removed,
        (removed.text, removed.reason, removed.cleaner, removed.span, removed.type),
    )
    assert pickle.loads(pickle.dumps(article)) == article


# --- the model's own checks -----------------------------------------------------------------

WITH_CONFIDENCE: list[Any] = [
    lambda c: Dateline("2021-05-18", "18 May 2021", SPAN, confidence=c),
    lambda c: Headline("Storm", SPAN, confidence=c),
    lambda c: Standfirst("Storm", SPAN, confidence=c),
    lambda c: Byline("Storm", SPAN, confidence=c),
    lambda c: Attribution("Storm", SPAN, confidence=c),
    lambda c: Paragraph("Storm", SPAN, confidence=c),
    lambda c: Heading("Storm", SPAN, confidence=c),
    lambda c: Caption("Storm", SPAN, confidence=c),
    lambda c: Embed("Storm", SPAN, confidence=c),
    lambda c: ListItem("Storm", SPAN, confidence=c),
    lambda c: ReadMore("Storm", SPAN, label="READ MORE", confidence=c),
    lambda c: BlockQuote((Paragraph("Storm", SPAN),), SPAN, confidence=c),
    lambda c: Removed("Advert", "advertisement", "drop_boilerplate", SPAN, confidence=c),
]
KINDS = [
    "Dateline", "Headline", "Standfirst", "Byline", "Attribution", "Paragraph", "Heading",
    "Caption", "Embed", "ListItem", "ReadMore", "BlockQuote", "Removed",
]  # fmt: skip


@pytest.mark.parametrize("make", WITH_CONFIDENCE, ids=KINDS)
def test_every_element_takes_a_confidence_as_its_last_field(make: Any) -> None:
    assert make(0.25).confidence == 0.25
    assert make(None).confidence is None
    assert make(0).confidence == 0 and make(1).confidence == 1
    element = make(0.25)
    assert attrs.fields(type(element))[-1].name == "confidence"
    assert attrs.fields(type(element))[-1].default is None
    assert pickle.loads(pickle.dumps(element)) == element
    assert element != make(0.5) and element != make(None)


@pytest.mark.parametrize("bad", [1.5, -0.1, float("nan"), float("inf"), True, "0.5", [0.5]])
@pytest.mark.parametrize("make", WITH_CONFIDENCE, ids=KINDS)
def test_a_bad_confidence_is_refused(make: Any, bad: object) -> None:
    with pytest.raises(ValueError, match=r"confidence must be a number from 0 to 1 or None"):
        make(bad)


def test_positional_construction_is_unchanged() -> None:
    link = ReadMore("Floods close roads", SPAN, "READ MORE", "https://news.example/floods")
    assert (link.label, link.url, link.confidence) == ("READ MORE", "https://news.example/floods", None)
    dateline = Dateline("2021-05-18", "18 May 2021", SPAN, "London", "Reuters")
    assert (dateline.place, dateline.agency, dateline.confidence) == ("London", "Reuters", None)
    removed = Removed("Advert", "advertisement", "drop_boilerplate", SPAN, "boilerplate")
    assert (removed.type, removed.confidence) == ("boilerplate", None)


@pytest.mark.parametrize("bad", [1.5, -0.1, "0.5", True])
@pytest.mark.parametrize(
    "where",
    ["dateline", "headline", "body[0]", "body[quote]", "body[quote].paragraphs[0]", "attribution", "removed[0]"],
)
def test_from_dict_refuses_a_bad_confidence(where: str, bad: object) -> None:
    article = articlekit.parse(EVERYTHING)
    data = article.to_dict()
    quote = next(b for b in data["body"] if b["type"] == "block_quote")
    target = {
        "dateline": data["dateline"],
        "headline": data["headline"],
        "body[0]": data["body"][0],
        "body[quote]": quote,
        "body[quote].paragraphs[0]": quote["paragraphs"][0],
        "attribution": quote["attribution"],
        "removed[0]": data["removed"][0],
    }[where]
    target["confidence"] = bad
    with pytest.raises(ContractError, match=r"confidence must be a number from 0 to 1 or null"):
        articlekit.Article.from_dict(data)


def test_from_dict_reads_a_null_confidence_as_none() -> None:
    data = articlekit.parse(EVERYTHING).to_dict()
    data["headline"]["confidence"] = None
    back = articlekit.Article.from_dict(data)
    assert back.headline is not None and back.headline.confidence is None
    del data["headline"]["confidence"]
    assert back.to_dict() == data


def test_to_dict_writes_the_confidence_last() -> None:
    assert list(ReadMore("Storm", SPAN, confidence=0.5).to_dict()) == [
        "type", "text", "span", "label", "url", "confidence"
    ]  # fmt: skip
    quote = BlockQuote((Paragraph("Storm", SPAN, confidence=0.4),), SPAN, Attribution("She said", SPAN), 0.4)
    assert quote.to_dict()["paragraphs"] == [{"text": "Storm", "span": [0, 5], "confidence": 0.4}]
    assert quote.to_dict()["confidence"] == 0.4
    assert "confidence" not in quote.to_dict()["attribution"]


# --- Arrow -------------------------------------------------------------------------------------


def test_the_arrow_table_has_the_confidences(labeller: articlekit.Parser) -> None:
    pytest.importorskip("pyarrow")
    from articlekit.arrow import SCHEMA, to_table

    for column in ("body", "quotes", "read_more", "removed"):
        struct = SCHEMA.field(column).type.value_type
        field = struct.field(struct.num_fields - 1)
        assert (field.name, str(field.type), field.nullable) == ("confidence", "double", True), column

    labelled = labeller.parse(EVERYTHING)
    rule_based = RULES.parse(EVERYTHING)
    table = to_table([labelled, rule_based])
    table.validate(full=True)
    row, plain = table.to_pylist()
    assert [b["confidence"] for b in row["body"]] == [b.confidence for b in labelled.body]
    assert [q["confidence"] for q in row["quotes"]] == [q.confidence for q in labelled.quotes]
    assert [link["confidence"] for link in row["read_more"]] == [link.confidence for link in labelled.read_more]
    assert [r["confidence"] for r in row["removed"]] == [r.confidence for r in labelled.removed]
    assert all(0 <= b["confidence"] <= 1 for b in row["body"]) and row["body"]
    # the rule-based parse: the column is there and null
    for column in ("body", "quotes", "read_more", "removed"):
        assert plain[column] and all(item["confidence"] is None for item in plain[column]), column


# --- the HTML page ------------------------------------------------------------------------------


def _text_of(page: str) -> str:
    return page.split('<div class="text">', 1)[1].rsplit("</div>", 1)[0]


@pytest.mark.parametrize(("confidence", "shown"), [(0.5997, "0.59"), (0.29, "0.29"), (0.42, "0.42")])
def test_a_hatched_confidence_shows_under_the_threshold(
    labeller: articlekit.Parser, confidence: float, shown: str
) -> None:
    article = _all_sure(labeller.parse(EVERYTHING))
    heading = article.headings[0]
    unsure = attrs.evolve(heading, confidence=confidence)
    article = attrs.evolve(article, body=tuple(unsure if b is heading else b for b in article.body))
    page = render.html(article, EVERYTHING)
    # cut to two places, not rounded: 0.5997 is hatched, so it must not read 0.60
    assert f"heading ({shown})" in page and f'title="low confidence: {shown}"' in page


def _low_lines(page: str) -> list[str]:
    """The text of every element marked as low confidence (no nesting inside them here)."""
    return re.findall(r'<(?:span|del) class="[^"]*\blow-confidence\b[^"]*"[^>]*>([^<]*)<', _text_of(page))


def test_the_page_hatches_a_low_confidence_line_only(labeller: articlekit.Parser) -> None:
    article = _all_sure(labeller.parse(EVERYTHING))
    # one element the model was unsure of: the crosshead, made unsure
    heading = article.headings[0]
    unsure = attrs.evolve(heading, confidence=0.42)
    article = attrs.evolve(article, body=tuple(unsure if b is heading else b for b in article.body))
    assert all(p.confidence is not None and p.confidence >= 0.6 for p in _parts(article) if p is not unsure)

    page = render.html(article, EVERYTHING, title="everything.txt")
    assert _low_lines(page) == ["What happens next"]
    assert _text_of(page).count("low-confidence") == 1
    [tag] = re.findall(r"<span [^>]*>What happens next<", page)
    assert 'data-confidence="0.42"' in tag and 'title="low confidence: 0.42"' in tag
    assert ".ak.low-confidence{" in page and "repeating-linear-gradient" in page
    assert 'data-legend="low_confidence">hatched, confidence under 0.6 (1)<' in page
    # every other element shows its confidence on hover, without the hatching (a
    # quotation is marked paragraph by paragraph)
    marked = [p for p in _parts(article) if not isinstance(p, BlockQuote)]
    assert page.count("data-confidence=") == len(marked)
    assert page.count('title="confidence: ') + page.count("; confidence: ") == len(marked) - 1


def test_a_low_confidence_quotation_paragraph_and_removed_line(labeller: articlekit.Parser) -> None:
    article = _all_sure(labeller.parse(EVERYTHING))
    quote = article.quotes[0]
    first, *rest = quote.paragraphs
    unsure_quote = attrs.evolve(quote, paragraphs=(attrs.evolve(first, confidence=0.3), *rest), confidence=0.3)
    advert = next(r for r in article.removed if r.text == "Advertisement")
    removed = attrs.evolve(advert, confidence=0.5)
    article = attrs.evolve(
        article,
        body=tuple(unsure_quote if b is quote else b for b in article.body),
        removed=tuple(removed if r is advert else r for r in article.removed),
    )
    page = render.html(article, EVERYTHING)
    body = _text_of(page)
    assert body.count("low-confidence") == 2
    assert re.search(r'<span class="ak ak-block_quote ak-group low-confidence" data-type="block_quote" '
                     r'data-group="1" data-confidence="0.3"[^>]*title="quotation 1: The harbour master said; '
                     r'low confidence: 0.30"', body)  # fmt: skip
    assert re.search(
        r'<del class="ak ak-removed low-confidence"[^>]*title="removed by drop_boilerplate: [^"]*; '
        r'low confidence: 0.50">Advertisement</del>',
        body,
    )


def test_a_rule_based_page_is_unchanged() -> None:
    article = RULES.parse(EVERYTHING)
    page = render.html(article)
    assert "confidence" not in page
    # the page of the same article read back from a labelled parse's contract, its
    # confidences left out, is the rule-based page's
    data = articlekit.Article.from_dict(article.to_dict())
    assert render.html(data, EVERYTHING) == page


def test_a_real_low_confidence_line_is_hatched(labeller: articlekit.Parser, dev_texts: list[Path]) -> None:
    """In the dev corpus, find a line the model was unsure of; its page hatches it and
    nothing else."""
    for path in dev_texts:
        text = read_exact(path)
        article = labeller.parse(text)
        low = [p for p in _parts(article) if p.confidence is not None and p.confidence < 0.6]
        if len(low) == 1 and not isinstance(low[0], (BlockQuote, Attribution)):
            break
    else:
        pytest.skip("the model is sure of every line of the dev corpus")
    [unsure] = low
    page = render.html(article)
    tags = re.findall(r'<(?:span|del) class="[^"]*\blow-confidence\b[^"]*"[^>]*>', _text_of(page))
    assert len(tags) == 1, (path.name, tags)
    assert f'data-confidence="{unsure.confidence:g}"' in tags[0]
    # shown cut to two places, not rounded (0.446 is shown 0.44: a 0.5997 is under 0.6)
    assert f"low confidence: {math.floor(unsure.confidence * 100 + 1e-9) / 100:.2f}" in tags[0]
    start = _text_of(page).index(tags[0]) + len(tags[0])
    assert _text_of(page)[start:].startswith(html.escape(unsure.span.of(text)[:10]))


@given(
    lines=st.integers(min_value=1, max_value=40),
    chunk=st.integers(min_value=1, max_value=8),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_confidences_read_in_chunks_are_those_of_the_whole_text(lines: int, chunk: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    emissions = (rng.normal(size=(lines, 7)) * 30).astype(np.float32)
    transitions = (rng.normal(size=(7, 7)) * 10).astype(np.float32)
    start = rng.normal(size=7).astype(np.float32)
    path = [int(k) for k in rng.integers(0, 7, size=lines)]
    whole = _sequence.confidences(emissions, transitions, start, path, 36.0)
    kept = _sequence._CHUNK_LINES
    _sequence._CHUNK_LINES = chunk
    try:
        assert _sequence.confidences(emissions, transitions, start, path, 36.0) == whole
    finally:
        _sequence._CHUNK_LINES = kept
    assert len(whole) == lines and all(0 <= p <= 1 for p in whole)

"""The typed, immutable model: Span, the elements, Article and its output contract."""

from __future__ import annotations

import copy
import json
import pickle

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import articlekit
from articlekit import (
    SCHEMA,
    Article,
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
from articlekit.errors import ArticlekitError, ContractError

# --- realistic texts ------------------------------------------------------------------

# The example from the Article docstring: a date field, a quotation interrupted by a link.
SEED = (
    " date 2021-05-18 Storm hits coast\n"
    "Thousands without power\n"
    'The council said: "Stay at home.\n'
    "READ MORE: Floods close roads\n"
    '"We will reopen the roads soon."\n'
)

HARBOUR = (
    " date 2024-03-12 Harbour wall breached as storm floods Porthcarrow seafront\n"
    "\n"
    "Dozens of homes evacuated after waves break through 150-year-old sea defence\n"
    "Dozens of families were moved from their homes overnight after Storm Imelda tore a hole "
    "in the harbour wall.\n"
    "\n"
    "Coastguard teams worked through the night to fill sandbags as high tide pushed seawater "
    "into the lower town.\n"
    "\n"
    "Advertisement\n"
    "\n"
    "A spokeswoman for the town council said emergency accommodation had been opened.\n"
    "\n"
    'She said: "We know this has been a frightening night for many people.\n'
    "\n"
    "READ MORE: Lifeboat crew rescue two kayakers in force eight gale\n"
    "\n"
    '"We ask people to stay away from the seafront."\n'
    "\n"
    "The harbour wall was built in 1874 and last repaired in 2009.\n"
)

BRIDGE = (
    "Bridge reopens after six-month repairs\n"
    "By Jane Smith\n"
    "Updated 3 April 2023, 10:56\n"
    "\n"
    "LONDON (Reuters) - The Tamar crossing reopened to traffic on Tuesday morning after six months of repairs.\n"
    "\n"
    "What happens next\n"
    "\n"
    "Engineers said three things remain to be done:\n"
    "\n"
    "- Resurfacing the eastern approach\n"
    "- Repainting the towers\n"
    "\n"
    "Advertisement\n"
    "\n"
    "Photo: Getty Images\n"
    "\n"
    "The council leader said: \u201cThis is a great day for the city.\n"
    "\n"
    "READ MORE: Ferry fares rise by 5 percent\n"
    "\n"
    "\u201cWe thank everyone for their patience.\u201d\n"
    "\n"
    "pic.twitter.com/abc123 \u2014 Plymouth Council (@plymouthcc) May 18, 2021\n"
    "\n"
    "Share this article\n"
)

STAMPED = (
    "Published: 10:32, Tue, May 18, 2021\n"
    "\n"
    "Ferry service suspended as gales batter the coast\n"
    "\n"
    "By Tom Keverne\n"
    "\n"
    "All sailings between the mainland and the islands were cancelled on Tuesday.\n"
    "\n"
    "Advertisement\n"
    "\n"
    "The operator said it would review the forecast again at noon.\n"
)

TEXTS = {"seed": SEED, "harbour": HARBOUR, "bridge": BRIDGE, "stamped": STAMPED}


@pytest.fixture(scope="module")
def parsed() -> dict[str, Article]:
    # the rules' reading: these short texts pin the shapes of the model and its contract
    # line by line, without the labeller's confidences
    rules = articlekit.Parser(model=None)
    return {name: rules.parse(text) for name, text in TEXTS.items()}


# --- Span -----------------------------------------------------------------------------


def test_span_of_len_and_contract_form() -> None:
    text = "READ MORE: Storm hits coast"
    span = Span(11, 27)
    assert span.of(text) == "Storm hits coast"
    assert len(span) == 16
    assert span.to_list() == [11, 27]
    assert Span.from_list([11, 27]) == span
    assert Span.from_list((11, 27)) == span
    assert len(Span(4, 4)) == 0
    assert Span(4, 4).of(text) == ""


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 3), (0, -1), (5, 2), (1.0, 2), (1, 2.5), ("1", 2), (None, 2), (True, 2), (0, False)],
)
def test_span_rejects_bad_values(start: object, end: object) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        Span(start, end)  # type: ignore[arg-type]


def test_span_contains() -> None:
    outer = Span(10, 20)
    assert outer.contains(Span(10, 20))
    assert outer.contains(Span(12, 15))
    assert outer.contains(Span(20, 20))
    assert not outer.contains(Span(9, 15))
    assert not outer.contains(Span(15, 21))
    assert not outer.contains(Span(0, 5))
    assert not Span(12, 15).contains(outer)


def test_span_orders_by_start_then_end() -> None:
    assert sorted([Span(5, 9), Span(1, 4), Span(5, 6)]) == [Span(1, 4), Span(5, 6), Span(5, 9)]


@pytest.mark.parametrize(
    "value",
    [[1], [1, 2, 3], [], ["1", 2], [1.0, 2], [1, 2.0], [True, 2], None, "12", {"start": 1, "end": 2}, 12],
)
def test_span_from_list_bad_input_raises_contract_error(value: object) -> None:
    with pytest.raises(ContractError):
        Span.from_list(value)


@pytest.mark.parametrize("value", [[5, 2], [-1, 3]])
def test_span_from_list_out_of_range_raises_contract_error(value: list[int]) -> None:
    with pytest.raises(ContractError):
        Span.from_list(value)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_span_contract_round_trip(a: int, b: int) -> None:
    span = Span(min(a, b), max(a, b))
    assert Span.from_list(span.to_list()) == span
    assert Span.from_list(json.loads(json.dumps(span.to_list()))) == span
    assert len(span) == span.end - span.start
    assert span.contains(span)


# --- immutability ----------------------------------------------------------------------

SPAN = Span(0, 5)
INSTANCES = [
    SPAN,
    Headline("Storm", SPAN),
    Standfirst("Storm", SPAN),
    Byline("By Jo", SPAN),
    Attribution("Jo said", SPAN),
    Dateline("2021-05-18", "date 2021-05-18", SPAN),
    Paragraph("Storm", SPAN),
    Heading("Storm", SPAN),
    Caption("Storm", SPAN),
    Embed("Storm", SPAN),
    ListItem("Storm", SPAN),
    ReadMore("Storm", SPAN, label="READ MORE"),
    BlockQuote((Paragraph("Storm", SPAN),), SPAN),
    Removed("Advert", "advertisement", "drop_boilerplate", SPAN),
    Article(),
]


@pytest.mark.parametrize("obj", INSTANCES, ids=lambda o: type(o).__name__)
def test_instances_are_frozen(obj: object) -> None:
    field = attrs.fields(type(obj))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, field, getattr(obj, field))
    with pytest.raises((attrs.exceptions.FrozenInstanceError, AttributeError)):
        obj.some_new_attribute = 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("obj", INSTANCES, ids=lambda o: type(o).__name__)
def test_instances_are_slotted(obj: object) -> None:
    assert not hasattr(obj, "__dict__")
    assert "__slots__" in type(obj).__dict__


def test_parsed_article_is_frozen_and_hashable(parsed: dict[str, Article]) -> None:
    article = parsed["harbour"]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        article.headline = None  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        article.body[0].text = "changed"  # type: ignore[misc]
    assert isinstance(article.body, tuple)
    assert isinstance(article.removed, tuple)
    assert hash(article) == hash(articlekit.Parser(model=None).parse(HARBOUR))
    labelled = articlekit.parse(HARBOUR)
    assert hash(labelled) == hash(articlekit.parse(HARBOUR)) and labelled in {labelled}


# --- the output contract ---------------------------------------------------------------


@pytest.mark.parametrize("name", list(TEXTS))
def test_to_dict_keys_and_schema(parsed: dict[str, Article], name: str) -> None:
    data = parsed[name].to_dict()
    assert set(data) == {"schema", "dateline", "headline", "standfirst", "byline", "body", "removed"}
    assert data["schema"] == SCHEMA == "articlekit/1"
    assert isinstance(data["body"], list)
    assert isinstance(data["removed"], list)
    # plain JSON data: survives a trip through json unchanged
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize("name", list(TEXTS))
def test_from_dict_round_trip(parsed: dict[str, Article], name: str) -> None:
    article = parsed[name]
    assert Article.from_dict(article.to_dict()) == article
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


def test_from_dict_ignores_unknown_top_level_keys(parsed: dict[str, Article]) -> None:
    data = parsed["harbour"].to_dict()
    data["source"] = "harbour.txt"  # what the command line adds
    assert Article.from_dict(data) == parsed["harbour"]


def test_empty_article_round_trips() -> None:
    data = Article().to_dict()
    assert data == {
        "schema": "articlekit/1",
        "dateline": None,
        "headline": None,
        "standfirst": None,
        "byline": None,
        "body": [],
        "removed": [],
    }
    assert Article.from_dict(data) == Article()


def test_to_dict_shapes(parsed: dict[str, Article]) -> None:
    data = parsed["bridge"].to_dict()
    assert data["dateline"] == {
        "date": "2023-04-03T10:56:00",
        "raw": "Updated 3 April 2023, 10:56",
        "place": "London",
        "agency": "Reuters",
        "span": [53, 80],
    }
    assert data["headline"] == {"text": "Bridge reopens after six-month repairs", "span": [0, 38]}
    types = [b["type"] for b in data["body"]]
    assert types == [
        "paragraph",
        "heading",
        "paragraph",
        "list_item",
        "list_item",
        "caption",
        "block_quote",
        "read_more",
        "embed",
    ]
    quote = data["body"][types.index("block_quote")]
    assert set(quote) == {"type", "text", "attribution", "paragraphs", "span"}
    assert quote["attribution"]["text"] == "The council leader said"
    assert [p["text"] for p in quote["paragraphs"]] == [
        "This is a great day for the city.",
        "We thank everyone for their patience.",
    ]
    read_more = data["body"][types.index("read_more")]
    assert read_more["label"] == "READ MORE"
    assert read_more["url"] is None
    assert set(read_more) == {"type", "text", "span", "label", "url"}
    for removed in data["removed"]:
        assert set(removed) == {"type", "text", "reason", "cleaner", "span"}
    assert "Advertisement" in [r["text"] for r in data["removed"]]


def test_contract_error_is_a_value_error() -> None:
    assert issubclass(ContractError, ValueError)
    assert issubclass(ContractError, ArticlekitError)
    with pytest.raises(ValueError):  # noqa: PT011
        Article.from_dict({"schema": "articlekit/0"})


def _broken(mutate) -> dict:  # type: ignore[no-untyped-def,type-arg]
    data = copy.deepcopy(articlekit.parse(HARBOUR).to_dict())
    mutate(data)
    return data


def _quote_index(data: dict) -> int:  # type: ignore[type-arg]
    return next(i for i, b in enumerate(data["body"]) if b["type"] == "block_quote")


BAD_DOCUMENTS = {
    "wrong schema": lambda d: d.__setitem__("schema", "articlekit/2"),
    "no schema": lambda d: d.pop("schema"),
    "unknown body type": lambda d: d["body"][0].__setitem__("type", "sidebar"),
    "body type not a string": lambda d: d["body"][0].__setitem__("type", ["paragraph"]),
    "body block without type": lambda d: d["body"][0].pop("type"),
    "body block not an object": lambda d: d["body"].__setitem__(0, "Dozens of families"),
    "body not a list": lambda d: d.__setitem__("body", {}),
    "no body": lambda d: d.pop("body"),
    "no removed": lambda d: d.pop("removed"),
    "missing span in body": lambda d: d["body"][0].pop("span"),
    "missing span in headline": lambda d: d["headline"].pop("span"),
    "missing span in dateline": lambda d: d["dateline"].pop("span"),
    "missing span in removed": lambda d: d["removed"][0].pop("span"),
    "missing span in quote paragraph": lambda d: d["body"][_quote_index(d)]["paragraphs"][0].pop("span"),
    "span of one int": lambda d: d["body"][0].__setitem__("span", [3]),
    "span of three ints": lambda d: d["body"][0].__setitem__("span", [1, 2, 3]),
    "span of strings": lambda d: d["headline"].__setitem__("span", ["17", "75"]),
    "span of floats": lambda d: d["headline"].__setitem__("span", [17.0, 75.0]),
    "span of bools": lambda d: d["headline"].__setitem__("span", [False, True]),
    "span null": lambda d: d["headline"].__setitem__("span", None),
    "span an object": lambda d: d["headline"].__setitem__("span", {"start": 17, "end": 75}),
    "headline not an object": lambda d: d.__setitem__("headline", "Harbour wall breached"),
    "headline text null": lambda d: d["headline"].__setitem__("text", None),
    "paragraph text an int": lambda d: d["body"][0].__setitem__("text", 5),
    "dateline date an int": lambda d: d["dateline"].__setitem__("date", 20240312),
    "quote paragraphs not a list": lambda d: d["body"][_quote_index(d)].__setitem__("paragraphs", "We know"),
    "quote attribution a string": lambda d: d["body"][_quote_index(d)].__setitem__("attribution", "She said"),
    "removed without reason": lambda d: d["removed"][0].pop("reason"),
}


@pytest.mark.parametrize("mutate", list(BAD_DOCUMENTS.values()), ids=list(BAD_DOCUMENTS))
def test_from_dict_rejects_broken_documents(mutate) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ContractError):
        Article.from_dict(_broken(mutate))


@pytest.mark.parametrize("value", [None, [], "articlekit/1", 42, b"{}", ({"schema": "articlekit/1"},)])
def test_from_dict_rejects_non_dict_input(value: object) -> None:
    with pytest.raises(ContractError, match="must be an object"):
        Article.from_dict(value)  # type: ignore[arg-type]


def test_from_dict_error_names_the_unknown_type() -> None:
    with pytest.raises(ContractError, match=r"body\[0\].*'sidebar'"):
        Article.from_dict(_broken(BAD_DOCUMENTS["unknown body type"]))


def test_from_dict_error_names_the_schema() -> None:
    with pytest.raises(ContractError, match="articlekit/2"):
        Article.from_dict(_broken(BAD_DOCUMENTS["wrong schema"]))


@pytest.mark.parametrize("span", [[75, 17], [-1, 75]])
def test_from_dict_rejects_out_of_range_span(span: list[int]) -> None:
    with pytest.raises(ContractError):
        Article.from_dict(_broken(lambda d: d["headline"].__setitem__("span", span)))


# --- conveniences ----------------------------------------------------------------------


def test_empty_article() -> None:
    article = Article()
    assert not article
    assert bool(article) is False
    assert article.dateline is None
    assert article.headline is None
    assert article.standfirst is None
    assert article.byline is None
    assert article.body == ()
    assert article.removed == ()
    assert article.paragraphs == ()
    assert article.quotes == ()
    assert article.read_more == ()
    assert article.headings == ()
    assert article.captions == ()
    assert article.embeds == ()
    assert article.list_items == ()
    assert article.text == ""
    assert list(article.elements()) == []


def test_parse_of_blank_text_is_empty_article() -> None:
    assert articlekit.parse("") == Article()
    assert not articlekit.parse("   \n\n  ")


def test_article_with_any_part_is_true() -> None:
    assert Article(headline=Headline("Storm", Span(0, 5)))
    assert Article(removed=(Removed("Advertisement", "advertisement", "drop_boilerplate", Span(0, 13)),))
    assert Article(body=(Paragraph("Storm", Span(0, 5)),))


def test_seed_dateline_headline_and_quote_across_read_more(parsed: dict[str, Article]) -> None:
    article = parsed["seed"]
    assert article.dateline is not None
    assert article.dateline.date == "2021-05-18"
    assert article.dateline.raw == "date 2021-05-18"
    assert article.headline is not None
    assert article.headline.text == "Storm hits coast"
    [quote] = article.quotes
    assert quote.attribution is not None
    assert quote.attribution.text == "The council said"
    assert [p.text for p in quote.paragraphs] == ["Stay at home.", "We will reopen the roads soon."]
    assert quote.text == "Stay at home.\n\nWe will reopen the roads soon."
    [link] = article.read_more
    assert link.text == "Floods close roads"
    assert link.label == "READ MORE"
    # the quotation interrupted by the link stays one block quote whose span covers it
    assert quote.span.contains(link.span)


def test_harbour_conveniences(parsed: dict[str, Article]) -> None:
    article = parsed["harbour"]
    assert article
    assert article.dateline is not None and article.dateline.date == "2024-03-12"
    assert article.headline is not None
    assert article.headline.text == "Harbour wall breached as storm floods Porthcarrow seafront"
    assert article.standfirst is not None
    assert article.standfirst.text == "Dozens of homes evacuated after waves break through 150-year-old sea defence"
    assert [p.text for p in article.paragraphs] == [
        "Dozens of families were moved from their homes overnight after Storm Imelda tore a hole in the harbour wall.",
        "Coastguard teams worked through the night to fill sandbags as high tide pushed seawater into the lower town.",
        "A spokeswoman for the town council said emergency accommodation had been opened.",
        "The harbour wall was built in 1874 and last repaired in 2009.",
    ]
    [quote] = article.quotes
    assert quote.attribution is not None and quote.attribution.text == "She said"
    assert quote.text == (
        "We know this has been a frightening night for many people.\n\nWe ask people to stay away from the seafront."
    )
    [link] = article.read_more
    assert link.text == "Lifeboat crew rescue two kayakers in force eight gale"
    assert quote.span.contains(link.span)
    [removed] = article.removed
    assert removed.text == "Advertisement"
    assert removed.span.of(HARBOUR) == "Advertisement"
    assert removed.cleaner == "drop_boilerplate"


def test_text_is_prose_joined_by_blank_lines(parsed: dict[str, Article]) -> None:
    article = parsed["harbour"]
    assert article.standfirst is not None
    expected = "\n\n".join(
        [article.standfirst.text]
        + [p.text for p in article.paragraphs[:3]]
        + [p.text for p in article.quotes[0].paragraphs]
        + [article.paragraphs[3].text]
    )
    assert article.text == expected
    assert "Lifeboat crew" not in article.text  # the READ MORE link
    assert "READ MORE" not in article.text
    assert "Advertisement" not in article.text  # removed boilerplate
    assert "She said" not in article.text  # the quotation's lead-in
    assert article.headline is not None
    assert article.headline.text not in article.text


def test_text_leaves_out_links_captions_embeds_removed(parsed: dict[str, Article]) -> None:
    article = parsed["bridge"]
    assert [h.text for h in article.headings] == ["What happens next"]
    assert [i.text for i in article.list_items] == ["Resurfacing the eastern approach", "Repainting the towers"]
    assert [c.text for c in article.captions] == ["Photo: Getty Images"]
    assert len(article.embeds) == 1
    assert article.byline is not None and article.byline.text == "By Jane Smith"
    text = article.text
    assert "What happens next" in text
    assert "Resurfacing the eastern approach\n\nRepainting the towers" in text
    assert "We thank everyone for their patience." in text
    for left_out in ("Ferry fares", "Getty", "pic.twitter.com", "Share this article", "Advertisement", "By Jane"):
        assert left_out not in text


def test_elements_yields_every_element_in_order(parsed: dict[str, Article]) -> None:
    for name, article in parsed.items():
        elements = list(article.elements())
        parts = [p for p in (article.dateline, article.headline, article.standfirst, article.byline) if p]
        assert elements == [*parts, *article.body, *article.removed], name


def test_elements_of_bridge_cover_every_kind(parsed: dict[str, Article]) -> None:
    kinds = [type(e) for e in parsed["bridge"].elements()]
    assert kinds[:3] == [Dateline, Headline, Byline]
    assert {Paragraph, Heading, ListItem, Caption, BlockQuote, ReadMore, Embed, Removed} <= set(kinds)
    assert kinds.count(Removed) == len(parsed["bridge"].removed) >= 2


@pytest.mark.parametrize("name", list(TEXTS))
def test_spans_point_into_the_source(parsed: dict[str, Article], name: str) -> None:
    source = TEXTS[name]
    whole = Span(0, len(source))
    for element in parsed[name].elements():
        assert whole.contains(element.span)
        if isinstance(element, Dateline):
            assert element.span.of(source) == element.raw
        elif isinstance(element, BlockQuote):
            for paragraph in element.paragraphs:
                assert element.span.contains(paragraph.span)
                assert paragraph.text in paragraph.span.of(source)
            if element.attribution is not None:
                assert element.attribution.span.of(source) == element.attribution.text
        else:
            assert element.text in element.span.of(source)


def test_quote_text_excludes_trailing_attribution() -> None:
    article = articlekit.parse(
        "Bridge reopens after six-month repairs\n\n"
        "The Tamar crossing reopened to traffic on Tuesday morning.\n\n"
        '"It has been a long six months," said Mr Jones.\n'
    )
    [quote] = article.quotes
    assert quote.attribution is not None
    assert quote.attribution.text == "said Mr Jones"
    assert quote.text.startswith("It has been a long six months")
    assert '"' not in quote.text
    assert "said Mr Jones" not in quote.text


# --- pickling (parse_many sends every article from a worker to its parent) ---------------


def _objects(value: object) -> list[object]:
    """*value* and every attrs object inside it."""
    if attrs.has(type(value)):
        return [value] + [o for f in attrs.fields(type(value)) for o in _objects(getattr(value, f.name))]
    if isinstance(value, tuple):
        return [o for item in value for o in _objects(item)]
    return []


def test_a_parsed_article_pickles_whole(parsed: dict[str, Article]) -> None:
    for article in parsed.values():
        back = pickle.loads(pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == article
        # and what == leaves out: the trace and the source
        assert back.trace == article.trace and back.source == article.source
        # every object comes back as its own class, not the base class it inherits from
        assert [type(o) for o in _objects(back)] == [type(o) for o in _objects(article)]


def test_model_objects_pickle_as_their_field_values() -> None:
    headline = Headline("Storm hits coast", Span(0, 16))
    assert headline.__reduce__() == (Headline, ("Storm hits coast", Span(0, 16)))
    # unpickling runs the constructor, which checks a span again
    with pytest.raises(ValueError, match="end 1 is before its start 5"):
        pickle.loads(pickle.dumps(Span(0, 1)).replace(b"K\x00K\x01", b"K\x05K\x01"))
    # a pickle of the earlier form (the fields as a dict) still loads
    span = Span.__new__(Span)
    span.__setstate__({"start": 2, "end": 7})
    assert span == Span(2, 7)
    assert copy.deepcopy(headline) == headline and copy.copy(headline) == headline

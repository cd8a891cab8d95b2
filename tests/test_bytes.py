"""Bytes in any common encoding, line endings of every kind, and the size limit."""

from __future__ import annotations

import codecs

import pytest

import articlekit
from articlekit.errors import ArticlekitError, ConfigurationError, DecodingError, InputTooLargeError, InputTypeError
from tests.invariants import check_article

STORY = (
    " date 2021-05-18 Bürgermeister räumt Fehler bei Hochwasserschutz ein\n\n"
    "Die Stadt hätte die Deiche früher verstärken müssen, sagte der Bürgermeister am Dienstag.\n\n"
    "Er sagte: „Wir haben die Warnungen der Ingenieure zu lange nicht ernst genommen.“\n"
)


def _expect(article: articlekit.Article) -> None:
    assert article.dateline is not None and article.dateline.date == "2021-05-18"
    assert article.headline is not None
    assert article.headline.text == "Bürgermeister räumt Fehler bei Hochwasserschutz ein"
    assert article.quotes[0].paragraphs[0].text.startswith("Wir haben die Warnungen")


@pytest.mark.parametrize(
    "data",
    [
        STORY.encode("utf-8"),
        codecs.BOM_UTF8 + STORY.encode("utf-8"),
        STORY.encode("utf-16"),  # with its byte order mark
        STORY.encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]),
        STORY.encode("utf-32"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be", "utf-32"],
)
def test_unicode_encodings_are_read(data: bytes) -> None:
    article = articlekit.parse_bytes(data)
    _expect(article)
    check_article(STORY, article)  # spans point into the decoded text, which is the story


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_are_detected(encoding: str) -> None:
    text = STORY.replace("„", '"').replace("“", '"')  # marks those encodings cannot hold
    article = articlekit.parse_bytes(text.encode(encoding))
    assert article.headline is not None
    assert article.headline.text == "Bürgermeister räumt Fehler bei Hochwasserschutz ein"


def test_a_given_encoding_is_used() -> None:
    data = STORY.replace("„", '"').replace("“", '"').encode("cp1252")
    assert articlekit.parse_bytes(data, encoding="cp1252").headline == articlekit.parse_bytes(data).headline


def test_undecodable_bytes_name_the_offset() -> None:
    data = b"Storm hits the coast\n" + bytes(range(128, 256)) * 8
    with pytest.raises(DecodingError, match=r"offset 21") as info:
        articlekit.parse_bytes(data)
    assert info.value.offset == 21
    assert isinstance(info.value, ArticlekitError) and isinstance(info.value, ValueError)


def test_undecodable_bytes_can_be_replaced() -> None:
    data = b"Storm hits the coast\n" + bytes(range(128, 256)) * 8
    article = articlekit.parse_bytes(data, errors="replace")
    # the first line as it was, whatever the labeller takes it for; the rest replaced
    first = article.headline or article.body[0]
    assert first.text == "Storm hits the coast"
    assert any("\ufffd" in element.text for element in (*article.body, *article.removed))


def test_wrong_given_encoding_names_the_offset() -> None:
    with pytest.raises(DecodingError, match="not valid utf-8 at byte 3") as info:
        articlekit.parse_bytes(b"abc\xff", encoding="utf-8")
    assert (info.value.offset, info.value.encoding) == (3, "utf-8")


def test_bad_arguments_raise_typed_errors() -> None:
    with pytest.raises(InputTypeError, match="takes bytes"):
        articlekit.parse_bytes("a str")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="unknown encoding"):
        articlekit.parse_bytes(b"x", encoding="no-such-codec")
    with pytest.raises(ConfigurationError, match="errors must be"):
        articlekit.parse_bytes(b"x", errors="ignore")  # type: ignore[arg-type]


def _without_spans(value: object) -> object:
    if isinstance(value, dict):
        return {k: _without_spans(v) for k, v in value.items() if k not in ("span", "source")}
    if isinstance(value, list):
        return [_without_spans(v) for v in value]
    return value


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\x1c"])
def test_every_line_ending_keeps_spans_exact(newline: str) -> None:
    lines = [
        " date 2021-05-18 Storm hits the coast",
        "",
        "The sea wall gave way at dawn on Saturday, and the lower town flooded within the hour.",
        "",
        'A spokesman said: "We are doing all we can.',
        "READ MORE: Lifeboat crew rescue kayakers",
        '"Please stay away from the seafront."',
    ]
    text = newline.join(lines) + newline
    # the rules' reading of this short text is known line by line
    rules = articlekit.Parser(model=None).parse(text)
    assert rules.headline is not None and rules.headline.text == "Storm hits the coast"
    assert len(rules.quotes) == 1 and len(rules.quotes[0].paragraphs) == 2
    # and whatever the labeller makes of it, the line ending changes nothing but spans
    article = articlekit.parse(text)
    plain = articlekit.parse("\n".join(lines) + "\n")
    assert _without_spans(article.to_dict()) == _without_spans(plain.to_dict())
    for parsed in (rules, article):
        for element in parsed.elements():
            if isinstance(element, articlekit.Paragraph):
                assert element.span.of(text) == element.text
        check_article(text, parsed)


def test_max_chars_refuses_a_text_that_is_too_long() -> None:
    parser = articlekit.Parser(max_chars=1_000)
    parser.parse("word " * 200)  # exactly at the limit is fine
    with pytest.raises(InputTooLargeError, match="1,001 characters, more than max_chars=1,000"):
        parser.parse("word " * 200 + "x")
    with pytest.raises(InputTooLargeError, match="bytes"):
        parser.parse_bytes(b"x" * 4_001)
    assert articlekit.Parser().max_chars == articlekit.MAX_CHARS == 20_000_000
    with pytest.raises(ConfigurationError, match="positive int"):
        articlekit.Parser(max_chars=0)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(codec: str) -> None:
    text = "Storm hits the coast\n\nThe sea wall gave way at dawn, and the lower town flooded.\n"
    article = articlekit.Parser(model=None).parse_bytes(text.encode(codec))  # the rules: a known reading
    assert article.source == text
    assert article.headline is not None and article.headline.span == articlekit.Span(0, 20)

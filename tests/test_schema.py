"""Every parse follows the shipped JSON Schema."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import articlekit
from tests.conftest import EXAMPLE, read_exact


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = articlekit.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_is_a_fresh_copy() -> None:
    first = articlekit.schema()
    first["title"] = "changed"
    assert articlekit.schema()["title"] == "articlekit/1 article"


def test_the_example_follows_the_schema(validator: jsonschema.Draft202012Validator) -> None:
    article = articlekit.parse(read_exact(EXAMPLE))
    validator.validate(article.to_dict())
    validator.validate(article.to_dict(trace=True))


def test_every_corpus_text_follows_the_schema(
    validator: jsonschema.Draft202012Validator, dev_texts: list[Path]
) -> None:
    for path in dev_texts:
        data = articlekit.parse(read_exact(path)).to_dict(trace=True)
        errors = sorted(validator.iter_errors(data), key=str)
        assert errors == [], (path.name, errors[:1])


def test_the_schema_rejects_what_breaks_the_contract(validator: jsonschema.Draft202012Validator) -> None:
    data = articlekit.parse(read_exact(EXAMPLE)).to_dict()
    data["body"][0]["type"] = "sidebar"
    assert not validator.is_valid(data)
    data = articlekit.parse(read_exact(EXAMPLE)).to_dict()
    data["dateline"]["date"] = "18 May 2021"
    assert not validator.is_valid(data)
    data = articlekit.parse(read_exact(EXAMPLE)).to_dict()
    del data["removed"]
    assert not validator.is_valid(data)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_parse_follows_the_schema(text: str) -> None:
    jsonschema.validate(articlekit.parse(text).to_dict(trace=True), articlekit.schema())

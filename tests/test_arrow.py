"""articlekit.arrow: articles as Arrow tables and Parquet files."""

from __future__ import annotations

import importlib
import io
import json
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import articlekit
from articlekit.errors import (
    ArticlekitError,
    BatchError,
    ConfigurationError,
    InputTypeError,
    LoneSurrogateError,
    MissingExtraError,
)
from tests.conftest import EXAMPLE, ROOT, read_exact

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from articlekit.arrow import SCHEMA, parse_to_parquet, to_table, write_parquet  # noqa: E402

WIRE = (
    "Police arrest three over jewellery shop break-ins\n\n"
    "By Sarah Holt\n\n"
    "LONDON (Reuters) - Police arrested three men on Tuesday over a string of overnight break-ins at "
    "jewellery shops in the capital.\n\n"
    "Officers recovered watches and rings worth more than 200,000 pounds from a van stopped on the M25.\n\n"
    "\u201cThis was a well-organised gang and we are glad to have them off the streets,\u201d said Detective "
    "Inspector Mark Ellis.\n\n"
    "READ MORE: Westcliff families count the cost https://www.example-news.co.uk/news/westcliff-floods-123\n\n"
    "The three men are due to appear before magistrates on Thursday.\n"
)
FEATURE = (
    " date 2023-11-02 Village school saved after parents raise \u00a340,000\n"
    "A crowdfunding campaign has kept the doors open for another five years\n"
    "Parents in Little Hadham have raised enough money to keep the village primary school open.\n"
    "(Image: Getty)\n"
    "What happens next\n"
    "The county council will review the school's finances again in 2028.\n"
    "Share this article\n"
)
LIVE = (
    "Storm Imelda: what we know so far\n\n"
    "Thousands of homes along the coast are without power this morning after the storm brought gusts of 90mph.\n\n"
    "The Met Office has listed what to do:\n\n"
    "- Stay away from the seafront\n"
    "- Check on elderly neighbours\n\n"
    "Waves crashing over the harbour wall at Porthcarrow tonight pic.twitter.com/AbC123xyz\n"
    "\u2014 Porthcarrow Lifeboat (@PorthLifeboat) March 12, 2024\n\n"
    "Advertisement\n\n"
    "The county council has opened three rest centres for people who have had to leave their homes.\n"
)

FLAT = [
    "dateline_date",
    "dateline_raw",
    "dateline_place",
    "dateline_agency",
    "headline",
    "standfirst",
    "byline",
    "text",
]
COUNTS = [
    "n_paragraphs",
    "n_quotes",
    "n_read_more",
    "n_headings",
    "n_captions",
    "n_embeds",
    "n_list_items",
    "n_removed",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [read_exact(EXAMPLE), WIRE, FEATURE, LIVE, ""]


@pytest.fixture(scope="module")
def articles(texts: list[str]) -> list[articlekit.Article]:
    return [articlekit.parse(t) for t in texts]


def expected_row(data: dict[str, Any]) -> dict[str, Any]:
    """The row for an article, worked out from its contract form (``to_dict``), not from
    the objects ``to_table`` reads."""

    def text(key: str) -> str | None:
        part = data[key]
        return part["text"] if part else None

    def spans(item: dict[str, Any]) -> dict[str, int]:
        return {"span_start": item["span"][0], "span_end": item["span"][1]}

    dateline = data["dateline"] or {}
    body = data["body"]
    prose = [b["text"] for b in body if b["type"] in {"paragraph", "block_quote", "heading", "list_item"}]
    kinds = [b["type"] for b in body]
    return {
        "dateline_date": dateline.get("date"),
        "dateline_raw": dateline.get("raw"),
        "dateline_place": dateline.get("place"),
        "dateline_agency": dateline.get("agency"),
        "headline": text("headline"),
        "standfirst": text("standfirst"),
        "byline": text("byline"),
        "text": "\n\n".join(p for p in [text("standfirst"), *prose] if p),
        "body": [
            {
                "type": b["type"],
                "text": b["text"],
                **spans(b),
                "label": b.get("label"),
                "url": b.get("url"),
                "attribution": (b.get("attribution") or {}).get("text"),
                "confidence": b.get("confidence"),
            }
            for b in body
        ],
        "quotes": [
            {
                "text": b["text"],
                "attribution": (b["attribution"] or {}).get("text"),
                "paragraph_count": len(b["paragraphs"]),
                **spans(b),
                "confidence": b.get("confidence"),
            }
            for b in body
            if b["type"] == "block_quote"
        ],
        "read_more": [
            {"label": b["label"], "text": b["text"], "url": b["url"], **spans(b), "confidence": b.get("confidence")}
            for b in body
            if b["type"] == "read_more"
        ],
        "removed": [
            {
                "type": r["type"],
                "text": r["text"],
                "reason": r["reason"],
                "cleaner": r["cleaner"],
                **spans(r),
                "confidence": r.get("confidence"),
            }
            for r in data["removed"]
        ],
        "n_paragraphs": kinds.count("paragraph"),
        "n_quotes": kinds.count("block_quote"),
        "n_read_more": kinds.count("read_more"),
        "n_headings": kinds.count("heading"),
        "n_captions": kinds.count("caption"),
        "n_embeds": kinds.count("embed"),
        "n_list_items": kinds.count("list_item"),
        "n_removed": len(data["removed"]),
    }


# --- the schema ---------------------------------------------------------------------------


def test_schema_columns_in_order() -> None:
    assert SCHEMA.names == [*FLAT, "body", "quotes", "read_more", "removed", *COUNTS]
    assert SCHEMA.metadata == {b"articlekit.table": b"1"}


def test_schema_uses_only_types_every_reader_knows() -> None:
    """Strings, signed 32/64-bit ints, 64-bit floats, lists and structs: pandas, Polars,
    DuckDB and Spark all read them as they are."""

    def check(type_: Any) -> None:
        if pa.types.is_list(type_):
            check(type_.value_type)
        elif pa.types.is_struct(type_):
            for i in range(type_.num_fields):
                check(type_.field(i).type)
        else:
            assert type_ in (pa.string(), pa.int32(), pa.int64(), pa.float64()), type_

    for field in SCHEMA:
        check(field.type)


def test_every_field_has_a_description() -> None:
    for field in SCHEMA:
        assert field.metadata and field.metadata[b"description"], field.name


def test_struct_fields() -> None:
    def names(column: str) -> list[str]:
        struct = SCHEMA.field(column).type.value_type
        return [struct.field(i).name for i in range(struct.num_fields)]

    assert names("body") == ["type", "text", "span_start", "span_end", "label", "url", "attribution", "confidence"]
    assert names("quotes") == ["text", "attribution", "paragraph_count", "span_start", "span_end", "confidence"]
    assert names("read_more") == ["label", "text", "url", "span_start", "span_end", "confidence"]
    assert names("removed") == ["type", "text", "reason", "cleaner", "span_start", "span_end", "confidence"]


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(importlib.import_module("articlekit.arrow").__doc__ or "", id="module-docstring"),
        pytest.param((ROOT / "docs" / "integrations.rst").read_text(encoding="utf-8"), id="docs-integrations"),
    ],
)
def test_every_column_is_documented(document: str) -> None:
    documented = set(re.findall(r"^``(\w+)``", document, flags=re.MULTILINE))
    assert {"id", *SCHEMA.names} <= documented
    for column in ("body", "quotes", "read_more", "removed"):
        struct = SCHEMA.field(column).type.value_type
        for i in range(struct.num_fields):
            assert f"``{struct.field(i).name}``" in document


# --- to_table -------------------------------------------------------------------------------


def test_table_has_the_schema_and_one_row_per_article(articles: list[articlekit.Article]) -> None:
    table = to_table(articles)
    assert table.schema.equals(SCHEMA, check_metadata=True)
    assert table.num_rows == len(articles)
    table.validate(full=True)


def test_rows_match_the_contract(articles: list[articlekit.Article]) -> None:
    rows = to_table(articles).to_pylist()
    assert rows == [expected_row(a.to_dict()) for a in articles]


def test_example_values(texts: list[str]) -> None:
    text = texts[0]
    row = to_table([articlekit.parse(text)]).to_pylist()[0]
    assert row["dateline_date"] == "2024-03-12"
    assert row["dateline_raw"] == "date 2024-03-12"
    assert row["headline"] == "Harbour wall breached as storm floods Porthcarrow seafront"
    assert row["standfirst"] == "Dozens of homes evacuated after waves break through 150-year-old sea defence"
    assert row["byline"] is None
    assert [(q["attribution"], q["paragraph_count"]) for q in row["quotes"]] == [
        ("She said", 3),
        ("Local fisherman Tom Keverne said", 1),
    ]
    assert [(link["label"], link["text"]) for link in row["read_more"]] == [
        ("READ MORE", "Porthcarrow lifeboat crew rescue two kayakers in force eight gale"),
        ("READ MORE", "Storm Imelda: trains cancelled and roads closed across the county"),
    ]
    assert [(r["text"], r["reason"], r["cleaner"]) for r in row["removed"]] == [
        ("Advertisement", "advertisement", "drop_boilerplate")
    ]
    assert (row["n_quotes"], row["n_read_more"], row["n_removed"]) == (2, 2, 1)
    # spans point into the text that was parsed
    for block in row["body"]:
        if block["type"] == "paragraph":
            assert text[block["span_start"] : block["span_end"]] == block["text"]
    for link in row["read_more"]:
        assert text[link["span_start"] : link["span_end"]].startswith("READ MORE: ")
    assert row["body"][3]["attribution"] == "She said"


def test_wire_copy_values() -> None:
    row = to_table([articlekit.parse(WIRE)]).to_pylist()[0]
    assert (row["dateline_raw"], row["dateline_place"], row["dateline_agency"]) == (
        "LONDON (Reuters) -",
        "London",
        "Reuters",
    )
    assert row["dateline_date"] is None
    assert row["byline"] == "By Sarah Holt"
    assert [q["attribution"] for q in row["quotes"]] == ["said Detective Inspector Mark Ellis"]
    assert [(link["text"], link["url"]) for link in row["read_more"]] == [
        ("Westcliff families count the cost", "https://www.example-news.co.uk/news/westcliff-floods-123")
    ]
    assert [b["type"] for b in row["body"]] == ["paragraph", "paragraph", "block_quote", "read_more", "paragraph"]


def test_captions_headings_embeds_and_lists_are_counted() -> None:
    # the rules' reading of these short texts is known element by element
    rules = articlekit.Parser(model=None)
    rows = to_table([rules.parse(FEATURE), rules.parse(LIVE)]).to_pylist()
    assert (rows[0]["n_captions"], rows[0]["n_headings"], rows[0]["n_removed"]) == (1, 1, 1)
    assert rows[0]["removed"][0]["reason"] == "share"
    assert (rows[1]["n_list_items"], rows[1]["n_embeds"], rows[1]["n_paragraphs"]) == (2, 2, 3)
    assert "Stay away from the seafront" in rows[1]["text"]
    # and each count is the article's own, whatever the labeller made of the texts
    articles = [articlekit.parse(FEATURE), articlekit.parse(LIVE)]
    for article, row in zip(articles, to_table(articles).to_pylist(), strict=True):
        counts = (len(article.captions), len(article.headings), len(article.list_items), len(article.embeds))
        assert (row["n_captions"], row["n_headings"], row["n_list_items"], row["n_embeds"]) == counts
        assert (row["n_paragraphs"], row["n_removed"]) == (len(article.paragraphs), len(article.removed))


def test_an_empty_article_is_a_row_of_nulls_and_empty_lists() -> None:
    row = to_table([articlekit.parse("")]).to_pylist()[0]
    assert all(row[name] is None for name in FLAT if name != "text")
    assert row["text"] == ""
    assert row["body"] == row["quotes"] == row["read_more"] == row["removed"] == []
    assert all(row[name] == 0 for name in COUNTS)


def test_empty_input_gives_an_empty_table_with_the_schema() -> None:
    table = to_table([])
    assert table.num_rows == 0
    assert table.schema.equals(SCHEMA, check_metadata=True)
    assert to_table(iter([])).schema.equals(SCHEMA)


def test_ids_come_first_and_keep_their_type(articles: list[articlekit.Article]) -> None:
    by_name = to_table(articles, ids=[f"doc-{i}" for i in range(len(articles))])
    assert by_name.column_names == ["id", *SCHEMA.names]
    assert by_name.schema.field("id").type == pa.string()
    assert by_name.schema.remove(0).equals(SCHEMA, check_metadata=True)
    assert by_name.column("id").to_pylist()[:2] == ["doc-0", "doc-1"]
    by_number = to_table(articles, ids=iter(range(100, 100 + len(articles))))
    assert by_number.schema.field("id").type == pa.int64()
    assert to_table([], ids=[]).schema.field("id").type == pa.string()


def test_ids_must_match_the_articles(articles: list[articlekit.Article]) -> None:
    with pytest.raises(ValueError, match="one id per article"):
        to_table(articles, ids=["only-one"])


def test_ids_of_mixed_types_become_strings(articles: list[articlekit.Article]) -> None:
    table = to_table(articles[:5], ids=["a", 1, None, 2.5, {"site": "x"}])
    assert table.schema.field("id").type == pa.string()
    assert table.column("id").to_pylist() == ["a", "1", None, "2.5", '{"site": "x"}']
    path = io.BytesIO()
    write_parquet(articles[:2], path, ids=[7, "seven"])
    assert pq.read_table(path).column("id").to_pylist() == ["7", "seven"]
    assert to_table(articles[:2], ids=[True, 3]).column("id").to_pylist() == ["true", "3"]  # a bool is no id number


def test_texts_are_not_articles() -> None:
    with pytest.raises(InputTypeError, match="parse the texts first"):
        to_table([WIRE])  # type: ignore[list-item]


# --- Parquet --------------------------------------------------------------------------------


def test_parquet_round_trip(tmp_path: Path, articles: list[articlekit.Article]) -> None:
    path = tmp_path / "articles.parquet"
    table = to_table(articles, ids=range(len(articles)))
    write_parquet(articles, path, ids=range(len(articles)), compression="zstd")
    back = pq.read_table(path)
    assert back.equals(table)
    assert back.schema.equals(table.schema, check_metadata=True)
    assert back.to_pylist() == table.to_pylist()


def test_parse_to_parquet_writes_one_row_group_per_batch(tmp_path: Path, texts: list[str]) -> None:
    path = tmp_path / "streamed.parquet"
    many = texts * 3  # 15 texts
    ids = [f"t{i}" for i in range(len(many))]
    assert parse_to_parquet(iter(many), path, ids=iter(ids), batch_size=4) == len(many)
    parquet = pq.ParquetFile(path)
    assert parquet.metadata.num_row_groups == 4  # 4 + 4 + 4 + 3
    assert parquet.read().equals(to_table([articlekit.parse(t) for t in many], ids=ids))


def test_parse_to_parquet_streams(tmp_path: Path) -> None:
    """Each batch is written before the next texts are read."""
    path = tmp_path / "partial.parquet"

    def texts() -> Iterator[str]:
        yield from (WIRE, FEATURE)
        assert path.exists()  # the writer has the file open, with the first batch
        yield LIVE
        raise RuntimeError("the source failed")

    with pytest.raises(RuntimeError, match="the source failed"):
        parse_to_parquet(texts(), path, batch_size=2)
    # the first batch's headlines, as parse reads those texts
    assert pq.read_table(path).column("headline").to_pylist() == [
        articlekit.parse(WIRE).headline.text,  # type: ignore[union-attr]
        articlekit.parse(FEATURE).headline.text,  # type: ignore[union-attr]
    ]
    assert pq.read_table(path).column("headline").to_pylist()[0] == "Police arrest three over jewellery shop break-ins"


def test_parse_to_parquet_with_a_parser(tmp_path: Path) -> None:
    path = tmp_path / "kept.parquet"
    parse_to_parquet([LIVE], path, parser=articlekit.Parser(cleaners=["drop_repeats"]))
    row = pq.read_table(path).to_pylist()[0]
    assert row["n_removed"] == 0
    assert "Advertisement" in [b["text"] for b in row["body"]]


def test_parse_to_parquet_empty_input(tmp_path: Path) -> None:
    assert parse_to_parquet([], tmp_path / "empty.parquet") == 0
    table = pq.read_table(tmp_path / "empty.parquet")
    assert table.num_rows == 0
    assert table.schema.equals(SCHEMA, check_metadata=True)
    assert parse_to_parquet([], tmp_path / "empty-ids.parquet", ids=[]) == 0
    assert pq.read_table(tmp_path / "empty-ids.parquet").column_names == ["id", *SCHEMA.names]


def test_parse_to_parquet_errors_name_the_text(tmp_path: Path) -> None:
    with pytest.raises(BatchError) as info:
        parse_to_parquet([WIRE, FEATURE, b"bytes"], tmp_path / "bad.parquet", ids=["a", "b", "c"], batch_size=2)  # type: ignore[list-item]
    assert str(info.value).startswith("text 2 (id 'c') failed: InputTypeError: parse() takes the article as a str")
    assert info.value.index == 2
    assert isinstance(info.value.__cause__, InputTypeError)
    assert pq.read_table(tmp_path / "bad.parquet").num_rows == 2  # the batch before it
    with pytest.raises(ValueError, match="ids ran out after 1"):
        parse_to_parquet([WIRE, FEATURE], tmp_path / "few.parquet", ids=["a"])
    with pytest.raises(ValueError, match="more ids than the 1 texts"):
        parse_to_parquet([WIRE], tmp_path / "many.parquet", ids=["a", "b"])
    with pytest.raises(InputTypeError, match="ids must be values of type int64, as the first ones were, got 'b'"):
        parse_to_parquet([WIRE, FEATURE], tmp_path / "mixed.parquet", ids=[1, "b"], batch_size=1)
    assert parse_to_parquet([WIRE, FEATURE], tmp_path / "mixed.parquet", ids=["a", 2], batch_size=1) == 2
    assert pq.read_table(tmp_path / "mixed.parquet").column("id").to_pylist() == ["a", "2"]
    with pytest.raises(ConfigurationError, match="on_error must be"):
        parse_to_parquet([WIRE], tmp_path / "x.parquet", on_error="return")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="batch_size must be a positive int"):
        parse_to_parquet([WIRE], tmp_path / "zero.parquet", batch_size=0)


BAD_TEXTS: list[object] = [
    "Fans react \ud83d as the final whistle blows\nThe crowd sang on.",  # a lone surrogate
    "x" * 5000,  # over max_chars
    None,
    b"bytes",
]


def test_parse_to_parquet_names_a_lone_surrogate(tmp_path: Path) -> None:
    with pytest.raises(BatchError) as info:
        parse_to_parquet([WIRE, BAD_TEXTS[0]], tmp_path / "s.parquet", ids=["w", "fans"])  # type: ignore[list-item]
    assert str(info.value).startswith("text 1 (id 'fans') failed: LoneSurrogateError: the text holds a lone surrogate")
    assert "U+D83D, at character 11" in str(info.value)


def test_parse_to_parquet_on_error_skip(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    texts = [WIRE, *BAD_TEXTS, FEATURE]
    path = tmp_path / "skip.parquet"
    with caplog.at_level(logging.WARNING, logger="articlekit"):
        rows = parse_to_parquet(
            texts,  # type: ignore[arg-type]
            path,
            ids=range(6),
            batch_size=2,
            parser=articlekit.Parser(max_chars=4000),
            on_error="skip",
        )
    assert rows == 2
    assert pq.read_table(path).column("id").to_pylist() == [0, 5]
    skipped = [r.getMessage() for r in caplog.records]
    assert [m.split(":")[0] for m in skipped] == [f"parse_to_parquet() skipped text {i} (id {i})" for i in (1, 2, 3, 4)]
    assert "LoneSurrogateError" in skipped[0] and "InputTooLargeError" in skipped[1]


def test_parse_to_parquet_on_error_record(tmp_path: Path) -> None:
    texts = [WIRE, *BAD_TEXTS, FEATURE]
    path = tmp_path / "record.parquet"
    parser = articlekit.Parser(max_chars=4000)
    assert (
        parse_to_parquet(texts, path, ids=["a", 2, "c", 4, "e", 6], batch_size=4, parser=parser, on_error="record") == 6
    )  # type: ignore[arg-type]
    table = pq.read_table(path)
    assert table.column_names == ["id", *SCHEMA.names, "error"]
    assert table.column("id").to_pylist() == ["a", "2", "c", "4", "e", "6"]
    errors = table.column("error").to_pylist()
    assert errors[0] is None and errors[5] is None
    assert [e.split(":")[0] for e in errors[1:5]] == [
        "LoneSurrogateError",
        "InputTooLargeError",
        "InputTypeError",
        "InputTypeError",
    ]
    rows = table.to_pylist()
    assert rows[1]["text"] == "" and rows[1]["body"] == [] and rows[1]["headline"] is None
    assert rows[0]["headline"] == articlekit.parse(WIRE).headline.text  # type: ignore[union-attr]
    empty = tmp_path / "empty.parquet"
    assert parse_to_parquet([], empty, on_error="record") == 0
    assert pq.read_table(empty).column_names == [*SCHEMA.names, "error"]


def test_to_table_names_an_article_with_a_lone_surrogate() -> None:
    articles = [articlekit.parse(WIRE), articlekit.parse(str(BAD_TEXTS[0]))]
    with pytest.raises(LoneSurrogateError, match=r"^article 1: the text holds a lone surrogate"):
        to_table(articles)


# --- other libraries -------------------------------------------------------------------------


def test_to_pandas(articles: list[articlekit.Article]) -> None:
    pytest.importorskip("pandas")
    frame = to_table(articles, ids=["example", "wire", "feature", "live", "empty"]).to_pandas()
    assert list(frame.columns) == ["id", *SCHEMA.names]
    example = frame.set_index("id").loc["example"]
    assert example["headline"] == "Harbour wall breached as storm floods Porthcarrow seafront"
    assert [q["attribution"] for q in example["quotes"]] == ["She said", "Local fisherman Tom Keverne said"]
    assert frame["n_quotes"].dtype == "int32"
    assert frame["n_quotes"].tolist() == [len(a.quotes) for a in articles]
    assert frame["n_quotes"].sum() == sum(len(a.quotes) for a in articles)


# --- imports ---------------------------------------------------------------------------------


def test_missing_pyarrow_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "articlekit.arrow")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(MissingExtraError, match=re.escape("pip install 'articlekit[arrow]'")) as info:
        importlib.import_module("articlekit.arrow")
    assert isinstance(info.value, ImportError) and isinstance(info.value, ArticlekitError)


def test_import_articlekit_imports_neither_pyarrow_nor_dask() -> None:
    code = (
        "import sys, articlekit\n"
        "heavy = ('pyarrow', 'dask', 'distributed', 'pandas', 'numpy')\n"
        "def loaded(): return sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in heavy})\n"
        "print(loaded())\n"
        "articlekit.Parser(model=None).parse('Storm hits coast\\nThe sea wall gave way at dawn.')\n"
        "print(loaded())\n"
        "articlekit.parse('Storm hits coast\\nThe sea wall gave way at dawn.')\n"
        "print(loaded())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    imported, after_rules, after_default = (json.loads(line.replace("'", '"')) for line in result.stdout.splitlines())
    # neither the import nor a parse with the rules loads any of them
    assert imported == after_rules == []
    # the labeller (the default) sums its weights with numpy, a dependency of articlekit's
    # own; the optional extras stay unloaded
    assert after_default in ([], ["numpy"])

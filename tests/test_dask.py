"""articlekit.dask: parsing in parallel with Dask, on a local cluster of worker processes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import articlekit
from articlekit.errors import ConfigurationError, InputTypeError
from tests.conftest import DEV, EXAMPLE, ROOT, read_exact

db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from articlekit.dask import COLUMNS, ERROR_COLUMN, parse_bag, parse_dataframe  # noqa: E402

WIRE = (
    "Rescuers search rubble after quake\n\n"
    "ANKARA (Reuters) - Rescue teams worked through the night on Monday to reach people trapped under "
    "collapsed buildings after a magnitude 6.1 earthquake struck the east of the country.\n\n"
    '"We are still hearing voices from under the rubble," said the town\'s mayor, Ahmet Demir.\n\n'
    "Related: Aid agencies appeal for tents and blankets - https://example.com/news/quake-appeal\n\n"
    "The disaster agency said 14 people had been confirmed dead.\n"
)
LOCAL = (
    " date 2022-06-10 Council closes pier after storm damage\n"
    "Engineers say repairs will take months\n"
    "By Jane Smith\n"
    "The town's Victorian pier was closed on Friday after inspectors found cracks in its supports.\n"
    'The council leader said: "We cannot take any risks with public safety.\n'
    '"We will reopen the pier as soon as it is safe to do so."\n'
    "Advertisement\n"
    "Traders on the seafront said the closure would hit the summer season hard.\n"
)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A client of a local cluster of two single-threaded worker processes, as a
    multi-node cluster would run the work: the tasks, texts and results are pickled.
    The teardown closes the client, then the cluster, however the tests went."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with distributed.Client(cluster) as client:
            yield client
    finally:
        cluster.close()


def example_texts() -> list[str]:
    return [read_exact(EXAMPLE), WIRE, LOCAL, ""]


def test_parse_bag_dev_corpus_on_a_cluster(client: Any) -> None:
    if not DEV.is_dir():
        pytest.skip(f"the dev corpus is not at {DEV} (../shared is absent); test_parse_bag_examples covers the rest")
    texts = [read_exact(path) for path in sorted(DEV.glob("*.txt"))]
    assert texts
    bag = parse_bag(db.from_sequence(texts, npartitions=4))
    assert bag.npartitions == 4
    result = client.compute(bag).result()
    assert result == [articlekit.parse(t).to_dict() for t in texts]


def test_parse_bag_examples_on_a_cluster(client: Any) -> None:
    texts = example_texts() * 3
    result = client.compute(parse_bag(db.from_sequence(texts, npartitions=4))).result()
    assert result == [articlekit.parse(t).to_dict() for t in texts]
    assert [articlekit.Article.from_dict(d) for d in result] == [articlekit.parse(t) for t in texts]
    # it ran in the worker processes
    assert len(client.scheduler_info()["workers"]) == 2


def test_parse_bag_sends_the_parser_to_the_workers(client: Any) -> None:
    parser = articlekit.Parser(cleaners=["drop_repeats"])  # keeps the boilerplate
    texts = example_texts()
    result = client.compute(parse_bag(db.from_sequence(texts, npartitions=2), parser=parser)).result()
    assert result == [parser.parse(t).to_dict() for t in texts]
    assert result != [articlekit.parse(t).to_dict() for t in texts]


def test_parse_bag_is_lazy_and_raises_on_compute() -> None:
    bag = parse_bag(db.from_sequence([WIRE, WIRE, None], npartitions=2), on_error="raise")  # nothing parsed yet
    with pytest.raises(InputTypeError, match="takes the article as a str") as info:
        bag.compute(scheduler="sync")
    assert "while parsing item 0 of partition 1 of the bag for parse_bag()" in info.value.__notes__


# texts that cannot be parsed, and where each one sits in a bag of two partitions
BAD = {2: None, 5: 42, 7: "x" * 101}  # 42: not a str; the long one: over max_chars=100


def mixed_texts() -> list[Any]:
    texts: list[Any] = [WIRE[:90], LOCAL[:90], "Storm \ud83d hits coast"] * 3  # a lone surrogate parses
    for index, bad in BAD.items():
        texts[index] = bad
    return texts


def test_parse_bag_records_failures_in_place_by_default(client: Any) -> None:
    parser = articlekit.Parser(max_chars=100)
    texts = mixed_texts()
    result = client.compute(parse_bag(db.from_sequence(texts, npartitions=2), parser=parser)).result()
    assert len(result) == len(texts)
    # from_sequence splits the 9 texts 5 + 4
    assert {i: (d["error"], d["partition"], d["position"]) for i, d in enumerate(result) if "error" in d} == {
        2: ("InputTypeError", 0, 2),
        5: ("InputTypeError", 1, 0),
        7: ("InputTooLargeError", 1, 2),
    }
    assert "got int" in result[5]["message"] and "max_chars=100" in result[7]["message"]
    good = [i for i in range(len(texts)) if i not in BAD]
    assert [result[i] for i in good] == [parser.parse(texts[i]).to_dict() for i in good]


def test_parse_bag_skips_failures() -> None:
    parser = articlekit.Parser(max_chars=100)
    texts = mixed_texts()
    result = parse_bag(db.from_sequence(texts, npartitions=2), parser=parser, on_error="skip").compute(scheduler="sync")
    assert result == [parser.parse(t).to_dict() for i, t in enumerate(texts) if i not in BAD]


def test_on_error_is_checked_when_the_graph_is_built(frame: Any) -> None:
    import dask.dataframe as dd

    with pytest.raises(ConfigurationError, match="on_error must be 'raise', 'skip' or 'record', got 'return'"):
        parse_bag(db.from_sequence([WIRE]), on_error="return")  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="on_error must be"):
        parse_dataframe(dd.from_pandas(frame, npartitions=1), on_error="ignore")  # type: ignore[arg-type]


def test_the_documented_recipe_writes_files_that_concatenate_without_loss(tmp_path: Path, client: Any) -> None:
    """Each partition's file, written by a worker, ends with a newline, so the files joined
    end to end hold one record a line: every text, parsed or failed, and none merged with
    another."""
    import dask.base

    assert dask.base.get_scheduler() == client.get  # the workers write the files
    parser = articlekit.Parser(max_chars=100)
    texts = mixed_texts() * 7 + [""]
    bag = parse_bag(db.from_sequence(texts, npartitions=6), parser=parser)
    written = bag.map(json.dumps).to_textfiles(
        str(tmp_path / "parsed" / "*.jsonl"), encoding="utf-8", last_endline=True
    )
    assert len(written) == 6
    joined = "".join(Path(path).read_text(encoding="utf-8") for path in written)
    records = [json.loads(line) for line in joined.splitlines()]
    assert len(records) == len(texts)
    assert sum("error" in r for r in records) == len(BAD) * 7
    assert [r["headline"] for r in records if "error" not in r] == [
        parser.parse(t).to_dict()["headline"] for i, t in enumerate(texts) if i % 9 not in BAD or i == len(texts) - 1
    ]


def test_the_documented_recipe_ends_each_file_with_a_newline() -> None:
    page = (ROOT / "docs" / "howto" / "dask.rst").read_text(encoding="utf-8")
    calls = re.findall(r"to_textfiles\(.*", page)
    assert calls
    assert all("last_endline=True" in call and 'encoding="utf-8"' in call for call in calls), calls


def test_parse_bag_takes_a_bag() -> None:
    with pytest.raises(InputTypeError, match=re.escape("dask.bag.from_sequence(texts)")):
        parse_bag([WIRE])


# --- dataframes ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def frame() -> Any:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("dask.dataframe")
    texts = example_texts()
    return pd.DataFrame(
        {"doc": [f"doc-{i}" for i in range(len(texts))], "text": texts, "extra": range(len(texts))},
        index=range(100, 100 + len(texts)),
    )


def test_parse_dataframe_on_a_cluster(frame: Any, client: Any) -> None:
    import dask.dataframe as dd
    import pandas as pd

    parsed = parse_dataframe(dd.from_pandas(frame, npartitions=2), id_column="doc")
    assert list(parsed.columns) == ["doc", *COLUMNS, ERROR_COLUMN]
    result = client.compute(parsed).result()
    assert list(result.index) == list(frame.index)
    assert result.dtypes.to_dict() == parsed.dtypes.to_dict()  # the meta was right
    assert list(result["doc"]) == list(frame["doc"])
    texts = list(frame["text"])
    assert [json.loads(a) for a in result["article"]] == [articlekit.parse(t).to_dict() for t in texts]
    example = result.loc[100]
    assert example["headline"] == "Harbour wall breached as storm floods Porthcarrow seafront"
    assert example["dateline_date"] == "2024-03-12"
    assert (example["n_quotes"], example["n_read_more"], example["n_removed"]) == (2, 2, 1)
    assert (result.loc[101, "dateline_place"], result.loc[101, "dateline_agency"]) == ("Ankara", "Reuters")
    assert result.loc[102, "byline"] == "By Jane Smith"
    assert result.loc[103, "headline"] is pd.NA  # the empty text
    assert result.loc[103, "text"] == ""
    assert result[ERROR_COLUMN].isna().all()


def test_parse_dataframe_matches_the_arrow_table(frame: Any) -> None:
    import dask.dataframe as dd

    arrow = pytest.importorskip("articlekit.arrow")
    result = parse_dataframe(dd.from_pandas(frame, npartitions=3), on_error="skip").compute(scheduler="sync")
    assert list(result.columns) == list(COLUMNS)
    table = arrow.to_table([articlekit.parse(t) for t in frame["text"]])
    flat = [name for name in COLUMNS if name != "article"]
    got = result[flat].astype(object).where(result[flat].notna(), None).to_dict("records")
    assert got == table.select(flat).to_pylist()


def test_parse_dataframe_checks_its_arguments(frame: Any) -> None:
    import dask.dataframe as dd

    ddf = dd.from_pandas(frame, npartitions=1)
    with pytest.raises(InputTypeError, match=re.escape("takes a dask.dataframe.DataFrame")):
        parse_dataframe(frame)
    with pytest.raises(ValueError, match="text_column='body' is not a column"):
        parse_dataframe(ddf, "body")
    with pytest.raises(ValueError, match="id_column='id' is not a column"):
        parse_dataframe(ddf, id_column="id")
    with pytest.raises(ValueError, match="clashes"):
        parse_dataframe(ddf.rename(columns={"text": "body", "doc": "text"}), "body", id_column="text")


def gappy_frame(frame: Any) -> Any:
    """*frame* with a missing text at index 102 (and the example, over max_chars=1000, at 100)."""
    gappy = frame.astype({"text": object})
    gappy.loc[102, "text"] = None
    return gappy


def test_parse_dataframe_names_the_row_of_a_missing_text(frame: Any) -> None:
    import dask.dataframe as dd

    ddf = dd.from_pandas(gappy_frame(frame), npartitions=1)
    with pytest.raises(InputTypeError, match="the text is missing") as info:
        parse_dataframe(ddf, on_error="raise", id_column="doc").compute(scheduler="sync")
    assert "while parsing column 'text' at index 102 (doc='doc-2') for parse_dataframe()" in info.value.__notes__


def test_parse_dataframe_records_failed_rows_by_default(frame: Any, client: Any) -> None:
    import dask.dataframe as dd

    parser = articlekit.Parser(max_chars=1000)  # the example is longer
    parsed = parse_dataframe(dd.from_pandas(gappy_frame(frame), npartitions=2), id_column="doc", parser=parser)
    result = client.compute(parsed).result()
    assert result.dtypes.to_dict() == parsed.dtypes.to_dict()
    assert list(result.index) == list(frame.index) and list(result["doc"]) == list(frame["doc"])
    errors = result[ERROR_COLUMN].to_dict()
    assert errors[100].startswith("InputTooLargeError: the text has 1,")
    assert errors[102].startswith("InputTypeError: the text is missing")
    assert result[ERROR_COLUMN].isna().tolist() == [False, True, False, True]
    failed = result.loc[[100, 102]]
    assert failed[["headline", "text", "article"]].isna().all().all()
    assert (failed["n_paragraphs"] == 0).all()
    assert result.loc[101, "headline"] == "Rescuers search rubble after quake"


def test_parse_dataframe_skips_failed_rows(frame: Any) -> None:
    import dask.dataframe as dd

    parser = articlekit.Parser(max_chars=1000)
    parsed = parse_dataframe(dd.from_pandas(gappy_frame(frame), npartitions=2), parser=parser, on_error="skip")
    result = parsed.compute(scheduler="sync")
    assert list(result.index) == [101, 103]
    assert result.dtypes.to_dict() == parsed.dtypes.to_dict()
    assert [json.loads(a) for a in result["article"]] == [
        parser.parse(t).to_dict() for t in frame["text"].loc[[101, 103]]
    ]


# --- imports ---------------------------------------------------------------------------------


# In a fresh interpreter: hiding modules from this one could break the client's threads.
MISSING = """
import sys
from articlekit.errors import ArticlekitError, MissingExtraError

def report(exc):
    print(type(exc).__name__, isinstance(exc, ImportError), isinstance(exc, ArticlekitError), exc, sep=" | ")

sys.modules["dask.dataframe"] = None
from articlekit.dask import parse_dataframe
try:
    parse_dataframe(object())
except MissingExtraError as exc:
    report(exc)

del sys.modules["articlekit.dask"]
sys.modules["dask"] = None
sys.modules["dask.bag"] = None
try:
    import articlekit.dask
except MissingExtraError as exc:
    report(exc)
"""


def test_missing_dask_names_the_extra() -> None:
    result = subprocess.run([sys.executable, "-c", MISSING], capture_output=True, text=True, check=True, cwd=ROOT)
    dataframe, bag = result.stdout.splitlines()
    assert dataframe.startswith("MissingExtraError | True | True | parse_dataframe() needs dask.dataframe")
    assert dataframe.endswith("pip install 'articlekit[dask]' 'dask[dataframe]'")
    assert bag.startswith("MissingExtraError | True | True | articlekit.dask needs dask")
    assert bag.endswith("pip install 'articlekit[dask]'")

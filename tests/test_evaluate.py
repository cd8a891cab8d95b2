"""Reading labelled articles and scoring parses against them: the same figures as the
shared scorer, ../shared/tools/corpus.py."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import articlekit
from articlekit._corpus import LABEL_TYPES, LabelledArticle, line_table, read_labelled
from articlekit._evaluate import Evaluation, evaluate, predicted_lines, score_article
from articlekit.errors import ArticlekitError, CorpusError
from tests.conftest import DEV, ROOT, SCORER

# --- the dev corpus, scored here and by the script ---------------------------------------------


@pytest.fixture(scope="module")
def script_score(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str]:
    """The scorer's --json output and printed table for the dev corpus, run as a script."""
    if not SCORER.exists() or not DEV.is_dir():
        pytest.skip(f"the shared scorer or dev corpus is absent ({SCORER}, {DEV})")
    out = tmp_path_factory.mktemp("script") / "score.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run(
        [sys.executable, str(SCORER), "score", str(DEV), "--json", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    return json.loads(out.read_text()), run.stdout


@pytest.fixture(scope="module")
def dev_evaluation(dev_articles: list[LabelledArticle]) -> Evaluation:
    return evaluate(articlekit.parse, dev_articles)


def test_to_dict_equals_the_script_json(dev_evaluation: Evaluation, script_score: tuple[dict[str, Any], str]) -> None:
    expected, _ = script_score
    got = dev_evaluation.to_dict()
    assert list(got) == list(expected)
    assert list(got["per_type"]) == list(expected["per_type"])
    for kind, figures in expected["per_type"].items():
        assert got["per_type"][kind] == pytest.approx(figures), kind
    assert got["failures"] == expected["failures"]
    numbers = {key: value for key, value in expected.items() if key not in ("per_type", "failures")}
    assert {key: got[key] for key in numbers} == pytest.approx(numbers)
    json.dumps(got)  # JSON-able


def test_format_table_equals_the_script_output(
    dev_evaluation: Evaluation, script_score: tuple[dict[str, Any], str]
) -> None:
    _, printed = script_score
    assert dev_evaluation.format_table() == printed.rstrip("\n")
    assert dev_evaluation.format_table().splitlines()[0].split() == ["type", "F1", "prec", "rec", "gold"]


def test_read_labelled_sees_what_the_scorer_sees(scorer: ModuleType, dev_articles: list[LabelledArticle]) -> None:
    texts = sorted(path for path in DEV.glob("*.txt") if path.with_suffix(".labels.tsv").exists())
    assert [article.name for article in dev_articles] == [path.stem for path in texts]
    for article, path in zip(dev_articles, texts, strict=True):
        header, rows = scorer.load_labels(path.with_suffix(".labels.tsv"))
        assert article.text == scorer.read_text(path)
        assert article.source == header["source"]
        assert article.headline == (None if header["headline"] == "none" else header["headline"])
        assert article.date == (None if header["date"] == "none" else header["date"])
        assert {line.number: (line.types, line.group, line.attribution) for line in article.lines} == rows
        table = scorer.line_table(article.text)
        assert line_table(article.text) == table
        assert [(line.start, line.end, line.text) for line in article.lines] == [table[n - 1] for n in sorted(rows)]
        assert "www." not in article.host and article.host == article.host.lower()


# --- the line mapping: bisection gives the scorer's quadratic answer ----------------------------


_LINE_TEXT = st.text(alphabet=" ab\t\n\r\u2028\x0c", max_size=60)


@given(
    text=_LINE_TEXT,
    spans=st.lists(
        st.tuples(st.sampled_from(["paragraph", "quote", "block_quote", "caption"]), st.integers(-2, 64)),
        max_size=8,
    ),
    lengths=st.lists(st.integers(-3, 30), min_size=8, max_size=8),
)
def testpredicted_lines_match_the_scorer(
    scorer: ModuleType, text: str, spans: list[tuple[str, int]], lengths: list[int]
) -> None:
    body = [
        {"type": kind, "span": [start, start + length]} for (kind, start), length in zip(spans, lengths, strict=False)
    ]
    doc = {"headline": {"text": "x", "span": [0, lengths[0] + 1]}, "body": body, "removed": body[:2]}
    table = line_table(text)
    want, want_quotes = scorer.predicted_lines(doc, table)
    got, got_quotes = predicted_lines(doc, table)
    assert dict(got) == dict(want)
    assert {n: id(el) for n, el in got_quotes.items()} == {n: id(el) for n, el in want_quotes.items()}


# --- malformed label files --------------------------------------------------------------------

HEADER = "# source: https://www.Example.com/news/1\n# date: 2021-05-18\n# headline: none\n"
TEXT = "Storm hits coast\n\nThe sea wall gave way.\n"  # lines 1 and 3; line 2 blank


@pytest.mark.parametrize(
    ("rows", "where", "message"),
    [
        ("1\theadline\n3\tparagrph\n", "a.labels.tsv:5", "unknown type 'paragrph'"),
        ("1\theadline\n3 paragraph\n", "a.labels.tsv:5", "need LINE<TAB>TYPES"),
        ("1\theadline\n2\tparagraph\n3\tparagraph\n", "a.labels.tsv:5", "line 2 of a.txt, which is blank"),
        ("1\theadline\n3\tparagraph\n9\tcaption\n", "a.labels.tsv:6", "line 9 of a.txt, which is not in the text"),
        ("1\theadline\n", "a.txt:3", "non-blank line has no row"),
        ("one\theadline\n3\tparagraph\n", "a.labels.tsv:4", "not an integer"),
        ("1\theadline\n3\tparagraph\n3\tquote\tq1\n", "a.labels.tsv:6", "a second row for line 3"),
    ],
)
def test_malformed_labels_name_file_and_line(tmp_path: Path, rows: str, where: str, message: str) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "a.labels.tsv").write_text(HEADER + rows)
    for given_path in (tmp_path, tmp_path / "a.txt"):
        with pytest.raises(CorpusError, match=message) as caught:
            read_labelled([given_path])
        name, line = where.split(":")
        assert str(caught.value).startswith(f"{tmp_path / name}:{line}: ")
        assert (caught.value.path, caught.value.line) == (str(tmp_path / name), int(line))
    assert isinstance(caught.value, ArticlekitError) and isinstance(caught.value, ValueError)
    assert pickle.loads(pickle.dumps(caught.value)).line == caught.value.line


def test_missing_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    assert read_labelled([tmp_path]) == []  # a directory skips texts without labels
    with pytest.raises(CorpusError, match=r"a\.txt: no label file a\.labels\.tsv"):
        read_labelled([tmp_path / "a.txt"])
    with pytest.raises(CorpusError, match="nope: no such file or directory"):
        read_labelled([tmp_path / "nope"])


def test_headers_and_host(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(TEXT)
    (tmp_path / "b.labels.tsv").write_text("# headline: Storm hits coast\n1\theadline\n3\tparagraph\n")
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "a.labels.tsv").write_text(HEADER + "1\theadline\n3\tparagraph\n")
    first, second = read_labelled([str(tmp_path)])
    assert (first.name, first.source, first.date, first.headline) == (
        "a",
        "https://www.Example.com/news/1",
        "2021-05-18",
        None,
    )
    assert first.host == "example.com"
    assert (second.name, second.source, second.date, second.headline, second.host) == (
        "b",
        None,
        None,
        "Storm hits coast",
        "b",
    )
    assert [(line.number, line.text) for line in first.lines] == [
        (1, "Storm hits coast"),
        (3, "The sea wall gave way."),
    ]
    assert len(LABEL_TYPES) == 12


# --- pooling evaluations ----------------------------------------------------------------------


def _fragile_parse(text: str) -> articlekit.Article:
    """articlekit.parse, but crashing on every text with a semicolon, to have crashes."""
    if ";" in text:
        raise RuntimeError("semicolon")
    return articlekit.parse(text)


def test_merging_equals_scoring_at_once(dev_articles: list[LabelledArticle]) -> None:
    folds = [dev_articles[:10], dev_articles[10:25], dev_articles[25:]]
    whole = evaluate(_fragile_parse, dev_articles)
    parts = [evaluate(_fragile_parse, fold) for fold in folds]
    assert whole.crashes, "the test wants some crashes to pool"
    merged = Evaluation.merge(parts)
    assert merged == whole
    assert parts[0] + parts[1] + parts[2] == whole
    assert merged.to_dict() == whole.to_dict()
    assert merged.format_table() == whole.format_table()
    assert parts[0].totals["articles"] + parts[1].totals["articles"] + parts[2].totals["articles"] == len(dev_articles)
    assert parts[0].to_dict() != whole.to_dict()
    with pytest.raises(TypeError):
        parts[0] + 1  # type: ignore[operator]


# --- a small article worked out by hand -------------------------------------------------------

HAND_TEXT = (
    " date 2021-05-18 Storm hits coast\n"  # 1 dateline+headline
    "\n"  # 2
    "By Jane Smith\n"  # 3 byline, predicted paragraph
    "The sea wall gave way overnight.\n"  # 4 paragraph
    "The council said: \u201cWe are working hard.\n"  # 5 quote q1, attribution
    "\u201cRepairs will take months.\u201d\n"  # 6 quote q1
    "Advertisement\n"  # 7 boilerplate
    "   \n"  # 8 blank
    '"It was terrible," said one resident.\r\n'  # 9 quote q2, predicted paragraph
)
HAND_LABELS = (
    "# source: https://news.example.org/storm\n"
    "# date: 2021-05-18\n"
    "# headline: Storm hits coast\n"
    "1\tdateline+headline\n"
    "3\tbyline\n"
    "4\tparagraph\n"
    "5\tquote\tq1\tThe council said\n"
    "6\tquote\tq1\n"
    "7\tboilerplate\n"
    "9\tquote\tq2\tsaid one resident\n"
)


def _span(text: str, first: str, last: str | None = None) -> list[int]:
    """[start, end) from the start of *first* to the end of *last* (default *first*)."""
    last = last or first
    return [text.index(first), text.index(last) + len(last)]


@pytest.fixture
def hand_article(tmp_path: Path) -> LabelledArticle:
    (tmp_path / "storm.txt").write_bytes(HAND_TEXT.encode())
    (tmp_path / "storm.labels.tsv").write_text(HAND_LABELS)
    [article] = read_labelled([tmp_path / "storm.txt"])
    return article


def _hand_doc(text: str) -> dict[str, Any]:
    return {
        "dateline": {"date": "2021-05-18T09:00", "span": _span(text, " date 2021-05-18")},
        "headline": {"text": "storm  HITS coast", "span": _span(text, "Storm hits coast")},
        "body": [
            {"type": "paragraph", "span": _span(text, "By Jane", "overnight.")},
            {
                "type": "block_quote",
                "span": _span(text, "The council", "months.\u201d"),
                "attribution": {"text": "The council said", "span": _span(text, "The council said")},
            },
            {"type": "paragraph", "span": _span(text, '"It was', "resident.")},
        ],
        # touches only the blank line 8 and the line break of line 7: no line
        "removed": [
            {"type": "boilerplate", "span": _span(text, "Advertisement")},
            {"type": "caption", "span": [text.index("Advertisement") + 13, text.index('"It was')]},
        ],
    }


def test_a_hand_worked_article(hand_article: LabelledArticle) -> None:
    assert [line.number for line in hand_article.lines] == [1, 3, 4, 5, 6, 7, 9]
    assert hand_article.lines[-1].end == len(HAND_TEXT) - 2  # without the \r\n
    evaluation = Evaluation()
    score_article(evaluation, hand_article, _hand_doc(hand_article.text))

    # line 3 byline -> paragraph: byline fn, paragraph fp; line 9 quote -> paragraph: quote fn, paragraph fp
    assert evaluation.f1("dateline") == (1.0, 1.0, 1.0, 1)
    assert evaluation.f1("headline") == (1.0, 1.0, 1.0, 1)
    assert evaluation.f1("boilerplate") == (1.0, 1.0, 1.0, 1)
    assert evaluation.f1("byline") == (0.0, 1.0, 0.0, 1)  # nothing predicted: precision 1.0
    assert evaluation.f1("paragraph") == pytest.approx((0.5, 1 / 3, 1.0, 1))
    assert evaluation.f1("quote") == pytest.approx((0.8, 1.0, 2 / 3, 3))
    assert evaluation.f1("caption") == (1.0, 1.0, 1.0, 0)  # neither labelled nor predicted
    assert evaluation.macro_f1 == pytest.approx((1 + 1 + 1 + 0 + 0.5 + 0.8) / 6)
    # gold groups {5, 6} and {9}; predicted {5, 6}
    assert evaluation.quote_group_f1 == pytest.approx(2 * 1 / (2 + 1))
    assert evaluation.accuracy("attribution") == 0.5
    assert evaluation.accuracy("headline") == 1.0
    assert evaluation.accuracy("date") == 1.0
    assert evaluation.accuracy("lines") == pytest.approx(5 / 7)
    assert evaluation.accuracy("articles") == 0.0
    assert evaluation.crashes == []

    result = evaluation.to_dict()
    assert list(result["per_type"]) == ["boilerplate", "byline", "dateline", "headline", "paragraph", "quote"]
    assert result["lines_accuracy"] == pytest.approx(5 / 7)
    assert evaluation.format_table().splitlines()[-9:] == [
        "quote         0.800  1.000  0.667      3",
        "quote groups F1 0.667 (1/2 gold, 1 predicted)",
        "headline accuracy 1.000 (1/1)",
        "date accuracy 1.000 (1/1)",
        "attribution accuracy 0.500 (1/2)",
        "lines accuracy 0.714 (5/7)",
        "articles accuracy 0.000 (0/1)",
        "crashes 0",
        "macro F1 0.717",
    ]


def test_hand_article_matches_the_scorer(scorer: ModuleType, hand_article: LabelledArticle) -> None:
    """The same doc through the script's own functions: a second check of the hand figures."""
    doc = _hand_doc(hand_article.text)
    table = scorer.line_table(hand_article.text)
    want, _ = scorer.predicted_lines(doc, table)
    got, _ = predicted_lines(doc, table)
    assert dict(want) == {
        1: {"dateline", "headline"},
        3: {"paragraph"},
        4: {"paragraph"},
        5: {"quote"},
        6: {"quote"},
        7: {"boilerplate"},
        9: {"paragraph"},
    }
    assert dict(got) == dict(want)


def test_a_crash_misses_every_label(hand_article: LabelledArticle) -> None:
    def crash(text: str) -> articlekit.Article:
        raise ValueError("no luck")

    evaluation = evaluate(crash, [hand_article])
    assert evaluation.crashes == ["storm.txt: ValueError: no luck"]
    assert sum(evaluation.tp.values()) == sum(evaluation.fp.values()) == 0
    assert sum(evaluation.fn.values()) == 8  # seven lines, one with two types
    assert evaluation.accuracy("lines") == 0.0
    assert evaluation.quote_group_f1 == 0.0
    assert evaluation.macro_f1 == 0.0
    table = evaluation.format_table().splitlines()
    assert table[-3:] == ["crashes 1", "  storm.txt: ValueError: no luck", "macro F1 0.000"]
    assert evaluation.to_dict()["failures"] == evaluation.crashes


# --- the lines read wrong ----------------------------------------------------------------------


def test_every_line_read_wrong_is_a_mistake_with_what_was_read(dev_articles: list[LabelledArticle]) -> None:
    by_name = {a.name: a for a in dev_articles}
    for parser, has_confidence in ((articlekit.Parser(model=None), False), (articlekit.Parser(), True)):
        result = evaluate(parser.parse, dev_articles)
        assert len(result.mistakes) == result.totals["lines"] - result.exact["lines"] > 0
        for mistake in result.mistakes:
            article = by_name[mistake.article]
            line = next(line for line in article.lines if line.number == mistake.line)
            assert mistake.text == line.text
            assert mistake.gold == "+".join(sorted(line.types)) != mistake.got
            predicted, _ = predicted_lines(parser.parse(article.text).to_dict(), line_table(article.text))
            assert mistake.got == "+".join(sorted(predicted.get(line.number, set())))
            if has_confidence and mistake.got:
                assert mistake.confidence is not None and 0.0 <= mistake.confidence <= 1.0
            elif not has_confidence:
                assert mistake.confidence is None
    pooled = result + result
    assert pooled.mistakes == result.mistakes + result.mistakes


def test_evaluate_writes_the_mistakes_of_the_held_out_folds(tmp_path: Path) -> None:
    from articlekit._cli import main

    if not DEV.is_dir():
        pytest.skip("the dev corpus is absent")
    out = tmp_path / "wrong.tsv"
    assert main(["evaluate", str(DEV), "--model", "rules", "--mistakes", str(out)]) == 0
    rows = [row.split("\t") for row in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == ["article", "line", "gold", "got", "confidence", "text"]
    expected = evaluate(articlekit.Parser(model=None).parse, read_labelled([DEV])).mistakes
    assert sorted((r[0], int(r[1]), r[2], r[3]) for r in rows[1:]) == sorted(
        (m.article, m.line, m.gold, m.got) for m in expected
    )
    assert all(len(r) == 6 and r[4] == "" for r in rows[1:])
    # cross-validated: the lines each fold's model read wrong, with its confidence
    assert main(["evaluate", str(DEV), "--cv", "2", "--epochs", "1", "--mistakes", str(out)]) == 0
    rows = [row.split("\t") for row in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert rows and all(r[4] == "" or 0.0 <= float(r[4]) <= 1.0 for r in rows)
    assert rows == sorted(rows, key=lambda r: (r[0], int(r[1])))


# --- repeated cross-validation -----------------------------------------------------------------


def test_each_split_deals_whole_websites_into_the_folds(dev_articles: list[LabelledArticle]) -> None:
    import zlib

    from articlekit.training import fold_of

    assert [fold_of(a, 5) for a in dev_articles] == [zlib.crc32(a.host.encode()) % 5 for a in dev_articles]
    dealt = []
    for split in range(3):
        folds: dict[str, set[int]] = {}
        for article in dev_articles:
            folds.setdefault(article.host, set()).add(fold_of(article, 5, split))
        assert all(len(f) == 1 for f in folds.values())
        dealt.append(tuple(fold_of(a, 5, split) for a in dev_articles))
    assert len(set(dealt)) == 3


def test_evaluate_repeats_a_cross_validation_and_says_how_much_each_figure_moves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from articlekit._cli import main

    if not DEV.is_dir():
        pytest.skip("the dev corpus is absent")
    out = tmp_path / "figures.json"
    assert main(["evaluate", str(DEV), "--cv", "2", "--repeat", "2", "--epochs", "1", "--json", str(out)]) == 0
    captured = capsys.readouterr()
    assert "run 2 of 2: fold 2 of 2 scored" in captured.err
    assert "over 2 runs (mean ± sd, min to max):" in captured.out
    figures = json.loads(out.read_text(encoding="utf-8"))
    runs = figures["runs"]
    assert len(runs) == 2 and runs[0] != runs[1]  # another split, another order
    lines = sum(len(a.lines) for a in read_labelled([DEV]))
    assert f"lines accuracy {figures['lines_accuracy']:.3f} (" in captured.out
    assert f"/{2 * lines})" in captured.out  # the table pools both runs
    spread = figures["spread"]["macro_f1"]
    assert spread["min"] == round(min(r["macro_f1"] for r in runs), 4)
    assert spread["max"] == round(max(r["macro_f1"] for r in runs), 4)
    assert spread["min"] <= spread["mean"] <= spread["max"] and spread["sd"] >= 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--repeat", "2"], "give --cv K"),
        (["--cv", "2", "--repeat", "0"], "--repeat must be 1 or more"),
        (["--cv", "2", "--repeat", "2", "--mistakes", "x.tsv"], "leave out --repeat, or --mistakes"),
    ],
)
def test_repeat_is_refused_where_it_means_nothing(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from articlekit._cli import main

    assert main(["evaluate", str(DEV), *args]) == 1
    assert message in capsys.readouterr().err


def test_two_repeated_runs_are_compared_run_by_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """benchmarks/compare_runs.py on two real repeated cross-validations of the dev texts,
    one trained one pass, the other three: the differences are the runs' own."""
    import importlib.util

    from articlekit._cli import main

    if not DEV.is_dir():
        pytest.skip("the dev corpus is absent")
    spec = importlib.util.spec_from_file_location("compare_runs", ROOT / "benchmarks" / "compare_runs.py")
    assert spec is not None and spec.loader is not None
    compare_runs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare_runs)
    files = []
    for epochs in ("1", "3"):
        out = tmp_path / f"e{epochs}.json"
        assert main(["evaluate", str(DEV), "--cv", "2", "--repeat", "2", "--epochs", epochs, "--json", str(out)]) == 0
        files.append(out)
    capsys.readouterr()
    assert compare_runs.main([str(f) for f in files]) == 0
    printed = capsys.readouterr().out
    before, after = (json.loads(f.read_text(encoding="utf-8"))["runs"] for f in files)
    result = compare_runs.compare(before, after)
    lines = result["lines_accuracy"]
    paired = zip(before, after, strict=True)
    assert lines["diffs"] == [round(b["lines_accuracy"] - a["lines_accuracy"], 4) for a, b in paired]
    assert lines["up"] + lines["down"] <= 2
    assert f"mean {lines['mean']:+.4f}" in printed and "(2 runs)" in printed
    with pytest.raises(SystemExit, match="same --repeat"):
        compare_runs.compare(before, after[:1])

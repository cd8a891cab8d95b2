"""Draft label files (``articlekit label``, ``training.draft_labels``): the parse as the
scorer reads it, in the labelled-article format, with the lines to check first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from articlekit import Article, BlockQuote, Parser
from articlekit._cli import main
from articlekit._corpus import LabelledArticle, line_table, read_labelled
from articlekit._draft import unsure_lines
from articlekit.errors import CorpusError, InputTypeError
from articlekit.training import draft_labels, evaluate

from .conftest import SEED, read_exact

PARSERS = {"default": Parser(), "rules": Parser(model=None)}


def _drafted(folder: Path, texts: list[Path], parser: Parser) -> list[LabelledArticle]:
    """The *texts* copied into *folder*, each with its draft, read back as labelled."""
    for text in texts:
        shutil.copyfile(text, folder / text.name)
        labels = draft_labels(read_exact(text), parser=parser, source="https://example.com/" + text.stem)
        (folder / (text.stem + ".labels.tsv")).write_text(labels, encoding="utf-8")
    return read_labelled([folder])


@pytest.mark.parametrize("model", sorted(PARSERS))
def test_a_draft_is_the_parse_as_the_scorer_reads_it(tmp_path: Path, dev_texts: list[Path], model: str) -> None:
    parser = PARSERS[model]
    drafted = _drafted(tmp_path, dev_texts, parser)
    assert [a.name for a in drafted] == [p.stem for p in dev_texts]
    result = evaluate(parser.parse, drafted)
    assert result.totals["lines"] == sum(len(a.lines) for a in drafted) > 500
    for figure in ("lines", "articles", "headline", "date", "attribution"):
        assert result.accuracy(figure) == 1.0, figure
    assert result.quote_group_f1 == 1.0
    assert result.totals["attribution"] > 20  # the dev texts' quotations name speakers
    assert {a.host for a in drafted} == {"example.com"}


def test_the_seed_draft_is_its_gold_labels(seed_text: str) -> None:
    """The seed article parses exactly as labelled, so its draft is its label file, cell for cell."""
    gold = read_labelled([SEED])[0]
    drafted = draft_labels(seed_text)
    rows = [r.split("\t") for r in drafted.splitlines() if not r.startswith("#")]
    assert [int(r[0]) for r in rows] == [line.number for line in gold.lines]
    for row, line in zip(rows, gold.lines, strict=True):
        cells = row + [""] * (4 - len(row))
        assert (frozenset(cells[1].split("+")), cells[2], cells[3]) == (line.types, line.group, line.attribution)
    assert f"# date: {gold.date}" in drafted.splitlines()
    assert f"# headline: {gold.headline}" in drafted.splitlines()


def _low_confidence_lines(article: Article, text: str) -> set[int]:
    """The lines some element with a confidence under 0.6 touches, from the article's objects."""
    parts = (article.dateline, article.headline, article.standfirst, article.byline)
    pieces = [(p.span, p.confidence) for p in parts if p]
    for block in article.body:
        if isinstance(block, BlockQuote):
            pieces += [(p.span, p.confidence) for p in block.paragraphs]
            if block.attribution is not None:
                pieces.append((block.attribution.span, block.confidence))
        else:
            pieces.append((block.span, block.confidence))
    pieces += [(r.span, r.confidence) for r in article.removed]
    low: set[int] = set()
    for number, (start, _, content) in enumerate(line_table(text), 1):
        first = start + len(content) - len(content.lstrip())
        last = start + len(content.rstrip())
        if content.strip() and any(
            c is not None and c < 0.6 and span.start < last and span.end > first for span, c in pieces
        ):
            low.add(number)
    return low


def test_unsure_lines_are_those_the_model_was_least_sure_of(dev_texts: list[Path]) -> None:
    parser = Parser()
    flagged = 0
    for path in dev_texts:
        text = read_exact(path)
        listed = unsure_lines(draft_labels(text, parser=parser))
        assert listed == sorted(_low_confidence_lines(parser.parse(text), text)), path.name
        flagged += len(listed)
    assert flagged > 0
    # the hand-written rules say nothing of their confidence: nothing is unsure
    assert all("# unsure:" not in draft_labels(read_exact(p), parser=PARSERS["rules"]) for p in dev_texts[:5])


def test_headline_and_attribution_cells_stay_on_one_line() -> None:
    drafted = draft_labels(
        'Storm hits coast\n\nThe harbour master said:\n"Stay at home tonight.\nThe wall gave way."\n',
        source="https://example.com/storm",
    )
    header, *rows = [r for r in drafted.splitlines() if r]
    assert header == "# source: https://example.com/storm"
    assert all(len(r.split("\t")) <= 4 for r in rows)
    # every non-blank line has its row, in order
    assert [r.split("\t")[0] for r in rows if not r.startswith("#")] == ["1", "3", "4", "5"]


def test_bad_arguments_raise_typed_errors() -> None:
    with pytest.raises(CorpusError, match="one line"):
        draft_labels("Storm hits coast", source="https://example.com/a\nb")
    with pytest.raises(InputTypeError):
        draft_labels(b"Storm hits coast")  # type: ignore[arg-type]


# --- the command ------------------------------------------------------------------------------


def test_label_writes_a_draft_beside_each_text_and_keeps_what_exists(
    tmp_path: Path, dev_texts: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    for text in dev_texts[:3]:
        shutil.copyfile(text, tmp_path / text.name)
    corrected = tmp_path / (dev_texts[0].stem + ".labels.tsv")
    corrected.write_text("# source: mine\n", encoding="utf-8")  # a person's work: never written over

    assert main(["label", str(tmp_path), "--source", "https://example.com/"]) == 0
    assert "wrote 2 label files" in capsys.readouterr().err
    assert corrected.read_text(encoding="utf-8") == "# source: mine\n"
    for text in dev_texts[1:3]:
        written = (tmp_path / (text.stem + ".labels.tsv")).read_text(encoding="utf-8")
        assert written == draft_labels(read_exact(text), source="https://example.com/")

    assert main(["label", str(tmp_path / dev_texts[0].name), "--force", "--model", "rules"]) == 0
    assert corrected.read_text(encoding="utf-8") == draft_labels(read_exact(dev_texts[0]), parser=PARSERS["rules"])
    assert len(read_labelled([tmp_path])) == 3


def test_label_reports_what_it_cannot_label_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 reopens\n".encode("latin-1"))
    (tmp_path / "notes.md").write_text("Storm hits coast\n", encoding="utf-8")
    (tmp_path / "storm.txt").write_text("Storm hits coast\n\nThe sea wall gave way at dawn.\n", encoding="utf-8")
    status = main(["label", str(tmp_path / "latin1.txt"), str(tmp_path / "notes.md"), str(tmp_path / "storm.txt")])
    err = capsys.readouterr().err
    assert status == 1
    assert "latin1.txt: not UTF-8 (byte 3)" in err
    assert "notes.md: a labelled article is a NAME.txt" in err
    assert "wrote 1 label file" in err
    assert (tmp_path / "storm.labels.tsv").is_file()
    assert not (tmp_path / "latin1.labels.tsv").exists()


def test_label_refuses_a_source_of_several_lines_before_drafting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "storm.txt").write_text("Storm hits coast\n", encoding="utf-8")
    assert main(["label", str(tmp_path), "--source", "https://example.com/a\nb"]) == 1
    assert "--source must be one line" in capsys.readouterr().err
    assert not (tmp_path / "storm.labels.tsv").exists()

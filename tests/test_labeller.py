"""The learned line labeller: its file, its training, its use in a parse, its commands,
and its accuracy on websites it was not trained on (cross-validated by website)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import articlekit
from articlekit._augment import variants
from articlekit._cli import main
from articlekit._corpus import LabelledArticle, read_labelled
from articlekit._evaluate import Evaluation, evaluate
from articlekit._labeller import Labeller
from articlekit._training import cross_validate, fold_of, train_labeller
from articlekit.errors import ConfigurationError, ModelError
from tests.conftest import DEV, EXAMPLE, ROOT, SEED, SHARED, read_exact
from tests.invariants import check_article

TRAIN = SHARED / "corpus" / "train"
SHIPPED = ROOT / "src" / "articlekit" / "data" / "labeller.akm"


@pytest.fixture(scope="module")
def corpus() -> list[LabelledArticle]:
    if not DEV.is_dir() or not TRAIN.is_dir():
        pytest.skip(f"the labelled corpus is not at {SHARED / 'corpus'} (../shared is absent)")
    return read_labelled([TRAIN, DEV])


@pytest.fixture(scope="module")
def small_model(dev_articles: list[LabelledArticle]) -> Labeller:
    return train_labeller(dev_articles[:20], epochs=3, rounds=1)


# --- the shipped model in a parse ------------------------------------------------------------


def test_the_shipped_model_reads_the_example() -> None:
    text = read_exact(EXAMPLE)
    article = articlekit.Parser(model="default").parse(text)
    assert article.dateline is not None and article.dateline.date == "2024-03-12"
    assert article.headline is not None
    assert article.headline.text == "Harbour wall breached as storm floods Porthcarrow seafront"
    assert article.quotes and article.read_more
    # the span invariant holds for a labelled parse as for a rule-based one
    for element in (article.dateline, article.headline, *article.body, *article.removed):
        assert element.span.of(text).strip()


def test_the_date_field_is_always_a_dateline(small_model: Labeller) -> None:
    # a certain constraint: whatever a (here barely trained) model says, the scrape's
    # date field opening the first line is read as the date
    text = " date 2019-07-04 Bridge closed after lorry strikes parapet\nThe bridge was closed on Thursday."
    article = articlekit.Parser(model=small_model).parse(text)
    assert article.dateline is not None and article.dateline.date == "2019-07-04"
    assert article.dateline.span.of(text) == "date 2019-07-04"


def test_a_labelled_parse_loses_no_text() -> None:
    text = read_exact(EXAMPLE)
    article = articlekit.Parser(model="default").parse(text)
    covered = [False] * len(text)
    spans = [e.span for e in (article.dateline, article.headline, article.standfirst, article.byline) if e]
    spans += [e.span for e in article.body] + [r.span for r in article.removed]
    for span in spans:
        for i in range(span.start, span.end):
            covered[i] = True
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())


def test_model_argument_is_checked(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="cannot read the model"):
        articlekit.Parser(model=tmp_path / "missing.akm")
    with pytest.raises(ConfigurationError, match="model must be"):
        articlekit.Parser(model=3)  # type: ignore[arg-type]
    assert articlekit.Parser().model == "default"  # the shipped model, by default
    assert articlekit.Parser(model=None).model is None  # the rules alone


def test_import_does_not_load_numpy_or_the_model() -> None:
    code = "import sys, articlekit\narticlekit.Parser(model='default')\nprint('numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "False"


# --- the file --------------------------------------------------------------------------------


def test_a_model_file_round_trips(small_model: Labeller, tmp_path: Path) -> None:
    path = tmp_path / "m.akm"
    small_model.model.save(path)
    loaded = Labeller.load(path)
    assert loaded.labels == small_model.labels
    text = read_exact(EXAMPLE)
    assert articlekit.Parser(model=loaded).parse(text) == articlekit.Parser(model=small_model).parse(text)
    assert loaded.model.to_bytes() == path.read_bytes()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: b"not a model at all", "not an articlekit model file"),
        (lambda data: data[:-40], "damaged"),
        (lambda data: data[:30] + b"\x00" * 10 + data[40:], "damaged"),
    ],
)
def test_a_damaged_model_file_is_refused(small_model: Labeller, tmp_path: Path, damage, message) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.akm"
    path.write_bytes(damage(small_model.model.to_bytes()))
    with pytest.raises(ModelError, match=message):
        Labeller.load(path)


def _file_of(model: Any, version: int, header: dict[str, Any] | None = None) -> bytes:
    """A model file of format *version* written as that format lays it out: a JSON
    header, then every weight as a 32-bit float (format 1) or the features' weights as
    16-bit floats (format 2)."""
    import json
    import struct
    import zlib

    import numpy as np

    header = header or {
        "format": version,
        "labels": list(model.labels),
        "features": list(model.features),
        "info": model.info,
    }
    weights = np.asarray(model.weights, dtype="<f4" if version == 1 else "<f2").tobytes()
    rest = np.asarray(model.transitions, dtype="<f4").tobytes() + np.asarray(model.start, dtype="<f4").tobytes()
    data = json.dumps(header).encode()
    return b"ARTICLEKIT-MODEL\n" + zlib.compress(struct.pack("<I", len(data)) + data + weights + rest)


def test_the_model_file_holds_weights_as_16_bit_floats_and_format_1_is_still_read(
    small_model: Labeller, tmp_path: Path
) -> None:
    import numpy as np

    model = small_model.model
    # what training keeps is what the file holds, so a saved model reads as it was
    assert np.array_equal(model.weights, model.weights.astype(np.float16).astype(np.float32))
    written = model.to_bytes()
    import json
    import struct

    payload = zlib_payload(written)
    (size,) = struct.unpack_from("<I", payload)
    header = json.loads(payload[4 : 4 + size])
    assert (header["format"], header["weights"]) == (2, "<f2")
    assert len(payload) - 4 - size == model.weights.size * 2 + (model.transitions.size + model.start.size) * 4
    path = tmp_path / "v1.akm"
    path.write_bytes(_file_of(model, 1))
    old = Labeller.load(path)
    assert np.array_equal(old.model.weights, model.weights)
    assert np.array_equal(old.model.transitions, model.transitions)
    text = read_exact(EXAMPLE)
    assert articlekit.Parser(model=old).parse(text) == articlekit.Parser(model=small_model).parse(text)
    # a format-1 file of 32-bit weights is twice the size of the same weights in format 2
    assert len(zlib_payload(written)) < len(zlib_payload(path.read_bytes()))
    # a version no articlekit wrote is refused, saying what is read
    path.write_bytes(_file_of(model, 2, {"format": 3, "labels": list(model.labels), "features": [], "info": {}}))
    with pytest.raises(
        ModelError, match="has format 3; this articlekit reads formats 1 and 2: it was written by a newer"
    ):
        Labeller.load(path)
    path.write_bytes(_file_of(model, 2, {"format": "x", "labels": list(model.labels), "features": [], "info": {}}))
    with pytest.raises(ModelError, match="has format 'x'; this articlekit reads formats 1 and 2: retrain"):
        Labeller.load(path)
    # a header that is no JSON object is damage, not a crash
    path.write_bytes(_file_of(model, 2, [2, "labels"]))  # type: ignore[arg-type]
    with pytest.raises(ModelError, match="damaged: its header is no JSON object"):
        Labeller.load(path)
    for wrong in ({"info": [1, 2]}, {"labels": "ab"}, {"features": [1]}):
        header = {"format": 2, "labels": list(model.labels), "features": list(model.features), "info": {}}
        path.write_bytes(_file_of(model, 2, header | wrong))
        with pytest.raises(ModelError, match="damaged: its labels, features or info are of the wrong kind"):
            Labeller.load(path)


def zlib_payload(data: bytes) -> bytes:
    import zlib

    return zlib.decompress(data[len(b"ARTICLEKIT-MODEL\n") :])


def test_weights_too_large_for_16_bits_are_kept_as_32_bit_floats(tmp_path: Path) -> None:
    import numpy as np

    from articlekit._sequence import SequenceModel

    weights = np.asarray([[70000.0, -0.1], [0.25, 3.0]], dtype=np.float32)
    transitions, start = np.zeros((2, 2), dtype=np.float32), np.zeros(2, dtype=np.float32)
    model = SequenceModel(("a", "b"), ("bias", "pos=0"), weights, transitions, start)
    path = tmp_path / "big.akm"
    model.save(path)
    assert np.array_equal(SequenceModel.load(path).weights, weights)  # exactly, 0.1 too
    # weights that fit are rounded to 16 bits on the way to the file
    model = SequenceModel(("a", "b"), ("bias", "pos=0"), weights / 1e5, transitions, start)
    model.save(path)
    loaded = SequenceModel.load(path).weights
    assert not np.array_equal(loaded, weights / 1e5)
    assert np.allclose(loaded, weights / 1e5, rtol=1e-3, atol=1e-7)


def test_the_shipped_model_file_is_small() -> None:
    from importlib import resources

    data = resources.files("articlekit").joinpath("data", "labeller.akm").read_bytes()
    assert len(data) < 2_500_000, len(data)


def test_training_is_deterministic(dev_articles: list[LabelledArticle]) -> None:
    first = train_labeller(dev_articles[:15], epochs=3, rounds=2).model.to_bytes()
    again = train_labeller(list(reversed(dev_articles[:15])), epochs=3, rounds=2).model.to_bytes()
    assert first == again
    other = train_labeller(dev_articles[:15], epochs=4, rounds=2).model.to_bytes()
    assert other != first


def test_training_on_nothing_is_an_error() -> None:
    with pytest.raises(ModelError, match="no labelled articles"):
        train_labeller([])


# --- the commands ----------------------------------------------------------------------------


def test_train_and_evaluate_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if not DEV.is_dir():
        pytest.skip("the dev corpus is absent")
    model = tmp_path / "site.akm"
    assert main(["train", str(DEV), "-o", str(model)]) == 0
    assert "trained on 42 articles" in capsys.readouterr().err
    assert main(["evaluate", str(DEV), "--model", str(model), "--json", str(tmp_path / "e.json")]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split() == ["type", "F1", "prec", "rec", "gold"]
    assert "quote groups F1" in table and "macro F1" in table
    # trained on these very articles, it has learned them: an in-sample figure, not accuracy
    assert float(table.rsplit("macro F1", 1)[1]) > 0.9
    assert main(["parse", "--model", str(model), str(EXAMPLE)]) == 0
    assert '"confidence"' in capsys.readouterr().out


def test_train_learns_the_variants_unless_told_not_to(tmp_path: Path, dev_articles: list[LabelledArticle]) -> None:
    if not DEV.is_dir():
        pytest.skip("the dev corpus is absent")
    plain, varied = tmp_path / "plain.akm", tmp_path / "varied.akm"
    assert main(["train", str(DEV), "-o", str(plain), "--epochs", "2", "--no-augment"]) == 0
    assert main(["train", str(DEV), "-o", str(varied), "--epochs", "2"]) == 0
    assert plain.read_bytes() == train_labeller(dev_articles, epochs=2, augment=False).model.to_bytes()
    assert varied.read_bytes() == train_labeller(dev_articles, epochs=2).model.to_bytes()
    assert plain.read_bytes() != varied.read_bytes()


def test_evaluate_reads_by_the_rules_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    if not DEV.is_dir():
        pytest.skip("the dev corpus is absent")
    assert main(["evaluate", str(DEV), "--model", "rules"]) == 0
    rules = capsys.readouterr().out
    assert main(["evaluate", str(DEV)]) == 0
    default = capsys.readouterr().out
    assert rules != default  # the default is the shipped model, not the rules
    assert main(["evaluate", str(DEV), "--model", "default"]) == 0
    assert capsys.readouterr().out == default


def test_evaluate_refuses_a_model_with_cv(capsys: pytest.CaptureFixture[str]) -> None:
    if not DEV.is_dir():
        pytest.skip("the dev corpus is absent")
    assert main(["evaluate", str(DEV), "--cv", "3", "--model", "default"]) == 1
    assert "--cv trains its own model" in capsys.readouterr().err


def test_commands_report_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(tmp_path / "nowhere")]) == 1
    assert "nowhere" in capsys.readouterr().err
    assert main(["parse", "--model", str(tmp_path / "none.akm"), str(EXAMPLE)]) == 1
    assert "cannot read the model" in capsys.readouterr().err
    (tmp_path / "a.txt").write_text("Storm hits coast\n", encoding="utf-8")
    (tmp_path / "a.labels.tsv").write_text("# source: x\n# date: none\n# headline: none\n1\tnonsense\n")
    assert main(["train", str(tmp_path), "-o", str(tmp_path / "m.akm")]) == 1
    assert "nonsense" in capsys.readouterr().err


# --- judged on sites it never saw --------------------------------------------------------------


def test_folds_split_by_website(corpus: list[LabelledArticle]) -> None:
    folds: dict[str, set[int]] = {}
    for article in corpus:
        folds.setdefault(article.host, set()).add(fold_of(article, 5))
    assert all(len(f) == 1 for f in folds.values())
    assert len({fold_of(a, 5) for a in corpus}) == 5


def test_cross_validated_accuracy_does_not_regress(corpus: list[LabelledArticle]) -> None:
    # measured 2026-12-03, the perceptron and the random field summed, trained with the
    # variants (5 folds by website over train + dev): this split gives macro F1 0.725,
    # lines 0.821, quote groups 0.867, headline 0.885, attribution 0.794, date 0.984;
    # five splits average 0.718, 0.816, 0.868, 0.872, 0.799, 0.981 (the lowest 0.713,
    # 0.813, 0.867, 0.859, 0.794, 0.980). Pinned a little under the lowest of the five
    result = cross_validate(corpus, 5)
    assert result.macro_f1 >= 0.70
    assert (result.accuracy("lines") or 0) >= 0.80
    assert result.quote_group_f1 >= 0.855
    assert (result.accuracy("headline") or 0) >= 0.85
    assert (result.accuracy("attribution") or 0) >= 0.785
    assert (result.accuracy("date") or 0) >= 0.965


def test_cross_validated_on_openings_of_cleaned_pages(corpus: list[LabelledArticle]) -> None:
    """Short, clean texts: each held-out article's opening without its furniture (the
    headline and two lines of body), which the variants the model trains on teach it."""
    total = Evaluation()
    for k in range(5):
        held_out = [a for a in corpus if fold_of(a, 5) == k]
        labeller = train_labeller([a for a in corpus if fold_of(a, 5) != k])
        openings = [v for a in held_out for v in variants(a) if v.name.endswith("~opening")]
        total = total + evaluate(articlekit.Parser(model=labeller).parse, openings)
    # measured 2026-12-02: headline 0.925, lines 0.771 (trained without the variants:
    # headline 0.875, lines 0.738); pinned a little under. Not the macro F1: an opening
    # holds 1 embed line and 2 list items in all, and one of them moves it by 0.03; the
    # mean F1 of the types an opening is made of (0.79) instead
    assert (total.accuracy("headline") or 0) >= 0.90
    assert (total.accuracy("lines") or 0) >= 0.75
    opening_types = ("dateline", "headline", "standfirst", "byline", "paragraph")
    assert sum(total.f1(kind)[0] for kind in opening_types) / len(opening_types) >= 0.77


def test_the_shipped_model_is_what_train_makes(corpus: list[LabelledArticle]) -> None:
    # the shipped model learns from every labelled article we have: train, dev and the seed
    seed = read_labelled([SEED.parent])
    assert train_labeller(corpus + seed).model.to_bytes() == SHIPPED.read_bytes()


# --- the blocks made for a label ---------------------------------------------------------------


def _labelled(text: str, labels: list[str]) -> list[articlekit.Block]:
    from articlekit._classify import classify
    from articlekit._group import group
    from articlekit._labeller import reconcile
    from articlekit._segment import segment

    lines = segment(text)
    blocks = reconcile(lines, classify(lines, text), labels, [0.9] * len(lines))
    return group(blocks, text, find_standfirst=False)


def test_a_speaker_label_is_the_attribution_and_the_answer_runs_on() -> None:
    text = (
        "HOMANS: Well, I think if you look back to the last year of the presidency.\n"
        "And so he was invested very early on in the effort.\n"
        "CAMEROTA: But let's talk about what he's gotten.\n"
    )
    blocks = _labelled(text, ["quote", "quote", "quote"])
    assert [b.group for b in blocks] == [1, 1, 2]
    assert [b.attribution.of(text) if b.attribution else None for b in blocks] == ["HOMANS", None, "CAMEROTA"]


def test_each_dialogue_dash_is_a_quotation_with_its_closing_clause() -> None:
    text = "– Han kommer nu att höras, säger Towe Hägg.\n– Vi vet inte mer just nu.\n"
    blocks = _labelled(text, ["quote", "quote"])
    assert [b.group for b in blocks] == [1, 2]
    assert blocks[0].attribution is not None and blocks[0].attribution.of(text) == "säger Towe Hägg"
    assert blocks[1].attribution is None


def test_a_trailing_attribution_in_another_language() -> None:
    text = '"Ich habe kaum geschlafen", gesteht Bürgermeister Reinhold Schulz.\n'
    [block] = _labelled(text, ["quote"])
    assert block.attribution is not None
    assert block.attribution.of(text) == "gesteht Bürgermeister Reinhold Schulz"


def test_a_barely_trained_model_does_not_lose_the_date_stamp(small_model: Labeller) -> None:
    # a stamp line labelled as two things no splitter can split keeps the rules' pieces
    # (here dateline+paragraph: the stamp stays a dateline); and when the model labels
    # no line a dateline, the first stamp the rules read a date from must hold one
    text = (
        "Bridge closed after lorry strikes parapet\n"
        "Published: 10:32, Tue, May 18, 2021\n"
        "The bridge was closed on Thursday after a lorry struck its parapet, police said.\n"
    )
    article = articlekit.Parser(model=small_model).parse(text)
    assert article.dateline is not None and article.dateline.date is not None
    assert article.dateline.date.startswith("2021-05-18")


def _one_minded(labels: tuple[str, ...], scores: list[float]) -> Labeller:
    """A model that gives every line, whatever it holds, these *scores* for *labels*."""
    import numpy as np

    from articlekit._sequence import SequenceModel

    return Labeller(
        SequenceModel(
            labels,
            ("bias",),
            np.asarray([scores], dtype=np.float32),
            np.zeros((len(labels), len(labels)), dtype=np.float32),
            np.zeros(len(labels), dtype=np.float32),
        )
    )


def test_when_the_model_finds_no_dateline_the_first_dated_stamp_holds_one() -> None:
    from articlekit._features import Line

    labeller = _one_minded(("dateline", "paragraph"), [0.0, 5.0])  # every line a paragraph
    lines = [Line("Storm hits coast", 0, 16, True), Line("Updated today", 17, 30, False), Line("Text.", 31, 36, True)]
    assert labeller.label(lines)[0] == ["paragraph", "paragraph", "paragraph"]
    lines[1].dated = True  # the rules read a date from it
    labels, confidences = labeller.label(lines)
    assert labels == ["paragraph", "dateline", "paragraph"]
    # confidence is over the labels the constraint leaves: here only one
    assert confidences[1] == 1.0


def test_when_the_datelines_the_model_finds_hold_no_date_the_first_dated_stamp_holds_one() -> None:
    import numpy as np

    from articlekit._features import Line
    from articlekit._sequence import SequenceModel

    # a model that reads the first line of a text as a dateline, every other as a paragraph
    labels = ("dateline", "paragraph")
    weights = np.asarray([[0.0, 5.0], [10.0, 0.0]], dtype=np.float32)
    no_transitions = np.zeros((2, 2), dtype=np.float32)
    labeller = Labeller(SequenceModel(labels, ("bias", "pos=0"), weights, no_transitions, np.zeros(2, np.float32)))
    kicker, stamp, story = "TEMAT TYGODNIKA |", "03.08.2023", "The council met on Tuesday night."
    lines = [Line(kicker, 0, 16, True), Line(stamp, 17, 27, True), Line(story, 28, 61, True)]
    assert labeller.label(lines)[0] == ["dateline", "dateline", "paragraph"]
    # a dateline the model found that holds a date is enough
    lines[0].text = "Published 2 August 2023"
    assert labeller.label(lines)[0] == ["dateline", "paragraph", "paragraph"]


def test_with_no_stamp_a_short_line_of_the_opening_with_a_whole_date_holds_the_dateline() -> None:
    from articlekit._features import Line

    labeller = _one_minded(("dateline", "paragraph"), [0.0, 5.0])  # every line a paragraph
    story = "The council met on Tuesday night and agreed to rebuild the harbour wall before the winter."
    byline = "Trending 24th May 2019 by Valerie Loftus"
    lines = [Line("Storm hits coast", 0, 16, True), Line(byline, 17, 57, False), Line(story, 58, 148, True)]
    assert labeller.label(lines)[0] == ["paragraph", "dateline", "paragraph"]
    # a month and year is no whole date
    lines[1].text = "Trending May 2019 by Valerie Loftus"
    assert labeller.label(lines)[0] == ["paragraph", "paragraph", "paragraph"]
    lines[1].text = byline
    # two lines of prose above it may be a standfirst; a date below the third is the story's
    second = Line("Work on the wall starts in June, the council said in a statement.", 149, 215, True)
    third = Line("The harbour master welcomed the decision, and thanked the volunteers who came.", 216, 293, True)
    assert labeller.label([lines[0], lines[2], second, lines[1]])[0] == ["paragraph"] * 3 + ["dateline"]
    assert labeller.label([lines[0], lines[2], second, third, lines[1]])[0] == ["paragraph"] * 5
    # a longer line counts where it opens with its date
    long_byline = "May 2, 2020By Guillaume Deprez, Art Historian; Graduate of the Louvre School in Paris"
    assert labeller.label([lines[0], Line(long_byline, 17, 101, True), lines[2]])[0] == [
        "paragraph",
        "dateline",
        "paragraph",
    ]
    assert (
        labeller.label([lines[0], Line("Written by " + long_byline, 17, 112, True), lines[2]])[0] == ["paragraph"] * 3
    )
    # nor the date of an embedded post (a tweet's signature line), a quotation or a link
    from articlekit._labeller import _dated_opening_line

    assert _dated_opening_line(lines, ["headline", "byline", "paragraph"]) == 1
    assert _dated_opening_line(lines, ["headline", "embed", "paragraph"]) is None
    # a text of short lines has no prose to end its opening: it ends after 64 lines
    menu = [Line(f"Section {i}", 0, 9, True) for i in range(100)]
    for at, found in ((63, 63), (64, None)):
        dated = [*menu[:at], lines[1], *menu[at:]]
        assert _dated_opening_line(dated, ["boilerplate"] * len(dated)) == found


def test_with_no_dated_dateline_a_dated_line_holds_it_where_that_costs_little() -> None:
    from articlekit._features import Line

    story = "The council met on Tuesday night and agreed to rebuild the harbour wall before the winter."
    stamp = "Harbour Times, 24 May 2019, page 3, by Valerie Loftus and the newsdesk staff"
    lines = [Line(story, 0, 90, True), Line(stamp, 91, 167, True), Line("Work starts in June.", 168, 188, True)]
    # below the story's first prose, no short opening line holds the date; a model that
    # would sooner call every line a paragraph, by a little, lets the dated line hold it
    assert _one_minded(("dateline", "paragraph"), [4.5, 5.0]).label(lines)[0] == [
        "paragraph",
        "dateline",
        "paragraph",
    ]
    # by much, not
    assert _one_minded(("dateline", "paragraph"), [1.0, 5.0]).label(lines)[0] == ["paragraph"] * 3
    # a whole date the fast path cannot read, in a language whose month names the
    # lexicons know, counts too
    lines[1].text = "12 noiembrie 2019"
    assert _one_minded(("dateline", "paragraph"), [4.5, 5.0]).label(lines)[0] == [
        "paragraph",
        "dateline",
        "paragraph",
    ]
    # and one with a year of two digits, which the fast path reads
    lines[1].text = "Harbour Times, page 3, by Valerie Loftus and the newsdesk staff, 24 May 19"
    assert _one_minded(("dateline", "paragraph"), [4.5, 5.0]).label(lines)[0] == [
        "paragraph",
        "dateline",
        "paragraph",
    ]
    # and the languages a parse is given are the ones its dates are read in
    from articlekit._labeller import _whole_date

    assert _whole_date("12 noiembrie 2019", ["ro"])
    assert not _whole_date("12 noiembrie 2019", ["en"])
    # nor where no line holds a whole date
    lines[1].text = "Harbour Times, May 2019, page 3, by Valerie Loftus and the newsdesk staff"
    assert _one_minded(("dateline", "paragraph"), [4.5, 5.0]).label(lines)[0] == ["paragraph"] * 3


def test_a_line_the_rules_read_as_a_quotation_is_no_plain_paragraph() -> None:
    from articlekit._features import Line

    labeller = _one_minded(("paragraph", "quote"), [5.0, 1.0])  # a paragraph, else a quote
    lines = [Line("The council met.", 0, 16, True), Line('"We are ready," she said.', 17, 42, True)]
    assert labeller.label(lines)[0] == ["paragraph", "paragraph"]
    lines[1].rule = "quote"
    assert labeller.label(lines)[0] == ["paragraph", "quote"]


def test_the_built_in_cleaners_do_not_retype_what_the_labeller_labelled() -> None:
    from articlekit import Block, Span
    from articlekit.cleaners import detect_captions, drop_boilerplate, drop_repeated_headline

    caption = "The harbour at dawn (Image: Getty)"
    guessed = Block("paragraph", caption, Span(0, len(caption)))
    labelled = guessed.replace(confidence=0.8)
    assert [b.kind for b in detect_captions([guessed, labelled])] == ["caption", "paragraph"]
    advert = Block("paragraph", "Advertisement", Span(0, 13))
    kept, dropped = drop_boilerplate([advert.replace(confidence=0.7), advert])
    assert (kept.kind, kept.dropped_by) == ("paragraph", None)
    assert (dropped.kind, dropped.dropped_by) == ("boilerplate", "drop_boilerplate")
    # a labelled line that repeats the headline goes only if it too was labelled a headline
    title = "Storm hits the coast"
    headline = Block("headline", title, Span(0, 20), confidence=0.9)
    as_paragraph = Block("paragraph", title, Span(21, 41), confidence=0.6)
    as_headline = Block("headline", title, Span(42, 62), confidence=0.9)
    out = drop_repeated_headline([headline, as_paragraph, as_headline])
    assert [b.dropped_by for b in out] == [None, None, "drop_repeated_headline"]


def test_a_second_headline_that_is_no_repeat_is_something_else() -> None:
    from articlekit._features import Line
    from articlekit._labeller import _further_headlines

    lines = [
        Line("Storm hits coast", 0, 16, True),
        Line("Sea wall breached as storm hits the coast at dawn", 17, 66, True),
        Line("storm  hits coast", 67, 84, True),
    ]
    labels = ["headline", "headline", "headline"]
    # the repeat (whatever its case and spacing) may stay a headline; the other may not
    assert _further_headlines(lines, labels) == [None, "headline", None]
    assert _further_headlines(lines, ["headline", "standfirst", "paragraph"]) == [None, None, None]


def test_a_line_that_prints_the_headline_again_is_the_headline_again() -> None:
    import numpy as np

    from articlekit._features import Line
    from articlekit._sequence import SequenceModel

    # a model that reads the first line of a text as the headline, every other as a caption
    labels = ("caption", "headline")
    weights = np.asarray([[5.0, 0.0], [0.0, 10.0]], dtype=np.float32)
    no_transitions = np.zeros((2, 2), dtype=np.float32)
    labeller = Labeller(SequenceModel(labels, ("bias", "pos=0"), weights, no_transitions, np.zeros(2, np.float32)))
    headline = "Harbour wall breached as storm floods seafront"
    lines = [
        Line(headline, 0, 46, True),
        Line(headline.upper().replace(" ", "  "), 47, 99, False),  # another case and spacing
        Line("The sea wall gave way at dawn.", 100, 130, True),
        Line(headline, 131, 177, True),
    ]
    assert labeller.label(lines)[0] == ["headline", "headline", "caption", "headline"]
    # a line that only holds the headline's words among others is not a copy
    lines[3].text = headline + " (VIDEO)"
    assert labeller.label(lines)[0] == ["headline", "headline", "caption", "caption"]


def test_copies_of_a_line_take_the_type_of_the_surest_copy() -> None:
    from articlekit._labeller import _disagreeing_copies, _headline_key

    caption, summary = "Rescuers at the harbour. (Photo: Reuters)", "The sea wall gave way at dawn."
    keys = [_headline_key(t) for t in (caption, summary, "Text.", summary, caption.upper())]
    labels = ["caption", "standfirst", "paragraph", "paragraph", "boilerplate"]
    sure = [0.9, 0.8, 0.9, 0.7, 0.4]
    none: list[str | None] = [None] * len(keys)
    # the less sure copy takes the surer's type; a summary printed again as the first
    # paragraph may differ from it
    assert _disagreeing_copies(keys, labels, sure, none) == [(4, "caption")]
    sure[4] = 0.95
    assert _disagreeing_copies(keys, labels, sure, none) == [(0, "boilerplate")]
    # a copy another constraint holds leaves the others be
    assert _disagreeing_copies(keys, labels, sure, ["dateline", None, None, None, None]) == []


def test_the_items_of_a_bulleted_run_take_the_type_of_the_surest_item() -> None:
    from articlekit._features import Line
    from articlekit._labeller import _disagreeing_items

    texts = [
        "The council has issued the following advice:",
        "- Do not walk or drive through flood water",
        "- Keep important documents in a waterproof bag",
        "- Check on elderly neighbours",
        "1. Call the helpline",
        "2) Stay indoors",
        "\u2022 Listen to the radio",
    ]
    lines = [Line(t, 0, 1, True) for t in texts]
    labels = ["paragraph", "read_more", "list_item", "list_item", "list_item", "paragraph", "caption"]
    sure = [0.9, 0.3, 0.6, 0.5, 0.9, 0.4, 0.2]
    none: list[str | None] = [None] * len(lines)
    # the dashes are one run, the numbers another; a lone bullet of another kind is none
    assert _disagreeing_items(lines, labels, sure, none) == [(1, "list_item"), (5, "list_item")]
    held = [None, None, "read_more", None, None, None, None]
    assert _disagreeing_items(lines, labels, sure, held) == [(5, "list_item")]
    # the bullets are the list reader's: a run of white bullets or arrows is a run too
    arrows = [Line(t, 0, 1, True) for t in ("\u25e6 Stay indoors", "\u25e6 Call the helpline", "\u2192 Listen")]
    assert _disagreeing_items(arrows, ["list_item", "read_more", "caption"], [0.9, 0.4, 0.3], [None] * 3) == [
        (1, "list_item")
    ]


def _path_score(path: tuple[int, ...], start: Any, transitions: Any, scores: Any) -> float:
    """The score of labelling the first ``len(path)`` lines *path* (by brute force)."""
    value = float(start[path[0]] + scores[0, path[0]])
    for i in range(1, len(path)):
        value += float(transitions[path[i - 1], path[i]] + scores[i, path[i]])
    return value


def test_the_cheapest_line_is_the_best_labelling_with_that_line_of_the_type() -> None:
    import itertools
    import random

    import numpy as np

    from articlekit._sequence import SequenceModel

    labels = ("dateline", "headline", "headline+standfirst", "paragraph")
    rng = random.Random(7)
    for _ in range(40):
        n = rng.randint(1, 5)
        transitions = np.asarray([[rng.uniform(-3, 3) for _ in labels] for _ in labels], dtype=np.float32)
        start = np.asarray([rng.uniform(-3, 3) for _ in labels], dtype=np.float32)
        model = SequenceModel(labels, ("bias",), np.zeros((1, 4), np.float32), transitions, start, {"temperature": 2.0})
        scores = np.asarray([[rng.uniform(-5, 5) for _ in labels] for _ in range(n)], dtype=np.float32)
        required = [rng.choice([None, None, None, "paragraph", "headline"]) for _ in range(n)]
        skip = [rng.random() < 0.2 for _ in range(n)]
        among = rng.randint(1, 5)

        # every labelling of the first lines the constraints allow, by brute force
        window = min(n, among)
        allowed = [
            path
            for path in itertools.product(range(4), repeat=window)
            if all(r is None or r in labels[k].split("+") for r, k in zip(required, path, strict=False))
        ]
        totals = {p: _path_score(p, start, transitions, scores) for p in allowed}
        best = max(totals.values())
        with_headline = {
            i: max((v for p, v in totals.items() if "headline" in labels[p[i]]), default=None)
            for i in range(window)
            if not skip[i]
        }
        found = model.cheapest(scores, "headline", among, required, skip=skip)
        candidates = {i: v for i, v in with_headline.items() if v is not None}
        if not candidates:
            assert found is None
            continue
        assert found is not None
        line, cost = found
        assert with_headline[line] == pytest.approx(max(candidates.values()), abs=1e-4)
        assert cost == pytest.approx((best - max(candidates.values())) / 2.0, abs=1e-4)


def test_an_article_labelled_without_a_headline_takes_one_where_it_costs_little() -> None:
    import numpy as np

    from articlekit._features import Line
    from articlekit._sequence import SequenceModel

    # a model that would sooner call a line a paragraph than a headline, by *margin*; the
    # second line by a little less
    def labeller(margin: float) -> Labeller:
        labels = ("headline", "paragraph")
        weights = np.asarray([[5.0, 5.0 + margin], [0.2, 0.0]], dtype=np.float32)
        return Labeller(
            SequenceModel(labels, ("bias", "pos=1"), weights, np.zeros((2, 2), np.float32), np.zeros(2, np.float32))
        )

    lines = [
        Line("Harbour wall breached as storm floods seafront", 0, 46, True),
        Line("The sea wall gave way at dawn, and the water rose fast.", 47, 103, True),
        Line("Residents were moved to the school hall.", 104, 144, True),
    ]
    # a small margin: the line that costs the labels least takes the headline
    assert labeller(0.5).label(lines)[0] == ["paragraph", "headline", "paragraph"]
    # up to three quarters of the temperature (here 1): the second line costs 0.7
    assert labeller(0.9).label(lines)[0] == ["paragraph", "headline", "paragraph"]
    # a large one: the article has no headline
    assert labeller(3.0).label(lines)[0] == ["paragraph", "paragraph", "paragraph"]


def test_a_headline_taken_where_the_labels_gave_none_keeps_the_article_s_date() -> None:
    import numpy as np

    from articlekit._features import Line
    from articlekit._sequence import SequenceModel

    # the first line is a dateline, the second would sooner be a paragraph than a
    # headline (by 0.1), and a headline after a dateline costs 1: the labels that give
    # the second line the headline at the least cost (0.4) make the first a paragraph
    labels = ("dateline", "headline", "paragraph")
    weights = np.asarray([[5.0, 0.0, 4.7], [0.0, 4.9, 5.0], [0.0, 0.0, 5.0]], dtype=np.float32)
    transitions = np.zeros((3, 3), np.float32)
    transitions[0, 1] = -1.0
    model = SequenceModel(labels, ("pos=0", "pos=1", "pos=2"), weights, transitions, np.zeros(3, np.float32))
    lines = [
        Line("18 May 2021", 0, 11, True),
        Line("Harbour wall breached as storm floods seafront", 12, 58, True),
        Line("The sea wall gave way at dawn, and the water rose fast.", 59, 115, True),
    ]
    assert Labeller(model).label(lines)[0] == ["dateline", "headline", "paragraph"]


def test_a_standfirst_after_the_story_has_begun_is_something_else(corpus: list[LabelledArticle]) -> None:
    from articlekit._labeller import _late_standfirsts
    from articlekit._training import records_of

    labels = ["headline", "standfirst", "standfirst", "paragraph", "quote", "boilerplate+standfirst"]
    assert _late_standfirsts(labels) == [None, None, None, None, None, "standfirst"]
    assert _late_standfirsts(["dateline+paragraph", "standfirst"]) == [None, None]  # a wire opening
    # a quotation begins the story as a paragraph does
    assert _late_standfirsts(["headline", "quote", "read_more", "standfirst"]) == [None, None, None, "standfirst"]
    # decoded again without it: no corpus text keeps a standfirst after a paragraph
    # (without the constraint the shipped model put one there in train/tf-003, say)
    labeller = Labeller.default()
    for article in corpus:
        found, _ = labeller.label(records_of(article.text))
        assert not any(_late_standfirsts(found)), article.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "HOUSTON, Texas (KTRK) -- A suspect on a bicycle was arrested.",
            ["opening", "opening_case=caps", "opening_sep=dash", "opening_bracket"],
        ),
        ("Polizeieinsatz : Junge Männer festgenommen", ["opening", "opening_case=title", "opening_sep=colon"]),
        ("22:47Venus closes it with an ace - and a scream of delight.", []),
        ("The sea wall gave way at dawn.", []),
    ],
)
def test_the_features_say_what_opens_a_line(text: str, expected: list[str]) -> None:
    from articlekit._features import Line, article_features

    [features] = article_features([Line(text, 0, len(text), True)])
    assert [f for f in features if f.startswith("opening")] == expected


def test_scores_read_in_chunks_are_the_scores_read_at_once() -> None:
    import numpy as np

    from articlekit._classify import classify
    from articlekit._features import article_features, iter_article_features
    from articlekit._labeller import line_records
    from articlekit._parser import rule_reading
    from articlekit._segment import segment
    from articlekit._text import line_scope

    # the example three times over and then some: more lines than one chunk holds
    text = "\n\n".join([read_exact(EXAMPLE)] * 60)
    lines = segment(text)
    assert len(lines) > 600
    model = Labeller.default().model
    with line_scope(len(lines)):
        records = line_records(lines, rule_reading(classify(lines, text), text))
        at_once = model._chunk_emissions(article_features(records))
        streamed = model.emissions(iter_article_features(records))
    assert np.array_equal(at_once, streamed)
    # decoding again under a constraint leaves the scores as they were
    before = streamed.copy()
    model.decode_scores(streamed, excluded=["headline"] * len(lines))
    assert np.array_equal(before, streamed)
    # constraints on some lines hold there, and leave the scores as they were too
    required = [("dateline" if i % 7 == 0 else None) for i in range(len(lines))]
    banned = [("paragraph" if i % 5 == 0 else None) for i in range(len(lines))]
    excluded = [("quote" if i % 3 == 0 else None) for i in range(len(lines))]
    labels, _ = model.decode_scores(streamed, required, banned, excluded)
    assert np.array_equal(before, streamed)
    for label, must, ban, out in zip(labels, required, banned, excluded, strict=True):
        types = label.split("+")
        assert (must is None or must in types) and label != ban and (out is None or out not in types)


@pytest.mark.parametrize(
    "glued",
    [
        pytest.param("Harbour wall breached as storm floods seafront - Porthcarrow News", id="site-name-after"),
        pytest.param("fb-pixelHarbour wall breached as storm floods seafront", id="tracker-before"),
    ],
)
def test_a_headline_with_furniture_glued_to_it_printed_again_cleanly_is_read_from_the_clean_copy(glued: str) -> None:
    from articlekit._features import Line
    from articlekit._labeller import _glued_headline

    headline = "Harbour wall breached as storm floods seafront"
    story = (
        "The sea wall at Porthcarrow gave way at dawn on Tuesday, and the harbour flooded within the hour, "
        "the coastguard said.\n"
        "Residents were moved to the village hall while engineers inspected the damage.\n"
    )
    text = f"{glued}\nHome | News | Cornwall\n{headline}\n{story}"
    article = articlekit.parse(text)
    assert article.headline is not None
    assert article.headline.text == headline
    assert article.headline.span.start == text.index(f"\n{headline}\n") + 1
    assert glued in [r.text for r in article.removed]
    check_article(text, article)
    # the rule itself: a clean copy is a part of the glued line, at least half of it
    lines = [Line(glued, 0, 1, True), Line("Home | News | Cornwall", 0, 1, False), Line(headline, 0, 1, False)]
    assert _glued_headline(lines, ["headline", "boilerplate", "caption"]) == (0, 2)
    assert _glued_headline(lines, ["boilerplate", "boilerplate", "caption"]) is None
    lines[2].text = "Harbour wall"  # too short a part to be the headline
    assert _glued_headline(lines, ["headline", "boilerplate", "caption"]) is None


def test_of_labelled_datelines_with_different_dates_the_earliest_is_kept() -> None:
    from articlekit import Block, Span
    from articlekit.cleaners import drop_repeats

    today = Block("dateline", "Saturday, April 20, 2024", Span(0, 24), date="2024-04-20", confidence=0.8)
    headline = Block("headline", "Biden says troops will leave", Span(26, 54), confidence=0.9)
    published = Block("dateline", "March 25, 2021", Span(56, 70), date="2021-03-25", confidence=0.9)
    updated = Block("dateline", "Updated March 26, 2021", Span(72, 94), date="2021-03-26", confidence=0.9)
    out = drop_repeats([today, headline, published, updated])
    assert [(b.text, b.dropped_by) for b in out if b.kind == "dateline"] == [
        ("Saturday, April 20, 2024", "drop_repeats"),
        ("March 25, 2021", None),
        ("Updated March 26, 2021", "drop_repeats"),
    ]
    # one date printed twice, or one dated line: the first is kept
    again = published.replace(span=Span(96, 110))
    assert [b.dropped_by for b in drop_repeats([published, again])] == [None, "drop_repeats"]
    # a dateline under the story's first paragraph is a later entry's (a live page's):
    # the first is kept
    entry = Block("paragraph", "Crowds gathered at the harbour.", Span(26, 57), confidence=0.9)
    later = published.replace(span=Span(59, 73))
    assert [b.dropped_by for b in drop_repeats([today, entry, later])] == [None, None, "drop_repeats"]
    # the rules' reading (no confidence) keeps the first, as it always has
    rules = [b.replace(confidence=None) for b in (today, published)]
    assert [b.dropped_by for b in drop_repeats(rules)] == [None, "drop_repeats"]
    # and the article's dateline is the one kept; the others are in removed
    from articlekit._build import build

    source = "\n\n".join(b.text for b in (today, headline, published, updated))
    article = build(drop_repeats([today, headline, published, updated]), source)
    assert article.dateline is not None
    assert (article.dateline.raw, article.dateline.date) == ("March 25, 2021", "2021-03-25")
    assert [r.text for r in article.removed] == ["Saturday, April 20, 2024", "Updated March 26, 2021"]

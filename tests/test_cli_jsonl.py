"""``articlekit parse --jsonl``: a JSON Lines corpus in, one line per record out."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import articlekit
from articlekit import _cli
from articlekit._cli import main

from .conftest import EXAMPLE, StdinBytes, read_exact
from .test_batch import KILL, KillingParser

ROOT = Path(__file__).resolve().parent.parent

TEXTS = [
    read_exact(EXAMPLE),
    ' date 2021-05-18 Storm hits coast\n\nThe council said: "Stay at home."\n',
    "Café reopens after floods\nBy Jane Smith\nThe owner said the café would reopen on Monday.\nAdvertisement\n",
    "",
]
EXPECTED = [articlekit.parse(text).to_dict() for text in TEXTS]


def _out(ident: Any, which: int) -> dict[str, Any]:
    """The output record of TEXTS[which] with the id *ident*."""
    return {"id": ident, "input_chars": len(TEXTS[which]), **EXPECTED[which]}


def _lines(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def _corpus(path: Path, n: int, bad_every: int = 100) -> tuple[list[tuple[str, int]], dict[int, str]]:
    """Write *n* records to *path*, one in *bad_every* malformed in turn (bad JSON, no text
    field, text not a string, not an object). Return the good records' (id, text number)
    and each bad record's line number and error type."""
    good: list[tuple[str, int]] = []
    bad: dict[int, str] = {}
    kinds = ["InvalidJSON", "MissingField", "InputTypeError", "NotAnObject"]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for i in range(n):
            line = i + 1
            if i % bad_every == bad_every // 2:
                kind = kinds[(i // bad_every) % len(kinds)]
                bad[line] = kind
                out.write(
                    {
                        "InvalidJSON": f'{{"id": "r{i}", "text": "Storm hits',
                        "MissingField": json.dumps({"id": f"r{i}", "body": "Storm hits coast"}),
                        "InputTypeError": json.dumps({"id": f"r{i}", "text": ["Storm", "hits"]}),
                        "NotAnObject": json.dumps(["Storm hits coast"]),
                    }[kind]
                    + "\n"
                )
            else:
                good.append((f"r{i}", i % len(TEXTS)))
                out.write(json.dumps({"id": f"r{i}", "text": TEXTS[i % len(TEXTS)], "lang": "en"}) + "\n")
    return good, bad


def _check(out: Path, errors: Path, good: list[tuple[str, int]], bad: dict[int, str]) -> None:
    docs = _lines(out)
    assert [d["id"] for d in docs] == [ident for ident, _ in good]
    for doc, (ident, which) in zip(docs, good, strict=True):
        assert doc == _out(ident, which)
    failures = _lines(errors)
    assert [(f["line"], f["error"]) for f in failures] == sorted(bad.items())
    for failure in failures:
        assert set(failure) == {"id", "line", "error", "message"}
        assert failure["message"]
        # the id when the record has one to read, else the line number
        expected_id = (
            failure["line"] if failure["error"] in ("InvalidJSON", "NotAnObject") else f"r{failure['line'] - 1}"
        )
        assert failure["id"] == expected_id


def test_a_20000_record_corpus_with_2_jobs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus.jsonl"
    good, bad = _corpus(corpus, 20_000)
    assert len(bad) == 200
    out = tmp_path / "parsed.jsonl"
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out), "--jobs", "2"]) == 0
    errors = tmp_path / "parsed.errors.jsonl"  # the default, beside the output
    _check(out, errors, good, bad)
    stdout, stderr = capsys.readouterr()
    assert stdout == ""
    *progress, summary = stderr.splitlines()
    assert summary == f"articlekit: 20000 read, 19800 written, 200 failed (listed in {errors})"
    # standard error is no terminal here: a plain progress line every few seconds, if the run takes that long
    assert all(re.fullmatch(r"articlekit: [\d,]+ done \([\d,]+ written, [\d,]+ failed\), .*", p) for p in progress)
    assert not multiprocessing.active_children()


def test_jobs_0_uses_every_core(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus.jsonl"
    good, bad = _corpus(corpus, 300, bad_every=50)
    out, errors = tmp_path / "out.jsonl", tmp_path / "failed.jsonl"
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out), "--errors", str(errors), "-j", "0"]) == 0
    _check(out, errors, good, bad)
    assert capsys.readouterr().err == f"articlekit: 300 read, 294 written, 6 failed (listed in {errors})\n"


def test_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    good, bad = _corpus(corpus, 40, bad_every=10)
    monkeypatch.setattr(sys, "stdin", StdinBytes(corpus.read_bytes()))
    assert main(["parse", "--jsonl", "-", "-o", "-", "--jobs", "2"]) == 0
    stdout, stderr = capsys.readouterr()
    docs = [json.loads(line) for line in stdout.splitlines()]
    assert [(d["id"], d) for d in docs] == [(ident, _out(ident, which)) for ident, which in good]
    # with the records on standard output, the failures go to standard error, then the summary
    *failures, summary = stderr.splitlines()
    assert [(json.loads(f)["line"], json.loads(f)["error"]) for f in failures] == sorted(bad.items())
    assert summary == "articlekit: 40 read, 36 written, 4 failed (listed in standard error)"


def test_output_defaults_to_stdout(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    record = json.dumps({"id": 7, "text": TEXTS[1]}) + "\n"
    monkeypatch.setattr(sys, "stdin", StdinBytes(record.encode()))
    assert main(["parse", "--jsonl", "-"]) == 0
    stdout, stderr = capsys.readouterr()
    assert stdout.startswith('{"id": 7, "input_chars": 69, "schema": "articlekit/1", ')  # the id first
    assert json.loads(stdout) == _out(7, 1)
    assert stderr == "articlekit: 1 read, 1 written, 0 failed\n"


def test_end_to_end_through_pipes() -> None:
    records = "".join(json.dumps({"id": i, "text": TEXTS[i % 3]}) + "\n" for i in range(50))
    result = subprocess.run(
        [sys.executable, "-m", "articlekit", "parse", "--jsonl", "-", "-o", "-", "--jobs", "2"],
        input=records + "not json\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert docs == [_out(i, i % 3) for i in range(50)]
    failure, summary = result.stderr.splitlines()
    assert json.loads(failure) == {
        "id": 51,
        "line": 51,
        "error": "InvalidJSON",
        "message": "Expecting value (column 1)",
    }
    assert summary == "articlekit: 51 read, 50 written, 1 failed (listed in standard error)"


# --- records, ids and fields -------------------------------------------------------------------


def test_ids_fields_and_blank_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_bytes(
        b"\xef\xbb\xbf"  # a byte order mark before the first record
        + json.dumps({"key": "a", "body": TEXTS[1]}).encode()
        + b"\n\n   \n"  # blank lines hold no record, but count as lines
        + json.dumps({"body": TEXTS[2]}, ensure_ascii=False).encode()
        + b"\r\n"
        + json.dumps({"key": None, "body": TEXTS[0]}).encode()
        + b"\n"
        + json.dumps({"key": "d", "text": TEXTS[0]}).encode()
        + b"\n"
        + b'{"key": "e", "body": "Caf\xe9"}\n'
    )
    out = tmp_path / "out.jsonl"
    args = ["parse", "--jsonl", str(corpus), "-o", str(out), "--text-field", "body", "--id-field", "key"]
    assert main(args) == 0
    assert _lines(out) == [_out("a", 1), _out(4, 2), _out(None, 0)]
    assert _lines(tmp_path / "out.errors.jsonl") == [
        {"id": "d", "line": 6, "error": "MissingField", "message": "the record has no 'body' field"},
        {"id": 7, "line": 7, "error": "InvalidJSON", "message": "not UTF-8 text (byte 25: b'\\xe9')"},
    ]
    assert capsys.readouterr().err.startswith("articlekit: 5 read, 3 written, 2 failed")


def test_the_error_file_is_always_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, out = tmp_path / "in.jsonl", tmp_path / "out.txt"
    corpus.write_text(json.dumps({"text": TEXTS[1]}) + "\n", encoding="utf-8")
    errors = tmp_path / "out.txt.errors.jsonl"
    errors.write_text("stale\n", encoding="utf-8")
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out), "--no-progress"]) == 0
    assert errors.read_text(encoding="utf-8") == ""  # emptied: this run had no failures
    assert _lines(out) == [_out(1, 1)]
    assert capsys.readouterr().err == "articlekit: 1 read, 1 written, 0 failed\n"


def test_a_record_that_kills_its_worker_goes_to_the_error_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_cli, "Parser", lambda **kwargs: KillingParser())
    corpus, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    texts = [TEXTS[i % 3] for i in range(60)]
    texts[33] = f"Storm hits coast\n{KILL}\n"
    corpus.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out), "--jobs", "2"]) == 0
    assert [d["id"] for d in _lines(out)] == [i for i in range(60) if i != 33]
    [failure] = _lines(tmp_path / "out.errors.jsonl")
    assert (failure["id"], failure["line"], failure["error"]) == (33, 34, "WorkerDied")
    assert capsys.readouterr().err.startswith("articlekit: 60 read, 59 written, 1 failed")


# --- progress ------------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("flag", "bar"), [([], True), (["--no-progress"], False)])
def test_progress_bar_on_a_terminal(
    flag: list[str], bar: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    corpus = tmp_path / "in.jsonl"
    corpus.write_text("".join(json.dumps({"text": TEXTS[1]}) + "\n" for _ in range(5)), encoding="utf-8")
    assert main(["parse", "--jsonl", str(corpus), "-o", str(tmp_path / "out.jsonl"), *flag]) == 0
    err = terminal.getvalue()
    assert ("articles/s" in err) is bar
    assert ("5/5" in err) is bar  # the total, estimated from the bytes read
    assert err.endswith("articlekit: 5 read, 5 written, 0 failed\n")


# --- usage -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jsonl", "in.jsonl", "a.txt"], "either FILEs or --jsonl"),
        (["--errors", "e.jsonl", "a.txt"], "--errors is for JSON Lines corpora"),
        (["--jsonl", "in.jsonl", "--recursive"], "--recursive is for FILEs"),
        (["--jobs", "-1", "a.txt"], "--jobs must be 0"),
        (["--keep-fields", "url", "a.txt"], "--keep-fields is for JSON Lines corpora"),
        (["--jsonl", "in.jsonl", "--keep-fields", "url,headline"], "--keep-fields headline: the output records have"),
        (["--jsonl", "in.jsonl", "--format", "parquet"], "give it with -o OUT.parquet"),
        (["--jsonl", "in.jsonl", "-o", "out.parquet.gz", "-f", "parquet"], "compresses its own columns"),
        (["--jsonl", "in.jsonl", "--cleaners", "no_such_cleaner"], "no cleaner named 'no_such_cleaner'"),
        (["--jsonl", "in.jsonl", "--cleaners", "-repair_mojibake"], "'repair_mojibake' is not a default cleaner"),
        (["--jsonl", "in.jsonl", "--max-chars", "0"], "--max-chars must be a positive number"),
        (["--jsonl", "in.jsonl", "--format", "markdown"], "--format must be json or parquet"),
        (["--jsonl", "in.jsonl", "--indent", "2"], "--indent cannot be used"),
        (["--jsonl", "in.jsonl", "--jobs", "-1"], "--jobs must be 0"),
        (["--jsonl", "in.jsonl", "--jobs", "two"], "invalid int value"),
        ([], "give the FILEs to parse"),
    ],
)
def test_usage_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["parse", *args])
    assert exc.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert message in err


def test_output_over_the_input_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"text": TEXTS[1]}) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["parse", "--jsonl", str(corpus), "-o", str(corpus)])
    assert exc.value.code == 2
    assert "is the input file" in capsys.readouterr().err
    assert _lines(corpus) == [{"text": TEXTS[1]}]  # not overwritten


def test_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.jsonl"
    assert main(["parse", "--jsonl", str(missing), "-o", str(tmp_path / "out.jsonl")]) == 1
    assert capsys.readouterr().err == f"articlekit: cannot read {missing}: No such file or directory\n"
    assert not (tmp_path / "out.jsonl").exists()


def test_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"text": TEXTS[1]}) + "\n", encoding="utf-8")
    out = tmp_path / "no-such-dir" / "out.jsonl"
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out)]) == 1
    assert capsys.readouterr().err == f"articlekit: cannot write {out}: No such file or directory\n"

"""Corpus runs that lose nothing (#16): no record or file stops a run, compressed input
and output, cleaners, Parquet and the fields kept from the input, on the command line."""

from __future__ import annotations

import bz2
import functools
import gzip
import io
import json
import lzma
import multiprocessing
import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import articlekit
from articlekit import _cli, _cli_jsonl
from articlekit._cli import EXIT_PIPE_CLOSED, main

from .conftest import EXAMPLE, SRC, StdinBytes, read_exact, run_articlekit

TEXTS = [
    read_exact(EXAMPLE),
    ' date 2021-05-18 Storm hits coast\n\nThe council said: "Stay at home."\n',
    "Café reopens after floods\nBy Jane Smith\nThe owner said the café would reopen on Monday.\nAdvertisement\n",
]
MAX_CHARS = 5000
TOO_LONG = "Storm hits coast\n" + "The sea wall gave way at dawn. " * 200  # over 6,000 characters


# the corpus runs here are longer than the command line tests' own
_run = functools.partial(run_articlekit, timeout=300)


def _lines(data: bytes) -> list[dict[str, Any]]:
    text = data.decode("utf-8")
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


# --- the corpus of the acceptance test -------------------------------------------------------------

#: the bad records, in turn, and the error each gives
BAD = {
    "surrogate": "LoneSurrogateError",
    "too long": "InputTooLargeError",
    "bad JSON": "InvalidJSON",
    "a number": "InputTypeError",
    "null": "InputTypeError",
    "a list": "InputTypeError",
    "no text": "MissingField",
    "not UTF-8": "InvalidJSON",
}


def _bad_line(kind: str, ident: str) -> bytes:
    if kind == "surrogate":  # a truncated emoji, as scrapers write it: an escape, not a character
        return b'{"id": "%s", "text": "Fans react \\ud83d as the final whistle blows\\nThe crowd sang on."}' % (
            ident.encode()
        )
    if kind == "bad JSON":
        return b'{"id": "%s", "text": "Storm hits' % ident.encode()
    if kind == "not UTF-8":
        return b'{"id": "%s", "text": "Caf\xe9 reopens"}' % ident.encode()
    value: object = {"too long": TOO_LONG, "a number": 42, "null": None, "a list": ["Storm", "hits"]}.get(kind)
    record = {"id": ident} if kind == "no text" else {"id": ident, "text": value}
    return json.dumps(record).encode()


def _corpus(path: Path, n: int, bad_every: int) -> tuple[list[tuple[str, int]], dict[int, tuple[str, str]]]:
    """Write *n* records to the gzipped *path*, one in *bad_every* bad in one of the ways
    of BAD in turn. Return the good records' (id, text number), and each bad record's line
    number with its id and error type."""
    good: list[tuple[str, int]] = []
    bad: dict[int, tuple[str, str]] = {}
    kinds = list(BAD)
    with gzip.open(path, "wb") as out:
        for i in range(n):
            ident = f"r{i}"
            if i % bad_every == bad_every - 1:
                kind = kinds[(i // bad_every) % len(kinds)]
                # a record that cannot be read as JSON has no id to give: its line number stands in
                line_id = str(i + 1) if kind in ("bad JSON", "not UTF-8") else ident
                bad[i + 1] = (line_id, BAD[kind])
                out.write(_bad_line(kind, ident) + b"\n")
            else:
                good.append((ident, i % len(TEXTS)))
                out.write(json.dumps({"id": ident, "text": TEXTS[i % len(TEXTS)]}).encode() + b"\n")
    return good, bad


def test_a_gzipped_corpus_with_every_kind_of_bad_record(tmp_path: Path) -> None:
    """The acceptance test of #16: nothing stops the run, and nothing is lost."""
    corpus = tmp_path / "corpus.jsonl.gz"
    good, bad = _corpus(corpus, 4000, bad_every=25)
    assert len(bad) == 160 and set(BAD.values()) == {error for _, error in bad.values()}
    out, errors = tmp_path / "out.jsonl.gz", tmp_path / "out.errors.jsonl"
    args = ("parse", "--jsonl", str(corpus), "-o", str(out), "--jobs", "2", "--max-chars", str(MAX_CHARS))
    result = _run(*args)
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    *_, summary = result.stderr.decode().splitlines()
    assert summary == f"articlekit: 4000 read, 3840 written, 160 failed (listed in {errors})"

    assert out.read_bytes()[:2] == b"\x1f\x8b"  # -o OUT.gz really writes gzip
    docs = _lines(gzip.decompress(out.read_bytes()))
    assert [d["id"] for d in docs] == [ident for ident, _ in good]  # every good record, in order
    expected = [articlekit.parse(text).to_dict() for text in TEXTS]
    for doc, (_, which) in zip(docs[:30], good[:30], strict=True):
        assert {k: v for k, v in doc.items() if k not in ("id", "input_chars")} == expected[which]
        assert doc["input_chars"] == len(TEXTS[which])
    failures = _lines(errors.read_bytes())
    assert {f["line"]: (str(f["id"]), f["error"]) for f in failures} == bad
    assert [f["line"] for f in failures] == sorted(bad)
    assert all(f["message"] for f in failures)

    strict = _run(*args, "--strict")
    assert strict.returncode == 1  # the same run, but a record failed
    assert strict.stderr.decode().splitlines()[-1] == summary
    assert _lines(gzip.decompress(out.read_bytes())) == docs


def test_replace_keeps_a_record_with_a_lone_surrogate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    corpus.write_bytes(_bad_line("surrogate", "fans") + b"\n" + b'{"id": "\\udc00", "text": "Storm hits coast"}\n')
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out), "--replace"]) == 0
    first, second = _lines(out.read_bytes())
    assert first["headline"]["text"] == "Fans react \ufffd as the final whistle blows"
    assert first["input_chars"] == len("Fans react \ud83d as the final whistle blows\nThe crowd sang on.")
    assert second["id"] == "\udc00"  # written as the escape it was read from, which UTF-8 can hold
    assert b'"id": "\\udc00"' in out.read_bytes()
    assert capsys.readouterr().err == "articlekit: 2 read, 2 written, 0 failed\n"


def test_an_id_with_a_lone_surrogate_is_written_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    corpus.write_bytes(b'{"id": "\\ud83d", "text": 7}\n{"id": "\\ud83d!", "text": "Storm hits coast"}\n')
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out)]) == 0
    [failure] = _lines((tmp_path / "out.errors.jsonl").read_bytes())
    assert (failure["id"], failure["error"]) == ("\ud83d", "InputTypeError")
    assert [d["id"] for d in _lines(out.read_bytes())] == ["\ud83d!"]
    assert capsys.readouterr().err.startswith("articlekit: 2 read, 1 written, 1 failed")


# --- what is not JSON Lines -----------------------------------------------------------------------------


@pytest.mark.parametrize("wrap", [lambda b: b, gzip.compress], ids=["plain", "gzipped"])
def test_binary_junk_is_refused(wrap: Any, tmp_path: Path) -> None:
    junk = tmp_path / "junk.jsonl"
    junk.write_bytes(wrap(random.Random(16).randbytes(50_000)))
    out = tmp_path / "out.jsonl"
    result = _run("parse", "--jsonl", str(junk), "-o", str(out))
    assert result.returncode == 1
    [line] = result.stderr.decode().splitlines()
    assert line.startswith(f"articlekit: {junk} is not JSON Lines: it holds binary data")
    assert not out.exists()


def test_text_that_is_not_utf8_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    utf16 = tmp_path / "utf16.jsonl"
    utf16.write_bytes((json.dumps({"text": "Storm hits coast"}) + "\n").encode("utf-16"))
    assert main(["parse", "--jsonl", str(utf16)]) == 1
    assert "is not JSON Lines: it holds binary data (a zero byte" in capsys.readouterr().err


def test_a_damaged_gzip_stops_the_run_with_its_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(b"".join(json.dumps({"text": TEXTS[1]}).encode() + b"\n" for _ in range(2000)))
    corpus.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out.jsonl"
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out), "--no-progress"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"articlekit: cannot read {corpus} after line ")
    read, written, failed = map(int, re.findall(r"(\d+) (?:read|written|failed)", err[-1]))
    assert read == written + failed and written == len(_lines(out.read_bytes())) > 0


# --- compressed input and output ------------------------------------------------------------------------

COMPRESSORS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}


@pytest.mark.parametrize("suffix", [*COMPRESSORS, ".zst"])
def test_compressed_input_by_its_bytes_and_output_by_its_suffix(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if suffix == ".zst":
        zstandard = pytest.importorskip("zstandard")
        COMPRESSORS[".zst"] = zstandard.compress
    records = "".join(json.dumps({"id": i, "text": TEXTS[i % 3]}) + "\n" for i in range(30)).encode()
    corpus = tmp_path / "corpus.jsonl"  # no suffix to tell: the first bytes do
    corpus.write_bytes(COMPRESSORS[suffix](records))
    out, errors = tmp_path / f"out.jsonl{suffix}", tmp_path / f"failed.jsonl{suffix}"
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out), "--errors", str(errors)]) == 0
    plain = tmp_path / "plain.jsonl"
    plain.write_bytes(records)
    assert main(["parse", "--jsonl", str(plain), "-o", str(tmp_path / "plain-out.jsonl")]) == 0
    expected = (tmp_path / "plain-out.jsonl").read_bytes()
    decompress = {".gz": gzip.decompress, ".bz2": bz2.decompress, ".xz": lzma.decompress}.get(suffix)
    if decompress is None:
        zstandard = pytest.importorskip("zstandard")

        def decompress(data: bytes) -> bytes:  # a stream whose frames do not state their size
            return zstandard.ZstdDecompressor().decompressobj().decompress(data)  # type: ignore[no-any-return]

    assert decompress(out.read_bytes()) == expected
    assert decompress(errors.read_bytes()) == b""
    capsys.readouterr()


def test_compressed_standard_input_and_text_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = "".join(json.dumps({"id": i, "text": TEXTS[1]}) + "\n" for i in range(3)).encode()
    monkeypatch.setattr(sys, "stdin", StdinBytes(gzip.compress(records)))
    assert main(["parse", "--jsonl", "-"]) == 0
    stdout, stderr = capsys.readouterr()
    assert [d["id"] for d in _lines(stdout.encode())] == [0, 1, 2]
    assert stderr == "articlekit: 3 read, 3 written, 0 failed\n"
    story = tmp_path / "story.txt.xz"
    story.write_bytes(lzma.compress(EXAMPLE.read_bytes()))
    assert main(["parse", "--format", "text", str(story)]) == 0
    assert capsys.readouterr().out.startswith("Harbour wall breached as storm floods Porthcarrow seafront\n")


def test_the_default_error_file_drops_the_suffixes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text('{"text": 1}\n', encoding="utf-8")
    assert main(["parse", "--jsonl", str(corpus), "-o", str(tmp_path / "out.jsonl.gz")]) == 0
    assert _lines((tmp_path / "out.errors.jsonl").read_bytes())[0]["error"] == "InputTypeError"
    assert capsys.readouterr().err.endswith(f"(listed in {tmp_path / 'out.errors.jsonl'})\n")


# --- files ----------------------------------------------------------------------------------------------


def test_file_mode_goes_on_past_a_file_too_long(tmp_path: Path) -> None:
    short, long, huge = tmp_path / "short.txt", tmp_path / "long.txt", tmp_path / "huge.txt"
    short.write_text(TEXTS[1], encoding="utf-8")
    long.write_text(TOO_LONG, encoding="utf-8")
    huge.write_text(TOO_LONG * 4, encoding="utf-8")  # more bytes than 4 × max_chars: not even read
    result = _run("parse", "--max-chars", str(MAX_CHARS), str(short), str(long), str(huge), str(short))
    assert result.returncode == 1
    assert [d["source"] for d in _lines(result.stdout)] == [str(short), str(short)]
    first, second = result.stderr.decode().splitlines()  # one line each, no traceback
    assert first.startswith(
        f"articlekit: cannot parse {long}: InputTooLargeError: the text has {len(TOO_LONG):,} characters"
    )
    assert second.startswith(f"articlekit: cannot read {huge}: the file has")


class _BreakingParser:
    """A parser whose cleaners raise on one text, as a plugin's might."""

    max_chars = MAX_CHARS

    def parse(self, text: str) -> articlekit.Article:
        if "boom" in text:
            raise RuntimeError("a cleaner broke")
        return articlekit.parse(text)


def test_an_error_while_parsing_fails_its_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_cli, "Parser", lambda **kwargs: _BreakingParser())
    short, boom = tmp_path / "short.txt", tmp_path / "boom.txt"
    short.write_text(TEXTS[1], encoding="utf-8")
    boom.write_text("Storm hits coast\nboom\n", encoding="utf-8")
    assert main(["parse", str(short), str(boom), str(short)]) == 1
    out, err = capsys.readouterr()
    assert [d["source"] for d in _lines(out.encode())] == [str(short), str(short)]
    assert err == f"articlekit: cannot parse {boom}: RuntimeError: a cleaner broke\n"


def test_closing_standard_output_ends_quietly() -> None:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": "utf-8"}
    with subprocess.Popen(
        [sys.executable, "-m", "articlekit", "parse", *[str(EXAMPLE)] * 400],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().startswith(b'{"schema": "articlekit/1"')
        process.stdout.close()  # as `| head -1` does
        stderr = process.stderr.read()
        assert process.wait(timeout=120) == EXIT_PIPE_CLOSED
    assert stderr == b""


def test_files_to_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from articlekit.arrow import SCHEMA

    small = tmp_path / "small.txt"
    small.write_text(TEXTS[1], encoding="utf-8")
    out = tmp_path / "articles.parquet"  # the suffix chooses the format
    assert main(["parse", str(EXAMPLE), str(tmp_path / "missing.txt"), str(small), "-o", str(out)]) == 1
    table = pq.read_table(out)
    assert table.column_names == ["source", "input_chars", *SCHEMA.names]
    assert table.column("source").to_pylist() == [str(EXAMPLE), str(small)]
    assert table.column("input_chars").to_pylist() == [len(TEXTS[0]), len(TEXTS[1])]
    # the headlines parse finds (on the small text's three words the labeller, the default, finds none)
    headlines = [a.headline.text if a.headline else None for a in map(articlekit.parse, TEXTS[:2])]
    assert headlines[0] == "Harbour wall breached as storm floods Porthcarrow seafront"
    assert table.column("headline").to_pylist() == headlines
    assert "cannot read" in capsys.readouterr().err


def test_files_to_a_compressed_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.md.gz"
    assert main(["parse", "-f", "markdown", str(EXAMPLE), "-o", str(out)]) == 0
    assert gzip.decompress(out.read_bytes()).decode().startswith("# Harbour wall breached")
    assert capsys.readouterr() == ("", "")


def test_show_reports_a_file_it_cannot_parse_in_one_line(tmp_path: Path) -> None:
    result = _run("show", "--max-chars", "100", str(EXAMPLE), "-o", str(tmp_path / "page.html"))
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        f"articlekit: cannot read {EXAMPLE}: the file has {EXAMPLE.stat().st_size:,} bytes, "
        "more than 4 × --max-chars could decode to"
    ]
    result = _run("show", "--max-chars", "1000", str(EXAMPLE), "-o", str(tmp_path / "page.html"))
    assert result.returncode == 1
    [line] = result.stderr.decode().splitlines()
    assert line.startswith(
        f"articlekit: cannot parse {EXAMPLE}: InputTooLargeError: the text has {len(TEXTS[0]):,} characters"
    )
    assert not (tmp_path / "page.html").exists()


# --- cleaners -------------------------------------------------------------------------------------------


def _headline_and_removed(out: str) -> tuple[str, list[str]]:
    [doc] = _lines(out.encode())
    return doc["headline"]["text"], [r["text"] for r in doc["removed"]]


def test_cleaners_add_a_plugin_and_drop_a_default(
    plugin_installed: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    record = json.dumps({"text": TEXTS[2]}) + "\n"
    monkeypatch.setattr(sys, "stdin", StdinBytes(record.encode()))
    assert main(["parse", "--jsonl", "-"]) == 0
    assert _headline_and_removed(capsys.readouterr().out) == ("Café reopens after floods", ["Advertisement"])
    for argv in (["--cleaners", "shout_headline,-drop_boilerplate"], ["--cleaners=-drop_boilerplate,shout_headline"]):
        monkeypatch.setattr(sys, "stdin", StdinBytes(record.encode()))
        assert main(["parse", "--jsonl", "-", *argv]) == 0
        assert _headline_and_removed(capsys.readouterr().out) == ("CAFÉ REOPENS AFTER FLOODS", [])
    # the split form, which argparse alone would take for an unknown option
    monkeypatch.setattr(sys, "stdin", StdinBytes(TEXTS[2].encode()))
    assert main(["parse", "--cleaners", "-drop_boilerplate", "-"]) == 0
    assert _headline_and_removed(capsys.readouterr().out) == ("Café reopens after floods", [])


def test_cleaners_with_jobs(plugin_installed: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    corpus.write_text("".join(json.dumps({"text": TEXTS[2]}) + "\n" for _ in range(12)), encoding="utf-8")
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out), "-j", "2", "--cleaners", "shout_headline"]) == 0
    assert {d["headline"]["text"] for d in _lines(out.read_bytes())} == {"CAFÉ REOPENS AFTER FLOODS"}
    assert capsys.readouterr().err == "articlekit: 12 read, 12 written, 0 failed\n"


# --- fields, ids and Parquet ----------------------------------------------------------------------------


def _mixed_corpus(path: Path) -> None:
    records = [
        {"id": "a", "url": "https://news.example/a", "date": "2024-03-12", "text": TEXTS[0]},
        {"id": 2, "url": "https://news.example/2", "text": TEXTS[1]},  # no date
        {"url": "https://news.example/3", "date": {"y": 2024}, "text": TEXTS[2]},  # no id: the line number
        {"id": "d", "text": None},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def test_keep_fields(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _mixed_corpus(corpus)
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out), "--keep-fields", "url,date"]) == 0
    docs = _lines(out.read_bytes())
    assert [list(d)[:5] for d in docs] == [["id", "url", "date", "input_chars", "schema"]] * 3
    assert [(d["id"], d["url"], d["date"]) for d in docs] == [
        ("a", "https://news.example/a", "2024-03-12"),
        (2, "https://news.example/2", None),
        (3, "https://news.example/3", {"y": 2024}),
    ]
    assert capsys.readouterr().err.startswith("articlekit: 4 read, 3 written, 1 failed")


def test_a_corpus_to_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from articlekit.arrow import SCHEMA, to_table

    corpus, out = tmp_path / "in.jsonl", tmp_path / "out.parquet"
    _mixed_corpus(corpus)
    argv = ["parse", "--jsonl", str(corpus), "-o", str(out), "--keep-fields", "url,date", "-j", "2"]
    assert main(argv) == 0
    table = pq.read_table(out)
    assert table.column_names == ["id", "url", "date", "input_chars", *SCHEMA.names]
    assert table.column("id").to_pylist() == ["a", "2", "3"]  # ids of mixed types, as strings
    assert table.column("date").to_pylist() == ["2024-03-12", None, '{"y": 2024}']
    assert table.column("input_chars").to_pylist() == [len(t) for t in TEXTS]
    articles = to_table([articlekit.parse(t) for t in TEXTS])
    assert table.select(SCHEMA.names).to_pylist() == articles.to_pylist()
    assert _lines((tmp_path / "out.errors.jsonl").read_bytes())[0]["id"] == "d"
    assert (
        capsys.readouterr().err
        == f"articlekit: 4 read, 3 written, 1 failed (listed in {tmp_path / 'out.errors.jsonl'})\n"
    )


# --- saying more, saying less ---------------------------------------------------------------------------


def test_quiet_and_verbose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    corpus.write_text(json.dumps({"text": TEXTS[1]}) + "\n" + '{"text": 1}\n', encoding="utf-8")
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out), "-v", "--cleaners", "-drop_repeats"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("articlekit: cleaners: normalize_unicode, ")
    assert "drop_repeats" not in err[0]
    assert err[1] == f"articlekit: parsing {corpus} with 1 job"
    assert err[-1].startswith("articlekit: 2 read, 1 written, 1 failed")


def test_progress_lines_off_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_cli_jsonl, "PROGRESS_EVERY", 0.0)
    corpus, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    corpus.write_text("".join(json.dumps({"text": TEXTS[1]}) + "\n" for _ in range(4)), encoding="utf-8")
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out)]) == 0
    *progress, summary = capsys.readouterr().err.splitlines()
    assert progress[-1].startswith("articlekit: 4 done (4 written, 0 failed), ")
    assert progress[-1].endswith(", 100% of the input")
    assert len(progress) == 4 and summary == "articlekit: 4 read, 4 written, 0 failed"
    assert main(["parse", "--jsonl", str(corpus), "-o", str(out), "--no-progress"]) == 0
    assert capsys.readouterr().err == "articlekit: 4 read, 4 written, 0 failed\n"


# --- directories, patterns, one output per file, and jobs for files --------------------------------------


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "2024" / "03").mkdir(parents=True)
    (root / "2024" / "03" / "storm.txt").write_text(TEXTS[0], encoding="utf-8")
    (root / "2024" / "floods.txt.gz").write_bytes(gzip.compress(TEXTS[1].encode()))
    (root / "cafe.txt").write_text(TEXTS[2], encoding="utf-8")
    (root / ".hidden.txt").write_text("Hidden\nNot to be parsed.", encoding="utf-8")
    (root / "notes.md").write_text("Storm notes\nNot an article, but text.", encoding="utf-8")
    return root


def _sources(out: str) -> list[str]:
    return [doc["source"] for doc in _lines(out.encode())]


def test_a_directory_needs_recursive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _site(tmp_path)
    assert main(["parse", str(root), str(root / "cafe.txt")]) == 1
    out, err = capsys.readouterr()
    assert _sources(out) == [str(root / "cafe.txt")]
    assert err == f"articlekit: cannot read {root}: it is a directory: give --recursive to parse the files under it\n"
    assert main(["parse", "--recursive", str(root)]) == 0
    out, err = capsys.readouterr()
    # each directory's files in name order, then its subdirectories; hidden files left out
    assert _sources(out) == [
        str(root / "cafe.txt"),
        str(root / "notes.md"),
        str(root / "2024" / "floods.txt.gz"),
        str(root / "2024" / "03" / "storm.txt"),
    ]
    assert err == ""


def test_a_quoted_pattern(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _site(tmp_path)
    assert main(["parse", str(root / "**" / "*.txt"), str(root / "*.xml")]) == 1
    out, err = capsys.readouterr()
    assert _sources(out) == [str(root / "2024" / "03" / "storm.txt"), str(root / "cafe.txt")]
    assert err == f"articlekit: cannot read {root / '*.xml'}: no file matches it\n"


def test_one_output_file_per_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _site(tmp_path)
    out = tmp_path / "parsed"
    assert main(["parse", "-r", str(root), "-o", f"{out}{os.sep}"]) == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == sorted(
        [
            "cafe.json",
            "notes.json",
            os.path.join("2024", "floods.json"),
            os.path.join("2024", "03", "storm.json"),
        ]
    )
    [storm] = _lines((out / "2024" / "03" / "storm.json").read_bytes())
    assert storm["source"] == str(root / "2024" / "03" / "storm.txt")
    assert storm["headline"]["text"] == articlekit.parse(TEXTS[0]).headline.text  # type: ignore[union-attr]
    # an existing directory needs no trailing separator; markdown files end in .md
    assert main(["parse", "-f", "markdown", str(root / "cafe.txt"), "-o", str(out)]) == 0
    assert (out / "cafe.md").read_text(encoding="utf-8").startswith("# Café reopens after floods")
    assert capsys.readouterr() == ("", "")


def test_two_inputs_for_one_output_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(TEXTS[1], encoding="utf-8")
    (tmp_path / "out").mkdir()
    with pytest.raises(SystemExit) as exc:
        main(
            ["parse", str(tmp_path / "a" / "story.txt"), str(tmp_path / "b" / "story.txt"), "-o", str(tmp_path / "out")]
        )
    assert exc.value.code == 2
    assert "would both be written to" in capsys.readouterr().err
    assert list((tmp_path / "out").iterdir()) == []


def test_jobs_in_file_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _site(tmp_path)
    (root / "long.txt").write_text(TOO_LONG, encoding="utf-8")
    argv = ["parse", "-r", str(root), str(tmp_path / "missing.txt"), "--max-chars", str(MAX_CHARS)]
    assert main(argv) == 1
    alone = capsys.readouterr()
    assert main([*argv, "--jobs", "2"]) == 1
    assert capsys.readouterr() == alone  # the same output, the same errors, in the same order
    assert len(_sources(alone.out)) == 4
    assert alone.err.splitlines()[0].startswith(f"articlekit: cannot parse {root / 'long.txt'}: InputTooLargeError")
    assert alone.err.splitlines()[1].startswith(f"articlekit: cannot read {tmp_path / 'missing.txt'}: ")


def test_damaged_compressed_files_are_reported_in_one_line(tmp_path: Path) -> None:
    story = tmp_path / "story.txt.xz"
    data = lzma.compress(EXAMPLE.read_bytes())
    story.write_bytes(data[: len(data) // 2])
    result = _run("parse", str(story), str(EXAMPLE))
    assert result.returncode == 1
    assert [d["source"] for d in _lines(result.stdout)] == [str(EXAMPLE)]
    assert result.stderr.decode().splitlines() == [
        f"articlekit: cannot read {story}: cannot be decompressed "
        "(EOFError: Compressed file ended before the end-of-stream marker was reached)"
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(b"\xfd7zXZ\x00 and then no xz at all")  # an xz header, and junk
    result = _run("parse", "--jsonl", str(corpus), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 1
    [line] = result.stderr.decode().splitlines()
    assert line.startswith(f"articlekit: cannot read {corpus}: ")


class _ClosedPipe(io.StringIO):
    """Standard output whose reader has gone."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_show_and_jsonl_to_a_closed_standard_output_end_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", _ClosedPipe())
    assert main(["show", str(EXAMPLE), "-o", "-"]) == EXIT_PIPE_CLOSED
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys, "stdin", StdinBytes(b'{"text": "Storm hits coast"}\n' * 3))
    assert main(["parse", "--jsonl", "-", "--jobs", "2"]) == EXIT_PIPE_CLOSED
    assert capsys.readouterr().err == ""  # no summary either
    assert not multiprocessing.active_children()  # the workers were stopped

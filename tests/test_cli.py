"""The ``articlekit`` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import articlekit
from articlekit import Article
from articlekit._cli import main

from .conftest import EXAMPLE, StdinBytes, run_articlekit

HEADLINE = "Harbour wall breached as storm floods Porthcarrow seafront"

# a second article, small but with a headline of a realistic length (the labeller, the
# default, reads a three-word headline on a date field line as page furniture)
SMALL_HEADLINE = "Council tells residents to stay at home as floodwater rises in Porthcarrow"
SMALL = f' date 2021-05-18 {SMALL_HEADLINE}\n\nThe council said: "Stay at home."\n'


def _json_lines(out: str) -> list[dict]:  # type: ignore[type-arg]
    lines = out.splitlines()
    assert all(lines), f"unexpected blank line in {out!r}"
    return [json.loads(line) for line in lines]


def test_parse_example_prints_one_json_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.endswith("\n")
    [doc] = _json_lines(out)
    assert doc["schema"] == "articlekit/1"
    assert doc["headline"]["text"] == HEADLINE
    assert doc["dateline"]["date"] == "2024-03-12"
    assert doc["source"] == str(EXAMPLE)


def test_json_output_is_the_contract_plus_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(EXAMPLE)]) == 0
    [doc] = _json_lines(capsys.readouterr().out)
    article = articlekit.parse(EXAMPLE.read_text(encoding="utf-8"))
    assert doc == {**article.to_dict(), "source": str(EXAMPLE), "input_chars": len(article.source or "")}
    assert Article.from_dict(doc) == article


def test_json_keeps_non_ascii_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "café.txt"
    path.write_text(" date 2021-05-18 Café reopens after floods\n\nThe owner said the café would reopen.\n", "utf-8")
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Café reopens after floods" in out  # not escaped as \u00e9
    [doc] = _json_lines(out)
    assert doc["headline"]["text"] == "Café reopens after floods"
    assert doc["source"] == str(path)


def test_indent(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--indent", "2", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith('{\n  "schema": "articlekit/1"')
    assert json.loads(out)["headline"]["text"] == HEADLINE


def test_two_files_give_two_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "small.txt"
    other.write_text(SMALL, encoding="utf-8")
    assert main(["parse", str(EXAMPLE), str(other)]) == 0
    first, second = _json_lines(capsys.readouterr().out)
    assert first["source"] == str(EXAMPLE)
    assert first["headline"]["text"] == HEADLINE
    assert second["source"] == str(other)
    assert second["headline"]["text"] == SMALL_HEADLINE
    assert second["dateline"]["date"] == "2021-05-18"


def test_dash_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", StdinBytes(EXAMPLE.read_bytes()))
    assert main(["parse", "-"]) == 0
    [doc] = _json_lines(capsys.readouterr().out)
    assert doc["source"] == "<stdin>"
    assert doc["headline"]["text"] == HEADLINE
    assert doc["dateline"]["date"] == "2024-03-12"


def test_stdin_utf8_bom_is_dropped(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", StdinBytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes()))
    assert main(["parse", "-"]) == 0
    [doc] = _json_lines(capsys.readouterr().out)
    assert doc["headline"]["text"] == HEADLINE
    assert doc["dateline"]["date"] == "2024-03-12"


def test_format_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "markdown", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {HEADLINE}\n")
    assert "\n> We know this has been a frightening night" in out
    assert "> — She said" in out
    assert "**READ MORE:** Porthcarrow lifeboat crew rescue two kayakers in force eight gale" in out
    assert "Advertisement" not in out
    assert main(["parse", "-f", "markdown", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out == out


def test_format_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--format", "text", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    article = articlekit.parse(EXAMPLE.read_text(encoding="utf-8"))
    assert out == f"{HEADLINE}\n\n{article.text}\n\n"
    assert "READ MORE" not in out
    assert "Advertisement" not in out
    assert not out.lstrip().startswith("{")


def test_missing_file_reports_and_continues(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no-such-article.txt"
    assert main(["parse", str(missing), str(EXAMPLE)]) == 1
    out, err = capsys.readouterr()
    assert "articlekit: cannot read" in err
    assert str(missing) in err
    assert "No such file" in err
    [doc] = _json_lines(out)  # the other file is still printed
    assert doc["source"] == str(EXAMPLE)
    assert doc["headline"]["text"] == HEADLINE


def test_missing_file_after_good_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "gone.txt"
    assert main(["parse", str(EXAMPLE), str(missing)]) == 1
    out, err = capsys.readouterr()
    assert len(_json_lines(out)) == 1
    assert err.startswith(f"articlekit: cannot read {missing}")


def test_directory_cannot_be_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert f"articlekit: cannot read {tmp_path}" in err


JUNK = b"Storm hits coast\n" + bytes(range(128, 256)) * 8  # no encoding reads this


def test_undecodable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "junk.txt"
    bad.write_bytes(JUNK)
    assert main(["parse", str(bad), str(EXAMPLE)]) == 1
    out, err = capsys.readouterr()
    assert f"articlekit: cannot read {bad}" in err
    assert "cannot be decoded as UTF-8 or any encoding detected (byte 17" in err
    assert "--encoding" in err and "--replace" in err
    assert "\\x80" in err
    assert len(_json_lines(out)) == 1  # the other file is still parsed


def test_undecodable_file_with_replace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "junk.txt"
    bad.write_bytes(JUNK)
    assert main(["parse", "--replace", str(bad)]) == 0
    [doc] = _json_lines(capsys.readouterr().out)
    assert doc["headline"]["text"] == "Storm hits coast"


def test_legacy_encoded_file_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "cp1252.txt"
    old.write_bytes(
        "Café owner fined over late-night noise\n\nThe café on the harbour was fined on Monday.\n".encode("cp1252")
    )
    assert main(["parse", str(old)]) == 0
    [doc] = _json_lines(capsys.readouterr().out)
    assert doc["headline"]["text"] == "Café owner fined over late-night noise"


def test_encoding_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "koi8.txt"
    old.write_bytes("Шторм обрушился на побережье\n".encode("koi8-r"))
    assert main(["parse", "--encoding", "koi8-r", str(old)]) == 0
    [doc] = _json_lines(capsys.readouterr().out)
    assert doc["headline"]["text"] == "Шторм обрушился на побережье"
    assert main(["parse", "--encoding", "utf-8", str(old)]) == 1
    assert "cannot be decoded as utf-8 (byte 0" in capsys.readouterr().err
    assert main(["parse", "--encoding", "no-such-codec", str(old)]) == 1
    assert "unknown encoding 'no-such-codec'" in capsys.readouterr().err


def test_undecodable_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", StdinBytes(JUNK))
    assert main(["parse", "-"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "articlekit: cannot read <stdin>" in err


def test_empty_file_gives_empty_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["parse", str(empty)]) == 0
    [doc] = _json_lines(capsys.readouterr().out)
    assert doc == {**Article().to_dict(), "source": str(empty), "input_chars": 0}


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["parse", "--format", "xml", str(EXAMPLE)])
    assert exc.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "invalid choice: 'xml'" in err


@pytest.mark.parametrize("argv", [[], ["parse"], ["frobnicate", "x.txt"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert "usage: articlekit" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out == f"articlekit {articlekit.__version__}\n"


def test_language_option_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "de.txt"
    path.write_text("Veröffentlicht: 22.07.2021 16:00 Uhr\n\nSturm trifft die Küste\n\nDer Deich brach.\n", "utf-8")
    assert main(["parse", "-l", "de", "--language", "en", str(path)]) == 0
    [doc] = _json_lines(capsys.readouterr().out)
    assert doc["dateline"]["date"] == "2021-07-22T16:00:00"


# --- as a real process -------------------------------------------------------------------


def test_python_dash_m_parse_file_and_stdin() -> None:
    result = run_articlekit("parse", str(EXAMPLE), "-", input=SMALL.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    first, second = _json_lines(result.stdout.decode("utf-8"))
    assert first["source"] == str(EXAMPLE)
    assert first["headline"]["text"] == HEADLINE
    assert first["dateline"]["date"] == "2024-03-12"
    assert second["source"] == "<stdin>"
    assert second["headline"]["text"] == SMALL_HEADLINE


def test_python_dash_m_missing_file_exit_status(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run_articlekit("parse", str(missing), str(EXAMPLE))
    assert result.returncode == 1
    assert f"articlekit: cannot read {missing}".encode() in result.stderr
    [doc] = _json_lines(result.stdout.decode("utf-8"))
    assert doc["headline"]["text"] == HEADLINE

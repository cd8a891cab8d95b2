"""The how-to "Teach articlekit your sites": every command it gives runs, in order, on
labelled pages laid out as it says (twenty to train on, five held out)."""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path

import pytest

from articlekit._cli import main
from tests.conftest import DEV, ROOT

HOWTO = ROOT / "docs" / "howto" / "teach-your-sites.rst"


def _commands() -> list[str]:
    lines = HOWTO.read_text(encoding="utf-8").splitlines()
    return [line.strip()[2:] for line in lines if line.strip().startswith("$ articlekit ")]


def test_the_howto_gives_every_step() -> None:
    verbs = [shlex.split(c)[1] for c in _commands()]
    assert verbs == ["label", "train", "evaluate", "evaluate", "evaluate", "parse"]


def test_the_howto_commands_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not DEV.is_dir():
        pytest.skip(f"the dev corpus is not at {DEV} (../shared is absent)")
    pages = sorted(DEV.glob("*.txt"))[:25]
    placed = []
    for i, page in enumerate(pages):
        folder = tmp_path / "mysite" / ("train" if i < 20 else "test")
        folder.mkdir(parents=True, exist_ok=True)
        name = "storm" if i == 20 else page.stem
        shutil.copyfile(page, folder / f"{name}.txt")
        placed.append((page, folder / f"{name}.labels.tsv"))
    monkeypatch.chdir(tmp_path)
    outputs = []
    for command in _commands():
        status = main(shlex.split(command)[1:])
        captured = capsys.readouterr()
        assert status == 0, f"{command}: {captured.err}"
        outputs.append(captured)
        if command.startswith("articlekit label"):
            # a draft beside every page; the person corrects it (here: the corpus's labels)
            assert "wrote 25 label files" in captured.err
            for page, labels in placed:
                assert labels.read_text(encoding="utf-8").startswith("# source: https://example.com/\n")
                shutil.copyfile(page.with_suffix(".labels.tsv"), labels)
    outputs = outputs[1:]
    assert (tmp_path / "mysite.akm").stat().st_size > 10_000
    for evaluated in outputs[1:4]:
        assert "quote groups F1" in evaluated.out and "macro F1" in evaluated.out
    assert "fold 2 of 2 scored" in outputs[3].err
    article = json.loads(outputs[4].out)
    assert article["source"] == "mysite/test/storm.txt"
    assert all(0 <= block["confidence"] <= 1 for block in article["body"])

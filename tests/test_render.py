"""Seeing a parse: the HTML page (checked in a real headless Chromium) and Markdown."""

from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import articlekit
from articlekit import Parser, render
from articlekit.errors import InputTypeError

# a scrape that holds every kind of element
EVERYTHING = """ date 2021-05-18 Harbour wall breached as storm floods the seafront
Dozens of homes evacuated after waves break through the sea defence
By Jane Smith
Dozens of families were moved from their homes overnight after the storm tore a hole in the harbour wall.
The harbour master said: "We have never seen anything like it.
READ MORE: Lifeboat crew rescue two kayakers in gale
"We will rebuild the wall before the winter."
Advertisement
The boats piled up against the harbour wall (Image: Getty)
What happens next
Engineers said three things remain to be done before the seafront can reopen to the public.
- Resurfacing the eastern approach
- Repainting the towers
What a night for the harbour!
\u2014 Jane Fan (@janefan) May 18, 2021
The council will meet on Monday to decide how to pay for the repairs to the harbour wall.
"""

TYPES = (
    "dateline", "headline", "standfirst", "byline", "paragraph", "block_quote", "attribution",
    "read_more", "heading", "caption", "embed", "list_item", "removed",
)  # fmt: skip


@pytest.fixture(scope="module")
def page() -> str:
    return render.html(articlekit.parse(EVERYTHING), title="everything.txt")


@pytest.fixture(scope="module")
def rules_page() -> str:
    """The page of the rules' parse, which has no confidences to show."""
    return render.html(Parser(model=None).parse(EVERYTHING), title="everything.txt")


def test_the_text_holds_every_kind_of_element() -> None:
    # the rules' reading of this short text holds every kind, which the page tests need;
    # the labeller's may not (it drops the headline on the date line as furniture)
    article = Parser(model=None).parse(EVERYTHING)
    kinds = {type(p).__name__.lower() for p in (article.dateline, article.headline, article.standfirst, article.byline)}
    kinds |= {b.type for b in article.body}
    assert kinds >= set(TYPES) - {"attribution", "removed"}
    assert article.quotes[0].attribution is not None and article.removed


def test_page_is_self_contained_and_marks_every_type(page: str, rules_page: str) -> None:
    for each in (page, rules_page):
        assert each.startswith("<!DOCTYPE html>")
        assert "<script" not in each and "http://" not in each and "https://" not in each
    for kind in TYPES:
        assert f'data-type="{kind}"' in rules_page, kind
        assert f'data-legend="{kind}"' in rules_page, kind
    # the default page marks what the labeller found, each kind with its legend
    article = articlekit.parse(EVERYTHING)
    parts = (article.dateline, article.headline, article.standfirst, article.byline)
    kinds = {type(p).__name__.lower() for p in parts if p is not None} | {b.type for b in article.body}
    for kind in kinds | ({"removed"} if article.removed else set()):
        assert f'data-type="{kind}"' in page and f'data-legend="{kind}"' in page, kind
    # the labeller (the default) labelled the advert, and the title says how sure it was
    (advert,) = [r for r in article.removed if r.text == "Advertisement"]
    assert advert.confidence is not None
    title = r"removed by drop_boilerplate: advertisement \(boilerplate\); (low )?confidence: "
    shown = math.floor(advert.confidence * 100 + 1e-9) / 100  # cut to two places, as the page writes it
    assert re.search(f'title="{title}{shown:.2f}"', page)
    # the rules give no confidence: the title is the removal alone
    assert 'title="removed by drop_boilerplate: advertisement (boilerplate)"' in rules_page
    assert 'data-group="1"' in page and "quotation 1: The harbour master said" in page


def lines_of(page: str) -> list[str]:
    """The text of each row of the page, as written (the gutter and notes left out)."""
    import html as html_lib
    import re

    return [
        html_lib.unescape(re.sub(r"<[^>]+>", "", line))
        for line in re.findall(r'<div class="line">(.*?)</div>', page, re.S)
    ]


def test_page_text_is_the_original_text(page: str) -> None:
    assert "".join(lines_of(page)) == EVERYTHING
    # one row a line: no element runs over a line here
    assert lines_of(page) == EVERYTHING.splitlines(keepends=True)


def _named(word: str) -> str:
    """A gutter's word without the confidence the labeller adds to a name it was unsure
    of (see test_gutter_gives_a_low_confidence)."""
    return re.sub(r" \([01]\.\d\d\)$", "", word)


def _gutter_words(page: str) -> list[list[str]]:
    gutters = re.findall(r'<div class="gutter">(.*?)</div>', page)
    assert len(gutters) == len(EVERYTHING.splitlines())  # a row a line, each with its gutter
    return [re.findall(r">([^<]+)</span>", gutter) for gutter in gutters]


def test_gutter_names_each_line_in_words(page: str, rules_page: str) -> None:
    words = _gutter_words(rules_page)
    assert words[:6] == [["dateline", "headline"], ["standfirst"], ["byline"], ["paragraph"],
                         ["quote 1", "attribution"], ["read more"]]  # fmt: skip
    assert ["removed"] in words and ["embed"] in words and ["heading"] in words and ["list item"] in words
    # the default page names each line too, in the same words (with a confidence where
    # the labeller was unsure)
    named = [[_named(word) for word in row] for row in _gutter_words(page)]
    assert all(row for row in named)
    assert {word for row in named for word in row} <= {*GUTTER.values(), "attribution"}


def test_gutter_gives_a_low_confidence(page: str) -> None:
    import attrs

    article = articlekit.parse(EVERYTHING)
    heading = article.headings[0]
    unsure = attrs.evolve(
        article, body=tuple(attrs.evolve(b, confidence=0.42) if b is heading else b for b in article.body)
    )
    page = render.html(unsure, EVERYTHING)
    assert '<span class="g g-unsure" data-gutter="heading" style="color:#6a1b9a">heading (0.42)</span>' in page


def test_the_panel_and_the_notes_escape_the_text() -> None:
    text = '<b>Storm</b> & floods\n"<i>Stay home</i>," said <Mayor>.\nREAD MORE: <Floods> & roads\n'
    page = render.html(articlekit.parse(text))
    assert "<b>" not in page and "<i>" not in page and "<Mayor>" not in page and "<Floods>" not in page
    assert 'data-field="headline">&lt;b&gt;Storm&lt;/b&gt; &amp; floods</dd>' in page


def test_html_needs_the_text() -> None:
    article = articlekit.Article.from_dict(articlekit.parse(EVERYTHING).to_dict())
    with pytest.raises(InputTypeError, match="needs the parsed text"):
        render.html(article)
    assert 'data-type="headline"' in render.html(article, EVERYTHING)


def test_markdown() -> None:
    md = render.markdown(Parser(model=None).parse(EVERYTHING))
    assert md.startswith("# Harbour wall breached as storm floods the seafront\n")
    assert "> We have never seen anything like it.\n>\n> We will rebuild the wall before the winter." in md
    assert "**READ MORE:** Lifeboat crew rescue two kayakers in gale" in md
    assert "## What happens next" in md and "- Resurfacing the eastern approach" in md
    assert "Advertisement" not in md


_CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
# Run in the browser after layout: what is visible on the page, and where.
_PROBE = """<script>
const shown = el => {
  const box = el.getBoundingClientRect(), style = getComputedStyle(el);
  return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
};
const visible = selector => [...document.querySelectorAll(selector)].filter(shown);
const text = el => el.textContent.trim();
const box = el => { const b = el.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
const report = {types: {}, gutter: [], notes: visible('.note').map(text), fields: {}, overlaps: 0};
for (const el of visible('[data-type]')) report.types[el.dataset.type] = (report.types[el.dataset.type] || 0) + 1;
for (const el of visible('[data-gutter]')) report.gutter.push([el.dataset.gutter, text(el)]);
for (const el of visible('[data-field]')) (report.fields[el.dataset.field] ||= []).push(text(el));
for (const row of document.querySelectorAll('.row')) {
  const gutter = row.querySelector('.gutter'), line = row.querySelector('.line');
  if (gutter.getBoundingClientRect().right > line.getBoundingClientRect().left) report.overlaps++;
}
report.panel = box(document.querySelector('.panel'));
report.text = box(document.querySelector('.text'));
report.width = document.documentElement.clientWidth;
document.body.setAttribute('data-report', JSON.stringify(report));
</script>"""


def _chromium(page: str, tmp_path: Path, width: int) -> dict[str, Any]:
    """What Chromium shows of *page* in a window *width* pixels wide (and a screenshot of it)."""
    assert _CHROMIUM is not None
    import html as html_lib
    import re

    flags = [*_FLAGS, f"--window-size={width},1600", f"--user-data-dir={tmp_path / 'profile'}"]
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    shot = tmp_path / f"page-{width}.png"
    subprocess.run(
        [_CHROMIUM, *flags, f"--screenshot={shot}", path.as_uri()], capture_output=True, timeout=120, check=True
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000

    probed = tmp_path / "probed.html"
    probed.write_text(page.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    dom = subprocess.run(
        [_CHROMIUM, *flags, "--dump-dom", probed.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    match = re.search(r'data-report="([^"]*)"', dom)
    assert match is not None, dom[:500]
    report: dict[str, Any] = json.loads(html_lib.unescape(match[1]))
    return report


_needs_chromium = pytest.mark.skipif(
    _CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)"
)

# the gutter's word for each type (a quotation's paragraphs are named by their group)
GUTTER = {kind: kind.replace("_", " ") for kind in TYPES} | {"block_quote": "quote 1"}


@_needs_chromium
@pytest.mark.parametrize("width", [1200, 700])
def test_page_renders_in_chromium(rules_page: str, tmp_path: Path, width: int) -> None:
    """Wide, the panel stands beside the text; narrow, above it. Either way every type is
    marked on the text and named in words in the gutter beside its line, the speakers and
    removal reasons are written under their lines, and the panel shows the result (of
    the rules' reading, which holds every type)."""
    report = _chromium(rules_page, tmp_path, width)
    assert set(report["types"]) >= set(TYPES), set(TYPES) - set(report["types"])
    assert {(kind, _named(text)) for kind, text in report["gutter"]} == set(GUTTER.items())
    assert report["overlaps"] == 0
    assert report["notes"] == [
        "quotation 1: The harbour master said",
        "quotation 1: The harbour master said",
        "removed by drop_boilerplate: advertisement (boilerplate)",
    ]
    assert report["fields"] == {
        "dateline_date": ["2021-05-18"],
        "dateline_place": ["none"],
        "dateline_agency": ["none"],
        "headline": ["Harbour wall breached as storm floods the seafront"],
        "standfirst": ["Dozens of homes evacuated after waves break through the sea defence"],
        "byline": ["By Jane Smith"],
        "quote": ["The harbour master said (2 paragraphs): “We have never seen anything like it.”"],
        "link": ["READ MORE: Lifeboat crew rescue two kayakers in gale"],
    }
    panel_left, panel_top, panel_right, panel_bottom = report["panel"]
    _, text_top, text_right, _ = report["text"]
    assert panel_left >= 0 and panel_right <= report["width"]  # on the page, not cut off
    if width >= 1000:
        assert text_right <= panel_left and panel_top == text_top  # beside the text
    else:
        assert panel_bottom <= text_top  # above it


@_needs_chromium
def test_a_wire_story_panel_in_chromium(tmp_path: Path) -> None:
    text = (
        "ANKARA (Reuters) - Rescue teams worked through the night on Monday to reach people trapped.\n"
        '"We are still hearing voices," said the mayor.\n'
    )
    report = _chromium(render.html(articlekit.parse(text)), tmp_path, 1200)
    assert report["fields"]["dateline_place"] == ["Ankara"] and report["fields"]["dateline_agency"] == ["Reuters"]
    assert report["fields"]["quote"][0].startswith("said the mayor (1 paragraph)")
    assert "link" not in report["fields"]  # there is none
    unattributed = render.html(articlekit.parse('Storm hits coast\n"The water came in so fast."\n'))
    assert '<span class="who"><span class="none">no attribution</span></span> (1 paragraph)' in unattributed


def test_show_command_writes_the_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from articlekit._cli import main

    source = tmp_path / "everything.txt"
    source.write_text(EVERYTHING, encoding="utf-8")
    page = tmp_path / "page.html"
    assert main(["show", str(source), "-o", str(page)]) == 0
    written = page.read_text(encoding="utf-8")
    assert "<title>everything.txt</title>" in written
    assert written == render.html(articlekit.parse(EVERYTHING), title="everything.txt")
    assert f"wrote {page}" in capsys.readouterr().err
    assert main(["show", str(tmp_path / "missing.txt"), "-o", str(page)]) == 1
    assert "cannot read" in capsys.readouterr().err
    assert main(["show", str(source), "-o", str(tmp_path / "no" / "dir.html")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_the_readme_shows_a_picture_that_exists() -> None:
    import re

    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]+\]\(([^)\s]+)\)", readme)
    assert images, "the README shows no picture"
    for image in images:
        assert not re.match(r"[a-z]+://", image), f"{image}: the README's pictures are files of the repository"
        path = ROOT / image
        assert path.is_file(), f"the README shows {image}, which is not in the repository"
        data = path.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and 10_000 < len(data) < 300_000, image


def test_show_a_record_of_a_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from articlekit._cli import main

    corpus = tmp_path / "corpus.jsonl"
    records = [{"id": 1, "text": "Storm hits coast\nThe sea wall gave way."}, {"id": 2, "body": EVERYTHING}]
    corpus.write_text(json.dumps(records[0]) + "\n\n" + json.dumps(records[1]) + "\n", encoding="utf-8")
    page = tmp_path / "page.html"
    assert main(["show", str(corpus), "--record", "2", "--text-field", "body", "-o", str(page)]) == 0
    title = "corpus.jsonl, record 2 (line 3)"  # the blank line holds no record
    assert page.read_text(encoding="utf-8") == render.html(articlekit.parse(EVERYTHING), title=title)
    capsys.readouterr()

    for record, field, why in [
        ("3", "body", "there is no record 3: the corpus has 2 records"),
        ("0", "body", "--record counts records from 1, got 0"),
        ("1", "body", "the record on line 1 has no 'body' field"),
    ]:
        assert main(["show", str(corpus), "--record", record, "--text-field", field, "-o", str(page)]) == 1
        assert capsys.readouterr().err == f"articlekit: cannot read {corpus}: {why}\n"
    corpus.write_text('{"text": null}\n[1]\n{"text": \n' + "[" * 100_000 + "\n", encoding="utf-8")
    for record, why in [
        ("1", "the record on line 1 has no string in its 'text' field"),
        ("2", "line 2 is a JSON list, not an object"),
        ("3", "line 3 is not JSON: Expecting value (column 10)"),
        ("4", "line 4 is not JSON that can be read: nested too deeply"),
    ]:
        assert main(["show", str(corpus), "--record", record, "-o", str(page)]) == 1
        assert capsys.readouterr().err == f"articlekit: cannot read {corpus}: {why}\n"


def test_show_a_record_from_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import sys

    from articlekit._cli import main

    stdin = io.TextIOWrapper(io.BytesIO(b'\xef\xbb\xbf{"text": "Storm hits coast"}\n'), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["show", "-", "--record", "1", "-o", "-"]) == 0
    assert "<title>&lt;stdin&gt;, record 1 (line 1)</title>" in capsys.readouterr().out

"""Seeing a parse: the HTML page (checked in a real headless Chromium) and Markdown."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import articlekit
from articlekit import render
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


def test_the_text_holds_every_kind_of_element() -> None:
    article = articlekit.parse(EVERYTHING)
    kinds = {type(p).__name__.lower() for p in (article.dateline, article.headline, article.standfirst, article.byline)}
    kinds |= {b.type for b in article.body}
    assert kinds >= set(TYPES) - {"attribution", "removed"}
    assert article.quotes[0].attribution is not None and article.removed


def test_page_is_self_contained_and_marks_every_type(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http://" not in page and "https://" not in page
    for kind in TYPES:
        assert f'data-type="{kind}"' in page, kind
        assert f'data-legend="{kind}"' in page, kind
    assert 'title="removed by drop_boilerplate: advertisement (boilerplate)"' in page
    assert 'data-group="1"' in page and "quotation 1: The harbour master said" in page


def test_page_text_is_the_original_text(page: str) -> None:
    import html as html_lib
    import re

    body = page.split('<div class="text">', 1)[1].rsplit("</div>", 1)[0]
    assert html_lib.unescape(re.sub(r"<[^>]+>", "", body)) == EVERYTHING


def test_html_needs_the_text() -> None:
    article = articlekit.Article.from_dict(articlekit.parse(EVERYTHING).to_dict())
    with pytest.raises(InputTypeError, match="needs the parsed text"):
        render.html(article)
    assert 'data-type="headline"' in render.html(article, EVERYTHING)


def test_markdown() -> None:
    md = render.markdown(articlekit.parse(EVERYTHING))
    assert md.startswith("# Harbour wall breached as storm floods the seafront\n")
    assert "> We have never seen anything like it.\n>\n> We will rebuild the wall before the winter." in md
    assert "**READ MORE:** Lifeboat crew rescue two kayakers in gale" in md
    assert "## What happens next" in md and "- Resurfacing the eastern approach" in md
    assert "Advertisement" not in md


_CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1200,1600",
]  # fmt: skip
# Run in the browser after layout: which element types have a visible box on the page.
_PROBE = """<script>
const seen = {};
for (const el of document.querySelectorAll('[data-type]')) {
  const box = el.getBoundingClientRect(), style = getComputedStyle(el);
  if (box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none')
    seen[el.dataset.type] = (seen[el.dataset.type] || 0) + 1;
}
document.body.setAttribute('data-visible', JSON.stringify(seen));
</script>"""


@pytest.mark.skipif(_CHROMIUM is None, reason="Chromium is not installed (.ci/run installs Debian's chromium)")
def test_page_renders_in_chromium(page: str, tmp_path: Path) -> None:
    assert _CHROMIUM is not None
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    flags = [*_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    shot = tmp_path / "page.png"
    subprocess.run(
        [_CHROMIUM, *flags, f"--screenshot={shot}", path.as_uri()], capture_output=True, timeout=120, check=True
    )
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000

    probed = tmp_path / "probed.html"
    probed.write_text(page.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    dom = subprocess.run(
        [_CHROMIUM, *flags, "--dump-dom", probed.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    import html as html_lib
    import re

    match = re.search(r'data-visible="([^"]*)"', dom)
    assert match is not None, dom[:500]
    visible = json.loads(html_lib.unescape(match[1]))
    assert set(visible) >= set(TYPES), set(TYPES) - set(visible)


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

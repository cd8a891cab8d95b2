"""Stage 3: group blocks that belong together.

* the paragraphs of one quotation: a quotation runs on while each paragraph leaves it
  open (the newspaper habit of opening every paragraph with a quotation mark and
  closing only the last), across links, captions, embeds and furniture set inside it;
* the standfirst: the summary line directly under the headline.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ._blocks import Block
from ._text import SENTENCE_END, sentences, word_count

__all__ = ["group"]

# what str.splitlines breaks a line at
_LINE_BREAK = regex.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

# blocks that may stand inside an open quotation without ending it
_INTERRUPTIONS = frozenset({"read_more", "caption", "embed", "boilerplate"})
# page furniture that sits between a standfirst and the story
_FURNITURE = frozenset({"byline", "dateline", "caption", "boilerplate", "embed"})


def group(blocks: Sequence[Block], source: str, find_standfirst: bool = True) -> list[Block]:
    """Number the quotations (``Block.group``) and, unless a model has labelled the
    lines, find the standfirst."""
    out = list(blocks)
    _group_quotes(out)
    if find_standfirst:
        _mark_standfirst(out, source)
    return out


def _group_quotes(out: list[Block]) -> None:
    current: int | None = None
    still_open = False
    count = 0
    for i, block in enumerate(out):
        if block.kind == "quote":
            if current is None or not still_open or block.lead_in:
                count += 1
                current = count
            out[i] = block.replace(group=current)
            still_open = block.open_quote
        elif block.kind in _INTERRUPTIONS and still_open:
            continue
        else:
            current, still_open = None, False


def _mark_standfirst(out: list[Block], source: str) -> None:
    """The summary under the headline: one or two sentences, often without a full stop.
    One that ends with a full stop counts only when page furniture (a byline, a date, a
    picture) follows it, since a plain first paragraph reads the same."""
    at = next((i for i, b in enumerate(out) if b.kind == "headline"), None)
    if at is None:
        _mark_lone_standfirst(out)
        return
    # the first line under the headline that no cleaner dropped (a repeat of it, say)
    below = next((j for j in range(at + 1, len(out)) if not out[j].dropped_by), None)
    if below is None:
        return
    at = below - 1
    block = out[at + 1]
    if block.kind not in ("paragraph", "quote"):
        return
    text = block.text
    if sentences(text) > 2 or not 5 <= word_count(text) <= 60:
        return
    if block.kind == "quote" and block.open_quote:
        return  # the first paragraph of a quotation that runs on
    # (furniture glued to the end of the same line, "(More News)", does not count)
    following = next(
        (
            b.kind
            for b in out[at + 2 :]
            if b.kind != "read_more" and _LINE_BREAK.search(source, block.span.end, b.span.start)
        ),
        None,
    )
    if not SENTENCE_END.search(text) or following in _FURNITURE:
        out[at + 1] = block.replace(kind="standfirst", attribution=None, open_quote=False, lead_in=False)


def _mark_lone_standfirst(out: list[Block]) -> None:
    """With no headline: a summary under the byline, before the story, that runs long
    without a full stop and stands over the first paragraph."""
    i = next((i for i, b in enumerate(out) if b.kind not in _FURNITURE and not b.dropped_by), None)
    if i is None or i + 1 >= len(out) or out[i].kind != "paragraph":
        return
    if not any(b.kind == "byline" for b in out[:i]):
        return
    text = out[i].text
    after = out[i + 1]
    if (
        not SENTENCE_END.search(text)
        and 12 <= word_count(text) <= 60
        and after.kind == "paragraph"
        and SENTENCE_END.search(after.text)
    ):
        out[i] = out[i].replace(kind="standfirst")

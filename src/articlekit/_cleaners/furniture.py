"""Page furniture, embedded posts and captions."""

from __future__ import annotations

from collections.abc import Sequence

import regex

from .._blocks import Block
from .._furniture import boilerplate_reason, furniture, is_caption, is_embed, is_post_signature
from .._pipeline import cleaner
from .._text import SENTENCE_END, word_count

# what a line read as by the classifier may turn out to be furniture (a line the labeller
# labelled, one with a confidence, keeps its label: the labeller has weighed these same
# patterns; the kind is tested first, as most lines are not retypable)
_RETYPABLE = frozenset({"paragraph", "quote", "list_item", "heading", "byline", "standfirst"})

# a tweet's text runs to a few dozen words, a caption to a few more
_POST_MAX_WORDS = 80
_CAPTION_MAX_WORDS = 80


@cleaner("detect_embeds")
def detect_embeds(blocks: Sequence[Block]) -> list[Block]:
    """Mark the lines of embedded posts as ``embed``: lines with ``pic.twitter.com``,
    ``t.co`` links or ``A post shared by``, the signature line of a tweet
    (``— Jane (@jane) May 15, 2021``), and the tweet's text just above its signature.
    It retypes in the rules mode (``Parser(model=None)``) only: a line the labeller
    typed keeps its type, the model having weighed these same patterns.

    >>> from articlekit import Parser
    >>> article = Parser(model=None).parse(
    ...     "Fans react to the result\\n\\nFans were quick to respond on social media.\\n"
    ...     "What a night for the club!\\n\\u2014 Jane Fan (@janefan) May 15, 2021\\n"
    ... )
    >>> [e.text for e in article.embeds]
    ['What a night for the club!', '— Jane Fan (@janefan) May 15, 2021']
    """
    out = list(blocks)
    for i, block in enumerate(out):
        if block.kind not in _RETYPABLE or block.dropped_by or block.confidence is not None:
            continue
        if is_embed(block.text):
            out[i] = block.replace(kind="embed", reason="embedded post")
        elif i + 1 < len(out) and is_post_signature(out[i + 1].text) and word_count(block.text) <= _POST_MAX_WORDS:
            out[i] = block.replace(kind="embed", reason="text of an embedded post")
        elif (
            i == len(out) - 1
            and i > 0
            and is_post_signature(out[i - 1].text)
            and word_count(block.text) <= _POST_MAX_WORDS
            and SENTENCE_END.search(block.text) is None
            and furniture(block.text) is None
        ):
            # the scrape stopped inside the next post, before its signature
            out[i] = block.replace(kind="embed", reason="text of an embedded post, cut off")
    return out


@cleaner("detect_captions")
def detect_captions(blocks: Sequence[Block]) -> list[Block]:
    """Mark picture captions and credits as ``caption``: ``(Image: Getty)``,
    ``Photo: Reuters``, ``The officer at the protest (Picture: PA)``, ``— AFP pic``.
    It retypes in the rules mode (``Parser(model=None)``) only: a line the labeller
    typed keeps its type.

    >>> from articlekit import Parser
    >>> rules = Parser(model=None)
    >>> article = rules.parse("Storm hits coast\\nThe sea wall gave way.\\nThe harbour at dawn (Image: Getty)")
    >>> [c.text for c in article.captions]
    ['The harbour at dawn (Image: Getty)']
    """
    out = []
    for block in blocks:
        if block.kind in _RETYPABLE and not block.dropped_by and block.confidence is None and is_caption(block.text):
            block = block.replace(kind="caption", reason="caption")
        out.append(block)
    # then the captions that only their neighbours give away
    for i, block in enumerate(out):
        if block.kind not in _RETYPABLE or block.dropped_by or block.confidence is not None:
            continue
        before = out[i - 1] if i > 0 else None
        after = out[i + 1] if i + 1 < len(out) else None
        # only a caption beside it can give a line away (most lines have none)
        if (before is None or before.kind != "caption") and (after is None or after.kind != "caption"):
            continue
        if word_count(block.text) > _CAPTION_MAX_WORDS:
            continue
        reason = _caption_by_context(block, before, after)
        if reason is not None:
            out[i] = block.replace(kind="caption", reason=reason)
    return out


def _same_caption(text: str, caption: str) -> bool:
    """*text* repeats *caption*, or is the start of it cut off with an ellipsis
    (``The Supreme Court is seen under a...``), as galleries print them twice."""
    a = text.rstrip(".\u2026 ").removesuffix(" Video").casefold()
    b = caption.removesuffix(" Video").casefold()
    return len(a) >= 20 and (b.startswith(a) or a.startswith(b.rstrip(".\u2026 ")))


def _caption_by_context(block: Block, before: Block | None, after: Block | None) -> str | None:
    for other in (before, after):
        if other is not None and other.kind == "caption" and _same_caption(block.text, other.text):
            return "repeated caption"
    # the caption printed just above its picture credit ("… royal family" / "AFP/GETTY"):
    # a caption has no full stop, or few words; a story paragraph has both
    if (
        after is not None
        and after.kind == "caption"
        and not after.blank_before
        and _is_credit(after.text)
        and SENTENCE_END.search(block.text) is None
        and furniture(block.text) is None
    ):
        return "caption above a credit"
    return None


_CREDIT_ONLY = regex.compile(r"(?:credit|photo|picture|image|foto|bild)s?\s*:\s*\S+(?:\s+\S+){0,3}", regex.IGNORECASE)


def _is_credit(text: str) -> bool:
    """A picture credit and nothing more: ``DANIEL LEAL-OLIVAS/AFP/GETTY``, ``Credit: PA``."""
    return word_count(text) <= 8 and ("/" in text or text.isupper() or _CREDIT_ONLY.fullmatch(text) is not None)


@cleaner("drop_boilerplate")
def drop_boilerplate(blocks: Sequence[Block]) -> list[Block]:
    """Drop site furniture into ``removed`` with the reason: adverts, newsletter and
    sign-up prompts, share and follow prompts, cookie notices, copyright lines,
    comment prompts, navigation, and the section labels found above the headline: the
    lines labelled ``boilerplate``, with the reason the pattern tables give where they
    know the line, and in the rules mode (``Parser(model=None)``) the lines the tables
    know as furniture too.

    >>> from articlekit import parse
    >>> article = parse(
    ...     "Harbour wall breached as storm floods seafront\\n"
    ...     "The sea wall at Porthcarrow gave way at dawn on Saturday, and the harbour flooded within the hour.\\n"
    ...     "Anzeige\\nCoastguard teams worked through the night to fill sandbags along the promenade.\\n"
    ...     "Follow us on Twitter"
    ... )
    >>> [(r.text, r.reason) for r in article.removed]
    [('Anzeige', 'advertisement'), ('Follow us on Twitter', 'follow')]
    """
    out = []
    for block in blocks:
        if not block.dropped_by:
            if block.kind == "boilerplate":
                block = block.drop("drop_boilerplate", block.reason or "boilerplate")
            elif block.kind in _RETYPABLE and block.confidence is None:
                reason = boilerplate_reason(block.text)
                if reason is not None:
                    block = block.replace(kind="boilerplate").drop("drop_boilerplate", reason)
        out.append(block)
    return out

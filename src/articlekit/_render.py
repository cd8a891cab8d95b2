"""Plain renderings of an article: Markdown and prose text."""

from __future__ import annotations

from ._model import Article, BlockQuote, Caption, Embed, Heading, ListItem, Paragraph, ReadMore

__all__ = ["markdown", "text"]


def markdown(article: Article) -> str:
    """The article as Markdown: the headline as ``#``, quotations as ``>`` blocks,
    links as Markdown links.

    >>> import articlekit
    >>> text = 'Harbour wall breached as storm floods seafront\\nThe council said: "Stay at home."'
    >>> print(markdown(articlekit.parse(text)))
    # Harbour wall breached as storm floods seafront
    <BLANKLINE>
    > Stay at home.
    >
    > — The council said
    """
    out: list[str] = []
    if article.headline:
        out.append(f"# {article.headline.text}")
    if article.standfirst:
        out.append(f"*{article.standfirst.text}*")
    front = [part.text for part in (article.byline,) if part] + (
        [article.dateline.date or article.dateline.raw] if article.dateline else []
    )
    if front:
        out.append(" · ".join(front))
    for block in article.body:
        if isinstance(block, BlockQuote):
            lines = "\n>\n".join(f"> {p.text}" for p in block.paragraphs)
            if block.attribution:
                lines += f"\n>\n> — {block.attribution.text}"
            out.append(lines)
        elif isinstance(block, ReadMore):
            title = f"[{block.text}]({block.url})" if block.url else block.text
            out.append(f"**{block.label or 'Read more'}:** {title}")
        elif isinstance(block, Heading):
            out.append(f"## {block.text}")
        elif isinstance(block, ListItem):
            out.append(f"- {block.text}")
        elif isinstance(block, (Caption, Embed)):
            out.append(f"*{block.text}*")
        elif isinstance(block, Paragraph):
            out.append(block.text)
    return "\n\n".join(out)


def text(article: Article) -> str:
    """The headline and the prose of the article (:attr:`Article.text`)."""
    parts = [article.headline.text] if article.headline else []
    if article.text:
        parts.append(article.text)
    return "\n\n".join(parts)

"""Seeing a parse: HTML with every element coloured, Markdown, plain prose.

>>> import articlekit
>>> article = articlekit.parse('Harbour wall breached as storm floods seafront\\nThe council said: "Stay at home."')
>>> print(articlekit.render.markdown(article))
# Harbour wall breached as storm floods seafront
<BLANKLINE>
> Stay at home.
>
> — The council said
"""

from __future__ import annotations

from ._html import COLOURS, html
from ._render import markdown, text

__all__ = ["COLOURS", "html", "markdown", "text"]

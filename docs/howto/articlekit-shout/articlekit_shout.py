"""An example articlekit plugin: a cleaner that upper-cases the headline."""

import articlekit


@articlekit.cleaner("shout_headline")
def shout_headline(blocks):
    """Upper-case the headline."""
    return [b.replace(text=b.text.upper()) if b.kind == "headline" else b for b in blocks]

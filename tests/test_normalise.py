"""Lines are read normalised (no-break and other spaces as plain spaces), their spans
exact, their text as written until a cleaner changes it (and says so)."""

from __future__ import annotations

import pytest

import articlekit

TEXT = (
    "Storm hits coast\n"
    "The sea wall gave way at dawn, and the harbour flooded within the hour.\n"
    "READ\u00a0MORE: Lifeboat crew rescue two kayakers\n"
    "Water poured into the streets,\u2009the council said.\n"
)


@pytest.mark.parametrize("model", [None, "default"])
def test_a_no_break_space_does_not_change_what_a_line_is(model: str | None) -> None:
    article = articlekit.Parser(model=model).parse(TEXT)
    [link] = article.read_more
    assert (link.label, link.text) == ("READ MORE", "Lifeboat crew rescue two kayakers")
    assert link.span.of(TEXT) == "READ\u00a0MORE: Lifeboat crew rescue two kayakers"
    assert not article.headings


def test_the_cleaners_still_explain_the_spaces_they_change() -> None:
    article = articlekit.parse(TEXT)
    changes = article.trace_for("normalize_whitespace").changes
    assert [(c.before, c.after) for c in changes] == [
        ("READ\u00a0MORE: Lifeboat crew rescue two kayakers", "READ MORE: Lifeboat crew rescue two kayakers"),
        ("Water poured into the streets,\u2009the council said.", "Water poured into the streets, the council said."),
    ]

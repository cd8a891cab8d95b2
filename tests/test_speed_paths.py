"""The shortcuts taken for speed give the answers the long way gives."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from articlekit import _features, _lines, _text, parse
from articlekit._blocks import Block
from articlekit._model import Span
from articlekit._text import per_line
from articlekit._training import records_of


def test_per_line_remembers_answers_without_changing_them() -> None:
    calls: list[str] = []

    @per_line
    def shout(text: str) -> str:
        calls.append(text)
        return text.upper()

    assert [shout(t) for t in ("a b", "c", "a b")] == ["A B", "C", "A B"]
    assert calls == ["a b", "c"]  # the repeated line was answered from memory


def test_per_line_memory_is_bounded() -> None:
    seen: list[str] = []

    @per_line
    def length(text: str) -> int:
        seen.append(text)
        return len(text)

    lines = [f"line {i}" for i in range(_text._REMEMBERED_LINES + 10)]
    assert [length(t) for t in lines] == [len(t) for t in lines]
    # the cache started over once it was full: the first line is computed again
    assert length(lines[0]) == len(lines[0])
    assert seen.count(lines[0]) == 2


def test_long_lines_are_forgotten_when_the_parse_ends() -> None:
    line = "The storm hit the coast at dawn, officials said. " * 100  # over 2,000 characters
    text = f"Storm hits coast\n\n{line}\n\nThe sea wall gave way."
    article = parse(text)
    assert article.paragraphs[0].text == line.strip()
    # nothing of this parse's long line is kept alive in a cache after it
    assert all(line.strip() not in cache for cache in _text._LONG_CACHES)
    assert not any(_text._LONG_CACHES)


def test_a_long_text_remembers_every_line_during_its_parse_only() -> None:
    asked: list[str] = []

    @per_line
    def length(text: str) -> int:
        asked.append(text)
        return len(text)

    lines = [f"line {i}" for i in range(3 * _text._REMEMBERED_LINES)]
    with _text.line_scope(len(lines)):
        for _ in range(2):  # two stages ask about every line
            assert [length(t) for t in lines] == [len(t) for t in lines]
    assert len(asked) == len(lines)  # the second stage found every answer
    # after the parse, the cache is back within its bound
    assert all(len(cache) <= _text._REMEMBERED_LINES for cache in _text._SHORT_CACHES)


# --- lines that open like no link, bullet, byline, credit or source skip those patterns ---

_OPENING_PARTS = (
    "READ MORE", "Read more", "related", "By", "by", "BY", "From", "Quelle", "SOURCE", "(Reporting", "Additional",
    "reporting by", "Click here to read", "LESEN SIE AUCH", "À lire aussi", "Leer más", "Written by", "Text:", ":",
    " ", "-", "\u2022", "\u2014", "1.", "12)", "\u0663.", "\u017fee also", "Jane", "Smith's", "Storm", "hits", "|",
)  # fmt: skip


@given(st.lists(st.sampled_from(_OPENING_PARTS) | st.text(max_size=6), min_size=1, max_size=8))
def test_no_start_pattern_matches_a_line_the_opening_check_lets_pass(parts: list[str]) -> None:
    text = " ".join(parts).strip()
    patterns = (
        _lines._READ_MORE, _lines._CLICK_HERE, _lines._LONE_READ_MORE, _lines._BULLET, _lines._CREDITS,
        _lines.SOURCE, _lines._BYLINE, _lines._FROM_BYLINE,
    )  # fmt: skip
    if not _lines._opens_like_furniture(text):
        assert all(p.match(text) is None for p in patterns), text


@given(
    st.lists(st.text(min_size=1, max_size=4), min_size=1, max_size=12),
    st.lists(st.sampled_from(["Read", "READ MORE", "ß", "SS", "\u0130", "\ufb01", "By"]) | st.text(max_size=5)),
)
def test_openings_compare_a_line_with_every_start_that_shares_its_first_character(
    starts: list[str], parts: list[str]
) -> None:
    opens = _text.Openings(starts)
    text = "".join(parts)
    head = text[: opens.chars].casefold()
    assert opens.open(text) == (head.startswith(opens.starts) or _text.DOTTED_I in head)


def test_openings_need_starts() -> None:
    with pytest.raises(ValueError, match="none of them empty"):
        _text.Openings(["By", ""])


def read_link_label(text: str) -> str | None:
    link = _lines.read_link(text)
    return link[0] if link is not None else None


@pytest.mark.parametrize(
    "text",
    [
        "READ MORE: Storm hits coast",
        "Lesen Sie auch: Sturm",
        "\u00c0 LIRE AUSSI : Temp\u00eate",
        "By Jane Smith",
        "From CNN's Jane Smith",
        "(Reporting by Jane Smith; Editing by John Doe)",
        "Quelle: Bayern 2",
        "\u2022 First point",
        "3. Third point",
        "\u0663. Third point in Arabic-Indic digits",
    ],
)
def test_lines_that_open_like_furniture_are_read_as_such(text: str) -> None:
    assert _lines._opens_like_furniture(text)
    assert _lines.read_line(Block("paragraph", text, Span(0, len(text)))).kind != "paragraph"


def test_prose_skips_the_start_patterns() -> None:
    assert not _lines._opens_like_furniture("The sea wall gave way at dawn, officials said.")


def test_a_dotted_capital_i_passes_the_opening_checks() -> None:
    # U+0130 matches "i" in a caseless pattern, but case-folds to two characters
    opens = _text.Openings(["image:", "read more"])
    assert opens.open("\u0130MAGE: Getty")
    assert opens.open("READ MORE: Storm")
    assert not opens.open("Storm hits coast")
    assert read_link_label("LESEN S\u0130E AUCH: Sturm") == "LESEN S\u0130E AUCH"


def test_the_embed_shortcut_sees_links_in_capitals() -> None:
    from articlekit._furniture import is_embed

    assert is_embed("What a night PIC.TWITTER.COM/abc123")
    assert is_embed("What a night HTTPS://T.CO/abc123")
    assert not is_embed("The sea wall gave way at dawn.")


# --- caption start patterns are tried on lines that may open a caption only --------------

_CAPTION_PARTS = (
    "Image:", "Picture", "PHOTO:", "Photograph", "pic:", "Credit:", "Video:", "Foto:", "Bild:", "Imagen:",
    "File photo:", "Camera icon", "STOCK", "FILE", "HANDOUT", "Watch:", "Gallery:", "Listen:", "An", "A", "The",
    "undated", "file", "handout", "picture of", "shows", "of", "X/AFP", "Getty", "/", "Jane", "storm", " ", ":",
    "\u0130mage:", "(Photo: PA)", "(AP)", "(Jane Smith/AP)", "(AP Photo/Jane Smith)", "Getty Images", "Shutterstock",
    "/AFP", "/PA", "video", "\u2014", "\u2013", "AFP pic", "file photo", "Photo by", "Credit: Reuters", ".", "(BBC)",
)  # fmt: skip


@given(st.lists(st.sampled_from(_CAPTION_PARTS) | st.text(max_size=6), min_size=1, max_size=8))
def test_no_caption_pattern_matches_a_line_the_shortcuts_let_pass(parts: list[str]) -> None:
    from articlekit import _furniture

    text = " ".join(parts).strip()
    if not _furniture._may_open_caption(text):
        assert _furniture._CAPTION_START.match(text) is None, text
    if not _furniture._may_end_caption(text):
        assert _furniture._CAPTION_END.search(text) is None, text


@pytest.mark.parametrize(
    "text",
    [
        "Photo: Reuters",
        "PICTURE: Getty",
        "An undated picture shows the harbour",
        "A file photo of the harbour",
        "The picture shows the harbour",
        "Handout photo of the harbour",
        "Undated image of the harbour",
        "STOCK IMAGE",
        "FILE PHOTO",
        "Camera icon The harbour",
        "Watch: the harbour at dawn",
        "Gallery: storm damage",
        "Imagen: EFE",
        "Immagine: Ansa",
        "Jane Smith/AFP via Getty Images",
        "\u0130MAGE: Getty",  # a dotted capital I: case-folded, two characters
    ],
)
def test_caption_openings_are_seen(text: str) -> None:
    from articlekit import _furniture

    assert _furniture._may_open_caption(text)
    assert _furniture.is_caption(text)


@pytest.mark.parametrize(
    "text",
    [
        "The harbour at dawn (Image: Getty)",
        "The harbour at dawn. Credit: Jane Smith",
        "The harbour at dawn (AP Photo/Jane Smith)",
        "The harbour at dawn  Getty Images",
        "The harbour at dawn Jane Smith/AFP",
        "The harbour at dawn (BBC)",
        "The harbour at dawn \u2014 AFP pic",
        "WATCH THE HARBOUR AT DAWN VIDEO",
        "The harbour at dawn (Photo: Jane Smith)  ",
    ],
)
def test_caption_endings_are_seen(text: str) -> None:
    from articlekit import _furniture

    assert _furniture._may_end_caption(text)
    assert _furniture.is_caption(text)


def test_prose_skips_the_caption_patterns() -> None:
    from articlekit import _furniture

    text = "The council said the sea wall would be repaired by the end of the month"
    assert not _furniture._may_open_caption(text)
    assert not _furniture._may_end_caption(text)


# --- long furniture patterns are tried on lines their gates let pass only ------------------

_FURNITURE_PARTS = (
    "Sign up", "sign up to read", "Subscribe", "newsletter", "Newsletters", "boletín", "BOLETINES", "updates",
    "Cookies", "cookie", "©", "(c)", "Copyright", "2024", "All rights reserved", "All Rights Reserved.",
    "browser", "IE 11", "Internet Explorer", "is", "not supported", "subscription", "Membership", "free trial",
    "7 days free", "premium content", "Abonnieren", "abonnez-vous", "suscríbete", "SUSCRIBETE", "abbonati", "assine",
    "abonneer", "Already a member?", "Click here", "Download the app", "We use cookies", "Kommentare", "(3)",
    "3 comments", "12comments", "commented", "View comments", "Leave a comment", "Join the conversation",
    "Comments are closed", "Sorry, there are no recent results", "Follow us", "Follow @jane", "Folgen Sie uns",
    "Suivez-nous", "Síguenos", "seguici", "Siga-nos", "volg ons", "on Twitter", "\u0130", "\u017f", "\u212a", ".",
)  # fmt: skip


def _first_long_reason(text: str) -> str | None:
    from articlekit import _furniture

    return next((reason for reason, _, pattern in _furniture._LONG if pattern.fullmatch(text)), None)


@given(st.lists(st.sampled_from(_FURNITURE_PARTS) | st.text(max_size=6), min_size=1, max_size=8))
def test_the_furniture_gates_let_every_line_a_long_pattern_matches_pass(parts: list[str]) -> None:
    from articlekit import _furniture

    text = " ".join(parts).strip()
    assert _furniture._long_reason(text) == _first_long_reason(text), text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Sign up to our daily newsletter for the latest updates", "newsletter"),
        ("Get the best stories in our newsletter every morning, straight to your inbox", "newsletter"),
        ("This site uses cookies to improve your experience", "cookie"),
        ("\u00a9 2024 Porthcarrow Gazette. All rights reserved.", "copyright"),
        ("Copyright 2024 Porthcarrow Gazette", "copyright"),
        ("Your browser is not supported. Please upgrade.", "browser notice"),
        ("Get 30 days free with a premium content subscription", "subscription prompt"),
        ("Download the app for breaking news alerts", "prompt"),
        ("Join the conversation", "comments"),
        ("12 comments", "comments"),
        ("Follow us on Twitter and Facebook for the latest news", "follow"),
        # letters that match a pattern's letters only when case is ignored: a dotted
        # capital I (case-folds to two characters), a long s, a Kelvin sign
        ("This site uses cook\u0130es to improve your experience", "cookie"),
        ("\u017fign up to our daily newsletter", "newsletter"),
        ("\u212aommentare", "comments"),
    ],
)
def test_long_furniture_is_seen_through_its_gate(text: str, reason: str) -> None:
    from articlekit._furniture import boilerplate_reason

    assert _first_long_reason(text) == reason
    assert boilerplate_reason(text) == reason


def test_prose_is_let_go_by_every_furniture_gate() -> None:
    from articlekit import _furniture

    text = "The council said the sea wall would be repaired by the end of the month."
    assert not any(_furniture._passes(gate, text, text.casefold()) for _, gate, _ in _furniture._LONG)


# --- words of ASCII lines are found by the standard library's engine -----------------------


@given(st.text(alphabet=st.characters(max_codepoint=127)) | st.text())
def test_ascii_lines_have_the_words_the_unicode_pattern_finds(text: str) -> None:
    assert _text.words(text) == tuple(_text._WORDS.findall(text))
    assert tuple(_text.iter_words(text)) == _text.words(text)
    assert _text.word_count(text) == len(_text._WORDS.findall(text))


def test_words_of_ascii_and_unicode_lines() -> None:
    assert _text.words("Don't shout, well-known U.S. 10:30") == ("Don't", "shout", "well-known", "U", "S", "10", "30")
    assert _text.words("Donnelly\u2019s caf\u00e9 \u0928\u092e\u0938\u094d\u0924\u0947") == (
        "Donnelly\u2019s",
        "caf\u00e9",
        "\u0928\u092e\u0938\u094d\u0924\u0947",  # the vowel signs are marks, part of the word
    )


@pytest.mark.parametrize(
    ("text", "stamp"),
    [
        ("Published: 18 May 2021, 10:32", True),
        ("18th May 2021 at 10h32", True),
        ("Updated 3 hours ago", True),
        ("\u0661\u0668 May 2021", True),  # Arabic-Indic digits are numbers too
        ("The council met on 18 May 2021 to discuss the wall", False),
        ("Storm hits coast", False),
    ],
)
def test_stamps_are_read_word_by_word(text: str, stamp: bool) -> None:
    assert _lines._is_stamp(text) is stamp


# --- a line with no opening quotation mark skips the lead-in search ------------------------

_QUOTE_PARTS = ("They said:", "said,", '"We', "\u201cWe", "\u00ab Nous", "\u201eWir", "'We", "`We", ",", ":", " ", "ok")


@given(st.lists(st.sampled_from(_QUOTE_PARTS) | st.text(max_size=6), min_size=1, max_size=8))
def test_no_lead_in_is_found_in_a_line_the_quote_shortcut_lets_go(parts: list[str]) -> None:
    from articlekit import _quotes

    text = " ".join(parts).strip()
    if not _quotes._holds_opener(text):
        assert _quotes._LEAD_IN.search(text) is None, text


def test_a_lead_in_is_read_past_the_shortcut() -> None:
    from articlekit._quotes import read_quote

    reading = read_quote('The mayor said: "We will rebuild the wall.')
    assert reading is not None and reading.lead_in == (0, 14) and reading.open_at_end
    assert read_quote("The mayor said the town would rebuild the wall.") is None


# --- embeds and bare gallery links: the patterns run on lines their shortcuts let pass ----

_EMBED_PARTS = (
    "pic.twitter.com/abc", "PIC.TWITTER.COM/abc", "https://t.co/abc", "HTTPS://T.CO/x", "A post shared by",
    "a po\u017ft \u017fhared by", "View this post on Instagram", "\u2014", "\u2013", "-", "Jane (@jane)",
    "May 15, 2021", "36 Pictures", "12 photos", "3 VIDEOS", "images", "\n", "s", "Red carpet looks", "\u0130", " ",
)  # fmt: skip


@given(st.lists(st.sampled_from(_EMBED_PARTS) | st.text(max_size=6), min_size=1, max_size=8))
def test_no_embed_or_gallery_pattern_matches_a_line_the_shortcuts_let_go(parts: list[str]) -> None:
    from articlekit import _furniture

    text = "".join(parts) if len(parts) % 2 else " ".join(parts)
    if _furniture._EMBED.search(text) is not None:
        assert _furniture.is_embed(text), text
    if _lines._BARE_READ_MORE.search(text, max(0, len(text) - 40)) is not None:
        assert _lines._ends_with_s(text), text


@pytest.mark.parametrize(
    "text",
    ["What a night pic.twitter.com/abc123", "A post shared by Jane (@jane)", "VIEW THIS POST ON INSTAGRAM"],
)
def test_embeds_are_seen_through_their_shortcut(text: str) -> None:
    from articlekit._furniture import is_embed

    assert is_embed(text)


def test_gallery_links_are_seen_through_their_shortcut() -> None:
    assert _lines.read_link("Red carpet looks36 Pictures") == (None, "Red carpet looks36 Pictures", None)
    assert _lines.read_link("Red carpet looks 36 PHOTOS") == (None, "Red carpet looks 36 PHOTOS", None)
    assert _lines.read_link("The red carpet looked grand") is None


# --- the stamp and byline checks count words only when they must ---------------------------


def _stamp_the_long_way(text: str, lenient: bool) -> bool:
    from articlekit import _dates

    tokens = _text.words(text)
    if len(text) > 120 or not 0 < len(tokens) <= 18:
        return False
    allowed = 3 if lenient and len(tokens) <= 12 else 1
    numbers = [w for w in tokens if w.lower() not in _lines._STAMP_VOCAB and _lines._DIGITISH.fullmatch(w.lower())]
    other = sum(1 for w in tokens if w.lower() not in _lines._STAMP_VOCAB) - len(numbers)
    if other > allowed:
        return False
    if other > 1:
        date = _dates.fast_date(text)
        return date is not None and len(date) >= 10
    if numbers:
        return _dates.fast_date(text) is not None or _dates.is_relative(text) or other == 0
    return other == 0 and any(w.lower() in ("published", "updated", "ago") for w in tokens)


def _byline_the_long_way(text: str) -> bool:
    opens = _lines._opens_like_furniture(text)
    if opens and _lines._CREDITS.match(text) and len(text) <= 300:
        return True
    if len(text) > 200 or _text.is_prose(text):
        return False
    if opens and _lines.SOURCE.match(text) and len(text) <= 160:
        return True
    n = len(_text.words(text))
    if opens and (_lines._BYLINE.match(text) or _lines._FROM_BYLINE.match(text)):
        return n <= 20 and (not _text.SENTENCE_END.search(text) or n <= 8)
    end = _text.SENTENCE_END.search(text)
    return _lines._ROLE.search(text) is not None and n <= 10 and not end


_META_PARTS = (
    "Published:", "Updated", "18", "May", "2021", "10:32", "BST", "Tue,", "at", "3 hours ago", "The", "Washington",
    "Times", "-", "Thursday,", "April", "25,", "2024", "By", "Jane", "Smith,", "Political", "Editor", "From", "CNN's",
    "Quelle:", "Bayern", "said", "storm", ".", ",", "(Reporting by Jane Smith)",
)  # fmt: skip


@given(st.lists(st.sampled_from(_META_PARTS) | st.text(max_size=6), min_size=1, max_size=22), st.booleans())
# a digit of Unicode 16 (Ol Onal one), which the regex module knows and Python 3.11's own
# tables do not: the quick tests for a number once let it go where the long way kept it
@example(["\U0001e5f1"], False)
@example(["Published", "\U0001e5f1\U0001e5f2"], True)
def test_stamp_and_byline_checks_give_the_answers_of_the_long_way(parts: list[str], lenient: bool) -> None:
    text = " ".join(parts).strip()
    assert _lines._is_stamp(text, lenient) == _stamp_the_long_way(text, lenient), text
    assert _lines._is_byline(text, _lines._opens_like_furniture(text)) == _byline_the_long_way(text), text


@pytest.mark.parametrize(
    ("text", "lenient", "stamp"),
    [
        ("The Washington Times - Thursday, April 25, 2024", True, True),  # near the top: three other words
        ("The Washington Times - Thursday, April 25, 2024", False, False),
        ("Porthcarrow Gazette Online - Thursday, April 25, 2024", True, True),  # three
        ("Porthcarrow Gazette Online - Thursday, April 25, 2024", False, False),
        ("Storm hits the Washington coast - Thursday, April 25, 2024", True, False),  # four other words
        ("Published 18 May 2021 BST " + "at 10h32 " * 7, False, False),  # nineteen words
        ("Published 18 May 2021 " + "at 10h32 " * 7, False, True),  # eighteen
    ],
)
def test_stamps_near_the_top_may_hold_a_few_more_words(text: str, lenient: bool, stamp: bool) -> None:
    assert _lines._is_stamp(text.strip(), lenient) is stamp
    assert _stamp_the_long_way(text.strip(), lenient) is stamp


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("Jane Smith, Senior Political Editor", True),
        ("Jane Ann Mary Lou Sue Smith Jones, Senior Political Editor", True),  # ten words
        ("Jane Ann Mary Lou Sue Smith Jones Brown, Senior Political Editor", False),  # eleven
        ("Jane Smith, Senior Political Editor.", False),  # a sentence
    ],
)
def test_a_role_makes_a_short_line_a_byline(text: str, byline: bool) -> None:
    assert _lines._is_byline(text, _lines._opens_like_furniture(text)) is byline
    assert _byline_the_long_way(text) is byline


def test_stamp_and_byline_checks_agree_with_the_long_way_on_the_example() -> None:
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "examples" / "porthcarrow-storm.txt"
    for line in example.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        for lenient in (False, True):
            assert _lines._is_stamp(line, lenient) == _stamp_the_long_way(line, lenient), line
        assert _lines._is_byline(line, _lines._opens_like_furniture(line)) == _byline_the_long_way(line), line


@given(
    st.lists(
        st.sampled_from(["Advertisement", "Share", "a", '"a', "READ MORE: Storm hits coast", "The sea wall gave way."]),
        min_size=1,
        max_size=30,
    )
)
def test_the_features_of_repeated_short_lines_are_those_read_anew(lines: list[str]) -> None:
    records = records_of("\n".join(lines))
    with _text.line_scope(len(records)):
        remembered = _features.article_features(records)
        kept = _features._SHORT_LINE
        _features._SHORT_LINE = -1  # no line short enough to be remembered
        try:
            anew = _features.article_features(records)
        finally:
            _features._SHORT_LINE = kept
    assert remembered == anew

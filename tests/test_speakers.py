"""Who a quotation names as its speaker, read from the words after it or from the clauses
of a line of dialogue (sentences as the labelled corpus has them)."""

from __future__ import annotations

import time

import pytest

from articlekit._quotes import read_quote, read_unmarked_speech
from articlekit._speakers import speaker_after, speaker_in_clauses

VERBS = frozenset({"said", "says", "told", "säger", "sier", "kazao", "написав", "understreket", "fortelle"})


def _attribution_of(line: str) -> str | None:
    reading = read_quote(line)
    assert reading is not None
    return line[slice(*reading.attribution)] if reading.attribution else None


@pytest.mark.parametrize(
    ("line", "attribution"),
    [
        pytest.param(
            '"This past week has been difficult," B.C. Emergency Management Minister Bowinn Ma said'
            " in a news conference Wednesday.",
            "B.C. Emergency Management Minister Bowinn Ma said",
            id="initials-in-the-title",
        ),
        pytest.param(
            '"Make your appointments now," John Essig, the Transportation Security Administration\'s'
            " federal security director for New York City-area airports, said.",
            "John Essig, the Transportation Security Administration's federal security director"
            " for New York City-area airports, said",
            id="sixteen-words-before-the-verb",
        ),
        pytest.param(
            "“I just don’t think there is a candidate,” Rep. Kat Cammack (R-Fla.) said.",
            "Rep. Kat Cammack (R-Fla.) said",
            id="title-and-party",
        ),
        pytest.param(
            '"I\'ve never experienced anything like this," said Ferry, a law student at the University'
            " of Minnesota School of Law.",
            "said Ferry, a law student at the University of Minnesota School of Law",
            id="verb-first-with-who-they-are",
        ),
        pytest.param(
            '"The wall gave way," said Mr. Jones. "We will rebuild it."',
            "said Mr. Jones",
            id="title-with-full-stop-ends-the-attribution",
        ),
        pytest.param(
            '"We are here," he said, "and we are staying."',
            "he said",
            id="speech-resumes-after-the-attribution",
        ),
        pytest.param(
            "“Vaccines don’t cause autism…they save lives.” — Karen Hovav, MD, Center City Pediatrics",
            "Karen Hovav",
            id="dash-and-name",
        ),
        pytest.param(
            '"Російський удар по Херсону", – написав глава держави.',
            "написав глава держави",
            id="dash-and-verb",
        ),
        pytest.param('"I\'m very disappointed." Poor David Moyes, who came out to face the media.', None, id="no-verb"),
        # a Turkish capital I with a dot case-folds to "i" and a combining dot: "DEDİ" is
        # looked up as "dedi", as the lexicon writes it
        pytest.param('"Çok mutluyuz," DEDİ Bakan Yılmaz.', "DEDİ Bakan Yılmaz", id="turkish-capitals-verb-first"),
        pytest.param('"Çok mutluyuz," dedi Bakan Yılmaz.', "dedi Bakan Yılmaz", id="turkish-verb-first"),
        pytest.param('"Hazırız," Bakan Yılmaz İFADE ETTİ.', "Bakan Yılmaz İFADE ETTİ", id="turkish-capitals-two-words"),
    ],
)
def test_the_speaker_after_a_quotation(line: str, attribution: str | None) -> None:
    assert _attribution_of(line) == attribution


@pytest.mark.parametrize(
    ("line", "attribution"),
    [
        pytest.param(
            "– Allmänheten hade känt igen mannen och vi körde dit, säger Towe Hägg,"
            " pressinformatör på polisen i Stockholm.",
            "säger Towe Hägg, pressinformatör på polisen i Stockholm",
            id="swedish-verb-first",
        ),
        pytest.param(
            "- Mange politibiler rykker mot flyplassen, kunne reporter Farid Ighoubah fortelle i 20-tiden,"
            " og legger til at han kunne telle sju.",
            "kunne reporter Farid Ighoubah fortelle",
            id="norwegian-verb-fifth",
        ),
        pytest.param(
            "– Vi gick in och hämtade honom, det gick lugnt till, säger inspektören till Aftonbladet.",
            "säger inspektören till Aftonbladet",
            id="the-verb-is-in-its-own-clause",
        ),
        pytest.param(
            "- Napad se desio u 6.45 ujutru. Za drugim napadačem se intenzivno traga - kazao je ministar Vulin.",
            "kazao je ministar Vulin",
            id="serbian-after-a-spaced-hyphen",
        ),
        pytest.param("– Vi fick ett larm, och vi åkte dit.", None, id="no-verb"),
    ],
)
def test_the_speaker_of_a_line_of_dialogue(line: str, attribution: str | None) -> None:
    reading = read_unmarked_speech(line, VERBS)
    assert reading.starts
    assert (line[slice(*reading.attribution)] if reading.attribution else None) == attribution


def test_a_sentence_is_read_to_its_end_not_past_it() -> None:
    text = '"It was fine," said Ms Lee. Then the council met for an hour, and it said nothing new.'
    found = speaker_after(text, text.index('," ') + 2, VERBS)
    assert found is not None
    assert text[slice(*found)] == "said Ms Lee"


def test_the_verb_must_stand_among_the_first_words() -> None:
    before = " ".join(["word"] * 25)
    text = f'"Yes," {before} said.'
    assert speaker_after(text, text.index('," ') + 2, VERBS) is None
    assert speaker_after(f'"Yes," {" ".join(["word"] * 15)} said.', 6, VERBS) is not None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("– Vi, " + "sa, " * 200_000, id="commas"),
        pytest.param("– Vi, " + "word " * 200_000, id="one-long-clause"),
        pytest.param("– Vi, " + "B.C. " * 200_000, id="initials"),
    ],
)
def test_reading_stays_linear(text: str) -> None:
    def seconds(t: str) -> float:
        start = time.perf_counter()
        speaker_in_clauses(t, 2, VERBS)
        return time.perf_counter() - start

    quarter = min(seconds(text[: len(text) // 4]) for _ in range(2))
    whole = min(seconds(text) for _ in range(2))
    assert whole <= 8 * max(quarter, 0.01)


@pytest.mark.parametrize(
    ("line", "speech"),
    [
        pytest.param(
            "“It’s always sweet. You never wanna do overtime in that ring,” he told Queensberry. "
            '"After the last 12 rounds we shared together, I know how I felt the next day.',
            "It’s always sweet. You never wanna do overtime in that ring. After the last 12 rounds we shared "
            "together, I know how I felt the next day.",
            id="resumed-after-a-sentence-with-the-attribution",
        ),
        pytest.param(
            '"It is over," he said of the "Iron Lady" on Friday.',
            "It is over",
            id="a-quoted-name-later-is-not-more-speech",
        ),
    ],
)
def test_the_speech_goes_on_after_the_attribution(line: str, speech: str) -> None:
    reading = read_quote(line)
    assert reading is not None
    assert reading.speech == speech

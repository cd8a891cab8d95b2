"""Reading dates: the fast path (``fast_date``) and ``parse_date`` with its dateparser fallback."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import articlekit
from articlekit import _dates
from articlekit._dates import fast_date, is_relative, parse_date

SRC = Path(__file__).resolve().parent.parent / "src"

# (text, the ISO date it gives) — every one of these is read by the fast path
FAST_FORMS = [
    ("2021-05-18", "2021-05-18"),
    ("date 2021-05-18", "2021-05-18"),
    ("date 2020-12", "2020-12"),
    ("18 May 2021", "2021-05-18"),
    ("May 18, 2021", "2021-05-18"),
    ("Tuesday, 18th May 2021", "2021-05-18"),
    ("18th of May 2021", "2021-05-18"),
    ("Tue 18 May 2021 10.32 BST", "2021-05-18T10:32:00+01:00"),
    ("Published: 10:32, Tue, May 18, 2021", "2021-05-18T10:32:00"),
    ("3 April 2023, 10:56", "2023-04-03T10:56:00"),
    # the numeric forms that sent dateparser through every locale it knows
    ("UPDATED: 4/12/22 7:00 a.m.", "2022-04-12T07:00:00"),
    ("12.04.2022 - 15:45", "2022-04-12T15:45:00"),
    ("2022/04/12", "2022-04-12"),
    # a year and a clock joined by a hyphen is not a year and a month
    ("Updated Friday, April 5, 2024-17:06", "2024-04-05T17:06:00"),
    ("April 12, 2022 at 7:00AM ET", "2022-04-12T07:00:00"),
    ("12/04/22", "2022-04-12"),
    ("Jun 30, 2023, 9:33 PM", "2023-06-30T21:33:00"),
    ("Jun 30, 2023, 12:05 AM", "2023-06-30T00:05:00"),
    ("18 May 2021 at 3pm", "2021-05-18T15:00:00"),
    ("18 May 2021 10:32 GMT", "2021-05-18T10:32:00+00:00"),
    ("18. Mai 2021", "2021-05-18"),
    ("18 mai 2021", "2021-05-18"),
    ("1er mai 2021", "2021-05-01"),
    ("18 de mayo de 2021", "2021-05-18"),
    ("22.07.2021 16:00 Uhr", "2021-07-22T16:00:00"),
    ("22.07.2021 16:00 Uhr MESZ", "2021-07-22T16:00:00+02:00"),
    ("Updated 2021-05-18T10:32:00Z", "2021-05-18T10:32:00+00:00"),
    ("2021-05-18T10:32:00+0100", "2021-05-18T10:32:00+01:00"),
    ("2021-05-18 10:32", "2021-05-18T10:32:00"),
    ("February 2021", "2021-02"),
    ("29 February 2020", "2020-02-29"),
    # an ordinal day and a comma; a two-digit year where the stamp ends or its time follows
    ("تاريخ النشر: 11th, September 2025 GMT", "2025-09-11"),
    ("- 25 Jan 24", "2024-01-25"),
    ("25 Jan 24 10:32", "2024-01-25T10:32:00"),
    ("25 Jan 24 | News", "2024-01-25"),
    # day, month name and year joined by hyphens, as a press clipping's stamp writes them
    ("The Australian – Page: 4 : 6-Jan-21", "2021-01-06"),
    ("06-Jan-2021 10:30", "2021-01-06T10:30:00"),
    # a year of the Buddhist era, as Thai sources number them, is the common era's less 543
    ("17/02/2565", "2022-02-17"),
    ("2565/02/17", "2022-02-17"),
    # the update first, the publication after: the article's date is the publication's
    ("Uppdaterad 2016-06-02 | Publicerad 2016-06-01", "2016-06-01"),
    ("Updated 5 May 2021, published 4 May 2021 10:00", "2021-05-04T10:00:00"),
    ("Published 2020-01-01 Updated 2020-02-02", "2020-01-01"),
    ("Aktualisiert am 12.04.2022", "2022-04-12"),
]


@pytest.mark.parametrize(("text", "expected"), FAST_FORMS)
def test_fast_date_reads_common_forms(text: str, expected: str) -> None:
    assert fast_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), FAST_FORMS)
def test_parse_date_agrees_with_fast_path(text: str, expected: str) -> None:
    assert parse_date(text) == expected


def test_parse_date_is_exported() -> None:
    assert articlekit.parse_date is parse_date
    assert articlekit.parse_date("18 May 2021") == "2021-05-18"


def test_published_stamp_starts_with_date_and_time() -> None:
    date = parse_date("Published: 10:32, Tue, May 18, 2021")
    assert date is not None
    assert date.startswith("2021-05-18T10:32")


@pytest.mark.parametrize("text", ["2021-13-01", "2021-02-29", "2021-00-10", "Jun 31, 2023", "31.02.2021"])
def test_fast_path_gives_no_date_for_invalid_dates(text: str) -> None:
    assert fast_date(text) is None


@pytest.mark.parametrize("text", ["31 February 2021", "29 February 2021", "31 April 2023"])
def test_fast_path_gives_no_date_for_invalid_day_month_year(text: str) -> None:
    assert fast_date(text) is None


def test_parse_date_gives_no_date_for_invalid_iso_month() -> None:
    assert parse_date("2021-13-01") is None


@pytest.mark.parametrize("text", ["2 hours ago", "48 min ago", "Updated 3 hours ago", "2 days ago", "yesterday"])
def test_relative_dates_give_none(text: str) -> None:
    assert is_relative(text)
    assert fast_date(text) is None
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\n\t", "The council met to discuss the sea wall.", "Storm hits coast", "Mayday 2021"],
)
def test_text_without_a_date_gives_none(text: str) -> None:
    assert parse_date(text) is None


def test_out_of_range_times_keep_the_date_only() -> None:
    assert fast_date("18 May 2021 25:00") == "2021-05-18"
    assert fast_date("18 May 2021 13:00 pm") == "2021-05-18"


@pytest.mark.parametrize("text", ["18 May", "May 18", "le 18 mai", "Tuesday 18 May"])
def test_date_without_year_gives_none(text: str) -> None:
    assert parse_date(text) is None


# --- the dateparser fallback -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "languages", "expected"),
    [
        ("18 мая 2021", None, "2021-05-18"),
        ("2021年5月18日", None, "2021-05-18"),
        # Thai month and a year of the Buddhist era (2565 is 2022)
        ("17 ก.พ. 2565", None, "2022-02-17"),
        ("18 мая 2021", ["ru"], "2021-05-18"),
        # the stamp read apart from the views and comments printed after it
        ("09 октомври 2017, 09:35 часа 2467 прочитания 0 коментара", None, "2017-10-09"),
    ],
)
def test_dateparser_reads_what_the_fast_path_cannot(text: str, languages: list[str] | None, expected: str) -> None:
    assert fast_date(text) is None
    assert parse_date(text, languages) == expected


def test_fallback_only_when_fast_path_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, object]] = []

    def spy(text: str, languages: object) -> str | None:
        calls.append((text, languages))
        return "1999-01-01"

    monkeypatch.setattr(_dates, "_slow_date", spy)
    assert parse_date("18 May 2021") == "2021-05-18"
    assert parse_date("2 hours ago") is None
    assert parse_date("no digits here") is None
    assert calls == []
    assert parse_date("  18 maja 2021 ", ["fr", "de"]) == "1999-01-01"
    assert calls == [("18 maja 2021", ("de", "fr"))]  # (sorted: one cache entry whatever the order)


def _run_fresh(code: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_fast_path_does_not_import_dateparser() -> None:
    result = _run_fresh(
        f"""
        import sys
        import articlekit
        assert articlekit.__file__.startswith({str(SRC)!r}), articlekit.__file__
        article = articlekit.parse(" date 2021-05-18 Headline here\\n\\nBody text.")
        assert article.dateline.date == "2021-05-18", article.dateline
        assert "dateparser" not in sys.modules, "parse() imported dateparser"
        assert articlekit.parse_date("18 May 2021") == "2021-05-18"
        assert "dateparser" not in sys.modules, "parse_date('18 May 2021') imported dateparser"
        # the control: a form only dateparser reads does import it
        assert articlekit.parse_date("18 мая 2021") == "2021-05-18"
        assert "dateparser" in sys.modules
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_import_does_not_import_dateparser() -> None:
    result = _run_fresh(
        f"""
        import sys
        import articlekit
        assert articlekit.__file__.startswith({str(SRC)!r}), articlekit.__file__
        print("dateparser" in sys.modules)
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_french_hour_mark_gives_the_time() -> None:
    assert fast_date("Publié le 02/11/2023 à 08h15") == "2023-11-02T08:15:00"
    assert fast_date("Mis à jour le 2 novembre 2023 à 10h40") == "2023-11-02T10:40:00"


def test_a_two_digit_number_after_a_day_and_month_is_no_year_within_a_sentence() -> None:
    assert fast_date("On 5 May 12 people were hurt") is None
    assert fast_date("On 5 May 12, the council met") is None


def test_an_update_without_a_published_date_gives_the_update() -> None:
    assert fast_date("Updated 2 June 2016 | Published yesterday") == "2016-06-02"


def test_a_two_digit_year_needs_slashes() -> None:
    # 1.2.33 is a version number as often as a date
    assert fast_date("version 1.2.33") is None
    assert fast_date("Updated 1/2/33") == "2033-02-01"


@pytest.mark.parametrize(
    ("text", "given", "tried"),
    [
        ("Donnerstag, 2021", None, ("de",)),  # the languages of its month and weekday names
        ("jeudi 2021", None, ("fr",)),
        ("2021年6月3日 14時", None, ("ja", "zh")),  # no lexicon knows them: the script's
        ("Опубликовано 2021", None, ("bg", "ru", "sr", "uk")),
        ("Posted 2021 at noon", None, ("en",)),  # numbers alone read the same everywhere
        ("Donnerstag 2021", ["no", "de"], ("de", "nb")),  # the languages given, in dateparser's codes
    ],
)
def test_dateparser_is_told_which_languages_to_try(
    monkeypatch: pytest.MonkeyPatch, text: str, given: list[str] | None, tried: tuple[str, ...]
) -> None:
    seen: list[tuple[str, ...] | None] = []

    def record(text: str, languages: tuple[str, ...] | None) -> None:
        seen.append(languages)

    monkeypatch.setattr(_dates, "_slow_date", record)
    parse_date(text, given)
    assert seen == [tried]


def test_a_long_text_is_not_given_to_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(text: str, languages: tuple[str, ...] | None) -> None:
        raise AssertionError("dateparser was asked")

    monkeypatch.setattr(_dates, "_slow_date", fail)
    assert parse_date("Posted in 2021 " + "and more words " * 10) is None


def test_the_slowest_corpus_text_dates_without_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "train" / "to-008.txt"
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is absent)")
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()

    def fail(text: str, languages: tuple[str, ...] | None) -> None:
        raise AssertionError(f"dateparser was asked to read {text!r}")

    monkeypatch.setattr(_dates, "_slow_date", fail)
    article = articlekit.parse(text)
    assert article.dateline is not None and article.dateline.date == "2022-04-12T07:00:00"

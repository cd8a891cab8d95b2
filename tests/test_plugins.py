"""Cleaners from other packages, found through the ``articlekit.cleaners`` entry points.

``tests/plugin_pkg`` holds a plugin laid out as it would be once installed: the module
``articlekit_shout_plugin`` and its ``articlekit_shout_plugin-0.1.dist-info`` directory,
whose ``entry_points.txt`` registers ``shout_headline`` (and a few broken entries).
:mod:`importlib.metadata` finds distributions in every directory on ``sys.path``, so
putting the directory on the path "installs" the plugin for one test.
"""

# `Pipeline + [...]` is the API under test: RUF005's unpacking would build a list instead.
# ruff: noqa: RUF005

from __future__ import annotations

import sys
from importlib.metadata import distribution

import pytest

import articlekit
from articlekit.errors import ArticlekitError, ConfigurationError, PluginError, UnknownCleanerError
from tests.conftest import PLUGIN_DIR, forget_plugin
from tests.invariants import check_article

SCRAPE = (
    "Harbour wall breached as storm floods seafront\n"
    "Harbour wall breached as storm floods seafront\n"
    "By Jane Smith, Coastal Correspondent\n"
    "Advertisement\n"
    "The sea wall at Porthcarrow gave way at dawn on Saturday, and the harbour flooded within the hour.\n"
    "(Image: Getty)\n"
    "Share this article\n"
    "Coastguard teams worked through the night to fill sandbags along the promenade.\n"
    "Sign up to our newsletter\n"
    "The council said it would meet on Monday to discuss repairs to the wall.\n"
)
HEADLINE = "Harbour wall breached as storm floods seafront"


def test_the_dist_info_is_a_distribution_importlib_metadata_finds(plugin_installed: None) -> None:
    dist = distribution("articlekit-shout-plugin")
    assert dist.version == "0.1"
    names = {point.name for point in dist.entry_points if point.group == articlekit.cleaners.ENTRY_POINT_GROUP}
    assert names == {"shout_headline", "broken", "plain", "misnamed"}


def test_a_registered_cleaner_is_available_by_name(plugin_installed: None) -> None:
    available = articlekit.cleaners.available()
    assert "shout_headline" in available
    assert "drop_boilerplate" in available  # the built-in ones are still there
    assert list(available) == sorted(available)
    shout = articlekit.cleaners.get("shout_headline")
    assert shout.name == "shout_headline"
    assert isinstance(shout, articlekit.Cleaner)
    assert articlekit.cleaners.get("shout_headline") is shout  # loaded once


def test_a_plugin_cleaner_runs_in_a_parser_and_is_traced(plugin_installed: None) -> None:
    parser = articlekit.Parser(cleaners=articlekit.cleaners.DEFAULT + ["shout_headline"])
    assert parser.cleaners.names[-1] == "shout_headline"
    article = parser.parse(SCRAPE)

    assert article.headline is not None
    assert article.headline.text == HEADLINE.upper()
    assert article.headline.span.of(SCRAPE) == HEADLINE  # the span still points at the original
    trace = article.trace_for("shout_headline")
    assert trace.cleaner == "shout_headline"
    assert trace.changed == 1
    assert (trace.dropped, trace.retyped, trace.merged) == (0, 0, 0)
    (change,) = trace.changes
    assert change.action == "changed"
    assert (change.before, change.after) == (HEADLINE, HEADLINE.upper())
    assert change.span == article.headline.span
    # the default cleaners did their work around it: the repeated headline and the furniture are gone
    assert [(r.text, r.cleaner) for r in article.removed] == [
        (HEADLINE, "drop_repeated_headline"),
        ("Advertisement", "drop_boilerplate"),
        ("Share this article", "drop_boilerplate"),
        ("Sign up to our newsletter", "drop_boilerplate"),
    ]
    assert [t.cleaner for t in article.trace] == [*articlekit.cleaners.DEFAULT.names, "shout_headline"]
    check_article(SCRAPE, article)


def test_a_plugin_cleaner_can_be_named_in_a_list_of_names(plugin_installed: None) -> None:
    article = articlekit.Parser(cleaners=["drop_boilerplate", "shout_headline"]).parse(SCRAPE)
    assert article.headline is not None and article.headline.text == HEADLINE.upper()
    # without drop_repeated_headline the second headline line is not dropped as a repeat
    assert "drop_repeated_headline" not in {r.cleaner for r in article.removed}


def test_an_entry_point_that_does_not_load_is_a_plugin_error(plugin_installed: None) -> None:
    with pytest.raises(PluginError, match=r"'broken' from articlekit-shout-plugin failed to load") as info:
        articlekit.cleaners.get("broken")
    assert "AttributeError" in str(info.value)
    assert "does_not_exist" in str(info.value)
    assert isinstance(info.value, ArticlekitError)
    # a pipeline naming it fails the same way, when it is built
    with pytest.raises(PluginError, match="articlekit-shout-plugin"):
        articlekit.Parser(cleaners=["broken"])


def test_an_entry_point_to_a_plain_function_says_to_decorate_it(plugin_installed: None) -> None:
    with pytest.raises(PluginError, match=r"'plain' of articlekit-shout-plugin is a plain function") as info:
        articlekit.cleaners.get("plain")
    assert "@articlekit.cleaner('plain')" in str(info.value)


def test_an_entry_point_whose_cleaner_has_another_name_is_refused(plugin_installed: None) -> None:
    with pytest.raises(
        PluginError, match="'misnamed' of articlekit-shout-plugin names a cleaner called 'whisper_headline'"
    ):
        articlekit.cleaners.get("misnamed")


def test_an_unknown_name_lists_the_known_ones(plugin_installed: None) -> None:
    with pytest.raises(UnknownCleanerError) as info:
        articlekit.cleaners.get("nope")
    error = info.value
    assert isinstance(error, KeyError)
    assert isinstance(error, ConfigurationError)
    assert error.name == "nope"
    assert error.known == articlekit.cleaners.available()
    assert "shout_headline" in error.known and "drop_boilerplate" in error.known
    message = str(error)
    assert message.startswith("no cleaner named 'nope'; known: ")
    assert "shout_headline" in message and "normalize_unicode" in message


def test_the_plugin_is_gone_once_its_directory_leaves_the_path(monkeypatch: pytest.MonkeyPatch) -> None:
    forget_plugin()
    try:
        monkeypatch.syspath_prepend(str(PLUGIN_DIR))
        articlekit.cleaners.refresh()
        assert "shout_headline" in articlekit.cleaners.available()
        monkeypatch.undo()
        # still cached until refresh() ...
        assert "shout_headline" in articlekit.cleaners.available()
        articlekit.cleaners.refresh()
        # ... and gone after it
        assert "shout_headline" not in articlekit.cleaners.available()
        with pytest.raises(UnknownCleanerError):
            articlekit.cleaners.get("shout_headline")
    finally:
        monkeypatch.undo()
        forget_plugin()


def test_without_the_plugin_only_built_in_cleaners_are_available() -> None:
    # what every other test sees: the plugin directory is not on the path
    assert str(PLUGIN_DIR) not in sys.path
    assert "shout_headline" not in articlekit.cleaners.available()
    with pytest.raises(UnknownCleanerError):
        articlekit.Parser(cleaners=["shout_headline"])

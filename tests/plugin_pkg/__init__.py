"""A tiny installed-looking plugin distribution for tests/test_plugins.py.

This directory is put on ``sys.path`` by the plugin tests only: it holds the module
``articlekit_shout_plugin`` and its hand-written ``.dist-info`` (METADATA and
entry_points.txt), which :mod:`importlib.metadata` finds like any installed
distribution's. The ``__init__.py`` makes pytest import the module as
``tests.plugin_pkg.articlekit_shout_plugin`` when it collects doctests, so collecting
it never puts this directory on ``sys.path`` for the other tests.
"""

"""Sphinx configuration for the articlekit documentation."""

from __future__ import annotations

import inspect
import os
import sys
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _distribution_version
from pathlib import Path

# The repository root (this file lives in <root>/docs/). Put the source tree first on
# the path so that autodoc documents this checkout even when it is not installed.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
# ... and for the Python processes the doctests start (the command-line examples).
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))

# -- Project information -----------------------------------------------------------------

project = "articlekit"
author = "The articlekit developers"
copyright = "The articlekit developers"  # noqa: A001

try:
    release = _distribution_version("articlekit")
except PackageNotFoundError:  # a source tree that was never installed
    import articlekit

    release = articlekit.__version__
version = ".".join(release.split(".")[:2])

# -- General configuration ---------------------------------------------------------------

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
]

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
nitpicky = False

# -- autodoc -----------------------------------------------------------------------------

autodoc_typehints = "description"
autodoc_member_order = "bysource"

# napoleon reads the first line of an attribute or property docstring as
# "type: description", so ``"The prose of the article: the standfirst, ..."`` would be
# shown as a type "The prose of the article". Our docstrings never give a type that way
# (the annotations do), so hand napoleon an empty type before the first colon: one
# ": " for each of its passes (NumPy style, then Google style), each of which takes one.


def _no_inline_attribute_type(app, what, name, obj, options, lines):
    if what not in {"attribute", "data", "property"}:
        return
    passes = int(app.config.napoleon_numpy_docstring) + int(app.config.napoleon_google_docstring)
    for i, line in enumerate(lines):
        if line.strip():
            lines[i] = ": " * passes + line
            break


# A typing.Protocol has no constructor worth showing: autodoc would print
# ``Cleaner(*args, **kwargs)``.


def _no_protocol_signature(app, what, name, obj, options, signature, return_annotation):
    if what == "class" and getattr(obj, "_is_protocol", False):
        return "", return_annotation
    return None


# A built-in cleaner is a FunctionCleaner instance, not a function: autodoc would show
# the FunctionCleaner class's docstring for it. Show what the cleaner does instead (the
# decorated function's docstring, kept in ``doc``), without its examples: the Cleaners
# page shows each cleaner at work on a real parse.


def _function_cleaner_doc(app, what, name, obj, options, lines):
    from articlekit.cleaners import FunctionCleaner

    if not isinstance(obj, FunctionCleaner):
        return
    description = []
    for line in inspect.cleandoc(obj.doc).splitlines():
        if line.lstrip().startswith(">>>"):
            break
        description.append(line)
    while description and not description[-1].strip():
        description.pop()
    lines[:] = [*description, ""]


# The how-to "See how a text was read" links to the page `articlekit show` makes of the
# shipped example; it is made from this checkout at every HTML build.

EXAMPLE_PAGE = "_static/porthcarrow-storm.html"


def _write_example_page(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    import articlekit
    from articlekit.render import html

    text = (ROOT / "examples" / "porthcarrow-storm.txt").read_text(encoding="utf-8")
    page = Path(app.outdir) / EXAMPLE_PAGE
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(html(articlekit.parse(text), title="porthcarrow-storm.txt"), encoding="utf-8")


def setup(app):
    # before napoleon's own handler (priority 500) rewrites the docstring
    app.connect("autodoc-process-docstring", _function_cleaner_doc, priority=300)
    app.connect("autodoc-process-docstring", _no_inline_attribute_type, priority=400)
    app.connect("autodoc-process-signature", _no_protocol_signature)
    app.connect("build-finished", _write_example_page)


# -- intersphinx -------------------------------------------------------------------------
# The inventories live on the network, which the docs build does not have by default:
# fetching them would fail and, with -W, fail the build, so the mapping is used only
# when ARTICLEKIT_DOCS_ONLINE is set. Even then, with intersphinx_disabled_reftypes
# = ["*"], only explicit references (:external:py:class:`str`) resolve through it.

intersphinx_disabled_reftypes = ["*"]
if os.environ.get("ARTICLEKIT_DOCS_ONLINE"):
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "attrs": ("https://www.attrs.org/en/stable/", None),
    }
else:
    intersphinx_mapping = {}

# -- doctest -----------------------------------------------------------------------------
# Every example in these pages runs under `sphinx -b doctest`. EXAMPLE is the article
# shipped in the repository, found from this file's location.

# installed() says whether a module can be imported: examples for tools the docs do not
# depend on (Polars, DuckDB) run where those are installed (``:skipif:``).
# shell() runs an ``articlekit`` command line as ``python -m articlekit`` in *cwd* (by
# default the repository root) and prints what it writes to standard output and
# standard error, then the exit status when it is not 0; *stdin* is a str (sent as
# UTF-8) or bytes. The pages that show commands say so.

doctest_global_setup = f"""
import pathlib

import articlekit

ROOT = pathlib.Path({str(ROOT)!r})
EXAMPLE = ROOT / "examples" / "porthcarrow-storm.txt"


def installed(module):
    import importlib.util

    return importlib.util.find_spec(module) is not None


def shell(command, stdin=None, cwd=ROOT):
    import os
    import shlex
    import subprocess
    import sys

    args = shlex.split(command)
    assert args[0] == "articlekit", command
    result = subprocess.run(
        [sys.executable, "-m", "articlekit", *args[1:]],
        input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
        capture_output=True,
        cwd=cwd,
        env={{**os.environ, "PYTHONIOENCODING": "utf-8"}},
    )
    print(result.stdout.decode("utf-8"), end="")
    print(result.stderr.decode("utf-8"), end="")
    if result.returncode:
        print(f"[exit status {{result.returncode}}]")
"""

# -- HTML output -------------------------------------------------------------------------

html_theme = "furo"
html_title = f"articlekit {release}"

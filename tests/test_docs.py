"""The how-to guides are self-contained: every name their examples use is imported or
defined on the page, not handed to them by the docs' doctest setup (docs/conf.py)."""

from __future__ import annotations

import ast
import builtins
import doctest
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

HOWTOS = sorted((ROOT / "docs" / "howto").glob("*.rst"))
#: stand-ins for a terminal that the setup gives every page (docs/conf.py says what they do)
HELPERS = {"shell", "installed"}


def _testcode(page: str) -> list[str]:
    """The code of the page's ``testcode`` blocks (``testsetup`` is hidden: it cannot count)."""
    blocks = []
    for match in re.finditer(r"^\.\. testcode::[^\n]*\n((?:[ \t]*\n|[ \t]+[^\n]*\n)*)", page, re.M):
        lines = [line for line in match[1].splitlines() if not line.lstrip().startswith(":")]
        blocks.append(_dedent("\n".join(lines)))
    return blocks


def _dedent(code: str) -> str:
    import textwrap

    return textwrap.dedent(code).strip() + "\n"


def _names(code: list[str]) -> tuple[set[str], set[str]]:
    """The names the code binds, and the names it reads."""
    bound: set[str] = set()
    read: set[str] = set()
    for source in code:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Name):
                (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                bound.add(node.name)
            elif isinstance(node, ast.arg):
                bound.add(node.arg)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                bound.add(node.name)
    return bound, read


@pytest.mark.parametrize("path", HOWTOS, ids=[path.stem for path in HOWTOS])
def test_a_howto_defines_what_its_examples_use(path: Path) -> None:
    page = path.read_text(encoding="utf-8")
    code = [example.source for example in doctest.DocTestParser().get_examples(page)] + _testcode(page)
    bound, read = _names(code)
    missing = read - bound - set(dir(builtins)) - HELPERS
    assert not missing, f"{path.name} uses names it does not import or define: {sorted(missing)}"


def test_the_check_sees_a_name_the_setup_gives() -> None:
    page = '>>> text = EXAMPLE.read_text(encoding="utf-8")\n>>> import articlekit\n>>> articlekit.parse(text)\n'
    bound, read = _names([example.source for example in doctest.DocTestParser().get_examples(page)])
    assert read - bound - set(dir(builtins)) == {"EXAMPLE"}

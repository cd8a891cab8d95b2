"""Shared test fixtures: where the labelled texts beside the checkout are."""

from __future__ import annotations

import importlib.util
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

import articlekit
from articlekit._corpus import LabelledArticle, read_labelled

# Property-test budgets: CI runs 10,000 examples a test; a developer's run fewer; more
# on demand with HYPOTHESIS_PROFILE=deep.
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("dev", max_examples=300, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("ci", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("deep", max_examples=200_000, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "met-police-2021-05-18.txt"
DEV = SHARED / "corpus" / "dev"
SCORER = SHARED / "tools" / "corpus.py"
EXAMPLE = ROOT / "examples" / "porthcarrow-storm.txt"
SRC = ROOT / "src"
# a cleaner plugin laid out as installed (see tests/test_plugins.py)
PLUGIN_DIR = ROOT / "tests" / "plugin_pkg"
PLUGIN_MODULE = "articlekit_shout_plugin"


class StdinBytes:
    """Stands in for sys.stdin: the command reads the bytes from ``.buffer``."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def run_articlekit(
    *args: str, input: bytes | None = None, cwd: Path = ROOT, timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    """``python -m articlekit ARGS`` as a process of its own, this checkout's source first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "articlekit", *args],
        input=input,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def forget_plugin() -> None:
    sys.modules.pop(PLUGIN_MODULE, None)
    articlekit.cleaners.refresh()


@pytest.fixture
def plugin_installed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The plugin distribution on ``sys.path`` for one test, and gone again after it."""
    forget_plugin()
    monkeypatch.syspath_prepend(str(PLUGIN_DIR))
    articlekit.cleaners.refresh()
    yield
    monkeypatch.undo()  # take the directory off sys.path before forgetting what was found
    forget_plugin()


def read_exact(path: Path) -> str:
    """The text of *path* byte for byte (no newline translation)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


@pytest.fixture(scope="session")
def scorer() -> ModuleType:
    """The shared corpus scorer, imported from ../shared/tools/corpus.py."""
    if not SCORER.exists():
        pytest.skip(f"the shared scorer is not at {SCORER} (../shared is absent)")
    spec = importlib.util.spec_from_file_location("shared_corpus_scorer", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed article is not at {SEED} (../shared is absent)")
    return read_exact(SEED)


@pytest.fixture(scope="session")
def dev_articles() -> list[LabelledArticle]:
    """The dev corpus as labelled articles."""
    if not DEV.is_dir():
        pytest.skip(f"the dev corpus is not at {DEV} (../shared is absent)")
    return read_labelled([DEV])


@pytest.fixture(scope="session")
def dev_texts() -> list[Path]:
    if not DEV.is_dir():
        pytest.skip(f"the dev corpus is not at {DEV} (../shared is absent)")
    return sorted(DEV.glob("*.txt"))

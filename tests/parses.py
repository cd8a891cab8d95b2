"""What every corpus text parses to, as a short digest, kept in ``tests/data/parses.json``
so that a change meant to leave the output alone (a faster stage, a refactor) is checked
against the implementation before it, text by text (``tests/test_differential.py``).

A change meant to alter the output writes the file again and commits it with the
change, so the texts whose parse moved show in the diff::

    python tests/parses.py --write
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import articlekit

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DIGESTS = ROOT / "tests" / "data" / "parses.json"
# the labelled corpus and the seed article beside the checkout, by the name the file
# keys them under
FOLDERS = {"train": SHARED / "corpus" / "train", "dev": SHARED / "corpus" / "dev", "seed": SHARED / "seed"}
#: the parsers whose output is kept: the default (the shipped model) and the rules alone
PARSERS = {"default": articlekit.Parser(), "rules": articlekit.Parser(model=None)}


def corpus_texts() -> Iterator[tuple[str, str]]:
    """``(key, text)`` of every corpus text, read byte for byte, in a fixed order."""
    for folder_name, folder in FOLDERS.items():
        for path in sorted(folder.glob("*.txt")):
            with open(path, encoding="utf-8", newline="") as handle:
                yield f"{folder_name}/{path.stem}", handle.read()


def digest(article: articlekit.Article) -> str:
    """A short digest of everything a parse says, the cleaners' trace included."""
    data = json.dumps(article.to_dict(trace=True), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def digests() -> dict[str, dict[str, str]]:
    """The digest of every corpus text's parse under each of :data:`PARSERS`."""
    return {key: {name: digest(parser.parse(text)) for name, parser in PARSERS.items()} for key, text in corpus_texts()}


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--write", action="store_true", help=f"write {DIGESTS.relative_to(ROOT)}")
    args = options.parse_args(argv)
    if not FOLDERS["train"].is_dir():
        print(f"the corpus is not at {FOLDERS['train'].parent}", file=sys.stderr)
        return 2
    found = digests()
    if args.write:
        DIGESTS.parent.mkdir(exist_ok=True)
        DIGESTS.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote the parses of {len(found)} texts to {DIGESTS.relative_to(ROOT)}")
        return 0
    kept = json.loads(DIGESTS.read_text(encoding="utf-8"))
    moved = sorted(key for key in found.keys() | kept.keys() if found.get(key) != kept.get(key))
    print("\n".join(moved) or f"all {len(found)} parses as kept")
    return 1 if moved else 0


if __name__ == "__main__":
    sys.exit(main())

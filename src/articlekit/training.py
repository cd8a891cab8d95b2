"""Teaching articlekit: labelled articles, training a line labeller, and scoring a
parser the way the project scores itself.

A labelled article is one ``NAME.txt`` (the text as scraped) and one
``NAME.labels.tsv`` (what each non-blank line is) side by side; :func:`read_labelled`
reads a directory of them.

>>> from pathlib import Path
>>> import tempfile
>>> from articlekit import Parser
>>> from articlekit.training import evaluate, read_labelled, train_labeller
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "storm.txt").write_text(
...     "Storm hits coast\\nBy Jane Smith\\nThe sea wall gave way at dawn, and the harbour flooded.\\n"
...     "Advertisement\\n", encoding="utf-8")
>>> _ = (folder / "storm.labels.tsv").write_text(
...     "# source: https://example.com/storm\\n# date: none\\n# headline: Storm hits coast\\n"
...     "1\\theadline\\n2\\tbyline\\n3\\tparagraph\\n4\\tboilerplate\\n", encoding="utf-8")
>>> articles = read_labelled([folder])
>>> labeller = train_labeller(articles)
>>> result = evaluate(Parser(model=labeller).parse, articles)
>>> result.accuracy("lines")  # in-sample: it learned these very lines
1.0

Training from nothing needs the ``train`` extra (``pip install 'articlekit[train]'``,
which brings scipy); without it, :func:`train_labeller` raises
:class:`~articlekit.errors.MissingExtraError`. To teach the shipped model a site rather
than start from nothing, tune it to the site's labelled pages (this needs no extra); it
keeps what it knew of other sites:

>>> tuned = train_labeller(articles, base=Labeller.default())
>>> tuned.labels == Labeller.default().labels
True
>>> Parser(model=tuned).parse("Storm hits coast\\nBy Jane Smith\\nThe sea wall gave way.").byline.text
'By Jane Smith'
"""

from __future__ import annotations

from ._corpus import LABEL_TYPES, LabelledArticle, LabelledLine, read_labelled
from ._draft import draft_labels
from ._evaluate import Evaluation, Mistake, evaluate
from ._labeller import Labeller
from ._training import cross_validate, fold_of, train_labeller

__all__ = [
    "LABEL_TYPES",
    "Evaluation",
    "LabelledArticle",
    "LabelledLine",
    "Labeller",
    "Mistake",
    "cross_validate",
    "draft_labels",
    "evaluate",
    "fold_of",
    "read_labelled",
    "train_labeller",
]

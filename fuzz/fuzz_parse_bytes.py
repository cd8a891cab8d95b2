"""Fuzz ``articlekit.parse_bytes`` with atheris (coverage-guided, libFuzzer).

    python -m pip install atheris -e .
    mkdir -p fuzz/corpus
    python fuzz/fuzz_parse_bytes.py fuzz/corpus fuzz/seeds -atheris_runs=1000000 -max_len=4096

libFuzzer grows the first directory (``fuzz/corpus``, not committed) from the seeds.

Every input must give an article whose spans cover the decoded text and that survives
the JSON contract, or raise one of the documented errors (``DecodingError`` for bytes
nothing decodes). Anything else is a finding: libFuzzer writes the input to a
``crash-*`` file; turn it into a regression test in ``tests/test_fuzz_findings.py``.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import articlekit
    import articlekit._build
    import articlekit._classify
    import articlekit._decode
    import articlekit._group
    import articlekit._parser
    import articlekit._quotes
    import articlekit.cleaners
    from articlekit.errors import DecodingError


def check(data: bytes) -> None:
    try:
        article = articlekit.parse_bytes(data)
    except DecodingError:
        article = articlekit.parse_bytes(data, errors="replace")
    text = article.source
    assert text is not None
    covered = bytearray(len(text) + 1)
    for element in article.elements():
        span = element.span
        assert 0 <= span.start <= span.end <= len(text), (element, len(text))
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    lost = [i for i, ch in enumerate(text) if not covered[i] and not ch.isspace()]
    assert not lost, (lost[:5], text[lost[0] : lost[0] + 20])
    assert articlekit.Article.from_dict(article.to_dict()) == article


def main() -> None:
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

"""One record of a JSON Lines corpus, for ``articlekit show --record N``."""

from __future__ import annotations

import json
from typing import IO, Any

from .errors import ArticlekitError

__all__ = ["RecordError", "load_line", "read_record"]


class RecordError(ArticlekitError, ValueError):
    """The record asked for cannot be shown; the message says why (the command line
    reports it in one line)."""


def read_record(source: IO[bytes], number: int, text_field: str = "text") -> tuple[str, int]:
    """The text of record *number* (from 1) of the JSON Lines *source*, and its line.

    Blank lines hold no record, as in ``articlekit parse --jsonl``. The corpus is read
    up to the record and no further, so a record near the start of a large corpus
    comes at once.

    >>> import io
    >>> corpus = io.BytesIO(b'{"text": "Storm hits coast"}\\n\\n{"id": 7, "text": "Floods close roads"}\\n')
    >>> read_record(corpus, 2)
    ('Floods close roads', 3)
    """
    if number < 1:
        raise RecordError(f"--record counts records from 1, got {number}")
    seen = 0
    for line, raw in enumerate(source, 1):
        if not raw.strip():
            continue
        seen += 1
        if seen == number:
            return _text_of(raw, line, text_field), line
    raise RecordError(f"there is no record {number}: the corpus has {seen} record{'s' if seen != 1 else ''}")


def load_line(raw: bytes, line: int) -> Any:
    """The JSON value on *line* (from 1) of a JSON Lines file, whose first line may open
    with a byte order mark. Raises what decoding and :func:`json.loads` raise."""
    return json.loads(raw.decode("utf-8-sig" if line == 1 else "utf-8").rstrip("\r\n"))


def _text_of(raw: bytes, line: int, text_field: str) -> str:
    try:
        data = load_line(raw, line)
    except UnicodeDecodeError as exc:
        raise RecordError(f"line {line} is not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise RecordError(f"line {line} is not JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise RecordError(f"line {line} is not JSON that can be read: nested too deeply") from None
    if not isinstance(data, dict):
        raise RecordError(f"line {line} is a JSON {type(data).__name__}, not an object")
    text = data.get(text_field)
    if not isinstance(text, str):
        what = "has no" if text_field not in data else "has no string in its"
        raise RecordError(f"the record on line {line} {what} {text_field!r} field")
    return text

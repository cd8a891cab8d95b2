"""Turning the bytes of a scraped page into text: BOMs, UTF-8, and legacy encodings."""

from __future__ import annotations

import codecs
import re
from typing import Literal

import regex

from .errors import ConfigurationError, DecodingError, InputTypeError, LoneSurrogateError

__all__ = ["LONE_SURROGATE", "check_surrogates", "decode", "replace_surrogates"]

Errors = Literal["strict", "replace"]

# longest first: the UTF-32 little-endian mark starts with the UTF-16 one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode_as(data: bytes, encoding: str, errors: Errors) -> str:
    try:
        return data.decode(encoding, errors)
    except LookupError:
        raise ConfigurationError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise DecodingError(
            f"the input is not valid {encoding} at byte {exc.start} ({data[exc.start : exc.start + 4]!r}); "
            "pass errors='replace' to replace what cannot be decoded",
            offset=exc.start,
            encoding=encoding,
        ) from None


def decode(data: bytes | bytearray | memoryview, encoding: str | None = None, errors: Errors = "strict") -> str:
    """Decode *data*: with *encoding* if given; else by its byte order mark (UTF-8,
    UTF-16, UTF-32); else as UTF-8; else in the legacy encoding charset-normalizer
    detects. Undecodable input raises :class:`~articlekit.errors.DecodingError` naming
    the byte offset, unless *errors* is ``"replace"``.

    >>> decode("Caf\\u00e9 owner fined".encode("utf-16"))
    'Café owner fined'
    >>> decode("Caf\\u00e9 owner fined".encode("cp1252"))
    'Café owner fined'
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputTypeError(f"parse_bytes() takes bytes, got {type(data).__name__}; use parse() for a str")
    if errors not in ("strict", "replace"):
        raise ConfigurationError(f"errors must be 'strict' or 'replace', got {errors!r}")
    raw = bytes(data)
    if encoding is not None:
        return _decode_as(raw, encoding, errors)
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return _decode_as(raw, name, errors)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    else:
        # zero bytes are valid UTF-8, and UTF-16 without a mark is full of them
        return (_utf16_without_bom(raw) if "\x00" in text else None) or text
    guessed = _utf16_without_bom(raw) or _western(raw) or _guess(raw)
    if guessed is not None:
        return guessed
    if errors == "replace":
        return raw.decode("utf-8", "replace")
    raise DecodingError(
        f"the input is not UTF-8 (first bad byte at offset {first_bad}: {raw[first_bad : first_bad + 4]!r}) "
        "and no other encoding fits it; pass encoding=... if you know it, or errors='replace'",
        offset=first_bad,
        encoding=None,
    )


# what Windows-1252 text outside ASCII holds: Latin-1 letters and signs, and the
# typographic marks of its 0x80-0x9F row
_NOT_WESTERN = regex.compile(
    r"[^\x00-\x7f\u00a0-\u00ff\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]"
)
# accented letters are a small share of a Western European text; a page in another
# script read as Windows-1252 is mostly "accented letters"
_WESTERN_SHARE = 0.2


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 written without a byte order mark: text in Latin script then has a zero
    byte beside every letter, on the same side each time."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    half = len(raw) // 2
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros > 0.4 * half and other < 0.05 * half:
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _western(raw: bytes) -> str | None:
    """The text as Windows-1252, the most common legacy encoding of the web (and what
    browsers read for a page labelled Latin-1), if it reads as Western European text."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if non_ascii > _WESTERN_SHARE * len(text) or _NOT_WESTERN.search(text) is not None:
        return None
    return text


def _guess(raw: bytes) -> str | None:
    # charset-normalizer takes ~20 ms to import: only here, for the rare legacy page
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        return None
    return str(best)


# a str holds a surrogate only alone: json.loads and Python's decoders join every pair
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def check_surrogates(text: str) -> None:
    """Raise :class:`~articlekit.errors.LoneSurrogateError` if *text* holds a lone
    surrogate, which no UTF-8 output can hold.

    >>> check_surrogates("Fans react \\ud83d")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    articlekit.errors.LoneSurrogateError: the text holds a lone surrogate, U+D83D, at character 11 (...
    """
    if text.isascii():
        return
    found = LONE_SURROGATE.search(text)
    if found is not None:
        raise LoneSurrogateError(
            f"the text holds a lone surrogate, U+{ord(found.group()):04X}, at character {found.start()} "
            "(half of a UTF-16 pair, such as a truncated emoji), which UTF-8 cannot encode",
            position=found.start(),
        )


def replace_surrogates(text: str) -> tuple[str, int]:
    """*text* with every lone surrogate replaced by U+FFFD, and how many there were. One
    character takes the place of one, so spans into the result are spans into *text*.

    >>> replace_surrogates("Fans react \\ud83d")
    ('Fans react \ufffd', 1)
    """
    if text.isascii():
        return text, 0
    return LONE_SURROGATE.subn("\ufffd", text)

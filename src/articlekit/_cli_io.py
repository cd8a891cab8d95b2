"""The command line's files: compressed input recognised by its first bytes, compressed
output chosen by the file's suffix, binary junk told from JSON Lines, and JSON lines
that any UTF-8 file can hold."""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import json
import lzma
import sys
from typing import IO, Any, cast

from ._decode import LONE_SURROGATE
from .errors import ArticlekitError, MissingExtraError

__all__ = [
    "NotTextError",
    "UsageError",
    "check_output",
    "compression_of",
    "dumps",
    "escape_surrogates",
    "open_input",
    "open_output",
    "output_format",
    "read_input",
    "sniff_text",
    "text_writer",
]

# the first bytes of each compressed format (RFC 1952, bzip2, the xz format, RFC 8878)
_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
_SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}
#: how much of the start of a JSON Lines input is looked at to tell text from binary
_SNIFF_BYTES = 8192
#: the share of bytes of that start that may be invalid UTF-8 in a corpus of text:
#: a stray Latin-1 byte is one bad record, a compressed or binary file is mostly bad
_MAX_BAD_SHARE = 0.05


class NotTextError(ArticlekitError, ValueError):
    """A file given as JSON Lines holds binary data, not UTF-8 text."""


def compression_of(path: str) -> str | None:
    """The compression the suffix of *path* names (``"gzip"`` for ``.gz``), if any."""
    for suffix, name in _SUFFIXES.items():
        if path.lower().endswith(suffix):
            return name
    return None


def _zstandard() -> Any:
    try:
        import zstandard
    except ImportError:
        raise MissingExtraError(
            "zstd-compressed files need the zstandard package; install it with: pip install 'articlekit[zstd]'"
        ) from None
    return zstandard


def _decompressing(raw: IO[bytes], compression: str) -> IO[bytes]:
    if compression == "gzip":
        return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb"))
    if compression == "bzip2":
        return cast(IO[bytes], bz2.BZ2File(raw, "rb"))
    if compression == "xz":
        return cast(IO[bytes], lzma.LZMAFile(raw, "rb"))
    reader = _zstandard().ZstdDecompressor().stream_reader(raw, read_across_frames=True)
    return cast(IO[bytes], io.BufferedReader(reader))


def _peekable(stream: IO[bytes]) -> IO[bytes]:
    if hasattr(stream, "peek"):  # buffered files and the decompressors can look ahead
        return stream
    # a stream without peek (a BytesIO standing in for standard input): read it whole
    return cast(IO[bytes], io.BufferedReader(io.BytesIO(stream.read())))


def peek(stream: IO[bytes], size: int) -> bytes:
    """The next *size* bytes of *stream* (from :func:`open_input`), left to be read."""
    head: bytes = stream.peek(size)[:size]  # type: ignore[attr-defined]
    return head


def open_input(path: str) -> tuple[IO[bytes], IO[bytes]]:
    """Open *path* (``-``: standard input) for reading its bytes, decompressed when its
    first bytes are those of gzip, bzip2, xz or zstd, whatever its name. Return the
    stream to read and the raw file under it (whose position tells how far the input
    has been read). Raises :class:`OSError` (and, for zstd without the extra,
    :class:`~articlekit.errors.MissingExtraError`)."""
    raw = _peekable(sys.stdin.buffer) if path == "-" else open(path, "rb")  # noqa: SIM115 (the caller closes it)
    try:
        head = peek(raw, 6)
        for magic, compression in _MAGIC:
            if head.startswith(magic):
                return _peekable(_decompressing(raw, compression)), raw
    except BaseException:
        if path != "-":
            raw.close()
        raise
    return raw, raw


def read_input(path: str) -> bytes:
    """The bytes of *path* (``-``: standard input), decompressed as :func:`open_input`."""
    stream, raw = open_input(path)
    try:
        return stream.read()
    except OSError:
        raise
    except Exception as exc:  # a damaged compressed file: EOFError, lzma.LZMAError, zlib.error, ZstdError
        raise OSError(f"cannot be decompressed ({type(exc).__name__}: {exc})") from exc
    finally:
        if path != "-":
            stream.close()
            raw.close()


def open_output(path: str) -> IO[bytes]:
    """Open *path* for writing bytes, compressed as its suffix says (``.gz``, ``.bz2``,
    ``.xz``, ``.zst``)."""
    compression = compression_of(path)
    if compression == "zstd":
        zstandard = _zstandard()  # before the file is created
        raw = open(path, "wb")  # noqa: SIM115 (closed with the writer)
        return cast(IO[bytes], zstandard.ZstdCompressor().stream_writer(raw, closefd=True))
    if compression == "gzip":
        return cast(IO[bytes], gzip.open(path, "wb"))
    if compression == "bzip2":
        return bz2.open(path, "wb")
    if compression == "xz":
        return lzma.open(path, "wb")
    return open(path, "wb")


def text_writer(binary: IO[bytes]) -> IO[str]:
    """UTF-8 text over *binary*, lines ending in ``\\n`` on every system."""
    return io.TextIOWrapper(cast(Any, binary), encoding="utf-8", newline="\n")


def sniff_text(stream: IO[bytes], name: str) -> None:
    """Raise :class:`NotTextError` if the start of *stream* is binary, not UTF-8 text:
    a zero byte, or more than a few bytes that are not UTF-8."""
    head = peek(stream, _SNIFF_BYTES)
    if not head:
        return
    zero = head.find(b"\x00")
    if zero >= 0:
        raise NotTextError(f"{name} is not JSON Lines: it holds binary data (a zero byte at offset {zero})")
    # the last character may be cut in two by the end of the sample: decode it as unfinished
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(head, final=False)
    bad = text.count("\ufffd") - head.count("\ufffd".encode())
    if bad > _MAX_BAD_SHARE * len(head):
        first = text.index("\ufffd")
        raise NotTextError(
            f"{name} is not JSON Lines: it holds binary data ({bad} of its first {len(head)} bytes are not UTF-8, "
            f"the first near character {first}); articlekit reads JSON Lines as UTF-8 text, "
            "plain or compressed with gzip, bzip2, xz or zstd"
        )


def escape_surrogates(json_text: str) -> str:
    """*json_text* (JSON written with ``ensure_ascii=False``) with each lone surrogate,
    which UTF-8 cannot encode, as a ``\\uXXXX`` escape: JSON allows it, and it reads
    back to the same string."""
    if json_text.isascii():
        return json_text
    return LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


def dumps(value: object) -> str:
    """*value* as JSON that any UTF-8 file can hold (see :func:`escape_surrogates`)."""
    return escape_surrogates(json.dumps(value, ensure_ascii=False))


class UsageError(Exception):
    """A command line that cannot be run: reported as argparse reports its errors."""


def output_format(fmt: str | None, output: str | None) -> str:
    """The output format: as given, else Parquet for an OUT ending in ``.parquet``."""
    if fmt is not None:
        return fmt
    return "parquet" if (output or "").lower().endswith(".parquet") else "json"


def check_output(fmt: str, output: str | None, indent: int | None) -> None:
    """Raise :class:`UsageError` if *fmt* cannot be written to *output*."""
    if fmt != "parquet":
        return
    if output in (None, "-"):
        raise UsageError("--format parquet writes a file: give it with -o OUT.parquet")
    if compression_of(output):
        raise UsageError("a Parquet file compresses its own columns: give -o OUT.parquet, without .gz and the like")
    if indent is not None:
        raise UsageError("--indent is for JSON, not Parquet")

"""Every exception articlekit raises, in one tree.

All of them derive from :class:`ArticlekitError`, so one ``except`` catches them all;
each also derives from the built-in exception a Python user would expect
(``TypeError`` for a wrong argument type, ``ValueError`` for bad data).

>>> import articlekit
>>> try:
...     articlekit.parse(b"bytes are not text")
... except articlekit.errors.InputTypeError as exc:
...     print(exc)
parse() takes the article as a str, got bytes; decode it first, e.g. data.decode('utf-8')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._batch import Failed

__all__ = [
    "ArticlekitError",
    "BatchError",
    "CleanerError",
    "ConfigurationError",
    "ContractError",
    "CorpusError",
    "DecodingError",
    "InputTooLargeError",
    "InputTypeError",
    "LoneSurrogateError",
    "MissingExtraError",
    "ModelError",
    "PluginError",
    "UnknownCleanerError",
]


class ArticlekitError(Exception):
    """The base of every error articlekit raises."""


class InputTypeError(ArticlekitError, TypeError):
    """An argument has the wrong type (``parse`` was given something not a ``str``)."""


class ContractError(ArticlekitError, ValueError):
    """Data does not follow the ``articlekit/1`` output contract (``Article.from_dict``)."""


class CorpusError(ArticlekitError, ValueError):
    """A labelled article cannot be read: a label file is missing or malformed, or a path
    does not exist. The message names the file and line; :attr:`path` is the file and
    :attr:`line` the 1-based line number (``None`` when no one line is to blame)."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line


class ModelError(ArticlekitError, ValueError):
    """A trained model cannot be used: the file is missing, damaged, of another format
    version, or there was nothing to train it on."""


class ConfigurationError(ArticlekitError, ValueError):
    """A :class:`~articlekit.Parser` was configured with something it cannot use."""


class CleanerError(ArticlekitError):
    """A cleaner failed, returned something that is not a block, or lost text."""


class UnknownCleanerError(ConfigurationError, KeyError):
    """No cleaner of that name is in the pipeline, built in, or registered."""

    def __init__(self, name: str, known: tuple[str, ...] | list[str] = ()) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(f"no cleaner named {name!r}; known: {', '.join(self.known) or 'none'}")

    def __str__(self) -> str:  # KeyError would show the repr of the message
        return str(self.args[0])


class PluginError(ArticlekitError):
    """A cleaner that another package registers could not be loaded."""


class MissingExtraError(ArticlekitError, ImportError):
    """An optional feature needs a package that is not installed; the message names the
    extra to install (``pip install 'articlekit[ftfy]'``)."""


class DecodingError(ArticlekitError, ValueError):
    """Bytes that no encoding reads (``parse_bytes``). ``offset`` is the first byte that
    could not be decoded; ``encoding`` the one that was tried, if one was given."""

    def __init__(self, message: str, *, offset: int, encoding: str | None) -> None:
        super().__init__(message)
        self.offset = offset
        self.encoding = encoding


class InputTooLargeError(ArticlekitError, ValueError):
    """The input is longer than the parser's ``max_chars``."""


class LoneSurrogateError(ArticlekitError, ValueError):
    """A text holds a lone surrogate (U+D800 to U+DFFF): half of a UTF-16 pair, such as
    the truncated emoji of ``"\\ud83d"`` in scraped JSON. Python reads it, but no UTF-8
    file and no Parquet string can hold it. :attr:`position` is its index in the text."""

    def __init__(self, message: str, *, position: int) -> None:
        super().__init__(message)
        self.position = position


class BatchError(ArticlekitError):
    """A record given to :func:`~articlekit.parse_many` failed (with
    ``on_error="raise"``), or the worker processes could not run at all.

    :attr:`failed` is the :class:`~articlekit.Failed` record (``None`` when no one record is to
    blame); :attr:`index` its index.
    """

    def __init__(self, message: str, failed: Failed | None = None) -> None:
        super().__init__(message)
        self.failed = failed

    @classmethod
    def of(cls, failed: Failed) -> BatchError:
        """The error for the failed record *failed*."""
        return cls(f"record {failed.index} failed: {failed.error_type}: {failed.message}", failed)

    @property
    def index(self) -> int | None:
        """The index of the record that failed, if one did."""
        return None if self.failed is None else self.failed.index

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.failed))

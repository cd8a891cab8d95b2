"""What each cleaner did, as data: the explanation of a parse."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs

from ._model import Span, _get
from ._pickling import by_fields
from .errors import ContractError

__all__ = ["Change", "CleanerTrace"]

Action = Literal["changed", "dropped", "retyped", "merged"]
_ACTIONS = ("changed", "dropped", "retyped", "merged")


@attrs.frozen(slots=True)
class Change:
    """One thing a cleaner did to one block.

    * ``changed``: the text went from ``before`` to ``after``;
    * ``retyped``: the kind went from ``before`` to ``after`` (``paragraph`` → ``caption``);
    * ``dropped``: the block was removed, for ``reason``;
    * ``merged``: several blocks became one whose text is ``after``.

    ``span`` is where the block is in the input (for a merge, the union).
    """

    __reduce__ = by_fields

    action: Action
    span: Span
    before: str | None = None
    after: str | None = None
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "span": self.span.to_list(),
            "before": self.before,
            "after": self.after,
            "reason": self.reason,
        }

    @classmethod
    def _from(cls, data: Mapping[str, Any], where: str) -> Change:
        action = _get(data, "action", str, where)
        if action not in _ACTIONS:
            raise ContractError(f"{where}.action must be one of {_ACTIONS}, got {action!r}")
        optional = {}
        for key in ("before", "after", "reason"):
            value = data.get(key)
            if value is not None and not isinstance(value, str):
                raise ContractError(f"{where}.{key} must be a string or null")
            optional[key] = value
        return cls(action, Span.from_list(_get(data, "span", (list, tuple), where)), **optional)


@attrs.frozen(slots=True)
class CleanerTrace:
    """What one cleaner of the pipeline did in one parse.

    >>> import articlekit
    >>> article = articlekit.parse("Storm hits the coast\\nAdvertisement\\nThe sea wall gave way.")
    >>> [(t.cleaner, t.dropped) for t in article.trace if t.changes]
    [('drop_boilerplate', 1)]
    >>> article.trace_for("drop_boilerplate").changes[0].reason
    'advertisement'
    """

    __reduce__ = by_fields

    cleaner: str
    changes: tuple[Change, ...] = ()

    def _count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    @property
    def changed(self) -> int:
        """How many blocks had their text changed."""
        return self._count("changed")

    @property
    def dropped(self) -> int:
        """How many blocks were dropped."""
        return self._count("dropped")

    @property
    def retyped(self) -> int:
        """How many blocks became another kind."""
        return self._count("retyped")

    @property
    def merged(self) -> int:
        """How many merged blocks were made (each from several)."""
        return self._count("merged")

    def to_dict(self) -> dict[str, Any]:
        return {"cleaner": self.cleaner, "changes": [c.to_dict() for c in self.changes]}

    @classmethod
    def _from(cls, data: Mapping[str, Any], where: str) -> CleanerTrace:
        changes = _get(data, "changes", list, where)
        return cls(
            _get(data, "cleaner", str, where),
            tuple(Change._from(c, f"{where}.changes[{i}]") for i, c in enumerate(changes)),
        )

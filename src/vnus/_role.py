"""The roles a field can play, kept in its attrs metadata (see :mod:`vnus._spec`).

This module imports nothing, so that the value types and the record types can both use it.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["KEY", "Role", "role", "sealed"]

#: The metadata key that holds a field's role.
KEY = "vnus"


class Role:
    """What a field means to the generic code.

    ``place``/``sector``: the field holds a place code or sector slug (or a tuple of them).
    ``number``: a number the audit must find in one of the record's quotes (its magnitude).
    ``time``: ``"point"`` for a :class:`~vnus.types.PartialDate` or
    :class:`~vnus.types.Period` the record refers to; ``"start"``/``"end"`` for the two ends
    of one span (a trip). ``index``: queries filter on the field's value (or values).
    ``source``/``official``: the field holds the id of a source or of an official.
    ``undated``: a flag that, when true, makes the record's point an upper bound: the source
    gives no date, and the record spans every day up to the point's last day.

    (A plain class: an attrs class here would cost a first query more than it saves.)
    """

    __slots__ = ("index", "number", "official", "place", "sector", "source", "time", "undated")

    def __init__(
        self,
        *,
        place: bool = False,
        sector: bool = False,
        number: bool = False,
        time: str | None = None,
        index: bool = False,
        source: bool = False,
        official: bool = False,
        undated: bool = False,
    ) -> None:
        """Record what the field means."""
        if time not in {None, "point", "start", "end"}:
            msg = f"time must be None, 'point', 'start' or 'end', got {time!r}"
            raise ValueError(msg)
        self.place, self.sector, self.number, self.time, self.index = (
            place,
            sector,
            number,
            time,
            index,
        )
        self.source, self.official, self.undated = source, official, undated


def role(**kwargs: Any) -> dict[str, Role]:
    """Return field metadata carrying a :class:`Role` (``attrs.field(metadata=role(...))``)."""
    return {KEY: Role(**kwargs)}


def sealed(cls: type[T]) -> type[T]:
    """Refuse ``__setstate__`` on an instance that is already built (a frozen attrs class).

    attrs gives slotted classes a public ``__setstate__`` for copying and pickling; called on
    a built instance, it would change a value every caller shares. Copies and unpickling
    still work: they call it on a fresh, empty instance.
    """
    restore = cls.__setstate__  # type: ignore[attr-defined]
    first = cls.__attrs_attrs__[0].name  # type: ignore[attr-defined]
    name = cls.__name__

    def __setstate__(self: object, state: object) -> None:  # noqa: N807 -- the protocol's name
        try:
            object.__getattribute__(self, first)
        except AttributeError:
            restore(self, state)
            return
        msg = f"{name} is immutable: cannot set the state of a built instance"
        raise AttributeError(msg)

    cls.__setstate__ = __setstate__  # type: ignore[attr-defined]
    return cls

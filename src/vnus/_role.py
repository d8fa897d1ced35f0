"""The roles a field can play, kept in its attrs metadata (see :mod:`vnus._spec`).

This module imports nothing, so that the value types and the record types can both use it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["KEY", "Role", "fields_eq", "fields_hash", "fields_repr", "role", "sealed"]

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


def fields_repr(self: object) -> str:
    """``Name(field=value, ...)``: the repr attrs would generate for a class, from its fields.

    attrs compiles every method it generates, and at import that compiling is most of what
    building a class costs; the value types share this one function instead (a class that
    sets ``__repr__`` in its body keeps it). Records are acyclic, so no recursion guard is
    needed.
    """
    cls = type(self)
    parts = ", ".join(
        f"{a.name}={(repr if a.repr is True else a.repr)(getattr(self, a.name))}"
        for a in cls.__attrs_attrs__  # type: ignore[attr-defined]
        if a.repr is not False
    )
    return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({parts})"


#: Per class: a function returning the values of the fields that take part in equality.
_COMPARED: dict[type, Callable[[object], tuple[object, ...]]] = {}


def _compared(cls: type) -> Callable[[object], tuple[object, ...]]:
    found = _COMPARED.get(cls)
    if found is None:
        names = [a.name for a in cls.__attrs_attrs__ if a.eq]  # type: ignore[attr-defined]
        if len(names) == 1:
            one = names[0]

            def found(instance: object) -> tuple[object, ...]:
                return (getattr(instance, one),)

        else:
            found = operator.attrgetter(*names)
        _COMPARED[cls] = found
    return found


def fields_eq(self: object, other: object) -> bool:
    """Equal when *other* is of the very same class and every compared field is equal.

    What attrs would generate (see :func:`fields_repr` for why it is shared); a class that
    defines ``__eq__`` must define ``__hash__`` too: use :func:`fields_hash`.
    """
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]  # the protocol's answer
    values = _compared(self.__class__)
    equal: bool = values(self) == values(other)
    return equal


def fields_hash(self: object) -> int:
    """The hash of the class and of the fields :func:`fields_eq` compares."""
    cls = self.__class__
    return hash((cls.__qualname__, *_compared(cls)(self)))

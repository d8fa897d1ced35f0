"""A fast, strict structurer for the JSON forms, used before the cattrs converter.

Loading well-formed data is the common case, and importing and running cattrs costs more than
the whole rest of a first query. This module builds, once per class, a plain function that
accepts exactly what :mod:`vnus._convert` accepts and builds the same objects (a property test
holds the two to that). On any input it does not accept it raises :class:`Rejected`; the loader
then runs the cattrs converter on that file to report every problem with its path.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from vnus import _parse
from vnus._spec import field_types
from vnus.types import PartialDate, partial_date_from_json, published_from_json

__all__ = ["Rejected", "structurer"]


class Rejected(Exception):  # noqa: N818 -- a signal to fall back, not an error users see
    """The input is not in the accepted form; the cattrs converter will say why."""


def _enum(cls: type[enum.Enum]) -> Callable[[object], enum.Enum]:
    def convert(value: object) -> enum.Enum:
        return _parse.member(cls, value)

    return convert


def _optional(inner: Callable[[object], Any]) -> Callable[[object], Any]:
    def convert(value: object) -> Any:
        return None if value is None else inner(value)

    return convert


def _tuple(inner: Callable[[object], Any]) -> Callable[[object], tuple[Any, ...]]:
    def convert(value: object) -> tuple[Any, ...]:
        return tuple(map(inner, _parse.array(value)))

    return convert


# The same primitive parsers as the cattrs converter's: any ValueError or TypeError they raise
# makes the record Rejected (see structurer()).
_PRIMITIVES: dict[Any, Callable[[object], Any]] = {
    str: _parse.text,
    int: _parse.integer,
    bool: _parse.boolean,
    Decimal: _parse.decimal,
    dt.date: _parse.date,
    dt.datetime: _parse.datetime,
    PartialDate: partial_date_from_json,
}


def _converter_for(hint: Any) -> Callable[[object], Any]:
    if hint in _PRIMITIVES:
        return _PRIMITIVES[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if set(rest) == {PartialDate, dt.datetime}:
            inner: Callable[[object], Any] = published_from_json
        elif len(rest) == 1:
            inner = _converter_for(rest[0])
        else:  # pragma: no cover -- the records use no other unions
            msg = f"no fast structurer for {hint!r}"
            raise TypeError(msg)
        return _optional(inner) if type(None) in args else inner
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
        return _tuple(_converter_for(args[0]))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _enum(hint)
    if isinstance(hint, type) and attrs.has(hint):
        return structurer(hint)
    msg = f"no fast structurer for {hint!r}"  # pragma: no cover -- every field type is above
    raise TypeError(msg)  # pragma: no cover


@functools.cache
def structurer(cls: type) -> Callable[[object], Any]:
    """Return a function that builds a *cls* from its JSON form or raises :class:`Rejected`."""
    hints = field_types(cls)
    fields = attrs.fields(cls)
    names = frozenset(f.name for f in fields)
    specs = [(f.name, _converter_for(hints[f.name]), f.default is attrs.NOTHING) for f in fields]

    def structure(raw: object) -> Any:
        if type(raw) is not dict or not raw.keys() <= names:
            raise Rejected
        kwargs = {}
        try:
            for name, convert, required in specs:
                if name in raw:
                    kwargs[name] = convert(raw[name])
                elif required:
                    raise Rejected
            return cls(**kwargs)
        except (ValueError, TypeError):
            raise Rejected from None

    return structure

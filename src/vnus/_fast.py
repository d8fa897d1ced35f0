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

__all__ = ["Rejected", "forget", "structurer"]


class Rejected(Exception):  # noqa: N818 -- a signal to fall back, not an error users see
    """The input is not in the accepted form; the cattrs converter will say why."""


def _optional(inner: Callable[[object], Any]) -> Callable[[object], Any]:
    def convert(value: object) -> Any:
        return None if value is None else inner(value)

    return convert


def _tuple(inner: Callable[[object], Any]) -> Callable[[object], tuple[Any, ...]]:
    def convert(value: object) -> tuple[Any, ...]:
        return tuple(map(inner, _parse.array(value)))

    return convert


#: What the sharing converters hold, per type: each string seen and what it gave (see
#: :func:`forget`).
_SHARED: dict[Any, dict[str, Any]] = {}


def _sharing(kind: Any, parse: Callable[[object], Any]) -> Callable[[object], Any]:
    """*parse*, handing out one object for equal strings until :func:`forget` is called.

    Large files repeat the same dates and amounts many times; one shared value per distinct
    string (each immutable) is faster to build and smaller to hold. The same checks run as
    without sharing: each distinct string is parsed when it is first seen, and a string
    *parse* refuses is refused again each time.
    """
    built: dict[str, Any] = _SHARED.setdefault(kind, {})
    get = built.get

    def convert(value: object) -> Any:
        if type(value) is str:
            found = get(value)
            if found is None:
                found = built[value] = parse(value)
            return found
        return parse(value)  # not a str: parse refuses it

    return convert


def forget() -> None:
    """Empty what the sharing converters hold (the loader does so after each file)."""
    for built in _SHARED.values():
        built.clear()


def _sharing_text() -> Callable[[object], str]:
    """:func:`vnus._parse.text`, handing out one str for equal strings until :func:`forget`.

    The JSON parser builds a new str for each string value: a large file repeats the same
    place codes, currencies, units and notes thousands of times, each held by its record.
    """
    keep = _SHARED.setdefault(str, {}).setdefault

    def text(value: object) -> str:
        if type(value) is str:
            return keep(value, value)  # type: ignore[no-any-return]  # str to str
        return _parse.text(value)  # not a str: refused

    return text


# The same primitive parsers as the cattrs converter's: any ValueError or TypeError they raise
# makes the record Rejected (see structurer()). Equal strings, dates and amounts are shared.
_PRIMITIVES: dict[Any, Callable[[object], Any]] = {
    str: _sharing_text(),
    int: _parse.integer,
    bool: _parse.boolean,
    Decimal: _sharing(Decimal, _parse.decimal),
    dt.date: _sharing(dt.date, _parse.date),
    dt.datetime: _parse.datetime,
    PartialDate: _sharing(PartialDate, partial_date_from_json),
}


def _member(cls: type[enum.Enum]) -> Callable[[object], enum.Enum]:
    """:func:`vnus._parse.member` of *cls*, a name found without a call first."""
    get = cls.__members__.get

    def convert(value: object) -> enum.Enum:
        found = get(value) if type(value) is str else None
        return _parse.member(cls, value) if found is None else found

    return convert


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
        return _member(hint)
    if isinstance(hint, type) and attrs.has(hint):
        return structurer(hint)
    msg = f"no fast structurer for {hint!r}"  # pragma: no cover -- every field type is above
    raise TypeError(msg)  # pragma: no cover


@functools.cache
def structurer(cls: type) -> Callable[[object], Any]:
    """Return a function that builds a *cls* from its JSON form or raises :class:`Rejected`.

    Equal strings, dates and amounts it is given are shared until :func:`forget`.
    """
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

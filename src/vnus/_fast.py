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
    """Empty what the sharing converters hold (at the end of each file of a large load)."""
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


#: The primitive parsers of :func:`structurer` with *many*: the same, sharing equal values.
_MANY: dict[Any, Callable[[object], Any]] = {
    **_PRIMITIVES,
    str: _sharing_text(),
    Decimal: _sharing(Decimal, _parse.decimal),
    dt.date: _sharing(dt.date, _parse.date),
    PartialDate: _sharing(PartialDate, partial_date_from_json),
}


def _member(cls: type[enum.Enum]) -> Callable[[object], enum.Enum]:
    """:func:`vnus._parse.member` of *cls*, a name found without a call first."""
    get = cls.__members__.get

    def convert(value: object) -> enum.Enum:
        found = get(value) if type(value) is str else None
        return _parse.member(cls, value) if found is None else found

    return convert


def _converter_for(hint: Any, *, many: bool = False) -> Callable[[object], Any]:
    primitives = _MANY if many else _PRIMITIVES
    if hint in primitives:
        return primitives[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in args if a is not type(None)]
        if set(rest) == {PartialDate, dt.datetime}:
            inner: Callable[[object], Any] = published_from_json
        elif len(rest) == 1:
            inner = _converter_for(rest[0], many=many)
        else:  # pragma: no cover -- the records use no other unions
            msg = f"no fast structurer for {hint!r}"
            raise TypeError(msg)
        return _optional(inner) if type(None) in args else inner
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
        return _tuple(_converter_for(args[0], many=many))
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _member(hint) if many else _enum(hint)
    if isinstance(hint, type) and attrs.has(hint):
        return structurer(hint, many=many)
    msg = f"no fast structurer for {hint!r}"  # pragma: no cover -- every field type is above
    raise TypeError(msg)  # pragma: no cover


@functools.cache
def structurer(cls: type, *, many: bool = False) -> Callable[[object], Any]:
    """Return a function that builds a *cls* from its JSON form or raises :class:`Rejected`.

    With *many* (for a large file), the function is generated for *cls* (see
    :func:`_compiled`), which costs more once and less per record, and equal dates and
    amounts are shared until :func:`forget`.
    """
    hints = field_types(cls)
    fields = attrs.fields(cls)
    if many and _plain(cls, fields):
        return _compiled(cls, fields, hints)
    return _generic(cls, fields, hints, many=many)


def _generic(
    cls: type, fields: tuple[attrs.Attribute[Any], ...], hints: dict[str, Any], *, many: bool
) -> Callable[[object], Any]:
    """Structure through ``cls(**kwargs)``."""
    names = frozenset(f.name for f in fields)
    specs = [
        (f.name, _converter_for(hints[f.name], many=many), f.default is attrs.NOTHING)
        for f in fields
    ]

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


# ----------------------------------------------------------------------------------------------
# A compiled structurer per class: the same checks as ``cls(**kwargs)``, less repeated work
# ----------------------------------------------------------------------------------------------


def _plain(cls: type, fields: tuple[attrs.Attribute[Any], ...]) -> bool:
    """Whether ``cls(**kwargs)`` does no more than set each field, validate, post-init.

    That is what attrs generates for a class without converters, a pre-init hook, fields
    left out of ``__init__``, aliases, factories or a cached hash; :func:`_compiled` does the
    same without the keyword call. Any other class goes through its ``__init__``.
    """
    slots = set(getattr(cls, "__slots__", ())) - {"__weakref__"}
    return (
        getattr(cls, "__new__", None) is object.__new__
        and not hasattr(cls, "__attrs_pre_init__")
        and slots <= {f.name for f in fields}
        and all(
            f.init
            and f.converter is None
            and f.alias == f.name
            and f.name.isidentifier()
            and not isinstance(f.default, attrs.Factory)  # type: ignore[arg-type]
            for f in fields
        )
    )


_INSTANCE_OF = type(attrs.validators.instance_of(int))
_OPTIONAL = type(attrs.validators.optional(attrs.validators.instance_of(int)))
_DEEP_ITERABLE = type(attrs.validators.deep_iterable(attrs.validators.instance_of(int)))


def _builds(hint: Any, kind: object) -> bool:
    """Whether every value :func:`_converter_for` builds for *hint* is an instance of *kind*."""
    if not isinstance(hint, type):
        return False
    if isinstance(kind, tuple):
        return any(_builds(hint, k) for k in kind)
    return isinstance(kind, type) and issubclass(hint, kind)


def _implied(validator: object, hint: Any) -> bool:
    """Whether *validator* can only pass on what the converter for *hint* returns.

    Only type checks are implied: ``instance_of`` of the type the converter builds, and the
    same inside ``optional`` and ``deep_iterable`` (tuples). Every other validator runs.
    """
    if type(validator) is _INSTANCE_OF:
        return _builds(hint, validator.type)  # type: ignore[attr-defined]
    args = typing.get_args(hint)
    if type(validator) is _OPTIONAL:
        rest = [a for a in args if a is not type(None)]
        inner = rest[0] if len(rest) == 1 and len(args) == 2 else hint  # noqa: PLR2004
        return _implied(validator.validator, inner)  # type: ignore[attr-defined]
    if (
        type(validator) is _DEEP_ITERABLE
        and typing.get_origin(hint) is tuple
        and len(args) == 2  # noqa: PLR2004
        and args[1] is Ellipsis
    ):
        outer = validator.iterable_validator  # type: ignore[attr-defined]
        return (outer is None or _implied(outer, tuple)) and _implied(
            validator.member_validator,  # type: ignore[attr-defined]
            args[0],
        )
    return False


def _inline(hint: Any, name: str, namespace: dict[str, Any]) -> str:
    """A Python expression that converts ``x`` as ``_converter_for(hint, many=True)`` does.

    The common cases are written out, a call saved on each: a str, int or bool of the right
    type is taken as it is (a str shared), a shared date, amount or enum member is looked up.
    Any other value goes to the converter, which returns or refuses it as without this.
    """
    namespace[f"c{name}"] = _converter_for(hint, many=True)
    if hint is str:
        namespace[f"k{name}"] = _SHARED[str].setdefault
        return f"(k{name}(x, x) if type(x) is str else c{name}(x))"
    if hint is int or hint is bool:
        return f"(x if type(x) is {hint.__name__} else c{name}(x))"
    if hint in _SHARED:  # a str it has seen gives its value (never None); else it parses
        namespace[f"g{name}"] = _SHARED[hint].get
        return f"(v if type(x) is str and (v := g{name}(x)) is not None else c{name}(x))"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        namespace[f"g{name}"] = hint.__members__.get
        return f"(v if type(x) is str and (v := g{name}(x)) is not None else c{name}(x))"
    return f"c{name}(x)"


def _compiled(
    cls: type, fields: tuple[attrs.Attribute[Any], ...], hints: dict[str, Any]
) -> Callable[[object], Any]:
    """Generate a structurer for *cls*, as attrs generates ``__init__``.

    It converts each field, sets it, runs each validator the conversion does not imply (see
    :func:`_implied`) and the post-init hook: the same checks ``cls(**kwargs)`` makes.
    """
    namespace: dict[str, Any] = {
        "cls": cls,
        "Rejected": Rejected,
        "new": object.__new__,
        "setattr_": object.__setattr__,
        "names": frozenset(f.name for f in fields),
        "array": _parse.array,
    }
    convert, assign, check = [], [], []
    for index, field in enumerate(fields):
        name, hint = field.name, hints[field.name]
        value = f"v{index}"
        args = typing.get_args(hint)
        origin = typing.get_origin(hint)
        optional = origin in (typing.Union, types.UnionType) and type(None) in args
        rest = [a for a in args if a is not type(None)] if optional else [hint]
        inner = rest[0] if len(rest) == 1 else hint
        if typing.get_origin(inner) is tuple and typing.get_args(inner)[1:] == (Ellipsis,):
            namespace[f"c{index}"] = _converter_for(typing.get_args(inner)[0], many=True)
            expression = f"tuple(map(c{index}, array(x)))"
        else:
            expression = _inline(inner, str(index), namespace)
        if optional and len(rest) == 1:
            expression = f"None if x is None else {expression}"
        if field.default is attrs.NOTHING:
            convert += [
                f"        if {name!r} not in raw:",
                "            raise Rejected",
                f"        x = raw[{name!r}]",
                f"        {value} = {expression}",
            ]
        else:
            namespace[f"d{index}"] = field.default
            convert += [
                f"        if {name!r} in raw:",
                f"            x = raw[{name!r}]",
                f"            {value} = {expression}",
                "        else:",
                f"            {value} = d{index}",
            ]
        assign.append(f"        setattr_(self, {name!r}, {value})")
        if field.validator is not None and not _implied(field.validator, hint):
            namespace[f"a{index}"] = field
            namespace[f"val{index}"] = field.validator
            check.append(f"        val{index}(self, a{index}, {value})")
    post = ["        self.__attrs_post_init__()"] if hasattr(cls, "__attrs_post_init__") else []
    lines = [
        "def structure(raw):",
        "    if type(raw) is not dict or not raw.keys() <= names:",
        "        raise Rejected",
        "    try:",
        *convert,
        "        self = new(cls)",
        *assign,  # every field is set before the first validator runs, as in attrs
        *check,
        *post,
        "    except (ValueError, TypeError):",
        "        raise Rejected from None",
        "    return self",
    ]
    exec(compile("\n".join(lines), f"<vnus structurer of {cls.__qualname__}>", "exec"), namespace)  # noqa: S102 -- our own text, as attrs builds __init__
    return namespace["structure"]  # type: ignore[no-any-return]

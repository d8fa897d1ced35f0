"""The single cattrs converter between vnus objects and their JSON forms.

JSON forms: ``Decimal`` as a string (``"3400000000"``), ``date`` and :class:`PartialDate` as ISO
strings (``"2021-12-31"``, ``"1995-07"``), ``datetime`` as an ISO string with a ``T``, enums by
member name (``"EXPORT"``), sequences as arrays that come back as tuples. Primitive fields are
checked, never coerced: ``5`` is not a string and ``"5"`` is not an int. Unknown keys are errors.

This module imports cattrs; it is loaded on first use, never by ``import vnus``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn

from vnus import _parse
from vnus.types import PartialDate, partial_date_from_json, published_from_json

__all__ = ["converter", "error_lines", "structure", "unstructure"]

T = TypeVar("T")


def _hook(parse: Callable[[object], T]) -> Callable[[object, type], T]:
    """A cattrs structure hook from a primitive parser (the second argument is the type)."""

    def structure(value: object, _: type) -> T:
        return parse(value)

    return structure


def _unstructure_decimal(value: Decimal) -> str:
    return format(value, "f")


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    return _parse.member(cls, value)


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _tuple_factory(cls: Any, conv: cattrs.Converter) -> Any:
    """Structure ``tuple[X, ...]`` from a JSON array only (a string is not a sequence here)."""
    base = homogenous_tuple_structure_factory(cls, conv)

    def structure_tuple(value: object, type_: Any) -> tuple[Any, ...]:
        return base(_parse.array(value), type_)  # type: ignore[no-any-return]

    return structure_tuple


def _object_factory(cls: Any, conv: cattrs.Converter) -> Any:
    """Structure an attrs class from a JSON object only, saying so for anything else."""
    base = make_dict_structure_fn(cls, conv)

    def structure_object(value: object, type_: Any) -> Any:
        if not isinstance(value, dict):
            got = _parse.describe(value)
            msg = f"expected an object with the fields of {cls.__name__}, got {got}"
            raise TypeError(msg)
        return base(value, type_)

    return structure_object


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _hook(_parse.text))
    conv.register_structure_hook(int, _hook(_parse.integer))
    conv.register_structure_hook(bool, _hook(_parse.boolean))
    conv.register_structure_hook(Decimal, _hook(_parse.decimal))
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_structure_hook(dt.datetime, _hook(_parse.datetime))
    conv.register_unstructure_hook(dt.datetime, lambda v: v.isoformat())
    conv.register_structure_hook(dt.date, _hook(_parse.date))
    conv.register_unstructure_hook(dt.date, lambda v: v.isoformat())
    conv.register_structure_hook(PartialDate, _hook(partial_date_from_json))
    conv.register_unstructure_hook(PartialDate, str)
    conv.register_structure_hook(PartialDate | dt.datetime, _hook(published_from_json))
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_factory)
    conv.register_structure_hook_factory(attrs.has, _object_factory)
    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), lambda v: v.name
    )
    return conv


#: The one converter vnus uses for every JSON form.
converter = _make_converter()


def structure(data: object, cls: type[T]) -> T:
    """Build a *cls* from its JSON form; raises a cattrs error on bad input."""
    return converter.structure(data, cls)


def unstructure(value: object) -> Any:
    """Return the JSON form of *value* (plain dicts, lists, strings and numbers)."""
    if isinstance(value, tuple) and type(value) is not tuple:
        value = tuple(value)  # query results are a tuple subclass
    return converter.unstructure(value)


# Fields an older data format had, and what holds their value now.
_RENAMED = {("SectorPriority", "place"): "'places', a list of place codes"}


def _format_exception(exc: BaseException, _type: type | None) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(repr(key) for key in sorted(exc.extra_fields))
        hints = "".join(
            f" ({key!r} is now {_RENAMED[exc.cl.__name__, key]})"
            for key in sorted(exc.extra_fields)
            if (exc.cl.__name__, key) in _RENAMED
        )
        return f"unknown field(s) {keys}; expected only the fields of {exc.cl.__name__}{hints}"
    if isinstance(exc, ValueError | TypeError) and str(exc):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"  # pragma: no cover -- defensive


def error_lines(exc: BaseException) -> list[tuple[str, str]]:
    """Turn a structuring error into ``(path, message)`` pairs, one per bad field.

    Paths are relative to the structured object (``period.end``, ``evidence[0].quote``); an
    empty path means the object as a whole.
    """
    if isinstance(exc, cattrs.BaseValidationError):
        pairs = []
        for line in cattrs.transform_error(exc, path="$", format_exception=_format_exception):
            message, _, path = line.rpartition(" @ ")
            pairs.append((path.removeprefix("$").removeprefix("."), message))
        return pairs
    return [("", _format_exception(exc, None))]

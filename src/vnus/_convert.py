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
import re
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, get_args, get_origin

import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import ForbiddenExtraKeysError

from vnus.types import PartialDate, _describe

__all__ = ["converter", "error_lines", "structure", "unstructure"]

T = TypeVar("T")

_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:[+-]\d{2}:\d{2}|Z)?", re.ASCII
)


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        msg = f"expected a string, got {_describe(value)}"
        raise TypeError(msg)
    return value


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:
        msg = f"expected an integer, got {_describe(value)}"
        raise TypeError(msg)
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        msg = f"expected true or false, got {_describe(value)}"
        raise TypeError(msg)
    return value


def _structure_decimal(value: object, _: type) -> Decimal:
    if not isinstance(value, str) or not _DECIMAL.fullmatch(value):
        msg = f"expected a decimal number as a string such as '21.5', got {_describe(value)}"
        raise ValueError(msg)
    try:
        return Decimal(value)
    except InvalidOperation:  # pragma: no cover -- the pattern admits only valid numbers
        msg = f"invalid decimal {value!r}"
        raise ValueError(msg) from None


def _unstructure_decimal(value: Decimal) -> str:
    return format(value, "f")


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        msg = f"expected an ISO date YYYY-MM-DD, got {_describe(value)}"
        raise ValueError(msg)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"invalid date {value!r}"
        raise ValueError(msg) from None


def _structure_datetime(value: object, _: type) -> dt.datetime:
    if not isinstance(value, str) or not _DATETIME.fullmatch(value):
        msg = f"expected an ISO date and time YYYY-MM-DDTHH:MM, got {_describe(value)}"
        raise ValueError(msg)
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        msg = f"invalid date and time {value!r}"
        raise ValueError(msg) from None


def _structure_partial_date(value: object, _: type) -> PartialDate:
    if not isinstance(value, str):
        msg = f"expected a date string YYYY, YYYY-MM or YYYY-MM-DD, got {_describe(value)}"
        raise TypeError(msg)
    return PartialDate.parse(value)


def _structure_published(value: object, _: type) -> PartialDate | dt.datetime:
    if isinstance(value, str) and "T" in value:
        return _structure_datetime(value, dt.datetime)
    return _structure_partial_date(value, PartialDate)


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    if not isinstance(value, str) or value not in cls.__members__:
        names = ", ".join(cls.__members__)
        msg = f"expected one of {names}, got {_describe(value)}"
        raise ValueError(msg)
    return cls[value]


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _tuple_factory(cls: Any, conv: cattrs.Converter) -> Any:
    """Structure ``tuple[X, ...]`` from a JSON array only (a string is not a sequence here)."""
    base = homogenous_tuple_structure_factory(cls, conv)

    def structure_tuple(value: object, type_: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            msg = f"expected an array, got {_describe(value)}"
            raise TypeError(msg)
        return base(value, type_)  # type: ignore[no-any-return]

    return structure_tuple


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_unstructure_hook(dt.datetime, lambda v: v.isoformat())
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, lambda v: v.isoformat())
    conv.register_structure_hook(PartialDate, _structure_partial_date)
    conv.register_unstructure_hook(PartialDate, str)
    conv.register_structure_hook(PartialDate | dt.datetime, _structure_published)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_factory)
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


def _format_exception(exc: BaseException, _type: type | None) -> str:
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(repr(key) for key in sorted(exc.extra_fields))
        return f"unknown field(s) {keys}; expected only the fields of {exc.cl.__name__}"
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

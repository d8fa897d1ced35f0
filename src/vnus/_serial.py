"""JSON in and out: :func:`to_dict`, :func:`to_json`, :func:`from_dict` and :func:`from_json`.

They go through the one converter of :mod:`vnus._convert`, so the forms are those of the
data files (see the JSON page of the docs): an enum by its member's name, a ``Decimal`` as
a string that keeps every digit, dates as ISO strings at their own precision.
"""

from __future__ import annotations

import enum
import json
import types
import typing
from decimal import Decimal
from typing import Any, TypeVar, overload

import attrs

from vnus._parse import describe as _describe
from vnus.errors import DataError, DataProblem, QueryTypeError

__all__ = ["from_dict", "from_json", "to_dict", "to_json"]

T = TypeVar("T")

_JSON_LEAVES = (str, int, float, bool, type(None))


def _check_tree(value: object, original: object, path: str = "") -> None:
    """Refuse anything in an unstructured tree that is not JSON."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                msg = (
                    f"value must be made of vnus objects, lists, tuples and dicts with string "
                    f"keys, got the key {_describe(key)} at {path or 'the top'}"
                )
                raise QueryTypeError(msg)
            _check_tree(item, original, f"{path}.{key}" if path else key)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _check_tree(item, original, f"{path}[{index}]")
    elif not isinstance(value, _JSON_LEAVES):
        where = f" at {path}" if path else ""
        msg = (
            "value must be a vnus object (a record, a query result, a summary, a Money ...), "
            f"or lists, tuples and dicts of them, got {_describe(value)}{where}"
        )
        raise QueryTypeError(msg)


def to_dict(value: object) -> Any:
    """Return the JSON form of *value*: dicts, lists, strings, numbers, booleans and None.

    *value* is any vnus object (a record, a query's result, a :class:`~vnus.TradeSummary`,
    a :class:`~vnus.TradeSeries`, a ``Money``, a place ...), an enum, a ``Decimal``, a date,
    or lists, tuples and string-keyed dicts of them. Enums come by member name, a
    ``Decimal`` as a string that keeps every digit (``"3400000000"``), dates as ISO strings
    at their own precision (``"1995-07"``). :func:`from_dict` builds the object back.

    >>> import vnus
    >>> form = vnus.to_dict(vnus.trade(reporter="Hanoi", year=2021)[0])
    >>> form["flow"], form["value"]
    ('EXPORT', {'amount': '3400000000', 'currency': 'USD'})
    >>> form["period"]
    {'start': '2021-01-01', 'end': '2021-12-31'}
    >>> vnus.to_dict({1, 2})
    Traceback (most recent call last):
    ...
    vnus.errors.QueryTypeError: value must be a vnus object ..., got {1, 2} (set)
    """
    from vnus._convert import unstructure  # noqa: PLC0415 -- cattrs on first use

    if isinstance(value, float) and value != value:  # noqa: PLR0124 -- NaN is not JSON
        msg = f"value must be finite, got {_describe(value)}"
        raise QueryTypeError(msg)
    if isinstance(value, set | frozenset):
        _check_tree(value, value)
    form = unstructure(value)
    _check_tree(form, value)
    return form


def to_json(value: object, *, indent: int | None = 2) -> str:
    """Return *value* as JSON text (the form of :func:`to_dict`), UTF-8 characters as they are.

    >>> import vnus
    >>> print(vnus.to_json(vnus.Money(Decimal("2.5e9"))))
    {
      "amount": "2500000000",
      "currency": "USD"
    }
    >>> text = vnus.to_json(vnus.milestones())
    >>> vnus.from_json(text, tuple[vnus.Milestone, ...]) == vnus.milestones()
    True
    """
    if indent is not None and (type(indent) is not int or indent < 0):
        msg = f"indent must be a non-negative int or None, got {_describe(indent)}"
        raise QueryTypeError(msg)
    return json.dumps(to_dict(value), indent=indent, ensure_ascii=False, allow_nan=False)


def _vnus_type(cls: object) -> bool:
    """Whether *cls* is a vnus type, or a tuple or list of one, that JSON can build."""
    origin = typing.get_origin(cls)
    if origin in {tuple, list}:
        args = [a for a in typing.get_args(cls) if a is not Ellipsis]
        return len(args) == 1 and _vnus_type(args[0])
    if origin in {typing.Union, types.UnionType}:
        return all(_vnus_type(a) for a in typing.get_args(cls))
    if not isinstance(cls, type):
        return False
    if attrs.has(cls) or issubclass(cls, Decimal):
        return cls.__module__.startswith("vnus") or cls is Decimal
    return issubclass(cls, enum.Enum) and cls.__module__.startswith("vnus")


@overload
def from_dict(data: object, cls: type[T]) -> T: ...
@overload
def from_dict(data: object, cls: Any) -> Any: ...
def from_dict(data: object, cls: Any) -> Any:
    """Build a *cls* from its JSON form (as :func:`to_dict` gives it), checking every field.

    *cls* is a vnus type (``vnus.TradeFigure``, ``vnus.Money``, ``vnus.TradeSummary`` ...)
    or ``tuple[X, ...]`` of one. Every problem is reported at once in a
    :class:`~vnus.DataError` that names the field's path; nothing is coerced (``5`` is not a
    string) and unknown keys are errors.

    >>> import vnus
    >>> vnus.from_dict({"amount": "2500000000", "currency": "EUR"}, vnus.Money)
    Money(amount=Decimal('2500000000'), currency='EUR')
    >>> vnus.from_dict({"amount": 5, "currency": "USD", "colour": "red"}, vnus.Money)
    Traceback (most recent call last):
    ...
    vnus.errors.DataError: 2 problems in the data
      JSON: Money.amount: expected a decimal number as a string such as '21.5', got 5 (int)
      JSON: Money: unknown field(s) 'colour'; expected only the fields of Money
    """
    from vnus._convert import error_lines, structure  # noqa: PLC0415 -- cattrs on first use

    if not _vnus_type(cls):
        msg = (
            "cls must be a vnus type such as vnus.TradeFigure or vnus.Money, or "
            f"tuple[X, ...] of one, got {_describe(cls)}"
        )
        raise QueryTypeError(msg)
    name = getattr(cls, "__name__", None) or repr(cls)
    try:
        return structure(data, cls)
    except Exception as exc:  # noqa: BLE001 -- cattrs' errors, each turned into a problem
        problems = [
            DataProblem("JSON", name, path or None, message) for path, message in error_lines(exc)
        ]
        raise DataError(problems) from None


@overload
def from_json(text: str | bytes | bytearray, cls: type[T]) -> T: ...
@overload
def from_json(text: str | bytes | bytearray, cls: Any) -> Any: ...
def from_json(text: str | bytes | bytearray, cls: Any) -> Any:
    """Build a *cls* from JSON text (as :func:`to_json` writes it); see :func:`from_dict`.

    >>> import vnus
    >>> vnus.from_json('{"amount": "1", "currency": "USD"', vnus.Money)
    Traceback (most recent call last):
    ...
    vnus.errors.DataError: 1 problem in the data
      JSON: Money: not valid JSON: Expecting ',' delimiter: line 1 column 34 (char 33)
    """
    if not isinstance(text, str | bytes | bytearray):
        msg = f"text must be JSON text (str or bytes), got {_describe(text)}"
        raise QueryTypeError(msg)
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        name = getattr(cls, "__name__", None) or repr(cls)
        raise DataError([DataProblem("JSON", name, None, f"not valid JSON: {exc}")]) from None
    return from_dict(data, cls)


def _no_constant(name: str) -> object:
    msg = f"{name} is not a JSON number"
    raise ValueError(msg)

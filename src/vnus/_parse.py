"""The primitive parsers: one function for each form a JSON value can take.

Every path that reads a primitive uses these functions: the value types' validators, the cattrs
converter (:mod:`vnus._convert`) and the fast structurer (:mod:`vnus._fast`). Each parser
returns the parsed value or raises :class:`TypeError` (wrong JSON type) or :class:`ValueError`
(right type, wrong form) with a message that says what was expected and what came in.

>>> decimal("21.5"), date("2021-12-31"), partial_date_parts("1995-07")
(Decimal('21.5'), datetime.date(2021, 12, 31), (1995, 7, None))
>>> decimal("1e3")
Traceback (most recent call last):
...
ValueError: expected a decimal number as a string such as '21.5', got '1e3' (str)
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from decimal import Decimal
from typing import TypeVar

__all__ = [
    "CODE",
    "CURRENCY",
    "SLUG",
    "array",
    "boolean",
    "date",
    "datetime",
    "decimal",
    "describe",
    "integer",
    "member",
    "partial_date_parts",
    "partial_date_text",
    "text",
]

E = TypeVar("E", bound=enum.Enum)

#: A lower-case slug: ASCII letters and digits in runs joined by single hyphens.
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
#: A place code: ISO 3166-1 alpha-2, then optional hyphenated parts (``VN-HN``, ``US-CA-SFO``).
CODE = re.compile(r"[A-Z]{2}(?:-[A-Z0-9]{1,6})*", re.ASCII)
#: An ISO 4217 currency code.
CURRENCY = re.compile(r"[A-Z]{3}", re.ASCII)

_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:[+-]\d{2}:\d{2}|Z)?", re.ASCII
)
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)

_LONG_INT = 10**50
_PRINTABLE_BITS = 10_000  # str() refuses ints of more than 4,300 digits
_SHOWN = 60


def describe(value: object) -> str:
    """Return a short, safe description of *value* for an error message.

    >>> describe("2021x"), describe(10**60)
    ("'2021x' (str)", 'an int of 61 digits (int)')
    """
    if type(value) is int and not -_LONG_INT < value < _LONG_INT:
        digits = len(str(abs(value))) if value.bit_length() < _PRINTABLE_BITS else "many"
        return f"an int of {digits} digits (int)"
    try:
        shown = repr(value)
    except Exception:  # noqa: BLE001 -- a broken __repr__ must not hide the real error
        shown = "<unprintable>"
    if len(shown) > _SHOWN:
        shown = shown[: _SHOWN - 3] + "..."
    return f"{shown} ({type(value).__name__})"


def text(value: object) -> str:
    """A JSON string.

    >>> text(5)
    Traceback (most recent call last):
    ...
    TypeError: expected a string, got 5 (int)
    """
    if not isinstance(value, str):
        msg = f"expected a string, got {describe(value)}"
        raise TypeError(msg)
    return value


def integer(value: object) -> int:
    """A JSON integer (``true`` and ``1.0`` are not integers).

    >>> integer(True)
    Traceback (most recent call last):
    ...
    TypeError: expected an integer, got True (bool)
    """
    if type(value) is not int:
        msg = f"expected an integer, got {describe(value)}"
        raise TypeError(msg)
    return value


def boolean(value: object) -> bool:
    """A JSON boolean (``1`` and ``"true"`` are not booleans).

    >>> boolean(1)
    Traceback (most recent call last):
    ...
    TypeError: expected true or false, got 1 (int)
    """
    if type(value) is not bool:
        msg = f"expected true or false, got {describe(value)}"
        raise TypeError(msg)
    return value


def member(cls: type[E], value: object) -> E:
    """An enum member by its exact name (``"EXPORT"``).

    >>> import enum
    >>> member(enum.Enum("Flow", "EXPORT IMPORT"), "export")
    Traceback (most recent call last):
    ...
    ValueError: expected one of EXPORT, IMPORT, got 'export' (str)
    """
    members = cls.__members__
    if not isinstance(value, str) or value not in members:
        msg = f"expected one of {', '.join(members)}, got {describe(value)}"
        raise ValueError(msg)
    return members[value]


def array(value: object) -> list[object] | tuple[object, ...]:
    """A JSON array (a string is not a sequence here).

    >>> array("abc")
    Traceback (most recent call last):
    ...
    TypeError: expected an array, got 'abc' (str)
    """
    if not isinstance(value, list | tuple):
        msg = f"expected an array, got {describe(value)}"
        raise TypeError(msg)
    return value


def decimal(value: object) -> Decimal:
    """A decimal number written as a string of ASCII digits: ``"21.5"``, ``"-3"``.

    No exponent, sign ``+``, surrounding white space, ``NaN`` or non-ASCII digits.

    >>> decimal(21.5)
    Traceback (most recent call last):
    ...
    TypeError: expected a decimal number as a string such as '21.5', got 21.5 (float)
    """
    if not isinstance(value, str):
        msg = f"expected a decimal number as a string such as '21.5', got {describe(value)}"
        raise TypeError(msg)
    if not _DECIMAL.fullmatch(value):
        msg = f"expected a decimal number as a string such as '21.5', got {describe(value)}"
        raise ValueError(msg)
    return Decimal(value)


def date(value: object) -> dt.date:
    """An ISO date ``YYYY-MM-DD`` that exists in the calendar.

    >>> date("2021-02-30")
    Traceback (most recent call last):
    ...
    ValueError: invalid date '2021-02-30'
    """
    if not isinstance(value, str):
        msg = f"expected an ISO date YYYY-MM-DD, got {describe(value)}"
        raise TypeError(msg)
    if not _DATE.fullmatch(value):
        msg = f"expected an ISO date YYYY-MM-DD, got {describe(value)}"
        raise ValueError(msg)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"invalid date {value!r}"
        raise ValueError(msg) from None


def datetime(value: object) -> dt.datetime:
    """An ISO date and time with a ``T``: ``2020-07-14T08:46:00``, optionally with a zone.

    >>> from vnus import _parse
    >>> _parse.datetime("2020-07-14T08:46")
    datetime.datetime(2020, 7, 14, 8, 46)
    """
    if not isinstance(value, str):
        msg = f"expected an ISO date and time YYYY-MM-DDTHH:MM, got {describe(value)}"
        raise TypeError(msg)
    if not _DATETIME.fullmatch(value):
        msg = f"expected an ISO date and time YYYY-MM-DDTHH:MM, got {describe(value)}"
        raise ValueError(msg)
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        msg = f"invalid date and time {value!r}"
        raise ValueError(msg) from None


def partial_date_text(value: object) -> str:
    """The JSON string of a partial date, unparsed (a TypeError for any other JSON type)."""
    if not isinstance(value, str):
        msg = f"expected a date string YYYY, YYYY-MM or YYYY-MM-DD, got {describe(value)}"
        raise TypeError(msg)
    return value


def partial_date_parts(value: object) -> tuple[int, int | None, int | None]:
    """Split ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into its numbers (ranges not checked).

    >>> partial_date_parts("July 1995")
    Traceback (most recent call last):
    ...
    ValueError: invalid partial date 'July 1995': expected YYYY, YYYY-MM or YYYY-MM-DD
    """
    match = _PARTIAL_DATE.fullmatch(partial_date_text(value))
    if match is None:
        msg = f"invalid partial date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD"
        raise ValueError(msg)
    year, month, day = match.groups()
    return int(year), None if month is None else int(month), None if day is None else int(day)

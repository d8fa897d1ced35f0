"""Checking the arguments of the queries.

Every bad argument becomes an :class:`~vnus.errors.InvalidQueryError` naming it (a
:class:`~vnus.errors.QueryTypeError`, also a :class:`TypeError`, when its type is wrong), and
every unknown name an :class:`~vnus.errors.UnknownNameError` with suggestions.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import TypeVar

from vnus._parse import describe
from vnus.errors import InvalidQueryError, QueryTypeError, UnknownNameError
from vnus.types import MAX_YEAR, MIN_YEAR

__all__ = [
    "Uncacheable",
    "check_as_of",
    "check_bound",
    "check_enum",
    "check_flag",
    "check_range",
    "check_text",
    "check_year",
    "invalid",
    "key_part",
    "suggest",
    "unknown",
]

E = TypeVar("E", bound=enum.Enum)

#: How much of a query is quoted back in a message.
SHOWN = 200


def invalid(name: str, expected: str, value: object, *, wrong_type: bool) -> InvalidQueryError:
    """The error for argument *name*: what was *expected*, and what came in."""
    cls = QueryTypeError if wrong_type else InvalidQueryError
    return cls(f"{name} must be {expected}, got {describe(value)}")


def suggest(query: str, candidates: Iterable[str]) -> tuple[str, ...]:
    """Up to three close matches of *query* among *candidates*."""
    import difflib  # noqa: PLC0415 -- only when a lookup fails

    return tuple(difflib.get_close_matches(query, list(candidates), n=3, cutoff=0.6))


def unknown(
    what: str, argument: str, query: str, candidates: Iterable[str], *, expected: str
) -> UnknownNameError:
    """The error for a name that matched nothing, with close matches among *candidates*."""
    shown = query[:SHOWN]
    return UnknownNameError(
        what, shown, suggest(shown, candidates), argument=argument, expected=expected
    )


def check_year(name: str, value: object) -> int:
    """A calendar year: an int from 1000 to 9999."""
    if type(value) is not int or not MIN_YEAR <= value <= MAX_YEAR:
        expected = f"an int between {MIN_YEAR} and {MAX_YEAR}"
        error = invalid(name, expected, value, wrong_type=type(value) is not int)
        raise error
    return value


def _exact_date(value: dt.date) -> dt.date | None:
    """*value* (a date, a datetime, or a subclass such as pandas' Timestamp) as a plain date.

    None where it denotes no day at all (pandas' ``NaT`` is a datetime with no date).
    """
    try:
        day = dt.date(value.year, value.month, value.day)
    except (TypeError, ValueError, AttributeError):
        return None
    return day


def check_as_of(value: object) -> dt.date | None:
    """None, a date (a datetime counts by its date), or a year: its last day, 31 December.

    A year is taken as ``until`` takes it: what was published by the end of that year.
    """
    if value is None:
        return None
    if isinstance(value, dt.date):
        day = _exact_date(value)
        if day is not None:
            return day
    if type(value) is int and MIN_YEAR <= value <= MAX_YEAR:
        return dt.date(value, 12, 31)
    expected = f"None, a year (int {MIN_YEAR}-{MAX_YEAR}) or a datetime.date"
    error = invalid("as_of", expected, value, wrong_type=type(value) is not int)
    raise error


def check_bound(name: str, value: object, *, end: bool) -> dt.date | None:
    """A ``since``/``until`` bound: None, a year, or a date; a year is its first or last day."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        day = _exact_date(value)
        if day is not None and MIN_YEAR <= day.year <= MAX_YEAR:
            return day
    if type(value) is int and MIN_YEAR <= value <= MAX_YEAR:
        return dt.date(value, 12, 31) if end else dt.date(value, 1, 1)
    expected = f"None, a year (int {MIN_YEAR}-{MAX_YEAR}) or a datetime.date in those years"
    wrong_type = not (type(value) is int or isinstance(value, dt.date))
    error = invalid(name, expected, value, wrong_type=wrong_type)
    raise error


def check_range(since: object, until: object) -> tuple[dt.date | None, dt.date | None]:
    """Both bounds of a range, the first not after the second."""
    low = check_bound("since", since, end=False)
    high = check_bound("until", until, end=True)
    if low is not None and high is not None and low > high:
        msg = f"since must not be after until, got since {since!r} and until {until!r}"
        raise InvalidQueryError(msg)
    return low, high


def check_enum(name: str, value: object, cls: type[E]) -> E | None:
    """None, a member of *cls*, or a member's name in any case."""
    if value is None:
        return None
    if isinstance(value, cls):
        return value
    names = ", ".join(cls.__members__)
    if not isinstance(value, str):
        expected = f"None, a {cls.__name__} or one of its names ({names})"
        error = invalid(name, expected, value, wrong_type=True)
        raise error
    key = value.strip().upper()
    member = cls.__members__.get(key)
    if member is None:
        close = suggest(key[:SHOWN], cls.__members__)
        raise UnknownNameError(
            name, value[:SHOWN], close, argument=name, expected=f"one of {names}"
        )
    return member


def check_flag(name: str, value: object) -> bool:
    """True or False, nothing else (not 0, 1 or a string)."""
    if type(value) is not bool:
        error = invalid(name, "True or False", value, wrong_type=True)
        raise error
    return value


def check_text(name: str, value: object) -> str:
    """A string, as a plain :class:`str` (a subclass's own methods are never called)."""
    if type(value) is str:
        return value
    if not isinstance(value, str):
        error = invalid(name, "a string", value, wrong_type=True)
        raise error
    return str.__str__(value)


#: The argument types a cache key may hold: exact built-in and vnus types, whose equality and
#: hash no caller can redefine.
_KEYABLE = frozenset({type(None), bool, int, str, dt.date, dt.datetime, type})
#: Longer strings are never cached: no name is this long, and the cache must stay small.
_LONGEST_KEY = 256


class Uncacheable(TypeError):  # noqa: N818 -- a signal: answer without the cache
    """An argument cannot be part of a cache key."""


def key_part(value: object) -> tuple[type, object]:
    """One argument's part of a cache key: its type and value (a datetime by its ISO text).

    Keys carry each argument's type, so ``True`` is never mistaken for ``1``; two equal
    instants in different time zones fall on different local dates. Only exact built-in
    types, vnus's enums and its frozen value types can be keys: any other argument (a ``str``
    subclass that redefines equality, a pandas Timestamp) raises :class:`Uncacheable`, and the
    query is answered without the cache. So are strings too long to be names.
    """
    kind = type(value)
    if kind in _KEYABLE or getattr(kind, "__module__", "").startswith("vnus."):
        if kind is str and len(value) > _LONGEST_KEY:  # type: ignore[arg-type]
            raise Uncacheable
        if kind is dt.datetime:
            return (kind, value.isoformat())  # type: ignore[attr-defined]
        return (kind, value)
    raise Uncacheable

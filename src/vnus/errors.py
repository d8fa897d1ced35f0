"""The exceptions vnus raises.

Every exception is a :class:`VnusError`; each subclass also derives from the builtin that
callers would expect, and the command line's exit code follows from the class:

- :class:`UnknownNameError` (a :class:`LookupError`; :class:`UnknownPlaceError` is one): a
  place, sector, metric, source, kind or person matched nothing. Exit code 1.
- :class:`NoDataError` (a :class:`LookupError`): a valid query found nothing to return. Exit 1.
- :class:`InvalidQueryError` (a :class:`ValueError`): an argument's value is wrong. Exit 2.
- :class:`QueryTypeError` (an ``InvalidQueryError`` and a :class:`TypeError`): an argument's
  type is wrong. Exit 2.
- :class:`DataError` (a :class:`ValueError`): a data directory does not load. Exit 3.

>>> import vnus
>>> try:
...     vnus.place("Atlantis")
... except LookupError as exc:
...     print(type(exc).__name__, exc.query)
UnknownPlaceError Atlantis
"""

from __future__ import annotations

import attrs

from vnus._role import fields_repr

__all__ = [
    "DataError",
    "DataProblem",
    "InvalidQueryError",
    "NoDataError",
    "QueryTypeError",
    "UnknownNameError",
    "UnknownPlaceError",
    "VnusError",
]


def __dir__() -> list[str]:
    return list(__all__)


class VnusError(Exception):
    """The base of every exception vnus raises on purpose.

    >>> import vnus
    >>> issubclass(vnus.NoDataError, VnusError)
    True
    """


class UnknownNameError(VnusError, LookupError):
    """A name matched nothing: a place, sector, metric, source, kind or person.

    ``what`` says what was looked up (``"place"``, ``"sector"``, ``"flow"`` ...); ``query`` is
    what was asked for; ``suggestions`` holds up to three close matches; ``argument`` names the
    argument that held the query; ``reason`` says why the query does not resolve where there is
    more to say than that it matches nothing (a place query that is another country's ISO
    code), else None.

    >>> import vnus
    >>> try:
    ...     vnus.sector_priorities(sector="semicondcutors")
    ... except LookupError as exc:
    ...     print(type(exc).__name__, exc.what, exc.argument, exc.suggestions)
    UnknownNameError sector sector ('semiconductors',)
    """

    def __init__(
        self,
        what: str,
        query: str,
        suggestions: tuple[str, ...] = (),
        *,
        argument: str,
        expected: str,
        reason: str | None = None,
    ) -> None:
        """Build the message.

        *expected* says what would have been accepted; *reason*, where given, why the query
        does not resolve.
        """
        self.what = what
        self.query = query
        self.suggestions = suggestions
        self.argument = argument
        self.reason = reason
        msg = f"{argument}: unknown {what} {query!r}"
        if reason:
            msg += f"; {reason}"
        if suggestions:
            msg += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
        else:
            msg += f"; expected {expected}"
        super().__init__(msg)


class UnknownPlaceError(UnknownNameError):
    """A place query matched no code, name or alias.

    >>> import vnus
    >>> try:
    ...     vnus.trade(reporter="Hanoy")
    ... except UnknownPlaceError as exc:
    ...     print(exc.argument, exc.query, exc.suggestions)
    reporter Hanoy ('Hanoi', 'Hà Nội', 'Hanoi city')

    A country code of a country the dataset does not hold is never read as another place:

    >>> vnus.place("CA")
    Traceback (most recent call last):
    ...
    vnus.errors.UnknownPlaceError: query: unknown place 'CA'; 'CA' is the ISO 3166-1 code of
    Canada, which the dataset does not hold; did you mean 'California'?
    """

    def __init__(
        self,
        query: str,
        suggestions: tuple[str, ...] = (),
        *,
        argument: str = "place",
        reason: str | None = None,
    ) -> None:
        """Build the message from the *argument* name, *query*, *suggestions* and *reason*."""
        super().__init__(
            "place",
            query,
            suggestions,
            argument=argument,
            expected="a place code, name or alias (see vnus.places())",
            reason=reason,
        )


class NoDataError(VnusError, LookupError):
    """A valid query that must return a value found nothing to return.

    >>> import vnus
    >>> vnus.trade_with_us("Hanoi", 2020)
    Traceback (most recent call last):
    ...
    vnus.errors.NoDataError: year: no full-year trade figure for Hanoi (VN-HN) with the United
    States in 2020; years with data: 2019, 2021
    """


class InvalidQueryError(VnusError, ValueError):
    """An argument has the wrong value; the message names the argument.

    >>> import vnus
    >>> vnus.trade(year=20210)
    Traceback (most recent call last):
    ...
    vnus.errors.InvalidQueryError: year must be an int between 1000 and 9999, got 20210 (int)
    """


class QueryTypeError(InvalidQueryError, TypeError):
    """An argument has the wrong type; also a :class:`TypeError`.

    >>> import vnus
    >>> vnus.trade(year="2021")
    Traceback (most recent call last):
    ...
    vnus.errors.QueryTypeError: year must be an int between 1000 and 9999, got '2021' (str)
    """


@attrs.frozen
class DataProblem:
    """One thing wrong with a data directory: where it is and what was expected.

    >>> str(DataProblem("trade.json", "records[3] (id 'x')", "period.end", "invalid date"))
    "trade.json: records[3] (id 'x').period.end: invalid date"
    """

    __repr__ = fields_repr

    file: str
    record: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        """Return ``file: record.field: message`` with the parts that are known."""
        where = self.file
        location = ".".join(part for part in (self.record, self.field) if part)
        if location:
            where += f": {location}"
        return f"{where}: {self.message}"


class DataError(VnusError, ValueError):
    """A data directory or file does not load; ``problems`` says every reason found.

    >>> import tempfile, vnus
    >>> with tempfile.TemporaryDirectory() as empty:
    ...     try:
    ...         vnus.Dataset.from_directory(empty)
    ...     except DataError as exc:
    ...         print([p.file for p in exc.problems])
    ['sources.json', 'places.json', 'sectors.json']
    """

    def __init__(self, problems: tuple[DataProblem, ...] | list[DataProblem]) -> None:
        """Join the problems into one message, one per line."""
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the data"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))

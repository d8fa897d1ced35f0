"""The small value types every vnus record is made of.

All of them are frozen, slotted :mod:`attrs` classes or enums: a value handed to a caller can
never change under another caller's feet.

>>> from vnus.types import Money, PartialDate, Period
>>> str(Money(Decimal("3400000000")))
'US$3.4 billion'
>>> PartialDate.parse("1995-07").latest
datetime.date(1995, 7, 31)
>>> str(Period.half_year(2022, 1))
'2022-01..2022-06'
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

import attrs

from vnus import _deferred
from vnus._parse import (
    CODE,
    CURRENCY,
    SLUG,
    datetime as parse_datetime,
    describe as _describe,
    partial_date_parts,
    partial_date_text,
)
from vnus._role import fields_eq, fields_hash, fields_repr, sealed

__all__ = [
    "Correction",
    "Evidence",
    "Flow",
    "Money",
    "Official",
    "PartialDate",
    "Period",
    "Person",
    "Place",
    "PlaceKind",
    "Qualifier",
    "Retrieval",
    "RetrievedFile",
    "Sector",
    "Source",
    "SourceKind",
    "Status",
]


def __dir__() -> list[str]:
    return list(__all__)


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """The number of days of a month (the calendar module costs more to import)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):  # noqa: PLR2004
        return 29
    return _DAYS_IN_MONTH[month - 1]


MIN_YEAR = 1000
MAX_YEAR = 9999

_SCALES = ((Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))


def _require_int(name: str, value: object, low: int, high: int) -> None:
    if type(value) is not int or not low <= value <= high:
        msg = f"{name} must be an int between {low} and {high}, got {_describe(value)}"
        raise ValueError(msg)


def _require_text(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a non-empty, stripped string."""
    if not isinstance(value, str) or not value or value != value.strip():
        msg = (
            f"{attribute.name} must be a non-empty string without surrounding whitespace, "
            f"got {_describe(value)}"
        )
        raise ValueError(msg)


def _optional_text(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _require_text(inst, attribute, value)


def _text_tuple(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a tuple of distinct, non-empty, stripped strings."""
    if not isinstance(value, tuple):
        msg = f"{attribute.name} must be a tuple of strings, got {_describe(value)}"
        raise TypeError(msg)
    if not value:
        return
    for item in value:
        if not isinstance(item, str) or not item or item != item.strip():
            msg = f"{attribute.name} must hold non-empty strings, got {_describe(item)}"
            raise ValueError(msg)
    if len(value) > 1 and len(set(value)) != len(value):
        msg = f"{attribute.name} must not repeat an entry, got {value!r}"
        raise ValueError(msg)


# --------------------------------------------------------------------------------------------
# Enums
# --------------------------------------------------------------------------------------------


class Qualifier(enum.Enum):
    """How a figure is qualified in its source's wording.

    >>> Qualifier.NEARLY.value
    'nearly'
    """

    #: The figure is stated without a qualifier.
    EXACT = "exact"
    #: "approximately", "about": the true value lies on either side.
    ABOUT = "about"
    #: "nearly", "almost": the true value lies just below.
    NEARLY = "nearly"
    #: "over", "exceeding", "more than": the true value lies above.
    OVER = "over"
    #: "estimated": a provisional figure.
    ESTIMATED = "estimated"


class Flow(enum.Enum):
    """The direction of a trade figure, seen from its reporter.

    >>> Flow["EXPORT"] is Flow.EXPORT
    True
    """

    #: Goods sold by the reporter to the partner.
    EXPORT = "export"
    #: Goods bought by the reporter from the partner.
    IMPORT = "import"
    #: Two-way trade: exports plus imports.
    TOTAL = "total"


class Status(enum.Enum):
    """Whether an event had happened when its source was published.

    >>> Status.PLANNED.name
    'PLANNED'
    """

    #: The event took place (or was under way) when the source was published.
    HAPPENED = "happened"
    #: The event was announced or expected, not yet held.
    PLANNED = "planned"


class PlaceKind(enum.Enum):
    """What kind of place a :class:`Place` is.

    >>> PlaceKind.SUBDIVISION.value
    'subdivision'
    """

    #: A country (ISO 3166-1 alpha-2 code).
    COUNTRY = "country"
    #: A first-level subdivision: a province, municipality or state (ISO 3166-2 code).
    SUBDIVISION = "subdivision"
    #: A city inside a subdivision (code: parent code, a hyphen, a UN/LOCODE location code).
    CITY = "city"
    #: A named area inside a city or subdivision, such as a hi-tech park (code: parent code, a
    #: hyphen and a short code vnus assigns, e.g. ``VN-HN-HLA`` for Hoa Lac).
    AREA = "area"
    #: A grouping of countries, such as ASEAN.
    REGION = "region"


# --------------------------------------------------------------------------------------------
# Money
# --------------------------------------------------------------------------------------------


#: The largest magnitude a Money amount may have: beyond it a figure is nonsense, not data.
MAX_AMOUNT = Decimal(10) ** 24
#: The smallest exponent a Money amount may have (twelve decimal places).
MIN_EXPONENT = -12
# Exact arithmetic for amounts within MAX_AMOUNT (the default context rounds to 28 digits).
_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
# Its operations, bound once: the arithmetic of Money calls them directly.
_ADD, _SUBTRACT, _MINUS, _ABS = _EXACT.add, _EXACT.subtract, _EXACT.minus, _EXACT.abs


def _check_amount(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Decimal):
        msg = f"amount must be a Decimal, got {_describe(value)}"
        raise TypeError(msg)
    if not value.is_finite():
        msg = f"amount must be a finite Decimal, got {value!r}"
        raise ValueError(msg)
    exponent = value.as_tuple().exponent
    # copy_abs, not abs(): abs() rounds in the caller's decimal context, and the limit is exact.
    if value.copy_abs() >= MAX_AMOUNT or (isinstance(exponent, int) and exponent < MIN_EXPONENT):
        msg = (
            f"amount must be below 10**24 in magnitude with at most {-MIN_EXPONENT} decimal "
            f"places, got {_describe(value)}"
        )
        raise ValueError(msg)


def _check_currency(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not CURRENCY.fullmatch(value):
        msg = f"currency must be three upper-case ASCII letters (ISO 4217), got {_describe(value)}"
        raise ValueError(msg)


def _plain(number: Decimal) -> str:
    """Format *number* without exponent and without trailing fractional zeros."""
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@sealed
@attrs.frozen(order=False)
class Money:
    """An amount of money in whole currency units.

    ``3.4 billion`` US dollars is ``Money(Decimal("3400000000"))``. Amounts may be negative
    (a trade balance can be), but never infinite or NaN.

    >>> m = Money(Decimal("278430000"))
    >>> str(m)
    'US$278.43 million'
    >>> str(Money(Decimal("55000000"), "EUR"))
    'EUR 55 million'
    >>> Money(Decimal("1"), "usd")
    Traceback (most recent call last):
    ...
    ValueError: currency must be three upper-case ASCII letters (ISO 4217), got 'usd' (str)

    Amounts of one currency add, subtract, compare and sort exactly (``sum()`` works too);
    ``float()`` gives the amount as a float, and a format spec formats the amount alone:

    >>> a, b = Money(Decimal("3.4e9")), Money(Decimal("1.3e9"))
    >>> str(sum([a, b])), a > b, str(min(a, b)), float(b)
    ('US$4.7 billion', True, 'US$1.3 billion', 1300000000.0)
    >>> f"US${a - b:,.0f}"
    'US$2,100,000,000'
    >>> a < Money(Decimal(1), "EUR")
    Traceback (most recent call last):
    ...
    ValueError: cannot compare USD with EUR: amounts in different currencies

    .. versionchanged:: 0.2.0
       Addition with ``sum()``, comparison, ``float()``, negation and format specs.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    amount: Decimal = attrs.field(validator=_check_amount)
    currency: str = attrs.field(default="USD", validator=_check_currency)

    def __str__(self) -> str:
        """Return a readable form: ``US$3.4 billion``, ``US$25 million``, ``US$950``."""
        amount = self.amount
        sign = "-" if amount < 0 else ""
        magnitude = amount.copy_abs()  # exact: abs() would round in the caller's context
        prefix = "US$" if self.currency == "USD" else f"{self.currency} "
        for scale, word in _SCALES:
            if magnitude >= scale:
                return f"{sign}{prefix}{_plain(_EXACT.divide(magnitude, scale))} {word}"
        whole = _plain(magnitude)
        integral, _, fraction = whole.partition(".")
        grouped = f"{int(integral):,}" + (f".{fraction}" if fraction else "")
        return f"{sign}{prefix}{grouped}"

    def __add__(self, other: Money) -> Money:
        """Add two amounts of the same currency.

        >>> str(Money(Decimal("3.4e9")) + Money(Decimal("1.3e9")))
        'US$4.7 billion'
        """
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            msg = f"cannot add {other.currency} to {self.currency}"
            raise ValueError(msg)
        return _sum_of_valid(_ADD(self.amount, other.amount), self.currency)

    def __sub__(self, other: Money) -> Money:
        """Subtract two amounts of the same currency.

        >>> str(Money(Decimal("3.4e9")) - Money(Decimal("1.3e9")))
        'US$2.1 billion'
        """
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            msg = f"cannot subtract {other.currency} from {self.currency}"
            raise ValueError(msg)
        return _sum_of_valid(_SUBTRACT(self.amount, other.amount), self.currency)

    def __radd__(self, other: object) -> Money:
        """Let ``sum()`` start from its default ``0``: ``0 + m`` is ``m``.

        >>> str(sum([Money(Decimal(5)), Money(Decimal(7))]))
        'US$12'
        """
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __neg__(self) -> Money:
        """The same amount with the other sign (a deficit from a surplus)."""
        return _valid_money(_MINUS(self.amount), self.currency)

    def __abs__(self) -> Money:
        """The amount without its sign."""
        return _valid_money(_ABS(self.amount), self.currency)

    def _same_currency(self, other: Money, verb: str) -> None:
        if other.currency != self.currency:
            msg = (
                f"cannot {verb} {self.currency} with {other.currency}: "
                "amounts in different currencies"
            )
            raise ValueError(msg)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "compare")
        return self.amount < other.amount

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "compare")
        return self.amount <= other.amount

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "compare")
        return self.amount > other.amount

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "compare")
        return self.amount >= other.amount

    def __float__(self) -> float:
        """The amount as a float (the nearest one: a float cannot hold every Decimal)."""
        return float(self.amount)

    def __format__(self, spec: str) -> str:
        """Format the amount alone with *spec* (any :class:`~decimal.Decimal` format).

        An empty spec gives :meth:`__str__` (``f"{m}"`` is ``str(m)``).

        >>> m = Money(Decimal("278430000"))
        >>> f"{m}", f"{m:,.0f}", f"{m:.3e}"
        ('US$278.43 million', '278,430,000', '2.784e+8')
        """
        if not spec:
            return str(self)
        return format(self.amount, spec)


_new = object.__new__
_set_amount = Money.__dict__["amount"].__set__
_set_currency = Money.__dict__["currency"].__set__


def _valid_money(amount: Decimal, currency: str) -> Money:
    """The :class:`Money` of a valid *amount* and *currency*, built without the validators.

    Only for values :class:`Money`'s validators have already accepted, or that follow from
    such values: the negation or the magnitude of a valid amount is valid (see
    :func:`_sum_of_valid` for sums). The result equals ``Money(amount, currency)``.
    """
    made: Money = _new(Money)
    _set_amount(made, amount)
    _set_currency(made, currency)
    return made


def _sum_of_valid(amount: Decimal, currency: str) -> Money:
    """The :class:`Money` of the exact sum or difference of two valid amounts of *currency*.

    Such an amount is finite, and has no more decimal places than its operands: only its
    magnitude can be out of range (two amounts just below the limit add up to more), and
    then the validating constructor raises its error.
    """
    if amount.copy_abs() >= MAX_AMOUNT:
        return Money(amount, currency)
    made: Money = _new(Money)  # as _valid_money does, without one more call
    _set_amount(made, amount)
    _set_currency(made, currency)
    return made


# --------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------


def _month_key(value: int | None) -> int:
    return 0 if value is None else value


@sealed
@attrs.frozen(order=True)
class PartialDate:
    """A date known to the year, the month or the day.

    Ordering is total: by year, then month, then day, where an unknown month or day sorts
    before every known one (``2017 < 2017-01 < 2017-01-01``), so that ``a < b`` implies
    ``a.earliest <= b.earliest``.

    >>> PartialDate(2017) < PartialDate(2017, 1) < PartialDate(2017, 1, 1)
    True
    >>> str(PartialDate.parse("2024-06-25"))
    '2024-06-25'
    >>> PartialDate(2023, 2, 30)
    Traceback (most recent call last):
    ...
    ValueError: day must be an int between 1 and 28, got 30 (int)
    """

    __repr__ = fields_repr

    year: int
    month: int | None = attrs.field(default=None, order=_month_key)
    day: int | None = attrs.field(default=None, order=_month_key)

    def __attrs_post_init__(self) -> None:
        _require_int("year", self.year, MIN_YEAR, MAX_YEAR)
        if self.month is not None:
            _require_int("month", self.month, 1, 12)
        if self.day is not None:
            if self.month is None:
                msg = f"a day needs a month, got day {self.day!r} without one"
                raise ValueError(msg)
            last = _days_in_month(self.year, self.month)
            _require_int("day", self.day, 1, last)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Parse the ISO forms ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD``.

        Args:
            text: The date as ISO text: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Returns:
            The :class:`PartialDate`, at the precision of *text*.

        Raises:
            ValueError: *text* is not in one of the three forms, or names no real date.

        >>> PartialDate.parse("1995-07")
        PartialDate(year=1995, month=7, day=None)
        >>> PartialDate.parse("July 1995")
        Traceback (most recent call last):
        ...
        ValueError: invalid partial date 'July 1995': expected YYYY, YYYY-MM or YYYY-MM-DD
        """
        try:
            year, month, day = partial_date_parts(text)
        except TypeError:
            msg = f"invalid partial date {_describe(text)!r}: expected YYYY, YYYY-MM or YYYY-MM-DD"
            raise ValueError(msg) from None
        try:
            return cls(year, month, day)
        except ValueError as exc:
            msg = f"invalid partial date {text!r}: {exc}"
            raise ValueError(msg) from None

    @classmethod
    def from_date(cls, value: dt.date) -> Self:
        """Return the day-precision partial date of *value*.

        Args:
            value: A :class:`datetime.date` (a datetime counts by its day).

        Returns:
            The :class:`PartialDate` of that day.

        Raises:
            TypeError: *value* is not a date.

        >>> str(PartialDate.from_date(datetime.date(2023, 9, 10)))
        '2023-09-10'
        """
        given: object = value  # checked at run time: callers may pass anything
        if not isinstance(given, dt.date):
            msg = f"value must be a datetime.date, got {_describe(given)}"
            raise TypeError(msg)
        return cls(given.year, given.month, given.day)

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def earliest(self) -> dt.date:
        """The first day this date can denote."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day this date can denote."""
        if self.month is None:
            return dt.date(self.year, 12, 31)
        if self.day is None:
            return dt.date(self.year, self.month, _days_in_month(self.year, self.month))
        return dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        """Return the ISO form at this date's precision."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def partial_date_from_json(value: object) -> PartialDate:
    """A :class:`PartialDate` from its JSON string; a TypeError for any other JSON type.

    The one parser of this form, for the cattrs converter and the fast structurer alike.
    """
    return PartialDate.parse(partial_date_text(value))


def published_from_json(value: object) -> PartialDate | dt.datetime:
    """A source's ``published``: a date and time where it has a ``T``, else a partial date."""
    if isinstance(value, str) and "T" in value:
        return parse_datetime(value)
    return partial_date_from_json(value)


def _check_date(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not dt.date:
        msg = f"{attribute.name} must be a datetime.date, got {_describe(value)}"
        raise TypeError(msg)
    _check_year(attribute.name, value)


def _check_year(name: str, value: dt.date) -> None:
    """Dates lie in the years MIN_YEAR to MAX_YEAR, as a PartialDate's year does."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        msg = f"{name} must lie in the years {MIN_YEAR} to {MAX_YEAR}, got {value.isoformat()}"
        raise ValueError(msg)


@sealed
@attrs.frozen(order=True)
class Period:
    """An inclusive span of days, ``start <= end``.

    >>> p = Period.calendar_year(2021)
    >>> p.is_full_year, p.year, str(p)
    (True, 2021, '2021')
    >>> datetime.date(2021, 6, 1) in p
    True
    >>> Period.month_range(2022, 1, 6) in p
    False
    >>> Period(datetime.date(2022, 2, 1), datetime.date(2022, 1, 1))
    Traceback (most recent call last):
    ...
    ValueError: start must not be after end, got start 2022-02-01 and end 2022-01-01
    """

    __repr__ = fields_repr

    start: dt.date = attrs.field(validator=_check_date)
    end: dt.date = attrs.field(validator=_check_date)

    def __attrs_post_init__(self) -> None:
        if self.start > self.end:
            msg = f"start must not be after end, got start {self.start} and end {self.end}"
            raise ValueError(msg)

    @classmethod
    def calendar_year(cls, year: int) -> Self:
        """Return 1 January to 31 December of *year*.

        Args:
            year: An int from 1000 to 9999.

        Returns:
            The :class:`Period` of that whole year.

        Raises:
            ValueError: *year* is outside 1000 to 9999.

        >>> str(Period.calendar_year(2019))
        '2019'
        """
        _require_int("year", year, MIN_YEAR, MAX_YEAR)
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def month_range(cls, year: int, first: int, last: int) -> Self:
        """Return the first day of month *first* to the last day of month *last* of *year*.

        Args:
            year: An int from 1000 to 9999.
            first: The first month, 1 to 12.
            last: The last month, from *first* to 12.

        Returns:
            The :class:`Period` from the first day of *first* to the last day of *last*.

        Raises:
            ValueError: An argument is out of its range.

        >>> str(Period.month_range(2024, 1, 8))
        '2024-01..2024-08'
        """
        _require_int("year", year, MIN_YEAR, MAX_YEAR)
        _require_int("first", first, 1, 12)
        _require_int("last", last, first, 12)
        end = dt.date(year, last, _days_in_month(year, last))
        return cls(dt.date(year, first, 1), end)

    @classmethod
    def half_year(cls, year: int, half: int) -> Self:
        """Return the first (``half=1``) or second (``half=2``) half of *year*.

        Args:
            year: An int from 1000 to 9999.
            half: 1 for January to June, 2 for July to December.

        Returns:
            The :class:`Period` of that half year.

        Raises:
            ValueError: An argument is out of its range.

        >>> str(Period.half_year(2022, 2))
        '2022-07..2022-12'
        """
        _require_int("half", half, 1, 2)
        return cls.month_range(year, 1, 6) if half == 1 else cls.month_range(year, 7, 12)

    @property
    def is_full_year(self) -> bool:
        """Whether this period is exactly one calendar year."""
        return (
            self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )

    @property
    def year(self) -> int | None:
        """The calendar year this period lies in, or ``None`` if it spans several."""
        return self.start.year if self.start.year == self.end.year else None

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day.

        Args:
            other: Another :class:`Period`.

        Returns:
            True when the two periods share at least one day.

        Raises:
            TypeError: *other* is not a Period.

        >>> Period.half_year(2022, 1).overlaps(Period.month_range(2022, 6, 8))
        True
        """
        given: object = other  # checked at run time: callers may pass anything
        if not isinstance(given, Period):
            msg = f"other must be a Period, got {_describe(given)}"
            raise TypeError(msg)
        return self.start <= given.end and given.start <= self.end

    def __contains__(self, item: object) -> bool:
        """Whether a date, or every day of a period, lies within this period."""
        if isinstance(item, Period):
            return self.start <= item.start and item.end <= self.end
        if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
            return self.start <= item <= self.end
        return False

    def __str__(self) -> str:
        """Return the most compact form: a year, a month range, or a day range."""
        start, end = self.start, self.end
        if self.is_full_year:
            return f"{start.year:04d}"
        month_aligned = start.day == 1 and end.day == _days_in_month(end.year, end.month)
        if month_aligned:
            if (start.year, start.month) == (end.year, end.month):
                return f"{start.year:04d}-{start.month:02d}"
            return f"{start.year:04d}-{start.month:02d}..{end.year:04d}-{end.month:02d}"
        if start == end:
            return start.isoformat()
        return f"{start.isoformat()}..{end.isoformat()}"


# --------------------------------------------------------------------------------------------
# Provenance and entities
# --------------------------------------------------------------------------------------------


@sealed
@attrs.frozen
class Evidence:
    """A verbatim quote from one source that supports a record.

    ``locator`` points inside a structured source file: an XML element (``trip:4175``,
    ``visit:3051``, ``div:diplomatic_relations/timeline[6]``) or a JSON line (``year:2023``,
    ``year:2023/month:03``). The quote stands verbatim in that element's text, white space
    collapsed, or in that line. An article's evidence has no locator: its quote stands in the
    article's text.

    >>> Evidence("sggp-2024-06", "trade reaching $100 billion").source
    'sggp-2024-06'
    >>> Evidence("census-5520-vnm", '"imports_year":136561.1', "year:2023").locator
    'year:2023'
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    source: str = attrs.field(validator=_require_text)
    quote: str = attrs.field(validator=_require_text)
    locator: str | None = attrs.field(default=None, validator=_optional_text)


def _check_code(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not CODE.fullmatch(value):
        msg = (
            f"{attribute.name} must be a place code such as 'VN', 'VN-HN' or 'US-CA-SFO', "
            f"got {_describe(value)}"
        )
        raise ValueError(msg)


def _optional_code(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_code(inst, attribute, value)


@sealed
@attrs.frozen
class Place:
    """A country, subdivision, city, area or region.

    Codes follow ISO 3166-1 (``VN``) and ISO 3166-2 (``VN-HN``, ``US-UT``) where those exist;
    a city is its subdivision's code, a hyphen and its UN/LOCODE location code
    (``US-CA-SFO``). ``parent`` leads up to the country; a country or region has none.

    >>> Place("US-UT", "Utah", PlaceKind.SUBDIVISION, "US", ("Utah State",)).parent
    'US'
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    code: str = attrs.field(validator=_check_code)
    name: str = attrs.field(validator=_require_text)
    kind: PlaceKind = attrs.field(validator=attrs.validators.instance_of(PlaceKind))
    parent: str | None = attrs.field(default=None, validator=_optional_code)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_text_tuple)

    def __attrs_post_init__(self) -> None:
        inside = self.kind in {PlaceKind.SUBDIVISION, PlaceKind.CITY, PlaceKind.AREA}
        if inside and self.parent is None:
            msg = f"parent is required for a {self.kind.value} such as {self.code!r}, got None"
            raise ValueError(msg)
        if self.kind is PlaceKind.COUNTRY and self.parent is not None:
            msg = f"parent must be None for a country, got {self.parent!r}"
            raise ValueError(msg)
        if self.parent == self.code:
            msg = f"parent must not be the place itself, got {self.parent!r}"
            raise ValueError(msg)


def _check_slug(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        msg = (
            f"{attribute.name} must be a lower-case slug such as 'semiconductors', "
            f"got {_describe(value)}"
        )
        raise ValueError(msg)


#: The value types :mod:`vnus._types_more` builds the first time one of them is needed.
_DEFERRED_NAMES = (
    "Correction",
    "Official",
    "Person",
    "Retrieval",
    "RetrievedFile",
    "Sector",
    "Source",
    "SourceKind",
)


def _build() -> None:
    """Build the deferred value types and bind them in this module."""
    from vnus import _types_more  # noqa: PLC0415 -- built the first time one is needed

    globals().update({name: getattr(_types_more, name) for name in _DEFERRED_NAMES})


def __getattr__(name: str) -> Any:
    return _deferred.resolve(globals(), name, _DEFERRED_NAMES, _build)


if TYPE_CHECKING:
    from vnus._types_more import (
        Correction,
        Official,
        Person,
        Retrieval,
        RetrievedFile,
        Sector,
        Source,
        SourceKind,
    )

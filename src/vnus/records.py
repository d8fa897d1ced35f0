"""The record types of the vnus dataset.

Every record is a frozen, keyword-only :mod:`attrs` class with an ``id`` (a stable slug), a
non-empty ``evidence`` tuple of verbatim quotes, and a ``note`` that says how a typo, an
ambiguity or a relative date in the source was resolved.

>>> import vnus
>>> fig = vnus.trade_with_us("Hanoi", 2021).exports
>>> fig.flow, str(fig.value), fig.qualifier, fig.share_of_total
(<Flow.EXPORT: 'export'>, 'US$3.4 billion', <Qualifier.ESTIMATED: 'estimated'>, Decimal('21.5'))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from vnus import _deferred
from vnus._parse import describe as _describe
from vnus._role import fields_eq, fields_hash, fields_repr, sealed
from vnus._spec import defer_record_types, record_type, record_types, role, span, when
from vnus.types import (
    Evidence,
    Flow,
    Money,
    Period,
    Qualifier,
    _check_code,
    _check_slug,
    _optional_text,
    _require_text,
    _text_tuple,
)

__all__ = [
    "Delegation",
    "Indicator",
    "InvestmentFigure",
    "Milestone",
    "MilestoneKind",
    "ProductShare",
    "Record",
    "SectorAmount",
    "SectorPriority",
    "TradeFigure",
]


def __dir__() -> list[str]:
    return list(__all__)


def _slugs(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _text_tuple(inst, attribute, value)
    for item in value:  # type: ignore[attr-defined]  # a tuple after _text_tuple
        _check_slug(inst, attribute, item)


def _codes(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _text_tuple(inst, attribute, value)
    for item in value:  # type: ignore[attr-defined]  # a tuple after _text_tuple
        _check_code(inst, attribute, item)


def _evidence(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not value:
        msg = f"{attribute.name} must be a non-empty tuple of Evidence, got {_describe(value)}"
        raise ValueError(msg)
    for item in value:
        if not isinstance(item, Evidence):
            msg = f"{attribute.name} must hold Evidence, got {_describe(item)}"
            raise TypeError(msg)
    if len(value) > 1 and len(set(value)) != len(value):
        msg = f"{attribute.name} must not repeat a quote"
        raise ValueError(msg)


#: Fields that hold no fact of their own, so cannot be inferred.
_NOT_INFERABLE = frozenset({"id", "evidence", "note", "inferred", "corrections"})


def _inferred(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value == ():  # the default: nothing to look up
        return
    _text_tuple(inst, attribute, value)
    names = attrs.fields_dict(type(inst))  # type: ignore[arg-type]  # records are attrs classes
    items: tuple[str, ...] = value  # type: ignore[assignment]  # a tuple after _text_tuple
    for item in items:
        if item not in names or item in _NOT_INFERABLE:
            allowed = ", ".join(n for n in names if n not in _NOT_INFERABLE)
            kind = type(inst).__name__
            msg = f"{attribute.name} must name fields of {kind} ({allowed}), got {item!r}"
            raise ValueError(msg)
    if len(set(items)) != len(items):
        msg = f"{attribute.name} must not name a field twice, got {items!r}"
        raise ValueError(msg)


def _inferred_field() -> Any:
    """The ``inferred`` field every record type has (see :class:`RecordBase`)."""
    return attrs.field(default=(), validator=_inferred)


def _percent(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal) or not value.is_finite():
        msg = f"{attribute.name} must be a finite Decimal (percent) or None, got {_describe(value)}"
        raise ValueError(msg)


def _share(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _percent(inst, attribute, value)
    if value is not None and not Decimal(0) <= value <= Decimal(100):  # type: ignore[operator]
        msg = f"{attribute.name} must be a percentage between 0 and 100, got {value!r}"
        raise ValueError(msg)


def _non_negative_money(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Money):
        msg = f"{attribute.name} must be Money, got {_describe(value)}"
        raise TypeError(msg)
    if value.amount < 0:
        msg = f"{attribute.name} must not be negative, got {value.amount}"
        raise ValueError(msg)


def _count(low: int) -> Any:
    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        if type(value) is not int or value < low:
            msg = (
                f"{attribute.name} must be an int of at least {low} or None, got {_describe(value)}"
            )
            raise ValueError(msg)

    return check


def _instance(kind: type | tuple[type, ...]) -> Any:
    return attrs.validators.instance_of(kind)


def _tuple_of(kind: type) -> Any:
    return attrs.validators.deep_iterable(
        attrs.validators.instance_of(kind), attrs.validators.instance_of(tuple)
    )


def _optional_instance(kind: type) -> Any:
    return attrs.validators.optional(attrs.validators.instance_of(kind))


def _qualified(qualifier: Qualifier) -> str:
    return "" if qualifier is Qualifier.EXACT else f" ({qualifier.value})"


class RecordBase:
    """What every record type has: its chronological key and the span it refers to.

    The record types declare which of their fields are dates (see :mod:`vnus._spec`); these
    properties read that declaration. Every record type also has ``inferred``: the names of
    the fields whose value, or part of it (the year of a date, say), no quote of the record
    prints, because it was inferred from the source's publication date, from "currently" or
    from context; the ``note`` says how. It is empty where everything is printed.
    """

    __slots__ = ()

    @property
    def when(self) -> dt.date:
        """The first day the record refers to (used for chronological order).

        >>> import vnus
        >>> vnus.trade_with_us("Hanoi", 2021).exports.when
        datetime.date(2021, 1, 1)
        """
        return when(self)

    @property
    def span(self) -> tuple[dt.date, dt.date]:
        """The first and last day the record refers to.

        >>> import vnus
        >>> vnus.delegations(person="Biden", year=2023)[0].span
        (datetime.date(2023, 9, 10), datetime.date(2023, 9, 11))
        """
        return span(self)


@sealed
@attrs.frozen(kw_only=True)
class ProductShare:
    """A product in a trade figure, with its share of the value where the source gives one.

    >>> ProductShare(name="metal", share=Decimal("43")).share
    Decimal('43')
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    name: str = attrs.field(validator=_require_text)
    share: Decimal | None = attrs.field(default=None, validator=_share, metadata=role(number=True))

    def __str__(self) -> str:
        """``metal (43%)``, or the name alone where no share is given."""
        return self.name if self.share is None else f"{self.name} ({self.share}%)"


def _money(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Money):
        msg = f"{attribute.name} must be Money, got {_describe(value)}"
        raise TypeError(msg)
    _non_negative_money(_inst, attribute, value)


@record_type(
    "trade",
    columns=(
        ("period", "period"),
        ("reporter", "reporter"),
        ("partner", "partner"),
        ("flow", "flow"),
        ("value", "value"),
        ("id", "id"),
    ),
)
@sealed
@attrs.frozen(kw_only=True)
class TradeFigure(RecordBase):
    """A trade value between a reporter and a partner over a period.

    ``share_of_total`` is the percent of the reporter's total for that flow (``21.5`` means
    21.5 %); ``change_yoy`` is the percent change on the same period a year before.

    >>> import vnus
    >>> [str(f.period) for f in vnus.trade(reporter="Hanoi", flow="export")]
    ['2019', '2021', '2022-01..2022-06']
    """

    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str = attrs.field(validator=_check_slug)
    reporter: str = attrs.field(validator=_check_code, metadata=role(place=True))
    partner: str = attrs.field(validator=_check_code, metadata=role(place=True))
    flow: Flow = attrs.field(validator=_instance(Flow), metadata=role(index=True))
    period: Period = attrs.field(validator=_instance(Period), metadata=role(time="point"))
    value: Money = attrs.field(validator=_money, metadata=role(number=True))
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, validator=_instance(Qualifier))
    share_of_total: Decimal | None = attrs.field(
        default=None, validator=_share, metadata=role(number=True)
    )
    change_yoy: Decimal | None = attrs.field(
        default=None, validator=_percent, metadata=role(number=True)
    )
    products: tuple[ProductShare, ...] = attrs.field(default=(), validator=_tuple_of(ProductShare))
    authority: str | None = attrs.field(default=None, validator=_optional_text)
    evidence: tuple[Evidence, ...] = attrs.field(validator=_evidence)
    note: str | None = attrs.field(default=None, validator=_optional_text)
    inferred: tuple[str, ...] = _inferred_field()

    def __repr__(self) -> str:
        return (
            f"<TradeFigure {self.id!r}: {self.reporter}→{self.partner} {self.flow.value} "
            f"{self.period} {self.value}{_qualified(self.qualifier)}>"
        )


#: The record types :mod:`vnus._records_more` builds, with the tables they are registered to.
_DEFERRED_NAMES = (
    "Delegation",
    "Indicator",
    "InvestmentFigure",
    "Milestone",
    "MilestoneKind",
    "SectorAmount",
    "SectorPriority",
)
_DEFERRED_TABLES = ("investments", "milestones", "delegations", "sector_priorities", "indicators")


def _build() -> None:
    """Build the deferred record types and bind them (and :data:`Record`) in this module."""
    from vnus import _records_more  # noqa: PLC0415 -- built the first time one is needed

    namespace = globals()
    if "Record" in namespace:  # built before
        return
    namespace.update({name: getattr(_records_more, name) for name in _DEFERRED_NAMES})
    namespace["Record"] = (
        TradeFigure
        | _records_more.InvestmentFigure
        | _records_more.Milestone
        | _records_more.Delegation
        | _records_more.SectorPriority
        | _records_more.Indicator
    )


defer_record_types(("trade", *_DEFERRED_TABLES), _build)


def __getattr__(name: str) -> Any:
    if name == "RECORD_FILES":
        files = MappingProxyType(
            {f"{cls.__vnus_table__}.json": cls for cls in record_types()}  # type: ignore[attr-defined]
        )
        globals()["RECORD_FILES"] = files
        return files
    return _deferred.resolve(globals(), name, (*_DEFERRED_NAMES, "Record"), _build)


if TYPE_CHECKING:
    from vnus._records_more import (
        Delegation,
        Indicator,
        InvestmentFigure,
        Milestone,
        MilestoneKind,
        SectorAmount,
        SectorPriority,
    )

    #: Any record type of the dataset.
    Record: TypeAlias = (
        TradeFigure | InvestmentFigure | Milestone | Delegation | SectorPriority | Indicator
    )

    #: The data file that holds each record type, in the bundled format.
    RECORD_FILES: Mapping[str, type[Record]]

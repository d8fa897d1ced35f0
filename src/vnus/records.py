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
import enum
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeAlias

import attrs

from vnus._parse import describe as _describe
from vnus._role import fields_eq, fields_hash, fields_repr, sealed
from vnus._spec import record_type, record_types, role, span, when, when_text
from vnus.types import (
    Correction,
    Evidence,
    Flow,
    Money,
    PartialDate,
    Period,
    Person,
    Qualifier,
    Status,
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
    if len(set(value)) != len(value):
        msg = f"{attribute.name} must not repeat a quote"
        raise ValueError(msg)


#: Fields that hold no fact of their own, so cannot be inferred.
_NOT_INFERABLE = frozenset({"id", "evidence", "note", "inferred", "corrections"})


def _inferred(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
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


def _delegation_headline(d: Delegation) -> str:
    leader = d.leader
    who = "" if leader is None else f"{leader.title or leader.name}: "
    return f"{who}{d.purpose or d.id}"


class MilestoneKind(enum.Enum):
    """What kind of event a :class:`Milestone` is.

    >>> MilestoneKind["PARTNERSHIP"].value
    'partnership'
    """

    #: Diplomatic relations established or normalised.
    NORMALIZATION = "normalization"
    #: A partnership framework established or upgraded.
    PARTNERSHIP = "partnership"
    #: A memorandum, deal or joint statement signed or adopted.
    AGREEMENT = "agreement"
    #: A bilateral dialogue or high-level talks.
    DIALOGUE = "dialogue"
    #: A conference, summit or forum.
    CONFERENCE = "conference"
    #: An event marking an anniversary.
    ANNIVERSARY = "anniversary"
    #: A donation of goods or aid.
    DONATION = "donation"
    #: A programme, course or campaign run over time.
    PROGRAM = "program"
    #: A meeting between officials, or with companies or organisations.
    MEETING = "meeting"
    #: Plans or policies made public.
    ANNOUNCEMENT = "announcement"


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


@sealed
@attrs.frozen(kw_only=True)
class SectorAmount:
    """Capital invested in one sector (a slug of the sector vocabulary).

    >>> SectorAmount(sector="real-estate", capital=Money(Decimal("25000000"))).sector
    'real-estate'
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    sector: str = attrs.field(validator=_check_slug, metadata=role(sector=True))
    capital: Money = attrs.field(validator=_non_negative_money, metadata=role(number=True))

    def __str__(self) -> str:
        """``real-estate: US$25 million``."""
        return f"{self.sector}: {self.capital}"


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


@record_type(
    "investments",
    columns=(
        ("as of", "as_of"),
        ("investor", "investor"),
        ("host", "host"),
        ("projects", "projects"),
        ("capital", "capital"),
        ("investor rank", "investor_rank"),
        ("host rank", "host_rank"),
        ("id", "id"),
    ),
)
@sealed
@attrs.frozen(kw_only=True)
class InvestmentFigure(RecordBase):
    """Registered investment by an investor country in a host place, as of a date.

    ``as_of`` is the cut-off the figures refer to. ``investor_rank`` is the investor's rank
    among the host's foreign investors (of ``investor_rank_among``, where printed);
    ``host_rank`` is the host's rank among the places the investor invests in (of
    ``host_rank_among``). Where two sources give the same figures in different words, the
    record is one, with evidence from both, and ``corrections`` say where it departs from one
    source's words.

    >>> import vnus
    >>> fig = vnus.investments(investor="US", host="Hanoi")[0]
    >>> fig.projects, str(fig.capital), len(fig.by_sector)
    (156, 'US$278.43 million', 4)
    """

    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str = attrs.field(validator=_check_slug)
    investor: str = attrs.field(validator=_check_code, metadata=role(place=True))
    host: str = attrs.field(validator=_check_code, metadata=role(place=True))
    as_of: PartialDate = attrs.field(validator=_instance(PartialDate), metadata=role(time="point"))
    projects: int | None = attrs.field(
        default=None, validator=_count(0), metadata=role(number=True)
    )
    projects_qualifier: Qualifier = attrs.field(
        default=Qualifier.EXACT, validator=_instance(Qualifier)
    )
    capital: Money | None = attrs.field(
        default=None, validator=_non_negative_money, metadata=role(number=True)
    )
    capital_qualifier: Qualifier = attrs.field(
        default=Qualifier.EXACT, validator=_instance(Qualifier)
    )
    investor_rank: int | None = attrs.field(
        default=None, validator=_count(1), metadata=role(number=True)
    )
    investor_rank_among: int | None = attrs.field(
        default=None, validator=_count(1), metadata=role(number=True)
    )
    host_rank: int | None = attrs.field(
        default=None, validator=_count(1), metadata=role(number=True)
    )
    host_rank_among: int | None = attrs.field(
        default=None, validator=_count(1), metadata=role(number=True)
    )
    by_sector: tuple[SectorAmount, ...] = attrs.field(default=(), validator=_tuple_of(SectorAmount))
    authority: str | None = attrs.field(default=None, validator=_optional_text)
    corrections: tuple[Correction, ...] = attrs.field(default=(), validator=_tuple_of(Correction))
    investors_ahead: tuple[str, ...] = attrs.field(
        default=(), validator=_codes, metadata=role(place=True)
    )
    evidence: tuple[Evidence, ...] = attrs.field(validator=_evidence)
    note: str | None = attrs.field(default=None, validator=_optional_text)
    inferred: tuple[str, ...] = _inferred_field()

    def __attrs_post_init__(self) -> None:
        for rank, among in [
            ("investor_rank", "investor_rank_among"),
            ("host_rank", "host_rank_among"),
        ]:
            place, of = getattr(self, rank), getattr(self, among)
            if place is not None and of is not None and place > of:
                msg = f"{rank} must not exceed {among}, got {rank} {place} of {of}"
                raise ValueError(msg)

    def __repr__(self) -> str:
        parts = [f"{self.investor}→{self.host} as of {self.as_of}"]
        if self.projects is not None:
            parts.append(f"{self.projects} projects")
        if self.capital is not None:
            parts.append(str(self.capital))
        return f"<InvestmentFigure {self.id!r}: {', '.join(parts)}>"


@record_type(
    "milestones",
    columns=(("date", when_text), ("kind", "kind"), ("title", "title"), ("id", "id")),
    headline=lambda m: m.title,
)
@sealed
@attrs.frozen(kw_only=True)
class Milestone(RecordBase):
    """A dated event in the relationship: a normalisation, an upgrade, a signing, a dialogue.

    ``date`` is when it happened or began; ``end`` is the last year, month or day of an event
    or programme that runs over time, where the source prints it (None for a one-off event).
    ``corrections`` say where the record departs from a source's words, and why.
    ``undated``: the source prints no date for the event, only that it had happened when
    the source was published; ``date`` is then that publication date (to the precision the
    source is dated to), an upper bound, and a time filter treats the event as possibly on
    any day up to it. ``bilateral`` (the default): an event between a Vietnamese side and a
    U.S. side, whose ``places`` hold a place of each, so that a query for either country
    finds it; False for one side's own act (a national strategy).

    >>> import vnus
    >>> [m.id for m in vnus.milestones(kind="program", since=2021, until=2021) if not m.undated]
    ['hanoi-cnn-tourism-promotion-2019-2024']
    >>> [str(m.date) for m in vnus.milestones(kind="normalization", place="VN")]
    ['1995-01-28', '1995-08-05', '1995-08-06']
    """

    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str = attrs.field(validator=_check_slug)
    date: PartialDate = attrs.field(validator=_instance(PartialDate), metadata=role(time="start"))
    end: PartialDate | None = attrs.field(
        default=None, validator=_optional_instance(PartialDate), metadata=role(time="end")
    )
    kind: MilestoneKind = attrs.field(validator=_instance(MilestoneKind), metadata=role(index=True))
    title: str = attrs.field(validator=_require_text)
    status: Status = attrs.field(default=Status.HAPPENED, validator=_instance(Status))
    undated: bool = attrs.field(
        default=False, validator=_instance(bool), metadata=role(undated=True)
    )
    bilateral: bool = attrs.field(default=True, validator=_instance(bool))
    places: tuple[str, ...] = attrs.field(default=(), validator=_codes, metadata=role(place=True))
    parties: tuple[str, ...] = attrs.field(default=(), validator=_text_tuple)
    summary: str | None = attrs.field(default=None, validator=_optional_text)
    corrections: tuple[Correction, ...] = attrs.field(default=(), validator=_tuple_of(Correction))
    evidence: tuple[Evidence, ...] = attrs.field(validator=_evidence)
    note: str | None = attrs.field(default=None, validator=_optional_text)
    inferred: tuple[str, ...] = _inferred_field()

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.date.earliest > self.end.latest:
            msg = f"end must not be before date, got date {self.date} and end {self.end}"
            raise ValueError(msg)
        if self.undated and self.end is not None:
            msg = f"an undated milestone has no end: its date is an upper bound, got end {self.end}"
            raise ValueError(msg)

    def __repr__(self) -> str:
        planned = " (planned)" if self.status is Status.PLANNED else ""
        if self.undated:
            when = f"..{self.date}"
        else:
            when = str(self.date) if self.end is None else f"{self.date}..{self.end}"
        return f"<Milestone {self.id!r}: {when} {self.kind.name} {self.title}{planned}>"


@record_type(
    "delegations",
    columns=(
        ("when", when_text),
        ("from", "origin"),
        ("to", "destinations"),
        ("led by", "leader"),
        ("id", "id"),
    ),
    headline=_delegation_headline,
)
@sealed
@attrs.frozen(kw_only=True)
class Delegation(RecordBase):
    """A visit or working trip: who led it and who went along, from where, to where, when, why.

    At least one of ``start`` and ``end`` is known. ``members`` are the people who joined the
    leader's trip (a Secretary of State who accompanied the President is a member of the
    President's delegation, not a delegation of their own). ``corrections`` say where the record
    departs from a source's words, and why.

    >>> import vnus
    >>> [d.id for d in vnus.delegations(origin="Hanoi", destination="US-CA")]
    ['hanoi-delegation-us-belgium-2022']
    """

    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str = attrs.field(validator=_check_slug)
    leader: Person | None = attrs.field(default=None, validator=_optional_instance(Person))
    origin: str = attrs.field(validator=_check_code, metadata=role(place=True))
    destinations: tuple[str, ...] = attrs.field(validator=_codes, metadata=role(place=True))
    start: PartialDate | None = attrs.field(
        default=None, validator=_optional_instance(PartialDate), metadata=role(time="start")
    )
    end: PartialDate | None = attrs.field(
        default=None, validator=_optional_instance(PartialDate), metadata=role(time="end")
    )
    purpose: str | None = attrs.field(default=None, validator=_optional_text)
    activities: tuple[str, ...] = attrs.field(default=(), validator=_text_tuple)
    status: Status = attrs.field(default=Status.HAPPENED, validator=_instance(Status))
    members: tuple[Person, ...] = attrs.field(default=(), validator=_tuple_of(Person))
    corrections: tuple[Correction, ...] = attrs.field(default=(), validator=_tuple_of(Correction))
    evidence: tuple[Evidence, ...] = attrs.field(validator=_evidence)
    note: str | None = attrs.field(default=None, validator=_optional_text)
    inferred: tuple[str, ...] = _inferred_field()

    def __attrs_post_init__(self) -> None:
        if not self.destinations:
            msg = "destinations must name at least one place"
            raise ValueError(msg)
        if self.start is None and self.end is None:
            msg = "a delegation needs a start or an end date, got neither"
            raise ValueError(msg)
        if (
            self.start is not None
            and self.end is not None
            and self.start.earliest > self.end.latest
        ):
            msg = f"start must not be after end, got start {self.start} and end {self.end}"
            raise ValueError(msg)

    def __repr__(self) -> str:
        """The trip in one line: where from and to, when, and who led it.

        >>> import vnus
        >>> vnus.delegations(person="To Lam", year=2024)[0]
        <Delegation 'to-lam-us-trip-2024': VN→US-NY-NYC 2024-09..?, led by To Lam>
        """
        if self.start is not None and self.start == self.end:
            span = str(self.start)
        else:
            span = f"{self.start or '?'}..{self.end or '?'}"
        leader = self.leader
        led = "" if leader is None else f", led by {leader.name or leader.title}"
        return f"<Delegation {self.id!r}: {self.origin}→{','.join(self.destinations)} {span}{led}>"


@record_type(
    "sector_priorities",
    columns=(("as of", "as_of"), ("places", "places"), ("actor", "actor"), ("sectors", "sectors")),
)
@sealed
@attrs.frozen(kw_only=True)
class SectorPriority(RecordBase):
    """A list of priority sectors or cooperation areas, who set it, and in what context.

    ``actor`` is who stated the list; ``places`` are the places whose priorities, offer or
    proposal the list states (the actor's side), a place of each side for a statement both
    sides made; ``context`` says in what setting.

    >>> import vnus
    >>> [p.id for p in vnus.sector_priorities(sector="chip technology", place="US")]
    ['us-readiness-vn-cooperation-2023']
    """

    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str = attrs.field(validator=_check_slug)
    actor: str = attrs.field(validator=_require_text)
    places: tuple[str, ...] = attrs.field(validator=_codes, metadata=role(place=True))
    context: str = attrs.field(validator=_require_text)
    sectors: tuple[str, ...] = attrs.field(validator=_slugs, metadata=role(sector=True, index=True))
    as_of: PartialDate = attrs.field(validator=_instance(PartialDate), metadata=role(time="point"))
    evidence: tuple[Evidence, ...] = attrs.field(validator=_evidence)
    note: str | None = attrs.field(default=None, validator=_optional_text)
    inferred: tuple[str, ...] = _inferred_field()

    def __attrs_post_init__(self) -> None:
        if not self.sectors:
            msg = "sectors must name at least one sector"
            raise ValueError(msg)
        if not self.places:
            msg = "places must name at least one place"
            raise ValueError(msg)

    def __repr__(self) -> str:
        where = "+".join(self.places)
        return f"<SectorPriority {self.id!r}: {where} {self.as_of} {', '.join(self.sectors)}>"


@record_type(
    "indicators",
    columns=(
        ("when", when_text),
        ("subject", "subject"),
        ("metric", "metric"),
        ("value", "value"),
        ("unit", "unit"),
        ("id", "id"),
    ),
)
@sealed
@attrs.frozen(kw_only=True)
class Indicator(RecordBase):
    """Any other figure: tourist arrivals, offices, targets, ranks, areas, counts, multiples.

    ``unit`` names what ``value`` counts (``"people"``, ``"offices"``, ``"rank"``, ``"m2"``);
    ``share`` is a percent of a whole that the note or metric names.

    >>> import vnus
    >>> ind = vnus.indicators(metric="us-tourist-arrivals")[0]
    >>> ind.value, ind.unit, ind.change_yoy, ind.share
    (Decimal('25409'), 'people', Decimal('3.3'), Decimal('34'))
    """

    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str = attrs.field(validator=_check_slug)
    subject: str = attrs.field(validator=_check_code, metadata=role(place=True))
    metric: str = attrs.field(validator=_check_slug, metadata=role(index=True))
    value: Decimal = attrs.field(validator=_instance(Decimal), metadata=role(number=True))
    unit: str = attrs.field(validator=_require_text)
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, validator=_instance(Qualifier))
    period: Period | None = attrs.field(
        default=None, validator=_optional_instance(Period), metadata=role(time="point")
    )
    as_of: PartialDate | None = attrs.field(
        default=None, validator=_optional_instance(PartialDate), metadata=role(time="point")
    )
    change_yoy: Decimal | None = attrs.field(
        default=None, validator=_percent, metadata=role(number=True)
    )
    share: Decimal | None = attrs.field(default=None, validator=_share, metadata=role(number=True))
    sectors: tuple[str, ...] = attrs.field(default=(), validator=_slugs, metadata=role(sector=True))
    evidence: tuple[Evidence, ...] = attrs.field(validator=_evidence)
    note: str | None = attrs.field(default=None, validator=_optional_text)
    inferred: tuple[str, ...] = _inferred_field()

    def __attrs_post_init__(self) -> None:
        if not self.value.is_finite():
            msg = f"value must be a finite Decimal, got {self.value!r}"
            raise ValueError(msg)
        if self.period is None and self.as_of is None:
            msg = "an indicator needs a period or an as_of date, got neither"
            raise ValueError(msg)

    def __repr__(self) -> str:
        when = self.period if self.period is not None else self.as_of
        return (
            f"<Indicator {self.id!r}: {self.subject} {self.metric} {when} = "
            f"{self.value} {self.unit}{_qualified(self.qualifier)}>"
        )


#: Any record type of the dataset.
Record: TypeAlias = (
    TradeFigure | InvestmentFigure | Milestone | Delegation | SectorPriority | Indicator
)

#: The data file that holds each record type, in the bundled format.
RECORD_FILES: Mapping[str, type[Record]] = MappingProxyType(
    {f"{cls.__vnus_table__}.json": cls for cls in record_types()}  # type: ignore[attr-defined]
)

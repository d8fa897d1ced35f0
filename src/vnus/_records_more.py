"""The record types a first query seldom needs, built the first time one is used.

:mod:`vnus.records` hands them out: it imports this module the first time one of their names,
:data:`~vnus.records.Record` or the table registry needs them. Building an attrs class costs a
fraction of a millisecond, so a query on trade figures alone does not pay for these.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from vnus._role import fields_eq, fields_hash, fields_repr, sealed
from vnus._spec import record_type, role, when_text
from vnus.records import (
    RecordBase,
    _codes,
    _count,
    _evidence,
    _inferred_field,
    _instance,
    _non_negative_money,
    _optional_instance,
    _percent,
    _qualified,
    _share,
    _slugs,
    _tuple_of,
)
from vnus.types import (
    Correction,
    Evidence,
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
    "SectorAmount",
    "SectorPriority",
]


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

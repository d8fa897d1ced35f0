"""Hypothesis strategies for every vnus type, for property-testing code that consumes vnus.

Needs the ``test`` extra (from a clone, ``pip install ".[test]"``): it imports :mod:`hypothesis`.

>>> from hypothesis import given
>>> from vnus.testing import partial_dates
>>> @given(partial_dates())
... def test_bounds(d):
...     assert d.earliest <= d.latest
>>> test_bounds()
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import string
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover -- exercised only without the extra
    msg = "vnus.testing needs Hypothesis: pip install hypothesis"
    raise ImportError(msg) from exc

from vnus._spec import record_types, spec
from vnus.records import (
    Delegation,
    Indicator,
    InvestmentFigure,
    Milestone,
    MilestoneKind,
    ProductShare,
    Record,
    SectorAmount,
    SectorPriority,
    TradeFigure,
)
from vnus.types import (
    Evidence,
    Flow,
    Money,
    PartialDate,
    Period,
    Person,
    Place,
    PlaceKind,
    Qualifier,
    Sector,
    Source,
    Status,
)

__all__ = [
    "codes",
    "dates",
    "delegations",
    "evidence",
    "indicators",
    "investment_figures",
    "milestones",
    "money",
    "partial_dates",
    "percents",
    "periods",
    "persons",
    "places",
    "records",
    "sector_priorities",
    "sectors",
    "slugs",
    "sources",
    "texts",
    "trade_figures",
    "write_directory",
]

MIN_DATE = dt.date(1000, 1, 1)
MAX_DATE = dt.date(9999, 12, 31)


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-empty strings without surrounding whitespace (any Unicode letters inside).

    >>> from hypothesis import find
    >>> find(texts(), lambda t: len(t) > 3) == find(texts(), lambda t: len(t) > 3).strip()
    True
    """
    return st.text(min_size=1, max_size=max_size).map(str.strip).filter(bool)


def slugs() -> st.SearchStrategy[str]:
    """Lower-case slugs such as ``hanoi-exports-2019``.

    >>> from hypothesis import find
    >>> from vnus._parse import SLUG
    >>> bool(SLUG.fullmatch(find(slugs(), lambda s: "-" in s)))
    True
    """
    part = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=8)
    return st.lists(part, min_size=1, max_size=4).map("-".join)


def codes() -> st.SearchStrategy[str]:
    """Place codes of the vnus scheme: ``VN``, ``VN-HN``, ``US-CA-SFO``.

    >>> from hypothesis import find
    >>> find(codes(), lambda c: "-" in c)[:2].isupper()
    True
    """
    country = st.text(string.ascii_uppercase, min_size=2, max_size=2)
    part = st.text(string.ascii_uppercase + string.digits, min_size=1, max_size=3)
    return st.tuples(country, st.lists(part, max_size=2)).map(lambda t: "-".join([t[0], *t[1]]))


def dates(
    min_value: dt.date = MIN_DATE, max_value: dt.date = MAX_DATE
) -> st.SearchStrategy[dt.date]:
    """Plain dates in the years vnus accepts (1000 to 9999).

    >>> from hypothesis import find
    >>> find(dates(), lambda d: d.month == 2).year >= 1000
    True
    """
    return st.dates(min_value=min_value, max_value=max_value)


def money(
    *, min_amount: int | None = None, currencies: tuple[str, ...] = ("USD", "EUR", "VND")
) -> st.SearchStrategy[Money]:
    """Finite amounts with up to two decimal places, in the given currencies.

    >>> from hypothesis import find
    >>> find(money(min_amount=0), lambda m: m.amount > 10**9).currency in {"USD", "EUR", "VND"}
    True
    """
    low = -(10**15) if min_amount is None else min_amount
    amounts = st.decimals(
        min_value=low, max_value=10**15, places=2, allow_nan=False, allow_infinity=False
    )
    return st.builds(Money, amounts, st.sampled_from(currencies))


def percents() -> st.SearchStrategy[Decimal]:
    """Percentages between 0 and 100 with one decimal place.

    >>> from hypothesis import find
    >>> find(percents(), lambda p: p > 50) <= 100
    True
    """
    return st.decimals(min_value=0, max_value=100, places=1)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    """Partial dates at year, month and day precision.

    >>> from hypothesis import find
    >>> find(partial_dates(), lambda d: d.precision == "month").day is None
    True
    """
    year = draw(st.integers(1000, 9999))
    precision = draw(st.sampled_from(("year", "month", "day")))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    return PartialDate(year, month, day)


@st.composite
def periods(draw: st.DrawFn, *, max_days: int = 800) -> Period:
    """Periods of up to *max_days* days.

    >>> from hypothesis import find
    >>> p = find(periods(), lambda p: p.start != p.end)
    >>> p.start < p.end
    True
    """
    start = draw(dates(max_value=MAX_DATE - dt.timedelta(days=max_days)))
    length = draw(st.integers(0, max_days))
    return Period(start, start + dt.timedelta(days=length))


def evidence(sources: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Evidence]:
    """Evidence quotes; *sources* draws the source ids (slugs by default).

    >>> from hypothesis import find
    >>> find(evidence(st.just("src")), lambda e: True).source
    'src'
    """
    return st.builds(Evidence, sources if sources is not None else slugs(), texts())


def _evidence_tuples() -> st.SearchStrategy[tuple[Evidence, ...]]:
    return st.lists(evidence(), min_size=1, max_size=3, unique=True).map(tuple)


def _text_tuples() -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(texts(), max_size=3, unique=True).map(tuple)


def sources() -> st.SearchStrategy[Source]:
    """Sources published at a known time or on a partial date.

    >>> from hypothesis import find
    >>> find(sources(), lambda s: True).published_on.year >= 1000
    True
    """
    published = st.one_of(
        partial_dates(),
        # Naive datetimes: publication times are printed without a zone.
        st.datetimes(min_value=dt.datetime(1000, 1, 1)),  # noqa: DTZ001
    )
    return st.builds(
        Source,
        slugs(),
        texts(),
        texts(),
        published,
        texts(),
        st.none() | texts(),
        st.none() | texts(),
    )


@st.composite
def places(draw: st.DrawFn) -> Place:
    """Places of every kind; subdivisions, cities and areas have a parent, countries none.

    >>> from hypothesis import find
    >>> find(places(), lambda p: p.parent is not None).kind in PlaceKind
    True
    """
    kind = draw(st.sampled_from(PlaceKind))
    code = draw(codes())
    if kind in {PlaceKind.SUBDIVISION, PlaceKind.CITY, PlaceKind.AREA}:
        parent: str | None = draw(codes().filter(lambda c: c != code))
    elif kind is PlaceKind.REGION:
        parent = draw(st.none() | codes().filter(lambda c: c != code))
    else:
        parent = None
    return Place(code, draw(texts()), kind, parent, draw(_text_tuples()))


@st.composite
def sectors(draw: st.DrawFn) -> Sector:
    """Entries of a sector vocabulary, some with broader and narrower sectors.

    >>> from hypothesis import find
    >>> find(sectors(), lambda s: True).slug.replace('-', '').isalnum()
    True
    >>> s = find(sectors(), lambda s: s.broader and s.narrower)
    >>> s.slug in s.broader + s.narrower
    False
    """
    slug = draw(slugs().map(lambda s: s.replace("_", "-")))
    others = st.lists(slugs().filter(lambda s: s != slug), max_size=2, unique=True)
    broader = draw(others)
    narrower = draw(others.map(lambda n: [s for s in n if s not in broader]))
    return Sector(
        slug, draw(texts()), draw(_text_tuples()), broader=tuple(broader), narrower=tuple(narrower)
    )


def persons() -> st.SearchStrategy[Person]:
    """People with a name, a title, or both.

    >>> from hypothesis import find
    >>> p = find(persons(), lambda p: p.name is None)
    >>> p.title is not None
    True
    """
    return st.one_of(
        st.builds(Person, texts(), st.none() | texts()),
        st.builds(Person, st.none(), texts()),
    )


def trade_figures() -> st.SearchStrategy[TradeFigure]:
    """Trade figures with any flow, period and qualifier.

    >>> from hypothesis import find
    >>> find(trade_figures(), lambda f: f.flow is Flow.TOTAL).value.amount >= 0
    True
    """
    products = st.builds(ProductShare, name=texts(), share=st.none() | percents())
    return st.builds(
        TradeFigure,
        id=slugs(),
        reporter=codes(),
        partner=codes(),
        flow=st.sampled_from(Flow),
        period=periods(),
        value=money(min_amount=0),
        qualifier=st.sampled_from(Qualifier),
        share_of_total=st.none() | percents(),
        change_yoy=st.none() | st.decimals(-100, 1000, places=1),
        products=st.lists(products, max_size=3).map(tuple),
        authority=st.none() | texts(),
        evidence=_evidence_tuples(),
        note=st.none() | texts(),
    )


@st.composite
def _ranks(draw: st.DrawFn) -> tuple[int | None, int | None]:
    rank = draw(st.none() | st.integers(1, 300))
    among = draw(st.none() | st.integers(rank or 1, 300))
    return rank, among


@st.composite
def investment_figures(draw: st.DrawFn) -> InvestmentFigure:
    """Investment figures with consistent ranks, some naming inferred fields.

    >>> from hypothesis import find
    >>> f = find(investment_figures(), lambda f: None not in (f.host_rank, f.host_rank_among))
    >>> f.host_rank <= f.host_rank_among
    True
    """
    rank, among = draw(_ranks())
    host_rank, host_among = draw(_ranks())
    inferable = ["as_of", "projects", "capital", "investor_rank", "host_rank", "authority"]
    by_sector = st.builds(SectorAmount, sector=slugs(), capital=money(min_amount=0))
    return InvestmentFigure(
        id=draw(slugs()),
        investor=draw(codes()),
        host=draw(codes()),
        as_of=draw(partial_dates()),
        projects=draw(st.none() | st.integers(0, 10**6)),
        projects_qualifier=draw(st.sampled_from(Qualifier)),
        capital=draw(st.none() | money(min_amount=0)),
        capital_qualifier=draw(st.sampled_from(Qualifier)),
        investor_rank=rank,
        investor_rank_among=among,
        host_rank=host_rank,
        host_rank_among=host_among,
        by_sector=tuple(draw(st.lists(by_sector, max_size=3))),
        authority=draw(st.none() | texts()),
        investors_ahead=tuple(draw(st.lists(codes(), max_size=3, unique=True))),
        evidence=draw(_evidence_tuples()),
        note=draw(st.none() | texts()),
        inferred=tuple(draw(st.lists(st.sampled_from(inferable), unique=True, max_size=2))),
    )


@st.composite
def milestones(draw: st.DrawFn) -> Milestone:
    """Milestones of every kind and status, some running over time (an ``end``).

    >>> from hypothesis import find
    >>> find(milestones(), lambda m: m.status is Status.PLANNED).evidence != ()
    True
    >>> m = find(milestones(), lambda m: m.end is not None)
    >>> m.date.earliest <= m.end.latest
    True
    """
    date = draw(partial_dates())
    undated = draw(st.booleans())
    end = None if undated else draw(st.none() | partial_dates())
    if end is not None and end.latest < date.earliest:
        date, end = end, date
    return Milestone(
        id=draw(slugs()),
        date=date,
        end=end,
        kind=draw(st.sampled_from(MilestoneKind)),
        title=draw(texts()),
        status=draw(st.sampled_from(Status)),
        undated=undated,
        bilateral=draw(st.booleans()),
        places=tuple(draw(st.lists(codes(), max_size=3, unique=True))),
        parties=draw(_text_tuples()),
        summary=draw(st.none() | texts()),
        evidence=draw(_evidence_tuples()),
        note=draw(st.none() | texts()),
    )


@st.composite
def delegations(draw: st.DrawFn) -> Delegation:
    """Delegations with a start, an end or both, in order.

    >>> from hypothesis import find
    >>> d = find(delegations(), lambda d: d.start is not None and d.end is not None)
    >>> d.start.earliest <= d.end.latest
    True
    """
    first = draw(partial_dates())
    second = draw(partial_dates())
    low, high = sorted((first, second), key=lambda d: (d.earliest, d.latest))
    if low.latest > high.latest:  # pragma: no cover -- keep start no later than end
        high = low
    shape = draw(st.sampled_from(("both", "start", "end")))
    start = None if shape == "end" else low
    end = None if shape == "start" else high
    return Delegation(
        id=draw(slugs()),
        leader=draw(st.none() | persons()),
        origin=draw(codes()),
        destinations=tuple(draw(st.lists(codes(), min_size=1, max_size=3, unique=True))),
        start=start,
        end=end,
        purpose=draw(st.none() | texts()),
        activities=draw(_text_tuples()),
        status=draw(st.sampled_from(Status)),
        evidence=draw(_evidence_tuples()),
        note=draw(st.none() | texts()),
    )


def sector_priorities() -> st.SearchStrategy[SectorPriority]:
    """Sector priorities naming one to five sectors.

    >>> from hypothesis import find
    >>> 1 <= len(find(sector_priorities(), lambda p: True).sectors) <= 5
    True
    """
    return st.builds(
        SectorPriority,
        id=slugs(),
        actor=texts(),
        places=st.lists(codes(), min_size=1, max_size=2, unique=True).map(tuple),
        context=texts(),
        sectors=st.lists(slugs(), min_size=1, max_size=5, unique=True).map(tuple),
        as_of=partial_dates(),
        evidence=_evidence_tuples(),
        note=st.none() | texts(),
    )


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    """Indicators with a period, an as-of date, or both.

    >>> from hypothesis import find
    >>> i = find(indicators(), lambda i: True)
    >>> i.period is not None or i.as_of is not None
    True
    """
    shape = draw(st.sampled_from(("period", "as_of", "both")))
    return Indicator(
        id=draw(slugs()),
        subject=draw(codes()),
        metric=draw(slugs()),
        value=draw(st.decimals(min_value=0, max_value=10**12, places=2)),
        unit=draw(texts(max_size=12)),
        qualifier=draw(st.sampled_from(Qualifier)),
        period=draw(periods()) if shape != "as_of" else None,
        as_of=draw(partial_dates()) if shape != "period" else None,
        change_yoy=draw(st.none() | st.decimals(-100, 1000, places=1)),
        share=draw(st.none() | percents()),
        sectors=tuple(draw(st.lists(slugs(), max_size=3, unique=True))),
        evidence=draw(_evidence_tuples()),
        note=draw(st.none() | texts()),
    )


def records() -> st.SearchStrategy[Record]:
    """Records of every type.

    >>> from hypothesis import find
    >>> type(find(records(), lambda r: isinstance(r, Milestone))).__name__
    'Milestone'
    """
    return st.one_of(
        trade_figures(),
        investment_figures(),
        milestones(),
        delegations(),
        sector_priorities(),
        indicators(),
    )


def write_directory(
    path: str | os.PathLike[str],
    *,
    sources: Iterable[Source],
    places: Iterable[Place],
    sectors: Iterable[Sector],
    records: Iterable[Record],
    seeds: Mapping[str, str],
) -> Path:
    """Write a data directory in the bundled format; *seeds* maps seed file names to text.

    Records go to the file of their type, in the order given. Returns the directory.

    >>> import tempfile, vnus
    >>> ds = vnus.dataset()
    >>> src = ds.source("hanoitimes-2022-10-29")
    >>> seed = vnus.audit.seed_text(src)
    >>> records = ds.trade(reporter="Hanoi", year=2021)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     out = write_directory(tmp, sources=[src], places=ds.places(), sectors=ds.sectors(),
    ...                           records=records, seeds={src.seed: seed})
    ...     vnus.Dataset.from_directory(out).trade() == records
    True
    """
    from vnus._convert import unstructure  # noqa: PLC0415 -- cattrs only when writing

    root = Path(path)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    file_of = {cls: spec(cls).file for cls in record_types()}
    by_file: dict[str, list[object]] = {name: [] for name in file_of.values()}
    for record in records:
        by_file[file_of[type(record)]].append(unstructure(record))
    documents = {
        "sources.json": [unstructure(s) for s in sources],
        "places.json": [unstructure(p) for p in places],
        "sectors.json": [unstructure(s) for s in sectors],
        **by_file,
    }
    for name, items in documents.items():
        text = json.dumps(
            {"format": 1, "records": items}, indent=2, sort_keys=True, ensure_ascii=False
        )
        (root / name).write_bytes((text + "\n").encode("utf-8"))
    for name, text in seeds.items():
        (root / "seeds" / name).write_bytes(text.encode("utf-8"))
    return root

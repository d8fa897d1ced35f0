"""Query helpers on the bundled dataset: indexed answers equal a brute-force scan.

The scans are independent of the indexes: they read the raw JSON files, build each record with
the cattrs converter, and take dates and years from the JSON text. The bundled dataset is loaded
on first use (strategies are deferred), never while pytest collects.
"""

import datetime as dt
import decimal
import functools
import itertools
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, strategies as st

import vnus
from vnus import Flow, MilestoneKind, PartialDate
from vnus._convert import structure
from vnus._load import bundled_directory
from vnus.records import RECORD_FILES

YEARS = st.integers(1990, 2030)


def ds():
    """The bundled dataset (loaded on first use)."""
    return vnus.dataset()


@functools.cache
def raw(table):
    """The raw JSON records of one bundled table (``<table>.json`` and its parts), by id."""
    root = Path(str(bundled_directory()))
    paths = [root / f"{table}.json", *sorted(root.glob(f"{table}.*.json"))]
    return {r["id"]: r for path in paths for r in json.loads(path.read_bytes())["records"]}


@functools.cache
def scan(table):
    """Every record of one table, built by the converter from its JSON, in (when, id) order."""
    cls = RECORD_FILES[f"{table}.json"]
    records = [structure(r, cls) for r in raw(table).values()]
    return tuple(sorted(records, key=lambda r: (r.when, r.id)))


def _codes():
    return [p.code for p in ds().places()]


def _published():
    return sorted({s.published_on for s in ds().sources()})


CODES = st.deferred(lambda: st.sampled_from(_codes()))
SECTORS = st.deferred(lambda: st.sampled_from([s.slug for s in ds().sectors()]))
METRICS = st.deferred(
    lambda: st.sampled_from(sorted({r["metric"] for r in raw("indicators").values()}))
)
AS_OF = (
    st.none()
    | st.deferred(lambda: st.sampled_from(_published()))
    | st.dates(dt.date(2019, 1, 1), dt.date(2025, 1, 1))
)


def inside(code, wanted, *, exact=False):
    """Whether place *code* is *wanted* or (unless *exact*) lies inside it."""
    if exact:
        return code == ds().place(wanted).code
    while code is not None:
        if code == wanted:
            return True
        code = ds().place(code).parent
    return False


@functools.cache
def _broader():
    """Each slug's broader slugs, read from the raw sectors.json."""
    root = Path(str(bundled_directory()))
    records = json.loads((root / "sectors.json").read_bytes())["records"]
    return {r["slug"]: r.get("broader", []) for r in records}


def under(slug, wanted, *, exact=False):
    """Whether sector *slug* is *wanted* or (unless *exact*) lies below it, however deep."""
    if exact:
        return slug == wanted
    todo, seen = [slug], set()
    while todo:
        found = todo.pop()
        if found == wanted:
            return True
        seen.add(found)
        todo += [b for b in _broader()[found] if b not in seen]
    return False


def known(record, as_of):
    if as_of is None:
        return True
    return min(ds().source(e.source).published_on for e in record.evidence) <= as_of


def ordered(records):
    keys = [(r.when, r.id) for r in records]
    return keys == sorted(keys) and len({r.id for r in records}) == len(records)


def raw_years(table, record):
    """The calendar years a record's JSON dates touch: a trip from its start to its end."""
    r = raw(table)[record.id]
    if table == "delegations":
        first, last = r.get("start") or r["end"], r.get("end") or r["start"]
        return set(range(int(first[:4]), int(last[:4]) + 1))
    years = set()
    if r.get("period"):
        years |= set(range(int(r["period"]["start"][:4]), int(r["period"]["end"][:4]) + 1))
    if r.get("as_of"):
        years.add(int(r["as_of"][:4]))
    return years


def raw_days(record):
    """A delegation's first and last possible day, from its JSON start and end."""
    r = raw("delegations")[record.id]
    first, last = r.get("start") or r["end"], r.get("end") or r["start"]
    return PartialDate.parse(first).earliest, PartialDate.parse(last).latest


def test_every_record_type_is_present_and_ordered():
    for cls in RECORD_FILES.values():
        records = ds()._table(cls).records
        name = cls.__name__
        assert records, name
        assert ordered(records), name


@given(
    CODES | st.none(),
    CODES | st.none(),
    st.sampled_from(Flow) | st.none(),
    YEARS | st.none(),
    AS_OF,
    st.booleans(),
)
def test_trade_equals_scan(reporter, partner, flow, year, as_of, exact):  # noqa: PLR0917 -- one per filter
    """trade() returns exactly the figures a full scan selects, in order."""
    got = ds().trade(
        reporter=reporter, partner=partner, flow=flow, year=year, as_of=as_of, exact=exact
    )
    expected = tuple(
        r
        for r in scan("trade")
        if (reporter is None or inside(r.reporter, reporter, exact=exact))
        and (partner is None or inside(r.partner, partner, exact=exact))
        and (flow is None or r.flow is flow)
        and (year is None or r.period.year == year)
        and known(r, as_of)
    )
    assert got == expected
    assert ordered(got)
    if year is not None:
        assert all(r.period.start.year == r.period.end.year == year for r in got)


@given(CODES | st.none(), CODES | st.none(), AS_OF, st.booleans())
def test_investments_equal_scan(investor, host, as_of, exact):
    """investments() returns exactly the figures a full scan selects."""
    got = ds().investments(investor=investor, host=host, as_of=as_of, exact=exact)
    assert got == tuple(
        r
        for r in scan("investments")
        if (investor is None or inside(r.investor, investor, exact=exact))
        and (host is None or inside(r.host, host, exact=exact))
        and known(r, as_of)
    )


def _bounds(since, until):
    low = dt.date(since, 1, 1) if isinstance(since, int) else since
    high = dt.date(until, 12, 31) if isinstance(until, int) else until
    return low, high


BOUND = st.none() | YEARS | st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))


@given(
    BOUND,
    BOUND,
    st.sampled_from(MilestoneKind) | st.none(),
    CODES | st.none(),
    AS_OF,
    st.booleans(),
)
def test_milestones_equal_scan(since, until, kind, place, as_of, exact):  # noqa: PLR0917 -- one per filter
    """milestones() returns the milestones whose date (to its end) overlaps [since, until]...

    An undated milestone may have happened on any day up to its date.
    """
    low, high = _bounds(since, until)
    if low is not None and high is not None and low > high:
        with pytest.raises(vnus.InvalidQueryError, match="since must not be after until"):
            ds().milestones(since=since, until=until)
        return
    got = ds().milestones(
        since=since, until=until, kind=kind, place=place, as_of=as_of, exact=exact
    )
    assert got == tuple(
        m
        for m in scan("milestones")
        if (low is None or (m.end or m.date).latest >= low)
        and (high is None or (dt.date.min if m.undated else m.date.earliest) <= high)
        and (kind is None or m.kind is kind)
        and (place is None or any(inside(c, place, exact=exact) for c in m.places))
        and known(m, as_of)
    )


@given(CODES | st.none(), CODES | st.none(), YEARS | st.none(), AS_OF, st.booleans())
def test_delegations_equal_scan(origin, destination, year, as_of, exact):
    """delegations() matches origin, any destination (or a place inside it) and year."""
    got = ds().delegations(
        origin=origin, destination=destination, year=year, as_of=as_of, exact=exact
    )
    assert got == tuple(
        d
        for d in scan("delegations")
        if (origin is None or inside(d.origin, origin, exact=exact))
        and (
            destination is None or any(inside(c, destination, exact=exact) for c in d.destinations)
        )
        and (year is None or year in raw_years("delegations", d))
        and known(d, as_of)
    )


@given(
    CODES | st.none(),
    SECTORS | st.none(),
    YEARS | st.none(),
    AS_OF,
    st.booleans(),
)
def test_sector_priorities_equal_scan(place, sector, year, as_of, exact):
    """sector_priorities() matches the place, a sector (or one below it) and the year."""
    got = ds().sector_priorities(place=place, sector=sector, year=year, as_of=as_of, exact=exact)
    assert got == tuple(
        p
        for p in scan("sector_priorities")
        if (place is None or any(inside(c, place, exact=exact) for c in p.places))
        and (sector is None or any(under(s, sector, exact=exact) for s in p.sectors))
        and (year is None or p.as_of.year == year)
        and known(p, as_of)
    )


@given(SECTORS)
def test_sector_filter_accepts_every_alias(slug):
    """sector= accepts the slug, the label and every alias, with one answer."""
    sector = ds().sector(slug)
    expected = ds().sector_priorities(sector=slug)
    for name in (sector.label, *sector.aliases, sector.label.upper()):
        assert ds().sector(name) == sector
        assert ds().sector_priorities(sector=name) == expected


@given(
    CODES | st.none(),
    METRICS | st.none(),
    YEARS | st.none(),
    AS_OF,
    st.booleans(),
)
def test_indicators_equal_scan(subject, metric, year, as_of, exact):
    """indicators() matches subject, metric and the years of its period or as_of date."""

    got = ds().indicators(subject=subject, metric=metric, year=year, as_of=as_of, exact=exact)
    assert got == tuple(
        i
        for i in scan("indicators")
        if (subject is None or inside(i.subject, subject, exact=exact))
        and (metric is None or i.metric == metric)
        and (year is None or year in raw_years("indicators", i))
        and known(i, as_of)
    )


def _scan_summary(place, year, reporter, as_of):
    """trade_with_us as documented, by a scan: one reporter's full-year figures for *year*."""

    def full(side, other):
        return tuple(
            r
            for r in scan("trade")
            if r.reporter == side
            and r.partner == other
            and r.period.is_full_year
            and raw("trade")[r.id]["period"]["start"][:4] == str(year)
            and known(r, as_of)
        )

    own = full(place, "US")
    if reporter is None:
        reporter = place if own else "US"
    return reporter, own if reporter == place else full("US", place)


@given(
    st.deferred(lambda: st.sampled_from(sorted({r.reporter for r in scan("trade")} - {"US"}))),
    YEARS,
    st.sampled_from(["own", "US", None]),
    AS_OF,
)
def test_trade_with_us_equals_scan(place, year, reporter, as_of):
    ds()._cache.clear()  # computed, not served from an earlier example
    asked = place if reporter == "own" else reporter
    side, figures = _scan_summary(place, year, asked, as_of)
    if not figures:
        with pytest.raises(vnus.NoDataError):
            ds().trade_with_us(place, year, reporter=asked, as_of=as_of)
        return
    summary = ds().trade_with_us(place, year, reporter=asked, as_of=as_of)
    assert (summary.reporter, summary.figures) == (side, figures)
    assert summary.mirror == (side != place)

    def chosen(flow):
        """Of the figures of *flow*, the one a source published last supports (ties: by id)."""
        options = [r for r in figures if r.flow is flow]
        days = {
            r.id: max(
                day
                for day in (ds().source(e.source).published_on for e in r.evidence)
                if as_of is None or day <= as_of
            )
            for r in options
        }
        return max(options, key=lambda r: (days[r.id], r.id), default=None)

    mirror = side != place
    exports = chosen(Flow.IMPORT if mirror else Flow.EXPORT)
    imports = chosen(Flow.EXPORT if mirror else Flow.IMPORT)
    balance = None
    if exports and imports and exports.value.currency == imports.value.currency:
        with decimal.localcontext() as exact:
            exact.prec = 100
            balance = vnus.Money(
                exports.value.amount - imports.value.amount, imports.value.currency
            )
    expected = vnus.TradeSummary(
        place=ds().place(place),
        year=year,
        exports=exports,
        imports=imports,
        total=chosen(Flow.TOTAL),
        figures=figures,
        balance=balance,
        reporter=side,
        mirror=mirror,
    )
    assert summary == expected
    assert (hash(summary), repr(summary)) == (hash(expected), repr(expected))


@given(BOUND, BOUND, AS_OF)
def test_timeline_merges_milestones_and_delegations(since, until, as_of):
    """timeline() is the ordered union of the milestones and delegations in range."""
    low, high = _bounds(since, until)
    if low is not None and high is not None and low > high:
        return
    got = ds().timeline(since=since, until=until, as_of=as_of)
    assert ordered(got)
    milestones = ds().milestones(since=since, until=until, as_of=as_of)
    delegations = tuple(
        d
        for d in scan("delegations")
        if (low is None or raw_days(d)[1] >= low)
        and (high is None or raw_days(d)[0] <= high)
        and known(d, as_of)
    )
    assert set(got) == set(milestones) | set(delegations)
    assert len(got) == len(milestones) + len(delegations)


@given(st.deferred(lambda: st.sampled_from(ds().places())))
def test_place_resolves_code_name_and_every_alias(place):
    """place(p.code) == p and place(alias) == p for every alias, whatever the case."""
    assert ds().place(place.code) == place
    assert ds().place(place) == place
    for name in (place.name, *place.aliases):
        assert ds().place(name) == place
        assert ds().place(f"  {name.upper()}  ") == place
        assert ds().place(name.lower()) == place


@given(
    st.deferred(lambda: st.sampled_from(ds().places())),
    st.sampled_from([str, str.upper, str.lower, lambda t: f"  {t} ", lambda t: t + " " * 70]),
)
def test_a_remembered_place_text_names_the_same_place(place, spell):
    """Places remember a text that named a place: asked again, it names the same place, as
    a fresh table says; at most 1024 texts of at most 64 characters are remembered."""
    from vnus._reference import Places  # noqa: PLC0415

    table = Places(ds().places())
    for text in (place.code, place.name, *place.aliases):
        query = spell(text)
        first = table.resolve("place", query)
        assert first is table.resolve("place", query) is table.by_code[place.code]
        assert first == Places(ds().places()).resolve("place", query) == place
        assert (query in table._named) == (len(query) <= 64)
    for a, b, c in itertools.islice(itertools.product(range(11), repeat=3), 1100):
        assert table.resolve("place", " " * a + place.code + " " * b + "\t" * c) is first
    assert len(table._named) == 1024
    with pytest.raises(vnus.UnknownPlaceError):
        table.resolve("place", "Atlantis")
    assert "Atlantis" not in table._named


def test_place_ignores_diacritics():
    assert {ds().place(q).code for q in ("Hà Nội", "Ha Noi", "hanoi", "VN-HN", "HÀ NỘI")} == {
        "VN-HN"
    }
    assert ds().place("Việt Nam").code == "VN"


def test_place_filter_includes_what_is_inside():
    to_us = ds().delegations(destination="US")
    assert any("US-CA-SFO" in d.destinations for d in to_us)
    assert ds().delegations(destination="US-CA") == tuple(
        d for d in to_us if any(c.startswith("US-CA") for c in d.destinations)
    )


def test_as_of_hides_later_sources():
    """Nothing published after as_of is returned; an earlier as_of never finds more."""
    published = _published()
    first = published[0]
    for records in (
        ds().trade(as_of=first),
        ds().milestones(as_of=first),
        ds().indicators(as_of=first),
    ):
        for record in records:
            assert known(record, first)
    for a, b in itertools.pairwise(published):
        assert set(ds().timeline(as_of=a)) <= set(ds().timeline(as_of=b))


def test_module_helpers_are_the_bundled_methods():
    assert vnus.trade_with_us("Hanoi", 2021) == ds().trade_with_us("Hanoi", 2021)
    assert vnus.trade() == ds().trade()
    assert vnus.investments() == ds().investments()
    assert vnus.milestones() == ds().milestones()
    assert vnus.delegations() == ds().delegations()
    assert vnus.sector_priorities() == ds().sector_priorities()
    assert vnus.indicators() == ds().indicators()
    assert vnus.timeline() == ds().timeline()
    assert vnus.sources() == ds().sources()
    assert vnus.places() == ds().places()
    assert vnus.sectors() == ds().sectors()
    assert vnus.dataset() is ds()


def test_enum_arguments_accept_names_in_any_case():
    assert ds().trade(flow="export") == ds().trade(flow=Flow.EXPORT) == ds().trade(flow=" EXPORT ")
    assert ds().milestones(kind="partnership") == ds().milestones(kind=MilestoneKind.PARTNERSHIP)


def test_results_are_cached_but_equal_to_fresh_answers():
    first = ds().trade(reporter="VN-HN")
    assert ds().trade(reporter="VN-HN") is first
    # True is not the year 1: types are part of the cache key.
    ds().trade(year=2021)
    with pytest.raises(vnus.InvalidQueryError, match="year must be an int"):
        ds().trade(year=True)


def test_range_queries_in_sequence_on_a_fresh_dataset():
    """A range filter combined with an index never reuses another query's candidates."""

    fresh = vnus.Dataset.from_directory(str(bundled_directory()))
    ranges = [(2010, 2019), (2023, 2023), (1990, 2030), (2013, 2013), (2023, 2024)] * 3
    for since, until in ranges:
        got = fresh.milestones(kind="partnership", since=since, until=until)
        expected = tuple(
            m
            for m in fresh.milestones(kind="partnership")
            if (m.end or m.date).latest.year >= since and m.date.earliest.year <= until
        )
        assert got == expected, (since, until)
        fresh._cache.clear()


def test_equal_instants_in_other_zones_are_different_days():
    """Two aware datetimes for one instant can fall on different local days: no shared cache."""
    utc = dt.datetime(2022, 10, 28, 20, 0, tzinfo=dt.UTC)
    hanoi = dt.datetime(2022, 10, 29, 3, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    assert utc == hanoi
    fresh = vnus.Dataset.from_directory(str(bundled_directory()))
    assert fresh.trade(reporter="Hanoi", as_of=utc) == fresh.trade(
        reporter="Hanoi", as_of=utc.date()
    )
    assert fresh.trade(reporter="Hanoi", as_of=hanoi) == fresh.trade(
        reporter="Hanoi", as_of=hanoi.date()
    )
    assert len(fresh.trade(reporter="Hanoi", as_of=hanoi)) > len(
        fresh.trade(reporter="Hanoi", as_of=utc)
    )
    fresh.trade_with_us("Hanoi", 2021, as_of=hanoi)
    with pytest.raises(vnus.NoDataError):
        fresh.trade_with_us("Hanoi", 2021, as_of=utc)


def test_timeline_keeps_long_trips_that_began_before_since(tmp_path):
    """A delegation spanning years is in the timeline of any range it overlaps."""
    ds = vnus.dataset()
    trip = vnus.Delegation(
        id="long-trip",
        origin="VN",
        destinations=("US",),
        start=vnus.PartialDate(2018),
        end=vnus.PartialDate(2019, 1, 5),
        evidence=next(d for d in ds.delegations() if d.evidence[0].locator is None).evidence,
    )
    source = ds.source(trip.evidence[0].source)
    from vnus.testing import write_directory  # noqa: PLC0415

    out = write_directory(
        tmp_path,
        sources=[source],
        places=ds.places(),
        sectors=ds.sectors(),
        records=[trip],
        seeds={source.seed: vnus.audit.seed_text(source)},
    )
    mine = vnus.Dataset.from_directory(out)
    assert mine.timeline(since=dt.date(2019, 1, 3)) == (trip,)
    assert mine.timeline(since=dt.date(2019, 1, 6)) == ()
    assert mine.delegations(year=2019) == (trip,)


@functools.cache
def _many_events(directory):
    """A dataset of 600 milestones and 300 delegations with dates of every precision.

    Day, month and year dates, undated milestones, events that run over months and trips
    that run over years (the index keeps those apart), so that range queries answered from
    the year index can be held to a scan.
    """
    import random  # noqa: PLC0415

    from vnus.testing import write_directory  # noqa: PLC0415

    bundled = vnus.dataset()
    evidence = next(d for d in bundled.delegations() if d.evidence[0].locator is None).evidence
    source = bundled.source(evidence[0].source)
    rng = random.Random(20261127)  # noqa: S311 -- test data, not secrets
    last_year = source.published_on.year - 1  # nothing reported before it happened

    def date():
        year = rng.randint(1990, last_year)
        precision = rng.random()
        if precision < 0.2:
            return PartialDate(year)
        if precision < 0.4:
            return PartialDate(year, rng.randint(1, 12))
        return PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))

    records = []
    for i in range(600):
        start = date()
        end = None
        if rng.random() < 0.2:
            end_year = min(start.earliest.year + rng.randint(0, 12), last_year)
            end = PartialDate(end_year, rng.randint(1, 12))
            if end.latest < start.latest:
                end = None
        records.append(
            vnus.Milestone(
                id=f"event-{i:04d}",
                date=start,
                end=end,
                undated=end is None and rng.random() < 0.05,
                kind=rng.choice(list(MilestoneKind)),
                title=f"Event {i}",
                evidence=evidence,
            )
        )
    for i in range(300):
        start = date()
        end_year = min(start.earliest.year + rng.randint(0, 9), last_year)
        end = None if rng.random() < 0.5 else PartialDate(end_year)
        records.append(
            vnus.Delegation(
                id=f"trip-{i:04d}",
                origin="VN",
                destinations=("US",),
                start=start,
                end=end,
                evidence=evidence,
            )
        )
    out = write_directory(
        directory,
        sources=[source],
        places=bundled.places(),
        sectors=bundled.sectors(),
        records=records,
        seeds={source.seed: vnus.audit.seed_text(source)},
    )
    return vnus.Dataset.from_directory(out), records


@given(BOUND, BOUND)
def test_range_queries_over_many_events_equal_scan(tmp_path_factory, since, until):
    """timeline() and milestones() over 900 events of every shape of date."""
    many, records = _many_events(tmp_path_factory.getbasetemp() / "many-events")
    low, high = _bounds(since, until)
    if low is not None and high is not None and low > high:
        return

    def overlaps(first, last):
        return (low is None or last >= low) and (high is None or first <= high)

    milestones = [
        m
        for m in records
        if isinstance(m, vnus.Milestone)
        and overlaps(dt.date.min if m.undated else m.date.earliest, (m.end or m.date).latest)
    ]
    delegations = [
        d
        for d in records
        if isinstance(d, vnus.Delegation)
        and overlaps((d.start or d.end).earliest, (d.end or d.start).latest)
    ]
    assert many.milestones(since=since, until=until) == tuple(sorted(milestones, key=_by_when))
    assert many.timeline(since=since, until=until) == tuple(
        sorted(milestones + delegations, key=_by_when)
    )


def _by_when(record):
    return (record.when, record.id)


def test_a_figure_over_several_years_is_no_years_figure(tmp_path):
    """trade(year=...) keeps the figures that lie in the year, not those that run over it."""
    from vnus.testing import write_directory  # noqa: PLC0415

    bundled = vnus.dataset()
    model = bundled.trade_with_us("Hanoi", 2021).exports
    source = bundled.source(model.evidence[0].source)

    def figure(name, start, end):
        return vnus.TradeFigure(
            id=name,
            reporter="VN-HN",
            partner="US",
            flow=Flow.EXPORT,
            period=vnus.Period(start, end),
            value=model.value,
            evidence=model.evidence,
        )

    fiscal = figure("fiscal-2021", dt.date(2020, 7, 1), dt.date(2021, 6, 30))
    calendar = figure("calendar-2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31))
    half = figure("half-2021", dt.date(2021, 1, 1), dt.date(2021, 6, 30))
    out = write_directory(
        tmp_path,
        sources=[source],
        places=bundled.places(),
        sectors=bundled.sectors(),
        records=[fiscal, calendar, half],
        seeds={source.seed: vnus.audit.seed_text(source)},
    )
    mine = vnus.Dataset.from_directory(out)
    assert mine.trade(year=2021) == (calendar, half)
    assert mine.trade(year=2020) == ()
    assert mine.trade() == (fiscal, calendar, half)
    # Without a figure over several years, the year's bucket is the answer as it stands.
    only = vnus.Dataset.from_directory(
        write_directory(
            tmp_path / "only",
            sources=[source],
            places=bundled.places(),
            sectors=bundled.sectors(),
            records=[calendar, half],
            seeds={source.seed: vnus.audit.seed_text(source)},
        )
    )
    assert only.trade(year=2021) == (calendar, half)
    assert only.trade(year=2020) == ()


def test_trade_with_us_chooses_the_figure_published_last(tmp_path):
    """Of several full-year figures of one flow, the one whose sources were published last
    wins (ties: the greater id), as of the day asked; the balance is of the chosen ones."""
    from vnus.testing import write_directory  # noqa: PLC0415

    bundled = ds()
    sources = [bundled.source("bta-2020-07-14"), bundled.source("hanoitimes-2022-10-29")]
    by_id = {r.id: r for r in bundled.trade(reporter="Hanoi", partner="US")}
    later = by_id["hanoi-us-exports-2021"]  # hanoitimes, 2022
    earlier = attrs.evolve(  # the 2019 figure's words, from a source of 2020
        by_id["hanoi-us-exports-2019"],
        id="hanoi-us-exports-2021-bta",
        period=vnus.Period.calendar_year(2021),
    )
    tie = attrs.evolve(later, id="hanoi-us-exports-2021-again", value=vnus.Money(Decimal(5)))
    imports = by_id["hanoi-us-imports-2021"]
    records = [earlier, later, imports]
    root = write_directory(
        tmp_path / "one",
        sources=sources,
        places=bundled.places(),
        sectors=bundled.sectors(),
        records=records,
        seeds={s.seed: vnus.audit.seed_text(s) for s in sources},
    )
    mine = vnus.Dataset.from_directory(root)
    summary = mine.trade_with_us("Hanoi", 2021)
    assert (summary.exports, summary.imports) == (later, imports)
    assert sorted(summary.figures, key=lambda r: r.id) == sorted(records, key=lambda r: r.id)
    assert summary.balance == later.value - imports.value == vnus.Money(Decimal(2_100_000_000))
    before = mine.trade_with_us("Hanoi", 2021, as_of=dt.date(2021, 1, 1))
    assert (before.exports, before.imports, before.balance) == (earlier, None, None)
    both = write_directory(
        tmp_path / "two",
        sources=sources,
        places=bundled.places(),
        sectors=bundled.sectors(),
        records=[*records, tie],
        seeds={s.seed: vnus.audit.seed_text(s) for s in sources},
    )
    tied = vnus.Dataset.from_directory(both).trade_with_us("Hanoi", 2021)
    assert tied.exports == tie  # same day as hanoi-us-exports-2021, greater id
    assert tied.balance == vnus.Money(Decimal(5) - imports.value.amount)

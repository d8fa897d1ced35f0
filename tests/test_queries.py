"""Query helpers on the bundled dataset: indexed answers equal a brute-force scan."""

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vnus
from vnus import Flow, MilestoneKind
from vnus._load import bundled_directory

DS = vnus.dataset()
CODES = [p.code for p in DS.places()]
SECTORS = [s.slug for s in DS.sectors()]
YEARS = st.integers(1990, 2030)
PUBLISHED = sorted({s.published_on for s in DS.sources()})
AS_OF = st.none() | st.sampled_from(PUBLISHED) | st.dates(dt.date(2019, 1, 1), dt.date(2025, 1, 1))


def inside(code, wanted):
    """Whether place *code* is *wanted* or lies inside it."""
    while code is not None:
        if code == wanted:
            return True
        code = DS.place(code).parent
    return False


def known(record, as_of):
    if as_of is None:
        return True
    return min(DS.source(e.source).published_on for e in record.evidence) <= as_of


def ordered(records):
    keys = [(r.when, r.id) for r in records]
    return keys == sorted(keys) and len({r.id for r in records}) == len(records)


ALL = {
    "trade": DS.trade(),
    "investments": DS.investments(),
    "milestones": DS.milestones(),
    "delegations": DS.delegations(),
    "sector_priorities": DS.sector_priorities(),
    "indicators": DS.indicators(),
}


def test_every_record_type_is_present_and_ordered():
    for name, records in ALL.items():
        assert records, name
        assert ordered(records), name


@given(
    st.sampled_from(CODES) | st.none(),
    st.sampled_from(CODES) | st.none(),
    st.sampled_from(Flow) | st.none(),
    YEARS | st.none(),
    AS_OF,
)
def test_trade_equals_scan(reporter, partner, flow, year, as_of):
    """trade() returns exactly the figures a full scan selects, in order."""
    got = DS.trade(reporter=reporter, partner=partner, flow=flow, year=year, as_of=as_of)
    expected = tuple(
        r
        for r in ALL["trade"]
        if (reporter is None or inside(r.reporter, reporter))
        and (partner is None or inside(r.partner, partner))
        and (flow is None or r.flow is flow)
        and (year is None or r.period.year == year)
        and known(r, as_of)
    )
    assert got == expected
    assert ordered(got)
    if year is not None:
        assert all(r.period.start.year == r.period.end.year == year for r in got)


@given(st.sampled_from(CODES) | st.none(), st.sampled_from(CODES) | st.none(), AS_OF)
def test_investments_equal_scan(investor, host, as_of):
    """investments() returns exactly the figures a full scan selects."""
    got = DS.investments(investor=investor, host=host, as_of=as_of)
    assert got == tuple(
        r
        for r in ALL["investments"]
        if (investor is None or inside(r.investor, investor))
        and (host is None or inside(r.host, host))
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
    st.sampled_from(CODES) | st.none(),
    AS_OF,
)
def test_milestones_equal_scan(since, until, kind, place, as_of):
    """milestones() returns the milestones whose date overlaps [since, until], and so on."""
    low, high = _bounds(since, until)
    if low is not None and high is not None and low > high:
        with pytest.raises(vnus.InvalidQueryError, match="since must not be after until"):
            DS.milestones(since=since, until=until)
        return
    got = DS.milestones(since=since, until=until, kind=kind, place=place, as_of=as_of)
    assert got == tuple(
        m
        for m in ALL["milestones"]
        if (low is None or m.date.latest >= low)
        and (high is None or m.date.earliest <= high)
        and (kind is None or m.kind is kind)
        and (place is None or any(inside(c, place) for c in m.places))
        and known(m, as_of)
    )


def _span(d):
    first = d.start or d.end
    last = d.end or d.start
    return first.earliest, last.latest


@given(
    st.sampled_from(CODES) | st.none(), st.sampled_from(CODES) | st.none(), YEARS | st.none(), AS_OF
)
def test_delegations_equal_scan(origin, destination, year, as_of):
    """delegations() matches origin, any destination (or a place inside it) and year."""
    got = DS.delegations(origin=origin, destination=destination, year=year, as_of=as_of)
    assert got == tuple(
        d
        for d in ALL["delegations"]
        if (origin is None or inside(d.origin, origin))
        and (destination is None or any(inside(c, destination) for c in d.destinations))
        and (year is None or _span(d)[0].year <= year <= _span(d)[1].year)
        and known(d, as_of)
    )


@given(
    st.sampled_from(CODES) | st.none(),
    st.sampled_from(SECTORS) | st.none(),
    YEARS | st.none(),
    AS_OF,
)
def test_sector_priorities_equal_scan(place, sector, year, as_of):
    """sector_priorities() matches the place, a sector and the year it was stated."""
    got = DS.sector_priorities(place=place, sector=sector, year=year, as_of=as_of)
    assert got == tuple(
        p
        for p in ALL["sector_priorities"]
        if (place is None or inside(p.place, place))
        and (sector is None or sector in p.sectors)
        and (year is None or p.as_of.year == year)
        and known(p, as_of)
    )


@given(st.sampled_from(SECTORS))
def test_sector_filter_accepts_every_alias(slug):
    """sector= accepts the slug, the label and every alias, with one answer."""
    sector = DS.sector(slug)
    expected = DS.sector_priorities(sector=slug)
    for name in (sector.label, *sector.aliases, sector.label.upper()):
        assert DS.sector(name) == sector
        assert DS.sector_priorities(sector=name) == expected


@given(
    st.sampled_from(CODES) | st.none(),
    st.sampled_from(sorted(DS.metrics())) | st.none(),
    YEARS | st.none(),
    AS_OF,
)
def test_indicators_equal_scan(subject, metric, year, as_of):
    """indicators() matches subject, metric and the years of its period or as_of date."""

    def years(i):
        ys = set()
        if i.period is not None:
            ys |= set(range(i.period.start.year, i.period.end.year + 1))
        if i.as_of is not None:
            ys.add(i.as_of.year)
        return ys

    got = DS.indicators(subject=subject, metric=metric, year=year, as_of=as_of)
    assert got == tuple(
        i
        for i in ALL["indicators"]
        if (subject is None or inside(i.subject, subject))
        and (metric is None or i.metric == metric)
        and (year is None or year in years(i))
        and known(i, as_of)
    )


@given(BOUND, BOUND, AS_OF)
def test_timeline_merges_milestones_and_delegations(since, until, as_of):
    """timeline() is the ordered union of the milestones and delegations in range."""
    low, high = _bounds(since, until)
    if low is not None and high is not None and low > high:
        return
    got = DS.timeline(since=since, until=until, as_of=as_of)
    assert ordered(got)
    milestones = DS.milestones(since=since, until=until, as_of=as_of)
    delegations = tuple(
        d
        for d in ALL["delegations"]
        if (low is None or _span(d)[1] >= low)
        and (high is None or _span(d)[0] <= high)
        and known(d, as_of)
    )
    assert set(got) == set(milestones) | set(delegations)
    assert len(got) == len(milestones) + len(delegations)


@given(st.sampled_from(DS.places()))
def test_place_resolves_code_name_and_every_alias(place):
    """place(p.code) == p and place(alias) == p for every alias, whatever the case."""
    assert DS.place(place.code) == place
    assert DS.place(place) == place
    for name in (place.name, *place.aliases):
        assert DS.place(name) == place
        assert DS.place(f"  {name.upper()}  ") == place
        assert DS.place(name.lower()) == place


def test_place_ignores_diacritics():
    assert {DS.place(q).code for q in ("Hà Nội", "Ha Noi", "hanoi", "VN-HN", "HÀ NỘI")} == {"VN-HN"}
    assert DS.place("Việt Nam").code == "VN"


def test_place_filter_includes_what_is_inside():
    to_us = DS.delegations(destination="US")
    assert any("US-CA-SFO" in d.destinations for d in to_us)
    assert DS.delegations(destination="US-CA") == tuple(
        d for d in to_us if any(c.startswith("US-CA") for c in d.destinations)
    )


def test_as_of_hides_later_sources():
    """Nothing published after as_of is returned; an earlier as_of never finds more."""
    first = PUBLISHED[0]
    for records in (DS.trade(as_of=first), DS.milestones(as_of=first), DS.indicators(as_of=first)):
        for record in records:
            assert known(record, first)
    for a, b in itertools.pairwise(PUBLISHED):
        assert set(DS.timeline(as_of=a)) <= set(DS.timeline(as_of=b))


def test_module_helpers_are_the_bundled_methods():
    assert vnus.trade_with_us("Hanoi", 2021) == DS.trade_with_us("Hanoi", 2021)
    assert vnus.trade() == DS.trade()
    assert vnus.investments() == DS.investments()
    assert vnus.milestones() == DS.milestones()
    assert vnus.delegations() == DS.delegations()
    assert vnus.sector_priorities() == DS.sector_priorities()
    assert vnus.indicators() == DS.indicators()
    assert vnus.timeline() == DS.timeline()
    assert vnus.sources() == DS.sources()
    assert vnus.places() == DS.places()
    assert vnus.sectors() == DS.sectors()
    assert vnus.dataset() is DS


def test_enum_arguments_accept_names_in_any_case():
    assert DS.trade(flow="export") == DS.trade(flow=Flow.EXPORT) == DS.trade(flow=" EXPORT ")
    assert DS.milestones(kind="partnership") == DS.milestones(kind=MilestoneKind.PARTNERSHIP)


def test_results_are_cached_but_equal_to_fresh_answers():
    first = DS.trade(reporter="VN-HN")
    assert DS.trade(reporter="VN-HN") is first
    # True is not the year 1: types are part of the cache key.
    DS.trade(year=2021)
    with pytest.raises(vnus.InvalidQueryError, match="year must be an int"):
        DS.trade(year=True)


def test_range_queries_in_sequence_on_a_fresh_dataset():
    """A range filter combined with an index never reuses another query's candidates."""

    fresh = vnus.Dataset.from_directory(str(bundled_directory()))
    ranges = [(2010, 2019), (2023, 2023), (1990, 2030), (2013, 2013), (2023, 2024)] * 3
    for since, until in ranges:
        got = fresh.milestones(kind="partnership", since=since, until=until)
        expected = tuple(
            m
            for m in fresh.milestones(kind="partnership")
            if m.date.latest.year >= since and m.date.earliest.year <= until
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
        evidence=ds.delegations()[0].evidence,
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

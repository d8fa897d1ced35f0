"""Hostile arguments: only documented errors escape, each naming its argument.

The ``fuzz`` Hypothesis profile (VNUS_HYPOTHESIS_PROFILE=fuzz) runs 10,000 examples per test.
"""

import datetime as dt
import inspect
import math

import pytest
from hypothesis import given, strategies as st

import vnus
from vnus import Place, TradeSummary, VnusError


class _Liar(str):
    """A str subclass that claims to equal everything and hashes like "Hanoi"."""

    __slots__ = ()

    def __eq__(self, other):
        return True

    def __hash__(self):
        return hash("Hanoi")


class _NotADay(dt.datetime):
    """A datetime that denotes no day, as pandas' NaT does."""

    @property
    def year(self):
        return float("nan")


TEXT = st.one_of(
    st.text(),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.text(st.characters(categories=["Cc", "Mn", "Zs"]), max_size=20),
    st.text(min_size=1000, max_size=5000),
    st.sampled_from(
        [
            "Hanoi",
            "hà nội",
            "VN-HN",
            "US",
            "Vietnam",
            "export",
            "PARTNERSHIP",
            "semiconductors",
            "AI",
            "us-tourist-arrivals",
            "\x00",
            "Hanoi\u0301",
        ]
    ),
)
ANYTHING = st.one_of(
    TEXT,
    st.integers(),
    st.integers(1000, 9999),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([math.nan, math.inf, -math.inf, 2021.0]),
    st.binary(max_size=20),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.dates(),
    st.datetimes(),
    st.builds(object),
    st.builds(_Liar, st.sampled_from(["Hanoi", "Vietnam", "export", "AI", "x" * 300])),
    st.builds(_NotADay, st.integers(1000, 9999), st.integers(1, 12), st.integers(1, 28)),
)


def _parameters(name):
    return inspect.signature(getattr(vnus.Dataset, name)).parameters.values()


#: Each query helper's arguments, read from its signature (positional ones first).
HELPERS = {
    name: tuple(p.name for p in _parameters(name) if p.name != "self")
    for name in (
        "trade_with_us",
        "trade",
        "investments",
        "milestones",
        "delegations",
        "sector_priorities",
        "indicators",
        "timeline",
        "source",
        "place",
        "sector",
    )
}
POSITIONAL = {
    name: sum(p.kind is p.POSITIONAL_OR_KEYWORD and p.name != "self" for p in _parameters(name))
    for name in HELPERS
}
RESULT_TYPES = (tuple, TradeSummary, Place, vnus.Source, vnus.Sector)


def _call(name, kwargs):
    helper = getattr(vnus, name)
    names = HELPERS[name]
    n = POSITIONAL[name]
    args = [kwargs[k] for k in names[:n]]
    rest = {k: kwargs[k] for k in names[n:]}
    return helper(*args, **rest)


@pytest.mark.parametrize("name", sorted(HELPERS))
@given(data=st.data())
def test_only_documented_errors_escape(name, data):
    """Any argument values give a result or a VnusError whose message names an argument."""
    kwargs = {arg: data.draw(ANYTHING | st.none(), label=arg) for arg in HELPERS[name]}
    try:
        result = _call(name, kwargs)
    except VnusError as exc:
        message = str(exc)
        assert message
        first_word = message.split(maxsplit=1)[0].rstrip(":")
        assert first_word in HELPERS[name], message
    else:
        assert isinstance(result, RESULT_TYPES)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: vnus.trade_with_us("Hanoi", "2021"),
            vnus.InvalidQueryError,
            "year must be an int between 1000 and 9999, got '2021' (str)",
        ),
        (lambda: vnus.trade_with_us("Hanoi", True), vnus.InvalidQueryError, "year must be an int"),  # noqa: FBT003
        (
            lambda: vnus.trade_with_us("Hanoi", 2021.0),
            vnus.InvalidQueryError,
            "year must be an int",
        ),
        (lambda: vnus.trade_with_us("Hanoi", 999), vnus.InvalidQueryError, "year must be an int"),
        (lambda: vnus.trade_with_us(None, 2021), vnus.InvalidQueryError, "place must be a string"),
        (
            lambda: vnus.trade_with_us("US", 2021),
            vnus.InvalidQueryError,
            "place must not be the United States",
        ),
        (
            lambda: vnus.trade_with_us("Atlantis", 2021),
            vnus.UnknownPlaceError,
            "place: unknown place 'Atlantis'",
        ),
        (
            lambda: vnus.trade(reporter="Hanoy"),
            vnus.UnknownPlaceError,
            "reporter: unknown place 'Hanoy'; did you mean",
        ),
        (
            lambda: vnus.trade(flow="sideways"),
            vnus.UnknownNameError,
            "flow: unknown flow 'sideways'; expected one of EXPORT, IMPORT, TOTAL",
        ),
        (
            lambda: vnus.milestones(kind=3),
            vnus.InvalidQueryError,
            "kind must be None, a MilestoneKind",
        ),
        (
            lambda: vnus.milestones(since=2020, until=2019),
            vnus.InvalidQueryError,
            "since must not be after until",
        ),
        (
            lambda: vnus.milestones(since="2020"),
            vnus.InvalidQueryError,
            "since must be None, a year",
        ),
        (
            lambda: vnus.trade(as_of="2020-01-01"),
            vnus.InvalidQueryError,
            "as_of must be None, a year (int 1000-9999) or a datetime.date",
        ),
        (
            lambda: vnus.trade(as_of=20201),
            vnus.InvalidQueryError,
            "as_of must be None, a year",
        ),
        (
            lambda: vnus.sector_priorities(sector="basket weaving"),
            vnus.UnknownNameError,
            "sector: unknown sector",
        ),
        (
            lambda: vnus.indicators(metric="tourist"),
            vnus.UnknownNameError,
            "metric: unknown metric",
        ),
        (lambda: vnus.source("nope"), vnus.UnknownNameError, "id: unknown source 'nope'"),
        (
            lambda: vnus.trade(reporter="VN", exact=1),
            vnus.QueryTypeError,
            "exact must be True or False, got 1 (int)",
        ),
        (
            lambda: vnus.sector_priorities(sector="technology", exact="yes"),
            vnus.QueryTypeError,
            "exact must be True or False, got 'yes' (str)",
        ),
        (
            lambda: vnus.dataset().select(vnus.SectorPriority, sectors="AI", exact=None),
            vnus.QueryTypeError,
            "exact must be True or False, got None (NoneType)",
        ),
        (
            lambda: vnus.Dataset.from_directory(42),
            vnus.InvalidQueryError,
            "path must be a str or os.PathLike",
        ),
    ],
)
def test_error_messages_name_argument_and_expectation(call, error, message):
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


def test_errors_subclass_the_builtins_callers_expect():
    assert issubclass(vnus.UnknownNameError, LookupError)
    assert issubclass(vnus.UnknownPlaceError, vnus.UnknownNameError)
    assert issubclass(vnus.NoDataError, LookupError)
    assert issubclass(vnus.InvalidQueryError, ValueError)
    assert issubclass(vnus.QueryTypeError, vnus.InvalidQueryError)
    assert issubclass(vnus.QueryTypeError, TypeError)
    assert issubclass(vnus.DataError, ValueError)
    for cls in (vnus.UnknownNameError, vnus.NoDataError, vnus.InvalidQueryError, vnus.DataError):
        assert issubclass(cls, VnusError)


VALID = {
    "place": "Hanoi",
    "year": 2021,
    "query": "Hanoi",
    "id": "bta-2020-07-14",
    "exact": False,
}


@pytest.mark.parametrize(
    ("name", "argument"), [(n, a) for n, args in HELPERS.items() for a in args]
)
def test_every_argument_of_the_wrong_type_is_a_type_error(name, argument):
    """An object() where any argument is expected raises a QueryTypeError naming it."""
    kwargs = {a: VALID.get(a) for a in HELPERS[name]}
    kwargs[argument] = object()
    with pytest.raises(vnus.QueryTypeError) as info:
        _call(name, kwargs)
    assert isinstance(info.value, TypeError)
    assert str(info.value).startswith(argument), info.value


NAMED = [
    ("trade_with_us", "place"),
    ("trade", "reporter"),
    ("trade", "flow"),
    ("milestones", "kind"),
    ("milestones", "place"),
    ("delegations", "destination"),
    ("sector_priorities", "sector"),
    ("indicators", "metric"),
    ("source", "id"),
    ("place", "query"),
    ("sector", "query"),
]


@pytest.mark.parametrize(("name", "argument"), NAMED)
def test_every_unknown_name_is_a_lookup_error_with_suggestions(name, argument):
    """A name that matches nothing raises an UnknownNameError (a LookupError) naming it."""
    kwargs = {a: VALID.get(a) for a in HELPERS[name]}
    kwargs[argument] = "Hanoy-zz"
    with pytest.raises(vnus.UnknownNameError) as info:
        _call(name, kwargs)
    assert isinstance(info.value, LookupError)
    assert info.value.argument == argument
    assert info.value.query == "Hanoy-zz"
    assert isinstance(info.value.suggestions, tuple)


def test_unknown_place_suggests_at_most_three():
    with pytest.raises(vnus.UnknownPlaceError) as info:
        vnus.place("Hanoi city hall")
    assert len(info.value.suggestions) <= 3
    assert info.value.query == "Hanoi city hall"


def test_datetime_as_of_is_taken_as_its_day():
    day = dt.date(2021, 1, 1)
    assert vnus.trade(as_of=dt.datetime(2021, 1, 1, 12)) == vnus.trade(as_of=day)


CONSTRUCTORS = {
    vnus.Money: ("amount", "currency"),
    vnus.PartialDate: ("year", "month", "day"),
    vnus.Period: ("start", "end"),
    vnus.Evidence: ("source", "quote"),
    vnus.Source: ("id", "title", "publisher", "published", "seed", "url", "note"),
    vnus.Place: ("code", "name", "kind", "parent", "aliases"),
    vnus.Person: ("name", "title"),
    vnus.Sector: ("slug", "label", "aliases"),
    vnus.ProductShare: ("name", "share"),
    vnus.SectorAmount: ("sector", "capital"),
    vnus.TradeFigure: ("id", "reporter", "partner", "flow", "period", "value", "evidence"),
    vnus.InvestmentFigure: ("id", "investor", "host", "as_of", "projects", "rank", "evidence"),
    vnus.Milestone: ("id", "date", "kind", "title", "places", "parties", "evidence"),
    vnus.Delegation: ("id", "origin", "destinations", "start", "end", "leader", "evidence"),
    vnus.SectorPriority: ("id", "actor", "places", "context", "sectors", "as_of", "evidence"),
    vnus.Indicator: ("id", "subject", "metric", "value", "unit", "period", "evidence"),
}


@pytest.mark.parametrize("cls", list(CONSTRUCTORS), ids=lambda c: c.__name__)
@given(data=st.data())
def test_constructors_reject_nonsense_naming_the_field(cls, data):
    """Any field values build a valid object or raise ValueError/TypeError naming a field."""
    fields = CONSTRUCTORS[cls]
    kwargs = {name: data.draw(ANYTHING, label=name) for name in fields}
    try:
        value = cls(**kwargs)
    except (ValueError, TypeError) as exc:
        message = str(exc)
        assert any(name in message for name in (*fields, "day", "month", "year")), message
    else:
        assert type(value) is cls


@given(ANYTHING)
def test_partial_date_parse_rejects_anything_else(text):
    """PartialDate.parse accepts only ISO forms; anything else is a ValueError."""
    try:
        parsed = vnus.PartialDate.parse(text)
    except ValueError as exc:
        assert "invalid partial date" in str(exc)  # noqa: PT017 -- either outcome is legal
    else:
        assert str(parsed) == text


@pytest.mark.parametrize("year", [2019, 2022, 2024])
def test_a_year_as_of_is_its_last_day(year):
    """as_of=YEAR answers as as_of=31 December YEAR does, through the cache or not."""
    last_day = dt.date(year, 12, 31)
    for query in (vnus.trade, vnus.milestones, vnus.delegations, vnus.indicators):
        by_year = query(as_of=year)
        assert by_year == query(as_of=last_day)
        assert query(as_of=year) == by_year  # the cached answer is the same
    series = vnus.trade_series("Vietnam", flow="export", as_of=year)
    assert series == vnus.trade_series("Vietnam", flow="export", as_of=last_day)
    published = {s.id: s.published_on for s in vnus.sources()}
    for record in vnus.trade(as_of=year):
        assert min(published[e.source] for e in record.evidence) <= last_day
    with pytest.raises(vnus.QueryTypeError, match="as_of must be"):
        vnus.trade(as_of=True)  # a bool is no year


def test_as_of_years_differ():
    """Each later year as_of knows at least as much, and some know more."""
    counts = [len(vnus.timeline(as_of=year)) for year in (2017, 2020, 2023, 2025)]
    assert counts == sorted(counts)
    assert counts[0] < counts[-1]

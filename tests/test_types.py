"""Value types: validation, ordering, formatting and their properties."""

import datetime as dt
import decimal
from decimal import Decimal

import attrs
import pytest
from hypothesis import example, given, strategies as st

from vnus import testing as vst
from vnus.types import Evidence, Money, PartialDate, Period, Person, Place, PlaceKind, Source


@pytest.mark.parametrize(
    ("amount", "currency", "text"),
    [
        ("3400000000", "USD", "US$3.4 billion"),
        ("278430000", "USD", "US$278.43 million"),
        ("93960000", "USD", "US$93.96 million"),
        ("100000000000", "USD", "US$100 billion"),
        ("55000000", "EUR", "EUR 55 million"),
        ("950", "USD", "US$950"),
        ("1234567.5", "USD", "US$1.2345675 million"),
        ("12345.50", "USD", "US$12,345.5"),
        ("-2100000000", "USD", "-US$2.1 billion"),
        ("0", "USD", "US$0"),
    ],
)
def test_money_str(amount, currency, text):
    assert str(Money(Decimal(amount), currency)) == text


@pytest.mark.parametrize(
    "bad", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), 5, 5.0, "5", None]
)
def test_money_rejects_non_finite_or_non_decimal(bad):
    with pytest.raises((ValueError, TypeError), match="amount"):
        Money(bad)


@pytest.mark.parametrize("bad", ["usd", "US", "USDD", "", 840, None, "U$D"])
def test_money_rejects_bad_currency(bad):
    with pytest.raises(ValueError, match="currency"):
        Money(Decimal(1), bad)


def test_money_subtraction_needs_one_currency():
    assert Money(Decimal(5)) - Money(Decimal(7)) == Money(Decimal(-2))
    with pytest.raises(ValueError, match="cannot subtract EUR from USD"):
        Money(Decimal(5)) - Money(Decimal(7), "EUR")


# Arithmetic within one currency

dollars = vst.money(currencies=("USD",))


@given(st.lists(dollars, min_size=1, max_size=8))
def test_money_sum_is_the_exact_sum_of_the_amounts(ms):
    """sum() of amounts of one currency is the Money of the exact Decimal sum of their amounts."""
    total = sum(ms)
    assert isinstance(total, Money)
    assert total.currency == "USD"
    assert total.amount == sum((m.amount for m in ms), Decimal(0))


@given(dollars, dollars, dollars)
def test_money_addition_is_a_commutative_group(a, b, c):
    """+ is commutative and associative; - undoes +; a + (-a) is zero; 0 + a is a."""
    assert a + b == b + a
    assert (a + b) + c == a + (b + c)
    assert (a + b) - b == a
    assert a + (-a) == Money(Decimal(0))
    assert 0 + a is a
    assert abs(a) == (a if a.amount >= 0 else -a)


@given(dollars, dollars)
def test_money_order_is_the_order_of_the_amounts(a, b):
    """Comparison agrees with the amounts, and exactly one of <, ==, > holds."""
    assert (a < b) == (a.amount < b.amount)
    assert (a <= b) == (a.amount <= b.amount)
    assert (a > b) == (a.amount > b.amount)
    assert (a >= b) == (a.amount >= b.amount)
    assert [a < b, a == b, a > b].count(True) == 1


@given(st.lists(dollars, max_size=10))
def test_money_sorts_by_amount(ms):
    """sorted() orders amounts of one currency as their Decimals sort; max() is the largest."""
    assert [m.amount for m in sorted(ms)] == sorted(m.amount for m in ms)
    if ms:
        assert max(ms).amount == max(m.amount for m in ms)


@given(vst.money(), st.sampled_from(["", ",.0f", ".2f", ",", ".3e", ">20,.1f"]))
def test_money_float_and_format_speak_of_the_amount(m, spec):
    """float() is the amount's float; a format spec formats the amount, an empty one str()."""
    assert float(m) == float(m.amount)
    assert format(m, spec) == (str(m) if not spec else format(m.amount, spec))


@given(vst.money(currencies=("USD",)), vst.money(currencies=("EUR", "VND")))
def test_mixing_currencies_is_an_error_naming_both(usd, other):
    """Every operation between two currencies raises ValueError naming both currencies."""
    operations = (
        lambda: usd + other,
        lambda: usd - other,
        lambda: usd < other,
        lambda: usd <= other,
        lambda: usd > other,
        lambda: usd >= other,
        lambda: sorted([usd, other]),
        lambda: sum([usd, other]),
    )
    for operation in operations:
        with pytest.raises(ValueError, match="USD") as info:
            operation()
        assert other.currency in str(info.value)
    assert usd != other


@pytest.mark.parametrize("other", [1, 1.5, Decimal(1), "1", None])
def test_money_refuses_plain_numbers(other):
    """A bare number has no currency: adding or comparing it is a TypeError (0 + m excepted)."""
    m = Money(Decimal(1))
    with pytest.raises(TypeError):
        m + other
    with pytest.raises(TypeError):
        other + m
    with pytest.raises(TypeError):
        m < other  # noqa: B015 -- the comparison is what raises


def _read_money(text):
    """Parse what Money.__str__ prints: a sign, US$ or a currency code, digits, a scale word."""
    sign = -1 if text.startswith("-") else 1
    text = text.removeprefix("-")
    if text.startswith("US$"):
        currency, rest = "USD", text.removeprefix("US$")
    else:
        currency, rest = text.split(" ", 1)
    number, _, word = rest.partition(" ")
    scale = {"": 1, "million": 10**6, "billion": 10**9}[word]
    return Money(sign * Decimal(number.replace(",", "")) * scale, currency)


@given(vst.money())
def test_money_str_round_trips(m):
    """str(m) is exact: reading its digits, sign, currency and scale word gives m back."""
    text = str(m)
    assert "E" not in text.replace("EUR", "")
    back = _read_money(text)
    assert back.currency == m.currency
    assert back.amount == m.amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017", PartialDate(2017)),
        ("1995-07", PartialDate(1995, 7)),
        ("2024-06-25", PartialDate(2024, 6, 25)),
        ("2024-02-29", PartialDate(2024, 2, 29)),
    ],
)
def test_partial_date_parse(text, expected):
    assert PartialDate.parse(text) == expected
    assert str(expected) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "17",
        "2017-7",
        "2017-13",
        "2017-00",
        "2023-02-29",
        "2024-06-31",
        "2024/06/25",
        " 2017",
        "0999",
        "2017-01-01T00:00",
        "July 1995",
        "\uff12\uff10\uff11\uff17",
    ],
)
def test_partial_date_parse_rejects(text):
    with pytest.raises(ValueError, match="invalid partial date"):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((999,), "year must be an int between 1000 and 9999"),
        ((10000,), "year must be an int between 1000 and 9999"),
        ((True,), "year must be an int"),
        (("2017",), "year must be an int"),
        ((2017, 13), "month must be an int between 1 and 12"),
        ((2017, 0), "month must be an int between 1 and 12"),
        ((2017, None, 5), "a day needs a month"),
        ((2023, 2, 29), "day must be an int between 1 and 28"),
        ((2023, 4, 31), "day must be an int between 1 and 30"),
    ],
)
def test_partial_date_rejects(args, message):
    with pytest.raises(ValueError, match=message):
        PartialDate(*args)


def test_partial_date_bounds():
    assert PartialDate(2024, 2).latest == dt.date(2024, 2, 29)
    assert PartialDate(2023).earliest == dt.date(2023, 1, 1)
    assert PartialDate(2023).latest == dt.date(2023, 12, 31)
    assert PartialDate(2023, 9, 10).precision == "day"


@given(vst.partial_dates(), vst.partial_dates(), vst.partial_dates())
def test_partial_date_total_order(a, b, c):
    """PartialDate ordering is a total order: trichotomy, antisymmetry, transitivity."""
    assert sum((a < b, a == b, a > b)) == 1
    if a <= b and b <= a:  # noqa: PLR1716 -- antisymmetry, spelled out
        assert a == b
    if a <= b and b <= c:  # noqa: PLR1716 -- transitivity, spelled out
        assert a <= c


@given(vst.partial_dates(), vst.partial_dates())
def test_partial_date_order_consistent_with_earliest(a, b):
    """a < b implies a.earliest <= b.earliest, and earlier earliest implies a < b."""
    if a < b:
        assert a.earliest <= b.earliest
    if a.earliest < b.earliest:
        assert a < b


@given(vst.partial_dates())
def test_partial_date_parse_str_round_trip(d):
    """parse(str(d)) == d, and d spans earliest..latest within one year."""
    assert PartialDate.parse(str(d)) == d
    assert d.earliest <= d.latest
    assert d.earliest.year == d.latest.year == d.year


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_partial_date_from_date(day):
    """A day-precision partial date denotes exactly one day."""
    d = PartialDate.from_date(day)
    assert d.earliest == d.latest == day


def test_period_constructors_and_str():
    assert str(Period.calendar_year(2021)) == "2021"
    assert str(Period.month_range(2022, 1, 6)) == "2022-01..2022-06"
    assert str(Period.month_range(2022, 3, 3)) == "2022-03"
    assert Period.half_year(2022, 1) == Period.month_range(2022, 1, 6)
    assert Period.half_year(2024, 2).end == dt.date(2024, 12, 31)
    assert str(Period(dt.date(2023, 9, 10), dt.date(2023, 9, 11))) == "2023-09-10..2023-09-11"
    assert str(Period(dt.date(2023, 9, 10), dt.date(2023, 9, 10))) == "2023-09-10"
    assert str(Period(dt.date(2021, 1, 1), dt.date(2022, 12, 31))) == "2021-01..2022-12"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: Period(dt.date(2022, 2, 1), dt.date(2022, 1, 1)), "start must not be after end"),
        (lambda: Period("2022-01-01", dt.date(2022, 1, 1)), "start must be a datetime.date"),
        (lambda: Period(dt.datetime(2022, 1, 1), dt.date(2022, 1, 1)), "start must be a datetime"),
        (lambda: Period.month_range(2022, 6, 1), "last must be an int between 6 and 12"),
        (lambda: Period.half_year(2022, 3), "half must be an int between 1 and 2"),
        (lambda: Period.calendar_year(2022.0), "year must be an int"),
    ],
)
def test_period_rejects(call, message):
    with pytest.raises((ValueError, TypeError), match=message):
        call()


@given(vst.periods())
def test_period_year_and_full_year(p):
    """year is set exactly when the period lies in one calendar year; full years say so."""
    assert (p.year is not None) == (p.start.year == p.end.year)
    assert p.is_full_year == (p == Period.calendar_year(p.start.year))
    assert p in p  # noqa: PLR0124 -- containment is reflexive
    assert p.start in p
    assert p.end in p


@given(st.integers(1000, 9999), st.integers(1, 12), st.integers(1, 12))
def test_period_constructors_agree_with_containment(year, a, b):
    """Month ranges lie in their year, and in every wider month range of that year."""
    first, last = min(a, b), max(a, b)
    span = Period.month_range(year, first, last)
    assert span in Period.calendar_year(year)
    assert span.year == year
    assert Period.month_range(year, 1, 12) == Period.calendar_year(year)
    assert span in Period.month_range(year, 1, last)
    assert span.is_full_year == (first == 1 and last == 12)
    half = Period.half_year(year, 1 if last <= 6 else 2)
    assert (span in half) == (first >= half.start.month)


@given(vst.periods(), vst.periods())
def test_period_containment_is_consistent_with_days(p, q):
    """q in p exactly when both ends of q lie in p; overlap is symmetric."""
    assert (q in p) == (q.start in p and q.end in p)
    assert p.overlaps(q) == q.overlaps(p)
    if q in p:
        assert p.overlaps(q)


def test_period_contains_rejects_other_types():
    p = Period.calendar_year(2021)
    assert 2021 not in p
    assert dt.datetime(2021, 5, 1) not in p


@pytest.mark.parametrize(
    "call",
    [
        lambda: Evidence("", "quote"),
        lambda: Evidence("src", " quote"),
        lambda: Evidence("src", None),
        lambda: Source("x", "t", "p", "2020", "seed"),
        lambda: Place("vn", "Vietnam", PlaceKind.COUNTRY),
        lambda: Place("VN", "Vietnam", "country"),
        lambda: Place("VN", "Vietnam", PlaceKind.COUNTRY, None, ["Viet Nam"]),
        lambda: Place("VN", "Vietnam", PlaceKind.COUNTRY, None, ("Viet Nam", "Viet Nam")),
        lambda: Person(None, None),
        lambda: Person("", "x"),
    ],
)
def test_entities_reject_nonsense(call):
    with pytest.raises((ValueError, TypeError)):
        call()


@given(vst.money() | vst.partial_dates() | vst.periods() | vst.places() | vst.sources())
def test_values_are_frozen(value):
    """No attribute of a value type can be rebound."""
    for field in attrs.fields(type(value)):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, field.name, getattr(value, field.name))


@given(vst.sources())
def test_source_published_on(source):
    """published_on is the last day the source can have been published."""
    if isinstance(source.published, dt.datetime):
        assert source.published_on == source.published.date()
    else:
        assert source.published_on == source.published.latest


@given(vst.partial_dates())
def test_partial_date_hash_agrees_with_eq(a):
    """Equal partial dates hash alike."""
    b = PartialDate.parse(str(a))
    assert a == b
    assert hash(a) == hash(b)


@given(st.integers(1000, 9999), st.integers(1, 12))
def test_days_in_month_agrees_with_the_calendar_module(year, month):
    """The built-in month lengths equal calendar.monthrange for every month."""
    import calendar  # noqa: PLC0415 -- the reference implementation

    from vnus.types import _days_in_month  # noqa: PLC0415

    assert _days_in_month(year, month) == calendar.monthrange(year, month)[1]


def test_money_is_exact_and_bounded():
    big = Money(Decimal(123456789012345678901234) - 1)
    assert (big - Money(Decimal("0.000001"))).amount == Decimal("123456789012345678901232.999999")
    assert str(Money(Decimal("123456789012345678.9"))) == "US$123456789.0123456789 billion"
    for bad in (Decimal("1E+24"), Decimal("-1E+30"), Decimal("1E-13")):
        with pytest.raises(ValueError, match="amount must be below 10\\*\\*24"):
            Money(bad)


@st.composite
def _amounts(draw):
    """Decimals Money accepts, over its whole range: below 10**24 in magnitude, 12 places."""
    exponent = draw(st.integers(-12, 6))
    limit = 10 ** (24 - exponent) - 1
    units = draw(st.integers(-limit, limit) | st.sampled_from([limit, -limit, 0]))
    return Decimal(f"{units}E{exponent}")  # a string is read exactly, in any context


@given(_amounts(), _amounts(), st.sampled_from(["USD", "EUR"]))
@example(Decimal("9E+23"), Decimal("-9E+23"), "USD")  # the difference is out of range
@example(Decimal("-0.000000000001"), Decimal("0E+6"), "USD")
def test_money_arithmetic_builds_what_the_constructor_builds(a_amount, b_amount, currency):
    """a + b, a - b, -a and abs(a) equal, hash and print as Money(exact result) does, and
    raise its error where it raises."""
    a, b = Money(a_amount, currency), Money(b_amount, currency)
    with decimal.localcontext() as exact:
        exact.prec = 100
        expected = {
            "+": a_amount + b_amount,
            "-": a_amount - b_amount,
            "neg": -a_amount,
            "abs": abs(a_amount),
        }
    operations = {"+": lambda: a + b, "-": lambda: a - b, "neg": lambda: -a, "abs": lambda: abs(a)}
    for name, operation in operations.items():
        try:
            wanted = Money(expected[name], currency)
        except ValueError as error:
            refused = str(error)
        else:
            refused = None
        if refused is not None:
            with pytest.raises(ValueError, match="amount must be below") as info:
                operation()
            assert str(info.value) == refused
            continue
        got = operation()
        assert type(got) is Money
        assert got == wanted
        assert hash(got) == hash(wanted)
        assert (repr(got), str(got)) == (repr(wanted), str(wanted))
        assert got.amount.as_tuple() == wanted.amount.as_tuple()
        assert got.currency is currency


def test_money_sum_beyond_the_limit_is_refused():
    big = Money(Decimal("9E+23"))
    with pytest.raises(ValueError, match="amount must be below 10\\*\\*24"):
        big + big
    with pytest.raises(ValueError, match="amount must be below 10\\*\\*24"):
        big - (-big)
    assert str(big + (-big)) == "US$0"


def test_money_is_exact_in_any_decimal_context():
    """The limit and str() do not depend on the caller's decimal context."""
    below = Decimal("999999999999999999999999.99999")  # 29 digits, below 10**24
    with decimal.localcontext() as context:
        context.prec = 3
        context.traps[decimal.Inexact] = context.traps[decimal.Rounded] = True
        assert Money(below).amount == below
        assert str(Money(Decimal(-3412345678))) == "-US$3.412345678 billion"
        with pytest.raises(ValueError, match="amount must be below 10\\*\\*24"):
            Money(Decimal("1E+24"))
    assert Money(below).amount == below
    assert str(Money(below)) == "US$999999999999999.99999999999999 billion"


@given(
    st.tuples(
        vst.places(),
        st.integers(1000, 9999),
        st.none() | vst.trade_figures(),
        st.none() | vst.trade_figures(),
        st.none() | vst.trade_figures(),
        st.lists(vst.trade_figures(), max_size=3).map(tuple),
        st.none() | vst.money(),
        vst.codes(),
        st.booleans(),
    )
)
def test_the_datasets_trade_summaries_are_the_public_constructors(values):
    """The internal constructor the dataset uses builds what TradeSummary(...) builds from the
    same values: the same fields, equality, hash, repr, pickling and immutability."""
    import pickle  # noqa: PLC0415

    from vnus.results import TradeSummary, _summary_of  # noqa: PLC0415

    names = [a.name for a in attrs.fields(TradeSummary)]
    public = TradeSummary(**dict(zip(names, values, strict=True)))
    internal = _summary_of(*values)
    assert type(internal) is TradeSummary
    for name, value in zip(names, values, strict=True):
        assert getattr(internal, name) is value
        assert getattr(public, name) is value
    assert internal == public
    assert hash(internal) == hash(public)
    assert repr(internal) == repr(public)
    assert pickle.loads(pickle.dumps(internal)) == public  # noqa: S301 -- our own bytes
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        internal.year = 2000
    with pytest.raises(AttributeError, match="immutable"):
        internal.__setstate__(public.__getstate__())


def test_places_need_parents_by_kind():
    with pytest.raises(ValueError, match="parent is required for a city"):
        Place("US-CA-SFO", "San Francisco", PlaceKind.CITY)
    with pytest.raises(ValueError, match="parent must be None for a country"):
        Place("VN", "Vietnam", PlaceKind.COUNTRY, "XA")
    with pytest.raises(ValueError, match="parent must not be the place itself"):
        Place("XA-ASEAN", "ASEAN", PlaceKind.REGION, "XA-ASEAN")


def test_argument_types_are_checked_with_named_errors():
    with pytest.raises(TypeError, match=r"value must be a datetime\.date"):
        PartialDate.from_date(None)
    with pytest.raises(TypeError, match="other must be a Period"):
        Period.calendar_year(2021).overlaps(None)


def _shared_method_classes():
    """Every class whose repr, eq or hash is one of the shared functions of vnus._role."""
    import vnus.errors  # noqa: PLC0415
    import vnus.records  # noqa: PLC0415
    import vnus.results  # noqa: PLC0415
    import vnus.types  # noqa: PLC0415
    from vnus import _role  # noqa: PLC0415

    return [
        value
        for module in (vnus.types, vnus.errors, vnus.records, vnus.results)
        for value in vars(module).values()
        if attrs.has(value)
        and (
            vars(value).get("__repr__") is _role.fields_repr
            or vars(value).get("__eq__") is _role.fields_eq
        )
    ]


def _twin(cls):
    """The same fields in a class whose methods attrs generates (no validators)."""
    these = {
        a.name: attrs.field(default=a.default, eq=a.eq, repr=a.repr, kw_only=a.kw_only)
        for a in attrs.fields(cls)
    }
    return attrs.make_class(cls.__name__, these, frozen=True)


def _reachable(value, out):
    if attrs.has(type(value)):
        out.setdefault(type(value), []).append(value)
        for field in attrs.fields(type(value)):
            _reachable(getattr(value, field.name), out)
    elif isinstance(value, tuple):
        for item in value:
            _reachable(item, out)


def test_shared_methods_agree_with_generated_ones():
    """For every value of the bundled data (and a data problem), the shared repr, eq and hash
    give what the methods attrs generates for the same fields give."""
    import vnus  # noqa: PLC0415
    from vnus import _role  # noqa: PLC0415

    classes = _shared_method_classes()
    assert {c.__name__ for c in classes} >= {"Money", "Place", "TradeFigure", "TradeSummary"}
    found: dict[type, list[object]] = {}
    ds = vnus.dataset()
    for table in (ds.sources(), ds.places(), ds.sectors(), ds.officials(), ds.trade()):
        _reachable(table, found)
    for table in (ds.milestones(), ds.delegations(), ds.investments(), ds.indicators()):
        _reachable(table, found)
    _reachable(ds.sector_priorities(), found)
    _reachable(vnus.DataProblem("f.json", None, "x", "bad"), found)
    _reachable((vnus.trade_with_us("Hanoi", 2021), vnus.trade_with_us("Vietnam", 2023)), found)
    for cls in classes:
        values = found.get(cls, [])
        assert values, f"no {cls.__name__} in the bundled data"
        twin = _twin(cls)

        def twin_of(value, cls=cls, twin=twin):
            return twin(**{a.name: getattr(value, a.name) for a in attrs.fields(cls)})

        for left, right in zip(values, [*values[1:], values[0]], strict=True):
            copy = attrs.evolve(left)
            if vars(cls).get("__repr__") is _role.fields_repr:
                assert repr(left) == repr(twin_of(left))
            assert (left == right) == (twin_of(left) == twin_of(right))
            assert (left != right) == (twin_of(left) != twin_of(right))
            assert left == copy
            assert hash(left) == hash(copy)
            assert left != object()

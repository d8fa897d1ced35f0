"""The JSON converter: round trips, strictness, and readable error paths."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from vnus import testing as vst
from vnus._convert import error_lines, structure, unstructure
from vnus.records import TradeFigure
from vnus.types import Money, PartialDate, Period, Person, Place, Sector, Source

ROUND_TRIP = [
    (vst.money(), Money),
    (vst.partial_dates(), PartialDate),
    (vst.periods(), Period),
    (vst.places(), Place),
    (vst.persons(), Person),
    (vst.sources(), Source),
    (vst.sectors(), Sector),
]


@pytest.mark.parametrize(("strategy", "cls"), ROUND_TRIP, ids=lambda x: getattr(x, "__name__", ""))
@given(data=st.data())
def test_round_trip_values(strategy, cls, data):
    """structure(unstructure(x)) equals x for every value type, through real JSON text."""
    value = data.draw(strategy)
    text = json.dumps(unstructure(value))
    assert structure(json.loads(text), cls) == value


@given(vst.records())
def test_round_trip_records(record):
    """structure(unstructure(x)) equals x for every record type, through real JSON text."""
    text = json.dumps(unstructure(record), sort_keys=True)
    assert structure(json.loads(text), type(record)) == record


def test_json_forms():
    money = unstructure(Money(Decimal("3.4E+9")))
    assert money == {"amount": "3400000000", "currency": "USD"}
    assert unstructure(PartialDate(1995, 7)) == "1995-07"
    assert unstructure(Period.calendar_year(2021)) == {"start": "2021-01-01", "end": "2021-12-31"}
    source = Source("s", "t", "p", dt.datetime(2020, 7, 14, 8, 46), "000.txt")
    assert unstructure(source)["published"] == "2020-07-14T08:46:00"


def _trade():
    return {
        "id": "hanoi-exports-2021",
        "reporter": "VN-HN",
        "partner": "US",
        "flow": "EXPORT",
        "period": {"start": "2021-01-01", "end": "2021-12-31"},
        "value": {"amount": "3400000000", "currency": "USD"},
        "qualifier": "ESTIMATED",
        "evidence": [{"source": "s", "quote": "q"}],
    }


@pytest.mark.parametrize(
    ("mutate", "path", "message"),
    [
        (lambda d: d["period"].update(end="2022-02-30"), "period.end", "invalid date '2022-02-30'"),
        (lambda d: d.update(flow="export"), "flow", "expected one of EXPORT, IMPORT, TOTAL"),
        (lambda d: d["value"].update(amount=3.4e9), "value.amount", "expected a decimal number"),
        (lambda d: d["value"].update(amount="NaN"), "value.amount", "expected a decimal number"),
        (lambda d: d.update(reporter=5), "reporter", "expected a string"),
        (lambda d: d.update(colour="red"), "", "unknown field(s) 'colour'"),
        (lambda d: d.pop("partner"), "partner", "required field missing"),
        (lambda d: d["evidence"][0].update(quote=7), "evidence[0].quote", "expected a string"),
        (lambda d: d["period"].update(end="2020-01-01"), "period", "start must not be after end"),
    ],
)
def test_errors_name_the_path(mutate, path, message):
    data = _trade()
    mutate(data)
    with pytest.raises(Exception) as info:  # noqa: PT011 -- cattrs raises exception groups
        structure(data, TradeFigure)
    lines = error_lines(info.value)
    assert any(p == path and message in m for p, m in lines), lines


def test_several_errors_are_all_reported():
    data = _trade()
    data["period"]["end"] = "2022-02-30"
    data["flow"] = "SIDEWAYS"
    with pytest.raises(Exception) as info:  # noqa: PT011 -- cattrs raises exception groups
        structure(data, TradeFigure)
    assert {p for p, _ in error_lines(info.value)} == {"period.end", "flow"}


@pytest.mark.parametrize("bad", [1, True, None, "1995/07", "1995-13"])
def test_partial_date_form_is_strict(bad):
    with pytest.raises((TypeError, ValueError)):
        structure(bad, PartialDate)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("period", "2021", "expected an object with the fields of Period, got '2021' (str)"),
        ("value", 5, "expected an object with the fields of Money, got 5 (int)"),
        ("evidence", ["q"], "expected an object with the fields of Evidence, got 'q' (str)"),
    ],
)
def test_a_wrong_type_where_an_object_belongs_is_named(field, value, message):
    """A nested wrong type says what was expected, never an AttributeError from inside."""
    raw = {
        "id": "x",
        "reporter": "VN",
        "partner": "US",
        "flow": "EXPORT",
        "period": {"start": "2021-01-01", "end": "2021-12-31"},
        "value": {"amount": "1", "currency": "USD"},
        "evidence": [{"source": "s", "quote": "q"}],
        field: value,
    }
    with pytest.raises(Exception) as info:  # noqa: PT011 -- cattrs groups the errors
        structure(raw, TradeFigure)
    messages = [m for _, m in error_lines(info.value)]
    assert messages == [message]

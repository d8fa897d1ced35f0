"""The public JSON functions: round trips of every vnus type, and clear errors."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

import vnus
from vnus import testing as vst
from vnus._spec import record_types
from vnus.types import Flow, Money, PartialDate, Period, Qualifier


@given(vst.records())
def test_every_record_round_trips_through_json_text(record):
    """from_json(to_json(x), type(x)) equals x for every record type."""
    assert vnus.from_json(vnus.to_json(record), type(record)) == record


@given(st.lists(vst.records(), max_size=4))
def test_to_dict_is_plain_json(records):
    """to_dict gives only dicts, lists, strings, numbers, booleans and None."""
    form = vnus.to_dict(records)
    assert json.loads(json.dumps(form)) == form


@pytest.mark.parametrize("cls", record_types(), ids=lambda c: c.__name__)
def test_bundled_tables_round_trip(cls):
    records = vnus.dataset().select(cls)
    assert len(records) > 0
    text = vnus.to_json(records, indent=None)
    assert vnus.from_json(text, tuple[cls, ...]) == tuple(records)
    assert vnus.from_dict(json.loads(text), tuple[cls, ...]) == tuple(records)


@pytest.mark.parametrize(
    "table", [vnus.places, vnus.sources, vnus.sectors, vnus.officials], ids=lambda f: f.__name__
)
def test_reference_tables_round_trip(table):
    items = table()
    assert vnus.from_json(vnus.to_json(items), tuple[type(items[0]), ...]) == tuple(items)


def test_summaries_and_series_round_trip():
    summary = vnus.trade_with_us("Hanoi", 2021)
    assert vnus.from_json(vnus.to_json(summary), vnus.TradeSummary) == summary
    assert vnus.to_dict(summary)["balance"] == {"amount": "2100000000", "currency": "USD"}
    series = vnus.trade_series("Vietnam", flow="export")
    assert vnus.from_json(vnus.to_json(series), vnus.TradeSeries) == series


@pytest.mark.parametrize(
    ("value", "cls", "form"),
    [
        (Flow.EXPORT, Flow, "EXPORT"),
        (Qualifier.NEARLY, Qualifier, "NEARLY"),
        (Decimal("12345678901234567890.123456789"), Decimal, "12345678901234567890.123456789"),
        (PartialDate(1995, 7), PartialDate, "1995-07"),
        (Period(dt.date(2022, 1, 1), dt.date(2022, 6, 30)), Period, None),
        (Money(Decimal("-2.5e9"), "EUR"), Money, {"amount": "-2500000000", "currency": "EUR"}),
    ],
    ids=repr,
)
def test_values_round_trip_exactly(value, cls, form):
    if form is not None:
        assert vnus.to_dict(value) == form
    assert vnus.from_json(vnus.to_json(value), cls) == value


def test_json_text_keeps_characters():
    text = vnus.to_json(vnus.place("Hanoi"), indent=None)
    assert "Hà Nội" in text
    assert "\n" not in text


@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        ({1, 2}, r"value must be a vnus object .* got \{1, 2\} \(set\)"),
        ([object()], r"value must be a vnus object .*<object object"),
        ({"a": {1: 2}}, r"string keys, got the key 1 \(int\) at a"),
        (float("nan"), "value must be finite"),
    ],
)
def test_what_is_not_json_is_refused(value, pattern):
    with pytest.raises(vnus.QueryTypeError, match=pattern):
        vnus.to_json(value)


def test_bad_arguments_are_named():
    with pytest.raises(vnus.QueryTypeError, match="indent must be a non-negative int or None"):
        vnus.to_json(vnus.Money(Decimal(1)), indent="2")
    with pytest.raises(vnus.QueryTypeError, match="cls must be a vnus type"):
        vnus.from_json("{}", dict)
    with pytest.raises(vnus.QueryTypeError, match=r"text must be JSON text \(str or bytes\)"):
        vnus.from_json({"amount": "1"}, vnus.Money)


def test_bad_json_names_every_problem_with_its_path():
    form = vnus.to_dict(vnus.trade(reporter="Hanoi")[0])
    form["flow"] = "SIDEWAYS"
    form["period"]["end"] = "2021-13-01"
    del form["reporter"]
    form["colour"] = "red"
    with pytest.raises(vnus.DataError) as caught:
        vnus.from_json(json.dumps(form), vnus.TradeFigure)
    fields = {p.field for p in caught.value.problems}
    assert {"flow", "period.end", "reporter"} <= fields
    assert all(p.file == "JSON" and p.record == "TradeFigure" for p in caught.value.problems)
    assert "colour" in str(caught.value)


def test_bad_json_text_and_constants_are_refused():
    with pytest.raises(vnus.DataError, match="not valid JSON"):
        vnus.from_json('{"amount": "1"', vnus.Money)
    with pytest.raises(vnus.DataError, match="NaN is not a JSON number"):
        vnus.from_json('{"amount": NaN, "currency": "USD"}', vnus.Money)


def test_booleans_are_not_coerced():
    form = vnus.to_dict(vnus.trade_with_us("Hanoi", 2021))
    form["mirror"] = "false"
    with pytest.raises(vnus.DataError, match="mirror: expected true or false, got 'false'"):
        vnus.from_dict(form, vnus.TradeSummary)

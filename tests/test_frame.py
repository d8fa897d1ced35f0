"""DataFrames: flat, typed columns, the same columns whatever the values."""

import sys
from decimal import Decimal

import pytest

import vnus

pd = pytest.importorskip("pandas")


def test_trade_frame_columns_and_types():
    frame = vnus.to_frame(vnus.trade(reporter="Hanoi"))
    assert len(frame) == len(vnus.trade(reporter="Hanoi"))
    for column in (
        "id",
        "reporter",
        "reporter_name",
        "flow",
        "value_amount",
        "value_usd",
        "period_start",
        "period_end",
        "qualifier",
        "sources",
        "note",
    ):
        assert column in frame.columns
    assert frame["value_usd"].dtype == "float64"
    assert isinstance(frame["value_amount"].iloc[0], Decimal)
    assert str(frame["period_start"].dtype).startswith("datetime64")
    assert set(frame["reporter_name"]) == {"Hanoi"}


def test_columns_do_not_depend_on_missing_values():
    """An indicator with no period has the same columns as one with a period."""
    with_period = [i for i in vnus.indicators() if i.period is not None][:1]
    without = [i for i in vnus.indicators() if i.period is None][:1]
    assert list(vnus.to_frame(with_period).columns) == list(vnus.to_frame(without).columns)
    investments = vnus.investments()
    assert list(vnus.to_frame(investments[:1]).columns) == list(vnus.to_frame(investments).columns)


def test_summary_and_mixed_records():
    summary = vnus.trade_with_us("Hanoi", 2021)
    assert list(vnus.to_frame(summary)["id"]) == [f.id for f in summary.figures]
    mixed = vnus.to_frame(vnus.timeline(since=2023))
    assert set(mixed["type"]) == {"Milestone", "Delegation"}


def test_bad_input_is_refused():
    with pytest.raises(vnus.InvalidQueryError, match="records must be a tuple of records"):
        vnus.to_frame("Hanoi")
    with pytest.raises(vnus.InvalidQueryError, match="records must hold vnus records"):
        vnus.to_frame((1, 2))
    with pytest.raises(vnus.InvalidQueryError, match=r"dataset must be a vnus\.Dataset"):
        vnus.to_frame((), dataset="bundled")


def test_without_pandas_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r'pip install "vnus\[pandas\]"'):
        vnus.to_frame(vnus.trade())


def test_a_series_is_a_tidy_frame_of_numbers():
    series = vnus.trade_series("Vietnam", flow="import", monthly=True)
    frame = vnus.to_frame(series)
    assert len(frame) == len(series.points)
    assert str(frame["period_start"].dtype).startswith("datetime64")
    assert str(frame["value_usd"].dtype) == "float64"
    assert set(frame["reporter"]) == {"US"}
    assert set(frame["flow"]) == {"IMPORT"}
    assert frame["value_usd"].sum() == sum(float(p.value.amount) for p in series.points)
    empty = vnus.to_frame(vnus.trade_series("Vietnam", flow="total", reporter="US"))
    assert list(empty.columns) == list(frame.columns)
    assert len(empty) == 0

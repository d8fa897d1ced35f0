"""DataFrames: numeric, typed columns, the same columns and dtypes whatever the values."""

import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings

import vnus
from vnus import testing as vst
from vnus._frame import is_exact_as_float
from vnus._spec import numbers, record_types

pd = pytest.importorskip("pandas")

REFERENCE_TABLES = {
    vnus.Place: vnus.places,
    vnus.Source: vnus.sources,
    vnus.Sector: vnus.sectors,
    vnus.Official: vnus.officials,
}


def _all_of(cls):
    if cls in REFERENCE_TABLES:
        return REFERENCE_TABLES[cls]()
    return vnus.dataset().select(cls)


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
    for column in ("value_amount", "value_usd", "share_of_total", "change_yoy"):
        assert frame[column].dtype == "Float64"
    assert str(frame["period_start"].dtype).startswith("datetime64")
    assert set(frame["reporter_name"]) == {"Hanoi"}


def test_percentages_are_numbers_a_plot_can_use():
    frame = vnus.to_frame(vnus.trade())
    shares = frame["share_of_total"].dropna()
    assert len(shares) > 0
    assert pd.api.types.is_numeric_dtype(frame["share_of_total"])
    expected = [float(f.share_of_total) for f in vnus.trade() if f.share_of_total is not None]
    assert shares.tolist() == expected
    assert frame.select_dtypes("number").shape[1] == 4  # amount, usd, share, change


def test_decimals_on_request_are_the_exact_values():
    figures = vnus.trade(reporter="Hanoi")
    frame = vnus.to_frame(figures, decimals=True)
    assert frame["value_amount"].dtype == object
    assert frame["value_amount"].tolist() == [f.value.amount for f in figures]
    assert all(isinstance(v, Decimal) for v in frame["value_amount"])


def test_every_bundled_number_is_exact_in_a_float64_column():
    """The Float64 columns lose nothing on the bundled data: each number comes back exactly."""
    checked = 0
    for cls in record_types():
        for record in vnus.dataset().select(cls):
            for _, value in numbers(record):
                assert is_exact_as_float(value), (record.id, value)
                checked += 1
    assert checked > 900


@pytest.mark.parametrize("cls", [*record_types(), *REFERENCE_TABLES], ids=lambda c: c.__name__)
def test_an_empty_frame_has_the_full_frames_columns_and_dtypes(cls):
    full = vnus.to_frame(_all_of(cls))
    empty = vnus.to_frame([], record_type=cls)
    assert len(full) == len(_all_of(cls)) > 0
    assert len(empty) == 0
    assert list(empty.columns) == list(full.columns)
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    # a filter on an empty frame works as on a full one
    assert len(empty[empty[full.columns[1]].isna()]) == 0


def test_an_empty_frame_without_a_type_has_the_common_columns():
    empty = vnus.to_frame([])  # an empty list: no record type to read the columns from
    assert list(empty.columns) == ["type", "id", "sources", "note"]
    assert set(empty.dtypes.astype(str)) == {"string"}


def test_columns_do_not_depend_on_missing_values():
    """An indicator with no period has the same columns as one with a period."""
    with_period = [i for i in vnus.indicators() if i.period is not None][:1]
    without = [i for i in vnus.indicators() if i.period is None][:1]
    one, other = vnus.to_frame(with_period), vnus.to_frame(without)
    assert list(one.columns) == list(other.columns)
    assert one.dtypes.to_dict() == other.dtypes.to_dict()


def test_any_iterable_or_a_single_record():
    figures = vnus.trade(reporter="Hanoi")
    full = vnus.to_frame(figures)
    from_generator = vnus.to_frame(f for f in figures)
    pd.testing.assert_frame_equal(from_generator, full)
    single = vnus.to_frame(figures[1])
    pd.testing.assert_frame_equal(single, full.iloc[[1]].reset_index(drop=True))
    place = vnus.to_frame(vnus.place("Hanoi"))
    assert place["code"].tolist() == ["VN-HN"]


@pytest.mark.parametrize("cls", list(REFERENCE_TABLES), ids=lambda c: c.__name__)
def test_reference_tables_frame(cls):
    items = _all_of(cls)
    frame = vnus.to_frame(items)
    key = frame.columns[0]
    assert frame[key].tolist() == [getattr(i, key) for i in items]
    assert "type" not in frame.columns


def test_places_carry_their_parents_name():
    frame = vnus.to_frame(vnus.places()).set_index("code")
    assert frame.loc["VN-HN", "parent"] == "VN"
    assert frame.loc["VN-HN", "parent_name"] == vnus.place("VN").name
    assert frame.loc["VN-HN", "kind"] == "SUBDIVISION"


def test_a_summary_has_its_flows_and_its_balance():
    summary = vnus.trade_with_us("Hanoi", 2021)
    frame = vnus.to_frame(summary).set_index("flow")
    assert list(frame.index) == ["EXPORT", "IMPORT", "BALANCE"]
    assert frame.loc["EXPORT", "id"] == summary.exports.id
    assert frame.loc["BALANCE", "value_usd"] == float(summary.balance.amount)
    assert frame.loc["BALANCE", "value_usd"] == (
        frame.loc["EXPORT", "value_usd"] - frame.loc["IMPORT", "value_usd"]
    )
    assert pd.isna(frame.loc["BALANCE", "id"])
    assert frame["year"].dtype == "Int64"
    assert frame["mirror"].dtype == "boolean"


def test_several_summaries_stack():
    summaries = [vnus.trade_with_us("Vietnam", year) for year in (2019, 2020, 2021)]
    frame = vnus.to_frame(summaries)
    assert sorted(set(frame["year"])) == [2019, 2020, 2021]
    balances = frame[frame["flow"] == "BALANCE"]["value_usd"].tolist()
    assert balances == [float(s.balance.amount) for s in summaries if s.balance is not None]
    assert len(frame) == sum(len(vnus.to_frame(s)) for s in summaries)


def test_mixed_records_take_the_union_of_columns():
    events = vnus.timeline(since=2023)
    mixed = vnus.to_frame(events)
    assert set(mixed["type"]) == {"Milestone", "Delegation"}
    assert "kind" in mixed.columns
    assert "leader_name" in mixed.columns
    assert mixed.columns[-1] == "note"
    assert mixed["id"].tolist() == [e.id for e in events]


def test_dates_keep_their_precision():
    milestones = vnus.milestones()
    frame = vnus.to_frame(milestones)
    assert frame["date"].tolist() == [str(m.date) for m in milestones]
    assert frame["date_precision"].tolist() == [m.date.precision for m in milestones]
    assert str(frame["date_earliest"].dtype) == "datetime64[s]"
    years = frame[frame["date_precision"] == "year"]
    assert len(years) > 0
    for _, row in years.iterrows():
        assert (row["date_earliest"].month, row["date_earliest"].day) == (1, 1)
        assert (row["date_latest"].month, row["date_latest"].day) == (12, 31)
        assert len(row["date"]) == 4


def test_bad_input_is_refused():
    with pytest.raises(vnus.InvalidQueryError, match=r"records must be a record, .* got 'Hanoi'"):
        vnus.to_frame("Hanoi")
    with pytest.raises(vnus.InvalidQueryError, match="records must be a record"):
        vnus.to_frame({"id": "x"})
    with pytest.raises(vnus.InvalidQueryError, match="records must be a record"):
        vnus.to_frame(5)
    with pytest.raises(vnus.InvalidQueryError, match="records must hold vnus records"):
        vnus.to_frame((1, 2))
    with pytest.raises(vnus.InvalidQueryError, match="all of one reference type or all records"):
        vnus.to_frame([vnus.place("VN"), vnus.trade()[0]])
    with pytest.raises(vnus.InvalidQueryError, match=r"dataset must be a vnus\.Dataset"):
        vnus.to_frame((), dataset="bundled")
    with pytest.raises(vnus.InvalidQueryError, match="record_type must be one of"):
        vnus.to_frame((), record_type=str)
    with pytest.raises(vnus.InvalidQueryError, match="decimals must be True or False"):
        vnus.to_frame((), decimals="yes")


def test_without_pandas_the_error_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install pandas .*pip install \"\.\[pandas\]\""):
        vnus.to_frame(vnus.trade())


def test_a_series_is_a_tidy_frame_of_numbers():
    series = vnus.trade_series("Vietnam", flow="import", monthly=True)
    frame = vnus.to_frame(series)
    assert len(frame) == len(series.points)
    assert str(frame["period_start"].dtype).startswith("datetime64")
    assert str(frame["value_usd"].dtype) == "Float64"
    assert set(frame["reporter"]) == {"US"}
    assert set(frame["flow"]) == {"IMPORT"}
    assert frame["value_usd"].sum() == sum(float(p.value.amount) for p in series.points)
    empty = vnus.to_frame(vnus.trade_series("Vietnam", flow="total", reporter="US"))
    assert list(empty.columns) == list(frame.columns)
    assert empty.dtypes.to_dict() == frame.dtypes.to_dict()
    assert len(empty) == 0


@given(vst.records())
@settings(deadline=None)  # the first frame pays for importing pandas
def test_a_frame_has_its_types_columns_whatever_the_values(record):
    """to_frame([x]) has the columns and dtypes of to_frame([], record_type=type(x))."""
    one = vnus.to_frame([record])
    empty = vnus.to_frame([], record_type=type(record))
    assert list(one.columns) == list(empty.columns)
    assert one.dtypes.to_dict() == empty.dtypes.to_dict()


def test_an_empty_query_answer_has_the_columns_and_dtypes_of_a_full_one():
    pytest.importorskip("pandas")
    for helper, args in [
        (vnus.trade, {"year": 1990}),
        (vnus.milestones, {"since": 2090}),
        (vnus.indicators, {"year": 1990}),
    ]:
        empty = vnus.to_frame(helper(**args))
        full = vnus.to_frame(helper())
        assert empty.shape[0] == 0
        assert list(empty.columns) == list(full.columns)
        assert empty.dtypes.to_dict() == full.dtypes.to_dict()

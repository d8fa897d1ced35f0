"""pandas DataFrames from vnus objects (the optional ``pandas`` extra).

The columns and their dtypes come from the type of what is framed (see :mod:`vnus._tabular`),
never from the values: an empty result has the same columns, with the same dtypes, as a full
one. pandas is imported on the first call, never by ``import vnus``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from vnus._parse import describe as _describe
from vnus._spec import record_types
from vnus._tabular import (
    SERIES_COLUMNS,
    SUMMARY_COLUMNS,
    Column,
    flat_columns,
    flat_row,
    series_rows,
    summary_rows,
)
from vnus.errors import InvalidQueryError
from vnus.types import Official, Place, Sector, Source

if TYPE_CHECKING:
    import pandas as pd

    from vnus._dataset import Dataset
    from vnus.records import Record
    from vnus.results import TradeSummary
    from vnus.series import TradeSeries

__all__ = ["dtype", "to_frame"]

#: The reference types a frame can be made of, besides the record types.
_REFERENCE_TYPES: tuple[type, ...] = (Place, Source, Sector, Official)

_TYPE_COLUMN = Column("type", "string", lambda v: type(v).__name__, "the record type")

#: The pandas dtype of each logical column type (numbers: see :func:`dtype`).
_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "boolean": "boolean",
    "date": "datetime64[s]",
    "datetime": "datetime64[s]",
}


def dtype(kind: str, *, decimals: bool = False) -> str:
    """The pandas dtype of a column of logical type *kind*.

    Numbers are pandas' nullable ``Float64`` (a missing value is ``<NA>``, not NaN), or
    ``object`` holding the exact ``Decimal`` values with *decimals*. Dates are
    ``datetime64[s]``, which reaches back before 1678 where nanoseconds cannot.

    >>> dtype("number"), dtype("number", decimals=True), dtype("date")
    ('Float64', 'object', 'datetime64[s]')
    """
    if kind == "number":
        return "object" if decimals else "Float64"
    return _DTYPES[kind]


def _stamp(value: Any) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)  # noqa: DTZ001 -- a calendar day


def _cells(column: Column, values: Sequence[object], *, decimals: bool) -> Any:
    import pandas as pd  # noqa: PLC0415 -- optional extra, loaded by to_frame

    items: list[Any] = list(values)
    if column.kind == "number":
        if decimals:
            return pd.array(items, dtype="object")
        return pd.array([None if v is None else float(v) for v in items], dtype="Float64")
    if column.kind in {"date", "datetime"}:
        return pd.Series([_stamp(v) for v in items], dtype="datetime64[s]").array
    kind: Any = _DTYPES[column.kind]
    return pd.array(items, dtype=kind)


def _frame(
    columns: Sequence[Column], rows: Sequence[dict[str, object]], *, decimals: bool
) -> pd.DataFrame:
    import pandas as pd  # noqa: PLC0415 -- optional extra, loaded by to_frame

    data = {
        c.name: _cells(c, [row.get(c.name) for row in rows], decimals=decimals) for c in columns
    }
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


def _union(types: Iterable[type], *, names: bool) -> list[Column]:
    seen: dict[str, Column] = {}
    for cls in types:
        for column in flat_columns(cls, place_names=names):
            seen.setdefault(column.name, column)
    notes = seen.pop("note", None)
    return [*seen.values(), *([notes] if notes is not None else [])]


def _items(records: object) -> tuple[Any, ...]:
    if isinstance(records, str | bytes | bytearray | dict) or not isinstance(records, Iterable):
        expected = (
            "a record, a TradeSummary, a TradeSeries, or an iterable of records, places, "
            "sources, sectors, officials or TradeSummary objects"
        )
        msg = f"records must be {expected}, got {_describe(records)}"
        raise InvalidQueryError(msg)
    return tuple(records)


def to_frame(  # noqa: C901, PLR0912 -- one branch per kind of input
    records: Record
    | Place
    | Source
    | Sector
    | Official
    | TradeSummary
    | TradeSeries
    | Iterable[Record | Place | Source | Sector | Official | TradeSummary],
    *,
    dataset: Dataset | None = None,
    record_type: type | None = None,
    decimals: bool = False,
) -> pd.DataFrame:
    """Return a pandas DataFrame with one flat, typed row per record.

    *records* is a query's result or any other iterable (a list, a generator), or a single
    object: a record, a place, a source, a sector, an official, a
    :class:`~vnus.TradeSummary` or a :class:`~vnus.TradeSeries`.

    Columns of records: ``type``, then every field of the record type, flattened by its type
    (the same columns whatever the values):

    - amounts and percentages are numbers: ``value_amount`` and ``value_usd`` (the amount when
      the currency is USD) beside ``value_currency``; ``share_of_total``, ``change_yoy``;
      these are pandas' nullable ``Float64`` (the bundled amounts are all exact in a float),
      or the exact ``Decimal`` objects with ``decimals=True``;
    - counts (``projects``, ``rank``) are ``Int64``; text is ``string``; enums by name;
    - a ``Period`` gives ``period_start``/``period_end`` (``datetime64[s]``);
    - a date known to the year or month (``date``, ``as_of``, ``start``) gives the ISO text
      at its own precision (``"2020"``, ``"2023-09"``), ``date_precision`` (``year``,
      ``month`` or ``day``), and ``date_earliest``/``date_latest`` (datetime columns, the
      first and last day it can denote): a year-only date never poses as 1 January;
    - a place code gets its name beside it (``reporter_name``), from *dataset* (the bundled
      one by default); a tuple is one cell, its items joined with ``"; "``; the evidence
      gives ``sources`` (the ids of its sources); ``note`` comes last.

    Records of several types (a timeline) give the union of their columns. An empty input has
    no record to read the columns from: a query's empty answer knows its record type
    (:attr:`vnus.Results.record_type`), so ``to_frame(vnus.trade(year=1990))`` has every
    column a full answer has; any other empty input takes *record_type* (without it, the
    frame has the columns every record type has: ``type``, ``id``, ``sources`` and
    ``note``).

    A :class:`~vnus.TradeSeries` gives a tidy frame: one row per period, with ``place``,
    ``reporter``, ``mirror``, ``flow``, ``period_start``/``period_end``, ``value_amount``,
    ``value_usd``, ``change_percent``, the figure's ``id`` and its ``sources``. A
    :class:`~vnus.TradeSummary` (or several) gives one row per flow: ``EXPORT``, ``IMPORT``,
    ``TOTAL`` where known, and ``BALANCE`` (exports minus imports). Needs the ``pandas``
    extra.

    >>> import vnus
    >>> frame = vnus.to_frame(vnus.trade(reporter="Hanoi", partner="US"))
    >>> list(frame["id"][:2]), list(frame["flow"][:2])
    (['hanoi-us-exports-2019', 'hanoi-us-imports-2019'], ['EXPORT', 'IMPORT'])
    >>> frame["value_usd"].dtype, float(frame["value_usd"][0]), frame["period_start"][0].year
    (Float64Dtype(), 3000000000.0, 2019)
    >>> frame["value_amount"].sum() > 0
    np.True_
    >>> empty = vnus.to_frame(vnus.trade(year=1990))
    >>> empty.shape[0], list(empty.columns) == list(frame.columns)
    (0, True)
    >>> m = vnus.to_frame(vnus.milestones(place="Utah"))
    >>> m[["date", "date_precision"]].iloc[0].tolist()
    ['2017', 'year']
    >>> str(m["date_earliest"][0].date()), str(m["date_latest"][0].date())
    ('2017-01-01', '2017-12-31')
    >>> summary = vnus.to_frame(vnus.trade_with_us("Hanoi", 2021))
    >>> summary["flow"].tolist(), summary["value_usd"].tolist()
    (['EXPORT', 'IMPORT', 'BALANCE'], [3400000000.0, 1300000000.0, 2100000000.0])
    >>> tidy = vnus.to_frame(vnus.trade_series("Vietnam", flow="export"))
    >>> row = tidy.iloc[-1]
    >>> row["period_start"].year, row["reporter"], float(row["value_usd"])
    (2025, 'US', 193879300000.0)
    >>> float(row["change_percent"])
    42.23
    """
    try:
        import pandas as pd  # noqa: PLC0415, F401 -- optional extra
    except ImportError as exc:
        msg = (
            "to_frame needs pandas: pip install pandas"
            ' (or, in a clone of vnus, pip install ".[pandas]")'
        )
        raise ImportError(msg) from exc
    from vnus._bundled import dataset as bundled  # noqa: PLC0415
    from vnus._dataset import Dataset  # noqa: PLC0415
    from vnus.results import Results, TradeSummary  # noqa: PLC0415
    from vnus.series import TradeSeries  # noqa: PLC0415

    if not isinstance(decimals, bool):
        msg = f"decimals must be True or False, got {_describe(decimals)}"
        raise InvalidQueryError(msg)
    if dataset is not None and not isinstance(dataset, Dataset):
        msg = f"dataset must be a vnus.Dataset or None, got {_describe(dataset)}"
        raise InvalidQueryError(msg)
    known = (*record_types(), *_REFERENCE_TYPES)
    if record_type is not None and record_type not in known:
        names = ", ".join(t.__name__ for t in known)
        msg = f"record_type must be one of {names} or None, got {_describe(record_type)}"
        raise InvalidQueryError(msg)
    if record_type is None and isinstance(records, Results):
        record_type = records.record_type
    if isinstance(records, TradeSeries):
        return _frame(SERIES_COLUMNS, series_rows(records), decimals=decimals)
    if isinstance(records, TradeSummary):
        return _frame(SUMMARY_COLUMNS, summary_rows(records), decimals=decimals)
    items = (records,) if attrs.has(type(records)) else _items(records)
    if items and all(isinstance(item, TradeSummary) for item in items):
        rows = [row for item in items for row in summary_rows(item)]
        return _frame(SUMMARY_COLUMNS, rows, decimals=decimals)
    for item in items:
        if not isinstance(item, known):
            msg = f"records must hold vnus records, got {_describe(item)}"
            raise InvalidQueryError(msg)
    types = list(dict.fromkeys(type(item) for item in items))
    if record_type is not None and record_type not in types:
        types.insert(0, record_type)
    place_names = {p.code: p.name for p in (dataset or bundled()).places()}
    is_record = [t in record_types() for t in types]
    if types and not all(is_record) and len(types) > 1:
        listed = ", ".join(t.__name__ for t in types)
        msg = f"records must be all of one reference type or all records, got {listed}"
        raise InvalidQueryError(msg)
    if not types:
        common = [c for c in flat_columns(record_types()[0]) if c.name in {"id", "sources", "note"}]
        return _frame([_TYPE_COLUMN, *common], [], decimals=decimals)
    columns = _union(types, names=True)
    rows = [flat_row(item, place_names=place_names) for item in items]
    if all(is_record):
        columns.insert(0, _TYPE_COLUMN)
        for item, row in zip(items, rows, strict=True):
            row["type"] = type(item).__name__
    return _frame(columns, rows, decimals=decimals)


def is_exact_as_float(value: Decimal) -> bool:
    """Whether *value* comes back unchanged from the float a ``Float64`` column holds.

    >>> is_exact_as_float(Decimal("3400000000")), is_exact_as_float(Decimal("0.1"))
    (True, True)
    >>> is_exact_as_float(Decimal("12345678901234567.8"))
    False
    """
    return Decimal(repr(float(value))) == value

"""pandas DataFrames from vnus records (the optional ``pandas`` extra)."""

from __future__ import annotations

import enum
import types
import typing
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from vnus._parse import describe as _describe
from vnus._spec import field_types, record_types, spec
from vnus.errors import InvalidQueryError
from vnus.types import Evidence, Money, PartialDate, Period, Person

if TYPE_CHECKING:
    import pandas as pd

    from vnus._dataset import Dataset
    from vnus.records import Record
    from vnus.results import TradeSummary
    from vnus.series import TradeSeries

__all__ = ["rows", "series_rows", "to_frame"]

_SERIES_COLUMNS = (
    "place",
    "place_name",
    "reporter",
    "mirror",
    "flow",
    "period_start",
    "period_end",
    "value_amount",
    "value_currency",
    "value_usd",
    "change_percent",
    "id",
    "sources",
)

#: The columns a value of each type flattens into (suffixes of the field name), None or not.
_SUFFIXES: dict[type, tuple[str, ...]] = {
    Money: ("_amount", "_currency", "_usd"),
    Period: ("_start", "_end"),
    PartialDate: ("", "_earliest"),
    Person: ("_name", "_title"),
}


def _base(hint: Any) -> Any:
    """The type a field holds, without ``| None``."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if typing.get_origin(hint) in (typing.Union, types.UnionType) else hint


_KINDS: dict[type, tuple[tuple[str, Any], ...]] = {}


def _kinds(cls: type) -> tuple[tuple[str, Any], ...]:
    """Each field but the note, with the type it holds."""
    found = _KINDS.get(cls)
    if found is None:
        hints = field_types(cls)
        fields = attrs.fields(cls)
        found = _KINDS[cls] = tuple(
            (f.name, _base(hints[f.name])) for f in fields if f.name != "note"
        )
    return found


def _flat(value: object) -> tuple[object, ...]:
    if isinstance(value, Money):
        usd = float(value.amount) if value.currency == "USD" else None
        return (value.amount, value.currency, usd)
    if isinstance(value, Period):
        return (value.start, value.end)
    if isinstance(value, PartialDate):
        return (str(value), value.earliest)
    if isinstance(value, Person):
        return (value.name, value.title)
    return ()  # pragma: no cover -- only the types in _SUFFIXES are flattened


def _flatten(name: str, kind: Any, value: object, row: dict[str, Any]) -> None:
    suffixes = _SUFFIXES.get(kind)
    if suffixes is not None:
        parts = _flat(value) if value is not None else (None,) * len(suffixes)
        row.update({f"{name}{s}": p for s, p in zip(suffixes, parts, strict=True)})
    elif isinstance(value, enum.Enum):
        row[name] = value.name
    elif isinstance(value, tuple):
        if value and isinstance(value[0], Evidence):
            row["sources"] = ", ".join(dict.fromkeys(e.source for e in value))
        else:
            row[name] = "; ".join(str(v) for v in value)
    else:
        row[name] = value


def rows(records: Iterable[Record], place_names: dict[str, str]) -> list[dict[str, Any]]:
    """Flatten records into dicts of plain values, one per record (pandas not needed)."""
    result = []
    for record in records:
        cls = type(record)
        row: dict[str, Any] = {"type": cls.__name__}
        for name, kind in _kinds(cls):
            _flatten(name, kind, getattr(record, name), row)
        for field in spec(cls).places:
            value = getattr(record, field)
            codes: tuple[str, ...] = value if isinstance(value, tuple) else (value,)
            row[f"{field}_name"] = "; ".join(place_names.get(c, c) for c in codes)
        row["note"] = record.note
        result.append(row)
    return result


def series_rows(series: TradeSeries) -> list[dict[str, Any]]:
    """A trade series as tidy rows: one per period (pandas not needed)."""
    return [
        {
            "place": series.place.code,
            "place_name": series.place.name,
            "reporter": series.reporter,
            "mirror": series.mirror,
            "flow": series.flow.name,
            "period_start": point.period.start,
            "period_end": point.period.end,
            "value_amount": point.value.amount,
            "value_currency": point.value.currency,
            "value_usd": float(point.value.amount) if point.value.currency == "USD" else None,
            "change_percent": None if point.change is None else float(point.change),
            "id": point.figure.id,
            "sources": ", ".join(dict.fromkeys(e.source for e in point.figure.evidence)),
        }
        for point in series.points
    ]


def to_frame(  # noqa: C901 -- one branch per kind of input
    records: Iterable[Record] | TradeSummary | TradeSeries, *, dataset: Dataset | None = None
) -> pd.DataFrame:
    """Return a pandas DataFrame with one flat, typed row per record.

    A :class:`~vnus.series.TradeSeries` gives a tidy frame instead: one row per period, with
    ``place``, ``reporter``, ``mirror``, ``flow``, ``period_start``/``period_end`` (datetime
    columns), ``value_amount`` (Decimal), ``value_usd`` and ``change_percent`` (float), the
    figure's ``id`` and its ``sources``.

    Columns: ``type``, ``id``, every field of the record type flattened (a ``Money`` field
    ``value`` gives ``value_amount`` as ``Decimal``, ``value_currency`` and ``value_usd`` as
    ``float``; a ``Period`` gives ``period_start``/``period_end`` dates; enums by name), place
    names beside place codes (``reporter_name``), ``sources`` (the ids of the evidence), and
    ``note``. Place names come from *dataset* (the bundled one by default). Needs the
    ``pandas`` extra.

    >>> import vnus
    >>> frame = vnus.to_frame(vnus.trade(reporter="Hanoi", partner="US"))
    >>> list(frame["id"][:2]), list(frame["flow"][:2])
    (['hanoi-us-exports-2019', 'hanoi-us-imports-2019'], ['EXPORT', 'IMPORT'])
    >>> float(frame["value_usd"][0]), frame["period_start"][0].year
    (3000000000.0, 2019)
    >>> tidy = vnus.to_frame(vnus.trade_series("Vietnam", flow="export"))
    >>> row = tidy.iloc[-1]
    >>> row["period_start"].year, row["reporter"], float(row["value_usd"])
    (2025, 'US', 193879300000.0)
    >>> float(row["change_percent"])
    42.23
    """
    try:
        import pandas as pd  # noqa: PLC0415 -- optional extra
    except ImportError as exc:
        msg = 'to_frame needs pandas: pip install "vnus[pandas]"'
        raise ImportError(msg) from exc
    from vnus._bundled import dataset as bundled  # noqa: PLC0415
    from vnus._dataset import Dataset  # noqa: PLC0415
    from vnus.results import TradeSummary  # noqa: PLC0415
    from vnus.series import TradeSeries  # noqa: PLC0415

    if isinstance(records, TradeSeries):
        tidy = pd.DataFrame(series_rows(records), columns=_SERIES_COLUMNS)
        for column in ("period_start", "period_end"):
            tidy[column] = pd.to_datetime(tidy[column])
        return tidy
    if isinstance(records, TradeSummary):
        items: tuple[Any, ...] = records.figures
    elif isinstance(records, tuple | list):
        items = tuple(records)
    else:
        msg = f"records must be a tuple of records or a TradeSummary, got {_describe(records)}"
        raise InvalidQueryError(msg)
    for item in items:
        if not isinstance(item, record_types()):
            msg = f"records must hold vnus records, got {_describe(item)}"
            raise InvalidQueryError(msg)
    if dataset is not None and not isinstance(dataset, Dataset):
        msg = f"dataset must be a vnus.Dataset or None, got {_describe(dataset)}"
        raise InvalidQueryError(msg)
    names = {p.code: p.name for p in (dataset or bundled()).places()}
    frame = pd.DataFrame(rows(items, names))
    for column in frame.columns:
        if column.endswith(("_start", "_end", "_earliest")):
            frame[column] = pd.to_datetime(frame[column])
    return frame

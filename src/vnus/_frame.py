"""pandas DataFrames from vnus records (the optional ``pandas`` extra)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from vnus.errors import InvalidQueryError
from vnus.records import (
    Delegation,
    Indicator,
    InvestmentFigure,
    Milestone,
    ProductShare,
    SectorAmount,
    SectorPriority,
    TradeFigure,
    place_fields,
)
from vnus.types import Evidence, Money, PartialDate, Period, Person, _describe

if TYPE_CHECKING:
    import pandas as pd

    from vnus._dataset import Dataset, TradeSummary
    from vnus.records import Record

__all__ = ["rows", "to_frame"]

# Fields whose values flatten into several columns: the same columns, empty, when None.
_FLAT_NONE = {
    "leader": ("_name", "_title"),
    "period": ("_start", "_end"),
    "capital": ("_amount", "_currency", "_usd"),
    "as_of": ("", "_earliest"),
    "start": ("", "_earliest"),
    "end": ("", "_earliest"),
}

_RECORD_TYPES = (TradeFigure, InvestmentFigure, Milestone, Delegation, SectorPriority, Indicator)


def _flatten(name: str, value: object, row: dict[str, Any]) -> None:  # noqa: C901, PLR0912
    if isinstance(value, Money):
        row[f"{name}_amount"] = value.amount
        row[f"{name}_currency"] = value.currency
        row[f"{name}_usd"] = float(value.amount) if value.currency == "USD" else None
    elif isinstance(value, Period):
        row[f"{name}_start"] = value.start
        row[f"{name}_end"] = value.end
    elif isinstance(value, PartialDate):
        row[name] = str(value)
        row[f"{name}_earliest"] = value.earliest
    elif isinstance(value, Person):
        row[f"{name}_name"] = value.name
        row[f"{name}_title"] = value.title
    elif isinstance(value, enum.Enum):
        row[name] = value.name
    elif isinstance(value, tuple):
        if value and isinstance(value[0], Evidence):
            row["sources"] = ", ".join(dict.fromkeys(e.source for e in value))
        elif value and isinstance(value[0], ProductShare | SectorAmount):
            row[name] = "; ".join(_part(p) for p in value)
        else:
            row[name] = "; ".join(str(v) for v in value)
    elif value is None and name in _FLAT_NONE:
        for suffix in _FLAT_NONE[name]:
            row[f"{name}{suffix}"] = None
    elif value is None or isinstance(value, str | int | Decimal | dt.date):
        row[name] = value
    else:  # pragma: no cover -- every field type of the records is handled above
        row[name] = str(value)


def _part(value: ProductShare | SectorAmount) -> str:
    if isinstance(value, ProductShare):
        return value.name if value.share is None else f"{value.name} ({value.share}%)"
    return f"{value.sector}: {value.capital}"


def rows(records: Iterable[Record], place_names: dict[str, str]) -> list[dict[str, Any]]:
    """Flatten records into dicts of plain values, one per record (pandas not needed)."""
    result = []
    for record in records:
        row: dict[str, Any] = {"type": type(record).__name__}
        for field in attrs.fields(type(record)):
            if field.name != "note":
                _flatten(field.name, getattr(record, field.name), row)
        for field, codes in place_fields(record).items():
            row[f"{field}_name"] = "; ".join(place_names.get(c, c) for c in codes)
        row["note"] = record.note
        result.append(row)
    return result


def to_frame(
    records: Iterable[Record] | TradeSummary, *, dataset: Dataset | None = None
) -> pd.DataFrame:
    """Return a pandas DataFrame with one flat, typed row per record.

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
    """
    try:
        import pandas as pd  # noqa: PLC0415 -- optional extra
    except ImportError as exc:
        msg = 'to_frame needs pandas: pip install "vnus[pandas]"'
        raise ImportError(msg) from exc
    from vnus._dataset import Dataset, TradeSummary  # noqa: PLC0415
    from vnus._dataset import dataset as bundled  # noqa: PLC0415

    if isinstance(records, TradeSummary):
        items: tuple[Any, ...] = records.figures
    elif isinstance(records, tuple | list):
        items = tuple(records)
    else:
        msg = f"records must be a tuple of records or a TradeSummary, got {_describe(records)}"
        raise InvalidQueryError(msg)
    for item in items:
        if not isinstance(item, _RECORD_TYPES):
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

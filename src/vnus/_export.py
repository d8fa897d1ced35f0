"""Every table of a dataset as files any tool reads, with a Frictionless Data Package descriptor.

``vnus export`` writes one file per table (CSV, JSON or Parquet) and ``datapackage.json``,
whose table schemas give each column's type, its unit where one is fixed, the values an enum
column may hold, each table's primary key and the foreign keys between tables. R, DuckDB,
spreadsheets and other languages use the files without Python.

The tables: one per record type (``trade``, ``milestones`` ...) and per reference type
(``places``, ``sources``, ``sectors``, ``officials``), with one column per scalar field
(see :mod:`vnus._tabular`); each tuple field is a child table of its own
(``trade_evidence``, ``milestones_places``, ``delegations_members``), one row per item,
keyed by the parent's key and the item's ``position`` (0 for the first).

Numbers are written exactly: CSV and JSON carry every digit of the ``Decimal``; Parquet
stores them as decimals with as many places as the column needs. Parquet needs the
``parquet`` extra (pyarrow); CSV and JSON need nothing beyond vnus.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from vnus._spec import record_types, spec
from vnus._tabular import Child, Column, children, columns
from vnus.errors import InvalidQueryError
from vnus.types import Official, Place, Sector, Source

if TYPE_CHECKING:
    from vnus._dataset import Dataset

__all__ = ["FORMATS", "Table", "csv_text", "descriptor", "export", "tables"]

#: The formats ``vnus export`` writes.
FORMATS = ("csv", "json", "parquet")

_MEDIA = {
    "csv": "text/csv",
    "json": "application/json",
    "parquet": "application/vnd.apache.parquet",
}


@attrs.frozen
class Table:
    """One table to export: its name, columns, rows of plain values, and keys."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[object, ...], ...]
    primary_key: tuple[str, ...]
    #: ``(column, table, column)`` for each column that refers to another table's key.
    foreign_keys: tuple[tuple[str, str, str], ...]
    description: str = ""


def _reference_tables(dataset: Dataset) -> list[tuple[str, type, str, Sequence[Any]]]:
    return [
        ("places", Place, "code", dataset.places()),
        ("sources", Source, "id", dataset.sources()),
        ("sectors", Sector, "slug", dataset.sectors()),
        ("officials", Official, "id", dataset.officials()),
    ]


def _foreign(cols: Sequence[Column]) -> list[tuple[str, str, str]]:
    return [(c.name, *c.refers_to) for c in cols if c.refers_to is not None]


def _child_table(parent: str, key: str, child: Child, items: Sequence[Any]) -> Table:
    link = f"{parent}_{key}"
    head = (
        Column(link, "string", _identity, f"the {key} of the row of {parent} this item belongs to"),
        Column("position", "integer", _identity, "the item's place in its list, 0 for the first"),
    )
    rows = []
    for item in items:
        owner = getattr(item, key)
        for position, value in enumerate(child.get(item) or ()):
            rows.append((owner, position, *(c.get(value) for c in child.columns)))
    return Table(
        name=f"{parent}_{child.field}",
        columns=(*head, *child.columns),
        rows=tuple(rows),
        primary_key=(link, "position"),
        foreign_keys=((link, parent, key), *_foreign(child.columns)),
        description=f"the {child.field.replace('_', ' ')} of each row of {parent}",
    )


def _identity(value: object) -> object:
    return value


def tables(dataset: Dataset) -> list[Table]:
    """Every table of *dataset*: the reference tables, the records, and their child tables."""
    groups: list[tuple[str, type, str, Sequence[Any]]] = _reference_tables(dataset)
    groups += [(spec(t).table, t, "id", dataset.select(t)) for t in record_types()]
    found: list[Table] = []
    for name, cls, key, items in groups:
        cols = columns(cls)
        found.append(
            Table(
                name=name,
                columns=cols,
                rows=tuple(tuple(c.get(item) for c in cols) for item in items),
                primary_key=(key,),
                foreign_keys=tuple(_foreign(cols)),
                description=(cls.__doc__ or "").strip().split("\n\n")[0].replace("\n", " "),
            )
        )
        found += [_child_table(name, key, child, items) for child in children(cls)]
    return found


# -- writing --------------------------------------------------------------------------------


def _text(value: object) -> str:
    """A cell as CSV text: exact decimals, ISO dates, ``true``/``false``, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_text(names: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text (RFC 4180, CRLF line ends) of a header and rows of plain values."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows([_text(v) for v in row] for row in rows)
    return buffer.getvalue()


def _write_csv(table: Table, path: Path) -> None:
    text = csv_text([c.name for c in table.columns], table.rows)
    path.write_text(text, encoding="utf-8", newline="")


def _json_value(value: object) -> str:
    """A cell as JSON: a Decimal as a JSON number with every digit, dates as ISO strings."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return json.dumps(value.isoformat())
    return json.dumps(value, ensure_ascii=False)


def _write_json(table: Table, path: Path) -> None:
    names = [json.dumps(c.name) for c in table.columns]
    lines = [
        "{" + ", ".join(f"{n}: {_json_value(v)}" for n, v in zip(names, row, strict=True)) + "}"
        for row in table.rows
    ]
    text = "[\n" + ",\n".join(lines) + ("\n]\n" if lines else "]\n")
    path.write_text(text, encoding="utf-8")


def _decimal_type(values: Sequence[object]) -> tuple[int, int]:
    """The precision and scale that hold every Decimal of a column exactly."""
    scale, whole = 0, 1
    for value in values:
        if isinstance(value, Decimal):
            _, digits, exponent = value.as_tuple()
            assert isinstance(exponent, int)  # noqa: S101 -- amounts are finite
            scale = max(scale, -exponent)
            whole = max(whole, len(digits) + exponent)
    return whole + scale, scale


#: The most digits Arrow's decimal128 holds; wider columns are decimal256.
_DECIMAL128_DIGITS = 38


def _write_parquet(table: Table, path: Path) -> None:
    import importlib  # noqa: PLC0415 -- pyarrow ships no type information

    pa: Any = importlib.import_module("pyarrow")
    pq: Any = importlib.import_module("pyarrow.parquet")

    simple: dict[str, Callable[[], Any]] = {
        "string": pa.string,
        "integer": pa.int64,
        "boolean": pa.bool_,
        "date": pa.date32,
        "datetime": lambda: pa.timestamp("s"),
    }
    arrays = []
    fields = []
    for index, column in enumerate(table.columns):
        values = [row[index] for row in table.rows]
        if column.kind == "number":
            precision, scale = _decimal_type(values)
            kind = (
                pa.decimal128(precision, scale)
                if precision <= _DECIMAL128_DIGITS
                else pa.decimal256(precision, scale)
            )
        else:
            kind = simple[column.kind]()
        arrays.append(pa.array(values, type=kind))
        fields.append(pa.field(column.name, kind))
    pq.write_table(pa.Table.from_arrays(arrays, schema=pa.schema(fields)), path)


_WRITERS: dict[str, Callable[[Table, Path], None]] = {
    "csv": _write_csv,
    "json": _write_json,
    "parquet": _write_parquet,
}


def _field(column: Column) -> dict[str, object]:
    field: dict[str, object] = {"name": column.name, "type": column.kind}
    if column.description:
        field["description"] = column.description
    if column.unit is not None:
        field["unit"] = column.unit
    if column.choices:
        field["constraints"] = {"enum": list(column.choices)}
    return field


def descriptor(found: Sequence[Table], fmt: str, *, version: str) -> dict[str, object]:
    """The Frictionless Data Package descriptor of exported tables."""
    resources = []
    for table in found:
        schema: dict[str, object] = {
            "fields": [_field(c) for c in table.columns],
            "primaryKey": list(table.primary_key),
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": column, "reference": {"resource": target, "fields": key}}
                for column, target, key in table.foreign_keys
            ]
        resource: dict[str, object] = {
            "name": table.name,
            "path": f"{table.name}.{fmt}",
            "profile": "tabular-data-resource",
            "format": fmt,
            "mediatype": _MEDIA[fmt],
        }
        if fmt != "parquet":
            resource["encoding"] = "utf-8"
        if fmt == "csv":
            resource["dialect"] = {"delimiter": ",", "quoteChar": '"', "header": True}
        if table.description:
            resource["description"] = table.description
        resource["schema"] = schema
        resources.append(resource)
    return {
        "profile": "tabular-data-package",
        "name": "vnus",
        "title": "Vietnam–United States relations",
        "description": (
            "Milestones, delegations, trade, investment, sector priorities and indicators, "
            "each with the source and the verbatim quote it comes from (tables *_evidence)."
        ),
        "version": version,
        "resources": resources,
    }


def export(dataset: Dataset, directory: str | os.PathLike[str], *, fmt: str = "csv") -> list[Path]:
    """Write every table of *dataset* to *directory* in *fmt*, and ``datapackage.json``.

    The directory is created if needed; files of the same names are replaced, others left
    alone. Returns the paths written, the descriptor last.

    >>> import tempfile, vnus
    >>> written = export(vnus.dataset(), tempfile.mkdtemp(), fmt="csv")
    >>> [p.name for p in written][:3], written[-1].name
    (['places.csv', 'places_aliases.csv', 'sources.csv'], 'datapackage.json')
    """
    if fmt not in FORMATS:
        msg = f"format must be one of {', '.join(FORMATS)}, got {fmt!r}"
        raise InvalidQueryError(msg)
    if fmt == "parquet":
        import importlib.util  # noqa: PLC0415 -- the parquet extra

        if importlib.util.find_spec("pyarrow") is None:
            msg = (
                "the parquet format needs pyarrow: pip install pyarrow"
                ' (or, in a clone of vnus, pip install ".[parquet]")'
            )
            raise InvalidQueryError(msg)
    from vnus import DATA_VERSION  # noqa: PLC0415

    target = Path(directory)
    if target.exists() and not target.is_dir():
        msg = f"output must be a directory, got the file {str(target)!r}"
        raise InvalidQueryError(msg)
    target.mkdir(parents=True, exist_ok=True)
    found = tables(dataset)
    written = []
    for table in found:
        path = target / f"{table.name}.{fmt}"
        _WRITERS[fmt](table, path)
        written.append(path)
    package = descriptor(found, fmt, version=DATA_VERSION)
    path = target / "datapackage.json"
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    written.append(path)
    return written


def csv_of(*values: object) -> str:
    """CSV text of what a CLI command prints.

    One :class:`~vnus.TradeSummary`: a row per flow and the balance. One or more
    :class:`~vnus.TradeSeries`: a row per period of each. Records and the tuple of their
    types: the columns of those types (as :func:`vnus.to_frame` gives them, place names
    included), so an empty result still has its header.
    """
    from vnus._bundled import dataset  # noqa: PLC0415
    from vnus._tabular import (  # noqa: PLC0415
        SERIES_COLUMNS,
        SUMMARY_COLUMNS,
        flat_columns,
        flat_row,
        series_rows,
        summary_rows,
    )
    from vnus.results import TradeSummary  # noqa: PLC0415
    from vnus.series import TradeSeries  # noqa: PLC0415

    def table(cols: Sequence[Column], rows: Iterable[dict[str, object]]) -> str:
        names = [c.name for c in cols]
        return csv_text(names, ([row.get(n) for n in names] for row in rows))

    if len(values) == 1 and isinstance(values[0], TradeSummary):
        return table(SUMMARY_COLUMNS, summary_rows(values[0]))
    if all(isinstance(v, TradeSeries) for v in values):
        return table(SERIES_COLUMNS, [row for v in values for row in series_rows(v)])
    records, types = values
    assert isinstance(records, tuple)  # noqa: S101 -- the CLI passes a query's result
    assert isinstance(types, tuple)  # noqa: S101
    if not types:  # a command without declared types: those of its results
        types = tuple(dict.fromkeys(type(r) for r in records))
    if not all(attrs.has(t) for t in types):  # plain values, such as metric names
        return csv_text(["value"], ([r] for r in records))
    seen: dict[str, Column] = {}
    for cls in types:
        for column in flat_columns(cls, place_names=True):
            seen.setdefault(column.name, column)
    note = seen.pop("note", None)
    cols = [*seen.values(), *([note] if note is not None else [])]
    if all(t in record_types() for t in types):
        cols.insert(0, Column("type", "string", _identity))
    names = {p.code: p.name for p in dataset().places()}
    rows = []
    for item in records:
        row = flat_row(item, place_names=names)
        row["type"] = type(item).__name__
        rows.append(row)
    return table(cols, rows)

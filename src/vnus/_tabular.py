"""Flat tables of vnus objects: the columns of each type, and rows of plain Python values.

One description serves the DataFrames (:func:`vnus.to_frame`), the CLI's ``--csv`` and
``vnus export``. The columns of a type come from its fields and their types alone, never
from the values, so an empty table has the same columns as a full one. Cells are plain
Python values: ``str``, ``int``, ``bool``, exact ``Decimal``, ``datetime.date``,
``datetime.datetime`` or None. Neither pandas nor pyarrow is needed here.

A field becomes one or more columns by its type:

- ``Money`` ``value``: ``value_amount`` (number), ``value_currency``, ``value_usd`` (the
  amount when the currency is USD, else empty);
- ``Period`` ``period``: ``period_start``, ``period_end`` (dates);
- ``PartialDate`` ``date``: ``date`` (the ISO text at its own precision: ``2020``,
  ``2023-09``), ``date_precision`` (``year``, ``month``, ``day``; ``time`` for a timestamp),
  ``date_earliest`` and ``date_latest`` (the first and last day it can denote);
- ``Person`` ``leader``: ``leader_name``, ``leader_title``, ``leader_official``;
- another nested object: its own columns, prefixed with the field's name;
- an enum: the member's name; a tuple: a child table (see :func:`children`), or in a flat
  row the items joined with ``"; "``.

>>> from vnus.records import Milestone
>>> [c.name for c in columns(Milestone)][:7]
['id', 'date', 'date_precision', 'date_earliest', 'date_latest', 'end', 'end_precision']
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from vnus._role import KEY, Role
from vnus.types import Evidence, Money, PartialDate, Period, Person

__all__ = [
    "SERIES_COLUMNS",
    "SUMMARY_COLUMNS",
    "Child",
    "Column",
    "children",
    "columns",
    "flat_columns",
    "flat_row",
    "is_evidence",
    "joined",
    "percent_fields",
    "series_rows",
    "summary_rows",
]

#: The Decimal fields that hold a percentage (``21.5`` means 21.5 %).
percent_fields = frozenset({"share_of_total", "change_yoy", "share", "change"})

#: The logical types of a column, as Frictionless Table Schema names them.
KINDS = ("string", "number", "integer", "boolean", "date", "datetime")


@attrs.frozen
class Column:
    """One column: its name, logical type, how to read it from an object, and what it means."""

    name: str
    kind: str
    get: Callable[[Any], object] = attrs.field(eq=False, repr=False)
    description: str = ""
    unit: str | None = None
    #: For an enum column, the names it may hold.
    choices: tuple[str, ...] = ()
    #: What the column refers to: ``("places", "code")`` and the like.
    refers_to: tuple[str, str] | None = None


@attrs.frozen
class Child:
    """A tuple field as a table of its own: one row per item, keyed by parent and position."""

    field: str
    get: Callable[[Any], tuple[Any, ...]] = attrs.field(eq=False, repr=False)
    #: The columns of one item (for a tuple of strings, the one column ``value``).
    columns: tuple[Column, ...]


def _base(hint: Any) -> tuple[Any, bool]:
    """The type a field holds without ``| None``, and whether None is allowed."""
    if typing.get_origin(hint) in {typing.Union, types.UnionType}:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        optional = len(args) < len(typing.get_args(hint))
        if len(args) == 1:
            return args[0], optional
        return typing.Union[tuple(args)], optional  # noqa: UP007 -- a run-time union
    return hint, False


def _role(field: attrs.Attribute[Any]) -> Role | None:
    found = field.metadata.get(KEY)
    return found if isinstance(found, Role) else None


_UNROLED = {("Place", "parent"): ("places", "code"), ("Evidence", "source"): ("sources", "id")}


def _refers(owner: type, field: attrs.Attribute[Any]) -> tuple[str, str] | None:
    """The table and key a field's values refer to, if any."""
    found = _role(field)
    if found is not None:
        if found.place:
            return ("places", "code")
        if found.sector:
            return ("sectors", "slug")
        if found.source:
            return ("sources", "id")
        if found.official:
            return ("officials", "id")
    # Two fields name what they refer to without a role: a place's parent, a quote's source.
    return _UNROLED.get((owner.__name__, field.name))


def _then(first: Callable[[Any], Any], second: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def get(value: object) -> object:
        inner = first(value)
        return None if inner is None else second(inner)

    return get


def _attr(name: str) -> Callable[[Any], Any]:
    def get(value: object) -> object:
        return getattr(value, name)

    return get


def _money_usd(money: Money) -> Decimal | None:
    return money.amount if money.currency == "USD" else None


def _precision(value: PartialDate | dt.datetime) -> str:
    return "time" if isinstance(value, dt.datetime) else value.precision


def _earliest(value: PartialDate | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value.earliest


def _latest(value: PartialDate | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value.latest


def _iso(value: PartialDate | dt.datetime) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)


def _enum_name(value: enum.Enum) -> str:
    return value.name


def _scalar(
    owner: type, field: attrs.Attribute[Any], hint: Any, prefix: str, get: Callable[[Any], Any]
) -> list[Column]:
    """The columns of one non-tuple field."""
    name = f"{prefix}{field.name}"
    kind, _ = _base(hint)
    if kind is Money:
        return [
            Column(
                f"{name}_amount",
                "number",
                _then(get, _attr("amount")),
                f"the amount of {field.name}, in the currency of {name}_currency",
            ),
            Column(
                f"{name}_currency",
                "string",
                _then(get, _attr("currency")),
                f"the ISO 4217 currency of {name}_amount",
            ),
            Column(
                f"{name}_usd",
                "number",
                _then(get, _money_usd),
                f"{name}_amount when the currency is USD, else empty",
                unit="USD",
            ),
        ]
    if kind is Period:
        return [
            Column(f"{name}_start", "date", _then(get, _attr("start")), "first day of the period"),
            Column(f"{name}_end", "date", _then(get, _attr("end")), "last day of the period"),
        ]
    if kind is PartialDate or kind == (PartialDate | dt.datetime):
        return [
            Column(name, "string", _then(get, _iso), "the date at its own precision (ISO 8601)"),
            Column(
                f"{name}_precision",
                "string",
                _then(get, _precision),
                f"how precisely {name} is known",
                choices=("year", "month", "day", "time"),
            ),
            Column(
                f"{name}_earliest", "date", _then(get, _earliest), f"the first day {name} can be"
            ),
            Column(f"{name}_latest", "date", _then(get, _latest), f"the last day {name} can be"),
        ]
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        names = tuple(m.name for m in kind)
        return [Column(name, "string", _then(get, _enum_name), choices=names)]
    if isinstance(kind, type) and attrs.has(kind):
        return _object_columns(kind, f"{name}_", get)
    simple = {
        str: "string",
        int: "integer",
        bool: "boolean",
        Decimal: "number",
        dt.date: "date",
        dt.datetime: "datetime",
    }
    logical = simple.get(kind)
    if logical is None:  # pragma: no cover -- every field type of vnus is listed above
        msg = f"no column type for {owner.__name__}.{field.name}: {hint!r}"
        raise TypeError(msg)
    unit = "percent" if kind is Decimal and field.name in percent_fields else None
    return [Column(name, logical, get, unit=unit, refers_to=_refers(owner, field))]


def _tuple_item(hint: Any) -> Any | None:
    """The item type of ``tuple[X, ...]``, or None for any other type."""
    if typing.get_origin(hint) is tuple:
        return typing.get_args(hint)[0]
    return None


def _object_columns(cls: type, prefix: str, get: Callable[[Any], Any]) -> list[Column]:
    """The columns of the non-tuple fields of an attrs class, read through *get*."""
    from vnus._spec import field_types  # noqa: PLC0415 -- with the first table

    hints = field_types(cls)
    found: list[Column] = []
    for field in attrs.fields(cls):
        if _tuple_item(hints[field.name]) is not None:
            continue
        found += _scalar(cls, field, hints[field.name], prefix, _then(get, _attr(field.name)))
    return found


def _identity(value: object) -> object:
    return value


_COLUMNS: dict[type, tuple[Column, ...]] = {}
_CHILDREN: dict[type, tuple[Child, ...]] = {}


def columns(cls: type) -> tuple[Column, ...]:
    """The scalar columns of an attrs class (its tuple fields are :func:`children`)."""
    found = _COLUMNS.get(cls)
    if found is None:
        found = _COLUMNS[cls] = tuple(_object_columns(cls, "", _identity))
    return found


def _item_columns(item: Any, owner: type, field: attrs.Attribute[Any]) -> tuple[Column, ...]:
    if isinstance(item, type) and attrs.has(item):
        return columns(item)
    return (Column("value", "string", _identity, refers_to=_refers(owner, field)),)


def children(cls: type) -> tuple[Child, ...]:
    """The tuple fields of an attrs class, and of the objects nested in it, as child tables.

    A child's ``field`` is its path with underscores (``retrieved_from_files``).
    """
    found = _CHILDREN.get(cls)
    if found is None:
        found = _CHILDREN[cls] = tuple(_children(cls, "", _identity))
    return found


def _children(cls: type, prefix: str, get: Callable[[Any], Any]) -> list[Child]:
    from vnus._spec import field_types  # noqa: PLC0415 -- with the first table

    hints = field_types(cls)
    found: list[Child] = []
    for field in attrs.fields(cls):
        reach = _then(get, _attr(field.name))
        item = _tuple_item(hints[field.name])
        if item is not None:
            found.append(Child(f"{prefix}{field.name}", reach, _item_columns(item, cls, field)))
            continue
        kind, _ = _base(hints[field.name])
        nested = isinstance(kind, type) and attrs.has(kind)
        if nested and kind not in {Money, Period, PartialDate, Person}:
            found += _children(kind, f"{prefix}{field.name}_", reach)
    return found


def joined(items: Iterable[object] | None) -> str | None:
    """A tuple as one cell: its items' text joined with ``"; "`` (None when empty)."""
    texts = [_text(item) for item in items or ()]
    return "; ".join(texts) if texts else None


def _text(item: object) -> str:
    if isinstance(item, Person):
        return ", ".join(p for p in (item.name, item.title) if p)
    if isinstance(item, enum.Enum):
        return item.name
    if attrs.has(type(item)):
        values = [getattr(item, f.name) for f in attrs.fields(type(item))]  # type: ignore[arg-type]
        return " ".join(_text(v) for v in values if v is not None and v != ())
    if isinstance(item, Decimal):
        return format(item, "f")
    return str(item)


def flat_row(value: object, *, place_names: Mapping[str, str] | None = None) -> dict[str, object]:
    """One object as one row: its columns, each tuple joined into one cell.

    With *place_names*, each place field gets a ``<field>_name`` column beside it; a record's
    evidence becomes ``sources`` (the ids of its sources, in order). The ``note`` comes last.
    """
    cls = type(value)
    row: dict[str, object] = {}
    has_note = False
    for column in columns(cls):
        if column.name == "note":
            has_note = True
            continue
        row[column.name] = column.get(value)
        if place_names is not None and column.refers_to == ("places", "code"):
            code = row[column.name]
            row[f"{column.name}_name"] = None if code is None else place_names.get(str(code))
    for child in children(cls):
        items = child.get(value) or ()
        if child.field == "evidence":
            row["sources"] = ", ".join(dict.fromkeys(e.source for e in items)) or None
            continue
        row[child.field] = joined(items)
        if place_names is not None and child.columns[0].refers_to == ("places", "code"):
            row[f"{child.field}_name"] = joined(place_names.get(c, c) for c in items)
    if has_note:
        row["note"] = getattr(value, "note", None)
    return row


def flat_columns(cls: type, *, place_names: bool = False) -> tuple[Column, ...]:
    """The columns :func:`flat_row` gives for *cls*, in the same order, with their types."""
    found: list[Column] = []
    notes = [c for c in columns(cls) if c.name == "note"]
    for column in columns(cls):
        if column.name == "note":
            continue
        found.append(column)
        if place_names and column.refers_to == ("places", "code"):
            found.append(Column(f"{column.name}_name", "string", _identity, "the place's name"))
    for child in children(cls):
        if child.field == "evidence":
            found.append(
                Column("sources", "string", _identity, "the ids of the sources, comma-separated")
            )
            continue
        found.append(Column(child.field, "string", _identity, "the items, '; '-separated"))
        if place_names and child.columns[0].refers_to == ("places", "code"):
            found.append(Column(f"{child.field}_name", "string", _identity, "the places' names"))
    found += notes
    return tuple(found)


def is_evidence(child: Child) -> bool:
    """Whether a child table holds a record's evidence."""
    return child.columns == columns(Evidence)


def _plain(name: str, kind: str, description: str = "", **extra: Any) -> Column:
    return Column(name, kind, _identity, description, **extra)


_FLOWS = ("EXPORT", "IMPORT", "TOTAL")

#: The columns of a trade summary's rows (:func:`summary_rows`).
SUMMARY_COLUMNS = (
    _plain("place", "string", "the place's code", refers_to=("places", "code")),
    _plain("place_name", "string", "the place's name"),
    _plain("year", "integer", "the calendar year"),
    _plain("reporter", "string", "whose figures", refers_to=("places", "code")),
    _plain("mirror", "boolean", "true when the figures are the United States' own"),
    _plain(
        "flow",
        "string",
        "seen from the place; BALANCE is exports minus imports",
        choices=(*_FLOWS, "BALANCE"),
    ),
    _plain("value_amount", "number", "the amount, in value_currency"),
    _plain("value_currency", "string", "the ISO 4217 currency"),
    _plain("value_usd", "number", "value_amount when the currency is USD", unit="USD"),
    _plain("qualifier", "string", "how the source qualifies the figure"),
    _plain("share_of_total", "number", "percent of the reporter's total", unit="percent"),
    _plain("change_yoy", "number", "percent change on the year before", unit="percent"),
    _plain("id", "string", "the trade figure's id (empty for the balance)"),
    _plain("sources", "string", "the ids of the sources, comma-separated"),
)

#: The columns of a trade series' rows (:func:`series_rows`).
SERIES_COLUMNS = (
    _plain("place", "string", "the place's code", refers_to=("places", "code")),
    _plain("place_name", "string", "the place's name"),
    _plain("reporter", "string", "whose figures", refers_to=("places", "code")),
    _plain("mirror", "boolean", "true when the figures are the United States' own"),
    _plain("flow", "string", "seen from the place", choices=_FLOWS),
    _plain("period_start", "date", "first day of the period"),
    _plain("period_end", "date", "last day of the period"),
    _plain("value_amount", "number", "the amount, in value_currency"),
    _plain("value_currency", "string", "the ISO 4217 currency"),
    _plain("value_usd", "number", "value_amount when the currency is USD", unit="USD"),
    _plain(
        "change_percent", "number", "percent change on the period a year before", unit="percent"
    ),
    _plain("id", "string", "the trade figure's id"),
    _plain("sources", "string", "the ids of the sources, comma-separated"),
)


def _sources_of(*records: object) -> str | None:
    ids = [e.source for r in records if r is not None for e in getattr(r, "evidence", ())]
    return ", ".join(dict.fromkeys(ids)) or None


def summary_rows(summary: Any) -> list[dict[str, object]]:
    """A :class:`~vnus.TradeSummary` as rows: its exports, imports, total, then the balance."""
    head = {
        "place": summary.place.code,
        "place_name": summary.place.name,
        "year": summary.year,
        "reporter": summary.reporter or None,
        "mirror": summary.mirror,
    }
    found: list[dict[str, object]] = []
    for flow, figure in (
        ("EXPORT", summary.exports),
        ("IMPORT", summary.imports),
        ("TOTAL", summary.total),
    ):
        if figure is not None:
            found.append(
                {
                    **head,
                    "flow": flow,
                    "value_amount": figure.value.amount,
                    "value_currency": figure.value.currency,
                    "value_usd": _money_usd(figure.value),
                    "qualifier": figure.qualifier.name,
                    "share_of_total": figure.share_of_total,
                    "change_yoy": figure.change_yoy,
                    "id": figure.id,
                    "sources": _sources_of(figure),
                }
            )
    balance = summary.balance
    if balance is not None:
        found.append(
            {
                **head,
                "flow": "BALANCE",
                "value_amount": balance.amount,
                "value_currency": balance.currency,
                "value_usd": _money_usd(balance),
                "qualifier": None,
                "share_of_total": None,
                "change_yoy": None,
                "id": None,
                "sources": _sources_of(summary.exports, summary.imports),
            }
        )
    return found


def series_rows(series: Any) -> list[dict[str, object]]:
    """A :class:`~vnus.TradeSeries` as tidy rows: one per period."""
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
            "value_usd": _money_usd(point.value),
            "change_percent": point.change,
            "id": point.figure.id,
            "sources": _sources_of(point.figure),
        }
        for point in series.points
    ]

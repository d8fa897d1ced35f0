"""How a record type describes itself, and the generic code that reads the description.

Each field of a record type may carry a :class:`Role` in its attrs metadata: whether it holds
place codes or sector slugs, whether it is a number the audit must find in a quote, whether it
is one of the record's dates, whether queries filter on it. A record type is registered with
:func:`record_type`, which also names its table, its data file and the columns it shows in a
text table. The loader's reference checks, the indexes, the audit, the DataFrames, the CLI and
the HTML tables all read this description (:func:`spec`); none of them names a record type.

>>> from vnus.records import TradeFigure
>>> s = spec(TradeFigure)
>>> s.table, s.file, s.places, s.indexed
('trade', 'trade.json', ('reporter', 'partner'), ('flow',))
"""

from __future__ import annotations

import builtins
import datetime as dt
import enum
import sys
import typing
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

import vnus.types as _types
from vnus._role import KEY, Role, role

__all__ = [
    "Column",
    "Role",
    "Spec",
    "cell",
    "dates",
    "defer_record_types",
    "direct_refs",
    "field_types",
    "headline",
    "numbers",
    "official_refs",
    "place_refs",
    "record_type",
    "record_type_of",
    "record_types",
    "role",
    "row",
    "sector_refs",
    "source_refs",
    "span",
    "spec",
    "when",
    "when_text",
    "years",
]

T = TypeVar("T")


_NONE = Role()


def _role_of(field: attrs.Attribute[Any]) -> Role:
    found = field.metadata.get(KEY, _NONE)
    return found if isinstance(found, Role) else _NONE


#: A column of a text table: its heading, and the field it shows or a function of the record.
Column = tuple[str, "str | Callable[[Any], object]"]


class Spec:
    """Everything generic code needs to know about one record type (built once per type)."""

    __slots__ = (
        "_kinds",
        "cls",
        "columns",
        "file",
        "has_status",
        "headline",
        "indexed",
        "places",
        "sectors",
        "spans",
        "table",
        "times",
        "undated",
    )

    def __init__(self, cls: type, table: str) -> None:
        """Read the description of *cls* from its fields' roles."""
        fields = attrs.fields(cls)
        roles = [(f.name, _role_of(f)) for f in fields]
        starts = [n for n, r in roles if r.time == "start"]
        ends = [n for n, r in roles if r.time == "end"]
        spans = [(n, n) for n, r in roles if r.time == "point"]
        if starts or ends:
            spans.append((starts[0], ends[0]))
        self.cls = cls
        self.table = table
        self.file = f"{table}.json"
        self.columns: tuple[Column, ...] = cls.__vnus_columns__  # type: ignore[attr-defined]
        self.headline: Callable[[Any], str] | None = cls.__vnus_headline__  # type: ignore[attr-defined]
        self.places = tuple(n for n, r in roles if r.place)
        self.indexed = tuple(n for n, r in roles if r.index)
        self.sectors = tuple(n for n, r in roles if r.sector)
        #: The record's spans, each a (start field, end field) pair; a point is (f, f).
        self.spans = tuple(spans)
        #: The first time field that is set gives the record's ``when``.
        self.times = tuple(n for n, r in roles if r.time is not None)
        self.has_status = "status" in {f.name for f in fields}
        #: Flags that, when true, open the record's spans at the start (an undated event).
        self.undated = tuple(n for n, r in roles if r.undated)
        self._kinds: Mapping[str, type] | None = None

    @property
    def kinds(self) -> Mapping[str, type]:
        """For each indexed field, the type of one value (an enum, ``str``)."""
        if self._kinds is None:
            hints = field_types(self.cls)
            self._kinds = MappingProxyType({n: _value_type(hints[n]) for n in self.indexed})
        return self._kinds

    def __repr__(self) -> str:
        return f"<Spec {self.cls.__name__}: table {self.table!r}, places {self.places}>"


_REGISTRY: dict[str, type] = {}
#: Tables whose record types are built the first time one of them is needed, with the function
#: that builds (and so registers) them, in the order the tables are listed.
_DEFERRED: dict[str, Callable[[], object]] = {}
_ORDER: dict[str, int] = {}
#: record_types(), by the sizes of the registry and the order it was worked out from (both only
#: grow): a thread never reads an answer worked out before a type was registered.
_TYPES: dict[tuple[int, int], tuple[type, ...]] = {}


def defer_record_types(tables: tuple[str, ...], build: Callable[[], object]) -> None:
    """Declare that *build* registers the record types of *tables* when it is called.

    :func:`record_types` and :func:`record_type_of` call it the first time they need one of
    those types, so a query that reads other tables never builds them. The declared tables
    keep this order in :func:`record_types`, whenever each is built.
    """
    for table in tables:
        if table not in _REGISTRY:
            _DEFERRED[table] = build
        _ORDER.setdefault(table, len(_ORDER))


def _build_deferred(tables: typing.Iterable[str]) -> None:
    """Call the build of each deferred table (each build once; building twice is harmless).

    Registering a type removes its table from the deferred ones; two threads may both call a
    build, which imports a module (once, under the import lock) and binds the same names.
    """
    builds = [_DEFERRED.get(table) for table in list(tables)]
    for build in dict.fromkeys(b for b in builds if b is not None):
        build()


def record_type(
    table: str,
    *,
    columns: tuple[Column, ...],
    headline: Callable[[Any], str] | None = None,
) -> Callable[[type[T]], type[T]]:
    """Register a record class with its table name; its file is ``<table>.json``.

    *columns* are its text table's columns; *headline* says what one record is about in a
    line (for timelines).
    """

    def register(cls: type[T]) -> type[T]:
        if table in _REGISTRY and _REGISTRY[table] is not cls:
            msg = f"table {table!r} is already registered to {_REGISTRY[table].__name__}"
            raise ValueError(msg)
        cls.__vnus_table__ = table  # type: ignore[attr-defined]
        cls.__vnus_columns__ = columns  # type: ignore[attr-defined]
        cls.__vnus_headline__ = headline  # type: ignore[attr-defined]
        _REGISTRY[table] = cls
        _DEFERRED.pop(table, None)
        return cls

    return register


def _register_builtin() -> None:
    """Import :mod:`vnus.records`, which registers the dataset's record types (once).

    The import waits for one another thread has begun, so no thread reads the registry while
    the built-in types are half registered.
    """
    if not _BUILTIN:
        import vnus.records  # noqa: F401, PLC0415 -- importing it registers them

        _BUILTIN.append(True)


_BUILTIN: list[bool] = []


def record_types() -> tuple[type, ...]:
    """Every registered record type: the declared tables' in their order, then the others'.

    The types of deferred tables (:func:`defer_record_types`) are built first.
    """
    _register_builtin()
    if _DEFERRED:
        _build_deferred(_DEFERRED)
    key = (len(_REGISTRY), len(_ORDER))
    found = _TYPES.get(key)
    if found is None:
        registry, order = dict(_REGISTRY), dict(_ORDER)
        tables = sorted(registry, key=lambda table: order.get(table, len(order)))
        found = tuple(registry[table] for table in tables)
        _TYPES[len(registry), len(order)] = found
    return found


def record_type_of(table: str) -> type | None:
    """The record type registered for *table* (built now if it was deferred), or None."""
    _register_builtin()
    found = _REGISTRY.get(table)
    if found is None:
        if table in _DEFERRED:
            _build_deferred((table,))
        # Read again: a type is registered before its table leaves the deferred ones, so a
        # table found in neither a moment ago has been registered since.
        found = _REGISTRY.get(table)
    return found


_SPECS: dict[type, Spec] = {}


def spec(cls: type) -> Spec:
    """Return the description of a registered record type."""
    found = _SPECS.get(cls)
    if found is None:
        found = _SPECS[cls] = _describe(cls)
    return found


def _describe(cls: type) -> Spec:
    table = getattr(cls, "__vnus_table__", None)
    if table is None:
        msg = f"{cls.__name__} is not a registered record type"
        raise TypeError(msg)
    return Spec(cls, table)


_HINTS: dict[type, dict[str, Any]] = {}


def field_types(cls: type) -> dict[str, Any]:
    """The type of each field of an attrs class, its annotations resolved (cached per class).

    The record modules use postponed annotations (strings). :func:`typing.get_type_hints`
    compiles each string; the forms the records use (names, ``X | Y``, ``tuple[X, ...]``) are
    read here instead, which makes a first query cheaper. Any other form falls back to it.
    """
    found = _HINTS.get(cls)
    if found is None:
        namespace = vars(sys.modules[cls.__module__])
        try:
            found = {
                f.name: _annotation(f.type, namespace) if isinstance(f.type, str) else f.type
                for f in attrs.fields(cls)
            }
        except LookupError:
            found = typing.get_type_hints(cls)
        _HINTS[cls] = found
    return found


def _split(text: str, separator: str) -> list[str]:
    """Split *text* at each *separator* outside brackets."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return parts


def _annotation(text: str, namespace: Mapping[str, Any]) -> Any:
    """Resolve ``Name``, ``module.Name``, ``X | Y`` and ``tuple[X, ...]`` (LookupError else)."""
    alternatives = _split(text, "|")
    if len(alternatives) > 1:
        resolved = [_annotation(a, namespace) for a in alternatives]
        union = resolved[0]
        for item in resolved[1:]:
            union = union | item
        return union
    if text == "None":
        return type(None)
    if text.startswith("tuple[") and text.endswith(", ...]"):
        return tuple[_annotation(text[6:-6], namespace), ...]  # type: ignore[misc]
    head, *rest = text.split(".")
    if not head.isidentifier() or not all(part.isidentifier() for part in rest):
        raise LookupError(text)
    value = namespace[head] if head in namespace else getattr(builtins, head)
    for part in rest:
        value = getattr(value, part)
    return value


def _value_type(hint: Any) -> type:
    """The type of one value of a field: ``X`` for ``X``, ``X | None`` and ``tuple[X, ...]``."""
    args = [a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis]
    found = args[0] if args else hint
    return found if isinstance(found, type) else object


def _items(value: object) -> tuple[Any, ...]:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


#: Per (class, role): each field's name, and whether it plays that role.
_PLANS: dict[tuple[type, str], tuple[tuple[str, bool], ...]] = {}
#: Per class: whether it is an attrs class, and whether any of its fields has a role.
_CLASSES: dict[type, tuple[bool, bool]] = {}


def _plan(cls: type, want: str) -> tuple[tuple[str, bool], ...]:
    """Each field that plays the role *want* or can hold a value that has such a field.

    A field whose declared types are all plain values (or attrs classes that cannot reach
    the role) is left out: walking it could yield nothing.
    """
    found = _PLANS.get((cls, want))
    if found is None:
        types = _field_types_or_none(cls)
        found = tuple(
            (f.name, wanted)
            for f in attrs.fields(cls)
            if (wanted := bool(getattr(_role_of(f), want)))
            or _may_reach(types.get(f.name, Any), want)
        )
        _PLANS[(cls, want)] = found
    return found


def _may_reach(hint: Any, want: str, seen: frozenset[type] = frozenset()) -> bool:
    """Whether a value of the type *hint* may hold a field with the role *want*, nested."""
    if hint is type(None) or hint is Ellipsis:
        return False
    arguments = typing.get_args(hint)
    if arguments:  # X | Y, tuple[X, ...]
        return any(_may_reach(a, want, seen) for a in arguments)
    if not isinstance(hint, type):
        return True  # not known: walk it, as any value
    if not attrs.has(hint):
        return False
    if hint in seen:
        return False
    types = _field_types_or_none(hint)
    return any(
        getattr(_role_of(f), want) or _may_reach(types.get(f.name, Any), want, seen | {hint})
        for f in attrs.fields(hint)
    )


def _field_types_or_none(cls: type) -> dict[str, Any]:
    """:func:`field_types`, or no types (every field is walked) where they cannot be read."""
    try:
        return field_types(cls)
    except Exception:  # noqa: BLE001 -- unknown types only make the walk visit more fields
        return {}


def _kind(cls: type) -> tuple[bool, bool]:
    found = _CLASSES.get(cls)
    if found is None:
        is_attrs = attrs.has(cls)
        found = _CLASSES[cls] = (is_attrs, is_attrs and _nested(cls))
    return found


def _walk(value: object, prefix: str, want: str) -> Iterator[tuple[str, Any]]:
    """Yield ``(path, item)`` for each item of a field whose role has *want* set, nested too.

    What each class's fields are is worked out once per class, not once per record.
    """
    known = _CLASSES.get
    for name, wanted in _PLANS.get((type(value), want)) or _plan(type(value), want):
        current = getattr(value, name)
        if wanted:
            for item in _items(current):
                yield f"{prefix}{name}", item
        elif isinstance(current, tuple):
            for index, item in enumerate(current):
                if (known(type(item)) or _kind(type(item)))[0]:
                    yield from _walk(item, f"{prefix}{name}[{index}].", want)
        elif (known(type(current)) or _kind(type(current)))[1]:
            yield from _walk(current, f"{prefix}{name}.", want)


def _nested(cls: type) -> bool:
    """Whether a nested attrs class has any field with a role (else it is a plain value)."""
    return any(_role_of(f) is not _NONE for f in attrs.fields(cls))


def place_refs(record: object) -> Iterator[tuple[str, str]]:
    """Yield ``(field path, place code)`` for every place a record names."""
    return _walk(record, "", "place")


def sector_refs(record: object) -> Iterator[tuple[str, str]]:
    """Yield ``(field path, sector slug)`` for every sector a record names."""
    return _walk(record, "", "sector")


def source_refs(record: object) -> Iterator[tuple[str, str]]:
    """Yield ``(field path, source id)`` for every source a record names outside its evidence."""
    return _walk(record, "", "source")


def official_refs(record: object) -> Iterator[tuple[str, str]]:
    """Yield ``(field path, official id)`` for every official a record names."""
    return _walk(record, "", "official")


def direct_refs(cls: type, want: str) -> tuple[str, ...] | None:
    """The fields of *cls* whose values are all its references of role *want*, if there are such.

    ``None`` where a reference may stand inside a nested value: then only the walk (such as
    :func:`place_refs`) finds them all. Otherwise a record's references are the items of
    these fields (a field holds one, a tuple of them, or ``None``), each at its field's name.
    """
    plan = _plan(cls, want)
    return tuple(name for name, _ in plan) if all(wanted for _, wanted in plan) else None


def numbers(record: object) -> Iterator[tuple[str, Decimal]]:
    """Yield ``(field path, magnitude)`` for every number the audit must find in a quote."""
    for path, value in _walk(record, "", "number"):
        amount = getattr(value, "amount", value)  # Money counts by its amount
        yield path, abs(Decimal(amount))


def _bounds(value: Any) -> tuple[dt.date, dt.date]:
    """The first and last day of a PartialDate (earliest/latest) or a Period (start/end)."""
    if hasattr(value, "earliest"):
        return value.earliest, value.latest
    return value.start, value.end


def dates(record: object) -> Iterator[tuple[dt.date, dt.date]]:
    """Yield the first and last day of each span the record refers to (unset ones skipped)."""
    description = spec(type(record))
    undated = any(getattr(record, flag) for flag in description.undated)
    for first, last in description.spans:
        start, end = getattr(record, first), getattr(record, last)
        if start is None and end is None:
            continue
        low = dt.date.min if undated else _bounds(start if start is not None else end)[0]
        high = _bounds(end if end is not None else start)[1]
        yield low, high


def span(record: object) -> tuple[dt.date, dt.date]:
    """The first and last day the record refers to, over all its spans."""
    found = list(dates(record))
    return min(low for low, _ in found), max(high for _, high in found)


def years(record: object) -> frozenset[int]:
    """Every calendar year one of the record's spans touches."""
    return frozenset(year for low, high in dates(record) for year in range(low.year, high.year + 1))


def when(record: object) -> dt.date:
    """The first day of the first time field that is set (the record's chronological key)."""
    for name in spec(type(record)).times:
        value = getattr(record, name)
        if value is not None:
            return _bounds(value)[0]
    msg = f"{type(record).__name__} has no date set"  # pragma: no cover -- validators forbid
    raise ValueError(msg)  # pragma: no cover


def when_text(record: object) -> str:
    """The record's first date or span as text: ``2019``, ``1995-07``, ``2023-09-10..2023-09-11``.

    A span known only at one end shows that end (``..2022-05`` for an end alone), and so
    does an undated event, known only to have happened by its date.
    """
    s = spec(type(record))
    undated = any(getattr(record, flag) for flag in s.undated)
    for first, last in s.spans:
        start, end = getattr(record, first), getattr(record, last)
        if start is None and end is None:
            continue
        if undated:
            return f"..{end if end is not None else start}"
        if start is None:
            return f"..{end}"
        if end is None or start == end:
            return str(start)
        return f"{start}..{end}"
    return ""  # pragma: no cover -- every record has a date


def headline(record: object) -> str:
    """One line saying what the record is about (a milestone's title, a trip's leader)."""
    describe = spec(type(record)).headline
    if describe is not None:
        return describe(record)
    return repr(record).split(": ", 1)[-1].rstrip(">")


def cell(value: object) -> str:
    """A field value as plain text for a table cell."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    person = vars(_types).get("Person")  # None until built; then no value is one
    if person is not None and isinstance(value, person):
        return str(value.title or value.name)
    return str(value)


def row(record: object) -> tuple[str, ...]:
    """The record's cells in the order of its type's columns."""
    return tuple(
        cell(get(record) if callable(get) else getattr(record, get))
        for _, get in spec(type(record)).columns
    )

"""One record type's records in order, with the indexes its record type declares.

The indexes come from the type's description (:func:`vnus._spec.spec`): each place field is
indexed by code (a record is found under every place that contains its own), each indexed
field by value, and every record by the calendar years its dates touch.

>>> import vnus
>>> from vnus.records import TradeFigure
>>> table = vnus.dataset()._table(TradeFigure)
>>> [r.id for r in table.find(places={"reporter": "VN-HN"}, year=2019)]
['hanoi-us-exports-2019', 'hanoi-us-imports-2019']
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from types import MappingProxyType
from typing import Any

from vnus._spec import dates, spec

__all__ = ["Parts", "Table"]

_EMPTY: tuple[Any, ...] = ()
#: A record whose dates span more years than this is kept out of the year index.
_LONG_SPAN = 50


def sort_key(record: Any) -> tuple[dt.date, str]:
    """Chronological order, then by id."""
    return (record.when, record.id)


def _items(value: object) -> tuple[Any, ...]:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)


class Table:
    """Records of one type, sorted by (when, id), with their indexes built once."""

    __slots__ = (
        "_year_positions",
        "by_place",
        "by_value",
        "by_year",
        "ids",
        "long",
        "long_positions",
        "records",
        "several_years",
        "spec",
        "whens",
    )

    def __init__(
        self, cls: type, records: Iterable[Any], ancestors: Mapping[str, tuple[str, ...]]
    ) -> None:
        self.spec = spec(cls)
        given = list(records)
        keys = [sort_key(r) for r in given]  # each record's key worked out once
        order = sorted(range(len(given)), key=keys.__getitem__)
        self.records: tuple[Any, ...] = tuple([given[i] for i in order])
        self.whens = [keys[i][0] for i in order]
        by_place: dict[tuple[str, str], list[Any]] = {}
        by_year: dict[int, list[Any]] = {}
        by_value: dict[tuple[str, object], list[Any]] = {}
        long: list[tuple[Any, list[tuple[dt.date, dt.date]]]] = []
        several: list[str] = []
        places, indexed = self.spec.places, self.spec.indexed
        # The codes a record's place codes stand inside, in order, worked out once each.
        within: dict[tuple[str, ...], list[str]] = {}
        for record in self.records:
            for field in places:
                codes = _items(getattr(record, field))
                inside = within.get(codes)
                if inside is None:
                    inside = within[codes] = sorted(
                        {a for code in codes for a in ancestors.get(code, (code,))}
                    )
                for code in inside:
                    by_place.setdefault((field, code), []).append(record)
            spans = list(dates(record))
            if any(first.year != last.year for first, last in spans):
                several.append(record.id)
            if any(last.year - first.year > _LONG_SPAN for first, last in spans):
                long.append((record, spans))  # found by overlap, not under every year
            else:
                for year in sorted(
                    {y for first, last in spans for y in range(first.year, last.year + 1)}
                ):
                    by_year.setdefault(year, []).append(record)
            for field in indexed:
                for value in dict.fromkeys(_items(getattr(record, field))):
                    by_value.setdefault((field, value), []).append(record)
        # Read-only views: what a query hands out is built from these, and nothing may change them.
        self.by_place: Mapping[tuple[str, str], tuple[Any, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in by_place.items()}
        )
        self.by_year: Mapping[int, tuple[Any, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in by_year.items()}
        )
        self.by_value: Mapping[tuple[str, object], tuple[Any, ...]] = MappingProxyType(
            {k: tuple(v) for k, v in by_value.items()}
        )
        #: Records that span more than _LONG_SPAN years, with their spans: a year query checks
        #: each for overlap instead of the index holding it under every year it touches.
        self.long = tuple(long)
        #: The ids of the records with a date that runs over more than one year.
        self.several_years = frozenset(several)
        # id(bucket) -> (bucket, its record ids). Only the index buckets above are ever
        # passed to select(); holding the bucket keeps its id from being reused.
        self.ids: dict[int, tuple[tuple[Any, ...], frozenset[str]]] = {}
        #: The year index and the long records by position in ``records`` (an int sorts
        #: faster than a record by its key), built by the first range query.
        self._year_positions: dict[int, tuple[int, ...]] | None = None
        self.long_positions: tuple[tuple[int, list[tuple[dt.date, dt.date]]], ...] = ()

    def values(self, field: str) -> frozenset[object]:
        """Every value an indexed field takes."""
        return frozenset(value for name, value in self.by_value if name == field)

    def find(
        self,
        *,
        places: Mapping[str, str | None] | None = None,
        values: Mapping[str, object] | None = None,
        year: int | None = None,
    ) -> tuple[Any, ...]:
        """Records under every given place code, indexed value and year (None: any), in order.

        A place filter matches the place and everything inside it.
        """
        buckets: list[tuple[Any, ...]] = []
        for field, code in (places or {}).items():
            if code is not None:
                buckets.append(self.by_place.get((field, code), _EMPTY))
        for field, value in (values or {}).items():
            if value is not None:
                buckets.append(self.by_value.get((field, value), _EMPTY))
        if year is not None:
            buckets.append(self._year(year))
        return self.select(buckets)

    def _year(self, year: int) -> tuple[Any, ...]:
        """The records that touch *year*: its index bucket, and the long ones overlapping it."""
        bucket = self.by_year.get(year, _EMPTY)
        if not self.long:
            return bucket
        extra = tuple(
            r
            for r, spans in self.long
            if any(first.year <= year <= last.year for first, last in spans)
        )
        if not extra:
            return bucket
        return tuple(sorted((*bucket, *extra), key=sort_key))

    def select(self, buckets: list[tuple[Any, ...]]) -> tuple[Any, ...]:
        """Return the records in every index bucket (all records if none), in order."""
        if not buckets:
            return self.records
        buckets.sort(key=len)
        found = buckets[0]
        for bucket in buckets[1:]:
            ids = self._id_set(bucket)
            found = tuple([r for r in found if r.id in ids])
        return found

    def _id_set(self, bucket: tuple[Any, ...]) -> frozenset[str]:
        entry = self.ids.get(id(bucket))
        if entry is None or entry[0] is not bucket:
            entry = self.ids[id(bucket)] = (bucket, frozenset(r.id for r in bucket))
        return entry[1]

    def in_years(self, since: dt.date | None, until: dt.date | None) -> tuple[Any, ...]:
        """Records that touch a year from since's to until's (by the year index), in order.

        For records that may span many years (a trip), where :meth:`between` would miss one
        that began long before *since*.
        """
        if since is None and until is None:
            return self.records
        by_year = self.year_positions
        first = since.year if since is not None else min(by_year, default=0)
        last = until.year if until is not None else max(by_year, default=0)
        found: set[int] = set()
        for year in range(max(first, self.first_year), min(last, self.last_year) + 1):
            found.update(by_year.get(year, ()))
        low = -1 if since is None else since.year
        high = 10_000 if until is None else until.year
        for position, spans in self.long_positions:
            if any(a.year <= high and b.year >= low for a, b in spans):
                found.add(position)
        records = self.records
        return tuple([records[i] for i in sorted(found)])  # positions: sort_key order

    @property
    def year_positions(self) -> Mapping[int, tuple[int, ...]]:
        """The year index as positions in :attr:`records` (built by the first range query)."""
        found = self._year_positions
        if found is None:
            rank = {id(r): i for i, r in enumerate(self.records)}
            found = self._year_positions = {
                year: tuple([rank[id(r)] for r in bucket]) for year, bucket in self.by_year.items()
            }
            self.long_positions = tuple((rank[id(r)], spans) for r, spans in self.long)
        return found

    @property
    def first_year(self) -> int:
        """The first year the year index holds (0 when it is empty)."""
        return min(self.by_year, default=0)

    @property
    def last_year(self) -> int:
        """The last year the year index holds (0 when it is empty)."""
        return max(self.by_year, default=0)

    def between(self, since: dt.date | None, until: dt.date | None) -> tuple[Any, ...]:
        """Records whose ``when`` lies within [since - 1 year, until], for a range filter."""
        low = 0 if since is None else bisect.bisect_left(self.whens, since - dt.timedelta(366))
        high = len(self.whens) if until is None else bisect.bisect_right(self.whens, until)
        return self.records[low:high]


class Parts:
    """A record type's table kept in several files, each read and indexed on first need.

    *parts* lists each file with, where known, the place codes of each place field in it (the
    data directory's ``parts.json``); a query with a place filter reads only the files that
    name a place inside the one asked for. A file without codes is always read.
    """

    __slots__ = ("_ancestors", "_load", "_lock", "_parts", "_tables", "spec")

    def __init__(
        self,
        cls: type,
        parts: list[tuple[str, Mapping[str, frozenset[str]] | None]],
        load: Callable[[str], Table],
        ancestors: Mapping[str, tuple[str, ...]],
        lock: Callable[[], AbstractContextManager[object]],
    ) -> None:
        self.spec = spec(cls)
        self._parts = parts
        self._load = load
        self._ancestors = ancestors
        self._lock = lock
        self._tables: dict[str, Table] = {}

    def _table(self, name: str) -> Table:
        """One part's table, read once whatever the threads (under the dataset's lock)."""
        found = self._tables.get(name)
        if found is None:
            with self._lock():
                found = self._tables.get(name)
                if found is None:
                    found = self._tables[name] = self._load(name)
        return found

    def _may_hold(self, codes: Mapping[str, frozenset[str]] | None, field: str, code: str) -> bool:
        if codes is None:
            return True
        ancestors = self._ancestors
        return any(code in ancestors.get(c, (c,)) for c in codes.get(field, ()))

    def _merge(self, found: list[tuple[Any, ...]]) -> tuple[Any, ...]:
        found = [f for f in found if f]
        if len(found) <= 1:
            return found[0] if found else ()
        import heapq  # noqa: PLC0415 -- only where two parts both match: not the first query

        return tuple(heapq.merge(*found, key=sort_key))

    @property
    def records(self) -> tuple[Any, ...]:
        """Every record of every part, in order."""
        return self._merge([self._table(name).records for name, _ in self._parts])

    def find(
        self,
        *,
        places: Mapping[str, str | None] | None = None,
        values: Mapping[str, object] | None = None,
        year: int | None = None,
    ) -> tuple[Any, ...]:
        """As :meth:`Table.find`, reading only the parts that can hold a match."""
        wanted = [(f, c) for f, c in (places or {}).items() if c is not None]
        return self._merge(
            [
                self._table(name).find(places=places, values=values, year=year)
                for name, codes in self._parts
                if all(self._may_hold(codes, f, c) for f, c in wanted)
            ]
        )

    def in_years(self, since: dt.date | None, until: dt.date | None) -> tuple[Any, ...]:
        """As :meth:`Table.in_years`, over every part."""
        return self._merge([self._table(name).in_years(since, until) for name, _ in self._parts])

    @property
    def several_years(self) -> frozenset[str]:
        """As :attr:`Table.several_years`, over the parts read so far (all a query found)."""
        return frozenset().union(*[t.several_years for t in list(self._tables.values())])

    def values(self, field: str) -> frozenset[object]:
        """Every value an indexed field takes, in any part."""
        return frozenset().union(*(self._table(name).values(field) for name, _ in self._parts))

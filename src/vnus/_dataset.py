"""The dataset and its queries.

A :class:`Dataset` holds every record of one data directory, with the indexes its queries need
built once at load. :func:`vnus.dataset` returns the bundled one; the module-level helpers of
:mod:`vnus` (``vnus.trade_with_us`` and the rest) are its methods.

Every query takes keyword-only filters and returns a tuple in chronological order, then by id;
an empty tuple when nothing matches. A place filter matches the place and everything inside it.
``as_of`` keeps only records supported by a source published on or before that day.

>>> import vnus
>>> ds = vnus.dataset()
>>> [m.id for m in ds.milestones(until=2013)]
['vn-us-normalization-1995', 'vn-us-comprehensive-partnership-2013']
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from vnus._names import normalize
from vnus.errors import InvalidQueryError, NoDataError, UnknownPlaceError
from vnus.records import (
    RECORD_FILES,
    Delegation,
    Indicator,
    InvestmentFigure,
    Milestone,
    MilestoneKind,
    Record,
    SectorPriority,
    TradeFigure,
    _qualified,
    place_fields,
)
from vnus.types import (
    MAX_YEAR,
    MIN_YEAR,
    Flow,
    Money,
    Place,
    Sector,
    Source,
    _describe,
)

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = [
    "Dataset",
    "TradeSummary",
    "dataset",
    "delegations",
    "indicators",
    "investments",
    "milestones",
    "place",
    "places",
    "sector",
    "sector_priorities",
    "sectors",
    "source",
    "sources",
    "timeline",
    "trade",
    "trade_with_us",
]


def __dir__() -> list[str]:
    return list(__all__)


R = TypeVar("R", bound=Record)
V = TypeVar("V")
E = TypeVar("E", bound=enum.Enum)

#: The partner of :meth:`Dataset.trade_with_us`.
UNITED_STATES = "US"
_CACHE_LIMIT = 4096
_MISSING = object()


# --------------------------------------------------------------------------------------------
# Argument checking: every bad argument becomes an InvalidQueryError naming it.
# --------------------------------------------------------------------------------------------


def _invalid(name: str, expected: str, value: object) -> InvalidQueryError:
    return InvalidQueryError(f"{name} must be {expected}, got {_describe(value)}")


def _check_year(name: str, value: object) -> int:
    if type(value) is not int or not MIN_YEAR <= value <= MAX_YEAR:
        error = _invalid(name, f"an int between {MIN_YEAR} and {MAX_YEAR}", value)
        raise error
    return value


def _check_as_of(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    error = _invalid("as_of", "a datetime.date or None", value)
    raise error


def _check_bound(name: str, value: object, *, end: bool) -> dt.date | None:
    """A ``since``/``until`` bound: None, a year, or a date."""
    if value is None:
        return None
    if isinstance(value, dt.date) and MIN_YEAR <= value.year <= MAX_YEAR:
        return value.date() if isinstance(value, dt.datetime) else value
    if type(value) is int and MIN_YEAR <= value <= MAX_YEAR:
        return dt.date(value, 12, 31) if end else dt.date(value, 1, 1)
    error = _invalid(
        name, f"None, a year (int {MIN_YEAR}-{MAX_YEAR}) or a datetime.date in those years", value
    )
    raise error


def _check_enum(name: str, value: object, cls: type[E]) -> E | None:
    if value is None:
        return None
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        member = cls.__members__.get(value.strip().upper())
        if member is not None:
            return member
    names = ", ".join(cls.__members__)
    error = _invalid(name, f"None, a {cls.__name__} or one of its names ({names})", value)
    raise error


def _check_text(name: str, value: object) -> str:
    if not isinstance(value, str):
        error = _invalid(name, "a string", value)
        raise error
    return value


def _suggest(query: str, candidates: Iterable[str]) -> tuple[str, ...]:
    import difflib  # noqa: PLC0415 -- only when a lookup fails

    return tuple(difflib.get_close_matches(query, list(candidates), n=3, cutoff=0.6))


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@attrs.frozen
class TradeSummary:
    """A place's trade with the United States in one calendar year.

    ``exports``, ``imports`` and ``total`` are the chosen full-year figures for each flow (the
    one from the most recently published source, see :meth:`Dataset.trade_with_us`);
    ``figures`` holds every full-year figure found; ``balance`` is exports minus imports where
    both exist.

    >>> import vnus
    >>> s = vnus.trade_with_us("Hanoi", 2019)
    >>> str(s.exports.value), str(s.imports.value), str(s.balance)
    ('US$3 billion', 'US$1.29 billion', 'US$1.71 billion')
    """

    place: Place
    year: int
    exports: TradeFigure | None
    imports: TradeFigure | None
    total: TradeFigure | None
    figures: tuple[TradeFigure, ...]
    balance: Money | None

    def __repr__(self) -> str:
        parts = [
            f"{name} {figure.value}{_qualified(figure.qualifier)}"
            for name, figure in (
                ("exports", self.exports),
                ("imports", self.imports),
                ("total", self.total),
            )
            if figure is not None
        ]
        if self.balance is not None:
            parts.append(f"balance {self.balance}")
        return (
            f"<TradeSummary {self.place.name} ({self.place.code}) {self.year}: {', '.join(parts)}>"
        )

    def _repr_html_(self) -> str:
        from vnus._display import summary_html  # noqa: PLC0415 -- notebooks only

        return summary_html(self)


# --------------------------------------------------------------------------------------------
# The dataset
# --------------------------------------------------------------------------------------------


class Results(tuple[R, ...]):
    """The tuple a query returns; in a notebook it shows as an HTML table.

    It is a plain, immutable tuple in every other respect.

    >>> import vnus
    >>> isinstance(vnus.milestones(), tuple)
    True
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        from vnus._display import records_html  # noqa: PLC0415 -- notebooks only

        return records_html(self)


def _key_part(value: object) -> tuple[type, object]:
    """One argument's part of a cache key: its type and value (a datetime by its ISO text)."""
    if isinstance(value, dt.datetime):
        return (type(value), value.isoformat())
    return (type(value), value)


def _sort_key(record: Record) -> tuple[dt.date, str]:
    return (record.when, record.id)


class _Table:
    """One record type's records in order, with the indexes its queries use."""

    __slots__ = ("by_place", "by_value", "by_year", "ids", "records", "whens")

    def __init__(
        self,
        records: Iterable[Record],
        ancestors: Mapping[str, tuple[str, ...]],
        years: Callable[[Any], Iterable[int]],
        values: Callable[[Any], Iterable[object]] | None = None,
    ) -> None:
        self.records: tuple[Any, ...] = tuple(sorted(records, key=_sort_key))
        self.whens = [r.when for r in self.records]
        by_place: dict[tuple[str, str], list[Any]] = {}
        by_year: dict[int, list[Any]] = {}
        by_value: dict[object, list[Any]] = {}
        for record in self.records:
            for field, codes in place_fields(record).items():
                inside = {a for code in codes for a in ancestors.get(code, (code,))}
                for code in sorted(inside):
                    by_place.setdefault((field, code), []).append(record)
            for year in sorted(set(years(record))):
                by_year.setdefault(year, []).append(record)
            for value in values(record) if values is not None else ():
                by_value.setdefault(value, []).append(record)
        self.by_place = {k: tuple(v) for k, v in by_place.items()}
        self.by_year = {k: tuple(v) for k, v in by_year.items()}
        self.by_value = {k: tuple(v) for k, v in by_value.items()}
        # id(bucket) -> (bucket, its record ids). Only the index buckets above are ever
        # passed to select(); holding the bucket keeps its id from being reused.
        self.ids: dict[int, tuple[tuple[Any, ...], frozenset[str]]] = {}

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
        years = self.by_year
        first = since.year if since is not None else min(years, default=0)
        last = until.year if until is not None else max(years, default=0)
        found = {r.id: r for year in range(first, last + 1) for r in years.get(year, ())}
        return tuple(sorted(found.values(), key=_sort_key))

    def between(self, since: dt.date | None, until: dt.date | None) -> tuple[Any, ...]:
        """Records whose ``when`` lies within [since - 1 year, until], for a range filter."""
        low = 0 if since is None else bisect.bisect_left(self.whens, since - dt.timedelta(366))
        high = len(self.whens) if until is None else bisect.bisect_right(self.whens, until)
        return self.records[low:high]


def _trade_years(r: TradeFigure) -> Iterable[int]:
    return range(r.period.start.year, r.period.end.year + 1)


def _date_years(r: Milestone | InvestmentFigure | SectorPriority) -> Iterable[int]:
    date = r.date if isinstance(r, Milestone) else r.as_of
    return (date.year,)


def _delegation_years(r: Delegation) -> Iterable[int]:
    first = (r.start or r.end).year  # type: ignore[union-attr]  # one of them is set
    last = (r.end or r.start).year  # type: ignore[union-attr]
    return range(first, last + 1)


def _indicator_years(r: Indicator) -> Iterable[int]:
    years: set[int] = set()
    if r.period is not None:
        years.update(range(r.period.start.year, r.period.end.year + 1))
    if r.as_of is not None:
        years.add(r.as_of.year)
    return years


#: For each record file: the years a record touches, and the values it is indexed by.
_Keys = tuple[Callable[[Any], Iterable[int]], Callable[[Any], Iterable[object]] | None]
_TABLE_KEYS: dict[str, _Keys] = {
    "trade.json": (_trade_years, lambda r: (r.flow,)),
    "investments.json": (_date_years, None),
    "milestones.json": (_date_years, lambda r: (r.kind,)),
    "delegations.json": (_delegation_years, None),
    "sector_priorities.json": (_date_years, lambda r: r.sectors),
    "indicators.json": (_indicator_years, lambda r: (r.metric,)),
}


class Dataset:
    """Every record of one data directory, with indexes for its queries.

    Build one with :meth:`from_directory`; :func:`vnus.dataset` returns the bundled one. A
    dataset never changes after it is built, and everything it returns is immutable.

    >>> import vnus
    >>> ds = vnus.dataset()
    >>> ds.place("Ha Noi").code
    'VN-HN'
    """

    __slots__ = (
        "_ancestors_of",
        "_cache",
        "_lock",
        "_place_keys",
        "_place_names",
        "_places",
        "_published",
        "_read",
        "_sources",
        "_tables",
        "_where",
    )

    _ancestors_of: dict[str, tuple[str, ...]]
    _cache: dict[object, Any]
    _lock: threading.Lock
    _place_keys: dict[str, str]
    _place_names: dict[str, str]
    _places: Mapping[str, Place]
    _published: dict[str, dt.date]
    _read: Callable[[str], tuple[Any, ...]]
    _sources: Mapping[str, Source]
    _tables: dict[str, Any]
    _where: str

    def __init__(
        self,
        sources: Iterable[Source],
        places: Iterable[Place],
        read: Callable[[str], tuple[Any, ...]],
        *,
        where: str,
    ) -> None:
        """Index places and sources; *read* returns the records of one file, on first use.

        Use :meth:`from_directory` or :func:`vnus.dataset` rather than this constructor.
        """
        set_ = object.__setattr__
        set_(self, "_where", where)
        set_(self, "_sources", MappingProxyType({s.id: s for s in sources}))
        set_(self, "_places", MappingProxyType({p.code: p for p in places}))
        place_keys: dict[str, str] = {}
        place_names: dict[str, str] = {}
        for place in self._places.values():
            for text in (place.code, place.name, *place.aliases):
                key = normalize(text)
                place_keys.setdefault(key, place.code)
                place_names.setdefault(key, text)
        set_(self, "_place_keys", place_keys)
        set_(self, "_place_names", place_names)
        parents = {c: p.parent for c, p in self._places.items()}
        set_(self, "_ancestors_of", {c: self._ancestor_chain(c, parents) for c in parents})
        set_(self, "_published", {s.id: s.published_on for s in self._sources.values()})
        set_(self, "_read", read)
        set_(self, "_tables", {})
        set_(self, "_lock", threading.Lock())
        set_(self, "_cache", {})

    # -- tables, each read and indexed on first use ----------------------------------------

    def _table(self, name: str) -> Any:
        found = self._tables.get(name)
        if found is not None:
            return found
        with self._lock:
            found = self._tables.get(name)
            if found is None:
                from vnus._load import gc_paused  # noqa: PLC0415 -- loaded with the first table

                with gc_paused():
                    found = self._build(name)
                self._tables[name] = found
            return found

    def _build(self, name: str) -> Any:
        if name == "sectors.json":
            sectors = self._read(name)
            keys: dict[str, str] = {}
            for sector in sectors:
                for text in (sector.slug, sector.label, *sector.aliases):
                    keys.setdefault(normalize(text), sector.slug)
            return MappingProxyType({s.slug: s for s in sectors}), keys
        years, values = _TABLE_KEYS[name]
        return _Table(self._read(name), self._ancestors_of, years, values)

    @property
    def _trade(self) -> _Table:
        return self._table("trade.json")  # type: ignore[no-any-return]

    @property
    def _investments(self) -> _Table:
        return self._table("investments.json")  # type: ignore[no-any-return]

    @property
    def _milestones(self) -> _Table:
        return self._table("milestones.json")  # type: ignore[no-any-return]

    @property
    def _delegations(self) -> _Table:
        return self._table("delegations.json")  # type: ignore[no-any-return]

    @property
    def _priorities(self) -> _Table:
        return self._table("sector_priorities.json")  # type: ignore[no-any-return]

    @property
    def _indicators(self) -> _Table:
        return self._table("indicators.json")  # type: ignore[no-any-return]

    @property
    def _sectors(self) -> Mapping[str, Sector]:
        return self._table("sectors.json")[0]  # type: ignore[no-any-return]

    @property
    def _sector_keys(self) -> dict[str, str]:
        return self._table("sectors.json")[1]  # type: ignore[no-any-return]

    @property
    def _metrics(self) -> frozenset[str]:
        return frozenset(k for k in self._indicators.by_value if isinstance(k, str))

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"Dataset is immutable: cannot set {name!r}"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        msg = f"Dataset is immutable: cannot delete {name!r}"
        raise AttributeError(msg)

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={c}" for n, c in self.counts().items())
        return f"<Dataset {self._where}: {counts}>"

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def from_directory(cls, path: str | os.PathLike[str]) -> Dataset:
        """Load and fully validate a data directory in the bundled format.

        Every file is checked: the JSON forms, the references between files (sources,
        places, sectors), unique ids, and that every quote stands verbatim in its seed. All
        problems are reported together in one :class:`~vnus.errors.DataError`.

        >>> import tempfile
        >>> Dataset.from_directory(tempfile.gettempdir() + "/no-such-vnus-dir")
        Traceback (most recent call last):
        ...
        vnus.errors.DataError: 1 problem in the data
          .../no-such-vnus-dir: is not a directory
        """
        if not isinstance(path, str | os.PathLike):
            error = _invalid("path", "a str or os.PathLike naming a directory", path)
            raise error
        from pathlib import Path  # noqa: PLC0415 -- not needed by the bundled dataset

        try:
            directory = Path(path)
        except TypeError:
            error = _invalid("path", "a str or os.PathLike naming a directory", path)
            raise error from None
        return cls._from_traversable(directory, where=str(directory))

    @classmethod
    def _from_traversable(cls, directory: Traversable, *, where: str) -> Dataset:
        from vnus._load import read_directory  # noqa: PLC0415

        raw = read_directory(directory, where=where)
        by_file: dict[str, list[Any]] = {name: [] for name in _TABLE_KEYS}
        file_of = {cls: name for name, cls in RECORD_FILES.items()}
        for record in raw.records:
            by_file[file_of[type(record)]].append(record)
        by_file["sectors.json"] = list(raw.sectors)
        return cls(raw.sources, raw.places, lambda name: tuple(by_file[name]), where=where)

    @staticmethod
    def _ancestor_chain(code: str, parents: Mapping[str, str | None]) -> tuple[str, ...]:
        chain = [code]
        parent = parents.get(code)
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = parents.get(parent)
        return tuple(chain)

    # -- reference data -------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many records of each type the dataset holds.

        >>> import vnus
        >>> vnus.dataset().counts()["milestones"] > 0
        True
        """
        return {
            "trade": len(self._trade.records),
            "investments": len(self._investments.records),
            "milestones": len(self._milestones.records),
            "delegations": len(self._delegations.records),
            "sector_priorities": len(self._priorities.records),
            "indicators": len(self._indicators.records),
        }

    def sources(self) -> tuple[Source, ...]:
        """Every source, in order of publication, then by id.

        >>> import vnus
        >>> [s.published_on.year for s in vnus.sources()]
        [2020, 2022, 2023, 2024, 2024]
        """
        return self._cached(
            ("sources",),
            lambda: tuple(sorted(self._sources.values(), key=lambda s: (s.published_on, s.id))),
        )

    def source(self, id: str) -> Source:  # noqa: A002 -- the record field is called id
        """Return the source with this id.

        >>> import vnus
        >>> vnus.source("no-such-source")
        Traceback (most recent call last):
        ...
        vnus.errors.NoDataError: id: no source 'no-such-source'; ...
        """
        key = _check_text("id", id)
        found = self._sources.get(key)
        if found is None:
            known = ", ".join(repr(s) for s in sorted(self._sources))
            msg = f"id: no source {key[:80]!r}; known sources are {known}"
            raise NoDataError(msg)
        return found

    def places(self) -> tuple[Place, ...]:
        """Every place, by code.

        >>> import vnus
        >>> "VN-HN" in [p.code for p in vnus.places()]
        True
        """
        return self._cached(
            ("places",), lambda: tuple(self._places[c] for c in sorted(self._places))
        )

    def place(self, query: str | Place) -> Place:
        """Resolve a code, name or alias, ignoring case, white space and diacritics.

        >>> import vnus
        >>> {vnus.place(q).code for q in ("Hà Nội", "Ha Noi", " hanoi ", "vn-hn")}
        {'VN-HN'}
        >>> vnus.place("Hanoy")
        Traceback (most recent call last):
        ...
        vnus.errors.UnknownPlaceError: query: unknown place 'Hanoy'; did you mean 'Hanoi'...?
        """
        return self._resolve_place("query", query)

    def _resolve_place(self, name: str, query: object) -> Place:
        if isinstance(query, Place):
            known = self._places.get(query.code)
            if known is None:
                raise UnknownPlaceError(query.code, argument=name)
            return known
        text = _check_text(name, query)
        code = self._place_keys.get(normalize(text))
        if code is None:
            key = normalize(text)[:200]
            close = _suggest(key, self._place_keys)
            suggestions = tuple(dict.fromkeys(self._place_names[k] for k in close))
            raise UnknownPlaceError(text[:200], suggestions, argument=name)
        return self._places[code]

    def _place_code(self, name: str, query: object) -> str | None:
        return None if query is None else self._resolve_place(name, query).code

    def sectors(self) -> tuple[Sector, ...]:
        """The sector vocabulary, by slug.

        >>> import vnus
        >>> "semiconductors" in [s.slug for s in vnus.sectors()]
        True
        """

        def build() -> tuple[Sector, ...]:
            sectors = self._sectors
            return tuple(sectors[s] for s in sorted(sectors))

        return self._cached(("sectors",), build)

    def sector(self, query: str) -> Sector:
        """Resolve a sector slug, label or alias.

        >>> import vnus
        >>> vnus.sector("chip technology").slug
        'semiconductors'
        """
        return self._resolve_sector("query", query)

    def _resolve_sector(self, name: str, query: object) -> Sector:
        text = _check_text(name, query)
        slug = self._sector_keys.get(normalize(text))
        if slug is None:
            suggestions = _suggest(normalize(text)[:200], self._sector_keys)
            hint = f"; did you mean {', '.join(map(repr, suggestions))}?" if suggestions else ""
            msg = f"{name}: unknown sector {text[:200]!r}{hint} (see vnus.sectors())"
            raise InvalidQueryError(msg)
        return self._sectors[slug]

    # -- helpers shared by the queries ----------------------------------------------------

    def _known(self, records: tuple[R, ...], as_of: dt.date | None) -> tuple[R, ...]:
        if as_of is None:
            return records
        published = self._published
        return tuple(r for r in records if any(published[e.source] <= as_of for e in r.evidence))

    def _cached(self, key: tuple[object, ...], compute: Callable[[], V]) -> V:
        cache = self._cache
        try:
            return cache[key]  # type: ignore[no-any-return]
        except KeyError:
            pass
        value = compute()
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[key] = value
        return value

    # -- queries --------------------------------------------------------------------------

    def trade_with_us(
        self, place: str | Place, year: int, *, as_of: dt.date | None = None
    ) -> TradeSummary:
        """Return *place*'s trade with the United States in one calendar year.

        Only full-year figures count. Where several figures exist for one flow, the one whose
        sources were published most recently wins (ties: by id); ``figures`` keeps them all.
        Raises :class:`~vnus.errors.NoDataError` when there is no full-year figure, naming
        the years that have one and any partial periods inside *year*.

        >>> import vnus
        >>> s = vnus.trade_with_us("Hanoi", 2021)
        >>> str(s.exports.value), str(s.imports.value), s.total
        ('US$3.4 billion', 'US$1.3 billion', None)
        >>> vnus.trade_with_us("Hanoi", 2020)
        Traceback (most recent call last):
        ...
        vnus.errors.NoDataError: year: no full-year trade figure for Hanoi (VN-HN) with the
        United States in 2020; years with data: 2019, 2021
        """
        key: tuple[object, ...] | None
        try:
            key = (type(place), place, type(year), year, _key_part(as_of))
            return self._cache[key]  # type: ignore[no-any-return]
        except KeyError:
            pass
        except Exception:  # noqa: BLE001 -- unhashable arguments: checked below
            key = None
        known_year = _check_year("year", year)
        when = _check_as_of(as_of)
        resolved = self._resolve_place("place", place)
        if resolved.code == UNITED_STATES:
            msg = "place must not be the United States itself; expected a place that trades with it"
            raise InvalidQueryError(msg)
        if key is None:
            return self._summary(resolved, known_year, when)
        return self._cached(key, lambda: self._summary(resolved, known_year, when))

    def _summary(self, place: Place, year: int, as_of: dt.date | None) -> TradeSummary:
        table = self._trade
        candidates = table.select(
            [
                table.by_place.get(("reporter", place.code), ()),
                table.by_place.get(("partner", UNITED_STATES), ()),
            ]
        )
        mine = [
            r
            for r in self._known(candidates, as_of)
            if r.reporter == place.code and r.partner == UNITED_STATES
        ]
        full = tuple(r for r in mine if r.period.is_full_year and r.period.year == year)
        if not full:
            years = sorted({r.period.year for r in mine if r.period.is_full_year})
            partial = [
                str(r.period) for r in mine if not r.period.is_full_year and r.period.year == year
            ]
            msg = (
                f"year: no full-year trade figure for {place.name} ({place.code}) with the "
                f"United States in {year}; years with data: "
                + (", ".join(map(str, years)) or "none")
            )
            if partial:
                msg += "; partial periods in that year: " + ", ".join(partial)
            raise NoDataError(msg)

        def pick(flow: Flow) -> TradeFigure | None:
            options = [r for r in full if r.flow is flow]
            if not options:
                return None
            return max(options, key=lambda r: (self._last_published(r, as_of), r.id))  # type: ignore[no-any-return]

        exports, imports = pick(Flow.EXPORT), pick(Flow.IMPORT)
        balance = None
        if (
            exports is not None
            and imports is not None
            and exports.value.currency == imports.value.currency
        ):
            balance = exports.value - imports.value
        return TradeSummary(
            place=place,
            year=year,
            exports=exports,
            imports=imports,
            total=pick(Flow.TOTAL),
            figures=full,
            balance=balance,
        )

    def _last_published(self, record: Record, as_of: dt.date | None) -> dt.date:
        days = [self._published[e.source] for e in record.evidence]
        if as_of is not None:
            days = [d for d in days if d <= as_of]
        return max(days)

    def trade(
        self,
        *,
        reporter: str | Place | None = None,
        partner: str | Place | None = None,
        flow: Flow | str | None = None,
        year: int | None = None,
        as_of: dt.date | None = None,
    ) -> tuple[TradeFigure, ...]:
        """Trade figures; ``year`` matches any period within that year, partial ones included.

        >>> import vnus
        >>> [f.id for f in vnus.trade(reporter="VN", year=2023)]
        ['vn-us-trade-2023']
        """
        key = ("trade", reporter, partner, flow, year, as_of)
        return self._query(key, lambda: self._trade_query(reporter, partner, flow, year, as_of))

    def _query(
        self, key: tuple[object, ...], compute: Callable[[], tuple[R, ...]]
    ) -> tuple[R, ...]:
        """Answer from the cache, or compute (which checks every argument) and remember.

        Keys carry each argument's type, so ``True`` is never mistaken for ``1``, and a
        datetime is keyed by its ISO text: two equal instants in different time zones fall on
        different local dates.
        """
        try:
            typed = tuple(_key_part(k) for k in key)
            hit = self._cache.get(typed, _MISSING)
        except Exception:  # noqa: BLE001 -- unhashable arguments: compute() checks them
            return Results(compute())
        if hit is not _MISSING:
            return hit  # type: ignore[no-any-return]
        return self._cached(typed, lambda: Results(compute()))

    def _trade_query(
        self, reporter: object, partner: object, flow: object, year: object, as_of: object
    ) -> tuple[TradeFigure, ...]:
        table = self._trade
        buckets: list[tuple[Any, ...]] = []
        reporter_code = self._place_code("reporter", reporter)
        partner_code = self._place_code("partner", partner)
        wanted_flow = _check_enum("flow", flow, Flow)
        wanted_year = None if year is None else _check_year("year", year)
        when = _check_as_of(as_of)
        if reporter_code is not None:
            buckets.append(table.by_place.get(("reporter", reporter_code), ()))
        if partner_code is not None:
            buckets.append(table.by_place.get(("partner", partner_code), ()))
        if wanted_flow is not None:
            buckets.append(table.by_value.get(wanted_flow, ()))
        if wanted_year is not None:
            buckets.append(table.by_year.get(wanted_year, ()))
        found = table.select(buckets)
        if wanted_year is not None:
            found = tuple(r for r in found if r.period.year == wanted_year)
        return self._known(found, when)

    def investments(
        self,
        *,
        investor: str | Place | None = None,
        host: str | Place | None = None,
        as_of: dt.date | None = None,
    ) -> tuple[InvestmentFigure, ...]:
        """Investment figures, filtered by investor and host (places include what is inside).

        >>> import vnus
        >>> [f.projects for f in vnus.investments(investor="Vietnam")]
        [230]
        """
        key = ("investments", investor, host, as_of)

        def compute() -> tuple[InvestmentFigure, ...]:
            table = self._investments
            buckets: list[tuple[Any, ...]] = []
            investor_code = self._place_code("investor", investor)
            host_code = self._place_code("host", host)
            when = _check_as_of(as_of)
            if investor_code is not None:
                buckets.append(table.by_place.get(("investor", investor_code), ()))
            if host_code is not None:
                buckets.append(table.by_place.get(("host", host_code), ()))
            return self._known(table.select(buckets), when)

        return self._query(key, compute)

    def milestones(
        self,
        *,
        since: int | dt.date | None = None,
        until: int | dt.date | None = None,
        kind: MilestoneKind | str | None = None,
        place: str | Place | None = None,
        as_of: dt.date | None = None,
    ) -> tuple[Milestone, ...]:
        """Milestones whose date overlaps [since, until]; a year bound covers the whole year.

        >>> import vnus
        >>> [str(m.date) for m in vnus.milestones(kind="PARTNERSHIP")]
        ['2013-07', '2023-09']
        """
        key = ("milestones", since, until, kind, place, as_of)

        def compute() -> tuple[Milestone, ...]:
            table = self._milestones
            low, high = self._range(since, until)
            wanted = _check_enum("kind", kind, MilestoneKind)
            code = self._place_code("place", place)
            when = _check_as_of(as_of)
            buckets: list[tuple[Any, ...]] = []
            if wanted is not None:
                buckets.append(table.by_value.get(wanted, ()))
            if code is not None:
                buckets.append(table.by_place.get(("places", code), ()))
            ranged = low is not None or high is not None
            found = table.select(buckets) if buckets or not ranged else table.between(low, high)
            if low is not None or high is not None:
                found = tuple(
                    r for r in found if _overlaps(r.date.earliest, r.date.latest, low, high)
                )
            return self._known(found, when)

        return self._query(key, compute)

    @staticmethod
    def _range(since: object, until: object) -> tuple[dt.date | None, dt.date | None]:
        low = _check_bound("since", since, end=False)
        high = _check_bound("until", until, end=True)
        if low is not None and high is not None and low > high:
            msg = f"since must not be after until, got since {since!r} and until {until!r}"
            raise InvalidQueryError(msg)
        return low, high

    def delegations(
        self,
        *,
        origin: str | Place | None = None,
        destination: str | Place | None = None,
        year: int | None = None,
        as_of: dt.date | None = None,
    ) -> tuple[Delegation, ...]:
        """Visits and working trips; ``year`` matches a trip under way in that year.

        >>> import vnus
        >>> [d.id for d in vnus.delegations(destination="Vietnam", year=2023)]
        ['biden-state-visit-vietnam-2023']
        """
        key = ("delegations", origin, destination, year, as_of)

        def compute() -> tuple[Delegation, ...]:
            table = self._delegations
            buckets: list[tuple[Any, ...]] = []
            origin_code = self._place_code("origin", origin)
            destination_code = self._place_code("destination", destination)
            wanted_year = None if year is None else _check_year("year", year)
            when = _check_as_of(as_of)
            if origin_code is not None:
                buckets.append(table.by_place.get(("origin", origin_code), ()))
            if destination_code is not None:
                buckets.append(table.by_place.get(("destinations", destination_code), ()))
            if wanted_year is not None:
                buckets.append(table.by_year.get(wanted_year, ()))
            return self._known(table.select(buckets), when)

        return self._query(key, compute)

    def sector_priorities(
        self,
        *,
        place: str | Place | None = None,
        sector: str | None = None,
        year: int | None = None,
        as_of: dt.date | None = None,
    ) -> tuple[SectorPriority, ...]:
        """Priority-sector lists; ``sector`` accepts a slug, label or alias.

        >>> import vnus
        >>> len(vnus.sector_priorities(sector="AI")) >= 2
        True
        """
        key = ("sector_priorities", place, sector, year, as_of)

        def compute() -> tuple[SectorPriority, ...]:
            table = self._priorities
            buckets: list[tuple[Any, ...]] = []
            code = self._place_code("place", place)
            slug = None if sector is None else self._resolve_sector("sector", sector).slug
            wanted_year = None if year is None else _check_year("year", year)
            when = _check_as_of(as_of)
            if code is not None:
                buckets.append(table.by_place.get(("place", code), ()))
            if slug is not None:
                buckets.append(table.by_value.get(slug, ()))
            if wanted_year is not None:
                buckets.append(table.by_year.get(wanted_year, ()))
            return self._known(table.select(buckets), when)

        return self._query(key, compute)

    def indicators(
        self,
        *,
        subject: str | Place | None = None,
        metric: str | None = None,
        year: int | None = None,
        as_of: dt.date | None = None,
    ) -> tuple[Indicator, ...]:
        """Every other figure; ``metric`` is a metric slug (see :meth:`metrics`).

        >>> import vnus
        >>> [str(i.value) for i in vnus.indicators(metric="us-representative-offices")]
        ['40', '42']
        """
        key = ("indicators", subject, metric, year, as_of)

        def compute() -> tuple[Indicator, ...]:
            table = self._indicators
            buckets: list[tuple[Any, ...]] = []
            code = self._place_code("subject", subject)
            if metric is not None:
                name = _check_text("metric", metric)
                if name not in self._metrics:
                    hint = _suggest(name[:200], self._metrics)
                    shown = f"; did you mean {', '.join(map(repr, hint))}?" if hint else ""
                    msg = f"metric: unknown metric {name[:200]!r}{shown} (see Dataset.metrics())"
                    raise InvalidQueryError(msg)
                buckets.append(table.by_value.get(name, ()))
            wanted_year = None if year is None else _check_year("year", year)
            when = _check_as_of(as_of)
            if code is not None:
                buckets.append(table.by_place.get(("subject", code), ()))
            if wanted_year is not None:
                buckets.append(table.by_year.get(wanted_year, ()))
            return self._known(table.select(buckets), when)

        return self._query(key, compute)

    def metrics(self) -> tuple[str, ...]:
        """The metric slugs that indicators use, sorted.

        >>> import vnus
        >>> "us-tourist-arrivals" in vnus.dataset().metrics()
        True
        """
        return tuple(sorted(self._metrics))

    def timeline(
        self,
        *,
        since: int | dt.date | None = None,
        until: int | dt.date | None = None,
        as_of: dt.date | None = None,
    ) -> tuple[Milestone | Delegation, ...]:
        """Milestones and delegations merged, in chronological order, then by id.

        >>> import vnus
        >>> [type(e).__name__ for e in vnus.timeline(since=2017, until=2017)]
        ['Milestone', 'Delegation', 'Milestone']
        """
        key = ("timeline", since, until, as_of)

        def compute() -> tuple[Milestone | Delegation, ...]:
            low, high = self._range(since, until)
            when = _check_as_of(as_of)
            events: list[Milestone | Delegation] = list(
                self.milestones(since=low, until=high, as_of=when)
            )
            table = self._delegations
            events.extend(
                d
                for d in self._known(table.in_years(low, high), when)
                if _overlaps(*_delegation_span(d), low, high)
            )
            return tuple(sorted(events, key=_sort_key))

        return self._query(key, compute)


def _delegation_span(d: Delegation) -> tuple[dt.date, dt.date]:
    first = d.start if d.start is not None else d.end
    last = d.end if d.end is not None else d.start
    return first.earliest, last.latest  # type: ignore[union-attr]  # one of them is set


def _overlaps(first: dt.date, last: dt.date, low: dt.date | None, high: dt.date | None) -> bool:
    return (low is None or last >= low) and (high is None or first <= high)


# --------------------------------------------------------------------------------------------
# The bundled dataset
# --------------------------------------------------------------------------------------------

_bundled: Dataset | None = None
_lock = threading.Lock()


def dataset() -> Dataset:
    """Return the bundled dataset, loading it on first use (once, whatever the threads).

    >>> import vnus
    >>> vnus.dataset() is vnus.dataset()
    True
    """
    found = _bundled
    if found is not None:
        return found
    return _load_bundled()


def _load_bundled() -> Dataset:
    global _bundled  # noqa: PLW0603 -- the one lazily built bundled dataset
    with _lock:
        if _bundled is None:
            from vnus._load import bundled_directory, read_table  # noqa: PLC0415

            # The bundled files are validated as a whole by the test suite and pinned by
            # digest; here each file is read only when a query first needs it.
            directory = bundled_directory()
            where = "vnus/data"

            def read(name: str) -> tuple[Any, ...]:
                return read_table(directory, name, where=where)

            _bundled = Dataset(read("sources.json"), read("places.json"), read, where=where)
        return _bundled


# --------------------------------------------------------------------------------------------
# The module-level helpers: the same-named methods of the bundled dataset.
# --------------------------------------------------------------------------------------------


def trade_with_us(place: str | Place, year: int, *, as_of: dt.date | None = None) -> TradeSummary:
    return (_bundled or _load_bundled()).trade_with_us(place, year, as_of=as_of)


def trade(
    *,
    reporter: str | Place | None = None,
    partner: str | Place | None = None,
    flow: Flow | str | None = None,
    year: int | None = None,
    as_of: dt.date | None = None,
) -> tuple[TradeFigure, ...]:
    return (_bundled or _load_bundled()).trade(
        reporter=reporter, partner=partner, flow=flow, year=year, as_of=as_of
    )


def investments(
    *,
    investor: str | Place | None = None,
    host: str | Place | None = None,
    as_of: dt.date | None = None,
) -> tuple[InvestmentFigure, ...]:
    return (_bundled or _load_bundled()).investments(investor=investor, host=host, as_of=as_of)


def milestones(
    *,
    since: int | dt.date | None = None,
    until: int | dt.date | None = None,
    kind: MilestoneKind | str | None = None,
    place: str | Place | None = None,
    as_of: dt.date | None = None,
) -> tuple[Milestone, ...]:
    return (_bundled or _load_bundled()).milestones(
        since=since, until=until, kind=kind, place=place, as_of=as_of
    )


def delegations(
    *,
    origin: str | Place | None = None,
    destination: str | Place | None = None,
    year: int | None = None,
    as_of: dt.date | None = None,
) -> tuple[Delegation, ...]:
    return (_bundled or _load_bundled()).delegations(
        origin=origin, destination=destination, year=year, as_of=as_of
    )


def sector_priorities(
    *,
    place: str | Place | None = None,
    sector: str | None = None,
    year: int | None = None,
    as_of: dt.date | None = None,
) -> tuple[SectorPriority, ...]:
    return (_bundled or _load_bundled()).sector_priorities(
        place=place, sector=sector, year=year, as_of=as_of
    )


def indicators(
    *,
    subject: str | Place | None = None,
    metric: str | None = None,
    year: int | None = None,
    as_of: dt.date | None = None,
) -> tuple[Indicator, ...]:
    return (_bundled or _load_bundled()).indicators(
        subject=subject, metric=metric, year=year, as_of=as_of
    )


def timeline(
    *,
    since: int | dt.date | None = None,
    until: int | dt.date | None = None,
    as_of: dt.date | None = None,
) -> tuple[Milestone | Delegation, ...]:
    return (_bundled or _load_bundled()).timeline(since=since, until=until, as_of=as_of)


def sources() -> tuple[Source, ...]:
    return (_bundled or _load_bundled()).sources()


def source(id: str) -> Source:  # noqa: A002 -- the record field is called id
    return (_bundled or _load_bundled()).source(id)


def places() -> tuple[Place, ...]:
    return (_bundled or _load_bundled()).places()


def place(query: str | Place) -> Place:
    return (_bundled or _load_bundled()).place(query)


def sectors() -> tuple[Sector, ...]:
    return (_bundled or _load_bundled()).sectors()


def sector(query: str) -> Sector:
    return (_bundled or _load_bundled()).sector(query)


HELPERS = (
    trade_with_us,
    trade,
    investments,
    milestones,
    delegations,
    sector_priorities,
    indicators,
    timeline,
    sources,
    source,
    places,
    place,
    sectors,
    sector,
)
for _helper in HELPERS:
    # Each helper documents itself with its method's docstring (examples included).
    _helper.__doc__ = getattr(Dataset, _helper.__name__).__doc__
del _helper

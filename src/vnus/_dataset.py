"""The dataset and its queries.

A :class:`Dataset` holds every record of one data directory. Each table (the places, the
sources, the sectors, each record type) is read and indexed the first time a query needs it.
:func:`vnus.dataset` returns the bundled one; the module-level helpers of :mod:`vnus`
(``vnus.trade_with_us`` and the rest) are its bound methods.

Every query takes keyword-only filters and returns a tuple in chronological order, then by id;
an empty tuple when nothing matches. A place filter matches the place and everything inside it.
``as_of`` keeps only records supported by a source published on or before that day.

>>> import vnus
>>> ds = vnus.dataset()
>>> [m.id for m in ds.milestones(kind="partnership", until=2013)]
['vn-us-comprehensive-partnership-2013']
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import operator
import os
import threading
import weakref
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast

import vnus.records
import vnus.types
from vnus._args import (
    check_as_of,
    check_enum,
    check_flag,
    check_range,
    check_text,
    check_year,
    invalid,
    key_part,
    unknown,
)
from vnus._index import Parts, Table, sort_key
from vnus._reference import Officials, Places, Sectors, Sources
from vnus._spec import Spec, record_types, span, spec
from vnus.errors import InvalidQueryError, NoDataError
from vnus.records import TradeFigure
from vnus.results import Results, TradeSummary, _summary_of
from vnus.types import Flow, Place

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from vnus._load import RawData

__all__ = ["UNITED_STATES", "Dataset"]


def __dir__() -> list[str]:
    return list(__all__)


R = TypeVar("R", bound="vnus.records.Record")
T = TypeVar("T")

#: Every dataset built, so that a forked child process gets fresh locks (a lock held by
#: another thread at the fork would never be released in the child).
_ALL: weakref.WeakSet[Dataset] = weakref.WeakSet()


def _after_fork() -> None:
    for ds in list(_ALL):
        object.__setattr__(ds, "_lock", threading.RLock())


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)

#: A table's files, each with the place codes of each place field in it (None: unknown).
PartList = list[tuple[str, Mapping[str, frozenset[str]] | None]]

#: The partner of :meth:`Dataset.trade_with_us`.
UNITED_STATES = "US"
_CACHE_LIMIT = 4096
_LONGEST = 256  # longer strings are never cache keys (see key_part)


#: Exact types that are their own cache keys. Each record query helper starts the same way:
#: where the exact type of each of its arguments is one of these (``exact`` a bool), it looks
#: its arguments up as a tuple in the cache before anything else runs. ``exact`` is the only
#: argument a bool may stand in (anywhere else ``True`` would be taken for ``1``), so a plain
#: key's bool is ``exact``'s. A miss goes on to ``_<helper>_answer``, which checks every
#: argument and caches through :meth:`Dataset._query`. The computing code lives in that
#: second method, so that a hit does not pay for the closure cells of the arguments.
_PLAIN = frozenset({type(None), int, str})
_MISSING = object()

#: The reference files, read by every dataset.
PLACES, SOURCES, SECTORS = "places.json", "sources.json", "sectors.json"
OFFICIALS = "officials.json"


class Dataset:
    """Every record of one data directory, with indexes for its queries.

    Build one with :meth:`from_directory`; :func:`vnus.dataset` returns the bundled one. A
    dataset never changes after it is built, and everything it returns is immutable.

    >>> import vnus
    >>> ds = vnus.dataset()
    >>> ds.place("Ha Noi").code
    'VN-HN'
    """

    __slots__ = ("__weakref__", "_cache", "_lock", "_parts", "_read", "_tables", "_where")

    _cache: dict[object, Any]
    _lock: threading.RLock
    _parts: Callable[[str], PartList] | None
    _read: Callable[[str], tuple[Any, ...]]
    _tables: dict[object, object]
    _where: str

    def __init__(
        self,
        read: Callable[[str], tuple[Any, ...]],
        *,
        where: str,
        parts: Callable[[str], PartList] | None = None,
    ) -> None:
        """Build a dataset whose *read* returns the records of one data file, on first use.

        With *parts*, a record type's table is the files *parts* lists for its file (each with
        the place codes it holds, where known), each read by *read* when a query needs it;
        without, *read* returns the whole table. Use :meth:`from_directory` or
        :func:`vnus.dataset` rather than this constructor.
        """
        set_ = object.__setattr__
        set_(self, "_where", where)
        set_(self, "_read", read)
        set_(self, "_parts", parts)
        set_(self, "_tables", {})
        set_(self, "_lock", threading.RLock())
        set_(self, "_cache", {})
        _ALL.add(self)

    # -- tables, each read and indexed on first use ----------------------------------------

    def _once(self, key: object, build: Callable[[], T]) -> T:
        found = self._tables.get(key)
        if found is None:
            with self._lock:
                found = self._tables.get(key)
                if found is None:
                    from vnus._load import gc_paused  # noqa: PLC0415 -- with the first table

                    with gc_paused():
                        found = build()
                    self._tables[key] = found
        return cast("T", found)

    # Each accessor tries the plain dictionary lookup first: after the first use, that is all
    # a query pays.

    @property
    def _places(self) -> Places:
        found = self._tables.get(PLACES)
        if found is None:
            return self._once(PLACES, lambda: Places(self._read(PLACES)))
        return cast("Places", found)

    @property
    def _sources(self) -> Sources:
        found = self._tables.get(SOURCES)
        if found is None:
            return self._once(SOURCES, lambda: Sources(self._read(SOURCES)))
        return cast("Sources", found)

    @property
    def _sectors(self) -> Sectors:
        found = self._tables.get(SECTORS)
        if found is None:
            return self._once(SECTORS, lambda: Sectors(self._read(SECTORS)))
        return cast("Sectors", found)

    @property
    def _officials(self) -> Officials:
        found = self._tables.get(OFFICIALS)
        if found is None:
            return self._once(OFFICIALS, lambda: Officials(self._read(OFFICIALS)))
        return cast("Officials", found)

    def _table(self, cls: type) -> Table | Parts:
        """The indexed table of one record type."""
        found = self._tables.get(cls)
        if found is None:
            return self._once(cls, lambda: self._build_table(cls))
        return cast("Table | Parts", found)

    def _build_table(self, cls: type) -> Table | Parts:
        ancestors = self._places.ancestors
        if self._parts is None:
            return Table(cls, self._read(spec(cls).file), ancestors)

        def load(name: str) -> Table:
            from vnus._load import gc_paused  # noqa: PLC0415 -- loaded with the first table

            with gc_paused():
                return Table(cls, self._read(name), ancestors)

        return Parts(cls, self._parts(spec(cls).file), load, ancestors, lambda: self._lock)

    def __setattr__(self, name: str, value: object) -> None:
        msg = f"Dataset is immutable: cannot set {name!r}"
        raise AttributeError(msg)

    def __delattr__(self, name: str) -> None:
        msg = f"Dataset is immutable: cannot delete {name!r}"
        raise AttributeError(msg)

    def __repr__(self) -> str:
        counts = ", ".join(f"{n}={c}" for n, c in self.counts().items())
        return f"<Dataset {self._where}: {counts}>"

    def __copy__(self) -> Dataset:
        """A dataset never changes, so a copy is the dataset itself."""
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Dataset:
        """A dataset never changes, so a deep copy is the dataset itself."""
        return self

    def __reduce__(self) -> str | tuple[Any, ...]:
        msg = "a Dataset cannot be pickled: load it again with Dataset.from_directory"
        raise TypeError(msg)

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def from_directory(
        cls,
        path: str | os.PathLike[str],
        *,
        max_file_bytes: int | None = None,
        with_bundled: bool = False,
    ) -> Dataset:
        """Load and fully validate a data directory in the bundled format.

        Every file is checked: the JSON forms, the references between files (sources,
        places, sectors), unique ids, and that every quote stands verbatim in its seed. All
        problems are reported together in one :class:`~vnus.errors.DataError`. No file larger
        than *max_file_bytes* is read (64 MiB by default; its size is checked before reading).

        With ``with_bundled=True`` the dataset holds the bundled data and the directory's
        together, and the directory holds only what it adds: its own sources and their texts,
        its records, and any places, sectors or officials the bundled data lacks (no reference
        file is required). Its records may name bundled places, sectors, officials and
        sources; a quote from a bundled source is checked against that source's text. An id,
        place code, sector slug or seed file name the bundled data already uses is refused.
        See :doc:`/extending`.

        Args:
            path: The data directory (a str or path), in the bundled format.
            max_file_bytes: The largest file to read, in bytes; None for 64 MiB.
            with_bundled: True to load the directory together with the bundled data
                (it then holds only what it adds); False, the default, alone.

        Returns:
            The :class:`Dataset` of that directory, every file read and checked.

        Raises:
            DataError: Anything in the directory does not load; ``problems`` lists
                every problem found, each naming its file, record and field.
            InvalidQueryError: *path* is not a str or path (a :class:`~vnus.QueryTypeError`),
                or *max_file_bytes* is not a positive int.

        >>> import tempfile
        >>> Dataset.from_directory(tempfile.gettempdir() + "/no-such-vnus-dir")
        Traceback (most recent call last):
        ...
        vnus.errors.DataError: 1 problem in the data
          .../no-such-vnus-dir: is not a directory
        """
        expected = "a str or os.PathLike naming a directory"
        if not isinstance(path, str | os.PathLike):
            error = invalid("path", expected, path, wrong_type=True)
            raise error
        from pathlib import Path  # noqa: PLC0415 -- not needed by the bundled dataset

        try:
            text = os.fspath(path)
            directory = Path(path)
        except TypeError:
            error = invalid("path", expected, path, wrong_type=True)
            raise error from None
        if not text:
            error = invalid(
                "path", "a non-empty path (use '.' for this directory)", path, wrong_type=False
            )
            raise error
        if type(with_bundled) is not bool:
            error = invalid("with_bundled", "True or False", with_bundled, wrong_type=True)
            raise error
        if not with_bundled:
            return cls._from_traversable(
                directory, where=str(directory), max_file_bytes=max_file_bytes
            )
        from vnus._extend import BUNDLED, bundled_raw  # noqa: PLC0415 -- only with the bundled

        return cls._from_traversable(
            directory,
            where=f"{directory} with {BUNDLED}",
            max_file_bytes=max_file_bytes,
            base=bundled_raw(),
        )

    @classmethod
    def _from_traversable(
        cls,
        directory: Traversable,
        *,
        where: str,
        max_file_bytes: int | None = None,
        base: RawData | None = None,
    ) -> Dataset:
        from vnus._load import read_directory  # noqa: PLC0415

        raw = read_directory(directory, where=where, max_file_bytes=max_file_bytes, base=base)
        files: dict[str, list[Any]] = {spec(t).file: [] for t in record_types()}
        table_of = {t: files[spec(t).file] for t in record_types()}
        for record in raw.records:
            table_of[type(record)].append(record)
        files[SOURCES], files[PLACES], files[SECTORS], files[OFFICIALS] = (
            list(raw.sources),
            list(raw.places),
            list(raw.sectors),
            list(raw.officials),
        )
        return cls(lambda name: tuple(files[name]), where=where)

    # -- reference data -------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many records of each type the dataset holds.

        Returns:
            A dict from each table's name (``"trade"``, ``"milestones"`` ...) to its
            number of records.

        >>> import vnus
        >>> vnus.dataset().counts()["milestones"] > 0
        True
        """
        return {spec(t).table: len(self._table(t).records) for t in record_types()}

    def sources(self) -> tuple[vnus.types.Source, ...]:
        """Every source, in order of publication, then by id.

        Returns:
            The sources (:class:`~vnus.Source`): articles and official files.

        >>> import vnus
        >>> [s.id for s in vnus.sources() if s.kind is vnus.SourceKind.ARTICLE][:2]
        ['bta-2020-07-14', 'hanoitimes-2022-10-29']
        """
        sources: Sources = self._tables.get(SOURCES) or self._sources  # type: ignore[assignment]
        return sources.ordered

    def source(self, id: str) -> vnus.types.Source:  # noqa: A002 -- the record field is called id
        """Return the source with this id.

        Args:
            id: A source id, as :meth:`sources` lists them (``"bta-2020-07-14"``).

        Returns:
            The :class:`~vnus.Source` with this id.

        Raises:
            UnknownNameError: No source has this id (close ids are suggested).
            QueryTypeError: *id* is not a string.

        >>> import vnus
        >>> vnus.source("no-such-source")
        Traceback (most recent call last):
        ...
        vnus.errors.UnknownNameError: id: unknown source 'no-such-source'; expected a source id ...
        """
        return self._sources.resolve("id", id)

    def places(self) -> tuple[Place, ...]:
        """Every place, by code.

        Returns:
            Every :class:`~vnus.Place`, by code.

        >>> import vnus
        >>> "VN-HN" in [p.code for p in vnus.places()]
        True
        """
        return self._places.ordered

    def place(self, query: str | Place) -> Place:
        """Resolve a code, name or alias, ignoring case, white space and diacritics.

        Args:
            query: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``; case,
                white space and diacritics are ignored) or a :class:`~vnus.Place`.

        Returns:
            The :class:`~vnus.Place`.

        Raises:
            UnknownPlaceError: *query* matches no place (close names are suggested).
            QueryTypeError: *query* is neither a string nor a Place.

        >>> import vnus
        >>> {vnus.place(q).code for q in ("Hà Nội", "Ha Noi", " hanoi ", "vn-hn")}
        {'VN-HN'}
        >>> vnus.place("Hanoy")
        Traceback (most recent call last):
        ...
        vnus.errors.UnknownPlaceError: query: unknown place 'Hanoy'; did you mean 'Hanoi'...?
        """
        places: Places = self._tables.get(PLACES) or self._places  # type: ignore[assignment]
        if type(query) is str:
            try:
                return places._named[query]  # noqa: SLF001 -- a text named before: no call
            except KeyError:
                pass
        return places.resolve("query", query)

    def sectors(self) -> tuple[vnus.types.Sector, ...]:
        """The sector vocabulary, by slug.

        Returns:
            Every :class:`~vnus.Sector` of the vocabulary, by slug.

        >>> import vnus
        >>> "semiconductors" in [s.slug for s in vnus.sectors()]
        True
        """
        return self._sectors.ordered

    def sector(self, query: str) -> vnus.types.Sector:
        """Resolve a sector slug, label or alias.

        Args:
            query: A sector slug (``"semiconductors"``), label or alias
                (``"chip technology"``, ``"AI"``), as :meth:`sectors` lists them.

        Returns:
            The :class:`~vnus.Sector`.

        Raises:
            UnknownNameError: *query* matches no sector (close names are suggested).
            QueryTypeError: *query* is not a string.

        >>> import vnus
        >>> vnus.sector("chip technology").slug
        'semiconductors'
        """
        sectors: Sectors = self._tables.get(SECTORS) or self._sectors  # type: ignore[assignment]
        if type(query) is str:
            try:
                return sectors._named[query]  # noqa: SLF001 -- a text named before: no call
            except KeyError:
                pass
        return sectors.resolve("query", query)

    def officials(self) -> tuple[vnus.types.Official, ...]:
        """Every official the records name (leaders, members of delegations), by id.

        Returns:
            Every :class:`~vnus.Official`, by id.

        >>> import vnus
        >>> "blinken-antony-j" in [o.id for o in vnus.officials()]
        True
        """
        return self._officials.ordered

    def official(self, query: str | vnus.types.Official) -> vnus.types.Official:
        """Resolve an official's id, name, alias or surname, ignoring case and diacritics.

        Args:
            query: An official's id, name, alias or surname (``"Blinken"``,
                ``"Võ Văn Thưởng"``), or an :class:`~vnus.Official`.

        Returns:
            The :class:`~vnus.Official`.

        Raises:
            UnknownNameError: *query* matches no official (close names are suggested).
            QueryTypeError: *query* is neither a string nor an Official.

        >>> import vnus
        >>> {vnus.official(q).id for q in ("Võ Văn Thưởng", "Vo Van Thuong", "vo-van-thuong")}
        {'vo-van-thuong'}
        >>> vnus.official("Blinken").id
        'blinken-antony-j'
        """
        return self._officials.resolve("query", query)

    def metrics(self) -> tuple[str, ...]:
        """The metric slugs that indicators use, sorted.

        Returns:
            The metric slugs, sorted: the values :meth:`indicators` takes as *metric*.

        >>> import vnus
        >>> "us-tourist-arrivals" in vnus.dataset().metrics()
        True
        """
        return tuple(sorted(self._metrics))

    @property
    def _metrics(self) -> frozenset[str]:
        return cast("frozenset[str]", self._table(vnus.records.Indicator).values("metric"))

    # -- the generic core of the queries --------------------------------------------------

    def _known(self, records: tuple[R, ...], as_of: dt.date | None) -> tuple[R, ...]:
        """Only records supported by a source published on or before *as_of*."""
        if as_of is None:
            return records
        published = self._sources.published
        return tuple(r for r in records if any(published[e.source] <= as_of for e in r.evidence))

    def _select(
        self,
        cls: type[R],
        *,
        places: dict[str, tuple[str, object]] | None = None,
        values: dict[str, object] | None = None,
        year: int | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        as_of: dt.date | None = None,
        exact: bool = False,
    ) -> tuple[R, ...]:
        """The body of every record query: records of *cls* that match every filter.

        *places* maps a place field to (argument name, query); each query is resolved here,
        and its errors name the argument. A record matches when it
        lies under each place, carries each indexed value (or one of a frozenset of values),
        touches *year*, overlaps [since, until] and is known *as_of*. With *exact*, a place
        filter matches only records that name the place itself, not a place inside it.
        """
        table = self._table(cls)
        codes = {
            field: self._places.code(argument, query)
            for field, (argument, query) in (places or {}).items()
        }
        anyof = {f: v for f, v in (values or {}).items() if isinstance(v, frozenset)}
        if anyof:
            values = {f: v for f, v in (values or {}).items() if f not in anyof}
        found = table.find(places=codes, values=values, year=year)
        if exact:
            # Only a place with places inside it can match records that do not name it.
            outer = self._places.outer
            for field, code in codes.items():
                if code is not None and code in outer:
                    found = _naming(found, field, code)
        for field, wanted in anyof.items():
            found = tuple(r for r in found if not wanted.isdisjoint(_items(getattr(r, field))))
        if since is not None or until is not None:
            if found is table.records:
                found = table.in_years(since, until)
                if _whole_years(since, until):
                    # A record that touches one of the years overlaps them: nothing to drop.
                    return self._known(found, as_of)
            found = self._overlapping(cls, found, since, until)
        return self._known(found, as_of)

    def _overlapping(
        self, cls: type, records: tuple[R, ...], since: dt.date | None, until: dt.date | None
    ) -> tuple[R, ...]:
        """The *records* whose span overlaps [since, until] (None: unbounded), in order."""
        spans = self._memo("spans", cls)
        low = dt.date.min if since is None else since
        high = dt.date.max if until is None else until
        kept = []
        for r in records:
            bounds = spans.get(r.id)
            if bounds is None:
                bounds = spans[r.id] = span(r)
            if bounds[1] >= low and bounds[0] <= high:
                kept.append(r)
        return tuple(kept)

    def _memo(self, name: str, cls: type) -> dict[str, Any]:
        """A value worked out per record of *cls* (its span, its sort key), by record id.

        Filled as queries work the values out; a dataset's records never change, so neither
        do the values.
        """
        key = (name, cls)
        found = self._tables.get(key)
        if found is None:
            found = self._once(key, dict)
        return cast("dict[str, Any]", found)

    def _cached(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        cache = self._cache
        try:
            return cast("T", cache[key])
        except KeyError:
            pass
        return self._remember(key, compute())

    def _remember(self, key: tuple[object, ...], value: T) -> T:
        """Keep *value* as the answer to *key* (the cache starts afresh when full)."""
        cache = self._cache
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        cache[key] = value
        return value

    def _query(
        self,
        key: tuple[object, ...],
        compute: Callable[[], tuple[R, ...]],
        record_type: type[R] | None = None,
        *,
        plain: bool | None = None,
    ) -> tuple[R, ...]:
        """Answer from the cache, or compute (which checks every argument) and remember.

        Keys carry each argument's type, so ``True`` is never mistaken for ``1``, and a
        datetime is keyed by its ISO text. Where every part is an exact ``str``, ``int`` or
        None (the common call), the key is the arguments themselves: nothing else is such a
        tuple (a typed key's parts are pairs), and nothing the caller defines runs. A helper
        that takes ``exact`` says whether its key is plain (see ``_PLAIN``): ``exact=1`` makes
        a key of ints that must not be taken for the plain key of ``exact=True``.
        """
        if plain if plain is not None else _PLAIN.issuperset(map(type, key)):
            hit = self._cache.get(key, _MISSING)
            if hit is not _MISSING:
                return hit  # type: ignore[no-any-return]  # what compute() gave: no cast call
            if any(type(k) is str and len(k) > _LONGEST for k in key):
                return Results.of(record_type, compute())  # not a name: answered without the cache
            return self._cached(key, lambda: Results.of(record_type, compute()))
        try:
            typed = tuple(key_part(k) for k in key)
            hit = self._cache.get(typed, _MISSING)
        except Exception:  # noqa: BLE001 -- unhashable arguments: compute() checks them
            return Results.of(record_type, compute())
        if hit is not _MISSING:
            return cast("tuple[R, ...]", hit)
        return self._cached(typed, lambda: Results.of(record_type, compute()))

    # -- queries --------------------------------------------------------------------------

    def select(
        self,
        record_type: type[R],
        *,
        year: int | None = None,
        since: int | dt.date | None = None,
        until: int | dt.date | None = None,
        as_of: int | dt.date | None = None,
        exact: bool = False,
        **filters: object,
    ) -> tuple[R, ...]:
        """Records of any record type, filtered by the fields its type declares.

        Each keyword filter names a place field (it takes a place code, name or alias, and
        matches the place and everything inside it) or an indexed field (a value, an enum
        member's name, or a sector's slug, label or alias, matching that sector and every
        sector below it). With ``exact=True``, a place or sector filter matches only the
        place or sector itself. ``year`` matches a record whose dates touch that year;
        ``since``/``until`` one whose dates overlap the range. The typed helpers
        (:meth:`trade`, :meth:`milestones` ...) are this with named arguments.

        Args:
            record_type: The record type: :class:`~vnus.TradeFigure`,
                :class:`~vnus.InvestmentFigure`, :class:`~vnus.Milestone`,
                :class:`~vnus.Delegation`, :class:`~vnus.SectorPriority` or
                :class:`~vnus.Indicator` (or a type registered with the data).
            year: A calendar year, an int from 1000 to 9999; None for every year.
            since: The first year (an int from 1000 to 9999, taken as its 1 January) or day
                (a :class:`datetime.date`) a record's dates may reach; None for no bound.
            until: The last year (taken as its 31 December) or day; None for no bound. Not
                before *since*.
            as_of: Keep only records that a source published by then supports: a
                :class:`datetime.date` (a datetime counts by its day), or a year (an
                int, taken as its 31 December). None, the default, keeps every record.
            exact: True to match only the place or sector a filter names; False, the
                default, also matches the places inside it and the sectors below it.
            **filters: A place field (``reporter="Hanoi"``) or an indexed field
                (``flow="export"``, ``kind="partnership"``, ``sectors="AI"``) of
                *record_type*, and the value it must hold.

        Returns:
            The matching records, in chronological order, then by id.

        Raises:
            QueryTypeError: An argument has the wrong type (the message names it).
            InvalidQueryError: An argument has a wrong value: a year outside 1000 to 9999,
                *since* after *until*. Or a filter that *record_type* does not have.
            UnknownPlaceError: A place argument matches no place (close names are suggested).
            UnknownNameError: A value names no member or sector.

        >>> import vnus
        >>> ds = vnus.dataset()
        >>> [f.id for f in ds.select(vnus.TradeFigure, reporter="Hanoi", flow="export", year=2019)]
        ['hanoi-us-exports-2019']
        >>> ds.select(vnus.TradeFigure, colour="red")
        Traceback (most recent call last):
        ...
        vnus.errors.InvalidQueryError: colour is not a filter of TradeFigure; expected one of ...
        """
        pairs = [part for pair in sorted(filters.items()) for part in pair]
        key = ("select", record_type, year, since, until, as_of, exact, *pairs)
        return self._query(
            key,
            lambda: self._filtered(
                record_type,
                filters,
                year=year,
                since=since,
                until=until,
                as_of=as_of,
                exact=exact,
            ),
            record_type,
        )

    def _filtered(
        self,
        record_type: type[R],
        filters: dict[str, object],
        *,
        year: object,
        since: object,
        until: object,
        as_of: object,
        exact: object,
    ) -> tuple[R, ...]:
        if record_type not in record_types():
            known = ", ".join(t.__name__ for t in record_types())
            error = invalid("record_type", f"a record type ({known})", record_type, wrong_type=True)
            raise error
        description = spec(record_type)
        only = check_flag("exact", exact)
        places: dict[str, tuple[str, object]] = {}
        values: dict[str, object] = {}
        for name, value in filters.items():
            if name in description.places:
                places[name] = (name, value)
            elif name in description.indexed:
                values[name] = self._indexed_value(description, name, value, exact=only)
            else:
                allowed = ", ".join((*description.places, *description.indexed))
                msg = (
                    f"{name} is not a filter of {record_type.__name__}; expected one of "
                    f"{allowed}, year, since, until, as_of or exact"
                )
                raise InvalidQueryError(msg)
        low, high = check_range(since, until)
        return self._select(
            record_type,
            places=places,
            values=values,
            year=None if year is None else check_year("year", year),
            since=low,
            until=high,
            as_of=check_as_of(as_of),
            exact=only,
        )

    def _indexed_value(self, description: Spec, name: str, value: object, *, exact: bool) -> object:
        """A filter's value as the index holds it: an enum member, a string, or a sector.

        A sector is its slug, or with every slug below it (unless *exact*) a frozenset.
        """
        if value is None:
            return None
        kind = description.kinds[name]
        if issubclass(kind, enum.Enum):
            return check_enum(name, value, kind)
        text = check_text(name, value)
        if name in description.sectors:
            return self._sectors.within(self._sectors.resolve(name, text).slug, exact=exact)
        return text

    def trade_with_us(
        self,
        place: str | Place,
        year: int,
        *,
        reporter: str | Place | None = None,
        as_of: int | dt.date | None = None,
    ) -> TradeSummary:
        """Return *place*'s trade with the United States in one calendar year.

        Every figure of a summary comes from one reporter, never a mix. ``reporter`` is the
        place itself (its own statistics, as the articles report them) or the United States
        (its figures for the place, the mirror of the place's own: U.S. imports from the
        place are the place's exports). By default it is the place itself where the place
        reports a full-year figure for *year*, else the United States; ``reporter`` and
        ``mirror`` of the summary say which. The two sides' figures differ, and the gap is
        no error (see :meth:`disagreements` and the data dictionary).

        Only full-year figures count. Where several figures exist for one flow, the one whose
        sources were published most recently wins (ties: by id); ``figures`` keeps them all.
        Raises :class:`~vnus.errors.NoDataError` when there is no full-year figure, naming
        the years that have one and any partial periods inside *year*.

        Args:
            place: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``; case,
                white space and diacritics are ignored) or a :class:`~vnus.Place`; not the United
                States.
            year: The calendar year, an int from 1000 to 9999.
            reporter: Whose figures: *place* itself or ``"US"`` (any spelling of
                either); None, the default, chooses as described above.
            as_of: Keep only records that a source published by then supports: a
                :class:`datetime.date` (a datetime counts by its day), or a year (an
                int, taken as its 31 December). None, the default, keeps every record.

        Returns:
            The :class:`~vnus.TradeSummary` of that year.

        Raises:
            QueryTypeError: An argument has the wrong type (the message names it).
            InvalidQueryError: *year* is outside 1000 to 9999, *place* is the United
                States, or *reporter* is neither *place* nor the United States.
            UnknownPlaceError: A place argument matches no place (close names are suggested).
            NoDataError: The reporter has no full-year figure for *year*.

        >>> import vnus
        >>> s = vnus.trade_with_us("Hanoi", 2021)
        >>> str(s.exports.value), str(s.imports.value), s.total, s.reporter
        ('US$3.4 billion', 'US$1.3 billion', None, 'VN-HN')
        >>> m = vnus.trade_with_us("Vietnam", 2023, reporter="US")
        >>> str(m.exports.value), m.exports.flow, m.mirror
        ('US$114.3829 billion', <Flow.IMPORT: 'import'>, True)
        >>> vnus.trade_with_us("Hanoi", 2020)
        Traceback (most recent call last):
        ...
        vnus.errors.NoDataError: year: no full-year trade figure for Hanoi (VN-HN) with the
        United States in 2020; years with data: 2019, 2021
        """
        key: tuple[object, ...] | None = None
        if type(place) is str and type(year) is int and reporter is None and as_of is None:
            # The common call, with exact built-in types: nothing the caller defines runs.
            if len(place) <= _LONGEST:
                key = ("trade_with_us", place, year)
        else:
            try:
                key = ("trade_with_us", *map(key_part, (place, year, reporter, as_of)))
            except Exception:  # noqa: BLE001 -- not a cache key: answered without the cache
                key = None
        if key is not None:
            hit = self._cache.get(key, _MISSING)
            if hit is not _MISSING:
                return cast("TradeSummary", hit)
        known_year = check_year("year", year)
        when = None if as_of is None else check_as_of(as_of)
        resolved = self._partner_of_us("place", place)
        side = None if reporter is None else self._reporter_for(resolved, reporter)
        summary = self._summary(resolved, known_year, side, when)
        return summary if key is None else self._remember(key, summary)

    def _partner_of_us(self, argument: str, place: object) -> Place:
        places: Places = self._tables.get(PLACES) or self._places  # type: ignore[assignment]
        resolved = places.resolve(argument, place)
        if resolved.code == UNITED_STATES:
            msg = (
                f"{argument} must not be the United States itself; expected a place that "
                "trades with it"
            )
            raise InvalidQueryError(msg)
        return resolved

    def _reporter_for(self, place: Place, reporter: object) -> str | None:
        """The reporter asked for: the place's code, ``US``, or None for the default."""
        if reporter is None:
            return None
        code = self._places.resolve("reporter", reporter).code
        if code not in {place.code, UNITED_STATES}:
            msg = (
                f"reporter must be the place itself ({place.code}) or the United States (US), "
                f"got {code!r}"
            )
            raise InvalidQueryError(msg)
        return code

    def _sides(self, place: Place, as_of: dt.date | None) -> dict[str, list[TradeFigure]]:
        """The figures of each reporter for *place*'s trade with the United States."""
        table = self._table(TradeFigure)
        own = table.find(places={"reporter": place.code, "partner": UNITED_STATES})
        mirror = table.find(places={"reporter": UNITED_STATES, "partner": place.code})
        return {
            place.code: [
                r
                for r in self._known(own, as_of)
                if r.reporter == place.code and r.partner == UNITED_STATES
            ],
            UNITED_STATES: [
                r
                for r in self._known(mirror, as_of)
                if r.reporter == UNITED_STATES and r.partner == place.code
            ],
        }

    def _full_years(self, place: Place) -> dict[tuple[str, int], tuple[TradeFigure, ...]]:
        """Each reporter's full-year figures of *place*'s trade with the United States.

        Keyed by (reporter, year), in the table's order; built on the place's first
        :meth:`trade_with_us`, like the tables' own indexes.
        """
        key = ("full years", place.code)
        found = self._tables.get(key)
        if found is None:
            return self._once(key, lambda: _full_years(self._sides(place, None)))
        return cast("dict[tuple[str, int], tuple[TradeFigure, ...]]", found)

    def _summary(
        self, place: Place, year: int, reporter: str | None, as_of: dt.date | None
    ) -> TradeSummary:
        reporter, figures = self._reported(place, year, reporter, as_of)
        mirror = reporter != place.code
        # The figure of each flow (seen from the place: its exports are the United States'
        # imports); where a flow has several, the latest published wins. Flows are told
        # apart by identity: hashing an enum member runs Python code.
        outward = Flow.IMPORT if mirror else Flow.EXPORT
        exports = imports = total = None
        for r in figures:
            flow = r.flow
            if flow is outward:
                exports = r
            elif flow is Flow.TOTAL:
                total = r
            else:
                imports = r
        if len(figures) > (exports is not None) + (imports is not None) + (total is not None):
            exports, imports, total = (
                None if r is None else self._latest(figures, r.flow, as_of)
                for r in (exports, imports, total)
            )
        balance = None
        if (
            exports is not None
            and imports is not None
            and exports.value.currency == imports.value.currency
        ):
            balance = exports.value - imports.value
        return _summary_of(place, year, exports, imports, total, figures, balance, reporter, mirror)

    def _reported(
        self, place: Place, year: int, reporter: str | None, as_of: dt.date | None
    ) -> tuple[str, tuple[TradeFigure, ...]]:
        """The reporter (the one asked for, or the default) and its full-year figures."""
        code = place.code
        by_year: dict[tuple[str, int], tuple[TradeFigure, ...]] = self._tables.get(
            ("full years", code)
        ) or self._full_years(place)  # type: ignore[assignment]
        figures: tuple[TradeFigure, ...] = ()
        if reporter is None or reporter == code:
            figures = by_year.get((code, year), ())
            if as_of is not None:
                figures = self._known(figures, as_of)
        if reporter is None:
            reporter = code if figures else UNITED_STATES
        if reporter == UNITED_STATES:
            figures = self._known(by_year.get((UNITED_STATES, year), ()), as_of)
        if not figures:
            raise self._no_full_year(place, year, as_of)
        return reporter, figures

    def _latest(
        self, figures: tuple[TradeFigure, ...], flow: Flow, as_of: dt.date | None
    ) -> TradeFigure:
        """Of *figures* of *flow*, the one whose sources were published last (ties: by id)."""
        options = [r for r in figures if r.flow is flow]
        if len(options) == 1:  # no choice to make: the sources need not be read
            return options[0]
        return max(options, key=lambda r: (self._last_published(r, as_of), r.id))

    def _no_full_year(self, place: Place, year: int, as_of: dt.date | None) -> NoDataError:
        """The error for a year without a full-year figure: the years that have one."""
        sides = self._sides(place, as_of)
        mine = sides[place.code] + sides[UNITED_STATES]
        years = sorted({r.period.start.year for r in mine if r.period.is_full_year})
        partial = [
            str(r.period) for r in mine if not r.period.is_full_year and r.period.year == year
        ]
        msg = (
            f"year: no full-year trade figure for {place.name} ({place.code}) with the "
            f"United States in {year}; years with data: "
            + (", ".join(map(str, _ranges(years))) or "none")
        )
        if partial:
            msg += "; partial periods in that year: " + ", ".join(sorted(set(partial)))
        return NoDataError(msg)

    def trade_series(
        self,
        place: str | Place,
        *,
        flow: Flow | str,
        reporter: str | Place | None = None,
        monthly: bool = False,
        as_of: int | dt.date | None = None,
    ) -> vnus.series.TradeSeries:
        """One reporter's series of *place*'s trade with the United States, period by period.

        ``flow`` is seen from *place*: its exports to the United States, its imports from
        it, or the total. ``reporter`` is chosen as by :meth:`trade_with_us`: by default the
        place itself where it reports any full-year figure of that flow, else the United
        States (whose imports from the place are the place's exports). Full years, or with
        ``monthly`` every month; each point has its change on the same period a year before.

        Args:
            place: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``; case,
                white space and diacritics are ignored) or a :class:`~vnus.Place`; not the United
                States.
            flow: ``"export"``, ``"import"`` or ``"total"`` (any case), or a
                :class:`~vnus.Flow`, seen from *place*.
            reporter: Whose figures: *place* itself or ``"US"``; None, the
                default, chooses as described above.
            monthly: True for every month instead of full years.
            as_of: Keep only records that a source published by then supports: a
                :class:`datetime.date` (a datetime counts by its day), or a year (an
                int, taken as its 31 December). None, the default, keeps every record.

        Returns:
            The :class:`~vnus.TradeSeries`; it has no points where the reporter has no
            figure of that flow.

        Raises:
            QueryTypeError: An argument has the wrong type (the message names it).
            InvalidQueryError: *place* is the United States, or *reporter* is neither
                *place* nor the United States.
            UnknownPlaceError: A place argument matches no place (close names are suggested).
            UnknownNameError: *flow* names no flow.

        >>> import vnus
        >>> s = vnus.trade_series("Vietnam", flow="export")
        >>> s.reporter, s.mirror, str(s.points[-1].period), str(s.points[-1].value)
        ('US', True, '2025', 'US$193.8793 billion')
        >>> [str(p.change) for p in s.points if p.period.year in (2023, 2024)]
        ['-10.25', '19.18']
        """
        key = ("trade_series", place, flow, reporter, monthly, as_of)

        def compute() -> vnus.series.TradeSeries:
            resolved = self._partner_of_us("place", place)
            wanted = check_enum("flow", flow, Flow)
            if type(monthly) is not bool:
                error = invalid("monthly", "True or False", monthly, wrong_type=True)
                raise error
            side = self._reporter_for(resolved, reporter)
            return self._series(resolved, wanted, side, monthly, check_as_of(as_of))

        try:
            typed = tuple(key_part(k) for k in key)
            hit = self._cache.get(typed, _MISSING)
        except Exception:  # noqa: BLE001 -- unhashable arguments: compute() checks them
            return compute()
        if hit is not _MISSING:
            return cast("vnus.series.TradeSeries", hit)
        return self._cached(typed, compute)

    def _series(
        self,
        place: Place,
        flow: Flow | None,
        reporter: str | None,
        monthly: bool,  # noqa: FBT001 -- a private helper
        as_of: dt.date | None,
    ) -> vnus.series.TradeSeries:
        from vnus.series import SeriesPoint, TradeSeries  # noqa: PLC0415 -- on first use

        assert flow is not None  # noqa: S101 -- check_enum was given a value
        sides = self._sides(place, as_of)

        def wanted(code: str) -> Flow:
            return flow if code == place.code else _MIRRORED[flow]

        def fits(r: TradeFigure) -> bool:
            if monthly:
                return r.period.start.day == 1 and r.period.end == _month_end(r.period.start)
            return r.period.is_full_year

        def of(code: str) -> list[TradeFigure]:
            return [r for r in sides[code] if r.flow is wanted(code) and fits(r)]

        if reporter is None:
            reporter = place.code if of(place.code) else UNITED_STATES
        chosen: dict[dt.date, TradeFigure] = {}
        for r in of(reporter):
            best = chosen.get(r.period.start)
            if best is None or (self._last_published(r, as_of), r.id) > (
                self._last_published(best, as_of),
                best.id,
            ):
                chosen[r.period.start] = r
        points: list[SeriesPoint] = []
        for start in sorted(chosen):
            figure = chosen[start]
            before = chosen.get(start.replace(year=start.year - 1))
            change = None
            if (
                before is not None
                and before.value.amount
                and (before.value.currency == figure.value.currency)
            ):
                ratio = (figure.value.amount - before.value.amount) / before.value.amount
                change = (ratio * 100).quantize(_HUNDREDTH)
            points.append(SeriesPoint(figure.period, figure.value, change, figure))
        return TradeSeries(
            place=place,
            flow=flow,
            reporter=reporter,
            mirror=reporter != place.code,
            monthly=monthly,
            points=tuple(points),
        )

    def disagreements(
        self, *, place: str | Place | None = None
    ) -> tuple[vnus.series.Disagreement, ...]:
        """Every flow and year where two reporters, or two sources, give different values.

        For each place that trades with the United States: its own full-year figures against
        the United States' (a total against the sum of the U.S. exports and imports), and two
        figures of one reporter, flow and year from different sources. ``gap_percent`` is the
        second value's difference from the first, in percent of the first.

        Args:
            place: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``; case,
                white space and diacritics are ignored) or a :class:`~vnus.Place`; None for every
                place with figures.

        Returns:
            The :class:`~vnus.Disagreement` records, by place, year and flow.

        Raises:
            QueryTypeError: An argument has the wrong type (the message names it).
            UnknownPlaceError: A place argument matches no place (close names are suggested).

        >>> import vnus
        >>> for d in vnus.disagreements(place="Vietnam"):
        ...     print(d.year, d.flow.value, d.first_reporter, str(d.first), d.second_reporter,
        ...           str(d.second), d.gap_percent)
        2021 total VN US$100 billion US US$112.9591 billion 12.96
        2022 total VN US$124 billion US US$138.7814 billion 11.92
        2023 total VN US$111 billion US US$124.1951 billion 11.89
        """

        def compute() -> tuple[vnus.series.Disagreement, ...]:
            places = (
                [self._partner_of_us("place", place)]
                if place is not None
                else [p for p in self._places.ordered if p.code != UNITED_STATES]
            )
            found: list[vnus.series.Disagreement] = []
            for candidate in places:
                found.extend(self._disagreements_of(candidate))
            return tuple(found)

        try:
            typed = (("disagreements",), key_part(place))
            hit = self._cache.get(typed, _MISSING)
        except Exception:  # noqa: BLE001 -- unhashable arguments: compute() checks them
            return compute()
        if hit is not _MISSING:
            return cast("tuple[vnus.series.Disagreement, ...]", hit)
        return self._cached(typed, compute)

    def _disagreements_of(self, place: Place) -> list[vnus.series.Disagreement]:  # noqa: C901 -- two passes
        sides = self._sides(place, None)
        full = {
            code: [r for r in figures if r.period.is_full_year] for code, figures in sides.items()
        }
        found: list[vnus.series.Disagreement] = []
        # Two sources of one reporter, flow and year.
        for code, figures in full.items():
            by_key: dict[tuple[int, Flow], list[TradeFigure]] = {}
            for r in figures:
                by_key.setdefault((r.period.start.year, r.flow), []).append(r)
            for (year, flow), group in sorted(
                by_key.items(), key=lambda kv: (kv[0][0], kv[0][1].value)
            ):
                for a, b in itertools.pairwise(group):
                    if a.value != b.value:
                        found.append(_disagreement(place, year, flow, code, (a,), code, (b,)))
        # The place's own figures against the United States'.
        mirror: dict[tuple[int, Flow], list[TradeFigure]] = {}
        for r in full[UNITED_STATES]:
            mirror.setdefault((r.period.start.year, _MIRRORED[r.flow]), []).append(r)
        for r in sorted(full[place.code], key=lambda r: (r.period.start, r.flow.value, r.id)):
            year = r.period.start.year
            if r.flow is Flow.TOTAL:
                parts = [
                    *mirror.get((year, Flow.EXPORT), [])[:1],
                    *mirror.get((year, Flow.IMPORT), [])[:1],
                ]
                if len(parts) != 2:  # noqa: PLR2004 -- both flows, or no total
                    continue
                other: tuple[TradeFigure, ...] = tuple(parts)
            else:
                other = tuple(mirror.get((year, r.flow), [])[:1])
                if not other:
                    continue
            d = _disagreement(place, year, r.flow, place.code, (r,), UNITED_STATES, other)
            if d.first != d.second:
                found.append(d)
        return sorted(found, key=lambda d: (d.year, d.flow.value, d.first_reporter))

    def _last_published(self, record: vnus.records.Record, as_of: dt.date | None) -> dt.date:
        published = self._sources.published
        days = [published[e.source] for e in record.evidence]
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
        as_of: int | dt.date | None = None,
        exact: bool = False,
    ) -> tuple[TradeFigure, ...]:
        """Trade figures; ``year`` matches any period within that year, partial ones included.

        A place filter matches the place and every place inside it (Vietnam's figures and
        Hanoi's); with ``exact=True``, only the place itself, so that the figures can be
        summed without counting a city's share twice.

        Args:
            reporter: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``; case,
                white space and diacritics are ignored) or a :class:`~vnus.Place`; the place whose
                statistics these are (and every place inside it).
            partner: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``; case,
                white space and diacritics are ignored) or a :class:`~vnus.Place`; the other side of
                the trade.
            flow: ``"export"``, ``"import"`` or ``"total"`` (any case), or a
                :class:`~vnus.Flow`; None for every flow.
            year: A calendar year (1000 to 9999); a figure matches when its period lies
                within it, partial periods included. None for every year.
            as_of: Keep only records that a source published by then supports: a
                :class:`datetime.date` (a datetime counts by its day), or a year (an
                int, taken as its 31 December). None, the default, keeps every record.
            exact: True to match only the place named; False, the default, also
                matches the places inside it.

        Returns:
            The matching :class:`~vnus.TradeFigure` records, in chronological order, then by id;
            an empty tuple when none matches.

        Raises:
            QueryTypeError: An argument has the wrong type (the message names it).
            InvalidQueryError: *year* is outside 1000 to 9999.
            UnknownPlaceError: A place argument matches no place (close names are suggested).
            UnknownNameError: *flow* names no flow.

        >>> import vnus
        >>> [f.id for f in vnus.trade(reporter="VN", year=2021)]
        ['hanoi-us-exports-2021', 'hanoi-us-imports-2021', 'vn-us-trade-2021']
        >>> [f.id for f in vnus.trade(reporter="VN", year=2021, exact=True)]
        ['vn-us-trade-2021']
        """
        key = ("trade", reporter, partner, flow, year, as_of, exact)
        plain = (
            (reporter is None or type(reporter) in _PLAIN)
            and (partner is None or type(partner) in _PLAIN)
            and (flow is None or type(flow) in _PLAIN)
            and (year is None or type(year) in _PLAIN)
            and (as_of is None or type(as_of) in _PLAIN)
            and type(exact) is bool
        )  # see _PLAIN
        if plain:
            try:
                return self._cache[key]  # type: ignore[no-any-return]
            except KeyError:
                pass
        return self._trade_answer(
            key,
            plain=plain,
            reporter=reporter,
            partner=partner,
            flow=flow,
            year=year,
            as_of=as_of,
            exact=exact,
        )

    def _trade_answer(
        self,
        key: tuple[object, ...],
        *,
        plain: bool,
        reporter: str | Place | None,
        partner: str | Place | None,
        flow: Flow | str | None,
        year: int | None,
        as_of: int | dt.date | None,
        exact: bool,
    ) -> tuple[TradeFigure, ...]:
        """The answer of :meth:`trade` on a cache miss (the check of every argument)."""

        def compute() -> tuple[TradeFigure, ...]:
            wanted = None if year is None else check_year("year", year)
            found = self._select(
                TradeFigure,
                places={"reporter": ("reporter", reporter), "partner": ("partner", partner)},
                values={"flow": check_enum("flow", flow, Flow)},
                year=wanted,
                as_of=check_as_of(as_of),
                exact=check_flag("exact", exact),
            )
            if wanted is None:
                return found
            # The year's records are those that touch it; a figure over several years (none
            # lies in one) is not a figure for the year.
            several = self._table(TradeFigure).several_years
            if not several:
                return found
            return tuple(r for r in found if r.id not in several or r.period.year == wanted)

        return self._query(key, compute, TradeFigure, plain=plain)

    def investments(
        self,
        *,
        investor: str | Place | None = None,
        host: str | Place | None = None,
        as_of: int | dt.date | None = None,
        exact: bool = False,
    ) -> tuple[vnus.records.InvestmentFigure, ...]:
        """Investment figures, filtered by investor and host (places include what is inside).

        With ``exact=True`` a place filter matches only the place itself.

        Args:
            investor: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``; case,
                white space and diacritics are ignored) or a :class:`~vnus.Place`; the investing
                place.
            host: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``; case,
                white space and diacritics are ignored) or a :class:`~vnus.Place`; the place
                invested in.
            as_of: Keep only records that a source published by then supports: a
                :class:`datetime.date` (a datetime counts by its day), or a year (an
                int, taken as its 31 December). None, the default, keeps every record.
            exact: True to match only the place named; False, the default, also
                matches the places inside it.

        Returns:
            The matching :class:`~vnus.InvestmentFigure` records, in chronological order.

        Raises:
            QueryTypeError: An argument has the wrong type (the message names it).
            UnknownPlaceError: A place argument matches no place (close names are suggested).

        >>> import vnus
        >>> [f.projects for f in vnus.investments(investor="Vietnam")]
        [230]
        >>> [f.host for f in vnus.investments(investor="US", host="VN", exact=True)]
        ['VN']
        """
        key = ("investments", investor, host, as_of, exact)
        plain = (
            (investor is None or type(investor) in _PLAIN)
            and (host is None or type(host) in _PLAIN)
            and (as_of is None or type(as_of) in _PLAIN)
            and type(exact) is bool
        )  # see _PLAIN
        if plain:
            try:
                return self._cache[key]  # type: ignore[no-any-return]
            except KeyError:
                pass
        return self._investments_answer(
            key, plain=plain, investor=investor, host=host, as_of=as_of, exact=exact
        )

    def _investments_answer(
        self,
        key: tuple[object, ...],
        *,
        plain: bool,
        investor: str | Place | None,
        host: str | Place | None,
        as_of: int | dt.date | None,
        exact: bool,
    ) -> tuple[vnus.records.InvestmentFigure, ...]:
        """The answer of :meth:`investments` on a cache miss (the check of every argument)."""
        return self._query(
            key,
            lambda: self._select(
                vnus.records.InvestmentFigure,
                places={"investor": ("investor", investor), "host": ("host", host)},
                as_of=check_as_of(as_of),
                exact=check_flag("exact", exact),
            ),
            vnus.records.InvestmentFigure,
            plain=plain,
        )

    def milestones(
        self,
        *,
        since: int | dt.date | None = None,
        until: int | dt.date | None = None,
        kind: vnus.records.MilestoneKind | str | None = None,
        place: str | Place | None = None,
        as_of: int | dt.date | None = None,
        exact: bool = False,
    ) -> tuple[vnus.records.Milestone, ...]:
        """Milestones whose date overlaps [since, until]; a year bound covers the whole year.

        ``place`` matches a milestone that names the place or a place inside it; with
        ``exact=True``, only one that names the place itself.

        Args:
            since: The first year (an int from 1000 to 9999, taken as its 1 January) or day
                (a :class:`datetime.date`) a record's dates may reach; None for no bound.
            until: The last year (taken as its 31 December) or day; None for no bound. Not
                before *since*.
            kind: A :class:`~vnus.MilestoneKind` or its name, in any case: ``normalization``,
                ``partnership``, ``agreement``, ``dialogue``, ``conference``, ``anniversary``,
                ``donation``, ``program``, ``meeting``, ``announcement``.
            place: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``; case,
                white space and diacritics are ignored) or a :class:`~vnus.Place`; a place the
                milestone concerns.
            as_of: Keep only records that a source published by then supports: a
                :class:`datetime.date` (a datetime counts by its day), or a year (an
                int, taken as its 31 December). None, the default, keeps every record.
            exact: True to match only the place named; False, the default, also
                matches the places inside it.

        Returns:
            The matching :class:`~vnus.Milestone` records, in chronological order, then by id.

        Raises:
            QueryTypeError: An argument has the wrong type (the message names it).
            InvalidQueryError: An argument has a wrong value: a year outside 1000 to 9999,
                *since* after *until*.
            UnknownPlaceError: A place argument matches no place (close names are suggested).
            UnknownNameError: *kind* names no milestone kind.

        >>> import vnus
        >>> [str(m.date) for m in vnus.milestones(kind="PARTNERSHIP")]
        ['2013-07', '2023-09']
        """
        key = ("milestones", since, until, kind, place, as_of, exact)
        plain = (
            (since is None or type(since) in _PLAIN)
            and (until is None or type(until) in _PLAIN)
            and (kind is None or type(kind) in _PLAIN)
            and (place is None or type(place) in _PLAIN)
            and (as_of is None or type(as_of) in _PLAIN)
            and type(exact) is bool
        )  # see _PLAIN
        if plain:
            try:
                return self._cache[key]  # type: ignore[no-any-return]
            except KeyError:
                pass
        return self._milestones_answer(
            key,
            plain=plain,
            since=since,
            until=until,
            kind=kind,
            place=place,
            as_of=as_of,
            exact=exact,
        )

    def _milestones_answer(
        self,
        key: tuple[object, ...],
        *,
        plain: bool,
        since: int | dt.date | None,
        until: int | dt.date | None,
        kind: vnus.records.MilestoneKind | str | None,
        place: str | Place | None,
        as_of: int | dt.date | None,
        exact: bool,
    ) -> tuple[vnus.records.Milestone, ...]:
        """The answer of :meth:`milestones` on a cache miss (the check of every argument)."""

        def compute() -> tuple[vnus.records.Milestone, ...]:
            low, high = check_range(since, until)
            return self._select(
                vnus.records.Milestone,
                values={"kind": check_enum("kind", kind, vnus.records.MilestoneKind)},
                places={"places": ("place", place)},
                since=low,
                until=high,
                as_of=check_as_of(as_of),
                exact=check_flag("exact", exact),
            )

        return self._query(key, compute, vnus.records.Milestone, plain=plain)

    def delegations(
        self,
        *,
        origin: str | Place | None = None,
        destination: str | Place | None = None,
        year: int | None = None,
        person: str | vnus.types.Official | None = None,
        as_of: int | dt.date | None = None,
        exact: bool = False,
    ) -> tuple[vnus.records.Delegation, ...]:
        """Visits and working trips; ``year`` matches a trip under way in that year.

        ``person`` (an official's name, with or without diacritics, an alias or a surname)
        matches the trips the person led or joined. ``origin`` and ``destination`` match the
        place or a place inside it; with ``exact=True``, only the place itself.

        Args:
            origin: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``; case,
                white space and diacritics are ignored) or a :class:`~vnus.Place`; where the
                delegation came from.
            destination: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``;
                case, white space and diacritics are ignored) or a :class:`~vnus.Place`; a place it
                visited.
            year: A calendar year (1000 to 9999) the trip was under way in.
            person: An official's name, alias or surname, or an
                :class:`~vnus.Official` (see :meth:`officials`).
            as_of: Keep only records that a source published by then supports: a
                :class:`datetime.date` (a datetime counts by its day), or a year (an
                int, taken as its 31 December). None, the default, keeps every record.
            exact: True to match only the place named; False, the default, also
                matches the places inside it.

        Returns:
            The matching :class:`~vnus.Delegation` records, in chronological order.

        Raises:
            QueryTypeError: An argument has the wrong type (the message names it).
            InvalidQueryError: *year* is outside 1000 to 9999.
            UnknownPlaceError: A place argument matches no place (close names are suggested).
            UnknownNameError: *person* names no official.

        >>> import vnus
        >>> [d.id for d in vnus.delegations(origin="US", destination="Hanoi", year=2023)]
        ['blinken-antony-j-vietnam-2023-04-14', 'biden-state-visit-vietnam-2023']
        >>> [d.id for d in vnus.delegations(person="Blinken", year=2023)]
        ['blinken-antony-j-vietnam-2023-04-14', 'biden-state-visit-vietnam-2023']
        """
        key = ("delegations", origin, destination, year, person, as_of, exact)
        plain = (
            (origin is None or type(origin) in _PLAIN)
            and (destination is None or type(destination) in _PLAIN)
            and (year is None or type(year) in _PLAIN)
            and (person is None or type(person) in _PLAIN)
            and (as_of is None or type(as_of) in _PLAIN)
            and type(exact) is bool
        )  # see _PLAIN
        if plain:
            try:
                return self._cache[key]  # type: ignore[no-any-return]
            except KeyError:
                pass
        return self._delegations_answer(
            key,
            plain=plain,
            origin=origin,
            destination=destination,
            year=year,
            person=person,
            as_of=as_of,
            exact=exact,
        )

    def _delegations_answer(
        self,
        key: tuple[object, ...],
        *,
        plain: bool,
        origin: str | Place | None,
        destination: str | Place | None,
        year: int | None,
        person: str | vnus.types.Official | None,
        as_of: int | dt.date | None,
        exact: bool,
    ) -> tuple[vnus.records.Delegation, ...]:
        """The answer of :meth:`delegations` on a cache miss (the check of every argument)."""

        def compute() -> tuple[vnus.records.Delegation, ...]:
            who = None if person is None else self._officials.resolve("person", person).id
            found = self._select(
                vnus.records.Delegation,
                places={"origin": ("origin", origin), "destinations": ("destination", destination)},
                year=None if year is None else check_year("year", year),
                as_of=check_as_of(as_of),
                exact=check_flag("exact", exact),
            )
            if who is None:
                return found
            return tuple(d for d in found if who in _people(d))

        return self._query(key, compute, vnus.records.Delegation, plain=plain)

    def sector_priorities(
        self,
        *,
        place: str | Place | None = None,
        sector: str | None = None,
        year: int | None = None,
        as_of: int | dt.date | None = None,
        exact: bool = False,
    ) -> tuple[vnus.records.SectorPriority, ...]:
        """Priority-sector lists; ``sector`` accepts a slug, label or alias.

        ``sector`` matches a list that names the sector or any sector below it in the
        vocabulary (``technology`` finds lists naming high technology or software), and
        ``place`` a list whose ``places`` hold the place or a place inside it, so a list both
        sides stated is found from either. With ``exact=True``, each filter matches only the
        sector or place itself.

        Args:
            place: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``; case,
                white space and diacritics are ignored) or a :class:`~vnus.Place`: a place whose
                priorities, offer or proposal the list states.
            sector: A sector slug, label or alias (see :meth:`sectors`).
            year: A calendar year (1000 to 9999) the list was stated in.
            as_of: Keep only records that a source published by then supports: a
                :class:`datetime.date` (a datetime counts by its day), or a year (an
                int, taken as its 31 December). None, the default, keeps every record.
            exact: True to match only the place or sector named; False, the
                default, also matches the places inside the place and the sectors
                below the sector.

        Returns:
            The matching :class:`~vnus.SectorPriority` records, in chronological order.

        Raises:
            QueryTypeError: An argument has the wrong type (the message names it).
            InvalidQueryError: *year* is outside 1000 to 9999.
            UnknownPlaceError: A place argument matches no place (close names are suggested).
            UnknownNameError: *sector* names no sector.

        >>> import vnus
        >>> len(vnus.sector_priorities(sector="AI")) >= 2
        True
        >>> wide = vnus.sector_priorities(sector="technology")
        >>> narrow = vnus.sector_priorities(sector="technology", exact=True)
        >>> set(narrow) < set(wide)
        True
        >>> all("technology" in p.sectors for p in narrow)
        True
        """
        key = ("sector_priorities", place, sector, year, as_of, exact)
        plain = (
            (place is None or type(place) in _PLAIN)
            and (sector is None or type(sector) in _PLAIN)
            and (year is None or type(year) in _PLAIN)
            and (as_of is None or type(as_of) in _PLAIN)
            and type(exact) is bool
        )  # see _PLAIN
        if plain:
            try:
                return self._cache[key]  # type: ignore[no-any-return]
            except KeyError:
                pass
        return self._sector_priorities_answer(
            key, plain=plain, place=place, sector=sector, year=year, as_of=as_of, exact=exact
        )

    def _sector_priorities_answer(
        self,
        key: tuple[object, ...],
        *,
        plain: bool,
        place: str | Place | None,
        sector: str | None,
        year: int | None,
        as_of: int | dt.date | None,
        exact: bool,
    ) -> tuple[vnus.records.SectorPriority, ...]:
        """The answer of :meth:`sector_priorities` on a cache miss (the check of every argument)."""

        def compute() -> tuple[vnus.records.SectorPriority, ...]:
            only = check_flag("exact", exact)
            wanted = None
            if sector is not None:
                slug = self._sectors.resolve("sector", sector).slug
                wanted = self._sectors.within(slug, exact=only)
            return self._select(
                vnus.records.SectorPriority,
                places={"places": ("place", place)},
                values={"sectors": wanted},
                year=None if year is None else check_year("year", year),
                as_of=check_as_of(as_of),
                exact=only,
            )

        return self._query(key, compute, vnus.records.SectorPriority, plain=plain)

    def indicators(
        self,
        *,
        subject: str | Place | None = None,
        metric: str | None = None,
        year: int | None = None,
        as_of: int | dt.date | None = None,
        exact: bool = False,
    ) -> tuple[vnus.records.Indicator, ...]:
        """Every other figure; ``metric`` is a metric slug (see :meth:`metrics`).

        ``subject`` matches the place or a place inside it; with ``exact=True``, only the
        place itself.

        Args:
            subject: A place code, name or alias (``"VN-HN"``, ``"Hà Nội"``, ``"Hanoi"``; case,
                white space and diacritics are ignored) or a :class:`~vnus.Place`; the place the
                figure is about.
            metric: A metric slug; those of the bundled data:
                ``conference-participating-companies``, ``donated-face-masks``,
                ``nic-facility-area``,
                ``rank-as-us-trading-partner``, ``rank-as-us-trading-partner-in-asean``,
                ``rank-as-vietnam-export-market``, ``rank-as-vietnam-trading-partner``,
                ``semiconductor-design-engineer-training-target``,
                ``semiconductor-engineer-training-target``, ``us-representative-offices``,
                ``us-tourist-arrivals``, ``vn-us-diplomatic-interaction-duration``,
                ``vn-us-trade-consecutive-years-over-100bn``, ``vn-us-trade-growth-multiple``,
                ``years-from-comprehensive-to-strategic-partnership``.
            year: A calendar year (1000 to 9999) the figure refers to.
            as_of: Keep only records that a source published by then supports: a
                :class:`datetime.date` (a datetime counts by its day), or a year (an
                int, taken as its 31 December). None, the default, keeps every record.
            exact: True to match only the place named; False, the default, also
                matches the places inside it.

        Returns:
            The matching :class:`~vnus.Indicator` records, in chronological order.

        Raises:
            QueryTypeError: An argument has the wrong type (the message names it).
            InvalidQueryError: *year* is outside 1000 to 9999.
            UnknownPlaceError: A place argument matches no place (close names are suggested).
            UnknownNameError: *metric* names no metric.

        >>> import vnus
        >>> [str(i.value) for i in vnus.indicators(metric="us-representative-offices")]
        ['40', '42']
        """
        key = ("indicators", subject, metric, year, as_of, exact)
        plain = (
            (subject is None or type(subject) in _PLAIN)
            and (metric is None or type(metric) in _PLAIN)
            and (year is None or type(year) in _PLAIN)
            and (as_of is None or type(as_of) in _PLAIN)
            and type(exact) is bool
        )  # see _PLAIN
        if plain:
            try:
                return self._cache[key]  # type: ignore[no-any-return]
            except KeyError:
                pass
        return self._indicators_answer(
            key, plain=plain, subject=subject, metric=metric, year=year, as_of=as_of, exact=exact
        )

    def _indicators_answer(
        self,
        key: tuple[object, ...],
        *,
        plain: bool,
        subject: str | Place | None,
        metric: str | None,
        year: int | None,
        as_of: int | dt.date | None,
        exact: bool,
    ) -> tuple[vnus.records.Indicator, ...]:
        """The answer of :meth:`indicators` on a cache miss (the check of every argument)."""

        def compute() -> tuple[vnus.records.Indicator, ...]:
            if metric is not None:
                name = check_text("metric", metric)
                if name not in self._metrics:
                    error = unknown(
                        "metric",
                        "metric",
                        name,
                        self._metrics,
                        expected="a metric slug (see vnus.metrics())",
                    )
                    raise error
            return self._select(
                vnus.records.Indicator,
                places={"subject": ("subject", subject)},
                values={"metric": metric},
                year=None if year is None else check_year("year", year),
                as_of=check_as_of(as_of),
                exact=check_flag("exact", exact),
            )

        return self._query(key, compute, vnus.records.Indicator, plain=plain)

    def timeline(
        self,
        *,
        since: int | dt.date | None = None,
        until: int | dt.date | None = None,
        as_of: int | dt.date | None = None,
    ) -> tuple[vnus.records.Milestone | vnus.records.Delegation, ...]:
        """Milestones and delegations merged, in chronological order, then by id.

        Args:
            since: The first year (an int from 1000 to 9999, taken as its 1 January) or day
                (a :class:`datetime.date`) a record's dates may reach; None for no bound.
            until: The last year (taken as its 31 December) or day; None for no bound. Not
                before *since*.
            as_of: Keep only records that a source published by then supports: a
                :class:`datetime.date` (a datetime counts by its day), or a year (an
                int, taken as its 31 December). None, the default, keeps every record.

        Returns:
            The :class:`~vnus.Milestone` and :class:`~vnus.Delegation` records, merged.

        Raises:
            QueryTypeError: An argument has the wrong type (the message names it).
            InvalidQueryError: An argument has a wrong value: a year outside 1000 to 9999,
                *since* after *until*.

        >>> import vnus
        >>> [(type(e).__name__, str(e.when)) for e in vnus.timeline(since=2017, until=2017)][:3]
        [('Milestone', '2017-01-01'), ('Delegation', '2017-01-01'), ('Milestone', '2017-01-01')]
        """
        key = ("timeline", since, until, as_of)
        if (
            (since is None or type(since) in _PLAIN)
            and (until is None or type(until) in _PLAIN)
            and (as_of is None or type(as_of) in _PLAIN)
        ):
            try:
                return self._cache[key]  # type: ignore[no-any-return]  # see _PLAIN
            except KeyError:
                pass
        return self._timeline_answer(key, since=since, until=until, as_of=as_of)

    def _timeline_answer(
        self,
        key: tuple[object, ...],
        *,
        since: int | dt.date | None,
        until: int | dt.date | None,
        as_of: int | dt.date | None,
    ) -> tuple[vnus.records.Milestone | vnus.records.Delegation, ...]:
        """The answer of :meth:`timeline` on a cache miss (the check of every argument)."""

        def compute() -> tuple[vnus.records.Milestone | vnus.records.Delegation, ...]:
            low, high = check_range(since, until)
            when = check_as_of(as_of)
            milestones = self._select(vnus.records.Milestone, since=low, until=high, as_of=when)
            delegations = self._select(vnus.records.Delegation, since=low, until=high, as_of=when)
            keys: dict[type, dict[str, Any]] = {}
            for cls, found in (
                (vnus.records.Milestone, milestones),
                (vnus.records.Delegation, delegations),
            ):
                memo = keys[cls] = self._memo("sort keys", cls)
                memo.update({r.id: sort_key(r) for r in found if r.id not in memo})
            events: list[vnus.records.Milestone | vnus.records.Delegation] = [
                *milestones,
                *delegations,
            ]
            # Each kind's records are in order: the sort merges two runs.
            return tuple(sorted(events, key=lambda e: keys[type(e)][e.id]))

        return self._query(key, compute)


def _whole_years(since: dt.date | None, until: dt.date | None) -> bool:
    """Whether [since, until] is whole years: from a 1 January to a 31 December (or open)."""
    return (since is None or (since.month, since.day) == (1, 1)) and (
        until is None or (until.month, until.day) == (12, 31)
    )


#: A flow seen from the other side: U.S. imports from a place are the place's exports.
_MIRRORED = {Flow.EXPORT: Flow.IMPORT, Flow.IMPORT: Flow.EXPORT, Flow.TOTAL: Flow.TOTAL}
_HUNDREDTH = Decimal("0.01")


def _full_years(
    sides: dict[str, list[TradeFigure]],
) -> dict[tuple[str, int], tuple[TradeFigure, ...]]:
    """The full-year figures of each side, by (reporter, year), each list in the given order."""
    found: dict[tuple[str, int], list[TradeFigure]] = {}
    for code, figures in sides.items():
        for r in figures:
            if r.period.is_full_year:
                found.setdefault((code, r.period.start.year), []).append(r)
    return {k: tuple(v) for k, v in found.items()}


def _month_end(first: dt.date) -> dt.date:
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _ranges(years: list[int]) -> list[str]:
    """``[1992, 1993, 1994, 2019]`` -> ``['1992-1994', '2019']``."""
    out: list[str] = []
    for year in years:
        if out and out[-1].split("-")[-1] == str(year - 1) and "-" in out[-1]:
            out[-1] = f"{out[-1].split('-')[0]}-{year}"
        elif out and out[-1] == str(year - 1):
            out[-1] = f"{year - 1}-{year}"
        else:
            out.append(str(year))
    return out


def _disagreement(  # noqa: PLR0917 -- the two sides of one comparison
    place: Place,
    year: int,
    flow: Flow,
    first_reporter: str,
    first_figures: tuple[TradeFigure, ...],
    second_reporter: str,
    second_figures: tuple[TradeFigure, ...],
) -> vnus.series.Disagreement:
    from vnus.series import Disagreement  # noqa: PLC0415 -- on first use

    first = first_figures[0].value
    second = second_figures[0].value
    for extra in second_figures[1:]:
        second = second + extra.value
    gap = None
    if first.amount and first.currency == second.currency:
        gap = ((second.amount - first.amount) / first.amount * 100).quantize(_HUNDREDTH)
    return Disagreement(
        place=place,
        year=year,
        flow=flow,
        first_reporter=first_reporter,
        first=first,
        first_figures=first_figures,
        second_reporter=second_reporter,
        second=second,
        second_figures=second_figures,
        gap_percent=gap,
    )


def _people(delegation: vnus.records.Delegation) -> set[str | None]:
    """The officials a trip names: its leader and its members."""
    leader = delegation.leader
    return {leader.official if leader else None, *(m.official for m in delegation.members)}


def _naming(records: tuple[R, ...], field: str, code: str) -> tuple[R, ...]:
    """The records whose *field* is *code* or a tuple holding it."""
    get = operator.attrgetter(field)
    return tuple(r for r in records if (v := get(r)) == code or (type(v) is tuple and code in v))


def _items(value: object) -> tuple[object, ...]:
    """A field's value as a tuple: a tuple field as it is, one value alone, None as ()."""
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)

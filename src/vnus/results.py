"""What the queries return: tuples of records, and a place's trade summary for one year.

>>> import vnus
>>> found = vnus.milestones(until=2013)
>>> isinstance(found, Results), isinstance(found, tuple)
(True, True)
"""

from __future__ import annotations

from typing import Any, ClassVar, SupportsIndex, TypeVar, overload

import attrs

import vnus.records
from vnus._role import fields_eq, fields_hash, sealed
from vnus.records import TradeFigure, _qualified
from vnus.types import Money, Place

__all__ = ["Results", "TradeSummary"]


def __dir__() -> list[str]:
    return list(__all__)


R = TypeVar("R", bound="vnus.records.Record")
S = TypeVar("S", bound="vnus.records.Record")

#: Up to this many records, the repr is one line, like a tuple's.
_ONE_LINE = 3
#: Past this many records, the repr shows the first and last ones only.
_ALL_LINES = 20
_HEAD, _TAIL = 10, 5


class Results(tuple[R, ...]):
    """The tuple a query returns; in a notebook it shows as an HTML table.

    It is a plain, immutable tuple in every other respect, except that a slice of it, and the
    sum of it and another tuple of records, are :class:`Results` too (with the same HTML
    table). Past three records, its repr puts one record on each line; past twenty, it shows
    the first ten and the last five and says how many are left out.

    >>> import vnus
    >>> isinstance(vnus.milestones(), tuple)
    True
    >>> found = vnus.milestones(kind="partnership")
    >>> type(found[:2]).__name__, type(found + vnus.delegations(year=2023)).__name__
    ('Results', 'Results')
    >>> vnus.trade(reporter="Hanoi", partner="US")
    (<TradeFigure 'hanoi-us-exports-2019': VN-HN→US export 2019 US$3 billion>,
     <TradeFigure 'hanoi-us-imports-2019': VN-HN→US import 2019 US$1.29 billion>,
     <TradeFigure 'hanoi-us-exports-2021': VN-HN→US export 2021 US$3.4 billion (estimated)>,
     <TradeFigure 'hanoi-us-imports-2021': VN-HN→US import 2021 US$1.3 billion (estimated)>)

    A query for one record type answers with results that know it, even when empty:
    :attr:`record_type` (None for a timeline, which mixes types, and for results built by
    hand). :func:`vnus.to_frame` reads it to give an empty answer the columns of a full one.

    >>> vnus.trade(year=1990).record_type.__name__
    'TradeFigure'

    .. versionchanged:: 0.2.0
       Slices and sums are :class:`Results`; the repr is one record a line past three;
       :attr:`record_type`.
    """

    __slots__ = ()

    #: The record type every record of the answer has, when one query type answered it.
    record_type: ClassVar[type[Any] | None] = None

    @staticmethod
    def of(record_type: type[Any] | None, records: tuple[Any, ...]) -> Results[Any]:
        """Results of *record_type* holding *records* (the records must be of that type)."""
        if record_type is None:
            return Results(records)
        return _results_class(record_type)(records)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Results.of, (self.record_type, tuple(self)))

    @overload
    def __getitem__(self, index: SupportsIndex) -> R: ...

    @overload
    def __getitem__(self, index: slice) -> Results[R]: ...

    def __getitem__(self, index: SupportsIndex | slice) -> R | Results[R]:
        if isinstance(index, slice):
            return type(self)(tuple.__getitem__(self, index))
        return tuple.__getitem__(self, index)

    def __add__(self, other: tuple[S, ...]) -> Results[R | S]:  # type: ignore[override]
        if not isinstance(other, tuple):
            return NotImplemented
        if isinstance(other, Results) or _all_records(other):
            same = getattr(other, "record_type", None) is self.record_type
            kind: type[Results[Any]] = type(self) if same or not other else Results
            return kind((*self, *other))
        return tuple.__add__(self, other)  # type: ignore[return-value]  # not records: a tuple

    def __radd__(self, other: tuple[S, ...]) -> Results[R | S]:  # type: ignore[misc]
        if not isinstance(other, tuple):
            return NotImplemented
        if _all_records(other):
            return Results((*other, *self))
        return tuple.__add__(other, self)  # type: ignore[return-value]  # not records: a tuple

    def __repr__(self) -> str:
        if len(self) <= _ONE_LINE:
            return tuple.__repr__(self)
        shown = [repr(record) for record in self]
        if len(shown) > _ALL_LINES:
            left_out = len(shown) - _HEAD - _TAIL
            shown = [*shown[:_HEAD], f"... {left_out} more records ...", *shown[-_TAIL:]]
        return "(" + ",\n ".join(shown) + ")"

    def _repr_html_(self) -> str:
        from vnus._display import records_html  # noqa: PLC0415 -- notebooks only

        return records_html(self)


_RESULT_CLASSES: dict[type, type[Results[Any]]] = {}


def _results_class(record_type: type[Any]) -> type[Results[Any]]:
    """The subclass of :class:`Results` whose ``record_type`` is *record_type* (one each)."""
    found = _RESULT_CLASSES.get(record_type)
    if found is None:
        namespace = {"__slots__": (), "record_type": record_type, "__module__": __name__}
        found = type("Results", (Results,), namespace)
        found.__qualname__ = "Results"
        _RESULT_CLASSES[record_type] = found
    return found


def _all_records(items: tuple[object, ...]) -> bool:
    from vnus._spec import record_types  # noqa: PLC0415 -- only when tuples are added

    kinds = record_types()
    return all(isinstance(item, kinds) for item in items)


@sealed
@attrs.frozen
class TradeSummary:
    """A place's trade with the United States in one calendar year.

    ``exports``, ``imports`` and ``total`` are the chosen full-year figures for each flow (the
    one from the most recently published source, see :meth:`vnus.Dataset.trade_with_us`);
    ``figures`` holds every full-year figure found; ``balance`` is exports minus imports where
    both exist.

    >>> import vnus
    >>> s = vnus.trade_with_us("Hanoi", 2019)
    >>> str(s.exports.value), str(s.imports.value), str(s.balance)
    ('US$3 billion', 'US$1.29 billion', 'US$1.71 billion')
    """

    __eq__ = fields_eq
    __hash__ = fields_hash

    place: Place
    year: int
    exports: TradeFigure | None
    imports: TradeFigure | None
    total: TradeFigure | None
    figures: tuple[TradeFigure, ...]
    balance: Money | None
    #: Whose figures these are: the place's code, or ``US`` for the mirror figures.
    reporter: str = ""
    #: True when the figures are the United States' (its imports from the place are the
    #: place's exports).
    mirror: bool = False

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
        by = " (reported by the United States)" if self.mirror else ""
        return (
            f"<TradeSummary {self.place.name} ({self.place.code}) {self.year}{by}: "
            f"{', '.join(parts)}>"
        )

    def _repr_html_(self) -> str:
        from vnus._display import summary_html  # noqa: PLC0415 -- notebooks only

        return summary_html(self)


_new = object.__new__
_SET = {a.name: TradeSummary.__dict__[a.name].__set__ for a in attrs.fields(TradeSummary)}
_set_place, _set_year, _set_reporter, _set_mirror = (
    _SET["place"],
    _SET["year"],
    _SET["reporter"],
    _SET["mirror"],
)
_set_exports, _set_imports, _set_total = _SET["exports"], _SET["imports"], _SET["total"]
_set_figures, _set_balance = _SET["figures"], _SET["balance"]


def _summary_of(  # noqa: PLR0917 -- one argument per field, positional for speed
    place: Place,
    year: int,
    exports: TradeFigure | None,
    imports: TradeFigure | None,
    total: TradeFigure | None,
    figures: tuple[TradeFigure, ...],
    balance: Money | None,
    reporter: str,
    mirror: bool,  # noqa: FBT001 -- positional like the rest
) -> TradeSummary:
    """The :class:`TradeSummary` of these fields, set directly: what the dataset builds.

    Equal to ``TradeSummary(place, year, ...)`` with the same values (a property test holds
    the two to that), without the call of the generated ``__init__`` with keywords. Every
    value is one the dataset has already checked: its own records and places.
    """
    made: TradeSummary = _new(TradeSummary)
    _set_place(made, place)
    _set_year(made, year)
    _set_exports(made, exports)
    _set_imports(made, imports)
    _set_total(made, total)
    _set_figures(made, figures)
    _set_balance(made, balance)
    _set_reporter(made, reporter)
    _set_mirror(made, mirror)
    return made

"""What the queries return: tuples of records, and a place's trade summary for one year.

>>> import vnus
>>> found = vnus.milestones(until=2013)
>>> isinstance(found, Results), isinstance(found, tuple)
(True, True)
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

import attrs

from vnus.records import Record, TradeFigure, _qualified
from vnus.types import Flow, Money, Period, Place

__all__ = ["Disagreement", "Results", "SeriesPoint", "TradeSeries", "TradeSummary"]


def __dir__() -> list[str]:
    return list(__all__)


R = TypeVar("R", bound=Record)


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


@attrs.frozen
class SeriesPoint:
    """One period of a :class:`TradeSeries`: its value, and the figure it comes from.

    ``change`` is the percent change on the same period a year before, to 0.01 (None where
    there is no such period).
    """

    period: Period
    value: Money
    change: Decimal | None
    figure: TradeFigure


@attrs.frozen
class TradeSeries:
    """One reporter's figures for a place's trade with the United States, period by period.

    ``flow`` is seen from the place (its exports to the United States); with ``mirror`` the
    figures are the United States' own (its imports from the place).

    >>> import vnus
    >>> s = vnus.trade_series("Vietnam", flow="import")
    >>> s.reporter, str(s.points[0].period), str(s.points[0].value)
    ('US', '1992', 'US$4.6 million')
    """

    place: Place
    flow: Flow
    reporter: str
    mirror: bool
    monthly: bool
    points: tuple[SeriesPoint, ...]

    def __len__(self) -> int:
        return len(self.points)

    def __repr__(self) -> str:
        by = "reported by the United States" if self.mirror else f"reported by {self.reporter}"
        span = f"{self.points[0].period}..{self.points[-1].period}" if self.points else "empty"
        return (
            f"<TradeSeries {self.place.name} ({self.place.code}) {self.flow.value}s, {by}: "
            f"{len(self.points)} {'months' if self.monthly else 'years'}, {span}>"
        )


@attrs.frozen
class Disagreement:
    """Two values for one place, flow and year: from two reporters, or two sources.

    ``first`` is the place's own figure (or the first source's), ``second`` the United
    States' (a total is its exports plus its imports) or the second source's; ``gap_percent``
    is ``second`` minus ``first`` in percent of ``first``, to 0.01.
    """

    place: Place
    year: int
    flow: Flow
    first_reporter: str
    first: Money
    first_figures: tuple[TradeFigure, ...]
    second_reporter: str
    second: Money
    second_figures: tuple[TradeFigure, ...]
    gap_percent: Decimal | None

    def __repr__(self) -> str:
        return (
            f"<Disagreement {self.place.code} {self.year} {self.flow.value}: "
            f"{self.first_reporter} {self.first} vs {self.second_reporter} {self.second} "
            f"({self.gap_percent:+}%)>"
        )

"""Trade over time: one reporter's series, and where two reporters or sources disagree.

:func:`vnus.trade_series` returns a :class:`TradeSeries`; :func:`vnus.disagreements` returns
:class:`Disagreement` values. This module is loaded the first time one of them is asked for.

>>> import vnus
>>> s = vnus.trade_series("Hanoi", flow="export")
>>> [(str(p.period), str(p.value)) for p in s.points]
[('2019', 'US$3 billion'), ('2021', 'US$3.4 billion')]
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from vnus._role import sealed
from vnus.records import TradeFigure
from vnus.types import Flow, Money, Period, Place

__all__ = ["Disagreement", "SeriesPoint", "TradeSeries"]


def __dir__() -> list[str]:
    return list(__all__)


@sealed
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


@sealed
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


@sealed
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

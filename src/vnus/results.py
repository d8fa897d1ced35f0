"""What the queries return: tuples of records, and a place's trade summary for one year.

>>> import vnus
>>> found = vnus.milestones(until=2013)
>>> isinstance(found, Results), isinstance(found, tuple)
(True, True)
"""

from __future__ import annotations

from typing import TypeVar

import attrs

from vnus._role import fields_eq, fields_hash, sealed
from vnus.records import Record, TradeFigure, _qualified
from vnus.types import Money, Place

__all__ = ["Results", "TradeSummary"]


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

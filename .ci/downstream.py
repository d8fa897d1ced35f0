"""A downstream script: it must run and type-check with mypy --strict against the wheel."""

import datetime as dt
from decimal import Decimal

import vnus
from vnus import Flow, Milestone, TradeFigure, TradeSummary


def exports_in_billions(summary: TradeSummary) -> Decimal | None:
    """Return the exports of a summary in billions, if known."""
    figure: TradeFigure | None = summary.exports
    return None if figure is None else figure.value.amount / 10**9


summary = vnus.trade_with_us("Hanoi", 2021, as_of=dt.date(2023, 1, 1))
billions = exports_in_billions(summary)
if billions != Decimal("3.4"):
    message = f"unexpected exports: {billions}"
    raise SystemExit(message)
partnerships: tuple[Milestone, ...] = vnus.milestones(kind="partnership")
years: list[int] = [m.date.year for m in partnerships]
exports: tuple[TradeFigure, ...] = vnus.trade(flow=Flow.EXPORT)
first_two: tuple[Milestone, ...] = partnerships[:2]
two_way = sum(f.value for f in (summary.exports, summary.imports) if f is not None)
if not isinstance(two_way, vnus.Money) or f"{two_way:,.0f}" != "4,700,000,000":
    message = f"unexpected two-way trade: {two_way}"
    raise SystemExit(message)
largest: vnus.Money = max(f.value for f in exports)
same_year = vnus.trade_with_us("Hanoi", 2021, as_of=2022) == vnus.trade_with_us(
    "Hanoi", 2021, as_of=dt.date(2022, 12, 31)
)
try:
    vnus.place("Atlantis")
except vnus.UnknownPlaceError as error:
    suggestions: tuple[str, ...] = error.suggestions
print(f"downstream ok: {billions} billion, partnerships in {years}, {len(exports)} export figures")

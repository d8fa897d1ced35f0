"""HTML for notebooks: summaries and tables of records."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vnus._dataset import TradeSummary
    from vnus.records import TradeFigure

__all__ = ["summary_html"]


def _cell(figure: TradeFigure | None) -> str:
    if figure is None:
        return "<td>—</td><td></td><td></td>"
    qualifier = "" if figure.qualifier.name == "EXACT" else figure.qualifier.value
    sources = ", ".join(dict.fromkeys(e.source for e in figure.evidence))
    return (
        f"<td>{escape(str(figure.value))}</td><td>{escape(qualifier)}</td>"
        f"<td>{escape(sources)}</td>"
    )


def summary_html(summary: TradeSummary) -> str:
    """Return a small HTML table of a :class:`~vnus.TradeSummary`."""
    rows = "".join(
        f"<tr><th>{label}</th>{_cell(figure)}</tr>"
        for label, figure in (
            ("Exports", summary.exports),
            ("Imports", summary.imports),
            ("Total", summary.total),
        )
    )
    balance = "—" if summary.balance is None else escape(str(summary.balance))
    title = escape(f"{summary.place.name} ({summary.place.code}) – United States, {summary.year}")
    return (
        f"<table><caption>{title}</caption>"
        "<tr><th></th><th>Value</th><th>Qualifier</th><th>Sources</th></tr>"
        f"{rows}<tr><th>Balance</th><td colspan='3'>{balance}</td></tr></table>"
    )

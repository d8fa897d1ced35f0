"""HTML for notebooks: summaries and tables of records."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from vnus.records import Record, TradeFigure
    from vnus.results import TradeSummary

__all__ = ["records_html", "summary_html"]


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


_MAX_ROWS = 200


def records_html(records: Sequence[Record]) -> str:
    """Return an HTML table of records: id, date, what it says, sources, note."""
    rows = []
    for record in records[:_MAX_ROWS]:
        text = repr(record).split(": ", 1)[-1].rstrip(">")
        sources = ", ".join(dict.fromkeys(e.source for e in record.evidence))
        rows.append(
            f"<tr><td>{escape(type(record).__name__)}</td><td>{escape(record.id)}</td>"
            f"<td>{escape(str(record.when))}</td><td>{escape(text)}</td>"
            f"<td>{escape(sources)}</td><td>{escape(record.note or '')}</td></tr>"
        )
    more = len(records) - _MAX_ROWS
    tail = f"<tr><td colspan='6'>… {more} more</td></tr>" if more > 0 else ""
    return (
        f"<table><caption>{len(records)} record{'' if len(records) == 1 else 's'}</caption>"
        "<tr><th>type</th><th>id</th><th>when</th><th>what</th><th>sources</th><th>note</th></tr>"
        f"{''.join(rows)}{tail}</table>"
    )

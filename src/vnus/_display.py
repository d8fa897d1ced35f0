"""HTML for notebooks: summaries and tables of records."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from vnus.records import Record, TradeFigure
    from vnus.results import TradeSummary

__all__ = ["NOTE_SHOWN", "note_html", "records_html", "summary_html"]


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
#: Notes longer than this show their first words; the whole note unfolds on a click.
NOTE_SHOWN = 80


def note_html(note: str | None) -> str:
    """A note for a table cell: short ones whole, long ones folded in a ``<details>`` element.

    The folded note's summary is its first words up to :data:`NOTE_SHOWN` characters and an
    ellipsis; opening it shows the full text.
    """
    if not note:
        return ""
    if len(note) <= NOTE_SHOWN:
        return escape(note)
    cut = note[:NOTE_SHOWN].rsplit(" ", 1)[0] if " " in note[:NOTE_SHOWN] else note[:NOTE_SHOWN]
    return f"<details><summary>{escape(cut)}…</summary>{escape(note)}</details>"


def records_html(records: Sequence[Record]) -> str:
    """Return an HTML table of records: id, date, what it says, sources, note.

    The date is the record's own, at the precision its source gives (``2020``, ``2023-09``,
    ``2023-09-10..2023-09-11``); long notes are folded (see :func:`note_html`).
    """
    from vnus._spec import when_text  # noqa: PLC0415 -- the record types are loaded by now

    rows = []
    for record in records[:_MAX_ROWS]:
        text = repr(record).split(": ", 1)[-1].rstrip(">")
        sources = ", ".join(dict.fromkeys(e.source for e in record.evidence))
        rows.append(
            f"<tr><td>{escape(type(record).__name__)}</td><td>{escape(record.id)}</td>"
            f"<td>{escape(when_text(record))}</td><td>{escape(text)}</td>"
            f"<td>{escape(sources)}</td><td>{note_html(record.note)}</td></tr>"
        )
    more = len(records) - _MAX_ROWS
    tail = f"<tr><td colspan='6'>… {more} more</td></tr>" if more > 0 else ""
    return (
        f"<table><caption>{len(records)} record{'' if len(records) == 1 else 's'}</caption>"
        "<tr><th>type</th><th>id</th><th>when</th><th>what</th><th>sources</th><th>note</th></tr>"
        f"{''.join(rows)}{tail}</table>"
    )

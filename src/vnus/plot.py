"""Charts of the bundled dataset with matplotlib (the optional ``plot`` extra).

Both functions draw on a :class:`matplotlib.figure.Figure` of their own unless given ``ax``,
so no GUI backend is needed, and return the :class:`~matplotlib.axes.Axes`. matplotlib is
imported the first time a chart is drawn, never by ``import vnus.plot``.

>>> from vnus import plot
>>> ax = plot.trade("Vietnam")
>>> ax.get_ylabel()
'US$ billion'
>>> import io
>>> ax.figure.savefig(io.BytesIO(), format="png")

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING, Any

from vnus.errors import InvalidQueryError, NoDataError
from vnus.records import Delegation, Milestone, TradeFigure
from vnus.types import Flow, PartialDate, Qualifier, Status, _describe

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from vnus.types import Place

__all__ = ["timeline", "trade"]


def __dir__() -> list[str]:
    return list(__all__)


#: One colour per record type and per trade flow, so that charts agree with each other.
_COLORS = {
    "milestone": "tab:blue",
    "delegation": "tab:orange",
    Flow.EXPORT: "tab:blue",
    Flow.IMPORT: "tab:orange",
    Flow.TOTAL: "tab:green",
}
_MARKERS = {"milestone": "o", "delegation": "s"}
_LABEL_WIDTH = 48
_BILLION = 10**9


def _matplotlib() -> tuple[Any, Any, Any]:
    """Import what the charts need: (numpy, the Figure class, the Axes class)."""
    try:
        import numpy as np  # noqa: PLC0415 -- a dependency of matplotlib, loaded with it
        from matplotlib.axes import Axes  # noqa: PLC0415 -- optional extra
        from matplotlib.figure import Figure  # noqa: PLC0415 -- optional extra
    except ImportError as exc:
        msg = 'vnus.plot needs matplotlib: pip install "vnus[plot]"'
        raise ImportError(msg) from exc
    return np, Figure, Axes


def _check_ax(ax: object, axes_class: type) -> None:
    if ax is not None and not isinstance(ax, axes_class):
        msg = f"ax must be a matplotlib Axes or None, got {_describe(ax)}"
        raise InvalidQueryError(msg)


def _axes(ax: Axes | None, figure_class: Any, size: tuple[float, float]) -> Axes:
    """Return *ax*, or the axes of a new figure of *size* inches (no pyplot, no GUI)."""
    if ax is not None:
        return ax
    figure = figure_class(figsize=size, layout="constrained")
    return figure.add_subplot()  # type: ignore[no-any-return]


def _middle(first: dt.date, last: dt.date) -> dt.date:
    return first + (last - first) / 2


# --------------------------------------------------------------------------------------------
# The timeline
# --------------------------------------------------------------------------------------------


def _span(event: Milestone | Delegation) -> tuple[dt.date, dt.date]:
    """The first and last day an event's dates can denote."""
    if isinstance(event, Milestone):
        return event.date.earliest, event.date.latest
    first = event.start if event.start is not None else event.end
    last = event.end if event.end is not None else event.start
    assert first is not None  # noqa: S101 -- a delegation has a start or an end
    assert last is not None  # noqa: S101
    return first.earliest, last.latest


def _date_text(event: Milestone | Delegation) -> str:
    """The event's date as the data knows it: ``2017``, ``2019-07``, ``2023-09-10..2023-09-11``."""
    if isinstance(event, Milestone):
        return str(event.date)
    start, end = event.start, event.end
    if start is not None and end is not None and start != end:
        return f"{start}..{end}"
    known: PartialDate | None = start if start is not None else end
    return str(known)


def _label(event: Milestone | Delegation, names: dict[str, str]) -> str:
    """A milestone's title; for a delegation, who travelled from where to where."""
    if isinstance(event, Milestone):
        return event.title
    leader = event.leader
    who = "Delegation" if leader is None else (leader.name or leader.title or "Delegation")
    destinations = ", ".join(names.get(code, code) for code in event.destinations)
    return f"{who}: {names.get(event.origin, event.origin)} → {destinations}"


def timeline(
    *,
    since: int | dt.date | None = None,
    until: int | dt.date | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw milestones and delegations on a time axis, one labelled row per event.

    Events come from :func:`vnus.timeline` and keep its order: the earliest at the top. Each
    event is a marker at the middle of the days its date can denote, with a thin bar across
    those days (a whole year for a date known only to the year, the days of a visit) and its
    label beside it: a milestone's title, or for a delegation who travelled from where to
    where. The row's tick label is the date as the data knows it (``2017``, ``2019-07``).

    Milestones are circles, delegations squares; planned events (:attr:`vnus.Status.PLANNED`)
    have a hollow marker and an italic label. The legend names each kind present.

    Args:
        since: The first year (an int) or day (a :class:`datetime.date`) to show.
        until: The last year or day to show.
        ax: The matplotlib axes to draw on; by default a new
            :class:`~matplotlib.figure.Figure` sized to the number of events.

    Returns:
        The axes drawn on.

    Raises:
        ImportError: matplotlib is not installed.
        InvalidQueryError: An argument has the wrong type or value.
        NoDataError: No milestone or delegation lies within [since, until].

    Examples:
        >>> from vnus import plot
        >>> ax = plot.timeline(since=2023, until=2023)
        >>> [" ".join(text.get_text().split()) for text in ax.texts]
        ['2023 Vietnam-US Joint Statement', 'Joe Biden: United States → Hanoi',
         'Vietnam-US Comprehensive Strategic Partnership',
         'White House makes public plans to strengthen collaboration with Vietnam',
         'Vietnam-US high-level conference on investment and innovation']
        >>> ax.get_legend_handles_labels()[1]
        ['milestone', 'delegation']
        >>> plot.timeline(since=1900, until=1901)
        Traceback (most recent call last):
        ...
        vnus.errors.NoDataError: no milestone or delegation between 1900 and 1901
    """
    np, figure_class, axes_class = _matplotlib()
    from vnus._dataset import dataset  # noqa: PLC0415 -- the bundled data, on first use

    ds = dataset()
    events = ds.timeline(since=since, until=until)  # checks since and until
    _check_ax(ax, axes_class)
    if not events:
        low = "the beginning" if since is None else str(since)
        high = "now" if until is None else str(until)
        msg = f"no milestone or delegation between {low} and {high}"
        raise NoDataError(msg)
    axes = _axes(ax, figure_class, (10.0, 1.5 + 0.32 * len(events)))
    names = {p.code: p.name for p in ds.places()}
    spans = [_span(e) for e in events]
    low_day = min(first for first, _ in spans)
    high_day = max(last for _, last in spans)
    right_half = _middle(low_day, high_day)

    def days(values: list[dt.date]) -> Any:
        return np.array(values, dtype="datetime64[D]")

    axes.hlines(
        list(range(len(events))),
        days([first for first, _ in spans]),
        days([last for _, last in spans]),
        colors=[_COLORS[type(e).__name__.lower()] for e in events],
        linewidth=2,
        alpha=0.35,
    )
    for kind, cls in (("milestone", Milestone), ("delegation", Delegation)):
        for planned in (False, True):
            rows = [
                i
                for i, e in enumerate(events)
                if isinstance(e, cls) and (e.status is Status.PLANNED) is planned
            ]
            if not rows:
                continue
            axes.plot(
                days([_middle(*spans[i]) for i in rows]),
                rows,
                linestyle="none",
                marker=_MARKERS[kind],
                markersize=7,
                color=_COLORS[kind],
                markerfacecolor="none" if planned else _COLORS[kind],
                label=f"{kind} (planned)" if planned else kind,
            )
    for row, (event, (first, last)) in enumerate(zip(events, spans, strict=True)):
        on_left = _middle(first, last) > right_half
        axes.annotate(
            textwrap.fill(_label(event, names), _LABEL_WIDTH),
            xy=(days([first if on_left else last])[0], row),
            xytext=(-6 if on_left else 6, 0),
            textcoords="offset points",
            ha="right" if on_left else "left",
            va="center",
            fontsize=8,
            fontstyle="italic" if event.status is Status.PLANNED else "normal",
            gid=event.id,
        )
    margin = dt.timedelta(days=max(30, (high_day - low_day).days // 40))
    axes.set_xlim(days([low_day - margin, high_day + margin]))
    axes.set_ylim(len(events) - 0.5, -0.5)
    axes.set_yticks(range(len(events)), [_date_text(e) for e in events], fontsize=8)
    axes.grid(axis="x", alpha=0.3)
    axes.set_title("Vietnam–United States: milestones and delegations")
    axes.legend(loc="best", fontsize=8)
    return axes


# --------------------------------------------------------------------------------------------
# Trade
# --------------------------------------------------------------------------------------------


def _note(figure: TradeFigure) -> str:
    """The words printed beside a point: its qualifier if approximate, its period if partial."""
    parts = []
    if figure.qualifier is not Qualifier.EXACT:
        parts.append(figure.qualifier.value)
    if not figure.period.is_full_year:
        parts.append(str(figure.period))
    return ", ".join(parts)


def trade(place: str | Place, *, ax: Axes | None = None) -> Axes:
    """Draw *place*'s trade with the United States over time, one line per flow.

    Every figure :func:`vnus.trade` holds with *place* as the reporter and the United States
    as the partner is a point at the middle of its period, in US$ billions. Full-year figures
    of one flow are joined by a line labelled with the flow (``export``, ``import``,
    ``total``); a figure for part of a year (January to August, say) is not comparable with a
    year's total, so it stands apart: a square of the same colour, a bar across its months, and
    a legend entry of its own (``total, part of a year``). Approximate figures (any
    qualifier but :attr:`vnus.Qualifier.EXACT`) are ringed, with one legend entry for all of
    them, and every approximate or partial point is annotated with its qualifier and period
    (``nearly, 2024-01..2024-08``). Figures in another currency than the US dollar are left
    out (the bundled data has none).

    Args:
        place: A place code, name or alias, or a :class:`vnus.Place`; not the United States.
        ax: The matplotlib axes to draw on; by default a new
            :class:`~matplotlib.figure.Figure`.

    Returns:
        The axes drawn on.

    Raises:
        ImportError: matplotlib is not installed.
        InvalidQueryError: An argument has the wrong type or value.
        UnknownPlaceError: *place* is no known place.
        NoDataError: There is no trade figure between *place* and the United States.

    Examples:
        >>> from vnus import plot
        >>> ax = plot.trade("Hà Nội")
        >>> ax.get_legend_handles_labels()[1]
        ['export', 'import', 'approximate (estimated)']
        >>> ax.lines[0].get_ydata().tolist()
        [3.0, 3.4]
        >>> plot.trade("Utah")
        Traceback (most recent call last):
        ...
        vnus.errors.NoDataError: no trade figure for Utah (US-UT) with the United States; ...
    """
    np, figure_class, axes_class = _matplotlib()
    from vnus._dataset import UNITED_STATES, dataset  # noqa: PLC0415 -- on first use

    ds = dataset()
    resolved = ds._resolve_place("place", place)  # noqa: SLF001 -- errors name the argument
    if resolved.code == UNITED_STATES:
        msg = "place must not be the United States itself; expected a place that trades with it"
        raise InvalidQueryError(msg)
    _check_ax(ax, axes_class)
    figures = [
        f
        for f in ds.trade(reporter=resolved, partner=UNITED_STATES)
        if f.reporter == resolved.code and f.partner == UNITED_STATES and f.value.currency == "USD"
    ]
    if not figures:
        reporters = sorted(
            {
                f"{ds.place(f.reporter).name} ({f.reporter})"
                for f in ds.trade(partner=UNITED_STATES)
                if f.partner == UNITED_STATES
            }
        )
        msg = (
            f"no trade figure for {resolved.name} ({resolved.code}) with the United States; "
            f"places with figures: {', '.join(reporters) or 'none'}"
        )
        raise NoDataError(msg)
    axes = _axes(ax, figure_class, (8.0, 4.5))

    def billions(items: list[TradeFigure]) -> list[float]:
        return [float(f.value.amount) / _BILLION for f in items]

    def middles(items: list[TradeFigure]) -> Any:
        days = [_middle(f.period.start, f.period.end) for f in items]
        return np.array(days, dtype="datetime64[D]")

    for flow in Flow:
        mine = [f for f in figures if f.flow is flow]
        full = [f for f in mine if f.period.is_full_year]
        partial = [f for f in mine if not f.period.is_full_year]
        color = _COLORS[flow]
        if full:
            axes.plot(
                middles(full),
                billions(full),
                marker="o",
                color=color,
                label=flow.value,
                gid=f"trade-{flow.value}",
            )
        if partial:
            axes.hlines(
                billions(partial),
                np.array([f.period.start for f in partial], dtype="datetime64[D]"),
                np.array([f.period.end for f in partial], dtype="datetime64[D]"),
                colors=color,
                linewidth=2,
                alpha=0.5,
            )
            axes.plot(
                middles(partial),
                billions(partial),
                linestyle="none",
                marker="s",
                color=color,
                label=f"{flow.value}, part of a year",
                gid=f"trade-{flow.value}-partial",
            )
    approximate = [f for f in figures if f.qualifier is not Qualifier.EXACT]
    if approximate:
        words = ", ".join(q.value for q in Qualifier if any(f.qualifier is q for f in approximate))
        axes.plot(
            middles(approximate),
            billions(approximate),
            linestyle="none",
            marker="o",
            markersize=13,
            markerfacecolor="none",
            markeredgecolor="black",
            label=f"approximate ({words})",
            gid="trade-approximate",
        )
    for figure in figures:
        note = _note(figure)
        if note:
            axes.annotate(
                note,
                xy=(middles([figure])[0], float(figure.value.amount) / _BILLION),
                xytext=(0, 10),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
                gid=figure.id,
            )
    axes.set_ylim(bottom=0, top=max(billions(figures)) * 1.2)
    axes.set_ylabel("US$ billion")
    axes.set_xlabel("middle of each period")
    axes.set_title(f"{resolved.name} ({resolved.code}): trade with the United States")
    axes.grid(alpha=0.3)
    axes.legend(loc="best", fontsize=8)
    return axes

"""Charts of the bundled dataset with matplotlib (the optional ``plot`` extra).

Both functions draw on the ``ax`` they are given, or on a new
:class:`matplotlib.figure.Figure`, and return the :class:`~matplotlib.axes.Axes` drawn on.
They never go through pyplot, so scripts and servers need no GUI backend and no figure is
kept alive between calls: save a chart with ``ax.figure.savefig("chart.png")``.

In a notebook, a cell that ends with a chart shows it, as a cell ending with pandas'
``.plot()`` does: the axes of a new figure show as a PNG of it. Axes you pass in are yours,
and show as your front end shows them (with ``%matplotlib inline``, pyplot's figures show at
the end of the cell).

matplotlib is imported the first time a chart is drawn, never by ``import vnus.plot``.

>>> import io
>>> from vnus import plot
>>> ax = plot.trade("Vietnam")
>>> ax.get_title().splitlines()[0], ax.get_ylabel()
('Vietnam (VN): trade with the United States', 'US$ billion')
>>> ax.figure.savefig(io.BytesIO(), format="png")
>>> ax._repr_png_()[1:4]  # what a notebook shows: a PNG of the figure
b'PNG'

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   A chart on a new figure shows itself in a notebook.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from typing import TYPE_CHECKING, Any, NamedTuple

from vnus._args import check_text
from vnus._parse import describe as _describe
from vnus.errors import InvalidQueryError, NoDataError, UnknownPlaceError
from vnus.records import Delegation, Milestone, TradeFigure
from vnus.types import Flow, Place, Qualifier, Status

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from vnus._dataset import Dataset

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


class _Kit(NamedTuple):
    """The parts of numpy and matplotlib the charts use, imported on first use."""

    np: Any
    dates: Any
    figure_class: Any
    axes_class: type
    chart_class: type

    def days(self, values: list[dt.date]) -> Any:
        """Dates as a numpy ``datetime64[D]`` array, which matplotlib plots on a date axis."""
        return self.np.array(values, dtype="datetime64[D]")

    def axes(self, ax: object, size: tuple[float, float]) -> Axes:
        """Return *ax*, or the axes of a new figure of *size* inches."""
        if ax is None:
            figure = self.figure_class(figsize=size, layout="constrained")
            return figure.add_subplot(axes_class=self.chart_class)  # type: ignore[no-any-return]
        return ax  # type: ignore[return-value]  # checked by check_ax

    def check_ax(self, ax: object) -> None:
        """Raise :class:`InvalidQueryError` unless *ax* is None or a matplotlib Axes."""
        if ax is not None and not isinstance(ax, self.axes_class):
            msg = f"ax must be a matplotlib Axes or None, got {_describe(ax)}"
            raise InvalidQueryError(msg)


def _kit() -> _Kit:
    try:
        import numpy as np  # noqa: PLC0415 -- a dependency of matplotlib, loaded with it
        from matplotlib import dates  # noqa: PLC0415 -- the optional extra
        from matplotlib.axes import Axes  # noqa: PLC0415
        from matplotlib.figure import Figure  # noqa: PLC0415

        from vnus._chart import ChartAxes  # noqa: PLC0415 -- imports matplotlib
    except ImportError as exc:
        msg = (
            "vnus.plot needs matplotlib: pip install matplotlib"
            ' (or, in a clone of vnus, pip install ".[plot]")'
        )
        raise ImportError(msg) from exc
    return _Kit(np, dates, Figure, Axes, ChartAxes)


def _bundled() -> Dataset:
    from vnus._bundled import dataset  # noqa: PLC0415 -- the bundled data, on first use

    return dataset()


def _middle(first: dt.date, last: dt.date) -> dt.date:
    return first + (last - first) / 2


# --------------------------------------------------------------------------------------------
# The timeline
# --------------------------------------------------------------------------------------------


def _span(event: Milestone | Delegation) -> tuple[dt.date, dt.date]:
    """The first and last day an event's dates can denote."""
    if isinstance(event, Milestone):
        return event.date.earliest, (event.end or event.date).latest
    first = event.start if event.start is not None else event.end
    last = event.end if event.end is not None else event.start
    assert first is not None  # noqa: S101 -- a delegation has a start or an end
    assert last is not None  # noqa: S101
    return first.earliest, last.latest


def _date_text(event: Milestone | Delegation) -> str:
    """The date as the data knows it: ``2017``, ``2019-07``, ``..2022-11-04``.

    An undated milestone shows its upper bound: ``..2020-07-14``.
    """
    if isinstance(event, Milestone):
        if event.undated:
            return f"..{event.date}"
        return str(event.date) if event.end is None else f"{event.date}..{event.end}"
    start, end = event.start, event.end
    if start is None:
        return f"..{end}"
    if end is None or end == start:
        return str(start)
    return f"{start}..{end}"


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

    The events are those of :func:`vnus.timeline`, in its order from the top. Each is a marker
    at the middle of the days its date can denote, on a thin bar across those days (a whole
    year for a date known only to the year; the days of a visit), with its label beside it: a
    milestone's title, or for a delegation who travelled from where to where
    (``Joe Biden: United States → Hanoi``). The row's tick label is the date as the data
    knows it (``2017``, ``2019-07``, ``2023-09-10..2023-09-11``). An undated milestone, which
    may lie anywhere up to its date and so falls within any range that begins by then, is
    drawn at that date, its upper bound, and labelled ``..2020-07-14``.

    Milestones are circles, delegations squares. Planned events (:attr:`vnus.Status.PLANNED`)
    have a hollow marker and an italic label, and their own legend entry.

    Args:
        since: The first year (an int) or day (a :class:`datetime.date`) to show.
        until: The last year or day to show.
        ax: The axes to draw on; by default those of a new figure sized to the events.

    Returns:
        The axes drawn on: *ax*, or the axes of a new figure, which a notebook shows.

    Raises:
        ImportError: matplotlib is not installed.
        InvalidQueryError: An argument has the wrong type or value.
        NoDataError: No milestone or delegation lies within [since, until].

    Examples:
        >>> from vnus import plot
        >>> ax = plot.timeline(since=2018, until=2018)
        >>> import textwrap
        >>> for text in ax.texts:
        ...     print(textwrap.shorten(text.get_text(), 90))
        Hanoi tourism promotion on CNN, 2017-2018
        Mayor of Los Angeles: Los Angeles → Hanoi
        Michael R. Pompeo: United States → Hanoi
        Memorandum of Understanding between Hanoi and US technology corporations (Dell, Microsoft)
        Hanoi donates medical supplies to New York City
        "Clean air - Green city" project of Hanoi and USAID
        Vietnam's Human Resources Project for the semiconductor industry
        Vietnam's Semiconductor Industry Development Strategy
        To Lam meets the leadership of the Asia Society
        To Lam holds discussions with US leftist groups, the Communist Party and friends of [...]
        >>> [label.get_text() for label in ax.get_yticklabels()][:3]
        ['2017..2018', '2018', '2018-07-08..2018-07-09']
        >>> ax.get_legend_handles_labels()[1]
        ['milestone', 'delegation']
        >>> plot.timeline(since=2027, until=2029)
        Traceback (most recent call last):
        ...
        vnus.errors.NoDataError: no milestone or delegation between 2027 and 2029
    """
    kit = _kit()
    ds = _bundled()
    events = ds.timeline(since=since, until=until)  # checks since and until
    kit.check_ax(ax)
    if not events:
        low = "the beginning" if since is None else str(since)
        high = "the end" if until is None else str(until)
        msg = f"no milestone or delegation between {low} and {high}"
        raise NoDataError(msg)
    axes = kit.axes(ax, (10.0, 1.5 + 0.32 * len(events)))
    names = {p.code: p.name for p in ds.places()}
    spans = [_span(e) for e in events]
    low_day = min(first for first, _ in spans)
    high_day = max(last for _, last in spans)

    axes.hlines(
        list(range(len(events))),
        kit.days([first for first, _ in spans]),
        kit.days([last for _, last in spans]),
        colors=[_COLORS[type(e).__name__.lower()] for e in events],
        linewidth=2,
        alpha=0.35,
    )
    for kind, cls in (("milestone", Milestone), ("delegation", Delegation)):
        for planned in (False, True):
            rows = [
                row
                for row, e in enumerate(events)
                if isinstance(e, cls) and (e.status is Status.PLANNED) is planned
            ]
            if rows:
                axes.plot(
                    kit.days([_middle(*spans[row]) for row in rows]),
                    rows,
                    linestyle="none",
                    marker=_MARKERS[kind],
                    markersize=7,
                    color=_COLORS[kind],
                    markerfacecolor="none" if planned else _COLORS[kind],
                    label=f"{kind} (planned)" if planned else kind,
                )
    for row, (event, (first, last)) in enumerate(zip(events, spans, strict=True)):
        # Labels of events in the later half stand to the left, so that they stay inside.
        on_left = _middle(first, last) > _middle(low_day, high_day)
        axes.annotate(
            textwrap.fill(_label(event, names), _LABEL_WIDTH),
            xy=(kit.days([first if on_left else last])[0], row),
            xytext=(-6 if on_left else 6, 0),
            textcoords="offset points",
            ha="right" if on_left else "left",
            va="center",
            fontsize=8,
            fontstyle="italic" if event.status is Status.PLANNED else "normal",
            gid=event.id,
        )
    margin = dt.timedelta(days=max(30, (high_day - low_day).days // 40))
    axes.set_xlim(kit.days([low_day - margin, high_day + margin]))
    axes.set_ylim(len(events) - 0.5, -0.5)
    axes.set_yticks(range(len(events)), [_date_text(e) for e in events], fontsize=8)
    axes.grid(axis="x", alpha=0.3)
    axes.set_title("Vietnam–United States: milestones and delegations")
    axes.legend(loc="best", fontsize=8)
    return axes


# --------------------------------------------------------------------------------------------
# Trade
# --------------------------------------------------------------------------------------------


def _billions(figure: TradeFigure) -> float:
    return float(figure.value.amount) / _BILLION


def _middle_of(figure: TradeFigure) -> dt.date:
    return _middle(figure.period.start, figure.period.end)


def _note(figure: TradeFigure) -> str:
    """The words beside a point: its qualifier if approximate, its period if partial."""
    parts = []
    if figure.qualifier is not Qualifier.EXACT:
        parts.append(figure.qualifier.value)
    if not figure.period.is_full_year:
        parts.append(str(figure.period))
    return ", ".join(parts)


def _broken_at_gaps(figures: list[TradeFigure]) -> tuple[list[dt.date], list[float]]:
    """Full-year figures as points, with a NaN between years that are not consecutive."""
    xs: list[dt.date] = []
    ys: list[float] = []
    previous: int | None = None
    for figure in figures:
        year = figure.period.start.year
        if previous is not None and year > previous + 1:
            xs.append(dt.date(previous + 1, 1, 1))
            ys.append(math.nan)
        xs.append(_middle_of(figure))
        ys.append(_billions(figure))
        previous = year
    return xs, ys


#: The markers of a place's own figures drawn beside the U.S. series.
_OWN_MARKERS = {Flow.EXPORT: "^", Flow.IMPORT: "v", Flow.TOTAL: "D"}


def _draw_mirror(kit: _Kit, axes: Axes, place: Place, mirror: list[TradeFigure]) -> list[float]:
    """The United States' full-year figures for *place*: both flows and the balance."""
    series = {
        Flow.EXPORT: [f for f in mirror if f.flow is Flow.IMPORT],  # U.S. imports: its exports
        Flow.IMPORT: [f for f in mirror if f.flow is Flow.EXPORT],
    }
    values: list[float] = []
    for flow, figures in series.items():
        if figures:
            xs, ys = _broken_at_gaps(figures)
            axes.plot(
                kit.days(xs),
                ys,
                color=_COLORS[flow],
                label=f"{flow.value}s of {place.name} (U.S. figures)",
                gid=f"us-{flow.value}",
            )
            values += [y for y in ys if not math.isnan(y)]
    sold = {f.period.start.year: f for f in series[Flow.EXPORT]}
    bought = {f.period.start.year: f for f in series[Flow.IMPORT]}
    years = sorted(set(sold) & set(bought))
    if years:
        balance = [_billions(sold[y]) - _billions(bought[y]) for y in years]
        axes.plot(
            kit.days([dt.date(y, 7, 2) for y in years]),
            balance,
            color="0.4",
            linestyle="--",
            label=f"balance of {place.name} (U.S. figures)",
            gid="us-balance",
        )
        values += balance
    return values


def _us_figures(ds: Dataset, place: object) -> tuple[Place, list[TradeFigure], list[TradeFigure]]:
    """Resolve *place*; return its own figures and the United States' for it (US dollars).

    The United States' figures are its full-year figures with *place* as the partner.
    """
    from vnus._dataset import UNITED_STATES  # noqa: PLC0415

    if not isinstance(place, Place):
        check_text("place", place)
    try:
        resolved = ds.place(place)  # type: ignore[arg-type]  # a str or Place, checked above
    except UnknownPlaceError as exc:  # name the argument of this function, not of place()
        raise UnknownPlaceError(exc.query, exc.suggestions, argument="place") from None
    if resolved.code == UNITED_STATES:
        msg = "place must not be the United States itself; expected a place that trades with it"
        raise InvalidQueryError(msg)
    figures = [
        f
        for f in ds.trade(reporter=resolved, partner=UNITED_STATES)
        if f.reporter == resolved.code and f.partner == UNITED_STATES and f.value.currency == "USD"
    ]
    mirror = [
        f
        for f in ds.trade(reporter=UNITED_STATES, partner=resolved)
        if f.partner == resolved.code and f.period.is_full_year and f.value.currency == "USD"
    ]
    if not figures and not mirror:
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
    return resolved, figures, mirror


def _draw_flow(kit: _Kit, axes: Axes, flow: Flow, figures: list[TradeFigure]) -> None:
    """One flow: a line through its full-year figures, squares on bars for partial ones."""
    full = [f for f in figures if f.period.is_full_year]
    partial = [f for f in figures if not f.period.is_full_year]
    color = _COLORS[flow]
    if full:
        xs, ys = _broken_at_gaps(full)
        axes.plot(kit.days(xs), ys, marker="o", color=color, label=flow.value)
    if partial:
        axes.hlines(
            [_billions(f) for f in partial],
            kit.days([f.period.start for f in partial]),
            kit.days([f.period.end for f in partial]),
            colors=color,
            linewidth=2,
            alpha=0.5,
        )
        axes.plot(
            kit.days([_middle_of(f) for f in partial]),
            [_billions(f) for f in partial],
            linestyle="none",
            marker="s",
            color=color,
            label=f"{flow.value}, part of a year",
        )


def _draw_approximate(kit: _Kit, axes: Axes, figures: list[TradeFigure]) -> None:
    """Ring the approximate figures (one legend entry) and annotate every special point."""
    approximate = [f for f in figures if f.qualifier is not Qualifier.EXACT]
    if approximate:
        words = ", ".join(q.value for q in Qualifier if any(f.qualifier is q for f in approximate))
        axes.plot(
            kit.days([_middle_of(f) for f in approximate]),
            [_billions(f) for f in approximate],
            linestyle="none",
            marker="o",
            markersize=13,
            markerfacecolor="none",
            markeredgecolor="black",
            label=f"approximate ({words})",
        )
    for figure in figures:
        note = _note(figure)
        if note:
            axes.annotate(
                note,
                xy=(kit.days([_middle_of(figure)])[0], _billions(figure)),
                xytext=(0, 10),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8,
                gid=figure.id,
            )


def trade(place: str | Place, *, ax: Axes | None = None) -> Axes:
    """Draw *place*'s trade with the United States over time, one line per flow.

    Where the United States reports figures for *place* (the U.S. Census figures for
    Vietnam), they are the lines: the place's exports (U.S. imports), its imports (U.S.
    exports) and its balance (dashed), year by year; the place's own figures, from the
    articles, are drawn beside them as distinct points (triangles and diamonds, one legend
    entry per flow), never joined to the U.S. lines: the two reporters' figures differ.
    Otherwise, the place's own figures are drawn as follows.

    Each figure with *place* itself as the reporter and the United States as the partner (see
    :func:`vnus.trade`) is a point at the middle of its period, in US$ billions. The full-year
    figures of a flow are joined by a line labelled with the flow (``export``, ``import``,
    ``total``), broken where a year has no figure (its data holds a NaN there); several
    figures for one year, from different sources, are all drawn. A figure for part of a year
    is not comparable with a year's, so it stands apart: a square of the flow's colour on a
    bar across its months, with a legend entry of its own (``total, part of a year``).

    Approximate figures (any qualifier but :attr:`vnus.Qualifier.EXACT`) are ringed, with one
    legend entry for them all (``approximate (nearly, over)``), and every approximate or
    partial point is annotated with its qualifier and period (``nearly, 2024-01..2024-08``).
    Figures in a currency other than the US dollar are left out (the bundled data has none).

    Args:
        place: A place code, name or alias, or a :class:`vnus.Place`; not the United States.
        ax: The axes to draw on; by default those of a new figure.

    Returns:
        The axes drawn on: *ax*, or the axes of a new figure, which a notebook shows.

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
        >>> ax.lines[0].get_ydata().tolist()  # exports: 2019, no figure for 2020, 2021
        [3.0, nan, 3.4]
        >>> v = plot.trade("Vietnam")
        >>> v.get_legend_handles_labels()[1][:3]  # doctest: +NORMALIZE_WHITESPACE
        ['exports of Vietnam (U.S. figures)', 'imports of Vietnam (U.S. figures)',
         'balance of Vietnam (U.S. figures)']
        >>> plot.trade("Utah")
        Traceback (most recent call last):
        ...
        vnus.errors.NoDataError: no trade figure for Utah (US-UT) with the United States; ...
    """
    kit = _kit()
    ds = _bundled()
    resolved, figures, mirror = _us_figures(ds, place)
    kit.check_ax(ax)
    axes = kit.axes(ax, (8.0, 4.5))
    if mirror:
        values = _draw_mirror(kit, axes, resolved, mirror)
        for flow in Flow:
            mine = [f for f in figures if f.flow is flow]
            if mine:
                axes.plot(
                    kit.days([_middle_of(f) for f in mine]),
                    [_billions(f) for f in mine],
                    linestyle="none",
                    marker=_OWN_MARKERS[flow],
                    markersize=8,
                    color=_COLORS[flow],
                    markeredgecolor="black",
                    label=f"{flow.value}, reported by {resolved.name}",
                    gid=f"own-{flow.value}",
                )
    else:
        values = [_billions(f) for f in figures]
        for flow in Flow:
            mine = [f for f in figures if f.flow is flow]
            if mine:
                _draw_flow(kit, axes, flow, mine)
    _draw_approximate(kit, axes, figures)
    values += [_billions(f) for f in figures]

    # Whole years on the x axis: grid lines at 1 January, each year's label in its middle.
    spans = [*figures, *mirror]
    first = min(f.period.start.year for f in spans)
    last = max(f.period.end.year for f in spans)
    step = 1 if last - first < 15 else 5  # noqa: PLR2004 -- a label a year fits 15 years
    axes.set_xlim(kit.days([dt.date(first, 1, 1), dt.date(last + 1, 1, 1)]))
    axes.xaxis.set_major_locator(kit.dates.YearLocator(step))
    axes.xaxis.set_major_formatter(kit.dates.DateFormatter("" if step == 1 else "%Y"))
    if step == 1:
        axes.xaxis.set_minor_locator(kit.dates.YearLocator(month=7, day=2))
        axes.xaxis.set_minor_formatter(kit.dates.DateFormatter("%Y"))
        axes.tick_params(axis="x", which="minor", length=0)
    low = min(0.0, *values)
    axes.set_ylim(bottom=low * 1.2, top=max(values) * 1.2)
    axes.set_ylabel("US$ billion")
    axes.set_xlabel("year (each point at the middle of its period)")
    title = f"{resolved.name} ({resolved.code}): trade with the United States"
    if mirror:
        title += "\n(lines: U.S. figures, whose imports are its exports; points: its own)"
    axes.set_title(title)
    axes.grid(alpha=0.3)
    axes.legend(loc="best", fontsize=8)
    return axes

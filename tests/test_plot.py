"""vnus.plot: what each chart draws, rendered to PNG with Agg, and the errors it raises."""

import datetime as dt
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

import numpy as np
from hypothesis import given, strategies as st
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.image import imread

import vnus
from vnus import Delegation, Flow, Milestone, Qualifier, Status, VnusError, plot


def names():
    """Place names by code, from the bundled dataset (loaded on first use)."""
    return {p.code: p.name for p in vnus.dataset().places()}


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def render(ax, path):
    """Render the axes' figure to a PNG file with the Agg backend; return the image array."""
    FigureCanvasAgg(ax.figure)
    ax.figure.savefig(path)
    assert path.read_bytes().startswith(PNG_MAGIC)
    return imread(path)


def flat(text):
    """A label with its line wrapping undone."""
    return " ".join(text.get_text().split())


def expected_label(event):
    if isinstance(event, Milestone):
        return event.title
    leader = event.leader
    who = "Delegation" if leader is None else (leader.name or leader.title)
    return f"{who}: {names()[event.origin]} → {', '.join(names()[c] for c in event.destinations)}"


def series(ax):
    """The labelled lines of the axes, by label."""
    return {line.get_label(): line for line in ax.lines if not line.get_label().startswith("_")}


def days(values):
    return np.array(values, dtype="datetime64[D]")


def middle(first, last):
    return first + (last - first) / 2


def us_figures(code):
    return [f for f in vnus.dataset().trade(reporter=code, partner="US") if f.reporter == code]


# --------------------------------------------------------------------------------------------
# Import and the optional extra
# --------------------------------------------------------------------------------------------


def test_importing_vnus_plot_does_not_import_matplotlib():
    code = "import sys, vnus.plot; print('matplotlib' in sys.modules)"
    result = subprocess.run(  # noqa: S603 -- a fixed command line
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_without_matplotlib_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    for draw in (plot.timeline, lambda: plot.trade("Hanoi")):
        hint = r"pip install matplotlib .*pip install \"\.\[plot\]\""
        with pytest.raises(ImportError, match=hint):
            draw()


def test_charts_never_import_pyplot():
    """Drawing, on new or given axes, and rendering for a notebook leave pyplot unimported."""
    code = (
        "import sys; from matplotlib.figure import Figure; from vnus import plot; "
        "ax = Figure().add_subplot(); plot.trade('Vietnam', ax=ax); plot.timeline(ax=ax); "
        "plot.trade('Hanoi')._repr_png_(); plot.timeline(since=2020)._repr_png_(); "
        "print('matplotlib.pyplot' in sys.modules)"
    )
    result = subprocess.run(  # noqa: S603 -- a fixed command line
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "draw",
    [lambda: plot.trade("Hanoi"), lambda: plot.timeline(since=2023, until=2023)],
    ids=["trade", "tl"],
)
def test_a_chart_on_a_new_figure_shows_itself_as_a_png(draw, tmp_path):
    """A notebook shows such axes as the PNG of their whole figure, at its size."""
    ax = draw()
    png = ax._repr_png_()
    assert png.startswith(PNG_MAGIC)
    (tmp_path / "shown.png").write_bytes(png)
    shown = imread(tmp_path / "shown.png")
    width, height = ax.figure.get_size_inches() * ax.figure.dpi
    assert shown.shape[:2] == (round(height), round(width))
    saved = render(ax, tmp_path / "saved.png")
    assert saved.shape == shown.shape
    # The picture savefig makes (constrained layout may settle a pixel after the first draw).
    assert np.mean(np.any(saved != shown, axis=2)) < 0.05
    assert len(np.unique(shown.reshape(-1, shown.shape[2]), axis=0)) > 10  # drawn, not blank
    assert isinstance(ax, Axes)


def test_given_axes_are_returned_as_they_are():
    """Axes the caller passes in are the caller's: returned unchanged, of their own class."""
    for draw in (plot.trade, lambda ax: plot.timeline(since=2023, ax=ax)):
        ax = Figure().add_subplot()
        if draw is plot.trade:
            assert draw("Hanoi", ax=ax) is ax
        else:
            assert draw(ax) is ax
        assert type(ax) is Axes
        assert not hasattr(ax, "_repr_png_")


def test_public_surface():
    assert plot.__all__ == ["timeline", "trade"]
    assert dir(plot) == ["timeline", "trade"]


# --------------------------------------------------------------------------------------------
# timeline
# --------------------------------------------------------------------------------------------


def test_timeline_renders_every_event_with_its_label(tmp_path):
    ax = plot.timeline()
    assert isinstance(ax, Axes)
    image = render(ax, tmp_path / "timeline.png")
    assert image.shape[0] > 300
    events = vnus.timeline()
    assert [flat(t) for t in ax.texts] == [expected_label(e) for e in events]
    assert [t.get_gid() for t in ax.texts] == [e.id for e in events]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[:3] == ["1950-02-07", "1950-02-17", "1952-06-24"]


def test_timeline_labels_name_the_delegations_travellers():
    labels = {t.get_gid(): flat(t) for t in plot.timeline().texts}
    assert labels["biden-state-visit-vietnam-2023"] == "Joe Biden: United States → Hanoi"
    assert labels["hanoi-officials-florida-food-safety-training-2019"] == (
        "Delegation: Hanoi → Florida"
    )
    assert labels["utah-governor-visit-hanoi-2017"] == "Governor of Utah: Utah → Hanoi"


def test_timeline_has_one_series_per_kind_and_status_with_one_point_per_event():
    ax = plot.timeline()
    events = vnus.timeline()
    lines = series(ax)
    assert list(lines) == ["milestone", "milestone (planned)", "delegation"]
    assert ax.get_legend_handles_labels()[1] == list(lines)
    groups = {
        "milestone": [
            e for e in events if isinstance(e, Milestone) and e.status is Status.HAPPENED
        ],
        "milestone (planned)": [
            e for e in events if isinstance(e, Milestone) and e.status is Status.PLANNED
        ],
        "delegation": [e for e in events if isinstance(e, Delegation)],
    }
    assert sum(map(len, groups.values())) == len(events)
    for label, members in groups.items():
        line = lines[label]
        assert len(line.get_xdata()) == len(members), label
        rows = [events.index(e) for e in members]
        assert line.get_ydata().tolist() == rows
    assert lines["milestone"].get_marker() == "o"
    assert lines["delegation"].get_marker() == "s"


def test_timeline_points_sit_in_the_middle_of_each_events_dates():
    ax = plot.timeline(since=2017, until=2017)
    events = vnus.timeline(since=2017, until=2017)
    milestones = [e for e in events if isinstance(e, Milestone)]
    xs = series(ax)["milestone"].get_xdata()
    # An undated milestone, which may have happened on any day up to its date, stands at the
    # date itself: the middle of the days the date denotes.
    expected = [
        middle(m.date.earliest, m.date.latest) if m.undated else middle(*m.span) for m in milestones
    ]
    assert xs.tolist() == days(expected).tolist()
    # a date known only to the year: the year's middle; a programme of 2017-2018: its middle
    assert {str(x) for x in xs} >= {"2017-07-02", "2017-12-31"}


def test_planned_events_are_hollow_and_italic():
    ax = plot.timeline(since=2025)
    [planned] = vnus.timeline(since=2025)
    assert planned.status is Status.PLANNED
    line = series(ax)["milestone (planned)"]
    assert line.get_markerfacecolor() == "none"
    assert series(plot.timeline())["milestone"].get_markerfacecolor() != "none"
    [text] = ax.texts
    assert flat(text) == planned.title
    assert text.get_fontstyle() == "italic"
    assert all(t.get_fontstyle() == "normal" for t in plot.timeline(until=2024).texts)


def test_timeline_filters_like_vnus_timeline():
    for since, until in [(2023, 2023), (dt.date(2024, 6, 1), None), (None, 2013)]:
        ax = plot.timeline(since=since, until=until)
        expected = vnus.timeline(since=since, until=until)
        assert [t.get_gid() for t in ax.texts] == [e.id for e in expected]


def test_timeline_draws_on_the_axes_it_is_given(tmp_path):
    figure = Figure()
    ax = figure.add_subplot()
    assert plot.timeline(since=2024, ax=ax) is ax
    render(ax, tmp_path / "given.png")


# --------------------------------------------------------------------------------------------
# trade
# --------------------------------------------------------------------------------------------


def census_rows():
    """The pinned Census lines by year (read directly, independent of vnus)."""
    path = Path(__file__).resolve().parent.parent / "sources" / "census-5520" / "vnm_rows.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {row["year"]: row for row in rows}


def test_trade_vietnam_draws_the_census_series_and_the_articles_as_points(tmp_path):
    ax = plot.trade("Vietnam")
    render(ax, tmp_path / "vietnam.png")
    rows = census_rows()
    full = sorted(y for y in rows if y <= 2025)
    lines = series(ax)
    assert list(lines)[:3] == [
        "exports of Vietnam (U.S. figures)",
        "imports of Vietnam (U.S. figures)",
        "balance of Vietnam (U.S. figures)",
    ]
    exports = lines["exports of Vietnam (U.S. figures)"].get_ydata().tolist()
    imports = lines["imports of Vietnam (U.S. figures)"].get_ydata().tolist()
    balance = lines["balance of Vietnam (U.S. figures)"].get_ydata().tolist()
    assert exports == pytest.approx([rows[y]["imports_year"] / 1000 for y in full])
    assert imports == pytest.approx([rows[y]["exports_year"] / 1000 for y in full])
    assert balance == pytest.approx([-rows[y]["balance_year"] / 1000 for y in full])
    assert lines["balance of Vietnam (U.S. figures)"].get_linestyle() == "--"
    # The articles' own totals: points, never joined to the U.S. lines.
    own = lines["total, reported by Vietnam"]
    assert own.get_linestyle() == "None"
    assert own.get_ydata().tolist() == [100.0, 124.0, 111.0, 88.0]
    assert [t.get_text() for t in ax.texts] == [
        "over",
        "nearly",
        "nearly",
        "nearly, 2024-01..2024-08",
    ]
    assert ax.get_ylim()[0] < 0 < ax.get_ylim()[1]  # room for the balance


def test_trade_hanoi_lines_break_where_a_year_has_no_figure():
    ax = plot.trade("Hanoi")
    lines = series(ax)
    assert list(lines) == ["export", "import", "approximate (estimated)"]
    exports = lines["export"].get_ydata().tolist()
    assert exports[0] == 3.0
    assert math.isnan(exports[1])
    assert exports[2] == 3.4
    imports = lines["import"].get_ydata().tolist()
    assert (imports[0], imports[2]) == (1.29, 1.3)
    assert lines["approximate (estimated)"].get_ydata().tolist() == [3.4, 1.3]
    assert lines["approximate (estimated)"].get_markerfacecolor() == "none"
    assert [t.get_text() for t in ax.texts] == ["estimated", "estimated"]


@pytest.mark.parametrize("code", ["VN-HN"])
def test_trade_has_one_point_per_figure_of_each_flow(code):
    ax = plot.trade(code)
    lines = series(ax)
    figures = us_figures(code)
    for flow in Flow:
        mine = [f for f in figures if f.flow is flow]
        drawn = []
        for label in (flow.value, f"{flow.value}, part of a year"):
            if label in lines:
                drawn += [y for y in lines[label].get_ydata().tolist() if not math.isnan(y)]
        assert len(drawn) == len(mine), flow
        assert sorted(drawn) == sorted(float(f.value.amount) / 1e9 for f in mine)
    approximate = [f for f in figures if f.qualifier is not Qualifier.EXACT]
    [ring] = [line for label, line in lines.items() if label.startswith("approximate")]
    assert len(ring.get_ydata()) == len(approximate)


def test_trade_accepts_places_by_any_name_and_draws_on_given_axes():
    ax = Figure().add_subplot()
    assert plot.trade(vnus.place("Việt Nam"), ax=ax) is ax
    assert ax.get_title().startswith("Vietnam (VN): trade with the United States\n")
    assert plot.trade(" ha noi ").get_title() == "Hanoi (VN-HN): trade with the United States"


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


def test_trade_errors():
    with pytest.raises(vnus.UnknownPlaceError, match=r"^place: unknown place 'Hanoy'") as info:
        plot.trade("Hanoy")
    assert info.value.argument == "place"
    with pytest.raises(vnus.InvalidQueryError, match=r"^place must be a string, got 5 \(int\)"):
        plot.trade(5)
    with pytest.raises(vnus.InvalidQueryError, match="must not be the United States"):
        plot.trade("USA")
    with pytest.raises(vnus.NoDataError, match=r"Utah \(US-UT\).*Hanoi \(VN-HN\), Vietnam \(VN\)"):
        plot.trade("Utah")
    with pytest.raises(vnus.NoDataError, match=r"Belgium \(BE\)"):
        plot.trade("Belgium")
    with pytest.raises(vnus.InvalidQueryError, match=r"^ax must be a matplotlib Axes or None"):
        plot.trade("Hanoi", ax="left")


def test_timeline_errors():
    with pytest.raises(vnus.InvalidQueryError, match=r"^since must be None, a year"):
        plot.timeline(since="2020")
    with pytest.raises(vnus.InvalidQueryError, match="since must not be after until"):
        plot.timeline(since=2024, until=2020)
    with pytest.raises(vnus.NoDataError, match="no milestone or delegation between 2027 and 2029"):
        plot.timeline(since=2027, until=2029)
    with pytest.raises(vnus.NoDataError, match="between 2030 and the end"):
        plot.timeline(since=2030)
    with pytest.raises(vnus.InvalidQueryError, match=r"^ax must be a matplotlib Axes or None"):
        plot.timeline(ax=Figure())


# Dates from 0002-01-02 on: earlier ones hit a known bug of the dataset's range filter
# (test_timeline_since_in_year_one below).
DATES = st.dates(min_value=dt.date(2, 1, 2))
DATETIMES = st.datetimes(min_value=dt.datetime(2, 1, 2))
ANYTHING = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["Hanoi", "VN", "US", "Utah", "hà nội", "", "\x00"]),
    st.integers(),
    st.integers(1990, 2030),
    st.floats(allow_nan=True),
    st.none(),
    st.booleans(),
    DATES,
    DATETIMES,
    st.lists(st.integers(), max_size=2),
    st.builds(object),
)


def test_timeline_since_in_year_one():
    with pytest.raises(vnus.InvalidQueryError, match="since must be None, a year"):
        plot.timeline(since=dt.date(1, 6, 1), until=dt.date(1, 12, 31))


@given(ANYTHING, ANYTHING, ANYTHING)
def test_only_documented_errors_escape(place, since, until):
    """Whatever the arguments, a chart is drawn or a VnusError naming the problem is raised."""
    for draw in (lambda: plot.trade(place), lambda: plot.timeline(since=since, until=until)):
        try:
            ax = draw()
        except VnusError as exc:
            message = str(exc)
            assert message
        else:
            assert isinstance(ax, Axes)

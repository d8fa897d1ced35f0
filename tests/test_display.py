"""Notebook display: concise reprs and HTML tables."""

from html.parser import HTMLParser

import pytest

import vnus
from vnus._display import NOTE_SHOWN
from vnus._spec import record_types, when_text
from vnus.results import Results


class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.tags = [], []

    def handle_starttag(self, tag, attrs):  # noqa: ARG002 -- HTMLParser API
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])

    def handle_data(self, data):
        if self.rows and self.tags and self.tags[-1] in {"td", "th"}:
            self.rows[-1].append(data)

    def handle_endtag(self, tag):  # noqa: ARG002 -- HTMLParser API
        self.tags.pop()


def parse(html):
    parser = Cells()
    parser.feed(html)
    assert parser.tags == []  # every tag closed
    return parser.rows


def test_summary_html_is_a_well_formed_table():
    rows = parse(vnus.trade_with_us("Hanoi", 2021)._repr_html_())
    assert rows[1][:3] == ["Exports", "US$3.4 billion", "estimated"]
    assert rows[-1] == ["Balance", "US$2.1 billion"]


def test_results_render_one_row_per_record():
    milestones = vnus.milestones()
    rows = parse(milestones._repr_html_())
    assert len(rows) == len(milestones) + 1
    assert [r[1] for r in rows[1:]] == [m.id for m in milestones]


def test_results_escape_html():
    """Every text that comes from the data is escaped: a title, an id, a note, a source."""
    hostile = "<script>alert('x')</script> & \"more\""
    milestone = vnus.Milestone(
        id="x",
        date=vnus.PartialDate(2020),
        kind=vnus.MilestoneKind.MEETING,
        title=hostile,
        evidence=(vnus.Evidence("a<b>", "quote"),),
        note=hostile,
    )
    html = Results((milestone,))._repr_html_()
    assert "<script" not in html
    assert "a<b>" not in html
    assert (
        html.count("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;more&quot;") == 2
    )
    assert "a&lt;b&gt;" in html


def test_results_are_plain_immutable_tuples():
    result = vnus.trade()
    assert isinstance(result, tuple)
    assert result == tuple(result)
    with pytest.raises(AttributeError):
        result.extra = 1


@pytest.mark.parametrize("cls", record_types(), ids=lambda c: c.__name__)
def test_reprs_are_concise_and_name_the_record(cls, bundled):
    record = bundled._table(cls).records[0]
    text = repr(record)
    assert text.startswith(f"<{type(record).__name__} {record.id!r}")
    assert len(text) < 300
    assert "evidence" not in text


def test_summary_repr():
    assert repr(vnus.trade_with_us("Hanoi", 2019)) == (
        "<TradeSummary Hanoi (VN-HN) 2019: exports US$3 billion, imports US$1.29 billion, "
        "balance US$1.71 billion>"
    )


# Precision, folded notes, slices and sums, reprs for a plain prompt


class Notes(HTMLParser):
    """The note cell (the last) of each row: its summary text and its full text."""

    def __init__(self):
        super().__init__()
        self.cells, self.stack = [], []

    def handle_starttag(self, tag, attrs):  # noqa: ARG002 -- HTMLParser API
        self.stack.append(tag)
        if tag == "td":
            self.cells.append({"summary": "", "text": ""})

    def handle_data(self, data):
        if "td" in self.stack:
            self.cells[-1]["summary" if "summary" in self.stack else "text"] += data

    def handle_endtag(self, tag):
        assert self.stack.pop() == tag


def note_cells(html):
    parser = Notes()
    parser.feed(html)
    return parser.cells[5::6]  # six cells a row: type, id, when, what, sources, note


def test_html_dates_have_the_precision_of_their_source():
    """The when column is the date as the data knows it, never a made-up first day."""
    events = vnus.timeline()
    rows = parse(Results(events)._repr_html_())[1:]
    assert [r[2] for r in rows] == [when_text(e) for e in events]
    plain = [e for e in vnus.milestones() if e.end is None and not e.undated]
    year_only = [e for e in plain if e.date.month is None]
    month_only = [e for e in plain if e.date.month is not None and e.date.day is None]
    assert year_only
    assert month_only
    for event, precision in ((year_only[0], 4), (month_only[0], 7)):
        cell = parse(Results((event,))._repr_html_())[1][2]
        assert cell == str(event.date)
        assert len(cell) == precision  # "2017", "2013-07"


def test_long_notes_are_folded_with_the_full_text_reachable():
    records = vnus.timeline()
    cells = note_cells(Results(records)._repr_html_())
    assert len(cells) == len(records)
    folded = 0
    for record, cell in zip(records, cells, strict=True):
        note = record.note or ""
        if len(note) <= NOTE_SHOWN:
            assert cell == {"summary": "", "text": note}
            continue
        folded += 1
        summary = cell["summary"]
        assert summary.endswith("…")
        assert note.startswith(summary.removesuffix("…"))
        assert len(summary) <= NOTE_SHOWN + 1
        assert cell["text"] == note  # the full note, inside the <details> element
    assert folded > 0


def test_slices_and_sums_of_results_are_results_with_html():
    milestones = vnus.milestones()
    trips = vnus.delegations()
    part = milestones[2:5]
    assert isinstance(part, Results)
    assert part == tuple(milestones)[2:5]
    assert [r[1] for r in parse(part._repr_html_())[1:]] == [m.id for m in part]
    assert milestones[0] is tuple(milestones)[0]  # noqa: RUF015 -- indexing is what is tested
    assert isinstance(milestones[::-1], Results)
    both = milestones + trips
    assert isinstance(both, Results)
    assert both == tuple(milestones) + tuple(trips)
    assert len(parse(both._repr_html_())) == len(both) + 1
    assert isinstance(trips[:1] + milestones[:1], Results)
    first = (milestones[0],)
    assert isinstance(first + trips, Results)  # a plain tuple of records first
    assert isinstance(sum([milestones, trips], ()), Results)
    others = (1, "x")
    mixed = milestones + others  # not records: a plain tuple
    assert type(mixed) is tuple
    assert mixed[-2:] == (1, "x")
    assert type(others + milestones) is tuple
    with pytest.raises(TypeError):
        milestones + list(others)


def test_a_query_answer_knows_its_record_type_even_when_empty():
    """Slices, sums of the same type and pickling keep it; a timeline or a mix has none."""
    import pickle  # noqa: PLC0415

    for helper, kind in [
        (vnus.trade, vnus.TradeFigure),
        (vnus.investments, vnus.InvestmentFigure),
        (vnus.milestones, vnus.Milestone),
        (vnus.delegations, vnus.Delegation),
        (vnus.sector_priorities, vnus.SectorPriority),
        (vnus.indicators, vnus.Indicator),
    ]:
        found = helper()
        assert found.record_type is kind
        assert found[:0].record_type is kind
        assert (found[:1] + found[1:2]).record_type is kind
        copy = pickle.loads(pickle.dumps(found))  # noqa: S301 -- our own bytes
        assert copy == found
        assert copy.record_type is kind
        assert type(found).__name__ == "Results"
    assert vnus.trade(year=1990) == ()
    assert vnus.trade(year=1990).record_type is vnus.TradeFigure
    assert vnus.dataset().select(vnus.Milestone, year=1990).record_type is vnus.Milestone
    assert vnus.timeline().record_type is None
    assert (vnus.milestones() + vnus.delegations()).record_type is None
    assert Results(()).record_type is None


@pytest.mark.parametrize("size", [0, 1, 3, 4, 20, 21, 60])
def test_reprs_in_a_plain_prompt(size):
    """Up to three records on one line; then one a line; past twenty, the head and the tail."""
    records = vnus.trade(reporter="US")[:size]
    assert len(records) == size
    text = repr(records)
    if size <= 3:
        assert text == tuple.__repr__(records)
        return
    lines = text.splitlines()
    assert lines[0].startswith("(<")
    assert text.endswith(">)")
    if size <= 20:
        assert lines == [
            ("(" if i == 0 else " ") + repr(r) + ("," if i < size - 1 else ")")
            for i, r in enumerate(records)
        ]
        return
    assert len(lines) == 16
    assert lines[10] == f" ... {size - 15} more records ...,"
    shown = [line.strip(" (),") for line in lines[:10] + lines[11:]]
    assert shown == [repr(r) for r in records[:10] + records[-5:]]


def test_a_delegation_repr_names_its_leader():
    trips = vnus.delegations()
    led = [d for d in trips if d.leader is not None]
    assert led
    for trip in trips:
        text = repr(trip)
        if trip.leader is None:
            assert "led by" not in text
        else:
            assert text.endswith(f", led by {trip.leader.name or trip.leader.title}>")

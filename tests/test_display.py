"""Notebook display: concise reprs and HTML tables."""

from html.parser import HTMLParser

import pytest

import vnus
from vnus._spec import record_types
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

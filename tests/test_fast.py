"""The fast structurer accepts exactly what the cattrs converter accepts, and builds the same."""

import json

import pytest
from hypothesis import given, strategies as st

from vnus import _fast, testing as vst
from vnus._convert import structure, unstructure
from vnus._fast import Rejected, structurer
from vnus._load import bundled_directory
from vnus.records import RECORD_FILES
from vnus.types import Place, Sector, Source

STRATEGIES = [
    (vst.trade_figures(), RECORD_FILES["trade.json"]),
    (vst.investment_figures(), RECORD_FILES["investments.json"]),
    (vst.milestones(), RECORD_FILES["milestones.json"]),
    (vst.delegations(), RECORD_FILES["delegations.json"]),
    (vst.sector_priorities(), RECORD_FILES["sector_priorities.json"]),
    (vst.indicators(), RECORD_FILES["indicators.json"]),
    (vst.sources(), Source),
    (vst.places(), Place),
    (vst.sectors(), Sector),
]

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(
        [
            "2021-02-30",
            "2021-12-31",
            "1995-07",
            "EXPORT",
            "ABOUT",
            "-5",
            "NaN",
            "12.5",
            "VN-HN",
            "a-slug",
            "2020-07-14T08:46:00",
            "",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def both(raw, cls):
    """Return (accepted, value) from each structurer."""
    try:
        fast = (True, structurer(cls)(raw))
    except Rejected:
        fast = (False, None)
    try:
        slow = (True, structure(raw, cls))
    except Exception:  # noqa: BLE001 -- any cattrs failure counts as a refusal
        slow = (False, None)
    return fast, slow


@pytest.mark.parametrize(("strategy", "cls"), STRATEGIES, ids=lambda x: getattr(x, "__name__", ""))
@given(data=st.data())
def test_fast_equals_cattrs_on_valid_data(strategy, cls, data):
    """For any valid object, both structurers rebuild it from its JSON form."""
    value = data.draw(strategy)
    raw = json.loads(json.dumps(unstructure(value)))
    fast, slow = both(raw, cls)
    assert fast == slow == (True, value)


def _paths(raw, prefix=()):
    if isinstance(raw, dict):
        for key, value in raw.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            yield (*prefix, index)
            yield from _paths(value, (*prefix, index))


@pytest.mark.parametrize(("strategy", "cls"), STRATEGIES, ids=lambda x: getattr(x, "__name__", ""))
@given(data=st.data())
def test_fast_accepts_exactly_what_cattrs_accepts(strategy, cls, data):
    """After any one change to a valid JSON form, both accept or both refuse, and agree."""
    raw = json.loads(json.dumps(unstructure(data.draw(strategy))))
    paths = list(_paths(raw))
    action = data.draw(st.sampled_from(["replace", "delete", "add"]))
    if action == "add" or not paths:
        target, key = raw, data.draw(st.text(max_size=8))
        target[key] = data.draw(JSON_VALUES)
    else:
        path = data.draw(st.sampled_from(paths))
        target = raw
        for step in path[:-1]:
            target = target[step]
        if action == "delete":
            del target[path[-1]]
        else:
            target[path[-1]] = data.draw(JSON_VALUES)
    fast, slow = both(raw, cls)
    assert fast == slow


def test_fast_equals_cattrs_on_every_bundled_record():
    root = bundled_directory()
    files = {**RECORD_FILES, "sources.json": Source, "places.json": Place, "sectors.json": Sector}
    count = 0
    for name, cls in files.items():
        for raw in json.loads((root / name).read_bytes())["records"]:
            fast, slow = both(raw, cls)
            assert fast == slow
            assert fast[0]
            count += 1
    assert count > 150


TRADE = {
    "id": "x-1",
    "reporter": "VN-HN",
    "partner": "US",
    "flow": "EXPORT",
    "period": {"start": "2021-01-01", "end": "2021-12-31"},
    "value": {"amount": "3400000000", "currency": "USD"},
    "share_of_total": "21.5",
    "evidence": [{"source": "s", "quote": "q"}],
}
SOURCE = {
    "id": "s",
    "title": "t",
    "publisher": "p",
    "published": "2020-07-14T08:46:00",
    "seed": "000_x.txt",
}

# (a field of the trade figure or source above, a JSON value, whether it is accepted). Each
# line is an edge of one primitive form; both structurers must give the stated answer.
EDGES = [
    # decimals: ASCII digits, an optional minus and fraction; nothing else
    ("share_of_total", "21.5", True),
    ("share_of_total", "-0", True),
    ("share_of_total", "007", True),
    ("share_of_total", "1e1", False),
    ("share_of_total", "1E1", False),
    ("share_of_total", "+5", False),
    ("share_of_total", " 5", False),
    ("share_of_total", "5 ", False),
    ("share_of_total", "5.", False),
    ("share_of_total", ".5", False),
    ("share_of_total", "1_0", False),
    ("share_of_total", "٣", False),
    ("share_of_total", "５", False),
    ("share_of_total", "NaN", False),
    ("share_of_total", "Infinity", False),
    ("share_of_total", 21.5, False),
    ("share_of_total", 21, False),
    # dates: YYYY-MM-DD that exists, years 1000-9999
    ("period.start", "2021-01-01", True),
    ("period.start", "2021-1-01", False),
    ("period.start", "2021-01-01 ", False),
    ("period.start", "２０２１-01-01", False),
    ("period.start", "2021-02-29", False),
    ("period.start", "20210101", False),
    # slugs: lower-case ASCII letters and digits joined by single hyphens
    ("id", "a-1", True),
    ("id", "a_1", False),
    ("id", "A-1", False),
    ("id", "a--1", False),
    ("id", "-a", False),
    ("id", "a-", False),
    ("id", "á", False),
    # place codes: two capitals, then hyphenated parts of 1-6 capitals or digits
    ("reporter", "VN-HN", True),
    ("reporter", "US-CA-SFO", True),
    ("reporter", "vn", False),
    ("reporter", "VN-", False),
    ("reporter", "VN-ABCDEFG", False),
    ("reporter", "VNM", False),
    # enums by exact member name
    ("flow", "EXPORT", True),
    ("flow", "export", False),
    ("flow", " EXPORT", False),
    # text: a non-empty string without surrounding white space
    ("evidence", [{"source": "s", "quote": " q"}], False),
    ("evidence", [{"source": "s", "quote": ""}], False),
    ("evidence", "q", False),
    # datetimes of a source's publication: ISO with a T, optional seconds, fraction, zone
    ("published", "2020-07-14T08:46", True),
    ("published", "2020-07-14T08:46:00.5+07:00", True),
    ("published", "2020-07-14T08:46:00Z", True),
    ("published", "2020-07-14 08:46", False),
    ("published", "2020-07-14T8:46", False),
    ("published", "2020-07-14T08:46:00+0700", False),
    ("published", "2020-07", True),
    ("published", "2020-7", False),
]


def _with(base, path, value):
    raw = json.loads(json.dumps(base))
    target = raw
    *parents, last = path.split(".")
    for step in parents:
        target = target[step]
    target[last] = value
    return raw


@pytest.mark.parametrize(("path", "value", "accepted"), EDGES, ids=repr)
def test_both_structurers_give_the_stated_answer_at_each_edge(path, value, accepted):
    """Explicit edges of every primitive form: a one-character change to a parser fails one."""
    base, cls = (SOURCE, Source) if path == "published" else (TRADE, RECORD_FILES["trade.json"])
    fast, slow = both(_with(base, path, value), cls)
    assert fast[0] is slow[0] is accepted
    assert fast == slow


def test_equal_values_are_shared_until_forgotten():
    """Equal strings, dates and amounts give one object each; forget() drops what is held."""
    build = structurer(RECORD_FILES["trade.json"])
    _fast.forget()
    first, second = build(TRADE), build(json.loads(json.dumps(TRADE)))
    assert first == second
    assert first.period.start is second.period.start
    assert first.share_of_total is second.share_of_total
    assert first.reporter is second.reporter
    _fast.forget()
    assert not any(_fast._SHARED.values())  # what the loader empties after each file
    assert build(json.loads(json.dumps(TRADE))).period.start is not first.period.start

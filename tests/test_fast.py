"""The fast structurer accepts exactly what the cattrs converter accepts, and builds the same."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vnus import testing as vst
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

"""Hostile arguments, hostile data shapes and hostile streams at the query and CLI layers.

Each test fails on the code before its fix: pandas' NaT as as_of, str subclasses that redefine
equality, records changed through __setstate__, copying a dataset, a fork during a lazy load,
huge arguments kept alive by the cache, spans over thousands of years, long parent chains, and
output that cannot be written.
"""

import copy
import datetime as dt
import io
import os
import pickle
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import vnus
from vnus.__main__ import main
from vnus._spec import record_types
from vnus.testing import write_directory


def run(code, *args, **kwargs):
    return subprocess.run(  # noqa: S603 -- this interpreter, code written by the test
        [sys.executable, *args, "-c", code] if code else [sys.executable, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        **kwargs,
    )


class NotADay(dt.datetime):
    """A datetime that denotes no day, as pandas' NaT does."""

    @property
    def year(self):
        return float("nan")


@pytest.mark.parametrize(
    "call",
    [
        lambda d: vnus.trade(as_of=d),
        lambda d: vnus.milestones(as_of=d),
        lambda d: vnus.delegations(as_of=d),
        lambda d: vnus.indicators(as_of=d),
        lambda d: vnus.timeline(as_of=d),
        lambda d: vnus.trade_with_us("Hanoi", 2021, as_of=d),
        lambda d: vnus.milestones(since=d),
    ],
)
def test_a_datetime_that_is_no_day_is_refused_naming_the_argument(call):
    with pytest.raises(vnus.InvalidQueryError, match=r"^(as_of|since) must be"):
        call(NotADay(2020, 1, 1))


def test_pandas_nat_is_refused():
    pd = pytest.importorskip("pandas")
    with pytest.raises(vnus.QueryTypeError, match="as_of must be"):
        vnus.trade(as_of=pd.NaT)
    assert vnus.trade(as_of=pd.Timestamp("2022-10-30")) == vnus.trade(as_of=dt.date(2022, 10, 30))


class Liar(str):
    """Equal to everything, hashed like 'Hanoi': a cache key that would match any other."""

    __slots__ = ()

    def __eq__(self, other):
        return True

    def __hash__(self):
        return hash("Hanoi")

    def casefold(self):
        return "hanoi"


def test_a_str_subclass_cannot_poison_the_cache():
    ds = vnus.Dataset.from_directory(str(vnus._load.bundled_directory()))
    vietnam = ds.trade_with_us(Liar("Vietnam"), 2021)
    assert vietnam.place.code == "VN"  # its own characters count, not its methods
    assert ds.trade_with_us("Hanoi", 2021).place.code == "VN-HN"
    assert ds.trade(reporter=Liar("Vietnam")) == ds.trade(reporter="Vietnam")
    assert ds.trade(reporter="Hanoi") != ds.trade(reporter="Vietnam")
    assert all(
        type(part) is not Liar
        for key in ds._cache
        for part in (key if isinstance(key, tuple) else (key,))
        for part in (part if isinstance(part, tuple) else (part,))
    )


def test_huge_arguments_are_not_kept_by_the_cache():
    ds = vnus.Dataset.from_directory(str(vnus._load.bundled_directory()))
    hanoi = ds.trade(reporter="Hanoi")
    for i in range(50):  # valid: white space does not count in a name, so each one answers
        assert ds.trade(reporter="Hanoi" + " " * (100_000 + i)) == hanoi
    longest = max(
        (len(part) for key in ds._cache for part in _flat(key) if isinstance(part, str)),
        default=0,
    )
    assert longest <= 256


def _flat(value):
    if isinstance(value, tuple):
        for item in value:
            yield from _flat(item)
    else:
        yield value


def _instances():
    """One instance of every frozen class a caller can receive."""
    ds = vnus.dataset()
    found = [ds._table(cls).records[0] for cls in record_types()]
    found += [vnus.trade_with_us("Hanoi", 2021), vnus.trade_series("Hanoi", flow="export")]
    found += [vnus.disagreements()[0], vnus.places()[0], vnus.sources()[0], vnus.sectors()[0]]
    found += [vnus.officials()[0], vnus.trade()[0].value, vnus.trade()[0].period]
    found += [vnus.trade()[0].evidence[0], vnus.milestones()[0].date]
    found += [vnus.investments()[0].by_sector[0], vnus.delegations()[0].leader]
    return found


@pytest.mark.parametrize("value", _instances(), ids=lambda v: type(v).__name__)
def test_setstate_cannot_change_a_built_value_but_copies_still_work(value):
    assert attrs.has(type(value))
    state = value.__getstate__()
    with pytest.raises(AttributeError, match="immutable"):
        value.__setstate__(state)
    assert copy.copy(value) == value
    assert copy.deepcopy(value) == value
    assert pickle.loads(pickle.dumps(value)) == value  # noqa: S301 -- our own bytes


def test_a_dataset_copies_as_itself_and_does_not_pickle():
    ds = vnus.dataset()
    assert copy.copy(ds) is ds
    assert copy.deepcopy(ds) is ds
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(ds)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_fork_while_another_thread_holds_the_load_lock_does_not_deadlock():
    code = """
import os, sys, threading, time
import vnus
ds = vnus.dataset()
held = threading.Event()
def hold():
    with ds._lock:
        held.set()
        time.sleep(2)
threading.Thread(target=hold, daemon=True).start()
held.wait()
pid = os.fork()
if pid == 0:
    try:
        print(len(vnus.milestones()) > 0, flush=True)
    finally:
        os._exit(0)
os.waitpid(pid, 0)
"""
    result = run(code)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "True"


def _directory_with(tmp_path, records, places=None):
    ds = vnus.dataset()
    source = ds.source("bta-2020-07-14")
    return write_directory(
        tmp_path,
        sources=[source],
        places=places if places is not None else ds.places(),
        sectors=ds.sectors(),
        records=records,
        seeds={source.seed: vnus.audit.seed_text(source)},
    )


def test_a_trip_over_nine_thousand_years_is_indexed_once(tmp_path):
    evidence = next(d for d in vnus.delegations() if d.evidence[0].locator is None).evidence
    trip = vnus.Delegation(
        id="very-long-trip",
        origin="VN",
        destinations=("US",),
        start=vnus.PartialDate(1000),
        end=vnus.PartialDate(9999),
        status=vnus.Status.PLANNED,
        evidence=evidence[:1],
    )
    mine = vnus.Dataset.from_directory(_directory_with(tmp_path, [trip]))
    start = time.perf_counter()
    table = mine._table(vnus.Delegation)
    assert sum(len(bucket) for bucket in table.by_year.values()) == 0
    assert mine.delegations(year=5000) == (trip,)
    assert mine.delegations(year=1000) == (trip,)
    assert mine.timeline(since=4000, until=4001) == (trip,)
    assert mine.select(vnus.Delegation, year=9999) == (trip,)
    assert time.perf_counter() - start < 2


def test_a_long_parent_chain_is_refused_quickly(tmp_path):
    places = list(vnus.places())
    parent = "VN"
    for i in range(4000):
        code = f"VN-C{i}"
        places.append(vnus.Place(code, f"Chain {i}", vnus.PlaceKind.AREA, parent))
        parent = code
    folder = _directory_with(tmp_path, [], places=places)
    start = time.perf_counter()
    with pytest.raises(vnus.DataError, match="longer than 16 places"):
        vnus.Dataset.from_directory(folder)
    assert time.perf_counter() - start < 5


def test_a_long_parent_cycle_is_refused_quickly(tmp_path):
    n = 10_000
    places = [
        *vnus.places(),
        *(
            vnus.Place(f"VN-K{i}", f"Loop {i}", vnus.PlaceKind.AREA, f"VN-K{(i + 1) % n}")
            for i in range(n)
        ),
    ]
    folder = _directory_with(tmp_path, [], places=places)
    start = time.perf_counter()
    with pytest.raises(vnus.DataError):
        vnus.Dataset.from_directory(folder)
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize(
    ("shell", "expected"),
    [
        ("PYTHONIOENCODING=ascii {vnus} trade Hanoi 2021", 0),
        ("PYTHONIOENCODING=ascii {vnus} --help", 0),
        ("LC_ALL=C PYTHONUTF8=0 {vnus} places --json", 0),
        ("PYTHONIOENCODING=latin-1 {vnus} places --json", 0),
        ("{vnus} places > /dev/full", 4),
        ("{vnus} places >&-", 4),
    ],
)
def test_output_problems_give_one_line_and_their_own_exit_code(shell, expected):
    if "/dev/full" in shell and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    vnus_command = f"{sys.executable} -m vnus"
    result = subprocess.run(  # noqa: S602 -- the test's own fixed command lines
        shell.format(vnus=vnus_command),
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        errors="replace",
    )
    assert result.returncode == expected, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") <= 1


class ClosedPipe(io.StringIO):
    """A standard output whose reader has gone."""

    def write(self, _text):
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_stops_quietly(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["places"]) == 4
    assert capsys.readouterr().err == ""


def test_no_standard_output_is_one_line(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["places"]) == 4
    assert capsys.readouterr().err == "vnus: cannot write the output: standard output is closed\n"


def test_the_indexes_behind_the_queries_are_read_only():
    ds = vnus.dataset()
    table = ds._table(vnus.TradeFigure)
    main_table = table._table("trade.json") if hasattr(table, "_table") else table
    for mapping in (
        main_table.by_place,
        main_table.by_year,
        main_table.by_value,
        ds._places.keys,
        ds._places.ancestors,
        ds._sources.published,
        ds._sectors.keys,
    ):
        with pytest.raises(TypeError):
            mapping["x"] = ()  # type: ignore[index]


def test_a_cached_answer_is_never_given_for_an_equal_value_of_another_type():
    """Plain arguments are their own cache keys; 2021.0 or a str subclass never match one."""
    ds = vnus.Dataset.from_directory(str(vnus._load.bundled_directory()))
    assert ds.trade(year=2021)  # now cached
    for year in (2021.0, Decimal(2021)):
        with pytest.raises(vnus.QueryTypeError, match="year must be"):
            ds.trade(year=year)
    assert ds.trade(reporter=Liar("Hanoi")) == ds.trade(reporter="Hanoi")

"""Time and memory stay near-linear on large hostile inputs.

Each check runs in a fresh process and reports its own time and peak RSS (VmHWM where
there is one, as ``ru_maxrss`` on Linux can report the spawning process's); the bounds are
generous (a noisy 2-core machine) but far below what quadratic work or unbounded reads cost.
"""

import json
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

BUNDLED = Path(str(files("vnus") / "data"))
MIB = 1024 * 1024

MEASURE = """
import json, resource, sys, time
from vnus import DataError, Dataset, audit

def peak_bytes():  # VmHWM: ru_maxrss can carry the spawning process's peak across exec
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

data, what = sys.argv[1:3]
start = time.perf_counter()
outcome = None
try:
    if what == "audit":
        report = audit.run(data)
        outcome = [len(report.covered), len(report.excluded), len(report.uncovered)]
    else:
        outcome = Dataset.from_directory(data).counts()
except DataError as exc:
    outcome = [len(exc.problems), str(exc.problems[-1])]
seconds = time.perf_counter() - start
peak = peak_bytes()
print(json.dumps({"seconds": seconds, "peak": peak, "outcome": outcome}))
"""


def measure(data, what, *, timeout=120):
    result = subprocess.run(  # noqa: S603 -- this interpreter, code written by the test
        [sys.executable, "-c", MEASURE, str(data), what],
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.fixture
def data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(BUNDLED, target)
    return target


def add_seed(directory, seed_text, quotes):
    """Add a source with *seed_text* and one milestone quoting each of *quotes*."""
    (directory / "seeds" / "big.txt").write_text(seed_text, encoding="utf-8")
    sources = json.loads((directory / "sources.json").read_text(encoding="utf-8"))
    template = dict(sources["records"][0], id="big-source", seed="big.txt")
    sources["records"].append(template)
    (directory / "sources.json").write_text(json.dumps(sources), encoding="utf-8")
    milestones = json.loads((directory / "milestones.json").read_text(encoding="utf-8"))
    first = next(m for m in milestones["records"] if m["id"] == "utah-hanoi-mou-2017")
    milestones["records"] += [
        dict(first, id=f"big-{i}", evidence=[{"source": "big-source", "quote": q}])
        for i, q in enumerate(quotes)
    ]
    (directory / "milestones.json").write_text(json.dumps(milestones), encoding="utf-8")


def add_figures(directory, numbers):
    """Add one indicator for each (quote, value, share), holding the two numbers it quotes."""
    indicators = json.loads((directory / "indicators.json").read_text(encoding="utf-8"))
    first = indicators["records"][0]
    indicators["records"] += [
        dict(
            first,
            id=f"big-figure-{i}",
            value=value,
            share=share,
            change_yoy=None,
            period=None,
            as_of="2020",
            evidence=[{"source": "big-source", "quote": quote}],
        )
        for i, (quote, value, share) in enumerate(numbers)
    ]
    (directory / "indicators.json").write_text(json.dumps(indicators), encoding="utf-8")


def test_audit_is_near_linear_in_mentions_and_quotes(data):
    """60,000 numbers in a seed, 10,000 records quoting it: seconds, not minutes."""
    sentences = [f"Item {i} rose by {i % 97}.{i % 10}% to {i * 7} units. " for i in range(20_000)]
    add_seed(data, "".join(sentences), [])
    quoted = range(0, 20_000, 2)
    add_figures(data, [(sentences[i].strip(), str(i * 7), f"{i % 97}.{i % 10}") for i in quoted])
    # The audit also runs the mention pattern over all 32 MB (about 6 s here, linear).
    result = measure(data, "audit", timeout=300)
    assert result["seconds"] < 20, result
    assert result["peak"] < 400 * MIB, result
    covered, _, uncovered = result["outcome"]
    # Each quoting record holds two of its sentence's three numbers: the item number is
    # quoted but held by no field, so it stays uncovered, as do the unquoted sentences.
    assert covered >= 10_000 * 2
    assert uncovered >= 10_000 * 3 + 9_000  # a few item numbers equal a held share


def test_verbatim_checks_do_not_rescan_a_big_seed_per_quote(data):
    """2,000 distinct quotes from the tail of a 32 MB seed: one pass, not 2,000."""
    filler = "Nothing to see in this line at all, just words and more words here.\n"
    tail = [
        f"The closing remark number {i:05d} is quoted by exactly one record." for i in range(2000)
    ]
    text = filler * (32 * MIB // len(filler)) + " ".join(tail)
    add_seed(data, text, tail)
    result = measure(data, "load", timeout=300)
    assert isinstance(result["outcome"], dict), result
    assert result["seconds"] < 5, result
    assert result["peak"] < 400 * MIB, result
    # The audit also runs the mention pattern over all 32 MB (about 6 s here, linear).
    result = measure(data, "audit", timeout=300)
    assert result["seconds"] < 20, result


def test_a_million_bad_records_stop_at_the_problem_cap(data):
    (data / "trade.json").write_text(
        '{"format": 1, "records": [' + ",".join(["{}"] * 1_000_000) + "]}", encoding="utf-8"
    )
    result = measure(data, "load", timeout=300)
    count, last = result["outcome"]
    assert count == 1001
    assert "more problems" in last
    assert result["seconds"] < 8, result
    assert result["peak"] < 500 * MIB, result


def test_a_big_seed_named_by_many_sources_is_held_once(data):
    seed = json.loads((data / "sources.json").read_text(encoding="utf-8"))["records"][0]["seed"]
    path = data / "seeds" / seed
    path.write_text(path.read_text(encoding="utf-8") + "x" * (16 * MIB), encoding="utf-8")
    sources = json.loads((data / "sources.json").read_text(encoding="utf-8"))
    first = sources["records"][0]
    sources["records"] += [dict(first, id=f"copy-{i}") for i in range(40)]
    (data / "sources.json").write_text(json.dumps(sources), encoding="utf-8")
    result = measure(data, "load", timeout=300)
    assert isinstance(result["outcome"], dict), result
    assert result["peak"] < 200 * MIB, result
    assert result["seconds"] < 6, result

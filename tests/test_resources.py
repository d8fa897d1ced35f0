"""Work and memory stay near-linear on large hostile inputs.

Work is counted, not timed, so the checks do not depend on the machine's speed. The text of
every seed reaches the loader as a :class:`CountedText`, a ``str`` that tallies the characters
its searches read (``find``, ``in``, slices ...); the searches for quotes, the scans for
mentions, the seed files read and the records given to the converter are counted; and a trace
function counts the lines of vnus code the audit runs at three sizes. A search that went around
the tally would count nothing, or less than one reading of a seed whose quotes stand at its
end, which the checks refuse. Peak memory is measured in a fresh process (VmHWM where there
is one, as ``ru_maxrss`` on Linux can report the spawning process's); the bounds are far below
what an unbounded read or a copy per source costs. Speed is measured by ``benchmarks/run.py``.
"""

import collections
import json
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

import vnus
from vnus import DataError, Dataset, _convert, _load, audit
from vnus._load import MAX_PROBLEMS

BUNDLED = Path(str(files("vnus") / "data"))
SOURCE = str(Path(vnus.__file__).parent)
MIB = 1024 * 1024

MEASURE = """
import json, resource, sys
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
try:
    if what == "audit":
        report = audit.run(data)
        outcome = [len(report.covered), len(report.excluded), len(report.uncovered)]
    else:
        outcome = Dataset.from_directory(data).counts()
except DataError as exc:
    outcome = [len(exc.problems), str(exc.problems[-1])]
print(json.dumps({"peak": peak_bytes(), "outcome": outcome}))
"""


def measure(data, what):
    """Load or audit *data* in a fresh process: its peak memory, and what it found."""
    result = subprocess.run(  # noqa: S603 -- this interpreter, code written by the test
        [sys.executable, "-c", MEASURE, str(data), what],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


class CountedText(str):
    """The text of *seed*: adds the characters each of its searches reads to *chars*."""

    __slots__ = ("chars", "seed")

    def __new__(cls, text, seed, chars):
        self = super().__new__(cls, text)
        self.seed, self.chars = seed, chars
        return self

    def _span(self, args):
        start, end = (*args, None, None)[:2]
        return slice(start, end).indices(len(self))[:2]

    def find(self, sub, *args):
        at = str.find(self, sub, *args)
        start, end = self._span(args)
        self.chars[self.seed] += (at + len(sub) if at != -1 else end) - start
        return at

    def index(self, sub, *args):
        at = self.find(sub, *args)
        if at == -1:
            raise ValueError(sub)
        return at

    def rfind(self, sub, *args):
        start, end = self._span(args)
        self.chars[self.seed] += end - start
        return str.rfind(self, sub, *args)

    def count(self, sub, *args):
        start, end = self._span(args)
        self.chars[self.seed] += end - start
        return str.count(self, sub, *args)

    def __contains__(self, sub):
        return self.find(sub) != -1

    def __getitem__(self, key):
        part = str.__getitem__(self, key)
        self.chars[self.seed] += len(part)
        return part


class Work:
    """What loading and auditing did, counted per seed file while installed."""

    def __init__(self, monkeypatch):
        self.reads = collections.Counter()  # data and seed files read, by name
        self.chars = collections.Counter()  # characters read by searches, by seed
        self.searches = collections.Counter()  # searches for quotes, by seed
        self.scans = collections.Counter()  # scans for mentions, by seed
        self.length = {}  # each seed's length
        self.copies = collections.defaultdict(set)  # the text objects holding each seed
        self.structured = 0  # records given to the converter, which names every bad field
        self.lines = 0  # lines of vnus code run while tracing
        self._install(monkeypatch)

    def _install(self, monkeypatch):
        read_seeds, read = _load._read_seeds, _load._Reader.read
        find_quotes, find_mentions = _load.find_quotes, audit.find_mentions
        structure = _convert.structure

        def reading(reader, name):
            self.reads[name] += 1
            return read(reader, name)

        def counted_seeds(reader, sources, problems):
            seeds = read_seeds(reader, sources, problems)
            name_of = {s.id: s.seed for _, s in sources}
            texts = list(seeds.values())  # held, so that no id is reused below
            counted = {}  # id of a text -> its counted copy
            for sid, text in seeds.items():
                name = name_of[sid]
                self.length[name] = len(text)
                self.copies[name].add(id(text))
                if id(text) not in counted:
                    counted[id(text)] = CountedText(text, name, self.chars)
                seeds[sid] = counted[id(text)]
            del texts
            return seeds

        def searching(text, quotes, **kwargs):
            if isinstance(text, CountedText):
                self.searches[text.seed] += 1
            return find_quotes(text, quotes, **kwargs)

        def scanning(seed, text):
            self.scans[seed] += 1
            return find_mentions(seed, text)

        def structuring(*args, **kwargs):
            self.structured += 1
            return structure(*args, **kwargs)

        monkeypatch.setattr(_load._Reader, "read", reading)
        monkeypatch.setattr(_load, "_read_seeds", counted_seeds)
        monkeypatch.setattr(_load, "find_quotes", searching)
        monkeypatch.setattr(audit, "find_mentions", scanning)
        monkeypatch.setattr(_convert, "structure", structuring)

    def traced(self, action):
        """Run *action* and add the lines of vnus code it ran to :attr:`lines`."""

        def line(_frame, event, _arg):
            if event == "line":
                self.lines += 1
            return line

        def call(frame, _event, _arg):
            return line if frame.f_code.co_filename.startswith(SOURCE) else None

        previous = sys.gettrace()
        sys.settrace(call)
        try:
            return action()
        finally:
            sys.settrace(previous)


@pytest.fixture
def work(monkeypatch):
    return Work(monkeypatch)


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


def add_sentences(directory, count):
    """A seed of *count* sentences of three numbers each; every second one is quoted."""
    sentences = [f"Item {i} rose by {i % 97}.{i % 10}% to {i * 7} units. " for i in range(count)]
    add_seed(directory, "".join(sentences), [])
    quoted = range(0, count, 2)
    add_figures(
        directory, [(sentences[i].strip(), str(i * 7), f"{i % 97}.{i % 10}") for i in quoted]
    )


def test_audit_is_near_linear_in_mentions_and_quotes(tmp_path, monkeypatch):
    """Twice the mentions and quotes in a seed cost the audit twice the work, not four times."""
    lines = []
    for size in (0, 4_000, 8_000):
        directory = tmp_path / str(size)
        shutil.copytree(BUNDLED, directory)
        if size:
            add_sentences(directory, size)
        with monkeypatch.context() as patch:
            work = Work(patch)
            work.traced(lambda directory=directory: audit.run(directory))
        lines.append(work.lines)
        if size:
            assert work.searches["big.txt"] == 2  # the loader's verbatim check, the audit's
            assert work.scans["big.txt"] == 1
            # Each search reads the seed once, and a few characters around each candidate.
            assert work.length["big.txt"] <= work.chars["big.txt"]
            assert work.chars["big.txt"] <= 6 * work.length["big.txt"], work.chars
    first, second = lines[1] - lines[0], lines[2] - lines[1]
    # Linear work adds as many lines for the second 4,000 sentences as for the first;
    # work quadratic in them adds three times as many.
    assert second < 1.25 * first, lines


def test_audit_of_60_000_numbers_and_10_000_quotes(data):
    """Each record holding two of its sentence's three numbers covers those two."""
    add_sentences(data, 20_000)
    result = measure(data, "audit")
    assert result["peak"] < 400 * MIB, result
    covered, _, uncovered = result["outcome"]
    # Each quoting record holds two of its sentence's three numbers: the item number is
    # quoted but held by no field, so it stays uncovered, as do the unquoted sentences.
    assert covered >= 10_000 * 2
    assert uncovered >= 10_000 * 3 + 9_000  # a few item numbers equal a held share


TAIL = [f"The closing remark number {i:05d} is quoted by exactly one record." for i in range(2000)]


def tail_seed(size):
    """About *size* characters of filler, then every sentence of :data:`TAIL`."""
    filler = "Nothing to see in this line at all, just words and more words here.\n"
    return filler * (size // len(filler)) + " ".join(TAIL)


def test_verbatim_checks_do_not_rescan_a_big_seed_per_quote(data, work):
    """2,000 distinct quotes from the tail of a 4 MiB seed: one pass, not 2,000."""
    add_seed(data, tail_seed(4 * MIB), TAIL)
    Dataset.from_directory(data)
    assert work.searches["big.txt"] == 1
    assert work.length["big.txt"] <= work.chars["big.txt"] <= 2 * work.length["big.txt"]
    audit.run(data)  # loads again, then searches the quotes and scans the mentions once
    assert work.searches["big.txt"] == 3
    assert work.scans["big.txt"] == 1
    assert work.chars["big.txt"] <= 5 * work.length["big.txt"], work.chars


def test_a_32_mib_seed_loads_in_bounded_memory(data):
    add_seed(data, tail_seed(32 * MIB), TAIL)
    result = measure(data, "load")
    assert isinstance(result["outcome"], dict), result
    assert result["peak"] < 400 * MIB, result


def test_a_million_bad_records_stop_at_the_problem_cap(data, work):
    (data / "trade.json").write_text(
        '{"format": 1, "records": [' + ",".join(["{}"] * 1_000_000) + "]}", encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        Dataset.from_directory(data)
    assert len(caught.value.problems) == MAX_PROBLEMS + 1
    # Every record the converter is given adds a problem: it stops at the cap.
    assert 0 < work.structured <= MAX_PROBLEMS
    result = measure(data, "load")
    count, last = result["outcome"]
    assert count == 1001
    assert "more problems" in last
    assert result["peak"] < 500 * MIB, result


def test_a_big_seed_named_by_many_sources_is_held_once(data, work):
    seed = json.loads((data / "sources.json").read_text(encoding="utf-8"))["records"][0]["seed"]
    path = data / "seeds" / seed
    path.write_text(path.read_text(encoding="utf-8") + "x" * (16 * MIB), encoding="utf-8")
    sources = json.loads((data / "sources.json").read_text(encoding="utf-8"))
    first = sources["records"][0]
    sources["records"] += [dict(first, id=f"copy-{i}") for i in range(40)]
    (data / "sources.json").write_text(json.dumps(sources), encoding="utf-8")
    Dataset.from_directory(data)
    assert work.reads[f"seeds/{seed}"] == 1
    assert len(work.copies[seed]) == 1  # one text for the 41 sources
    assert work.searches[seed] == 1  # the quotes citing any of them, in one pass
    assert 0 < work.chars[seed] <= 2 * work.length[seed], work.chars
    result = measure(data, "load")
    assert isinstance(result["outcome"], dict), result
    assert result["peak"] < 200 * MIB, result

"""Benchmarks for vnus: whole-process costs, warm and cold query latencies, and scaling.

Run from the repository root with the interpreter that has the dependencies installed (see
``benchmarks/requirements.txt``)::

    python benchmarks/run.py            # the full run: a few minutes
    python benchmarks/run.py --quick    # fewer repetitions, sizes 10^3 and 10^4: under a minute
    python benchmarks/run.py --json results.json   # also write every raw sample

It prints a Markdown report: the machine, then one table per part, each with medians and with
ratios against a baseline measured in the same run. Rows with a target say PASS or MISS; the
script reports, it never fails because a target is missed.

Every measurement runs in a fresh child process of ``sys.executable`` that imports vnus from
this repository's ``src`` (``PYTHONPATH``). The children share a bytecode cache in a temporary
``PYTHONPYCACHEPREFIX`` (warmed before timing), so imports cost what they cost for an installed
package, whatever ``PYTHONDONTWRITEBYTECODE`` says, and nothing is written beside the sources.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import io
import itertools
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import timeit
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import generate

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"

#: Part 1: whole-process commands, each run as ``python -c CODE``, as (code, tree): "now" is
#: this repository's vnus, "before" the vnus of :data:`BEFORE_REVISION` (when it is available).
ONE_SHOT = "import vnus; vnus.trade_with_us('Hanoi', 2021)"
PROCESS_COMMANDS: dict[str, tuple[str, str]] = {
    "pass": ("pass", "now"),
    "import attrs": ("import attrs", "now"),
    "floor": ("<import attrs + read the files the one-shot reads>", "now"),
    "import cattrs": ("import cattrs", "now"),
    "import vnus": ("import vnus", "now"),
    "vnus one-shot": (ONE_SHOT, "now"),
    "import vnus (before)": ("import vnus", "before"),
    "vnus one-shot (before)": (ONE_SHOT, "before"),
    "pycountry one-shot": ("import pycountry; pycountry.subdivisions.get(code='VN-HN')", "now"),
    "holidays one-shot": ("import holidays; holidays.country_holidays('VN', years=2024)", "now"),
}

#: The vnus measured as "before": the last commit whose bundled data was the five articles'
#: 98 records, before the official sources (about ten times as many records) were loaded.
#: ``--before`` takes another revision, a directory holding ``src/vnus``, or ``none``.
BEFORE_REVISION = "d2a141d"

#: Prints the data files the one-shot opens (the floor reads the same files).
OPENED_PROBE = """
import json, os
_opened = []
_open = os.open
def _recording(path, *args, **kwargs):
    _opened.append(os.fsdecode(path))
    return _open(path, *args, **kwargs)
os.open = _recording
import vnus
vnus.trade_with_us('Hanoi', 2021)
os.open = _open
_dir = os.path.join(os.path.dirname(vnus.__file__), 'data')
print(json.dumps([p if os.path.isabs(p) else os.path.join(_dir, p)
                  for p in _opened if p.endswith('.json')]))
"""

#: One fresh process per run, with ``-X importtime``: where the one-shot's time goes.
PHASE_PROBE = """
import json, sys, time
t0 = time.perf_counter_ns()
import vnus
helper = vnus.trade_with_us
t1 = time.perf_counter_ns()
loaded = set(sys.modules)
helper('Hanoi', 2021)
t2 = time.perf_counter_ns()
print(json.dumps({"import_ns": t1 - t0, "call_ns": t2 - t1,
                  "during_call": [m for m in sys.modules if m not in loaded]}))
"""

#: Appended to a command in the memory runs: prints the process's own peak RSS (VmHWM, KiB).
#: ``ru_maxrss`` from ``os.wait4`` cannot serve: Linux floors a child's value at the RSS of
#: the parent that spawned it (exec records the old address space's high-water mark).
PEAK_PROBE = (
    "\nfor _line in open('/proc/self/status'):\n"
    "    if _line.startswith('VmHWM:'): print('VmHWM', _line.split()[1])"
)

#: Part 2: the vnus helpers, as (name, positional arguments, keyword arguments).
HELPER_QUERIES: list[tuple[str, tuple[object, ...], dict[str, object]]] = [
    ("trade_with_us", ("Hanoi", 2021), {}),
    ("trade", (), {"reporter": "Hanoi"}),
    ("investments", (), {"host": "VN"}),
    ("milestones", (), {"kind": "partnership"}),
    ("delegations", (), {"destination": "US"}),
    ("sector_priorities", (), {"sector": "semiconductors"}),
    ("indicators", (), {"metric": "us-tourist-arrivals"}),
    ("timeline", (), {"since": 2017, "until": 2019}),
    ("place", ("Ha Noi",), {}),
    ("places", (), {}),
    ("sector", ("semiconductors",), {}),
    ("sectors", (), {}),
    ("sources", (), {}),
    ("source", ("<first source id>",), {}),
]

#: Part 2: the comparison points.
BASELINE_STATEMENTS: dict[str, str] = {
    "dict lookup (baseline)": "table['VN-HN']",
    "pycountry.subdivisions.get(code='VN-HN')": "pycountry.subdivisions.get(code='VN-HN')",
    "us.states.lookup('Utah')": "us.states.lookup('Utah')",
}

#: Part 3: the queries measured at every size. The first two are answered by the generator's
#: fixed records (the same answer at every size); the answers of the last two grow with the data.
SCALE_QUERIES: dict[str, str] = {
    "trade_with_us": f"ds.trade_with_us({generate.FIXED_PLACE!r}, {generate.FIXED_YEAR})",
    "milestones": f"ds.milestones(place={generate.FIXED_PLACE!r})",
    "trade": "ds.trade(partner='US', year=2019)",
    "timeline": "ds.timeline(since=2017)",
}
FIXED_QUERIES = ("trade_with_us", "milestones")
GROWING_QUERIES = ("trade", "timeline")
#: The size limit the loads use: above the default 64 MiB, which 10^6 records exceed.
SCALE_MAX_FILE_BYTES = 4 * 1024**3

WARM_TARGET_NS = 350  # every helper, answered from the cache
UNCACHED_TARGET_NS = 3_000  # trade_with_us, computed
FIRST_USE_TARGET_MS = 8.0  # the one-shot minus `import attrs`
ONE_SHOT_RATIO_TARGET = 0.55  # the one-shot / pycountry's
FLOOR_RATIO_TARGET = 1.2  # the one-shot / (import attrs + read the files it needs)
LOAD_TARGET_S = 1.2  # 10^5 records: from_directory to the first answer
MEMORY_TARGET_MIB = 200.0
MILLION_LOAD_TARGET_S = 12.0
MILLION_MEMORY_TARGET_MIB = 2048.0
PER_RECORD_TARGET_NS = 300  # a query whose answer grows: per returned record
QUERY_GROWTH_TARGET = 2.0
LINEAR_GROWTH_LIMIT = 12.0  # load time per 10x records: ~10x is linear
KIB = 1024
MIB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """How much to repeat, by mode."""

    quick: bool
    process_runs: int
    memory_runs: int
    warm_repeats: int
    warm_target_ns: int
    sizes: tuple[int, ...]
    load_runs: dict[int, int]
    cold_repeats: int
    cold_target_ns: int
    phase_runs: int

    @classmethod
    def for_mode(cls, *, quick: bool, million: bool = False) -> Settings:
        """The settings of the quick or the full run (with 10^6 records: *million*)."""
        if quick:
            return cls(
                quick=True,
                process_runs=7,
                memory_runs=3,
                warm_repeats=5,
                warm_target_ns=4_000_000,
                sizes=(1_000, 10_000),
                load_runs={1_000: 3, 10_000: 3},
                cold_repeats=5,
                cold_target_ns=2_000_000,
                phase_runs=3,
            )
        return cls(
            quick=False,
            process_runs=25,
            memory_runs=7,
            warm_repeats=11,
            warm_target_ns=20_000_000,
            sizes=(1_000, 10_000, 100_000, 1_000_000) if million else (1_000, 10_000, 100_000),
            load_runs={1_000: 7, 10_000: 5, 100_000: 3, 1_000_000: 1},
            cold_repeats=9,
            cold_target_ns=10_000_000,
            phase_runs=11,
        )


# ----------------------------------------------------------------------------------------------
# Child processes
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChildResult:
    """One finished child: wall time from spawn to reap, CPU time, peak RSS, and its stdout."""

    wall_ns: int
    cpu_ns: int
    maxrss_kib: int
    stdout: str


def child_environment(pycache: Path, src: Path) -> dict[str, str]:
    """The environment of a child: the vnus in *src* and a shared bytecode cache."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    path = env.get("PYTHONPATH")
    env["PYTHONPATH"] = str(src) if not path else os.pathsep.join([str(src), path])
    return env


def run_child(argv: Sequence[str], env: dict[str, str]) -> ChildResult:
    """Run *argv*, reap it with ``os.wait4`` and return its time, peak RSS and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter_ns()
        with subprocess.Popen(list(argv), env=env, stdout=out, stderr=err) as proc:
            _, status, usage = os.wait4(proc.pid, 0)
            wall_ns = time.perf_counter_ns() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            detail = err.read().decode("utf-8", "replace")
            msg = f"child {shlex.join(argv)} failed with {proc.returncode}:\n{detail}"
            raise RuntimeError(msg)
        out.seek(0)
        cpu_ns = round((usage.ru_utime + usage.ru_stime) * 1e9)
        return ChildResult(wall_ns, cpu_ns, usage.ru_maxrss, out.read().decode("utf-8"))


def run_python_child(
    env: dict[str, str], mode: str, *args: str, quick: bool = False
) -> dict[str, Any]:
    """Run this script as a child in *mode* and return the JSON it prints."""
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *args]
    if quick:
        argv.append("--quick")
    result = run_child(argv, env)
    data: dict[str, Any] = json.loads(result.stdout)
    data["_maxrss_kib"] = result.maxrss_kib
    data["_wall_ns"] = result.wall_ns
    return data


# ----------------------------------------------------------------------------------------------
# In-process timing (used inside the children)
# ----------------------------------------------------------------------------------------------


def _timer(stmt: str, namespace: dict[str, Any]) -> timeit.Timer:
    return timeit.Timer(stmt, timer=time.perf_counter_ns, globals=namespace)


def _loops_for(timer: timeit.Timer, target_ns: int) -> int:
    """How many loops make one repeat last about *target_ns*."""
    number = 1
    while True:
        elapsed = int(timer.timeit(number))
        if elapsed >= target_ns // 10 or number >= 10**8:
            return max(1, int(number * target_ns / max(elapsed, 1)))
        number *= 10


def time_interleaved(
    statements: dict[str, str], namespace: dict[str, Any], repeats: int, target_ns: int
) -> dict[str, list[float]]:
    """Nanoseconds per execution of each statement, *repeats* samples each, round-robin."""
    timers = {name: _timer(stmt, namespace) for name, stmt in statements.items()}
    loops = {name: _loops_for(timer, target_ns) for name, timer in timers.items()}
    samples: dict[str, list[float]] = {name: [] for name in statements}
    names = list(statements)
    for round_ in range(repeats):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(int(timers[name].timeit(loops[name])) / loops[name])
    return samples


def _call_text(name: str, args: tuple[object, ...], kwargs: dict[str, object]) -> str:
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def _records_of(result: object) -> tuple[object, ...]:
    """The records a helper returned: the tuple itself, a summary's figures, or one object."""
    if isinstance(result, tuple):
        return result
    figures = getattr(result, "figures", None)
    if isinstance(figures, tuple):
        return figures
    return (result,)


def child_warm(settings: Settings) -> dict[str, Any]:
    """Part 2: warm and cold latencies of every helper, with the baselines."""
    import pycountry  # noqa: PLC0415 -- a child's own imports
    import us  # noqa: PLC0415

    import vnus  # noqa: PLC0415

    ds = vnus.dataset()
    first_source = vnus.sources()[0].id
    namespace: dict[str, Any] = {
        "vnus": vnus,
        "pycountry": pycountry,
        "us": us,
        "table": {"VN-HN": "Hanoi", "VN-SG": "Ho Chi Minh City", "US-UT": "Utah"},
        "clear": ds._cache.clear,  # noqa: SLF001 -- the benchmark measures the uncached path
    }
    warm: dict[str, str] = dict(BASELINE_STATEMENTS)
    cold: dict[str, str] = {"clear() alone": "clear()"}
    counts: dict[str, int] = {}
    labels: list[str] = []
    for index, (name, raw_args, kwargs) in enumerate(HELPER_QUERIES):
        args = tuple(first_source if a == "<first source id>" else a for a in raw_args)
        label = _call_text(name, raw_args, kwargs)
        call = "vnus." + _call_text(name, args, kwargs)
        found = _records_of(getattr(vnus, name)(*args, **kwargs))  # also warms the cache
        namespace[f"found_{index}"] = found
        labels.append(label)
        counts[label] = len(found)
        warm[label] = call
        cold[label] = f"clear(); {call}"
    for stmt in BASELINE_STATEMENTS.values():
        _timer(stmt, namespace).timeit(1)  # pycountry loads its database on first use
    repeats, target = settings.warm_repeats, settings.warm_target_ns
    warm_samples = time_interleaved(warm, namespace, repeats, target)
    cold_samples = time_interleaved(cold, namespace, repeats, target)
    return {
        "labels": labels,
        "baselines": list(BASELINE_STATEMENTS),
        "counts": counts,
        "warm_ns": warm_samples,
        "cold_with_clear_ns": cold_samples,
    }


def child_load(directory: str, settings: Settings, *, measure: bool) -> dict[str, Any]:
    """Part 3: load a generated directory, then time the queries (or only import).

    The collector runs as users run it. *first*: ``from_directory`` and the first call of
    ``trade_with_us`` (the indexes it needs are built then): the time to a first answer.
    """
    import vnus  # noqa: PLC0415 -- the same imports with and without loading
    import vnus._dataset  # noqa: PLC0415
    import vnus._fast  # noqa: PLC0415
    import vnus._load  # noqa: PLC0415

    if not measure:
        return {"peak_rss_kib": peak_rss_kib()}
    start = time.perf_counter_ns()
    ds = vnus.Dataset.from_directory(directory, max_file_bytes=SCALE_MAX_FILE_BYTES)
    load_ns = time.perf_counter_ns() - start
    namespace: dict[str, Any] = {"ds": ds, "clear": ds._cache.clear}  # noqa: SLF001
    first_ns: dict[str, int] = {}
    counts: dict[str, int] = {}
    for name, stmt in SCALE_QUERIES.items():
        first_ns[name] = int(_timer(stmt, namespace).timeit(1))
    peak = peak_rss_kib()
    for name, stmt in SCALE_QUERIES.items():
        counts[name] = len(_records_of(eval(stmt, namespace)))  # noqa: S307 -- our own text
    cold = {f"cold {name}": f"clear(); {stmt}" for name, stmt in SCALE_QUERIES.items()}
    cold["clear() alone"] = "clear()"
    samples = time_interleaved(cold, namespace, settings.cold_repeats, settings.cold_target_ns)
    for stmt in SCALE_QUERIES.values():  # the warm runs must not follow a clear()
        eval(stmt, namespace)  # noqa: S307 -- our own text
    warm = {f"warm {name}": stmt for name, stmt in SCALE_QUERIES.items()}
    samples |= time_interleaved(warm, namespace, settings.cold_repeats, settings.cold_target_ns)
    return {
        "load_ns": load_ns,
        "peak_rss_kib": peak,
        "first_ns": first_ns,
        "counts": counts,
        "query_ns": samples,
    }


def child_json(directory: str) -> dict[str, Any]:
    """Part 3's floor: read and ``json.loads`` every data file of the directory, nothing else."""
    import vnus._load  # noqa: F401, PLC0415 -- the baseline's imports, so that peaks compare

    start = time.perf_counter_ns()
    kept = [json.loads(path.read_bytes()) for path in sorted(Path(directory).glob("*.json"))]
    elapsed = time.perf_counter_ns() - start
    return {"json_ns": elapsed, "files": len(kept), "peak_rss_kib": peak_rss_kib()}


def child_tracemalloc(directory: str) -> dict[str, Any]:
    """Part 3: the Python-level peak allocation while loading (slower: tracing is on)."""
    import tracemalloc  # noqa: PLC0415

    import vnus  # noqa: PLC0415
    import vnus._load  # noqa: PLC0415

    tracemalloc.start()
    ds = vnus.Dataset.from_directory(directory, max_file_bytes=SCALE_MAX_FILE_BYTES)
    ds.trade_with_us(generate.FIXED_PLACE, generate.FIXED_YEAR)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"peak_bytes": peak, "retained_bytes": current, "records": sum(ds.counts().values())}


# ----------------------------------------------------------------------------------------------
# The parts, run from the parent
# ----------------------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    """The median, or NaN for no values."""
    return statistics.median(values) if values else float("nan")


def peak_rss_kib() -> int:
    """This process's peak RSS in KiB: VmHWM where /proc has it, else ``ru_maxrss``."""
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status_file:
            for line in status_file:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource  # noqa: PLC0415 -- only without /proc

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _probed_peak(stdout: str) -> int | None:
    for line in stdout.splitlines():
        if line.startswith("VmHWM "):
            return int(line.split()[1])
    return None


def before_source(spec: str, workdir: Path) -> tuple[Path | None, str]:
    """The ``src`` directory of the "before" vnus, and how it was found (or why not)."""
    if spec == "none":
        return None, "not measured (--before none)"
    given = Path(spec)
    if given.is_dir():
        src = given / "src" if (given / "src" / "vnus").is_dir() else given
        if (src / "vnus" / "__init__.py").is_file():
            return src, f"the directory {src}"
        return None, f"not measured: {spec} holds no src/vnus"
    try:
        archive = subprocess.run(
            [  # noqa: S607 -- git from PATH, as a developer runs it
                "git",
                "-C",
                str(HERE.parent),
                "archive",
                "--format=tar",
                spec,
                "src/vnus",
            ],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None, f"not measured: revision {spec} is not in this clone's history"
    target = workdir / "before"
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "src", f"revision {spec}, extracted with `git archive` (read-only copy)"


def opened_files(env: dict[str, str]) -> list[str]:
    """The JSON files the one-shot reads, in order (the floor reads the same)."""
    result = run_child([sys.executable, "-c", OPENED_PROBE], env)
    files: list[str] = json.loads(result.stdout)
    return files


def floor_code(files: Sequence[str]) -> str:
    """``import attrs``, then read and parse each of *files*: what no design can avoid."""
    return (
        "import attrs, json\n"
        f"for _path in {list(files)!r}:\n"
        "    with open(_path, 'rb') as _file:\n"
        "        json.loads(_file.read())"
    )


def run_processes(
    settings: Settings, envs: dict[str, dict[str, str]], floor: str
) -> dict[str, Any]:
    """Part 1: every command N times, round-robin; wall time and peak RSS of each run.

    Each round runs every command once (in a rotated order), so a ratio between two commands
    is taken within each round: the pairs share the machine's load of that moment. The timed
    runs execute the bare command; in the first rounds each command runs a second time with
    :data:`PEAK_PROBE` appended, untimed, to read its own peak RSS.
    """
    commands = {
        label: (floor if label == "floor" else code, tree)
        for label, (code, tree) in PROCESS_COMMANDS.items()
        if tree in envs
    }
    samples: dict[str, dict[str, list[int]]] = {
        label: {"wall_ns": [], "cpu_ns": [], "peak_rss_kib": [], "wait4_maxrss_kib": []}
        for label in commands
    }
    labels = list(commands)
    for code, tree in commands.values():  # warm the bytecode cache and the file cache
        run_child([sys.executable, "-c", code], envs[tree])
        run_child([sys.executable, "-c", code], envs[tree])
    for round_ in range(settings.process_runs):
        shift = round_ % len(labels)
        for label in labels[shift:] + labels[:shift]:
            code, tree = commands[label]
            result = run_child([sys.executable, "-c", code], envs[tree])
            samples[label]["wall_ns"].append(result.wall_ns)
            samples[label]["cpu_ns"].append(result.cpu_ns)
            samples[label]["wait4_maxrss_kib"].append(result.maxrss_kib)
            if round_ < settings.memory_runs:
                probed = run_child([sys.executable, "-c", code + PEAK_PROBE], envs[tree])
                peak = _probed_peak(probed.stdout)
                samples[label]["peak_rss_kib"].append(probed.maxrss_kib if peak is None else peak)
    return {"samples": samples, "codes": {label: code for label, (code, _) in commands.items()}}


def _self_times(stderr: str) -> dict[str, int]:
    """Each module's own import time in µs, from ``-X importtime`` output."""
    times: dict[str, int] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, _, name = line.removeprefix("import time:").split("|", 2)
        times[name.strip()] = int(own)
    return times


def run_phases(settings: Settings, envs: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Part 1b: where the one-shot's time goes, per tree, in fresh ``-X importtime`` runs."""
    runs: dict[str, list[dict[str, Any]]] = {tree: [] for tree in envs}
    with tempfile.TemporaryFile() as err:
        argv = [sys.executable, "-X", "importtime", "-c", "pass"]
        subprocess.run(argv, env=envs["now"], stderr=err, check=True)
        err.seek(0)
        at_start = sorted(_self_times(err.read().decode("utf-8")))
    for _ in range(settings.phase_runs):
        for tree, env in envs.items():
            argv = [sys.executable, "-X", "importtime", "-c", PHASE_PROBE]
            with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
                subprocess.run(argv, env=env, stdout=out, stderr=err, check=True)
                out.seek(0)
                err.seek(0)
                data = json.loads(out.read().decode("utf-8"))
                data["self_us"] = _self_times(err.read().decode("utf-8"))
            data["at_start"] = at_start
            runs[tree].append(data)
    return runs


def run_scale(settings: Settings, env: dict[str, str], workdir: Path) -> dict[str, Any]:
    """Part 3: generate each size, then load it in fresh children, round-robin by size."""
    directories: dict[int, Path] = {}
    data_bytes: dict[int, int] = {}
    for size in settings.sizes:
        directory = generate.generate(workdir / f"data-{size}", size)
        directories[size] = directory
        data_bytes[size] = sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())
    runs: dict[int, list[dict[str, Any]]] = {size: [] for size in settings.sizes}
    baselines: dict[int, list[int]] = {size: [] for size in settings.sizes}
    floors: dict[int, list[dict[str, Any]]] = {size: [] for size in settings.sizes}
    for round_ in range(max(settings.load_runs.values())):
        for size in settings.sizes:
            if round_ >= settings.load_runs[size]:
                continue
            where = str(directories[size])
            base = run_python_child(env, "baseline", where, quick=settings.quick)
            baselines[size].append(base["peak_rss_kib"])
            runs[size].append(run_python_child(env, "load", where, quick=settings.quick))
            floors[size].append(run_python_child(env, "json", where, quick=settings.quick))
    traced = {
        size: run_python_child(env, "tracemalloc", str(directories[size]))
        for size in settings.sizes
    }
    return {
        "data_bytes": data_bytes,
        "runs": runs,
        "baseline_peak_rss_kib": baselines,
        "json_floor": floors,
        "tracemalloc": traced,
    }


# ----------------------------------------------------------------------------------------------
# Reporting
# ----------------------------------------------------------------------------------------------


def status(value: float, limit: float) -> str:
    """PASS when *value* is at most *limit*."""
    return "PASS" if value <= limit else "MISS"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def machine() -> dict[str, str]:
    """CPU model, cores, Python, platform, load and the versions of the packages measured."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    versions = []
    for name in ("attrs", "cattrs", "pycountry", "holidays", "us"):
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    digest = hashlib.sha256()
    files = sorted(
        p for p in (SRC / "vnus").rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )
    for path in files:
        digest.update(path.relative_to(SRC).as_posix().encode() + b"\0" + path.read_bytes())
    return {
        "date": dt.datetime.now(tz=dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": f"{os.cpu_count()} logical, {usable} usable",
        "python": f"{platform.python_implementation()} {sys.version.split()[0]} ({sys.executable})",
        "platform": platform.platform(),
        "packages": ", ".join(versions),
        "load average at start": load,
        "vnus source measured": (
            f"{SRC / 'vnus'} ({len(files)} files, sha256 {digest.hexdigest()[:16]})"
        ),
    }


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """The lower quartile, the median and the upper quartile."""
    if len(values) < 2:  # quantiles need two values
        one = values[0] if values else float("nan")
        return one, one, one
    low, mid, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, mid, high


def paired(
    samples: dict[str, Any],
    top: str,
    bottom: str,
    *,
    difference: bool = False,
    clock: str = "wall_ns",
) -> list[float]:
    """*top* against *bottom* within each round: ratios (or differences, in ms)."""
    tops, bottoms = samples[top][clock], samples[bottom][clock]
    if difference:
        return [(a - b) / 1e6 for a, b in zip(tops, bottoms, strict=True)]
    return [a / b for a, b in zip(tops, bottoms, strict=True)]


def verdict(values: Sequence[float], limit: float) -> str:
    """PASS or MISS by the median; "(within noise)" when the quartiles straddle the limit."""
    low, mid, high = quartiles(values)
    if mid <= limit:
        return "PASS" if high <= limit else "PASS (within noise)"
    return "MISS" if low > limit else "MISS (within noise)"


def _spread(values: Sequence[float], fmt: str) -> str:
    low, mid, high = quartiles(values)
    return f"{mid:{fmt}} (quartiles {low:{fmt}}–{high:{fmt}})"


def report_processes(data: dict[str, Any], before: str, targets: list[dict[str, Any]]) -> str:
    """Part 1 tables: each command, then the paired ratios and differences."""
    samples, codes = data["samples"], data["codes"]
    wall = {label: median(s["wall_ns"]) / 1e6 for label, s in samples.items()}
    rss = {label: median(s["peak_rss_kib"]) / KIB for label, s in samples.items()}
    wait4 = {label: median(s["wait4_maxrss_kib"]) / KIB for label, s in samples.items()}
    rows = []
    for label, s in samples.items():
        over_pass = median(paired(samples, label, "pass", difference=True))
        code = (
            codes[label]
            if label != "floor"
            else "import attrs; json.loads(read(f)) for f in the files the one-shot reads"
        )
        tree = " (before)" if label.endswith("(before)") else ""
        rows.append(
            [
                f"`{code}`{tree}",
                f"{wall[label]:.1f}",
                f"{min(s['wall_ns']) / 1e6:.1f}",
                f"{over_pass:+.1f}",
                f"{median(s['cpu_ns']) / 1e6:.1f}",
                f"{rss[label]:.1f}",
                f"{wait4[label]:.1f}",
            ]
        )
    rounds = len(samples["pass"]["wall_ns"])
    out = [
        f"## 1. Whole process (fresh `python -c`, {rounds} interleaved rounds)",
        "",
        f"*before*: vnus as of {before}.",
        "",
        table(
            [
                "command",
                "median ms",
                "min ms",
                "minus `pass` ms (paired)",
                "CPU ms",
                "peak RSS MiB",
                "wait4 ru_maxrss MiB",
            ],
            rows,
        ),
        "",
        (
            "*peak RSS*: the child's own VmHWM (median of "
            f"{len(samples['pass']['peak_rss_kib'])} runs with a probe appended). *wait4 "
            "ru_maxrss*: what `os.wait4` reports for the timed runs; Linux floors it at the "
            "RSS of the spawning runner, so it is shown only as a cross-check. *CPU*: the "
            "child's user and system time (from `os.wait4`), which other processes on the "
            "machine disturb less than the wall time. Every ratio "
            "below is taken within each round (both commands ran back to back under the same "
            "load) and the median of those per-round ratios is reported with its quartiles. A "
            "verdict whose quartiles straddle the target says so: on a busy machine, repeat "
            "the run before trusting it."
        ),
        "",
    ]
    first_use = paired(samples, "vnus one-shot", "import attrs", difference=True)
    checks: list[tuple[str, str, str, str]] = [
        (
            "vnus one-shot / pycountry one-shot (time)",
            _spread(paired(samples, "vnus one-shot", "pycountry one-shot"), ".3f"),
            f"<= {ONE_SHOT_RATIO_TARGET}",
            verdict(paired(samples, "vnus one-shot", "pycountry one-shot"), ONE_SHOT_RATIO_TARGET),
        ),
        (
            "vnus one-shot / floor (`import attrs` + read the files it reads)",
            _spread(paired(samples, "vnus one-shot", "floor"), ".3f"),
            f"<= {FLOOR_RATIO_TARGET}",
            verdict(paired(samples, "vnus one-shot", "floor"), FLOOR_RATIO_TARGET),
        ),
        (
            "first use (one-shot) minus `import attrs`",
            _spread(first_use, ".1f") + " ms",
            f"<= {FIRST_USE_TARGET_MS:.0f} ms",
            verdict(first_use, FIRST_USE_TARGET_MS),
        ),
        (
            "vnus one-shot / pycountry one-shot (peak RSS)",
            (
                f"{rss['vnus one-shot'] / rss['pycountry one-shot']:.2f} "
                f"({rss['vnus one-shot']:.1f} vs {rss['pycountry one-shot']:.1f} MiB)"
            ),
            "< 1",
            "PASS" if rss["vnus one-shot"] < rss["pycountry one-shot"] else "MISS",
        ),
    ]
    if "vnus one-shot (before)" in samples:
        checks += [
            (
                "vnus one-shot now / before",
                _spread(paired(samples, "vnus one-shot", "vnus one-shot (before)"), ".3f"),
                "<= 1 (no slower)",
                verdict(paired(samples, "vnus one-shot", "vnus one-shot (before)"), 1.0),
            ),
            (
                "vnus one-shot now / before (CPU time)",
                _spread(
                    paired(samples, "vnus one-shot", "vnus one-shot (before)", clock="cpu_ns"),
                    ".3f",
                ),
                "<= 1 (no slower)",
                verdict(
                    paired(samples, "vnus one-shot", "vnus one-shot (before)", clock="cpu_ns"), 1.0
                ),
            ),
            (
                "vnus one-shot now minus before",
                _spread(
                    paired(samples, "vnus one-shot", "vnus one-shot (before)", difference=True),
                    "+.1f",
                )
                + " ms",
                "",
                "",
            ),
            (
                "`import vnus` now / before",
                _spread(paired(samples, "import vnus", "import vnus (before)"), ".3f"),
                "<= 1 (no growth)",
                verdict(paired(samples, "import vnus", "import vnus (before)"), 1.0),
            ),
            (
                "`import vnus` now / before (CPU time)",
                _spread(
                    paired(samples, "import vnus", "import vnus (before)", clock="cpu_ns"), ".3f"
                ),
                "<= 1 (no growth)",
                verdict(
                    paired(samples, "import vnus", "import vnus (before)", clock="cpu_ns"), 1.0
                ),
            ),
            (
                "`import vnus` now minus before",
                _spread(
                    paired(samples, "import vnus", "import vnus (before)", difference=True),
                    "+.1f",
                )
                + " ms",
                "",
                "",
            ),
        ]
    else:
        checks.append(("vnus one-shot now / before", before, "<= 1 (no slower)", "SKIP"))
    targets += [{"check": c, "value": v, "target": t, "status": s} for c, v, t, s in checks]
    out += [table(["paired ratio", "value", "target", "status"], [list(c) for c in checks]), ""]
    return "\n".join(out)


def _phase_groups(run: dict[str, Any]) -> dict[str, float]:
    """One run's milliseconds by phase: attrs, other modules, each vnus module, the query."""
    groups: dict[str, float] = {}
    during = set(run["during_call"])
    at_start = set(run["at_start"])
    imported_during = 0.0
    for module, own in run["self_us"].items():
        if module == "vnus" or module.startswith("vnus."):
            key = f"`{module}`"
        elif module.split(".")[0] in {"attr", "attrs"}:
            key = "`attrs` (its own modules)"
        elif module in at_start:
            key = "modules every interpreter imports at start (also in `pass`)"
        else:
            key = "other standard library modules (attrs's and vnus's)"
        groups[key] = groups.get(key, 0.0) + own / 1000
        if module in during:
            imported_during += own / 1000
    groups["the first query, without its imports (read, structure, index, answer)"] = (
        run["call_ns"] / 1e6 - imported_during
    )
    return groups


def report_phases(phases: dict[str, list[dict[str, Any]]], before: str) -> str:
    """Part 1b table: the one-shot by phase, now and before."""
    medians: dict[str, dict[str, float]] = {}
    for tree, runs in phases.items():
        grouped = [_phase_groups(run) for run in runs]
        names = {name for g in grouped for name in g}
        medians[tree] = {name: median([g.get(name, 0.0) for g in grouped]) for name in names}
    order = [
        "modules every interpreter imports at start (also in `pass`)",
        "`attrs` (its own modules)",
        "other standard library modules (attrs's and vnus's)",
    ]
    modules = sorted({n for m in medians.values() for n in m if n.startswith("`vnus")})
    order += [*modules, "the first query, without its imports (read, structure, index, answer)"]
    trees = list(phases)
    rows = []
    for name in order:
        cells = [f"{medians[t][name]:.2f}" if name in medians[t] else "—" for t in trees]
        if len(trees) == 2:  # now and before
            now, then = (medians[t].get(name, 0.0) for t in trees)
            cells.append(f"{now - then:+.2f}")
        rows.append([name, *cells])
    totals = [sum(medians[t].values()) for t in trees]
    total_row = ["total of the phases", *(f"{x:.2f}" for x in totals)]
    if len(trees) == 2:
        total_row.append(f"{totals[0] - totals[1]:+.2f}")
    rows.append(total_row)
    header = ["phase", *(f"{t} ms" for t in trees)]
    if len(trees) == 2:
        header.append("now minus before ms")
    runs = len(next(iter(phases.values())))
    return "\n".join(
        [
            f"### Where the one-shot's time goes (median of {runs} runs per tree)",
            "",
            (
                "Each run is a fresh `python -X importtime` process doing the one-shot; a "
                "module's row is its own import time (for vnus's modules that includes building "
                "their attrs classes); the query row is the first call minus the imports it "
                f"triggers. The interpreter's start is the `pass` row above. *before*: {before}."
            ),
            "",
            table(header, rows),
            "",
        ]
    )


def report_warm(data: dict[str, Any], targets: list[dict[str, Any]]) -> str:
    """Part 2 tables: the baselines, then every helper warm and cold."""
    warm = {k: median(v) for k, v in data["warm_ns"].items()}
    with_clear = {k: median(v) for k, v in data["cold_with_clear_ns"].items()}
    clear = with_clear["clear() alone"]
    dict_ns = warm["dict lookup (baseline)"]
    base_rows = [
        [f"`{name}`", f"{warm[name]:.0f}", f"{warm[name] / dict_ns:.1f}"]
        for name in data["baselines"]
    ]
    base_rows.append(["`_cache.clear()` (subtracted below)", f"{clear:.0f}", ""])
    rows = []
    for label in data["labels"]:
        cold = with_clear[label] - clear
        rows.append(
            [
                f"`{label}`",
                str(data["counts"][label]),
                f"{warm[label]:.0f}",
                f"{warm[label] / dict_ns:.1f}",
                f"{cold / 1000:.2f}",
                status(warm[label], WARM_TARGET_NS),
            ]
        )
        targets.append(
            {
                "check": f"{label}: warm (cache hit)",
                "value": f"{warm[label]:.0f} ns",
                "target": f"<= {WARM_TARGET_NS} ns",
                "status": rows[-1][-1],
            }
        )
    one_shot = warm["trade_with_us('Hanoi', 2021)"]
    uncached = with_clear["trade_with_us('Hanoi', 2021)"] - clear
    pycountry = warm["pycountry.subdivisions.get(code='VN-HN')"]
    checks = [
        (
            "`trade_with_us('Hanoi', 2021)` uncached",
            f"{uncached:.0f} ns",
            f"<= {UNCACHED_TARGET_NS} ns",
            status(uncached, UNCACHED_TARGET_NS),
        ),
        (
            "`trade_with_us` warm / `pycountry.subdivisions.get` warm",
            f"{one_shot / pycountry:.2f}",
            "<= 1",
            status(one_shot, pycountry),
        ),
        ("`trade_with_us` warm / dict lookup", f"{one_shot / dict_ns:.1f}", "", ""),
    ]
    targets += [{"check": c, "value": v, "target": t, "status": s} for c, v, t, s in checks]
    repeats = len(data["warm_ns"]["dict lookup (baseline)"])
    return "\n".join(
        [
            f"## 2. In-process latency (per call; median of {repeats} interleaved repeats)",
            "",
            table(["baseline", "ns per call", "x dict lookup"], base_rows),
            "",
            (
                "Every vnus helper, through the module-level function. *warm*: the answer from "
                "the cache (a hit). *cold*: right after `vnus.dataset()._cache.clear()`, minus "
                "the cost of `clear()` alone: the answer computed from the indexes."
            ),
            "",
            table(
                ["helper", "results", "warm ns", "warm x dict", "cold µs", "warm status"],
                rows,
            ),
            "",
            table(["ratio", "value", "target", "status"], [list(c) for c in checks]),
            "",
        ]
    )


def _scale_row(size: int, data: dict[str, Any]) -> dict[str, float]:
    """The medians of one size."""
    runs = data["runs"][size]
    baseline = median(data["baseline_peak_rss_kib"][size])
    clear = median([median(r["query_ns"]["clear() alone"]) for r in runs])
    row: dict[str, float] = {
        "load_s": median([r["load_ns"] for r in runs]) / 1e9,
        "answer_s": median([r["load_ns"] + r["first_ns"]["trade_with_us"] for r in runs]) / 1e9,
        "rss_mib": (median([r["peak_rss_kib"] for r in runs]) - baseline) / KIB,
        "json_s": median([f["json_ns"] for f in data["json_floor"][size]]) / 1e9,
        "json_mib": (median([f["peak_rss_kib"] for f in data["json_floor"][size]]) - baseline)
        / KIB,
        "traced_mib": data["tracemalloc"][size]["peak_bytes"] / MIB,
        "data_mib": data["data_bytes"][size] / MIB,
    }
    for name in SCALE_QUERIES:
        row[f"first {name}"] = median([r["first_ns"][name] for r in runs])
        cold = median([median(r["query_ns"][f"cold {name}"]) for r in runs])
        row[f"cold {name}"] = cold - clear
        row[f"warm {name}"] = median([median(r["query_ns"][f"warm {name}"]) for r in runs])
        row[f"count {name}"] = runs[0]["counts"][name]
    return row


def report_scale(settings: Settings, data: dict[str, Any], targets: list[dict[str, Any]]) -> str:
    """Part 3 tables: per size, then the growth ratios and targets."""
    rows = {size: _scale_row(size, data) for size in settings.sizes}
    lines = []
    query_lines = []
    previous: float | None = None
    for size, row in rows.items():
        growth = "" if previous is None else f"{row['answer_s'] / previous:.1f}x"
        previous = row["answer_s"]
        lines.append(
            [
                f"{size:,}",
                f"{row['data_mib']:.1f}",
                f"{row['load_s'] * 1000:.0f}",
                f"{row['answer_s'] * 1000:.0f}",
                f"{row['json_s'] * 1000:.0f}",
                f"{row['answer_s'] / row['json_s']:.1f}x",
                growth,
                f"{row['rss_mib']:.1f}",
                f"{row['traced_mib']:.1f}",
                f"{row['json_mib']:.1f}",
            ]
        )
        for name, statement in SCALE_QUERIES.items():
            count = row[f"count {name}"]
            per = row[f"cold {name}"] / count if count else float("nan")
            query_lines.append(
                [
                    f"{size:,}",
                    f"`{statement}`",
                    f"{count:,.0f}",
                    f"{row[f'first {name}'] / 1000:.1f}",
                    f"{row[f'cold {name}'] / 1000:.2f}",
                    f"{per:.0f}",
                    f"{row[f'warm {name}'] / 1000:.2f}",
                ]
            )
    sizes = list(rows)
    smallest, largest = rows[sizes[0]], rows[sizes[-1]]
    checks: list[tuple[str, str, str, str]] = []
    for low, high in itertools.pairwise(sizes):
        factor = rows[high]["answer_s"] / rows[low]["answer_s"]
        checks.append(
            (
                f"time to first answer {high:,} / {low:,}",
                f"{factor:.1f}x",
                f"~10x linear (<= {LINEAR_GROWTH_LIMIT:.0f}x)",
                status(factor, LINEAR_GROWTH_LIMIT),
            )
        )
    for size, time_limit, memory_limit in (
        (100_000, LOAD_TARGET_S, MEMORY_TARGET_MIB),
        (1_000_000, MILLION_LOAD_TARGET_S, MILLION_MEMORY_TARGET_MIB),
    ):
        if size not in rows:
            why = "not run (--quick)" if settings.quick else "not run (add --million)"
            checks += [
                (f"from_directory to first answer at {size:,}", why, f"<= {time_limit} s", "SKIP"),
                (f"peak memory at {size:,}", why, f"<= {memory_limit:.0f} MiB", "SKIP"),
            ]
            continue
        big = rows[size]
        checks += [
            (
                f"from_directory to first answer at {size:,}",
                f"{big['answer_s']:.2f} s (load {big['load_s']:.2f} s)",
                f"<= {time_limit} s",
                status(big["answer_s"], time_limit),
            ),
            (
                f"peak memory at {size:,} (VmHWM minus baseline)",
                f"{big['rss_mib']:.0f} MiB (tracemalloc peak {big['traced_mib']:.0f} MiB)",
                f"<= {memory_limit:.0f} MiB",
                status(big["rss_mib"], memory_limit),
            ),
        ]
    for name in FIXED_QUERIES:
        same = largest[f"count {name}"] == smallest[f"count {name}"]
        ratio = largest[f"cold {name}"] / smallest[f"cold {name}"]
        checks.append(
            (
                f"cold `{name}` at {sizes[-1]:,} / at {sizes[0]:,}"
                + ("" if same else " (RESULT COUNTS DIFFER)"),
                f"{ratio:.2f}x",
                "<= 2x",
                status(ratio, QUERY_GROWTH_TARGET) if same else "MISS",
            )
        )
    for name in GROWING_QUERIES:
        for size in sizes[-2:]:
            count = rows[size][f"count {name}"]
            per = rows[size][f"cold {name}"] / count if count else float("nan")
            checks.append(
                (
                    f"cold `{SCALE_QUERIES[name]}` at {size:,}, per returned record",
                    f"{per:.0f} ns ({count:,.0f} records)",
                    f"<= {PER_RECORD_TARGET_NS} ns",
                    status(per, PER_RECORD_TARGET_NS),
                )
            )
    targets += [{"check": c, "value": v, "target": t, "status": s} for c, v, t, s in checks]
    runs = ", ".join(f"{settings.load_runs[s]} at {s:,}" for s in settings.sizes)
    return "\n".join(
        [
            f"## 3. Scale (generated data; fresh child per load, median of {runs})",
            "",
            (
                "*load*: `vnus.Dataset.from_directory` in a fresh process, every validation and "
                "cross-check included, the collector on as users run it. *first answer*: the load "
                f"and the first `trade_with_us({generate.FIXED_PLACE!r}, {generate.FIXED_YEAR})` "
                "(the indexes it needs are built then). *peak RSS*: the child's VmHWM after the "
                "first call of each query, minus that of a child with the same imports that does "
                "not load. *JSON floor*: a fresh child that only reads and `json.loads` every "
                "data file of the directory (and keeps the parsed values), the same baseline "
                "subtracted from its peak."
            ),
            "",
            table(
                [
                    "records",
                    "data MiB",
                    "load ms",
                    "first answer ms",
                    "JSON floor ms",
                    "first answer / JSON",
                    "growth",
                    "peak RSS MiB",
                    "tracemalloc peak MiB",
                    "JSON floor peak RSS MiB",
                ],
                lines,
            ),
            "",
            (
                "*first*: the query's first call after the load (builds its indexes). *cold*: "
                "after `_cache.clear()`, minus the clear. The first two queries have the same "
                "answer at every size; the answers of the last two grow with the data."
            ),
            "",
            table(
                [
                    "records",
                    "query",
                    "results",
                    "first µs",
                    "cold µs",
                    "cold ns per result",
                    "warm µs",
                ],
                query_lines,
            ),
            "",
            table(["ratio", "value", "target", "status"], [list(c) for c in checks]),
            "",
        ]
    )


def report_targets(targets: list[dict[str, Any]]) -> str:
    """The summary: every row with a target."""
    rows = [[t["status"], t["check"], t["value"], t["target"]] for t in targets if t["status"]]
    passed = sum(1 for t in targets if t["status"].startswith("PASS"))
    missed = sum(1 for t in targets if t["status"].startswith("MISS"))
    return "\n".join(
        [
            f"## Targets: {passed} PASS, {missed} MISS",
            "",
            table(["status", "check", "value", "target"], rows),
            "",
        ]
    )


def main_parent(args: argparse.Namespace) -> None:
    """Run every part and print the report."""
    settings = Settings.for_mode(quick=args.quick, million=args.million)
    began = time.perf_counter()
    info = machine()
    command = shlex.join(["python", *sys.argv])
    header = ["# vnus benchmarks", "", f"Command: `{command}`", ""]
    header += [f"- {key}: {value}" for key, value in info.items()]
    print("\n".join(header), flush=True)
    with tempfile.TemporaryDirectory(prefix="vnus-bench-") as tmp:
        workdir = Path(tmp)
        env = child_environment(workdir / "pycache", SRC)
        envs = {"now": env}
        before_src, before = before_source(args.before, workdir)
        if before_src is not None:
            envs["before"] = child_environment(workdir / "pycache-before", before_src)
        print(f"- before: {before}", flush=True)
        floor = floor_code(opened_files(env))
        processes = run_processes(settings, envs, floor)
        phases = run_phases(settings, envs)
        warm = run_python_child(env, "warm", quick=settings.quick)
        scale = run_scale(settings, env, workdir)
    targets: list[dict[str, Any]] = []
    parts = [
        report_processes(processes, before, targets),
        report_phases(phases, before),
        report_warm(warm, targets),
        report_scale(settings, scale, targets),
    ]
    elapsed = time.perf_counter() - began
    if args.json is not None:  # first, so the raw numbers survive a closed stdout
        raw = {
            "machine": info,
            "command": command,
            "mode": "quick" if settings.quick else "full",
            "elapsed_s": elapsed,
            "process": processes,
            "phases": phases,
            "warm": warm,
            "scale": scale,
            "targets": targets,
        }
        args.json.write_text(json.dumps(raw, indent=1, default=str) + "\n", encoding="utf-8")
    print(f"- mode: {'quick' if settings.quick else 'full'}; wall time {elapsed:.0f} s\n")
    print("\n".join([*parts, report_targets(targets)]))


def main() -> None:
    """Parse the command line; run as the parent or as one of the children."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, sizes <= 10^4")
    parser.add_argument("--json", type=Path, help="also write every raw sample to this file")
    parser.add_argument(
        "--before",
        default=BEFORE_REVISION,
        help=(
            "the vnus to compare with: a git revision, a directory holding src/vnus, or none "
            f"(default: {BEFORE_REVISION})"
        ),
    )
    parser.add_argument(
        "--million", action="store_true", help="also load 10^6 records (minutes, about 2 GiB)"
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is None:
        main_parent(args)
        return
    settings = Settings.for_mode(quick=args.quick)
    mode, *rest = args.child
    children: dict[str, Callable[[], dict[str, Any]]] = {
        "warm": lambda: child_warm(settings),
        "load": lambda: child_load(rest[0], settings, measure=True),
        "baseline": lambda: child_load(rest[0], settings, measure=False),
        "tracemalloc": lambda: child_tracemalloc(rest[0]),
        "json": lambda: child_json(rest[0]),
    }
    print(json.dumps(children[mode]()))


if __name__ == "__main__":
    main()

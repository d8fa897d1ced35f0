"""Concurrency, immutability, safety and stable data."""

import ast
import dataclasses
import datetime as dt
import enum
import hashlib
import json
import subprocess
import sys
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import attrs
import pytest

import vnus

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "vnus"


def run_python(code):
    result = subprocess.run(  # noqa: S603 -- this interpreter, code written by the test
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bundled_dataset_loads_once_under_32_threads():
    """32 threads' first queries load each bundled file once; all get identical answers."""
    code = """
import collections, json, threading
import vnus, vnus._load as load
reads = collections.Counter()
original = load.read_table
def counting(directory, name, **kwargs):
    reads[name] += 1
    return original(directory, name, **kwargs)
load.read_table = counting
barrier = threading.Barrier(32)
results = [None] * 32
datasets = [None] * 32
queries = [
    lambda: vnus.trade_with_us("Hanoi", 2021),
    lambda: vnus.milestones(kind="partnership"),
    lambda: vnus.sector_priorities(sector="AI"),
    lambda: vnus.indicators(subject="VN"),
]
def work(i):
    barrier.wait()
    results[i] = queries[i % 4]()
    datasets[i] = id(vnus.dataset())
threads = [threading.Thread(target=work, args=(i,)) for i in range(32)]
for t in threads: t.start()
for t in threads: t.join()
same = all(results[i] == results[i % 4] for i in range(32))
print(json.dumps({"reads": dict(reads), "same": same, "datasets": len(set(datasets))}))
"""
    report = json.loads(run_python(code))
    assert report["same"] is True
    assert report["datasets"] == 1
    assert set(report["reads"].values()) == {1}, report["reads"]
    assert {"places.json", "trade.json", "milestones.json"} <= set(report["reads"])
    assert "trade.census.json" not in report["reads"]  # the queries cannot match it


IMMUTABLE_LEAVES = (str, int, Decimal, dt.date, enum.Enum, type(None))


def assert_deeply_immutable(value, path="record"):
    if isinstance(value, IMMUTABLE_LEAVES):
        return
    if isinstance(value, tuple):
        for i, item in enumerate(value):
            assert_deeply_immutable(item, f"{path}[{i}]")
        return
    assert attrs.has(type(value)), f"{path} is a mutable {type(value).__name__}"
    for field in attrs.fields(type(value)):
        current = getattr(value, field.name)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(value, field.name, current)
        with pytest.raises((attrs.exceptions.FrozenInstanceError, AttributeError)):
            delattr(value, field.name)
        assert_deeply_immutable(current, f"{path}.{field.name}")
    with pytest.raises((AttributeError, TypeError)):
        value.extra_attribute = 1  # slotted and frozen: no new attributes either


def test_every_public_value_is_deeply_immutable():
    ds = vnus.dataset()
    everything = (
        *ds.trade(),
        *ds.investments(),
        *ds.milestones(),
        *ds.delegations(),
        *ds.sector_priorities(),
        *ds.indicators(),
        *ds.sources(),
        *ds.places(),
        *ds.sectors(),
        vnus.trade_with_us("Hanoi", 2021),
    )
    assert len(everything) > 100
    for value in everything:
        assert_deeply_immutable(value, getattr(value, "id", type(value).__name__))
    assert not dataclasses.is_dataclass(everything[0])


def test_dataset_cannot_be_changed():
    ds = vnus.dataset()
    with pytest.raises(AttributeError, match="immutable"):
        ds._trade = None
    with pytest.raises(AttributeError, match="immutable"):
        del ds._places
    assert isinstance(ds.counts(), dict)
    ds.counts()["trade"] = -1  # a fresh dict each call: nothing shared changes
    assert ds.counts()["trade"] > 0
    with pytest.raises(TypeError):
        vnus.records.RECORD_FILES["x.json"] = None


FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint"}
FORBIDDEN_MODULES = {
    "pickle",
    "marshal",
    "shelve",
    "socket",
    "urllib",
    "http",
    "subprocess",
    "ftplib",
    "requests",
    "ssl",
    "ctypes",
}


def test_source_uses_no_eval_exec_pickle_or_network():
    problems = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in FORBIDDEN_CALLS
            ):
                problems.append(f"{path.name}:{node.lineno} calls {node.func.id}")
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""]
                )
                problems += [
                    f"{path.name}:{node.lineno} imports {n}"
                    for n in names
                    if n.split(".")[0] in FORBIDDEN_MODULES
                ]
    assert problems == []


def test_queries_open_no_socket_and_write_no_file(tmp_path):
    """An audit hook sees every open() and socket use while the whole API runs."""
    code = f"""
import sys, shutil
events = []
def hook(event, args):
    if event.startswith("socket.") or event in {{"urllib.Request", "http.client.connect"}}:
        events.append(event)
    if event == "open" and args[1] is not None and any(c in str(args[1]) for c in "wax+"):
        events.append(("write", str(args[0])))
    if event == "pickle.find_class":
        events.append(event)
sys.addaudithook(hook)
import vnus
from vnus import audit
vnus.trade_with_us("Hanoi", 2021); vnus.trade(); vnus.timeline()
vnus.milestones(kind="partnership")
vnus.delegations(destination="US"); vnus.sector_priorities(sector="AI"); vnus.indicators()
vnus.investments(); vnus.places(); vnus.sources(); audit.run()
copy = {str(tmp_path / "copy")!r}
events_before = len(events)
shutil.copytree(vnus.__path__[0] + "/data", copy)
del events[events_before:]  # the test's own copy is not the library's doing
vnus.Dataset.from_directory(copy)
print(events)
"""
    assert run_python(code).strip() == "[]"


def test_from_directory_reads_only_its_own_files(tmp_path):
    """open() is only ever called on the directory and the format's files inside it.

    The directory is opened once; every file in it is opened by name relative to it (or to
    its ``seeds`` folder), never following a link (``O_NOFOLLOW``).
    """
    code = f"""
import os, sys, shutil, json
import vnus
copy = {str(tmp_path / "copy")!r}
shutil.copytree(vnus.__path__[0] + "/data", copy)
opened = []
def note(event, args):
    if event == "open" and isinstance(args[0], str):
        opened.append([args[0], args[2] if isinstance(args[2], int) else 0])
sys.addaudithook(note)
vnus.Dataset.from_directory(copy)
print(json.dumps([opened, os.O_NOFOLLOW]))
"""
    opened, nofollow = json.loads(run_python(code))
    allowed = {
        "sources.json",
        "officials.json",
        "places.json",
        "sectors.json",
        "trade.json",
        "investments.json",
        "milestones.json",
        "delegations.json",
        "sector_priorities.json",
        "indicators.json",
    }
    copy = str(tmp_path / "copy")
    assert [path for path, _ in opened if path.startswith(str(tmp_path))] == [copy]
    relative = [(path, flags) for path, flags in opened if not Path(path).is_absolute()]
    assert {path for path, _ in relative} >= allowed
    # Official source files are opened one path component at a time beneath sources/.
    components = {"seeds", "sources"} | {
        part
        for p in (Path(str(files("vnus") / "data")) / "sources").rglob("*")
        for part in p.relative_to(Path(str(files("vnus") / "data")) / "sources").parts
    }
    parts = {p.name for p in Path(str(files("vnus") / "data")).glob("*.*.json")}
    for path, flags in relative:
        assert path in allowed | parts | components or path.endswith(".txt"), path
        assert flags & nofollow, path


def data_digest():
    digest = hashlib.sha256()
    root = files("vnus") / "data"
    names = sorted(p.name for p in Path(str(root)).glob("*.json"))
    for name in names:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return digest.hexdigest()


#: DATA_VERSION -> digest of the bundled JSON files. A data change adds a line and bumps
#: vnus.DATA_VERSION, with a CHANGELOG entry.
PINNED = {
    "2026.11.25": "ab4c0393ddd11a2a5bf64da051cd84adadf7e96cdaa0c2b24f200246dba14052",
    "2026.11.27": "75772c4d597fbf1beefe4c64d51e0233c03b530bb7b4d5d9223d729aa8372e60",
    "2026.11.27.1": "75b3c8ce0b696cf06a0903ffc9c6df835bc6e9a5aaec66d3e15c2932f70dc139",
    "2026.11.27.2": "8a8244d4afb127bb412cff694467f0beacd8155b13b0f6c70b998c253fd9fc9a",
    "2026.11.27.3": "c492b4f346482284d4a98693656492198a299413e6d77387253ffec8bfa96f28",
    "2026.11.27.4": "efd0ae872c7257fcdcb4e39fc8c22db5572ab75c3787579468649c2f4f992e18",
    "2026.11.27.5": "8b8bb4dfe366e8181ad9a5b29a8eb9d6e9b71dd77a27c99c9b5e7f2683f0122e",
}


def test_data_digest_is_pinned_to_data_version():
    assert vnus.DATA_VERSION in PINNED, "bump vnus.DATA_VERSION and pin the new digest"
    assert data_digest() == PINNED[vnus.DATA_VERSION], (
        f"the bundled data changed: bump vnus.DATA_VERSION and pin {data_digest()}"
    )
    assert len(set(PINNED.values())) == len(PINNED)


def test_data_version_is_in_the_changelog():
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"data version {vnus.DATA_VERSION}" in changelog.lower()

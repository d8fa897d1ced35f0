"""Hostile data directories: what the loader and the audit refuse, and how they say so."""

import datetime as dt
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tracemalloc
import zipfile
from importlib.resources import files
from pathlib import Path

import pytest

from vnus import DataError, Dataset, InvalidQueryError, _load, audit
from vnus.types import PartialDate, Period, Source

BUNDLED = Path(str(files("vnus") / "data"))
NOT_REGULAR = "is not a regular file inside the data directory"


@pytest.fixture
def data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(BUNDLED, target)
    return target


def document(directory, name):
    return json.loads((directory / name).read_text(encoding="utf-8"))


def write(directory, name, doc, **kwargs):
    (directory / name).write_text(json.dumps(doc, **kwargs), encoding="utf-8")


def problems_of(directory):
    with pytest.raises(DataError) as info:
        Dataset.from_directory(directory)
    return info.value


def find(error, file, record=None, field=None, message=""):
    match = [
        p
        for p in error.problems
        if p.file == file
        and (record is None or (p.record or "").startswith(record))
        and (field is None or p.field == field)
        and message in p.message
    ]
    assert match, "\n".join(map(str, error.problems))
    return match


def run_python(code, *, timeout=120):
    return subprocess.run(  # noqa: S603 -- this interpreter, code written by the test
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=timeout
    )


# -- 1. A broken record file is an error, never "no records" --------------------------------


def _dangling(path):
    path.symlink_to(path.parent / "no-such-file.json")


def _loop(path):
    path.symlink_to(path.name)


def _fifo(path):
    os.mkfifo(path)


def _device(path):
    path.symlink_to("/dev/zero")


def _directory(path):
    path.mkdir()


BREAKAGES = {
    "dangling link": _dangling,
    "link loop": _loop,
    "fifo": _fifo,
    "device link": _device,
    "directory": _directory,
}


@pytest.mark.parametrize("name", ["milestones.json", "sources.json"])
@pytest.mark.parametrize("breakage", list(BREAKAGES))
def test_a_broken_record_file_is_an_error_not_absent(data, name, breakage):
    (data / name).unlink()
    BREAKAGES[breakage](data / name)
    error = problems_of(data)
    find(error, name, message=NOT_REGULAR)


def test_a_socket_as_record_file_is_an_error(data, monkeypatch):
    (data / "delegations.json").unlink()
    monkeypatch.chdir(data)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("delegations.json")
        assert stat.S_ISSOCK(os.lstat("delegations.json").st_mode)
        find(problems_of(data), "delegations.json", message=NOT_REGULAR)


def test_only_a_missing_name_means_no_records(data):
    official = len(document(data, "milestones.official.json")["records"])
    (data / "milestones.json").unlink()
    assert Dataset.from_directory(data).counts()["milestones"] == official
    (data / "milestones.official.json").unlink()
    assert Dataset.from_directory(data).counts()["milestones"] == 0


def test_links_inside_the_directory_still_load(data):
    (data / "real").mkdir()
    (data / "trade.json").rename(data / "real" / "trade.json")
    (data / "trade.json").symlink_to(Path("real") / "trade.json")
    assert Dataset.from_directory(data).counts()["trade"] > 0


def test_a_linked_seeds_folder_outside_is_refused(data, tmp_path):
    shutil.move(data / "seeds", tmp_path / "elsewhere")
    (data / "seeds").symlink_to(tmp_path / "elsewhere")
    find(problems_of(data), "sources.json", field="seed", message="outside the data directory")


# -- 2. Duplicate keys -----------------------------------------------------------------------


def test_duplicate_top_level_key(data):
    (data / "trade.json").write_text('{"format": 1, "format": 1, "records": []}', "utf-8")
    find(problems_of(data), "trade.json", message="duplicate key 'format'")


def test_duplicate_key_in_a_record(data):
    doc = document(data, "milestones.json")
    rid = doc["records"][2]["id"]
    text = json.dumps(doc).replace(f'"id": "{rid}"', f'"id": "{rid}", "title": "forged"', 1)
    (data / "milestones.json").write_text(text, encoding="utf-8")
    find(
        problems_of(data),
        "milestones.json",
        record=f"records[2] (id {rid!r})",
        message="duplicate key 'title'",
    )


def test_duplicate_key_deep_in_a_record(data):
    doc = document(data, "trade.json")
    text = json.dumps(doc).replace('{"quote": ', '{"quote": "forged", "quote": ', 1)
    (data / "trade.json").write_text(text, encoding="utf-8")
    find(
        problems_of(data),
        "trade.json",
        record="records[0] (id ",
        field="evidence[0]",
        message="duplicate key 'quote'",
    )


# -- 3. The size cap -------------------------------------------------------------------------


def _peak_bytes(call):
    tracemalloc.start()
    try:
        call()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def test_size_is_checked_before_reading(data, monkeypatch):
    monkeypatch.setattr(_load, "MAX_FILE_BYTES", 30_000)
    with (data / "trade.json").open("r+b") as handle:
        handle.truncate(40 * 1024 * 1024)  # sparse: nothing is written
    peak = _peak_bytes(lambda: find(problems_of(data), "trade.json", message="the limit is 30000"))
    assert peak < 4 * 1024 * 1024


def test_a_file_growing_while_read_is_read_only_to_the_cap(data, monkeypatch):
    monkeypatch.setattr(_load, "MAX_FILE_BYTES", 30_000)
    with (data / "trade.json").open("r+b") as handle:
        handle.truncate(40 * 1024 * 1024)
    real_fstat = os.fstat

    def stale_fstat(fd):  # the size seen before the file grew
        result = real_fstat(fd)
        if result.st_size > 30_000:
            return os.stat_result((*tuple(result)[:6], 100, *tuple(result)[7:10]))
        return result

    monkeypatch.setattr(os, "fstat", stale_fstat)
    peak = _peak_bytes(lambda: find(problems_of(data), "trade.json", message="the limit is 30000"))
    assert peak < 4 * 1024 * 1024


def test_the_cap_is_a_keyword_argument(data):
    raw = _load.read_directory(data, where="d", max_file_bytes=10**6)
    assert raw.sources
    with pytest.raises(DataError, match="the limit is 1000"):
        _load.read_directory(data, where="d", max_file_bytes=1000)
    with pytest.raises(DataError, match="the limit is 100"):
        _load.read_table(data, "trade.json", where="d", max_file_bytes=100)
    assert _load.read_table(data, "trade.json", where="d", max_file_bytes=10**6)


@pytest.mark.parametrize("value", [0, -1, True, "5", 1.5])
def test_the_cap_must_be_a_positive_int(data, value):
    with pytest.raises(InvalidQueryError, match="max_file_bytes"):
        _load.read_directory(data, where="d", max_file_bytes=value)


# -- 4. Each seed is read once ---------------------------------------------------------------


def test_a_seed_named_by_many_sources_is_read_and_kept_once(data):
    doc = document(data, "sources.json")
    first = doc["records"][0]
    doc["records"] += [dict(first, id=f"copy-{i}") for i in range(30)]
    write(data, "sources.json", doc)
    raw = _load.read_directory(data, where="d")
    texts = [raw.seeds[s.id] for s in raw.sources if s.seed == first["seed"]]
    assert len(texts) == 31
    assert all(text is texts[0] for text in texts)


# -- 5. No swap between a check and the read -------------------------------------------------

RACE = """
import os, shutil, sys
from pathlib import Path
from vnus import DataError, _load
data, outside, target, how = sys.argv[1:5]
data, outside = Path(data), Path(outside)
done = []

def swap(event, args):
    if event != "open" or done or not isinstance(args[0], (str, bytes, os.PathLike)):
        return
    if os.path.basename(os.fsdecode(args[0])) != target:
        return
    done.append(True)
    if how == "file":  # the checked file becomes a link out, just before the read
        os.rename(data / target, data / (target + ".old"))
        os.symlink(outside / target, data / target)
    else:  # the seeds folder becomes a link out, just before the seed is read
        os.rename(data / "seeds", data / "seeds.old")
        os.symlink(outside, data / "seeds")

sys.addaudithook(swap)
try:
    raw = _load.read_directory(data, where="d")
except DataError as exc:
    print("refused:", exc)
else:
    leaked = [s for s in raw.seeds.values() if "SECRET" in s]
    leaked += [r.id for r in raw.records if "SECRET" in repr(r)]
    print("leaked" if leaked else "clean", bool(done))
"""


def test_a_file_swapped_for_a_link_after_the_check_is_not_followed(data, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    doc = document(data, "milestones.json")
    doc["records"][0]["title"] = "SECRET"
    write(outside, "milestones.json", doc)
    result = subprocess.run(  # noqa: S603 -- this interpreter, code written by the test
        [sys.executable, "-c", RACE, str(data), str(outside), "milestones.json", "file"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "leaked" not in result.stdout, result.stdout
    assert "refused:" in result.stdout or "clean True" in result.stdout, result.stdout


def test_a_seeds_folder_swapped_for_a_link_after_the_check_is_not_followed(data, tmp_path):
    seed = document(data, "sources.json")["records"][-1]["seed"]
    outside = tmp_path / "outside"
    shutil.copytree(data / "seeds", outside)
    with (outside / seed).open("a", encoding="utf-8") as handle:
        handle.write("\nSECRET\n")
    result = subprocess.run(  # noqa: S603 -- this interpreter, code written by the test
        [sys.executable, "-c", RACE, str(data), str(outside), seed, "folder"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "leaked" not in result.stdout, result.stdout


def test_a_zip_install_is_read_with_the_cap(tmp_path):
    archive = tmp_path / "vnus.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in BUNDLED.rglob("*"):
            if path.is_file():
                out.write(path, "data/" + str(path.relative_to(BUNDLED)))
    with zipfile.ZipFile(archive) as opened:
        directory = zipfile.Path(opened, "data/")
        raw = _load.read_directory(directory, where="zip")
        assert raw.records
        with pytest.raises(DataError, match="the limit is 1000"):
            _load.read_directory(directory, where="zip", max_file_bytes=1000)


# -- 8. The problem list is capped -----------------------------------------------------------


def test_the_problem_list_is_capped(data):
    write(data, "trade.json", {"format": 1, "records": [0] * 5000})
    error = problems_of(data)
    assert len(error.problems) == _load.MAX_PROBLEMS + 1
    assert "and 4000 more problems" in str(error.problems[-1])
    assert str(error).count("\n") == _load.MAX_PROBLEMS + 1


# -- 12. The audit reads as safely as the loader ---------------------------------------------


def test_audit_refuses_exclusions_linked_outside(data, tmp_path):
    outside = tmp_path / "exclusions.json"
    shutil.move(data / "exclusions.json", outside)
    (data / "exclusions.json").symlink_to(outside)
    with pytest.raises(DataError, match=NOT_REGULAR):
        audit.run(data)


def test_audit_caps_the_size_of_exclusions(data, monkeypatch):
    monkeypatch.setattr(_load, "MAX_FILE_BYTES", 30_000)
    text = (data / "exclusions.json").read_text(encoding="utf-8")
    (data / "exclusions.json").write_text(text + " " * 40_000, encoding="utf-8")
    with pytest.raises(DataError, match="the limit is 30000"):
        audit.run(data)


def test_audit_refuses_duplicate_keys_in_exclusions(data):
    text = (data / "exclusions.json").read_text(encoding="utf-8")
    text = text.replace('"format": 1', '"format": 1, "format": 1', 1)
    (data / "exclusions.json").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="duplicate key 'format'"):
        audit.run(data)


def test_audit_refuses_exclusions_that_are_not_files(data):
    (data / "exclusions.json").unlink()
    os.mkfifo(data / "exclusions.json")
    with pytest.raises(DataError, match=NOT_REGULAR):
        audit.run(data)


@pytest.mark.parametrize("argument", [42, b"/data", 1.5, ["/data"]])
def test_audit_run_names_a_wrong_argument(argument):
    with pytest.raises(InvalidQueryError, match="directory"):
        audit.run(argument)


def test_audit_run_refuses_an_empty_path():
    with pytest.raises(DataError, match="path must not be empty"):
        audit.run("")


@pytest.mark.parametrize("name", ["../../../../etc/passwd", "/etc/passwd", "a/b.txt", ".."])
def test_seed_text_refuses_names_outside_seeds(name):
    source = Source("x", "Title", "Publisher", PartialDate(2023), name, None)
    with pytest.raises(InvalidQueryError, match="seed"):
        audit.seed_text(source)


def test_seed_text_names_a_wrong_argument():
    with pytest.raises(InvalidQueryError, match="source"):
        audit.seed_text("hanoitimes-2022-10-29")  # type: ignore[arg-type]


# -- 14. Deep nesting never reaches the JSON decoder -----------------------------------------


def test_deep_nesting_is_refused_even_with_a_raised_recursion_limit(data):
    (data / "trade.json").write_text("[" * 500_000 + "]" * 500_000, encoding="utf-8")
    (data / "indicators.json").write_text(
        '{"format": 1, "records": ' + "[" * 500_000, encoding="utf-8"
    )
    code = f"""
import sys
sys.setrecursionlimit(10**6)
from vnus import DataError, Dataset
try:
    Dataset.from_directory({str(data)!r})
except DataError as exc:
    print(exc)
"""
    result = run_python(code, timeout=60)
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert "trade.json: nests too deeply" in result.stdout
    assert "indicators.json: nests too deeply" in result.stdout


def test_nesting_is_limited_to_64(data):
    doc = document(data, "milestones.json")
    doc["records"][0]["note"] = "[[[{{{" * 40 + '\\"]]]' * 50  # brackets in text do not count
    write(data, "milestones.json", doc)
    official = len(document(data, "milestones.official.json")["records"])
    assert Dataset.from_directory(data).counts()["milestones"] == len(doc["records"]) + official
    deep = "[" * 63 + "]" * 63  # 64 levels with the top-level object: allowed
    (data / "trade.json").write_text(f'{{"format": 1, "records": {deep}}}', encoding="utf-8")
    find(problems_of(data), "trade.json", message="expected an object")
    deep = "[" * 64 + "]" * 64
    (data / "trade.json").write_text(f'{{"format": 1, "records": {deep}}}', encoding="utf-8")
    find(problems_of(data), "trade.json", message="nests too deeply")


# -- 16. Lone surrogates ---------------------------------------------------------------------


def test_lone_surrogates_are_refused(data):
    doc = document(data, "places.json")
    doc["records"][0]["name"] += "\ud800"
    write(data, "places.json", doc)  # ensure_ascii writes the escape \ud800
    code = doc["records"][0]["code"]
    find(
        problems_of(data),
        "places.json",
        record=f"records[0] (code {code!r})",
        field="name",
        message="lone surrogate",
    )


def test_lone_surrogates_in_keys_are_refused(data):
    doc = document(data, "milestones.json")
    doc["records"][1]["evidence"][0]["\udfff"] = 1
    write(data, "milestones.json", doc)
    find(problems_of(data), "milestones.json", record="records[1]", message="lone surrogate")


def test_surrogate_pairs_are_text(data):
    doc = document(data, "milestones.json")
    doc["records"][0]["note"] = "\U0001f600 and \\ud800 as plain text"
    write(data, "milestones.json", doc)  # written as the pair \ud83d\ude00
    assert "\\ud83d" in (data / "milestones.json").read_text(encoding="utf-8")
    official = len(document(data, "milestones.official.json")["records"])
    assert Dataset.from_directory(data).counts()["milestones"] == len(doc["records"]) + official


# -- 17. File text in messages is quoted -----------------------------------------------------

FORGED = "x\n  trade.json: records[0]: forged\x1b[31m\u202e"


def _lines_are_clean(error):
    text = str(error)
    assert "\x1b" not in text
    assert "\u202e" not in text
    assert text.count("\n") == len(error.problems)


def test_unknown_field_names_are_quoted(data):
    doc = document(data, "indicators.json")
    doc["records"][0][FORGED] = 1
    doc["records"][1]["evidence"][0][FORGED] = 1
    write(data, "indicators.json", doc)
    error = problems_of(data)
    _lines_are_clean(error)
    find(error, "indicators.json", record="records[0]", message="unknown field(s) 'x\\n")


def test_duplicate_keys_and_ids_are_quoted(data):
    doc = document(data, "milestones.json")
    doc["records"][0]["id"] = FORGED
    text = json.dumps(doc).replace('"title": ', f'"{FORGED}": 1, "{FORGED}": 2, "title": ', 1)
    text = text.replace("\n", "\\n").replace("\x1b", "\\u001b")
    (data / "milestones.json").write_text(text, encoding="utf-8")
    _lines_are_clean(problems_of(data))


def test_audit_report_lines_quote_exclusion_seeds(data):
    doc = document(data, "exclusions.json")
    doc["records"].append({"seed": FORGED, "text": "nowhere", "reason": "test"})
    write(data, "exclusions.json", doc)
    lines = audit.run(data).lines()
    assert all("\n" not in line and "\x1b" not in line for line in lines)
    assert any("unused exclusion: 'x\\n" in line for line in lines)


# -- 20. Clear reports -----------------------------------------------------------------------


@pytest.mark.parametrize(("make", "what"), [(os.mkfifo, "a FIFO"), (os.mkdir, "a directory")])
def test_a_seed_that_is_not_a_file_says_what_it_is(data, make, what):
    seed = document(data, "sources.json")["records"][0]["seed"]
    (data / "seeds" / seed).unlink()
    make(data / "seeds" / seed)
    error = problems_of(data)
    found = find(error, "sources.json", record="records[0]", field="seed", message=what)
    assert "does not exist" not in found[0].message


def test_a_broken_places_file_does_not_cascade(data):
    (data / "places.json").write_text("{not json", encoding="utf-8")
    error = problems_of(data)
    assert [str(p) for p in error.problems] == [str(error.problems[0])]
    find(error, "places.json", message="is not valid JSON")


def test_broken_place_records_do_not_cascade(data):
    doc = document(data, "places.json")
    doc["records"][3]["kind"] = "PLANET"
    write(data, "places.json", doc)
    error = problems_of(data)
    assert len(error.problems) == 1, str(error)


def test_a_broken_sources_file_does_not_cascade(data):
    (data / "sources.json").write_text('{"format": 1}', encoding="utf-8")
    error = problems_of(data)
    assert len(error.problems) == 1, str(error)


def test_an_empty_path_is_refused():
    with pytest.raises(DataError, match="path must not be empty"):
        _load.read_directory("", where="")


def test_dates_before_year_1000_are_refused(data):
    with pytest.raises(ValueError, match="year"):
        Period(dt.date(999, 12, 31), dt.date(2000, 1, 1))
    with pytest.raises(ValueError, match="year"):
        Source("x", "T", "P", dt.datetime(999, 1, 1), "a.txt", None)
    doc = document(data, "trade.json")
    doc["records"][0]["period"]["start"] = "0999-01-01"
    write(data, "trade.json", doc)
    find(problems_of(data), "trade.json", record="records[0]", message="999")
    shutil.copy(BUNDLED / "trade.json", data / "trade.json")
    doc = document(data, "sources.json")
    doc["records"][0]["published"] = "0001-01-01T00:00"
    write(data, "sources.json", doc)
    find(problems_of(data), "sources.json", record="records[0]", message="year")


# -- 13. Finding many quotes at once gives what one search per quote gives --------------------


def test_find_quotes_agrees_with_str_find(monkeypatch):
    import random  # noqa: PLC0415

    monkeypatch.setattr(_load, "_SCAN_BUDGET", 0)  # always the indexed search
    rng = random.Random(7)  # noqa: S311 -- test data
    for _ in range(200):
        text = "".join(rng.choice("ab c") for _ in range(rng.randrange(0, 400)))
        quotes = set()
        for _ in range(rng.randrange(1, 12)):
            start = rng.randrange(0, max(1, len(text)))
            quote = text[start : start + rng.randrange(1, 60)]
            if rng.random() < 0.3:
                quote += rng.choice("abcx")
            if quote:
                quotes.add(quote)
        expected = {}
        for quote in quotes:
            starts = [i for i in range(len(text)) if text.startswith(quote, i)]
            if starts:
                expected[quote] = starts
        assert _load.find_quotes(text, quotes, every=True) == expected
        assert _load.find_quotes(text, quotes) == {q: s[:1] for q, s in expected.items()}


def test_from_directory_refuses_an_empty_path():
    """An empty path is not the current directory."""
    with pytest.raises(InvalidQueryError, match="path must be a non-empty path"):
        Dataset.from_directory("")


def test_from_directory_passes_the_size_cap(tmp_path):
    """A caller's cap reaches the reader: a small cap refuses files the default accepts."""
    data = tmp_path / "data"
    shutil.copytree(_load.bundled_directory(), data)
    with pytest.raises(DataError, match="the limit is 100"):
        Dataset.from_directory(data, max_file_bytes=100)
    assert (
        Dataset.from_directory(data).counts()
        == Dataset.from_directory(_load.bundled_directory()).counts()
    )

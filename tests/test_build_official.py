"""scripts/build_official.py: deterministic, strict, and every quote stands in its source.

The quote and count checks parse the pinned files here, independently of the generator.
"""

import hashlib
import importlib.util
import json
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "sources"
INPUTS = REPO / "scripts" / "official"
DATA = REPO / "src" / "vnus" / "data"
OUTPUTS = (
    "sources.official.json",
    "trade.census.json",
    "delegations.official.json",
    "milestones.official.json",
    "officials.json",
    "parts.json",
    "delegations.json",
    "milestones.json",
)
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
BIDEN = "historyatstate/travels/president-travels/biden-joseph-r.xml"
BLINKEN = "historyatstate/travels/secretary-travels/blinken-antony-j.xml"
CENSUS = "census-5520/vnm_rows.jsonl"


def _generator():
    spec = importlib.util.spec_from_file_location(
        "build_official", REPO / "scripts" / "build_official.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build_official = _generator()


def _output(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))["records"]


def _linked():
    """Article records that also cite official entries (one event, one record)."""
    return [
        r
        for name in ("delegations.json", "milestones.json")
        for r in _output(name)
        if any(e.get("locator") for e in r["evidence"])
    ]


def _run(*args):
    return build_official.main([str(a) for a in args])


# --------------------------------------------------------------------------------------------
# Determinism and --check
# --------------------------------------------------------------------------------------------


def test_two_runs_are_byte_identical_and_equal_the_committed_files(tmp_path, capsys):
    first, second = tmp_path / "one", tmp_path / "two"
    assert _run("--out", first) == 0
    assert _run("--out", second) == 0
    for name in OUTPUTS:
        a = (first / name).read_bytes()
        assert a == (second / name).read_bytes(), name
        assert a == (DATA / name).read_bytes(), f"{name}: run scripts/build_official.py"
        assert a.endswith(b"}\n")
    assert sorted(p.name for p in first.iterdir() if p.is_file()) == sorted(OUTPUTS)
    copies = sorted(p.relative_to(first) for p in (first / "sources").rglob("*") if p.is_file())
    assert copies
    for copy in copies:
        assert (first / copy).read_bytes() == (SOURCES / copy.relative_to("sources")).read_bytes()
        assert (first / copy).read_bytes() == (DATA / copy).read_bytes()
    capsys.readouterr()
    assert _run("--check") == 0


def test_check_reports_a_changed_record(tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(DATA, out)
    path = out / "delegations.official.json"
    content = json.loads(path.read_text(encoding="utf-8"))
    content["records"][0]["end"] = "1999-01-01"
    path.write_text(json.dumps(content), encoding="utf-8")
    (out / "officials.json").unlink()
    capsys.readouterr()
    assert _run("--check", "--out", out) == 1
    err = capsys.readouterr().err
    assert "delegations.official.json: differs: 0 added, 0 removed, 1 changed" in err
    assert content["records"][0]["id"] in err
    assert "officials.json: missing" in err


def test_outputs_are_sorted_and_formatted():
    for name in OUTPUTS:
        text = (DATA / name).read_text(encoding="utf-8")
        content = json.loads(text)
        assert content["format"] == 1
        ids = [r["id"] for r in content["records"]]
        assert ids == sorted(ids), name
        assert len(ids) == len(set(ids)), name
        expected = json.dumps(content, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
        assert text == expected, name


# --------------------------------------------------------------------------------------------
# Strictness: mutated inputs stop the generator with file, entry and field
# --------------------------------------------------------------------------------------------


@pytest.fixture
def roots(tmp_path):
    sources, inputs = tmp_path / "sources", tmp_path / "inputs"
    shutil.copytree(SOURCES, sources)
    shutil.copytree(INPUTS, inputs)
    for path in sources.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return sources, inputs


def _mutate(sources, name, old, new, *, resum=True):
    path = sources / name
    data = path.read_bytes()
    assert old.encode() in data, old
    path.write_bytes(data.replace(old.encode(), new.encode(), 1))
    if resum:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        sums = sources / "SHA256SUMS"
        lines = [
            f"{digest}  {name}" if line.endswith(f"  {name}") else line
            for line in sums.read_text(encoding="utf-8").splitlines()
        ]
        sums.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _fails(roots, tmp_path, capsys, *parts):
    sources, inputs = roots
    capsys.readouterr()
    code = _run("--sources", sources, "--inputs", inputs, "--out", tmp_path / "out")
    err = capsys.readouterr().err
    assert code == 2, err
    for part in parts:
        assert part in err, (part, err)
    assert not (tmp_path / "out").exists()
    return err


def test_a_changed_byte_is_a_checksum_error(roots, tmp_path, capsys):
    _mutate(roots[0], BIDEN, "Vo Van Thuong", "Vo Van Thuonh", resum=False)
    _fails(roots, tmp_path, capsys, f"sources/{BIDEN}", "sha256", "checksum mismatch")


def test_an_unknown_vietnam_person(roots, tmp_path, capsys):
    _mutate(
        roots[0],
        BLINKEN,
        "Foreign Minister Bui Thanh\n            Son.",
        "Foreign Minister Le Van Tam.",
    )
    _fails(roots, tmp_path, capsys, BLINKEN, "trip:4137", "remarks", "unknown person 'Le Van Tam'")


def test_an_unknown_visitor(roots, tmp_path, capsys):
    _mutate(
        roots[0],
        "historyatstate/visits/data/2010.xml",
        "President Truong Tan Sang",
        "President Le Van Tam",
    )
    _fails(
        roots, tmp_path, capsys, "visits/data/2010.xml", "visit:2597", "visitor", "unknown person"
    )


def test_an_unknown_locale(roots, tmp_path, capsys):
    _mutate(
        roots[0],
        BIDEN,
        "<locale>Hanoi</locale>\n        <remarks>Met with President Vo",
        "<locale>Hue</locale>\n        <remarks>Met with President Vo",
    )
    _fails(roots, tmp_path, capsys, BIDEN, "trip:4175", "locale", "unknown locale 'Hue'")


def test_a_non_numeric_month(roots, tmp_path, capsys):
    _mutate(roots[0], CENSUS, '"exports":[0.4,0.6,2.3,', '"exports":[0.4,0.6,"n/a",')
    _fails(roots, tmp_path, capsys, CENSUS, "year:1994", "exports[3]", "not a number")


def test_a_two_element_month_array(roots, tmp_path, capsys):
    line = (SOURCES / CENSUS).read_text(encoding="utf-8").splitlines()[3]
    months = re.search(r'"imports":\[[^\]]*\]', line).group(0)
    _mutate(roots[0], CENSUS, months, '"imports":[17.6,21.8]')
    _fails(
        roots, tmp_path, capsys, CENSUS, "year:1995", "imports", "expected 12 monthly values, got 2"
    )


def test_months_that_do_not_add_up(roots, tmp_path, capsys):
    _mutate(roots[0], CENSUS, '"exports":[16.6,7.4,', '"exports":[16.6,8.4,')
    _fails(roots, tmp_path, capsys, CENSUS, "year:1995", "exports_year", "tolerance")


def test_a_balance_that_does_not_hold(roots, tmp_path, capsys):
    _mutate(roots[0], CENSUS, '"balance_year":53.3', '"balance_year":53.4')
    _fails(roots, tmp_path, capsys, CENSUS, "year:1995", "balance_year")


def test_an_unexpected_element(roots, tmp_path, capsys):
    _mutate(
        roots[0],
        BIDEN,
        "<locale>Hanoi</locale>\n        <remarks>Met with President Vo",
        "<locale>Hanoi</locale><note/>\n        <remarks>Met with President Vo",
    )
    _fails(roots, tmp_path, capsys, BIDEN, "trip:4175", "note", "unexpected")


def test_a_missing_child(roots, tmp_path, capsys):
    _mutate(
        roots[0],
        BIDEN,
        "<locale>Hanoi</locale>\n        <remarks>Met with President Vo",
        "<remarks>Met with President Vo",
    )
    _fails(roots, tmp_path, capsys, BIDEN, "trip:4175", "locale", "missing")


def test_a_skip_that_matches_nothing(roots, tmp_path, capsys):
    path = roots[1] / "skips.json"
    skips = json.loads(path.read_text(encoding="utf-8"))
    skips["skips"].append({"file": BIDEN, "entry": "trip:999999", "expect": "x", "reason": "gone"})
    path.write_text(json.dumps(skips), encoding="utf-8")
    _fails(roots, tmp_path, capsys, BIDEN, "trip:999999", "entry", "listed skip matches nothing")


def test_a_skip_whose_text_changed(roots, tmp_path, capsys):
    name = "historyatstate/travels/president-travels/obama-barack.xml"
    _mutate(roots[0], name, "Stopped en route to Vietnam.", "Stopped en route to Viet Nam.")
    _fails(roots, tmp_path, capsys, name, "trip:3622", "text", "no longer matches")


def test_a_listed_defect_that_no_longer_matches(roots, tmp_path, capsys):
    name = "historyatstate/visits/data/2020.xml"
    _mutate(roots[0], name, "Prime Minister Nguyen Tan Dung", "Prime Minister Pham Minh Chinh")
    _fails(roots, tmp_path, capsys, name, "visit:3051", "visitor", "no longer matches")


def test_an_unlisted_accompanying_secretary(roots, tmp_path, capsys):
    path = roots[1] / "members.json"
    members = json.loads(path.read_text(encoding="utf-8"))
    members["members"] = [m for m in members["members"] if m["trip"] != "trip:3765"]
    path.write_text(json.dumps(members), encoding="utf-8")
    _fails(roots, tmp_path, capsys, "tillerson-rex-w.xml", "trip:3765", "remarks", "members.json")


def test_an_unreviewed_article_record(roots, tmp_path, capsys):
    path = roots[1] / "links.json"
    links = json.loads(path.read_text(encoding="utf-8"))
    links["not_linked"] = links["not_linked"][1:]
    path.write_text(json.dumps(links), encoding="utf-8")
    _fails(roots, tmp_path, capsys, "links.json", "utah-governor-visit-hanoi-2017", "not reviewed")


# --------------------------------------------------------------------------------------------
# Every quote stands verbatim in its located element or line (parsed here, independently)
# --------------------------------------------------------------------------------------------


def _collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def _entries(path):
    root = ET.parse(path).getroot()  # noqa: S314 - pinned, checksummed files
    return {f"{element.tag}:{element.findtext('id')}": element for element in root}


def _guide_div(root, locator):
    match = re.fullmatch(r"div:(\w+)(?:/(\w+)\[(\d+)\])?", locator)
    assert match, locator
    section_id, kind, number = match.groups()
    [section] = [d for d in root.iter(f"{TEI}div") if d.get(XML_ID) == section_id]
    if kind is None:
        return section
    divs = [d for d in section if d.tag == f"{TEI}div" and d.get("type") == kind]
    return divs[int(number) - 1]


def _census_lines():
    lines = (SOURCES / CENSUS).read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["year"]: line for line in lines}


def _located_text(source, locator):
    path = SOURCES / source["file"]
    if source["format"] == "jsonl":
        match = re.fullmatch(r"year:(\d{4})(?:/month:(\d{2}))?", locator)
        assert match, locator
        return _census_lines()[int(match.group(1))]
    if locator.startswith("div:"):
        root = ET.parse(path).getroot()  # noqa: S314 - pinned, checksummed files
        return _collapse("".join(_guide_div(root, locator).itertext()))
    return _collapse("".join(_entries(path)[locator].itertext()))


def _all_evidence():
    """Every piece of evidence that cites an official file (it has a locator)."""
    for name in OUTPUTS:
        for record in _output(name):
            for evidence in record.get("evidence", []):
                if "locator" in evidence:
                    yield name, record, evidence


def test_every_quote_stands_in_its_located_element_or_line():
    sources = {s["id"]: s for s in _output("sources.official.json")}
    checked = 0
    for name, record, evidence in _all_evidence():
        source = sources[evidence["source"]]
        text = _located_text(source, evidence["locator"])
        assert evidence["quote"] in text, (name, record.get("id"), evidence)
        checked += 1
    assert checked >= 950


def test_every_census_amount_is_the_last_number_of_its_quote():
    lines = _census_lines()
    for record in _output("trade.census.json"):
        [evidence] = record["evidence"]
        year = int(evidence["locator"][5:9])
        assert evidence["quote"] in lines[year]
        last = re.search(r"(-?[0-9.]+)$", evidence["quote"]).group(1)
        assert Decimal(record["value"]["amount"]) == Decimal(last) * 1_000_000, record["id"]
        assert re.fullmatch(r"0|[1-9][0-9]*", record["value"]["amount"])
        month = re.search(r"/month:(\d{2})$", evidence["locator"])
        if month:
            values = re.search(r"\[([^\]]*)$", evidence["quote"]).group(1).split(",")
            assert len(values) == int(month.group(1))
            assert record["period"]["start"] == f"{year}-{month.group(1)}-01"


def test_every_source_digest_and_file_is_the_pinned_one():
    sums = dict(
        reversed(line.split("  ", 1))
        for line in (SOURCES / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    )
    cited = {e["source"] for _, _, e in _all_evidence()}
    records = _output("sources.official.json")
    assert {s["id"] for s in records} == cited
    for source in records:
        assert source["sha256"] == sums[source["file"]]
        assert re.fullmatch(r"[0-9a-f]{40}", source["retrieved_from"]["commit"])
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", source["published"])


# --------------------------------------------------------------------------------------------
# Counts and accounting
# --------------------------------------------------------------------------------------------


def test_trade_counts():
    lines = _census_lines()
    assert sorted(lines) == list(range(1992, 2027))
    monthly = 0
    for line in lines.values():
        row = json.loads(line)
        monthly += sum(v is not None for v in row["exports"]) + sum(
            v is not None for v in row["imports"]
        )
    records = _output("trade.census.json")
    annual = [
        r
        for r in records
        if r["period"]["start"][5:] == "01-01" and r["period"]["end"][5:] != "01-31"
    ]
    full = [r for r in annual if r["period"]["end"][5:] == "12-31"]
    partial = [r for r in annual if r["period"]["end"][5:] != "12-31"]
    assert len(full) == 34 * 2
    assert {int(r["period"]["start"][:4]) for r in full} == set(range(1992, 2026))
    assert [(r["flow"], r["period"]["end"]) for r in sorted(partial, key=lambda r: r["flow"])] == [
        ("EXPORT", "2026-08-31"),
        ("IMPORT", "2026-08-31"),
    ]
    assert monthly == 34 * 12 * 2 + 8 * 2
    assert len(records) == 34 * 2 + 2 + monthly
    zeros = [r for r in records if r["value"]["amount"] == "0"]
    assert {r["id"] for r in zeros} >= {
        "us-vn-census-imports-1992-01",
        "us-vn-census-imports-1994-02",
    }


def _vietnam_entries():
    keys = set()
    for path in sorted((SOURCES / "historyatstate").rglob("*.xml")):
        if "travels" in path.parts or path.parent.name == "data":
            for key, element in _entries(path).items():
                place = element.find("country")
                if place is None:
                    place = element.find("from")
                if place is not None and place.get("id") == "vietnam":
                    keys.add(key)
    return keys


def test_every_vietnam_trip_and_visit_is_accounted_for():
    vietnam = _vietnam_entries()
    assert len(vietnam) == 37
    delegations = _output("delegations.official.json")
    links = _linked()
    skips = {
        s["entry"] for s in json.loads((INPUTS / "skips.json").read_text(encoding="utf-8"))["skips"]
    }
    primary = [r["evidence"][0]["locator"] for r in delegations]
    members = [e["locator"] for r in delegations for e in r["evidence"][1:]]
    linked = [
        e["locator"]
        for link in links
        for e in link["evidence"]
        if e.get("locator", "").startswith(("trip:", "visit:")) and e["locator"] not in primary
    ]
    assert len(primary) == len(set(primary))
    assert sum(len(r["members"]) for r in delegations) == len(members)
    assert sum(len(link.get("members", [])) for link in links) == 1
    accounted = primary + members + linked + sorted(skips & vietnam)
    assert sorted(accounted) == sorted(vietnam)


def test_guide_entries_from_1995_are_records_or_links_and_earlier_ones_are_never_vn():
    guide = SOURCES / "historyatstate/rdcr/articles/vietnam.xml"
    root = ET.parse(guide).getroot()  # noqa: S314 - a pinned, checksummed file
    located = {
        e.get("locator")
        for name in ("milestones.official.json", "milestones.json")
        for r in _output(name)
        for e in r["evidence"]
    }
    skips = {
        s["entry"] for s in json.loads((INPUTS / "skips.json").read_text(encoding="utf-8"))["skips"]
    }
    from_1995 = 0
    for section in root.iter(f"{TEI}div"):
        if section.get("type") != "section":
            continue
        timelines = [d for d in section if d.get("type") == "timeline"]
        for number, div in enumerate(timelines, 1):
            locator = f"div:{section.get(XML_ID)}/timeline[{number}]"
            date = div.find(f"{TEI}head/{TEI}date")
            year = int(date.get("when") or date.get("from"))
            assert locator in located or locator in skips, locator
            if year >= 1995:
                from_1995 += 1
                assert locator in located, locator
                assert locator not in skips, locator
    assert from_1995 == 2
    for record in _output("milestones.official.json"):
        if record["date"] < "1995":
            assert not any(p == "VN" or p.startswith("VN-") for p in record["places"]), record["id"]


def test_place_codes_are_known_or_proposed():
    known = {
        p["code"] for p in json.loads((DATA / "places.json").read_text(encoding="utf-8"))["records"]
    }
    proposed = json.loads((INPUTS / "places-needed.json").read_text(encoding="utf-8"))["records"]
    codes = {p["code"] for p in proposed}
    assert not codes & known
    used = {c for r in _output("milestones.official.json") for c in r["places"]}
    for r in _output("delegations.official.json"):
        used |= {r["origin"], *r["destinations"]}
    assert used <= known | codes
    assert codes <= used | {p["parent"] for p in proposed}


def test_the_known_defect_is_corrected_and_the_quote_keeps_the_source_words():
    [record] = [
        r
        for r in _output("delegations.official.json")
        if r["evidence"][0]["locator"] == "visit:3051"
    ]
    assert record["leader"]["name"] == "Pham Minh Chinh"
    assert record["leader"]["official"] == "pham-minh-chinh"
    assert "Prime Minister Nguyen Tan Dung" in record["evidence"][0]["quote"]
    assert record["corrections"] == [
        {
            "field": "leader.name",
            "source": "hist-visits-2020",
            "source_says": "Nguyen Tan Dung",
            "record_says": "Pham Minh Chinh",
            "reason": record["corrections"][0]["reason"],
        }
    ]


def test_one_event_is_one_record_with_evidence_from_each_source():
    """A linked article record keeps its article evidence and gains the official entries'."""
    linked = {r["id"]: r for r in _linked()}
    assert set(linked) == {
        "biden-state-visit-vietnam-2023",
        "to-lam-us-trip-2024",
        "vn-us-normalization-1995",
    }
    for record in linked.values():
        assert any("locator" not in e for e in record["evidence"]), record["id"]
        assert any("locator" in e for e in record["evidence"]), record["id"]
    ids = {
        r["id"]
        for name in ("delegations.official.json", "milestones.official.json")
        for r in _output(name)
    }
    assert not ids & set(linked)
    biden = linked["biden-state-visit-vietnam-2023"]
    assert [m["official"] for m in biden["members"]] == ["blinken-antony-j"]
    assert biden["leader"]["official"] == "biden-joseph-r"
    assert {c["field"] for c in biden["corrections"]} == {"leader.name", "leader.title"}


def test_officials_cover_every_leader_and_member():
    officials = {o["id"] for o in _output("officials.json")}
    for record in [*_output("delegations.official.json"), *_linked()]:
        people = [*record.get("members", []), *([record["leader"]] if "leader" in record else [])]
        for person in people:
            assert person["official"] in officials

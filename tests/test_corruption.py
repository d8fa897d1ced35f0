"""Corrupted data directories are refused with a DataError naming file, record and field."""

import gc
import json
import shutil
from importlib.resources import files
from pathlib import Path

import pytest

import vnus
from vnus import DataError, Dataset, _load, audit

BUNDLED = Path(str(files("vnus") / "data"))


@pytest.fixture
def data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(BUNDLED, target)
    return target


def edit(directory, name, change):
    path = directory / name
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document["records"])
    path.write_text(json.dumps(document), encoding="utf-8")


def refused(directory, file, record=None, field=None, message=""):
    with pytest.raises(DataError) as info:
        Dataset.from_directory(directory)
    problems = info.value.problems
    match = [
        p
        for p in problems
        if p.file == file
        and (record is None or (p.record or "").startswith(record))
        and (field is None or p.field == field)
        and message in p.message
    ]
    assert match, "\n".join(map(str, problems))
    assert file in str(info.value)
    return problems


def first_id(directory, name):
    return json.loads((directory / name).read_text(encoding="utf-8"))["records"][0]["id"]


def test_the_bundled_copy_loads(data):
    assert Dataset.from_directory(data).counts() == vnus.dataset().counts()


def test_truncated_file(data):
    path = data / "trade.json"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    refused(data, "trade.json", message="is not valid JSON")


def test_invalid_json(data):
    (data / "milestones.json").write_text("{format: 1}", encoding="utf-8")
    refused(data, "milestones.json", message="is not valid JSON")


def test_not_utf8(data):
    (data / "indicators.json").write_bytes(b'{"format": 1, "records": ["\xff"]}')
    refused(data, "indicators.json", message="is not valid UTF-8")


@pytest.mark.parametrize(
    "document",
    [[], {"records": []}, {"format": 1, "records": [], "extra": 1}, "text", None],
)
def test_wrong_top_level_shape(data, document):
    (data / "delegations.json").write_text(json.dumps(document), encoding="utf-8")
    refused(data, "delegations.json", message='exactly the keys "format" and "records"')


def test_wrong_format_number(data):
    (data / "trade.json").write_text('{"format": 2, "records": []}', encoding="utf-8")
    refused(data, "trade.json", field="format", message="format must be 1")


def test_records_not_a_list(data):
    (data / "trade.json").write_text('{"format": 1, "records": {}}', encoding="utf-8")
    refused(data, "trade.json", field="records", message="records must be an array")


def test_record_not_an_object(data):
    edit(data, "trade.json", lambda r: r.insert(0, ["not", "an", "object"]))
    refused(data, "trade.json", record="records[0]", message="expected an object")


def test_missing_field(data):
    rid = first_id(data, "trade.json")
    edit(data, "trade.json", lambda r: r[0].pop("value"))
    refused(
        data,
        "trade.json",
        record=f"records[0] (id {rid!r})",
        field="value",
        message="required field missing",
    )


def test_wrong_type(data):
    edit(data, "milestones.json", lambda r: r[0].update(title=42))
    refused(
        data, "milestones.json", record="records[0]", field="title", message="expected a string"
    )


def test_unknown_key(data):
    edit(data, "indicators.json", lambda r: r[1].update(colour="red"))
    refused(data, "indicators.json", record="records[1]", message="unknown field(s) 'colour'")


def test_a_sector_list_in_the_old_format_is_refused(data):
    """A list with the former single ``place`` is refused, pointing to ``places``."""

    def to_old_format(records):
        records[0]["place"] = records[0].pop("places")[0]

    edit(data, "sector_priorities.json", to_old_format)
    rid = first_id(data, "sector_priorities.json")
    record = f"records[0] (id {rid!r})"
    refused(data, "sector_priorities.json", record=record, field="places", message="missing")
    refused(
        data,
        "sector_priorities.json",
        record=record,
        message="unknown field(s) 'place'; expected only the fields of SectorPriority "
        "('place' is now 'places', a list of place codes)",
    )


def test_duplicate_id(data):
    edit(data, "delegations.json", lambda r: r.append(dict(r[0])))
    refused(data, "delegations.json", field="id", message="duplicate id")


def test_duplicate_id_across_files(data):
    rid = first_id(data, "trade.json")
    edit(data, "indicators.json", lambda r: r[0].update(id=rid))
    refused(data, "indicators.json", record="records[0]", field="id", message="duplicate id")


def test_dangling_source(data):
    edit(data, "trade.json", lambda r: r[0]["evidence"][0].update(source="nowhere"))
    refused(
        data,
        "trade.json",
        record="records[0]",
        field="evidence[0].source",
        message="unknown source 'nowhere'",
    )


def test_dangling_place(data):
    edit(data, "investments.json", lambda r: r[0].update(host="VN-ZZ"))
    refused(
        data, "investments.json", record="records[0]", field="host", message="unknown place 'VN-ZZ'"
    )


def test_dangling_place_parent(data):
    edit(
        data,
        "places.json",
        lambda r: next(p for p in r if p["code"] == "VN-HN-HLA").update(parent="ZZ"),
    )
    refused(data, "places.json", field="parent", message="unknown parent place 'ZZ'")


def test_place_parent_cycle(data):
    def loop(records):
        by_code = {r["code"]: r for r in records}
        by_code["VN-HN"]["parent"] = "VN-HN-HLA"  # Hoa Lac lies in Hanoi: a loop

    edit(data, "places.json", loop)
    refused(data, "places.json", field="parent", message="loops back")


def test_dangling_sector(data):
    edit(data, "sector_priorities.json", lambda r: r[0]["sectors"].append("basket-weaving"))
    refused(
        data,
        "sector_priorities.json",
        record="records[0]",
        field="sectors",
        message="unknown sector 'basket-weaving'",
    )


def test_ambiguous_alias(data):
    edit(data, "places.json", lambda r: r[0]["aliases"].append(r[1]["name"]))
    refused(data, "places.json", message="already names place")


def test_quote_not_in_seed(data):
    edit(
        data,
        "milestones.json",
        lambda r: r[0]["evidence"][0].update(quote="A sentence no article contains."),
    )
    refused(
        data,
        "milestones.json",
        record="records[0]",
        field="evidence[0].quote",
        message="quote is not verbatim",
    )


def test_invalid_date(data):
    edit(data, "trade.json", lambda r: r[0]["period"].update(end="2022-02-30"))
    refused(
        data,
        "trade.json",
        record="records[0]",
        field="period.end",
        message="invalid date '2022-02-30'",
    )


def test_invalid_partial_date(data):
    edit(data, "milestones.json", lambda r: r[0].update(date="1995-13"))
    refused(
        data, "milestones.json", record="records[0]", field="date", message="invalid partial date"
    )


def test_period_start_after_end(data):
    edit(
        data,
        "trade.json",
        lambda r: r[0].update(period={"start": "2021-12-31", "end": "2021-01-01"}),
    )
    refused(
        data,
        "trade.json",
        record="records[0]",
        field="period",
        message="start must not be after end",
    )


def test_negative_money(data):
    edit(data, "trade.json", lambda r: r[0]["value"].update(amount="-5"))
    refused(data, "trade.json", record="records[0]", field="value", message="must not be negative")


def test_non_finite_decimal(data):
    edit(data, "indicators.json", lambda r: r[0].update(value="Infinity"))
    refused(
        data, "indicators.json", record="records[0]", field="value", message="expected a decimal"
    )


def test_event_after_publication_must_be_planned(data):
    edit(data, "milestones.json", lambda r: r[0].update(date="2099"))
    refused(data, "milestones.json", record="records[0]", field="date", message="must be PLANNED")


def test_missing_required_file(data):
    (data / "places.json").unlink()
    refused(data, "places.json", message="is missing")


def test_missing_seed(data):
    seed = json.loads((data / "sources.json").read_text(encoding="utf-8"))["records"][0]["seed"]
    (data / "seeds" / seed).unlink()
    refused(data, "sources.json", record="records[0]", field="seed", message="does not exist")


@pytest.mark.parametrize(
    "name", ["../../../etc/passwd", "/etc/passwd", "..", "sub/x.txt", "a.json"]
)
def test_seed_names_cannot_leave_the_directory(data, name):
    edit(data, "sources.json", lambda r: r[0].update(seed=name))
    refused(data, "sources.json", record="records[0]", field="seed", message="plain file name")


def test_deeply_nested_json_is_refused_cleanly(data):
    (data / "trade.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    refused(data, "trade.json", message="nests too deeply")


def test_huge_file_is_refused_before_parsing(data, monkeypatch):
    monkeypatch.setattr(_load, "MAX_FILE_BYTES", 1000)
    refused(data, "sources.json", message="the limit is 1000")


def test_every_problem_is_reported_at_once(data):
    edit(data, "trade.json", lambda r: r[0]["value"].update(amount="-5"))
    edit(data, "milestones.json", lambda r: r[0].update(kind="PARTY"))
    with pytest.raises(DataError) as info:
        Dataset.from_directory(data)
    assert {p.file for p in info.value.problems} >= {"trade.json", "milestones.json"}


def test_not_a_directory(tmp_path):
    with pytest.raises(DataError, match="is not a directory"):
        Dataset.from_directory(tmp_path / "missing")


def test_unrelated_files_are_not_read(data):
    (data / "notes.json").write_text("not json at all", encoding="utf-8")
    (data / "seeds" / "unused.txt").write_bytes(b"\xff\xfe")
    assert Dataset.from_directory(data).counts() == vnus.dataset().counts()


def test_subdivision_without_parent(data):
    edit(
        data,
        "places.json",
        lambda r: next(p for p in r if p["code"] == "VN-HN").update(parent=None),
    )
    refused(data, "places.json", message="parent is required for a subdivision")


def test_unreadable_directory_name_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match=r"cannot be read|is not a directory"):
        Dataset.from_directory(tmp_path / ("x" * 300))


def test_record_file_that_is_a_directory(data):
    (data / "trade.json").unlink()
    (data / "trade.json").mkdir()
    refused(data, "trade.json", message="is not a regular file")


def test_links_out_of_the_directory_are_refused(data, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    seed = json.loads((data / "sources.json").read_text(encoding="utf-8"))["records"][0]["seed"]
    (data / "seeds" / seed).unlink()
    (data / "seeds" / seed).symlink_to(outside)
    refused(data, "sources.json", record="records[0]", field="seed", message="outside the data")
    (data / "milestones.json").unlink()
    (data / "milestones.json").symlink_to(outside)
    refused(data, "milestones.json", message="a link to a file outside")


def test_exclusions_format_is_checked(data):
    (data / "exclusions.json").write_text('{"format": 99, "records": []}', encoding="utf-8")
    with pytest.raises(DataError, match="format must be 1"):
        audit.run(data)


def _sector(records, slug):
    return next(r for r in records if r["slug"] == slug)


def test_broader_sector_must_be_known(data):
    def dangling(records):
        _sector(records, "fintech")["broader"].append("basket-weaving")

    edit(data, "sectors.json", dangling)
    refused(
        data,
        "sectors.json",
        record="records[",
        field="broader[2]",
        message="unknown sector 'basket-weaving'",
    )


def test_narrower_must_be_the_inverse_of_broader(data):
    edit(data, "sectors.json", lambda r: _sector(r, "fintech")["broader"].remove("technology"))
    refused(
        data,
        "sectors.json",
        field="narrower[1]",
        message="names 'fintech', whose broader does not name 'technology'",
    )


def test_a_loop_of_broader_sectors_is_refused(data):
    def loop(records):
        # technology is above high technology: making it also below is a loop.
        _sector(records, "technology")["broader"] = ["semiconductors"]
        _sector(records, "semiconductors")["narrower"] = ["technology"]

    edit(data, "sectors.json", loop)
    problems = refused(data, "sectors.json", field="broader", message="broader chain loops")
    text = "\n".join(map(str, problems))
    assert "technology -> semiconductors -> high-technology -> technology" in text


def test_an_alias_that_is_another_country_s_code_is_refused(data):
    def canada(records):
        next(r for r in records if r["code"] == "US-CA")["aliases"].append("CA")

    edit(data, "places.json", canada)
    refused(data, "places.json", field="aliases", message="'CA' is the ISO 3166-1 code of Canada")


def test_a_flag_that_is_not_a_boolean(data):
    edit(data, "milestones.json", lambda r: r[0].update(undated=1))
    refused(data, "milestones.json", record="records[0]", field="undated", message="true or false")


def test_a_load_leaves_the_collector_as_it_found_it(data):
    """The collector runs again after a load, refused or not, and nothing is frozen."""
    frozen = gc.get_freeze_count()
    Dataset.from_directory(data)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    (data / "sectors.json").write_text("{", encoding="utf-8")
    with pytest.raises(DataError):
        Dataset.from_directory(data)
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    gc.disable()
    try:
        with pytest.raises(DataError):
            Dataset.from_directory(data)
        assert not gc.isenabled()
    finally:
        gc.enable()

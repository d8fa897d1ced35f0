"""vnus export and --csv: the files read back, the descriptor holds, the keys join."""

import csv
import importlib.util
import io
import json
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given

import vnus
from vnus import audit, testing as vst
from vnus.__main__ import main
from vnus._export import csv_of, export, tables
from vnus._spec import record_types, spec
from vnus._tabular import flat_columns, flat_row
from vnus.testing import write_directory

KINDS = {"string", "number", "integer", "boolean", "date", "datetime"}


@pytest.fixture(scope="module")
def csv_export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("csv")
    export(vnus.dataset(), folder, fmt="csv")
    return folder


def _read_csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _package(folder):
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def test_every_table_is_written_and_described(csv_export):
    package = _package(csv_export)
    names = [r["name"] for r in package["resources"]]
    assert len(names) == len(set(names))
    for table in ("places", "sources", "sectors", "officials"):
        assert table in names
    for cls in record_types():
        assert spec(cls).table in names
        assert f"{spec(cls).table}_evidence" in names
    written = {p.name for p in csv_export.iterdir()}
    assert written == {r["path"] for r in package["resources"]} | {"datapackage.json"}
    assert package["version"] == vnus.DATA_VERSION


def test_the_descriptor_matches_the_files(csv_export):
    for resource in _package(csv_export)["resources"]:
        fields = resource["schema"]["fields"]
        with (csv_export / resource["path"]).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [f["name"] for f in fields], resource["name"]
        assert {f["type"] for f in fields} <= KINDS
        assert set(resource["schema"]["primaryKey"]) <= set(header)


def test_record_tables_hold_every_record_exactly(csv_export):
    ds = vnus.dataset()
    for cls in record_types():
        rows = _read_csv(csv_export / f"{spec(cls).table}.csv")
        assert [r["id"] for r in rows] == [r.id for r in ds.select(cls)]
    rows = _read_csv(csv_export / "trade.csv")
    assert [Decimal(r["value_amount"]) for r in rows] == [f.value.amount for f in ds.trade()]
    shares = [r["share_of_total"] for r in rows]
    assert shares == [
        "" if f.share_of_total is None else format(f.share_of_total, "f") for f in ds.trade()
    ]


def test_child_tables_hold_every_item(csv_export):
    ds = vnus.dataset()
    evidence = _read_csv(csv_export / "milestones_evidence.csv")
    expected = [
        (m.id, str(i), e.source, e.quote) for m in ds.milestones() for i, e in enumerate(m.evidence)
    ]
    assert [(r["milestones_id"], r["position"], r["source"], r["quote"]) for r in evidence] == (
        expected
    )
    places = _read_csv(csv_export / "delegations_destinations.csv")
    assert len(places) == sum(len(d.destinations) for d in ds.delegations())


def test_keys_are_unique_and_every_foreign_key_joins(csv_export):
    """The integrity a database would enforce, checked without any extra installed."""
    package = _package(csv_export)
    rows = {r["name"]: _read_csv(csv_export / r["path"]) for r in package["resources"]}
    checked = 0
    for resource in package["resources"]:
        schema = resource["schema"]
        data = rows[resource["name"]]
        keys = [tuple(r[k] for k in schema["primaryKey"]) for r in data]
        assert len(keys) == len(set(keys)), resource["name"]
        for foreign in schema.get("foreignKeys", []):
            target = foreign["reference"]
            known = {r[target["fields"]] for r in rows[target["resource"]]}
            for row in data:
                value = row[foreign["fields"]]
                assert value == "" or value in known, (resource["name"], value)
                checked += 1
    assert checked > 1000


def test_units_and_enums_are_described(csv_export):
    fields = {
        f["name"]: f
        for r in _package(csv_export)["resources"]
        if r["name"] == "trade"
        for f in r["schema"]["fields"]
    }
    assert fields["share_of_total"]["unit"] == "percent"
    assert fields["value_usd"]["unit"] == "USD"
    assert fields["flow"]["constraints"]["enum"] == [f.name for f in vnus.Flow]
    assert fields["period_start"]["type"] == "date"
    assert fields["value_amount"]["type"] == "number"


def test_pandas_reads_the_csv_export_with_the_schemas_types(csv_export):
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(csv_export / "trade.csv", parse_dates=["period_start", "period_end"])
    assert pd.api.types.is_numeric_dtype(frame["value_amount"])
    assert frame["value_amount"].sum() == float(sum(f.value.amount for f in vnus.trade()))
    assert len(pd.read_csv(csv_export / "places.csv")) == len(vnus.places())


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_frictionless_validates_the_package(tmp_path, fmt):
    frictionless = pytest.importorskip("frictionless")
    if fmt == "json":
        pytest.importorskip("ijson")  # frictionless' json extra
    export(vnus.dataset(), tmp_path, fmt=fmt)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    problems = report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, problems[:10]
    assert len(report.tasks) == len(_package(tmp_path)["resources"])


def test_json_export_has_exact_numbers_and_the_csvs_rows(tmp_path, csv_export):
    export(vnus.dataset(), tmp_path, fmt="json")
    for name in ("trade", "indicators", "delegations_members", "sources"):
        rows = json.loads((tmp_path / f"{name}.json").read_text("utf-8"), parse_float=Decimal)
        flat = _read_csv(csv_export / f"{name}.csv")
        assert len(rows) == len(flat)
        for row, text in zip(rows, flat, strict=True):
            assert list(row) == list(text)
            for key, value in row.items():
                expected = text[key]
                if value is None:
                    assert expected == ""
                elif isinstance(value, bool):
                    assert expected == str(value).lower()
                elif isinstance(value, Decimal | int):
                    assert Decimal(expected) == value
                else:
                    assert expected == value


def test_parquet_export_reads_back_exactly(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    export(vnus.dataset(), tmp_path, fmt="parquet")
    trade = pq.read_table(tmp_path / "trade.parquet").to_pylist()
    assert [r["value_amount"] for r in trade] == [f.value.amount for f in vnus.trade()]
    assert [r["period_start"] for r in trade] == [f.period.start for f in vnus.trade()]
    indicators = pq.read_table(tmp_path / "indicators.parquet").to_pylist()
    assert [r["value"] for r in indicators] == [i.value for i in vnus.indicators()]
    for resource in _package(tmp_path)["resources"]:
        table = pq.read_table(tmp_path / resource["path"])
        assert table.column_names == [f["name"] for f in resource["schema"]["fields"]]
    pd = pytest.importorskip("pandas")
    assert len(pd.read_parquet(tmp_path / "milestones.parquet")) == len(vnus.milestones())


def test_a_users_directory_is_exported(tmp_path):
    ds = vnus.dataset()
    source = ds.source("hanoitimes-2022-10-29")
    records = ds.trade(reporter="Hanoi", year=2021)
    data = write_directory(
        tmp_path / "data",
        sources=[source],
        places=ds.places(),
        sectors=ds.sectors(),
        records=records,
        seeds={source.seed: audit.seed_text(source)},
    )
    out = tmp_path / "out"
    assert main(["export", "--data-dir", str(data), "--output", str(out)]) == 0
    assert [r["id"] for r in _read_csv(out / "trade.csv")] == [r.id for r in records]
    assert [r["id"] for r in _read_csv(out / "sources.csv")] == [source.id]
    assert _read_csv(out / "milestones.csv") == []
    assert (out / "milestones.csv").read_text("utf-8").startswith("id,date,date_precision")


def test_export_command_reports_and_refuses(tmp_path, capsys):
    out = tmp_path / "json"
    assert main(["export", "--format", "json", "--output", str(out)]) == 0
    said = capsys.readouterr().out
    assert str(out / "datapackage.json") in said
    assert f"wrote {len(tables(vnus.dataset()))} tables" in said
    afile = tmp_path / "file"
    afile.write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        main(["export", "--output", str(afile)])
    assert caught.value.code == 2
    assert "output must be a directory" in capsys.readouterr().err
    assert main(["export", "--data-dir", str(tmp_path / "missing"), "--output", str(out)]) == 3
    assert "is not a directory" in capsys.readouterr().err


def test_parquet_without_pyarrow_names_the_extra(tmp_path, monkeypatch, capsys):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    with pytest.raises(SystemExit) as caught:
        main(["export", "--format", "parquet", "--output", str(tmp_path)])
    assert caught.value.code == 2
    assert 'pip install ".[parquet]"' in capsys.readouterr().err


def test_export_and_csv_import_neither_pandas_nor_pyarrow(tmp_path):
    code = (
        "import sys, vnus; from vnus.__main__ import main; "
        f"main(['export', '--format', 'json', '--output', {str(tmp_path)!r}]); "
        "main(['trade', 'Hanoi', '2021', '--csv']); vnus.to_json(vnus.trade()); "
        "print(sorted(m for m in ('pandas', 'pyarrow', 'numpy') if m in sys.modules))"
    )
    done = subprocess.run(  # noqa: S603 -- this interpreter, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


# -- --csv ------------------------------------------------------------------------------------


def _csv_out(capsys, *args):
    assert main([*args, "--csv"]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


@pytest.mark.parametrize(
    ("args", "query"),
    [
        (["milestones", "--kind", "partnership"], lambda: vnus.milestones(kind="partnership")),
        (["delegations", "--destination", "US"], lambda: vnus.delegations(destination="US")),
        (["investments"], vnus.investments),
        (["indicators"], vnus.indicators),
        (["priorities"], vnus.sector_priorities),
        (["timeline", "--since", "2023"], lambda: vnus.timeline(since=2023)),
        (["places"], vnus.places),
        (["sources"], vnus.sources),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else "",
)
def test_csv_lists_every_result(capsys, args, query):
    rows = _csv_out(capsys, *args)
    found = query()
    key = "code" if args[0] == "places" else "id"
    assert [r[key] for r in rows] == [getattr(r, key) for r in found]


def test_csv_of_a_summary_has_the_balance(capsys):
    rows = {r["flow"]: r for r in _csv_out(capsys, "trade", "Hanoi", "2021")}
    summary = vnus.trade_with_us("Hanoi", 2021)
    assert Decimal(rows["EXPORT"]["value_amount"]) == summary.exports.value.amount
    assert Decimal(rows["BALANCE"]["value_amount"]) == summary.balance.amount
    assert Decimal(rows["EXPORT"]["value_amount"]) - Decimal(
        rows["IMPORT"]["value_amount"]
    ) == Decimal(rows["BALANCE"]["value_amount"])


def test_csv_of_a_series_has_both_flows(capsys):
    rows = _csv_out(capsys, "trade", "Vietnam")
    exports = vnus.trade_series("Vietnam", flow="export")
    imports = vnus.trade_series("Vietnam", flow="import", reporter=exports.reporter)
    assert len(rows) == len(exports.points) + len(imports.points)
    assert {r["flow"] for r in rows} == {"EXPORT", "IMPORT"}


def test_an_empty_csv_still_has_its_header(capsys):
    assert main(["delegations", "--year", "1800", "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    assert lines[0].split(",")[:3] == ["type", "id", "leader_name"]


def test_csv_and_json_together_are_a_usage_error(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["places", "--csv", "--json"])
    assert caught.value.code == 2
    assert "--json and --csv cannot be used together" in capsys.readouterr().err


def test_csv_of_results_without_declared_types():
    """A command that declares no types gets its results' own columns, or one value column."""
    assert csv_of(("us-tourist-arrivals", "fdi"), ()) == "value\r\nus-tourist-arrivals\r\nfdi\r\n"
    rows = list(csv.DictReader(io.StringIO(csv_of(vnus.sectors(), ()))))
    assert [r["slug"] for r in rows] == [s.slug for s in vnus.sectors()]
    assert "type" not in rows[0]


@given(vst.records())
def test_a_flat_row_has_the_declared_columns(record):
    """flat_row(x) has exactly the columns flat_columns(type(x)) declares, in order."""
    names = {"VN": "Vietnam"}
    row = flat_row(record, place_names=names)
    assert list(row) == [c.name for c in flat_columns(type(record), place_names=True)]
    table = next(t for t in tables_of_one(record) if t.name == spec(type(record)).table)
    assert len(table.rows) == 1
    assert len(table.rows[0]) == len(table.columns)


def tables_of_one(record):
    class One:
        """A stand-in dataset holding one record and no reference data."""

        def select(self, cls):
            return (record,) if cls is type(record) else ()

        def places(self):
            return ()

        sources = sectors = officials = places

    return tables(One())

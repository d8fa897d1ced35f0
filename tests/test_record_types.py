"""A record type describes itself once; adding one is one module.

The test writes a new record type in a module of its own, as a contributor would, and checks in
a fresh interpreter that the loader, the reference checks, the indexes, the generic query, the
audit, the flat rows behind DataFrames and the text tables all handle it, with no other change.
"""

import json
import subprocess
import sys
import textwrap

from vnus._spec import numbers, place_refs, record_types, sector_refs, span, spec, years

GRANTS = '''
"""Grants: money given by one place to another, for sectors."""

from __future__ import annotations

import attrs

from vnus._spec import record_type, role
from vnus.records import RecordBase, _evidence, _money, _slugs
from vnus.types import Evidence, Money, PartialDate, _check_code, _check_slug


@record_type(
    "grants",
    columns=(("date", "date"), ("from", "donor"), ("to", "recipient"), ("amount", "amount")),
)
@attrs.frozen(kw_only=True)
class Grant(RecordBase):
    id: str = attrs.field(validator=_check_slug)
    donor: str = attrs.field(validator=_check_code, metadata=role(place=True))
    recipient: str = attrs.field(validator=_check_code, metadata=role(place=True))
    date: PartialDate = attrs.field(metadata=role(time="point"))
    amount: Money = attrs.field(validator=_money, metadata=role(number=True))
    sectors: tuple[str, ...] = attrs.field(
        default=(), validator=_slugs, metadata=role(sector=True, index=True)
    )
    evidence: tuple[Evidence, ...] = attrs.field(validator=_evidence)
    note: str | None = None
'''

SCRIPT = """
import json, sys, tempfile
from decimal import Decimal

import vnus
from vnus import audit
from vnus._export import tables
from vnus._spec import row
from vnus._tabular import flat_row
from vnus.testing import write_directory

sys.path.insert(0, sys.argv[1])
from grants import Grant

ds = vnus.dataset()
source = ds.source("hanoitimes-2022-10-29")
quote = "Hanoi's export turnover to the US in 2021was estimated at US$3.4 billion"
good = Grant(
    id="us-hanoi-grant-2021",
    donor="US",
    recipient="VN-HN",
    date=vnus.PartialDate(2021, 5),
    amount=vnus.Money(Decimal("3400000000")),
    sectors=("semiconductors",),
    evidence=(vnus.Evidence(source.id, quote),),
)
bad = Grant(
    id="bad-grant",
    donor="XX",
    recipient="VN",
    date=vnus.PartialDate(2021),
    amount=vnus.Money(Decimal("1")),
    sectors=("no-such-sector",),
    evidence=(vnus.Evidence(source.id, "not in the article"),),
)
report = {}
with tempfile.TemporaryDirectory() as tmp:
    seeds = {source.seed: audit.seed_text(source)}
    common = dict(sources=[source], places=ds.places(), sectors=ds.sectors(), seeds=seeds)
    mine = vnus.Dataset.from_directory(write_directory(tmp + "/good", records=[good], **common))
    report["counts"] = mine.counts()
    report["by_donor"] = [g.id for g in mine.select(Grant, donor="United States", year=2021)]
    report["by_place_inside"] = [g.id for g in mine.select(Grant, recipient="Vietnam")]
    report["by_sector_alias"] = [g.id for g in mine.select(Grant, sectors="chip technology")]
    report["none_in_2020"] = [g.id for g in mine.select(Grant, year=2020)]
    report["range"] = [g.id for g in mine.select(Grant, since=2021, until=2021)]
    try:
        mine.select(Grant, flow="EXPORT")
    except vnus.InvalidQueryError as exc:
        report["bad_filter"] = str(exc)
    report["numbers"] = [[f, str(v)] for f, v in audit.record_numbers(good)]
    flat = flat_row(good, place_names={p.code: p.name for p in ds.places()})
    report["tables"] = [t.name for t in tables(mine) if t.name.startswith("grants")]
    report["row"] = {k: str(v) for k, v in flat.items()}
    report["cells"] = list(row(good))
    report["when"] = str(good.when)
    try:
        write_directory(tmp + "/bad", records=[bad], **common)
        vnus.Dataset.from_directory(tmp + "/bad")
    except vnus.DataError as exc:
        report["problems"] = [[p.file, p.field] for p in exc.problems]
print(json.dumps(report))
"""


def test_a_new_record_type_is_one_module(tmp_path):
    (tmp_path / "grants.py").write_text(textwrap.dedent(GRANTS), encoding="utf-8")
    out = subprocess.run(  # noqa: S603 -- this interpreter, code written by the test
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["counts"]["grants"] == 1
    assert report["counts"]["trade"] == 0
    assert report["by_donor"] == ["us-hanoi-grant-2021"]
    assert report["by_place_inside"] == ["us-hanoi-grant-2021"]
    assert report["by_sector_alias"] == ["us-hanoi-grant-2021"]
    assert report["none_in_2020"] == []
    assert report["range"] == ["us-hanoi-grant-2021"]
    assert report["bad_filter"].startswith("flow is not a filter of Grant; expected one of donor")
    assert report["numbers"] == [["amount", "3400000000"]]
    assert report["row"]["donor_name"] == "United States"
    assert report["row"]["amount_amount"] == "3400000000"
    assert report["row"]["date"] == "2021-05"
    assert report["row"]["date_precision"] == "month"
    assert report["tables"] == ["grants", "grants_sectors", "grants_evidence"]
    assert report["cells"] == ["2021-05", "US", "VN-HN", "US$3.4 billion"]
    assert report["when"] == "2021-05-01"
    assert sorted(report["problems"]) == [
        ["grants.json", "donor"],
        ["grants.json", "evidence[0].quote"],
        ["grants.json", "sectors"],
    ]


def test_every_bundled_type_declares_places_dates_and_numbers():
    """What the generic code reads is there for each type: no type is left undescribed."""
    for cls in record_types():
        description = spec(cls)
        assert description.file == f"{description.table}.json"
        assert description.places, cls
        assert description.spans, cls
        assert description.columns, cls


def test_the_description_is_read_from_fields_not_types(bundled, records):
    """place_refs, sector_refs, numbers and years agree with what the JSON says."""
    for record in records:
        codes = {code for _, code in place_refs(record)}
        for field in spec(type(record)).places:
            value = getattr(record, field)
            assert set(value if isinstance(value, tuple) else (value,)) <= codes
        slugs = {slug for _, slug in sector_refs(record)}
        assert slugs <= {s.slug for s in bundled.sectors()}
        for _, value in numbers(record):
            assert value >= 0
        first, last = span(record)
        assert first <= record.when <= last
        assert first.year in years(record)
        assert last.year in years(record)


def test_json_of_a_record_names_only_declared_fields(records):
    from vnus._convert import unstructure  # noqa: PLC0415

    for record in records[:20]:
        assert set(json.loads(json.dumps(unstructure(record)))) == {
            f.name for f in type(record).__attrs_attrs__
        }


def test_field_types_read_the_annotations_as_typing_does():
    """The cheap annotation reader agrees with typing.get_type_hints on every frozen class."""
    import typing  # noqa: PLC0415

    import attrs  # noqa: PLC0415

    from vnus import (  # noqa: PLC0415
        _records_more,
        _types_more,
        records,
        results,
        series,
        types,
    )
    from vnus._spec import field_types  # noqa: PLC0415

    classes = [
        value
        for module in (types, _types_more, records, _records_more, results, series)
        for value in vars(module).values()
        if isinstance(value, type) and attrs.has(value) and value.__module__ == module.__name__
    ]
    assert len(classes) >= 20
    for cls in classes:
        assert field_types(cls) == typing.get_type_hints(cls), cls.__name__

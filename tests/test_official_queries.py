"""Queries over the official sources: reporters, series, disagreements, people."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

import vnus
from vnus.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
CENSUS = ROOT / "sources" / "census-5520" / "vnm_rows.jsonl"
MILLION = Decimal(1_000_000)


def census():
    """The pinned Census lines by year, read directly (an oracle independent of vnus)."""
    rows = {}
    for line in CENSUS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line, parse_float=Decimal)
        rows[row["year"]] = row
    return rows


def test_a_summary_never_mixes_reporters(bundled):
    for place in bundled.places():
        if place.code == "US":
            continue
        for year in range(1992, 2027):
            try:
                summary = bundled.trade_with_us(place, year)
            except vnus.NoDataError:
                continue
            reporters = {f.reporter for f in summary.figures}
            assert reporters == {summary.reporter}, (place.code, year)
            assert summary.mirror is (summary.reporter != place.code)


def test_the_default_reporter_is_the_place_where_it_reports_the_year():
    own = vnus.trade_with_us("Vietnam", 2022)
    assert (own.reporter, own.mirror) == ("VN", False)
    assert own.total.value.amount == Decimal(124000000000)
    mirror = vnus.trade_with_us("Vietnam", 2019)
    assert (mirror.reporter, mirror.mirror) == ("US", True)


def test_vietnams_exports_to_the_us_are_the_us_imports_from_vietnam():
    rows = census()
    for year in (2015, 2023, 2025):
        summary = vnus.trade_with_us("Vietnam", year, reporter="US")
        assert summary.exports.flow is vnus.Flow.IMPORT
        assert summary.exports.value.amount == rows[year]["imports_year"] * MILLION
        assert summary.imports.value.amount == rows[year]["exports_year"] * MILLION
        assert summary.balance.amount == -rows[year]["balance_year"] * MILLION
        assert "reported by the United States" in repr(summary)


def test_the_reporter_must_be_the_place_or_the_united_states():
    with pytest.raises(vnus.InvalidQueryError, match="reporter must be the place itself"):
        vnus.trade_with_us("Hanoi", 2021, reporter="Belgium")
    with pytest.raises(vnus.UnknownPlaceError):
        vnus.trade_with_us("Hanoi", 2021, reporter="Atlantis")
    with pytest.raises(vnus.NoDataError):
        vnus.trade_with_us("Hanoi", 2021, reporter="US")


def test_the_yearly_series_equals_the_census_lines():
    rows = census()
    series = vnus.trade_series("Vietnam", flow="export")
    assert series.reporter == "US"
    assert [p.period.start.year for p in series.points] == list(range(1992, 2026))
    for point in series.points:
        year = point.period.start.year
        assert point.value.amount == rows[year]["imports_year"] * MILLION
        before = rows.get(year - 1)
        if before is None or not before["imports_year"]:
            assert point.change is None
        else:
            exact = (rows[year]["imports_year"] / before["imports_year"] - 1) * 100
            assert abs(point.change - exact) <= Decimal("0.005")


def test_the_monthly_series_has_every_month_with_a_value():
    rows = census()
    series = vnus.trade_series("Vietnam", flow="import", monthly=True)
    expected = [
        (year, month)
        for year, row in sorted(rows.items())
        for month, value in enumerate(row["exports"], 1)
        if value is not None
    ]
    assert [(p.period.start.year, p.period.start.month) for p in series.points] == expected
    march_1994 = next(p for p in series.points if p.period.start.isoformat() == "1994-03-01")
    assert march_1994.value.amount == rows[1994]["exports"][2] * MILLION


def test_a_place_with_its_own_series_keeps_it():
    series = vnus.trade_series("Hanoi", flow="export")
    assert (series.reporter, series.mirror) == ("VN-HN", False)
    assert [str(p.period) for p in series.points] == ["2019", "2021"]
    total = vnus.trade_series("Vietnam", flow="total")
    assert total.reporter == "VN"
    assert vnus.trade_series("Vietnam", flow="total", reporter="US").points == ()


def test_disagreements_list_the_article_totals_against_the_census_totals():
    rows = census()
    found = {d.year: d for d in vnus.disagreements(place="Vietnam")}
    assert sorted(found) == [2021, 2022, 2023]
    for year, d in found.items():
        assert d.flow is vnus.Flow.TOTAL
        assert (d.first_reporter, d.second_reporter) == ("VN", "US")
        census_total = (rows[year]["exports_year"] + rows[year]["imports_year"]) * MILLION
        assert d.second.amount == census_total
        assert {f.flow for f in d.second_figures} == {vnus.Flow.EXPORT, vnus.Flow.IMPORT}
        gap = (census_total - d.first.amount) / d.first.amount * 100
        assert abs(d.gap_percent - gap) <= Decimal("0.005")
    assert found[2022].first.amount == Decimal(124000000000)


def test_the_cli_prints_the_series_without_a_year(capsys):
    assert main(["trade", "Vietnam"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "reported by the United States" in out[0]
    assert out[1].split() == ["period", "exports", "yoy", "imports", "yoy", "balance"]
    assert len(out) == 3 + (2025 - 1992 + 1)
    assert out[-1].startswith("2025    US$193.8793 billion")
    assert main(["trade", "Vietnam", "2023", "--reporter", "US", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["reporter"], data["mirror"]) == ("US", True)


@pytest.mark.parametrize(
    ("query", "official"),
    [
        ("Võ Văn Thưởng", "vo-van-thuong"),
        ("Vo Van Thuong", "vo-van-thuong"),
        ("vo van thuong", "vo-van-thuong"),
        ("Blinken", "blinken-antony-j"),
        ("Antony J. Blinken", "blinken-antony-j"),
        ("Tô Lâm", "to-lam"),
        ("To Lam", "to-lam"),
    ],
)
def test_officials_are_found_with_or_without_diacritics_and_by_surname(query, official):
    assert vnus.official(query).id == official


def test_a_person_finds_the_trips_they_led_or_joined():
    blinken = vnus.delegations(person="Blinken")
    led = [d for d in blinken if d.leader.official == "blinken-antony-j"]
    joined = [d for d in blinken if d.leader.official != "blinken-antony-j"]
    assert {d.id for d in joined} == {"biden-state-visit-vietnam-2023"}
    assert len(led) == 2
    assert vnus.delegations(person="Vo Van Thuong")[0].origin == "VN"
    with pytest.raises(vnus.UnknownNameError, match="person: unknown person"):
        vnus.delegations(person="Nobody Atall")


def test_the_known_source_defect_is_corrected_with_the_source_words_kept():
    [visit] = [d for d in vnus.delegations(year=2022) if d.id.startswith("pham-minh-chinh")]
    assert visit.leader.name == "Pham Minh Chinh"
    [correction] = visit.corrections
    assert correction.source_says == "Nguyen Tan Dung"
    assert correction.source_says in visit.evidence[0].quote
    assert correction.source == visit.evidence[0].source

"""The bundled dataset: complete, exact and traceable to its seeds."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

import vnus
from vnus import Qualifier, audit
from vnus.records import place_fields

ROOT = Path(__file__).resolve().parent.parent
DS = vnus.dataset()
RECORDS = (
    *DS.trade(),
    *DS.investments(),
    *DS.milestones(),
    *DS.delegations(),
    *DS.sector_priorities(),
    *DS.indicators(),
)
SEEDS = {s.id: (ROOT / "seeds" / s.seed).read_text(encoding="utf-8") for s in DS.sources()}


def test_audit_accounts_for_every_numeric_mention():
    report = audit.run()
    assert report.uncovered == (), report.lines()
    assert report.unsupported == (), report.lines()
    assert report.unused_exclusions == ()
    assert report.ok
    assert len(report.covered) > len(report.excluded) > 0


def test_every_quote_is_verbatim_in_the_repository_seed():
    for record in RECORDS:
        assert record.evidence
        for evidence in record.evidence:
            assert evidence.quote in SEEDS[evidence.source], (record.id, evidence.quote)


def test_ids_are_unique_across_record_types():
    ids = [r.id for r in RECORDS]
    assert len(ids) == len(set(ids))


def test_every_reference_exists():
    codes = {p.code for p in DS.places()}
    slugs = {s.slug for s in DS.sectors()}
    for record in RECORDS:
        for field, refs in place_fields(record).items():
            assert set(refs) <= codes, (record.id, field)
        for slug in getattr(record, "sectors", ()):
            assert slug in slugs, (record.id, slug)
    for place in DS.places():
        assert place.parent is None or place.parent in codes


def test_every_place_leads_up_to_a_country():
    for place in DS.places():
        current = place
        while current.parent is not None:
            current = DS.place(current.parent)
        assert current.kind in {vnus.PlaceKind.COUNTRY, vnus.PlaceKind.REGION}, place.code


def test_no_event_after_its_source_unless_planned():
    for record in (*DS.milestones(), *DS.delegations()):
        start = record.date if isinstance(record, vnus.Milestone) else record.start
        if start is None or record.status is vnus.Status.PLANNED:
            continue
        latest = max(DS.source(e.source).published_on for e in record.evidence)
        assert start.earliest <= latest, record.id


def test_printed_publication_times_match_the_seed_datelines():
    """Where an article prints its date and time, dateutil reads the same as the data."""
    for source in DS.sources():
        printed = audit.dateline(SEEDS[source.id])
        if isinstance(source.published, dt.datetime):
            assert printed == source.published, source.id
        else:
            assert printed is None, source.id
            assert source.note, f"{source.id}: an inferred date must say how in the note"


def test_record_counts():
    assert DS.counts() == {
        "trade": 10,
        "investments": 4,
        "milestones": 16,
        "delegations": 8,
        "sector_priorities": 20,
        "indicators": 18,
    }


@pytest.mark.parametrize(
    ("place", "year", "flow", "amount", "qualifier"),
    [
        ("Hanoi", 2019, "exports", "3000000000", Qualifier.EXACT),
        ("Hanoi", 2019, "imports", "1290000000", Qualifier.EXACT),
        ("Hanoi", 2021, "exports", "3400000000", Qualifier.ESTIMATED),
        ("Hanoi", 2021, "imports", "1300000000", Qualifier.ESTIMATED),
        ("Vietnam", 2022, "total", "124000000000", Qualifier.NEARLY),
        ("Vietnam", 2023, "total", "111000000000", Qualifier.NEARLY),
    ],
)
def test_trade_figures_follow_the_wording(place, year, flow, amount, qualifier):
    figure = getattr(vnus.trade_with_us(place, year), flow)
    assert figure.value.amount == Decimal(amount)
    assert figure.qualifier is qualifier


def test_typos_are_normalised_with_a_note():
    exports_2019 = vnus.trade_with_us("Hanoi", 2019).exports
    assert "US3 billion" in exports_2019.note
    hanoi = vnus.investments(host="Hanoi")[0]
    manufacturing = hanoi.by_sector[0]
    assert manufacturing.capital.amount == Decimal(93960000)
    assert "93,96" in hanoi.note


def test_a_fact_in_two_articles_is_one_record_with_two_quotes():
    normalization = vnus.milestones(kind="normalization")
    assert len(normalization) == 1
    assert len({e.source for e in normalization[0].evidence}) >= 2


def test_planned_events_are_marked():
    planned = [m for m in DS.milestones() if m.status is vnus.Status.PLANNED]
    assert any(m.date == vnus.PartialDate(2025) for m in planned)

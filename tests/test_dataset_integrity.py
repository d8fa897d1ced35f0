"""The bundled dataset: complete, exact and traceable to its seeds."""

import datetime as dt
import hashlib
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

import vnus
from vnus import Qualifier, audit
from vnus._official import locate, part_of
from vnus._spec import place_refs

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seeds(bundled):
    """The repository's seed texts, by source id."""
    return {
        s.id: (ROOT / "seeds" / s.seed).read_text(encoding="utf-8")
        for s in bundled.sources()
        if s.seed is not None
    }


def test_audit_accounts_for_every_numeric_mention():
    report = audit.run()
    assert report.uncovered == (), report.lines()
    assert report.unsupported == (), report.lines()
    assert report.unused_exclusions == ()
    assert report.ok
    assert len(report.covered) > len(report.excluded) > 0


def test_every_quote_is_verbatim_in_the_repository_seed(records, seeds):
    """Article quotes stand in the repository's seeds (official ones: test_build_official)."""
    checked = 0
    for record in records:
        assert record.evidence
        for evidence in record.evidence:
            if evidence.locator is None:
                assert evidence.quote in seeds[evidence.source], (record.id, evidence.quote)
                checked += 1
    assert checked > 100


def test_official_files_in_the_package_are_the_pinned_ones(bundled):
    """Each official source's file in the package is byte-identical to sources/ and pinned."""
    for source in bundled.sources():
        if source.file is None:
            continue
        packaged = (ROOT / "src" / "vnus" / "data" / "sources" / source.file).read_bytes()
        assert packaged == (ROOT / "sources" / source.file).read_bytes(), source.file
        assert hashlib.sha256(packaged).hexdigest() == source.sha256, source.file


def test_ids_are_unique_across_record_types(records):
    ids = [r.id for r in records]
    assert len(ids) == len(set(ids))


def test_every_reference_exists(bundled, records):
    codes = {p.code for p in bundled.places()}
    slugs = {s.slug for s in bundled.sectors()}
    for record in records:
        for field, code in place_refs(record):
            assert code in codes, (record.id, field)
        for slug in getattr(record, "sectors", ()):
            assert slug in slugs, (record.id, slug)
    for place in bundled.places():
        assert place.parent is None or place.parent in codes


def test_every_place_leads_up_to_a_country(bundled):
    for place in bundled.places():
        current = place
        while current.parent is not None:
            current = bundled.place(current.parent)
        assert current.kind in {vnus.PlaceKind.COUNTRY, vnus.PlaceKind.REGION}, place.code


def test_no_event_after_its_source_unless_planned(bundled):
    for record in (*bundled.milestones(), *bundled.delegations()):
        start = record.date if isinstance(record, vnus.Milestone) else record.start
        if start is None or record.status is vnus.Status.PLANNED:
            continue
        latest = max(bundled.source(e.source).published_on for e in record.evidence)
        assert start.earliest <= latest, record.id


def test_printed_publication_times_match_the_seed_datelines(bundled, seeds):
    """Where an article prints its date and time, dateutil reads the same as the data."""
    for source in bundled.sources():
        if source.seed is None:
            assert source.note, f"{source.id}: how published was read must be in the note"
            continue
        printed = audit.dateline(seeds[source.id])
        if isinstance(source.published, dt.datetime):
            assert printed == source.published, source.id
        else:
            assert printed is None, source.id
            assert source.note, f"{source.id}: an inferred date must say how in the note"


def test_record_counts(bundled):
    assert bundled.counts() == {
        "trade": 10 + 902,
        "investments": 3,
        "milestones": 16 + 5 + 4,
        "delegations": 8 + 30,
        "sector_priorities": 28,
        "indicators": 19,
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
    [normalization] = [m for m in vnus.milestones(since=1995, until=1995) if "normaliz" in m.id]
    articles = {e.source for e in normalization.evidence if e.locator is None}
    assert len(articles) >= 2


def test_one_event_in_articles_and_official_files_is_one_record():
    """Biden's September 2023 visit: one record, with the article's and the travels file's
    evidence; Blinken, who accompanied him, is a member of it, not a delegation of his own."""
    trips = vnus.delegations(destination="Vietnam", year=2023)
    biden = [d for d in trips if d.leader is not None and d.leader.official == "biden-joseph-r"]
    assert len(biden) == 1
    [visit] = biden
    kinds = {vnus.source(e.source).kind for e in visit.evidence}
    assert kinds == {vnus.SourceKind.ARTICLE, vnus.SourceKind.RECORD_SET}
    assert [m.official for m in visit.members] == ["blinken-antony-j"]
    september = [d for d in trips if d.span[0] <= dt.date(2023, 9, 11) <= d.span[1]]
    assert september == [visit]
    # Where the sources word a detail differently, the record says which it follows.
    assert {c.field for c in visit.corrections} == {"leader.name", "leader.title"}
    for correction in visit.corrections:
        source = vnus.source(correction.source)
        data = (ROOT / "sources" / source.file).read_bytes()
        parts = locate(data, source.format)
        located = [part_of(parts, e.locator) for e in visit.evidence if e.source == source.id]
        assert any(correction.source_says in text for text in located), correction


def test_planned_events_are_marked(bundled):
    planned = [m for m in bundled.milestones() if m.status is vnus.Status.PLANNED]
    assert any(m.date == vnus.PartialDate(2025) for m in planned)


def _country(bundled, code):
    place = bundled.place(code)
    while place.parent is not None:
        place = bundled.place(place.parent)
    return place.code


#: The countries of each side of the relationship (the former State of Vietnam is Vietnamese).
VIETNAMESE, AMERICAN = {"VN", "XV-SVN"}, {"US"}


def test_a_bilateral_milestone_has_a_place_on_each_side(bundled):
    """A bilateral milestone lists a Vietnamese and a U.S. place, so a query for either
    country finds it; a one-sided one lists the places of one side only."""
    bilateral = 0
    for milestone in bundled.milestones():
        countries = {_country(bundled, code) for code in milestone.places}
        if not milestone.bilateral:
            assert len(countries) == 1, milestone.id
            continue
        bilateral += 1
        assert countries & VIETNAMESE, milestone.id
        assert countries & AMERICAN, milestone.id
        for country in countries & {"VN", "US"}:
            assert milestone in bundled.milestones(place=country), (milestone.id, country)
    assert bilateral > 0


def test_the_first_economic_dialogue_is_found_from_either_country(bundled):
    """It took place in Washington, and is found under Vietnam too."""
    for country in ("Vietnam", "United States"):
        dialogues = bundled.milestones(kind="dialogue", place=country, since=2024, until=2024)
        assert [m.id for m in dialogues] == ["vn-us-economic-dialogue-2024"], country


def test_trips_and_investments_join_the_two_sides(bundled):
    """A delegation goes from one side to the other, an investment figure likewise."""
    for trip in bundled.delegations():
        origin = _country(bundled, trip.origin)
        destinations = {_country(bundled, code) for code in trip.destinations}
        other = AMERICAN if origin in VIETNAMESE else VIETNAMESE
        assert origin in VIETNAMESE | AMERICAN, trip.id
        assert destinations & other, trip.id
    for figure in bundled.investments():
        sides = {_country(bundled, figure.investor), _country(bundled, figure.host)}
        assert sides & VIETNAMESE, figure.id
        assert sides & AMERICAN, figure.id


def test_an_undated_milestone_is_bounded_by_its_source(bundled):
    """An undated milestone's date is the publication date of a source it quotes, to that
    source's precision; a time filter finds it up to that date and never after it."""
    undated = [m for m in bundled.milestones() if m.undated]
    assert len(undated) >= 2
    for milestone in undated:
        published = set()
        for e in milestone.evidence:
            value = bundled.source(e.source).published
            if isinstance(value, dt.datetime):
                value = vnus.PartialDate(value.year, value.month, value.day)
            published.add(value)
        assert milestone.date in published, milestone.id
        assert milestone.span == (dt.date.min, milestone.date.latest)
        assert milestone in bundled.milestones(until=milestone.date.latest.year)
        assert milestone in bundled.milestones(since=1000, until=1000)
        later = milestone.date.latest + dt.timedelta(days=1)
        assert milestone not in bundled.milestones(since=later)


def test_an_undated_milestone_says_why_in_its_note(bundled):
    """Each undated milestone's note says that no date is printed, and what bounds it."""
    for milestone in bundled.milestones():
        if milestone.undated:
            assert milestone.note is not None, milestone.id
            assert "date" in milestone.note, milestone.id
            assert "undated" in milestone.note, milestone.id


def test_investors_named_ahead_stand_in_the_quote(bundled):
    """Each investor an investment figure names as ranked ahead is printed in its quote."""
    named = 0
    for figure in bundled.investments():
        quotes = " ".join(e.quote for e in figure.evidence)
        assert figure.investor not in figure.investors_ahead, figure.id
        for code in figure.investors_ahead:
            place = bundled.place(code)
            assert place.kind is vnus.PlaceKind.COUNTRY, code
            assert any(n in quotes for n in (place.name, *place.aliases)), (figure.id, code)
            named += 1
    assert named >= 5


def test_every_milestone_is_found_by_its_kind_and_places(bundled):
    """The indexes hold every milestone, an undated one (a span of centuries) included."""
    for milestone in bundled.milestones():
        assert milestone in bundled.milestones(kind=milestone.kind), milestone.id
        for code in milestone.places:
            assert milestone in bundled.milestones(place=code), (milestone.id, code)


def test_a_sector_list_both_sides_stated_is_found_from_either():
    """A list's ``places`` are its stating side; a joint statement holds a place of each side.

    A list whose actor or context names both sides (the two leaders, Vietnam and the United
    States, Vietnamese and American companies) is found by ``place="VN"`` and ``place="US"``.
    """
    joint = re.compile(
        r"two leaders|both sides|Vietnam and the United States|Vietnamese and American",
        re.IGNORECASE,
    )
    from_vn, from_us = (
        set(vnus.sector_priorities(place="VN")),
        set(vnus.sector_priorities(place="US")),
    )
    lists = vnus.sector_priorities()
    both = [p for p in lists if joint.search(f"{p.actor} {p.context}")]
    assert len(both) >= 3
    for p in both:
        assert p in from_vn, (p.id, p.places)
        assert p in from_us, (p.id, p.places)
    found = {"VN": from_vn, "US": from_us}
    for p in lists:
        for country in {c[:2] for c in p.places} & set(found):
            assert p in found[country], (p.id, country)


def test_no_indicator_repeats_a_sector_list():
    """A list stated in a figure's sentence is a sector list, not also the figure's sectors."""
    lists = vnus.sector_priorities()
    checked = 0
    for figure in vnus.indicators():
        quotes = {e.quote for e in figure.evidence}
        for p in lists:
            if quotes & {e.quote for e in p.evidence}:
                checked += 1
                # One sector of a figure (tourist arrivals: tourism) may be an item of the list.
                assert len(set(figure.sectors) & set(p.sectors)) < 2, (figure.id, p.id)
    assert checked >= 2


def test_a_delegation_goes_to_the_places_its_article_names():
    """Each destination of a trip an article reports is named in its quotes.

    A place is coded from the name the article prints (a name or an alias in places.json):
    "cattle farms in Brussels" is the Brussels-Capital Region, whatever the article may mean.
    """
    checked = 0
    for trip in vnus.delegations():
        if all(e.locator is not None for e in trip.evidence):
            continue
        text = _folded(" ".join(e.quote for e in trip.evidence))
        for code in trip.destinations:
            place = vnus.place(code)
            names = [_folded(n) for n in (place.name, *place.aliases)]
            checked += 1
            assert any(re.search(rf"\b{re.escape(n)}\b", text) for n in names), (trip.id, code)
    assert checked >= 5


def _folded(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()

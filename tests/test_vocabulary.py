"""The sector lists and the sector vocabulary, read against the records' own quotes.

Each sector list holds what one actor named, in the article's order; each printed phrase maps to
one slug of the vocabulary, the same in every record; the vocabulary's broader and narrower
relations let a query for a broad sector find the narrow ones.
"""

import functools
import re

import pytest
from hypothesis import given, strategies as st

import vnus
from vnus._iso3166 import COUNTRIES
from vnus._names import normalize
from vnus._spec import sector_refs
from vnus.records import RECORD_FILES


def records():
    """Every bundled record of every type."""
    return [r for cls in RECORD_FILES.values() for r in vnus.dataset()._table(cls).records]


@functools.cache
def _names():
    """A pattern for every slug, label and alias of the vocabulary, longest first."""
    owner = {}
    for sector in vnus.sectors():
        for text in (sector.slug, sector.label, *sector.aliases):
            owner[normalize(text)] = sector.slug
    names = sorted(owner, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
    return pattern, owner


def named(text):
    """The sectors a text names, in its order: the longest vocabulary name at each point."""
    pattern, owner = _names()
    return [owner[m.group(0)] for m in pattern.finditer(normalize(text))]


def is_subsequence(wanted, found):
    rest = iter(found)
    return all(any(f == w for f in rest) for w in wanted)


def test_named_reads_the_longest_name():
    """The reader takes 'information technology services', not 'information technology'."""
    assert named("information technology services, biotechnology and chip technology") == [
        "it-services",
        "biotechnology",
        "semiconductors",
    ]


def test_every_sector_is_named_by_its_evidence_in_order():
    """Each sector a record names is printed in its quotes, by a name the vocabulary maps to
    that slug (so one phrase is one slug everywhere), and a list follows the article's order."""
    problems = []
    for record in records():
        slugs = [slug for _, slug in sector_refs(record)]
        if not slugs:
            continue
        found = [s for e in record.evidence for s in named(e.quote)]
        missing = [s for s in slugs if s not in found]
        if missing:
            problems.append(f"{record.id}: no quote names {missing}; the quotes name {found}")
        elif isinstance(record, vnus.SectorPriority) and not is_subsequence(slugs, found):
            problems.append(f"{record.id}: {slugs} is not in the quotes' order {found}")
    assert not problems, "\n".join(problems)


#: Reporting verbs: the name just before one of these is the speaker of the quote.
_SAID = re.compile(
    r"(?:\b([A-Z][\w-]*)|\bthe (\w+))\s+(?:also\s+|especially\s+)?"
    r"(?:said|stated|noted|announced|affirmed|conveyed|proposed|highlighted|expressed|"
    r"emphasized|urged|suggested|added)\b"
)
_PRONOUNS = frozenset({"He", "She", "They", "It", "We", "I"})


def speakers(quote):
    """The speakers a quote reports: the word (a name, or 'the ministry') before 'said' etc."""
    found = {m.group(1) or m.group(2) for m in _SAID.finditer(quote)}
    return found - _PRONOUNS


def test_a_list_is_what_one_actor_stated():
    """No quote of a sector list reports a speaker other than the list's actor."""
    problems = [
        f"{p.id}: actor {p.actor!r}, but {who!r} speaks in {e.quote[:80]!r}"
        for p in vnus.sector_priorities()
        for e in p.evidence
        for who in speakers(e.quote)
        if who.casefold() not in p.actor.casefold()
    ]
    assert not problems, "\n".join(problems)


def test_speakers_are_read_from_the_reporting_verb():
    assert speakers("At the dialogue, Dung stated that this was significant") == {"Dung"}
    assert speakers("the ministry noted, adding that") == {"ministry"}
    assert speakers("He conveyed the US's willingness") == set()


def test_a_general_statement_is_not_a_figure_s_sectors():
    """'Most US businesses are in ...' is a list of its own, not the sectors of the offices."""
    offices = vnus.indicators(metric="us-representative-offices", year=2022)
    assert [i.sectors for i in offices] == [()]
    general = [
        p
        for p in vnus.sector_priorities(year=2022)
        if any(e.quote.startswith("Most US businesses are in") for e in p.evidence)
    ]
    assert [p.actor for p in general] == ["US businesses"]


def test_no_alias_is_a_printed_list():
    """An alias names one item: a printed list ("science, technology, and innovation") is read
    as its items, so "technology" is the same slug in every list that prints it."""
    listed = [(s.slug, a) for s in vnus.sectors() for a in s.aliases if "," in a]
    assert not listed


# --------------------------------------------------------------------------------------------
# The hierarchy
# --------------------------------------------------------------------------------------------


def above(slug):
    """Every sector above *slug*, however far, following ``broader``."""
    found, todo = set(), [slug]
    while todo:
        for parent in vnus.sector(todo.pop()).broader:
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


@pytest.mark.parametrize(
    ("broad", "narrow"),
    [
        ("finance", "financial services"),
        ("financial services", "fintech"),
        ("finance", "fintech"),
        ("technology", "high technology"),
        ("technology", "science and technology"),
        ("technology", "information technology"),
        ("information technology", "IT services"),
        ("information technology", "IT infrastructure"),
        ("information technology", "software"),
        ("high technology", "semiconductors"),
    ],
)
def test_overlapping_sectors_are_related(broad, narrow):
    """The sectors that overlap are linked: the narrow one lies below the broad one."""
    assert vnus.sector(broad).slug in above(vnus.sector(narrow).slug)


def test_narrower_is_the_inverse_of_broader():
    """A names B as broader exactly when B names A as narrower."""
    up = {(s.slug, b) for s in vnus.sectors() for b in s.broader}
    down = {(n, s.slug) for s in vnus.sectors() for n in s.narrower}
    assert up == down


def test_no_sector_is_above_itself():
    assert all(s.slug not in above(s.slug) for s in vnus.sectors())


SLUGS = st.deferred(lambda: st.sampled_from([s.slug for s in vnus.sectors()]))


@given(SLUGS)
def test_a_broad_sector_finds_the_lists_of_the_narrow_ones(slug):
    """sector= finds every list naming the sector or one below it; exact=True the sector alone."""
    wide = vnus.sector_priorities(sector=slug)
    assert wide == tuple(
        p for p in vnus.sector_priorities() if any(s == slug or slug in above(s) for s in p.sectors)
    )
    exact = vnus.sector_priorities(sector=slug, exact=True)
    assert exact == tuple(p for p in vnus.sector_priorities() if slug in p.sectors)
    assert vnus.dataset().select(vnus.SectorPriority, sectors=slug) == wide
    assert vnus.dataset().select(vnus.SectorPriority, sectors=slug, exact=True) == exact


def test_technology_finds_the_high_tech_and_it_lists():
    """The lists that name only high technology, IT or its parts are found under technology."""
    ids = {p.id for p in vnus.sector_priorities(sector="technology")}
    exact = {p.id for p in vnus.sector_priorities(sector="technology", exact=True)}
    for phrase in ("high technology", "information technology", "IT services", "IT infrastructure"):
        lists = {p.id for p in vnus.sector_priorities(sector=phrase, exact=True)}
        assert lists
        assert lists <= ids
    assert exact < ids


# --------------------------------------------------------------------------------------------
# Places as people write them
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("NY", "US-NY"),
        ("N.Y.", "US-NY"),
        ("ny", "US-NY"),
        ("DC", "US-DC"),
        ("D.C.", "US-DC"),
        ("USA", "US"),
        ("VNM", "VN"),
        ("vnm", "VN"),
        ("BEL", "BE"),
        ("UT", "US-UT"),
    ],
)
def test_common_abbreviations_resolve(written, code):
    assert vnus.place(written).code == code


def test_every_country_is_found_by_its_iso_codes():
    """A country of the dataset with an ISO 3166-1 code is found by its alpha-2 and alpha-3."""
    held = [p for p in vnus.places() if p.code in COUNTRIES]
    assert held
    for place in held:
        assert vnus.place(place.code) == place
        assert vnus.place(COUNTRIES[place.code][0]) == place


def test_no_other_country_code_resolves_to_a_place():
    """Every ISO 3166-1 code of a country the dataset does not hold is refused, saying so."""
    held = {p.code for p in vnus.places()}
    for alpha2, (alpha3, name) in COUNTRIES.items():
        if alpha2 in held:
            continue
        for code in (alpha2, alpha3, alpha2.lower()):
            with pytest.raises(vnus.UnknownPlaceError) as info:
                vnus.place(code)
            assert f"ISO 3166-1 code of {name}" in str(info.value)


def test_an_ambiguous_abbreviation_names_the_places_it_may_mean():
    with pytest.raises(vnus.UnknownPlaceError) as info:
        vnus.trade(reporter="CA")
    assert info.value.argument == "reporter"
    assert info.value.suggestions == ("California",)
    assert "Canada" in info.value.reason
    with pytest.raises(vnus.UnknownPlaceError) as info:
        vnus.place("LA")
    assert info.value.suggestions == ("Los Angeles",)


def test_exact_places_can_be_summed_without_counting_a_city_twice():
    """trade(reporter="VN", exact=True) holds Vietnam's own figures, none of Hanoi's."""
    inside = vnus.trade(reporter="VN", flow="total")
    exact = vnus.trade(reporter="VN", flow="total", exact=True)
    assert {f.reporter for f in exact} == {"VN"}
    assert set(exact) == {f for f in inside if f.reporter == "VN"}
    assert any(f.reporter == "VN-HN" for f in vnus.trade(reporter="VN"))
    assert not any(f.reporter == "VN-HN" for f in vnus.trade(reporter="VN", exact=True))
    # The cache keeps the two apart, whichever is asked first.
    assert vnus.trade(reporter="VN") != vnus.trade(reporter="VN", exact=True)


def test_the_default_includes_the_places_inside():
    """Without exact, a country's query finds its cities' records (the documented default)."""
    assert vnus.indicators(subject="VN") != vnus.indicators(subject="VN", exact=True)
    assert {i.subject for i in vnus.indicators(subject="VN", exact=True)} <= {"VN"}

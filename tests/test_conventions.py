"""The conventions of the data dictionary, held over every bundled record.

Each test states one rule of ``docs/data.md`` that can be checked mechanically: ``as_of`` is a
cut-off and one statistic is one record; a date part no quote prints is flagged ``inferred``;
a target is dated by its target year; an investment rank says what is ranked; a source's
title, publisher and date are printed or flagged ``inferred``.
"""

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest

import vnus
from vnus import _convert, audit
from vnus._spec import dates, numbers, span, spec
from vnus.records import Delegation, Indicator, InvestmentFigure
from vnus.types import PartialDate

ROOT = Path(__file__).resolve().parent.parent

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


@pytest.fixture(scope="module")
def seeds(bundled):
    """The repository's seed texts, by source id."""
    return {
        s.id: (ROOT / "seeds" / s.seed).read_text(encoding="utf-8")
        for s in bundled.sources()
        if s.seed is not None
    }


def _printed(record):
    """Everything the record's evidence prints: its quotes, and the locators of official ones."""
    return " ".join(f"{e.quote} {e.locator or ''}" for e in record.evidence)


def _unprinted_parts(value, text):
    """The parts of a PartialDate or Period (year, month, day) that *text* does not print."""
    if isinstance(value, PartialDate):
        parts = [(value.year, value.month, value.day)]
    else:
        whole_years = (value.start.month, value.start.day, value.end.month, value.end.day) == (
            1,
            1,
            12,
            31,
        )
        parts = [
            (value.start.year, None if whole_years else value.start.month, None),
            (value.end.year, None if whole_years else value.end.month, None),
        ]
    low = text.lower()
    missing = []
    for year, month, day in parts:
        if not re.search(rf"(?<!\d){year}(?!\d)", text):
            missing.append(f"year {year}")
        if month is not None:
            name = MONTHS[month - 1]
            numeric = (f"{year}-{month:02d}", f"month:{month:02d}")  # official dates, locators
            if not re.search(rf"\b{name[:3]}", low) and not any(n in text for n in numeric):
                missing.append(f"month {name}")
        if day is not None and not re.search(rf"(?<!\d)0?{day}(?!\d)", text):
            missing.append(f"day {day}")
    return missing


def _time_fields(record):
    for name in spec(type(record)).times:
        value = getattr(record, name)
        if value is not None:
            yield name, value


# Sector priorities are left out of the date rule: their file is not yet reviewed for it.
_DATED = list(vnus.records.RECORD_FILES.values())


def test_every_date_part_no_quote_prints_is_flagged_inferred(bundled):
    """A date field whose year, month or day no quote of the record prints is in ``inferred``.

    Over every record that quotes an article (records built only from official files are
    dated by the file's own structure, which ``scripts/build_official.py`` reads and checks).
    """
    checked, flagged, broken = 0, 0, []
    for cls in _DATED:
        for record in bundled._table(cls).records:
            if all(e.locator is not None for e in record.evidence):
                continue
            text = _printed(record)
            for name, value in _time_fields(record):
                checked += 1
                if name in record.inferred:
                    flagged += 1
                    continue
                missing = _unprinted_parts(value, text)
                if missing:
                    broken.append((record.id, name, str(value), missing))
    assert broken == []
    assert checked > 50
    assert flagged > 20


def test_inferred_is_explained_in_the_note(records):
    """A record that flags a field as inferred says how in its note, and the field is set."""
    flagged = [r for r in records if r.inferred]
    assert flagged
    for record in flagged:
        assert record.note, record.id
        for name in record.inferred:
            assert getattr(record, name) not in (None, ()), (record.id, name)


def test_a_trip_known_to_a_year_or_month_ends_in_it():
    """A trip whose start is a year or a month and whose end no source prints ends in that span.

    The one exception is a trip whose end a correction explains (an official entry that dates
    one day of the trip, not its end).
    """
    trips = vnus.delegations()
    coarse = [d for d in trips if d.start is not None and d.start.day is None]
    assert len(coarse) >= 5
    for trip in coarse:
        if trip.end is None:
            assert any(c.field == "end" for c in trip.corrections), trip.id
        else:
            assert trip.end.latest >= trip.start.latest, trip.id
    assert all(d.end == d.start for d in coarse if d.id.startswith("hanoi-officials-"))


def test_inferred_must_name_fields_of_the_record():
    """``inferred`` refuses a name that is not a fact-holding field of the record type."""
    base = vnus.indicators()[0]
    assert attrs.evolve(base, inferred=("as_of",)).inferred == ("as_of",)
    for bad in [("colour",), ("evidence",), ("as_of", "as_of")]:
        with pytest.raises(ValueError, match="inferred must"):
            attrs.evolve(base, inferred=bad)


def _publication(bundled, record):
    """The last day on which one of the record's article sources was published."""
    days = [bundled.source(e.source).published_on for e in record.evidence if e.locator is None]
    return max(days) if days else None


def _is_target(record):
    return isinstance(record, Indicator) and record.metric.endswith("-target")


def test_as_of_is_a_cut_off_never_after_the_article_but_for_a_target(bundled):
    """``as_of`` is a cut-off: a figure's as_of lies after its sources only for a target."""
    checked = 0
    for record in [*vnus.indicators(), *vnus.investments()]:
        if record.as_of is None:
            continue
        published = _publication(bundled, record)
        assert published is not None, record.id
        checked += 1
        assert (record.as_of.earliest > published) == _is_target(record), record.id
    assert checked > 15


def test_one_statistic_is_one_record(bundled):
    """Two records of a table with the same places, kinds and numbers, at overlapping times, from
    different sources, are one statistic given twice: one record with the evidence of both."""
    for cls in vnus.records.RECORD_FILES.values():
        s = spec(cls)
        seen = {}
        for record in bundled._table(cls).records:
            figures = tuple(sorted(str(n) for _, n in numbers(record)))
            if not figures:
                continue
            key = (
                tuple(getattr(record, f) for f in s.places),
                tuple(getattr(record, f) for f in s.indexed),
                getattr(record, "metric", None),
                figures,
            )
            cited = {e.source for e in record.evidence}
            for other in seen.get(key, []):
                if cited == {e.source for e in other.evidence}:
                    continue  # one source's own figures (a month that equals its year)
                overlap = any(a <= d and c <= b for a, b in dates(record) for c, d in dates(other))
                assert not overlap, (record.id, other.id)
            seen.setdefault(key, []).append(record)


def test_the_same_investment_in_two_articles_is_one_record():
    """The June and September 2024 statements of US investment in Vietnam are one record."""
    (fig,) = [f for f in vnus.investments(investor="US", host="VN") if f.host == "VN"]
    cited = {e.source for e in fig.evidence}
    assert cited == {"econ-dialogue-2024-06", "hitech-breakthrough-2024-09-23"}
    assert [c.field for c in fig.corrections] == ["projects_qualifier"]


def test_targets_are_dated_by_their_target_year(bundled):
    """A target's as_of is the year the article says it is to be reached ("By 2030")."""
    targets = [i for i in vnus.indicators() if _is_target(i)]
    assert len(targets) >= 2
    for target in targets:
        years = {int(y) for e in target.evidence for y in re.findall(r"\b[Bb]y (\d{4})\b", e.quote)}
        assert years == {target.as_of.year}, target.id
        assert target.as_of.precision == "year"
        assert target.as_of.earliest > _publication(bundled, target)
        assert target in vnus.indicators(year=target.as_of.year)


_RANKED = {
    "investor_rank": ("investor", "investment value"),
    "host_rank": ("recipient", "destination"),
}


def test_each_investment_rank_field_has_one_meaning():
    """``investor_rank`` is printed as an investor's rank, ``host_rank`` as a recipient's."""
    found = dict.fromkeys(_RANKED, 0)
    for fig in vnus.investments():
        for field, words in _RANKED.items():
            rank = getattr(fig, field)
            if rank is None:
                assert getattr(fig, f"{field}_among") is None, fig.id
                continue
            found[field] += 1
            pattern = rf"\b{rank}(st|nd|rd|th)\b[^.]*\b({'|'.join(words)})"
            assert any(re.search(pattern, e.quote) for e in fig.evidence), (fig.id, field)
    assert all(found.values()), found


def test_an_old_rank_field_is_refused():
    """The single ``rank`` field of earlier data versions is refused, naming the field."""
    fig = vnus.investments()[0]
    raw = _convert.unstructure(fig)
    assert "investor_rank" in raw
    raw["rank"] = 11
    with pytest.raises(Exception) as caught:  # noqa: PT011 -- the message is checked below
        _convert.structure(raw, InvestmentFigure)
    assert any("rank" in message for _, message in _convert.error_lines(caught.value))


def test_a_source_prints_what_it_does_not_flag_inferred(bundled, seeds):
    """An article's title and date are printed in its seed unless ``inferred`` names them; a
    publisher is a name the seed prints, or None, never a placeholder."""
    articles = [s for s in bundled.sources() if s.seed is not None]
    assert len(articles) == 5
    for source in articles:
        text = seeds[source.id]
        assert set(source.inferred) <= {"title", "publisher", "published"}, source.id
        assert ("title" in source.inferred) == (source.title not in text), source.id
        dateline = audit.dateline(text)
        assert ("published" in source.inferred) == (dateline is None), source.id
        if source.publisher is not None:
            assert source.publisher in text, source.id
        assert not source.inferred or source.note, f"{source.id}: the note says how"
    no_publisher = [s.id for s in articles if s.publisher is None]
    assert len(no_publisher) == 3


def test_a_trip_dated_only_by_the_publication_flags_it():
    """The Hanoi delegation's end 'until November 4' takes its year from the article."""
    (trip,) = vnus.delegations(origin="Hanoi", year=2022)
    assert trip.end == PartialDate(2022, 11, 4)
    assert "end" in trip.inferred
    assert trip.start is None
    assert isinstance(trip, Delegation)


def test_a_programme_over_years_is_found_in_each_of_them():
    """A programme printed as "2019-2024" has that span: its date and its end."""
    (cnn,) = [
        m for m in vnus.milestones(kind="program", since=2021, until=2021) if "CNN" in m.title
    ]
    assert (cnn.date, cnn.end) == (PartialDate(2019), PartialDate(2024))
    assert all(cnn in vnus.milestones(since=y, until=y) for y in range(2019, 2025))
    assert cnn not in vnus.milestones(since=2025)


def test_a_period_from_last_year_is_flagged():
    """'last year' in an article of 2023 is 2022, inferred from the article's date."""
    (fig,) = vnus.trade(reporter="VN", partner="US", year=2022, flow="total")
    assert fig.period.is_full_year
    assert fig.period.year == 2022
    assert fig.inferred == ("period",)
    assert fig.when == dt.date(2022, 1, 1)


def test_an_event_dated_by_inference_never_runs_past_its_article(bundled):
    """A past event whose date no quote prints ends, at the latest, when its article appeared.

    Where an article prints no date for an event, only that it had happened, the milestone is
    undated and dated by the publication day (an upper bound), not by a year or month that
    runs past it: ``milestones(since=...)`` after the article never finds it.
    """
    checked = 0
    for event in vnus.milestones():
        published = _publication(bundled, event)
        if published is None or "date" not in event.inferred:
            continue
        if event.status is vnus.Status.PLANNED:
            continue
        checked += 1
        assert span(event)[1] <= published, (event.id, str(event.date), published)
        after = published + dt.timedelta(days=1)
        assert event not in vnus.milestones(since=after), event.id
    assert checked >= 5

"""The audit's rules: what counts as a mention, and what covers one."""

import json
import shutil
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest

import vnus
from vnus import audit

BUNDLED = Path(str(files("vnus") / "data"))


@pytest.fixture(scope="module")
def report():
    return audit.run()


def _values(text):
    return [(m.text, m.kind, m.value) for m in audit.find_mentions("s", text)]


def test_a_month_and_year_is_one_date_mention():
    """'July 1995' is one date, never 'July 19' and '95'."""
    found = _values("relations were normalized in July 1995 and upgraded in July 2013.")
    assert found == [("July 1995", "date", None), ("July 2013", "date", None)]
    assert audit._date_days("July 1995") == ((1995, 7, None),)


def test_a_day_is_not_cut_out_of_a_longer_number():
    assert [t for t, _, _ in _values("on June 25 (local time)")] == ["June 25"]
    assert [t for t, _, _ in _values("in November 2019; and")] == ["November 2019"]


@pytest.mark.parametrize(
    ("text", "word", "value"),
    [
        ("to discuss investment prospects in four key sectors", "four", 4),
        ("signed a two-year partnership deal", "two", 2),
        ("marking the one-year anniversary", "one", 1),
        ("exceeding $100 billion for the third consecutive year", "third", 3),
        ("The US is Vietnam's largest export market", "largest", 1),
    ],
)
def test_number_words_are_mentions(text, word, value):
    words = [(t, v) for t, kind, v in _values(text) if kind != "money"]
    assert words == [(word, Decimal(value))]


def test_a_rank_in_digits_is_one_mention():
    """'11th largest' and 'seventh-largest' are one rank each, not a rank and a 'largest'."""
    assert _values("the 11th largest foreign investor") == [("11th", "ordinal", 11)]
    assert _values("the seventh-largest trading partner") == [("seventh-largest", "ordinal", 7)]


def test_every_mention_ends_covered_or_excluded_with_a_reason(report):
    assert report.uncovered == (), report.lines()
    assert report.ok
    for mention, exclusion in report.excluded:
        assert exclusion.reason.strip(), mention
        assert exclusion.seed == mention.seed
    mentions = len(report.covered) + len(report.excluded)
    assert mentions == len({(m.seed, m.start) for m, _ in (*report.covered, *report.excluded)})


def test_a_covered_mention_is_held_by_a_record_that_quotes_it(report, bundled, records):
    """Each record named as covering a mention quotes the text around it and holds its value."""
    by_id = {r.id: r for r in records}
    seeds = {s.id: audit.seed_text(s) for s in bundled.sources() if s.seed is not None}
    seed_of = {s.id: s.seed for s in bundled.sources() if s.seed is not None}
    for mention, ids in report.covered:
        assert ids, mention
        for rid in ids:
            record = by_id[rid]
            assert audit.held_values(record).holds(mention), (rid, mention)
            quoted = False
            for e in record.evidence:
                if seed_of.get(e.source) != mention.seed:
                    continue
                text, at = seeds[e.source], -1
                while (at := text.find(e.quote, at + 1)) != -1:
                    quoted |= at <= mention.start and mention.end <= at + len(e.quote)
            assert quoted, (rid, mention)


def test_a_quote_alone_does_not_cover(tmp_path):
    """Without the field that holds them, the CNN programmes' end years are uncovered,
    although two records still quote their sentence."""
    data = tmp_path / "data"
    shutil.copytree(BUNDLED, data)
    path = data / "milestones.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    cnn = [r for r in document["records"] if r["id"].startswith("hanoi-cnn-tourism-promotion-")]
    assert len(cnn) == 2
    for record in cnn:
        assert record.pop("end") is not None
    path.write_text(json.dumps(document), encoding="utf-8")
    text = "CNN in 2017-2018 and 2019-2024"
    assert all(any(text in e["quote"] for e in r["evidence"]) for r in cnn)
    found = audit.run(data)
    assert {m.text for m in found.uncovered} == {"2018", "2024"}
    assert {m.seed for m in found.uncovered} == {vnus.source("bta-2020-07-14").seed}
    assert audit.run(BUNDLED).uncovered == ()


def test_a_correction_holds_what_the_source_says():
    """The articles' 'July 1995' is held by the normalization's correction, not its date."""
    normalization = next(
        m for m in vnus.milestones(kind="normalization", place="VN") if m.corrections
    )
    held = audit.held_values(normalization)
    assert (normalization.date.year, normalization.date.month) != (1995, 7)
    assert (1995, 7, None) in held.days


def test_a_change_on_the_year_before_holds_that_year():
    figure = vnus.indicators(metric="us-tourist-arrivals")[0]
    assert figure.change_yoy is not None
    years = {d.year for d in (figure.period.start, figure.period.end)}
    assert {Decimal(y - 1) for y in years} <= audit.held_values(figure).numbers


def test_an_exclusion_of_covered_mentions_only_is_reported(tmp_path):
    """An exclusion whose every mention a record covers is stale: the audit says so."""
    data = tmp_path / "data"
    shutil.copytree(BUNDLED, data)
    path = data / "exclusions.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    stale = {
        "seed": vnus.source("bta-2020-07-14").seed,
        "text": "USD278.43 million",
        "reason": "held by the Hanoi investment figure",
    }
    document["records"].append(stale)
    path.write_text(json.dumps(document), encoding="utf-8")
    found = audit.run(data)
    assert [(e.seed, e.text) for e in found.idle_exclusions] == [(stale["seed"], stale["text"])]
    assert not found.ok
    assert any(line.startswith("idle exclusion: ") for line in found.lines())
    assert found.uncovered == ()


def test_the_bundled_exclusions_each_exclude_a_mention(report):
    assert report.idle_exclusions == ()
    assert report.unused_exclusions == ()


def test_held_values_refuses_what_is_not_a_record():
    with pytest.raises(vnus.QueryTypeError, match=r"record must be a record .*got 5 \(int\)"):
        audit.held_values(5)

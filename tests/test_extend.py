"""A user's directory loaded with the bundled data: one dataset, the same checks, no clashes."""

import json
import shutil

import pytest

import vnus
from vnus import audit
from vnus.__main__ import main

ARTICLE = (
    "Oregon and Hanoi agreed on 3 May 2024 to open a trade office. "
    "Oregon exported US$120 million of goods to Vietnam in 2023, mostly semiconductors."
)
OFFICE = "Oregon and Hanoi agreed on 3 May 2024 to open a trade office."
EXPORTS = "Oregon exported US$120 million of goods to Vietnam in 2023, mostly semiconductors."


def write(folder, name, records):
    (folder / name).write_text(json.dumps({"format": 1, "records": records}), encoding="utf-8")


def milestone(id_, quote, source="oregon-news-2024-05", date="2024-05-03", places=None):
    return {
        "id": id_,
        "date": date,
        "kind": "AGREEMENT",
        "title": "Oregon and Hanoi agree to open a trade office",
        "places": places or ["US-OR", "VN-HN"],
        "evidence": [{"source": source, "quote": quote}],
    }


@pytest.fixture
def mine(tmp_path):
    """A directory of one new article: its source, a new place, a milestone and a figure."""
    folder = tmp_path / "mine"
    (folder / "seeds").mkdir(parents=True)
    (folder / "seeds" / "oregon-news.txt").write_text(ARTICLE, encoding="utf-8")
    source = {
        "id": "oregon-news-2024-05",
        "kind": "ARTICLE",
        "title": "Oregon and Hanoi open a trade office",
        "publisher": "Example Gazette",
        "published": "2024-05-03",
        "seed": "oregon-news.txt",
    }
    write(folder, "sources.json", [source])
    oregon = {"code": "US-OR", "name": "Oregon", "kind": "SUBDIVISION", "parent": "US"}
    write(folder, "places.json", [oregon])
    write(folder, "milestones.json", [milestone("oregon-hanoi-trade-office-2024", OFFICE)])
    exports = {
        "id": "oregon-vn-exports-2023",
        "reporter": "US-OR",
        "partner": "VN",
        "flow": "EXPORT",
        "period": {"start": "2023-01-01", "end": "2023-12-31"},
        "value": {"amount": "120000000", "currency": "USD"},
        "evidence": [{"source": "oregon-news-2024-05", "quote": EXPORTS}],
    }
    write(folder, "trade.json", [exports])
    return folder


def problems_of(folder):
    with pytest.raises(vnus.DataError) as caught:
        vnus.Dataset.from_directory(folder, with_bundled=True)
    return caught.value.problems


def test_one_dataset_holds_the_bundled_records_and_the_users(mine, bundled):
    ds = vnus.Dataset.from_directory(mine, with_bundled=True)
    ours, theirs = bundled.counts(), ds.counts()
    assert theirs == {**ours, "milestones": ours["milestones"] + 1, "trade": ours["trade"] + 1}
    ids = [m.id for m in ds.milestones(place="Hanoi")]
    assert "oregon-hanoi-trade-office-2024" in ids
    assert set(ids) - {"oregon-hanoi-trade-office-2024"} == {
        m.id for m in bundled.milestones(place="Hanoi")
    }
    assert ds.place("Oregon").parent == "US"
    assert [f.id for f in ds.trade(reporter="Oregon")] == ["oregon-vn-exports-2023"]
    assert ds.source("hanoitimes-2022-10-29") == bundled.source("hanoitimes-2022-10-29")
    assert "with vnus/data" in repr(ds)


def test_the_user_directory_needs_no_reference_file_of_its_own(mine, bundled):
    (mine / "places.json").unlink()
    write(mine, "milestones.json", [milestone("hanoi-office", OFFICE, places=["US-UT", "VN-HN"])])
    (mine / "trade.json").unlink()
    ds = vnus.Dataset.from_directory(mine, with_bundled=True)
    before = [m.id for m in bundled.milestones(place="Utah", until=2024)]
    assert [m.id for m in ds.milestones(place="Utah", until=2024)] == [*before, "hanoi-office"]
    # Alone, the same directory is refused: it has no places.json or sectors.json.
    with pytest.raises(vnus.DataError) as caught:
        vnus.Dataset.from_directory(mine)
    assert {p.file for p in caught.value.problems} >= {"places.json", "sectors.json"}


def test_a_user_record_may_name_a_bundled_place_sector_and_source(mine, bundled):
    """A quote from a bundled article is checked against that article's text."""
    source = bundled.source("hanoitimes-2022-10-29")
    text = audit.seed_text(source)
    quote = text[text.index("Hanoi") :][:70]
    wish = {
        "id": "oregon-wishes-2024",
        "actor": "Oregon",
        "places": ["US-OR"],
        "context": "Cooperation areas",
        "sectors": ["semiconductors"],
        "as_of": "2024-05",
        "evidence": [{"source": "oregon-news-2024-05", "quote": EXPORTS}],
    }
    cited = milestone("hanoi-cited-2022", quote, source=source.id, date="2022-10", places=["VN-HN"])
    write(mine, "sector_priorities.json", [wish])
    write(mine, "milestones.json", [milestone("oregon-office", OFFICE), cited])
    ds = vnus.Dataset.from_directory(mine, with_bundled=True)
    assert [p.id for p in ds.sector_priorities(sector="Semiconductors", place="Oregon")] == [
        "oregon-wishes-2024"
    ]
    [cited_back] = [m for m in ds.milestones(place="Hanoi") if m.id == "hanoi-cited-2022"]
    assert cited_back.evidence[0] == vnus.Evidence(source.id, quote)

    # One character changed: the quote no longer stands in the bundled article.
    changed = quote[:-1] + ("x" if quote[-1] != "x" else "y")
    write(
        mine,
        "milestones.json",
        [
            milestone("oregon-office", OFFICE),
            {**cited, "evidence": [{"source": source.id, "quote": changed}]},
        ],
    )
    [problem] = problems_of(mine)
    assert (problem.file, problem.field) == ("milestones.json", "evidence[0].quote")
    assert "hanoi-cited-2022" in problem.record
    assert "not verbatim" in problem.message


@pytest.mark.parametrize(
    ("file", "change", "field", "what"),
    [
        (
            "milestones.json",
            lambda r: {**r, "id": "vn-us-comprehensive-partnership-2013"},
            "id",
            "vnus/data/milestones.json",
        ),
        (
            "sources.json",
            lambda r: {**r, "id": "hanoitimes-2022-10-29"},
            "id",
            "vnus/data/sources.json",
        ),
        (
            "places.json",
            lambda r: {**r, "code": "VN-HN", "kind": "CITY", "parent": "VN"},
            "code",
            "vnus/data/places.json",
        ),
    ],
)
def test_a_key_the_bundled_data_uses_is_refused(mine, file, change, field, what):
    records = json.loads((mine / file).read_text(encoding="utf-8"))["records"]
    write(mine, file, [change(records[0])])
    found = [p for p in problems_of(mine) if p.file == file and p.field == field]
    assert len(found) == 1, found
    assert "already used by the bundled data" in found[0].message
    assert what in found[0].message


def test_a_sector_slug_and_a_seed_name_the_bundled_data_uses_are_refused(mine, bundled):
    write(mine, "sectors.json", [{"slug": "semiconductors", "label": "Chips"}])
    taken = bundled.source("hanoitimes-2022-10-29").seed
    shutil.move(mine / "seeds" / "oregon-news.txt", mine / "seeds" / taken)
    sources = json.loads((mine / "sources.json").read_text(encoding="utf-8"))["records"]
    write(mine, "sources.json", [{**sources[0], "seed": taken}])
    problems = {(p.file, p.field): p.message for p in problems_of(mine)}
    assert "sector slug 'semiconductors' is already used" in problems["sectors.json", "slug"]
    assert f"seed file name {taken!r} is already the name" in problems["sources.json", "seed"]


def test_a_user_place_may_not_take_a_bundled_place_name(mine):
    oregon = {
        "code": "US-OR",
        "name": "Oregon",
        "kind": "SUBDIVISION",
        "parent": "US",
        "aliases": ["Ha Noi"],
    }
    write(mine, "places.json", [oregon])
    [problem] = problems_of(mine)
    assert (problem.file, problem.field) == ("places.json", "aliases")
    assert "already names place 'VN-HN'" in problem.message


def test_a_corrupted_user_file_is_refused_naming_file_record_and_field(mine):
    records = json.loads((mine / "trade.json").read_text(encoding="utf-8"))["records"]
    write(mine, "trade.json", [{**records[0], "flow": "SMUGGLING"}])
    [problem] = problems_of(mine)
    assert problem.file == "trade.json"
    assert problem.record == "records[0] (id 'oregon-vn-exports-2023')"
    assert problem.field == "flow"
    (mine / "milestones.json").write_text('{"format": 1, "records": [', encoding="utf-8")
    files = {p.file for p in problems_of(mine)}
    assert files == {"trade.json", "milestones.json"}


def test_an_unknown_place_names_both_lists(mine):
    write(mine, "milestones.json", [milestone("m", OFFICE, places=["US-XX"])])
    [problem] = problems_of(mine)
    assert (problem.file, problem.field) == ("milestones.json", "places")
    assert "unknown place 'US-XX'" in problem.message


@pytest.mark.parametrize("value", [1, "yes", None])
def test_with_bundled_must_be_a_bool(mine, value):
    with pytest.raises(vnus.QueryTypeError, match="with_bundled must be True or False"):
        vnus.Dataset.from_directory(mine, with_bundled=value)


def test_the_audit_with_the_bundled_data_audits_only_the_users_seeds(mine):
    report = audit.run(mine, with_bundled=True)
    seeds = {m.seed for m, _ in report.covered} | {m.seed for m in report.uncovered}
    assert seeds == {"oregon-news.txt"}
    covered = {m.text: records for m, records in report.covered}
    assert covered["US$120 million"] == ("oregon-vn-exports-2023",)
    assert report.uncovered == ()
    assert report.unsupported == ()
    assert report.ok


def test_the_audit_finds_a_number_of_a_user_record_missing_from_its_quotes(mine):
    records = json.loads((mine / "trade.json").read_text(encoding="utf-8"))["records"]
    write(mine, "trade.json", [{**records[0], "value": {"amount": "130000000", "currency": "USD"}}])
    report = audit.run(mine, with_bundled=True)
    assert [(u.record, u.field) for u in report.unsupported] == [
        ("oregon-vn-exports-2023", "value")
    ]


@pytest.mark.parametrize("value", [1, "yes", None])
def test_the_audits_with_bundled_must_be_a_bool(mine, value):
    with pytest.raises(vnus.InvalidQueryError, match="with_bundled must be True or False"):
        audit.run(mine, with_bundled=value)


def test_the_audit_with_the_bundled_data_needs_a_directory():
    with pytest.raises(vnus.InvalidQueryError, match="directory is required"):
        audit.run(with_bundled=True)


def test_the_command_line_validates_and_audits_with_the_bundled_data(mine, capsys):
    (mine / "places.json").unlink()
    write(mine, "milestones.json", [milestone("o", OFFICE, places=["US-UT", "VN-HN"])])
    (mine / "trade.json").unlink()
    assert main(["validate", str(mine), "--with-bundled"]) == 0
    assert capsys.readouterr().out == f"{mine}: ok\n"
    assert main(["validate", str(mine)]) == 3
    assert "places.json: is missing" in capsys.readouterr().err
    # The figure's record is gone: its amount and year are uncovered in the user's article.
    assert main(["audit", str(mine), "--with-bundled"]) == 3
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("3 mentions: 1 covered, 0 excluded, 2 uncovered")
    assert [line.split(": ", 2)[2] for line in out[1:]] == [
        "'US$120 million' (money)",
        "'2023,' (number)",
    ]
    with pytest.raises(SystemExit) as caught:
        main(["audit", "--with-bundled"])
    assert caught.value.code == 2
    assert "--with-bundled needs a directory" in capsys.readouterr().err

"""The command line: tables, JSON, exit codes and help."""

import json
import subprocess
import sys

import pytest

import vnus
from vnus.__main__ import main
from vnus._load import bundled_directory


def run(*args):
    return subprocess.run(  # noqa: S603 -- this interpreter and the package's own CLI
        [sys.executable, "-m", "vnus", *args], capture_output=True, text=True, check=False
    )


def test_trade_prints_a_table(capsys):
    assert main(["trade", "Hà Nội", "2021"]) == 0
    out = capsys.readouterr().out
    assert "Hanoi (VN-HN) – United States, 2021" in out
    assert "US$3.4 billion" in out
    assert "balance US$2.1 billion" in out


def test_trade_json_has_the_converter_shape(capsys):
    assert main(["trade", "Hanoi", "2021", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exports"]["value"] == {"amount": "3400000000", "currency": "USD"}
    assert data["place"]["code"] == "VN-HN"
    assert data["balance"]["amount"] == "2100000000"


@pytest.mark.parametrize(
    ("args", "count"),
    [
        (["milestones"], vnus.milestones),
        (["delegations", "--destination", "US"], lambda: vnus.delegations(destination="US")),
        (["investments", "--investor", "US"], lambda: vnus.investments(investor="US")),
        (
            ["timeline", "--since", "2023", "--until", "2024-06-30"],
            lambda: vnus.timeline(since=2023, until=vnus.PartialDate(2024, 6, 30).latest),
        ),
        (["indicators", "--subject", "VN"], lambda: vnus.indicators(subject="VN")),
        (
            ["priorities", "--sector", "chip technology"],
            lambda: vnus.sector_priorities(sector="semiconductors"),
        ),
        (
            ["priorities", "--sector", "technology", "--exact"],
            lambda: vnus.sector_priorities(sector="technology", exact=True),
        ),
        (
            ["indicators", "--subject", "VN", "--exact"],
            lambda: vnus.indicators(subject="VN", exact=True),
        ),
        (["places"], vnus.places),
        (["sources"], vnus.sources),
        (["sectors"], vnus.sectors),
        (["metrics"], vnus.metrics),
        (["people"], vnus.officials),
        (["delegations", "--person", "Blinken"], lambda: vnus.delegations(person="Blinken")),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else "",
)
def test_listing_commands(capsys, args, count):
    count = len(count())  # the query, run now rather than while pytest collects
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == count + 2  # header and rule
    assert main([*args, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == count


def test_no_data_exits_1_with_one_line():
    result = run("trade", "Hanoi", "2020")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "years with data: 2019, 2021" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["trade", "Atlantis", "2021"], "vnus: place: no place is called 'Atlantis'"),
        (["milestones", "--kind", "party"], "vnus: --kind: no milestone kind is called 'party'"),
        (["priorities", "--sector", "quantum"], "vnus: --sector: no sector is called 'quantum'"),
        (["indicators", "--metric", "gdp"], "vnus: --metric: no metric is called 'gdp'"),
        (["delegations", "--person", "Nobody"], "vnus: --person: no person is called 'Nobody'"),
    ],
)
def test_unknown_names_exit_1_like_no_data(args, start):
    """Every unknown name is a LookupError, and every LookupError exits 1."""
    result = run(*args)
    assert result.returncode == 1
    assert result.stderr.startswith(start), result.stderr
    assert result.stderr.count("\n") == 1


def test_exit_codes_follow_the_error_class():
    from vnus.__main__ import EXIT_CODES  # noqa: PLC0415

    def code(exc):
        return next(c for cls, c in EXIT_CODES if isinstance(exc, cls))

    assert code(vnus.UnknownPlaceError("x")) == code(vnus.NoDataError("x")) == 1
    assert code(vnus.InvalidQueryError("x")) == code(vnus.QueryTypeError("x")) == 2
    assert code(vnus.DataError([])) == 3


@pytest.mark.parametrize(
    "args",
    [
        ["trade", "Hanoi", "20x"],
        ["trade"],
        ["frobnicate"],
        ["timeline", "--since", "last year"],
        ["trade", "Hanoi", "20210"],
        [],
    ],
)
def test_usage_errors_exit_2(args):
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "usage:" in result.stderr or "error:" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        "trade",
        "timeline",
        "milestones",
        "delegations",
        "investments",
        "indicators",
        "priorities",
        "places",
        "sources",
        "sectors",
        "metrics",
        "people",
        "audit",
        "validate",
    ],
)
def test_every_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert "example: vnus " in capsys.readouterr().out


def test_audit_command(capsys):
    assert main(["audit"]) == 0
    assert "0 uncovered" in capsys.readouterr().out


def test_validate_reports_every_problem(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert "sources.json: is missing" in err
    assert "places.json: is missing" in err


def test_validate_accepts_the_bundled_data(capsys):
    assert main(["validate", str(bundled_directory())]) == 0
    assert capsys.readouterr().out.endswith(": ok\n")


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"vnus {vnus.__version__}"


# The user's language


def test_sectors_metrics_and_people_list_what_the_options_take(capsys):
    assert main(["sectors", "--json"]) == 0
    assert [s["slug"] for s in json.loads(capsys.readouterr().out)] == [
        s.slug for s in vnus.sectors()
    ]
    assert main(["people", "--json"]) == 0
    assert [p["id"] for p in json.loads(capsys.readouterr().out)] == [
        o.id for o in vnus.officials()
    ]
    assert main(["metrics", "--json"]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert [m["metric"] for m in metrics] == list(vnus.metrics())
    for metric in metrics:
        found = vnus.indicators(metric=metric["metric"])
        assert metric["indicators"] == len(found)
        assert sorted(metric["units"]) == sorted({i.unit for i in found})
    assert main(["metrics"]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[2:]]
    assert [(r[0], int(r[-1])) for r in rows] == [(m["metric"], m["indicators"]) for m in metrics]


def test_trade_without_a_year_prints_the_series(capsys):
    assert main(["trade", "Hanoi"]) == 0
    lines = capsys.readouterr().out.splitlines()
    series = vnus.trade_series("Hanoi", flow="export")
    assert lines[0] == "Hanoi (VN-HN) – United States"
    assert [line.split()[0] for line in lines[3:]] == [str(p.period) for p in series.points]
    exports = {str(p.period): str(p.value) for p in series.points}
    for line in lines[3:]:
        assert exports[line.split()[0]] in line


@pytest.mark.parametrize(
    ("args", "query"),
    [
        (["delegations", "--year", "2014"], "delegations"),
        (["timeline", "--since", "2027", "--until", "2029"], "milestones or delegations"),
        (["indicators", "--subject", "US-UT"], "indicators"),
    ],
)
def test_an_empty_result_says_so(args, query, capsys):
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"no {query} found for ")
    for word in args[1:]:
        assert word in out  # every filter given, as typed
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize("year", ["2021", "2022", "2024"])
def test_as_of_takes_a_year_as_its_last_day(year, capsys):
    for command in (["trade", "Vietnam", "2021"], ["trade", "Hanoi"], ["trade", "Vietnam"]):
        status = main([*command, "--as-of", year, "--json"])
        by_year = capsys.readouterr()
        assert main([*command, "--as-of", f"{year}-12-31", "--json"]) == status
        assert capsys.readouterr() == by_year


#: Words of Python that a command line user should never read.
PYTHON_WORDS = ("(str)", "(int)", "NoneType", "datetime", "vnus.", "()", "Traceback", "Dataset")


@pytest.mark.parametrize(
    ("args", "option", "valid"),
    [
        (["milestones", "--kind", "war"], "--kind", "partnership"),
        (["milestones", "--kind", "partnershp"], "--kind", "did you mean 'partnership'?"),
        (["milestones", "--place", "Atlantis"], "--place", "vnus places"),
        (["trade", "Hanoy", "2021"], "place", "did you mean 'Hanoi'"),
        (["trade", "Hanoi", "2021", "--reporter", "XX"], "--reporter", "vnus places"),
        (["trade", "Hanoi", "--reporter", "Vietnam"], "--reporter", "(US)"),
        (["trade", "US"], "place", "a place that trades with it"),
        (["indicators", "--metric", "tourist"], "--metric", "us-tourist-arrivals"),
        (["priorities", "--sector", "semicondcutors"], "--sector", "'semiconductors'"),
        (["delegations", "--person", "Blinkn"], "--person", "'blinken'"),
        (["delegations", "--origin", "Atlantis"], "--origin", "vnus places"),
        (["timeline", "--since", "2024", "--until", "2020"], "--since", "--until"),
        (["trade", "Hanoi", "2020"], "year", "2019, 2021"),
        (["trade", "Hanoi", "20210"], "year", "1000 to 9999"),
        (["delegations", "--year", "20"], "--year", "such as 2021"),
        (["milestones", "--since", "0999"], "--since", "a year (2021) or a date"),
        (["trade", "Hanoi", "--as-of", "2022-02-30"], "--as-of", "a year (2021) or a date"),
        (["trade", "Hanoi", "--as-of", "0001-01-01"], "--as-of", "a year (2021) or a date"),
    ],
)
def test_errors_speak_the_users_language(args, option, valid):
    """An error names the option as typed and the valid values, never a Python type."""
    result = run(*args)
    assert result.returncode in {1, 2}
    message = result.stderr.splitlines()[-1]
    assert message.startswith(("vnus: ", "vnus error: ", f"vnus {args[0]}: error: "))
    assert option in message
    assert valid in message
    for word in PYTHON_WORDS:
        assert word not in result.stderr, word


@pytest.mark.parametrize(
    ("args", "query"),
    [
        (["timeline"], vnus.timeline),
        (["milestones"], vnus.milestones),
        (["delegations"], vnus.delegations),
        (["investments"], vnus.investments),
        (["indicators"], vnus.indicators),
        (["priorities"], vnus.sector_priorities),
    ],
    ids=lambda a: a[0] if isinstance(a, list) else "",
)
def test_every_record_command_takes_as_of(args, query, capsys):
    """--as-of YEAR lists what the query with as_of=YEAR returns, by id."""
    for year in (2020, 2023):
        assert main([*args, "--as-of", str(year), "--json"]) == 0
        ids = [r["id"] for r in json.loads(capsys.readouterr().out)]
        assert ids == [r.id for r in query(as_of=year)]
        assert ids == [r.id for r in query(as_of=vnus.PartialDate(year).latest)]


def test_monthly_with_a_year_is_a_usage_error():
    result = run("trade", "Vietnam", "2021", "--monthly")
    assert result.returncode == 2
    assert "--monthly goes without a year" in result.stderr

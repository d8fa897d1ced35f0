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
        (["trade", "Atlantis", "2021"], "vnus: place: unknown place 'Atlantis'"),
        (["milestones", "--kind", "party"], "vnus: kind: unknown kind 'party'"),
        (["priorities", "--sector", "quantum"], "vnus: sector: unknown sector 'quantum'"),
        (["indicators", "--metric", "gdp"], "vnus: metric: unknown metric 'gdp'"),
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

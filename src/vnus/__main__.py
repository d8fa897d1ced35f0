"""The ``vnus`` command line (also ``python -m vnus``).

Exit codes: 0 success; 1 nothing found (an unknown name, or no data); 2 a usage error; 3 data
that does not load or an audit that fails; 4 output that cannot be written (a closed pipe, a
full disk, no standard output). Errors are one line on stderr.

>>> main(["trade", "Hanoi", "2021"])
Hanoi (VN-HN) – United States, 2021
flow    value           qualifier  share  yoy    source
------  --------------  ---------  -----  -----  ---------------------
export  US$3.4 billion  estimated  21.5%  25.9%  hanoitimes-2022-10-29
import  US$1.3 billion  estimated  3.7%   23%    hanoitimes-2022-10-29
balance US$2.1 billion
0
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import vnus
from vnus._spec import cell, headline, row, spec, when_text
from vnus.errors import DataError, InvalidQueryError, UnknownNameError, VnusError
from vnus.records import (
    Delegation,
    Indicator,
    InvestmentFigure,
    Milestone,
    MilestoneKind,
    SectorPriority,
    TradeFigure,
)
from vnus.types import MAX_YEAR, MIN_YEAR, Flow, Official, Place, Sector, Source

if TYPE_CHECKING:
    from vnus.records import Record
    from vnus.results import TradeSummary

#: The commands that print one record type with its own columns.
_RECORD_COMMANDS: dict[str, type] = {
    "trade": TradeFigure,
    "investments": InvestmentFigure,
    "delegations": Delegation,
    "indicators": Indicator,
    "priorities": SectorPriority,
}


class _OutputError(VnusError):
    """Files that cannot be written (exit code 4)."""


#: Exit codes by error class, most specific first (see :mod:`vnus.errors`).
EXIT_CODES: tuple[tuple[type[BaseException], int], ...] = (
    (_OutputError, 4),
    (DataError, 3),
    (InvalidQueryError, 2),
    (LookupError, 1),
    (VnusError, 1),
)

__all__ = ["main"]


def _year(text: str) -> int:
    """A calendar year on the command line: four digits, 1000 to 9999."""
    if text.isdigit() and len(text) == 4 and MIN_YEAR <= int(text) <= MAX_YEAR:  # noqa: PLR2004
        return int(text)
    msg = f"expected a year from {MIN_YEAR} to {MAX_YEAR}, such as 2021, got {text!r}"
    raise argparse.ArgumentTypeError(msg)


def _year_or_date(text: str) -> int | dt.date:
    """A year (``2021``) or a day (``2021-06-30``) in the years 1000 to 9999."""
    if text.isdigit() and len(text) == 4 and MIN_YEAR <= int(text) <= MAX_YEAR:  # noqa: PLR2004
        return int(text)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or not MIN_YEAR <= day.year <= MAX_YEAR or len(text) != len("2021-06-30"):
        msg = f"expected a year (2021) or a date (2021-06-30), got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return day


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _percent(value: object) -> str:
    return "" if value is None else f"{value}%"


def _sources(record: Record) -> str:
    return ", ".join(dict.fromkeys(e.source for e in record.evidence))


def _json(value: object) -> str:
    from vnus._convert import unstructure  # noqa: PLC0415 -- cattrs only for --json

    return json.dumps(unstructure(value), indent=2, ensure_ascii=False)


#: Commands that print no table, and so take no --csv.
_NOT_TABLES = frozenset({"audit", "validate"})

#: The record types each listing command prints: its CSV has their columns, rows or none.
_CSV_TYPES: dict[str, tuple[type, ...]] = {
    **{name: (cls,) for name, cls in _RECORD_COMMANDS.items()},
    "milestones": (Milestone,),
    "timeline": (Milestone, Delegation),
    "places": (Place,),
    "sources": (Source,),
    "sectors": (Sector,),
    "people": (Official,),
}


def _csv(*values: object) -> str:
    """CSV of a summary, of series, or of records with their types' columns."""
    from vnus._export import csv_of  # noqa: PLC0415 -- only for --csv

    return csv_of(*values).rstrip("\r\n")


def _add_export(sub: Any) -> None:
    text = "write every table to files with a Data Package descriptor"
    export = sub.add_parser(
        "export",
        help=text,
        description=text + " (datapackage.json: each column's type and unit, the keys "
        "between tables), for R, DuckDB, spreadsheets and other languages",
        epilog="example: vnus export --format csv --output vnus-data",
    )
    export.add_argument(
        "--format",
        choices=("csv", "json", "parquet"),
        default="csv",
        help="the files' format (default: csv; parquet needs the parquet extra)",
    )
    export.add_argument(
        "--output", default="vnus-data", help="the directory to write (default: ./vnus-data)"
    )
    export.add_argument("--data-dir", help="a data directory to export (default: the bundled data)")


def _export(args: argparse.Namespace) -> str:
    from vnus._export import export  # noqa: PLC0415 -- only for export

    if args.data_dir is None:
        dataset = vnus.dataset()
    else:
        dataset = vnus.Dataset.from_directory(args.data_dir)
    try:
        written = export(dataset, args.output, fmt=args.format)
    except OSError as exc:
        msg = f"cannot write to {args.output!r}: {exc.strerror or exc}"
        raise _OutputError(msg) from None
    return f"wrote {len(written) - 1} tables and {written[-1]}"


def _show_summary(summary: TradeSummary) -> str:
    rows = [
        (
            flow,
            str(figure.value),
            figure.qualifier.value,
            _percent(figure.share_of_total),
            _percent(figure.change_yoy),
            _sources(figure),
        )
        for flow, figure in (
            ("export", summary.exports),
            ("import", summary.imports),
            ("total", summary.total),
        )
        if figure is not None
    ]
    head = f"{summary.place.name} ({summary.place.code}) – United States, {summary.year}"
    if summary.mirror:
        head += " (reported by the United States: its imports are the place's exports)"
    out = [head, _table(("flow", "value", "qualifier", "share", "yoy", "source"), rows)]
    if summary.balance is not None:
        out.append(f"balance {summary.balance}")
    return "\n".join(out)


def _series(args: argparse.Namespace) -> str:
    """Exports, imports and the balance, period by period, all from one reporter."""
    exports = vnus.trade_series(
        args.place, flow="export", reporter=args.reporter, monthly=args.monthly, as_of=args.as_of
    )
    imports = vnus.trade_series(
        args.place,
        flow="import",
        reporter=exports.reporter,
        monthly=args.monthly,
        as_of=args.as_of,
    )
    if args.json:
        return _json({"exports": exports, "imports": imports})
    if args.csv:
        return _csv(exports, imports)
    bought = {p.period: p for p in imports.points}
    periods = sorted({p.period for p in (*exports.points, *imports.points)})
    sold = {p.period: p for p in exports.points}
    rows = []
    for period in periods:
        out, back = sold.get(period), bought.get(period)
        balance = out.value - back.value if out is not None and back is not None else None
        rows.append(
            (
                str(period),
                out and str(out.value),
                out and _percent(out.change),
                back and str(back.value),
                back and _percent(back.change),
                balance,
            )
        )
    place = exports.place
    head = f"{place.name} ({place.code}) – United States"
    if exports.mirror:
        head += ", reported by the United States (its imports are the place's exports)"
    headers = ("period", "exports", "yoy", "imports", "yoy", "balance")
    return "\n".join([head, _table(headers, rows)])


#: The timeline's columns, shared by every event type (a milestone, a trip).
_EVENT_COLUMNS: tuple[tuple[str, Callable[[Any], object]], ...] = (
    ("date", when_text),
    ("type", lambda r: type(r).__name__.lower()),
    ("kind", lambda r: getattr(r, "kind", None)),
    ("title", headline),
)

#: Reference tables: their columns.
_REFERENCE_COLUMNS: dict[str, tuple[tuple[str, Callable[[Any], object]], ...]] = {
    "places": (
        ("code", lambda p: p.code),
        ("name", lambda p: p.name),
        ("kind", lambda p: p.kind),
        ("parent", lambda p: p.parent),
    ),
    "sources": (
        ("id", lambda s: s.id),
        ("published", lambda s: s.published),
        ("title", lambda s: s.title),
    ),
    "sectors": (
        ("slug", lambda s: s.slug),
        ("label", lambda s: s.label),
        ("aliases", lambda s: ", ".join(s.aliases)),
    ),
    "people": (
        ("id", lambda o: o.id),
        ("name", lambda o: o.name),
        ("roles", lambda o: "; ".join(o.roles)),
    ),
}


def _metrics() -> list[tuple[str, tuple[str, ...], int]]:
    """Each metric, the units its indicators count in, and how many indicators use it."""
    units: dict[str, dict[str, None]] = {metric: {} for metric in vnus.metrics()}
    counts = dict.fromkeys(units, 0)
    for indicator in vnus.indicators():
        units[indicator.metric][indicator.unit] = None
        counts[indicator.metric] += 1
    return [(metric, tuple(units[metric]), counts[metric]) for metric in units]


#: What each command lists, in words, for the message that says it found nothing.
_NOUNS = {
    "timeline": "milestones or delegations",
    "milestones": "milestones",
    "delegations": "delegations",
    "investments": "investment figures",
    "indicators": "indicators",
    "priorities": "sector priorities",
}


#: The arguments each command takes without a dash (the rest are options: ``--as-of``).
_POSITIONAL = frozenset({"place", "year", "directory"})


def _option(command: str, argument: str) -> str:
    """How the command line spells a query's argument: ``--as-of``, or ``place``."""
    if (command == "trade" and argument in _POSITIONAL) or argument == "directory":
        return argument
    return "--" + argument.replace("_", "-")


def _nothing_found(command: str, args: argparse.Namespace) -> str:
    """Say that the query found nothing, and with which filters."""
    given = [
        f"{_option(command, name)} {value}"
        for name, value in vars(args).items()
        if name not in {"command", "json"} and value not in (None, False)
    ]
    where = f" for {', '.join(given)}" if given else ""
    return f"no {_NOUNS.get(command, command)} found{where}"


#: Where the command line lists the names of each kind of thing.
_LISTS = {
    "place": "vnus places",
    "sector": "vnus sectors",
    "metric": "vnus metrics",
    "source": "vnus sources",
    "person": "vnus people",
}
#: The kinds of name whose every value fits in a message, and those values.
_VALUES: dict[str, Callable[[], list[str]]] = {
    "kind": lambda: [k.name.lower() for k in MilestoneKind],
    "flow": lambda: [f.name.lower() for f in Flow],
    "metric": lambda: list(vnus.metrics()),
}
#: What each kind of name is called in a message.
_WHAT = {"kind": "milestone kind", "flow": "trade flow"}


def _unknown_name(command: str, error: UnknownNameError) -> str:
    """An unknown name in plain words: the option, what was asked, close names, valid ones."""
    what = _WHAT.get(error.what, error.what)
    text = f"{_option(command, error.argument)}: no {what} is called {error.query!r}"
    values = _VALUES.get(error.what)
    if error.suggestions:
        close = error.suggestions
        if values is not None:  # the valid names as the command line spells them
            close = tuple(dict.fromkeys(c.lower() for c in close))
        quoted = [repr(c) for c in close]
        choice = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
        text += f"; did you mean {choice}?"
    else:
        text += "."
    if values is not None:
        text += f" The {what}s are: {', '.join(values())}."
    if error.what in _LISTS:
        text += f" `{_LISTS[error.what]}` lists every {what}."
    return text


def _plain(command: str, error: VnusError) -> str:
    """An error in the command line's words: options, not a function's arguments."""
    if isinstance(error, UnknownNameError):
        return _unknown_name(command, error)
    text = str(error)
    if text.startswith("since must not be after until"):
        return f"--since must not be after --until{text.partition(',')[1]}{text.partition(',')[2]}"
    head, colon, rest = text.partition(":")
    if colon and head.isidentifier():  # "year: no full-year trade figure ..."
        return f"{_option(command, head)}:{rest}"
    head, space, rest = text.partition(" ")
    if space and head.isidentifier() and rest.startswith(("must ", "is ")):
        return f"{_option(command, head)} {rest}"  # "reporter must be the place itself ..."
    return text


def _show(kind: str, records: Sequence[Any]) -> str:
    """A text table of query results: the record type's own columns, or the timeline's."""
    if kind in _REFERENCE_COLUMNS or kind in {"milestones", "timeline"}:
        columns = _REFERENCE_COLUMNS.get(kind, _EVENT_COLUMNS)
        headers = [h for h, _ in columns]
        rows = [tuple(cell(get(r)) for _, get in columns) for r in records]
        return _table(headers, rows)
    cls = _RECORD_COMMANDS[kind]
    headers = [h for h, _ in spec(cls).columns]
    return _table(headers, [row(r) for r in records])


def _add_as_of(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--as-of",
        type=_year_or_date,
        help="only what sources had published by this day (YYYY-MM-DD) or year's end (YYYY)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vnus",
        description="Query Vietnam–United States relations data, with sources.",
        epilog="example: vnus trade Hanoi 2021",
    )
    parser.add_argument("--version", action="version", version=f"vnus {vnus.__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, text: str, example: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=text, description=text, epilog=f"example: {example}")
        command.add_argument("--json", action="store_true", help="print JSON instead of a table")
        if name not in _NOT_TABLES:
            command.add_argument("--csv", action="store_true", help="print CSV instead of a table")
        return command

    trade = add(
        "trade",
        "a place's trade with the United States in one year, or year by year",
        "vnus trade Hanoi 2021; vnus trade Vietnam",
    )
    trade.add_argument("place", help="a place code, name or alias, e.g. Hanoi or VN-HN")
    trade.add_argument(
        "year", type=_year, nargs="?", help="a calendar year, e.g. 2021 (default: every year)"
    )
    trade.add_argument(
        "--reporter",
        help="whose figures: the place itself, or US for the United States' mirror figures "
        "(default: the place where it reports the year, else US)",
    )
    trade.add_argument("--monthly", action="store_true", help="month by month (with no year given)")
    _add_as_of(trade)

    timeline = add("timeline", "milestones and delegations in order", "vnus timeline --since 2013")
    milestones = add("milestones", "diplomatic milestones", "vnus milestones --kind partnership")
    for command in (timeline, milestones):
        command.add_argument("--since", type=_year_or_date, help="a year or YYYY-MM-DD")
        command.add_argument("--until", type=_year_or_date, help="a year or YYYY-MM-DD")
    kinds = ", ".join(k.name.lower() for k in MilestoneKind)
    milestones.add_argument("--kind", help=f"a milestone kind: {kinds}")
    milestones.add_argument("--place", help="a place code, name or alias")

    delegations = add(
        "delegations", "visits and working trips", "vnus delegations --destination US"
    )
    delegations.add_argument("--origin", help="where the delegation came from")
    delegations.add_argument("--destination", help="a place visited (or a place inside it)")
    delegations.add_argument("--year", type=_year, help="a year the trip was under way")
    delegations.add_argument("--person", help="a leader or member, e.g. Blinken")

    investments = add("investments", "investment figures", "vnus investments --investor US")
    investments.add_argument("--investor", help="the investing place")
    investments.add_argument("--host", help="the place invested in")

    indicators = add("indicators", "other figures", "vnus indicators --metric us-tourist-arrivals")
    indicators.add_argument("--subject", help="a place")
    indicators.add_argument(
        "--metric", help="a metric, e.g. us-tourist-arrivals (see: vnus metrics)"
    )
    indicators.add_argument("--year", type=_year, help="a year")

    priorities = add("priorities", "priority sectors", "vnus priorities --sector semiconductors")
    priorities.add_argument(
        "--place",
        help="a place whose priorities or offer the list states (either side of a joint list)",
    )
    priorities.add_argument("--sector", help="a sector slug, label or alias (see: vnus sectors)")
    priorities.add_argument("--year", type=_year, help="a year")

    for command in (timeline, milestones, delegations, investments, indicators, priorities):
        _add_as_of(command)
    for command in (milestones, delegations, investments, indicators, priorities):
        command.add_argument(
            "--exact",
            action="store_true",
            help="match only the place (or sector) named, not the places inside it "
            "(or the sectors below it)",
        )

    add("places", "every place and its code", "vnus places")
    add("sources", "the sources: articles and official files", "vnus sources")
    add("sectors", "the sector vocabulary: slugs, labels and aliases", "vnus sectors")
    add("metrics", "the metrics of the indicators, with their units", "vnus metrics")
    add("people", "the leaders and officials the records name, with their roles", "vnus people")
    audit = add("audit", "check that every number in the seeds is covered", "vnus audit")
    audit.add_argument("directory", nargs="?", help="a data directory (default: the bundled data)")
    validate = add(
        "validate", "load a data directory and report every problem", "vnus validate ./mydata"
    )
    validate.add_argument("directory", help="a directory in the vnus data format")
    for command in (audit, validate):
        command.add_argument(
            "--with-bundled",
            action="store_true",
            help="load the directory with the bundled data (it holds only what it adds)",
        )
    _add_export(sub)
    return parser


def _trade(args: argparse.Namespace) -> str:
    """One year's summary, or without a year the series."""
    if args.year is None:
        return _series(args)
    if args.monthly:
        msg = "--monthly goes without a year: `vnus trade PLACE --monthly` prints every month"
        raise InvalidQueryError(msg)
    summary = vnus.trade_with_us(args.place, args.year, reporter=args.reporter, as_of=args.as_of)
    if args.csv:
        return _csv(summary)
    return _json(summary) if args.json else _show_summary(summary)


def _listing(command: str, args: argparse.Namespace, records: Sequence[Any]) -> str:
    """Records as JSON, as a table, or the words that say none was found."""
    if args.json:
        return _json(records)
    if args.csv:
        return _csv(records, _CSV_TYPES.get(command, ()))
    if not records:
        return _nothing_found(command, args)
    return _show(command, records)


def _show_metrics(args: argparse.Namespace) -> str:
    rows = _metrics()
    if args.json:
        found = [{"metric": m, "units": list(u), "indicators": n} for m, u, n in rows]
        return json.dumps(found, indent=2, ensure_ascii=False)
    table = [(metric, ", ".join(units), count) for metric, units, count in rows]
    if args.csv:
        from vnus._export import csv_text  # noqa: PLC0415 -- only for --csv

        return csv_text(("metric", "unit", "indicators"), table).rstrip("\r\n")
    return _table(("metric", "unit", "indicators"), table)


def _run(args: argparse.Namespace) -> tuple[str, object]:  # noqa: PLR0911 -- one return per command
    command = args.command
    if command == "export":
        return _export(args), None
    if args.json and getattr(args, "csv", False):
        msg = "--json and --csv cannot be used together: choose one"
        raise InvalidQueryError(msg)
    if command == "trade":
        return _trade(args), None
    queries: dict[str, Callable[[], Sequence[Any]]] = {
        "timeline": lambda: vnus.timeline(since=args.since, until=args.until, as_of=args.as_of),
        "milestones": lambda: vnus.milestones(
            since=args.since,
            until=args.until,
            kind=args.kind,
            place=args.place,
            as_of=args.as_of,
            exact=args.exact,
        ),
        "delegations": lambda: vnus.delegations(
            origin=args.origin,
            destination=args.destination,
            year=args.year,
            person=args.person,
            as_of=args.as_of,
            exact=args.exact,
        ),
        "investments": lambda: vnus.investments(
            investor=args.investor, host=args.host, as_of=args.as_of, exact=args.exact
        ),
        "indicators": lambda: vnus.indicators(
            subject=args.subject,
            metric=args.metric,
            year=args.year,
            as_of=args.as_of,
            exact=args.exact,
        ),
        "priorities": lambda: vnus.sector_priorities(
            place=args.place, sector=args.sector, year=args.year, as_of=args.as_of, exact=args.exact
        ),
        "places": vnus.places,
        "sources": vnus.sources,
        "sectors": vnus.sectors,
        "people": vnus.officials,
    }
    if command in queries:
        return _listing(command, args, queries[command]()), None
    if command == "metrics":
        return _show_metrics(args), None
    if command == "audit":
        from vnus import audit  # noqa: PLC0415

        if args.directory is None:
            if args.with_bundled:
                msg = "--with-bundled needs a directory of your own: vnus audit DIR --with-bundled"
                raise InvalidQueryError(msg)
            report = audit.run()
        else:
            from pathlib import Path  # noqa: PLC0415

            report = audit.run(Path(args.directory), with_bundled=args.with_bundled)
        if args.json:
            return json.dumps(
                {"summary": report.summary(), "ok": report.ok, "problems": report.lines()[1:]},
                indent=2,
            ), report
        return "\n".join(report.lines()), report
    vnus.Dataset.from_directory(args.directory, with_bundled=args.with_bundled)
    return f"{args.directory}: ok", None


#: The exit code when the output cannot be written (a closed pipe, a full disk, no stdout).
OUTPUT_FAILED = 4


def _tolerant_streams() -> None:
    """Write what the terminal's encoding cannot show as escapes, never as a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):  # a stream that refuses: as it is
                reconfigure(errors="backslashreplace")


def _complain(message: str) -> None:
    try:
        if sys.stderr is not None:
            sys.stderr.write(f"vnus: {message}\n")
            sys.stderr.flush()
    except (OSError, ValueError):  # nowhere left to say it
        pass


def _write(text: str) -> int:
    """Write *text* to standard output; 0, or :data:`OUTPUT_FAILED` with one line on stderr."""
    out = sys.stdout
    if out is None:
        _complain("cannot write the output: standard output is closed")
        return OUTPUT_FAILED
    try:
        out.write(text)
        out.flush()
    except BrokenPipeError:
        # The reader has gone (``vnus places | head``); stop quietly, and keep Python's own
        # flush at exit from failing again on the same pipe.
        with contextlib.suppress(OSError, ValueError):  # no descriptor to redirect
            os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        return OUTPUT_FAILED
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _complain(f"cannot write the output: {reason}")
        return OUTPUT_FAILED
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit code.

    Exit codes: 0 success, 1 nothing found, 2 a usage error, 3 data that does not load or
    an audit that fails, 4 output that cannot be written.
    """
    _tolerant_streams()
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        text, report = _run(args)
    except VnusError as exc:
        code = next(code for cls, code in EXIT_CODES if isinstance(exc, cls))
        message = str(exc) if isinstance(exc, DataError) else _plain(args.command, exc)
        if code == 2:  # noqa: PLR2004 -- a usage error, reported as argparse reports its own
            parser.exit(2, f"vnus: error: {message}\n")
        _complain(message)
        return code
    written = _write(text + "\n")
    if written:
        return written
    if report is not None and not getattr(report, "ok", True):
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())

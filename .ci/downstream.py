"""A downstream script: it must run and type-check with mypy --strict against the wheel."""

import datetime as dt
import json
import tempfile
from decimal import Decimal
from pathlib import Path

import vnus
from vnus import Flow, Milestone, TradeFigure, TradeSummary


def exports_in_billions(summary: TradeSummary) -> Decimal | None:
    """Return the exports of a summary in billions, if known."""
    figure: TradeFigure | None = summary.exports
    return None if figure is None else figure.value.amount / 10**9


summary = vnus.trade_with_us("Hanoi", 2021, as_of=dt.date(2023, 1, 1))
billions = exports_in_billions(summary)
if billions != Decimal("3.4"):
    message = f"unexpected exports: {billions}"
    raise SystemExit(message)
partnerships: tuple[Milestone, ...] = vnus.milestones(kind="partnership")
years: list[int] = [m.date.year for m in partnerships]
exports: tuple[TradeFigure, ...] = vnus.trade(flow=Flow.EXPORT)
first_two: tuple[Milestone, ...] = partnerships[:2]
two_way = sum(f.value for f in (summary.exports, summary.imports) if f is not None)
if not isinstance(two_way, vnus.Money) or f"{two_way:,.0f}" != "4,700,000,000":
    message = f"unexpected two-way trade: {two_way}"
    raise SystemExit(message)
largest: vnus.Money = max(f.value for f in exports)
same_year = vnus.trade_with_us("Hanoi", 2021, as_of=2022) == vnus.trade_with_us(
    "Hanoi", 2021, as_of=dt.date(2022, 12, 31)
)
try:
    vnus.place("Atlantis")
except vnus.UnknownPlaceError as error:
    suggestions: tuple[str, ...] = error.suggestions

# A directory of one's own, loaded with the bundled data (its quote checked in its own seed).
quote = "Oregon and Hanoi agreed on 3 May 2024 to open a trade office."
with tempfile.TemporaryDirectory() as folder:
    mine = Path(folder)
    (mine / "seeds").mkdir()
    (mine / "seeds" / "oregon.txt").write_text(quote, encoding="utf-8")
    source = {
        "id": "oregon-2024",
        "kind": "ARTICLE",
        "title": "Oregon office",
        "publisher": "Example",
        "published": "2024-05-03",
        "seed": "oregon.txt",
    }
    milestone = {
        "id": "oregon-office-2024",
        "date": "2024-05-03",
        "kind": "AGREEMENT",
        "title": "Oregon and Hanoi agree to open a trade office",
        "places": ["VN-HN"],
        "evidence": [{"source": "oregon-2024", "quote": quote}],
    }
    for name, record in [("sources.json", source), ("milestones.json", milestone)]:
        (mine / name).write_text(json.dumps({"format": 1, "records": [record]}), encoding="utf-8")
    both: vnus.Dataset = vnus.Dataset.from_directory(mine, with_bundled=True)
    ours: list[str] = [m.id for m in both.milestones(place="Hanoi") if m.id.startswith("oregon")]
if ours != ["oregon-office-2024"]:
    message = f"unexpected milestones with the bundled data: {ours}"
    raise SystemExit(message)
print(f"downstream ok: {billions} billion, partnerships in {years}, {len(exports)} export figures")

"""Generate synthetic data directories in the bundled format, for the scale benchmarks.

The output is deterministic: the same size always gives byte-identical files. Records are
spread over many generated places (provinces of Vietnam and states of the United States, with
cities inside them) and many generated sources, whose seed texts reuse a small pool of quote
sentences so that every quote stands verbatim in its seed while the seeds stay small.

Beside the generated records, every directory holds the same FIXED records that answer the
measured queries with the same results at every size:

* ``trade_with_us("VN-HN", 2021)``: two full-year figures (exports and imports) among four
  Hanoi-United States trade figures (a full year 2019 and a half year 2021 as well);
* ``milestones(place="VN-HN")``: five milestones.

No generated record names Hanoi (``VN-HN``) or a place inside it.

Usage: ``python benchmarks/generate.py DIRECTORY RECORDS`` (for example ``/tmp/d 100000``).
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = [
    "FIXED_MILESTONES",
    "FIXED_PLACE",
    "FIXED_TRADE_FIGURES",
    "FIXED_YEAR",
    "generate",
]

#: The place the fixed records are about.
FIXED_PLACE = "VN-HN"
#: The year of the fixed full-year trade figures.
FIXED_YEAR = 2021
#: How many full-year figures ``trade_with_us(FIXED_PLACE, FIXED_YEAR)`` returns.
FIXED_TRADE_FIGURES = 2
#: How many milestones ``milestones(place=FIXED_PLACE)`` returns.
FIXED_MILESTONES = 5

SEED = 20251125
RECORD_FILES = (
    "trade.json",
    "investments.json",
    "milestones.json",
    "delegations.json",
    "sector_priorities.json",
    "indicators.json",
)
#: Share of the generated records in each file (the bundled data has a similar mix).
MIX = {
    "trade.json": 0.25,
    "investments.json": 0.10,
    "milestones.json": 0.20,
    "delegations.json": 0.10,
    "sector_priorities.json": 0.15,
    "indicators.json": 0.20,
}
SECTORS = (
    "agriculture",
    "aviation",
    "biotechnology",
    "clean-technology",
    "digital-economy",
    "education-training",
    "energy",
    "environment",
    "finance-banking-insurance",
    "healthcare",
    "innovation",
    "it-services",
    "logistics",
    "manufacturing",
    "real-estate",
    "semiconductors",
    "smart-city",
    "textiles",
    "tourism",
    "transportation",
)
METRICS = (
    "us-tourist-arrivals",
    "us-representative-offices",
    "fdi-projects",
    "students-abroad",
    "export-growth-target",
    "flights-per-week",
    "exhibitors",
    "industrial-park-area",
    "startups",
    "visitors",
)
MILESTONE_KINDS = (
    "NORMALIZATION",
    "PARTNERSHIP",
    "AGREEMENT",
    "DIALOGUE",
    "CONFERENCE",
    "ANNIVERSARY",
    "DONATION",
    "PROGRAM",
    "MEETING",
    "ANNOUNCEMENT",
)
QUALIFIERS = ("EXACT", "EXACT", "EXACT", "ABOUT", "NEARLY", "OVER", "ESTIMATED")
#: Sentences the generated seeds are made of; every generated quote is one of them.
SENTENCE_POOL = tuple(
    f"Sentence {i} of the pool reports that the {topic} between the two sides grew by "
    f"{i % 17 + 2}.{i % 10} percent over the year, according to officials."
    for i, topic in enumerate(
        [
            "trade",
            "investment",
            "exchange of delegations",
            "tourism",
            "education cooperation",
            "technology cooperation",
            "cooperation in healthcare",
            "flow of goods",
        ]
        * 8
    )
)
SENTENCES_PER_SEED = 6
FIXED_SOURCE = "fixed-source-2022"
FIXED_QUOTES = (
    "Hanoi's exports to the US reached US$3.4 billion in 2021.",
    "Hanoi imported US$1.3 billion worth of goods from the US in 2021.",
    "In 2019 the city's exports to the US were worth US$3 billion.",
    "In the first half of 2021 exports to the US reached US$1.6 billion.",
    "Hanoi and partners from the United States held many meetings in the city.",
)

Json = dict[str, Any]


def _evidence(source: str, quote: str) -> list[Json]:
    return [{"source": source, "quote": quote}]


def _fixed_places() -> list[Json]:
    return [
        {
            "code": "VN",
            "name": "Vietnam",
            "kind": "COUNTRY",
            "parent": None,
            "aliases": ["Viet Nam"],
        },
        {
            "code": "US",
            "name": "United States",
            "kind": "COUNTRY",
            "parent": None,
            "aliases": ["USA", "United States of America"],
        },
        {
            "code": FIXED_PLACE,
            "name": "Hanoi",
            "kind": "SUBDIVISION",
            "parent": "VN",
            "aliases": ["Ha Noi", "Hà Nội"],
        },
    ]


def _fixed_records() -> dict[str, list[Json]]:
    """The records that answer the measured queries, identical at every size."""
    quote = FIXED_QUOTES
    year = FIXED_YEAR
    # Each: the id, flow, first and last day, amount and the index of its quote.
    specs = [
        ("fixed-hn-exports-2021", "EXPORT", f"{year}-01-01", f"{year}-12-31", "3400000000", 0),
        ("fixed-hn-imports-2021", "IMPORT", f"{year}-01-01", f"{year}-12-31", "1300000000", 1),
        ("fixed-hn-exports-2019", "EXPORT", "2019-01-01", "2019-12-31", "3000000000", 2),
        ("fixed-hn-exports-2021-h1", "EXPORT", f"{year}-01-01", f"{year}-06-30", "1600000000", 3),
    ]
    trade_figures = [
        {
            "id": ident,
            "reporter": FIXED_PLACE,
            "partner": "US",
            "flow": flow,
            "period": {"start": first, "end": last},
            "value": {"amount": amount, "currency": "USD"},
            "qualifier": "EXACT",
            "evidence": _evidence(FIXED_SOURCE, quote[index]),
        }
        for ident, flow, first, last, amount, index in specs
    ]
    milestones = [
        {
            "id": f"fixed-hn-milestone-{i}",
            "date": f"{2010 + 2 * i}-0{i + 1}",
            "kind": MILESTONE_KINDS[i],
            "title": f"Fixed Hanoi milestone {i}",
            "places": [FIXED_PLACE, "US"],
            "parties": ["Hanoi", "United States"],
            "evidence": _evidence(FIXED_SOURCE, quote[4]),
        }
        for i in range(FIXED_MILESTONES)
    ]
    return {"trade.json": trade_figures, "milestones.json": milestones}


class _Generator:
    """Builds the generated part of one directory from one seeded random stream."""

    def __init__(self, records: int) -> None:
        self.rng = random.Random(SEED + records)  # noqa: S311 -- reproducible, not secret
        self.records = records
        self.places = self._places(max(10, records // 20))
        self.vn_places = [p["code"] for p in self.places if p["code"].startswith("VN")]
        self.us_places = [p["code"] for p in self.places if p["code"].startswith("US")]
        self.sources, self.seeds, self.sentences = self._sources(max(5, records // 50))
        self.source_ids = sorted(self.sentences)

    def _places(self, count: int) -> list[Json]:
        """Provinces and states, half of them with a city inside."""
        places: list[Json] = []
        for i in range(count // 2):
            country = "VN" if i % 2 == 0 else "US"
            code = f"{country}-G{i:05d}"
            places.append(
                {
                    "code": code,
                    "name": f"Generated province {i}",
                    "kind": "SUBDIVISION",
                    "parent": country,
                    "aliases": [f"Province number {i}"],
                }
            )
            places.append(
                {
                    "code": f"{code}-C{i:05d}",
                    "name": f"Generated city {i}",
                    "kind": "CITY",
                    "parent": code,
                    "aliases": [],
                }
            )
        return places

    def _sources(self, count: int) -> tuple[list[Json], dict[str, str], dict[str, list[str]]]:
        rng = self.rng
        sources: list[Json] = [
            {
                "id": FIXED_SOURCE,
                "title": "Fixed source of the benchmark",
                "publisher": "Benchmark Times",
                "published": "2022-10-29T22:36:00",
                "seed": "fixed.txt",
                "url": None,
                "note": None,
            }
        ]
        seeds = {"fixed.txt": "\n\n".join(FIXED_QUOTES) + "\n"}
        sentences: dict[str, list[str]] = {}
        for i in range(count):
            ident = f"gen-source-{i:05d}"
            seed = f"g{i:05d}.txt"
            chosen = rng.sample(SENTENCE_POOL, SENTENCES_PER_SEED)
            year = 2020 + i % 5
            published = (
                f"{year}-{i % 12 + 1:02d}-{i % 28 + 1:02d}T09:30:00"
                if i % 3
                else f"{year}-{i % 12 + 1:02d}"
            )
            sources.append(
                {
                    "id": ident,
                    "title": f"Generated article {i}",
                    "publisher": f"Publisher {i % 7}",
                    "published": published,
                    "seed": seed,
                    "url": f"https://example.org/articles/{i}",
                    "note": None if i % 4 else "The time zone is not printed.",
                }
            )
            seeds[seed] = f"Generated article {i}\n\n" + "\n\n".join(chosen) + "\n"
            sentences[ident] = chosen
        return sources, seeds, sentences

    # -- helpers -------------------------------------------------------------------------

    def evidence(self) -> list[Json]:
        rng = self.rng
        picked = rng.sample(self.source_ids, 2 if rng.random() < 0.2 else 1)
        return [{"source": s, "quote": rng.choice(self.sentences[s])} for s in picked]

    def year(self) -> int:
        return self.rng.randint(1995, 2019)

    def partial_date(self) -> str:
        rng, year = self.rng, self.year()
        precision = rng.random()
        if precision < 0.2:
            return f"{year}"
        if precision < 0.5:
            return f"{year}-{rng.randint(1, 12):02d}"
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    def amount(self) -> str:
        return str(self.rng.randint(1, 9999) * 100_000)

    def percent(self) -> str | None:
        return None if self.rng.random() < 0.5 else f"{self.rng.randint(0, 999) / 10}"

    def note(self) -> str | None:
        return None if self.rng.random() < 0.6 else "A generated note on how the text was read."

    # -- records -------------------------------------------------------------------------

    def trade(self, i: int) -> Json:
        rng, year = self.rng, self.year()
        reporter = rng.choice(self.vn_places)
        partner = "US" if rng.random() < 0.8 else rng.choice(self.us_places)
        half = rng.random() < 0.3
        period = (
            {"start": f"{year}-01-01", "end": f"{year}-06-30"}
            if half
            else {"start": f"{year}-01-01", "end": f"{year}-12-31"}
        )
        return {
            "id": f"gen-trade-{i}",
            "reporter": reporter,
            "partner": partner,
            "flow": rng.choice(("EXPORT", "IMPORT", "TOTAL")),
            "period": period,
            "value": {"amount": self.amount(), "currency": "USD"},
            "qualifier": rng.choice(QUALIFIERS),
            "share_of_total": self.percent(),
            "change_yoy": self.percent(),
            "products": [
                {"name": f"product {rng.randint(1, 40)}", "share": self.percent()}
                for _ in range(rng.randint(0, 2))
            ],
            "authority": None,
            "evidence": self.evidence(),
            "note": self.note(),
        }

    def investment(self, i: int) -> Json:
        rng = self.rng
        rank = rng.randint(1, 50)
        return {
            "id": f"gen-investment-{i}",
            "investor": "US" if rng.random() < 0.7 else rng.choice(self.us_places),
            "host": rng.choice(self.vn_places),
            "as_of": self.partial_date(),
            "projects": rng.randint(1, 900),
            "projects_qualifier": rng.choice(QUALIFIERS),
            "capital": {"amount": self.amount(), "currency": "USD"},
            "capital_qualifier": rng.choice(QUALIFIERS),
            "investor_rank": rank,
            "investor_rank_among": rank + rng.randint(0, 100),
            "by_sector": [
                {"sector": s, "capital": {"amount": self.amount(), "currency": "USD"}}
                for s in rng.sample(SECTORS, rng.randint(0, 3))
            ],
            "authority": None,
            "evidence": self.evidence(),
            "note": self.note(),
        }

    def milestone(self, i: int) -> Json:
        rng = self.rng
        return {
            "id": f"gen-milestone-{i}",
            "date": self.partial_date(),
            "kind": rng.choice(MILESTONE_KINDS),
            "title": f"Generated milestone {i}",
            "status": "HAPPENED",
            "places": [rng.choice(self.vn_places), rng.choice((*self.us_places, "US"))],
            "parties": ["Vietnam", "United States"],
            "summary": None if rng.random() < 0.5 else f"A summary of generated milestone {i}.",
            "evidence": self.evidence(),
            "note": self.note(),
        }

    def delegation(self, i: int) -> Json:
        rng = self.rng
        start = self.partial_date()
        outbound = rng.random() < 0.5
        return {
            "id": f"gen-delegation-{i}",
            "leader": {"name": f"Leader {rng.randint(1, 500)}", "title": "Vice Chairman"},
            "origin": rng.choice(self.vn_places) if outbound else rng.choice(self.us_places),
            "destinations": (
                sorted({rng.choice(self.us_places), "US"})
                if outbound
                else [rng.choice(self.vn_places)]
            ),
            "start": start,
            "end": None if rng.random() < 0.5 else start,
            "purpose": "To promote trade and investment",
            "activities": ["working sessions", "business forum"],
            "status": "HAPPENED",
            "evidence": self.evidence(),
            "note": self.note(),
        }

    def priority(self, i: int) -> Json:
        rng = self.rng
        return {
            "id": f"gen-priority-{i}",
            "actor": f"Generated authority {i % 97}",
            "places": [rng.choice((*self.vn_places, "US"))],
            "context": "Sectors given priority in attracting investment",
            "sectors": rng.sample(SECTORS, rng.randint(1, 4)),
            "as_of": self.partial_date(),
            "evidence": self.evidence(),
            "note": self.note(),
        }

    def indicator(self, i: int) -> Json:
        rng, year = self.rng, self.year()
        shape = rng.random()
        return {
            "id": f"gen-indicator-{i}",
            "subject": rng.choice(self.vn_places),
            "metric": rng.choice(METRICS),
            "value": str(rng.randint(1, 100_000)),
            "unit": "people",
            "qualifier": rng.choice(QUALIFIERS),
            "period": (None if shape < 0.3 else {"start": f"{year}-01-01", "end": f"{year}-12-31"}),
            "as_of": None if shape >= 0.3 else self.partial_date(),
            "change_yoy": self.percent(),
            "share": self.percent(),
            "sectors": rng.sample(SECTORS, rng.randint(0, 2)),
            "evidence": self.evidence(),
            "note": self.note(),
        }

    def files(self) -> dict[str, list[Json]]:
        """Every record file: the fixed records, then the generated ones."""
        makers: dict[str, Callable[[int], Json]] = {
            "trade.json": self.trade,
            "investments.json": self.investment,
            "milestones.json": self.milestone,
            "delegations.json": self.delegation,
            "sector_priorities.json": self.priority,
            "indicators.json": self.indicator,
        }
        fixed = _fixed_records()
        files = {name: list(fixed.get(name, [])) for name in RECORD_FILES}
        wanted = self.records - sum(len(v) for v in files.values())
        counts = {name: int(wanted * MIX[name]) for name in RECORD_FILES}
        counts["trade.json"] += wanted - sum(counts.values())  # the rounding remainder
        for name in RECORD_FILES:
            files[name].extend(makers[name](i) for i in range(counts[name]))
        return files


def _write_json(path: Path, records: list[Json]) -> None:
    # The same layout as vnus.testing.write_directory and the bundled data.
    text = json.dumps(
        {"format": 1, "records": records}, indent=2, sort_keys=True, ensure_ascii=False
    )
    path.write_bytes((text + "\n").encode("utf-8"))


def generate(directory: str | Path, records: int) -> Path:
    """Write a data directory with exactly *records* records into *directory*; return it."""
    if records < len(FIXED_QUOTES) + FIXED_MILESTONES:
        msg = f"records must be at least {len(FIXED_QUOTES) + FIXED_MILESTONES}, got {records}"
        raise ValueError(msg)
    root = Path(directory)
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    gen = _Generator(records)
    _write_json(root / "sources.json", gen.sources)
    _write_json(root / "places.json", _fixed_places() + gen.places)
    sectors = [
        {"slug": s, "label": s.replace("-", " ").capitalize(), "aliases": []} for s in SECTORS
    ]
    _write_json(root / "sectors.json", sectors)
    for name, items in gen.files().items():
        _write_json(root / name, items)
    for name, text in gen.seeds.items():
        (root / "seeds" / name).write_bytes(text.encode("utf-8"))
    return root


def main() -> None:
    """Command line: write one directory."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("records", type=int)
    args = parser.parse_args()
    root = generate(args.directory, args.records)
    print(f"wrote {args.records} records to {root}")


if __name__ == "__main__":
    main()

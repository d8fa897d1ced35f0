"""Build vnus records from the pinned official source files in ``sources/``.

Usage::

    python scripts/build_official.py            # write the outputs
    python scripts/build_official.py --check    # exit 1 if the committed outputs differ

Inputs: the pinned files (checked against ``sources/SHA256SUMS`` before anything is read) and
the hand-curated JSON files in ``scripts/official/``. Outputs (JSON, ``{"format": 1,
"records": [...]}``, sorted keys, records sorted by id): ``sources.official.json``,
``trade.census.json``, ``delegations.official.json``, ``milestones.official.json`` and
``officials.json`` in ``src/vnus/data/``, with a copy of each cited file (and its licence) in
``src/vnus/data/sources/``. The article records that describe the same event as an official
entry (``links.json``) are one record: the build gives them the official entries' evidence,
members and corrections in ``delegations.json`` and ``milestones.json`` and touches nothing
else in those files.

Anything the script does not understand stops it with a message naming the file, the entry
and the field. Nothing is skipped silently: deliberate skips are listed in ``skips.json``.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = REPO / "sources"
DEFAULT_INPUTS = REPO / "scripts" / "official"
DEFAULT_DATA = REPO / "src" / "vnus" / "data"

OUTPUTS = (
    "sources.official.json",
    "trade.census.json",
    "delegations.official.json",
    "milestones.official.json",
    "officials.json",
    "parts.json",
)
#: For each part this build writes, its table and the fields that hold place codes (the record
#: types declare these; tests/test_build_official.py holds the two equal).
PARTS = {
    "sources.official.json": ("sources.json", ()),
    "trade.census.json": ("trade.json", ("reporter", "partner")),
    "delegations.official.json": ("delegations.json", ("origin", "destinations")),
    "milestones.official.json": ("milestones.json", ("places",)),
}
#: The article record files; the records linked to official entries get their official
#: evidence, members and corrections from the build, and nothing else in them is touched.
ARTICLE_FILES = ("delegations.json", "milestones.json")

CENSUS_FILE = "census-5520/vnm_rows.jsonl"
CENSUS_PROVENANCE = "census-5520/PROVENANCE.md"
CENSUS_SOURCE = "census-5520-vnm"
CENSUS_FIRST_YEAR = 1992
CENSUS_KEYS = (
    "country_code",
    "year",
    "exports",
    "imports",
    "exports_year",
    "imports_year",
    "balance_year",
)
#: PROVENANCE.md: "For every year the monthly values add up to the year totals within 0.2."
CENSUS_TOLERANCE = Decimal("0.2")
MILLION = Decimal(1_000_000)

ROLE_CODES = "historyatstate/travels/code-tables/travel-role-codes.xml"
TRAVELS_DIR = "historyatstate/travels/"
VISITS_DIR = "historyatstate/visits/data/"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

TRIP_CHILDREN = (
    "id",
    "role",
    "name",
    "start-date",
    "end-date",
    "country",
    "locale",
    "remarks",
    "created-by",
    "created-datetime",
    "last-modified-by",
    "last-modified-datetime",
)
VISIT_CHILDREN = (
    "id",
    "start-date",
    "end-date",
    "visitor",
    "from",
    "description",
    "created-by",
    "created-datetime",
    "last-modified-by",
    "last-modified-datetime",
)
VIETNAM = "vietnam"
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
PUBLISHER_CENSUS = "U.S. Census Bureau"
PUBLISHER_HISTORIAN = "U.S. Department of State, Office of the Historian"
LICENCE_HISTORIAN = "CC0-1.0 / public domain (U.S. government work)"
LICENCE_CENSUS = (
    "Public domain (U.S. government work); the line layout comes from a repository that "
    "carries no licence file"
)
MILESTONE_KINDS = frozenset(
    {
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
    }
)
TRIP_NOTE = (
    "One <trip> per visit to a country. The file prints no title: the title is descriptive. "
    "published is the date part, as printed, of the latest created/last-modified datetime in "
    "the file ({stamp}): the snapshot cannot be older. Quotes are the text content of the <trip> "
    "element whose <id> the locator (trip:<id>) gives, with runs of whitespace collapsed to one "
    "space."
)
VISIT_NOTE = (
    "One <visit> per visit of a foreign leader. The file prints no title: the title is "
    "descriptive (years of the first and last visit). published is the date part, as printed, "
    "of the latest created/last-modified datetime in the file ({stamp}). Quotes are the text "
    "content of the <visit> element whose <id> the locator (visit:<id>) gives, with runs of "
    "whitespace collapsed to one space."
)
GUIDE_NOTE = (
    "TEI XML. title is the complete title as printed; published is the year printed in the "
    "publication statement ('Department of State, {year}'). The snapshot's own date is not "
    "printed: the file may have been revised since (its resource links, one of them commented "
    "out, have changed), and the commit pins it. Quotes are the text content of the division "
    "the locator names (div:<section xml:id>/<type>[<n>], n counting divisions of that type in "
    "the section), with runs of whitespace collapsed to one space."
)
CODE = re.compile(r"[A-Z]{2}(?:-[A-Z0-9]{1,6})*")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
ACCOMPANYING = re.compile(r"accompan|President[’']s", re.IGNORECASE)
MENTIONS_VIETNAM = re.compile(r"viet\s?nam", re.IGNORECASE)
NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")

Record = dict[str, Any]


class BuildError(Exception):
    """An input the generator does not understand, or a failed check."""


def fail(file: str, entry: str, field_name: str, message: str) -> NoReturn:
    """Stop with a message naming the file, the entry and the field."""
    msg = f"{file}: {entry}: {field_name}: {message}"
    raise BuildError(msg)


def collapse(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return re.sub(r"\s+", " ", text).strip()


def printed_in(says: str, raw: str) -> bool:
    """Whether text stands in a field as printed (line breaks inside it count as spaces)."""
    return says in raw or (says == collapse(says) and says in collapse(raw))


def element_text(element: ET.Element) -> str:
    """The element's text content with runs of whitespace collapsed."""
    return collapse("".join(element.itertext()))


# --------------------------------------------------------------------------------------------
# Reading verified inputs
# --------------------------------------------------------------------------------------------


def verify_checksums(root: Path) -> dict[str, bytes]:
    """Read every file listed in ``SHA256SUMS`` and check its digest; return the bytes."""
    sums = root / "SHA256SUMS"
    try:
        lines = sums.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        fail(str(sums), "-", "-", f"cannot read the checksum list: {error}")
    files: dict[str, bytes] = {}
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        digest, sep, name = line.partition("  ")
        if not sep or not re.fullmatch(r"[0-9a-f]{64}", digest) or not name:
            fail("sources/SHA256SUMS", f"line {number}", "-", f"not a sha256sum line: {line!r}")
        path = root / name
        try:
            data = path.read_bytes()
        except OSError as error:
            fail(f"sources/{name}", "-", "sha256", f"cannot read the file: {error}")
        actual = hashlib.sha256(data).hexdigest()
        if actual != digest:
            fail(
                f"sources/{name}",
                "-",
                "sha256",
                f"checksum mismatch: SHA256SUMS says {digest}, the file has {actual}",
            )
        files[name] = data
    return files


def load_json(path: Path) -> Any:
    """Parse one JSON input file, failing with its name."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        fail(str(path), "-", "-", f"cannot read JSON: {error}")


def require(file: str, entry: str, obj: Any, key: str, kind: type) -> Any:
    """Return ``obj[key]`` if it has the expected type, else fail."""
    if not isinstance(obj, dict) or key not in obj:
        fail(file, entry, key, "missing")
    value = obj[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        fail(file, entry, key, f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def optional_str(file: str, entry: str, obj: Any, key: str) -> str | None:
    """Return ``obj[key]`` if it is a string or null, else fail."""
    if not isinstance(obj, dict) or key not in obj:
        fail(file, entry, key, "missing")
    value = obj[key]
    if value is not None and not isinstance(value, str):
        fail(file, entry, key, f"expected a string or null, got {type(value).__name__}")
    return value


def str_list(file: str, entry: str, obj: Any, key: str) -> list[str]:
    """Return ``obj[key]`` if it is a list of strings, else fail."""
    value = require(file, entry, obj, key, list)
    if not all(isinstance(item, str) for item in value):
        fail(file, entry, key, "expected a list of strings")
    return list(value)


# --------------------------------------------------------------------------------------------
# Inputs: people, locales, places
# --------------------------------------------------------------------------------------------


@dataclass
class People:
    """The hand-curated list of people named in the Vietnam entries."""

    records: dict[str, Record]
    by_name: dict[str, str]
    short_forms: dict[tuple[str, str], str]
    titles: list[str]
    role_titles: dict[str, str]

    def resolve(self, name: str, entry: str, file: str, field_name: str) -> str:
        """The person id for a name as printed in one entry."""
        if name in self.by_name:
            return self.by_name[name]
        if (name, entry) in self.short_forms:
            return self.short_forms[name, entry]
        fail(file, entry, field_name, f"unknown person {name!r}: add it to people.json")


def load_people(path: Path) -> People:
    """Load ``people.json`` and check that no name maps to two people."""
    name = path.name
    raw = load_json(path)
    role_titles = require(name, "-", raw, "role_titles", dict)
    titles = str_list(name, "-", raw, "mention_titles")
    records: dict[str, Record] = {}
    by_name: dict[str, str] = {}
    short_forms: dict[tuple[str, str], str] = {}
    for item in require(name, "-", raw, "people", list):
        pid = require(name, "-", item, "id", str)
        if not SLUG.fullmatch(pid) or pid in records:
            fail(name, pid, "id", "not a slug, or used twice")
        canonical = require(name, pid, item, "name", str)
        aliases = str_list(name, pid, item, "aliases")
        roles = str_list(name, pid, item, "roles")
        forms = require(name, pid, item, "short_forms", dict)
        for text in [canonical, *aliases]:
            if by_name.get(text, pid) != pid:
                fail(name, pid, "aliases", f"{text!r} also names {by_name[text]}")
            by_name[text] = pid
        for form, entries in forms.items():
            if not isinstance(entries, list) or not entries:
                fail(name, pid, "short_forms", f"{form!r} must list the entries it is used in")
            for entry in entries:
                short_forms[form, entry] = pid
        records[pid] = {
            "id": pid,
            "name": canonical,
            "aliases": [*aliases, *sorted(forms)],
            "roles": roles,
        }
    for form, entry in short_forms:
        if form in by_name:
            fail(name, entry, "short_forms", f"{form!r} is already a full name or alias")
    return People(
        records=records,
        by_name=by_name,
        short_forms=short_forms,
        titles=sorted(titles, key=len, reverse=True),
        role_titles={str(k): str(v) for k, v in role_titles.items()},
    )


def mentions(text: str, titles: list[str]) -> list[str]:
    """Names printed after a title, e.g. 'Prime Minister Pham Minh Chinh' -> the name."""
    pattern = re.compile(r"(?<![\w/])(?:" + "|".join(map(re.escape, titles)) + r") (?=\w)")
    found: list[str] = []
    for match in pattern.finditer(text):
        words: list[str] = []
        for token in text[match.end() :].split(" "):
            stripped = token.rstrip(".,;:")
            if not stripped or not stripped[0].isupper():
                break
            words.append(stripped)
            if stripped != token:
                break
        if words:
            found.append(" ".join(words))
    return found


# --------------------------------------------------------------------------------------------
# Travels and visits
# --------------------------------------------------------------------------------------------


@dataclass
class Entry:
    """One ``<trip>`` or ``<visit>`` element."""

    file: str
    key: str
    fields: dict[str, str]
    place_id: str
    place_text: str
    text: str
    who: str | None = None
    role: str | None = None

    @property
    def vietnam(self) -> bool:
        """Whether the entry is a trip to, or a visit from, Vietnam."""
        return self.place_id == VIETNAM

    def field(self, name: str) -> str:
        """A child's text as printed ('' when empty)."""
        return self.fields[name]


def parse_date(file: str, entry: str, field_name: str, text: str) -> dt.date:
    """A YYYY-MM-DD date, else fail."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        fail(file, entry, field_name, f"not a YYYY-MM-DD date: {text!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(file, entry, field_name, f"not a calendar date: {text!r}")


def parse_datetime(file: str, entry: str, field_name: str, text: str) -> dt.datetime:
    """An ISO datetime with an offset, else fail."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        fail(file, entry, field_name, f"not an ISO datetime: {text!r}")
    if value.tzinfo is None:
        fail(file, entry, field_name, f"datetime without an offset: {text!r}")
    return value


def parse_entries(file: str, data: bytes, kind: str) -> list[Entry]:
    """Parse a travels (``kind='trip'``) or visits (``kind='visit'``) file strictly."""
    try:
        root = ET.fromstring(data)  # noqa: S314 - a pinned, checksummed public-domain file
    except ET.ParseError as error:
        fail(file, "-", "-", f"not well-formed XML: {error}")
    expected_root, children = (
        ("trips", TRIP_CHILDREN) if kind == "trip" else ("visits", VISIT_CHILDREN)
    )
    if root.tag != expected_root or root.attrib:
        fail(file, "-", root.tag, f"expected a <{expected_root}> root without attributes")
    entries: list[Entry] = []
    for position, element in enumerate(root, 1):
        label = f"{kind}:{element.findtext('id') or f'#{position}'}"
        if element.tag != kind:
            fail(file, label, element.tag, f"unexpected element <{element.tag}>")
        tags = tuple(child.tag for child in element)
        if tags != children:
            missing = [t for t in children if t not in tags]
            extra = [t for t in tags if t not in children]
            what = f"missing {missing}" if missing else f"unexpected {extra or 'order'}"
            fail(file, label, (missing or extra or ["children"])[0], f"{what}: got {list(tags)}")
        fields: dict[str, str] = {}
        for child in element:
            if len(child):
                fail(file, label, child.tag, "unexpected child elements")
            fields[child.tag] = child.text or ""
        if not re.fullmatch(r"[1-9][0-9]*", fields["id"]):
            fail(file, label, "id", f"not a numeric id: {fields['id']!r}")
        start = parse_date(file, label, "start-date", fields["start-date"])
        end = parse_date(file, label, "end-date", fields["end-date"])
        if end < start:
            fail(file, label, "end-date", "ends before it starts")
        for name in ("created-datetime", "last-modified-datetime"):
            if fields[name] or name == "created-datetime":
                parse_datetime(file, label, name, fields[name])
        place_tag = "country" if kind == "trip" else "from"
        place = element.find(place_tag)
        if place is None or set(place.attrib) != {"id"}:
            fail(file, label, place_tag, "expected exactly an id attribute")
        entry = Entry(
            file=file,
            key=label,
            fields=fields,
            place_id=place.attrib["id"],
            place_text=fields[place_tag],
            text=element_text(element),
        )
        if kind == "trip":
            if set(element.attrib) != {"role", "who"}:
                fail(file, label, "trip", f"expected role and who attributes: {element.attrib}")
            entry.who = element.attrib["who"]
            entry.role = element.attrib["role"]
            if entry.role != fields["role"]:
                fail(file, label, "role", "the attribute and the element disagree")
        elif element.attrib:
            fail(file, label, "visit", f"unexpected attributes {element.attrib}")
        entries.append(entry)
    keys = [e.key for e in entries]
    if len(set(keys)) != len(keys):
        fail(file, "-", "id", "an id is used twice")
    return entries


def role_codes(data: bytes) -> set[str]:
    """The role values defined by ``travel-role-codes.xml``."""
    root = ET.fromstring(data)  # noqa: S314 - a pinned, checksummed public-domain file
    values = {collapse(v.text or "") for v in root.iter("value")}
    if not values:
        fail(ROLE_CODES, "-", "value", "no role codes")
    return values


# --------------------------------------------------------------------------------------------
# Census
# --------------------------------------------------------------------------------------------


def month_end(year: int, month: int) -> str:
    """The last day of a month, ISO."""
    return dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat()


def amount(file: str, entry: str, field_name: str, raw: str) -> str:
    """Millions of dollars as printed -> whole dollars, exactly."""
    try:
        value = Decimal(raw) * MILLION
    except InvalidOperation:
        fail(file, entry, field_name, f"not a number: {raw!r}")
    if not value.is_finite() or value != value.to_integral_value() or value < 0:
        fail(file, entry, field_name, f"not a whole, non-negative dollar amount: {raw!r}")
    return str(int(value))


def array_tokens(file: str, entry: str, line: str, key: str) -> tuple[int, list[str]]:
    """The raw element texts of a JSON array as printed in the line, and where it starts."""
    opening = f'"{key}":['
    start = line.find(opening)
    if start < 0 or line.find(opening, start + 1) >= 0:
        fail(file, entry, key, "array not found exactly once in the line")
    close = line.find("]", start)
    body = line[start + len(opening) : close]
    return start, body.split(",") if body else []


def census_records(files: dict[str, bytes]) -> tuple[list[Record], str]:
    """TradeFigure records from the Census lines; also the last month with data."""
    file = CENSUS_FILE
    text = files[file].decode("utf-8")
    lines = [line for line in text.split("\n") if line]
    records: list[Record] = []
    last_period = ""
    expected_year = CENSUS_FIRST_YEAR
    for index, line in enumerate(lines):
        try:
            row = json.loads(line, parse_float=Decimal)
        except ValueError as error:
            fail(file, f"line {index + 1}", "-", f"not JSON: {error}")
        year = row.get("year") if isinstance(row, dict) else None
        entry = f"year:{year}" if isinstance(year, int) else f"line {index + 1}"
        if not isinstance(row, dict) or tuple(row) != CENSUS_KEYS:
            got = list(row) if isinstance(row, dict) else type(row).__name__
            fail(file, entry, "keys", f"expected {list(CENSUS_KEYS)}, got {got}")
        if not isinstance(year, int) or isinstance(year, bool) or year != expected_year:
            fail(file, entry, "year", f"expected {expected_year}, got {year!r}")
        expected_year += 1
        if row["country_code"] != "VNM":
            fail(file, entry, "country_code", f"expected 'VNM', got {row['country_code']!r}")
        last = index == len(lines) - 1
        months_with_data = {}
        totals: dict[str, Decimal] = {}
        for flow in ("exports", "imports"):
            values = row[flow]
            if not isinstance(values, list) or len(values) != 12:  # noqa: PLR2004 - months
                count = len(values) if isinstance(values, list) else type(values).__name__
                fail(file, entry, flow, f"expected 12 monthly values, got {count}")
            for month, value in enumerate(values, 1):
                ok = value is None or (
                    isinstance(value, (int, Decimal)) and not isinstance(value, bool)
                )
                if not ok:
                    fail(file, entry, f"{flow}[{month}]", f"not a number: {value!r}")
            present = [v for v in values if v is not None]
            if values[: len(present)] != present:
                fail(file, entry, flow, "a null before a value: only trailing months may be null")
            if len(present) < 12 and not last:  # noqa: PLR2004 - months
                fail(file, entry, flow, "null months in a year that is not the last")
            if not present:
                fail(file, entry, flow, "no monthly value")
            months_with_data[flow] = len(present)
            total = row[f"{flow}_year"]
            if not isinstance(total, (int, Decimal)) or isinstance(total, bool):
                fail(file, entry, f"{flow}_year", f"not a number: {total!r}")
            totals[flow] = Decimal(total)
            gap = abs(sum(Decimal(v) for v in present) - totals[flow])
            if gap > CENSUS_TOLERANCE:
                fail(
                    file,
                    entry,
                    f"{flow}_year",
                    f"months sum to {sum(Decimal(v) for v in present)}, the total is "
                    f"{totals[flow]} (tolerance {CENSUS_TOLERANCE})",
                )
        balance = row["balance_year"]
        if not isinstance(balance, (int, Decimal)) or isinstance(balance, bool):
            fail(file, entry, "balance_year", f"not a number: {balance!r}")
        if totals["exports"] - totals["imports"] != Decimal(balance):
            fail(file, entry, "balance_year", "exports_year - imports_year != balance_year")
        if months_with_data["exports"] != months_with_data["imports"]:
            fail(file, entry, "imports", "exports and imports cover different months")
        months = months_with_data["exports"]
        last_period = f"{year}-{months:02d}"
        records.extend(census_year(file, entry, line, year, months))
    if expected_year - 1 < CENSUS_FIRST_YEAR:
        fail(file, "-", "-", "no data lines")
    return records, last_period


def census_year(file: str, entry: str, line: str, year: int, months: int) -> list[Record]:
    """The annual (or partial) and monthly records of one year and both flows."""
    records: list[Record] = []
    for flow, key, name in (("EXPORT", "exports", "exports"), ("IMPORT", "imports", "imports")):
        total_match = re.findall(rf'"{key}_year":({NUMBER.pattern})[,}}]', line)
        if len(total_match) != 1:
            fail(file, entry, f"{key}_year", "total not found exactly once in the line")
        raw_total = total_match[0]
        if months == 12:  # noqa: PLR2004 - months
            rid = f"us-vn-census-{name}-{year}"
            note = None
        else:
            rid = f"us-vn-census-{name}-{year}-01-to-{months:02d}"
            note = (
                f"Partial year: January–{calendar.month_name[months]} {year} only, as published "
                f"(the later months are null in the source)."
            )
        records.append(
            trade_record(
                rid,
                flow=flow,
                start=f"{year}-01-01",
                end=month_end(year, months),
                dollars=amount(file, entry, f"{key}_year", raw_total),
                quote=f'"{key}_year":{raw_total}',
                locator=entry,
                note=note,
            )
        )
        start, tokens = array_tokens(file, entry, line, key)
        offset = start + len(f'"{key}":[')
        for month in range(1, months + 1):
            raw = tokens[month - 1]
            if not NUMBER.fullmatch(raw):
                fail(file, entry, f"{key}[{month}]", f"not a number as printed: {raw!r}")
            offset += len(raw) + (1 if month > 1 else 0)
            quote = line[start:offset]
            records.append(
                trade_record(
                    f"us-vn-census-{name}-{year}-{month:02d}",
                    flow=flow,
                    start=f"{year}-{month:02d}-01",
                    end=month_end(year, month),
                    dollars=amount(file, entry, f"{key}[{month}]", raw),
                    quote=quote,
                    locator=f"{entry}/month:{month:02d}",
                    note=None,
                )
            )
    return records


def trade_record(
    rid: str,
    *,
    flow: str,
    start: str,
    end: str,
    dollars: str,
    quote: str,
    locator: str,
    note: str | None,
) -> Record:
    """One TradeFigure record in the output form."""
    return {
        "id": rid,
        "reporter": "US",
        "partner": "VN",
        "flow": flow,
        "period": {"start": start, "end": end},
        "value": {"amount": dollars, "currency": "USD"},
        "qualifier": "EXACT",
        "share_of_total": None,
        "change_yoy": None,
        "products": [],
        "authority": PUBLISHER_CENSUS,
        "evidence": [{"source": CENSUS_SOURCE, "quote": quote, "locator": locator}],
        "note": note,
    }


# --------------------------------------------------------------------------------------------
# The recognition guide (TEI)
# --------------------------------------------------------------------------------------------


@dataclass
class GuideEntry:
    """One addressable part of the guide: a timeline or appendix div, or a plain section."""

    key: str
    element: ET.Element
    text: str
    head_date: tuple[str, str] | None  # (from, to); equal years for <date when>
    people: list[str] = field(default_factory=list)


def parse_guide(file: str, data: bytes) -> tuple[dict[str, GuideEntry], str, str]:
    """The guide's entries by locator, its complete title and its printed publication year."""
    root = ET.fromstring(data)  # noqa: S314 - a pinned, checksummed public-domain file
    if root.tag != f"{TEI}TEI":
        fail(file, "-", root.tag, "expected a TEI document")
    title_el = root.find(
        f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt/{TEI}title[@type='complete']"
    )
    pub = root.findtext(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}publicationStmt/{TEI}p")
    if title_el is None or pub is None:
        fail(file, "teiHeader", "title", "complete title or publication statement missing")
    year = re.fullmatch(r"Department of State, (\d{4})", collapse(pub))
    if year is None:
        fail(file, "teiHeader", "publicationStmt", f"not understood: {collapse(pub)!r}")
    body = root.find(f"{TEI}text/{TEI}body")
    if body is None:
        fail(file, "text", "body", "missing")
    entries: dict[str, GuideEntry] = {}
    for section in body:
        sid = section.get(XML_ID)
        if section.tag != f"{TEI}div" or section.get("type") != "section" or not sid:
            fail(file, "body", section.tag, "expected <div type='section' xml:id=...>")
        subdivs = [c for c in section if c.tag == f"{TEI}div"]
        allowed = {f"{TEI}head", f"{TEI}div"} if subdivs else {f"{TEI}head", f"{TEI}p"}
        for child in section:
            if child.tag not in allowed:
                fail(file, f"div:{sid}", child.tag, "unexpected element")
        if not subdivs:
            entries[f"div:{sid}"] = guide_entry(file, f"div:{sid}", section, dated=False)
            continue
        counts: dict[str, int] = {}
        for div in subdivs:
            kind = div.get("type") or ""
            if kind not in {"timeline", "appendix"}:
                fail(file, f"div:{sid}", "div", f"unexpected div type {kind!r}")
            counts[kind] = counts.get(kind, 0) + 1
            key = f"div:{sid}/{kind}[{counts[kind]}]"
            entries[key] = guide_entry(file, key, div, dated=kind == "timeline")
    return entries, element_text(title_el), year.group(1)


def guide_entry(file: str, key: str, element: ET.Element, *, dated: bool) -> GuideEntry:
    """Check one guide division and read its head date and the people it names."""
    head = element.find(f"{TEI}head")
    if head is None:
        fail(file, key, "head", "missing")
    head_date: tuple[str, str] | None = None
    if dated:
        dates = head.findall(f"{TEI}date")
        if len(dates) != 1:
            fail(file, key, "head", f"expected one <date>, got {len(dates)}")
        attrib = dates[0].attrib
        if set(attrib) == {"when"}:
            head_date = (attrib["when"], attrib["when"])
        elif set(attrib) == {"from", "to"}:
            head_date = (attrib["from"], attrib["to"])
        else:
            fail(file, key, "date", f"unexpected attributes {attrib}")
        if not all(re.fullmatch(r"\d{4}", y) for y in head_date):
            fail(file, key, "date", f"not a year: {head_date}")
        for child in element:
            if child.tag not in {f"{TEI}head", f"{TEI}p"}:
                fail(file, key, child.tag, "unexpected element in a timeline")
    people = [
        target.removeprefix("/people/")
        for ref in element.iter(f"{TEI}ref")
        if (target := ref.get("target", "")).startswith("/people/")
    ]
    return GuideEntry(key, element, element_text(element), head_date, people)


# --------------------------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------------------------


@dataclass
class Build:
    """Everything read, and the records made so far."""

    files: dict[str, bytes]
    inputs: Path
    data: Path
    people: People = field(init=False)
    entries: dict[str, Entry] = field(default_factory=dict)
    sources: dict[str, Record] = field(default_factory=dict)
    source_of: dict[str, str] = field(default_factory=dict)
    used: dict[str, str] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    corrections: dict[str, list[Record]] = field(default_factory=dict)
    official_for: dict[str, str] = field(default_factory=dict)
    source_ids: set[str] = field(default_factory=set)

    def input(self, name: str) -> Any:
        """One hand-curated input file."""
        return load_json(self.inputs / name)

    def use(self, key: str, how: str, file: str, field_name: str) -> None:
        """Mark an entry as accounted for, once."""
        if key in self.used:
            fail(file, key, field_name, f"already used as {self.used[key]}; cannot also be {how}")
        self.used[key] = how

    def entry(self, key: str, file: str, field_name: str) -> Entry:
        """A trip or visit by key, else fail."""
        if key not in self.entries:
            fail(file, key, field_name, "no such trip or visit in the pinned files")
        return self.entries[key]


def readme_commits(files: dict[str, bytes]) -> dict[str, tuple[str, str]]:
    """Folder -> (repository, commit) from the sources README table."""
    text = files["README.md"].decode("utf-8")
    found = re.findall(r"\| `historyatstate/(\w+)/` \| `([\w./-]+)` @ `([0-9a-f]{40})` \|", text)
    if len(found) != 3:  # noqa: PLR2004 - travels, visits, rdcr
        fail("sources/README.md", "-", "table", f"expected 3 repositories, found {len(found)}")
    return {folder: (repo, commit) for folder, repo, commit in found}


def latest_datetime(file: str, entries: list[Entry]) -> str:
    """The latest created/last-modified datetime in a file, as printed."""
    stamps = [
        (parse_datetime(file, e.key, name, e.field(name)), e.field(name))
        for e in entries
        for name in ("created-datetime", "last-modified-datetime")
        if e.field(name)
    ]
    return max(stamps)[1]


def historian_source(
    build: Build, *, sid: str, file: str, title: str, kind: str, published: str, note: str
) -> None:
    """Register one Office of the Historian Source record."""
    commits = readme_commits(build.files)
    folder = file.split("/")[1]
    repo, commit = commits[folder]
    build.sources[sid] = {
        "id": sid,
        "kind": kind,
        "title": title,
        "publisher": PUBLISHER_HISTORIAN,
        "published": published,
        "inferred": ["published", "title"] if kind == "RECORD_SET" else [],
        "file": file,
        "format": "xml",
        "licence": LICENCE_HISTORIAN,
        "retrieved_from": {
            "repository": repo,
            "path": file.removeprefix(f"historyatstate/{folder}/"),
            "commit": commit,
        },
        "sha256": hashlib.sha256(build.files[file]).hexdigest(),
        "note": note,
    }
    build.source_of[file] = sid


def read_travels_and_visits(build: Build) -> None:
    """Parse every travels and visits file and register its Source."""
    roles = role_codes(build.files[ROLE_CODES])
    for file in sorted(build.files):
        if file.startswith(TRAVELS_DIR) and file.endswith(".xml") and file != ROLE_CODES:
            entries = parse_entries(file, build.files[file], "trip")
            folder_role = file.removeprefix(TRAVELS_DIR).split("-travels/")[0]
            stem = Path(file).stem
            for e in entries:
                if e.role not in roles or e.role != folder_role:
                    fail(file, e.key, "role", f"unexpected role {e.role!r} in this folder")
                if e.who != stem:
                    fail(file, e.key, "who", f"{e.who!r} in the file of {stem!r}")
            names = {e.field("name") for e in entries}
            if len(names) != 1:
                fail(file, "-", "name", f"more than one traveller: {sorted(names)}")
            title = build.people.role_titles.get(folder_role)
            if title is None:
                fail("people.json", "-", "role_titles", f"no title for role {folder_role!r}")
            stamp = latest_datetime(file, entries)
            historian_source(
                build,
                sid=f"hist-travels-{stem}",
                file=file,
                title=f"Foreign travels of the {title}: {names.pop()}",
                kind="RECORD_SET",
                published=stamp[:10],
                note=TRIP_NOTE.format(stamp=stamp),
            )
        elif file.startswith(VISITS_DIR) and file.endswith(".xml"):
            entries = parse_entries(file, build.files[file], "visit")
            years = sorted(e.field("start-date")[:4] for e in entries)
            stamp = latest_datetime(file, entries)
            historian_source(
                build,
                sid=f"hist-visits-{Path(file).stem}",
                file=file,
                title=f"Visits by foreign leaders to the United States, {years[0]}–{years[-1]}",
                kind="RECORD_SET",
                published=stamp[:10],
                note=VISIT_NOTE.format(stamp=stamp),
            )
        else:
            continue
        for e in entries:
            if e.key in build.entries:
                fail(file, e.key, "id", f"also in {build.entries[e.key].file}")
            build.entries[e.key] = e


def build_officials(build: Build) -> list[Record]:
    """The reference list of people."""
    return sorted(build.people.records.values(), key=lambda r: str(r["id"]))


def check_mentions(build: Build) -> None:
    """Every person named in a Vietnam entry maps to people.json; every traveller too."""
    for e in build.entries.values():
        if not e.vietnam:
            continue
        if e.place_text != "Vietnam":
            fail(e.file, e.key, "country", f"id 'vietnam' but text {e.place_text!r}")
        if e.who is not None:
            if e.who not in build.people.records:
                fail(e.file, e.key, "who", f"unknown traveller {e.who!r}: add it to people.json")
            if build.people.resolve(e.field("name"), e.key, e.file, "name") != e.who:
                fail(e.file, e.key, "name", "the name and the who attribute disagree")
        for field_name in ("remarks", "description", "visitor"):
            if field_name in e.fields:
                for name in mentions(collapse(e.field(field_name)), build.people.titles):
                    build.people.resolve(name, e.key, e.file, field_name)


def visitor_of(build: Build, e: Entry) -> tuple[str, str, str]:
    """(title, name as printed, person id) of a visit's visitor."""
    text = collapse(e.field("visitor"))
    for title in build.people.titles:
        if text.startswith(title + " "):
            name = text[len(title) + 1 :]
            return title, name, build.people.resolve(name, e.key, e.file, "visitor")
    fail(e.file, e.key, "visitor", f"no known title in {text!r}: add it to people.json")


def entry_quote(e: Entry) -> str:
    """The quote for a trip or visit: its printed fields, whitespace collapsed."""
    if e.who is not None:
        parts = ["name", "start-date", "end-date", "country", "locale", "remarks"]
    else:
        parts = ["start-date", "end-date", "visitor", "from", "description"]
    quote = collapse(" ".join(e.field(p) for p in parts))
    if quote not in e.text:
        fail(e.file, e.key, "-", "the quote is not in the element's text")
    return quote


def evidence(build: Build, e: Entry, quote: str | None = None) -> Record:
    """One evidence object for an entry."""
    text = entry_quote(e) if quote is None else quote
    if text not in e.text:
        fail(e.file, e.key, "-", f"quote not in the element's text: {text!r}")
    return {"source": build.source_of[e.file], "quote": text, "locator": e.key}


def destinations(e: Entry, locales: Any) -> tuple[list[str], list[str]]:
    """Place codes for a Vietnam entry, and notes on what was not mapped."""
    codes: list[str] = []
    notes: list[str] = []
    if e.who is not None:
        table = require("locales.json", "-", locales, "travels", dict)
        for part in (p.strip() for p in collapse(e.field("locale")).split(",")):
            if part not in table:
                fail(e.file, e.key, "locale", f"unknown locale {part!r}: add it to locales.json")
            place = optional_str("locales.json", part, table[part], "place")
            if place is None:
                reason = require("locales.json", part, table[part], "reason", str)
                notes.append(f"Locale '{part}' is not mapped to a place code: {reason}")
            elif place not in codes:
                codes.append(place)
    else:
        table = require("locales.json", "-", locales, "visits", dict)
        if e.key not in table:
            fail(e.file, e.key, "description", "no places for this visit in locales.json")
        spec = table[e.key]
        printed = optional_str("locales.json", e.key, spec, "printed")
        if printed is not None and printed not in collapse(e.field("description")):
            fail(e.file, e.key, "description", f"locales.json expects {printed!r} in it")
        codes = str_list("locales.json", e.key, spec, "places")
    if not codes:
        fail(e.file, e.key, "locale", "no place code for any locale")
    return codes, notes


def add_note(build: Build, key: str, text: str) -> None:
    """Queue a note for the record (or link) an entry ends up in."""
    build.notes.setdefault(key, []).append(text)


def read_corrections(build: Build) -> list[Record]:
    """Check every listed defect still matches its entry; queue corrections and notes."""
    raw = build.input("corrections.json")
    items = require("corrections.json", "-", raw, "corrections", list)
    for item in items:
        cid = require("corrections.json", "-", item, "id", str)
        where = f"corrections.json: {cid}"
        file = require(where, cid, item, "file", str)
        field_name = require(where, cid, item, "field", str)
        says = optional_str(where, cid, item, "source_says")
        for text_key in ("defect", "decision"):
            require(where, cid, item, text_key, str)
        for key in str_list(where, cid, item, "entries"):
            if key.startswith("div:"):
                continue  # checked with the guide
            e = build.entry(key, where, "entries")
            if file not in {"*", e.file}:
                fail(where, key, "file", f"the entry is in {e.file}")
            if field_name not in e.fields:
                fail(e.file, key, field_name, f"no such field (listed in {where})")
            if says is not None and not printed_in(says, e.field(field_name)):
                fail(
                    e.file,
                    key,
                    field_name,
                    f"the listed defect {says!r} no longer matches ({where})",
                )
            correction = item.get("correction")
            if correction is not None:
                if require(where, cid, correction, "field", str) != "leader.name":
                    fail(where, key, "correction", "only leader.name corrections are supported")
                for sub in ("source_says", "record_says", "reason"):
                    require(where, cid, correction, sub, str)
                if not printed_in(correction["source_says"], e.field(field_name)):
                    fail(e.file, key, field_name, f"correction source_says not found ({where})")
                official = require(where, cid, item, "official", str)
                if official not in build.people.records:
                    fail(where, key, "official", f"unknown person {official!r}")
                build.corrections.setdefault(key, []).append(
                    {**correction, "source": build.source_of[e.file]}
                )
                build.official_for[key] = official
            note = optional_str(where, cid, item, "record_note")
            if note is not None:
                add_note(build, key, note)
    return list(items)


def check_guide_corrections(items: list[Record], guide: dict[str, GuideEntry], file: str) -> None:
    """Defects listed against the guide must still match it."""
    for item in items:
        for key in item["entries"]:
            if not str(key).startswith("div:"):
                continue
            if item["file"] != file or key not in guide:
                fail(f"corrections.json: {item['id']}", key, "entries", "no such guide entry")
            says = item["source_says"]
            if says is not None and says not in guide[key].text:
                fail(file, key, "text", f"the listed defect {says!r} no longer matches")


def leader_of(build: Build, e: Entry) -> Record:
    """The leader of a delegation made from a Vietnam entry."""
    if e.who is not None and e.role is not None:
        return {
            "name": collapse(e.field("name")),
            "title": build.people.role_titles[e.role],
            "official": e.who,
        }
    title, name, pid = visitor_of(build, e)
    leader: Record = {"name": name, "title": title, "official": pid}
    for correction in build.corrections.get(e.key, []):
        if correction["source_says"] != name:
            fail(e.file, e.key, "visitor", f"correction expects {correction['source_says']!r}")
        leader["name"] = correction["record_says"]
        leader["official"] = build.official_for[e.key]
    return leader


def overlap(a: Entry, b: Entry) -> bool:
    """Whether two entries' date ranges overlap."""
    return a.field("start-date") <= b.field("end-date") and b.field("start-date") <= a.field(
        "end-date"
    )


def read_members(build: Build) -> dict[str, list[Entry]]:
    """Secretaries' trips that accompany a President: host key -> member entries."""
    raw = build.input("members.json")
    hosts: dict[str, list[Entry]] = {}
    listed: set[str] = set()
    for item in require("members.json", "-", raw, "members", list):
        key = require("members.json", "-", item, "trip", str)
        where = "members.json"
        member = build.entry(key, where, "trip")
        host = build.entry(require(where, key, item, "host", str), where, "host")
        phrase = require(where, key, item, "phrase", str)
        require(where, key, item, "reason", str)
        if not (member.vietnam and host.vietnam):
            fail(member.file, key, "country", "member and host must both be Vietnam trips")
        if member.role != "secretary" or host.role != "president":
            fail(member.file, key, "role", "a member is a Secretary's trip, the host a President's")
        if phrase not in collapse(member.field("remarks")):
            fail(member.file, key, "remarks", f"the phrase {phrase!r} no longer matches")
        if not overlap(member, host):
            fail(member.file, key, "start-date", f"dates do not overlap {host.key}")
        build.use(key, f"member of {host.key}", member.file, "trip")
        hosts.setdefault(host.key, []).append(member)
        listed.add(key)
        dates_differ = (member.field("start-date"), member.field("end-date")) != (
            host.field("start-date"),
            host.field("end-date"),
        )
        if dates_differ:
            add_note(build, host.key, f"Member {member.field('name')} ({key}): {item['reason']}")
        for note in build.notes.pop(key, []):
            add_note(build, host.key, note)
    presidents = [e for e in build.entries.values() if e.vietnam and e.role == "president"]
    for e in build.entries.values():
        if not e.vietnam or e.role != "secretary" or e.key in listed:
            continue
        if ACCOMPANYING.search(e.field("remarks")) or any(overlap(e, p) for p in presidents):
            fail(
                e.file,
                e.key,
                "remarks",
                "a Secretary's trip that may accompany a President: list it in members.json",
            )
    return hosts


def member_record(build: Build, e: Entry) -> Record:
    """A member of a delegation (the member's own dates stand in the member's evidence)."""
    return leader_of(build, e)


def delegation(build: Build, e: Entry, locales: Any, members: list[Entry]) -> Record:
    """A Delegation record from a Vietnam trip or visit."""
    leader = leader_of(build, e)
    codes, place_notes = destinations(e, locales)
    for note in place_notes:
        add_note(build, e.key, note)
    if e.who is not None:
        rid = f"{e.who}-vietnam-{e.field('start-date')}"
        activity = collapse(e.field("remarks"))
        origin = "US"
    else:
        rid = f"{leader['official']}-united-states-{e.field('start-date')}"
        activity = collapse(e.field("description"))
        origin = "VN"
    notes = build.notes.pop(e.key, [])
    return {
        "id": rid,
        "leader": leader,
        "members": [member_record(build, m) for m in members],
        "origin": origin,
        "destinations": codes,
        "start": e.field("start-date"),
        "end": e.field("end-date"),
        "purpose": None,
        "activities": [activity] if activity else [],
        "status": "HAPPENED",
        "corrections": build.corrections.get(e.key, []),
        "evidence": [evidence(build, e), *(evidence(build, m) for m in members)],
        "note": " ".join(notes) or None,
    }


def article_value(record: Record, path: str) -> tuple[bool, Any]:
    """The value at a dotted path in an article record, if the path exists."""
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return False, None
        value = value[part]
    return True, value


def read_links(
    build: Build,
    guide: dict[str, GuideEntry],
    guide_file: str,
    hosts: dict[str, list[Entry]],
) -> list[Record]:
    """Official entries that describe an article record's event, with their corrections."""
    raw = build.input("links.json")
    where = "links.json"
    article: dict[str, dict[str, Record]] = {}
    for name in ("delegations.json", "milestones.json"):
        content = load_json(build.data / name)
        article[name] = {str(r["id"]): r for r in content["records"]}
    seen: set[tuple[str, str]] = set()
    links: list[Record] = []
    for item in require(where, "-", raw, "links", list):
        rid = require(where, "-", item, "record", str)
        file = require(where, rid, item, "file", str)
        if rid not in article.get(file, {}):
            fail(where, rid, "record", f"no record {rid!r} in {file}")
        seen.add((file, rid))
        ev: list[Record] = []
        members: list[Record] = []
        texts: list[str] = []
        notes: list[str] = []
        for key in str_list(where, rid, item, "entries"):
            e = build.entry(key, where, "entries")
            if not e.vietnam:
                fail(e.file, key, "country", "only Vietnam entries can be linked")
            if build.corrections.get(key):
                fail(e.file, key, "-", "a corrected entry cannot be linked")
            build.use(key, f"link to {rid}", e.file, "entries")
            ev.append(evidence(build, e))
            texts.append(e.text)
            for m in hosts.pop(key, []):
                members.append(member_record(build, m))
                ev.append(evidence(build, m))
                texts.append(m.text)
                notes.extend(build.notes.pop(m.key, []))
            notes.extend(build.notes.pop(key, []))
        for quote_item in require(where, rid, item, "quotes", list):
            key = require(where, rid, quote_item, "entry", str)
            quote = require(where, rid, quote_item, "quote", str)
            if key.startswith("div:"):
                if key not in guide:
                    fail(where, key, "entry", "no such guide entry")
                if quote not in guide[key].text:
                    fail(guide_file, key, "text", f"link quote not found: {quote!r}")
                build.used.setdefault(key, f"link to {rid}")
                ev.append({"source": build.source_of[guide_file], "quote": quote, "locator": key})
                texts.append(guide[key].text)
            else:
                e = build.entry(key, where, "quotes")
                ev.append(evidence(build, e, quote))
                texts.append(e.text)
        official_source = str(ev[0]["source"]) if ev else ""
        corrections: list[Record] = []
        for d in require(where, rid, item, "disagreements", list):
            path = require(where, rid, d, "field", str)
            says = d.get("article_says")
            quotes = [
                e for e in article[file][rid]["evidence"] if e["source"] not in build.source_ids
            ]
            said_in = [e["source"] for e in quotes if says is not None and says in e["quote"]]
            if says is not None and not said_in:
                fail(
                    where, rid, path, f"article_says {says!r} is in no article quote of the record"
                )
            official = require(where, rid, d, "official_says", str)
            if not any(official in t for t in texts):
                fail(where, rid, path, f"official_says {official!r} is in no linked entry")
            follows = require(where, rid, d, "record_follows", str)
            reason = require(where, rid, d, "reason", str)
            if follows == "article":
                record_says = require(where, rid, d, "record_says", str)
                corrections.append(
                    {
                        "field": path,
                        "source": official_source,
                        "source_says": official,
                        "record_says": record_says,
                        "reason": reason,
                    }
                )
            elif follows == "official" and says is not None:
                record_says = require(where, rid, d, "record_says", str)
                corrections.extend(
                    {
                        "field": path,
                        "source": source,
                        "source_says": says,
                        "record_says": record_says,
                        "reason": reason,
                    }
                    for source in dict.fromkeys(said_in)
                )
            elif follows not in {"official", "both"}:
                fail(where, rid, path, "record_follows must be article, official or both")
        require(where, rid, item, "note", str)
        leader = None
        for key in str_list(where, rid, item, "entries")[:1]:
            leader = leader_of(build, build.entry(key, where, "entries"))
        links.append(
            {
                "record": rid,
                "file": file,
                "evidence": ev,
                "members": members,
                "corrections": corrections,
                "official": None if leader is None else leader["official"],
            }
        )
    for item in require(where, "-", raw, "not_linked", list):
        rid = require(where, "-", item, "record", str)
        file = require(where, rid, item, "file", str)
        require(where, rid, item, "reason", str)
        if rid not in article.get(file, {}) or (file, rid) in seen:
            fail(where, rid, "not_linked", "unknown record, or also linked")
        seen.add((file, rid))
    for file, records in article.items():
        for rid in records:
            if (file, rid) not in seen:
                fail(where, rid, "record", f"article record in {file} not reviewed")
    return sorted(links, key=lambda r: str(r["record"]))


def sync_articles(build: Build, links: list[Record]) -> dict[str, list[Record]]:
    """The article files, with each linked record's official evidence, members, corrections.

    A linked record keeps its article evidence and gets the linked entries' evidence after
    it; its members and corrections are the link's; its leader gets the official's id. An
    unlinked record must cite no official source.
    """
    by_record = {(str(link["file"]), str(link["record"])): link for link in links}
    out: dict[str, list[Record]] = {}
    for name in ARTICLE_FILES:
        records = load_json(build.data / name)["records"]
        for record in records:
            rid = str(record["id"])
            link = by_record.get((name, rid))
            own = [e for e in record["evidence"] if e["source"] not in build.source_ids]
            if link is None:
                if len(own) != len(record["evidence"]):
                    fail(name, rid, "evidence", "cites an official source but is not linked")
                continue
            record["evidence"] = own + list(link["evidence"])
            record["corrections"] = list(link["corrections"])
            if name == "delegations.json":
                record["members"] = list(link["members"])
                if link["official"] is not None and record.get("leader"):
                    record["leader"]["official"] = link["official"]
        out[name] = records
    return out


def parse_text_date(key: str, file: str, quote: str, head_year: str, *, from_head: bool) -> str:
    """'on January 28, 1995' -> '1995-01-28' (year from the head when the text has none)."""
    match = re.search(r"(" + "|".join(MONTHS) + r") (\d{1,2})(?:, (\d{4}))?", quote)
    if match is None:
        fail(file, key, "date_in_text", f"no date in {quote!r}")
    month, day, year = match.groups()
    if (year is None) != from_head:
        fail(file, key, "date_in_text", "year_from_head must be true exactly when no year")
    return dt.date(int(year or head_year), MONTHS[month], int(day)).isoformat()


def build_milestones(
    build: Build, guide: dict[str, GuideEntry], file: str
) -> tuple[list[Record], set[str]]:
    """Milestones from the guide as specified in rdcr.json; the codes they use."""
    raw = build.input("rdcr.json")
    where = "rdcr.json"
    if require(where, "-", raw, "file", str) != file:
        fail(where, "-", "file", f"expected {file}")
    for entry in guide.values():
        for pid in entry.people:
            if pid not in build.people.records:
                fail(file, entry.key, "ref", f"unknown person {pid!r}: add it to people.json")
    records: list[Record] = []
    for spec in require(where, "-", raw, "milestones", list):
        mid = require(where, "-", spec, "id", str)
        key = require(where, mid, spec, "entry", str)
        if key not in guide or guide[key].head_date is None:
            fail(where, mid, "entry", f"no dated guide entry {key!r}")
        entry = guide[key]
        head_from, head_to = entry.head_date or ("", "")
        date = require(where, mid, spec, "date", str)
        if not (head_from <= date[:4] <= head_to) or not re.fullmatch(r"\d{4}", date):
            fail(file, key, "date", f"{date!r} is not the printed year {head_from}-{head_to}")
        kind = require(where, mid, spec, "kind", str)
        if kind not in MILESTONE_KINDS:
            fail(where, mid, "kind", f"unknown kind {kind!r}")
        title = require(where, mid, spec, "title", str)
        if title.lower() not in entry.text.lower():
            fail(file, key, "title", f"{title!r} is not printed in the entry")
        quotes = str_list(where, mid, spec, "quotes")
        ev: list[Record] = []
        for quote in quotes:
            if quote not in entry.text:
                fail(file, key, "text", f"quote not found: {quote!r}")
            ev.append({"source": build.source_of[file], "quote": quote, "locator": key})
        detail = spec.get("date_in_text")
        text_date: str | None = None
        text_quote: str | None = None
        if detail is not None:
            text_quote = require(where, mid, detail, "quote", str)
            from_head = require(where, mid, detail, "year_from_head", bool)
            if not any(text_quote in q for q in quotes):
                fail(where, mid, "date_in_text", "its quote must be inside one of the quotes")
            text_date = parse_text_date(key, file, text_quote, date, from_head=from_head)
            if require(where, mid, detail, "value", str) != text_date:
                fail(where, mid, "date_in_text", f"the text says {text_date}")
            if text_date[:4] != date:
                fail(file, key, "date", "the day printed in the text is in another year")
        for extra in require(where, mid, spec, "extra_evidence", list):
            e = build.entry(require(where, mid, extra, "entry", str), where, "extra_evidence")
            ev.append(evidence(build, e, require(where, mid, extra, "quote", str)))
        build.used.setdefault(key, f"milestone {mid}")
        records.append(
            {
                "id": mid,
                "date": text_date or date,
                "kind": kind,
                "title": title,
                "status": "HAPPENED",
                "places": str_list(where, mid, spec, "places"),
                "parties": str_list(where, mid, spec, "parties"),
                "summary": require(where, mid, spec, "summary", str),
                "corrections": [],
                "evidence": ev,
                "note": optional_str(where, mid, spec, "note"),
            }
        )
    codes = {code for r in records for code in r["places"]}
    return records, codes


def apply_skips(build: Build, guide: dict[str, GuideEntry], guide_file: str) -> None:
    """Check every listed skip still matches exactly one unused entry."""
    raw = build.input("skips.json")
    where = "skips.json"
    for item in require(where, "-", raw, "skips", list):
        file = require(where, "-", item, "file", str)
        key = require(where, file, item, "entry", str)
        expect = require(where, key, item, "expect", str)
        require(where, key, item, "reason", str)
        if key.startswith("div:"):
            if file != guide_file or key not in guide:
                fail(file, key, "entry", f"listed skip matches nothing ({where})")
            text = guide[key].text
        else:
            if key not in build.entries or build.entries[key].file != file:
                fail(file, key, "entry", f"listed skip matches nothing ({where})")
            text = build.entries[key].text
        if expect not in text:
            fail(file, key, "text", f"listed skip expects {expect!r}, which no longer matches")
        build.use(key, "skip", file, "entry")


def check_places(build: Build, used: set[str]) -> None:
    """Every place code used is known or proposed; every proposed code is used."""
    known = {str(p["code"]) for p in load_json(build.data / "places.json")["records"]}
    proposed = build.input("places-needed.json")
    needed: dict[str, Record] = {}
    for item in require("places-needed.json", "-", proposed, "records", list):
        code = require("places-needed.json", "-", item, "code", str)
        if not CODE.fullmatch(code) or code in known or code in needed:
            fail("places-needed.json", code, "code", "invalid, already in places.json, or twice")
        for key in ("name", "kind", "basis", "why"):
            require("places-needed.json", code, item, key, str)
        needed[code] = item
    for code, item in needed.items():
        parent = item.get("parent")
        if parent is not None and parent not in known and parent not in needed:
            fail("places-needed.json", code, "parent", f"unknown parent {parent!r}")
    for code in sorted(used):
        if code not in known and code not in needed:
            fail(
                "places-needed.json", code, "code", "used by a record but neither known nor listed"
            )
    for code in needed:
        is_parent = any(other.get("parent") == code for other in needed.values())
        if code not in used and not is_parent:
            fail("places-needed.json", code, "code", "listed but used by no record")


def census_source(build: Build, last_period: str) -> None:
    """The Source record of the Census lines."""
    text = build.files[CENSUS_PROVENANCE].decode("utf-8")
    repo = re.search(r"public GitHub repository\s+`([\w./-]+)`", text)
    heading = re.match(r"# (.+?): `vnm_rows\.jsonl`", text)
    rows = re.findall(r"^\| (\d{4}) \| `([^`]+)` \| `([0-9a-f]{40})` \|", text, re.MULTILINE)
    if repo is None or heading is None or not rows:
        fail(CENSUS_PROVENANCE, "-", "-", "repository, title or file table not understood")
    years = range(CENSUS_FIRST_YEAR, int(last_period[:4]) + 1)
    by_year = {int(y): (path, commit) for y, path, commit in rows}
    for year in years:
        if year not in by_year:
            fail(CENSUS_PROVENANCE, f"year:{year}", "table", "no row for a year with data")
    commits = [by_year[y][1] for y in years]
    main = max(sorted(set(commits)), key=commits.count)
    folder = {str(Path(by_year[y][0]).parent) for y in years}
    if len(folder) != 1:
        fail(CENSUS_PROVENANCE, "-", "table", f"files in several folders: {sorted(folder)}")
    other = [f"{y} ({by_year[y][1]})" for y in years if by_year[y][1] != main]
    build.sources[CENSUS_SOURCE] = {
        "id": CENSUS_SOURCE,
        "kind": "STATISTICAL_TABLE",
        "title": heading.group(1),
        "publisher": PUBLISHER_CENSUS,
        "published": last_period,
        "inferred": ["published", "title"],
        "file": CENSUS_FILE,
        "format": "jsonl",
        "licence": LICENCE_CENSUS,
        "retrieved_from": {
            "repository": repo.group(1),
            "path": folder.pop(),
            "commit": main,
            "files": [{"path": by_year[y][0], "commit": by_year[y][1]} for y in years],
        },
        "sha256": hashlib.sha256(build.files[CENSUS_FILE]).hexdigest(),
        "note": (
            "U.S. exports to and general imports from Vietnam (Census country code 5520), "
            "millions of U.S. dollars, not seasonally adjusted; one JSON line per year. The file "
            "prints no title: the title is the heading of PROVENANCE.md beside it. published is "
            f"the last month with data ({last_period}). retrieved_from.path is the folder of the "
            "per-year files and commit the commit of most of them; files gives each year's file "
            f"and commit (other commits: {', '.join(other) or 'none'}). Quote conventions: an "
            'annual figure quotes "exports_year":<value> or "imports_year":<value>; a monthly '
            "figure quotes the verbatim prefix of the month array up to and including that "
            'month\'s element (e.g. "exports":[0.4,0.6,2.3 for March), so the value is the '
            "quote's last number. Locators: year:<YYYY> or year:<YYYY>/month:<MM>. Amounts are "
            "converted to dollars exactly (×1,000,000). Monthly values add up to the year "
            "totals within 0.2 (rounding); exports_year - imports_year = balance_year is checked "
            "exactly. Balances are not recorded (derived). The last year is partial: its totals "
            "cover only the months with data."
        ),
    }
    build.source_of[CENSUS_FILE] = CENSUS_SOURCE


def build_all(sources: Path, inputs: Path, data: Path) -> dict[str, str | bytes]:
    """Read and check everything; return the rendered outputs by file name."""
    files = verify_checksums(sources)
    for required in (CENSUS_FILE, CENSUS_PROVENANCE, ROLE_CODES, "README.md"):
        if required not in files:
            fail("sources/SHA256SUMS", "-", required, "required file not listed")
    guide_files = [f for f in files if f.startswith("historyatstate/rdcr/") and f.endswith(".xml")]
    if len(guide_files) != 1:
        fail("sources/SHA256SUMS", "-", "rdcr", f"expected one guide file, got {guide_files}")
    guide_file = guide_files[0]
    build = Build(files=files, inputs=inputs, data=data)
    build.people = load_people(inputs / "people.json")

    trade, last_period = census_records(files)
    census_source(build, last_period)
    read_travels_and_visits(build)
    guide, guide_title, guide_year = parse_guide(guide_file, files[guide_file])
    historian_source(
        build,
        sid="hist-rdcr-vietnam",
        file=guide_file,
        title=guide_title,
        kind="REFERENCE_GUIDE",
        published=guide_year,
        note=GUIDE_NOTE.format(year=guide_year),
    )
    check_mentions(build)
    corrections = read_corrections(build)
    check_guide_corrections(corrections, guide, guide_file)
    locales = build.input("locales.json")
    for e in build.entries.values():
        if e.vietnam:
            destinations(e, locales)  # every Vietnam entry's places, also of members and links
    hosts = read_members(build)
    apply_skips(build, guide, guide_file)
    milestones, milestone_codes = build_milestones(build, guide, guide_file)
    build.source_ids = set(build.sources)
    links = read_links(build, guide, guide_file, hosts)
    delegations: list[Record] = []
    for key in sorted(build.entries, key=lambda k: (k.split(":")[0], int(k.split(":")[1]))):
        e = build.entries[key]
        if e.vietnam and key not in build.used:
            build.use(key, "record", e.file, "id")
            delegations.append(delegation(build, e, locales, hosts.pop(key, [])))
        elif not e.vietnam and MENTIONS_VIETNAM.search(e.text) and key not in build.used:
            fail(e.file, key, "text", "mentions Vietnam but is not a Vietnam entry: list it")
    for key in guide:
        if key not in build.used:
            fail(guide_file, key, "entry", "not used by any milestone, link or skip")
    if build.notes:
        fail("corrections.json", min(build.notes), "record_note", "note for no record")
    ids = [str(r["id"]) for r in [*delegations, *milestones]]
    if len(ids) != len(set(ids)):
        fail("-", "-", "id", "a record id is used twice")
    used_codes = milestone_codes | {
        code for r in delegations for code in [r["origin"], *r["destinations"]]
    }
    check_places(build, used_codes)
    cited = {ev["source"] for r in [*trade, *delegations, *milestones] for ev in r["evidence"]}
    cited |= {ev["source"] for r in links for ev in r["evidence"]}
    sources_out = [build.sources[s] for s in sorted(cited)]
    outputs = {
        "sources.official.json": sources_out,
        "trade.census.json": trade,
        "delegations.official.json": delegations,
        "milestones.official.json": milestones,
        "officials.json": build_officials(build),
        **sync_articles(build, links),
    }
    outputs["parts.json"] = manifest(outputs)
    rendered = {name: render(records) for name, records in outputs.items()}
    # The cited files travel with the data (a loader checks every quote against them), each
    # beside its licence and provenance.
    keep = {str(source["file"]) for source in sources_out}
    keep |= {
        name
        for name in files
        if name.endswith(("LICENSE.md", "PROVENANCE.md"))
        and any(cited.startswith(name.rsplit("/", 1)[0]) for cited in keep)
    }
    copies = {f"sources/{name}": files[name] for name in sorted(keep)}
    return {**rendered, **copies}


def manifest(outputs: dict[str, list[Record]]) -> list[Record]:
    """parts.json: each part's table and the place codes of each place field in it."""
    entries: list[Record] = []
    for part, (table, fields) in PARTS.items():
        places: dict[str, list[str]] = {}
        for field_name in fields:
            codes: set[str] = set()
            for record in outputs[part]:
                value = record[field_name]
                codes.update(value if isinstance(value, list) else [value])
            places[field_name] = sorted(codes)
        entries.append({"id": part, "file": part, "table": table, "places": places})
    return entries


def render(records: list[Record]) -> str:
    """The byte-stable JSON text of one output file."""
    key = "record" if records and "record" in records[0] else "id"
    ordered = sorted(records, key=lambda r: str(r[key]))
    return (
        json.dumps({"format": 1, "records": ordered}, sort_keys=True, indent=2, ensure_ascii=False)
        + "\n"
    )


def summarize(name: str, old: str, new: str) -> str:
    """A one-line summary of how a committed output differs from the built one."""
    try:
        before = {str(r.get("id", r.get("record"))): r for r in json.loads(old).get("records", [])}
    except (ValueError, AttributeError):
        return f"{name}: not valid output JSON"
    after = {str(r.get("id", r.get("record"))): r for r in json.loads(new)["records"]}
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(k for k in set(before) & set(after) if before[k] != after[k])
    parts = [f"{len(added)} added", f"{len(removed)} removed", f"{len(changed)} changed"]
    sample = [*added[:3], *removed[:3], *changed[:3]]
    detail = f" (e.g. {', '.join(sample)})" if sample else " (formatting only)"
    return f"{name}: differs: {', '.join(parts)}{detail}"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="pinned files")
    parser.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS, help="curated inputs")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="article records")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: --data)")
    args = parser.parse_args(argv)
    out: Path = args.out or args.data
    try:
        outputs = build_all(args.sources, args.inputs, args.data)
    except BuildError as error:
        print(f"build_official: error: {error}", file=sys.stderr)
        return 2
    if args.check:
        problems = []
        for name, content in outputs.items():
            path = out / name
            if not path.is_file():
                problems.append(f"{name}: missing")
            elif isinstance(content, bytes):
                if path.read_bytes() != content:
                    problems.append(f"{name}: differs from the pinned file")
            elif (old := path.read_text(encoding="utf-8")) != content:
                problems.append(summarize(name, old, content))
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    out.mkdir(parents=True, exist_ok=True)
    for name, content in outputs.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")
            print(f"{name}: {len(json.loads(content)['records'])} records")
    return 0


if __name__ == "__main__":
    sys.exit(main())

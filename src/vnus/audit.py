"""The coverage audit: every number in the seed articles is accounted for.

The audit finds each numeric mention in the seed texts — money in every form the articles use
(``USD278.43 million``, ``US$3.4 billion``, ``$55 million``, ``US3 billion``,
``USD93,96 million``), percentages, counts, ordinal ranks (``11th``, ``seventh-largest``,
``largest``), multiples (``275-fold``), number words (``four key sectors``, ``two-year``,
``the third consecutive year``), years and dates (``June 25``, ``July 1995``, never read as
``July 19`` and ``95``) — and reports each as *covered*, *excluded* (``exclusions.json`` lists
it, with a reason) or *uncovered*. A mention is covered only by a record that quotes it *and*
holds its value in a field: a number field, a date or period (its year, month and day), or
the ``source_says`` of a correction; quoting the sentence alone covers nothing. It also checks
the other way: every number a record carries appears in one of its own quotes.

>>> from vnus import audit
>>> report = audit.run()
>>> report.uncovered, report.unsupported
((), ())
>>> report.summary()  # doctest: +ELLIPSIS
'... mentions: ... covered, ... excluded, 0 uncovered; 0 record numbers missing from quotes'
"""

from __future__ import annotations

import bisect
import heapq
import os
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar, cast

import attrs

from vnus._parse import describe as _describe
from vnus._spec import numbers
from vnus.errors import DataError, DataProblem, InvalidQueryError, QueryTypeError
from vnus.records import Record, RecordBase
from vnus.types import Correction, PartialDate, Period, Source

if TYPE_CHECKING:
    import datetime as dt
    from importlib.resources.abc import Traversable

    from vnus._load import RawData

__all__ = [
    "AuditReport",
    "Exclusion",
    "Held",
    "Mention",
    "Unsupported",
    "dateline",
    "find_mentions",
    "held_values",
    "quote_values",
    "record_numbers",
    "run",
    "seed_text",
]


def __dir__() -> list[str]:
    return list(__all__)


T = TypeVar("T")


_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_WORD_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)

_MENTION = re.compile(
    rf"""
    (?=[0-9$UJFMASONDETefnst])  # the first character of every alternative: a fast skip
    (?:
    (?P<money>(?:US\$|USD|US(?=\d)|\$)\s?\d[\d,]*(?:\.\d+)?(?:\s(?:thousand|million|billion|trillion))?)
  | (?P<date>\d{{1,2}}/\d{{1,2}}/\d{{4}}(?:\s\d{{1,2}}:\d{{2}})?
      | \b\d{{1,2}}\s(?:{_MONTHS})\b(?:\s\d{{4}}(?!\d))?
      | \b(?:{_MONTHS})\s\d{{4}}(?!\d)
      | \b(?:{_MONTHS})\.?\s\d{{1,2}}(?!\d)(?:,\s\d{{4}})?(?:\s?-\s?\d{{1,2}}(?!\d))?
      | \d{{1,2}}:\d{{2}})
  | (?P<percent>\d+(?:\.\d+)?\s?%)
  | (?P<ordinal>\d+(?:st|nd|rd|th)\b
      | \b(?i:{"|".join(_WORD_ORDINALS)})-largest\b)
  | (?P<multiple>\d+-fold)
  | (?P<number>\d[\d,]*(?:\.\d+)?)
    )
    """,
    re.VERBOSE | re.ASCII,
)
_WORDS = re.compile(
    r"(?=[efilnostEFILNOST])\b(?:(?P<ordinal>"
    + "|".join(_WORD_ORDINALS)
    + r")|(?P<cardinal>"
    + "|".join(_WORD_NUMBERS)
    # "largest" alone is first; after "seventh-" or "11th " it is part of that rank
    + r")|(?P<largest>(?<!-)(?<![0-9](?:st|nd|rd|th) )largest))\b",
    re.IGNORECASE,
)


@attrs.frozen
class Mention:
    """One numeric mention in a seed text: where it stands, what kind, what value.

    >>> find_mentions("seed.txt", "up 3.3%")[0]
    Mention(seed='seed.txt', start=3, end=7, text='3.3%', kind='percent', value=Decimal('3.3'))
    """

    seed: str
    start: int
    end: int
    text: str
    kind: str
    value: Decimal | None


@attrs.frozen
class Exclusion:
    """A numeric mention that is page furniture, not data: ``text`` stands in ``seed``.

    >>> Exclusion("004.txt", "View count: 9", "page counter").reason
    'page counter'
    """

    seed: str
    text: str
    reason: str


@attrs.frozen
class Unsupported:
    """A number a record carries that none of its quotes states.

    >>> Unsupported("some-record", "value", Decimal("5")).field
    'value'
    """

    record: str
    field: str
    value: Decimal


def _number(text: str) -> Decimal:
    """Parse ``1,340`` (thousands), ``93,96`` (a decimal comma) and ``3.4``."""
    if re.fullmatch(r"\d+,\d{1,2}", text):  # a comma used as the decimal mark
        return Decimal(text.replace(",", "."))
    return Decimal(text.replace(",", ""))


def _value(kind: str, text: str) -> Decimal | None:
    if kind == "money":
        match = re.search(r"(\d[\d,]*(?:\.\d+)?)(?:\s(\w+))?$", text)
        assert match is not None  # noqa: S101 -- the pattern guarantees digits
        amount = _number(match.group(1))
        return amount * _SCALE.get((match.group(2) or "").lower(), 1)
    if kind == "percent":
        return Decimal(text.rstrip("%").strip())
    if kind == "ordinal":
        head = text.split("-", maxsplit=1)[0].lower()
        return Decimal(_WORD_ORDINALS[head] if head in _WORD_ORDINALS else int(head[:-2]))
    if kind == "multiple":
        return Decimal(text.split("-", maxsplit=1)[0])
    if kind == "number":
        return _number(text)
    return None


def find_mentions(seed: str, text: str) -> tuple[Mention, ...]:
    """Return every numeric mention in *text*, in order: digits, then number words.

    A number word (``four``, ``two-year``, ``third``, a bare ``largest``) is a mention of
    kind ``number`` or ``ordinal`` unless it stands inside a mention found in digits.

    Args:
        seed: The seed's file name, kept in each mention.
        text: The article's text.

    Returns:
        Each :class:`Mention` of a number (money, percent, count, ordinal, year ...),
        in the order of the text.

    >>> [(m.kind, str(m.value)) for m in find_mentions("s", "USD93,96 million, 17.9%, 11th")]
    [('money', '93960000.00'), ('percent', '17.9'), ('ordinal', '11')]
    >>> [(m.text, m.kind, str(m.value)) for m in find_mentions("s", "four key sectors, one-year")]
    [('four', 'number', '4'), ('one', 'number', '1')]
    >>> [m.text for m in find_mentions("s", "normalized in July 1995 and in July 2013")]
    ['July 1995', 'July 2013']
    """
    found = []
    for match in _MENTION.finditer(text):
        kind = match.lastgroup or "number"
        found.append(
            Mention(
                seed, match.start(), match.end(), match.group(), kind, _value(kind, match.group())
            )
        )
    starts = [m.start for m in found]  # in order, not overlapping
    words = []
    for match in _WORDS.finditer(text):
        start, end = match.span()
        before = bisect.bisect_right(starts, start) - 1
        if before >= 0 and found[before].end > start:
            continue  # part of a mention in digits ("seventh-largest")
        if before + 1 < len(found) and found[before + 1].start < end:
            continue
        kind = "number" if match.lastgroup == "cardinal" else "ordinal"
        words.append(Mention(seed, start, end, match.group(), kind, _word_value(match)))
    if not words:
        return tuple(found)
    return tuple(heapq.merge(found, words, key=lambda m: m.start))


def _word_value(match: re.Match[str]) -> Decimal:
    """The value of a number word matched by ``_WORDS`` ("largest" alone is first)."""
    word = match.group().lower()
    if match.lastgroup == "ordinal":
        return Decimal(_WORD_ORDINALS[word])
    if match.lastgroup == "cardinal":
        return Decimal(_WORD_NUMBERS[word])
    return Decimal(1)


_DAY_MONTH = re.compile(
    rf"(?P<month>{_MONTHS})\.?\s(?P<day>\d{{1,2}})(?:,\s(?P<year>\d{{4}}))?(?:\s?-\s?(?P<to>\d{{1,2}}))?$"
)
_MONTH_YEAR = re.compile(rf"(?P<month>{_MONTHS})\s(?P<year>\d{{4}})$")
_DAY_FIRST = re.compile(rf"(?P<day>\d{{1,2}})\s(?P<month>{_MONTHS})(?:\s(?P<year>\d{{4}}))?$")
_MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
            ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
            ("September", "Sep", "Sept"), ("October", "Oct"), ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip

#: A day as the audit compares it: (year, month, day), each None where not stated.
Day = tuple[int | None, int | None, int | None]


def _date_days(text: str) -> tuple[Day, ...]:
    """The days a date mention names: ``June 25``, ``July 1995``, ``September 10 -11``.

    Time stamps and numeric datelines name none (they are excluded, not matched).

    >>> _date_days("3 May 2024"), _date_days("September 10 -11")
    (((2024, 5, 3),), ((None, 9, 10), (None, 9, 11)))
    """
    match = _MONTH_YEAR.fullmatch(text)
    if match is not None:
        return ((int(match["year"]), _MONTH_NUMBERS[match["month"]], None),)
    match = _DAY_FIRST.fullmatch(text)
    if match is not None:
        year = None if match["year"] is None else int(match["year"])
        return ((year, _MONTH_NUMBERS[match["month"]], int(match["day"])),)
    match = _DAY_MONTH.fullmatch(text)
    if match is None:
        return ()
    month = _MONTH_NUMBERS[match["month"]]
    year = None if match["year"] is None else int(match["year"])
    days = [int(match["day"])] + ([] if match["to"] is None else [int(match["to"])])
    return tuple((year, month, day) for day in days)


@attrs.frozen
class Held:
    """What a record holds in its fields, for the audit to match mentions against.

    ``numbers``: every number field's magnitude and the year of every date or period (and
    the year before, for a record with a ``change_yoy``, whose change is on that year);
    ``days``: every date or period end as (year, month, day), None where not known. A
    correction's ``source_says`` adds what it states.
    """

    numbers: frozenset[Decimal]
    days: frozenset[Day]

    def holds(self, mention: Mention) -> bool:
        """Whether a field holds the mention's value (every day a date mention names)."""
        if mention.kind != "date":
            return mention.value is not None and mention.value in self.numbers
        wanted = _date_days(mention.text)
        return bool(wanted) and all(
            any(_same_day(want, have) for have in self.days) for want in wanted
        )


def _same_day(want: Day, have: Day) -> bool:
    """Whether a held day agrees with every part a mention states (and states them all)."""
    return all(w is None or w == h for w, h in zip(want, have, strict=True))


def _times(value: object) -> Iterator[object]:
    """Every PartialDate, Period and Correction inside a record, depth first."""
    if isinstance(value, PartialDate | Period | Correction):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _times(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(value))):
            yield from _times(getattr(value, field.name))


def held_values(record: Record) -> Held:
    """Everything *record* holds in its fields that a mention may be matched against.

    Args:
        record: A record of any record type.

    Returns:
        The :class:`Held` numbers (every number field, the years of its dates, and what a
        correction says the source printed) and days (year, month, day; None where unknown).

    Raises:
        QueryTypeError: *record* is not a record (an instance of a record type).

    >>> import vnus
    >>> held = held_values(vnus.milestones(kind="normalization", place="VN")[1])
    >>> sorted(held.numbers), sorted(held.days)
    ([Decimal('1995')], [(1995, 7, None), (1995, 8, 5)])
    """
    if not isinstance(record, RecordBase):
        msg = f"record must be a record (a TradeFigure, a Milestone, ...), got {_describe(record)}"
        raise QueryTypeError(msg)
    numbers = {value for _, value in record_numbers(record)}
    days: set[Day] = set()
    for item in _times(record):
        if isinstance(item, PartialDate):
            days.add((item.year, item.month, item.day))
        elif isinstance(item, Period):
            days.update((d.year, d.month, d.day) for d in (item.start, item.end))
        elif isinstance(item, Correction):
            for mention in find_mentions("", item.source_says):
                if mention.kind == "date":
                    days.update(_date_days(mention.text))
                elif mention.value is not None:
                    numbers.add(mention.value)
    years = {year for year, _, _ in days if year is not None}
    if getattr(record, "change_yoy", None) is not None:
        years |= {year - 1 for year in years}  # the change is on the year before
    numbers.update(Decimal(year) for year in years)
    return Held(frozenset(numbers), frozenset(days))


def quote_values(quote: str) -> frozenset[Decimal]:
    """Every number a quote states, digits and words alike ("two" is 2, "largest" is 1).

    Args:
        quote: A quote of a record's evidence.

    Returns:
        The numbers the quote states, as Decimals.

    >>> sorted(quote_values("the seventh-largest of two, up 3.3%"))
    [Decimal('2'), Decimal('3.3'), Decimal('7')]
    """
    return frozenset(m.value for m in find_mentions("", quote) if m.value is not None)


def record_numbers(record: Record) -> Iterator[tuple[str, Decimal]]:
    """Yield ``(field, value)`` for every number a record carries (its magnitude).

    The record type declares which fields these are (see :mod:`vnus._spec`).

    Args:
        record: Any record.

    Returns:
        An iterator of ``(field, value)`` pairs, the value as its magnitude.

    >>> import vnus
    >>> dict(record_numbers(vnus.trade_with_us("Hanoi", 2021).exports))
    {'value': Decimal('3400000000'), 'share_of_total': Decimal('21.5'),
     'change_yoy': Decimal('25.9')}
    """
    return numbers(record)


_DATELINE = re.compile(
    r"\d{1,2}/\d{1,2}/\d{4}\s(?:\|\s)?\d{1,2}:\d{2}(?:\s?[AP]M)?"
    rf"|(?:{_MONTHS})\s\d{{1,2}},\s\d{{4}}\s/\s\d{{1,2}}:\d{{2}}",
    re.ASCII,
)


def dateline(text: str) -> dt.datetime | None:
    """Parse the publication date and time an article prints, with python-dateutil.

    Args:
        text: An article's text, or its first lines.

    Returns:
        The date and time the article prints, or None when it prints none that is valid.

    >>> dateline("Tuesday, 14/07/2020 08:46")
    datetime.datetime(2020, 7, 14, 8, 46)
    >>> dateline("Oct 29, 2022 / 22:36")
    datetime.datetime(2022, 10, 29, 22, 36)
    >>> dateline("Ngày đăng 23/09/2024 | 12:43 PM")
    datetime.datetime(2024, 9, 23, 12, 43)
    >>> dateline("no date here") is None
    True
    >>> dateline("31/02/2020 10:00") is None
    True
    """
    from dateutil import parser  # noqa: PLC0415 -- only the audit reads prose dates

    match = _DATELINE.search(text)
    if match is None:
        return None
    cleaned = match.group().replace(" | ", " ").replace(" / ", " ")
    try:
        return parser.parse(cleaned, dayfirst=True)
    except (ValueError, OverflowError):  # date-shaped but impossible, e.g. 31/02/2020
        return None


@attrs.frozen
class AuditReport:
    """What the audit found: each mention with what covers it, and unsupported numbers.

    >>> report = run()
    >>> report.ok, len(report.uncovered)
    (True, 0)
    """

    covered: tuple[tuple[Mention, tuple[str, ...]], ...]
    excluded: tuple[tuple[Mention, Exclusion], ...]
    uncovered: tuple[Mention, ...]
    unsupported: tuple[Unsupported, ...]
    unused_exclusions: tuple[Exclusion, ...]
    #: Exclusions whose text stands in the seed but that exclude no mention: each mention in
    #: it is covered by a record (or by an earlier exclusion), so the exclusion is stale.
    idle_exclusions: tuple[Exclusion, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every mention, record number and exclusion is accounted for."""
        return not (
            self.uncovered or self.unsupported or self.unused_exclusions or self.idle_exclusions
        )

    def summary(self) -> str:
        """One line of counts.

        Returns:
            One line of counts: mentions covered, excluded and uncovered, record numbers
            missing from their quotes.
        """
        total = len(self.covered) + len(self.excluded) + len(self.uncovered)
        return (
            f"{total} {'mention' if total == 1 else 'mentions'}: {len(self.covered)} covered, "
            f"{len(self.excluded)} excluded, "
            f"{len(self.uncovered)} uncovered; "
            f"{len(self.unsupported)} record numbers missing from quotes"
        )

    def lines(self) -> list[str]:
        """A readable report: the summary, then every problem, one per line.

        Returns:
            The summary, then every problem, one per line.
        """
        out = [self.summary()]
        out += [f"uncovered: {m.seed}:{m.start}: {m.text!r} ({m.kind})" for m in self.uncovered]
        out += [
            f"unsupported: {u.record}.{u.field} = {u.value} is in none of its quotes"
            for u in self.unsupported
        ]
        out += [
            f"unused exclusion: {e.seed!r}: {e.text!r} stands nowhere in the seed"
            for e in self.unused_exclusions
        ]
        out += [
            f"idle exclusion: {e.seed!r}: {e.text!r} excludes no mention (all are covered)"
            for e in self.idle_exclusions
        ]
        return out


def _read_exclusions(
    directory: Traversable | str | os.PathLike[str], where: str, max_file_bytes: int | None
) -> tuple[Exclusion, ...]:
    """Read ``exclusions.json`` with the loader's safeguards (links, size, depth, keys)."""
    from vnus._convert import error_lines, structure  # noqa: PLC0415
    from vnus._load import _Problems, _read_records, _Reader  # noqa: PLC0415

    problems = _Problems()
    with _Reader.open(directory, where, max_file_bytes) as reader:
        raw = _read_records(reader, "exclusions.json", problems, required=False, key=None)
    result = []
    for index, item in enumerate(raw or []):
        try:
            result.append(structure(item, Exclusion))
        except Exception as exc:  # noqa: BLE001 -- every failure becomes a problem
            for path, message in error_lines(exc):
                problems.append(
                    DataProblem("exclusions.json", f"records[{index}]", path or None, message)
                )
    if problems:
        raise DataError(problems.listed())
    return tuple(result)


def seed_text(source: Source) -> str:
    """Return the bundled text of a source's seed article.

    The seed name must be a plain file name in ``seeds/``, as the loader requires.

    Args:
        source: An article :class:`~vnus.Source` with a seed.

    Returns:
        The article's text, as the seed file holds it.

    Raises:
        InvalidQueryError: *source* is not a Source, has no seed, or names its seed
            with a path.

    >>> import vnus
    >>> seed_text(vnus.source("hanoitimes-2022-10-29")).count("Hanoi") > 5
    True
    """
    from vnus._load import _Reader, bundled_directory, seed_name_problem  # noqa: PLC0415

    given: object = source  # checked at run time: callers may pass anything
    if not isinstance(given, Source):
        msg = f"source must be a vnus.types.Source, got {_describe(given)}"
        raise InvalidQueryError(msg)
    if given.seed is None:
        msg = f"source must be an article with a seed, got the {given.kind.value} {given.id!r}"
        raise InvalidQueryError(msg)
    why = seed_name_problem(given.seed)
    if why is not None:
        msg = f"source: seed {why}"
        raise InvalidQueryError(msg)
    where = "vnus/data"
    with _Reader.open(bundled_directory(), where) as reader:
        problems: list[DataProblem] = []
        from vnus._load import _read_bytes  # noqa: PLC0415

        data = _read_bytes(reader, f"seeds/{given.seed}", problems, required=True)
    if not isinstance(data, bytes):
        raise DataError([attrs.evolve(p, file=f"{where}/{p.file}") for p in problems])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problem = DataProblem(
            f"{where}/seeds/{given.seed}", None, None, f"is not valid UTF-8 (byte {exc.start})"
        )
        raise DataError([problem]) from None


def _check_directory(directory: object) -> None:
    if directory is None or isinstance(directory, str | os.PathLike):
        return
    if all(hasattr(directory, name) for name in ("is_dir", "is_file", "__truediv__", "open")):
        return  # a Traversable
    msg = (
        "directory must be a str, an os.PathLike or a Traversable naming a data directory, "
        f"got {_describe(directory)}"
    )
    raise InvalidQueryError(msg)


def _covering(
    mentions: tuple[Mention, ...], spans: list[tuple[int, int, int, T]]
) -> Iterator[list[tuple[int, T]]]:
    """For each mention in order, the ``(order, item)`` of every span that contains it.

    *spans* are ``(start, end, order, item)``. One sweep: spans enter when they start at or
    before the mention, and leave for good once they end before it (mentions are in order
    and do not overlap, so their ends only grow); every span left then contains the mention.
    """
    spans = sorted(spans, key=lambda span: (span[0], span[2]))
    ends: list[tuple[int, int]] = []  # (end, span number), a heap
    active: dict[int, tuple[int, T]] = {}
    position = 0
    for mention in mentions:
        while position < len(spans) and spans[position][0] <= mention.start:
            _, end, order, item = spans[position]
            heapq.heappush(ends, (end, position))
            active[position] = (order, item)
            position += 1
        while ends and ends[0][0] < mention.end:
            del active[heapq.heappop(ends)[1]]
        yield list(active.values())


def _base(directory: object, with_bundled: object) -> RawData | None:
    """The bundled data to load a directory with, or ``None``; checks *with_bundled*."""
    if type(with_bundled) is not bool:
        msg = f"with_bundled must be True or False, got {_describe(with_bundled)}"
        raise InvalidQueryError(msg)
    if not with_bundled:
        return None
    if directory is None:
        msg = "directory is required with with_bundled=True: a directory of your own to audit"
        raise InvalidQueryError(msg)
    from vnus._extend import bundled_raw  # noqa: PLC0415 -- only with the bundled data

    return bundled_raw()


def run(  # noqa: C901, PLR0912, PLR0915 -- one pass: spans, exclusions, then every mention
    directory: Traversable | str | os.PathLike[str] | None = None,
    *,
    max_file_bytes: int | None = None,
    with_bundled: bool = False,
) -> AuditReport:
    """Audit a data directory (the bundled one by default) against its seeds.

    Loads the directory as :meth:`vnus.Dataset.from_directory` does, so a directory that does
    not load raises :class:`~vnus.errors.DataError` instead; ``exclusions.json`` is read with
    the same safeguards. *max_file_bytes* caps the size of each file read. With
    ``with_bundled=True`` the directory is loaded with the bundled data, as
    ``Dataset.from_directory(directory, with_bundled=True)`` does, and only its own seeds are
    audited (a number a record carries may stand in a quote from a bundled article).

    Args:
        directory: A data directory (a path, a str, or an importlib resources folder);
            None, the default, for the bundled data.
        max_file_bytes: The largest file to read, in bytes; None for 64 MiB.
        with_bundled: True to load *directory* with the bundled data and audit only its own
            seeds; False, the default, to audit *directory* alone.

    Returns:
        The :class:`AuditReport`: covered, excluded and uncovered mentions, and the record
        numbers no quote states.

    Raises:
        DataError: The directory does not load, or its ``exclusions.json`` is malformed.
        InvalidQueryError: *directory* or *max_file_bytes* has the wrong type or value.

    >>> covered = run().covered
    >>> mention, records = covered[0]
    >>> mention.seed, mention.text, records
    ('000_5eea0ef7f4f535a6.txt', '2', ('hanoi-new-york-face-masks-2020',))
    """
    from vnus._load import find_quotes, read_directory  # noqa: PLC0415

    _check_directory(directory)
    base = _base(directory, with_bundled)
    if directory is None:
        from vnus._load import bundled_directory  # noqa: PLC0415

        directory = bundled_directory()
    where = os.fspath(directory) if isinstance(directory, str | os.PathLike) else str(directory)
    raw = read_directory(directory, where=str(where), max_file_bytes=max_file_bytes, base=base)
    # The audit reads the articles: official files are checked by their own build script.
    quoted = {s.id: s.seed for s in raw.sources if s.seed is not None}
    bundled = set() if base is None else {s.id for s in base.sources}
    seed_of = {i: seed for i, seed in quoted.items() if i not in bundled}  # the seeds audited
    checked = set() if base is None else {r.id for r in base.records}  # bundled: audited there
    texts = {seed_of[i]: text for i, text in raw.seeds.items() if i in seed_of}
    exclusions = _read_exclusions(directory, str(where), max_file_bytes)

    # Where each quote and each excluded text stands: every seed searched once for all.
    needles: dict[str, set[str]] = {seed: set() for seed in texts}
    for record in raw.records:
        for evidence in record.evidence:
            if evidence.source in seed_of:
                needles[seed_of[evidence.source]].add(evidence.quote)
    for exclusion in exclusions:
        if exclusion.seed in needles:
            needles[exclusion.seed].add(exclusion.text)
    starts = {
        seed: find_quotes(texts[seed], wanted, every=True) for seed, wanted in needles.items()
    }

    # Which record covers which span of which seed.
    spans: dict[str, list[tuple[int, int, int, str]]] = {seed: [] for seed in texts}
    unsupported = []
    held: dict[str, Held] = {}
    for record in raw.records:
        values: set[Decimal] = set()
        articles = [e for e in record.evidence if e.source in quoted]
        if not articles or record.id in checked:
            continue
        held[record.id] = held_values(record)
        for evidence in articles:
            values |= quote_values(evidence.quote)
            if evidence.source not in seed_of:
                continue  # a quote from a bundled article: its numbers count, not its spans
            seed = seed_of[evidence.source]
            length = len(evidence.quote)
            spans[seed] += [
                (a, a + length, 0, record.id) for a in starts[seed].get(evidence.quote, ())
            ]
        unsupported += [
            Unsupported(record.id, field, value)
            for field, value in record_numbers(record)
            if value not in values
        ]
    excluded_spans: dict[str, list[tuple[int, int, int, Exclusion]]] = {s: [] for s in texts}
    unused = []
    for order, exclusion in enumerate(exclusions):
        found = starts.get(exclusion.seed, {}).get(exclusion.text, ())
        if not found:
            unused.append(exclusion)
        length = len(exclusion.text)
        excluded_spans.setdefault(exclusion.seed, []).extend(
            (a, a + length, order, exclusion) for a in found
        )

    covered, excluded, uncovered = [], [], []
    for seed, text in sorted(texts.items()):
        mentions = find_mentions(seed, text)
        by_record = _covering(mentions, spans[seed])
        by_exclusion = _covering(mentions, excluded_spans[seed])
        for mention, quoting, why in zip(mentions, by_record, by_exclusion, strict=True):
            records = {rid for _, rid in quoting if held[rid].holds(mention)}
            if records:
                covered.append((mention, tuple(sorted(records))))
            elif why:
                excluded.append((mention, min(why, key=lambda pair: pair[0])[1]))
            else:
                uncovered.append(mention)
    excluding = {exclusion for _, exclusion in excluded}
    idle = [e for e in exclusions if e not in excluding and e not in unused]
    return AuditReport(
        covered=tuple(covered),
        excluded=tuple(excluded),
        uncovered=tuple(uncovered),
        unsupported=tuple(unsupported),
        unused_exclusions=tuple(unused),
        idle_exclusions=tuple(idle),
    )

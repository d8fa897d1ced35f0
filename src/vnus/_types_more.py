"""The value types a first query seldom needs, built the first time one is used.

:mod:`vnus.types` hands them out: it imports this module the first time one of their names is
read. They are the sources' descriptions, people, sectors, officials and corrections.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs

from vnus._parse import describe as _describe
from vnus._role import fields_eq, fields_hash, fields_repr, role, sealed
from vnus.types import (
    PartialDate,
    _check_slug,
    _check_year,
    _optional_text,
    _require_text,
    _text_tuple,
)

__all__ = [
    "Correction",
    "Official",
    "Person",
    "Retrieval",
    "RetrievedFile",
    "Sector",
    "Source",
    "SourceKind",
]


@sealed
@attrs.frozen
class Correction:
    """Where a record departs from one source's words, what it says instead, and why.

    A source's typo or error, or a detail on which two sources disagree: the source's words
    stay in the record's evidence, and the record says what it holds instead.

    >>> c = Correction("leader.name", "hist-visits-2020", "Nguyen Tan Dung", "Pham Minh Chinh",
    ...                "Pham Minh Chinh was Prime Minister in May 2022.")
    >>> c.source_says, c.record_says
    ('Nguyen Tan Dung', 'Pham Minh Chinh')
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    field: str = attrs.field(validator=_require_text)
    source: str = attrs.field(validator=_require_text, metadata=role(source=True))
    source_says: str = attrs.field(validator=_require_text)
    record_says: str = attrs.field(validator=_require_text)
    reason: str = attrs.field(validator=_require_text)


class SourceKind(enum.Enum):
    """What a source is.

    >>> SourceKind.STATISTICAL_TABLE.value
    'statistical table'
    """

    #: A news article; its text is a seed file.
    ARTICLE = "article"
    #: A table of official statistics (a JSON-lines file).
    STATISTICAL_TABLE = "statistical table"
    #: A set of official records, such as a register of trips or visits (an XML file).
    RECORD_SET = "record set"
    #: An official reference work, such as a guide to diplomatic relations (an XML file).
    REFERENCE_GUIDE = "reference guide"


@sealed
@attrs.frozen
class RetrievedFile:
    """One file a source was copied from: its path in the repository, and the commit."""

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    path: str = attrs.field(validator=_require_text)
    commit: str = attrs.field(validator=_require_text)


@sealed
@attrs.frozen
class Retrieval:
    """Where a source file was retrieved from: a repository, path and commit, or a URL.

    ``files`` lists each file and commit where the source's lines came from several.
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    repository: str | None = attrs.field(default=None, validator=_optional_text)
    path: str | None = attrs.field(default=None, validator=_optional_text)
    commit: str | None = attrs.field(default=None, validator=_optional_text)
    url: str | None = attrs.field(default=None, validator=_optional_text)
    files: tuple[RetrievedFile, ...] = attrs.field(
        default=(),
        validator=attrs.validators.deep_iterable(
            attrs.validators.instance_of(RetrievedFile), attrs.validators.instance_of(tuple)
        ),
    )


def _check_published(_inst: object, _attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, PartialDate | dt.datetime):
        msg = f"published must be a PartialDate or a datetime, got {_describe(value)}"
        raise TypeError(msg)
    if isinstance(value, dt.datetime):
        _check_year("published", value)


_SHA256 = 64


def _optional_sha256(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or len(value) != _SHA256 or value.strip("0123456789abcdef"):
        msg = f"{attribute.name} must be 64 lower-case hex digits or None, got {_describe(value)}"
        raise ValueError(msg)


@sealed
@attrs.frozen
class Source:
    """A source the dataset quotes: a news article, or an official file.

    ``published`` is a :class:`datetime.datetime` where the source prints its time, and a
    :class:`PartialDate` otherwise; ``inferred`` names the fields that the source does not
    print but that were inferred (``note`` says how): a title supplied for an article without a
    headline, a publisher taken from a credit line, a date worked out from the text.
    ``publisher`` is None where the source names none. An article's text is its ``seed`` (a
    file in the data directory's ``seeds/``); an official file is ``file`` (a path in the
    data directory's ``sources/``, in ``format`` ``jsonl`` or ``xml``), pinned by ``sha256``,
    with its ``licence`` and where it was ``retrieved_from``.

    >>> s = Source("x", "Title", "Publisher", PartialDate(2023, 9, 11), "003_x.txt", None)
    >>> s.published_on, s.kind
    (datetime.date(2023, 9, 11), <SourceKind.ARTICLE: 'article'>)
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str = attrs.field(validator=_require_text)
    title: str = attrs.field(validator=_require_text)
    publisher: str | None = attrs.field(validator=_optional_text)
    published: PartialDate | dt.datetime = attrs.field(validator=_check_published)
    seed: str | None = attrs.field(default=None, validator=_optional_text)
    url: str | None = attrs.field(default=None, validator=_optional_text)
    note: str | None = attrs.field(default=None, validator=_optional_text)
    kind: SourceKind = attrs.field(
        default=SourceKind.ARTICLE, validator=attrs.validators.instance_of(SourceKind)
    )
    inferred: tuple[str, ...] = attrs.field(default=(), validator=_text_tuple)
    file: str | None = attrs.field(default=None, validator=_optional_text)
    format: str | None = attrs.field(default=None, validator=_optional_text)
    licence: str | None = attrs.field(default=None, validator=_optional_text)
    retrieved_from: Retrieval | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Retrieval))
    )
    sha256: str | None = attrs.field(default=None, validator=_optional_sha256)

    def __attrs_post_init__(self) -> None:
        if self.kind is SourceKind.ARTICLE:
            if self.seed is None or self.file is not None:
                msg = "an article needs a seed and no file"
                raise ValueError(msg)
            return
        if self.seed is not None or self.file is None or self.sha256 is None:
            msg = f"a {self.kind.value} needs a file and its sha256, and no seed"
            raise ValueError(msg)
        if self.format not in {"jsonl", "xml"}:
            msg = f"format must be 'jsonl' or 'xml' for a {self.kind.value}, got {self.format!r}"
            raise ValueError(msg)

    @property
    def published_on(self) -> dt.date:
        """The last day on which the source can have been published."""
        if isinstance(self.published, dt.datetime):
            return self.published.date()
        return self.published.latest


@sealed
@attrs.frozen
class Person:
    """A person as a source names them; either part may be missing, not both.

    ``official`` is the id of the person in the dataset's list of officials
    (:func:`vnus.officials`), where the person is known by more than one spelling.

    >>> Person(None, "Governor of Utah").title
    'Governor of Utah'
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    name: str | None = attrs.field(validator=_optional_text)
    title: str | None = attrs.field(default=None, validator=_optional_text)
    official: str | None = attrs.field(
        default=None, validator=_optional_text, metadata=role(official=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.name is None and self.title is None:
            msg = "a person needs a name or a title, got neither"
            raise ValueError(msg)


def _slug_tuple(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _text_tuple(inst, attribute, value)
    for item in value:  # type: ignore[attr-defined]  # a tuple after _text_tuple
        _check_slug(inst, attribute, item)


@sealed
@attrs.frozen
class Sector:
    """An entry of the controlled sector vocabulary.

    Records name sectors by ``slug``; queries accept the slug, the label or any alias.
    ``broader`` and ``narrower`` are the slugs of the sectors directly above and below this
    one, as SKOS's ``broader`` and ``narrower`` relations: each is the inverse of the other,
    a sector may have several broader ones, and no chain of them loops. A query for a sector
    also finds the sectors below it (see :meth:`vnus.Dataset.sector_priorities`).

    >>> Sector("semiconductors", "Semiconductors", ("chip technology",)).aliases
    ('chip technology',)
    >>> Sector("semiconductors", "Semiconductors", broader=("high-technology",)).broader
    ('high-technology',)
    >>> Sector("technology", "Technology", broader=("technology",))
    Traceback (most recent call last):
    ...
    ValueError: broader must not name the sector itself, got 'technology'
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    slug: str = attrs.field(validator=_check_slug)
    label: str = attrs.field(validator=_require_text)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_text_tuple)
    broader: tuple[str, ...] = attrs.field(default=(), validator=_slug_tuple)
    narrower: tuple[str, ...] = attrs.field(default=(), validator=_slug_tuple)

    def __attrs_post_init__(self) -> None:
        for name in ("broader", "narrower"):
            if self.slug in getattr(self, name):
                msg = f"{name} must not name the sector itself, got {self.slug!r}"
                raise ValueError(msg)
        both = sorted(set(self.broader) & set(self.narrower))
        if both:
            msg = f"a sector cannot be both broader and narrower than {self.slug!r}, got {both!r}"
            raise ValueError(msg)


@sealed
@attrs.frozen
class Official:
    """A leader or official the records name: a stable id, a name, every spelling, roles.

    >>> o = Official("blinken-antony-j", "Antony J. Blinken", ("Blinken",), ("Secretary of State",))
    >>> o.aliases
    ('Blinken',)
    """

    __repr__ = fields_repr
    __eq__ = fields_eq
    __hash__ = fields_hash

    id: str = attrs.field(validator=_check_slug)
    name: str = attrs.field(validator=_require_text)
    aliases: tuple[str, ...] = attrs.field(default=(), validator=_text_tuple)
    roles: tuple[str, ...] = attrs.field(default=(), validator=_text_tuple)

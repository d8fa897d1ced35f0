"""The reference tables: places, sources and sectors, with their name lookups.

Each is built once from its records; each resolves a query (a code, a name, an alias, with or
without diacritics) or raises an :class:`~vnus.errors.UnknownNameError` with suggestions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from vnus import types as _types
from vnus._args import check_text, suggest, unknown
from vnus._names import normalize
from vnus.errors import UnknownNameError, UnknownPlaceError
from vnus.types import Place

if TYPE_CHECKING:
    from vnus.types import Official, Sector, Source

__all__ = ["Officials", "Places", "Sectors", "Sources"]


class Places:
    """Places by code, each name and alias folded for lookup, and each place's ancestors.

    A query text that names a place is remembered as it was written (up to :data:`_NAMED`
    texts of at most :data:`_NAMED_LENGTH` characters), so that the same text is not folded
    again: the places never change, and a text names the same place every time.
    """

    __slots__ = ("_by_code", "_named", "ancestors", "by_code", "keys", "names", "ordered", "outer")

    def __init__(self, places: Iterable[Place]) -> None:
        self._by_code = {p.code: p for p in places}
        self._named: dict[str, Place] = {}
        self.by_code: Mapping[str, Place] = MappingProxyType(self._by_code)
        self.ordered = tuple(self.by_code[c] for c in sorted(self.by_code))
        keys: dict[str, str] = {}
        names: dict[str, str] = {}
        for place in self.by_code.values():
            for text in (place.code, place.name, *place.aliases):
                key = normalize(text)
                keys.setdefault(key, place.code)
                names.setdefault(key, text)
        self.keys: Mapping[str, str] = MappingProxyType(keys)
        self.names: Mapping[str, str] = MappingProxyType(names)
        parents = {c: p.parent for c, p in self.by_code.items()}
        #: The places that have places inside them.
        self.outer = frozenset(p for p in parents.values() if p is not None)
        self.ancestors: Mapping[str, tuple[str, ...]] = MappingProxyType(
            {c: _chain(c, parents) for c in parents}
        )

    def resolve(self, argument: str, query: object) -> Place:
        """The place a code, name, alias or :class:`Place` denotes."""
        if type(query) is str:  # the common case, first
            named = self._named
            found = named.get(query)
            if found is not None:
                return found
            code = self.keys.get(normalize(query))
            if code is not None:
                found = self._by_code[code]
                if len(named) < _NAMED and len(query) <= _NAMED_LENGTH:
                    named[query] = found
                return found
        if isinstance(query, Place):
            known = self.by_code.get(query.code)
            if known is None:
                raise UnknownPlaceError(query.code, argument=argument)
            return known
        text = check_text(argument, query)
        key = normalize(text)
        code = self.keys.get(key)
        if code is None:
            from vnus._iso3166 import country_code  # noqa: PLC0415 -- only for a name not found

            country = country_code(text)
            if country is not None:
                raise UnknownPlaceError(
                    text,
                    self._abbreviated(text.strip().upper()),
                    argument=argument,
                    reason=f"{text.strip()!r} is the ISO 3166-1 code of {country}, which the "
                    "dataset does not hold",
                )
            close = suggest(key[:200], self.keys)
            suggestions = tuple(dict.fromkeys(self.names[k] for k in close))
            raise UnknownPlaceError(text[:200], suggestions, argument=argument)
        return self.by_code[code]

    def _abbreviated(self, letters: str) -> tuple[str, ...]:
        """The places *letters* may abbreviate: the end of the code, or the name's initials."""
        return tuple(
            p.name
            for p in self.ordered
            if (p.parent is not None and p.code.rsplit("-", 1)[-1] == letters)
            or "".join(w[0] for w in p.name.replace("-", " ").split()).upper() == letters
        )

    def code(self, argument: str, query: object) -> str | None:
        """The code of the place *query* denotes; None for None."""
        return None if query is None else self.resolve(argument, query).code


#: How many query texts a :class:`Places` or :class:`Sectors` remembers, and the longest.
_NAMED, _NAMED_LENGTH = 1024, 64

#: The longest chain of places followed (the loader refuses deeper ones).
_DEPTH = 17


def _chain(code: str, parents: Mapping[str, str | None]) -> tuple[str, ...]:
    """The place and every place above it, at most _DEPTH of them, stopping at a loop."""
    chain = [code]
    seen = {code}
    parent = parents.get(code)
    while parent is not None and parent not in seen and len(chain) < _DEPTH:
        chain.append(parent)
        seen.add(parent)
        parent = parents.get(parent)
    return tuple(chain)


class Sources:
    """Sources by id, in order of publication, with the last day each can have appeared."""

    __slots__ = ("by_id", "ordered", "published")

    def __init__(self, sources: Iterable[Source]) -> None:
        self.by_id: Mapping[str, Source] = MappingProxyType({s.id: s for s in sources})
        self.ordered = tuple(sorted(self.by_id.values(), key=lambda s: (s.published_on, s.id)))
        self.published: Mapping[str, dt.date] = MappingProxyType(
            {s.id: s.published_on for s in self.ordered}
        )

    def resolve(self, argument: str, query: object) -> Source:
        """The source with this id."""
        key = check_text(argument, query)
        found = self.by_id.get(key)
        if found is None:
            error = unknown(
                "source", argument, key, self.by_id, expected="a source id (see vnus.sources())"
            )
            raise error
        return found


class Sectors:
    """The sector vocabulary by slug, with every slug, label and alias folded for lookup."""

    __slots__ = ("_named", "below", "by_slug", "keys", "ordered")

    def __init__(self, sectors: Iterable[Sector]) -> None:
        self._named: dict[str, Sector] = {}  # query texts remembered, as Places does
        self.by_slug: Mapping[str, Sector] = MappingProxyType({s.slug: s for s in sectors})
        self.ordered = tuple(self.by_slug[s] for s in sorted(self.by_slug))
        keys: dict[str, str] = {}
        children: dict[str, set[str]] = {}
        for sector in self.ordered:
            for text in (sector.slug, sector.label, *sector.aliases):
                keys.setdefault(normalize(text), sector.slug)
            children.setdefault(sector.slug, set()).update(sector.narrower)
            for parent in sector.broader:
                children.setdefault(parent, set()).add(sector.slug)
        self.keys: Mapping[str, str] = MappingProxyType(keys)
        #: Each slug with every slug below it, however deep (SKOS's narrowerTransitive).
        self.below: Mapping[str, frozenset[str]] = MappingProxyType(
            {slug: _closure(slug, children) for slug in self.by_slug}
        )

    def within(self, slug: str, *, exact: bool) -> str | frozenset[str]:
        """What a filter for *slug* matches: the slug alone, or with every sector below it."""
        if exact:
            return slug
        found = self.below.get(slug)
        return slug if found is None or len(found) == 1 else found

    def resolve(self, argument: str, query: object) -> Sector:
        """The sector a slug, label or alias denotes."""
        named = self._named
        if type(query) is str:
            found = named.get(query)
            if found is not None:
                return found
        text = check_text(argument, query)
        key = normalize(text)
        slug = self.keys.get(key)
        if slug is None:
            close = suggest(key[:200], self.keys)
            error = UnknownNameError(
                "sector",
                text[:200],
                tuple(dict.fromkeys(self.keys[k] for k in close)),
                argument=argument,
                expected="a sector slug, label or alias (see vnus.sectors())",
            )
            raise error
        found = self.by_slug[slug]
        if type(query) is str and len(named) < _NAMED and len(query) <= _NAMED_LENGTH:
            named[query] = found
        return found


def _closure(slug: str, children: Mapping[str, set[str]]) -> frozenset[str]:
    """*slug* and every slug below it, each once (a loop, refused by the loader, ends it)."""
    found = {slug}
    stack = [slug]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return frozenset(found)


class Officials:
    """Officials by id; each found by its id, name, any alias, or a surname it alone carries."""

    __slots__ = ("by_id", "keys", "ordered")

    def __init__(self, officials: Iterable[Official]) -> None:
        self.by_id: Mapping[str, Official] = MappingProxyType({o.id: o for o in officials})
        self.ordered = tuple(self.by_id[i] for i in sorted(self.by_id))
        keys: dict[str, str] = {}
        surnames: dict[str, set[str]] = {}
        for official in self.ordered:
            for text in (official.id, official.name, *official.aliases):
                keys.setdefault(normalize(text), official.id)
                words = normalize(text).split()
                if len(words) > 1:
                    surnames.setdefault(words[-1], set()).add(official.id)
        for surname, owners in surnames.items():
            if len(owners) == 1:
                keys.setdefault(surname, next(iter(owners)))
        self.keys: Mapping[str, str] = MappingProxyType(keys)

    def resolve(self, argument: str, query: object) -> Official:
        """The official an id, a name, an alias or a surname denotes (diacritics ignored)."""
        if isinstance(query, _types.Official):
            query = query.id
        text = check_text(argument, query)
        ident = self.keys.get(normalize(text))
        if ident is None:
            error = unknown(
                "person",
                argument,
                text,
                self.keys,
                expected="an official's name, alias or surname (see vnus.officials())",
            )
            raise error
        return self.by_id[ident]

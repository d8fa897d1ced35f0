"""A user's data directory read beside the bundled data, as one dataset.

The user's directory holds only what it adds: its own sources (with their texts in its
``seeds/``), records, and any places, sectors or officials the bundled data lacks. Its records
may name the bundled places, sectors, officials and sources (a quote from a bundled article is
checked against that article's text). Every key it defines must be new: an id, code, slug or
seed file name that the bundled data already uses is refused, naming the bundled file.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from vnus._spec import spec
from vnus.errors import DataProblem

if TYPE_CHECKING:
    from vnus._load import RawData, _Loaded
    from vnus.records import Record

__all__ = ["BUNDLED", "bundled_raw", "check_clashes", "joined"]

#: How messages name the bundled data directory.
BUNDLED = "vnus/data"


@functools.cache
def bundled_raw() -> RawData:
    """The bundled data directory, read and fully checked once per process."""
    from vnus._load import bundled_directory, read_directory  # noqa: PLC0415 -- no cycle

    return read_directory(bundled_directory(), where=BUNDLED)


def _keys(base: RawData) -> dict[str, dict[str, str]]:
    """For each kind of key, the keys the bundled data uses and the file that holds each."""
    records: dict[str, str] = {}
    for record in base.records:
        records[record.id] = f"{BUNDLED}/{spec(type(record)).file}"
    return {
        "source": {s.id: f"{BUNDLED}/sources.json" for s in base.sources},
        "seed": {s.seed: f"{BUNDLED}/seeds/" for s in base.sources if s.seed is not None},
        "place": {p.code: f"{BUNDLED}/places.json" for p in base.places},
        "sector": {s.slug: f"{BUNDLED}/sectors.json" for s in base.sectors},
        "official": {o.id: f"{BUNDLED}/officials.json" for o in base.officials},
        "record": records,
    }


def _clash(
    items: list[tuple[str, Any]], file: str, field: str, what: str, used: dict[str, str]
) -> tuple[list[tuple[str, Any]], list[DataProblem]]:
    """The items whose key is new, and a problem for each one the bundled data already uses."""
    kept: list[tuple[str, Any]] = []
    problems: list[DataProblem] = []
    for label, item in items:
        key = getattr(item, field)
        if key in used:
            msg = (
                f"{what} {key!r} is already used by the bundled data ({used[key]}); "
                f"a directory loaded with the bundled data must use a {what} of its own"
            )
            problems.append(DataProblem(file, label, field, msg))
        else:
            kept.append((label, item))
    return kept, problems


def check_clashes(  # noqa: PLR0917 -- one list per table of the directory
    base: RawData,
    sources: _Loaded,
    places: _Loaded,
    sectors: _Loaded,
    officials: _Loaded,
    records: list[tuple[str, str, Record]],
    problems: list[DataProblem],
) -> list[tuple[str, str, Record]]:
    """Refuse every key of the user's directory that the bundled data already uses.

    The clashing items are dropped from *sources*, *places*, *sectors* and *officials* (in
    place) and from the records returned, so that no later check repeats the problem.
    """
    used = _keys(base)
    sources.items, found = _clash(sources.items, "sources.json", "id", "source id", used["source"])
    problems += found
    seeds = used["seed"]
    for label, source in sources.items:
        if source.seed is not None and source.seed in seeds:
            msg = (
                f"seed file name {source.seed!r} is already the name of a bundled article's "
                f"text ({seeds[source.seed]}); name the text of your source differently"
            )
            problems.append(DataProblem("sources.json", label, "seed", msg))
    places.items, found = _clash(places.items, "places.json", "code", "place code", used["place"])
    problems += found
    sectors.items, found = _clash(
        sectors.items, "sectors.json", "slug", "sector slug", used["sector"]
    )
    problems += found
    officials.items, found = _clash(
        officials.items, "officials.json", "id", "official id", used["official"]
    )
    problems += found
    kept: list[tuple[str, str, Record]] = []
    for file, label, record in records:
        where = used["record"].get(record.id)
        if where is None:
            kept.append((file, label, record))
            continue
        msg = (
            f"record id {record.id!r} is already used by the bundled data ({where}); "
            "a directory loaded with the bundled data must use ids of its own"
        )
        problems.append(DataProblem(file, label, "id", msg))
    return kept


def joined(bundled: tuple[Any, ...], loaded: _Loaded) -> _Loaded:
    """A reference table of the bundled data followed by the user's, for the reference checks."""
    from vnus._load import _Loaded  # noqa: PLC0415 -- no cycle

    items = [(f"{BUNDLED}: records[{i}]", item) for i, item in enumerate(bundled)]
    return _Loaded(items + loaded.items, failed=loaded.failed, unchecked=loaded.unchecked)

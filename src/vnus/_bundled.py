"""The bundled dataset, and the module-level helpers that are its bound methods.

Building the dataset reads nothing: each bundled file is read and indexed the first time a
query needs it (the test suite validates the bundled files as a whole, and a digest pins them).

>>> import vnus
>>> vnus.trade_with_us.__self__ is vnus.dataset()
True
"""

from __future__ import annotations

import functools
from typing import Any

from vnus import _load
from vnus._dataset import Dataset, PartList

__all__ = [
    "dataset",
    "delegations",
    "disagreements",
    "indicators",
    "investments",
    "metrics",
    "milestones",
    "official",
    "officials",
    "place",
    "places",
    "sector",
    "sector_priorities",
    "sectors",
    "source",
    "sources",
    "timeline",
    "trade",
    "trade_series",
    "trade_with_us",
]

_WHERE = "vnus/data"
_directory = _load.bundled_directory()


_REFERENCE = frozenset({"sources.json", "places.json", "sectors.json", "officials.json"})


@functools.cache
def _manifest() -> dict[str, list[tuple[str, dict[str, frozenset[str]]]]]:
    return _load.read_manifest(_directory, where=_WHERE)


def _read(name: str) -> tuple[Any, ...]:
    """One file's records; a reference table's with those of its parts."""
    names = [name]
    if name in _REFERENCE:
        names += [part for part, _ in _manifest().get(name, [])]
    # read_table is looked up on the module at each call, so a test can count the reads.
    return tuple(
        record
        for one in names
        for record in _load.read_table(_directory, one, where=_WHERE, parts=False)
    )


def _parts(name: str) -> PartList:
    """A record table's files: its own, then each part that ``parts.json`` lists.

    Each part comes with the place codes it names, so a query reads only the parts that can
    hold a match.
    """
    listed: PartList = [(name, None)]
    listed += [(part, codes) for part, codes in _manifest().get(name, [])]
    return listed


_default = Dataset(_read, where=_WHERE, parts=_parts)


def dataset() -> Dataset:
    """Return the bundled dataset; its files are read on first use (once, whatever the threads).

    The module-level helpers (``vnus.trade_with_us`` and the rest) are its bound methods.

    Returns:
        The one :class:`~vnus.Dataset` of the data shipped with vnus.

    >>> import vnus
    >>> vnus.dataset() is vnus.dataset()
    True
    """
    return _default


trade_with_us = _default.trade_with_us
trade = _default.trade
trade_series = _default.trade_series
disagreements = _default.disagreements
investments = _default.investments
milestones = _default.milestones
delegations = _default.delegations
sector_priorities = _default.sector_priorities
indicators = _default.indicators
metrics = _default.metrics
timeline = _default.timeline
sources = _default.sources
officials = _default.officials
official = _default.official
source = _default.source
places = _default.places
place = _default.place
sectors = _default.sectors
sector = _default.sector
